//! Sys::Virt::Domain, the POD's "Devices" group: attaching, detaching
//! and changing devices by their XML or alias.

use crate::bridge::{Flags, Obj};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::Domain;
use crate::libvirt::ret::done;

crate::xsubs! { "Sys::Virt::Domain";
    /// Without flags this is virDomainAttachDevice, as in the C module
    /// (and in libvirt's messages).
    fn attach_device(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<()> {
        let xml = c_string(&xml);
        // SAFETY: a live domain and a C string.
        done(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainAttachDevice(dom.raw(), xml.as_ptr())
            } else {
                virt_sys::virDomainAttachDeviceFlags(dom.raw(), xml.as_ptr(), flags.0)
            }
        })
    }

    /// Without flags this is virDomainDetachDevice, as in the C module.
    fn detach_device(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<()> {
        let xml = c_string(&xml);
        // SAFETY: as above.
        done(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainDetachDevice(dom.raw(), xml.as_ptr())
            } else {
                virt_sys::virDomainDetachDeviceFlags(dom.raw(), xml.as_ptr(), flags.0)
            }
        })
    }

    fn detach_device_alias(dom: Obj<Domain>, alias: String, flags: Flags) -> Result<()> {
        let alias = c_string(&alias);
        // SAFETY: as above.
        done(unsafe { virt_sys::virDomainDetachDeviceAlias(dom.raw(), alias.as_ptr(), flags.0) })
    }

    fn update_device(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<()> {
        let xml = c_string(&xml);
        // SAFETY: as above.
        done(unsafe { virt_sys::virDomainUpdateDeviceFlags(dom.raw(), xml.as_ptr(), flags.0) })
    }
}
