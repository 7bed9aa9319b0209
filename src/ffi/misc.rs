//! The rest of `openssl/ssl.h`: methods of an existing object, version and state queries,
//! cipher-list helpers, record padding and buffer settings, max fragment length, group names,
//! `SSL_trace`, `SSL_sendfile`, `SSL_test_functions`.

use crate::engine::ciphers::{self, CipherInfo};
use crate::engine::context::Method;
use crate::error::{lib, ssl_r, Error, Result};
use crate::ffi::callbacks::{conn_of, obj};
use crate::ffi::cipher::stack_st_SSL_CIPHER;
use crate::ffi::method::*;
use crate::ffi::ptr::{c_str, in_buf, static_cstr, write_out};
use crate::ffi::recorded::{self, unsupported};
use crate::ffi::ssl::{TLS_client_method, TLS_method, TLS_server_method};
use crate::ffi::stack::{OPENSSL_sk_free, OPENSSL_sk_new_null, OPENSSL_sk_push, OPENSSL_STACK};
use crate::ffi::types::{borrow, BIO, SSL, SSL_CIPHER, SSL_CTX, SSL_METHOD};
use crate::ffi::{call, guard, one_or_zero, void};
use core::ffi::{c_char, c_int, c_long, c_uchar, c_void};

/// `TLS_ANY_VERSION`: what `SSL_client_version` reports before a handshake.
const TLS_ANY_VERSION: c_int = 0x10000;
/// `SSL3_RT_MAX_PLAIN_LENGTH`: the largest block size `SSL_set_block_padding` accepts.
const MAX_PLAIN: usize = 16384;
/// `TLSEXT_max_fragment_length_DISABLED` .. `TLSEXT_max_fragment_length_4096`.
const MFL_MAX_MODE: u8 = 4;

// ---------------------------------------------------------------------------------------------
// Methods

type MethodFn = extern "C" fn() -> *const SSL_METHOD;

const ALL_METHODS: [MethodFn; 21] = [
    TLS_method,
    TLS_client_method,
    TLS_server_method,
    TLSv1_2_method,
    TLSv1_2_client_method,
    TLSv1_2_server_method,
    TLSv1_1_method,
    TLSv1_1_client_method,
    TLSv1_1_server_method,
    TLSv1_method,
    TLSv1_client_method,
    TLSv1_server_method,
    DTLS_method,
    DTLS_client_method,
    DTLS_server_method,
    DTLSv1_2_method,
    DTLSv1_2_client_method,
    DTLSv1_2_server_method,
    DTLSv1_method,
    DTLSv1_client_method,
    DTLSv1_server_method,
];

/// The role and fixed protocol of a method pointer.
fn describe(m: *const SSL_METHOD) -> Option<(Method, Option<i32>)> {
    if m.is_null() {
        return None;
    }
    let generic = [
        (TLS_method(), Method::Generic),
        (TLS_client_method(), Method::Client),
        (TLS_server_method(), Method::Server),
    ];
    generic
        .iter()
        .find(|(p, _)| *p == m)
        .map(|&(_, r)| (r, None))
        .or_else(|| crate::ffi::method::lookup(m))
}

/// The method pointer of a role and fixed protocol.
fn method_ptr(role: Method, fixed: Option<i32>) -> *const SSL_METHOD {
    ALL_METHODS
        .iter()
        .map(|f| f())
        .find(|&p| describe(p) == Some((role, fixed)))
        .unwrap_or(core::ptr::null())
}

fn ctx_ref<'a>(ctx: *const SSL_CTX) -> Result<&'a crate::engine::Context> {
    // SAFETY: NULL or a live SSL_CTX pointer the caller holds.
    unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))
}

fn with_conn<T>(
    s: *const SSL,
    fail: T,
    f: impl FnOnce(&mut crate::engine::Conn) -> Result<T>,
) -> T {
    call(fail, || f(&mut *conn_of(obj(s)?)?))
}

/// `SSL_CTX_get_ssl_method(3)`: the method the context was made with (or given by
/// `SSL_CTX_set_ssl_version`); NULL for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_ssl_method(ctx: *const SSL_CTX) -> *const SSL_METHOD {
    call(core::ptr::null(), || {
        let c = ctx_ref(ctx)?;
        Ok(method_ptr(c.method, c.with(|c| c.settings.fixed_version)))
    })
}

