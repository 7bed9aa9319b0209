//! The one error type. Only the FFI boundary raises it onto the thread's ERR queue.
//!
//! Numbers are OpenSSL 3.0's: `code = (lib << 23) | reason` (see `crypto::err` for packing).

/// OpenSSL library numbers (`ERR_LIB_*`).
pub mod lib {
    pub const SYS: i32 = 2;
    pub const EVP: i32 = 6;
    pub const BUF: i32 = 7;
    pub const PEM: i32 = 9;
    pub const X509: i32 = 11;
    pub const ASN1: i32 = 13;
    pub const CRYPTO: i32 = 15;
    pub const EC: i32 = 16;
    pub const SSL: i32 = 20;
    pub const BIO: i32 = 32;
    pub const X509V3: i32 = 34;
}

/// Common reasons (`ERR_R_*`), valid in every library.
pub mod common {
    pub const ERR_RFLAG_FATAL: i32 = 0x40000;
    pub const ERR_RFLAG_COMMON: i32 = 0x80000;
    pub const MALLOC_FAILURE: i32 = 0x40000 | 0x80000 | 0x100;
    pub const SHOULD_NOT_HAVE_BEEN_CALLED: i32 = 0x40000 | 0x80000 | 0x101;
    pub const PASSED_NULL_PARAMETER: i32 = 0x40000 | 0x80000 | 0x102;
    pub const INTERNAL_ERROR: i32 = 0x40000 | 0x80000 | 0x103;
    pub const PASSED_INVALID_ARGUMENT: i32 = 0x80000 | 262;
    pub const UNSUPPORTED: i32 = 0x80000 | 268;
    pub const SYS_LIB: i32 = 0x80000 | 0x2;
    pub const BUF_LIB: i32 = 0x80000 | 7;
    pub const BIO_LIB: i32 = 0x80000 | 32;
    pub const PEM_LIB: i32 = 0x80000 | 9;
    pub const X509_LIB: i32 = 0x80000 | 11;
    pub const ASN1_LIB: i32 = 0x80000 | 13;
    pub const EVP_LIB: i32 = 0x80000 | 6;
    pub const SSL_LIB: i32 = 0x80000 | 20;
}

/// `SSL_R_*` reason numbers used by sslrs (OpenSSL 3.0 `sslerr.h`).
#[allow(missing_docs)]
pub mod ssl_r {
    pub const AT_LEAST_TLS_1_2_NEEDED_IN_SUITEB_MODE: i32 = 158;
    pub const BAD_LENGTH: i32 = 271;
    pub const BAD_WRITE_RETRY: i32 = 127;
    pub const BIO_NOT_SET: i32 = 128;
    pub const CA_KEY_TOO_SMALL: i32 = 397;
    pub const CA_MD_TOO_WEAK: i32 = 398;
    pub const CCS_RECEIVED_EARLY: i32 = 133;
    pub const CERTIFICATE_VERIFY_FAILED: i32 = 134;
    pub const CONNECTION_TYPE_NOT_SET: i32 = 144;
    pub const DECRYPTION_FAILED_OR_BAD_RECORD_MAC: i32 = 281;
    pub const EE_KEY_TOO_SMALL: i32 = 399;
    pub const HTTPS_PROXY_REQUEST: i32 = 155;
    pub const HTTP_REQUEST: i32 = 156;
    pub const INAPPROPRIATE_FALLBACK: i32 = 373;
    pub const LENGTH_MISMATCH: i32 = 159;
    pub const MISSING_EXTENSION: i32 = 332;
    pub const NO_CERTIFICATE_ASSIGNED: i32 = 177;
    pub const NO_CIPHERS_AVAILABLE: i32 = 181;
    pub const NO_PRIVATE_KEY_ASSIGNED: i32 = 190;
    pub const NO_PROTOCOLS_AVAILABLE: i32 = 191;
    pub const NO_RENEGOTIATION: i32 = 339;
    pub const NO_SHARED_CIPHER: i32 = 193;
    pub const NO_SHARED_GROUPS: i32 = 410;
    pub const NO_SUITABLE_KEY_SHARE: i32 = 101;
    pub const NO_SUITABLE_SIGNATURE_ALGORITHM: i32 = 118;
    pub const NULL_SSL_CTX: i32 = 195;
    pub const PACKET_LENGTH_TOO_LONG: i32 = 198;
    pub const PEER_DID_NOT_RETURN_A_CERTIFICATE: i32 = 199;
    pub const PROTOCOL_IS_SHUTDOWN: i32 = 207;
    pub const READ_BIO_NOT_SET: i32 = 211;
    pub const RECORD_LENGTH_MISMATCH: i32 = 213;
    pub const SHUTDOWN_WHILE_IN_INIT: i32 = 407;
    pub const SSL_HANDSHAKE_FAILURE: i32 = 229;
    pub const TOO_MANY_WARN_ALERTS: i32 = 409;
    pub const UNEXPECTED_EOF_WHILE_READING: i32 = 294;
    pub const UNEXPECTED_MESSAGE: i32 = 244;
    pub const UNEXPECTED_RECORD: i32 = 245;
    pub const UNINITIALIZED: i32 = 276;
    pub const UNKNOWN_PROTOCOL: i32 = 252;
    pub const UNSAFE_LEGACY_RENEGOTIATION_DISABLED: i32 = 338;
    pub const UNSUPPORTED_PROTOCOL: i32 = 258;
    pub const VERSION_TOO_HIGH: i32 = 166;
    pub const VERSION_TOO_LOW: i32 = 396;
    pub const WRONG_SSL_VERSION: i32 = 266;
    pub const WRONG_VERSION_NUMBER: i32 = 267;
    pub const APPLICATION_DATA_AFTER_CLOSE_NOTIFY: i32 = 291;
    pub const X509_LIB: i32 = 268;
    pub const SSL3_EXT_INVALID_SERVERNAME: i32 = 319;
    pub const SSL3_EXT_INVALID_SERVERNAME_TYPE: i32 = 320;
    pub const BAD_SSL_FILETYPE: i32 = 124;
    pub const NULL_SSL_METHOD_PASSED: i32 = 196;
    pub const NO_CERTIFICATE_SET: i32 = 179;
    pub const BAD_DECOMPRESSION: i32 = 107;
    pub const BAD_EXTENSION: i32 = 110;
    pub const BAD_SIGNATURE: i32 = 123;
    pub const BAD_KEY_SHARE: i32 = 108;
    pub const INVALID_ALERT: i32 = 205;
    pub const WRONG_CERTIFICATE_TYPE: i32 = 383;
    pub const LIBRARY_HAS_NO_CIPHERS: i32 = 161;
    pub const INVALID_COMMAND: i32 = 280;
    pub const UNKNOWN_CMD_NAME: i32 = 386;
    pub const SSL_SECTION_NOT_FOUND: i32 = 136;
    pub const CERT_CB_ERROR: i32 = 377;
    pub const UNSUPPORTED_SSL_VERSION: i32 = 259;
    pub const UNKNOWN_SSL_VERSION: i32 = 254;
    /// `SSL_AD_REASON_OFFSET`: a received fatal alert `d` is raised as reason `1000 + d`.
    pub const AD_REASON_OFFSET: i32 = 1000;
}

