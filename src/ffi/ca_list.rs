//! `openssl/ssl.h` family: CA name lists. The client CA list (`SSL_CTX_set_client_CA_list`,
//! `SSL_CTX_add_client_CA`, ...) is what a server sends in its CertificateRequest; the CA list
//! (`SSL_CTX_set0_CA_list`, `SSL_CTX_add1_to_CA_list`, ...) is sent when there is no client CA
//! list. `SSL_load_client_CA_file` & co read names from certificate files;
//! `SSL_get0_peer_CA_list` shows the names a server sent.
//!
//! The lists are `STACK_OF(X509_NAME)` objects of the active backend, made and read only
//! through the dispatching `OPENSSL_sk_*` and `X509_NAME_*` exports. A context starts with
//! empty lists (made on first use); a connection uses its context's until it gets its own.
//!
//! What is sent: a server sends its context's client CA list, else its context's CA list,
//! else no names (as OpenSSL; rustls alone would send its trust anchors' subjects). The
//! context's lists are read when they are changed through these functions.

use super::callbacks::{conn_of, lock, obj};
use super::certs::{StackPtr, Target};
use super::stack::OPENSSL_STACK;
use super::types::{SSL, SSL_CTX, X509, X509_NAME};
use super::{call, void};
use crate::error::{common, lib, Error, Result};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_void};

/// `STACK_OF(X509_NAME)` (`struct stack_st_X509_NAME`).
pub struct stack_st_X509_NAME {
    _private: [u8; 0],
}

/// `OSSL_LIB_CTX` (only named here).
pub struct OSSL_LIB_CTX {
    _private: [u8; 0],
}

unsafe extern "C" fn free_name(p: *mut c_void) {
    super::x509_name::X509_NAME_free(p as *mut X509_NAME);
}

/// Frees a name stack and its names (0: nothing).
pub fn free_names(p: StackPtr) {
    if p != 0 {
        super::stack::OPENSSL_sk_pop_free(p as *mut OPENSSL_STACK, Some(free_name));
    }
}

fn new_stack() -> Result<StackPtr> {
    let st = super::stack::OPENSSL_sk_new_null();
    if st.is_null() {
        return Err(Error::ssl(common::MALLOC_FAILURE, "SSL_add_client_CA"));
    }
    Ok(st as StackPtr)
}

/// A copy of `x`'s subject name.
fn subject_of(x: *const X509) -> Result<*mut X509_NAME> {
    let n = super::x509::X509_get_subject_name(x);
    let d = super::x509_name::X509_NAME_dup(n);
    if d.is_null() {
        return Err(Error::ssl(common::X509_LIB, "SSL_add_client_CA"));
    }
    Ok(d)
}

/// The DER of every name of a stack.
fn stack_ders(p: StackPtr) -> Vec<Vec<u8>> {
    let st = p as *const OPENSSL_STACK;
    let n = super::stack::OPENSSL_sk_num(st).max(0);
    (0..n)
        .filter_map(|i| {
            let name = super::stack::OPENSSL_sk_value(st, i) as *const X509_NAME;
            let len = usize::try_from(super::x509_name::i2d_X509_NAME(name, core::ptr::null_mut()))
                .ok()?;
            let mut buf = vec![0u8; len];
            let mut w = buf.as_mut_ptr();
            (super::x509_name::i2d_X509_NAME(name, &mut w) == len as c_int).then_some(buf)
        })
        .collect()
}

/// A deep copy of a name stack (`SSL_dup_CA_list`), or 0 for 0.
fn dup_names(p: StackPtr) -> Result<StackPtr> {
    if p == 0 {
        return Ok(0);
    }
    let st = p as *const OPENSSL_STACK;
    let out = new_stack()?;
    for i in 0..super::stack::OPENSSL_sk_num(st).max(0) {
        let d = super::x509_name::X509_NAME_dup(
            super::stack::OPENSSL_sk_value(st, i) as *const X509_NAME
        );
        if d.is_null() {
            free_names(out);
            return Err(Error::ssl(common::MALLOC_FAILURE, "SSL_dup_CA_list"));
        }
        super::stack::OPENSSL_sk_push(out as *mut OPENSSL_STACK, d as *const c_void);
    }
    Ok(out)
}

