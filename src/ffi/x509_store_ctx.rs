//! Verification a program runs itself in the native backend: `X509_STORE_CTX_new`, `_init`,
//! `_cleanup`, `_free`, `_set_verify_cb`, `_get0_store`, `_set_purpose`, and `X509_verify_cert`
//! on such a context (the certificate, the untrusted ones, the store's anchors, CRLs, flags and
//! depth), with OpenSSL's results and callback calls from the engine's verifier. The other
//! `X509_STORE_CTX_*` readers are shared with the verify callback's context (`verify_cb.rs`).
//! In pass-through mode all of it is libcrypto's.

use super::compat::X509_STORE;
use super::types::{borrow, X509, X509_STORE_CTX};
use super::verify_cb::NativeStoreCtx;
use super::{call, guard, null_on_error, void};
use crate::engine::verify::{Standalone, VerifyCallback, VerifyRun};
use crate::error::{lib, Error, Result};
use core::ffi::{c_int, c_void};
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

/// `X509_STORE_CTX_verify_cb`: the program's verify callback on its own context.
pub type X509_STORE_CTX_verify_cb =
    Option<unsafe extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>;

/// `X509_PURPOSE_SSL_CLIENT` (x509v3.h).
const X509_PURPOSE_SSL_CLIENT: c_int = 1;
/// `X509_R_NO_CERT_SET_FOR_US_TO_VERIFY` (x509err.h).
const X509_R_NO_CERT_SET_FOR_US_TO_VERIFY: c_int = 105;

/// What a context the program made holds besides the shared fields.
#[derive(Default)]
pub struct Own {
    /// The trust store (a reference), or NULL.
    store: usize,
    untrusted: Vec<CertificateDer<'static>>,
    cb: X509_STORE_CTX_verify_cb,
    purpose: c_int,
}

/// The program's context behind `ctx` (one it made with `X509_STORE_CTX_new`).
fn own_ctx<'a>(ctx: *const X509_STORE_CTX, func: &'static str) -> Result<&'a mut NativeStoreCtx> {
    if ctx.is_null() {
        return Err(Error::null_param(lib::X509, func));
    }
    // SAFETY: natively an X509_STORE_CTX* is a live NativeStoreCtx.
    let n = unsafe { &mut *(ctx as *mut NativeStoreCtx) };
    if n.own.is_none() {
        return Err(Error::new(
            lib::X509,
            crate::error::common::SHOULD_NOT_HAVE_BEEN_CALLED,
            func,
        ));
    }
    Ok(n)
}

/// Drops what `_init` took: the certificate, the chain of the last verification and, unless
/// `keep_store` (`X509_STORE_CTX_cleanup`: OpenSSL's context still names its store), the store.
fn clean(n: &mut NativeStoreCtx, keep_store: bool) {
    n.release();
    n.chain = crate::ffi::stack::OPENSSL_sk_new_null();
    if !n.leaf.is_null() {
        crate::ffi::x509::X509_free(core::mem::replace(&mut n.leaf, core::ptr::null_mut()));
    }
    if let Some(o) = n.own.as_mut() {
        let store = core::mem::take(&mut o.store);
        if keep_store {
            o.store = store;
        } else if store != 0 {
            crate::ffi::x509_store::X509_STORE_free(store as *mut X509_STORE);
        }
        o.untrusted.clear();
        o.cb = None;
        o.purpose = 0;
    }
    n.current = core::ptr::null_mut();
    n.error = 0;
    n.depth = 0;
}

/// `X509_STORE_CTX_new(3)`: an empty context for `X509_STORE_CTX_init`.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_new() -> *mut X509_STORE_CTX {
    crate::forward_new!(X509_STORE_CTX_new());
    null_on_error(|| {
        let mut n = NativeStoreCtx::new(core::ptr::null_mut(), &[], 0);
        n.ex.clear();
        n.own = Some(Own::default());
        Ok(Box::into_raw(Box::new(n)) as *mut X509_STORE_CTX)
    })
}

/// `X509_STORE_CTX_free(3)`: cleans up and frees; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_free(ctx: *mut X509_STORE_CTX) {
    crate::forward!(X509_STORE_CTX_free(ctx));
    guard((), || {
        if let Ok(n) = own_ctx(ctx, "X509_STORE_CTX_free") {
            clean(n, false);
            n.release();
            // SAFETY: made by X509_STORE_CTX_new (Box), given up by the caller.
            drop(unsafe { Box::from_raw(ctx as *mut NativeStoreCtx) });
        }
    })
}

