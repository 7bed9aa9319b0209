//! `openssl/bio.h`: application-defined BIO types (`BIO_meth_*`, `BIO_get_data`, ...) and
//! BIO chains (`BIO_push`, `BIO_pop`, `BIO_next`, `BIO_find_type`).
//!
//! Native backend: a `BIO_METHOD *` from [`BIO_meth_new`] points at a [`Meth`] (kept alive by a
//! registry until [`BIO_meth_free`], and by every BIO made from it); `BIO_new` on it makes a
//! [`Bio::new_dyn`] BIO whose read/write/ctrl call the application's functions with the BIO's own
//! pointer. Behaviour measured against OpenSSL 3.0.19: a method without `create` gives BIOs that
//! are initialised; missing functions give -2 with `BIO_R_UNSUPPORTED_METHOD`; read/write/puts/gets
//! on an uninitialised BIO give -1 with `BIO_R_UNINITIALIZED`; the BIO's close flag starts at 1.
//! The SSL filter BIO (`BIO_f_ssl`, in [`super::bio_ssl`]) is itself such a method.

use super::bio::{
    BIO_info_cb, BIO_CTRL_POP, BIO_CTRL_PUSH, BIO_CTRL_SET_CALLBACK, BIO_FLAGS_RWS,
    BIO_FLAGS_SHOULD_RETRY, BIO_R_INVALID_ARGUMENT, BIO_R_UNINITIALIZED, BIO_R_UNSUPPORTED_METHOD,
    BIO_TYPE_START,
};
use super::guard;
use super::types::{borrow, clone_arc, into_c, release, BIO, BIO_METHOD};
use crate::crypto::bio::{Bio, BioImpl};
use crate::crypto::err;
use crate::error::{lib, Error};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_long, c_void};
use core::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::ffi::CString;
use std::sync::Arc;

/// `int (*)(BIO *, char *, int)`.
pub type ReadFn = unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int;
/// `int (*)(BIO *, char *, size_t, size_t *)`.
pub type ReadExFn = unsafe extern "C" fn(*mut BIO, *mut c_char, usize, *mut usize) -> c_int;
/// `int (*)(BIO *, const char *, int)`.
pub type WriteFn = unsafe extern "C" fn(*mut BIO, *const c_char, c_int) -> c_int;
/// `int (*)(BIO *, const char *, size_t, size_t *)`.
pub type WriteExFn = unsafe extern "C" fn(*mut BIO, *const c_char, usize, *mut usize) -> c_int;
/// `int (*)(BIO *, const char *)`.
pub type PutsFn = unsafe extern "C" fn(*mut BIO, *const c_char) -> c_int;
/// `int (*)(BIO *, char *, int)`.
pub type GetsFn = unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int;
/// `long (*)(BIO *, int, long, void *)`.
pub type CtrlFn = unsafe extern "C" fn(*mut BIO, c_int, c_long, *mut c_void) -> c_long;
/// `int (*)(BIO *)` (create, destroy).
pub type LifeFn = unsafe extern "C" fn(*mut BIO) -> c_int;
/// `long (*)(BIO *, int, BIO_info_cb *)`.
pub type CallbackCtrlFn = unsafe extern "C" fn(*mut BIO, c_int, BIO_info_cb) -> c_long;

#[derive(Clone, Copy)]
enum Reader {
    Old(ReadFn),
    Ex(ReadExFn),
}

#[derive(Clone, Copy)]
enum Writer {
    Old(WriteFn),
    Ex(WriteExFn),
}

/// The functions of one application-defined method (the last setter of read/read_ex and of
/// write/write_ex wins, as in OpenSSL).
#[derive(Clone, Copy, Default)]
struct Fns {
    read: Option<Reader>,
    write: Option<Writer>,
    puts: Option<PutsFn>,
    gets: Option<GetsFn>,
    ctrl: Option<CtrlFn>,
    create: Option<LifeFn>,
    destroy: Option<LifeFn>,
    callback_ctrl: Option<CallbackCtrlFn>,
}

/// What a native `BIO_METHOD *` from [`BIO_meth_new`] points at.
pub struct Meth {
    typ: c_int,
    name: CString,
    fns: Mutex<Fns>,
}

