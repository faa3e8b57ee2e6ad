//! Sys::Virt, network filters: counting, listing and finding filters
//! (Sys::Virt::NWFilter) and their bindings to port devices
//! (Sys::Virt::NWFilterBinding).

use crate::bridge::{CountedList, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::args::AnyUuid;
use crate::libvirt::kinds::{Connect, NWFilter, NWFilterBinding};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    fn num_of_nwfilters(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfNWFilters(con.raw()) })
    }

    fn list_nwfilter_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfNWFilters(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListNWFilters(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    fn list_nwfilters(con: Obj<Connect>) -> Result<CountedList<Owned<NWFilter>>> {
        // SAFETY (all three): as above; each lookup returns a new reference or NULL.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfNWFilters(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListNWFilters(con, buf, max) };
        unsafe { objects_by_name(&count, list, |name| virt_sys::virNWFilterLookupByName(con, name)) }
    }

    fn list_all_nwfilters(con: Obj<Connect>, flags: Flags) -> Result<Handles<NWFilter>> {
        // SAFETY: a ListAll call; each filter in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllNWFilters(con.raw(), array, flags.0)) }
    }

    fn list_all_nwfilter_bindings(con: Obj<Connect>, flags: Flags) -> Result<Handles<NWFilterBinding>> {
        // SAFETY: as above, for bindings.
        unsafe { list_all(|array| virt_sys::virConnectListAllNWFilterBindings(con.raw(), array, flags.0)) }
    }

    fn get_nwfilter_by_name(con: Obj<Connect>, name: String) -> Result<Owned<NWFilter>> {
        crate::nwfilter::_lookup_by_name(con, name)
    }

    fn get_nwfilter_by_uuid(con: Obj<Connect>, uuid: AnyUuid) -> Result<Owned<NWFilter>> {
        // SAFETY (both): a lookup returns a new reference or NULL.
        match uuid {
            AnyUuid::Raw(raw) => unsafe { ret::object(virt_sys::virNWFilterLookupByUUID(con.raw(), raw.0.as_ptr())) },
            AnyUuid::Text(text) => unsafe { ret::object(virt_sys::virNWFilterLookupByUUIDString(con.raw(), text.as_ptr())) },
        }
    }

    fn get_nwfilter_binding_by_port_dev(con: Obj<Connect>, name: String) -> Result<Owned<NWFilterBinding>> {
        crate::nwfilter_binding::_lookup_by_port_dev(con, name)
    }
}
