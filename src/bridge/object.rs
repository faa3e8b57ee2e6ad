//! libvirt handles inside Perl objects.
//!
//! A Perl object is a blessed reference to a scalar holding the handle's
//! address (as the C module made them) and carrying our magic: the magic
//! records the kind of handle, owns one libvirt reference, gives it back
//! when the scalar is freed, and takes a new one when an ithread clones
//! the scalar. Only the magic is trusted, never the scalar's number, so a
//! forged `bless \(my $n = 1234), 'Sys::Virt::Domain'` is refused.
//!
//! The bridge knows no kind by name: the table of kinds (class, release,
//! retain) is handed in once at boot ([`install_kinds`]), and each kind is
//! a marker type implementing [`Handle`].

use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::os::raw::{c_int, c_void};
use std::sync::OnceLock;

use super::error::{Error, Result};
use super::ffi::{self, Perl, SV};
use super::sv::OwnedSv;

/// One row of the kinds table. Index 0 is the class of error objects,
/// which hold no handle.
pub struct KindInfo {
    pub class: &'static CStr,
    /// Gives back one libvirt reference; never panics, never runs Perl code.
    pub release: Option<unsafe fn(*mut c_void)>,
    /// Takes one more libvirt reference.
    pub retain: Option<unsafe fn(*mut c_void)>,
}

/// The kind of error objects.
pub const ERROR_KIND: u16 = 0;

/// The largest kinds table the shim's per-interpreter stash cache holds.
pub const MAX_KINDS: usize = 32;

static KINDS: OnceLock<&'static [KindInfo]> = OnceLock::new();

/// Records the kinds table; the first call wins (a second interpreter
/// loading the module hands in the same table).
pub(super) fn install_kinds(kinds: &'static [KindInfo]) {
    assert!(kinds.len() <= MAX_KINDS, "more object kinds than the shim caches");
    let _ = KINDS.set(kinds);
}

pub(super) fn kinds() -> &'static [KindInfo] {
    KINDS.get().copied().unwrap_or(&[])
}

fn kind_info(kind: u16) -> Option<&'static KindInfo> {
    kinds().get(kind as usize)
}

/// A class name by kind, for messages.
pub(super) fn class_name(kind: u16) -> &'static str {
    kind_info(kind).and_then(|k| k.class.to_str().ok()).unwrap_or("foreign")
}

/// Called by the magic's free hook.
pub(super) extern "C" fn release_raw(kind: u16, handle: *mut c_void) {
    if let Some(release) = kind_info(kind).and_then(|k| k.release) {
        // SAFETY: the magic owned exactly this one reference.
        unsafe { release(handle) }
    }
}

/// Called by the magic's dup hook when an ithread is created.
pub(super) extern "C" fn retain_raw(kind: u16, handle: *mut c_void) {
    if let Some(retain) = kind_info(kind).and_then(|k| k.retain) {
        // SAFETY: the parent's object still holds its reference.
        unsafe { retain(handle) }
    }
}

/// A kind of libvirt handle that lives inside Perl objects: implemented by
/// the marker types of the kinds table.
pub trait Handle: 'static {
    /// The kind's index in the kinds table.
    const KIND: u16;
    /// libvirt's pointer type (`virDomainPtr`, ...).
    type Ptr: Copy;
    /// What an [`Obj`] of this kind dereferences to: the `virt` crate's
    /// type where it has one, `()` otherwise.
    type View;
    fn from_void(raw: *mut c_void) -> Self::Ptr;
    fn to_void(ptr: Self::Ptr) -> *mut c_void;
    /// # Safety
    /// `raw` must be a live handle of this kind; the view must never be dropped.
    unsafe fn view(raw: *mut c_void) -> Self::View;
}

/// One libvirt reference of some kind on its way into a new Perl object;
/// released if it never gets there.
pub struct AnyOwned {
    kind: u16,
    handle: *mut c_void,
}

impl AnyOwned {
    /// The new blessed object; the reference now belongs to its magic.
    pub(super) unsafe fn into_sv(self, perl: Perl) -> *mut SV {
        let this = ManuallyDrop::new(self);
        ffi::svb_new_object(perl, this.kind, this.handle)
    }
}

impl Drop for AnyOwned {
    fn drop(&mut self) {
        release_raw(self.kind, self.handle)
    }
}

/// One libvirt reference of kind `K`, owned until it becomes an object.
pub struct Owned<K: Handle> {
    any: AnyOwned,
    _kind: PhantomData<K>,
}

impl<K: Handle> Owned<K> {
    /// # Safety
    /// `ptr` must be a live handle of kind `K` carrying one reference that
    /// nothing else will give back.
    pub unsafe fn adopt(ptr: K::Ptr) -> Self {
        Owned { any: AnyOwned { kind: K::KIND, handle: K::to_void(ptr) }, _kind: PhantomData }
    }

