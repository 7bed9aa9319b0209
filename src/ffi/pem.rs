//! `openssl/pem.h` family exports: reading certificates and private keys from BIOs and `FILE*`s.
//!
//! Streams are read line by line and left positioned right after the block that was returned,
//! as OpenSSL leaves them. Encrypted keys (PKCS#8 PBES2, legacy `Proc-Type: 4,ENCRYPTED` with
//! AES-CBC or DES-EDE3-CBC) are decrypted with the password the `pem_password_cb` gives ([`ask_password`]).

use super::null_on_error;
use super::types::{self, BIO, EVP_PKEY, X509};
use crate::crypto::{pem, pkey::PrivateKey};
use crate::error::{lib, Error};
use core::ffi::{c_char, c_int, c_void};
use std::sync::Arc;

/// `pem_password_cb`: `int cb(char *buf, int size, int rwflag, void *userdata)`.
/// (OpenSSL declares the function type; headers take `pem_password_cb *`.)
pub type pem_password_cb = Option<
    unsafe extern "C" fn(
        buf: *mut c_char,
        size: c_int,
        rwflag: c_int,
        userdata: *mut c_void,
    ) -> c_int,
>;

/// `PEM_BUFSIZE` (pem.h): the size of the buffer a `pem_password_cb` gets.
const PEM_BUFSIZE: c_int = 1024;
/// `ERR_LIB_UI` (err.h).
const LIB_UI: i32 = 40;
/// `UI_R_PROCESSING_ERROR` (uierr.h).
const UI_R_PROCESSING_ERROR: i32 = 107;
/// `PEM_R_PROBLEMS_GETTING_PASSWORD` (pemerr.h).
const PEM_R_PROBLEMS_GETTING_PASSWORD: i32 = 109;

/// Asks for the password of an encrypted key as OpenSSL's PEM reader does: the callback with a
/// `PEM_BUFSIZE` (1024) byte buffer and `rwflag` 0; a negative result or one larger than the
/// buffer is a failure, 0 an empty password. Without a callback, `u` is the password (a C
/// string, cut at 1024 bytes: `PEM_def_callback`); without either, OpenSSL prompts on the
/// terminal: sslrs never prompts, and queues what OpenSSL queues when there is no terminal.
pub(crate) fn ask_password(
    cb: pem_password_cb,
    u: *mut c_void,
) -> Option<crate::crypto::enckey::Password> {
    let mut buf = zeroize::Zeroizing::new(vec![0u8; PEM_BUFSIZE as usize]);
    match cb {
        Some(cb) => {
            // SAFETY: the application's callback with a writable buffer of the size given.
            let n = unsafe { cb(buf.as_mut_ptr().cast(), PEM_BUFSIZE, 0, u) };
            let n = usize::try_from(n)
                .ok()
                .filter(|&n| n <= PEM_BUFSIZE as usize)?;
            buf.truncate(n);
            Some(buf)
        }
        None if !u.is_null() => {
            // SAFETY: per OpenSSL's contract the argument is then a NUL-terminated password.
            let s = unsafe { core::ffi::CStr::from_ptr(u as *const c_char) }.to_bytes();
            let n = s.len().min(PEM_BUFSIZE as usize);
            buf[..n].copy_from_slice(&s[..n]);
            buf.truncate(n);
            Some(buf)
        }
        None => {
            crate::crypto::err::push(
                Error::new(LIB_UI, UI_R_PROCESSING_ERROR, "UI_process")
                    .with_data("while reading strings"),
            );
            crate::crypto::err::push(Error::new(
                lib::PEM,
                PEM_R_PROBLEMS_GETTING_PASSWORD,
                "PEM_def_callback",
            ));
            None
        }
    }
}

/// A byte source over a BIO (one `Bio::read` of one byte per call, like `BIO_gets` does on
/// most BIOs, so nothing past the current line is consumed).
fn bio_bytes(bio: &crate::crypto::bio::Bio) -> impl FnMut() -> Option<u8> + '_ {
    move || {
        let mut b = [0u8; 1];
        (bio.read(&mut b) == 1).then_some(b[0])
    }
}

/// A byte source over a C `FILE*` (`fgetc`).
///
/// # Safety
/// `fp` must be a valid open `FILE*` for as long as the closure is used.
unsafe fn file_bytes(fp: *mut libc::FILE) -> impl FnMut() -> Option<u8> {
    move || {
        // SAFETY: `fp` is a valid open stream per the caller.
        let c = unsafe { libc::fgetc(fp) };
        (c != libc::EOF).then_some(c as u8)
    }
}

/// Stores `p` in the `EVP_PKEY **x` out-parameter, releasing the reference it held.
///
/// # Safety
/// `x` must be NULL or point at NULL or a live EVP_PKEY reference owned by the caller.
unsafe fn replace_key_out(x: *mut *mut EVP_PKEY, p: *mut EVP_PKEY) {
    if x.is_null() {
        return;
    }
    // SAFETY: valid for read and write per the caller.
    unsafe {
        let old = *x;
        if old != p {
            types::release::<EVP_PKEY>(old);
        }
        *x = p;
    }
}

