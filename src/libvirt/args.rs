//! Arguments whose form libvirt defines.

use crate::bridge::{Arg, Error, FromArg, Result};

/// A UUID as 16 raw bytes.
pub struct RawUuid(pub [u8; virt_sys::VIR_UUID_BUFLEN as usize]);

impl<'a> FromArg<'a> for RawUuid {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let bytes = arg.bytes()?.unwrap_or_default();
        match bytes.try_into() {
            Ok(uuid) => Ok(RawUuid(uuid)),
            Err(_) => arg.error("must be 16 bytes"),
        }
    }
}

/// A string argument for libvirt. The bridge refuses strings containing
/// NUL, so every `String` an XSUB receives converts.
pub fn c_string(s: &str) -> std::ffi::CString {
    std::ffi::CString::new(s).expect("the bridge refuses strings with NUL")
}

/// An optional string argument: NULL when absent. The result borrows `s`.
pub fn c_opt(s: &Option<std::ffi::CString>) -> *const std::os::raw::c_char {
    s.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}
