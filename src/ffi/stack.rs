//! `openssl/stack.h` family: `OPENSSL_STACK`, the untyped stack behind every `STACK_OF(TYPE)`.
//! The `sk_TYPE_*` inline functions of `<openssl/safestack.h>` (our `ffi-shim/macros/
//! safestack.h`) call these, so typed stacks work with `-lsslrs` alone.
//!
//! An `OPENSSL_STACK*` is `Box::into_raw(Box<Stack>)`. Elements are the caller's pointers; the
//! stack never dereferences them (only the caller's comparison, free and copy functions do).
//! NULL and out-of-range arguments behave as OpenSSL 3.0.19's (measured): most return -1/NULL/0
//! quietly; `set`, `insert` and `reserve` on NULL queue `ERR_R_PASSED_NULL_PARAMETER` (CRYPTO).

use crate::error::{common, lib, Error};
use crate::ffi::{call, guard};
use core::ffi::{c_int, c_void};

/// `OPENSSL_STACK` (`struct stack_st`).
pub struct OPENSSL_STACK {
    _private: [u8; 0],
}

/// `OPENSSL_sk_compfunc`: compares two elements, given pointers to them.
pub type OPENSSL_sk_compfunc = Option<unsafe extern "C" fn(*const c_void, *const c_void) -> c_int>;
/// `OPENSSL_sk_freefunc`: frees one element.
pub type OPENSSL_sk_freefunc = Option<unsafe extern "C" fn(*mut c_void)>;
/// `OPENSSL_sk_copyfunc`: copies one element.
pub type OPENSSL_sk_copyfunc = Option<unsafe extern "C" fn(*const c_void) -> *mut c_void>;

/// The object behind an `OPENSSL_STACK*`.
#[derive(Clone)]
pub struct Stack {
    pub data: Vec<*mut c_void>,
    cmp: OPENSSL_sk_compfunc,
    sorted: bool,
}

impl Default for Stack {
    fn default() -> Self {
        Stack::new(None)
    }
}

// SAFETY: the stack only stores the caller's pointers as values; it never dereferences them.
// Objects that own a stack (e.g. the cipher list of an SSL_CTX) may move between threads.
unsafe impl Send for Stack {}

impl Stack {
    /// An empty stack with comparison `cmp`.
    pub fn new(cmp: OPENSSL_sk_compfunc) -> Stack {
        Stack {
            data: Vec::new(),
            cmp,
            sorted: false,
        }
    }

    /// Hands the stack to C.
    pub fn into_c(self) -> *mut OPENSSL_STACK {
        Box::into_raw(Box::new(self)) as *mut OPENSSL_STACK
    }

    fn compare(&self, a: *mut c_void, b: *mut c_void) -> core::cmp::Ordering {
        match self.cmp {
            // SAFETY: OpenSSL's comparison functions take pointers to the two elements.
            Some(f) => unsafe {
                f(
                    &a as *const *mut c_void as *const c_void,
                    &b as *const *mut c_void as *const c_void,
                )
            }
            .cmp(&0),
            None => core::cmp::Ordering::Equal,
        }
    }

    fn sort(&mut self) {
        if self.cmp.is_some() {
            let mut data = std::mem::take(&mut self.data);
            data.sort_by(|&a, &b| self.compare(a, b));
            self.data = data;
        }
    }

    fn insert(&mut self, data: *mut c_void, loc: c_int) -> c_int {
        match usize::try_from(loc) {
            Ok(i) if i < self.data.len() => self.data.insert(i, data),
            _ => self.data.push(data),
        }
        self.sorted = false;
        self.data.len() as c_int
    }

    fn find(&mut self, data: *mut c_void) -> c_int {
        if self.data.is_empty() {
            return -1;
        }
        if self.cmp.is_none() {
            return self
                .data
                .iter()
                .position(|&p| p == data)
                .map_or(-1, |i| i as c_int);
        }
        if !self.sorted {
            self.sort();
            self.sorted = true;
        }
        if data.is_null() {
            return -1;
        }
        self.data
            .iter()
            .position(|&p| self.compare(data, p).is_eq())
            .map_or(-1, |i| i as c_int)
    }

