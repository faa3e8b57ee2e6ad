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

/// The C module's constructors die with this for a UUID of any other length.
const UUID_LENGTH: &str = "UUID must be either 16 unsigned bytes, or 32/36 hex characters long";

/// A UUID in either of the forms the lookups by UUID accept: 16 raw bytes,
/// or its printed form of 32 or 36 characters. The length is Perl's
/// `length`: bytes for a byte string, characters for a character string.
pub enum AnyUuid {
    Raw(RawUuid),
    Text(std::ffi::CString),
}

impl<'a> FromArg<'a> for AnyUuid {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let as_text = |arg: &Arg| -> Result<AnyUuid> { Ok(AnyUuid::Text(c_string(&arg.text()?))) };
        match arg.bytes() {
            Ok(Some(bytes)) => match bytes.len() {
                16 => Ok(AnyUuid::Raw(RawUuid(bytes.try_into().expect("16 bytes")))),
                32 | 36 => as_text(&arg),
                _ => crate::bridge::croak(UUID_LENGTH),
            },
            Ok(None) => crate::bridge::croak(UUID_LENGTH),
            // Characters above 255: only the printed form can be meant.
            Err(Error::Croak(_)) => match arg.string()?.map_or(0, |s| s.chars().count()) {
                32 | 36 => as_text(&arg),
                16 => arg.error("must be 16 bytes, not 16 wide characters"),
                _ => crate::bridge::croak(UUID_LENGTH),
            },
            Err(other) => Err(other),
        }
    }
}
