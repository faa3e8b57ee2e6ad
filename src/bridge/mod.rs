//! The only code that touches raw Perl.
//!
//! An XSUB is written as a plain Rust function with typed arguments that
//! returns `Result<T>`; the [`xsubs!`] macro wraps each one in the
//! `extern "C"` entry point Perl calls. The wrapper reads the arguments
//! ([`FromArg`]), runs the body under `catch_unwind`, turns the result into
//! Perl values ([`IntoReturn`]), lets every Rust value drop, and only then
//! croaks: croak is a longjmp and must never jump over a live Rust frame.

mod ffi;
mod handles;
mod value;

use std::any::Any;
use std::ffi::{CStr, CString};
use std::marker::PhantomData;
use std::os::raw::{c_char, c_int};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use ffi::{Perl, XsubFn, CV};
pub use handles::{Handle, Handles, Kind, Obj};
pub use value::{CText, Hash, IntoReturn, IntoValue, List, Ret, Texts, Value};

use ffi::SV;

/// Why an XSUB did not return normally.
#[derive(Debug)]
pub enum Error {
    /// libvirt refused: becomes a `Sys::Virt::Error` object in `$@`.
    Libvirt(virt::error::Error),
    /// Our own argument checks refused: a plain message in `$@`.
    Croak(String),
    /// Perl code we ran (get magic, overloading) died: rethrown as it was.
    Died(c_int),
    /// A Perl callback we called died with this error: rethrown as `$@`.
    Perl(OwnedSv),
    /// A required argument is missing: the usage message.
    Usage,
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<virt::error::Error> for Error {
    fn from(err: virt::error::Error) -> Self {
        Error::Libvirt(err)
    }
}

/// A plain Perl error message.
pub fn croak<T>(message: impl Into<String>) -> Result<T> {
    Err(Error::Croak(message.into()))
}

/// The arguments of one XSUB call.
pub struct Args {
    perl: Perl,
    base: *mut *mut SV,
    items: i32,
    /// `Package::method`, for messages.
    pub sub_name: &'static str,
    /// What the entry already learned about ST(0).
    first: Known,
}

/// An object of ours seen on the stack (kind 0: none).
#[derive(Clone, Copy)]
pub(crate) struct Known {
    kind: u16,
    handle: *mut std::os::raw::c_void,
    inner: *mut SV,
}

impl Known {
    const NONE: Known = Known { kind: 0, handle: std::ptr::null_mut(), inner: std::ptr::null_mut() };
}

/// One Perl value borrowed for the length of the call: an argument on the
/// stack, or a value inside one. `sub_name` and `name` go into messages.
#[derive(Clone, Copy)]
pub struct Arg<'a> {
    perl: Perl,
    sv: *mut SV,
    sub_name: &'static str,
    name: &'static str,
    /// Whether more arguments follow this one on the stack.
    more: bool,
    /// The object this argument holds, when the entry already looked.
    known: Known,
    _borrow: PhantomData<&'a ()>,
}

impl Args {
    pub fn len(&self) -> usize {
        self.items as usize
    }

    pub fn get<'a>(&'a self, index: usize, name: &'static str) -> Option<Arg<'a>> {
        if index >= self.len() {
            return None;
        }
        // SAFETY: index < items, so ST(index) is on the stack.
        let sv = unsafe { *self.base.add(index) };
        let known = if index == 0 { self.first } else { Known::NONE };
        Some(Arg { perl: self.perl, sv, sub_name: self.sub_name, name, more: index + 1 < self.len(), known, _borrow: PhantomData })
    }
}

/// Converts one Perl argument into a typed Rust value.
pub trait FromArg<'a>: Sized {
    /// May the caller leave this argument out?
    const OPTIONAL: bool = false;
    /// `arg` is None when the caller passed fewer arguments.
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self>;
}

/// How `svb_fetch` reads a scalar.
#[derive(Clone, Copy)]
enum Read {
    Number = 0,
    StringOrUndef = 1,
    /// undef reads as "", with Perl's "uninitialized value" warning.
    String = 2,
}

impl<'a> Arg<'a> {
    fn fetch(&self, mode: Read) -> Result<ffi::Scalar> {
        let mut out = std::mem::MaybeUninit::<ffi::Scalar>::uninit();
        // SAFETY: sv is a live stack SV; the shim catches any die.
        let jumped = unsafe { ffi::svb_fetch(self.perl, self.sv, mode as c_int, out.as_mut_ptr()) };
        if jumped != 0 {
            return Err(Error::Died(jumped));
        }
        // SAFETY: svb_fetch zeroes then fills the whole struct.
        Ok(unsafe { out.assume_init() })
    }

