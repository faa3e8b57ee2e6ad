//! Sys::Virt::StorageVol, transfers: a volume's contents into or out of a
//! stream (Sys::Virt::Stream), whole or a byte range, densely or keeping
//! its holes.

use crate::bridge::{Flags, Obj};
use crate::libvirt::kinds::{StorageVol, Stream};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::StorageVol";
    fn download(vol: Obj<StorageVol>, st: Obj<Stream>, offset: u64, length: u64, flags: Flags) -> Result<()> {
        // SAFETY: live volume and stream.
        ret::non_negative(unsafe { virt_sys::virStorageVolDownload(vol.raw(), st.raw(), offset, length, flags.0) })?;
        Ok(())
    }

    fn upload(vol: Obj<StorageVol>, st: Obj<Stream>, offset: u64, length: u64, flags: Flags) -> Result<()> {
        // SAFETY: live volume and stream.
        ret::non_negative(unsafe { virt_sys::virStorageVolUpload(vol.raw(), st.raw(), offset, length, flags.0) })?;
        Ok(())
    }
}
