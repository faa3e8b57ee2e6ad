//! Sys::Virt: the POD's host statistics and tuning group (CPU and memory
//! counters, shared memory tuning, SEV), statistics of many domains at
//! once, and the client identity a connection presents.

use std::os::raw::c_int;

use crate::bridge::{Arg, Flags, FromArg, HashArg, HashOf, IntoValue, List, Obj, ObjList, Owned, Result, Value, WriteFields};
use crate::libvirt::args::HostPart;
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::params::{write_borrowed, Fields, Params, Type};
use crate::libvirt::ret;

/// The most entries the remote protocol carries for this getter.
const REMOTE_NODE_MEMORY_PARAMETERS_MAX: c_int = 64;

/// The host CPU counters the C module reports; others are left out.
const NODE_CPU_FIELDS: &[&std::ffi::CStr] = &[
    virt_sys::VIR_NODE_CPU_STATS_KERNEL,
    virt_sys::VIR_NODE_CPU_STATS_USER,
    virt_sys::VIR_NODE_CPU_STATS_IDLE,
    virt_sys::VIR_NODE_CPU_STATS_IOWAIT,
    virt_sys::VIR_NODE_CPU_STATS_INTR,
    virt_sys::VIR_NODE_CPU_STATS_UTILIZATION,
];

const NODE_MEMORY_FIELDS: &[&std::ffi::CStr] = &[
    virt_sys::VIR_NODE_MEMORY_STATS_TOTAL,
    virt_sys::VIR_NODE_MEMORY_STATS_FREE,
    virt_sys::VIR_NODE_MEMORY_STATS_BUFFERS,
    virt_sys::VIR_NODE_MEMORY_STATS_CACHED,
];

const IDENTITY_FIELDS: &Fields = &[
    (virt_sys::VIR_CONNECT_IDENTITY_USER_NAME, Type::String),
    (virt_sys::VIR_CONNECT_IDENTITY_UNIX_USER_ID, Type::ULLong),
    (virt_sys::VIR_CONNECT_IDENTITY_GROUP_NAME, Type::String),
    (virt_sys::VIR_CONNECT_IDENTITY_UNIX_GROUP_ID, Type::ULLong),
    (virt_sys::VIR_CONNECT_IDENTITY_PROCESS_ID, Type::LLong),
    (virt_sys::VIR_CONNECT_IDENTITY_PROCESS_TIME, Type::ULLong),
    (virt_sys::VIR_CONNECT_IDENTITY_SASL_USER_NAME, Type::String),
    (virt_sys::VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME, Type::String),
    (virt_sys::VIR_CONNECT_IDENTITY_SELINUX_CONTEXT, Type::String),
];

/// A field => counter struct of the host statistics calls.
trait Counter: Copy {
    fn field(&self) -> &[std::os::raw::c_char];
    fn value(&self) -> u64;
}

impl Counter for virt_sys::virNodeCPUStats {
    fn field(&self) -> &[std::os::raw::c_char] {
        &self.field
    }
    fn value(&self) -> u64 {
        self.value
    }
}

impl Counter for virt_sys::virNodeMemoryStats {
    fn field(&self) -> &[std::os::raw::c_char] {
        &self.field
    }
    fn value(&self) -> u64 {
        self.value
    }
}

/// The host counters of `get(buffer, &mut n)`: `get(NULL, &mut 0)`
/// stores the count, then the buffer is filled. Always two calls: the
/// Linux host driver refuses any other size than its count, so a buffer
/// sized for the remote protocol would not do.
fn counters<T: Counter>(mut get: impl FnMut(*mut T, &mut c_int) -> c_int) -> Result<Vec<T>> {
    let mut n: c_int = 0;
    ret::non_negative(get(std::ptr::null_mut(), &mut n))?;
    // SAFETY: plain data, filled by libvirt.
    let zero: T = unsafe { std::mem::zeroed() };
    let mut buffer = vec![zero; n.max(0) as usize];
    if !buffer.is_empty() {
        ret::non_negative(get(buffer.as_mut_ptr(), &mut n))?;
    }
    buffer.truncate(n.max(0) as usize);
    Ok(buffer)
}

/// The counters as a hash, keeping only the `known` fields.
fn counters_hash<T: Counter + 'static>(known: &'static [&'static std::ffi::CStr], counters: Vec<T>) -> HashOf<impl WriteFields> {
    HashOf(move |h| {
        for counter in &counters {
            // SAFETY: libvirt NUL-terminates the field within its array.
            let field = unsafe { std::ffi::CStr::from_ptr(counter.field().as_ptr()) };
            if known.contains(&field) {
                h.put_named(field.to_bytes(), counter.value());
            }
        }
    })
}

fn node_memory_parameters(con: &Obj<Connect>, flags: Flags) -> Result<Params> {
    // SAFETY: buf is NULL with *n 0 (a count), or has room for *n entries.
    Params::fetch_capped(REMOTE_NODE_MEMORY_PARAMETERS_MAX, |buf, n| unsafe {
        virt_sys::virNodeGetMemoryParameters(con.raw(), buf, n, flags.0)
    })
}