/// `SSL_get_ssl_method(3)`: the connection's method (its context's unless `SSL_set_ssl_method`
/// changed it).
#[no_mangle]
pub extern "C" fn SSL_get_ssl_method(s: *const SSL) -> *const SSL_METHOD {
    call(core::ptr::null(), || {
        let own = recorded::ssl(s, |r| r.method)?;
        if own != 0 {
            return Ok(own as *const SSL_METHOD);
        }
        let o = obj(s)?;
        let fixed = conn_of(o)?.settings.fixed_version;
        Ok(method_ptr(o.initial_ctx.method, fixed))
    })
}

/// `SSL_set_ssl_method(3)`: the connection takes `method`'s protocol range (a version-specific
/// method fixes it); its role stays what `SSL_new` / `SSL_set_connect_state` /
/// `SSL_set_accept_state` made it, as in OpenSSL. 1, or 0 for NULL or an unknown method.
#[no_mangle]
pub extern "C" fn SSL_set_ssl_method(s: *mut SSL, method: *const SSL_METHOD) -> c_int {
    one_or_zero(|| {
        let (_, fixed) = describe(method).ok_or(Error::ssl(
            ssl_r::NULL_SSL_METHOD_PASSED,
            "SSL_set_ssl_method",
        ))?;
        conn_of(obj(s)?)?.settings.fixed_version = fixed;
        recorded::ssl(s, |r| r.method = method as usize)
    })
}

/// `SSL_CTX_set_ssl_version(3)`: a new method for the context; its cipher lists go back to the
/// defaults, as in OpenSSL. 1, or 0.
///
/// Status: partial — a method of another role than the context's is refused (0 with
/// `ERR_R_UNSUPPORTED`): a context's role is fixed when it is made
#[no_mangle]
pub extern "C" fn SSL_CTX_set_ssl_version(ctx: *mut SSL_CTX, meth: *const SSL_METHOD) -> c_int {
    one_or_zero(|| {
        let c = ctx_ref(ctx)?;
        let (role, fixed) = describe(meth).ok_or(Error::ssl(
            ssl_r::NULL_SSL_METHOD_PASSED,
            "SSL_CTX_set_ssl_version",
        ))?;
        if role != c.method {
            return Err(Error::unsupported(lib::SSL, "SSL_CTX_set_ssl_version"));
        }
        c.settings_mut(|s| {
            s.fixed_version = fixed;
            s.tls12_suites = None;
            s.tls13_suites = None;
        });
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Versions and states

/// `SSL_client_version(3)`: `TLS_ANY_VERSION` (0x10000) before a handshake; afterwards the
/// legacy version of the ClientHello, which is TLS 1.2 (0x0303) for every version sslrs speaks
/// (TLS 1.3 puts its real version in an extension). 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_client_version(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| {
        Ok(if c.in_before() {
            TLS_ANY_VERSION
        } else {
            c.version().min(crate::ffi::ssl::TLS1_2_VERSION)
        })
    })
}

/// `SSL_is_dtls(3)`: 0, sslrs speaks TLS only (1 would need a DTLS connection, which
/// `SSL_CTX_new(DTLS_method())` objects never become).
#[no_mangle]
pub extern "C" fn SSL_is_dtls(s: *const SSL) -> c_int {
    let _ = s;
    0
}

/// `SSL_rstate_string(3)`: "RH": between calls the record layer always waits for a header.
#[no_mangle]
pub extern "C" fn SSL_rstate_string(s: *const SSL) -> *const c_char {
    let _ = s;
    static_cstr("RH\0")
}

/// `SSL_rstate_string_long(3)`: "read header" (see `SSL_rstate_string`).
#[no_mangle]
pub extern "C" fn SSL_rstate_string_long(s: *const SSL) -> *const c_char {
    let _ = s;
    static_cstr("read header\0")
}

/// `SSL_get_default_timeout(3)`: 7200 seconds, the TLS methods' default session lifetime.
#[no_mangle]
pub extern "C" fn SSL_get_default_timeout(s: *const SSL) -> c_long {
    let _ = s;
    7200
}

