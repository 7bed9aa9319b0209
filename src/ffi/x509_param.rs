//! `X509_VERIFY_PARAM` in the native backend: what `SSL_CTX_get0_param`/`SSL_get0_param` hand
//! out and `SSL_CTX_set1_param` takes. The connection reads its parameters before each step
//! (`compat::apply_param`): the host names (the first is checked) or IP address, the flags
//! (`X509_V_FLAG_PARTIAL_CHAIN`), the depth. In pass-through mode every function here is
//! libcrypto's (`forward!`).

use super::compat::X509_VERIFY_PARAM;
use super::types::{borrow, into_c, release, Handle};
use super::{call, guard, null_on_error, void};
use crate::error::{lib, Error, Result};
use crate::sync::{Mutex, MutexGuard};
use core::ffi::{c_char, c_int, c_uchar, c_uint, c_ulong};
use std::ffi::CString;
use std::sync::Arc;

/// The settings of one parameter object.
#[derive(Clone, Debug)]
pub struct ParamData {
    pub hosts: Vec<CString>,
    pub hostflags: c_uint,
    pub flags: c_ulong,
    pub depth: c_int,
    pub purpose: c_int,
    pub trust: c_int,
    pub ip: Option<std::net::IpAddr>,
    pub email: Option<CString>,
    /// `X509_VERIFY_PARAM_set_time`: the time to verify at (with `X509_V_FLAG_USE_CHECK_TIME`).
    pub time: Option<i64>,
}

impl ParamData {
    /// Takes the settings `from` has set: all of them (`overwrite`, `X509_VERIFY_PARAM_set1`)
    /// or only those this one has not set (`X509_VERIFY_PARAM_inherit`); flags are added.
    fn merge(&mut self, from: ParamData, overwrite: bool) {
        fn take<T>(to: &mut T, from: T, overwrite: bool, set: impl Fn(&T) -> bool) {
            if set(&from) && (overwrite || !set(to)) {
                *to = from;
            }
        }
        take(&mut self.hosts, from.hosts, overwrite, |h| !h.is_empty());
        take(&mut self.hostflags, from.hostflags, overwrite, |f| *f != 0);
        take(&mut self.depth, from.depth, overwrite, |d| *d != -1);
        take(&mut self.purpose, from.purpose, overwrite, |p| *p != 0);
        take(&mut self.trust, from.trust, overwrite, |t| *t != 0);
        take(&mut self.ip, from.ip, overwrite, Option::is_some);
        take(&mut self.email, from.email, overwrite, Option::is_some);
        take(&mut self.time, from.time, overwrite, Option::is_some);
        self.flags |= from.flags;
    }
}

impl Default for ParamData {
    fn default() -> Self {
        ParamData {
            hosts: Vec::new(),
            hostflags: 0,
            flags: 0,
            depth: -1,
            purpose: 0,
            trust: 0,
            ip: None,
            email: None,
            time: None,
        }
    }
}

/// What a native `X509_VERIFY_PARAM*` points at.
#[derive(Default)]
pub struct NativeParam {
    data: Mutex<ParamData>,
}

impl Handle for X509_VERIFY_PARAM {
    type Inner = NativeParam;
}

impl NativeParam {
    fn lock(&self) -> MutexGuard<'_, ParamData> {
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// A copy of the settings.
    pub fn data(&self) -> ParamData {
        self.lock().clone()
    }
}

fn native<'a>(p: *const X509_VERIFY_PARAM, func: &'static str) -> Result<&'a NativeParam> {
    // SAFETY: NULL or a parameter object this library handed out (native mode).
    unsafe { borrow::<X509_VERIFY_PARAM>(p) }.ok_or(Error::null_param(lib::X509, func))
}

/// `name`/`len` as the C string a host or email setter stores (`len` 0: up to the NUL).
fn name_arg(name: *const c_char, len: usize) -> Option<CString> {
    if name.is_null() {
        return None;
    }
    let bytes = if len == 0 {
        // SAFETY: a NUL-terminated string per the API when `len` is 0.
        unsafe { core::ffi::CStr::from_ptr(name) }
            .to_bytes()
            .to_vec()
    } else {
        // SAFETY: `len` readable bytes per the API.
        unsafe { core::slice::from_raw_parts(name as *const u8, len) }.to_vec()
    };
    CString::new(bytes)
        .ok()
        .filter(|c| !c.as_bytes().is_empty())
}

