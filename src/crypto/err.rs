//! The thread-local ERR queue (native backend) and OpenSSL's error strings.
//!
//! Behaviour measured against the system OpenSSL 3.0.19 (see the tests):
//! - the queue keeps at most 15 entries (OpenSSL's 16-slot ring wastes one); older ones fall off;
//! - `ERR_new` without `ERR_set_debug` leaves file `""`, line `-1`, func `""`;
//! - marks are counters on an entry; a mark that fell off the queue makes `ERR_pop_to_mark` fail
//!   after emptying the queue;
//! - library names and libcrypto reasons resolve once the crypto strings are loaded (any queue
//!   access, `OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CRYPTO_STRINGS)`, `OPENSSL_init_ssl`), SSL
//!   reasons only after [`load_ssl_strings`]; before that they print as `lib(N)` / `reason(N)`.

use crate::crypto::err_strings as tables;
use crate::error::{lib, Error};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::ffi::{CStr, CString};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::RwLock;

/// OpenSSL's ring has 16 slots (`ERR_NUM_ERRORS`) ...
pub const ERR_NUM_ERRORS: usize = 16;
/// ... of which 15 hold errors (measured: after 20 pushes, 15 remain, oldest = the 6th).
pub const QUEUE_CAPACITY: usize = ERR_NUM_ERRORS - 1;
/// `ERR_TXT_MALLOCED`.
pub const ERR_TXT_MALLOCED: i32 = 0x01;
/// `ERR_TXT_STRING`.
pub const ERR_TXT_STRING: i32 = 0x02;
/// `ERR_SYSTEM_FLAG`: set on `errno` entries.
pub const ERR_SYSTEM_FLAG: u64 = 0x8000_0000;
/// `ERR_SYSTEM_MASK`.
pub const ERR_SYSTEM_MASK: u64 = 0x7FFF_FFFF;
/// `ERR_REASON_MASK`.
pub const ERR_REASON_MASK: u64 = 0x7F_FFFF;
/// `ERR_MAX_DATA_SIZE`: `ERR_set_error` formats into a buffer this big.
pub const ERR_MAX_DATA_SIZE: usize = 1024;
/// Lines longer than this are cut by the print functions (OpenSSL's print buffer is 4096).
const PRINT_BUF_SIZE: usize = 4096;

/// One queued entry: the error plus where it was raised.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The error (for entries raised from C: lib/reason/system decoded from `code`, func "").
    pub error: Error,
    /// The packed code `ERR_get_error` returns (0 while an `ERR_new` slot is still unset).
    pub code: u64,
    /// Source file (`""` when unset).
    pub file: CString,
    /// Source line (-1 after `ERR_new` without `ERR_set_debug`).
    pub line: i32,
    /// Function name (`""` when unset).
    pub func: CString,
    /// Data text (`""` when none).
    pub data: CString,
    /// `ERR_TXT_*` flags of `data`.
    pub flags: i32,
    /// `ERR_set_mark` count on this entry.
    marks: u32,
}

