//! Callbacks that libvirt keeps and calls later: events, the close
//! callback, event-loop watches and the hooks of a Perl event loop.
//!
//! Each belongs to the interpreter that registered it (its [`Owner`]) and
//! runs only on that interpreter's thread; anywhere else it is skipped,
//! with a warning once. What libvirt holds is an `Arc<Registration>`:
//! libvirt's free callback may run on any thread and under libvirt's own
//! locks, so it never touches Perl: the Perl values go onto the owner's
//! queue, which the owner drains at its next safe point (the end of an
//! XSUB on its thread, see `dispatch`). A callback that fails (a die, an
//! `exit`, a Rust error or panic) never unwinds through libvirt: the
//! failure is parked on the owner and the XSUB that libvirt came through
//! raises it once libvirt has returned.
//!
//! Where libvirt may drop a callback without ever calling its free
//! callback (a removed stream callback, on 9.0's remote driver), a
//! [`Revoker`] lets go of the Perl values when the callback is removed;
//! what libvirt still holds is then an empty registration.
//!
//! When an interpreter is destroyed (perl's exit list, after END blocks
//! and global destruction) its owner goes dead: its callbacks are no
//! longer run, and later frees release only Rust memory, since the
//! interpreter has already freed every Perl value.

use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::os::raw::{c_char, c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use super::args::{Arg, Code};
use super::callback::{call_sv, exiting, take_exiting, Want};
use super::error::{Error, Result};
use super::ffi::{self, Perl, SV};
use super::object::{release_raw, retain_raw, Handle, Obj};
use super::sv::OwnedSv;
use super::value::Value;

extern "C" {
    fn svb_destructing(perl: Perl) -> c_int;
    fn svb_at_exit(perl: Perl, hook: unsafe extern "C" fn(Perl, *mut c_void), ptr: *mut c_void);
    fn svb_warn(perl: Perl, prefix: *const c_char, err: *mut SV, misc_only: c_int);
    fn svb_copy(perl: Perl, sv: *mut SV, out: *mut *mut SV) -> c_int;
    fn svb_new_rv_inc(perl: Perl, target: *mut SV) -> *mut SV;
    fn svb_new_token(perl: Perl, id: usize) -> *mut SV;
    fn svb_token_id(perl: Perl, sv: *mut SV, id: *mut usize) -> c_int;
    fn svb_rv_target(rv: *mut SV) -> *mut SV;
    fn svb_object_settle(perl: Perl, rv: *mut SV, inner: *mut SV, handle: *mut c_void) -> c_int;
}

/// A Perl value held by a registration: touched only on its owner's
/// thread, but carried through libvirt's threads inside the registration.
struct RawSv(*mut SV);
// SAFETY: the pointer is only dereferenced by the owner's thread (safe
// points and callbacks check the running interpreter first); other threads
// only move it around.
unsafe impl Send for RawSv {}
unsafe impl Sync for RawSv {}

/// A failure waiting for the owner's next safe point.
struct Parked(Error);
// SAFETY: as RawSv: parked and taken on the owner's thread only.
unsafe impl Send for Parked {}

struct OwnerState {
    parked: Option<Parked>,
    releases: Vec<RawSv>,
    /// Work asked for on another thread, to run on the owner's.
    deferred: Vec<Box<dyn FnOnce() + Send>>,
}

/// One interpreter's side of every callback it registered.
pub struct Owner {
    interp: usize,
    alive: AtomicBool,
    state: Mutex<OwnerState>,
}

/// The live owners, one per interpreter that registered something.
static OWNERS: Mutex<Vec<Arc<Owner>>> = Mutex::new(Vec::new());

/// Called with an interpreter's id (see [`Owner::id`]) when that
/// interpreter ends, after its owner has gone dead.
static EXIT_LISTENERS: Mutex<Vec<fn(usize)>> = Mutex::new(Vec::new());

/// Queued releases plus parked failures, over all owners: the safe point
/// costs one relaxed load while this is 0.
pub(super) static PENDING: AtomicUsize = AtomicUsize::new(0);

/// Whether any owner was ever made: until then no registered callback
/// exists to run during an object's free.
static ANY_OWNER: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// How many registered callbacks are running on this thread: a parked
    /// failure waits for the outermost XSUB, not one called by a callback.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// How many objects perl is freeing on this thread through their
    /// magic: a callback that fails in a free (the remote driver removing
    /// its watch from a Perl event loop as a connection closes) has no
    /// XSUB to report to, and is warned as perl warns a DESTROY's die.
    static FREEING: Freeing = const { Freeing { depth: Cell::new(0), exit: Cell::new(None) } };
}

