//! The error queue in pass-through mode: sslrs's errors go onto libcrypto's queue, where the
//! program (whose `ERR_*` calls all reach libcrypto) reads them, and libssl's reason strings are
//! registered there so `ERR_error_string` prints `SSL routines::...` as with OpenSSL.

use crate::error::{lib, Error};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_ulong, CStr};
use std::collections::HashMap;
use std::ffi::CString;
use std::sync::Once;

type ErrNew = unsafe extern "C" fn();
type ErrSetDebug = unsafe extern "C" fn(*const c_char, c_int, *const c_char);
type ErrSetError = unsafe extern "C" fn(c_int, c_int, *const c_char, ...);

/// `ERR_STRING_DATA`.
#[repr(C)]
struct StringData {
    error: c_ulong,
    string: *const c_char,
}

/// libcrypto keeps the pointers `ERR_set_debug` is given: each function name is interned once.
fn interned(func: &'static str) -> *const c_char {
    static NAMES: Mutex<Option<HashMap<&'static str, &'static CStr>>> = Mutex::new(None);
    let mut g = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    let map = g.get_or_insert_with(HashMap::new);
    map.entry(func)
        .or_insert_with(|| {
            let c = CString::new(func.replace('\0', "")).unwrap_or_default();
            Box::leak(c.into_boxed_c_str())
        })
        .as_ptr()
}

/// The table handed to `ERR_load_strings_const`.
struct Table(Box<[StringData]>);
// SAFETY: immutable after creation; the pointers are to `'static` C strings.
unsafe impl Sync for Table {}
// SAFETY: as above.
unsafe impl Send for Table {}
static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();

/// Registers libssl's reason strings with libcrypto, once.
pub fn load_strings() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let f = crate::libcrypto_fn!("ERR_load_strings_const");
        if f.is_null() {
            return;
        }
        let mut table: Vec<StringData> = crate::crypto::err_strings::SSL_REASONS
            .iter()
            .map(|(code, s)| StringData {
                error: c_ulong::from(*code),
                string: s.as_ptr(),
            })
            .collect();
        table.push(StringData {
            error: 0,
            string: core::ptr::null(),
        });
        // Held by a static (libcrypto keeps pointers into it for the life of the process).
        let table: &'static [StringData] = &TABLE.get_or_init(|| Table(table.into_boxed_slice())).0;
        // SAFETY: libcrypto's ERR_load_strings_const(const ERR_STRING_DATA *); the table is
        // terminated and lives forever.
        unsafe {
            let f: unsafe extern "C" fn(*const StringData) -> c_int = core::mem::transmute(f);
            f(table.as_ptr());
        }
    });
}

/// Pushes `e` onto libcrypto's queue. False if libcrypto lacks the entry points.
pub fn push(e: &Error) -> bool {
    let (new, debug, set) = (
        crate::libcrypto_fn!("ERR_new"),
        crate::libcrypto_fn!("ERR_set_debug"),
        crate::libcrypto_fn!("ERR_set_error"),
    );
    if new.is_null() || debug.is_null() || set.is_null() {
        return false;
    }
    if e.lib == lib::SSL {
        load_strings();
    }
    // libcrypto packs ERR_LIB_SYS entries as system errors itself.
    let lib_no = if e.system { lib::SYS } else { e.lib };
    let data = e
        .data
        .as_deref()
        .map(|d| CString::new(d.replace('\0', "")).unwrap_or_default());
    // SAFETY: libcrypto's functions with their OpenSSL 3.0 prototypes; the strings outlive the
    // calls (ERR_set_error copies the formatted data; the debug strings are interned).
    unsafe {
        let new: ErrNew = core::mem::transmute(new);
        let debug: ErrSetDebug = core::mem::transmute(debug);
        let set: ErrSetError = core::mem::transmute(set);
        new();
        debug(c"".as_ptr(), 0, interned(e.func));
        match &data {
            Some(d) => set(lib_no, e.reason, c"%s".as_ptr(), d.as_ptr()),
            None => set(lib_no, e.reason, core::ptr::null()),
        }
    }
    true
}

/// In pass-through mode, libcrypto's argument-less `ERR_*` function `p` (from
/// `libcrypto_fn!`) returning an unsigned long (`ERR_peek_error`, `ERR_peek_last_error`).
pub fn ulong_fn(p: *mut core::ffi::c_void) -> Option<impl Fn() -> u64> {
    if p.is_null() {
        return None;
    }
    // SAFETY: both take no arguments and return unsigned long.
    let f: unsafe extern "C" fn() -> c_ulong = unsafe { core::mem::transmute(p) };
    #[allow(clippy::useless_conversion)] // c_ulong is u64 here, u32 elsewhere
    Some(move || u64::from(unsafe { f() }))
}

/// `ERR_clear_error` on libcrypto's queue; false when not forwarding.
pub fn clear() -> bool {
    let p = crate::libcrypto_fn!("ERR_clear_error");
    if p.is_null() {
        return false;
    }
    // SAFETY: void ERR_clear_error(void).
    let f: unsafe extern "C" fn() = unsafe { core::mem::transmute(p) };
    unsafe { f() };
    true
}
