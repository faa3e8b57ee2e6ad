//! Sys::Virt, secrets: counting, listing and finding the secrets libvirt
//! keeps (Sys::Virt::Secret).

use crate::bridge::{CountedList, Flags, Handles, Obj, Owned, Texts};
use crate::libvirt::args::AnyUuid;
use crate::libvirt::kinds::{Connect, Secret};
use crate::libvirt::lists::{collect_names, list_all, objects_by_name, MaxNames};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    fn num_of_secrets(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfSecrets(con.raw()) })
    }

    fn list_secret_uuids(con: Obj<Connect>, maxuuids: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfSecrets(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListSecrets(con, buf, max) };
        collect_names(maxuuids, &count, list)
    }

    fn list_secrets(con: Obj<Connect>) -> Result<CountedList<Owned<Secret>>> {
        // SAFETY (all three): as above; each lookup returns a new reference or NULL.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfSecrets(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListSecrets(con, buf, max) };
        unsafe { objects_by_name(&count, list, |uuid| virt_sys::virSecretLookupByUUIDString(con, uuid)) }
    }

    fn list_all_secrets(con: Obj<Connect>, flags: Flags) -> Result<Handles<Secret>> {
        // SAFETY: a ListAll call; each secret in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllSecrets(con.raw(), array, flags.0)) }
    }

    fn get_secret_by_uuid(con: Obj<Connect>, uuid: AnyUuid) -> Result<Owned<Secret>> {
        // SAFETY (both): a lookup returns a new reference or NULL.
        match uuid {
            AnyUuid::Raw(raw) => unsafe { ret::object(virt_sys::virSecretLookupByUUID(con.raw(), raw.0.as_ptr())) },
            AnyUuid::Text(text) => unsafe { ret::object(virt_sys::virSecretLookupByUUIDString(con.raw(), text.as_ptr())) },
        }
    }

    fn get_secret_by_usage(con: Obj<Connect>, usage_type: i32, usage_id: String) -> Result<Owned<Secret>> {
        crate::secret::_lookup_by_usage(con, usage_type, usage_id)
    }
}
