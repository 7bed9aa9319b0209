//! `SSL_CIPHER` lists and descriptions: `SSL_get_ciphers`, `SSL_CTX_get_ciphers` (a
//! `STACK_OF(SSL_CIPHER)` owned by the object), `SSL_get_cipher_list`, `SSL_get_shared_ciphers`,
//! `SSL_CIPHER_description`, `SSL_CIPHER_find` and the `SSL_CIPHER_get_*_nid` family.
//! `SSL_CIPHER*` values point into the static table of `engine::ciphers`.

use crate::engine::ciphers::{self, CipherInfo};
use crate::engine::context::Settings;
use crate::error::{lib, Error};
use crate::ffi::config::conn_guard;
use crate::ffi::digest::{digest_by_nid, EVP_MD};
use crate::ffi::ptr::out_buf;
use crate::ffi::stack::{new_stack_of, OwnedStack};
use crate::ffi::types::{borrow, SSL, SSL_CIPHER, SSL_CTX};
use crate::ffi::{call, guard};
use core::ffi::{c_char, c_int, c_uchar, c_void};

/// `STACK_OF(SSL_CIPHER)` (`struct stack_st_SSL_CIPHER`): an `OPENSSL_STACK` of `SSL_CIPHER*`.
pub struct stack_st_SSL_CIPHER {
    _private: [u8; 0],
}

fn cipher<'a>(c: *const SSL_CIPHER) -> Option<&'a CipherInfo> {
    // SAFETY: non-NULL SSL_CIPHER pointers only come from this library and point into the
    // static table.
    unsafe { (c as *const CipherInfo).as_ref() }
}

fn cipher_ptr(c: &'static CipherInfo) -> *mut c_void {
    c as *const CipherInfo as *mut c_void
}

/// The `SSL_CIPHER*`s of `settings`, TLS 1.3 first, as OpenSSL lists them.
fn cipher_list(settings: &Settings) -> Vec<&'static CipherInfo> {
    settings
        .suites()
        .into_iter()
        .filter_map(ciphers::by_iana)
        .collect()
}

/// The stacks an object hands out and owns: its cipher list and (server) the client's.
#[derive(Default)]
struct Owned {
    ciphers: OwnedStack,
    client: OwnedStack,
}

/// Which owned stack.
#[derive(Clone, Copy)]
enum Which {
    Ciphers,
    Client,
}

/// The owned stack `which` kept in `slot`, refreshed to `list`; its address is stable while
/// the slot lives.
fn owned_stack(
    slot: &mut Option<Box<dyn std::any::Any + Send>>,
    which: Which,
    list: &[&'static CipherInfo],
) -> *mut stack_st_SSL_CIPHER {
    let want: Vec<*mut c_void> = list.iter().map(|&c| cipher_ptr(c)).collect();
    if !slot.as_ref().is_some_and(|b| b.is::<Owned>()) {
        *slot = Some(Box::<Owned>::default());
    }
    let Some(owned) = slot.as_mut().and_then(|b| b.downcast_mut::<Owned>()) else {
        return core::ptr::null_mut();
    };
    let stack = match which {
        Which::Ciphers => &mut owned.ciphers,
        Which::Client => &mut owned.client,
    };
    stack.set(&want) as *mut stack_st_SSL_CIPHER
}

/// `SSL_CTX_get_ciphers(3)`: the context's cipher list (TLS 1.3 suites first), owned by the
/// context. NULL for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ciphers(ctx: *const SSL_CTX) -> *mut stack_st_SSL_CIPHER {
    guard(core::ptr::null_mut(), || {
        // SAFETY: NULL or a context the caller holds.
        let Some(c) = (unsafe { borrow::<SSL_CTX>(ctx) }) else {
            return core::ptr::null_mut();
        };
        c.config_mut(|cfg| {
            let list = cipher_list(&cfg.settings);
            owned_stack(&mut cfg.ffi_owned, Which::Ciphers, &list)
        })
    })
}

