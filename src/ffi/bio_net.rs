//! `openssl/bio.h` networking (native backend): address lookup (`BIO_lookup_ex`,
//! `BIO_ADDRINFO_*`, `BIO_ADDR_*`), the socket helpers (`BIO_socket`, `BIO_connect`,
//! `BIO_bind`, `BIO_listen`, `BIO_accept_ex`, `BIO_closesocket`, `BIO_socket_nbio`), and the
//! connect and accept BIOs (`BIO_s_connect`, `BIO_new_connect`, `BIO_s_accept`,
//! `BIO_new_accept`) with the ctrls behind `BIO_set_conn_hostname`, `BIO_set_conn_port`,
//! `BIO_set_conn_address`, `BIO_set_nbio`, `BIO_do_connect`, `BIO_set_accept_name`,
//! `BIO_set_accept_port`, `BIO_set_bind_mode`, `BIO_set_accept_bios`, `BIO_do_accept`,
//! `BIO_get_accept_port`, ...
//!
//! Return values and error-queue entries as measured against OpenSSL 3.0.19: a refused connect
//! gives 0 with `ERR_LIB_SYS`/errno and `BIO_R_CONNECT_ERROR` (twice from `BIO_do_connect`: the
//! helper's and the BIO's); a failed name lookup gives `BIO_lookup_ex` 0 and the connect BIO -1
//! with `ERR_R_SYS_LIB`; `BIO_do_accept` binds and listens on its first call and accepts on the
//! second, chaining a new socket BIO (after a copy of the `BIO_set_accept_bios` chain, if any)
//! behind the accept BIO, where `BIO_pop` takes it.

use super::bio::{
    BIO_FAMILY_IPANY, BIO_FAMILY_IPV4, BIO_FAMILY_IPV6, BIO_R_ACCEPT_ERROR, BIO_R_CONNECT_ERROR,
    BIO_R_GETTING_SOCKTYPE, BIO_R_INVALID_SOCKET, BIO_R_LISTEN_V6_ONLY,
    BIO_R_LOOKUP_RETURNED_NOTHING, BIO_R_NBIO_CONNECT_ERROR,
    BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED, BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED,
    BIO_R_UNABLE_TO_BIND_SOCKET, BIO_R_UNABLE_TO_CREATE_SOCKET, BIO_R_UNABLE_TO_KEEPALIVE,
    BIO_R_UNABLE_TO_LISTEN_SOCKET, BIO_R_UNABLE_TO_NODELAY, BIO_R_UNABLE_TO_REUSEADDR,
    BIO_R_UNINITIALIZED, BIO_R_UNSUPPORTED_METHOD, BIO_R_UNSUPPORTED_PROTOCOL_FAMILY,
    BIO_SOCK_KEEPALIVE, BIO_SOCK_NODELAY, BIO_SOCK_NONBLOCK, BIO_SOCK_REUSEADDR, BIO_SOCK_V6_ONLY,
    BIO_TYPE_ACCEPT, BIO_TYPE_CONNECT,
};
use super::bio_meth::c_ptr;
use super::dtls::BIO_ADDR;
use super::guard;
use super::ptr::{c_str, write_out};
use super::types::{into_c, BIO, BIO_METHOD};
use crate::crypto::bio::{
    self as native, Bio, BioImpl, BIO_FLAGS_IO_SPECIAL, BIO_FLAGS_READ, BIO_FLAGS_RWS,
    BIO_FLAGS_SHOULD_RETRY, BIO_FLAGS_WRITE,
};
use crate::crypto::err;
use crate::error::{common, lib, Error};
use crate::sync::{Mutex, MutexGuard};
use core::ffi::{c_char, c_int, c_long, c_void, CStr};
use std::ffi::CString;

/// `BIO_ADDRINFO` (`struct bio_addrinfo_st`): build.rs declares it (ffi-shim/openssl-types.txt).
pub struct BIO_ADDRINFO {
    _private: [u8; 0],
}

/// `BIO_LOOKUP_CLIENT` / `BIO_LOOKUP_SERVER` (`enum BIO_lookup_type`).
const LOOKUP_SERVER: c_int = 1;
/// OpenSSL's listen backlog.
const MAX_LISTEN: c_int = 32;
/// `BIO_CTRL_*`/`BIO_C_*` used by the connect and accept BIOs.
mod cmd {
    pub use super::super::bio::{
        BIO_CTRL_EOF as EOF, BIO_CTRL_FLUSH as FLUSH, BIO_CTRL_GET_CLOSE as GET_CLOSE,
        BIO_CTRL_INFO as INFO, BIO_CTRL_PENDING as PENDING, BIO_CTRL_RESET as RESET,
        BIO_CTRL_SET_CLOSE as SET_CLOSE, BIO_CTRL_WPENDING as WPENDING,
        BIO_C_DO_STATE_MACHINE as DO_STATE_MACHINE, BIO_C_GET_ACCEPT as GET_ACCEPT,
        BIO_C_GET_BIND_MODE as GET_BIND_MODE, BIO_C_GET_CONNECT as GET_CONNECT,
        BIO_C_GET_FD as GET_FD, BIO_C_SET_ACCEPT as SET_ACCEPT,
        BIO_C_SET_BIND_MODE as SET_BIND_MODE, BIO_C_SET_CONNECT as SET_CONNECT,
        BIO_C_SET_CONNECT_MODE as SET_CONNECT_MODE, BIO_C_SET_FD as SET_FD,
        BIO_C_SET_NBIO as SET_NBIO,
    };
}

fn errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn raise(reason: c_int, func: &'static str) {
    err::push(Error::new(lib::BIO, reason, func));
}

