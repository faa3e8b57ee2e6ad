//! Perl arguments on their way into typed Rust values.

use std::borrow::Cow;
use std::marker::PhantomData;
use std::os::raw::{c_char, c_int, c_void};

use super::error::{Error, Result};
use super::ffi::{self, Perl, SV};
use super::layout;
use super::object::{refusal, Handle, Obj};
use super::sv::OwnedSv;
use super::value::{new_sv, Value};

/// The arguments of one XSUB call.
pub struct Args {
    pub(super) perl: Perl,
    pub(super) base: *mut *mut SV,
    pub(super) items: i32,
    /// `Package::method`, for messages.
    pub sub_name: &'static str,
    /// What the entry already learned about ST(0).
    pub(super) first: Known,
}

/// An object of ours seen on the stack (kind 0: none).
#[derive(Clone, Copy)]
pub(super) struct Known {
    pub(super) kind: u16,
    pub(super) handle: *mut c_void,
    pub(super) inner: *mut SV,
}

impl Known {
    pub(super) const NONE: Known = Known { kind: 0, handle: std::ptr::null_mut(), inner: std::ptr::null_mut() };
}

/// One Perl value borrowed for the length of the call: an argument on the
/// stack, or a value inside one. `sub_name`, `role` and `name` go into
/// messages ("Sys::Virt::Domain::set_memory_parameters: parameter
/// 'hard_limit' must be an integer").
#[derive(Clone, Copy)]
pub struct Arg<'a> {
    perl: Perl,
    sv: *mut SV,
    sub_name: &'static str,
    role: &'static str,
    name: &'a str,
    /// Whether more arguments follow this one on the stack.
    more: bool,
    /// The object this argument holds, when the entry already looked.
    known: Known,
    _borrow: PhantomData<&'a ()>,
}

impl Args {
    pub fn len(&self) -> usize {
        self.items as usize
    }

    pub fn get<'a>(&'a self, index: usize, name: &'static str) -> Option<Arg<'a>> {
        if index >= self.len() {
            return None;
        }
        // SAFETY: index < items, so ST(index) is on the stack.
        let sv = unsafe { *self.base.add(index) };
        let known = if index == 0 { self.first } else { Known::NONE };
        Some(Arg {
            perl: self.perl,
            sv,
            sub_name: self.sub_name,
            role: "argument",
            name,
            more: index + 1 < self.len(),
            known,
            _borrow: PhantomData,
        })
    }
}

/// Converts one Perl argument into a typed Rust value.
pub trait FromArg<'a>: Sized {
    /// May the caller leave this argument out?
    const OPTIONAL: bool = false;
    /// `arg` is None when the caller passed fewer arguments.
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self>;
}

/// A number as perl holds it: an integer (IV or UV) or a float (NV).
enum Numeric {
    Integer(i128),
    Float(f64),
}

/// How `svb_fetch` reads a scalar.
#[derive(Clone, Copy)]
enum Read {
    Number = 0,
    StringOrUndef = 1,
    /// undef reads as "", with Perl's "uninitialized value" warning.
    String = 2,
}

fn jump(jumped: c_int) -> Result<()> {
    if jumped == 0 {
        Ok(())
    } else {
        Err(Error::Died(jumped))
    }
}

impl<'a> Arg<'a> {
    fn fetch(&self, mode: Read) -> Result<ffi::Scalar> {
        let mut out = std::mem::MaybeUninit::<ffi::Scalar>::uninit();
        // SAFETY: sv is a live SV; the shim catches any die.
        jump(unsafe { ffi::svb_fetch(self.perl, self.sv, mode as c_int, out.as_mut_ptr()) })?;
        // SAFETY: svb_fetch zeroes then fills the whole struct.
        Ok(unsafe { out.assume_init() })
    }

    /// A view of a value inside this one (an element, a hash value).
    fn inner<'b>(&self, sv: *mut SV, role: &'static str, name: &'b str) -> Arg<'b>
    where
        'a: 'b,
    {
        Arg { perl: self.perl, sv, sub_name: self.sub_name, role, name, more: true, known: Known::NONE, _borrow: PhantomData }
    }

    /// The same value under another name in messages.
    pub fn named<'b>(&self, role: &'static str, name: &'b str) -> Arg<'b>
    where
        'a: 'b,
    {
        Arg { role, name, ..self.inner(self.sv, role, name) }
    }

