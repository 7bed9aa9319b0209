//! `openssl/ssl.h` family: methods, `SSL_CTX`, `SSL`, `SSL_CIPHER`.

use crate::crypto::bio::Bio;
use crate::engine::conn::{Conn, Role, Stop};
use crate::engine::context::{Context, Method, Settings};
use crate::engine::verify::HostCheck;
use crate::engine::{ciphers, ciphers::CipherInfo};
use crate::error::{common, lib, ssl_r, Error, Result};
use crate::ffi::callbacks::{self, with_conn_io, CtxApp, SslObj};
use crate::ffi::ptr::{c_str, in_buf, len_of, out_buf, static_cstr, write_out};
use crate::ffi::types::{borrow, clone_arc, into_c, take_arc, up_ref};
use crate::ffi::types::{BIO, SSL, SSL_CIPHER, SSL_CTX, SSL_METHOD, X509, X509_STORE_CTX};
use crate::ffi::{call, guard, null_on_error, one_or_zero, void};
use crate::sync::MutexGuard;
use core::ffi::{c_char, c_int, c_long, c_uint, c_void};
use std::path::Path;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Constants (ssl.h / tls1.h)

pub const SSL_ERROR_NONE: c_int = 0;
pub const SSL_ERROR_SSL: c_int = 1;
pub const SSL_ERROR_WANT_READ: c_int = 2;
pub const SSL_ERROR_WANT_WRITE: c_int = 3;
pub const SSL_ERROR_WANT_X509_LOOKUP: c_int = 4;
pub const SSL_ERROR_SYSCALL: c_int = 5;
pub const SSL_ERROR_ZERO_RETURN: c_int = 6;
pub const SSL_ERROR_WANT_CONNECT: c_int = 7;
pub const SSL_ERROR_WANT_ACCEPT: c_int = 8;
pub const SSL_ERROR_WANT_ASYNC: c_int = 9;
pub const SSL_ERROR_WANT_ASYNC_JOB: c_int = 10;
pub const SSL_ERROR_WANT_CLIENT_HELLO_CB: c_int = 11;
pub const SSL_ERROR_WANT_RETRY_VERIFY: c_int = 12;

pub const SSL_NOTHING: c_int = 1;
pub const SSL_WRITING: c_int = 2;
pub const SSL_READING: c_int = 3;
pub const SSL_X509_LOOKUP: c_int = 4;
pub const SSL_ASYNC_PAUSED: c_int = 5;
pub const SSL_ASYNC_NO_JOBS: c_int = 6;
pub const SSL_CLIENT_HELLO_CB: c_int = 7;
pub const SSL_RETRY_VERIFY: c_int = 8;

pub const SSL_SENT_SHUTDOWN: c_int = 1;
pub const SSL_RECEIVED_SHUTDOWN: c_int = 2;

pub const SSL_FILETYPE_PEM: c_int = 1;
pub const SSL_FILETYPE_ASN1: c_int = 2;

pub const SSL_VERIFY_NONE: c_int = 0x00;
pub const SSL_VERIFY_PEER: c_int = 0x01;
pub const SSL_VERIFY_FAIL_IF_NO_PEER_CERT: c_int = 0x02;
pub const SSL_VERIFY_CLIENT_ONCE: c_int = 0x04;
pub const SSL_VERIFY_POST_HANDSHAKE: c_int = 0x08;

pub const SSL_MODE_ENABLE_PARTIAL_WRITE: c_uint = 0x0000_0001;
pub const SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: c_uint = 0x0000_0002;
pub const SSL_MODE_AUTO_RETRY: c_uint = 0x0000_0004;
pub const SSL_MODE_NO_AUTO_CHAIN: c_uint = 0x0000_0008;
pub const SSL_MODE_RELEASE_BUFFERS: c_uint = 0x0000_0010;
pub const SSL_MODE_SEND_CLIENTHELLO_TIME: c_uint = 0x0000_0020;
pub const SSL_MODE_SEND_SERVERHELLO_TIME: c_uint = 0x0000_0040;
pub const SSL_MODE_SEND_FALLBACK_SCSV: c_uint = 0x0000_0080;
pub const SSL_MODE_ASYNC: c_uint = 0x0000_0100;
pub const SSL_MODE_DTLS_SCTP_LABEL_LENGTH_BUG: c_uint = 0x0000_0400;

pub const SSL_CTRL_SET_READ_AHEAD: c_int = 41;
pub const SSL_CTRL_GET_READ_AHEAD: c_int = 40;
pub const SSL_CTRL_MODE: c_int = 33;
pub const SSL_CTRL_SET_SESS_CACHE_MODE: c_int = 44;
pub const SSL_CTRL_GET_SESS_CACHE_MODE: c_int = 45;
pub const SSL_CTRL_SET_TLSEXT_HOSTNAME: c_int = 55;
pub const SSL_CTRL_GET_RI_SUPPORT: c_int = 76;
pub const SSL_CTRL_CLEAR_MODE: c_int = 78;
pub const SSL_CTRL_SET_MIN_PROTO_VERSION: c_int = 123;
pub const SSL_CTRL_SET_MAX_PROTO_VERSION: c_int = 124;
pub const SSL_CTRL_GET_MIN_PROTO_VERSION: c_int = 130;
pub const SSL_CTRL_GET_MAX_PROTO_VERSION: c_int = 131;
pub const TLSEXT_NAMETYPE_host_name: c_int = 0;
pub const SSL_SESS_CACHE_OFF: c_int = 0x0000;
pub const SSL_SESS_CACHE_CLIENT: c_int = 0x0001;
pub const SSL_SESS_CACHE_SERVER: c_int = 0x0002;
pub const SSL_SESS_CACHE_NO_AUTO_CLEAR: c_int = 0x0080;
pub const SSL_SESS_CACHE_NO_INTERNAL_LOOKUP: c_int = 0x0100;
pub const SSL_SESS_CACHE_NO_INTERNAL_STORE: c_int = 0x0200;
pub const SSL_SESS_CACHE_UPDATE_TIME: c_int = 0x0400;

pub const SSL3_VERSION: c_int = 0x0300;
pub const TLS1_VERSION: c_int = 0x0301;
pub const TLS1_1_VERSION: c_int = 0x0302;
pub const TLS1_2_VERSION: c_int = 0x0303;
pub const TLS1_3_VERSION: c_int = 0x0304;
pub const TLS_MAX_VERSION: c_int = 0x0304;

pub const SSL_ST_CONNECT: c_int = 0x1000;
pub const SSL_ST_ACCEPT: c_int = 0x2000;
pub const SSL_ST_MASK: c_int = 0x0FFF;
pub const SSL_CB_LOOP: c_int = 0x01;
pub const SSL_CB_EXIT: c_int = 0x02;
pub const SSL_CB_READ: c_int = 0x04;
pub const SSL_CB_WRITE: c_int = 0x08;
pub const SSL_CB_ALERT: c_int = 0x4000;
pub const SSL_CB_HANDSHAKE_START: c_int = 0x10;
pub const SSL_CB_HANDSHAKE_DONE: c_int = 0x20;

pub const SSL_OP_NO_EXTENDED_MASTER_SECRET: u64 = 1 << 0;
pub const SSL_OP_CLEANSE_PLAINTEXT: u64 = 1 << 1;
pub const SSL_OP_LEGACY_SERVER_CONNECT: u64 = 1 << 2;
pub const SSL_OP_ENABLE_KTLS: u64 = 1 << 3;
pub const SSL_OP_TLSEXT_PADDING: u64 = 1 << 4;
pub const SSL_OP_SAFARI_ECDHE_ECDSA_BUG: u64 = 1 << 6;
pub const SSL_OP_IGNORE_UNEXPECTED_EOF: u64 = 1 << 7;
pub const SSL_OP_ALLOW_CLIENT_RENEGOTIATION: u64 = 1 << 8;
pub const SSL_OP_DISABLE_TLSEXT_CA_NAMES: u64 = 1 << 9;
pub const SSL_OP_ALLOW_NO_DHE_KEX: u64 = 1 << 10;
pub const SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: u64 = 1 << 11;
pub const SSL_OP_NO_QUERY_MTU: u64 = 1 << 12;
pub const SSL_OP_COOKIE_EXCHANGE: u64 = 1 << 13;
pub const SSL_OP_NO_TICKET: u64 = 1 << 14;
pub const SSL_OP_CISCO_ANYCONNECT: u64 = 1 << 15;
pub const SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: u64 = 1 << 16;
pub const SSL_OP_NO_COMPRESSION: u64 = 1 << 17;
pub const SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: u64 = 1 << 18;
pub const SSL_OP_NO_ENCRYPT_THEN_MAC: u64 = 1 << 19;
pub const SSL_OP_ENABLE_MIDDLEBOX_COMPAT: u64 = 1 << 20;
pub const SSL_OP_PRIORITIZE_CHACHA: u64 = 1 << 21;
pub const SSL_OP_CIPHER_SERVER_PREFERENCE: u64 = 1 << 22;
pub const SSL_OP_TLS_ROLLBACK_BUG: u64 = 1 << 23;
pub const SSL_OP_NO_ANTI_REPLAY: u64 = 1 << 24;
pub const SSL_OP_NO_SSLv3: u64 = 1 << 25;
pub const SSL_OP_NO_TLSv1: u64 = 1 << 26;
pub const SSL_OP_NO_TLSv1_2: u64 = 1 << 27;
pub const SSL_OP_NO_TLSv1_1: u64 = 1 << 28;
pub const SSL_OP_NO_TLSv1_3: u64 = 1 << 29;
pub const SSL_OP_NO_RENEGOTIATION: u64 = 1 << 30;
pub const SSL_OP_CRYPTOPRO_TLSEXT_BUG: u64 = 1 << 31;

// ---------------------------------------------------------------------------------------------
// Handles

/// A method is identified by which of these statics it points at.
static METHODS: [Method; 3] = [Method::Generic, Method::Client, Method::Server];

fn method_ptr(i: usize) -> *const SSL_METHOD {
    &METHODS[i] as *const Method as *const SSL_METHOD
}

fn method_of(m: *const SSL_METHOD) -> Option<Method> {
    (0..METHODS.len())
        .find(|&i| method_ptr(i) == m)
        .map(|i| METHODS[i])
}

fn ctx_ref<'a>(ctx: *const SSL_CTX) -> Result<&'a Context> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))
}

/// Locks the connection behind `ssl`. A re-entrant call (from a callback) finds it busy.
fn conn<'a>(ssl: *const SSL) -> Result<MutexGuard<'a, Conn>> {
    callbacks::conn_of(callbacks::obj(ssl)?)
}

fn with_conn<T>(ssl: *const SSL, fail: T, f: impl FnOnce(&mut Conn) -> Result<T>) -> T {
    call(fail, || f(&mut *conn(ssl)?))
}

