/*
 * The C half of the Perl bridge: Perl's API is mostly macros, which Rust
 * cannot call, so each one the bridge needs gets a small function here.
 *
 * Rules kept by every function in this file:
 *  - it never longjmps into Rust: anything that can run Perl code (get
 *    magic, tie, overloading) runs under a JMPENV of our own, and the jump
 *    code is handed back so the caller can rethrow it once its Rust frames
 *    have been unwound;
 *  - the only deliberate longjmps are svb_croak_sv and svb_rethrow, which
 *    the bridge calls from its outermost frame with nothing left to drop.
 */
#define PERL_NO_GET_CONTEXT
#include "EXTERN.h"
#include "perl.h"
#include "XSUB.h"

typedef void (*svb_handle_fn)(U16 kind, void *handle);

static svb_handle_fn svb_release_handle;
static svb_handle_fn svb_retain_handle;

/* ---------------------------------------------------------------- magic */

/* Freed with its scalar: gives the libvirt reference back exactly once. */
static int svb_mg_free(pTHX_ SV *sv, MAGIC *mg)
{
    void *handle = mg->mg_ptr;
    PERL_UNUSED_ARG(sv);
    if (handle) {
        mg->mg_ptr = NULL;
        svb_release_handle(mg->mg_private, handle);
    }
    return 0;
}

/* A new ithread got a copy of the scalar: the copy needs its own reference. */
static int svb_mg_dup(pTHX_ MAGIC *mg, CLONE_PARAMS *param)
{
    PERL_UNUSED_ARG(param);
    if (mg->mg_ptr)
        svb_retain_handle(mg->mg_private, mg->mg_ptr);
    return 0;
}

/* Not static: the Rust side compares magic with it (bridge/layout.rs). */
MGVTBL svb_vtbl = {
    NULL, NULL, NULL, NULL, svb_mg_free, NULL, svb_mg_dup, NULL
};

/* ------------------------------------------------------ class stashes */

/* Looking a stash up by name costs more than building the object, so each
 * interpreter keeps its classes' stashes, indexed by kind (0 is the error
 * class). A new ithread refills them with its own (svb_clone_context). */
#define SVB_MAX_KINDS 32
#define MY_CXT_KEY "Sys::Virt::_stashes" XS_VERSION
typedef struct {
    HV *stash[SVB_MAX_KINDS];
} my_cxt_t;
START_MY_CXT

static const char *svb_class_names[SVB_MAX_KINDS];

static void svb_fill_stashes(pTHX_ my_cxt_t *cxt)
{
    int kind;
    for (kind = 0; kind < SVB_MAX_KINDS; kind++)
        cxt->stash[kind] = svb_class_names[kind] ? gv_stashpv(svb_class_names[kind], GV_ADD) : NULL;
}

/* classes: n class names (static strings), indexed by kind. Returns -1,
 * changing nothing, when there are more than the cache holds. */
int svb_init(svb_handle_fn release, svb_handle_fn retain, const char *const *classes, int n)
{
    int kind;
    if (n < 0 || n > SVB_MAX_KINDS)
        return -1;
    svb_release_handle = release;
    svb_retain_handle = retain;
    for (kind = 0; kind < n; kind++)
        svb_class_names[kind] = classes[kind];
    return 0;
}

void svb_boot_context(pTHX)
{
    MY_CXT_INIT;
    svb_fill_stashes(aTHX_ &MY_CXT);
}

void svb_clone_context(pTHX)
{
    MY_CXT_CLONE;
    svb_fill_stashes(aTHX_ &MY_CXT);
}

HV *svb_kind_stash(pTHX_ U16 kind)
{
    dMY_CXT;
    return kind < SVB_MAX_KINDS ? MY_CXT.stash[kind] : NULL;
}

/* ----------------------------------------------------------------- boot */

I32 svb_boot_begin(pTHX_ CV *cv)
{
    dXSBOOTARGSXSAPIVERCHK;
    PERL_UNUSED_VAR(cv);
    PERL_UNUSED_VAR(items);
    PERL_UNUSED_VAR(mark);
    PERL_UNUSED_VAR(sp);
    return ax;
}

void svb_boot_end(pTHX_ I32 ax)
{
    Perl_xs_boot_epilog(aTHX_ ax);
}

