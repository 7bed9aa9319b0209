//! `openssl/bio.h` file BIOs (native backend): `BIO_s_file`, `BIO_new_file`, `BIO_new_fp` and
//! the ctrls behind `BIO_set_fp`, `BIO_get_fp`, `BIO_read_filename`, `BIO_write_filename`,
//! `BIO_append_filename`, `BIO_rw_filename`, `BIO_seek`, `BIO_tell`. A `FILE *` read and
//! written with stdio, as OpenSSL's `BIO_s_file` does (type `BIO_TYPE_FILE`, name
//! "FILE pointer"). Measured against OpenSSL 3.0.19: a missing file gives `ERR_LIB_SYS`/errno
//! and `BIO_R_NO_SUCH_FILE`, other `fopen` failures `ERR_R_SYS_LIB`; an empty `BIO_new(BIO_s_file())`
//! fails reads with `BIO_R_UNINITIALIZED` and has close flag 1; `BIO_new_fp` keeps
//! `close_flag & BIO_CLOSE`.

use super::bio::{
    BIO_CLOSE, BIO_FP_APPEND, BIO_FP_READ, BIO_FP_WRITE, BIO_R_BAD_FOPEN_MODE, BIO_R_NO_SUCH_FILE,
    BIO_R_UNINITIALIZED, BIO_TYPE_FILE,
};
use super::guard;
use super::ptr::write_out;
use super::types::{into_c, BIO, BIO_METHOD};
use crate::crypto::bio::{Bio, BioImpl};
use crate::crypto::err;
use crate::error::{common, lib, Error};
use crate::sync::Mutex;
use core::ffi::{c_char, c_int, c_void, CStr};

mod cmd {
    pub use super::super::bio::{
        BIO_CTRL_DUP as DUP, BIO_CTRL_EOF as EOF, BIO_CTRL_FLUSH as FLUSH,
        BIO_CTRL_GET_CLOSE as GET_CLOSE, BIO_CTRL_INFO as INFO, BIO_CTRL_RESET as RESET,
        BIO_CTRL_SET_CLOSE as SET_CLOSE, BIO_C_FILE_SEEK as FILE_SEEK,
        BIO_C_FILE_TELL as FILE_TELL, BIO_C_GET_FILE_PTR as GET_FILE_PTR,
        BIO_C_SET_FILENAME as SET_FILENAME, BIO_C_SET_FILE_PTR as SET_FILE_PTR,
    };
}

fn errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// One file BIO: the stream (NULL until set).
struct File {
    fp: Mutex<usize>,
}

impl File {
    fn fp(&self) -> *mut libc::FILE {
        *self.fp.lock().unwrap_or_else(|e| e.into_inner()) as *mut libc::FILE
    }
    fn set(&self, fp: *mut libc::FILE) {
        *self.fp.lock().unwrap_or_else(|e| e.into_inner()) = fp as usize;
    }
    /// Closes the old stream if this BIO owns it.
    fn release(&self, b: &Bio) {
        let fp = self.fp();
        if b.get_shutdown() != 0 && b.get_init() && !fp.is_null() {
            // SAFETY: a stream this BIO owns (BIO_CLOSE), closed once.
            unsafe { libc::fclose(fp) };
        }
        self.set(core::ptr::null_mut());
        b.set_init(false);
    }
}

/// `fopen`, with OpenSSL's error entries on failure.
fn open(name: &CStr, mode: &CStr, func: &'static str) -> *mut libc::FILE {
    // SAFETY: NUL-terminated strings.
    let fp = unsafe { libc::fopen(name.as_ptr(), mode.as_ptr()) };
    if fp.is_null() {
        let e = errno();
        err::push(Error::new(lib::SYS, e, func));
        let reason = if e == libc::ENOENT {
            BIO_R_NO_SUCH_FILE
        } else {
            common::SYS_LIB
        };
        err::push(Error::new(lib::BIO, reason, func));
    }
    fp
}