impl Meth {
    fn fns(&self) -> Fns {
        *self.fns.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn update(&self, f: impl FnOnce(&mut Fns)) {
        f(&mut self.fns.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Live methods made by [`BIO_meth_new`], by address.
static METHODS: Mutex<Vec<Arc<Meth>>> = Mutex::new(Vec::new());

/// The native method behind `m`, if [`BIO_meth_new`] made it and it was not freed.
fn meth_of(m: *const BIO_METHOD) -> Option<Arc<Meth>> {
    let reg = METHODS.lock().unwrap_or_else(|e| e.into_inner());
    reg.iter()
        .find(|x| core::ptr::eq(Arc::as_ptr(x) as *const BIO_METHOD, m))
        .cloned()
}

/// `ERR_R_INIT_FAIL` (`261 | ERR_R_FATAL`).
const ERR_R_INIT_FAIL: c_int = 0x40000 | 0x80000 | 261;

fn raise(reason: c_int, func: &'static str) {
    err::push(Error::new(lib::BIO, reason, func));
}

/// The C pointer of a BIO we hold a reference to (the `Arc` payload's address).
pub fn c_ptr(b: &Bio) -> *mut BIO {
    b as *const Bio as *mut BIO
}

fn obj<'a>(b: *const BIO) -> Option<&'a Bio> {
    // SAFETY: `b` is NULL or a live BIO handed out by this library (the C contract).
    unsafe { borrow::<BIO>(b) }
}

/// A BIO of an application-defined method.
struct Custom {
    meth: Arc<Meth>,
    /// `create` succeeded (or there was none): `destroy` runs on free.
    created: Arc<AtomicBool>,
}

impl BioImpl for Custom {
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32 {
        let Some(f) = self.meth.fns().read else {
            raise(BIO_R_UNSUPPORTED_METHOD, "bio_read_intern");
            return -2;
        };
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "bio_read_intern");
            return -1;
        }
        let p = buf.map_or(core::ptr::null_mut(), |s| s.as_mut_ptr());
        match f {
            // SAFETY: the application's function, called as OpenSSL calls it: the BIO, a buffer
            // of `len` writable bytes (or NULL as the caller gave it) and its length.
            Reader::Old(r) => unsafe { r(c_ptr(b), p.cast(), len as c_int) },
            Reader::Ex(r) => {
                let mut n = 0usize;
                // SAFETY: as above, plus a valid out-parameter.
                let ret = unsafe { r(c_ptr(b), p.cast(), len, &mut n) };
                if ret > 0 {
                    n.min(len) as i32
                } else {
                    ret
                }
            }
        }
    }

    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32 {
        let Some(f) = self.meth.fns().write else {
            raise(BIO_R_UNSUPPORTED_METHOD, "bio_write_intern");
            return -2;
        };
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "bio_write_intern");
            return -1;
        }
        let p = buf.map_or(core::ptr::null(), |s| s.as_ptr());
        match f {
            // SAFETY: the application's function with `len` readable bytes (or NULL as given).
            Writer::Old(w) => unsafe { w(c_ptr(b), p.cast(), len as c_int) },
            Writer::Ex(w) => {
                let mut n = 0usize;
                // SAFETY: as above, plus a valid out-parameter.
                let ret = unsafe { w(c_ptr(b), p.cast(), len, &mut n) };
                if ret > 0 {
                    n.min(len) as i32
                } else {
                    ret
                }
            }
        }
    }

