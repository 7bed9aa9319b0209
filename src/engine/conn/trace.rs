//! OpenSSL's handshake state sequence, as `SSL_get_state` and the info callback report it.
//!
//! OpenSSL's state machine passes through one state per handshake message; rustls does not
//! report its messages. What the engine can see: the plaintext handshake messages (all of a
//! TLS 1.2 handshake up to ChangeCipherSpec, the TLS 1.3 hellos) in the records it reads, the
//! ChangeCipherSpec records, and what rustls says after each record (version, full or resumed,
//! handshake complete, peer certificates). From these the states of the encrypted messages
//! follow: a TLS 1.3 flight always has the same shape for a given version, kind and
//! certificate request. [`Conn::trace_progress`] walks the sequence as far as what is known,
//! setting `hand_state` and recording one `SSL_CB_LOOP` event per state, in OpenSSL's order
//! (measured with OpenSSL 3.0's own info callback; see `c-tests/test_infocb.c`).

use super::{hs, Conn, Event, Io, Role, Stop};
use crate::engine::context::{op, verify};
use rustls::{HandshakeKind, ProtocolVersion};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// `SSL_CB_*` and `SSL_ST_*` bits.
pub mod cb {
    pub const LOOP: i32 = 0x01;
    pub const EXIT: i32 = 0x02;
    pub const READ: i32 = 0x04;
    pub const WRITE: i32 = 0x08;
    pub const HANDSHAKE_START: i32 = 0x10;
    pub const HANDSHAKE_DONE: i32 = 0x20;
    pub const ALERT: i32 = 0x4000;
    pub const ST_CONNECT: i32 = 0x1000;
    pub const ST_ACCEPT: i32 = 0x2000;
}

/// `OSSL_HANDSHAKE_STATE` values (OpenSSL's enum order).
mod st {
    pub const CR_SRVR_HELLO: i32 = 3;
    pub const CR_CERT: i32 = 4;
    pub const CR_KEY_EXCH: i32 = 6;
    pub const CR_CERT_REQ: i32 = 7;
    pub const CR_SRVR_DONE: i32 = 8;
    pub const CR_SESSION_TICKET: i32 = 9;
    pub const CR_CHANGE: i32 = 10;
    pub const CR_FINISHED: i32 = 11;
    pub const CW_CLNT_HELLO: i32 = 12;
    pub const CW_CERT: i32 = 13;
    pub const CW_KEY_EXCH: i32 = 14;
    pub const CW_CERT_VRFY: i32 = 15;
    pub const CW_CHANGE: i32 = 16;
    pub const CW_FINISHED: i32 = 18;
    pub const SR_CLNT_HELLO: i32 = 20;
    pub const SW_SRVR_HELLO: i32 = 22;
    pub const SW_CERT: i32 = 23;
    pub const SW_KEY_EXCH: i32 = 24;
    pub const SW_CERT_REQ: i32 = 25;
    pub const SW_SRVR_DONE: i32 = 26;
    pub const SR_CERT: i32 = 27;
    pub const SR_KEY_EXCH: i32 = 28;
    pub const SR_CERT_VRFY: i32 = 29;
    pub const SR_CHANGE: i32 = 31;
    pub const SR_FINISHED: i32 = 32;
    pub const SW_SESSION_TICKET: i32 = 33;
    pub const SW_CHANGE: i32 = 35;
    pub const SW_FINISHED: i32 = 36;
    pub const SW_ENCRYPTED_EXTENSIONS: i32 = 37;
    pub const CR_ENCRYPTED_EXTENSIONS: i32 = 38;
    pub const CR_CERT_VRFY: i32 = 39;
    pub const SW_CERT_VRFY: i32 = 40;
}

/// Handshake message types the sniffer reports.
mod msg {
    pub const CLIENT_HELLO: u8 = 1;
    pub const SERVER_HELLO: u8 = 2;
    pub const NEW_SESSION_TICKET: u8 = 4;
    pub const CERTIFICATE: u8 = 11;
    pub const SERVER_KEY_EXCHANGE: u8 = 12;
    pub const CERTIFICATE_REQUEST: u8 = 13;
    pub const SERVER_HELLO_DONE: u8 = 14;
    pub const CERTIFICATE_VERIFY: u8 = 15;
    pub const CLIENT_KEY_EXCHANGE: u8 = 16;
}