impl BioImpl for File {
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32 {
        if !b.get_init() {
            err::push(Error::new(lib::BIO, BIO_R_UNINITIALIZED, "BIO_read"));
            return -1;
        }
        let (fp, Some(out)) = (self.fp(), buf) else {
            return 0;
        };
        let n = len.min(out.len());
        // SAFETY: `n` writable bytes and a live stream.
        let r = unsafe { libc::fread(out.as_mut_ptr().cast(), 1, n, fp) };
        // SAFETY: a live stream.
        if r == 0 && unsafe { libc::ferror(fp) } != 0 {
            err::push(Error::new(lib::SYS, errno(), "file_read"));
            err::push(Error::new(lib::BIO, common::SYS_LIB, "file_read"));
            return -1;
        }
        r as i32
    }

    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32 {
        if !b.get_init() {
            err::push(Error::new(lib::BIO, BIO_R_UNINITIALIZED, "BIO_write"));
            return -1;
        }
        let (fp, Some(data)) = (self.fp(), buf) else {
            return 0;
        };
        let n = len.min(data.len());
        // SAFETY: `n` readable bytes and a live stream.
        unsafe { libc::fwrite(data.as_ptr().cast(), 1, n, fp) as i32 }
    }

    fn puts(&self, b: &Bio, s: &[u8]) -> i32 {
        self.write(b, Some(s), s.len())
    }

    fn gets(&self, b: &Bio, buf: *mut c_char, size: i32) -> i32 {
        if size < 0 {
            err::push(Error::new(
                lib::BIO,
                super::bio::BIO_R_INVALID_ARGUMENT,
                "BIO_gets",
            ));
            return -1;
        }
        if !b.get_init() {
            err::push(Error::new(lib::BIO, BIO_R_UNINITIALIZED, "BIO_gets"));
            return -1;
        }
        if buf.is_null() || size == 0 {
            return 0;
        }
        // SAFETY: the caller's buffer of `size` bytes; sets the first byte so that a failed
        // fgets leaves an empty string, as OpenSSL does.
        unsafe {
            *buf = 0;
            if libc::fgets(buf, size, self.fp()).is_null() {
                return 0;
            }
            CStr::from_ptr(buf).to_bytes().len() as i32
        }
    }

    fn ctrl(&self, b: &Bio, c: i32, larg: i64, parg: *mut c_void) -> i64 {
        let fp = self.fp();
        match c {
            cmd::SET_FILE_PTR => {
                self.release(b);
                b.set_shutdown(larg as i32 & BIO_CLOSE);
                self.set(parg as *mut libc::FILE);
                b.set_init(true);
                1
            }
            cmd::SET_FILENAME => {
                self.release(b);
                b.set_shutdown(larg as i32 & BIO_CLOSE);
                let l = larg as c_int;
                let mode: &CStr = if l & BIO_FP_APPEND != 0 {
                    if l & BIO_FP_READ != 0 {
                        c"a+"
                    } else {
                        c"a"
                    }
                } else if l & BIO_FP_READ != 0 && l & BIO_FP_WRITE != 0 {
                    c"r+"
                } else if l & BIO_FP_WRITE != 0 {
                    c"w"
                } else if l & BIO_FP_READ != 0 {
                    c"r"
                } else {
                    err::push(Error::new(lib::BIO, BIO_R_BAD_FOPEN_MODE, "file_ctrl"));
                    return 0;
                };
                if parg.is_null() {
                    err::push(Error::null_param(lib::BIO, "file_ctrl"));
                    return 0;
                }
                // SAFETY: a NUL-terminated file name (BIO_read_filename and friends).
                let name = unsafe { CStr::from_ptr(parg as *const c_char) };
                let f = open(name, mode, "file_ctrl");
                if f.is_null() {
                    return 0;
                }
                self.set(f);
                b.set_init(true);
                1
            }
            cmd::GET_CLOSE => b.get_shutdown() as i64,
            cmd::SET_CLOSE => {
                b.set_shutdown(larg as i32);
                1
            }
            _ if fp.is_null() => 0,
            // SAFETY (all arms below): a live stream.
            cmd::RESET | cmd::FILE_SEEK => unsafe {
                libc::fseek(
                    fp,
                    if c == cmd::RESET {
                        0
                    } else {
                        larg as libc::c_long
                    },
                    libc::SEEK_SET,
                ) as i64
            },
            cmd::EOF => unsafe { i64::from(libc::feof(fp) != 0) },
            cmd::FILE_TELL | cmd::INFO => unsafe { libc::ftell(fp) as i64 },
            cmd::GET_FILE_PTR => {
                // SAFETY: NULL or the caller's `FILE **`.
                unsafe { write_out(parg as *mut *mut libc::FILE, fp) };
                1
            }
            cmd::FLUSH => unsafe { i64::from(libc::fflush(fp) == 0) },
            cmd::DUP => 1,
            _ => 0,
        }
    }