/// Which of the two lists.
#[derive(Clone, Copy)]
enum Which {
    ClientCa,
    Ca,
}

fn ctx_slot<'a>(t: &'a Target<'a>, w: Which) -> Result<&'a Mutex<Option<StackPtr>>> {
    match t {
        Target::Ctx(_, a) => Ok(match w {
            Which::ClientCa => &a.certs.client_ca,
            Which::Ca => &a.certs.ca_names,
        }),
        Target::Ssl(_) => Err(Error::internal("SSL_CTX")),
    }
}

/// The context's list (made empty on first use, as `SSL_CTX_new` makes it).
fn ctx_get(ctx: *const SSL_CTX, w: Which) -> Result<StackPtr> {
    let t = Target::ctx(ctx)?;
    let mut slot = lock(ctx_slot(&t, w)?);
    if slot.is_none() {
        *slot = Some(new_stack()?);
    }
    Ok(slot.unwrap_or(0))
}

/// Recomputes the names the context's server connections send.
fn sync_hints(ctx: *const SSL_CTX) -> Result<()> {
    let client = ctx_get(ctx, Which::ClientCa)?;
    let mut names = stack_ders(client);
    if names.is_empty() {
        names = stack_ders(ctx_get(ctx, Which::Ca)?);
    }
    if let Target::Ctx(c, _) = Target::ctx(ctx)? {
        c.update(|cfg| cfg.client_ca_hints = names);
    }
    Ok(())
}

fn ctx_set(ctx: *mut SSL_CTX, w: Which, list: StackPtr) -> Result<()> {
    let t = Target::ctx(ctx)?;
    let old = lock(ctx_slot(&t, w)?).replace(list);
    if let Some(old) = old.filter(|&o| o != list) {
        free_names(old);
    }
    sync_hints(ctx)
}

fn ctx_add(ctx: *mut SSL_CTX, w: Which, x: *const X509) -> Result<c_int> {
    if x.is_null() {
        return Ok(0);
    }
    let name = subject_of(x)?;
    let t = Target::ctx(ctx)?;
    {
        let mut slot = lock(ctx_slot(&t, w)?);
        let st = match *slot {
            Some(p) if p != 0 => p,
            _ => {
                let p = new_stack()?;
                *slot = Some(p);
                p
            }
        };
        super::stack::OPENSSL_sk_push(st as *mut OPENSSL_STACK, name as *const c_void);
    }
    sync_hints(ctx)?;
    Ok(1)
}

fn ssl_slot(s: *const SSL, w: Which) -> Result<&'static Mutex<StackPtr>> {
    let o = obj(s)?;
    Ok(match w {
        Which::ClientCa => &o.certs.client_ca,
        Which::Ca => &o.certs.ca_names,
    })
}

/// The connection's own list, else its context's.
fn ssl_get(s: *const SSL, w: Which) -> Result<StackPtr> {
    let own = *lock(ssl_slot(s, w)?);
    if own != 0 {
        return Ok(own);
    }
    let ctx = conn_of(obj(s)?)?.ctx.clone();
    ctx_get(std::sync::Arc::as_ptr(&ctx) as *const SSL_CTX, w)
}

fn ssl_set(s: *mut SSL, w: Which, list: StackPtr) -> Result<()> {
    let old = core::mem::replace(&mut *lock(ssl_slot(s, w)?), list);
    if old != list {
        free_names(old);
    }
    Ok(())
}

fn ssl_add(s: *mut SSL, w: Which, x: *const X509) -> Result<c_int> {
    if x.is_null() {
        return Ok(0);
    }
    let name = subject_of(x)?;
    let mut slot = lock(ssl_slot(s, w)?);
    if *slot == 0 {
        *slot = new_stack()?;
    }
    super::stack::OPENSSL_sk_push(*slot as *mut OPENSSL_STACK, name as *const c_void);
    Ok(1)
}