/// A C string from Rust text: cut at the first NUL, never fails.
pub fn cstring(s: &str) -> CString {
    let bytes = s.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

impl Entry {
    fn from_error(error: Error) -> Entry {
        let code = error.code();
        let (data, flags) = match &error.data {
            Some(d) => (cstring(d), ERR_TXT_STRING | ERR_TXT_MALLOCED),
            None => (CString::default(), 0),
        };
        Entry {
            code,
            file: CString::default(),
            line: 0,
            func: cstring(error.func),
            data,
            flags,
            marks: 0,
            error,
        }
    }
    fn pending() -> Entry {
        Entry {
            error: Error::new(0, 0, ""),
            code: 0,
            file: CString::default(),
            line: -1,
            func: CString::default(),
            data: CString::default(),
            flags: 0,
            marks: 0,
        }
    }
    /// The data as text, or `""` unless `ERR_TXT_STRING` is set.
    pub fn data_text(&self) -> &str {
        if self.flags & ERR_TXT_STRING != 0 {
            self.data.to_str().unwrap_or("")
        } else {
            ""
        }
    }
}

#[derive(Default)]
struct State {
    queue: VecDeque<Entry>,
    /// Popped entries, kept so the `const char *` that `ERR_get_error_all` handed out stay valid
    /// for a while (OpenSSL keeps them until the ring slot is reused).
    retired: VecDeque<Entry>,
}

impl State {
    fn push(&mut self, e: Entry) {
        while self.queue.len() >= QUEUE_CAPACITY {
            if let Some(old) = self.queue.pop_front() {
                self.retire(old);
            }
        }
        self.queue.push_back(e);
    }
    fn retire(&mut self, e: Entry) {
        if self.retired.len() >= ERR_NUM_ERRORS {
            self.retired.pop_front();
        }
        self.retired.push_back(e);
    }
    /// Drops unset `ERR_new` slots from the front (`ERR_get_error` never reports code 0).
    fn skip_unset_front(&mut self) {
        while self
            .queue
            .front()
            .is_some_and(|e| e.code == 0 && e.marks == 0)
        {
            if let Some(e) = self.queue.pop_front() {
                self.retire(e);
            }
        }
    }
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Runs `f` on this thread's queue. During thread teardown (queue already destroyed) or a
/// re-entrant call, nothing happens and `R::default()` is returned: never a panic.
fn with_state<R: Default>(f: impl FnOnce(&mut State) -> R) -> R {
    load_crypto_strings();
    STATE
        .try_with(|s| {
            s.try_borrow_mut()
                .map(|mut s| f(&mut s))
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Pushes one error onto this thread's queue (file `""`, line 0, func = `error.func`).
pub fn push(error: Error) {
    if crate::ffi::backend::forwarding() && super::err_forward::push(&error) {
        return;
    }
    with_state(|s| s.push(Entry::from_error(error)));
}

/// `ERR_clear_error`.
pub fn clear() {
    if super::err_forward::clear() {
        return;
    }
    with_state(|s| {
        let drained: Vec<Entry> = s.queue.drain(..).collect();
        for e in drained {
            s.retire(e);
        }
    });
}

/// `ERR_peek_error`: the oldest code, 0 when empty.
pub fn peek_first() -> u64 {
    if let Some(f) = super::err_forward::ulong_fn(crate::libcrypto_fn!("ERR_peek_error")) {
        return f();
    }
    with_state(|s| s.queue.iter().find(|e| e.code != 0).map_or(0, |e| e.code))
}

/// `ERR_peek_last_error`: the newest code, 0 when empty.
pub fn peek_last() -> u64 {
    if let Some(f) = super::err_forward::ulong_fn(crate::libcrypto_fn!("ERR_peek_last_error")) {
        return f();
    }
    with_state(|s| {
        s.queue
            .iter()
            .rev()
            .find(|e| e.code != 0)
            .map_or(0, |e| e.code)
    })
}

/// `ERR_get_error`: pops the oldest entry.
pub fn pop_first() -> Option<Entry> {
    with_state(|s| {
        s.skip_unset_front();
        let e = s.queue.pop_front()?;
        s.retire(e.clone());
        Some(e)
    })
}

/// Number of entries on this thread's queue.
pub fn len() -> usize {
    with_state(|s| s.queue.len())
}

/// Which end of the queue an accessor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The oldest entry (`ERR_get_error`, `ERR_peek_error*`).
    First,
    /// The newest entry (`ERR_peek_last_error*`).
    Last,
}

/// Runs `f` on the oldest/newest entry; with `pop` the entry is removed first (and kept alive in
/// the retired ring, so pointers taken from it in `f` outlive the call). `None` when empty.
pub fn fetch<R>(which: Which, pop: bool, f: impl FnOnce(&Entry) -> R) -> Option<R> {
    with_state(|s| {
        s.skip_unset_front();
        match (which, pop) {
            (Which::First, true) => {
                let e = s.queue.pop_front()?;
                s.retire(e);
                s.retired.back().map(f)
            }
            (Which::First, false) => s.queue.iter().find(|e| e.code != 0).map(f),
            (Which::Last, _) => s.queue.iter().rev().find(|e| e.code != 0).map(f),
        }
    })
}

/// `ERR_new`: opens a new, unset entry.
pub fn new_entry() {
    with_state(|s| s.push(Entry::pending()));
}

/// `ERR_set_debug`: file/line/func of the newest entry (no-op on an empty queue).
pub fn set_debug(file: Option<&CStr>, line: i32, func: Option<&CStr>) {
    with_state(|s| {
        if let Some(e) = s.queue.back_mut() {
            e.file = file.map(CStr::to_owned).unwrap_or_default();
            e.line = line;
            e.func = func.map(CStr::to_owned).unwrap_or_default();
        }
    });
}

/// The code `ERR_set_error(lib, reason, ..)` stores: `ERR_LIB_SYS` reasons become system errors.
pub fn code_for(lib_no: i32, reason: i32) -> u64 {
    if lib_no == lib::SYS {
        ERR_SYSTEM_FLAG | (reason as u32 as u64 & ERR_SYSTEM_MASK)
    } else {
        pack(lib_no, reason)
    }
}

/// Decodes a packed code back into an [`Error`] (func `""`).
pub fn error_of(code: u64) -> Error {
    if is_system(code) {
        Error::system(get_reason(code), "")
    } else {
        Error::new(get_lib(code), get_reason(code), "")
    }
}

/// `ERR_set_error` / `ERR_vset_error` after formatting: sets code and data of the newest entry.
/// `data` is `None` when the format was NULL (flags 0), else the text (flags
/// `ERR_TXT_STRING | ERR_TXT_MALLOCED`, even for `""`).
pub fn set_error(lib_no: i32, reason: i32, data: Option<&CStr>) {
    with_state(|s| {
        if let Some(e) = s.queue.back_mut() {
            e.code = code_for(lib_no, reason);
            e.error = error_of(e.code);
            match data {
                Some(d) => {
                    e.data = d.to_owned();
                    e.flags = ERR_TXT_STRING | ERR_TXT_MALLOCED;
                    e.error.data = Some(d.to_string_lossy().into_owned());
                }
                None => {
                    e.data = CString::default();
                    e.flags = 0;
                }
            }
        }
    });
}

/// `ERR_set_error_data(data, flags)`: replaces the newest entry's data (copied).
pub fn set_data(data: Option<&CStr>, flags: i32) {
    with_state(|s| {
        if let Some(e) = s.queue.back_mut() {
            e.data = data.map(CStr::to_owned).unwrap_or_default();
            e.flags = flags;
            e.error.data = data.map(|d| d.to_string_lossy().into_owned());
        }
    });
}

/// `ERR_add_error_data` / `ERR_add_error_txt`: appends to the newest entry's data when that data
/// is `ERR_TXT_STRING | ERR_TXT_MALLOCED`, else replaces it; `sep` goes between old and new text
/// only when there was old text. No-op on an empty queue.
pub fn add_data(sep: &[u8], txt: &[u8]) {
    with_state(|s| {
        if let Some(e) = s.queue.back_mut() {
            let both = ERR_TXT_STRING | ERR_TXT_MALLOCED;
            let mut buf: Vec<u8> = if e.flags & both == both {
                e.data.as_bytes().to_vec()
            } else {
                Vec::new()
            };
            if !buf.is_empty() {
                buf.extend_from_slice(sep);
            }
            buf.extend_from_slice(txt);
            buf.retain(|&b| b != 0);
            e.data = CString::new(buf).unwrap_or_default();
            e.flags = both;
            e.error.data = Some(e.data.to_string_lossy().into_owned());
        }
    });
}

/// `ERR_set_mark`: marks the newest entry. False (0) on an empty queue.
pub fn set_mark() -> bool {
    with_state(|s| match s.queue.back_mut() {
        Some(e) => {
            e.marks += 1;
            true
        }
        None => false,
    })
}

/// `ERR_pop_to_mark`: removes entries newer than the newest mark and consumes that mark.
/// Without a mark the whole queue is emptied and the result is false.
pub fn pop_to_mark() -> bool {
    with_state(|s| {
        while let Some(e) = s.queue.back_mut() {
            if e.marks > 0 {
                e.marks -= 1;
                return true;
            }
            if let Some(e) = s.queue.pop_back() {
                s.retire(e);
            }
        }
        false
    })
}

/// `ERR_clear_last_mark`: consumes the newest mark without removing entries.
pub fn clear_last_mark() -> bool {
    with_state(|s| {
        for e in s.queue.iter_mut().rev() {
            if e.marks > 0 {
                e.marks -= 1;
                return true;
            }
        }
        false
    })
}

// ---------------------------------------------------------------------------------------------
// Packing

/// `ERR_PACK(lib, 0, reason)`.
pub const fn pack(lib_no: i32, reason: i32) -> u64 {
    (((lib_no as u64) & 0xFF) << 23) | ((reason as u64) & ERR_REASON_MASK)
}
/// `ERR_SYSTEM_ERROR(code)`.
pub const fn is_system(code: u64) -> bool {
    code & ERR_SYSTEM_FLAG != 0
}
/// `ERR_GET_LIB(code)`.
pub const fn get_lib(code: u64) -> i32 {
    if is_system(code) {
        lib::SYS
    } else {
        ((code >> 23) & 0xFF) as i32
    }
}
/// `ERR_GET_REASON(code)`.
pub const fn get_reason(code: u64) -> i32 {
    if is_system(code) {
        (code & ERR_SYSTEM_MASK) as i32
    } else {
        (code & ERR_REASON_MASK) as i32
    }
}

// ---------------------------------------------------------------------------------------------
// Strings

static CRYPTO_STRINGS: AtomicBool = AtomicBool::new(false);
static SSL_STRINGS: AtomicBool = AtomicBool::new(false);
static USER_STRINGS: RwLock<BTreeMap<u64, &'static CStr>> = RwLock::new(BTreeMap::new());
static NEXT_LIB: AtomicI32 = AtomicI32::new(128);

/// Which built-in string tables are visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    /// libcrypto's: library names, common and per-library reasons.
    pub crypto: bool,
    /// libssl's reasons (lib 20).
    pub ssl: bool,
}

impl Loaded {
    /// The process's current state.
    pub fn now() -> Loaded {
        Loaded {
            crypto: CRYPTO_STRINGS.load(Ordering::Acquire),
            ssl: SSL_STRINGS.load(Ordering::Acquire),
        }
    }
}

/// Makes library names and libcrypto reasons resolve (`ERR_load_ERR_strings`, any queue access,
/// `OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CRYPTO_STRINGS)`, `OPENSSL_init_ssl`).
pub fn load_crypto_strings() {
    CRYPTO_STRINGS.store(true, Ordering::Release);
}

/// Makes the SSL reason strings resolve. `SSL_CTX_new`, `SSL_SESSION_new`,
/// `SSL_load_error_strings()`, `ERR_load_SSL_strings()` and
/// `OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS)` call this (it loads the crypto strings too).
pub fn load_ssl_strings() {
    if crate::ffi::backend::forwarding() {
        super::err_forward::load_strings();
    }
    load_crypto_strings();
    SSL_STRINGS.store(true, Ordering::Release);
}

/// `ERR_load_strings_const`: registers `text` under the packed key (`ERR_PACK(lib,0,0)` names a
/// library, `ERR_PACK(lib,0,reason)` a reason); later registrations win. The text is copied once.
pub fn register_string(key: u64, text: &CStr) {
    load_crypto_strings();
    let mut map = USER_STRINGS.write().unwrap_or_else(|p| p.into_inner());
    if map.get(&key).is_some_and(|old| *old == text) {
        return;
    }
    map.insert(key, Box::leak(text.to_owned().into_boxed_c_str()));
}

/// `ERR_unload_strings`: forgets a registration (the copy stays allocated).
pub fn unregister_string(key: u64) {
    USER_STRINGS
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&key);
}

/// `ERR_get_next_error_library`: 128, 129, ...
pub fn next_library() -> i32 {
    NEXT_LIB.fetch_add(1, Ordering::Relaxed)
}

fn user_string(key: u64) -> Option<&'static CStr> {
    USER_STRINGS
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .get(&key)
        .copied()
}

fn find(table: &'static [(u32, &'static CStr)], key: u64) -> Option<&'static CStr> {
    let key = u32::try_from(key).ok()?;
    table
        .binary_search_by_key(&key, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// `ERR_lib_error_string` with explicit table state.
pub fn lib_string_in(code: u64, st: Loaded) -> Option<&'static CStr> {
    let l = get_lib(code);
    let key = pack(l, 0);
    user_string(key).or_else(|| {
        if st.crypto && l != 0 {
            find(tables::LIB_NAMES, l as u64)
        } else {
            None
        }
    })
}

