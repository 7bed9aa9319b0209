//! `openssl/pem.h` certificate writing and bulk reading: `PEM_write_bio_X509`,
//! `PEM_read_bio_X509_AUX`, `PEM_X509_INFO_read_bio` and `X509_INFO_free`.
//!
//! A native `X509_INFO*` is a `Box<X509InfoRepr>`, laid out as OpenSSL's public
//! `struct X509_info_st` (programs read `info->x509`).

use super::pem::pem_password_cb;
use super::stack::{Stack, OPENSSL_STACK};
use super::types::{self, BIO, X509};
use super::{call, guard, null_on_error};
use crate::crypto::pem::{self, Want};
use crate::crypto::x509::Certificate;
use crate::error::{common, lib, Error};
use core::ffi::{c_char, c_int, c_void};
use rustls_pki_types::CertificateDer;
use std::sync::Arc;

/// `X509_INFO` (`struct X509_info_st`).
pub struct X509_INFO {
    _private: [u8; 0],
}
/// `STACK_OF(X509_INFO)` (`struct stack_st_X509_INFO`).
pub struct stack_st_X509_INFO {
    _private: [u8; 0],
}

/// OpenSSL's `struct X509_info_st` (x509.h): certificate, CRL, key, cipher info, encrypted
/// data.
#[repr(C)]
pub struct X509InfoRepr {
    pub x509: *mut X509,
    pub crl: *mut c_void,
    pub x_pkey: *mut c_void,
    pub enc_cipher: *const c_void,
    pub enc_iv: [u8; 16],
    pub enc_len: c_int,
    pub enc_data: *mut c_char,
}

/// `PEM_write_bio_X509(out, x)`: the certificate as a `CERTIFICATE` block. 1, or 0 (PEM
/// `ASN1 lib` for NULL or an empty certificate).
#[no_mangle]
pub extern "C" fn PEM_write_bio_X509(out: *mut BIO, x: *const X509) -> c_int {
    crate::forward!(PEM_write_bio_X509(out, x));
    call(0, || {
        // SAFETY: NULL or a live X509.
        let c = unsafe { types::borrow::<X509>(x) }
            .filter(|c| !c.is_empty())
            .ok_or(Error::new(lib::PEM, common::ASN1_LIB, "PEM_ASN1_write_bio"))?;
        let text = pem::encode_block("CERTIFICATE", c.der.as_ref());
        if super::asn1_int::bio_puts(out, text.as_bytes()) < 0 {
            return Err(Error::new(lib::PEM, common::BUF_LIB, "PEM_write_bio"));
        }
        Ok(1)
    })
}

/// `PEM_read_bio_X509_AUX(out, x, cb, u)`: as `PEM_read_bio_X509`.
///
/// Status: partial — `TRUSTED CERTIFICATE` blocks (with trust settings) are skipped like any
/// other non-certificate block.
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509_AUX(
    out: *mut BIO,
    x: *mut *mut X509,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut X509 {
    crate::forward_new!(PEM_read_bio_X509_AUX(out, x, cb, u));
    super::pem::PEM_read_bio_X509(out, x, cb, u)
}

unsafe extern "C" fn free_info_cb(p: *mut c_void) {
    X509_INFO_free(p.cast());
}

/// `PEM_X509_INFO_read_bio(bp, sk, cb, u)`: one `X509_INFO` per certificate block of `bp`
/// (to its end), appended to `sk` (or to a new stack when `sk` is NULL); returns the stack.
/// NULL on a malformed block (the entries added by this call are freed again).
///
/// Status: partial — only certificates are read; CRL and private key blocks are skipped.
#[no_mangle]
pub extern "C" fn PEM_X509_INFO_read_bio(
    bp: *mut BIO,
    sk: *mut stack_st_X509_INFO,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut stack_st_X509_INFO {
    crate::forward_new!(PEM_X509_INFO_read_bio(bp, sk, cb, u));
    let _ = (cb, u);
    null_on_error(|| {
        // SAFETY: NULL or a live BIO.
        let Some(bio) = (unsafe { types::borrow::<BIO>(bp) }) else {
            // OpenSSL: reading a NULL BIO is the end of the input; `sk` (or a new empty
            // stack) comes back, no error entry left
            if sk.is_null() {
                return Ok(Stack::new(None).into_c().cast());
            }
            return Ok(sk);
        };
        let mut next = move || {
            let mut b = [0u8; 1];
            (bio.read(&mut b) == 1).then_some(b[0])
        };
        let mut new_items: Vec<*mut c_void> = Vec::new();
        let result = loop {
            match pem::read_stream_block(&mut next, Want::Certificate) {
                Ok((_, der)) => match Certificate::from_der(CertificateDer::from(der)) {
                    Ok(cert) => {
                        let info = Box::new(X509InfoRepr {
                            x509: types::into_c::<X509>(Arc::new(cert)),
                            crl: core::ptr::null_mut(),
                            x_pkey: core::ptr::null_mut(),
                            enc_cipher: core::ptr::null(),
                            enc_iv: [0; 16],
                            enc_len: 0,
                            enc_data: core::ptr::null_mut(),
                        });
                        new_items.push(Box::into_raw(info).cast());
                    }
                    Err(e) => {
                        crate::crypto::err::push(e);
                        break Err(Error::new(
                            lib::PEM,
                            common::ASN1_LIB,
                            "PEM_X509_INFO_read_bio_ex",
                        ));
                    }
                },
                // End of input: no more blocks.
                Err(e) if e.lib == lib::PEM && e.reason == 108 => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        if let Err(e) = result {
            for p in new_items {
                // SAFETY: made above, not handed out.
                unsafe { free_info_cb(p) };
            }
            return Err(e);
        }
        if sk.is_null() {
            let mut st = Stack::new(None);
            st.data = new_items;
            return Ok(st.into_c().cast());
        }
        for p in new_items {
            super::stack::OPENSSL_sk_push(sk as *mut OPENSSL_STACK, p);
        }
        Ok(sk)
    })
}

/// `X509_INFO_free(a)`: frees the entry and the certificate reference it holds; NULL is a
/// no-op.
#[no_mangle]
pub extern "C" fn X509_INFO_free(a: *mut X509_INFO) {
    crate::forward!(X509_INFO_free(a));
    guard((), || {
        if a.is_null() {
            return;
        }
        // SAFETY: a Box<X509InfoRepr> made by PEM_X509_INFO_read_bio, given up.
        let info = unsafe { Box::from_raw(a as *mut X509InfoRepr) };
        super::x509::X509_free(info.x509);
        // SAFETY: OpenSSL's enc_data is malloc'ed; ours is always NULL.
        unsafe { libc::free(info.enc_data.cast()) };
    })
}
