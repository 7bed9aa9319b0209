//! `openssl/x509.h` / `openssl/x509_vfy.h` family exports: certificate objects, names and
//! verification error texts.
//!
//! An `X509*` is `Arc::into_raw(Arc<Certificate>)`; an `X509_NAME*` points at a [`Name`] stored
//! inside its certificate, so it stays valid exactly as long as the certificate does (OpenSSL's
//! `get0` semantics, although the functions are spelled without the 0).

use super::types::{self, X509, X509_NAME};
use super::{call, guard, null_on_error};
use crate::crypto::x509::{der, Certificate, Name};
use crate::error::{common, lib, Error, Result};
use core::ffi::{c_char, c_int, c_long, c_uchar};
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

/// `X509_V_OK`: "ok".
pub const X509_V_OK: c_int = 0;
/// `X509_V_ERR_UNSPECIFIED`: "unspecified certificate verification error".
pub const X509_V_ERR_UNSPECIFIED: c_int = 1;
/// `X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT`: "unable to get issuer certificate".
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: c_int = 2;
/// `X509_V_ERR_UNABLE_TO_GET_CRL`: "unable to get certificate CRL".
pub const X509_V_ERR_UNABLE_TO_GET_CRL: c_int = 3;
/// `X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE`: "unable to decrypt certificate's signature".
pub const X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE: c_int = 4;
/// `X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE`: "unable to decrypt CRL's signature".
pub const X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE: c_int = 5;
/// `X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY`: "unable to decode issuer public key".
pub const X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: c_int = 6;
/// `X509_V_ERR_CERT_SIGNATURE_FAILURE`: "certificate signature failure".
pub const X509_V_ERR_CERT_SIGNATURE_FAILURE: c_int = 7;
/// `X509_V_ERR_CRL_SIGNATURE_FAILURE`: "CRL signature failure".
pub const X509_V_ERR_CRL_SIGNATURE_FAILURE: c_int = 8;
/// `X509_V_ERR_CERT_NOT_YET_VALID`: "certificate is not yet valid".
pub const X509_V_ERR_CERT_NOT_YET_VALID: c_int = 9;
/// `X509_V_ERR_CERT_HAS_EXPIRED`: "certificate has expired".
pub const X509_V_ERR_CERT_HAS_EXPIRED: c_int = 10;
/// `X509_V_ERR_CRL_NOT_YET_VALID`: "CRL is not yet valid".
pub const X509_V_ERR_CRL_NOT_YET_VALID: c_int = 11;
/// `X509_V_ERR_CRL_HAS_EXPIRED`: "CRL has expired".
pub const X509_V_ERR_CRL_HAS_EXPIRED: c_int = 12;
/// `X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD`: "format error in certificate's notBefore field".
pub const X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD: c_int = 13;
/// `X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD`: "format error in certificate's notAfter field".
pub const X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD: c_int = 14;
/// `X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD`: "format error in CRL's lastUpdate field".
pub const X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD: c_int = 15;
/// `X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD`: "format error in CRL's nextUpdate field".
pub const X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD: c_int = 16;
/// `X509_V_ERR_OUT_OF_MEM`: "out of memory".
pub const X509_V_ERR_OUT_OF_MEM: c_int = 17;
/// `X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT`: "self-signed certificate".
pub const X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: c_int = 18;
/// `X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN`: "self-signed certificate in certificate chain".
pub const X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: c_int = 19;
/// `X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY`: "unable to get local issuer certificate".
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: c_int = 20;
/// `X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE`: "unable to verify the first certificate".
pub const X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: c_int = 21;
/// `X509_V_ERR_CERT_CHAIN_TOO_LONG`: "certificate chain too long".
pub const X509_V_ERR_CERT_CHAIN_TOO_LONG: c_int = 22;
/// `X509_V_ERR_CERT_REVOKED`: "certificate revoked".
pub const X509_V_ERR_CERT_REVOKED: c_int = 23;
/// `X509_V_ERR_NO_ISSUER_PUBLIC_KEY`: "issuer certificate doesn't have a public key".
pub const X509_V_ERR_NO_ISSUER_PUBLIC_KEY: c_int = 24;
/// `X509_V_ERR_PATH_LENGTH_EXCEEDED`: "path length constraint exceeded".
pub const X509_V_ERR_PATH_LENGTH_EXCEEDED: c_int = 25;
/// `X509_V_ERR_INVALID_PURPOSE`: "unsuitable certificate purpose".
pub const X509_V_ERR_INVALID_PURPOSE: c_int = 26;
/// `X509_V_ERR_CERT_UNTRUSTED`: "certificate not trusted".
pub const X509_V_ERR_CERT_UNTRUSTED: c_int = 27;
/// `X509_V_ERR_CERT_REJECTED`: "certificate rejected".
pub const X509_V_ERR_CERT_REJECTED: c_int = 28;
/// `X509_V_ERR_SUBJECT_ISSUER_MISMATCH`: "subject issuer mismatch".
pub const X509_V_ERR_SUBJECT_ISSUER_MISMATCH: c_int = 29;
/// `X509_V_ERR_AKID_SKID_MISMATCH`: "authority and subject key identifier mismatch".
pub const X509_V_ERR_AKID_SKID_MISMATCH: c_int = 30;
/// `X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH`: "authority and issuer serial number mismatch".
pub const X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH: c_int = 31;
/// `X509_V_ERR_KEYUSAGE_NO_CERTSIGN`: "key usage does not include certificate signing".
pub const X509_V_ERR_KEYUSAGE_NO_CERTSIGN: c_int = 32;
/// `X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER`: "unable to get CRL issuer certificate".
pub const X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER: c_int = 33;
/// `X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION`: "unhandled critical extension".
pub const X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION: c_int = 34;
/// `X509_V_ERR_KEYUSAGE_NO_CRL_SIGN`: "key usage does not include CRL signing".
pub const X509_V_ERR_KEYUSAGE_NO_CRL_SIGN: c_int = 35;
/// `X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION`: "unhandled critical CRL extension".
pub const X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION: c_int = 36;
/// `X509_V_ERR_INVALID_NON_CA`: "invalid non-CA certificate (has CA markings)".
pub const X509_V_ERR_INVALID_NON_CA: c_int = 37;
/// `X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED`: "proxy path length constraint exceeded".
pub const X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED: c_int = 38;
/// `X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE`: "key usage does not include digital signature".
pub const X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE: c_int = 39;
/// `X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED`: "proxy certificates not allowed, please set the appropriate flag".
pub const X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED: c_int = 40;
/// `X509_V_ERR_INVALID_EXTENSION`: "invalid or inconsistent certificate extension".
pub const X509_V_ERR_INVALID_EXTENSION: c_int = 41;
/// `X509_V_ERR_INVALID_POLICY_EXTENSION`: "invalid or inconsistent certificate policy extension".
pub const X509_V_ERR_INVALID_POLICY_EXTENSION: c_int = 42;
/// `X509_V_ERR_NO_EXPLICIT_POLICY`: "no explicit policy".
pub const X509_V_ERR_NO_EXPLICIT_POLICY: c_int = 43;
/// `X509_V_ERR_DIFFERENT_CRL_SCOPE`: "different CRL scope".
pub const X509_V_ERR_DIFFERENT_CRL_SCOPE: c_int = 44;
/// `X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE`: "unsupported extension feature".
pub const X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE: c_int = 45;
/// `X509_V_ERR_UNNESTED_RESOURCE`: "RFC 3779 resource not subset of parent's resources".
pub const X509_V_ERR_UNNESTED_RESOURCE: c_int = 46;
/// `X509_V_ERR_PERMITTED_VIOLATION`: "permitted subtree violation".
pub const X509_V_ERR_PERMITTED_VIOLATION: c_int = 47;
/// `X509_V_ERR_EXCLUDED_VIOLATION`: "excluded subtree violation".
pub const X509_V_ERR_EXCLUDED_VIOLATION: c_int = 48;
/// `X509_V_ERR_SUBTREE_MINMAX`: "name constraints minimum and maximum not supported".
pub const X509_V_ERR_SUBTREE_MINMAX: c_int = 49;
/// `X509_V_ERR_APPLICATION_VERIFICATION`: "application verification failure".
pub const X509_V_ERR_APPLICATION_VERIFICATION: c_int = 50;
/// `X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE`: "unsupported name constraint type".
pub const X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE: c_int = 51;
/// `X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX`: "unsupported or invalid name constraint syntax".
pub const X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX: c_int = 52;
/// `X509_V_ERR_UNSUPPORTED_NAME_SYNTAX`: "unsupported or invalid name syntax".
pub const X509_V_ERR_UNSUPPORTED_NAME_SYNTAX: c_int = 53;
/// `X509_V_ERR_CRL_PATH_VALIDATION_ERROR`: "CRL path validation error".
pub const X509_V_ERR_CRL_PATH_VALIDATION_ERROR: c_int = 54;
/// `X509_V_ERR_PATH_LOOP`: "path loop".
pub const X509_V_ERR_PATH_LOOP: c_int = 55;
/// `X509_V_ERR_SUITE_B_INVALID_VERSION`: "Suite B: certificate version invalid".
pub const X509_V_ERR_SUITE_B_INVALID_VERSION: c_int = 56;
/// `X509_V_ERR_SUITE_B_INVALID_ALGORITHM`: "Suite B: invalid public key algorithm".
pub const X509_V_ERR_SUITE_B_INVALID_ALGORITHM: c_int = 57;
/// `X509_V_ERR_SUITE_B_INVALID_CURVE`: "Suite B: invalid ECC curve".
pub const X509_V_ERR_SUITE_B_INVALID_CURVE: c_int = 58;
/// `X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM`: "Suite B: invalid signature algorithm".
pub const X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM: c_int = 59;
/// `X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED`: "Suite B: curve not allowed for this LOS".
pub const X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED: c_int = 60;
/// `X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256`: "Suite B: cannot sign P-384 with P-256".
pub const X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256: c_int = 61;
/// `X509_V_ERR_HOSTNAME_MISMATCH`: "hostname mismatch".
pub const X509_V_ERR_HOSTNAME_MISMATCH: c_int = 62;
/// `X509_V_ERR_EMAIL_MISMATCH`: "email address mismatch".
pub const X509_V_ERR_EMAIL_MISMATCH: c_int = 63;
/// `X509_V_ERR_IP_ADDRESS_MISMATCH`: "IP address mismatch".
pub const X509_V_ERR_IP_ADDRESS_MISMATCH: c_int = 64;
/// `X509_V_ERR_DANE_NO_MATCH`: "no matching DANE TLSA records".
pub const X509_V_ERR_DANE_NO_MATCH: c_int = 65;
/// `X509_V_ERR_EE_KEY_TOO_SMALL`: "EE certificate key too weak".
pub const X509_V_ERR_EE_KEY_TOO_SMALL: c_int = 66;
/// `X509_V_ERR_CA_KEY_TOO_SMALL`: "CA certificate key too weak".
pub const X509_V_ERR_CA_KEY_TOO_SMALL: c_int = 67;
/// `X509_V_ERR_CA_MD_TOO_WEAK`: "CA signature digest algorithm too weak".
pub const X509_V_ERR_CA_MD_TOO_WEAK: c_int = 68;
/// `X509_V_ERR_INVALID_CALL`: "invalid certificate verification context".
pub const X509_V_ERR_INVALID_CALL: c_int = 69;
/// `X509_V_ERR_STORE_LOOKUP`: "issuer certificate lookup error".
pub const X509_V_ERR_STORE_LOOKUP: c_int = 70;
/// `X509_V_ERR_NO_VALID_SCTS`: "Certificate Transparency required, but no valid SCTs found".
pub const X509_V_ERR_NO_VALID_SCTS: c_int = 71;
/// `X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION`: "proxy subject name violation".
pub const X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION: c_int = 72;
/// `X509_V_ERR_OCSP_VERIFY_NEEDED`: "OCSP verification needed".
pub const X509_V_ERR_OCSP_VERIFY_NEEDED: c_int = 73;
/// `X509_V_ERR_OCSP_VERIFY_FAILED`: "OCSP verification failed".
pub const X509_V_ERR_OCSP_VERIFY_FAILED: c_int = 74;
/// `X509_V_ERR_OCSP_CERT_UNKNOWN`: "OCSP unknown cert".
pub const X509_V_ERR_OCSP_CERT_UNKNOWN: c_int = 75;
/// `X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM`: "Cannot find certificate signature algorithm".
pub const X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM: c_int = 76;
/// `X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH`: "subject signature algorithm and issuer public key algorithm mismatch".
pub const X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH: c_int = 77;
/// `X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY`: "cert info signature and signature algorithm mismatch".
pub const X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY: c_int = 78;
/// `X509_V_ERR_INVALID_CA`: "invalid CA certificate".
pub const X509_V_ERR_INVALID_CA: c_int = 79;
/// `X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA`: "Path length invalid for non-CA cert".
pub const X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA: c_int = 80;
/// `X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN`: "Path length given without key usage keyCertSign".
pub const X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN: c_int = 81;
/// `X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA`: "Key usage keyCertSign invalid for non-CA cert".
pub const X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA: c_int = 82;
/// `X509_V_ERR_ISSUER_NAME_EMPTY`: "Issuer name empty".
pub const X509_V_ERR_ISSUER_NAME_EMPTY: c_int = 83;
/// `X509_V_ERR_SUBJECT_NAME_EMPTY`: "Subject name empty".
pub const X509_V_ERR_SUBJECT_NAME_EMPTY: c_int = 84;
/// `X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER`: "Missing Authority Key Identifier".
pub const X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER: c_int = 85;
/// `X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER`: "Missing Subject Key Identifier".
pub const X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER: c_int = 86;
/// `X509_V_ERR_EMPTY_SUBJECT_ALT_NAME`: "Empty Subject Alternative Name extension".
pub const X509_V_ERR_EMPTY_SUBJECT_ALT_NAME: c_int = 87;
/// `X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL`: "Subject empty and Subject Alt Name extension not critical".
pub const X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL: c_int = 88;
/// `X509_V_ERR_CA_BCONS_NOT_CRITICAL`: "Basic Constraints of CA cert not marked critical".
pub const X509_V_ERR_CA_BCONS_NOT_CRITICAL: c_int = 89;
/// `X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL`: "Authority Key Identifier marked critical".
pub const X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL: c_int = 90;
/// `X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL`: "Subject Key Identifier marked critical".
pub const X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL: c_int = 91;
/// `X509_V_ERR_CA_CERT_MISSING_KEY_USAGE`: "CA cert does not include key usage extension".
pub const X509_V_ERR_CA_CERT_MISSING_KEY_USAGE: c_int = 92;
/// `X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3`: "Using cert extension requires at least X509v3".
pub const X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3: c_int = 93;
/// `X509_V_ERR_EC_KEY_EXPLICIT_PARAMS`: "Certificate public key has explicit ECC parameters".
pub const X509_V_ERR_EC_KEY_EXPLICIT_PARAMS: c_int = 94;

