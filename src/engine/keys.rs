//! Secrets and per-connection odds and ends the application may ask for: NSS key-log lines
//! (`SSL_CTX_set_keylog_callback`, `SSLKEYLOGFILE`), the hello randoms, the TLS 1.2 master
//! secret, exporters, key updates, and the renegotiation / early-data state OpenSSL reports.
//!
//! rustls hands secrets to a [`KeyLog`]; each connection gets its own [`Logger`], installed on
//! its config by [`Keys::install`]. Lines are formatted only when someone listens (a key-log
//! callback or `SSLKEYLOGFILE`); the TLS 1.2 master secret is always kept (rustls logs it
//! unconditionally, and `SSL_SESSION_get_master_key` needs it).
//!
//! rustls does not expose the hello randoms, so [`HelloTap`] watches the plaintext records the
//! connection reads and writes until it has seen the ClientHello / ServerHello it needs, then
//! stops looking.

use crate::engine::conn::{hs, Conn, Stop};
use crate::engine::context::TLS1_3_VERSION;
use crate::engine::events::Event;
use crate::error::{common, lib, ssl_r, Error};
use crate::sync::Mutex;
use rustls::KeyLog;
use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::sync::{Arc, OnceLock};

/// `SSL_KEY_UPDATE_NONE`.
pub const KEY_UPDATE_NONE: i32 = -1;
/// `SSL_KEY_UPDATE_NOT_REQUESTED` / `SSL_KEY_UPDATE_REQUESTED`.
pub const KEY_UPDATE_NOT_REQUESTED: i32 = 0;
pub const KEY_UPDATE_REQUESTED: i32 = 1;
/// `SSL_READ_EARLY_DATA_*`.
pub const READ_EARLY_DATA_ERROR: i32 = 0;
pub const READ_EARLY_DATA_FINISH: i32 = 2;
/// `SSL_OP_NO_RENEGOTIATION`.
const OP_NO_RENEGOTIATION: u64 = 1 << 30;

/// The TLS 1.3 labels in the order OpenSSL 3.0 logs them (measured), per role.
const CLIENT_ORDER: [&str; 5] = [
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "EXPORTER_SECRET",
    "SERVER_TRAFFIC_SECRET_0",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
];
const SERVER_ORDER: [&str; 5] = [
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "EXPORTER_SECRET",
    "SERVER_TRAFFIC_SECRET_0",
    "CLIENT_TRAFFIC_SECRET_0",
];

/// `SSLKEYLOGFILE`, opened once per process (append, created 0600). `None`: not set or not
/// writable.
fn keylog_file() -> Option<&'static Mutex<std::fs::File>> {
    static FILE: OnceLock<Option<Mutex<std::fs::File>>> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = std::env::var_os("SSLKEYLOGFILE").filter(|p| !p.is_empty())?;
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(path)
            .ok()
            .map(Mutex::new)
    })
    .as_ref()
}

fn hex_into(out: &mut String, bytes: &[u8]) {
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
}

/// One NSS key-log line, without the newline.
pub fn format_line(label: &str, client_random: &[u8], secret: &[u8]) -> String {
    let mut line =
        String::with_capacity(label.len() + 2 + 2 * (client_random.len() + secret.len()));
    line.push_str(label);
    line.push(' ');
    hex_into(&mut line, client_random);
    line.push(' ');
    hex_into(&mut line, secret);
    line
}

/// The per-connection [`KeyLog`] rustls calls. Its `Debug` shows no secrets.
#[derive(Default)]
pub struct Logger {
    /// A key-log callback is installed: queue lines for it.
    callback: bool,
    /// `SSLKEYLOGFILE` is set: append lines to it.
    file: bool,
    inner: Mutex<Logged>,
}

