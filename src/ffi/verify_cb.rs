//! The application's verify callback (`SSL_CTX_set_verify` / `SSL_set_verify`) and the
//! `X509_STORE_CTX` it is handed.
//!
//! The engine decides the sequence of calls OpenSSL's `X509_verify_cert` would make
//! (`engine::verify::Verifier::decide`); this file makes the `X509_STORE_CTX` for them: in
//! pass-through mode libcrypto's own (current certificate, error, depth, the verified chain and
//! the `SSL*` under `SSL_get_ex_data_X509_STORE_CTX_idx()`, all set through libcrypto's
//! setters, so the callback reads it with libcrypto's functions), natively a small object of
//! ours read by the `X509_STORE_CTX_*` functions below.
//!
//! The callback runs inside the handshake step, with the connection busy: from inside it,
//! `SSL_get_ex_data` and the `X509_STORE_CTX_*` functions work; `SSL_*` functions that read the
//! connection's state fail cleanly ("SSL busy").

use super::callbacks::{lock, SslObj};
use super::certs::{stack_st_X509, x509_from_der};
use super::ssl::SSL_verify_cb;
use super::types::{SSL, X509, X509_STORE_CTX};
use super::{call, void};
use crate::engine::verify::{CertVerifyCallback, VerifyCallback, VerifyRun};
use crate::error::{lib, Error};
use crate::sync::Mutex;
use core::ffi::{c_int, c_void};
use rustls_pki_types::CertificateDer;
use std::collections::HashMap;
use std::sync::Arc;

/// The callback of one connection, as the engine calls it.
struct FfiVerify {
    ssl: usize,
    cb: unsafe extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int,
    /// The context's libcrypto `X509_STORE*` (pass-through mode), or 0.
    store: usize,
}

/// An installed callback object and the function (and argument) it was made for.
type Slot<K, T> = Mutex<Option<(K, Arc<T>)>>;

/// The connection's callback objects, made again only when the callbacks change.
#[derive(Default)]
pub struct Installed(
    Slot<usize, dyn VerifyCallback>,
    Slot<(usize, usize), dyn CertVerifyCallback>,
);

/// Before each operation: the engine gets the connection's verify callback (or none).
pub fn install(ssl: *const SSL, o: &SslObj, c: &mut crate::engine::conn::Conn) {
    install_cert_verify(ssl, o, c);
    let cb = crate::ffi::compat::verify_cb_of(&o.extra);
    let Some(f) = cb else {
        c.verify_callback = None;
        return;
    };
    let mut g = lock(&o.verify_installed.0);
    let key = f as usize;
    if let Some((k, obj)) = &*g {
        if *k == key {
            c.verify_callback = Some(obj.clone());
            return;
        }
    }
    let obj: Arc<dyn VerifyCallback> = Arc::new(FfiVerify {
        ssl: ssl as usize,
        cb: f,
        store: crate::ffi::compat::store_of(&c.ctx),
    });
    *g = Some((key, obj.clone()));
    c.verify_callback = Some(obj);
}

/// The context's `SSL_CTX_set_cert_verify_callback`, for the engine.
fn install_cert_verify(ssl: *const SSL, o: &SslObj, c: &mut crate::engine::conn::Conn) {
    let key = crate::ffi::compat::cert_verify_of(&c.ctx);
    if key.0 == 0 {
        c.cert_verify_callback = None;
        return;
    }
    let mut g = lock(&o.verify_installed.1);
    if let Some((k, obj)) = &*g {
        if *k == key {
            c.cert_verify_callback = Some(obj.clone());
            return;
        }
    }
    // SAFETY: the non-zero function pointer SSL_CTX_set_cert_verify_callback recorded.
    let cb: unsafe extern "C" fn(*mut X509_STORE_CTX, *mut c_void) -> c_int =
        unsafe { core::mem::transmute(key.0) };
    let obj: Arc<dyn CertVerifyCallback> = Arc::new(FfiCertVerify {
        ssl: ssl as usize,
        cb,
        arg: key.1,
        verify_cb: crate::ffi::compat::verify_cb_of(&o.extra),
        store: crate::ffi::compat::store_of(&c.ctx),
    });
    *g = Some((key, obj.clone()));
    c.cert_verify_callback = Some(obj);
}