/// `ERR_lib_error_string(code)`: `"SSL routines"`, or `None`.
pub fn lib_string(code: u64) -> Option<&'static CStr> {
    lib_string_in(code, Loaded::now())
}

/// `ERR_reason_error_string` with explicit table state.
pub fn reason_string_in(code: u64, st: Loaded) -> Option<&'static CStr> {
    if is_system(code) {
        return None;
    }
    let (l, r) = (get_lib(code), get_reason(code));
    let key = pack(l, r);
    let common = pack(0, r);
    if let Some(s) = user_string(key) {
        return Some(s);
    }
    if st.crypto {
        let own = if l == lib::SSL {
            if st.ssl {
                find(tables::SSL_REASONS, key)
            } else {
                None
            }
        } else {
            find(tables::CRYPTO_REASONS, key)
        };
        if own.is_some() {
            return own;
        }
    }
    user_string(common).or_else(|| {
        if st.crypto {
            find(tables::COMMON_REASONS, common)
        } else {
            None
        }
    })
}

/// `ERR_reason_error_string(code)`: the reason text, `None` when unknown (and for system errors).
pub fn reason_string(code: u64) -> Option<&'static CStr> {
    reason_string_in(code, Loaded::now())
}

/// `strerror(errno)` for a system error, `None` when the C library does not know it.
pub fn system_string(errno: i32) -> Option<String> {
    let s = std::io::Error::from_raw_os_error(errno).to_string();
    let s = match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    };
    if s.starts_with("Unknown error") {
        None
    } else {
        Some(s)
    }
}

