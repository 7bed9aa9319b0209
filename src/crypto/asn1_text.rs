//! Text forms of ASN.1 strings and object identifiers, as OpenSSL 3.0 prints them
//! (`ASN1_STRING_print_ex`, `ASN1_STRING_to_UTF8`, `OBJ_obj2txt`, `OBJ_txt2obj`).
//!
//! Everything here was measured against OpenSSL 3.0.19 (`c-tests/test_x509_names.c` compares
//! the printed forms byte for byte): the escaping classes of each character, the bytes per
//! character of each string type, the DER dump of types that are not printed as text, the
//! tokenizer of dotted OIDs (`"1.2."` is `1.2`, `"1..2"` is `1.0.2`, a space separates as a
//! dot does) and which inputs fail with which `ASN1_R_*` reason.

use crate::error::{lib, Error};
use core::ffi::{c_long, c_ulong};

/// The `unsigned long` flags of the printers.
pub type Flags = c_ulong;

/// `ASN1_STRFLGS_ESC_2253`: backslash-escape RFC 2253's special characters.
pub const ESC_2253: Flags = 1;
/// `ASN1_STRFLGS_ESC_CTRL`: control characters as `\XX`.
pub const ESC_CTRL: Flags = 2;
/// `ASN1_STRFLGS_ESC_MSB`: bytes above 0x7F as `\XX`.
pub const ESC_MSB: Flags = 4;
/// `ASN1_STRFLGS_ESC_QUOTE`: quote the value instead of backslash-escaping `,+;<>`, spaces, `#`.
pub const ESC_QUOTE: Flags = 8;
/// `ASN1_STRFLGS_UTF8_CONVERT`: convert to UTF-8 before escaping.
pub const UTF8_CONVERT: Flags = 0x10;
/// `ASN1_STRFLGS_IGNORE_TYPE`: one byte per character whatever the type.
pub const IGNORE_TYPE: Flags = 0x20;
/// `ASN1_STRFLGS_SHOW_TYPE`: prefix `TYPENAME:`.
pub const SHOW_TYPE: Flags = 0x40;
/// `ASN1_STRFLGS_DUMP_ALL`: hex dump every string.
pub const DUMP_ALL: Flags = 0x80;
/// `ASN1_STRFLGS_DUMP_UNKNOWN`: hex dump the types that have no text form.
pub const DUMP_UNKNOWN: Flags = 0x100;
/// `ASN1_STRFLGS_DUMP_DER`: dump the DER encoding rather than the contents.
pub const DUMP_DER: Flags = 0x200;
/// `ASN1_STRFLGS_ESC_2254`: NUL and backslash as `\XX`.
pub const ESC_2254: Flags = 0x400;

/// The escaping flags (the only ones that reach the per-character step).
const ESC_FLAGS: u16 = (ESC_2253 | ESC_2254 | ESC_QUOTE | ESC_CTRL | ESC_MSB) as u16;
/// Character classes beyond the flags: first and last character of an RFC 2253 value.
const FIRST_ESC_2253: u16 = 0x20;
const LAST_ESC_2253: u16 = 0x40;
/// The classes that get a backslash (or quotes).
const BS_ESC: u16 = ESC_2253 as u16 | FIRST_ESC_2253 | LAST_ESC_2253;

/// `ASN1_R_*` reasons used here (asn1err.h).
pub const ASN1_R_FIRST_NUM_TOO_LARGE: i32 = 122;
pub const ASN1_R_ILLEGAL_CHARACTERS: i32 = 124;
pub const ASN1_R_INVALID_BMPSTRING_LENGTH: i32 = 129;
pub const ASN1_R_INVALID_DIGIT: i32 = 130;
pub const ASN1_R_INVALID_SEPARATOR: i32 = 131;
pub const ASN1_R_INVALID_UNIVERSALSTRING_LENGTH: i32 = 133;
pub const ASN1_R_INVALID_UTF8STRING: i32 = 134;
pub const ASN1_R_MISSING_SECOND_NUMBER: i32 = 138;
pub const ASN1_R_SECOND_NUMBER_TOO_LARGE: i32 = 147;

/// The escaping classes of an ASCII character (bit values as the `ASN1_STRFLGS_ESC_*` flags,
/// plus the first/last-character classes of RFC 2253).
fn char_class(c: u8) -> u16 {
    match c {
        0 => 0x400 | 2,
        1..=31 | 127 => 2,
        b' ' => LAST_ESC_2253 | FIRST_ESC_2253 | 8,
        b'"' => 1,
        b'#' => FIRST_ESC_2253 | 8,
        b'+' | b',' | b';' | b'<' | b'>' => 8 | 1,
        b'\\' => 0x400 | 1,
        _ => 0,
    }
}