/// `ERR_LIB_SYS` entry for the current errno.
fn raise_sys(e: c_int, func: &'static str) {
    err::push(Error::new(lib::SYS, e, func));
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

// ---- Addresses ----

/// What a native `BIO_ADDR *` points at: a socket address of any family.
#[derive(Clone, Copy)]
pub struct Addr {
    ss: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl Addr {
    fn empty() -> Addr {
        // SAFETY: sockaddr_storage is plain data; all-zero is AF_UNSPEC.
        Addr {
            ss: unsafe { core::mem::zeroed() },
            len: 0,
        }
    }
    fn family(&self) -> c_int {
        self.ss.ss_family as c_int
    }
    fn as_ptr(&self) -> *const libc::sockaddr {
        &self.ss as *const libc::sockaddr_storage as *const libc::sockaddr
    }
    /// Copies `len` bytes of a socket address.
    fn from_raw(sa: *const libc::sockaddr, len: libc::socklen_t) -> Addr {
        let mut a = Addr::empty();
        let n = (len as usize).min(core::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: `sa` points to `len` bytes (getaddrinfo/accept/getsockname), `ss` has room.
        unsafe {
            core::ptr::copy_nonoverlapping(
                sa as *const u8,
                &mut a.ss as *mut libc::sockaddr_storage as *mut u8,
                n,
            )
        };
        a.len = n as libc::socklen_t;
        a
    }
    /// The port in host order (0 for non-IP families).
    fn port(&self) -> u16 {
        // SAFETY: the storage holds a sockaddr of the family it says.
        unsafe {
            match self.family() {
                libc::AF_INET => {
                    u16::from_be((*(self.as_ptr() as *const libc::sockaddr_in)).sin_port)
                }
                libc::AF_INET6 => {
                    u16::from_be((*(self.as_ptr() as *const libc::sockaddr_in6)).sin6_port)
                }
                _ => 0,
            }
        }
    }
    /// The numeric host (`127.0.0.1`, `::1`).
    fn host_string(&self) -> Option<String> {
        // SAFETY: as in port().
        unsafe {
            match self.family() {
                libc::AF_INET => {
                    let s = &*(self.as_ptr() as *const libc::sockaddr_in);
                    Some(std::net::Ipv4Addr::from(u32::from_be(s.sin_addr.s_addr)).to_string())
                }
                libc::AF_INET6 => {
                    let s = &*(self.as_ptr() as *const libc::sockaddr_in6);
                    Some(std::net::Ipv6Addr::from(s.sin6_addr.s6_addr).to_string())
                }
                _ => None,
            }
        }
    }
}

fn addr<'a>(p: *const BIO_ADDR) -> Option<&'a Addr> {
    // SAFETY: NULL or a BIO_ADDR made by this module (BIO_ADDR_new, BIO_ADDRINFO_address).
    unsafe { (p as *const Addr).as_ref() }
}

/// One `BIO_ADDRINFO` list element (a singly linked list, freed from its head).
struct AiNode {
    family: c_int,
    socktype: c_int,
    protocol: c_int,
    addr: Addr,
    next: *mut AiNode,
}

fn ai<'a>(p: *const BIO_ADDRINFO) -> Option<&'a AiNode> {
    // SAFETY: NULL or a node of a list made by BIO_lookup_ex.
    unsafe { (p as *const AiNode).as_ref() }
}

fn free_list(mut p: *mut AiNode) {
    while !p.is_null() {
        // SAFETY: nodes are Box::into_raw'd by lookup() and freed once, from the head.
        let b = unsafe { Box::from_raw(p) };
        p = b.next;
    }
}

/// `BIO_lookup_ex`'s work: a list (head pointer, never NULL on success) or the error entries.
fn lookup(
    host: Option<&CStr>,
    service: Option<&CStr>,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    protocol: c_int,
) -> Result<*mut AiNode, Vec<Error>> {
    const F: &str = "BIO_lookup_ex";
    match family {
        libc::AF_INET | libc::AF_INET6 | libc::AF_UNSPEC => {}
        libc::AF_UNIX => {
            // A path: one entry, no resolution.
            let mut a = Addr::empty();
            let path = host.map_or(&[][..], |h| h.to_bytes());
            // SAFETY: sockaddr_un fits in sockaddr_storage.
            let un = unsafe {
                &mut *(&mut a.ss as *mut libc::sockaddr_storage as *mut libc::sockaddr_un)
            };
            un.sun_family = libc::AF_UNIX as libc::sa_family_t;
            let n = path.len().min(un.sun_path.len() - 1);
            for (d, s) in un.sun_path.iter_mut().zip(&path[..n]) {
                *d = *s as c_char;
            }
            a.len = core::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t;
            return Ok(Box::into_raw(Box::new(AiNode {
                family: libc::AF_UNIX,
                socktype,
                protocol,
                addr: a,
                next: core::ptr::null_mut(),
            })));
        }
        _ => {
            return Err(vec![Error::new(
                lib::BIO,
                BIO_R_UNSUPPORTED_PROTOCOL_FAMILY,
                F,
            )])
        }
    }
    // SAFETY: addrinfo is plain data; zero is "no hints" for the fields not set below.
    let mut hints: libc::addrinfo = unsafe { core::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    if lookup_type == LOOKUP_SERVER {
        hints.ai_flags |= libc::AI_PASSIVE;
    }
    let mut flags = hints.ai_flags;
    if family == libc::AF_UNSPEC {
        flags |= libc::AI_ADDRCONFIG;
    }
    let h = host.map_or(core::ptr::null(), |h| h.as_ptr());
    let s = service.map_or(core::ptr::null(), |s| s.as_ptr());
    let mut res: *mut libc::addrinfo = core::ptr::null_mut();
    let mut rc;
    loop {
        hints.ai_flags = flags;
        // SAFETY: NULL or NUL-terminated strings, valid hints and out-pointer.
        rc = unsafe { libc::getaddrinfo(h, s, &hints, &mut res) };
        if rc == libc::EAI_BADFLAGS && flags & libc::AI_ADDRCONFIG != 0 {
            flags &= !libc::AI_ADDRCONFIG;
            continue;
        }
        break;
    }
    if rc != 0 {
        if rc == libc::EAI_SYSTEM {
            return Err(vec![
                Error::new(lib::SYS, errno(), F),
                Error::new(lib::BIO, common::SYS_LIB, F),
            ]);
        }
        return Err(vec![Error::new(lib::BIO, common::SYS_LIB, F)]);
    }
    // Copy into our own list so that BIO_ADDRINFO_address can hand out a BIO_ADDR of ours.
    let mut head: *mut AiNode = core::ptr::null_mut();
    let mut tail: *mut AiNode = core::ptr::null_mut();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: a node of getaddrinfo's list, freed below.
        let r = unsafe { &*p };
        let node = Box::into_raw(Box::new(AiNode {
            family: r.ai_family,
            socktype: r.ai_socktype,
            protocol: r.ai_protocol,
            addr: Addr::from_raw(r.ai_addr, r.ai_addrlen),
            next: core::ptr::null_mut(),
        }));
        if tail.is_null() {
            head = node;
        } else {
            // SAFETY: `tail` is the node made in the previous iteration.
            unsafe { (*tail).next = node };
        }
        tail = node;
        p = r.ai_next;
    }
    // SAFETY: the list getaddrinfo returned.
    unsafe { libc::freeaddrinfo(res) };
    if head.is_null() {
        return Err(vec![Error::new(lib::BIO, BIO_R_LOOKUP_RETURNED_NOTHING, F)]);
    }
    Ok(head)
}

/// `BIO_lookup_ex(3)`: resolves `host` (NULL: any/loopback) and `service` (NULL: port 0) into
/// a list for `BIO_socket`/`BIO_connect`/`BIO_listen`. `lookup_type` `BIO_LOOKUP_SERVER` asks
/// for passive (bindable) addresses; `family` is `AF_INET`, `AF_INET6`, `AF_UNIX` (host is the
/// path) or `AF_UNSPEC`; `socktype`/`protocol` 0 mean any. 1 and `*res` set (free it with
/// `BIO_ADDRINFO_free`), or 0 with `BIO_R_UNSUPPORTED_PROTOCOL_FAMILY` or `ERR_R_SYS_LIB`
/// (`*res` untouched).
#[no_mangle]
pub extern "C" fn BIO_lookup_ex(
    host: *const c_char,
    service: *const c_char,
    lookup_type: c_int,
    family: c_int,
    socktype: c_int,
    protocol: c_int,
    res: *mut *mut BIO_ADDRINFO,
) -> c_int {
    crate::forward!(BIO_lookup_ex(
        host,
        service,
        lookup_type,
        family,
        socktype,
        protocol,
        res
    ));
    guard(0, || {
        if res.is_null() {
            err::push(Error::null_param(lib::BIO, "BIO_lookup_ex"));
            return 0;
        }
        // SAFETY: NULL or NUL-terminated strings (the C contract).
        let (h, s) = unsafe { (c_str(host), c_str(service)) };
        match lookup(h, s, lookup_type, family, socktype, protocol) {
            Ok(list) => {
                // SAFETY: non-NULL out-parameter.
                unsafe { write_out(res, list as *mut BIO_ADDRINFO) };
                1
            }
            Err(es) => {
                for e in es {
                    err::push(e);
                }
                0
            }
        }
    })
}

/// `BIO_lookup(3)`: `BIO_lookup_ex` with protocol 0.
#[no_mangle]
pub extern "C" fn BIO_lookup(
    host: *const c_char,
    service: *const c_char,
    lookup_type: BIO_lookup_type,
    family: c_int,
    socktype: c_int,
    res: *mut *mut BIO_ADDRINFO,
) -> c_int {
    crate::forward!(BIO_lookup(
        host,
        service,
        lookup_type,
        family,
        socktype,
        res
    ));
    BIO_lookup_ex(
        host,
        service,
        lookup_type as c_int,
        family,
        socktype,
        0,
        res,
    )
}

/// `enum BIO_lookup_type` (build.rs writes OpenSSL's definition).
pub type BIO_lookup_type = core::ffi::c_uint;

/// `BIO_ADDRINFO_next(3)`: the next entry (NULL at the end or for NULL).
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_next(bai: *const BIO_ADDRINFO) -> *const BIO_ADDRINFO {
    crate::forward!(BIO_ADDRINFO_next(bai));
    ai(bai).map_or(core::ptr::null(), |n| n.next as *const BIO_ADDRINFO)
}

/// `BIO_ADDRINFO_family(3)`: `AF_INET`, `AF_INET6`, `AF_UNIX` (0 for NULL).
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_family(bai: *const BIO_ADDRINFO) -> c_int {
    crate::forward!(BIO_ADDRINFO_family(bai));
    ai(bai).map_or(0, |n| n.family)
}

/// `BIO_ADDRINFO_socktype(3)` (0 for NULL).
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_socktype(bai: *const BIO_ADDRINFO) -> c_int {
    crate::forward!(BIO_ADDRINFO_socktype(bai));
    ai(bai).map_or(0, |n| n.socktype)
}

/// `BIO_ADDRINFO_protocol(3)`: the protocol, or for 0 the family's usual one (`IPPROTO_TCP`
/// for stream sockets, `IPPROTO_UDP` for datagrams) as OpenSSL reports it. 0 for NULL.
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_protocol(bai: *const BIO_ADDRINFO) -> c_int {
    crate::forward!(BIO_ADDRINFO_protocol(bai));
    ai(bai).map_or(0, |n| {
        if n.protocol != 0 || n.family == libc::AF_UNIX {
            return n.protocol;
        }
        match n.socktype {
            libc::SOCK_STREAM => libc::IPPROTO_TCP,
            libc::SOCK_DGRAM => libc::IPPROTO_UDP,
            _ => 0,
        }
    })
}

/// `BIO_ADDRINFO_address(3)`: the entry's address (owned by the list; NULL for NULL).
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_address(bai: *const BIO_ADDRINFO) -> *const BIO_ADDR {
    crate::forward!(BIO_ADDRINFO_address(bai));
    ai(bai).map_or(core::ptr::null(), |n| {
        &n.addr as *const Addr as *const BIO_ADDR
    })
}

/// `BIO_ADDRINFO_free(3)`: frees a list from `BIO_lookup_ex`. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_ADDRINFO_free(bai: *mut BIO_ADDRINFO) {
    crate::forward!(BIO_ADDRINFO_free(bai));
    guard((), || free_list(bai as *mut AiNode))
}

/// `BIO_ADDR_new(3)`: an empty address (family `AF_UNSPEC`).
#[no_mangle]
pub extern "C" fn BIO_ADDR_new() -> *mut BIO_ADDR {
    crate::forward_new!(BIO_ADDR_new());
    guard(core::ptr::null_mut(), || {
        Box::into_raw(Box::new(Addr::empty())) as *mut BIO_ADDR
    })
}

/// `BIO_ADDR_free(3)`. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_ADDR_free(arg0: *mut BIO_ADDR) {
    crate::forward!(BIO_ADDR_free(arg0));
    guard((), || {
        if !arg0.is_null() {
            // SAFETY: made by BIO_ADDR_new, freed once.
            drop(unsafe { Box::from_raw(arg0 as *mut Addr) });
        }
    })
}

/// `BIO_ADDR_family(3)`: the address family (`AF_UNSPEC` when empty).
#[no_mangle]
pub extern "C" fn BIO_ADDR_family(ap: *const BIO_ADDR) -> c_int {
    crate::forward!(BIO_ADDR_family(ap));
    addr(ap).map_or(libc::AF_UNSPEC, |a| a.family())
}

/// `BIO_ADDR_rawport(3)`: the port in network byte order (0 for other families).
#[no_mangle]
pub extern "C" fn BIO_ADDR_rawport(ap: *const BIO_ADDR) -> u16 {
    crate::forward!(BIO_ADDR_rawport(ap));
    addr(ap).map_or(0, |a| a.port().to_be())
}

// ---- Socket helpers ----

fn setsockopt_int(fd: c_int, level: c_int, opt: c_int, v: c_int) -> bool {
    // SAFETY: a plain int option.
    unsafe {
        libc::setsockopt(
            fd,
            level,
            opt,
            &v as *const c_int as *const c_void,
            core::mem::size_of::<c_int>() as libc::socklen_t,
        ) == 0
    }
}

fn nbio(fd: c_int, on: bool) -> bool {
    // SAFETY: fcntl on a caller's descriptor, no pointers.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL, 0);
        if fl < 0 {
            return false;
        }
        let nf = if on {
            fl | libc::O_NONBLOCK
        } else {
            fl & !libc::O_NONBLOCK
        };
        nf == fl || libc::fcntl(fd, libc::F_SETFL, nf) == 0
    }
}

