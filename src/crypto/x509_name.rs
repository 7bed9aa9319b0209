//! Distinguished names beyond the oneline form: the DER parser behind [`Name::from_der`] (on the
//! `der` crate), the attribute-value view C callers get as `ASN1_STRING`s, and OpenSSL 3.0's
//! printers `X509_NAME_print_ex` (every `XN_FLAG_*` separator, field-name and alignment mode) and
//! `X509_NAME_print` (the compat form).

use super::asn1_text::{self, oid_text, Flags, Printed};
use super::objects;
use super::x509::{Name, NameEntry, ASN1_R_HEADER_TOO_LONG, ASN1_R_TOO_LONG, ASN1_R_WRONG_TAG};
use crate::error::{lib, Error, Result};
use der::asn1::AnyRef;
use der::{Decode, Length, Reader, SliceReader, Tag, Tagged};
use std::any::Any;
use std::sync::OnceLock;

/// `XN_FLAG_SEP_MASK` and the separators.
pub const XN_FLAG_SEP_MASK: Flags = 0xF << 16;
pub const XN_FLAG_SEP_COMMA_PLUS: Flags = 1 << 16;
pub const XN_FLAG_SEP_CPLUS_SPC: Flags = 2 << 16;
pub const XN_FLAG_SEP_SPLUS_SPC: Flags = 3 << 16;
pub const XN_FLAG_SEP_MULTILINE: Flags = 4 << 16;
/// `XN_FLAG_DN_REV`: last RDN first.
pub const XN_FLAG_DN_REV: Flags = 1 << 20;
/// `XN_FLAG_FN_MASK` and the field-name forms.
pub const XN_FLAG_FN_MASK: Flags = 0x3 << 21;
pub const XN_FLAG_FN_SN: Flags = 0;
pub const XN_FLAG_FN_LN: Flags = 1 << 21;
pub const XN_FLAG_FN_OID: Flags = 2 << 21;
pub const XN_FLAG_FN_NONE: Flags = 3 << 21;
/// `XN_FLAG_SPC_EQ`: ` = ` instead of `=`.
pub const XN_FLAG_SPC_EQ: Flags = 1 << 23;
/// `XN_FLAG_DUMP_UNKNOWN_FIELDS`: hex dump attributes of unknown type.
pub const XN_FLAG_DUMP_UNKNOWN_FIELDS: Flags = 1 << 24;
/// `XN_FLAG_FN_ALIGN`: pad field names to a fixed width.
pub const XN_FLAG_FN_ALIGN: Flags = 1 << 25;

/// `V_ASN1_SEQUENCE`, `V_ASN1_SET`, `V_ASN1_OTHER`.
const V_ASN1_SEQUENCE: i32 = 16;
const V_ASN1_SET: i32 = 17;
const V_ASN1_OTHER: i32 = -3;

/// Lazily built C-side objects of a [`Name`] (the ffi layer's `X509_NAME_ENTRY`s with their
/// `ASN1_STRING` and `ASN1_OBJECT`), kept with the name so that the pointers handed out live as
/// long as it does. A copy of the name starts without them; they take no part in equality.
#[derive(Default)]
pub struct Attachment(OnceLock<Box<dyn Any + Send + Sync>>);

impl Attachment {
    /// The attached value, made by `make` on first use; `None` if one of another type is there.
    pub fn get_or_init<T: Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Option<&T> {
        self.0.get_or_init(|| Box::new(make())).downcast_ref()
    }
}

impl Clone for Attachment {
    fn clone(&self) -> Self {
        Attachment::default()
    }
}

impl PartialEq for Attachment {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Attachment {}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Attachment")
    }
}

fn der_error(e: der::Error) -> Error {
    match e.kind() {
        der::ErrorKind::Incomplete { .. } | der::ErrorKind::Length { .. } => {
            Error::new(lib::ASN1, ASN1_R_TOO_LONG, "ASN1_get_object")
        }
        _ => Error::new(lib::ASN1, ASN1_R_WRONG_TAG, "asn1_check_tlen"),
    }
}