/// `ASN1_tag2str`: the name `SHOW_TYPE` prints.
pub fn tag_name(tag: i32) -> &'static str {
    const NAMES: [&str; 31] = [
        "EOC",
        "BOOLEAN",
        "INTEGER",
        "BIT STRING",
        "OCTET STRING",
        "NULL",
        "OBJECT",
        "OBJECT DESCRIPTOR",
        "EXTERNAL",
        "REAL",
        "ENUMERATED",
        "<ASN1 11>",
        "UTF8STRING",
        "<ASN1 13>",
        "<ASN1 14>",
        "<ASN1 15>",
        "SEQUENCE",
        "SET",
        "NUMERICSTRING",
        "PRINTABLESTRING",
        "T61STRING",
        "VIDEOTEXSTRING",
        "IA5STRING",
        "UTCTIME",
        "GENERALIZEDTIME",
        "GRAPHICSTRING",
        "VISIBLESTRING",
        "GENERALSTRING",
        "UNIVERSALSTRING",
        "<ASN1 29>",
        "BMPSTRING",
    ];
    // V_ASN1_NEG_INTEGER and V_ASN1_NEG_ENUMERATED name their positive types.
    let tag = if tag == 0x102 || tag == 0x10A {
        tag & !0x100
    } else {
        tag
    };
    usize::try_from(tag)
        .ok()
        .and_then(|t| NAMES.get(t))
        .copied()
        .unwrap_or("(unknown)")
}

/// How a string type is read as text: `Some(0)` UTF-8, `Some(1)` one byte per character,
/// `Some(2)` BMP (UCS-2), `Some(4)` UniversalString (UCS-4); `None` has no text form.
pub fn char_width(tag: i32) -> Option<u8> {
    match tag {
        12 => Some(0),
        18..=20 | 22..=24 | 26 => Some(1),
        28 => Some(4),
        30 => Some(2),
        _ => None,
    }
}

/// Decodes one strictly valid UTF-8 character at the start of `b`: (character, length).
fn utf8_char(b: &[u8]) -> Option<(u32, usize)> {
    let n = match *b.first()? {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(b.get(..n)?).ok()?;
    s.chars().next().map(|c| (c as u32, n))
}

/// The characters of a string read with `width` bytes each (0 = UTF-8); `None` when the data
/// does not split into characters of that form.
fn chars(data: &[u8], width: u8) -> Option<Vec<u32>> {
    match width {
        0 => {
            let mut out = Vec::with_capacity(data.len());
            let mut rest = data;
            while !rest.is_empty() {
                let (c, n) = utf8_char(rest)?;
                out.push(c);
                rest = &rest[n..];
            }
            Some(out)
        }
        1 => Some(data.iter().map(|&b| u32::from(b)).collect()),
        2 if data.len() % 2 == 0 => Some(
            data.chunks(2)
                .map(|c| u32::from(u16::from_be_bytes([c[0], c[1]])))
                .collect(),
        ),
        4 if data.len() % 4 == 0 => Some(
            data.chunks(4)
                .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ),
        _ => None,
    }
}

/// One character, escaped per `flags` (escape flags plus the first/last classes).
fn escape_char(c: u32, flags: u16, quotes: &mut bool, out: &mut Vec<u8>) {
    if c > 0xFFFF {
        out.extend_from_slice(format!("\\W{c:08X}").as_bytes());
        return;
    }
    if c > 0xFF {
        out.extend_from_slice(format!("\\U{c:04X}").as_bytes());
        return;
    }
    let ch = c as u8;
    let class = if ch > 0x7F {
        flags & ESC_MSB as u16
    } else {
        char_class(ch) & flags
    };
    if class & BS_ESC != 0 {
        if class & ESC_QUOTE as u16 != 0 {
            *quotes = true;
        } else {
            out.push(b'\\');
        }
        out.push(ch);
    } else if class & (ESC_CTRL | ESC_MSB | ESC_2254) as u16 != 0 {
        out.extend_from_slice(format!("\\{ch:02X}").as_bytes());
    } else if ch == b'\\' && flags & ESC_FLAGS != 0 {
        out.extend_from_slice(b"\\\\");
    } else {
        out.push(ch);
    }
}

/// The UTF-8 bytes of `c`, `None` for surrogates and values past U+10FFFF (as OpenSSL's
/// `UTF8_putc` refuses them).
fn utf8_bytes(c: u32) -> Option<Vec<u8>> {
    char::from_u32(c).map(|ch| ch.to_string().into_bytes())
}

/// The escaped text of a string (without quotes) and whether it needs quotes; `None` on bad
/// data.
fn escaped(data: &[u8], width: u8, convert: bool, flags: u16) -> Option<(Vec<u8>, bool)> {
    let cs = chars(data, width)?;
    let mut out = Vec::with_capacity(data.len());
    let mut quotes = false;
    let n = cs.len();
    for (i, &c) in cs.iter().enumerate() {
        let mut or = 0;
        if flags & ESC_2253 as u16 != 0 {
            if i + 1 == n {
                or = LAST_ESC_2253;
            } else if i == 0 {
                or = FIRST_ESC_2253;
            }
        }
        if convert {
            for b in utf8_bytes(c)? {
                escape_char(u32::from(b), flags | or, &mut quotes, &mut out);
            }
        } else {
            escape_char(c, flags | or, &mut quotes, &mut out);
        }
    }
    Some((out, quotes))
}

/// A DER length.
fn der_len(n: usize, out: &mut Vec<u8>) {
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let b = n.to_be_bytes();
        let skip = b.iter().take_while(|&&x| x == 0).count();
        out.push(0x80 | (b.len() - skip) as u8);
        out.extend_from_slice(&b[skip..]);
    }
}

