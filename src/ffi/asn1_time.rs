//! `openssl/asn1.h` times: `ASN1_TIME_new`/`free`/`set`/`print`/`to_tm`/`diff` and
//! `X509_cmp_time`/`X509_cmp_current_time` (x509.h). An `ASN1_TIME*` is an [`Asn1String`] of
//! type `V_ASN1_UTCTIME` (`YYMMDDHHMMSSZ`) or `V_ASN1_GENERALIZEDTIME` (`YYYYMMDDHHMMSSZ`).
//!
//! The text forms are read as OpenSSL 3.0 reads them (measured): seconds may be left out, a
//! GeneralizedTime may carry a fraction, `+hhmm`/`-hhmm` offsets are folded into GMT; anything
//! else is "Bad time value". `X509_cmp_time` accepts only the strict RFC 5280 forms.

use super::asn1::{free_string, new_string, string_ref, Asn1String};
use super::asn1_int::bio_puts;
use super::types::BIO;
use super::{guard, null_on_error};
use crate::crypto::x509_fields::{V_ASN1_GENERALIZEDTIME, V_ASN1_UTCTIME};
use core::ffi::{c_int, c_void};

/// `ASN1_TIME` (`struct asn1_string_st`).
pub struct ASN1_TIME {
    _private: [u8; 0],
}

/// `ASN1_STRING_FLAG_MSTRING`: set on a fresh `ASN1_TIME_new()`.
const ASN1_STRING_FLAG_MSTRING: core::ffi::c_long = 0x040;

/// A broken-down GMT time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub mon: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Civil {
    /// Seconds since the Unix epoch.
    pub fn epoch(&self) -> i64 {
        days_from_civil(self.year, self.mon, self.day) * 86_400
            + self.hour * 3600
            + self.min * 60
            + self.sec
    }

    /// The GMT time of `t` seconds since the epoch.
    pub fn from_epoch(t: i64) -> Civil {
        let days = t.div_euclid(86_400);
        let rem = t.rem_euclid(86_400);
        let (year, mon, day) = civil_from_days(days);
        Civil {
            year,
            mon,
            day,
            hour: rem / 3600,
            min: rem % 3600 / 60,
            sec: rem % 60,
        }
    }
}

/// A parsed time string: the GMT time and, for a GeneralizedTime, its fraction (`.123`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub civil: Civil,
    pub frac: String,
}

/// Reads a time string as OpenSSL 3.0's `ASN1_TIME_to_tm` does.
pub fn parse(kind: c_int, s: &[u8]) -> Option<Parsed> {
    let generalized = match kind {
        V_ASN1_UTCTIME => false,
        V_ASN1_GENERALIZEDTIME => true,
        _ => return None,
    };
    let mut i = 0;
    let two = |i: &mut usize| -> Option<i64> {
        let a = *s.get(*i)?;
        let b = *s.get(*i + 1)?;
        if !a.is_ascii_digit() || !b.is_ascii_digit() {
            return None;
        }
        *i += 2;
        Some(((a - b'0') * 10 + (b - b'0')) as i64)
    };
    let year = if generalized {
        two(&mut i)? * 100 + two(&mut i)?
    } else {
        let yy = two(&mut i)?;
        if yy >= 50 {
            1900 + yy
        } else {
            2000 + yy
        }
    };
    let mon = two(&mut i)?;
    let day = two(&mut i)?;
    let hour = two(&mut i)?;
    let min = two(&mut i)?;
    let sec = if matches!(s.get(i), Some(b'Z' | b'+' | b'-')) {
        0
    } else {
        two(&mut i)?
    };
    if !(1..=12).contains(&mon)
        || day < 1
        || day > days_in_month(year, mon)
        || hour > 23
        || min > 59
        || sec > 59
    {
        return None;
    }
    let mut frac = String::new();
    if generalized && s.get(i) == Some(&b'.') {
        let start = i;
        i += 1;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start + 1 {
            return None;
        }
        frac = String::from_utf8_lossy(&s[start..i]).into_owned();
    }
    let mut civil = Civil {
        year,
        mon,
        day,
        hour,
        min,
        sec,
    };
    match s.get(i) {
        Some(b'Z') => i += 1,
        Some(&sign @ (b'+' | b'-')) => {
            i += 1;
            let oh = two(&mut i)?;
            let om = two(&mut i)?;
            if oh > 12 || om > 59 {
                return None;
            }
            let off = (oh * 3600 + om * 60) * if sign == b'+' { 1 } else { -1 };
            civil = Civil::from_epoch(civil.epoch() - off);
        }
        _ => return None,
    }
    if i != s.len() {
        return None;
    }
    Some(Parsed { civil, frac })
}

