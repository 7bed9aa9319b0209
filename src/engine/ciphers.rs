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

/// The working list of a cipher string: (IANA, active) in OpenSSL's order.
type Entries = Vec<(u16, bool)>;

/// What a cipher string asks for besides the suites.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CipherList {
    /// TLS 1.2 suites in preference order.
    pub suites: Vec<u16>,
    /// `@SECLEVEL=n`, when given.
    pub security_level: Option<i32>,
}

/// Why a cipher string was refused (OpenSSL's reasons).
#[derive(Debug, PartialEq, Eq)]
pub enum CipherListError {
    /// `SSL_R_NO_CIPHER_MATCH`: no usable TLS 1.2 suite selected. Not returned by the parser
    /// (an empty [`CipherList`] is still applied, as OpenSSL does); for callers.
    NoMatch,
    /// `SSL_R_INVALID_COMMAND`: a bad `@` command or a stray character; nothing is applied.
    InvalidCommand,
}

/// The OpenSSL 3.0.19 cipher-string keywords that select some of our TLS 1.2 suites (measured
/// with `SSL_get_cipher_list` on the installed OpenSSL). Every other word OpenSSL knows (`aNULL`,
/// `MD5`, `RC4`, `DHE`, `CBC`, `SHA256`: the MAC is AEAD for all our suites, ...) and every word it
/// does not know selects none of them. Case-sensitive, as OpenSSL's.
fn keyword_matches(word: &str, c: &CipherInfo) -> bool {
    let name = c.name.to_str().unwrap_or("");
    let ecdsa = name.contains("ECDSA");
    let gcm = name.contains("GCM");
    match word {
        "ALL" | "DEFAULT" | "HIGH" | "TLSv1.2" | "ECDH" | "ECDHE" | "EECDH" | "kECDHE"
        | "kEECDH" => true,
        "ECDSA" | "aECDSA" => ecdsa,
        "aRSA" => !ecdsa,
        "AESGCM" | "AES" | "FIPS" => gcm,
        "AES128" => name.contains("AES128"),
        "AES256" => name.contains("AES256"),
        "CHACHA20" => name.contains("CHACHA20"),
        _ => name == word,
    }
}

/// Suite B prefixes: OpenSSL replaces the whole string with a fixed list when it starts with one.
fn suite_b(s: &str) -> Option<&'static [u16]> {
    if s.starts_with("SUITEB128ONLY") || s.starts_with("SUITEB128C2") {
        Some(&[0xC02B])
    } else if s.starts_with("SUITEB128") {
        Some(&[0xC02B, 0xC02C])
    } else if s.starts_with("SUITEB192") {
        Some(&[0xC02C])
    } else {
        None
    }
}

fn is_sep(b: u8) -> bool {
    matches!(b, b':' | b' ' | b';' | b',')
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'=')
}

/// `SSL_CTX_set_cipher_list`: OpenSSL's cipher-string language over the TLS 1.2 suites sslrs
/// has, with OpenSSL's ordering rules: the suites start in OpenSSL's default order ([`CIPHERS`]);
/// `X` appends the matching inactive suites at the end, `+X` moves the matching active ones to
/// the end, `-X` deactivates them (they may come back, in default order), `!X` removes them for
/// good; `A+B` matches suites in both; `@STRENGTH` sorts by secret bits (stable);
/// `@SECLEVEL=n` (0..5) is reported. Separators are `:`, ` `, `;` and `,`. Unknown words select
/// nothing. The result may be empty: the caller applies it and fails with `NO_CIPHER_MATCH`,
/// as OpenSSL does — also for strings that select only suites OpenSSL has and rustls lacks
/// (e.g. `AES128-SHA`), where OpenSSL succeeds: a deliberate limit.
pub fn parse_cipher_list(s: &str) -> Result<CipherList, CipherListError> {
    if let Some(fixed) = suite_b(s) {
        return Ok(CipherList {
            suites: fixed.to_vec(),
            security_level: None,
        });
    }
    // The working list: (iana, active), in OpenSSL's linked-list order; killed suites leave it.
    let mut list: Vec<(u16, bool)> = CIPHERS
        .iter()
        .filter(|c| !is_tls13(c.iana))
        .map(|c| (c.iana, false))
        .collect();
    let mut out = CipherList::default();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let op = b[i];
        if is_sep(op) {
            i += 1;
            continue;
        }
        if matches!(op, b'-' | b'+' | b'!' | b'@') {
            i += 1;
        }
        // One element: words joined by '+'.
        let mut words: Vec<&str> = Vec::new();
        loop {
            let start = i;
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            if i == start {
                return Err(CipherListError::InvalidCommand);
            }
            words.push(&s[start..i]);
            if op != b'@' && i < b.len() && b[i] == b'+' {
                i += 1;
                continue;
            }
            break;
        }
        if op == b'@' {
            match words[0] {
                "STRENGTH" => {
                    // Active suites move to the end, strongest first; the rest keep their place.
                    let bits = |iana: u16| by_iana(iana).map_or(0, |c| c.bits);
                    let (mut active, mut rest): (Entries, Entries) = list.iter().partition(|e| e.1);
                    active.sort_by_key(|&(iana, _)| std::cmp::Reverse(bits(iana)));
                    rest.extend(active);
                    list = rest;
                }
                w => match w.strip_prefix("SECLEVEL=").map(str::as_bytes) {
                    Some([d @ b'0'..=b'5']) => out.security_level = Some(i32::from(d - b'0')),
                    _ => return Err(CipherListError::InvalidCommand),
                },
            }
        } else {
            let hit = |iana: u16| {
                by_iana(iana).is_some_and(|c| words.iter().all(|w| keyword_matches(w, c)))
            };
            match op {
                b'!' => list.retain(|&(iana, _)| !hit(iana)),
                b'-' => {
                    let (mut moved, kept): (Entries, Entries) = list
                        .iter()
                        .partition(|&&(iana, active)| active && hit(iana));
                    moved.iter_mut().for_each(|e| e.1 = false);
                    moved.extend(kept);
                    list = moved;
                }
                b'+' => {
                    let (moved, mut kept): (Entries, Entries) = list
                        .iter()
                        .partition(|&&(iana, active)| active && hit(iana));
                    kept.extend(moved);
                    list = kept;
                }
                _ => {
                    let (mut moved, mut kept): (Entries, Entries) = list
                        .iter()
                        .partition(|&&(iana, active)| !active && hit(iana));
                    moved.iter_mut().for_each(|e| e.1 = true);
                    kept.extend(moved);
                    list = kept;
                }
            }
        }
    }
    out.suites = list
        .into_iter()
        .filter(|&(_, active)| active)
        .map(|(iana, _)| iana)
        .collect();
    Ok(out)
}