fn lib_text(code: u64, st: Loaded) -> String {
    match lib_string_in(code, st) {
        Some(s) => s.to_string_lossy().into_owned(),
        None => format!("lib({})", get_lib(code)),
    }
}

fn reason_text(code: u64, st: Loaded) -> String {
    let r = get_reason(code);
    let known = if is_system(code) {
        system_string(r)
    } else {
        reason_string_in(code, st).map(|s| s.to_string_lossy().into_owned())
    };
    known.unwrap_or_else(|| format!("reason({r})"))
}

/// The long form `error:%08lX:<lib>:<func>:<reason>` with the given function text.
fn long_form(code: u64, func: &str, st: Loaded) -> String {
    format!(
        "error:{code:08X}:{}:{func}:{}",
        lib_text(code, st),
        reason_text(code, st)
    )
}

/// `ERR_error_string` text: `error:0A000086:SSL routines::certificate verify failed`.
pub fn error_string_in(code: u64, st: Loaded) -> String {
    long_form(code, "", st)
}

/// [`error_string_in`] with the current table state.
pub fn error_string(code: u64) -> String {
    error_string_in(code, Loaded::now())
}

/// What `ERR_error_string_n(code, buf, len)` writes, without the terminating NUL (so at most
/// `len - 1` bytes; nothing at all for `len == 0`). When the long form would not fit with room to
/// spare (`strlen >= len - 1`), OpenSSL writes the short form `err:%lx:%lx:%lx:%lx` (code, lib,
/// 0, reason), itself cut to `len - 1` bytes [measured].
pub fn error_string_n_in(code: u64, len: usize, st: Loaded) -> Option<Vec<u8>> {
    if len == 0 {
        return None;
    }
    let full = error_string_in(code, st);
    let mut out = if full.len() >= len - 1 {
        format!("err:{code:x}:{:x}:0:{:x}", get_lib(code), get_reason(code)).into_bytes()
    } else {
        full.into_bytes()
    };
    out.truncate(len - 1);
    Some(out)
}

