//! `openssl/bio.h` family exports (native backend): memory, socket, fd and pair BIOs.
//!
//! The C pointer is `Arc::into_raw(Arc<crypto::bio::Bio>)` (see [`super::types`]). Behaviour,
//! NULL handling and error-queue entries were measured against the system OpenSSL 3.0.19. Where
//! OpenSSL crashes on a NULL argument (`BIO_new(NULL)`, `BIO_up_ref(NULL)`, `BIO_method_type(NULL)`,
//! `BIO_gets(b, NULL, n)`, `BIO_new_bio_pair(NULL, ...)`), sslrs returns the failure value instead.
//! `BIO_printf`/`BIO_vprintf` live in `ffi-shim/bio_printf.c` and call [`BIO_write`].

use super::ptr::{c_str, in_buf, out_buf, write_out};
use super::types::{borrow, into_c, release, up_ref, BIO, BIO_METHOD};
use super::{call, guard};
use crate::crypto::bio::{self as native, Bio};
use crate::crypto::err;
use crate::error::{lib, Error, Result};
use core::ffi::{c_char, c_int, c_long, c_void};

/// `BIO_info_cb`: `int cb(BIO *, int, int)` (OpenSSL declares the function type; prototypes take
/// `BIO_info_cb *`).
pub type BIO_info_cb = Option<unsafe extern "C" fn(b: *mut BIO, state: c_int, res: c_int) -> c_int>;

// ---- Constants of <openssl/bio.h> and <openssl/bioerr.h>, OpenSSL 3.0.19 values. ----
pub const BIO_BIND_NORMAL: c_int = 0;
pub const BIO_BIND_REUSEADDR: c_int = 1;
pub const BIO_BIND_REUSEADDR_IF_UNUSED: c_int = 1;
pub const BIO_CB_CTRL: c_int = 6;
pub const BIO_CB_FREE: c_int = 1;
pub const BIO_CB_GETS: c_int = 5;
pub const BIO_CB_PUTS: c_int = 4;
pub const BIO_CB_READ: c_int = 2;
pub const BIO_CB_RETURN: c_int = 128;
pub const BIO_CB_WRITE: c_int = 3;
pub const BIO_CLOSE: c_int = 1;
pub const BIO_CTRL_DGRAM_CONNECT: c_int = 31;
pub const BIO_CTRL_DGRAM_GET_FALLBACK_MTU: c_int = 47;
pub const BIO_CTRL_DGRAM_GET_MTU: c_int = 41;
pub const BIO_CTRL_DGRAM_GET_MTU_OVERHEAD: c_int = 49;
pub const BIO_CTRL_DGRAM_GET_PEER: c_int = 46;
pub const BIO_CTRL_DGRAM_GET_RECV_TIMEOUT: c_int = 34;
pub const BIO_CTRL_DGRAM_GET_RECV_TIMER_EXP: c_int = 37;
pub const BIO_CTRL_DGRAM_GET_SEND_TIMEOUT: c_int = 36;
pub const BIO_CTRL_DGRAM_GET_SEND_TIMER_EXP: c_int = 38;
pub const BIO_CTRL_DGRAM_MTU_DISCOVER: c_int = 39;
pub const BIO_CTRL_DGRAM_MTU_EXCEEDED: c_int = 43;
pub const BIO_CTRL_DGRAM_QUERY_MTU: c_int = 40;
pub const BIO_CTRL_DGRAM_SCTP_MSG_WAITING: c_int = 78;
pub const BIO_CTRL_DGRAM_SCTP_SET_IN_HANDSHAKE: c_int = 50;
pub const BIO_CTRL_DGRAM_SCTP_WAIT_FOR_DRY: c_int = 77;
pub const BIO_CTRL_DGRAM_SET_CONNECTED: c_int = 32;
pub const BIO_CTRL_DGRAM_SET_DONT_FRAG: c_int = 48;
pub const BIO_CTRL_DGRAM_SET_MTU: c_int = 42;
pub const BIO_CTRL_DGRAM_SET_NEXT_TIMEOUT: c_int = 45;
pub const BIO_CTRL_DGRAM_SET_PEEK_MODE: c_int = 71;
pub const BIO_CTRL_DGRAM_SET_PEER: c_int = 44;
pub const BIO_CTRL_DGRAM_SET_RECV_TIMEOUT: c_int = 33;
pub const BIO_CTRL_DGRAM_SET_SEND_TIMEOUT: c_int = 35;
pub const BIO_CTRL_DUP: c_int = 12;
pub const BIO_CTRL_EOF: c_int = 2;
pub const BIO_CTRL_FLUSH: c_int = 11;
pub const BIO_CTRL_GET: c_int = 5;
pub const BIO_CTRL_GET_CALLBACK: c_int = 15;
pub const BIO_CTRL_GET_CLOSE: c_int = 8;
pub const BIO_CTRL_GET_INDENT: c_int = 81;
pub const BIO_CTRL_GET_KTLS_RECV: c_int = 76;
pub const BIO_CTRL_GET_KTLS_SEND: c_int = 73;
pub const BIO_CTRL_INFO: c_int = 3;
pub const BIO_CTRL_PEEK: c_int = 29;
pub const BIO_CTRL_PENDING: c_int = 10;
pub const BIO_CTRL_POP: c_int = 7;
pub const BIO_CTRL_PUSH: c_int = 6;
pub const BIO_CTRL_RESET: c_int = 1;
pub const BIO_CTRL_SET: c_int = 4;
pub const BIO_CTRL_SET_CALLBACK: c_int = 14;
pub const BIO_CTRL_SET_CLOSE: c_int = 9;
pub const BIO_CTRL_SET_FILENAME: c_int = 30;
pub const BIO_CTRL_SET_INDENT: c_int = 80;
pub const BIO_CTRL_SET_PREFIX: c_int = 79;
pub const BIO_CTRL_WPENDING: c_int = 13;
pub const BIO_C_DESTROY_BIO_PAIR: c_int = 139;
pub const BIO_C_DO_STATE_MACHINE: c_int = 101;
pub const BIO_C_FILE_SEEK: c_int = 128;
pub const BIO_C_FILE_TELL: c_int = 133;
pub const BIO_C_GET_ACCEPT: c_int = 124;
pub const BIO_C_GET_BIND_MODE: c_int = 132;
pub const BIO_C_GET_BUFF_NUM_LINES: c_int = 116;
pub const BIO_C_GET_BUF_MEM_PTR: c_int = 115;
pub const BIO_C_GET_CIPHER_CTX: c_int = 129;
pub const BIO_C_GET_CIPHER_STATUS: c_int = 113;
pub const BIO_C_GET_CONNECT: c_int = 123;
pub const BIO_C_GET_EX_ARG: c_int = 154;
pub const BIO_C_GET_FD: c_int = 105;
pub const BIO_C_GET_FILE_PTR: c_int = 107;
pub const BIO_C_GET_MD: c_int = 112;
pub const BIO_C_GET_MD_CTX: c_int = 120;
pub const BIO_C_GET_PREFIX: c_int = 150;
pub const BIO_C_GET_READ_REQUEST: c_int = 141;
pub const BIO_C_GET_SOCKS: c_int = 134;
pub const BIO_C_GET_SSL: c_int = 110;
pub const BIO_C_GET_SSL_NUM_RENEGOTIATES: c_int = 126;
pub const BIO_C_GET_SUFFIX: c_int = 152;
pub const BIO_C_GET_WRITE_BUF_SIZE: c_int = 137;
pub const BIO_C_GET_WRITE_GUARANTEE: c_int = 140;
pub const BIO_C_MAKE_BIO_PAIR: c_int = 138;
pub const BIO_C_NREAD: c_int = 144;
pub const BIO_C_NREAD0: c_int = 143;
pub const BIO_C_NWRITE: c_int = 146;
pub const BIO_C_NWRITE0: c_int = 145;
pub const BIO_C_RESET_READ_REQUEST: c_int = 147;
pub const BIO_C_SET_ACCEPT: c_int = 118;
pub const BIO_C_SET_BIND_MODE: c_int = 131;
pub const BIO_C_SET_BUFF_READ_DATA: c_int = 122;
pub const BIO_C_SET_BUFF_SIZE: c_int = 117;
pub const BIO_C_SET_BUF_MEM: c_int = 114;
pub const BIO_C_SET_BUF_MEM_EOF_RETURN: c_int = 130;
pub const BIO_C_SET_CONNECT: c_int = 100;
pub const BIO_C_SET_CONNECT_MODE: c_int = 155;
pub const BIO_C_SET_EX_ARG: c_int = 153;
pub const BIO_C_SET_FD: c_int = 104;
pub const BIO_C_SET_FILENAME: c_int = 108;
pub const BIO_C_SET_FILE_PTR: c_int = 106;
pub const BIO_C_SET_MD: c_int = 111;
pub const BIO_C_SET_MD_CTX: c_int = 148;
pub const BIO_C_SET_NBIO: c_int = 102;
pub const BIO_C_SET_PREFIX: c_int = 149;
pub const BIO_C_SET_SOCKS: c_int = 135;
pub const BIO_C_SET_SSL: c_int = 109;
pub const BIO_C_SET_SSL_RENEGOTIATE_BYTES: c_int = 125;
pub const BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT: c_int = 127;
pub const BIO_C_SET_SUFFIX: c_int = 151;
pub const BIO_C_SET_WRITE_BUF_SIZE: c_int = 136;
pub const BIO_C_SHUTDOWN_WR: c_int = 142;
pub const BIO_C_SSL_MODE: c_int = 119;
pub const BIO_FAMILY_IPANY: c_int = 256;
pub const BIO_FAMILY_IPV4: c_int = 4;
pub const BIO_FAMILY_IPV6: c_int = 6;
pub const BIO_FLAGS_BASE64_NO_NL: c_int = 0x0100;
pub const BIO_FLAGS_IN_EOF: c_int = 0x0800;
pub const BIO_FLAGS_IO_SPECIAL: c_int = 4;
pub const BIO_FLAGS_MEM_RDONLY: c_int = 0x0200;
pub const BIO_FLAGS_NONCLEAR_RST: c_int = 0x0400;
pub const BIO_FLAGS_READ: c_int = 1;
pub const BIO_FLAGS_RWS: c_int = 7;
pub const BIO_FLAGS_SHOULD_RETRY: c_int = 8;
pub const BIO_FLAGS_UPLINK: c_int = 0;
pub const BIO_FLAGS_WRITE: c_int = 2;
pub const BIO_FP_APPEND: c_int = 8;
pub const BIO_FP_READ: c_int = 2;
pub const BIO_FP_TEXT: c_int = 16;
pub const BIO_FP_WRITE: c_int = 4;
pub const BIO_NOCLOSE: c_int = 0;
pub const BIO_RR_ACCEPT: c_int = 3;
pub const BIO_RR_CONNECT: c_int = 2;
pub const BIO_RR_SSL_X509_LOOKUP: c_int = 1;
pub const BIO_R_ACCEPT_ERROR: c_int = 100;
pub const BIO_R_ADDRINFO_ADDR_IS_NOT_AF_INET: c_int = 141;
pub const BIO_R_AMBIGUOUS_HOST_OR_SERVICE: c_int = 129;
pub const BIO_R_BAD_FOPEN_MODE: c_int = 101;
pub const BIO_R_BROKEN_PIPE: c_int = 124;
pub const BIO_R_CONNECT_ERROR: c_int = 103;
pub const BIO_R_CONNECT_TIMEOUT: c_int = 147;
pub const BIO_R_GETHOSTBYNAME_ADDR_IS_NOT_AF_INET: c_int = 107;
pub const BIO_R_GETSOCKNAME_ERROR: c_int = 132;
pub const BIO_R_GETSOCKNAME_TRUNCATED_ADDRESS: c_int = 133;
pub const BIO_R_GETTING_SOCKTYPE: c_int = 134;
pub const BIO_R_INVALID_ARGUMENT: c_int = 125;
pub const BIO_R_INVALID_SOCKET: c_int = 135;
pub const BIO_R_IN_USE: c_int = 123;
pub const BIO_R_LENGTH_TOO_LONG: c_int = 102;
pub const BIO_R_LISTEN_V6_ONLY: c_int = 136;
pub const BIO_R_LOOKUP_RETURNED_NOTHING: c_int = 142;
pub const BIO_R_MALFORMED_HOST_OR_SERVICE: c_int = 130;
pub const BIO_R_NBIO_CONNECT_ERROR: c_int = 110;
pub const BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED: c_int = 143;
pub const BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED: c_int = 144;
pub const BIO_R_NO_PORT_DEFINED: c_int = 113;
pub const BIO_R_NO_SUCH_FILE: c_int = 128;
pub const BIO_R_NULL_PARAMETER: c_int = 115;
pub const BIO_R_TRANSFER_ERROR: c_int = 104;
pub const BIO_R_TRANSFER_TIMEOUT: c_int = 105;
pub const BIO_R_UNABLE_TO_BIND_SOCKET: c_int = 117;
pub const BIO_R_UNABLE_TO_CREATE_SOCKET: c_int = 118;
pub const BIO_R_UNABLE_TO_KEEPALIVE: c_int = 137;
pub const BIO_R_UNABLE_TO_LISTEN_SOCKET: c_int = 119;
pub const BIO_R_UNABLE_TO_NODELAY: c_int = 138;
pub const BIO_R_UNABLE_TO_REUSEADDR: c_int = 139;
pub const BIO_R_UNAVAILABLE_IP_FAMILY: c_int = 145;
pub const BIO_R_UNINITIALIZED: c_int = 120;
pub const BIO_R_UNKNOWN_INFO_TYPE: c_int = 140;
pub const BIO_R_UNSUPPORTED_IP_FAMILY: c_int = 146;
pub const BIO_R_UNSUPPORTED_METHOD: c_int = 121;
pub const BIO_R_UNSUPPORTED_PROTOCOL_FAMILY: c_int = 131;
pub const BIO_R_WRITE_TO_READ_ONLY_BIO: c_int = 126;
pub const BIO_R_WSASTARTUP: c_int = 122;
pub const BIO_SOCK_KEEPALIVE: c_int = 4;
pub const BIO_SOCK_NODELAY: c_int = 16;
pub const BIO_SOCK_NONBLOCK: c_int = 8;
pub const BIO_SOCK_REUSEADDR: c_int = 1;
pub const BIO_SOCK_V6_ONLY: c_int = 2;
pub const BIO_TYPE_ACCEPT: c_int = 0x050d;
pub const BIO_TYPE_ASN1: c_int = 0x0216;
pub const BIO_TYPE_BASE64: c_int = 0x020b;
pub const BIO_TYPE_BIO: c_int = 0x0413;
pub const BIO_TYPE_BUFFER: c_int = 0x0209;
pub const BIO_TYPE_CIPHER: c_int = 0x020a;
pub const BIO_TYPE_COMP: c_int = 0x0217;
pub const BIO_TYPE_CONNECT: c_int = 0x050c;
pub const BIO_TYPE_CORE_TO_PROV: c_int = 0x0419;
pub const BIO_TYPE_DESCRIPTOR: c_int = 0x0100;
pub const BIO_TYPE_DGRAM: c_int = 0x0515;
pub const BIO_TYPE_FD: c_int = 0x0504;
pub const BIO_TYPE_FILE: c_int = 0x0402;
pub const BIO_TYPE_FILTER: c_int = 0x0200;
pub const BIO_TYPE_LINEBUFFER: c_int = 0x0214;
pub const BIO_TYPE_MD: c_int = 0x0208;
pub const BIO_TYPE_MEM: c_int = 0x0401;
pub const BIO_TYPE_NBIO_TEST: c_int = 0x0210;
pub const BIO_TYPE_NONE: c_int = 0;
pub const BIO_TYPE_NULL: c_int = 0x0406;
pub const BIO_TYPE_NULL_FILTER: c_int = 0x0211;
pub const BIO_TYPE_SOCKET: c_int = 0x0505;
pub const BIO_TYPE_SOURCE_SINK: c_int = 0x0400;
pub const BIO_TYPE_SSL: c_int = 0x0207;
pub const BIO_TYPE_START: c_int = 0x0080;

