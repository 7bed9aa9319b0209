//! The server's ClientHello stage for applications with ClientHello callbacks (client hello,
//! servername, ALPN selection), and ALPN on both sides.
//!
//! When such a callback is installed, a server connection starts with a rustls `Acceptor`:
//! records go to it until the ClientHello is complete, then the engine stops with
//! [`Stop::Hello`]. The ffi layer reads [`Conn::hello_info`], runs the callbacks with the
//! connection unlocked (they may call `SSL_set_SSL_CTX`, which changes `ctx`), and hands the
//! results to [`Conn::finish_hello`], which builds the connection from the context that is
//! current then: its certificate, its verify settings, the ALPN protocol chosen.

use super::{Conn, Io, Stop};
use crate::engine::errmap;
use crate::error::Error;
use rustls::Connection;
use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

/// The ALPN decision of the application's select callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlpnChoice {
    /// No callback, or `SSL_TLSEXT_ERR_NOACK`: no ALPN extension in the reply.
    None,
    /// `SSL_TLSEXT_ERR_OK` with this protocol.
    Select(Vec<u8>),
    /// `SSL_TLSEXT_ERR_ALERT_FATAL` (and, as in OpenSSL 3.0, `ALERT_WARNING`): the handshake
    /// fails with no_application_protocol.
    Fatal,
}

/// What the ClientHello callbacks decided.
#[derive(Clone, Debug)]
pub struct HelloOutcome {
    pub alpn: AlpnChoice,
    /// A callback refused the hello: the error to queue and the alert description to send.
    pub abort: Option<(Error, u8)>,
}

/// The parts of a ClientHello the callbacks see.
#[derive(Clone, Debug, Default)]
pub struct HelloInfo {
    pub server_name: Option<String>,
    /// The client's ALPN list in wire format (empty when it sent none).
    pub alpn: Vec<u8>,
    /// The whole handshake message (type, length, body).
    pub raw: Vec<u8>,
    pub parsed: Option<ParsedHello>,
}

/// Offsets into [`HelloInfo::raw`].
#[derive(Clone, Debug, Default)]
pub struct ParsedHello {
    pub legacy_version: u16,
    pub random: Range<usize>,
    pub session_id: Range<usize>,
    pub ciphers: Range<usize>,
    pub compression: Range<usize>,
    /// Extension type and the range of its body, in the order sent.
    pub extensions: Vec<(u16, Range<usize>)>,
}

/// Parses a ClientHello handshake message (with its 4-byte header).
pub fn parse_client_hello(raw: &[u8]) -> Option<ParsedHello> {
    struct Cur<'a> {
        b: &'a [u8],
        at: usize,
    }
    impl Cur<'_> {
        fn take(&mut self, n: usize) -> Option<Range<usize>> {
            let end = self.at.checked_add(n).filter(|&e| e <= self.b.len())?;
            let r = self.at..end;
            self.at = end;
            Some(r)
        }
        fn num(&mut self, n: usize) -> Option<usize> {
            let r = self.take(n)?;
            Some(self.b[r].iter().fold(0, |a, &x| (a << 8) | usize::from(x)))
        }
        fn vec(&mut self, len_bytes: usize) -> Option<Range<usize>> {
            let n = self.num(len_bytes)?;
            self.take(n)
        }
    }
    let mut c = Cur { b: raw, at: 0 };
    if c.num(1)? != 1 {
        return None;
    }
    let len = c.num(3)?;
    if len + 4 != raw.len() {
        return None;
    }
    let legacy_version = c.num(2)? as u16;
    let random = c.take(32)?;
    let session_id = c.vec(1)?;
    let ciphers = c.vec(2)?;
    let compression = c.vec(1)?;
    let mut extensions = Vec::new();
    if c.at < raw.len() {
        let all = c.vec(2)?;
        let mut e = Cur {
            b: &raw[..all.end],
            at: all.start,
        };
        while e.at < all.end {
            let ty = e.num(2)? as u16;
            extensions.push((ty, e.vec(2)?));
        }
    }
    Some(ParsedHello {
        legacy_version,
        random,
        session_id,
        ciphers,
        compression,
        extensions,
    })
}

/// An ALPN list in wire format, split (`SSL_CTX_set_alpn_protos` checked it).
pub fn alpn_list(wire: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = wire;
    while let Some((&n, tail)) = rest.split_first() {
        let n = usize::from(n);
        if n == 0 || n > tail.len() {
            break;
        }
        out.push(tail[..n].to_vec());
        rest = &tail[n..];
    }
    out
}