/// `SSL_get_pending_cipher(3)`: the suite being (or last) negotiated; NULL before one is
/// known.
///
/// Status: partial — NULL while the handshake is under way (the suite is known only when it
/// completes); afterwards the negotiated suite, as OpenSSL reports
#[no_mangle]
pub extern "C" fn SSL_get_pending_cipher(s: *const SSL) -> *const SSL_CIPHER {
    crate::ffi::ssl::SSL_get_current_cipher(s)
}

/// `SSL_alloc_buffers(3)`: 1 (sslrs's buffers are always in place); 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_alloc_buffers(ssl: *mut SSL) -> c_int {
    one_or_zero(|| obj(ssl).map(|_| ()))
}

/// `SSL_free_buffers(3)`: 1 (nothing to release: buffers are sized to their contents); 0 for
/// NULL.
#[no_mangle]
pub extern "C" fn SSL_free_buffers(ssl: *mut SSL) -> c_int {
    one_or_zero(|| obj(ssl).map(|_| ()))
}

/// `SSL_set_debug(3)`: does nothing, as in OpenSSL 3.0 (deprecated since 1.1.0).
#[no_mangle]
pub extern "C" fn SSL_set_debug(s: *mut SSL, debug: c_int) {
    let _ = (s, debug);
}

// ---------------------------------------------------------------------------------------------
// Cipher names and lists

/// `OPENSSL_cipher_name(3)`: the OpenSSL name of the suite with standard (RFC) name
/// `rfc_name`, or "(NONE)".
///
/// Status: partial — knows only the suites sslrs implements (other standard names give
/// "(NONE)")
#[no_mangle]
pub extern "C" fn OPENSSL_cipher_name(rfc_name: *const c_char) -> *const c_char {
    guard(static_cstr("(NONE)\0"), || {
        // SAFETY: NULL or a NUL-terminated string per the API.
        let Some(name) = (unsafe { c_str(rfc_name) }) else {
            return static_cstr("(NONE)\0");
        };
        ciphers::CIPHERS
            .iter()
            .find(|c| c.standard_name == name)
            .map_or(static_cstr("(NONE)\0"), |c| c.name.as_ptr())
    })
}

/// `OSSL_default_cipher_list(3)`: OpenSSL 3.0's default TLS 1.2 cipher string.
#[no_mangle]
pub extern "C" fn OSSL_default_cipher_list() -> *const c_char {
    static_cstr("ALL:!COMPLEMENTOFDEFAULT:!eNULL\0")
}

/// `OSSL_default_ciphersuites(3)`: OpenSSL 3.0's default TLS 1.3 suites.
#[no_mangle]
pub extern "C" fn OSSL_default_ciphersuites() -> *const c_char {
    static_cstr("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256\0")
}

/// The two signalling suites `SSL_bytes_to_cipher_list` reports separately.
static SCSVS: [CipherInfo; 2] = [
    CipherInfo {
        iana: 0x00FF,
        name: c"TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
        standard_name: c"TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
        bits: 0,
        version: c"SSLv3",
    },
    CipherInfo {
        iana: 0x5600,
        name: c"TLS_FALLBACK_SCSV",
        standard_name: c"TLS_FALLBACK_SCSV",
        bits: 0,
        version: c"SSLv3",
    },
];

fn new_stack() -> Result<*mut OPENSSL_STACK> {
    let st = OPENSSL_sk_new_null();
    if st.is_null() {
        return Err(Error::new(
            lib::SSL,
            crate::error::common::MALLOC_FAILURE,
            "SSL_bytes_to_cipher_list",
        ));
    }
    Ok(st)
}

