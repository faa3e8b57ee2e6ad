//! Sys::Virt::Network: a virtual network of a connection, and the ports
//! plugged into it (the ports themselves are Sys::Virt::NetworkPort).

use std::os::raw::c_char;

use crate::bridge::{CText, Flags, Handles, Hash, List, Obj, Owned, Value};
use crate::libvirt::args::{c_opt, c_string, RawUuid};
use crate::libvirt::kinds::{Connect, Network, NetworkPort};
use crate::libvirt::lists::list_all;
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Network";
    /// Without flags this is virNetworkCreateXML, which older daemons
    /// understand and whose name appears in libvirt's messages.
    fn _create_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<Network>> {
        let xml = c_string(&xml);
        // SAFETY (both): a creation returns a new reference or NULL.
        if flags.0 == 0 {
            return unsafe { ret::object(virt_sys::virNetworkCreateXML(con.raw(), xml.as_ptr())) };
        }
        unsafe { ret::object(virt_sys::virNetworkCreateXMLFlags(con.raw(), xml.as_ptr(), flags.0)) }
    }

    /// Without flags this is virNetworkDefineXML, as for `_create_xml`.
    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<Network>> {
        let xml = c_string(&xml);
        // SAFETY (both): a definition returns a new reference or NULL.
        if flags.0 == 0 {
            return unsafe { ret::object(virt_sys::virNetworkDefineXML(con.raw(), xml.as_ptr())) };
        }
        unsafe { ret::object(virt_sys::virNetworkDefineXMLFlags(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn _lookup_by_name(con: Obj<Connect>, name: String) -> Result<Owned<Network>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virNetworkLookupByName(con.raw(), c_string(&name).as_ptr())) }
    }

    fn _lookup_by_uuid(con: Obj<Connect>, uuid: RawUuid) -> Result<Owned<Network>> {
        // SAFETY: as above; the UUID is 16 bytes.
        unsafe { ret::object(virt_sys::virNetworkLookupByUUID(con.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<Owned<Network>> {
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virNetworkLookupByUUIDString(con.raw(), c_string(&uuid).as_ptr())) }
    }

    fn get_name(net: Obj<Network>) -> Result<CText> {
        // SAFETY: the name lives inside the network object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virNetworkGetName(net.raw())) }
    }

    fn get_uuid(net: Obj<Network>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virNetworkGetUUID(net.raw(), buf) })
    }

    fn get_uuid_string(net: Obj<Network>) -> Result<String> {
        // SAFETY: libvirt fills the buffer of VIR_UUID_STRING_BUFLEN.
        ret::uuid_string(|buf| unsafe { virt_sys::virNetworkGetUUIDString(net.raw(), buf) })
    }

    fn get_xml_description(net: Obj<Network>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virNetworkGetXMLDesc(net.raw(), flags.0)) }
    }

    fn get_bridge_name(net: Obj<Network>) -> Result<CText> {
        // SAFETY: libvirt hands the name over to us.
        unsafe { ret::owned_text(virt_sys::virNetworkGetBridgeName(net.raw())) }
    }

    // SAFETY (every call from here to `update`): a live network, held by
    // the argument.

    fn is_active(net: Obj<Network>) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virNetworkIsActive(net.raw()) })
    }

    fn is_persistent(net: Obj<Network>) -> Result<bool> {
        ret::boolean(unsafe { virt_sys::virNetworkIsPersistent(net.raw()) })
    }

    fn create(net: Obj<Network>) -> Result<()> {
        ret::done(unsafe { virt_sys::virNetworkCreate(net.raw()) })
    }

    fn destroy(net: Obj<Network>) -> Result<()> {
        ret::done(unsafe { virt_sys::virNetworkDestroy(net.raw()) })
    }

    fn undefine(net: Obj<Network>) -> Result<()> {
        ret::done(unsafe { virt_sys::virNetworkUndefine(net.raw()) })
    }

    fn update(net: Obj<Network>, command: u32, section: u32, parent_index: i32, xml: String, flags: Flags) -> Result<()> {
        let xml = c_string(&xml);
        ret::done(unsafe { virt_sys::virNetworkUpdate(net.raw(), command, section, parent_index, xml.as_ptr(), flags.0) })
    }

    fn get_autostart(net: Obj<Network>) -> Result<bool> {
        let mut autostart = 0;
        // SAFETY: the out-parameter is ours.
        ret::non_negative(unsafe { virt_sys::virNetworkGetAutostart(net.raw(), &mut autostart) })?;
        Ok(autostart != 0)
    }

    fn set_autostart(net: Obj<Network>, autostart: bool) -> Result<()> {
        // SAFETY: a live network.
        ret::done(unsafe { virt_sys::virNetworkSetAutostart(net.raw(), autostart.into()) })
    }

    /// One hash per lease; every lease record goes back to libvirt, its
    /// strings into the hashes.
    fn get_dhcp_leases(net: Obj<Network>, mac: Option<String>, flags: Flags) -> Result<List<Hash>> {
        let mac = mac.as_deref().map(c_string);
        let mut leases: *mut virt_sys::virNetworkDHCPLeasePtr = std::ptr::null_mut();
        // SAFETY: the out-parameter is ours; the MAC outlives the call.
        let count = ret::non_negative(unsafe { virt_sys::virNetworkGetDHCPLeases(net.raw(), c_opt(&mac), &mut leases, flags.0) })?;
        let mut hashes = Vec::with_capacity(count as usize);
        for i in 0..count as usize {
            // SAFETY: libvirt filled `count` entries, each a lease of ours.
            unsafe {
                let lease = *leases.add(i);
                hashes.push(lease_hash(&mut *lease));
                virt_sys::virNetworkDHCPLeaseFree(lease);
            }
        }
        // SAFETY: the array itself is ours too (NULL when there were none).
        unsafe { libc::free(leases as *mut libc::c_void) };
        Ok(List(hashes))
    }

    fn list_all_ports(net: Obj<Network>, flags: Flags) -> Result<Handles<NetworkPort>> {
        // SAFETY: a ListAll call; each port in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virNetworkListAllPorts(net.raw(), array, flags.0)) }
    }
}

/// A lease as the C module describes it. Its strings move into the hash
/// (NULL ones, such as a missing host name, become undef), so that
/// libvirt's free leaves them alone.
fn lease_hash(lease: &mut virt_sys::virNetworkDHCPLease) -> Hash {
    fn take(field: &mut *mut c_char) -> Option<CText> {
        let text = std::mem::replace(field, std::ptr::null_mut());
        // SAFETY: libvirt allocated the string and no longer refers to it.
        (!text.is_null()).then(|| unsafe { CText::owned(text) })
    }
    Hash::new()
        .with("iface", take(&mut lease.iface))
        .with("expirytime", lease.expirytime)
        .with("type", lease.type_)
        .with("mac", take(&mut lease.mac))
        .with("iaid", take(&mut lease.iaid))
        .with("ipaddr", take(&mut lease.ipaddr))
        .with("prefix", i64::from(lease.prefix))
        .with("hostname", take(&mut lease.hostname))
        .with("clientid", take(&mut lease.clientid))
}
