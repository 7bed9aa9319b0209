//! `openssl/objects.h` family: `ASN1_OBJECT` and the `OBJ_*` lookups over OpenSSL's object table
//! (`src/crypto/objects.rs`): `OBJ_nid2obj`/`nid2sn`/`nid2ln`, `OBJ_obj2nid`, `OBJ_txt2nid`,
//! `OBJ_sn2nid`, `OBJ_ln2nid`, `OBJ_txt2obj`, `OBJ_obj2txt`, `OBJ_cmp`, `OBJ_dup`, `OBJ_length`,
//! `OBJ_get0_data`, `ASN1_OBJECT_free`.
//!
//! Natively an `ASN1_OBJECT*` points at an [`Asn1Object`]. The objects of the table are built
//! once and never freed (as OpenSSL's static ones; `ASN1_OBJECT_free` ignores them), objects of
//! OIDs the table does not know are made by `OBJ_txt2obj` (owned by the caller) or live inside
//! their name entry. Measured on OpenSSL 3.0.19: an unknown NID gives NULL without an error; a
//! NID with only a long name has it as its short name too, and the other way round;
//! `OBJ_txt2obj` takes names unless `no_name`, then dotted text tokenized as `a2d_ASN1_OBJECT`
//! (see [`crate::crypto::asn1_text::oid_from_text`]), and an OID of the table gives the table's
//! object.

use super::types::ASN1_OBJECT;
use super::{call, guard, null_on_error};
use crate::crypto::asn1_text::{oid_from_text, oid_text};
use crate::crypto::objects;
use crate::crypto::x509_name::{long_name, short_name};
use crate::error::{lib, Error, Result};
use core::ffi::{c_char, c_int, c_uchar};
use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::sync::OnceLock;

/// `OBJ_R_UNKNOWN_OBJECT_NAME` (objectserr.h).
const OBJ_R_UNKNOWN_OBJECT_NAME: i32 = 103;
/// The highest NID looked for in the table (obj_mac.h ends below it).
const MAX_NID: i32 = 4096;

/// An object identifier with its table names.
#[derive(Debug)]
pub struct Asn1Object {
    nid: c_int,
    sn: Option<CString>,
    ln: Option<CString>,
    der: Vec<u8>,
    /// Owned by the caller (freed by `ASN1_OBJECT_free`); table and name-entry objects are not.
    dynamic: bool,
}

impl Asn1Object {
    /// The DER contents (no tag, no length).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The NID, `NID_undef` (0) when the table does not know the OID.
    pub fn nid(&self) -> c_int {
        self.nid
    }

    /// An object for `der` that belongs to something else (a name entry): the table's object
    /// when the OID is known, else a new one without names.
    pub fn for_oid(der: &[u8]) -> ObjRef {
        match nid_of(der) {
            0 => ObjRef::Own(Box::new(Asn1Object {
                nid: 0,
                sn: None,
                ln: None,
                der: der.to_vec(),
                dynamic: false,
            })),
            nid => ObjRef::Table(table_object(nid).expect("a NID of the table")),
        }
    }
}

/// A name entry's object: the table's, or its own.
#[derive(Debug)]
pub enum ObjRef {
    Table(&'static Asn1Object),
    Own(Box<Asn1Object>),
}

impl ObjRef {
    /// The `ASN1_OBJECT*` for it, valid as long as this lives.
    pub fn as_ptr(&self) -> *mut ASN1_OBJECT {
        let o: &Asn1Object = match self {
            ObjRef::Table(o) => o,
            ObjRef::Own(o) => o,
        };
        o as *const Asn1Object as *mut ASN1_OBJECT
    }
}

/// The objects of OpenSSL's table, by NID, built on first use.
fn table() -> &'static HashMap<i32, Asn1Object> {
    static TABLE: OnceLock<HashMap<i32, Asn1Object>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..MAX_NID)
            .filter_map(objects::by_nid)
            .map(|o| {
                let name = |s: &str| (!s.is_empty()).then(|| CString::new(s).ok()).flatten();
                let obj = Asn1Object {
                    nid: o.nid,
                    sn: name(short_name(&o)),
                    ln: name(long_name(&o)),
                    der: objects::oid_dotted_to_der(o.oid).unwrap_or_default(),
                    dynamic: false,
                };
                (o.nid, obj)
            })
            .collect()
    })
}