/// `SSL_get_ciphers(3)`: the connection's cipher list, owned by the connection. NULL for NULL.
#[no_mangle]
pub extern "C" fn SSL_get_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    guard(core::ptr::null_mut(), || {
        let Some(mut c) = conn_guard(s) else {
            return core::ptr::null_mut();
        };
        c.sync_ciphers();
        let list = cipher_list(&c.settings);
        owned_stack(&mut c.ffi_owned, Which::Ciphers, &list)
    })
}

/// `SSL_get_client_ciphers(3)`: on a server that has seen a ClientHello, the suites the client
/// offered that sslrs knows, in the client's order, owned by the connection. NULL on a client,
/// before a ClientHello, and for NULL.
#[no_mangle]
pub extern "C" fn SSL_get_client_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    guard(core::ptr::null_mut(), || {
        let Some(mut c) = conn_guard(s) else {
            return core::ptr::null_mut();
        };
        let Some((offer, _)) = c.client_offer() else {
            return core::ptr::null_mut();
        };
        let list: Vec<&'static CipherInfo> =
            offer.into_iter().filter_map(ciphers::by_iana).collect();
        owned_stack(&mut c.ffi_owned, Which::Client, &list)
    })
}

/// `SSL_get1_supported_ciphers(3)`: a new stack (free it with `sk_SSL_CIPHER_free`) of the
/// connection's suites usable with its protocol versions: the negotiated one after a
/// handshake, else a client's range or a server's enabled versions. NULL for NULL or when no
/// version is usable.
#[no_mangle]
pub extern "C" fn SSL_get1_supported_ciphers(s: *mut SSL) -> *mut stack_st_SSL_CIPHER {
    guard(core::ptr::null_mut(), || {
        let Some(mut c) = conn_guard(s) else {
            return core::ptr::null_mut();
        };
        c.sync_ciphers();
        let versions: Vec<i32> = if c.is_init_finished() {
            vec![c.version()]
        } else {
            match c.settings.versions(c.is_server()) {
                Ok(v) => v.iter().map(|v| i32::from(u16::from(v.version))).collect(),
                Err(_) => return core::ptr::null_mut(),
            }
        };
        let list: Vec<*mut c_void> = cipher_list(&c.settings)
            .into_iter()
            .filter(|ci| {
                let v = if ciphers::is_tls13(ci.iana) {
                    0x0304
                } else {
                    0x0303
                };
                versions.contains(&v)
            })
            .map(cipher_ptr)
            .collect();
        new_stack_of(&list) as *mut stack_st_SSL_CIPHER
    })
}

/// `SSL_get_cipher_list(3)`: the name of entry `n` of the connection's cipher list; NULL for a
/// NULL `s` or `n` out of range.
#[no_mangle]
pub extern "C" fn SSL_get_cipher_list(s: *const SSL, n: c_int) -> *const c_char {
    guard(core::ptr::null(), || {
        let Some(mut c) = conn_guard(s) else {
            return core::ptr::null();
        };
        c.sync_ciphers();
        usize::try_from(n)
            .ok()
            .and_then(|n| cipher_list(&c.settings).get(n).copied())
            .map_or(core::ptr::null(), |ci| ci.name.as_ptr())
    })
}

/// `SSL_get_shared_ciphers(3)`: on a server that has seen a ClientHello, the client's offered
/// suites that the server's list also has, in the client's order, `:`-separated in `buf`
/// (`size` bytes with the NUL; a name that does not fit ends the list). NULL on a client,
/// before a ClientHello, for `size < 2`, or when not even the first name fits.
#[no_mangle]
pub extern "C" fn SSL_get_shared_ciphers(
    s: *const SSL,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    call(core::ptr::null_mut(), || {
        let Some(mut c) = conn_guard(s) else {
            return Ok(core::ptr::null_mut());
        };
        let size = match usize::try_from(size) {
            Ok(n) if n >= 2 && !buf.is_null() => n,
            _ => return Ok(core::ptr::null_mut()),
        };
        let Some((offer, _)) = c.client_offer() else {
            return Ok(core::ptr::null_mut());
        };
        c.sync_ciphers();
        let ours = c.settings.suites();
        let names: Vec<&str> = offer
            .iter()
            .filter(|i| ours.contains(i))
            .filter_map(|&i| ciphers::by_iana(i))
            .filter_map(|ci| ci.name.to_str().ok())
            .collect();
        let Some(text) = crate::engine::config::shared_cipher_text(&names, size) else {
            return Ok(core::ptr::null_mut());
        };
        // SAFETY: `buf` has `size` writable bytes per the API.
        let out = unsafe { out_buf(buf as *mut c_void, size) }?;
        out[..text.len()].copy_from_slice(text.as_bytes());
        out[text.len()] = 0;
        Ok(buf)
    })
}

