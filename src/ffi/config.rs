//! Configuration exports of `openssl/ssl.h` beyond ciphers: the ctrl commands behind the group,
//! signature-algorithm, fragment-size and read-ahead macros ([`ctx_ctrl`] and [`ssl_ctrl`],
//! called first by `SSL_CTX_ctrl`/`SSL_ctrl`), the security level, post-handshake auth, and
//! the signature/group getters.
//!
//! `SSL_OP_*` options: every bit is stored and reported as OpenSSL does; which ones sslrs acts on
//! (`NO_TLSv1_2`, `NO_TLSv1_3`, `CIPHER_SERVER_PREFERENCE`, `NO_TICKET`, `IGNORE_UNEXPECTED_EOF`)
//! and why the others are irrelevant is tabulated in c-tests/KNOWN_DIFFERENCES.md.

use crate::engine::config::{self, ListError, MAX_FRAGMENT, MIN_FRAGMENT};
use crate::engine::context::{Context, Settings};
use crate::engine::Conn;
use crate::error::{common, lib, ssl_r, Error, Result};
use crate::ffi::ptr::c_str;
use crate::ffi::types::{borrow, SSL, SSL_CTX};
use crate::ffi::{call, guard};
use core::ffi::{c_char, c_int, c_long, c_void};

pub const SSL_CTRL_SET_MAX_SEND_FRAGMENT: c_int = 52;
pub const SSL_CTRL_GET_GROUPS: c_int = 90;
pub const SSL_CTRL_SET_GROUPS: c_int = 91;
pub const SSL_CTRL_SET_GROUPS_LIST: c_int = 92;
pub const SSL_CTRL_GET_SHARED_GROUP: c_int = 93;
pub const SSL_CTRL_SET_SIGALGS: c_int = 97;
pub const SSL_CTRL_SET_SIGALGS_LIST: c_int = 98;
pub const SSL_CTRL_SET_CLIENT_SIGALGS: c_int = 101;
pub const SSL_CTRL_SET_CLIENT_SIGALGS_LIST: c_int = 102;
pub const SSL_CTRL_GET_PEER_SIGNATURE_NID: c_int = 108;
pub const SSL_CTRL_GET_PEER_TMP_KEY: c_int = 109;
pub const SSL_CTRL_GET_SIGNATURE_NID: c_int = 132;
pub const SSL_CTRL_GET_TMP_KEY: c_int = 133;
pub const SSL_CTRL_GET_NEGOTIATED_GROUP: c_int = 134;

pub const TLSEXT_nid_unknown: c_int = 0x1000000;
pub const NID_undef: c_int = 0;
pub const NID_X9_62_prime256v1: c_int = 415;
pub const NID_secp384r1: c_int = 715;
pub const NID_secp521r1: c_int = 716;
pub const NID_X25519: c_int = 1034;
pub const NID_X448: c_int = 1035;
pub const NID_sha1: c_int = 64;
pub const NID_sha256: c_int = 672;
pub const NID_sha384: c_int = 673;
pub const NID_sha512: c_int = 674;
pub const NID_kx_ecdhe: c_int = 1038;
pub const NID_kx_any: c_int = 1063;
pub const NID_auth_rsa: c_int = 1046;
pub const NID_auth_ecdsa: c_int = 1047;
pub const NID_auth_any: c_int = 1064;
pub const NID_aes_128_gcm: c_int = 895;
pub const NID_aes_256_gcm: c_int = 901;
pub const NID_chacha20_poly1305: c_int = 1018;

/// `CONF_R_LIST_CANNOT_BE_NULL`: OpenSSL parses these lists with `CONF_parse_list`.
const CONF_R_LIST_CANNOT_BE_NULL: i32 = 115;

fn list_arg<'a>(parg: *mut c_void) -> Result<&'a str> {
    // SAFETY: NULL or a NUL-terminated string per the ctrl's contract.
    let s = unsafe { c_str(parg as *const c_char) }.ok_or(Error::new(
        lib::CONF,
        CONF_R_LIST_CANNOT_BE_NULL,
        "CONF_parse_list",
    ))?;
    Ok(s.to_str().unwrap_or("\u{0}"))
}

