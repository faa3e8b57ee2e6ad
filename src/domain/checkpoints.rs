//! Sys::Virt::Domain, checkpoints: taking, finding and listing a domain's
//! checkpoints (the checkpoints themselves are Sys::Virt::DomainCheckpoint).

use crate::bridge::{Flags, Handles, Obj, Owned};
use crate::domain_checkpoint::{checkpoint_by_name, new_checkpoint};
use crate::libvirt::kinds::{Domain, DomainCheckpoint};
use crate::libvirt::lists::list_all;

crate::xsubs! { "Sys::Virt::Domain";
    fn list_all_checkpoints(dom: Obj<Domain>, flags: Flags) -> Result<Handles<DomainCheckpoint>> {
        // SAFETY: a ListAll call; each checkpoint in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virDomainListAllCheckpoints(dom.raw(), array, flags.0)) }
    }

    fn get_checkpoint_by_name(dom: Obj<Domain>, name: String, flags: Flags) -> Result<Owned<DomainCheckpoint>> {
        checkpoint_by_name(&dom, &name, flags)
    }

    fn create_checkpoint(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<Owned<DomainCheckpoint>> {
        new_checkpoint(&dom, &xml, flags)
    }
}
