//! `tls1.h` / `ssl3.h` numbers: alert descriptions (`SSL_AD_*`, `SSL3_AD_*`, `TLS1_AD_*`,
//! `TLS13_AD_*`) and extension types (`TLSEXT_TYPE_*`), with OpenSSL 3.0's values.

use crate::ffi::ptr::static_cstr;
use core::ffi::{c_char, c_int};

pub const SSL3_AD_CLOSE_NOTIFY: c_int = 0;
pub const SSL3_AD_UNEXPECTED_MESSAGE: c_int = 10;
pub const SSL3_AD_BAD_RECORD_MAC: c_int = 20;
pub const SSL3_AD_DECOMPRESSION_FAILURE: c_int = 30;
pub const SSL3_AD_HANDSHAKE_FAILURE: c_int = 40;
pub const SSL3_AD_NO_CERTIFICATE: c_int = 41;
pub const SSL3_AD_BAD_CERTIFICATE: c_int = 42;
pub const SSL3_AD_UNSUPPORTED_CERTIFICATE: c_int = 43;
pub const SSL3_AD_CERTIFICATE_REVOKED: c_int = 44;
pub const SSL3_AD_CERTIFICATE_EXPIRED: c_int = 45;
pub const SSL3_AD_CERTIFICATE_UNKNOWN: c_int = 46;
pub const SSL3_AD_ILLEGAL_PARAMETER: c_int = 47;
pub const TLS1_AD_DECRYPTION_FAILED: c_int = 21;
pub const TLS1_AD_RECORD_OVERFLOW: c_int = 22;
pub const TLS1_AD_UNKNOWN_CA: c_int = 48;
pub const TLS1_AD_ACCESS_DENIED: c_int = 49;
pub const TLS1_AD_DECODE_ERROR: c_int = 50;
pub const TLS1_AD_DECRYPT_ERROR: c_int = 51;
pub const TLS1_AD_EXPORT_RESTRICTION: c_int = 60;
pub const TLS1_AD_PROTOCOL_VERSION: c_int = 70;
pub const TLS1_AD_INSUFFICIENT_SECURITY: c_int = 71;
pub const TLS1_AD_INTERNAL_ERROR: c_int = 80;
pub const TLS1_AD_INAPPROPRIATE_FALLBACK: c_int = 86;
pub const TLS1_AD_USER_CANCELLED: c_int = 90;
pub const TLS1_AD_NO_RENEGOTIATION: c_int = 100;
pub const TLS13_AD_MISSING_EXTENSION: c_int = 109;
pub const TLS13_AD_CERTIFICATE_REQUIRED: c_int = 116;
pub const TLS1_AD_UNSUPPORTED_EXTENSION: c_int = 110;
pub const TLS1_AD_CERTIFICATE_UNOBTAINABLE: c_int = 111;
pub const TLS1_AD_UNRECOGNIZED_NAME: c_int = 112;
pub const TLS1_AD_BAD_CERTIFICATE_STATUS_RESPONSE: c_int = 113;
pub const TLS1_AD_BAD_CERTIFICATE_HASH_VALUE: c_int = 114;
pub const TLS1_AD_UNKNOWN_PSK_IDENTITY: c_int = 115;
pub const TLS1_AD_NO_APPLICATION_PROTOCOL: c_int = 120;
pub const SSL_AD_REASON_OFFSET: c_int = 1000;
pub const SSL_AD_CLOSE_NOTIFY: c_int = SSL3_AD_CLOSE_NOTIFY;
pub const SSL_AD_UNEXPECTED_MESSAGE: c_int = SSL3_AD_UNEXPECTED_MESSAGE;
pub const SSL_AD_BAD_RECORD_MAC: c_int = SSL3_AD_BAD_RECORD_MAC;
pub const SSL_AD_DECRYPTION_FAILED: c_int = TLS1_AD_DECRYPTION_FAILED;
pub const SSL_AD_RECORD_OVERFLOW: c_int = TLS1_AD_RECORD_OVERFLOW;
pub const SSL_AD_DECOMPRESSION_FAILURE: c_int = SSL3_AD_DECOMPRESSION_FAILURE;
pub const SSL_AD_HANDSHAKE_FAILURE: c_int = SSL3_AD_HANDSHAKE_FAILURE;
pub const SSL_AD_NO_CERTIFICATE: c_int = SSL3_AD_NO_CERTIFICATE;
pub const SSL_AD_BAD_CERTIFICATE: c_int = SSL3_AD_BAD_CERTIFICATE;
pub const SSL_AD_UNSUPPORTED_CERTIFICATE: c_int = SSL3_AD_UNSUPPORTED_CERTIFICATE;
pub const SSL_AD_CERTIFICATE_REVOKED: c_int = SSL3_AD_CERTIFICATE_REVOKED;
pub const SSL_AD_CERTIFICATE_EXPIRED: c_int = SSL3_AD_CERTIFICATE_EXPIRED;
pub const SSL_AD_CERTIFICATE_UNKNOWN: c_int = SSL3_AD_CERTIFICATE_UNKNOWN;
pub const SSL_AD_ILLEGAL_PARAMETER: c_int = SSL3_AD_ILLEGAL_PARAMETER;
pub const SSL_AD_UNKNOWN_CA: c_int = TLS1_AD_UNKNOWN_CA;
pub const SSL_AD_ACCESS_DENIED: c_int = TLS1_AD_ACCESS_DENIED;
pub const SSL_AD_DECODE_ERROR: c_int = TLS1_AD_DECODE_ERROR;
pub const SSL_AD_DECRYPT_ERROR: c_int = TLS1_AD_DECRYPT_ERROR;
pub const SSL_AD_EXPORT_RESTRICTION: c_int = TLS1_AD_EXPORT_RESTRICTION;
pub const SSL_AD_PROTOCOL_VERSION: c_int = TLS1_AD_PROTOCOL_VERSION;
pub const SSL_AD_INSUFFICIENT_SECURITY: c_int = TLS1_AD_INSUFFICIENT_SECURITY;
pub const SSL_AD_INTERNAL_ERROR: c_int = TLS1_AD_INTERNAL_ERROR;
pub const SSL_AD_USER_CANCELLED: c_int = TLS1_AD_USER_CANCELLED;
pub const SSL_AD_NO_RENEGOTIATION: c_int = TLS1_AD_NO_RENEGOTIATION;
pub const SSL_AD_MISSING_EXTENSION: c_int = TLS13_AD_MISSING_EXTENSION;
pub const SSL_AD_CERTIFICATE_REQUIRED: c_int = TLS13_AD_CERTIFICATE_REQUIRED;
pub const SSL_AD_UNSUPPORTED_EXTENSION: c_int = TLS1_AD_UNSUPPORTED_EXTENSION;
pub const SSL_AD_CERTIFICATE_UNOBTAINABLE: c_int = TLS1_AD_CERTIFICATE_UNOBTAINABLE;
pub const SSL_AD_UNRECOGNIZED_NAME: c_int = TLS1_AD_UNRECOGNIZED_NAME;
pub const SSL_AD_BAD_CERTIFICATE_STATUS_RESPONSE: c_int = TLS1_AD_BAD_CERTIFICATE_STATUS_RESPONSE;
pub const SSL_AD_BAD_CERTIFICATE_HASH_VALUE: c_int = TLS1_AD_BAD_CERTIFICATE_HASH_VALUE;
pub const SSL_AD_UNKNOWN_PSK_IDENTITY: c_int = TLS1_AD_UNKNOWN_PSK_IDENTITY;
pub const SSL_AD_INAPPROPRIATE_FALLBACK: c_int = TLS1_AD_INAPPROPRIATE_FALLBACK;
pub const SSL_AD_NO_APPLICATION_PROTOCOL: c_int = TLS1_AD_NO_APPLICATION_PROTOCOL;
pub const TLSEXT_TYPE_server_name: c_int = 0;
pub const TLSEXT_TYPE_max_fragment_length: c_int = 1;
pub const TLSEXT_TYPE_client_certificate_url: c_int = 2;
pub const TLSEXT_TYPE_trusted_ca_keys: c_int = 3;
pub const TLSEXT_TYPE_truncated_hmac: c_int = 4;
pub const TLSEXT_TYPE_status_request: c_int = 5;
pub const TLSEXT_TYPE_user_mapping: c_int = 6;
pub const TLSEXT_TYPE_client_authz: c_int = 7;
pub const TLSEXT_TYPE_server_authz: c_int = 8;
pub const TLSEXT_TYPE_cert_type: c_int = 9;
pub const TLSEXT_TYPE_supported_groups: c_int = 10;
pub const TLSEXT_TYPE_ec_point_formats: c_int = 11;
pub const TLSEXT_TYPE_srp: c_int = 12;
pub const TLSEXT_TYPE_signature_algorithms: c_int = 13;
pub const TLSEXT_TYPE_use_srtp: c_int = 14;
pub const TLSEXT_TYPE_application_layer_protocol_negotiation: c_int = 16;
pub const TLSEXT_TYPE_signed_certificate_timestamp: c_int = 18;
pub const TLSEXT_TYPE_padding: c_int = 21;
pub const TLSEXT_TYPE_encrypt_then_mac: c_int = 22;
pub const TLSEXT_TYPE_extended_master_secret: c_int = 23;
pub const TLSEXT_TYPE_session_ticket: c_int = 35;
pub const TLSEXT_TYPE_psk: c_int = 41;
pub const TLSEXT_TYPE_early_data: c_int = 42;
pub const TLSEXT_TYPE_supported_versions: c_int = 43;
pub const TLSEXT_TYPE_cookie: c_int = 44;
pub const TLSEXT_TYPE_psk_kex_modes: c_int = 45;
pub const TLSEXT_TYPE_certificate_authorities: c_int = 47;
pub const TLSEXT_TYPE_post_handshake_auth: c_int = 49;
pub const TLSEXT_TYPE_signature_algorithms_cert: c_int = 50;
pub const TLSEXT_TYPE_key_share: c_int = 51;
pub const TLSEXT_TYPE_renegotiate: c_int = 0xff01;
pub const TLSEXT_TYPE_next_proto_neg: c_int = 13172;

