//! `openssl/err.h` family exports: the thread's error queue, error strings, marks, printing.
//!
//! The queue lives in [`crate::crypto::err`]; this file only converts pointers. The C-variadic
//! functions (`ERR_set_error`, `ERR_vset_error`, `ERR_add_error_data`, `ERR_add_error_vdata`)
//! are in `ffi-shim/err_shim.c`: they format in C and call [`sslrs_err_set_error`] /
//! [`sslrs_err_add_error_data`]. Function-like macros (`ERR_GET_LIB`, `ERR_PACK`, `ERR_raise`,
//! `ERR_R_*`, ...) are in `ffi-shim/macros/err.h`.

// `unsigned long` is `u64` only on LP64 targets: keep the casts.
#![allow(clippy::unnecessary_cast)]

use crate::crypto::err::{self as q, Which};
use crate::ffi::guard;
use crate::ffi::ptr::{c_str, write_out};
use crate::ffi::types::{borrow, BIO};
use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int, c_ulong, c_void};
use libc::size_t;

/// `ERR_STRING_DATA`: one entry of a string table for `ERR_load_strings_const`; a table ends
/// with an entry whose `error` is 0.
#[repr(C)]
pub struct ERR_string_data_st {
    pub error: c_ulong,
    pub string: *const c_char,
}
/// `typedef struct ERR_string_data_st ERR_STRING_DATA;`
pub type ERR_STRING_DATA = ERR_string_data_st;

/// `ERR_print_errors_cb` callback: `int (*cb)(const char *str, size_t len, void *u)`.
pub type ERR_print_errors_cb_fn =
    Option<unsafe extern "C" fn(str: *const c_char, len: size_t, u: *mut c_void) -> c_int>;

// --- constants (plain integers; expression-valued ones are in ffi-shim/macros/err.h) --------

pub const ERR_TXT_MALLOCED: c_int = 0x01;
pub const ERR_TXT_STRING: c_int = 0x02;
pub const ERR_FLAG_MARK: c_int = 0x01;
pub const ERR_FLAG_CLEAR: c_int = 0x02;
pub const ERR_NUM_ERRORS: c_int = 16;
pub const ERR_MAX_DATA_SIZE: c_int = 1024;
pub const ERR_LIB_MASK: c_int = 0xFF;
pub const ERR_RFLAGS_MASK: c_int = 0x1F;

pub const ERR_LIB_NONE: c_int = 1;
pub const ERR_LIB_SYS: c_int = 2;
pub const ERR_LIB_BN: c_int = 3;
pub const ERR_LIB_RSA: c_int = 4;
pub const ERR_LIB_DH: c_int = 5;
pub const ERR_LIB_EVP: c_int = 6;
pub const ERR_LIB_BUF: c_int = 7;
pub const ERR_LIB_OBJ: c_int = 8;
pub const ERR_LIB_PEM: c_int = 9;
pub const ERR_LIB_DSA: c_int = 10;
pub const ERR_LIB_X509: c_int = 11;
pub const ERR_LIB_ASN1: c_int = 13;
pub const ERR_LIB_CONF: c_int = 14;
pub const ERR_LIB_CRYPTO: c_int = 15;
pub const ERR_LIB_EC: c_int = 16;
pub const ERR_LIB_SSL: c_int = 20;
pub const ERR_LIB_BIO: c_int = 32;
pub const ERR_LIB_PKCS7: c_int = 33;
pub const ERR_LIB_X509V3: c_int = 34;
pub const ERR_LIB_PKCS12: c_int = 35;
pub const ERR_LIB_RAND: c_int = 36;
pub const ERR_LIB_DSO: c_int = 37;
pub const ERR_LIB_ENGINE: c_int = 38;
pub const ERR_LIB_OCSP: c_int = 39;
pub const ERR_LIB_UI: c_int = 40;
pub const ERR_LIB_COMP: c_int = 41;
pub const ERR_LIB_ECDSA: c_int = 42;
pub const ERR_LIB_ECDH: c_int = 43;
pub const ERR_LIB_OSSL_STORE: c_int = 44;
pub const ERR_LIB_FIPS: c_int = 45;
pub const ERR_LIB_CMS: c_int = 46;
pub const ERR_LIB_TS: c_int = 47;
pub const ERR_LIB_HMAC: c_int = 48;
pub const ERR_LIB_CT: c_int = 50;
pub const ERR_LIB_ASYNC: c_int = 51;
pub const ERR_LIB_KDF: c_int = 52;
pub const ERR_LIB_SM2: c_int = 53;
pub const ERR_LIB_ESS: c_int = 54;
pub const ERR_LIB_PROP: c_int = 55;
pub const ERR_LIB_CRMF: c_int = 56;
pub const ERR_LIB_PROV: c_int = 57;
pub const ERR_LIB_CMP: c_int = 58;
pub const ERR_LIB_OSSL_ENCODER: c_int = 59;
pub const ERR_LIB_OSSL_DECODER: c_int = 60;
pub const ERR_LIB_HTTP: c_int = 61;
pub const ERR_LIB_USER: c_int = 128;

pub const SYS_F_FOPEN: c_int = 0;
pub const SYS_F_CONNECT: c_int = 0;
pub const SYS_F_GETSERVBYNAME: c_int = 0;
pub const SYS_F_SOCKET: c_int = 0;
pub const SYS_F_IOCTLSOCKET: c_int = 0;
pub const SYS_F_BIND: c_int = 0;
pub const SYS_F_LISTEN: c_int = 0;
pub const SYS_F_ACCEPT: c_int = 0;
pub const SYS_F_WSASTARTUP: c_int = 0;
pub const SYS_F_OPENDIR: c_int = 0;
pub const SYS_F_FREAD: c_int = 0;
pub const SYS_F_GETADDRINFO: c_int = 0;
pub const SYS_F_GETNAMEINFO: c_int = 0;
pub const SYS_F_SETSOCKOPT: c_int = 0;
pub const SYS_F_GETSOCKOPT: c_int = 0;
pub const SYS_F_GETSOCKNAME: c_int = 0;
pub const SYS_F_GETHOSTBYNAME: c_int = 0;
pub const SYS_F_FFLUSH: c_int = 0;
pub const SYS_F_OPEN: c_int = 0;
pub const SYS_F_CLOSE: c_int = 0;
pub const SYS_F_IOCTL: c_int = 0;
pub const SYS_F_STAT: c_int = 0;
pub const SYS_F_FCNTL: c_int = 0;
pub const SYS_F_FSTAT: c_int = 0;
pub const SYS_F_SENDFILE: c_int = 0;

/// `SSL_AD_REASON_OFFSET` (ssl.h): a received fatal alert `d` is reason `1000 + d`.
pub const SSL_AD_REASON_OFFSET: c_int = 1000;

