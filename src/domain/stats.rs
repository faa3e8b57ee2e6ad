//! Sys::Virt::Domain: the POD's statistics group (CPU, disk, interface
//! and memory counters) and what the guest agent reports about the guest.

use std::os::raw::{c_int, c_uint};

use crate::bridge::{Flags, Hash, HashOf, IntoValue, List, Obj, Result, Value, WriteFields};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::Domain;
use crate::libvirt::params::Params;
use crate::libvirt::ret;

/// The most block statistics the remote protocol carries.
const REMOTE_BLOCK_STATS_PARAMETERS_MAX: c_int = 16;

/// The names the C module gives the memory statistics, by tag.
const MEMORY_STAT_NAMES: &[(u32, &str)] = &[
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_SWAP_IN, "swap_in"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, "swap_out"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, "major_fault"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, "minor_fault"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_UNUSED, "unused"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_AVAILABLE, "available"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, "actual_balloon"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_RSS, "rss"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, "last_update"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_USABLE, "usable"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, "disk_caches"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, "hugetlb_pgalloc"),
    (virt_sys::VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, "hugetlb_pgfail"),
];

/// The typed block statistics under the names of the older fixed set,
/// where the two overlap, as the C module names them.
const BLOCK_STAT_RENAMES: &[(&str, &str)] = &[
    ("rd_operations", "rd_req"),
    ("wr_operations", "wr_req"),
    ("flush_operations", "flush_reqs"),
];

/// Whether libvirt refused because the driver lacks the call.
fn unsupported(err: &crate::bridge::Error) -> bool {
    matches!(err, crate::bridge::Error::Libvirt(e) if e.code().to_raw() as i64 == i64::from(virt_sys::VIR_ERR_NO_SUPPORT))
}

/// The fixed set of five counters, for drivers without the typed call.
fn block_stats_fixed(dom: &Obj<Domain>, path: &std::ffi::CStr) -> Result<Hash> {
    // SAFETY: plain data, filled by libvirt.
    let mut stats: virt_sys::virDomainBlockStatsStruct = unsafe { std::mem::zeroed() };
    // SAFETY: the struct and its size are ours.
    ret::non_negative(unsafe {
        virt_sys::virDomainBlockStats(dom.raw(), path.as_ptr(), &mut stats, std::mem::size_of_val(&stats))
    })?;
    Ok(Hash::new()
        .with("rd_req", stats.rd_req)
        .with("rd_bytes", stats.rd_bytes)
        .with("wr_req", stats.wr_req)
        .with("wr_bytes", stats.wr_bytes)
        .with("errs", stats.errs))
}

/// How many CPUs `virDomainGetCPUStats` knows (start 0, ncpus 0), or how
/// many statistics one row has (`row` with ncpus 1).
fn cpu_stats_count(dom: &Obj<Domain>, start_cpu: c_int, ncpus: c_uint) -> Result<c_int> {
    // SAFETY: a NULL array asks for a count.
    ret::non_negative(unsafe { virt_sys::virDomainGetCPUStats(dom.raw(), std::ptr::null_mut(), 0, start_cpu, ncpus, 0) })
}

