//! `openssl/evp.h` / `x509.h` family exports: private keys to and from DER (`i2d_PrivateKey`,
//! `d2i_PrivateKey`, `d2i_AutoPrivateKey`), which libssl's key functions use to move keys
//! between the caller's `EVP_PKEY` objects and the engine.
//!
//! Natively an `EVP_PKEY` holds the key's DER as it was read: PKCS#8, PKCS#1 (RSA) or SEC1
//! (EC). `i2d_PrivateKey` returns that encoding (OpenSSL writes PKCS#1/SEC1 for RSA/EC keys and
//! PKCS#8 for the others; a key read as PKCS#8 keeps PKCS#8 natively).

use super::types::{self, EVP_PKEY};
use super::{call, null_on_error};
use crate::crypto::pkey::PrivateKey;
use crate::crypto::x509::der;
use crate::error::{common, lib, Error, Result};
use core::ffi::{c_int, c_long, c_uchar};
use rustls_pki_types::PrivateKeyDer;
use std::sync::Arc;

/// `EVP_PKEY_RSA` (`NID_rsaEncryption`).
pub const EVP_PKEY_RSA: c_int = 6;
/// `EVP_PKEY_EC` (`NID_X9_62_id_ecPublicKey`).
pub const EVP_PKEY_EC: c_int = 408;
/// `EVP_PKEY_ED25519` (`NID_ED25519`).
pub const EVP_PKEY_ED25519: c_int = 1087;
/// `EVP_PKEY_NONE` (`NID_undef`).
pub const EVP_PKEY_NONE: c_int = 0;

/// The `EVP_PKEY_*` type of a key rustls can load (0 if unknown).
pub fn pkey_type(key: &PrivateKeyDer<'_>) -> c_int {
    match crate::crypto::pkey::key_type(key).as_deref() {
        Some([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]) => EVP_PKEY_RSA,
        Some([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]) => EVP_PKEY_EC,
        Some([0x2b, 0x65, 0x70]) => EVP_PKEY_ED25519,
        _ => 0,
    }
}

/// What OpenSSL 3's decoders queue when no key could be decoded from DER.
fn decode_failed() -> Error {
    Error::new(
        crate::crypto::pem::LIB_OSSL_DECODER,
        common::UNSUPPORTED,
        "OSSL_DECODER_from_bio",
    )
    .with_data("No supported data to decode. Input type: DER")
}

/// A private key DER of any of the three forms, told apart by structure; it must load.
pub fn parse_key_der(bytes: &[u8]) -> Result<(PrivateKeyDer<'static>, usize)> {
    let used = der::Reader::new(bytes)
        .any()
        .map_err(|_| decode_failed())?
        .raw
        .len();
    let key = PrivateKeyDer::try_from(bytes[..used].to_vec()).map_err(|_| decode_failed())?;
    PrivateKey::new(key.clone_key())
        .load_signing_key()
        .map_err(|_| decode_failed())?;
    Ok((key, used))
}

/// Shared body of the d2i key functions.
///
/// # Safety
/// `a` NULL or an out-parameter; `pp` NULL or a pointer to `length` readable bytes.
unsafe fn d2i_key(
    want: c_int,
    a: *mut *mut EVP_PKEY,
    pp: *mut *const c_uchar,
    length: c_long,
) -> Result<*mut EVP_PKEY> {
    // SAFETY: `pp` is NULL or valid per the d2i contract.
    let start = unsafe { pp.as_ref() }.copied().unwrap_or(core::ptr::null());
    if start.is_null() {
        return Err(Error::null_param(lib::ASN1, "d2i_AutoPrivateKey"));
    }
    let len = usize::try_from(length).map_err(|_| decode_failed())?;
    // SAFETY: `*pp` points at `length` readable bytes per the d2i contract.
    let bytes = unsafe { super::ptr::in_buf(start.cast(), len) }?;
    let (key, used) = parse_key_der(bytes)?;
    if want != EVP_PKEY_NONE && pkey_type(&key) != want {
        return Err(decode_failed());
    }
    let p = types::into_c::<EVP_PKEY>(Arc::new(PrivateKey::new(key)));
    // SAFETY: `pp` is non-NULL; `a` is NULL or the caller's out-parameter.
    unsafe {
        *pp = start.add(used);
        if !a.is_null() {
            let old = *a;
            if old != p {
                types::release::<EVP_PKEY>(old);
            }
            *a = p;
        }
    }
    Ok(p)
}