// ---------------------------------------------------------------------------------------------
// Exports: the client CA list

/// `SSL_CTX_set_client_CA_list(3)`: takes ownership of `name_list` (NULL allowed), freeing the
/// previous list. A server sends these names in its CertificateRequest.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_CA_list(
    ctx: *mut SSL_CTX,
    name_list: *mut stack_st_X509_NAME,
) {
    void(|| ctx_set(ctx, Which::ClientCa, name_list as StackPtr))
}

/// `SSL_CTX_get_client_CA_list(3)`: the context's list (borrowed; an empty one for a new
/// context), or NULL after `SSL_CTX_set_client_CA_list(ctx, NULL)`.
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_CA_list(s: *const SSL_CTX) -> *mut stack_st_X509_NAME {
    call(core::ptr::null_mut(), || {
        Ok(ctx_get(s, Which::ClientCa)? as *mut stack_st_X509_NAME)
    })
}

/// `SSL_CTX_add_client_CA(3)`: appends a copy of `x`'s subject (duplicates are kept). 1, or 0
/// for a NULL `x` (nothing queued).
#[no_mangle]
pub extern "C" fn SSL_CTX_add_client_CA(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    call(0, || ctx_add(ctx, Which::ClientCa, x))
}

/// `SSL_set_client_CA_list(3)`: the connection's own list (ownership taken); NULL returns to
/// the context's.
/// Status: partial — recorded and returned by the getters; the CertificateRequest carries the
/// context's names.
#[no_mangle]
pub extern "C" fn SSL_set_client_CA_list(s: *mut SSL, name_list: *mut stack_st_X509_NAME) {
    void(|| ssl_set(s, Which::ClientCa, name_list as StackPtr))
}

/// `SSL_get_client_CA_list(3)`: on a server (or before a role is set, unless the method is a
/// client method) the connection's list, else its context's; on a client the names the server
/// sent (`SSL_get0_peer_CA_list`).
#[no_mangle]
pub extern "C" fn SSL_get_client_CA_list(s: *const SSL) -> *mut stack_st_X509_NAME {
    call(core::ptr::null_mut(), || {
        if !conn_of(obj(s)?)?.is_server() {
            return Ok(peer_ca_list(s)? as *mut stack_st_X509_NAME);
        }
        Ok(ssl_get(s, Which::ClientCa)? as *mut stack_st_X509_NAME)
    })
}

/// `SSL_add_client_CA(3)`: appends `x`'s subject to the connection's own list (made from
/// nothing, not from the context's, as OpenSSL does). 1, or 0 for NULL.
/// Status: partial — as `SSL_set_client_CA_list`.
#[no_mangle]
pub extern "C" fn SSL_add_client_CA(ssl: *mut SSL, x: *mut X509) -> c_int {
    call(0, || ssl_add(ssl, Which::ClientCa, x))
}

// ---------------------------------------------------------------------------------------------
// Exports: the CA list

/// `SSL_CTX_set0_CA_list(3)`: takes ownership of `name_list` (NULL allowed). Sent in a
/// CertificateRequest when the client CA list is empty.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_CA_list(ctx: *mut SSL_CTX, name_list: *mut stack_st_X509_NAME) {
    void(|| ctx_set(ctx, Which::Ca, name_list as StackPtr))
}

/// `SSL_CTX_get0_CA_list(3)`: borrowed (an empty list for a new context), or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_CA_list(ctx: *const SSL_CTX) -> *const stack_st_X509_NAME {
    call(core::ptr::null(), || {
        Ok(ctx_get(ctx, Which::Ca)? as *const stack_st_X509_NAME)
    })
}