/// OpenSSL's check of a protocol list: non-empty entries that exactly fill the buffer.
pub fn alpn_wire_valid(wire: &[u8]) -> bool {
    let mut rest = wire;
    while let Some((&n, tail)) = rest.split_first() {
        let n = usize::from(n);
        if n == 0 || n > tail.len() {
            return false;
        }
        rest = &tail[n..];
    }
    true
}

fn wire_of<'a>(protos: impl Iterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    for p in protos {
        if let Ok(n) = u8::try_from(p.len()) {
            out.push(n);
            out.extend_from_slice(p);
        }
    }
    out
}

/// Copies what passes through into `out`, up to a bound (a ClientHello is at most a few
/// records).
struct Tee<'a> {
    inner: &'a mut dyn Read,
    out: &'a mut Vec<u8>,
}

const MAX_HELLO_CAPTURE: usize = 1 << 17;

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.out.len() + n <= MAX_HELLO_CAPTURE {
            self.out.extend_from_slice(&buf[..n]);
        }
        Ok(n)
    }
}

impl Conn {
    /// Passes transport bytes to rustls: the connection, or the acceptor while it reads the
    /// ClientHello (whose record bodies, `body == true`, are kept for the client hello
    /// callback).
    pub(super) fn feed(&mut self, rd: &mut dyn Read, body: bool) -> io::Result<usize> {
        // Everything read passes the key tap (it takes the hello randoms).
        let mut rd = self.keys.rx.reader(rd);
        let mut sniffed = super::trace::Sniffed {
            inner: &mut rd,
            trace: &mut self.trace,
            ct: if body { self.hdr[0] } else { 0 },
            msg: self.notify.msg.then_some(&mut self.msg_rx),
        };
        let rd: &mut dyn Read = &mut sniffed;
        if let Some(tls) = self.tls.as_mut() {
            return tls.read_tls(rd);
        }
        let Some(acc) = self.acceptor.as_mut() else {
            return Err(io::ErrorKind::Other.into());
        };
        // Keep handshake record bodies only.
        if body && self.hdr[0] == 22 {
            acc.read_tls(&mut Tee {
                inner: rd,
                out: &mut self.hello_raw,
            })
        } else {
            acc.read_tls(rd)
        }
    }

    /// One more record for the acceptor: a complete ClientHello stops the handshake with
    /// [`Stop::Hello`].
    pub(super) fn process_hello_record(&mut self) -> Io<()> {
        let Some(acc) = self.acceptor.as_mut() else {
            return Err(Stop::Syscall);
        };
        match acc.accept() {
            Ok(None) => Ok(()),
            Ok(Some(accepted)) => {
                self.acceptor = None;
                self.accepted = Some(Box::new(accepted));
                Err(Stop::Hello)
            }
            Err((e, mut alert)) => {
                self.acceptor = None;
                let mut out = Vec::new();
                let _ = alert.write_all(&mut out);
                if let Some(w) = self.wbio.clone() {
                    let _ = io::Write::write_all(&mut super::BioWriter(&w), &out);
                }
                Err(self.fatal(errmap::from_rustls(&e, true)))
            }
        }
    }

    /// True while the ClientHello callbacks are due.
    pub fn hello_pending(&self) -> bool {
        self.accepted.is_some()
    }

    /// What the ClientHello callbacks see.
    pub fn hello_info(&self) -> Option<HelloInfo> {
        let acc = self.accepted.as_ref()?;
        let ch = acc.client_hello();
        // The captured bytes are the handshake record bodies: the ClientHello message first.
        let raw = match self.hello_raw.get(1..4) {
            Some(l) => {
                let len = 4 + l.iter().fold(0usize, |a, &x| (a << 8) | usize::from(x));
                self.hello_raw.get(..len).unwrap_or(&[]).to_vec()
            }
            None => Vec::new(),
        };
        Some(HelloInfo {
            server_name: ch.server_name().map(str::to_owned),
            alpn: ch.alpn().map(wire_of).unwrap_or_default(),
            parsed: parse_client_hello(&raw),
            raw,
        })
    }

