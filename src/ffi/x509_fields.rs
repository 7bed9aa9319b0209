//! `openssl/x509.h` / `x509v3.h` certificate fields, natively from
//! [`crate::crypto::x509_fields`]: serial, validity, version, signature NID, extensions
//! (`X509_get_ext_d2i` for subjectAltName, basicConstraints, keyUsage, subjectKeyIdentifier),
//! extension flags, the public key, `X509_cmp`, `X509_dup`.
//!
//! The serial and time strings and the public key are owned by the certificate (OpenSSL's
//! `get0`/`getm` semantics); what `X509_get_ext_d2i` returns is the caller's (`GENERAL_NAMES_free`,
//! `BASIC_CONSTRAINTS_free`, `ASN1_BIT_STRING_free`, `ASN1_OCTET_STRING_free`).

use super::asn1::{free_string, new_string, Asn1String};
use super::asn1_int::ASN1_INTEGER;
use super::asn1_time::ASN1_TIME;
use super::digest::{EVP_MD_get_type, EVP_MD};
use super::stack::{Stack, OPENSSL_STACK};
use super::types::{self, EVP_PKEY, X509};
use super::{call, guard, null_on_error};
use crate::crypto::objects;
use crate::crypto::x509::Certificate;
use crate::crypto::x509_fields::{
    Fields, OID_BASIC_CONSTRAINTS, OID_KEY_USAGE, OID_SKID, V_ASN1_BIT_STRING, V_ASN1_IA5STRING,
    V_ASN1_INTEGER, V_ASN1_OCTET_STRING,
};
use crate::error::{lib, Error};
use core::ffi::{c_int, c_long, c_uchar, c_uint, c_void};
use std::sync::Arc;

/// `GENERAL_NAME` (`struct GENERAL_NAME_st`): natively a [`GeneralName`].
pub struct GENERAL_NAME {
    _private: [u8; 0],
}
/// `GENERAL_NAMES` (`STACK_OF(GENERAL_NAME)`).
pub struct GENERAL_NAMES {
    _private: [u8; 0],
}
/// `BASIC_CONSTRAINTS` (`struct BASIC_CONSTRAINTS_st`): natively a [`BasicConstraintsRepr`].
pub struct BASIC_CONSTRAINTS {
    _private: [u8; 0],
}

/// `GEN_OTHERNAME`..`GEN_RID`: the `type` of a `GENERAL_NAME`.
pub const GEN_OTHERNAME: c_int = 0;
pub const GEN_EMAIL: c_int = 1;
pub const GEN_DNS: c_int = 2;
pub const GEN_X400: c_int = 3;
pub const GEN_DIRNAME: c_int = 4;
pub const GEN_EDIPARTY: c_int = 5;
pub const GEN_URI: c_int = 6;
pub const GEN_IPADD: c_int = 7;
pub const GEN_RID: c_int = 8;

/// OpenSSL's public `struct GENERAL_NAME_st { int type; union { ... } d; }`: every member of
/// the union is a pointer; the string kinds point at an `ASN1_STRING`.
#[repr(C)]
pub struct GeneralName {
    pub type_: c_int,
    pub d: *mut c_void,
}

/// OpenSSL's public `struct BASIC_CONSTRAINTS_st { int ca; ASN1_INTEGER *pathlen; }`.
#[repr(C)]
pub struct BasicConstraintsRepr {
    pub ca: c_int,
    pub pathlen: *mut ASN1_INTEGER,
}

fn fields_of<'a>(x: *const X509) -> Option<&'a Fields> {
    // SAFETY: NULL or a live X509 of the native backend.
    unsafe { types::borrow::<X509>(x) }.and_then(Certificate::fields)
}

fn owned_ptr(s: &Asn1String) -> *mut Asn1String {
    s as *const Asn1String as *mut Asn1String
}

/// `X509_get_serialNumber(x)`: the serial, owned by `x` (changes go into the certificate's
/// copy). NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_get_serialNumber(x: *mut X509) -> *mut ASN1_INTEGER {
    crate::forward!(X509_get_serialNumber(x));
    guard(core::ptr::null_mut(), || {
        fields_of(x).map_or(core::ptr::null_mut(), |f| owned_ptr(&f.owned.serial).cast())
    })
}

