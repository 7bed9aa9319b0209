//! `openssl/x509.h` family exports for free-standing names: `X509_NAME_dup`, `X509_NAME_free`,
//! `X509_NAME_cmp`, `i2d_X509_NAME`, `d2i_X509_NAME` (what libssl's CA-name lists need).
//!
//! Natively an `X509_NAME*` is a pointer to a [`Name`]: either inside its certificate
//! (`X509_get_subject_name`, freed with the certificate) or a free-standing `Box<Name>` made
//! here (`X509_NAME_dup`, `d2i_X509_NAME`), which the caller frees with `X509_NAME_free`.

use super::types::X509_NAME;
use super::{call, guard, null_on_error};
use crate::crypto::x509::{der, Name};
use crate::error::{common, lib, Error, Result};
use core::ffi::{c_int, c_long, c_uchar};

/// Borrows the name behind `p`.
///
/// # Safety
/// `p` must be NULL or a live `X509_NAME*` of the native backend.
unsafe fn name_ref<'a>(p: *const X509_NAME) -> Option<&'a Name> {
    // SAFETY: per the caller.
    unsafe { (p as *const Name).as_ref() }
}

/// Hands a free-standing name to C.
fn boxed(n: Name) -> *mut X509_NAME {
    Box::into_raw(Box::new(n)) as *mut X509_NAME
}

/// `X509_NAME_dup(xn)`: a free-standing copy, freed with `X509_NAME_free`. NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_dup(xn: *const X509_NAME) -> *mut X509_NAME {
    crate::forward_new!(X509_NAME_dup(xn));
    null_on_error(|| {
        // SAFETY: NULL or a live X509_NAME.
        let n = unsafe { name_ref(xn) }.ok_or(Error::null_param(lib::ASN1, "ASN1_item_dup"))?;
        Ok(boxed(n.clone()))
    })
}

/// `X509_NAME_free(a)`: frees a name made by `X509_NAME_dup`/`d2i_X509_NAME` (or returned as
/// owned by a libssl function); NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_NAME_free(a: *mut X509_NAME) {
    crate::forward!(X509_NAME_free(a));
    guard((), || {
        if !a.is_null() {
            // SAFETY: an owned, free-standing name (a Box<Name>) the caller gives up.
            drop(unsafe { Box::from_raw(a as *mut Name) });
        }
    })
}

