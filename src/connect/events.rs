//! The POD's event group of Sys::Virt: domain, network, storage pool,
//! node device and secret events, the close callback, keepalive.
//!
//! Each family of events is one table: per event ID, the C parameters
//! libvirt passes after `(conn, object)` and the Perl values the sub gets
//! after `($conn, $object)`. The table writes one `extern "C"` function
//! per row, all with the same body ([`deliver`]), and the one place that
//! hands such a function to libvirt as its generic callback type.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_longlong, c_uint, c_ulonglong, c_void};
use std::sync::Mutex;

use crate::bridge::{deliver, deliver_about, release_registration, CText, Code, Hash, IntoValue, Key, Obj, Registered, Result, Value};
use crate::libvirt::kinds::{Connect, Domain, Network, NodeDevice, Secret, StoragePool};
use crate::libvirt::ret;

// ---------------------------------------------------------------- values

/// A string libvirt lends for the length of the callback; copied into Perl
/// before the callback returns. NULL is undef.
fn text(p: *const c_char) -> Value {
    // SAFETY: libvirt's strings outlive the callback, into which the
    // value is copied (call_sv builds the Perl values before returning).
    (!p.is_null()).then(|| unsafe { CText::borrowed(p) }).into_value()
}

/// `{family, node, service}`, as the graphics event's addresses.
fn graphics_address(addr: virt_sys::virDomainEventGraphicsAddressPtr) -> Value {
    if addr.is_null() {
        return Value::Undef;
    }
    // SAFETY: libvirt passes a valid address for the callback's length.
    let addr = unsafe { &*addr };
    Hash::new().with("family", addr.family).with("node", text(addr.node)).with("service", text(addr.service)).into_value()
}

/// `[{type, name}, ...]`, the graphics event's subject.
fn graphics_subject(subject: virt_sys::virDomainEventGraphicsSubjectPtr) -> Value {
    if subject.is_null() {
        return Value::Array(Vec::new());
    }
    // SAFETY: libvirt passes nidentity identities for the callback's length.
    let subject = unsafe { &*subject };
    let identities = if subject.identities.is_null() || subject.nidentity <= 0 {
        &[][..]
    } else {
        // SAFETY: as above.
        unsafe { std::slice::from_raw_parts(subject.identities, subject.nidentity as usize) }
    };
    Value::Array(identities.iter().map(|id| Hash::new().with("type", text(id.type_)).with("name", text(id.name)).into_value()).collect())
}

/// A typed-parameter list as a hash of field => value, as the tunable and
/// job-completed events give it.
fn typed_params(params: virt_sys::virTypedParameterPtr, n: c_int) -> Value {
    if params.is_null() || n <= 0 {
        return Hash::new().into_value();
    }
    // SAFETY: libvirt passes n parameters for the callback's length.
    let params = unsafe { std::slice::from_raw_parts(params, n as usize) };
    let mut hash = Hash::new();
    for p in params {
        // SAFETY: the field is NUL-terminated within its array; the union
        // member read is the one `type_` names.
        let (key, value) = unsafe {
            let key = CStr::from_ptr(p.field.as_ptr()).to_string_lossy().into_owned();
            let value = match p.type_ as u32 {
                virt_sys::VIR_TYPED_PARAM_INT => p.value.i.into_value(),
                virt_sys::VIR_TYPED_PARAM_UINT => p.value.ui.into_value(),
                virt_sys::VIR_TYPED_PARAM_LLONG => p.value.l.into_value(),
                virt_sys::VIR_TYPED_PARAM_ULLONG => p.value.ul.into_value(),
                virt_sys::VIR_TYPED_PARAM_DOUBLE => p.value.d.into_value(),
                virt_sys::VIR_TYPED_PARAM_BOOLEAN => (p.value.b as i32).into_value(),
                virt_sys::VIR_TYPED_PARAM_STRING => text(p.value.s),
                _ => Value::Undef,
            };
            (key, value)
        };
        hash.insert(Key::Owned(key), value);
    }
    hash.into_value()
}

// ---------------------------------------------------------------- tables