// ---- Methods: static descriptors compared by address, never dereferenced by C. ----

/// What a `BIO_METHOD *` from `BIO_s_*()` points at.
pub struct MethodDesc {
    typ: c_int,
}

static METHOD_MEM: MethodDesc = MethodDesc { typ: BIO_TYPE_MEM };
static METHOD_SOCKET: MethodDesc = MethodDesc {
    typ: BIO_TYPE_SOCKET,
};
static METHOD_FD: MethodDesc = MethodDesc { typ: BIO_TYPE_FD };
static METHOD_BIO: MethodDesc = MethodDesc { typ: BIO_TYPE_BIO };

fn method_ptr(m: &'static MethodDesc) -> *const BIO_METHOD {
    m as *const MethodDesc as *const BIO_METHOD
}

/// The native type behind a `BIO_METHOD *` (by address only), if it is one of ours.
fn method_type_of(m: *const BIO_METHOD) -> Option<c_int> {
    [&METHOD_MEM, &METHOD_SOCKET, &METHOD_FD, &METHOD_BIO]
        .into_iter()
        .find(|d| core::ptr::eq(method_ptr(d), m))
        .map(|d| d.typ)
}

/// Borrows the BIO behind `b`.
fn obj<'a>(b: *const BIO) -> Option<&'a Bio> {
    // SAFETY: `b` is NULL or a live BIO handed out by this library (the C contract).
    unsafe { borrow::<BIO>(b) }
}

fn null(func: &'static str) -> Error {
    Error::null_param(lib::BIO, func)
}

/// A C buffer of `len` bytes that may be NULL (BIO methods see the NULL themselves).
fn opt_in<'a>(data: *const c_void, len: usize) -> Result<Option<&'a [u8]>> {
    if data.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes.
    unsafe { in_buf(data, len) }.map(Some)
}

/// Writable counterpart of [`opt_in`].
fn opt_out<'a>(data: *mut c_void, len: usize) -> Result<Option<&'a mut [u8]>> {
    if data.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL, and the caller promises `len` writable bytes.
    unsafe { out_buf(data, len) }.map(Some)
}

// ---- Lifecycle ----

/// `BIO_new(3)`: a new BIO of `type` (`BIO_s_mem()`, `BIO_s_socket()`, `BIO_s_fd()`,
/// `BIO_s_bio()`); the caller owns one reference. NULL on failure: NULL `type` raises
/// `ERR_R_PASSED_NULL_PARAMETER` (OpenSSL crashes), a method sslrs did not make raises
/// `BIO_R_UNSUPPORTED_METHOD`. Socket/fd BIOs start without an fd (use `BIO_set_fd`).
#[no_mangle]
pub extern "C" fn BIO_new(r#type: *const BIO_METHOD) -> *mut BIO {
    crate::forward_new!(BIO_new(r#type));
    super::null_on_error(|| {
        if r#type.is_null() {
            return Err(null("BIO_new"));
        }
        let b = match method_type_of(r#type) {
            Some(BIO_TYPE_MEM) => Bio::new_mem(),
            Some(t @ (BIO_TYPE_SOCKET | BIO_TYPE_FD)) => Bio::new_descriptor_uninit(t),
            Some(_) => Bio::new_pair_half(),
            None => match super::bio_meth::new_of(r#type) {
                Some(p) => return Ok(p),
                None => return Err(Error::new(lib::BIO, BIO_R_UNSUPPORTED_METHOD, "BIO_new")),
            },
        };
        Ok(into_c::<BIO>(b))
    })
}

/// `BIO_free(3)`: drops one reference; the last one closes a socket/fd BIO's fd if its close
/// flag is set and disconnects a pair half from its peer. Returns 1, or 0 for NULL.
#[no_mangle]
pub extern "C" fn BIO_free(a: *mut BIO) -> c_int {
    crate::forward!(BIO_free(a));
    guard(0, || {
        if a.is_null() {
            return 0;
        }
        // SAFETY: `a` is a live BIO; the caller gives up this reference.
        unsafe { release::<BIO>(a) };
        1
    })
}

/// `BIO_free_all(3)`: frees `a` and the BIOs chained after it (`BIO_push`), stopping after a
/// BIO that had other references. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_free_all(a: *mut BIO) {
    crate::forward!(BIO_free_all(a));
    guard((), || {
        let mut p = a;
        while let Some(b) = obj(p) {
            let next = b.next_addr() as *mut BIO;
            let refs = super::bio_meth::refcount(p);
            BIO_free(p);
            if refs > 1 {
                break;
            }
            p = next;
        }
    })
}

