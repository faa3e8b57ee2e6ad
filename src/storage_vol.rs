//! Sys::Virt::StorageVol: one volume (a file, block device...) of a pool,
//! and transfers of its contents through a stream (Sys::Virt::Stream),
//! whole or a byte range, densely or keeping its holes.

use crate::bridge::{CText, Flags, HashOf, Obj, Owned, WriteFields};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Connect, StoragePool, StorageVol, Stream};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::StorageVol";
    fn _create_xml(pool: Obj<StoragePool>, xml: String, flags: Flags) -> Result<Owned<StorageVol>> {
        create(&pool, &xml, None, flags)
    }

    fn _create_xml_from(pool: Obj<StoragePool>, xml: String, clone: Obj<StorageVol>, flags: Flags) -> Result<Owned<StorageVol>> {
        create(&pool, &xml, Some(&clone), flags)
    }

    fn _lookup_by_name(pool: Obj<StoragePool>, name: String) -> Result<Owned<StorageVol>> {
        lookup_by_name(&pool, &name)
    }

    fn _lookup_by_key(con: Obj<Connect>, key: String) -> Result<Owned<StorageVol>> {
        let key = c_string(&key);
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virStorageVolLookupByKey(con.raw(), key.as_ptr())) }
    }

    fn _lookup_by_path(con: Obj<Connect>, path: String) -> Result<Owned<StorageVol>> {
        let path = c_string(&path);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virStorageVolLookupByPath(con.raw(), path.as_ptr())) }
    }

    fn get_name(vol: Obj<StorageVol>) -> Result<CText> {
        // SAFETY: the name lives inside the volume object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virStorageVolGetName(vol.raw())) }
    }

    fn get_key(vol: Obj<StorageVol>) -> Result<CText> {
        // SAFETY: as above, for the key.
        unsafe { ret::borrowed_text(virt_sys::virStorageVolGetKey(vol.raw())) }
    }

    /// The path is worked out by the driver and handed over.
    fn get_path(vol: Obj<StorageVol>) -> Result<CText> {
        // SAFETY: libvirt allocates the path for us.
        unsafe { ret::owned_text(virt_sys::virStorageVolGetPath(vol.raw())) }
    }

    fn resize(vol: Obj<StorageVol>, capacity: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live volume.
        ret::done(unsafe { virt_sys::virStorageVolResize(vol.raw(), capacity, flags.0) })
    }

    fn get_xml_description(vol: Obj<StorageVol>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virStorageVolGetXMLDesc(vol.raw(), flags.0)) }
    }

    fn delete(vol: Obj<StorageVol>, flags: Flags) -> Result<()> {
        // SAFETY: a live volume.
        ret::done(unsafe { virt_sys::virStorageVolDelete(vol.raw(), flags.0) })
    }

    fn wipe(vol: Obj<StorageVol>, flags: Flags) -> Result<()> {
        // SAFETY: a live volume.
        ret::done(unsafe { virt_sys::virStorageVolWipe(vol.raw(), flags.0) })
    }

    fn wipe_pattern(vol: Obj<StorageVol>, algorithm: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live volume.
        ret::done(unsafe { virt_sys::virStorageVolWipePattern(vol.raw(), algorithm, flags.0) })
    }

    /// Without flags this is virStorageVolGetInfo, which older daemons
    /// understand, as the C module calls it.
    fn get_info(vol: Obj<StorageVol>, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        let mut info = virt_sys::virStorageVolInfo { type_: 0, capacity: 0, allocation: 0 };
        // SAFETY (both): the out-parameter is ours.
        let rc = if flags.0 == 0 {
            unsafe { virt_sys::virStorageVolGetInfo(vol.raw(), &mut info) }
        } else {
            unsafe { virt_sys::virStorageVolGetInfoFlags(vol.raw(), &mut info, flags.0) }
        };
        ret::non_negative(rc)?;
        Ok(HashOf(move |h| {
            h.put("type", info.type_)
                .put("capacity", info.capacity)
                .put("allocation", info.allocation);
        }))
    }

    /// The volume's bytes from `offset` (`length` 0: to the end) into the
    /// stream, which the caller then reads.
    fn download(vol: Obj<StorageVol>, st: Obj<Stream>, offset: u64, length: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live volume and stream.
        ret::done(unsafe { virt_sys::virStorageVolDownload(vol.raw(), st.raw(), offset, length, flags.0) })
    }

    /// The stream's bytes, which the caller then writes, into the volume
    /// from `offset`.
    fn upload(vol: Obj<StorageVol>, st: Obj<Stream>, offset: u64, length: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live volume and stream.
        ret::done(unsafe { virt_sys::virStorageVolUpload(vol.raw(), st.raw(), offset, length, flags.0) })
    }
}

/// A volume of `pool` by name (shared with the pool's lookup).
pub fn lookup_by_name(pool: &Obj<StoragePool>, name: &str) -> crate::bridge::Result<Owned<StorageVol>> {
    let name = c_string(name);
    // SAFETY: a lookup returns a new reference or NULL.
    unsafe { ret::object(virt_sys::virStorageVolLookupByName(pool.raw(), name.as_ptr())) }
}

/// A new volume in `pool` from `xml`, its data copied from `clone` if given.
pub fn create(pool: &Obj<StoragePool>, xml: &str, clone: Option<&Obj<StorageVol>>, flags: Flags) -> crate::bridge::Result<Owned<StorageVol>> {
    let xml = c_string(xml);
    // SAFETY (both): constructors return a new reference or NULL; the
    // arguments hold both objects for the call.
    unsafe {
        ret::object(match clone {
            None => virt_sys::virStorageVolCreateXML(pool.raw(), xml.as_ptr(), flags.0),
            Some(clone) => virt_sys::virStorageVolCreateXMLFrom(pool.raw(), xml.as_ptr(), clone.raw(), flags.0),
        })
    }
}