/// `SSL_CTX_set_cert_verify_callback`'s function, as the engine calls it.
struct FfiCertVerify {
    ssl: usize,
    cb: unsafe extern "C" fn(*mut X509_STORE_CTX, *mut c_void) -> c_int,
    arg: usize,
    /// The connection's verify callback, which libcrypto's `X509_verify_cert` calls too.
    verify_cb: SSL_verify_cb,
    store: usize,
}

impl CertVerifyCallback for FfiCertVerify {
    fn run(
        &self,
        chain: &[CertificateDer<'static>],
        default: &dyn Fn() -> (i64, bool),
    ) -> (i64, bool) {
        let certs: Vec<*mut X509> = chain.iter().filter_map(|d| x509_from_der(d).ok()).collect();
        if certs.is_empty() {
            return (crate::engine::verify::x509_v::UNSPECIFIED, false);
        }
        let (verdict, err) = if crate::ffi::backend::forwarding() {
            self.run_foreign(&certs)
        } else {
            let mut ctx = NativeStoreCtx::new(certs[0], &certs, self.ssl);
            // The default verification, for X509_verify_cert (valid during the call only).
            let d: &dyn Fn() -> (i64, bool) = default;
            ctx.default = &d as *const &dyn Fn() -> (i64, bool) as usize;
            let p = &mut ctx as *mut NativeStoreCtx as *mut X509_STORE_CTX;
            // SAFETY: the application's callback with our live store context.
            let r = unsafe { (self.cb)(p, self.arg as *mut c_void) };
            let err = i64::from(ctx.error);
            ctx.release();
            (r > 0, err)
        };
        for x in certs {
            crate::ffi::x509::X509_free(x);
        }
        (err, verdict)
    }
}

impl FfiCertVerify {
    /// Pass-through mode: libcrypto's store context over the context's store, with the chain
    /// the peer sent as untrusted certificates; `X509_verify_cert` is libcrypto's.
    fn run_foreign(&self, certs: &[*mut X509]) -> (bool, i64) {
        let untrusted = crate::ffi::stack::OPENSSL_sk_new_null();
        for &x in &certs[1..] {
            crate::ffi::stack::OPENSSL_sk_push(untrusted, x as *const c_void);
        }
        let mut out = (false, crate::engine::verify::x509_v::UNSPECIFIED);
        if let Some(ctx) = LcStoreCtx::new(self.store, certs[0], untrusted as P) {
            let sctx = ctx.sctx as *mut X509_STORE_CTX;
            let idx = crate::ffi::compat::SSL_get_ex_data_X509_STORE_CTX_idx();
            X509_STORE_CTX_set_ex_data(sctx, idx, self.ssl as *mut c_void);
            if let Some(vcb) = self.verify_cb {
                lc_set(
                    crate::libcrypto_fn!("X509_STORE_CTX_set_verify_cb"),
                    ctx.sctx,
                    vcb as P,
                );
            }
            // SAFETY: the application's callback with libcrypto's live store context.
            let r = unsafe { (self.cb)(sctx, self.arg as *mut c_void) };
            out = (r > 0, i64::from(X509_STORE_CTX_get_error(sctx)));
        }
        crate::ffi::stack::OPENSSL_sk_free(untrusted);
        out
    }
}

impl VerifyCallback for FfiVerify {
    fn begin<'a>(&'a self, path: &[CertificateDer<'static>]) -> Box<dyn VerifyRun + 'a> {
        let certs: Vec<*mut X509> = path.iter().filter_map(|d| x509_from_der(d).ok()).collect();
        if crate::ffi::backend::forwarding() {
            Box::new(ForeignRun::new(self, certs))
        } else {
            Box::new(NativeRun::new(self, certs))
        }
    }
}

// --- pass-through: libcrypto's X509_STORE_CTX ------------------------------------------------

type P = *mut c_void;

struct ForeignRun<'a> {
    v: &'a FfiVerify,
    ctx: Option<LcStoreCtx>,
    certs: Vec<*mut X509>,
}

/// libcrypto's `void f(X509_STORE_CTX *, T)`, if present.
fn lc_set<T>(f: P, sctx: P, v: T) {
    if !f.is_null() {
        // SAFETY: a libcrypto setter `void f(X509_STORE_CTX *, T)` named by the caller.
        let f: unsafe extern "C" fn(P, T) = unsafe { core::mem::transmute(f) };
        unsafe { f(sctx, v) }
    }
}

/// Calls libcrypto's `void f(T *)` (`f` from `libcrypto_fn!`), if present.
fn lc_free(f: P, p: P) {
    if !f.is_null() && !p.is_null() {
        // SAFETY: a libcrypto destructor `void f(T *)` named by the caller.
        let f: unsafe extern "C" fn(P) = unsafe { core::mem::transmute(f) };
        unsafe { f(p) }
    }
}

/// libcrypto's `X509_STORE_CTX` (pass-through mode), initialised over `store` (a fresh empty
/// store of its own when 0) for `leaf` and the `untrusted` stack (either may be NULL); freed,
/// with that store, on drop.
pub struct LcStoreCtx {
    pub sctx: P,
    own_store: P,
}

impl LcStoreCtx {
    pub fn new(store: usize, leaf: *mut X509, untrusted: P) -> Option<LcStoreCtx> {
        let (new, init, store_new) = (
            crate::libcrypto_fn!("X509_STORE_CTX_new"),
            crate::libcrypto_fn!("X509_STORE_CTX_init"),
            crate::libcrypto_fn!("X509_STORE_new"),
        );
        if new.is_null() || init.is_null() || store_new.is_null() {
            return None;
        }
        // SAFETY: X509_STORE_CTX *X509_STORE_CTX_new(void); X509_STORE *X509_STORE_new(void);
        // int X509_STORE_CTX_init(X509_STORE_CTX *, X509_STORE *, X509 *, STACK_OF(X509) *).
        let (new, init, store_new) = unsafe {
            (
                core::mem::transmute::<P, unsafe extern "C" fn() -> P>(new),
                core::mem::transmute::<P, unsafe extern "C" fn(P, P, P, P) -> c_int>(init),
                core::mem::transmute::<P, unsafe extern "C" fn() -> P>(store_new),
            )
        };
        let mut ctx = LcStoreCtx {
            sctx: core::ptr::null_mut(),
            own_store: core::ptr::null_mut(),
        };
        let store = if store == 0 {
            ctx.own_store = unsafe { store_new() };
            ctx.own_store
        } else {
            store as P
        };
        ctx.sctx = unsafe { new() };
        if store.is_null() || ctx.sctx.is_null() {
            return None;
        }
        (unsafe { init(ctx.sctx, store, leaf as P, untrusted) } == 1).then_some(ctx)
    }
}

impl Drop for LcStoreCtx {
    fn drop(&mut self) {
        lc_free(crate::libcrypto_fn!("X509_STORE_CTX_free"), self.sctx);
        lc_free(crate::libcrypto_fn!("X509_STORE_free"), self.own_store);
    }
}

impl<'a> ForeignRun<'a> {
    fn new(v: &'a FfiVerify, certs: Vec<*mut X509>) -> ForeignRun<'a> {
        let leaf = certs.first().copied();
        let ctx = leaf.and_then(|l| LcStoreCtx::new(v.store, l, core::ptr::null_mut()));
        if let Some(c) = &ctx {
            let idx = crate::ffi::compat::SSL_get_ex_data_X509_STORE_CTX_idx();
            X509_STORE_CTX_set_ex_data(c.sctx as *mut X509_STORE_CTX, idx, v.ssl as *mut c_void);
            // The verified chain (X509_STORE_CTX_get0_chain), owned by the store context.
            let sk = crate::ffi::stack::OPENSSL_sk_new_null();
            if !sk.is_null() {
                for &x in &certs {
                    crate::ffi::x509::X509_up_ref(x);
                    crate::ffi::stack::OPENSSL_sk_push(sk, x as *const c_void);
                }
                lc_set(
                    crate::libcrypto_fn!("X509_STORE_CTX_set0_verified_chain"),
                    c.sctx,
                    sk as P,
                );
            }
        }
        ForeignRun { v, ctx, certs }
    }
}

impl VerifyRun for ForeignRun<'_> {
    fn call(&mut self, ok: bool, depth: usize, error: i64) -> (bool, i64) {
        let Some(sctx) = self.ctx.as_ref().map(|c| c.sctx) else {
            return (ok, error);
        };
        let x = self
            .certs
            .get(depth)
            .copied()
            .unwrap_or(core::ptr::null_mut());
        lc_set(
            crate::libcrypto_fn!("X509_STORE_CTX_set_current_cert"),
            sctx,
            x as P,
        );
        let s = sctx as *mut X509_STORE_CTX;
        X509_STORE_CTX_set_error_depth(s, depth as c_int);
        X509_STORE_CTX_set_error(s, error as c_int);
        // SAFETY: the application's callback with a live store context.
        let verdict = unsafe { (self.v.cb)(c_int::from(ok), s) } != 0;
        (verdict, i64::from(X509_STORE_CTX_get_error(s)))
    }
}

impl Drop for ForeignRun<'_> {
    fn drop(&mut self) {
        self.ctx = None;
        for &x in &self.certs {
            crate::ffi::x509::X509_free(x);
        }
    }
}