/// The `X509_NAME*` for a name owned by a live certificate.
fn name_ptr(n: &Name) -> *mut X509_NAME {
    n as *const Name as *mut X509_NAME
}

/// Borrows the [`Name`] behind an `X509_NAME*` made by [`name_ptr`].
///
/// # Safety
/// `p` must be NULL or a pointer from [`name_ptr`] whose certificate is still alive.
unsafe fn name_ref<'a>(p: *const X509_NAME) -> Option<&'a Name> {
    // SAFETY: per the caller, `p` points at a `Name` inside a live `Certificate`.
    unsafe { (p as *const Name).as_ref() }
}

/// Copies `s` into a fresh C-allocated (`malloc`) NUL-terminated string, freeable with
/// `OPENSSL_free`/`free`.
fn c_strdup(s: &[u8]) -> Result<*mut c_char> {
    // SAFETY: malloc has no preconditions; the result is checked for NULL before use.
    let p = unsafe { libc::malloc(s.len() + 1) } as *mut u8;
    if p.is_null() {
        return Err(Error::new(
            lib::CRYPTO,
            common::MALLOC_FAILURE,
            "CRYPTO_malloc",
        ));
    }
    // SAFETY: `p` has `s.len() + 1` writable bytes and does not overlap `s`.
    unsafe {
        core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
    }
    Ok(p as *mut c_char)
}

