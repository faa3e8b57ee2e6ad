//! Sys::Virt::NetworkPort: one port of a virtual network, where a guest's
//! interface is plugged in.

use crate::bridge::{CText, Flags, HashArg, Obj, Owned, Result, Value};
use crate::libvirt::args::{c_string, RawUuid};
use crate::libvirt::kinds::{Network, NetworkPort};
use crate::libvirt::params::Params;
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::NetworkPort";
    fn _create_xml(net: Obj<Network>, xml: String, flags: Flags) -> Result<Owned<NetworkPort>> {
        let xml = c_string(&xml);
        // SAFETY: a creation returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virNetworkPortCreateXML(net.raw(), xml.as_ptr(), flags.0)) }
    }

    fn _lookup_by_uuid(net: Obj<Network>, uuid: RawUuid) -> Result<Owned<NetworkPort>> {
        // SAFETY: a lookup returns a new reference or NULL; the UUID is 16 bytes.
        unsafe { ret::object(virt_sys::virNetworkPortLookupByUUID(net.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(net: Obj<Network>, uuid: String) -> Result<Owned<NetworkPort>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virNetworkPortLookupByUUIDString(net.raw(), c_string(&uuid).as_ptr())) }
    }

    fn get_uuid(port: Obj<NetworkPort>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virNetworkPortGetUUID(port.raw(), buf) })
    }

    fn get_uuid_string(port: Obj<NetworkPort>) -> Result<String> {
        // SAFETY: libvirt fills the buffer of VIR_UUID_STRING_BUFLEN.
        ret::uuid_string(|buf| unsafe { virt_sys::virNetworkPortGetUUIDString(port.raw(), buf) })
    }

    fn get_xml_description(port: Obj<NetworkPort>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virNetworkPortGetXMLDesc(port.raw(), flags.0)) }
    }

    fn get_parameters(port: Obj<NetworkPort>, flags: Flags) -> Result<Params> {
        parameters(&port, flags)
    }

    /// Only the fields the port reports now can be set, with their types.
    fn set_parameters(port: Obj<NetworkPort>, params: HashArg, flags: Flags) -> Result<()> {
        let wanted = Params::from_current(params, parameters(&port, Flags(0))?)?;
        // SAFETY: the array and its count are ours; libvirt only reads them.
        wanted.pass(|list, n| unsafe { virt_sys::virNetworkPortSetParameters(port.raw(), list, n, flags.0) })
    }

    fn delete(port: Obj<NetworkPort>, flags: Flags) -> Result<()> {
        // SAFETY: a live port.
        ret::done(unsafe { virt_sys::virNetworkPortDelete(port.raw(), flags.0) })
    }
}

/// The port's bandwidth, as typed parameters.
fn parameters(port: &Obj<NetworkPort>, flags: Flags) -> Result<Params> {
    // SAFETY: libvirt allocates the array and hands it over.
    Params::receive(|list, n| unsafe { virt_sys::virNetworkPortGetParameters(port.raw(), list, n, flags.0) })
}