    fn remove(&mut self, loc: usize) -> *mut c_void {
        if loc < self.data.len() {
            self.data.remove(loc)
        } else {
            core::ptr::null_mut()
        }
    }
}

/// Borrows the stack behind `st` (NULL: `None`).
///
/// # Safety
/// `st` must be NULL or a live pointer from [`Stack::into_c`], not used concurrently.
pub unsafe fn stack_mut<'a>(st: *const OPENSSL_STACK) -> Option<&'a mut Stack> {
    // SAFETY: per the caller.
    unsafe { (st as *mut Stack).as_mut() }
}

fn null_param() -> Error {
    Error::new(lib::CRYPTO, common::PASSED_NULL_PARAMETER, "OPENSSL_sk")
}

/// Runs `f` on the stack behind `st`, or returns `fail` for NULL (nothing queued).
fn with<T: Copy>(st: *const OPENSSL_STACK, fail: T, f: impl FnOnce(&mut Stack) -> T) -> T {
    // SAFETY: `st` is NULL or a stack the caller holds (the C API's contract).
    guard(fail, || match unsafe { stack_mut(st) } {
        Some(s) => f(s),
        None => fail,
    })
}

/// `OPENSSL_sk_num`: the number of elements; -1 for NULL.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_num(st: *const OPENSSL_STACK) -> c_int {
    crate::forward!(OPENSSL_sk_num(st));
    with(st, -1, |s| s.data.len() as c_int)
}

/// `OPENSSL_sk_value`: element `i`; NULL for NULL or out of range.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_value(st: *const OPENSSL_STACK, i: c_int) -> *mut c_void {
    crate::forward!(OPENSSL_sk_value(st, i));
    with(st, core::ptr::null_mut(), |s| {
        usize::try_from(i)
            .ok()
            .and_then(|i| s.data.get(i).copied())
            .unwrap_or(core::ptr::null_mut())
    })
}

/// `OPENSSL_sk_set`: replaces element `i`, returns `data`; NULL (and an error) for a NULL stack
/// or an index out of range.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_set(
    st: *mut OPENSSL_STACK,
    i: c_int,
    data: *const c_void,
) -> *mut c_void {
    crate::forward!(OPENSSL_sk_set(st, i, data));
    call(core::ptr::null_mut(), || {
        // SAFETY: NULL or a stack the caller holds.
        let s = unsafe { stack_mut(st) }.ok_or_else(null_param)?;
        let slot = usize::try_from(i)
            .ok()
            .and_then(|i| s.data.get_mut(i))
            .ok_or(Error::new(
                lib::CRYPTO,
                common::PASSED_INVALID_ARGUMENT,
                "OPENSSL_sk_set",
            ))?;
        *slot = data as *mut c_void;
        s.sorted = false;
        Ok(data as *mut c_void)
    })
}

/// `OPENSSL_sk_new`: an empty stack ordered by `cmp`.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_new(cmp: OPENSSL_sk_compfunc) -> *mut OPENSSL_STACK {
    crate::forward_new!(OPENSSL_sk_new(cmp));
    guard(core::ptr::null_mut(), || Stack::new(cmp).into_c())
}

/// `OPENSSL_sk_new_null`: an empty stack without comparison.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_new_null() -> *mut OPENSSL_STACK {
    crate::forward_new!(OPENSSL_sk_new_null());
    guard(core::ptr::null_mut(), || Stack::new(None).into_c())
}

/// `OPENSSL_sk_new_reserve`: as `OPENSSL_sk_new`, with room for `n` elements.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_new_reserve(c: OPENSSL_sk_compfunc, n: c_int) -> *mut OPENSSL_STACK {
    crate::forward_new!(OPENSSL_sk_new_reserve(c, n));
    guard(core::ptr::null_mut(), || {
        let mut s = Stack::new(c);
        s.data.reserve(usize::try_from(n).unwrap_or(0).min(1 << 20));
        s.into_c()
    })
}