/// `X509_get0_serialNumber(x)`: the serial, owned by `x`. NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_get0_serialNumber(x: *const X509) -> *const ASN1_INTEGER {
    crate::forward!(X509_get0_serialNumber(x));
    guard(core::ptr::null(), || {
        fields_of(x).map_or(core::ptr::null(), |f| owned_ptr(&f.owned.serial).cast())
    })
}

/// `X509_get0_notBefore(x)`: owned by `x`. NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_get0_notBefore(x: *const X509) -> *const ASN1_TIME {
    crate::forward!(X509_get0_notBefore(x));
    guard(core::ptr::null(), || {
        fields_of(x).map_or(core::ptr::null(), |f| owned_ptr(&f.owned.not_before).cast())
    })
}

/// `X509_get0_notAfter(x)`: owned by `x`. NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_get0_notAfter(x: *const X509) -> *const ASN1_TIME {
    crate::forward!(X509_get0_notAfter(x));
    guard(core::ptr::null(), || {
        fields_of(x).map_or(core::ptr::null(), |f| owned_ptr(&f.owned.not_after).cast())
    })
}

/// `X509_getm_notBefore(x)` (and the `X509_get_notBefore` macro): owned by `x`, writable.
///
/// Status: partial — a change is seen through these pointers but not by the TLS engine, which
/// reads the DER.
#[no_mangle]
pub extern "C" fn X509_getm_notBefore(x: *const X509) -> *mut ASN1_TIME {
    crate::forward!(X509_getm_notBefore(x));
    guard(core::ptr::null_mut(), || {
        fields_of(x).map_or(core::ptr::null_mut(), |f| {
            owned_ptr(&f.owned.not_before).cast()
        })
    })
}

/// `X509_getm_notAfter(x)` (and the `X509_get_notAfter` macro): owned by `x`, writable.
///
/// Status: partial — a change is seen through these pointers but not by the TLS engine, which
/// reads the DER.
#[no_mangle]
pub extern "C" fn X509_getm_notAfter(x: *const X509) -> *mut ASN1_TIME {
    crate::forward!(X509_getm_notAfter(x));
    guard(core::ptr::null_mut(), || {
        fields_of(x).map_or(core::ptr::null_mut(), |f| {
            owned_ptr(&f.owned.not_after).cast()
        })
    })
}

/// `X509_get_version(x)`: 0 for v1, 2 for v3; 0 for NULL or an empty certificate.
#[no_mangle]
pub extern "C" fn X509_get_version(x: *const X509) -> c_long {
    crate::forward!(X509_get_version(x));
    guard(0, || fields_of(x).map_or(0, |f| f.version as c_long))
}

/// `X509_get_signature_nid(x)`: the NID of the signature algorithm (`NID_ecdsa_with_SHA256`
/// ...); `NID_undef` (0) when unknown or for NULL.
#[no_mangle]
pub extern "C" fn X509_get_signature_nid(x: *const X509) -> c_int {
    crate::forward!(X509_get_signature_nid(x));
    guard(0, || {
        fields_of(x)
            .and_then(|f| objects::by_oid(&f.sig_oid))
            .map_or(0, |o| o.nid)
    })
}

/// `X509_get_ext_count(x)`: the number of extensions; 0 for NULL.
#[no_mangle]
pub extern "C" fn X509_get_ext_count(x: *const X509) -> c_int {
    crate::forward!(X509_get_ext_count(x));
    guard(0, || {
        fields_of(x).map_or(0, |f| f.extensions.len() as c_int)
    })
}

/// Frees a native `GENERAL_NAME`.
///
/// # Safety
/// `p` must be NULL or a `Box<GeneralName>` made here, not used afterwards.
unsafe fn free_general_name(p: *mut GeneralName) {
    if p.is_null() {
        return;
    }
    // SAFETY: per the caller.
    let g = unsafe { Box::from_raw(p) };
    if matches!(g.type_, GEN_EMAIL | GEN_DNS | GEN_URI | GEN_IPADD) {
        // SAFETY: the string kinds own an ASN1_STRING made by new_string.
        unsafe { free_string(g.d.cast()) };
    }
}

unsafe extern "C" fn free_general_name_cb(p: *mut c_void) {
    // SAFETY: the elements of a native GENERAL_NAMES are Box<GeneralName>s.
    unsafe { free_general_name(p.cast()) }
}

