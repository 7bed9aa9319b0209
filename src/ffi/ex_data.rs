//! `CRYPTO_get_ex_new_index(3)` and the per-object application data of `SSL`, `SSL_CTX` and
//! `SSL_SESSION` (`SSL_set_ex_data`, `SSL_CTX_get_ex_data`, `SSL_get_app_data`, ...).
//!
//! OpenSSL 3.0's observable rules, measured: indexes are handed out per class starting at 1 (0 is
//! the `*_app_data` slot of every class); any index >= 0 may be set, a negative one fails (0, and
//! `ERR_R_PASSED_INVALID_ARGUMENT` twice); new-callbacks run when an object is created (parent set, `ptr` NULL), free-
//! callbacks when it is freed, for every registered index in ascending order, also for unset
//! slots (then with `ptr` NULL). An unknown class fails with `ERR_R_PASSED_INVALID_ARGUMENT`.
//!
//! The values live outside the connection's lock, so a callback running inside an `SSL_*` call
//! may read and change them.

use crate::error::{common, lib, Error};
use crate::ffi::types::CRYPTO_EX_DATA;
use crate::ffi::{call, guard};
use crate::sync::Mutex;
use core::ffi::{c_int, c_long, c_void};

/// `CRYPTO_EX_new`: called when an object is created.
pub type CRYPTO_EX_new = Option<
    unsafe extern "C" fn(
        parent: *mut c_void,
        ptr: *mut c_void,
        ad: *mut CRYPTO_EX_DATA,
        idx: c_int,
        argl: c_long,
        argp: *mut c_void,
    ),
>;
/// `CRYPTO_EX_free`: called when an object is freed.
pub type CRYPTO_EX_free = Option<
    unsafe extern "C" fn(
        parent: *mut c_void,
        ptr: *mut c_void,
        ad: *mut CRYPTO_EX_DATA,
        idx: c_int,
        argl: c_long,
        argp: *mut c_void,
    ),
>;
/// `CRYPTO_EX_dup`: called when an object is duplicated.
pub type CRYPTO_EX_dup = Option<
    unsafe extern "C" fn(
        to: *mut CRYPTO_EX_DATA,
        from: *const CRYPTO_EX_DATA,
        from_d: *mut *mut c_void,
        idx: c_int,
        argl: c_long,
        argp: *mut c_void,
    ) -> c_int,
>;

/// Indexes from this up are refused by `ExData::set` as OpenSSL's allocation failure would be
/// (no program registers sixteen million ex_data indexes; growing to `INT_MAX` would abort).
pub(crate) const MAX_INDEX: usize = 1 << 24;

/// Number of `CRYPTO_EX_INDEX_*` classes (0..=17).
const CLASSES: usize = 18;

#[derive(Clone, Copy)]
struct Slot {
    argl: c_long,
    argp: usize,
    new: CRYPTO_EX_new,
    free: CRYPTO_EX_free,
}

/// The registered indexes of every class; index 0 of each is the app-data slot (no callbacks).
static REGISTRY: Mutex<[Vec<Slot>; CLASSES]> = Mutex::new([const { Vec::new() }; CLASSES]);

fn registry() -> crate::sync::MutexGuard<'static, [Vec<Slot>; CLASSES]> {
    REGISTRY.lock().unwrap_or_else(|p| p.into_inner())
}

fn slots_of(class: usize) -> Vec<(c_int, Slot)> {
    registry()[class]
        .iter()
        .enumerate()
        .map(|(i, s)| (i as c_int, *s))
        .collect()
}

/// The application data of one object. Its address is the `CRYPTO_EX_DATA *` handed to
/// callbacks, so it must not move while the object lives (it sits inside the object's `Arc`).
pub struct ExData {
    class: usize,
    vals: Mutex<Vec<usize>>,
}

impl ExData {
    /// Empty data of `class`; call [`ExData::created`] once the object has its final address.
    pub fn new(class: c_int) -> ExData {
        ExData {
            class: class as usize,
            vals: Mutex::new(Vec::new()),
        }
    }

