//! Rust values on their way out to Perl.

use std::ffi::CStr;
use std::os::raw::c_char;

use super::error::Error;
use super::ffi::{self, Perl, SV};
use super::layout;
use super::object::{AnyOwned, Handle, Handles, ObjectList, Owned, ERROR_KIND};
use super::sv::OwnedSv;

/// One Perl value, built only once the XSUB has succeeded.
pub enum Value {
    Undef,
    Int(i64),
    UInt(u64),
    Num(f64),
    /// A character string.
    Str(String),
    /// A C string from libvirt, copied into Perl without a Rust copy.
    Text(CText),
    /// A byte string.
    Bytes(Vec<u8>),
    /// A new blessed object that takes over one libvirt reference.
    Object(AnyOwned),
    /// A reference to a new hash.
    Hash(Hash),
    /// A reference to a new hash that a [`HashOf`] writes.
    Written(Box<dyn FnOnce(&mut HashWriter)>),
    /// A reference to a new array.
    Array(Vec<Value>),
    /// An existing Perl value.
    Sv(OwnedSv),
}

impl OwnedSv {
    /// Builds a new Perl value.
    pub fn new(perl: Perl, value: Value) -> OwnedSv {
        // SAFETY: building values never runs Perl code; the new SV's one
        // reference is the result's.
        unsafe { OwnedSv::adopt(perl, new_sv(perl, value)) }
    }

    /// A new byte string holding a copy of `bytes` (one copy, straight
    /// into the new scalar).
    pub fn from_bytes(perl: Perl, bytes: &[u8]) -> OwnedSv {
        // SAFETY: as `new`; the slice is read once, during the call.
        unsafe { OwnedSv::adopt(perl, ffi::svb_new_pv(perl, bytes.as_ptr() as *const c_char, bytes.len(), 0)) }
    }
}

/// A NUL-terminated string from libvirt, on its way into Perl.
pub struct CText {
    text: *mut c_char,
    /// Whether we must free() it: libvirt handed it over.
    owned: bool,
}

impl CText {
    /// A string that libvirt keeps inside an object passed to this XSUB
    /// (an object's name). It is copied into Perl before the XSUB returns,
    /// while the argument still holds the object.
    ///
    /// # Safety
    /// `text` must be NUL-terminated and stay valid until the XSUB returns.
    pub unsafe fn borrowed(text: *const c_char) -> CText {
        CText { text: text as *mut c_char, owned: false }
    }

    /// A string that libvirt allocated and handed over; freed once copied.
    ///
    /// # Safety
    /// `text` must be a NUL-terminated string from malloc that nothing
    /// else frees.
    pub unsafe fn owned(text: *mut c_char) -> CText {
        CText { text, owned: true }
    }

    #[inline(always)]
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: promised by the constructors.
        unsafe { CStr::from_ptr(self.text) }.to_bytes()
    }
}

impl Drop for CText {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: promised by `owned`.
            unsafe { libc::free(self.text as *mut libc::c_void) }
        }
    }
}

impl IntoValue for CText {
    fn into_value(self) -> Value {
        Value::Text(self)
    }
}

/// A hash key: a name known when the code was written, or one that
/// libvirt reported (a typed parameter's field).
pub enum Key {
    Static(&'static str),
    Text(CText),
    Owned(String),
}

impl Key {
    fn bytes(&self) -> &[u8] {
        match self {
            Key::Static(s) => s.as_bytes(),
            Key::Text(t) => t.bytes(),
            Key::Owned(s) => s.as_bytes(),
        }
    }
}

impl From<&'static str> for Key {
    fn from(key: &'static str) -> Key {
        Key::Static(key)
    }
}

impl From<String> for Key {
    fn from(key: String) -> Key {
        Key::Owned(key)
    }
}

impl From<CText> for Key {
    fn from(key: CText) -> Key {
        Key::Text(key)
    }
}

/// The keys and values of a hash, in insertion order.
#[derive(Default)]
pub struct Hash(pub Vec<(Key, Value)>);

impl Hash {
    /// Room for the usual few fields, so that filling it reallocates
    /// rarely (an info hash has five to eight).
    pub fn new() -> Self {
        Hash(Vec::with_capacity(8))
    }