/// `OPENSSL_sk_reserve`: makes room for `n` more elements. 1; 0 (and an error) for NULL or
/// more than `INT_MAX` elements in all.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_reserve(st: *mut OPENSSL_STACK, n: c_int) -> c_int {
    crate::forward!(OPENSSL_sk_reserve(st, n));
    call(0, || {
        // SAFETY: NULL or a stack the caller holds.
        let s = unsafe { stack_mut(st) }.ok_or_else(null_param)?;
        // OpenSSL's hard limit: INT_MAX elements (CRYPTO_R_TOO_MANY_RECORDS)
        if n > 0 && n as usize > c_int::MAX as usize - s.data.len().min(c_int::MAX as usize) {
            return Err(Error::new(lib::CRYPTO, 114, "sk_reserve"));
        }
        s.data.reserve(usize::try_from(n).unwrap_or(0).min(1 << 20));
        Ok(1)
    })
}

/// `OPENSSL_sk_free`: frees the stack (not the elements); NULL is a no-op.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_free(st: *mut OPENSSL_STACK) {
    crate::forward!(OPENSSL_sk_free(st));
    guard((), || {
        if !st.is_null() {
            // SAFETY: a stack from `Stack::into_c` whose ownership the caller gives up.
            drop(unsafe { Box::from_raw(st as *mut Stack) });
        }
    })
}

/// `OPENSSL_sk_pop_free`: calls `func` on every non-NULL element, then frees the stack.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_pop_free(
    st: *mut OPENSSL_STACK,
    func: Option<unsafe extern "C" fn(*mut c_void)>,
) {
    crate::forward!(OPENSSL_sk_pop_free(st, func));
    guard((), || {
        if st.is_null() {
            return;
        }
        // SAFETY: a stack from `Stack::into_c` whose ownership the caller gives up.
        let s = unsafe { Box::from_raw(st as *mut Stack) };
        if let Some(f) = func {
            for &p in s.data.iter().filter(|p| !p.is_null()) {
                // SAFETY: the caller's free function for its own elements.
                unsafe { f(p) };
            }
        }
    })
}

/// `OPENSSL_sk_deep_copy`: a new stack whose non-NULL elements are `c(element)`; if a copy
/// fails, the copies made so far are freed with `f` and the result is NULL. NULL copies as an
/// empty stack.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_deep_copy(
    arg1: *const OPENSSL_STACK,
    c: OPENSSL_sk_copyfunc,
    f: OPENSSL_sk_freefunc,
) -> *mut OPENSSL_STACK {
    crate::forward_new!(OPENSSL_sk_deep_copy(arg1, c, f));
    guard(core::ptr::null_mut(), || {
        // SAFETY: NULL or a stack the caller holds.
        let Some(src) = (unsafe { stack_mut(arg1) }) else {
            return Stack::new(None).into_c();
        };
        let mut out = Stack {
            data: Vec::with_capacity(src.data.len()),
            ..src.clone()
        };
        for &p in &src.data {
            if p.is_null() {
                out.data.push(p);
                continue;
            }
            // SAFETY: the caller's copy function for its own elements.
            let q = c.map_or(core::ptr::null_mut(), |c| unsafe { c(p) });
            if q.is_null() {
                if let Some(f) = f {
                    for &d in out.data.iter().filter(|d| !d.is_null()) {
                        // SAFETY: frees a copy made above with the caller's function.
                        unsafe { f(d) };
                    }
                }
                // OpenSSL reports a failed element copy as a malloc failure
                crate::crypto::err::push(Error::new(
                    lib::CRYPTO,
                    common::MALLOC_FAILURE,
                    "OPENSSL_sk_deep_copy",
                ));
                return core::ptr::null_mut();
            }
            out.data.push(q);
        }
        out.into_c()
    })
}

