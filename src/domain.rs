//! Sys::Virt::Domain: a guest, and the snapshot calls made on it.

use std::os::raw::c_int;

use virt::connect::Connect;
use virt::domain::Domain;
use virt::domain_snapshot::DomainSnapshot;

use crate::bridge::{Arg, CText, Flags, Handles, Hash, List, Obj, Texts, Value};
use crate::names::{collect_names, MaxNames};
use crate::check;

crate::xsubs! { "Sys::Virt::Domain";
    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Domain> {
        Ok(con.lookup_domain_by_name(&name)?)
    }

    fn _lookup_by_id(con: Obj<Connect>, id: i32) -> Result<Domain> {
        let dom = unsafe { virt_sys::virDomainLookupByID(con.as_ptr(), id) };
        Ok(unsafe { Domain::from_ptr(check::non_null(dom)?) })
    }

    fn _lookup_by_uuid(con: Obj<Connect>, uuid: Arg) -> Result<Domain> {
        let bytes = uuid.bytes()?.unwrap_or_default();
        if bytes.len() != virt_sys::VIR_UUID_BUFLEN as usize {
            return uuid.error("must be 16 bytes");
        }
        let dom = unsafe { virt_sys::virDomainLookupByUUID(con.as_ptr(), bytes.as_ptr()) };
        Ok(unsafe { Domain::from_ptr(check::non_null(dom)?) })
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<Domain> {
        Ok(con.lookup_domain_by_uuid_string(&uuid)?)
    }

    /// Without flags this is virDomainDefineXML, which older daemons
    /// understand and whose name appears in libvirt's messages.
    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Domain> {
        if flags.0 == 0 {
            return Ok(con.define_domain_xml(&xml)?);
        }
        Ok(con.define_domain_xml_flags(&xml, flags.0)?)
    }

    fn _create(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Domain> {
        Ok(con.create_domain_xml(&xml, flags.0)?)
    }

    fn get_name(dom: Obj<Domain>) -> Result<CText> {
        // SAFETY: the name lives inside the domain object, which the argument holds.
        let name = check::non_null(unsafe { virt_sys::virDomainGetName(dom.as_ptr()) } as *mut _)?;
        Ok(unsafe { CText::borrowed(name) })
    }

    /// -1 for an inactive domain, as the C module answers.
    fn get_id(dom: Obj<Domain>) -> Result<i64> {
        Ok(dom.id().map_or(-1, i64::from))
    }

    fn get_uuid(dom: Obj<Domain>) -> Result<Value> {
        let mut uuid = [0u8; virt_sys::VIR_UUID_BUFLEN as usize];
        check::non_negative(unsafe { virt_sys::virDomainGetUUID(dom.as_ptr(), uuid.as_mut_ptr()) })?;
        Ok(Value::Bytes(uuid.to_vec()))
    }

    fn get_uuid_string(dom: Obj<Domain>) -> Result<String> {
        Ok(dom.uuid_string()?)
    }

    fn get_os_type(dom: Obj<Domain>) -> Result<String> {
        Ok(dom.os_type()?)
    }

    fn get_xml_description(dom: Obj<Domain>, flags: Flags) -> Result<CText> {
        let xml = check::non_null(unsafe { virt_sys::virDomainGetXMLDesc(dom.as_ptr(), flags.0) })?;
        // SAFETY: libvirt hands the document over to us.
        Ok(unsafe { CText::owned(xml) })
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
        check::non_negative(unsafe { virt_sys::virDomainGetState(dom.as_ptr(), &mut state, &mut reason, flags.0) })?;
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
        Ok(unsafe { virt_sys::virDomainGetMaxVcpus(dom.as_ptr()) })
    }

    // ---- snapshots

    fn num_of_snapshots(dom: Obj<Domain>, flags: Flags) -> Result<u32> {
        Ok(dom.num_snapshots(flags.0)?)
    }

    fn list_snapshot_names(dom: Obj<Domain>, maxnames: MaxNames, flags: Flags) -> Result<Texts> {
        // SAFETY: the argument holds the domain for the whole call.
        let dom = unsafe { dom.as_ptr() };
        let count = || unsafe { virt_sys::virDomainSnapshotNum(dom, flags.0) };
        let list = |buf, max| unsafe { virt_sys::virDomainSnapshotListNames(dom, buf, max, flags.0) };
        collect_names(maxnames, &count, list)
    }

    fn list_all_snapshots(dom: Obj<Domain>, flags: Flags) -> Result<Handles<DomainSnapshot>> {
        // SAFETY: a ListAll call; each snapshot in the array comes with a reference.
        unsafe { Handles::list_all(|array| virt_sys::virDomainListAllSnapshots(dom.as_ptr(), array, flags.0)) }
    }

    fn has_current_snapshot(dom: Obj<Domain>, flags: Flags) -> Result<bool> {
        let ret = check::non_negative(unsafe { virt_sys::virDomainHasCurrentSnapshot(dom.as_ptr(), flags.0) })?;
        Ok(ret == 1)
    }

    fn current_snapshot(dom: Obj<Domain>, flags: Flags) -> Result<DomainSnapshot> {
        Ok(dom.current_snapshot(flags.0)?)
    }

    fn get_snapshot_by_name(dom: Obj<Domain>, name: String, flags: Flags) -> Result<DomainSnapshot> {
        Ok(Domain::lookup_snapshot_by_name(&dom, &name, flags.0)?)
    }

    fn create_snapshot(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<DomainSnapshot> {
        Ok(dom.create_snapshot_xml(&xml, flags.0)?)
    }
}
