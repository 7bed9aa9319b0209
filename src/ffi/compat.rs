//! libssl functions that hand libcrypto-family objects across (certificate store, verify
//! parameters, certificates and keys as `X509*`/`EVP_PKEY*`, password callbacks), written once
//! for both backends: objects are made and read through the exported, backend-dispatching
//! functions (`d2i_X509`, `i2d_X509`, ...) or, for functions only libcrypto has, through
//! libcrypto directly in pass-through mode.

use crate::crypto::x509::Certificate;
use crate::engine::conn::Conn;
use crate::engine::verify::HostCheck;
use crate::engine::Context;
use crate::error::{lib, ssl_r, Error, Result};
use crate::ffi::backend;
use crate::ffi::callbacks::{conn_of, ctx_app, lock, obj};
use crate::ffi::ssl::SSL_verify_cb;
use crate::ffi::types::{borrow, into_c, SSL, SSL_CTX, X509, X509_STORE_CTX};
use crate::ffi::{call, guard, null_on_error, one_or_zero, void};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_long, c_uchar, c_void, CStr};
use rustls::pki_types::CertificateDer;
use std::sync::Arc;

/// `X509_STORE` / `X509_VERIFY_PARAM`: opaque here; in pass-through mode libcrypto's.
pub struct X509_STORE {
    _private: [u8; 0],
}
/// `X509_VERIFY_PARAM`.
pub struct X509_VERIFY_PARAM {
    _private: [u8; 0],
}

/// What an `SSL_CTX` or `SSL` keeps for these functions.
#[derive(Default)]
pub struct Extra {
    inner: Mutex<ExtraInner>,
}

#[derive(Default)]
struct ExtraInner {
    verify_cb: SSL_verify_cb,
    /// `SSL_CTX_set_cert_verify_callback`: the function (as usize) and its argument.
    cert_verify: (usize, usize),
    /// libcrypto's `X509_STORE*` (pass-through mode), owned.
    store: usize,
    /// libcrypto's `X509_VERIFY_PARAM*` (pass-through mode), owned.
    param: usize,
    /// The host name last taken from `param`.
    param_host: Option<String>,
    /// `SSL_set_hostflags` / purpose / trust, recorded (native mode).
    hostflags: u32,
    purpose: c_int,
    trust: c_int,
    /// What `SSL_get0_peername` returned last (kept alive for the caller).
    peername: Option<std::ffi::CString>,
    /// Pass-through mode: certificates of a CA directory, trusted but not yet in the
    /// `X509_STORE` (OpenSSL looks a directory up by hash and caches what it found).
    lazy_dir: Vec<(crate::crypto::x509::Certificate, CertificateDer<'static>)>,
}

impl Drop for Extra {
    fn drop(&mut self) {
        let g = lock(&self.inner);
        if g.store != 0 {
            crate::ffi::x509_store::X509_STORE_free(g.store as *mut X509_STORE);
        }
        if g.param != 0 {
            crate::ffi::x509_param::X509_VERIFY_PARAM_free(g.param as *mut X509_VERIFY_PARAM);
        }
    }
}

fn ctx_extra<'a>(ctx: *const SSL_CTX) -> Result<(&'a Context, &'a Extra)> {
    // SAFETY: NULL or a context the caller holds.
    let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
    let app = ctx_app(c).ok_or(Error::internal("SSL_CTX without companion"))?;
    Ok((c, &app.extra))
}

fn ssl_extra<'a>(s: *const SSL) -> Result<&'a Extra> {
    Ok(&obj(s)?.extra)
}

// --- certificates for the caller ----------------------------------------------------------

/// An `X509*` of the active backend holding `der`, with one reference for the caller.
pub fn x509_for_caller(der: CertificateDer<'static>) -> Result<*mut X509> {
    if !backend::forwarding() {
        return Ok(into_c::<X509>(Arc::new(Certificate::from_der(der)?)));
    }
    let mut p = der.as_ref().as_ptr();
    let x = crate::ffi::x509::d2i_X509(core::ptr::null_mut(), &mut p, der.len() as c_long);
    if x.is_null() {
        return Err(Error::internal("d2i_X509"));
    }
    Ok(x)
}

/// The DER of the caller's `X509*` (either backend).
fn x509_der(x: *const X509) -> Result<CertificateDer<'static>> {
    if x.is_null() {
        return Err(Error::null_param(lib::SSL, "X509"));
    }
    let n = crate::ffi::x509::i2d_X509(x, core::ptr::null_mut());
    if n <= 0 {
        return Err(Error::ssl(ssl_r::BAD_VALUE, "i2d_X509"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut p: *mut c_uchar = buf.as_mut_ptr();
    if crate::ffi::x509::i2d_X509(x, &mut p) != n {
        return Err(Error::ssl(ssl_r::BAD_VALUE, "i2d_X509"));
    }
    Ok(CertificateDer::from(buf))
}

// --- the certificate store ------------------------------------------------------------------

/// `SSL_CTX_get_cert_store(3)`: the context's `X509_STORE`.
///
/// Status: partial — certificates in the store (added directly or loaded from files) are
/// anchors, read when the peer's chain arrives (natively the store holds certificates and flags
/// only: `x509_store.rs`); in pass-through mode,
/// and a client also asks the store's lookup methods (hashed directories, ...) for the issuers of
/// the server's chain; a server reads only the certificates in the store.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_cert_store(ctx: *const SSL_CTX) -> *mut X509_STORE {
    null_on_error(|| {
        let (_, e) = ctx_extra(ctx)?;
        let mut g = lock(&e.inner);
        if g.store == 0 {
            // libcrypto's in pass-through mode, a native one otherwise
            g.store = crate::ffi::x509_store::X509_STORE_new() as usize;
        }
        Ok(g.store as *mut X509_STORE)
    })
}

/// `SSL_CTX_set_cert_store(3)`: replaces the store, taking over the caller's reference.
///
/// Status: partial — see `SSL_CTX_get_cert_store`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_store(ctx: *mut SSL_CTX, store: *mut X509_STORE) {
    void(|| {
        let (_, e) = ctx_extra(ctx)?;
        let mut g = lock(&e.inner);
        if g.store != 0 && g.store != store as usize {
            crate::ffi::x509_store::X509_STORE_free(g.store as *mut X509_STORE);
        }
        g.store = store as usize;
        Ok(())
    })
}

/// `SSL_CTX_set1_cert_store(3)`: as `SSL_CTX_set_cert_store`, taking a new reference.
///
/// Status: partial — see `SSL_CTX_get_cert_store`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set1_cert_store(ctx: *mut SSL_CTX, store: *mut X509_STORE) {
    guard((), || {
        if !store.is_null() {
            crate::ffi::x509_store::X509_STORE_up_ref(store);
        }
        SSL_CTX_set_cert_store(ctx, store)
    })
}

