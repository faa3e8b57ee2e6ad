//! Sys::Virt, host interfaces: counting, listing and finding the host's
//! network interfaces (Sys::Virt::Interface), and the transactions of
//! interface changes.

use crate::bridge::{CountedList, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::kinds::{Connect, Interface};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    fn num_of_interfaces(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfInterfaces(con.raw()) })
    }

    fn list_interface_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfInterfaces(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListInterfaces(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    fn list_interfaces(con: Obj<Connect>) -> Result<CountedList<Owned<Interface>>> {
        // SAFETY (all three): as above; each lookup returns a new reference or NULL.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfInterfaces(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListInterfaces(con, buf, max) };
        unsafe { objects_by_name(&count, list, |name| virt_sys::virInterfaceLookupByName(con, name)) }
    }

    fn num_of_defined_interfaces(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfDefinedInterfaces(con.raw()) })
    }

    fn list_defined_interface_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedInterfaces(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedInterfaces(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    fn list_defined_interfaces(con: Obj<Connect>) -> Result<CountedList<Owned<Interface>>> {
        // SAFETY (all three): as above; each lookup returns a new reference or NULL.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedInterfaces(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedInterfaces(con, buf, max) };
        unsafe { objects_by_name(&count, list, |name| virt_sys::virInterfaceLookupByName(con, name)) }
    }

    fn list_all_interfaces(con: Obj<Connect>, flags: Flags) -> Result<Handles<Interface>> {
        // SAFETY: a ListAll call; each interface in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllInterfaces(con.raw(), array, flags.0)) }
    }

    fn get_interface_by_name(con: Obj<Connect>, name: String) -> Result<Owned<Interface>> {
        crate::interface::_lookup_by_name(con, name)
    }

    fn get_interface_by_mac(con: Obj<Connect>, mac: String) -> Result<Owned<Interface>> {
        crate::interface::_lookup_by_mac(con, mac)
    }

    fn interface_change_begin(con: Obj<Connect>, flags: Flags) -> Result<()> {
        // SAFETY: a live connection.
        ret::done(unsafe { virt_sys::virInterfaceChangeBegin(con.raw(), flags.0) })
    }

    fn interface_change_commit(con: Obj<Connect>, flags: Flags) -> Result<()> {
        // SAFETY: a live connection.
        ret::done(unsafe { virt_sys::virInterfaceChangeCommit(con.raw(), flags.0) })
    }

    fn interface_change_rollback(con: Obj<Connect>, flags: Flags) -> Result<()> {
        // SAFETY: a live connection.
        ret::done(unsafe { virt_sys::virInterfaceChangeRollback(con.raw(), flags.0) })
    }
}