/// `BIO_vfree(3)`: `BIO_free` without a return value. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_vfree(a: *mut BIO) {
    crate::forward!(BIO_vfree(a));
    BIO_free(a);
}

/// `BIO_up_ref(3)`: adds a reference. Returns 1, or 0 for NULL (OpenSSL crashes).
#[no_mangle]
pub extern "C" fn BIO_up_ref(a: *mut BIO) -> c_int {
    crate::forward!(BIO_up_ref(a));
    // SAFETY: `a` is NULL or a live BIO.
    guard(0, || unsafe { up_ref::<BIO>(a) })
}

/// `BIO_s_mem(3)`: the memory BIO method (static; never freed).
#[no_mangle]
pub extern "C" fn BIO_s_mem() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_mem());
    method_ptr(&METHOD_MEM)
}

/// `BIO_s_socket(3)`: the socket BIO method (static).
#[no_mangle]
pub extern "C" fn BIO_s_socket() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_socket());
    method_ptr(&METHOD_SOCKET)
}

/// `BIO_s_fd(3)`: the fd BIO method (static).
#[no_mangle]
pub extern "C" fn BIO_s_fd() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_fd());
    method_ptr(&METHOD_FD)
}

/// `BIO_s_bio(3)`: the BIO pair half method (static); pair two with `BIO_make_bio_pair`.
#[no_mangle]
pub extern "C" fn BIO_s_bio() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_bio());
    method_ptr(&METHOD_BIO)
}

/// `BIO_new_mem_buf(3)`: a read-only memory BIO over `len` bytes of `buf` (`len` < 0: up to the
/// NUL). Reads at the end return 0 (EOF); writes fail with `BIO_R_WRITE_TO_READ_ONLY_BIO`.
/// NULL `buf` gives NULL and `ERR_R_PASSED_NULL_PARAMETER`. Deviation: the bytes are copied, so
/// `BIO_get_mem_data` does not point into `buf`.
#[no_mangle]
pub extern "C" fn BIO_new_mem_buf(buf: *const c_void, len: c_int) -> *mut BIO {
    crate::forward_new!(BIO_new_mem_buf(buf, len));
    super::null_on_error(|| {
        if buf.is_null() {
            return Err(null("BIO_new_mem_buf"));
        }
        let data = match usize::try_from(len) {
            Ok(n) => opt_in(buf, n)?.unwrap_or(&[]),
            // SAFETY: len < 0 means `buf` is a NUL-terminated string (OpenSSL's contract).
            Err(_) => unsafe { c_str(buf as *const c_char) }.map_or(&[][..], |s| s.to_bytes()),
        };
        Ok(into_c::<BIO>(Bio::new_mem_buf(data)))
    })
}

/// `BIO_new_socket(3)`: a socket BIO on `sock` (read(2)/write(2), no `MSG_NOSIGNAL`);
/// `close_flag` `BIO_CLOSE` closes `sock` on the last `BIO_free`.
#[no_mangle]
pub extern "C" fn BIO_new_socket(sock: c_int, close_flag: c_int) -> *mut BIO {
    crate::forward_new!(BIO_new_socket(sock, close_flag));
    super::null_on_error(|| {
        Ok(into_c::<BIO>(Bio::new_descriptor(
            BIO_TYPE_SOCKET,
            sock,
            close_flag,
        )))
    })
}

/// `BIO_new_fd(3)`: an fd BIO on `fd` (read(2)/write(2)); `BIO_CLOSE` closes it on free.
#[no_mangle]
pub extern "C" fn BIO_new_fd(fd: c_int, close_flag: c_int) -> *mut BIO {
    crate::forward_new!(BIO_new_fd(fd, close_flag));
    super::null_on_error(|| {
        Ok(into_c::<BIO>(Bio::new_descriptor(
            BIO_TYPE_FD,
            fd,
            close_flag,
        )))
    })
}

/// `BIO_new_bio_pair(3)`: two connected pair halves; `*bio1` writes into a buffer of `writebuf1`
/// bytes (0: 17408), `*bio2` into one of `writebuf2`. Both must be freed. Returns 1; 0 with
/// `ERR_R_PASSED_NULL_PARAMETER` if an out-pointer is NULL (OpenSSL crashes).
#[no_mangle]
pub extern "C" fn BIO_new_bio_pair(
    bio1: *mut *mut BIO,
    writebuf1: usize,
    bio2: *mut *mut BIO,
    writebuf2: usize,
) -> c_int {
    crate::forward_new!(BIO_new_bio_pair(bio1, writebuf1, bio2, writebuf2));
    super::one_or_zero(|| {
        if bio1.is_null() || bio2.is_null() {
            return Err(null("BIO_new_bio_pair"));
        }
        if writebuf1 > isize::MAX as usize || writebuf2 > isize::MAX as usize {
            // OpenSSL allocates both buffers here: sizes no allocation can have fail as its
            // malloc does (a pair is never made and the out-pointers are NULL).
            // SAFETY: both non-NULL out-parameters per the C contract.
            unsafe {
                write_out(bio1, core::ptr::null_mut());
                write_out(bio2, core::ptr::null_mut());
            }
            return Err(Error::new(
                lib::BIO,
                crate::error::common::MALLOC_FAILURE,
                "BIO_new_bio_pair",
            ));
        }
        let (a, b) = Bio::new_pair(writebuf1, writebuf2);
        // SAFETY: both non-NULL out-parameters per the C contract.
        unsafe {
            write_out(bio1, into_c::<BIO>(a));
            write_out(bio2, into_c::<BIO>(b));
        }
        Ok(())
    })
}

// ---- I/O ----

/// `BIO_read(3)`: >0 bytes read; 0 EOF/nothing (also for `dlen` < 0); -1 failure, with the retry
/// flags telling whether to retry. NULL `b` returns -1 with `ERR_R_PASSED_NULL_PARAMETER`.
/// `dlen == 0` still reaches the BIO (a memory BIO then reports its eof value, a socket its read(2)).
#[no_mangle]
pub extern "C" fn BIO_read(b: *mut BIO, data: *mut c_void, dlen: c_int) -> c_int {
    crate::forward!(BIO_read(b, data, dlen));
    call(-1, || {
        let b = obj(b).ok_or_else(|| null("BIO_read"))?;
        let Ok(n) = usize::try_from(dlen) else {
            return Ok(0);
        };
        Ok(b.read_opt(opt_out(data, n)?, n))
    })
}

/// `BIO_read_ex(3)`: 1 and `*readbytes` = count if anything was read, else 0 and `*readbytes`
/// = 0. NULL `b`: 0 with `ERR_R_PASSED_NULL_PARAMETER`, `*readbytes` untouched.
#[no_mangle]
pub extern "C" fn BIO_read_ex(
    b: *mut BIO,
    data: *mut c_void,
    dlen: usize,
    readbytes: *mut usize,
) -> c_int {
    crate::forward!(BIO_read_ex(b, data, dlen, readbytes));
    call(0, || {
        let b = obj(b).ok_or_else(|| null("BIO_read_ex"))?;
        let n = dlen.min(c_int::MAX as usize);
        let r = b.read_opt(opt_out(data, n)?, n);
        // SAFETY: NULL or valid out-parameter.
        unsafe { write_out(readbytes, r.max(0) as usize) };
        Ok(c_int::from(r > 0))
    })
}

/// `BIO_write(3)`: bytes written (>0); 0 for NULL `b` or `dlen` <= 0 (flags untouched, nothing
/// queued); -1 on failure with retry flags (pair full: retry-write; pair shut down:
/// `BIO_R_BROKEN_PIPE`; unpaired/uninitialised: `BIO_R_UNINITIALIZED`).
#[no_mangle]
pub extern "C" fn BIO_write(b: *mut BIO, data: *const c_void, dlen: c_int) -> c_int {
    crate::forward!(BIO_write(b, data, dlen));
    call(-1, || {
        let Some(b) = obj(b) else { return Ok(0) };
        let Ok(n) = usize::try_from(dlen) else {
            return Ok(0);
        };
        Ok(b.write_opt(opt_in(data, n)?, n))
    })
}

/// `BIO_write_ex(3)`: 1 and `*written` = count on success (`dlen` 0 succeeds with 0), else 0
/// and `*written` = 0. NULL `b` returns 0 without queuing anything.
#[no_mangle]
pub extern "C" fn BIO_write_ex(
    b: *mut BIO,
    data: *const c_void,
    dlen: usize,
    written: *mut usize,
) -> c_int {
    crate::forward!(BIO_write_ex(b, data, dlen, written));
    call(0, || {
        let r = match obj(b) {
            None => 0,
            Some(_) if dlen == 0 => {
                // SAFETY: NULL or valid out-parameter.
                unsafe { write_out(written, 0) };
                return Ok(1);
            }
            Some(b) => {
                let n = dlen.min(c_int::MAX as usize);
                b.write_opt(opt_in(data, n)?, n)
            }
        };
        // SAFETY: NULL or valid out-parameter.
        unsafe { write_out(written, r.max(0) as usize) };
        Ok(c_int::from(r > 0))
    })
}

