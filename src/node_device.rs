//! Sys::Virt::NodeDevice: a device of the host (a PCI or USB device, a
//! SCSI host, a network card, a mediated device...).

use std::os::raw::c_int;

use crate::bridge::{CText, Error, Flags, Obj, Owned, Texts};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::{Connect, NodeDevice};
use crate::libvirt::lists::{collect_names, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::NodeDevice";
    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Owned<NodeDevice>> {
        let name = c_string(&name);
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virNodeDeviceLookupByName(con.raw(), name.as_ptr())) }
    }

    fn _lookup_scsihost_by_wwn(con: Obj<Connect>, wwnn: String, wwpn: String, flags: Flags) -> Result<Owned<NodeDevice>> {
        let (wwnn, wwpn) = (c_string(&wwnn), c_string(&wwpn));
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virNodeDeviceLookupSCSIHostByWWN(con.raw(), wwnn.as_ptr(), wwpn.as_ptr(), flags.0)) }
    }

    fn _create_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<NodeDevice>> {
        let xml = c_string(&xml);
        // SAFETY: a new device comes with a reference, or NULL.
        unsafe { ret::object(virt_sys::virNodeDeviceCreateXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<NodeDevice>> {
        let xml = c_string(&xml);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virNodeDeviceDefineXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn get_name(dev: Obj<NodeDevice>) -> Result<CText> {
        // SAFETY: the name lives inside the device object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virNodeDeviceGetName(dev.raw())) }
    }

    /// undef for a device without a parent, as documented. libvirt 9.0.0
    /// reports that case as an internal error ("no parent for this
    /// device") rather than with an empty answer, so the error stands only
    /// when the device's XML names a parent after all.
    fn get_parent(dev: Obj<NodeDevice>) -> Result<Option<CText>> {
        // SAFETY: the parent's name is cached inside the device object.
        let parent = unsafe { virt_sys::virNodeDeviceGetParent(dev.raw()) };
        if !parent.is_null() {
            // SAFETY: as above; the argument holds the object.
            return Ok(Some(unsafe { CText::borrowed(parent) }));
        }
        let err = ret::last_error();
        let internal = matches!(&err, Error::Libvirt(e) if e.code().to_raw() == virt_sys::VIR_ERR_INTERNAL_ERROR);
        if internal && has_no_parent(&dev) {
            // SAFETY: clears this thread's error, which was answered.
            unsafe { virt_sys::virResetLastError() };
            return Ok(None);
        }
        Err(err)
    }

    fn get_xml_description(dev: Obj<NodeDevice>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virNodeDeviceGetXMLDesc(dev.raw(), flags.0)) }
    }

    fn list_capabilities(dev: Obj<NodeDevice>) -> Result<Texts> {
        // SAFETY (both): the argument holds the device for the whole call.
        let dev = dev.raw();
        let count = || unsafe { virt_sys::virNodeDeviceNumOfCaps(dev) };
        let list = |buf, max| unsafe { virt_sys::virNodeDeviceListCaps(dev, buf, max) };
        collect_names(MaxNames::All, &count, list)
    }

    fn create(dev: Obj<NodeDevice>, flags: Flags) -> Result<()> {
        // SAFETY: a live device.
        ret::done(unsafe { virt_sys::virNodeDeviceCreate(dev.raw(), flags.0) })
    }

    fn destroy(dev: Obj<NodeDevice>) -> Result<()> {
        // SAFETY: a live device.
        ret::done(unsafe { virt_sys::virNodeDeviceDestroy(dev.raw()) })
    }

    fn undefine(dev: Obj<NodeDevice>, flags: Flags) -> Result<()> {
        // SAFETY: a live device.
        ret::done(unsafe { virt_sys::virNodeDeviceUndefine(dev.raw(), flags.0) })
    }

    fn is_active(dev: Obj<NodeDevice>) -> Result<bool> {
        // SAFETY: a live device.
        ret::boolean(unsafe { virt_sys::virNodeDeviceIsActive(dev.raw()) })
    }

    fn is_persistent(dev: Obj<NodeDevice>) -> Result<bool> {
        // SAFETY: a live device.
        ret::boolean(unsafe { virt_sys::virNodeDeviceIsPersistent(dev.raw()) })
    }

    fn get_autostart(dev: Obj<NodeDevice>) -> Result<bool> {
        let mut autostart: c_int = 0;
        // SAFETY: a live device; libvirt writes one int.
        ret::non_negative(unsafe { virt_sys::virNodeDeviceGetAutostart(dev.raw(), &mut autostart) })?;
        Ok(autostart != 0)
    }

    fn set_autostart(dev: Obj<NodeDevice>, autostart: bool) -> Result<()> {
        // SAFETY: a live device.
        ret::done(unsafe { virt_sys::virNodeDeviceSetAutostart(dev.raw(), autostart as c_int) })
    }

    /// Without a driver name or flags this is the original
    /// virNodeDeviceDettach, which older daemons understand.
    fn dettach(dev: Obj<NodeDevice>, driver: Option<String>, flags: Flags) -> Result<()> {
        let driver = driver.map(|d| c_string(&d));
        // SAFETY: a live device; the driver name outlives the call.
        let rc = unsafe {
            if driver.is_none() && flags.0 == 0 {
                virt_sys::virNodeDeviceDettach(dev.raw())
            } else {
                virt_sys::virNodeDeviceDetachFlags(dev.raw(), c_opt(&driver), flags.0)
            }
        };
        ret::done(rc)
    }

    fn reattach(dev: Obj<NodeDevice>) -> Result<()> {
        // SAFETY: a live device.
        ret::done(unsafe { virt_sys::virNodeDeviceReAttach(dev.raw()) })
    }

    fn reset(dev: Obj<NodeDevice>) -> Result<()> {
        // SAFETY: a live device.
        ret::done(unsafe { virt_sys::virNodeDeviceReset(dev.raw()) })
    }
}

/// Whether the device's own description names no parent (only asked once
/// libvirt has refused to name one).
fn has_no_parent(dev: &Obj<NodeDevice>) -> bool {
    // SAFETY: libvirt hands the document over to us.
    match unsafe { ret::owned_text(virt_sys::virNodeDeviceGetXMLDesc(dev.raw(), 0)) } {
        Ok(xml) => {
            let xml = xml.bytes();
            !contains(xml, b"<parent>") && !contains(xml, b"<parent ")
        }
        Err(_) => false,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