/// `event_table! { family: Kind, ptr, generic_type; ID, ... => name(params) => [values]; ... }`
macro_rules! event_table {
    ($family:ident: $kind:ident, $ptr:ty, $generic:ty;
     $( $($id:ident),+ => $name:ident ( $($p:ident : $t:ty),* ) => [ $($v:expr),* ]; )*) => {
        pub mod $family {
            use super::*;

            $(
                pub unsafe extern "C" fn $name(_conn: virt_sys::virConnectPtr, obj: $ptr, $($p: $t,)* opaque: *mut c_void) -> c_int {
                    deliver_about::<$kind>(opaque, obj, || vec![$(IntoValue::into_value($v)),*]);
                    0
                }
            )*

            /// What an ID not in the table gets: the object alone.
            pub unsafe extern "C" fn generic(_conn: virt_sys::virConnectPtr, obj: $ptr, opaque: *mut c_void) -> c_int {
                deliver_about::<$kind>(opaque, obj, Vec::new);
                0
            }

            /// The row for `id`, as libvirt's generic callback type.
            pub fn callback_for(id: c_int) -> $generic {
                let f: *const () = $( if $( id == virt_sys::$id as c_int )||+ { $name as *const () } else )* { generic as *const () };
                // SAFETY: libvirt calls an event ID's callback with that ID's
                // C signature, which is the row's; the int return of a row
                // is ignored by callers that expect void.
                Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(virt_sys::virConnectPtr, $ptr, *mut c_void)>(f) })
            }
        }
    };
}

type Text = *const c_char;

event_table! { domain: Domain, virt_sys::virDomainPtr, virt_sys::virConnectDomainEventGenericCallback;
    VIR_DOMAIN_EVENT_ID_LIFECYCLE => lifecycle(event: c_int, detail: c_int) => [event, detail];
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE => rtc_change(utcoffset: c_longlong) => [utcoffset as i64];
    VIR_DOMAIN_EVENT_ID_WATCHDOG => watchdog(action: c_int) => [action];
    VIR_DOMAIN_EVENT_ID_IO_ERROR => io_error(src: Text, alias: Text, action: c_int) => [text(src), text(alias), action];
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON => io_error_reason(src: Text, alias: Text, action: c_int, reason: Text)
        => [text(src), text(alias), action, text(reason)];
    VIR_DOMAIN_EVENT_ID_GRAPHICS => graphics(phase: c_int, local: virt_sys::virDomainEventGraphicsAddressPtr,
        remote: virt_sys::virDomainEventGraphicsAddressPtr, scheme: Text, subject: virt_sys::virDomainEventGraphicsSubjectPtr)
        => [phase, graphics_address(local), graphics_address(remote), text(scheme), graphics_subject(subject)];
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 => block_job(path: Text, kind: c_int, status: c_int)
        => [text(path), kind, status];
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE => disk_change(old: Text, new: Text, alias: Text, reason: c_int)
        => [text(old), text(new), text(alias), reason];
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE => tray_change(alias: Text, reason: c_int) => [text(alias), reason];
    VIR_DOMAIN_EVENT_ID_PMWAKEUP, VIR_DOMAIN_EVENT_ID_PMSUSPEND, VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK
        => power(reason: c_int) => [reason];
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE => balloon_change(actual: c_ulonglong) => [actual as u64];
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED
        => device(alias: Text) => [text(alias)];
    VIR_DOMAIN_EVENT_ID_TUNABLE, VIR_DOMAIN_EVENT_ID_JOB_COMPLETED
        => with_params(params: virt_sys::virTypedParameterPtr, n: c_int) => [typed_params(params, n)];
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE => agent_lifecycle(state: c_int, reason: c_int) => [state, reason];
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION => migration_iteration(iteration: c_int) => [iteration];
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE => metadata_change(kind: c_int, nsuri: Text) => [kind, text(nsuri)];
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD => block_threshold(dev: Text, path: Text, threshold: c_ulonglong, excess: c_ulonglong)
        => [text(dev), text(path), threshold as u64, excess as u64];
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE => memory_failure(recipient: c_int, action: c_int, flags: c_uint)
        => [recipient, action, flags];
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE => memory_device_size_change(alias: Text, size: c_ulonglong)
        => [text(alias), size as u64];
}

event_table! { network: Network, virt_sys::virNetworkPtr, virt_sys::virConnectNetworkEventGenericCallback;
    VIR_NETWORK_EVENT_ID_LIFECYCLE => lifecycle(event: c_int, detail: c_int) => [event, detail];
}

event_table! { storage_pool: StoragePool, virt_sys::virStoragePoolPtr, virt_sys::virConnectStoragePoolEventGenericCallback;
    VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE => lifecycle(event: c_int, detail: c_int) => [event, detail];
}

event_table! { node_device: NodeDevice, virt_sys::virNodeDevicePtr, virt_sys::virConnectNodeDeviceEventGenericCallback;
    VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE => lifecycle(event: c_int, detail: c_int) => [event, detail];
}