/// `OPENSSL_sk_insert`: inserts at `where` (appends when out of range); the new number of
/// elements, or 0 (and an error) for NULL.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_insert(
    sk: *mut OPENSSL_STACK,
    data: *const c_void,
    r#where: c_int,
) -> c_int {
    crate::forward!(OPENSSL_sk_insert(sk, data, r#where));
    call(0, || {
        // SAFETY: NULL or a stack the caller holds.
        let s = unsafe { stack_mut(sk) }.ok_or_else(null_param)?;
        Ok(s.insert(data as *mut c_void, r#where))
    })
}

/// `OPENSSL_sk_delete`: removes and returns element `loc`; NULL when out of range.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_delete(st: *mut OPENSSL_STACK, loc: c_int) -> *mut c_void {
    crate::forward!(OPENSSL_sk_delete(st, loc));
    with(st, core::ptr::null_mut(), |s| {
        usize::try_from(loc).map_or(core::ptr::null_mut(), |i| s.remove(i))
    })
}

/// `OPENSSL_sk_delete_ptr`: removes the first element equal to `p` (pointer identity).
#[no_mangle]
pub extern "C" fn OPENSSL_sk_delete_ptr(st: *mut OPENSSL_STACK, p: *const c_void) -> *mut c_void {
    crate::forward!(OPENSSL_sk_delete_ptr(st, p));
    with(st, core::ptr::null_mut(), |s| {
        match s.data.iter().position(|&d| core::ptr::eq(d, p)) {
            Some(i) => s.remove(i),
            None => core::ptr::null_mut(),
        }
    })
}

/// `OPENSSL_sk_find`: the index of `data`: by pointer identity without a comparison function;
/// with one, the stack is sorted first (as OpenSSL does) and the first equal element is found.
/// -1 when absent.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_find(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int {
    crate::forward!(OPENSSL_sk_find(st, data));
    with(st, -1, |s| s.find(data as *mut c_void))
}

/// `OPENSSL_sk_find_ex`: as `OPENSSL_sk_find`, but when nothing matches in a stack with a
/// comparison function, the index of the first element that sorts after `data` (-1 if none).
#[no_mangle]
pub extern "C" fn OPENSSL_sk_find_ex(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int {
    crate::forward!(OPENSSL_sk_find_ex(st, data));
    with(st, -1, |s| {
        let i = s.find(data as *mut c_void);
        if i >= 0 || s.cmp.is_none() || data.is_null() {
            return i;
        }
        s.data
            .iter()
            .position(|&p| s.compare(data as *mut c_void, p).is_lt())
            .map_or(-1, |i| i as c_int)
    })
}

/// `OPENSSL_sk_find_all`: as `OPENSSL_sk_find`; `*pnum` (if not NULL) receives the number of
/// matching elements.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_find_all(
    st: *mut OPENSSL_STACK,
    data: *const c_void,
    pnum: *mut c_int,
) -> c_int {
    crate::forward!(OPENSSL_sk_find_all(st, data, pnum));
    with(st, -1, |s| {
        let i = s.find(data as *mut c_void);
        let n = match (i, s.cmp) {
            (i, _) if i < 0 => 0,
            (_, None) => 1,
            (_, Some(_)) => s
                .data
                .iter()
                .filter(|&&p| s.compare(data as *mut c_void, p).is_eq())
                .count() as c_int,
        };
        // SAFETY: NULL or a valid out-parameter per the API.
        unsafe { crate::ffi::ptr::write_out(pnum, n) };
        i
    })
}

/// `OPENSSL_sk_push`: appends; the new number of elements, -1 for NULL.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_push(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int {
    crate::forward!(OPENSSL_sk_push(st, data));
    with(st, -1, |s| s.insert(data as *mut c_void, -1))
}

/// `OPENSSL_sk_unshift`: prepends; the new number of elements, 0 (and an error) for NULL.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_unshift(st: *mut OPENSSL_STACK, data: *const c_void) -> c_int {
    crate::forward!(OPENSSL_sk_unshift(st, data));
    OPENSSL_sk_insert(st, data, 0)
}