/// `PEM_read_bio_X509(out, x, cb, u)`: the next `CERTIFICATE` block of `out` (other blocks are
/// skipped). Returns one reference, also stored in `*x` when `x` is not NULL (the reference
/// `*x` held is released: OpenSSL reuses the object instead — a deviation only visible to
/// callers holding a second reference). `*x` is untouched on failure.
/// Errors: no block: PEM `no start line` (`0480006C`, data `Expecting: CERTIFICATE`); bad
/// base64: PEM 100; bad DER: the ASN1 reason then PEM `ASN1 lib`. NULL `out` gives NULL.
#[no_mangle]
pub extern "C" fn PEM_read_bio_X509(
    out: *mut BIO,
    x: *mut *mut X509,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut X509 {
    crate::forward_new!(PEM_read_bio_X509(out, x, cb, u));
    let _ = (cb, u);
    null_on_error(|| {
        // SAFETY: `out` is NULL or a live BIO.
        let bio =
            unsafe { types::borrow::<BIO>(out) }.ok_or(Error::null_param(lib::BIO, "BIO_gets"))?;
        let cert = pem::read_stream_cert(&mut bio_bytes(bio))?;
        let p = types::into_c::<X509>(Arc::new(cert));
        // SAFETY: `x` is NULL or the caller's out-parameter.
        unsafe { super::x509::replace_out(x, p) };
        Ok(p)
    })
}

/// `PEM_read_X509(out, x, cb, u)`: as [`PEM_read_bio_X509`] on a `FILE*`, read with `fgetc`
/// so the stream is left right after the returned block. NULL `out` gives NULL.
#[no_mangle]
pub extern "C" fn PEM_read_X509(
    out: *mut libc::FILE,
    x: *mut *mut X509,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut X509 {
    crate::forward_new!(PEM_read_X509(out, x, cb, u));
    let _ = (cb, u);
    null_on_error(|| {
        if out.is_null() {
            return Err(Error::null_param(lib::PEM, "PEM_ASN1_read"));
        }
        // SAFETY: `out` is a non-NULL open stream per the C contract.
        let cert = pem::read_stream_cert(&mut unsafe { file_bytes(out) })?;
        let p = types::into_c::<X509>(Arc::new(cert));
        // SAFETY: `x` is NULL or the caller's out-parameter.
        unsafe { super::x509::replace_out(x, p) };
        Ok(p)
    })
}

/// `PEM_read_bio_PrivateKey(out, x, cb, u)`: the next `PRIVATE KEY` (PKCS#8), `RSA PRIVATE KEY`
/// or `EC PRIVATE KEY` block (others, e.g. `EC PARAMETERS`, are skipped). Returns one reference,
/// also stored in `*x` as for [`PEM_read_bio_X509`]. No key gives the DECODER `unsupported`
/// entry (`1E08010C`) OpenSSL 3 queues. The key itself is checked only when it is used.
/// An `ENCRYPTED PRIVATE KEY` (PKCS#8 PBES2: PBKDF2 or scrypt, AES-CBC) or a legacy encrypted
/// PEM key (`DEK-Info: AES-*-CBC` or `DES-EDE3-CBC`) is decrypted with the password from `cb` and `u`
/// ([`ask_password`]); a wrong one gives OpenSSL's entries (provider `bad decrypt`, then PKCS12
/// `pkcs12 cipherfinal error` or PEM `bad decrypt`).
/// Status: partial — natively, PBES1/PKCS#12 key encryption and legacy PEM ciphers other than
/// AES-CBC and DES-EDE3-CBC fail cleanly (EVP `unsupported` / PEM `unsupported encryption`), and
/// sslrs never prompts on a terminal.
#[no_mangle]
pub extern "C" fn PEM_read_bio_PrivateKey(
    out: *mut BIO,
    x: *mut *mut EVP_PKEY,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut EVP_PKEY {
    crate::forward_new!(PEM_read_bio_PrivateKey(out, x, cb, u));
    null_on_error(|| {
        // SAFETY: `out` is NULL or a live BIO.
        let bio =
            unsafe { types::borrow::<BIO>(out) }.ok_or(Error::null_param(lib::BIO, "BIO_gets"))?;
        let key = pem::read_stream_key_with(&mut bio_bytes(bio), &mut || ask_password(cb, u))?;
        let p = types::into_c::<EVP_PKEY>(Arc::new(PrivateKey::new(key)));
        // SAFETY: `x` is NULL or the caller's out-parameter.
        unsafe { replace_key_out(x, p) };
        Ok(p)
    })
}

/// `PEM_read_PrivateKey(out, x, cb, u)`: as [`PEM_read_bio_PrivateKey`] on a `FILE*`.
/// Status: partial — as `PEM_read_bio_PrivateKey` for PBES1 and other legacy ciphers.
#[no_mangle]
pub extern "C" fn PEM_read_PrivateKey(
    out: *mut libc::FILE,
    x: *mut *mut EVP_PKEY,
    cb: pem_password_cb,
    u: *mut c_void,
) -> *mut EVP_PKEY {
    crate::forward_new!(PEM_read_PrivateKey(out, x, cb, u));
    null_on_error(|| {
        if out.is_null() {
            return Err(Error::null_param(lib::PEM, "PEM_read_PrivateKey"));
        }
        // SAFETY: `out` is a non-NULL open stream per the C contract.
        let key = pem::read_stream_key_with(&mut unsafe { file_bytes(out) }, &mut || {
            ask_password(cb, u)
        })?;
        let p = types::into_c::<EVP_PKEY>(Arc::new(PrivateKey::new(key)));
        // SAFETY: `x` is NULL or the caller's out-parameter.
        unsafe { replace_key_out(x, p) };
        Ok(p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::err;
    use crate::crypto::x509::fixtures::*;

    fn tmpfile(contents: &str) -> *mut libc::FILE {
        // SAFETY: tmpfile/fwrite/rewind on a fresh stream.
        unsafe {
            let f = libc::tmpfile();
            assert!(!f.is_null());
            libc::fwrite(contents.as_ptr().cast(), 1, contents.len(), f);
            libc::rewind(f);
            f
        }
    }

    #[test]
    fn nulls() {
        err::clear();
        let n = core::ptr::null_mut();
        assert!(PEM_read_bio_X509(n, n.cast(), None, n.cast()).is_null());
        assert!(PEM_read_X509(n.cast(), n.cast(), None, n.cast()).is_null());
        assert!(PEM_read_bio_PrivateKey(n, n.cast(), None, n.cast()).is_null());
        assert!(PEM_read_PrivateKey(n.cast(), n.cast(), None, n.cast()).is_null());
        assert_eq!(
            err::pop_first().unwrap().code,
            0x100C0102,
            "BIO null parameter, as OpenSSL queues first"
        );
        err::clear();
    }

    #[test]
    fn read_x509_from_file_leaves_position() {
        let f = tmpfile(&format!("{EC_CERT}{UTF8_CERT}"));
        let mut x: *mut X509 = core::ptr::null_mut();
        let a = PEM_read_X509(f, &mut x, None, core::ptr::null_mut());
        assert!(!a.is_null());
        assert_eq!(a, x);
        // SAFETY: valid stream.
        assert_eq!(unsafe { libc::ftell(f) }, EC_CERT.len() as libc::c_long);
        let b = PEM_read_X509(f, &mut x, None, core::ptr::null_mut());
        assert!(!b.is_null() && b == x);
        let subj = crate::ffi::x509::X509_get_subject_name(b);
        let mut buf = [0 as c_char; 16];
        crate::ffi::x509::X509_NAME_oneline(subj, buf.as_mut_ptr(), 16);
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { core::ffi::CStr::from_ptr(buf.as_ptr()) }, c"");
        err::clear();
        assert!(PEM_read_X509(f, &mut x, None, core::ptr::null_mut()).is_null());
        assert_eq!(x, b, "*x untouched on failure");
        let e = err::pop_first().unwrap();
        assert_eq!(e.code, 0x0480006C);
        assert_eq!(e.error.data.as_deref(), Some("Expecting: CERTIFICATE"));
        crate::ffi::x509::X509_free(x);
        // SAFETY: stream from tmpfile.
        unsafe { libc::fclose(f) };
    }

    #[test]
    fn read_private_key_from_file() {
        let f = tmpfile(&format!("{EC_CERT}{EC_KEY_SEC1_WITH_PARAMS}{ED25519_KEY}"));
        let k1 = PEM_read_PrivateKey(f, core::ptr::null_mut(), None, core::ptr::null_mut());
        assert!(!k1.is_null());
        let mut slot = k1;
        assert_eq!(crate::ffi::evp::EVP_PKEY_up_ref(k1), 1);
        let k2 = PEM_read_PrivateKey(f, &mut slot, None, core::ptr::null_mut());
        assert!(!k2.is_null() && slot == k2);
        // SAFETY: live keys.
        let (a, b) = unsafe {
            (
                types::borrow::<EVP_PKEY>(k1).unwrap(),
                types::borrow::<EVP_PKEY>(k2).unwrap(),
            )
        };
        assert!(matches!(a.der, rustls_pki_types::PrivateKeyDer::Sec1(_)));
        assert!(b.load_signing_key().is_ok());
        err::clear();
        assert!(
            PEM_read_PrivateKey(f, core::ptr::null_mut(), None, core::ptr::null_mut()).is_null()
        );
        assert_eq!(err::pop_first().unwrap().code, 0x1E08010C);
        crate::ffi::evp::EVP_PKEY_free(k1);
        crate::ffi::evp::EVP_PKEY_free(k2);
        crate::ffi::evp::EVP_PKEY_free(core::ptr::null_mut());
        assert_eq!(crate::ffi::evp::EVP_PKEY_up_ref(core::ptr::null_mut()), 0);
        // SAFETY: stream from tmpfile.
        unsafe { libc::fclose(f) };
    }
}