// ---------------------------------------------------------------------------------------------
// Alert strings (`SSL_alert_type_string(3)`): `value` is `level << 8 | description`, as the
// info callback's `ret` for `SSL_CB_ALERT`.

/// OpenSSL 3.0's short and long names of the alert descriptions it knows.
const ALERT_DESCS: &[(u8, &str, &str)] = &[
    (0, "CN\0", "close notify\0"),
    (10, "UM\0", "unexpected_message\0"),
    (20, "BM\0", "bad record mac\0"),
    (21, "DC\0", "decryption failed\0"),
    (22, "RO\0", "record overflow\0"),
    (30, "DF\0", "decompression failure\0"),
    (40, "HF\0", "handshake failure\0"),
    (41, "NC\0", "no certificate\0"),
    (42, "BC\0", "bad certificate\0"),
    (43, "UC\0", "unsupported certificate\0"),
    (44, "CR\0", "certificate revoked\0"),
    (45, "CE\0", "certificate expired\0"),
    (46, "CU\0", "certificate unknown\0"),
    (47, "IP\0", "illegal parameter\0"),
    (48, "CA\0", "unknown CA\0"),
    (49, "AD\0", "access denied\0"),
    (50, "DE\0", "decode error\0"),
    (51, "CY\0", "decrypt error\0"),
    (60, "ER\0", "export restriction\0"),
    (70, "PV\0", "protocol version\0"),
    (71, "IS\0", "insufficient security\0"),
    (80, "IE\0", "internal error\0"),
    (90, "US\0", "user canceled\0"),
    (100, "NR\0", "no renegotiation\0"),
    (110, "UE\0", "unsupported extension\0"),
    (111, "CO\0", "certificate unobtainable\0"),
    (112, "UN\0", "unrecognized name\0"),
    (113, "BR\0", "bad certificate status response\0"),
    (114, "BH\0", "bad certificate hash value\0"),
    (115, "UP\0", "unknown PSK identity\0"),
    (120, "UK\0", "no application protocol\0"),
];

