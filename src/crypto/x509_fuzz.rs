//! Mutation fuzzing of the native certificate parsers (a test, not a target): mutated DER of
//! the suite's varied certificates goes through `Certificate::from_der`, the field parser
//! (serial, times, extensions, alternative names, key), the subject and issuer printers and the
//! host matcher; none may panic. `SSLRS_FUZZ_ITERATIONS` sets the count (default 200,000; the
//! README reports a run of 1,000,000).

use super::x509::Certificate;
use crate::engine::hostmatch::{self, Kind};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

const SEEDS: &[&str] = &[
    include_str!("../../c-tests/certs/server-ec.pem"),
    include_str!("../../c-tests/certs/server-rsa.pem"),
    include_str!("../../c-tests/certs/int-ca.pem"),
    include_str!("../../c-tests/certs/hosts/wild.pem"),
    include_str!("../../c-tests/certs/hosts/cn-only.pem"),
    include_str!("../../c-tests/certs/fields/ed25519.pem"),
    include_str!("../../c-tests/certs/fields/negserial.pem"),
    include_str!("../../c-tests/certs/fields/ec384.pem"),
    include_str!("../../c-tests/certs/names/bmp.pem"),
    include_str!("../../c-tests/certs/names/escapes.pem"),
];

fn exercise(der: &[u8]) {
    let Ok(cert) = Certificate::from_der(CertificateDer::from(der.to_vec())) else {
        return;
    };
    let _ = cert.subject_oneline();
    let _ = cert.issuer_oneline();
    let _ = cert.is_self_issued();
    if let Some(f) = cert.fields() {
        for (_, e) in f.find(super::x509_fields::OID_SAN) {
            let _ = super::x509_fields::Fields::alt_names(&e.value);
        }
        for e in &f.extensions {
            let _ = super::x509_fields::Fields::basic_constraints(&e.value);
            let _ = super::x509_fields::Fields::bit_string(&e.value);
            let _ = super::x509_fields::Fields::octet_string(&e.value);
        }
        let _ = f.key_usage();
        let _ = f.extended_key_usage();
        let _ = f.extension_flags(cert.is_self_issued());
        let _ = super::x509_fields::key_info(&f.spki);
    }
    let _ = hostmatch::check(der, Kind::Dns, b"www.example.com", 0);
    let _ = hostmatch::check(der, Kind::Dns, b".example.com", 0x10);
    let _ = hostmatch::check(der, Kind::Email, b"Joe@example.com", 0);
    let _ = hostmatch::check(der, Kind::Ip, &[127, 0, 0, 1], 0);
}

#[test]
fn fuzz_certificates() {
    let seeds: Vec<Vec<u8>> = SEEDS
        .iter()
        .map(|p| {
            CertificateDer::from_pem_slice(p.as_bytes())
                .unwrap()
                .to_vec()
        })
        .collect();
    let n: u64 = std::env::var("SSLRS_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let mut d = seeds[(i % seeds.len() as u64) as usize].clone();
        for _ in 0..1 + next() % 4 {
            let r = next();
            let at = (r >> 8) as usize % d.len();
            match r % 4 {
                0 => d[at] = (r >> 32) as u8,
                1 => d[at] ^= 1 << ((r >> 32) % 8),
                2 => d.truncate(at.max(1)),
                _ => d.insert(at, (r >> 40) as u8),
            }
        }
        exercise(&d);
    }
}
