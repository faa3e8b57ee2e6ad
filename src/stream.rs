//! Sys::Virt::Stream: a channel of bytes between the program and libvirt
//! (a volume's contents, a console, a screenshot), read and written a call
//! at a time or all at once through Perl handlers.
//!
//! The all-at-once calls (`recv_all`, `send_all` and their sparse forms)
//! run the handlers while libvirt's loop is on the stack: each handler runs
//! under the call's [`Scope`], so a die, an exit or a nonsensical result
//! stops the transfer (libvirt aborts the stream) and comes back from the
//! XSUB once libvirt has returned.
//!
//! The event callback (`add_callback`) is one of the callbacks libvirt
//! keeps (see the bridge's `registered`): it runs in the interpreter that
//! added it, with `$st` held until it is removed, and a die or exit in it
//! comes out of the XSUB that ran the event loop.

use std::os::raw::{c_char, c_int, c_longlong, c_void};
use std::sync::{Mutex, MutexGuard};

use crate::bridge::{
    croak, deliver, release_registration, Bytes, Code, Flags, IntoValue, Obj, Out, Owned, OwnedSv, Registered, Result, Revoker,
    Scope, Value, Want,
};
use crate::libvirt::kinds::{Connect, Stream};
use crate::libvirt::ret;

/// The most one `recv` asks libvirt for. A stream hands over at most what
/// it has buffered, far less than this, and "up to $nbytes" allows fewer;
/// a larger request would only reserve memory (or exhaust it).
pub const RECV_MAX: usize = 16 << 20;

/// libvirt's non-blocking statuses, which come back as values.
const WOULD_BLOCK: c_int = -2;
const AT_HOLE: c_int = -3;

