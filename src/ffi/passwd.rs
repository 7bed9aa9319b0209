//! `openssl/ssl.h` family: the password callback for encrypted PEM keys
//! (`SSL_CTX_set_default_passwd_cb` & co) and the certificate/key file loaders that use it
//! (`SSL_use_certificate_file`, `SSL_use_PrivateKey_file`, `SSL_use_certificate_chain_file`,
//! the RSA file variants; `SSL_CTX_use_PrivateKey_file` in `ssl.rs` calls [`load_key_file`]).
//!
//! With libcrypto in the process a PEM key is read by libcrypto's `PEM_read_bio_PrivateKey`
//! with the callback and its argument, so encrypted keys work exactly as in OpenSSL. Natively
//! the callback is asked for the password (once, `size` 1024, `rwflag` 0, as OpenSSL does) and
//! encrypted keys are decrypted by `crate::crypto::enckey` (PKCS#8 PBES2 with PBKDF2 or scrypt
//! and AES-CBC or DES-EDE3-CBC; legacy PEM with AES-CBC or DES-EDE3-CBC), with OpenSSL's error entries for a wrong password.

use super::callbacks::{conn_of, lock, obj};
use super::certs::Target;
use super::pem::pem_password_cb;
use super::pkey_der::{pkey_type, EVP_PKEY_RSA};
use super::ssl::{der_private_key, path_arg, read_der_file, wrap_load_error};
use super::ssl::{SSL_FILETYPE_ASN1, SSL_FILETYPE_PEM};
use super::types::{EVP_PKEY, SSL, SSL_CTX};
use super::{call, one_or_zero, void};
use crate::error::{common, lib, ssl_r, Error, Result};
use core::ffi::{c_char, c_int, c_void};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;

/// `EVP_R_EXPECTING_AN_RSA_KEY` (evperr.h).
const EVP_R_EXPECTING_AN_RSA_KEY: i32 = 127;

/// libcrypto's function `name` (NUL-terminated) as type `F`, when forwarding.
///
/// # Safety
/// `F` must be the function's prototype.
unsafe fn libcrypto<F: Copy>(name: &str) -> Option<F> {
    let p = super::backend::lookup(name);
    if p.is_null() {
        return None;
    }
    // SAFETY: per the caller, `F` is a function pointer type of the same prototype.
    Some(unsafe { core::mem::transmute_copy::<*mut c_void, F>(&p) })
}

type BioNewFile = unsafe extern "C" fn(*const c_char, *const c_char) -> *mut c_void;
type BioFree = unsafe extern "C" fn(*mut c_void) -> c_int;
type PemReadKey = unsafe extern "C" fn(
    *mut c_void,
    *mut *mut EVP_PKEY,
    pem_password_cb,
    *mut c_void,
) -> *mut EVP_PKEY;
type PkeyFree = unsafe extern "C" fn(*mut EVP_PKEY);

/// Reads a PEM private key through libcrypto (forward mode).
fn load_pem_libcrypto(
    path: &Path,
    passwd: (pem_password_cb, usize),
    func: &'static str,
) -> Result<PrivateKeyDer<'static>> {
    // SAFETY: the prototypes of OpenSSL 3.0's functions of these names.
    let (new_file, free, read, pkey_free) = unsafe {
        (
            libcrypto::<BioNewFile>("BIO_new_file\0"),
            libcrypto::<BioFree>("BIO_free\0"),
            libcrypto::<PemReadKey>("PEM_read_bio_PrivateKey\0"),
            libcrypto::<PkeyFree>("EVP_PKEY_free\0"),
        )
    };
    let (Some(new_file), Some(free), Some(read), Some(pkey_free)) =
        (new_file, free, read, pkey_free)
    else {
        return Err(Error::unsupported(lib::SSL, func));
    };
    let cpath = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| Error::null_param(lib::SSL, func))?;
    // SAFETY: NUL-terminated strings; libcrypto queues its errors on failure.
    let bio = unsafe { new_file(cpath.as_ptr(), c"r".as_ptr()) };
    if bio.is_null() {
        return Err(Error::ssl(common::SYS_LIB, func));
    }
    // SAFETY: a live BIO; the caller's callback and argument, as OpenSSL passes them.
    let key = unsafe {
        read(
            bio,
            core::ptr::null_mut(),
            passwd.0,
            passwd.1 as *mut c_void,
        )
    };
    // SAFETY: the BIO made above.
    unsafe { free(bio) };
    if key.is_null() {
        return Err(Error::ssl(common::PEM_LIB, func));
    }
    let der = super::certs::key_der(key, func);
    // SAFETY: the key made above.
    unsafe { pkey_free(key) };
    der
}

