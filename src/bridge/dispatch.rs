//! The way in from Perl: every XSUB's entry, its failure path, and boot.
//!
//! [`xsubs!`] turns a plain Rust function into the `extern "C"` entry
//! Perl calls; the entry hands it to [`dispatch`], which reads the
//! arguments, runs the body under `catch_unwind`, turns the result into
//! Perl values, lets every Rust value drop, and only then croaks: croak is
//! a longjmp and must never jump over a live Rust frame.

use std::any::Any;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;

use super::args::{Args, Known};
use super::callback::take_exiting;
use super::registered::{release_in_free, safe_point, PENDING};
use super::error::{Error, Result};
use super::ffi::{self, Perl, XsubFn, CV};
use super::object::{install_kinds, kinds, retain_raw, KindInfo, MAX_KINDS};
use super::value::{error_object, new_string, IntoReturn, Ret};

/// Describes one parameter for the usage message.
pub struct Param {
    pub name: &'static str,
    pub optional: bool,
}

fn usage(sub_name: &str, params: &[Param]) -> String {
    let list: Vec<String> = params
        .iter()
        .map(|p| if p.optional { format!("{}=0", p.name) } else { p.name.to_string() })
        .collect();
    format!("Usage: {}({})", sub_name, list.join(", "))
}

pub(super) fn panic_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs one XSUB body and hands its result to Perl. Called by the
/// entry points that [`xsubs!`] generates; never returns when it croaks.
///
/// # Safety
/// `perl` must be the running interpreter and this must be called from an
/// XSUB entry point, with the XSUB's arguments on Perl's stack.
#[inline(always)]
pub unsafe fn dispatch<R: IntoReturn>(
    perl: Perl,
    sub_name: &'static str,
    params: &'static [Param],
    required: usize,
    body: impl FnOnce(&Args) -> Result<R>,
) {
    let failure: Option<Error> = {
        let entry = super::layout::xs_enter(perl);
        let (ax, items) = (entry.ax, entry.items);
        let args = Args { perl, base: entry.base, items, sub_name, first: Known { kind: entry.kind, handle: entry.handle, inner: entry.inner } };
        if (items as usize) < required || items as usize > params.len() {
            Some(Error::Croak(usage(sub_name, params)))
        } else {
            // The result goes onto the stack inside the catch too: a hash
            // written field by field runs code of the package's.
            match catch_unwind(AssertUnwindSafe(|| body(&args).and_then(|ret| ret.push(perl, ax)))) {
                Ok(Ok(())) => None,
                Ok(Err(Error::Usage)) => Some(Error::Croak(usage(sub_name, params))),
                Ok(Err(err)) => Some(err),
                Err(payload) => Some(Error::Croak(format!("{}: internal error: {}", sub_name, panic_message(payload)))),
            }
        }
    };
    let mut failure = failure;
    if PENDING.load(Ordering::Relaxed) != 0 {
        // Registered callbacks left work for this thread: releases, a failure.
        safe_point(perl, Some(&mut failure));
    }
    if let Some(err) = failure {
        raise(perl, err);
    }
}

/// Turns an error into `$@` and unwinds Perl. Every Rust value of the
/// XSUB is gone by now; `err` itself is consumed before the jump.
unsafe fn raise(perl: Perl, err: Error) -> ! {
    let sv = match err {
        Error::Died(jumped) => {
            // An exit from a callback has left perl unwound: only the jump remains.
            take_exiting();
            ffi::svb_rethrow(perl, jumped)
        }
        Error::Croak(message) => new_string(perl, &message),
        Error::Libvirt(e) => error_object(perl, &e),
        Error::Perl(sv) => sv.into_raw(),
        Error::Usage => new_string(perl, "Usage: a required argument is missing"),
    };
    ffi::svb_croak_sv(perl, sv)
}

/// Registers one XSUB under its full name.
///
/// # Safety
/// Only during boot, with the running interpreter.
pub unsafe fn register_xsub(perl: Perl, name: &str, f: XsubFn) {
    let name = CString::new(name).expect("XSUB name with NUL");
    ffi::svb_new_xsub(perl, name.as_ptr(), f);
}