    /// Builds the server connection after the ClientHello callbacks ran, from the context that
    /// is current now.
    /// `SSL_VERIFY_POST_HANDSHAKE` on a server whose handshake will be TLS 1.3 (the client
    /// offers a TLS 1.3 suite and the server allows 1.3): OpenSSL sends no CertificateRequest in
    /// the handshake then. (The server reads the ClientHello first in this mode for that.)
    fn post_handshake_auth_only(&self, accepted: &rustls::server::Accepted) -> bool {
        const POST_HANDSHAKE: i32 = 0x08;
        if self.settings.verify_mode & POST_HANDSHAKE == 0 {
            return false;
        }
        let offers13 = accepted
            .client_hello()
            .cipher_suites()
            .iter()
            .any(|s| u16::from(*s) >> 8 == 0x13);
        let allows13 = self.settings.versions(true).is_ok_and(|v| {
            v.iter()
                .any(|p| p.version == rustls::ProtocolVersion::TLSv1_3)
        });
        offers13 && allows13
    }

    pub fn finish_hello(&mut self, outcome: HelloOutcome) -> Io<()> {
        let Some(accepted) = self.accepted.take() else {
            return Ok(());
        };
        self.hello_raw = Vec::new();
        self.hello_sni = accepted.client_hello().server_name().map(str::to_owned);
        if let Some((e, desc)) = outcome.abort {
            // The hello stage is unencrypted: a plaintext fatal alert.
            self.pending_stop = Some(Stop::Failed);
            return Err(self.fatal_plain_alert(e, desc));
        }
        let mut cfg = match self.per_connection_server_config() {
            Ok(c) => c,
            Err(e) => {
                self.pending_stop = Some(Stop::Failed);
                return Err(self.fatal(e));
            }
        };
        cfg.alpn_protocols = match outcome.alpn {
            AlpnChoice::None => Vec::new(),
            AlpnChoice::Select(p) => vec![p],
            // A protocol no client offers: rustls refuses with no_application_protocol.
            AlpnChoice::Fatal => vec![b"\0sslrs: refused by the ALPN callback".to_vec()],
        };
        let mut frame = self.session_frame();
        frame.skip_client_auth = self.post_handshake_auth_only(&accepted);
        let (built, frame) =
            crate::engine::session::enter(frame, || (*accepted).into_connection(Arc::new(cfg)));
        if self.sessions_after(frame) {
            self.pending_stop = Some(Stop::Failed);
            return Err(self.refuse_resumption());
        }
        match built {
            Ok(sc) => {
                self.tls = Some(Connection::Server(sc));
                Ok(())
            }
            Err((e, mut alert)) => {
                let mut out = Vec::new();
                let _ = alert.write_all(&mut out);
                if let Some(w) = self.wbio.clone() {
                    let _ = io::Write::write_all(&mut super::BioWriter(&w), &out);
                }
                self.pending_stop = Some(Stop::Failed);
                Err(self.fatal(errmap::from_rustls(&e, true)))
            }
        }
    }

    /// `SSL_get_servername` on a server: the name the client sent.
    pub fn peer_server_name(&self) -> Option<String> {
        if let Some(acc) = self.accepted.as_ref() {
            return acc.client_hello().server_name().map(str::to_owned);
        }
        match self.tls.as_ref() {
            Some(Connection::Server(s)) => s
                .server_name()
                .map(str::to_owned)
                .or_else(|| self.hello_sni.clone()),
            Some(Connection::Client(_)) => None,
            None => self.hello_sni.clone(),
        }
    }

    /// `SSL_get0_alpn_selected`: the negotiated protocol.
    pub fn alpn_selected(&self) -> Option<&[u8]> {
        self.tls.as_ref()?.alpn_protocol()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpn_wire() {
        assert!(alpn_wire_valid(b""));
        assert!(alpn_wire_valid(b"\x02h2\x08http/1.1"));
        assert!(!alpn_wire_valid(b"\x00"));
        assert!(!alpn_wire_valid(b"\x05h2"));
        assert_eq!(
            alpn_list(b"\x02h2\x08http/1.1"),
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
    }

    #[test]
    fn client_hello_parse_rejects_truncation() {
        let mut m = vec![1, 0, 0, 0, 3, 3];
        m.extend([7u8; 32]);
        m.extend([0, 0, 2, 0x13, 0x01, 1, 0, 0, 4, 0, 0, 0, 0]);
        let len = m.len() - 4;
        m[3] = len as u8;
        let p = parse_client_hello(&m).expect("parses");
        assert_eq!(p.legacy_version, 0x0303);
        assert_eq!(p.extensions, vec![(0, 51..51)]);
        for cut in 0..m.len() {
            assert!(parse_client_hello(&m[..cut]).is_none());
        }
    }
}
