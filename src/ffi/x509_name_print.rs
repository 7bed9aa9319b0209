//! Printed forms of names and strings: `X509_NAME_print_ex`, `X509_NAME_print_ex_fp`,
//! `X509_NAME_print`, `ASN1_STRING_print_ex`, `ASN1_STRING_print_ex_fp`, `ASN1_STRING_print`,
//! `ASN1_STRING_to_UTF8`. The texts come from [`crate::crypto::x509_name`] and
//! [`crate::crypto::asn1_text`]; here they are written to the BIO (through the dispatching
//! `BIO_write`) or the `FILE`.
//!
//! Return values as measured on OpenSSL 3.0.19: the `_ex` printers return the number of bytes
//! of the printed form (also with a NULL BIO or FILE, which gets nothing written), -1 for bad
//! data (invalid UTF-8, an odd-length BMPString, ...) or an unknown separator in the flags;
//! `X509_NAME_print_ex` with flags 0 is `X509_NAME_print`, which returns 1, or 0 with
//! `X509`/`ERR_R_BUF_LIB` when a write fails (a NULL BIO).

use super::asn1::string_ref;
use super::bio::BIO_write;
use super::types::{ASN1_STRING, BIO, X509_NAME};
use super::{call, guard};
use crate::crypto::asn1_text::{print_string, to_utf8, to_utf8_error, Printed};
use crate::crypto::x509::Name;
use crate::crypto::x509_name::{print_compat_pieces, print_ex};
use crate::error::{common, lib, Error};
use core::ffi::{c_int, c_uchar, c_ulong, c_void};

/// Borrows the name behind `p`.
///
/// # Safety
/// `p` must be NULL or a live native `X509_NAME*`.
unsafe fn name_ref<'a>(p: *const X509_NAME) -> Option<&'a Name> {
    // SAFETY: per the caller.
    unsafe { (p as *const Name).as_ref() }
}

/// Where printed bytes go.
#[derive(Clone, Copy)]
enum Sink {
    Bio(*mut BIO),
    File(*mut libc::FILE),
}

impl Sink {
    fn is_null(self) -> bool {
        match self {
            Sink::Bio(b) => b.is_null(),
            Sink::File(f) => f.is_null(),
        }
    }

    /// Writes all of `bytes`; false when the sink took fewer (a NULL BIO takes none).
    fn write(self, bytes: &[u8]) -> bool {
        if bytes.is_empty() {
            return true;
        }
        match self {
            Sink::Bio(b) => {
                let Ok(n) = c_int::try_from(bytes.len()) else {
                    return false;
                };
                BIO_write(b, bytes.as_ptr() as *const c_void, n) == n
            }
            Sink::File(f) => {
                // SAFETY: `f` is a FILE the caller opened (checked non-NULL).
                !f.is_null()
                    && unsafe { libc::fwrite(bytes.as_ptr() as *const c_void, 1, bytes.len(), f) }
                        == bytes.len()
            }
        }
    }
}

/// The `_ex` convention: write the printed form (nothing for a NULL sink) and return its
/// length, or -1 (with OpenSSL's error, if it queues one) when printing or writing failed.
fn emit(sink: Sink, (bytes, ok): Printed) -> c_int {
    if !sink.is_null() && !sink.write(&bytes) {
        return -1;
    }
    match ok {
        Ok(()) => c_int::try_from(bytes.len()).unwrap_or(-1),
        Err(reason) => {
            if let Some(r) = reason {
                crate::crypto::err::push(Error::new(lib::ASN1, r, "do_buf"));
            }
            -1
        }
    }
}

/// `X509_NAME_print` to `sink`.
fn print_compat(sink: Sink, name: *const X509_NAME) -> c_int {
    call(0, || {
        // SAFETY: NULL or a live X509_NAME.
        let line = unsafe { name_ref(name) }.map_or_else(|| "NO X509_NAME".into(), Name::oneline);
        for piece in print_compat_pieces(line.as_bytes()) {
            let written = if piece.is_empty() {
                true
            } else if let Sink::Bio(b) = sink {
                BIO_write(b, piece.as_ptr() as *const c_void, piece.len() as c_int)
                    == piece.len() as c_int
            } else {
                sink.write(&piece)
            };
            if !written {
                return Err(Error::new(lib::X509, common::BUF_LIB, "X509_NAME_print"));
            }
        }
        Ok(1)
    })
}

