//! `BIO_s_null(3)` and `BIO_f_null(3)` (native backend): the sink that swallows writes and
//! reads nothing, and the filter that passes everything to the next BIO unchanged. As measured
//! against OpenSSL 3.0.19: types `BIO_TYPE_NULL` ("NULL") and `BIO_TYPE_NULL_FILTER`
//! ("NULL filter"), both initialised at creation; the sink's reset/eof/set-close/flush/dup
//! ctrls give 1 and the rest 0 (`BIO_get_close` too); the filter without a next BIO gives 0 everywhere and otherwise
//! copies the next BIO's retry flags.

use super::bio::{
    BIO_ctrl, BIO_gets, BIO_puts, BIO_read, BIO_write, BIO_CTRL_DUP, BIO_CTRL_EOF, BIO_CTRL_FLUSH,
    BIO_CTRL_RESET, BIO_CTRL_SET, BIO_CTRL_SET_CLOSE, BIO_C_DO_STATE_MACHINE, BIO_FLAGS_RWS,
    BIO_FLAGS_SHOULD_RETRY, BIO_TYPE_NULL, BIO_TYPE_NULL_FILTER,
};
use super::bio_meth::{c_ptr, BIO_copy_next_retry};
use super::types::{into_c, BIO, BIO_METHOD};
use crate::crypto::bio::{Bio, BioImpl};
use core::ffi::{c_char, c_int, c_long, c_void};
use std::ffi::CString;

/// `BIO_s_null()`'s BIOs.
struct Sink;

impl BioImpl for Sink {
    fn read(&self, _b: &Bio, _buf: Option<&mut [u8]>, _len: usize) -> i32 {
        0
    }
    fn write(&self, _b: &Bio, _buf: Option<&[u8]>, len: usize) -> i32 {
        len as i32
    }
    fn puts(&self, _b: &Bio, s: &[u8]) -> i32 {
        s.len() as i32
    }
    fn gets(&self, _b: &Bio, _buf: *mut c_char, _size: i32) -> i32 {
        0
    }
    fn ctrl(&self, b: &Bio, cmd: i32, larg: i64, _parg: *mut c_void) -> i64 {
        // As OpenSSL's: set-close succeeds but `BIO_get_close` always reads 0.
        let _ = (b, larg);
        match cmd {
            BIO_CTRL_RESET | BIO_CTRL_EOF | BIO_CTRL_SET | BIO_CTRL_SET_CLOSE | BIO_CTRL_FLUSH
            | BIO_CTRL_DUP => 1,
            _ => 0,
        }
    }
    fn callback_ctrl(&self, _b: &Bio, _cmd: i32, _fp: *mut c_void) -> i64 {
        0
    }
    fn name(&self) -> *const c_char {
        c"NULL".as_ptr()
    }
}

/// `BIO_f_null()`'s BIOs.
struct Filter;

fn next_of(b: &Bio) -> *mut BIO {
    b.next_addr() as *mut BIO
}

impl BioImpl for Filter {
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32 {
        let next = next_of(b);
        let Some(out) = buf else { return 0 };
        if next.is_null() {
            return 0;
        }
        b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
        let r = BIO_read(next, out.as_mut_ptr().cast(), len.min(out.len()) as c_int);
        BIO_copy_next_retry(c_ptr(b));
        r
    }
    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32 {
        let next = next_of(b);
        let Some(data) = buf else { return 0 };
        if next.is_null() {
            return 0;
        }
        b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
        let r = BIO_write(next, data.as_ptr().cast(), len.min(data.len()) as c_int);
        BIO_copy_next_retry(c_ptr(b));
        r
    }
    fn puts(&self, b: &Bio, s: &[u8]) -> i32 {
        let next = next_of(b);
        let Ok(c) = CString::new(s) else { return -1 };
        if next.is_null() {
            return 0;
        }
        BIO_puts(next, c.as_ptr())
    }
    fn gets(&self, b: &Bio, buf: *mut c_char, size: i32) -> i32 {
        let next = next_of(b);
        if next.is_null() {
            return 0;
        }
        BIO_gets(next, buf, size)
    }
    fn ctrl(&self, b: &Bio, cmd: i32, larg: i64, parg: *mut c_void) -> i64 {
        let next = next_of(b);
        if next.is_null() {
            return 0;
        }
        if cmd == BIO_C_DO_STATE_MACHINE {
            b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
            let r = BIO_ctrl(next, cmd, larg as c_long, parg) as i64;
            BIO_copy_next_retry(c_ptr(b));
            return r;
        }
        if cmd == BIO_CTRL_DUP {
            return 1;
        }
        BIO_ctrl(next, cmd, larg as c_long, parg) as i64
    }
    fn callback_ctrl(&self, b: &Bio, cmd: i32, fp: *mut c_void) -> i64 {
        let next = next_of(b);
        if next.is_null() {
            return 0;
        }
        // SAFETY: the caller's callback, passed on with its type restored.
        let cb = unsafe { core::mem::transmute::<*mut c_void, super::bio::BIO_info_cb>(fp) };
        super::bio::BIO_callback_ctrl(next, cmd, cb) as i64
    }
    fn name(&self) -> *const c_char {
        c"NULL filter".as_ptr()
    }
    fn method_ptr(&self) -> *const c_void {
        filter_method().cast()
    }
}

/// Static descriptors for `BIO_s_null()`/`BIO_f_null()` (compared by address).
pub struct NullMethod {
    _typ: c_int,
}
static METHOD_SINK: NullMethod = NullMethod {
    _typ: BIO_TYPE_NULL,
};
static METHOD_FILTER: NullMethod = NullMethod {
    _typ: BIO_TYPE_NULL_FILTER,
};

fn sink_method() -> *const BIO_METHOD {
    &METHOD_SINK as *const NullMethod as *const BIO_METHOD
}

fn filter_method() -> *const BIO_METHOD {
    &METHOD_FILTER as *const NullMethod as *const BIO_METHOD
}

/// `BIO_new` for the two null methods (`None`: neither).
pub fn new_of(m: *const BIO_METHOD) -> Option<*mut BIO> {
    if core::ptr::eq(m, sink_method()) {
        return Some(into_c::<BIO>(Bio::new_dyn(
            BIO_TYPE_NULL,
            true,
            Box::new(Sink),
        )));
    }
    core::ptr::eq(m, filter_method())
        .then(|| into_c::<BIO>(Bio::new_dyn(BIO_TYPE_NULL_FILTER, true, Box::new(Filter))))
}

/// `BIO_s_null(3)`: the sink method (static).
#[no_mangle]
pub extern "C" fn BIO_s_null() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_null());
    sink_method()
}

/// `BIO_f_null(3)`: the pass-through filter method (static).
#[no_mangle]
pub extern "C" fn BIO_f_null() -> *const BIO_METHOD {
    crate::forward_new!(BIO_f_null());
    filter_method()
}