/// The decoded extension object `X509_get_ext_d2i` returns for `oid`, or NULL when sslrs does
/// not decode that extension.
fn decode_ext(oid: &str, value: &[u8]) -> crate::error::Result<*mut c_void> {
    let bad = || Error::new(lib::X509V3, 0x80000 | 13, "X509V3_EXT_d2i");
    match oid {
        crate::crypto::x509_fields::OID_SAN | "2.5.29.18" => {
            let names = Fields::alt_names(value).ok_or_else(bad)?;
            let mut st = Stack::new(None);
            for n in names {
                let kind = if n.kind == GEN_IPADD {
                    V_ASN1_OCTET_STRING
                } else {
                    V_ASN1_IA5STRING
                };
                let s = new_string(kind, &n.bytes)?;
                st.data.push(Box::into_raw(Box::new(GeneralName {
                    type_: n.kind,
                    d: s.cast(),
                })) as *mut c_void);
            }
            Ok(st.into_c().cast())
        }
        OID_BASIC_CONSTRAINTS => {
            let (ca, pathlen) = Fields::basic_constraints(value).ok_or_else(bad)?;
            let pathlen = match pathlen {
                Some(n) => {
                    let (_, mag) = crate::crypto::x509_fields::integer_from_der(&n.to_be_bytes());
                    new_string(V_ASN1_INTEGER, &mag)?.cast()
                }
                None => core::ptr::null_mut(),
            };
            Ok(Box::into_raw(Box::new(BasicConstraintsRepr {
                ca: if ca { 255 } else { 0 },
                pathlen,
            }))
            .cast())
        }
        OID_KEY_USAGE => {
            let (unused, bytes) = Fields::bit_string(value).ok_or_else(bad)?;
            let p = new_string(V_ASN1_BIT_STRING, &bytes)?;
            // SAFETY: just made. ASN1_STRING_FLAG_BITS_LEFT | the unused-bit count.
            unsafe { (*(p as *mut Asn1String)).flags = 0x08 | (unused & 7) as c_long };
            Ok(p.cast())
        }
        OID_SKID => {
            let bytes = Fields::octet_string(value).ok_or_else(bad)?;
            Ok(new_string(V_ASN1_OCTET_STRING, &bytes)?.cast())
        }
        crate::crypto::x509_fields::OID_EXT_KEY_USAGE => super::x509_print::decode_eku(value),
        _ => Ok(core::ptr::null_mut()),
    }
}

/// `X509_get_ext_d2i(x, nid, crit, idx)`: the decoded extension `nid`, the caller's to free.
/// `*crit` (if not NULL): its criticality, -1 when absent, -2 when it occurs more than once
/// and `idx` is NULL. `*idx` (if not NULL): the search starts after `*idx` and gets the
/// position found, or -1.
///
/// Status: partial — natively subjectAltName and issuerAltName (`GENERAL_NAMES` with the
/// DNS, IP, email and URI entries; other GeneralName kinds are left out), basicConstraints,
/// keyUsage, extendedKeyUsage (`EXTENDED_KEY_USAGE_free`) and subjectKeyIdentifier are
/// decoded; other extensions give NULL (crit and idx still set).
#[no_mangle]
pub extern "C" fn X509_get_ext_d2i(
    x: *const X509,
    nid: c_int,
    crit: *mut c_int,
    idx: *mut c_int,
) -> *mut c_void {
    crate::forward!(X509_get_ext_d2i(x, nid, crit, idx));
    null_on_error(|| {
        let set = |c: c_int, i: Option<c_int>| {
            // SAFETY: NULL or the caller's ints.
            unsafe {
                if let Some(p) = crit.as_mut() {
                    *p = c;
                }
                if let (Some(p), Some(v)) = (idx.as_mut(), i) {
                    *p = v;
                }
            }
        };
        let oid = objects::by_nid(nid).map(|o| o.oid).unwrap_or("");
        let f = fields_of(x);
        let start = if idx.is_null() {
            0
        } else {
            // SAFETY: the caller's int.
            (unsafe { *idx }).saturating_add(1).max(0) as usize
        };
        let mut found: Option<(usize, &crate::crypto::x509_fields::Extension)> = None;
        if let (Some(f), false) = (f, oid.is_empty()) {
            for (i, e) in f.find(oid) {
                if i < start {
                    continue;
                }
                if !idx.is_null() {
                    found = Some((i, e));
                    break;
                }
                if found.is_some() {
                    set(-2, None);
                    return Ok(core::ptr::null_mut());
                }
                found = Some((i, e));
            }
        }
        let Some((i, e)) = found else {
            set(-1, Some(-1));
            return Ok(core::ptr::null_mut());
        };
        set(e.critical as c_int, Some(i as c_int));
        decode_ext(oid, &e.value)
    })
}

