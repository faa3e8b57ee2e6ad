//! Sys::Virt, the POD's "Host" group: the host's free memory and huge
//! pages, CPUs, security model, power, system information, the
//! capabilities of domains, and conversion of native configurations.

use std::os::raw::{c_int, c_uchar, c_uint, c_ulonglong};

use crate::bridge::{Arg, CText, Flags, Hash, Key, List, Obj, Result, Value};
use crate::libvirt::args::{c_string, for_each_item, required_integer, U32List};
use crate::libvirt::kinds::Connect;
use crate::libvirt::ret::{self, done, fixed_text, non_negative, OnDrop};

use super::cpu_models::{opt_ptr, HypervisorTarget};

/// The most cells and page sizes one call may ask about: libvirt's remote
/// protocol carries far fewer, and the buffer is sized by the request.
const LARGEST_CELL_REQUEST: i64 = 1 << 20;

/// The number of cells from `start` to `end` inclusive, for calls whose
/// buffer is sized by it. An empty or backward range asks libvirt for no
/// cells, which libvirt refuses with its own error.
fn cell_count(start: i32, end_arg: &Arg, per_cell: usize) -> Result<(i32, usize)> {
    let end = required_integer(end_arg, i32::MIN as i128, i32::MAX as i128)? as i32;
    let cells = (i64::from(end) - i64::from(start) + 1).max(0);
    if cells.saturating_mul(per_cell.max(1) as i64) > LARGEST_CELL_REQUEST {
        return end_arg.error(&format!("asks about cells {start} to {end}, more than one call can"));
    }
    Ok((end, cells as usize))
}

/// The `[size, count]` pairs of node_alloc_pages.
fn page_requests(arg: &Arg) -> Result<(Vec<c_uint>, Vec<c_ulonglong>)> {
    let (mut sizes, mut counts) = (Vec::new(), Vec::new());
    for_each_item(arg, |item| {
        let pair = item.array_items()?;
        if pair.len() != 2 {
            return item.error("must be a [page size, page count] pair");
        }
        sizes.push(required_integer(&pair[0].named("argument", &format!("{}[0]", item.name())), 0, c_uint::MAX as i128)? as c_uint);
        counts.push(required_integer(&pair[1].named("argument", &format!("{}[1]", item.name())), 0, u64::MAX as i128)? as c_ulonglong);
        Ok(())
    })?;
    Ok((sizes, counts))
}