/// [`error_string_n_in`] with the current table state.
pub fn error_string_n(code: u64, len: usize) -> Option<Vec<u8>> {
    error_string_n_in(code, len, Loaded::now())
}

/// One `ERR_print_errors*` line, newline included:
/// `<tid>:error:<CODE>:<lib>:<func>:<reason>:<file>:<line>:<data>\n`.
pub fn print_line_in(tid: &str, e: &Entry, st: Loaded) -> String {
    let func = e.func.to_string_lossy();
    let file = e.file.to_string_lossy();
    let mut s = format!(
        "{tid}:{}:{file}:{}:{}\n",
        long_form(e.code, &func, st),
        e.line,
        e.data_text()
    );
    if s.len() > PRINT_BUF_SIZE - 1 {
        let mut cut = PRINT_BUF_SIZE - 2;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('\n');
    }
    s
}

/// [`print_line_in`] with the current table state.
pub fn print_line(tid: &str, e: &Entry) -> String {
    print_line_in(tid, e, Loaded::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{common, ssl_r};

    const ALL: Loaded = Loaded {
        crypto: true,
        ssl: true,
    };
    const CRYPTO_ONLY: Loaded = Loaded {
        crypto: true,
        ssl: false,
    };
    const NONE: Loaded = Loaded {
        crypto: false,
        ssl: false,
    };

    #[test]
    fn packing() {
        assert_eq!(
            pack(lib::SSL, ssl_r::CERTIFICATE_VERIFY_FAILED),
            0x0A00_0086
        );
        assert_eq!(pack(lib::SSL, common::INTERNAL_ERROR), 0x0A0C_0103);
        assert_eq!(get_lib(0x0A00_0086), 20);
        assert_eq!(get_reason(0x0A0C_0103), 0xC0103);
        assert_eq!(get_lib(0x8000_0068), 2);
        assert_eq!(get_reason(0x8000_0068), 104);
        assert!(is_system(0x8000_0068));
        assert_eq!(code_for(lib::SYS, 104), 0x8000_0068);
        assert_eq!(Error::system(104, "f").code(), 0x8000_0068);
        assert_eq!(get_lib(0x12_3456_7890), 104);
        assert_eq!(get_reason(0x12_3456_7890), 5_666_960);
    }

    #[test]
    fn strings_measured() {
        // All expected texts were printed by the system OpenSSL 3.0.19.
        assert_eq!(
            error_string_in(0x0A00_0086, ALL),
            "error:0A000086:SSL routines::certificate verify failed"
        );
        assert_eq!(
            error_string_in(0x0A00_0086, CRYPTO_ONLY),
            "error:0A000086:SSL routines::reason(134)"
        );
        assert_eq!(
            error_string_in(0x0A00_0086, NONE),
            "error:0A000086:lib(20)::reason(134)"
        );
        assert_eq!(
            error_string_in(0x8000_0068, ALL),
            "error:80000068:system library::Connection reset by peer"
        );
        assert_eq!(
            error_string_in(0x8000_0068, NONE),
            "error:80000068:lib(2)::Connection reset by peer"
        );
        assert_eq!(
            error_string_in(pack(2, 104), ALL),
            "error:01000068:system library::reason(104)"
        );
        assert_eq!(
            error_string_in(pack(99, 5), ALL),
            "error:31800005:lib(99)::reason(5)"
        );
        assert_eq!(error_string_in(0, ALL), "error:00000000:lib(0)::reason(0)");
        assert_eq!(
            error_string_in(0x0A0C_0103, ALL),
            "error:0A0C0103:SSL routines::internal error"
        );
        assert_eq!(
            error_string_in(0x100C_0102, ALL),
            "error:100C0102:BIO routines::passed a null parameter"
        );
        assert_eq!(
            error_string_in(0x100C_0102, NONE),
            "error:100C0102:lib(32)::reason(786690)"
        );
        assert_eq!(
            error_string_in(0x8000_0000, ALL),
            "error:80000000:system library::Success"
        );
        assert_eq!(
            error_string_in(0x8000_0085, ALL),
            "error:80000085:system library::Memory page has hardware error"
        );
        assert_eq!(
            error_string_in(0x8000_0086, ALL),
            "error:80000086:system library::reason(134)"
        );
        assert_eq!(
            error_string_in(0x8000_1234, ALL),
            "error:80001234:system library::reason(4660)"
        );
        assert_eq!(
            error_string_in(0xFFFF_FFFF, ALL),
            "error:FFFFFFFF:system library::reason(2147483647)"
        );
        assert_eq!(
            error_string_in(0x7FFF_FFFF, ALL),
            "error:7FFFFFFF:lib(255)::reason(8388607)"
        );
        assert_eq!(
            error_string_in(0x12_3456_7890, ALL),
            "error:1234567890:lib(104)::reason(5666960)"
        );
        assert_eq!(
            error_string_in(u64::MAX, ALL),
            "error:FFFFFFFFFFFFFFFF:system library::reason(2147483647)"
        );
        assert_eq!(
            error_string_in(0x0A00_0418, ALL),
            "error:0A000418:SSL routines::tlsv1 alert unknown ca"
        );
        assert_eq!(
            error_string_in(0x0A00_0460, ALL),
            "error:0A000460:SSL routines::tlsv1 alert no application protocol"
        );
        assert_eq!(
            reason_string_in(pack(20, 258), CRYPTO_ONLY),
            None,
            "no lib-0 fallback without flags"
        );
        assert_eq!(reason_string_in(pack(33, 258), ALL), None);
        assert_eq!(reason_string_in(pack(9, common::SSL_LIB), ALL), None);
        assert_eq!(reason_string_in(0x8000_0068, ALL), None);
        assert_eq!(lib_string_in(pack(0, 1), ALL), None);
        assert_eq!(lib_string_in(pack(128, 1), ALL), None);
        assert_eq!(
            lib_string_in(0x8000_0068, ALL).unwrap().to_str().unwrap(),
            "system library"
        );
        assert_eq!(lib_string_in(0x0A00_0086, NONE), None);
    }

    #[test]
    fn all_ssl_reasons_have_text() {
        assert_eq!(tables::SSL_REASONS.len(), 321);
        for w in tables::SSL_REASONS.windows(2) {
            assert!(w[0].0 < w[1].0);
        }
        for t in [
            tables::LIB_NAMES,
            tables::COMMON_REASONS,
            tables::CRYPTO_REASONS,
        ] {
            for w in t.windows(2) {
                assert!(w[0].0 < w[1].0);
            }
        }
    }

    #[test]
    fn error_string_n_measured() {
        let code = 0x0A00_0086;
        let at = |len| error_string_n_in(code, len, ALL).map(|v| String::from_utf8(v).unwrap());
        // Measured on OpenSSL 3.0.19 for len = 0..60 (the long form is 54 bytes).
        assert_eq!(at(0), None);
        assert_eq!(at(1).unwrap(), "");
        assert_eq!(at(2).unwrap(), "e");
        assert_eq!(at(12).unwrap(), "err:a000086");
        assert_eq!(at(19).unwrap(), "err:a000086:14:0:8");
        assert_eq!(at(20).unwrap(), "err:a000086:14:0:86");
        assert_eq!(at(30).unwrap(), "err:a000086:14:0:86");
        assert_eq!(at(55).unwrap(), "err:a000086:14:0:86");
        assert_eq!(
            at(56).unwrap(),
            "error:0A000086:SSL routines::certificate verify failed"
        );
        assert_eq!(
            at(256).unwrap(),
            "error:0A000086:SSL routines::certificate verify failed"
        );
        let s = |c, len| String::from_utf8(error_string_n_in(c, len, ALL).unwrap()).unwrap();
        assert_eq!(s(0x8000_0068, 20), "err:80000068:2:0:68");
        assert_eq!(s(0x0A0C_0103, 20), "err:a0c0103:14:0:c0");
        assert_eq!(s(u64::MAX, 40), "err:ffffffffffffffff:2:0:7fffffff");
    }

    #[test]
    fn queue_order_and_cap() {
        clear();
        assert_eq!(peek_first(), 0);
        assert_eq!(peek_last(), 0);
        assert!(pop_first().is_none());
        for r in 1..=20 {
            push(Error::ssl(r, "f"));
        }
        // Measured: 15 entries survive, the oldest is the 6th.
        assert_eq!(len(), 15);
        assert_eq!(peek_first(), 0x0A00_0006);
        assert_eq!(peek_last(), 0x0A00_0014);
        let mut n = 0;
        while let Some(e) = pop_first() {
            n += 1;
            assert_eq!(e.code, pack(20, n + 5));
        }
        assert_eq!(n, 15);
        assert_eq!(peek_first(), 0);
    }

    #[test]
    fn pending_entries_and_debug() {
        clear();
        new_entry();
        assert_eq!(peek_first(), 0, "unset ERR_new slot is invisible");
        set_error(20, 134, None);
        let (file, line, func, data, flags) = fetch(Which::First, true, |e| {
            (
                e.file.clone(),
                e.line,
                e.func.clone(),
                e.data.clone(),
                e.flags,
            )
        })
        .unwrap();
        assert_eq!(
            (
                file.to_bytes(),
                line,
                func.to_bytes(),
                data.to_bytes(),
                flags
            ),
            (&b""[..], -1, &b""[..], &b""[..], 0)
        );
        new_entry();
        set_debug(Some(c"x.c"), 42, Some(c"myfn"));
        set_error(20, 134, Some(c"hello 5"));
        add_data(b"", b"AB");
        add_data(b"", b"CD");
        add_data(b", ", b"more");
        let e = fetch(Which::Last, false, |e| e.clone()).unwrap();
        assert_eq!(e.data.to_str().unwrap(), "hello 5ABCD, more");
        assert_eq!(e.flags, 3);
        assert_eq!(print_line_in("T", &e, ALL), "T:error:0A000086:SSL routines:myfn:certificate verify failed:x.c:42:hello 5ABCD, more\n");
        set_data(Some(c"static"), ERR_TXT_STRING);
        add_data(b"", b"+more");
        assert_eq!(
            fetch(Which::Last, false, |e| e.data.clone())
                .unwrap()
                .to_str()
                .unwrap(),
            "+more"
        );
        set_error(2, 104, None);
        let e = fetch(Which::Last, false, |e| e.clone()).unwrap();
        assert_eq!(
            print_line_in("T", &e, ALL),
            "T:error:80000068:system library:myfn:Connection reset by peer:x.c:42:\n"
        );
        clear();
        // ERR_set_debug / set_error on an empty queue are no-ops.
        set_debug(None, 1, None);
        set_error(20, 1, None);
        add_data(b"", b"x");
        assert_eq!(peek_first(), 0);
    }

    #[test]
    fn marks_measured() {
        clear();
        assert!(!set_mark());
        assert!(!pop_to_mark());
        assert!(!clear_last_mark());
        push(Error::ssl(1, ""));
        push(Error::ssl(2, ""));
        assert!(set_mark());
        push(Error::ssl(3, ""));
        push(Error::ssl(4, ""));
        assert!(pop_to_mark());
        assert_eq!((peek_first(), peek_last()), (0x0A00_0001, 0x0A00_0002));
        assert!(!pop_to_mark());
        assert_eq!(peek_first(), 0);

        push(Error::ssl(1, ""));
        set_mark();
        push(Error::ssl(2, ""));
        set_mark();
        push(Error::ssl(3, ""));
        assert!(clear_last_mark());
        assert!(pop_to_mark());
        assert_eq!((peek_first(), peek_last()), (0x0A00_0001, 0x0A00_0001));
        clear();

        push(Error::ssl(1, ""));
        set_mark();
        assert!(set_mark());
        assert!(pop_to_mark());
        assert!(pop_to_mark());
        assert_eq!(peek_last(), 0x0A00_0001);
        clear();

        push(Error::ssl(1, ""));
        set_mark();
        for r in 2..=20 {
            push(Error::ssl(r, ""));
        }
        assert!(!pop_to_mark(), "mark fell off");
        assert_eq!(peek_first(), 0);

        push(Error::ssl(1, ""));
        set_mark();
        push(Error::ssl(2, ""));
        assert_eq!(pop_first().unwrap().code, 0x0A00_0001);
        assert!(!pop_to_mark());
        assert_eq!(peek_first(), 0);
    }

    #[test]
    fn queue_is_per_thread() {
        clear();
        push(Error::ssl(1, ""));
        let other = std::thread::spawn(|| {
            let before = peek_first();
            push(Error::ssl(2, ""));
            (before, peek_first())
        })
        .join()
        .unwrap();
        assert_eq!(other, (0, 0x0A00_0002));
        assert_eq!((peek_first(), len()), (0x0A00_0001, 1));
        clear();
    }

    #[test]
    fn user_strings() {
        register_string(pack(200, 0), c"my lib");
        register_string(pack(200, 5), c"my reason");
        register_string(pack(200, 5), c"my reason");
        assert_eq!(
            error_string_in(pack(200, 5), NONE),
            "error:64000005:my lib::my reason"
        );
        unregister_string(pack(200, 5));
        assert_eq!(
            error_string_in(pack(200, 5), NONE),
            "error:64000005:my lib::reason(5)"
        );
        let a = next_library();
        assert!(a >= 128 && next_library() > a);
    }
}