/// `BIO_gets(3)`: reads one line (up to `size - 1` bytes, newline kept) into `buf` and
/// NUL-terminates it; returns its length (0 at EOF). Memory and fd BIOs only: sockets and pairs
/// give -2 with `BIO_R_UNSUPPORTED_METHOD`. `size` < 0 gives -1 with `BIO_R_INVALID_ARGUMENT`,
/// `size` 0 gives 0. NULL `bp` (or NULL `buf`, where OpenSSL crashes) gives -1 with
/// `ERR_R_PASSED_NULL_PARAMETER`.
#[no_mangle]
pub extern "C" fn BIO_gets(bp: *mut BIO, buf: *mut c_char, size: c_int) -> c_int {
    crate::forward!(BIO_gets(bp, buf, size));
    call(-1, || {
        let b = obj(bp).ok_or_else(|| null("BIO_gets"))?;
        if let Some(i) = b.imp() {
            return Ok(i.gets(b, buf, size));
        }
        if !b.has_gets() {
            return Ok(b.gets(&mut []));
        }
        let Ok(n) = usize::try_from(size) else {
            return Err(Error::new(lib::BIO, BIO_R_INVALID_ARGUMENT, "BIO_gets"));
        };
        if n == 0 {
            return Ok(0);
        }
        let out = opt_out(buf.cast(), n)?.ok_or_else(|| null("BIO_gets"))?;
        Ok(b.gets(out))
    })
}

/// `BIO_puts(3)`: writes the string `buf` (without its NUL); returns the count or -1. NULL `bp`
/// (or NULL `buf`, where OpenSSL crashes) gives -1 with `ERR_R_PASSED_NULL_PARAMETER`.
#[no_mangle]
pub extern "C" fn BIO_puts(bp: *mut BIO, buf: *const c_char) -> c_int {
    crate::forward!(BIO_puts(bp, buf));
    call(-1, || {
        let b = obj(bp).ok_or_else(|| null("BIO_puts"))?;
        // SAFETY: NULL or a NUL-terminated string per the C contract.
        let s = unsafe { c_str(buf) }.ok_or_else(|| null("BIO_puts"))?;
        Ok(b.puts(s.to_bytes()))
    })
}

// ---- Control ----

/// `BIO_ctrl(3)`: the command behind `BIO_pending`, `BIO_eof`, `BIO_reset`, `BIO_flush`,
/// `BIO_get_fd`/`BIO_set_fd`, `BIO_get_mem_data`, `BIO_set_mem_eof_return`,
/// `BIO_set_close`/`BIO_get_close`, the pair commands (`BIO_C_*_WRITE_BUF_SIZE`,
/// `BIO_make_bio_pair`, `BIO_destroy_bio_pair`, `BIO_shutdown_wr`, write guarantee, read
/// request) and more. Unknown commands return 0; NULL `bp` returns -1 (nothing queued), as in
/// OpenSSL. `BIO_set_nbio` (`BIO_C_SET_NBIO`) returns 0 and does nothing, as OpenSSL 3.0's socket
/// and fd BIOs do. `BIO_get_mem_ptr` gives a snapshot `BUF_MEM` (see `Bio::mem_ptr`); `BIO_set_mem_buf` is not
/// supported (0).
#[no_mangle]
pub extern "C" fn BIO_ctrl(bp: *mut BIO, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
    crate::forward!(BIO_ctrl(bp, cmd, larg, parg));
    guard(0, || {
        let Some(b) = obj(bp) else { return -1 };
        if let Some(i) = b.imp() {
            #[allow(clippy::unnecessary_cast)] // c_long is i64 here, i32 elsewhere
            let l = larg as i64;
            return i.ctrl(b, cmd, l, parg) as c_long;
        }
        match cmd {
            BIO_CTRL_INFO => {
                let Some((p, len)) = b.mem_data() else {
                    return 0;
                };
                // SAFETY: `parg` is NULL or a `char **` per BIO_get_mem_data's contract.
                unsafe { write_out(parg as *mut *const c_char, p as *const c_char) };
                len as c_long
            }
            BIO_C_GET_FD => {
                if let Some(fd) = b.fd() {
                    // SAFETY: `parg` is NULL or an `int *` per BIO_get_fd's contract.
                    unsafe { write_out(parg as *mut c_int, fd) };
                }
                b.ctrl(cmd, 0) as c_long
            }
            BIO_C_GET_BUF_MEM_PTR => {
                let Some(v) = b.mem_ptr() else { return 0 };
                // SAFETY: `parg` is NULL or a `BUF_MEM **` per BIO_get_mem_ptr's contract.
                unsafe { write_out(parg as *mut *mut c_void, v.cast()) };
                1
            }
            BIO_C_SET_FD => {
                if parg.is_null() {
                    return 0;
                }
                // SAFETY: non-NULL `int *` per BIO_set_fd's contract (BIO_int_ctrl).
                let fd = unsafe { *(parg as *const c_int) };
                b.set_fd(fd, larg as c_int) as c_long
            }
            BIO_C_MAKE_BIO_PAIR => {
                let Some(other) = obj(parg as *const BIO) else {
                    err::push(null("BIO_make_bio_pair"));
                    return 0;
                };
                c_long::from(Bio::make_pair(b, other))
            }
            _ => b.ctrl(cmd, larg) as c_long,
        }
    })
}

/// `BIO_int_ctrl(3)`: `BIO_ctrl(bp, cmd, larg, &iarg)`.
#[no_mangle]
pub extern "C" fn BIO_int_ctrl(bp: *mut BIO, cmd: c_int, larg: c_long, iarg: c_int) -> c_long {
    crate::forward!(BIO_int_ctrl(bp, cmd, larg, iarg));
    let mut i = iarg;
    BIO_ctrl(bp, cmd, larg, &mut i as *mut c_int as *mut c_void)
}

/// `BIO_ptr_ctrl(3)`: `BIO_ctrl(bp, cmd, larg, &p)`, returning `p`, or NULL if the ctrl
/// returned <= 0.
#[no_mangle]
pub extern "C" fn BIO_ptr_ctrl(bp: *mut BIO, cmd: c_int, larg: c_long) -> *mut c_void {
    crate::forward!(BIO_ptr_ctrl(bp, cmd, larg));
    let mut p: *mut c_char = core::ptr::null_mut();
    if BIO_ctrl(bp, cmd, larg, &mut p as *mut *mut c_char as *mut c_void) <= 0 {
        return core::ptr::null_mut();
    }
    p.cast()
}

/// `BIO_callback_ctrl(3)`: no native BIO takes callbacks: -2, with `BIO_R_UNSUPPORTED_METHOD`
/// unless `b` is NULL (as OpenSSL's memory/socket/fd/pair BIOs behave).
#[no_mangle]
pub extern "C" fn BIO_callback_ctrl(b: *mut BIO, cmd: c_int, fp: BIO_info_cb) -> c_long {
    crate::forward!(BIO_callback_ctrl(b, cmd, fp));
    call(-2, || match obj(b) {
        None => Ok(-2),
        // SAFETY: the callback pointer travels type-erased to the implementation.
        Some(x) if x.imp().is_some() => Ok(x.imp().map_or(-2, |i| {
            i.callback_ctrl(x, cmd, unsafe {
                core::mem::transmute::<BIO_info_cb, *mut c_void>(fp)
            })
        }) as c_long),
        Some(_) => Err(Error::new(
            lib::BIO,
            BIO_R_UNSUPPORTED_METHOD,
            "BIO_callback_ctrl",
        )),
    })
}

/// `BIO_ctrl_pending(3)`: bytes readable (memory: stored bytes; pair: the peer's unread
/// bytes; socket/fd: 0). 0 for NULL.
#[no_mangle]
pub extern "C" fn BIO_ctrl_pending(b: *mut BIO) -> usize {
    crate::forward!(BIO_ctrl_pending(b));
    guard(0, || obj(b).map_or(0, |b| b.pending()))
}

/// `BIO_ctrl_wpending(3)`: bytes written but not yet taken (pair: unread by the peer). 0 for NULL.
#[no_mangle]
pub extern "C" fn BIO_ctrl_wpending(b: *mut BIO) -> usize {
    crate::forward!(BIO_ctrl_wpending(b));
    guard(0, || {
        obj(b).map_or(0, |b| b.ctrl(BIO_CTRL_WPENDING, 0).max(0) as usize)
    })
}

/// `BIO_ctrl_get_write_guarantee(3)`: free space in a pair half's write buffer (0 when shut
/// down, unpaired, or not a pair). NULL gives `(size_t)-1`, as OpenSSL.
#[no_mangle]
pub extern "C" fn BIO_ctrl_get_write_guarantee(b: *mut BIO) -> usize {
    crate::forward!(BIO_ctrl_get_write_guarantee(b));
    guard(usize::MAX, || {
        obj(b).map_or(usize::MAX, |b| {
            b.ctrl(BIO_C_GET_WRITE_GUARANTEE, 0) as usize
        })
    })
}

/// `BIO_ctrl_get_read_request(3)`: size of the peer's last failed read (capped at this half's
/// buffer size), reset by any read on the peer or write on this half. NULL gives `(size_t)-1`.
#[no_mangle]
pub extern "C" fn BIO_ctrl_get_read_request(b: *mut BIO) -> usize {
    crate::forward!(BIO_ctrl_get_read_request(b));
    guard(usize::MAX, || {
        obj(b).map_or(usize::MAX, |b| b.ctrl(BIO_C_GET_READ_REQUEST, 0) as usize)
    })
}

/// `BIO_ctrl_reset_read_request(3)`: 1 if the ctrl returned nonzero (also for NULL, as OpenSSL).
#[no_mangle]
pub extern "C" fn BIO_ctrl_reset_read_request(b: *mut BIO) -> c_int {
    crate::forward!(BIO_ctrl_reset_read_request(b));
    c_int::from(BIO_ctrl(b, BIO_C_RESET_READ_REQUEST, 0, core::ptr::null_mut()) != 0)
}

// ---- Flags, type, retry ----

/// `BIO_test_flags(3)`: `flags & mask` (0 for NULL). Behind `BIO_should_retry` and friends.
#[no_mangle]
pub extern "C" fn BIO_test_flags(b: *const BIO, flags: c_int) -> c_int {
    crate::forward!(BIO_test_flags(b, flags));
    guard(0, || obj(b).map_or(0, |b| b.test_flags(flags)))
}

/// `BIO_set_flags(3)`: ORs `flags` in. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_set_flags(b: *mut BIO, flags: c_int) {
    crate::forward!(BIO_set_flags(b, flags));
    guard((), || obj(b).map_or((), |b| b.set_flags(flags)))
}

/// `BIO_clear_flags(3)`: clears `flags`. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_clear_flags(b: *mut BIO, flags: c_int) {
    crate::forward!(BIO_clear_flags(b, flags));
    guard((), || obj(b).map_or((), |b| b.clear_flags(flags)))
}

