//! The one table from rustls errors to OpenSSL reasons (`SSL_R_*`) and the function name
//! OpenSSL 3.0 reports for them.

use crate::error::{ssl_r, Error};
use rustls::{Error as TlsError, PeerIncompatible};

/// The error a locally detected rustls failure raises.
pub fn from_rustls(e: &TlsError, is_server: bool) -> Error {
    use ssl_r::*;
    let (reason, func) = match e {
        TlsError::AlertReceived(desc) => return alert_received(u8::from(*desc)),
        TlsError::InvalidCertificate(_) => (
            CERTIFICATE_VERIFY_FAILED,
            if is_server {
                "tls_process_client_certificate"
            } else {
                "tls_post_process_server_certificate"
            },
        ),
        TlsError::NoCertificatesPresented => (
            PEER_DID_NOT_RETURN_A_CERTIFICATE,
            "tls_process_client_certificate",
        ),
        TlsError::DecryptError => (DECRYPTION_FAILED_OR_BAD_RECORD_MAC, "ssl3_get_record"),
        TlsError::PeerSentOversizedRecord => (PACKET_LENGTH_TOO_LONG, "ssl3_get_record"),
        TlsError::InappropriateMessage { .. } | TlsError::InappropriateHandshakeMessage { .. } => {
            (UNEXPECTED_MESSAGE, "ossl_statem_client_read_transition")
        }
        TlsError::InvalidMessage(_) => (BAD_PACKET, "ssl3_get_record"),
        TlsError::NoApplicationProtocol => (NO_APPLICATION_PROTOCOL, "tls_handle_alpn"),
        TlsError::PeerIncompatible(p) => match p {
            PeerIncompatible::NoCipherSuitesInCommon => {
                (NO_SHARED_CIPHER, "tls_post_process_client_hello")
            }
            // OpenSSL fails this way only in TLS 1.3 (its TLS 1.2 server falls back to a group
            // the client offered).
            PeerIncompatible::NoKxGroupsInCommon => {
                (NO_SUITABLE_KEY_SHARE, "tls_parse_ctos_key_share")
            }
            PeerIncompatible::NoSignatureSchemesInCommon
            | PeerIncompatible::NoCertificateRequestSignatureSchemesInCommon => {
                (NO_SUITABLE_SIGNATURE_ALGORITHM, "tls_choose_sigalg")
            }
            PeerIncompatible::SupportedVersionsExtensionRequired
            | PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled
            | PeerIncompatible::Tls13RequiredForQuic => {
                (UNSUPPORTED_PROTOCOL, "tls_setup_handshake")
            }
            _ => (SSL_HANDSHAKE_FAILURE, "tls_process_server_hello"),
        },
        TlsError::PeerMisbehaved(_) => (BAD_EXTENSION, "tls_parse_extension"),
        _ => return Error::internal("ossl_statem_fatal"),
    };
    Error::ssl(reason, func)
}

/// True for the AES-GCM suites (TLS 1.2 IANA numbers: ECDHE-ECDSA/RSA with AES-128/256-GCM).
pub fn is_aes_gcm(suite: rustls::CipherSuite) -> bool {
    matches!(u16::from(suite), 0xC02B | 0xC02C | 0xC02F | 0xC030)
}

/// The entry OpenSSL 3.0's AES-GCM provider queues when a TLS 1.2 record's tag does not
/// verify (`ERR_LIB_PROV`, `PROV_R_CIPHER_OPERATION_FAILED`), before the record layer's own.
pub fn gcm_tag_failure() -> Error {
    const LIB_PROV: i32 = 57;
    const PROV_R_CIPHER_OPERATION_FAILED: i32 = 102;
    Error::new(
        LIB_PROV,
        PROV_R_CIPHER_OPERATION_FAILED,
        "gcm_cipher_internal",
    )
}

/// A handshake signature of the peer's that does not verify: TLS 1.2 ServerKeyExchange, TLS
/// 1.3 CertificateVerify.
pub fn bad_signature(tls12: bool) -> Error {
    let func = if tls12 {
        "tls_process_key_exchange"
    } else {
        "tls_process_cert_verify"
    };
    Error::ssl(ssl_r::BAD_SIGNATURE, func)
}

/// The error raised on the receiving side of a fatal alert: `SSL_AD_REASON_OFFSET + desc`.
pub fn alert_received(desc: u8) -> Error {
    Error::ssl(ssl_r::AD_REASON_OFFSET + i32::from(desc), "ssl3_read_bytes")
        .with_data(format!("SSL alert number {desc}"))
}

/// Classifies the first bytes of a connection that do not look like TLS (`ssl3_get_record`):
/// HTTP methods and proxy CONNECT get their own reasons, anything else is a wrong version.
pub fn non_tls_start(header: &[u8], first_record_on_server: bool) -> Error {
    let reason = if first_record_on_server {
        if [b"GET ".as_slice(), b"POST ", b"HEAD ", b"PUT "]
            .iter()
            .any(|m| header.starts_with(m))
        {
            ssl_r::HTTP_REQUEST
        } else if header.starts_with(b"CONNE") {
            ssl_r::HTTPS_PROXY_REQUEST
        } else {
            ssl_r::WRONG_VERSION_NUMBER
        }
    } else {
        ssl_r::WRONG_VERSION_NUMBER
    };
    Error::ssl(reason, "ssl3_get_record")
}
