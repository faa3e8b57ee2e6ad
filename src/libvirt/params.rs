//! libvirt's typed parameters (`virTypedParameter`): named values of seven
//! types, which many calls take and return as arrays.
//!
//! # Owning an array
//!
//! [`Params`] owns one array and frees it with `virTypedParamsFree` when
//! dropped, on every path (success, a libvirt error, a croak, a Perl die).
//! Arrays come to it in four ways:
//!
//! - [`Params::fetch`]: the usual protocol of the getters that fill a
//!   buffer we give: ask with NULL and a count of 0 to learn the count,
//!   allocate, then ask again to fill it;
//! - [`Params::fetch_sized`]: one call with a buffer of a known size, for
//!   the getters that fill at most as many entries as they are given and
//!   report how many they filled; [`Params::fetch_capped`]: the same with
//!   the most the remote protocol carries, so that a remote connection
//!   makes one round trip instead of two;
//! - [`Params::receive`] / [`Params::adopt`]: arrays that libvirt allocates
//!   and hands over (`virDomainGetPerfEvents`, `virDomainGetGuestInfo`...);
//! - [`Params::new`] and the `add` calls, or [`Params::from_fields`] /
//!   [`Params::from_current`]: arrays we build to pass in, grown through
//!   `virTypedParamsAdd*` so that libvirt's own free matches.
//!
//! # To Perl
//!
//! A `Params` returned from an XSUB (it is [`WriteHash`]) becomes a
//! reference to a new hash of field => value, written straight from the
//! array once the call has succeeded. Values keep their type: INT and
//! LLONG are signed integers, UINT and ULLONG unsigned ones (never
//! negative, ULLONG without loss), DOUBLE a floating-point number,
//! BOOLEAN 0 or 1, STRING a character string (a string that is not valid
//! UTF-8 stays bytes). [`Params::into_hash_renamed`] and
//! [`Params::into_rows`] give the same with some fields renamed, or one
//! hash per row; the records of `virConnectGetAllDomainStats`, which
//! libvirt frees as a whole, are written by [`write_borrowed`].
//!
//! # From Perl
//!
//! Setters read the caller's hash by the names they know, never by walking
//! the hash: [`Params::from_fields`] by a static schema of (name, [`Type`])
//! pairs, [`Params::from_current`] by the fields and types of the current
//! parameters (what libvirt reports before the set). Keys of the caller's
//! hash outside the schema are ignored, as the C module ignores them.
//! [`Type::StringList`] takes an array reference of strings and adds one
//! STRING field per element, for the fields libvirt repeats
//! (`migrate_disks`). A value of the wrong kind croaks naming the method
//! and the field:
//!
//! ```text
//! Sys::Virt::Domain::set_memory_parameters: parameter 'hard_limit' must be an integer, not 'lots'
//! ```

use std::ffi::CStr;
use std::os::raw::{c_char, c_int};

use crate::bridge::{Arg, Error, HashArg, HashOf, HashWriter, IntoValue, Result, Value, WriteFields, WriteHash};

use super::args::c_string;
use super::ret::{copied_text, non_negative};

use virt_sys::{virTypedParameter, virTypedParameterPtr};

/// The type of one field, as libvirt numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Int,
    UInt,
    LLong,
    ULLong,
    Double,
    Boolean,
    String,
    /// An array reference of strings: one STRING field per element.
    StringList,
}

impl Type {
    /// The type of a field libvirt reported; None for an unknown type or
    /// an unused slot (type 0).
    fn of(raw: c_int) -> Option<Type> {
        Some(match raw as u32 {
            virt_sys::VIR_TYPED_PARAM_INT => Type::Int,
            virt_sys::VIR_TYPED_PARAM_UINT => Type::UInt,
            virt_sys::VIR_TYPED_PARAM_LLONG => Type::LLong,
            virt_sys::VIR_TYPED_PARAM_ULLONG => Type::ULLong,
            virt_sys::VIR_TYPED_PARAM_DOUBLE => Type::Double,
            virt_sys::VIR_TYPED_PARAM_BOOLEAN => Type::Boolean,
            virt_sys::VIR_TYPED_PARAM_STRING => Type::String,
            _ => return None,
        })
    }
}

