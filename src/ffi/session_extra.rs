//! More of `SSL_SESSION` and the session cache: `SSL_SESSION_dup`, the `set1_*` setters, ticket
//! data and application data, `SSL_SESSION_print_keylog`, `SSL_copy_session_id`,
//! `SSL_has_matching_session_id`, and the session-related callbacks sslrs records
//! (session-id generation, ticket callbacks, "not resumable" callback).

use crate::engine::ciphers::CipherInfo;
use crate::engine::session::Session;
use crate::error::{lib, Error, Result};
use crate::ffi::cipher::stack_st_SSL_CIPHER;
use crate::ffi::opaque::lhash_st_SSL_SESSION;
use crate::ffi::ptr::{c_str, in_buf, write_out};
use crate::ffi::recorded;
use crate::ffi::types::{borrow, into_c, BIO, SSL, SSL_CIPHER, SSL_CTX, SSL_SESSION};
use crate::ffi::{call, null_on_error, one_or_zero, void};
use core::ffi::{c_char, c_int, c_uchar, c_uint, c_void};
use std::sync::Arc;

/// `GEN_SESSION_CB`.
pub type GEN_SESSION_CB =
    Option<unsafe extern "C" fn(ssl: *mut SSL, id: *mut c_uchar, id_len: *mut c_uint) -> c_int>;
/// `SSL_TICKET_STATUS`.
pub type SSL_TICKET_STATUS = c_int;
/// `SSL_TICKET_RETURN`.
pub type SSL_TICKET_RETURN = c_int;
/// `SSL_CTX_generate_session_ticket_fn`.
pub type SSL_CTX_generate_session_ticket_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, arg: *mut c_void) -> c_int>;
/// `SSL_CTX_decrypt_session_ticket_fn`.
pub type SSL_CTX_decrypt_session_ticket_fn = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ss: *mut SSL_SESSION,
        keyname: *const c_uchar,
        keyname_length: usize,
        status: SSL_TICKET_STATUS,
        arg: *mut c_void,
    ) -> SSL_TICKET_RETURN,
>;
/// `tls_session_secret_cb_fn`.
pub type tls_session_secret_cb_fn = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        secret: *mut c_void,
        secret_len: *mut c_int,
        peer_ciphers: *mut stack_st_SSL_CIPHER,
        cipher: *mut *const SSL_CIPHER,
        arg: *mut c_void,
    ) -> c_int,
>;
/// `tls_session_ticket_ext_cb_fn`.
pub type tls_session_ticket_ext_cb_fn = Option<
    unsafe extern "C" fn(s: *mut SSL, data: *const c_uchar, len: c_int, arg: *mut c_void) -> c_int,
>;

fn sess<'a>(s: *const SSL_SESSION) -> Result<&'a Session> {
    // SAFETY: NULL or a live SSL_SESSION pointer the caller holds.
    unsafe { borrow::<SSL_SESSION>(s) }.ok_or(Error::null_param(lib::SSL, "SSL_SESSION"))
}

/// Changes a session's data through a copy, so the values it hands out as C strings are made
/// again from the new data.
fn change(s: &Session, f: impl FnOnce(&mut crate::engine::session::SessionData)) {
    let copy = s.duplicate();
    copy.update(f);
    s.replace_with(copy);
}

/// A length OpenSSL's `OPENSSL_memdup` refuses (`INT_MAX` and more): the setter then fails
/// without an error entry.
fn too_big(len: usize) -> bool {
    len >= c_int::MAX as usize
}

fn bytes_arg(p: *const c_void, len: usize) -> Result<Vec<u8>> {
    if p.is_null() || len == 0 {
        return Ok(Vec::new());
    }
    // SAFETY: `p` holds `len` bytes per the API.
    Ok(unsafe { in_buf(p, len) }?.to_vec())
}

/// `SSL_SESSION_dup(3)`: a new session (one reference) with the same contents, resumption
/// values and ticket application data; NULL for NULL.
///
/// Status: partial — the ex_data of the original is not copied
#[no_mangle]
pub extern "C" fn SSL_SESSION_dup(src: *const SSL_SESSION) -> *mut SSL_SESSION {
    null_on_error(|| {
        let copy = sess(src)?.duplicate();
        let appdata = recorded::session_appdata(src, |a| a.clone())?;
        let p = into_c::<SSL_SESSION>(Arc::new(copy));
        recorded::session_appdata(p, |a| *a = appdata)?;
        Ok(p)
    })
}

