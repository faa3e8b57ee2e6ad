//! Sys::Virt::Domain, the POD's "Memory" group: the balloon and maximum,
//! reading guest memory, dirty page rate measurement.

use std::os::raw::{c_int, c_void};

use crate::bridge::{Arg, Flags, Obj, Result, Value};
use crate::libvirt::args::required_integer;
use crate::libvirt::kinds::Domain;
use crate::libvirt::ret::{done, non_negative};

/// The largest peek libvirt's remote protocol carries (4 MiB); every
/// driver but the in-process test driver is remote.
const LARGEST_PEEK: u64 = 4 << 20;

/// Bytes read by `peek(buffer, size)`, a block or memory peek of `size`
/// bytes. Sizes beyond what any driver answers croak before a buffer
/// that large is made.
pub fn peek_buffer(size_arg: &Arg, peek: impl FnOnce(*mut c_void, usize) -> c_int) -> Result<Value> {
    let size = required_integer(size_arg, 0, u64::MAX as i128)?;
    if size > LARGEST_PEEK as i128 {
        return size_arg.error(&format!("must be at most {LARGEST_PEEK}, the most libvirt reads at once, not {size}"));
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
        done(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainSetMemory(dom.raw(), kib)
            } else {
                virt_sys::virDomainSetMemoryFlags(dom.raw(), kib, flags.0)
            }
        })
    }

    fn set_max_memory(dom: Obj<Domain>, kib: u64) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainSetMaxMemory(dom.raw(), kib as std::os::raw::c_ulong) })
    }

    fn memory_peek(dom: Obj<Domain>, offset: u64, size: Arg, flags: Flags) -> Result<Value> {
        peek_buffer(&size, |buf, len| {
            // SAFETY: `buf` has room for `len` bytes.
            unsafe { virt_sys::virDomainMemoryPeek(dom.raw(), offset, len, buf, flags.0) }
        })
    }

    fn start_dirty_rate_calc(dom: Obj<Domain>, secs: i32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainStartDirtyRateCalc(dom.raw(), secs, flags.0) })
    }
}
