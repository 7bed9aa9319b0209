//! Native BIOs: memory, socket, fd and pair (the `bss_mem`/`bss_sock`/`bss_fd`/`bss_bio` family
//! of OpenSSL 3.0), behaving as measured against the system OpenSSL 3.0.19.
//!
//! The engine uses only [`Bio::new_socket`], [`Bio::read`], [`Bio::write`], [`Bio::flush`],
//! [`Bio::test_flags`], [`Bio::retry_reason`], [`Bio::set_retry_read`], [`Bio::eof`],
//! [`Bio::method_type`] and [`Bio::fd`]. They follow `BIO_read`/`BIO_write` semantics exactly,
//! including the retry flags (`BIO_FLAGS_*`), which every read/write clears and sets anew, the
//! `BIO_FLAGS_IN_EOF` flag of descriptor BIOs, and the read-request bookkeeping of pairs.
//!
//! Every method takes `&self`: the state sits behind a `Mutex`, so a `Bio` is `Send + Sync` and the
//! two halves of a pair may be driven from different threads. A pair's buffers live in a separate
//! shared core (locked after a half's own state, never the other way round), so freeing either
//! half first is fine: the other one then behaves as unpaired (`BIO_R_UNINITIALIZED`).
//!
//! Like libcrypto, these BIOs raise their own errors (`BIO_R_BROKEN_PIPE`, ...) onto the calling
//! thread's ERR queue; socket/fd BIOs never queue anything and leave `errno` as the syscall set it.

use crate::crypto::err;
use crate::error::{common, lib, Error};
use crate::sync::{Mutex, MutexGuard};
use core::ffi::{c_char, c_void};
use core::sync::atomic::{AtomicPtr, Ordering};
use std::collections::VecDeque;
use std::sync::Arc;

/// A BIO type implemented outside this file: an application's `BIO_METHOD`, the SSL filter
/// (itself a `BIO_METHOD`), connect/accept and file BIOs. The generic state (flags, close flag,
/// init, data pointer, chain links) stays in [`Bio`]; the implementation runs without any lock of
/// the BIO held, so it may call back into the BIO API on the same BIO.
pub trait BioImpl: Send + Sync {
    /// `BIO_read` (after the NULL and negative-length checks): also does the init check.
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32;
    /// `BIO_write` (len > 0).
    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32;
    /// `BIO_puts`.
    fn puts(&self, b: &Bio, s: &[u8]) -> i32;
    /// `BIO_gets` with the caller's arguments as given (`buf` may be NULL, `size` any value).
    fn gets(&self, b: &Bio, buf: *mut c_char, size: i32) -> i32;
    /// `BIO_ctrl` (`parg` as given).
    fn ctrl(&self, b: &Bio, cmd: i32, larg: i64, parg: *mut c_void) -> i64;
    /// `BIO_callback_ctrl` (`fp` is the caller's `BIO_info_cb *`, type-erased).
    fn callback_ctrl(&self, b: &Bio, cmd: i32, fp: *mut c_void) -> i64;
    /// `BIO_method_name`: a NUL-terminated string living as long as the BIO.
    fn name(&self) -> *const c_char;
    /// The descriptor, for `SSL_get_fd` and the engine (`None`: not a descriptor BIO).
    fn fd(&self, _b: &Bio) -> Option<i32> {
        None
    }
    /// Called once, when the last reference goes (`BIO_free`), the BIO still intact.
    fn destroy(&self, _b: &Bio) {}
    /// The `BIO_METHOD *` this BIO was made from, if `BIO_new` can make another one from it
    /// (`BIO_dup_chain`); NULL otherwise.
    fn method_ptr(&self) -> *const c_void {
        core::ptr::null()
    }
}

/// Chain links (`BIO_push`/`BIO_pop`): addresses of other BIOs, not references; as in OpenSSL
/// the chain owns nothing, `BIO_free_all` frees along it.
#[derive(Default, Clone, Copy)]
struct Link {
    next: usize,
    prev: usize,
}

pub const BIO_FLAGS_READ: i32 = 0x01;
pub const BIO_FLAGS_WRITE: i32 = 0x02;
pub const BIO_FLAGS_IO_SPECIAL: i32 = 0x04;
pub const BIO_FLAGS_RWS: i32 = 0x07;
pub const BIO_FLAGS_SHOULD_RETRY: i32 = 0x08;
/// Memory BIO from `BIO_new_mem_buf`: writes fail.
pub const BIO_FLAGS_MEM_RDONLY: i32 = 0x200;
/// Memory BIO: `BIO_reset` rewinds instead of emptying.
pub const BIO_FLAGS_NONCLEAR_RST: i32 = 0x400;
/// Descriptor BIO: a read returned 0.
pub const BIO_FLAGS_IN_EOF: i32 = 0x800;

/// `BIO_TYPE_MEM`.
pub const TYPE_MEM: i32 = 0x0401;
/// `BIO_TYPE_FD`.
pub const TYPE_FD: i32 = 0x0504;
/// `BIO_TYPE_SOCKET`.
pub const TYPE_SOCKET: i32 = 0x0505;
/// `BIO_TYPE_BIO` (half a pair).
pub const TYPE_BIO: i32 = 0x0413;

