//! Declarations of the C shim (`shim.c`). Nothing outside `bridge` sees these.

use std::os::raw::{c_char, c_int, c_void};

#[repr(C)]
pub struct Interpreter {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct SV {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct HV {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct AV {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct CV {
    _opaque: [u8; 0],
}

pub type Perl = *mut Interpreter;
pub type XsubFn = unsafe extern "C" fn(Perl, *mut CV);
pub type HandleFn = extern "C" fn(u16, *mut c_void);

pub const SVB_DEFINED: u32 = 0x01;
pub const SVB_IV: u32 = 0x02;
pub const SVB_UV: u32 = 0x04;
pub const SVB_NV: u32 = 0x08;
pub const SVB_UTF8: u32 = 0x20;
pub const SVB_REF: u32 = 0x40;
pub const SVB_OVERLOADED: u32 = 0x80;

/// What `svb_ref_type` says a reference points to.
pub const SVB_TYPE_HASH: c_int = 2;
pub const SVB_TYPE_CODE: c_int = 3;

/// What `svb_fetch` read out of a scalar.
#[repr(C)]
pub struct Scalar {
    pub flags: u32,
    pub iv: isize,
    pub uv: usize,
    pub nv: f64,
    pub pv: *const c_char,
    pub len: usize,
    pub referent: *mut SV,
}

/// What the entry of an XSUB found (bridge/layout.rs).
pub struct Entry {
    pub base: *mut *mut SV,
    pub ax: i32,
    pub items: i32,
    /// ST(0)'s handle, kind and scalar when it is a plain object of ours.
    pub handle: *mut c_void,
    pub inner: *mut SV,
    pub kind: u16,
}

extern "C" {
    /// The vtable of our objects' magic (only its address matters).
    static svb_vtbl: u8;
}

/// The address that tells our magic from anyone else's.
#[inline(always)]
pub fn object_vtable() -> *const c_void {
    // Only the static's address is taken, which needs no unsafe.
    std::ptr::addr_of!(svb_vtbl) as *const c_void
}

extern "C" {
    pub fn svb_init(release: HandleFn, retain: HandleFn, classes: *const *const c_char, n: c_int) -> c_int;
    pub fn svb_boot_context(perl: Perl);
    pub fn svb_clone_context(perl: Perl);
    pub fn svb_kind_stash(perl: Perl, kind: u16) -> *mut HV;
    pub fn svb_boot_begin(perl: Perl, cv: *mut CV) -> i32;
    pub fn svb_boot_end(perl: Perl, ax: i32);
    pub fn svb_new_xsub(perl: Perl, name: *const c_char, f: XsubFn);
    pub fn svb_new_constant(
        perl: Perl,
        package: *const c_char,
        name: *const c_char,
        kind: c_int,
        iv: isize,
        uv: usize,
        s: *const c_char,
    );

    pub fn svb_return_slots(perl: Perl, ax: i32, n: isize, slots: *mut *mut *mut SV) -> c_int;
    pub fn svb_return(perl: Perl, ax: i32, n: isize);
    pub fn svb_return_iv(perl: Perl, ax: i32, v: isize);
    pub fn svb_return_uv(perl: Perl, ax: i32, v: usize);
    pub fn svb_return_pv(perl: Perl, ax: i32, pv: *const c_char, len: usize, utf8: c_int);

    pub fn svb_fetch(perl: Perl, sv: *mut SV, mode: c_int, out: *mut Scalar) -> c_int;

    pub fn svb_truth(perl: Perl, sv: *mut SV, truth: *mut c_int) -> c_int;
    pub fn svb_object_handle(
        perl: Perl,
        sv: *mut SV,
        kind: u16,
        hold: c_int,
        status: *mut c_int,
        found_kind: *mut u16,
        held: *mut *mut SV,
        inner: *mut *mut SV,
    ) -> *mut c_void;
    pub fn svb_new_object(perl: Perl, kind: u16, handle: *mut c_void) -> *mut SV;
    pub fn svb_return_texts(perl: Perl, ax: i32, texts: *mut *mut c_char, n: isize) -> c_int;
    pub fn svb_return_objects(perl: Perl, ax: i32, kind: u16, handles: *mut *mut c_void, n: isize) -> c_int;

    pub fn svb_undef(perl: Perl) -> *mut SV;
    pub fn svb_wants_list(perl: Perl) -> c_int;
    pub fn svb_new_undef(perl: Perl) -> *mut SV;
    pub fn svb_new_pv(perl: Perl, pv: *const c_char, len: usize, utf8: c_int) -> *mut SV;
    pub fn svb_new_hv(perl: Perl) -> *mut HV;
    pub fn svb_new_av(perl: Perl) -> *mut AV;
    pub fn svb_av_push(perl: Perl, av: *mut AV, value: *mut SV);
    pub fn svb_new_rv(perl: Perl, target: *mut SV) -> *mut SV;
    pub fn svb_bless(perl: Perl, rv: *mut SV, stash: *mut HV) -> *mut SV;
    pub fn svb_mortal(perl: Perl, sv: *mut SV) -> *mut SV;
    pub fn svb_refcnt_dec(perl: Perl, sv: *mut SV);
    pub fn svb_refcnt_inc(perl: Perl, sv: *mut SV) -> *mut SV;
    pub fn svb_hv_fetch(perl: Perl, hashref: *mut SV, key: *const c_char, klen: i32, out: *mut *mut SV) -> c_int;
    pub fn svb_av_fetch(perl: Perl, aref: *mut SV, index: isize, len: *mut isize, out: *mut *mut SV) -> c_int;
    pub fn svb_ref_type(perl: Perl, sv: *mut SV, kind: *mut c_int) -> c_int;
    pub fn svb_fileno(perl: Perl, sv: *mut SV, fd: *mut c_int) -> c_int;
    pub fn svb_set_pv(perl: Perl, target: *mut SV, pv: *const c_char, len: usize) -> c_int;
    pub fn svb_set_sv(perl: Perl, target: *mut SV, value: *mut SV) -> c_int;
    pub fn svb_out_buffer(perl: Perl, target: *mut SV, n: usize) -> *mut c_char;
    pub fn svb_out_commit(perl: Perl, target: *mut SV, n: usize);
    pub fn svb_copy_nomg(perl: Perl, sv: *mut SV) -> *mut SV;
    pub fn svb_current_perl() -> Perl;
    pub fn svb_call(
        perl: Perl,
        code: *mut SV,
        args: *mut *mut SV,
        nargs: i32,
        scalar: c_int,
        result: *mut *mut SV,
        error: *mut *mut SV,
    ) -> c_int;

    pub fn svb_croak_sv(perl: Perl, err: *mut SV) -> !;
    pub fn svb_rethrow(perl: Perl, jumped: c_int) -> !;
}