/// A host name argument as OpenSSL takes it: `len` 0 means up to the NUL; a NUL inside the
/// name (other than as its last byte) refuses it (`None`, the setter returns 0 without an error
/// entry); `Some(None)` clears (NULL or empty).
fn host_arg(name: *const c_char, len: usize) -> Option<Option<CString>> {
    if name.is_null() {
        return Some(None);
    }
    if len == 0 {
        return Some(name_arg(name, 0));
    }
    // Look for a NUL before reading `len` bytes: the scan stops at the first one, so a length
    // larger than the buffer behind a short string is refused without reading past it.
    // SAFETY: `len` readable bytes per the API; `memchr` stops at the first NUL.
    let nul = unsafe { libc::memchr(name.cast(), 0, len) };
    if !nul.is_null() {
        let at = nul as usize - name as usize;
        if at + 1 != len {
            return None;
        }
        return Some(name_arg(name, 0));
    }
    Some(name_arg(name, len))
}

/// `X509_VERIFY_PARAM_new(3)`: parameters with nothing set (depth -1).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_new() -> *mut X509_VERIFY_PARAM {
    crate::forward_new!(X509_VERIFY_PARAM_new());
    null_on_error(|| {
        Ok(into_c::<X509_VERIFY_PARAM>(
            Arc::new(NativeParam::default()),
        ))
    })
}

/// `X509_VERIFY_PARAM_free(3)`; NULL is a no-op.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_free(param: *mut X509_VERIFY_PARAM) {
    crate::forward!(X509_VERIFY_PARAM_free(param));
    // SAFETY: NULL or a parameter object whose reference the caller gives up.
    guard((), || unsafe { release::<X509_VERIFY_PARAM>(param) })
}

/// `X509_VERIFY_PARAM_set1(3)`: copies what is set in `from` (a NULL `from`: nothing). 1 or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1(
    to: *mut X509_VERIFY_PARAM,
    from: *const X509_VERIFY_PARAM,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set1(to, from));
    call(0, || copy_param(to, from, true, "X509_VERIFY_PARAM_set1"))
}

/// `X509_VERIFY_PARAM_inherit(3)`: takes from `from` what `to` has not set. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_inherit(
    to: *mut X509_VERIFY_PARAM,
    from: *const X509_VERIFY_PARAM,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_inherit(to, from));
    call(0, || {
        // OpenSSL returns 1 for a NULL `from` before looking at `to`
        if from.is_null() {
            return Ok(1);
        }
        copy_param(to, from, false, "X509_VERIFY_PARAM_inherit")
    })
}

/// `X509_VERIFY_PARAM_set1` (`overwrite`) and `_inherit`: 1, or an error for a NULL `to`.
fn copy_param(
    to: *mut X509_VERIFY_PARAM,
    from: *const X509_VERIFY_PARAM,
    overwrite: bool,
    func: &'static str,
) -> Result<c_int> {
    let t = native(to, func)?;
    if !from.is_null() {
        let f = native(from, func)?.data();
        t.lock().merge(f, overwrite);
    }
    Ok(1)
}