/// `SSL_SESSION_set1_hostname(3)`: NULL clears it. 1, or 0 for a NULL session.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_hostname(s: *mut SSL_SESSION, hostname: *const c_char) -> c_int {
    one_or_zero(|| {
        let s = sess(s)?;
        // SAFETY: NULL or a NUL-terminated string per the API.
        let h = unsafe { c_str(hostname) }.map(|c| c.to_string_lossy().into_owned());
        change(s, |d| d.hostname = h);
        Ok(())
    })
}

/// `SSL_SESSION_set1_alpn_selected(3)`: NULL or an empty protocol clears it. 1, or 0.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_alpn_selected(
    s: *mut SSL_SESSION,
    alpn: *const c_uchar,
    len: usize,
) -> c_int {
    call(0, || {
        let s = sess(s)?;
        if too_big(len) {
            return Ok(0);
        }
        let v = bytes_arg(alpn.cast(), len)?;
        s.update(|d| d.alpn = v);
        Ok(1)
    })
}

/// `SSL_SESSION_set1_master_key(3)`: 1, or 0 (also, without an error entry, over 512 bytes).
///
/// Status: partial — changes what the session reports; the resumption secret rustls holds for
/// it is unchanged
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_master_key(
    sess_: *mut SSL_SESSION,
    r#in: *const c_uchar,
    len: usize,
) -> c_int {
    call(0, || {
        let s = sess(sess_)?;
        // OpenSSL's master_key field holds 512 bytes (a TLS 1.3 resumption PSK at most);
        // longer keys fail without an error entry
        if len > 512 {
            return Ok(0);
        }
        let v = bytes_arg(r#in.cast(), len)?;
        s.update(|d| d.master_key = v);
        Ok(1)
    })
}

/// `SSL_SESSION_set_cipher(3)`: NULL clears it. 1, or 0 for a NULL session.
///
/// Status: partial — changes what the session reports; sslrs resumes only sessions it made
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_cipher(s: *mut SSL_SESSION, cipher: *const SSL_CIPHER) -> c_int {
    one_or_zero(|| {
        let s = sess(s)?;
        // SAFETY: SSL_CIPHER pointers come from this library's static tables.
        let iana = unsafe { (cipher as *const CipherInfo).as_ref() }.map_or(0, |c| c.iana);
        s.update(|d| d.cipher = iana);
        Ok(())
    })
}

/// `SSL_SESSION_set_max_early_data(3)`: 1, or 0 for NULL.
///
/// Status: partial — recorded in the session; sslrs sends no early data
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_max_early_data(
    s: *mut SSL_SESSION,
    max_early_data: u32,
) -> c_int {
    one_or_zero(|| {
        sess(s)?.update(|d| d.max_early_data = max_early_data);
        Ok(())
    })
}

/// `SSL_SESSION_get0_ticket(3)`: the ticket a client received (NULL/0 without one).
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_ticket(
    s: *const SSL_SESSION,
    tick: *mut *const c_uchar,
    len: *mut usize,
) {
    void(|| {
        let (p, n) = sess(s)?.with(|d| {
            if d.ticket.is_empty() {
                (core::ptr::null(), 0)
            } else {
                (d.ticket.as_ptr(), d.ticket.len())
            }
        });
        // SAFETY: NULL-checked writable pointers per the API.
        unsafe {
            if !tick.is_null() {
                write_out(tick, p);
            }
            if !len.is_null() {
                write_out(len, n);
            }
        }
        Ok(())
    })
}

/// `SSL_SESSION_get0_ticket_appdata(3)`: 1 with the data set by
/// `SSL_SESSION_set1_ticket_appdata` (NULL/0 without any); 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get0_ticket_appdata(
    ss: *mut SSL_SESSION,
    data: *mut *mut c_void,
    len: *mut usize,
) -> c_int {
    one_or_zero(|| {
        let (p, n) = recorded::session_appdata(ss, |a| match a {
            Some(v) if !v.is_empty() => (v.as_ptr() as *mut c_void, v.len()),
            _ => (core::ptr::null_mut(), 0),
        })?;
        // SAFETY: NULL-checked writable pointers per the API.
        unsafe {
            if !data.is_null() {
                write_out(data, p);
            }
            if !len.is_null() {
                write_out(len, n);
            }
        }
        Ok(())
    })
}

