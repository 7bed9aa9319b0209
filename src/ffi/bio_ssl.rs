//! The SSL filter BIO of `openssl/ssl.h`: `BIO_f_ssl`, `BIO_new_ssl`, `BIO_new_ssl_connect`,
//! `BIO_ssl_shutdown`, `BIO_ssl_copy_session_id`, and the ctrls behind `BIO_set_ssl`,
//! `BIO_get_ssl`, `BIO_do_handshake`, `BIO_set_ssl_mode`, `BIO_set_ssl_renegotiate_*`.
//!
//! The filter is written as an ordinary `BIO_METHOD` on the public BIO API (`BIO_meth_new`,
//! `BIO_get_data`, `BIO_set_flags`, `BIO_next`, ...), called through our own exports: in native
//! mode those are sslrs's BIOs (a [`super::bio_meth`] method), in pass-through mode they forward
//! to libcrypto, so `BIO_f_ssl()` is then a libcrypto `BIO_METHOD` whose callbacks drive our SSL
//! objects. Either way reads and writes go to `SSL_read`/`SSL_write`/`SSL_do_handshake` on the
//! held `SSL *`, and `SSL_get_error` becomes the BIO's retry flags as in OpenSSL 3.0:
//! want-read → `BIO_should_read`, want-write → `BIO_should_write`, want-x509-lookup/accept/
//! connect → `BIO_should_io_special` with retry reason `BIO_RR_SSL_X509_LOOKUP`/`BIO_RR_ACCEPT`/
//! `BIO_RR_CONNECT`. `BIO_push(ssl_bio, transport)` makes the transport the SSL's rbio and wbio;
//! `BIO_pop` detaches it again. Freeing the filter with its close flag set frees the SSL.

use super::bio::{
    BIO_clear_flags, BIO_ctrl, BIO_get_retry_reason, BIO_set_flags, BIO_set_retry_reason,
    BIO_up_ref, BIO_CLOSE, BIO_CTRL_DUP, BIO_CTRL_FLUSH, BIO_CTRL_GET_CLOSE, BIO_CTRL_INFO,
    BIO_CTRL_PENDING, BIO_CTRL_POP, BIO_CTRL_PUSH, BIO_CTRL_RESET, BIO_CTRL_SET_CLOSE,
    BIO_CTRL_WPENDING, BIO_C_DO_STATE_MACHINE, BIO_C_GET_SSL, BIO_C_GET_SSL_NUM_RENEGOTIATES,
    BIO_C_SET_SSL, BIO_C_SET_SSL_RENEGOTIATE_BYTES, BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT,
    BIO_C_SSL_MODE, BIO_FLAGS_IO_SPECIAL, BIO_FLAGS_READ, BIO_FLAGS_RWS, BIO_FLAGS_SHOULD_RETRY,
    BIO_FLAGS_WRITE, BIO_RR_ACCEPT, BIO_RR_CONNECT, BIO_RR_SSL_X509_LOOKUP, BIO_TYPE_SSL,
};
use super::bio_meth::{
    BIO_find_type, BIO_get_data, BIO_get_init, BIO_get_shutdown, BIO_meth_new, BIO_meth_set_create,
    BIO_meth_set_ctrl, BIO_meth_set_destroy, BIO_meth_set_puts, BIO_meth_set_read,
    BIO_meth_set_write, BIO_next, BIO_push, BIO_set_data, BIO_set_init, BIO_set_next,
    BIO_set_shutdown,
};
use super::guard;
use super::ssl::{
    SSL_do_handshake, SSL_free, SSL_get_error, SSL_get_rbio, SSL_get_wbio, SSL_new, SSL_pending,
    SSL_read, SSL_set_accept_state, SSL_set_bio, SSL_set_connect_state, SSL_shutdown, SSL_write,
    SSL_ERROR_WANT_ACCEPT, SSL_ERROR_WANT_CONNECT, SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE,
    SSL_ERROR_WANT_X509_LOOKUP,
};
use super::types::{BIO, BIO_METHOD, SSL, SSL_CTX};
use core::ffi::{c_char, c_int, c_long, c_void, CStr};
use core::sync::atomic::{AtomicI64, AtomicPtr, Ordering};
use std::sync::OnceLock;