/// Writes `s` plus NUL into `buf` (the caller made sure it fits in `size` bytes).
///
/// # Safety
/// `buf` must have `size` writable bytes and `s.len() < size`.
unsafe fn write_cstr(buf: *mut c_char, size: usize, s: &[u8]) {
    let n = s.len().min(size.saturating_sub(1));
    // SAFETY: `n + 1 <= size` bytes are writable at `buf` per the caller.
    unsafe {
        core::ptr::copy_nonoverlapping(s.as_ptr(), buf as *mut u8, n);
        *buf.add(n) = 0;
    }
}

/// `X509_new()`: an empty certificate object (no DER, empty names). It can be freed, up-ref'd
/// and asked for its (empty) names; giving it to an SSL_CTX fails later, as in OpenSSL.
/// Returns one reference, or NULL on allocation failure.
#[no_mangle]
pub extern "C" fn X509_new() -> *mut X509 {
    crate::forward_new!(X509_new());
    null_on_error(|| Ok(types::into_c::<X509>(Arc::new(Certificate::empty()))))
}

/// `X509_free(a)`: drops one reference; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_free(a: *mut X509) {
    crate::forward!(X509_free(a));
    // SAFETY: `a` is NULL or an X509 reference the caller gives up.
    guard((), || unsafe { types::release::<X509>(a) })
}