fn set_errno_zero() {
    // SAFETY: errno is thread-local; writing it is always sound.
    unsafe { *libc::__errno_location() = 0 };
}

// ---------------------------------------------------------------------------------------------
// Methods

/// `TLS_method()`: a method for either role. Never NULL; the pointer is static.
#[no_mangle]
pub extern "C" fn TLS_method() -> *const SSL_METHOD {
    method_ptr(0)
}

/// `TLS_client_method()`: client role by default.
#[no_mangle]
pub extern "C" fn TLS_client_method() -> *const SSL_METHOD {
    method_ptr(1)
}

/// `TLS_server_method()`: server role by default.
#[no_mangle]
pub extern "C" fn TLS_server_method() -> *const SSL_METHOD {
    method_ptr(2)
}

// ---------------------------------------------------------------------------------------------
// SSL_CTX

/// `SSL_CTX_new(3)`: a new context with one reference, or NULL (`SSL_R_NULL_SSL_METHOD_PASSED`).
/// Registers the SSL error strings, as OpenSSL does.
#[no_mangle]
pub extern "C" fn SSL_CTX_new(meth: *const SSL_METHOD) -> *mut SSL_CTX {
    null_on_error(|| {
        crate::crypto::err::load_ssl_strings();
        let (m, fixed) = method_of(meth)
            .map(|m| (m, None))
            .or_else(|| crate::ffi::method::lookup(meth))
            .ok_or(Error::ssl(ssl_r::NULL_SSL_METHOD_PASSED, "SSL_CTX_new_ex"))?;
        let ctx = Context::with_app(m, Box::new(CtxApp::new()));
        ctx.settings_mut(|s| s.fixed_version = fixed);
        let p = into_c::<SSL_CTX>(Arc::new(ctx));
        // SAFETY: `p` was just made by `into_c` and holds our reference.
        if let Some(app) = unsafe { borrow::<SSL_CTX>(p) }.and_then(callbacks::ctx_app) {
            app.created(p);
        }
        crate::ffi::ssl_mcnf::apply_system_default(p);
        Ok(p)
    })
}

/// `SSL_CTX_free(3)`: drops one reference; NULL is a no-op.
#[no_mangle]
pub extern "C" fn SSL_CTX_free(ctx: *mut SSL_CTX) {
    guard((), || crate::ffi::session::free_ctx(ctx))
}

/// `SSL_CTX_up_ref(3)`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_up_ref(ctx: *mut SSL_CTX) -> c_int {
    // SAFETY: NULL or a live context pointer.
    guard(0, || unsafe { up_ref::<SSL_CTX>(ctx) })
}

/// `SSL_CTX_set_options(3)`: ORs `op` in, returns the new options (0 for NULL).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    call(0, || {
        Ok(ctx_ref(ctx)?.settings_mut(|s| {
            s.options |= op;
            s.options
        }))
    })
}

/// `SSL_CTX_clear_options(3)`: clears `op`, returns the new options.
#[no_mangle]
pub extern "C" fn SSL_CTX_clear_options(ctx: *mut SSL_CTX, op: u64) -> u64 {
    call(0, || {
        Ok(ctx_ref(ctx)?.settings_mut(|s| {
            s.options &= !op;
            s.options
        }))
    })
}

/// `SSL_CTX_get_options(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_options(ctx: *const SSL_CTX) -> u64 {
    call(0, || Ok(ctx_ref(ctx)?.with(|c| c.settings.options)))
}

/// `SSL_set_options(3)`.
#[no_mangle]
pub extern "C" fn SSL_set_options(s: *mut SSL, op: u64) -> u64 {
    with_conn(s, 0, |c| {
        c.settings.options |= op;
        Ok(c.settings.options)
    })
}

/// `SSL_clear_options(3)`.
#[no_mangle]
pub extern "C" fn SSL_clear_options(s: *mut SSL, op: u64) -> u64 {
    with_conn(s, 0, |c| {
        c.settings.options &= !op;
        Ok(c.settings.options)
    })
}

/// `SSL_get_options(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_options(s: *const SSL) -> u64 {
    with_conn(s, 0, |c| Ok(c.settings.options))
}

fn valid_version(v: c_long) -> bool {
    v == 0 || (c_long::from(SSL3_VERSION)..=c_long::from(TLS1_3_VERSION)).contains(&v)
}

/// The ctrl commands shared by `SSL_CTX_ctrl` and `SSL_ctrl`.
// `c_long` is `i64` here but not on every target: keep the conversions explicit.
#[allow(clippy::useless_conversion)]
fn settings_ctrl(s: &mut Settings, cmd: c_int, larg: c_long) -> Option<c_long> {
    Some(match cmd {
        SSL_CTRL_MODE => {
            s.mode |= i64::from(larg);
            s.mode
        }
        SSL_CTRL_CLEAR_MODE => {
            s.mode &= !i64::from(larg);
            s.mode
        }
        SSL_CTRL_SET_MIN_PROTO_VERSION | SSL_CTRL_SET_MAX_PROTO_VERSION => {
            if !valid_version(larg) {
                return Some(0);
            }
            if cmd == SSL_CTRL_SET_MIN_PROTO_VERSION {
                s.min_version = larg as i32;
            } else {
                s.max_version = larg as i32;
            }
            1
        }
        SSL_CTRL_GET_MIN_PROTO_VERSION => c_long::from(s.min_version),
        SSL_CTRL_GET_MAX_PROTO_VERSION => c_long::from(s.max_version),
        _ => return None,
    })
}

/// `SSL_CTX_ctrl(3)`: the commands behind `SSL_CTX_set_mode`/`clear_mode`/`get_mode`,
/// `SSL_CTX_set_min/max_proto_version` and getters, the session-cache mode and read-ahead.
/// Unknown commands return 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> c_long {
    call(0, || {
        if let Some(r) = crate::ffi::hello::ctx_ctrl(ctx, cmd, parg) {
            return r;
        }
        if let Some(r) = crate::ffi::compat::ctx_chain_ctrl(ctx, cmd, larg, parg) {
            return r;
        }
        let c = ctx_ref(ctx)?;
        if let Some(mut nid) = crate::ffi::compat::tmp_ecdh_nid(cmd, parg) {
            let groups = crate::ffi::config::SSL_CTRL_SET_GROUPS;
            let p = &mut nid as *mut c_int as *mut c_void;
            return crate::ffi::config::ctx_ctrl(c, groups, 1, p).map_or(Ok(1), |r| r.or(Ok(1)));
        }
        if let Some(r) = crate::ffi::compat::dh_ctrl(cmd, parg) {
            return r;
        }
        if let Some(v) = crate::ffi::session::ctx_ctrl(c, cmd, larg) {
            return Ok(v);
        }
        if let Some(r) = crate::ffi::config::ctx_ctrl(c, cmd, larg, parg) {
            return r;
        }
        Ok(c.settings_mut(|s| settings_ctrl(s, cmd, larg))
            .unwrap_or(match cmd {
                SSL_CTRL_SET_READ_AHEAD | SSL_CTRL_GET_READ_AHEAD => 0,
                _ => 0,
            }))
    })
}

/// `SSL_ctrl(3)`: as `SSL_CTX_ctrl`, plus `SSL_CTRL_SET_TLSEXT_HOSTNAME` (SNI).
#[no_mangle]
pub extern "C" fn SSL_ctrl(s: *mut SSL, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    if cmd == callbacks::SSL_CTRL_SET_MSG_CALLBACK_ARG {
        return call(0, || callbacks::set_ssl_msg_arg(s, parg));
    }
    with_conn(s, 0, |c| {
        if let Some(r) = crate::ffi::config::ssl_ctrl(c, cmd, larg, parg) {
            return r;
        }
        if let Some(mut nid) = crate::ffi::compat::tmp_ecdh_nid(cmd, parg) {
            let groups = crate::ffi::config::SSL_CTRL_SET_GROUPS;
            let p = &mut nid as *mut c_int as *mut c_void;
            return crate::ffi::config::ssl_ctrl(c, groups, 1, p).map_or(Ok(1), |r| r.or(Ok(1)));
        }
        if let Some(r) = crate::ffi::compat::dh_ctrl(cmd, parg) {
            return r;
        }
        if let Some(v) = settings_ctrl(&mut c.settings, cmd, larg) {
            return Ok(v);
        }
        match cmd {
            SSL_CTRL_SET_TLSEXT_HOSTNAME => {
                if larg != c_long::from(TLSEXT_NAMETYPE_host_name) {
                    return Err(Error::ssl(
                        ssl_r::SSL3_EXT_INVALID_SERVERNAME_TYPE,
                        "SSL_ctrl",
                    ));
                }
                // SAFETY: parg is NULL or a NUL-terminated host name per the API.
                let name = unsafe { c_str(parg as *const c_char) };
                match name {
                    None => c.sni = None,
                    Some(n) => {
                        let n = n.to_str().map_err(|_| {
                            Error::ssl(ssl_r::SSL3_EXT_INVALID_SERVERNAME, "SSL_ctrl")
                        })?;
                        if n.is_empty() || n.len() > 255 {
                            return Err(Error::ssl(ssl_r::SSL3_EXT_INVALID_SERVERNAME, "SSL_ctrl"));
                        }
                        c.sni = Some(n.to_owned());
                    }
                }
                Ok(1)
            }
            SSL_CTRL_GET_RI_SUPPORT => Ok(1),
            _ => Ok(0),
        }
    })
}

pub(crate) fn path_arg<'a>(p: *const c_char) -> Result<Option<&'a Path>> {
    // SAFETY: NULL or a NUL-terminated path per the API.
    match unsafe { c_str(p) } {
        None => Ok(None),
        Some(s) => {
            let s = s
                .to_str()
                .map_err(|_| Error::null_param(lib::SSL, "path"))?;
            Ok(Some(Path::new(s)))
        }
    }
}

/// OpenSSL reports a failed certificate/key file load as the underlying error followed by
/// SSL's wrapper (`ERR_R_SYS_LIB` for open failures, `ERR_R_PEM_LIB` for content).
pub(crate) fn wrap_load_error(inner: Error, func: &'static str) -> Error {
    let system = inner.system;
    crate::crypto::err::push(inner);
    if system {
        crate::crypto::err::push(Error::new(lib::BIO, common::SYS_LIB, "BIO_new_file"));
        Error::ssl(common::SYS_LIB, func)
    } else {
        Error::ssl(common::PEM_LIB, func)
    }
}

/// The raw bytes of an ASN1 (DER) certificate or key file, with OpenSSL's error entries.
/// A DER private key: PKCS#8, PKCS#1 RSA or SEC1 EC, told apart by structure as OpenSSL's
/// DER decoder does; anything else is handed on as PKCS#8 (and fails to load as such).
pub(crate) fn der_private_key(der: Vec<u8>) -> rustls_pki_types::PrivateKeyDer<'static> {
    rustls_pki_types::PrivateKeyDer::try_from(der.clone())
        .unwrap_or_else(|_| rustls_pki_types::PrivateKeyDer::Pkcs8(der.into()))
}

