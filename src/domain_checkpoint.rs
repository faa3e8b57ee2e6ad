//! Sys::Virt::DomainCheckpoint: one checkpoint of a domain (a point in
//! time from which later backups copy only the blocks that changed).

use crate::bridge::{CText, Flags, Handles, Obj, Owned};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Domain, DomainCheckpoint};
use crate::libvirt::lists::list_all;
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::DomainCheckpoint";
    fn _lookup_by_name(dom: Obj<Domain>, name: String, flags: Flags) -> Result<Owned<DomainCheckpoint>> {
        checkpoint_by_name(&dom, &name, flags)
    }

    fn _create_xml(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<Owned<DomainCheckpoint>> {
        new_checkpoint(&dom, &xml, flags)
    }

    fn get_name(domchkp: Obj<DomainCheckpoint>) -> Result<CText> {
        // SAFETY: the name lives inside the checkpoint object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virDomainCheckpointGetName(domchkp.raw())) }
    }

    fn get_xml_description(domchkp: Obj<DomainCheckpoint>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainCheckpointGetXMLDesc(domchkp.raw(), flags.0)) }
    }

    fn get_parent(domchkp: Obj<DomainCheckpoint>, flags: Flags) -> Result<Owned<DomainCheckpoint>> {
        // SAFETY: returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virDomainCheckpointGetParent(domchkp.raw(), flags.0)) }
    }

    fn delete(domchkp: Obj<DomainCheckpoint>, flags: Flags) -> Result<()> {
        // SAFETY: a live checkpoint; the object keeps its reference after deletion.
        ret::done(unsafe { virt_sys::virDomainCheckpointDelete(domchkp.raw(), flags.0) })
    }

    fn list_all_children(domchkp: Obj<DomainCheckpoint>, flags: Flags) -> Result<Handles<DomainCheckpoint>> {
        // SAFETY: a ListAll call; each checkpoint in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virDomainCheckpointListAllChildren(domchkp.raw(), array, flags.0)) }
    }
}

/// A domain's checkpoint by name (also `Sys::Virt::Domain::get_checkpoint_by_name`).
pub fn checkpoint_by_name(dom: &Obj<Domain>, name: &str, flags: Flags) -> crate::bridge::Result<Owned<DomainCheckpoint>> {
    let name = c_string(name);
    // SAFETY: returns a new reference or NULL.
    unsafe { ret::object(virt_sys::virDomainCheckpointLookupByName(dom.raw(), name.as_ptr(), flags.0)) }
}

/// A new checkpoint from XML (also `Sys::Virt::Domain::create_checkpoint`).
pub fn new_checkpoint(dom: &Obj<Domain>, xml: &str, flags: Flags) -> crate::bridge::Result<Owned<DomainCheckpoint>> {
    let xml = c_string(xml);
    // SAFETY: returns a new reference or NULL.
    unsafe { ret::object(virt_sys::virDomainCheckpointCreateXML(dom.raw(), xml.as_ptr(), flags.0)) }
}