/// `SSL_bytes_to_cipher_list(3)`: decodes a ClientHello cipher list (2-byte ids, or 3-byte
/// SSLv2-format entries when `isv2format`) into the suites sslrs knows (`sk`) and the
/// signalling suites (`scsvs`); unknown ids are skipped. 1, or 0 (`SSL_R_NO_CIPHERS_SPECIFIED`
/// for an empty list, `SSL_R_ERROR_IN_RECEIVED_CIPHER_LIST` for a length that is not a
/// multiple of the entry size or is over 65535, which no ClientHello can carry).
///
/// Status: partial — suites sslrs does not implement are skipped like unknown ones
#[no_mangle]
pub extern "C" fn SSL_bytes_to_cipher_list(
    s: *mut SSL,
    bytes: *const c_uchar,
    len: usize,
    isv2format: c_int,
    sk: *mut *mut stack_st_SSL_CIPHER,
    scsvs: *mut *mut stack_st_SSL_CIPHER,
) -> c_int {
    one_or_zero(|| {
        const F: &str = "SSL_bytes_to_cipher_list";
        obj(s)?;
        let n = if isv2format != 0 { 3 } else { 2 };
        if len == 0 {
            return Err(Error::ssl(ssl_r::NO_CIPHERS_SPECIFIED, F));
        }
        // A ClientHello's list has a 16-bit length: longer ones are refused (OpenSSL works
        // through any length, for minutes on gigabytes).
        if len % n != 0 || len > 0xffff {
            return Err(Error::ssl(ssl_r::ERROR_IN_RECEIVED_CIPHER_LIST, F));
        }
        // SAFETY: `bytes` holds `len` bytes per the API.
        let data = unsafe { in_buf(bytes.cast(), len) }?;
        let suites = new_stack()?;
        let signals = match new_stack() {
            Ok(st) => st,
            Err(e) => {
                OPENSSL_sk_free(suites);
                return Err(e);
            }
        };
        for e in data.chunks(n) {
            if n == 3 && e[0] != 0 {
                continue; // an SSLv2-only suite
            }
            let id = u16::from_be_bytes([e[n - 2], e[n - 1]]);
            let (st, info) = match SCSVS.iter().find(|c| c.iana == id) {
                Some(i) => (signals, i),
                None => match ciphers::by_iana(id) {
                    Some(i) => (suites, i),
                    None => continue,
                },
            };
            OPENSSL_sk_push(st, info as *const CipherInfo as *const c_void);
        }
        for (out, st) in [(sk, suites), (scsvs, signals)] {
            if out.is_null() {
                OPENSSL_sk_free(st);
            } else {
                // SAFETY: `out` is a writable pointer per the API.
                unsafe { write_out(out, st as *mut stack_st_SSL_CIPHER) };
            }
        }
        Ok(())
    })
}

/// `SSL_get_sigalgs(3)`: the number of signature algorithms the peer offered.
///
/// Status: partial — always 0 ("none known"): the peer's list is not kept
#[no_mangle]
pub extern "C" fn SSL_get_sigalgs(
    s: *mut SSL,
    idx: c_int,
    psign: *mut c_int,
    phash: *mut c_int,
    psignandhash: *mut c_int,
    rsig: *mut c_uchar,
    rhash: *mut c_uchar,
) -> c_int {
    let _ = (s, idx, psign, phash, psignandhash, rsig, rhash);
    0
}

/// `SSL_get_shared_sigalgs(3)`: the number of signature algorithms both sides support.
///
/// Status: partial — always 0 ("none known"): the shared list is not computed
#[no_mangle]
pub extern "C" fn SSL_get_shared_sigalgs(
    s: *mut SSL,
    idx: c_int,
    psign: *mut c_int,
    phash: *mut c_int,
    psignandhash: *mut c_int,
    rsig: *mut c_uchar,
    rhash: *mut c_uchar,
) -> c_int {
    let _ = (s, idx, psign, phash, psignandhash, rsig, rhash);
    0
}

/// TLS names of the groups OpenSSL 3.0 knows, by NID.
const GROUP_NAMES: &[(c_int, &str)] = &[
    (1034, "x25519\0"),
    (1035, "x448\0"),
    (415, "secp256r1\0"),
    (715, "secp384r1\0"),
    (716, "secp521r1\0"),
    (713, "secp224r1\0"),
    (409, "secp192r1\0"),
    (927, "brainpoolP256r1\0"),
    (931, "brainpoolP384r1\0"),
    (933, "brainpoolP512r1\0"),
    (1126, "ffdhe2048\0"),
    (1127, "ffdhe3072\0"),
    (1128, "ffdhe4096\0"),
    (1129, "ffdhe6144\0"),
    (1130, "ffdhe8192\0"),
];

