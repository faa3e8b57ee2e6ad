//! A stream's event callback (`$st->add_callback`): a Perl sub that
//! libvirt keeps and calls from its event loop, long after the XSUB that
//! registered it has returned.
//!
//! The rules it keeps:
//! - it belongs to the interpreter that registered it, and runs only when
//!   that interpreter is the one current on the thread libvirt calls from
//!   (an event loop run by another ithread skips it);
//! - libvirt's free hook never touches Perl: it parks the callback's state,
//!   and the next stream XSUB of the owning interpreter releases it (the
//!   Perl values go with it), so it is freed exactly once, by its owner;
//! - a die or exit in the sub never unwinds through libvirt: it is kept
//!   ([`take_failure`]) and thrown again by the XSUB that ran the event
//!   loop, once libvirt has returned; events arriving meanwhile are not
//!   passed on.

use std::cell::RefCell;
use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use crate::bridge::{current_interpreter, Code, Error, Obj, OwnedSv, Perl, Result, Value, Want};
use crate::libvirt::kinds::Stream;
use crate::libvirt::ret;

/// What libvirt holds for one registered callback.
struct Watch {
    owner: Perl,
    /// `$st`, passed as the first argument. A strong reference, as the C
    /// module holds: the stream object lives until the callback is removed.
    stream: OwnedSv,
    code: OwnedSv,
}

// SAFETY: a Watch crosses threads only inside the parked list, and its
// Perl values are touched (called, released) only on the thread where
// `owner` is current.
unsafe impl Send for Watch {}

/// Callbacks that libvirt has let go of, waiting for their owner.
static PARKED: Mutex<Vec<Box<Watch>>> = Mutex::new(Vec::new());

thread_local! {
    /// The first failure of a callback on this thread, not yet thrown.
    static FAILURE: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// Registers `cb` for `events` on the stream.
pub fn add(st: &Obj<Stream>, events: i32, cb: Code) -> Result<()> {
    let owner = current_interpreter().expect("an XSUB runs with its interpreter current");
    let watch = Box::new(Watch { owner, stream: st.object_ref(), code: cb.keep() });
    let opaque = Box::into_raw(watch);
    // SAFETY: a live stream; on success libvirt owns `opaque` until it calls
    // `free_watch`; on failure it was never kept and is still ours.
    let rc = unsafe { virt_sys::virStreamEventAddCallback(st.raw(), events, Some(on_event), opaque as *mut c_void, Some(free_watch)) };
    if rc < 0 {
        let err = ret::last_error();
        // SAFETY: libvirt refused it, so nothing else holds it.
        drop(unsafe { Box::from_raw(opaque) });
        return Err(err);
    }
    Ok(())
}

/// Releases the parked callbacks of the current interpreter. Called at the
/// start of every stream XSUB (and after remove_callback), where Perl
/// values may be released.
pub fn release_deferred() {
    let Some(me) = current_interpreter() else { return };
    let mine: Vec<Box<Watch>> = {
        let mut parked = PARKED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if parked.is_empty() {
            return;
        }
        let (mine, others) = std::mem::take(&mut *parked).into_iter().partition(|w| w.owner == me);
        *parked = others;
        mine
    };
    // Dropped with the lock released: freeing the stream object may bring
    // libvirt back into `free_watch`.
    drop(mine);
}

/// The failure a callback kept on this thread, for the XSUB that ran the
/// event loop to throw.
pub fn take_failure() -> Option<Error> {
    FAILURE.with(|f| f.borrow_mut().take())
}

unsafe extern "C" fn on_event(_st: virt_sys::virStreamPtr, events: c_int, opaque: *mut c_void) {
    // SAFETY: libvirt passes the Watch it keeps until `free_watch`.
    let watch = unsafe { &*(opaque as *const Watch) };
    if current_interpreter() != Some(watch.owner) || FAILURE.with(|f| f.borrow().is_some()) {
        return;
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        watch.code.call(vec![Value::Sv(watch.stream.share()), Value::Int(events as i64)], Want::Void).map(drop)
    }))
    .unwrap_or_else(|_| Err(Error::Croak("Sys::Virt::Stream: internal error in a stream event callback".to_string())));
    if let Err(err) = outcome {
        FAILURE.with(|f| *f.borrow_mut() = Some(err));
    }
}

unsafe extern "C" fn free_watch(opaque: *mut c_void) {
    // SAFETY: libvirt gives back the pointer `add` handed it, once.
    let watch = unsafe { Box::from_raw(opaque as *mut Watch) };
    PARKED.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(watch);
}
