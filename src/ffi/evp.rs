//! `openssl/evp.h` family exports: `EVP_PKEY` lifetime. An `EVP_PKEY*` is
//! `Arc::into_raw(Arc<PrivateKey>)`.

use super::guard;
use super::types::{self, EVP_PKEY};
use core::ffi::c_int;

/// `EVP_PKEY_free(pkey)`: drops one reference; NULL is a no-op.
#[no_mangle]
pub extern "C" fn EVP_PKEY_free(pkey: *mut EVP_PKEY) {
    crate::forward!(EVP_PKEY_free(pkey));
    // SAFETY: `pkey` is NULL or an EVP_PKEY reference the caller gives up.
    guard((), || unsafe { types::release::<EVP_PKEY>(pkey) })
}

/// `EVP_PKEY_up_ref(pkey)`: adds a reference. Returns 1; 0 for NULL.
#[no_mangle]
pub extern "C" fn EVP_PKEY_up_ref(pkey: *mut EVP_PKEY) -> c_int {
    crate::forward!(EVP_PKEY_up_ref(pkey));
    // SAFETY: `pkey` is NULL or a live EVP_PKEY.
    guard(0, || unsafe { types::up_ref::<EVP_PKEY>(pkey) })
}