event_table! { secret: Secret, virt_sys::virSecretPtr, virt_sys::virConnectSecretEventGenericCallback;
    VIR_SECRET_EVENT_ID_LIFECYCLE => lifecycle(event: c_int, detail: c_int) => [event, detail];
}

/// The legacy lifecycle callback (`domain_event_register`), which libvirt
/// identifies by this function's address.
unsafe extern "C" fn legacy_lifecycle(
    conn: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    event: c_int,
    detail: c_int,
    opaque: *mut c_void,
) -> c_int {
    domain::lifecycle(conn, dom, event, detail, opaque)
}

unsafe extern "C" fn on_close(_conn: virt_sys::virConnectPtr, reason: c_int, opaque: *mut c_void) {
    deliver(opaque, || vec![reason.into_value()]);
}

/// Close callbacks not yet released, as (connection, opaque). Only the
/// remote driver keeps a close callback (and frees it when unregistered);
/// the others accept one and forget it, so `unregister_close_callback`
/// releases what libvirt did not.
static CLOSE_CALLBACKS: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

fn close_callbacks() -> std::sync::MutexGuard<'static, Vec<(usize, usize)>> {
    CLOSE_CALLBACKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// libvirt's free callback for a close callback: whoever removes the entry
/// releases the registration, so it is released once.
unsafe extern "C" fn release_close(opaque: *mut c_void) {
    let found = {
        let mut list = close_callbacks();
        let index = list.iter().position(|&(_, o)| o == opaque as usize);
        index.map(|i| list.swap_remove(i))
    };
    if found.is_some() {
        release_registration(opaque);
    }
}

/// A new registration's callback id, or libvirt's error with the
/// registration reclaimed (libvirt does not free it when it refuses).
fn registered(rc: c_int, opaque: *mut c_void) -> Result<c_int> {
    if rc < 0 {
        // SAFETY: libvirt refused, so the opaque is still only ours.
        unsafe { release_registration(opaque) };
        return Err(ret::last_error());
    }
    Ok(rc)
}

/// A new registration for `$conn`, handed to one `virConnect*EventRegisterAny`
/// call (`register`, given libvirt's opaque and free callback).
fn register_any(con: &Obj<Connect>, cb: &Code, register: impl FnOnce(*mut c_void, virt_sys::virFreeCallback) -> c_int) -> Result<c_int> {
    let opaque = Registered::new(cb, Some(con))?.into_opaque();
    registered(register(opaque, Some(release_registration)), opaque)
}

/// libvirt's pointer of an optional object filter (NULL: every object).
fn filter<K: crate::bridge::Handle<Ptr = *mut P>, P>(obj: &Option<Obj<K>>) -> *mut P {
    obj.as_ref().map_or(std::ptr::null_mut(), |o| o.raw())
}

