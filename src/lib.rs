//! The XS half of Sys::Virt: `boot_Sys__Virt` and every XSUB, over the
//! official libvirt bindings.
//!
//! One module per Perl package, each a table of the XSUBs it exports;
//! `bridge` is the only code that handles raw Perl values.

pub mod bridge;

mod auth;
mod check;
mod constants;
mod names;

mod connect;
mod domain;
mod domain_snapshot;

use bridge::{Constant, Perl, CV};

/// Every package's XSUBs, registered at boot.
const PACKAGES: &[&[(&str, bridge::XsubFn)]] = &[connect::XSUBS, domain::XSUBS, domain_snapshot::XSUBS];

/// Called by XSLoader when `Sys::Virt` loads.
///
/// # Safety
/// Called by Perl only, as the module's boot XSUB.
#[no_mangle]
pub unsafe extern "C" fn boot_Sys__Virt(perl: Perl, cv: *mut CV) {
    let ax = bridge::boot_begin(perl, cv);
    // Errors reach Perl as Sys::Virt::Error objects; libvirt must not also print them.
    virt::error::clear_error_callback();
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
