//! libvirt's conventions, beside the bridge: the table of object kinds,
//! return-code checks, lists, and argument types that only libvirt gives
//! a meaning to. No raw Perl value is handled here.

pub mod args;
pub mod kinds;
pub mod lists;
pub mod params;
pub mod ret;