// --- verification parameters ----------------------------------------------------------------

fn param_of(e: &Extra, func: &'static str) -> Result<*mut X509_VERIFY_PARAM> {
    let mut g = lock(&e.inner);
    if g.param == 0 {
        // libcrypto's in pass-through mode, a native one otherwise
        g.param = crate::ffi::x509_param::X509_VERIFY_PARAM_new() as usize;
    }
    if g.param == 0 {
        return Err(Error::internal(func));
    }
    Ok(g.param as *mut X509_VERIFY_PARAM)
}

/// `SSL_CTX_get0_param(3)`: the context's verification parameters.
///
/// Status: partial — of its settings, the host names and their flags, the IP address, the
/// depth, the time and the flags (`PARTIAL_CHAIN`, `CRL_CHECK(_ALL)`, `USE_CHECK_TIME`,
/// `NO_CHECK_TIME`) are used; an email address and policies are not checked.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_param(ctx: *mut SSL_CTX) -> *mut X509_VERIFY_PARAM {
    null_on_error(|| param_of(ctx_extra(ctx)?.1, "SSL_CTX_get0_param"))
}

/// `SSL_get0_param(3)`: the connection's verification parameters; a host name set there
/// (`X509_VERIFY_PARAM_set1_host`) is checked as with `SSL_set1_host`.
///
/// Status: partial — as `SSL_CTX_get0_param`.
#[no_mangle]
pub extern "C" fn SSL_get0_param(s: *mut SSL) -> *mut X509_VERIFY_PARAM {
    null_on_error(|| param_of(ssl_extra(s)?, "SSL_get0_param"))
}

/// Before each operation: a host name the program put into the connection's parameters
/// becomes the connection's expected host.
pub fn apply_param(e: &Extra, c: &mut Conn) {
    /// `X509_V_FLAG_PARTIAL_CHAIN` (x509_vfy.h).
    const PARTIAL_CHAIN: std::ffi::c_ulong = 0x80000;
    /// `X509_V_FLAG_USE_CHECK_TIME` (x509_vfy.h).
    const USE_CHECK_TIME: u64 = 0x2;
    c.verify_flags = c.ctx.with(|cfg| cfg.store_flags);
    c.partial_chain = c.verify_flags & PARTIAL_CHAIN != 0;
    let mut g = lock(&e.inner);
    if g.param == 0 {
        return;
    }
    let param = g.param as *mut X509_VERIFY_PARAM;
    c.verify_flags |= crate::ffi::x509_param::X509_VERIFY_PARAM_get_flags(param);
    c.partial_chain = c.verify_flags & PARTIAL_CHAIN != 0;
    let hosts: Vec<String> = (0..)
        .map(|i| crate::ffi::x509_param::X509_VERIFY_PARAM_get0_host(param, i))
        .take_while(|h| !h.is_null())
        // SAFETY: NUL-terminated strings owned by the param.
        .map(|h| unsafe { CStr::from_ptr(h) }.to_string_lossy().into_owned())
        .collect();
    let wanted = match hosts.first() {
        Some(h) => Some(h.clone()),
        None => param_ip(param).map(|ip| ip.to_string()),
    };
    if let Some(name) = wanted {
        if g.param_host.as_deref() != Some(name.as_str()) {
            c.host = HostCheck::parse(&name);
            g.param_host = Some(name);
        }
    }
    c.checks.more_hosts = hosts
        .iter()
        .skip(1)
        .filter_map(|h| HostCheck::parse(h))
        .collect();
    c.checks.hostflags = crate::ffi::x509_param::X509_VERIFY_PARAM_get_hostflags(param);
    c.checks.time = (c.verify_flags & USE_CHECK_TIME != 0)
        .then(|| crate::ffi::x509_param::X509_VERIFY_PARAM_get_time(param));
}

/// After `SSL_set1_host`: a parameter object the connection already has gets the name too
/// (replacing the names added before), so later `SSL_add1_host` calls add to it.
pub fn replace_param_hosts(s: *mut SSL, hostname: *const c_char) {
    let Ok(e) = ssl_extra(s) else { return };
    let mut g = lock(&e.inner);
    if g.param == 0 {
        return;
    }
    let param = g.param as *mut X509_VERIFY_PARAM;
    crate::ffi::x509_param::X509_VERIFY_PARAM_set1_host(param, hostname, 0);
    // SAFETY: NULL or a NUL-terminated string per the API.
    g.param_host = unsafe { crate::ffi::ptr::c_str(hostname) }
        .map(|h| h.to_string_lossy().into_owned())
        .filter(|h| !h.is_empty());
}

/// The IP address set on a parameter object (`X509_VERIFY_PARAM_set1_ip(_asc)`), if any.
fn param_ip(param: *mut X509_VERIFY_PARAM) -> Option<std::net::IpAddr> {
    if !backend::forwarding() {
        return crate::ffi::x509_param::data_of(param)?.ip;
    }
    let (get1, free) = (
        crate::libcrypto_fn!("X509_VERIFY_PARAM_get1_ip_asc"),
        crate::libcrypto_fn!("CRYPTO_free"),
    );
    if get1.is_null() || free.is_null() {
        return None;
    }
    // SAFETY: char *X509_VERIFY_PARAM_get1_ip_asc(X509_VERIFY_PARAM *) (freed with
    // CRYPTO_free(void *, const char *, int)).
    let get1: unsafe extern "C" fn(*mut X509_VERIFY_PARAM) -> *mut c_char =
        unsafe { core::mem::transmute(get1) };
    let free: unsafe extern "C" fn(*mut c_void, *const c_char, c_int) =
        unsafe { core::mem::transmute(free) };
    // with no address set, OpenSSL 3.0's get1_ip_asc queues "passed a null parameter" (X509):
    // that must not reach the caller's error queue (python reads it after any failing call)
    crate::ffi::err::ERR_set_mark();
    let p = unsafe { get1(param) };
    crate::ffi::err::ERR_pop_to_mark();
    if p.is_null() {
        return None;
    }
    // SAFETY: a NUL-terminated string from libcrypto, freed right after.
    let ip = unsafe { CStr::from_ptr(p) }
        .to_str()
        .ok()
        .and_then(|t| t.parse().ok());
    unsafe { free(p as *mut c_void, c"sslrs".as_ptr(), 0) };
    ip
}

// --- callbacks recorded for their getters -----------------------------------------------------

/// Records the verify callback given to `SSL_CTX_set_verify` / `SSL_set_verify`.
pub fn record_verify_cb_ctx(ctx: *const SSL_CTX, cb: SSL_verify_cb) {
    if let Ok((_, e)) = ctx_extra(ctx) {
        lock(&e.inner).verify_cb = cb;
    }
}

