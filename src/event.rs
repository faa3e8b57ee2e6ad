//! Sys::Virt::Event: libvirt's default event loop, watches and timers on
//! whichever loop is registered, and the bridge to an event loop written
//! in Perl (`Sys::Virt::Event::register($impl)`).

use std::collections::HashMap;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::bridge::{
    croak, deliver, in_callback, release_registration, token, token_id, Arg, Code, IntoValue, Owner, OwnedSv, Perl, Registered, Result,
    Value, Want,
};
use crate::libvirt::kinds::Connect;
use crate::libvirt::ret;

/// The watches and timers made by add_handle / add_timeout and not yet
/// removed, with the interpreter that made them: when a thread ends, its
/// own are removed from the loop (they could never run again, and a short
/// timer would keep waking the loop).
struct Watches {
    /// (is a timer, libvirt's number, owner's id)
    live: Vec<(bool, c_int, usize)>,
}

static WATCHES: Mutex<Watches> = Mutex::new(Watches { live: Vec::new() });

fn watch_added(timer: bool, id: c_int) {
    let owner = Owner::current();
    Owner::on_any_exit(remove_watches_of);
    lock(&WATCHES).live.push((timer, id, owner.id()));
}

fn watch_removed(timer: bool, id: c_int) {
    lock(&WATCHES).live.retain(|&(t, i, _)| (t, i) != (timer, id));
}

fn remove_watches_of(owner: usize) {
    let gone: Vec<(bool, c_int)> = {
        let mut watches = lock(&WATCHES);
        let (gone, kept) = watches.live.iter().partition(|&&(_, _, o)| o == owner);
        watches.live = kept;
        gone.into_iter().map(|(t, i, _)| (t, i)).collect()
    };
    for (timer, id) in gone {
        // SAFETY: plain integers; libvirt frees the registration (inert by now).
        unsafe {
            if timer {
                virt_sys::virEventRemoveTimeout(id);
            } else {
                virt_sys::virEventRemoveHandle(id);
            }
        }
    }
}

/// Which loop libvirt runs events on, as far as `run_default` cares.
static DEFAULT_LOOP: AtomicBool = AtomicBool::new(false);