    pub fn with_capacity(fields: usize) -> Self {
        Hash(Vec::with_capacity(fields))
    }
    pub fn with(mut self, key: impl Into<Key>, value: impl IntoValue) -> Self {
        self.0.push((key.into(), value.into_value()));
        self
    }
    pub fn insert(&mut self, key: impl Into<Key>, value: impl IntoValue) {
        self.0.push((key.into(), value.into_value()));
    }
}

/// A hash that is written straight into Perl, field by field, once the
/// XSUB has succeeded: `HashOf(move |h| { h.put("cpus", info.cpus); })`.
/// The closure holds the plain data it needs (a C struct libvirt filled
/// in, an owned array) and runs exactly once, after every fallible step;
/// writing never runs Perl code. Returned directly, it costs what the
/// hash itself costs: no list of fields is built first.
pub struct HashOf<F: WriteFields>(pub F);

/// The new hash a [`HashOf`] writes into.
pub struct HashWriter {
    perl: Perl,
    hv: *mut ffi::HV,
}

impl HashWriter {
    /// A field whose name the code knows (ASCII).
    #[inline]
    pub fn put(&mut self, key: &'static str, value: impl FieldValue) -> &mut Self {
        debug_assert!(key.is_ascii());
        // SAFETY: a fresh hash without magic, in the running interpreter;
        // the value's new reference goes to the hash.
        unsafe { layout::hv_store(self.perl, self.hv, key.as_bytes(), false, value.new_sv(self.perl)) };
        self
    }

    /// A field holding a reference to a new hash that `write` fills now.
    #[inline]
    pub fn put_hash(&mut self, key: &'static str, write: impl FnOnce(&mut HashWriter)) -> &mut Self {
        // SAFETY: as `put`; the nested hash is as fresh as this one.
        unsafe { layout::hv_store(self.perl, self.hv, key.as_bytes(), false, written_hash(self.perl, write)) };
        self
    }

    /// A field that libvirt named: a UTF-8 key when it is not ASCII.
    #[inline]
    pub fn put_named(&mut self, key: &[u8], value: impl FieldValue) -> &mut Self {
        // SAFETY: as `put`.
        unsafe { layout::hv_store(self.perl, self.hv, key, text_is_utf8(key), value.new_sv(self.perl)) };
        self
    }
}

/// A string that libvirt filled in and keeps (in a struct, an array it
/// frees itself), copied into the hash: a character string when it is
/// UTF-8 and not ASCII, bytes otherwise.
pub struct TextRef<'a>(pub &'a [u8]);

/// A copy, for a value built later: characters when the text is UTF-8,
/// bytes otherwise.
impl IntoValue for TextRef<'_> {
    fn into_value(self) -> Value {
        match std::str::from_utf8(self.0) {
            Ok(text) => Value::Str(text.to_owned()),
            Err(_) => Value::Bytes(self.0.to_vec()),
        }
    }
}

mod field {
    use super::{Perl, SV};
    /// How a field's value becomes a new SV.
    pub trait NewSv {
        /// # Safety
        /// The running interpreter; the caller takes the new reference.
        unsafe fn new_sv(self, perl: Perl) -> *mut SV;
    }
}

/// What a [`HashWriter`] field can hold: integers, f64, [`TextRef`],
/// [`CText`], `String`, a [`Value`], or an `Option` of one (None is undef).
pub trait FieldValue: field::NewSv {}
impl<T: field::NewSv> FieldValue for T {}

/// What a [`HashOf`] runs to write its fields.
pub trait WriteFields: FnOnce(&mut HashWriter) + 'static {}
impl<F: FnOnce(&mut HashWriter) + 'static> WriteFields for F {}

macro_rules! int_fields {
    ($($t:ty),*) => {$(
        impl field::NewSv for $t {
            #[inline(always)]
            unsafe fn new_sv(self, perl: Perl) -> *mut SV {
                layout::new_iv(perl, self as isize)
            }
        }
    )*};
}
int_fields!(i32, i64, u8, u16, u32, bool);

impl field::NewSv for u64 {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        // What newSVuv makes of a value that fits an IV, by the cheaper path.
        if self <= i64::MAX as u64 {
            layout::new_iv(perl, self as isize)
        } else {
            layout::new_uv(perl, self as usize)
        }
    }
}

impl field::NewSv for f64 {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        layout::new_nv(perl, self)
    }
}

impl field::NewSv for TextRef<'_> {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        new_text(perl, self.0)
    }
}