    /// A message naming the sub and this argument.
    pub fn error<T>(&self, what: &str) -> Result<T> {
        Err(self.refuse(what))
    }

    pub fn refuse(&self, what: &str) -> Error {
        Error::Croak(format!("{}: {} '{}' {}", self.sub_name, self.role, self.name, what))
    }

    pub fn sub_name(&self) -> &'static str {
        self.sub_name
    }

    /// The argument's name in messages.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The argument's integer when it is a plain, exact integer (no tie,
    /// no overloading, not a string that merely starts with digits),
    /// read without running any Perl code; None otherwise, for the
    /// general readers to judge.
    pub fn plain_integer(&self) -> Option<i128> {
        // SAFETY: the argument is a live SV for the call.
        unsafe { layout::plain_integer(self.sv) }
    }

    pub fn is_defined(&self) -> Result<bool> {
        Ok(self.fetch(Read::Number)?.flags & ffi::SVB_DEFINED != 0)
    }

    /// The argument's numeric value as perl holds it; undef gives None.
    /// References (unless overloaded) and non-numbers are refused.
    fn numeric(&self) -> Result<Option<Numeric>> {
        if let Some(v) = self.plain_integer() {
            return Ok(Some(Numeric::Integer(v)));
        }
        let s = self.fetch(Read::Number)?;
        if s.flags & ffi::SVB_DEFINED == 0 {
            return Ok(None);
        }
        if s.flags & ffi::SVB_REF != 0 && s.flags & ffi::SVB_OVERLOADED == 0 {
            return self.error("must be a number, not a reference");
        }
        if s.flags & ffi::SVB_IV != 0 {
            return Ok(Some(Numeric::Integer(s.iv as i128)));
        }
        if s.flags & ffi::SVB_UV != 0 {
            return Ok(Some(Numeric::Integer(s.uv as i128)));
        }
        if s.flags & ffi::SVB_NV != 0 {
            return Ok(Some(Numeric::Float(s.nv)));
        }
        self.error("must be a number")
    }

    /// The argument as an exact integer, if it is one.
    fn integer(&self) -> Result<Option<i128>> {
        match self.numeric()? {
            Some(Numeric::Float(nv)) if nv.is_finite() && nv.fract() == 0.0 && nv.abs() < 1.8e19 => Ok(Some(nv as i128)),
            Some(Numeric::Float(nv)) => self.error(&format!("must be an integer, not {nv}")),
            Some(Numeric::Integer(v)) => Ok(Some(v)),
            None => Ok(None),
        }
    }

    /// An integer in `lo..=hi`; undef gives None.
    pub fn integer_in(&self, lo: i128, hi: i128) -> Result<Option<i128>> {
        match self.integer()? {
            Some(v) if v < lo || v > hi => self.error(&format!("is out of range ({v} is not within {lo}..{hi})")),
            other => Ok(other),
        }
    }

    /// The argument as a floating-point number; undef gives None.
    pub fn number(&self) -> Result<Option<f64>> {
        Ok(self.numeric()?.map(|n| match n {
            Numeric::Integer(v) => v as f64,
            Numeric::Float(nv) => nv,
        }))
    }

    /// The argument's string; undef gives None.
    pub fn string(&self) -> Result<Option<String>> {
        self.read_string(Read::StringOrUndef)
    }

    /// The argument's string; undef reads as "" and warns, as Perl does.
    pub fn text(&self) -> Result<String> {
        Ok(self.read_string(Read::String)?.unwrap_or_default())
    }

    /// A character string gives its UTF-8 encoding. A byte string is taken
    /// as UTF-8 when it is valid UTF-8, and as Latin-1 characters otherwise.
    fn read_string(&self, mode: Read) -> Result<Option<String>> {
        let s = self.fetch(mode)?;
        if s.flags & ffi::SVB_DEFINED == 0 {
            return Ok(None);
        }
        if s.flags & ffi::SVB_REF != 0 && s.flags & ffi::SVB_OVERLOADED == 0 {
            return self.error("must be a string, not a reference");
        }
        // SAFETY: pv/len describe the SV's string buffer, alive during the call.
        let bytes = unsafe { std::slice::from_raw_parts(s.pv as *const u8, s.len) };
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) if s.flags & ffi::SVB_UTF8 != 0 => return self.error("is not well-formed UTF-8"),
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        };
        if text.contains('\0') {
            return self.error("must not contain a NUL character");
        }
        Ok(Some(text))
    }

    /// The argument's raw bytes (no character decoding), borrowed from the
    /// scalar's buffer when it already holds bytes; undef gives None. The
    /// borrow is only sound while no Perl code runs: see [`Bytes`].
    fn byte_view(&self) -> Result<Option<Cow<'a, [u8]>>> {
        let s = self.fetch(Read::StringOrUndef)?;
        if s.flags & ffi::SVB_DEFINED == 0 {
            return Ok(None);
        }
        if s.flags & ffi::SVB_REF != 0 && s.flags & ffi::SVB_OVERLOADED == 0 {
            return self.error("must be a byte string, not a reference");
        }
        // SAFETY: pv/len describe the SV's string buffer, alive during the call.
        let bytes: &'a [u8] = unsafe { std::slice::from_raw_parts(s.pv as *const u8, s.len) };
        if s.flags & ffi::SVB_UTF8 == 0 {
            return Ok(Some(Cow::Borrowed(bytes)));
        }
        // A character string holds bytes only when every character is < 256.
        match std::str::from_utf8(bytes) {
            Ok(text) if text.chars().all(|c| (c as u32) < 256) => Ok(Some(Cow::Owned(text.chars().map(|c| c as u8).collect()))),
            _ => self.error("must be a byte string"),
        }
    }

    /// Runs `f` on the argument's raw bytes (no character decoding),
    /// borrowed from the scalar when it holds bytes already; undef gives
    /// None. `f` must not run Perl code (the buffer could move).
    pub fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> Result<Option<R>> {
        Ok(self.byte_view()?.map(|bytes| f(&bytes)))
    }

    /// The argument's raw bytes (no character decoding), copied; undef gives None.
    pub fn bytes(&self) -> Result<Option<Vec<u8>>> {
        Ok(self.byte_view()?.map(Cow::into_owned))
    }

    pub fn perl(&self) -> Perl {
        self.perl
    }

    pub(super) fn sv(&self) -> *mut SV {
        self.sv
    }

    /// Whether more arguments follow this one (whose reading may run Perl code).
    pub fn has_more(&self) -> bool {
        self.more
    }

    /// The type of what the argument refers to (`SVt_*`), None for a non-reference.
    fn referent_type(&self) -> Result<Option<c_int>> {
        let mut kind: c_int = -1;
        // SAFETY: a live SV; the shim catches any die (get magic).
        jump(unsafe { ffi::svb_ref_type(self.perl, self.sv, &mut kind) })?;
        Ok((kind >= 0).then_some(kind))
    }

    /// The elements of an array reference argument (undef for holes).
    pub fn array_items(&self) -> Result<Vec<Arg<'a>>> {
        let fetch = |index: isize| -> Result<(isize, *mut SV)> {
            let (mut len, mut found) = (0isize, std::ptr::null_mut());
            // SAFETY: a live SV; the shim catches any die (tied arrays).
            jump(unsafe { ffi::svb_av_fetch(self.perl, self.sv, index, &mut len, &mut found) })?;
            Ok((len, found))
        };
        // Runs the argument's get magic once (a tied scalar's FETCH), which
        // the element fetches below do not.
        self.referent_type()?;
        let (len, _) = fetch(-1)?;
        if len < 0 {
            return self.error("must be an array reference");
        }
        (0..len)
            .map(|i| {
                let (_, sv) = fetch(i)?;
                // SAFETY: immortal undef stands in for holes.
                let sv = if sv.is_null() { unsafe { ffi::svb_undef(self.perl) } } else { sv };
                Ok(Arg { sv, more: true, known: Known::NONE, ..*self })
            })
            .collect()
    }

    /// `$arg->{key}` when the argument is a hash reference; None when it
    /// is not one or has no such key.
    pub fn field<'b>(&self, key: &'b str) -> Result<Option<Arg<'b>>>
    where
        'a: 'b,
    {
        let mut found: *mut SV = std::ptr::null_mut();
        // SAFETY: a live SV; the shim catches any die (tied hashes).
        jump(unsafe { ffi::svb_hv_fetch(self.perl, self.sv, key.as_ptr() as *const c_char, key.len() as i32, &mut found) })?;
        Ok((!found.is_null()).then(|| self.inner(found, "parameter", key)))
    }
}