impl std::fmt::Debug for Logger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logger")
            .field("callback", &self.callback)
            .field("file", &self.file)
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
struct Logged {
    /// `(label, line)` for the callback, in rustls's order.
    lines: Vec<(&'static str, String)>,
    master_secret: Option<Vec<u8>>,
}

impl Logger {
    fn lock(&self) -> crate::sync::MutexGuard<'_, Logged> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn static_label(label: &str) -> &'static str {
    const ALL: [&str; 7] = [
        "CLIENT_RANDOM",
        "CLIENT_EARLY_TRAFFIC_SECRET",
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0",
        "SERVER_TRAFFIC_SECRET_0",
        "EXPORTER_SECRET",
    ];
    ALL.iter().copied().find(|l| *l == label).unwrap_or("")
}

impl KeyLog for Logger {
    fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
        if label == "CLIENT_RANDOM" {
            self.lock().master_secret = Some(secret.to_vec());
        }
        // sslrs never sends or accepts early data, and OpenSSL logs the early traffic secret
        // only when early data is used; rustls derives it whenever a PSK is offered.
        if (!self.callback && !self.file) || label == "CLIENT_EARLY_TRAFFIC_SECRET" {
            return;
        }
        let line = format_line(label, client_random, secret);
        if self.file {
            if let Some(f) = keylog_file() {
                let mut whole = String::with_capacity(line.len() + 1);
                whole.push_str(&line);
                whole.push('\n');
                // One write of the whole line on an O_APPEND file.
                let mut f = f.lock().unwrap_or_else(|p| p.into_inner());
                let _ = f.write_all(whole.as_bytes());
            }
        }
        if self.callback {
            self.lock().lines.push((static_label(label), line));
        }
    }

    fn will_log(&self, label: &str) -> bool {
        label == "CLIENT_RANDOM"
            || ((self.callback || self.file) && label != "CLIENT_EARLY_TRAFFIC_SECRET")
    }
}

/// Finds the random of the first ClientHello and of the first ServerHello that is not a
/// HelloRetryRequest in a stream of TLS records, then stops looking.
#[derive(Clone, Debug)]
pub struct HelloTap {
    done: bool,
    hdr: [u8; 5],
    hdr_have: usize,
    body_left: usize,
    /// The current record is a handshake record whose bytes are collected.
    collect: bool,
    /// Handshake type (1), length (3), version (2), random (32).
    acc: [u8; 38],
    acc_have: usize,
    /// `(handshake type, random)`.
    found: Option<(u8, [u8; 32])>,
}

impl Default for HelloTap {
    fn default() -> Self {
        HelloTap {
            done: false,
            hdr: [0; 5],
            hdr_have: 0,
            body_left: 0,
            collect: false,
            acc: [0; 38],
            acc_have: 0,
            found: None,
        }
    }
}

/// The random a HelloRetryRequest carries (RFC 8446, 4.1.3).
const HRR_RANDOM: [u8; 32] = [
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
];

impl HelloTap {
    /// Watches `data`, the next bytes of the stream.
    pub fn feed(&mut self, mut data: &[u8]) {
        while !self.done && !data.is_empty() {
            if self.body_left == 0 {
                let n = (5 - self.hdr_have).min(data.len());
                self.hdr[self.hdr_have..self.hdr_have + n].copy_from_slice(&data[..n]);
                self.hdr_have += n;
                data = &data[n..];
                if self.hdr_have == 5 {
                    self.hdr_have = 0;
                    self.body_left = usize::from(u16::from_be_bytes([self.hdr[3], self.hdr[4]]));
                    self.collect = self.hdr[0] == 22;
                }
                continue;
            }
            let n = self.body_left.min(data.len());
            let (chunk, rest) = data.split_at(n);
            data = rest;
            self.body_left -= n;
            if self.collect {
                let take = (self.acc.len() - self.acc_have).min(chunk.len());
                self.acc[self.acc_have..self.acc_have + take].copy_from_slice(&chunk[..take]);
                self.acc_have += take;
                if self.acc_have == self.acc.len() {
                    self.hello_seen();
                }
            }
        }
    }

