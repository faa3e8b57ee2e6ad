//! A stream's event callback (`$st->add_callback`): a Perl sub that
//! libvirt keeps and calls from its event loop, long after the XSUB that
//! registered it has returned.
//!
//! The rules it keeps:
//! - it belongs to the interpreter that registered it, and runs only when
//!   that interpreter is the one current on the thread libvirt calls from
//!   (an event loop run by another ithread skips it);
//! - its Perl values (the sub and `$st`) are released exactly once, by the
//!   owning interpreter inside one of its XSUBs, never inside libvirt's
//!   free hook: the hook only parks them for the owner's next stream XSUB.
//!   `remove_callback` releases them itself once libvirt has returned,
//!   because libvirt 9.0's remote driver never calls the free hook of a
//!   removed stream callback; the hook, should it come later, then finds
//!   only an empty shell to free;
//! - a die or exit in the sub never unwinds through libvirt: it is kept
//!   ([`take_failure`]) and thrown again by the XSUB that ran the event
//!   loop, once libvirt has returned; events arriving meanwhile are not
//!   passed on.

use std::cell::RefCell;
use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::bridge::{current_interpreter, Code, Error, Obj, OwnedSv, Perl, Result, Value, Want};
use crate::libvirt::kinds::Stream;
use crate::libvirt::ret;

/// The Perl side of a registered callback.
struct Values {
    /// `$st`, passed as the first argument. A strong reference, as the C
    /// module holds: the stream object lives until the callback is removed.
    stream: OwnedSv,
    code: OwnedSv,
}

// SAFETY: Values move between threads only whole, inside the lists below;
// they are called, shared and released only on the thread where their
// owner is current.
unsafe impl Send for Values {}

/// What libvirt holds (one `Arc` reference, as its opaque pointer) and the
/// list of registered callbacks holds (another).
struct Watch {
    owner: Perl,
    /// The stream's address: the key `remove_callback` finds it by. The
    /// stream cannot go while its callback holds `$st`.
    stream: usize,
    /// None once released.
    values: Mutex<Option<Values>>,
}

// SAFETY: `owner` is only compared; `values` is as above.
unsafe impl Send for Watch {}
unsafe impl Sync for Watch {}

/// The callbacks registered and not yet removed.
static REGISTERED: Mutex<Vec<Arc<Watch>>> = Mutex::new(Vec::new());

/// Perl values that libvirt let go of, waiting for their owner.
static PARKED: Mutex<Vec<Parked>> = Mutex::new(Vec::new());

/// Values and the interpreter they wait for.
struct Parked {
    owner: Perl,
    _values: Values,
}

// SAFETY: as Values; the interpreter's address is only compared.
unsafe impl Send for Parked {}


thread_local! {
    /// The first failure of a callback on this thread, not yet thrown.
    static FAILURE: RefCell<Option<Error>> = const { RefCell::new(None) };
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Registers `cb` for `events` on the stream.
pub fn add(st: &Obj<Stream>, events: i32, cb: Code) -> Result<()> {
    let owner = current_interpreter().expect("an XSUB runs with its interpreter current");
    let values = Values { stream: st.object_ref(), code: cb.keep() };
    let watch = Arc::new(Watch { owner, stream: st.raw() as usize, values: Mutex::new(Some(values)) });
    let opaque = Arc::into_raw(Arc::clone(&watch)) as *mut c_void;
    // SAFETY: a live stream; on success libvirt keeps `opaque` (one Arc
    // reference) until it calls `free_watch`; on failure it kept nothing.
    let rc = unsafe { virt_sys::virStreamEventAddCallback(st.raw(), events, Some(on_event), opaque, Some(free_watch)) };
    if rc < 0 {
        let err = ret::last_error();
        // SAFETY: libvirt refused it: the reference is still ours. The
        // values go with `watch`, here in the XSUB.
        drop(unsafe { Arc::from_raw(opaque as *const Watch) });
        return Err(err);
    }
    locked(&REGISTERED).push(watch);
    Ok(())
}

/// After a successful `virStreamEventRemoveCallback`: releases the
/// stream's callback values now (or parks them for their owner).
pub fn removed(st: &Obj<Stream>) {
    let key = st.raw() as usize;
    let watch = {
        let mut registered = locked(&REGISTERED);
        match registered.iter().position(|w| w.stream == key) {
            Some(index) => registered.swap_remove(index),
            None => return,
        }
    };
    let values = locked(&watch.values).take();
    if let Some(values) = values {
        if current_interpreter() == Some(watch.owner) {
            drop(values);
        } else {
            locked(&PARKED).push(Parked { owner: watch.owner, _values: values });
        }
    }
}

/// Releases the parked values of the current interpreter. Called at the
/// start of every stream XSUB (and after remove_callback), where Perl
/// values may be released.
pub fn release_deferred() {
    let Some(me) = current_interpreter() else { return };
    let mine: Vec<Parked> = {
        let mut parked = locked(&PARKED);
        if parked.is_empty() {
            return;
        }
        let (mine, others) = std::mem::take(&mut *parked).into_iter().partition(|parked| parked.owner == me);
        *parked = others;
        mine
    };
    // Dropped with the lock released: freeing a stream object may bring
    // libvirt back into `free_watch`.
    drop(mine);
}

/// The failure a callback kept on this thread, for the XSUB that ran the
/// event loop to throw.
pub fn take_failure() -> Option<Error> {
    FAILURE.with(|f| f.borrow_mut().take())
}

unsafe extern "C" fn on_event(_st: virt_sys::virStreamPtr, events: c_int, opaque: *mut c_void) {
    // SAFETY: libvirt passes the Watch it holds a reference to.
    let watch = unsafe { &*(opaque as *const Watch) };
    if current_interpreter() != Some(watch.owner) || FAILURE.with(|f| f.borrow().is_some()) {
        return;
    }
    // References of our own for the call: the sub may remove its callback
    // (releasing the registered values) while it runs.
    let (stream, code) = match &*locked(&watch.values) {
        Some(values) => (values.stream.share(), values.code.share()),
        None => return,
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| code.call(vec![Value::Sv(stream), Value::Int(events as i64)], Want::Void).map(drop)))
        .unwrap_or_else(|_| Err(Error::Croak("Sys::Virt::Stream: internal error in a stream event callback".to_string())));
    if let Err(err) = outcome {
        FAILURE.with(|f| *f.borrow_mut() = Some(err));
    }
}

unsafe extern "C" fn free_watch(opaque: *mut c_void) {
    // SAFETY: libvirt gives back the reference `add` handed it, once.
    let watch = unsafe { Arc::from_raw(opaque as *const Watch) };
    let values = locked(&watch.values).take();
    if let Some(values) = values {
        locked(&PARKED).push(Parked { owner: watch.owner, _values: values });
    }
    // No Perl values are left in it: dropping it runs no Perl code.
    drop(watch);
}
