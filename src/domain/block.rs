//! Sys::Virt::Domain, the POD's "Block devices" group: disk sizes and
//! errors, reading a disk's bytes, resizing, write thresholds.

use crate::bridge::{Arg, Flags, Hash, HashOf, List, Obj, Value, WriteFields};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::Domain;
use crate::libvirt::ret::{self, copied_text, done, non_negative, OnDrop};

use super::memory::peek_buffer;

crate::xsubs! { "Sys::Virt::Domain";
    fn get_block_info(dom: Obj<Domain>, dev: String, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        let dev = c_string(&dev);
        let mut info: virt_sys::virDomainBlockInfo = ret::zeroed();
        // SAFETY: libvirt fills in the struct, which is ours.
        non_negative(unsafe { virt_sys::virDomainGetBlockInfo(dom.raw(), dev.as_ptr(), &mut info, flags.0) })?;
        Ok(HashOf(move |h| {
            h.put("capacity", info.capacity)
                .put("allocation", info.allocation)
                .put("physical", info.physical);
        }))
    }

    /// One hash per disk with an error: path and error code.
    fn get_disk_errors(dom: Obj<Domain>, flags: Flags) -> Result<List<Value>> {
        // SAFETY: with no buffer libvirt only counts.
        let count = non_negative(unsafe { virt_sys::virDomainGetDiskErrors(dom.raw(), std::ptr::null_mut(), 0, 0) })?;
        let mut errors: Vec<virt_sys::virDomainDiskError> = vec![ret::zeroed(); count as usize];
        // SAFETY: the buffer has room for `count` records.
        let filled = non_negative(unsafe {
            virt_sys::virDomainGetDiskErrors(dom.raw(), errors.as_mut_ptr(), count as u32, flags.0)
        })?;
        errors.truncate((filled as usize).min(errors.len()));
        // SAFETY: each filled record's disk name is a string handed to us.
        let _free = OnDrop(|| errors.iter().for_each(|e| unsafe { libc::free(e.disk as *mut libc::c_void) }));
        Ok(List(errors.iter().map(|e| {
            // SAFETY: the name stays until `_free` runs.
            Value::Hash(Hash::new().with("path", unsafe { copied_text(e.disk) }).with("error", e.error))
        }).collect()))
    }

    fn block_peek(dom: Obj<Domain>, path: String, offset: u64, size: Arg, flags: Flags) -> Result<Value> {
        let path = c_string(&path);
        peek_buffer(&size, |buf, len| {
            // SAFETY: `buf` has room for `len` bytes.
            unsafe { virt_sys::virDomainBlockPeek(dom.raw(), path.as_ptr(), offset, len, buf, flags.0) }
        })
    }

    fn block_resize(dom: Obj<Domain>, disk: String, size: u64, flags: Flags) -> Result<()> {
        let disk = c_string(&disk);
        // SAFETY: a live domain and a C string.
        done(unsafe { virt_sys::virDomainBlockResize(dom.raw(), disk.as_ptr(), size, flags.0) })
    }

    fn set_block_threshold(dom: Obj<Domain>, dev: String, threshold: u64, flags: Flags) -> Result<()> {
        let dev = c_string(&dev);
        // SAFETY: as above.
        done(unsafe { virt_sys::virDomainSetBlockThreshold(dom.raw(), dev.as_ptr(), threshold, flags.0) })
    }
}