/// The verify callback a connection has (`SSL_set_verify`, else its context's at `SSL_new`).
pub fn verify_cb_of(e: &Extra) -> SSL_verify_cb {
    lock(&e.inner).verify_cb
}

/// The context's `SSL_CTX_set_cert_verify_callback` function (0: none) and argument.
pub fn cert_verify_of(ctx: &Context) -> (usize, usize) {
    ctx_app(ctx).map_or((0, 0), |app| lock(&app.extra.inner).cert_verify)
}

/// `SSL_CTX_set_cert_verify_callback(3)`: `cb(store_ctx, arg)` replaces the verification of the
/// peer's chain (NULL restores the default). From inside it, `X509_verify_cert(store_ctx)` runs
/// the default verification (the verify callback included); its return value decides, and the
/// store context's error becomes `SSL_get_verify_result`.
///
/// Status: partial — the store context holds the chain the peer sent and the `SSL`
/// (`SSL_get_ex_data_X509_STORE_CTX_idx`); in pass-through mode it is libcrypto's and
/// `X509_verify_cert` is libcrypto's, with the context's `X509_STORE`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_verify_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(*mut X509_STORE_CTX, *mut c_void) -> c_int>,
    arg: *mut c_void,
) {
    void(|| {
        let (_, e) = ctx_extra(ctx)?;
        lock(&e.inner).cert_verify = (cb.map_or(0, |f| f as usize), arg as usize);
        Ok(())
    })
}

/// The context's libcrypto `X509_STORE*` (pass-through mode), or 0.
pub fn store_of(ctx: &Context) -> usize {
    ctx_app(ctx).map_or(0, |app| lock(&app.extra.inner).store)
}

/// As [`record_verify_cb_ctx`], for a connection.
pub fn record_verify_cb_ssl(s: *const SSL, cb: SSL_verify_cb) {
    if let Ok(e) = ssl_extra(s) {
        lock(&e.inner).verify_cb = cb;
    }
}

/// `SSL_CTX_get_verify_callback(3)`: what `SSL_CTX_set_verify` was given.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_callback(ctx: *const SSL_CTX) -> SSL_verify_cb {
    call(None, || Ok(lock(&ctx_extra(ctx)?.1.inner).verify_cb))
}

/// `SSL_get_verify_callback(3)`: what `SSL_set_verify` was given, else the context's at
/// `SSL_new`.
#[no_mangle]
pub extern "C" fn SSL_get_verify_callback(s: *const SSL) -> SSL_verify_cb {
    call(None, || Ok(lock(&ssl_extra(s)?.inner).verify_cb))
}

/// The connection's copy of the context's recorded settings at `SSL_new`.
pub fn inherit(ctx: &Context, e: &Extra) {
    if let Some(app) = ctx_app(ctx) {
        let from = lock(&app.extra.inner);
        let mut to = lock(&e.inner);
        to.verify_cb = from.verify_cb;
        to.hostflags = from.hostflags;
        to.purpose = from.purpose;
        to.trust = from.trust;
        // SSL_new: the connection's parameters inherit the context's.
        if from.param != 0 {
            let p = crate::ffi::x509_param::X509_VERIFY_PARAM_new();
            if !p.is_null() {
                crate::ffi::x509_param::X509_VERIFY_PARAM_inherit(
                    p,
                    from.param as *const X509_VERIFY_PARAM,
                );
                to.param = p as usize;
            }
        }
    }
}

/// Before a handshake step: the anchors in the context's `X509_STORE` (pass-through mode), read
/// again only when the store's contents changed (count and object addresses).
pub fn sync_store(ctx: &Context) {
    let Some(app) = ctx_app(ctx) else { return };
    let store = lock(&app.extra.inner).store;
    if !backend::forwarding() {
        // SAFETY: natively a context's store pointer is a live NativeStore it holds.
        if let Some(s) = unsafe { borrow::<X509_STORE>(store as *const X509_STORE) } {
            let (fp, certs, crls) = s.snapshot();
            ctx.set_store_trust(fp, || (certs, crls));
            ctx.set_store_flags(s.flags());
        }
        return;
    }
    let _ = crate::engine::context::TRUST_HOOK.set(sync_store);
    let _ = crate::engine::context::ISSUER_HOOK.set(lookup_issuers);
    if store == 0 {
        return;
    }
    let (objs, typ, get) = (
        crate::libcrypto_fn!("X509_STORE_get0_objects"),
        crate::libcrypto_fn!("X509_OBJECT_get_type"),
        crate::libcrypto_fn!("X509_OBJECT_get0_X509"),
    );
    if objs.is_null() || typ.is_null() || get.is_null() {
        return;
    }
    // SAFETY: libcrypto's STACK_OF(X509_OBJECT) *X509_STORE_get0_objects(const X509_STORE *),
    // X509_LOOKUP_TYPE X509_OBJECT_get_type(const X509_OBJECT *) and
    // X509 *X509_OBJECT_get0_X509(const X509_OBJECT *).
    let (objs, typ, get) = unsafe {
        (
            core::mem::transmute::<*mut c_void, unsafe extern "C" fn(*mut c_void) -> *mut c_void>(
                objs,
            ),
            core::mem::transmute::<*mut c_void, unsafe extern "C" fn(*mut c_void) -> c_int>(typ),
            core::mem::transmute::<*mut c_void, unsafe extern "C" fn(*mut c_void) -> *mut X509>(
                get,
            ),
        )
    };
    let st = unsafe { objs(store as *mut c_void) } as *mut crate::ffi::stack::OPENSSL_STACK;
    let n = crate::ffi::stack::OPENSSL_sk_num(st).max(0);
    let items: Vec<*mut c_void> = (0..n)
        .map(|i| crate::ffi::stack::OPENSSL_sk_value(st, i))
        .collect();
    let mut fp: u64 = 0xcbf2_9ce4_8422_2325 ^ n as u64;
    for &p in &items {
        fp = (fp ^ p as u64).wrapping_mul(0x100_0000_01b3);
    }
    ctx.set_store_trust(fp, || {
        let certs = items
            .iter()
            // SAFETY: live X509_OBJECTs of the store; type 1 is X509_LU_X509.
            .filter(|&&o| unsafe { typ(o) } == 1)
            .filter_map(|&o| x509_der(unsafe { get(o) }).ok())
            .collect();
        let crls = items
            .iter()
            // SAFETY: as above; type 2 is X509_LU_CRL.
            .filter(|&&o| unsafe { typ(o) } == 2)
            .filter_map(|&o| crl_der(o))
            .collect();
        (certs, crls)
    });
    ctx.set_store_flags(store_flags(store as *mut c_void));
}

