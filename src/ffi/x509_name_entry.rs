//! `openssl/x509.h` family, the attributes of a name: `X509_NAME_new`, `X509_NAME_entry_count`,
//! `X509_NAME_get_entry`, `X509_NAME_get_index_by_NID`/`_by_OBJ`, `X509_NAME_ENTRY_get_data`/
//! `_get_object`/`_set`, `X509_NAME_hash_ex`, `X509_NAME_hash_old`, `X509_NAME_get0_der`.
//!
//! Natively an `X509_NAME_ENTRY*` points at an [`Entry`] kept in its name's
//! [`Attachment`](crate::crypto::x509_name::Attachment), built on first use: the value as an
//! `ASN1_STRING` (OpenSSL's public struct) and the type as an `ASN1_OBJECT`, both owned by the
//! name, as in OpenSSL. Measured on OpenSSL 3.0.19: a NULL name has no entries and is found
//! nowhere (-1); an unknown NID gives -2 (no error), even with a NULL name; `lastpos` below -1
//! counts as -1; `X509_NAME_get0_der` gives 0 for NULL.

use super::asn1::{free_string, new_string, Asn1String};
use super::compat::OSSL_LIB_CTX;
use super::obj::{obj_ref, table_object, Asn1Object, ObjRef};
use super::types::{ASN1_OBJECT, ASN1_STRING, X509_NAME, X509_NAME_ENTRY};
use super::{guard, x509_name::canonical};
use crate::crypto::x509::Name;
use crate::crypto::x509_name::{set_indices, value_string};
use core::ffi::{c_char, c_int, c_uchar, c_ulong};

/// One attribute as C sees it.
#[derive(Debug)]
pub struct Entry {
    object: ObjRef,
    value: *mut ASN1_STRING,
    set: c_int,
}

impl Drop for Entry {
    fn drop(&mut self) {
        // SAFETY: the string was made by `new_string` for this entry and is not used after it.
        unsafe { free_string(self.value) };
    }
}

/// The entries of one name.
#[derive(Debug)]
struct Entries(Vec<Entry>);

// SAFETY: the entries are built once and then only read (the `ASN1_STRING`s' raw pointers are
// owned by them); the name they belong to is shared across threads the same way.
unsafe impl Send for Entries {}
// SAFETY: as above.
unsafe impl Sync for Entries {}

/// The C-side entries of `n`, built on first use.
fn entries(n: &Name) -> &[Entry] {
    let made = n.ffi.get_or_init(|| {
        let sets = set_indices(n);
        Entries(
            n.entries
                .iter()
                .zip(sets)
                .map(|(e, set)| {
                    let (kind, data, flags) = value_string(e);
                    let value = new_string(kind, &data).unwrap_or(core::ptr::null_mut());
                    // SAFETY: NULL or the string just made.
                    if let Some(v) = unsafe { (value as *mut Asn1String).as_mut() } {
                        v.flags = flags;
                    }
                    Entry {
                        object: Asn1Object::for_oid(&e.oid),
                        value,
                        set,
                    }
                })
                .collect(),
        )
    });
    made.map_or(&[], |e| e.0.as_slice())
}

/// Borrows the name behind `p`.
///
/// # Safety
/// `p` must be NULL or a live native `X509_NAME*`.
unsafe fn name_ref<'a>(p: *const X509_NAME) -> Option<&'a Name> {
    // SAFETY: per the caller.
    unsafe { (p as *const Name).as_ref() }
}

/// Borrows the entry behind `p`.
///
/// # Safety
/// `p` must be NULL or a live native `X509_NAME_ENTRY*`.
unsafe fn entry_ref<'a>(p: *const X509_NAME_ENTRY) -> Option<&'a Entry> {
    // SAFETY: per the caller.
    unsafe { (p as *const Entry).as_ref() }
}

/// `X509_NAME_new()`: an empty name, freed with `X509_NAME_free`.
#[no_mangle]
pub extern "C" fn X509_NAME_new() -> *mut X509_NAME {
    crate::forward_new!(X509_NAME_new());
    guard(core::ptr::null_mut(), || {
        Box::into_raw(Box::new(Name::default())) as *mut X509_NAME
    })
}

/// `X509_NAME_entry_count(name)`: the number of attributes; 0 for NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_entry_count(name: *const X509_NAME) -> c_int {
    crate::forward!(X509_NAME_entry_count(name));
    guard(0, || {
        // SAFETY: NULL or a live X509_NAME.
        unsafe { name_ref(name) }.map_or(0, |n| n.entries.len() as c_int)
    })
}

