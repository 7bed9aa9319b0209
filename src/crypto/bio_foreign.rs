//! A BIO that belongs to libcrypto (pass-through mode): the engine reads, writes and reads the
//! retry flags through libcrypto's public BIO entry points, so every BIO kind works — sockets,
//! memory, pairs, and an application's own `BIO_METHOD` (haproxy, Python's memory BIOs, curl's
//! connection filter).

use crate::ffi::backend;
use core::ffi::{c_int, c_long, c_void};
use std::sync::OnceLock;

type Rw = unsafe extern "C" fn(*mut c_void, *mut c_void, c_int) -> c_int;
type Ctrl = unsafe extern "C" fn(*mut c_void, c_int, c_long, *mut c_void) -> c_long;
type Flags = unsafe extern "C" fn(*const c_void, c_int) -> c_int;
type SetFlags = unsafe extern "C" fn(*mut c_void, c_int);
type OfBio = unsafe extern "C" fn(*const c_void) -> c_int;
type Free = unsafe extern "C" fn(*mut c_void) -> c_int;

struct Ops {
    read: Rw,
    write: Rw,
    ctrl: Ctrl,
    test_flags: Flags,
    set_flags: SetFlags,
    clear_flags: SetFlags,
    retry_reason: OfBio,
    method_type: OfBio,
    free: Free,
}

fn ops() -> Option<&'static Ops> {
    static OPS: OnceLock<Option<Ops>> = OnceLock::new();
    OPS.get_or_init(|| {
        let get = |n: &str| {
            let p = backend::lookup(n);
            (!p.is_null()).then_some(p)
        };
        // SAFETY: libcrypto's OpenSSL 3.0 BIO functions, with their prototypes (BIO* as
        // void*, `const BIO*` where OpenSSL has it).
        unsafe {
            Some(Ops {
                read: core::mem::transmute::<*mut c_void, Rw>(get("BIO_read\0")?),
                write: core::mem::transmute::<*mut c_void, Rw>(get("BIO_write\0")?),
                ctrl: core::mem::transmute::<*mut c_void, Ctrl>(get("BIO_ctrl\0")?),
                test_flags: core::mem::transmute::<*mut c_void, Flags>(get("BIO_test_flags\0")?),
                set_flags: core::mem::transmute::<*mut c_void, SetFlags>(get("BIO_set_flags\0")?),
                clear_flags: core::mem::transmute::<*mut c_void, SetFlags>(get(
                    "BIO_clear_flags\0",
                )?),
                retry_reason: core::mem::transmute::<*mut c_void, OfBio>(get(
                    "BIO_get_retry_reason\0",
                )?),
                method_type: core::mem::transmute::<*mut c_void, OfBio>(get("BIO_method_type\0")?),
                free: core::mem::transmute::<*mut c_void, Free>(get("BIO_free\0")?),
            })
        }
    })
    .as_ref()
}

/// One reference to a libcrypto `BIO*`, released with `BIO_free` when dropped.
pub struct Foreign {
    ptr: *mut c_void,
    ops: &'static Ops,
}

// SAFETY: libcrypto BIOs are used from whichever thread drives the SSL, exactly as OpenSSL's
// libssl uses them; the SSL's own lock serialises the calls.
unsafe impl Send for Foreign {}
// SAFETY: as above.
unsafe impl Sync for Foreign {}

impl Foreign {
    /// Takes over one reference to `ptr` (non-NULL). None when libcrypto is not usable.
    pub fn adopt(ptr: *mut c_void) -> Option<Foreign> {
        if ptr.is_null() {
            return None;
        }
        Some(Foreign { ptr, ops: ops()? })
    }

    pub fn ptr(&self) -> *mut c_void {
        self.ptr
    }

    pub fn read(&self, buf: &mut [u8]) -> i32 {
        let n = buf.len().min(i32::MAX as usize) as c_int;
        // SAFETY: a live BIO and a buffer of `n` writable bytes.
        unsafe { (self.ops.read)(self.ptr, buf.as_mut_ptr().cast(), n) }
    }

    pub fn write(&self, buf: &[u8]) -> i32 {
        let n = buf.len().min(i32::MAX as usize) as c_int;
        // SAFETY: a live BIO and `n` readable bytes.
        unsafe { (self.ops.write)(self.ptr, buf.as_ptr() as *mut c_void, n) }
    }

    pub fn ctrl(&self, cmd: i32, larg: i64) -> i64 {
        // SAFETY: a live BIO; the commands used here take no pointer argument.
        #[allow(clippy::useless_conversion)] // c_long is i64 here, i32 elsewhere
        let r = i64::from(unsafe {
            (self.ops.ctrl)(self.ptr, cmd, larg as c_long, core::ptr::null_mut())
        });
        r
    }

    pub fn test_flags(&self, mask: i32) -> i32 {
        // SAFETY: a live BIO.
        unsafe { (self.ops.test_flags)(self.ptr, mask) }
    }

    pub fn set_flags(&self, flags: i32) {
        // SAFETY: a live BIO.
        unsafe { (self.ops.set_flags)(self.ptr, flags) }
    }

    pub fn clear_flags(&self, flags: i32) {
        // SAFETY: a live BIO.
        unsafe { (self.ops.clear_flags)(self.ptr, flags) }
    }

    pub fn retry_reason(&self) -> i32 {
        // SAFETY: a live BIO.
        unsafe { (self.ops.retry_reason)(self.ptr) }
    }

    pub fn method_type(&self) -> i32 {
        // SAFETY: a live BIO.
        unsafe { (self.ops.method_type)(self.ptr) }
    }

    /// `BIO_get_fd` (`BIO_C_GET_FD`, 105): the descriptor, if the BIO has one.
    pub fn fd(&self) -> Option<i32> {
        let mut fd: c_int = -1;
        // SAFETY: BIO_C_GET_FD writes an int through the pointer when it is not NULL.
        let r = unsafe { (self.ops.ctrl)(self.ptr, 105, 0, (&mut fd as *mut c_int).cast()) };
        (r >= 0 && fd >= 0).then_some(fd)
    }
}

impl Drop for Foreign {
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { (self.ops.free)(self.ptr) };
    }
}
