//! The `ssl_conf` module of OpenSSL's configuration file: `SSL_CTX_config`, `SSL_config`, and
//! the `system_default` section that `SSL_CTX_new` applies.
//!
//! The file is the one OpenSSL reads: `$OPENSSL_CONF`, else `openssl.cnf` in OpenSSL's directory
//! (`/usr/lib/ssl` on Debian). It is read once, at the first use. Its default section names the
//! initialisation section (`openssl_conf = S`), whose `ssl_conf = T` names the table of
//! configurations; each of those (`name = section`) is a list of `SSL_CONF_cmd` commands in their
//! file form (`MinProtocol = TLSv1.3`, `CipherString = ...`). The commands sslrs knows are those
//! of `SSL_CONF_cmd` (`conf.rs`).

use crate::error::{lib, ssl_r, Error};
use crate::ffi::conf::{
    SSL_CONF_CTX_finish, SSL_CONF_CTX_free, SSL_CONF_CTX_new, SSL_CONF_CTX_set_flags,
    SSL_CONF_CTX_set_ssl, SSL_CONF_CTX_set_ssl_ctx, SSL_CONF_cmd, SSL_CONF_FLAG_FILE,
};
use crate::ffi::ptr::c_str;
use crate::ffi::types::{SSL, SSL_CTX};
use crate::ffi::{call, void};
use core::ffi::{c_char, c_int, c_uint};
use std::collections::HashMap;
use std::ffi::CString;
use std::sync::OnceLock;

/// Where OpenSSL 3.0 on Debian looks when `OPENSSL_CONF` is not set (`OPENSSLDIR/openssl.cnf`).
const DEFAULT_FILE: &str = "/usr/lib/ssl/openssl.cnf";

/// The configurations of the file's `ssl_conf` table: name → commands, in file order.
type Table = HashMap<String, Vec<(CString, CString)>>;

/// A configuration file's sections (the default section is `""`), keys in file order.
fn parse(text: &str) -> HashMap<String, Vec<(String, String)>> {
    let mut sections: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut current = String::new();
    for raw in text.lines() {
        let line = match raw.find('#') {
            Some(i) => &raw[..i],
            None => raw,
        }
        .trim();
        if line.is_empty() || line.starts_with('.') {
            // `.include` / `.pragma`: not followed (the ssl_conf module rarely lives there).
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim().to_owned();
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            sections
                .entry(current.clone())
                .or_default()
                .push((k.trim().to_owned(), v.to_owned()));
        }
    }
    sections
}

/// The `ssl_conf` table of the configuration file `text`.
fn table_of(text: &str) -> Table {
    let sections = parse(text);
    let get = |section: &str, key: &str| -> Option<String> {
        sections
            .get(section)?
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let mut table = Table::new();
    let Some(init) = get("", "openssl_conf") else {
        return table;
    };
    let Some(ssl_sect) = get(&init, "ssl_conf") else {
        return table;
    };
    for (name, section) in sections.get(&ssl_sect).into_iter().flatten() {
        let cmds = sections
            .get(section)
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| {
                Some((
                    CString::new(k.as_str()).ok()?,
                    CString::new(v.as_str()).ok()?,
                ))
            })
            .collect();
        table.insert(name.clone(), cmds);
    }
    table
}

/// The process's table, read once.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let path = std::env::var_os("OPENSSL_CONF")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| DEFAULT_FILE.into());
        std::fs::read_to_string(path)
            .map(|t| table_of(&t))
            .unwrap_or_default()
    })
}

