//! Sys::Virt::Event, the part that stream callbacks need: libvirt's own
//! event loop, registered and run one iteration at a time.

use crate::stream_watch;

crate::xsubs! { "Sys::Virt::Event";
    fn register_default() -> Result<()> {
        // SAFETY: takes no arguments; libvirt ignores a second registration.
        unsafe { virt_sys::virEventRegisterDefaultImpl() };
        Ok(())
    }

    fn run_default() -> Result<()> {
        stream_watch::release_deferred();
        // SAFETY: takes no arguments; the callbacks it makes confine their Perl code.
        unsafe { virt_sys::virEventRunDefaultImpl() };
        stream_watch::release_deferred();
        match stream_watch::take_failure() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }
}