void svb_new_xsub(pTHX_ const char *name, XSUBADDR_t fn)
{
    Perl_newXS_deffile(aTHX_ name, fn);
}

/* kind: 0 signed integer, 1 unsigned integer, 2 string */
void svb_new_constant(pTHX_ const char *package, const char *name, int kind,
                      IV iv, UV uv, const char *str)
{
    HV *stash = gv_stashpv(package, GV_ADD);
    SV *value;
    switch (kind) {
    case 0: value = newSViv(iv); break;
    case 1: value = newSVuv(uv); break;
    default: value = newSVpv(str, 0); break;
    }
    newCONSTSUB(stash, name, value);
}

/* ------------------------------------------------------- argument stack */

/* What svb_xs_enter found on entry to an XSUB. */
typedef struct {
    SV **base;          /* &ST(0) */
    I32 ax;
    I32 items;
    /* ST(0), when it is a plain (not tied) live object of ours: nearly
     * every XSUB is a method, so the common case costs no second call */
    void *handle;
    SV *inner;
    U16 kind;
} svb_entry;

/* Room for n return values from ST(0) on; *slots gets the address of
 * ST(0). Returns 0, or the JMPENV code of perl's croak when the stack
 * cannot grow that far. */
int svb_return_slots(pTHX_ I32 ax, SSize_t n, SV ***slots)
{
    int jumped;
    dJMPENV;
    SV **sp = PL_stack_base + ax - 1;
    if (n <= 1 || PL_stack_max - sp >= n) {
        EXTEND(sp, n);
        *slots = PL_stack_base + ax;
        return 0;
    }
    JMPENV_PUSH(jumped);
    if (jumped == 0)
        EXTEND(sp, n);
    JMPENV_POP;
    *slots = PL_stack_base + ax;
    return jumped;
}

void svb_return(pTHX_ I32 ax, SSize_t n)
{
    PL_stack_sp = PL_stack_base + ax + n - 1;
}

/* One scalar return in the op's target, as xsubpp's PUSHi/PUSHp do: no new
 * SV and no mortal for the common case. */
#define SVB_RETURN_TARG(set)                         \
    dXSTARG;                                         \
    SV **sp = PL_stack_base + ax - 1;                \
    EXTEND(sp, 1);                                   \
    set;                                             \
    PL_stack_base[ax] = TARG;                        \
    PL_stack_sp = PL_stack_base + ax

/* TARGi/TARGu store straight into a plain integer target, as PUSHi does. */
void svb_return_iv(pTHX_ I32 ax, IV v) { SVB_RETURN_TARG(TARGi(v, 1)); }
void svb_return_uv(pTHX_ I32 ax, UV v) { SVB_RETURN_TARG(TARGu(v, 1)); }

void svb_return_pv(pTHX_ I32 ax, const char *pv, STRLEN len, int utf8)
{
    SVB_RETURN_TARG(sv_setpvn(TARG, pv, len); if (utf8) SvUTF8_on(TARG); else SvUTF8_off(TARG); SvSETMAGIC(TARG));
}

/* ---------------------------------------------------- reading a scalar */

#define SVB_DEFINED     0x01
#define SVB_IV          0x02
#define SVB_UV          0x04
#define SVB_NV          0x08
#define SVB_NOT_NUMBER  0x10
#define SVB_UTF8        0x20
#define SVB_REF         0x40
#define SVB_OVERLOADED  0x80

typedef struct {
    U32 flags;
    IV iv;
    UV uv;
    NV nv;
    const char *pv;
    STRLEN len;
    SV *referent;
} svb_scalar;

/* mode: 0 a number, 1 a string or undef, 2 a string, where undef reads
 * as "" with Perl's own "uninitialized" warning */