/// `SSL_SESSION_set1_ticket_appdata(3)`: copies the data (NULL clears it). 1, or 0.
///
/// Status: partial — kept with the session object; not sealed into the tickets sslrs issues,
/// so a session resumed from a ticket does not carry it
#[no_mangle]
pub extern "C" fn SSL_SESSION_set1_ticket_appdata(
    ss: *mut SSL_SESSION,
    data: *const c_void,
    len: usize,
) -> c_int {
    call(0, || {
        if too_big(len) {
            // only when `ss` is a session: NULL still fails with its error entry
            sess(ss)?;
            return Ok(0);
        }
        let v = bytes_arg(data, len)?;
        recorded::session_appdata(ss, |a| *a = (!v.is_empty()).then_some(v))?;
        Ok(1)
    })
}

/// `SSL_SESSION_get_max_fragment_length(3)`: 0, no maximum fragment length was negotiated.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_max_fragment_length(sess_: *const SSL_SESSION) -> u8 {
    let _ = sess_;
    0
}

/// `SSL_SESSION_print_keylog(3)`: writes `RSA Session-ID:<hex> Master-Key:<hex>` and a
/// newline to `bp`; 1, or 0 when the session has no id or no master key (nothing written, no
/// error, as OpenSSL) or on failure.
///
/// Status: partial — TLS 1.3 sessions have no master key here (rustls keeps the resumption
/// secret), so they print nothing (0)
#[no_mangle]
pub extern "C" fn SSL_SESSION_print_keylog(bp: *mut BIO, x: *const SSL_SESSION) -> c_int {
    call(0, || {
        let (id, mk) = sess(x)?.with(|d| (d.id.clone(), d.master_key.clone()));
        if id.is_empty() || mk.is_empty() {
            return Ok(0);
        }
        if bp.is_null() {
            return Err(Error::null_param(lib::SSL, "SSL_SESSION_print_keylog"));
        }
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
        let line = format!("RSA Session-ID:{} Master-Key:{}\n", hex(&id), hex(&mk));
        let n = crate::ffi::bio::BIO_write(bp, line.as_ptr().cast(), line.len() as c_int);
        Ok(c_int::from(n == line.len() as c_int))
    })
}

/// `SSL_copy_session_id(3)`: `to` gets `from`'s session (a new reference) and session id
/// context. 1, or 0.
#[no_mangle]
pub extern "C" fn SSL_copy_session_id(to: *mut SSL, from: *const SSL) -> c_int {
    one_or_zero(|| {
        let sid_ctx = crate::ffi::callbacks::conn_of(crate::ffi::callbacks::obj(from)?)?
            .sess
            .sid_ctx
            .clone();
        crate::ffi::callbacks::obj(to)?;
        let s = crate::ffi::session::SSL_get_session(from);
        if crate::ffi::session::SSL_set_session(to, s) == 0 {
            return Err(Error::internal("SSL_copy_session_id"));
        }
        crate::ffi::callbacks::conn_of(crate::ffi::callbacks::obj(to)?)?
            .sess
            .sid_ctx = sid_ctx;
        Ok(())
    })
}

/// `SSL_has_matching_session_id(3)`: 1 if the context's internal session cache holds a session
/// with this id; 0 otherwise (ids longer than 32 bytes never match).
#[no_mangle]
pub extern "C" fn SSL_has_matching_session_id(
    s: *const SSL,
    id: *const c_uchar,
    id_len: c_uint,
) -> c_int {
    call(0, || {
        let c = crate::ffi::callbacks::conn_of(crate::ffi::callbacks::obj(s)?)?;
        if id_len as usize > crate::engine::session::MAX_ID_LEN {
            return Ok(0);
        }
        // SAFETY: `id` holds `id_len` bytes per the API.
        let id = unsafe { in_buf(id.cast(), id_len as usize) }?;
        Ok(c_int::from(c.ctx.sessions.has_internal(id)))
    })
}

/// `SSL_CTX_sessions(3)`: NULL.
///
/// Status: partial — NULL: the session cache is not an `LHASH` a program could walk
#[no_mangle]
pub extern "C" fn SSL_CTX_sessions(ctx: *mut SSL_CTX) -> *mut lhash_st_SSL_SESSION {
    let _ = ctx;
    core::ptr::null_mut()
}

/// `SSL_CTX_set_generate_session_id(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: session ids are made by rustls
#[no_mangle]
pub extern "C" fn SSL_CTX_set_generate_session_id(ctx: *mut SSL_CTX, cb: GEN_SESSION_CB) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.generate_session_id = recorded::addr(cb)))
}