// Every SSL_R_* of sslerr.h (OpenSSL 3.0.19).
// BEGIN GENERATED SSL_R (ffi-shim/tools/gen_err_strings.sh)
pub const SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY: c_int = 291;
pub const SSL_R_APP_DATA_IN_HANDSHAKE: c_int = 100;
pub const SSL_R_ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT: c_int = 272;
pub const SSL_R_AT_LEAST_TLS_1_2_NEEDED_IN_SUITEB_MODE: c_int = 158;
pub const SSL_R_BAD_CHANGE_CIPHER_SPEC: c_int = 103;
pub const SSL_R_BAD_CIPHER: c_int = 186;
pub const SSL_R_BAD_DATA: c_int = 390;
pub const SSL_R_BAD_DATA_RETURNED_BY_CALLBACK: c_int = 106;
pub const SSL_R_BAD_DECOMPRESSION: c_int = 107;
pub const SSL_R_BAD_DH_VALUE: c_int = 102;
pub const SSL_R_BAD_DIGEST_LENGTH: c_int = 111;
pub const SSL_R_BAD_EARLY_DATA: c_int = 233;
pub const SSL_R_BAD_ECC_CERT: c_int = 304;
pub const SSL_R_BAD_ECPOINT: c_int = 306;
pub const SSL_R_BAD_EXTENSION: c_int = 110;
pub const SSL_R_BAD_HANDSHAKE_LENGTH: c_int = 332;
pub const SSL_R_BAD_HANDSHAKE_STATE: c_int = 236;
pub const SSL_R_BAD_HELLO_REQUEST: c_int = 105;
pub const SSL_R_BAD_HRR_VERSION: c_int = 263;
pub const SSL_R_BAD_KEY_SHARE: c_int = 108;
pub const SSL_R_BAD_KEY_UPDATE: c_int = 122;
pub const SSL_R_BAD_LEGACY_VERSION: c_int = 292;
pub const SSL_R_BAD_LENGTH: c_int = 271;
pub const SSL_R_BAD_PACKET: c_int = 240;
pub const SSL_R_BAD_PACKET_LENGTH: c_int = 115;
pub const SSL_R_BAD_PROTOCOL_VERSION_NUMBER: c_int = 116;
pub const SSL_R_BAD_PSK: c_int = 219;
pub const SSL_R_BAD_PSK_IDENTITY: c_int = 114;
pub const SSL_R_BAD_RECORD_TYPE: c_int = 443;
pub const SSL_R_BAD_RSA_ENCRYPT: c_int = 119;
pub const SSL_R_BAD_SIGNATURE: c_int = 123;
pub const SSL_R_BAD_SRP_A_LENGTH: c_int = 347;
pub const SSL_R_BAD_SRP_PARAMETERS: c_int = 371;
pub const SSL_R_BAD_SRTP_MKI_VALUE: c_int = 352;
pub const SSL_R_BAD_SRTP_PROTECTION_PROFILE_LIST: c_int = 353;
pub const SSL_R_BAD_SSL_FILETYPE: c_int = 124;
pub const SSL_R_BAD_VALUE: c_int = 384;
pub const SSL_R_BAD_WRITE_RETRY: c_int = 127;
pub const SSL_R_BINDER_DOES_NOT_VERIFY: c_int = 253;
pub const SSL_R_BIO_NOT_SET: c_int = 128;
pub const SSL_R_BLOCK_CIPHER_PAD_IS_WRONG: c_int = 129;
pub const SSL_R_BN_LIB: c_int = 130;
pub const SSL_R_CALLBACK_FAILED: c_int = 234;
pub const SSL_R_CANNOT_CHANGE_CIPHER: c_int = 109;
pub const SSL_R_CANNOT_GET_GROUP_NAME: c_int = 299;
pub const SSL_R_CA_DN_LENGTH_MISMATCH: c_int = 131;
pub const SSL_R_CA_KEY_TOO_SMALL: c_int = 397;
pub const SSL_R_CA_MD_TOO_WEAK: c_int = 398;
pub const SSL_R_CCS_RECEIVED_EARLY: c_int = 133;
pub const SSL_R_CERTIFICATE_VERIFY_FAILED: c_int = 134;
pub const SSL_R_CERT_CB_ERROR: c_int = 377;
pub const SSL_R_CERT_LENGTH_MISMATCH: c_int = 135;
pub const SSL_R_CIPHERSUITE_DIGEST_HAS_CHANGED: c_int = 218;
pub const SSL_R_CIPHER_CODE_WRONG_LENGTH: c_int = 137;
pub const SSL_R_CLIENTHELLO_TLSEXT: c_int = 226;
pub const SSL_R_COMPRESSED_LENGTH_TOO_LONG: c_int = 140;
pub const SSL_R_COMPRESSION_DISABLED: c_int = 343;
pub const SSL_R_COMPRESSION_FAILURE: c_int = 141;
pub const SSL_R_COMPRESSION_ID_NOT_WITHIN_PRIVATE_RANGE: c_int = 307;
pub const SSL_R_COMPRESSION_LIBRARY_ERROR: c_int = 142;
pub const SSL_R_CONNECTION_TYPE_NOT_SET: c_int = 144;
pub const SSL_R_CONTEXT_NOT_DANE_ENABLED: c_int = 167;
pub const SSL_R_COOKIE_GEN_CALLBACK_FAILURE: c_int = 400;
pub const SSL_R_COOKIE_MISMATCH: c_int = 308;
pub const SSL_R_COPY_PARAMETERS_FAILED: c_int = 296;
pub const SSL_R_CUSTOM_EXT_HANDLER_ALREADY_INSTALLED: c_int = 206;
pub const SSL_R_DANE_ALREADY_ENABLED: c_int = 172;
pub const SSL_R_DANE_CANNOT_OVERRIDE_MTYPE_FULL: c_int = 173;
pub const SSL_R_DANE_NOT_ENABLED: c_int = 175;
pub const SSL_R_DANE_TLSA_BAD_CERTIFICATE: c_int = 180;
pub const SSL_R_DANE_TLSA_BAD_CERTIFICATE_USAGE: c_int = 184;
pub const SSL_R_DANE_TLSA_BAD_DATA_LENGTH: c_int = 189;
pub const SSL_R_DANE_TLSA_BAD_DIGEST_LENGTH: c_int = 192;
pub const SSL_R_DANE_TLSA_BAD_MATCHING_TYPE: c_int = 200;
pub const SSL_R_DANE_TLSA_BAD_PUBLIC_KEY: c_int = 201;
pub const SSL_R_DANE_TLSA_BAD_SELECTOR: c_int = 202;
pub const SSL_R_DANE_TLSA_NULL_DATA: c_int = 203;
pub const SSL_R_DATA_BETWEEN_CCS_AND_FINISHED: c_int = 145;
pub const SSL_R_DATA_LENGTH_TOO_LONG: c_int = 146;
pub const SSL_R_DECRYPTION_FAILED: c_int = 147;
pub const SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC: c_int = 281;
pub const SSL_R_DH_KEY_TOO_SMALL: c_int = 394;
pub const SSL_R_DH_PUBLIC_VALUE_LENGTH_IS_WRONG: c_int = 148;
pub const SSL_R_DIGEST_CHECK_FAILED: c_int = 149;
pub const SSL_R_DTLS_MESSAGE_TOO_BIG: c_int = 334;
pub const SSL_R_DUPLICATE_COMPRESSION_ID: c_int = 309;
pub const SSL_R_ECC_CERT_NOT_FOR_SIGNING: c_int = 318;
pub const SSL_R_ECDH_REQUIRED_FOR_SUITEB_MODE: c_int = 374;
pub const SSL_R_EE_KEY_TOO_SMALL: c_int = 399;
pub const SSL_R_EMPTY_SRTP_PROTECTION_PROFILE_LIST: c_int = 354;
pub const SSL_R_ENCRYPTED_LENGTH_TOO_LONG: c_int = 150;
pub const SSL_R_ERROR_IN_RECEIVED_CIPHER_LIST: c_int = 151;
pub const SSL_R_ERROR_SETTING_TLSA_BASE_DOMAIN: c_int = 204;
pub const SSL_R_EXCEEDS_MAX_FRAGMENT_SIZE: c_int = 194;
pub const SSL_R_EXCESSIVE_MESSAGE_SIZE: c_int = 152;
pub const SSL_R_EXTENSION_NOT_RECEIVED: c_int = 279;
pub const SSL_R_EXTRA_DATA_IN_MESSAGE: c_int = 153;
pub const SSL_R_EXT_LENGTH_MISMATCH: c_int = 163;
pub const SSL_R_FAILED_TO_INIT_ASYNC: c_int = 405;
pub const SSL_R_FRAGMENTED_CLIENT_HELLO: c_int = 401;
pub const SSL_R_GOT_A_FIN_BEFORE_A_CCS: c_int = 154;
pub const SSL_R_HTTPS_PROXY_REQUEST: c_int = 155;
pub const SSL_R_HTTP_REQUEST: c_int = 156;
pub const SSL_R_ILLEGAL_POINT_COMPRESSION: c_int = 162;
pub const SSL_R_ILLEGAL_SUITEB_DIGEST: c_int = 380;
pub const SSL_R_INAPPROPRIATE_FALLBACK: c_int = 373;
pub const SSL_R_INCONSISTENT_COMPRESSION: c_int = 340;
pub const SSL_R_INCONSISTENT_EARLY_DATA_ALPN: c_int = 222;
pub const SSL_R_INCONSISTENT_EARLY_DATA_SNI: c_int = 231;
pub const SSL_R_INCONSISTENT_EXTMS: c_int = 104;
pub const SSL_R_INSUFFICIENT_SECURITY: c_int = 241;
pub const SSL_R_INVALID_ALERT: c_int = 205;
pub const SSL_R_INVALID_CCS_MESSAGE: c_int = 260;
pub const SSL_R_INVALID_CERTIFICATE_OR_ALG: c_int = 238;
pub const SSL_R_INVALID_COMMAND: c_int = 280;
pub const SSL_R_INVALID_COMPRESSION_ALGORITHM: c_int = 341;
pub const SSL_R_INVALID_CONFIG: c_int = 283;
pub const SSL_R_INVALID_CONFIGURATION_NAME: c_int = 113;
pub const SSL_R_INVALID_CONTEXT: c_int = 282;
pub const SSL_R_INVALID_CT_VALIDATION_TYPE: c_int = 212;
pub const SSL_R_INVALID_KEY_UPDATE_TYPE: c_int = 120;
pub const SSL_R_INVALID_MAX_EARLY_DATA: c_int = 174;
pub const SSL_R_INVALID_NULL_CMD_NAME: c_int = 385;
pub const SSL_R_INVALID_SEQUENCE_NUMBER: c_int = 402;
pub const SSL_R_INVALID_SERVERINFO_DATA: c_int = 388;
pub const SSL_R_INVALID_SESSION_ID: c_int = 999;
pub const SSL_R_INVALID_SRP_USERNAME: c_int = 357;
pub const SSL_R_INVALID_STATUS_RESPONSE: c_int = 328;
pub const SSL_R_INVALID_TICKET_KEYS_LENGTH: c_int = 325;
pub const SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED: c_int = 333;
pub const SSL_R_LENGTH_MISMATCH: c_int = 159;
pub const SSL_R_LENGTH_TOO_LONG: c_int = 404;
pub const SSL_R_LENGTH_TOO_SHORT: c_int = 160;
pub const SSL_R_LIBRARY_BUG: c_int = 274;
pub const SSL_R_LIBRARY_HAS_NO_CIPHERS: c_int = 161;
pub const SSL_R_MISSING_DSA_SIGNING_CERT: c_int = 165;
pub const SSL_R_MISSING_ECDSA_SIGNING_CERT: c_int = 381;
pub const SSL_R_MISSING_FATAL: c_int = 256;
pub const SSL_R_MISSING_PARAMETERS: c_int = 290;
pub const SSL_R_MISSING_PSK_KEX_MODES_EXTENSION: c_int = 310;
pub const SSL_R_MISSING_RSA_CERTIFICATE: c_int = 168;
pub const SSL_R_MISSING_RSA_ENCRYPTING_CERT: c_int = 169;
pub const SSL_R_MISSING_RSA_SIGNING_CERT: c_int = 170;
pub const SSL_R_MISSING_SIGALGS_EXTENSION: c_int = 112;
pub const SSL_R_MISSING_SIGNING_CERT: c_int = 221;
pub const SSL_R_MISSING_SRP_PARAM: c_int = 358;
pub const SSL_R_MISSING_SUPPORTED_GROUPS_EXTENSION: c_int = 209;
pub const SSL_R_MISSING_TMP_DH_KEY: c_int = 171;
pub const SSL_R_MISSING_TMP_ECDH_KEY: c_int = 311;
pub const SSL_R_MIXED_HANDSHAKE_AND_NON_HANDSHAKE_DATA: c_int = 293;
pub const SSL_R_NOT_ON_RECORD_BOUNDARY: c_int = 182;
pub const SSL_R_NOT_REPLACING_CERTIFICATE: c_int = 289;
pub const SSL_R_NOT_SERVER: c_int = 284;
pub const SSL_R_NO_APPLICATION_PROTOCOL: c_int = 235;
pub const SSL_R_NO_CERTIFICATES_RETURNED: c_int = 176;
pub const SSL_R_NO_CERTIFICATE_ASSIGNED: c_int = 177;
pub const SSL_R_NO_CERTIFICATE_SET: c_int = 179;
pub const SSL_R_NO_CHANGE_FOLLOWING_HRR: c_int = 214;
pub const SSL_R_NO_CIPHERS_AVAILABLE: c_int = 181;
pub const SSL_R_NO_CIPHERS_SPECIFIED: c_int = 183;
pub const SSL_R_NO_CIPHER_MATCH: c_int = 185;
pub const SSL_R_NO_CLIENT_CERT_METHOD: c_int = 331;
pub const SSL_R_NO_COMPRESSION_SPECIFIED: c_int = 187;
pub const SSL_R_NO_COOKIE_CALLBACK_SET: c_int = 287;
pub const SSL_R_NO_GOST_CERTIFICATE_SENT_BY_PEER: c_int = 330;
pub const SSL_R_NO_METHOD_SPECIFIED: c_int = 188;
pub const SSL_R_NO_PEM_EXTENSIONS: c_int = 389;
pub const SSL_R_NO_PRIVATE_KEY_ASSIGNED: c_int = 190;
pub const SSL_R_NO_PROTOCOLS_AVAILABLE: c_int = 191;
pub const SSL_R_NO_RENEGOTIATION: c_int = 339;
pub const SSL_R_NO_REQUIRED_DIGEST: c_int = 324;
pub const SSL_R_NO_SHARED_CIPHER: c_int = 193;
pub const SSL_R_NO_SHARED_GROUPS: c_int = 410;
pub const SSL_R_NO_SHARED_SIGNATURE_ALGORITHMS: c_int = 376;
pub const SSL_R_NO_SRTP_PROFILES: c_int = 359;
pub const SSL_R_NO_SUITABLE_DIGEST_ALGORITHM: c_int = 297;
pub const SSL_R_NO_SUITABLE_GROUPS: c_int = 295;
pub const SSL_R_NO_SUITABLE_KEY_SHARE: c_int = 101;
pub const SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM: c_int = 118;
pub const SSL_R_NO_VALID_SCTS: c_int = 216;
pub const SSL_R_NO_VERIFY_COOKIE_CALLBACK: c_int = 403;
pub const SSL_R_NULL_SSL_CTX: c_int = 195;
pub const SSL_R_NULL_SSL_METHOD_PASSED: c_int = 196;
pub const SSL_R_OCSP_CALLBACK_FAILURE: c_int = 305;
pub const SSL_R_OLD_SESSION_CIPHER_NOT_RETURNED: c_int = 197;
pub const SSL_R_OLD_SESSION_COMPRESSION_ALGORITHM_NOT_RETURNED: c_int = 344;
pub const SSL_R_OVERFLOW_ERROR: c_int = 237;
pub const SSL_R_PACKET_LENGTH_TOO_LONG: c_int = 198;
pub const SSL_R_PARSE_TLSEXT: c_int = 227;
pub const SSL_R_PATH_TOO_LONG: c_int = 270;
pub const SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE: c_int = 199;
pub const SSL_R_PEM_NAME_BAD_PREFIX: c_int = 391;
pub const SSL_R_PEM_NAME_TOO_SHORT: c_int = 392;
pub const SSL_R_PIPELINE_FAILURE: c_int = 406;
pub const SSL_R_POST_HANDSHAKE_AUTH_ENCODING_ERR: c_int = 278;
pub const SSL_R_PRIVATE_KEY_MISMATCH: c_int = 288;
pub const SSL_R_PROTOCOL_IS_SHUTDOWN: c_int = 207;
pub const SSL_R_PSK_IDENTITY_NOT_FOUND: c_int = 223;
pub const SSL_R_PSK_NO_CLIENT_CB: c_int = 224;
pub const SSL_R_PSK_NO_SERVER_CB: c_int = 225;
pub const SSL_R_READ_BIO_NOT_SET: c_int = 211;
pub const SSL_R_READ_TIMEOUT_EXPIRED: c_int = 312;
pub const SSL_R_RECORD_LENGTH_MISMATCH: c_int = 213;
pub const SSL_R_RECORD_TOO_SMALL: c_int = 298;
pub const SSL_R_RENEGOTIATE_EXT_TOO_LONG: c_int = 335;
pub const SSL_R_RENEGOTIATION_ENCODING_ERR: c_int = 336;
pub const SSL_R_RENEGOTIATION_MISMATCH: c_int = 337;
pub const SSL_R_REQUEST_PENDING: c_int = 285;
pub const SSL_R_REQUEST_SENT: c_int = 286;
pub const SSL_R_REQUIRED_CIPHER_MISSING: c_int = 215;
pub const SSL_R_REQUIRED_COMPRESSION_ALGORITHM_MISSING: c_int = 342;
pub const SSL_R_SCSV_RECEIVED_WHEN_RENEGOTIATING: c_int = 345;
pub const SSL_R_SCT_VERIFICATION_FAILED: c_int = 208;
pub const SSL_R_SERVERHELLO_TLSEXT: c_int = 275;
pub const SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED: c_int = 277;
pub const SSL_R_SHUTDOWN_WHILE_IN_INIT: c_int = 407;
pub const SSL_R_SIGNATURE_ALGORITHMS_ERROR: c_int = 360;
pub const SSL_R_SIGNATURE_FOR_NON_SIGNING_CERTIFICATE: c_int = 220;
pub const SSL_R_SRP_A_CALC: c_int = 361;
pub const SSL_R_SRTP_COULD_NOT_ALLOCATE_PROFILES: c_int = 362;
pub const SSL_R_SRTP_PROTECTION_PROFILE_LIST_TOO_LONG: c_int = 363;
pub const SSL_R_SRTP_UNKNOWN_PROTECTION_PROFILE: c_int = 364;
pub const SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH: c_int = 232;
pub const SSL_R_SSL3_EXT_INVALID_SERVERNAME: c_int = 319;
pub const SSL_R_SSL3_EXT_INVALID_SERVERNAME_TYPE: c_int = 320;
pub const SSL_R_SSL3_SESSION_ID_TOO_LONG: c_int = 300;
pub const SSL_R_SSLV3_ALERT_BAD_CERTIFICATE: c_int = 1042;
pub const SSL_R_SSLV3_ALERT_BAD_RECORD_MAC: c_int = 1020;
pub const SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED: c_int = 1045;
pub const SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED: c_int = 1044;
pub const SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN: c_int = 1046;
pub const SSL_R_SSLV3_ALERT_DECOMPRESSION_FAILURE: c_int = 1030;
pub const SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE: c_int = 1040;
pub const SSL_R_SSLV3_ALERT_ILLEGAL_PARAMETER: c_int = 1047;
pub const SSL_R_SSLV3_ALERT_NO_CERTIFICATE: c_int = 1041;
pub const SSL_R_SSLV3_ALERT_UNEXPECTED_MESSAGE: c_int = 1010;
pub const SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: c_int = 1043;
pub const SSL_R_SSL_COMMAND_SECTION_EMPTY: c_int = 117;
pub const SSL_R_SSL_COMMAND_SECTION_NOT_FOUND: c_int = 125;
pub const SSL_R_SSL_CTX_HAS_NO_DEFAULT_SSL_VERSION: c_int = 228;
pub const SSL_R_SSL_HANDSHAKE_FAILURE: c_int = 229;
pub const SSL_R_SSL_LIBRARY_HAS_NO_CIPHERS: c_int = 230;
pub const SSL_R_SSL_NEGATIVE_LENGTH: c_int = 372;
pub const SSL_R_SSL_SECTION_EMPTY: c_int = 126;
pub const SSL_R_SSL_SECTION_NOT_FOUND: c_int = 136;
pub const SSL_R_SSL_SESSION_ID_CALLBACK_FAILED: c_int = 301;
pub const SSL_R_SSL_SESSION_ID_CONFLICT: c_int = 302;
pub const SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG: c_int = 273;
pub const SSL_R_SSL_SESSION_ID_HAS_BAD_LENGTH: c_int = 303;
pub const SSL_R_SSL_SESSION_ID_TOO_LONG: c_int = 408;
pub const SSL_R_SSL_SESSION_VERSION_MISMATCH: c_int = 210;
pub const SSL_R_STILL_IN_INIT: c_int = 121;
pub const SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED: c_int = 1116;
pub const SSL_R_TLSV13_ALERT_MISSING_EXTENSION: c_int = 1109;
pub const SSL_R_TLSV1_ALERT_ACCESS_DENIED: c_int = 1049;
pub const SSL_R_TLSV1_ALERT_DECODE_ERROR: c_int = 1050;
pub const SSL_R_TLSV1_ALERT_DECRYPTION_FAILED: c_int = 1021;
pub const SSL_R_TLSV1_ALERT_DECRYPT_ERROR: c_int = 1051;
pub const SSL_R_TLSV1_ALERT_EXPORT_RESTRICTION: c_int = 1060;
pub const SSL_R_TLSV1_ALERT_INAPPROPRIATE_FALLBACK: c_int = 1086;
pub const SSL_R_TLSV1_ALERT_INSUFFICIENT_SECURITY: c_int = 1071;
pub const SSL_R_TLSV1_ALERT_INTERNAL_ERROR: c_int = 1080;
pub const SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: c_int = 1120;
pub const SSL_R_TLSV1_ALERT_NO_RENEGOTIATION: c_int = 1100;
pub const SSL_R_TLSV1_ALERT_PROTOCOL_VERSION: c_int = 1070;
pub const SSL_R_TLSV1_ALERT_RECORD_OVERFLOW: c_int = 1022;
pub const SSL_R_TLSV1_ALERT_UNKNOWN_CA: c_int = 1048;
pub const SSL_R_TLSV1_ALERT_UNKNOWN_PSK_IDENTITY: c_int = 1115;
pub const SSL_R_TLSV1_ALERT_USER_CANCELLED: c_int = 1090;
pub const SSL_R_TLSV1_BAD_CERTIFICATE_HASH_VALUE: c_int = 1114;
pub const SSL_R_TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE: c_int = 1113;
pub const SSL_R_TLSV1_CERTIFICATE_UNOBTAINABLE: c_int = 1111;
pub const SSL_R_TLSV1_UNRECOGNIZED_NAME: c_int = 1112;
pub const SSL_R_TLSV1_UNSUPPORTED_EXTENSION: c_int = 1110;
pub const SSL_R_TLS_ILLEGAL_EXPORTER_LABEL: c_int = 367;
pub const SSL_R_TLS_INVALID_ECPOINTFORMAT_LIST: c_int = 157;
pub const SSL_R_TOO_MANY_KEY_UPDATES: c_int = 132;
pub const SSL_R_TOO_MANY_WARN_ALERTS: c_int = 409;
pub const SSL_R_TOO_MUCH_EARLY_DATA: c_int = 164;
pub const SSL_R_UNABLE_TO_FIND_ECDH_PARAMETERS: c_int = 314;
pub const SSL_R_UNABLE_TO_FIND_PUBLIC_KEY_PARAMETERS: c_int = 239;
pub const SSL_R_UNABLE_TO_LOAD_SSL3_MD5_ROUTINES: c_int = 242;
pub const SSL_R_UNABLE_TO_LOAD_SSL3_SHA1_ROUTINES: c_int = 243;
pub const SSL_R_UNEXPECTED_CCS_MESSAGE: c_int = 262;
pub const SSL_R_UNEXPECTED_END_OF_EARLY_DATA: c_int = 178;
pub const SSL_R_UNEXPECTED_EOF_WHILE_READING: c_int = 294;
pub const SSL_R_UNEXPECTED_MESSAGE: c_int = 244;
pub const SSL_R_UNEXPECTED_RECORD: c_int = 245;
pub const SSL_R_UNINITIALIZED: c_int = 276;
pub const SSL_R_UNKNOWN_ALERT_TYPE: c_int = 246;
pub const SSL_R_UNKNOWN_CERTIFICATE_TYPE: c_int = 247;
pub const SSL_R_UNKNOWN_CIPHER_RETURNED: c_int = 248;
pub const SSL_R_UNKNOWN_CIPHER_TYPE: c_int = 249;
pub const SSL_R_UNKNOWN_CMD_NAME: c_int = 386;
pub const SSL_R_UNKNOWN_COMMAND: c_int = 139;
pub const SSL_R_UNKNOWN_DIGEST: c_int = 368;
pub const SSL_R_UNKNOWN_KEY_EXCHANGE_TYPE: c_int = 250;
pub const SSL_R_UNKNOWN_PKEY_TYPE: c_int = 251;
pub const SSL_R_UNKNOWN_PROTOCOL: c_int = 252;
pub const SSL_R_UNKNOWN_SSL_VERSION: c_int = 254;
pub const SSL_R_UNKNOWN_STATE: c_int = 255;
pub const SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED: c_int = 338;
pub const SSL_R_UNSOLICITED_EXTENSION: c_int = 217;
pub const SSL_R_UNSUPPORTED_COMPRESSION_ALGORITHM: c_int = 257;
pub const SSL_R_UNSUPPORTED_ELLIPTIC_CURVE: c_int = 315;
pub const SSL_R_UNSUPPORTED_PROTOCOL: c_int = 258;
pub const SSL_R_UNSUPPORTED_SSL_VERSION: c_int = 259;
pub const SSL_R_UNSUPPORTED_STATUS_TYPE: c_int = 329;
pub const SSL_R_USE_SRTP_NOT_NEGOTIATED: c_int = 369;
pub const SSL_R_VERSION_TOO_HIGH: c_int = 166;
pub const SSL_R_VERSION_TOO_LOW: c_int = 396;
pub const SSL_R_WRONG_CERTIFICATE_TYPE: c_int = 383;
pub const SSL_R_WRONG_CIPHER_RETURNED: c_int = 261;
pub const SSL_R_WRONG_CURVE: c_int = 378;
pub const SSL_R_WRONG_SIGNATURE_LENGTH: c_int = 264;
pub const SSL_R_WRONG_SIGNATURE_SIZE: c_int = 265;
pub const SSL_R_WRONG_SIGNATURE_TYPE: c_int = 370;
pub const SSL_R_WRONG_SSL_VERSION: c_int = 266;
pub const SSL_R_WRONG_VERSION_NUMBER: c_int = 267;
pub const SSL_R_X509_LIB: c_int = 268;
pub const SSL_R_X509_VERIFICATION_SETUP_PROBLEMS: c_int = 269;
// END GENERATED SSL_R