    fn hello_seen(&mut self) {
        let mut random = [0u8; 32];
        random.copy_from_slice(&self.acc[6..]);
        let kind = self.acc[0];
        if kind == 2 && random == HRR_RANDOM {
            // Wait for the real ServerHello, which starts a later record.
            self.acc_have = 0;
            self.collect = false;
            return;
        }
        if kind == 1 || kind == 2 {
            self.found = Some((kind, random));
        }
        self.done = true;
    }

    /// A reader that shows this tap what it reads.
    pub fn reader<R: Read>(&mut self, inner: R) -> TapRead<'_, R> {
        TapRead { tap: self, inner }
    }

    /// A writer that shows this tap what it writes.
    pub fn writer<W: Write>(&mut self, inner: W) -> TapWrite<'_, W> {
        TapWrite { tap: self, inner }
    }
}

pub struct TapRead<'a, R> {
    tap: &'a mut HelloTap,
    inner: R,
}

impl<R: Read> Read for TapRead<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tap.feed(&buf[..n]);
        Ok(n)
    }
}

pub struct TapWrite<'a, W> {
    tap: &'a mut HelloTap,
    inner: W,
}

impl<W: Write> Write for TapWrite<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.tap.feed(&buf[..n]);
        Ok(n)
    }
    /// Forwarded whole: the BIO writer sends a vectored write as one BIO write.
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        let n = self.inner.write_vectored(bufs)?;
        crate::engine::conn::for_each_written(bufs, n, |b| self.tap.feed(b));
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `SSL_read_early_data`'s progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum EarlyState {
    #[default]
    None,
    AcceptRetry,
    Finished,
}

/// A connection's secrets and the state of the calls in this module. Starts empty with every
/// new handshake (`Conn::fresh`). No `Debug`: it holds secrets.
#[derive(Default)]
pub struct Keys {
    logger: Option<Arc<Logger>>,
    /// Records the connection reads.
    pub rx: HelloTap,
    /// Records the connection writes.
    pub tx: HelloTap,
    /// TLS 1.3 lines held back to be released in OpenSSL's order.
    held: [Option<String>; 5],
    released: usize,
    /// `SSL_key_update`: the type of the update not yet sent.
    key_update: i32,
    /// `SSL_renegotiate` before the handshake.
    reneg: bool,
    early: EarlyState,
}

impl Keys {
    /// Installs this connection's key logger in a rustls config's `key_log` slot. `callback`:
    /// the context has a key-log callback.
    pub fn install(&mut self, slot: &mut Arc<dyn KeyLog>, callback: bool) {
        let logger = Arc::new(Logger {
            callback,
            file: keylog_file().is_some(),
            inner: Mutex::default(),
        });
        *slot = logger.clone();
        self.logger = Some(logger);
    }

    fn random(&self, kind: u8) -> Option<[u8; 32]> {
        [&self.rx, &self.tx]
            .into_iter()
            .find_map(|t| t.found.filter(|f| f.0 == kind).map(|f| f.1))
    }

    /// The ClientHello random (zeros before it was sent or received).
    pub fn client_random(&self) -> [u8; 32] {
        self.random(1).unwrap_or_default()
    }

    /// The ServerHello random (zeros before it was sent or received).
    pub fn server_random(&self) -> [u8; 32] {
        self.random(2).unwrap_or_default()
    }

    /// The TLS 1.2 master secret, once derived.
    pub fn master_secret(&self) -> Option<Vec<u8>> {
        self.logger.as_ref()?.lock().master_secret.clone()
    }