/// `SSL_CIPHER_description(3)`: OpenSSL's one-line description into `buf` (at least 128
/// bytes), or into a new `OPENSSL_malloc`ed buffer when `buf` is NULL. NULL when `size < 128`
/// or `cipher` is NULL (OpenSSL crashes on NULL).
#[no_mangle]
pub extern "C" fn SSL_CIPHER_description(
    arg1: *const SSL_CIPHER,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    call(core::ptr::null_mut(), || {
        let Some(c) = cipher(arg1) else {
            return Ok(core::ptr::null_mut());
        };
        let text = ciphers::description(c);
        let (buf, len) = if buf.is_null() {
            let p = crate::ffi::crypto::CRYPTO_malloc(128, core::ptr::null(), 0) as *mut c_char;
            if p.is_null() {
                return Err(Error::new(
                    lib::SSL,
                    crate::error::common::MALLOC_FAILURE,
                    "SSL_CIPHER_description",
                ));
            }
            (p, 128usize)
        } else {
            match usize::try_from(size) {
                Ok(n) if n >= 128 => (buf, n),
                _ => return Ok(core::ptr::null_mut()),
            }
        };
        // SAFETY: `buf` has `len` writable bytes (ours, or at least `size` per the API).
        let out = unsafe { out_buf(buf as *mut c_void, len) }?;
        let n = text.len().min(len - 1);
        out[..n].copy_from_slice(&text.as_bytes()[..n]);
        out[n] = 0;
        Ok(buf)
    })
}

/// `SSL_CIPHER_find(3)`: the suite whose two-byte IANA value is at `ptr`; NULL if sslrs has no
/// such suite (OpenSSL also finds the suites it has and rustls lacks) or for NULL arguments.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_find(ssl: *mut SSL, ptr: *const c_uchar) -> *const SSL_CIPHER {
    guard(core::ptr::null(), || {
        if ssl.is_null() || ptr.is_null() {
            return core::ptr::null();
        }
        // SAFETY: the API passes two readable bytes.
        let id = unsafe { [*ptr, *ptr.add(1)] };
        ciphers::by_iana(u16::from_be_bytes(id)).map_or(core::ptr::null(), |c| {
            c as *const CipherInfo as *const SSL_CIPHER
        })
    })
}

/// `SSL_CIPHER_get_kx_nid(3)`: `NID_kx_ecdhe`, or `NID_kx_any` for TLS 1.3; `NID_undef` (0)
/// for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int {
    cipher(c).map_or(0, ciphers::kx_nid)
}

/// `SSL_CIPHER_get_auth_nid(3)`: `NID_auth_rsa`, `NID_auth_ecdsa`, or `NID_auth_any` for
/// TLS 1.3; 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int {
    cipher(c).map_or(0, ciphers::auth_nid)
}

/// `SSL_CIPHER_get_cipher_nid(3)`: `NID_aes_128_gcm`, `NID_aes_256_gcm` or
/// `NID_chacha20_poly1305`; 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int {
    cipher(c).map_or(0, ciphers::cipher_nid)
}

/// `SSL_CIPHER_get_digest_nid(3)`: `NID_undef` (0): every suite sslrs has is AEAD.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_digest_nid(c: *const SSL_CIPHER) -> c_int {
    let _ = c;
    0
}