    pub fn raw(&self) -> K::Ptr {
        K::from_void(self.any.handle)
    }

    pub(super) fn into_any(self) -> AnyOwned {
        self.any
    }
}

/// An object argument: the handle of a live object of kind `K`, borrowed
/// for the length of the call. When other arguments follow, whose reading
/// may run Perl code, the object's scalar is held meanwhile (one Perl
/// reference, given back on drop) so that code cannot free the handle;
/// that is cheaper than a libvirt reference.
pub struct Obj<K: Handle> {
    handle: *mut c_void,
    view: ManuallyDrop<K::View>,
    perl: Perl,
    held: *mut SV,
    inner: *mut SV,
}

impl<K: Handle> Obj<K> {
    /// libvirt's pointer, valid for the whole call.
    pub fn raw(&self) -> K::Ptr {
        K::from_void(self.handle)
    }

    /// A new libvirt reference to the same handle.
    pub fn retain(&self) -> Owned<K> {
        retain_raw(K::KIND, self.handle);
        // SAFETY: the reference just taken is the one the result owns.
        unsafe { Owned::adopt(self.raw()) }
    }

    /// A new reference to the object itself (the caller's `$self`: same
    /// class, same address), for handing it to Perl code.
    pub fn object_ref(&self) -> OwnedSv {
        // SAFETY: the inner scalar is alive for the call; the new
        // reference counts one more on it, and the result owns the RV.
        unsafe { OwnedSv::adopt(self.perl, ffi::svb_new_rv(self.perl, ffi::svb_refcnt_inc(self.perl, self.inner))) }
    }

    /// The object's inner scalar, for handing `$self` back to Perl code.
    pub(super) fn inner_sv(&self) -> *mut SV {
        self.inner
    }

    /// # Safety
    /// `handle` must be the live handle of `inner`'s magic; `held` is a
    /// reference to `inner` that the result gives back, or NULL.
    pub(super) unsafe fn borrowed(perl: Perl, handle: *mut c_void, inner: *mut SV, held: *mut SV) -> Self {
        Obj { handle, view: ManuallyDrop::new(K::view(handle)), perl, held, inner }
    }
}

impl<K: Handle> Deref for Obj<K> {
    type Target = K::View;
    fn deref(&self) -> &K::View {
        &self.view
    }
}

impl<K: Handle> Drop for Obj<K> {
    fn drop(&mut self) {
        if !self.held.is_null() {
            // SAFETY: the reference svb_object_handle took for us.
            unsafe { ffi::svb_refcnt_dec(self.perl, self.held) }
        }
    }
}

/// Why an argument is not a live object of kind `kind` (the statuses of
/// svb_object_handle), as the message for `what` (the argument's wording).
#[cold]
#[inline(never)]
pub(super) fn refusal(kind: u16, status: c_int, found: u16, error: impl Fn(&str) -> Error) -> Error {
    let class = class_name(kind);
    match status {
        3 => error(&format!("is a {} object, not a {class} object", class_name(found))),
        4 => error(&format!("is a {class} object that has already been destroyed")),
        5 => Error::Died(c_int::from(found)),
        _ => error(&format!("is not a {class} object")),
    }
}

/// An array of handles that libvirt allocated (a `...ListAll...` call),
/// each carrying one reference; returned to Perl as a list of objects in
/// one go.
pub struct Handles<K: Handle> {
    array: *mut *mut c_void,
    len: usize,
    _kind: PhantomData<K>,
}

impl<K: Handle> Handles<K> {
    /// # Safety
    /// `array` must be NULL or a malloc'd array of `len` live handles of
    /// kind `K`, each carrying a reference that becomes ours.
    pub unsafe fn adopt(array: *mut K::Ptr, len: usize) -> Self {
        Handles { array: array as *mut *mut c_void, len, _kind: PhantomData }
    }
}

impl<K: Handle> Drop for Handles<K> {
    fn drop(&mut self) {
        if self.array.is_null() {
            return;
        }
        // SAFETY: adopt's promise; `len` is 0 once Perl took them.
        unsafe {
            for i in 0..self.len {
                release_raw(K::KIND, *self.array.add(i));
            }
            libc::free(self.array as *mut c_void);
        }
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

impl<K: Handle> ObjectList for Handles<K> {
    unsafe fn push(&mut self, perl: Perl, ax: i32) -> Result<()> {
        match ffi::svb_return_objects(perl, ax, K::KIND, self.array, self.len as isize) {
            0 => {
                // Every reference now belongs to an object.
                self.len = 0;
                Ok(())
            }
            jumped => Err(Error::Died(jumped)),
        }
    }
}
