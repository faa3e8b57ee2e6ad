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

/// An array reference of strings (mount points, SSH keys, CPU XML
/// documents). Every element must be a defined string: holes and undef
/// elements croak, as do references.
pub struct StringList(pub Vec<std::ffi::CString>);

impl<'a> FromArg<'a> for StringList {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let mut strings = Vec::new();
        for_each_item(&arg, |item| match item.string()? {
            Some(s) => {
                strings.push(c_string(&s));
                Ok(())
            }
            None => item.error("must be a string, not undef"),
        })?;
        Ok(StringList(strings))
    }
}

impl StringList {
    /// The strings as an array of C pointers, valid while `self` is.
    pub fn pointers(&self) -> Vec<*const std::os::raw::c_char> {
        self.0.iter().map(|s| s.as_ptr()).collect()
    }

    /// libvirt's `const char **` for `pointers`: NULL when there are none
    /// (for mount points, libvirt's "every one").
    pub fn as_ptr_or_null(pointers: &[*const std::os::raw::c_char]) -> *mut *const std::os::raw::c_char {
        if pointers.is_empty() {
            std::ptr::null_mut()
        } else {
            pointers.as_ptr() as *mut _
        }
    }
}

/// An array reference of unsigned 32-bit numbers (key codes, page sizes).
/// Holes, undef and anything that is not such a number croak.
pub struct U32List(pub Vec<u32>);

impl<'a> FromArg<'a> for U32List {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let mut numbers = Vec::new();
        for_each_item(&arg, |item| {
            numbers.push(required_integer(item, 0, u32::MAX as i128)? as u32);
            Ok(())
        })?;
        Ok(U32List(numbers))
    }
}

/// An integer in `lo..=hi` that must be defined.
pub fn required_integer(arg: &Arg, lo: i128, hi: i128) -> Result<i128> {
    match arg.integer_in(lo, hi)? {
        Some(v) => Ok(v),
        None => arg.error("must be a number, not undef"),
    }
}

/// Calls `each` with every element of an array reference argument, each
/// named `name[i]` in messages.
pub fn for_each_item<'a>(arg: &Arg<'a>, mut each: impl FnMut(&Arg) -> Result<()>) -> Result<()> {
    for (index, item) in arg.array_items()?.iter().enumerate() {
        let name = format!("{}[{index}]", arg.name());
        each(&item.named("argument", &name))?;
    }
    Ok(())
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
