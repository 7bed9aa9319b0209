//! Key logging end to end through the C API: the logged TLS 1.3 secrets really are the
//! connection's (a traffic key derived from CLIENT_TRAFFIC_SECRET_0 decrypts the client's first
//! application-data record), and `SSLKEYLOGFILE` receives the same lines (append mode, 0600).
//!
//! `SSLKEYLOGFILE` is read once per process, so every test here sets it first ([`init`]).

use core::ffi::{c_char, c_int, c_void};
use core::ptr::null_mut;
use sslrs::ffi::bio::{BIO_new_bio_pair, BIO_read};
use sslrs::ffi::keylog::{SSL_CTX_set_keylog_callback, SSL_get_client_random};
use sslrs::ffi::ssl::*;
use sslrs::ffi::types::{BIO, SSL, SSL_CTX};
use std::ffi::CStr;
use std::path::PathBuf;
use std::sync::{Mutex, Once};

fn keylog_path() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sslkeylogfile.txt")
}

fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let path = keylog_path();
        // An existing file is appended to; creating one is checked on a second name below.
        std::fs::write(&path, "# existing line\n").expect("write keylog file");
        std::env::set_var("SSLKEYLOGFILE", &path);
    });
}

static LINES: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());

unsafe extern "C" fn keylog_cb(ssl: *const SSL, line: *const c_char) {
    // SAFETY: the library passes a NUL-terminated line.
    let l = unsafe { CStr::from_ptr(line) }
        .to_string_lossy()
        .into_owned();
    LINES.lock().unwrap().push((ssl as usize, l));
}

fn cert(name: &str) -> std::ffi::CString {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("c-tests/certs")
        .join(name);
    std::ffi::CString::new(p.to_str().unwrap()).unwrap()
}

struct Pair {
    sctx: *mut SSL_CTX,
    cctx: *mut SSL_CTX,
    server: *mut SSL,
    client: *mut SSL,
    /// The server's end of the pair (to read the client's records raw).
    sbio: *mut BIO,
}

impl Pair {
    fn new(max_version: i32, callback: bool) -> Pair {
        let sctx = SSL_CTX_new(TLS_server_method());
        let cctx = SSL_CTX_new(TLS_client_method());
        assert_eq!(
            SSL_CTX_use_certificate_file(sctx, cert("server-rsa.pem").as_ptr(), SSL_FILETYPE_PEM),
            1
        );
        assert_eq!(
            SSL_CTX_use_PrivateKey_file(sctx, cert("server-rsa.key").as_ptr(), SSL_FILETYPE_PEM),
            1
        );
        for ctx in [sctx, cctx] {
            SSL_CTX_ctrl(
                ctx,
                SSL_CTRL_SET_MAX_PROTO_VERSION,
                max_version.into(),
                null_mut(),
            );
            if callback {
                SSL_CTX_set_keylog_callback(ctx, Some(keylog_cb));
            }
        }
        let server = SSL_new(sctx);
        let client = SSL_new(cctx);
        let (mut cbio, mut sbio) = (null_mut(), null_mut());
        assert_eq!(BIO_new_bio_pair(&mut cbio, 0, &mut sbio, 0), 1);
        SSL_set_bio(client, cbio, cbio);
        SSL_set_bio(server, sbio, sbio);
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
        let p = Pair {
            sctx,
            cctx,
            server,
            client,
            sbio,
        };
        for _ in 0..20 {
            let c = SSL_do_handshake(client);
            let s = SSL_do_handshake(server);
            if c == 1 && s == 1 {
                return p;
            }
        }
        panic!("handshake did not finish");
    }

    fn client_random_hex(&self) -> String {
        let mut r = [0u8; 32];
        assert_eq!(SSL_get_client_random(self.client, r.as_mut_ptr(), 32), 32);
        hex(&r)
    }
}