/// `GENERAL_NAME_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn GENERAL_NAME_free(a: *mut GENERAL_NAME) {
    crate::forward!(GENERAL_NAME_free(a));
    // SAFETY: NULL or a native GENERAL_NAME the caller gives up.
    guard((), || unsafe { free_general_name(a.cast()) })
}

/// `GENERAL_NAMES_free(a)`: frees the names and the stack; NULL is a no-op.
#[no_mangle]
pub extern "C" fn GENERAL_NAMES_free(a: *mut GENERAL_NAMES) {
    crate::forward!(GENERAL_NAMES_free(a));
    guard((), || {
        super::stack::OPENSSL_sk_pop_free(a as *mut OPENSSL_STACK, Some(free_general_name_cb))
    })
}

/// `BASIC_CONSTRAINTS_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BASIC_CONSTRAINTS_free(a: *mut BASIC_CONSTRAINTS) {
    crate::forward!(BASIC_CONSTRAINTS_free(a));
    guard((), || {
        if a.is_null() {
            return;
        }
        // SAFETY: a Box<BasicConstraintsRepr> made by X509_get_ext_d2i, given up.
        let b = unsafe { Box::from_raw(a as *mut BasicConstraintsRepr) };
        // SAFETY: NULL or the ASN1_INTEGER it owns.
        unsafe { free_string(b.pathlen.cast()) };
    })
}

/// `X509_get_extension_flags(x)`: the `EXFLAG_*` summary of the extensions.
///
/// Status: partial — BCONS, KUSAGE, XKUSAGE, CA, SI, SS (by names, key identifiers and key
/// usage, without checking the signature), V1, SET, CRITICAL, INVALID for a malformed
/// basicConstraints, and the *_CRITICAL bits; not PROXY, NSCERT, FRESHEST, INVALID_POLICY,
/// NO_FINGERPRINT.
#[no_mangle]
pub extern "C" fn X509_get_extension_flags(x: *mut X509) -> u32 {
    crate::forward!(X509_get_extension_flags(x));
    guard(0, || {
        // SAFETY: NULL or a live X509.
        let Some(c) = (unsafe { types::borrow::<X509>(x) }) else {
            return 0;
        };
        c.fields()
            .map_or(0, |f| f.extension_flags(c.is_self_issued()))
    })
}

/// `X509_get_key_usage(x)`: the keyUsage bits (`KU_*`), `UINT32_MAX` without the extension.
#[no_mangle]
pub extern "C" fn X509_get_key_usage(x: *mut X509) -> u32 {
    crate::forward!(X509_get_key_usage(x));
    guard(0, || fields_of(x).map_or(0, Fields::key_usage))
}

/// `X509_get_extended_key_usage(x)`: the `XKU_*` bits, `UINT32_MAX` without the extension.
#[no_mangle]
pub extern "C" fn X509_get_extended_key_usage(x: *mut X509) -> u32 {
    crate::forward!(X509_get_extended_key_usage(x));
    guard(0, || fields_of(x).map_or(0, Fields::extended_key_usage))
}

/// `X509_get_pathlen(x)`: the basicConstraints path length, -1 without one.
#[no_mangle]
pub extern "C" fn X509_get_pathlen(x: *mut X509) -> c_long {
    crate::forward!(X509_get_pathlen(x));
    guard(-1, || fields_of(x).map_or(-1, |f| f.pathlen() as c_long))
}

/// `X509_get0_pubkey(x)`: the public key, owned by `x` (do not free). NULL for NULL or a key
/// type sslrs does not know.
///
/// Status: partial — RSA, RSA-PSS, EC (P-256, P-384, P-521), Ed25519 and Ed448 keys.
#[no_mangle]
pub extern "C" fn X509_get0_pubkey(x: *const X509) -> *mut EVP_PKEY {
    crate::forward!(X509_get0_pubkey(x));
    guard(core::ptr::null_mut(), || {
        fields_of(x)
            .and_then(|f| f.pubkey.as_ref())
            .map_or(core::ptr::null_mut(), |k| Arc::as_ptr(k) as *mut EVP_PKEY)
    })
}

