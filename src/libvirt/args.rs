//! Arguments whose form libvirt defines.

use std::os::raw::c_int;

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

/// A host CPU or NUMA cell number, where -1 means all of them. The
/// constants for "all" (NODE_CPU_STATS_ALL_CPUS, NODE_MEMORY_STATS_ALL_CELLS)
/// are 2**64-1 in Perl, as in the C module, whose int argument turns them
/// into -1; missing or undef means all too.
pub struct HostPart(pub c_int);

impl<'a> FromArg<'a> for HostPart {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Ok(HostPart(-1)) };
        match arg.integer_in(i128::from(c_int::MIN), i128::from(u64::MAX))? {
            None => Ok(HostPart(-1)),
            Some(all) if all == i128::from(u64::MAX) => Ok(HostPart(-1)),
            Some(n) if n <= i128::from(c_int::MAX) => Ok(HostPart(n as c_int)),
            Some(n) => arg.error(&format!("is out of range ({n} is neither a number up to {} nor 2**64-1 for all)", c_int::MAX)),
        }
    }
}