    /// A message naming the sub and this argument.
    pub fn error<T>(&self, what: &str) -> Result<T> {
        croak(format!("{}: argument '{}' {}", self.sub_name, self.name, what))
    }

    pub fn is_defined(&self) -> Result<bool> {
        Ok(self.fetch(Read::Number)?.flags & ffi::SVB_DEFINED != 0)
    }

    /// The argument as an exact integer, if it is one.
    fn integer(&self) -> Result<Option<i128>> {
        let s = self.fetch(Read::Number)?;
        if s.flags & ffi::SVB_DEFINED == 0 {
            return Ok(None);
        }
        if s.flags & ffi::SVB_REF != 0 && s.flags & ffi::SVB_OVERLOADED == 0 {
            return self.error("must be a number, not a reference");
        }
        if s.flags & ffi::SVB_IV != 0 {
            return Ok(Some(s.iv as i128));
        }
        if s.flags & ffi::SVB_UV != 0 {
            return Ok(Some(s.uv as i128));
        }
        if s.flags & ffi::SVB_NV != 0 {
            let nv = s.nv;
            if nv.is_finite() && nv.fract() == 0.0 && nv.abs() < 1.8e19 {
                return Ok(Some(nv as i128));
            }
            return self.error(&format!("must be an integer, not {nv}"));
        }
        self.error("must be a number")
    }

    /// An integer in `lo..=hi`; undef gives None.
    pub fn integer_in(&self, lo: i128, hi: i128) -> Result<Option<i128>> {
        match self.integer()? {
            Some(v) if v < lo || v > hi => self.error(&format!("is out of range ({v} is not within {lo}..{hi})")),
            other => Ok(other),
        }
    }

    /// The argument's string; undef gives None.
    pub fn string(&self) -> Result<Option<String>> {
        self.read_string(Read::StringOrUndef)
    }

    /// The argument's string; undef reads as "" and warns, as Perl does.
    pub fn text(&self) -> Result<String> {
        Ok(self.read_string(Read::String)?.unwrap_or_default())
    }

