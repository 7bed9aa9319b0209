//! Version-specific `SSL_METHOD`s: `TLSv1_2_method` and its client/server variants fix the
//! protocol to TLS 1.2, as OpenSSL's do. The TLS 1.0/1.1 and DTLS methods exist so programs
//! link and `SSL_CTX_new` succeeds (as with OpenSSL); a handshake then fails with
//! `SSL_R_NO_PROTOCOLS_AVAILABLE`, since rustls speaks neither (a deliberate limit; OpenSSL
//! 3.0 at its default security level fails such handshakes too, with "no suitable signature
//! algorithm" on the server).

use crate::engine::context::Method;
use crate::ffi::types::SSL_METHOD;

pub const DTLS1_VERSION: core::ffi::c_int = 0xFEFF;
pub const DTLS1_2_VERSION: core::ffi::c_int = 0xFEFD;
pub const DTLS1_BAD_VER: core::ffi::c_int = 0x0100;
pub const DTLS_ANY_VERSION: core::ffi::c_int = 0x1FFFF;

const TLS1: i32 = 0x0301;
const TLS1_1: i32 = 0x0302;
const TLS1_2: i32 = 0x0303;
const DTLS1: i32 = DTLS1_VERSION;
const DTLS1_2: i32 = DTLS1_2_VERSION;
const DTLS_ANY: i32 = DTLS_ANY_VERSION;

/// Each method is a (role, fixed protocol) pair; its pointer is the entry's address.
static FIXED: [(Method, i32); 18] = [
    (Method::Generic, TLS1_2),
    (Method::Client, TLS1_2),
    (Method::Server, TLS1_2),
    (Method::Generic, TLS1_1),
    (Method::Client, TLS1_1),
    (Method::Server, TLS1_1),
    (Method::Generic, TLS1),
    (Method::Client, TLS1),
    (Method::Server, TLS1),
    (Method::Generic, DTLS_ANY),
    (Method::Client, DTLS_ANY),
    (Method::Server, DTLS_ANY),
    (Method::Generic, DTLS1_2),
    (Method::Client, DTLS1_2),
    (Method::Server, DTLS1_2),
    (Method::Generic, DTLS1),
    (Method::Client, DTLS1),
    (Method::Server, DTLS1),
];

fn ptr(i: usize) -> *const SSL_METHOD {
    &FIXED[i] as *const (Method, i32) as *const SSL_METHOD
}

/// The role and fixed protocol of a method from this file.
pub fn lookup(m: *const SSL_METHOD) -> Option<(Method, Option<i32>)> {
    (0..FIXED.len())
        .find(|&i| ptr(i) == m)
        .map(|i| (FIXED[i].0, Some(FIXED[i].1)))
}

/// `TLSv1_2_method(3)`: TLS 1.2 only, either role.
#[no_mangle]
pub extern "C" fn TLSv1_2_method() -> *const SSL_METHOD {
    ptr(0)
}

/// `TLSv1_2_client_method(3)`: TLS 1.2 only, client.
#[no_mangle]
pub extern "C" fn TLSv1_2_client_method() -> *const SSL_METHOD {
    ptr(1)
}

/// `TLSv1_2_server_method(3)`: TLS 1.2 only, server.
#[no_mangle]
pub extern "C" fn TLSv1_2_server_method() -> *const SSL_METHOD {
    ptr(2)
}

/// `TLSv1_1_method(3)`: handshakes fail (no TLS 1.1 in sslrs).
#[no_mangle]
pub extern "C" fn TLSv1_1_method() -> *const SSL_METHOD {
    ptr(3)
}

/// `TLSv1_1_client_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn TLSv1_1_client_method() -> *const SSL_METHOD {
    ptr(4)
}

/// `TLSv1_1_server_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn TLSv1_1_server_method() -> *const SSL_METHOD {
    ptr(5)
}

/// `TLSv1_method(3)`: handshakes fail (no TLS 1.0 in sslrs).
#[no_mangle]
pub extern "C" fn TLSv1_method() -> *const SSL_METHOD {
    ptr(6)
}

/// `TLSv1_client_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn TLSv1_client_method() -> *const SSL_METHOD {
    ptr(7)
}

/// `TLSv1_server_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn TLSv1_server_method() -> *const SSL_METHOD {
    ptr(8)
}

/// `DTLS_method(3)`: handshakes fail (no DTLS in sslrs).
#[no_mangle]
pub extern "C" fn DTLS_method() -> *const SSL_METHOD {
    ptr(9)
}

/// `DTLS_client_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLS_client_method() -> *const SSL_METHOD {
    ptr(10)
}

/// `DTLS_server_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLS_server_method() -> *const SSL_METHOD {
    ptr(11)
}

/// `DTLSv1_2_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLSv1_2_method() -> *const SSL_METHOD {
    ptr(12)
}

/// `DTLSv1_2_client_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLSv1_2_client_method() -> *const SSL_METHOD {
    ptr(13)
}

/// `DTLSv1_2_server_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLSv1_2_server_method() -> *const SSL_METHOD {
    ptr(14)
}

/// `DTLSv1_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLSv1_method() -> *const SSL_METHOD {
    ptr(15)
}

/// `DTLSv1_client_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLSv1_client_method() -> *const SSL_METHOD {
    ptr(16)
}

/// `DTLSv1_server_method(3)`: handshakes fail.
#[no_mangle]
pub extern "C" fn DTLSv1_server_method() -> *const SSL_METHOD {
    ptr(17)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_distinct() {
        let all = [
            TLSv1_2_method(),
            TLSv1_2_client_method(),
            TLSv1_2_server_method(),
            TLSv1_1_method(),
            TLSv1_1_client_method(),
            TLSv1_1_server_method(),
            TLSv1_method(),
            TLSv1_client_method(),
            TLSv1_server_method(),
            DTLS_method(),
            DTLS_client_method(),
            DTLS_server_method(),
            DTLSv1_2_method(),
            DTLSv1_2_client_method(),
            DTLSv1_2_server_method(),
            DTLSv1_method(),
            DTLSv1_client_method(),
            DTLSv1_server_method(),
        ];
        for (i, &m) in all.iter().enumerate() {
            assert_eq!(lookup(m).map(|(_, v)| v), Some(Some(FIXED[i].1)));
        }
        assert!(lookup(core::ptr::null()).is_none());
    }
}