/// `OPENSSL_sk_shift`: removes and returns the first element; NULL when empty.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_shift(st: *mut OPENSSL_STACK) -> *mut c_void {
    crate::forward!(OPENSSL_sk_shift(st));
    with(st, core::ptr::null_mut(), |s| s.remove(0))
}

/// `OPENSSL_sk_pop`: removes and returns the last element; NULL when empty.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_pop(st: *mut OPENSSL_STACK) -> *mut c_void {
    crate::forward!(OPENSSL_sk_pop(st));
    with(st, core::ptr::null_mut(), |s| {
        s.data.pop().unwrap_or(core::ptr::null_mut())
    })
}

/// `OPENSSL_sk_zero`: removes every element.
#[no_mangle]
pub extern "C" fn OPENSSL_sk_zero(st: *mut OPENSSL_STACK) {
    crate::forward!(OPENSSL_sk_zero(st));
    with(st, (), |s| s.data.clear())
}

/// `OPENSSL_sk_set_cmp_func`: sets the comparison, returns the previous one (NULL for NULL).
#[no_mangle]
pub extern "C" fn OPENSSL_sk_set_cmp_func(
    sk: *mut OPENSSL_STACK,
    cmp: OPENSSL_sk_compfunc,
) -> OPENSSL_sk_compfunc {
    crate::forward!(OPENSSL_sk_set_cmp_func(sk, cmp));
    with(sk, None, |s| {
        let old = s.cmp;
        if old.map(|f| f as usize) != cmp.map(|f| f as usize) {
            s.sorted = false;
        }
        s.cmp = cmp;
        old
    })
}

/// `OPENSSL_sk_dup`: a shallow copy (NULL copies as an empty stack).
#[no_mangle]
pub extern "C" fn OPENSSL_sk_dup(st: *const OPENSSL_STACK) -> *mut OPENSSL_STACK {
    crate::forward_new!(OPENSSL_sk_dup(st));
    guard(core::ptr::null_mut(), || {
        // SAFETY: NULL or a stack the caller holds.
        match unsafe { stack_mut(st) } {
            Some(s) => s.clone().into_c(),
            None => Stack::new(None).into_c(),
        }
    })
}

/// `OPENSSL_sk_sort`: sorts with the comparison function (none: no change).
#[no_mangle]
pub extern "C" fn OPENSSL_sk_sort(st: *mut OPENSSL_STACK) {
    crate::forward!(OPENSSL_sk_sort(st));
    with(st, (), |s| {
        if !s.sorted && s.cmp.is_some() {
            s.sort();
            s.sorted = true;
        }
    })
}

/// `OPENSSL_sk_is_sorted`: 1 if sorted since the last change (NULL counts as sorted).
#[no_mangle]
pub extern "C" fn OPENSSL_sk_is_sorted(st: *const OPENSSL_STACK) -> c_int {
    crate::forward!(OPENSSL_sk_is_sorted(st));
    with(st, 1, |s| c_int::from(s.sorted))
}

/// A stack handed to the caller but owned by an sslrs object, built with the exported (and so
/// backend-dispatching) `OPENSSL_sk_*` functions: libcrypto's stack in pass-through mode, ours
/// otherwise. Freed (not its elements) when dropped.
pub struct OwnedStack(*mut OPENSSL_STACK);

// SAFETY: the stack is only reached through the owning object's lock or the caller's thread,
// as with OpenSSL.
unsafe impl Send for OwnedStack {}

impl Default for OwnedStack {
    fn default() -> Self {
        OwnedStack(core::ptr::null_mut())
    }
}

impl OwnedStack {
    /// Makes the stack hold exactly `items` and returns it (NULL if it cannot be made).
    pub fn set(&mut self, items: &[*mut c_void]) -> *mut OPENSSL_STACK {
        if self.0.is_null() {
            self.0 = OPENSSL_sk_new_null();
        } else if OPENSSL_sk_num(self.0) == items.len() as c_int
            && items
                .iter()
                .enumerate()
                .all(|(i, &p)| OPENSSL_sk_value(self.0, i as c_int) == p)
        {
            return self.0;
        } else {
            OPENSSL_sk_zero(self.0);
        }
        for &p in items {
            OPENSSL_sk_push(self.0, p);
        }
        self.0
    }
}