crate::xsubs! { "Sys::Virt::Stream";
    fn _new_obj(con: Obj<Connect>, flags: Flags) -> Result<Owned<Stream>> {
        // SAFETY: a live connection; the new stream comes with a reference.
        unsafe { ret::object(virt_sys::virStreamNew(con.raw(), flags.0)) }
    }

    fn send(st: Obj<Stream>, data: Bytes, nbytes: u64) -> Result<i32> {
        let count = data.len().min(nbytes.min(i32::MAX as u64) as usize);
        // SAFETY: `count` bytes of `data` are readable for the call.
        let sent = unsafe { virt_sys::virStreamSend(st.raw(), data.as_ptr() as *const c_char, count) };
        status(sent, &[WOULD_BLOCK])
    }

    fn recv(st: Obj<Stream>, data: Out, nbytes: u64, flags: Flags) -> Result<i32> {
        let stream = st.raw();
        let capacity = nbytes.min(RECV_MAX as u64) as usize;
        let got = data.fill(capacity, |room, len| {
            // SAFETY: `room` has `len` writable bytes; libvirt writes at most that.
            let got = unsafe {
                if flags.0 != 0 {
                    virt_sys::virStreamRecvFlags(stream, room, len, flags.0)
                } else {
                    virt_sys::virStreamRecv(stream, room, len)
                }
            };
            got as isize
        })?;
        status(got as c_int, &[WOULD_BLOCK, AT_HOLE])
    }

    fn recv_hole(st: Obj<Stream>, flags: Flags) -> Result<i64> {
        let mut length: c_longlong = 0;
        // SAFETY: a live stream; libvirt writes the length.
        ret::non_negative(unsafe { virt_sys::virStreamRecvHole(st.raw(), &mut length, flags.0) })?;
        Ok(length)
    }

    fn send_hole(st: Obj<Stream>, length: i64, flags: Flags) -> Result<()> {
        // SAFETY: a live stream.
        ret::non_negative(unsafe { virt_sys::virStreamSendHole(st.raw(), length, flags.0) })?;
        Ok(())
    }

    fn recv_all(st: Obj<Stream>, handler: Code) -> Result<()> {
        let transfer = Transfer::new("Sys::Virt::Stream::recv_all", &st, handler, [None, None]);
        // SAFETY: `transfer` outlives the call, which makes the callbacks.
        let rc = unsafe { virt_sys::virStreamRecvAll(st.raw(), Some(sink), transfer.opaque()) };
        transfer.finish(rc)
    }

    fn send_all(st: Obj<Stream>, handler: Code) -> Result<()> {
        let transfer = Transfer::new("Sys::Virt::Stream::send_all", &st, handler, [None, None]);
        // SAFETY: as recv_all.
        let rc = unsafe { virt_sys::virStreamSendAll(st.raw(), Some(source), transfer.opaque()) };
        transfer.finish(rc)
    }

    fn sparse_recv_all(st: Obj<Stream>, handler: Code, hole_handler: Code) -> Result<()> {
        let transfer = Transfer::new("Sys::Virt::Stream::sparse_recv_all", &st, handler, [Some(hole_handler), None]);
        // SAFETY: as recv_all.
        let rc = unsafe { virt_sys::virStreamSparseRecvAll(st.raw(), Some(sink), Some(sink_hole), transfer.opaque()) };
        transfer.finish(rc)
    }

    fn sparse_send_all(st: Obj<Stream>, handler: Code, hole_handler: Code, skip_handler: Code) -> Result<()> {
        let transfer = Transfer::new("Sys::Virt::Stream::sparse_send_all", &st, handler, [Some(hole_handler), Some(skip_handler)]);
        // SAFETY: as recv_all.
        let rc = unsafe {
            virt_sys::virStreamSparseSendAll(st.raw(), Some(source), Some(source_hole), Some(source_skip), transfer.opaque())
        };
        transfer.finish(rc)
    }

    fn add_callback(st: Obj<Stream>, events: i32, cb: Code) -> Result<()> {
        // `$st` is the receiver: the stream object lives while its callback does.
        let registered = Registered::new(&cb, Some(&st))?;
        let revoker = registered.revoker();
        let opaque = registered.into_opaque();
        // SAFETY: a live stream; on success libvirt keeps the opaque until
        // it calls release_registration.
        let rc = unsafe { virt_sys::virStreamEventAddCallback(st.raw(), events, Some(on_event), opaque, Some(release_registration)) };
        if rc < 0 {
            let err = ret::last_error();
            // SAFETY: libvirt refused, so it never took the opaque.
            unsafe { release_registration(opaque) };
            return Err(err);
        }
        let mut callbacks = event_callbacks();
        callbacks.retain(|(_, revoker)| revoker.is_held());
        callbacks.push((st.raw() as usize, revoker));
        Ok(())
    }

    fn update_callback(st: Obj<Stream>, events: i32) -> Result<()> {
        // SAFETY: a live stream.
        ret::non_negative(unsafe { virt_sys::virStreamEventUpdateCallback(st.raw(), events) })?;
        Ok(())
    }

    fn remove_callback(st: Obj<Stream>) -> Result<()> {
        // SAFETY: a live stream; libvirt's free callback, if it calls it,
        // only queues the Perl values for this thread's owner.
        let rc = unsafe { virt_sys::virStreamEventRemoveCallback(st.raw()) };
        let outcome = ret::non_negative(rc);
        // libvirt 9.0's remote driver never calls the free callback of a
        // removed stream callback, so the sub and `$st` are let go of here
        // (and after a failure too, which means libvirt holds none).
        let key = st.raw() as usize;
        let removed: Vec<(usize, Revoker)> = {
            let mut callbacks = event_callbacks();
            let (removed, kept) = std::mem::take(&mut *callbacks).into_iter().partition(|&(stream, _)| stream == key);
            *callbacks = kept;
            removed
        };
        for (_, revoker) in removed {
            revoker.revoke();
        }
        outcome.map(drop)
    }

    fn finish(st: Obj<Stream>) -> Result<()> {
        // SAFETY: a live stream.
        ret::non_negative(unsafe { virt_sys::virStreamFinish(st.raw()) })?;
        Ok(())
    }

    fn abort(st: Obj<Stream>) -> Result<()> {
        // SAFETY: a live stream.
        ret::non_negative(unsafe { virt_sys::virStreamAbort(st.raw()) })?;
        Ok(())
    }
}

/// The event callbacks added and not yet removed, by libvirt's stream
/// pointer (which a clone of `$st` in another thread shares).
static EVENT_CALLBACKS: Mutex<Vec<(usize, Revoker)>> = Mutex::new(Vec::new());

fn event_callbacks() -> MutexGuard<'static, Vec<(usize, Revoker)>> {
    EVENT_CALLBACKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The event callback: `cb($st, $events)`.