/// OpenSSL's canonical form of a name, which `X509_NAME_cmp` compares: each RDN as a SET of
/// (type, value) with text values re-encoded as UTF8String, ASCII letters lowered, leading and
/// trailing white space removed and inner runs of it collapsed to one space; each RDN's
/// attributes in DER SET OF order; no outer SEQUENCE.
pub(crate) fn canonical(n: &Name) -> Vec<u8> {
    const TEXT: [u8; 7] = [0x0C, 0x13, 0x14, 0x16, 0x1A, 0x1C, 0x1E];
    // Each RDN's attributes, encoded; a SET OF is DER-sorted when OpenSSL encodes it.
    let mut rdns: Vec<Vec<Vec<u8>>> = Vec::new();
    for e in &n.entries {
        let value = if TEXT.contains(&e.tag) {
            let text = match e.tag {
                0x1E => e
                    .value
                    .chunks(2)
                    .filter(|c| c.len() == 2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .map(|u| char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'))
                    .collect::<String>(),
                0x1C => e
                    .value
                    .chunks(4)
                    .filter(|c| c.len() == 4)
                    .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                    .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
                    .collect::<String>(),
                0x0C => String::from_utf8_lossy(&e.value).into_owned(),
                // PrintableString, T61String, IA5String: one byte per character.
                _ => e.value.iter().map(|&b| char::from(b)).collect(),
            };
            // OpenSSL's white space: the ASCII one and vertical tab.
            let words: Vec<&str> = text
                .split(|c: char| c.is_ascii_whitespace() || c == '\x0b')
                .filter(|w| !w.is_empty())
                .collect();
            let folded = words.join(" ").to_ascii_lowercase();
            der_tlv(0x0C, folded.as_bytes())
        } else {
            der_tlv(e.tag, &e.value)
        };
        let atv = der_tlv(0x30, &[der_tlv(0x06, &e.oid), value].concat());
        match (e.same_set, rdns.last_mut()) {
            (true, Some(last)) => last.push(atv),
            _ => rdns.push(vec![atv]),
        }
    }
    rdns.iter_mut()
        .flat_map(|r| {
            r.sort();
            der_tlv(0x31, &r.concat())
        })
        .collect()
}

/// One DER element.
fn der_tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = value.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(value);
    out
}

/// `X509_NAME_cmp(a, b)`: 0 when equal; otherwise the sign of the comparison of the canonical
/// encodings, shorter first, then bytewise (OpenSSL's order, e.g. for sorted name stacks).
/// NULL sorts first.
#[no_mangle]
pub extern "C" fn X509_NAME_cmp(a: *const X509_NAME, b: *const X509_NAME) -> c_int {
    crate::forward!(X509_NAME_cmp(a, b));
    guard(-2, || {
        // SAFETY: NULL or live X509_NAMEs.
        let (a, b) = unsafe { (name_ref(a), name_ref(b)) };
        match (a, b) {
            (None, None) => 0,
            (Some(_), None) => 1,
            (None, Some(_)) => -1,
            (Some(a), Some(b)) => {
                let (ca, cb) = (canonical(a), canonical(b));
                let ord = ca.len().cmp(&cb.len()).then_with(|| ca.cmp(&cb));
                ord as c_int
            }
        }
    })
}

/// `i2d_X509_NAME(a, out)`: the DER length; with `out`, the DER is written at `*out` (which is
/// advanced) or, with `*out == NULL`, into a new `OPENSSL_malloc`'d buffer stored there.
/// 0 for NULL (no error entry).
#[no_mangle]
pub extern "C" fn i2d_X509_NAME(a: *const X509_NAME, out: *mut *mut c_uchar) -> c_int {
    crate::forward!(i2d_X509_NAME(a, out));
    call(-1, || {
        // SAFETY: NULL or a live X509_NAME.
        let Some(n) = (unsafe { name_ref(a) }) else {
            return Ok(0); // OpenSSL's ASN1_item_i2d: nothing to encode, no error entry
        };
        let d: &[u8] = if n.der.is_empty() { &[0x30, 0] } else { &n.der };
        // SAFETY: `out` is NULL or valid per the i2d contract.
        unsafe { write_i2d(d, out) }
    })
}

/// The i2d output convention for `d`.
///
/// # Safety
/// `out` must be NULL or point at NULL or a buffer with room for `d`.
pub(crate) unsafe fn write_i2d(d: &[u8], out: *mut *mut c_uchar) -> Result<c_int> {
    let n = c_int::try_from(d.len())
        .map_err(|_| Error::new(lib::ASN1, crate::crypto::x509::ASN1_R_TOO_LONG, "i2d"))?;
    if out.is_null() {
        return Ok(n);
    }
    // SAFETY: per the caller.
    unsafe {
        if (*out).is_null() {
            let p = libc::malloc(d.len().max(1)) as *mut c_uchar;
            if p.is_null() {
                return Err(Error::new(
                    lib::CRYPTO,
                    common::MALLOC_FAILURE,
                    "CRYPTO_malloc",
                ));
            }
            core::ptr::copy_nonoverlapping(d.as_ptr(), p, d.len());
            *out = p;
        } else {
            core::ptr::copy_nonoverlapping(d.as_ptr(), *out, d.len());
            *out = (*out).add(d.len());
        }
    }
    Ok(n)
}

/// `d2i_X509_NAME(a, in, len)`: parses one DER Name at `*in` (advanced past it). Returns a
/// free-standing name, also stored in `*a` (an old `*a` is freed), or NULL with ASN1 errors.
#[no_mangle]
pub extern "C" fn d2i_X509_NAME(
    a: *mut *mut X509_NAME,
    r#in: *mut *const c_uchar,
    len: c_long,
) -> *mut X509_NAME {
    crate::forward_new!(d2i_X509_NAME(a, r#in, len));
    null_on_error(|| {
        // SAFETY: `in` is NULL or a valid pointer to a pointer per the d2i contract.
        let start = unsafe { r#in.as_ref() }
            .copied()
            .unwrap_or(core::ptr::null());
        if start.is_null() {
            return Err(Error::null_param(lib::ASN1, "ASN1_item_d2i"));
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
        let used = der::Reader::new(bytes).any()?.raw.len();
        let name = Name::from_der(&bytes[..used])?;
        let p = boxed(name);
        // SAFETY: `in` is non-NULL; `a` is NULL or the caller's out-parameter.
        unsafe {
            *r#in = start.add(used);
            if !a.is_null() {
                let old = *a;
                if !old.is_null() {
                    drop(Box::from_raw(old as *mut Name));
                }
                *a = p;
            }
        }
        Ok(p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::x509::fixtures::*;
    use crate::crypto::x509::Certificate;

    fn subject(pem: &str) -> Name {
        let der = crate::crypto::pem::read_certs(pem.as_bytes())
            .unwrap()
            .remove(0);
        Certificate::from_der(der).unwrap().subject().clone()
    }

    #[test]
    fn dup_cmp_roundtrip() {
        let a = boxed(subject(EC_CERT));
        let b = X509_NAME_dup(a);
        assert!(!b.is_null() && a != b);
        assert_eq!(X509_NAME_cmp(a, b), 0);
        let r = boxed(subject(RSA_CERT));
        // "/CN=rsa.test" is shorter than the EC subject: it sorts first.
        assert_eq!(X509_NAME_cmp(r, a), -1);
        assert_eq!(X509_NAME_cmp(a, r), 1);
        assert_eq!(X509_NAME_cmp(core::ptr::null(), a), -1);
        let n = i2d_X509_NAME(a, core::ptr::null_mut());
        let mut out: *mut c_uchar = core::ptr::null_mut();
        assert_eq!(i2d_X509_NAME(a, &mut out), n);
        let mut p = out as *const c_uchar;
        let c = d2i_X509_NAME(core::ptr::null_mut(), &mut p, n as c_long);
        assert_eq!(X509_NAME_cmp(a, c), 0);
        assert_eq!(p as usize - out as usize, n as usize);
        // SAFETY: malloc'd by i2d_X509_NAME.
        unsafe { libc::free(out.cast()) };
        for x in [a, b, r, c] {
            X509_NAME_free(x);
        }
        X509_NAME_free(core::ptr::null_mut());
    }

    #[test]
    fn canonical_folds_case_and_space() {
        let mut a = subject(RSA_CERT);
        let b = a.clone();
        for e in &mut a.entries {
            e.value =
                format!("  {}  ", String::from_utf8_lossy(&e.value).to_uppercase()).into_bytes();
            e.tag = 0x13;
        }
        assert_eq!(canonical(&a), canonical(&b));
    }
}