    fn lock(&self) -> crate::sync::MutexGuard<'_, Vec<usize>> {
        self.vals.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The pointer callbacks get; recorded so `CRYPTO_get/set_ex_data` know it is ours even
    /// when every other `CRYPTO_EX_DATA` is libcrypto's (pass-through mode).
    fn ad(&self) -> *mut CRYPTO_EX_DATA {
        let p = self as *const ExData as *mut CRYPTO_EX_DATA;
        ours().insert(p as usize);
        p
    }

    /// Runs the new-callbacks for `parent` (no lock held while they run).
    pub fn created(&self, parent: *mut c_void) {
        for (idx, s) in slots_of(self.class) {
            if let Some(f) = s.new {
                // SAFETY: an application callback registered for this class, called with the
                // arguments OpenSSL documents.
                unsafe {
                    f(
                        parent,
                        core::ptr::null_mut(),
                        self.ad(),
                        idx,
                        s.argl,
                        s.argp as _,
                    )
                };
            }
        }
    }

    /// Runs the free-callbacks for `parent` with the current values, ascending by index.
    pub fn freed(&self, parent: *mut c_void) {
        for (idx, s) in slots_of(self.class) {
            if let Some(f) = s.free {
                let v = self.get(idx);
                // SAFETY: as in `created`.
                unsafe {
                    f(
                        parent,
                        v as *mut c_void,
                        self.ad(),
                        idx,
                        s.argl,
                        s.argp as _,
                    )
                };
            }
        }
    }

    /// The value at `idx` (0 when unset or negative).
    pub fn get(&self, idx: c_int) -> usize {
        usize::try_from(idx)
            .ok()
            .and_then(|i| self.lock().get(i).copied())
            .unwrap_or(0)
    }

    /// Sets `idx`; false for a negative index (with OpenSSL's two error entries) or one of
    /// [`MAX_INDEX`] or more (a malloc failure).
    pub fn set(&self, idx: c_int, v: usize) -> bool {
        let Ok(i) = usize::try_from(idx) else {
            for func in ["OPENSSL_sk_set", "CRYPTO_set_ex_data"] {
                crate::crypto::err::push(Error::new(
                    lib::CRYPTO,
                    common::PASSED_INVALID_ARGUMENT,
                    func,
                ));
            }
            return false;
        };
        let mut vals = self.lock();
        if vals.len() <= i {
            // OpenSSL grows its stack one slot at a time up to `idx` and reports a malloc
            // failure when it cannot; an index no registration could have produced stands for
            // that failure here (growing to it would abort the process).
            let more = i + 1 - vals.len();
            if i >= MAX_INDEX || vals.try_reserve(more).is_err() {
                crate::crypto::err::push(Error::new(
                    lib::CRYPTO,
                    common::MALLOC_FAILURE,
                    "CRYPTO_set_ex_data",
                ));
                return false;
            }
            vals.resize(i + 1, 0);
        }
        vals[i] = v;
        true
    }
}

/// The `CRYPTO_EX_DATA *` a callback got, back as our object.
///
/// # Safety
/// `ad` must be NULL or a pointer handed to a callback by [`ExData`], still live.
fn ours() -> crate::sync::MutexGuard<'static, std::collections::BTreeSet<usize>> {
    static OURS: Mutex<std::collections::BTreeSet<usize>> =
        Mutex::new(std::collections::BTreeSet::new());
    OURS.lock().unwrap_or_else(|p| p.into_inner())
}

impl Drop for ExData {
    fn drop(&mut self) {
        ours().remove(&(self as *const ExData as usize));
    }
}

/// True when `ad` is one of ours (handed to a callback by an sslrs object).
fn is_ours(ad: *const CRYPTO_EX_DATA) -> bool {
    ours().contains(&(ad as usize))
}