// --- native: our X509_STORE_CTX --------------------------------------------------------------

/// What a native `X509_STORE_CTX*` points at during a verify callback.
pub struct NativeStoreCtx {
    pub(super) current: *mut X509,
    pub(super) error: c_int,
    pub(super) depth: c_int,
    /// The verified chain (a stack of our `X509`s, holding references).
    pub(super) chain: *mut crate::ffi::stack::OPENSSL_STACK,
    pub(super) leaf: *mut X509,
    pub(super) ex: HashMap<c_int, usize>,
    /// During `SSL_CTX_set_cert_verify_callback`'s call: the default verification for
    /// `X509_verify_cert` (a `*const &dyn Fn() -> (i64, bool)`; 0 otherwise).
    default: usize,
    /// A context the program made (`X509_STORE_CTX_new`/`_init`) for `X509_verify_cert`.
    pub(super) own: Option<crate::ffi::x509_store_ctx::Own>,
}

impl NativeStoreCtx {
    /// A store context for `certs` (leaf first; each gets a reference for the chain).
    pub(super) fn new(leaf: *mut X509, certs: &[*mut X509], ssl: usize) -> NativeStoreCtx {
        let chain = crate::ffi::stack::OPENSSL_sk_new_null();
        for &x in certs {
            crate::ffi::x509::X509_up_ref(x);
            crate::ffi::stack::OPENSSL_sk_push(chain, x as *const c_void);
        }
        let mut ex = HashMap::new();
        ex.insert(
            crate::ffi::compat::SSL_get_ex_data_X509_STORE_CTX_idx(),
            ssl,
        );
        NativeStoreCtx {
            current: core::ptr::null_mut(),
            error: 0,
            depth: 0,
            chain,
            leaf,
            ex,
            default: 0,
            own: None,
        }
    }

