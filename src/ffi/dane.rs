//! DANE (`SSL_CTX_dane_enable`, `SSL_dane_tlsa_add`, ...): sslrs does not authenticate peers
//! with TLSA records. Enabling DANE fails, so a program never believes TLSA records are used;
//! the flag setters keep their flags (returning the previous ones, as documented) and the
//! getters report "DANE not enabled".

use crate::error::{ssl_r, Error};
use crate::ffi::call;
use crate::ffi::digest::EVP_MD;
use crate::ffi::opaque::SSL_DANE;
use crate::ffi::recorded::{self, unsupported};
use crate::ffi::types::{EVP_PKEY, SSL, SSL_CTX, X509};
use core::ffi::{c_char, c_int, c_uchar, c_ulong};

/// `SSL_CTX_dane_enable(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: TLSA records are not used
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_enable(ctx: *mut SSL_CTX) -> c_int {
    let _ = ctx;
    unsupported(0, "SSL_CTX_dane_enable")
}

/// `SSL_CTX_dane_mtype_set(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: TLSA records are not used
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_mtype_set(
    ctx: *mut SSL_CTX,
    md: *const EVP_MD,
    mtype: u8,
    ord: u8,
) -> c_int {
    let _ = (ctx, md, mtype, ord);
    unsupported(0, "SSL_CTX_dane_mtype_set")
}

/// `SSL_dane_enable(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: TLSA records are not used
#[no_mangle]
pub extern "C" fn SSL_dane_enable(s: *mut SSL, basedomain: *const c_char) -> c_int {
    let _ = (s, basedomain);
    unsupported(0, "SSL_dane_enable")
}

/// `SSL_dane_tlsa_add(3)`: -1 with `SSL_R_DANE_NOT_ENABLED`, OpenSSL's answer for a connection
/// without DANE.
///
/// Status: fails cleanly — DANE can never be enabled
#[no_mangle]
pub extern "C" fn SSL_dane_tlsa_add(
    s: *mut SSL,
    usage: u8,
    selector: u8,
    mtype: u8,
    data: *const c_uchar,
    dlen: usize,
) -> c_int {
    let _ = (s, usage, selector, mtype, data, dlen);
    call(-1, || {
        Err(Error::ssl(ssl_r::DANE_NOT_ENABLED, "SSL_dane_tlsa_add"))
    })
}

/// `SSL_CTX_dane_set_flags(3)`: ORs `flags` in, returns the previous flags (0 for NULL).
///
/// Status: partial — recorded; DANE is never enabled
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_set_flags(ctx: *mut SSL_CTX, flags: c_ulong) -> c_ulong {
    call(0, || {
        recorded::ctx(ctx, |r| {
            let old = r.dane_flags;
            r.dane_flags |= flags;
            old
        })
    })
}

/// `SSL_CTX_dane_clear_flags(3)`: clears `flags`, returns the previous flags.
///
/// Status: partial — recorded; DANE is never enabled
#[no_mangle]
pub extern "C" fn SSL_CTX_dane_clear_flags(ctx: *mut SSL_CTX, flags: c_ulong) -> c_ulong {
    call(0, || {
        recorded::ctx(ctx, |r| {
            let old = r.dane_flags;
            r.dane_flags &= !flags;
            old
        })
    })
}

/// `SSL_dane_set_flags(3)`: as `SSL_CTX_dane_set_flags`, for one connection.
///
/// Status: partial — recorded; DANE is never enabled
#[no_mangle]
pub extern "C" fn SSL_dane_set_flags(ssl: *mut SSL, flags: c_ulong) -> c_ulong {
    call(0, || {
        recorded::ssl(ssl, |r| {
            let old = r.dane_flags;
            r.dane_flags |= flags;
            old
        })
    })
}

/// `SSL_dane_clear_flags(3)`: as `SSL_CTX_dane_clear_flags`, for one connection.
///
/// Status: partial — recorded; DANE is never enabled
#[no_mangle]
pub extern "C" fn SSL_dane_clear_flags(ssl: *mut SSL, flags: c_ulong) -> c_ulong {
    call(0, || {
        recorded::ssl(ssl, |r| {
            let old = r.dane_flags;
            r.dane_flags &= !flags;
            old
        })
    })
}

/// `SSL_get0_dane(3)`: NULL.
///
/// Status: partial — NULL where OpenSSL returns the connection's (disabled) DANE state
#[no_mangle]
pub extern "C" fn SSL_get0_dane(ssl: *mut SSL) -> *mut SSL_DANE {
    let _ = ssl;
    core::ptr::null_mut()
}

/// `SSL_get0_dane_authority(3)`: -1, "DANE not enabled or no match" (outputs untouched).
#[no_mangle]
pub extern "C" fn SSL_get0_dane_authority(
    s: *mut SSL,
    mcert: *mut *mut X509,
    mspki: *mut *mut EVP_PKEY,
) -> c_int {
    let _ = (s, mcert, mspki);
    -1
}

/// `SSL_get0_dane_tlsa(3)`: -1, "DANE not enabled or no match" (outputs untouched).
#[no_mangle]
pub extern "C" fn SSL_get0_dane_tlsa(
    s: *mut SSL,
    usage: *mut u8,
    selector: *mut u8,
    mtype: *mut u8,
    data: *mut *const c_uchar,
    dlen: *mut usize,
) -> c_int {
    let _ = (s, usage, selector, mtype, data, dlen);
    -1
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_CTX_dane_enable(null_mut()), 0);
        assert_eq!(SSL_CTX_dane_mtype_set(null_mut(), null(), 255, 255), 0);
        assert_eq!(SSL_dane_enable(null_mut(), null()), 0);
        assert_eq!(SSL_dane_tlsa_add(null_mut(), 0, 0, 0, null(), 0), -1);
        assert_eq!(SSL_CTX_dane_set_flags(null_mut(), !0), 0);
        assert_eq!(SSL_CTX_dane_clear_flags(null_mut(), !0), 0);
        assert_eq!(SSL_dane_set_flags(null_mut(), !0), 0);
        assert_eq!(SSL_dane_clear_flags(null_mut(), !0), 0);
        assert!(SSL_get0_dane(null_mut()).is_null());
        assert_eq!(
            SSL_get0_dane_authority(null_mut(), null_mut(), null_mut()),
            -1
        );
        assert_eq!(
            SSL_get0_dane_tlsa(
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut()
            ),
            -1
        );
        crate::crypto::err::clear();
    }

    #[test]
    fn flags_round_trip() {
        let ctx = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_method());
        assert_eq!(SSL_CTX_dane_set_flags(ctx, 1), 0);
        assert_eq!(SSL_CTX_dane_clear_flags(ctx, 1), 1);
        // OpenSSL enables DANE (1); sslrs refuses.
        assert_eq!(SSL_CTX_dane_enable(ctx), 0);
        crate::ffi::ssl::SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
