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