impl field::NewSv for CText {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        new_text(perl, self.bytes())
    }
}

impl field::NewSv for String {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        new_string(perl, &self)
    }
}

/// None is undef.
impl<T: field::NewSv> field::NewSv for Option<T> {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        match self {
            Some(value) => value.new_sv(perl),
            None => ffi::svb_new_undef(perl),
        }
    }
}

impl field::NewSv for Value {
    #[inline(always)]
    unsafe fn new_sv(self, perl: Perl) -> *mut SV {
        new_sv(perl, self)
    }
}

/// A Rust value whose Perl form is a hash that it writes itself, field
/// by field, once the XSUB has succeeded (see [`HashOf`]).
pub trait WriteHash: 'static {
    fn write_hash(self, h: &mut HashWriter);
}

impl<F: WriteFields> WriteHash for HashOf<F> {
    #[inline(always)]
    fn write_hash(self, h: &mut HashWriter) {
        (self.0)(h)
    }
}

/// Inside a list or another hash: boxed until it is written.
impl<T: WriteHash> IntoValue for T {
    fn into_value(self) -> Value {
        Value::Written(Box::new(move |h| self.write_hash(h)))
    }
}

impl<T: WriteHash> IntoReturn for T {
    fn into_return(self) -> Ret {
        Ret::One(self.into_value())
    }
    unsafe fn push(self, perl: Perl, ax: i32) -> Result<(), Error> {
        let slot = return_slots(perl, ax, 1)?;
        *slot = ffi::svb_mortal(perl, written_hash(perl, move |h| self.write_hash(h)));
        ffi::svb_return(perl, ax, 1);
        Ok(())
    }
}

/// A reference to a new hash that `write` fills. The reference is held
/// while it is written, so that a panic in `write` (which the XSUB's
/// catch turns into a croak) frees the half-written hash.
unsafe fn written_hash(perl: Perl, write: impl FnOnce(&mut HashWriter)) -> *mut SV {
    let hv = ffi::svb_new_hv(perl);
    let rv = OwnedSv::adopt(perl, ffi::svb_new_rv(perl, hv as *mut SV));
    write(&mut HashWriter { perl, hv });
    rv.into_raw()
}

/// What an XSUB leaves on the stack.
pub enum Ret {
    /// Nothing: an empty list, undef in scalar context.
    Empty,
    One(Value),
    List(Vec<Value>),
    /// Handles of one kind, each becoming an object: a list of objects.
    Objects(Box<dyn ObjectList>),
}

pub trait IntoValue {
    fn into_value(self) -> Value;
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

macro_rules! signed_values {
    ($($t:ty),*) => {$( impl IntoValue for $t { fn into_value(self) -> Value { Value::Int(self as i64) } } )*};
}
macro_rules! unsigned_values {
    ($($t:ty),*) => {$( impl IntoValue for $t { fn into_value(self) -> Value { Value::UInt(self as u64) } } )*};
}
signed_values!(i8, i16, i32, i64, isize);
unsigned_values!(u8, u16, u32, u64, usize);

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::Num(self)
    }
}

impl<K: Handle> IntoValue for Owned<K> {
    fn into_value(self) -> Value {
        Value::Object(self.into_any())
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::Array(self.into_iter().map(IntoValue::into_value).collect())
    }
}

impl IntoValue for OwnedSv {
    fn into_value(self) -> Value {
        Value::Sv(self)
    }
}

/// true and false come back as 1 and 0, as the C module's int returns do.
impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Int(self as i64)
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::Str(self)
    }
}

impl IntoValue for Hash {
    fn into_value(self) -> Value {
        Value::Hash(self)
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self) -> Value {
        self.map_or(Value::Undef, IntoValue::into_value)
    }
}

/// How an XSUB's successful result goes onto Perl's stack.
pub trait IntoReturn: Sized {
    fn into_return(self) -> Ret;

    /// Leaves the result on Perl's stack from ST(0) on. Scalars override
    /// this to skip building a `Ret`.
    ///
    /// # Safety
    /// As `dispatch`: the running interpreter, inside an XSUB.
    unsafe fn push(self, perl: Perl, ax: i32) -> Result<(), Error> {
        push_return(perl, ax, self.into_return())
    }
}

impl IntoReturn for () {
    fn into_return(self) -> Ret {
        Ret::Empty
    }
}