/// Reads a PEM private key natively; an encrypted one (PKCS#8 `ENCRYPTED PRIVATE KEY`, or the
/// legacy `Proc-Type: 4,ENCRYPTED` form) is decrypted with the password the callback gives.
fn load_pem_native(
    path: &Path,
    passwd: (pem_password_cb, usize),
    func: &'static str,
) -> Result<PrivateKeyDer<'static>> {
    let bytes = std::fs::read(path)
        .map_err(|e| wrap_load_error(crate::crypto::pem::open_error(path, &e), func))?;
    if !bytes.windows(9).any(|w| w == b"ENCRYPTED") {
        return crate::crypto::pem::read_private_key(&bytes).map_err(|e| wrap_load_error(e, func));
    }
    let mut it = bytes.iter().copied();
    let (cb, u) = (passwd.0, passwd.1 as *mut c_void);
    crate::crypto::pem::read_stream_key_with(&mut || it.next(), &mut || {
        super::pem::ask_password(cb, u)
    })
    .map_err(|e| wrap_load_error(e, func))
}

/// `SSL_*_use_PrivateKey_file` / `SSL_*_use_RSAPrivateKey_file`: a PEM (possibly encrypted,
/// decrypted with `passwd`) or ASN1 key file.
pub fn load_key_file(
    file: *const c_char,
    r#type: c_int,
    passwd: (pem_password_cb, usize),
    func: &'static str,
) -> Result<PrivateKeyDer<'static>> {
    let path = path_arg(file)?.ok_or(Error::null_param(lib::SSL, func))?;
    match r#type {
        SSL_FILETYPE_PEM if super::backend::forwarding() => load_pem_libcrypto(path, passwd, func),
        SSL_FILETYPE_PEM => load_pem_native(path, passwd, func),
        SSL_FILETYPE_ASN1 => Ok(der_private_key(read_der_file(path, func)?)),
        _ => Err(Error::ssl(ssl_r::BAD_SSL_FILETYPE, func)),
    }
}

/// The certificates of a PEM file (all) or an ASN1 file (one).
fn load_cert_file(
    file: *const c_char,
    r#type: c_int,
    func: &'static str,
) -> Result<Vec<CertificateDer<'static>>> {
    let path = path_arg(file)?.ok_or(Error::null_param(lib::SSL, func))?;
    match r#type {
        SSL_FILETYPE_PEM => {
            crate::crypto::pem::read_certs_file(path).map_err(|e| wrap_load_error(e, func))
        }
        SSL_FILETYPE_ASN1 => Ok(vec![read_der_file(path, func)?.into()]),
        _ => Err(Error::ssl(ssl_r::BAD_SSL_FILETYPE, func)),
    }
}

/// An RSA key file: the key must be RSA (else EVP `expecting an rsa key`, SSL PEM lib).
fn use_rsa_file(
    t: Target<'_>,
    file: *const c_char,
    r#type: c_int,
    func: &'static str,
) -> Result<()> {
    let key = load_key_file(file, r#type, t.passwd(), func)?;
    if pkey_type(&key) != EVP_PKEY_RSA {
        crate::crypto::err::push(Error::new(
            lib::EVP,
            EVP_R_EXPECTING_AN_RSA_KEY,
            "evp_pkey_get0_RSA_int",
        ));
        let reason = if r#type == SSL_FILETYPE_PEM {
            common::PEM_LIB
        } else {
            common::ASN1_LIB
        };
        return Err(Error::ssl(reason, func));
    }
    t.use_key(key, core::ptr::null_mut())
}

// ---------------------------------------------------------------------------------------------
// Exports: files

/// `SSL_use_certificate_file(3)`: as `SSL_CTX_use_certificate_file`, for this connection: the
/// first certificate of `file` (PEM or ASN1) becomes the certificate of its slot. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_file(
    ssl: *mut SSL,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    one_or_zero(|| {
        crate::ffi::ssl::open_check(file, "SSL_use_certificate_file")?;
        let t = Target::ssl(ssl)?;
        let mut certs = load_cert_file(file, r#type, "SSL_use_certificate_file")?;
        certs.truncate(1);
        let leaf = certs
            .pop()
            .ok_or(Error::ssl(common::PEM_LIB, "SSL_use_certificate_file"))?;
        t.use_cert(leaf.to_vec(), core::ptr::null_mut())
    })
}

/// `SSL_use_certificate_chain_file(3)`: leaf then chain certificates (PEM), for this
/// connection. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_chain_file(ssl: *mut SSL, file: *const c_char) -> c_int {
    one_or_zero(|| {
        crate::ffi::ssl::open_check(file, "use_certificate_chain_file")?;
        let t = Target::ssl(ssl)?;
        let certs = load_cert_file(file, SSL_FILETYPE_PEM, "use_certificate_chain_file")?;
        t.use_chain(certs)
    })
}

/// `SSL_use_PrivateKey_file(3)`: as `SSL_CTX_use_PrivateKey_file`, for this connection, with
/// the connection's password callback. 1 or 0.
/// Status: partial — natively, PBES1/PKCS#12 key encryption and legacy PEM ciphers other than
/// AES-CBC and DES-EDE3-CBC fail cleanly; with libcrypto everything loads.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_file(
    ssl: *mut SSL,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    one_or_zero(|| {
        crate::ffi::ssl::open_check(file, "SSL_use_PrivateKey_file")?;
        let t = Target::ssl(ssl)?;
        let key = load_key_file(file, r#type, t.passwd(), "SSL_use_PrivateKey_file")?;
        t.use_key(key, core::ptr::null_mut())
    })
}

