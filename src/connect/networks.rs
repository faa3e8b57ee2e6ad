//! Sys::Virt, networks: counting, listing and finding a connection's
//! virtual networks (the networks themselves are Sys::Virt::Network).

use crate::bridge::{CountedList, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::kinds::{Connect, Network};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    fn num_of_networks(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfNetworks(con.raw()) })
    }

    fn list_network_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfNetworks(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListNetworks(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    /// The C module's Perl version looks each name up through
    /// `Sys::Virt::Network->_new` inside an eval; the same, directly.
    fn list_networks(con: Obj<Connect>) -> Result<CountedList<Owned<Network>>> {
        // SAFETY (all three): the argument holds the connection for the
        // whole call; a lookup returns a new reference or NULL.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfNetworks(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListNetworks(con, buf, max) };
        unsafe { objects_by_name(&count, list, |name| virt_sys::virNetworkLookupByName(con, name)) }
    }

    fn num_of_defined_networks(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfDefinedNetworks(con.raw()) })
    }

    fn list_defined_network_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedNetworks(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedNetworks(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    /// As `list_networks`, for the networks that are not running.
    fn list_defined_networks(con: Obj<Connect>) -> Result<CountedList<Owned<Network>>> {
        // SAFETY (all three): as in `list_networks`.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedNetworks(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedNetworks(con, buf, max) };
        unsafe { objects_by_name(&count, list, |name| virt_sys::virNetworkLookupByName(con, name)) }
    }

    fn list_all_networks(con: Obj<Connect>, flags: Flags) -> Result<Handles<Network>> {
        // SAFETY: a ListAll call; each network in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllNetworks(con.raw(), array, flags.0)) }
    }

    /// The lookup of `Sys::Virt::Network->_new(name => ...)`, without the
    /// Perl constructor in between.
    fn get_network_by_name(con: Obj<Connect>, name: String) -> Result<Owned<Network>> {
        crate::network::_lookup_by_name(con, name)
    }
}