impl IntoReturn for Ret {
    fn into_return(self) -> Ret {
        self
    }
}

/// Scalars whose value goes straight into the op's target.
macro_rules! scalar_returns {
    ($($t:ty => |$v:ident, $perl:ident, $ax:ident| $push:expr;)*) => {$(
        impl IntoReturn for $t {
            fn into_return(self) -> Ret {
                Ret::One(self.into_value())
            }
            #[inline(always)]
            unsafe fn push(self, $perl: Perl, $ax: i32) -> Result<(), Error> {
                let $v = self;
                $push;
                Ok(())
            }
        }
    )*};
}
scalar_returns! {
    i32 => |v, perl, ax| layout::return_iv(perl, ax, v as isize);
    i64 => |v, perl, ax| layout::return_iv(perl, ax, v as isize);
    u32 => |v, perl, ax| layout::return_uv(perl, ax, v as usize);
    u64 => |v, perl, ax| layout::return_uv(perl, ax, v as usize);
    bool => |v, perl, ax| layout::return_iv(perl, ax, v as isize);
    String => |v, perl, ax| layout::return_pv(perl, ax, v.as_bytes(), !v.is_ascii());
    CText => |v, perl, ax| {
        let bytes = v.bytes();
        layout::return_pv(perl, ax, bytes, text_is_utf8(bytes))
    };
}

/// Values that go through a new SV.
macro_rules! value_returns {
    ($($t:ty),*) => {$(
        impl IntoReturn for $t {
            fn into_return(self) -> Ret {
                Ret::One(self.into_value())
            }
        }
    )*};
}
value_returns!(Value, Hash, f64);

impl<K: Handle> IntoReturn for Owned<K> {
    fn into_return(self) -> Ret {
        Ret::One(self.into_value())
    }
}

impl<T: IntoValue> IntoReturn for Option<T> {
    fn into_return(self) -> Ret {
        Ret::One(self.into_value())
    }
}

impl<K: Handle> IntoReturn for Handles<K> {
    fn into_return(self) -> Ret {
        Ret::Objects(Box::new(self))
    }
}

/// A list of strings that libvirt allocated and handed over, returned as
/// Perl strings in one pass and freed.
pub struct Texts(Vec<*mut c_char>);

impl Texts {
    /// # Safety
    /// Each entry must be a NUL-terminated string from malloc that nothing
    /// else frees.
    pub unsafe fn from_owned(texts: Vec<*mut c_char>) -> Texts {
        Texts(texts)
    }
}

impl Drop for Texts {
    fn drop(&mut self) {
        for &text in &self.0 {
            // SAFETY: promised by `from_owned`.
            unsafe { libc::free(text as *mut libc::c_void) }
        }
    }
}

impl IntoReturn for Texts {
    fn into_return(mut self) -> Ret {
        // SAFETY: each string is ours; CText frees it.
        Ret::List(self.0.drain(..).map(|t| Value::Text(unsafe { CText::owned(t) })).collect())
    }
    unsafe fn push(mut self, perl: Perl, ax: i32) -> Result<(), Error> {
        match ffi::svb_return_texts(perl, ax, self.0.as_mut_ptr(), self.0.len() as isize) {
            0 => {
                // The shim freed every string as it copied it.
                self.0.clear();
                Ok(())
            }
            jumped => Err(Error::Died(jumped)),
        }
    }
}

/// A list return: each element a separate value on the stack.
pub struct List<T>(pub Vec<T>);

impl<T: IntoValue> IntoReturn for List<T> {
    fn into_return(self) -> Ret {
        Ret::List(self.0.into_iter().map(IntoValue::into_value).collect())
    }
}

/// A list return that, outside list context, is its length: what a Perl
/// sub's `return @list` gives, for XSUBs standing in for such subs.
pub struct CountedList<T>(pub Vec<T>);

impl<T: IntoValue> IntoReturn for CountedList<T> {
    fn into_return(self) -> Ret {
        List(self.0).into_return()
    }
    unsafe fn push(self, perl: Perl, ax: i32) -> Result<(), Error> {
        if ffi::svb_wants_list(perl) == 0 {
            layout::return_iv(perl, ax, self.0.len() as isize);
            return Ok(());
        }
        push_return(perl, ax, self.into_return())
    }
}