/// `BIO_socket_nbio(3)`: sets (`mode` nonzero) or clears `O_NONBLOCK`. 1, or 0 with an
/// `ERR_LIB_SYS` entry.
#[no_mangle]
pub extern "C" fn BIO_socket_nbio(fd: c_int, mode: c_int) -> c_int {
    crate::forward!(BIO_socket_nbio(fd, mode));
    guard(0, || {
        if nbio(fd, mode != 0) {
            1
        } else {
            raise_sys(errno(), "BIO_socket_nbio");
            0
        }
    })
}

/// `BIO_socket(3)`: `socket(domain, socktype, protocol)`; the descriptor, or -1 with
/// `ERR_LIB_SYS`/errno and `BIO_R_UNABLE_TO_CREATE_SOCKET`. `options` are unused (as in
/// OpenSSL 3.0).
#[no_mangle]
pub extern "C" fn BIO_socket(
    domain: c_int,
    socktype: c_int,
    protocol: c_int,
    options: c_int,
) -> c_int {
    crate::forward!(BIO_socket(domain, socktype, protocol, options));
    guard(-1, || {
        // SAFETY: no pointers.
        let s = unsafe { libc::socket(domain, socktype, protocol) };
        if s < 0 {
            raise_sys(errno(), "BIO_socket");
            raise(BIO_R_UNABLE_TO_CREATE_SOCKET, "BIO_socket");
            return -1;
        }
        s
    })
}

/// Applies `BIO_SOCK_NONBLOCK`, `BIO_SOCK_KEEPALIVE` and `BIO_SOCK_NODELAY`.
fn apply_options(sock: c_int, options: c_int, func: &'static str) -> bool {
    if options & BIO_SOCK_NONBLOCK != 0 && !nbio(sock, true) {
        raise_sys(errno(), func);
        return false;
    }
    if options & BIO_SOCK_KEEPALIVE != 0
        && !setsockopt_int(sock, libc::SOL_SOCKET, libc::SO_KEEPALIVE, 1)
    {
        raise_sys(errno(), func);
        raise(BIO_R_UNABLE_TO_KEEPALIVE, func);
        return false;
    }
    if options & BIO_SOCK_NODELAY != 0
        && !setsockopt_int(sock, libc::IPPROTO_TCP, libc::TCP_NODELAY, 1)
    {
        raise_sys(errno(), func);
        raise(BIO_R_UNABLE_TO_NODELAY, func);
        return false;
    }
    true
}

/// `BIO_connect(3)`: connects `sock` to `addr` after applying `options` (`BIO_SOCK_NONBLOCK`,
/// `BIO_SOCK_KEEPALIVE`, `BIO_SOCK_NODELAY`). 1 when connected; 0 otherwise — a non-blocking
/// connect in progress queues nothing (`BIO_sock_should_retry` is true), a failure queues
/// `ERR_LIB_SYS`/errno and `BIO_R_CONNECT_ERROR`; sock -1 gives `BIO_R_INVALID_SOCKET`.
#[no_mangle]
pub extern "C" fn BIO_connect(sock: c_int, addr: *const BIO_ADDR, options: c_int) -> c_int {
    crate::forward!(BIO_connect(sock, addr, options));
    guard(0, || {
        const F: &str = "BIO_connect";
        if sock == -1 {
            raise(BIO_R_INVALID_SOCKET, F);
            return 0;
        }
        let Some(a) = self::addr(addr) else {
            err::push(Error::null_param(lib::BIO, F));
            return 0;
        };
        if !apply_options(sock, options, F) {
            return 0;
        }
        // SAFETY: a socket address of `len` bytes.
        if unsafe { libc::connect(sock, a.as_ptr(), a.len) } == -1 {
            if !native::should_retry(-1) {
                raise_sys(errno(), F);
                raise(BIO_R_CONNECT_ERROR, F);
            }
            return 0;
        }
        1
    })
}

/// `BIO_bind(3)`: binds `sock` to `addr` (`BIO_SOCK_REUSEADDR` sets `SO_REUSEADDR` first).
/// 1, or 0 with `ERR_LIB_SYS`/errno and `BIO_R_UNABLE_TO_BIND_SOCKET`.
#[no_mangle]
pub extern "C" fn BIO_bind(sock: c_int, addr: *const BIO_ADDR, options: c_int) -> c_int {
    crate::forward!(BIO_bind(sock, addr, options));
    guard(0, || {
        const F: &str = "BIO_bind";
        if sock == -1 {
            raise(BIO_R_INVALID_SOCKET, F);
            return 0;
        }
        let Some(a) = self::addr(addr) else {
            err::push(Error::null_param(lib::BIO, F));
            return 0;
        };
        if options & BIO_SOCK_REUSEADDR != 0
            && !setsockopt_int(sock, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)
        {
            raise_sys(errno(), F);
            raise(BIO_R_UNABLE_TO_REUSEADDR, F);
            return 0;
        }
        // SAFETY: a socket address of `len` bytes.
        if unsafe { libc::bind(sock, a.as_ptr(), a.len) } != 0 {
            raise_sys(errno(), F);
            raise(BIO_R_UNABLE_TO_BIND_SOCKET, F);
            return 0;
        }
        1
    })
}

/// `BIO_listen(3)`: applies `options` (`BIO_SOCK_REUSEADDR`, `BIO_SOCK_V6_ONLY`,
/// `BIO_SOCK_NONBLOCK`, `BIO_SOCK_KEEPALIVE`, `BIO_SOCK_NODELAY`), binds `sock` to `addr` and
/// (stream sockets) listens. 1, or 0 with the failing step's entries.
#[no_mangle]
pub extern "C" fn BIO_listen(sock: c_int, addr: *const BIO_ADDR, options: c_int) -> c_int {
    crate::forward!(BIO_listen(sock, addr, options));
    guard(0, || {
        const F: &str = "BIO_listen";
        if sock == -1 {
            raise(BIO_R_INVALID_SOCKET, F);
            return 0;
        }
        let Some(a) = self::addr(addr) else {
            err::push(Error::null_param(lib::BIO, F));
            return 0;
        };
        let mut st: c_int = 0;
        let mut l = core::mem::size_of::<c_int>() as libc::socklen_t;
        // SAFETY: an int out-parameter of `l` bytes.
        if unsafe {
            libc::getsockopt(
                sock,
                libc::SOL_SOCKET,
                libc::SO_TYPE,
                &mut st as *mut c_int as *mut c_void,
                &mut l,
            )
        } != 0
        {
            raise_sys(errno(), F);
            raise(BIO_R_GETTING_SOCKTYPE, F);
            return 0;
        }
        if !apply_options(sock, options & !BIO_SOCK_NODELAY, F) {
            return 0;
        }
        if st == libc::SOCK_STREAM
            && options & BIO_SOCK_NODELAY != 0
            && !apply_options(sock, BIO_SOCK_NODELAY, F)
        {
            return 0;
        }
        if a.family() == libc::AF_INET6
            && !setsockopt_int(
                sock,
                libc::IPPROTO_IPV6,
                libc::IPV6_V6ONLY,
                c_int::from(options & BIO_SOCK_V6_ONLY != 0),
            )
        {
            raise_sys(errno(), F);
            raise(BIO_R_LISTEN_V6_ONLY, F);
            return 0;
        }
        if BIO_bind(sock, addr, options) == 0 {
            return 0;
        }
        // SAFETY: no pointers.
        if st != libc::SOCK_DGRAM && unsafe { libc::listen(sock, MAX_LISTEN) } == -1 {
            raise_sys(errno(), F);
            raise(BIO_R_UNABLE_TO_LISTEN_SOCKET, F);
            return 0;
        }
        1
    })
}

/// `BIO_accept_ex(3)`: accepts a connection on `accept_sock`, storing the peer in `addr` (if
/// not NULL) and applying `options` (`BIO_SOCK_NONBLOCK`). The new descriptor, or -1: nothing
/// queued when it would block, else `ERR_LIB_SYS`/errno and `BIO_R_ACCEPT_ERROR`.
#[no_mangle]
pub extern "C" fn BIO_accept_ex(accept_sock: c_int, addr: *mut BIO_ADDR, options: c_int) -> c_int {
    crate::forward!(BIO_accept_ex(accept_sock, addr, options));
    guard(-1, || accept_fd(accept_sock, addr as *mut Addr, options))
}