/// OpenSSL's `SSL_*_use_*_file` functions open the file before they look at anything else (the
/// object, the file type): a NULL name (`fopen` fails with `EFAULT`) or a file that cannot be
/// opened gives the same three entries as a failed read, even with a NULL object.
pub(crate) fn open_check(file: *const c_char, func: &'static str) -> Result<()> {
    let Some(path) = path_arg(file)? else {
        let e = Error::system(libc::EFAULT, "file_ctrl").with_data("calling fopen(<NULL>, r)");
        return Err(wrap_load_error(e, func));
    };
    std::fs::File::open(path)
        .map(drop)
        .map_err(|e| wrap_load_error(crate::crypto::pem::open_error(path, &e), func))
}

pub(crate) fn read_der_file(path: &Path, func: &'static str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| wrap_load_error(crate::crypto::pem::open_error(path, &e), func))
}

fn read_file_certs(
    file: *const c_char,
    ty: c_int,
) -> Result<Vec<rustls_pki_types::CertificateDer<'static>>> {
    let path =
        path_arg(file)?.ok_or(Error::null_param(lib::SSL, "SSL_CTX_use_certificate_file"))?;
    match ty {
        SSL_FILETYPE_PEM => crate::crypto::pem::read_certs_file(path)
            .map_err(|e| wrap_load_error(e, "SSL_CTX_use_certificate_file")),
        SSL_FILETYPE_ASN1 => Ok(vec![
            read_der_file(path, "SSL_CTX_use_certificate_file")?.into()
        ]),
        _ => Err(Error::ssl(
            ssl_r::BAD_SSL_FILETYPE,
            "SSL_CTX_use_certificate_file",
        )),
    }
}

fn suites_arg(
    s: *const c_char,
    parse: fn(&str) -> Option<Vec<u16>>,
    func: &'static str,
) -> Result<Vec<u16>> {
    // SAFETY: NULL or a NUL-terminated string per the API.
    let text = unsafe { c_str(s) }.ok_or(Error::null_param(lib::SSL, func))?;
    let text = text
        .to_str()
        .map_err(|_| Error::ssl(ssl_r::NO_CIPHER_MATCH, func))?;
    parse(text).ok_or(Error::ssl(ssl_r::NO_CIPHER_MATCH, func))
}

/// `SSL_CTX_set_ciphersuites(3)`: the TLS 1.3 suites, `:`-separated, in preference order;
/// unknown names are skipped, `""` disables TLS 1.3. 1, or 0 (`SSL_R_NO_CIPHER_MATCH`).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ciphersuites(ctx: *mut SSL_CTX, str: *const c_char) -> c_int {
    one_or_zero(|| {
        let c = ctx_ref(ctx)?;
        let v = suites_arg(str, ciphers::parse_ciphersuites, "SSL_CTX_set_ciphersuites")?;
        c.settings_mut(|s| s.tls13_suites = Some(v));
        Ok(())
    })
}

/// `SSL_set_ciphersuites(3)`: as `SSL_CTX_set_ciphersuites`, for one connection.
#[no_mangle]
pub extern "C" fn SSL_set_ciphersuites(s: *mut SSL, str: *const c_char) -> c_int {
    with_conn(s, 0, |c| {
        c.sync_ciphers();
        c.settings.own_ciphers = true;
        c.settings.tls13_suites = Some(suites_arg(
            str,
            ciphers::parse_ciphersuites,
            "SSL_set_ciphersuites",
        )?);
        Ok(1)
    })
}

/// `SSL_CTX_set_cipher_list(3)`: the TLS 1.2 suites, in OpenSSL's cipher-string language. Only
/// ECDHE with AES-GCM or ChaCha20-Poly1305 exists in sslrs; a string selecting none of those
/// fails with `SSL_R_NO_CIPHER_MATCH` (0).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cipher_list(ctx: *mut SSL_CTX, str: *const c_char) -> c_int {
    one_or_zero(|| {
        let f = "SSL_CTX_set_cipher_list";
        ctx_ref(ctx)?.settings_mut(|s| crate::ffi::config::apply_cipher_list(s, str, f))
    })
}

/// `SSL_set_cipher_list(3)`: as `SSL_CTX_set_cipher_list`, for one connection.
#[no_mangle]
pub extern "C" fn SSL_set_cipher_list(s: *mut SSL, str: *const c_char) -> c_int {
    with_conn(s, 0, |c| {
        c.sync_ciphers();
        c.settings.own_ciphers = true;
        crate::ffi::config::apply_cipher_list(&mut c.settings, str, "SSL_set_cipher_list")?;
        Ok(1)
    })
}

/// `SSL_CTX_use_certificate_file(3)`: the first certificate of `file` becomes the leaf
/// (PEM or ASN1) of the slot of its key type; that slot's chain certificates stay. 1 on
/// success, 0 on failure.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    one_or_zero(|| {
        open_check(file, "SSL_CTX_use_certificate_file")?;
        let t = crate::ffi::certs::Target::ctx(ctx)?;
        let mut certs = read_file_certs(file, r#type)?;
        certs.truncate(1);
        let leaf = certs
            .pop()
            .ok_or(Error::ssl(common::PEM_LIB, "SSL_CTX_use_certificate_file"))?;
        t.use_cert(leaf.to_vec(), core::ptr::null_mut())
    })
}

/// `SSL_CTX_use_certificate_chain_file(3)`: leaf then intermediates, PEM. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_chain_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
) -> c_int {
    one_or_zero(|| {
        open_check(file, "use_certificate_chain_file")?;
        let t = crate::ffi::certs::Target::ctx(ctx)?;
        let certs = read_file_certs(file, SSL_FILETYPE_PEM)?;
        t.use_chain(certs)
    })
}

/// `SSL_CTX_use_PrivateKey_file(3)`: PEM or ASN1 (DER), each PKCS#8, PKCS#1 RSA or SEC1 EC;
/// an encrypted PEM key is decrypted with the password callback (`passwd.rs`).
/// Status: partial — natively, PBES1/PKCS#12 key encryption and legacy PEM ciphers other than
/// AES-CBC and DES-EDE3-CBC fail cleanly; with libcrypto everything loads.
/// Fails if a certificate of the same key type is set and the key does not match it (a key
/// of another type goes to its own slot, as in OpenSSL). 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    one_or_zero(|| {
        open_check(file, "SSL_CTX_use_PrivateKey_file")?;
        let t = crate::ffi::certs::Target::ctx(ctx)?;
        let func = "SSL_CTX_use_PrivateKey_file";
        let key = crate::ffi::passwd::load_key_file(file, r#type, t.passwd(), func)?;
        t.use_key(key, core::ptr::null_mut())
    })
}

/// `SSL_CTX_check_private_key(3)`: 1 if a certificate and a matching key are set.
#[no_mangle]
pub extern "C" fn SSL_CTX_check_private_key(ctx: *const SSL_CTX) -> c_int {
    one_or_zero(|| ctx_ref(ctx)?.check_private_key())
}

/// Loads trust anchors. A file must exist and hold at least one certificate or CRL (its CRLs go
/// into the context's store); a directory is
/// only searched (OpenSSL looks certificates up in it lazily, so a missing one is no error).
/// Returns 1, or 0 (with nothing queued when neither location was given).
fn load_verify(ctx: *mut SSL_CTX, file: Option<&Path>, dir: Option<&Path>) -> Result<c_int> {
    let c = ctx_ref(ctx)?;
    if file.is_none() && dir.is_none() {
        return Ok(0);
    }
    let mut certs = Vec::new();
    if let Some(f) = file {
        use crate::crypto::{bio::reason::NO_SUCH_FILE, x509::X509_R_NO_CERTIFICATE_OR_CRL_FOUND};
        let loaded = crate::crypto::pem::read_certs_file(f).or_else(|e| {
            // a file of CRLs only loads (into the store, below) as in OpenSSL
            let crls_only = !e.system
                && e.reason == crate::crypto::pem::PEM_R_NO_START_LINE
                && std::fs::read(f).is_ok_and(|b| !crate::crypto::pem::read_crls(&b).is_empty());
            if crls_only {
                Ok(Vec::new())
            } else {
                Err(e)
            }
        });
        let loaded = loaded.map_err(|e| {
            if e.system {
                crate::crypto::err::push(e);
                crate::crypto::err::push(Error::new(lib::BIO, NO_SUCH_FILE, "BIO_new_file"));
                Error::new(lib::X509, common::SYS_LIB, "X509_load_cert_crl_file_ex")
            } else if e.lib != lib::PEM || e.reason != crate::crypto::pem::PEM_R_NO_START_LINE {
                // a damaged block (bad base64, bad DER): its reason, then X509's "PEM lib"
                crate::crypto::err::push(e);
                Error::new(lib::X509, common::PEM_LIB, "X509_load_cert_crl_file_ex")
            } else {
                Error::new(
                    lib::X509,
                    X509_R_NO_CERTIFICATE_OR_CRL_FOUND,
                    "X509_load_cert_crl_file_ex",
                )
            }
        })?;
        certs.extend(loaded);
    }
    crate::ffi::compat::mirror_to_store(ctx, &certs);
    if let Some(d) = dir {
        let found = crate::crypto::x509::load_trust_dir(d).unwrap_or_default();
        crate::ffi::compat::defer_dir_certs(ctx, &found);
        certs.extend(found);
    }
    if let Some(f) = file {
        crate::ffi::compat::mirror_crls_to_store(ctx, f);
    }
    c.add_trust(certs);
    Ok(1)
}

/// `SSL_CTX_load_verify_locations(3)`: adds trust anchors from a PEM file and/or a directory.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_locations(
    ctx: *mut SSL_CTX,
    CAfile: *const c_char,
    CApath: *const c_char,
) -> c_int {
    call(0, || load_verify(ctx, path_arg(CAfile)?, path_arg(CApath)?))
}

/// `SSL_CTX_load_verify_file(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_file(ctx: *mut SSL_CTX, CAfile: *const c_char) -> c_int {
    call(0, || load_verify(ctx, path_arg(CAfile)?, None))
}

/// `SSL_CTX_load_verify_dir(3)`: every PEM certificate in the directory (e.g. /etc/ssl/certs).
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_dir(ctx: *mut SSL_CTX, CApath: *const c_char) -> c_int {
    call(0, || load_verify(ctx, None, path_arg(CApath)?))
}