/// `X509_NAME_print_ex(out, nm, indent, flags)`: the name as `XN_FLAG_*` say (`XN_FLAG_ONELINE`,
/// `XN_FLAG_RFC2253`, `XN_FLAG_MULTILINE`, any separator/field-name/alignment/`ASN1_STRFLGS_*`
/// combination); flags 0 is `X509_NAME_print(out, nm, indent)`.
#[no_mangle]
pub extern "C" fn X509_NAME_print_ex(
    out: *mut BIO,
    nm: *const X509_NAME,
    indent: c_int,
    flags: c_ulong,
) -> c_int {
    crate::forward!(X509_NAME_print_ex(out, nm, indent, flags));
    if flags == 0 {
        return X509_NAME_print(out, nm, indent);
    }
    guard(-1, || {
        // SAFETY: NULL or a live X509_NAME.
        emit(
            Sink::Bio(out),
            print_ex(unsafe { name_ref(nm) }, indent, flags),
        )
    })
}

/// `X509_NAME_print_ex_fp(fp, nm, indent, flags)`: as `X509_NAME_print_ex`, to a `FILE`.
#[no_mangle]
pub extern "C" fn X509_NAME_print_ex_fp(
    fp: *mut libc::FILE,
    nm: *const X509_NAME,
    indent: c_int,
    flags: c_ulong,
) -> c_int {
    crate::forward!(X509_NAME_print_ex_fp(fp, nm, indent, flags));
    if flags == 0 {
        return print_compat(Sink::File(fp), nm);
    }
    guard(-1, || {
        // SAFETY: NULL or a live X509_NAME.
        emit(
            Sink::File(fp),
            print_ex(unsafe { name_ref(nm) }, indent, flags),
        )
    })
}

/// `X509_NAME_print(bp, name, obase)`: the oneline form without its first slash, `, ` before
/// each attribute whose short name is one or two capital letters (`obase` is unused, as in
/// OpenSSL). 1, or 0 when writing fails.
#[no_mangle]
pub extern "C" fn X509_NAME_print(bp: *mut BIO, name: *const X509_NAME, obase: c_int) -> c_int {
    crate::forward!(X509_NAME_print(bp, name, obase));
    let _ = obase;
    print_compat(Sink::Bio(bp), name)
}

/// `ASN1_STRING_print_ex` to `sink`.
fn string_print_ex(sink: Sink, str: *const ASN1_STRING, flags: c_ulong) -> c_int {
    guard(-1, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(str) }) else {
            return -1;
        };
        emit(sink, print_string(s.type_, s.bytes(), s.flags, flags))
    })
}

/// `ASN1_STRING_print_ex(out, str, flags)`: the string as `ASN1_STRFLGS_*` say; the length of
/// the printed form, -1 on bad data (and for NULL, where OpenSSL crashes).
#[no_mangle]
pub extern "C" fn ASN1_STRING_print_ex(
    out: *mut BIO,
    str: *const ASN1_STRING,
    flags: c_ulong,
) -> c_int {
    crate::forward!(ASN1_STRING_print_ex(out, str, flags));
    string_print_ex(Sink::Bio(out), str, flags)
}

/// `ASN1_STRING_print_ex_fp(fp, str, flags)`: as `ASN1_STRING_print_ex`, to a `FILE`.
#[no_mangle]
pub extern "C" fn ASN1_STRING_print_ex_fp(
    fp: *mut libc::FILE,
    str: *const ASN1_STRING,
    flags: c_ulong,
) -> c_int {
    crate::forward!(ASN1_STRING_print_ex_fp(fp, str, flags));
    string_print_ex(Sink::File(fp), str, flags)
}

