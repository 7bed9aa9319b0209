//! Bare rustls + ring doing the same in-process work as `bench/bench.c`, without the OpenSSL
//! compatibility layer: the baseline for "what does sslrs cost on top of the engine".
//!
//! ```text
//! cargo build --release --example bare_rustls
//! target/release/examples/bare_rustls hs-tls13-ecdsa|hs-tls13-rsa|hs-tls12-ecdsa SECS
//! target/release/examples/bare_rustls bulk-aes128-16k SECS
//! target/release/examples/bare_rustls hs-resume-tls13|hs-resume-tls12 SECS
//! target/release/examples/bare_rustls one-handshake tls13-ecdsa|tls13-rsa|tls12-ecdsa [COUNT]
//! target/release/examples/bare_rustls one-handshake resume-tls13|resume-tls12 [COUNT]
//! ```
//!
//! One handshake unit is the C benchmark's: new client and server connections (SNI and
//! certificate verification for "localhost" against the CA, no resumption offered, the server
//! sends rustls' default two TLS 1.3 tickets), the handshake driven to completion over in-memory
//! buffers, one byte each way, drop. Bulk: the client writes 16 KiB, the server reads it, the
//! server writes 16 KiB, the client reads it; MB/s (10^6 bytes) counts both directions.
//!
//! One resumed unit (`hs-resume-*`, `one-handshake resume-*`, ECDSA) is the C benchmark's too:
//! what sslrs configures, without it. The client keeps rustls' in-memory session cache
//! (`Resumption::in_memory_sessions`), so each connection offers a ticket an earlier one
//! received; the server seals tickets with `ring::Ticketer` (TLS 1.2 and 1.3), keeps its
//! default session-id cache and sends rustls' default two TLS 1.3 tickets. The handshake must
//! be resumed on both sides (`handshake_kind() == Resumed`, else the run panics); one byte
//! each way (the client stores the new tickets), close_notify from both sides, drop.
//! Every mode prints one number on stdout. Run from the repository root.

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Instant;

use rustls::client::Resumption;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{
    ClientConfig, ClientConnection, Connection, HandshakeKind, RootCertStore, ServerConfig,
    ServerConnection,
};

#[derive(Clone, Copy)]
enum Kind {
    Tls13Ecdsa,
    Tls13Rsa,
    Tls12Ecdsa,
}

pub struct Configs {
    client: Arc<ClientConfig>,
    server: Arc<ServerConfig>,
}