/// The issuers of `chain` (leaf first) that the context's libcrypto `X509_STORE` finds through
/// its lookup methods (`X509_STORE_CTX_get_obj_by_subject`: hashed directories added with
/// `X509_STORE_load_locations`/`X509_LOOKUP_hash_dir`, files, ...), followed up to a
/// self-issued certificate. Pass-through mode only; installed as the engine's issuer lookup.
fn lookup_issuers(ctx: &Context, chain: &[CertificateDer<'_>]) -> Vec<CertificateDer<'static>> {
    let Some(app) = ctx_app(ctx) else {
        return Vec::new();
    };
    let store = lock(&app.extra.inner).store;
    if store == 0 || chain.is_empty() {
        return Vec::new();
    }
    let (by_subject, get0, obj_free) = (
        crate::libcrypto_fn!("X509_STORE_CTX_get_obj_by_subject"),
        crate::libcrypto_fn!("X509_OBJECT_get0_X509"),
        crate::libcrypto_fn!("X509_OBJECT_free"),
    );
    if by_subject.is_null() || get0.is_null() || obj_free.is_null() {
        return Vec::new();
    }
    type P = *mut c_void;
    // SAFETY: libcrypto's prototypes (OpenSSL 3.0): X509_OBJECT *X509_STORE_CTX_get_obj_by_subject(
    // X509_STORE_CTX *, X509_LOOKUP_TYPE, const X509_NAME *); X509 *X509_OBJECT_get0_X509(const
    // X509_OBJECT *); void X509_OBJECT_free(X509_OBJECT *).
    let (by_subject, get0, obj_free) = unsafe {
        (
            core::mem::transmute::<P, unsafe extern "C" fn(P, c_int, P) -> P>(by_subject),
            core::mem::transmute::<P, unsafe extern "C" fn(P) -> P>(get0),
            core::mem::transmute::<P, unsafe extern "C" fn(P)>(obj_free),
        )
    };
    /// `X509_LU_X509`.
    const LU_X509: c_int = 1;
    let mut found: Vec<CertificateDer<'static>> = Vec::new();
    // Lookups that find nothing may queue errors; verification reports its own.
    crate::ffi::err::ERR_set_mark();
    let sctx =
        crate::ffi::verify_cb::LcStoreCtx::new(store, core::ptr::null_mut(), core::ptr::null_mut());
    if let Some(sctx) = &sctx {
        let mut queue: Vec<Vec<u8>> = chain.iter().map(|c| c.to_vec()).collect();
        let mut seen = 0;
        while let Some(der) = queue.pop() {
            if seen >= 16 {
                break;
            }
            seen += 1;
            let Ok(x) = crate::ffi::certs::x509_from_der(&der) else {
                continue;
            };
            let iss = crate::ffi::x509::X509_get_issuer_name(x);
            let self_issued = crate::ffi::x509_name::X509_NAME_cmp(
                iss,
                crate::ffi::x509::X509_get_subject_name(x),
            ) == 0;
            let obj = if self_issued {
                core::ptr::null_mut()
            } else {
                // SAFETY: a live store context and the issuer name of a live certificate.
                unsafe { by_subject(sctx.sctx, LU_X509, iss as P) }
            };
            if !obj.is_null() {
                // SAFETY: the object the lookup returned, freed below.
                let cert = unsafe { get0(obj) } as *mut X509;
                if let Ok(d) = x509_der(cert) {
                    if !found.iter().any(|f| f.as_ref() == d.as_ref()) {
                        queue.push(d.to_vec());
                        found.push(d);
                    }
                }
                unsafe { obj_free(obj) };
            }
            crate::ffi::x509::X509_free(x);
        }
    }
    drop(sctx);
    crate::ffi::err::ERR_pop_to_mark();
    found
}

/// The DER of the CRL held by the libcrypto `X509_OBJECT` `o`.
fn crl_der(o: *mut c_void) -> Option<Vec<u8>> {
    let (get, i2d) = (
        crate::libcrypto_fn!("X509_OBJECT_get0_X509_CRL"),
        crate::libcrypto_fn!("i2d_X509_CRL"),
    );
    if get.is_null() || i2d.is_null() {
        return None;
    }
    // SAFETY: X509_CRL *X509_OBJECT_get0_X509_CRL(const X509_OBJECT *) and
    // int i2d_X509_CRL(const X509_CRL *, unsigned char **).
    let get: unsafe extern "C" fn(*mut c_void) -> *mut c_void =
        unsafe { core::mem::transmute(get) };
    let i2d: unsafe extern "C" fn(*mut c_void, *mut *mut c_uchar) -> c_int =
        unsafe { core::mem::transmute(i2d) };
    let crl = unsafe { get(o) };
    if crl.is_null() {
        return None;
    }
    let n = unsafe { i2d(crl, core::ptr::null_mut()) };
    let mut buf = vec![0u8; usize::try_from(n).ok().filter(|&n| n > 0)?];
    let mut p = buf.as_mut_ptr();
    // SAFETY: `buf` has room for the `n` bytes measured above.
    (unsafe { i2d(crl, &mut p) } == n).then_some(buf)
}

/// The flags of a libcrypto `X509_STORE`'s verification parameters (0 if unreadable).
fn store_flags(store: *mut c_void) -> u64 {
    let (get0, flags) = (
        crate::libcrypto_fn!("X509_STORE_get0_param"),
        crate::libcrypto_fn!("X509_VERIFY_PARAM_get_flags"),
    );
    if get0.is_null() || flags.is_null() {
        return 0;
    }
    // SAFETY: X509_VERIFY_PARAM *X509_STORE_get0_param(const X509_STORE *) and
    // unsigned long X509_VERIFY_PARAM_get_flags(const X509_VERIFY_PARAM *).
    let get0: unsafe extern "C" fn(*mut c_void) -> *mut c_void =
        unsafe { core::mem::transmute(get0) };
    let flags: unsafe extern "C" fn(*mut c_void) -> std::ffi::c_ulong =
        unsafe { core::mem::transmute(flags) };
    let p = unsafe { get0(store) };
    if p.is_null() {
        return 0;
    }
    unsafe { flags(p) }
}

/// Called by the clean-failure stubs of `ffi-shim/libssl_stubs.c`: queues `ERR_R_UNSUPPORTED`
/// naming the function.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string literal.
#[no_mangle]
pub unsafe extern "C" fn sslrs_stub_unsupported(name: *const c_char) {
    guard((), || {
        // SAFETY: the stubs pass their own name, a string literal.
        let n = unsafe { crate::ffi::ptr::c_str(name) }
            .and_then(|c| c.to_str().ok())
            .unwrap_or("?");
        crate::crypto::err::push(
            Error::unsupported(lib::SSL, "sslrs_stub")
                .with_data(format!("{n} is not implemented by sslrs")),
        );
    })
}

/// `SSL_CTX_set_default_verify_file(3)`: the default CA file (as `SSL_CTX_set_default_verify_paths`).
///
/// Status: partial — loads every default location, not only the file.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_file(ctx: *mut SSL_CTX) -> c_int {
    crate::ffi::ssl::SSL_CTX_set_default_verify_paths(ctx)
}

/// `SSL_CTX_set_default_verify_dir(3)`: the default CA directory (as
/// `SSL_CTX_set_default_verify_paths`).
///
/// Status: partial — loads every default location, not only the directory.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_dir(ctx: *mut SSL_CTX) -> c_int {
    crate::ffi::ssl::SSL_CTX_set_default_verify_paths(ctx)
}