fn wrong_tag() -> Error {
    Error::new(lib::ASN1, ASN1_R_WRONG_TAG, "asn1_check_tlen")
}

fn header_too_long() -> Error {
    Error::new(lib::ASN1, ASN1_R_HEADER_TOO_LONG, "ASN1_get_object")
}

/// Reads one element that must have tag `tag`.
fn element<'a>(r: &mut SliceReader<'a>, tag: Tag) -> Result<AnyRef<'a>> {
    if u32::from(r.remaining_len()) < 2 {
        return Err(header_too_long());
    }
    let e = AnyRef::decode(r).map_err(der_error)?;
    if e.tag() != tag {
        return Err(wrong_tag());
    }
    Ok(e)
}

/// `ASN1_R_*` reasons of attribute values OpenSSL refuses (asn1err.h).
const ASN1_R_FIELD_MISSING: i32 = 121;
const ASN1_R_MSTRING_NOT_UNIVERSAL: i32 = 139;
const ASN1_R_MSTRING_WRONG_TAG: i32 = 140;
const ASN1_R_TYPE_NOT_CONSTRUCTED: i32 = 156;
const ASN1_R_BMPSTRING_IS_WRONG_LENGTH: i32 = 214;
const ASN1_R_UNIVERSALSTRING_IS_WRONG_LENGTH: i32 = 215;
const ASN1_R_INVALID_BIT_STRING_BITS_LEFT: i32 = 220;
const ASN1_R_STRING_TOO_SHORT: i32 = 152;