/// The DER OpenSSL dumps for a string of type `tag` (`i2d_ASN1_TYPE`): SEQUENCE and SET hold
/// their whole encoding; BIT STRING gets its unused-bits octet; INTEGER and ENUMERATED a sign
/// octet when needed; other types (including OpenSSL's internal ones past 30) are one
/// primitive element with `tag` as the tag number.
pub fn dump_der(tag: i32, data: &[u8], string_flags: c_long) -> Vec<u8> {
    if tag == 16 || tag == 17 {
        return data.to_vec();
    }
    let Ok(t) = u32::try_from(tag) else {
        return data.to_vec();
    };
    let mut content: Vec<u8>;
    match t {
        3 => {
            // ASN1_STRING_FLAG_BITS_LEFT: the low three flag bits say how many.
            if string_flags & 0x08 != 0 {
                content = vec![(string_flags & 7) as u8];
                content.extend_from_slice(data);
            } else {
                let used = data.len() - data.iter().rev().take_while(|&&b| b == 0).count();
                let unused = data[..used].last().map_or(0, |b| b.trailing_zeros() as u8);
                content = vec![unused];
                content.extend_from_slice(&data[..used]);
            }
        }
        2 | 10 => {
            content = Vec::with_capacity(data.len() + 1);
            if data.first().is_none_or(|&b| b & 0x80 != 0) {
                content.push(0);
            }
            content.extend_from_slice(data);
        }
        5 => content = Vec::new(),
        _ => content = data.to_vec(),
    }
    let mut out = Vec::with_capacity(content.len() + 8);
    if t < 31 {
        out.push(t as u8);
    } else {
        out.push(0x1F);
        let mut groups = vec![(t & 0x7F) as u8];
        let mut v = t >> 7;
        while v > 0 {
            groups.push(0x80 | (v & 0x7F) as u8);
            v >>= 7;
        }
        out.extend(groups.iter().rev());
    }
    der_len(content.len(), &mut out);
    out.extend_from_slice(&content);
    out
}

/// `#` and upper-case hex.
fn hex_dump(bytes: &[u8], out: &mut Vec<u8>) {
    out.push(b'#');
    for b in bytes {
        out.extend_from_slice(format!("{b:02X}").as_bytes());
    }
}

/// What a printer produced: the bytes to write (on failure, those OpenSSL has already written)
/// and, on failure, the `ASN1_R_*` reason OpenSSL queues if any (a BMPString or
/// UniversalString of the wrong length; bad UTF-8 fails without one).
pub type Printed = (Vec<u8>, Result<(), Option<i32>>);