fn accept_fd(accept_sock: c_int, out: *mut Addr, options: c_int) -> c_int {
    const F: &str = "BIO_accept_ex";
    let mut a = Addr::empty();
    a.len = core::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: a sockaddr_storage and its size.
    let s = unsafe {
        libc::accept(
            accept_sock,
            &mut a.ss as *mut libc::sockaddr_storage as *mut libc::sockaddr,
            &mut a.len,
        )
    };
    if s == -1 {
        if !native::should_retry(-1) {
            raise_sys(errno(), F);
            raise(BIO_R_ACCEPT_ERROR, F);
        }
        return -1;
    }
    if options & BIO_SOCK_NONBLOCK != 0 && !nbio(s, true) {
        raise_sys(errno(), F);
        // SAFETY: closing the descriptor we just accepted.
        unsafe { libc::close(s) };
        return -1;
    }
    // SAFETY: NULL or the caller's BIO_ADDR.
    if let Some(o) = unsafe { out.as_mut() } {
        *o = a;
    }
    s
}

/// `BIO_closesocket(3)`: closes `sock`. 1, or 0 if `close` failed (also for -1).
#[no_mangle]
pub extern "C" fn BIO_closesocket(sock: c_int) -> c_int {
    crate::forward!(BIO_closesocket(sock));
    // SAFETY: closing the caller's descriptor.
    c_int::from(sock >= 0 && unsafe { libc::close(sock) } == 0)
}

// ---- host:service strings ----

/// One part of a `host:service` string: `None` when the syntax has no such part, else the
/// part (`None` inside when it is empty or `*`).
type Part = Option<Option<CString>>;

/// Splits `host:service` (`[v6]:service` too). `prio_host`: a string without a colon is a host
/// (connect), else a service (accept). Raises `BIO_R_AMBIGUOUS_HOST_OR_SERVICE` (several
/// colons outside brackets) or `BIO_R_MALFORMED_HOST_OR_SERVICE` and gives `None` on failure.
fn split_hostserv(s: &[u8], prio_host: bool) -> Option<(Part, Part)> {
    const F: &str = "BIO_parse_hostserv";
    let part = |p: &[u8]| -> Option<CString> {
        if p.is_empty() || p == b"*" {
            None
        } else {
            CString::new(p).ok()
        }
    };
    if let Some(rest) = s.strip_prefix(b"[") {
        let close = rest.iter().position(|&c| c == b']');
        let parsed = close.and_then(|close| {
            let host = &rest[..close];
            match &rest[close + 1..] {
                [] => Some((Some(part(host)), None)),
                [b':', serv @ ..] => Some((Some(part(host)), Some(part(serv)))),
                _ => None,
            }
        });
        if parsed.is_none() {
            raise(super::bio::BIO_R_MALFORMED_HOST_OR_SERVICE, F);
        }
        return parsed;
    }
    match s.iter().filter(|&&c| c == b':').count() {
        0 if prio_host => Some((Some(part(s)), None)),
        0 => Some((None, Some(part(s)))),
        1 => {
            let i = s.iter().position(|&c| c == b':')?;
            Some((Some(part(&s[..i])), Some(part(&s[i + 1..]))))
        }
        _ => {
            raise(super::bio::BIO_R_AMBIGUOUS_HOST_OR_SERVICE, F);
            None
        }
    }
}

fn ipfamily(f: c_int) -> c_int {
    match f {
        BIO_FAMILY_IPV4 => libc::AF_INET,
        BIO_FAMILY_IPV6 => libc::AF_INET6,
        _ => libc::AF_UNSPEC,
    }
}

fn close_fd(fd: &mut c_int) {
    if *fd >= 0 {
        // SAFETY: closing a descriptor this BIO owns.
        unsafe { libc::close(*fd) };
        *fd = -1;
    }
}

// ---- The connect BIO ----

#[derive(Clone, Copy, PartialEq, Eq)]
enum ConnState {
    Before,
    GetAddr,
    CreateSocket,
    Connect,
    Blocked,
    Ok,
    Error,
}

struct ConnData {
    host: Option<CString>,
    port: Option<CString>,
    family: c_int,
    /// `BIO_SOCK_NONBLOCK` or 0 (`BIO_set_nbio`, `BIO_set_conn_mode`).
    mode: c_int,
    state: ConnState,
    list: *mut AiNode,
    iter: *mut AiNode,
    fd: c_int,
}

// SAFETY: the list pointers are owned by this BIO and only used under its mutex.
unsafe impl Send for ConnData {}

struct Connect {
    d: Mutex<ConnData>,
}

impl Connect {
    fn new() -> Connect {
        Connect {
            d: Mutex::new(ConnData {
                host: None,
                port: None,
                family: BIO_FAMILY_IPANY,
                mode: 0,
                state: ConnState::Before,
                list: core::ptr::null_mut(),
                iter: core::ptr::null_mut(),
                fd: -1,
            }),
        }
    }

    /// The connect state machine (`BIO_do_connect`, and first read/write): 1 connected, else
    /// 0/-1 with retry flags or error entries as measured.
    fn drive(&self, b: &Bio) -> i32 {
        const F: &str = "conn_state";
        let mut d = lock(&self.d);
        loop {
            match d.state {
                ConnState::Before => {
                    if d.host.is_none() && d.port.is_none() {
                        raise(BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED, F);
                        return -1;
                    }
                    d.state = ConnState::GetAddr;
                }
                ConnState::GetAddr => {
                    free_list(d.list);
                    d.list = core::ptr::null_mut();
                    let (h, p) = (d.host.clone(), d.port.clone());
                    match lookup(
                        h.as_deref(),
                        p.as_deref(),
                        0,
                        ipfamily(d.family),
                        libc::SOCK_STREAM,
                        0,
                    ) {
                        Ok(l) => {
                            d.list = l;
                            d.iter = l;
                            d.state = ConnState::CreateSocket;
                        }
                        Err(es) => {
                            for e in es {
                                err::push(e);
                            }
                            return -1;
                        }
                    }
                }
                ConnState::CreateSocket => {
                    // SAFETY: `iter` is a node of `list`, owned by this BIO.
                    let n = unsafe { &*d.iter };
                    let s = BIO_socket(n.family, libc::SOCK_STREAM, 0, 0);
                    if s < 0 {
                        d.state = ConnState::Error;
                        return 0;
                    }
                    d.fd = s;
                    d.state = ConnState::Connect;
                }
                ConnState::Connect => {
                    // SAFETY: as above.
                    let n = unsafe { &*d.iter };
                    b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                    b.set_retry_reason(0);
                    let a = &n.addr as *const Addr as *const BIO_ADDR;
                    if BIO_connect(d.fd, a, BIO_SOCK_KEEPALIVE | d.mode) == 1 {
                        d.state = ConnState::Ok;
                        return 1;
                    }
                    if native::should_retry(0) {
                        b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                        b.set_retry_reason(super::bio::BIO_RR_CONNECT);
                        d.state = ConnState::Blocked;
                        return 0;
                    }
                    let e = errno();
                    close_fd(&mut d.fd);
                    if !n.next.is_null() {
                        d.iter = n.next;
                        d.state = ConnState::CreateSocket;
                        err::clear();
                        continue;
                    }
                    raise_sys(e, F);
                    raise(BIO_R_CONNECT_ERROR, F);
                    d.state = ConnState::Error;
                    return 0;
                }
                ConnState::Blocked => {
                    let mut p = libc::pollfd {
                        fd: d.fd,
                        events: libc::POLLOUT,
                        revents: 0,
                    };
                    // SAFETY: one pollfd, no wait.
                    if unsafe { libc::poll(&mut p, 1, 0) } == 0 {
                        b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                        b.set_retry_reason(super::bio::BIO_RR_CONNECT);
                        return 0;
                    }
                    b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                    let mut e: c_int = 0;
                    let mut l = core::mem::size_of::<c_int>() as libc::socklen_t;
                    // SAFETY: an int out-parameter.
                    unsafe {
                        libc::getsockopt(
                            d.fd,
                            libc::SOL_SOCKET,
                            libc::SO_ERROR,
                            &mut e as *mut c_int as *mut c_void,
                            &mut l,
                        )
                    };
                    if e != 0 {
                        close_fd(&mut d.fd);
                        // SAFETY: as above.
                        let n = unsafe { &*d.iter };
                        if !n.next.is_null() {
                            d.iter = n.next;
                            d.state = ConnState::CreateSocket;
                            continue;
                        }
                        raise_sys(e, F);
                        raise(BIO_R_NBIO_CONNECT_ERROR, F);
                        d.state = ConnState::Error;
                        return 0;
                    }
                    b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                    d.state = ConnState::Ok;
                    return 1;
                }
                ConnState::Ok => return 1,
                ConnState::Error => {
                    raise(BIO_R_CONNECT_ERROR, F);
                    return 0;
                }
            }
        }
    }

    /// The connected descriptor, after driving the state machine; Err(ret) to return.
    fn ready(&self, b: &Bio) -> Result<c_int, i32> {
        if lock(&self.d).state != ConnState::Ok {
            let r = self.drive(b);
            if r <= 0 {
                return Err(r);
            }
        }
        Ok(lock(&self.d).fd)
    }
}

/// read(2)/write(2) on a connected descriptor with socket-BIO retry flags.
fn sock_io(b: &Bio, fd: c_int, rd: Option<&mut [u8]>, wr: Option<&[u8]>, len: usize) -> i32 {
    b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
    // SAFETY: errno slot of this thread.
    unsafe { *libc::__errno_location() = 0 };
    let r = match (rd, wr) {
        // SAFETY: `len` writable bytes.
        (Some(out), _) => unsafe { libc::read(fd, out.as_mut_ptr().cast(), len) },
        // SAFETY: `len` readable bytes.
        (None, Some(data)) => unsafe { libc::write(fd, data.as_ptr().cast(), len) },
        _ => return 0,
    };
    if r <= 0 && native::should_retry(r as i64) {
        let f = if wr.is_some() {
            BIO_FLAGS_WRITE
        } else {
            BIO_FLAGS_READ
        };
        b.set_flags(f | BIO_FLAGS_SHOULD_RETRY);
    }
    r as i32
}

