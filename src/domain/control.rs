//! Sys::Virt::Domain, the POD's "Control and power" group: the control
//! interface's state, keys, signals and NMIs, reset, power management,
//! lifecycle actions and renaming.

use std::os::raw::c_int;

use crate::bridge::{Flags, HashOf, Obj, WriteFields};
use crate::libvirt::args::{c_string, U32List};
use crate::libvirt::kinds::Domain;
use crate::libvirt::ret::{self, done, non_negative};

crate::xsubs! { "Sys::Virt::Domain";
    fn get_control_info(dom: Obj<Domain>, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        let mut info: virt_sys::virDomainControlInfo = ret::zeroed();
        // SAFETY: the struct is ours.
        non_negative(unsafe { virt_sys::virDomainGetControlInfo(dom.raw(), &mut info, flags.0) })?;
        Ok(HashOf(move |h| {
            h.put("state", info.state)
                .put("details", info.details)
                .put("stateTime", info.stateTime);
        }))
    }

    fn send_key(dom: Obj<Domain>, codeset: u32, holdtime: u32, keycodes: U32List, flags: Flags) -> Result<()> {
        let mut codes = keycodes.0;
        // SAFETY: libvirt reads `len` key codes.
        done(unsafe {
            virt_sys::virDomainSendKey(dom.raw(), codeset, holdtime, codes.as_mut_ptr(), codes.len().min(c_int::MAX as usize) as c_int, flags.0)
        })
    }

    fn send_process_signal(dom: Obj<Domain>, pid: i64, signum: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainSendProcessSignal(dom.raw(), pid, signum, flags.0) })
    }

    fn inject_nmi(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainInjectNMI(dom.raw(), flags.0) })
    }

    fn reset(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainReset(dom.raw(), flags.0) })
    }

    fn pm_suspend_for_duration(dom: Obj<Domain>, target: u32, duration: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainPMSuspendForDuration(dom.raw(), target, duration, flags.0) })
    }

    fn pm_wakeup(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainPMWakeup(dom.raw(), flags.0) })
    }

    fn set_lifecycle_action(dom: Obj<Domain>, kind: u32, action: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainSetLifecycleAction(dom.raw(), kind, action, flags.0) })
    }

    fn rename(dom: Obj<Domain>, newname: String, flags: Flags) -> Result<()> {
        let newname = c_string(&newname);
        // SAFETY: a live domain and a C string.
        done(unsafe { virt_sys::virDomainRename(dom.raw(), newname.as_ptr(), flags.0) })
    }
}
