//! `X509_STORE` in the native backend: the trust anchors (and verification flags, depth,
//! purpose) a program puts into a context's store with `X509_STORE_add_cert`,
//! `X509_STORE_load_file`/`_path`/`_locations` or `X509_STORE_set_default_paths`, read by the
//! context when a peer's chain arrives (`compat::sync_store`). In pass-through mode every
//! function here is libcrypto's (`forward!`).

use super::compat::X509_STORE;
use super::ptr::c_str;
use super::types::{borrow, into_c, release, up_ref, Handle, X509};
use super::{call, guard, null_on_error};
use crate::error::{common, lib, Error, Result};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_uchar, c_ulong};
use rustls_pki_types::CertificateDer;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What a native `X509_STORE*` points at.
#[derive(Default)]
pub struct NativeStore {
    certs: Mutex<Vec<CertificateDer<'static>>>,
    /// CRLs (DER), for `X509_V_FLAG_CRL_CHECK`.
    crls: Mutex<Vec<Vec<u8>>>,
    flags: AtomicU64,
    depth: Mutex<Option<c_int>>,
    purpose: Mutex<c_int>,
    /// Bumped by every change, so a context reads the anchors again only when they changed.
    generation: AtomicU64,
}

impl Handle for X509_STORE {
    type Inner = NativeStore;
}

impl NativeStore {
    fn add(&self, certs: Vec<CertificateDer<'static>>) {
        let mut g = self.certs.lock().unwrap_or_else(|e| e.into_inner());
        for c in certs {
            if !g.contains(&c) {
                g.push(c);
            }
        }
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds CRLs (DER) not already held.
    pub fn add_crls(&self, crls: Vec<Vec<u8>>) {
        let mut g = self.crls.lock().unwrap_or_else(|e| e.into_inner());
        for c in crls {
            if !g.contains(&c) {
                g.push(c);
            }
        }
        drop(g);
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// A fingerprint of the store's contents, its anchors and its CRLs.
    pub fn snapshot(&self) -> (u64, Vec<CertificateDer<'static>>, Vec<Vec<u8>>) {
        let certs = self.certs.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let crls = self.crls.lock().unwrap_or_else(|e| e.into_inner()).clone();
        (self.generation.load(Ordering::Relaxed), certs, crls)
    }

    /// `X509_STORE_set_depth`'s depth (-1: none).
    pub fn depth(&self) -> c_int {
        self.depth
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .unwrap_or(-1)
    }

    /// `X509_STORE_set_purpose`'s purpose (0: none).
    pub fn purpose(&self) -> c_int {
        *self.purpose.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `X509_STORE_set_flags`'s flags.
    pub fn flags(&self) -> u64 {
        self.flags.load(Ordering::Relaxed)
    }
}

/// The native store behind `s` (pass-through mode never gets here).
fn native<'a>(s: *const X509_STORE, func: &'static str) -> Result<&'a NativeStore> {
    // SAFETY: NULL or a store this library handed out and the caller holds.
    unsafe { borrow::<X509_STORE>(s) }.ok_or(Error::null_param(lib::X509, func))
}

/// A new native store, as `SSL_CTX_get_cert_store` makes one for a context.
pub fn new_native() -> *mut X509_STORE {
    into_c::<X509_STORE>(Arc::new(NativeStore::default()))
}

/// `X509_STORE_new(3)`: an empty store.
#[no_mangle]
pub extern "C" fn X509_STORE_new() -> *mut X509_STORE {
    crate::forward_new!(X509_STORE_new());
    null_on_error(|| Ok(new_native()))
}

/// `X509_STORE_free(3)`: drops one reference; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_STORE_free(v: *mut X509_STORE) {
    crate::forward!(X509_STORE_free(v));
    // SAFETY: NULL or a store we handed out, with a reference the caller gives up.
    guard((), || unsafe { release::<X509_STORE>(v) })
}

/// `X509_STORE_up_ref(3)`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn X509_STORE_up_ref(v: *mut X509_STORE) -> c_int {
    crate::forward!(X509_STORE_up_ref(v));
    // SAFETY: NULL or a live store.
    guard(0, || unsafe { up_ref::<X509_STORE>(v) })
}