    /// A character string gives its UTF-8 encoding. A byte string is taken
    /// as UTF-8 when it is valid UTF-8, and as Latin-1 characters otherwise.
    fn read_string(&self, mode: Read) -> Result<Option<String>> {
        let s = self.fetch(mode)?;
        if s.flags & ffi::SVB_DEFINED == 0 {
            return Ok(None);
        }
        if s.flags & ffi::SVB_REF != 0 && s.flags & ffi::SVB_OVERLOADED == 0 {
            return self.error("must be a string, not a reference");
        }
        // SAFETY: pv/len describe the SV's string buffer, alive during the call.
        let bytes = unsafe { std::slice::from_raw_parts(s.pv as *const u8, s.len) };
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) if s.flags & ffi::SVB_UTF8 != 0 => return self.error("is not well-formed UTF-8"),
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        };
        if text.contains('\0') {
            return self.error("must not contain a NUL character");
        }
        Ok(Some(text))
    }

    /// The argument's raw bytes (no character decoding); undef gives None.
    pub fn bytes(&self) -> Result<Option<Vec<u8>>> {
        let s = self.fetch(Read::StringOrUndef)?;
        if s.flags & ffi::SVB_DEFINED == 0 {
            return Ok(None);
        }
        // SAFETY: as in `string`.
        let bytes = unsafe { std::slice::from_raw_parts(s.pv as *const u8, s.len) };
        if s.flags & ffi::SVB_UTF8 == 0 {
            return Ok(Some(bytes.to_vec()));
        }
        // A character string holds bytes only when every character is < 256.
        match std::str::from_utf8(bytes) {
            Ok(text) if text.chars().all(|c| (c as u32) < 256) => Ok(Some(text.chars().map(|c| c as u8).collect())),
            _ => self.error("must be a byte string"),
        }
    }

    /// The raw SV, for the bridge's own helpers (callbacks, hashes).
    pub(crate) fn sv(&self) -> *mut SV {
        self.sv
    }

    pub fn perl(&self) -> Perl {
        self.perl
    }

    /// Whether more arguments follow this one (whose reading may run Perl code).
    pub fn has_more(&self) -> bool {
        self.more
    }

    /// The elements of an array reference argument (undef for holes).
    pub fn array_items(&self) -> Result<Vec<Arg<'a>>> {
        let fetch = |index: isize| -> Result<(isize, *mut SV)> {
            let (mut len, mut found) = (0isize, std::ptr::null_mut());
            // SAFETY: a live SV; the shim catches any die (tied arrays).
            let jumped = unsafe { ffi::svb_av_fetch(self.perl, self.sv, index, &mut len, &mut found) };
            if jumped != 0 {
                return Err(Error::Died(jumped));
            }
            Ok((len, found))
        };
        let (len, _) = fetch(-1)?;
        if len < 0 {
            return self.error("must be an array reference");
        }
        (0..len)
            .map(|i| {
                let (_, sv) = fetch(i)?;
                // SAFETY: immortal undef stands in for holes.
                let sv = if sv.is_null() { unsafe { ffi::svb_undef(self.perl) } } else { sv };
                Ok(Arg { sv, more: true, known: Known::NONE, ..*self })
            })
            .collect()
    }

    /// `$arg->{key}` when the argument is a hash reference.
    pub fn field(&self, key: &'static str) -> Result<Option<Arg<'a>>> {
        let mut found: *mut SV = std::ptr::null_mut();
        // SAFETY: a live SV; the shim catches any die (tied hashes).
        let jumped = unsafe { ffi::svb_hv_fetch(self.perl, self.sv, key.as_ptr() as *const c_char, key.len() as i32, &mut found) };
        if jumped != 0 {
            return Err(Error::Died(jumped));
        }
        Ok((!found.is_null()).then_some(Arg { sv: found, name: key, more: true, known: Known::NONE, ..*self }))
    }

    /// Calls the argument as a code reference with one argument, in scalar
    /// context. A die inside comes back as `Error::Perl`, to be rethrown.
    pub fn call(&self, arg: &OwnedSv) -> Result<OwnedSv> {
        let mut died_with: *mut SV = std::ptr::null_mut();
        // SAFETY: both SVs are alive; the call runs under G_EVAL.
        let result = unsafe { ffi::svb_call_scalar(self.perl, self.sv, arg.sv, &mut died_with) };
        if !died_with.is_null() {
            return Err(Error::Perl(OwnedSv { perl: self.perl, sv: died_with }));
        }
        let sv = if result.is_null() { unsafe { ffi::svb_new_undef(self.perl) } } else { result };
        Ok(OwnedSv { perl: self.perl, sv })
    }
}

/// A Perl value the bridge holds one reference to, released on drop.
#[derive(Debug)]
pub struct OwnedSv {
    perl: Perl,
    sv: *mut SV,
}

impl OwnedSv {
    /// Builds a new Perl value.
    pub fn new(perl: Perl, value: Value) -> OwnedSv {
        // SAFETY: building values never runs Perl code.
        OwnedSv { perl, sv: unsafe { value::new_sv(perl, value) } }
    }

    /// Another reference to the same value.
    pub fn share(&self) -> OwnedSv {
        // SAFETY: the SV is alive while self is.
        OwnedSv { perl: self.perl, sv: unsafe { ffi::svb_refcnt_inc(self.perl, self.sv) } }
    }

    /// A view of the value for reading, with names for messages.
    pub fn view(&self, sub_name: &'static str, name: &'static str) -> Arg<'_> {
        Arg { perl: self.perl, sv: self.sv, sub_name, name, more: false, known: Known::NONE, _borrow: PhantomData }
    }

    fn into_raw(self) -> *mut SV {
        let this = std::mem::ManuallyDrop::new(self);
        this.sv
    }
}

impl Drop for OwnedSv {
    fn drop(&mut self) {
        // SAFETY: we hold one reference.
        unsafe { ffi::svb_refcnt_dec(self.perl, self.sv) }
    }
}

/// A flags argument: unsigned 32 bits, 0 when missing or undef.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flags(pub u32);

impl<'a> FromArg<'a> for Flags {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            None => Ok(Flags(0)),
            Some(arg) => Ok(Flags(arg.integer_in(0, u32::MAX as i128)?.unwrap_or(0) as u32)),
        }
    }
}

