//! Sys::Virt::Domain, snapshots: taking, finding and listing a domain's
//! snapshots (the snapshots themselves are Sys::Virt::DomainSnapshot).

use crate::bridge::{Flags, Handles, Obj, Texts};
use crate::libvirt::kinds::{Domain, DomainSnapshot};
use crate::libvirt::lists::{collect_names, list_all, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn num_of_snapshots(dom: Obj<Domain>, flags: Flags) -> Result<u32> {
        Ok(dom.num_snapshots(flags.0)?)
    }

    fn list_snapshot_names(dom: Obj<Domain>, maxnames: MaxNames, flags: Flags) -> Result<Texts> {
        // SAFETY (both): the argument holds the domain for the whole call.
        let dom = dom.raw();
        let count = || unsafe { virt_sys::virDomainSnapshotNum(dom, flags.0) };
        let list = |buf, max| unsafe { virt_sys::virDomainSnapshotListNames(dom, buf, max, flags.0) };
        collect_names(maxnames, &count, list)
    }

    fn list_all_snapshots(dom: Obj<Domain>, flags: Flags) -> Result<Handles<DomainSnapshot>> {
        // SAFETY: a ListAll call; each snapshot in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virDomainListAllSnapshots(dom.raw(), array, flags.0)) }
    }

    fn has_current_snapshot(dom: Obj<Domain>, flags: Flags) -> Result<bool> {
        // SAFETY: a live domain.
        ret::boolean(unsafe { virt_sys::virDomainHasCurrentSnapshot(dom.raw(), flags.0) })
    }

    fn current_snapshot(dom: Obj<Domain>, flags: Flags) -> Result<virt::domain_snapshot::DomainSnapshot> {
        Ok(dom.current_snapshot(flags.0)?)
    }

    fn get_snapshot_by_name(dom: Obj<Domain>, name: String, flags: Flags) -> Result<virt::domain_snapshot::DomainSnapshot> {
        Ok(virt::domain::Domain::lookup_snapshot_by_name(&dom, &name, flags.0)?)
    }

    fn create_snapshot(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<virt::domain_snapshot::DomainSnapshot> {
        Ok(dom.create_snapshot_xml(&xml, flags.0)?)
    }
}
