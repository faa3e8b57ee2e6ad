//! Sys::Virt::Domain, snapshots: taking, finding and listing a domain's
//! snapshots (the snapshots themselves are Sys::Virt::DomainSnapshot).

use crate::bridge::{Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::kinds::{Domain, DomainSnapshot};
use crate::libvirt::lists::{collect_names, list_all, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn num_of_snapshots(dom: Obj<Domain>, flags: Flags) -> Result<i32> {
        // SAFETY: a live domain.
        ret::non_negative(unsafe { virt_sys::virDomainSnapshotNum(dom.raw(), flags.0) })
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

    fn current_snapshot(dom: Obj<Domain>, flags: Flags) -> Result<Owned<DomainSnapshot>> {
        // SAFETY: returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainSnapshotCurrent(dom.raw(), flags.0)) }
    }

    /// The same lookup as `Sys::Virt::DomainSnapshot::_lookup_by_name`.
    fn get_snapshot_by_name(dom: Obj<Domain>, name: String, flags: Flags) -> Result<Owned<DomainSnapshot>> {
        crate::domain_snapshot::_lookup_by_name(dom, name, flags)
    }

    /// The same call as `Sys::Virt::DomainSnapshot::_create_xml`.
    fn create_snapshot(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<Owned<DomainSnapshot>> {
        crate::domain_snapshot::_create_xml(dom, xml, flags)
    }
}
