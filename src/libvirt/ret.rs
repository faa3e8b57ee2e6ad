//! libvirt's return conventions, turned into `Result`s: a negative number
//! or a NULL pointer means failure, with the reason in the thread's last
//! libvirt error.

use std::os::raw::{c_char, c_int};

use crate::bridge::{CText, Error, Handle, Owned, Result, TextRef, Value};

pub fn last_error() -> Error {
    Error::Libvirt(virt::error::Error::last_error())
}

pub fn non_negative(ret: c_int) -> Result<c_int> {
    if ret < 0 {
        Err(last_error())
    } else {
        Ok(ret)
    }
}

pub fn non_null<T>(ptr: *mut T) -> Result<*mut T> {
    if ptr.is_null() {
        Err(last_error())
    } else {
        Ok(ptr)
    }
}

/// A call whose only result is success or failure.
pub fn done(ret: c_int) -> Result<()> {
    non_negative(ret).map(drop)
}

/// 0 or 1 as a boolean (`virDomainIsActive` and friends).
pub fn boolean(ret: c_int) -> Result<bool> {
    Ok(non_negative(ret)? != 0)
}

/// A new handle of kind `K` that a libvirt call returned with one reference.
///
/// # Safety
/// `ptr` must be what such a call returned: NULL, or a handle carrying a
/// reference that nothing else gives back.
pub unsafe fn object<K: Handle<Ptr = *mut P>, P>(ptr: *mut P) -> Result<Owned<K>> {
    Ok(Owned::adopt(non_null(ptr)?))
}

/// A string that libvirt allocated and handed over.
///
/// # Safety
/// `text` must be NULL or a malloc'd NUL-terminated string that nothing
/// else frees.
pub unsafe fn owned_text(text: *mut c_char) -> Result<CText> {
    Ok(CText::owned(non_null(text)?))
}

/// A string that libvirt keeps inside an object passed to this XSUB.
///
/// # Safety
/// `text` must be NULL or NUL-terminated, and live as long as the object
/// argument it came from.
pub unsafe fn borrowed_text(text: *const c_char) -> Result<CText> {
    Ok(CText::borrowed(non_null(text as *mut c_char)?))
}

/// The 16 raw bytes of a UUID, filled in by `get`.
pub fn uuid(get: impl FnOnce(*mut u8) -> c_int) -> Result<Value> {
    let mut uuid = [0u8; virt_sys::VIR_UUID_BUFLEN as usize];
    non_negative(get(uuid.as_mut_ptr()))?;
    Ok(Value::Bytes(uuid.to_vec()))
}

/// A UUID's printed form, filled in by `get`.
pub fn uuid_string(get: impl FnOnce(*mut c_char) -> c_int) -> Result<String> {
    let mut buf = [0 as c_char; virt_sys::VIR_UUID_STRING_BUFLEN as usize];
    non_negative(get(buf.as_mut_ptr()))?;
    // SAFETY: libvirt wrote a NUL-terminated string into the buffer.
    Ok(unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned())
}

/// libvirt's plain C structs (numbers, fixed arrays, raw pointers), for
/// which all zero bytes is a valid value.
pub trait PlainStruct: Copy {}
impl PlainStruct for virt_sys::virDomainBlockInfo {}
impl PlainStruct for virt_sys::virDomainControlInfo {}
impl PlainStruct for virt_sys::virDomainDiskError {}
impl PlainStruct for virt_sys::virDomainInfo {}
impl PlainStruct for virt_sys::virNodeInfo {}
impl PlainStruct for virt_sys::virSecurityLabel {}
impl PlainStruct for virt_sys::virSecurityModel {}
impl PlainStruct for virt_sys::virVcpuInfo {}

/// A struct for libvirt to fill in.
pub fn zeroed<T: PlainStruct>() -> T {
    // SAFETY: PlainStruct types hold only integers, arrays of them and raw
    // pointers, all valid as zero bytes.
    unsafe { std::mem::zeroed() }
}

/// The text in a fixed-size `char` array that libvirt filled in (a
/// security label, a CPU model): up to the first NUL, or the whole array.
pub fn fixed_text(buf: &[c_char]) -> TextRef<'_> {
    // SAFETY: c_char and u8 have the same size and alignment.
    let bytes: &[u8] = unsafe { std::slice::from_raw_parts(buf.as_ptr() as *const u8, buf.len()) };
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    TextRef(&bytes[..end])
}

/// A string inside a record that libvirt frees afterwards, to be copied
/// into Perl before that; None (undef) for NULL.
///
/// # Safety
/// `text` must be NULL or NUL-terminated and valid for `'a`.
pub unsafe fn copied_text<'a>(text: *const c_char) -> Option<TextRef<'a>> {
    if text.is_null() {
        return None;
    }
    Some(TextRef(std::ffi::CStr::from_ptr(text).to_bytes()))
}

/// Runs `free` when dropped: for what libvirt handed over, on every path.
pub struct OnDrop<F: FnMut()>(pub F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)()
    }
}

/// The code of the thread's last libvirt error, 0 when there is none.
pub fn last_error_code() -> c_int {
    // SAFETY: libvirt's per-thread error, read while it stays put (no
    // libvirt call in between).
    unsafe {
        let err = virt_sys::virGetLastError();
        if err.is_null() {
            0
        } else {
            (*err).code
        }
    }
}