/// `SSL_CTX_set_default_verify_paths(3)`: the default file and directory (`SSL_CERT_FILE`,
/// `SSL_CERT_DIR` override them). Missing locations are not an error, as in OpenSSL.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_paths(ctx: *mut SSL_CTX) -> c_int {
    one_or_zero(|| {
        let c = ctx_ref(ctx)?;
        let mut certs =
            crate::crypto::pem::read_certs_file(&crate::crypto::x509::default_cert_file())
                .unwrap_or_default();
        crate::ffi::compat::mirror_to_store(ctx, &certs);
        let found = crate::crypto::x509::load_trust_dir(&crate::crypto::x509::default_cert_dir())
            .unwrap_or_default();
        crate::ffi::compat::defer_dir_certs(ctx, &found);
        certs.extend(found);
        c.add_trust(certs);
        Ok(())
    })
}

/// Verify callback type of `SSL_CTX_set_verify`.
pub type SSL_verify_cb =
    Option<unsafe extern "C" fn(preverify_ok: c_int, x509_ctx: *mut X509_STORE_CTX) -> c_int>;

/// `SSL_CTX_set_verify(3)`: the verify mode and callback for connections made afterwards. The
/// callback sees OpenSSL's sequence of calls for the server's chain (`verify_cb.rs`).
///
/// Status: partial — the callback is called for the server's chain (client) and the client's
/// chain (server) with OpenSSL's sequence for the cases c-tests/test_verify_cb.c and
/// test_crl.c measure (the path is webpki's, rebuilt by names); policy checks are not made
#[no_mangle]
pub extern "C" fn SSL_CTX_set_verify(ctx: *mut SSL_CTX, mode: c_int, callback: SSL_verify_cb) {
    crate::ffi::compat::record_verify_cb_ctx(ctx, callback);
    void(|| {
        ctx_ref(ctx)?.update(|c| c.settings.verify_mode = mode);
        Ok(())
    })
}

/// `SSL_set_verify(3)`: as `SSL_CTX_set_verify`, for one connection.
///
/// Status: partial — as `SSL_CTX_set_verify`
#[no_mangle]
pub extern "C" fn SSL_set_verify(s: *mut SSL, mode: c_int, callback: SSL_verify_cb) {
    crate::ffi::compat::record_verify_cb_ssl(s, callback);
    with_conn(s, (), |c| {
        c.settings.verify_mode = mode;
        Ok(())
    })
}

/// `SSL_CTX_set_verify_depth(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_verify_depth(ctx: *mut SSL_CTX, depth: c_int) {
    void(|| {
        ctx_ref(ctx)?.settings_mut(|s| s.verify_depth = depth);
        Ok(())
    })
}

/// `SSL_CTX_get_verify_mode(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_mode(ctx: *const SSL_CTX) -> c_int {
    call(0, || Ok(ctx_ref(ctx)?.with(|c| c.settings.verify_mode)))
}

/// `SSL_get_verify_mode(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_verify_mode(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c.settings.verify_mode))
}

/// `SSL_CTX_set_quiet_shutdown(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_quiet_shutdown(ctx: *mut SSL_CTX, mode: c_int) {
    void(|| {
        ctx_ref(ctx)?.settings_mut(|s| s.quiet_shutdown = mode != 0);
        Ok(())
    })
}

/// `SSL_CTX_get_quiet_shutdown(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_quiet_shutdown(ctx: *const SSL_CTX) -> c_int {
    call(0, || {
        Ok(c_int::from(
            ctx_ref(ctx)?.with(|c| c.settings.quiet_shutdown),
        ))
    })
}

// ---------------------------------------------------------------------------------------------
// SSL lifecycle

/// `SSL_new(3)`: a connection with `ctx`'s current settings, or NULL.
#[no_mangle]
pub extern "C" fn SSL_new(ctx: *mut SSL_CTX) -> *mut SSL {
    null_on_error(|| {
        // SAFETY: NULL or a live context pointer; we take our own reference.
        let c = unsafe { clone_arc::<SSL_CTX>(ctx) }
            .ok_or(Error::ssl(ssl_r::NULL_SSL_CTX, "SSL_new"))?;
        let p = into_c::<SSL>(Arc::new(SslObj::new(Conn::new(c))));
        // SAFETY: `p` was just made by `into_c` and holds our reference.
        if let Some(o) = unsafe { borrow::<SSL>(p) } {
            o.ex.created(p.cast());
        }
        Ok(p)
    })
}

/// `SSL_free(3)`: drops one reference; the last frees both BIOs (`BIO_free_all`). NULL is a no-op.
#[no_mangle]
pub extern "C" fn SSL_free(ssl: *mut SSL) {
    guard((), || crate::ffi::session::free_ssl(ssl))
}

/// `SSL_up_ref(3)`.
#[no_mangle]
pub extern "C" fn SSL_up_ref(s: *mut SSL) -> c_int {
    // SAFETY: NULL or a live SSL pointer.
    guard(0, || unsafe { up_ref::<SSL>(s) })
}

/// `SSL_get_SSL_CTX(3)`: borrowed.
#[no_mangle]
pub extern "C" fn SSL_get_SSL_CTX(ssl: *const SSL) -> *mut SSL_CTX {
    with_conn(ssl, core::ptr::null_mut(), |c| {
        Ok(Arc::as_ptr(&c.ctx) as *mut SSL_CTX)
    })
}

// ---------------------------------------------------------------------------------------------
// BIOs and fds

fn bio_ptr(b: &Option<Arc<Bio>>) -> *mut BIO {
    b.as_ref()
        .map_or(core::ptr::null_mut(), |b| match b.foreign_ptr() {
            Some(p) => p as *mut BIO,
            None => Arc::as_ptr(b) as *mut BIO,
        })
}

/// Takes over the caller's reference to `b` (NULL gives `None`).
fn adopt(b: *mut BIO) -> Option<Arc<Bio>> {
    if crate::ffi::backend::forwarding() {
        // libcrypto's BIO: wrapped, every call goes back to libcrypto.
        return Bio::foreign(b.cast());
    }
    // SAFETY: NULL or a BIO pointer whose reference the caller hands to us.
    unsafe { take_arc::<BIO>(b) }
}

/// `SSL_set0_rbio(3)`: takes over one reference to `rbio`; frees the old rbio.
#[no_mangle]
pub extern "C" fn SSL_set0_rbio(s: *mut SSL, rbio: *mut BIO) {
    with_conn(s, (), |c| {
        c.rbio = adopt(rbio);
        Ok(())
    })
}

/// `SSL_set0_wbio(3)`: takes over one reference to `wbio`; frees the old wbio.
#[no_mangle]
pub extern "C" fn SSL_set0_wbio(s: *mut SSL, wbio: *mut BIO) {
    with_conn(s, (), |c| {
        c.wbio = adopt(wbio);
        Ok(())
    })
}

/// `SSL_set_bio(3)`: OpenSSL's ownership rules — one reference each, or one for both slots
/// when `rbio == wbio`; a slot already holding the same BIO keeps its reference.
#[no_mangle]
pub extern "C" fn SSL_set_bio(s: *mut SSL, rbio: *mut BIO, wbio: *mut BIO) {
    with_conn(s, (), |c| {
        let (cur_r, cur_w) = (bio_ptr(&c.rbio), bio_ptr(&c.wbio));
        if rbio == cur_r && wbio == cur_w {
            return Ok(());
        }
        if !rbio.is_null() && rbio == wbio {
            // SAFETY: live BIO pointer; the caller supplied one reference for two slots.
            crate::ffi::bio::BIO_up_ref(rbio);
        }
        if rbio == cur_r {
            c.wbio = adopt(wbio);
        } else if wbio == cur_w && cur_r != cur_w {
            c.rbio = adopt(rbio);
        } else {
            c.rbio = adopt(rbio);
            c.wbio = adopt(wbio);
        }
        Ok(())
    })
}

/// `SSL_get_rbio(3)`: borrowed.
#[no_mangle]
pub extern "C" fn SSL_get_rbio(s: *const SSL) -> *mut BIO {
    with_conn(s, core::ptr::null_mut(), |c| Ok(bio_ptr(&c.rbio)))
}

/// `SSL_get_wbio(3)`: borrowed.
#[no_mangle]
pub extern "C" fn SSL_get_wbio(s: *const SSL) -> *mut BIO {
    with_conn(s, core::ptr::null_mut(), |c| Ok(bio_ptr(&c.wbio)))
}

/// `SSL_set_fd(3)`: one socket BIO (BIO_NOCLOSE) as both rbio and wbio. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_set_fd(s: *mut SSL, fd: c_int) -> c_int {
    with_conn(s, 0, |c| {
        let b = socket_bio(fd);
        c.rbio = Some(b.clone());
        c.wbio = Some(b);
        Ok(1)
    })
}

/// A socket BIO on `fd` (BIO_NOCLOSE) of the active backend.
fn socket_bio(fd: c_int) -> Arc<Bio> {
    if crate::ffi::backend::forwarding() {
        let p = crate::ffi::bio::BIO_new_socket(fd, 0);
        if let Some(b) = Bio::foreign(p.cast()) {
            return b;
        }
    }
    Bio::new_socket(fd, false)
}

fn socket_on(b: &Option<Arc<Bio>>, fd: c_int) -> Option<Arc<Bio>> {
    const BIO_TYPE_SOCKET: i32 = 0x0505;
    b.as_ref()
        .filter(|b| b.method_type() == BIO_TYPE_SOCKET && b.fd() == Some(fd))
        .cloned()
}

/// `SSL_set_rfd(3)`: reuses the wbio when it is a socket BIO on the same fd.
#[no_mangle]
pub extern "C" fn SSL_set_rfd(s: *mut SSL, fd: c_int) -> c_int {
    with_conn(s, 0, |c| {
        c.rbio = Some(socket_on(&c.wbio, fd).unwrap_or_else(|| socket_bio(fd)));
        Ok(1)
    })
}

/// `SSL_set_wfd(3)`: reuses the rbio when it is a socket BIO on the same fd.
#[no_mangle]
pub extern "C" fn SSL_set_wfd(s: *mut SSL, fd: c_int) -> c_int {
    with_conn(s, 0, |c| {
        c.wbio = Some(socket_on(&c.rbio, fd).unwrap_or_else(|| socket_bio(fd)));
        Ok(1)
    })
}

fn fd_of(b: &Option<Arc<Bio>>) -> Result<c_int> {
    match b {
        None => Err(Error::null_param(lib::BIO, "BIO_ctrl")),
        Some(b) => Ok(b.fd().unwrap_or(-1)),
    }
}

/// `SSL_get_rfd(3)`: the rbio's fd, or -1 (with no rbio, a BIO NULL-parameter error is queued,
/// as OpenSSL does).
#[no_mangle]
pub extern "C" fn SSL_get_rfd(s: *const SSL) -> c_int {
    with_conn(s, -1, |c| fd_of(&c.rbio))
}