    fn puts(&self, b: &Bio, s: &[u8]) -> i32 {
        let Some(f) = self.meth.fns().puts else {
            raise(BIO_R_UNSUPPORTED_METHOD, "BIO_puts");
            return -2;
        };
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "BIO_puts");
            return -1;
        }
        let Ok(c) = CString::new(s) else { return -1 };
        // SAFETY: the application's function with a NUL-terminated string.
        unsafe { f(c_ptr(b), c.as_ptr()) }
    }

    fn gets(&self, b: &Bio, buf: *mut c_char, size: i32) -> i32 {
        let Some(f) = self.meth.fns().gets else {
            raise(BIO_R_UNSUPPORTED_METHOD, "BIO_gets");
            return -2;
        };
        if size < 0 {
            raise(BIO_R_INVALID_ARGUMENT, "BIO_gets");
            return -1;
        }
        if !b.get_init() {
            raise(BIO_R_UNINITIALIZED, "BIO_gets");
            return -1;
        }
        // SAFETY: the caller's buffer and size, passed on as OpenSSL does.
        unsafe { f(c_ptr(b), buf, size) }
    }

    fn ctrl(&self, b: &Bio, cmd: i32, larg: i64, parg: *mut c_void) -> i64 {
        let Some(f) = self.meth.fns().ctrl else {
            raise(BIO_R_UNSUPPORTED_METHOD, "BIO_ctrl");
            return -2;
        };
        // SAFETY: the application's ctrl with the caller's arguments.
        #[allow(clippy::useless_conversion)]
        let r = i64::from(unsafe { f(c_ptr(b), cmd, larg as c_long, parg) });
        r
    }

    fn callback_ctrl(&self, b: &Bio, cmd: i32, fp: *mut c_void) -> i64 {
        let f = self.meth.fns().callback_ctrl;
        let Some(f) = f.filter(|_| cmd == BIO_CTRL_SET_CALLBACK) else {
            raise(BIO_R_UNSUPPORTED_METHOD, "BIO_callback_ctrl");
            return -2;
        };
        // SAFETY: `fp` is the caller's `BIO_info_cb *` (or NULL), restored to its type.
        let cb: BIO_info_cb = unsafe { core::mem::transmute::<*mut c_void, BIO_info_cb>(fp) };
        // SAFETY: the application's callback_ctrl with the caller's arguments.
        #[allow(clippy::useless_conversion)]
        let r = i64::from(unsafe { f(c_ptr(b), cmd, cb) });
        r
    }

    fn name(&self) -> *const c_char {
        self.meth.name.as_ptr()
    }

    fn method_ptr(&self) -> *const c_void {
        Arc::as_ptr(&self.meth).cast()
    }

    fn destroy(&self, b: &Bio) {
        if !self.created.load(Ordering::Acquire) {
            return;
        }
        if let Some(d) = self.meth.fns().destroy {
            // SAFETY: the application's destroy on the BIO being freed (still intact).
            unsafe { d(c_ptr(b)) };
        }
    }
}

/// `BIO_new` on a method that is not one of `bio.rs`'s static ones: the connect, accept and
/// file methods, or an application's method. `None`: not a method sslrs made.
pub fn new_of(m: *const BIO_METHOD) -> Option<*mut BIO> {
    super::bio_net::new_of(m)
        .or_else(|| super::bio_file::new_of(m))
        .or_else(|| super::bio_buffer::new_of(m))
        .or_else(|| super::bio_null::new_of(m))
        .or_else(|| new_custom(m))
}

/// The method a native BIO can be re-made from (`BIO_dup_chain`): an application's method, the
/// buffer filter, or the memory method. `None` for the rest.
pub fn method_of(b: *mut BIO) -> Option<*const BIO_METHOD> {
    let x = obj(b)?;
    if let Some(i) = x.imp() {
        let p = i.method_ptr();
        return (!p.is_null()).then_some(p as *const BIO_METHOD);
    }
    (x.method_type() == super::bio::BIO_TYPE_MEM).then(|| super::bio::BIO_s_mem())
}

/// `BIO_new` on a method of this module (`None`: not one of ours). Runs the method's `create`;
/// if it fails, NULL with `ERR_R_INIT_FAIL`.
pub fn new_custom(m: *const BIO_METHOD) -> Option<*mut BIO> {
    let meth = meth_of(m)?;
    let fns = meth.fns();
    let created = Arc::new(AtomicBool::new(fns.create.is_none()));
    let imp = Box::new(Custom {
        meth: meth.clone(),
        created: created.clone(),
    });
    let b = Bio::new_dyn(meth.typ, fns.create.is_none(), imp);
    let p = into_c::<BIO>(b);
    if let Some(c) = fns.create {
        // SAFETY: the application's create on a fresh BIO.
        if unsafe { c(p) } == 0 {
            err::push(Error::new(lib::BIO, ERR_R_INIT_FAIL, "BIO_new_ex"));
            // SAFETY: our only reference; destroy does not run (create failed).
            unsafe { release::<BIO>(p) };
            return Some(core::ptr::null_mut());
        }
        created.store(true, Ordering::Release);
    }
    Some(p)
}

