//! Sys::Virt::Domain: a guest. This file holds the methods of the POD's
//! identity, state and lifecycle groups; each other group has a file of
//! its own beside it, named after the group.

pub mod block;
pub mod block_jobs;
pub mod checkpoints;
pub mod console;
pub mod control;
pub mod devices;
pub mod files;
pub mod guest_agent;
pub mod jobs;
pub mod memory;
pub mod metadata;
pub mod migration;
pub mod saving;
pub mod snapshots;
pub mod stats;
pub mod tuning;
pub mod vcpus;

use std::os::raw::c_int;

use crate::bridge::{CText, Flags, HashOf, List, Obj, Owned, Value, WriteFields};
use crate::libvirt::args::{c_string, RawUuid};
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Owned<Domain>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainLookupByName(con.raw(), c_string(&name).as_ptr())) }
    }

    fn _lookup_by_id(con: Obj<Connect>, id: i32) -> Result<Owned<Domain>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainLookupByID(con.raw(), id)) }
    }

    fn _lookup_by_uuid(con: Obj<Connect>, uuid: RawUuid) -> Result<Owned<Domain>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virDomainLookupByUUID(con.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<Owned<Domain>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virDomainLookupByUUIDString(con.raw(), c_string(&uuid).as_ptr())) }
    }

    /// Without flags this is virDomainDefineXML, which older daemons
    /// understand and whose name appears in libvirt's messages.
    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<Domain>> {
        let xml = c_string(&xml);
        // SAFETY: a define returns a new reference or NULL.
        unsafe {
            ret::object(if flags.0 == 0 {
                virt_sys::virDomainDefineXML(con.raw(), xml.as_ptr())
            } else {
                virt_sys::virDomainDefineXMLFlags(con.raw(), xml.as_ptr(), flags.0)
            })
        }
    }

    fn _create(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<Domain>> {
        // SAFETY: a create returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainCreateXML(con.raw(), c_string(&xml).as_ptr(), flags.0)) }
    }

    fn get_name(dom: Obj<Domain>) -> Result<CText> {
        // SAFETY: the name lives inside the domain object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virDomainGetName(dom.raw())) }
    }

    /// -1 for an inactive domain, as the C module answers.
    fn get_id(dom: Obj<Domain>) -> Result<i64> {
        // SAFETY: a live domain; (unsigned) -1 means it has no id.
        let id = unsafe { virt_sys::virDomainGetID(dom.raw()) };
        Ok(if id == u32::MAX { -1 } else { i64::from(id) })
    }

    fn get_uuid(dom: Obj<Domain>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virDomainGetUUID(dom.raw(), buf) })
    }

    fn get_uuid_string(dom: Obj<Domain>) -> Result<String> {
        // SAFETY: libvirt fills the buffer.
        ret::uuid_string(|buf| unsafe { virt_sys::virDomainGetUUIDString(dom.raw(), buf) })
    }

    fn get_os_type(dom: Obj<Domain>) -> Result<CText> {
        // SAFETY: libvirt hands the string over.
        unsafe { ret::owned_text(virt_sys::virDomainGetOSType(dom.raw())) }
    }

    fn get_xml_description(dom: Obj<Domain>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainGetXMLDesc(dom.raw(), flags.0)) }
    }

    fn get_info(dom: Obj<Domain>) -> Result<HashOf<impl WriteFields>> {
        // SAFETY: a plain C struct that libvirt fills in.
        let mut info: virt_sys::virDomainInfo = unsafe { std::mem::zeroed() };
        // SAFETY: the out-parameter is ours.
        ret::done(unsafe { virt_sys::virDomainGetInfo(dom.raw(), &mut info) })?;
        Ok(HashOf(move |h| {
            h.put("state", info.state as i32)
                .put("maxMem", info.maxMem as u64)
                .put("memory", info.memory as u64)
                .put("nrVirtCpu", info.nrVirtCpu)
                .put("cpuTime", info.cpuTime);
        }))
    }

    /// (state, reason)
    fn get_state(dom: Obj<Domain>, flags: Flags) -> Result<List<i32>> {
        let mut state: c_int = 0;
        let mut reason: c_int = 0;
        // SAFETY: both out-parameters are ours.
        ret::non_negative(unsafe { virt_sys::virDomainGetState(dom.raw(), &mut state, &mut reason, flags.0) })?;
        Ok(List(vec![state, reason]))
    }

    // SAFETY (every call below): a live domain, held by the argument.

    fn is_active(dom: Obj<Domain>) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virDomainIsActive(dom.raw()) })
    }

    fn is_persistent(dom: Obj<Domain>) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virDomainIsPersistent(dom.raw()) })
    }

    fn is_updated(dom: Obj<Domain>) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virDomainIsUpdated(dom.raw()) })
    }

    fn create(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainCreateWithFlags(dom.raw(), flags.0) })
    }

    fn destroy(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainDestroyFlags(dom.raw(), flags.0) })
    }

    fn shutdown(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainShutdownFlags(dom.raw(), flags.0) })
    }

    fn reboot(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainReboot(dom.raw(), flags.0) })
    }

    fn suspend(dom: Obj<Domain>) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainSuspend(dom.raw()) })
    }

    fn resume(dom: Obj<Domain>) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainResume(dom.raw()) })
    }

    fn undefine(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainUndefineFlags(dom.raw(), flags.0) })
    }

    fn get_autostart(dom: Obj<Domain>) -> Result<bool> {
        let mut autostart: c_int = 0;
        ret::done(unsafe { virt_sys::virDomainGetAutostart(dom.raw(), &mut autostart) })?;
        Ok(autostart != 0)
    }

    fn set_autostart(dom: Obj<Domain>, autostart: bool) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainSetAutostart(dom.raw(), autostart as c_int) })
    }

    fn get_max_memory(dom: Obj<Domain>) -> Result<u64> {
        // 0 is libvirt's failure value here.
        match unsafe { virt_sys::virDomainGetMaxMemory(dom.raw()) } {
            0 => Err(ret::last_error()),
            kib => Ok(kib as u64),
        }
    }

    /// -1 where libvirt cannot tell (an inactive domain on some drivers),
    /// as the C module answers, rather than an error.
    fn get_max_vcpus(dom: Obj<Domain>) -> Result<i32> {
        // SAFETY: a live domain.
        Ok(unsafe { virt_sys::virDomainGetMaxVcpus(dom.raw()) })
    }
}