/// `SSL_CTX_set_default_verify_store(3)`: 1; the default store is the default paths.
///
/// Status: partial — OSSL_STORE URIs are not used; call `SSL_CTX_set_default_verify_paths`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_verify_store(ctx: *mut SSL_CTX) -> c_int {
    one_or_zero(|| ctx_extra(ctx).map(|_| ()))
}

/// `OSSL_LIB_CTX`: libcrypto's library context (opaque; not used by sslrs).
pub struct OSSL_LIB_CTX {
    _private: [u8; 0],
}

/// `SSL_CTX_new_ex(3)`: as `SSL_CTX_new`; the library context and property query are ignored.
///
/// Status: partial — `libctx` and `propq` are ignored (rustls's ring provider does the crypto).
#[no_mangle]
pub extern "C" fn SSL_CTX_new_ex(
    libctx: *mut OSSL_LIB_CTX,
    propq: *const c_char,
    meth: *const crate::ffi::types::SSL_METHOD,
) -> *mut SSL_CTX {
    let _ = (libctx, propq);
    crate::ffi::ssl::SSL_CTX_new(meth)
}

/// The caller's `BIO*` for a libssl function that reads or writes it (`SSL_SESSION_print`,
/// `PEM_*_SSL_SESSION`): ours in native mode, libcrypto's (with a reference of our own while
/// we use it) in pass-through mode. None for NULL.
pub fn caller_bio(p: *mut crate::ffi::types::BIO) -> Option<Arc<crate::crypto::bio::Bio>> {
    if p.is_null() {
        return None;
    }
    if backend::forwarding() {
        crate::ffi::bio::BIO_up_ref(p);
        return crate::crypto::bio::Bio::foreign(p.cast());
    }
    // SAFETY: a live BIO of ours the caller holds.
    unsafe { crate::ffi::types::clone_arc::<crate::ffi::types::BIO>(p) }
}

/// `SSL_CTRL_CHAIN` (`SSL_CTX_set0_chain`/`set1_chain`) and `SSL_CTRL_CHAIN_CERT`
/// (`SSL_CTX_add0_chain_cert`/`add1_chain_cert`): the current certificate's chain. `set0` and
/// `add0` hand over the stack/certificate, which is freed here once its DER is taken.
pub fn ctx_chain_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<Result<c_long>> {
    const SSL_CTRL_CHAIN: c_int = 88;
    const SSL_CTRL_CHAIN_CERT: c_int = 89;
    use crate::ffi::stack::{OPENSSL_sk_num, OPENSSL_sk_value, OPENSSL_STACK};
    if cmd != SSL_CTRL_CHAIN && cmd != SSL_CTRL_CHAIN_CERT {
        return None;
    }
    Some((|| {
        let (c, _) = ctx_extra(ctx)?;
        let leaf = c.with(|cfg| cfg.creds.chain.first().cloned());
        let mut chain: Vec<CertificateDer<'static>> = leaf.into_iter().collect();
        if cmd == SSL_CTRL_CHAIN {
            let st = parg as *mut OPENSSL_STACK;
            if !st.is_null() {
                for i in 0..OPENSSL_sk_num(st).max(0) {
                    chain.push(x509_der(OPENSSL_sk_value(st, i) as *const X509)?);
                }
                if larg == 0 {
                    for i in 0..OPENSSL_sk_num(st).max(0) {
                        crate::ffi::x509::X509_free(OPENSSL_sk_value(st, i) as *mut X509);
                    }
                    crate::ffi::stack::OPENSSL_sk_free(st);
                }
            }
        } else {
            let x = parg as *mut X509;
            let der = x509_der(x)?;
            chain = c.with(|cfg| cfg.creds.chain.clone());
            chain.push(der);
            if larg == 0 {
                crate::ffi::x509::X509_free(x);
            }
        }
        if chain.is_empty() {
            // No certificate yet: OpenSSL fails (there is no current certificate to chain).
            return Err(Error::ssl(ssl_r::NO_CERTIFICATE_SET, "ssl_cert_set0_chain"));
        }
        c.use_chain(chain)?;
        Ok(1)
    })())
}

/// `SSL_CTRL_SET_TMP_DH` (`SSL_CTX_set_tmp_dh`), `SSL_CTRL_SET_TMP_ECDH` and `SSL_CTRL_SET_DH_AUTO`
/// on a context or connection: accepted (1), as OpenSSL accepts them. sslrs never negotiates a
/// DHE suite (a deliberate limit), so finite-field parameters are never used — exactly what
/// OpenSSL does with DHE suites disabled; an ECDH key (pass-through mode) restricts the groups
/// to its curve first ([`tmp_ecdh_nid`]); natively it is accepted and ignored.
/// NULL parameters fail as in OpenSSL.
pub fn dh_ctrl(cmd: c_int, parg: *mut c_void) -> Option<Result<c_long>> {
    const SSL_CTRL_SET_TMP_DH: c_int = 3;
    const SSL_CTRL_SET_TMP_ECDH: c_int = 4;
    const SSL_CTRL_SET_DH_AUTO: c_int = 118;
    match cmd {
        SSL_CTRL_SET_TMP_DH | SSL_CTRL_SET_TMP_ECDH if parg.is_null() => {
            Some(Err(Error::null_param(lib::SSL, "ssl3_ctx_ctrl")))
        }
        SSL_CTRL_SET_TMP_DH | SSL_CTRL_SET_TMP_ECDH | SSL_CTRL_SET_DH_AUTO => Some(Ok(1)),
        _ => None,
    }
}

