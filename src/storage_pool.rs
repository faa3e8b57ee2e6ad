//! Sys::Virt::StoragePool: a pool of storage volumes on the host.

use std::os::raw::c_int;

use crate::bridge::{CText, CountedList, Flags, Handles, HashOf, Obj, Owned, Texts, Value, WriteFields};
use crate::libvirt::args::{c_string, RawUuid};
use crate::libvirt::kinds::{Connect, StoragePool, StorageVol};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::StoragePool";
    /// The C module passes no flags here; the CREATE_WITH_BUILD* constants
    /// it documents need them.
    fn _create_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<StoragePool>> {
        let xml = c_string(&xml);
        // SAFETY: a constructor returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virStoragePoolCreateXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<StoragePool>> {
        let xml = c_string(&xml);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virStoragePoolDefineXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Owned<StoragePool>> {
        lookup_by_name(&con, &name)
    }

    fn _lookup_by_uuid(con: Obj<Connect>, uuid: RawUuid) -> Result<Owned<StoragePool>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virStoragePoolLookupByUUID(con.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<Owned<StoragePool>> {
        let uuid = c_string(&uuid);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virStoragePoolLookupByUUIDString(con.raw(), uuid.as_ptr())) }
    }

    fn _lookup_by_volume(vol: Obj<StorageVol>) -> Result<Owned<StoragePool>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virStoragePoolLookupByVolume(vol.raw())) }
    }

    fn _lookup_by_target_path(con: Obj<Connect>, path: String) -> Result<Owned<StoragePool>> {
        let path = c_string(&path);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virStoragePoolLookupByTargetPath(con.raw(), path.as_ptr())) }
    }

    fn get_uuid(pool: Obj<StoragePool>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virStoragePoolGetUUID(pool.raw(), buf) })
    }

    fn get_uuid_string(pool: Obj<StoragePool>) -> Result<String> {
        // SAFETY: libvirt fills the buffer of VIR_UUID_STRING_BUFLEN bytes.
        ret::uuid_string(|buf| unsafe { virt_sys::virStoragePoolGetUUIDString(pool.raw(), buf) })
    }

    fn get_name(pool: Obj<StoragePool>) -> Result<CText> {
        // SAFETY: the name lives inside the pool object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virStoragePoolGetName(pool.raw())) }
    }

    fn is_active(pool: Obj<StoragePool>) -> Result<bool> {
        // SAFETY: a live pool.
        ret::boolean(unsafe { virt_sys::virStoragePoolIsActive(pool.raw()) })
    }

    fn is_persistent(pool: Obj<StoragePool>) -> Result<bool> {
        // SAFETY: a live pool.
        ret::boolean(unsafe { virt_sys::virStoragePoolIsPersistent(pool.raw()) })
    }

    fn get_xml_description(pool: Obj<StoragePool>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virStoragePoolGetXMLDesc(pool.raw(), flags.0)) }
    }

    fn undefine(pool: Obj<StoragePool>) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolUndefine(pool.raw()) })
    }

    /// The C module takes no flags here, although it documents the
    /// CREATE_WITH_BUILD* constants for starting a pool.
    fn create(pool: Obj<StoragePool>, flags: Flags) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolCreate(pool.raw(), flags.0) })
    }

    fn refresh(pool: Obj<StoragePool>, flags: Flags) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolRefresh(pool.raw(), flags.0) })
    }

    fn build(pool: Obj<StoragePool>, flags: Flags) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolBuild(pool.raw(), flags.0) })
    }

    fn delete(pool: Obj<StoragePool>, flags: Flags) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolDelete(pool.raw(), flags.0) })
    }

    fn destroy(pool: Obj<StoragePool>) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolDestroy(pool.raw()) })
    }

    fn set_autostart(pool: Obj<StoragePool>, autostart: bool) -> Result<()> {
        // SAFETY: a live pool.
        ret::done(unsafe { virt_sys::virStoragePoolSetAutostart(pool.raw(), autostart as c_int) })
    }

    fn get_autostart(pool: Obj<StoragePool>) -> Result<bool> {
        let mut autostart: c_int = 0;
        // SAFETY: the out-parameter is ours.
        ret::non_negative(unsafe { virt_sys::virStoragePoolGetAutostart(pool.raw(), &mut autostart) })?;
        Ok(autostart != 0)
    }

    fn get_info(pool: Obj<StoragePool>) -> Result<HashOf<impl WriteFields>> {
        let mut info = virt_sys::virStoragePoolInfo { state: 0, capacity: 0, allocation: 0, available: 0 };
        // SAFETY: the out-parameter is ours.
        ret::non_negative(unsafe { virt_sys::virStoragePoolGetInfo(pool.raw(), &mut info) })?;
        Ok(HashOf(move |h| {
            h.put("state", info.state as i32)
                .put("capacity", info.capacity)
                .put("allocation", info.allocation)
                .put("available", info.available);
        }))
    }

    fn num_of_storage_volumes(pool: Obj<StoragePool>) -> Result<i32> {
        // SAFETY: a live pool.
        ret::non_negative(unsafe { virt_sys::virStoragePoolNumOfVolumes(pool.raw()) })
    }

    fn list_storage_vol_names(pool: Obj<StoragePool>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the pool for the whole call.
        let pool = pool.raw();
        let count = || unsafe { virt_sys::virStoragePoolNumOfVolumes(pool) };
        let list = |buf, max| unsafe { virt_sys::virStoragePoolListVolumes(pool, buf, max) };
        collect_names(maxnames, &count, list)
    }

    /// The volumes by name, one lookup each; a volume deleted between the
    /// listing and its lookup is left out. `list_volumes` (StoragePool.pm)
    /// returns them as a Perl array, whose count is its scalar value.
    fn _list_volumes(pool: Obj<StoragePool>) -> Result<CountedList<Owned<StorageVol>>> {
        // SAFETY (all three): the argument holds the pool for the whole call;
        // a lookup returns a new reference or NULL.
        let pool = pool.raw();
        let count = || unsafe { virt_sys::virStoragePoolNumOfVolumes(pool) };
        let list = |buf, max| unsafe { virt_sys::virStoragePoolListVolumes(pool, buf, max) };
        let lookup = |name| unsafe { virt_sys::virStorageVolLookupByName(pool, name) };
        // SAFETY: `lookup` returns a new reference or NULL.
        unsafe { objects_by_name(&count, list, lookup) }
    }

    fn list_all_volumes(pool: Obj<StoragePool>, flags: Flags) -> Result<Handles<StorageVol>> {
        // SAFETY: a ListAll call; each volume in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virStoragePoolListAllVolumes(pool.raw(), array, flags.0)) }
    }

    fn get_volume_by_name(pool: Obj<StoragePool>, name: String) -> Result<Owned<StorageVol>> {
        crate::storage_vol::lookup_by_name(&pool, &name)
    }
}

/// A pool by name (shared with the connection's lookup).
pub fn lookup_by_name(con: &Obj<Connect>, name: &str) -> crate::bridge::Result<Owned<StoragePool>> {
    let name = c_string(name);
    // SAFETY: a lookup returns a new reference or NULL.
    unsafe { ret::object(virt_sys::virStoragePoolLookupByName(con.raw(), name.as_ptr())) }
}
