//! The C-visible opaque types and the one place where handles are cast.
//!
//! Each refcounted C type (`SSL`, `SSL_CTX`, `BIO`, `X509`, `EVP_PKEY`) is a zero-sized marker
//! that cbindgen emits as an incomplete struct; the pointer the C side holds is
//! `Arc::into_raw(Arc<Inner>)`. Static types (`SSL_METHOD`, `SSL_CIPHER`) point at statics.

use std::sync::Arc;

/// `SSL_CTX`: a configured context, shared by the connections made from it.
pub struct SSL_CTX {
    _private: [u8; 0],
}
/// `SSL`: one connection.
pub struct SSL {
    _private: [u8; 0],
}
/// `BIO`: an I/O abstraction (memory, socket, fd, pair).
pub struct BIO {
    _private: [u8; 0],
}
/// `BIO_METHOD`: the type of a BIO (static).
pub struct BIO_METHOD {
    _private: [u8; 0],
}
/// `X509`: a certificate.
pub struct X509 {
    _private: [u8; 0],
}
/// `X509_NAME`: a distinguished name, borrowed from its certificate.
pub struct X509_NAME {
    _private: [u8; 0],
}
/// `ASN1_STRING` (and the other `asn1_string_st` names: `ASN1_INTEGER`, `ASN1_TIME`, ...):
/// natively a [`crate::ffi::asn1::Asn1String`].
pub struct ASN1_STRING {
    _private: [u8; 0],
}
/// `ASN1_OBJECT`: an object identifier; natively a [`crate::ffi::obj::Asn1Object`].
pub struct ASN1_OBJECT {
    _private: [u8; 0],
}
/// `X509_NAME_ENTRY`: one attribute of a name, owned by the name.
pub struct X509_NAME_ENTRY {
    _private: [u8; 0],
}
/// `EVP_PKEY`: a private key.
pub struct EVP_PKEY {
    _private: [u8; 0],
}
/// `SSL_METHOD`: `TLS_method()` and friends (static).
pub struct SSL_METHOD {
    _private: [u8; 0],
}
/// `SSL_CIPHER`: a cipher suite description (static).
pub struct SSL_CIPHER {
    _private: [u8; 0],
}
/// `X509_STORE_CTX`: the verification context handed to verify callbacks.
pub struct X509_STORE_CTX {
    _private: [u8; 0],
}
/// `SSL_SESSION`: a TLS session (refcounted).
pub struct SSL_SESSION {
    _private: [u8; 0],
}
/// `EVP_CIPHER_CTX`: only named in callback types here.
pub struct EVP_CIPHER_CTX {
    _private: [u8; 0],
}
/// `EVP_MAC_CTX`: only named in callback types here.
pub struct EVP_MAC_CTX {
    _private: [u8; 0],
}
/// `CRYPTO_EX_DATA`: the application data of one object, as ex_data callbacks see it.
pub struct CRYPTO_EX_DATA {
    _private: [u8; 0],
}
/// `OPENSSL_INIT_SETTINGS`: accepted and ignored.
pub struct OPENSSL_INIT_SETTINGS {
    _private: [u8; 0],
}

/// Ties a C marker type to the Rust object behind its pointer.
pub trait Handle {
    /// The Rust object an `Arc` of which the C pointer holds.
    type Inner;
}

impl Handle for SSL_CTX {
    type Inner = crate::engine::Context;
}
impl Handle for SSL {
    type Inner = crate::ffi::callbacks::SslObj;
}
impl Handle for BIO {
    type Inner = crate::crypto::bio::Bio;
}
impl Handle for SSL_SESSION {
    type Inner = crate::engine::session::Session;
}
impl Handle for X509 {
    type Inner = crate::crypto::x509::Certificate;
}
impl Handle for EVP_PKEY {
    type Inner = crate::crypto::pkey::PrivateKey;
}

/// Hands one reference to C.
pub fn into_c<H: Handle>(inner: Arc<H::Inner>) -> *mut H {
    Arc::into_raw(inner) as *mut H
}

/// Borrows the object behind `p`; NULL gives `None`.
///
/// # Safety
/// `p` must be NULL or a pointer made by [`into_c`] for the same `H` that still holds a reference.
pub unsafe fn borrow<'a, H: Handle>(p: *const H) -> Option<&'a H::Inner> {
    // SAFETY: per the caller, `p` came from `Arc::into_raw` and is still live.
    unsafe { (p as *const H::Inner).as_ref() }
}

/// A new owned reference to the object behind `p` (the C reference is kept).
///
/// # Safety
/// As for [`borrow`].
pub unsafe fn clone_arc<H: Handle>(p: *const H) -> Option<Arc<H::Inner>> {
    if p.is_null() {
        return None;
    }
    let p = p as *const H::Inner;
    // SAFETY: `p` came from `Arc::into_raw` and holds a reference, so adding one is sound.
    unsafe {
        Arc::increment_strong_count(p);
        Some(Arc::from_raw(p))
    }
}

/// Takes over the C reference behind `p` (the C side gives it up).
///
/// # Safety
/// As for [`borrow`]; the caller must not use `p` afterwards unless it holds another reference.
pub unsafe fn take_arc<H: Handle>(p: *const H) -> Option<Arc<H::Inner>> {
    if p.is_null() {
        None
    } else {
        // SAFETY: `p` came from `Arc::into_raw`; its reference moves into the returned Arc.
        Some(unsafe { Arc::from_raw(p as *const H::Inner) })
    }
}

/// `*_up_ref`: adds a C reference. Returns 1, or 0 for NULL.
///
/// # Safety
/// As for [`borrow`].
pub unsafe fn up_ref<H: Handle>(p: *const H) -> core::ffi::c_int {
    if p.is_null() {
        return 0;
    }
    // SAFETY: live pointer from `Arc::into_raw`.
    unsafe { Arc::increment_strong_count(p as *const H::Inner) };
    1
}

/// `*_free`: drops a C reference; NULL is a no-op.
///
/// # Safety
/// As for [`take_arc`].
pub unsafe fn release<H: Handle>(p: *const H) {
    // SAFETY: forwarded contract.
    drop(unsafe { take_arc::<H>(p) });
}