/// A static schema: each field a setter knows, with its type. Names come
/// from `virt_sys` constants (`virt_sys::VIR_MIGRATE_PARAM_URI`).
pub type Fields = [(&'static CStr, Type)];

/// What an empty array points to.
struct Empty(virTypedParameter);
// SAFETY: never written (libvirt's setters only read their array, and
// read none of it with a count of 0).
unsafe impl Sync for Empty {}
// SAFETY: an all-zero entry is an unused slot.
static EMPTY: Empty = Empty(unsafe { std::mem::zeroed() });

/// One owned array of typed parameters.
pub struct Params {
    ptr: virTypedParameterPtr,
    /// Entries in use.
    len: c_int,
    /// Entries allocated (what `virTypedParamsAdd*` grows).
    cap: c_int,
}

impl Drop for Params {
    fn drop(&mut self) {
        if !self.ptr.is_null() {
            // SAFETY: the array is ours, allocated by libvirt or by calloc
            // (libvirt frees with g_free, which is free), and its unused
            // slots are zeroed, which virTypedParamsClear skips.
            unsafe { virt_sys::virTypedParamsFree(self.ptr, self.cap.max(self.len)) }
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params::new()
    }
}

impl Params {
    /// An empty array, to add to.
    pub fn new() -> Params {
        Params { ptr: std::ptr::null_mut(), len: 0, cap: 0 }
    }

    /// Takes over an array that libvirt allocated.
    ///
    /// # Safety
    /// `ptr` must be NULL (with `len` 0) or an array of `len` typed
    /// parameters from libvirt that nothing else frees.
    pub unsafe fn adopt(ptr: virTypedParameterPtr, len: c_int) -> Params {
        let len = if ptr.is_null() { 0 } else { len.max(0) };
        Params { ptr, len, cap: len }
    }

    /// Runs a call that allocates an array and stores it and its length
    /// through the pointers it is given (returning -1 with libvirt's error
    /// on failure). Whatever the call stored is freed, even on failure.
    pub fn receive(call: impl FnOnce(&mut virTypedParameterPtr, &mut c_int) -> c_int) -> Result<Params> {
        let mut ptr: virTypedParameterPtr = std::ptr::null_mut();
        let mut len: c_int = 0;
        let rc = call(&mut ptr, &mut len);
        // SAFETY: the call hands the array over (NULL when it stored none).
        let params = unsafe { Params::adopt(ptr, len) };
        non_negative(rc)?;
        Ok(params)
    }

    /// A zeroed buffer of `cap` entries for libvirt to fill.
    fn zeroed(cap: c_int) -> Params {
        if cap <= 0 {
            return Params::new();
        }
        // SAFETY: calloc of plain data; an all-zero entry is an unused slot.
        let ptr = unsafe { libc::calloc(cap as usize, std::mem::size_of::<virTypedParameter>()) } as virTypedParameterPtr;
        if ptr.is_null() {
            std::alloc::handle_alloc_error(std::alloc::Layout::array::<virTypedParameter>(cap as usize).expect("small array"));
        }
        Params { ptr, len: 0, cap }
    }

    /// Fills a buffer of `cap` entries with one call of `fill(buffer,
    /// &mut n)`, where `n` goes in as the buffer's size and comes back as
    /// the number of entries filled.
    pub fn fetch_sized(cap: c_int, fill: impl FnOnce(virTypedParameterPtr, &mut c_int) -> c_int) -> Result<Params> {
        let mut params = Params::zeroed(cap);
        let mut n = params.cap;
        non_negative(fill(params.ptr, &mut n))?;
        params.len = n.clamp(0, params.cap);
        Ok(params)
    }

    /// The count-allocate-fetch protocol: `get(NULL, &mut 0)` stores the
    /// count, then `get(buffer, &mut count)` fills the buffer.
    pub fn fetch(mut get: impl FnMut(virTypedParameterPtr, &mut c_int) -> c_int) -> Result<Params> {
        let mut count: c_int = 0;
        non_negative(get(std::ptr::null_mut(), &mut count))?;
        if count <= 0 {
            return Ok(Params::new());
        }
        Params::fetch_sized(count, get)
    }

    /// One call with a buffer of `cap` entries (the most a remote
    /// daemon's protocol carries for this call), falling back to the
    /// count protocol only when the buffer came back full, in case a
    /// local driver has more.
    pub fn fetch_capped(cap: c_int, mut get: impl FnMut(virTypedParameterPtr, &mut c_int) -> c_int) -> Result<Params> {
        let first = Params::fetch_sized(cap, &mut get)?;
        if first.len < cap {
            return Ok(first);
        }
        let mut count: c_int = 0;
        non_negative(get(std::ptr::null_mut(), &mut count))?;
        if count <= cap {
            return Ok(first);
        }
        drop(first);
        Params::fetch_sized(count, get)
    }

    /// Passes the array to a libvirt call that reads it, `call(array,
    /// count)`, returning 0 or -1 with libvirt's error.
    /// An empty array still goes as a valid pointer: libvirt refuses NULL
    /// even with a count of 0, and the C module's setters with no field to
    /// change succeed.
    pub fn pass(&self, call: impl FnOnce(virTypedParameterPtr, c_int) -> c_int) -> Result<()> {
        non_negative(call(self.as_ptr(), self.len)).map(|_| ())
    }

    /// The array for a libvirt call that reads it; never NULL (an empty
    /// array is a pointer to an unused slot, which libvirt never reads).
    pub fn as_ptr(&self) -> virTypedParameterPtr {
        if self.ptr.is_null() {
            return std::ptr::addr_of!(EMPTY.0) as virTypedParameterPtr;
        }
        self.ptr
    }

    /// The number of entries, for a libvirt call that takes the array
    /// without returning an int (which `pass` needs).
    #[allow(dead_code)]
    pub fn count(&self) -> c_int {
        self.len
    }

    fn entries(&self) -> &[virTypedParameter] {
        if self.ptr.is_null() {
            return &[];
        }
        // SAFETY: len entries of the array are initialised.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len as usize) }
    }

    /// The array as a hash of field => value, with some fields under
    /// other names: (libvirt's, ours).
    pub fn into_hash_renamed(self, renames: &'static [(&'static str, &'static str)]) -> HashOf<impl WriteFields> {
        // SAFETY: as above.
        HashOf(move |h| unsafe { write_entries(h, self.entries(), renames) })
    }

    /// The array cut into rows of `per_row` entries, each a hash (the
    /// layout of `virDomainGetCPUStats`). Unused slots are left out.
    pub fn into_rows(self, per_row: usize) -> Vec<Value> {
        if per_row == 0 || self.len <= 0 {
            return Vec::new();
        }
        let rows = (self.len as usize).div_ceil(per_row);
        let params = std::rc::Rc::new(self);
        (0..rows)
            .map(|row| {
                let params = params.clone();
                HashOf(move |h| {
                    let entries = params.entries();
                    let row = &entries[row * per_row..((row + 1) * per_row).min(entries.len())];
                    // SAFETY: as above.
                    unsafe { write_entries(h, row, &[]) }
                })
                .into_value()
            })
            .collect()
    }

    /// Appends one field with a value of its type.
    pub fn add(&mut self, name: &CStr, value: Typed) -> Result<()> {
        let text = match &value {
            Typed::String(s) => Some(c_string(s)),
            _ => None,
        };
        let (p, n, cap, name) = (&mut self.ptr, &mut self.len, &mut self.cap, name.as_ptr());
        // SAFETY: ptr/len/cap describe an array that virTypedParamsAdd*
        // may grow (realloc) and store into; the name and string are
        // copied by libvirt.
        let rc = unsafe {
            match value {
                Typed::Int(v) => virt_sys::virTypedParamsAddInt(p, n, cap, name, v),
                Typed::UInt(v) => virt_sys::virTypedParamsAddUInt(p, n, cap, name, v),
                Typed::LLong(v) => virt_sys::virTypedParamsAddLLong(p, n, cap, name, v),
                Typed::ULLong(v) => virt_sys::virTypedParamsAddULLong(p, n, cap, name, v),
                Typed::Double(v) => virt_sys::virTypedParamsAddDouble(p, n, cap, name, v),
                Typed::Boolean(v) => virt_sys::virTypedParamsAddBoolean(p, n, cap, name, v as c_int),
                Typed::String(_) => virt_sys::virTypedParamsAddString(p, n, cap, name, super::args::c_opt(&text)),
            }
        };
        non_negative(rc).map(|_| ())
    }

    /// Builds the array from the caller's hash, by a static schema.
    pub fn from_fields(hash: HashArg, fields: &Fields) -> Result<Params> {
        let mut params = Params::new();
        for &(name, ty) in fields {
            let key = name.to_str().expect("libvirt's field names are ASCII");
            if let Some(arg) = hash.get(key)? {
                params.add_from(name, ty, arg)?;
            }
        }
        Ok(params)
    }

    /// The caller's values for the fields of the current parameters (what
    /// libvirt reported), each with its reported name and type: only those
    /// fields can be set, and only those the hash names are passed. The
    /// values go into the current array in place, moved to its front.
    pub fn from_current(hash: HashArg, mut current: Params) -> Result<Params> {
        let mut wanted = 0;
        for i in 0..current.len.max(0) as usize {
            // SAFETY: i < len, the array is ours and initialised.
            let p = unsafe { &mut *current.ptr.add(i) };
            let Some(ty) = Type::of(p.type_) else { continue };
            // SAFETY: libvirt NUL-terminates the field within its 80 bytes.
            let key = String::from_utf8_lossy(unsafe { CStr::from_ptr(p.field.as_ptr()) }.to_bytes());
            let Some(arg) = hash.get(&key)? else { continue };
            let value = read(ty, &arg)?;
            // SAFETY: the entry is ours; its value is of type `ty`.
            unsafe { overwrite(p, value) };
            // SAFETY: wanted <= i < len.
            unsafe { std::ptr::swap(current.ptr.add(wanted), current.ptr.add(i)) };
            wanted += 1;
        }
        // The entries past `wanted` stay allocated (and are freed) but are
        // not passed.
        current.cap = current.cap.max(current.len);
        current.len = wanted as c_int;
        Ok(current)
    }

    fn add_from(&mut self, name: &CStr, ty: Type, arg: Arg) -> Result<()> {
        if ty == Type::StringList {
            for (index, item) in arg.array_items()?.iter().enumerate() {
                let label = format!("{}[{index}]", name.to_string_lossy());
                let value = read_string(&item.named("parameter", &label))?;
                self.add(name, Typed::String(value))?;
            }
            return Ok(());
        }
        let value = read(ty, &arg)?;
        self.add(name, value)
    }
}

/// One value on its way into an array.
pub enum Typed {
    Int(i32),
    UInt(u32),
    LLong(i64),
    ULLong(u64),
    Double(f64),
    Boolean(bool),
    String(String),
}

/// Replaces an entry's value with one of the same type.
///
/// # Safety
/// `p` must be an initialised entry whose type is the value's; a STRING
/// entry's old value must be NULL or from malloc.
unsafe fn overwrite(p: &mut virTypedParameter, value: Typed) {
    match value {
        Typed::Int(v) => p.value.i = v,
        Typed::UInt(v) => p.value.ui = v,
        Typed::LLong(v) => p.value.l = v,
        Typed::ULLong(v) => p.value.ul = v,
        Typed::Double(v) => p.value.d = v,
        Typed::Boolean(v) => p.value.b = v as c_char,
        Typed::String(s) => {
            // libvirt frees the array's strings with g_free, which is free.
            let copy = libc::strdup(c_string(&s).as_ptr());
            if copy.is_null() {
                std::alloc::handle_alloc_error(std::alloc::Layout::array::<u8>(s.len() + 1).expect("small string"));
            }
            libc::free(p.value.s as *mut libc::c_void);
            p.value.s = copy;
        }
    }
}

/// Reads the caller's value for a field of type `ty`.
fn read(ty: Type, arg: &Arg) -> Result<Typed> {
    Ok(match ty {
        Type::Int => Typed::Int(read_integer(arg, i32::MIN.into(), i32::MAX.into())? as i32),
        Type::UInt => Typed::UInt(read_integer(arg, 0, u32::MAX.into())? as u32),
        Type::LLong => Typed::LLong(read_integer(arg, i64::MIN.into(), i64::MAX.into())? as i64),
        Type::ULLong => Typed::ULLong(read_integer(arg, 0, u64::MAX.into())? as u64),
        Type::Double => Typed::Double(read_double(arg)?),
        Type::Boolean => Typed::Boolean(read_boolean(arg)?),
        Type::String | Type::StringList => Typed::String(read_string(arg)?),
    })
}

/// Whether the value is a reference (one without overloading).
fn refused_as_reference(arg: &Arg) -> Result<bool> {
    match arg.string() {
        Ok(_) => Ok(false),
        Err(Error::Croak(_)) => Ok(true),
        Err(other) => Err(other),
    }
}

/// Turns the bridge's refusal into ours; other failures (a die in a tie)
/// pass through.
fn refusal<T>(result: Result<T>, arg: &Arg, what: &str) -> Result<T> {
    match result {
        Err(Error::Croak(_)) => arg.error(what),
        other => other,
    }
}

/// An exact integer in lo..=hi. Decimal strings are read exactly (beyond
/// the 53 bits a floating-point number holds); numbers with no fraction
/// are accepted as integers.
fn read_integer(arg: &Arg, lo: i128, hi: i128) -> Result<i128> {
    if let Some(value) = arg.plain_integer() {
        if value < lo || value > hi {
            return arg.error(&format!("must be an integer within {lo}..{hi}, not {value}"));
        }
        return Ok(value);
    }
    if !arg.is_defined()? {
        return arg.error("must be an integer, not undef");
    }
    let text = match arg.string() {
        Ok(text) => text.unwrap_or_default(),
        Err(Error::Croak(_)) => return arg.error("must be an integer, not a reference"),
        Err(other) => return Err(other),
    };
    let exact = text.trim().parse::<i128>().ok();
    let value = match exact {
        Some(v) => v,
        None => match arg.number() {
            Ok(Some(n)) if n.is_finite() && n.fract() == 0.0 => {
                if n < lo as f64 || n > hi as f64 {
                    return arg.error(&format!("must be an integer within {lo}..{hi}, not {text}"));
                }
                n as i128
            }
            Ok(Some(_)) => return arg.error(&format!("must be an integer, not {text}")),
            Ok(None) => return arg.error("must be an integer, not undef"),
            Err(Error::Croak(_)) => return arg.error(&format!("must be an integer, not '{text}'")),
            Err(other) => return Err(other),
        },
    };
    if value < lo || value > hi {
        return arg.error(&format!("must be an integer within {lo}..{hi}, not {value}"));
    }
    Ok(value)
}

fn read_double(arg: &Arg) -> Result<f64> {
    if refused_as_reference(arg)? {
        return arg.error("must be a number, not a reference");
    }
    match refusal(arg.number(), arg, "must be a number")? {
        Some(n) => Ok(n),
        None => arg.error("must be a number, not undef"),
    }
}

/// Perl's truth, but not of a reference (always true, surely a mistake).
fn read_boolean(arg: &Arg) -> Result<bool> {
    if refused_as_reference(arg)? {
        return arg.error("must be a boolean, not a reference");
    }
    arg.truth()
}

fn read_string(arg: &Arg) -> Result<String> {
    match arg.string()? {
        Some(text) => Ok(text),
        None => arg.error("must be a string, not undef"),
    }
}

/// An entry's field name, without its NUL.
fn field_bytes(p: &virTypedParameter) -> &[u8] {
    // SAFETY: libvirt NUL-terminates the field within its 80 bytes.
    unsafe { CStr::from_ptr(p.field.as_ptr()) }.to_bytes()
}

/// Writes each entry as field => value, its value of its type: INT and
/// LLONG signed, UINT and ULLONG unsigned, DOUBLE a number, BOOLEAN 0 or
/// 1, STRING characters when UTF-8 (libvirt's strings are), bytes
/// otherwise. Unused slots and unknown types are left out; a field named
/// in `renames` goes under its new name.
///
/// # Safety
/// Every entry's string value (type STRING) must be NULL or a valid C
/// string.
unsafe fn write_entries(h: &mut HashWriter, entries: &[virTypedParameter], renames: &[(&'static str, &'static str)]) {
    for p in entries {
        let Some(ty) = Type::of(p.type_) else { continue };
        let field = field_bytes(p);
        let key = renames.iter().find(|(from, _)| from.as_bytes() == field).map_or(field, |(_, to)| to.as_bytes());
        // SAFETY (each arm): the union member read is the one `type_` names.
        match ty {
            Type::Int => h.put_named(key, p.value.i),
            Type::UInt => h.put_named(key, p.value.ui),
            Type::LLong => h.put_named(key, p.value.l),
            Type::ULLong => h.put_named(key, p.value.ul),
            Type::Double => h.put_named(key, p.value.d),
            Type::Boolean => h.put_named(key, p.value.b != 0),
            Type::String | Type::StringList => h.put_named(key, copied_text(p.value.s)),
        };
    }
}

/// Writes an array that stays libvirt's (the parameters of one of
/// `virConnectGetAllDomainStats`'s records) as field => value.
///
/// # Safety
/// `ptr` must be NULL or point to `len` entries that libvirt filled in and
/// keeps alive for the call.
pub unsafe fn write_borrowed(h: &mut HashWriter, ptr: virTypedParameterPtr, len: c_int) {
    if !ptr.is_null() && len > 0 {
        write_entries(h, std::slice::from_raw_parts(ptr, len as usize), &[]);
    }
}

/// Returned, the array is a hash of field => value.
impl WriteHash for Params {
    fn write_hash(self, h: &mut HashWriter) {
        // SAFETY: the entries are ours and initialised.
        unsafe { write_entries(h, self.entries(), &[]) }
    }
}