/// A character string; flagged UTF-8 only when it needs to be, so ASCII
/// strings look exactly like the C module's.
pub(super) unsafe fn new_string(perl: Perl, s: &str) -> *mut SV {
    layout::new_pv(perl, s.as_bytes(), !s.is_ascii())
}

/// libvirt's strings are UTF-8; only invalid ones are left as bytes.
fn text_is_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

unsafe fn new_text(perl: Perl, bytes: &[u8]) -> *mut SV {
    layout::new_pv(perl, bytes, text_is_utf8(bytes))
}

/// Builds a new SV that owns everything in `value`. Never dies.
pub(super) unsafe fn new_sv(perl: Perl, value: Value) -> *mut SV {
    match value {
        Value::Undef => ffi::svb_new_undef(perl),
        Value::Int(v) => layout::new_iv(perl, v as isize),
        // What newSVuv makes of a value that fits an IV, by the cheaper path.
        Value::UInt(v) if v <= i64::MAX as u64 => layout::new_iv(perl, v as isize),
        Value::UInt(v) => layout::new_uv(perl, v as usize),
        Value::Num(v) => layout::new_nv(perl, v),
        Value::Str(s) => new_string(perl, &s),
        Value::Text(t) => new_text(perl, t.bytes()),
        Value::Bytes(b) => layout::new_pv(perl, &b, false),
        Value::Object(owned) => owned.into_sv(perl),
        Value::Sv(sv) => sv.into_raw(),
        Value::Hash(hash) => {
            let hv = ffi::svb_new_hv(perl);
            for (key, value) in hash.0 {
                let sv = new_sv(perl, value);
                let key = key.bytes();
                layout::hv_store(perl, hv, key, text_is_utf8(key), sv);
            }
            ffi::svb_new_rv(perl, hv as *mut SV)
        }
        Value::Written(write) => written_hash(perl, write),
        Value::Array(items) => {
            let av = ffi::svb_new_av(perl);
            for item in items {
                ffi::svb_av_push(perl, av, new_sv(perl, item));
            }
            ffi::svb_new_rv(perl, av as *mut SV)
        }
    }
}

/// Room on the stack for `n` values; ST(0)'s address.
unsafe fn return_slots(perl: Perl, ax: i32, n: usize) -> Result<*mut *mut SV, Error> {
    let mut slots = std::ptr::null_mut();
    match ffi::svb_return_slots(perl, ax, n as isize, &mut slots) {
        0 => Ok(slots),
        jumped => Err(Error::Died(jumped)),
    }
}

/// Puts the return values on the stack, from ST(0) on.
pub(super) unsafe fn push_return(perl: Perl, ax: i32, ret: Ret) -> Result<(), Error> {
    match ret {
        Ret::Empty => ffi::svb_return(perl, ax, 0),
        Ret::One(Value::Undef) => {
            *return_slots(perl, ax, 1)? = ffi::svb_undef(perl);
            ffi::svb_return(perl, ax, 1);
        }
        Ret::One(value) => {
            *return_slots(perl, ax, 1)? = ffi::svb_mortal(perl, new_sv(perl, value));
            ffi::svb_return(perl, ax, 1);
        }
        Ret::Objects(mut handles) => handles.push(perl, ax)?,
        Ret::List(values) => {
            let slots = return_slots(perl, ax, values.len())?;
            let n = values.len() as isize;
            for (i, value) in values.into_iter().enumerate() {
                // Creating an SV never moves the stack, so `slots` stays valid.
                *slots.add(i) = ffi::svb_mortal(perl, new_sv(perl, value));
            }
            ffi::svb_return(perl, ax, n);
        }
    }
    Ok(())
}

/// `Sys::Virt::Error` for a libvirt failure: a blessed hash with the raw
/// level, code, domain and message.
pub(super) unsafe fn error_object(perl: Perl, err: &virt::error::Error) -> *mut SV {
    let hash = Hash::new()
        .with("level", virt::enumutil::RawEnum::to_raw(err.level()) as i64)
        .with("code", err.code().to_raw() as i64)
        .with("domain", err.domain().to_raw() as i64)
        .with("message", err.message().to_owned());
    let rv = new_sv(perl, Value::Hash(hash));
    ffi::svb_bless(perl, rv, ffi::svb_kind_stash(perl, ERROR_KIND))
}
