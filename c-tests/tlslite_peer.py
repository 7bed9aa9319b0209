"""A TLS peer built on tlslite-ng (pure Python), for c-tests/interop-peers.sh.

  tlslite_peer.py server CERT KEY VERSION [CAFILE]
      Listens on 127.0.0.1 (a free port, printed as "PORT <n>"), serves one connection: the
      handshake, then (with CAFILE) the client's certificate is required and checked against
      CAFILE, then one HTTP/1.0 request is read and answered "HTTP/1.0 200 ok", and the
      connection is closed with close_notify.
  tlslite_peer.py client PORT CAFILE VERSION [CERT KEY|-] [readfirst]
      Connects to 127.0.0.1:PORT (SNI localhost), optionally presenting CERT/KEY, checks the
      server's certificate against CAFILE, sends "hello interop", prints the "echo: " line.
      readfirst: read before sending (for a server expected to refuse the connection after
      the client's handshake is complete: its alert is read, never a reset).

VERSION is tls1.2 or tls1.3 (the only version offered or accepted). Each run ends with one
line "peer: ok VERSION CIPHER" or "peer: <why it failed>", exit status 0 or 1.

tlslite-ng does not validate certificate chains: the check here is ours, one level deep (the
test PKI's leaves are issued directly by its roots, signed with SHA-256): the leaf's issuer
must be CAFILE's subject and its signature must verify with CAFILE's key. It runs once the
handshake is complete (tlslite-ng has no hook inside the handshake), so a refusal is a fatal
alert sent after the handshake: unknown_ca (48) for a server certificate from another CA, and
for a missing client certificate certificate_required (116) in TLS 1.3, handshake_failure (40)
in TLS 1.2. The alert goes out through tlslite-ng's _sendError, its one way to send an alert
(the version is pinned in the Makefile).
"""

import socket
import sys

from tlslite import HandshakeSettings, TLSConnection, X509, X509CertChain
from tlslite.constants import AlertDescription
from tlslite.errors import TLSLocalAlert, TLSRemoteAlert
from tlslite.utils.asn1parser import ASN1Parser
from tlslite.utils.keyfactory import parsePEMKey

TIMEOUT = 15
VERSIONS = {"tls1.2": (3, 3), "tls1.3": (3, 4)}


def settings_for(version):
    settings = HandshakeSettings()
    settings.minVersion = settings.maxVersion = VERSIONS[version]
    # tlslite-ng 0.8.2's TLS 1.3 client compresses its Certificate (RFC 8879) when its own
    # ClientHello offered compression, whether or not the server's CertificateRequest asked
    # for it; OpenSSL 3.0 knows no compressed_certificate and ends the handshake with
    # unexpected_message. Compressing nothing avoids that (receiving still works).
    settings.certificate_compression_send = []
    return settings


def load_chain(path):
    chain = X509CertChain()
    with open(path) as f:
        chain.parsePemList(f.read())
    return chain


def load_key(path):
    with open(path) as f:
        return parsePEMKey(f.read(), private=True)


def load_ca(path):
    with open(path) as f:
        return X509().parse(f.read())


def issued_by(leaf, ca):
    """True when leaf's issuer is ca's subject and ca's key verifies leaf's signature."""
    if leaf.issuer != ca.subject:
        return False
    cert = ASN1Parser(leaf.bytes)
    tbs = cert.getChildBytes(0)
    signature = cert.getChild(2).value[1:]  # BIT STRING: skip the unused-bits octet
    if ca.certAlg == "ecdsa":
        return bool(ca.publicKey.hashAndVerify(signature, tbs, hAlg="sha256"))
    return bool(ca.publicKey.hashAndVerify(signature, tbs, "PKCS1", "sha256"))


def refuse(conn, alert, why):
    try:
        for _ in conn._sendError(alert, why):
            pass
    except TLSLocalAlert:
        pass
    print("peer: refused %s, sent alert %s" % (why, AlertDescription.toStr(alert)), flush=True)
    return 1


def describe(exc):
    if isinstance(exc, TLSRemoteAlert):
        return "received alert %s" % AlertDescription.toStr(exc.description)
    if isinstance(exc, TLSLocalAlert):
        return "sent alert %s" % AlertDescription.toStr(exc.description)
    return "%s" % type(exc).__name__


def negotiated(conn):
    return "%s %s" % (conn.getVersionName(), conn.getCipherName())


def server(cert, key, version, cafile=None):
    chain, pkey = load_chain(cert), load_key(key)
    ca = load_ca(cafile) if cafile else None
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(1)
    lsock.settimeout(TIMEOUT)
    print("PORT %d" % lsock.getsockname()[1], flush=True)
    sock, _ = lsock.accept()
    sock.settimeout(TIMEOUT)
    conn = TLSConnection(sock)
    try:
        conn.handshakeServer(certChain=chain, privateKey=pkey, reqCert=ca is not None,
                             reqCAs=[ca.subject] if ca else None,
                             settings=settings_for(version))
        if ca is not None:
            peer = conn.session.clientCertChain
            if peer is None or peer.getNumCerts() == 0:
                alert = (AlertDescription.certificate_required if version == "tls1.3"
                         else AlertDescription.handshake_failure)
                return refuse(conn, alert, "no client certificate")
            if not issued_by(peer.x509List[0], ca):
                return refuse(conn, AlertDescription.unknown_ca, "client certificate")
        request = bytearray()
        while b"\r\n\r\n" not in request:
            data = conn.read()
            if not data:
                break
            request += data
        conn.write(b"HTTP/1.0 200 ok\r\n\r\nhello from tlslite-ng\n")
        result = negotiated(conn)
        conn.close()
    except Exception as exc:  # every failure is a result line
        print("peer: %s" % describe(exc), flush=True)
        return 1
    print("peer: ok %s" % result, flush=True)
    return 0


def client(port, cafile, version, cert="-", key=None, mode=None):
    ca = load_ca(cafile)
    chain = load_chain(cert) if cert != "-" else None
    pkey = load_key(key) if cert != "-" else None
    sock = socket.create_connection(("127.0.0.1", int(port)), timeout=TIMEOUT)
    conn = TLSConnection(sock)
    try:
        conn.handshakeClientCert(certChain=chain, privateKey=pkey, serverName="localhost",
                                 settings=settings_for(version))
        if not issued_by(conn.session.serverCertChain.x509List[0], ca):
            return refuse(conn, AlertDescription.unknown_ca, "server certificate")
        result = negotiated(conn)
        if mode == "readfirst":
            conn.read()
        conn.write(b"hello interop\n")
        reply = bytearray()
        while b"\n" not in reply:
            data = conn.read()
            if not data:
                break
            reply += data
        print(reply.decode(errors="replace").rstrip("\n"), flush=True)
        try:
            conn.close()
        except (OSError, TLSRemoteAlert):
            pass  # our server closes without waiting for this close_notify
    except Exception as exc:  # every failure is a result line
        print("peer: %s" % describe(exc), flush=True)
        return 1
    print("peer: ok %s" % result, flush=True)
    return 0


def main(argv):
    if len(argv) >= 4 and argv[0] == "server":
        return server(*argv[1:5])
    if len(argv) >= 4 and argv[0] == "client":
        return client(*argv[1:7])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