/// `X509_up_ref(x)`: adds a reference. Returns 1; 0 for NULL (OpenSSL would crash).
#[no_mangle]
pub extern "C" fn X509_up_ref(x: *mut X509) -> c_int {
    crate::forward!(X509_up_ref(x));
    // SAFETY: `x` is NULL or a live X509.
    guard(0, || unsafe { types::up_ref::<X509>(x) })
}

/// `X509_get_subject_name(a)`: the subject, owned by `a` (do not free). NULL for NULL
/// (OpenSSL would crash), nothing queued.
#[no_mangle]
pub extern "C" fn X509_get_subject_name(a: *const X509) -> *mut X509_NAME {
    crate::forward!(X509_get_subject_name(a));
    // SAFETY: `a` is NULL or a live X509; the Name lives inside it.
    guard(core::ptr::null_mut(), || {
        match unsafe { types::borrow::<X509>(a) } {
            Some(c) => name_ptr(c.subject()),
            None => core::ptr::null_mut(),
        }
    })
}

/// `X509_get_issuer_name(a)`: the issuer, owned by `a` (do not free). NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_get_issuer_name(a: *const X509) -> *mut X509_NAME {
    crate::forward!(X509_get_issuer_name(a));
    // SAFETY: `a` is NULL or a live X509; the Name lives inside it.
    guard(core::ptr::null_mut(), || {
        match unsafe { types::borrow::<X509>(a) } {
            Some(c) => name_ptr(c.issuer()),
            None => core::ptr::null_mut(),
        }
    })
}