fn certs_dir() -> String {
    std::env::var("SSLRS_CERTS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "c-tests/certs".into())
}

/// `resume`: the client caches sessions and the server issues tickets (the resumed modes).
fn configs(kind: Kind, suite: Option<&str>, resume: bool) -> Configs {
    let dir = certs_dir();
    let (cert, key, ca) = match kind {
        Kind::Tls13Rsa => ("server-rsa.pem", "server-rsa.key", "ca-rsa.pem"),
        _ => ("server-ec.pem", "server-ec.key", "ca-ec.pem"),
    };
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(format!("{dir}/{cert}"))
            .expect("server certificate file")
            .collect::<Result<_, _>>()
            .expect("server certificate");
    let key = PrivateKeyDer::from_pem_file(format!("{dir}/{key}")).expect("server key");
    let mut roots = RootCertStore::empty();
    for c in CertificateDer::pem_file_iter(format!("{dir}/{ca}")).expect("CA file") {
        roots.add(c.expect("CA certificate")).expect("CA usable");
    }

    let mut provider = rustls::crypto::ring::default_provider();
    if let Some(name) = suite {
        provider
            .cipher_suites
            .retain(|s| s.suite().as_str() == Some(name));
        assert!(!provider.cipher_suites.is_empty(), "unknown suite {name}");
    }
    let provider: Arc<CryptoProvider> = Arc::new(provider);
    let versions: &[&rustls::SupportedProtocolVersion] = match kind {
        Kind::Tls12Ecdsa => &[&rustls::version::TLS12],
        _ => &[&rustls::version::TLS13],
    };

    let mut client = ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(versions)
        .expect("client versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    // OpenSSL (and sslrs) clients offer no session unless the application sets one.
    client.resumption = if resume {
        Resumption::in_memory_sessions(256)
    } else {
        Resumption::disabled()
    };
    let mut server = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .expect("server versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server certificate and key");
    if resume {
        server.ticketer = rustls::crypto::ring::Ticketer::new().expect("ticketer");
    }
    Configs {
        client: Arc::new(client),
        server: Arc::new(server),
    }
}

/// Moves every pending TLS byte from `from` to `to` and processes it; returns the byte count.
fn pump(from: &mut Connection, to: &mut Connection, buf: &mut Vec<u8>) -> usize {
    buf.clear();
    while from.wants_write() {
        from.write_tls(buf).expect("write_tls");
    }
    let mut rd: &[u8] = buf;
    while !rd.is_empty() {
        to.read_tls(&mut rd).expect("read_tls");
        to.process_new_packets().expect("process_new_packets");
    }
    buf.len()
}

fn new_pair(cfg: &Configs) -> (Connection, Connection) {
    let name = ServerName::try_from("localhost").expect("server name");
    let c = ClientConnection::new(cfg.client.clone(), name).expect("client connection");
    let s = ServerConnection::new(cfg.server.clone()).expect("server connection");
    (Connection::Client(c), Connection::Server(s))
}

/// Drives the handshake to completion; panics unless it was a full one.
fn handshake(c: &mut Connection, s: &mut Connection, buf: &mut Vec<u8>) {
    handshake_ex(c, s, buf, true);
}

/// Drives the handshake to completion; panics unless it was a full one (`full`) or a resumed
/// one on both sides.
fn handshake_ex(c: &mut Connection, s: &mut Connection, buf: &mut Vec<u8>, full: bool) {
    let mut flight = 0;
    for _ in 0..16 {
        if !c.is_handshaking() && !s.is_handshaking() && !c.wants_write() && !s.wants_write() {
            break;
        }
        pump(c, s, buf);
        flight = flight.max(pump(s, c, buf));
    }
    assert!(
        !c.is_handshaking() && !s.is_handshaking(),
        "handshake stalled"
    );
    if !full {
        let (ck, sk) = (c.handshake_kind(), s.handshake_kind());
        assert!(
            ck == Some(HandshakeKind::Resumed) && sk == Some(HandshakeKind::Resumed),
            "the session was not resumed (client {ck:?}, server {sk:?})"
        );
        return;
    }
    assert!(
        flight >= 400,
        "server flight {flight} bytes: not a full handshake"
    );
}

/// Writes `data` on `from` and reads all of it on `to`.
fn xfer(
    from: &mut Connection,
    to: &mut Connection,
    data: &[u8],
    rbuf: &mut [u8],
    buf: &mut Vec<u8>,
) {
    from.writer().write_all(data).expect("write");
    pump(from, to, buf);
    let mut got = 0;
    while got < data.len() {
        let n = to.reader().read(&mut rbuf[got..data.len()]).expect("read");
        assert!(n > 0, "peer data missing");
        got += n;
    }
}

fn handshake_unit(cfg: &Configs, buf: &mut Vec<u8>) {
    let (mut c, mut s) = new_pair(cfg);
    handshake(&mut c, &mut s, buf);
    let mut r = [0u8; 1];
    xfer(&mut c, &mut s, b"x", &mut r, buf);
    xfer(&mut s, &mut c, b"x", &mut r, buf);
}

/// One resumed unit: the client offers a cached ticket; resumed, ping, close_notify both ways.
fn resumed_unit(cfg: &Configs, buf: &mut Vec<u8>) {
    let (mut c, mut s) = new_pair(cfg);
    handshake_ex(&mut c, &mut s, buf, false);
    let mut r = [0u8; 1];
    xfer(&mut c, &mut s, b"x", &mut r, buf);
    xfer(&mut s, &mut c, b"x", &mut r, buf);
    for conn in [&mut c, &mut s] {
        conn.send_close_notify();
        buf.clear();
        while conn.wants_write() {
            conn.write_tls(buf).expect("write_tls");
        }
    }
}

/// Configs for the resumed modes, the client's cache primed by one full handshake and one
/// resumed warm-up unit.
fn resumed_setup(kind: Kind, buf: &mut Vec<u8>) -> Configs {
    let cfg = configs(kind, None, true);
    handshake_unit(&cfg, buf);
    resumed_unit(&cfg, buf);
    cfg
}

fn bench_resumed(kind: Kind, secs: f64) -> f64 {
    let mut buf = Vec::with_capacity(64 * 1024);
    let cfg = resumed_setup(kind, &mut buf);
    let t0 = Instant::now();
    let mut n = 0u64;
    loop {
        resumed_unit(&cfg, &mut buf);
        n += 1;
        if t0.elapsed().as_secs_f64() >= secs {
            break;
        }
    }
    n as f64 / t0.elapsed().as_secs_f64()
}

fn bench_handshakes(kind: Kind, secs: f64) -> f64 {
    let cfg = configs(kind, None, false);
    let mut buf = Vec::with_capacity(64 * 1024);
    handshake_unit(&cfg, &mut buf);
    let t0 = Instant::now();
    let mut n = 0u64;
    loop {
        handshake_unit(&cfg, &mut buf);
        n += 1;
        if t0.elapsed().as_secs_f64() >= secs {
            break;
        }
    }
    n as f64 / t0.elapsed().as_secs_f64()
}

fn bench_bulk(suite: &str, chunk: usize, secs: f64) -> f64 {
    let cfg = configs(Kind::Tls13Ecdsa, Some(suite), false);
    let mut buf = Vec::with_capacity(64 * 1024);
    let (mut c, mut s) = new_pair(&cfg);
    handshake(&mut c, &mut s, &mut buf);
    let data = vec![0xa5u8; chunk];
    let mut rbuf = vec![0u8; chunk];
    for _ in 0..8 {
        xfer(&mut c, &mut s, &data, &mut rbuf, &mut buf);
        xfer(&mut s, &mut c, &data, &mut rbuf, &mut buf);
    }
    let got = c.negotiated_cipher_suite().and_then(|s| s.suite().as_str());
    assert_eq!(got, Some(suite), "negotiated suite");
    let t0 = Instant::now();
    let mut n = 0u64;
    loop {
        for _ in 0..16 {
            xfer(&mut c, &mut s, &data, &mut rbuf, &mut buf);
            xfer(&mut s, &mut c, &data, &mut rbuf, &mut buf);
        }
        n += 32;
        if t0.elapsed().as_secs_f64() >= secs {
            break;
        }
    }
    (n as f64) * (chunk as f64) / t0.elapsed().as_secs_f64() / 1e6
}

/// The callgrind region: `--toggle-collect=*bench_measured_handshake*`.
#[inline(never)]
#[no_mangle]
pub fn bench_measured_handshake(cfg: &Configs, count: u32, buf: &mut Vec<u8>) {
    for _ in 0..count {
        handshake_unit(cfg, buf);
    }
    std::hint::black_box(&buf);
}

/// The callgrind region for resumed handshakes: `--toggle-collect=bench_measured_resumed`.
#[inline(never)]
#[no_mangle]
pub fn bench_measured_resumed(cfg: &Configs, count: u32, buf: &mut Vec<u8>) {
    for _ in 0..count {
        resumed_unit(cfg, buf);
    }
    std::hint::black_box(&buf);
}

/// The callgrind region for 16 KiB writes client -> server.
#[inline(never)]
#[no_mangle]
pub fn bench_measured_transfer(
    c: &mut Connection,
    s: &mut Connection,
    total: usize,
    buf: &mut Vec<u8>,
) {
    let data = [0xa5u8; 16384];
    let mut rbuf = vec![0u8; 16384];
    let mut done = 0;
    while done < total {
        xfer(c, s, &data, &mut rbuf, buf);
        done += data.len();
    }
    std::hint::black_box(&rbuf);
}

fn kind_of(name: &str) -> Option<Kind> {
    match name {
        "tls13-ecdsa" => Some(Kind::Tls13Ecdsa),
        "tls13-rsa" => Some(Kind::Tls13Rsa),
        "tls12-ecdsa" => Some(Kind::Tls12Ecdsa),
        _ => None,
    }
}

fn suite_of(name: &str) -> Option<&'static str> {
    match name {
        "aes128" => Some("TLS13_AES_128_GCM_SHA256"),
        "aes256" => Some("TLS13_AES_256_GCM_SHA384"),
        "chacha" => Some("TLS13_CHACHA20_POLY1305_SHA256"),
        _ => None,
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: bare_rustls hs-tls13-ecdsa|hs-tls13-rsa|hs-tls12-ecdsa SECS |\n\
         \x20      bulk-{{aes128,aes256,chacha}}-{{16k,1k}} SECS |\n\
         \x20      hs-resume-tls13|hs-resume-tls12 SECS |\n\
         \x20      one-handshake tls13-ecdsa|tls13-rsa|tls12-ecdsa|resume-tls13|resume-tls12 [COUNT] |\n\
         \x20      transfer-1mib [MIB]"
    );
    std::process::exit(64)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or_else(|| usage());
    let arg = args.get(2).map(String::as_str);
    let secs: f64 = arg.and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let r = match mode {
        "one-handshake" => {
            let count: u32 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(1);
            let resumed = match arg {
                Some("resume-tls13") => Some(Kind::Tls13Ecdsa),
                Some("resume-tls12") => Some(Kind::Tls12Ecdsa),
                _ => None,
            };
            if let Some(kind) = resumed {
                let mut buf = Vec::with_capacity(64 * 1024);
                let cfg = resumed_setup(kind, &mut buf);
                bench_measured_resumed(&cfg, count, &mut buf);
                println!("{count}");
                return;
            }
            let kind = arg.and_then(kind_of).unwrap_or_else(|| usage());
            let cfg = configs(kind, None, false);
            let mut buf = Vec::with_capacity(64 * 1024);
            handshake_unit(&cfg, &mut buf);
            bench_measured_handshake(&cfg, count, &mut buf);
            println!("{count}");
            return;
        }
        "transfer-1mib" => {
            let mib: usize = arg.and_then(|a| a.parse().ok()).unwrap_or(1);
            let cfg = configs(Kind::Tls13Ecdsa, Some("TLS13_AES_128_GCM_SHA256"), false);
            let mut buf = Vec::with_capacity(64 * 1024);
            let (mut c, mut s) = new_pair(&cfg);
            handshake(&mut c, &mut s, &mut buf);
            let (data, mut rbuf) = ([0xa5u8; 16384], [0u8; 16384]);
            xfer(&mut c, &mut s, &data, &mut rbuf, &mut buf); // warm-up, outside the region
            bench_measured_transfer(&mut c, &mut s, mib << 20, &mut buf);
            println!("{mib}");
            return;
        }
        "hs-tls13-ecdsa" => bench_handshakes(Kind::Tls13Ecdsa, secs),
        "hs-tls13-rsa" => bench_handshakes(Kind::Tls13Rsa, secs),
        "hs-tls12-ecdsa" => bench_handshakes(Kind::Tls12Ecdsa, secs),
        "hs-resume-tls13" => bench_resumed(Kind::Tls13Ecdsa, secs),
        "hs-resume-tls12" => bench_resumed(Kind::Tls12Ecdsa, secs),
        m => {
            let rest = m.strip_prefix("bulk-").unwrap_or_else(|| usage());
            let (name, size) = rest.split_once('-').unwrap_or_else(|| usage());
            let suite = suite_of(name).unwrap_or_else(|| usage());
            let chunk = match size {
                "16k" => 16384,
                "1k" => 1024,
                _ => usage(),
            };
            bench_bulk(suite, chunk, secs)
        }
    };
    println!("{r:.1}");
}
