//! What the message callback (`SSL_CTX_set_msg_callback`) is shown: what passes through the
//! engine in the clear.
//!
//! Reported, in OpenSSL's form: the 5-byte header of every record read and written (content
//! type `SSL3_RT_HEADER`), every plaintext handshake message read and written (the TLS 1.2
//! handshake up to ChangeCipherSpec, the TLS 1.3 hellos), ChangeCipherSpec written, plaintext
//! alerts, and the close_notify sslrs sends. Not reported, because rustls does not expose them:
//! the bodies of encrypted handshake messages and alerts (TLS 1.3 after the hellos, the TLS 1.2
//! Finished) and the TLS 1.3 inner content type (`SSL3_RT_INNER_CONTENT_TYPE`).

use super::{Conn, Event};
use std::io::{self, Write};

const RT_HEADER: i32 = 256;
const CT_CHANGE_CIPHER_SPEC: u8 = 20;
const CT_ALERT: u8 = 21;
const CT_HANDSHAKE: u8 = 22;

/// Splits one direction's plaintext record stream into what the callback sees.
#[derive(Debug, Default)]
pub(super) struct Stream {
    hdr: [u8; 5],
    hdr_have: usize,
    body_left: usize,
    /// A ChangeCipherSpec passed: the rest is encrypted.
    encrypted: bool,
    /// The handshake message being collected (header included).
    msg: Vec<u8>,
    /// Completed pieces: (content type, bytes).
    pub(super) out: Vec<(i32, Vec<u8>)>,
}

impl Stream {
    /// A record header (both directions).
    pub(super) fn header(&mut self, hdr: &[u8]) {
        self.out.push((RT_HEADER, hdr.to_vec()));
        if hdr[0] == CT_CHANGE_CIPHER_SPEC {
            self.encrypted = true;
        }
    }

    /// Body bytes of a record of type `ct`.
    pub(super) fn body(&mut self, ct: u8, mut bytes: &[u8]) {
        if self.encrypted {
            return;
        }
        if ct == CT_ALERT {
            self.out.push((i32::from(CT_ALERT), bytes.to_vec()));
            return;
        }
        if ct != CT_HANDSHAKE {
            return;
        }
        while !bytes.is_empty() {
            let need = if self.msg.len() < 4 {
                4 - self.msg.len()
            } else {
                let len = self.msg[1..4]
                    .iter()
                    .fold(0usize, |a, &b| (a << 8) | usize::from(b));
                4 + len - self.msg.len()
            };
            let n = need.min(bytes.len());
            self.msg.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
            if self.msg.len() >= 4 {
                let len = self.msg[1..4]
                    .iter()
                    .fold(0usize, |a, &b| (a << 8) | usize::from(b));
                if self.msg.len() == 4 + len {
                    self.out
                        .push((i32::from(CT_HANDSHAKE), std::mem::take(&mut self.msg)));
                }
            }
        }
    }

    /// A whole outgoing byte stream: records are split here.
    pub(super) fn written(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.hdr_have < 5 {
                let n = (5 - self.hdr_have).min(bytes.len());
                self.hdr[self.hdr_have..self.hdr_have + n].copy_from_slice(&bytes[..n]);
                self.hdr_have += n;
                bytes = &bytes[n..];
                if self.hdr_have == 5 {
                    let hdr = self.hdr;
                    let was_encrypted = self.encrypted;
                    self.header(&hdr);
                    self.body_left = usize::from(u16::from_be_bytes([hdr[3], hdr[4]]));
                    if hdr[0] == CT_CHANGE_CIPHER_SPEC && !was_encrypted {
                        self.out.push((i32::from(CT_CHANGE_CIPHER_SPEC), vec![1]));
                    }
                }
                continue;
            }
            let n = self.body_left.min(bytes.len());
            let ct = self.hdr[0];
            self.body(ct, &bytes[..n]);
            self.body_left -= n;
            bytes = &bytes[n..];
            if self.body_left == 0 {
                self.hdr_have = 0;
            }
        }
    }
}

/// A writer that shows the outgoing stream to the message trace.
pub(super) struct Watched<'a, W: Write> {
    pub inner: W,
    pub stream: Option<&'a mut Stream>,
}

impl<W: Write> Write for Watched<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(s) = self.stream.as_deref_mut() {
            s.written(&buf[..n]);
        }
        Ok(n)
    }
    /// Forwarded whole: the BIO writer sends a vectored write as one BIO write.
    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        let n = self.inner.write_vectored(bufs)?;
        if let Some(s) = self.stream.as_deref_mut() {
            super::for_each_written(bufs, n, |b| s.written(b));
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Conn {
    /// Moves what both directions collected into message events.
    pub(super) fn collect_msgs(&mut self) {
        if !self.notify.msg {
            self.msg_rx.out.clear();
            self.msg_tx.out.clear();
            return;
        }
        let mut version = self.version();
        let rx = std::mem::take(&mut self.msg_rx.out);
        let tx = std::mem::take(&mut self.msg_tx.out);
        for (write, part) in [(false, rx), (true, tx)] {
            for (ct, bytes) in part {
                // Headers carry their own version bytes; contents the connection's version.
                let v = if ct == RT_HEADER {
                    i32::from(u16::from_be_bytes([bytes[1], bytes[2]]))
                } else {
                    version
                };
                // A ServerHello read in this batch was not processed yet: the messages after
                // it carry the version it chose, as in OpenSSL (a TLS 1.2 server's flight).
                let chosen = (!write && ct == i32::from(CT_HANDSHAKE))
                    .then(|| server_hello_version(&bytes))
                    .flatten();
                self.events.push(Event::Msg {
                    write,
                    version: v,
                    content_type: ct,
                    bytes,
                });
                if let Some(chosen) = chosen {
                    version = chosen;
                }
            }
        }
    }

    /// An alert sent encrypted whose content is known (close_notify).
    pub(super) fn msg_alert_sent(&mut self, level: u8, desc: u8) {
        if self.notify.msg {
            self.msg_tx
                .out
                .push((i32::from(CT_ALERT), vec![level, desc]));
        }
    }
}

/// The version a ServerHello handshake message (type, 24-bit length, body) chooses: the
/// supported_versions extension's, else its legacy_version; None for other messages or a
/// truncated one.
fn server_hello_version(msg: &[u8]) -> Option<i32> {
    if msg.first() != Some(&2) {
        return None;
    }
    let body = msg.get(4..)?;
    let legacy = i32::from(u16::from_be_bytes([*body.first()?, *body.get(1)?]));
    // legacy_version, random, session id, cipher suite, compression method
    let sid_len = usize::from(*body.get(34)?);
    let mut at = 35 + sid_len + 3;
    if body.len() <= at {
        return (body.len() == at).then_some(legacy); // no extensions
    }
    let ext_len = usize::from(u16::from_be_bytes([*body.get(at)?, *body.get(at + 1)?]));
    at += 2;
    let end = (at + ext_len).min(body.len());
    while at + 4 <= end {
        let ty = u16::from_be_bytes([body[at], body[at + 1]]);
        let len = usize::from(u16::from_be_bytes([body[at + 2], body[at + 3]]));
        let data = body.get(at + 4..at + 4 + len)?;
        if ty == 43 && data.len() == 2 {
            return Some(i32::from(u16::from_be_bytes([data[0], data[1]])));
        }
        at += 4 + len;
    }
    Some(legacy)
}
