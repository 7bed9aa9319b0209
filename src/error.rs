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
    pub const NONE: i32 = 1;
    pub const BN: i32 = 3;
    pub const RSA: i32 = 4;
    pub const DH: i32 = 5;
    pub const OBJ: i32 = 8;
    pub const DSA: i32 = 10;
    pub const CONF: i32 = 14;
    pub const PKCS7: i32 = 33;
    pub const PKCS12: i32 = 35;
    pub const RAND: i32 = 36;
    pub const USER: i32 = 128;
    pub const PROV: i32 = 57;
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
    // The rest of sslerr.h (OpenSSL 3.0.19), names not written above.
    // BEGIN GENERATED SSL_R (ffi-shim/tools/gen_err_strings.sh)
    pub const APP_DATA_IN_HANDSHAKE: i32 = 100;
    pub const ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT: i32 = 272;
    pub const BAD_CHANGE_CIPHER_SPEC: i32 = 103;
    pub const BAD_CIPHER: i32 = 186;
    pub const BAD_DATA: i32 = 390;
    pub const BAD_DATA_RETURNED_BY_CALLBACK: i32 = 106;
    pub const BAD_DH_VALUE: i32 = 102;
    pub const BAD_DIGEST_LENGTH: i32 = 111;
    pub const BAD_EARLY_DATA: i32 = 233;
    pub const BAD_ECC_CERT: i32 = 304;
    pub const BAD_ECPOINT: i32 = 306;
    pub const BAD_HANDSHAKE_LENGTH: i32 = 332;
    pub const BAD_HANDSHAKE_STATE: i32 = 236;
    pub const BAD_HELLO_REQUEST: i32 = 105;
    pub const BAD_HRR_VERSION: i32 = 263;
    pub const BAD_KEY_UPDATE: i32 = 122;
    pub const BAD_LEGACY_VERSION: i32 = 292;
    pub const BAD_PACKET: i32 = 240;
    pub const BAD_PACKET_LENGTH: i32 = 115;
    pub const BAD_PROTOCOL_VERSION_NUMBER: i32 = 116;
    pub const BAD_PSK: i32 = 219;
    pub const BAD_PSK_IDENTITY: i32 = 114;
    pub const BAD_RECORD_TYPE: i32 = 443;
    pub const BAD_RSA_ENCRYPT: i32 = 119;
    pub const BAD_SRP_A_LENGTH: i32 = 347;
    pub const BAD_SRP_PARAMETERS: i32 = 371;
    pub const BAD_SRTP_MKI_VALUE: i32 = 352;
    pub const BAD_SRTP_PROTECTION_PROFILE_LIST: i32 = 353;
    pub const BAD_SSL_FILETYPE: i32 = 124;
    pub const BAD_VALUE: i32 = 384;
    pub const BINDER_DOES_NOT_VERIFY: i32 = 253;
    pub const BLOCK_CIPHER_PAD_IS_WRONG: i32 = 129;
    pub const BN_LIB: i32 = 130;
    pub const CALLBACK_FAILED: i32 = 234;
    pub const CANNOT_CHANGE_CIPHER: i32 = 109;
    pub const CANNOT_GET_GROUP_NAME: i32 = 299;
    pub const CA_DN_LENGTH_MISMATCH: i32 = 131;
    pub const CERT_LENGTH_MISMATCH: i32 = 135;
    pub const CIPHERSUITE_DIGEST_HAS_CHANGED: i32 = 218;
    pub const CIPHER_CODE_WRONG_LENGTH: i32 = 137;
    pub const CLIENTHELLO_TLSEXT: i32 = 226;
    pub const COMPRESSED_LENGTH_TOO_LONG: i32 = 140;
    pub const COMPRESSION_DISABLED: i32 = 343;
    pub const COMPRESSION_FAILURE: i32 = 141;
    pub const COMPRESSION_ID_NOT_WITHIN_PRIVATE_RANGE: i32 = 307;
    pub const COMPRESSION_LIBRARY_ERROR: i32 = 142;
    pub const CONTEXT_NOT_DANE_ENABLED: i32 = 167;
    pub const COOKIE_GEN_CALLBACK_FAILURE: i32 = 400;
    pub const COOKIE_MISMATCH: i32 = 308;
    pub const COPY_PARAMETERS_FAILED: i32 = 296;
    pub const CUSTOM_EXT_HANDLER_ALREADY_INSTALLED: i32 = 206;
    pub const DANE_ALREADY_ENABLED: i32 = 172;
    pub const DANE_CANNOT_OVERRIDE_MTYPE_FULL: i32 = 173;
    pub const DANE_NOT_ENABLED: i32 = 175;
    pub const DANE_TLSA_BAD_CERTIFICATE: i32 = 180;
    pub const DANE_TLSA_BAD_CERTIFICATE_USAGE: i32 = 184;
    pub const DANE_TLSA_BAD_DATA_LENGTH: i32 = 189;
    pub const DANE_TLSA_BAD_DIGEST_LENGTH: i32 = 192;
    pub const DANE_TLSA_BAD_MATCHING_TYPE: i32 = 200;
    pub const DANE_TLSA_BAD_PUBLIC_KEY: i32 = 201;
    pub const DANE_TLSA_BAD_SELECTOR: i32 = 202;
    pub const DANE_TLSA_NULL_DATA: i32 = 203;
    pub const DATA_BETWEEN_CCS_AND_FINISHED: i32 = 145;
    pub const DATA_LENGTH_TOO_LONG: i32 = 146;
    pub const DECRYPTION_FAILED: i32 = 147;
    pub const DH_KEY_TOO_SMALL: i32 = 394;
    pub const DH_PUBLIC_VALUE_LENGTH_IS_WRONG: i32 = 148;
    pub const DIGEST_CHECK_FAILED: i32 = 149;
    pub const DTLS_MESSAGE_TOO_BIG: i32 = 334;
    pub const DUPLICATE_COMPRESSION_ID: i32 = 309;
    pub const ECC_CERT_NOT_FOR_SIGNING: i32 = 318;
    pub const ECDH_REQUIRED_FOR_SUITEB_MODE: i32 = 374;
    pub const EMPTY_SRTP_PROTECTION_PROFILE_LIST: i32 = 354;
    pub const ENCRYPTED_LENGTH_TOO_LONG: i32 = 150;
    pub const ERROR_IN_RECEIVED_CIPHER_LIST: i32 = 151;
    pub const ERROR_SETTING_TLSA_BASE_DOMAIN: i32 = 204;
    pub const EXCEEDS_MAX_FRAGMENT_SIZE: i32 = 194;
    pub const EXCESSIVE_MESSAGE_SIZE: i32 = 152;
    pub const EXTENSION_NOT_RECEIVED: i32 = 279;
    pub const EXTRA_DATA_IN_MESSAGE: i32 = 153;
    pub const EXT_LENGTH_MISMATCH: i32 = 163;
    pub const FAILED_TO_INIT_ASYNC: i32 = 405;
    pub const FRAGMENTED_CLIENT_HELLO: i32 = 401;
    pub const GOT_A_FIN_BEFORE_A_CCS: i32 = 154;
    pub const ILLEGAL_POINT_COMPRESSION: i32 = 162;
    pub const ILLEGAL_SUITEB_DIGEST: i32 = 380;
    pub const INCONSISTENT_COMPRESSION: i32 = 340;
    pub const INCONSISTENT_EARLY_DATA_ALPN: i32 = 222;
    pub const INCONSISTENT_EARLY_DATA_SNI: i32 = 231;
    pub const INCONSISTENT_EXTMS: i32 = 104;
    pub const INSUFFICIENT_SECURITY: i32 = 241;
    pub const INVALID_CCS_MESSAGE: i32 = 260;
    pub const INVALID_CERTIFICATE_OR_ALG: i32 = 238;
    pub const INVALID_COMPRESSION_ALGORITHM: i32 = 341;
    pub const INVALID_CONFIG: i32 = 283;
    pub const INVALID_CONFIGURATION_NAME: i32 = 113;
    pub const INVALID_CONTEXT: i32 = 282;
    pub const INVALID_CT_VALIDATION_TYPE: i32 = 212;
    pub const INVALID_KEY_UPDATE_TYPE: i32 = 120;
    pub const INVALID_MAX_EARLY_DATA: i32 = 174;
    pub const INVALID_NULL_CMD_NAME: i32 = 385;
    pub const INVALID_SEQUENCE_NUMBER: i32 = 402;
    pub const INVALID_SERVERINFO_DATA: i32 = 388;
    pub const INVALID_SESSION_ID: i32 = 999;
    pub const INVALID_SRP_USERNAME: i32 = 357;
    pub const INVALID_STATUS_RESPONSE: i32 = 328;
    pub const INVALID_TICKET_KEYS_LENGTH: i32 = 325;
    pub const LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED: i32 = 333;
    pub const LENGTH_TOO_LONG: i32 = 404;
    pub const LENGTH_TOO_SHORT: i32 = 160;
    pub const LIBRARY_BUG: i32 = 274;
    pub const MISSING_DSA_SIGNING_CERT: i32 = 165;
    pub const MISSING_ECDSA_SIGNING_CERT: i32 = 381;
    pub const MISSING_FATAL: i32 = 256;
    pub const MISSING_PARAMETERS: i32 = 290;
    pub const MISSING_PSK_KEX_MODES_EXTENSION: i32 = 310;
    pub const MISSING_RSA_CERTIFICATE: i32 = 168;
    pub const MISSING_RSA_ENCRYPTING_CERT: i32 = 169;
    pub const MISSING_RSA_SIGNING_CERT: i32 = 170;
    pub const MISSING_SIGALGS_EXTENSION: i32 = 112;
    pub const MISSING_SIGNING_CERT: i32 = 221;
    pub const MISSING_SRP_PARAM: i32 = 358;
    pub const MISSING_SUPPORTED_GROUPS_EXTENSION: i32 = 209;
    pub const MISSING_TMP_DH_KEY: i32 = 171;
    pub const MISSING_TMP_ECDH_KEY: i32 = 311;
    pub const MIXED_HANDSHAKE_AND_NON_HANDSHAKE_DATA: i32 = 293;
    pub const NOT_ON_RECORD_BOUNDARY: i32 = 182;
    pub const NOT_REPLACING_CERTIFICATE: i32 = 289;
    pub const NOT_SERVER: i32 = 284;
    pub const NO_APPLICATION_PROTOCOL: i32 = 235;
    pub const NO_CERTIFICATES_RETURNED: i32 = 176;
    pub const NO_CERTIFICATE_SET: i32 = 179;
    pub const NO_CHANGE_FOLLOWING_HRR: i32 = 214;
    pub const NO_CIPHERS_SPECIFIED: i32 = 183;
    pub const NO_CIPHER_MATCH: i32 = 185;
    pub const NO_CLIENT_CERT_METHOD: i32 = 331;
    pub const NO_COMPRESSION_SPECIFIED: i32 = 187;
    pub const NO_COOKIE_CALLBACK_SET: i32 = 287;
    pub const NO_GOST_CERTIFICATE_SENT_BY_PEER: i32 = 330;
    pub const NO_METHOD_SPECIFIED: i32 = 188;
    pub const NO_PEM_EXTENSIONS: i32 = 389;
    pub const NO_REQUIRED_DIGEST: i32 = 324;
    pub const NO_SHARED_SIGNATURE_ALGORITHMS: i32 = 376;
    pub const NO_SRTP_PROFILES: i32 = 359;
    pub const NO_SUITABLE_DIGEST_ALGORITHM: i32 = 297;
    pub const NO_SUITABLE_GROUPS: i32 = 295;
    pub const NO_VALID_SCTS: i32 = 216;
    pub const NO_VERIFY_COOKIE_CALLBACK: i32 = 403;
    pub const NULL_SSL_METHOD_PASSED: i32 = 196;
    pub const OCSP_CALLBACK_FAILURE: i32 = 305;
    pub const OLD_SESSION_CIPHER_NOT_RETURNED: i32 = 197;
    pub const OLD_SESSION_COMPRESSION_ALGORITHM_NOT_RETURNED: i32 = 344;
    pub const OVERFLOW_ERROR: i32 = 237;
    pub const PARSE_TLSEXT: i32 = 227;
    pub const PATH_TOO_LONG: i32 = 270;
    pub const PEM_NAME_BAD_PREFIX: i32 = 391;
    pub const PEM_NAME_TOO_SHORT: i32 = 392;
    pub const PIPELINE_FAILURE: i32 = 406;
    pub const POST_HANDSHAKE_AUTH_ENCODING_ERR: i32 = 278;
    pub const PRIVATE_KEY_MISMATCH: i32 = 288;
    pub const PSK_IDENTITY_NOT_FOUND: i32 = 223;
    pub const PSK_NO_CLIENT_CB: i32 = 224;
    pub const PSK_NO_SERVER_CB: i32 = 225;
    pub const READ_TIMEOUT_EXPIRED: i32 = 312;
    pub const RECORD_TOO_SMALL: i32 = 298;
    pub const RENEGOTIATE_EXT_TOO_LONG: i32 = 335;
    pub const RENEGOTIATION_ENCODING_ERR: i32 = 336;
    pub const RENEGOTIATION_MISMATCH: i32 = 337;
    pub const REQUEST_PENDING: i32 = 285;
    pub const REQUEST_SENT: i32 = 286;
    pub const REQUIRED_CIPHER_MISSING: i32 = 215;
    pub const REQUIRED_COMPRESSION_ALGORITHM_MISSING: i32 = 342;
    pub const SCSV_RECEIVED_WHEN_RENEGOTIATING: i32 = 345;
    pub const SCT_VERIFICATION_FAILED: i32 = 208;
    pub const SERVERHELLO_TLSEXT: i32 = 275;
    pub const SESSION_ID_CONTEXT_UNINITIALIZED: i32 = 277;
    pub const SIGNATURE_ALGORITHMS_ERROR: i32 = 360;
    pub const SIGNATURE_FOR_NON_SIGNING_CERTIFICATE: i32 = 220;
    pub const SRP_A_CALC: i32 = 361;
    pub const SRTP_COULD_NOT_ALLOCATE_PROFILES: i32 = 362;
    pub const SRTP_PROTECTION_PROFILE_LIST_TOO_LONG: i32 = 363;
    pub const SRTP_UNKNOWN_PROTECTION_PROFILE: i32 = 364;
    pub const SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH: i32 = 232;
    pub const SSL3_EXT_INVALID_SERVERNAME: i32 = 319;
    pub const SSL3_EXT_INVALID_SERVERNAME_TYPE: i32 = 320;
    pub const SSL3_SESSION_ID_TOO_LONG: i32 = 300;
    pub const SSLV3_ALERT_BAD_CERTIFICATE: i32 = 1042;
    pub const SSLV3_ALERT_BAD_RECORD_MAC: i32 = 1020;
    pub const SSLV3_ALERT_CERTIFICATE_EXPIRED: i32 = 1045;
    pub const SSLV3_ALERT_CERTIFICATE_REVOKED: i32 = 1044;
    pub const SSLV3_ALERT_CERTIFICATE_UNKNOWN: i32 = 1046;
    pub const SSLV3_ALERT_DECOMPRESSION_FAILURE: i32 = 1030;
    pub const SSLV3_ALERT_HANDSHAKE_FAILURE: i32 = 1040;
    pub const SSLV3_ALERT_ILLEGAL_PARAMETER: i32 = 1047;
    pub const SSLV3_ALERT_NO_CERTIFICATE: i32 = 1041;
    pub const SSLV3_ALERT_UNEXPECTED_MESSAGE: i32 = 1010;
    pub const SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: i32 = 1043;
    pub const SSL_COMMAND_SECTION_EMPTY: i32 = 117;
    pub const SSL_COMMAND_SECTION_NOT_FOUND: i32 = 125;
    pub const SSL_CTX_HAS_NO_DEFAULT_SSL_VERSION: i32 = 228;
    pub const SSL_LIBRARY_HAS_NO_CIPHERS: i32 = 230;
    pub const SSL_NEGATIVE_LENGTH: i32 = 372;
    pub const SSL_SECTION_EMPTY: i32 = 126;
    pub const SSL_SESSION_ID_CALLBACK_FAILED: i32 = 301;
    pub const SSL_SESSION_ID_CONFLICT: i32 = 302;
    pub const SSL_SESSION_ID_CONTEXT_TOO_LONG: i32 = 273;
    pub const SSL_SESSION_ID_HAS_BAD_LENGTH: i32 = 303;
    pub const SSL_SESSION_ID_TOO_LONG: i32 = 408;
    pub const SSL_SESSION_VERSION_MISMATCH: i32 = 210;
    pub const STILL_IN_INIT: i32 = 121;
    pub const TLSV13_ALERT_CERTIFICATE_REQUIRED: i32 = 1116;
    pub const TLSV13_ALERT_MISSING_EXTENSION: i32 = 1109;
    pub const TLSV1_ALERT_ACCESS_DENIED: i32 = 1049;
    pub const TLSV1_ALERT_DECODE_ERROR: i32 = 1050;
    pub const TLSV1_ALERT_DECRYPTION_FAILED: i32 = 1021;
    pub const TLSV1_ALERT_DECRYPT_ERROR: i32 = 1051;
    pub const TLSV1_ALERT_EXPORT_RESTRICTION: i32 = 1060;
    pub const TLSV1_ALERT_INAPPROPRIATE_FALLBACK: i32 = 1086;
    pub const TLSV1_ALERT_INSUFFICIENT_SECURITY: i32 = 1071;
    pub const TLSV1_ALERT_INTERNAL_ERROR: i32 = 1080;
    pub const TLSV1_ALERT_NO_APPLICATION_PROTOCOL: i32 = 1120;
    pub const TLSV1_ALERT_NO_RENEGOTIATION: i32 = 1100;
    pub const TLSV1_ALERT_PROTOCOL_VERSION: i32 = 1070;
    pub const TLSV1_ALERT_RECORD_OVERFLOW: i32 = 1022;
    pub const TLSV1_ALERT_UNKNOWN_CA: i32 = 1048;
    pub const TLSV1_ALERT_UNKNOWN_PSK_IDENTITY: i32 = 1115;
    pub const TLSV1_ALERT_USER_CANCELLED: i32 = 1090;
    pub const TLSV1_BAD_CERTIFICATE_HASH_VALUE: i32 = 1114;
    pub const TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE: i32 = 1113;
    pub const TLSV1_CERTIFICATE_UNOBTAINABLE: i32 = 1111;
    pub const TLSV1_UNRECOGNIZED_NAME: i32 = 1112;
    pub const TLSV1_UNSUPPORTED_EXTENSION: i32 = 1110;
    pub const TLS_ILLEGAL_EXPORTER_LABEL: i32 = 367;
    pub const TLS_INVALID_ECPOINTFORMAT_LIST: i32 = 157;
    pub const TOO_MANY_KEY_UPDATES: i32 = 132;
    pub const TOO_MUCH_EARLY_DATA: i32 = 164;
    pub const UNABLE_TO_FIND_ECDH_PARAMETERS: i32 = 314;
    pub const UNABLE_TO_FIND_PUBLIC_KEY_PARAMETERS: i32 = 239;
    pub const UNABLE_TO_LOAD_SSL3_MD5_ROUTINES: i32 = 242;
    pub const UNABLE_TO_LOAD_SSL3_SHA1_ROUTINES: i32 = 243;
    pub const UNEXPECTED_CCS_MESSAGE: i32 = 262;
    pub const UNEXPECTED_END_OF_EARLY_DATA: i32 = 178;
    pub const UNKNOWN_ALERT_TYPE: i32 = 246;
    pub const UNKNOWN_CERTIFICATE_TYPE: i32 = 247;
    pub const UNKNOWN_CIPHER_RETURNED: i32 = 248;
    pub const UNKNOWN_CIPHER_TYPE: i32 = 249;
    pub const UNKNOWN_COMMAND: i32 = 139;
    pub const UNKNOWN_DIGEST: i32 = 368;
    pub const UNKNOWN_KEY_EXCHANGE_TYPE: i32 = 250;
    pub const UNKNOWN_PKEY_TYPE: i32 = 251;
    pub const UNKNOWN_STATE: i32 = 255;
    pub const UNSOLICITED_EXTENSION: i32 = 217;
    pub const UNSUPPORTED_COMPRESSION_ALGORITHM: i32 = 257;
    pub const UNSUPPORTED_ELLIPTIC_CURVE: i32 = 315;
    pub const UNSUPPORTED_STATUS_TYPE: i32 = 329;
    pub const USE_SRTP_NOT_NEGOTIATED: i32 = 369;
    pub const WRONG_CIPHER_RETURNED: i32 = 261;
    pub const WRONG_CURVE: i32 = 378;
    pub const WRONG_SIGNATURE_LENGTH: i32 = 264;
    pub const WRONG_SIGNATURE_SIZE: i32 = 265;
    pub const WRONG_SIGNATURE_TYPE: i32 = 370;
    pub const X509_VERIFICATION_SETUP_PROBLEMS: i32 = 269;
    // END GENERATED SSL_R
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
        Error {
            lib,
            reason,
            func,
            data: None,
            system: false,
        }
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
        Error::new(lib, common::UNSUPPORTED, func)
            .with_data(format!("sslrs does not support {func}"))
    }
    /// A system error (`ERR_SYSTEM_FLAG | errno`).
    pub const fn system(errno: i32, func: &'static str) -> Self {
        Error {
            lib: lib::SYS,
            reason: errno,
            func,
            data: None,
            system: true,
        }
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