fn groups_result(r: core::result::Result<Vec<u16>, ListError>, s: &mut Settings) -> Result<c_long> {
    match r {
        Ok(g) => {
            s.groups = Some(g);
            Ok(1)
        }
        Err(ListError::Quiet) => Ok(0),
        Err(ListError::Invalid) | Err(ListError::Unsupported) => {
            Err(Error::ssl(common::PASSED_INVALID_ARGUMENT, "gid_cb"))
        }
    }
}

/// Stores a parsed signature-algorithm list (`client`: the client-certificate one); 1, or 0
/// when it did not parse.
fn store_sigalgs(s: &mut Settings, client: bool, v: Option<Vec<u16>>) -> c_long {
    let Some(v) = v else { return 0 };
    match client {
        true => s.client_sigalgs = Some(v),
        false => s.sigalgs = Some(v),
    }
    1
}

/// The ctrl commands on settings shared by `SSL_CTX_ctrl` and `SSL_ctrl`.
fn settings_ctrl(
    s: &mut Settings,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<Result<c_long>> {
    Some(match cmd {
        SSL_CTRL_SET_GROUPS => {
            let n = match usize::try_from(larg) {
                Ok(n) if n > 0 && !parg.is_null() => n,
                _ => return Some(Err(Error::ssl(ssl_r::BAD_LENGTH, "tls1_set_groups"))),
            };
            // SAFETY: the API passes `larg` ints at `parg`.
            let nids = unsafe { core::slice::from_raw_parts(parg as *const c_int, n.min(1 << 16)) };
            groups_result(config::groups_from_nids(nids), s)
        }
        SSL_CTRL_SET_GROUPS_LIST => {
            list_arg(parg).and_then(|l| groups_result(config::parse_groups(l), s))
        }
        SSL_CTRL_SET_SIGALGS_LIST | SSL_CTRL_SET_CLIENT_SIGALGS_LIST => list_arg(parg).map(|l| {
            store_sigalgs(
                s,
                cmd == SSL_CTRL_SET_CLIENT_SIGALGS_LIST,
                config::parse_sigalgs(l),
            )
        }),
        // (digest NID, key NID) pairs. A length of 0 fails as OpenSSL's empty allocation does.
        SSL_CTRL_SET_SIGALGS | SSL_CTRL_SET_CLIENT_SIGALGS => {
            let n = match usize::try_from(larg) {
                Ok(n) if n > 0 && !parg.is_null() => n,
                _ => return Some(Err(Error::ssl(common::MALLOC_FAILURE, "tls1_set_sigalgs"))),
            };
            // SAFETY: the API passes `larg` ints at `parg`.
            let nids = unsafe { core::slice::from_raw_parts(parg as *const c_int, n.min(1 << 16)) };
            let client = cmd == SSL_CTRL_SET_CLIENT_SIGALGS;
            Ok(store_sigalgs(s, client, config::sigalgs_from_nids(nids)))
        }
        SSL_CTRL_SET_MAX_SEND_FRAGMENT => match usize::try_from(larg) {
            Ok(n) if (MIN_FRAGMENT..=MAX_FRAGMENT).contains(&n) => {
                s.max_send_fragment = n;
                Ok(1)
            }
            _ => Ok(0),
        },
        crate::ffi::ssl::SSL_CTRL_SET_READ_AHEAD => {
            let old = c_long::from(s.read_ahead);
            s.read_ahead = larg != 0;
            Ok(old)
        }
        crate::ffi::ssl::SSL_CTRL_GET_READ_AHEAD => Ok(c_long::from(s.read_ahead)),
        _ => return None,
    })
}

/// `SSL_CTX_ctrl`'s configuration commands; `None` for commands handled elsewhere.
pub fn ctx_ctrl(
    ctx: &Context,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<Result<c_long>> {
    // Built configs are keyed by the settings they use (groups, fragment size): no rebuild.
    ctx.settings_mut(|s| settings_ctrl(s, cmd, larg, parg))
}

/// `SSL_ctrl`'s configuration and negotiated-parameter commands; `None` for the rest.
pub fn ssl_ctrl(
    c: &mut Conn,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<Result<c_long>> {
    if let Some(r) = settings_ctrl(&mut c.settings, cmd, larg, parg) {
        return Some(r);
    }
    Some(Ok(match cmd {
        SSL_CTRL_GET_NEGOTIATED_GROUP => {
            c_long::from(c.negotiated_group().map_or(0, config::group_nid))
        }
        // The client's supported groups as NIDs (unknown ones `TLSEXT_nid_unknown | id`), on
        // a server after the ClientHello; the count is returned, `parg` may be NULL.
        SSL_CTRL_GET_GROUPS => {
            let groups = c.client_offer().map(|(_, g)| g).unwrap_or_default();
            if !parg.is_null() {
                let out = parg as *mut c_int;
                for (i, &g) in groups.iter().enumerate() {
                    let nid = match config::group_nid(g) {
                        0 => TLSEXT_nid_unknown | c_int::from(g),
                        n => n,
                    };
                    // SAFETY: the caller sized `parg` from a first call's count (the API).
                    unsafe { out.add(i).write(nid) };
                }
            }
            groups.len() as c_long
        }
        SSL_CTRL_GET_SHARED_GROUP => {
            let shared = shared_groups(c);
            match larg {
                -1 => shared.len() as c_long,
                n => usize::try_from(n)
                    .ok()
                    .and_then(|n| shared.get(n))
                    .map_or(0, |&g| c_long::from(config::group_nid(g))),
            }
        }
        SSL_CTRL_GET_PEER_SIGNATURE_NID | SSL_CTRL_GET_SIGNATURE_NID => {
            let peer = cmd == SSL_CTRL_GET_PEER_SIGNATURE_NID;
            c_long::from(signature_nid(c, peer, parg as *mut c_int, |s| {
                config::scheme_nids(s).0
            }))
        }
        // An ephemeral key has no EVP_PKEY form in sslrs.
        SSL_CTRL_GET_PEER_TMP_KEY | SSL_CTRL_GET_TMP_KEY => 0,
        _ => return None,
    }))
}

/// Server: the groups both sides support, in the client's order (the server's with
/// `SSL_OP_CIPHER_SERVER_PREFERENCE`), as `SSL_get_shared_group` counts them. Empty on a client.
fn shared_groups(c: &Conn) -> Vec<u16> {
    let Some((_, client)) = c.client_offer() else {
        return Vec::new();
    };
    let server: Vec<u16> = c.settings.groups.clone().unwrap_or_else(|| {
        crate::engine::context::provider()
            .kx_groups
            .iter()
            .map(|k| u16::from(k.name()))
            .collect()
    });
    let server_pref =
        c.settings.options & crate::engine::context::op::CIPHER_SERVER_PREFERENCE != 0;
    let (pref, supp) = if server_pref {
        (&server, &client)
    } else {
        (&client, &server)
    };
    pref.iter().copied().filter(|g| supp.contains(g)).collect()
}

/// `SSL_get_[peer_]signature[_type]_nid`: 1 and `pick(scheme)` in `*pnid` once the handshake
/// signature is known: the server's own (it signs) and the client's peer's (it verifies).
/// Client certificate signatures are not recorded (0).
fn signature_nid(c: &Conn, peer: bool, pnid: *mut c_int, pick: fn(u16) -> i32) -> c_int {
    if !c.is_init_finished() {
        return 0;
    }
    let (own, theirs) = c.signature_schemes();
    match if peer { theirs } else { own } {
        Some(s) => {
            // SAFETY: NULL or a valid out-parameter per the API.
            unsafe { crate::ffi::ptr::write_out(pnid, pick(s)) };
            1
        }
        None => 0,
    }
}

fn ctx_ref<'a>(ctx: *const SSL_CTX) -> Result<&'a Context> {
    // SAFETY: NULL or a context the caller holds.
    unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))
}

/// Locks the connection behind `s` for `f`; `fail` for NULL or a re-entrant call (from a
/// callback while the connection is busy), never a deadlock.
pub fn with_conn<T: Copy>(s: *const SSL, fail: T, f: impl FnOnce(&mut Conn) -> T) -> T {
    guard(fail, || match conn_guard(s) {
        Some(mut c) => f(&mut c),
        None => fail,
    })
}

/// The connection behind `s`, locked; `None` for NULL or when it is busy (re-entrant call).
pub fn conn_guard<'a>(s: *const SSL) -> Option<crate::sync::MutexGuard<'a, Conn>> {
    // SAFETY: NULL or an SSL the caller holds.
    let m = unsafe { borrow::<SSL>(s) }?;
    crate::ffi::callbacks::conn_of(m).ok()
}

/// `SSL_CTX_set_security_level(3)`: stored as given and reported by the getters. Certificate
/// keys below the level are refused when loaded and fail a client's verification, as in
/// OpenSSL (c-tests/KNOWN_DIFFERENCES.md lists what else is not enforced). NULL is a no-op.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_security_level(ctx: *mut SSL_CTX, level: c_int) {
    call((), || {
        ctx_ref(ctx)?.settings_mut(|s| s.security_level = level);
        Ok(())
    })
}