/// `SSL_CIPHER_get_handshake_digest(3)`: `EVP_sha256()` or `EVP_sha384()` (static handles);
/// NULL for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_handshake_digest(c: *const SSL_CIPHER) -> *const EVP_MD {
    cipher(c).map_or(core::ptr::null(), |c| {
        digest_by_nid(ciphers::handshake_digest_nid(c))
    })
}

/// `SSL_CIPHER_is_aead(3)`: 1 (all of sslrs's suites are AEAD); 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int {
    c_int::from(cipher(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::ssl::{SSL_CTX_free, SSL_CTX_new, SSL_free, SSL_new, TLS_method};
    use crate::ffi::stack::{OPENSSL_sk_num, OPENSSL_sk_value, OPENSSL_STACK};
    use core::ptr::{null, null_mut};

    fn name_of(p: *const c_char) -> Option<String> {
        // SAFETY: NULL or a NUL-terminated string.
        unsafe { crate::ffi::ptr::c_str(p) }.map(|s| s.to_string_lossy().into_owned())
    }

    #[test]
    fn null_arguments() {
        assert!(SSL_CTX_get_ciphers(null()).is_null());
        assert!(SSL_get_ciphers(null()).is_null());
        assert!(SSL_get_cipher_list(null(), 0).is_null());
        assert!(SSL_get_client_ciphers(null()).is_null());
        assert!(SSL_get1_supported_ciphers(null_mut()).is_null());
        assert!(SSL_get_shared_ciphers(null(), null_mut(), 0).is_null());
        let mut b = [0 as c_char; 200];
        assert!(SSL_CIPHER_description(null(), b.as_mut_ptr(), 200).is_null());
        assert!(SSL_CIPHER_find(null_mut(), b"\xc0\x2f".as_ptr()).is_null());
        assert_eq!(SSL_CIPHER_get_kx_nid(null()), 0);
        assert_eq!(SSL_CIPHER_get_auth_nid(null()), 0);
        assert_eq!(SSL_CIPHER_get_cipher_nid(null()), 0);
        assert_eq!(SSL_CIPHER_get_digest_nid(null()), 0);
        assert!(SSL_CIPHER_get_handshake_digest(null()).is_null());
        assert_eq!(SSL_CIPHER_is_aead(null()), 0);
    }

    #[test]
    fn lists_and_descriptions() {
        let ctx = SSL_CTX_new(TLS_method());
        let s = SSL_new(ctx);
        let sk = SSL_get_ciphers(s) as *const OPENSSL_STACK;
        assert_eq!(OPENSSL_sk_num(sk), 9);
        assert_eq!(
            SSL_get_ciphers(s) as *const OPENSSL_STACK,
            sk,
            "stable pointer"
        );
        let first = OPENSSL_sk_value(sk, 0) as *const SSL_CIPHER;
        assert_eq!(
            name_of(SSL_get_cipher_list(s, 0)).as_deref(),
            Some("TLS_AES_256_GCM_SHA384")
        );
        assert!(SSL_get_cipher_list(s, 9).is_null());
        assert!(SSL_get_cipher_list(s, -1).is_null());
        let mut small = [0 as c_char; 127];
        assert!(SSL_CIPHER_description(first, small.as_mut_ptr(), 127).is_null());
        let d = SSL_CIPHER_description(first, null_mut(), 0);
        assert!(name_of(d).unwrap().starts_with("TLS_AES_256_GCM_SHA384 "));
        crate::ffi::crypto::CRYPTO_free(d as *mut c_void, null(), 0);
        assert_eq!(SSL_CIPHER_get_kx_nid(first), 1063);
        assert_eq!(SSL_CIPHER_is_aead(first), 1);
        let sk2 = SSL_CTX_get_ciphers(ctx) as *const OPENSSL_STACK;
        assert_eq!(OPENSSL_sk_num(sk2), 9);
        let f = SSL_CIPHER_find(s, b"\xc0\x2f".as_ptr());
        assert_eq!(SSL_CIPHER_get_auth_nid(f), 1046);
        assert!(SSL_CIPHER_find(s, b"\x00\x2f".as_ptr()).is_null());
        SSL_free(s);
        SSL_CTX_free(ctx);
    }
}
