//! Sys::Virt::Secret: a secret kept by libvirt (a passphrase, a key), with
//! the object it is meant for (its usage).

use crate::bridge::{Bytes, CText, Error, Flags, Obj, Owned, Value};
use crate::libvirt::args::{c_string, RawUuid};
use crate::libvirt::kinds::{Connect, Secret};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Secret";
    fn _lookup_by_uuid(con: Obj<Connect>, uuid: RawUuid) -> Result<Owned<Secret>> {
        // SAFETY: a lookup returns a new reference or NULL.
        unsafe { ret::object(virt_sys::virSecretLookupByUUID(con.raw(), uuid.0.as_ptr())) }
    }

    fn _lookup_by_uuid_string(con: Obj<Connect>, uuid: String) -> Result<Owned<Secret>> {
        let uuid = c_string(&uuid);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virSecretLookupByUUIDString(con.raw(), uuid.as_ptr())) }
    }

    fn _lookup_by_usage(con: Obj<Connect>, usage_type: i32, usage_id: String) -> Result<Owned<Secret>> {
        let usage_id = c_string(&usage_id);
        // SAFETY: as above.
        unsafe { ret::object(virt_sys::virSecretLookupByUsage(con.raw(), usage_type, usage_id.as_ptr())) }
    }

    fn _define_xml(con: Obj<Connect>, xml: String, flags: Flags) -> Result<Owned<Secret>> {
        let xml = c_string(&xml);
        // SAFETY: a new secret comes with a reference, or NULL.
        unsafe { ret::object(virt_sys::virSecretDefineXML(con.raw(), xml.as_ptr(), flags.0)) }
    }

    fn get_uuid(sec: Obj<Secret>) -> Result<Value> {
        // SAFETY: libvirt fills the 16-byte buffer.
        ret::uuid(|buf| unsafe { virt_sys::virSecretGetUUID(sec.raw(), buf) })
    }

    fn get_uuid_string(sec: Obj<Secret>) -> Result<String> {
        // SAFETY: libvirt fills the buffer of VIR_UUID_STRING_BUFLEN.
        ret::uuid_string(|buf| unsafe { virt_sys::virSecretGetUUIDString(sec.raw(), buf) })
    }

    /// USAGE_TYPE_NONE is 0, a valid answer; only -1 is a failure.
    fn get_usage_type(sec: Obj<Secret>) -> Result<i32> {
        // SAFETY: a live secret.
        ret::non_negative(unsafe { virt_sys::virSecretGetUsageType(sec.raw()) })
    }

    fn get_usage_id(sec: Obj<Secret>) -> Result<CText> {
        // SAFETY: the usage id lives inside the secret object, which the argument holds.
        unsafe { ret::borrowed_text(virt_sys::virSecretGetUsageID(sec.raw())) }
    }

    fn get_xml_description(sec: Obj<Secret>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virSecretGetXMLDesc(sec.raw(), flags.0)) }
    }

    /// The value's bytes, or undef when the secret exists but has no value
    /// yet (libvirt reports that as "secret not found", which the secret
    /// still being there tells apart from the secret having gone).
    fn get_value(sec: Obj<Secret>, flags: Flags) -> Result<Option<Value>> {
        let mut size: usize = 0;
        // SAFETY: a live secret; libvirt writes the size.
        let value = unsafe { virt_sys::virSecretGetValue(sec.raw(), &mut size, flags.0) };
        if value.is_null() {
            let err = ret::last_error();
            let not_found = matches!(&err, Error::Libvirt(e) if e.code().to_raw() == virt_sys::VIR_ERR_NO_SECRET);
            if not_found && still_defined(&sec) {
                // SAFETY: clears this thread's error, which was answered.
                unsafe { virt_sys::virResetLastError() };
                return Ok(None);
            }
            return Err(err);
        }
        // SAFETY: libvirt handed over `size` bytes from malloc.
        let bytes = unsafe { std::slice::from_raw_parts(value, size) }.to_vec();
        // SAFETY: as above; nothing else frees them.
        unsafe { libc::free(value as *mut libc::c_void) };
        Ok(Some(Value::Bytes(bytes)))
    }

    fn set_value(sec: Obj<Secret>, value: Bytes, flags: Flags) -> Result<()> {
        // SAFETY: a live secret; the bytes outlive the call.
        let rc = unsafe { virt_sys::virSecretSetValue(sec.raw(), value.as_ptr(), value.len(), flags.0) };
        ret::done(rc)
    }

    fn undefine(sec: Obj<Secret>) -> Result<()> {
        // SAFETY: a live secret.
        ret::done(unsafe { virt_sys::virSecretUndefine(sec.raw()) })
    }
}

/// Whether libvirt still knows a secret with this one's UUID.
fn still_defined(sec: &Obj<Secret>) -> bool {
    let mut uuid = [0u8; virt_sys::VIR_UUID_BUFLEN as usize];
    // SAFETY: a live secret; its connection lives as long as it does.
    let found = unsafe {
        if virt_sys::virSecretGetUUID(sec.raw(), uuid.as_mut_ptr()) < 0 {
            return false;
        }
        virt_sys::virSecretLookupByUUID(virt_sys::virSecretGetConnect(sec.raw()), uuid.as_ptr())
    };
    if found.is_null() {
        return false;
    }
    // SAFETY: the lookup's reference is ours to give back.
    unsafe { virt_sys::virSecretFree(found) };
    true
}
