//! Asynchronous operation (`SSL_MODE_ASYNC`, engines that pause jobs): sslrs never pauses an
//! operation, so there is no wait context. The async callback and its argument are recorded;
//! the fd queries answer as OpenSSL does for a connection without a wait context (0, outputs
//! untouched) and `SSL_waiting_for_async` is always 0.

use crate::ffi::one_or_zero;
use crate::ffi::recorded;
use crate::ffi::types::{SSL, SSL_CTX};
use core::ffi::{c_int, c_void};

/// `SSL_async_callback_fn`.
pub type SSL_async_callback_fn =
    Option<unsafe extern "C" fn(s: *mut SSL, arg: *mut c_void) -> c_int>;

/// `SSL_CTX_set_async_callback(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: no operation is ever paused
#[no_mangle]
pub extern "C" fn SSL_CTX_set_async_callback(
    ctx: *mut SSL_CTX,
    callback: SSL_async_callback_fn,
) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.async_cb = recorded::addr(callback)))
}

/// `SSL_CTX_set_async_callback_arg(3)`: recorded, 1.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_async_callback_arg(ctx: *mut SSL_CTX, arg: *mut c_void) -> c_int {
    one_or_zero(|| recorded::ctx(ctx, |r| r.async_arg = arg as usize))
}

/// `SSL_set_async_callback(3)`: recorded, 1.
///
/// Status: partial — recorded, never called: no operation is ever paused
#[no_mangle]
pub extern "C" fn SSL_set_async_callback(s: *mut SSL, callback: SSL_async_callback_fn) -> c_int {
    one_or_zero(|| recorded::ssl(s, |r| r.async_cb = recorded::addr(callback)))
}

/// `SSL_set_async_callback_arg(3)`: recorded, 1.
#[no_mangle]
pub extern "C" fn SSL_set_async_callback_arg(s: *mut SSL, arg: *mut c_void) -> c_int {
    one_or_zero(|| recorded::ssl(s, |r| r.async_arg = arg as usize))
}

/// `SSL_waiting_for_async(3)`: 0, no job is ever paused.
#[no_mangle]
pub extern "C" fn SSL_waiting_for_async(s: *mut SSL) -> c_int {
    let _ = s;
    0
}

/// `SSL_get_all_async_fds(3)`: 0 with `*numfds` untouched, as OpenSSL answers for a connection
/// without a wait context.
#[no_mangle]
pub extern "C" fn SSL_get_all_async_fds(s: *mut SSL, fds: *mut c_int, numfds: *mut usize) -> c_int {
    let _ = (s, fds, numfds);
    0
}

/// `SSL_get_changed_async_fds(3)`: 0 with the counts untouched (no wait context).
#[no_mangle]
pub extern "C" fn SSL_get_changed_async_fds(
    s: *mut SSL,
    addfd: *mut c_int,
    numaddfds: *mut usize,
    delfd: *mut c_int,
    numdelfds: *mut usize,
) -> c_int {
    let _ = (s, addfd, numaddfds, delfd, numdelfds);
    0
}

/// `SSL_get_async_status(3)`: 0 with `*status` untouched (no wait context).
#[no_mangle]
pub extern "C" fn SSL_get_async_status(s: *mut SSL, status: *mut c_int) -> c_int {
    let _ = (s, status);
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::null_mut;

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_CTX_set_async_callback(null_mut(), None), 0);
        assert_eq!(SSL_CTX_set_async_callback_arg(null_mut(), null_mut()), 0);
        assert_eq!(SSL_set_async_callback(null_mut(), None), 0);
        assert_eq!(SSL_set_async_callback_arg(null_mut(), null_mut()), 0);
        assert_eq!(SSL_waiting_for_async(null_mut()), 0);
        assert_eq!(SSL_get_all_async_fds(null_mut(), null_mut(), null_mut()), 0);
        assert_eq!(
            SSL_get_changed_async_fds(null_mut(), null_mut(), null_mut(), null_mut(), null_mut()),
            0
        );
        assert_eq!(SSL_get_async_status(null_mut(), null_mut()), 0);
        crate::crypto::err::clear();
    }
}
