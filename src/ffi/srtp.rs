//! SRTP key negotiation (`openssl/srtp.h`, the use_srtp extension of DTLS-SRTP): sslrs speaks no
//! DTLS, so no profile is ever offered or selected.

use crate::ffi::opaque::{stack_st_SRTP_PROTECTION_PROFILE, SRTP_PROTECTION_PROFILE};
use crate::ffi::recorded::unsupported;
use crate::ffi::types::{SSL, SSL_CTX};
use core::ffi::{c_char, c_int};

/// `SSL_CTX_set_tlsext_use_srtp(3)`: 1, which means failure here (0 is success).
///
/// Status: fails cleanly — 1 with `ERR_R_UNSUPPORTED`: no DTLS, no SRTP
#[no_mangle]
pub extern "C" fn SSL_CTX_set_tlsext_use_srtp(ctx: *mut SSL_CTX, profiles: *const c_char) -> c_int {
    let _ = (ctx, profiles);
    unsupported(1, "SSL_CTX_set_tlsext_use_srtp")
}

/// `SSL_set_tlsext_use_srtp(3)`: 1 (failure), as `SSL_CTX_set_tlsext_use_srtp`.
///
/// Status: fails cleanly — 1 with `ERR_R_UNSUPPORTED`: no DTLS, no SRTP
#[no_mangle]
pub extern "C" fn SSL_set_tlsext_use_srtp(ssl: *mut SSL, profiles: *const c_char) -> c_int {
    let _ = (ssl, profiles);
    unsupported(1, "SSL_set_tlsext_use_srtp")
}

/// `SSL_get_srtp_profiles(3)`: NULL, no profiles configured.
#[no_mangle]
pub extern "C" fn SSL_get_srtp_profiles(ssl: *mut SSL) -> *mut stack_st_SRTP_PROTECTION_PROFILE {
    let _ = ssl;
    core::ptr::null_mut()
}

/// `SSL_get_selected_srtp_profile(3)`: NULL, none negotiated.
#[no_mangle]
pub extern "C" fn SSL_get_selected_srtp_profile(s: *mut SSL) -> *mut SRTP_PROTECTION_PROFILE {
    let _ = s;
    core::ptr::null_mut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_CTX_set_tlsext_use_srtp(null_mut(), null()), 1);
        assert_eq!(SSL_set_tlsext_use_srtp(null_mut(), null()), 1);
        assert!(SSL_get_srtp_profiles(null_mut()).is_null());
        assert!(SSL_get_selected_srtp_profile(null_mut()).is_null());
        crate::crypto::err::clear();
    }
}
