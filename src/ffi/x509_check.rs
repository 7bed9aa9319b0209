//! Peer-certificate checks programs make themselves: `X509_digest` (fingerprints, pinning),
//! `X509_check_host`, `X509_check_ip` and `X509_check_ip_asc` (name checks after the handshake), natively with
//! ring and rustls-webpki; libcrypto's in pass-through mode (`forward!`).

use super::call;
use super::digest::{EVP_MD_get_type, EVP_MD};
use super::ptr::c_str;
use super::types::{borrow, X509};
use crate::error::{lib, Error};
use core::ffi::{c_char, c_int, c_uchar, c_uint};
use rustls_pki_types::{CertificateDer, ServerName};

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

/// Whether the certificate is valid for `name` (a DNS name or IP address), by webpki's rules.
fn valid_for(der: &CertificateDer<'static>, name: &ServerName<'_>) -> bool {
    rustls::server::ParsedCertificate::try_from(der)
        .is_ok_and(|p| rustls::client::verify_server_name(&p, name).is_ok())
}

/// `X509_check_host(3)`: 1 if the certificate matches host name `chk` (`chklen` 0: up to the
/// NUL), else 0; -2 for a malformed name (an embedded NUL) or no certificate. `*peername` (if not NULL) gets a copy of the name
/// that matched, to free with `OPENSSL_free`.
///
/// Status: partial — webpki's matching rules (leftmost-label wildcards only); `flags`
/// (`X509_CHECK_FLAG_*`) are not applied; `peername` is the name asked for.
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
        // SAFETY: NULL or a certificate the caller holds.
        let cert =
            unsafe { borrow::<X509>(x) }.ok_or(Error::null_param(lib::X509, "X509_check_host"))?;
        if chk.is_null() {
            return Ok(-2);
        }
        let bytes = if chklen == 0 {
            // SAFETY: a NUL-terminated string when `chklen` is 0.
            unsafe { core::ffi::CStr::from_ptr(chk) }
                .to_bytes()
                .to_vec()
        } else {
            // SAFETY: `chklen` readable bytes per the API.
            unsafe { core::slice::from_raw_parts(chk as *const u8, chklen) }.to_vec()
        };
        // An embedded NUL is malformed (-2); a name that cannot be a DNS name (empty, an IP
        // address, invalid characters) matches nothing (0), as measured on OpenSSL.
        if bytes.contains(&0) {
            return Ok(-2);
        }
        let Some(name) = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|n| ServerName::try_from(n.to_owned()).ok())
            .filter(|n| matches!(n, ServerName::DnsName(_)))
        else {
            return Ok(0);
        };
        let ok = valid_for(&cert.der, &name);
        if ok && !peername.is_null() {
            let c = std::ffi::CString::new(bytes).unwrap_or_default();
            // SAFETY: CRYPTO_malloc'd copy handed to the caller per the API.
            let p = super::crypto::CRYPTO_strdup(c.as_ptr(), core::ptr::null(), 0);
            unsafe { *peername = p };
        }
        Ok(c_int::from(ok))
    })
}

/// `X509_check_ip_asc(3)`: 1 if the certificate holds IP address `ipasc` (text form) among
/// its subject alternative names, else 0; -2 if `ipasc` is no address.
///
/// Status: partial — `flags` are not applied.
#[no_mangle]
pub extern "C" fn X509_check_ip_asc(x: *mut X509, ipasc: *const c_char, flags: c_uint) -> c_int {
    crate::forward!(X509_check_ip_asc(x, ipasc, flags));
    call(-2, || {
        // SAFETY: NULL or a certificate the caller holds.
        let cert = unsafe { borrow::<X509>(x) }
            .ok_or(Error::null_param(lib::X509, "X509_check_ip_asc"))?;
        // SAFETY: NULL or a NUL-terminated string per the API.
        let Some(ip) = (unsafe { c_str(ipasc) })
            .and_then(|t| t.to_str().ok())
            .and_then(|t| t.parse::<std::net::IpAddr>().ok())
        else {
            return Ok(-2);
        };
        Ok(c_int::from(valid_for(
            &cert.der,
            &ServerName::IpAddress(ip.into()),
        )))
    })
}

/// `X509_check_ip(3)`: 1 if the certificate holds the binary IP address `chk` (4 or 16 bytes)
/// among its subject alternative names, else 0 (also for another length); -2 for NULL.
///
/// Status: partial — `flags` are not applied.
#[no_mangle]
pub extern "C" fn X509_check_ip(
    x: *mut X509,
    chk: *const c_uchar,
    chklen: usize,
    flags: c_uint,
) -> c_int {
    crate::forward!(X509_check_ip(x, chk, chklen, flags));
    call(-2, || {
        // SAFETY: NULL or a certificate the caller holds.
        let cert =
            unsafe { borrow::<X509>(x) }.ok_or(Error::null_param(lib::X509, "X509_check_ip"))?;
        if chk.is_null() {
            return Ok(-2);
        }
        // SAFETY: `chklen` readable bytes per the API.
        let b = unsafe { core::slice::from_raw_parts(chk, chklen) };
        let ip = match b.len() {
            4 => std::net::IpAddr::from(<[u8; 4]>::try_from(b).unwrap_or_default()),
            16 => std::net::IpAddr::from(<[u8; 16]>::try_from(b).unwrap_or_default()),
            _ => return Ok(0),
        };
        Ok(c_int::from(valid_for(
            &cert.der,
            &ServerName::IpAddress(ip.into()),
        )))
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