crate::xsubs! { "Sys::Virt::Event";
    fn register_default() -> Result<()> {
        // SAFETY: no arguments; libvirt makes the GLib loop its event loop.
        ret::non_negative(unsafe { virt_sys::virEventRegisterDefaultImpl() })?;
        DEFAULT_LOOP.store(true, Ordering::Release);
        Ok(())
    }

    fn run_default() -> Result<()> {
        if !DEFAULT_LOOP.load(Ordering::Acquire) {
            // libvirt would wait forever on a loop that nothing feeds.
            return croak("Sys::Virt::Event::run_default: the default event loop is not registered (call Sys::Virt::Event::register_default first)");
        }
        // SAFETY: no arguments; callbacks reached from here run under
        // Owner::run and park their failures for this XSUB's safe point.
        ret::non_negative(unsafe { virt_sys::virEventRunDefaultImpl() })?;
        Ok(())
    }

    fn add_handle(fd: i32, events: i32, cb: Code) -> Result<i32> {
        let opaque = Registered::new::<Connect>(&cb, None)?.into_opaque();
        // SAFETY: the opaque is ours to give; libvirt frees it with release_registration.
        let watch = unsafe { virt_sys::virEventAddHandle(fd, events, Some(on_handle), opaque, Some(release_registration)) };
        let watch = refused_unless_added(watch, opaque, "add_handle")?;
        watch_added(false, watch);
        Ok(watch)
    }

    fn update_handle(watch: i32, events: i32) -> Result<()> {
        // SAFETY: plain integers; an unknown watch is ignored by libvirt.
        unsafe { virt_sys::virEventUpdateHandle(watch, events) };
        Ok(())
    }

    fn remove_handle(watch: i32) -> Result<()> {
        // SAFETY: plain integer; the loop frees the registration later.
        ret_or_message(unsafe { virt_sys::virEventRemoveHandle(watch) }, "remove_handle", "no such watch")?;
        watch_removed(false, watch);
        Ok(())
    }

    fn add_timeout(frequency: i32, cb: Code) -> Result<i32> {
        let opaque = Registered::new::<Connect>(&cb, None)?.into_opaque();
        // SAFETY: as add_handle.
        let timer = unsafe { virt_sys::virEventAddTimeout(frequency, Some(on_timeout), opaque, Some(release_registration)) };
        let timer = refused_unless_added(timer, opaque, "add_timeout")?;
        watch_added(true, timer);
        Ok(timer)
    }

    fn update_timeout(timer: i32, frequency: i32) -> Result<()> {
        // SAFETY: plain integers; an unknown timer is ignored by libvirt.
        unsafe { virt_sys::virEventUpdateTimeout(timer, frequency) };
        Ok(())
    }

    fn remove_timeout(timer: i32) -> Result<()> {
        // SAFETY: plain integer; the loop frees the registration later.
        ret_or_message(unsafe { virt_sys::virEventRemoveTimeout(timer) }, "remove_timeout", "no such timer")?;
        watch_removed(true, timer);
        Ok(())
    }

    fn _register_impl() -> Result<()> {
        *lock(&PERL_LOOP) = Some(PerlLoop { owner: Owner::current(), warned: Arc::new(AtomicBool::new(false)) });
        DEFAULT_LOOP.store(false, Ordering::Release);
        // SAFETY: six functions that live as long as the library.
        unsafe {
            virt_sys::virEventRegisterImpl(
                Some(loop_add_handle),
                Some(loop_update_handle),
                Some(loop_remove_handle),
                Some(loop_add_timeout),
                Some(loop_update_timeout),
                Some(loop_remove_timeout),
            )
        };
        Ok(())
    }

    fn _run_handle_callback_helper(watch: i32, fd: i32, event: i32, cbref: Arg, opaqueref: Arg) -> Result<()> {
        let (id, callback, opaque) = enter_hook(&cbref, &opaqueref, false)?;
        if let HookFn::Handle(cb) = callback {
            // SAFETY: libvirt's own callback with its own opaque, kept
            // alive (not freed) while it runs.
            unsafe { cb(watch, fd, event, opaque as *mut c_void) };
        }
        leave_hook(id);
        Ok(())
    }

    fn _run_timeout_callback_helper(timer: i32, cbref: Arg, opaqueref: Arg) -> Result<()> {
        let (id, callback, opaque) = enter_hook(&cbref, &opaqueref, true)?;
        if let HookFn::Timeout(cb) = callback {
            // SAFETY: as _run_handle_callback_helper.
            unsafe { cb(timer, opaque as *mut c_void) };
        }
        leave_hook(id);
        Ok(())
    }

    fn _free_callback_opaque_helper(ffref: Option<Arg>, opaqueref: Option<Arg>) -> Result<()> {
        let id = match opaqueref {
            Some(arg) => token_id(&arg)?,
            None => None,
        };
        let Some(id) = id else { return Ok(()) };
        let call_free = match ffref {
            Some(arg) => arg.is_defined()?,
            None => false,
        };
        free_hook(id, call_free);
        Ok(())
    }
}

/// A watch or timer id from libvirt, or the registration reclaimed and
/// libvirt's error (or ours, when libvirt gave none).
fn refused_unless_added(id: c_int, opaque: *mut c_void, sub: &str) -> Result<i32> {
    if id >= 0 {
        return Ok(id);
    }
    // SAFETY: libvirt refused, so it never took the opaque.
    unsafe { release_registration(opaque) };
    ret_or_message(id, sub, "no event loop is registered (call Sys::Virt::Event::register_default or register)").map(|_| id)
}

fn ret_or_message(rc: c_int, sub: &str, reason: &str) -> Result<()> {
    if rc >= 0 {
        return Ok(());
    }
    // SAFETY: virInitialize makes the thread's error storage usable (no
    // connection may have been opened yet); then reads the last error.
    let reported = unsafe {
        virt_sys::virInitialize();
        let err = virt_sys::virGetLastError();
        !err.is_null() && (*err).code != 0
    };
    if !reported {
        return croak(format!("Sys::Virt::Event::{sub}: {reason}"));
    }
    Err(ret::last_error())
}

unsafe extern "C" fn on_handle(watch: c_int, fd: c_int, events: c_int, opaque: *mut c_void) {
    deliver(opaque, || vec![watch.into_value(), fd.into_value(), events.into_value()]);
}

unsafe extern "C" fn on_timeout(timer: c_int, opaque: *mut c_void) {
    deliver(opaque, || vec![timer.into_value()]);
}

// ------------------------------------------------- an event loop in Perl

/// The interpreter whose `Sys::Virt::Event::_add_handle` and friends
/// libvirt's loop hooks call.
struct PerlLoop {
    owner: Arc<Owner>,
    warned: Arc<AtomicBool>,
}

