//! `SSL`: one connection, OpenSSL's state model around a rustls connection.
//!
//! Transport bytes move only through the application's BIOs, one TLS record at a time (5 header
//! bytes, then exactly the body, as OpenSSL does without read-ahead), so bytes of later records
//! stay in the kernel or the BIO where `select()`/`poll()` and `BIO_ctrl_pending` can see them,
//! and one `SSL_read` returns at most one record's plaintext.

use crate::crypto::bio::{
    Bio, BIO_FLAGS_IO_SPECIAL, BIO_FLAGS_READ, BIO_FLAGS_SHOULD_RETRY, BIO_FLAGS_WRITE,
};
use crate::crypto::err;
use crate::engine::context::{mode, op, verify, Context, Settings, TLS1_2_VERSION, TLS1_3_VERSION};
use crate::engine::errmap;
use crate::engine::verify::{HostCheck, Verifier, VerifySlot};
use crate::error::{lib, ssl_r, Error};
use rustls::{Connection, ProtocolVersion};
use rustls_pki_types::{CertificateDer, ServerName};
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};

/// `SSL_want()` values (`rwstate`).
pub const SSL_NOTHING: i32 = 1;
pub const SSL_WRITING: i32 = 2;
pub const SSL_READING: i32 = 3;

/// `SSL_get_shutdown()` bits.
pub const SSL_SENT_SHUTDOWN: i32 = 1;
pub const SSL_RECEIVED_SHUTDOWN: i32 = 2;

/// `SSL_get_error()` values.
pub mod ssl_error {
    pub const NONE: i32 = 0;
    pub const SSL: i32 = 1;
    pub const WANT_READ: i32 = 2;
    pub const WANT_WRITE: i32 = 3;
    pub const SYSCALL: i32 = 5;
    pub const ZERO_RETURN: i32 = 6;
    pub const WANT_CONNECT: i32 = 7;
    pub const WANT_ACCEPT: i32 = 8;
}

/// `OSSL_HANDSHAKE_STATE` values the engine reports.
pub mod hs {
    pub const BEFORE: i32 = 0;
    pub const OK: i32 = 1;
    pub const CW_CLNT_HELLO: i32 = 12;
    pub const CW_FINISHED: i32 = 18;
    pub const SW_SRVR_DONE: i32 = 26;
    pub const EARLY_DATA: i32 = 46;
}

const SSL3_RT_HEADER_LENGTH: usize = 5;
/// The largest record body OpenSSL's default read buffer holds (16384 + 320 overhead + 3
/// alignment bytes): a longer header is PACKET_LENGTH_TOO_LONG before the body is read.
const MAX_RECORD_BODY: usize = 16384 + 320 + 3;
/// `SSL3_RT_MAX_ENCRYPTED_LENGTH`: a whole record longer than this is ENCRYPTED_LENGTH_TOO_LONG.
const MAX_ENCRYPTED_BODY: usize = 16384 + 320;
/// Alert descriptions the engine sends itself.
const AD_UNEXPECTED_MESSAGE: u8 = 10;
const AD_RECORD_OVERFLOW: u8 = 22;
const AD_DECODE_ERROR: u8 = 50;
/// `SSL3_RT_MAX_PLAIN_LENGTH`: the largest plaintext one record carries.
const MAX_PLAIN: usize = 16384;
const BIO_RR_CONNECT: i32 = 2;
const BIO_RR_ACCEPT: i32 = 3;

/// The role set by `SSL_set_connect_state`/`SSL_set_accept_state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Client,
    Server,
}

/// Why an operation stopped. The caller turns it into OpenSSL's return value; errors were
/// already queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Retry later: `rwstate` and the BIO's retry flags say which way.
    Retry,
    /// A transport failure (errno tells) or a call after a local fatal error: nothing queued.
    Syscall,
    /// A protocol or usage error, queued.
    Failed,
    /// The peer closed: close_notify, a fatal alert (queued), or EOF (queued unless ignored).
    Closed,
}

type Io<T> = Result<T, Stop>;

enum Record {
    Got,
    Eof,
}

/// The last write that returned a retry: OpenSSL's retry rules apply to the next one.
#[derive(Clone, Copy, Debug)]
struct PendingWrite {
    buf: usize,
    committed: usize,
}