/// `ASN1_STRING_print_ex`'s output for a string of type `tag`, with its `flags` field
/// (`string_flags`, for BIT STRING dumps).
pub fn print_string(tag: i32, data: &[u8], string_flags: c_long, flags: Flags) -> Printed {
    let mut out = Vec::new();
    if flags & SHOW_TYPE != 0 {
        out.extend_from_slice(tag_name(tag).as_bytes());
        out.push(b':');
    }
    let width = if flags & DUMP_ALL != 0 {
        None
    } else if flags & IGNORE_TYPE != 0 {
        Some(1)
    } else {
        match char_width(tag) {
            None if flags & DUMP_UNKNOWN == 0 => Some(1),
            w => w,
        }
    };
    let Some(mut width) = width else {
        if flags & DUMP_DER != 0 {
            hex_dump(&dump_der(tag, data, string_flags), &mut out);
        } else {
            hex_dump(data, &mut out);
        }
        return (out, Ok(()));
    };
    let mut convert = false;
    if flags & UTF8_CONVERT != 0 {
        // UTF-8 converted to UTF-8 is read one byte at a time instead.
        if width == 0 {
            width = 1;
        } else {
            convert = true;
        }
    }
    let bad_length = match width {
        2 if data.len() % 2 != 0 => Some(ASN1_R_INVALID_BMPSTRING_LENGTH),
        4 if data.len() % 4 != 0 => Some(ASN1_R_INVALID_UNIVERSALSTRING_LENGTH),
        _ => None,
    };
    match escaped(data, width, convert, (flags as u16) & ESC_FLAGS) {
        None => (out, Err(bad_length)),
        Some((text, quotes)) => {
            if quotes {
                out.push(b'"');
            }
            out.extend_from_slice(&text);
            if quotes {
                out.push(b'"');
            }
            (out, Ok(()))
        }
    }
}

/// `ASN1_STRING_to_UTF8`: the string converted to UTF-8. `Err(None)` for a type without a text
/// form (no error queued), `Err(Some(reason))` for data that is not valid for its type.
pub fn to_utf8(tag: i32, data: &[u8]) -> Result<Vec<u8>, Option<i32>> {
    let width = char_width(tag).ok_or(None)?;
    let cs = match chars(data, width) {
        Some(cs) => cs,
        None => {
            return Err(Some(match width {
                0 => ASN1_R_INVALID_UTF8STRING,
                2 => ASN1_R_INVALID_BMPSTRING_LENGTH,
                _ => ASN1_R_INVALID_UNIVERSALSTRING_LENGTH,
            }))
        }
    };
    let mut out = Vec::with_capacity(data.len());
    for c in cs {
        let ch = char::from_u32(c).ok_or(Some(ASN1_R_ILLEGAL_CHARACTERS))?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    Ok(out)
}

/// The error `ASN1_STRING_to_UTF8` queues for `reason`.
pub fn to_utf8_error(reason: i32) -> Error {
    Error::new(lib::ASN1, reason, "ASN1_mbstring_ncopy")
}

/// A decimal number of any size, little-endian limbs of 10^9.
struct Decimal(Vec<u32>);

impl Decimal {
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = (v % 1_000_000_000) as u32;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            self.0.push((carry % 1_000_000_000) as u32);
            carry /= 1_000_000_000;
        }
    }
    /// Subtracts `s` (the value is at least `s`).
    fn sub(&mut self, s: u32) {
        let mut borrow = i64::from(s);
        for limb in &mut self.0 {
            let v = i64::from(*limb) - borrow;
            if v >= 0 {
                *limb = v as u32;
                return;
            }
            *limb = (v + 1_000_000_000) as u32;
            borrow = 1;
        }
    }
    fn text(&self) -> String {
        let mut limbs = self.0.clone();
        while limbs.len() > 1 && limbs.last() == Some(&0) {
            limbs.pop();
        }
        let mut s = limbs.last().copied().unwrap_or(0).to_string();
        for l in limbs.iter().rev().skip(1) {
            s.push_str(&format!("{l:09}"));
        }
        s
    }
    fn less_than(&self, v: u32) -> bool {
        self.0.iter().skip(1).all(|&l| l == 0) && self.0.first().copied().unwrap_or(0) < v
    }
}

/// The dotted text of an OID's DER contents, arcs of any size; `None` when malformed (an arc
/// that does not end, or a padded one).
pub fn oid_text(der: &[u8]) -> Option<String> {
    let mut out = String::new();
    let mut arc = Decimal(vec![0]);
    let mut start = true;
    let mut first = true;
    for &b in der {
        if start && b == 0x80 {
            return None;
        }
        start = false;
        arc.mul_add(128, u32::from(b & 0x7F));
        if b & 0x80 != 0 {
            continue;
        }
        if first {
            let top = if arc.less_than(40) {
                0
            } else if arc.less_than(80) {
                1
            } else {
                2
            };
            arc.sub(top * 40);
            out.push_str(&format!("{top}.{}", arc.text()));
            first = false;
        } else {
            out.push('.');
            out.push_str(&arc.text());
        }
        arc = Decimal(vec![0]);
        start = true;
    }
    (!first && start).then_some(out)
}

