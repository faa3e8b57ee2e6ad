//! Opening connections.

use std::ffi::CString;

use virt::connect::Connect;

use crate::bridge::Result;
use crate::check;

/// Opens `uri` (None or "" for libvirt's default) with virConnectOpenAuth's flags.
pub fn open(uri: Option<&str>, flags: u32) -> Result<Connect> {
    let uri = uri.map(|u| CString::new(u).expect("the bridge refuses strings with NUL"));
    let uri_ptr = uri.as_ref().map_or(std::ptr::null(), |u| u.as_ptr());
    // SAFETY: a NULL auth is allowed; the returned reference becomes ours.
    let con = unsafe { virt_sys::virConnectOpenAuth(uri_ptr, std::ptr::null_mut(), flags) };
    Ok(unsafe { Connect::from_ptr(check::non_null(con)?) })
}