unsafe extern "C" fn on_event(_st: virt_sys::virStreamPtr, events: c_int, opaque: *mut c_void) {
    deliver(opaque, || vec![events.into_value()]);
}

/// A byte count or one of the statuses in `values`; any other negative
/// result is libvirt's error.
fn status(rc: c_int, values: &[c_int]) -> Result<i32> {
    if rc >= 0 || values.contains(&rc) {
        Ok(rc)
    } else {
        Err(ret::last_error())
    }
}

/// What the callbacks of one all-at-once call share: the handlers, `$st`
/// to pass them, and the scope that keeps the first failure.
struct Transfer<'a> {
    sub_name: &'static str,
    scope: Scope,
    stream: OwnedSv,
    data: Code<'a>,
    /// The hole handler, and sparse_send_all's skip handler.
    extra: [Option<Code<'a>>; 2],
}

impl<'a> Transfer<'a> {
    fn new(sub_name: &'static str, st: &Obj<Stream>, data: Code<'a>, extra: [Option<Code<'a>>; 2]) -> Self {
        Transfer { sub_name, scope: Scope::new(sub_name), stream: st.object_ref(), data, extra }
    }

    fn opaque(&self) -> *mut c_void {
        self as *const Self as *mut c_void
    }

    /// The XSUB's outcome: a handler's failure, else libvirt's.
    fn finish(self, rc: c_int) -> Result<()> {
        let outcome = if rc < 0 { Err(ret::last_error()) } else { Ok(()) };
        self.scope.finish(outcome)
    }

    /// Calls `code` as `code($st, @args)` in scalar context and reads its
    /// result as a whole number.
    fn call_for_count(&self, code: &Code, role: &str, args: Vec<Value>) -> Result<i64> {
        let mut all = vec![Value::Sv(self.stream.share())];
        all.extend(args);
        let result = code.call(all, Want::Scalar)?;
        let count = match &result {
            Some(sv) => sv.view(self.sub_name, role).integer_in(i64::MIN as i128, i64::MAX as i128)?,
            None => None,
        };
        match count {
            Some(n) => Ok(n as i64),
            None => croak(format!("{}: the {role} returned undef, not a number", self.sub_name)),
        }
    }

    fn hole_handler(&self) -> &Code<'a> {
        self.extra[0].as_ref().expect("a sparse transfer has a hole handler")
    }
}

/// libvirt's status for a handler's count: an error stays -1.
fn as_status(count: i64) -> c_int {
    count.clamp(-1, c_int::MAX as i64) as c_int
}

/// recv_all's data handler: `handler($st, $data, $nbytes)` returns how many
/// of the bytes it took. libvirt offers the rest again, so a handler that
/// takes none would be called for ever: that is an error here.
unsafe extern "C" fn sink(_st: virt_sys::virStreamPtr, data: *const c_char, nbytes: usize, opaque: *mut c_void) -> c_int {
    // SAFETY: the Transfer that the XSUB passed, alive for its call.
    let transfer = unsafe { &*(opaque as *const Transfer) };
    transfer.scope.guard(-1, || {
        // SAFETY: libvirt passes `nbytes` readable bytes.
        let bytes = unsafe { std::slice::from_raw_parts(data as *const u8, nbytes) };
        let chunk = OwnedSv::from_bytes(transfer.data.arg().perl(), bytes);
        let taken = transfer.call_for_count(&transfer.data, "handler", vec![Value::Sv(chunk), Value::Int(nbytes as i64)])?;
        if taken == 0 {
            return croak(format!(
                "{}: the handler returned 0: it must return the number of bytes it took (at least 1), or -1 for an error",
                transfer.sub_name
            ));
        }
        Ok(as_status(taken.min(nbytes as i64)))
    })
}