/// The attribute values OpenSSL 3.0 decodes (measured with `d2i_X509_NAME`): a universal
/// SEQUENCE, or a primitive string whose type is in `B_ASN1_PRINTABLE` (Numeric, Printable,
/// T61, IA5, BIT STRING, Universal, BMP, UTF8) or has no `B_ASN1_*` bit (tags 7-9, 11, 13-15,
/// 29). UTF8String, BMPString and UniversalString must convert to UTF-8 (OpenSSL makes the
/// canonical form while decoding). Constructed (BER) strings, which OpenSSL reassembles, are
/// refused here.
fn check_value(tag: u8, value: &[u8]) -> Result<()> {
    let fail = |r: i32| Err(Error::new(lib::ASN1, r, "asn1_d2i_ex_primitive"));
    if tag == 0x30 {
        return Ok(());
    }
    if tag & 0xC0 != 0 {
        return fail(ASN1_R_MSTRING_NOT_UNIVERSAL);
    }
    if tag == 0x10 {
        return fail(ASN1_R_TYPE_NOT_CONSTRUCTED);
    }
    if !matches!(tag, 3 | 7..=9 | 11..=15 | 18..=20 | 22 | 28..=30) {
        return fail(ASN1_R_MSTRING_WRONG_TAG);
    }
    match tag {
        3 if value.is_empty() => return fail(ASN1_R_STRING_TOO_SHORT),
        3 if value[0] > 7 => return fail(ASN1_R_INVALID_BIT_STRING_BITS_LEFT),
        30 if value.len() % 2 != 0 => return fail(ASN1_R_BMPSTRING_IS_WRONG_LENGTH),
        28 if value.len() % 4 != 0 => return fail(ASN1_R_UNIVERSALSTRING_IS_WRONG_LENGTH),
        12 | 28 | 30 => {
            if let Err(Some(r)) = asn1_text::to_utf8(i32::from(tag), value) {
                return Err(asn1_text::to_utf8_error(r));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Parses the Name (a SEQUENCE OF SET OF AttributeTypeAndValue) at the start of `raw`: its DER
/// and its attributes in encoding order. Attribute values may have any tag with a low tag
/// number (the `der` crate's `Tag` does not know UniversalString or GeneralString, so the value
/// is read as tag octet + `der::Length` + contents), of the types OpenSSL accepts
/// ([`check_value`]).
pub fn parse(raw: &[u8]) -> Result<(Vec<u8>, Vec<NameEntry>)> {
    let mut top = SliceReader::new(raw).map_err(der_error)?;
    let seq = element(&mut top, Tag::Sequence)?;
    let rest = usize::try_from(top.remaining_len()).unwrap_or(0);
    let der = raw[..raw.len() - rest].to_vec();
    let mut entries = Vec::new();
    let mut rdns = SliceReader::new(seq.value()).map_err(der_error)?;
    while !rdns.is_finished() {
        let set = element(&mut rdns, Tag::Set)?;
        let mut atvs = SliceReader::new(set.value()).map_err(der_error)?;
        let mut first = true;
        while !atvs.is_finished() {
            let atv = element(&mut atvs, Tag::Sequence)?;
            let mut f = SliceReader::new(atv.value()).map_err(der_error)?;
            let missing = || Error::new(lib::ASN1, ASN1_R_FIELD_MISSING, "asn1_template_noexp_d2i");
            if f.is_finished() {
                return Err(missing());
            }
            let oid = element(&mut f, Tag::ObjectIdentifier)?;
            if f.is_finished() {
                return Err(missing());
            }
            let tag = f.read_byte().map_err(der_error)?;
            if tag & 0x1F == 0x1F {
                return Err(wrong_tag());
            }
            let len = Length::decode(&mut f).map_err(|e| match e.kind() {
                der::ErrorKind::Incomplete { .. } => header_too_long(),
                _ => der_error(e),
            })?;
            let value = f.read_slice(len).map_err(der_error)?;
            if !f.is_finished() {
                return Err(wrong_tag());
            }
            check_value(tag, value)?;
            entries.push(NameEntry {
                oid: oid.value().to_vec(),
                tag,
                value: value.to_vec(),
                same_set: !first,
            });
            first = false;
        }
    }
    Ok((der, entries))
}

/// The `ASN1_STRING` type, data and flags OpenSSL gives an attribute value: the universal tag
/// number and the contents for primitive values (a BIT STRING without its unused-bits octet,
/// which goes to the flags as `ASN1_STRING_FLAG_BITS_LEFT`); SEQUENCE and SET (and values of
/// other classes, as `V_ASN1_OTHER`) keep their whole encoding.
pub fn value_string(e: &NameEntry) -> (i32, Vec<u8>, core::ffi::c_long) {
    let whole = || {
        let mut out = vec![e.tag];
        let n = e.value.len();
        if n < 0x80 {
            out.push(n as u8);
        } else {
            let b = n.to_be_bytes();
            let skip = b.iter().take_while(|&&x| x == 0).count();
            out.push(0x80 | (b.len() - skip) as u8);
            out.extend_from_slice(&b[skip..]);
        }
        out.extend_from_slice(&e.value);
        out
    };
    match e.tag {
        0x30 => (V_ASN1_SEQUENCE, whole(), 0),
        0x31 => (V_ASN1_SET, whole(), 0),
        3 => {
            let unused = e
                .value
                .first()
                .map_or(0, |&b| core::ffi::c_long::from(b & 7));
            (3, e.value.get(1..).unwrap_or(&[]).to_vec(), 0x08 | unused)
        }
        t if t & 0xE0 == 0 => (i32::from(t), e.value.clone(), 0),
        _ => (V_ASN1_OTHER, whole(), 0),
    }
}

/// The RDN index (`X509_NAME_ENTRY_set`) of each entry.
pub fn set_indices(n: &Name) -> Vec<i32> {
    let mut set = -1;
    n.entries
        .iter()
        .map(|e| {
            if !e.same_set || set < 0 {
                set += 1;
            }
            set
        })
        .collect()
}

/// The table row of an attribute type, if OpenSSL knows it.
pub fn object_of(oid: &[u8]) -> Option<objects::Object> {
    objects::by_oid(&oid_text(oid)?)
}

/// `OBJ_nid2sn` of a table row: the short name, or the long one when there is none.
pub fn short_name(o: &objects::Object) -> &'static str {
    if o.sn.is_empty() {
        o.ln
    } else {
        o.sn
    }
}

/// `OBJ_nid2ln` of a table row: the long name, or the short one when there is none.
pub fn long_name(o: &objects::Object) -> &'static str {
    if o.ln.is_empty() {
        o.sn
    } else {
        o.ln
    }
}

/// `X509_NAME_print_ex` with `flags != 0` (see [`Printed`]). `None` prints as an empty name, as
/// OpenSSL does.
pub fn print_ex(name: Option<&Name>, indent: i32, flags: Flags) -> Printed {
    let mut indent = usize::try_from(indent).unwrap_or(0);
    let mut out = vec![b' '; indent];
    let (sep_dn, sep_mv): (&[u8], &[u8]) = match flags & XN_FLAG_SEP_MASK {
        XN_FLAG_SEP_MULTILINE => (b"\n", b" + "),
        XN_FLAG_SEP_COMMA_PLUS => (b",", b"+"),
        XN_FLAG_SEP_CPLUS_SPC => (b", ", b" + "),
        XN_FLAG_SEP_SPLUS_SPC => (b"; ", b" + "),
        _ => return (out, Err(None)),
    };
    if flags & XN_FLAG_SEP_MASK != XN_FLAG_SEP_MULTILINE {
        indent = 0;
    }
    let sep_eq: &[u8] = if flags & XN_FLAG_SPC_EQ != 0 {
        b" = "
    } else {
        b"="
    };
    let fn_opt = flags & XN_FLAG_FN_MASK;
    let Some(name) = name else {
        return (out, Ok(()));
    };
    let sets = set_indices(name);
    let mut order: Vec<usize> = (0..name.entries.len()).collect();
    if flags & XN_FLAG_DN_REV != 0 {
        order.reverse();
    }
    let mut prev: Option<i32> = None;
    for i in order {
        let e = &name.entries[i];
        if let Some(p) = prev {
            if p == sets[i] {
                out.extend_from_slice(sep_mv);
            } else {
                out.extend_from_slice(sep_dn);
                out.resize(out.len() + indent, b' ');
            }
        }
        prev = Some(sets[i]);
        let obj = object_of(&e.oid);
        if fn_opt != XN_FLAG_FN_NONE {
            let (field, width): (String, usize) = match (&obj, fn_opt) {
                (None, _) | (_, XN_FLAG_FN_OID) => {
                    // OpenSSL formats it into an 80-byte buffer.
                    let t = oid_text(&e.oid).unwrap_or_default();
                    (t.chars().take(79).collect(), 0)
                }
                (Some(o), XN_FLAG_FN_SN) => (short_name(o).to_string(), 10),
                (Some(o), _) => (long_name(o).to_string(), 25),
            };
            out.extend_from_slice(field.as_bytes());
            if field.len() < width && flags & XN_FLAG_FN_ALIGN != 0 {
                out.resize(out.len() + width - field.len(), b' ');
            }
            out.extend_from_slice(sep_eq);
        }
        let or = if obj.is_none() && flags & XN_FLAG_DUMP_UNKNOWN_FIELDS != 0 {
            asn1_text::DUMP_ALL
        } else {
            0
        };
        let (kind, data, string_flags) = value_string(e);
        let (text, ok) = asn1_text::print_string(kind, &data, string_flags, flags | or);
        out.extend_from_slice(&text);
        if ok.is_err() {
            return (out, ok);
        }
    }
    (out, Ok(()))
}

/// `X509_NAME_print` (and `X509_NAME_print_ex` with flags 0): the oneline form without its
/// first character, split into the pieces OpenSSL writes: at each `/` followed by one or two
/// capital letters and `=`, `, ` replaces the slash (so `/emailAddress=` stays as it is).
pub fn print_compat_pieces(oneline: &[u8]) -> Vec<Vec<u8>> {
    let mut pieces = Vec::new();
    if oneline.is_empty() {
        return pieces;
    }
    let at = |i: usize| oneline.get(i).copied().unwrap_or(0);
    let (mut s, mut c) = (1, 1);
    loop {
        let ch = at(s);
        let split = ch == b'/'
            && at(s + 1).is_ascii_uppercase()
            && (at(s + 2) == b'=' || (at(s + 2).is_ascii_uppercase() && at(s + 3) == b'='));
        if ch == 0 || split {
            pieces.push(oneline[c.min(s)..s].to_vec());
            c = s + 1;
            if ch != 0 {
                pieces.push(b", ".to_vec());
            }
        }
        if ch == 0 {
            break;
        }
        s += 1;
    }
    pieces
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

    const ONELINE: Flags = 0x317 | 8 | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_SPC_EQ;

    #[test]
    fn prints_and_parses() {
        let n = subject(RSA_CERT);
        let (b, ok) = print_ex(Some(&n), 2, ONELINE);
        assert!(ok.is_ok());
        assert_eq!(b, b"  CN = rsa.test");
        let (b, ok) = print_ex(Some(&n), 0, 0xF << 16);
        assert!(ok.is_err() && b.is_empty());
        let (b, ok) = print_ex(None, 3, ONELINE);
        assert!(ok.is_ok() && b == b"   ");
        let (der, entries) = parse(&n.der).unwrap();
        assert_eq!((der, entries), (n.der.clone(), n.entries.clone()));
        assert!(parse(&[0x30, 0x03, 0x31, 0x01]).is_err());
        assert!(parse(&[0x31, 0x00]).is_err());
    }

    /// Mutated names (a deterministic xorshift over the fixtures' subjects): the parser and the
    /// printers never panic, and a name that parses prints in every mode.
    #[test]
    fn fuzz_parse_and_print() {
        let seeds = [subject(RSA_CERT).der, subject(EC_CERT).der];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let modes: [Flags; 4] = [
            0x317 | 8 | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_SPC_EQ,
            0x317 | XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_DN_REV | XN_FLAG_DUMP_UNKNOWN_FIELDS,
            6 | XN_FLAG_SEP_MULTILINE | XN_FLAG_SPC_EQ | XN_FLAG_FN_LN | XN_FLAG_FN_ALIGN,
            0x40 | 0x80 | 0x200 | XN_FLAG_SEP_SPLUS_SPC | XN_FLAG_FN_OID,
        ];
        for i in 0..1_000_000u32 {
            let mut d = seeds[i as usize % 2].clone();
            for _ in 0..1 + next() % 4 {
                let r = next();
                let at = (r >> 8) as usize % d.len();
                match r % 3 {
                    0 => d[at] = (r >> 32) as u8,
                    1 => {
                        d.truncate(at);
                    }
                    _ => d.insert(at, (r >> 40) as u8),
                }
                if d.is_empty() {
                    d.push(0x30);
                }
            }
            if let Ok((_, entries)) = parse(&d) {
                let n = Name {
                    der: d.clone(),
                    entries,
                    ffi: Attachment::default(),
                };
                for &m in &modes {
                    let _ = print_ex(Some(&n), 1, m);
                }
                for e in &n.entries {
                    let (t, v, _) = value_string(e);
                    let _ = asn1_text::to_utf8(t, &v);
                }
            }
        }
    }

    #[test]
    fn compat_pieces() {
        let p = print_compat_pieces(b"/C=US/CN=a/b/emailAddress=x");
        let joined: Vec<u8> = p.concat();
        assert_eq!(joined, b"C=US, CN=a/b/emailAddress=x");
        assert!(print_compat_pieces(b"").is_empty());
        assert_eq!(
            print_compat_pieces(b"NO X509_NAME").concat(),
            b"O X509_NAME"
        );
    }
}
