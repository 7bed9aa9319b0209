//! The `extern "C"` layer: one file per OpenSSL header family.
//!
//! Every export is a literal `#[no_mangle] pub extern "C" fn` (cbindgen must see it) whose body is
//! one call to a boundary helper from this file. The helpers catch panics, and on `Err(e)` push `e`
//! onto the thread's ERR queue and return the convention's failure value. Raw pointers are only
//! touched through the named helpers in [`ptr`] and the handle casts in [`types`].
#![allow(
    non_camel_case_types,
    non_snake_case,
    non_upper_case_globals,
    clippy::missing_safety_doc
)]

pub mod asn1;
pub mod asn1_int;
pub mod asn1_time;
pub mod async_;
pub mod backend;
pub mod bio;
pub mod bio_buffer;
pub mod bio_file;
pub mod bio_meth;
pub mod bio_net;
pub mod bio_null;
pub mod bio_ssl;
pub mod ca_list;
pub mod callbacks;
pub mod certs;
pub mod cipher;
pub mod comp;
pub mod compat;
pub mod conf;
pub mod config;
pub mod crypto;
pub mod ct;
pub mod custom_ext;
pub mod dane;
pub mod digest;
pub mod dtls;
pub mod err;
pub mod evp;
pub mod evp_pkey_info;
pub mod ex_data;
pub mod hello;
pub mod keylog;
pub mod method;
pub mod misc;
pub mod obj;
pub mod opaque;
pub mod passwd;
pub mod pem;
pub mod pem_x509;
pub mod pkey_der;
pub mod psk;
pub mod ptr;
pub mod recorded;
pub mod security;
pub mod session;
pub mod session_extra;
pub mod srp;
pub mod srtp;
pub mod ssl;
pub mod ssl_conn;
pub mod ssl_mcnf;
pub mod stack;
pub mod tls1;
pub mod types;
pub mod verify_cb;
pub mod x509;
pub mod x509_check;
pub mod x509_crl;
pub mod x509_fields;
pub mod x509_name;
pub mod x509_name_entry;
pub mod x509_name_print;
pub mod x509_param;
pub mod x509_print;
pub mod x509_store;
pub mod x509_store_ctx;

use crate::error::{Error, Result};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f` behind the boundary: a panic becomes `ERR_R_INTERNAL_ERROR`, an `Err(e)` is pushed
/// onto the thread's ERR queue; both return `fail`.
#[inline]
pub fn call<T>(fail: T, f: impl FnOnce() -> Result<T>) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            crate::crypto::err::push(e);
            fail
        }
        Err(_) => {
            crate::crypto::err::push(Error::internal("sslrs_panic"));
            fail
        }
    }
}

/// Like [`call`], for functions that may queue several entries or none: `f` gets to decide what
/// is raised, the boundary only guards against panics.
#[inline]
pub fn guard<T>(fail: T, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(_) => {
            crate::crypto::err::push(Error::internal("sslrs_panic"));
            fail
        }
    }
}

/// The `1` on success / `0` on failure convention.
#[inline]
pub fn one_or_zero(f: impl FnOnce() -> Result<()>) -> core::ffi::c_int {
    call(0, || f().map(|()| 1))
}

/// The pointer-or-NULL convention.
#[inline]
pub fn null_on_error<T>(f: impl FnOnce() -> Result<*mut T>) -> *mut T {
    call(core::ptr::null_mut(), f)
}

/// For `void` functions: panics are caught, errors queued.
#[inline]
pub fn void(f: impl FnOnce() -> Result<()>) {
    call((), f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::err;

    /// A panic behind any boundary helper is the function's failure value plus one
    /// `ERR_R_INTERNAL_ERROR` entry; the panic does not reach the caller.
    #[test]
    fn panics_become_failure_values() {
        let internal = Error::internal("x").code();
        let mut checks: Vec<(&str, bool)> = Vec::new();
        err::clear();
        checks.push(("call", call(-7, || -> Result<i32> { panic!("test") }) == -7));
        checks.push(("call queue", err::peek_first() == internal));
        err::clear();
        checks.push(("guard", guard(0, || -> i32 { panic!("test") }) == 0));
        checks.push(("guard queue", err::peek_first() == internal));
        err::clear();
        let p: *mut u8 = null_on_error(|| -> Result<*mut u8> { panic!("test") });
        checks.push(("null_on_error", p.is_null()));
        checks.push(("null_on_error queue", err::peek_first() == internal));
        err::clear();
        void(|| -> Result<()> { panic!("test") });
        checks.push(("void queue", err::peek_first() == internal));
        err::clear();
        checks.push((
            "one_or_zero",
            one_or_zero(|| -> Result<()> { panic!("test") }) == 0,
        ));
        checks.push(("one_or_zero queue", err::peek_first() == internal));
        err::clear();
        // and a normal error is pushed as itself
        let e = Error::unsupported(crate::error::lib::SSL, "f");
        checks.push(("error", call(0, || -> Result<i32> { Err(e.clone()) }) == 0));
        checks.push(("error queue", err::peek_first() == e.code()));
        err::clear();
        let failed: Vec<_> = checks.iter().filter(|c| !c.1).map(|c| c.0).collect();
        assert!(failed.is_empty(), "{failed:?}");
    }
}
