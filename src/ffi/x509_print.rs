//! `X509_print_ex`, `X509_print`, `X509_print_ex_fp`, `X509_print_fp` (`openssl x509 -text`)
//! natively: the text comes from [`crate::crypto::x509_print`], the names are written by the
//! dispatching `X509_NAME_print_ex` with the caller's name flags; and
//! `EXTENDED_KEY_USAGE_free` for what `X509_get_ext_d2i(x, NID_ext_key_usage, ..)` returns.
//!
//! Measured on OpenSSL 3.0.19: 1 on success; 0 when a write fails (a NULL BIO), with no error
//! queued. `X509_print` is `X509_print_ex(bp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT)`.

use super::asn1_int::bio_puts;
use super::bio::BIO_free;
use super::bio_file::BIO_new_fp;
use super::obj::ASN1_OBJECT_free;
use super::stack::OPENSSL_STACK;
use super::types::{self, ASN1_OBJECT, BIO, X509};
use super::x509::{X509_get_issuer_name, X509_get_subject_name};
use super::x509_name_print::X509_NAME_print_ex;
use super::{call, guard};
use crate::crypto::x509_print::{pieces, Piece};
use crate::error::{lib, Error};
use core::ffi::{c_int, c_ulong, c_void};

/// `EXTENDED_KEY_USAGE` (`STACK_OF(ASN1_OBJECT)`).
pub struct EXTENDED_KEY_USAGE {
    _private: [u8; 0],
}

/// `XN_FLAG_COMPAT` and `X509_FLAG_COMPAT` (macros of `ffi-shim/macros/x509.h`).
const XN_FLAG_COMPAT: c_ulong = 0;
const X509_FLAG_COMPAT: c_ulong = 0;

/// The native printer: writes the pieces in order; 1, or 0 when a write fails.
fn print_native(bp: *mut BIO, x: *mut X509, nmflag: c_ulong, cflag: c_ulong) -> c_int {
    call(0, || {
        // SAFETY: NULL or a live X509.
        let Some(c) = (unsafe { types::borrow::<X509>(x) }) else {
            return Err(Error::null_param(lib::X509, "X509_print_ex"));
        };
        let printed = c
            .fields()
            .and_then(|f| pieces(c.der.as_ref(), f, nmflag, cflag));
        let Some(printed) = printed else {
            return Err(Error::unsupported(lib::X509, "X509_print_ex"));
        };
        // X509_NAME_print (XN_FLAG_COMPAT) returns 1 on success, the _ex form a length.
        let printok = c_int::from(nmflag == XN_FLAG_COMPAT);
        for p in printed {
            let ok = match p {
                Piece::Text(t) => bio_puts(bp, t.as_bytes()) >= 0,
                Piece::Issuer(indent) => {
                    X509_NAME_print_ex(bp, X509_get_issuer_name(x), indent, nmflag) >= printok
                }
                Piece::Subject(indent) => {
                    X509_NAME_print_ex(bp, X509_get_subject_name(x), indent, nmflag) >= printok
                }
            };
            if !ok {
                return Ok(0);
            }
        }
        Ok(1)
    })
}

/// `X509_print_ex(bp, x, nmflag, cflag)`: the certificate as `openssl x509 -text` prints it,
/// names printed as `X509_NAME_print_ex(.., nmflag)` says, parts left out by the
/// `X509_FLAG_NO_*` bits of `cflag`. 1, or 0 when a write fails.
///
/// Status: partial — natively RSA, RSA-PSS (without parameter restrictions), EC (P-256,
/// P-384, P-521), Ed25519 and Ed448 keys, RSASSA-PSS signature parameters, and the
/// basicConstraints, keyUsage, extendedKeyUsage, subject/issuerAltName, subject/authority key
/// identifier, CRL distribution points (full names), authority info access, certificate
/// policies (CPS qualifiers), CT precertificate SCT lists (v1, SHA-256 with RSA or ECDSA) and
/// Netscape comment extensions print as OpenSSL prints them; unknown extensions are dumped raw
/// as OpenSSL dumps them. Others OpenSSL has printers for (name constraints, policy
/// constraints, user notices, ...) are dumped raw too; PSS key parameter restrictions,
/// issuer/subject unique IDs and `X509_AUX` trust settings are not printed; a certificate the
/// native field parser rejects (an OID longer than 39 bytes) gives 0.
#[no_mangle]
pub extern "C" fn X509_print_ex(
    bp: *mut BIO,
    x: *mut X509,
    nmflag: c_ulong,
    cflag: c_ulong,
) -> c_int {
    crate::forward!(X509_print_ex(bp, x, nmflag, cflag));
    print_native(bp, x, nmflag, cflag)
}