/// `SSL_set_generate_session_id(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: session ids are made by rustls
#[no_mangle]
pub extern "C" fn SSL_set_generate_session_id(s: *mut SSL, cb: GEN_SESSION_CB) -> c_int {
    one_or_zero(|| recorded::ssl(s, |r| r.generate_session_id = recorded::addr(cb)))
}

/// `SSL_CTX_set_not_resumable_session_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: every session sslrs makes may be resumed
#[no_mangle]
pub extern "C" fn SSL_CTX_set_not_resumable_session_callback(
    ctx: *mut SSL_CTX,
    cb: Option<unsafe extern "C" fn(ssl: *mut SSL, is_forward_secure: c_int) -> c_int>,
) {
    void(|| recorded::ctx(ctx, |r| r.not_resumable_cb = recorded::addr(cb)))
}

/// `SSL_set_not_resumable_session_callback(3)`: recorded.
///
/// Status: partial — recorded, never called: every session sslrs makes may be resumed
#[no_mangle]
pub extern "C" fn SSL_set_not_resumable_session_callback(
    ssl: *mut SSL,
    cb: Option<unsafe extern "C" fn(ssl: *mut SSL, is_forward_secure: c_int) -> c_int>,
) {
    void(|| recorded::ssl(ssl, |r| r.not_resumable_cb = recorded::addr(cb)))
}

/// `SSL_CTX_set_session_ticket_cb(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: tickets carry no application data
#[no_mangle]
pub extern "C" fn SSL_CTX_set_session_ticket_cb(
    ctx: *mut SSL_CTX,
    gen_cb: SSL_CTX_generate_session_ticket_fn,
    dec_cb: SSL_CTX_decrypt_session_ticket_fn,
    arg: *mut c_void,
) -> c_int {
    one_or_zero(|| {
        recorded::ctx(ctx, |r| {
            r.ticket_cb = (recorded::addr(gen_cb), recorded::addr(dec_cb), arg as usize)
        })
    })
}

fn only_null(present: bool, check: Result<()>, func: &'static str) -> c_int {
    call(0, || {
        check?;
        if present {
            return Err(Error::unsupported(lib::SSL, func));
        }
        Ok(1)
    })
}

fn check_ssl(s: *const SSL) -> Result<()> {
    crate::ffi::callbacks::obj(s).map(|_| ())
}

/// `SSL_set_session_secret_cb(3)`: NULL (no callback) gives 1.
///
/// Status: fails cleanly — a callback gives 0 with `ERR_R_UNSUPPORTED`: the master secret is
/// rustls's
#[no_mangle]
pub extern "C" fn SSL_set_session_secret_cb(
    s: *mut SSL,
    session_secret_cb: tls_session_secret_cb_fn,
    arg: *mut c_void,
) -> c_int {
    let _ = arg;
    only_null(
        session_secret_cb.is_some(),
        check_ssl(s),
        "SSL_set_session_secret_cb",
    )
}

/// `SSL_set_session_ticket_ext(3)`: NULL data (no extension) gives 1.
///
/// Status: fails cleanly — data gives 0 with `ERR_R_UNSUPPORTED`: the session ticket extension
/// is rustls's
#[no_mangle]
pub extern "C" fn SSL_set_session_ticket_ext(
    s: *mut SSL,
    ext_data: *mut c_void,
    ext_len: c_int,
) -> c_int {
    let _ = ext_len;
    only_null(
        !ext_data.is_null(),
        check_ssl(s),
        "SSL_set_session_ticket_ext",
    )
}

/// `SSL_set_session_ticket_ext_cb(3)`: NULL (no callback) gives 1.
///
/// Status: fails cleanly — a callback gives 0 with `ERR_R_UNSUPPORTED`: the session ticket
/// extension is rustls's
#[no_mangle]
pub extern "C" fn SSL_set_session_ticket_ext_cb(
    s: *mut SSL,
    cb: tls_session_ticket_ext_cb_fn,
    arg: *mut c_void,
) -> c_int {
    let _ = arg;
    only_null(cb.is_some(), check_ssl(s), "SSL_set_session_ticket_ext_cb")
}