/// send_all's data handler: `handler($st, $buffer, $nbytes)` puts up to
/// `$nbytes` bytes in `$buffer` (its `$_[1]`) and returns how many, 0 at
/// the end. Only bytes the handler really put there are sent.
unsafe extern "C" fn source(_st: virt_sys::virStreamPtr, data: *mut c_char, nbytes: usize, opaque: *mut c_void) -> c_int {
    // SAFETY: the Transfer that the XSUB passed, alive for its call.
    let transfer = unsafe { &*(opaque as *const Transfer) };
    transfer.scope.guard(-1, || {
        let buffer = OwnedSv::new(transfer.data.arg().perl(), Value::Bytes(Vec::new()));
        let filled = transfer.call_for_count(&transfer.data, "handler", vec![Value::Sv(buffer.share()), Value::Int(nbytes as i64)])?;
        if filled <= 0 {
            return Ok(as_status(filled));
        }
        let wanted = (filled as u64).min(nbytes as u64) as usize;
        let copied = buffer.view(transfer.sub_name, "buffer").with_bytes(|supplied| {
            if supplied.len() < wanted {
                return Err(supplied.len());
            }
            // SAFETY: libvirt's buffer holds `nbytes` >= `wanted` bytes.
            unsafe { std::ptr::copy_nonoverlapping(supplied.as_ptr(), data as *mut u8, wanted) };
            Ok(wanted)
        })?;
        match copied.unwrap_or(Err(0)) {
            Ok(n) => Ok(n as c_int),
            Err(have) => croak(format!("{}: the handler returned {filled} but put only {have} bytes in its buffer", transfer.sub_name)),
        }
    })
}

/// sparse_recv_all's hole handler: `hole_handler($st, $length)`.
unsafe extern "C" fn sink_hole(_st: virt_sys::virStreamPtr, length: c_longlong, opaque: *mut c_void) -> c_int {
    // SAFETY: the Transfer that the XSUB passed, alive for its call.
    let transfer = unsafe { &*(opaque as *const Transfer) };
    transfer.scope.guard(-1, || {
        let rc = transfer.call_for_count(transfer.hole_handler(), "hole handler", vec![Value::Int(length)])?;
        Ok(as_status(rc))
    })
}

/// The Perl sub (in Stream.pm) that calls a sub in list context and returns its values
/// as an array reference (the bridge calls subs in scalar context only).
const LIST_CALL: &str = "Sys::Virt::Stream::_call_in_list";

/// sparse_send_all's hole handler: `hole_handler($st)` returns
/// `($in_data, $section_length)`.
unsafe extern "C" fn source_hole(
    _st: virt_sys::virStreamPtr,
    in_data: *mut c_int,
    length: *mut c_longlong,
    opaque: *mut c_void,
) -> c_int {
    // SAFETY: the Transfer that the XSUB passed, alive for its call.
    let transfer = unsafe { &*(opaque as *const Transfer) };
    transfer.scope.guard(-1, || {
        let perl = transfer.data.arg().perl();
        let trampoline = OwnedSv::new(perl, Value::Str(LIST_CALL.to_string()));
        let args = vec![Value::Sv(transfer.hole_handler().keep()), Value::Sv(transfer.stream.share())];
        let Some(list) = trampoline.call(args, Want::Scalar)? else {
            return croak(format!("{}: the hole handler returned nothing", transfer.sub_name));
        };
        let items = list.view(transfer.sub_name, "hole handler's result").array_items()?;
        if items.len() != 2 {
            return croak(format!(
                "{}: the hole handler must return two values ($in_data, $length), not {}",
                transfer.sub_name,
                items.len()
            ));
        }
        let flag = items[0].named("value", "in_data").integer_in(i64::MIN as i128, i64::MAX as i128)?.unwrap_or(0);
        let Some(len) = items[1].named("value", "length").integer_in(i64::MIN as i128, i64::MAX as i128)? else {
            return croak(format!("{}: the hole handler returned an undefined length", transfer.sub_name));
        };
        // SAFETY: libvirt passes both out pointers.
        unsafe {
            *in_data = (flag != 0) as c_int;
            *length = len as c_longlong;
        }
        Ok(0)
    })
}

/// sparse_send_all's skip handler: `skip_handler($st, $length)`.
unsafe extern "C" fn source_skip(_st: virt_sys::virStreamPtr, length: c_longlong, opaque: *mut c_void) -> c_int {
    // SAFETY: the Transfer that the XSUB passed, alive for its call.
    let transfer = unsafe { &*(opaque as *const Transfer) };
    transfer.scope.guard(-1, || {
        let skip = transfer.extra[1].as_ref().expect("sparse_send_all has a skip handler");
        let rc = transfer.call_for_count(skip, "skip handler", vec![Value::Int(length)])?;
        Ok(as_status(rc))
    })
}