    fn callback_ctrl(&self, _b: &Bio, _cmd: i32, _fp: *mut c_void) -> i64 {
        err::push(Error::new(
            lib::BIO,
            super::bio::BIO_R_UNSUPPORTED_METHOD,
            "BIO_callback_ctrl",
        ));
        -2
    }

    fn name(&self) -> *const c_char {
        c"FILE pointer".as_ptr()
    }

    fn destroy(&self, b: &Bio) {
        self.release(b);
    }
}

/// Static descriptor for `BIO_s_file()` (compared by address).
pub struct FileMethod {
    _typ: c_int,
}
static METHOD_FILE: FileMethod = FileMethod {
    _typ: BIO_TYPE_FILE,
};

fn method() -> *const BIO_METHOD {
    &METHOD_FILE as *const FileMethod as *const BIO_METHOD
}

fn new_file_bio() -> *mut BIO {
    into_c::<BIO>(Bio::new_dyn(
        BIO_TYPE_FILE,
        false,
        Box::new(File { fp: Mutex::new(0) }),
    ))
}

/// `BIO_new` for the file method (`None`: not it).
pub fn new_of(m: *const BIO_METHOD) -> Option<*mut BIO> {
    core::ptr::eq(m, method()).then(new_file_bio)
}

/// `BIO_s_file(3)`: the `FILE *` BIO method (static).
#[no_mangle]
pub extern "C" fn BIO_s_file() -> *const BIO_METHOD {
    crate::forward_new!(BIO_s_file());
    method()
}

/// `BIO_new_file(3)`: `fopen(filename, mode)` in a file BIO that closes it on free. NULL on
/// failure, with `ERR_LIB_SYS`/errno and `BIO_R_NO_SUCH_FILE` (missing file) or
/// `ERR_R_SYS_LIB`.
#[no_mangle]
pub extern "C" fn BIO_new_file(filename: *const c_char, mode: *const c_char) -> *mut BIO {
    crate::forward_new!(BIO_new_file(filename, mode));
    guard(core::ptr::null_mut(), || {
        if filename.is_null() || mode.is_null() {
            err::push(Error::null_param(lib::BIO, "BIO_new_file"));
            return core::ptr::null_mut();
        }
        // SAFETY: NUL-terminated strings (the C contract).
        let (n, m) = unsafe { (CStr::from_ptr(filename), CStr::from_ptr(mode)) };
        let fp = open(n, m, "BIO_new_file");
        if fp.is_null() {
            return core::ptr::null_mut();
        }
        let b = new_file_bio();
        super::bio::BIO_ctrl(b, cmd::SET_FILE_PTR, BIO_CLOSE as _, fp.cast());
        b
    })
}

/// `BIO_new_fp(3)`: a file BIO on `stream`; `close_flag` `BIO_CLOSE` closes it on free.
#[no_mangle]
pub extern "C" fn BIO_new_fp(stream: *mut libc::FILE, close_flag: c_int) -> *mut BIO {
    crate::forward_new!(BIO_new_fp(stream, close_flag));
    guard(core::ptr::null_mut(), || {
        let b = new_file_bio();
        super::bio::BIO_ctrl(b, cmd::SET_FILE_PTR, close_flag as _, stream.cast());
        b
    })
}