/// `d2i_AutoPrivateKey(a, pp, length)`: one DER private key (PKCS#8, PKCS#1 RSA or SEC1 EC;
/// RSA, EC P-256/P-384 or Ed25519 natively) at `*pp`, which is advanced past it. Returns one
/// reference (also stored in `*a`), or NULL with the DECODER entry OpenSSL queues.
#[no_mangle]
pub extern "C" fn d2i_AutoPrivateKey(
    a: *mut *mut EVP_PKEY,
    pp: *mut *const c_uchar,
    length: c_long,
) -> *mut EVP_PKEY {
    crate::forward_new!(d2i_AutoPrivateKey(a, pp, length));
    // SAFETY: the d2i contract.
    null_on_error(|| unsafe { d2i_key(EVP_PKEY_NONE, a, pp, length) })
}

/// `d2i_PrivateKey(type, a, pp, length)`: as [`d2i_AutoPrivateKey`], and the key must be of
/// `type` (`EVP_PKEY_RSA`, `EVP_PKEY_EC`, ...; `EVP_PKEY_NONE` accepts any).
#[no_mangle]
pub extern "C" fn d2i_PrivateKey(
    r#type: c_int,
    a: *mut *mut EVP_PKEY,
    pp: *mut *const c_uchar,
    length: c_long,
) -> *mut EVP_PKEY {
    crate::forward_new!(d2i_PrivateKey(r#type, a, pp, length));
    // SAFETY: the d2i contract.
    null_on_error(|| unsafe { d2i_key(r#type, a, pp, length) })
}

/// `i2d_PrivateKey(a, pp)`: the key's DER length; with `pp`, the DER is written at `*pp`
/// (advanced) or into a new `OPENSSL_malloc`'d buffer stored in `*pp` when it is NULL. -1 for
/// NULL.
#[no_mangle]
pub extern "C" fn i2d_PrivateKey(a: *const EVP_PKEY, pp: *mut *mut c_uchar) -> c_int {
    crate::forward!(i2d_PrivateKey(a, pp));
    call(-1, || {
        // SAFETY: NULL or a live EVP_PKEY.
        let k = unsafe { types::borrow::<EVP_PKEY>(a) }
            .ok_or(Error::null_param(lib::ASN1, "i2d_PrivateKey"))?;
        let d: &[u8] = match &k.der {
            PrivateKeyDer::Pkcs1(d) => d.secret_pkcs1_der(),
            PrivateKeyDer::Sec1(d) => d.secret_sec1_der(),
            PrivateKeyDer::Pkcs8(d) => d.secret_pkcs8_der(),
            _ => return Err(Error::unsupported(lib::ASN1, "i2d_PrivateKey")),
        };
        // SAFETY: `pp` per the i2d contract.
        unsafe { super::x509_name::write_i2d(d, pp) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::x509::fixtures::*;

    #[test]
    fn roundtrip_and_types() {
        for (pem, ty) in [
            (RSA_KEY_PKCS1, EVP_PKEY_RSA),
            (RSA_KEY_PKCS8, EVP_PKEY_RSA),
            (EC_KEY_SEC1, EVP_PKEY_EC),
            (ED25519_KEY2, EVP_PKEY_ED25519),
        ] {
            let der = crate::crypto::pem::read_private_key(pem.as_bytes()).unwrap();
            let k = types::into_c::<EVP_PKEY>(Arc::new(PrivateKey::new(der)));
            let n = i2d_PrivateKey(k, core::ptr::null_mut());
            assert!(n > 0);
            let mut out: *mut c_uchar = core::ptr::null_mut();
            assert_eq!(i2d_PrivateKey(k, &mut out), n);
            let mut p = out as *const c_uchar;
            let k2 = d2i_PrivateKey(ty, core::ptr::null_mut(), &mut p, n as c_long);
            assert!(!k2.is_null());
            let mut p = out as *const c_uchar;
            let other = if ty == EVP_PKEY_RSA {
                EVP_PKEY_EC
            } else {
                EVP_PKEY_RSA
            };
            assert!(d2i_PrivateKey(other, core::ptr::null_mut(), &mut p, n as c_long).is_null());
            assert_eq!(p, out as *const c_uchar, "not advanced on failure");
            let k3 = d2i_AutoPrivateKey(core::ptr::null_mut(), &mut p, n as c_long);
            assert!(!k3.is_null());
            crate::crypto::err::clear();
            // SAFETY: malloc'd by i2d_PrivateKey.
            unsafe { libc::free(out.cast()) };
            for x in [k, k2, k3] {
                crate::ffi::evp::EVP_PKEY_free(x);
            }
        }
    }
}