static PERL_LOOP: Mutex<Option<PerlLoop>> = Mutex::new(None);

#[derive(Clone, Copy)]
enum HookFn {
    Handle(unsafe extern "C" fn(c_int, c_int, c_int, *mut c_void)),
    Timeout(unsafe extern "C" fn(c_int, *mut c_void)),
}

/// libvirt's callback, opaque and free function for one watch or timer of
/// the Perl loop. Perl only ever sees a token (a number) for it, so no
/// value from Perl can become a jump to an address.
struct Hook {
    callback: HookFn,
    opaque: usize,
    free: Option<unsafe extern "C" fn(*mut c_void)>,
    /// Callbacks of this hook now running: a free waits for them.
    running: usize,
    free_pending: bool,
}

struct Hooks {
    next: usize,
    table: HashMap<usize, Hook>,
}

static HOOKS: Mutex<Option<Hooks>> = Mutex::new(None);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn with_hooks<R>(f: impl FnOnce(&mut Hooks) -> R) -> R {
    let mut guard = lock(&HOOKS);
    f(guard.get_or_insert_with(|| Hooks { next: 1, table: HashMap::new() }))
}

fn new_hook(callback: HookFn, opaque: *mut c_void, free: Option<unsafe extern "C" fn(*mut c_void)>) -> usize {
    with_hooks(|hooks| {
        let id = hooks.next;
        hooks.next += 1;
        hooks.table.insert(id, Hook { callback, opaque: opaque as usize, free, running: 0, free_pending: false });
        id
    })
}

/// The hook that `cbref` and `opaqueref` name together, marked running.
fn enter_hook(cbref: &Arg, opaqueref: &Arg, timeout: bool) -> Result<(usize, HookFn, usize)> {
    let Some(id) = token_id(cbref)? else {
        return cbref.error("is not a live callback handed out by Sys::Virt::Event");
    };
    if token_id(opaqueref)? != Some(id) {
        return opaqueref.error("is not the opaque value handed out with this callback");
    }
    with_hooks(|hooks| {
        let Some(hook) = hooks.table.get_mut(&id) else {
            return cbref.error("is not a live callback handed out by Sys::Virt::Event (it was freed, or never handed out)");
        };
        if matches!(hook.callback, HookFn::Timeout(_)) != timeout {
            let what = if timeout { "timeout" } else { "handle" };
            return cbref.error(&format!("is not a {what} callback"));
        }
        hook.running += 1;
        Ok((id, hook.callback, hook.opaque))
    })
}

fn leave_hook(id: usize) {
    let pending = with_hooks(|hooks| {
        let hook = hooks.table.get_mut(&id)?;
        hook.running -= 1;
        (hook.running == 0 && hook.free_pending).then(|| hooks.table.remove(&id)).flatten()
    });
    if let Some(hook) = pending {
        run_free(hook);
    }
}

/// Frees a hook once: later frees of the same token do nothing; a free
/// asked for while its callback runs happens when the callback returns.
/// A free asked for inside a call from libvirt (a loop's remove_handle
/// that frees at once, as libvirt allows) waits until libvirt has
/// returned: libvirt's free function takes locks the caller may hold.
fn free_hook(id: usize, call_free: bool) {
    let removed = with_hooks(|hooks| {
        let hook = hooks.table.get_mut(&id)?;
        if !call_free {
            hook.free = None;
        }
        if hook.running > 0 {
            hook.free_pending = true;
            return None;
        }
        hooks.table.remove(&id)
    });
    let Some(hook) = removed else { return };
    let owner = in_callback().then(|| lock(&PERL_LOOP).as_ref().map(|l| Arc::clone(&l.owner))).flatten();
    match owner {
        Some(owner) => owner.defer(Box::new(move || run_free(hook))),
        None => run_free(hook),
    }
}

fn run_free(hook: Hook) {
    if let (Some(free), opaque) = (hook.free, hook.opaque) {
        if opaque != 0 {
            // SAFETY: libvirt's free function for its own opaque, called once.
            unsafe { free(opaque as *mut c_void) };
        }
    }
}

/// Runs `body` in the Perl loop's interpreter (on its thread only).
fn with_loop<T>(neutral: T, body: impl FnOnce(Perl) -> Result<T>) -> T {
    let (owner, warned) = match &*lock(&PERL_LOOP) {
        Some(l) => (Arc::clone(&l.owner), Arc::clone(&l.warned)),
        None => return neutral,
    };
    owner.run(&warned, neutral, body)
}