impl OwnedSv {
    /// A view of the value for reading, with names for messages.
    pub fn view<'a>(&'a self, sub_name: &'static str, name: &'a str) -> Arg<'a> {
        Arg { perl: self.perl, sv: self.sv, sub_name, role: "value", name, more: false, known: Known::NONE, _borrow: PhantomData }
    }
}

/// A flags argument: unsigned 32 bits, 0 when missing or undef.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flags(pub u32);

impl<'a> FromArg<'a> for Flags {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            None => Ok(Flags(0)),
            Some(arg) => Ok(Flags(arg.integer_in(0, u32::MAX as i128)?.unwrap_or(0) as u32)),
        }
    }
}

macro_rules! integer_args {
    ($($t:ty),*) => {$(
        impl<'a> FromArg<'a> for $t {
            fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
                let Some(arg) = arg else { return Err(Error::Usage) };
                match arg.integer_in(<$t>::MIN as i128, <$t>::MAX as i128)? {
                    Some(v) => Ok(v as $t),
                    None => arg.error("must be a number, not undef"),
                }
            }
        }
        impl<'a> FromArg<'a> for Option<$t> {
            const OPTIONAL: bool = true;
            fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
                match arg {
                    None => Ok(None),
                    Some(arg) => Ok(arg.integer_in(<$t>::MIN as i128, <$t>::MAX as i128)?.map(|v| v as $t)),
                }
            }
        }
    )*};
}
integer_args!(i32, u32, i64, u64);

