//! Sys::Virt::Domain, the POD's "Metadata, security labels and messages"
//! group.

use std::os::raw::c_char;

use crate::bridge::{CText, Flags, Hash, List, Obj, Texts, Value};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::Domain;
use crate::libvirt::lists::adopt_strings;
use crate::libvirt::ret::{self, done, fixed_text, non_negative};

fn label_record(label: &virt_sys::virSecurityLabel) -> Hash {
    Hash::new().with("label", fixed_text(&label.label)).with("enforcing", label.enforcing)
}

/// An optional string argument as libvirt's NULL-or-string.
fn optional(text: &Option<String>) -> Option<std::ffi::CString> {
    text.as_deref().map(c_string)
}

crate::xsubs! { "Sys::Virt::Domain";
    fn get_metadata(dom: Obj<Domain>, kind: i32, uri: Option<String>, flags: Flags) -> Result<CText> {
        let uri = optional(&uri);
        // SAFETY: libvirt hands the text over to us.
        unsafe { ret::owned_text(virt_sys::virDomainGetMetadata(dom.raw(), kind, c_opt(&uri), flags.0)) }
    }

    fn set_metadata(dom: Obj<Domain>, kind: i32, metadata: Option<String>, key: Option<String>, uri: Option<String>, flags: Flags) -> Result<()> {
        let (metadata, key, uri) = (optional(&metadata), optional(&key), optional(&uri));
        // SAFETY: a live domain and C strings or NULL.
        done(unsafe {
            virt_sys::virDomainSetMetadata(dom.raw(), kind, c_opt(&metadata), c_opt(&key), c_opt(&uri), flags.0)
        })
    }

    fn get_security_label(dom: Obj<Domain>) -> Result<Hash> {
        let mut label: virt_sys::virSecurityLabel = ret::zeroed();
        // SAFETY: the struct is ours.
        non_negative(unsafe { virt_sys::virDomainGetSecurityLabel(dom.raw(), &mut label) })?;
        Ok(label_record(&label))
    }

    /// One hash per security driver's label.
    fn get_security_label_list(dom: Obj<Domain>) -> Result<List<Value>> {
        let mut labels: *mut virt_sys::virSecurityLabel = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array through the pointer.
        let count = non_negative(unsafe { virt_sys::virDomainGetSecurityLabelList(dom.raw(), &mut labels) })? as usize;
        if labels.is_null() {
            return Ok(List(Vec::new()));
        }
        // SAFETY: the array is ours to free.
        let _free = ret::OnDrop(|| unsafe { libc::free(labels as *mut libc::c_void) });
        // SAFETY: `count` labels, ours until `_free` runs.
        let records = unsafe { std::slice::from_raw_parts(labels, count) };
        Ok(List(records.iter().map(|l| Value::Hash(label_record(l))).collect()))
    }

    fn get_messages(dom: Obj<Domain>, flags: Flags) -> Result<Texts> {
        let mut msgs: *mut *mut c_char = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array of strings through the pointer.
        let count = non_negative(unsafe { virt_sys::virDomainGetMessages(dom.raw(), &mut msgs, flags.0) })?;
        // SAFETY: the array just handed over, with `count` strings.
        Ok(unsafe { adopt_strings(msgs, count) })
    }
}