/// Applies configuration `name` to a context or a connection: 1 when every command applied,
/// 0 at the first one that did not (the commands before it stay applied, as in OpenSSL).
/// An unknown name: `SSL_R_INVALID_CONFIGURATION_NAME` unless `system` (the silent
/// `system_default` lookup of `SSL_CTX_new`).
fn apply(
    ctx: *mut SSL_CTX,
    ssl: *mut SSL,
    name: *const c_char,
    system: bool,
) -> Result<c_int, Error> {
    // SAFETY: NULL or a NUL-terminated string per the API.
    let name = unsafe { c_str(name) }.and_then(|n| n.to_str().ok());
    let Some(cmds) = name.and_then(|n| table().get(n)) else {
        if system {
            return Ok(0);
        }
        return Err(
            Error::ssl(ssl_r::INVALID_CONFIGURATION_NAME, "ssl_do_config")
                .with_data(format!("name={}", name.unwrap_or("<NULL>"))),
        );
    };
    let cc = SSL_CONF_CTX_new();
    if cc.is_null() {
        return Err(Error::internal("ssl_do_config"));
    }
    SSL_CONF_CTX_set_flags(cc, SSL_CONF_FLAG_FILE as c_uint);
    if ssl.is_null() {
        SSL_CONF_CTX_set_ssl_ctx(cc, ctx);
    } else {
        SSL_CONF_CTX_set_ssl(cc, ssl);
    }
    let ok = cmds
        .iter()
        .all(|(k, v)| SSL_CONF_cmd(cc, k.as_ptr(), v.as_ptr()) > 0);
    let finished = SSL_CONF_CTX_finish(cc);
    SSL_CONF_CTX_free(cc);
    Ok(c_int::from(ok && finished == 1))
}

/// `SSL_CTX_new`: the file's `system_default` configuration, if it has one.
pub fn apply_system_default(ctx: *mut SSL_CTX) {
    if table().contains_key("system_default") {
        let _ = apply(ctx, core::ptr::null_mut(), c"system_default".as_ptr(), true);
    }
}

/// `SSL_CTX_config(3)`: applies configuration `name` of the configuration file's `ssl_conf`
/// table to the context. 1, or 0 (an unknown name: `SSL_R_INVALID_CONFIGURATION_NAME` with
/// `name=...`; a command that fails: the commands before it stay applied).
///
/// Status: partial — the commands are those of `SSL_CONF_cmd`; `.include` and `$variables` in
/// the file are not followed.
#[no_mangle]
pub extern "C" fn SSL_CTX_config(ctx: *mut SSL_CTX, name: *const c_char) -> c_int {
    call(0, || {
        if ctx.is_null() {
            return Err(Error::null_param(lib::SSL, "SSL_CTX_config"));
        }
        apply(ctx, core::ptr::null_mut(), name, false)
    })
}

/// `SSL_config(3)`: as `SSL_CTX_config`, for one connection.
///
/// Status: partial — as `SSL_CTX_config`.
#[no_mangle]
pub extern "C" fn SSL_config(s: *mut SSL, name: *const c_char) -> c_int {
    call(0, || {
        if s.is_null() {
            return Err(Error::null_param(lib::SSL, "SSL_config"));
        }
        apply(core::ptr::null_mut(), s, name, false)
    })
}

/// `SSL_add_ssl_module(3)` (deprecated): registers the `ssl_conf` module. sslrs reads the
/// module's table itself, so there is nothing to register.
#[no_mangle]
pub extern "C" fn SSL_add_ssl_module() {
    void(|| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_follows_the_sections() {
        let t = table_of(
            "# c\nopenssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nmyapp = app\nsystem_default = sd\n\
             [app]\nMinProtocol = TLSv1.3 # trailing\nCipherString = \"HIGH\"\n[sd]\n",
        );
        let app = &t["myapp"];
        assert_eq!(app.len(), 2);
        assert_eq!(app[0].0.to_str().unwrap(), "MinProtocol");
        assert_eq!(app[0].1.to_str().unwrap(), "TLSv1.3");
        assert_eq!(app[1].1.to_str().unwrap(), "HIGH");
        assert!(t["system_default"].is_empty());
        assert!(table_of("[init]\nssl_conf = x\n").is_empty());
    }

    #[test]
    fn null_sweep() {
        assert_eq!(SSL_CTX_config(core::ptr::null_mut(), c"x".as_ptr()), 0);
        assert_eq!(SSL_config(core::ptr::null_mut(), core::ptr::null()), 0);
        SSL_add_ssl_module();
        crate::crypto::err::clear();
    }
}