/// `SSL_get_fd(3)`: same as `SSL_get_rfd`.
#[no_mangle]
pub extern "C" fn SSL_get_fd(s: *const SSL) -> c_int {
    SSL_get_rfd(s)
}

/// `SSL_get_wfd(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_wfd(s: *const SSL) -> c_int {
    with_conn(s, -1, |c| fd_of(&c.wbio))
}

// ---------------------------------------------------------------------------------------------
// Roles and the handshake

/// `SSL_set_connect_state(3)`: client role; restarts the state machine.
#[no_mangle]
pub extern "C" fn SSL_set_connect_state(s: *mut SSL) {
    with_conn(s, (), |c| {
        c.set_role(Role::Client);
        Ok(())
    })
}

/// `SSL_set_accept_state(3)`: server role; restarts the state machine.
#[no_mangle]
pub extern "C" fn SSL_set_accept_state(s: *mut SSL) {
    with_conn(s, (), |c| {
        c.set_role(Role::Server);
        Ok(())
    })
}

/// `SSL_is_server(3)`: 1 for the server role (and, before a role is set, for `TLS_method` and
/// `TLS_server_method` contexts).
#[no_mangle]
pub extern "C" fn SSL_is_server(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.is_server())))
}

/// The handshake of a role the context's method cannot play (`SSL_accept` on a
/// `TLS_client_method` object, ...): 0 with OpenSSL's `ssl_undefined_function` entry.
fn undefined_function() -> Error {
    Error::new(
        lib::SSL,
        crate::error::common::SHOULD_NOT_HAVE_BEEN_CALLED,
        "ssl_undefined_function",
    )
}

fn hs_ret(r: core::result::Result<(), Stop>) -> c_int {
    match r {
        Ok(()) => 1,
        Err(_) => -1,
    }
}

/// `SSL_do_handshake(3)`: 1 when done, -1 otherwise (`SSL_get_error` tells why); 0 when the
/// context's method cannot play the role (OpenSSL's `ssl_undefined_function`).
#[no_mangle]
pub extern "C" fn SSL_do_handshake(s: *mut SSL) -> c_int {
    with_conn_io(s, -1, |c| {
        if c.method_refuses_role() {
            crate::crypto::err::push(undefined_function());
            return Ok(0);
        }
        set_errno_zero();
        Ok(hs_ret(c.do_handshake()))
    })
}

/// `SSL_connect`/`SSL_accept`: the role given here only if none was set before (a role set
/// earlier is kept, as OpenSSL does), then `SSL_do_handshake`.
fn handshake_as(s: *mut SSL, default_role: Role) -> c_int {
    with_conn_io(s, -1, |c| {
        if c.role().is_none() {
            c.set_role(default_role);
        }
        if c.method_refuses_role() {
            crate::crypto::err::push(undefined_function());
            return Ok(0);
        }
        set_errno_zero();
        Ok(hs_ret(c.do_handshake()))
    })
}

/// `SSL_connect(3)`: sets the client role if none was set, then `SSL_do_handshake`.
#[no_mangle]
pub extern "C" fn SSL_connect(s: *mut SSL) -> c_int {
    handshake_as(s, Role::Client)
}

/// `SSL_accept(3)`: sets the server role if none was set, then `SSL_do_handshake`.
#[no_mangle]
pub extern "C" fn SSL_accept(s: *mut SSL) -> c_int {
    handshake_as(s, Role::Server)
}

/// `SSL_in_init(3)`.
#[no_mangle]
pub extern "C" fn SSL_in_init(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.in_init())))
}

/// `SSL_in_before(3)`.
#[no_mangle]
pub extern "C" fn SSL_in_before(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.in_before())))
}

/// `SSL_is_init_finished(3)`.
#[no_mangle]
pub extern "C" fn SSL_is_init_finished(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.is_init_finished())))
}

/// `OSSL_HANDSHAKE_STATE` is an enum in C; it is passed as int.
pub type OSSL_HANDSHAKE_STATE = c_int;

/// `SSL_get_state(3)`: the handshake state (`TLS_ST_*`).
#[no_mangle]
pub extern "C" fn SSL_get_state(ssl: *const SSL) -> OSSL_HANDSHAKE_STATE {
    if let Some((state, _)) = callbacks::obj(ssl).ok().and_then(SslObj::cb_state) {
        return state;
    }
    with_conn(ssl, 0, |c| Ok(c.state()))
}

fn state_strings(state: i32) -> (&'static str, &'static str) {
    match state {
        0 => ("PINIT\0", "before SSL initialization\0"),
        1 => ("SSLOK\0", "SSL negotiation finished successfully\0"),
        3 => ("TRSH\0", "SSLv3/TLS read server hello\0"),
        4 => ("TRSC\0", "SSLv3/TLS read server certificate\0"),
        6 => ("TRSKE\0", "SSLv3/TLS read server key exchange\0"),
        7 => ("TRCR\0", "SSLv3/TLS read server certificate request\0"),
        8 => ("TRSD\0", "SSLv3/TLS read server done\0"),
        9 => ("TRST\0", "SSLv3/TLS read server session ticket\0"),
        10 | 31 => ("TRCCS\0", "SSLv3/TLS read change cipher spec\0"),
        11 | 32 => ("TRFIN\0", "SSLv3/TLS read finished\0"),
        12 => ("TWCH\0", "SSLv3/TLS write client hello\0"),
        13 => ("TWCC\0", "SSLv3/TLS write client certificate\0"),
        14 => ("TWCKE\0", "SSLv3/TLS write client key exchange\0"),
        15 => ("TWCV\0", "SSLv3/TLS write certificate verify\0"),
        16 | 35 => ("TWCCS\0", "SSLv3/TLS write change cipher spec\0"),
        18 | 36 => ("TWFIN\0", "SSLv3/TLS write finished\0"),
        19 => ("TWHR\0", "SSLv3/TLS write hello request\0"),
        20 => ("TRCH\0", "SSLv3/TLS read client hello\0"),
        22 => ("TWSH\0", "SSLv3/TLS write server hello\0"),
        23 => ("TWSC\0", "SSLv3/TLS write certificate\0"),
        24 => ("TWSKE\0", "SSLv3/TLS write key exchange\0"),
        25 => ("TWCR\0", "SSLv3/TLS write certificate request\0"),
        26 => ("TWSD\0", "SSLv3/TLS write server done\0"),
        27 => ("TRCC\0", "SSLv3/TLS read client certificate\0"),
        28 => ("TRCKE\0", "SSLv3/TLS read client key exchange\0"),
        29 => ("TRCV\0", "SSLv3/TLS read certificate verify\0"),
        33 => ("TWST\0", "SSLv3/TLS write session ticket\0"),
        37 => ("TWEE\0", "TLSv1.3 write encrypted extensions\0"),
        38 => ("TREE\0", "TLSv1.3 read encrypted extensions\0"),
        39 => ("TRSCV\0", "TLSv1.3 read server certificate verify\0"),
        40 => ("TWSCV\0", "TLSv1.3 write server certificate verify\0"),
        41 => ("TRHR\0", "SSLv3/TLS read hello request\0"),
        42 => ("TWSKU\0", "TLSv1.3 write server key update\0"),
        43 => ("TWCKU\0", "TLSv1.3 write client key update\0"),
        44 => ("TRCKU\0", "TLSv1.3 read client key update\0"),
        45 => ("TRSKU\0", "TLSv1.3 read server key update\0"),
        46 => ("TED\0", "TLSv1.3 early data\0"),
        47 => ("TPEDE\0", "TLSv1.3 pending early data end\0"),
        _ => ("UNKWN\0", "unknown state\0"),
    }
}

fn state_of(s: *const SSL, long: bool) -> *const c_char {
    let pick = |(a, b): (&'static str, &'static str)| static_cstr(if long { b } else { a });
    if let Some((state, error)) = callbacks::obj(s).ok().and_then(SslObj::cb_state) {
        return if error {
            pick(("SSLERR\0", "error\0"))
        } else {
            pick(state_strings(state))
        };
    }
    with_conn(s, pick(("UNKWN\0", "unknown state\0")), |c| {
        Ok(if c.in_error() {
            pick(("SSLERR\0", "error\0"))
        } else {
            pick(state_strings(c.state()))
        })
    })
}

/// `SSL_state_string(3)`: a static 5-letter code (`"SSLERR"` after a fatal error).
#[no_mangle]
pub extern "C" fn SSL_state_string(s: *const SSL) -> *const c_char {
    state_of(s, false)
}

/// `SSL_state_string_long(3)`: a static description (`"error"` after a fatal error).
#[no_mangle]
pub extern "C" fn SSL_state_string_long(s: *const SSL) -> *const c_char {
    state_of(s, true)
}

/// `SSL_get_error(3)`: OpenSSL's decision order — the oldest queued error first, then the
/// retry direction, then close_notify, else SYSCALL.
#[no_mangle]
pub extern "C" fn SSL_get_error(s: *const SSL, ret_code: c_int) -> c_int {
    with_conn(s, SSL_ERROR_SSL, |c| Ok(c.get_error(ret_code)))
}

/// `SSL_want(3)`: `SSL_NOTHING`, `SSL_READING`, `SSL_WRITING`, ...
#[no_mangle]
pub extern "C" fn SSL_want(s: *const SSL) -> c_int {
    with_conn(s, SSL_NOTHING, |c| Ok(c.want()))
}

// ---------------------------------------------------------------------------------------------
// Reading and writing

fn read_impl(s: *mut SSL, buf: *mut c_void, num: c_int, peek: bool) -> c_int {
    with_conn_io(s, -1, |c| {
        let func = if peek { "SSL_peek" } else { "SSL_read" };
        let n = len_of(num, Error::ssl(ssl_r::BAD_LENGTH, func))?;
        // SAFETY: `buf` has `num` writable bytes per the API.
        let b = unsafe { out_buf(buf, n) }?;
        set_errno_zero();
        Ok(match c.read(b, peek) {
            Ok(n) => n as c_int,
            Err(Stop::Closed) => 0,
            Err(_) => -1,
        })
    })
}

/// `SSL_read(3)`: >0 bytes (at most one record); 0 on close_notify, EOF or a received fatal
/// alert; -1 otherwise. `SSL_get_error` tells which.
#[no_mangle]
pub extern "C" fn SSL_read(ssl: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    read_impl(ssl, buf, num, false)
}

/// `SSL_peek(3)`: as `SSL_read`, without consuming.
#[no_mangle]
pub extern "C" fn SSL_peek(ssl: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    read_impl(ssl, buf, num, true)
}

fn read_ex_impl(
    s: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
    peek: bool,
) -> c_int {
    let num = num.min(c_int::MAX as usize) as c_int;
    let r = read_impl(s, buf, num, peek);
    if r > 0 {
        // SAFETY: NULL or a valid out-parameter.
        unsafe { write_out(readbytes, r as usize) };
        1
    } else {
        0
    }
}

