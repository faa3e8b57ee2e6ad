//! libvirt handles inside Perl objects.
//!
//! A Perl object is a blessed reference to a scalar holding the handle's
//! address (as the C module made them) and carrying our magic: the magic
//! records the kind of handle, owns one libvirt reference, gives it back
//! when the scalar is freed, and takes a new one when an ithread clones
//! the scalar. Only the magic is trusted, never the scalar's number, so a
//! forged `bless \(my $n = 1234), 'Sys::Virt::Domain'` is refused.

use std::ffi::CStr;
use std::mem::ManuallyDrop;
use std::marker::PhantomData;
use std::ops::Deref;
use std::os::raw::{c_int, c_void};

use virt::connect::Connect;
use virt::domain::Domain;
use virt::domain_snapshot::DomainSnapshot;

use super::ffi::{self, Perl, SV};
use super::value::{IntoValue, Value};
use super::{Arg, Error, FromArg, Result};

/// Which libvirt type a handle is; stored in the magic.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u16)]
pub enum Kind {
    Connect = 1,
    Domain = 2,
    DomainSnapshot = 3,
}

/// Kind 0: the class of error objects, which hold no handle.
pub(super) const ERROR_KIND: u16 = 0;

/// Class names indexed by kind, for the shim's per-interpreter stash cache.
pub(super) static CLASS_NAMES: [&CStr; 4] = [c"Sys::Virt::Error", c"Sys::Virt", c"Sys::Virt::Domain", c"Sys::Virt::DomainSnapshot"];

impl Kind {
    fn from_raw(raw: u16) -> Option<Kind> {
        [Kind::Connect, Kind::Domain, Kind::DomainSnapshot].into_iter().find(|k| *k as u16 == raw)
    }

    pub fn class(self) -> &'static CStr {
        CLASS_NAMES[self as usize]
    }

    fn class_name(self) -> &'static str {
        self.class().to_str().expect("class names are ASCII")
    }

    /// Gives back one libvirt reference.
    unsafe fn release(self, handle: *mut c_void) {
        match self {
            Kind::Connect => {
                virt_sys::virConnectClose(handle as virt_sys::virConnectPtr);
            }
            Kind::Domain => {
                virt_sys::virDomainFree(handle as virt_sys::virDomainPtr);
            }
            Kind::DomainSnapshot => {
                virt_sys::virDomainSnapshotFree(handle as virt_sys::virDomainSnapshotPtr);
            }
        }
    }

    /// Takes one more libvirt reference.
    unsafe fn retain(self, handle: *mut c_void) {
        match self {
            Kind::Connect => {
                virt_sys::virConnectRef(handle as virt_sys::virConnectPtr);
            }
            Kind::Domain => {
                virt_sys::virDomainRef(handle as virt_sys::virDomainPtr);
            }
            Kind::DomainSnapshot => {
                virt_sys::virDomainSnapshotRef(handle as virt_sys::virDomainSnapshotPtr);
            }
        }
    }
}

/// Called by the magic's free hook.
pub(super) extern "C" fn release_raw(kind: u16, handle: *mut c_void) {
    if let Some(kind) = Kind::from_raw(kind) {
        // SAFETY: the magic owned exactly this one reference.
        unsafe { kind.release(handle) }
    }
}

/// Called by the magic's dup hook when an ithread is created.
pub(super) extern "C" fn retain_raw(kind: u16, handle: *mut c_void) {
    if let Some(kind) = Kind::from_raw(kind) {
        // SAFETY: the parent's object still holds its reference.
        unsafe { kind.retain(handle) }
    }
}

/// A virt crate type that can live inside a Perl object.
pub trait Handle: Sized {
    const KIND: Kind;
    /// Gives up ownership of the reference without releasing it.
    fn into_raw(self) -> *mut c_void;
    /// # Safety
    /// `raw` must carry one reference that the result will own.
    unsafe fn from_raw(raw: *mut c_void) -> Self;
}

macro_rules! handles {
    ($($t:ty => $kind:ident),*) => {$(
        impl Handle for $t {
            const KIND: Kind = Kind::$kind;
            fn into_raw(self) -> *mut c_void {
                let this = ManuallyDrop::new(self);
                // SAFETY: the reference moves to the caller, `this` is never dropped.
                unsafe { this.as_ptr() as *mut c_void }
            }
            unsafe fn from_raw(raw: *mut c_void) -> Self {
                <$t>::from_ptr(raw as _)
            }
        }
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                Value::Object(Owned { kind: Kind::$kind, handle: self.into_raw() })
            }
        }
    )*};
}
handles!(Connect => Connect, Domain => Domain, DomainSnapshot => DomainSnapshot);

/// One libvirt reference on its way into a new Perl object.
pub struct Owned {
    kind: Kind,
    handle: *mut c_void,
}

impl Owned {
    /// The new blessed object; the reference now belongs to its magic.
    pub(super) unsafe fn into_sv(self, perl: Perl) -> *mut SV {
        let this = ManuallyDrop::new(self);
        ffi::svb_new_object(perl, this.kind as u16, this.handle)
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: never made into an object, so the reference is still ours.
        unsafe { self.kind.release(self.handle) }
    }
}