/// `BIO_get_retry_reason(3)`: the `BIO_RR_*` code (0 for NULL).
#[no_mangle]
pub extern "C" fn BIO_get_retry_reason(bio: *mut BIO) -> c_int {
    crate::forward!(BIO_get_retry_reason(bio));
    guard(0, || obj(bio).map_or(0, |b| b.retry_reason()))
}

/// `BIO_set_retry_reason(3)`. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_set_retry_reason(bio: *mut BIO, reason: c_int) {
    crate::forward!(BIO_set_retry_reason(bio, reason));
    guard((), || obj(bio).map_or((), |b| b.set_retry_reason(reason)))
}

/// `BIO_get_retry_BIO(3)`: walks the chain from `bio` while BIOs ask for a retry and returns
/// the last one that did (`bio` itself if it did not), with its retry reason stored in
/// `*reason` (if not NULL). NULL gives NULL.
#[no_mangle]
pub extern "C" fn BIO_get_retry_BIO(bio: *mut BIO, reason: *mut c_int) -> *mut BIO {
    crate::forward!(BIO_get_retry_BIO(bio, reason));
    guard(core::ptr::null_mut(), || {
        let Some(mut last) = obj(bio) else {
            return core::ptr::null_mut();
        };
        let mut cur = Some(last);
        while let Some(c) = cur {
            if c.test_flags(native::BIO_FLAGS_SHOULD_RETRY) == 0 {
                break;
            }
            last = c;
            cur = obj(c.next_addr() as *const BIO);
        }
        // SAFETY: NULL or valid out-parameter.
        unsafe { write_out(reason, last.retry_reason()) };
        super::bio_meth::c_ptr(last)
    })
}

/// `BIO_method_type(3)`: `BIO_TYPE_MEM`, `BIO_TYPE_SOCKET`, `BIO_TYPE_FD` or `BIO_TYPE_BIO`
/// (0 for NULL; OpenSSL crashes).
#[no_mangle]
pub extern "C" fn BIO_method_type(b: *const BIO) -> c_int {
    crate::forward!(BIO_method_type(b));
    guard(0, || obj(b).map_or(0, |b| b.method_type()))
}

/// `BIO_method_name(3)`: "memory buffer", "socket", "file descriptor" or "BIO pair" (static);
/// NULL for NULL.
#[no_mangle]
pub extern "C" fn BIO_method_name(b: *const BIO) -> *const c_char {
    crate::forward!(BIO_method_name(b));
    guard(core::ptr::null(), || {
        let Some(b) = obj(b) else {
            return core::ptr::null();
        };
        if let Some(i) = b.imp() {
            return i.name();
        }
        let s: &'static [u8] = match b.method_type() {
            BIO_TYPE_MEM => b"memory buffer\0",
            BIO_TYPE_SOCKET => b"socket\0",
            BIO_TYPE_FD => b"file descriptor\0",
            _ => b"BIO pair\0",
        };
        s.as_ptr().cast()
    })
}

/// `BIO_sock_should_retry(3)`: 1 if `i` is 0 or -1 and errno is non-fatal
/// (see `BIO_sock_non_fatal_error`), else 0.
#[no_mangle]
pub extern "C" fn BIO_sock_should_retry(i: c_int) -> c_int {
    crate::forward!(BIO_sock_should_retry(i));
    c_int::from(native::should_retry(i as i64))
}

/// `BIO_sock_non_fatal_error(3)`: 1 for EWOULDBLOCK/EAGAIN, EINTR, ENOTCONN, EPROTO,
/// EINPROGRESS, EALREADY; else 0.
#[no_mangle]
pub extern "C" fn BIO_sock_non_fatal_error(error: c_int) -> c_int {
    crate::forward!(BIO_sock_non_fatal_error(error));
    c_int::from(native::non_fatal_errno(error))
}

/// `BIO_fd_should_retry(3)`: same rule as `BIO_sock_should_retry`.
#[no_mangle]
pub extern "C" fn BIO_fd_should_retry(i: c_int) -> c_int {
    crate::forward!(BIO_fd_should_retry(i));
    c_int::from(native::should_retry(i as i64))
}