/// `SSL_CTX_use_RSAPrivateKey_file(3)`: as `SSL_CTX_use_PrivateKey_file` for an RSA key (PEM:
/// any RSA key block; ASN1: PKCS#1 or PKCS#8). Another key type: EVP `expecting an rsa key`.
/// Status: partial — as `SSL_use_PrivateKey_file` for PBES1 and other legacy ciphers.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    one_or_zero(|| {
        crate::ffi::ssl::open_check(file, "SSL_CTX_use_RSAPrivateKey_file")?;
        use_rsa_file(
            Target::ctx(ctx)?,
            file,
            r#type,
            "SSL_CTX_use_RSAPrivateKey_file",
        )
    })
}

/// `SSL_use_RSAPrivateKey_file(3)`: as `SSL_CTX_use_RSAPrivateKey_file`, for this connection.
/// Status: partial — as `SSL_use_PrivateKey_file` for PBES1 and other legacy ciphers.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_file(
    ssl: *mut SSL,
    file: *const c_char,
    r#type: c_int,
) -> c_int {
    one_or_zero(|| {
        crate::ffi::ssl::open_check(file, "SSL_use_RSAPrivateKey_file")?;
        use_rsa_file(
            Target::ssl(ssl)?,
            file,
            r#type,
            "SSL_use_RSAPrivateKey_file",
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Exports: the password callback

fn ctx_passwd<R>(
    ctx: *const SSL_CTX,
    f: impl FnOnce(&mut (pem_password_cb, usize)) -> R,
) -> Result<R> {
    match Target::ctx(ctx)? {
        Target::Ctx(_, a) => Ok(f(&mut lock(&a.certs.passwd))),
        Target::Ssl(_) => Err(Error::internal("SSL_CTX")),
    }
}

fn ssl_passwd<R>(s: *const SSL, f: impl FnOnce(&mut (pem_password_cb, usize)) -> R) -> Result<R> {
    let o = obj(s)?;
    // The connection must exist (and not be busy) as for every SSL_* call.
    drop(conn_of(o)?);
    Ok(f(&mut lock(&o.certs.passwd)))
}

/// `SSL_CTX_set_default_passwd_cb(3)`: the callback that supplies the password of encrypted
/// PEM keys loaded into the context (and, copied by `SSL_new`, into its connections).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: pem_password_cb) {
    void(|| ctx_passwd(ctx, |p| p.0 = cb))
}

/// `SSL_CTX_set_default_passwd_cb_userdata(3)`: the callback's `userdata` argument (without a
/// callback: the password itself, a NUL-terminated string).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void) {
    void(|| ctx_passwd(ctx, |p| p.1 = u as usize))
}

/// `SSL_CTX_get_default_passwd_cb(3)`: NULL by default.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb(ctx: *mut SSL_CTX) -> pem_password_cb {
    call(None, || ctx_passwd(ctx, |p| p.0))
}

/// `SSL_CTX_get_default_passwd_cb_userdata(3)`: NULL by default.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        ctx_passwd(ctx, |p| p.1 as *mut c_void)
    })
}

/// `SSL_set_default_passwd_cb(3)`: as `SSL_CTX_set_default_passwd_cb`, for keys loaded into
/// this connection (`SSL_use_PrivateKey_file`).
#[no_mangle]
pub extern "C" fn SSL_set_default_passwd_cb(s: *mut SSL, cb: pem_password_cb) {
    void(|| ssl_passwd(s, |p| p.0 = cb))
}

/// `SSL_set_default_passwd_cb_userdata(3)`.
#[no_mangle]
pub extern "C" fn SSL_set_default_passwd_cb_userdata(s: *mut SSL, u: *mut c_void) {
    void(|| ssl_passwd(s, |p| p.1 = u as usize))
}

/// `SSL_get_default_passwd_cb(3)`: the connection's (copied from its context by `SSL_new`).
#[no_mangle]
pub extern "C" fn SSL_get_default_passwd_cb(s: *mut SSL) -> pem_password_cb {
    call(None, || ssl_passwd(s, |p| p.0))
}

/// `SSL_get_default_passwd_cb_userdata(3)`.
#[no_mangle]
pub extern "C" fn SSL_get_default_passwd_cb_userdata(s: *mut SSL) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        ssl_passwd(s, |p| p.1 as *mut c_void)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::null_mut;

    #[test]
    fn nulls() {
        crate::crypto::err::clear();
        SSL_CTX_set_default_passwd_cb(null_mut(), None);
        assert!(SSL_CTX_get_default_passwd_cb(null_mut()).is_none());
        assert!(SSL_get_default_passwd_cb_userdata(null_mut()).is_null());
        assert_eq!(SSL_use_PrivateKey_file(null_mut(), null_mut(), 1), 0);
        crate::crypto::err::clear();
    }
}