/// `X509_print(bp, x)`: `X509_print_ex(bp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT)`.
///
/// Status: partial — as `X509_print_ex`.
#[no_mangle]
pub extern "C" fn X509_print(bp: *mut BIO, x: *mut X509) -> c_int {
    crate::forward!(X509_print(bp, x));
    print_native(bp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT)
}

/// `X509_print_ex` to a `FILE` (through a file BIO). 0 for a NULL `fp`.
fn print_fp(fp: *mut libc::FILE, x: *mut X509, nmflag: c_ulong, cflag: c_ulong) -> c_int {
    if fp.is_null() {
        return 0;
    }
    let b = BIO_new_fp(fp, 0);
    if b.is_null() {
        crate::crypto::err::push(Error::new(
            lib::X509,
            crate::error::common::BUF_LIB,
            "X509_print_ex_fp",
        ));
        return 0;
    }
    let r = print_native(b, x, nmflag, cflag);
    BIO_free(b);
    r
}

/// `X509_print_ex_fp(bp, x, nmflag, cflag)`: `X509_print_ex` to a `FILE`.
///
/// Status: partial — as `X509_print_ex`.
#[no_mangle]
pub extern "C" fn X509_print_ex_fp(
    bp: *mut libc::FILE,
    x: *mut X509,
    nmflag: c_ulong,
    cflag: c_ulong,
) -> c_int {
    crate::forward!(X509_print_ex_fp(bp, x, nmflag, cflag));
    guard(0, || print_fp(bp, x, nmflag, cflag))
}

/// `X509_print_fp(bp, x)`: `X509_print` to a `FILE`.
///
/// Status: partial — as `X509_print_ex`.
#[no_mangle]
pub extern "C" fn X509_print_fp(bp: *mut libc::FILE, x: *mut X509) -> c_int {
    crate::forward!(X509_print_fp(bp, x));
    guard(0, || print_fp(bp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT))
}

unsafe extern "C" fn free_object_cb(p: *mut c_void) {
    ASN1_OBJECT_free(p as *mut ASN1_OBJECT)
}

/// `EXTENDED_KEY_USAGE_free(a)`: frees the objects and the stack; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EXTENDED_KEY_USAGE_free(a: *mut EXTENDED_KEY_USAGE) {
    crate::forward!(EXTENDED_KEY_USAGE_free(a));
    guard((), || {
        super::stack::OPENSSL_sk_pop_free(a as *mut OPENSSL_STACK, Some(free_object_cb))
    })
}

/// Builds the native `EXTENDED_KEY_USAGE` of an extnValue: the table's objects for known
/// purposes, new ones (the stack's) for the others.
pub fn decode_eku(value: &[u8]) -> crate::error::Result<*mut c_void> {
    use der::Decode;
    let bad = || Error::new(lib::X509V3, 0x80000 | 13, "X509V3_EXT_d2i");
    let eku = x509_cert::ext::pkix::ExtendedKeyUsage::from_der(value).map_err(|_| bad())?;
    let mut st = super::stack::Stack::new(None);
    for oid in eku.0.iter() {
        let text = std::ffi::CString::new(oid.to_string()).map_err(|_| bad())?;
        let o = super::obj::OBJ_txt2obj(text.as_ptr(), 1);
        if o.is_null() {
            for p in st.data.drain(..) {
                ASN1_OBJECT_free(p as *mut ASN1_OBJECT);
            }
            return Err(bad());
        }
        st.data.push(o as *mut c_void);
    }
    Ok(st.into_c().cast())
}
