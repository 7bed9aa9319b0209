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

/// True for TLS 1.3 suites (which `SSL_CTX_set_ciphersuites` configures; the rest belong to
/// `SSL_CTX_set_cipher_list`).
pub fn is_tls13(iana: u16) -> bool {
    iana >> 8 == 0x13
}

/// `SSL_CTX_set_ciphersuites`: a `:`-separated list of TLS 1.3 suite names, in preference order.
/// Unknown names are skipped; `None` when a non-empty list names nothing usable (OpenSSL's "no
/// cipher match"). The empty string disables TLS 1.3 suites.
pub fn parse_ciphersuites(s: &str) -> Option<Vec<u16>> {
    let out: Vec<u16> = s
        .split(':')
        .filter_map(|n| {
            CIPHERS
                .iter()
                .find(|c| is_tls13(c.iana) && c.name.to_bytes() == n.as_bytes())
        })
        .map(|c| c.iana)
        .collect();
    (s.is_empty() || !out.is_empty()).then_some(out)
}

/// Whether a TLS 1.2 suite belongs to an OpenSSL cipher-string keyword.
fn keyword_matches(word: &str, c: &CipherInfo) -> Option<bool> {
    let name = c.name.to_str().unwrap_or("");
    let ecdsa = name.contains("ECDSA");
    let gcm = name.contains("GCM");
    Some(match word {
        "ALL" | "DEFAULT" | "HIGH" | "FIPS" | "SECURE128" | "TLSv1.2" | "ECDHE" | "EECDH"
        | "kECDHE" | "kEECDH" | "AEAD" | "SHA2" | "COMPLEMENTOFALL" => true,
        "ECDSA" | "aECDSA" => ecdsa,
        "RSA" | "aRSA" => !ecdsa,
        "AESGCM" => gcm,
        "AES" => name.contains("AES"),
        "AES128" => name.contains("AES128"),
        "AES256" | "SECURE192" => name.contains("AES256"),
        "CHACHA20" => name.contains("CHACHA20"),
        "SHA256" => name.ends_with("SHA256") || name.contains("CHACHA20"),
        "SHA384" => name.ends_with("SHA384"),
        // Keywords for things rustls never negotiates match no suite.
        "aNULL"
        | "eNULL"
        | "NULL"
        | "MD5"
        | "RC4"
        | "DES"
        | "3DES"
        | "EXPORT"
        | "LOW"
        | "MEDIUM"
        | "PSK"
        | "SRP"
        | "DHE"
        | "EDH"
        | "kDHE"
        | "kEDH"
        | "kRSA"
        | "CBC"
        | "SHA1"
        | "SHA"
        | "CAMELLIA"
        | "ARIA"
        | "SEED"
        | "IDEA"
        | "DSS"
        | "aDSS"
        | "SSLv3"
        | "TLSv1"
        | "TLSv1.0"
        | "TLSv1.1"
        | "COMPLEMENTOFDEFAULT"
        | "ADH"
        | "AECDH"
        | "CCM"
        | "AESCCM"
        | "AESCCM8"
        | "CHACHA20POLY1305" => word == "CHACHA20POLY1305" && name.contains("CHACHA20"),
        _ => return None,
    })
}

/// Whether a TLS 1.2 suite matches one element of a cipher string (`NAME`, `KEYWORD`, or
/// `A+B` meaning both).
fn element_matches(elem: &str, c: &CipherInfo) -> bool {
    elem.split('+').all(|part| {
        c.name.to_bytes() == part.as_bytes()
            || c.standard_name.to_bytes() == part.as_bytes()
            || keyword_matches(part, c) == Some(true)
    })
}

/// `SSL_CTX_set_cipher_list`: OpenSSL's cipher-string language, for the TLS 1.2 suites sslrs has
/// (`:`, `,` or space separated; `!X` removes for good, `-X` removes, `+X` moves to the end,
/// `@...` directives are accepted and ignored). `None` when no usable suite is selected.
pub fn parse_cipher_list(s: &str) -> Option<Vec<u16>> {
    let tls12: Vec<&CipherInfo> = CIPHERS.iter().filter(|c| !is_tls13(c.iana)).collect();
    let mut chosen: Vec<u16> = Vec::new();
    let mut banned: Vec<u16> = Vec::new();
    for elem in s.split([':', ',', ' ']).filter(|e| !e.is_empty()) {
        if elem.starts_with('@') {
            continue;
        }
        let (op, body) = match elem.as_bytes()[0] {
            b'!' | b'-' | b'+' => (elem.as_bytes()[0], &elem[1..]),
            _ => (0, elem),
        };
        let hits: Vec<u16> = tls12
            .iter()
            .filter(|c| element_matches(body, c))
            .map(|c| c.iana)
            .collect();
        match op {
            b'!' => {
                chosen.retain(|i| !hits.contains(i));
                banned.extend(hits);
            }
            b'-' => chosen.retain(|i| !hits.contains(i)),
            b'+' => {
                let (moved, kept): (Vec<u16>, Vec<u16>) =
                    chosen.iter().partition(|i| hits.contains(i));
                chosen = kept;
                chosen.extend(moved);
            }
            _ => {
                for h in hits {
                    if !chosen.contains(&h) && !banned.contains(&h) {
                        chosen.push(h);
                    }
                }
            }
        }
    }
    (!chosen.is_empty()).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ciphersuites_strings() {
        assert_eq!(
            parse_ciphersuites("TLS_AES_128_GCM_SHA256"),
            Some(vec![0x1301])
        );
        assert_eq!(
            parse_ciphersuites("TLS_AES_128_GCM_SHA256:BOGUS"),
            Some(vec![0x1301])
        );
        assert_eq!(parse_ciphersuites("BOGUS"), None);
        assert_eq!(parse_ciphersuites(""), Some(vec![]));
        assert_eq!(
            parse_ciphersuites("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384"),
            Some(vec![0x1303, 0x1302])
        );
    }

    #[test]
    fn cipher_list_strings() {
        assert_eq!(
            parse_cipher_list("ECDHE-ECDSA-AES128-GCM-SHA256"),
            Some(vec![0xC02B])
        );
        assert_eq!(parse_cipher_list("BOGUS"), None);
        assert_eq!(parse_cipher_list(""), None);
        assert_eq!(
            parse_cipher_list("AES128-SHA"),
            None,
            "CBC suites are a deliberate limit"
        );
        assert_eq!(parse_cipher_list("DEFAULT").map(|v| v.len()), Some(6));
        assert_eq!(parse_cipher_list("HIGH:!aNULL").map(|v| v.len()), Some(6));
        assert_eq!(
            parse_cipher_list("ECDHE+AESGCM"),
            Some(vec![0xC02C, 0xC030, 0xC02B, 0xC02F])
        );
        assert_eq!(
            parse_cipher_list("ALL:!ECDSA"),
            Some(vec![0xC030, 0xCCA8, 0xC02F])
        );
        assert_eq!(
            parse_cipher_list("ECDHE-RSA-AES128-GCM-SHA256:ALL:-CHACHA20").map(|v| v[0]),
            Some(0xC02F)
        );
    }
}