impl BioImpl for Connect {
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32 {
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "BIO_read");
            return -1;
        }
        let fd = match self.ready(b) {
            Ok(fd) => fd,
            Err(r) => return r,
        };
        match buf {
            Some(out) => {
                let n = len.min(out.len());
                sock_io(b, fd, Some(&mut out[..n]), None, n)
            }
            None => 0,
        }
    }

    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32 {
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "BIO_write");
            return -1;
        }
        let fd = match self.ready(b) {
            Ok(fd) => fd,
            Err(r) => return r,
        };
        match buf {
            Some(data) => {
                let n = len.min(data.len());
                sock_io(b, fd, None, Some(&data[..n]), n)
            }
            None => 0,
        }
    }

    fn puts(&self, b: &Bio, s: &[u8]) -> i32 {
        self.write(b, Some(s), s.len())
    }

    fn gets(&self, _b: &Bio, _buf: *mut c_char, _size: i32) -> i32 {
        raise(BIO_R_UNSUPPORTED_METHOD, "BIO_gets");
        -2
    }

    fn ctrl(&self, b: &Bio, c: i32, larg: i64, parg: *mut c_void) -> i64 {
        match c {
            cmd::RESET => {
                let mut d = lock(&self.d);
                close_fd(&mut d.fd);
                free_list(d.list);
                d.list = core::ptr::null_mut();
                d.iter = core::ptr::null_mut();
                d.state = ConnState::Before;
                drop(d);
                b.clear_flags(!0);
                0
            }
            cmd::DO_STATE_MACHINE => {
                if lock(&self.d).state == ConnState::Ok {
                    1
                } else {
                    self.drive(b) as i64
                }
            }
            cmd::GET_CONNECT => {
                if parg.is_null() {
                    return 0;
                }
                let d = lock(&self.d);
                let out = parg as *mut *const c_void;
                let v: *const c_void = match larg {
                    0 => d
                        .host
                        .as_ref()
                        .map_or(core::ptr::null(), |s| s.as_ptr().cast()),
                    1 => d
                        .port
                        .as_ref()
                        .map_or(core::ptr::null(), |s| s.as_ptr().cast()),
                    2 => {
                        // SAFETY: NULL or a node of `list`.
                        unsafe { d.iter.as_ref() }.map_or(core::ptr::null(), |n| {
                            &n.addr as *const Addr as *const c_void
                        })
                    }
                    3 => {
                        // SAFETY: as above.
                        return match unsafe { d.iter.as_ref() }.map(|n| n.family) {
                            Some(libc::AF_INET) => BIO_FAMILY_IPV4 as i64,
                            Some(libc::AF_INET6) => BIO_FAMILY_IPV6 as i64,
                            None | Some(0) => d.family as i64,
                            _ => -1,
                        };
                    }
                    _ => return 0,
                };
                // SAFETY: the caller's `const char **` / `const BIO_ADDR **`.
                unsafe { write_out(out, v) };
                1
            }
            cmd::SET_CONNECT => {
                if parg.is_null() {
                    return 1;
                }
                b.set_init(true);
                let mut d = lock(&self.d);
                match larg {
                    0 | 1 => {
                        // SAFETY: a NUL-terminated string (BIO_set_conn_hostname/port).
                        let s = unsafe { CStr::from_ptr(parg as *const c_char) };
                        if larg == 1 {
                            d.port = Some(s.to_owned());
                            return 1;
                        }
                        let Some((h, p)) = split_hostserv(s.to_bytes(), true) else {
                            return 0;
                        };
                        d.host = h.flatten();
                        if let Some(p) = p {
                            d.port = p;
                        }
                        1
                    }
                    2 => {
                        let Some(a) = addr(parg as *const BIO_ADDR) else {
                            return 0;
                        };
                        d.host = a.host_string().and_then(|h| CString::new(h).ok());
                        d.port = CString::new(a.port().to_string()).ok();
                        d.family = match a.family() {
                            libc::AF_INET => BIO_FAMILY_IPV4,
                            libc::AF_INET6 => BIO_FAMILY_IPV6,
                            _ => d.family,
                        };
                        1
                    }
                    3 => {
                        // SAFETY: an `int *` (BIO_set_conn_ip_family via BIO_int_ctrl).
                        d.family = unsafe { *(parg as *const c_int) };
                        1
                    }
                    _ => 0,
                }
            }
            cmd::SET_CONNECT_MODE => {
                lock(&self.d).mode = larg as c_int;
                1
            }
            cmd::SET_NBIO => {
                let mut d = lock(&self.d);
                if larg != 0 {
                    d.mode |= BIO_SOCK_NONBLOCK;
                } else {
                    d.mode &= !BIO_SOCK_NONBLOCK;
                }
                1
            }
            cmd::GET_FD => {
                if !b.get_init() {
                    return -1;
                }
                let fd = lock(&self.d).fd;
                // SAFETY: NULL or the caller's `int *`.
                unsafe { write_out(parg as *mut c_int, fd) };
                fd as i64
            }
            cmd::GET_CLOSE => b.get_shutdown() as i64,
            cmd::SET_CLOSE => {
                b.set_shutdown(larg as i32);
                1
            }
            cmd::FLUSH => 1,
            cmd::PENDING | cmd::WPENDING | cmd::EOF | cmd::INFO => 0,
            _ => 0,
        }
    }

    fn callback_ctrl(&self, _b: &Bio, _cmd: i32, _fp: *mut c_void) -> i64 {
        raise(BIO_R_UNSUPPORTED_METHOD, "BIO_callback_ctrl");
        -2
    }

    fn name(&self) -> *const c_char {
        c"socket connect".as_ptr()
    }

    fn fd(&self, _b: &Bio) -> Option<i32> {
        let d = lock(&self.d);
        (d.fd >= 0).then_some(d.fd)
    }

    fn destroy(&self, b: &Bio) {
        let mut d = lock(&self.d);
        if b.get_shutdown() != 0 {
            close_fd(&mut d.fd);
        }
        free_list(d.list);
        d.list = core::ptr::null_mut();
    }
}

// ---- The accept BIO ----

#[derive(Clone, Copy, PartialEq, Eq)]
enum AcceptState {
    Before,
    Accept,
    Ok,
}

struct AcceptData {
    name: Option<CString>,
    port: Option<CString>,
    family: c_int,
    bind_mode: c_int,
    /// Options for accepted sockets (`BIO_SOCK_NONBLOCK` from `BIO_set_nbio_accept`).
    accepted_mode: c_int,
    state: AcceptState,
    fd: c_int,
    /// The bound address, as `BIO_get_accept_name`/`BIO_get_accept_port` report it.
    bound_name: Option<CString>,
    bound_port: Option<CString>,
    peer_name: Option<CString>,
    peer_port: Option<CString>,
    /// `BIO_set_accept_bios`: copied (`BIO_dup_chain`) in front of every accepted socket. Owned
    /// like OpenSSL's: only its first BIO is freed with the accept BIO (or when replaced).
    chain: usize,
}

struct Accept {
    d: Mutex<AcceptData>,
}

impl Accept {
    fn new() -> Accept {
        Accept {
            d: Mutex::new(AcceptData {
                name: None,
                port: None,
                family: BIO_FAMILY_IPANY,
                bind_mode: 0,
                accepted_mode: 0,
                state: AcceptState::Before,
                fd: -1,
                bound_name: None,
                bound_port: None,
                peer_name: None,
                peer_port: None,
                chain: 0,
            }),
        }
    }

