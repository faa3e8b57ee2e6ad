//! Sys::Virt::Domain, the POD's "Guest agent" group: calls answered by
//! the agent inside the guest (time, host name, file systems, addresses,
//! users' keys and passwords).

use std::os::raw::{c_char, c_int, c_uint};

use crate::bridge::{Flags, Hash, IntoValue, List, Obj, Result, Texts, Value};
use crate::libvirt::args::{c_string, StringList};
use crate::libvirt::kinds::Domain;
use crate::libvirt::lists::adopt_strings;
use crate::libvirt::ret::{self, copied_text, done, non_negative, OnDrop};

/// An array of `count` records that libvirt handed over, each freed with
/// `free_record`, then the array; `shape` turns each into a Perl value
/// while it is alive.
///
/// # Safety
/// `array` must be NULL or such an array with `count` valid records.
unsafe fn adopt_records<T>(array: *mut *mut T, count: c_int, free_record: unsafe extern "C" fn(*mut T), shape: impl Fn(&T) -> Value) -> List<Value> {
    if array.is_null() {
        return List(Vec::new());
    }
    let records = std::slice::from_raw_parts(array, count.max(0) as usize);
    let _free = OnDrop(|| {
        records.iter().for_each(|&r| free_record(r));
        libc::free(array as *mut libc::c_void);
    });
    List(records.iter().map(|&r| shape(&*r)).collect())
}

/// `count` strings at `strings`, copied.
///
/// # Safety
/// `strings` must be NULL or hold `count` NUL-terminated strings.
unsafe fn copied_texts(strings: *mut *mut c_char, count: usize) -> Value {
    if strings.is_null() {
        return Value::Array(Vec::new());
    }
    Value::Array(std::slice::from_raw_parts(strings, count).iter().map(|&s| copied_text(s).into_value()).collect())
}

fn fs_record(info: &virt_sys::_virDomainFSInfo) -> Value {
    // SAFETY: the record's strings live as long as the record.
    unsafe {
        Value::Hash(Hash::new()
            .with("mountpoint", copied_text(info.mountpoint))
            .with("name", copied_text(info.name))
            .with("fstype", copied_text(info.fstype))
            .with("devalias", copied_texts(info.devAlias, info.ndevAlias)))
    }
}

fn interface_record(iface: &virt_sys::_virDomainInterface) -> Value {
    // SAFETY: the record's strings and addresses live as long as the record.
    unsafe {
        let addrs = if iface.addrs.is_null() {
            &[][..]
        } else {
            std::slice::from_raw_parts(iface.addrs, iface.naddrs as usize)
        };
        let addrs = addrs.iter().map(|a| {
            Value::Hash(Hash::new().with("type", a.type_).with("addr", copied_text(a.addr)).with("prefix", a.prefix))
        });
        let mut record = Hash::new().with("name", copied_text(iface.name));
        // The C module leaves the key out when the guest reports no address.
        if !iface.hwaddr.is_null() {
            record.insert("hwaddr", copied_text(iface.hwaddr));
        }
        Value::Hash(record.with("addrs", Value::Array(addrs.collect())))
    }
}

/// Mount points for freeze and thaw: none means every file system.
fn freeze_or_thaw(mountpoints: &StringList, call: impl FnOnce(*mut *const c_char, c_uint) -> c_int) -> Result<()> {
    let pointers = mountpoints.pointers();
    done(call(StringList::as_ptr_or_null(&pointers), pointers.len() as c_uint))
}

