//! A Perl value that Rust holds a reference to.

use super::ffi::{self, Perl, SV};

/// One reference to a Perl value, given back on drop.
#[derive(Debug)]
pub struct OwnedSv {
    pub(super) perl: Perl,
    pub(super) sv: *mut SV,
}

impl OwnedSv {
    /// # Safety
    /// `sv` must carry one reference that the result takes over.
    pub(super) unsafe fn adopt(perl: Perl, sv: *mut SV) -> OwnedSv {
        OwnedSv { perl, sv }
    }

    /// Another reference to the same value.
    pub fn share(&self) -> OwnedSv {
        // SAFETY: the SV is alive while self is.
        OwnedSv { perl: self.perl, sv: unsafe { ffi::svb_refcnt_inc(self.perl, self.sv) } }
    }

    pub(super) fn into_raw(self) -> *mut SV {
        let this = std::mem::ManuallyDrop::new(self);
        this.sv
    }
}

impl Drop for OwnedSv {
    fn drop(&mut self) {
        // SAFETY: we hold one reference.
        unsafe { ffi::svb_refcnt_dec(self.perl, self.sv) }
    }
}
