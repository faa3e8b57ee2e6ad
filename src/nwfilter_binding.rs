//! Sys::Virt::NWFilterBinding: a network filter applied to one port
//! device (a guest's tap device, by name).

use crate::bridge::{CText, Flags, Obj, Owned};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Connect, NWFilterBinding};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::NWFilterBinding";
    fn _lookup_by_port_dev(con: Obj<Connect>, name: String) -> Result<Owned<NWFilterBinding>> {
        let name = c_string(&name);
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virNWFilterBindingLookupByPortDev(con.raw(), name.as_ptr())) }
    }

    fn _create_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<NWFilterBinding>> {
        let xml = c_string(&xml);
        // SAFETY: a new binding comes with a reference, or NULL.
        unsafe { ret::object(virt_sys::virNWFilterBindingCreateXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn get_port_dev(binding: Obj<NWFilterBinding>) -> Result<CText> {
        // SAFETY: the name lives inside the binding object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virNWFilterBindingGetPortDev(binding.raw())) }
    }

    fn get_filter_name(binding: Obj<NWFilterBinding>) -> Result<CText> {
        // SAFETY: as above.
        unsafe { ret::borrowed_text(virt_sys::virNWFilterBindingGetFilterName(binding.raw())) }
    }

    fn get_xml_description(binding: Obj<NWFilterBinding>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virNWFilterBindingGetXMLDesc(binding.raw(), flags.0)) }
    }

    fn delete(binding: Obj<NWFilterBinding>) -> Result<()> {
        // SAFETY: a live binding.
        ret::done(unsafe { virt_sys::virNWFilterBindingDelete(binding.raw()) })
    }
}
