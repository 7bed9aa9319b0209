//! `openssl/evp.h` key inspection: `EVP_PKEY_get_id`/`get_base_id`/`get_bits`/
//! `get_security_bits` for the native keys (private keys and the public keys
//! `X509_get_pubkey` returns), and `EVP_get_digestbyname`.

use super::digest::{digest_by_nid, EVP_MD};
use super::guard;
use super::types::{self, EVP_PKEY};
use crate::crypto::x509_fields::{key_info, KeyInfo};
use core::ffi::{c_char, c_int};

fn info(pkey: *const EVP_PKEY) -> Option<KeyInfo> {
    // SAFETY: NULL or a live native EVP_PKEY.
    let k = unsafe { types::borrow::<EVP_PKEY>(pkey) }?;
    key_info(&k.public_spki()?)
}

/// `EVP_PKEY_get_id(pkey)` (`EVP_PKEY_id`): `EVP_PKEY_RSA`, `EVP_PKEY_EC`,
/// `EVP_PKEY_ED25519`, ...; 0 (`EVP_PKEY_NONE`) for NULL or an unknown key.
///
/// Status: partial — RSA, RSA-PSS, EC (P-256, P-384, P-521), Ed25519 and Ed448.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_id(pkey: *const EVP_PKEY) -> c_int {
    crate::forward!(EVP_PKEY_get_id(pkey));
    guard(0, || info(pkey).map_or(0, |i| i.id))
}

/// `EVP_PKEY_get_base_id(pkey)` (`EVP_PKEY_base_id`): as [`EVP_PKEY_get_id`] (no aliases
/// among the native key types).
///
/// Status: partial — RSA, RSA-PSS, EC (P-256, P-384, P-521), Ed25519 and Ed448.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_base_id(pkey: *const EVP_PKEY) -> c_int {
    crate::forward!(EVP_PKEY_get_base_id(pkey));
    guard(0, || info(pkey).map_or(0, |i| i.id))
}

/// `EVP_PKEY_get_bits(pkey)` (`EVP_PKEY_bits`): the modulus size for RSA, the curve size for
/// EC, 256 for Ed25519 (as OpenSSL says); 0 for NULL.
///
/// Status: partial — RSA, RSA-PSS, EC (P-256, P-384, P-521), Ed25519 and Ed448.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_bits(pkey: *const EVP_PKEY) -> c_int {
    crate::forward!(EVP_PKEY_get_bits(pkey));
    guard(0, || info(pkey).map_or(0, |i| i.bits))
}

/// `EVP_PKEY_get_security_bits(pkey)` (`EVP_PKEY_security_bits`): 112 for RSA-2048, 128 for
/// RSA-3072, P-256 and Ed25519, 192 for P-384, ...; 0 for NULL.
///
/// Status: partial — RSA sizes between OpenSSL's table entries (1024, 2048, 3072, 4096, 6144,
/// 7680, 8192, 15360) get the lower entry's value instead of OpenSSL's formula.
#[no_mangle]
pub extern "C" fn EVP_PKEY_get_security_bits(pkey: *const EVP_PKEY) -> c_int {
    crate::forward!(EVP_PKEY_get_security_bits(pkey));
    guard(0, || info(pkey).map_or(0, |i| i.security_bits))
}

/// Names `EVP_get_digestbyname` knows (compared without ASCII case), with their NIDs.
const DIGEST_NAMES: &[(&str, c_int)] = &[
    ("SHA1", 64),
    ("SHA-1", 64),
    ("SSL3-SHA1", 64),
    ("RSA-SHA1", 64),
    ("sha1WithRSAEncryption", 64),
    ("SHA256", 672),
    ("SHA2-256", 672),
    ("SHA-256", 672),
    ("RSA-SHA256", 672),
    ("sha256WithRSAEncryption", 672),
    ("SHA384", 673),
    ("SHA2-384", 673),
    ("SHA-384", 673),
    ("RSA-SHA384", 673),
    ("sha384WithRSAEncryption", 673),
    ("SHA512", 674),
    ("SHA2-512", 674),
    ("SHA-512", 674),
    ("RSA-SHA512", 674),
    ("sha512WithRSAEncryption", 674),
];

/// `EVP_get_digestbyname(name)`: the digest handle for `"SHA256"`, `"sha256"`, `"SHA2-256"`,
/// `"RSA-SHA256"`, ... (any case); NULL for NULL or an unknown name.
///
/// Status: partial — SHA-1, SHA-256, SHA-384 and SHA-512 only (MD5, SHA-224, SHA-3, ... give
/// NULL).
#[no_mangle]
pub extern "C" fn EVP_get_digestbyname(name: *const c_char) -> *const EVP_MD {
    crate::forward!(EVP_get_digestbyname(name));
    guard(core::ptr::null(), || {
        if name.is_null() {
            return core::ptr::null();
        }
        // SAFETY: a NUL-terminated string per the API.
        let n = unsafe { core::ffi::CStr::from_ptr(name) }.to_bytes();
        DIGEST_NAMES
            .iter()
            .find(|(s, _)| s.as_bytes().eq_ignore_ascii_case(n))
            .map_or(core::ptr::null(), |&(_, nid)| digest_by_nid(nid))
    })
}
