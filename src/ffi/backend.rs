//! Which implementation of the libcrypto-family functions runs in this process.
//!
//! sslrs exports, besides libssl's functions, the libcrypto-family functions a libssl user calls
//! on the objects libssl hands out (BIO, ERR, X509, EVP_PKEY, stacks, CRYPTO_*, ...). Two
//! backends implement them:
//!
//! - **native**: our Rust implementations. Used when no `libcrypto.so.3` is in the process (a
//!   program relinked with `-lsslrs` alone).
//! - **forward**: `libcrypto.so.3` is loaded (every binary that was linked against OpenSSL, and
//!   a program linked `-lsslrs -lcrypto`). Each such export passes straight through to
//!   libcrypto's own function, so every BIO, X509, EVP_PKEY, stack and error entry the program
//!   sees is libcrypto's. A preloaded sslrs also interposes libcrypto's *internal* calls to those
//!   functions (it calls its own exports through the PLT): the pass-through goes to the address
//!   `dlvsym` returned, never back through the PLT, so there is no recursion.
//!
//! The decision is taken lazily, not in a constructor: Python loads `_ssl`, and with it
//! libcrypto, by `dlopen` long after start. As soon as libcrypto is seen the process is in
//! forward mode for good. Native mode is pinned by the first creation of a native object
//! ([`pin`]): from then on a late libcrypto cannot change the answer, because objects of ours
//! exist. Until either happens, calls that create nothing (`ERR_get_error` on an empty queue)
//! run natively and decide nothing.
//!
//! `SSLRS_BACKEND=native` or `SSLRS_BACKEND=libcrypto` forces a mode (tests; `libcrypto` loads
//! `libcrypto.so.3` if it is not there yet).

use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::{AtomicPtr, AtomicU8, Ordering};

const UNDECIDED: u8 = 0;
const NATIVE: u8 = 1;
const FORWARD: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(UNDECIDED);
static HANDLE: AtomicPtr<c_void> = AtomicPtr::new(core::ptr::null_mut());

const LIBCRYPTO: &[u8] = b"libcrypto.so.3\0";
const VERSION: &[u8] = b"OPENSSL_3.0.0\0";

/// The forced mode from `SSLRS_BACKEND`, if any.
fn forced() -> Option<u8> {
    match std::env::var_os("SSLRS_BACKEND")?.to_str()? {
        "native" => Some(NATIVE),
        "libcrypto" | "forward" => Some(FORWARD),
        _ => None,
    }
}

/// Looks for libcrypto (loading it only when forced) and records forward mode if found.
#[cold]
fn probe() -> bool {
    let force = forced();
    if force == Some(NATIVE) {
        let _ = STATE.compare_exchange(UNDECIDED, NATIVE, Ordering::AcqRel, Ordering::Acquire);
        return STATE.load(Ordering::Acquire) == FORWARD;
    }
    let flags = if force == Some(FORWARD) {
        libc::RTLD_LAZY | libc::RTLD_GLOBAL
    } else {
        libc::RTLD_LAZY | libc::RTLD_NOLOAD
    };
    // SAFETY: a NUL-terminated library name; RTLD_NOLOAD never runs initialisers.
    let h = unsafe { libc::dlopen(LIBCRYPTO.as_ptr().cast(), flags) };
    if h.is_null() {
        return false;
    }
    HANDLE.store(h, Ordering::Release);
    match STATE.compare_exchange(UNDECIDED, FORWARD, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => true,
        Err(now) => now == FORWARD,
    }
}

/// True when libcrypto-family calls pass through to `libcrypto.so.3`.
#[inline]
pub fn forwarding() -> bool {
    match STATE.load(Ordering::Acquire) {
        FORWARD => true,
        NATIVE => false,
        _ => probe(),
    }
}

/// Called before a native object is created: decides the mode now if it is still open and
/// returns true if the process forwards after all (the caller must then not create it).
#[inline]
pub fn pin() -> bool {
    if forwarding() {
        return true;
    }
    match STATE.compare_exchange(UNDECIDED, NATIVE, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => false,
        Err(now) => now == FORWARD,
    }
}

/// The mode's name, for logs and tests: "libcrypto", "native" or "undecided".
pub fn name() -> &'static str {
    match STATE.load(Ordering::Acquire) {
        FORWARD => "libcrypto",
        NATIVE => "native",
        _ => "undecided",
    }
}

/// One forwarded function: its name and libcrypto's address, resolved on first use.
pub struct Slot {
    name: &'static str,
    addr: AtomicPtr<c_void>,
}