/// `BIO_fd_non_fatal_error(3)`: same set as `BIO_sock_non_fatal_error`.
#[no_mangle]
pub extern "C" fn BIO_fd_non_fatal_error(error: c_int) -> c_int {
    crate::forward!(BIO_fd_non_fatal_error(error));
    c_int::from(native::non_fatal_errno(error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::err;
    use core::ptr::null_mut;

    const NULLP: u64 = 0x100C_0102; // BIO lib, ERR_R_PASSED_NULL_PARAMETER
    const fn bio_r(r: c_int) -> u64 {
        (32u64 << 23) | r as u64
    }

    fn errs() -> Vec<u64> {
        let mut v = Vec::new();
        while let Some(e) = err::pop_first() {
            v.push(e.code);
        }
        v
    }

    fn rd(b: *mut BIO, n: usize) -> (c_int, Vec<u8>) {
        let mut buf = vec![0u8; n];
        let r = BIO_read(b, buf.as_mut_ptr().cast(), n as c_int);
        buf.truncate(r.max(0) as usize);
        (r, buf)
    }

    fn wr(b: *mut BIO, s: &[u8]) -> c_int {
        BIO_write(b, s.as_ptr().cast(), s.len() as c_int)
    }

    fn ctrl(b: *mut BIO, cmd: c_int, larg: c_long) -> c_long {
        BIO_ctrl(b, cmd, larg, null_mut())
    }

    fn flags(b: *mut BIO) -> c_int {
        BIO_test_flags(b, !0)
    }

    fn pair(s1: usize, s2: usize) -> (*mut BIO, *mut BIO) {
        let (mut a, mut b) = (null_mut(), null_mut());
        assert_eq!(BIO_new_bio_pair(&mut a, s1, &mut b, s2), 1);
        (a, b)
    }

    fn socketpair() -> [c_int; 2] {
        let mut sv = [0; 2];
        // SAFETY: valid out array.
        assert_eq!(
            unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, sv.as_mut_ptr()) },
            0
        );
        sv
    }

    /// The inode behind `fd` (0 if closed).
    fn ino_of(fd: c_int) -> u64 {
        // SAFETY: fstat writes only into the zeroed stat buffer.
        unsafe {
            let mut st: libc::stat = core::mem::zeroed();
            if libc::fstat(fd, &mut st) == 0 {
                st.st_ino
            } else {
                0
            }
        }
    }

    /// True if `fd` is still the socket we opened: tests run in parallel, so a closed fd number
    /// may already belong to another test's file.
    fn still_open(fd: c_int, ino: u64) -> bool {
        fd_is_open(fd) && ino_of(fd) == ino
    }

    fn fd_is_open(fd: c_int) -> bool {
        // SAFETY: fcntl on an int fd has no memory effects.
        unsafe { libc::fcntl(fd, libc::F_GETFD) != -1 }
    }

    #[test]
    fn null_handling_of_every_export() {
        err::clear();
        let mut buf = [0u8; 8];
        let mut n: usize = 77;
        assert_eq!(BIO_read(null_mut(), buf.as_mut_ptr().cast(), 5), -1);
        assert_eq!(errs(), [NULLP]);
        assert_eq!(BIO_write(null_mut(), b"x".as_ptr().cast(), 1), 0);
        assert_eq!(
            BIO_read_ex(null_mut(), buf.as_mut_ptr().cast(), 5, &mut n),
            0
        );
        assert_eq!((n, errs()), (77, vec![NULLP]));
        assert_eq!(BIO_write_ex(null_mut(), b"x".as_ptr().cast(), 1, &mut n), 0);
        assert_eq!((n, errs()), (0, vec![]));
        assert_eq!(BIO_gets(null_mut(), buf.as_mut_ptr().cast(), 5), -1);
        assert_eq!(BIO_puts(null_mut(), c"x".as_ptr().cast()), -1);
        assert_eq!(errs(), [NULLP, NULLP]);
        assert_eq!(BIO_ctrl(null_mut(), BIO_CTRL_PENDING, 0, null_mut()), -1);
        assert_eq!(BIO_ctrl_pending(null_mut()), 0);
        assert_eq!(BIO_ctrl_wpending(null_mut()), 0);
        assert_eq!(BIO_ctrl_get_write_guarantee(null_mut()), usize::MAX);
        assert_eq!(BIO_ctrl_get_read_request(null_mut()), usize::MAX);
        assert_eq!(BIO_ctrl_reset_read_request(null_mut()), 1);
        assert_eq!(BIO_int_ctrl(null_mut(), 1, 0, 0), -1);
        assert!(BIO_ptr_ctrl(null_mut(), 1, 0).is_null());
        assert_eq!(BIO_callback_ctrl(null_mut(), 14, None), -2);
        assert_eq!(errs(), []);
        assert!(BIO_new(core::ptr::null()).is_null());
        assert_eq!(errs(), [NULLP]);
        let bogus = [0u8; 8];
        assert!(BIO_new(bogus.as_ptr().cast()).is_null());
        assert_eq!(errs(), [bio_r(BIO_R_UNSUPPORTED_METHOD)]);
        assert_eq!(BIO_free(null_mut()), 0);
        BIO_free_all(null_mut());
        BIO_vfree(null_mut());
        assert_eq!(BIO_up_ref(null_mut()), 0);
        assert!(BIO_new_mem_buf(core::ptr::null(), 5).is_null());
        assert!(BIO_new_mem_buf(core::ptr::null(), 0).is_null());
        assert_eq!(errs(), [NULLP, NULLP]);
        assert_eq!(BIO_method_type(null_mut()), 0);
        assert!(BIO_method_name(null_mut()).is_null());
        assert!(BIO_get_retry_BIO(null_mut(), null_mut()).is_null());
        assert_eq!(BIO_new_bio_pair(null_mut(), 0, null_mut(), 0), 0);
        assert_eq!(errs(), [NULLP]);
        assert_eq!(BIO_test_flags(null_mut(), !0), 0);
        BIO_set_flags(null_mut(), 1);
        BIO_clear_flags(null_mut(), 1);
        assert_eq!(BIO_get_retry_reason(null_mut()), 0);
        BIO_set_retry_reason(null_mut(), 1);
        assert_eq!(errs(), []);

        // NULL data / out-parameters on a live BIO.
        let m = BIO_new(BIO_s_mem());
        assert_eq!(BIO_write(m, core::ptr::null(), 5), -1);
        assert_eq!(errs(), [NULLP]);
        assert_eq!(BIO_gets(m, null_mut(), 5), -1);
        assert_eq!(BIO_puts(m, core::ptr::null()), -1);
        assert_eq!(errs(), [NULLP, NULLP]);
        assert_eq!(BIO_write_ex(m, b"abc".as_ptr().cast(), 3, null_mut()), 1);
        assert_eq!(BIO_read_ex(m, buf.as_mut_ptr().cast(), 2, null_mut()), 1);
        assert_eq!(BIO_get_fd(m, null_mut()), 0);
        assert_eq!(BIO_get_mem_data(m, null_mut()), 1);
        assert_eq!(BIO_ctrl(m, BIO_C_SET_FD, 0, null_mut()), 0);
        assert_eq!(BIO_ctrl(m, BIO_C_MAKE_BIO_PAIR, 0, null_mut()), 0);
        assert_eq!(errs(), [NULLP]);
        assert_eq!(BIO_free(m), 1);
    }

    #[test]
    fn pair_semantics() {
        err::clear();
        let (a, b) = pair(0, 0);
        assert_eq!(BIO_method_type(a), BIO_TYPE_BIO);
        assert_eq!(BIO_get_write_buf_size(a), 17408);
        assert_eq!(BIO_ctrl_get_write_guarantee(a), 17408);
        // Empty read: -1 + retry-read; read request recorded on the writer (capped at its size).
        assert_eq!(rd(a, 5).0, -1);
        assert_eq!(flags(a), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
        assert_eq!(BIO_ctrl_get_read_request(b), 5);
        assert_eq!(BIO_get_read_request(b), 5);
        assert_eq!(BIO_ctrl_get_read_request(a), 0);
        assert_eq!(rd(a, 100_000).0, -1);
        assert_eq!(BIO_ctrl_get_read_request(b), 17408);
        // 5, then a smaller request after partial data arrived.
        assert_eq!(rd(a, 5).0, -1);
        assert_eq!(BIO_ctrl_get_read_request(b), 5);
        assert_eq!(wr(b, b"abc"), 3); // a write by b resets b's request
        assert_eq!(BIO_ctrl_get_read_request(b), 0);
        assert_eq!(rd(a, 3), (3, b"abc".to_vec()));
        assert_eq!(rd(a, 2).0, -1);
        assert_eq!(BIO_ctrl_get_read_request(b), 2);
        assert_eq!(BIO_ctrl_reset_read_request(b), 1);
        assert_eq!(BIO_ctrl_get_read_request(b), 0);
        // len 0 and NULL: 0, flags cleared.
        assert_eq!(rd(a, 0).0, 0);
        assert_eq!(flags(a), 0);
        assert_eq!(BIO_read(a, null_mut(), 5), 0);
        assert_eq!(BIO_write(a, core::ptr::null(), 5), 0);
        // pending / wpending / guarantee.
        assert_eq!(BIO_puts(a, c"hey".as_ptr().cast()), 3);
        assert_eq!(BIO_pending(b), 3);
        assert_eq!(BIO_ctrl_pending(b), 3);
        assert_eq!(BIO_pending(a), 0);
        assert_eq!(BIO_wpending(a), 3);
        assert_eq!(BIO_ctrl_wpending(a), 3);
        assert_eq!(BIO_ctrl_get_write_guarantee(a), 17405);
        assert_eq!(BIO_get_write_guarantee(a), 17405);
        assert_eq!(BIO_eof(b), 0);
        assert_eq!(BIO_flush(a), 1);
        assert_eq!(BIO_get_close(a), 1);
        assert_eq!(BIO_get_fd(a, null_mut()), 0);
        // gets unsupported on pairs.
        let mut line = [0u8; 8];
        assert_eq!(BIO_gets(a, line.as_mut_ptr().cast(), 8), -2);
        assert_eq!(errs(), [bio_r(BIO_R_UNSUPPORTED_METHOD)]);
        // shutdown_wr: the peer drains then sees EOF (0, no retry); writing is a broken pipe.
        assert_eq!(BIO_shutdown_wr(a), 1);
        assert_eq!(BIO_eof(b), 0);
        assert_eq!(rd(b, 10), (3, b"hey".to_vec()));
        assert_eq!(rd(b, 10).0, 0);
        assert_eq!(flags(b), 0);
        assert_eq!(BIO_eof(b), 1);
        assert_eq!(BIO_eof(a), 0);
        assert_eq!(wr(a, b"x"), -1);
        assert_eq!(flags(a), 0);
        assert_eq!(errs(), [bio_r(BIO_R_BROKEN_PIPE)]);
        assert_eq!(BIO_ctrl_get_write_guarantee(a), 0);
        assert_eq!(BIO_set_write_buf_size(a, 100), 0);
        assert_eq!(errs(), [bio_r(BIO_R_IN_USE)]);
        assert_eq!(BIO_reset(b), 0);
        assert_eq!(ctrl(a, 9999, 0), 0);
        // Free one half: the other behaves as unpaired, and freeing it is fine too.
        assert_eq!(BIO_free(a), 1);
        assert_eq!(wr(b, b"x"), -1);
        assert_eq!(rd(b, 1).0, -1);
        assert_eq!(
            errs(),
            [bio_r(BIO_R_UNINITIALIZED), bio_r(BIO_R_UNINITIALIZED)]
        );
        assert_eq!(BIO_ctrl_get_write_guarantee(b), 0);
        assert_eq!(BIO_pending(b), 0);
        assert_eq!(BIO_eof(b), 1);
        assert_eq!(BIO_free(b), 1);
    }

    #[test]
    fn pair_full_buffer_and_partial_writes() {
        err::clear();
        let (a, b) = pair(4, 8);
        assert_eq!(wr(a, b"abcdef"), 4);
        assert_eq!(flags(a), 0);
        assert_eq!(wr(a, b"abcdef"), -1);
        assert_eq!(flags(a), BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY);
        assert_eq!(BIO_ctrl_get_write_guarantee(a), 0);
        assert_eq!(BIO_ctrl_get_write_guarantee(b), 8);
        assert_eq!(rd(b, 3).0, 3);
        assert_eq!(BIO_ctrl_get_write_guarantee(a), 3);
        assert_eq!(wr(a, b"xyz"), 3);
        assert_eq!(rd(b, 10), (4, b"dxyz".to_vec()));
        assert_eq!(rd(b, 10).0, -1);
        assert_eq!(BIO_ctrl_get_read_request(a), 4);
        let mut n = 9;
        assert_eq!(BIO_write_ex(a, b"abcdef".as_ptr().cast(), 6, &mut n), 1);
        assert_eq!(n, 4);
        assert_eq!(BIO_write_ex(a, b"abcdef".as_ptr().cast(), 6, &mut n), 0);
        assert_eq!(n, 0);
        assert_eq!(BIO_write_ex(a, b"".as_ptr().cast(), 0, &mut n), 1);
        let mut buf = [0u8; 10];
        assert_eq!(BIO_read_ex(b, buf.as_mut_ptr().cast(), 10, &mut n), 1);
        assert_eq!((n, &buf[..4]), (4, &b"abcd"[..]));
        assert_eq!(BIO_read_ex(b, buf.as_mut_ptr().cast(), 10, &mut n), 0);
        assert_eq!((n, flags(b)), (0, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY));
        // destroy + re-pair gives fresh, empty buffers.
        assert_eq!(wr(a, b"abc"), 3);
        assert_eq!(BIO_destroy_bio_pair(b), 1);
        assert_eq!((BIO_pending(b), BIO_wpending(a), BIO_eof(a)), (0, 0, 1));
        assert_eq!(rd(b, 3).0, -1);
        assert_eq!(errs(), [bio_r(BIO_R_UNINITIALIZED)]);
        assert_eq!(BIO_make_bio_pair(a, b), 1);
        assert_eq!(BIO_pending(b), 0);
        assert_eq!(BIO_make_bio_pair(a, b), 0);
        assert_eq!(errs(), [bio_r(BIO_R_IN_USE)]);
        BIO_free(b);
        assert_eq!(BIO_get_write_buf_size(a), 4);
        BIO_free(a);
    }

    #[test]
    fn pair_from_bio_new() {
        err::clear();
        let c = BIO_new(BIO_s_bio());
        let d = BIO_new(BIO_s_bio());
        let m = BIO_new(BIO_s_mem());
        assert_eq!(wr(c, b"x"), -1);
        assert_eq!(errs(), [bio_r(BIO_R_UNINITIALIZED)]);
        assert_eq!(
            (
                BIO_get_write_buf_size(c),
                BIO_ctrl_get_write_guarantee(c),
                BIO_eof(c)
            ),
            (17408, 0, 1)
        );
        assert_eq!(BIO_set_write_buf_size(c, 0), 0);
        assert_eq!(errs(), [bio_r(BIO_R_INVALID_ARGUMENT)]);
        assert_eq!(BIO_set_write_buf_size(c, 10), 1);
        assert_eq!(BIO_make_bio_pair(c, m), 0);
        assert_eq!(BIO_make_bio_pair(c, c), 0);
        assert_eq!(errs(), [bio_r(BIO_R_IN_USE), bio_r(BIO_R_IN_USE)]);
        assert_eq!(BIO_make_bio_pair(c, d), 1);
        assert_eq!(
            (BIO_get_write_buf_size(c), BIO_get_write_buf_size(d)),
            (10, 17408)
        );
        assert_eq!(wr(c, b"0123456789ab"), 10);
        assert!(!BIO_method_name(c).is_null());
        // Free order: the paired-to half first this time.
        BIO_free(c);
        assert_eq!(BIO_eof(d), 1);
        BIO_free(d);
        BIO_free(m);
    }

    #[test]
    fn mem_bio_eof_return_and_data() {
        err::clear();
        let m = BIO_new(BIO_s_mem());
        assert_eq!(BIO_method_type(m), BIO_TYPE_MEM);
        assert_eq!(rd(m, 5).0, -1);
        assert_eq!(flags(m), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
        assert_eq!(BIO_eof(m), 1);
        // dlen < 0 and writes of 0 leave the flags alone; len 0 reaches the method.
        assert_eq!(BIO_read(m, [0u8; 1].as_mut_ptr().cast(), -1), 0);
        assert_eq!(wr(m, b""), 0);
        assert_eq!(flags(m), 9);
        assert_eq!(rd(m, 0).0, -1);
        assert_eq!(BIO_write_ex(m, b"abc".as_ptr().cast(), 3, null_mut()), 1);
        assert_eq!(flags(m), 0);
        assert_eq!(
            (BIO_pending(m), BIO_wpending(m), BIO_ctrl_pending(m)),
            (3, 0, 3)
        );
        assert_eq!((BIO_eof(m), BIO_flush(m), BIO_get_close(m)), (0, 1, 1));
        assert_eq!(BIO_ctrl_get_write_guarantee(m), 0);
        let mut p: *mut c_char = null_mut();
        assert_eq!(BIO_get_mem_data(m, &mut p), 3);
        // SAFETY: 3 bytes at p per the ctrl's result.
        assert_eq!(
            unsafe { core::slice::from_raw_parts(p as *const u8, 3) },
            b"abc"
        );
        // NULL out: reports what would be copied, consumes nothing.
        assert_eq!(BIO_read(m, null_mut(), 2), 2);
        assert_eq!(BIO_pending(m), 3);
        assert_eq!(rd(m, 10), (3, b"abc".to_vec()));
        assert_eq!(BIO_set_mem_eof_return(m, 0), 1);
        assert_eq!(rd(m, 5).0, 0);
        assert_eq!(flags(m), 0);
        assert_eq!(BIO_set_mem_eof_return(m, -7), 1);
        assert_eq!(rd(m, 5).0, -7);
        assert_eq!(flags(m), 9);
        assert_eq!(BIO_puts(m, c"ab".as_ptr().cast()), 2);
        assert_eq!(BIO_reset(m), 1);
        assert_eq!(BIO_pending(m), 0);
        // NONCLEAR_RST: reset rewinds.
        BIO_set_flags(m, BIO_FLAGS_NONCLEAR_RST);
        assert_eq!(wr(m, b"abc"), 3);
        assert_eq!(rd(m, 1).0, 1);
        assert_eq!(BIO_reset(m), 1);
        assert_eq!(BIO_pending(m), 3);
        assert_eq!(BIO_callback_ctrl(m, 14, None), -2);
        assert_eq!(errs(), [bio_r(BIO_R_UNSUPPORTED_METHOD)]);
        assert_eq!(ctrl(m, BIO_C_SET_NBIO, 1), 0);
        BIO_set_retry_reason(m, 3);
        let mut r = 0;
        assert_eq!(BIO_get_retry_BIO(m, &mut r), m);
        assert_eq!((r, BIO_get_retry_reason(m)), (3, 3));
        BIO_free_all(m);

        // Read-only memory BIO.
        let ro = BIO_new_mem_buf(c"abcdef".as_ptr().cast(), -1);
        assert_eq!(BIO_pending(ro), 6);
        assert_eq!(wr(ro, b"x"), -1);
        assert_eq!(BIO_puts(ro, c"x".as_ptr().cast()), -1);
        assert_eq!(errs(), [bio_r(BIO_R_WRITE_TO_READ_ONLY_BIO); 2]);
        assert_eq!(flags(ro), BIO_FLAGS_MEM_RDONLY);
        assert_eq!(rd(ro, 2).0, 2);
        assert_eq!(BIO_get_mem_data(ro, &mut p), 4);
        assert_eq!(BIO_reset(ro), 1);
        assert_eq!(rd(ro, 10), (6, b"abcdef".to_vec()));
        assert_eq!(rd(ro, 10).0, 0);
        assert_eq!(flags(ro), BIO_FLAGS_MEM_RDONLY);
        assert_eq!(BIO_eof(ro), 1);
        assert_eq!(BIO_set_mem_eof_return(ro, -1), 1);
        assert_eq!(rd(ro, 10).0, -1);
        assert_eq!(flags(ro), BIO_FLAGS_MEM_RDONLY | 9);
        BIO_free(ro);
        let e = BIO_new_mem_buf(b"".as_ptr().cast(), 0);
        assert_eq!(rd(e, 5).0, 0);
        BIO_free(e);
        let part = BIO_new_mem_buf(b"abc".as_ptr().cast(), 2);
        assert_eq!(rd(part, 5), (2, b"ab".to_vec()));
        BIO_free(part);
    }

    #[test]
    fn gets_and_puts() {
        err::clear();
        let m = BIO_new(BIO_s_mem());
        assert_eq!(BIO_puts(m, c"abc".as_ptr().cast()), 3);
        assert_eq!(BIO_puts(m, c"hello\nworld\nlast".as_ptr().cast()), 16);
        let mut buf = [0xffu8; 64];
        let mut gets = |n: c_int| {
            let r = BIO_gets(m, buf.as_mut_ptr().cast(), n);
            let s = if r >= 0 && n > 0 {
                buf[..buf.iter().position(|&c| c == 0).unwrap()].to_vec()
            } else {
                vec![]
            };
            (r, s)
        };
        assert_eq!(gets(0).0, 0);
        assert_eq!(gets(-1).0, -1);
        assert_eq!(errs(), [bio_r(BIO_R_INVALID_ARGUMENT)]);
        assert_eq!(gets(1), (0, vec![]));
        assert_eq!(gets(5), (4, b"abch".to_vec()));
        assert_eq!(gets(64), (5, b"ello\n".to_vec()));
        assert_eq!(gets(64), (6, b"world\n".to_vec()));
        assert_eq!(gets(64), (4, b"last".to_vec()));
        assert_eq!(BIO_read(m, [0u8; 4].as_mut_ptr().cast(), 4), -1);
        assert_eq!(flags(m), 9);
        assert_eq!(gets(64), (0, vec![]));
        assert_eq!(flags(m), 0);
        assert_eq!(BIO_puts(m, c"".as_ptr().cast()), 0);
        BIO_free(m);

        // fd BIO: one byte at a time, nothing read past the newline.
        let sv = socketpair();
        let ino = [ino_of(sv[0]), ino_of(sv[1])];
        let f = BIO_new_fd(sv[0], BIO_CLOSE);
        let w = BIO_new_socket(sv[1], BIO_CLOSE);
        assert_eq!(BIO_puts(w, c"ab\ncd".as_ptr().cast()), 5);
        let mut line = [0u8; 16];
        assert_eq!(BIO_gets(f, line.as_mut_ptr().cast(), 16), 3);
        assert_eq!(&line[..4], b"ab\n\0");
        assert_eq!(BIO_gets(w, line.as_mut_ptr().cast(), 16), -2);
        assert_eq!(errs(), [bio_r(BIO_R_UNSUPPORTED_METHOD)]);
        BIO_free(w);
        assert_eq!(BIO_gets(f, line.as_mut_ptr().cast(), 16), 2);
        assert_eq!(&line[..3], b"cd\0");
        assert_eq!(BIO_gets(f, line.as_mut_ptr().cast(), 16), 0);
        assert_eq!(BIO_eof(f), 1);
        BIO_free(f);
        assert!(!still_open(sv[0], ino[0]) && !still_open(sv[1], ino[1]));
    }

    #[test]
    fn socket_bio_over_socketpair() {
        err::clear();
        let sv = socketpair();
        let ino = [ino_of(sv[0]), ino_of(sv[1])];
        let s = BIO_new_socket(sv[0], BIO_NOCLOSE);
        assert_eq!(BIO_method_type(s), BIO_TYPE_SOCKET);
        let mut fd = -5;
        assert_eq!(BIO_get_fd(s, &mut fd), sv[0] as c_long);
        assert_eq!(fd, sv[0]);
        assert_eq!(
            (
                BIO_get_close(s),
                BIO_pending(s),
                BIO_wpending(s),
                BIO_eof(s)
            ),
            (0, 0, 0, 0)
        );
        assert_eq!((BIO_flush(s), BIO_reset(s)), (1, 0));
        // BIO_set_nbio is a no-op returning 0 in OpenSSL 3.0: set O_NONBLOCK by hand.
        assert_eq!(BIO_set_nbio(s, 1), 0);
        // SAFETY: fcntl on our own fd.
        unsafe { libc::fcntl(sv[0], libc::F_SETFL, libc::O_NONBLOCK) };
        assert_eq!(rd(s, 5).0, -1);
        assert_eq!(flags(s), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
        assert_eq!(
            std::io::Error::last_os_error().raw_os_error(),
            Some(libc::EAGAIN)
        );
        assert_eq!(BIO_sock_should_retry(-1), 1);
        // SAFETY: write to our own fd.
        assert_eq!(
            unsafe { libc::write(sv[1], b"hello".as_ptr().cast(), 5) },
            5
        );
        assert_eq!(rd(s, 3), (3, b"hel".to_vec()));
        assert_eq!(flags(s), 0);
        assert_eq!(BIO_printf_stub(s, b"abc"), 3);
        let mut tmp = [0u8; 8];
        // SAFETY: read from our own fd into a local buffer.
        assert_eq!(unsafe { libc::read(sv[1], tmp.as_mut_ptr().cast(), 8) }, 3);
        // SAFETY: closing our own fd.
        unsafe { libc::close(sv[1]) };
        assert_eq!(rd(s, 10), (2, b"lo".to_vec()));
        assert_eq!(rd(s, 10).0, 0);
        assert_eq!(flags(s), BIO_FLAGS_IN_EOF);
        assert_eq!(BIO_eof(s), 1);
        assert_eq!(errs(), []);
        // A later read clears only the retry flags: EOF stays.
        assert_eq!(rd(s, 10).0, 0);
        assert_eq!(flags(s), BIO_FLAGS_IN_EOF);
        // set_fd/close flag.
        assert_eq!(BIO_set_close(s, BIO_CLOSE), 1);
        assert_eq!(BIO_get_close(s), 1);
        assert_eq!(BIO_set_close(s, BIO_NOCLOSE), 1);
        BIO_free(s);
        assert!(fd_is_open(sv[0]));
        let s = BIO_new_socket(sv[0], BIO_CLOSE);
        assert_eq!(BIO_up_ref(s), 1);
        assert_eq!(BIO_free(s), 1);
        assert!(fd_is_open(sv[0]));
        assert_eq!(BIO_free(s), 1);
        assert!(!still_open(sv[0], ino[0]));

        // Uninitialised socket/fd BIOs.
        let u = BIO_new(BIO_s_socket());
        assert_eq!(BIO_get_fd(u, null_mut()), -1);
        assert_eq!(rd(u, 1).0, -1);
        assert_eq!(wr(u, b"x"), -1);
        assert_eq!(errs(), [bio_r(BIO_R_UNINITIALIZED); 2]);
        assert_eq!(BIO_get_close(u), 1);
        let sv = socketpair();
        let ino = [ino_of(sv[0]), ino_of(sv[1])];
        assert_eq!(BIO_set_fd(u, sv[0], BIO_CLOSE), 1);
        assert_eq!(BIO_get_fd(u, null_mut()), sv[0] as c_long);
        BIO_free(u);
        assert!(!still_open(sv[0], ino[0]));
        let f = BIO_new(BIO_s_fd());
        assert_eq!(BIO_method_type(f), BIO_TYPE_FD);
        assert_eq!(BIO_set_fd(f, sv[1], BIO_NOCLOSE), 1);
        assert_eq!(rd(f, 4).0, 0); // peer closed
        assert_eq!(BIO_eof(f), 1);
        assert_eq!(BIO_reset(f), -1); // lseek on a socket
        BIO_free(f);
        assert!(fd_is_open(sv[1]));
        // SAFETY: closing our own fd.
        unsafe { libc::close(sv[1]) };
    }

    #[test]
    fn socket_write_retry_and_epipe() {
        err::clear();
        let sv = socketpair();
        // SAFETY: fcntl on our own fd; ignoring SIGPIPE for this process (tests never want it).
        unsafe {
            libc::fcntl(sv[0], libc::F_SETFL, libc::O_NONBLOCK);
            libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        }
        let s = BIO_new_socket(sv[0], BIO_CLOSE);
        let chunk = [7u8; 65536];
        let mut total = 0;
        loop {
            let r = wr(s, &chunk);
            if r < 0 {
                break;
            }
            total += r;
        }
        assert!(total > 0);
        assert_eq!(flags(s), BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY);
        // SAFETY: closing our own fd.
        unsafe { libc::close(sv[1]) };
        assert_eq!(wr(s, b"x"), -1);
        assert_eq!(flags(s), 0);
        assert_eq!(
            std::io::Error::last_os_error().raw_os_error(),
            Some(libc::EPIPE)
        );
        assert_eq!(errs(), []);
        BIO_free(s);
    }

    #[test]
    fn retry_helpers() {
        let nf: Vec<c_int> = (0..200)
            .filter(|&e| BIO_sock_non_fatal_error(e) == 1)
            .collect();
        assert_eq!(nf, [4, 11, 71, 107, 114, 115]);
        assert!((0..200).all(|e| BIO_fd_non_fatal_error(e) == BIO_sock_non_fatal_error(e)));
        // SAFETY: this thread's errno.
        unsafe { *libc::__errno_location() = libc::EAGAIN };
        assert_eq!(
            (
                BIO_sock_should_retry(-1),
                BIO_sock_should_retry(0),
                BIO_sock_should_retry(1)
            ),
            (1, 1, 0)
        );
        assert_eq!(BIO_fd_should_retry(0), 1);
        // SAFETY: this thread's errno.
        unsafe { *libc::__errno_location() = libc::EPIPE };
        assert_eq!(BIO_fd_should_retry(-1), 0);
    }

    #[test]
    fn up_ref_free_lifecycles() {
        let m = BIO_new(BIO_s_mem());
        assert_eq!(BIO_up_ref(m), 1);
        assert_eq!(BIO_up_ref(m), 1);
        assert_eq!(BIO_free(m), 1);
        BIO_vfree(m);
        assert_eq!(wr(m, b"still alive"), 11);
        BIO_free_all(m);
        let (a, b) = pair(0, 0);
        assert_eq!(BIO_up_ref(b), 1);
        BIO_free(b);
        assert_eq!(wr(a, b"x"), 1); // still paired: b has a reference left
        BIO_free(a);
        assert_eq!(BIO_eof(b), 1);
        BIO_free(b);
        assert!(BIO_s_mem() == BIO_s_mem() && BIO_s_mem() != BIO_s_bio());
    }

    #[test]
    fn mem_ptr_snapshot() {
        #[repr(C)]
        struct BufMem {
            length: usize,
            data: *const u8,
            max: usize,
            flags: core::ffi::c_ulong,
        }
        let m = BIO_new(BIO_s_mem());
        assert_eq!(wr(m, b"hello world"), 11);
        assert_eq!(rd(m, 6).0, 6);
        let mut bm: *mut BufMem = null_mut();
        assert_eq!(
            BIO_ctrl(
                m,
                BIO_C_GET_BUF_MEM_PTR,
                0,
                (&mut bm as *mut *mut BufMem).cast()
            ),
            1
        );
        // SAFETY: the snapshot is valid until the BIO changes.
        let (len, data) = unsafe {
            (
                (*bm).length,
                core::slice::from_raw_parts((*bm).data, (*bm).length),
            )
        };
        assert_eq!((len, data), (5, &b"world"[..]));
        BIO_free(m);
        let (a, b) = pair(0, 0);
        assert_eq!(
            BIO_ctrl(
                a,
                BIO_C_GET_BUF_MEM_PTR,
                0,
                (&mut bm as *mut *mut BufMem).cast()
            ),
            0
        );
        BIO_free(a);
        BIO_free(b);
    }

    #[test]
    fn int_and_ptr_ctrl() {
        let m = BIO_new(BIO_s_mem());
        assert_eq!(wr(m, b"hello"), 5);
        assert_eq!(BIO_int_ctrl(m, BIO_CTRL_PENDING, 0, 0), 5);
        let p = BIO_ptr_ctrl(m, BIO_CTRL_INFO, 0);
        assert!(!p.is_null());
        // SAFETY: 5 bytes at p per BIO_get_mem_data.
        assert_eq!(
            unsafe { core::slice::from_raw_parts(p as *const u8, 5) },
            b"hello"
        );
        assert!(BIO_ptr_ctrl(m, 9999, 0).is_null());
        BIO_free(m);
    }

    /// `BIO_printf` lives in C; its Rust half is `BIO_write`.
    fn BIO_printf_stub(b: *mut BIO, s: &[u8]) -> c_int {
        wr(b, s)
    }

    // Header macros mirrored for the tests (ffi-shim/macros/bio.h).
    fn BIO_pending(b: *mut BIO) -> c_int {
        ctrl(b, BIO_CTRL_PENDING, 0) as c_int
    }
    fn BIO_wpending(b: *mut BIO) -> c_int {
        ctrl(b, BIO_CTRL_WPENDING, 0) as c_int
    }
    fn BIO_eof(b: *mut BIO) -> c_int {
        ctrl(b, BIO_CTRL_EOF, 0) as c_int
    }
    fn BIO_flush(b: *mut BIO) -> c_int {
        ctrl(b, BIO_CTRL_FLUSH, 0) as c_int
    }
    fn BIO_reset(b: *mut BIO) -> c_int {
        ctrl(b, BIO_CTRL_RESET, 0) as c_int
    }
    fn BIO_get_close(b: *mut BIO) -> c_int {
        ctrl(b, BIO_CTRL_GET_CLOSE, 0) as c_int
    }
    fn BIO_set_close(b: *mut BIO, c: c_int) -> c_int {
        ctrl(b, BIO_CTRL_SET_CLOSE, c as c_long) as c_int
    }
    fn BIO_set_nbio(b: *mut BIO, n: c_long) -> c_long {
        ctrl(b, BIO_C_SET_NBIO, n)
    }
    fn BIO_get_fd(b: *mut BIO, c: *mut c_int) -> c_long {
        BIO_ctrl(b, BIO_C_GET_FD, 0, c.cast())
    }
    fn BIO_set_fd(b: *mut BIO, fd: c_int, c: c_int) -> c_long {
        BIO_int_ctrl(b, BIO_C_SET_FD, c as c_long, fd)
    }
    fn BIO_get_mem_data(b: *mut BIO, pp: *mut *mut c_char) -> c_long {
        BIO_ctrl(b, BIO_CTRL_INFO, 0, pp.cast())
    }
    fn BIO_set_mem_eof_return(b: *mut BIO, v: c_long) -> c_long {
        ctrl(b, BIO_C_SET_BUF_MEM_EOF_RETURN, v)
    }
    fn BIO_shutdown_wr(b: *mut BIO) -> c_int {
        ctrl(b, BIO_C_SHUTDOWN_WR, 0) as c_int
    }
    fn BIO_get_write_buf_size(b: *mut BIO) -> usize {
        ctrl(b, BIO_C_GET_WRITE_BUF_SIZE, 0) as usize
    }
    fn BIO_set_write_buf_size(b: *mut BIO, size: c_long) -> c_int {
        ctrl(b, BIO_C_SET_WRITE_BUF_SIZE, size) as c_int
    }
    fn BIO_make_bio_pair(b1: *mut BIO, b2: *mut BIO) -> c_int {
        BIO_ctrl(b1, BIO_C_MAKE_BIO_PAIR, 0, b2.cast()) as c_int
    }
    fn BIO_destroy_bio_pair(b: *mut BIO) -> c_int {
        ctrl(b, BIO_C_DESTROY_BIO_PAIR, 0) as c_int
    }
    fn BIO_get_write_guarantee(b: *mut BIO) -> c_int {
        ctrl(b, BIO_C_GET_WRITE_GUARANTEE, 0) as c_int
    }
    fn BIO_get_read_request(b: *mut BIO) -> c_int {
        ctrl(b, BIO_C_GET_READ_REQUEST, 0) as c_int
    }
}