/// `SSL_CTX_add1_to_CA_list(3)`: appends a copy of `x`'s subject. 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_add1_to_CA_list(ctx: *mut SSL_CTX, x: *const X509) -> c_int {
    call(0, || ctx_add(ctx, Which::Ca, x))
}

/// `SSL_set0_CA_list(3)`: the connection's own CA list (ownership taken); NULL returns to the
/// context's.
/// Status: partial — recorded and returned by `SSL_get0_CA_list`; not sent.
#[no_mangle]
pub extern "C" fn SSL_set0_CA_list(s: *mut SSL, name_list: *mut stack_st_X509_NAME) {
    void(|| ssl_set(s, Which::Ca, name_list as StackPtr))
}

/// `SSL_get0_CA_list(3)`: the connection's own CA list, else its context's (borrowed).
#[no_mangle]
pub extern "C" fn SSL_get0_CA_list(s: *const SSL) -> *const stack_st_X509_NAME {
    call(core::ptr::null(), || {
        Ok(ssl_get(s, Which::Ca)? as *const stack_st_X509_NAME)
    })
}

/// `SSL_add1_to_CA_list(3)`: appends `x`'s subject to the connection's own CA list.
/// Status: partial — as `SSL_set0_CA_list`.
#[no_mangle]
pub extern "C" fn SSL_add1_to_CA_list(ssl: *mut SSL, x: *const X509) -> c_int {
    call(0, || ssl_add(ssl, Which::Ca, x))
}

/// The peer's CA names as a stack kept by the connection (0: none received).
fn peer_ca_list(s: *const SSL) -> Result<StackPtr> {
    let o = obj(s)?;
    let ders = conn_of(o)?.peer_ca_names();
    let mut peer = lock(&o.certs.peer);
    let cache = &mut peer.ca;
    if cache.ders == ders {
        return Ok(cache.stack);
    }
    let mut stack = 0;
    if let Some(list) = &ders {
        stack = new_stack()?;
        for d in list {
            let mut p = d.as_ptr();
            let n = super::x509_name::d2i_X509_NAME(core::ptr::null_mut(), &mut p, d.len() as _);
            if !n.is_null() {
                super::stack::OPENSSL_sk_push(stack as *mut OPENSSL_STACK, n as *const c_void);
            }
        }
    }
    free_names(core::mem::replace(&mut cache.stack, stack));
    cache.ders = ders;
    Ok(stack)
}

/// `SSL_get0_peer_CA_list(3)`: on a client, the CA names of the server's CertificateRequest
/// (borrowed; NULL when none was received, or in TLS 1.3 when it carried no names).
/// Status: partial — a server never sees names from a client (rustls clients send none).
#[no_mangle]
pub extern "C" fn SSL_get0_peer_CA_list(s: *const SSL) -> *const stack_st_X509_NAME {
    call(core::ptr::null(), || {
        Ok(peer_ca_list(s)? as *const stack_st_X509_NAME)
    })
}

// ---------------------------------------------------------------------------------------------
// Exports: loading names

/// `SSL_dup_CA_list(3)`: a new stack of copies of the names (an empty one for NULL, as
/// OpenSSL's).
#[no_mangle]
pub extern "C" fn SSL_dup_CA_list(sk: *const stack_st_X509_NAME) -> *mut stack_st_X509_NAME {
    call(core::ptr::null_mut(), || {
        if sk.is_null() {
            return Ok(new_stack()? as *mut stack_st_X509_NAME);
        }
        Ok(dup_names(sk as StackPtr)? as *mut stack_st_X509_NAME)
    })
}