/// The strict RFC 5280 forms `X509_cmp_time` accepts; the epoch seconds.
fn parse_strict(a: &Asn1String) -> Option<i64> {
    let b = a.bytes();
    let want = match a.type_ {
        V_ASN1_UTCTIME => 13,
        V_ASN1_GENERALIZEDTIME => 15,
        _ => return None,
    };
    if b.len() != want || b[want - 1] != b'Z' || !b[..want - 1].iter().all(u8::is_ascii_digit) {
        return None;
    }
    parse(a.type_, b).map(|p| p.civil.epoch())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The epoch seconds of a time string, or of now for NULL; None when malformed.
fn epoch_or_now(p: *const ASN1_TIME) -> Option<i64> {
    // SAFETY: NULL or a live native string.
    match unsafe { string_ref(p.cast()) } {
        None => Some(now()),
        Some(s) => parse(s.type_, s.bytes()).map(|p| p.civil.epoch()),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `ASN1_TIME_print`'s text (`Jan  1 00:00:00 2050 GMT`), or None for a bad time.
pub fn print_form(kind: c_int, s: &[u8]) -> Option<String> {
    let p = parse(kind, s)?;
    let c = p.civil;
    Some(format!(
        "{} {:2} {:02}:{:02}:{:02}{} {} GMT",
        MONTHS[(c.mon - 1) as usize],
        c.day,
        c.hour,
        c.min,
        c.sec,
        p.frac,
        c.year
    ))
}

/// The string form `ASN1_TIME_set` writes for `t`: UTCTime for 1950..=2049, else
/// GeneralizedTime.
pub fn format_time(t: i64) -> (c_int, String) {
    let c = Civil::from_epoch(t);
    if (1950..2050).contains(&c.year) {
        (
            V_ASN1_UTCTIME,
            format!(
                "{:02}{:02}{:02}{:02}{:02}{:02}Z",
                c.year % 100,
                c.mon,
                c.day,
                c.hour,
                c.min,
                c.sec
            ),
        )
    } else {
        (
            V_ASN1_GENERALIZEDTIME,
            format!(
                "{:04}{:02}{:02}{:02}{:02}{:02}Z",
                c.year, c.mon, c.day, c.hour, c.min, c.sec
            ),
        )
    }
}

/// `ASN1_TIME_new()`: an empty time (type -1, no data), as OpenSSL's.
#[no_mangle]
pub extern "C" fn ASN1_TIME_new() -> *mut ASN1_TIME {
    crate::forward_new!(ASN1_TIME_new());
    null_on_error(|| {
        let p = new_string(-1, &[])?;
        // SAFETY: just made, ours.
        unsafe {
            let s = &mut *(p as *mut Asn1String);
            libc::free(s.data as *mut c_void);
            s.data = core::ptr::null_mut();
            s.flags = ASN1_STRING_FLAG_MSTRING;
        }
        Ok(p as *mut ASN1_TIME)
    })
}

/// `ASN1_TIME_free(a)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ASN1_TIME_free(a: *mut ASN1_TIME) {
    crate::forward!(ASN1_TIME_free(a));
    // SAFETY: NULL or an owned native string the caller gives up.
    guard((), || unsafe { free_string(a.cast()) })
}

/// `ASN1_TIME_set(s, t)`: `t` as UTCTime (1950..2049) or GeneralizedTime into `s`, or into a
/// new time when `s` is NULL; returns it.
#[no_mangle]
pub extern "C" fn ASN1_TIME_set(s: *mut ASN1_TIME, t: libc::time_t) -> *mut ASN1_TIME {
    crate::forward_new!(ASN1_TIME_set(s, t));
    null_on_error(|| {
        let (kind, text) = format_time(t);
        if s.is_null() {
            return Ok(new_string(kind, text.as_bytes())? as *mut ASN1_TIME);
        }
        // SAFETY: a live native string the caller owns.
        let a = unsafe { &mut *(s as *mut Asn1String) };
        a.set(text.as_bytes())?;
        a.type_ = kind;
        Ok(s)
    })
}

/// `ASN1_TIME_print(bp, tm)`: `Jan  1 00:00:00 2050 GMT` (fraction after the seconds when
/// there is one); 1, or "Bad time value" and 0 for a malformed time (0 alone for NULL).
#[no_mangle]
pub extern "C" fn ASN1_TIME_print(bp: *mut BIO, tm: *const ASN1_TIME) -> c_int {
    crate::forward!(ASN1_TIME_print(bp, tm));
    guard(0, || {
        // SAFETY: NULL or a live native string.
        let Some(s) = (unsafe { string_ref(tm.cast()) }) else {
            return 0;
        };
        match print_form(s.type_, s.bytes()) {
            Some(text) => (bio_puts(bp, text.as_bytes()) > 0) as c_int,
            None => {
                bio_puts(bp, b"Bad time value");
                0
            }
        }
    })
}

/// `ASN1_TIME_to_tm(s, tm)`: the time broken down into `*tm` (GMT; weekday and day of year
/// filled, everything else zero); NULL `s` gives the current time. 1 (also for NULL `tm` when
/// the time is valid), or 0 for a malformed time.
#[no_mangle]
pub extern "C" fn ASN1_TIME_to_tm(s: *const ASN1_TIME, tm: *mut libc::tm) -> c_int {
    crate::forward!(ASN1_TIME_to_tm(s, tm));
    guard(0, || {
        let Some(t) = epoch_or_now(s) else {
            return 0;
        };
        if tm.is_null() {
            return 1; // OpenSSL: only checks that the time can be read
        }
        let c = Civil::from_epoch(t);
        // SAFETY: all-zero is a valid `struct tm` (NULL tm_zone).
        let mut out: libc::tm = unsafe { core::mem::zeroed() };
        out.tm_year = (c.year - 1900) as c_int;
        out.tm_mon = (c.mon - 1) as c_int;
        out.tm_mday = c.day as c_int;
        out.tm_hour = c.hour as c_int;
        out.tm_min = c.min as c_int;
        out.tm_sec = c.sec as c_int;
        let days = t.div_euclid(86_400);
        out.tm_wday = (days + 4).rem_euclid(7) as c_int;
        out.tm_yday = (days - days_from_civil(c.year, 1, 1)) as c_int;
        // SAFETY: `tm` is the caller's writable struct tm.
        unsafe { *tm = out };
        1
    })
}

/// `ASN1_TIME_diff(pday, psec, from, to)`: `to - from` as whole days plus seconds (both with
/// the sign of the difference); NULL times are now. 1, or 0 for a malformed time.
#[no_mangle]
pub extern "C" fn ASN1_TIME_diff(
    pday: *mut c_int,
    psec: *mut c_int,
    from: *const ASN1_TIME,
    to: *const ASN1_TIME,
) -> c_int {
    crate::forward!(ASN1_TIME_diff(pday, psec, from, to));
    guard(0, || {
        let (Some(a), Some(b)) = (epoch_or_now(from), epoch_or_now(to)) else {
            return 0;
        };
        let d = b - a;
        // SAFETY: NULL or the caller's writable ints.
        unsafe {
            if let Some(p) = pday.as_mut() {
                *p = (d / 86_400) as c_int;
            }
            if let Some(p) = psec.as_mut() {
                *p = (d % 86_400) as c_int;
            }
        }
        1
    })
}

fn cmp_at(s: *const ASN1_TIME, t: i64) -> c_int {
    // SAFETY: NULL or a live native string.
    let Some(a) = (unsafe { string_ref(s.cast()) }) else {
        return 0;
    };
    match parse_strict(a) {
        Some(v) if v <= t => -1,
        Some(_) => 1,
        None => 0,
    }
}

/// `X509_cmp_time(s, t)`: -1 if `s` is at or before `*t` (now when `t` is NULL), 1 if after, 0
/// when `s` is not a strict `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ` time.
#[no_mangle]
pub extern "C" fn X509_cmp_time(s: *const ASN1_TIME, t: *mut libc::time_t) -> c_int {
    crate::forward!(X509_cmp_time(s, t));
    guard(0, || {
        // SAFETY: NULL or the caller's time_t.
        let at = unsafe { t.as_ref() }.map_or_else(now, |&v| v);
        cmp_at(s, at)
    })
}

/// `X509_cmp_current_time(s)`: [`X509_cmp_time`] against now.
#[no_mangle]
pub extern "C" fn X509_cmp_current_time(s: *const ASN1_TIME) -> c_int {
    crate::forward!(X509_cmp_current_time(s));
    guard(0, || cmp_at(s, now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_forms_match_openssl() {
        // Measured with ASN1_TIME_print on OpenSSL 3.0.19.
        let p = |k, s: &str| print_form(k, s.as_bytes());
        assert_eq!(
            p(V_ASN1_UTCTIME, "250101000000Z").unwrap(),
            "Jan  1 00:00:00 2025 GMT"
        );
        assert_eq!(
            p(V_ASN1_GENERALIZEDTIME, "20990630123045Z").unwrap(),
            "Jun 30 12:30:45 2099 GMT"
        );
        assert_eq!(
            p(V_ASN1_GENERALIZEDTIME, "20500101000000.123Z").unwrap(),
            "Jan  1 00:00:00.123 2050 GMT"
        );
        assert_eq!(
            p(V_ASN1_UTCTIME, "5001010000Z").unwrap(),
            "Jan  1 00:00:00 1950 GMT"
        );
        assert_eq!(
            p(V_ASN1_UTCTIME, "500101000000+0100").unwrap(),
            "Dec 31 23:00:00 1949 GMT"
        );
        assert!(p(V_ASN1_GENERALIZEDTIME, "2050010100Z").is_none());
        assert!(p(V_ASN1_UTCTIME, "garbage").is_none());
        assert!(p(4, "260101000000Z").is_none());
    }

    #[test]
    fn set_forms() {
        assert_eq!(format_time(2_524_608_000).1, "20500101000000Z");
        assert_eq!(format_time(2_524_607_999).1, "491231235959Z");
        assert_eq!(format_time(-631_152_001).1, "19491231235959Z");
        assert_eq!(format_time(0), (V_ASN1_UTCTIME, "700101000000Z".into()));
    }
}