impl<'a> FromArg<'a> for f64 {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        match arg.number()? {
            Some(v) => Ok(v),
            None => arg.error("must be a number, not undef"),
        }
    }
}

/// A true/false argument, read with Perl's own idea of truth.
impl<'a> FromArg<'a> for bool {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        arg.truth()
    }
}

impl<'a> Arg<'a> {
    /// Perl's truth of the value (running ties and overloading).
    pub fn truth(&self) -> Result<bool> {
        let mut truth: c_int = 0;
        // SAFETY: a live SV; the shim catches any die (ties, overloading).
        jump(unsafe { ffi::svb_truth(self.perl, self.sv, &mut truth) })?;
        Ok(truth != 0)
    }
}

/// A required string: undef reads as "" (with Perl's warning), as the C
/// module's arguments do, and libvirt decides what an empty one means.
impl<'a> FromArg<'a> for String {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        arg.text()
    }
}

/// An optional string: missing or undef gives None.
impl<'a> FromArg<'a> for Option<String> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            None => Ok(None),
            Some(arg) => arg.string(),
        }
    }
}

/// The argument itself, for XSUBs that inspect it further.
impl<'a> FromArg<'a> for Arg<'a> {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        arg.ok_or(Error::Usage)
    }
}

impl<'a> FromArg<'a> for Option<Arg<'a>> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        Ok(arg)
    }
}

// ---------------------------------------------------------------- objects

/// Looks the object up through the shim: anything but a plain object of
/// the right kind in ST(0), which the entry found already.
#[inline(never)]
fn lookup<K: Handle>(arg: &Arg, hold: bool) -> Result<Obj<K>> {
    let mut status: c_int = 0;
    let mut found: u16 = 0;
    let mut held: *mut SV = std::ptr::null_mut();
    let mut inner: *mut SV = std::ptr::null_mut();
    // SAFETY: a live SV; the shim catches any die (ties).
    let handle = unsafe {
        ffi::svb_object_handle(arg.perl, arg.sv, K::KIND, hold as c_int, &mut status, &mut found, &mut held, &mut inner)
    };
    if status == 0 {
        // SAFETY: the object's magic owns a reference that outlives the
        // call (held when Perl code may run meanwhile).
        return Ok(unsafe { Obj::borrowed(arg.perl, handle, inner, held) });
    }
    Err(refusal(K::KIND, status, found, |what| arg.refuse(what)))
}