const CT_CHANGE_CIPHER_SPEC: u8 = 20;
const CT_ALERT: u8 = 21;
const CT_HANDSHAKE: u8 = 22;

/// How far the reported sequence has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// Nothing beyond the client's hello (client) or nothing read (server).
    #[default]
    Start,
    /// The peer's hello was read and our answer reported.
    Hello,
    /// TLS 1.2: our second flight reported (client after ServerHelloDone).
    SecondFlight,
    /// Handshake complete.
    Done,
}

/// Trace bookkeeping of one connection.
#[derive(Debug, Default)]
pub(super) struct Trace {
    stage: Stage,
    /// Plaintext handshake stream received: the current message header and the bytes of its
    /// body still to skip.
    hdr: [u8; 4],
    hdr_have: usize,
    skip: usize,
    /// Types of the plaintext handshake messages received and not yet reported.
    msgs: Vec<u8>,
    /// A ChangeCipherSpec record arrived: from now on nothing received is plaintext.
    ccs_seen: bool,
    /// That ChangeCipherSpec is not yet reported.
    ccs_pending: bool,
    /// The server asked for a client certificate (TLS 1.2: seen; TLS 1.3: the client
    /// certificate resolver was consulted).
    pub(super) cert_requested: Arc<AtomicBool>,
    /// The operation is being repeated after the ClientHello callbacks: no entry event.
    after_hello: bool,
    /// TLS 1.3 tickets already reported.
    tickets_reported: usize,
    /// A step was entered and its entry event is due once something progresses (OpenSSL
    /// reports the state it resumes in only when a message arrives).
    entry_pending: bool,
    /// The alert description of a failure about to be sent encrypted (not readable in the
    /// bytes), for the info callback.
    pub(super) alert_hint: Option<u8>,
}

impl Trace {
    /// Takes the body bytes of a received record of content type `ct`.
    pub(super) fn sniff(&mut self, ct: u8, bytes: &[u8]) {
        if self.ccs_seen || ct != CT_HANDSHAKE {
            return;
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.skip > 0 {
                let n = self.skip.min(rest.len());
                self.skip -= n;
                rest = &rest[n..];
                continue;
            }
            let n = (4 - self.hdr_have).min(rest.len());
            self.hdr[self.hdr_have..self.hdr_have + n].copy_from_slice(&rest[..n]);
            self.hdr_have += n;
            rest = &rest[n..];
            if self.hdr_have == 4 {
                self.hdr_have = 0;
                self.msgs.push(self.hdr[0]);
                self.skip = self.hdr[1..]
                    .iter()
                    .fold(0usize, |a, &b| (a << 8) | usize::from(b));
            }
        }
    }

    /// A whole record header was read.
    pub(super) fn record(&mut self, ct: u8) {
        if ct == CT_CHANGE_CIPHER_SPEC && !self.ccs_seen {
            self.ccs_seen = true;
            self.ccs_pending = true;
        }
    }
}

/// A reader that shows the trace the record body bytes passing to rustls.
pub(super) struct Sniffed<'a> {
    pub inner: &'a mut dyn std::io::Read,
    pub trace: &'a mut Trace,
    /// The record's content type (0 for header bytes).
    pub ct: u8,
    /// The message callback's view of the received stream, when one is installed.
    pub msg: Option<&'a mut super::msgs::Stream>,
}

impl std::io::Read for Sniffed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.ct != 0 {
            self.trace.sniff(self.ct, &buf[..n]);
            if let Some(m) = self.msg.as_deref_mut() {
                m.body(self.ct, &buf[..n]);
            }
        }
        Ok(n)
    }
}

/// A client certificate resolver that notes that the server asked.
#[derive(Debug)]
pub(super) struct NoteRequest {
    pub inner: Arc<dyn rustls::client::ResolvesClientCert>,
    pub asked: Arc<AtomicBool>,
}

impl rustls::client::ResolvesClientCert for NoteRequest {
    fn resolve(
        &self,
        hints: &[&[u8]],
        schemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        self.asked.store(true, Ordering::Relaxed);
        self.inner.resolve(hints, schemes)
    }
    fn has_certs(&self) -> bool {
        self.inner.has_certs()
    }
}