crate::xsubs! { "Sys::Virt";
    fn get_node_free_memory(con: Obj<Connect>) -> Result<u64> {
        // SAFETY: a live connection.
        match unsafe { virt_sys::virNodeGetFreeMemory(con.raw()) } {
            // 0 is libvirt's failure.
            0 => Err(ret::last_error()),
            free => Ok(free),
        }
    }

    /// Free memory of each cell from `start` to `end`, as a list.
    fn get_node_cells_free_memory(con: Obj<Connect>, start: i32, end: Arg) -> Result<List<u64>> {
        let (_, cells) = cell_count(start, &end, 1)?;
        let mut free = vec![0 as c_ulonglong; cells.max(1)];
        // SAFETY: the buffer has room for `cells` numbers.
        let filled = non_negative(unsafe {
            virt_sys::virNodeGetCellsFreeMemory(con.raw(), free.as_mut_ptr(), start, cells as c_int)
        })?;
        free.truncate((filled as usize).min(cells));
        Ok(List(free))
    }

    /// One hash per cell: its number and a hash of free pages by size.
    fn get_node_free_pages(con: Obj<Connect>, pagesizes: U32List, start: i32, end: Arg, flags: Flags) -> Result<List<Value>> {
        let mut sizes = pagesizes.0;
        let (_, cells) = cell_count(start, &end, sizes.len())?;
        let mut counts = vec![0 as c_ulonglong; (sizes.len() * cells).max(1)];
        // SAFETY: `counts` has room for every size on every cell.
        non_negative(unsafe {
            virt_sys::virNodeGetFreePages(con.raw(), sizes.len() as c_uint, sizes.as_mut_ptr(), start, cells as c_uint, counts.as_mut_ptr(), flags.0)
        })?;
        Ok(List((0..cells).map(|cell| {
            let mut pages = Hash::new();
            for (j, size) in sizes.iter().enumerate() {
                pages.insert(Key::Owned(size.to_string()), counts[cell * sizes.len() + j]);
            }
            Value::Hash(Hash::new().with("cell", i64::from(start) + cell as i64).with("pages", pages))
        }).collect()))
    }

    /// `pages` is an array of `[size, count]` pairs.
    fn node_alloc_pages(con: Obj<Connect>, pages: Arg, start: i32, end: i32, flags: Flags) -> Result<()> {
        let (mut sizes, mut counts) = page_requests(&pages)?;
        // No buffer depends on the count, so it goes to libvirt as asked
        // (a start of -1 means every cell, whatever the count).
        let cells = (i64::from(end) - i64::from(start) + 1).clamp(0, c_uint::MAX as i64) as c_uint;
        // SAFETY: both arrays have one entry per page size.
        done(unsafe {
            virt_sys::virNodeAllocPages(con.raw(), sizes.len() as c_uint, sizes.as_mut_ptr(), counts.as_mut_ptr(), start, cells, flags.0)
        })
    }

    /// (number of CPUs, map of the online ones, number online)
    fn get_node_cpu_map(con: Obj<Connect>, flags: Flags) -> Result<List<Value>> {
        let mut map: *mut c_uchar = std::ptr::null_mut();
        let mut online: c_uint = 0;
        // SAFETY: libvirt stores a new map through the pointer.
        let cpus = non_negative(unsafe { virt_sys::virNodeGetCPUMap(con.raw(), &mut map, &mut online, flags.0) })?;
        // SAFETY: the map is ours to free.
        let _free = OnDrop(|| unsafe { libc::free(map as *mut libc::c_void) });
        let bytes = if map.is_null() {
            Vec::new()
        } else {
            // SAFETY: libvirt's map has one bit per CPU.
            unsafe { std::slice::from_raw_parts(map, (cpus as usize).div_ceil(8)) }.to_vec()
        };
        Ok(List(vec![Value::Int(cpus.into()), Value::Bytes(bytes), Value::UInt(online.into())]))
    }

    fn get_node_security_model(con: Obj<Connect>) -> Result<Hash> {
        let mut model: virt_sys::virSecurityModel = ret::zeroed();
        // SAFETY: the struct is ours.
        non_negative(unsafe { virt_sys::virNodeGetSecurityModel(con.raw(), &mut model) })?;
        Ok(Hash::new().with("model", fixed_text(&model.model)).with("doi", fixed_text(&model.doi)))
    }

    fn node_suspend_for_duration(con: Obj<Connect>, target: u32, duration: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live connection.
        done(unsafe { virt_sys::virNodeSuspendForDuration(con.raw(), target, duration, flags.0) })
    }

    /// undef when libvirt fails, as the C module answers (without an
    /// exception).
    fn get_sysinfo(con: Obj<Connect>, flags: Flags) -> Result<Option<CText>> {
        // SAFETY: libvirt hands the document over to us.
        Ok(unsafe { ret::owned_text(virt_sys::virConnectGetSysinfo(con.raw(), flags.0)) }.ok())
    }

    fn get_domain_capabilities(con: Obj<Connect>, emulator: Arg, arch: Arg, machine: Arg, virttype: Arg, flags: Flags) -> Result<CText> {
        let target = HypervisorTarget::read(emulator, arch, machine, virttype)?;
        // SAFETY: C strings or NULL, alive for the call; libvirt hands the document over.
        unsafe {
            ret::owned_text(virt_sys::virConnectGetDomainCapabilities(
                con.raw(), opt_ptr(&target.emulator), opt_ptr(&target.arch), opt_ptr(&target.machine), opt_ptr(&target.virttype), flags.0))
        }
    }

    fn domain_xml_from_native(con: Obj<Connect>, configtype: String, configdata: String, flags: Flags) -> Result<CText> {
        let (configtype, configdata) = (c_string(&configtype), c_string(&configdata));
        // SAFETY: C strings; libvirt hands the document over.
        unsafe { ret::owned_text(virt_sys::virConnectDomainXMLFromNative(con.raw(), configtype.as_ptr(), configdata.as_ptr(), flags.0)) }
    }

    fn domain_xml_to_native(con: Obj<Connect>, configtype: String, xmldata: String, flags: Flags) -> Result<CText> {
        let (configtype, xmldata) = (c_string(&configtype), c_string(&xmldata));
        // SAFETY: as above.
        unsafe { ret::owned_text(virt_sys::virConnectDomainXMLToNative(con.raw(), configtype.as_ptr(), xmldata.as_ptr(), flags.0)) }
    }
}
