//! Sys::Virt::Domain, the POD's "Virtual CPUs and I/O threads" group:
//! vCPU counts and states, pinning of vCPUs, emulator and I/O threads.

use std::os::raw::{c_int, c_uchar};

use crate::bridge::{Bytes, Flags, Hash, List, Obj, Result, Value};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::Domain;
use crate::libvirt::ret::{self, done, non_negative, OnDrop};

/// Bytes in one CPU map of the domain's host: one bit for every CPU the
/// host could have (libvirt's VIR_NODEINFO_MAXCPUS).
fn host_cpumap_len(dom: &Obj<Domain>) -> Result<usize> {
    let mut node: virt_sys::virNodeInfo = ret::zeroed();
    // SAFETY: the domain's connection lives as long as the domain; the
    // struct is ours.
    non_negative(unsafe { virt_sys::virNodeGetInfo(virt_sys::virDomainGetConnect(dom.raw()), &mut node) })?;
    let cpus = [node.nodes, node.sockets, node.cores, node.threads].iter().fold(1u64, |n, &f| n.saturating_mul(f as u64));
    Ok(cpus.div_ceil(8).min(c_int::MAX as u64) as usize)
}

/// One vCPU's record, as the C module shapes it.
fn vcpu_record(number: usize, info: Option<&virt_sys::virVcpuInfo>, affinity: &[u8]) -> Value {
    let (state, cpu_time, cpu) = info.map_or((0, 0, 0), |i| (i.state, i.cpuTime, i.cpu));
    Value::Hash(Hash::new()
        .with("number", number)
        .with("state", state)
        .with("cpuTime", cpu_time)
        .with("cpu", cpu)
        .with("affinity", Value::Bytes(affinity.to_vec())))
}

/// Pins with `pin(map, length)` to the CPUs in `mask`.
fn pin(mask: &[u8], pin: impl FnOnce(*mut c_uchar, c_int) -> c_int) -> Result<()> {
    let length = c_int::try_from(mask.len()).unwrap_or(c_int::MAX);
    done(pin(mask.as_ptr() as *mut c_uchar, length))
}

