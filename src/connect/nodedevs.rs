//! Sys::Virt, host devices: counting, listing and finding the host's
//! devices (the devices themselves are Sys::Virt::NodeDevice).

use crate::bridge::{CountedList, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::{Connect, NodeDevice};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    fn num_of_node_devices(con: Obj<Connect>, cap: Option<String>, flags: Flags) -> Result<i32> {
        let cap = cap.map(|c| c_string(&c));
        // SAFETY: a live connection; the capability name outlives the call.
        ret::non_negative(unsafe { virt_sys::virNodeNumOfDevices(con.raw(), c_opt(&cap), flags.0) })
    }

    fn list_node_device_names(con: Obj<Connect>, cap: Option<String>, maxnames: MaxNames, flags: Flags) -> Result<Texts> {
        let cap = cap.map(|c| c_string(&c));
        let (con, cap) = (con.raw(), c_opt(&cap));
        // SAFETY (both): the argument holds the connection, and `cap` its string, for the whole call.
        let count = || unsafe { virt_sys::virNodeNumOfDevices(con, cap, flags.0) };
        let list = |buf, max| unsafe { virt_sys::virNodeListDevices(con, cap, buf, max, flags.0) };
        collect_names(maxnames, &count, list)
    }

    fn list_node_devices(con: Obj<Connect>, cap: Option<String>) -> Result<CountedList<Owned<NodeDevice>>> {
        let cap = cap.map(|c| c_string(&c));
        let (con, cap) = (con.raw(), c_opt(&cap));
        // SAFETY (all three): as above; each lookup returns a new reference or NULL.
        let count = || unsafe { virt_sys::virNodeNumOfDevices(con, cap, 0) };
        let list = |buf, max| unsafe { virt_sys::virNodeListDevices(con, cap, buf, max, 0) };
        unsafe { objects_by_name(&count, list, |name| virt_sys::virNodeDeviceLookupByName(con, name)) }
    }

    fn list_all_node_devices(con: Obj<Connect>, flags: Flags) -> Result<Handles<NodeDevice>> {
        // SAFETY: a ListAll call; each device in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllNodeDevices(con.raw(), array, flags.0)) }
    }

    fn get_node_device_by_name(con: Obj<Connect>, name: String) -> Result<Owned<NodeDevice>> {
        crate::node_device::_lookup_by_name(con, name)
    }

    fn get_node_device_scsihost_by_wwn(con: Obj<Connect>, wwnn: String, wwpn: String, flags: Flags) -> Result<Owned<NodeDevice>> {
        crate::node_device::_lookup_scsihost_by_wwn(con, wwnn, wwpn, flags)
    }
}