impl Drop for Pair {
    fn drop(&mut self) {
        SSL_free(self.client);
        SSL_free(self.server);
        SSL_CTX_free(self.sctx);
        SSL_CTX_free(self.cctx);
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

struct Len(usize);
impl ring::hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// RFC 8446 HKDF-Expand-Label with an empty context.
fn expand_label(secret: &[u8], label: &str, len: usize) -> Vec<u8> {
    let prk = ring::hkdf::Prk::new_less_safe(ring::hkdf::HKDF_SHA384, secret);
    let full = format!("tls13 {label}");
    let info: [&[u8]; 4] = [
        &(len as u16).to_be_bytes(),
        &[full.len() as u8],
        full.as_bytes(),
        &[0],
    ];
    let mut out = vec![0u8; len];
    prk.expand(&info, Len(len)).unwrap().fill(&mut out).unwrap();
    out
}

#[test]
fn logged_tls13_secret_decrypts_application_data() {
    init();
    let p = Pair::new(TLS1_3_VERSION, true);
    let client_id = p.client as usize;
    let secret_hex = LINES
        .lock()
        .unwrap()
        .iter()
        .filter(|(who, _)| *who == client_id)
        .find_map(|(_, l)| {
            l.strip_prefix("CLIENT_TRAFFIC_SECRET_0 ")
                .map(str::to_owned)
        })
        .expect("client logged CLIENT_TRAFFIC_SECRET_0");
    let (random, secret) = secret_hex.split_once(' ').unwrap();
    assert_eq!(random, p.client_random_hex());
    let secret = unhex(secret);
    assert_eq!(secret.len(), 48, "TLS_AES_256_GCM_SHA384");

    let msg = b"hello from the client";
    assert_eq!(
        SSL_write(p.client, msg.as_ptr().cast(), msg.len() as c_int),
        msg.len() as c_int
    );
    let mut rec = vec![0u8; 1024];
    let n = BIO_read(p.sbio, rec.as_mut_ptr() as *mut c_void, 1024);
    assert!(n > 5);
    rec.truncate(n as usize);
    assert_eq!(&rec[..3], &[23, 3, 3]);
    assert_eq!(
        usize::from(u16::from_be_bytes([rec[3], rec[4]])),
        rec.len() - 5
    );

    let key = expand_label(&secret, "key", 32);
    let iv = expand_label(&secret, "iv", 12);
    // The client's first record under these keys: sequence number 0, so the nonce is the IV.
    let nonce = ring::aead::Nonce::try_assume_unique_for_key(&iv).unwrap();
    let key = ring::aead::LessSafeKey::new(
        ring::aead::UnboundKey::new(&ring::aead::AES_256_GCM, &key).unwrap(),
    );
    let (hdr, body) = rec.split_at_mut(5);
    let plain = key
        .open_in_place(nonce, ring::aead::Aad::from(&hdr[..]), body)
        .expect("the logged secret decrypts the record");
    // TLSInnerPlaintext: content, content type (application_data), no padding.
    assert_eq!(&plain[..msg.len()], msg);
    assert_eq!(plain[msg.len()], 23);
}

#[test]
fn sslkeylogfile_gets_the_lines() {
    init();
    let p13 = Pair::new(TLS1_3_VERSION, false);
    let p12 = Pair::new(TLS1_2_VERSION, false);
    let text = std::fs::read_to_string(keylog_path()).unwrap();
    assert!(
        text.starts_with("# existing line\n"),
        "appended, not truncated"
    );
    assert!(text.ends_with('\n'));
    let lines_for = |random: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.split(' ').nth(1) == Some(random))
            .map(str::to_owned)
            .collect()
    };
    // TLS 1.3: five secrets per side, each logged by both.
    let l13 = lines_for(&p13.client_random_hex());
    assert_eq!(l13.len(), 10, "{l13:?}");
    for label in [
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0",
        "SERVER_TRAFFIC_SECRET_0",
        "EXPORTER_SECRET",
    ] {
        let same: Vec<_> = l13.iter().filter(|l| l.starts_with(label)).collect();
        assert_eq!(same.len(), 2, "{label}");
        assert_eq!(same[0], same[1]);
        assert_eq!(same[0].len(), label.len() + 1 + 64 + 1 + 96);
    }
    // TLS 1.2: the master secret, from both sides.
    let l12 = lines_for(&p12.client_random_hex());
    assert_eq!(l12.len(), 2, "{l12:?}");
    assert!(l12[0].starts_with("CLIENT_RANDOM "));
    assert_eq!(l12[0], l12[1]);
    assert_eq!(l12[0].len(), "CLIENT_RANDOM".len() + 1 + 64 + 1 + 96);
    // Nothing in the file but whole lines.
    for l in text.lines().skip(1) {
        assert!(l.split(' ').count() == 3, "{l}");
    }
}

/// A file that does not exist is created 0600 (a child process: the variable is read once).
#[test]
fn sslkeylogfile_created_0600() {
    use std::os::unix::fs::PermissionsExt;
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sslkeylogfile-new.txt");
    if std::env::var_os("SSLRS_KEYLOG_CHILD").is_some() {
        let _p = Pair::new(TLS1_3_VERSION, false);
        return;
    }
    let _ = std::fs::remove_file(&path);
    let exe = std::env::current_exe().unwrap();
    let st = std::process::Command::new(exe)
        .args(["--exact", "sslkeylogfile_created_0600", "--test-threads=1"])
        .env("SSLRS_KEYLOG_CHILD", "1")
        .env("SSLKEYLOGFILE", &path)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let meta = std::fs::metadata(&path).expect("created");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 10, "{text}");
}
