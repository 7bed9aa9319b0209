//! `openssl/asn1.h` integers and bit strings, and the small `BIGNUM` they convert to
//! (`openssl/bn.h`): `ASN1_INTEGER_new`/`free`/`get`/`to_BN`, `i2s_ASN1_INTEGER`,
//! `i2a_ASN1_INTEGER`, `ASN1_BIT_STRING_free`/`get_bit`, `ASN1_OCTET_STRING_free`,
//! `BN_new`/`free`/`bn2hex`/`bn2dec`/`num_bits`.
//!
//! Natively an `ASN1_INTEGER*` is an [`Asn1String`] of type `V_ASN1_INTEGER` or
//! `V_ASN1_NEG_INTEGER` holding the magnitude big-endian, as OpenSSL keeps it. A `BIGNUM*` is a
//! `Box<BigNum>` (sign and magnitude); only what certificate serials need is there.

use super::asn1::{free_string, new_string, string_ref, Asn1String};
use super::types::BIO;
use super::{call, guard, null_on_error};
use crate::crypto::x509_fields::{num_bits, V_ASN1_INTEGER, V_ASN1_NEG_INTEGER};
use crate::error::{common, lib, Error, Result};
use core::ffi::{c_char, c_int, c_long, c_void};

/// `ASN1_INTEGER` (`struct asn1_string_st`).
pub struct ASN1_INTEGER {
    _private: [u8; 0],
}
/// `ASN1_BIT_STRING` (`struct asn1_string_st`).
pub struct ASN1_BIT_STRING {
    _private: [u8; 0],
}
/// `ASN1_OCTET_STRING` (`struct asn1_string_st`).
pub struct ASN1_OCTET_STRING {
    _private: [u8; 0],
}
/// `BIGNUM` (`struct bignum_st`).
pub struct BIGNUM {
    _private: [u8; 0],
}
/// `X509V3_EXT_METHOD`: only named (`i2s_ASN1_INTEGER` ignores it).
pub struct X509V3_EXT_METHOD {
    _private: [u8; 0],
}

/// `ASN1_R_TOO_LARGE`.
const ASN1_R_TOO_LARGE: i32 = 223;
/// `ASN1_R_TOO_SMALL`.
const ASN1_R_TOO_SMALL: i32 = 224;
/// `ASN1_R_WRONG_INTEGER_TYPE`.
const ASN1_R_WRONG_INTEGER_TYPE: i32 = 225;

/// The object behind a native `BIGNUM*`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BigNum {
    pub neg: bool,
    /// Big-endian magnitude without leading zero bytes (empty for zero).
    pub mag: Vec<u8>,
}

impl BigNum {
    fn new(neg: bool, mag: &[u8]) -> BigNum {
        let nz = mag.iter().position(|&b| b != 0).unwrap_or(mag.len());
        let mag = mag[nz..].to_vec();
        BigNum {
            neg: neg && !mag.is_empty(),
            mag,
        }
    }

    /// `BN_bn2hex`: upper-case, two digits a byte, `-` for negatives, `0` for zero.
    pub fn to_hex(&self) -> String {
        if self.mag.is_empty() {
            return "0".into();
        }
        let mut s = String::with_capacity(self.mag.len() * 2 + 1);
        if self.neg {
            s.push('-');
        }
        for b in &self.mag {
            s.push_str(&format!("{b:02X}"));
        }
        s
    }

