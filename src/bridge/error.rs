//! Why an XSUB did not return normally.

use std::os::raw::c_int;

use super::sv::OwnedSv;

#[derive(Debug)]
pub enum Error {
    /// libvirt refused: becomes a `Sys::Virt::Error` object in `$@`.
    Libvirt(virt::error::Error),
    /// Our own argument checks refused: a plain message in `$@`.
    Croak(String),
    /// Perl code we ran jumped (a die in get magic or overloading, or an
    /// `exit` in a callback): the jump is continued as it was.
    Died(c_int),
    /// A Perl callback we called died with this error: rethrown as `$@`.
    Perl(OwnedSv),
    /// A required argument is missing: the usage message.
    Usage,
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<virt::error::Error> for Error {
    fn from(err: virt::error::Error) -> Self {
        Error::Libvirt(err)
    }
}

/// A plain Perl error message.
pub fn croak<T>(message: impl Into<String>) -> Result<T> {
    Err(Error::Croak(message.into()))
}