/// `SSL_group_to_name(3)`: the TLS name of the group with NID `id` (as
/// `SSL_get_negotiated_group` reports it), or NULL.
#[no_mangle]
pub extern "C" fn SSL_group_to_name(s: *mut SSL, id: c_int) -> *const c_char {
    let _ = s;
    GROUP_NAMES
        .iter()
        .find(|(nid, _)| *nid == id)
        .map_or(core::ptr::null(), |(_, n)| static_cstr(n))
}

// ---------------------------------------------------------------------------------------------
// Record padding, buffers, fragment length

/// `SSL_CTX_set_record_padding_callback(3)`: recorded for the getter of its argument.
///
/// Status: partial — recorded, never called: records are not padded (rustls pads nothing)
#[no_mangle]
pub extern "C" fn SSL_CTX_set_record_padding_callback(
    ctx: *mut SSL_CTX,
    cb: Option<
        unsafe extern "C" fn(ssl: *mut SSL, r#type: c_int, len: usize, arg: *mut c_void) -> usize,
    >,
) {
    void(|| recorded::ctx(ctx, |r| r.padding_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_record_padding_callback_arg(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_record_padding_callback_arg(ctx: *mut SSL_CTX, arg: *mut c_void) {
    void(|| recorded::ctx(ctx, |r| r.padding_arg = arg as usize))
}

/// `SSL_CTX_get_record_padding_callback_arg(3)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_record_padding_callback_arg(ctx: *const SSL_CTX) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        recorded::ctx(ctx, |r| r.padding_arg as *mut c_void)
    })
}

/// `SSL_set_record_padding_callback(3)`: 1.
///
/// Status: partial — recorded, never called: records are not padded
#[no_mangle]
pub extern "C" fn SSL_set_record_padding_callback(
    ssl: *mut SSL,
    cb: Option<
        unsafe extern "C" fn(ssl: *mut SSL, r#type: c_int, len: usize, arg: *mut c_void) -> usize,
    >,
) -> c_int {
    one_or_zero(|| recorded::ssl(ssl, |r| r.padding_cb = recorded::addr(cb)))
}

/// `SSL_set_record_padding_callback_arg(3)`.
#[no_mangle]
pub extern "C" fn SSL_set_record_padding_callback_arg(ssl: *mut SSL, arg: *mut c_void) {
    void(|| recorded::ssl(ssl, |r| r.padding_arg = arg as usize))
}

/// `SSL_get_record_padding_callback_arg(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_record_padding_callback_arg(ssl: *const SSL) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        recorded::ssl(ssl, |r| r.padding_arg as *mut c_void)
    })
}

fn block_padding(block_size: usize) -> Option<usize> {
    (block_size <= MAX_PLAIN).then_some(if block_size == 1 { 0 } else { block_size })
}

/// `SSL_CTX_set_block_padding(3)`: 1, or 0 (no error entry, as OpenSSL) for a block larger
/// than 16384.
///
/// Status: partial — recorded; records are not padded
#[no_mangle]
pub extern "C" fn SSL_CTX_set_block_padding(ctx: *mut SSL_CTX, block_size: usize) -> c_int {
    call(0, || {
        let Some(b) = block_padding(block_size) else {
            recorded::ctx(ctx, |_| ())?;
            return Ok(0);
        };
        recorded::ctx(ctx, |r| r.block_padding = b)?;
        Ok(1)
    })
}

/// `SSL_set_block_padding(3)`: as `SSL_CTX_set_block_padding`.
///
/// Status: partial — recorded; records are not padded
#[no_mangle]
pub extern "C" fn SSL_set_block_padding(ssl: *mut SSL, block_size: usize) -> c_int {
    call(0, || {
        let Some(b) = block_padding(block_size) else {
            recorded::ssl(ssl, |_| ())?;
            return Ok(0);
        };
        recorded::ssl(ssl, |r| r.block_padding = b)?;
        Ok(1)
    })
}