/// `SSL_CTRL_SET_TMP_ECDH` with an `EC_KEY` (pass-through mode): the NID of the key's named
/// curve, which OpenSSL 3.0 makes the only group offered or accepted (`SSL_CTRL_SET_GROUPS` with
/// that one NID). None for other commands, a NULL key, a key without a named curve, or natively
/// (no libcrypto to read an `EC_KEY`: accepted as before, groups unchanged).
pub fn tmp_ecdh_nid(cmd: c_int, parg: *mut c_void) -> Option<c_int> {
    const SSL_CTRL_SET_TMP_ECDH: c_int = 4;
    if cmd != SSL_CTRL_SET_TMP_ECDH || parg.is_null() || !backend::forwarding() {
        return None;
    }
    let (group, name) = (
        crate::libcrypto_fn!("EC_KEY_get0_group"),
        crate::libcrypto_fn!("EC_GROUP_get_curve_name"),
    );
    if group.is_null() || name.is_null() {
        return None;
    }
    // SAFETY: const EC_GROUP *EC_KEY_get0_group(const EC_KEY *);
    // int EC_GROUP_get_curve_name(const EC_GROUP *).
    let group: unsafe extern "C" fn(*const c_void) -> *const c_void =
        unsafe { core::mem::transmute(group) };
    let name: unsafe extern "C" fn(*const c_void) -> c_int = unsafe { core::mem::transmute(name) };
    // SAFETY: the API passes an EC_KEY (SSL_CTX_set_tmp_ecdh).
    let g = unsafe { group(parg) };
    if g.is_null() {
        return None;
    }
    // SAFETY: a live group of the key.
    let nid = unsafe { name(g) };
    (nid != 0).then_some(nid)
}

/// Pass-through mode: anchors loaded with `SSL_CTX_load_verify_*` / default paths also go into
/// the context's `X509_STORE`, where OpenSSL keeps them and where programs look (stunnel checks
/// the store is not empty; `X509_STORE_get0_objects` lists them).
pub fn mirror_to_store(ctx: *mut SSL_CTX, certs: &[CertificateDer<'static>]) {
    if !backend::forwarding() || certs.is_empty() {
        return;
    }
    let store = SSL_CTX_get_cert_store(ctx);
    let add = crate::libcrypto_fn!("X509_STORE_add_cert");
    if store.is_null() || add.is_null() {
        return;
    }
    // SAFETY: int X509_STORE_add_cert(X509_STORE *, X509 *) (takes its own reference).
    let add: unsafe extern "C" fn(*mut X509_STORE, *mut X509) -> c_int =
        unsafe { core::mem::transmute(add) };
    for der in certs {
        if let Ok(x) = x509_for_caller(der.clone()) {
            // SAFETY: live store and certificate; ours is released right after.
            unsafe { add(store, x) };
            crate::ffi::x509::X509_free(x);
        }
    }
}

/// Pass-through mode: certificates read from a CA directory (`SSL_CTX_load_verify_dir`, the
/// default directory) stay out of the context's `X509_STORE` until a verification used them
/// ([`dir_certs_used`]), as OpenSSL's hashed-directory lookup adds only what it looked up.
pub fn defer_dir_certs(ctx: *mut SSL_CTX, certs: &[CertificateDer<'static>]) {
    if !backend::forwarding() || certs.is_empty() {
        return;
    }
    if let Ok((_, e)) = ctx_extra(ctx) {
        let mut g = lock(&e.inner);
        for c in certs {
            if g.lazy_dir.iter().any(|(_, d)| d == c) {
                continue;
            }
            if let Ok(parsed) = crate::crypto::x509::Certificate::from_der(c.clone()) {
                g.lazy_dir.push((parsed, c.clone()));
            }
        }
    }
}

/// After a handshake: the CA-directory certificates that issue the end of the peer's `chain`
/// (leaf first), walking up to a self-issued one, go into the context's `X509_STORE` now.
pub fn dir_certs_used(ctx: &Context, chain: &[Vec<u8>]) {
    use crate::crypto::x509::Certificate;
    let Some(app) = ctx_app(ctx) else { return };
    let used: Vec<CertificateDer<'static>> = {
        let mut g = lock(&app.extra.inner);
        if g.lazy_dir.is_empty() {
            return;
        }
        let Some(mut cur) = chain
            .last()
            .and_then(|d| Certificate::from_der(CertificateDer::from(d.clone())).ok())
        else {
            return;
        };
        let mut used = Vec::new();
        while !cur.is_self_issued() && used.len() < 16 {
            let Some(i) = g
                .lazy_dir
                .iter()
                .position(|(c, _)| c.subject().matches(cur.issuer()))
            else {
                break;
            };
            let (c, der) = g.lazy_dir.remove(i);
            used.push(der);
            cur = c;
        }
        used
    };
    if !used.is_empty() {
        mirror_to_store(ctx as *const Context as *mut SSL_CTX, &used);
    }
}

/// The CRLs of a CA file loaded with `SSL_CTX_load_verify_locations` go into
/// the context's `X509_STORE` too, as OpenSSL's loader puts them there (libcrypto's
/// `X509_STORE_load_file` reads the file; the certificates are already in).
pub fn mirror_crls_to_store(ctx: *mut SSL_CTX, file: &std::path::Path) {
    if !backend::forwarding() {
        // Natively the CRLs go into the context's own store (made here if need be).
        let crls = std::fs::read(file)
            .map(|b| crate::crypto::pem::read_crls(&b))
            .unwrap_or_default();
        if !crls.is_empty() {
            let store = SSL_CTX_get_cert_store(ctx);
            // SAFETY: natively a context's store is a live NativeStore it holds.
            if let Some(s) = unsafe { borrow::<X509_STORE>(store as *const X509_STORE) } {
                s.add_crls(crls);
            }
        }
        return;
    }
    let Ok(text) = std::fs::read(file) else {
        return;
    };
    if !text.windows(14).any(|w| w == b"BEGIN X509 CRL") {
        return;
    }
    let (store, load) = (
        SSL_CTX_get_cert_store(ctx),
        crate::libcrypto_fn!("X509_STORE_load_file"),
    );
    let Ok(path) = std::ffi::CString::new(file.as_os_str().as_encoded_bytes()) else {
        return;
    };
    if store.is_null() || load.is_null() {
        return;
    }
    // SAFETY: int X509_STORE_load_file(X509_STORE *, const char *).
    let load: unsafe extern "C" fn(*mut X509_STORE, *const c_char) -> c_int =
        unsafe { core::mem::transmute(load) };
    crate::ffi::err::ERR_set_mark();
    unsafe { load(store, path.as_ptr()) };
    crate::ffi::err::ERR_pop_to_mark();
}

// --- verification settings programs make up front (depth, parameters, purpose, host names) --

/// `X509_VERIFY_PARAM_set1(to, from)` (either backend); a NULL `from` copies nothing. The
/// depth of `to` afterwards.
fn param_set1(
    to: *mut X509_VERIFY_PARAM,
    from: *const X509_VERIFY_PARAM,
    func: &'static str,
) -> Result<c_int> {
    if crate::ffi::x509_param::X509_VERIFY_PARAM_set1(to, from) != 1 {
        return Err(Error::ssl(crate::error::common::X509_LIB, func));
    }
    Ok(crate::ffi::x509_param::X509_VERIFY_PARAM_get_depth(to))
}

/// `SSL_CTX_set1_param(3)`: copies the fields set in `vpm` into the context's parameters;
/// connections made afterwards inherit them. 1 or 0.
///
/// Status: partial — as `SSL_CTX_get0_param`.
#[no_mangle]
pub extern "C" fn SSL_CTX_set1_param(ctx: *mut SSL_CTX, vpm: *mut X509_VERIFY_PARAM) -> c_int {
    one_or_zero(|| {
        let (c, e) = ctx_extra(ctx)?;
        let depth = param_set1(
            param_of(e, "SSL_CTX_set1_param")?,
            vpm,
            "SSL_CTX_set1_param",
        )?;
        c.settings_mut(|s| s.verify_depth = depth);
        Ok(())
    })
}

/// `SSL_set1_param(3)`: as `SSL_CTX_set1_param`, for one connection. 1 or 0.
///
/// Status: partial — as `SSL_CTX_set1_param`.
#[no_mangle]
pub extern "C" fn SSL_set1_param(ssl: *mut SSL, vpm: *mut X509_VERIFY_PARAM) -> c_int {
    one_or_zero(|| {
        let depth = param_set1(
            param_of(ssl_extra(ssl)?, "SSL_set1_param")?,
            vpm,
            "SSL_set1_param",
        )?;
        conn_of(obj(ssl)?)?.settings.verify_depth = depth;
        Ok(())
    })
}

/// `SSL_CTX_get_verify_depth(3)`: the depth set by `SSL_CTX_set_verify_depth` (or a parameter
/// set), -1 when none was set.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_verify_depth(ctx: *const SSL_CTX) -> c_int {
    call(-1, || {
        Ok(ctx_extra(ctx)?.0.with(|c| c.settings.verify_depth))
    })
}