/// `SSL_read_ex(3)`: 1 and `*readbytes` on success, 0 otherwise (`*readbytes` untouched).
#[no_mangle]
pub extern "C" fn SSL_read_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    read_ex_impl(ssl, buf, num, readbytes, false)
}

/// `SSL_peek_ex(3)`.
#[no_mangle]
pub extern "C" fn SSL_peek_ex(
    ssl: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    read_ex_impl(ssl, buf, num, readbytes, true)
}

fn write_impl(s: *mut SSL, buf: *const c_void, num: usize) -> core::result::Result<usize, c_int> {
    with_conn_io(s, Err(-1), |c| {
        // SAFETY: `buf` has `num` readable bytes per the API.
        let b = unsafe { in_buf(buf, num) }?;
        set_errno_zero();
        Ok(match c.write(b, buf as usize) {
            Ok(n) => Ok(n),
            Err(_) => Err(-1),
        })
    })
}

/// `SSL_write(3)`: `num` when all bytes were accepted (one record's worth with
/// `SSL_MODE_ENABLE_PARTIAL_WRITE`); <=0 otherwise. `num == 0` returns 0.
#[no_mangle]
pub extern "C" fn SSL_write(ssl: *mut SSL, buf: *const c_void, num: c_int) -> c_int {
    if num < 0 {
        return with_conn(ssl, -1, |_| Err(Error::ssl(ssl_r::BAD_LENGTH, "SSL_write")));
    }
    match write_impl(ssl, buf, num as usize) {
        Ok(n) => n as c_int,
        Err(r) => r,
    }
}

/// `SSL_write_ex(3)`: 1 with `*written` on success (including `num == 0`), 0 otherwise.
#[no_mangle]
pub extern "C" fn SSL_write_ex(
    s: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    match write_impl(s, buf, num) {
        Ok(n) => {
            // SAFETY: NULL or a valid out-parameter.
            unsafe { write_out(written, n) };
            1
        }
        Err(_) => 0,
    }
}

/// `SSL_pending(3)`: decrypted, unread bytes of the current record.
#[no_mangle]
pub extern "C" fn SSL_pending(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c.pending().min(c_int::MAX as usize) as c_int))
}

/// `SSL_has_pending(3)`: 1 if decrypted or undecrypted bytes are held.
#[no_mangle]
pub extern "C" fn SSL_has_pending(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.has_pending())))
}

// ---------------------------------------------------------------------------------------------
// Shutdown

/// `SSL_shutdown(3)`: 0 once our close_notify is sent, 1 when both sides have closed, <0 on
/// retry or error.
#[no_mangle]
pub extern "C" fn SSL_shutdown(s: *mut SSL) -> c_int {
    with_conn_io(s, -1, |c| {
        set_errno_zero();
        Ok(c.shutdown().unwrap_or(-1))
    })
}

/// `SSL_get_shutdown(3)`: `SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN` bits.
#[no_mangle]
pub extern "C" fn SSL_get_shutdown(ssl: *const SSL) -> c_int {
    with_conn(ssl, 0, |c| Ok(c.shutdown_flags()))
}

/// `SSL_set_shutdown(3)`: overwrites the flags; no I/O.
#[no_mangle]
pub extern "C" fn SSL_set_shutdown(ssl: *mut SSL, mode: c_int) {
    with_conn(ssl, (), |c| {
        c.set_shutdown_flags(mode);
        Ok(())
    })
}

/// `SSL_set_quiet_shutdown(3)`.
#[no_mangle]
pub extern "C" fn SSL_set_quiet_shutdown(ssl: *mut SSL, mode: c_int) {
    with_conn(ssl, (), |c| {
        c.settings.quiet_shutdown = mode != 0;
        Ok(())
    })
}

/// `SSL_get_quiet_shutdown(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_quiet_shutdown(ssl: *const SSL) -> c_int {
    with_conn(ssl, 0, |c| Ok(c_int::from(c.settings.quiet_shutdown)))
}

// ---------------------------------------------------------------------------------------------
// Versions, ciphers, peer

fn version_name(v: i32) -> &'static str {
    match v {
        0x0304 => "TLSv1.3\0",
        0x0303 => "TLSv1.2\0",
        0x0302 => "TLSv1.1\0",
        0x0301 => "TLSv1\0",
        0x0300 => "SSLv3\0",
        0xFEFD => "DTLSv1.2\0",
        0xFEFF => "DTLSv1\0",
        0x0100 => "DTLSv0.9\0",
        _ => "unknown\0",
    }
}

/// `SSL_get_version(3)`: `"TLSv1.3"`, `"TLSv1.2"`, ... (static).
#[no_mangle]
pub extern "C" fn SSL_get_version(s: *const SSL) -> *const c_char {
    with_conn(s, core::ptr::null(), |c| {
        Ok(static_cstr(version_name(c.version())))
    })
}

/// `SSL_version(3)`: `TLS1_3_VERSION`, `TLS1_2_VERSION`, ...
#[no_mangle]
pub extern "C" fn SSL_version(ssl: *const SSL) -> c_int {
    with_conn(ssl, 0, |c| Ok(c.version()))
}

/// `SSL_get_current_cipher(3)`: static, NULL before the handshake.
#[no_mangle]
pub extern "C" fn SSL_get_current_cipher(s: *const SSL) -> *const SSL_CIPHER {
    with_conn(s, core::ptr::null(), |c| {
        Ok(c.cipher_iana()
            .and_then(ciphers::by_iana)
            .map_or(core::ptr::null(), |i| {
                i as *const CipherInfo as *const SSL_CIPHER
            }))
    })
}

fn cipher<'a>(c: *const SSL_CIPHER) -> Option<&'a CipherInfo> {
    // SAFETY: non-NULL SSL_CIPHER pointers only come from `SSL_get_current_cipher`, which
    // points into the static table.
    unsafe { (c as *const CipherInfo).as_ref() }
}

/// `SSL_CIPHER_get_name(3)`: OpenSSL name; `"(NONE)"` for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_name(c: *const SSL_CIPHER) -> *const c_char {
    cipher(c).map_or(static_cstr("(NONE)\0"), |i| i.name.as_ptr())
}

/// `SSL_CIPHER_standard_name(3)`: IANA name; `"(NONE)"` for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_standard_name(c: *const SSL_CIPHER) -> *const c_char {
    cipher(c).map_or(static_cstr("(NONE)\0"), |i| i.standard_name.as_ptr())
}

/// `SSL_CIPHER_get_bits(3)`: secret bits; also stored in `*alg_bits` if not NULL. 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_bits(c: *const SSL_CIPHER, alg_bits: *mut c_int) -> c_int {
    match cipher(c) {
        Some(i) => {
            // SAFETY: NULL or a valid out-parameter.
            unsafe { write_out(alg_bits, i.bits) };
            i.bits
        }
        None => 0,
    }
}

/// `SSL_CIPHER_get_version(3)`: the minimum protocol of the suite; `"(NONE)"` for NULL.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_version(c: *const SSL_CIPHER) -> *const c_char {
    cipher(c).map_or(static_cstr("(NONE)\0"), |i| i.version.as_ptr())
}

/// `SSL_CIPHER_get_id(3)`: `0x03000000 | IANA`.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32 {
    cipher(c).map_or(0, |i| 0x0300_0000 | u32::from(i.iana))
}

/// `SSL_CIPHER_get_protocol_id(3)`: the IANA value.
#[no_mangle]
pub extern "C" fn SSL_CIPHER_get_protocol_id(c: *const SSL_CIPHER) -> u16 {
    cipher(c).map_or(0, |i| i.iana)
}

/// `SSL_get_verify_result(3)`: the `X509_V_*` result of the last verification (0 before).
#[no_mangle]
pub extern "C" fn SSL_get_verify_result(ssl: *const SSL) -> c_long {
    with_conn(ssl, 0, |c| Ok(c.verify_result() as c_long))
}

/// `SSL_set1_host(3)`: the DNS name (or, if it parses as one, the IP address) that
/// verification checks. NULL or `""` clears it. Does not set SNI. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_set1_host(s: *mut SSL, hostname: *const c_char) -> c_int {
    let r = with_conn(s, 0, |c| {
        // SAFETY: NULL or a NUL-terminated string per the API.
        c.host = match unsafe { c_str(hostname) } {
            None => None,
            Some(h) => HostCheck::parse(
                h.to_str()
                    .map_err(|_| Error::ssl(common::PASSED_INVALID_ARGUMENT, "SSL_set1_host"))?,
            ),
        };
        Ok(1)
    });
    if r == 1 {
        crate::ffi::compat::replace_param_hosts(s, hostname);
    }
    r
}

/// `SSL_get1_peer_certificate(3)`: a new reference to the peer's certificate (the object
/// `SSL_get0_peer_certificate` returns), or NULL.
/// `SSL_get_peer_certificate` is a macro for this.
#[no_mangle]
pub extern "C" fn SSL_get1_peer_certificate(s: *const SSL) -> *mut X509 {
    call(core::ptr::null_mut(), || {
        let x = crate::ffi::certs::peer_certificate(s)?;
        // libcrypto's X509_up_ref does not accept NULL (pass-through mode).
        if !x.is_null() {
            crate::ffi::x509::X509_up_ref(x);
        }
        Ok(x)
    })
}

/// `SSL_set_read_ahead(3)`: recorded; sslrs never reads past the current record.
#[no_mangle]
pub extern "C" fn SSL_set_read_ahead(s: *mut SSL, yes: c_int) {
    with_conn(s, (), |c| {
        c.settings.read_ahead = yes != 0;
        Ok(())
    })
}