/// The filter's state, behind `BIO_get_data`.
struct SslBio {
    ssl: AtomicPtr<SSL>,
    /// `BIO_set_ssl_renegotiate_timeout` (recorded; sslrs never renegotiates).
    reneg_timeout: AtomicI64,
}

fn state<'a>(b: *mut BIO) -> Option<&'a SslBio> {
    let p = BIO_get_data(b) as *const SslBio;
    // SAFETY: the data of an SSL filter BIO is the `SslBio` its create callback boxed.
    unsafe { p.as_ref() }
}

fn ssl_of(b: *mut BIO) -> *mut SSL {
    state(b).map_or(core::ptr::null_mut(), |s| s.ssl.load(Ordering::Acquire))
}

fn clear_retry(b: *mut BIO) {
    BIO_clear_flags(b, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
}

/// Sets `b`'s retry flags from `SSL_get_error(ssl, ret)`.
fn map_retry(b: *mut BIO, ssl: *mut SSL, ret: c_int) {
    let special = |reason: c_int| {
        BIO_set_flags(b, BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
        BIO_set_retry_reason(b, reason);
    };
    match SSL_get_error(ssl, ret) {
        SSL_ERROR_WANT_READ => BIO_set_flags(b, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY),
        SSL_ERROR_WANT_WRITE => BIO_set_flags(b, BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY),
        SSL_ERROR_WANT_X509_LOOKUP => special(BIO_RR_SSL_X509_LOOKUP),
        SSL_ERROR_WANT_ACCEPT => special(BIO_RR_ACCEPT),
        SSL_ERROR_WANT_CONNECT => special(BIO_RR_CONNECT),
        _ => {}
    }
}

unsafe extern "C" fn ssl_bio_create(b: *mut BIO) -> c_int {
    guard(0, || {
        let st = Box::new(SslBio {
            ssl: AtomicPtr::new(core::ptr::null_mut()),
            reneg_timeout: AtomicI64::new(0),
        });
        BIO_set_data(b, Box::into_raw(st).cast());
        BIO_set_init(b, 0);
        BIO_set_shutdown(b, 0);
        BIO_clear_flags(b, !0);
        1
    })
}

/// Releases the held SSL if the close flag says so (`BIO_free`, `BIO_set_ssl` over an old one).
fn release_ssl(b: *mut BIO) {
    let Some(st) = state(b) else { return };
    let ssl = st.ssl.swap(core::ptr::null_mut(), Ordering::AcqRel);
    if BIO_get_shutdown(b) != 0 {
        if BIO_get_init(b) != 0 && !ssl.is_null() {
            SSL_free(ssl);
        }
        BIO_clear_flags(b, !0);
        BIO_set_init(b, 0);
    }
}

unsafe extern "C" fn ssl_bio_destroy(b: *mut BIO) -> c_int {
    guard(0, || {
        if state(b).is_none() {
            return 0;
        }
        release_ssl(b);
        let p = BIO_get_data(b) as *mut SslBio;
        BIO_set_data(b, core::ptr::null_mut());
        // SAFETY: the box made by ssl_bio_create, freed once (the data pointer is cleared).
        drop(unsafe { Box::from_raw(p) });
        1
    })
}

unsafe extern "C" fn ssl_bio_read(b: *mut BIO, buf: *mut c_char, size: c_int) -> c_int {
    guard(-1, || {
        if buf.is_null() {
            return 0;
        }
        let ssl = ssl_of(b);
        clear_retry(b);
        let r = SSL_read(ssl, buf.cast(), size);
        if r <= 0 {
            map_retry(b, ssl, r);
        }
        r
    })
}

unsafe extern "C" fn ssl_bio_write(b: *mut BIO, buf: *const c_char, size: c_int) -> c_int {
    guard(-1, || {
        if buf.is_null() {
            return 0;
        }
        let ssl = ssl_of(b);
        clear_retry(b);
        let r = SSL_write(ssl, buf.cast(), size);
        if r <= 0 {
            map_retry(b, ssl, r);
        }
        r
    })
}

unsafe extern "C" fn ssl_bio_puts(b: *mut BIO, s: *const c_char) -> c_int {
    if s.is_null() {
        return -1;
    }
    // SAFETY: a NUL-terminated string (BIO_puts's contract).
    let n = unsafe { CStr::from_ptr(s) }.to_bytes().len();
    // SAFETY: `n` readable bytes at `s`.
    unsafe { ssl_bio_write(b, s, n.min(c_int::MAX as usize) as c_int) }
}

unsafe extern "C" fn ssl_bio_ctrl(
    b: *mut BIO,
    cmd: c_int,
    num: c_long,
    ptr: *mut c_void,
) -> c_long {
    guard(0, || ctrl(b, cmd, num, ptr))
}

fn ctrl(b: *mut BIO, cmd: c_int, num: c_long, ptr: *mut c_void) -> c_long {
    let Some(st) = state(b) else { return 0 };
    let ssl = st.ssl.load(Ordering::Acquire);
    if ssl.is_null() && cmd != BIO_C_SET_SSL {
        return 0;
    }
    let next = BIO_next(b);
    match cmd {
        BIO_CTRL_RESET => {
            SSL_shutdown(ssl);
            super::ssl_conn::SSL_clear(ssl);
            if !next.is_null() {
                BIO_ctrl(next, cmd, num, ptr)
            } else {
                let rbio = SSL_get_rbio(ssl);
                if rbio.is_null() {
                    1
                } else {
                    BIO_ctrl(rbio, cmd, num, ptr)
                }
            }
        }
        BIO_CTRL_INFO => 0,
        BIO_C_SSL_MODE => {
            if num != 0 {
                SSL_set_connect_state(ssl);
            } else {
                SSL_set_accept_state(ssl);
            }
            1
        }
        // No renegotiation in sslrs: the timeout is recorded for its getter, the byte limit
        // ignored, the count always 0.
        BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT => {
            #[allow(clippy::unnecessary_cast)] // c_long is i64 here, i32 elsewhere
            let n = num as i64;
            st.reneg_timeout.swap(n, Ordering::AcqRel) as c_long
        }
        BIO_C_SET_SSL_RENEGOTIATE_BYTES | BIO_C_GET_SSL_NUM_RENEGOTIATES => 0,
        BIO_C_SET_SSL => {
            if !ssl.is_null() {
                release_ssl(b);
            }
            BIO_set_shutdown(b, num as c_int);
            let new = ptr as *mut SSL;
            st.ssl.store(new, Ordering::Release);
            let rbio = SSL_get_rbio(new);
            if !rbio.is_null() {
                if !next.is_null() {
                    BIO_push(rbio, next);
                }
                BIO_set_next(b, rbio);
                BIO_up_ref(rbio);
            }
            BIO_set_init(b, 1);
            1
        }
        BIO_C_GET_SSL => {
            if ptr.is_null() {
                0
            } else {
                // SAFETY: `ptr` is the caller's `SSL **` (BIO_get_ssl).
                unsafe { *(ptr as *mut *mut SSL) = ssl };
                1
            }
        }
        BIO_CTRL_GET_CLOSE => BIO_get_shutdown(b) as c_long,
        BIO_CTRL_SET_CLOSE => {
            BIO_set_shutdown(b, num as c_int);
            1
        }
        BIO_CTRL_WPENDING => {
            let w = SSL_get_wbio(ssl);
            if w.is_null() {
                0
            } else {
                BIO_ctrl(w, cmd, num, ptr)
            }
        }
        BIO_CTRL_PENDING => {
            let n = SSL_pending(ssl) as c_long;
            if n != 0 {
                n
            } else {
                let r = SSL_get_rbio(ssl);
                if r.is_null() {
                    0
                } else {
                    BIO_ctrl(r, cmd, num, ptr)
                }
            }
        }
        BIO_CTRL_FLUSH => {
            clear_retry(b);
            let w = SSL_get_wbio(ssl);
            if w.is_null() {
                return 0;
            }
            let r = BIO_ctrl(w, cmd, num, ptr);
            BIO_set_flags(
                b,
                super::bio::BIO_test_flags(w, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY),
            );
            BIO_set_retry_reason(b, BIO_get_retry_reason(w));
            r
        }
        BIO_CTRL_PUSH => {
            if !next.is_null() && next != SSL_get_rbio(ssl) {
                // The SSL takes one reference for both directions; the chain keeps its own.
                BIO_up_ref(next);
                SSL_set_bio(ssl, next, next);
            }
            1
        }
        BIO_CTRL_POP => {
            if ptr == b.cast() {
                SSL_set_bio(ssl, core::ptr::null_mut(), core::ptr::null_mut());
            }
            1
        }
        BIO_C_DO_STATE_MACHINE => {
            clear_retry(b);
            BIO_set_retry_reason(b, 0);
            let r = SSL_do_handshake(ssl);
            if r <= 0 {
                map_retry(b, ssl, r);
                if SSL_get_error(ssl, r) == SSL_ERROR_WANT_CONNECT {
                    let rb = SSL_get_rbio(ssl);
                    if !rb.is_null() {
                        BIO_set_retry_reason(b, BIO_get_retry_reason(rb));
                    }
                }
            }
            r as c_long
        }
        BIO_CTRL_DUP => {
            let dbio = ptr as *mut BIO;
            let Some(dst) = state(dbio) else { return 0 };
            let old = dst.ssl.swap(core::ptr::null_mut(), Ordering::AcqRel);
            if !old.is_null() {
                SSL_free(old);
            }
            let dup = super::ssl_conn::SSL_dup(ssl);
            dst.ssl.store(dup, Ordering::Release);
            BIO_set_init(dbio, c_int::from(!dup.is_null()));
            c_long::from(!dup.is_null())
        }
        _ => {
            let rbio = SSL_get_rbio(ssl);
            if rbio.is_null() {
                0
            } else {
                BIO_ctrl(rbio, cmd, num, ptr)
            }
        }
    }
}

/// The filter's `BIO_METHOD`, made once per process with the active backend's `BIO_meth_*`.
fn method() -> *const BIO_METHOD {
    static M: OnceLock<usize> = OnceLock::new();
    *M.get_or_init(|| {
        let m = BIO_meth_new(BIO_TYPE_SSL, c"ssl".as_ptr());
        if m.is_null() {
            return 0;
        }
        BIO_meth_set_write(m, Some(ssl_bio_write));
        BIO_meth_set_read(m, Some(ssl_bio_read));
        BIO_meth_set_puts(m, Some(ssl_bio_puts));
        BIO_meth_set_ctrl(m, Some(ssl_bio_ctrl));
        BIO_meth_set_create(m, Some(ssl_bio_create));
        BIO_meth_set_destroy(m, Some(ssl_bio_destroy));
        m as usize
    }) as *const BIO_METHOD
}

/// `BIO_f_ssl(3)`: the SSL filter method (`BIO_TYPE_SSL`, named "ssl"). A new filter holds no
/// SSL: reads and writes fail with `BIO_R_UNINITIALIZED` until `BIO_set_ssl`, its ctrls
/// return 0, its close flag is 0. In pass-through mode this is a libcrypto `BIO_METHOD`.
/// Status: partial — no renegotiation: `BIO_set_ssl_renegotiate_bytes` is ignored (returns 0),
/// `BIO_set_ssl_renegotiate_timeout` only records the value, `BIO_get_num_renegotiates` is 0;
/// `BIO_set_info_callback` on the filter is not supported (-2)
#[no_mangle]
pub extern "C" fn BIO_f_ssl() -> *const BIO_METHOD {
    guard(core::ptr::null(), method)
}

/// `BIO_new_ssl(3)`: a filter holding a new SSL of `ctx` (client role if `client` is nonzero,
/// else server), close flag `BIO_CLOSE`. NULL on failure.
#[no_mangle]
pub extern "C" fn BIO_new_ssl(ctx: *mut SSL_CTX, client: c_int) -> *mut BIO {
    guard(core::ptr::null_mut(), || {
        let b = super::bio::BIO_new(BIO_f_ssl());
        if b.is_null() {
            return b;
        }
        let ssl = SSL_new(ctx);
        if ssl.is_null() {
            super::bio::BIO_free(b);
            return core::ptr::null_mut();
        }
        if client != 0 {
            SSL_set_connect_state(ssl);
        } else {
            SSL_set_accept_state(ssl);
        }
        BIO_ctrl(b, BIO_C_SET_SSL, BIO_CLOSE as c_long, ssl.cast());
        b
    })
}

/// `BIO_new_ssl_connect(3)`: `BIO_new_ssl(ctx, 1)` pushed onto a new connect BIO
/// (`BIO_s_connect`): set the peer with `BIO_set_conn_hostname`, then `BIO_do_connect` or just
/// read and write. NULL on failure.
#[no_mangle]
pub extern "C" fn BIO_new_ssl_connect(ctx: *mut SSL_CTX) -> *mut BIO {
    guard(core::ptr::null_mut(), || {
        let ssl = BIO_new_ssl(ctx, 1);
        if ssl.is_null() {
            return ssl;
        }
        let con = super::bio::BIO_new(super::bio_net::BIO_s_connect());
        if con.is_null() {
            super::bio::BIO_free(ssl);
            return core::ptr::null_mut();
        }
        BIO_push(ssl, con)
    })
}

/// `BIO_new_buffer_ssl_connect(3)`: a buffering BIO (`BIO_f_buffer`) pushed onto
/// `BIO_new_ssl_connect(ctx)`. NULL on failure.
#[no_mangle]
pub extern "C" fn BIO_new_buffer_ssl_connect(ctx: *mut SSL_CTX) -> *mut BIO {
    guard(core::ptr::null_mut(), || {
        let buf = super::bio::BIO_new(super::bio_buffer::BIO_f_buffer());
        if buf.is_null() {
            return buf;
        }
        let ssl = BIO_new_ssl_connect(ctx);
        if ssl.is_null() {
            super::bio::BIO_free(buf);
            return core::ptr::null_mut();
        }
        BIO_push(buf, ssl)
    })
}

/// The SSL of the first SSL filter in `b`'s chain (NULL if none).
fn chain_ssl(b: *mut BIO) -> *mut SSL {
    let mut cur = b;
    while !cur.is_null() {
        if super::bio::BIO_method_type(cur) == BIO_TYPE_SSL {
            let mut s: *mut SSL = core::ptr::null_mut();
            BIO_ctrl(cur, BIO_C_GET_SSL, 0, (&mut s as *mut *mut SSL).cast());
            return s;
        }
        cur = BIO_next(cur);
    }
    core::ptr::null_mut()
}

/// `BIO_ssl_copy_session_id(3)`: `SSL_copy_session_id` between the first SSL filters of the
/// chains `to` and `from`: 1, or 0 if either chain has no filter with an SSL or the copy fails.
#[no_mangle]
pub extern "C" fn BIO_ssl_copy_session_id(to: *mut BIO, from: *mut BIO) -> c_int {
    guard(0, || {
        if to.is_null() || from.is_null() {
            // OpenSSL's BIO_find_type on the NULL one
            crate::crypto::err::push(crate::error::Error::null_param(
                crate::error::lib::BIO,
                "BIO_find_type",
            ));
            return 0;
        }
        let t = if to.is_null() {
            core::ptr::null_mut()
        } else {
            BIO_find_type(to, BIO_TYPE_SSL)
        };
        let f = if from.is_null() {
            core::ptr::null_mut()
        } else {
            BIO_find_type(from, BIO_TYPE_SSL)
        };
        let (ts, fs) = (chain_ssl(t), chain_ssl(f));
        if ts.is_null() || fs.is_null() {
            return 0;
        }
        c_int::from(super::session_extra::SSL_copy_session_id(ts, fs) == 1)
    })
}

/// `BIO_ssl_shutdown(3)`: `SSL_shutdown` on the SSL of every SSL filter in `ssl_bio`'s chain.
#[no_mangle]
pub extern "C" fn BIO_ssl_shutdown(ssl_bio: *mut BIO) {
    guard((), || {
        let mut cur = ssl_bio;
        while !cur.is_null() {
            if super::bio::BIO_method_type(cur) == BIO_TYPE_SSL {
                let mut s: *mut SSL = core::ptr::null_mut();
                BIO_ctrl(cur, BIO_C_GET_SSL, 0, (&mut s as *mut *mut SSL).cast());
                if !s.is_null() {
                    SSL_shutdown(s);
                }
            }
            cur = BIO_next(cur);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::err;
    use crate::ffi::bio::{BIO_free, BIO_free_all, BIO_method_type, BIO_new, BIO_new_bio_pair};
    use core::ptr::null_mut;

    fn ctrl(b: *mut BIO, cmd: c_int, larg: c_long) -> c_long {
        BIO_ctrl(b, cmd, larg, null_mut())
    }

    #[test]
    fn null_and_empty_filter() {
        err::clear();
        BIO_ssl_shutdown(null_mut());
        assert_eq!(BIO_ssl_copy_session_id(null_mut(), null_mut()), 0);
        assert!(BIO_new_ssl(null_mut(), 1).is_null());
        assert!(BIO_new_ssl_connect(null_mut()).is_null());
        assert!(BIO_new_buffer_ssl_connect(null_mut()).is_null());
        err::clear();
        assert!(!BIO_f_ssl().is_null());
        let e = BIO_new(BIO_f_ssl());
        assert_eq!(BIO_method_type(e), BIO_TYPE_SSL);
        let mut s: *mut SSL = core::ptr::dangling_mut();
        assert_eq!(
            BIO_ctrl(e, BIO_C_GET_SSL, 0, (&mut s as *mut *mut SSL).cast()),
            0
        );
        assert_eq!(s, core::ptr::dangling_mut());
        assert_eq!(ctrl(e, BIO_C_DO_STATE_MACHINE, 0), 0);
        assert_eq!(ctrl(e, BIO_CTRL_GET_CLOSE, 0), 0);
        let mut buf = [0u8; 4];
        assert_eq!(crate::ffi::bio::BIO_read(e, buf.as_mut_ptr().cast(), 4), -1);
        assert!(err::pop_first().is_some());
        BIO_ssl_shutdown(e);
        assert_eq!(BIO_free(e), 1);
    }

    #[test]
    fn push_pop_moves_transport() {
        let ctx = crate::ffi::ssl::SSL_CTX_new(crate::ffi::ssl::TLS_client_method());
        let b = BIO_new_ssl(ctx, 1);
        let mut s: *mut SSL = null_mut();
        assert_eq!(
            BIO_ctrl(b, BIO_C_GET_SSL, 0, (&mut s as *mut *mut SSL).cast()),
            1
        );
        let (mut x, mut y) = (null_mut(), null_mut());
        assert_eq!(BIO_new_bio_pair(&mut x, 0, &mut y, 0), 1);
        assert_eq!(BIO_push(b, x), b);
        assert_eq!(SSL_get_rbio(s), x);
        assert_eq!(SSL_get_wbio(s), x);
        assert_eq!(super::super::bio_meth::BIO_pop(b), x);
        assert!(SSL_get_rbio(s).is_null());
        assert_eq!(ctrl(b, BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT, 5), 0);
        assert_eq!(ctrl(b, BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT, 6), 5);
        assert_eq!(ctrl(b, BIO_C_GET_SSL_NUM_RENEGOTIATES, 0), 0);
        BIO_free_all(b);
        BIO_free(x);
        BIO_free(y);
        crate::ffi::ssl::SSL_CTX_free(ctx);
    }
}