/// The records of `virConnectGetAllDomainStats` / `virDomainListGetStats`,
/// freed as a whole.
struct StatsRecords {
    list: *mut virt_sys::virDomainStatsRecordPtr,
    len: usize,
}

impl Drop for StatsRecords {
    fn drop(&mut self) {
        if !self.list.is_null() {
            // SAFETY: the NULL-terminated list libvirt handed over, freed once.
            unsafe { virt_sys::virDomainStatsRecordListFree(self.list) }
        }
    }
}

impl StatsRecords {
    fn fetch(call: impl FnOnce(&mut *mut virt_sys::virDomainStatsRecordPtr) -> c_int) -> Result<StatsRecords> {
        let mut records = StatsRecords { list: std::ptr::null_mut(), len: 0 };
        records.len = ret::non_negative(call(&mut records.list))? as usize;
        if records.list.is_null() {
            records.len = 0;
        }
        Ok(records)
    }

    /// Each record as { dom => the domain, data => its statistics }, the
    /// statistics copied straight from the records, which stay libvirt's
    /// until the last hash is written.
    fn into_hashes(self) -> Vec<Value> {
        let len = self.len;
        let records = std::rc::Rc::new(self);
        (0..len)
            .map(|i| {
                // SAFETY: len records, each live until the list is freed.
                let record = unsafe { &**records.list.add(i) };
                // SAFETY: the record's domain is live; the new reference is the object's.
                let dom = unsafe {
                    virt_sys::virDomainRef(record.dom);
                    Owned::<Domain>::adopt(record.dom)
                };
                let (params, nparams) = (record.params, record.nparams);
                let records = records.clone();
                HashOf(move |h| {
                    h.put("dom", dom.into_value());
                    // SAFETY: the parameters live as long as `records`.
                    h.put_hash("data", |data| unsafe { write_borrowed(data, params, nparams) });
                    drop(records);
                })
                .into_value()
            })
            .collect()
    }
}

crate::xsubs! { "Sys::Virt";
    fn get_node_cpu_stats(con: Obj<Connect>, cpu: HostPart, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        let cpu = cpu.0;
        // SAFETY: buf is NULL with *n 0 (a count), or has room for *n entries.
        let stats = counters(|buf, n| unsafe { virt_sys::virNodeGetCPUStats(con.raw(), cpu, buf, n, flags.0) })?;
        Ok(counters_hash(NODE_CPU_FIELDS, stats))
    }

    fn get_node_memory_stats(con: Obj<Connect>, cell: HostPart, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        let cell = cell.0;
        // SAFETY: as above.
        let stats = counters(|buf, n| unsafe { virt_sys::virNodeGetMemoryStats(con.raw(), cell, buf, n, flags.0) })?;
        Ok(counters_hash(NODE_MEMORY_FIELDS, stats))
    }

    fn get_node_memory_parameters(con: Obj<Connect>, flags: Flags) -> Result<Params> {
        node_memory_parameters(&con, flags)
    }

    fn set_node_memory_parameters(con: Obj<Connect>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, node_memory_parameters(&con, Flags(0))?)?;
        // SAFETY: the array and its count are ours; libvirt only reads them.
        wanted.pass(|list, n| unsafe { virt_sys::virNodeSetMemoryParameters(con.raw(), list, n, flags.0) })
    }

    fn get_node_sev_info(con: Obj<Connect>, flags: Flags) -> Result<Params> {
        // SAFETY: libvirt allocates the array and hands it over.
        Params::receive(|list, n| unsafe { virt_sys::virNodeGetSEVInfo(con.raw(), list, n, flags.0) })
    }

    /// `domains` undef (or an empty list) asks about every domain of the
    /// connection.
    fn get_all_domain_stats(con: Obj<Connect>, stats: u32, domains: Option<Arg>, flags: Flags) -> Result<List<Value>> {
        let domains = match domains {
            Some(arg) if arg.is_defined()? => ObjList::<Domain>::from_arg(Some(arg))?.0,
            _ => Vec::new(),
        };
        let records = if domains.is_empty() {
            // SAFETY: libvirt hands the record list over.
            StatsRecords::fetch(|list| unsafe { virt_sys::virConnectGetAllDomainStats(con.raw(), stats, list, flags.0) })?
        } else {
            let mut handles: Vec<virt_sys::virDomainPtr> = domains.iter().map(|d| d.raw()).collect();
            handles.push(std::ptr::null_mut());
            // SAFETY: a NULL-terminated array of live domains, held by
            // the argument list for the call; libvirt hands the records over.
            StatsRecords::fetch(|list| unsafe { virt_sys::virDomainListGetStats(handles.as_mut_ptr(), stats, list, flags.0) })?
        };
        Ok(List(records.into_hashes()))
    }

    fn set_identity(con: Obj<Connect>, identity: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_fields(identity, IDENTITY_FIELDS)?;
        // SAFETY: the array and its count are ours; libvirt only reads them.
        wanted.pass(|list, n| unsafe { virt_sys::virConnectSetIdentity(con.raw(), list, n, flags.0) })
    }
}