/// Default pair buffer: 17 × 1024, one maximum TLS record.
pub const PAIR_DEFAULT_BUF: usize = 17 * 1024;
/// The most a memory BIO holds: OpenSSL's `BUF_MEM` does not grow past this (`LIMIT_BEFORE_EXPANSION`).
const MEM_LIMIT: usize = 0x5fff_fffc;

/// `BIO_R_*` reasons raised here (OpenSSL 3.0 `bioerr.h`).
pub mod reason {
    pub const NO_SUCH_FILE: i32 = 128;
    pub const BROKEN_PIPE: i32 = 124;
    pub const INVALID_ARGUMENT: i32 = 125;
    pub const IN_USE: i32 = 123;
    pub const UNINITIALIZED: i32 = 120;
    pub const UNSUPPORTED_METHOD: i32 = 121;
    pub const WRITE_TO_READ_ONLY_BIO: i32 = 126;
}

/// `BIO_ctrl` command numbers understood by [`Bio::ctrl`] (OpenSSL 3.0 `bio.h`).
pub mod cmd {
    pub const RESET: i32 = 1;
    pub const EOF: i32 = 2;
    pub const INFO: i32 = 3;
    pub const GET_CLOSE: i32 = 8;
    pub const SET_CLOSE: i32 = 9;
    pub const PENDING: i32 = 10;
    pub const FLUSH: i32 = 11;
    pub const DUP: i32 = 12;
    pub const WPENDING: i32 = 13;
    pub const SET_NBIO: i32 = 102;
    pub const SET_FD: i32 = 104;
    pub const GET_FD: i32 = 105;
    pub const FILE_SEEK: i32 = 128;
    pub const SET_BUF_MEM_EOF_RETURN: i32 = 130;
    pub const FILE_TELL: i32 = 133;
    pub const SET_WRITE_BUF_SIZE: i32 = 136;
    pub const GET_WRITE_BUF_SIZE: i32 = 137;
    pub const MAKE_BIO_PAIR: i32 = 138;
    pub const DESTROY_BIO_PAIR: i32 = 139;
    pub const GET_WRITE_GUARANTEE: i32 = 140;
    pub const GET_READ_REQUEST: i32 = 141;
    pub const SHUTDOWN_WR: i32 = 142;
    pub const RESET_READ_REQUEST: i32 = 147;
}

fn raise(reason: i32, func: &'static str) {
    err::push(Error::new(lib::BIO, reason, func));
}

/// `BIO_sock_non_fatal_error` / `BIO_fd_non_fatal_error`: the errnos that mean "try again".
pub fn non_fatal_errno(e: i32) -> bool {
    matches!(
        e,
        libc::EWOULDBLOCK
            | libc::EINTR
            | libc::ENOTCONN
            | libc::EPROTO
            | libc::EINPROGRESS
            | libc::EALREADY
    )
}