unsafe fn ex_of<'a>(ad: *const CRYPTO_EX_DATA) -> Option<&'a ExData> {
    // SAFETY: per the caller.
    unsafe { (ad as *const ExData).as_ref() }
}

/// `CRYPTO_get_ex_new_index(3)`: a new index of `class_index` (from 1), or -1.
#[no_mangle]
pub extern "C" fn CRYPTO_get_ex_new_index(
    class_index: c_int,
    argl: c_long,
    argp: *mut c_void,
    new_func: CRYPTO_EX_new,
    dup_func: CRYPTO_EX_dup,
    free_func: CRYPTO_EX_free,
) -> c_int {
    // The SSL, SSL_CTX and SSL_SESSION classes are sslrs's objects in either backend: their
    // indexes (and new/free callbacks) live here; every other class is libcrypto's.
    if !owns_class(class_index) {
        crate::forward_new!(CRYPTO_get_ex_new_index(
            class_index,
            argl,
            argp,
            new_func,
            dup_func,
            free_func
        ));
    }
    let _ = dup_func;
    call(-1, || {
        let class = usize::try_from(class_index)
            .ok()
            .filter(|&c| c < CLASSES)
            .ok_or(Error::new(
                lib::CRYPTO,
                common::PASSED_INVALID_ARGUMENT,
                "CRYPTO_get_ex_new_index_ex",
            ))?;
        let mut reg = registry();
        let slots = &mut reg[class];
        if slots.is_empty() {
            slots.push(Slot {
                argl: 0,
                argp: 0,
                new: None,
                free: None,
            });
        }
        slots.push(Slot {
            argl,
            argp: argp as usize,
            new: new_func,
            free: free_func,
        });
        Ok((slots.len() - 1) as c_int)
    })
}

/// `CRYPTO_free_ex_index(3)`: the index stays allocated, its callbacks are dropped. 1, or 0 for
/// an unknown class or index.
#[no_mangle]
pub extern "C" fn CRYPTO_free_ex_index(class_index: c_int, idx: c_int) -> c_int {
    if !owns_class(class_index) {
        crate::forward!(CRYPTO_free_ex_index(class_index, idx));
    }
    guard(0, || {
        let (Ok(class), Ok(i)) = (usize::try_from(class_index), usize::try_from(idx)) else {
            return 0;
        };
        let mut reg = registry();
        match reg.get_mut(class).and_then(|s| s.get_mut(i)) {
            Some(s) => {
                s.new = None;
                s.free = None;
                1
            }
            None => 0,
        }
    })
}

/// `CRYPTO_set_ex_data(3)`: 1, or 0 for a negative index.
#[no_mangle]
pub extern "C" fn CRYPTO_set_ex_data(
    ad: *mut CRYPTO_EX_DATA,
    idx: c_int,
    val: *mut c_void,
) -> c_int {
    if !is_ours(ad) {
        crate::forward!(CRYPTO_set_ex_data(ad, idx, val));
    }
    // SAFETY: NULL or the pointer a callback was given.
    guard(0, || match unsafe { ex_of(ad) } {
        Some(e) => c_int::from(e.set(idx, val as usize)),
        None => 0,
    })
}

/// `CRYPTO_get_ex_data(3)`: the value, or NULL.
#[no_mangle]
pub extern "C" fn CRYPTO_get_ex_data(ad: *const CRYPTO_EX_DATA, idx: c_int) -> *mut c_void {
    if !is_ours(ad) {
        crate::forward!(CRYPTO_get_ex_data(ad, idx));
    }
    // SAFETY: NULL or the pointer a callback was given.
    guard(core::ptr::null_mut(), || match unsafe { ex_of(ad) } {
        Some(e) => e.get(idx) as *mut c_void,
        None => core::ptr::null_mut(),
    })
}

// ---------------------------------------------------------------------------------------------
// SSL_SESSION ex_data. Sessions are also made inside the engine (from handshakes, `d2i`), so a
// session's data is created on first use: its new-callbacks run then (not when the session was
// made, as in OpenSSL), its free-callbacks when the session's last reference goes.

