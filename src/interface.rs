//! Sys::Virt::Interface: a network interface of the host, as the
//! interface driver configures it.

use crate::bridge::{CText, Flags, Obj, Owned};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Connect, Interface};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Interface";
    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Owned<Interface>> {
        let name = c_string(&name);
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virInterfaceLookupByName(con.raw(), name.as_ptr())) }
    }

    fn _lookup_by_mac(con: Obj<Connect>, mac: String) -> Result<Owned<Interface>> {
        let mac = c_string(&mac);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virInterfaceLookupByMACString(con.raw(), mac.as_ptr())) }
    }

    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<Interface>> {
        let xml = c_string(&xml);
        // SAFETY: a new interface comes with a reference, or NULL.
        unsafe { ret::object(virt_sys::virInterfaceDefineXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn get_name(iface: Obj<Interface>) -> Result<CText> {
        // SAFETY: the name lives inside the interface object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virInterfaceGetName(iface.raw())) }
    }

    fn get_mac(iface: Obj<Interface>) -> Result<CText> {
        // SAFETY: as above, for the address.
        unsafe { ret::borrowed_text(virt_sys::virInterfaceGetMACString(iface.raw())) }
    }

    fn get_xml_description(iface: Obj<Interface>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virInterfaceGetXMLDesc(iface.raw(), flags.0)) }
    }

    fn is_active(iface: Obj<Interface>) -> Result<bool> {
        // SAFETY: a live interface.
        ret::boolean(unsafe { virt_sys::virInterfaceIsActive(iface.raw()) })
    }

    fn create(iface: Obj<Interface>, flags: Flags) -> Result<()> {
        // SAFETY: a live interface.
        ret::done(unsafe { virt_sys::virInterfaceCreate(iface.raw(), flags.0) })
    }

    fn destroy(iface: Obj<Interface>, flags: Flags) -> Result<()> {
        // SAFETY: a live interface.
        ret::done(unsafe { virt_sys::virInterfaceDestroy(iface.raw(), flags.0) })
    }

    fn undefine(iface: Obj<Interface>) -> Result<()> {
        // SAFETY: a live interface.
        ret::done(unsafe { virt_sys::virInterfaceUndefine(iface.raw()) })
    }
}
