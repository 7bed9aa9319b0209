//! Opaque OpenSSL types that libssl functions only pass through or return (NULL): zero-sized
//! markers. Those named in `ffi-shim/openssl-types.txt` are written into the headers by
//! build.rs (`typedef struct TAG NAME;`); the `stack_st_*`/`lhash_st_*` ones by cbindgen
//! (`typedef struct stack_st_X stack_st_X;`, the struct tag OpenSSL's `STACK_OF(X)` uses).

/// `BIGNUM`.
pub struct BIGNUM {
    _private: [u8; 0],
}

/// `DH`.
pub struct DH {
    _private: [u8; 0],
}

/// `ENGINE`.
pub struct ENGINE {
    _private: [u8; 0],
}

/// `COMP_METHOD`.
pub struct COMP_METHOD {
    _private: [u8; 0],
}

/// `SSL_COMP`.
pub struct SSL_COMP {
    _private: [u8; 0],
}

/// `CTLOG_STORE`.
pub struct CTLOG_STORE {
    _private: [u8; 0],
}

/// `CT_POLICY_EVAL_CTX`.
pub struct CT_POLICY_EVAL_CTX {
    _private: [u8; 0],
}

/// `SSL_DANE`.
pub struct SSL_DANE {
    _private: [u8; 0],
}

/// `STACK_OF(SSL_COMP)`.
pub struct stack_st_SSL_COMP {
    _private: [u8; 0],
}

/// `STACK_OF(SCT)`.
pub struct stack_st_SCT {
    _private: [u8; 0],
}

/// `STACK_OF(SRTP_PROTECTION_PROFILE)`.
pub struct stack_st_SRTP_PROTECTION_PROFILE {
    _private: [u8; 0],
}

/// `STACK_OF(X509)`.
pub struct stack_st_X509 {
    _private: [u8; 0],
}

/// `LHASH_OF(SSL_SESSION)`.
pub struct lhash_st_SSL_SESSION {
    _private: [u8; 0],
}

/// `SRTP_PROTECTION_PROFILE` (`struct srtp_protection_profile_st`); build.rs declares it in
/// the headers.
pub struct SRTP_PROTECTION_PROFILE {
    _private: [u8; 0],
}