// ---- Methods ----

/// `BIO_get_new_index(3)`: a fresh type number above `BIO_TYPE_START` (129, 130, ...).
#[no_mangle]
pub extern "C" fn BIO_get_new_index() -> c_int {
    crate::forward!(BIO_get_new_index());
    static NEXT: AtomicI32 = AtomicI32::new(BIO_TYPE_START);
    NEXT.fetch_add(1, Ordering::AcqRel) + 1
}

/// `BIO_meth_new(3)`: a new method of type `type` named `name` (copied), with no functions.
/// NULL `name` gives NULL with `ERR_R_PASSED_NULL_PARAMETER`.
#[no_mangle]
pub extern "C" fn BIO_meth_new(r#type: c_int, name: *const c_char) -> *mut BIO_METHOD {
    crate::forward_new!(BIO_meth_new(r#type, name));
    super::null_on_error(|| {
        // SAFETY: NULL or a NUL-terminated string (the C contract).
        let n = unsafe { super::ptr::c_str(name) }
            .ok_or_else(|| Error::null_param(lib::BIO, "BIO_meth_new"))?;
        let m = Arc::new(Meth {
            typ: r#type,
            name: n.to_owned(),
            fns: Mutex::new(Fns::default()),
        });
        let p = Arc::as_ptr(&m) as *mut BIO_METHOD;
        METHODS.lock().unwrap_or_else(|e| e.into_inner()).push(m);
        Ok(p)
    })
}

/// `BIO_meth_free(3)`: frees a method from `BIO_meth_new` (BIOs still using it keep it alive).
/// NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_meth_free(biom: *mut BIO_METHOD) {
    crate::forward!(BIO_meth_free(biom));
    guard((), || {
        let mut reg = METHODS.lock().unwrap_or_else(|e| e.into_inner());
        reg.retain(|x| !core::ptr::eq(Arc::as_ptr(x) as *const BIO_METHOD, biom));
    })
}

/// Applies a setter to the method behind `biom`: 1, or 0 if it is not a live method of ours.
fn set(biom: *mut BIO_METHOD, f: impl FnOnce(&mut Fns)) -> c_int {
    guard(0, || match meth_of(biom) {
        Some(m) => {
            m.update(f);
            1
        }
        None => 0,
    })
}

/// `BIO_meth_set_write(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_write(
    biom: *mut BIO_METHOD,
    write: Option<unsafe extern "C" fn(*mut BIO, *const c_char, c_int) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_write(biom, write));
    set(biom, |f| f.write = write.map(Writer::Old))
}

/// `BIO_meth_set_write_ex(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_write_ex(
    biom: *mut BIO_METHOD,
    bwrite: Option<unsafe extern "C" fn(*mut BIO, *const c_char, usize, *mut usize) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_write_ex(biom, bwrite));
    set(biom, |f| f.write = bwrite.map(Writer::Ex))
}

/// `BIO_meth_set_read(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_read(
    biom: *mut BIO_METHOD,
    read: Option<unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_read(biom, read));
    set(biom, |f| f.read = read.map(Reader::Old))
}

/// `BIO_meth_set_read_ex(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_read_ex(
    biom: *mut BIO_METHOD,
    bread: Option<unsafe extern "C" fn(*mut BIO, *mut c_char, usize, *mut usize) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_read_ex(biom, bread));
    set(biom, |f| f.read = bread.map(Reader::Ex))
}

/// `BIO_meth_set_puts(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_puts(
    biom: *mut BIO_METHOD,
    puts: Option<unsafe extern "C" fn(*mut BIO, *const c_char) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_puts(biom, puts));
    set(biom, |f| f.puts = puts)
}

/// `BIO_meth_set_gets(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_gets(
    biom: *mut BIO_METHOD,
    ossl_gets: Option<unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_gets(biom, ossl_gets));
    set(biom, |f| f.gets = ossl_gets)
}

