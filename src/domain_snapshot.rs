//! Sys::Virt::DomainSnapshot: one snapshot of a domain.

use crate::bridge::{CText, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Domain, DomainSnapshot};
use crate::libvirt::lists::{collect_names, list_all, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::DomainSnapshot";
    fn _lookup_by_name(dom: Obj<Domain>, name: String, flags: Flags) -> Result<Owned<DomainSnapshot>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainSnapshotLookupByName(dom.raw(), c_string(&name).as_ptr(), flags.0)) }
    }

    fn _create_xml(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<Owned<DomainSnapshot>> {
        // SAFETY: returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainSnapshotCreateXML(dom.raw(), c_string(&xml).as_ptr(), flags.0)) }
    }

    fn get_name(domss: Obj<DomainSnapshot>) -> Result<CText> {
        // SAFETY: the name lives inside the snapshot object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virDomainSnapshotGetName(domss.raw())) }
    }

    fn get_xml_description(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainSnapshotGetXMLDesc(domss.raw(), flags.0)) }
    }

    // SAFETY (every call below): a live snapshot, held by the argument.

    fn delete(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainSnapshotDelete(domss.raw(), flags.0) })
    }

    fn revert_to(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<()> {
        ret::done(unsafe { virt_sys::virDomainRevertToSnapshot(domss.raw(), flags.0) })
    }

    fn get_parent(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<Owned<DomainSnapshot>> {
        unsafe { ret::object(virt_sys::virDomainSnapshotGetParent(domss.raw(), flags.0)) }
    }

    fn is_current(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virDomainSnapshotIsCurrent(domss.raw(), flags.0) })
    }

    fn has_metadata(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virDomainSnapshotHasMetadata(domss.raw(), flags.0) })
    }

    fn num_of_child_snapshots(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<i32> {
        ret::non_negative(unsafe { virt_sys::virDomainSnapshotNumChildren(domss.raw(), flags.0) })
    }

    fn list_child_snapshot_names(domss: Obj<DomainSnapshot>, maxnames: MaxNames, flags: Flags) -> Result<Texts> {
        // SAFETY (both): the argument holds the snapshot for the whole call.
        let snap = domss.raw();
        let count = || unsafe { virt_sys::virDomainSnapshotNumChildren(snap, flags.0) };
        let list = |buf, max| unsafe { virt_sys::virDomainSnapshotListChildrenNames(snap, buf, max, flags.0) };
        collect_names(maxnames, &count, list)
    }

    fn list_all_children(domss: Obj<DomainSnapshot>, flags: Flags) -> Result<Handles<DomainSnapshot>> {
        // SAFETY: a ListAll call; each snapshot in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virDomainSnapshotListAllChildren(domss.raw(), array, flags.0)) }
    }
}
