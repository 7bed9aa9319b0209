//! `SSL_CONF_*`: configuration by command name (`SSL_CONF_cmd(3)`), for the commands that map
//! onto settings sslrs has. Used by the `openssl` tool and by programs that take OpenSSL-style
//! options.

use crate::ffi::ptr::c_str;
use crate::ffi::ssl::{
    SSL_CTX_ctrl, SSL_CTX_set_cipher_list, SSL_CTX_set_ciphersuites, SSL_ctrl, SSL_set_cipher_list,
    SSL_set_ciphersuites,
};
use crate::ffi::types::{SSL, SSL_CTX};
use crate::ffi::{guard, null_on_error};
use core::ffi::{c_char, c_int, c_long, c_uint, c_void};
use std::ffi::CString;

pub const SSL_CONF_FLAG_CMDLINE: c_int = 0x1;
pub const SSL_CONF_FLAG_FILE: c_int = 0x2;
pub const SSL_CONF_FLAG_CLIENT: c_int = 0x4;
pub const SSL_CONF_FLAG_SERVER: c_int = 0x8;
pub const SSL_CONF_FLAG_SHOW_ERRORS: c_int = 0x10;
pub const SSL_CONF_FLAG_CERTIFICATE: c_int = 0x20;
pub const SSL_CONF_FLAG_REQUIRE_PRIVATE: c_int = 0x40;
pub const SSL_CONF_TYPE_UNKNOWN: c_int = 0x0;
pub const SSL_CONF_TYPE_STRING: c_int = 0x1;
pub const SSL_CONF_TYPE_FILE: c_int = 0x2;
pub const SSL_CONF_TYPE_DIR: c_int = 0x3;
pub const SSL_CONF_TYPE_NONE: c_int = 0x4;
pub const SSL_CONF_TYPE_STORE: c_int = 0x5;

/// `SSL_CONF_CTX`.
pub struct SSL_CONF_CTX {
    flags: c_uint,
    prefix: Option<CString>,
    ctx: *mut SSL_CTX,
    ssl: *mut SSL,
}

/// The commands: (file-style name, command-line name, what they set).
#[derive(Clone, Copy)]
enum Cmd {
    CipherString,
    Ciphersuites,
    MinProtocol,
    MaxProtocol,
    Groups,
    SignatureAlgorithms,
}

const COMMANDS: &[(&str, &str, Cmd)] = &[
    ("CipherString", "cipher", Cmd::CipherString),
    ("Ciphersuites", "ciphersuites", Cmd::Ciphersuites),
    ("MinProtocol", "min_protocol", Cmd::MinProtocol),
    ("MaxProtocol", "max_protocol", Cmd::MaxProtocol),
    ("Groups", "groups", Cmd::Groups),
    ("Curves", "curves", Cmd::Groups),
    ("SignatureAlgorithms", "sigalgs", Cmd::SignatureAlgorithms),
];

fn lookup(cc: &SSL_CONF_CTX, cmd: &str) -> Option<Cmd> {
    let cmd = match &cc.prefix {
        Some(p) => cmd.strip_prefix(p.to_str().ok()?)?,
        None if cc.flags & SSL_CONF_FLAG_CMDLINE as c_uint != 0 => cmd.strip_prefix('-')?,
        None => cmd,
    };
    COMMANDS.iter().find_map(|&(file, line, c)| {
        let hit = (cc.flags & SSL_CONF_FLAG_FILE as c_uint != 0 && file.eq_ignore_ascii_case(cmd))
            || (cc.flags & SSL_CONF_FLAG_CMDLINE as c_uint != 0 && line == cmd);
        hit.then_some(c)
    })
}

fn protocol(v: &str) -> Option<c_long> {
    Some(match v {
        "None" => 0,
        "TLSv1.2" => 0x0303,
        "TLSv1.3" => 0x0304,
        "TLSv1" => 0x0301,
        "TLSv1.1" => 0x0302,
        "SSLv3" => 0x0300,
        _ => return None,
    })
}