struct Freeing {
    depth: Cell<usize>,
    /// An `exit` from a callback during such a free, to be continued
    /// once libvirt has returned.
    exit: Cell<Option<c_int>>,
}

/// The magic's free hook: gives the object's libvirt reference back. An
/// `exit` in a callback that the free ran goes on from here, as an exit
/// in a DESTROY does; the frames it jumps over hold nothing to drop.
pub(super) extern "C" fn release_in_free(kind: u16, handle: *mut c_void) {
    // Objects are freed often: no callback can run before the first
    // owner exists, and after that the thread-local is read once.
    if !ANY_OWNER.load(Ordering::Relaxed) {
        return release_raw(kind, handle);
    }
    let exit = FREEING.with(|f| {
        let depth = f.depth.replace(f.depth.get() + 1);
        release_raw(kind, handle);
        f.depth.set(depth);
        if depth == 0 && PENDING.load(Ordering::Relaxed) != 0 && f.exit.get().is_none() {
            // What the free's callbacks left for after libvirt returned
            // (the free functions a Perl loop was handed as it lost its
            // watches).
            safe_point(current_interp(), None);
        }
        let exit = f.exit.take();
        if exit.is_some() {
            // Frees this one is nested in are left by the jump too.
            f.depth.set(0);
        }
        exit
    });
    if let Some(jumped) = exit {
        take_exiting();
        // SAFETY: the running interpreter, whose exit this continues.
        unsafe { ffi::svb_rethrow(current_interp(), jumped) }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic never happens while one of these is held; if one did, the
    // data is still consistent (plain pushes and takes).
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn current_interp() -> Perl {
    // SAFETY: reads the thread's interpreter pointer, nothing more.
    unsafe { ffi::svb_current_perl() }
}

/// Whether a registered callback is running on this thread: libvirt is
/// below it on the stack.
pub fn in_callback() -> bool {
    DEPTH.with(Cell::get) > 0
}

impl Owner {
    /// The owner for the interpreter of the calling thread (one is made,
    /// with its exit hook, the first time).
    pub fn current() -> Arc<Owner> {
        let perl = current_interp();
        let mut owners = lock(&OWNERS);
        if let Some(owner) = owners.iter().find(|o| o.interp == perl as usize) {
            return Arc::clone(owner);
        }
        let owner = Arc::new(Owner {
            interp: perl as usize,
            alive: AtomicBool::new(true),
            state: Mutex::new(OwnerState { parked: None, releases: Vec::new(), deferred: Vec::new() }),
        });
        owners.push(Arc::clone(&owner));
        ANY_OWNER.store(true, Ordering::Relaxed);
        // SAFETY: perl is this thread's live interpreter; the list keeps
        // the owner alive until the hook has run.
        unsafe { svb_at_exit(perl, owner_gone, Arc::as_ptr(&owner) as *mut c_void) };
        owner
    }

    /// Which interpreter this owner stands for, as a number to compare.
    pub fn id(&self) -> usize {
        self.interp
    }

    /// Whether the calling thread runs this owner's interpreter.
    pub fn is_current(&self) -> bool {
        current_interp() as usize == self.interp
    }

    /// Runs `work` on the owner's thread, at its next safe point (dropped
    /// unrun if the owner ends first).
    pub fn defer(&self, work: Box<dyn FnOnce() + Send>) {
        let mut state = lock(&self.state);
        if self.alive.load(Ordering::Acquire) {
            state.deferred.push(work);
            PENDING.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Has `listener` called with an interpreter's id when it ends (once
    /// per function, however often this is called).
    pub fn on_any_exit(listener: fn(usize)) {
        let mut listeners = lock(&EXIT_LISTENERS);
        if !listeners.iter().any(|&l| l as usize == listener as usize) {
            listeners.push(listener);
        }
    }

    /// The interpreter to run a callback in, when it may run now: on the
    /// owner's thread, with the owner alive, no exit on its way out and
    /// no global destruction under way. Elsewhere, warns once per `warned`.
    fn enter(&self, warned: &AtomicBool) -> Option<Perl> {
        let perl = current_interp();
        if perl as usize != self.interp {
            // SAFETY (destructing): the current thread's own interpreter.
            if !perl.is_null() && unsafe { svb_destructing(perl) } == 0 && !warned.swap(true, Ordering::Relaxed) {
                let message = c"Sys::Virt: a callback registered by another thread was not run; run the event loop in the thread that registered it\n";
                // SAFETY: the current thread's own interpreter.
                unsafe { svb_warn(perl, message.as_ptr(), std::ptr::null_mut(), Warn::Always as c_int) };
            }
            return None;
        }
        // SAFETY: the owner's interpreter, on its own thread.
        if !self.alive.load(Ordering::Acquire) || exiting() || unsafe { svb_destructing(perl) } != 0 {
            return None;
        }
        Some(perl)
    }

    /// Keeps the first failure for the next safe point; a later one is
    /// only warned, so that it is not lost.
    fn park(&self, perl: Perl, err: Error) {
        if FREEING.with(|f| f.depth.get()) > 0 {
            if let Error::Died(jumped) = err {
                FREEING.with(|f| f.exit.set(Some(jumped)));
                return;
            }
            return warn_failure(perl, "\t(in cleanup) ", err, Warn::InCleanup);
        }
        let mut state = lock(&self.state);
        if state.parked.is_none() {
            state.parked = Some(Parked(err));
            PENDING.fetch_add(1, Ordering::Relaxed);
            return;
        }
        drop(state);
        warn_failure(perl, "Sys::Virt: a further callback failed: ", err, Warn::Always);
    }

    /// Runs a callback's body as this owner, when it may run now (see
    /// `enter`). Its failure is parked and `neutral` returned instead;
    /// nothing unwinds or jumps out of here.
    pub fn run<T>(&self, warned: &AtomicBool, neutral: T, body: impl FnOnce(Perl) -> Result<T>) -> T {
        let Some(perl) = self.enter(warned) else { return neutral };
        DEPTH.with(|d| d.set(d.get() + 1));
        let outcome = catch_unwind(AssertUnwindSafe(|| body(perl))).unwrap_or_else(|payload| {
            Err(Error::Croak(format!("Sys::Virt: internal error in a callback: {}", super::dispatch::panic_message(payload))))
        });
        DEPTH.with(|d| d.set(d.get() - 1));
        match outcome {
            Ok(value) => value,
            Err(err) => {
                self.park(perl, err);
                neutral
            }
        }
    }
}

/// When a failure that has nowhere else to go is warned.
#[derive(Clone, Copy)]
enum Warn {
    Always = 0,
    /// Under the "misc" warnings only, as perl's "(in cleanup)".
    InCleanup = 1,
}

/// A warning for a failure that has nowhere else to go.
fn warn_failure(perl: Perl, prefix: &str, err: Error, when: Warn) {
    let prefix = std::ffi::CString::new(prefix).unwrap_or_default();
    let when = when as c_int;
    // SAFETY (each): the running interpreter; svb_warn swallows a die.
    match err {
        Error::Perl(sv) => unsafe { svb_warn(perl, prefix.as_ptr(), sv.sv, when) },
        Error::Croak(message) => {
            let text = std::ffi::CString::new(format!("{}{message}\n", prefix.to_string_lossy())).unwrap_or_default();
            unsafe { svb_warn(perl, text.as_ptr(), std::ptr::null_mut(), when) }
        }
        Error::Libvirt(e) => {
            let text = std::ffi::CString::new(format!("{}{}\n", prefix.to_string_lossy(), e.message())).unwrap_or_default();
            unsafe { svb_warn(perl, text.as_ptr(), std::ptr::null_mut(), when) }
        }
        // an exit is already on its way out
        Error::Died(_) | Error::Usage => {}
    }
}

/// The exit-list hook of an owner's interpreter.
unsafe extern "C" fn owner_gone(perl: Perl, ptr: *mut c_void) {
    let mut owners = lock(&OWNERS);
    // A new ithread inherits a copy of its parent's exit list: only the
    // owner's own interpreter ending counts.
    let Some(index) = owners.iter().position(|o| Arc::as_ptr(o) as *mut c_void == ptr && o.interp == perl as usize) else { return };
    let owner = owners.swap_remove(index);
    drop(owners);
    owner.alive.store(false, Ordering::Release);
    let mut state = lock(&owner.state);
    // The interpreter frees every value itself as it goes; ours are forgotten.
    let forgotten = state.releases.len() + state.parked.is_some() as usize + state.deferred.len();
    state.releases.clear();
    let deferred = std::mem::take(&mut state.deferred);
    std::mem::forget(state.parked.take());
    PENDING.fetch_sub(forgotten, Ordering::Relaxed);
    drop(state);
    drop(deferred);
    let listeners = lock(&EXIT_LISTENERS).clone();
    for listener in listeners {
        listener(owner.interp);
    }
}

/// Drains the calling interpreter's queue: the Perl values of freed
/// registrations are released (their DESTROY may run), and, unless a
/// callback is running on this thread (libvirt, which called it, may hold
/// its locks), deferred work runs and a parked failure becomes the
/// XSUB's (over a libvirt error, which it caused; not over our own).
/// Without an XSUB (`failure` None: after an object's free) only the
/// deferred work runs; releases and a parked failure wait for the next.
#[cold]
#[inline(never)]
pub(super) fn safe_point(perl: Perl, mut failure: Option<&mut Option<Error>>) {
    let owner = {
        let owners = lock(&OWNERS);
        match owners.iter().find(|o| o.interp == perl as usize) {
            Some(owner) => Arc::clone(owner),
            None => return,
        }
    };
    loop {
        let (releases, parked, deferred) = {
            let mut state = lock(&owner.state);
            let settled = !in_callback();
            let in_xsub = failure.is_some();
            let parked = if settled && in_xsub { state.parked.take() } else { None };
            let deferred = if settled { std::mem::take(&mut state.deferred) } else { Vec::new() };
            // Releases may run any DESTROY, which may exit: only where an
            // XSUB can carry that out.
            let releases = if in_xsub { std::mem::take(&mut state.releases) } else { Vec::new() };
            (releases, parked, deferred)
        };
        PENDING.fetch_sub(releases.len() + parked.is_some() as usize + deferred.len(), Ordering::Relaxed);
        if let (Some(Parked(err)), Some(failure)) = (parked, failure.as_deref_mut()) {
            // The callback's failure is why libvirt failed, if it did.
            if matches!(failure, None | Some(Error::Libvirt(_))) {
                *failure = Some(err);
            }
        }
        if releases.is_empty() && deferred.is_empty() {
            return;
        }
        if exiting() {
            // perl has unwound for exit: no Perl code may run now; the
            // interpreter's destruction frees these.
            std::mem::forget(releases);
            return;
        }
        for sv in releases {
            // SAFETY: one reference each, taken at registration, on the owner's thread.
            unsafe { ffi::svb_refcnt_dec(perl, sv.0) }
        }
        for work in deferred {
            work();
        }
    }
}

/// What libvirt's opaque points to: the Perl sub, the object it is called
/// on (the connection, a stream), and the owner. Shared (`Arc`) so that a
/// callback that deregisters itself keeps running on its own reference.
pub struct Registration {
    owner: Arc<Owner>,
    /// None once let go of: by the last reference, or by a [`Revoker`].
    values: Mutex<Option<PerlValues>>,
    warned: AtomicBool,
}

/// The Perl side of a registration: one reference to each, ours.
struct PerlValues {
    code: RawSv,
    receiver: Option<RawSv>,
}

impl Registration {
    /// Queues the Perl values for release at the owner's next safe point
    /// (once: later calls find nothing); a dead owner's are forgotten.
    fn let_go(&self) {
        let Some(values) = lock(&self.values).take() else { return };
        let mut state = lock(&self.owner.state);
        if !self.owner.alive.load(Ordering::Acquire) {
            return;
        }
        let n = 1 + values.receiver.is_some() as usize;
        state.releases.push(values.code);
        if let Some(receiver) = values.receiver {
            state.releases.push(receiver);
        }
        PENDING.fetch_add(n, Ordering::Relaxed);
    }

    /// The sub, and the arguments before the event's own: a new reference
    /// to the receiver's object each time (the sub may assign to `$_[0]`).
    /// Both are held for the call, as the sub may deregister itself. None
    /// once the values are let go of: nothing is left to call.
    ///
    /// # Safety
    /// `perl` must be the owner's interpreter, on its thread.
    unsafe fn call_values(&self, perl: Perl) -> Option<(OwnedSv, Vec<Value>)> {
        let values = lock(&self.values);
        let values = values.as_ref()?;
        let mut args = Vec::with_capacity(8);
        if let Some(receiver) = &values.receiver {
            args.push(Value::Sv(OwnedSv::adopt(perl, svb_new_rv_inc(perl, receiver.0))));
        }
        Some((OwnedSv::adopt(perl, ffi::svb_refcnt_inc(perl, values.code.0)), args))
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.let_go();
    }
}

/// A registration on its way to libvirt.
pub struct Registered(Arc<Registration>);

impl Registered {
    /// Holds a copy of `code` (never the caller's own variable) and, for
    /// methods, a reference to the invocant's object, so that `$conn` can
    /// be reassigned or dropped while the callback stays registered.
    pub fn new<K: Handle>(code: &Code, receiver: Option<&Obj<K>>) -> Result<Registered> {
        let perl = code.arg().perl();
        let mut copy = std::ptr::null_mut();
        // SAFETY: a live SV; the shim catches a die of its get magic.
        match unsafe { svb_copy(perl, code.sv(), &mut copy) } {
            0 => {}
            jumped => return Err(Error::Died(jumped)),
        }
        // SAFETY: the object's scalar is alive for the call; the new reference is ours.
        let receiver = receiver.map(|obj| RawSv(unsafe { ffi::svb_refcnt_inc(perl, obj.inner_sv()) }));
        Ok(Registered(Arc::new(Registration {
            owner: Owner::current(),
            values: Mutex::new(Some(PerlValues { code: RawSv(copy), receiver })),
            warned: AtomicBool::new(false),
        })))
    }

    /// A way to let go of this registration's Perl values before libvirt
    /// frees it; see [`Revoker`].
    pub fn revoker(&self) -> Revoker {
        Revoker(Arc::downgrade(&self.0))
    }

    /// libvirt's opaque: one reference to the registration, given back by
    /// [`release_registration`] (libvirt's free callback, or ours when
    /// registering fails: libvirt does not call it then).
    pub fn into_opaque(self) -> *mut c_void {
        Arc::into_raw(self.0) as *mut c_void
    }
}

/// A registration's Perl values, for a callback whose removal libvirt may
/// not follow with its free callback. It keeps no registration alive.
pub struct Revoker(Weak<Registration>);

impl Revoker {
    /// For after libvirt has dropped the callback: the sub and the
    /// receiver are released at the owner's next safe point (which ends
    /// the XSUB calling this, on the owner's thread); a call that comes
    /// later runs nothing, and libvirt's free, if it comes, frees only the
    /// empty registration.
    pub fn revoke(&self) {
        if let Some(registration) = self.0.upgrade() {
            registration.let_go();
        }
    }

    /// Whether libvirt (or a callback now running) still holds the
    /// registration.
    pub fn is_held(&self) -> bool {
        self.0.strong_count() > 0
    }
}

/// libvirt's free callback for a registration: any thread, any lock held.
///
/// # Safety
/// `opaque` must come from [`Registered::into_opaque`], released once.
pub unsafe extern "C" fn release_registration(opaque: *mut c_void) {
    drop(Arc::from_raw(opaque as *const Registration));
}

/// Calls a registration's sub with (receiver, `build()`...), as its owner.
/// `build` runs only when the sub will be called.
///
/// # Safety
/// `opaque` must be the opaque of a registration libvirt still holds.
pub unsafe fn deliver(opaque: *mut c_void, build: impl FnOnce() -> Vec<Value>) {
    let reg = {
        let borrowed = ManuallyDrop::new(Arc::from_raw(opaque as *const Registration));
        Arc::clone(&borrowed)
    };
    let owner = Arc::clone(&reg.owner);
    owner.run(&reg.warned, (), |perl| {
        let Some((code, mut args)) = reg.call_values(perl) else { return Ok(()) };
        args.extend(build());
        call_sv(perl, code.sv, args, Want::Void).map(drop)
    })
}

/// As [`deliver`], with the event's object (which libvirt lends for the
/// callback) between the receiver and `build()`'s values. The object
/// takes a libvirt reference of its own only when the sub keeps it: the
/// usual callback that just looks at it costs no libvirt call (each of
/// which formats the handle's UUID for libvirt's debug log).
///
/// # Safety
/// As [`deliver`]; `obj` must be a live handle of kind `K` for the call.
pub unsafe fn deliver_about<K: Handle>(opaque: *mut c_void, obj: K::Ptr, build: impl FnOnce() -> Vec<Value>) {
    let reg = {
        let borrowed = ManuallyDrop::new(Arc::from_raw(opaque as *const Registration));
        Arc::clone(&borrowed)
    };
    let owner = Arc::clone(&reg.owner);
    owner.run(&reg.warned, (), |perl| {
        let Some((code, mut args)) = reg.call_values(perl) else { return Ok(()) };
        let handle = K::to_void(obj);
        // The object points at the lent handle; settled below.
        let rv = OwnedSv::adopt(perl, ffi::svb_new_object(perl, K::KIND, handle));
        let inner = OwnedSv::adopt(perl, ffi::svb_refcnt_inc(perl, svb_rv_target(rv.sv)));
        args.push(Value::Sv(rv.share()));
        args.extend(build());
        let outcome = call_sv(perl, code.sv, args, Want::Void).map(drop);
        if svb_object_settle(perl, rv.sv, inner.sv, handle) != 0 {
            retain_raw(K::KIND, handle);
        }
        outcome
    })
}

/// A token for a Perl event loop to store and hand back: a reference to a
/// read-only integer. `perl` is the interpreter a callback runs in, as
/// [`Owner::run`] hands it over.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn token(perl: Perl, id: usize) -> OwnedSv {
    // SAFETY: building a value runs no Perl code; the reference is the result's.
    unsafe { OwnedSv::adopt(perl, svb_new_token(perl, id)) }
}

/// The number of a token argument; None when it is no token.
pub fn token_id(arg: &Arg) -> Result<Option<usize>> {
    let mut id = 0usize;
    // SAFETY: a live SV; the shim catches a die of its get magic.
    match unsafe { svb_token_id(arg.perl(), arg.sv(), &mut id) } {
        0 => Ok((id != 0).then_some(id)),
        jumped => Err(Error::Died(jumped)),
    }
}