/// The subjects of every certificate of a PEM file, in order; the file's errors as OpenSSL
/// queues them when it cannot be read.
fn file_subjects(file: *const c_char, func: &'static str) -> Result<Vec<*mut X509_NAME>> {
    // SAFETY: NULL or a NUL-terminated path per the API.
    let path = match unsafe { super::ptr::c_str(file) } {
        Some(p) => std::path::PathBuf::from(p.to_string_lossy().into_owned()),
        None => {
            crate::crypto::err::push(
                Error::system(libc::EFAULT, "file_ctrl").with_data("calling fopen(<NULL>, r)"),
            );
            return Err(Error::new(lib::BIO, common::SYS_LIB, "file_ctrl"));
        }
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        crate::crypto::err::push(crate::crypto::pem::open_error(&path, &e));
        Error::new(lib::BIO, common::SYS_LIB, "file_ctrl")
    })?;
    let ders = match crate::crypto::pem::read_certs(&bytes) {
        Ok(d) => d,
        Err(e) if e.lib == lib::PEM => {
            return Err(crate::crypto::pem::no_start_line("CERTIFICATE"))
        }
        Err(e) => return Err(e),
    };
    let _ = func;
    let mut out = Vec::with_capacity(ders.len());
    for d in ders {
        match super::certs::x509_from_der(&d) {
            Ok(x) => {
                let n = subject_of(x);
                super::x509::X509_free(x);
                match n {
                    Ok(n) => out.push(n),
                    Err(e) => {
                        out.into_iter()
                            .for_each(|n| super::x509_name::X509_NAME_free(n));
                        return Err(e);
                    }
                }
            }
            Err(e) => {
                out.into_iter()
                    .for_each(|n| super::x509_name::X509_NAME_free(n));
                return Err(e);
            }
        }
    }
    Ok(out)
}

/// `SSL_load_client_CA_file(3)`: a new stack of the subjects of the certificates in a PEM file,
/// in file order, without duplicates. NULL with the file's errors (no certificate: PEM
/// `no start line`).
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file(file: *const c_char) -> *mut stack_st_X509_NAME {
    call(core::ptr::null_mut(), || load_ca_file(file))
}

fn load_ca_file(file: *const c_char) -> Result<*mut stack_st_X509_NAME> {
    let names = file_subjects(file, "SSL_load_client_CA_file")?;
    let st = new_stack()?;
    let mut seen: Vec<*mut X509_NAME> = Vec::new();
    for n in names {
        if seen
            .iter()
            .any(|&s| super::x509_name::X509_NAME_cmp(s, n) == 0)
        {
            super::x509_name::X509_NAME_free(n);
            continue;
        }
        seen.push(n);
        super::stack::OPENSSL_sk_push(st as *mut OPENSSL_STACK, n as *const c_void);
    }
    Ok(st as *mut stack_st_X509_NAME)
}

/// `SSL_load_client_CA_file_ex(3)`: as `SSL_load_client_CA_file` (`libctx` and `propq` are
/// not used).
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file_ex(
    file: *const c_char,
    libctx: *mut OSSL_LIB_CTX,
    propq: *const c_char,
) -> *mut stack_st_X509_NAME {
    let _ = (libctx, propq);
    call(core::ptr::null_mut(), || load_ca_file(file))
}

unsafe extern "C" fn cmp_names(a: *const c_void, b: *const c_void) -> c_int {
    // SAFETY: the stack passes pointers to two of its elements (X509_NAME pointers).
    let (a, b) = unsafe {
        (
            *(a as *const *const X509_NAME),
            *(b as *const *const X509_NAME),
        )
    };
    super::x509_name::X509_NAME_cmp(a, b)
}

/// Adds each name not yet in `stack` (compared with `X509_NAME_cmp`; the stack is sorted by
/// that order in the process, as OpenSSL's `sk_X509_NAME_find` sorts it).
fn add_names(stack: *mut stack_st_X509_NAME, names: Vec<*mut X509_NAME>) {
    let st = stack as *mut OPENSSL_STACK;
    let old = super::stack::OPENSSL_sk_set_cmp_func(st, Some(cmp_names));
    for n in names {
        if super::stack::OPENSSL_sk_find(st, n as *const c_void) >= 0 {
            super::x509_name::X509_NAME_free(n);
        } else {
            super::stack::OPENSSL_sk_push(st, n as *const c_void);
        }
    }
    super::stack::OPENSSL_sk_set_cmp_func(st, old);
}