static void svb_read(pTHX_ SV *sv, int mode, svb_scalar *out)
{
    SvGETMAGIC(sv);
    if (!SvOK(sv)) {
        if (mode == 2) {
            out->flags |= SVB_DEFINED;
            out->pv = SvPV_nomg(sv, out->len);
        }
        return;
    }
    out->flags |= SVB_DEFINED;
    if (SvROK(sv)) {
        out->flags |= SVB_REF;
        out->referent = SvRV(sv);
        if (!SvAMAGIC(sv))
            return;
        out->flags |= SVB_OVERLOADED;
    }
    if (mode) {
        out->pv = SvPV_nomg(sv, out->len);
        if (SvUTF8(sv))
            out->flags |= SVB_UTF8;
    } else if (SvIOK(sv) && !SvROK(sv)) {
        if (SvIsUV(sv)) {
            out->flags |= SVB_UV;
            out->uv = SvUVX(sv);
        } else {
            out->flags |= SVB_IV;
            out->iv = SvIVX(sv);
        }
    } else if (SvNOK(sv) || SvROK(sv) || looks_like_number(sv)) {
        out->flags |= SVB_NV;
        out->nv = SvNV_nomg(sv);
    } else {
        out->flags |= SVB_NOT_NUMBER;
    }
}

/* Reads sv (see svb_read for mode), running any get magic or overloading.
 * Returns 0, or the JMPENV code of a die to rethrow later. */
int svb_fetch(pTHX_ SV *sv, int mode, svb_scalar *out)
{
    int jumped;
    dJMPENV;
    Zero(out, 1, svb_scalar);
    /* Plain values run no Perl code, so the common case skips the setjmp.
     * Left for the guarded path: get magic (ties), overloading, and the
     * "uninitialized" warning, which dies under FATAL warnings. */
    if (!SvGMAGICAL(sv) && !(SvROK(sv) && SvAMAGIC(sv)) && (SvOK(sv) || mode != 2)) {
        svb_read(aTHX_ sv, mode, out);
        return 0;
    }
    JMPENV_PUSH(jumped);
    if (jumped == 0)
        svb_read(aTHX_ sv, mode, out);
    JMPENV_POP;
    return jumped;
}

/* Perl's truth of sv, running get magic and bool overloading. Returns 0
 * or the JMPENV code of a die. */
int svb_truth(pTHX_ SV *sv, int *truth)
{
    int jumped;
    dJMPENV;
    if (!SvGMAGICAL(sv) && !(SvROK(sv) && SvAMAGIC(sv))) {
        *truth = SvTRUE_nomg(sv);
        return 0;
    }
    *truth = 0;
    JMPENV_PUSH(jumped);
    if (jumped == 0)
        *truth = SvTRUE(sv);
    JMPENV_POP;
    return jumped;
}

/* -------------------------------------------------------------- objects */

/* status: 0 live object of this kind, 1 not a reference, 2 not one of our
 * objects, 3 one of ours of another kind (*found_kind says which), 4 one
 * of ours whose handle has already been released, 5 its get magic died
 * (*found_kind holds the JMPENV code to rethrow).
 *
 * With hold, *held is on success the object's scalar with one more
 * reference, which the caller gives back (svb_refcnt_dec) when the call is
 * over: Perl code run meanwhile (reading a tied or overloaded argument)
 * may drop every other reference, and the handle must outlive the call.
 * Without hold (no argument follows, so no Perl code can run) *held is
 * NULL. */
void *svb_object_handle(pTHX_ SV *sv, U16 kind, int hold, int *status, U16 *found_kind, SV **held,
                        SV **inner_out)
{
    SV *inner;
    MAGIC *mg;
    if (SvGMAGICAL(sv)) {
        /* a tied scalar or array element: FETCH may run Perl code */
        int jumped;
        dJMPENV;
        JMPENV_PUSH(jumped);
        if (jumped == 0)
            mg_get(sv);
        JMPENV_POP;
        if (jumped) {
            *status = 5;
            *found_kind = (U16)jumped;
            return NULL;
        }
    }
    if (!SvROK(sv)) {
        *status = 1;
        return NULL;
    }
    inner = SvRV(sv);
    /* Ours is normally the only magic, so look at the first entry first. */
    if (SvTYPE(inner) != SVt_PVMG
        || !((mg = SvMAGIC(inner)) && mg->mg_virtual == &svb_vtbl && mg->mg_type == PERL_MAGIC_ext)
            && !(mg = mg_findext(inner, PERL_MAGIC_ext, &svb_vtbl))) {
        *status = 2;
        return NULL;
    }
    *found_kind = mg->mg_private;
    if (mg->mg_private != kind) {
        *status = 3;
        return NULL;
    }
    if (!mg->mg_ptr) {
        *status = 4;
        return NULL;
    }
    *status = 0;
    *held = hold ? SvREFCNT_inc_simple_NN(inner) : NULL;
    *inner_out = inner;
    return mg->mg_ptr;
}