// --- pointer helpers local to this file ------------------------------------------------------

/// Writes one queue entry's metadata through the optional out-parameters.
///
/// # Safety
/// Each pointer must be NULL or valid for a write. The strings written point into an entry that
/// the queue keeps alive (in the queue or its retired ring).
unsafe fn write_entry(
    e: &q::Entry,
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    // SAFETY: forwarded contract.
    unsafe {
        write_out(file, e.file.as_ptr());
        write_out(line, e.line);
        write_out(func, e.func.as_ptr());
        if !data.is_null() {
            write_out(data, e.data.as_ptr());
            write_out(flags, e.flags);
        }
    }
    e.code as c_ulong
}

/// The common body of `ERR_get_error*` / `ERR_peek_error*` / `ERR_peek_last_error*`.
fn get_all(
    which: Which,
    pop: bool,
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    guard(0, || {
        // SAFETY: the C caller passes NULL or valid out-parameters (OpenSSL's contract).
        q::fetch(which, pop, |e| unsafe {
            write_entry(e, file, line, func, data, flags)
        })
        .unwrap_or(0)
    })
}

/// A `'static` C string for a returned `const char *`.
fn static_ptr(s: Option<&'static core::ffi::CStr>) -> *const c_char {
    s.map_or(core::ptr::null(), |s| s.as_ptr())
}