/// `SSL_add_file_cert_subjects_to_stack(3)`: adds the subjects of the certificates of a PEM
/// file that `stack` does not hold yet. 1, or 0 with the file's errors.
#[no_mangle]
pub extern "C" fn SSL_add_file_cert_subjects_to_stack(
    stack: *mut stack_st_X509_NAME,
    file: *const c_char,
) -> c_int {
    call(0, || {
        if stack.is_null() {
            return Err(Error::null_param(
                lib::SSL,
                "SSL_add_file_cert_subjects_to_stack",
            ));
        }
        let names = file_subjects(file, "SSL_add_file_cert_subjects_to_stack")?;
        add_names(stack, names);
        Ok(1)
    })
}

/// `SSL_add_dir_cert_subjects_to_stack(3)`: as `SSL_add_file_cert_subjects_to_stack` for every
/// file of a directory (files without certificates are skipped). A directory that cannot be
/// read: `ERR_R_SYS_LIB` entries, 0.
#[no_mangle]
pub extern "C" fn SSL_add_dir_cert_subjects_to_stack(
    stack: *mut stack_st_X509_NAME,
    dir: *const c_char,
) -> c_int {
    call(0, || {
        let func = "SSL_add_dir_cert_subjects_to_stack";
        if stack.is_null() {
            return Err(Error::null_param(lib::SSL, func));
        }
        // SAFETY: NULL or a NUL-terminated path per the API.
        let d = unsafe { super::ptr::c_str(dir) }.ok_or(Error::null_param(lib::SSL, func))?;
        let d = std::path::PathBuf::from(d.to_string_lossy().into_owned());
        let entries = std::fs::read_dir(&d).map_err(|e| {
            crate::crypto::err::push(
                Error::system(e.raw_os_error().unwrap_or(libc::ENOENT), func)
                    .with_data(format!("calling OPENSSL_dir_read({})", d.display())),
            );
            Error::ssl(common::SYS_LIB, func)
        })?;
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let Ok(c) = std::ffi::CString::new(f.as_os_str().as_encoded_bytes()) else {
                continue;
            };
            crate::crypto::err::set_mark();
            match file_subjects(c.as_ptr(), func) {
                Ok(names) => {
                    crate::crypto::err::clear_last_mark();
                    add_names(stack, names)
                }
                Err(_) => {
                    crate::crypto::err::pop_to_mark();
                }
            }
        }
        Ok(1)
    })
}

/// `SSL_add_store_cert_subjects_to_stack(3)`: `store` as a file path or `file:` URI of a PEM
/// file, as `SSL_add_file_cert_subjects_to_stack`.
/// Status: partial — other OSSL_STORE URIs (relative `file:` ones included) fail with
/// `ERR_R_UNSUPPORTED`.
#[no_mangle]
pub extern "C" fn SSL_add_store_cert_subjects_to_stack(
    stack: *mut stack_st_X509_NAME,
    store: *const c_char,
) -> c_int {
    call(0, || {
        let func = "SSL_add_store_cert_subjects_to_stack";
        // SAFETY: NULL or a NUL-terminated URI per the API.
        let uri = unsafe { super::ptr::c_str(store) }.ok_or(Error::null_param(lib::SSL, func))?;
        let uri = uri.to_string_lossy().into_owned();
        let path = match uri.strip_prefix("file:") {
            Some(p) if p.starts_with('/') => p.trim_start_matches("//").to_string(),
            Some(_) => return Err(Error::unsupported(lib::SSL, func)),
            None if uri.contains(':') => return Err(Error::unsupported(lib::SSL, func)),
            None => uri,
        };
        if stack.is_null() {
            return Err(Error::null_param(lib::SSL, func));
        }
        let c = std::ffi::CString::new(path).map_err(|_| Error::null_param(lib::SSL, func))?;
        let names = file_subjects(c.as_ptr(), func)?;
        add_names(stack, names);
        Ok(1)
    })
}
