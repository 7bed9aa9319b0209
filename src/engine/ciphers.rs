//! `SSL_CIPHER` descriptions of the suites rustls+ring can negotiate, in OpenSSL's words.

use core::ffi::CStr;

/// One cipher suite as `SSL_CIPHER_*` report it.
#[derive(Debug)]
pub struct CipherInfo {
    /// IANA value (`SSL_CIPHER_get_protocol_id`).
    pub iana: u16,
    /// OpenSSL name (`SSL_CIPHER_get_name`).
    pub name: &'static CStr,
    /// IANA name (`SSL_CIPHER_standard_name`).
    pub standard_name: &'static CStr,
    /// Secret bits (`SSL_CIPHER_get_bits`).
    pub bits: i32,
    /// Minimum protocol (`SSL_CIPHER_get_version`).
    pub version: &'static CStr,
}

macro_rules! suite {
    ($iana:expr, $name:literal, $std:literal, $bits:expr, $ver:literal) => {
        CipherInfo {
            iana: $iana,
            name: $name,
            standard_name: $std,
            bits: $bits,
            version: $ver,
        }
    };
}

/// Every suite sslrs can negotiate.
pub static CIPHERS: [CipherInfo; 9] = [
    suite!(
        0x1302,
        c"TLS_AES_256_GCM_SHA384",
        c"TLS_AES_256_GCM_SHA384",
        256,
        c"TLSv1.3"
    ),
    suite!(
        0x1303,
        c"TLS_CHACHA20_POLY1305_SHA256",
        c"TLS_CHACHA20_POLY1305_SHA256",
        256,
        c"TLSv1.3"
    ),
    suite!(
        0x1301,
        c"TLS_AES_128_GCM_SHA256",
        c"TLS_AES_128_GCM_SHA256",
        128,
        c"TLSv1.3"
    ),
    suite!(
        0xC02C,
        c"ECDHE-ECDSA-AES256-GCM-SHA384",
        c"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        256,
        c"TLSv1.2"
    ),
    suite!(
        0xC030,
        c"ECDHE-RSA-AES256-GCM-SHA384",
        c"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        256,
        c"TLSv1.2"
    ),
    suite!(
        0xCCA9,
        c"ECDHE-ECDSA-CHACHA20-POLY1305",
        c"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        256,
        c"TLSv1.2"
    ),
    suite!(
        0xCCA8,
        c"ECDHE-RSA-CHACHA20-POLY1305",
        c"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        256,
        c"TLSv1.2"
    ),
    suite!(
        0xC02B,
        c"ECDHE-ECDSA-AES128-GCM-SHA256",
        c"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        128,
        c"TLSv1.2"
    ),
    suite!(
        0xC02F,
        c"ECDHE-RSA-AES128-GCM-SHA256",
        c"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        128,
        c"TLSv1.2"
    ),
];

/// The description of IANA suite `iana`.
pub fn by_iana(iana: u16) -> Option<&'static CipherInfo> {
    CIPHERS.iter().find(|c| c.iana == iana)
}