/// `X509_NAME_get_entry(name, loc)`: attribute `loc` (owned by the name); NULL out of range.
#[no_mangle]
pub extern "C" fn X509_NAME_get_entry(name: *const X509_NAME, loc: c_int) -> *mut X509_NAME_ENTRY {
    crate::forward!(X509_NAME_get_entry(name, loc));
    guard(core::ptr::null_mut(), || {
        // SAFETY: NULL or a live X509_NAME.
        let Some(n) = (unsafe { name_ref(name) }) else {
            return core::ptr::null_mut();
        };
        usize::try_from(loc)
            .ok()
            .and_then(|i| entries(n).get(i))
            .map_or(core::ptr::null_mut(), |e| {
                e as *const Entry as *mut X509_NAME_ENTRY
            })
    })
}

/// The index of the first attribute after `lastpos` whose type is the OID `der`; -1 if none.
fn index_of(name: Option<&Name>, der: &[u8], lastpos: c_int) -> c_int {
    let Some(n) = name else { return -1 };
    let start = usize::try_from(lastpos.max(-1) + 1).unwrap_or(0);
    n.entries
        .iter()
        .enumerate()
        .skip(start)
        .find(|(_, e)| e.oid == der)
        .map_or(-1, |(i, _)| i as c_int)
}

/// `X509_NAME_get_index_by_NID(name, nid, lastpos)`: the index of the next attribute of type
/// `nid` after `lastpos` (-1 to start), -1 when there is none, -2 for a NID OpenSSL does not
/// know.
#[no_mangle]
pub extern "C" fn X509_NAME_get_index_by_NID(
    name: *const X509_NAME,
    nid: c_int,
    lastpos: c_int,
) -> c_int {
    crate::forward!(X509_NAME_get_index_by_NID(name, nid, lastpos));
    guard(-2, || {
        let Some(obj) = table_object(nid) else {
            return -2;
        };
        // SAFETY: NULL or a live X509_NAME.
        index_of(unsafe { name_ref(name) }, obj.der(), lastpos)
    })
}

/// `X509_NAME_get_index_by_OBJ(name, obj, lastpos)`: as `_by_NID` with an object; -1 for a
/// NULL name (and, where OpenSSL would crash, a NULL object).
#[no_mangle]
pub extern "C" fn X509_NAME_get_index_by_OBJ(
    name: *const X509_NAME,
    obj: *const ASN1_OBJECT,
    lastpos: c_int,
) -> c_int {
    crate::forward!(X509_NAME_get_index_by_OBJ(name, obj, lastpos));
    guard(-1, || {
        // SAFETY: NULL or a live native object.
        let Some(o) = (unsafe { obj_ref(obj) }) else {
            return -1;
        };
        // SAFETY: NULL or a live X509_NAME.
        index_of(unsafe { name_ref(name) }, o.der(), lastpos)
    })
}

/// `X509_NAME_ENTRY_get_data(ne)`: the value (owned by the name); NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_get_data(ne: *const X509_NAME_ENTRY) -> *mut ASN1_STRING {
    crate::forward!(X509_NAME_ENTRY_get_data(ne));
    guard(core::ptr::null_mut(), || {
        // SAFETY: NULL or a live entry.
        unsafe { entry_ref(ne) }.map_or(core::ptr::null_mut(), |e| e.value)
    })
}

/// `X509_NAME_ENTRY_get_object(ne)`: the attribute type (owned by the name); NULL for NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_get_object(ne: *const X509_NAME_ENTRY) -> *mut ASN1_OBJECT {
    crate::forward!(X509_NAME_ENTRY_get_object(ne));
    guard(core::ptr::null_mut(), || {
        // SAFETY: NULL or a live entry.
        unsafe { entry_ref(ne) }.map_or(core::ptr::null_mut(), |e| e.object.as_ptr())
    })
}

/// `X509_NAME_ENTRY_set(ne)`: the index of the entry's RDN (entries of a multi-valued RDN share
/// it); -1 for NULL (OpenSSL would crash).
#[no_mangle]
pub extern "C" fn X509_NAME_ENTRY_set(ne: *const X509_NAME_ENTRY) -> c_int {
    crate::forward!(X509_NAME_ENTRY_set(ne));
    guard(-1, || {
        // SAFETY: NULL or a live entry.
        unsafe { entry_ref(ne) }.map_or(-1, |e| e.set)
    })
}

/// The first four bytes of `md`, little-endian, as OpenSSL's name hashes take them.
fn hash_bytes(md: &[u8]) -> c_ulong {
    c_ulong::from(u32::from_le_bytes([md[0], md[1], md[2], md[3]]))
}