/* A blessed scalar reference whose scalar holds the handle's address, as
 * the C module made them, plus the magic that makes it ours. */
SV *svb_new_object(pTHX_ U16 kind, void *handle)
{
    HV *stash = svb_kind_stash(aTHX_ kind);
    SV *inner = newSV_type(SVt_PVMG);
    MAGIC *mg;
    /* a fresh PVMG: no magic yet, nothing to upgrade, so no sv_setiv */
    SvIV_set(inner, PTR2IV(handle));
    SvIOK_on(inner);
    /* What sv_magicext would do for this one case, without its generality
     * (the scalar is new and plain): our vtable has no get or set hooks,
     * so the magic is "random" (RMAGICAL), as mg_magical would decide. */
    Newxz(mg, 1, MAGIC);
    mg->mg_virtual = &svb_vtbl;
    mg->mg_type = PERL_MAGIC_ext;
    mg->mg_ptr = (char *)handle;
    mg->mg_private = kind;
    mg->mg_flags = MGf_DUP;
    SvMAGIC_set(inner, mg);
    SvRMAGICAL_on(inner);
    return sv_bless(newRV_noinc(inner), stash);
}

/* Returns n new objects of one kind, one per handle, each taking over the
 * handle's reference. Returns 0, or the JMPENV code of perl's croak when
 * the stack cannot grow (then no handle has been taken). */
int svb_return_objects(pTHX_ I32 ax, U16 kind, void **handles, SSize_t n)
{
    SV **slots;
    SSize_t i;
    int jumped = svb_return_slots(aTHX_ ax, n, &slots);
    if (jumped)
        return jumped;
    for (i = 0; i < n; i++)
        slots[i] = sv_2mortal(svb_new_object(aTHX_ kind, handles[i]));
    PL_stack_sp = PL_stack_base + ax + n - 1;
    return 0;
}

/* Returns n strings from libvirt as new Perl strings, character strings
 * where they hold valid non-ASCII UTF-8, and frees each once copied (so
 * that its memory serves the next copy). Returns 0, or the JMPENV code of
 * perl's croak when the stack cannot grow (then nothing was freed). */
int svb_return_texts(pTHX_ I32 ax, char **texts, SSize_t n)
{
    SV **slots;
    SSize_t i;
    int jumped = svb_return_slots(aTHX_ ax, n, &slots);
    if (jumped)
        return jumped;
    for (i = 0; i < n; i++) {
        STRLEN len = strlen(texts[i]);
        SV *sv = newSVpvn(texts[i], len);
        if (!is_utf8_invariant_string((const U8 *)texts[i], len) && is_utf8_string((const U8 *)texts[i], len))
            SvUTF8_on(sv);
        slots[i] = sv_2mortal(sv);
        free(texts[i]);
    }
    PL_stack_sp = PL_stack_base + ax + n - 1;
    return 0;
}

/* ----------------------------------------------------- building values */

SV *svb_undef(pTHX) { return &PL_sv_undef; }

/* Whether the running XSUB was called in list context. */
int svb_wants_list(pTHX) { return GIMME_V == G_ARRAY; }
SV *svb_new_undef(pTHX) { return newSV(0); }

SV *svb_new_pv(pTHX_ const char *pv, STRLEN len, int utf8)
{
    return newSVpvn_flags(pv, len, utf8 ? SVf_UTF8 : 0);
}

HV *svb_new_hv(pTHX) { return newHV(); }
AV *svb_new_av(pTHX) { return newAV(); }

void svb_av_push(pTHX_ AV *av, SV *value) { av_push(av, value); }

SV *svb_new_rv(pTHX_ SV *target) { return newRV_noinc(target); }

SV *svb_bless(pTHX_ SV *rv, HV *stash) { return sv_bless(rv, stash); }

SV *svb_mortal(pTHX_ SV *sv) { return sv_2mortal(sv); }

void svb_refcnt_dec(pTHX_ SV *sv) { SvREFCNT_dec(sv); }
SV *svb_refcnt_inc(pTHX_ SV *sv) { return SvREFCNT_inc_simple_NN(sv); }


/* ------------------------------------------------------ calling Perl */