/// `BIO_sock_should_retry(i)`: for `i` 0 or -1, whether the current errno is non-fatal.
pub fn should_retry(i: i64) -> bool {
    (i == 0 || i == -1) && non_fatal_errno(errno())
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn clear_errno() {
    // SAFETY: __errno_location returns this thread's errno slot, always valid.
    unsafe { *libc::__errno_location() = 0 };
}

/// One direction of a pair: what one half wrote and the other has not read yet.
struct Dir {
    buf: VecDeque<u8>,
    size: usize,
    /// The writer did `BIO_shutdown_wr`.
    closed: bool,
    /// Size of the reader's last failed read, capped at `size` (`BIO_ctrl_get_read_request` on
    /// the writer).
    request: usize,
}

impl Dir {
    fn new(size: usize) -> Dir {
        Dir {
            buf: VecDeque::new(),
            size,
            closed: false,
            request: 0,
        }
    }
}

/// The state two paired halves share. `dirs[s]` is written by side `s`, read by side `1 - s`.
struct PairCore {
    connected: bool,
    dirs: [Dir; 2],
}

struct Mem {
    data: Vec<u8>,
    pos: usize,
    eof_return: i32,
    /// The `BUF_MEM` handed out by `BIO_get_mem_ptr` (boxed: its address must not move).
    view: Option<Box<BufMemView>>,
}

/// OpenSSL's public `BUF_MEM` layout (`<openssl/buffer.h>`), as returned by `BIO_get_mem_ptr`.
#[repr(C)]
pub struct BufMemView {
    pub length: usize,
    pub data: *mut u8,
    pub max: usize,
    pub flags: core::ffi::c_ulong,
}

// SAFETY: the view is only written under its BIO's lock; `data` points into that BIO's buffer and
// is only dereferenced by C, under the same rules as `BIO_get_mem_data`'s pointer.
unsafe impl Send for BufMemView {}

impl Mem {
    fn avail(&self) -> &[u8] {
        &self.data[self.pos..]
    }
    fn consume(&mut self, n: usize, keep: bool) {
        self.pos += n;
        if self.pos == self.data.len() && !keep {
            self.data.clear();
            self.pos = 0;
        }
    }
}

struct PairHalf {
    /// `BIO_set_write_buf_size`, as given (OpenSSL stores any nonzero `long`).
    size: i64,
    link: Option<(Arc<Mutex<PairCore>>, usize)>,
}

enum Kind {
    Mem(Mem),
    /// Socket or fd (the method type tells which). `init` is false until an fd is set.
    Fd {
        fd: i32,
        init: bool,
    },
    Pair(PairHalf),
    /// Implemented by [`Bio::imp`]; `init` is `BIO_get_init`/`BIO_set_init`.
    Dyn {
        init: bool,
    },
}

struct State {
    flags: i32,
    retry_reason: i32,
    /// `BIO_get_close`: the close flag (`shutdown` in OpenSSL), stored as given.
    shutdown: i32,
    kind: Kind,
}

/// One BIO. Shared (`Arc`) between the C side and the SSL objects that hold it.
pub struct Bio {
    method: i32,
    st: Mutex<State>,
    /// Pass-through mode: the libcrypto BIO every call goes to (then `st` is unused).
    ext: Option<super::bio_foreign::Foreign>,
    /// The implementation of a [`Kind::Dyn`] BIO.
    imp: Option<Box<dyn BioImpl>>,
    /// `BIO_get_data`/`BIO_set_data`.
    data: AtomicPtr<c_void>,
    link: Mutex<Link>,
    /// `BIO_set_ex_data` values by index.
    ex: Mutex<Vec<usize>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A pair half's live link, or `None` if unpaired or the peer is gone.
fn live(h: &PairHalf) -> Option<(MutexGuard<'_, PairCore>, usize)> {
    let (core, side) = h.link.as_ref()?;
    let g = lock(core);
    if g.connected {
        Some((g, *side))
    } else {
        None
    }
}

fn clear_retry(st: &mut State) {
    st.flags &= !(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
}

impl Bio {
    fn with(method: i32, shutdown: i32, flags: i32, kind: Kind) -> Arc<Bio> {
        Arc::new(Bio {
            method,
            ext: None,
            imp: None,
            data: AtomicPtr::new(core::ptr::null_mut()),
            link: Mutex::new(Link::default()),
            ex: Mutex::new(Vec::new()),
            st: Mutex::new(State {
                flags,
                retry_reason: 0,
                shutdown,
                kind,
            }),
        })
    }

    /// Pass-through mode: wraps libcrypto's `ptr`, taking over one reference.
    pub fn foreign(ptr: *mut core::ffi::c_void) -> Option<Arc<Bio>> {
        let ext = super::bio_foreign::Foreign::adopt(ptr)?;
        let method = ext.method_type();
        Some(Arc::new(Bio {
            method,
            ext: Some(ext),
            imp: None,
            data: AtomicPtr::new(core::ptr::null_mut()),
            link: Mutex::new(Link::default()),
            ex: Mutex::new(Vec::new()),
            st: Mutex::new(State {
                flags: 0,
                retry_reason: 0,
                shutdown: 0,
                kind: Kind::Fd {
                    fd: -1,
                    init: false,
                },
            }),
        }))
    }

    /// A BIO of type `method` implemented by `imp`: close flag 1, flags 0, `init` as given
    /// (the caller runs the method's create step afterwards).
    pub fn new_dyn(method: i32, init: bool, imp: Box<dyn BioImpl>) -> Arc<Bio> {
        Arc::new(Bio {
            method,
            ext: None,
            imp: Some(imp),
            data: AtomicPtr::new(core::ptr::null_mut()),
            link: Mutex::new(Link::default()),
            ex: Mutex::new(Vec::new()),
            st: Mutex::new(State {
                flags: 0,
                retry_reason: 0,
                shutdown: 1,
                kind: Kind::Dyn { init },
            }),
        })
    }

    /// The implementation of a BIO made by [`Bio::new_dyn`].
    pub fn imp(&self) -> Option<&dyn BioImpl> {
        self.imp.as_deref()
    }

    /// `BIO_get_init`.
    pub fn get_init(&self) -> bool {
        Bio::init(&lock(&self.st))
    }

    /// `BIO_set_init` (only [`Bio::new_dyn`] BIOs keep it; the built-in types ignore it).
    pub fn set_init(&self, v: bool) {
        if let Kind::Dyn { init } = &mut lock(&self.st).kind {
            *init = v;
        }
    }

    /// `BIO_get_data`.
    pub fn get_data(&self) -> *mut c_void {
        self.data.load(Ordering::Acquire)
    }

    /// `BIO_set_data`.
    pub fn set_data(&self, p: *mut c_void) {
        self.data.store(p, Ordering::Release)
    }

    /// `BIO_get_shutdown` (the close flag).
    pub fn get_shutdown(&self) -> i32 {
        lock(&self.st).shutdown
    }

    /// `BIO_set_shutdown`.
    pub fn set_shutdown(&self, v: i32) {
        lock(&self.st).shutdown = v;
    }

    /// `BIO_get_ex_data` (0 when unset).
    pub fn ex_get(&self, idx: usize) -> usize {
        lock(&self.ex).get(idx).copied().unwrap_or(0)
    }

    /// `BIO_set_ex_data`.
    /// Sets ex_data slot `idx`; false (nothing changed) when the slots cannot grow to it: from
    /// `max` up, or when the allocation fails (OpenSSL's malloc failure).
    pub fn ex_set(&self, idx: usize, v: usize, max: usize) -> bool {
        let mut ex = lock(&self.ex);
        if ex.len() <= idx {
            let more = idx + 1 - ex.len();
            if idx >= max || ex.try_reserve(more).is_err() {
                return false;
            }
            ex.resize(idx + 1, 0);
        }
        ex[idx] = v;
        true
    }

    /// `BIO_next`: the next BIO's address (NULL at the end of the chain).
    pub fn next_addr(&self) -> *const Bio {
        lock(&self.link).next as *const Bio
    }

    /// The previous BIO's address in the chain (NULL at the head).
    pub fn prev_addr(&self) -> *const Bio {
        lock(&self.link).prev as *const Bio
    }

    /// `BIO_set_next`'s link write (the other BIO's `prev` is the caller's business).
    pub fn set_next_addr(&self, next: *const Bio) {
        lock(&self.link).next = next as usize;
    }

    /// Sets the back link.
    pub fn set_prev_addr(&self, prev: *const Bio) {
        lock(&self.link).prev = prev as usize;
    }

    /// The libcrypto BIO behind a pass-through wrapper.
    pub fn foreign_ptr(&self) -> Option<*mut core::ffi::c_void> {
        self.ext.as_ref().map(|e| e.ptr())
    }

    /// `BIO_new(BIO_s_mem())`: an empty, growable memory BIO (eof-return -1).
    pub fn new_mem() -> Arc<Bio> {
        Bio::with(
            TYPE_MEM,
            1,
            0,
            Kind::Mem(Mem {
                data: Vec::new(),
                pos: 0,
                eof_return: -1,
                view: None,
            }),
        )
    }

    /// `BIO_new_mem_buf`: a read-only memory BIO over a copy of `data` (eof-return 0).
    pub fn new_mem_buf(data: &[u8]) -> Arc<Bio> {
        Bio::with(
            TYPE_MEM,
            1,
            BIO_FLAGS_MEM_RDONLY,
            Kind::Mem(Mem {
                data: data.to_vec(),
                pos: 0,
                eof_return: 0,
                view: None,
            }),
        )
    }

    /// `BIO_new_socket(fd, close_flag)`.
    pub fn new_socket(fd: i32, close: bool) -> Arc<Bio> {
        Bio::new_descriptor(TYPE_SOCKET, fd, i32::from(close))
    }

    /// `BIO_new_socket` / `BIO_new_fd` with the C close flag kept as given. `method` is
    /// [`TYPE_SOCKET`] or [`TYPE_FD`].
    pub fn new_descriptor(method: i32, fd: i32, close_flag: i32) -> Arc<Bio> {
        Bio::with(method, close_flag, 0, Kind::Fd { fd, init: true })
    }

    /// `BIO_new(BIO_s_socket())` / `BIO_new(BIO_s_fd())`: no fd yet (reads and writes fail with
    /// `BIO_R_UNINITIALIZED` until `BIO_set_fd`), close flag 1.
    pub fn new_descriptor_uninit(method: i32) -> Arc<Bio> {
        Bio::with(
            method,
            1,
            0,
            Kind::Fd {
                fd: -1,
                init: false,
            },
        )
    }

    /// `BIO_new(BIO_s_bio())`: an unpaired half with the default buffer size.
    pub fn new_pair_half() -> Arc<Bio> {
        Bio::with(
            TYPE_BIO,
            1,
            0,
            Kind::Pair(PairHalf {
                size: PAIR_DEFAULT_BUF as i64,
                link: None,
            }),
        )
    }

    /// `BIO_new_bio_pair`: two connected halves; 0 means the default 17408-byte buffer.
    /// `size1` is the buffer `a` writes into.
    pub fn new_pair(size1: usize, size2: usize) -> (Arc<Bio>, Arc<Bio>) {
        let a = Bio::new_pair_half();
        let b = Bio::new_pair_half();
        for (h, s) in [(&a, size1), (&b, size2)] {
            if s != 0 {
                if let Kind::Pair(p) = &mut lock(&h.st).kind {
                    p.size = i64::try_from(s).unwrap_or(i64::MAX);
                }
            }
        }
        let ok = Bio::make_pair(&a, &b);
        debug_assert!(ok);
        (a, b)
    }

    /// `BIO_make_bio_pair(a, b)`: 1, or 0 with `BIO_R_IN_USE` if either is not an unpaired pair
    /// half (or both are the same BIO).
    pub fn make_pair(a: &Bio, b: &Bio) -> bool {
        const F: &str = "bio_make_pair";
        if core::ptr::eq(a, b) {
            raise(reason::IN_USE, F);
            return false;
        }
        // Lock in address order so concurrent make_pair(a,b)/make_pair(b,a) cannot deadlock.
        let (first, second) = if (a as *const Bio) < (b as *const Bio) {
            (a, b)
        } else {
            (b, a)
        };
        let mut g1 = lock(&first.st);
        let mut g2 = lock(&second.st);
        let (ga, gb) = if core::ptr::eq(first, a) {
            (&mut g1, &mut g2)
        } else {
            (&mut g2, &mut g1)
        };
        let (Kind::Pair(pa), Kind::Pair(pb)) = (&mut ga.kind, &mut gb.kind) else {
            raise(reason::IN_USE, F);
            return false;
        };
        if live(pa).is_some() || live(pb).is_some() {
            raise(reason::IN_USE, F);
            return false;
        }
        let (Ok(sa), Ok(sb)) = (usize::try_from(pa.size), usize::try_from(pb.size)) else {
            err::push(Error::new(lib::BIO, common::MALLOC_FAILURE, F));
            return false;
        };
        let core = Arc::new(Mutex::new(PairCore {
            connected: true,
            dirs: [Dir::new(sa), Dir::new(sb)],
        }));
        pa.link = Some((core.clone(), 0));
        pb.link = Some((core, 1));
        true
    }

    /// `BIO_destroy_bio_pair`: disconnects both halves (their buffered data is dropped).
    pub fn destroy_pair(&self) {
        let mut st = lock(&self.st);
        if let Kind::Pair(p) = &mut st.kind {
            if let Some((core, _)) = p.link.take() {
                lock(&core).connected = false;
            }
        }
    }

    /// Whether reads and writes reach the method (`b->init` in OpenSSL).
    fn init(st: &State) -> bool {
        match &st.kind {
            Kind::Dyn { init } => *init,
            Kind::Mem(_) => true,
            Kind::Fd { init, .. } => *init,
            Kind::Pair(p) => live(p).is_some(),
        }
    }

    /// `BIO_read`: >0 bytes read; 0 EOF (or nothing); <0 failure, retry flags tell which.
    /// An empty `buf` is `BIO_read(b, buf, 0)`, which still reaches the method.
    pub fn read(&self, buf: &mut [u8]) -> i32 {
        let n = buf.len().min(i32::MAX as usize);
        self.read_opt(Some(&mut buf[..n]), n)
    }

    /// `BIO_read` with the C buffer possibly NULL (`None`, `len` bytes asked for). OpenSSL does
    /// not check the pointer: memory BIOs report what they would have copied, pairs return 0,
    /// descriptors pass it to read(2).
    pub fn read_opt(&self, buf: Option<&mut [u8]>, len: usize) -> i32 {
        if let Some(i) = &self.imp {
            return i.read(self, buf, len.min(i32::MAX as usize));
        }
        if let (Some(e), Some(b)) = (&self.ext, buf.as_deref()) {
            let n = b.len().min(len);
            let b = buf.unwrap_or_default();
            return e.read(&mut b[..n]);
        }
        let len = len.min(i32::MAX as usize);
        let mut st = lock(&self.st);
        if !Bio::init(&st) {
            raise(reason::UNINITIALIZED, "BIO_read");
            return -1;
        }
        clear_retry(&mut st);
        let st = &mut *st;
        match &mut st.kind {
            Kind::Dyn { .. } => -2,
            Kind::Mem(m) => {
                let avail = m.avail().len();
                let n = len.min(avail);
                match buf {
                    Some(out) if n > 0 => {
                        out[..n].copy_from_slice(&m.avail()[..n]);
                        m.consume(
                            n,
                            st.flags & (BIO_FLAGS_NONCLEAR_RST | BIO_FLAGS_MEM_RDONLY) != 0,
                        );
                        n as i32
                    }
                    _ if avail == 0 => {
                        if m.eof_return != 0 {
                            st.flags |= BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY;
                        }
                        m.eof_return
                    }
                    _ => n as i32,
                }
            }
            Kind::Fd { fd, .. } => {
                let ptr = buf.map_or(core::ptr::null_mut(), |b| b.as_mut_ptr());
                clear_errno();
                // SAFETY: `ptr` is NULL (the kernel answers EFAULT, as under OpenSSL) or points to
                // `len` writable bytes.
                let r = unsafe { libc::read(*fd, ptr.cast(), len) };
                if r <= 0 {
                    if should_retry(r as i64) {
                        st.flags |= BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY;
                    } else if r == 0 {
                        st.flags |= BIO_FLAGS_IN_EOF;
                    }
                }
                r as i32
            }
            Kind::Pair(p) => {
                let Some((mut core, side)) = live(p) else {
                    return 0;
                };
                let d = &mut core.dirs[1 - side];
                d.request = 0;
                let Some(out) = buf else { return 0 };
                if len == 0 {
                    return 0;
                }
                if d.buf.is_empty() {
                    if d.closed {
                        return 0;
                    }
                    d.request = len.min(d.size);
                    st.flags |= BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY;
                    return -1;
                }
                let n = len.min(d.buf.len());
                // Two slice copies (the ring buffer's halves), not a byte loop.
                let (front, back) = d.buf.as_slices();
                let k = n.min(front.len());
                out[..k].copy_from_slice(&front[..k]);
                out[k..n].copy_from_slice(&back[..n - k]);
                d.buf.drain(..n);
                n as i32
            }
        }
    }

    /// `BIO_write`: bytes written (>0), 0 for an empty `buf`, <0 on failure with retry flags.
    pub fn write(&self, buf: &[u8]) -> i32 {
        let n = buf.len().min(i32::MAX as usize);
        self.write_opt(Some(&buf[..n]), n)
    }

    /// `BIO_write` with the C buffer possibly NULL. `len == 0` returns 0 without touching flags.
    pub fn write_opt(&self, buf: Option<&[u8]>, len: usize) -> i32 {
        if let (Some(e), Some(b)) = (&self.ext, buf) {
            return e.write(&b[..b.len().min(len)]);
        }
        if len == 0 {
            return 0;
        }
        if let Some(i) = &self.imp {
            return i.write(self, buf, len.min(i32::MAX as usize));
        }
        self.write_method(buf, len.min(i32::MAX as usize), "BIO_write")
    }

    /// The method's write, reached by `BIO_write` (len > 0) and `BIO_puts` (any len).
    fn write_method(&self, buf: Option<&[u8]>, len: usize, func: &'static str) -> i32 {
        let mut st = lock(&self.st);
        if !Bio::init(&st) {
            raise(reason::UNINITIALIZED, func);
            return -1;
        }
        clear_retry(&mut st);
        let st = &mut *st;
        match &mut st.kind {
            Kind::Dyn { .. } => -2,
            Kind::Mem(m) => {
                let Some(data) = buf else {
                    err::push(Error::null_param(lib::BIO, "mem_write"));
                    return -1;
                };
                if st.flags & BIO_FLAGS_MEM_RDONLY != 0 {
                    raise(reason::WRITE_TO_READ_ONLY_BIO, "mem_write");
                    return -1;
                }
                if m.pos > 0 && m.pos >= m.data.len() / 2 && st.flags & BIO_FLAGS_NONCLEAR_RST == 0
                {
                    m.data.drain(..m.pos);
                    m.pos = 0;
                }
                // OpenSSL's BUF_MEM refuses to grow past 0x5ffffffc bytes (a malloc failure)
                if (m.data.len() - m.pos).saturating_add(len) > MEM_LIMIT
                    || m.data.try_reserve(len).is_err()
                {
                    err::push(Error::new(
                        lib::BUF,
                        common::MALLOC_FAILURE,
                        "BUF_MEM_grow_clean",
                    ));
                    return -1;
                }
                m.data.extend_from_slice(&data[..len]);
                len as i32
            }
            Kind::Fd { fd, .. } => {
                let ptr = buf.map_or(core::ptr::null(), |b| b.as_ptr());
                clear_errno();
                // SAFETY: `ptr` is NULL (EFAULT from the kernel) or points to `len` readable bytes.
                let r = unsafe { libc::write(*fd, ptr.cast(), len) };
                if r <= 0 && should_retry(r as i64) {
                    st.flags |= BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY;
                }
                r as i32
            }
            Kind::Pair(p) => {
                let Some((mut core, side)) = live(p) else {
                    return 0;
                };
                let d = &mut core.dirs[side];
                d.request = 0;
                let Some(data) = buf else { return 0 };
                if len == 0 {
                    return 0;
                }
                if d.closed {
                    raise(reason::BROKEN_PIPE, "bio_write");
                    return -1;
                }
                let free = d.size - d.buf.len();
                if free == 0 {
                    st.flags |= BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY;
                    return -1;
                }
                let n = len.min(free);
                d.buf.extend(&data[..n]);
                n as i32
            }
        }
    }

    /// `BIO_puts` on this BIO (the caller did the NULL checks): writes all of `s`.
    pub fn puts(&self, s: &[u8]) -> i32 {
        if let Some(i) = &self.imp {
            return i.puts(self, s);
        }
        self.write_method(Some(s), s.len().min(i32::MAX as usize), "BIO_puts")
    }

    /// Whether `BIO_gets` is supported (memory and fd BIOs; not sockets or pairs).
    pub fn has_gets(&self) -> bool {
        matches!(self.method, TYPE_MEM | TYPE_FD)
    }

    /// `BIO_gets` on this BIO, `out.len() >= 1` (the size, room for the NUL included). Reads up
    /// to `out.len() - 1` bytes, stopping after a newline, NUL-terminates, returns the count.
    /// Unsupported types give -2 with `BIO_R_UNSUPPORTED_METHOD`.
    pub fn gets(&self, out: &mut [u8]) -> i32 {
        if !self.has_gets() {
            raise(reason::UNSUPPORTED_METHOD, "BIO_gets");
            return -2;
        }
        if out.is_empty() {
            return 0;
        }
        let max = (out.len() - 1).min(i32::MAX as usize - 1);
        if self.method == TYPE_FD {
            if !Bio::init(&lock(&self.st)) {
                raise(reason::UNINITIALIZED, "BIO_gets");
                return -1;
            }
            // One byte per read, as OpenSSL's fd BIO does: never consumes past the newline.
            let mut n = 0;
            while n < max {
                let mut c = [0u8; 1];
                if self.read(&mut c) <= 0 {
                    break;
                }
                out[n] = c[0];
                n += 1;
                if c[0] == b'\n' {
                    break;
                }
            }
            out[n] = 0;
            return n as i32;
        }
        let mut st = lock(&self.st);
        clear_retry(&mut st);
        let keep = st.flags & (BIO_FLAGS_NONCLEAR_RST | BIO_FLAGS_MEM_RDONLY) != 0;
        let Kind::Mem(m) = &mut st.kind else {
            return -2;
        };
        let avail = m.avail();
        let lim = max.min(avail.len());
        let n = avail[..lim]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(lim, |i| i + 1);
        out[..n].copy_from_slice(&avail[..n]);
        out[n] = 0;
        m.consume(n, keep);
        n as i32
    }

    /// `BIO_ctrl` for the commands without a pointer argument (see [`cmd`]); unknown commands
    /// return 0, as OpenSSL's source/sink BIOs do.
    pub fn ctrl(&self, c: i32, larg: i64) -> i64 {
        if let Some(i) = &self.imp {
            return i.ctrl(self, c, larg, core::ptr::null_mut());
        }
        if let Some(e) = &self.ext {
            return e.ctrl(c, larg);
        }
        let mut st = lock(&self.st);
        let st = &mut *st;
        match c {
            cmd::GET_CLOSE => return st.shutdown as i64,
            cmd::SET_CLOSE => {
                st.shutdown = larg as i32;
                return 1;
            }
            _ => {}
        }
        match &mut st.kind {
            Kind::Dyn { .. } => 0,
            Kind::Mem(m) => match c {
                cmd::RESET => {
                    if st.flags & (BIO_FLAGS_MEM_RDONLY | BIO_FLAGS_NONCLEAR_RST) != 0 {
                        m.pos = 0;
                    } else {
                        m.data.clear();
                        m.pos = 0;
                    }
                    1
                }
                cmd::EOF => i64::from(m.avail().is_empty()),
                cmd::INFO | cmd::PENDING => m.avail().len() as i64,
                cmd::SET_BUF_MEM_EOF_RETURN => {
                    m.eof_return = larg as i32;
                    1
                }
                cmd::FLUSH | cmd::DUP => 1,
                _ => 0,
            },
            Kind::Fd { fd, init } => match c {
                cmd::EOF => i64::from(st.flags & BIO_FLAGS_IN_EOF != 0),
                cmd::FLUSH | cmd::DUP => 1,
                cmd::GET_FD => {
                    if *init {
                        *fd as i64
                    } else {
                        -1
                    }
                }
                cmd::RESET | cmd::FILE_SEEK | cmd::FILE_TELL if self.method == TYPE_FD => {
                    let (off, whence) = match c {
                        cmd::FILE_TELL => (0, libc::SEEK_CUR),
                        cmd::FILE_SEEK => (larg, libc::SEEK_SET),
                        _ => (0, libc::SEEK_SET),
                    };
                    // SAFETY: lseek takes no pointers.
                    unsafe { libc::lseek(*fd, off as libc::off_t, whence) as i64 }
                }
                _ => 0,
            },
            Kind::Pair(p) => match c {
                cmd::SET_WRITE_BUF_SIZE => {
                    if live(p).is_some() {
                        raise(reason::IN_USE, "bio_ctrl");
                        0
                    } else if larg == 0 {
                        raise(reason::INVALID_ARGUMENT, "bio_ctrl");
                        0
                    } else {
                        p.size = larg;
                        1
                    }
                }
                cmd::GET_WRITE_BUF_SIZE => p.size,
                cmd::DESTROY_BIO_PAIR => {
                    if let Some((core, _)) = p.link.take() {
                        lock(&core).connected = false;
                    }
                    1
                }
                cmd::RESET => {
                    if let Some((mut core, side)) = live(p) {
                        core.dirs[side].buf.clear();
                    }
                    0
                }
                cmd::FLUSH | cmd::DUP => 1,
                cmd::EOF => match live(p) {
                    None => 1,
                    Some((core, side)) => {
                        let d = &core.dirs[1 - side];
                        i64::from(d.closed && d.buf.is_empty())
                    }
                },
                cmd::SHUTDOWN_WR => {
                    if let Some((mut core, side)) = live(p) {
                        core.dirs[side].closed = true;
                    }
                    1
                }
                cmd::RESET_READ_REQUEST => {
                    if let Some((mut core, side)) = live(p) {
                        core.dirs[side].request = 0;
                    }
                    1
                }
                cmd::PENDING | cmd::WPENDING | cmd::GET_WRITE_GUARANTEE | cmd::GET_READ_REQUEST => {
                    let Some((core, side)) = live(p) else {
                        return 0;
                    };
                    let own = &core.dirs[side];
                    (match c {
                        cmd::PENDING => core.dirs[1 - side].buf.len(),
                        cmd::WPENDING => own.buf.len(),
                        cmd::GET_READ_REQUEST => own.request,
                        _ if own.closed => 0,
                        _ => own.size - own.buf.len(),
                    }) as i64
                }
                _ => 0,
            },
        }
    }

    /// `BIO_set_fd(b, fd, close_flag)` (socket and fd BIOs): closes the old fd if the old close
    /// flag asked for it, then takes `fd`. Returns 1, or 0 for other types.
    pub fn set_fd(&self, new_fd: i32, close_flag: i32) -> i64 {
        let mut st = lock(&self.st);
        let old_close = st.shutdown;
        let Kind::Fd { fd, init } = &mut st.kind else {
            return 0;
        };
        if *init && old_close != 0 {
            // SAFETY: closing an fd this BIO owns.
            unsafe { libc::close(*fd) };
        }
        *fd = new_fd;
        *init = true;
        st.shutdown = close_flag;
        1
    }

    /// `BIO_get_mem_data`: the unread bytes of a memory BIO (`None` for other types). The
    /// pointer stays valid until the BIO is next written, reset or freed.
    pub fn mem_data(&self) -> Option<(*const u8, usize)> {
        let st = lock(&self.st);
        match &st.kind {
            Kind::Mem(m) => Some((m.avail().as_ptr(), m.avail().len())),
            _ => None,
        }
    }

    /// `BIO_get_mem_ptr`: a `BUF_MEM` describing the unread bytes of a memory BIO (`None` for
    /// other types). Deviation: it is a snapshot, refreshed by each `BIO_get_mem_ptr` call, and
    /// valid until the BIO is next written, reset or freed; changes made through it are not seen.
    pub fn mem_ptr(&self) -> Option<*mut BufMemView> {
        let mut st = lock(&self.st);
        let Kind::Mem(m) = &mut st.kind else {
            return None;
        };
        let len = m.data.len() - m.pos;
        let data = m.data[m.pos..].as_mut_ptr();
        let max = m.data.capacity() - m.pos;
        let v = m.view.get_or_insert_with(|| {
            Box::new(BufMemView {
                length: 0,
                data: core::ptr::null_mut(),
                max: 0,
                flags: 0,
            })
        });
        v.length = len;
        v.data = data;
        v.max = max;
        Some(&mut **v as *mut BufMemView)
    }

    /// `BIO_flush`: 1 for every native type.
    pub fn flush(&self) -> i32 {
        self.ctrl(cmd::FLUSH, 0) as i32
    }

    /// `BIO_test_flags(b, mask)`.
    pub fn test_flags(&self, mask: i32) -> i32 {
        if let Some(e) = &self.ext {
            return e.test_flags(mask);
        }
        lock(&self.st).flags & mask
    }

    /// `BIO_set_flags(b, flags)`.
    pub fn set_flags(&self, flags: i32) {
        if let Some(e) = &self.ext {
            return e.set_flags(flags);
        }
        lock(&self.st).flags |= flags;
    }

    /// `BIO_clear_flags(b, flags)`.
    pub fn clear_flags(&self, flags: i32) {
        if let Some(e) = &self.ext {
            return e.clear_flags(flags);
        }
        lock(&self.st).flags &= !flags;
    }

    /// `BIO_get_retry_reason`.
    pub fn retry_reason(&self) -> i32 {
        if let Some(e) = &self.ext {
            return e.retry_reason();
        }
        lock(&self.st).retry_reason
    }

    /// `BIO_set_retry_reason`.
    pub fn set_retry_reason(&self, r: i32) {
        lock(&self.st).retry_reason = r;
    }

    /// `BIO_clear_retry_flags` then `BIO_set_retry_read`.
    pub fn set_retry_read(&self) {
        if let Some(e) = &self.ext {
            e.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
            return e.set_flags(BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
        }
        let mut st = lock(&self.st);
        clear_retry(&mut st);
        st.flags |= BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY;
    }

    /// `BIO_eof`.
    pub fn eof(&self) -> bool {
        self.ctrl(cmd::EOF, 0) != 0
    }

    /// `BIO_pending` / `BIO_ctrl_pending`: bytes readable without blocking.
    pub fn pending(&self) -> usize {
        self.ctrl(cmd::PENDING, 0).max(0) as usize
    }

    /// `BIO_method_type` (e.g. `BIO_TYPE_SOCKET` 0x0505).
    pub fn method_type(&self) -> i32 {
        self.method
    }

    /// `BIO_method_name`, as OpenSSL 3.0 spells it.
    pub fn method_name(&self) -> &'static str {
        match self.method {
            TYPE_MEM => "memory buffer",
            TYPE_FD => "file descriptor",
            TYPE_SOCKET => "socket",
            _ => "BIO pair",
        }
    }

    /// The fd of a socket/fd BIO (`BIO_get_fd`), else `None`.
    pub fn fd(&self) -> Option<i32> {
        if let Some(e) = &self.ext {
            return e.fd();
        }
        if let Some(i) = &self.imp {
            return i.fd(self);
        }
        match lock(&self.st).kind {
            Kind::Fd { fd, init: true } => Some(fd),
            _ => None,
        }
    }
}

impl Drop for Bio {
    fn drop(&mut self) {
        if let Some(i) = &self.imp {
            i.destroy(self);
        }
        let st = self.st.get_mut().unwrap_or_else(|e| e.into_inner());
        match &mut st.kind {
            Kind::Fd { fd, init: true } if st.shutdown != 0 => {
                // SAFETY: the BIO owns the fd (BIO_CLOSE) and nobody uses it after the last ref.
                unsafe { libc::close(*fd) };
            }
            Kind::Pair(p) => {
                if let Some((core, _)) = p.link.take() {
                    lock(&core).connected = false;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_is_send_sync() {
        fn ok<T: Send + Sync>() {}
        ok::<Bio>();
    }

    #[test]
    fn pair_across_threads() {
        let (a, b) = Bio::new_pair(0, 0);
        let t = std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut buf = [0u8; 100];
            while got.len() < 100_000 {
                match b.read(&mut buf) {
                    n if n > 0 => got.extend_from_slice(&buf[..n as usize]),
                    _ => std::thread::yield_now(),
                }
            }
            got
        });
        let data: Vec<u8> = (0..100_000u32).map(|i| i as u8).collect();
        let mut off = 0;
        while off < data.len() {
            let n = a.write(&data[off..]);
            if n > 0 {
                off += n as usize;
            } else {
                assert_eq!(a.test_flags(BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY), 0x0A);
                std::thread::yield_now();
            }
        }
        assert_eq!(t.join().unwrap(), data);
    }

    #[test]
    fn set_retry_read_clears_first() {
        let (a, _b) = Bio::new_pair(4, 4);
        assert_eq!(a.write(b"abcdef"), 4);
        assert_eq!(a.write(b"x"), -1);
        assert_eq!(a.test_flags(!0), BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY);
        a.set_retry_read();
        assert_eq!(a.test_flags(!0), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
        assert_eq!(a.method_type(), TYPE_BIO);
        assert_eq!(a.fd(), None);
        assert_eq!(a.flush(), 1);
        assert_eq!(a.retry_reason(), 0);
    }
}