/// One connection (`SSL`).
pub struct Conn {
    pub ctx: Arc<Context>,
    pub settings: Settings,
    pub rbio: Option<Arc<Bio>>,
    pub wbio: Option<Arc<Bio>>,
    /// `SSL_set1_host`: the name or address verification checks.
    pub host: Option<HostCheck>,
    /// `SSL_set_tlsext_host_name`: the SNI to send.
    pub sni: Option<String>,
    role: Option<Role>,
    tls: Option<Connection>,
    in_init: bool,
    before: bool,
    failed: bool,
    /// The peer's fatal alert arrived: the state reads "error" as after a local fatal error,
    /// but later calls report the closed connection (ZERO_RETURN), not SYSCALL.
    peer_fatal: bool,
    hand_state: i32,
    rwstate: i32,
    shutdown: i32,
    verify: Arc<Mutex<VerifySlot>>,
    /// The current record's header, as far as it has arrived.
    hdr: [u8; SSL3_RT_HEADER_LENGTH],
    hdr_have: usize,
    /// Body bytes of the current record not yet passed to rustls.
    body_left: usize,
    seen_record: bool,
    plain_avail: usize,
    wpend: Option<PendingWrite>,
}

/// `io::Write` over a BIO, mapping its retry flags to `WouldBlock`.
struct BioWriter<'a>(&'a Bio);

impl Write for BioWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = buf.len().min(i32::MAX as usize);
        let n = self.0.write(&buf[..len]);
        if n > 0 {
            Ok(n as usize)
        } else if self.0.test_flags(BIO_FLAGS_SHOULD_RETRY) != 0 {
            Err(io::ErrorKind::WouldBlock.into())
        } else {
            Err(io::ErrorKind::Other.into())
        }
    }
    /// Everything rustls has queued goes out in ONE BIO write, as OpenSSL sends a handshake
    /// flight through its buffering BIO with one write. This is observable: when the peer has
    /// sent a fatal alert and closed, the first write to the socket still succeeds (the RST
    /// comes back after it), a second one fails with EPIPE/ECONNRESET. With one write the
    /// next step reads the peer's alert and reports it, as OpenSSL does, instead of the
    /// write failure. A partial write is fine: rustls keeps what was not taken.
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        let mut parts = bufs.iter().filter(|b| !b.is_empty());
        match (parts.next(), parts.next()) {
            (None, _) => Ok(0),
            (Some(only), None) => self.write(only),
            _ => {
                let mut all = Vec::with_capacity(bufs.iter().map(|b| b.len()).sum());
                bufs.iter().for_each(|b| all.extend_from_slice(b));
                self.write(&all)
            }
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `io::Read` over a BIO for at most `limit` bytes. End of stream is reported as an error, not
/// as `Ok(0)`: EOF is the engine's to interpret (close_notify, unexpected EOF), not rustls's.
struct BioReader<'a> {
    bio: &'a Bio,
    limit: usize,
}

impl Read for BioReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf.len().min(self.limit).min(i32::MAX as usize);
        match self.bio.read(&mut buf[..want]) {
            n if n > 0 => Ok(n as usize),
            _ => Err(io::ErrorKind::WouldBlock.into()),
        }
    }
}

impl Conn {
    /// `SSL_new`: a connection with `ctx`'s current settings.
    pub fn new(ctx: Arc<Context>) -> Conn {
        let settings = ctx.with(|c| c.settings.clone());
        Conn::fresh(ctx, settings, None)
    }

    /// A connection in the "before" state: configuration and BIOs are set by the caller, every
    /// piece of handshake state starts from its initial value (the one place that lists them).
    fn fresh(ctx: Arc<Context>, settings: Settings, role: Option<Role>) -> Conn {
        Conn {
            ctx,
            settings,
            rbio: None,
            wbio: None,
            host: None,
            sni: None,
            role,
            tls: None,
            in_init: true,
            before: true,
            failed: false,
            peer_fatal: false,
            hand_state: hs::BEFORE,
            rwstate: SSL_NOTHING,
            shutdown: 0,
            verify: Arc::default(),
            hdr: [0; SSL3_RT_HEADER_LENGTH],
            hdr_have: 0,
            body_left: 0,
            seen_record: false,
            plain_avail: 0,
            wpend: None,
        }
    }

