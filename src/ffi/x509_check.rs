//! Peer-certificate checks programs make themselves: `X509_digest` (fingerprints, pinning),
//! `X509_check_host`, `X509_check_email`, `X509_check_ip` and `X509_check_ip_asc` (name checks
//! after the handshake), natively with ring and [`hostmatch`]; libcrypto's in pass-through mode (`forward!`).

use super::call;
use super::digest::{EVP_MD_get_type, EVP_MD};
use super::ptr::c_str;
use super::types::{borrow, X509};
use crate::engine::hostmatch::{self, Kind, Outcome};
use crate::error::Result;
use crate::error::{lib, Error};
use core::ffi::{c_char, c_int, c_uchar, c_uint};

/// `X509_digest(3)`: the digest of the certificate's DER (SHA-1, SHA-256, SHA-384 or SHA-512)
/// into `md`, its length into `*len` (if not NULL). 1 or 0.
#[no_mangle]
pub extern "C" fn X509_digest(
    data: *const X509,
    r#type: *const EVP_MD,
    md: *mut c_uchar,
    len: *mut c_uint,
) -> c_int {
    crate::forward!(X509_digest(data, r#type, md, len));
    call(0, || {
        // SAFETY: NULL or a certificate the caller holds.
        let cert =
            unsafe { borrow::<X509>(data) }.ok_or(Error::null_param(lib::X509, "X509_digest"))?;
        let alg = match EVP_MD_get_type(r#type) {
            64 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            672 => &ring::digest::SHA256,
            673 => &ring::digest::SHA384,
            674 => &ring::digest::SHA512,
            _ => return Err(Error::null_param(lib::EVP, "X509_digest")),
        };
        if md.is_null() {
            return Err(Error::null_param(lib::X509, "X509_digest"));
        }
        let d = ring::digest::digest(alg, cert.der.as_ref());
        // SAFETY: the caller's buffer holds EVP_MAX_MD_SIZE (64) bytes per the API.
        unsafe { core::ptr::copy_nonoverlapping(d.as_ref().as_ptr(), md, d.as_ref().len()) };
        if !len.is_null() {
            // SAFETY: a writable unsigned int per the API.
            unsafe { *len = d.as_ref().len() as c_uint };
        }
        Ok(1)
    })
}

/// The name argument of `X509_check_host`/`X509_check_email`: `len` bytes (0: up to the NUL),
/// one trailing NUL dropped; `None` for NULL or an embedded NUL (OpenSSL's -2).
fn name_arg(chk: *const c_char, len: usize) -> Option<Vec<u8>> {
    if chk.is_null() {
        return None;
    }
    let mut b = if len == 0 {
        // SAFETY: a NUL-terminated string when the length is 0.
        unsafe { core::ffi::CStr::from_ptr(chk) }
            .to_bytes()
            .to_vec()
    } else {
        // The NUL check first (`memchr` stops at the first NUL), so that a length beyond a
        // short string is refused without copying or reading past it.
        // SAFETY: `len` readable bytes per the API.
        let nul = unsafe { libc::memchr(chk.cast(), 0, len) };
        let n = if nul.is_null() {
            len
        } else {
            nul as usize - chk as usize + 1
        };
        // SAFETY: `n` <= `len` readable bytes.
        unsafe { core::slice::from_raw_parts(chk as *const u8, n) }.to_vec()
    };
    if b.len() < len {
        return None; // a NUL before the last byte
    }
    let body = if b.len() > 1 { b.len() - 1 } else { b.len() };
    if b[..body].contains(&0) {
        return None;
    }
    if b.len() > 1 && b[b.len() - 1] == 0 {
        b.pop();
    }
    Some(b)
}

/// Runs a name check on `x` with OpenSSL's return values: 1 (and `*peername`, if asked for, a
/// copy of the certificate's name that matched), 0, -1 for a certificate that cannot be read.
fn run_check(
    x: *mut X509,
    kind: Kind,
    want: &[u8],
    flags: c_uint,
    peername: *mut *mut c_char,
    func: &'static str,
) -> Result<c_int> {
    // SAFETY: NULL or a certificate the caller holds.
    let cert = unsafe { borrow::<X509>(x) }.ok_or(Error::null_param(lib::X509, func))?;
    match hostmatch::check(cert.der.as_ref(), kind, want, flags) {
        Outcome::Match(name) => {
            if !peername.is_null() {
                let c = std::ffi::CString::new(name).unwrap_or_default();
                let p = super::crypto::CRYPTO_strdup(c.as_ptr(), core::ptr::null(), 0);
                // SAFETY: a writable pointer per the API; the copy is the caller's to free.
                unsafe { *peername = p };
            }
            Ok(1)
        }
        Outcome::NoMatch => Ok(0),
        Outcome::Malformed => Ok(-1),
    }
}

/// `X509_check_host(3)`: 1 if the certificate matches host name `chk` (`chklen` 0: up to the
/// NUL) under `flags` (`X509_CHECK_FLAG_*`; a name starting with `.` matches subdomains), else
/// 0; -2 for NULL or an embedded NUL, -1 for a certificate that cannot be read. `*peername`
/// (if not NULL) gets a copy of the certificate's name that matched (free with
/// `OPENSSL_free`).
#[no_mangle]
pub extern "C" fn X509_check_host(
    x: *mut X509,
    chk: *const c_char,
    chklen: usize,
    flags: c_uint,
    peername: *mut *mut c_char,
) -> c_int {
    crate::forward!(X509_check_host(x, chk, chklen, flags, peername));
    call(-2, || {
        let Some(want) = name_arg(chk, chklen) else {
            return Ok(-2);
        };
        run_check(x, Kind::Dns, &want, flags, peername, "X509_check_host")
    })
}

/// `X509_check_email(3)`: 1 if the certificate holds email address `chk` (subjectAltName
/// rfc822Name, else the subject's emailAddress), else 0; -2 for NULL or an embedded NUL.
#[no_mangle]
pub extern "C" fn X509_check_email(
    x: *mut X509,
    chk: *const c_char,
    chklen: usize,
    flags: c_uint,
) -> c_int {
    crate::forward!(X509_check_email(x, chk, chklen, flags));
    call(-2, || {
        let Some(want) = name_arg(chk, chklen) else {
            return Ok(-2);
        };
        run_check(
            x,
            Kind::Email,
            &want,
            flags,
            core::ptr::null_mut(),
            "X509_check_email",
        )
    })
}

/// `X509_check_ip_asc(3)`: 1 if the certificate holds IP address `ipasc` (text form) among
/// its subject alternative names, else 0; -2 if `ipasc` is no address.
#[no_mangle]
pub extern "C" fn X509_check_ip_asc(x: *mut X509, ipasc: *const c_char, flags: c_uint) -> c_int {
    crate::forward!(X509_check_ip_asc(x, ipasc, flags));
    call(-2, || {
        // SAFETY: NULL or a NUL-terminated string per the API.
        let Some(ip) = (unsafe { c_str(ipasc) })
            .and_then(|t| t.to_str().ok())
            .and_then(|t| t.parse::<std::net::IpAddr>().ok())
        else {
            return Ok(-2);
        };
        let b = hostmatch::ip_bytes(ip);
        run_check(
            x,
            Kind::Ip,
            &b,
            flags,
            core::ptr::null_mut(),
            "X509_check_ip_asc",
        )
    })
}

/// `X509_check_ip(3)`: 1 if the certificate holds the binary IP address `chk` (4 or 16 bytes)
/// among its subject alternative names, else 0 (also for another length); -2 for NULL.
#[no_mangle]
pub extern "C" fn X509_check_ip(
    x: *mut X509,
    chk: *const c_uchar,
    chklen: usize,
    flags: c_uint,
) -> c_int {
    crate::forward!(X509_check_ip(x, chk, chklen, flags));
    call(-2, || {
        if chk.is_null() {
            return Ok(-2);
        }
        // SAFETY: `chklen` readable bytes per the API (a length no buffer can have matches no
        // address, as an empty one).
        let b: &[u8] = if chklen > isize::MAX as usize {
            &[]
        } else {
            unsafe { core::slice::from_raw_parts(chk, chklen) }
        };
        run_check(
            x,
            Kind::Ip,
            b,
            flags,
            core::ptr::null_mut(),
            "X509_check_ip",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        let mut md = [0u8; 64];
        assert_eq!(X509_digest(null(), null(), md.as_mut_ptr(), null_mut()), 0);
        assert_eq!(
            X509_check_host(null_mut(), c"a".as_ptr(), 0, 0, null_mut()),
            -2
        );
        assert_eq!(X509_check_ip_asc(null_mut(), c"1.2.3.4".as_ptr(), 0), -2);
        assert_eq!(X509_check_ip(null_mut(), null(), 0, 0), -2);
        crate::crypto::err::clear();
    }
}