/// Applies `cmd` = `value` to the context or connection: 1 on success, 0 on a bad value.
fn apply(cc: &SSL_CONF_CTX, cmd: Cmd, value: *const c_char) -> c_int {
    const SET_MIN: c_int = 123;
    const SET_MAX: c_int = 124;
    const SET_GROUPS_LIST: c_int = 92;
    const SET_SIGALGS_LIST: c_int = 98;
    let ctrl = |op: c_int, larg: c_long, parg: *mut c_void| -> c_int {
        if !cc.ssl.is_null() {
            (SSL_ctrl(cc.ssl, op, larg, parg) > 0) as c_int
        } else if !cc.ctx.is_null() {
            (SSL_CTX_ctrl(cc.ctx, op, larg, parg) > 0) as c_int
        } else {
            1
        }
    };
    match cmd {
        Cmd::CipherString if !cc.ssl.is_null() => SSL_set_cipher_list(cc.ssl, value),
        Cmd::CipherString if !cc.ctx.is_null() => SSL_CTX_set_cipher_list(cc.ctx, value),
        Cmd::Ciphersuites if !cc.ssl.is_null() => SSL_set_ciphersuites(cc.ssl, value),
        Cmd::Ciphersuites if !cc.ctx.is_null() => SSL_CTX_set_ciphersuites(cc.ctx, value),
        Cmd::CipherString | Cmd::Ciphersuites => 1,
        Cmd::MinProtocol | Cmd::MaxProtocol => {
            // SAFETY: a NUL-terminated value per the API.
            let v = unsafe { c_str(value) }.and_then(|v| v.to_str().ok());
            match v.and_then(protocol) {
                None => 0,
                Some(p) => {
                    let op = if matches!(cmd, Cmd::MinProtocol) {
                        SET_MIN
                    } else {
                        SET_MAX
                    };
                    ctrl(op, p, core::ptr::null_mut())
                }
            }
        }
        Cmd::Groups => ctrl(SET_GROUPS_LIST, 0, value as *mut c_void),
        Cmd::SignatureAlgorithms => ctrl(SET_SIGALGS_LIST, 0, value as *mut c_void),
    }
}

fn conf<'a>(cctx: *mut SSL_CONF_CTX) -> Option<&'a mut SSL_CONF_CTX> {
    // SAFETY: NULL or a context made by SSL_CONF_CTX_new that the caller holds.
    unsafe { cctx.as_mut() }
}

/// `SSL_CONF_CTX_new(3)`.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_new() -> *mut SSL_CONF_CTX {
    null_on_error(|| {
        Ok(Box::into_raw(Box::new(SSL_CONF_CTX {
            flags: 0,
            prefix: None,
            ctx: core::ptr::null_mut(),
            ssl: core::ptr::null_mut(),
        })))
    })
}

/// `SSL_CONF_CTX_free(3)`.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_free(cctx: *mut SSL_CONF_CTX) {
    guard((), || {
        if !cctx.is_null() {
            // SAFETY: made by SSL_CONF_CTX_new; the caller gives it up.
            drop(unsafe { Box::from_raw(cctx) });
        }
    })
}

/// `SSL_CONF_CTX_set_flags(3)`: the new flags.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    guard(0, || {
        conf(cctx).map_or(0, |c| {
            c.flags |= flags;
            c.flags
        })
    })
}

/// `SSL_CONF_CTX_clear_flags(3)`: the new flags.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_clear_flags(cctx: *mut SSL_CONF_CTX, flags: c_uint) -> c_uint {
    guard(0, || {
        conf(cctx).map_or(0, |c| {
            c.flags &= !flags;
            c.flags
        })
    })
}

/// `SSL_CONF_CTX_set1_prefix(3)`: 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set1_prefix(cctx: *mut SSL_CONF_CTX, pre: *const c_char) -> c_int {
    guard(0, || match conf(cctx) {
        None => 0,
        Some(c) => {
            // SAFETY: NULL or a NUL-terminated string.
            c.prefix = unsafe { c_str(pre) }.map(|p| p.to_owned());
            1
        }
    })
}

/// `SSL_CONF_CTX_set_ssl_ctx(3)`: later commands apply to `ctx`.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl_ctx(cctx: *mut SSL_CONF_CTX, ctx: *mut SSL_CTX) {
    guard((), || {
        if let Some(c) = conf(cctx) {
            c.ctx = ctx;
            c.ssl = core::ptr::null_mut();
        }
    })
}

/// `SSL_CONF_CTX_set_ssl(3)`: later commands apply to `ssl`.
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_set_ssl(cctx: *mut SSL_CONF_CTX, ssl: *mut SSL) {
    guard((), || {
        if let Some(c) = conf(cctx) {
            c.ssl = ssl;
            c.ctx = core::ptr::null_mut();
        }
    })
}

/// `SSL_CONF_CTX_finish(3)`: 1 (nothing is deferred).
#[no_mangle]
pub extern "C" fn SSL_CONF_CTX_finish(cctx: *mut SSL_CONF_CTX) -> c_int {
    guard(0, || conf(cctx).is_some() as c_int)
}