/// Base-128 groups (DER sub-identifier) of a decimal digit string.
fn base128(digits: &[u8]) -> Vec<u8> {
    // Repeated division of the decimal digits by 128.
    let mut num: Vec<u8> = digits.iter().map(|d| d - b'0').collect();
    let mut groups = Vec::new();
    loop {
        let mut rem = 0u32;
        let mut q = Vec::with_capacity(num.len());
        for &d in &num {
            let v = rem * 10 + u32::from(d);
            q.push((v / 128) as u8);
            rem = v % 128;
        }
        groups.push(rem as u8);
        let nz = q.iter().take_while(|&&d| d == 0).count();
        num = q[nz..].to_vec();
        if num.is_empty() {
            break;
        }
    }
    let n = groups.len();
    groups
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &g)| if i + 1 < n { g | 0x80 } else { g })
        .collect()
}

/// Decimal digits of `first * 40 + second` where `second` is a digit string.
fn add_first_arc(first: u8, second: &[u8]) -> Vec<u8> {
    let mut d: Vec<u8> = second.to_vec();
    if d.is_empty() {
        d.push(b'0');
    }
    let mut carry = u32::from(first) * 40;
    for x in d.iter_mut().rev() {
        let v = u32::from(*x - b'0') + carry % 10;
        carry = carry / 10 + v / 10;
        *x = b'0' + (v % 10) as u8;
    }
    let mut prefix = Vec::new();
    while carry > 0 {
        prefix.push(b'0' + (carry % 10) as u8);
        carry /= 10;
    }
    prefix.reverse();
    prefix.extend_from_slice(&d);
    prefix
}