    /// `BIO_do_accept`: bind and listen on the first call, then accept one connection and
    /// chain it behind the accept BIO.
    fn drive(&self, b: &Bio) -> i32 {
        const F: &str = "acpt_state";
        let mut d = lock(&self.d);
        loop {
            match d.state {
                AcceptState::Before => {
                    if d.name.is_none() && d.port.is_none() {
                        raise(BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED, F);
                        return -1;
                    }
                    let (h, p) = (d.name.clone(), d.port.clone());
                    let list = match lookup(
                        h.as_deref(),
                        p.as_deref(),
                        LOOKUP_SERVER,
                        ipfamily(d.family),
                        libc::SOCK_STREAM,
                        0,
                    ) {
                        Ok(l) => l,
                        Err(es) => {
                            for e in es {
                                err::push(e);
                            }
                            return -1;
                        }
                    };
                    // SAFETY: the head of the list just made.
                    let n = unsafe { &*list };
                    let s = BIO_socket(n.family, n.socktype, n.protocol, 0);
                    if s < 0 {
                        free_list(list);
                        return -1;
                    }
                    let a = &n.addr as *const Addr as *const BIO_ADDR;
                    if BIO_listen(s, a, d.bind_mode) == 0 {
                        // SAFETY: closing our own socket.
                        unsafe { libc::close(s) };
                        free_list(list);
                        return -1;
                    }
                    free_list(list);
                    let mut bound = Addr::empty();
                    bound.len = core::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                    // SAFETY: a sockaddr_storage and its size.
                    unsafe {
                        libc::getsockname(
                            s,
                            &mut bound.ss as *mut libc::sockaddr_storage as *mut libc::sockaddr,
                            &mut bound.len,
                        )
                    };
                    d.bound_name = bound.host_string().and_then(|h| CString::new(h).ok());
                    d.bound_port = CString::new(bound.port().to_string()).ok();
                    d.fd = s;
                    d.state = AcceptState::Accept;
                    return 1;
                }
                AcceptState::Accept => {
                    if !b.next_addr().is_null() {
                        d.state = AcceptState::Ok;
                        continue;
                    }
                    b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
                    b.set_retry_reason(0);
                    let mut peer = Addr::empty();
                    let s = accept_fd(d.fd, &mut peer, d.accepted_mode);
                    if s < 0 {
                        if native::should_retry(-1) {
                            b.set_flags(BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                            b.set_retry_reason(super::bio::BIO_RR_ACCEPT);
                        }
                        return -1;
                    }
                    let sock = super::bio::BIO_new_socket(s, super::bio::BIO_CLOSE);
                    if sock.is_null() {
                        // SAFETY: closing the descriptor we just accepted.
                        unsafe { libc::close(s) };
                        return -1;
                    }
                    let mut head = sock;
                    if d.chain != 0 {
                        let dup = BIO_dup_chain(d.chain as *mut BIO);
                        if dup.is_null() {
                            super::bio::BIO_free(sock);
                            return -1;
                        }
                        super::bio_meth::BIO_push(dup, sock);
                        head = dup;
                    }
                    d.peer_name = peer.host_string().and_then(|h| CString::new(h).ok());
                    d.peer_port = CString::new(peer.port().to_string()).ok();
                    d.state = AcceptState::Ok;
                    drop(d);
                    super::bio_meth::BIO_push(c_ptr(b), head);
                    return 1;
                }
                AcceptState::Ok => {
                    if b.next_addr().is_null() {
                        d.state = AcceptState::Accept;
                        continue;
                    }
                    return 1;
                }
            }
        }
    }

    fn next_ready(&self, b: &Bio) -> Result<*mut BIO, i32> {
        while b.next_addr().is_null() {
            let r = self.drive(b);
            if r <= 0 {
                return Err(r);
            }
        }
        Ok(b.next_addr() as *mut BIO)
    }
}

impl BioImpl for Accept {
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32 {
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "BIO_read");
            return -1;
        }
        let next = match self.next_ready(b) {
            Ok(n) => n,
            Err(r) => return r,
        };
        let p = buf.map_or(core::ptr::null_mut(), |s| s.as_mut_ptr());
        let r = super::bio::BIO_read(next, p.cast(), len as c_int);
        super::bio_meth::BIO_copy_next_retry(c_ptr(b));
        r
    }

    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32 {
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "BIO_write");
            return -1;
        }
        let next = match self.next_ready(b) {
            Ok(n) => n,
            Err(r) => return r,
        };
        let p = buf.map_or(core::ptr::null(), |s| s.as_ptr());
        let r = super::bio::BIO_write(next, p.cast(), len as c_int);
        super::bio_meth::BIO_copy_next_retry(c_ptr(b));
        r
    }

    fn puts(&self, b: &Bio, s: &[u8]) -> i32 {
        self.write(b, Some(s), s.len())
    }

    fn gets(&self, _b: &Bio, _buf: *mut c_char, _size: i32) -> i32 {
        raise(BIO_R_UNSUPPORTED_METHOD, "BIO_gets");
        -2
    }

    fn ctrl(&self, b: &Bio, c: i32, larg: i64, parg: *mut c_void) -> i64 {
        match c {
            cmd::RESET => {
                let mut d = lock(&self.d);
                close_fd(&mut d.fd);
                d.state = AcceptState::Before;
                drop(d);
                b.clear_flags(!0);
                0
            }
            cmd::DO_STATE_MACHINE => self.drive(b) as i64,
            cmd::SET_ACCEPT => {
                if parg.is_null() && larg != 2 {
                    return 1;
                }
                let mut d = lock(&self.d);
                match larg {
                    0 | 1 => {
                        b.set_init(true);
                        // SAFETY: a NUL-terminated string (BIO_set_accept_name/port).
                        let s = unsafe { CStr::from_ptr(parg as *const c_char) };
                        if larg == 1 {
                            d.port = Some(s.to_owned());
                            return 1;
                        }
                        let Some((h, p)) = split_hostserv(s.to_bytes(), false) else {
                            return 0;
                        };
                        d.name = h.flatten();
                        if let Some(p) = p {
                            d.port = p;
                        }
                        1
                    }
                    2 => {
                        if parg.is_null() {
                            d.accepted_mode &= !BIO_SOCK_NONBLOCK;
                        } else {
                            d.accepted_mode |= BIO_SOCK_NONBLOCK;
                        }
                        1
                    }
                    3 => {
                        let old = core::mem::replace(&mut d.chain, parg as usize);
                        drop(d);
                        if old != 0 {
                            super::bio::BIO_free(old as *mut BIO);
                        }
                        1
                    }
                    4 => {
                        // SAFETY: an `int *` (BIO_set_accept_ip_family via BIO_int_ctrl).
                        d.family = unsafe { *(parg as *const c_int) };
                        1
                    }
                    _ => 1,
                }
            }
            cmd::GET_ACCEPT => {
                if !b.get_init() {
                    return -1;
                }
                let d = lock(&self.d);
                let s = match larg {
                    0 => &d.bound_name,
                    1 => &d.bound_port,
                    2 => &d.peer_name,
                    3 => &d.peer_port,
                    4 => {
                        return match d.family {
                            BIO_FAMILY_IPV4 | BIO_FAMILY_IPV6 | BIO_FAMILY_IPANY => d.family as i64,
                            _ => -1,
                        }
                    }
                    _ => return -1,
                };
                if !parg.is_null() {
                    let v = s.as_ref().map_or(core::ptr::null(), |s| s.as_ptr());
                    // SAFETY: the caller's `char **`.
                    unsafe { write_out(parg as *mut *const c_char, v) };
                }
                1
            }
            cmd::SET_NBIO => {
                let mut d = lock(&self.d);
                if larg != 0 {
                    d.accepted_mode |= BIO_SOCK_NONBLOCK;
                } else {
                    d.accepted_mode &= !BIO_SOCK_NONBLOCK;
                }
                if d.fd >= 0 {
                    nbio(d.fd, larg != 0);
                }
                1
            }
            cmd::SET_FD => {
                if parg.is_null() {
                    return 0;
                }
                // SAFETY: an `int *` (BIO_set_fd via BIO_int_ctrl).
                let fd = unsafe { *(parg as *const c_int) };
                let mut d = lock(&self.d);
                d.fd = fd;
                d.state = AcceptState::Accept;
                drop(d);
                b.set_shutdown(larg as i32);
                b.set_init(true);
                1
            }
            cmd::GET_FD => {
                if !b.get_init() {
                    return -1;
                }
                let fd = lock(&self.d).fd;
                // SAFETY: NULL or the caller's `int *`.
                unsafe { write_out(parg as *mut c_int, fd) };
                fd as i64
            }
            cmd::GET_CLOSE => b.get_shutdown() as i64,
            cmd::SET_CLOSE => {
                b.set_shutdown(larg as i32);
                1
            }
            cmd::SET_BIND_MODE => {
                lock(&self.d).bind_mode = larg as c_int;
                1
            }
            cmd::GET_BIND_MODE => lock(&self.d).bind_mode as i64,
            cmd::FLUSH => {
                let n = b.next_addr();
                if n.is_null() {
                    0
                } else {
                    super::bio::BIO_ctrl(n as *mut BIO, c, larg as c_long, parg) as i64
                }
            }
            _ => 0,
        }
    }

    fn callback_ctrl(&self, _b: &Bio, _cmd: i32, _fp: *mut c_void) -> i64 {
        raise(BIO_R_UNSUPPORTED_METHOD, "BIO_callback_ctrl");
        -2
    }

    fn name(&self) -> *const c_char {
        c"socket accept".as_ptr()
    }

    fn fd(&self, _b: &Bio) -> Option<i32> {
        let d = lock(&self.d);
        (d.fd >= 0).then_some(d.fd)
    }

    fn destroy(&self, b: &Bio) {
        let mut d = lock(&self.d);
        if b.get_shutdown() != 0 {
            close_fd(&mut d.fd);
        }
        let chain = core::mem::replace(&mut d.chain, 0);
        drop(d);
        if chain != 0 {
            super::bio::BIO_free(chain as *mut BIO);
        }
    }
}

// ---- Methods and constructors ----

/// Static descriptors for `BIO_s_connect()`/`BIO_s_accept()` (compared by address).
pub struct NetMethod {
    _typ: c_int,
}
static METHOD_CONNECT: NetMethod = NetMethod {
    _typ: BIO_TYPE_CONNECT,
};
static METHOD_ACCEPT: NetMethod = NetMethod {
    _typ: BIO_TYPE_ACCEPT,
};

/// `BIO_new` for the connect and accept methods (`None`: neither).
pub fn new_of(m: *const BIO_METHOD) -> Option<*mut BIO> {
    if core::ptr::eq(m, BIO_s_connect_native()) {
        return Some(into_c::<BIO>(Bio::new_dyn(
            BIO_TYPE_CONNECT,
            false,
            Box::new(Connect::new()),
        )));
    }
    if core::ptr::eq(m, BIO_s_accept_native()) {
        return Some(into_c::<BIO>(Bio::new_dyn(
            BIO_TYPE_ACCEPT,
            false,
            Box::new(Accept::new()),
        )));
    }
    None
}

fn BIO_s_connect_native() -> *const BIO_METHOD {
    &METHOD_CONNECT as *const NetMethod as *const BIO_METHOD
}

fn BIO_s_accept_native() -> *const BIO_METHOD {
    &METHOD_ACCEPT as *const NetMethod as *const BIO_METHOD
}