/// `ASN1_STRING_print(bp, v)`: the bytes, each outside `' '..='~'` (except CR and LF) as `.`;
/// 1, or 0 for NULL or a failed write.
#[no_mangle]
pub extern "C" fn ASN1_STRING_print(bp: *mut BIO, v: *const ASN1_STRING) -> c_int {
    crate::forward!(ASN1_STRING_print(bp, v));
    guard(0, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(v) }) else {
            return 0;
        };
        let text: Vec<u8> = s
            .bytes()
            .iter()
            .map(|&b| match b {
                b'\n' | b'\r' | b' '..=b'~' => b,
                _ => b'.',
            })
            .collect();
        for chunk in text.chunks(80) {
            if BIO_write(bp, chunk.as_ptr() as *const c_void, chunk.len() as c_int) <= 0 {
                return 0;
            }
        }
        1
    })
}

/// `ASN1_STRING_to_UTF8(out, in)`: the string as UTF-8 in a new `OPENSSL_malloc`ed,
/// NUL-terminated buffer at `*out`; its length, or -1: for NULL, a type without a text form
/// (no error), or bad data (`ASN1_R_INVALID_UTF8STRING`, `_INVALID_BMPSTRING_LENGTH`,
/// `_INVALID_UNIVERSALSTRING_LENGTH`, `_ILLEGAL_CHARACTERS`).
#[no_mangle]
pub extern "C" fn ASN1_STRING_to_UTF8(out: *mut *mut c_uchar, r#in: *const ASN1_STRING) -> c_int {
    crate::forward!(ASN1_STRING_to_UTF8(out, r#in));
    call(-1, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(r#in) }) else {
            return Ok(-1);
        };
        if out.is_null() {
            return Ok(-1);
        }
        let utf8 = match to_utf8(s.type_, s.bytes()) {
            Ok(u) => u,
            Err(None) => return Ok(-1),
            Err(Some(reason)) => return Err(to_utf8_error(reason)),
        };
        let n = c_int::try_from(utf8.len()).map_err(|_| to_utf8_error(0))?;
        // SAFETY: a fresh allocation of len + 1 bytes, filled below.
        let p = unsafe { libc::malloc(utf8.len() + 1) } as *mut c_uchar;
        if p.is_null() {
            return Err(Error::new(
                lib::ASN1,
                common::MALLOC_FAILURE,
                "ASN1_STRING_to_UTF8",
            ));
        }
        // SAFETY: `p` has room for the bytes and the NUL; `out` is writable.
        unsafe {
            core::ptr::copy_nonoverlapping(utf8.as_ptr(), p, utf8.len());
            *p.add(utf8.len()) = 0;
            *out = p;
        }
        Ok(n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::x509::fixtures::*;
    use crate::crypto::x509::Certificate;
    use crate::ffi::asn1::new_string;

    #[test]
    fn prints_to_null_sinks_and_strings() {
        let der = crate::crypto::pem::read_certs(RSA_CERT.as_bytes())
            .unwrap()
            .remove(0);
        let cert = Certificate::from_der(der).unwrap();
        let n = cert.subject() as *const Name as *const X509_NAME;
        // XN_FLAG_ONELINE: "  CN = rsa.test".
        let oneline = 0x317 | 8 | (2 << 16) | (1 << 23);
        assert_eq!(X509_NAME_print_ex(core::ptr::null_mut(), n, 2, oneline), 15);
        assert_eq!(X509_NAME_print(core::ptr::null_mut(), n, 0), 0);
        crate::crypto::err::clear();
        let s = new_string(30, b"\x00Z\x00o\x00\xeb").unwrap();
        assert_eq!(ASN1_STRING_print_ex(core::ptr::null_mut(), s, 0x17), 8);
        let mut out: *mut c_uchar = core::ptr::null_mut();
        assert_eq!(ASN1_STRING_to_UTF8(&mut out, s), 4);
        // SAFETY: malloc'd above, NUL-terminated.
        unsafe {
            assert_eq!(
                core::ffi::CStr::from_ptr(out.cast()).to_bytes(),
                "Zoë".as_bytes()
            );
            libc::free(out.cast());
            crate::ffi::asn1::free_string(s);
        }
    }
}