/* hashref->{key}, borrowed, or NULL. Returns 0 or a JMPENV code (a tied
 * hash runs Perl code). */
int svb_hv_fetch(pTHX_ SV *hashref, const char *key, I32 klen, SV **out)
{
    int jumped;
    dJMPENV;
    *out = NULL;
    JMPENV_PUSH(jumped);
    if (jumped == 0 && SvROK(hashref) && SvTYPE(SvRV(hashref)) == SVt_PVHV) {
        SV **found = hv_fetch((HV *)SvRV(hashref), key, klen, 0);
        if (found)
            *out = *found;
    }
    JMPENV_POP;
    return jumped;
}

/* aref->[index], borrowed (NULL for a hole), and in *len the array's
 * length, -1 when aref is not an array reference. A negative index only
 * asks for the length. Returns 0 or a JMPENV code (tied arrays). */
int svb_av_fetch(pTHX_ SV *aref, SSize_t index, SSize_t *len, SV **out)
{
    int jumped;
    dJMPENV;
    *out = NULL;
    *len = -1;
    JMPENV_PUSH(jumped);
    if (jumped == 0 && SvROK(aref) && SvTYPE(SvRV(aref)) == SVt_PVAV) {
        AV *av = (AV *)SvRV(aref);
        *len = av_top_index(av) + 1;
        if (index >= 0 && index < *len) {
            SV **found = av_fetch(av, index, 0);
            if (found)
                *out = *found;
        }
    }
    JMPENV_POP;
    return jumped;
}

/* What sv refers to, after its get magic: -1 not a reference, 0 a scalar,
 * 1 an array, 2 a hash, 3 code, 4 anything else. Returns 0 or a JMPENV
 * code. */
int svb_ref_type(pTHX_ SV *sv, int *type)
{
    int jumped = 0;
    dJMPENV;
    *type = -1;
    if (SvGMAGICAL(sv)) {
        JMPENV_PUSH(jumped);
        if (jumped == 0)
            mg_get(sv);
        JMPENV_POP;
        if (jumped)
            return jumped;
    }
    if (SvROK(sv)) {
        switch (SvTYPE(SvRV(sv))) {
        case SVt_PVAV: *type = 1; break;
        case SVt_PVHV: *type = 2; break;
        case SVt_PVCV: *type = 3; break;
        case SVt_PVGV: case SVt_PVIO: case SVt_PVFM: *type = 4; break;
        default: *type = 0; break;
        }
    }
    return 0;
}

/* The descriptor of a Perl file handle (a glob, a glob reference or an IO
 * object), or -1 in *fd when sv is none or is closed. Returns 0 or a
 * JMPENV code (a tied handle's FILENO may die). */
int svb_fileno(pTHX_ SV *sv, int *fd)
{
    int jumped;
    dJMPENV;
    *fd = -1;
    JMPENV_PUSH(jumped);
    if (jumped == 0) {
        SV *target = sv;
        SvGETMAGIC(target);
        if (SvROK(target))
            target = SvRV(target);
        if (isGV_with_GP(target) || SvTYPE(target) == SVt_PVIO) {
            IO *io = SvTYPE(target) == SVt_PVIO ? (IO *)target : GvIO((GV *)target);
            if (io && IoIFP(io))
                *fd = PerlIO_fileno(IoIFP(io));
            if (*fd < 0)
                *fd = -2;
        }
    }
    JMPENV_POP;
    return jumped;
}

/* target = bytes, with set magic. Returns 0 or a JMPENV code (a read-only
 * target croaks, a tied one's STORE may die). */
int svb_set_pv(pTHX_ SV *target, const char *pv, STRLEN len)
{
    int jumped;
    dJMPENV;
    JMPENV_PUSH(jumped);
    if (jumped == 0) {
        sv_setpvn(target, pv, len);
        SvUTF8_off(target);
        SvSETMAGIC(target);
    }
    JMPENV_POP;
    return jumped;
}

/* target = value, with set magic; as svb_set_pv. */
int svb_set_sv(pTHX_ SV *target, SV *value)
{
    int jumped;
    dJMPENV;
    JMPENV_PUSH(jumped);
    if (jumped == 0) {
        sv_setsv(target, value);
        SvSETMAGIC(target);
    }
    JMPENV_POP;
    return jumped;
}