/// `SSL_CTX_set_default_read_buffer_len(3)`: recorded (sslrs sizes its read buffer itself).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_read_buffer_len(ctx: *mut SSL_CTX, len: usize) {
    void(|| recorded::ctx(ctx, |r| r.read_buffer_len = len))
}

/// `SSL_set_default_read_buffer_len(3)`: recorded.
#[no_mangle]
pub extern "C" fn SSL_set_default_read_buffer_len(s: *mut SSL, len: usize) {
    void(|| recorded::ssl(s, |r| r.read_buffer_len = len))
}

fn max_fragment_length(mode: u8, func: &'static str) -> Result<c_int> {
    match mode {
        0 => Ok(1),
        m if m <= MFL_MAX_MODE => Err(Error::unsupported(lib::SSL, func)),
        _ => Err(Error::ssl(
            ssl_r::SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH,
            func,
        )),
    }
}

/// `SSL_CTX_set_tlsext_max_fragment_length(3)`: `TLSEXT_max_fragment_length_DISABLED` is
/// accepted (1); a mode above 4 fails with `SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH`.
///
/// Status: fails cleanly — modes 1-4 (512..4096) give 0 with `ERR_R_UNSUPPORTED`: the
/// max_fragment_length extension is not negotiated
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_max_fragment_length(ctx: *mut SSL_CTX, mode: u8) -> c_int {
    call(0, || {
        ctx_ref(ctx)?;
        max_fragment_length(mode, "SSL_CTX_set_tlsext_max_fragment_length")
    })
}

/// `SSL_set_tlsext_max_fragment_length(3)`: as `SSL_CTX_set_tlsext_max_fragment_length`.
///
/// Status: fails cleanly — modes 1-4 give 0 with `ERR_R_UNSUPPORTED` (not negotiated)
#[no_mangle]
pub extern "C" fn SSL_set_tlsext_max_fragment_length(ssl: *mut SSL, mode: u8) -> c_int {
    call(0, || {
        obj(ssl)?;
        max_fragment_length(mode, "SSL_set_tlsext_max_fragment_length")
    })
}

// ---------------------------------------------------------------------------------------------
// Early data callbacks

/// `SSL_allow_early_data_cb_fn`.
pub type SSL_allow_early_data_cb_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, arg: *mut c_void) -> c_int>;

/// `SSL_CTX_set_allow_early_data_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs accepts no early data
#[no_mangle]
pub extern "C" fn SSL_CTX_set_allow_early_data_cb(
    ctx: *mut SSL_CTX,
    cb: SSL_allow_early_data_cb_fn,
    arg: *mut c_void,
) {
    void(|| {
        recorded::ctx(ctx, |r| {
            r.allow_early_data_cb = (recorded::addr(cb), arg as usize)
        })
    })
}