/// The table's object for `nid`.
pub fn table_object(nid: c_int) -> Option<&'static Asn1Object> {
    table().get(&nid)
}

/// The NID of an OID's DER contents (0 when unknown).
pub fn nid_of(der: &[u8]) -> c_int {
    if der.is_empty() {
        return 0;
    }
    oid_text(der)
        .and_then(|t| objects::by_oid(&t))
        .map_or(0, |o| o.nid)
}

/// Borrows the object behind `p`.
///
/// # Safety
/// `p` must be NULL or a live native `ASN1_OBJECT*`.
pub unsafe fn obj_ref<'a>(p: *const ASN1_OBJECT) -> Option<&'a Asn1Object> {
    // SAFETY: per the caller.
    unsafe { (p as *const Asn1Object).as_ref() }
}

fn table_ptr(o: &'static Asn1Object) -> *mut ASN1_OBJECT {
    o as *const Asn1Object as *mut ASN1_OBJECT
}

/// A caller-owned object for `der`.
fn new_dynamic(der: Vec<u8>) -> *mut ASN1_OBJECT {
    Box::into_raw(Box::new(Asn1Object {
        nid: 0,
        sn: None,
        ln: None,
        der,
        dynamic: true,
    })) as *mut ASN1_OBJECT
}

/// The C string at `s`, `None` for NULL.
///
/// # Safety
/// `s` must be NULL or a NUL-terminated string.
unsafe fn text<'a>(s: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: per the caller.
    (!s.is_null()).then(|| unsafe { CStr::from_ptr(s) }.to_bytes())
}

/// `OBJ_txt2obj` natively: `Ok(NULL)` when there is nothing (no error).
fn txt2obj(s: &[u8], no_name: bool) -> Result<*mut ASN1_OBJECT> {
    if !no_name {
        let name = std::str::from_utf8(s).unwrap_or("");
        let found = (!name.is_empty())
            .then(|| objects::by_sn(name).or_else(|| objects::by_ln(name)))
            .flatten();
        if let Some(o) = found {
            if let Some(t) = table_object(o.nid) {
                return Ok(table_ptr(t));
            }
        }
        if !s.first().is_some_and(u8::is_ascii_digit) {
            return Err(Error::new(
                lib::OBJ,
                OBJ_R_UNKNOWN_OBJECT_NAME,
                "OBJ_txt2obj",
            ));
        }
    }
    let der = oid_from_text(s).map_err(|r| Error::new(lib::ASN1, r, "a2d_ASN1_OBJECT"))?;
    let Some(der) = der else {
        return Ok(core::ptr::null_mut());
    };
    match nid_of(&der) {
        0 => Ok(new_dynamic(der)),
        nid => Ok(table_object(nid).map_or_else(core::ptr::null_mut, table_ptr)),
    }
}

/// `OBJ_nid2obj(n)`: the table's object (not to be freed); NULL for an unknown NID.
#[no_mangle]
pub extern "C" fn OBJ_nid2obj(n: c_int) -> *mut ASN1_OBJECT {
    crate::forward!(OBJ_nid2obj(n));
    guard(core::ptr::null_mut(), || {
        table_object(n).map_or(core::ptr::null_mut(), table_ptr)
    })
}

/// `OBJ_nid2sn(n)`: the short name (the long one when the NID has none); NULL when unknown.
#[no_mangle]
pub extern "C" fn OBJ_nid2sn(n: c_int) -> *const c_char {
    crate::forward!(OBJ_nid2sn(n));
    guard(core::ptr::null(), || {
        table_object(n)
            .and_then(|o| o.sn.as_ref())
            .map_or(core::ptr::null(), |s| s.as_ptr())
    })
}