/// `SSL_CTX_get_security_level(3)`: 2 by default (the installed OpenSSL's); 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_security_level(ctx: *const SSL_CTX) -> c_int {
    call(0, || Ok(ctx_ref(ctx)?.with(|c| c.settings.security_level)))
}

/// `SSL_set_security_level(3)`.
#[no_mangle]
pub extern "C" fn SSL_set_security_level(s: *mut SSL, level: c_int) {
    with_conn(s, (), |c| c.settings.security_level = level)
}

/// `SSL_get_security_level(3)`; 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_get_security_level(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| c.settings.security_level)
}

/// `SSL_CTX_set_post_handshake_auth(3)`: recorded. rustls has no TLS 1.3 post-handshake
/// authentication, so the extension is never sent and `SSL_verify_client_post_handshake`
/// cannot succeed (KNOWN_DIFFERENCES.md).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_post_handshake_auth(ctx: *mut SSL_CTX, val: c_int) {
    call((), || {
        ctx_ref(ctx)?.settings_mut(|s| s.post_handshake_auth = val != 0);
        Ok(())
    })
}

/// `SSL_set_post_handshake_auth(3)`: as the context's.
#[no_mangle]
pub extern "C" fn SSL_set_post_handshake_auth(s: *mut SSL, val: c_int) {
    with_conn(s, (), |c| c.settings.post_handshake_auth = val != 0)
}