crate::xsubs! { "Sys::Virt::Domain";
    /// One hash per CPU from `start_cpu` (a CPU absent from the host gives
    /// an empty hash), or a single hash of totals for `start_cpu` -1.
    /// `ncpus` 0 means every CPU from `start_cpu` on.
    fn get_cpu_stats(dom: Obj<Domain>, start_cpu: i32, ncpus: u32, flags: Flags) -> Result<List<Value>> {
        // (statistics per CPU, rows of the buffer, ncpus for libvirt)
        let (per_row, rows, asked) = if start_cpu == -1 {
            // One row of totals. libvirt itself refuses any ncpus but 1
            // here, before it writes anything; 0 is taken as 1.
            (cpu_stats_count(&dom, -1, 1)?, 1, ncpus.max(1))
        } else {
            // Never more rows than the host has CPUs from start_cpu on
            // (what libvirt fills); one to let libvirt judge a start beyond.
            let host_cpus = cpu_stats_count(&dom, 0, 0)?;
            let available = (i64::from(host_cpus) - i64::from(start_cpu)).clamp(1, i64::from(c_int::MAX)) as u32;
            let rows = if ncpus == 0 { available } else { ncpus.min(available) };
            (cpu_stats_count(&dom, 0, 1)?, rows, rows)
        };
        if per_row == 0 {
            return Ok(List(Vec::new()));
        }
        let Some(cap) = per_row.checked_mul(rows as c_int) else {
            return crate::bridge::croak(format!("Sys::Virt::Domain::get_cpu_stats: {per_row} statistics for each of {rows} CPUs are too many"));
        };
        // The slots are laid out row by row whatever libvirt filled (its
        // answer is the number of statistics per row), so every row is read.
        let params = Params::fetch_sized(cap, |buf, _| {
            // SAFETY: buf has room for per_row * rows entries, and libvirt
            // fills at most per_row * asked of them (asked == rows, or
            // libvirt refuses asked before filling).
            unsafe { virt_sys::virDomainGetCPUStats(dom.raw(), buf, per_row as c_uint, start_cpu, asked, flags.0) }
        })?;
        Ok(List(params.into_rows(per_row as usize)))
    }

    fn block_stats(dom: Obj<Domain>, path: String, flags: Flags) -> Result<Value> {
        let path = c_string(&path);
        let typed = Params::fetch_capped(REMOTE_BLOCK_STATS_PARAMETERS_MAX, |buf, n| {
            // SAFETY: buf is NULL with *n 0 (a count), or has room for *n entries.
            unsafe { virt_sys::virDomainBlockStatsFlags(dom.raw(), path.as_ptr(), buf, n, flags.0) }
        });
        match typed {
            Ok(params) => Ok(params.into_hash_renamed(BLOCK_STAT_RENAMES).into_value()),
            Err(err) if flags.0 == 0 && unsupported(&err) => block_stats_fixed(&dom, &path).map(IntoValue::into_value),
            Err(err) => Err(err),
        }
    }

    fn interface_stats(dom: Obj<Domain>, path: String) -> Result<HashOf<impl WriteFields>> {
        let path = c_string(&path);
        // SAFETY: plain data, filled by libvirt.
        let mut stats: virt_sys::virDomainInterfaceStatsStruct = unsafe { std::mem::zeroed() };
        // SAFETY: the struct and its size are ours.
        ret::non_negative(unsafe {
            virt_sys::virDomainInterfaceStats(dom.raw(), path.as_ptr(), &mut stats, std::mem::size_of_val(&stats))
        })?;
        Ok(HashOf(move |h| {
            h.put("rx_bytes", stats.rx_bytes)
                .put("rx_packets", stats.rx_packets)
                .put("rx_errs", stats.rx_errs)
                .put("rx_drop", stats.rx_drop)
                .put("tx_bytes", stats.tx_bytes)
                .put("tx_packets", stats.tx_packets)
                .put("tx_errs", stats.tx_errs)
                .put("tx_drop", stats.tx_drop);
        }))
    }

    /// The statistics libvirt 9.0.0 names; others a newer daemon sends are
    /// left out, as the C module leaves them out.
    fn memory_stats(dom: Obj<Domain>, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        // SAFETY: plain data, filled by libvirt.
        let mut stats: Vec<virt_sys::virDomainMemoryStatStruct> =
            vec![unsafe { std::mem::zeroed() }; virt_sys::VIR_DOMAIN_MEMORY_STAT_NR as usize];
        // SAFETY: the buffer has room for as many entries as we say.
        let got = ret::non_negative(unsafe {
            virt_sys::virDomainMemoryStats(dom.raw(), stats.as_mut_ptr(), stats.len() as c_uint, flags.0)
        })?;
        stats.truncate(got as usize);
        Ok(HashOf(move |h| {
            for stat in &stats {
                if let Some(&(_, name)) = MEMORY_STAT_NAMES.iter().find(|&&(tag, _)| tag as c_int == stat.tag) {
                    h.put(name, stat.val);
                }
            }
        }))
    }

    fn set_memory_stats_period(dom: Obj<Domain>, period: i32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::non_negative(unsafe { virt_sys::virDomainSetMemoryStatsPeriod(dom.raw(), period, flags.0) })?;
        Ok(())
    }

    fn get_guest_info(dom: Obj<Domain>, types: Flags, flags: Flags) -> Result<Params> {
        // SAFETY: libvirt allocates the array and hands it over.
        Params::receive(|list, n| unsafe { virt_sys::virDomainGetGuestInfo(dom.raw(), types.0, list, n, flags.0) })
    }

    fn get_guest_vcpus(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        Params::receive(|list, n| {
            let mut count: c_uint = 0;
            // SAFETY: libvirt allocates the array and hands it over.
            let rc = unsafe { virt_sys::virDomainGetGuestVcpus(dom.raw(), list, &mut count, flags.0) };
            *n = count.min(c_int::MAX as c_uint) as c_int;
            rc
        })
    }
}
