//! Sys::Virt::Domain: the POD's tuning group (scheduler, memory, block
//! I/O weights and throttling, NUMA, interface bandwidth, perf events,
//! iothreads, launch security). Setters whose fields depend on the driver
//! learn names and types from the current parameters, read with flags 0
//! as the C module reads them; the others use a static schema.

use std::os::raw::c_int;

use crate::bridge::{CText, Flags, HashArg, Obj, Result};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::Domain;
use crate::libvirt::params::{Fields, Params, Type};
use crate::libvirt::ret;

/// The most entries the remote protocol carries for these getters.
const REMOTE_MEMORY_PARAMETERS_MAX: c_int = 16;
const REMOTE_BLKIO_PARAMETERS_MAX: c_int = 16;
const REMOTE_NUMA_PARAMETERS_MAX: c_int = 16;
const REMOTE_INTERFACE_PARAMETERS_MAX: c_int = 16;

/// The scheduler's name and how many parameters it has.
fn scheduler_type(dom: &Obj<Domain>) -> Result<(CText, c_int)> {
    let mut count: c_int = 0;
    // SAFETY: libvirt hands the name over and stores the count.
    let name = unsafe { ret::owned_text(virt_sys::virDomainGetSchedulerType(dom.raw(), &mut count))? };
    Ok((name, count))
}

/// Without flags through the older call, which every driver has.
fn scheduler_parameters(dom: &Obj<Domain>, flags: Flags) -> Result<Params> {
    let (_, count) = scheduler_type(dom)?;
    Params::fetch_sized(count, |buf, n| {
        // SAFETY: buf has room for *n entries.
        unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainGetSchedulerParameters(dom.raw(), buf, n)
            } else {
                virt_sys::virDomainGetSchedulerParametersFlags(dom.raw(), buf, n, flags.0)
            }
        }
    })
}

fn memory_parameters(dom: &Obj<Domain>, flags: Flags) -> Result<Params> {
    // SAFETY (each getter below): buf is NULL with *n 0 (a count), or has
    // room for *n entries; strings are C strings that live for the call.
    Params::fetch_capped(REMOTE_MEMORY_PARAMETERS_MAX, |buf, n| unsafe {
        virt_sys::virDomainGetMemoryParameters(dom.raw(), buf, n, flags.0)
    })
}

fn blkio_parameters(dom: &Obj<Domain>, flags: Flags) -> Result<Params> {
    // SAFETY: as above.
    Params::fetch_capped(REMOTE_BLKIO_PARAMETERS_MAX, |buf, n| unsafe {
        virt_sys::virDomainGetBlkioParameters(dom.raw(), buf, n, flags.0)
    })
}

fn numa_parameters(dom: &Obj<Domain>, flags: Flags) -> Result<Params> {
    // SAFETY: as above.
    Params::fetch_capped(REMOTE_NUMA_PARAMETERS_MAX, |buf, n| unsafe {
        virt_sys::virDomainGetNumaParameters(dom.raw(), buf, n, flags.0)
    })
}

fn interface_parameters(dom: &Obj<Domain>, device: &str, flags: Flags) -> Result<Params> {
    let device = c_string(device);
    // SAFETY: as above.
    Params::fetch_capped(REMOTE_INTERFACE_PARAMETERS_MAX, |buf, n| unsafe {
        virt_sys::virDomainGetInterfaceParameters(dom.raw(), device.as_ptr(), buf, n, flags.0)
    })
}

/// The count protocol: the remote limit for this call grew between
/// libvirt releases, and a full set (20 fields in 9.0.0) is above the
/// older one.
fn block_iotune(dom: &Obj<Domain>, disk: &str, flags: Flags) -> Result<Params> {
    let disk = c_string(disk);
    let mut first = true;
    Params::fetch(|buf, n| {
        // The count is asked for with flags 0, as the C module asks.
        let flags = if std::mem::take(&mut first) { 0 } else { flags.0 };
        // SAFETY: as above.
        unsafe { virt_sys::virDomainGetBlockIoTune(dom.raw(), disk.as_ptr(), buf, n, flags) }
    })
}

