//! Sys::Virt::Domain, the POD's "Memory" group: the balloon and maximum,
//! reading guest memory, dirty page rate measurement.

use std::os::raw::{c_int, c_void};

use crate::bridge::{Flags, Obj, Result, Value};
use crate::libvirt::kinds::Domain;
use crate::libvirt::ret::non_negative;

/// The largest peek libvirt's remote protocol carries (4 MiB); every
/// driver but the in-process test driver is remote.
const LARGEST_PEEK: u64 = 4 << 20;

/// Bytes read by `peek(buffer, size)`, a block or memory peek of `size`
/// bytes. Sizes beyond what any driver answers croak before a buffer
/// that large is made.
pub fn peek_buffer(size: u64, peek: impl FnOnce(*mut c_void, usize) -> c_int) -> Result<Value> {
    if size > LARGEST_PEEK {
        return Err(crate::bridge::Error::Croak(format!(
            "size {size} is larger than libvirt can read at once ({LARGEST_PEEK} bytes)"
        )));
    }
    let mut buffer = vec![0u8; size as usize];
    non_negative(peek(buffer.as_mut_ptr() as *mut c_void, buffer.len()))?;
    Ok(Value::Bytes(buffer))
}

crate::xsubs! { "Sys::Virt::Domain";
    /// Without flags this is virDomainSetMemory, as in the C module.
    fn set_memory(dom: Obj<Domain>, kib: u64, flags: Flags) -> Result<()> {
        let kib = kib as std::os::raw::c_ulong;
        // SAFETY: a live domain.
        non_negative(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainSetMemory(dom.raw(), kib)
            } else {
                virt_sys::virDomainSetMemoryFlags(dom.raw(), kib, flags.0)
            }
        })?;
        Ok(())
    }

    fn set_max_memory(dom: Obj<Domain>, kib: u64) -> Result<()> {
        // SAFETY: a live domain.
        non_negative(unsafe { virt_sys::virDomainSetMaxMemory(dom.raw(), kib as std::os::raw::c_ulong) })?;
        Ok(())
    }

    fn memory_peek(dom: Obj<Domain>, offset: u64, size: u64, flags: Flags) -> Result<Value> {
        peek_buffer(size, |buf, len| {
            // SAFETY: `buf` has room for `len` bytes.
            unsafe { virt_sys::virDomainMemoryPeek(dom.raw(), offset, len, buf, flags.0) }
        })
    }

    fn start_dirty_rate_calc(dom: Obj<Domain>, secs: i32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        non_negative(unsafe { virt_sys::virDomainStartDirtyRateCalc(dom.raw(), secs, flags.0) })?;
        Ok(())
    }
}