/// One error, as it will appear on the ERR queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// `ERR_LIB_*`; `lib::SYS` with `sys_errno` set for system errors.
    pub lib: i32,
    /// Reason number within `lib` (or errno for system errors).
    pub reason: i32,
    /// OpenSSL's function name for this failure, reported by `ERR_get_error_all`.
    pub func: &'static str,
    /// Optional text data (`ERR_TXT_STRING`), e.g. `"SSL alert number 48"`.
    pub data: Option<String>,
    /// True for `0x80000000 | errno` entries.
    pub system: bool,
}

impl Error {
    /// A library error with a reason.
    pub const fn new(lib: i32, reason: i32, func: &'static str) -> Self {
        Error { lib, reason, func, data: None, system: false }
    }
    /// An `SSL_R_*` error.
    pub const fn ssl(reason: i32, func: &'static str) -> Self {
        Error::new(lib::SSL, reason, func)
    }
    /// Attaches text data.
    pub fn with_data(mut self, data: impl Into<String>) -> Self {
        self.data = Some(data.into());
        self
    }
    /// `ERR_R_PASSED_NULL_PARAMETER` in `lib`.
    pub const fn null_param(lib: i32, func: &'static str) -> Self {
        Error::new(lib, common::PASSED_NULL_PARAMETER, func)
    }
    /// `ERR_R_INTERNAL_ERROR` in SSL.
    pub const fn internal(func: &'static str) -> Self {
        Error::new(lib::SSL, common::INTERNAL_ERROR, func)
    }
    /// An unsupported feature: `ERR_R_UNSUPPORTED`, naming the function in the data.
    pub fn unsupported(lib: i32, func: &'static str) -> Self {
        Error::new(lib, common::UNSUPPORTED, func).with_data(format!("sslrs does not support {func}"))
    }
    /// A system error (`ERR_SYSTEM_FLAG | errno`).
    pub const fn system(errno: i32, func: &'static str) -> Self {
        Error { lib: lib::SYS, reason: errno, func, data: None, system: true }
    }
    /// The packed OpenSSL 3.0 error code.
    pub const fn code(&self) -> u64 {
        if self.system {
            0x8000_0000u64 | (self.reason as u32 as u64 & 0x7FFF_FFFF)
        } else {
            (((self.lib as u64) & 0xFF) << 23) | ((self.reason as u64) & 0x7F_FFFF)
        }
    }
}

/// Shorthand result.
pub type Result<T> = core::result::Result<T, Error>;