    /// Moves logged lines to `events` in OpenSSL's order: TLS 1.3 secrets are released in the
    /// role's order (a server's CLIENT_TRAFFIC_SECRET_0 when its handshake is done, as OpenSSL
    /// logs it on reading the client's Finished); anything else at once.
    fn collect(&mut self, server: bool, done: bool, events: &mut Vec<Event>) {
        let Some(logger) = &self.logger else { return };
        if !logger.callback {
            return;
        }
        let lines = std::mem::take(&mut logger.lock().lines);
        let order = if server { &SERVER_ORDER } else { &CLIENT_ORDER };
        for (label, line) in lines {
            match order.iter().position(|l| *l == label) {
                Some(rank) => self.held[rank] = Some(line),
                None => events.push(Event::KeyLog(line)),
            }
        }
        while self.released < order.len() {
            let last = self.released == order.len() - 1;
            if last && server && !done {
                break;
            }
            let Some(line) = self.held[self.released].take() else {
                break;
            };
            events.push(Event::KeyLog(line));
            self.released += 1;
        }
    }
}

impl Conn {
    /// Moves key-log lines recorded by the last operation into `events` (after every I/O call).
    pub fn collect_keylog(&mut self) {
        let (server, done) = (self.is_server(), !self.in_init());
        self.keys.collect(server, done, &mut self.events);
    }

    /// `SSL_get_client_random`'s bytes.
    pub fn client_random(&self) -> [u8; 32] {
        self.keys.client_random()
    }

    /// `SSL_get_server_random`'s bytes.
    pub fn server_random(&self) -> [u8; 32] {
        self.keys.server_random()
    }

    /// The TLS 1.2 master secret (`SSL_SESSION_get_master_key`); `None` for TLS 1.3 or before
    /// it was derived.
    pub fn master_secret(&self) -> Option<Vec<u8>> {
        self.keys.master_secret()
    }

    fn negotiated_tls13(&self) -> bool {
        self.tls.as_ref().and_then(|t| t.protocol_version())
            == Some(rustls::ProtocolVersion::TLSv1_3)
    }

    /// `SSL_export_keying_material`: `Ok(1)`, `Ok(-1)` before the handshake (nothing queued),
    /// `Err` for OpenSSL's failures (0).
    pub fn export_keying_material(
        &self,
        out: &mut [u8],
        label: Option<&[u8]>,
        context: Option<&[u8]>,
    ) -> Result<i32, Error> {
        let Some(tls) = self.tls.as_ref().filter(|t| !t.is_handshaking()) else {
            return Ok(-1);
        };
        if self.negotiated_tls13() {
            let Some(label) = label else {
                return Err(Error::internal("tls13_hkdf_expand"));
            };
            if out.is_empty() {
                return Ok(1);
            }
            // HkdfLabel's label is "tls13 " + label in a one-byte length.
            if label.len() > 255 - 6 {
                return Err(Error::ssl(
                    ssl_r::TLS_ILLEGAL_EXPORTER_LABEL,
                    "tls13_hkdf_expand",
                ));
            }
            // No context and an empty one are the same in TLS 1.3. Too long an output (more
            // than 255 hash blocks) fails in HKDF, as OpenSSL's.
            let ctx = context.unwrap_or(&[]);
            tls.export_keying_material(&mut *out, label, Some(ctx))
                .map_err(|_| Error::internal("tls13_hkdf_expand"))?;
            return Ok(1);
        }
        let label = label.unwrap_or(&[]);
        // RFC 5705's reserved labels, compared as OpenSSL does: against the start of the PRF
        // seed (label, client random, server random, context length, context).
        let mut seed = Vec::with_capacity(label.len() + 64);
        seed.extend_from_slice(label);
        seed.extend_from_slice(&self.client_random());
        seed.extend_from_slice(&self.server_random());
        const RESERVED: [&[u8]; 5] = [
            b"client finished",
            b"server finished",
            b"master secret",
            b"extended master secret",
            b"key expansion",
        ];
        if RESERVED.iter().any(|r| seed.starts_with(r)) {
            return Err(Error::ssl(
                ssl_r::TLS_ILLEGAL_EXPORTER_LABEL,
                "tls1_export_keying_material",
            ));
        }
        if out.is_empty() {
            const PROV_R_INVALID_KEY_LENGTH: i32 = 105;
            crate::crypto::err::push(Error::new(
                lib::PROV,
                PROV_R_INVALID_KEY_LENGTH,
                "kdf_tls1_prf_derive",
            ));
            return Err(Error::internal("tls1_PRF"));
        }
        if context.is_some_and(|c| c.len() > usize::from(u16::MAX)) {
            return Err(Error::internal("tls1_export_keying_material"));
        }
        tls.export_keying_material(&mut *out, label, context)
            .map_err(|_| Error::internal("tls1_PRF"))?;
        Ok(1)
    }