/// An object argument: the handle of a live object of kind `T`, borrowed
/// for the length of the call. When other arguments follow, whose reading
/// may run Perl code, the object's scalar is held meanwhile (one Perl
/// reference, given back on drop) so that code cannot free the handle;
/// that is cheaper than a libvirt reference.
pub struct Obj<T: Handle> {
    handle: ManuallyDrop<T>,
    perl: Perl,
    held: *mut SV,
}

impl<T: Handle> Deref for Obj<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.handle
    }
}

impl<T: Handle> Drop for Obj<T> {
    fn drop(&mut self) {
        if !self.held.is_null() {
            // SAFETY: the reference svb_object_handle took for us.
            unsafe { ffi::svb_refcnt_dec(self.perl, self.held) }
        }
    }
}

/// The general case of `Obj::from_arg`: anything but a plain object of
/// the right kind in ST(0).
#[inline(never)]
fn lookup<T: Handle>(arg: Arg) -> Result<Obj<T>> {
    let mut status: c_int = 0;
    let mut found: u16 = 0;
    let mut held: *mut SV = std::ptr::null_mut();
    // SAFETY: a live stack SV; the shim catches any die (ties).
    let hold = arg.has_more() as c_int;
    let handle = unsafe {
        ffi::svb_object_handle(arg.perl, arg.sv(), T::KIND as u16, hold, &mut status, &mut found, &mut held)
    };
    if status == 0 {
        // SAFETY: the object's magic owns a reference that outlives the call;
        // ManuallyDrop keeps us from releasing it.
        return Ok(Obj { handle: ManuallyDrop::new(unsafe { T::from_raw(handle) }), perl: arg.perl, held });
    }
    Err(refusal(&arg, T::KIND, status, found))
}

/// Why an argument is not a live object of kind `kind` (the statuses of
/// svb_object_handle); kept out of the hot path.
#[cold]
#[inline(never)]
fn refusal(arg: &Arg, kind: Kind, status: c_int, found: u16) -> Error {
    let class = kind.class_name();
    let outcome: Result<()> = match status {
        3 => {
            let found = Kind::from_raw(found).map_or("foreign", Kind::class_name);
            arg.error(&format!("is a {found} object, not a {class} object"))
        }
        4 => arg.error(&format!("is a {class} object that has already been destroyed")),
        5 => Err(Error::Died(c_int::from(found))),
        _ => arg.error(&format!("is not a {class} object")),
    };
    outcome.expect_err("a refusal is an error")
}

impl<'a, T: Handle> FromArg<'a> for Obj<T> {
    #[inline(always)]
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        if arg.known.kind == T::KIND as u16 {
            // The entry found a live object of this kind here already.
            let held = if arg.has_more() {
                // SAFETY: the object's scalar, alive on the stack.
                unsafe { ffi::svb_refcnt_inc(arg.perl, arg.known.inner) };
                arg.known.inner
            } else {
                std::ptr::null_mut()
            };
            // SAFETY: as below.
            return Ok(Obj { handle: ManuallyDrop::new(unsafe { T::from_raw(arg.known.handle) }), perl: arg.perl, held });
        }
        lookup(arg)
    }
}

/// An array of handles that a libvirt `...ListAll...` call allocated, each
/// carrying one reference; returned to Perl as a list of objects in one go.
pub struct Handles<T: Handle> {
    array: *mut *mut c_void,
    len: usize,
    _kind: PhantomData<T>,
}

impl<T: Handle> Handles<T> {
    /// Runs a `...ListAll...` call, which stores a new array through the
    /// pointer it is given and returns its length, or -1 with the thread's
    /// libvirt error set.
    ///
    /// # Safety
    /// `list_all` must be such a call for handles of kind `T`, each in the
    /// array carrying a reference that becomes ours.
    pub unsafe fn list_all<P>(list_all: impl FnOnce(&mut *mut P) -> c_int) -> Result<Self> {
        let mut array: *mut P = std::ptr::null_mut();
        let count = crate::check::non_negative(list_all(&mut array))?;
        Ok(Handles { array: array as *mut *mut c_void, len: count as usize, _kind: PhantomData })
    }
}

impl<T: Handle> Drop for Handles<T> {
    fn drop(&mut self) {
        if self.array.is_null() {
            return;
        }
        // SAFETY: list_all's promise; `len` is 0 once Perl took them.
        unsafe {
            for i in 0..self.len {
                T::KIND.release(*self.array.add(i));
            }
            libc::free(self.array as *mut c_void);
        }
    }
}

impl<T: Handle + 'static> super::IntoReturn for Handles<T> {
    fn into_return(self) -> super::Ret {
        super::Ret::Objects(Box::new(self))
    }
}

/// What `Ret::Objects` holds: handles of one kind, to become objects.
pub trait ObjectList {
    /// Pushes them as new objects from ST(0) on. On failure (the stack
    /// cannot grow) nothing was taken and the handles are released on drop.
    ///
    /// # Safety
    /// As `dispatch`: the running interpreter, inside an XSUB.
    unsafe fn push(&mut self, perl: Perl, ax: i32) -> Result<()>;
}

impl<T: Handle> ObjectList for Handles<T> {
    unsafe fn push(&mut self, perl: Perl, ax: i32) -> Result<()> {
        match ffi::svb_return_objects(perl, ax, T::KIND as u16, self.array, self.len as isize) {
            0 => {
                // Every reference now belongs to an object.
                self.len = 0;
                Ok(())
            }
            jumped => Err(Error::Died(jumped)),
        }
    }
}
