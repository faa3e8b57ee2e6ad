//! The two things every XSUB call does — taking its arguments off perl's
//! stack, and leaving one scalar result in the op's target — done in Rust
//! rather than through the shim, whose functions Rust cannot inline.
//!
//! They read perl's interpreter and scalar structures at offsets that
//! build.rs takes from this very perl's headers (src/bridge/layout.c), and
//! do exactly what perl's dXSARGS, dXSTARG, TARGi/TARGu and sv_setpvn +
//! SvSETMAGIC macros do; anything off the plain path (a target that is not
//! a plain integer, a stack that must grow) goes to perl's own functions or
//! to the shim.

use std::os::raw::{c_char, c_void};

use super::ffi::{self, Perl, SV};

mod offsets {
    include!(concat!(env!("OUT_DIR"), "/perl_layout.rs"));
}
use offsets::*;

extern "C" {
    fn Perl_sv_newmortal(perl: Perl) -> *mut SV;
    fn Perl_sv_setiv_mg(perl: Perl, sv: *mut SV, iv: isize);
    fn Perl_sv_setuv_mg(perl: Perl, sv: *mut SV, uv: usize);
    fn Perl_sv_setpvn(perl: Perl, sv: *mut SV, ptr: *const c_char, len: usize);
    fn Perl_mg_set(perl: Perl, sv: *mut SV) -> i32;
    fn Perl_newSViv(perl: Perl, iv: isize) -> *mut SV;
    fn Perl_newSVuv(perl: Perl, uv: usize) -> *mut SV;
    fn Perl_newSVnv(perl: Perl, nv: f64) -> *mut SV;
    fn Perl_newSVpvn_flags(perl: Perl, ptr: *const c_char, len: usize, flags: u32) -> *mut SV;
    fn Perl_hv_common_key_len(
        perl: Perl,
        hv: *mut ffi::HV,
        key: *const c_char,
        klen: i32,
        action: i32,
        val: *mut SV,
        hash: u32,
    ) -> *mut c_void;
}

// New scalars and hash stores, straight into perl's own functions: the
// values of every returned hash and list go through these, and the shim's
// wrappers around the same functions would cost a call each.

/// newSViv
#[inline(always)]
pub(super) unsafe fn new_iv(perl: Perl, v: isize) -> *mut SV {
    Perl_newSViv(perl, v)
}

/// newSVuv
#[inline(always)]
pub(super) unsafe fn new_uv(perl: Perl, v: usize) -> *mut SV {
    Perl_newSVuv(perl, v)
}

/// newSVnv
#[inline(always)]
pub(super) unsafe fn new_nv(perl: Perl, v: f64) -> *mut SV {
    Perl_newSVnv(perl, v)
}

/// newSVpvn_flags, a character string when `utf8`.
#[inline(always)]
pub(super) unsafe fn new_pv(perl: Perl, bytes: &[u8], utf8: bool) -> *mut SV {
    Perl_newSVpvn_flags(perl, bytes.as_ptr() as *const c_char, bytes.len(), if utf8 { SVF_UTF8 } else { 0 })
}

/// hv_store, taking over the reference `value` carries; a UTF-8 key when `utf8`.
#[inline(always)]
pub(super) unsafe fn hv_store(perl: Perl, hv: *mut ffi::HV, key: &[u8], utf8: bool, value: *mut SV) {
    let klen = key.len() as i32;
    Perl_hv_common_key_len(perl, hv, key.as_ptr() as *const c_char, if utf8 { -klen } else { klen }, HV_STORE_ACTION as i32, value, 0);
}

/// A field of a perl structure.
///
/// # Safety
/// `base` must point to a live structure that has a `T` at `offset`.
#[inline(always)]
unsafe fn at<T>(base: *mut c_void, offset: usize) -> *mut T {
    (base as *mut u8).add(offset) as *mut T
}

#[inline(always)]
unsafe fn flags(sv: *mut SV) -> *mut u32 {
    at(sv as *mut c_void, SV_FLAGS)
}

#[inline(always)]
unsafe fn stack_base(perl: Perl) -> *mut *mut SV {
    *at::<*mut *mut SV>(perl as *mut c_void, INTERP_STACK_BASE)
}

/// dXSARGS, plus a first look at ST(0): when it is a plain (not tied)
/// reference to a live object of ours, its handle, scalar and kind, so
/// that a method's invocant costs no second look.
///
/// # Safety
/// Only at the entry of an XSUB, with `perl` the running interpreter.
#[inline(always)]
pub(super) unsafe fn xs_enter(perl: Perl) -> ffi::Entry {
    let interp = perl as *mut c_void;
    let markp = at::<*mut i32>(interp, INTERP_MARKSTACK_PTR);
    let mark_offset = **markp;
    *markp = (*markp).sub(1);
    let base = stack_base(perl);
    let sp = *at::<*mut *mut SV>(interp, INTERP_STACK_SP);
    let mark = base.add(mark_offset as usize);
    let items = sp.offset_from(mark) as i32;
    let mut entry = ffi::Entry {
        base: mark.add(1),
        ax: mark_offset + 1,
        items,
        handle: std::ptr::null_mut(),
        inner: std::ptr::null_mut(),
        kind: 0,
    };
    if items > 0 {
        let first = *mark.add(1);
        if *flags(first) & (SVS_GMG | SVF_ROK) == SVF_ROK {
            let inner = *at::<*mut SV>(first as *mut c_void, SV_U);
            if *flags(inner) & SVTYPEMASK == SVT_PVMG {
                let body = *at::<*mut c_void>(inner as *mut c_void, SV_ANY);
                let mg = *at::<*mut c_void>(body, XPVMG_MAGIC);
                if !mg.is_null()
                    && *at::<*const c_void>(mg, MAGIC_VIRTUAL) == ffi::object_vtable()
                    && u32::from(*at::<u8>(mg, MAGIC_TYPE)) == PERL_MAGIC_EXT
                {
                    let handle = *at::<*mut c_void>(mg, MAGIC_PTR);
                    if !handle.is_null() {
                        entry.handle = handle;
                        entry.inner = inner;
                        entry.kind = *at::<u16>(mg, MAGIC_PRIVATE);
                    }
                }
            }
        }
    }
    entry
}

