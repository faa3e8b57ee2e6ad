//! The XS half of Sys::Virt: `boot_Sys__Virt` and every XSUB, over
//! libvirt's C API.
//!
//! Where a Perl method's code is: package `Sys::Virt::X` is `src/x.rs`
//! (`Sys::Virt::DomainSnapshot` is `src/domain_snapshot.rs`), except the
//! two big packages, which are folders with one file per POD group:
//! `Sys::Virt` is `src/connect/`, `Sys::Virt::Domain` is `src/domain/`.
//! Each file is a table of the XSUBs it exports (`xsubs!`), each XSUB a
//! Rust function with the Perl method's name.
//!
//! Below the packages: `libvirt` (libvirt's conventions: the table of
//! object kinds, return checks, lists, typed parameters) and `bridge`, the
//! only code that handles raw Perl values.

pub mod bridge;
mod libvirt;

mod constants;

// Sys::Virt and Sys::Virt::Domain: folders, one file per POD group.
mod connect;
mod domain;

// The other packages, one file each.
mod domain_checkpoint;
mod domain_snapshot;
mod event;
mod interface;
mod network;
mod network_port;
mod node_device;
mod nwfilter;
mod nwfilter_binding;
mod secret;
mod storage_pool;
mod storage_vol;
mod stream;

use bridge::{Constant, Perl, CV};

/// Every package's XSUBs, registered at boot.
const PACKAGES: &[&[(&str, bridge::XsubFn)]] = &[
    // Sys::Virt
    connect::XSUBS,
    connect::cpu_models::XSUBS,
    connect::events::XSUBS,
    connect::host::XSUBS,
    connect::interfaces::XSUBS,
    connect::networks::XSUBS,
    connect::node::XSUBS,
    connect::nodedevs::XSUBS,
    connect::nwfilters::XSUBS,
    connect::saving::XSUBS,
    connect::secrets::XSUBS,
    connect::storage::XSUBS,
    connect::streams::XSUBS,
    // Sys::Virt::Domain
    domain::XSUBS,
    domain::block::XSUBS,
    domain::block_jobs::XSUBS,
    domain::checkpoints::XSUBS,
    domain::console::XSUBS,
    domain::control::XSUBS,
    domain::devices::XSUBS,
    domain::files::XSUBS,
    domain::guest_agent::XSUBS,
    domain::jobs::XSUBS,
    domain::memory::XSUBS,
    domain::metadata::XSUBS,
    domain::migration::XSUBS,
    domain::saving::XSUBS,
    domain::snapshots::XSUBS,
    domain::stats::XSUBS,
    domain::tuning::XSUBS,
    domain::vcpus::XSUBS,
    // the other packages
    domain_checkpoint::XSUBS,
    domain_snapshot::XSUBS,
    event::XSUBS,
    interface::XSUBS,
    network::XSUBS,
    network_port::XSUBS,
    node_device::XSUBS,
    nwfilter::XSUBS,
    nwfilter_binding::XSUBS,
    secret::XSUBS,
    storage_pool::XSUBS,
    storage_vol::XSUBS,
    stream::XSUBS,
];

/// libvirt's error handler: errors are read from the thread's last error.
unsafe extern "C" fn ignore_error(_data: *mut std::os::raw::c_void, _error: virt_sys::virErrorPtr) {}

/// Called by XSLoader when `Sys::Virt` loads.
///
/// # Safety
/// Called by Perl only, as the module's boot XSUB.
#[no_mangle]
pub unsafe extern "C" fn boot_Sys__Virt(perl: Perl, cv: *mut CV) {
    let ax = bridge::boot_begin(perl, cv, libvirt::kinds::KINDS);
    // Errors reach Perl as Sys::Virt::Error objects; libvirt must not also
    // print them.
    // SAFETY: a handler that ignores every error, set before any call.
    virt_sys::virSetErrorFunc(std::ptr::null_mut(), Some(ignore_error));
    for table in PACKAGES {
        for &(name, xsub) in table.iter() {
            bridge::register_xsub(perl, name, xsub);
        }
    }
    constants::for_each(&mut |package, name, value| {
        let value = match value {
            constants::ConstValue::Int(v) => Constant::Int(v),
            constants::ConstValue::UInt(v) => Constant::UInt(v),
            constants::ConstValue::Str(v) => Constant::Str(v),
        };
        bridge::register_constant(perl, package, name, value);
    });
    bridge::boot_end(perl, ax);
}