/// `SSL_CIPHER_get_kx_nid`: `NID_kx_any` for TLS 1.3, `NID_kx_ecdhe` otherwise.
pub fn kx_nid(c: &CipherInfo) -> i32 {
    if is_tls13(c.iana) {
        1063
    } else {
        1038
    }
}

/// `SSL_CIPHER_get_auth_nid`: `NID_auth_any` (TLS 1.3), `NID_auth_ecdsa` or `NID_auth_rsa`.
pub fn auth_nid(c: &CipherInfo) -> i32 {
    match (
        is_tls13(c.iana),
        c.name.to_bytes().windows(5).any(|w| w == b"ECDSA"),
    ) {
        (true, _) => 1064,
        (false, true) => 1047,
        (false, false) => 1046,
    }
}

fn name_has(c: &CipherInfo, part: &str) -> bool {
    c.name.to_str().is_ok_and(|n| n.contains(part))
}

/// `SSL_CIPHER_get_cipher_nid`: `NID_aes_128_gcm`, `NID_aes_256_gcm` or
/// `NID_chacha20_poly1305`.
pub fn cipher_nid(c: &CipherInfo) -> i32 {
    if name_has(c, "CHACHA20") {
        1018
    } else if c.bits == 256 {
        901
    } else {
        895
    }
}

/// The handshake (PRF) digest's NID: `NID_sha384` for the `*SHA384` suites, else `NID_sha256`.
pub fn handshake_digest_nid(c: &CipherInfo) -> i32 {
    if name_has(c, "SHA384") {
        673
    } else {
        672
    }
}