/// `X509_NAME_get_text_by_NID(3)`: the first attribute of type `nid` (e.g. `NID_commonName`)
/// copied into `buf` (at most `len - 1` bytes and a NUL); its length, or -1 if the name has
/// none or OpenSSL's object table does not know `nid`. With a NULL `buf`, only the length.
#[no_mangle]
pub extern "C" fn X509_NAME_get_text_by_NID(
    name: *const X509_NAME,
    nid: c_int,
    buf: *mut c_char,
    len: c_int,
) -> c_int {
    crate::forward!(X509_NAME_get_text_by_NID(name, nid, buf, len));
    crate::ffi::call(-1, || {
        // SAFETY: NULL or an X509_NAME from X509_get_*_name of a live X509.
        let Some(n) = (unsafe { name_ref(name) }) else {
            return Err(Error::null_param(lib::X509, "X509_NAME_get_text_by_NID"));
        };
        let Some(oid) = crate::crypto::objects::by_nid(nid).map(|o| o.oid) else {
            return Ok(-1);
        };
        let Some(e) = n
            .entries
            .iter()
            .find(|e| crate::crypto::x509::der::oid_to_string(&e.oid) == oid)
        else {
            return Ok(-1);
        };
        let value = crate::crypto::x509_name::value_string(e).1;
        if buf.is_null() {
            return Ok(c_int::try_from(value.len()).unwrap_or(c_int::MAX));
        }
        if len <= 0 {
            return Ok(-1);
        }
        let n = value.len().min(len as usize - 1);
        // SAFETY: the caller's buffer holds `len` bytes.
        unsafe {
            core::ptr::copy_nonoverlapping(value.as_ptr(), buf as *mut u8, n);
            *buf.add(n) = 0;
        }
        Ok(n as c_int)
    })
}