impl Conn {
    fn role_bit(&self) -> i32 {
        if self.role == Some(Role::Server) {
            cb::ST_ACCEPT
        } else {
            cb::ST_CONNECT
        }
    }

    /// Records an info-callback event in the current state.
    pub(super) fn info(&mut self, where_: i32, ret: i32) {
        if self.notify.info {
            self.events.push(Event::Info {
                where_,
                ret,
                state: self.hand_state,
                error: self.failed,
            });
        }
    }

    /// Moves to state `s`, reporting it.
    fn step(&mut self, s: i32) {
        self.hand_state = s;
        let w = cb::LOOP | self.role_bit();
        self.info(w, 1);
    }

    /// An alert sent (`write`) or received, as the info callback reports it.
    pub(super) fn trace_alert(&mut self, write: bool, level: u8, desc: u8) {
        let dir = if write { cb::WRITE } else { cb::READ };
        self.info(cb::ALERT | dir, (i32::from(level) << 8) | i32::from(desc));
    }

    /// The alert in bytes we are about to send: a plaintext alert record, or the hint for an
    /// encrypted one.
    pub(super) fn trace_sent_alert(&mut self, out: &[u8]) {
        let hint = self.trace.alert_hint.take();
        if out.len() >= 7 && out[0] == CT_ALERT && out[3] == 0 && out[4] == 2 {
            self.trace_alert(true, out[5], out[6]);
        } else if let (Some(desc), false) = (hint, out.is_empty()) {
            self.trace_alert(true, 2, desc);
        }
    }

    /// Entry of a handshake step (`SSL_do_handshake` or an implicit handshake).
    pub(super) fn trace_enter(&mut self) {
        if self.before {
            self.info(cb::HANDSHAKE_START, 1);
            self.step(hs::BEFORE);
            if self.role == Some(Role::Server) {
                self.step(hs::BEFORE);
            } else {
                self.step(st::CW_CLNT_HELLO);
            }
        } else if std::mem::take(&mut self.trace.after_hello) {
            self.trace_progress();
        } else {
            self.trace.entry_pending = true;
        }
    }

    fn flush_entry(&mut self) {
        if std::mem::take(&mut self.trace.entry_pending) {
            self.step(self.hand_state);
        }
    }

    /// A record could not be processed: the messages before the one that failed were read.
    /// A certificate that failed verification is the one that failed; any other failure is
    /// taken to be in the record's first message.
    pub(super) fn trace_failed_record(&mut self, verify_failed: bool) {
        let msgs = std::mem::take(&mut self.trace.msgs);
        let upto = if verify_failed {
            msgs.iter()
                .position(|&m| m == msg::CERTIFICATE)
                .unwrap_or(msgs.len())
        } else {
            0
        };
        if upto > 0 {
            self.flush_entry();
        }
        self.trace.msgs = msgs[..upto].to_vec();
        let ccs = std::mem::take(&mut self.trace.ccs_pending);
        match self.role {
            Some(Role::Client) => self.client_progress_msgs(ccs),
            Some(Role::Server) => self.server_progress_msgs(ccs),
            None => {}
        }
        if verify_failed && self.role == Some(Role::Client) && self.tls13() {
            // The encrypted extensions (and a certificate request) came before the certificate.
            self.flush_entry();
            self.step(st::CR_ENCRYPTED_EXTENSIONS);
            if self.trace.cert_requested.load(Ordering::Relaxed) {
                self.step(st::CR_CERT_REQ);
            }
        }
        self.trace.entry_pending = false;
    }

    /// Exit of a handshake step with its outcome.
    pub(super) fn trace_exit(&mut self, r: &Io<()>) {
        let w = cb::EXIT | self.role_bit();
        match r {
            Ok(()) => {
                self.flush_entry();
                self.info(w, 1);
            }
            Err(Stop::Hello) => self.trace.after_hello = true,
            Err(Stop::Closed) if self.in_init && self.notify.info => {
                // A fatal alert ended the handshake: OpenSSL's state reads "error".
                self.trace.entry_pending = false;
                self.events.push(Event::Info {
                    where_: w,
                    ret: -1,
                    state: self.hand_state,
                    error: true,
                });
            }
            Err(_) => {
                self.trace.entry_pending = false;
                self.info(w, -1);
            }
        }
    }