    /// Drops the chain's references.
    pub(super) fn release(&mut self) {
        crate::ffi::stack::OPENSSL_sk_pop_free(
            core::mem::replace(&mut self.chain, core::ptr::null_mut()),
            Some(free_x509),
        );
    }
}

struct NativeRun<'a> {
    v: &'a FfiVerify,
    ctx: Box<NativeStoreCtx>,
    certs: Vec<*mut X509>,
}

impl<'a> NativeRun<'a> {
    fn new(v: &'a FfiVerify, certs: Vec<*mut X509>) -> NativeRun<'a> {
        let leaf = certs.first().copied().unwrap_or(core::ptr::null_mut());
        NativeRun {
            v,
            ctx: Box::new(NativeStoreCtx::new(leaf, &certs, v.ssl)),
            certs,
        }
    }
}

impl VerifyRun for NativeRun<'_> {
    fn call(&mut self, ok: bool, depth: usize, error: i64) -> (bool, i64) {
        self.ctx.current = self
            .certs
            .get(depth)
            .copied()
            .unwrap_or(core::ptr::null_mut());
        self.ctx.depth = depth as c_int;
        self.ctx.error = error as c_int;
        let p = &mut *self.ctx as *mut NativeStoreCtx as *mut X509_STORE_CTX;
        // SAFETY: the application's callback with our live store context.
        let verdict = unsafe { (self.v.cb)(c_int::from(ok), p) } != 0;
        (verdict, i64::from(self.ctx.error))
    }
}