impl Drop for OwnedStack {
    fn drop(&mut self) {
        if !self.0.is_null() {
            OPENSSL_sk_free(self.0);
        }
    }
}

/// A new caller-owned stack of `items` from the active backend.
pub fn new_stack_of(items: &[*mut c_void]) -> *mut OPENSSL_STACK {
    let st = OPENSSL_sk_new_null();
    if !st.is_null() {
        for &p in items {
            OPENSSL_sk_push(st, p);
        }
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    unsafe extern "C" fn by_byte(a: *const c_void, b: *const c_void) -> c_int {
        // SAFETY: test elements are pointers to static bytes.
        unsafe {
            let a = **(a as *const *const u8);
            let b = **(b as *const *const u8);
            c_int::from(a) - c_int::from(b)
        }
    }

    fn p(s: &'static [u8]) -> *const c_void {
        s.as_ptr() as *const c_void
    }

    #[test]
    fn null_arguments() {
        crate::crypto::err::clear();
        assert_eq!(OPENSSL_sk_num(null()), -1);
        assert!(OPENSSL_sk_value(null(), 0).is_null());
        assert_eq!(OPENSSL_sk_push(null_mut(), p(b"a")), -1);
        assert!(OPENSSL_sk_pop(null_mut()).is_null());
        assert!(OPENSSL_sk_shift(null_mut()).is_null());
        assert!(OPENSSL_sk_delete(null_mut(), 0).is_null());
        assert!(OPENSSL_sk_delete_ptr(null_mut(), null()).is_null());
        assert_eq!(OPENSSL_sk_find(null_mut(), null()), -1);
        assert_eq!(OPENSSL_sk_find_ex(null_mut(), null()), -1);
        let mut n = 7;
        assert_eq!(OPENSSL_sk_find_all(null_mut(), null(), &mut n), -1);
        assert_eq!(n, 7);
        assert_eq!(OPENSSL_sk_is_sorted(null()), 1);
        assert!(OPENSSL_sk_set_cmp_func(null_mut(), Some(by_byte)).is_none());
        OPENSSL_sk_zero(null_mut());
        OPENSSL_sk_sort(null_mut());
        OPENSSL_sk_free(null_mut());
        OPENSSL_sk_pop_free(null_mut(), None);
        assert_eq!(crate::crypto::err::peek_first(), 0);
        assert!(OPENSSL_sk_set(null_mut(), 0, null()).is_null());
        assert_ne!(crate::crypto::err::peek_first(), 0);
        crate::crypto::err::clear();
        assert_eq!(OPENSSL_sk_insert(null_mut(), null(), 0), 0);
        assert_eq!(OPENSSL_sk_unshift(null_mut(), null()), 0);
        assert_eq!(OPENSSL_sk_reserve(null_mut(), 1), 0);
        assert_ne!(crate::crypto::err::peek_first(), 0);
        crate::crypto::err::clear();
        for d in [
            OPENSSL_sk_dup(null()),
            OPENSSL_sk_deep_copy(null(), None, None),
        ] {
            assert_eq!(OPENSSL_sk_num(d), 0);
            OPENSSL_sk_free(d);
        }
    }

    unsafe extern "C" fn copy_or_fail(p: *const c_void) -> *mut c_void {
        // SAFETY: test elements are pointers to static bytes; "!" fails the copy.
        match unsafe { *(p as *const u8) } {
            b'!' => null_mut(),
            _ => p as *mut c_void,
        }
    }

    unsafe extern "C" fn count_free(_p: *mut c_void) {
        FREED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    static FREED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[test]
    fn deep_copy_and_pop_free() {
        let s = OPENSSL_sk_new_null();
        OPENSSL_sk_push(s, p(b"a"));
        OPENSSL_sk_push(s, null());
        OPENSSL_sk_push(s, p(b"b"));
        let d = OPENSSL_sk_deep_copy(s, Some(copy_or_fail), Some(count_free));
        assert_eq!(OPENSSL_sk_num(d), 3);
        assert!(OPENSSL_sk_value(d, 1).is_null());
        OPENSSL_sk_free(d);
        OPENSSL_sk_push(s, p(b"!"));
        let before = FREED.load(std::sync::atomic::Ordering::SeqCst);
        assert!(OPENSSL_sk_deep_copy(s, Some(copy_or_fail), Some(count_free)).is_null());
        // the two copies made before the failure are freed
        assert_eq!(FREED.load(std::sync::atomic::Ordering::SeqCst) - before, 2);
        let before = FREED.load(std::sync::atomic::Ordering::SeqCst);
        OPENSSL_sk_pop_free(s, Some(count_free));
        // NULL elements are skipped
        assert_eq!(FREED.load(std::sync::atomic::Ordering::SeqCst) - before, 3);
    }

    #[test]
    fn operations() {
        let s = OPENSSL_sk_new(Some(by_byte));
        assert_eq!(OPENSSL_sk_is_sorted(s), 0);
        assert_eq!(OPENSSL_sk_push(s, p(b"c")), 1);
        assert_eq!(OPENSSL_sk_push(s, p(b"a")), 2);
        assert_eq!(OPENSSL_sk_unshift(s, p(b"b")), 3);
        assert_eq!(OPENSSL_sk_value(s, 0) as *const c_void, p(b"b"));
        assert!(OPENSSL_sk_value(s, 3).is_null());
        assert!(OPENSSL_sk_value(s, -1).is_null());
        // find sorts a stack with a comparison function
        let a2: &'static [u8] = b"a";
        assert_eq!(OPENSSL_sk_find(s, p(a2)), 0);
        assert_eq!(OPENSSL_sk_is_sorted(s), 1);
        assert_eq!(OPENSSL_sk_value(s, 2) as *const c_void, p(b"c"));
        let mut n = -1;
        assert_eq!(OPENSSL_sk_find_all(s, p(b"b"), &mut n), 1);
        assert_eq!(n, 1);
        assert_eq!(OPENSSL_sk_find_ex(s, p(b"bb")), 1);
        assert_eq!(OPENSSL_sk_find_ex(s, p(b"q")), -1);
        assert_eq!(OPENSSL_sk_insert(s, p(b"z"), 99), 4);
        assert_eq!(OPENSSL_sk_insert(s, p(b"y"), -5), 5);
        assert_eq!(OPENSSL_sk_is_sorted(s), 0);
        assert!(OPENSSL_sk_set(s, 5, p(b"x")).is_null());
        crate::crypto::err::clear();
        assert_eq!(OPENSSL_sk_set(s, 4, p(b"x")) as *const c_void, p(b"x"));
        assert_eq!(OPENSSL_sk_delete(s, 4) as *const c_void, p(b"x"));
        assert_eq!(OPENSSL_sk_delete_ptr(s, p(b"z")) as *const c_void, p(b"z"));
        assert_eq!(OPENSSL_sk_pop(s) as *const c_void, p(b"c"));
        assert_eq!(OPENSSL_sk_shift(s) as *const c_void, p(b"a"));
        let d = OPENSSL_sk_dup(s);
        assert_eq!(OPENSSL_sk_num(d), 1);
        OPENSSL_sk_zero(d);
        assert_eq!(OPENSSL_sk_num(d), 0);
        assert!(OPENSSL_sk_set_cmp_func(d, None).is_some());
        assert!(OPENSSL_sk_set_cmp_func(d, None).is_none());
        OPENSSL_sk_free(d);
        OPENSSL_sk_free(s);
        let r = OPENSSL_sk_new_reserve(None, 8);
        assert_eq!(OPENSSL_sk_reserve(r, -1), 1);
        OPENSSL_sk_pop_free(r, None);
    }
}