    /// `SSL_set_connect_state` / `SSL_set_accept_state`: sets the role and restarts the state
    /// machine; the connection's settings, BIOs, host and SNI stay.
    pub fn set_role(&mut self, role: Role) {
        let settings = std::mem::take(&mut self.settings);
        let mut fresh = Conn::fresh(self.ctx.clone(), settings, Some(role));
        fresh.rbio = self.rbio.take();
        fresh.wbio = self.wbio.take();
        fresh.host = self.host.take();
        fresh.sni = self.sni.take();
        *self = fresh;
    }

    /// The role, if one was set.
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// `SSL_is_server`.
    pub fn is_server(&self) -> bool {
        match self.role {
            Some(r) => r == Role::Server,
            None => self.ctx.method != crate::engine::context::Method::Client,
        }
    }

    /// `SSL_in_init`.
    pub fn in_init(&self) -> bool {
        self.in_init
    }
    /// `SSL_in_before`.
    pub fn in_before(&self) -> bool {
        self.before
    }
    /// `SSL_is_init_finished`.
    pub fn is_init_finished(&self) -> bool {
        !self.in_init && self.hand_state == hs::OK
    }
    /// `SSL_get_state`.
    pub fn state(&self) -> i32 {
        self.hand_state
    }
    /// True after a locally detected fatal error (state strings read "error").
    pub fn in_error(&self) -> bool {
        self.failed || self.peer_fatal
    }
    /// `SSL_want`.
    pub fn want(&self) -> i32 {
        self.rwstate
    }
    /// `SSL_get_shutdown`.
    pub fn shutdown_flags(&self) -> i32 {
        self.shutdown
    }
    /// `SSL_set_shutdown`: overwrites the flags, no I/O.
    pub fn set_shutdown_flags(&mut self, m: i32) {
        self.shutdown = m & (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    }
    /// `SSL_get_verify_result`.
    pub fn verify_result(&self) -> i64 {
        self.verify.lock().map_or(0, |v| v.result)
    }
    /// The peer's leaf certificate, if it sent one.
    pub fn peer_certificate(&self) -> Option<CertificateDer<'static>> {
        let from_slot = self
            .verify
            .lock()
            .ok()
            .and_then(|v| v.chain.first().cloned());
        from_slot.or_else(|| {
            self.tls
                .as_ref()?
                .peer_certificates()?
                .first()
                .map(|c| c.clone().into_owned())
        })
    }
    /// `SSL_version`: the negotiated version, or the highest enabled before a handshake.
    pub fn version(&self) -> i32 {
        match self.tls.as_ref().and_then(|t| t.protocol_version()) {
            Some(ProtocolVersion::TLSv1_3) => TLS1_3_VERSION,
            Some(ProtocolVersion::TLSv1_2) => TLS1_2_VERSION,
            Some(v) => i32::from(u16::from(v)),
            None => {
                let max = self.settings.max_version;
                if max != 0 && max < TLS1_3_VERSION {
                    max
                } else {
                    TLS1_3_VERSION
                }
            }
        }
    }
    /// The negotiated suite's IANA number, once the handshake is done.
    pub fn cipher_iana(&self) -> Option<u16> {
        if self.in_init {
            return None;
        }
        Some(u16::from(
            self.tls.as_ref()?.negotiated_cipher_suite()?.suite(),
        ))
    }
    /// `SSL_pending`: decrypted, unread bytes of the current record.
    pub fn pending(&self) -> usize {
        self.plain_avail
    }
    /// `SSL_has_pending`: decrypted or undecrypted bytes held here.
    pub fn has_pending(&self) -> bool {
        self.plain_avail > 0 || self.hdr_have > 0
    }