impl Drop for NativeRun<'_> {
    fn drop(&mut self) {
        self.ctx.release();
        for &x in &self.certs {
            crate::ffi::x509::X509_free(x);
        }
    }
}

unsafe extern "C" fn free_x509(p: *mut c_void) {
    crate::ffi::x509::X509_free(p as *mut X509);
}

/// The native store context behind `ctx` (only ever one of ours during a callback).
fn native<'a>(
    ctx: *const X509_STORE_CTX,
    func: &'static str,
) -> Result<&'a mut NativeStoreCtx, Error> {
    if ctx.is_null() {
        return Err(Error::null_param(lib::X509, func));
    }
    // SAFETY: natively the only X509_STORE_CTX* sslrs hands out is a live NativeStoreCtx, for
    // the duration of the verify callback it is passed to.
    Ok(unsafe { &mut *(ctx as *mut NativeStoreCtx) })
}

/// `X509_verify_cert(3)`: verifies the store context's chain: 1, or 0 with the store context's
/// error (and depth, current certificate, chain) set. Inside the function given to
/// `SSL_CTX_set_cert_verify_callback` it runs sslrs's verification of the peer's chain (the
/// verify callback included); on a context the program made (`X509_STORE_CTX_new`/`_init`) it
/// verifies that certificate against that store; -1 when there is no certificate.
#[no_mangle]
pub extern "C" fn X509_verify_cert(ctx: *mut X509_STORE_CTX) -> c_int {
    crate::forward!(X509_verify_cert(ctx));
    call(-1, || {
        let n = native(ctx, "X509_verify_cert")?;
        if n.default == 0 {
            return crate::ffi::x509_store_ctx::verify(ctx);
        }
        // SAFETY: set by FfiCertVerify::run for the duration of the application's call.
        let f = unsafe { &*(n.default as *const &dyn Fn() -> (i64, bool)) };
        let (code, accepted) = f();
        n.error = code as c_int;
        Ok(c_int::from(accepted))
    })
}

/// `X509_STORE_CTX_get_current_cert(3)`: the certificate the callback is about (borrowed).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_current_cert(ctx: *const X509_STORE_CTX) -> *mut X509 {
    crate::forward!(X509_STORE_CTX_get_current_cert(ctx));
    call(core::ptr::null_mut(), || {
        Ok(native(ctx, "X509_STORE_CTX_get_current_cert")?.current)
    })
}

/// `X509_STORE_CTX_get0_cert(3)`: the certificate being verified (the leaf; borrowed).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_cert(ctx: *const X509_STORE_CTX) -> *mut X509 {
    crate::forward!(X509_STORE_CTX_get0_cert(ctx));
    call(core::ptr::null_mut(), || {
        Ok(native(ctx, "X509_STORE_CTX_get0_cert")?.leaf)
    })
}

/// `X509_STORE_CTX_get_error(3)`: the `X509_V_*` error at this point (0 for NULL).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_error(ctx: *const X509_STORE_CTX) -> c_int {
    crate::forward!(X509_STORE_CTX_get_error(ctx));
    call(0, || Ok(native(ctx, "X509_STORE_CTX_get_error")?.error))
}

/// `X509_STORE_CTX_set_error(3)`: sets the error (the verdict's error when the callback fails).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_error(ctx: *mut X509_STORE_CTX, s: c_int) {
    crate::forward!(X509_STORE_CTX_set_error(ctx, s));
    void(|| {
        native(ctx, "X509_STORE_CTX_set_error")?.error = s;
        Ok(())
    })
}

/// `X509_STORE_CTX_get_error_depth(3)`: the depth of the certificate concerned (0: the leaf).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_error_depth(ctx: *const X509_STORE_CTX) -> c_int {
    crate::forward!(X509_STORE_CTX_get_error_depth(ctx));
    call(0, || {
        Ok(native(ctx, "X509_STORE_CTX_get_error_depth")?.depth)
    })
}