/// `SSL_CIPHER_description`'s line, as OpenSSL 3.0 formats it (without the NUL).
pub fn description(c: &CipherInfo) -> String {
    let tls13 = is_tls13(c.iana);
    let (kx, au) = match (tls13, auth_nid(c)) {
        (true, _) => ("any", "any"),
        (false, 1047) => ("ECDH", "ECDSA"),
        (false, _) => ("ECDH", "RSA"),
    };
    let enc = match cipher_nid(c) {
        1018 => "CHACHA20/POLY1305(256)".to_string(),
        _ => format!("AESGCM({})", c.bits),
    };
    format!(
        "{:<30} {:<7} Kx={:<8} Au={:<5} Enc={:<22} Mac={:<4}\n",
        c.name.to_str().unwrap_or(""),
        c.version.to_str().unwrap_or(""),
        kx,
        au,
        enc,
        "AEAD"
    )
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

    fn names(s: &str) -> Result<Vec<&'static str>, CipherListError> {
        parse_cipher_list(s).and_then(|l| {
            if l.suites.is_empty() {
                return Err(CipherListError::NoMatch);
            }
            Ok(l.suites
                .iter()
                .map(|&i| by_iana(i).unwrap().name.to_str().unwrap())
                .map(|n| n.strip_prefix("ECDHE-").unwrap())
                .collect())
        })
    }

    #[test]
    fn cipher_list_strings() {
        use CipherListError::*;
        let all = "ECDSA-AES256-GCM-SHA384 RSA-AES256-GCM-SHA384 ECDSA-CHACHA20-POLY1305 \
                   RSA-CHACHA20-POLY1305 ECDSA-AES128-GCM-SHA256 RSA-AES128-GCM-SHA256";
        let all: Vec<&str> = all.split_whitespace().collect();
        // Orders measured against OpenSSL 3.0.19 (restricted to our suites).
        for s in [
            "ALL",
            "DEFAULT",
            "HIGH",
            "HIGH:!aNULL:!MD5",
            "kECDHE",
            "TLSv1.2",
            "BOGUS:HIGH",
        ] {
            assert_eq!(names(s).unwrap(), all, "{s}");
        }
        assert_eq!(
            names("@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM")
                .unwrap(),
            [0, 1, 4, 5, 2, 3].map(|i| all[i])
        );
        assert_eq!(
            names("CHACHA20:AESGCM").unwrap(),
            [2, 3, 0, 1, 4, 5].map(|i| all[i])
        );
        assert_eq!(names("AESGCM:CHACHA20:@STRENGTH").unwrap(), all);
        // curl's old default, Apache's, a hardened guide's: unknown words are ignored
        for s in [
            "ALL:!EXPORT:!EXPORT40:!EXPORT56:!aNULL:!LOW:!RC4:@STRENGTH",
            "HIGH:MEDIUM:!MD5:!RC4:!3DES",
            "HIGH:!aNULL:!kRSA:!PSK:!SRP:!MD5:!RC4",
        ] {
            assert_eq!(names(s).unwrap(), all, "{s}");
        }
        assert_eq!(
            names("ALL:+CHACHA20").unwrap(),
            [0, 1, 4, 5, 2, 3].map(|i| all[i])
        );
        assert_eq!(
            names("ALL:-AESGCM:AESGCM").unwrap(),
            [2, 3, 0, 1, 4, 5].map(|i| all[i])
        );
        assert_eq!(names("ALL:!AESGCM:AESGCM").unwrap(), [2, 3].map(|i| all[i]));
        assert_eq!(names("ALL:-aRSA:+aRSA").unwrap(), [0, 2, 4].map(|i| all[i]));
        assert_eq!(
            names("ALL:+aRSA").unwrap(),
            [0, 2, 4, 1, 3, 5].map(|i| all[i])
        );
        assert_eq!(
            names("aRSA;aECDSA").unwrap(),
            [1, 3, 5, 0, 2, 4].map(|i| all[i])
        );
        assert_eq!(names("ALL@STRENGTH").unwrap(), all);
        assert_eq!(
            names("ECDHE+AES128:ECDHE+AES256").unwrap(),
            [4, 5, 0, 1].map(|i| all[i])
        );
        assert_eq!(
            names("aRSA+BOGUS:aECDSA").unwrap(),
            [0, 2, 4].map(|i| all[i])
        );
        assert_eq!(names("SUITEB128:aRSA").unwrap(), [4, 0].map(|i| all[i]));
        assert_eq!(names("FIPS").unwrap(), [0, 1, 4, 5].map(|i| all[i]));
        assert_eq!(names("-ALL:ECDHE-RSA-AES128-GCM-SHA256").unwrap(), [all[5]]);
        assert_eq!(names("ECDHE-RSA-AES128-GCM-SHA256+AES").unwrap(), [all[5]]);
        for s in [
            "",
            "BOGUS",
            "!aNULL",
            "+aRSA",
            "all",
            "MEDIUM",
            "SHA256",
            "RSA",
            "AES128-SHA",
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "@SECLEVEL=5",
            "ECDHE-RSA-AES128-GCM-SHA256:!AES128",
        ] {
            assert_eq!(names(s), Err(NoMatch), "{s:?}");
        }
        for s in [
            "@FOO",
            "ALL:@FOO",
            "@SECLEVEL=a",
            "ALL:@SECLEVEL=",
            "ALL:@SECLEVEL=10",
            "@SECLEVEL=6",
            "ALL:#FOO",
            "ALL:!",
            "ALL:+",
            "-",
            "aRSA+",
            "ALL:@STRENGTHX",
        ] {
            assert_eq!(names(s), Err(InvalidCommand), "{s:?}");
        }
        assert_eq!(
            parse_cipher_list("ALL:@SECLEVEL=0").unwrap().security_level,
            Some(0)
        );
    }

    #[test]
    fn descriptions() {
        assert_eq!(
            description(by_iana(0x1302).unwrap()),
            "TLS_AES_256_GCM_SHA384         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(256)            Mac=AEAD\n"
        );
        assert_eq!(
            description(by_iana(0xCCA9).unwrap()),
            "ECDHE-ECDSA-CHACHA20-POLY1305  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=CHACHA20/POLY1305(256) Mac=AEAD\n"
        );
        let c = by_iana(0xC02F).unwrap();
        assert_eq!(
            (
                kx_nid(c),
                auth_nid(c),
                cipher_nid(c),
                handshake_digest_nid(c)
            ),
            (1038, 1046, 895, 672)
        );
    }
}
