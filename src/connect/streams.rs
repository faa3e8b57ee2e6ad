//! Sys::Virt, streams: making the data streams that volume transfers,
//! consoles and screenshots use (the streams themselves are
//! Sys::Virt::Stream).

use crate::bridge::{Flags, Obj, Owned};
use crate::libvirt::kinds::{Connect, Stream};

crate::xsubs! { "Sys::Virt";
    fn new_stream(con: Obj<Connect>, flags: Flags) -> Result<Owned<Stream>> {
        crate::stream::_new_obj(con, flags)
    }
}