    fn tls13(&self) -> bool {
        self.tls.as_ref().and_then(|t| t.protocol_version()) == Some(ProtocolVersion::TLSv1_3)
    }

    fn resumed(&self) -> bool {
        self.tls.as_ref().and_then(|t| t.handshake_kind()) == Some(HandshakeKind::Resumed)
    }

    fn middlebox(&self) -> bool {
        self.settings.options & op::ENABLE_MIDDLEBOX_COMPAT != 0
    }

    /// Reports the states reached since the last call.
    pub(super) fn trace_progress(&mut self) {
        let Some(tls) = self.tls.as_ref() else {
            return;
        };
        let done = !tls.is_handshaking();
        if self.trace.stage == Stage::Done {
            return;
        }
        let ccs = std::mem::take(&mut self.trace.ccs_pending);
        // A TLS 1.3 compatibility ChangeCipherSpec, or an encrypted record in the middle of a
        // flight, is no progress that OpenSSL's state machine reports.
        if !self.trace.msgs.is_empty() || (ccs && !self.tls13()) || done {
            self.flush_entry();
        }
        match self.role {
            Some(Role::Client) => {
                self.client_progress_msgs(ccs);
                if done {
                    self.client_done();
                }
            }
            Some(Role::Server) => {
                self.server_progress_msgs(ccs);
                if done && self.trace.stage >= Stage::Hello {
                    self.server_done();
                }
            }
            None => {}
        }
    }

    fn client_progress_msgs(&mut self, ccs: bool) {
        let asked = self.trace.cert_requested.clone();
        for m in std::mem::take(&mut self.trace.msgs) {
            match m {
                msg::SERVER_HELLO => {
                    self.step(st::CR_SRVR_HELLO);
                    self.trace.stage = self.trace.stage.max(Stage::Hello);
                }
                msg::CERTIFICATE => self.step(st::CR_CERT),
                msg::SERVER_KEY_EXCHANGE => self.step(st::CR_KEY_EXCH),
                msg::CERTIFICATE_REQUEST => {
                    asked.store(true, Ordering::Relaxed);
                    self.step(st::CR_CERT_REQ);
                }
                msg::SERVER_HELLO_DONE => {
                    self.step(st::CR_SRVR_DONE);
                    let requested = asked.load(Ordering::Relaxed);
                    if requested {
                        self.step(st::CW_CERT);
                    }
                    self.step(st::CW_KEY_EXCH);
                    if requested && self.has_own_cert() {
                        self.step(st::CW_CERT_VRFY);
                    }
                    self.step(st::CW_CHANGE);
                    self.step(st::CW_FINISHED);
                    self.trace.stage = Stage::SecondFlight;
                }
                msg::NEW_SESSION_TICKET => self.step(st::CR_SESSION_TICKET),
                _ => {}
            }
        }
        if ccs && !self.tls13() {
            self.step(st::CR_CHANGE);
        }
    }

    fn client_done(&mut self) {
        let asked = self.trace.cert_requested.clone();
        if self.tls13() {
            let requested = asked.load(Ordering::Relaxed);
            self.step(st::CR_ENCRYPTED_EXTENSIONS);
            if requested {
                self.step(st::CR_CERT_REQ);
            }
            if !self.resumed() {
                self.step(st::CR_CERT);
                self.step(st::CR_CERT_VRFY);
            }
            self.step(st::CR_FINISHED);
            if self.middlebox() {
                self.step(st::CW_CHANGE);
            }
            if requested {
                self.step(st::CW_CERT);
                if self.has_own_cert() {
                    self.step(st::CW_CERT_VRFY);
                }
            }
            self.step(st::CW_FINISHED);
        } else {
            self.step(st::CR_FINISHED);
            if self.resumed() {
                self.step(st::CW_CHANGE);
                self.step(st::CW_FINISHED);
            }
        }
        self.hand_state = hs::OK;
        self.info(cb::HANDSHAKE_DONE, 1);
        self.trace.stage = Stage::Done;
    }

