/*
 * The C half of registered callbacks (registered.rs): whether an
 * interpreter is in global destruction, the exit-list hook that tells us
 * an interpreter is going away, warnings that cannot die, and the tokens
 * handed to a Perl event loop. Same rules as shim.c: nothing here
 * longjmps into Rust.
 */
#define PERL_NO_GET_CONTEXT
#include "EXTERN.h"
#include "perl.h"
#include "XSUB.h"

/* Whether the interpreter is in global destruction. */
int svb_destructing(pTHX)
{
    return PL_phase == PERL_PHASE_DESTRUCT;
}

/* fn(aTHX_ ptr) runs when the interpreter is destroyed (perl_destruct's
 * exit list, after END blocks and the destruction of objects). */
void svb_at_exit(pTHX_ void (*fn)(pTHX_ void *), void *ptr)
{
    Perl_call_atexit(aTHX_ fn, ptr);
}

/* warn("$prefix$err"), or warn($prefix) when err is NULL; with misc_only,
 * only where the "misc" warnings are on (as perl's own "(in cleanup)").
 * A warning made fatal (or a __WARN__ handler that dies) is swallowed. */
void svb_warn(pTHX_ const char *prefix, SV *err, int misc_only)
{
    int jumped;
    dJMPENV;
    if (misc_only && !ckWARN(WARN_MISC))
        return;
    JMPENV_PUSH(jumped);
    if (jumped == 0) {
        if (err)
            Perl_warn(aTHX_ "%s%" SVf, prefix, SVfARG(err));
        else
            Perl_warn(aTHX_ "%s", prefix);
    }
    JMPENV_POP;
    PERL_UNUSED_VAR(jumped);
}

/* A copy of sv (its get magic may run Perl code: the JMPENV code of a die
 * is returned, 0 otherwise). */
int svb_copy(pTHX_ SV *sv, SV **out)
{
    int jumped;
    dJMPENV;
    *out = NULL;
    JMPENV_PUSH(jumped);
    if (jumped == 0)
        *out = newSVsv(sv);
    JMPENV_POP;
    return jumped;
}

SV *svb_new_rv_inc(pTHX_ SV *target)
{
    return newRV_inc(target);
}

/* A token: a reference to a read-only integer, as the values a Perl event
 * loop stores and hands back. */
SV *svb_new_token(pTHX_ UV id)
{
    SV *inner = newSVuv(id);
    SvREADONLY_on(inner);
    return newRV_noinc(inner);
}

/* The integer a token refers to, or 0 when sv is not a reference to a
 * plain integer. Returns 0, or the JMPENV code of its get magic's die. */
int svb_token_id(pTHX_ SV *sv, UV *id)
{
    int jumped;
    dJMPENV;
    *id = 0;
    JMPENV_PUSH(jumped);
    if (jumped == 0) {
        SvGETMAGIC(sv);
        if (SvROK(sv)) {
            SV *inner = SvRV(sv);
            if (SvTYPE(inner) < SVt_PVAV && !SvROK(inner) && !SvGMAGICAL(inner) && SvIOK(inner) && !SvOBJECT(inner))
                *id = SvUV(inner);
        }
    }
    JMPENV_POP;
    return jumped;
}

/* After a callback that was handed a lent object (made with
 * svb_new_object on a handle libvirt only lent us): whether the object
 * escaped the callback, that is whether anything but our own two
 * references (`inner`, held by us, and `rv`, still pointing at it) keeps
 * it. When it did not escape, the handle is taken out of the object, so
 * that freeing the object gives back no libvirt reference; when it did,
 * the caller takes one for it. */
int svb_object_settle(pTHX_ SV *rv, SV *inner, void *handle)
{
    MAGIC *mg;
    int points = SvROK(rv) && SvRV(rv) == inner;
    U32 ours = 1 + (U32)points;
    if (SvREFCNT(inner) > ours || (points && SvREFCNT(rv) > 1))
        return 1;
    for (mg = SvMAGIC(inner); mg; mg = mg->mg_moremagic) {
        if (mg->mg_type == PERL_MAGIC_ext && mg->mg_ptr == (char *)handle) {
            mg->mg_ptr = NULL;
            break;
        }
    }
    return 0;
}

/* What a reference points to (rv must be a reference). */
SV *svb_rv_target(SV *rv)
{
    return SvRV(rv);
}