/// `SSL_get_verify_depth(3)`: the connection's depth (its context's at `SSL_new`), -1 if unset.
#[no_mangle]
pub extern "C" fn SSL_get_verify_depth(s: *const SSL) -> c_int {
    call(-1, || Ok(conn_of(obj(s)?)?.settings.verify_depth))
}

/// `SSL_set_verify_depth(3)`: the connection's maximum chain depth (recorded as given): a
/// longer path fails with `X509_V_ERR_CERT_CHAIN_TOO_LONG` where OpenSSL's does.
#[no_mangle]
pub extern "C" fn SSL_set_verify_depth(s: *mut SSL, depth: c_int) {
    void(|| {
        conn_of(obj(s)?)?.settings.verify_depth = depth;
        Ok(())
    })
}

/// `SSL_set_verify_result(3)`: overrides what `SSL_get_verify_result` returns (no effect on
/// the connection itself, as in OpenSSL).
#[no_mangle]
pub extern "C" fn SSL_set_verify_result(ssl: *mut SSL, v: c_long) {
    void(|| {
        conn_of(obj(ssl)?)?.set_verify_result(v);
        Ok(())
    })
}

/// `SSL_get_ex_data_X509_STORE_CTX_idx(3)`: the `X509_STORE_CTX` ex_data index under which
/// libssl puts the `SSL*` during verification; allocated once per process (in the active
/// backend's ex_data), the same value on every call; -1 if it cannot be allocated. Verify
/// callbacks find the `SSL*` there in both backends.
#[no_mangle]
pub extern "C" fn SSL_get_ex_data_X509_STORE_CTX_idx() -> c_int {
    static IDX: std::sync::OnceLock<c_int> = std::sync::OnceLock::new();
    guard(-1, || {
        *IDX.get_or_init(|| {
            crate::ffi::ex_data::CRYPTO_get_ex_new_index(
                CRYPTO_EX_INDEX_X509_STORE_CTX,
                0,
                c"SSL for verify callback".as_ptr() as *mut c_void,
                None,
                None,
                None,
            )
        })
    })
}

/// `CRYPTO_EX_INDEX_X509_STORE_CTX` (crypto.h).
const CRYPTO_EX_INDEX_X509_STORE_CTX: c_int = 5;

/// `SSL_CTX_set_purpose` & co: set on the parameters (libcrypto's or native), which queue the
/// error for a bad value as OpenSSL does.
fn set_purpose_or_trust(e: &Extra, v: c_int, trust: bool, func: &'static str) -> Result<c_int> {
    let p = param_of(e, func)?;
    Ok(if trust {
        crate::ffi::x509_param::X509_VERIFY_PARAM_set_trust(p, v)
    } else {
        crate::ffi::x509_param::X509_VERIFY_PARAM_set_purpose(p, v)
    })
}

/// `SSL_CTX_set_purpose(3)`: the purpose the peer's certificate must fit (`X509_PURPOSE_*`).
/// 1, or 0 for an unknown purpose (X509V3 `invalid purpose`).
///
/// Status: partial — natively recorded; rustls-webpki checks the role's extended key usage.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_purpose(ctx: *mut SSL_CTX, purpose: c_int) -> c_int {
    call(0, || {
        set_purpose_or_trust(ctx_extra(ctx)?.1, purpose, false, "SSL_CTX_set_purpose")
    })
}

/// `SSL_set_purpose(3)`: as `SSL_CTX_set_purpose`, for one connection.
///
/// Status: partial — as `SSL_CTX_set_purpose`.
#[no_mangle]
pub extern "C" fn SSL_set_purpose(ssl: *mut SSL, purpose: c_int) -> c_int {
    call(0, || {
        set_purpose_or_trust(ssl_extra(ssl)?, purpose, false, "SSL_set_purpose")
    })
}

/// `SSL_CTX_set_trust(3)`: the trust setting (`X509_TRUST_*`). 1, or 0 for an unknown one
/// (X509 `invalid trust`).
///
/// Status: partial — natively recorded; trust anchors are trusted for every purpose.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_trust(ctx: *mut SSL_CTX, trust: c_int) -> c_int {
    call(0, || {
        set_purpose_or_trust(ctx_extra(ctx)?.1, trust, true, "SSL_CTX_set_trust")
    })
}

/// `SSL_set_trust(3)`: as `SSL_CTX_set_trust`, for one connection.
///
/// Status: partial — as `SSL_CTX_set_trust`.
#[no_mangle]
pub extern "C" fn SSL_set_trust(ssl: *mut SSL, trust: c_int) -> c_int {
    call(0, || {
        set_purpose_or_trust(ssl_extra(ssl)?, trust, true, "SSL_set_trust")
    })
}

/// `SSL_set_hostflags(3)`: `X509_CHECK_FLAG_*` for the host name check, applied with
/// OpenSSL's rules (`engine::hostmatch`).
#[no_mangle]
pub extern "C" fn SSL_set_hostflags(s: *mut SSL, flags: std::ffi::c_uint) {
    void(|| {
        let e = ssl_extra(s)?;
        crate::ffi::x509_param::X509_VERIFY_PARAM_set_hostflags(
            param_of(e, "SSL_set_hostflags")?,
            flags,
        );
        Ok(())
    })
}