/// `X509_NAME_oneline(a, buf, size)`: `/C=US/O=Org/CN=name` (`/` and `+` in values escaped with
/// a backslash, bytes outside printable ASCII as `\xHH`, `+` joining multi-valued RDNs).
///
/// With `buf == NULL` returns a `malloc`'d string the caller frees with `OPENSSL_free` (size is
/// ignored). With a buffer: `size == 0` returns NULL; `size < 0` writes `""`; otherwise whole
/// entries are written while they fit (with the NUL) and `buf` is returned. A NULL name gives
/// `"NO X509_NAME"`, as in OpenSSL.
#[no_mangle]
pub extern "C" fn X509_NAME_oneline(
    a: *const X509_NAME,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    crate::forward!(X509_NAME_oneline(a, buf, size));
    null_on_error(|| {
        // SAFETY: `a` is NULL or an X509_NAME from X509_get_*_name of a live X509.
        let name = unsafe { name_ref(a) };
        if buf.is_null() {
            let s = name.map_or_else(|| "NO X509_NAME".to_string(), Name::oneline);
            return c_strdup(s.as_bytes());
        }
        if size == 0 {
            return Ok(core::ptr::null_mut());
        }
        let size = usize::try_from(size).unwrap_or(1);
        let s = match name {
            Some(n) => n.oneline_bounded(size),
            None => "NO X509_NAME".to_string(),
        };
        // SAFETY: `buf` has `size` writable bytes per the OpenSSL contract; write_cstr bounds it.
        unsafe { write_cstr(buf, size, s.as_bytes()) };
        Ok(buf)
    })
}

/// `X509_verify_cert_error_string(n)`: OpenSSL 3.0's text for an `X509_V_*` code (static);
/// unknown codes give "unknown certificate verification error".
#[no_mangle]
pub extern "C" fn X509_verify_cert_error_string(n: c_long) -> *const c_char {
    crate::forward!(X509_verify_cert_error_string(n));
    guard(c"unknown certificate verification error".as_ptr(), || {
        crate::crypto::x509::verify_error_string(n).as_ptr()
    })
}