/// `OBJ_nid2ln(n)`: the long name (the short one when the NID has none); NULL when unknown.
#[no_mangle]
pub extern "C" fn OBJ_nid2ln(n: c_int) -> *const c_char {
    crate::forward!(OBJ_nid2ln(n));
    guard(core::ptr::null(), || {
        table_object(n)
            .and_then(|o| o.ln.as_ref())
            .map_or(core::ptr::null(), |s| s.as_ptr())
    })
}

/// `OBJ_obj2nid(o)`: the NID, `NID_undef` (0) for NULL or an OID the table does not know.
#[no_mangle]
pub extern "C" fn OBJ_obj2nid(o: *const ASN1_OBJECT) -> c_int {
    crate::forward!(OBJ_obj2nid(o));
    guard(0, || {
        // SAFETY: NULL or a live native object.
        match unsafe { obj_ref(o) } {
            None => 0,
            Some(o) if o.nid != 0 => o.nid,
            Some(o) => nid_of(&o.der),
        }
    })
}

/// `OBJ_sn2nid(s)`: the NID with short name `s` (exact), else 0; no error.
#[no_mangle]
pub extern "C" fn OBJ_sn2nid(s: *const c_char) -> c_int {
    crate::forward!(OBJ_sn2nid(s));
    guard(0, || {
        // SAFETY: NULL or a NUL-terminated string.
        let name = unsafe { text(s) }.and_then(|t| std::str::from_utf8(t).ok());
        name.filter(|n| !n.is_empty())
            .and_then(|n| {
                objects::by_sn(n).or_else(|| objects::by_ln(n).filter(|o| o.sn.is_empty()))
            })
            .map_or(0, |o| o.nid)
    })
}

/// `OBJ_ln2nid(s)`: the NID with long name `s` (exact), else 0; no error.
#[no_mangle]
pub extern "C" fn OBJ_ln2nid(s: *const c_char) -> c_int {
    crate::forward!(OBJ_ln2nid(s));
    guard(0, || {
        // SAFETY: NULL or a NUL-terminated string.
        let name = unsafe { text(s) }.and_then(|t| std::str::from_utf8(t).ok());
        name.filter(|n| !n.is_empty())
            .and_then(|n| {
                objects::by_ln(n).or_else(|| objects::by_sn(n).filter(|o| o.ln.is_empty()))
            })
            .map_or(0, |o| o.nid)
    })
}

/// `OBJ_txt2obj(s, no_name)`: the object named (short or long name, unless `no_name`) or written
/// in dotted form by `s`. Table objects are shared; others are owned by the caller
/// (`ASN1_OBJECT_free`). NULL with `OBJ_R_UNKNOWN_OBJECT_NAME` or the `ASN1_R_*` of the bad
/// dotted text.
#[no_mangle]
pub extern "C" fn OBJ_txt2obj(s: *const c_char, no_name: c_int) -> *mut ASN1_OBJECT {
    crate::forward_new!(OBJ_txt2obj(s, no_name));
    null_on_error(|| {
        // SAFETY: NULL or a NUL-terminated string.
        let t = unsafe { text(s) }.ok_or(Error::null_param(lib::OBJ, "OBJ_txt2obj"))?;
        txt2obj(t, no_name != 0)
    })
}

/// `OBJ_txt2nid(s)`: `OBJ_obj2nid(OBJ_txt2obj(s, 0))`, with its errors; 0 when unknown.
#[no_mangle]
pub extern "C" fn OBJ_txt2nid(s: *const c_char) -> c_int {
    crate::forward!(OBJ_txt2nid(s));
    call(0, || {
        // SAFETY: NULL or a NUL-terminated string.
        let t = unsafe { text(s) }.ok_or(Error::null_param(lib::OBJ, "OBJ_txt2nid"))?;
        let p = txt2obj(t, false)?;
        let nid = OBJ_obj2nid(p);
        ASN1_OBJECT_free(p);
        Ok(nid)
    })
}

