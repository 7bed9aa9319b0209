//! TLS extensions the application supplies: custom extensions (`SSL_CTX_add_custom_ext` and the
//! client/server variants), serverinfo (`SSL_CTX_use_serverinfo*`), NPN (`next_protos`). rustls
//! has no hook to add arbitrary extensions, so registering one fails (the program learns that its
//! extension will not be sent); NPN callbacks are recorded (a client that offers NPN also offers
//! ALPN in practice, and ALPN works). `SSL_extension_supported` reports the extensions OpenSSL
//! itself handles.

use crate::ffi::recorded::{self, unsupported};
use crate::ffi::types::{SSL, SSL_CTX, X509};
use crate::ffi::void;
use core::ffi::{c_char, c_int, c_uchar, c_uint, c_void};

/// `custom_ext_add_cb`.
pub type custom_ext_add_cb = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        out: *mut *const c_uchar,
        outlen: *mut usize,
        al: *mut c_int,
        add_arg: *mut c_void,
    ) -> c_int,
>;
/// `custom_ext_free_cb`.
pub type custom_ext_free_cb = Option<
    unsafe extern "C" fn(s: *mut SSL, ext_type: c_uint, out: *const c_uchar, add_arg: *mut c_void),
>;
/// `custom_ext_parse_cb`.
pub type custom_ext_parse_cb = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        r#in: *const c_uchar,
        inlen: usize,
        al: *mut c_int,
        parse_arg: *mut c_void,
    ) -> c_int,
>;
/// `SSL_custom_ext_add_cb_ex`.
pub type SSL_custom_ext_add_cb_ex = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        context: c_uint,
        out: *mut *const c_uchar,
        outlen: *mut usize,
        x: *mut X509,
        chainidx: usize,
        al: *mut c_int,
        add_arg: *mut c_void,
    ) -> c_int,
>;
/// `SSL_custom_ext_free_cb_ex`.
pub type SSL_custom_ext_free_cb_ex = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        context: c_uint,
        out: *const c_uchar,
        add_arg: *mut c_void,
    ),
>;
/// `SSL_custom_ext_parse_cb_ex`.
pub type SSL_custom_ext_parse_cb_ex = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        ext_type: c_uint,
        context: c_uint,
        r#in: *const c_uchar,
        inlen: usize,
        x: *mut X509,
        chainidx: usize,
        al: *mut c_int,
        parse_arg: *mut c_void,
    ) -> c_int,