/// `d2i_X509(a, in, len)`: parses one DER certificate from `*in` (at most `len` bytes) and
/// advances `*in` past it. Returns one reference, or NULL with ASN1 errors queued.
///
/// Deviation: with `a != NULL && *a != NULL` OpenSSL refills `*a` in place; sslrs releases the
/// caller's reference to `*a` and stores the new object there (the returned pointer).
#[no_mangle]
pub extern "C" fn d2i_X509(a: *mut *mut X509, r#in: *mut *const c_uchar, len: c_long) -> *mut X509 {
    crate::forward_new!(d2i_X509(a, r#in, len));
    null_on_error(|| {
        // SAFETY: `in` is NULL or a valid pointer to a pointer per the d2i contract.
        let start = unsafe { r#in.as_ref() }
            .copied()
            .unwrap_or(core::ptr::null());
        if start.is_null() {
            return Err(Error::null_param(lib::ASN1, "d2i_X509"));
        }
        let len = usize::try_from(len).map_err(|_| {
            Error::new(
                lib::ASN1,
                crate::crypto::x509::ASN1_R_TOO_LONG,
                "ASN1_get_object",
            )
        })?;
        // SAFETY: `*in` points at `len` readable bytes per the d2i contract.
        let bytes = unsafe { super::ptr::in_buf(start.cast(), len) }?;
        let used = der::Reader::new(bytes).any()?.raw.len();
        let cert = Certificate::from_der(CertificateDer::from(bytes[..used].to_vec()))?;
        let p = types::into_c::<X509>(Arc::new(cert));
        // SAFETY: `in` is non-NULL (checked above); `a` is NULL or writable.
        unsafe {
            *r#in = start.add(used);
            replace_out(a, p);
        }
        Ok(p)
    })
}

/// Stores `p` in the out-parameter `x` (if not NULL), releasing the reference it held (the
/// d2i/PEM-read convention, for any refcounted native object: `X509`, `X509_CRL`, ...).
///
/// # Safety
/// `x` must be NULL or point at NULL or a live reference of that type owned by the caller.
pub(crate) unsafe fn replace_out<H: types::Handle>(x: *mut *mut H, p: *mut H) {
    if x.is_null() {
        return;
    }
    // SAFETY: `x` is valid for read and write per the caller.
    unsafe {
        let old = *x;
        if old != p {
            types::release::<H>(old);
        }
        *x = p;
    }
}

/// `i2d_X509(a, out)`: the DER length; with `out` set, writes the DER at `*out` and advances it,
/// or with `*out == NULL` stores a `malloc`'d copy there (freed with `OPENSSL_free`). Returns
/// 0 for NULL (no error entry), -1 for an empty (`X509_new`) certificate.
#[no_mangle]
pub extern "C" fn i2d_X509(a: *const X509, out: *mut *mut c_uchar) -> c_int {
    crate::forward!(i2d_X509(a, out));
    call(-1, || {
        // SAFETY: `a` is NULL or a live X509.
        let Some(cert) = (unsafe { types::borrow::<X509>(a) }) else {
            return Ok(0); // OpenSSL's ASN1_item_i2d: nothing to encode, no error entry
        };
        let d = cert.der.as_ref();
        if d.is_empty() {
            return Err(Error::new(
                lib::ASN1,
                common::PASSED_INVALID_ARGUMENT,
                "i2d_X509",
            ));
        }
        // SAFETY: `out` is NULL or valid per the i2d contract; a non-NULL `*out` has room for
        // the DER (the caller sized it with a first call).
        unsafe { super::x509_name::write_i2d(d, out) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::err;
    use crate::crypto::x509::fixtures::*;
    use core::ffi::CStr;

    fn load(pem: &str) -> *mut X509 {
        let der = crate::crypto::pem::read_certs(pem.as_bytes())
            .unwrap()
            .remove(0);
        types::into_c::<X509>(Arc::new(Certificate::from_der(der).unwrap()))
    }

    fn owned(p: *mut c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: a malloc'd NUL-terminated string from X509_NAME_oneline.
        let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string();
        // SAFETY: allocated with libc::malloc.
        unsafe { libc::free(p.cast()) };
        s
    }

    #[test]
    fn nulls() {
        err::clear();
        X509_free(core::ptr::null_mut());
        assert_eq!(X509_up_ref(core::ptr::null_mut()), 0);
        assert!(X509_get_subject_name(core::ptr::null()).is_null());
        assert!(X509_get_issuer_name(core::ptr::null()).is_null());
        assert_eq!(err::peek_first(), 0, "nothing queued");
        assert_eq!(
            owned(X509_NAME_oneline(
                core::ptr::null(),
                core::ptr::null_mut(),
                0
            )),
            "NO X509_NAME"
        );
        let mut buf = [b'#' as c_char; 20];
        let r = X509_NAME_oneline(core::ptr::null(), buf.as_mut_ptr(), 20);
        assert_eq!(r, buf.as_mut_ptr());
        // SAFETY: NUL-terminated by X509_NAME_oneline.
        assert_eq!(unsafe { CStr::from_ptr(r) }, c"NO X509_NAME");
        assert!(d2i_X509(core::ptr::null_mut(), core::ptr::null_mut(), 10).is_null());
        let mut p: *const c_uchar = core::ptr::null();
        assert!(d2i_X509(core::ptr::null_mut(), &mut p, 10).is_null());
        // OpenSSL 3.0: nothing to encode, 0 without an error entry (measured by the ABI sweep)
        assert_eq!(i2d_X509(core::ptr::null(), core::ptr::null_mut()), 0);
        err::clear();
    }

    #[test]
    fn lifecycle_and_names() {
        let x = load(EC_CERT);
        assert_eq!(X509_up_ref(x), 1);
        let subj = X509_get_subject_name(x);
        let iss = X509_get_issuer_name(x);
        assert!(!subj.is_null() && !iss.is_null() && subj != iss);
        X509_free(x); // one reference left: the names stay valid
        let want = "/C=US/ST=California/O=Org, Inc./OU=Unit+CN=multi/CN=test.example.com/emailAddress=a@b.c";
        assert_eq!(
            owned(X509_NAME_oneline(subj, core::ptr::null_mut(), 0)),
            want
        );
        assert_eq!(
            owned(X509_NAME_oneline(iss, core::ptr::null_mut(), -5)),
            want
        );
        let mut buf = [b'#' as c_char; 64];
        let b = buf.as_mut_ptr();
        // size 0: NULL and the buffer untouched; negative: ""; 20: whole entries that fit.
        assert!(X509_NAME_oneline(subj, b, 0).is_null());
        assert_eq!(buf[0], b'#' as c_char);
        assert_eq!(X509_NAME_oneline(subj, b, -1), b);
        assert_eq!(buf[0], 0);
        assert_eq!(X509_NAME_oneline(subj, b, 20), b);
        // SAFETY: NUL-terminated within the buffer.
        assert_eq!(unsafe { CStr::from_ptr(b) }, c"/C=US/ST=California");
        assert_eq!(X509_NAME_oneline(subj, b, 6), b);
        // SAFETY: as above.
        assert_eq!(unsafe { CStr::from_ptr(b) }, c"/C=US");
        X509_free(x);
    }

    #[test]
    fn x509_new_is_empty() {
        let x = X509_new();
        assert!(!x.is_null());
        let n = X509_get_subject_name(x);
        assert_eq!(owned(X509_NAME_oneline(n, core::ptr::null_mut(), 0)), "");
        err::clear();
        assert_eq!(i2d_X509(x, core::ptr::null_mut()), -1);
        assert_ne!(err::peek_first(), 0);
        err::clear();
        X509_free(x);
    }

    #[test]
    fn d2i_i2d_roundtrip() {
        let x = load(RSA_CERT);
        let len = i2d_X509(x, core::ptr::null_mut());
        assert!(len > 100);
        let mut out: *mut c_uchar = core::ptr::null_mut();
        assert_eq!(i2d_X509(x, &mut out), len);
        assert!(!out.is_null());
        let mut buf = vec![0u8; len as usize + 5];
        let mut w = buf.as_mut_ptr();
        assert_eq!(i2d_X509(x, &mut w), len);
        assert_eq!(w as usize - buf.as_ptr() as usize, len as usize);
        // d2i with extra trailing bytes: parses one cert and advances exactly past it.
        let mut p = buf.as_ptr() as *const c_uchar;
        let mut slot: *mut X509 = load(EC_CERT); // replaced (its reference released)
        let y = d2i_X509(&mut slot, &mut p, buf.len() as c_long);
        assert!(!y.is_null());
        assert_eq!(slot, y);
        assert_eq!(p as usize - buf.as_ptr() as usize, len as usize);
        // SAFETY: live X509s.
        let (a, b) = unsafe {
            (
                types::borrow::<X509>(x).unwrap(),
                types::borrow::<X509>(y).unwrap(),
            )
        };
        assert_eq!(a.der, b.der);
        // Short input: NULL, `*in` untouched, ASN1 error queued.
        err::clear();
        let mut p = buf.as_ptr() as *const c_uchar;
        assert!(d2i_X509(core::ptr::null_mut(), &mut p, (len - 1) as c_long).is_null());
        assert_eq!(p, buf.as_ptr() as *const c_uchar);
        assert_eq!(err::pop_first().unwrap().code, 0x0680009B);
        err::clear();
        // SAFETY: malloc'd by i2d_X509.
        unsafe { libc::free(out.cast()) };
        X509_free(x);
        X509_free(y);
    }

    #[test]
    fn verify_strings() {
        // SAFETY: static NUL-terminated strings.
        let s = |n| unsafe { CStr::from_ptr(X509_verify_cert_error_string(n)) };
        assert_eq!(s(X509_V_OK as c_long), c"ok");
        assert_eq!(
            s(X509_V_ERR_CERT_HAS_EXPIRED as c_long),
            c"certificate has expired"
        );
        assert_eq!(
            s(X509_V_ERR_HOSTNAME_MISMATCH as c_long),
            c"hostname mismatch"
        );
        assert_eq!(s(-1), c"unknown certificate verification error");
        assert_eq!(X509_V_ERR_EC_KEY_EXPLICIT_PARAMS, 94);
    }
}