/// `BIO_meth_set_ctrl(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_ctrl(
    biom: *mut BIO_METHOD,
    ctrl: Option<unsafe extern "C" fn(*mut BIO, c_int, c_long, *mut c_void) -> c_long>,
) -> c_int {
    crate::forward!(BIO_meth_set_ctrl(biom, ctrl));
    set(biom, |f| f.ctrl = ctrl)
}

/// `BIO_meth_set_create(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_create(
    biom: *mut BIO_METHOD,
    create: Option<unsafe extern "C" fn(*mut BIO) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_create(biom, create));
    set(biom, |f| f.create = create)
}

/// `BIO_meth_set_destroy(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_destroy(
    biom: *mut BIO_METHOD,
    destroy: Option<unsafe extern "C" fn(*mut BIO) -> c_int>,
) -> c_int {
    crate::forward!(BIO_meth_set_destroy(biom, destroy));
    set(biom, |f| f.destroy = destroy)
}

/// `BIO_meth_set_callback_ctrl(3)`.
#[no_mangle]
pub extern "C" fn BIO_meth_set_callback_ctrl(
    biom: *mut BIO_METHOD,
    callback_ctrl: Option<unsafe extern "C" fn(*mut BIO, c_int, BIO_info_cb) -> c_long>,
) -> c_int {
    crate::forward!(BIO_meth_set_callback_ctrl(biom, callback_ctrl));
    set(biom, |f| f.callback_ctrl = callback_ctrl)
}

/// The functions of the method behind `biom` (a live `BIO_meth_new` method), else `None`.
fn fns_of(biom: *const BIO_METHOD) -> Option<Fns> {
    meth_of(biom).map(|m| m.fns())
}

/// `BIO_meth_get_write(3)`: the function set with `BIO_meth_set_write` (NULL if none, if the
/// method has a `write_ex` instead, or for a built-in method).
/// Status: partial — built-in methods (`BIO_s_socket()`, ...) give NULL: their functions are
/// not C functions in sslrs
#[no_mangle]
pub extern "C" fn BIO_meth_get_write(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, *const c_char, c_int) -> c_int> {
    crate::forward!(BIO_meth_get_write(biom));
    guard(None, || match fns_of(biom)?.write? {
        Writer::Old(f) => Some(f),
        Writer::Ex(_) => None,
    })
}

/// `BIO_meth_get_write_ex(3)`: the function set with `BIO_meth_set_write_ex` (NULL if none).
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_write_ex(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, *const c_char, usize, *mut usize) -> c_int> {
    crate::forward!(BIO_meth_get_write_ex(biom));
    guard(None, || match fns_of(biom)?.write? {
        Writer::Ex(f) => Some(f),
        Writer::Old(_) => None,
    })
}

