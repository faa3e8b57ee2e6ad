//! Sys::Virt: a connection to a hypervisor. This file holds the methods
//! of the POD's connection and domain groups; each other group has a file
//! of its own beside it, named after the group.

pub mod auth;
pub mod saving;

use auth::Auth;
use crate::bridge::{Arg, Code, Flags, Handles, Hash, List, Obj, Owned, Texts};
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::lists::{collect_ids, collect_names, list_all, MaxNames};

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

    fn get_uri(con: Obj<Connect>) -> Result<String> {
        Ok(con.uri()?)
    }

    fn get_type(con: Obj<Connect>) -> Result<String> {
        Ok(con.driver_type()?)
    }

    fn _get_conn_version(con: Obj<Connect>) -> Result<u32> {
        Ok(con.hyp_version()?)
    }

    fn _get_library_version() -> Result<u32> {
        Ok(virt::connect::Connect::version()?)
    }

    fn _get_conn_library_version(con: Obj<Connect>) -> Result<u32> {
        Ok(con.lib_version()?)
    }

    fn get_hostname(con: Obj<Connect>) -> Result<String> {
        Ok(con.hostname()?)
    }

    fn get_max_vcpus(con: Obj<Connect>, domtype: Option<String>) -> Result<u32> {
        Ok(con.max_vcpus(domtype.as_deref())?)
    }

    fn is_alive(con: Obj<Connect>) -> Result<bool> {
        Ok(con.is_alive()?)
    }

    fn is_secure(con: Obj<Connect>) -> Result<bool> {
        Ok(con.is_secure()?)
    }

    fn is_encrypted(con: Obj<Connect>) -> Result<bool> {
        Ok(con.is_encrypted()?)
    }

    fn get_node_info(con: Obj<Connect>) -> Result<Hash> {
        let info = con.node_info()?;
        Ok(Hash::new()
            .with("model", info.model)
            .with("memory", info.memory)
            .with("cpus", info.cpus)
            .with("mhz", info.mhz)
            .with("nodes", info.nodes)
            .with("sockets", info.sockets)
            .with("cores", info.cores)
            .with("threads", info.threads))
    }

    fn get_capabilities(con: Obj<Connect>) -> Result<String> {
        Ok(con.capabilities()?)
    }

    fn num_of_domains(con: Obj<Connect>) -> Result<u32> {
        Ok(con.num_of_domains()?)
    }

    fn list_domain_ids(con: Obj<Connect>, maxids: MaxNames) -> Result<List<i32>> {
        // SAFETY (both): the argument holds the connection for the whole call.
        let con = con.raw();
        let count = || unsafe { virt_sys::virConnectNumOfDomains(con) };
        let list = |buf, max| unsafe { virt_sys::virConnectListDomains(con, buf, max) };
        Ok(List(collect_ids(maxids, &count, list)?))
    }

    fn num_of_defined_domains(con: Obj<Connect>) -> Result<u32> {
        Ok(con.num_of_defined_domains()?)
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