/// The value of a constant sub.
pub enum Constant {
    Int(i64),
    UInt(u64),
    Str(&'static CStr),
}

/// Registers one constant sub, `package::name`.
///
/// # Safety
/// Only during boot, with the running interpreter.
pub unsafe fn register_constant(perl: Perl, package: &str, name: &str, value: Constant) {
    let package = CString::new(package).expect("package with NUL");
    let name = CString::new(name).expect("constant name with NUL");
    let (kind, iv, uv, s) = match value {
        Constant::Int(v) => (0, v as isize, 0, std::ptr::null()),
        Constant::UInt(v) => (1, 0, v as usize, std::ptr::null()),
        Constant::Str(v) => (2, 0, 0, v.as_ptr()),
    };
    ffi::svb_new_constant(perl, package.as_ptr(), name.as_ptr(), kind, iv, uv, s);
}

/// Starts `boot_Sys__Virt`: the XS handshake (a stale library fails
/// here, loudly) and the kinds table.
///
/// # Safety
/// Only as the first thing `boot_Sys__Virt` does.
pub unsafe fn boot_begin(perl: Perl, cv: *mut CV, table: &'static [KindInfo]) -> i32 {
    const _: () = assert!(MAX_KINDS <= u16::MAX as usize);
    install_kinds(table);
    let classes: Vec<*const c_char> = kinds().iter().map(|k| k.class.as_ptr()).collect();
    let ax = ffi::svb_boot_begin(perl, cv);
    if ffi::svb_init(release_in_free, retain_raw, classes.as_ptr(), classes.len() as c_int) != 0 {
        panic!("the kinds table does not fit the shim's stash cache");
    }
    ffi::svb_boot_context(perl);
    register_xsub(perl, "Sys::Virt::CLONE", clone_xsub);
    ax
}

/// The Perl class of every object kind, in table order.
pub fn object_classes() -> Vec<&'static CStr> {
    kinds().iter().filter(|k| k.release.is_some()).map(|k| k.class).collect()
}

/// `Sys::Virt::CLONE`, which perl calls in each new ithread: the thread's
/// interpreter gets its own stash cache. A subclass of Sys::Virt inherits
/// CLONE and calls it again; only the call for Sys::Virt itself counts.
unsafe extern "C" fn clone_xsub(perl: Perl, _cv: *mut CV) {
    dispatch(perl, "Sys::Virt::CLONE", &[Param { name: "class", optional: true }], 0, |args| {
        let class = match args.get(0, "class") {
            Some(arg) => arg.string()?,
            None => None,
        };
        if class.as_deref() == Some("Sys::Virt") {
            ffi::svb_clone_context(perl);
        }
        Ok(Ret::Empty)
    })
}

/// # Safety
/// Only as the last thing `boot_Sys__Virt` does, with `boot_begin`'s value.
pub unsafe fn boot_end(perl: Perl, ax: i32) {
    ffi::svb_boot_end(perl, ax)
}

/// Declares a Perl package's XSUBs as plain Rust functions.
///
/// ```ignore
/// xsubs! { "Sys::Virt::DomainSnapshot";
///     fn get_name(snap: Obj<DomainSnapshot>) -> Result<CText> { ... }
/// }
/// ```
/// Each function stays callable from Rust; the macro adds an entry point
/// per function in a submodule `xs` and the table `XSUBS` of
/// (`Package::name`, entry point) that boot registers.
#[macro_export]
macro_rules! xsubs {
    ($package:literal; $(
        $(#[$attr:meta])*
        fn $name:ident ( $( $arg:ident : $ty:ty ),* $(,)? ) -> Result<$ret:ty> $body:block
    )*) => {
        $(
            $(#[$attr])*
            #[allow(non_snake_case)]
            pub fn $name( $( $arg : $ty ),* ) -> $crate::bridge::Result<$ret> $body
        )*

        pub mod xs {
            #![allow(non_snake_case, unused_imports)]
            use super::*;
            $(
                /// # Safety
                /// Called by Perl as an XSUB.
                #[allow(unused_assignments)]
                pub unsafe extern "C" fn $name(perl: $crate::bridge::Perl, _cv: *mut $crate::bridge::CV) {
                    static PARAMS: &[$crate::bridge::Param] = &[$(
                        $crate::bridge::Param {
                            name: stringify!($arg),
                            optional: <$ty as $crate::bridge::FromArg>::OPTIONAL,
                        }
                    ),*];
                    const REQUIRED: usize = 0 $( + !<$ty as $crate::bridge::FromArg>::OPTIONAL as usize )*;
                    #[allow(unused_variables)]
                    $crate::bridge::dispatch(perl, concat!($package, "::", stringify!($name)), PARAMS, REQUIRED, |args| {
                        #[allow(unused_mut, unused_variables, unused_assignments)]
                        let mut index = 0usize;
                        $(
                            let $arg = <$ty as $crate::bridge::FromArg>::from_arg(args.get(index, stringify!($arg)))?;
                            index += 1;
                        )*
                        super::$name($($arg),*)
                    })
                }
            )*
        }

        /// This package's XSUBs, for boot to register.
        pub static XSUBS: &[(&str, $crate::bridge::XsubFn)] = &[
            $( (concat!($package, "::", stringify!($name)), xs::$name as $crate::bridge::XsubFn) ),*
        ];
    };
}