/// `BIO_meth_get_read(3)`: the function set with `BIO_meth_set_read` (NULL if none).
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_read(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int> {
    crate::forward!(BIO_meth_get_read(biom));
    guard(None, || match fns_of(biom)?.read? {
        Reader::Old(f) => Some(f),
        Reader::Ex(_) => None,
    })
}

/// `BIO_meth_get_read_ex(3)`: the function set with `BIO_meth_set_read_ex` (NULL if none).
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_read_ex(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, *mut c_char, usize, *mut usize) -> c_int> {
    crate::forward!(BIO_meth_get_read_ex(biom));
    guard(None, || match fns_of(biom)?.read? {
        Reader::Ex(f) => Some(f),
        Reader::Old(_) => None,
    })
}

/// `BIO_meth_get_puts(3)`.
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_puts(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, *const c_char) -> c_int> {
    crate::forward!(BIO_meth_get_puts(biom));
    guard(None, || fns_of(biom)?.puts)
}

/// `BIO_meth_get_gets(3)`.
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_gets(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, *mut c_char, c_int) -> c_int> {
    crate::forward!(BIO_meth_get_gets(biom));
    guard(None, || fns_of(biom)?.gets)
}

/// `BIO_meth_get_ctrl(3)`.
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_ctrl(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, c_int, c_long, *mut c_void) -> c_long> {
    crate::forward!(BIO_meth_get_ctrl(biom));
    guard(None, || fns_of(biom)?.ctrl)
}

/// `BIO_meth_get_create(3)`.
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_create(
    bion: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO) -> c_int> {
    crate::forward!(BIO_meth_get_create(bion));
    guard(None, || fns_of(bion)?.create)
}

/// `BIO_meth_get_destroy(3)`.
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_destroy(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO) -> c_int> {
    crate::forward!(BIO_meth_get_destroy(biom));
    guard(None, || fns_of(biom)?.destroy)
}

/// `BIO_meth_get_callback_ctrl(3)`.
/// Status: partial — built-in methods give NULL
#[no_mangle]
pub extern "C" fn BIO_meth_get_callback_ctrl(
    biom: *const BIO_METHOD,
) -> Option<unsafe extern "C" fn(*mut BIO, c_int, BIO_info_cb) -> c_long> {
    crate::forward!(BIO_meth_get_callback_ctrl(biom));
    guard(None, || fns_of(biom)?.callback_ctrl)
}

// ---- Per-BIO state for method implementations ----

/// `BIO_set_data(3)`. NULL `a` is a no-op.
#[no_mangle]
pub extern "C" fn BIO_set_data(a: *mut BIO, ptr: *mut c_void) {
    crate::forward!(BIO_set_data(a, ptr));
    guard((), || {
        if let Some(b) = obj(a) {
            b.set_data(ptr)
        }
    })
}

/// `BIO_get_data(3)`: NULL for NULL `a` and for BIOs nobody set data on.
#[no_mangle]
pub extern "C" fn BIO_get_data(a: *mut BIO) -> *mut c_void {
    crate::forward!(BIO_get_data(a));
    guard(core::ptr::null_mut(), || {
        obj(a).map_or(core::ptr::null_mut(), |b| b.get_data())
    })
}

/// `BIO_set_init(3)`: for BIOs of `BIO_meth_new` methods (the built-in types ignore it).
#[no_mangle]
pub extern "C" fn BIO_set_init(a: *mut BIO, init: c_int) {
    crate::forward!(BIO_set_init(a, init));
    guard((), || {
        if let Some(b) = obj(a) {
            b.set_init(init != 0)
        }
    })
}

/// `BIO_get_init(3)`: 1 if reads and writes reach the method. 0 for NULL.
#[no_mangle]
pub extern "C" fn BIO_get_init(a: *mut BIO) -> c_int {
    crate::forward!(BIO_get_init(a));
    guard(0, || obj(a).map_or(0, |b| c_int::from(b.get_init())))
}

/// `BIO_set_shutdown(3)`: the close flag. NULL is a no-op.
#[no_mangle]
pub extern "C" fn BIO_set_shutdown(a: *mut BIO, shut: c_int) {
    crate::forward!(BIO_set_shutdown(a, shut));
    guard((), || {
        if let Some(b) = obj(a) {
            b.set_shutdown(shut)
        }
    })
}

/// `BIO_get_shutdown(3)`: the close flag (0 for NULL).
#[no_mangle]
pub extern "C" fn BIO_get_shutdown(a: *mut BIO) -> c_int {
    crate::forward!(BIO_get_shutdown(a));
    guard(0, || obj(a).map_or(0, |b| b.get_shutdown()))
}

/// `BIO_set_ex_data(3)` (behind `BIO_set_app_data`, index 0): 1; a negative index gives 0
/// with OpenSSL's two `ERR_R_PASSED_INVALID_ARGUMENT` entries; NULL `bio` gives 0.
/// Status: partial — values are stored, but free callbacks of `BIO_get_ex_new_index` indexes are
/// not run when a native BIO is freed
#[no_mangle]
pub extern "C" fn BIO_set_ex_data(bio: *mut BIO, idx: c_int, data: *mut c_void) -> c_int {
    crate::forward!(BIO_set_ex_data(bio, idx, data));
    guard(0, || {
        let Some(b) = obj(bio) else { return 0 };
        let Ok(i) = usize::try_from(idx) else {
            for func in ["OPENSSL_sk_set", "CRYPTO_set_ex_data"] {
                err::push(Error::new(
                    lib::CRYPTO,
                    crate::error::common::PASSED_INVALID_ARGUMENT,
                    func,
                ));
            }
            return 0;
        };
        if !b.ex_set(i, data as usize, crate::ffi::ex_data::MAX_INDEX) {
            err::push(Error::new(
                lib::CRYPTO,
                crate::error::common::MALLOC_FAILURE,
                "CRYPTO_set_ex_data",
            ));
            return 0;
        }
        1
    })
}

/// `BIO_get_ex_data(3)` (behind `BIO_get_app_data`): the value at `idx`, NULL when unset,
/// negative or for NULL `bio`.
#[no_mangle]
pub extern "C" fn BIO_get_ex_data(bio: *const BIO, idx: c_int) -> *mut c_void {
    crate::forward!(BIO_get_ex_data(bio, idx));
    guard(core::ptr::null_mut(), || {
        match (obj(bio), usize::try_from(idx)) {
            (Some(b), Ok(i)) => b.ex_get(i) as *mut c_void,
            _ => core::ptr::null_mut(),
        }
    })
}

// ---- Chains ----

/// `BIO_push(3)`: appends `append` (may be NULL) at the end of `b`'s chain, tells `b` with
/// `BIO_CTRL_PUSH` (the SSL filter then uses the new next BIO as its transport) and returns `b`
/// (`append` if `b` is NULL). The chain holds no references: free it with `BIO_free_all`.
#[no_mangle]
pub extern "C" fn BIO_push(b: *mut BIO, append: *mut BIO) -> *mut BIO {
    crate::forward!(BIO_push(b, append));
    guard(core::ptr::null_mut(), || {
        let Some(head) = obj(b) else { return append };
        let mut last = head;
        while let Some(n) = obj(last.next_addr() as *const BIO) {
            last = n;
        }
        last.set_next_addr(append as *const Bio);
        if let Some(a) = obj(append) {
            a.set_prev_addr(last);
        }
        super::bio::BIO_ctrl(b, BIO_CTRL_PUSH, 0, c_ptr(last).cast());
        b
    })
}

/// `BIO_pop(3)`: unlinks `b` from its chain (`BIO_CTRL_POP` first) and returns the BIO that
/// followed it (NULL for NULL).
#[no_mangle]
pub extern "C" fn BIO_pop(b: *mut BIO) -> *mut BIO {
    crate::forward!(BIO_pop(b));
    guard(core::ptr::null_mut(), || {
        let Some(me) = obj(b) else {
            return core::ptr::null_mut();
        };
        let ret = me.next_addr();
        super::bio::BIO_ctrl(b, BIO_CTRL_POP, 0, b.cast());
        let (prev, next) = (me.prev_addr(), me.next_addr());
        if let Some(p) = obj(prev as *const BIO) {
            p.set_next_addr(next);
        }
        if let Some(n) = obj(next as *const BIO) {
            n.set_prev_addr(prev);
        }
        me.set_next_addr(core::ptr::null());
        me.set_prev_addr(core::ptr::null());
        ret as *mut BIO
    })
}

/// `BIO_next(3)`: the next BIO in the chain (NULL at the end or for NULL).
#[no_mangle]
pub extern "C" fn BIO_next(b: *mut BIO) -> *mut BIO {
    crate::forward!(BIO_next(b));
    guard(core::ptr::null_mut(), || {
        obj(b).map_or(core::ptr::null_mut(), |x| x.next_addr() as *mut BIO)
    })
}

/// `BIO_set_next(3)`: sets `b`'s next BIO without touching anything else. NULL `b` is a no-op.
#[no_mangle]
pub extern "C" fn BIO_set_next(b: *mut BIO, next: *mut BIO) {
    crate::forward!(BIO_set_next(b, next));
    guard((), || {
        if let Some(x) = obj(b) {
            x.set_next_addr(next as *const Bio)
        }
    })
}

/// `BIO_find_type(3)`: the first BIO of the chain from `b` whose type is `bio_type` (a type
/// with no number part, such as `BIO_TYPE_DESCRIPTOR`, matches any type with those class bits).
/// NULL `b` gives NULL with `ERR_R_PASSED_NULL_PARAMETER`.
#[no_mangle]
pub extern "C" fn BIO_find_type(b: *mut BIO, bio_type: c_int) -> *mut BIO {
    crate::forward!(BIO_find_type(b, bio_type));
    super::null_on_error(|| {
        let mut cur = obj(b).ok_or_else(|| Error::null_param(lib::BIO, "BIO_find_type"))?;
        loop {
            let t = cur.method_type();
            let hit = if bio_type & 0xff == 0 {
                t & bio_type != 0
            } else {
                t == bio_type
            };
            if hit {
                return Ok(c_ptr(cur));
            }
            match obj(cur.next_addr() as *const BIO) {
                Some(n) => cur = n,
                None => return Ok(core::ptr::null_mut()),
            }
        }
    })
}

/// `BIO_copy_next_retry(3)`: copies the next BIO's retry flags and reason onto `b`.
#[no_mangle]
pub extern "C" fn BIO_copy_next_retry(b: *mut BIO) {
    crate::forward!(BIO_copy_next_retry(b));
    guard((), || {
        let Some(me) = obj(b) else { return };
        let Some(n) = obj(me.next_addr() as *const BIO) else {
            return;
        };
        me.set_flags(n.test_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY));
        me.set_retry_reason(n.retry_reason());
    })
}