/// `a2d_ASN1_OBJECT`: the DER contents of a dotted OID, tokenized as OpenSSL does ('.' and
/// ' ' separate, an empty arc is 0, one trailing separator ends the text). `Ok(None)` when
/// nothing follows the first separator (no object, no error).
pub fn oid_from_text(s: &[u8]) -> Result<Option<Vec<u8>>, i32> {
    let first = match s.first() {
        Some(c @ b'0'..=b'2') => c - b'0',
        _ => return Err(ASN1_R_FIRST_NUM_TOO_LARGE),
    };
    match s.get(1) {
        None => return Err(ASN1_R_MISSING_SECOND_NUMBER),
        Some(b'.' | b' ') => {}
        Some(_) => return Err(ASN1_R_INVALID_SEPARATOR),
    }
    let mut rest = &s[2..];
    if rest.is_empty() {
        return Ok(None);
    }
    let mut arcs: Vec<&[u8]> = Vec::new();
    while !rest.is_empty() {
        let end = rest
            .iter()
            .position(|&c| c == b'.' || c == b' ')
            .unwrap_or(rest.len());
        let arc = &rest[..end];
        if !arc.iter().all(u8::is_ascii_digit) {
            return Err(ASN1_R_INVALID_DIGIT);
        }
        arcs.push(arc);
        rest = rest.get(end + 1..).unwrap_or(&[]);
    }
    let second = arcs[0];
    let trimmed: &[u8] = {
        let nz = second.iter().take_while(|&&d| d == b'0').count();
        &second[nz..]
    };
    if first < 2 && (trimmed.len() > 2 || (trimmed.len() == 2 && trimmed >= b"40".as_slice())) {
        return Err(ASN1_R_SECOND_NUMBER_TOO_LARGE);
    }
    let mut out = base128(&add_first_arc(first, second));
    for arc in &arcs[1..] {
        let digits: &[u8] = if arc.is_empty() { b"0" } else { arc };
        out.extend(base128(digits));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(tag: i32, data: &[u8], flags: Flags) -> String {
        let (b, ok) = print_string(tag, data, 0, flags);
        assert!(ok.is_ok());
        String::from_utf8(b).unwrap()
    }

    const RFC2253: Flags = ESC_2253 | ESC_CTRL | ESC_MSB | UTF8_CONVERT | DUMP_UNKNOWN | DUMP_DER;

    #[test]
    fn escapes_as_openssl() {
        // Measured on OpenSSL 3.0.19.
        let v = b"\x00\x7f\\ #x# ";
        assert_eq!(p(12, v, ESC_2254 | ESC_2253), "\\00\x7f\\\\ #x#\\ ");
        assert_eq!(p(12, v, ESC_2254), "\\00\x7f\\5C #x# ");
        assert_eq!(p(12, v, ESC_CTRL), "\\00\\7F\\\\ #x# ");
        assert_eq!(p(12, v, 0), "\x00\x7f\\ #x# ");
        assert_eq!(p(12, v, ESC_QUOTE), "\x00\x7f\\\\ #x# ");
        assert_eq!(p(12, v, ESC_QUOTE | ESC_2253), "\"\x00\x7f\\\\ #x# \"");
        assert_eq!(p(12, "Zoë".as_bytes(), RFC2253), "Zo\\C3\\AB");
        assert_eq!(
            p(12, "Zoë 日🚀".as_bytes(), ESC_MSB),
            "Zo\\EB \\U65E5\\W0001F680"
        );
        assert_eq!(p(4, b"ab", RFC2253 | SHOW_TYPE), "OCTET STRING:#04026162");
        assert_eq!(p(4, b"ab", DUMP_UNKNOWN), "#6162");
        assert_eq!(
            p(0x102, b"\x05", DUMP_ALL | DUMP_DER | SHOW_TYPE),
            "INTEGER:#1F82020105"
        );
        assert_eq!(p(3, b"\x04\x00", DUMP_ALL | DUMP_DER), "#03020204");
        assert_eq!(p(28, b"\x00\x11\x00\x00", ESC_MSB), "\\W00110000");
        assert_eq!(
            print_string(28, b"\x00\x11\x00\x00", 0, RFC2253).1,
            Err(None)
        );
        assert_eq!(print_string(12, b"\xc3", 0, ESC_MSB).1, Err(None));
        assert_eq!(print_string(30, b"\x00", 0, 0).1, Err(Some(129)));
        assert_eq!(p(12, b"\xc3", RFC2253), "\\C3");
        assert_eq!(p(29, b"a\x80", RFC2253), "#1D026180");
        assert_eq!(p(29, b"a\x80", ESC_MSB), "a\\80");
    }

    #[test]
    fn utf8_conversion() {
        assert_eq!(to_utf8(20, b"\xe9\x00").unwrap(), b"\xc3\xa9\x00");
        assert_eq!(to_utf8(30, b"\x00a\x00"), Err(Some(129)));
        assert_eq!(to_utf8(30, b"\xd8\x00"), Err(Some(124)));
        assert_eq!(to_utf8(12, b"\xed\xa0\x80"), Err(Some(134)));
        assert_eq!(to_utf8(4, b"ab"), Err(None));
        assert_eq!(to_utf8(28, b"\x00\x01\xF6\x80").unwrap(), "🚀".as_bytes());
    }

    #[test]
    fn oid_texts() {
        let t = |s: &str| oid_from_text(s.as_bytes()).map(|o| o.map(|d| oid_text(&d).unwrap()));
        assert_eq!(t("1..2"), Ok(Some("1.0.2".into())));
        assert_eq!(t("1 2 3"), Ok(Some("1.2.3".into())));
        assert_eq!(t("1.2.3  4"), Ok(Some("1.2.3.0.4".into())));
        assert_eq!(t("2.5.4.3."), Ok(Some("2.5.4.3".into())));
        assert_eq!(t("1.2.0003"), Ok(Some("1.2.3".into())));
        assert_eq!(t("2.999"), Ok(Some("2.999".into())));
        assert_eq!(t("0.39"), Ok(Some("0.39".into())));
        let big = "1.2.99999999999999999999999999999999999999999999";
        assert_eq!(t(big), Ok(Some(big.into())));
        assert_eq!(t("1."), Ok(None));
        assert_eq!(t("1"), Err(138));
        assert_eq!(t("12.3"), Err(131));
        assert_eq!(t("1.2.a"), Err(130));
        assert_eq!(t("0.40"), Err(147));
        assert_eq!(t("3.1"), Err(122));
        assert_eq!(t(""), Err(122));
        assert_eq!(oid_from_text(b"2.5.4.3").unwrap().unwrap(), [0x55, 4, 3]);
        assert!(oid_text(&[0x86]).is_none());
        assert!(oid_text(&[0x80, 1]).is_none());
    }
}