/// `SSL_new_session_ticket(3)`: 0 without an error unless the connection is a TLS 1.3 server
/// whose handshake is complete (OpenSSL's "not applicable" answer).
///
/// Status: fails cleanly — on a finished TLS 1.3 server, 0 with `ERR_R_UNSUPPORTED`: extra
/// tickets on demand are not implemented
#[no_mangle]
pub extern "C" fn SSL_new_session_ticket(s: *mut SSL) -> c_int {
    call(0, || {
        let c = crate::ffi::callbacks::conn_of(crate::ffi::callbacks::obj(s)?)?;
        if c.is_server() && c.is_init_finished() && c.version() == crate::ffi::ssl::TLS1_3_VERSION {
            return Err(Error::unsupported(lib::SSL, "SSL_new_session_ticket"));
        }
        Ok(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert!(SSL_SESSION_dup(null()).is_null());
        assert_eq!(SSL_SESSION_set1_hostname(null_mut(), null()), 0);
        assert_eq!(
            SSL_SESSION_set1_alpn_selected(null_mut(), null(), usize::MAX),
            0
        );
        assert_eq!(SSL_SESSION_set1_master_key(null_mut(), null(), 0), 0);
        assert_eq!(SSL_SESSION_set_cipher(null_mut(), null()), 0);
        assert_eq!(SSL_SESSION_set_max_early_data(null_mut(), u32::MAX), 0);
        SSL_SESSION_get0_ticket(null(), null_mut(), null_mut());
        assert_eq!(
            SSL_SESSION_get0_ticket_appdata(null_mut(), null_mut(), null_mut()),
            0
        );
        assert_eq!(SSL_SESSION_set1_ticket_appdata(null_mut(), null(), 0), 0);
        assert_eq!(SSL_SESSION_get_max_fragment_length(null()), 0);
        assert_eq!(SSL_SESSION_print_keylog(null_mut(), null()), 0);
        assert_eq!(SSL_copy_session_id(null_mut(), null()), 0);
        assert_eq!(SSL_has_matching_session_id(null(), null(), c_uint::MAX), 0);
        assert!(SSL_CTX_sessions(null_mut()).is_null());
        assert_eq!(SSL_CTX_set_generate_session_id(null_mut(), None), 0);
        assert_eq!(SSL_set_generate_session_id(null_mut(), None), 0);
        SSL_CTX_set_not_resumable_session_callback(null_mut(), None);
        SSL_set_not_resumable_session_callback(null_mut(), None);
        assert_eq!(
            SSL_CTX_set_session_ticket_cb(null_mut(), None, None, null_mut()),
            0
        );
        assert_eq!(SSL_set_session_secret_cb(null_mut(), None, null_mut()), 0);
        assert_eq!(SSL_set_session_ticket_ext(null_mut(), null_mut(), -1), 0);
        assert_eq!(
            SSL_set_session_ticket_ext_cb(null_mut(), None, null_mut()),
            0
        );
        assert_eq!(SSL_new_session_ticket(null_mut()), 0);
        crate::crypto::err::clear();
    }

    #[test]
    fn setters_and_dup() {
        use crate::ffi::session::{SSL_SESSION_free, SSL_SESSION_get0_hostname, SSL_SESSION_new};
        let s = SSL_SESSION_new();
        assert_eq!(SSL_SESSION_set1_hostname(s, c"a.example".as_ptr()), 1);
        // SAFETY: a C string owned by the session.
        let h = unsafe { std::ffi::CStr::from_ptr(SSL_SESSION_get0_hostname(s)) };
        assert_eq!(h.to_str().unwrap(), "a.example");
        assert_eq!(SSL_SESSION_set1_hostname(s, c"b.example".as_ptr()), 1);
        // SAFETY: as above.
        let h = unsafe { std::ffi::CStr::from_ptr(SSL_SESSION_get0_hostname(s)) };
        assert_eq!(h.to_str().unwrap(), "b.example");
        assert_eq!(
            SSL_SESSION_set1_ticket_appdata(s, b"xy".as_ptr().cast(), 2),
            1
        );
        assert_eq!(SSL_SESSION_set_max_early_data(s, 100), 1);
        let d = SSL_SESSION_dup(s);
        let (mut p, mut n) = (null_mut(), 0);
        assert_eq!(SSL_SESSION_get0_ticket_appdata(d, &mut p, &mut n), 1);
        assert_eq!(n, 2);
        assert_eq!(crate::ffi::session::SSL_SESSION_get_max_early_data(d), 100);
        // print_keylog: nothing without an id and a master key
        assert_eq!(SSL_SESSION_print_keylog(null_mut(), s), 0);
        assert_eq!(SSL_SESSION_set1_master_key(s, [1u8; 48].as_ptr(), 48), 1);
        SSL_SESSION_free(d);
        SSL_SESSION_free(s);
        crate::crypto::err::clear();
    }
}