/* Room for n bytes in target's own string buffer, for a call that writes
 * there directly (a stream's recv). NULL when target is not a plain scalar
 * that may be written in place (it has magic, is read-only, holds a
 * reference, is not a scalar at all): the caller then reads into a buffer
 * of its own and stores through svb_set_pv. Nothing here runs Perl code.
 * The scalar's value is unchanged until svb_out_commit. */
char *svb_out_buffer(pTHX_ SV *target, STRLEN n)
{
    if (SvMAGICAL(target) || SvREADONLY(target) || SvROK(target) || SvTYPE(target) > SVt_PVMG)
        return NULL;
    if (SvIsCOW(target))
        sv_force_normal_flags(target, 0);
    SvUPGRADE(target, SVt_PV);
    return SvGROW(target, n + 1);
}

/* target now holds the n bytes written into svb_out_buffer's room: a plain
 * byte string. */
void svb_out_commit(pTHX_ SV *target, STRLEN n)
{
    SvCUR_set(target, n);
    *SvEND(target) = '\0';
    (void)SvPOK_only(target);
}

/* A new scalar with sv's value, without running its get magic (already
 * run when the argument was checked). */
SV *svb_copy_nomg(pTHX_ SV *sv)
{
    return newSVsv_nomg(sv);
}

/* The interpreter current on this thread, NULL on a thread without one. */
void *svb_current_perl(void)
{
#ifdef PERL_IMPLICIT_CONTEXT
    return PERL_GET_CONTEXT;
#else
    return PL_curinterp;
#endif
}

/* Whether $@ holds an error: a reference, or a non-empty string. Read
 * without overloading, so an error object whose boolean value is false
 * still counts. */
static int svb_is_error(pTHX_ SV *err)
{
    STRLEN len;
    if (SvROK(err))
        return 1;
    if (!SvOK(err))
        return 0;
    (void)SvPV_nomg_const(err, len);
    return len > 0;
}

/* The one way Rust calls Perl: code(args...) in void or scalar context.
 *
 *  - The sub runs on a stack of its own (PUSHSTACKi), so `last` or `next`
 *    inside it find none of the caller's loops: they die, as outside any
 *    loop, and that die is caught like any other.
 *  - G_EVAL keeps a die inside; $@ is localized, so the caller's $@ is
 *    untouched when the sub succeeds.
 *  - Our own JMPENV catches what G_EVAL passes on: an `exit`. perl has then
 *    unwound every context, scope and stack of its own (ours included), so
 *    nothing more is popped here; the code goes back to Rust, which
 *    continues the jump from the outermost XSUB.
 *
 * Returns 0 with *result a new reference to the scalar result (or NULL),
 * 1 with *error a copy of the die's $@, or the JMPENV code of an exit. */
int svb_call(pTHX_ SV *code, SV **args, I32 nargs, int scalar, SV **result, SV **error)
{
    int jumped;
    volatile int died = 0;
    dJMPENV;
    dSP;
    *result = NULL;
    *error = NULL;
    ENTER;
    SAVETMPS;
    save_scalar(PL_errgv);
    PUSHSTACKi(PERLSI_MAGIC);
    JMPENV_PUSH(jumped);
    if (jumped == 0) {
        I32 i, count;
        PUSHMARK(SP);
        EXTEND(SP, nargs);
        for (i = 0; i < nargs; i++)
            PUSHs(args[i]);
        PUTBACK;
        count = call_sv(code, (scalar ? G_SCALAR : G_VOID | G_DISCARD) | G_EVAL);
        SPAGAIN;
        if (svb_is_error(aTHX_ ERRSV)) {
            *error = newSVsv(ERRSV);
            died = 1;
        } else if (scalar && count > 0) {
            *result = newSVsv(TOPs);
        }
        SP -= count;
        PUTBACK;
    }
    JMPENV_POP;
    if (jumped)
        return jumped;
    POPSTACK;
    FREETMPS;
    LEAVE;
    return died;
}

/* ------------------------------------------------------------ croaking */

void svb_croak_sv(pTHX_ SV *err)
{
    croak_sv(sv_2mortal(err));
}

void svb_rethrow(pTHX_ int jumped)
{
    JMPENV_JUMP(jumped);
}
