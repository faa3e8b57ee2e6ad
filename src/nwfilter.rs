//! Sys::Virt::NWFilter: a network filter, a set of firewall rules that
//! guest interfaces refer to.

use crate::bridge::{CText, Flags, Obj, Owned, Value};
use crate::libvirt::args::{c_string, RawUuid};
use crate::libvirt::kinds::{Connect, NWFilter};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::NWFilter";
    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Owned<NWFilter>> {
        let name = c_string(&name);
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virNWFilterLookupByName(con.raw(), name.as_ptr())) }
    }

    fn _lookup_by_uuid(con: Obj<Connect>, uuid: RawUuid) -> Result<Owned<NWFilter>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virNWFilterLookupByUUID(con.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<Owned<NWFilter>> {
        let uuid = c_string(&uuid);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virNWFilterLookupByUUIDString(con.raw(), uuid.as_ptr())) }
    }

    /// Without flags this is virNWFilterDefineXML, which older daemons
    /// understand.
    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<NWFilter>> {
        let xml = c_string(&xml);
        // SAFETY: a new filter comes with a reference, or NULL.
        unsafe {
            ret::object(if flags.0 == 0 {
                virt_sys::virNWFilterDefineXML(con.raw(), xml.as_ptr())
            } else {
                virt_sys::virNWFilterDefineXMLFlags(con.raw(), xml.as_ptr(), flags.0)
            })
        }
    }

    fn get_name(filter: Obj<NWFilter>) -> Result<CText> {
        // SAFETY: the name lives inside the filter object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virNWFilterGetName(filter.raw())) }
    }

    fn get_uuid(filter: Obj<NWFilter>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virNWFilterGetUUID(filter.raw(), buf) })
    }

    fn get_uuid_string(filter: Obj<NWFilter>) -> Result<String> {
        // SAFETY: libvirt fills the buffer of VIR_UUID_STRING_BUFLEN.
        ret::uuid_string(|buf| unsafe { virt_sys::virNWFilterGetUUIDString(filter.raw(), buf) })
    }

    fn get_xml_description(filter: Obj<NWFilter>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virNWFilterGetXMLDesc(filter.raw(), flags.0)) }
    }

    fn undefine(filter: Obj<NWFilter>) -> Result<()> {
        // SAFETY: a live filter.
        ret::done(unsafe { virt_sys::virNWFilterUndefine(filter.raw()) })
    }
}