/// The ex_data of one `SSL_SESSION`.
struct SessionEx {
    ex: ExData,
    parent: usize,
    /// The peer certificate as libcrypto's `X509` (pass-through mode): its DER and the object.
    peer: crate::sync::Mutex<Option<(Vec<u8>, usize)>>,
}

impl Drop for SessionEx {
    fn drop(&mut self) {
        self.ex.freed(self.parent as *mut c_void);
        let peer = self.peer.get_mut().map(|p| p.take()).unwrap_or_default();
        if let Some((_, x)) = peer {
            crate::ffi::x509::X509_free(x as *mut crate::ffi::types::X509);
        }
    }
}

/// The session's peer certificate as an `X509` of the active backend's kind made from `der`,
/// held by the session (`SSL_SESSION_get0_peer` in pass-through mode) and freed with it.
pub fn session_peer_object(
    s: *const crate::ffi::types::SSL_SESSION,
    der: &[u8],
) -> Result<*mut crate::ffi::types::X509, Error> {
    let app = session_app(s)?;
    let mut g = app
        .peer
        .lock()
        .map_err(|_| Error::internal("SSL_SESSION_get0_peer"))?;
    if let Some((d, x)) = &*g {
        if d == der {
            return Ok(*x as *mut crate::ffi::types::X509);
        }
    }
    let x = crate::ffi::certs::x509_from_der(der)?;
    if let Some((_, old)) = g.replace((der.to_vec(), x as usize)) {
        crate::ffi::x509::X509_free(old as *mut crate::ffi::types::X509);
    }
    Ok(x)
}

fn session_ex<'a>(s: *const crate::ffi::types::SSL_SESSION) -> Result<&'a ExData, Error> {
    Ok(&session_app(s)?.ex)
}

fn session_app<'a>(s: *const crate::ffi::types::SSL_SESSION) -> Result<&'a SessionEx, Error> {
    // SAFETY: a non-NULL SSL_SESSION* is one we handed out and the caller still holds.
    let sess = unsafe { crate::ffi::types::borrow::<crate::ffi::types::SSL_SESSION>(s) }
        .ok_or(Error::null_param(lib::SSL, "SSL_SESSION"))?;
    let mut fresh = false;
    let app = sess.app.get_or_init(|| {
        fresh = true;
        Box::new(SessionEx {
            ex: ExData::new(crate::ffi::crypto::CRYPTO_EX_INDEX_SSL_SESSION),
            parent: s as usize,
            peer: crate::sync::Mutex::new(None),
        })
    });
    let app = app
        .downcast_ref::<SessionEx>()
        .ok_or(Error::internal("SSL_SESSION ex_data"))?;
    if fresh {
        app.ex.created(s as *mut c_void);
    }
    Ok(app)
}

/// `SSL_SESSION_set_ex_data(3)`: 1, or 0 for a negative index. Index 0 is the app data.
#[no_mangle]
pub extern "C" fn SSL_SESSION_set_ex_data(
    ss: *mut crate::ffi::types::SSL_SESSION,
    idx: c_int,
    data: *mut c_void,
) -> c_int {
    call(0, || {
        Ok(c_int::from(session_ex(ss)?.set(idx, data as usize)))
    })
}

/// `SSL_SESSION_get_ex_data(3)`: the value, or NULL.
#[no_mangle]
pub extern "C" fn SSL_SESSION_get_ex_data(
    ss: *const crate::ffi::types::SSL_SESSION,
    idx: c_int,
) -> *mut c_void {
    call(core::ptr::null_mut(), || {
        Ok(session_ex(ss)?.get(idx) as *mut c_void)
    })
}

/// True for the ex_data classes whose objects sslrs makes (`CRYPTO_EX_INDEX_SSL`, `_SSL_CTX`,
/// `_SSL_SESSION`).
fn owns_class(class_index: c_int) -> bool {
    matches!(class_index, 0..=2)
}