/// `X509_STORE_add_cert(3)`: `x` becomes a trust anchor (a certificate already there: 1 too).
#[no_mangle]
pub extern "C" fn X509_STORE_add_cert(ctx: *mut X509_STORE, x: *mut X509) -> c_int {
    crate::forward!(X509_STORE_add_cert(ctx, x));
    call(0, || {
        let s = native(ctx, "X509_STORE_add_cert")?;
        if x.is_null() {
            return Err(Error::null_param(lib::X509, "X509_STORE_add_cert"));
        }
        let n = crate::ffi::x509::i2d_X509(x, core::ptr::null_mut());
        let len = usize::try_from(n)
            .map_err(|_| Error::new(lib::X509, common::ASN1_LIB, "X509_STORE_add_cert"))?;
        let mut buf = vec![0u8; len];
        let mut p: *mut c_uchar = buf.as_mut_ptr();
        if crate::ffi::x509::i2d_X509(x, &mut p) != n {
            return Err(Error::new(
                lib::X509,
                common::ASN1_LIB,
                "X509_STORE_add_cert",
            ));
        }
        s.add(vec![CertificateDer::from(buf)]);
        Ok(1)
    })
}

/// `X509_LOOKUP_load_file`: the certificates and CRLs of a PEM file; errors for a file with
/// neither or that cannot be read.
fn load_file_into(s: &NativeStore, path: &Path) -> Result<()> {
    use crate::crypto::x509::X509_R_NO_CERTIFICATE_OR_CRL_FOUND;
    let func = "X509_load_cert_crl_file_ex";
    let bytes = std::fs::read(path).map_err(|e| {
        crate::crypto::err::push(crate::crypto::pem::open_error(path, &e));
        Error::new(lib::X509, common::SYS_LIB, func)
    })?;
    let crls = crate::crypto::pem::read_crls(&bytes);
    match crate::crypto::pem::read_certs(&bytes) {
        Ok(certs) => s.add(certs),
        Err(_) if !crls.is_empty() => {}
        Err(_) => {
            return Err(Error::new(
                lib::X509,
                X509_R_NO_CERTIFICATE_OR_CRL_FOUND,
                func,
            ))
        }
    }
    if !crls.is_empty() {
        s.add_crls(crls);
    }
    Ok(())
}

/// `X509_STORE_load_file(3)`: the certificates of a PEM file. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_load_file(ctx: *mut X509_STORE, file: *const c_char) -> c_int {
    crate::forward!(X509_STORE_load_file(ctx, file));
    call(0, || {
        let s = native(ctx, "X509_STORE_load_file")?;
        let path = path_of(file, "X509_STORE_load_file")?;
        load_file_into(s, Path::new(&path))?;
        Ok(1)
    })
}

/// `X509_STORE_load_path(3)`: a directory of certificates.
///
/// Status: partial — natively the directory's certificates are read at once (OpenSSL looks
/// them up by subject hash when verifying); a missing directory is no error, as in OpenSSL.
#[no_mangle]
pub extern "C" fn X509_STORE_load_path(ctx: *mut X509_STORE, path: *const c_char) -> c_int {
    crate::forward!(X509_STORE_load_path(ctx, path));
    call(0, || {
        let s = native(ctx, "X509_STORE_load_path")?;
        let dir = path_of(path, "X509_STORE_load_path")?;
        s.add(crate::crypto::x509::load_trust_dir(Path::new(&dir)).unwrap_or_default());
        Ok(1)
    })
}

/// `X509_STORE_load_locations(3)`: a file and/or a directory; 0 when both are NULL.
///
/// Status: partial — as `X509_STORE_load_path` for the directory.
#[no_mangle]
pub extern "C" fn X509_STORE_load_locations(
    ctx: *mut X509_STORE,
    file: *const c_char,
    dir: *const c_char,
) -> c_int {
    crate::forward!(X509_STORE_load_locations(ctx, file, dir));
    if file.is_null() && dir.is_null() {
        return 0;
    }
    if !file.is_null() && X509_STORE_load_file(ctx, file) != 1 {
        return 0;
    }
    if !dir.is_null() && X509_STORE_load_path(ctx, dir) != 1 {
        return 0;
    }
    1
}