/// `SSL_get_read_ahead(3)`: what was set (0 by default).
#[no_mangle]
pub extern "C" fn SSL_get_read_ahead(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| Ok(c_int::from(c.settings.read_ahead)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::bio::{BIO_ctrl_pending, BIO_free, BIO_new_bio_pair, BIO_read, BIO_write};
    use std::ffi::CString;
    use std::ptr::{null, null_mut};

    fn cert(name: &str) -> CString {
        CString::new(format!(
            "{}/c-tests/certs/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn server_ctx(cert_file: &str, key_file: &str) -> *mut SSL_CTX {
        let ctx = SSL_CTX_new(TLS_server_method());
        assert!(!ctx.is_null());
        assert_eq!(
            SSL_CTX_use_certificate_chain_file(ctx, cert(cert_file).as_ptr()),
            1
        );
        assert_eq!(
            SSL_CTX_use_PrivateKey_file(ctx, cert(key_file).as_ptr(), SSL_FILETYPE_PEM),
            1
        );
        assert_eq!(SSL_CTX_check_private_key(ctx), 1);
        ctx
    }

    /// Moves bytes between the two network halves; returns how many moved.
    fn pump(a: *mut BIO, b: *mut BIO) -> usize {
        let mut moved = 0;
        let mut buf = vec![0u8; 20000];
        for (from, to) in [(a, b), (b, a)] {
            loop {
                let pending = BIO_ctrl_pending(from);
                if pending == 0 {
                    break;
                }
                let n = BIO_read(
                    from,
                    buf.as_mut_ptr().cast(),
                    buf.len().min(pending) as c_int,
                );
                if n <= 0 {
                    break;
                }
                assert_eq!(BIO_write(to, buf.as_ptr().cast(), n), n);
                moved += n as usize;
            }
        }
        moved
    }

    struct Pair {
        client: *mut SSL,
        server: *mut SSL,
        cnet: *mut BIO,
        snet: *mut BIO,
    }

    impl Pair {
        fn new(cctx: *mut SSL_CTX, sctx: *mut SSL_CTX) -> Pair {
            let (client, server) = (SSL_new(cctx), SSL_new(sctx));
            let (mut cin, mut cnet, mut sin, mut snet) =
                (null_mut(), null_mut(), null_mut(), null_mut());
            assert_eq!(BIO_new_bio_pair(&mut cin, 0, &mut cnet, 0), 1);
            assert_eq!(BIO_new_bio_pair(&mut sin, 0, &mut snet, 0), 1);
            SSL_set_bio(client, cin, cin);
            SSL_set_bio(server, sin, sin);
            SSL_set_connect_state(client);
            SSL_set_accept_state(server);
            Pair {
                client,
                server,
                cnet,
                snet,
            }
        }
        fn handshake(&self) -> (c_int, c_int) {
            let (mut rc, mut rs) = (-1, -1);
            for _ in 0..50 {
                if rc != 1 {
                    rc = SSL_do_handshake(self.client);
                }
                if rs != 1 {
                    rs = SSL_do_handshake(self.server);
                }
                let moved = pump(self.cnet, self.snet);
                if (rc == 1 && rs == 1) || moved == 0 {
                    break;
                }
            }
            (rc, rs)
        }
    }

    impl Drop for Pair {
        fn drop(&mut self) {
            SSL_free(self.client);
            SSL_free(self.server);
            BIO_free(self.cnet);
            BIO_free(self.snet);
        }
    }

    #[test]
    fn handshake_transfer_shutdown_over_bio_pair() {
        crate::crypto::err::clear();
        let sctx = server_ctx("server-ec-chain.pem", "server-ec.key");
        let cctx = SSL_CTX_new(TLS_client_method());
        assert_eq!(
            SSL_CTX_load_verify_file(cctx, cert("ca-ec.pem").as_ptr()),
            1
        );
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, None);
        let p = Pair::new(cctx, sctx);
        assert_eq!(SSL_in_before(p.client), 1);
        assert_eq!(SSL_do_handshake(p.client), -1);
        assert_eq!(SSL_get_error(p.client, -1), SSL_ERROR_WANT_READ);
        assert_eq!(SSL_get_state(p.client), 12);
        assert!(BIO_ctrl_pending(p.cnet) > 0);
        assert_eq!(
            p.handshake(),
            (1, 1),
            "queue: {:x}",
            crate::crypto::err::peek_first()
        );
        assert_eq!(SSL_get_verify_result(p.client), 0);
        assert_eq!(SSL_is_init_finished(p.client), 1);
        assert_eq!(SSL_version(p.client), TLS1_3_VERSION);
        let c = SSL_get_current_cipher(p.client);
        // SAFETY: static strings.
        let name = unsafe { core::ffi::CStr::from_ptr(SSL_CIPHER_get_name(c)) };
        assert_eq!(name.to_str().unwrap(), "TLS_AES_256_GCM_SHA384");

        let msg = b"hello";
        assert_eq!(SSL_write(p.client, msg.as_ptr().cast(), 5), 5);
        pump(p.cnet, p.snet);
        let mut buf = [0u8; 64];
        assert_eq!(SSL_peek(p.server, buf.as_mut_ptr().cast(), 2), 2);
        assert_eq!(SSL_pending(p.server), 5);
        assert_eq!(SSL_read(p.server, buf.as_mut_ptr().cast(), 64), 5);
        assert_eq!(&buf[..5], msg);

        // The 0-then-1 shutdown sequence.
        assert_eq!(SSL_shutdown(p.client), 0);
        assert_eq!(SSL_shutdown(p.client), -1);
        assert_eq!(SSL_get_error(p.client, -1), SSL_ERROR_WANT_READ);
        pump(p.cnet, p.snet);
        assert_eq!(SSL_read(p.server, buf.as_mut_ptr().cast(), 64), 0);
        assert_eq!(SSL_get_error(p.server, 0), SSL_ERROR_ZERO_RETURN);
        assert_eq!(SSL_shutdown(p.server), 1);
        pump(p.cnet, p.snet);
        assert_eq!(SSL_shutdown(p.client), 1);
        drop(p);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }

    #[test]
    fn verify_failure_is_certificate_verify_failed() {
        crate::crypto::err::clear();
        let sctx = server_ctx("server-ec.pem", "server-ec.key");
        let cctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, None);
        let p = Pair::new(cctx, sctx);
        assert_eq!(SSL_do_handshake(p.client), -1);
        pump(p.cnet, p.snet);
        assert_eq!(SSL_do_handshake(p.server), -1);
        pump(p.cnet, p.snet);
        let rc = SSL_do_handshake(p.client);
        assert_eq!(rc, -1);
        assert_eq!(SSL_get_error(p.client, rc), SSL_ERROR_SSL);
        assert_eq!(SSL_get_verify_result(p.client), 20);
        assert_eq!(
            crate::crypto::err::pop_first().map(|e| e.code),
            Some(0x0A000086)
        );
        assert_eq!(crate::crypto::err::peek_first(), 0);
        // The server receives the unknown_ca alert.
        pump(p.cnet, p.snet);
        assert_eq!(SSL_do_handshake(p.server), -1);
        assert_eq!(
            crate::crypto::err::pop_first().map(|e| e.code),
            Some(0x0A000418)
        );
        assert_eq!(SSL_get_shutdown(p.server), 2);
        drop(p);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }

    #[test]
    fn no_role_and_null_handling() {
        crate::crypto::err::clear();
        let ctx = SSL_CTX_new(TLS_method());
        let s = SSL_new(ctx);
        assert_eq!(SSL_is_server(s), 1);
        assert_eq!(SSL_do_handshake(s), -1);
        assert_eq!(crate::crypto::err::peek_first(), 0x0A000090);
        crate::crypto::err::clear();
        let mut b = [0u8; 4];
        assert_eq!(SSL_read(s, b.as_mut_ptr().cast(), 4), -1);
        assert_eq!(
            crate::crypto::err::pop_first().map(|e| e.code),
            Some(0x0A000114)
        );
        assert_eq!(SSL_get_fd(s), -1);
        assert_eq!(
            crate::crypto::err::pop_first().map(|e| e.code),
            Some(0x100C0102)
        );
        SSL_free(s);
        SSL_CTX_free(ctx);

        // NULL for every pointer argument of every export: the failure value, never a crash.
        let e = || crate::crypto::err::pop_first().map(|e| e.code);
        crate::crypto::err::clear();
        assert!(SSL_CTX_new(null()).is_null());
        assert_eq!(e(), Some(0x0A0000C4)); // SSL_R_NULL_SSL_METHOD_PASSED
        SSL_CTX_free(null_mut());
        SSL_free(null_mut());
        assert_eq!(
            crate::crypto::err::peek_first(),
            0,
            "free(NULL) queues nothing"
        );
        assert_eq!(SSL_CTX_up_ref(null_mut()), 0);
        assert_eq!(SSL_up_ref(null_mut()), 0);
        assert!(SSL_new(null_mut()).is_null());
        assert_eq!(e(), Some(0x0A0000C3)); // SSL_R_NULL_SSL_CTX
        assert_eq!(SSL_CTX_set_options(null_mut(), 1), 0);
        assert_eq!(SSL_CTX_clear_options(null_mut(), 1), 0);
        assert_eq!(SSL_CTX_get_options(null()), 0);
        assert_eq!(SSL_set_options(null_mut(), 1), 0);
        assert_eq!(SSL_clear_options(null_mut(), 1), 0);
        assert_eq!(SSL_get_options(null()), 0);
        assert_eq!(SSL_CTX_ctrl(null_mut(), SSL_CTRL_MODE, 1, null_mut()), 0);
        assert_eq!(SSL_ctrl(null_mut(), SSL_CTRL_MODE, 1, null_mut()), 0);
        assert_eq!(SSL_CTX_set_ciphersuites(null_mut(), null()), 0);
        assert_eq!(SSL_set_ciphersuites(null_mut(), null()), 0);
        assert_eq!(SSL_CTX_set_cipher_list(null_mut(), null()), 0);
        assert_eq!(SSL_set_cipher_list(null_mut(), null()), 0);
        assert_eq!(SSL_CTX_use_certificate_file(null_mut(), null(), 1), 0);
        assert_eq!(SSL_CTX_use_certificate_chain_file(null_mut(), null()), 0);
        assert_eq!(SSL_CTX_use_PrivateKey_file(null_mut(), null(), 1), 0);
        assert_eq!(SSL_CTX_check_private_key(null()), 0);
        assert_eq!(SSL_CTX_load_verify_locations(null_mut(), null(), null()), 0);
        assert_eq!(SSL_CTX_load_verify_file(null_mut(), null()), 0);
        assert_eq!(SSL_CTX_load_verify_dir(null_mut(), null()), 0);
        assert_eq!(SSL_CTX_set_default_verify_paths(null_mut()), 0);
        SSL_CTX_set_verify(null_mut(), SSL_VERIFY_PEER, None);
        SSL_set_verify(null_mut(), SSL_VERIFY_PEER, None);
        SSL_CTX_set_verify_depth(null_mut(), 3);
        assert_eq!(SSL_CTX_get_verify_mode(null()), 0);
        assert_eq!(SSL_get_verify_mode(null()), 0);
        SSL_CTX_set_quiet_shutdown(null_mut(), 1);
        assert_eq!(SSL_CTX_get_quiet_shutdown(null()), 0);
        assert!(SSL_get_SSL_CTX(null()).is_null());
        SSL_set0_rbio(null_mut(), null_mut());
        SSL_set0_wbio(null_mut(), null_mut());
        SSL_set_bio(null_mut(), null_mut(), null_mut());
        assert!(SSL_get_rbio(null()).is_null());
        assert!(SSL_get_wbio(null()).is_null());
        assert_eq!(SSL_set_fd(null_mut(), 0), 0);
        assert_eq!(SSL_set_rfd(null_mut(), 0), 0);
        assert_eq!(SSL_set_wfd(null_mut(), 0), 0);
        assert_eq!(SSL_get_rfd(null()), -1);
        assert_eq!(SSL_get_fd(null()), -1);
        assert_eq!(SSL_get_wfd(null()), -1);
        SSL_set_connect_state(null_mut());
        SSL_set_accept_state(null_mut());
        assert_eq!(SSL_is_server(null()), 0);
        assert_eq!(SSL_do_handshake(null_mut()), -1);
        assert_eq!(SSL_connect(null_mut()), -1);
        assert_eq!(SSL_accept(null_mut()), -1);
        assert_eq!(SSL_in_init(null()), 0);
        assert_eq!(SSL_in_before(null()), 0);
        assert_eq!(SSL_is_init_finished(null()), 0);
        assert_eq!(SSL_get_state(null()), 0);
        assert!(!SSL_state_string(null()).is_null());
        assert!(!SSL_state_string_long(null()).is_null());
        assert_eq!(SSL_get_error(null(), -1), SSL_ERROR_SSL);
        assert_eq!(SSL_want(null()), SSL_NOTHING);
        let mut n = 7usize;
        assert_eq!(SSL_read(null_mut(), null_mut(), 0), -1);
        assert_eq!(SSL_peek(null_mut(), null_mut(), 0), -1);
        assert_eq!(SSL_read_ex(null_mut(), null_mut(), 0, &mut n), 0);
        assert_eq!(SSL_peek_ex(null_mut(), null_mut(), 0, &mut n), 0);
        assert_eq!(n, 7, "out-parameters are written only on success");
        assert_eq!(SSL_write(null_mut(), null(), 0), -1);
        assert_eq!(SSL_write_ex(null_mut(), null(), 0, &mut n), 0);
        assert_eq!(SSL_pending(null()), 0);
        assert_eq!(SSL_has_pending(null()), 0);
        assert_eq!(SSL_shutdown(null_mut()), -1);
        assert_eq!(SSL_get_shutdown(null()), 0);
        SSL_set_shutdown(null_mut(), 3);
        SSL_set_quiet_shutdown(null_mut(), 1);
        assert_eq!(SSL_get_quiet_shutdown(null()), 0);
        assert!(SSL_get_version(null()).is_null());
        assert_eq!(SSL_version(null()), 0);
        assert!(SSL_get_current_cipher(null()).is_null());
        // SAFETY: static strings.
        let none = unsafe { core::ffi::CStr::from_ptr(SSL_CIPHER_get_name(null())) };
        assert_eq!(none.to_str().unwrap(), "(NONE)");
        assert!(!SSL_CIPHER_standard_name(null()).is_null());
        assert_eq!(SSL_CIPHER_get_bits(null(), null_mut()), 0);
        assert!(!SSL_CIPHER_get_version(null()).is_null());
        assert_eq!(SSL_CIPHER_get_id(null()), 0);
        assert_eq!(SSL_CIPHER_get_protocol_id(null()), 0);
        assert_eq!(SSL_get_verify_result(null()), 0);
        assert_eq!(SSL_set1_host(null_mut(), null()), 0);
        assert!(SSL_get1_peer_certificate(null()).is_null());
        SSL_set_read_ahead(null_mut(), 1);
        assert_eq!(SSL_get_read_ahead(null()), 0);
        // Every NULL SSL*/SSL_CTX* above queued "passed a null parameter" and nothing else.
        while let Some(code) = e() {
            assert_eq!(code, 0x0A0C0102, "unexpected error {code:08X}");
        }

        // Negative lengths and NULL buffers on a live connection.
        let ctx = SSL_CTX_new(TLS_client_method());
        let s = SSL_new(ctx);
        SSL_set_connect_state(s);
        let mut b = [0u8; 4];
        assert_eq!(SSL_read(s, b.as_mut_ptr().cast(), -1), -1);
        assert_eq!(e(), Some(0x0A00010F));
        assert_eq!(SSL_write(s, b.as_ptr().cast(), -5), -1);
        assert_eq!(e(), Some(0x0A00010F));
        assert_eq!(SSL_read(s, null_mut(), 4), -1);
        assert_eq!(SSL_get_error(s, -1), SSL_ERROR_SSL);
        crate::crypto::err::clear();
        assert_eq!(
            SSL_CTX_use_certificate_file(ctx, cert("server-ec.pem").as_ptr(), 9),
            0
        );
        assert_eq!(e(), Some(0x0A00007C)); // SSL_R_BAD_SSL_FILETYPE
        SSL_free(s);
        SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }

    /// Deterministic garbage (xorshift) for the bad-input tests.
    fn garbage(seed: &mut u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                *seed as u8
            })
            .collect()
    }

    /// Garbage from the peer, before and after the handshake, in many shapes: every call returns
    /// OpenSSL's failure values and queues an error or reports a retry — no panic, no crash.
    #[test]
    fn garbage_from_the_peer_never_panics() {
        let sctx = server_ctx("server-ec.pem", "server-ec.key");
        let cctx = SSL_CTX_new(TLS_client_method());
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut buf = [0u8; 256];
        for round in 0..300 {
            crate::crypto::err::clear();
            let p = Pair::new(cctx, sctx);
            let established = round % 2 == 1;
            if established {
                assert_eq!(p.handshake(), (1, 1));
            }
            // Shapes: pure noise, a valid-looking record header with a noisy body, and a
            // truncated header followed by EOF.
            let len = 1 + (round * 37) % 300;
            let mut bytes = garbage(&mut seed, len);
            match round % 3 {
                1 => {
                    bytes.splice(0..0, [23u8, 3, 3, (len >> 8) as u8, len as u8]);
                }
                2 => bytes.truncate(3),
                _ => {}
            }
            assert_eq!(
                BIO_write(p.cnet, bytes.as_ptr().cast(), bytes.len() as c_int),
                bytes.len() as c_int
            );
            if round % 3 == 2 {
                crate::ffi::bio::BIO_ctrl(p.cnet, 142, 0, null_mut()); // BIO_shutdown_wr
            }
            let r = if established {
                SSL_read(p.server, buf.as_mut_ptr().cast(), buf.len() as c_int)
            } else {
                SSL_do_handshake(p.server)
            };
            assert!(r <= 0, "garbage accepted in round {round}");
            let e = SSL_get_error(p.server, r);
            assert!(
                [
                    SSL_ERROR_SSL,
                    SSL_ERROR_WANT_READ,
                    SSL_ERROR_ZERO_RETURN,
                    SSL_ERROR_SYSCALL
                ]
                .contains(&e),
                "round {round}: SSL_get_error {e}"
            );
            // Every later call fails cleanly too.
            assert!(SSL_write(p.server, b"x".as_ptr().cast(), 1) <= 0 || e == SSL_ERROR_WANT_READ);
            let _ = SSL_shutdown(p.server);
            drop(p);
        }
        crate::crypto::err::clear();
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }

    /// The engine keeps its own copies of the numbers it acts on (the engine cannot depend on
    /// this layer, and cbindgen needs literals here): they must agree.
    #[test]
    fn engine_numbers_equal_exported_constants() {
        use crate::engine::conn::{self, ssl_error};
        use crate::engine::context::{mode, op, verify};
        assert_eq!(
            [
                ssl_error::NONE,
                ssl_error::SSL,
                ssl_error::WANT_READ,
                ssl_error::WANT_WRITE
            ],
            [
                SSL_ERROR_NONE,
                SSL_ERROR_SSL,
                SSL_ERROR_WANT_READ,
                SSL_ERROR_WANT_WRITE
            ]
        );
        assert_eq!(
            [
                ssl_error::SYSCALL,
                ssl_error::ZERO_RETURN,
                ssl_error::WANT_CONNECT,
                ssl_error::WANT_ACCEPT
            ],
            [
                SSL_ERROR_SYSCALL,
                SSL_ERROR_ZERO_RETURN,
                SSL_ERROR_WANT_CONNECT,
                SSL_ERROR_WANT_ACCEPT
            ]
        );
        assert_eq!(
            [conn::SSL_NOTHING, conn::SSL_WRITING, conn::SSL_READING],
            [SSL_NOTHING, SSL_WRITING, SSL_READING]
        );
        assert_eq!(
            [conn::SSL_SENT_SHUTDOWN, conn::SSL_RECEIVED_SHUTDOWN],
            [SSL_SENT_SHUTDOWN, SSL_RECEIVED_SHUTDOWN]
        );
        assert_eq!(
            [
                op::IGNORE_UNEXPECTED_EOF,
                op::NO_TICKET,
                op::CIPHER_SERVER_PREFERENCE,
                op::NO_TLSV1_2,
                op::NO_TLSV1_3
            ],
            [
                SSL_OP_IGNORE_UNEXPECTED_EOF,
                SSL_OP_NO_TICKET,
                SSL_OP_CIPHER_SERVER_PREFERENCE,
                SSL_OP_NO_TLSv1_2,
                SSL_OP_NO_TLSv1_3
            ]
        );
        assert_eq!(
            op::DEFAULT,
            SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT
        );
        assert_eq!(
            [
                mode::ENABLE_PARTIAL_WRITE,
                mode::ACCEPT_MOVING_WRITE_BUFFER,
                mode::AUTO_RETRY,
                mode::RELEASE_BUFFERS
            ],
            [
                SSL_MODE_ENABLE_PARTIAL_WRITE,
                SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER,
                SSL_MODE_AUTO_RETRY,
                SSL_MODE_RELEASE_BUFFERS
            ]
            .map(i64::from)
        );
        assert_eq!(
            [verify::NONE, verify::PEER, verify::FAIL_IF_NO_PEER_CERT],
            [
                SSL_VERIFY_NONE,
                SSL_VERIFY_PEER,
                SSL_VERIFY_FAIL_IF_NO_PEER_CERT
            ]
        );
        use crate::engine::verify::x509_v;
        use crate::ffi::x509 as fx;
        assert_eq!(
            [
                x509_v::OK,
                x509_v::CERT_NOT_YET_VALID,
                x509_v::CERT_HAS_EXPIRED,
                x509_v::DEPTH_ZERO_SELF_SIGNED_CERT
            ],
            [
                fx::X509_V_OK,
                fx::X509_V_ERR_CERT_NOT_YET_VALID,
                fx::X509_V_ERR_CERT_HAS_EXPIRED,
                fx::X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
            ]
            .map(i64::from)
        );
        assert_eq!(
            [
                x509_v::SELF_SIGNED_CERT_IN_CHAIN,
                x509_v::UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                x509_v::HOSTNAME_MISMATCH,
                x509_v::IP_ADDRESS_MISMATCH
            ],
            [
                fx::X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
                fx::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                fx::X509_V_ERR_HOSTNAME_MISMATCH,
                fx::X509_V_ERR_IP_ADDRESS_MISMATCH
            ]
            .map(i64::from)
        );
    }
}