/// References held on `p` right now (C's and ours), for `BIO_free_all`.
pub fn refcount(p: *mut BIO) -> usize {
    // SAFETY: NULL or a live BIO.
    unsafe { clone_arc::<BIO>(p) }.map_or(0, |a| Arc::strong_count(&a) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::bio::{BIO_free, BIO_free_all, BIO_new, BIO_read, BIO_s_mem, BIO_write};
    use core::ptr::null_mut;

    unsafe extern "C" fn rd(b: *mut BIO, buf: *mut c_char, n: c_int) -> c_int {
        let next = BIO_next(b);
        BIO_read(next, buf.cast(), n)
    }
    unsafe extern "C" fn wr(b: *mut BIO, buf: *const c_char, n: c_int) -> c_int {
        BIO_write(BIO_next(b), buf.cast(), n)
    }
    unsafe extern "C" fn create(b: *mut BIO) -> c_int {
        BIO_set_init(b, 1);
        BIO_set_data(b, 7 as *mut c_void);
        1
    }

    #[test]
    fn custom_filter_over_mem() {
        err::clear();
        let m = BIO_meth_new(0x0280, c"filter".as_ptr());
        assert_eq!(BIO_meth_set_read(m, Some(rd)), 1);
        assert_eq!(BIO_meth_set_write(m, Some(wr)), 1);
        assert_eq!(BIO_meth_set_create(m, Some(create)), 1);
        let f = BIO_new(m);
        assert!(!f.is_null());
        assert_eq!(BIO_get_data(f), 7 as *mut c_void);
        let mem = BIO_new(BIO_s_mem());
        assert_eq!(BIO_push(f, mem), f);
        assert_eq!(BIO_next(f), mem);
        assert_eq!(BIO_write(f, b"abc".as_ptr().cast(), 3), 3);
        let mut buf = [0u8; 8];
        assert_eq!(BIO_read(f, buf.as_mut_ptr().cast(), 8), 3);
        assert_eq!(BIO_find_type(f, 0x0401), mem);
        assert_eq!(BIO_find_type(f, 0x0200), f);
        assert_eq!(BIO_find_type(f, 0x0100), null_mut());
        assert_eq!(BIO_pop(f), mem);
        assert_eq!(BIO_next(f), null_mut());
        BIO_push(f, mem);
        BIO_meth_free(m);
        BIO_free_all(f);
        let g = BIO_new(BIO_s_mem());
        assert_eq!(BIO_get_init(g), 1);
        assert_eq!(BIO_free(g), 1);
        err::clear(); // BIO_push told the ctrl-less method (unsupported, as in OpenSSL)
    }

    #[test]
    fn missing_functions() {
        err::clear();
        let m = BIO_meth_new(0x0480, c"mine".as_ptr());
        let b = BIO_new(m);
        assert_eq!(BIO_get_init(b), 1);
        assert_eq!(BIO_get_shutdown(b), 1);
        let mut buf = [0u8; 4];
        assert_eq!(BIO_read(b, buf.as_mut_ptr().cast(), 1), -2);
        assert_eq!(
            err::pop_first().map(|e| e.code),
            Some((32u64 << 23) | BIO_R_UNSUPPORTED_METHOD as u64)
        );
        BIO_free(b);
        BIO_meth_free(m);
    }
}