>;
/// `SSL_CTX_npn_select_cb_func`.
pub type SSL_CTX_npn_select_cb_func = Option<
    unsafe extern "C" fn(
        s: *mut SSL,
        out: *mut *mut c_uchar,
        outlen: *mut c_uchar,
        r#in: *const c_uchar,
        inlen: c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;
/// `SSL_CTX_npn_advertised_cb_func`.
pub type SSL_CTX_npn_advertised_cb_func = Option<
    unsafe extern "C" fn(
        ssl: *mut SSL,
        out: *mut *const c_uchar,
        outlen: *mut c_uint,
        arg: *mut c_void,
    ) -> c_int,
>;

/// Extension types OpenSSL 3.0 handles itself (measured: `SSL_extension_supported` over
/// 0..65535).
const BUILTIN: [c_uint; 24] = [
    0, 1, 5, 10, 11, 12, 13, 14, 16, 18, 21, 22, 23, 35, 41, 42, 43, 44, 45, 47, 49, 51, 13172,
    65281,
];

/// `SSL_extension_supported(3)`: 1 for the extension types the library handles itself (which a
/// custom extension may not use), else 0 — OpenSSL 3.0's list.
#[no_mangle]
pub extern "C" fn SSL_extension_supported(ext_type: c_uint) -> c_int {
    c_int::from(BUILTIN.contains(&ext_type))
}

/// `SSL_CTX_add_client_custom_ext(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: rustls cannot send custom extensions
#[no_mangle]
pub extern "C" fn SSL_CTX_add_client_custom_ext(
    ctx: *mut SSL_CTX,
    ext_type: c_uint,
    add_cb: custom_ext_add_cb,
    free_cb: custom_ext_free_cb,
    add_arg: *mut c_void,
    parse_cb: custom_ext_parse_cb,
    parse_arg: *mut c_void,
) -> c_int {
    let _ = (ctx, ext_type, add_cb, free_cb, add_arg, parse_cb, parse_arg);
    unsupported(0, "SSL_CTX_add_client_custom_ext")
}

/// `SSL_CTX_add_server_custom_ext(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: rustls cannot send custom extensions
#[no_mangle]
pub extern "C" fn SSL_CTX_add_server_custom_ext(
    ctx: *mut SSL_CTX,
    ext_type: c_uint,
    add_cb: custom_ext_add_cb,
    free_cb: custom_ext_free_cb,
    add_arg: *mut c_void,
    parse_cb: custom_ext_parse_cb,
    parse_arg: *mut c_void,
) -> c_int {
    let _ = (ctx, ext_type, add_cb, free_cb, add_arg, parse_cb, parse_arg);
    unsupported(0, "SSL_CTX_add_server_custom_ext")
}

/// `SSL_CTX_add_custom_ext(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: rustls cannot send custom extensions
#[no_mangle]
pub extern "C" fn SSL_CTX_add_custom_ext(
    ctx: *mut SSL_CTX,
    ext_type: c_uint,
    context: c_uint,
    add_cb: SSL_custom_ext_add_cb_ex,
    free_cb: SSL_custom_ext_free_cb_ex,
    add_arg: *mut c_void,
    parse_cb: SSL_custom_ext_parse_cb_ex,
    parse_arg: *mut c_void,
) -> c_int {
    let _ = (
        ctx, ext_type, context, add_cb, free_cb, add_arg, parse_cb, parse_arg,
    );
    unsupported(0, "SSL_CTX_add_custom_ext")
}

/// `SSL_CTX_has_client_custom_ext(3)`: 0, none can be registered.
#[no_mangle]
pub extern "C" fn SSL_CTX_has_client_custom_ext(ctx: *const SSL_CTX, ext_type: c_uint) -> c_int {
    let _ = (ctx, ext_type);
    0
}

/// `SSL_CTX_use_serverinfo(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: serverinfo extensions are not sent
#[no_mangle]
pub extern "C" fn SSL_CTX_use_serverinfo(
    ctx: *mut SSL_CTX,
    serverinfo: *const c_uchar,
    serverinfo_length: usize,
) -> c_int {
    let _ = (ctx, serverinfo, serverinfo_length);
    unsupported(0, "SSL_CTX_use_serverinfo")
}

/// `SSL_CTX_use_serverinfo_ex(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: serverinfo extensions are not sent
#[no_mangle]
pub extern "C" fn SSL_CTX_use_serverinfo_ex(
    ctx: *mut SSL_CTX,
    version: c_uint,
    serverinfo: *const c_uchar,
    serverinfo_length: usize,
) -> c_int {
    let _ = (ctx, version, serverinfo, serverinfo_length);
    unsupported(0, "SSL_CTX_use_serverinfo_ex")
}

/// `SSL_CTX_use_serverinfo_file(3)`: 0.
///
/// Status: fails cleanly — 0 with `ERR_R_UNSUPPORTED`: serverinfo extensions are not sent
#[no_mangle]
pub extern "C" fn SSL_CTX_use_serverinfo_file(ctx: *mut SSL_CTX, file: *const c_char) -> c_int {
    let _ = (ctx, file);
    unsupported(0, "SSL_CTX_use_serverinfo_file")
}

/// `SSL_CTX_set_next_proto_select_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: NPN is not negotiated (ALPN is)
#[no_mangle]
pub extern "C" fn SSL_CTX_set_next_proto_select_cb(
    s: *mut SSL_CTX,
    cb: SSL_CTX_npn_select_cb_func,
    arg: *mut c_void,
) {
    void(|| {
        recorded::ctx(s, |r| {
            r.npn_cb.0 = recorded::addr(cb);
            r.npn_cb.1 = arg as usize;
        })
    })
}

/// `SSL_CTX_set_next_protos_advertised_cb(3)`: recorded.
///
/// Status: partial — recorded, never called: NPN is not negotiated (ALPN is)
#[no_mangle]
pub extern "C" fn SSL_CTX_set_next_protos_advertised_cb(
    s: *mut SSL_CTX,
    cb: SSL_CTX_npn_advertised_cb_func,
    arg: *mut c_void,
) {
    void(|| {
        recorded::ctx(s, |r| {
            r.npn_cb.2 = recorded::addr(cb);
            r.npn_cb.3 = arg as usize;
        })
    })
}

/// `SSL_get0_next_proto_negotiated(3)`: `*data` = NULL, `*len` = 0: no NPN protocol (NPN is
/// never negotiated).
#[no_mangle]
pub extern "C" fn SSL_get0_next_proto_negotiated(
    s: *const SSL,
    data: *mut *const c_uchar,
    len: *mut c_uint,
) {
    let _ = s;
    if !data.is_null() {
        // SAFETY: a writable pointer per the API.
        unsafe { crate::ffi::ptr::write_out(data, core::ptr::null()) };
    }
    if !len.is_null() {
        // SAFETY: as above.
        unsafe { crate::ffi::ptr::write_out(len, 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_extension_supported(c_uint::MAX), 0);
        assert_eq!(SSL_extension_supported(16), 1);
        assert_eq!(
            SSL_CTX_add_client_custom_ext(null_mut(), 0, None, None, null_mut(), None, null_mut()),
            0
        );
        assert_eq!(
            SSL_CTX_add_server_custom_ext(null_mut(), 0, None, None, null_mut(), None, null_mut()),
            0
        );
        assert_eq!(
            SSL_CTX_add_custom_ext(null_mut(), 0, 0, None, None, null_mut(), None, null_mut()),
            0
        );
        assert_eq!(SSL_CTX_has_client_custom_ext(null(), 0), 0);
        assert_eq!(SSL_CTX_use_serverinfo(null_mut(), null(), 0), 0);
        assert_eq!(
            SSL_CTX_use_serverinfo_ex(null_mut(), 0, null(), usize::MAX),
            0
        );
        assert_eq!(SSL_CTX_use_serverinfo_file(null_mut(), null()), 0);
        SSL_CTX_set_next_proto_select_cb(null_mut(), None, null_mut());
        SSL_CTX_set_next_protos_advertised_cb(null_mut(), None, null_mut());
        SSL_get0_next_proto_negotiated(null(), null_mut(), null_mut());
        let (mut d, mut l) = (core::ptr::dangling::<c_uchar>(), 9);
        SSL_get0_next_proto_negotiated(null(), &mut d, &mut l);
        assert!(d.is_null());
        assert_eq!(l, 0);
        crate::crypto::err::clear();
    }
}
