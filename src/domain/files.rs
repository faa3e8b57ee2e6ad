//! Sys::Virt::Domain, passing file descriptors: starting a domain with
//! open files handed to its first process (containers), and naming open
//! files for the hypervisor to use (`fd_associate`). The descriptors stay
//! the caller's: libvirt copies them.

use crate::bridge::{Fds, Flags, Obj, Owned};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn _create_with_files(con: Obj<Connect>, xml: String, fds: Fds, flags: Flags) -> Result<Owned<Domain>> {
        let xml = c_string(&xml);
        let mut fds = fds.0;
        // SAFETY: the string and the descriptor array live across the call;
        // libvirt only reads the array.
        unsafe {
            ret::object(virt_sys::virDomainCreateXMLWithFiles(con.raw(), xml.as_ptr(), fds.len() as u32, fds.as_mut_ptr(), flags.0))
        }
    }

    fn create_with_files(dom: Obj<Domain>, fds: Fds, flags: Flags) -> Result<()> {
        let mut fds = fds.0;
        // SAFETY: as above.
        ret::done(unsafe { virt_sys::virDomainCreateWithFiles(dom.raw(), fds.len() as u32, fds.as_mut_ptr(), flags.0) })
    }

    fn fd_associate(dom: Obj<Domain>, name: String, fds: Fds, flags: Flags) -> Result<()> {
        let name = c_string(&name);
        let mut fds = fds.0;
        // SAFETY: as above.
        ret::done(unsafe { virt_sys::virDomainFDAssociate(dom.raw(), name.as_ptr(), fds.len() as u32, fds.as_mut_ptr(), flags.0) })
    }
}