    /// `BN_bn2dec`.
    pub fn to_dec(&self) -> String {
        let mut digits = Vec::new();
        let mut n = self.mag.clone();
        while n.iter().any(|&b| b != 0) {
            let mut rem = 0u32;
            for b in n.iter_mut() {
                let cur = (rem << 8) | *b as u32;
                *b = (cur / 10) as u8;
                rem = cur % 10;
            }
            digits.push(b'0' + rem as u8);
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        if self.neg {
            digits.push(b'-');
        }
        digits.reverse();
        String::from_utf8(digits).unwrap_or_default()
    }
}

fn bn_ref<'a>(p: *const BIGNUM) -> Option<&'a BigNum> {
    // SAFETY: non-NULL BIGNUM pointers of the native backend are Box<BigNum>s.
    unsafe { (p as *const BigNum).as_ref() }
}

/// Copies `s` into a `malloc`ed NUL-terminated string (freed with `OPENSSL_free`).
pub fn c_string(s: &str) -> Result<*mut c_char> {
    // SAFETY: malloc has no preconditions; checked below.
    let p = unsafe { libc::malloc(s.len() + 1) } as *mut u8;
    if p.is_null() {
        return Err(Error::new(
            lib::CRYPTO,
            common::MALLOC_FAILURE,
            "CRYPTO_malloc",
        ));
    }
    // SAFETY: `p` has room for the bytes and the NUL.
    unsafe {
        core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
    }
    Ok(p as *mut c_char)
}

/// (negative, magnitude) of a native integer; error for another string type.
fn integer_parts(a: &Asn1String, func: &'static str) -> Result<(bool, Vec<u8>)> {
    match a.type_ & !0x100 {
        V_ASN1_INTEGER => Ok((a.type_ == V_ASN1_NEG_INTEGER, a.bytes().to_vec())),
        // ENUMERATED (10) is accepted by OpenSSL's integer readers only via its own getters.
        _ => Err(Error::new(lib::ASN1, ASN1_R_WRONG_INTEGER_TYPE, func)),
    }
}

/// Writes `s` to a BIO through the dispatching `BIO_write`; its length, or -1.
pub fn bio_puts(bp: *mut BIO, s: &[u8]) -> c_int {
    let n = c_int::try_from(s.len()).unwrap_or(c_int::MAX);
    let r = super::bio::BIO_write(bp, s.as_ptr() as *const c_void, n);
    if r == n {
        n
    } else {
        -1
    }
}

/// `ASN1_INTEGER_new()`: an empty INTEGER.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_new() -> *mut ASN1_INTEGER {
    crate::forward_new!(ASN1_INTEGER_new());
    null_on_error(|| {
        let p = new_string(V_ASN1_INTEGER, &[])?;
        // OpenSSL's fresh integer has no data at all.
        // SAFETY: just made, ours.
        unsafe {
            let s = &mut *(p as *mut Asn1String);
            libc::free(s.data as *mut c_void);
            s.data = core::ptr::null_mut();
        }
        Ok(p as *mut ASN1_INTEGER)
    })
}

/// `ASN1_INTEGER_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_free(a: *mut ASN1_INTEGER) {
    crate::forward!(ASN1_INTEGER_free(a));
    // SAFETY: NULL or an owned native string the caller gives up.
    guard((), || unsafe { free_string(a.cast()) })
}

/// `ASN1_BIT_STRING_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ASN1_BIT_STRING_free(a: *mut ASN1_BIT_STRING) {
    crate::forward!(ASN1_BIT_STRING_free(a));
    // SAFETY: NULL or an owned native string the caller gives up.
    guard((), || unsafe { free_string(a.cast()) })
}

/// `ASN1_OCTET_STRING_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ASN1_OCTET_STRING_free(a: *mut ASN1_OCTET_STRING) {
    crate::forward!(ASN1_OCTET_STRING_free(a));
    // SAFETY: NULL or an owned native string the caller gives up.
    guard((), || unsafe { free_string(a.cast()) })
}

/// `ASN1_BIT_STRING_get_bit(a, n)`: bit `n` (0 = the most significant bit of the first byte);
/// 0 beyond the end or for NULL.
#[no_mangle]
pub extern "C" fn ASN1_BIT_STRING_get_bit(a: *const ASN1_BIT_STRING, n: c_int) -> c_int {
    crate::forward!(ASN1_BIT_STRING_get_bit(a, n));
    guard(0, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(a.cast()) }) else {
            return 0;
        };
        let Ok(n) = usize::try_from(n) else {
            return 0;
        };
        s.bytes()
            .get(n / 8)
            .map_or(0, |b| ((b >> (7 - (n % 8))) & 1) as c_int)
    })
}