    /// `SSL_get_error(ssl, ret)`, in OpenSSL's decision order.
    pub fn get_error(&self, ret: i32) -> i32 {
        if ret > 0 {
            return ssl_error::NONE;
        }
        let e = err::peek_first();
        if e != 0 {
            let is_sys = e & 0x8000_0000 != 0 || (e >> 23) & 0xFF == lib::SYS as u64;
            return if is_sys {
                ssl_error::SYSCALL
            } else {
                ssl_error::SSL
            };
        }
        let from_bio = |b: Option<&Arc<Bio>>, write_first: bool| -> Option<i32> {
            let b = b?;
            let (r, w) = (
                b.test_flags(BIO_FLAGS_READ) != 0,
                b.test_flags(BIO_FLAGS_WRITE) != 0,
            );
            if b.test_flags(BIO_FLAGS_SHOULD_RETRY) == 0 {
                return None;
            }
            if w && (write_first || !r) {
                Some(ssl_error::WANT_WRITE)
            } else if r {
                Some(ssl_error::WANT_READ)
            } else if b.test_flags(BIO_FLAGS_IO_SPECIAL) != 0 {
                Some(match b.retry_reason() {
                    BIO_RR_CONNECT => ssl_error::WANT_CONNECT,
                    BIO_RR_ACCEPT => ssl_error::WANT_ACCEPT,
                    _ => ssl_error::SYSCALL,
                })
            } else {
                None
            }
        };
        if self.rwstate == SSL_READING {
            if let Some(v) = from_bio(self.rbio.as_ref(), false) {
                return v;
            }
        }
        if self.rwstate == SSL_WRITING {
            if let Some(v) = from_bio(self.wbio.as_ref(), true) {
                return v;
            }
        }
        if self.shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
            return ssl_error::ZERO_RETURN;
        }
        ssl_error::SYSCALL
    }

    fn fatal(&mut self, e: Error) -> Stop {
        self.fatal_with_alert(e, None)
    }

    /// Records a local fatal error and sends the alert rustls queued, best effort. `alert_as`
    /// replaces the description of a plaintext fatal alert (`(from, to)`), for the one case
    /// where OpenSSL's choice differs from rustls's: a TLS 1.2 server that requires a client
    /// certificate and got none sends handshake_failure, not certificate_required.
    fn fatal_with_alert(&mut self, e: Error, alert_as: Option<(u8, u8)>) -> Stop {
        err::push(e);
        self.failed = true;
        self.in_init = true;
        let (Some(tls), Some(w)) = (self.tls.as_mut(), self.wbio.as_ref()) else {
            return Stop::Failed;
        };
        let mut out = Vec::new();
        while tls.wants_write() {
            if tls.write_tls(&mut out).is_err() {
                break;
            }
        }
        if let Some((from, to)) = alert_as {
            let alert = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, from];
            if let Some(at) = out.windows(alert.len()).position(|win| win == alert) {
                out[at + 6] = to;
            }
        }
        let _ = BioWriter(w).write_all(&out);
        Stop::Failed
    }

    /// A fatal error the engine finds before rustls processes the record (so rustls has no
    /// alert queued): queues `e` and sends the fatal alert `desc` in the clear, as OpenSSL
    /// does. Only used while records are still read in the clear.
    fn fatal_plain_alert(&mut self, e: Error, desc: u8) -> Stop {
        let stop = self.fatal(e);
        if let Some(w) = self.wbio.as_ref() {
            let _ = BioWriter(w).write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, desc]);
        }
        stop
    }

    fn ensure_tls(&mut self) -> Io<()> {
        if self.tls.is_some() {
            return Ok(());
        }
        let role = self.role.ok_or(Stop::Failed)?;
        let built = match role {
            Role::Client => self.new_client(),
            Role::Server => self.new_server(),
        };
        match built {
            Ok(c) => {
                self.tls = Some(c);
                Ok(())
            }
            Err(e) => Err(self.fatal(e)),
        }
    }

    fn new_client(&mut self) -> Result<Connection, Error> {
        let base = self.ctx.client_config(&self.settings)?;
        let mut cfg = (*base).clone();
        let verifier = Verifier {
            roots: self.ctx.roots(),
            host: self.host.clone(),
            abort_on_failure: self.settings.verify_mode & verify::PEER != 0,
            slot: self.verify.clone(),
            algs: crate::engine::context::provider().signature_verification_algorithms,
        };
        cfg.dangerous().set_certificate_verifier(Arc::new(verifier));
        // No SNI unless asked for: an IP server name makes rustls send none.
        let name = match self.sni.as_deref().map(ServerName::try_from) {
            Some(Ok(n)) => n.to_owned(),
            _ => ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()),
        };
        rustls::ClientConnection::new(Arc::new(cfg), name)
            .map(Connection::Client)
            .map_err(|e| errmap::from_rustls(&e, false))
    }

    fn new_server(&mut self) -> Result<Connection, Error> {
        let cfg = self.ctx.server_config(&self.settings)?;
        rustls::ServerConnection::new(cfg)
            .map(Connection::Server)
            .map_err(|e| errmap::from_rustls(&e, true))
    }

    /// Writes everything rustls has queued to the wbio.
    fn flush_out(&mut self) -> Io<()> {
        let Some(tls) = self.tls.as_mut() else {
            return Ok(());
        };
        while tls.wants_write() {
            let Some(w) = self.wbio.as_ref() else {
                return Err(Stop::Syscall);
            };
            self.rwstate = SSL_WRITING;
            match tls.write_tls(&mut BioWriter(w)) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Err(Stop::Retry),
                Err(_) => return Err(Stop::Syscall),
            }
        }
        self.rwstate = SSL_NOTHING;
        Ok(())
    }

    /// Reads exactly one record from the rbio into rustls: the 5 header bytes (checked here, as
    /// OpenSSL's record layer does), then exactly the body, straight into rustls's buffer.
    fn read_record(&mut self) -> Io<Record> {
        let Some(r) = self.rbio.clone() else {
            return Err(Stop::Syscall);
        };
        self.rwstate = SSL_READING;
        loop {
            if self.hdr_have < SSL3_RT_HEADER_LENGTH {
                let n = r.read(&mut self.hdr[self.hdr_have..]);
                if n <= 0 {
                    return Self::read_stopped(&r);
                }
                self.hdr_have += n as usize;
                if self.hdr_have == SSL3_RT_HEADER_LENGTH {
                    self.check_header()?;
                    self.body_left = usize::from(u16::from_be_bytes([self.hdr[3], self.hdr[4]]));
                    let tls = self.tls.as_mut().ok_or(Stop::Syscall)?;
                    tls.read_tls(&mut &self.hdr[..])
                        .map_err(|_| Stop::Syscall)?;
                }
                continue;
            }
            if self.body_left == 0 {
                self.hdr_have = 0;
                self.check_record_length()?;
                return Ok(Record::Got);
            }
            let tls = self.tls.as_mut().ok_or(Stop::Syscall)?;
            let mut body = BioReader {
                bio: &r,
                limit: self.body_left,
            };
            match tls.read_tls(&mut body) {
                Ok(n) if n > 0 => self.body_left -= n,
                _ => return Self::read_stopped(&r),
            }
        }
    }

    /// Why a BIO read returned nothing: retry, end of stream, or a transport error.
    fn read_stopped(r: &Bio) -> Io<Record> {
        if r.test_flags(BIO_FLAGS_SHOULD_RETRY) != 0 {
            Err(Stop::Retry)
        } else if r.eof() {
            Ok(Record::Eof)
        } else {
            Err(Stop::Syscall)
        }
    }

    fn check_header(&mut self) -> Io<()> {
        let h = self.hdr;
        let first = !self.seen_record;
        self.seen_record = true;
        let valid_type = (20..=23).contains(&h[0]);
        if !valid_type || h[1] != 3 {
            let e = errmap::non_tls_start(&h, first && self.role == Some(Role::Server));
            // No alert for a peer that does not speak TLS.
            self.tls = None;
            return Err(self.fatal(e));
        }
        if first && self.role == Some(Role::Server) && h[0] == 21 {
            // OpenSSL's server takes no alert (fatal, warning or close_notify) before a
            // ClientHello: unexpected_message. rustls would act on the alert.
            let e = Error::ssl(ssl_r::UNEXPECTED_MESSAGE, "ssl3_read_bytes");
            return Err(self.fatal_plain_alert(e, AD_UNEXPECTED_MESSAGE));
        }
        if usize::from(u16::from_be_bytes([h[3], h[4]])) > MAX_RECORD_BODY {
            // OpenSSL answers record_overflow. Once records are encrypted rustls cannot be
            // asked for a given alert (its own for such a header is decode_error): none then.
            let e = Error::ssl(ssl_r::PACKET_LENGTH_TOO_LONG, "ssl3_get_record");
            return Err(if self.reading_in_clear() {
                self.fatal_plain_alert(e, AD_RECORD_OVERFLOW)
            } else {
                self.fatal(e)
            });
        }
        Ok(())
    }

    /// True when the current record (header in `hdr`) is read in the clear: anything before
    /// the version is known; in TLS 1.3 every record but application_data during the
    /// handshake (encrypted records carry that outer type); in TLS 1.2 the peer's handshake
    /// flights (only its short Finished follows its ChangeCipherSpec, taken as clear here).
    fn reading_in_clear(&self) -> bool {
        let version = self.tls.as_ref().and_then(|t| t.protocol_version());
        self.in_init && !(version == Some(ProtocolVersion::TLSv1_3) && self.hdr[0] == 23)
    }

    /// OpenSSL's checks on a whole record read in the clear (before the peer's keys are on):
    /// more than 16704 body bytes is ENCRYPTED_LENGTH_TOO_LONG, more than 16384 plaintext
    /// bytes DATA_LENGTH_TOO_LONG, both with record_overflow. rustls takes up to 18432 bytes in
    /// the clear; for encrypted records it checks the decrypted length itself.
    fn check_record_length(&mut self) -> Io<()> {
        let len = usize::from(u16::from_be_bytes([self.hdr[3], self.hdr[4]]));
        if len <= MAX_PLAIN || !self.reading_in_clear() {
            return Ok(());
        }
        let reason = if len > MAX_ENCRYPTED_BODY {
            ssl_r::ENCRYPTED_LENGTH_TOO_LONG
        } else {
            ssl_r::DATA_LENGTH_TOO_LONG
        };
        let e = Error::ssl(reason, "ssl3_get_record");
        Err(self.fatal_plain_alert(e, AD_RECORD_OVERFLOW))
    }

    /// Hands the buffered record to rustls and processes it.
    fn process_record(&mut self) -> Io<()> {
        let is_server = self.role == Some(Role::Server);
        let Some(tls) = self.tls.as_mut() else {
            return Err(Stop::Syscall);
        };
        match tls.process_new_packets() {
            Ok(st) => {
                self.plain_avail = st.plaintext_bytes_to_read();
                if st.peer_has_closed() && self.plain_avail == 0 {
                    self.shutdown |= SSL_RECEIVED_SHUTDOWN;
                }
                Ok(())
            }
            Err(rustls::Error::AlertReceived(desc)) => {
                err::push(errmap::alert_received(u8::from(desc)));
                self.shutdown |= SSL_RECEIVED_SHUTDOWN;
                // OpenSSL puts the state machine in its error state: in init again, also
                // after a completed handshake.
                self.peer_fatal = true;
                self.in_init = true;
                Err(Stop::Closed)
            }
            Err(e) => {
                let mut mapped = errmap::from_rustls(&e, is_server);
                let tls12 = tls.protocol_version() == Some(ProtocolVersion::TLSv1_2);
                let suite = tls.negotiated_cipher_suite().map(|s| s.suite());
                if e == rustls::Error::DecryptError
                    && tls12
                    && suite.is_some_and(errmap::is_aes_gcm)
                {
                    // OpenSSL's AES-GCM provider queues its own entry first (TLS 1.2 only).
                    err::push(errmap::gcm_tag_failure());
                }
                let sig = self.verify.lock().is_ok_and(|v| v.signature_failed);
                if sig && matches!(e, rustls::Error::InvalidCertificate(_)) {
                    // The peer's handshake signature (ServerKeyExchange, CertificateVerify)
                    // did not verify, as opposed to its certificate chain.
                    mapped = errmap::bad_signature(tls12);
                }
                let fix =
                    (tls12 && e == rustls::Error::NoCertificatesPresented).then_some((116, 40));
                Err(self.fatal_with_alert(mapped, fix))
            }
        }
    }

    /// The peer's transport ended without close_notify.
    fn eof(&mut self) -> Stop {
        if self.settings.options & op::IGNORE_UNEXPECTED_EOF != 0 {
            self.shutdown = SSL_RECEIVED_SHUTDOWN;
            return Stop::Closed;
        }
        let e = Error::ssl(ssl_r::UNEXPECTED_EOF_WHILE_READING, "ssl3_read_n");
        if self.writes_in_clear() {
            // OpenSSL also sends decode_error (best effort: the peer may be gone). Once our
            // records are encrypted rustls cannot be asked for a given alert: none then.
            self.fatal_plain_alert(e, AD_DECODE_ERROR);
        } else {
            err::push(e);
        }
        self.failed = true;
        self.in_init = true;
        Stop::Closed
    }

    /// True while our records still go out in the clear: during the handshake, before the
    /// version is known; a TLS 1.3 client until its last flight (which ends its handshake); a
    /// TLS 1.2 client until its second flight; a TLS 1.2 server until its final flight (which
    /// ends its handshake); a TLS 1.3 server only before its first flight.
    fn writes_in_clear(&self) -> bool {
        let version = self.tls.as_ref().and_then(|t| t.protocol_version());
        self.in_init
            && match (self.role, version) {
                (_, None) => true,
                (Some(Role::Client), Some(ProtocolVersion::TLSv1_2)) => {
                    self.hand_state != hs::CW_FINISHED
                }
                (Some(Role::Client), _) => true,
                (_, Some(ProtocolVersion::TLSv1_3)) => false,
                (_, _) => true,
            }
    }

    /// `SSL_do_handshake`. `Ok(())` is 1.
    pub fn do_handshake(&mut self) -> Io<()> {
        if self.role.is_none() {
            err::push(Error::ssl(
                ssl_r::CONNECTION_TYPE_NOT_SET,
                "SSL_do_handshake",
            ));
            return Err(Stop::Failed);
        }
        if !self.in_init {
            return Ok(());
        }
        err::clear();
        if self.failed {
            return Err(Stop::Syscall);
        }
        if self.shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
            return Err(Stop::Closed);
        }
        self.ensure_tls()?;
        if self.before {
            self.before = false;
            if self.role == Some(Role::Client) {
                self.hand_state = hs::CW_CLNT_HELLO;
            }
        }
        loop {
            self.flush_out()?;
            let tls = self.tls.as_ref().ok_or(Stop::Syscall)?;
            if !tls.is_handshaking() {
                self.in_init = false;
                self.hand_state = hs::OK;
                return Ok(());
            }
            match self.read_record()? {
                Record::Eof => return Err(self.eof()),
                Record::Got => self.process_record()?,
            }
            self.note_progress();
        }
    }

    fn note_progress(&mut self) {
        let Some(tls) = self.tls.as_ref() else { return };
        if !tls.is_handshaking() {
            return;
        }
        let v = tls.protocol_version();
        self.hand_state = match (self.role, v) {
            (Some(Role::Server), Some(ProtocolVersion::TLSv1_3)) => hs::EARLY_DATA,
            (Some(Role::Server), Some(_)) => hs::SW_SRVR_DONE,
            (Some(Role::Client), Some(ProtocolVersion::TLSv1_2)) if tls.wants_write() => {
                hs::CW_FINISHED
            }
            _ => self.hand_state,
        };
    }

    /// Common entry of `SSL_read`/`SSL_write`: role check and implicit handshake.
    fn enter_io(&mut self, func: &'static str) -> Io<()> {
        if self.role.is_none() {
            err::push(Error::ssl(ssl_r::UNINITIALIZED, func));
            return Err(Stop::Failed);
        }
        self.rwstate = SSL_NOTHING;
        if self.in_init {
            self.do_handshake()?;
        }
        if self.failed {
            return Err(Stop::Syscall);
        }
        Ok(())
    }

    /// `SSL_read` / `SSL_peek`: at most one record's plaintext. `Ok(0)` never happens for a
    /// non-empty `buf`: a closed connection is `Err(Stop::Closed)`.
    pub fn read(&mut self, buf: &mut [u8], peek: bool) -> Io<usize> {
        self.enter_io(if peek { "SSL_peek" } else { "SSL_read" })?;
        loop {
            if self.plain_avail > 0 {
                let tls = self.tls.as_mut().ok_or(Stop::Syscall)?;
                let n = if peek {
                    let chunk = tls.reader().into_first_chunk().map_err(|_| Stop::Syscall)?;
                    let n = chunk.len().min(buf.len());
                    buf[..n].copy_from_slice(&chunk[..n]);
                    n
                } else {
                    tls.reader().read(buf).map_err(|_| Stop::Syscall)?
                };
                if !peek {
                    self.plain_avail -= n;
                }
                return Ok(n);
            }
            if self.shutdown & SSL_RECEIVED_SHUTDOWN != 0 {
                return Err(Stop::Closed);
            }
            self.flush_out()?;
            match self.read_record()? {
                Record::Eof => return Err(self.eof()),
                Record::Got => self.process_record()?,
            }
            if self.plain_avail == 0
                && self.shutdown & SSL_RECEIVED_SHUTDOWN == 0
                && self.settings.mode & mode::AUTO_RETRY == 0
            {
                // A non-application record was handled: OpenSSL reports a retry even on a
                // blocking BIO when AUTO_RETRY is off.
                if let Some(r) = &self.rbio {
                    r.set_retry_read();
                }
                self.rwstate = SSL_READING;
                return Err(Stop::Retry);
            }
        }
    }

    /// `SSL_write`: `buf_id` identifies the caller's buffer for the retry rules.
    pub fn write(&mut self, data: &[u8], buf_id: usize) -> Io<usize> {
        if self.role.is_none() {
            err::push(Error::ssl(ssl_r::UNINITIALIZED, "SSL_write"));
            return Err(Stop::Failed);
        }
        if self.shutdown & SSL_SENT_SHUTDOWN != 0 {
            self.rwstate = SSL_NOTHING;
            err::push(Error::ssl(
                ssl_r::PROTOCOL_IS_SHUTDOWN,
                "ssl_write_internal",
            ));
            return Err(Stop::Failed);
        }
        self.enter_io("SSL_write")?;
        let mut committed = 0;
        if let Some(p) = self.wpend {
            if data.len() < p.committed {
                return Err(self.fatal(Error::ssl(ssl_r::BAD_LENGTH, "ssl3_write_bytes")));
            }
            if p.buf != buf_id && self.settings.mode & mode::ACCEPT_MOVING_WRITE_BUFFER == 0 {
                return Err(self.fatal(Error::ssl(ssl_r::BAD_WRITE_RETRY, "ssl3_write_pending")));
            }
            committed = p.committed;
        }
        // With ENABLE_PARTIAL_WRITE a call returns after its first complete record, but a call
        // that resumes a write interrupted by a retry finishes the whole write, as OpenSSL does.
        let partial = self.settings.mode & mode::ENABLE_PARTIAL_WRITE != 0 && self.wpend.is_none();
        loop {
            if let Err(stop) = self.flush_out() {
                self.wpend = Some(PendingWrite {
                    buf: buf_id,
                    committed,
                });
                return Err(stop);
            }
            if committed == data.len() || (partial && committed > 0) {
                self.wpend = None;
                return Ok(committed);
            }
            let end = data.len().min(committed + MAX_PLAIN);
            let tls = self.tls.as_mut().ok_or(Stop::Syscall)?;
            let n = tls
                .writer()
                .write(&data[committed..end])
                .map_err(|_| Stop::Syscall)?;
            if n == 0 {
                return Err(self.fatal(Error::internal("ssl3_write_bytes")));
            }
            committed += n;
        }
    }

    /// `SSL_shutdown`: 1 both ways closed, 0 ours sent.
    pub fn shutdown(&mut self) -> Io<i32> {
        if self.role.is_none() {
            err::push(Error::ssl(ssl_r::UNINITIALIZED, "SSL_shutdown"));
            return Err(Stop::Failed);
        }
        if self.in_init {
            err::push(Error::ssl(ssl_r::SHUTDOWN_WHILE_IN_INIT, "SSL_shutdown"));
            return Err(Stop::Failed);
        }
        if self.settings.quiet_shutdown {
            self.shutdown = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
            return Ok(1);
        }
        self.rwstate = SSL_NOTHING;
        if self.shutdown & SSL_SENT_SHUTDOWN == 0 {
            self.shutdown |= SSL_SENT_SHUTDOWN;
            if let Some(tls) = self.tls.as_mut() {
                tls.send_close_notify();
            }
            self.flush_out()?;
        } else if self.tls.as_ref().is_some_and(|t| t.wants_write()) {
            self.flush_out()?;
        } else {
            // Read records until the peer's close_notify: post-handshake messages (tickets) are
            // processed on the way, application data is fatal.
            while self.shutdown & SSL_RECEIVED_SHUTDOWN == 0 {
                match self.read_record()? {
                    Record::Eof => {
                        self.eof();
                        return if self.failed {
                            Err(Stop::Failed)
                        } else {
                            Ok(0)
                        };
                    }
                    Record::Got => self.process_record()?,
                }
                if self.plain_avail > 0 {
                    let e = Error::ssl(
                        ssl_r::APPLICATION_DATA_AFTER_CLOSE_NOTIFY,
                        "ssl3_read_bytes",
                    );
                    return Err(self.fatal(e));
                }
            }
        }
        let both = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
        let flushed = !self.tls.as_ref().is_some_and(|t| t.wants_write());
        Ok(i32::from(self.shutdown == both && flushed))
    }
}