/// `X509_STORE_set_default_paths(3)`: the default CA file and directory (`SSL_CERT_FILE`,
/// `SSL_CERT_DIR`); missing ones are no error.
#[no_mangle]
pub extern "C" fn X509_STORE_set_default_paths(ctx: *mut X509_STORE) -> c_int {
    crate::forward!(X509_STORE_set_default_paths(ctx));
    call(0, || {
        let s = native(ctx, "X509_STORE_set_default_paths")?;
        let mut certs =
            crate::crypto::pem::read_certs_file(&crate::crypto::x509::default_cert_file())
                .unwrap_or_default();
        certs.extend(
            crate::crypto::x509::load_trust_dir(&crate::crypto::x509::default_cert_dir())
                .unwrap_or_default(),
        );
        s.add(certs);
        Ok(1)
    })
}

/// `X509_STORE_set_flags(3)`: adds `X509_V_FLAG_*` flags (`X509_V_FLAG_PARTIAL_CHAIN` is used
/// natively; the CRL flags need CRLs, which only a libcrypto store holds).
#[no_mangle]
pub extern "C" fn X509_STORE_set_flags(ctx: *mut X509_STORE, flags: c_ulong) -> c_int {
    crate::forward!(X509_STORE_set_flags(ctx, flags));
    call(0, || {
        let s = native(ctx, "X509_STORE_set_flags")?;
        s.flags.fetch_or(flags, Ordering::Relaxed);
        s.generation.fetch_add(1, Ordering::Relaxed);
        Ok(1)
    })
}

/// `X509_STORE_set_depth(3)`: recorded.
///
/// Status: partial — recorded; the verify depth of `SSL_CTX_set_verify_depth` limits chains.
#[no_mangle]
pub extern "C" fn X509_STORE_set_depth(store: *mut X509_STORE, depth: c_int) -> c_int {
    crate::forward!(X509_STORE_set_depth(store, depth));
    call(0, || {
        *native(store, "X509_STORE_set_depth")?
            .depth
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(depth);
        Ok(1)
    })
}

/// `X509_STORE_set_purpose(3)`: 1 for a known `X509_PURPOSE_*`, else 0 (X509V3 `invalid
/// purpose`).
///
/// Status: partial — recorded; webpki checks the role's extended key usage.
#[no_mangle]
pub extern "C" fn X509_STORE_set_purpose(ctx: *mut X509_STORE, purpose: c_int) -> c_int {
    crate::forward!(X509_STORE_set_purpose(ctx, purpose));
    call(0, || {
        let s = native(ctx, "X509_STORE_set_purpose")?;
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(lib::X509V3, 146, "X509_PURPOSE_set"));
        }
        *s.purpose.lock().unwrap_or_else(|e| e.into_inner()) = purpose;
        Ok(1)
    })
}

fn path_of(p: *const c_char, func: &'static str) -> Result<String> {
    // SAFETY: NULL or a NUL-terminated path per the API.
    let c = unsafe { c_str(p) }.ok_or(Error::null_param(lib::X509, func))?;
    Ok(c.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        X509_STORE_free(null_mut());
        assert_eq!(X509_STORE_up_ref(null_mut()), 0);
        assert_eq!(X509_STORE_add_cert(null_mut(), null_mut()), 0);
        assert_eq!(X509_STORE_load_file(null_mut(), null()), 0);
        assert_eq!(X509_STORE_load_path(null_mut(), null()), 0);
        assert_eq!(X509_STORE_load_locations(null_mut(), null(), null()), 0);
        assert_eq!(X509_STORE_set_default_paths(null_mut()), 0);
        assert_eq!(X509_STORE_set_flags(null_mut(), 0), 0);
        assert_eq!(X509_STORE_set_depth(null_mut(), 1), 0);
        assert_eq!(X509_STORE_set_purpose(null_mut(), 1), 0);
        let s = X509_STORE_new();
        assert!(!s.is_null());
        assert_eq!(X509_STORE_add_cert(s, null_mut()), 0);
        assert_eq!(X509_STORE_load_file(s, c"/nonexistent/sslrs".as_ptr()), 0);
        assert_eq!(X509_STORE_set_purpose(s, 99), 0);
        assert_eq!(X509_STORE_up_ref(s), 1);
        X509_STORE_free(s);
        X509_STORE_free(s);
        crate::crypto::err::clear();
    }
}