impl Slot {
    pub const fn new(name: &'static str) -> Slot {
        Slot {
            name,
            addr: AtomicPtr::new(core::ptr::null_mut()),
        }
    }

    /// libcrypto's function, or NULL when not forwarding. A name libcrypto 3.0 does not
    /// define is a bug in sslrs's export list; it aborts rather than run native code on
    /// libcrypto's objects.
    #[inline]
    pub fn get(&self) -> *mut c_void {
        if !forwarding() {
            return core::ptr::null_mut();
        }
        let p = self.addr.load(Ordering::Relaxed);
        if !p.is_null() {
            return p;
        }
        self.resolve()
    }

    #[cold]
    fn resolve(&self) -> *mut c_void {
        let p = lookup(self.name);
        if p.is_null() {
            // Running our implementation on libcrypto's objects would corrupt memory.
            let msg = format!(
                "sslrs: libcrypto.so.3 has no {}\n",
                self.name.trim_end_matches('\0')
            );
            // SAFETY: writing a buffer we own to stderr.
            unsafe { libc::write(2, msg.as_ptr().cast(), msg.len()) };
            std::process::abort();
        }
        self.addr.store(p, Ordering::Relaxed);
        p
    }
}

/// `dlvsym(libcrypto, name, "OPENSSL_3.0.0")`; `name` ends in NUL. NULL if absent.
pub fn lookup(name: &str) -> *mut c_void {
    let h = HANDLE.load(Ordering::Acquire);
    if h.is_null() || !name.ends_with('\0') {
        return core::ptr::null_mut();
    }
    // SAFETY: a live handle from dlopen and NUL-terminated strings.
    unsafe {
        libc::dlvsym(
            h,
            name.as_ptr() as *const c_char,
            VERSION.as_ptr() as *const c_char,
        )
    }
}

/// Exported for the C shims (the C files in `ffi-shim/`): libcrypto's `name` when forwarding, else NULL.
///
/// # Safety
/// `name` must be a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn sslrs_forward_sym(name: *const c_char) -> *mut c_void {
    if name.is_null() || !forwarding() {
        return core::ptr::null_mut();
    }
    let h = HANDLE.load(Ordering::Acquire);
    // SAFETY: a live handle and the caller's NUL-terminated name.
    unsafe { libc::dlvsym(h, name, VERSION.as_ptr() as *const c_char) }
}

/// `1` in forward mode, `0` otherwise (for the C tests and the program suite).
#[no_mangle]
pub extern "C" fn sslrs_backend_is_libcrypto() -> c_int {
    forwarding() as c_int
}

#[doc(hidden)]
#[macro_export]
macro_rules! __sslrs_infer {
    ($e:ident) => {
        _
    };
}

/// First statement of every exported libcrypto-family function: in forward mode, call
/// libcrypto's function of the same name with the same arguments and return its result.
///
/// ```ignore
/// pub extern "C" fn BIO_read(b: *mut BIO, data: *mut c_void, dlen: c_int) -> c_int {
///     forward!(BIO_read(b, data, dlen));
///     ...native body...
/// }
/// ```
/// The function type is inferred from the arguments and the enclosing return type, so it is
/// exactly the export's own prototype.
#[macro_export]
macro_rules! forward {
    ($name:ident ( $($arg:ident),* $(,)? )) => {{
        static SLOT: $crate::ffi::backend::Slot =
            $crate::ffi::backend::Slot::new(concat!(stringify!($name), "\0"));
        let p = SLOT.get();
        if !p.is_null() {
            #[allow(unused_unsafe, clippy::missing_transmute_annotations)]
            // SAFETY: `p` is libcrypto's definition of the function we are exporting under the
            // same name and version, so it has this function's prototype.
            let f: unsafe extern "C" fn($($crate::__sslrs_infer!($arg)),*) -> _ =
                unsafe { core::mem::transmute(p) };
            // SAFETY: same arguments (plain parameter names) the caller gave us.
            return unsafe { f($($arg),*) };
        }
    }};
}

/// [`forward!`] for functions that create a native object: when not forwarding, it also pins
/// the process to native mode first.
#[macro_export]
macro_rules! forward_new {
    ($name:ident ( $($arg:ident),* $(,)? )) => {{
        $crate::forward!($name($($arg),*));
        if $crate::ffi::backend::pin() {
            $crate::forward!($name($($arg),*));
        }
    }};
}
