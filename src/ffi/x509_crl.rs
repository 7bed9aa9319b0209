//! `X509_CRL` in the native backend, as far as loading revocation lists into a store goes:
//! `d2i_X509_CRL`, `i2d_X509_CRL`, `PEM_read_bio_X509_CRL`, `X509_CRL_up_ref`, `X509_CRL_free`
//! and `X509_STORE_add_crl`. A native CRL is its DER, checked by rustls-webpki's parser when
//! made; revocation checks (`X509_V_FLAG_CRL_CHECK`) use the store's CRLs. In pass-through
//! mode every function here is libcrypto's.

use super::compat::X509_STORE;
use super::types::{borrow, into_c, release, up_ref, Handle, BIO};
use super::{call, guard, null_on_error};
use crate::error::{lib, Error, Result};
use core::ffi::{c_int, c_long, c_uchar, c_void};
use std::sync::Arc;

/// `X509_CRL`: a certificate revocation list.
pub struct X509_CRL {
    _private: [u8; 0],
}

/// What a native `X509_CRL*` points at.
pub struct Crl {
    pub der: Vec<u8>,
}

impl Handle for X509_CRL {
    type Inner = Crl;
}

/// `ASN1_R_*` for DER that is no CRL (asn1err.h: `ASN1_R_NESTED_ASN1_ERROR`).
const ASN1_R_NESTED_ASN1_ERROR: c_int = 58;

/// A CRL from DER that webpki can read; the DER's length must be exact.
fn parse(der: &[u8], func: &'static str) -> Result<Crl> {
    webpki::OwnedCertRevocationList::from_der(der)
        .map_err(|_| Error::new(lib::ASN1, ASN1_R_NESTED_ASN1_ERROR, func))?;
    Ok(Crl { der: der.to_vec() })
}

/// `d2i_X509_CRL(a, in, len)`: a CRL from the DER at `*in` (advanced past it). NULL on
/// failure.
#[no_mangle]
pub extern "C" fn d2i_X509_CRL(
    a: *mut *mut X509_CRL,
    r#in: *mut *const c_uchar,
    len: c_long,
) -> *mut X509_CRL {
    crate::forward_new!(d2i_X509_CRL(a, r#in, len));
    null_on_error(|| {
        // SAFETY: `in` is NULL or a valid pointer to a pointer per the d2i contract.
        let start = unsafe { r#in.as_ref() }
            .copied()
            .unwrap_or(core::ptr::null());
        if start.is_null() {
            return Err(Error::null_param(lib::ASN1, "d2i_X509_CRL"));
        }
        let len = usize::try_from(len).map_err(|_| {
            Error::new(
                lib::ASN1,
                crate::crypto::x509::ASN1_R_TOO_LONG,
                "ASN1_get_object",
            )
        })?;
        // SAFETY: `*in` points at `len` readable bytes per the d2i contract.
        let bytes = unsafe { super::ptr::in_buf(start.cast(), len) }?;
        let used = crate::crypto::x509::der::Reader::new(bytes)
            .any()?
            .raw
            .len();
        let crl = parse(&bytes[..used], "d2i_X509_CRL")?;
        let p = into_c::<X509_CRL>(Arc::new(crl));
        // SAFETY: `in` is non-NULL (checked above); `a` is NULL or writable.
        unsafe {
            *r#in = start.add(used);
            super::x509::replace_out(a, p);
        }
        Ok(p)
    })
}

/// `i2d_X509_CRL(a, out)`: the DER length; with `out`, writes it at `*out` (advanced) or, for
/// `*out == NULL`, a `malloc`'d copy there. 0 for NULL `a` (nothing queued, as measured).
#[no_mangle]
pub extern "C" fn i2d_X509_CRL(a: *const X509_CRL, out: *mut *mut c_uchar) -> c_int {
    crate::forward!(i2d_X509_CRL(a, out));
    call(-1, || {
        // SAFETY: NULL or a live CRL.
        let Some(crl) = (unsafe { borrow::<X509_CRL>(a) }) else {
            return Ok(0);
        };
        // SAFETY: `out` per the i2d contract.
        unsafe { super::x509_name::write_i2d(&crl.der, out) }
    })
}

/// `PEM_read_bio_X509_CRL(bp, x, cb, u)`: the next `X509 CRL` block of the BIO. NULL on
/// failure (PEM `no start line` when there is none).
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509_CRL(
    bp: *mut BIO,
    x: *mut *mut X509_CRL,
    cb: super::pem::pem_password_cb,
    u: *mut c_void,
) -> *mut X509_CRL {
    crate::forward_new!(PEM_read_bio_X509_CRL(bp, x, cb, u));
    let _ = (cb, u);
    null_on_error(|| {
        // SAFETY: NULL or a live BIO.
        let bio = unsafe { borrow::<BIO>(bp) }.ok_or(Error::null_param(lib::BIO, "BIO_gets"))?;
        let mut next = || {
            let mut b = [0u8; 1];
            (bio.read(&mut b) == 1).then_some(b[0])
        };
        let der = crate::crypto::pem::read_stream_labeled(&mut next, "X509 CRL")?;
        let crl = parse(&der, "PEM_read_bio_X509_CRL").map_err(|_| {
            Error::new(
                lib::PEM,
                crate::error::common::ASN1_LIB,
                "PEM_ASN1_read_bio",
            )
        })?;
        let p = into_c::<X509_CRL>(Arc::new(crl));
        // SAFETY: `x` is NULL or the caller's out-parameter.
        unsafe { super::x509::replace_out(x, p) };
        Ok(p)
    })
}

/// `X509_CRL_up_ref(crl)`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn X509_CRL_up_ref(crl: *mut X509_CRL) -> c_int {
    crate::forward!(X509_CRL_up_ref(crl));
    // SAFETY: NULL or a live CRL.
    guard(0, || unsafe { up_ref::<X509_CRL>(crl) })
}

/// `X509_CRL_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_CRL_free(a: *mut X509_CRL) {
    crate::forward!(X509_CRL_free(a));
    // SAFETY: NULL or a CRL reference the caller gives up.
    guard((), || unsafe { release::<X509_CRL>(a) })
}

/// `X509_STORE_add_crl(xs, x)`: adds the CRL to the store (checked under
/// `X509_V_FLAG_CRL_CHECK`); adding one already there succeeds. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_STORE_add_crl(xs: *mut X509_STORE, x: *mut X509_CRL) -> c_int {
    crate::forward!(X509_STORE_add_crl(xs, x));
    call(0, || {
        // SAFETY: NULL or live objects the caller holds.
        let (Some(store), Some(crl)) = (unsafe { borrow::<X509_STORE>(xs) }, unsafe {
            borrow::<X509_CRL>(x)
        }) else {
            return Err(Error::null_param(lib::X509, "X509_STORE_add_crl"));
        };
        store.add_crls(vec![crl.der.clone()]);
        Ok(1)
    })
}