/// `ASN1_INTEGER_get(a)`: the value as a `long`; 0 for NULL, -1 for an integer without data; -1 with `ASN1_R_TOO_LARGE` /
/// `ASN1_R_TOO_SMALL` when it does not fit, or `ASN1_R_WRONG_INTEGER_TYPE` for another type.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_get(a: *const ASN1_INTEGER) -> c_long {
    crate::forward!(ASN1_INTEGER_get(a));
    call(-1, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(a.cast()) }) else {
            return Ok(0);
        };
        let (neg, mag) = integer_parts(s, "ASN1_INTEGER_get_int64")?;
        if s.data.is_null() {
            // A fresh ASN1_INTEGER_new(): -1, nothing queued (measured).
            return Ok(-1);
        }
        let bn = BigNum::new(neg, &mag);
        if bn.mag.len() > 8 {
            return Err(Error::new(lib::ASN1, ASN1_R_TOO_LARGE, "asn1_get_uint64"));
        }
        let v = bn.mag.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64);
        if !neg {
            return i64::try_from(v)
                .map(|v| v as c_long)
                .map_err(|_| Error::new(lib::ASN1, ASN1_R_TOO_LARGE, "asn1_string_get_int64"));
        }
        if v <= i64::MAX as u64 {
            Ok(-(v as i64) as c_long)
        } else if v == 1u64 << 63 {
            Ok(i64::MIN as c_long)
        } else {
            Err(Error::new(
                lib::ASN1,
                ASN1_R_TOO_SMALL,
                "asn1_string_get_int64",
            ))
        }
    })
}

/// Sets a BigNum from an integer string.
fn to_bignum(ai: *const ASN1_INTEGER) -> Result<BigNum> {
    // SAFETY: NULL or a live native string.
    let s = unsafe { string_ref(ai.cast()) }
        .ok_or(Error::null_param(lib::ASN1, "ASN1_INTEGER_to_BN"))?;
    let (neg, mag) = integer_parts(s, "bn_to_asn1_string")?;
    Ok(BigNum::new(neg, &mag))
}

/// `ASN1_INTEGER_to_BN(ai, bn)`: the value as a BIGNUM, stored in `bn` when it is not NULL (and
/// returned), else in a new one (`BN_free`). NULL with `ASN1_R_WRONG_INTEGER_TYPE` for a
/// string that is no INTEGER.
#[no_mangle]
pub extern "C" fn ASN1_INTEGER_to_BN(ai: *const ASN1_INTEGER, bn: *mut BIGNUM) -> *mut BIGNUM {
    crate::forward_new!(ASN1_INTEGER_to_BN(ai, bn));
    null_on_error(|| {
        let v = to_bignum(ai)?;
        if bn.is_null() {
            return Ok(Box::into_raw(Box::new(v)) as *mut BIGNUM);
        }
        // SAFETY: a live native BIGNUM the caller owns.
        unsafe { *(bn as *mut BigNum) = v };
        Ok(bn)
    })
}

/// `BN_new()`: zero.
#[no_mangle]
pub extern "C" fn BN_new() -> *mut BIGNUM {
    crate::forward_new!(BN_new());
    null_on_error(|| Ok(Box::into_raw(Box::<BigNum>::default()) as *mut BIGNUM))
}

/// `BN_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn BN_free(a: *mut BIGNUM) {
    crate::forward!(BN_free(a));
    guard((), || {
        if !a.is_null() {
            // SAFETY: a Box<BigNum> the caller gives up.
            drop(unsafe { Box::from_raw(a as *mut BigNum) });
        }
    })
}

