//! Sys::Virt::Domain: a guest. This file holds the methods of the POD's
//! identity, state and lifecycle groups; each other group has a file of
//! its own beside it, named after the group.

pub mod block_jobs;
pub mod checkpoints;
pub mod files;
pub mod jobs;
pub mod migration;
pub mod saving;
pub mod snapshots;
pub mod tuning;

use std::os::raw::c_int;

use crate::bridge::{CText, Flags, Hash, List, Obj, Owned, Value};
use crate::libvirt::args::RawUuid;
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<virt::domain::Domain> {
        Ok(con.lookup_domain_by_name(&name)?)
    }

    fn _lookup_by_id(con: Obj<Connect>, id: i32) -> Result<Owned<Domain>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainLookupByID(con.raw(), id)) }
    }

    fn _lookup_by_uuid(con: Obj<Connect>, uuid: RawUuid) -> Result<Owned<Domain>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virDomainLookupByUUID(con.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<virt::domain::Domain> {
        Ok(con.lookup_domain_by_uuid_string(&uuid)?)
    }

    /// Without flags this is virDomainDefineXML, which older daemons
    /// understand and whose name appears in libvirt's messages.
    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<virt::domain::Domain> {
        if flags.0 == 0 {
            return Ok(con.define_domain_xml(&xml)?);
        }
        Ok(con.define_domain_xml_flags(&xml, flags.0)?)
    }

    fn _create(con: Obj<Connect>, xml: String, flags: Flags) -> Result<virt::domain::Domain> {
        Ok(con.create_domain_xml(&xml, flags.0)?)
    }

    fn get_name(dom: Obj<Domain>) -> Result<CText> {
        // SAFETY: the name lives inside the domain object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virDomainGetName(dom.raw())) }
    }

    /// -1 for an inactive domain, as the C module answers.
    fn get_id(dom: Obj<Domain>) -> Result<i64> {
        Ok(dom.id().map_or(-1, i64::from))
    }

    fn get_uuid(dom: Obj<Domain>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virDomainGetUUID(dom.raw(), buf) })
    }

    fn get_uuid_string(dom: Obj<Domain>) -> Result<String> {
        Ok(dom.uuid_string()?)
    }

    fn get_os_type(dom: Obj<Domain>) -> Result<String> {
        Ok(dom.os_type()?)
    }

    fn get_xml_description(dom: Obj<Domain>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainGetXMLDesc(dom.raw(), flags.0)) }
    }

    fn get_info(dom: Obj<Domain>) -> Result<Hash> {
        let info = dom.info()?;
        Ok(Hash::new()
            .with("state", info.state.to_raw())
            .with("maxMem", info.max_mem)
            .with("memory", info.memory)
            .with("nrVirtCpu", info.nr_virt_cpu)
            .with("cpuTime", info.cpu_time))
    }

    /// (state, reason)
    fn get_state(dom: Obj<Domain>, flags: Flags) -> Result<List<i32>> {
        let mut state: c_int = 0;
        let mut reason: c_int = 0;
        // SAFETY: both out-parameters are ours.
        ret::non_negative(unsafe { virt_sys::virDomainGetState(dom.raw(), &mut state, &mut reason, flags.0) })?;
        Ok(List(vec![state, reason]))
    }

    fn is_active(dom: Obj<Domain>) -> Result<bool> {
        Ok(dom.is_active()?)
    }

    fn is_persistent(dom: Obj<Domain>) -> Result<bool> {
        Ok(dom.is_persistent()?)
    }

    fn is_updated(dom: Obj<Domain>) -> Result<bool> {
        Ok(dom.is_updated()?)
    }

    fn create(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        dom.create_with_flags(flags.0)?;
        Ok(())
    }

    fn destroy(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        Ok(dom.destroy_flags(flags.0)?)
    }

    fn shutdown(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        Ok(dom.shutdown_flags(flags.0)?)
    }

    fn reboot(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        Ok(dom.reboot(flags.0)?)
    }

    fn suspend(dom: Obj<Domain>) -> Result<()> {
        Ok(dom.suspend()?)
    }

    fn resume(dom: Obj<Domain>) -> Result<()> {
        Ok(dom.resume()?)
    }

    fn undefine(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        Ok(dom.undefine_flags(flags.0)?)
    }

    fn get_autostart(dom: Obj<Domain>) -> Result<bool> {
        Ok(dom.autostart()?)
    }

    fn set_autostart(dom: Obj<Domain>, autostart: bool) -> Result<()> {
        dom.set_autostart(autostart)?;
        Ok(())
    }

    fn get_max_memory(dom: Obj<Domain>) -> Result<u64> {
        Ok(dom.max_memory()?)
    }

    /// -1 where libvirt cannot tell (an inactive domain on some drivers),
    /// as the C module answers, rather than an error.
    fn get_max_vcpus(dom: Obj<Domain>) -> Result<i32> {
        // SAFETY: a live domain.
        Ok(unsafe { virt_sys::virDomainGetMaxVcpus(dom.raw()) })
    }
}