/// `OBJ_obj2txt(buf, buf_len, a, no_name)`: the long name (short if none) unless `no_name` or
/// unknown, else the dotted OID, copied into `buf` truncated to `buf_len - 1` bytes and
/// NUL-terminated. Returns the full length; 0 (with `buf` emptied) for NULL or an empty object,
/// -1 for a malformed OID.
#[no_mangle]
pub extern "C" fn OBJ_obj2txt(
    buf: *mut c_char,
    buf_len: c_int,
    a: *const ASN1_OBJECT,
    no_name: c_int,
) -> c_int {
    crate::forward!(OBJ_obj2txt(buf, buf_len, a, no_name));
    guard(-1, || {
        let cap = usize::try_from(buf_len).unwrap_or(0);
        let put = |s: &[u8]| {
            if !buf.is_null() && cap > 0 {
                let n = s.len().min(cap - 1);
                // SAFETY: `buf` has room for `buf_len` bytes.
                unsafe {
                    core::ptr::copy_nonoverlapping(s.as_ptr(), buf as *mut u8, n);
                    *buf.add(n) = 0;
                }
            }
        };
        // SAFETY: NULL or a live native object.
        let Some(o) = (unsafe { obj_ref(a) }).filter(|o| !o.der.is_empty()) else {
            put(b"");
            return 0;
        };
        if no_name == 0 {
            let nid = if o.nid != 0 { o.nid } else { nid_of(&o.der) };
            if let Some(name) = table_object(nid)
                .filter(|_| nid != 0)
                .and_then(|t| t.ln.as_ref().or(t.sn.as_ref()))
            {
                put(name.to_bytes());
                return c_int::try_from(name.to_bytes().len()).unwrap_or(c_int::MAX);
            }
        }
        match oid_text(&o.der) {
            Some(t) => {
                put(t.as_bytes());
                c_int::try_from(t.len()).unwrap_or(c_int::MAX)
            }
            None => {
                put(b"");
                -1
            }
        }
    })
}

/// `OBJ_cmp(a, b)`: by length, then contents (0 when equal). OpenSSL crashes on NULL; here a
/// NULL sorts first.
#[no_mangle]
pub extern "C" fn OBJ_cmp(a: *const ASN1_OBJECT, b: *const ASN1_OBJECT) -> c_int {
    crate::forward!(OBJ_cmp(a, b));
    guard(-1, || {
        // SAFETY: NULL or live native objects.
        let (a, b) = unsafe { (obj_ref(a), obj_ref(b)) };
        match (a, b) {
            (None, None) => 0,
            (None, Some(_)) => -1,
            (Some(_), None) => 1,
            (Some(a), Some(b)) => {
                let d = a.der.len() as i64 - b.der.len() as i64;
                if d != 0 {
                    return d.clamp(c_int::MIN.into(), c_int::MAX.into()) as c_int;
                }
                a.der
                    .iter()
                    .zip(&b.der)
                    .find(|(x, y)| x != y)
                    .map_or(0, |(x, y)| c_int::from(*x) - c_int::from(*y))
            }
        }
    })
}

/// `OBJ_dup(o)`: a caller-owned copy (the table's objects are returned as they are, as OpenSSL
/// does for its static ones); NULL for NULL.
#[no_mangle]
pub extern "C" fn OBJ_dup(o: *const ASN1_OBJECT) -> *mut ASN1_OBJECT {
    crate::forward_new!(OBJ_dup(o));
    null_on_error(|| {
        // SAFETY: NULL or a live native object.
        let Some(obj) = (unsafe { obj_ref(o) }) else {
            return Err(Error::null_param(lib::OBJ, "OBJ_dup"));
        };
        if let Some(t) = table_object(obj.nid).filter(|_| obj.nid != 0) {
            return Ok(table_ptr(t));
        }
        Ok(new_dynamic(obj.der.clone()))
    })
}

