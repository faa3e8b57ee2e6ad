//! Sys::Virt::Domain, migration: moving a running domain to another host
//! (the positional wrappers are Perl, in Domain.pm, over `_migrate` and
//! `_migrate_to_uri`), and tuning a migration in progress.

use crate::bridge::{Flags, HashArg, Obj, Owned};
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::{Connect, Domain};
use crate::libvirt::params::{Fields, Params, Type};
use crate::libvirt::ret;

/// The migration parameters the C module of 9.0.0 passes on, with their
/// types; `migrate_disks` is a list, one field per disk.
static MIGRATE_FIELDS: &Fields = &[
    (virt_sys::VIR_MIGRATE_PARAM_URI, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_DEST_NAME, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_DEST_XML, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_GRAPHICS_URI, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_BANDWIDTH, Type::ULLong),
    (virt_sys::VIR_MIGRATE_PARAM_LISTEN_ADDRESS, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_DISKS_PORT, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_COMPRESSION, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE, Type::ULLong),
    (virt_sys::VIR_MIGRATE_PARAM_PERSIST_XML, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY, Type::ULLong),
    (virt_sys::VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS, Type::Int),
    (virt_sys::VIR_MIGRATE_PARAM_TLS_DESTINATION, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_DISKS_URI, Type::String),
    (virt_sys::VIR_MIGRATE_PARAM_MIGRATE_DISKS, Type::StringList),
];

crate::xsubs! { "Sys::Virt::Domain";
    /// virDomainMigrate3, which falls back to the older protocols itself.
    fn _migrate(dom: Obj<Domain>, destcon: Obj<Connect>, params: HashArg, flags: Flags) -> Result<Owned<Domain>> {
        let params = Params::from_fields(params, MIGRATE_FIELDS)?;
        // SAFETY: the array lives across the call; a new reference or NULL comes back.
        unsafe { ret::object(virt_sys::virDomainMigrate3(dom.raw(), destcon.raw(), params.as_ptr(), params.count() as u32, flags.0)) }
    }

    fn _migrate_to_uri(dom: Obj<Domain>, desturi: String, params: HashArg, flags: Flags) -> Result<()> {
        let params = Params::from_fields(params, MIGRATE_FIELDS)?;
        let desturi = c_string(&desturi);
        // SAFETY: the string and the array live across the call.
        ret::done(unsafe {
            virt_sys::virDomainMigrateToURI3(dom.raw(), desturi.as_ptr(), params.as_ptr(), params.count() as u32, flags.0)
        })
    }

    fn migrate_set_max_downtime(dom: Obj<Domain>, downtime: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe { virt_sys::virDomainMigrateSetMaxDowntime(dom.raw(), downtime, flags.0) })
    }

    fn migrate_get_max_downtime(dom: Obj<Domain>, flags: Flags) -> Result<u64> {
        let mut downtime: u64 = 0;
        // SAFETY: libvirt stores into our variable.
        ret::non_negative(unsafe { virt_sys::virDomainMigrateGetMaxDowntime(dom.raw(), &mut downtime, flags.0) })?;
        Ok(downtime)
    }

    fn migrate_set_max_speed(dom: Obj<Domain>, bandwidth: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe { virt_sys::virDomainMigrateSetMaxSpeed(dom.raw(), bandwidth, flags.0) })
    }

    fn migrate_get_max_speed(dom: Obj<Domain>, flags: Flags) -> Result<u64> {
        let mut bandwidth: std::os::raw::c_ulong = 0;
        // SAFETY: libvirt stores into our variable.
        ret::non_negative(unsafe { virt_sys::virDomainMigrateGetMaxSpeed(dom.raw(), &mut bandwidth, flags.0) })?;
        Ok(bandwidth)
    }

    fn migrate_set_compression_cache(dom: Obj<Domain>, cachesize: u64, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe { virt_sys::virDomainMigrateSetCompressionCache(dom.raw(), cachesize, flags.0) })
    }

    fn migrate_get_compression_cache(dom: Obj<Domain>, flags: Flags) -> Result<u64> {
        let mut cachesize: u64 = 0;
        // SAFETY: libvirt stores into our variable.
        ret::non_negative(unsafe { virt_sys::virDomainMigrateGetCompressionCache(dom.raw(), &mut cachesize, flags.0) })?;
        Ok(cachesize)
    }

    fn migrate_start_post_copy(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe { virt_sys::virDomainMigrateStartPostCopy(dom.raw(), flags.0) })
    }
}