/// `BN_num_bits(a)`: the magnitude's bit length (0 for zero and for NULL).
#[no_mangle]
pub extern "C" fn BN_num_bits(a: *const BIGNUM) -> c_int {
    crate::forward!(BN_num_bits(a));
    guard(0, || bn_ref(a).map_or(0, |b| num_bits(&b.mag)))
}

/// `BN_bn2hex(a)`: `"7F"`, `"-05"`, `"0"`; `malloc`ed (`OPENSSL_free`). NULL for NULL.
#[no_mangle]
pub extern "C" fn BN_bn2hex(a: *const BIGNUM) -> *mut c_char {
    crate::forward!(BN_bn2hex(a));
    null_on_error(|| match bn_ref(a) {
        Some(b) => c_string(&b.to_hex()),
        None => Err(Error::null_param(lib::BN, "BN_bn2hex")),
    })
}

/// `BN_bn2dec(a)`: decimal, `malloc`ed (`OPENSSL_free`). NULL for NULL.
#[no_mangle]
pub extern "C" fn BN_bn2dec(a: *const BIGNUM) -> *mut c_char {
    crate::forward!(BN_bn2dec(a));
    null_on_error(|| match bn_ref(a) {
        Some(b) => c_string(&b.to_dec()),
        None => Err(Error::null_param(lib::BN, "BN_bn2dec")),
    })
}

/// `i2s_ASN1_INTEGER(meth, aint)`: decimal below 128 bits, else `0x`-prefixed hex (`-0x...` for
/// negatives), as OpenSSL 3.0 prints serials; `malloc`ed. NULL for NULL (nothing queued).
#[no_mangle]
pub extern "C" fn i2s_ASN1_INTEGER(
    meth: *mut X509V3_EXT_METHOD,
    aint: *const ASN1_INTEGER,
) -> *mut c_char {
    crate::forward!(i2s_ASN1_INTEGER(meth, aint));
    null_on_error(|| {
        if aint.is_null() {
            return Ok(core::ptr::null_mut());
        }
        let b = to_bignum(aint)?;
        if num_bits(&b.mag) < 128 {
            return c_string(&b.to_dec());
        }
        let hex = BigNum {
            neg: false,
            mag: b.mag.clone(),
        }
        .to_hex();
        c_string(&format!("{}0x{hex}", if b.neg { "-" } else { "" }))
    })
}

/// `i2a_ASN1_INTEGER(bp, a)`: the value in hex to `bp` (`"01"`, `"-05"`, `"00"` for zero; a
/// `\` line break every 35 bytes); the number of characters written, -1 on a write error, 0
/// for NULL `a`.
#[no_mangle]
pub extern "C" fn i2a_ASN1_INTEGER(bp: *mut BIO, a: *const ASN1_INTEGER) -> c_int {
    crate::forward!(i2a_ASN1_INTEGER(bp, a));
    guard(-1, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(a.cast()) }) else {
            return 0;
        };
        let mut out = String::new();
        if s.type_ & 0x100 != 0 {
            out.push('-');
        }
        if s.length == 0 {
            out.push_str("00");
        }
        for (i, b) in s.bytes().iter().enumerate() {
            if i > 0 && i % 35 == 0 {
                out.push_str("\\\n");
            }
            out.push_str(&format!("{b:02X}"));
        }
        bio_puts(bp, out.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bignum_text() {
        let b = BigNum::new(false, &[0, 0x80, 1]);
        assert_eq!(b.to_hex(), "8001");
        assert_eq!(b.to_dec(), "32769");
        assert_eq!(BigNum::new(true, &[5]).to_hex(), "-05");
        assert_eq!(BigNum::new(true, &[5]).to_dec(), "-5");
        assert_eq!(BigNum::new(true, &[0]).to_hex(), "0");
        assert_eq!(BigNum::default().to_dec(), "0");
        let big = BigNum::new(false, &[1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(big.to_dec(), "18446744073709551616");
    }
}