/// `X509_VERIFY_PARAM_set_flags(3)`: adds `X509_V_FLAG_*` flags. 1 or 0.
///
/// Status: partial — natively `X509_V_FLAG_PARTIAL_CHAIN` is used; the CRL flags need a
/// libcrypto store's CRLs.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_flags(
    param: *mut X509_VERIFY_PARAM,
    flags: c_ulong,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set_flags(param, flags));
    call(0, || {
        native(param, "X509_VERIFY_PARAM_set_flags")?.lock().flags |= flags;
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_clear_flags(3)`. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_clear_flags(
    param: *mut X509_VERIFY_PARAM,
    flags: c_ulong,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_clear_flags(param, flags));
    call(0, || {
        native(param, "X509_VERIFY_PARAM_clear_flags")?.lock().flags &= !flags;
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_get_flags(3)`.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_flags(param: *const X509_VERIFY_PARAM) -> c_ulong {
    crate::forward!(X509_VERIFY_PARAM_get_flags(param));
    call(0, || {
        Ok(native(param, "X509_VERIFY_PARAM_get_flags")?.lock().flags)
    })
}

/// `X509_VERIFY_PARAM_set_purpose(3)`: 1, or 0 for an unknown purpose (X509V3 `invalid
/// purpose`).
///
/// Status: partial — recorded; webpki checks the role's extended key usage.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_purpose(
    param: *mut X509_VERIFY_PARAM,
    purpose: c_int,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set_purpose(param, purpose));
    call(0, || {
        let p = native(param, "X509_VERIFY_PARAM_set_purpose")?;
        if !(1..=9).contains(&purpose) {
            return Err(Error::new(lib::X509V3, 146, "X509_PURPOSE_set"));
        }
        p.lock().purpose = purpose;
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_set_trust(3)`: 1, or 0 for an unknown trust id (X509 `invalid trust`).
///
/// Status: partial — recorded.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_trust(
    param: *mut X509_VERIFY_PARAM,
    trust: c_int,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set_trust(param, trust));
    call(0, || {
        let p = native(param, "X509_VERIFY_PARAM_set_trust")?;
        if !(1..=8).contains(&trust) {
            return Err(Error::new(lib::X509, 123, "X509_VERIFY_PARAM_set_trust"));
        }
        p.lock().trust = trust;
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_set_depth(3)`: the most intermediate certificates allowed.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_depth(param: *mut X509_VERIFY_PARAM, depth: c_int) {
    crate::forward!(X509_VERIFY_PARAM_set_depth(param, depth));
    void(|| {
        native(param, "X509_VERIFY_PARAM_set_depth")?.lock().depth = depth;
        Ok(())
    })
}

/// `X509_VERIFY_PARAM_get_depth(3)`: -1 when not set.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_depth(param: *const X509_VERIFY_PARAM) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_get_depth(param));
    call(-1, || {
        Ok(native(param, "X509_VERIFY_PARAM_get_depth")?.lock().depth)
    })
}

/// `X509_VERIFY_PARAM_set1_host(3)`: the host name to check (replacing any); NULL or "" clears.
/// `namelen` 0: up to the NUL. 1 or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_host(
    param: *mut X509_VERIFY_PARAM,
    name: *const c_char,
    namelen: usize,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set1_host(param, name, namelen));
    call(0, || {
        let Some(h) = host_arg(name, namelen) else {
            return Ok(0);
        };
        let p = native(param, "X509_VERIFY_PARAM_set1_host")?;
        p.lock().hosts = h.into_iter().collect();
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_add1_host(3)`: one more acceptable host name (a peer matching any of
/// them passes). 1 or 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_add1_host(
    param: *mut X509_VERIFY_PARAM,
    name: *const c_char,
    namelen: usize,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_add1_host(param, name, namelen));
    call(0, || {
        // OpenSSL looks at `param` only when there is a name to add
        let Some(h) = host_arg(name, namelen) else {
            return Ok(0);
        };
        if let Some(n) = h {
            native(param, "X509_VERIFY_PARAM_add1_host")?
                .lock()
                .hosts
                .push(n);
        }
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_get0_host(3)`: host name `idx` (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get0_host(
    param: *mut X509_VERIFY_PARAM,
    idx: c_int,
) -> *mut c_char {
    crate::forward!(X509_VERIFY_PARAM_get0_host(param, idx));
    call(core::ptr::null_mut(), || {
        let p = native(param, "X509_VERIFY_PARAM_get0_host")?;
        let d = p.lock();
        // The string lives as long as the parameter object keeps it (OpenSSL's rule).
        Ok(usize::try_from(idx)
            .ok()
            .and_then(|i| d.hosts.get(i))
            .map_or(core::ptr::null_mut(), |h| h.as_ptr() as *mut c_char))
    })
}

/// `X509_VERIFY_PARAM_set_hostflags(3)`: `X509_CHECK_FLAG_*`.
///
/// Status: partial — recorded; the name check is rustls-webpki's (no partial wildcards).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_hostflags(param: *mut X509_VERIFY_PARAM, flags: c_uint) {
    crate::forward!(X509_VERIFY_PARAM_set_hostflags(param, flags));
    void(|| {
        native(param, "X509_VERIFY_PARAM_set_hostflags")?
            .lock()
            .hostflags = flags;
        Ok(())
    })
}

/// `X509_VERIFY_PARAM_get_hostflags(3)`.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_hostflags(param: *const X509_VERIFY_PARAM) -> c_uint {
    crate::forward!(X509_VERIFY_PARAM_get_hostflags(param));
    call(0, || {
        Ok(native(param, "X509_VERIFY_PARAM_get_hostflags")?
            .lock()
            .hostflags)
    })
}

/// `X509_VERIFY_PARAM_set1_email(3)`: recorded. 1 or 0.
///
/// Status: partial — recorded, not checked.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_email(
    param: *mut X509_VERIFY_PARAM,
    email: *const c_char,
    emaillen: usize,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set1_email(param, email, emaillen));
    call(0, || {
        let p = native(param, "X509_VERIFY_PARAM_set1_email")?;
        if emaillen > isize::MAX as usize && !email.is_null() {
            // OpenSSL allocates `emaillen + 1` bytes, which fails (no error entry)
            return Ok(0);
        }
        p.lock().email = name_arg(email, emaillen);
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_set1_ip(3)`: the IP address to check (4 or 16 bytes; NULL clears). 1, or
/// 0 for another length.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_ip(
    param: *mut X509_VERIFY_PARAM,
    ip: *const c_uchar,
    iplen: usize,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set1_ip(param, ip, iplen));
    call(0, || {
        let p = native(param, "X509_VERIFY_PARAM_set1_ip")?;
        if ip.is_null() {
            p.lock().ip = None;
            return Ok(1);
        }
        if iplen != 4 && iplen != 16 {
            // checked before the bytes are looked at (a huge length is never a slice)
            return Err(Error::new(
                lib::X509,
                crate::error::common::PASSED_INVALID_ARGUMENT,
                "X509_VERIFY_PARAM_set1_ip",
            ));
        }
        // SAFETY: `iplen` (4 or 16) readable bytes per the API.
        let b = unsafe { core::slice::from_raw_parts(ip, iplen) };
        let addr = match b.len() {
            4 => std::net::IpAddr::from(<[u8; 4]>::try_from(b).unwrap_or_default()),
            _ => std::net::IpAddr::from(<[u8; 16]>::try_from(b).unwrap_or_default()),
        };
        p.lock().ip = Some(addr);
        Ok(1)
    })
}

/// `X509_VERIFY_PARAM_set1_ip_asc(3)`: the IP address in text form. 1, or 0 if it is none.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set1_ip_asc(
    param: *mut X509_VERIFY_PARAM,
    ipasc: *const c_char,
) -> c_int {
    crate::forward!(X509_VERIFY_PARAM_set1_ip_asc(param, ipasc));
    call(0, || {
        let p = native(param, "X509_VERIFY_PARAM_set1_ip_asc")?;
        // SAFETY: NULL or a NUL-terminated string per the API.
        let Some(text) = (unsafe { super::ptr::c_str(ipasc) }) else {
            return Ok(0);
        };
        match text
            .to_str()
            .ok()
            .and_then(|t| t.parse::<std::net::IpAddr>().ok())
        {
            Some(a) => {
                p.lock().ip = Some(a);
                Ok(1)
            }
            None => Ok(0),
        }
    })
}

/// `X509_V_FLAG_USE_CHECK_TIME` (x509_vfy.h).
const USE_CHECK_TIME: c_ulong = 0x2;

/// `X509_VERIFY_PARAM_set_time(3)`: verify as at time `t` (sets `X509_V_FLAG_USE_CHECK_TIME`).
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_set_time(param: *mut X509_VERIFY_PARAM, t: libc::time_t) {
    crate::forward!(X509_VERIFY_PARAM_set_time(param, t));
    void(|| {
        let mut d = native(param, "X509_VERIFY_PARAM_set_time")?.lock();
        d.time = Some(t);
        d.flags |= USE_CHECK_TIME;
        Ok(())
    })
}

/// `X509_VERIFY_PARAM_get_time(3)`: the time set with `X509_VERIFY_PARAM_set_time`, else 0.
#[no_mangle]
pub extern "C" fn X509_VERIFY_PARAM_get_time(param: *const X509_VERIFY_PARAM) -> libc::time_t {
    crate::forward!(X509_VERIFY_PARAM_get_time(param));
    call(0, || {
        let t = native(param, "X509_VERIFY_PARAM_get_time")?.lock().time;
        Ok(t.unwrap_or(0) as libc::time_t)
    })
}

/// The settings of a native parameter object (none for NULL).
pub fn data_of(p: *const X509_VERIFY_PARAM) -> Option<ParamData> {
    native(p, "X509_VERIFY_PARAM").ok().map(NativeParam::data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn null_sweep_and_copies() {
        X509_VERIFY_PARAM_free(null_mut());
        assert_eq!(X509_VERIFY_PARAM_set1(null_mut(), null()), 0);
        // OpenSSL 3.0 returns 1 for a NULL `from` before looking at `to` (the ABI sweep)
        assert_eq!(X509_VERIFY_PARAM_inherit(null_mut(), null()), 1);
        assert_eq!(X509_VERIFY_PARAM_set_flags(null_mut(), 1), 0);
        assert_eq!(X509_VERIFY_PARAM_clear_flags(null_mut(), 1), 0);
        assert_eq!(X509_VERIFY_PARAM_get_flags(null()), 0);
        assert_eq!(X509_VERIFY_PARAM_set_purpose(null_mut(), 1), 0);
        assert_eq!(X509_VERIFY_PARAM_set_trust(null_mut(), 1), 0);
        X509_VERIFY_PARAM_set_depth(null_mut(), 1);
        assert_eq!(X509_VERIFY_PARAM_get_depth(null()), -1);
        assert_eq!(X509_VERIFY_PARAM_set1_host(null_mut(), null(), 0), 0);
        // OpenSSL 3.0 looks at `param` only when there is a name to add: 1 (the ABI sweep)
        assert_eq!(X509_VERIFY_PARAM_add1_host(null_mut(), null(), 0), 1);
        assert!(X509_VERIFY_PARAM_get0_host(null_mut(), 0).is_null());
        X509_VERIFY_PARAM_set_hostflags(null_mut(), 1);
        assert_eq!(X509_VERIFY_PARAM_get_hostflags(null()), 0);
        assert_eq!(X509_VERIFY_PARAM_set1_email(null_mut(), null(), 0), 0);
        assert_eq!(X509_VERIFY_PARAM_set1_ip(null_mut(), null(), 0), 0);
        assert_eq!(X509_VERIFY_PARAM_set1_ip_asc(null_mut(), null()), 0);
        X509_VERIFY_PARAM_set_time(null_mut(), 1);
        assert_eq!(X509_VERIFY_PARAM_get_time(null()), 0);
        let a = X509_VERIFY_PARAM_new();
        X509_VERIFY_PARAM_set_time(a, 962409600);
        assert_eq!(X509_VERIFY_PARAM_get_time(a), 962409600);
        assert_eq!(
            X509_VERIFY_PARAM_get_flags(a) & 0x2,
            0x2,
            "USE_CHECK_TIME set"
        );
        X509_VERIFY_PARAM_free(a);
        let a = X509_VERIFY_PARAM_new();
        let b = X509_VERIFY_PARAM_new();
        assert_eq!(X509_VERIFY_PARAM_set1_host(a, c"a.example".as_ptr(), 0), 1);
        assert_eq!(X509_VERIFY_PARAM_add1_host(a, c"b.example".as_ptr(), 0), 1);
        X509_VERIFY_PARAM_set_depth(a, 3);
        assert_eq!(X509_VERIFY_PARAM_set1_ip(a, [1u8, 2, 3].as_ptr(), 3), 0);
        assert_eq!(X509_VERIFY_PARAM_set1_ip_asc(a, c"not an ip".as_ptr()), 0);
        assert_eq!(X509_VERIFY_PARAM_set1(b, a), 1);
        assert_eq!(X509_VERIFY_PARAM_get_depth(b), 3);
        let h = X509_VERIFY_PARAM_get0_host(b, 1);
        // SAFETY: a NUL-terminated string held by `b`.
        assert_eq!(
            unsafe { core::ffi::CStr::from_ptr(h) }.to_str(),
            Ok("b.example")
        );
        assert!(X509_VERIFY_PARAM_get0_host(b, 2).is_null());
        X509_VERIFY_PARAM_free(a);
        X509_VERIFY_PARAM_free(b);
        crate::crypto::err::clear();
    }
}
