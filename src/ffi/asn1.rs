//! `openssl/asn1.h` family, the string part shared by names, serials, times and extensions:
//! `ASN1_STRING_new`/`type_new`/`free`/`set`/`dup`/`cmp`/`get0_data`/`length`/`type`.
//!
//! Natively an `ASN1_STRING*` (and `ASN1_INTEGER*`, `ASN1_TIME*`, `ASN1_IA5STRING*`, ... which
//! OpenSSL makes the same struct) points at an [`Asn1String`], laid out as OpenSSL's public
//! `struct asn1_string_st` because programs read `->length`, `->type` and `->data` directly.
//! Its data is `malloc`ed with one NUL byte past `length`, as OpenSSL keeps it.

use super::types::ASN1_STRING;
use super::{call, guard, null_on_error};
use crate::error::{common, lib, Error, Result};
use core::ffi::{c_int, c_long, c_uchar, c_void};

/// `V_ASN1_OCTET_STRING`: the type `ASN1_STRING_new` gives.
pub const V_ASN1_OCTET_STRING: c_int = 4;

/// OpenSSL's `struct asn1_string_st`.
#[repr(C)]
pub struct Asn1String {
    pub length: c_int,
    pub type_: c_int,
    pub data: *mut c_uchar,
    pub flags: c_long,
}

impl Asn1String {
    /// The contents (empty when there are none).
    pub fn bytes(&self) -> &[u8] {
        if self.data.is_null() || self.length <= 0 {
            return &[];
        }
        // SAFETY: `data` holds `length` bytes (our allocation, or the program's own following
        // OpenSSL's rules for the public struct).
        unsafe { core::slice::from_raw_parts(self.data, self.length as usize) }
    }

    /// Replaces the contents with a copy of `bytes`.
    pub fn set(&mut self, bytes: &[u8]) -> Result<()> {
        let len = c_int::try_from(bytes.len()).map_err(|_| {
            Error::new(
                lib::ASN1,
                common::PASSED_INVALID_ARGUMENT,
                "ASN1_STRING_set",
            )
        })?;
        // SAFETY: a fresh allocation of len + 1 bytes, filled below.
        let p = unsafe { libc::malloc(bytes.len() + 1) } as *mut c_uchar;
        if p.is_null() {
            return Err(Error::new(
                lib::ASN1,
                common::MALLOC_FAILURE,
                "ASN1_STRING_set",
            ));
        }
        // SAFETY: `p` has room for the bytes and the NUL.
        unsafe {
            core::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
            *p.add(bytes.len()) = 0;
            libc::free(self.data as *mut c_void);
        }
        self.data = p;
        self.length = len;
        Ok(())
    }
}

impl Drop for Asn1String {
    fn drop(&mut self) {
        // SAFETY: `data` is NULL or a malloc'ed buffer this string owns.
        unsafe { libc::free(self.data as *mut c_void) };
    }
}

/// A new string of type `kind` holding a copy of `bytes`, owned by the caller (`ASN1_STRING_free`).
pub fn new_string(kind: c_int, bytes: &[u8]) -> Result<*mut ASN1_STRING> {
    let mut s = Box::new(Asn1String {
        length: 0,
        type_: kind,
        data: core::ptr::null_mut(),
        flags: 0,
    });
    s.set(bytes)?;
    Ok(Box::into_raw(s) as *mut ASN1_STRING)
}

/// Borrows the string behind `p`.
///
/// # Safety
/// `p` must be NULL or a live `ASN1_STRING*` of the native backend.
pub unsafe fn string_ref<'a>(p: *const ASN1_STRING) -> Option<&'a Asn1String> {
    // SAFETY: per the caller.
    unsafe { (p as *const Asn1String).as_ref() }
}

/// Frees a string made by [`new_string`] (or `ASN1_STRING_new`); NULL is a no-op.
///
/// # Safety
/// `p` must be NULL or an owned native `ASN1_STRING*` not used afterwards.
pub unsafe fn free_string(p: *mut ASN1_STRING) {
    if !p.is_null() {
        // SAFETY: per the caller, a Box<Asn1String> given up.
        drop(unsafe { Box::from_raw(p as *mut Asn1String) });
    }
}

/// `ASN1_STRING_new()`: an empty OCTET STRING.
#[no_mangle]
pub extern "C" fn ASN1_STRING_new() -> *mut ASN1_STRING {
    crate::forward_new!(ASN1_STRING_new());
    null_on_error(|| new_string(V_ASN1_OCTET_STRING, &[]))
}

/// `ASN1_STRING_type_new(type)`: an empty string of that type.
#[no_mangle]
pub extern "C" fn ASN1_STRING_type_new(type_: c_int) -> *mut ASN1_STRING {
    crate::forward_new!(ASN1_STRING_type_new(type_));
    null_on_error(|| new_string(type_, &[]))
}

/// `ASN1_STRING_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ASN1_STRING_free(a: *mut ASN1_STRING) {
    crate::forward!(ASN1_STRING_free(a));
    // SAFETY: NULL or an owned string the caller gives up.
    guard((), || unsafe { free_string(a) })
}