impl<'a, K: Handle> FromArg<'a> for Obj<K> {
    #[inline(always)]
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        if arg.known.kind == K::KIND {
            // The entry found a live object of this kind here already.
            let held = if arg.has_more() {
                // SAFETY: the object's scalar, alive on the stack.
                unsafe { ffi::svb_refcnt_inc(arg.perl, arg.known.inner) };
                arg.known.inner
            } else {
                std::ptr::null_mut()
            };
            // SAFETY: the object's magic owns the handle; held as above.
            return Ok(unsafe { Obj::borrowed(arg.perl, arg.known.handle, arg.known.inner, held) });
        }
        lookup(&arg, arg.has_more())
    }
}

/// An optional object: missing or undef gives None.
impl<'a, K: Handle> FromArg<'a> for Option<Obj<K>> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            Some(arg) if arg.is_defined()? => Obj::from_arg(Some(arg)).map(Some),
            _ => Ok(None),
        }
    }
}

/// An array reference of live objects of kind `K`, each held for the call.
pub struct ObjList<K: Handle>(pub Vec<Obj<K>>);

impl<'a, K: Handle> FromArg<'a> for ObjList<K> {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let items = arg.array_items()?;
        let mut objects = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let name = format!("{}[{index}]", arg.name);
            let item = item.named("argument", &name);
            objects.push(lookup::<K>(&item, true)?);
        }
        Ok(ObjList(objects))
    }
}

// ------------------------------------------------------ other argument types

/// A hash reference argument, read by the keys the caller asks for (never
/// by walking the user's hash, whose iterator stays untouched).
#[derive(Clone, Copy)]
pub struct HashArg<'a>(Arg<'a>);

impl<'a> HashArg<'a> {
    /// `$hash->{key}`, or None when the hash has no such key.
    pub fn get<'b>(&self, key: &'b str) -> Result<Option<Arg<'b>>>
    where
        'a: 'b,
    {
        self.0.field(key)
    }

    pub fn arg(&self) -> Arg<'a> {
        self.0
    }
}

impl<'a> FromArg<'a> for HashArg<'a> {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        match arg.referent_type()? {
            Some(t) if t == ffi::SVB_TYPE_HASH => Ok(HashArg(arg)),
            _ => arg.error("must be a hash reference"),
        }
    }
}

/// An optional hash reference: missing or undef gives None.
impl<'a> FromArg<'a> for Option<HashArg<'a>> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            Some(arg) if arg.is_defined()? => HashArg::from_arg(Some(arg)).map(Some),
            _ => Ok(None),
        }
    }
}

/// A byte-string argument. Borrowed straight from the scalar's buffer when
/// it is the last argument (no Perl code can run before the body, so the
/// buffer cannot move); copied otherwise.
pub struct Bytes<'a>(pub Cow<'a, [u8]>);

impl<'a> FromArg<'a> for Bytes<'a> {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let bytes = arg.byte_view()?.unwrap_or(Cow::Borrowed(&[]));
        Ok(Bytes(if arg.has_more() { Cow::Owned(bytes.into_owned()) } else { bytes }))
    }
}

impl std::ops::Deref for Bytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

/// The caller's own scalar, to be written (`$st->recv($data, $n)`): held
/// for the call, so the variable outlives any Perl code run meanwhile.
pub struct Out {
    target: OwnedSv,
}

impl Out {
    /// Stores bytes into the caller's scalar, with its set magic (a tied
    /// STORE that dies, or a read-only value, becomes an error).
    pub fn set_bytes(&self, bytes: &[u8]) -> Result<()> {
        // SAFETY: the target is held; the shim catches any die.
        jump(unsafe { ffi::svb_set_pv(self.target.perl, self.target.sv, bytes.as_ptr() as *const c_char, bytes.len()) })
    }

    /// Stores a value into the caller's scalar.
    pub fn set(&self, value: Value) -> Result<()> {
        // SAFETY: building the value runs no Perl code; the shim catches any die.
        unsafe {
            let source = OwnedSv::adopt(self.target.perl, new_sv(self.target.perl, value));
            jump(ffi::svb_set_sv(self.target.perl, self.target.sv, source.sv))
        }
    }
}