/// `X509_STORE_CTX_cleanup(3)`: forgets what `_init` set, so the context can be initialised
/// again.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_cleanup(ctx: *mut X509_STORE_CTX) {
    crate::forward!(X509_STORE_CTX_cleanup(ctx));
    void(|| {
        clean(own_ctx(ctx, "X509_STORE_CTX_cleanup")?, true);
        Ok(())
    })
}

/// `X509_STORE_CTX_init(3)`: what to verify: `target` (may be NULL until verification) with
/// the `untrusted` certificates (may be NULL) against `trust_store` (may be NULL: no anchors).
/// 1, or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_init(
    ctx: *mut X509_STORE_CTX,
    trust_store: *mut X509_STORE,
    target: *mut X509,
    untrusted: *mut super::certs::stack_st_X509,
) -> c_int {
    crate::forward!(X509_STORE_CTX_init(ctx, trust_store, target, untrusted));
    call(0, || {
        let n = own_ctx(ctx, "X509_STORE_CTX_init")?;
        clean(n, false);
        let st = untrusted as *mut crate::ffi::stack::OPENSSL_STACK;
        let chain: Vec<CertificateDer<'static>> = (0..crate::ffi::stack::OPENSSL_sk_num(st).max(0))
            .map(|i| crate::ffi::stack::OPENSSL_sk_value(st, i) as *const X509)
            // SAFETY: the stack's certificates are live native X509s.
            .filter_map(|x| unsafe { borrow::<X509>(x) }.map(|c| c.der.clone()))
            .collect();
        if !trust_store.is_null() {
            crate::ffi::x509_store::X509_STORE_up_ref(trust_store);
        }
        if !target.is_null() {
            crate::ffi::x509::X509_up_ref(target);
        }
        n.leaf = target;
        let o = n.own.get_or_insert_with(Own::default);
        o.store = trust_store as usize;
        o.untrusted = chain;
        Ok(1)
    })
}

/// `X509_STORE_CTX_set_verify_cb(3)`: the callback `X509_verify_cert` calls (NULL: the
/// default, which returns `preverify_ok`).
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_verify_cb(
    ctx: *mut X509_STORE_CTX,
    verify: X509_STORE_CTX_verify_cb,
) {
    crate::forward!(X509_STORE_CTX_set_verify_cb(ctx, verify));
    void(|| {
        if let Some(o) = own_ctx(ctx, "X509_STORE_CTX_set_verify_cb")?.own.as_mut() {
            o.cb = verify;
        }
        Ok(())
    })
}

/// `X509_STORE_CTX_get0_store(3)`: the trust store given to `_init` (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_get0_store(ctx: *const X509_STORE_CTX) -> *mut X509_STORE {
    crate::forward!(X509_STORE_CTX_get0_store(ctx));
    call(core::ptr::null_mut(), || {
        let n = own_ctx(ctx, "X509_STORE_CTX_get0_store")?;
        Ok(n.own.as_ref().map_or(0, |o| o.store) as *mut X509_STORE)
    })
}

/// `X509_STORE_CTX_set_purpose(3)`: `X509_PURPOSE_SSL_CLIENT` verifies a client's certificate
/// (clientAuth), any other known purpose a server's. 1, or 0 for an unknown purpose.
#[no_mangle]
pub extern "C" fn X509_STORE_CTX_set_purpose(ctx: *mut X509_STORE_CTX, purpose: c_int) -> c_int {
    crate::forward!(X509_STORE_CTX_set_purpose(ctx, purpose));
    call(0, || {
        // OpenSSL: purpose 0 changes nothing and succeeds, before looking at `ctx`
        if purpose == 0 {
            return Ok(1);
        }
        let n = own_ctx(ctx, "X509_STORE_CTX_set_purpose")?;
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(lib::X509, 121, "X509_STORE_CTX_purpose_inherit"));
        }
        if let Some(o) = n.own.as_mut() {
            o.purpose = purpose;
        }
        Ok(1)
    })
}

/// The calls of one `X509_verify_cert` on the program's context: the context's current
/// certificate, depth and error are set for each, and the program's callback (or the default)
/// gives the verdict.
struct OwnCallback {
    ctx: usize,
    cb: X509_STORE_CTX_verify_cb,
}