/// `X509_STORE_CTX_set_error_depth(3)`.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_error_depth(ctx: *mut X509_STORE_CTX, depth: c_int) {
    crate::forward!(X509_STORE_CTX_set_error_depth(ctx, depth));
    void(|| {
        native(ctx, "X509_STORE_CTX_set_error_depth")?.depth = depth;
        Ok(())
    })
}

/// `X509_STORE_CTX_get_ex_data(3)`: under `SSL_get_ex_data_X509_STORE_CTX_idx()` the `SSL*`
/// being verified; other indexes what `X509_STORE_CTX_set_ex_data` put there (NULL if none).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get_ex_data(
    ctx: *const X509_STORE_CTX,
    idx: c_int,
) -> *mut c_void {
    crate::forward!(X509_STORE_CTX_get_ex_data(ctx, idx));
    call(core::ptr::null_mut(), || {
        let n = native(ctx, "X509_STORE_CTX_get_ex_data")?;
        Ok(n.ex.get(&idx).copied().unwrap_or(0) as *mut c_void)
    })
}

/// `X509_STORE_CTX_set_ex_data(3)`: 1, or 0 for a negative index.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_ex_data(
    ctx: *mut X509_STORE_CTX,
    idx: c_int,
    data: *mut c_void,
) -> c_int {
    crate::forward!(X509_STORE_CTX_set_ex_data(ctx, idx, data));
    call(0, || {
        let n = native(ctx, "X509_STORE_CTX_set_ex_data")?;
        if idx < 0 {
            // OpenSSL's two entries, as for every other ex_data
            for func in ["OPENSSL_sk_set", "CRYPTO_set_ex_data"] {
                crate::crypto::err::push(Error::new(
                    lib::CRYPTO,
                    crate::error::common::PASSED_INVALID_ARGUMENT,
                    func,
                ));
            }
            return Ok(0);
        }
        n.ex.insert(idx, data as usize);
        Ok(1)
    })
}

/// `X509_STORE_CTX_get0_chain(3)`: the chain being verified, leaf first (borrowed).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_chain(ctx: *const X509_STORE_CTX) -> *mut stack_st_X509 {
    crate::forward!(X509_STORE_CTX_get0_chain(ctx));
    call(core::ptr::null_mut(), || {
        Ok(native(ctx, "X509_STORE_CTX_get0_chain")?.chain as *mut stack_st_X509)
    })
}

/// `X509_STORE_CTX_get1_chain(3)`: a copy of the chain, each certificate with a new reference
/// (free with `sk_X509_pop_free(chain, X509_free)`).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get1_chain(ctx: *const X509_STORE_CTX) -> *mut stack_st_X509 {
    crate::forward!(X509_STORE_CTX_get1_chain(ctx));
    call(core::ptr::null_mut(), || {
        let n = native(ctx, "X509_STORE_CTX_get1_chain")?;
        let copy = crate::ffi::stack::OPENSSL_sk_dup(n.chain);
        for i in 0..crate::ffi::stack::OPENSSL_sk_num(copy).max(0) {
            crate::ffi::x509::X509_up_ref(crate::ffi::stack::OPENSSL_sk_value(copy, i) as *mut X509);
        }
        Ok(copy as *mut stack_st_X509)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    /// The store-context functions with NULL: the failure value, no crash.
    #[test]
    fn null_sweep() {
        assert!(X509_STORE_CTX_get_current_cert(null()).is_null());
        assert!(X509_STORE_CTX_get0_cert(null()).is_null());
        assert_eq!(X509_STORE_CTX_get_error(null()), 0);
        X509_STORE_CTX_set_error(null_mut(), 1);
        assert_eq!(X509_STORE_CTX_get_error_depth(null()), 0);
        X509_STORE_CTX_set_error_depth(null_mut(), 1);
        assert!(X509_STORE_CTX_get_ex_data(null(), 0).is_null());
        assert_eq!(X509_STORE_CTX_set_ex_data(null_mut(), 0, null_mut()), 0);
        assert!(X509_STORE_CTX_get0_chain(null()).is_null());
        assert!(X509_STORE_CTX_get1_chain(null()).is_null());
        crate::crypto::err::clear();
    }
}