/// `BIO_s_connect(3)`: the connect BIO method (static). A new connect BIO is uninitialised
/// until a host or port is set.
#[no_mangle]
pub extern "C" fn BIO_s_connect() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_connect());
    BIO_s_connect_native()
}

/// `BIO_s_accept(3)`: the accept BIO method (static).
#[no_mangle]
pub extern "C" fn BIO_s_accept() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_accept());
    BIO_s_accept_native()
}

/// `BIO_new_connect(3)`: a connect BIO for `host_port` (`host`, `host:port`, `[v6]:port`).
/// NULL on failure.
#[no_mangle]
pub extern "C" fn BIO_new_connect(host_port: *const c_char) -> *mut BIO {
    crate::forward_new!(BIO_new_connect(host_port));
    guard(core::ptr::null_mut(), || {
        let b = super::bio::BIO_new(BIO_s_connect());
        if b.is_null() {
            return b;
        }
        if super::bio::BIO_ctrl(b, cmd::SET_CONNECT, 0, host_port as *mut c_void) <= 0 {
            super::bio::BIO_free(b);
            return core::ptr::null_mut();
        }
        b
    })
}

/// `BIO_new_accept(3)`: an accept BIO for `host_port` (`port`, `host:port`, `*:port`).
/// NULL on failure.
#[no_mangle]
pub extern "C" fn BIO_new_accept(host_port: *const c_char) -> *mut BIO {
    crate::forward_new!(BIO_new_accept(host_port));
    guard(core::ptr::null_mut(), || {
        let b = super::bio::BIO_new(BIO_s_accept());
        if b.is_null() {
            return b;
        }
        if super::bio::BIO_ctrl(b, cmd::SET_ACCEPT, 0, host_port as *mut c_void) <= 0 {
            super::bio::BIO_free(b);
            return core::ptr::null_mut();
        }
        b
    })
}

/// `BIO_dup_chain(3)`: a copy of the chain from `in`: each BIO made anew from its method,
/// with the close flag, init and flags copied and its state copied by `BIO_CTRL_DUP`
/// (an SSL filter duplicates its SSL with `SSL_dup`). NULL on failure.
/// Only BIOs of `BIO_meth_new` methods (the SSL filter among them) and memory BIOs can be
/// copied.
#[no_mangle]
pub extern "C" fn BIO_dup_chain(r#in: *mut BIO) -> *mut BIO {
    crate::forward_new!(BIO_dup_chain(r#in));
    guard(core::ptr::null_mut(), || {
        let mut head: *mut BIO = core::ptr::null_mut();
        let mut cur = r#in;
        while !cur.is_null() {
            let Some(m) = super::bio_meth::method_of(cur) else {
                raise(BIO_R_UNSUPPORTED_METHOD, "BIO_dup_chain");
                super::bio::BIO_free_all(head);
                return core::ptr::null_mut();
            };
            let n = super::bio::BIO_new(m);
            if n.is_null() {
                super::bio::BIO_free_all(head);
                return core::ptr::null_mut();
            }
            super::bio_meth::BIO_set_init(n, super::bio_meth::BIO_get_init(cur));
            super::bio_meth::BIO_set_shutdown(n, super::bio_meth::BIO_get_shutdown(cur));
            super::bio::BIO_clear_flags(n, !0);
            super::bio::BIO_set_flags(n, super::bio::BIO_test_flags(cur, !0));
            if super::bio::BIO_ctrl(cur, super::bio::BIO_CTRL_DUP, 0, n.cast()) <= 0 {
                super::bio::BIO_free(n);
                super::bio::BIO_free_all(head);
                return core::ptr::null_mut();
            }
            head = if head.is_null() {
                n
            } else {
                super::bio_meth::BIO_push(head, n)
            };
            cur = super::bio_meth::BIO_next(cur);
        }
        head
    })
}

// ---- More address helpers ----

/// `BIO_sock_init(3)`: 1 (nothing to set up on POSIX).
#[no_mangle]
pub extern "C" fn BIO_sock_init() -> c_int {
    crate::forward!(BIO_sock_init());
    1
}

/// `BIO_ADDR_clear(3)`: makes `ap` empty (`AF_UNSPEC`). NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_ADDR_clear(ap: *mut BIO_ADDR) {
    crate::forward!(BIO_ADDR_clear(ap));
    guard((), || {
        // SAFETY: NULL or a BIO_ADDR made by this module.
        if let Some(a) = unsafe { (ap as *mut Addr).as_mut() } {
            *a = Addr::empty();
        }
    })
}

/// `BIO_ADDR_rawmake(3)`: sets `ap` from a raw address — `AF_INET` (4 bytes), `AF_INET6` (16)
/// or `AF_UNIX` (a path shorter than `sun_path`) — and a port in network byte order. 1, or 0
/// for another family or length.
#[no_mangle]
pub extern "C" fn BIO_ADDR_rawmake(
    ap: *mut BIO_ADDR,
    family: c_int,
    r#where: *const c_void,
    wherelen: usize,
    port: u16,
) -> c_int {
    crate::forward!(BIO_ADDR_rawmake(ap, family, r#where, wherelen, port));
    guard(0, || {
        // SAFETY: NULL or a BIO_ADDR made by this module.
        let Some(a) = (unsafe { (ap as *mut Addr).as_mut() }) else {
            return 0;
        };
        if r#where.is_null() || wherelen > isize::MAX as usize {
            return 0; // no address has such a length (and no slice can)
        }
        // SAFETY: the caller's `wherelen` readable bytes.
        let raw = unsafe { core::slice::from_raw_parts(r#where as *const u8, wherelen) };
        let mut n = Addr::empty();
        // SAFETY (the three casts): each sockaddr type fits in sockaddr_storage.
        match (family, wherelen) {
            (libc::AF_INET, 4) => {
                let s = unsafe { &mut *(&mut n.ss as *mut _ as *mut libc::sockaddr_in) };
                s.sin_family = libc::AF_INET as libc::sa_family_t;
                s.sin_port = port;
                s.sin_addr.s_addr = u32::from_ne_bytes([raw[0], raw[1], raw[2], raw[3]]);
                n.len = core::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            }
            (libc::AF_INET6, 16) => {
                let s = unsafe { &mut *(&mut n.ss as *mut _ as *mut libc::sockaddr_in6) };
                s.sin6_family = libc::AF_INET6 as libc::sa_family_t;
                s.sin6_port = port;
                s.sin6_addr.s6_addr.copy_from_slice(raw);
                n.len = core::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
            }
            (libc::AF_UNIX, l) if l < 108 => {
                let s = unsafe { &mut *(&mut n.ss as *mut _ as *mut libc::sockaddr_un) };
                s.sun_family = libc::AF_UNIX as libc::sa_family_t;
                for (d, c) in s.sun_path.iter_mut().zip(raw) {
                    *d = *c as c_char;
                }
                n.len = core::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t;
            }
            _ => return 0,
        }
        *a = n;
        1
    })
}

/// `BIO_ADDR_rawaddress(3)`: copies the raw address (4 or 16 bytes, or the `AF_UNIX` path) to
/// `p` (if not NULL) and its length to `*l` (if not NULL). 1, or 0 for an empty address.
#[no_mangle]
pub extern "C" fn BIO_ADDR_rawaddress(ap: *const BIO_ADDR, p: *mut c_void, l: *mut usize) -> c_int {
    crate::forward!(BIO_ADDR_rawaddress(ap, p, l));
    guard(0, || {
        let Some(a) = addr(ap) else { return 0 };
        let bytes: Vec<u8> = match a.family() {
            // SAFETY (the three casts): the storage holds a sockaddr of the family it says.
            libc::AF_INET => unsafe { &*(a.as_ptr() as *const libc::sockaddr_in) }
                .sin_addr
                .s_addr
                .to_ne_bytes()
                .to_vec(),
            libc::AF_INET6 => unsafe { &*(a.as_ptr() as *const libc::sockaddr_in6) }
                .sin6_addr
                .s6_addr
                .to_vec(),
            libc::AF_UNIX => unsafe { &*(a.as_ptr() as *const libc::sockaddr_un) }
                .sun_path
                .iter()
                .take_while(|&&c| c != 0)
                .map(|&c| c as u8)
                .collect(),
            _ => return 0,
        };
        if !p.is_null() {
            // SAFETY: the caller's buffer, large enough for this family's address.
            unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), p as *mut u8, bytes.len()) };
        }
        // SAFETY: NULL or the caller's out-parameter.
        unsafe { write_out(l, bytes.len()) };
        1
    })
}

/// A C-heap copy of `s` (freed with `OPENSSL_free`).
fn heap_str(s: &[u8]) -> *mut c_char {
    // SAFETY: a fresh allocation of len + 1 bytes, filled and NUL-terminated.
    unsafe {
        let p = libc::malloc(s.len() + 1) as *mut u8;
        if !p.is_null() {
            core::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
            *p.add(s.len()) = 0;
        }
        p as *mut c_char
    }
}

/// `getnameinfo` of `ap`: (host, service), numeric or resolved.
fn name_info(
    ap: *const BIO_ADDR,
    numeric: c_int,
    func: &'static str,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let Some(a) = addr(ap) else {
        err::push(Error::null_param(lib::BIO, func));
        return None;
    };
    if a.family() == libc::AF_UNIX {
        // SAFETY: the storage holds a sockaddr_un.
        let un = unsafe { &*(a.as_ptr() as *const libc::sockaddr_un) };
        let path = un
            .sun_path
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        return Some((path, Vec::new()));
    }
    if a.family() != libc::AF_INET && a.family() != libc::AF_INET6 {
        err::push(Error::new(lib::BIO, common::SYS_LIB, func));
        return None;
    }
    let mut host = [0 as c_char; 1025];
    let mut serv = [0 as c_char; 32];
    let flags = if numeric != 0 {
        libc::NI_NUMERICHOST | libc::NI_NUMERICSERV
    } else {
        0
    };
    // SAFETY: a socket address of `len` bytes and two buffers with their sizes.
    let rc = unsafe {
        libc::getnameinfo(
            a.as_ptr(),
            a.len,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            serv.as_mut_ptr(),
            serv.len() as libc::socklen_t,
            flags,
        )
    };
    if rc != 0 {
        err::push(Error::new(lib::BIO, common::SYS_LIB, func));
        return None;
    }
    // SAFETY: getnameinfo NUL-terminated both buffers.
    let (h, s) = unsafe { (CStr::from_ptr(host.as_ptr()), CStr::from_ptr(serv.as_ptr())) };
    Some((h.to_bytes().to_vec(), s.to_bytes().to_vec()))
}

