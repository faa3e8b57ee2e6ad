//! Lists from libvirt: the `...ListAll...` calls, and the older
//! `...ListNames(buffer, maxnames)` calls.
//!
//! Some drivers report the full count even when it is larger than the
//! buffer they were given (libvirt 9.0.0's test driver does, for snapshot
//! names), so the count is never trusted as a number of filled slots: only
//! `min(count, buffer length)` entries are read, and a count that says
//! "there may be more" makes us ask again with a larger buffer. The buffer
//! is sized from the caller's cap, or from libvirt's count of entries.

use std::os::raw::{c_char, c_int};

use crate::bridge::{Arg, CountedList, FromArg, Handle, Handles, Owned, Result, Texts};

use super::ret::{last_error, non_negative};

/// Runs a `...ListAll...` call, which stores a new array of handles through
/// the pointer it is given and returns its length, or -1 with the thread's
/// libvirt error set.
///
/// # Safety
/// `list_all` must be such a call for handles of kind `K`, each in the
/// array carrying a reference that becomes ours.
pub unsafe fn list_all<K: Handle>(list_all: impl FnOnce(&mut *mut K::Ptr) -> c_int) -> Result<Handles<K>> {
    let mut array: *mut K::Ptr = std::ptr::null_mut();
    let count = non_negative(list_all(&mut array))?;
    Ok(Handles::adopt(array, count as usize))
}

/// How many names a caller wants.
#[derive(Clone, Copy, Debug)]
pub enum MaxNames {
    /// The argument was left out or undef: every name.
    All,
    AtMost(usize),
}

impl<'a> FromArg<'a> for MaxNames {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Ok(MaxNames::All) };
        match arg.integer_in(i128::from(i64::MIN), i128::from(u64::MAX))? {
            None => Ok(MaxNames::All),
            Some(n) if n < 0 => arg.error("must not be negative"),
            // libvirt takes an int; asking for more than that many is asking for all.
            Some(n) => Ok(MaxNames::AtMost(n.min(i128::from(c_int::MAX)) as usize)),
        }
    }
}

/// The first buffer when the caller gives a cap and libvirt no count.
const FIRST_BUFFER: usize = 64;
/// The largest first buffer sized from a caller's cap.
const LARGEST_FIRST_BUFFER: usize = 65536;

/// Calls `list(buffer, length)` until it has every entry wanted and
/// returns the filled part of the last buffer. `count` tells how many
/// entries there are now, so that one call usually suffices; `discard`
/// gets the entries of a pass that is retried with a larger buffer.
fn collect<T: Copy>(
    wanted: MaxNames,
    count: &dyn Fn() -> c_int,
    empty: T,
    mut list: impl FnMut(*mut T, c_int) -> c_int,
    mut discard: impl FnMut(&[T]),
) -> Result<Vec<T>> {
    let (limit, mut length) = match wanted {
        // Nothing to ask for; libvirtd 9.0.0 crashes on a zero-length request.
        MaxNames::AtMost(0) => return Ok(Vec::new()),
        MaxNames::AtMost(n) => (n, n.min(LARGEST_FIRST_BUFFER)),
        // One slot more than the count, so that a full buffer means growth.
        MaxNames::All => match count() {
            n if n >= 0 => (c_int::MAX as usize, n as usize + 1),
            _ => (c_int::MAX as usize, FIRST_BUFFER),
        },
    };
    loop {
        let mut buffer: Vec<T> = vec![empty; length.max(1)];
        let count = list(buffer.as_mut_ptr(), length as c_int);
        if count < 0 {
            return Err(last_error());
        }
        let count = count as usize;
        buffer.truncate(count.min(length));
        if count < length || length >= limit {
            return Ok(buffer);
        }
        // Full buffer and more wanted: there may be more than we saw.
        discard(&buffer);
        length = limit.min(count.max(length.saturating_mul(2)));
    }
}

/// Names from a `...ListNames(buffer, maxnames)` call, handed to Perl
/// without a Rust copy; `count` is the matching `...Num...` call.
pub fn collect_names(
    wanted: MaxNames,
    count: &dyn Fn() -> c_int,
    list: impl FnMut(*mut *mut c_char, c_int) -> c_int,
) -> Result<Texts> {
    // SAFETY: libvirt hands over each string it fills in.
    let discard = |names: &[*mut c_char]| names.iter().for_each(|&name| unsafe { libc::free(name as *mut libc::c_void) });
    let names = collect(wanted, count, std::ptr::null_mut(), list, discard)?;
    // SAFETY: as above; the strings now belong to the list.
    Ok(unsafe { Texts::from_owned(names) })
}

/// Numbers from a `...List(buffer, maxids)` call (domain ids).
pub fn collect_ids(
    wanted: MaxNames,
    count: &dyn Fn() -> c_int,
    list: impl FnMut(*mut c_int, c_int) -> c_int,
) -> Result<Vec<c_int>> {
    collect(wanted, count, 0, list, |_| ())
}

/// One object per name of a `...ListNames(buffer, maxnames)` call, each
/// found with `lookup`, as the older `list_*` methods return them: the
/// list is as long as `count` said just before, and a name whose lookup
/// fails (the object went away in between) is left out. Outside list
/// context the result is the count, as from the C module's Perl subs.
///
/// # Safety
/// `lookup` must return NULL or a new handle of kind `K` carrying a
/// reference that becomes ours.
pub unsafe fn objects_by_name<K: Handle>(
    count: &dyn Fn() -> c_int,
    list: impl FnMut(*mut *mut c_char, c_int) -> c_int,
    lookup: impl Fn(*const c_char) -> K::Ptr,
) -> Result<CountedList<Owned<K>>> {
    let wanted = MaxNames::AtMost(non_negative(count())? as usize);
    let names = collect(wanted, &|| -1, std::ptr::null_mut(), list, |_| ())?;
    let objects = names
        .into_iter()
        .filter_map(|name| {
            let handle = lookup(name);
            libc::free(name as *mut libc::c_void);
            (!K::to_void(handle).is_null()).then(|| Owned::adopt(handle))
        })
        .collect();
    // A failed lookup's error is not the caller's to see.
    virt_sys::virResetLastError();
    Ok(CountedList(objects))
}

/// Strings from a call that stores a new array of `count` malloc'd
/// strings through its out-pointer; the array itself is freed here.
///
/// # Safety
/// `array` must be NULL or such an array with at least `count` entries.
pub unsafe fn adopt_strings(array: *mut *mut c_char, count: c_int) -> Texts {
    if array.is_null() {
        return Texts::from_owned(Vec::new());
    }
    let strings = std::slice::from_raw_parts(array, count.max(0) as usize).to_vec();
    libc::free(array as *mut libc::c_void);
    Texts::from_owned(strings)
}