/// SvIOK's integer of a plain scalar (no get magic, not a reference),
/// read without running anything; None for any other scalar. Perl sets
/// the public IOK flag only for values that are exactly integers (a
/// string like "12abc" gets the private flag alone).
///
/// # Safety
/// `sv` must be a live SV.
#[inline(always)]
pub(super) unsafe fn plain_integer(sv: *mut SV) -> Option<i128> {
    let f = *flags(sv);
    if f & (SVS_GMG | SVF_ROK | SVF_IOK) != SVF_IOK {
        return None;
    }
    // SvIVX: every type with IOK has its IV at the same place in its body
    // (for a bare SVt_IV, sv_any is offset so that it lands in sv_u).
    let body = *at::<*mut c_void>(sv as *mut c_void, SV_ANY);
    let raw = *at::<isize>(body, XPVIV_IV);
    Some(if f & SVF_IVISUV != 0 { raw as usize as i128 } else { raw as i128 })
}

/// dXSTARG: the entersub op's pad target, or a new mortal.
#[inline(always)]
unsafe fn target(perl: Perl) -> *mut SV {
    let interp = perl as *mut c_void;
    let op = *at::<*mut c_void>(interp, INTERP_OP);
    if u32::from(*at::<u8>(op, OP_PRIVATE)) & OPP_ENTERSUB_HASTARG != 0 {
        let pad = *at::<*mut *mut SV>(interp, INTERP_CURPAD);
        *pad.add(*at::<usize>(op, OP_TARG))
    } else {
        Perl_sv_newmortal(perl)
    }
}

/// ST(0) = sv and XSRETURN(1), when ST(0) fits on the stack as it is;
/// false (nothing done) when the stack must grow first.
#[inline(always)]
unsafe fn room_for_one(perl: Perl, ax: i32) -> Option<*mut *mut SV> {
    let slot = stack_base(perl).add(ax as usize);
    let max = *at::<*mut *mut SV>(perl as *mut c_void, INTERP_STACK_MAX);
    (slot <= max).then_some(slot)
}

#[inline(always)]
unsafe fn finish_one(perl: Perl, slot: *mut *mut SV, sv: *mut SV) {
    *slot = sv;
    *at::<*mut *mut SV>(perl as *mut c_void, INTERP_STACK_SP) = slot;
}

/// TARGi/TARGu's test: a plain integer target and no taint, so the value
/// can be stored in place.
#[inline(always)]
unsafe fn plain_integer_target(perl: Perl, targ: *mut SV) -> bool {
    *flags(targ) & (SVTYPEMASK | SVF_THINKFIRST | SVF_IVISUV) == SVT_IV
        && !*at::<bool>(perl as *mut c_void, INTERP_TAINTED)
}

/// One signed integer returned in the op's target (PUSHi).
#[inline(always)]
pub(super) unsafe fn return_iv(perl: Perl, ax: i32, v: isize) {
    let Some(slot) = room_for_one(perl, ax) else { return ffi::svb_return_iv(perl, ax, v) };
    let targ = target(perl);
    if plain_integer_target(perl, targ) {
        *flags(targ) |= SVF_IOK | SVP_IOK;
        *at::<isize>(targ as *mut c_void, SV_U) = v;
    } else {
        Perl_sv_setiv_mg(perl, targ, v);
    }
    finish_one(perl, slot, targ);
}

/// One unsigned integer returned in the op's target (PUSHu).
#[inline(always)]
pub(super) unsafe fn return_uv(perl: Perl, ax: i32, v: usize) {
    let Some(slot) = room_for_one(perl, ax) else { return ffi::svb_return_uv(perl, ax, v) };
    let targ = target(perl);
    if plain_integer_target(perl, targ) && v <= isize::MAX as usize {
        *flags(targ) |= SVF_IOK | SVP_IOK;
        *at::<usize>(targ as *mut c_void, SV_U) = v;
    } else {
        Perl_sv_setuv_mg(perl, targ, v);
    }
    finish_one(perl, slot, targ);
}

/// One string returned in the op's target (PUSHp), a character string
/// when `utf8`.
#[inline(always)]
pub(super) unsafe fn return_pv(perl: Perl, ax: i32, bytes: &[u8], utf8: bool) {
    let Some(slot) = room_for_one(perl, ax) else {
        return ffi::svb_return_pv(perl, ax, bytes.as_ptr() as *const c_char, bytes.len(), utf8 as i32);
    };
    let targ = target(perl);
    Perl_sv_setpvn(perl, targ, bytes.as_ptr() as *const c_char, bytes.len());
    if utf8 {
        *flags(targ) |= SVF_UTF8;
    } else {
        *flags(targ) &= !SVF_UTF8;
    }
    if *flags(targ) & SVS_SMG != 0 {
        Perl_mg_set(perl, targ);
    }
    finish_one(perl, slot, targ);
}
