//! Sys::Virt::Domain: the POD's resource tuning group (scheduler, memory,
//! block I/O, NUMA, interface and disk throttling, perf events, launch
//! security, iothreads). Setters whose fields libvirt defines by driver
//! learn names and types from the current parameters; the others use a
//! static schema.

use std::os::raw::c_int;

use crate::bridge::{CText, Flags, HashArg, Obj};
use crate::libvirt::kinds::Domain;
use crate::libvirt::params::Params;
use crate::libvirt::ret;

/// How many scheduler parameters the domain's scheduler has (and its name,
/// which only get_scheduler_type wants).
fn scheduler_type(dom: &Obj<Domain>) -> crate::bridge::Result<(CText, c_int)> {
    let mut count: c_int = 0;
    // SAFETY: libvirt hands the name over and stores the count.
    let name = unsafe { ret::owned_text(virt_sys::virDomainGetSchedulerType(dom.raw(), &mut count))? };
    Ok((name, count))
}

/// The current scheduler parameters; without flags through the older call,
/// which every driver has.
fn scheduler_parameters(dom: &Obj<Domain>, flags: Flags) -> crate::bridge::Result<Params> {
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

fn memory_parameters(dom: &Obj<Domain>, flags: Flags) -> crate::bridge::Result<Params> {
    // SAFETY: buf is NULL with *n 0 (count), or has room for *n entries.
    Params::fetch(|buf, n| unsafe { virt_sys::virDomainGetMemoryParameters(dom.raw(), buf, n, flags.0) })
}

crate::xsubs! { "Sys::Virt::Domain";
    fn get_scheduler_type(dom: Obj<Domain>) -> Result<CText> {
        Ok(scheduler_type(&dom)?.0)
    }

    fn get_scheduler_parameters(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        scheduler_parameters(&dom, flags)
    }

    /// Field types come from the live parameters (flags 0), as libvirt's
    /// set call needs the types the driver uses.
    fn set_scheduler_parameters(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, &scheduler_parameters(&dom, Flags(0))?)?;
        // SAFETY: the array is ours and its length is its count.
        ret::non_negative(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainSetSchedulerParameters(dom.raw(), wanted.as_ptr(), wanted.count())
            } else {
                virt_sys::virDomainSetSchedulerParametersFlags(dom.raw(), wanted.as_ptr(), wanted.count(), flags.0)
            }
        })?;
        Ok(())
    }

    fn get_memory_parameters(dom: Obj<Domain>, flags: Flags) -> Result<Params> {
        memory_parameters(&dom, flags)
    }

    fn set_memory_parameters(dom: Obj<Domain>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, &memory_parameters(&dom, Flags(0))?)?;
        // SAFETY: as above.
        ret::non_negative(unsafe { virt_sys::virDomainSetMemoryParameters(dom.raw(), wanted.as_ptr(), wanted.count(), flags.0) })?;
        Ok(())
    }
}