    /// `SSL_key_update`: schedules a TLS 1.3 KeyUpdate, sent by the next `SSL_do_handshake`,
    /// `SSL_write` or `SSL_read` (rustls always asks the peer to update too).
    pub fn key_update(&mut self, kind: i32) -> Result<(), Error> {
        const F: &str = "SSL_key_update";
        if !self.negotiated_tls13() {
            return Err(Error::ssl(ssl_r::WRONG_SSL_VERSION, F));
        }
        if kind != KEY_UPDATE_NOT_REQUESTED && kind != KEY_UPDATE_REQUESTED {
            return Err(Error::ssl(ssl_r::INVALID_KEY_UPDATE_TYPE, F));
        }
        if !self.is_init_finished() {
            return Err(Error::ssl(ssl_r::STILL_IN_INIT, F));
        }
        if self.wpend.is_some() {
            return Err(Error::ssl(ssl_r::BAD_WRITE_RETRY, F));
        }
        let tls = self.tls.as_mut().ok_or(Error::internal(F))?;
        tls.refresh_traffic_keys().map_err(|_| Error::internal(F))?;
        self.in_init = true;
        self.keys.key_update = kind;
        Ok(())
    }

    /// `SSL_get_key_update_type`: the scheduled update not yet sent, or `SSL_KEY_UPDATE_NONE`.
    pub fn key_update_type(&self) -> i32 {
        if self.in_init() && !self.in_before() && !self.in_error() {
            self.keys.key_update
        } else {
            KEY_UPDATE_NONE
        }
    }

    /// `SSL_renegotiate` / `SSL_renegotiate_abbreviated`. Renegotiation is not supported: a
    /// TLS 1.2 connection behaves as with `SSL_OP_NO_RENEGOTIATION`. Before the handshake
    /// OpenSSL only records the request (1).
    pub fn renegotiate(&mut self) -> Result<(), Error> {
        const F: &str = "can_renegotiate";
        if self.negotiated_tls13() {
            return Err(Error::ssl(ssl_r::WRONG_SSL_VERSION, F));
        }
        if self.settings.options & OP_NO_RENEGOTIATION != 0 || !self.in_before() {
            return Err(Error::ssl(ssl_r::NO_RENEGOTIATION, F));
        }
        self.keys.reneg = true;
        Ok(())
    }

    /// `SSL_renegotiate_pending`.
    pub fn renegotiate_pending(&self) -> bool {
        self.keys.reneg && self.in_init()
    }

    /// `SSL_verify_client_post_handshake`: rustls offers no post-handshake authentication, so
    /// a client never had the extension accepted.
    pub fn verify_client_post_handshake(&self) -> Result<(), Error> {
        const F: &str = "SSL_verify_client_post_handshake";
        if !self.negotiated_tls13() {
            return Err(Error::ssl(ssl_r::WRONG_SSL_VERSION, F));
        }
        if !self.is_server() {
            return Err(Error::ssl(ssl_r::NOT_SERVER, F));
        }
        if !self.is_init_finished() {
            return Err(Error::ssl(ssl_r::STILL_IN_INIT, F));
        }
        Err(Error::ssl(ssl_r::EXTENSION_NOT_RECEIVED, F))
    }