/// `ASN1_STRING_set(str, data, len)`: copies `len` bytes (`strlen(data)` when `len` is negative);
/// 1, or 0 on failure.
#[no_mangle]
pub extern "C" fn ASN1_STRING_set(str: *mut ASN1_STRING, data: *const c_void, len: c_int) -> c_int {
    crate::forward!(ASN1_STRING_set(str, data, len));
    call(0, || {
        // SAFETY: NULL or a live native string, used exclusively by this call.
        let s = unsafe { (str as *mut Asn1String).as_mut() }
            .ok_or(Error::null_param(lib::ASN1, "ASN1_STRING_set"))?;
        if len == c_int::MAX {
            // OpenSSL's limit (the length plus its NUL must fit an int): ASN1_R_TOO_LARGE
            return Err(Error::new(lib::ASN1, 223, "ASN1_STRING_set"));
        }
        let bytes: &[u8] = match (data.is_null(), len) {
            (true, l) if l < 0 => return Ok(0),
            (true, _) => &[],
            // SAFETY: a NUL-terminated string, per the convention for a negative length.
            (false, l) if l < 0 => {
                unsafe { core::ffi::CStr::from_ptr(data as *const _) }.to_bytes()
            }
            // SAFETY: `data` holds `len` bytes.
            (false, l) => unsafe { core::slice::from_raw_parts(data as *const u8, l as usize) },
        };
        if data.is_null() {
            // OpenSSL allocates `len` bytes and leaves them zeroed-ish; we give zeroes.
            s.set(&vec![0; bytes.len().max(len.max(0) as usize)])?;
        } else {
            s.set(bytes)?;
        }
        Ok(1)
    })
}

/// `ASN1_STRING_dup(a)`: a copy (same type and flags); NULL for NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_dup(a: *const ASN1_STRING) -> *mut ASN1_STRING {
    crate::forward_new!(ASN1_STRING_dup(a));
    null_on_error(|| {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(a) }) else {
            return Ok(core::ptr::null_mut());
        };
        let p = new_string(s.type_, s.bytes())?;
        // SAFETY: just made.
        unsafe { (*(p as *mut Asn1String)).flags = s.flags };
        Ok(p)
    })
}

/// `ASN1_STRING_cmp(a, b)`: by length, then contents, then type; -1 when either is NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_cmp(a: *const ASN1_STRING, b: *const ASN1_STRING) -> c_int {
    crate::forward!(ASN1_STRING_cmp(a, b));
    guard(-1, || {
        // SAFETY: NULL or live native strings.
        let (Some(a), Some(b)) = (unsafe { string_ref(a) }, unsafe { string_ref(b) }) else {
            return -1;
        };
        let ord = a
            .length
            .cmp(&b.length)
            .then_with(|| a.bytes().cmp(b.bytes()))
            .then_with(|| a.type_.cmp(&b.type_));
        ord as c_int
    })
}

/// `ASN1_STRING_get0_data(x)`: the contents, owned by `x`; NULL for NULL.
#[no_mangle]
pub extern "C" fn ASN1_STRING_get0_data(x: *const ASN1_STRING) -> *const c_uchar {
    crate::forward!(ASN1_STRING_get0_data(x));
    // SAFETY: NULL or a live native string.
    guard(core::ptr::null(), || {
        unsafe { string_ref(x) }.map_or(core::ptr::null(), |s| s.data)
    })
}

/// `ASN1_STRING_length(x)`: the length in bytes; 0 for NULL (OpenSSL would crash).
#[no_mangle]
pub extern "C" fn ASN1_STRING_length(x: *const ASN1_STRING) -> c_int {
    crate::forward!(ASN1_STRING_length(x));
    // SAFETY: NULL or a live native string.
    guard(0, || unsafe { string_ref(x) }.map_or(0, |s| s.length))
}

/// `ASN1_STRING_type(x)`: the `V_ASN1_*` type; 0 for NULL (OpenSSL would crash).
#[no_mangle]
pub extern "C" fn ASN1_STRING_type(x: *const ASN1_STRING) -> c_int {
    crate::forward!(ASN1_STRING_type(x));
    // SAFETY: NULL or a live native string.
    guard(0, || unsafe { string_ref(x) }.map_or(0, |s| s.type_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        let p = ASN1_STRING_type_new(22);
        assert_eq!(ASN1_STRING_length(p), 0);
        assert_eq!(ASN1_STRING_set(p, c"abc".as_ptr() as *const c_void, -1), 1);
        assert_eq!(ASN1_STRING_length(p), 3);
        assert_eq!(ASN1_STRING_type(p), 22);
        // SAFETY: NUL-terminated by construction.
        let d = unsafe { core::ffi::CStr::from_ptr(ASN1_STRING_get0_data(p) as *const _) };
        assert_eq!(d.to_bytes(), b"abc");
        let q = ASN1_STRING_dup(p);
        assert_eq!(ASN1_STRING_cmp(p, q), 0);
        assert_eq!(ASN1_STRING_set(q, b"ab".as_ptr() as *const c_void, 2), 1);
        assert_eq!(ASN1_STRING_cmp(q, p), -1);
        assert_eq!(ASN1_STRING_cmp(p, core::ptr::null()), -1);
        ASN1_STRING_free(p);
        ASN1_STRING_free(q);
        ASN1_STRING_free(core::ptr::null_mut());
        assert!(ASN1_STRING_get0_data(core::ptr::null()).is_null());
    }
}
