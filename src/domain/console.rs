//! Sys::Virt::Domain, consoles and screenshots: connecting a stream (or a
//! socket) to a guest's text consoles, channels and graphics, and taking
//! a picture of its screen.

use crate::bridge::{CText, Flags, Obj};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::{Domain, Stream};
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn screenshot(dom: Obj<Domain>, st: Obj<Stream>, screen: u32, flags: Flags) -> Result<CText> {
        // SAFETY: live domain and stream; the MIME type is ours to free.
        unsafe { ret::owned_text(virt_sys::virDomainScreenshot(dom.raw(), st.raw(), screen, flags.0)) }
    }

    fn open_console(dom: Obj<Domain>, st: Obj<Stream>, devname: Option<String>, flags: Flags) -> Result<()> {
        let devname = devname.as_deref().map(c_string);
        // SAFETY: live domain and stream; the name lives for the call.
        ret::non_negative(unsafe { virt_sys::virDomainOpenConsole(dom.raw(), c_opt(&devname), st.raw(), flags.0) })?;
        Ok(())
    }

    fn open_channel(dom: Obj<Domain>, st: Obj<Stream>, devname: Option<String>, flags: Flags) -> Result<()> {
        let devname = devname.as_deref().map(c_string);
        // SAFETY: as open_console.
        ret::non_negative(unsafe { virt_sys::virDomainOpenChannel(dom.raw(), c_opt(&devname), st.raw(), flags.0) })?;
        Ok(())
    }

    fn open_graphics(dom: Obj<Domain>, idx: u32, fd: i32, flags: Flags) -> Result<()> {
        // SAFETY: a live domain; libvirt checks the descriptor.
        ret::non_negative(unsafe { virt_sys::virDomainOpenGraphics(dom.raw(), idx, fd, flags.0) })?;
        Ok(())
    }

    fn open_graphics_fd(dom: Obj<Domain>, idx: u32, flags: Flags) -> Result<i32> {
        // SAFETY: a live domain; the new descriptor is the caller's.
        ret::non_negative(unsafe { virt_sys::virDomainOpenGraphicsFD(dom.raw(), idx, flags.0) })
    }
}
