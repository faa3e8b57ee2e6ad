//! The only code that touches raw Perl. Read bottom-up; each file uses
//! only those above it in this list:
//!
//! - `ffi` (with `shim.c`): the C shim over Perl's API macros;
//! - `layout` (with `layout.c`, run at build time): the per-call XSUB entry
//!   and scalar returns, in Rust, at offsets taken from this perl;
//! - `sv`: a Perl value held by Rust;
//! - `error`: why an XSUB failed;
//! - `object`: libvirt handles inside Perl objects, by kind;
//! - `value`: Rust values on their way out to Perl;
//! - `args`: Perl arguments on their way in;
//! - `callback`: calling Perl, and the boundary for libvirt's callbacks;
//! - `registered`: callbacks libvirt keeps (events, watches, stream
//!   callbacks), their owner interpreter, deferred release and parked
//!   failures (with `registered.c`);
//! - `dispatch`: XSUB entry, the failure path, boot.
//!
//! Nothing here names libvirt's API beyond its error type: the object
//! kinds come in as a table at boot.

mod ffi;
mod layout;
mod sv;
mod error;
mod object;
mod value;
mod args;
mod callback;
mod registered;
mod dispatch;

pub use args::{Arg, Args, Bytes, Code, Fds, Flags, FromArg, HashArg, ObjList, Out};
pub use callback::{Scope, Want};
pub use registered::{deliver, deliver_about, in_callback, release_registration, token, token_id, Owner, Registered, Revoker};
pub use dispatch::{boot_begin, boot_end, dispatch, object_classes, register_constant, register_xsub, Constant, Param};
pub use error::{croak, Error, Result};
pub use ffi::{Perl, XsubFn, CV};
pub use object::{Handle, Handles, KindInfo, Obj, Owned};
pub use sv::OwnedSv;
pub use value::{CText, CountedList, FieldValue, Hash, HashOf, HashWriter, IntoReturn, IntoValue, Key, List, Ret, TextRef, Texts, Value, WriteFields, WriteHash};
