//! `openssl/evp.h` message-digest handles: `EVP_sha1`/`256`/`384`/`512` return static
//! `EVP_MD`s that name a digest (type NID, size, name) — what `SSL_CIPHER_get_handshake_digest`
//! returns and programs inspect. sslrs does not compute digests through them.

use core::ffi::{c_char, c_int, CStr};

pub const NID_md5: c_int = 4;
pub const NID_sha224: c_int = 675;
pub const NID_rsaEncryption: c_int = 6;
pub const NID_rsassaPss: c_int = 912;
pub const NID_X9_62_id_ecPublicKey: c_int = 408;
pub const NID_ED25519: c_int = 1087;
pub const NID_ED448: c_int = 1088;
/// Key types (`SSL_get_peer_signature_type_nid`): OpenSSL defines them as the NIDs above.
pub const EVP_PKEY_RSA: c_int = 6;
pub const EVP_PKEY_RSA_PSS: c_int = 912;
pub const EVP_PKEY_EC: c_int = 408;
pub const EVP_PKEY_ED25519: c_int = 1087;
pub const EVP_PKEY_ED448: c_int = 1088;

/// `EVP_MD`: a digest algorithm (static).
pub struct EVP_MD {
    _private: [u8; 0],
}

/// What an `EVP_MD*` points at.
pub struct Digest {
    nid: c_int,
    size: c_int,
    name: &'static CStr,
}

static DIGESTS: [Digest; 4] = [
    Digest {
        nid: 64,
        size: 20,
        name: c"SHA1",
    },
    Digest {
        nid: 672,
        size: 32,
        name: c"SHA256",
    },
    Digest {
        nid: 673,
        size: 48,
        name: c"SHA384",
    },
    Digest {
        nid: 674,
        size: 64,
        name: c"SHA512",
    },
];

fn handle(i: usize) -> *const EVP_MD {
    &DIGESTS[i] as *const Digest as *const EVP_MD
}

/// The static handle of the digest with NID `nid`, or NULL.
pub fn digest_by_nid(nid: c_int) -> *const EVP_MD {
    if crate::ffi::backend::forwarding() {
        // libcrypto's own EVP_MD, so libcrypto's EVP functions accept it.
        return match nid {
            64 => EVP_sha1(),
            672 => EVP_sha256(),
            673 => EVP_sha384(),
            674 => EVP_sha512(),
            _ => core::ptr::null(),
        };
    }
    DIGESTS
        .iter()
        .position(|d| d.nid == nid)
        .map_or(core::ptr::null(), handle)
}

fn digest<'a>(md: *const EVP_MD) -> Option<&'a Digest> {
    // SAFETY: non-NULL EVP_MD pointers only come from this file's static table.
    unsafe { (md as *const Digest).as_ref() }
}

/// `EVP_sha1(3)`.
#[no_mangle]
pub extern "C" fn EVP_sha1() -> *const EVP_MD {
    crate::forward!(EVP_sha1());
    handle(0)
}

/// `EVP_sha256(3)`.
#[no_mangle]
pub extern "C" fn EVP_sha256() -> *const EVP_MD {
    crate::forward!(EVP_sha256());
    handle(1)
}

/// `EVP_sha384(3)`.
#[no_mangle]
pub extern "C" fn EVP_sha384() -> *const EVP_MD {
    crate::forward!(EVP_sha384());
    handle(2)
}

/// `EVP_sha512(3)`.
#[no_mangle]
pub extern "C" fn EVP_sha512() -> *const EVP_MD {
    crate::forward!(EVP_sha512());
    handle(3)
}

/// `EVP_MD_get_type(3)` (`EVP_MD_type`, `EVP_MD_nid`): the digest's NID; 0 for NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_get_type(md: *const EVP_MD) -> c_int {
    crate::forward!(EVP_MD_get_type(md));
    digest(md).map_or(0, |d| d.nid)
}

/// `EVP_MD_get_size(3)` (`EVP_MD_size`): output bytes; -1 for NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_get_size(md: *const EVP_MD) -> c_int {
    crate::forward!(EVP_MD_get_size(md));
    match digest(md) {
        Some(d) => d.size,
        None => {
            // EVP_R_MESSAGE_DIGEST_IS_NULL
            crate::crypto::err::push(crate::error::Error::new(
                crate::error::lib::EVP,
                159,
                "EVP_MD_get_size",
            ));
            -1
        }
    }
}

/// `EVP_MD_get0_name(3)` (`EVP_MD_name`): `"SHA256"` etc.; NULL for NULL.
#[no_mangle]
pub extern "C" fn EVP_MD_get0_name(md: *const EVP_MD) -> *const c_char {
    crate::forward!(EVP_MD_get0_name(md));
    digest(md).map_or(core::ptr::null(), |d| d.name.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        assert_eq!(EVP_MD_get_type(EVP_sha256()), 672);
        assert_eq!(EVP_MD_get_size(EVP_sha384()), 48);
        assert_eq!(EVP_MD_get_type(EVP_sha1()), 64);
        assert_eq!(EVP_MD_get_size(EVP_sha512()), 64);
        assert_eq!(EVP_MD_get_type(core::ptr::null()), 0);
        assert_eq!(EVP_MD_get_size(core::ptr::null()), -1);
        assert!(EVP_MD_get0_name(core::ptr::null()).is_null());
        assert_eq!(digest_by_nid(673), EVP_sha384());
        assert!(digest_by_nid(1).is_null());
    }
}