struct OwnRun {
    ctx: usize,
    cb: X509_STORE_CTX_verify_cb,
    certs: Vec<*mut X509>,
}

impl VerifyCallback for OwnCallback {
    fn begin<'a>(&'a self, path: &[CertificateDer<'static>]) -> Box<dyn VerifyRun + 'a> {
        let certs: Vec<*mut X509> = path
            .iter()
            .filter_map(|d| super::certs::x509_from_der(d.as_ref()).ok())
            .collect();
        // SAFETY: the program's live context, used only on this thread during the call.
        let n = unsafe { &mut *(self.ctx as *mut NativeStoreCtx) };
        for &x in &certs {
            crate::ffi::x509::X509_up_ref(x);
            crate::ffi::stack::OPENSSL_sk_push(n.chain, x as *const c_void);
        }
        Box::new(OwnRun {
            ctx: self.ctx,
            cb: self.cb,
            certs,
        })
    }
}

impl VerifyRun for OwnRun {
    fn call(&mut self, ok: bool, depth: usize, error: i64) -> (bool, i64) {
        let p = self.ctx as *mut NativeStoreCtx;
        // SAFETY: as in `begin`; no other reference to the context is live during the call.
        unsafe {
            (*p).current = self
                .certs
                .get(depth)
                .copied()
                .unwrap_or(core::ptr::null_mut());
            (*p).depth = depth as c_int;
            (*p).error = error as c_int;
        }
        let verdict = match self.cb {
            // SAFETY: the program's callback with its own context.
            Some(f) => {
                let r = unsafe { f(c_int::from(ok), p as *mut X509_STORE_CTX) };
                r != 0
            }
            None => ok,
        };
        // SAFETY: as above.
        (verdict, i64::from(unsafe { (*p).error }))
    }
}

impl Drop for OwnRun {
    fn drop(&mut self) {
        for &x in &self.certs {
            crate::ffi::x509::X509_free(x);
        }
    }
}

// SAFETY: the pointer is used only by the thread running X509_verify_cert, during that call.
unsafe impl Send for OwnCallback {}
// SAFETY: as above.
unsafe impl Sync for OwnCallback {}

/// `X509_verify_cert` on a context the program made.
pub fn verify(ctx: *mut X509_STORE_CTX) -> Result<c_int> {
    let n = own_ctx(ctx, "X509_verify_cert")?;
    if n.leaf.is_null() {
        return Err(Error::new(
            lib::X509,
            X509_R_NO_CERT_SET_FOR_US_TO_VERIFY,
            "X509_verify_cert",
        ));
    }
    // SAFETY: a live native X509 the context holds a reference to.
    let leaf = unsafe { borrow::<X509>(n.leaf) }
        .map(|c| c.der.clone())
        .ok_or(Error::null_param(lib::X509, "X509_verify_cert"))?;
    let o = n.own.as_ref().ok_or(Error::internal("X509_verify_cert"))?;
    // SAFETY: NULL or the live store the context holds a reference to.
    let store = unsafe { borrow::<X509_STORE>(o.store as *const X509_STORE) };
    let (anchors, crls, flags, depth, purpose) = match store {
        Some(s) => {
            let (_, certs, crls) = s.snapshot();
            (certs, crls, s.flags(), s.depth(), s.purpose())
        }
        None => (Vec::new(), Vec::new(), 0, -1, 0),
    };
    let purpose = if o.purpose != 0 { o.purpose } else { purpose };
    let callback = Arc::new(OwnCallback {
        ctx: ctx as usize,
        cb: o.cb,
    });
    let untrusted = o.untrusted.clone();
    n.release();
    n.chain = crate::ffi::stack::OPENSSL_sk_new_null();
    let s = Standalone {
        anchors,
        crls,
        flags,
        depth,
        time: None,
        client: purpose == X509_PURPOSE_SSL_CLIENT,
        hosts: Vec::new(),
        hostflags: 0,
        callback,
    };
    let (code, ok, _) = crate::engine::verify::verify_standalone(s, &leaf, &untrusted);
    // SAFETY: the run is over; the context is the program's again.
    let n = unsafe { &mut *(ctx as *mut NativeStoreCtx) };
    n.error = code as c_int;
    Ok(c_int::from(ok))
}
