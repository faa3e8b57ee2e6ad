//! Sys::Virt: a connection to a hypervisor. This file holds the methods
//! of the POD's connection and domain groups; each other group has a file
//! of its own beside it, named after the group.

pub mod auth;
pub mod cpu_models;
pub mod events;
pub mod host;
pub mod interfaces;
pub mod networks;
pub mod node;
pub mod nodedevs;
pub mod nwfilters;
pub mod saving;
pub mod secrets;
pub mod storage;
pub mod streams;

use auth::Auth;
use crate::bridge::{Arg, CText, Code, Flags, Handles, HashOf, List, Obj, Owned, Texts, WriteFields};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::lists::{collect_ids, collect_names, list_all, MaxNames};
use crate::libvirt::ret::{self, fixed_text};

crate::xsubs! { "Sys::Virt";
    fn _open(name: Option<String>, flags: Flags) -> Result<Owned<Connect>> {
        auth::open(name.as_deref(), flags.0, Auth::None)
    }

    fn _open_auth(name: Option<String>, credlist: Option<Arg>, callback: Option<Code>, flags: Flags) -> Result<Owned<Connect>> {
        auth::open(name.as_deref(), flags.0, Auth::from_args(credlist, callback)?)
    }

    /// The class of every kind of object, for the Perl side's per-class setup.
    fn _object_classes() -> Result<List<String>> {
        Ok(List(crate::bridge::object_classes().iter().map(|c| c.to_string_lossy().into_owned()).collect()))
    }

    fn get_uri(con: Obj<Connect>) -> Result<CText> {
        // SAFETY: libvirt hands the string over.
        unsafe { ret::owned_text(virt_sys::virConnectGetURI(con.raw())) }
    }

    fn get_type(con: Obj<Connect>) -> Result<CText> {
        // SAFETY: the driver's name is a static string of libvirt's.
        unsafe { ret::borrowed_text(virt_sys::virConnectGetType(con.raw())) }
    }

    fn _get_conn_version(con: Obj<Connect>) -> Result<u64> {
        let mut version: std::os::raw::c_ulong = 0;
        // SAFETY: the out-parameter is ours.
        ret::non_negative(unsafe { virt_sys::virConnectGetVersion(con.raw(), &mut version) })?;
        Ok(version as u64)
    }

    fn _get_library_version() -> Result<u64> {
        let mut version: std::os::raw::c_ulong = 0;
        // SAFETY: the out-parameter is ours; no connection is needed.
        ret::non_negative(unsafe { virt_sys::virGetVersion(&mut version, std::ptr::null(), std::ptr::null_mut()) })?;
        Ok(version as u64)
    }

    fn _get_conn_library_version(con: Obj<Connect>) -> Result<u64> {
        let mut version: std::os::raw::c_ulong = 0;
        // SAFETY: the out-parameter is ours.
        ret::non_negative(unsafe { virt_sys::virConnectGetLibVersion(con.raw(), &mut version) })?;
        Ok(version as u64)
    }

    fn get_hostname(con: Obj<Connect>) -> Result<CText> {
        // SAFETY: libvirt hands the string over.
        unsafe { ret::owned_text(virt_sys::virConnectGetHostname(con.raw())) }
    }

    fn get_max_vcpus(con: Obj<Connect>, domtype: Option<String>) -> Result<i32> {
        let domtype = domtype.as_deref().map(c_string);
        // SAFETY: the type string (or NULL) outlives the call.
        ret::non_negative(unsafe { virt_sys::virConnectGetMaxVcpus(con.raw(), c_opt(&domtype)) })
    }

    fn is_alive(con: Obj<Connect>) -> Result<bool> {
        // SAFETY: a live connection.
        ret::boolean(unsafe { virt_sys::virConnectIsAlive(con.raw()) })
    }

    fn is_secure(con: Obj<Connect>) -> Result<bool> {
        // SAFETY: a live connection.
        ret::boolean(unsafe { virt_sys::virConnectIsSecure(con.raw()) })
    }

    fn is_encrypted(con: Obj<Connect>) -> Result<bool> {
        // SAFETY: a live connection.
        ret::boolean(unsafe { virt_sys::virConnectIsEncrypted(con.raw()) })
    }

    fn get_node_info(con: Obj<Connect>) -> Result<HashOf<impl WriteFields>> {
        // SAFETY: a plain C struct that libvirt fills in.
        let mut info: virt_sys::virNodeInfo = unsafe { std::mem::zeroed() };
        // SAFETY: the out-parameter is ours.
        ret::non_negative(unsafe { virt_sys::virNodeGetInfo(con.raw(), &mut info) })?;
        Ok(HashOf(move |h| {
            h.put("model", fixed_text(&info.model))
                .put("memory", info.memory as u64)
                .put("cpus", info.cpus)
                .put("mhz", info.mhz)
                .put("nodes", info.nodes)
                .put("sockets", info.sockets)
                .put("cores", info.cores)
                .put("threads", info.threads);
        }))
    }

    fn get_capabilities(con: Obj<Connect>) -> Result<CText> {
        // SAFETY: libvirt hands the document over.
        unsafe { ret::owned_text(virt_sys::virConnectGetCapabilities(con.raw())) }
    }

    fn num_of_domains(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfDomains(con.raw()) })
    }

    fn list_domain_ids(con: Obj<Connect>, maxids: MaxNames) -> Result<List<i32>> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDomains(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDomains(con, buf, max) };
        Ok(List(collect_ids(maxids, &count, list)?))
    }

    fn num_of_defined_domains(con: Obj<Connect>) -> Result<i32> {
        // SAFETY: a live connection.
        ret::non_negative(unsafe { virt_sys::virConnectNumOfDefinedDomains(con.raw()) })
    }

    fn list_defined_domain_names(con: Obj<Connect>, maxnames: MaxNames) -> Result<Texts> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDefinedDomains(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDefinedDomains(con, buf, max) };
        collect_names(maxnames, &count, list)
    }

    fn list_all_domains(con: Obj<Connect>, flags: Flags) -> Result<Handles<Domain>> {
        // SAFETY: a ListAll call; each domain in the array comes with a reference.
        unsafe { list_all(|array| virt_sys::virConnectListAllDomains(con.raw(), array, flags.0)) }
    }
}