crate::xsubs! { "Sys::Virt::Domain";
    /// Without flags, the live vCPUs' state, time and placement; when the
    /// domain is not running (or flags ask for a configuration), only the
    /// pinning, with zeros for the rest, as the C module answers.
    fn get_vcpu_info(dom: Obj<Domain>, flags: Flags) -> Result<List<Value>> {
        let maplen = host_cpumap_len(&dom)?;
        let mut dominfo: virt_sys::virDomainInfo = ret::zeroed();
        // SAFETY: the struct is ours.
        non_negative(unsafe { virt_sys::virDomainGetInfo(dom.raw(), &mut dominfo) })?;
        let count = dominfo.nrVirtCpu as usize;
        let mut maps = vec![0u8; count * maplen];
        let mut infos: Vec<virt_sys::virVcpuInfo> = vec![ret::zeroed(); count];
        let pin_info = |maps: &mut [u8]| {
            // SAFETY: `maps` has room for `count` maps of `maplen` bytes.
            non_negative(unsafe {
                virt_sys::virDomainGetVcpuPinInfo(dom.raw(), count as c_int, maps.as_mut_ptr(), maplen as c_int, flags.0)
            })
        };
        let (filled, live) = if flags.0 == 0 {
            // SAFETY: both buffers have room for `count` vCPUs.
            let rc = unsafe {
                virt_sys::virDomainGetVcpus(dom.raw(), infos.as_mut_ptr(), count as c_int, maps.as_mut_ptr(), maplen as c_int)
            };
            if rc >= 0 {
                (rc, true)
            } else if ret::last_error_code() == virt_sys::VIR_ERR_OPERATION_INVALID as c_int {
                (pin_info(&mut maps)?, false)
            } else {
                return Err(ret::last_error());
            }
        } else {
            (pin_info(&mut maps)?, false)
        };
        let filled = (filled as usize).min(count);
        Ok(List((0..filled).map(|i| {
            vcpu_record(i, live.then(|| &infos[i]), &maps[i * maplen..(i + 1) * maplen])
        }).collect()))
    }

    fn get_vcpus(dom: Obj<Domain>, flags: Flags) -> Result<i32> {
        // SAFETY: a live domain.
        non_negative(unsafe { virt_sys::virDomainGetVcpusFlags(dom.raw(), flags.0) })
    }

    /// Without flags this is virDomainSetVcpus, as in the C module.
    fn set_vcpus(dom: Obj<Domain>, count: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainSetVcpus(dom.raw(), count)
            } else {
                virt_sys::virDomainSetVcpusFlags(dom.raw(), count, flags.0)
            }
        })
    }

    fn set_vcpu(dom: Obj<Domain>, cpumap: String, state: i32, flags: Flags) -> Result<()> {
        let cpumap = c_string(&cpumap);
        // SAFETY: a live domain and a C string.
        done(unsafe { virt_sys::virDomainSetVcpu(dom.raw(), cpumap.as_ptr(), state, flags.0) })
    }

    fn set_guest_vcpus(dom: Obj<Domain>, cpumap: String, state: i32, flags: Flags) -> Result<()> {
        let cpumap = c_string(&cpumap);
        // SAFETY: as above.
        done(unsafe { virt_sys::virDomainSetGuestVcpus(dom.raw(), cpumap.as_ptr(), state, flags.0) })
    }

    /// Without flags this is virDomainPinVcpu, as in the C module.
    fn pin_vcpu(dom: Obj<Domain>, vcpu: u32, mask: Bytes, flags: Flags) -> Result<()> {
        // SAFETY: libvirt reads `length` bytes of the mask.
        pin(&mask, |map, length| unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainPinVcpu(dom.raw(), vcpu, map, length)
            } else {
                virt_sys::virDomainPinVcpuFlags(dom.raw(), vcpu, map, length, flags.0)
            }
        })
    }

    fn pin_emulator(dom: Obj<Domain>, mask: Bytes, flags: Flags) -> Result<()> {
        // SAFETY: as above.
        pin(&mask, |map, length| unsafe { virt_sys::virDomainPinEmulator(dom.raw(), map, length, flags.0) })
    }

    fn get_emulator_pin_info(dom: Obj<Domain>, flags: Flags) -> Result<Value> {
        let mut map = vec![0u8; host_cpumap_len(&dom)?];
        // SAFETY: the map has the length we pass.
        non_negative(unsafe {
            virt_sys::virDomainGetEmulatorPinInfo(dom.raw(), map.as_mut_ptr(), map.len() as c_int, flags.0)
        })?;
        Ok(Value::Bytes(map))
    }

    /// One hash per I/O thread: its number and affinity.
    fn get_iothread_info(dom: Obj<Domain>, flags: Flags) -> Result<List<Value>> {
        let mut array: *mut virt_sys::virDomainIOThreadInfoPtr = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array through the pointer.
        let count = non_negative(unsafe { virt_sys::virDomainGetIOThreadInfo(dom.raw(), &mut array, flags.0) })? as usize;
        let _free = OnDrop(|| {
            if array.is_null() {
                return;
            }
            // SAFETY: `count` records and their array, all ours.
            unsafe {
                std::slice::from_raw_parts(array, count).iter().for_each(|&r| virt_sys::virDomainIOThreadInfoFree(r));
                libc::free(array as *mut libc::c_void);
            }
        });
        if array.is_null() {
            return Ok(List(Vec::new()));
        }
        // SAFETY: as above; the records live until `_free` runs.
        let records = unsafe { std::slice::from_raw_parts(array, count) };
        Ok(List(records.iter().map(|&r| {
            // SAFETY: each record and its map, valid until freed.
            let r = unsafe { &*r };
            let map = if r.cpumap.is_null() || r.cpumaplen <= 0 {
                Vec::new()
            } else {
                // SAFETY: libvirt's map of `cpumaplen` bytes.
                unsafe { std::slice::from_raw_parts(r.cpumap, r.cpumaplen as usize) }.to_vec()
            };
            Value::Hash(Hash::new().with("number", r.iothread_id).with("affinity", Value::Bytes(map)))
        }).collect()))
    }

    fn pin_iothread(dom: Obj<Domain>, iothread_id: u32, mask: Bytes, flags: Flags) -> Result<()> {
        // SAFETY: libvirt reads `length` bytes of the mask.
        pin(&mask, |map, length| unsafe { virt_sys::virDomainPinIOThread(dom.raw(), iothread_id, map, length, flags.0) })
    }

    fn add_iothread(dom: Obj<Domain>, iothread_id: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainAddIOThread(dom.raw(), iothread_id, flags.0) })
    }

    fn del_iothread(dom: Obj<Domain>, iothread_id: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainDelIOThread(dom.raw(), iothread_id, flags.0) })
    }
}