crate::xsubs! { "Sys::Virt";
    fn domain_event_register(con: Obj<Connect>, cb: Code) -> Result<()> {
        // SAFETY: as domain_event_register_any, with the legacy callback.
        register_any(&con, &cb, |opaque, free| unsafe {
            virt_sys::virConnectDomainEventRegister(con.raw(), Some(legacy_lifecycle), opaque, free)
        })
        .map(drop)
    }

    fn domain_event_deregister(con: Obj<Connect>) -> Result<()> {
        // As the C module: no callback registered is not an error.
        // SAFETY: the connection is held for the call.
        unsafe { virt_sys::virConnectDomainEventDeregister(con.raw(), Some(legacy_lifecycle)) };
        Ok(())
    }

    fn domain_event_register_any(con: Obj<Connect>, dom: Option<Obj<Domain>>, eventID: i32, cb: Code) -> Result<i32> {
        // SAFETY: the objects are held for the call; libvirt frees the opaque with release_registration.
        register_any(&con, &cb, |opaque, free| unsafe {
            virt_sys::virConnectDomainEventRegisterAny(con.raw(), filter(&dom), eventID, domain::callback_for(eventID), opaque, free)
        })
    }

    fn domain_event_deregister_any(con: Obj<Connect>, callbackID: i32) -> Result<()> {
        // As the C module: an unknown id is not an error.
        // SAFETY: the connection is held for the call.
        unsafe { virt_sys::virConnectDomainEventDeregisterAny(con.raw(), callbackID) };
        Ok(())
    }

    fn network_event_register_any(con: Obj<Connect>, net: Option<Obj<Network>>, eventID: i32, cb: Code) -> Result<i32> {
        // SAFETY: the objects are held for the call; libvirt frees the opaque with release_registration.
        register_any(&con, &cb, |opaque, free| unsafe {
            virt_sys::virConnectNetworkEventRegisterAny(con.raw(), filter(&net), eventID, network::callback_for(eventID), opaque, free)
        })
    }

    fn network_event_deregister_any(con: Obj<Connect>, callbackID: i32) -> Result<()> {
        // SAFETY: the connection is held for the call.
        unsafe { virt_sys::virConnectNetworkEventDeregisterAny(con.raw(), callbackID) };
        Ok(())
    }

    fn storage_pool_event_register_any(con: Obj<Connect>, pool: Option<Obj<StoragePool>>, eventID: i32, cb: Code) -> Result<i32> {
        // SAFETY: the objects are held for the call; libvirt frees the opaque with release_registration.
        register_any(&con, &cb, |opaque, free| unsafe {
            virt_sys::virConnectStoragePoolEventRegisterAny(con.raw(), filter(&pool), eventID, storage_pool::callback_for(eventID), opaque, free)
        })
    }

    fn storage_pool_event_deregister_any(con: Obj<Connect>, callbackID: i32) -> Result<()> {
        // SAFETY: the connection is held for the call.
        unsafe { virt_sys::virConnectStoragePoolEventDeregisterAny(con.raw(), callbackID) };
        Ok(())
    }

    fn node_device_event_register_any(con: Obj<Connect>, dev: Option<Obj<NodeDevice>>, eventID: i32, cb: Code) -> Result<i32> {
        // SAFETY: the objects are held for the call; libvirt frees the opaque with release_registration.
        register_any(&con, &cb, |opaque, free| unsafe {
            virt_sys::virConnectNodeDeviceEventRegisterAny(con.raw(), filter(&dev), eventID, node_device::callback_for(eventID), opaque, free)
        })
    }

    fn node_device_event_deregister_any(con: Obj<Connect>, callbackID: i32) -> Result<()> {
        // SAFETY: the connection is held for the call.
        unsafe { virt_sys::virConnectNodeDeviceEventDeregisterAny(con.raw(), callbackID) };
        Ok(())
    }

    fn secret_event_register_any(con: Obj<Connect>, secret: Option<Obj<Secret>>, eventID: i32, cb: Code) -> Result<i32> {
        // SAFETY: the objects are held for the call; libvirt frees the opaque with release_registration.
        register_any(&con, &cb, |opaque, free| unsafe {
            virt_sys::virConnectSecretEventRegisterAny(con.raw(), filter(&secret), eventID, secret::callback_for(eventID), opaque, free)
        })
    }

    fn secret_event_deregister_any(con: Obj<Connect>, callbackID: i32) -> Result<()> {
        // SAFETY: the connection is held for the call.
        unsafe { virt_sys::virConnectSecretEventDeregisterAny(con.raw(), callbackID) };
        Ok(())
    }

    fn register_close_callback(con: Obj<Connect>, cb: Code) -> Result<()> {
        let opaque = Registered::new(&cb, Some(&con))?.into_opaque();
        close_callbacks().push((con.raw() as usize, opaque as usize));
        // SAFETY: as domain_event_register, with release_close as the free callback.
        let rc = unsafe { virt_sys::virConnectRegisterCloseCallback(con.raw(), Some(on_close), opaque, Some(release_close)) };
        if rc < 0 {
            let err = ret::last_error();
            // SAFETY: libvirt refused, so only our entry refers to the opaque.
            unsafe { release_close(opaque) };
            return Err(err);
        }
        Ok(())
    }

    fn unregister_close_callback(con: Obj<Connect>) -> Result<()> {
        // As the C module: no callback registered is not an error.
        // SAFETY: the connection is held for the call.
        if unsafe { virt_sys::virConnectUnregisterCloseCallback(con.raw(), Some(on_close)) } >= 0 {
            let forgotten: Vec<usize> = close_callbacks().iter().filter(|&&(c, _)| c == con.raw() as usize).map(|&(_, o)| o).collect();
            for opaque in forgotten {
                // SAFETY: an entry still listed was never freed by libvirt, which no longer holds it.
                unsafe { release_close(opaque as *mut c_void) };
            }
        }
        Ok(())
    }

    fn set_keep_alive(con: Obj<Connect>, interval: i32, count: u32) -> Result<()> {
        // SAFETY: the connection is held for the call.
        ret::non_negative(unsafe { virt_sys::virConnectSetKeepAlive(con.raw(), interval, count) })?;
        Ok(())
    }
}
