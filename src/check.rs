//! Return-value checks for direct `virt_sys` calls, turning libvirt's
//! failure conventions into the thread's last libvirt error.

use std::os::raw::c_int;

use crate::bridge::{Error, Result};

fn last_error() -> Error {
    Error::Libvirt(virt::error::Error::last_error())
}

pub fn non_negative(ret: c_int) -> Result<c_int> {
    if ret < 0 {
        Err(last_error())
    } else {
        Ok(ret)
    }
}

pub fn non_null<T>(ptr: *mut T) -> Result<*mut T> {
    if ptr.is_null() {
        Err(last_error())
    } else {
        Ok(ptr)
    }
}
