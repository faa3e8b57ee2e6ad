//! Calling Perl from Rust: one primitive, and the boundary for callbacks
//! that libvirt makes while one of our XSUBs is running.
//!
//! Everything a Perl sub can do on its way out is confined by [`call`]: a
//! die comes back as [`Error::Perl`] with `$@` as it was; `last`, `next`
//! and `redo` find no loop (the sub runs on a stack of its own) and become
//! ordinary dies; `exit` comes back as [`Error::Died`] once perl has
//! unwound its own state, and the XSUB that libvirt came through continues
//! it from its outermost frame. The caller's `$@` is left alone when the
//! sub succeeds.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::args::Code;
use super::error::{Error, Result};
use super::ffi::{self, Perl, SV};
use super::sv::OwnedSv;
use super::value::{new_sv, Value};

/// What a call wants back.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Void,
    Scalar,
}

thread_local! {
    /// Set once a callback has called `exit`: perl has unwound everything,
    /// so no more Perl code may run until the outermost XSUB continues the
    /// exit.
    static EXITING: Cell<bool> = const { Cell::new(false) };
}

/// Whether an `exit` from a callback is on its way out (no Perl code may
/// run until the outermost XSUB continues it).
pub(super) fn exiting() -> bool {
    EXITING.with(Cell::get)
}

/// Whether an `exit` is on its way out through our frames.
pub(super) fn take_exiting() -> bool {
    EXITING.with(|e| e.replace(false))
}

/// Calls the Perl sub `code` with `args`. The only way Rust runs Perl code.
pub(super) fn call_sv(perl: Perl, code: *mut SV, args: Vec<Value>, want: Want) -> Result<Option<OwnedSv>> {
    if EXITING.with(Cell::get) {
        return Err(Error::Died(EXIT_JUMP));
    }
    // SAFETY: building values runs no Perl code; each new SV's reference
    // is held by `owned` until after the call.
    let owned: Vec<OwnedSv> = args.into_iter().map(|v| unsafe { OwnedSv::adopt(perl, new_sv(perl, v)) }).collect();
    let mut raw: Vec<*mut SV> = owned.iter().map(|sv| sv.sv).collect();
    let (mut result, mut error) = (std::ptr::null_mut(), std::ptr::null_mut());
    // SAFETY: `code` and every argument are alive for the call; the shim
    // confines the sub (G_EVAL, its own stack and JMPENV).
    let status = unsafe {
        ffi::svb_call(perl, code, raw.as_mut_ptr(), raw.len() as i32, (want == Want::Scalar) as i32, &mut result, &mut error)
    };
    match status {
        0 => Ok((!result.is_null()).then(|| unsafe { OwnedSv::adopt(perl, result) })),
        1 => Err(Error::Perl(unsafe { OwnedSv::adopt(perl, error) })),
        jumped => {
            EXITING.with(|e| e.set(true));
            // perl has already unwound its stacks: the SVs we hold are alive
            // (we own references) but must be released without running code.
            Err(Error::Died(jumped))
        }
    }
}

/// The JMPENV code of perl's `exit`.
const EXIT_JUMP: i32 = 2;

impl Code<'_> {
    /// Calls the sub with `args`; see the module's notes for what comes back.
    pub fn call(&self, args: Vec<Value>, want: Want) -> Result<Option<OwnedSv>> {
        call_sv(self.arg().perl(), self.sv(), args, want)
    }
}

impl OwnedSv {
    /// Calls this value as a Perl sub (a code reference held by Rust).
    pub fn call(&self, args: Vec<Value>, want: Want) -> Result<Option<OwnedSv>> {
        call_sv(self.perl, self.sv, args, want)
    }
}

/// The boundary for callbacks that libvirt makes synchronously, inside a
/// call from one of our XSUBs (authentication, a stream's recv_all and
/// send_all handlers). libvirt's C frames lie between the XSUB and the
/// callback, so nothing may unwind or longjmp through them: the callback's
/// body runs under [`Scope::guard`], which keeps its first failure (an
/// error, a Perl die, an exit, a panic) for the XSUB to report once libvirt
/// has returned, and hands libvirt the failure value it expects instead.
pub struct Scope {
    sub_name: &'static str,
    failure: RefCell<Option<Error>>,
}

impl Scope {
    pub fn new(sub_name: &'static str) -> Scope {
        Scope { sub_name, failure: RefCell::new(None) }
    }

    /// Runs a callback's body; on failure keeps the error and returns
    /// `on_failure` to libvirt. After a first failure, later callbacks of
    /// the same scope fail at once without running Perl code.
    pub fn guard<T>(&self, on_failure: T, body: impl FnOnce() -> Result<T>) -> T {
        if self.failure.borrow().is_some() {
            return on_failure;
        }
        let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
            Err(Error::Croak(format!("{}: internal error in a callback: {}", self.sub_name, super::dispatch::panic_message(payload))))
        });
        match outcome {
            Ok(value) => value,
            Err(err) => {
                *self.failure.borrow_mut() = Some(err);
                on_failure
            }
        }
    }

    /// Whether a callback has failed.
    pub fn failed(&self) -> bool {
        self.failure.borrow().is_some()
    }

    /// The XSUB's outcome: a callback's failure wins over what libvirt
    /// reported after it.
    pub fn finish<T>(self, outcome: Result<T>) -> Result<T> {
        match self.failure.into_inner() {
            Some(err) => Err(err),
            None => outcome,
        }
    }
}