/// `SSL_add1_host(3)`: one more acceptable host name for the peer's certificate (a peer
/// matching any of them passes; the first call on a connection without one is
/// `SSL_set1_host`). NULL or `""` adds nothing. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_add1_host(s: *mut SSL, hostname: *const c_char) -> c_int {
    call(0, || {
        // SAFETY: NULL or a NUL-terminated string per the API.
        let Some(h) = (unsafe { crate::ffi::ptr::c_str(hostname) }) else {
            return Ok(1);
        };
        let h = h.to_str().map_err(|_| {
            Error::ssl(
                crate::error::common::PASSED_INVALID_ARGUMENT,
                "SSL_add1_host",
            )
        })?;
        if h.is_empty() {
            return Ok(1);
        }
        let p = param_of(ssl_extra(s)?, "SSL_add1_host")?;
        // A name set with SSL_set1_host stays acceptable: it becomes the parameters' first.
        let first = crate::ffi::x509_param::X509_VERIFY_PARAM_get0_host(p, 0);
        if first.is_null() {
            if let Some(HostCheck::Dns(h0)) = conn_of(obj(s)?)?.host.clone() {
                let h0 = std::ffi::CString::new(h0).unwrap_or_default();
                crate::ffi::x509_param::X509_VERIFY_PARAM_add1_host(p, h0.as_ptr(), 0);
            }
        }
        if crate::ffi::x509_param::X509_VERIFY_PARAM_add1_host(p, hostname, 0) != 1 {
            return Err(Error::ssl(crate::error::common::X509_LIB, "SSL_add1_host"));
        }
        let mut c = conn_of(obj(s)?)?;
        if c.host.is_none() {
            c.host = HostCheck::parse(h);
        }
        Ok(1)
    })
}

/// `SSL_get0_peername(3)`: after a verification whose host check passed, the certificate's
/// name that matched (a wildcard pattern as written in the certificate); NULL otherwise (no
/// name set, an IP address check, verification failed, no handshake).
#[no_mangle]
pub extern "C" fn SSL_get0_peername(s: *mut SSL) -> *const c_char {
    call(core::ptr::null(), || {
        let o = obj(s)?;
        let name = {
            let c = conn_of(o)?;
            match &c.host {
                Some(HostCheck::Dns(_)) if c.peer_certificate().is_some() => c.verify_peername(),
                _ => None,
            }
        };
        let mut g = lock(&o.extra.inner);
        g.peername = name.and_then(|n| std::ffi::CString::new(n).ok());
        Ok(g.peername
            .as_ref()
            .map_or(core::ptr::null(), |n| n.as_ptr()))
    })
}

/// `SSL_CTX_load_verify_store(3)`: trust anchors from a store URI: a `file:` URI or a plain
/// path, naming a PEM file (its certificates) or a directory (the certificates of its files).
/// 1, or 0 (NULL, a path that does not exist, another scheme).
///
/// Status: partial — file paths and `file:` URIs only; other `OSSL_STORE` schemes fail. A file's
/// certificates count as anchors (OpenSSL 3.0 accepts a file here but then fails every
/// verification: its store can search only directories).
#[no_mangle]
pub extern "C" fn SSL_CTX_load_verify_store(ctx: *mut SSL_CTX, CAstore: *const c_char) -> c_int {
    call(0, || {
        ctx_extra(ctx)?;
        // SAFETY: NULL or a NUL-terminated string per the API.
        let Some(uri) = (unsafe { crate::ffi::ptr::c_str(CAstore) }) else {
            return Err(Error::null_param(lib::SSL, "SSL_CTX_load_verify_store"));
        };
        let bytes = uri.to_bytes();
        let path = match bytes.strip_prefix(b"file:") {
            // file:///abs/path and file:/abs/path
            Some(rest) => rest.strip_prefix(b"//").unwrap_or(rest),
            None if bytes.contains(&b':') && !bytes.starts_with(b"/") => {
                return Err(Error::unsupported(lib::SSL, "SSL_CTX_load_verify_store")
                    .with_data("only file paths and file: URIs"));
            }
            None => bytes,
        };
        let path = std::ffi::CString::new(path).map_err(|_| {
            Error::ssl(
                crate::error::common::PASSED_INVALID_ARGUMENT,
                "SSL_CTX_load_verify_store",
            )
        })?;
        let is_dir = std::path::Path::new(
            <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(path.as_bytes()),
        )
        .is_dir();
        Ok(if is_dir {
            crate::ffi::ssl::SSL_CTX_load_verify_dir(ctx, path.as_ptr())
        } else {
            crate::ffi::ssl::SSL_CTX_load_verify_file(ctx, path.as_ptr())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    /// Every export of this file with NULL objects: the failure value, no crash, no panic.
    #[test]
    fn null_sweep() {
        assert!(SSL_CTX_get_cert_store(null()).is_null());
        SSL_CTX_set_cert_store(null_mut(), null_mut());
        SSL_CTX_set1_cert_store(null_mut(), null_mut());
        assert!(SSL_CTX_get0_param(null_mut()).is_null());
        assert!(SSL_get0_param(null_mut()).is_null());
        assert!(SSL_CTX_get_verify_callback(null()).is_none());
        assert!(SSL_get_verify_callback(null()).is_none());
        assert_eq!(SSL_CTX_set_default_verify_file(null_mut()), 0);
        assert_eq!(SSL_CTX_set_default_verify_dir(null_mut()), 0);
        assert_eq!(SSL_CTX_set_default_verify_store(null_mut()), 0);
        assert!(SSL_CTX_new_ex(null_mut(), null(), null()).is_null());
        assert_eq!(SSL_CTX_set1_param(null_mut(), null_mut()), 0);
        assert_eq!(SSL_set1_param(null_mut(), null_mut()), 0);
        assert_eq!(SSL_CTX_get_verify_depth(null()), -1);
        assert_eq!(SSL_get_verify_depth(null()), -1);
        SSL_set_verify_depth(null_mut(), 3);
        SSL_set_verify_result(null_mut(), 20);
        assert_eq!(SSL_CTX_set_purpose(null_mut(), 1), 0);
        assert_eq!(SSL_set_purpose(null_mut(), 1), 0);
        assert_eq!(SSL_CTX_set_trust(null_mut(), 1), 0);
        assert_eq!(SSL_set_trust(null_mut(), 1), 0);
        SSL_set_hostflags(null_mut(), 0);
        assert_eq!(SSL_add1_host(null_mut(), c"a.example".as_ptr()), 0);
        assert!(SSL_get0_peername(null_mut()).is_null());
        assert_eq!(SSL_CTX_load_verify_store(null_mut(), c"/".as_ptr()), 0);
        assert_ne!(crate::crypto::err::peek_first(), 0);
        crate::crypto::err::clear();
    }
}