/// `SSL_CONF_cmd(3)`: 2 when the command and its value were used, 0 for a bad value, -2 for a
/// command sslrs does not know, -3 for a missing value.
///
/// Status: partial — CipherString, Ciphersuites, Min/MaxProtocol, Groups/Curves and
/// SignatureAlgorithms (and their command-line forms); every other command is "unknown" (-2).
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd(
    cctx: *mut SSL_CONF_CTX,
    cmd: *const c_char,
    value: *const c_char,
) -> c_int {
    guard(-2, || {
        // OpenSSL looks at the command name first (SSL_R_INVALID_NULL_CMD_NAME)
        if cmd.is_null() {
            crate::crypto::err::push(crate::error::Error::ssl(
                crate::error::ssl_r::INVALID_NULL_CMD_NAME,
                "SSL_CONF_cmd",
            ));
            return 0;
        }
        let Some(c) = conf(cctx) else { return 0 };
        // SAFETY: NULL or a NUL-terminated string.
        let Some(name) = (unsafe { c_str(cmd) }).and_then(|s| s.to_str().ok()) else {
            return 0;
        };
        let Some(k) = lookup(c, name) else { return -2 };
        if value.is_null() {
            return -3;
        }
        if apply(c, k, value) == 1 {
            2
        } else {
            0
        }
    })
}

/// `SSL_CONF_cmd_argv(3)`: the number of arguments used from `*pargv` (0: not a command), -1 on
/// error; advances `*pargc`/`*pargv`.
///
/// Status: partial — the commands of `SSL_CONF_cmd`.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_argv(
    cctx: *mut SSL_CONF_CTX,
    pargc: *mut c_int,
    pargv: *mut *mut *mut c_char,
) -> c_int {
    guard(-1, || {
        if pargv.is_null() {
            return 0;
        }
        // SAFETY: the caller's argv cursor.
        let argv = unsafe { *pargv };
        if argv.is_null() || unsafe { (*argv).is_null() } {
            return 0;
        }
        if !pargc.is_null() && unsafe { *pargc } < 1 {
            return 0;
        }
        // SAFETY: argv[0] is a string; argv[1] exists when argc allows (or is NULL-terminated).
        let (arg, val) = unsafe { (*argv, *argv.add(1)) };
        match SSL_CONF_cmd(cctx, arg, val) {
            2 => {
                // SAFETY: advancing the caller's cursor over the two arguments used.
                unsafe {
                    *pargv = argv.add(2);
                    if !pargc.is_null() {
                        *pargc -= 2;
                    }
                }
                2
            }
            -2 => 0,
            _ => -1,
        }
    })
}

/// `SSL_CONF_cmd_value_type(3)`.
#[no_mangle]
pub extern "C" fn SSL_CONF_cmd_value_type(cctx: *mut SSL_CONF_CTX, cmd: *const c_char) -> c_int {
    guard(SSL_CONF_TYPE_UNKNOWN, || {
        let Some(c) = conf(cctx) else {
            return SSL_CONF_TYPE_UNKNOWN;
        };
        // SAFETY: NULL or a NUL-terminated string.
        let name = unsafe { c_str(cmd) }.and_then(|s| s.to_str().ok());
        match name.and_then(|n| lookup(c, n)) {
            Some(_) => SSL_CONF_TYPE_STRING,
            None => SSL_CONF_TYPE_UNKNOWN,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    /// Every export of this file with NULL objects and arguments: the failure value, no crash.
    #[test]
    fn null_sweep() {
        SSL_CONF_CTX_free(null_mut());
        assert_eq!(SSL_CONF_CTX_set_flags(null_mut(), 1), 0);
        assert_eq!(SSL_CONF_CTX_clear_flags(null_mut(), 1), 0);
        assert_eq!(SSL_CONF_CTX_set1_prefix(null_mut(), null()), 0);
        SSL_CONF_CTX_set_ssl_ctx(null_mut(), null_mut());
        SSL_CONF_CTX_set_ssl(null_mut(), null_mut());
        assert_eq!(SSL_CONF_CTX_finish(null_mut()), 0);
        assert_eq!(SSL_CONF_cmd(null_mut(), null(), null()), 0);
        assert_eq!(SSL_CONF_cmd_argv(null_mut(), null_mut(), null_mut()), 0);
        assert_eq!(SSL_CONF_cmd_value_type(null_mut(), null()), 0);
        let c = SSL_CONF_CTX_new();
        assert!(!c.is_null());
        assert_eq!(SSL_CONF_cmd(c, null(), null()), 0);
        assert_eq!(SSL_CONF_cmd_value_type(c, null()), 0);
        let mut argc: c_int = -1;
        assert_eq!(SSL_CONF_cmd_argv(c, &mut argc, null_mut()), 0);
        SSL_CONF_CTX_free(c);
        crate::crypto::err::clear();
    }
}