fn alert_desc(value: c_int) -> (&'static str, &'static str) {
    let d = (value & 0xff) as u8;
    ALERT_DESCS
        .iter()
        .find(|(n, _, _)| *n == d)
        .map_or(("UK\0", "unknown\0"), |(_, s, l)| (*s, *l))
}

fn alert_type(value: c_int) -> (&'static str, &'static str) {
    match value >> 8 {
        1 => ("W\0", "warning\0"),
        2 => ("F\0", "fatal\0"),
        _ => ("U\0", "unknown\0"),
    }
}

/// `SSL_alert_type_string(3)`: `"W"`, `"F"` or `"U"` (static).
#[no_mangle]
pub extern "C" fn SSL_alert_type_string(value: c_int) -> *const c_char {
    static_cstr(alert_type(value).0)
}

/// `SSL_alert_type_string_long(3)`: `"warning"`, `"fatal"` or `"unknown"` (static).
#[no_mangle]
pub extern "C" fn SSL_alert_type_string_long(value: c_int) -> *const c_char {
    static_cstr(alert_type(value).1)
}

/// `SSL_alert_desc_string(3)`: OpenSSL's two-letter code of the description (static).
#[no_mangle]
pub extern "C" fn SSL_alert_desc_string(value: c_int) -> *const c_char {
    static_cstr(alert_desc(value).0)
}

/// `SSL_alert_desc_string_long(3)`: OpenSSL's name of the description (static).
#[no_mangle]
pub extern "C" fn SSL_alert_desc_string_long(value: c_int) -> *const c_char {
    static_cstr(alert_desc(value).1)
}

// Record content types (`ssl3.h`), as the message callback reports them.
pub const SSL3_RT_CHANGE_CIPHER_SPEC: c_int = 20;
pub const SSL3_RT_ALERT: c_int = 21;
pub const SSL3_RT_HANDSHAKE: c_int = 22;
pub const SSL3_RT_APPLICATION_DATA: c_int = 23;
pub const SSL3_RT_HEADER: c_int = 0x100;
pub const SSL3_RT_INNER_CONTENT_TYPE: c_int = 0x101;