/// `X509_get_pubkey(x)`: the public key with a new reference (`EVP_PKEY_free`); the same
/// object `X509_get0_pubkey` returns. NULL for NULL or an unknown key type.
///
/// Status: partial — RSA, RSA-PSS, EC (P-256, P-384, P-521), Ed25519 and Ed448 keys.
#[no_mangle]
pub extern "C" fn X509_get_pubkey(x: *mut X509) -> *mut EVP_PKEY {
    crate::forward!(X509_get_pubkey(x));
    guard(core::ptr::null_mut(), || {
        fields_of(x)
            .and_then(|f| f.pubkey.clone())
            .map_or(core::ptr::null_mut(), types::into_c::<EVP_PKEY>)
    })
}

/// The ring digest for an `EVP_MD*` (SHA-1/256/384/512).
pub fn ring_digest(md: *const EVP_MD) -> Option<&'static ring::digest::Algorithm> {
    match EVP_MD_get_type(md) {
        64 => Some(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY),
        672 => Some(&ring::digest::SHA256),
        673 => Some(&ring::digest::SHA384),
        674 => Some(&ring::digest::SHA512),
        _ => None,
    }
}

/// `X509_pubkey_digest(data, type, md, len)`: the digest of the subjectPublicKey bits (the
/// key identifier hash). 1, or 0 for NULL or an unsupported digest.
#[no_mangle]
pub extern "C" fn X509_pubkey_digest(
    data: *const X509,
    r#type: *const EVP_MD,
    md: *mut c_uchar,
    len: *mut c_uint,
) -> c_int {
    crate::forward!(X509_pubkey_digest(data, r#type, md, len));
    call(0, || {
        let Some(f) = fields_of(data) else {
            return Ok(0);
        };
        let alg = ring_digest(r#type).ok_or(Error::null_param(lib::EVP, "X509_pubkey_digest"))?;
        if md.is_null() {
            return Err(Error::null_param(lib::X509, "X509_pubkey_digest"));
        }
        let bits = crate::crypto::x509_fields::spki_key_bits(&f.spki)
            .ok_or(Error::null_param(lib::X509, "X509_pubkey_digest"))?;
        let d = ring::digest::digest(alg, &bits);
        // SAFETY: the caller's buffer holds EVP_MAX_MD_SIZE bytes per the API.
        unsafe { core::ptr::copy_nonoverlapping(d.as_ref().as_ptr(), md, d.as_ref().len()) };
        if !len.is_null() {
            // SAFETY: the caller's unsigned int.
            unsafe { *len = d.as_ref().len() as c_uint };
        }
        Ok(1)
    })
}

/// `X509_cmp(a, b)`: 0 for the same certificate; otherwise -1 or 1, ordered as OpenSSL orders
/// them (by SHA-1 of the DER, then by the encoding). NULLs order before certificates.
#[no_mangle]
pub extern "C" fn X509_cmp(a: *const X509, b: *const X509) -> c_int {
    crate::forward!(X509_cmp(a, b));
    guard(0, || {
        // SAFETY: NULL or live X509s.
        let (ca, cb) = unsafe { (types::borrow::<X509>(a), types::borrow::<X509>(b)) };
        let (ca, cb) = match (ca, cb) {
            (None, None) => return 0,
            (None, Some(_)) => return -1,
            (Some(_), None) => return 1,
            (Some(x), Some(y)) => (x.der.as_ref(), y.der.as_ref()),
        };
        let ha = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, ca);
        let hb = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, cb);
        let ord = ha
            .as_ref()
            .cmp(hb.as_ref())
            .then(ca.len().cmp(&cb.len()))
            .then(ca.cmp(cb));
        ord as c_int
    })
}

/// `X509_dup(a)`: an independent copy (one reference); NULL for NULL or an empty
/// (`X509_new`) certificate.
#[no_mangle]
pub extern "C" fn X509_dup(a: *const X509) -> *mut X509 {
    crate::forward_new!(X509_dup(a));
    null_on_error(|| {
        // SAFETY: NULL or a live X509.
        let Some(c) = (unsafe { types::borrow::<X509>(a) }) else {
            return Ok(core::ptr::null_mut());
        };
        if c.is_empty() {
            return Err(Error::new(
                lib::ASN1,
                crate::error::common::PASSED_INVALID_ARGUMENT,
                "X509_dup",
            ));
        }
        let copy = Certificate::from_der(c.der.clone())?;
        Ok(types::into_c::<X509>(Arc::new(copy)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts() {
        assert_eq!(core::mem::size_of::<GeneralName>(), 16);
        assert_eq!(core::mem::size_of::<BasicConstraintsRepr>(), 16);
    }
}