/// Copies `bytes` plus a NUL into `buf` (which has room for `bytes.len() + 1`).
///
/// # Safety
/// `buf` must be valid for `bytes.len() + 1` writes.
unsafe fn put_cstr(buf: *mut c_char, bytes: &[u8]) {
    // SAFETY: per the caller, `bytes.len() + 1` bytes are writable at `buf`.
    unsafe {
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), buf as *mut u8, bytes.len());
        *buf.add(bytes.len()) = 0;
    }
}

/// `ERR_error_string_n` into a caller buffer of `len` bytes.
fn error_string_n_into(e: c_ulong, buf: *mut c_char, len: usize) {
    if buf.is_null() {
        return;
    }
    if let Some(bytes) = q::error_string_n(e as u64, len) {
        // SAFETY: `bytes.len() <= len - 1`, and the caller gave `len` writable bytes.
        unsafe { put_cstr(buf, &bytes) };
    }
}

/// The static 256-byte buffer `ERR_error_string(e, NULL)` returns (not thread-safe, as in
/// OpenSSL).
struct StaticBuf(UnsafeCell<[u8; 256]>);
// SAFETY: OpenSSL documents `ERR_error_string(e, NULL)` as not thread-safe; we only ever hand
// out the raw pointer and write through it, never create Rust references to the contents.
unsafe impl Sync for StaticBuf {}
static ERR_STRING_BUF: StaticBuf = StaticBuf(UnsafeCell::new([0; 256]));