/// `BIO_ADDR_hostname_string(3)`: the host (`numeric`: as digits; else resolved), to be freed
/// with `OPENSSL_free`. NULL with `ERR_R_SYS_LIB` for an empty address.
#[no_mangle]
pub extern "C" fn BIO_ADDR_hostname_string(ap: *const BIO_ADDR, numeric: c_int) -> *mut c_char {
    crate::forward!(BIO_ADDR_hostname_string(ap, numeric));
    guard(core::ptr::null_mut(), || {
        name_info(ap, numeric, "addr_strings").map_or(core::ptr::null_mut(), |(h, _)| heap_str(&h))
    })
}

/// `BIO_ADDR_service_string(3)`: the port (`numeric`: as digits; else a service name if the
/// system has one), to be freed with `OPENSSL_free`. NULL for an empty address.
#[no_mangle]
pub extern "C" fn BIO_ADDR_service_string(ap: *const BIO_ADDR, numeric: c_int) -> *mut c_char {
    crate::forward!(BIO_ADDR_service_string(ap, numeric));
    guard(core::ptr::null_mut(), || {
        name_info(ap, numeric, "addr_strings").map_or(core::ptr::null_mut(), |(_, s)| heap_str(&s))
    })
}

/// `enum BIO_hostserv_priorities` (build.rs writes OpenSSL's definition).
pub type BIO_hostserv_priorities = core::ffi::c_uint;

/// `BIO_parse_hostserv(3)`: splits `host:service` (`[v6]:service`; `*` or an empty part means
/// none, NULL). A string without a colon is the host for `BIO_PARSE_PRIO_HOST`, the service
/// for `BIO_PARSE_PRIO_SERV`. The parts found are stored (C-heap strings for `OPENSSL_free`)
/// where `host`/`service` are not NULL. 1, or 0 with `BIO_R_AMBIGUOUS_HOST_OR_SERVICE` (for
/// example a bare IPv6 address) or `BIO_R_MALFORMED_HOST_OR_SERVICE`.
#[no_mangle]
pub extern "C" fn BIO_parse_hostserv(
    hostserv: *const c_char,
    host: *mut *mut c_char,
    service: *mut *mut c_char,
    hostserv_prio: BIO_hostserv_priorities,
) -> c_int {
    crate::forward!(BIO_parse_hostserv(hostserv, host, service, hostserv_prio));
    guard(0, || {
        // SAFETY: NULL or a NUL-terminated string.
        let Some(s) = (unsafe { c_str(hostserv) }) else {
            err::push(Error::null_param(lib::BIO, "BIO_parse_hostserv"));
            return 0;
        };
        let Some(p) = split_hostserv(s.to_bytes(), hostserv_prio == 0) else {
            return 0;
        };
        let out = |dst: *mut *mut c_char, part: Option<Option<CString>>| {
            if let Some(v) = part {
                let ptr = v.map_or(core::ptr::null_mut(), |c| heap_str(c.as_bytes()));
                // SAFETY: NULL or the caller's out-parameter.
                unsafe { write_out(dst, ptr) };
            }
        };
        out(host, p.0);
        out(service, p.1);
        1
    })
}

/// `BIO_sock_error(3)`: the socket's pending error (`SO_ERROR`), or errno if that fails.
#[no_mangle]
pub extern "C" fn BIO_sock_error(sock: c_int) -> c_int {
    crate::forward!(BIO_sock_error(sock));
    let mut e: c_int = 0;
    let mut l = core::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: an int out-parameter.
    let r = unsafe {
        libc::getsockopt(
            sock,
            libc::SOL_SOCKET,
            libc::SO_ERROR,
            &mut e as *mut c_int as *mut c_void,
            &mut l,
        )
    };
    if r < 0 {
        errno()
    } else {
        e
    }
}

/// `BIO_set_tcp_ndelay(3)`: sets or clears `TCP_NODELAY`. 1 on success, else 0.
#[no_mangle]
pub extern "C" fn BIO_set_tcp_ndelay(sock: c_int, turn_on: c_int) -> c_int {
    crate::forward!(BIO_set_tcp_ndelay(sock, turn_on));
    c_int::from(setsockopt_int(
        sock,
        libc::IPPROTO_TCP,
        libc::TCP_NODELAY,
        c_int::from(turn_on != 0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::null_mut;

    type Parts = (Option<Option<String>>, Option<Option<String>>);

    fn split(s: &str, host: bool) -> Option<Parts> {
        let conv = |p: Part| p.map(|o| o.map(|c| c.into_string().unwrap()));
        split_hostserv(s.as_bytes(), host).map(|(h, p)| (conv(h), conv(p)))
    }

    #[test]
    fn hostserv() {
        err::clear();
        let s = |x: &str| Some(Some(x.to_string()));
        assert_eq!(split("h:443", true), Some((s("h"), s("443"))));
        assert_eq!(split("443", false), Some((None, s("443"))));
        assert_eq!(split("h", true), Some((s("h"), None)));
        assert_eq!(split("[::1]:443", true), Some((s("::1"), s("443"))));
        assert_eq!(split("[::1]", true), Some((s("::1"), None)));
        assert_eq!(split("*:1", false), Some((Some(None), s("1"))));
        assert_eq!(split("h:", true), Some((s("h"), Some(None))));
        assert_eq!(split("::1", true), None);
        assert_eq!(split("[::1", true), None);
        assert_eq!(split("[::1]x", true), None);
        let mut n = 0;
        while err::pop_first().is_some() {
            n += 1;
        }
        assert_eq!(n, 3);
    }

    #[test]
    fn null_sweep() {
        err::clear();
        assert_eq!(
            BIO_lookup_ex(null_mut(), null_mut(), 0, 0, 0, 0, null_mut()),
            0
        );
        assert!(BIO_ADDRINFO_next(null_mut()).is_null());
        assert_eq!(BIO_ADDRINFO_family(null_mut()), 0);
        assert_eq!(BIO_ADDRINFO_socktype(null_mut()), 0);
        assert_eq!(BIO_ADDRINFO_protocol(null_mut()), 0);
        assert!(BIO_ADDRINFO_address(null_mut()).is_null());
        BIO_ADDRINFO_free(null_mut());
        BIO_ADDR_free(null_mut());
        BIO_ADDR_clear(null_mut());
        assert_eq!(BIO_ADDR_family(null_mut()), libc::AF_UNSPEC);
        assert_eq!(BIO_ADDR_rawport(null_mut()), 0);
        assert_eq!(BIO_ADDR_rawaddress(null_mut(), null_mut(), null_mut()), 0);
        assert_eq!(
            BIO_ADDR_rawmake(null_mut(), libc::AF_INET, null_mut(), 4, 0),
            0
        );
        assert!(BIO_ADDR_hostname_string(null_mut(), 1).is_null());
        assert!(BIO_ADDR_service_string(null_mut(), 1).is_null());
        assert_eq!(BIO_parse_hostserv(null_mut(), null_mut(), null_mut(), 0), 0);
        assert_eq!(BIO_connect(-1, null_mut(), 0), 0);
        assert_eq!(BIO_bind(-1, null_mut(), 0), 0);
        assert_eq!(BIO_listen(-1, null_mut(), 0), 0);
        assert_eq!(BIO_closesocket(-1), 0);
        // As OpenSSL: uninitialised BIOs, no host/port yet.
        for b in [BIO_new_connect(null_mut()), BIO_new_accept(null_mut())] {
            assert!(!b.is_null());
            assert_eq!(super::super::bio_meth::BIO_get_init(b), 0);
            super::super::bio::BIO_free(b);
        }
        assert!(BIO_dup_chain(null_mut()).is_null());
        err::clear();
    }

    #[test]
    fn lookup_and_listen_loopback() {
        let mut res: *mut BIO_ADDRINFO = null_mut();
        assert_eq!(
            BIO_lookup_ex(
                c"127.0.0.1".as_ptr(),
                c"0".as_ptr(),
                LOOKUP_SERVER,
                libc::AF_INET,
                libc::SOCK_STREAM,
                0,
                &mut res
            ),
            1
        );
        let s = BIO_socket(BIO_ADDRINFO_family(res), libc::SOCK_STREAM, 0, 0);
        assert!(s >= 0);
        assert_eq!(
            BIO_listen(s, BIO_ADDRINFO_address(res), BIO_SOCK_REUSEADDR),
            1
        );
        assert_eq!(BIO_socket_nbio(s, 1), 1);
        let peer = BIO_ADDR_new();
        assert_eq!(BIO_accept_ex(s, peer, 0), -1);
        assert!(native::should_retry(-1));
        BIO_ADDR_free(peer);
        assert_eq!(BIO_closesocket(s), 1);
        BIO_ADDRINFO_free(res);
    }
}