    /// `SSL_read_early_data` on a server: early data is never accepted, so this runs the
    /// handshake as far as OpenSSL's does (the server's flight written) and reports
    /// `SSL_READ_EARLY_DATA_FINISH`; 0 (`SSL_READ_EARLY_DATA_ERROR`) with `SSL_get_error`
    /// telling why otherwise.
    pub fn read_early_data(&mut self) -> Result<i32, Error> {
        const F: &str = "SSL_read_early_data";
        let wrong = Error::new(lib::SSL, common::SHOULD_NOT_HAVE_BEEN_CALLED, F);
        if !self.is_server() {
            return Err(wrong);
        }
        match self.keys.early {
            EarlyState::Finished => return Err(wrong),
            EarlyState::None if !self.in_before() => return Err(wrong),
            _ => {}
        }
        if self.role().is_none() {
            self.set_role(crate::engine::Role::Server);
        }
        match self.do_handshake() {
            Ok(()) => {}
            Err(Stop::Retry) if self.state() == hs::EARLY_DATA && self.version_is_13() => {}
            Err(_) => {
                self.keys.early = EarlyState::AcceptRetry;
                return Ok(READ_EARLY_DATA_ERROR);
            }
        }
        self.keys.early = EarlyState::Finished;
        Ok(READ_EARLY_DATA_FINISH)
    }

    fn version_is_13(&self) -> bool {
        self.version() == TLS1_3_VERSION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut r = vec![kind, 3, 3];
        r.extend_from_slice(&(body.len() as u16).to_be_bytes());
        r.extend_from_slice(body);
        r
    }

    fn hello(kind: u8, random: [u8; 32]) -> Vec<u8> {
        let mut m = vec![kind, 0, 0, 60, 3, 3];
        m.extend_from_slice(&random);
        m.extend_from_slice(&[0u8; 26]);
        m
    }

    #[test]
    fn tap_finds_randoms_in_pieces_and_skips_hrr() {
        let mut stream = record(20, &[1]);
        stream.extend(record(22, &hello(2, HRR_RANDOM)));
        stream.extend(record(20, &[1]));
        let sh = hello(2, [7; 32]);
        // The ServerHello split over two records.
        stream.extend(record(22, &sh[..10]));
        stream.extend(record(22, &sh[10..]));
        stream.extend(record(23, &[9; 40]));
        let mut tap = HelloTap::default();
        for b in stream.chunks(3) {
            tap.feed(b);
        }
        assert_eq!(tap.found, Some((2, [7; 32])));
        let mut tap = HelloTap::default();
        tap.feed(&record(22, &hello(1, [5; 32])));
        assert_eq!(tap.found, Some((1, [5; 32])));
    }

    #[test]
    fn lines_released_in_openssl_order() {
        let mut k = Keys::default();
        let logger = Arc::new(Logger {
            callback: true,
            file: false,
            inner: Mutex::default(),
        });
        k.logger = Some(logger.clone());
        for l in [
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            "CLIENT_TRAFFIC_SECRET_0",
            "SERVER_TRAFFIC_SECRET_0",
            "EXPORTER_SECRET",
        ] {
            logger.log(l, &[1; 32], &[2; 32]);
        }
        let mut ev = Vec::new();
        k.collect(true, false, &mut ev);
        let labels = |ev: &[Event]| -> Vec<String> {
            ev.iter()
                .map(|e| match e {
                    Event::KeyLog(l) => l.split(' ').next().unwrap_or("").to_string(),
                    _ => String::new(),
                })
                .collect()
        };
        assert_eq!(labels(&ev), SERVER_ORDER[..4].to_vec());
        ev.clear();
        k.collect(true, true, &mut ev);
        assert_eq!(labels(&ev), vec!["CLIENT_TRAFFIC_SECRET_0"]);
        assert_eq!(
            format_line("CLIENT_RANDOM", &[0xab, 1], &[0xff]),
            "CLIENT_RANDOM ab01 ff"
        );
    }
}