/// `OBJ_length(obj)`: the length of the DER contents; 0 for NULL.
#[no_mangle]
pub extern "C" fn OBJ_length(obj: *const ASN1_OBJECT) -> usize {
    crate::forward!(OBJ_length(obj));
    // SAFETY: NULL or a live native object.
    guard(0, || unsafe { obj_ref(obj) }.map_or(0, |o| o.der.len()))
}

/// `OBJ_get0_data(obj)`: the DER contents, owned by the object; NULL for NULL or none.
#[no_mangle]
pub extern "C" fn OBJ_get0_data(obj: *const ASN1_OBJECT) -> *const c_uchar {
    crate::forward!(OBJ_get0_data(obj));
    guard(core::ptr::null(), || {
        // SAFETY: NULL or a live native object.
        match unsafe { obj_ref(obj) } {
            Some(o) if !o.der.is_empty() => o.der.as_ptr(),
            _ => core::ptr::null(),
        }
    })
}

/// `ASN1_OBJECT_free(a)`: frees an object made for the caller; the table's objects and those
/// of name entries are left alone; NULL is a no-op.
#[no_mangle]
pub extern "C" fn ASN1_OBJECT_free(a: *mut ASN1_OBJECT) {
    crate::forward!(ASN1_OBJECT_free(a));
    guard((), || {
        // SAFETY: NULL or a live native object.
        if unsafe { obj_ref(a) }.is_some_and(|o| o.dynamic) {
            // SAFETY: a dynamic object is a Box<Asn1Object> the caller gives up.
            drop(unsafe { Box::from_raw(a as *mut Asn1Object) });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(p: *const c_char) -> &'static str {
        // SAFETY: a table string.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    #[test]
    fn lookups_as_openssl() {
        assert_eq!(s(OBJ_nid2sn(6)), "rsaEncryption");
        assert_eq!(s(OBJ_nid2ln(12)), "X509");
        assert_eq!(s(OBJ_nid2sn(0)), "UNDEF");
        assert!(OBJ_nid2sn(-1).is_null() && OBJ_nid2ln(99999).is_null());
        assert_eq!(OBJ_txt2nid(c"CN".as_ptr()), 13);
        assert_eq!(OBJ_txt2nid(c"commonName".as_ptr()), 13);
        assert_eq!(OBJ_txt2nid(c"2.5.4.3".as_ptr()), 13);
        assert_eq!(OBJ_txt2nid(c"bogus".as_ptr()), 0);
        assert_eq!(OBJ_sn2nid(c"rsaEncryption".as_ptr()), 6);
        assert_eq!(OBJ_ln2nid(c"X509".as_ptr()), 12);
        assert_eq!(OBJ_ln2nid(c"CN".as_ptr()), 0);
        let o = OBJ_txt2obj(c"1.2.3.4".as_ptr(), 1);
        assert_eq!(OBJ_obj2nid(o), 0);
        let mut buf = [0 as c_char; 4];
        assert_eq!(OBJ_obj2txt(buf.as_mut_ptr(), 4, o, 0), 7);
        // SAFETY: NUL-terminated by OBJ_obj2txt.
        assert_eq!(unsafe { CStr::from_ptr(buf.as_ptr()) }, c"1.2");
        assert_eq!(OBJ_length(o), 3);
        ASN1_OBJECT_free(o);
        let cn = OBJ_txt2obj(c"2.5.4.3".as_ptr(), 1);
        assert_eq!(cn, OBJ_nid2obj(13));
        assert_eq!(OBJ_obj2txt(core::ptr::null_mut(), 0, cn, 0), 10);
        assert!(OBJ_cmp(cn, OBJ_nid2obj(14)) < 0);
        assert_eq!(OBJ_cmp(cn, OBJ_nid2obj(13)), 0);
        ASN1_OBJECT_free(cn);
        assert!(OBJ_txt2obj(c"1.".as_ptr(), 1).is_null());
    }
}