/// `X509_NAME_hash_ex(x, libctx, propq, ok)`: SHA-1 of the canonical encoding (the one
/// `X509_NAME_cmp` compares), first four bytes little-endian: the `c_rehash` hash. `*ok` is 1;
/// for NULL (where OpenSSL crashes) 0 with `*ok` 0.
#[no_mangle]
pub extern "C" fn X509_NAME_hash_ex(
    x: *const X509_NAME,
    libctx: *mut OSSL_LIB_CTX,
    propq: *const c_char,
    ok: *mut c_int,
) -> c_ulong {
    crate::forward!(X509_NAME_hash_ex(x, libctx, propq, ok));
    guard(0, || {
        let _ = (libctx, propq);
        // SAFETY: NULL or a live X509_NAME.
        let n = unsafe { name_ref(x) };
        let h = n.map(|n| {
            let d = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &canonical(n));
            hash_bytes(d.as_ref())
        });
        // SAFETY: `ok` is NULL or writable.
        if let Some(ok) = unsafe { ok.as_mut() } {
            *ok = c_int::from(h.is_some());
        }
        h.unwrap_or(0)
    })
}

/// `X509_NAME_hash_old(x)`: MD5 of the name's DER, first four bytes little-endian (the hash
/// of OpenSSL before 1.0); 0 for NULL (where OpenSSL crashes).
#[no_mangle]
pub extern "C" fn X509_NAME_hash_old(x: *const X509_NAME) -> c_ulong {
    crate::forward!(X509_NAME_hash_old(x));
    guard(0, || {
        use md5::Digest;
        // SAFETY: NULL or a live X509_NAME.
        unsafe { name_ref(x) }.map_or(0, |n| {
            let d: &[u8] = if n.der.is_empty() { &[0x30, 0] } else { &n.der };
            hash_bytes(&md5::Md5::digest(d))
        })
    })
}

/// `X509_NAME_get0_der(nm, pder, pderlen)`: the name's DER, owned by it; 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn X509_NAME_get0_der(
    nm: *const X509_NAME,
    pder: *mut *const c_uchar,
    pderlen: *mut usize,
) -> c_int {
    crate::forward!(X509_NAME_get0_der(nm, pder, pderlen));
    guard(0, || {
        static EMPTY: [u8; 2] = [0x30, 0];
        // SAFETY: NULL or a live X509_NAME.
        let Some(n) = (unsafe { name_ref(nm) }) else {
            return 0;
        };
        let d: &[u8] = if n.der.is_empty() { &EMPTY } else { &n.der };
        // SAFETY: NULL or writable out-parameters.
        unsafe {
            if let Some(p) = pder.as_mut() {
                *p = d.as_ptr();
            }
            if let Some(l) = pderlen.as_mut() {
                *l = d.len();
            }
        }
        1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::x509::fixtures::*;
    use crate::crypto::x509::Certificate;
    use crate::ffi::asn1::string_ref;
    use crate::ffi::obj::OBJ_obj2nid;

    #[test]
    fn entries_and_indexes() {
        let der = crate::crypto::pem::read_certs(EC_CERT.as_bytes())
            .unwrap()
            .remove(0);
        let cert = Certificate::from_der(der).unwrap();
        let n = cert.subject() as *const Name as *const X509_NAME;
        let count = X509_NAME_entry_count(n);
        assert!(count >= 1);
        let cn = X509_NAME_get_index_by_NID(n, 13, -1);
        assert!(cn >= 0);
        let next = X509_NAME_get_index_by_NID(n, 13, cn);
        assert!(next == -1 || next > cn);
        assert_eq!(X509_NAME_get_index_by_NID(n, 99999, -1), -2);
        assert_eq!(X509_NAME_get_index_by_NID(core::ptr::null(), 13, -1), -1);
        let e = X509_NAME_get_entry(n, cn);
        assert_eq!(e, X509_NAME_get_entry(n, cn));
        assert!(X509_NAME_get_entry(n, count).is_null());
        assert_eq!(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)), 13);
        // SAFETY: owned by the name.
        let v = unsafe { string_ref(X509_NAME_ENTRY_get_data(e)) }.unwrap();
        assert!(!v.bytes().is_empty());
        let mut ok = 0;
        X509_NAME_hash_ex(n, core::ptr::null_mut(), core::ptr::null(), &mut ok);
        assert_eq!(ok, 1);
        let mut len = 0usize;
        assert_eq!(X509_NAME_get0_der(n, core::ptr::null_mut(), &mut len), 1);
        assert_eq!(len, cert.subject().der.len());
    }
}