    fn server_progress_msgs(&mut self, ccs: bool) {
        let want_cert = self.settings.verify_mode & verify::PEER != 0;
        let tickets = self.settings.options & op::NO_TICKET == 0;
        for m in std::mem::take(&mut self.trace.msgs) {
            match m {
                msg::CLIENT_HELLO if self.trace.stage == Stage::Start => {
                    self.step(st::SR_CLNT_HELLO);
                    self.step(st::SW_SRVR_HELLO);
                    let resumed = self.resumed();
                    if self.tls13() {
                        if self.middlebox() {
                            self.step(st::SW_CHANGE);
                        }
                        self.step(st::SW_ENCRYPTED_EXTENSIONS);
                        if !resumed {
                            if want_cert {
                                self.step(st::SW_CERT_REQ);
                            }
                            self.step(st::SW_CERT);
                            self.step(st::SW_CERT_VRFY);
                        }
                        self.step(st::SW_FINISHED);
                        self.step(hs::EARLY_DATA);
                    } else if resumed {
                        if tickets {
                            self.step(st::SW_SESSION_TICKET);
                        }
                        self.step(st::SW_CHANGE);
                        self.step(st::SW_FINISHED);
                    } else {
                        self.step(st::SW_CERT);
                        self.step(st::SW_KEY_EXCH);
                        if want_cert {
                            self.step(st::SW_CERT_REQ);
                        }
                        self.step(st::SW_SRVR_DONE);
                    }
                    self.trace.stage = Stage::Hello;
                }
                msg::CERTIFICATE => self.step(st::SR_CERT),
                msg::CLIENT_KEY_EXCHANGE => self.step(st::SR_KEY_EXCH),
                msg::CERTIFICATE_VERIFY => self.step(st::SR_CERT_VRFY),
                _ => {}
            }
        }
        if ccs && !self.tls13() {
            self.step(st::SR_CHANGE);
        }
    }

    fn server_done(&mut self) {
        let want_cert = self.settings.verify_mode & verify::PEER != 0;
        let tickets = self.settings.options & op::NO_TICKET == 0;
        if self.tls13() {
            let resumed = self.resumed();
            if want_cert && !resumed {
                self.step(st::SR_CERT);
                if self.peer_sent_certificate() {
                    self.step(st::SR_CERT_VRFY);
                }
            }
            self.step(st::SR_FINISHED);
            let n = if resumed {
                1
            } else {
                self.settings.num_tickets
            };
            if n > 0 {
                self.hand_state = st::SW_SESSION_TICKET;
                self.info(cb::HANDSHAKE_DONE, 1);
                for _ in 0..n {
                    self.step(st::SW_SESSION_TICKET);
                }
            } else {
                self.hand_state = hs::OK;
                self.info(cb::HANDSHAKE_DONE, 1);
            }
        } else {
            self.step(st::SR_FINISHED);
            if !self.resumed() {
                if tickets {
                    self.step(st::SW_SESSION_TICKET);
                }
                self.step(st::SW_CHANGE);
                self.step(st::SW_FINISHED);
            }
            self.hand_state = hs::OK;
            self.info(cb::HANDSHAKE_DONE, 1);
        }
        self.hand_state = hs::OK;
        self.trace.stage = Stage::Done;
    }

    /// After a record read once the handshake is done: each TLS 1.3 ticket a client received
    /// is reported as OpenSSL's client reports reading one.
    pub(super) fn trace_tickets(&mut self) {
        if self.role != Some(Role::Client) || !self.tls13() {
            return;
        }
        let total = self.sess.tickets_received();
        let w = cb::LOOP | self.role_bit();
        while self.trace.tickets_reported < total {
            self.trace.tickets_reported += 1;
            self.info(w, 1);
            self.info(w, 1);
            self.hand_state = st::CR_SESSION_TICKET;
            self.info(w, 1);
            self.hand_state = hs::OK;
            self.info(cb::EXIT | self.role_bit(), 1);
        }
    }

    fn has_own_cert(&self) -> bool {
        self.certified().is_some()
    }

    fn peer_sent_certificate(&self) -> bool {
        self.tls
            .as_ref()
            .and_then(|t| t.peer_certificates())
            .is_some_and(|c| !c.is_empty())
    }
}
