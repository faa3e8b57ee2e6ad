//! Sys::Virt, storage: counting, listing and finding the host's storage
//! pools, probing for pool sources (the pools and volumes themselves are
//! Sys::Virt::StoragePool and Sys::Virt::StorageVol).

use crate::bridge::{CText, CountedList, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::{Connect, StoragePool};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    fn num_of_storage_pools(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfStoragePools(con.raw()) })
    }

    fn list_storage_pool_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfStoragePools(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListStoragePools(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    /// The active pools by name, one lookup each; a pool that goes away
    /// between the listing and its lookup is left out. `list_storage_pools`
    /// (Virt.pm) returns them as a Perl array, whose count is its scalar
    /// value.
    fn _list_storage_pools(con: Obj<Connect>) -> Result<CountedList<Owned<StoragePool>>> {
        // SAFETY (all three): the argument holds the connection for the
        // whole call; a lookup returns a new reference or NULL.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfStoragePools(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListStoragePools(con, buf, max) };
        let lookup = |name| unsafe { virt_sys::virStoragePoolLookupByName(con, name) };
        // SAFETY: `lookup` returns a new reference or NULL.
        unsafe { objects_by_name(&count, list, lookup) }
    }

    fn num_of_defined_storage_pools(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfDefinedStoragePools(con.raw()) })
    }

    fn list_defined_storage_pool_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedStoragePools(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedStoragePools(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    /// As `_list_storage_pools`, for the inactive pools.
    fn _list_defined_storage_pools(con: Obj<Connect>) -> Result<CountedList<Owned<StoragePool>>> {
        // SAFETY (all three): as in _list_storage_pools.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedStoragePools(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedStoragePools(con, buf, max) };
        let lookup = |name| unsafe { virt_sys::virStoragePoolLookupByName(con, name) };
        // SAFETY: `lookup` returns a new reference or NULL.
        unsafe { objects_by_name(&count, list, lookup) }
    }

    fn list_all_storage_pools(con: Obj<Connect>, flags: Flags) -> Result<Handles<StoragePool>> {
        // SAFETY: a ListAll call; each pool in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllStoragePools(con.raw(), array, flags.0)) }
    }

    fn get_storage_pool_by_name(con: Obj<Connect>, name: String) -> Result<Owned<StoragePool>> {
        crate::storage_pool::lookup_by_name(&con, &name)
    }

    /// `srcspec` may be undef, as documented (libvirt then probes without
    /// a hint); the C module passed an empty string instead.
    fn find_storage_pool_sources(con: Obj<Connect>, pool_type: String, srcspec: Option<String>, flags: Flags) -> Result<CText> {
        let pool_type = c_string(&pool_type);
        let srcspec = srcspec.as_deref().map(c_string);
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virConnectFindStoragePoolSources(con.raw(), pool_type.as_ptr(), c_opt(&srcspec), flags.0)) }
    }

    fn get_storage_pool_capabilities(con: Obj<Connect>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virConnectGetStoragePoolCapabilities(con.raw(), flags.0)) }
    }
}