impl Out {
    /// Lets `write` put up to `capacity` bytes straight into the caller's
    /// scalar (no copy on the way) and returns what `write` returned: a
    /// count of bytes written, or a negative status. The scalar becomes
    /// exactly the bytes written when the count is positive and is left
    /// as it was otherwise. A scalar that cannot be written in place (tied,
    /// read-only...) is filled through a buffer of our own and its STORE.
    ///
    /// `write` gets a pointer to `capacity` writable bytes; it must not
    /// run Perl code.
    pub fn fill(&self, capacity: usize, write: impl FnOnce(*mut c_char, usize) -> isize) -> Result<isize> {
        let (perl, target) = (self.target.perl, self.target.sv);
        // SAFETY: the target is held for the call; the shim runs no Perl code.
        let room = unsafe { ffi::svb_out_buffer(perl, target, capacity) };
        if !room.is_null() {
            let written = write(room, capacity);
            if written > 0 {
                // SAFETY: `write` filled that many bytes of the room (at most capacity).
                unsafe { ffi::svb_out_commit(perl, target, (written as usize).min(capacity)) };
            }
            return Ok(written);
        }
        let mut buffer: Vec<u8> = Vec::with_capacity(capacity);
        let written = write(buffer.as_mut_ptr() as *mut c_char, capacity);
        if written > 0 {
            // SAFETY: `write` initialised that many bytes (at most capacity).
            unsafe { buffer.set_len((written as usize).min(capacity)) };
            self.set_bytes(&buffer)?;
        }
        Ok(written)
    }
}

impl<'a> FromArg<'a> for Out {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        // SAFETY: the stack SV is alive; the new reference is the Out's.
        let target = unsafe { OwnedSv::adopt(arg.perl, ffi::svb_refcnt_inc(arg.perl, arg.sv)) };
        Ok(Out { target })
    }
}

/// A list of file descriptors: an array reference of descriptor numbers
/// (0 to INT_MAX) or Perl file handles. The descriptors stay the caller's.
pub struct Fds(pub Vec<c_int>);

impl<'a> FromArg<'a> for Fds {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        let items = arg.array_items()?;
        let mut fds = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let name = format!("{}[{index}]", arg.name);
            let item = item.named("argument", &name);
            let mut fd: c_int = -1;
            // SAFETY: a live SV; the shim catches any die (fileno on a tied handle).
            jump(unsafe { ffi::svb_fileno(item.perl, item.sv, &mut fd) })?;
            if fd >= 0 {
                fds.push(fd);
                continue;
            }
            if fd == -2 {
                return item.error("is a closed file handle");
            }
            match item.integer_in(0, c_int::MAX as i128) {
                Ok(Some(n)) => fds.push(n as c_int),
                Ok(None) => return item.error("must be a file descriptor or a file handle, not undef"),
                Err(Error::Croak(_)) => return item.error("must be an open file handle or a descriptor number (0 or more)"),
                Err(other) => return Err(other),
            }
        }
        Ok(Fds(fds))
    }
}

/// A Perl sub to call back: a code reference, or the name of a sub (as
/// `call_sv` accepts). Checked when it is passed, not when it is called.
#[derive(Clone, Copy)]
pub struct Code<'a>(Arg<'a>);

impl<'a> Code<'a> {
    pub(super) fn sv(&self) -> *mut SV {
        self.0.sv
    }
    pub fn arg(&self) -> Arg<'a> {
        self.0
    }

    /// A value of our own holding the same sub (a copy of the argument,
    /// so later changes to the caller's variable do not reach it), for a
    /// callback that outlives the call. Call it with [`OwnedSv::call`].
    pub fn keep(&self) -> OwnedSv {
        // SAFETY: the argument is alive; copying runs no Perl code (its get
        // magic already ran when it was checked).
        unsafe { OwnedSv::adopt(self.0.perl, ffi::svb_copy_nomg(self.0.perl, self.0.sv)) }
    }
}

impl<'a> FromArg<'a> for Code<'a> {
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        let Some(arg) = arg else { return Err(Error::Usage) };
        match arg.referent_type()? {
            Some(t) if t == ffi::SVB_TYPE_CODE => Ok(Code(arg)),
            None if arg.string()?.is_some_and(|name| !name.is_empty()) => Ok(Code(arg)),
            _ => arg.error("must be a code reference"),
        }
    }
}

impl<'a> FromArg<'a> for Option<Code<'a>> {
    const OPTIONAL: bool = true;
    fn from_arg(arg: Option<Arg<'a>>) -> Result<Self> {
        match arg {
            Some(arg) if arg.is_defined()? => Code::from_arg(Some(arg)).map(Some),
            _ => Ok(None),
        }
    }
}