macro_rules! integer_args {
    ($($t:ty),*) => {$(
        impl<'a> FromArg<'a> for $t {
            fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
                let Some(arg) = arg else { return Err(Error::Usage) };
                match arg.integer_in(<$t>::MIN as i128, <$t>::MAX as i128)? {
                    Some(v) => Ok(v as $t),
                    None => arg.error("must be a number, not undef"),
                }
            }
        }
        impl<'a> FromArg<'a> for Option<$t> {
            const OPTIONAL: bool = true;
            fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
                match arg {
                    None => Ok(None),
                    Some(arg) => Ok(arg.integer_in(<$t>::MIN as i128, <$t>::MAX as i128)?.map(|v| v as $t)),
                }
            }
        }
    )*};
}
integer_args!(i32, u32, i64, u64);

/// A true/false argument, read with Perl's own idea of truth.
impl<'a> FromArg<'a> for bool {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let mut truth: c_int = 0;
        // SAFETY: a live SV; the shim catches any die (ties, overloading).
        match unsafe { ffi::svb_truth(arg.perl, arg.sv, &mut truth) } {
            0 => Ok(truth != 0),
            jumped => Err(Error::Died(jumped)),
        }
    }
}

/// A required string: undef reads as "" (with Perl's warning), as the C
/// module's arguments do, and libvirt decides what an empty one means.
impl<'a> FromArg<'a> for String {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        arg.text()
    }
}

/// An optional string: missing or undef gives None.
impl<'a> FromArg<'a> for Option<String> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            None => Ok(None),
            Some(arg) => arg.string(),
        }
    }
}

/// The argument itself, for XSUBs that inspect it further.
impl<'a> FromArg<'a> for Arg<'a> {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        arg.ok_or(Error::Usage)
    }
}

impl<'a> FromArg<'a> for Option<Arg<'a>> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        Ok(arg)
    }
}

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

fn panic_message(payload: Box<dyn Any + Send>) -> String {
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
        let mut entry = std::mem::MaybeUninit::<ffi::Entry>::uninit();
        ffi::svb_xs_enter(perl, entry.as_mut_ptr());
        // SAFETY: svb_xs_enter fills every field.
        let entry = entry.assume_init();
        let (ax, items) = (entry.ax, entry.items);
        let args = Args { perl, base: entry.base, items, sub_name, first: Known { kind: entry.kind, handle: entry.handle, inner: entry.inner } };
        if (items as usize) < required || items as usize > params.len() {
            Some(Error::Croak(usage(sub_name, params)))
        } else {
            match catch_unwind(AssertUnwindSafe(|| body(&args))) {
                Ok(Ok(ret)) => ret.push(perl, ax).err(),
                Ok(Err(Error::Usage)) => Some(Error::Croak(usage(sub_name, params))),
                Ok(Err(err)) => Some(err),
                Err(payload) => Some(Error::Croak(format!(
                    "{}: internal error: {}",
                    sub_name,
                    panic_message(payload)
                ))),
            }
        }
    };
    if let Some(err) = failure {
        raise(perl, err);
    }
}

/// Turns an error into `$@` and unwinds Perl. Every Rust value of the
/// XSUB is gone by now; `err` itself is consumed before the jump.
unsafe fn raise(perl: Perl, err: Error) -> ! {
    let sv = match err {
        Error::Died(jumped) => ffi::svb_rethrow(perl, jumped),
        Error::Croak(message) => value::new_string(perl, &message),
        Error::Libvirt(e) => value::error_object(perl, &e),
        Error::Perl(sv) => sv.into_raw(),
        Error::Usage => value::new_string(perl, "Usage: a required argument is missing"),
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
/// here, loudly) and the object layer's callbacks.
///
/// # Safety
/// Only as the first thing `boot_Sys__Virt` does.
pub unsafe fn boot_begin(perl: Perl, cv: *mut CV) -> i32 {
    let classes: Vec<*const c_char> = handles::CLASS_NAMES.iter().map(|c| c.as_ptr()).collect();
    ffi::svb_init(handles::release_raw, handles::retain_raw, classes.as_ptr(), classes.len() as c_int);
    let ax = ffi::svb_boot_begin(perl, cv);
    ffi::svb_boot_context(perl);
    register_xsub(perl, "Sys::Virt::CLONE", clone_xsub);
    ax
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
///     fn get_name(snap: Obj<DomainSnapshot>) -> Result<String> { ... }
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
