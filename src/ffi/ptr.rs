//! Pointer hygiene: the only helpers that turn C pointers into Rust references.

use crate::error::{common, lib, Error, Result};
use core::ffi::{c_char, c_int, c_void, CStr};

/// Borrows `len` bytes at `buf`. `len == 0` accepts any pointer, NULL included.
///
/// # Safety
/// `buf` must point to `len` readable bytes that outlive the returned slice.
pub unsafe fn in_buf<'a>(buf: *const c_void, len: usize) -> Result<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if buf.is_null() {
        return Err(Error::null_param(lib::SSL, "in_buf"));
    }
    too_long(len, "in_buf")?;
    // SAFETY: non-null, and the caller promises `len` readable bytes.
    Ok(unsafe { core::slice::from_raw_parts(buf as *const u8, len) })
}

/// Borrows `len` writable bytes at `buf`. `len == 0` accepts any pointer, NULL included.
///
/// # Safety
/// `buf` must point to `len` writable bytes, not aliased elsewhere while the slice lives.
pub unsafe fn out_buf<'a>(buf: *mut c_void, len: usize) -> Result<&'a mut [u8]> {
    if len == 0 {
        return Ok(&mut []);
    }
    if buf.is_null() {
        return Err(Error::null_param(lib::SSL, "out_buf"));
    }
    too_long(len, "out_buf")?;
    // SAFETY: non-null, and the caller promises `len` writable bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(buf as *mut u8, len) })
}

/// No buffer is longer than `isize::MAX` bytes (a slice of more is undefined behaviour): such
/// a length is the caller's error (`ERR_R_PASSED_INVALID_ARGUMENT`), found before any byte is
/// touched.
fn too_long(len: usize, func: &'static str) -> Result<()> {
    if len > isize::MAX as usize {
        return Err(Error::new(lib::SSL, common::PASSED_INVALID_ARGUMENT, func));
    }
    Ok(())
}

/// A C `int` length that must not be negative.
pub fn len_of(num: c_int, err: Error) -> Result<usize> {
    usize::try_from(num).map_err(|_| err)
}

/// Borrows a NUL-terminated string; NULL gives `None`.
///
/// # Safety
/// `s` must be NULL or a valid NUL-terminated string that outlives the result.
pub unsafe fn c_str<'a>(s: *const c_char) -> Option<&'a CStr> {
    if s.is_null() {
        None
    } else {
        // SAFETY: non-null NUL-terminated string per the caller.
        Some(unsafe { CStr::from_ptr(s) })
    }
}

/// Writes `v` through an out-parameter if it is not NULL.
///
/// # Safety
/// `p` must be NULL or valid for a write of `T`.
pub unsafe fn write_out<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: non-null and valid per the caller.
        unsafe { p.write(v) }
    }
}

/// A `'static` C string from a Rust literal that ends in `\0`.
pub const fn static_cstr(s: &'static str) -> *const c_char {
    s.as_ptr() as *const c_char
}