fn perf_events(dom: &Obj<Domain>, flags: Flags) -> Result<Params> {
    // SAFETY: libvirt allocates the array and hands it over.
    Params::receive(|list, n| unsafe { virt_sys::virDomainGetPerfEvents(dom.raw(), list, n, flags.0) })
}

const IOTHREAD_FIELDS: &Fields = &[
    (virt_sys::VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, Type::ULLong),
    (virt_sys::VIR_DOMAIN_IOTHREAD_POLL_GROW, Type::UInt),
    (virt_sys::VIR_DOMAIN_IOTHREAD_POLL_SHRINK, Type::UInt),
    (virt_sys::VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, Type::Int),
    (virt_sys::VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, Type::Int),
];

const LAUNCH_SECRET_FIELDS: &Fields = &[
    (virt_sys::VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET, Type::String),
    (virt_sys::VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER, Type::String),
    (virt_sys::VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS, Type::ULLong),
];

crate::xsubs! { "Sys::Virt::Domain";
    fn get_scheduler_type(dom: Obj<Domain>) -> Result<CText> {
        Ok(scheduler_type(&dom)?.0)
    }

    fn get_scheduler_parameters(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        scheduler_parameters(&dom, flags)
    }

    fn set_scheduler_parameters(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, scheduler_parameters(&dom, Flags(0))?)?;
        // SAFETY (each setter below): the array and its count are ours;
        // libvirt only reads them.
        wanted.pass(|list, n| unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainSetSchedulerParameters(dom.raw(), list, n)
            } else {
                virt_sys::virDomainSetSchedulerParametersFlags(dom.raw(), list, n, flags.0)
            }
        })
    }

    fn get_memory_parameters(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        memory_parameters(&dom, flags)
    }

    fn set_memory_parameters(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, memory_parameters(&dom, Flags(0))?)?;
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetMemoryParameters(dom.raw(), list, n, flags.0) })
    }

    fn get_blkio_parameters(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        blkio_parameters(&dom, flags)
    }

    fn set_blkio_parameters(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, blkio_parameters(&dom, Flags(0))?)?;
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetBlkioParameters(dom.raw(), list, n, flags.0) })
    }

    fn get_numa_parameters(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        numa_parameters(&dom, flags)
    }

    fn set_numa_parameters(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, numa_parameters(&dom, Flags(0))?)?;
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetNumaParameters(dom.raw(), list, n, flags.0) })
    }

    fn get_interface_parameters(dom: Obj<Domain>, device: String, flags: Flags) -> Result<Params> {
        interface_parameters(&dom, &device, flags)
    }

    fn set_interface_parameters(dom: Obj<Domain>, device: String, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, interface_parameters(&dom, &device, Flags(0))?)?;
        let device = c_string(&device);
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe {
            virt_sys::virDomainSetInterfaceParameters(dom.raw(), device.as_ptr(), list, n, flags.0)
        })
    }

    fn get_block_iotune(dom: Obj<Domain>, disk: String, flags: Flags) -> Result<Params> {
        block_iotune(&dom, &disk, flags)
    }

    fn set_block_iotune(dom: Obj<Domain>, disk: String, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, block_iotune(&dom, &disk, Flags(0))?)?;
        let disk = c_string(&disk);
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetBlockIoTune(dom.raw(), disk.as_ptr(), list, n, flags.0) })
    }

    fn get_perf_events(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        perf_events(&dom, flags)
    }

    fn set_perf_events(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, perf_events(&dom, Flags(0))?)?;
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetPerfEvents(dom.raw(), list, n, flags.0) })
    }

    fn set_iothread(dom: Obj<Domain>, iothread: u32, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_fields(params, IOTHREAD_FIELDS)?;
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetIOThreadParams(dom.raw(), iothread, list, n, flags.0) })
    }

    fn get_launch_security_info(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        // SAFETY: libvirt allocates the array and hands it over.
        Params::receive(|list, n| unsafe { virt_sys::virDomainGetLaunchSecurityInfo(dom.raw(), list, n, flags.0) })
    }

    fn set_launch_security_state(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_fields(params, LAUNCH_SECRET_FIELDS)?;
        // SAFETY: as above.
        wanted.pass(|list, n| unsafe { virt_sys::virDomainSetLaunchSecurityState(dom.raw(), list, n, flags.0) })
    }
}