/// `SSL_set_allow_early_data_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: sslrs accepts no early data
#[no_mangle]
pub extern "C" fn SSL_set_allow_early_data_cb(
    s: *mut SSL,
    cb: SSL_allow_early_data_cb_fn,
    arg: *mut c_void,
) {
    void(|| {
        recorded::ssl(s, |r| {
            r.allow_early_data_cb = (recorded::addr(cb), arg as usize)
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Trace, sendfile, test hooks

fn content_type_name(t: c_int) -> &'static str {
    match t {
        20 => "ChangeCipherSpec",
        21 => "Alert",
        22 => "Handshake",
        23 => "ApplicationData",
        256 => "RecordHeader",
        257 => "InnerContent",
        _ => "Unknown",
    }
}

/// `SSL_trace(3)`: a message callback (`SSL_set_msg_callback(s, SSL_trace)`) that writes to
/// the `BIO` given as its argument.
///
/// Status: partial — one summary line per message ("Sent|Received <type>, Length=<n>"), not
/// OpenSSL's decoded dump
#[no_mangle]
pub extern "C" fn SSL_trace(
    write_p: c_int,
    version: c_int,
    content_type: c_int,
    buf: *const c_void,
    len: usize,
    ssl: *mut SSL,
    arg: *mut c_void,
) {
    let _ = (version, buf, ssl);
    guard((), || {
        if arg.is_null() {
            // OpenSSL's first BIO_printf to the NULL BIO
            crate::crypto::err::push(crate::error::Error::null_param(
                crate::error::lib::BIO,
                "BIO_printf",
            ));
            return;
        }
        let line = format!(
            "{} {}, Length={}\n",
            if write_p != 0 { "Sent" } else { "Received" },
            content_type_name(content_type),
            len
        );
        crate::ffi::bio::BIO_write(arg as *mut BIO, line.as_ptr().cast(), line.len() as c_int);
    })
}

/// `SSL_sendfile(3)`: -1.
///
/// Status: fails cleanly — -1 with `ERR_R_UNSUPPORTED`: it needs kernel TLS, which sslrs does
/// not use
#[no_mangle]
pub extern "C" fn SSL_sendfile(
    s: *mut SSL,
    fd: c_int,
    offset: libc::off_t,
    size: usize,
    flags: c_int,
) -> libc::ssize_t {
    let _ = (s, fd, offset, size, flags);
    unsupported(-1, "SSL_sendfile")
}

/// `struct openssl_ssl_test_functions` (OpenSSL's internal test hooks; opaque to programs).
pub struct openssl_ssl_test_functions {
    _private: [u8; 0],
}

#[repr(C)]
struct TestFunctions {
    p_ssl_init_wbio_buffer: extern "C" fn(*mut SSL) -> c_int,
    p_ssl3_setup_buffers: extern "C" fn(*mut SSL) -> c_int,
}

extern "C" fn buffers_ready(s: *mut SSL) -> c_int {
    c_int::from(!s.is_null())
}

static TEST_FUNCTIONS: TestFunctions = TestFunctions {
    p_ssl_init_wbio_buffer: buffers_ready,
    p_ssl3_setup_buffers: buffers_ready,
};

/// `SSL_test_functions`: OpenSSL's hooks for its own tests (buffer setup); both report
/// success, since sslrs's buffers always exist.
#[no_mangle]
pub extern "C" fn SSL_test_functions() -> *const openssl_ssl_test_functions {
    &TEST_FUNCTIONS as *const TestFunctions as *const openssl_ssl_test_functions
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert!(SSL_CTX_get_ssl_method(null()).is_null());
        assert!(SSL_get_ssl_method(null()).is_null());
        assert_eq!(SSL_set_ssl_method(null_mut(), null()), 0);
        assert_eq!(SSL_CTX_set_ssl_version(null_mut(), null()), 0);
        assert_eq!(SSL_client_version(null()), 0);
        assert_eq!(SSL_is_dtls(null()), 0);
        assert!(!SSL_rstate_string(null()).is_null());
        assert!(!SSL_rstate_string_long(null()).is_null());
        assert_eq!(SSL_get_default_timeout(null()), 7200);
        assert!(SSL_get_pending_cipher(null()).is_null());
        assert_eq!(SSL_alloc_buffers(null_mut()), 0);
        assert_eq!(SSL_free_buffers(null_mut()), 0);
        SSL_set_debug(null_mut(), -1);
        assert!(!OPENSSL_cipher_name(null()).is_null());
        let mut sk: *mut stack_st_SSL_CIPHER = null_mut();
        assert_eq!(
            SSL_bytes_to_cipher_list(null_mut(), null(), 0, 0, &mut sk, null_mut()),
            0
        );
        assert_eq!(
            SSL_get_sigalgs(
                null_mut(),
                -1,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut()
            ),
            0
        );
        assert_eq!(
            SSL_get_shared_sigalgs(
                null_mut(),
                -1,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut()
            ),
            0
        );
        assert!(SSL_group_to_name(null_mut(), -1).is_null());
        SSL_CTX_set_record_padding_callback(null_mut(), None);
        SSL_CTX_set_record_padding_callback_arg(null_mut(), null_mut());
        assert!(SSL_CTX_get_record_padding_callback_arg(null()).is_null());
        assert_eq!(SSL_set_record_padding_callback(null_mut(), None), 0);
        SSL_set_record_padding_callback_arg(null_mut(), null_mut());
        assert!(SSL_get_record_padding_callback_arg(null()).is_null());
        assert_eq!(SSL_CTX_set_block_padding(null_mut(), 0), 0);
        assert_eq!(SSL_set_block_padding(null_mut(), usize::MAX), 0);
        SSL_CTX_set_default_read_buffer_len(null_mut(), 0);
        SSL_set_default_read_buffer_len(null_mut(), usize::MAX);
        assert_eq!(SSL_CTX_set_tlsext_max_fragment_length(null_mut(), 0), 0);
        assert_eq!(SSL_set_tlsext_max_fragment_length(null_mut(), 255), 0);
        SSL_CTX_set_allow_early_data_cb(null_mut(), None, null_mut());
        SSL_set_allow_early_data_cb(null_mut(), None, null_mut());
        SSL_trace(0, 0, -1, null(), 0, null_mut(), null_mut());
        assert_eq!(SSL_sendfile(null_mut(), -1, -1, 0, -1), -1);
        assert!(!SSL_test_functions().is_null());
        crate::crypto::err::clear();
    }

    #[test]
    fn methods_and_lists() {
        let ctx = crate::ffi::ssl::SSL_CTX_new(TLS_method());
        assert_eq!(SSL_CTX_get_ssl_method(ctx), TLS_method());
        let s = crate::ffi::ssl::SSL_new(ctx);
        assert_eq!(SSL_get_ssl_method(s), TLS_method());
        assert_eq!(SSL_set_ssl_method(s, TLSv1_2_method()), 1);
        assert_eq!(SSL_get_ssl_method(s), TLSv1_2_method());
        assert_eq!(SSL_CTX_set_ssl_version(ctx, TLSv1_2_method()), 1);
        assert_eq!(SSL_CTX_get_ssl_method(ctx), TLSv1_2_method());
        // another role: refused
        assert_eq!(SSL_CTX_set_ssl_version(ctx, TLS_client_method()), 0);
        assert_eq!(SSL_client_version(s), TLS_ANY_VERSION);
        // record padding and fragment length
        assert_eq!(SSL_set_block_padding(s, 16385), 0);
        assert_eq!(SSL_set_block_padding(s, 16), 1);
        SSL_set_record_padding_callback_arg(s, 8 as *mut c_void);
        assert_eq!(SSL_get_record_padding_callback_arg(s), 8 as *mut c_void);
        assert_eq!(SSL_set_tlsext_max_fragment_length(s, 0), 1);
        assert_eq!(SSL_set_tlsext_max_fragment_length(s, 2), 0);
        assert_eq!(SSL_set_tlsext_max_fragment_length(s, 5), 0);
        // cipher lists
        let bytes = [0x13u8, 0x01, 0xc0, 0x2f, 0x00, 0xff, 0x56, 0x00, 0xaa, 0xaa];
        let (mut sk, mut sc) = (null_mut(), null_mut());
        assert_eq!(
            SSL_bytes_to_cipher_list(s, bytes.as_ptr(), bytes.len(), 0, &mut sk, &mut sc),
            1
        );
        assert_eq!(
            crate::ffi::stack::OPENSSL_sk_num(sk as *const OPENSSL_STACK),
            2
        );
        assert_eq!(
            crate::ffi::stack::OPENSSL_sk_num(sc as *const OPENSSL_STACK),
            2
        );
        OPENSSL_sk_free(sk as *mut OPENSSL_STACK);
        OPENSSL_sk_free(sc as *mut OPENSSL_STACK);
        assert_eq!(
            SSL_bytes_to_cipher_list(s, bytes.as_ptr(), 3, 0, &mut sk, null_mut()),
            0
        );
        // SAFETY: a static C string.
        let name = unsafe { std::ffi::CStr::from_ptr(SSL_group_to_name(s, 1034)) };
        assert_eq!(name.to_str().unwrap(), "x25519");
        // SAFETY: as above.
        let n = unsafe {
            std::ffi::CStr::from_ptr(OPENSSL_cipher_name(
                c"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".as_ptr(),
            ))
        };
        assert_eq!(n.to_str().unwrap(), "ECDHE-RSA-AES128-GCM-SHA256");
        crate::ffi::ssl::SSL_free(s);
        crate::ffi::ssl::SSL_CTX_free(ctx);
        crate::crypto::err::clear();
    }
}