crate::xsubs! { "Sys::Virt::Domain";
    /// An array reference: seconds and nanoseconds.
    fn get_time(dom: Obj<Domain>, flags: Flags) -> Result<Value> {
        let (mut secs, mut nsecs): (std::os::raw::c_longlong, c_uint) = (0, 0);
        // SAFETY: both out-parameters are ours.
        non_negative(unsafe { virt_sys::virDomainGetTime(dom.raw(), &mut secs, &mut nsecs, flags.0) })?;
        Ok(Value::Array(vec![Value::Int(secs), Value::UInt(nsecs as u64)]))
    }

    fn set_time(dom: Obj<Domain>, secs: i64, nsecs: u32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainSetTime(dom.raw(), secs, nsecs, flags.0) })
    }

    fn get_hostname(dom: Obj<Domain>, flags: Flags) -> Result<crate::bridge::CText> {
        // SAFETY: libvirt hands the name over to us.
        unsafe { ret::owned_text(virt_sys::virDomainGetHostname(dom.raw(), flags.0)) }
    }

    /// One hash per file system: mount point, name, type, disk aliases.
    fn get_fs_info(dom: Obj<Domain>, flags: Flags) -> Result<List<Value>> {
        let mut array: *mut virt_sys::virDomainFSInfoPtr = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array through the pointer.
        let count = non_negative(unsafe { virt_sys::virDomainGetFSInfo(dom.raw(), &mut array, flags.0) })?;
        // SAFETY: the array and records just handed over.
        Ok(unsafe { adopt_records(array, count, virt_sys::virDomainFSInfoFree, fs_record) })
    }

    fn fs_freeze(dom: Obj<Domain>, mountpoints: StringList, flags: Flags) -> Result<()> {
        // SAFETY: `points` holds `n` C strings (or is NULL for none).
        freeze_or_thaw(&mountpoints, |points, n| unsafe { virt_sys::virDomainFSFreeze(dom.raw(), points, n, flags.0) })
    }

    fn fs_thaw(dom: Obj<Domain>, mountpoints: StringList, flags: Flags) -> Result<()> {
        // SAFETY: as above.
        freeze_or_thaw(&mountpoints, |points, n| unsafe { virt_sys::virDomainFSThaw(dom.raw(), points, n, flags.0) })
    }

    fn fs_trim(dom: Obj<Domain>, mountpoint: String, minimum: u64, flags: Flags) -> Result<()> {
        let mountpoint = c_string(&mountpoint);
        // SAFETY: a live domain and a C string.
        done(unsafe { virt_sys::virDomainFSTrim(dom.raw(), mountpoint.as_ptr(), minimum, flags.0) })
    }

    /// One hash per interface: name, hwaddr (when known), addrs.
    fn get_interface_addresses(dom: Obj<Domain>, source: u32, flags: Flags) -> Result<List<Value>> {
        let mut array: *mut virt_sys::virDomainInterfacePtr = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array through the pointer.
        let count = non_negative(unsafe { virt_sys::virDomainInterfaceAddresses(dom.raw(), &mut array, source, flags.0) })?;
        // SAFETY: the array and records just handed over.
        Ok(unsafe { adopt_records(array, count, virt_sys::virDomainInterfaceFree, interface_record) })
    }

    fn authorized_ssh_keys_get(dom: Obj<Domain>, user: String, flags: Flags) -> Result<Texts> {
        let user = c_string(&user);
        let mut keys: *mut *mut c_char = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array of strings through the pointer.
        let count = non_negative(unsafe { virt_sys::virDomainAuthorizedSSHKeysGet(dom.raw(), user.as_ptr(), &mut keys, flags.0) })?;
        // SAFETY: the array just handed over, with `count` strings.
        Ok(unsafe { adopt_strings(keys, count) })
    }

    fn authorized_ssh_keys_set(dom: Obj<Domain>, user: String, keys: StringList, flags: Flags) -> Result<()> {
        let user = c_string(&user);
        let pointers = keys.pointers();
        // SAFETY: `pointers` holds C strings that `keys` keeps alive.
        done(unsafe {
            virt_sys::virDomainAuthorizedSSHKeysSet(
                dom.raw(), user.as_ptr(), StringList::as_ptr_or_null(&pointers), pointers.len() as c_uint, flags.0)
        })
    }

    fn set_user_password(dom: Obj<Domain>, username: String, password: String, flags: Flags) -> Result<()> {
        let (username, password) = (c_string(&username), c_string(&password));
        // SAFETY: a live domain and C strings.
        done(unsafe { virt_sys::virDomainSetUserPassword(dom.raw(), username.as_ptr(), password.as_ptr(), flags.0) })
    }

    fn set_agent_response_timeout(dom: Obj<Domain>, timeout: i32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        done(unsafe { virt_sys::virDomainAgentSetResponseTimeout(dom.raw(), timeout, flags.0) })
    }
}