/// Calls one of Sys::Virt::Event's `_add_handle` ... `_remove_timeout`.
fn call_loop(perl: Perl, sub_name: &str, args: Vec<Value>, want: Want) -> Result<Option<OwnedSv>> {
    OwnedSv::new(perl, Value::Str(sub_name.to_owned())).call(args, want)
}

fn returned_id(perl_result: Option<OwnedSv>, method: &'static str) -> Result<c_int> {
    let Some(sv) = perl_result else { return Ok(-1) };
    Ok(sv.view(method, "return value").integer_in(c_int::MIN as i128, c_int::MAX as i128)?.map_or(-1, |v| v as c_int))
}

fn tokens(perl: Perl, id: usize, has_free: bool) -> [Value; 3] {
    let free = if has_free { Value::Sv(token(perl, id)) } else { Value::Undef };
    [Value::Sv(token(perl, id)), Value::Sv(token(perl, id)), free]
}

/// Hands a new watch or timer to the Perl loop's `_add_handle` or
/// `_add_timeout` (`args`, then the three tokens); its number, or -1. A
/// hook the loop did not take is forgotten, not freed: libvirt frees its
/// opaque itself when adding fails.
fn add_to_loop(callback: HookFn, opaque: *mut c_void, ff: virt_sys::virFreeCallback, sub_name: &'static str, args: Vec<Value>) -> c_int {
    let id = new_hook(callback, opaque, ff);
    let added = with_loop(-1, |perl| {
        let mut args = args;
        args.extend(tokens(perl, id, ff.is_some()));
        returned_id(call_loop(perl, sub_name, args, Want::Scalar)?, sub_name)
    });
    if added < 0 {
        with_hooks(|hooks| hooks.table.remove(&id));
    }
    added
}

unsafe extern "C" fn loop_add_handle(
    fd: c_int,
    events: c_int,
    cb: virt_sys::virEventHandleCallback,
    opaque: *mut c_void,
    ff: virt_sys::virFreeCallback,
) -> c_int {
    let Some(cb) = cb else { return -1 };
    add_to_loop(HookFn::Handle(cb), opaque, ff, "Sys::Virt::Event::_add_handle", vec![fd.into_value(), events.into_value()])
}

/// Runs a hook's update or removal now on the loop's own thread, and at
/// that thread's next safe point when libvirt calls it from another.
fn now_or_on_loop_thread(op: impl FnOnce() + Send + 'static) {
    let owner = match &*lock(&PERL_LOOP) {
        Some(l) => Arc::clone(&l.owner),
        None => return,
    };
    if owner.is_current() {
        op();
    } else {
        owner.defer(Box::new(op));
    }
}

unsafe extern "C" fn loop_update_handle(watch: c_int, events: c_int) {
    now_or_on_loop_thread(move || {
        with_loop((), |perl| call_loop(perl, "Sys::Virt::Event::_update_handle", vec![watch.into_value(), events.into_value()], Want::Void).map(drop))
    });
}

unsafe extern "C" fn loop_remove_handle(watch: c_int) -> c_int {
    now_or_on_loop_thread(move || {
        with_loop((), |perl| call_loop(perl, "Sys::Virt::Event::_remove_handle", vec![watch.into_value()], Want::Void).map(drop))
    });
    0
}

unsafe extern "C" fn loop_add_timeout(
    interval: c_int,
    cb: virt_sys::virEventTimeoutCallback,
    opaque: *mut c_void,
    ff: virt_sys::virFreeCallback,
) -> c_int {
    let Some(cb) = cb else { return -1 };
    add_to_loop(HookFn::Timeout(cb), opaque, ff, "Sys::Virt::Event::_add_timeout", vec![interval.into_value()])
}

unsafe extern "C" fn loop_update_timeout(timer: c_int, interval: c_int) {
    now_or_on_loop_thread(move || {
        with_loop((), |perl| call_loop(perl, "Sys::Virt::Event::_update_timeout", vec![timer.into_value(), interval.into_value()], Want::Void).map(drop))
    });
}

unsafe extern "C" fn loop_remove_timeout(timer: c_int) -> c_int {
    now_or_on_loop_thread(move || {
        with_loop((), |perl| call_loop(perl, "Sys::Virt::Event::_remove_timeout", vec![timer.into_value()], Want::Void).map(drop))
    });
    0
}