/// `SSL_get_peer_signature_type_nid(3)`: the key type of the peer's handshake signature
/// (`EVP_PKEY_RSA_PSS`, `EVP_PKEY_EC`, `EVP_PKEY_RSA`, `EVP_PKEY_ED25519`) in `*pnid` and 1, on
/// a client after the handshake; 0 before it, on a server (client-certificate signatures are
/// not recorded) and for NULL.
#[no_mangle]
pub extern "C" fn SSL_get_peer_signature_type_nid(s: *const SSL, pnid: *mut c_int) -> c_int {
    with_conn(s, 0, |c| {
        signature_nid(c, true, pnid, |s| config::scheme_nids(s).1)
    })
}

/// `SSL_get_signature_type_nid(3)`: as `SSL_get_peer_signature_type_nid`, for this side's own
/// signature (a server's after the handshake).
#[no_mangle]
pub extern "C" fn SSL_get_signature_type_nid(s: *const SSL, pnid: *mut c_int) -> c_int {
    with_conn(s, 0, |c| {
        signature_nid(c, false, pnid, |s| config::scheme_nids(s).1)
    })
}

/// `SSL_CTX_set_cipher_list`/`SSL_set_cipher_list`: applies a cipher string to `s` (suites and
/// `@SECLEVEL`). A string selecting no TLS 1.2 suite is applied and then reported as
/// `SSL_R_NO_CIPHER_MATCH` (OpenSSL 3.0 does the same); a malformed one changes nothing.
pub fn apply_cipher_list(s: &mut Settings, text: *const c_char, func: &'static str) -> Result<()> {
    use crate::engine::ciphers::parse_cipher_list;
    // SAFETY: NULL or a NUL-terminated string per the API.
    let text = unsafe { c_str(text) }.ok_or(Error::null_param(lib::SSL, func))?;
    let text = text.to_str().unwrap_or("\u{0}");
    match parse_cipher_list(text) {
        // Applied even when empty (TLS 1.2 then has no suites), as OpenSSL does.
        Ok(l) => {
            let empty = l.suites.is_empty();
            s.tls12_suites = Some(l.suites);
            if let Some(level) = l.security_level {
                s.security_level = level;
            }
            match empty {
                true => Err(Error::ssl(ssl_r::NO_CIPHER_MATCH, func)),
                false => Ok(()),
            }
        }
        Err(_) => Err(Error::ssl(ssl_r::INVALID_COMMAND, func)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::ssl::{
        SSL_CTX_ctrl, SSL_CTX_free, SSL_CTX_new, SSL_ctrl, SSL_free, SSL_new, TLS_method,
    };
    use core::ptr::{null, null_mut};

    #[test]
    fn null_arguments() {
        SSL_CTX_set_security_level(null_mut(), 1);
        assert_eq!(SSL_CTX_get_security_level(null()), 0);
        SSL_set_security_level(null_mut(), 1);
        assert_eq!(SSL_get_security_level(null()), 0);
        SSL_CTX_set_post_handshake_auth(null_mut(), 1);
        SSL_set_post_handshake_auth(null_mut(), 1);
        assert_eq!(SSL_get_peer_signature_type_nid(null(), null_mut()), 0);
        assert_eq!(SSL_get_signature_type_nid(null(), null_mut()), 0);
        crate::crypto::err::clear();
        for cmd in [
            SSL_CTRL_SET_GROUPS_LIST,
            SSL_CTRL_SET_MAX_SEND_FRAGMENT,
            SSL_CTRL_GET_NEGOTIATED_GROUP,
        ] {
            assert_eq!(SSL_CTX_ctrl(null_mut(), cmd, 0, null_mut()), 0);
            assert_eq!(SSL_ctrl(null_mut(), cmd, 0, null_mut()), 0);
        }
    }

    #[test]
    fn ctrls() {
        let ctx = SSL_CTX_new(TLS_method());
        let list = |c: *mut SSL_CTX, cmd, s: &core::ffi::CStr| {
            SSL_CTX_ctrl(c, cmd, 0, s.as_ptr() as *mut c_void)
        };
        assert_eq!(list(ctx, SSL_CTRL_SET_GROUPS_LIST, c"X25519:P-256"), 1);
        crate::crypto::err::clear();
        assert_eq!(list(ctx, SSL_CTRL_SET_GROUPS_LIST, c"BOGUS"), 0);
        assert_ne!(crate::crypto::err::peek_first(), 0);
        crate::crypto::err::clear();
        assert_eq!(list(ctx, SSL_CTRL_SET_GROUPS_LIST, c""), 0);
        assert_eq!(crate::crypto::err::peek_first(), 0);
        assert_eq!(
            SSL_CTX_ctrl(ctx, SSL_CTRL_SET_GROUPS_LIST, 0, null_mut()),
            0
        );
        assert_ne!(crate::crypto::err::peek_first(), 0);
        crate::crypto::err::clear();
        let nids = [NID_X25519, NID_secp384r1];
        assert_eq!(
            SSL_CTX_ctrl(ctx, SSL_CTRL_SET_GROUPS, 2, nids.as_ptr() as *mut c_void),
            1
        );
        assert_eq!(
            SSL_CTX_ctrl(ctx, SSL_CTRL_SET_GROUPS, 0, nids.as_ptr() as *mut c_void),
            0
        );
        crate::crypto::err::clear();
        assert_eq!(list(ctx, SSL_CTRL_SET_SIGALGS_LIST, c"RSA+SHA256"), 1);
        assert_eq!(list(ctx, SSL_CTRL_SET_CLIENT_SIGALGS_LIST, c"BOGUS"), 0);
        assert_eq!(
            SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MAX_SEND_FRAGMENT, 1000, null_mut()),
            1
        );
        assert_eq!(
            SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MAX_SEND_FRAGMENT, 100, null_mut()),
            0
        );
        assert_eq!(
            SSL_CTX_ctrl(ctx, crate::ffi::ssl::SSL_CTRL_SET_READ_AHEAD, 1, null_mut()),
            0
        );
        assert_eq!(
            SSL_CTX_ctrl(ctx, crate::ffi::ssl::SSL_CTRL_GET_READ_AHEAD, 0, null_mut()),
            1
        );
        assert_eq!(SSL_CTX_get_security_level(ctx), 2);
        SSL_CTX_set_security_level(ctx, 3);
        let s = SSL_new(ctx);
        assert_eq!(SSL_get_security_level(s), 3);
        assert_eq!(SSL_ctrl(s, SSL_CTRL_GET_NEGOTIATED_GROUP, 0, null_mut()), 0);
        assert_eq!(
            SSL_ctrl(s, crate::ffi::ssl::SSL_CTRL_GET_READ_AHEAD, 0, null_mut()),
            1
        );
        SSL_free(s);
        SSL_CTX_free(ctx);
    }
}