/// The calling thread's id as `ERR_print_errors` shows it: the bytes of `pthread_self()` in
/// memory order, upper-case hex (`40A71176177F0000`).
pub fn thread_id_hex() -> String {
    // SAFETY: pthread_self has no preconditions.
    let id = unsafe { libc::pthread_self() } as u64;
    id.to_ne_bytes()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// Pops every entry, handing each formatted line to `out` until it returns false.
fn print_each(mut out: impl FnMut(&str) -> bool) {
    let tid = thread_id_hex();
    while let Some(e) = q::pop_first() {
        if !out(&q::print_line(&tid, &e)) {
            break;
        }
    }
}

/// Iterates an `ERR_STRING_DATA` table up to its 0 terminator.
///
/// # Safety
/// `str` must be NULL or point to a table ending in an entry with `error == 0`, whose strings
/// are NULL or NUL-terminated.
unsafe fn for_each_string(
    str: *const ERR_STRING_DATA,
    mut f: impl FnMut(u64, Option<&core::ffi::CStr>),
) {
    if str.is_null() {
        return;
    }
    let mut p = str;
    loop {
        // SAFETY: `p` is within the table per the caller (we stop at the terminator).
        let (error, string) = unsafe { ((*p).error, (*p).string) };
        if error == 0 {
            break;
        }
        // SAFETY: NULL or NUL-terminated per the caller.
        f(error as u64, unsafe { c_str(string) });
        // SAFETY: not past the terminator yet.
        p = unsafe { p.add(1) };
    }
}

// --- the queue -------------------------------------------------------------------------------

/// `ERR_get_error(3)`: removes and returns the oldest error code of the calling thread's queue,
/// 0 when the queue is empty.
#[no_mangle]
pub extern "C" fn ERR_get_error() -> c_ulong {
    crate::forward!(ERR_get_error());
    get_all(
        Which::First,
        true,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_get_error_all(3)`: like `ERR_get_error`, also returning file, line, function, data and
/// data flags through the optional (NULL-able) out-parameters. Unset strings come back as `""`,
/// an unset line as -1. The strings stay valid until 16 more entries have been removed.
#[no_mangle]
pub extern "C" fn ERR_get_error_all(
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    crate::forward!(ERR_get_error_all(file, line, func, data, flags));
    get_all(Which::First, true, file, line, func, data, flags)
}

/// `ERR_get_error_line(3)` (deprecated in 3.0): `ERR_get_error` plus file and line.
#[no_mangle]
pub extern "C" fn ERR_get_error_line(file: *mut *const c_char, line: *mut c_int) -> c_ulong {
    crate::forward!(ERR_get_error_line(file, line));
    get_all(
        Which::First,
        true,
        file,
        line,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_get_error_line_data(3)` (deprecated in 3.0): `ERR_get_error` plus file, line, data, flags.
#[no_mangle]
pub extern "C" fn ERR_get_error_line_data(
    file: *mut *const c_char,
    line: *mut c_int,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    crate::forward!(ERR_get_error_line_data(file, line, data, flags));
    get_all(
        Which::First,
        true,
        file,
        line,
        core::ptr::null_mut(),
        data,
        flags,
    )
}

/// `ERR_peek_error(3)`: the oldest error code without removing it; 0 when empty.
#[no_mangle]
pub extern "C" fn ERR_peek_error() -> c_ulong {
    crate::forward!(ERR_peek_error());
    get_all(
        Which::First,
        false,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_peek_error_line(3)`: `ERR_peek_error` plus file and line.
#[no_mangle]
pub extern "C" fn ERR_peek_error_line(file: *mut *const c_char, line: *mut c_int) -> c_ulong {
    crate::forward!(ERR_peek_error_line(file, line));
    get_all(
        Which::First,
        false,
        file,
        line,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_peek_error_func(3)`: `ERR_peek_error` plus the function name.
#[no_mangle]
pub extern "C" fn ERR_peek_error_func(func: *mut *const c_char) -> c_ulong {
    crate::forward!(ERR_peek_error_func(func));
    get_all(
        Which::First,
        false,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        func,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_peek_error_data(3)`: `ERR_peek_error` plus data and flags.
#[no_mangle]
pub extern "C" fn ERR_peek_error_data(data: *mut *const c_char, flags: *mut c_int) -> c_ulong {
    crate::forward!(ERR_peek_error_data(data, flags));
    get_all(
        Which::First,
        false,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        data,
        flags,
    )
}

/// `ERR_peek_error_all(3)`: `ERR_peek_error` plus all metadata (see `ERR_get_error_all`).
#[no_mangle]
pub extern "C" fn ERR_peek_error_all(
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    crate::forward!(ERR_peek_error_all(file, line, func, data, flags));
    get_all(Which::First, false, file, line, func, data, flags)
}

/// `ERR_peek_error_line_data(3)` (deprecated in 3.0).
#[no_mangle]
pub extern "C" fn ERR_peek_error_line_data(
    file: *mut *const c_char,
    line: *mut c_int,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    crate::forward!(ERR_peek_error_line_data(file, line, data, flags));
    get_all(
        Which::First,
        false,
        file,
        line,
        core::ptr::null_mut(),
        data,
        flags,
    )
}

/// `ERR_peek_last_error(3)`: the newest error code without removing it; 0 when empty.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error() -> c_ulong {
    crate::forward!(ERR_peek_last_error());
    get_all(
        Which::Last,
        false,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_peek_last_error_line(3)`.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_line(file: *mut *const c_char, line: *mut c_int) -> c_ulong {
    crate::forward!(ERR_peek_last_error_line(file, line));
    get_all(
        Which::Last,
        false,
        file,
        line,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_peek_last_error_func(3)`.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_func(func: *mut *const c_char) -> c_ulong {
    crate::forward!(ERR_peek_last_error_func(func));
    get_all(
        Which::Last,
        false,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        func,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
    )
}

/// `ERR_peek_last_error_data(3)`.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_data(data: *mut *const c_char, flags: *mut c_int) -> c_ulong {
    crate::forward!(ERR_peek_last_error_data(data, flags));
    get_all(
        Which::Last,
        false,
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        core::ptr::null_mut(),
        data,
        flags,
    )
}

/// `ERR_peek_last_error_all(3)`.
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_all(
    file: *mut *const c_char,
    line: *mut c_int,
    func: *mut *const c_char,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    crate::forward!(ERR_peek_last_error_all(file, line, func, data, flags));
    get_all(Which::Last, false, file, line, func, data, flags)
}

/// `ERR_peek_last_error_line_data(3)` (deprecated in 3.0).
#[no_mangle]
pub extern "C" fn ERR_peek_last_error_line_data(
    file: *mut *const c_char,
    line: *mut c_int,
    data: *mut *const c_char,
    flags: *mut c_int,
) -> c_ulong {
    crate::forward!(ERR_peek_last_error_line_data(file, line, data, flags));
    get_all(
        Which::Last,
        false,
        file,
        line,
        core::ptr::null_mut(),
        data,
        flags,
    )
}

/// `ERR_clear_error(3)`: empties the calling thread's queue.
#[no_mangle]
pub extern "C" fn ERR_clear_error() {
    crate::forward!(ERR_clear_error());
    guard((), q::clear)
}

// --- raising (the public primitives behind ERR_raise) ----------------------------------------

/// `ERR_new(3)`: opens a new entry at the top of the queue, to be filled by `ERR_set_debug` and
/// `ERR_set_error`. An entry whose code is never set is invisible to `ERR_get_error`.
#[no_mangle]
pub extern "C" fn ERR_new() {
    crate::forward_new!(ERR_new());
    guard((), q::new_entry)
}

/// `ERR_set_debug(3)`: sets file, line and function of the newest entry (strings are copied;
/// NULL gives `""`). No-op on an empty queue.
#[no_mangle]
pub extern "C" fn ERR_set_debug(file: *const c_char, line: c_int, func: *const c_char) {
    crate::forward!(ERR_set_debug(file, line, func));
    // SAFETY: NULL or NUL-terminated strings per OpenSSL's contract.
    guard((), || {
        q::set_debug(unsafe { c_str(file) }, line, unsafe { c_str(func) })
    })
}

/// The non-variadic half of `ERR_set_error` / `ERR_vset_error` (called by `ffi-shim/err_shim.c`
/// after formatting): sets the newest entry's code to `ERR_PACK(lib, 0, reason)` (an
/// `ERR_LIB_SYS` reason becomes `ERR_SYSTEM_FLAG | reason`) and its data to `data` (NULL: no
/// data, flags 0; else flags `ERR_TXT_STRING | ERR_TXT_MALLOCED`). sslrs-internal, not an
/// OpenSSL symbol.
#[no_mangle]
pub extern "C" fn sslrs_err_set_error(lib: c_int, reason: c_int, data: *const c_char) {
    // SAFETY: NULL or the NUL-terminated buffer the shim formatted.
    guard((), || q::set_error(lib, reason, unsafe { c_str(data) }))
}

/// The non-variadic half of `ERR_add_error_data` / `ERR_add_error_vdata` (called by
/// `ffi-shim/err_shim.c` with the arguments already concatenated): appends `txt` to the newest
/// entry's data. sslrs-internal, not an OpenSSL symbol.
#[no_mangle]
pub extern "C" fn sslrs_err_add_error_data(txt: *const c_char) {
    // SAFETY: NULL or the NUL-terminated buffer the shim built.
    guard((), || {
        if let Some(t) = unsafe { c_str(txt) } {
            q::add_data(b"", t.to_bytes());
        }
    })
}

/// `ERR_add_error_txt(3)`: appends `sepr` (when there is earlier text; NULL = none) and `txt` to
/// the newest entry's data (on an empty queue, a new `ERR_LIB_NONE` entry's). NULL `txt` is a
/// no-op. Deviation: long or multi-line texts are not split over several entries.
#[no_mangle]
pub extern "C" fn ERR_add_error_txt(sepr: *const c_char, txt: *const c_char) {
    crate::forward!(ERR_add_error_txt(sepr, txt));
    // SAFETY: NULL or NUL-terminated strings.
    guard((), || {
        if let Some(t) = unsafe { c_str(txt) } {
            let sep = unsafe { c_str(sepr) }.map_or(&b""[..], |s| s.to_bytes());
            if ERR_peek_last_error() == 0 {
                // OpenSSL: on an empty queue the text goes to a new ERR_LIB_NONE entry
                let none = crate::error::Error::new(crate::error::lib::NONE, 0, "");
                crate::crypto::err::push(none);
            }
            q::add_data(sep, t.to_bytes());
        }
    })
}

/// `ERR_set_error_data(3)`: replaces the newest entry's data. The text is copied; when `flags`
/// has `ERR_TXT_MALLOCED` the caller's buffer (from `OPENSSL_malloc`) is freed, as OpenSSL takes
/// ownership of it.
#[no_mangle]
pub extern "C" fn ERR_set_error_data(data: *mut c_char, flags: c_int) {
    crate::forward!(ERR_set_error_data(data, flags));
    guard((), || {
        // SAFETY: NULL or a NUL-terminated string.
        q::set_data(unsafe { c_str(data) }, flags);
        if flags & ERR_TXT_MALLOCED != 0 && !data.is_null() {
            // SAFETY: ownership passes to us; OPENSSL_malloc memory comes from libc malloc.
            unsafe { libc::free(data as *mut c_void) };
        }
    })
}

// --- marks -----------------------------------------------------------------------------------

/// `ERR_set_mark(3)`: marks the newest entry. 1 on success, 0 on an empty queue.
#[no_mangle]
pub extern "C" fn ERR_set_mark() -> c_int {
    crate::forward!(ERR_set_mark());
    guard(0, || q::set_mark() as c_int)
}

/// `ERR_pop_to_mark(3)`: removes the entries above the newest mark and consumes it. 1 when a
/// mark was found; otherwise the queue ends up empty and 0 is returned.
#[no_mangle]
pub extern "C" fn ERR_pop_to_mark() -> c_int {
    crate::forward!(ERR_pop_to_mark());
    guard(0, || q::pop_to_mark() as c_int)
}

/// `ERR_clear_last_mark(3)`: consumes the newest mark, keeping the entries. 1, or 0 without a
/// mark.
#[no_mangle]
pub extern "C" fn ERR_clear_last_mark() -> c_int {
    crate::forward!(ERR_clear_last_mark());
    guard(0, || q::clear_last_mark() as c_int)
}

// --- strings ---------------------------------------------------------------------------------

/// `ERR_error_string_n(3)`: writes `error:%08lX:<lib>::<reason>` into `buf` (`len` bytes, always
/// NUL-terminated when `len > 0`). When that would fill the buffer (strlen >= len-1), writes
/// OpenSSL's short form `err:<code>:<lib>:0:<reason>` (lower-case hex), cut to fit. NULL `buf`
/// is a no-op.
#[no_mangle]
pub extern "C" fn ERR_error_string_n(e: c_ulong, buf: *mut c_char, len: size_t) {
    crate::forward!(ERR_error_string_n(e, buf, len));
    guard((), || error_string_n_into(e, buf, len))
}

/// `ERR_error_string(3)`: `ERR_error_string_n(e, buf, 256)`; with NULL `buf`, a static buffer
/// (not thread-safe). Returns the buffer.
#[no_mangle]
pub extern "C" fn ERR_error_string(e: c_ulong, buf: *mut c_char) -> *mut c_char {
    crate::forward!(ERR_error_string(e, buf));
    guard(core::ptr::null_mut(), || {
        let out = if buf.is_null() {
            ERR_STRING_BUF.0.get() as *mut c_char
        } else {
            buf
        };
        error_string_n_into(e, out, 256);
        out
    })
}

/// `ERR_lib_error_string(3)`: the library name (`"SSL routines"`), or NULL when unknown or
/// before the strings are loaded. Static storage.
#[no_mangle]
pub extern "C" fn ERR_lib_error_string(e: c_ulong) -> *const c_char {
    crate::forward!(ERR_lib_error_string(e));
    guard(core::ptr::null(), || static_ptr(q::lib_string(e as u64)))
}

/// `ERR_func_error_string(3)`: always NULL in OpenSSL 3.0.
#[no_mangle]
pub extern "C" fn ERR_func_error_string(e: c_ulong) -> *const c_char {
    crate::forward!(ERR_func_error_string(e));
    let _ = e;
    core::ptr::null()
}

/// `ERR_reason_error_string(3)`: the reason text, NULL when unknown, for system errors, and
/// for SSL reasons before the SSL strings are loaded (`SSL_CTX_new`, `SSL_load_error_strings`,
/// `OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS)`). Static storage.
#[no_mangle]
pub extern "C" fn ERR_reason_error_string(e: c_ulong) -> *const c_char {
    crate::forward!(ERR_reason_error_string(e));
    guard(core::ptr::null(), || static_ptr(q::reason_string(e as u64)))
}

// --- printing --------------------------------------------------------------------------------

/// `ERR_print_errors_cb(3)`: removes each entry, oldest first, and calls `cb(line, strlen(line),
/// u)` with `<tid>:error:<CODE>:<lib>:<func>:<reason>:<file>:<line>:<data>\n`; stops early when
/// `cb` returns <= 0. NULL `cb` is a no-op.
#[no_mangle]
pub extern "C" fn ERR_print_errors_cb(cb: ERR_print_errors_cb_fn, u: *mut c_void) {
    crate::forward!(ERR_print_errors_cb(cb, u));
    guard((), || {
        let Some(cb) = cb else { return };
        print_each(|line| {
            let c = q::cstring(line);
            // SAFETY: calling the application's callback with a valid NUL-terminated string; no
            // queue borrow is held across the call.
            unsafe { cb(c.as_ptr(), c.as_bytes().len(), u) > 0 }
        })
    })
}

/// `ERR_print_errors_fp(3)`: writes and removes every entry, one line each (see
/// `ERR_print_errors_cb`), with `fwrite`. NULL `fp` is a no-op (the queue is kept).
#[no_mangle]
pub extern "C" fn ERR_print_errors_fp(fp: *mut libc::FILE) {
    crate::forward!(ERR_print_errors_fp(fp));
    guard((), || {
        if fp.is_null() {
            return;
        }
        print_each(|line| {
            // SAFETY: `fp` is the caller's open FILE; we write `line.len()` bytes from `line`.
            unsafe { libc::fwrite(line.as_ptr() as *const c_void, 1, line.len(), fp) == line.len() }
        })
    })
}

/// `ERR_print_errors(3)`: like `ERR_print_errors_fp`, writing each line with `BIO_write` to
/// `bp`; stops when a write fails. NULL `bp` is a no-op.
#[no_mangle]
pub extern "C" fn ERR_print_errors(bp: *mut BIO) {
    crate::forward!(ERR_print_errors(bp));
    guard((), || {
        // SAFETY: NULL or a live BIO handed out by this library.
        let Some(bio) = (unsafe { borrow::<BIO>(bp) }) else {
            return;
        };
        print_each(|line| bio.write(line.as_bytes()) > 0)
    })
}

// --- string registration, init ---------------------------------------------------------------

/// `ERR_load_strings_const(3)`: registers each `{ERR_PACK(lib,0,reason), text}` of a table ending
/// in `{0, NULL}` (`ERR_PACK(lib,0,0)` names the library). Texts are copied. Returns 1; NULL gives
/// 0 (OpenSSL crashes).
#[no_mangle]
pub extern "C" fn ERR_load_strings_const(str: *const ERR_STRING_DATA) -> c_int {
    crate::forward!(ERR_load_strings_const(str));
    guard(0, || {
        if str.is_null() {
            return 0;
        }
        // SAFETY: a {0, NULL}-terminated table per the API contract.
        unsafe {
            for_each_string(str, |k, s| {
                if let Some(s) = s {
                    q::register_string(k, s)
                }
            })
        };
        1
    })
}

/// `ERR_load_strings(3)`: `ERR_load_strings_const` with every key moved into library `lib`.
/// Returns 1; NULL gives 0. The table is not modified.
#[no_mangle]
pub extern "C" fn ERR_load_strings(lib: c_int, str: *mut ERR_STRING_DATA) -> c_int {
    crate::forward!(ERR_load_strings(lib, str));
    guard(0, || {
        if str.is_null() {
            return 0;
        }
        // SAFETY: as for ERR_load_strings_const.
        unsafe {
            for_each_string(str, |k, s| {
                if let Some(s) = s {
                    q::register_string(q::pack(lib, q::get_reason(k)), s)
                }
            })
        };
        1
    })
}

/// `ERR_unload_strings(3)`: forgets the registrations of a table. Returns 1 (NULL: 0).
#[no_mangle]
pub extern "C" fn ERR_unload_strings(lib: c_int, str: *mut ERR_STRING_DATA) -> c_int {
    crate::forward!(ERR_unload_strings(lib, str));
    guard(0, || {
        if str.is_null() {
            return 0;
        }
        // SAFETY: as for ERR_load_strings_const.
        unsafe {
            for_each_string(str, |k, _| {
                q::unregister_string(q::pack(lib, q::get_reason(k)))
            })
        };
        1
    })
}

/// `ERR_get_next_error_library(3)`: a fresh library number for `ERR_load_strings`: 128, 129, ...
#[no_mangle]
pub extern "C" fn ERR_get_next_error_library() -> c_int {
    crate::forward!(ERR_get_next_error_library());
    guard(0, q::next_library)
}

/// `ERR_load_ERR_strings` (deprecated in 3.0): loads libcrypto's strings. Returns 1.
#[no_mangle]
pub extern "C" fn ERR_load_ERR_strings() -> c_int {
    crate::forward!(ERR_load_ERR_strings());
    guard(0, || {
        q::load_crypto_strings();
        1
    })
}

/// `ERR_load_CRYPTO_strings` (deprecated in 3.0): loads libcrypto's strings. Returns 1.
#[no_mangle]
pub extern "C" fn ERR_load_CRYPTO_strings() -> c_int {
    crate::forward!(ERR_load_CRYPTO_strings());
    ERR_load_ERR_strings()
}

/// `ERR_load_SSL_strings` (sslerr_legacy.h, deprecated in 3.0): registers the SSL reason
/// strings (and libcrypto's). Returns 1.
#[no_mangle]
pub extern "C" fn ERR_load_SSL_strings() -> c_int {
    guard(0, || {
        q::load_ssl_strings();
        1
    })
}

/// `ERR_remove_thread_state(3)` (deprecated since 1.1.0): no-op, as in OpenSSL 3.0.
#[no_mangle]
pub extern "C" fn ERR_remove_thread_state(arg: *mut c_void) {
    crate::forward!(ERR_remove_thread_state(arg));
    let _ = arg;
}

/// `ERR_remove_state(3)` (deprecated since 1.0.0): no-op, as in OpenSSL 3.0.
#[no_mangle]
pub extern "C" fn ERR_remove_state(pid: c_ulong) {
    crate::forward!(ERR_remove_state(pid));
    let _ = pid;
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::CStr;
    use std::ptr::{null, null_mut};

    fn raise(
        lib: c_int,
        reason: c_int,
        file: &CStr,
        line: c_int,
        func: &CStr,
        data: Option<&CStr>,
    ) {
        ERR_new();
        ERR_set_debug(file.as_ptr(), line, func.as_ptr());
        sslrs_err_set_error(lib, reason, data.map_or(null(), |d| d.as_ptr()));
    }

    unsafe fn s<'a>(p: *const c_char) -> &'a str {
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    #[test]
    fn get_peek_all() {
        ERR_clear_error();
        assert_eq!(ERR_get_error(), 0);
        raise(20, 134, c"x.c", 42, c"myfn", Some(c"hello 5"));
        ERR_new();
        sslrs_err_set_error(2, 104, null());
        assert_eq!(ERR_peek_error(), 0x0A00_0086);
        assert_eq!(ERR_peek_last_error(), 0x8000_0068);
        let (mut file, mut line, mut func, mut data, mut flags) = (null(), 0, null(), null(), 0);
        assert_eq!(
            ERR_peek_last_error_all(&mut file, &mut line, &mut func, &mut data, &mut flags),
            0x8000_0068
        );
        unsafe {
            assert_eq!(
                (s(file), line, s(func), s(data), flags),
                ("", -1, "", "", 0)
            );
        }
        assert_eq!(
            ERR_get_error_all(&mut file, &mut line, &mut func, &mut data, &mut flags),
            0x0A00_0086
        );
        // The popped entry's strings stay valid.
        unsafe {
            assert_eq!(
                (s(file), line, s(func), s(data), flags),
                ("x.c", 42, "myfn", "hello 5", 3)
            );
        }
        assert_eq!(ERR_get_error_line(&mut file, &mut line), 0x8000_0068);
        assert_eq!(
            ERR_get_error_all(null_mut(), null_mut(), null_mut(), null_mut(), null_mut()),
            0
        );
        // NULL out-parameters everywhere never crash.
        raise(20, 1, c"", 0, c"", None);
        assert_eq!(ERR_peek_error_line(null_mut(), null_mut()), 0x0A00_0001);
        assert_eq!(ERR_peek_error_func(null_mut()), 0x0A00_0001);
        assert_eq!(ERR_peek_error_data(null_mut(), null_mut()), 0x0A00_0001);
        assert_eq!(ERR_peek_error_data(&mut data, null_mut()), 0x0A00_0001);
        assert_eq!(
            ERR_peek_last_error_line(null_mut(), null_mut()),
            0x0A00_0001
        );
        assert_eq!(ERR_peek_last_error_func(null_mut()), 0x0A00_0001);
        assert_eq!(
            ERR_peek_last_error_data(null_mut(), null_mut()),
            0x0A00_0001
        );
        assert_eq!(
            ERR_peek_last_error_line_data(null_mut(), null_mut(), null_mut(), null_mut()),
            0x0A00_0001
        );
        assert_eq!(
            ERR_peek_error_line_data(null_mut(), null_mut(), null_mut(), null_mut()),
            0x0A00_0001
        );
        assert_eq!(
            ERR_get_error_line_data(null_mut(), null_mut(), null_mut(), null_mut()),
            0x0A00_0001
        );
        assert_eq!(ERR_get_error(), 0);
        // Primitives with NULL strings and on an empty queue.
        ERR_set_debug(null(), 0, null());
        sslrs_err_set_error(20, 1, null());
        sslrs_err_add_error_data(null());
        ERR_add_error_txt(null(), null());
        ERR_set_error_data(null_mut(), 0);
        assert_eq!(ERR_peek_error(), 0);
        ERR_new();
        ERR_set_debug(null(), 0, null());
        sslrs_err_set_error(20, 7, c"abc".as_ptr());
        ERR_add_error_txt(c":".as_ptr(), c"x".as_ptr());
        sslrs_err_add_error_data(c"y".as_ptr());
        ERR_peek_error_data(&mut data, &mut flags);
        unsafe { assert_eq!((s(data), flags), ("abc:xy", 3)) };
        let heap = unsafe { libc::strdup(c"heap".as_ptr()) };
        ERR_set_error_data(heap, ERR_TXT_STRING | ERR_TXT_MALLOCED);
        ERR_peek_error_data(&mut data, &mut flags);
        unsafe { assert_eq!((s(data), flags), ("heap", 3)) };
        ERR_clear_error();
        assert_eq!(ERR_peek_error(), 0);
    }

    #[test]
    fn error_strings() {
        ERR_load_SSL_strings();
        let mut buf = [0x23 as c_char; 300];
        let r = ERR_error_string(0x0A00_0086, buf.as_mut_ptr());
        assert_eq!(r, buf.as_mut_ptr());
        unsafe {
            assert_eq!(
                s(r),
                "error:0A000086:SSL routines::certificate verify failed"
            )
        };
        let r = ERR_error_string(0x8000_0068, null_mut());
        unsafe {
            assert_eq!(
                s(r),
                "error:80000068:system library::Connection reset by peer"
            )
        };
        for (len, want) in [
            (1, ""),
            (5, "err:"),
            (20, "err:a000086:14:0:86"),
            (55, "err:a000086:14:0:86"),
        ] {
            buf.fill(0x23);
            ERR_error_string_n(0x0A00_0086, buf.as_mut_ptr(), len);
            unsafe { assert_eq!(s(buf.as_ptr()), want, "len {len}") };
            assert_eq!(buf[len], 0x23, "nothing written past len");
        }
        buf.fill(0x23);
        ERR_error_string_n(0x0A00_0086, buf.as_mut_ptr(), 0);
        assert_eq!(buf[0], 0x23);
        ERR_error_string_n(0x0A00_0086, null_mut(), 100);
        unsafe {
            assert_eq!(s(ERR_lib_error_string(0x0A00_0086)), "SSL routines");
            assert_eq!(
                s(ERR_reason_error_string(0x0A00_0086)),
                "certificate verify failed"
            );
            assert_eq!(
                s(ERR_reason_error_string(0x0A00_0412)),
                "sslv3 alert bad certificate"
            );
            assert_eq!(s(ERR_lib_error_string(0x8000_0068)), "system library");
        }
        assert!(ERR_reason_error_string(0x8000_0068).is_null());
        assert!(ERR_reason_error_string(0x0A00_7777).is_null());
        assert!(ERR_lib_error_string(0).is_null());
        assert!(ERR_func_error_string(0x0A00_0086).is_null());
    }

    #[test]
    fn every_sslerr_reason_resolves() {
        ERR_load_SSL_strings();
        for r in [
            SSL_R_CERTIFICATE_VERIFY_FAILED,
            SSL_R_WRONG_VERSION_NUMBER,
            SSL_R_UNEXPECTED_EOF_WHILE_READING,
            SSL_R_TLSV1_ALERT_UNKNOWN_CA,
            SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE,
            SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED,
        ] {
            assert!(
                !ERR_reason_error_string(q::pack(20, r) as c_ulong).is_null(),
                "{r}"
            );
        }
        assert_eq!(SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL, 1120);
    }

    extern "C" fn collect(str: *const c_char, len: size_t, u: *mut c_void) -> c_int {
        let v = unsafe { &mut *(u as *mut Vec<String>) };
        let line = unsafe { s(str) }.to_string();
        assert_eq!(line.len(), len);
        v.push(line);
        if v.len() == 2 {
            0
        } else {
            1
        }
    }

    #[test]
    fn print_cb_and_fp() {
        ERR_load_SSL_strings();
        ERR_clear_error();
        raise(20, 134, c"x.c", 42, c"myfn", Some(c"hello 5"));
        ERR_new();
        sslrs_err_set_error(20, 1048, null());
        raise(2, 104, c"y.c", 7, c"", None);
        let mut v: Vec<String> = Vec::new();
        ERR_print_errors_cb(Some(collect), &mut v as *mut Vec<String> as *mut c_void);
        let tid = thread_id_hex();
        assert_eq!(tid.len(), 16);
        assert_eq!(
            v,
            [
                format!("{tid}:error:0A000086:SSL routines:myfn:certificate verify failed:x.c:42:hello 5\n"),
                format!("{tid}:error:0A000418:SSL routines::tlsv1 alert unknown ca::-1:\n"),
            ]
        );
        // The callback stopped after the second line: the third entry is still queued.
        assert_eq!(ERR_peek_error(), 0x8000_0068);
        ERR_print_errors_cb(None, null_mut());
        ERR_print_errors_fp(null_mut());
        ERR_print_errors(null_mut());
        assert_eq!(ERR_peek_error(), 0x8000_0068);
        // To a real FILE.
        let f = unsafe { libc::tmpfile() };
        assert!(!f.is_null());
        ERR_print_errors_fp(f);
        assert_eq!(ERR_peek_error(), 0);
        let mut out = vec![0u8; 512];
        let n = unsafe {
            libc::rewind(f);
            let n = libc::fread(out.as_mut_ptr() as *mut c_void, 1, out.len(), f);
            libc::fclose(f);
            n
        };
        out.truncate(n);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{tid}:error:80000068:system library::Connection reset by peer:y.c:7:\n")
        );
    }

    #[test]
    fn marks_and_registration() {
        ERR_clear_error();
        assert_eq!(ERR_set_mark(), 0);
        raise(20, 1, c"", 0, c"", None);
        assert_eq!(ERR_set_mark(), 1);
        raise(20, 2, c"", 0, c"", None);
        assert_eq!(ERR_pop_to_mark(), 1);
        assert_eq!(ERR_peek_last_error(), 0x0A00_0001);
        assert_eq!(ERR_clear_last_mark(), 0);
        ERR_clear_error();

        let table = [
            ERR_STRING_DATA {
                error: q::pack(201, 0) as c_ulong,
                string: c"my lib".as_ptr(),
            },
            ERR_STRING_DATA {
                error: q::pack(201, 5) as c_ulong,
                string: c"my reason".as_ptr(),
            },
            ERR_STRING_DATA {
                error: 0,
                string: null(),
            },
        ];
        assert_eq!(ERR_load_strings_const(table.as_ptr()), 1);
        let r = ERR_error_string(q::pack(201, 5) as c_ulong, null_mut());
        unsafe { assert_eq!(s(r), "error:64800005:my lib::my reason") };
        let mut t2 = [
            ERR_STRING_DATA {
                error: q::pack(0, 6) as c_ulong,
                string: c"r6".as_ptr(),
            },
            ERR_STRING_DATA {
                error: 0,
                string: null(),
            },
        ];
        assert_eq!(ERR_load_strings(202, t2.as_mut_ptr()), 1);
        unsafe { assert_eq!(s(ERR_reason_error_string(q::pack(202, 6) as c_ulong)), "r6") };
        assert_eq!(t2[0].error, 6, "table untouched");
        assert_eq!(ERR_unload_strings(202, t2.as_mut_ptr()), 1);
        assert!(ERR_reason_error_string(q::pack(202, 6) as c_ulong).is_null());
        assert_eq!(ERR_load_strings_const(null()), 0);
        assert_eq!(ERR_load_strings(1, null_mut()), 0);
        assert_eq!(ERR_unload_strings(1, null_mut()), 0);
        assert!(ERR_get_next_error_library() >= 128);
        assert_eq!(ERR_load_ERR_strings(), 1);
        assert_eq!(ERR_load_CRYPTO_strings(), 1);
        ERR_remove_thread_state(null_mut());
        ERR_remove_state(0);
    }
}
