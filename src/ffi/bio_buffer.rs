//! `BIO_f_buffer(3)` (native backend): the buffering filter of `openssl/bio.h`. Writes collect
//! in an output buffer (4096 bytes at least) that goes to the next BIO when full or on
//! `BIO_flush`; reads are served from an input buffer refilled from the next BIO, which also
//! gives `BIO_gets` (line reads) over BIOs that have none, such as sockets and the SSL filter.
//! Behaviour as measured against OpenSSL 3.0.19: type `BIO_TYPE_BUFFER`, name "buffer",
//! initialised at creation; without a next BIO reads, writes and ctrls give 0 (OpenSSL crashes
//! in `BIO_gets` there); a failing next BIO's retry flags are copied, and data gathered before
//! the failure is returned first; `BIO_get_close` and unknown ctrls go to the next BIO.

use super::bio::{
    BIO_ctrl, BIO_read, BIO_write, BIO_CTRL_DUP, BIO_CTRL_EOF, BIO_CTRL_FLUSH, BIO_CTRL_INFO,
    BIO_CTRL_PEEK, BIO_CTRL_PENDING, BIO_CTRL_RESET, BIO_CTRL_WPENDING, BIO_C_DO_STATE_MACHINE,
    BIO_C_GET_BUFF_NUM_LINES, BIO_C_SET_BUFF_READ_DATA, BIO_C_SET_BUFF_SIZE, BIO_FLAGS_RWS,
    BIO_FLAGS_SHOULD_RETRY, BIO_TYPE_BUFFER,
};
use super::bio_meth::{c_ptr, BIO_copy_next_retry};
use super::types::{into_c, BIO, BIO_METHOD};
use crate::crypto::bio::{Bio, BioImpl};
use crate::sync::{Mutex, MutexGuard};
use core::ffi::{c_char, c_int, c_long, c_void};

/// OpenSSL's `DEFAULT_BUFFER_SIZE`: the smallest buffer.
const DEFAULT_SIZE: usize = 4096;

struct Bufs {
    ibuf: Vec<u8>,
    ipos: usize,
    isize: usize,
    obuf: Vec<u8>,
    osize: usize,
}

impl Bufs {
    fn pending_in(&self) -> &[u8] {
        &self.ibuf[self.ipos..]
    }
    fn take_in(&mut self, n: usize) {
        self.ipos += n;
        if self.ipos >= self.ibuf.len() {
            self.ibuf.clear();
            self.ipos = 0;
        }
    }
}

struct Buffer {
    b: Mutex<Bufs>,
}

fn lock(m: &Mutex<Bufs>) -> MutexGuard<'_, Bufs> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn next_of(b: &Bio) -> *mut BIO {
    b.next_addr() as *mut BIO
}

fn clear_retry(b: &Bio) {
    b.clear_flags(BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
}

impl Buffer {
    fn new() -> Buffer {
        Buffer {
            b: Mutex::new(Bufs {
                ibuf: Vec::new(),
                ipos: 0,
                isize: DEFAULT_SIZE,
                obuf: Vec::new(),
                osize: DEFAULT_SIZE,
            }),
        }
    }

    /// Refills the (empty) input buffer with one read of the next BIO; its result.
    fn refill(&self, b: &Bio, next: *mut BIO) -> i32 {
        let size = lock(&self.b).isize;
        let mut tmp = vec![0u8; size];
        let r = BIO_read(next, tmp.as_mut_ptr().cast(), size as c_int);
        if r <= 0 {
            BIO_copy_next_retry(c_ptr(b));
            return r;
        }
        tmp.truncate(r as usize);
        let mut g = lock(&self.b);
        g.ibuf = tmp;
        g.ipos = 0;
        r
    }

    /// Writes the whole output buffer to the next BIO: 1, or the failing write's result.
    fn drain(&self, b: &Bio, next: *mut BIO) -> i32 {
        loop {
            let pending = core::mem::take(&mut lock(&self.b).obuf);
            if pending.is_empty() {
                return 1;
            }
            let r = BIO_write(next, pending.as_ptr().cast(), pending.len() as c_int);
            let mut g = lock(&self.b);
            let done = if r > 0 { r as usize } else { 0 };
            let mut rest = pending[done..].to_vec();
            rest.extend_from_slice(&g.obuf);
            g.obuf = rest;
            drop(g);
            if r <= 0 {
                BIO_copy_next_retry(c_ptr(b));
                return r;
            }
        }
    }
}

impl BioImpl for Buffer {
    fn read(&self, b: &Bio, buf: Option<&mut [u8]>, len: usize) -> i32 {
        let next = next_of(b);
        let Some(out) = buf else { return 0 };
        if next.is_null() {
            return 0;
        }
        clear_retry(b);
        let want = len.min(out.len());
        let mut num = 0usize;
        loop {
            {
                let mut g = lock(&self.b);
                let avail = g.pending_in();
                let n = avail.len().min(want - num);
                out[num..num + n].copy_from_slice(&avail[..n]);
                g.take_in(n);
                num += n;
            }
            if num == want {
                return num as i32;
            }
            let isize = lock(&self.b).isize;
            if want - num > isize {
                // Large requests go straight to the next BIO.
                let r = BIO_read(next, out[num..].as_mut_ptr().cast(), (want - num) as c_int);
                if r <= 0 {
                    BIO_copy_next_retry(c_ptr(b));
                    return if num > 0 { num as i32 } else { r };
                }
                num += r as usize;
                if num == want {
                    return num as i32;
                }
                continue;
            }
            let r = self.refill(b, next);
            if r <= 0 {
                return if num > 0 { num as i32 } else { r };
            }
        }
    }

    fn write(&self, b: &Bio, buf: Option<&[u8]>, len: usize) -> i32 {
        let next = next_of(b);
        let Some(data) = buf else { return 0 };
        if next.is_null() {
            return 0;
        }
        clear_retry(b);
        let mut data = &data[..len.min(data.len())];
        let mut num = 0usize;
        loop {
            {
                let mut g = lock(&self.b);
                let room = g.osize.saturating_sub(g.obuf.len());
                if room > data.len() {
                    g.obuf.extend_from_slice(data);
                    return (num + data.len()) as i32;
                }
                if !g.obuf.is_empty() && room > 0 {
                    g.obuf.extend_from_slice(&data[..room]);
                    data = &data[room..];
                    num += room;
                }
            }
            let r = self.drain(b, next);
            if r <= 0 {
                return if r < 0 && num == 0 { r } else { num as i32 };
            }
            let osize = lock(&self.b).osize;
            while data.len() >= osize {
                let r = BIO_write(next, data.as_ptr().cast(), data.len() as c_int);
                if r <= 0 {
                    BIO_copy_next_retry(c_ptr(b));
                    return if r < 0 && num == 0 { r } else { num as i32 };
                }
                num += r as usize;
                data = &data[r as usize..];
            }
            if data.is_empty() {
                return num as i32;
            }
        }
    }

    fn puts(&self, b: &Bio, s: &[u8]) -> i32 {
        self.write(b, Some(s), s.len())
    }

    fn gets(&self, b: &Bio, buf: *mut c_char, size: i32) -> i32 {
        let next = next_of(b);
        if buf.is_null() || size <= 0 || next.is_null() {
            return 0;
        }
        clear_retry(b);
        // SAFETY: the caller's buffer of `size` bytes (BIO_gets's contract).
        let out = unsafe { core::slice::from_raw_parts_mut(buf as *mut u8, size as usize) };
        let max = out.len() - 1;
        let mut num = 0usize;
        loop {
            let mut done = false;
            {
                let mut g = lock(&self.b);
                let avail = g.pending_in();
                let lim = avail.len().min(max - num);
                let n = avail[..lim]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(lim, |i| {
                        done = true;
                        i + 1
                    });
                out[num..num + n].copy_from_slice(&avail[..n]);
                g.take_in(n);
                num += n;
            }
            if done || num == max {
                out[num] = 0;
                return num as i32;
            }
            let r = self.refill(b, next);
            if r <= 0 {
                out[num] = 0;
                return if r < 0 && num == 0 { r } else { num as i32 };
            }
        }
    }

    fn ctrl(&self, b: &Bio, cmd: i32, larg: i64, parg: *mut c_void) -> i64 {
        let next = next_of(b);
        let pass = |cmd: i32, larg: i64, parg: *mut c_void| -> i64 {
            if next.is_null() {
                0
            } else {
                BIO_ctrl(next, cmd, larg as c_long, parg) as i64
            }
        };
        match cmd {
            BIO_CTRL_RESET => {
                let mut g = lock(&self.b);
                g.ibuf.clear();
                g.ipos = 0;
                g.obuf.clear();
                drop(g);
                pass(cmd, larg, parg)
            }
            BIO_CTRL_INFO => lock(&self.b).obuf.len() as i64,
            BIO_C_GET_BUFF_NUM_LINES => lock(&self.b)
                .pending_in()
                .iter()
                .filter(|&&c| c == b'\n')
                .count() as i64,
            BIO_CTRL_PENDING => match lock(&self.b).pending_in().len() {
                0 => pass(cmd, larg, parg),
                n => n as i64,
            },
            BIO_CTRL_WPENDING => match lock(&self.b).obuf.len() {
                0 => pass(cmd, larg, parg),
                n => n as i64,
            },
            BIO_CTRL_EOF => {
                if lock(&self.b).pending_in().is_empty() {
                    pass(cmd, larg, parg)
                } else {
                    0
                }
            }
            BIO_C_SET_BUFF_SIZE => {
                let size = (larg.max(0) as usize).max(DEFAULT_SIZE);
                let mut g = lock(&self.b);
                if parg.is_null() {
                    g.isize = size;
                    g.osize = size;
                } else {
                    // SAFETY: an `int *` (BIO_set_read/write_buffer_size via BIO_int_ctrl):
                    // 0 selects the read buffer, anything else the write buffer.
                    if unsafe { *(parg as *const c_int) } == 0 {
                        g.isize = size;
                    } else {
                        g.osize = size;
                    }
                }
                1
            }
            BIO_C_SET_BUFF_READ_DATA => {
                if parg.is_null() || larg < 0 {
                    return 0;
                }
                // SAFETY: `larg` readable bytes at `parg` (BIO_set_buffer_read_data).
                let data = unsafe { core::slice::from_raw_parts(parg as *const u8, larg as usize) };
                let mut g = lock(&self.b);
                g.isize = g.isize.max(data.len());
                g.ibuf = data.to_vec();
                g.ipos = 0;
                1
            }
            BIO_CTRL_FLUSH => {
                if next.is_null() {
                    return 0;
                }
                clear_retry(b);
                let r = self.drain(b, next);
                if r <= 0 {
                    return r as i64;
                }
                let r = pass(cmd, larg, parg);
                BIO_copy_next_retry(c_ptr(b));
                r
            }
            BIO_CTRL_DUP => {
                let g = lock(&self.b);
                let (i, o) = (g.isize, g.osize);
                drop(g);
                let d = parg as *mut BIO;
                let mut zero: c_int = 0;
                let mut one: c_int = 1;
                BIO_ctrl(
                    d,
                    BIO_C_SET_BUFF_SIZE,
                    i as c_long,
                    (&mut zero as *mut c_int).cast(),
                );
                BIO_ctrl(
                    d,
                    BIO_C_SET_BUFF_SIZE,
                    o as c_long,
                    (&mut one as *mut c_int).cast(),
                );
                1
            }
            BIO_C_DO_STATE_MACHINE => {
                if next.is_null() {
                    return 0;
                }
                clear_retry(b);
                let r = pass(cmd, larg, parg);
                BIO_copy_next_retry(c_ptr(b));
                r
            }
            BIO_CTRL_PEEK => {
                if parg.is_null() || larg <= 0 || next.is_null() {
                    return 0;
                }
                if lock(&self.b).pending_in().is_empty() {
                    let r = self.refill(b, next);
                    if r <= 0 {
                        return r as i64;
                    }
                }
                let g = lock(&self.b);
                let avail = g.pending_in();
                let n = avail.len().min(larg as usize);
                // SAFETY: `larg` writable bytes at `parg` (BIO_buffer_peek).
                unsafe { core::ptr::copy_nonoverlapping(avail.as_ptr(), parg as *mut u8, n) };
                n as i64
            }
            _ => pass(cmd, larg, parg),
        }
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
        c"buffer".as_ptr()
    }

    fn method_ptr(&self) -> *const c_void {
        method().cast()
    }
}

/// Static descriptor for `BIO_f_buffer()` (compared by address).
pub struct BufferMethod {
    _typ: c_int,
}
static METHOD_BUFFER: BufferMethod = BufferMethod {
    _typ: BIO_TYPE_BUFFER,
};

fn method() -> *const BIO_METHOD {
    &METHOD_BUFFER as *const BufferMethod as *const BIO_METHOD
}

/// `BIO_new` for the buffer method (`None`: not it).
pub fn new_of(m: *const BIO_METHOD) -> Option<*mut BIO> {
    core::ptr::eq(m, method())
        .then(|| into_c::<BIO>(Bio::new_dyn(BIO_TYPE_BUFFER, true, Box::new(Buffer::new()))))
}

/// `BIO_f_buffer(3)`: the buffering filter method (static).
#[no_mangle]
pub extern "C" fn BIO_f_buffer() -> *const BIO_METHOD {
    crate::forward_new!(BIO_f_buffer());
    method()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::bio::{BIO_free_all, BIO_gets, BIO_new, BIO_puts, BIO_s_mem};
    use crate::ffi::bio_meth::BIO_push;
    use core::ptr::null_mut;

    #[test]
    fn lines_over_mem() {
        let f = BIO_new(BIO_f_buffer());
        let m = BIO_new(BIO_s_mem());
        let mut line = [0u8; 16];
        assert_eq!(BIO_gets(f, line.as_mut_ptr().cast(), 16), 0);
        BIO_push(f, m);
        assert_eq!(BIO_puts(m, c"one\ntwo".as_ptr()), 7);
        assert_eq!(BIO_gets(f, line.as_mut_ptr().cast(), 16), 4);
        assert_eq!(&line[..5], b"one\n\0");
        assert_eq!(BIO_ctrl(f, BIO_CTRL_PENDING, 0, null_mut()), 3);
        assert_eq!(BIO_gets(f, line.as_mut_ptr().cast(), 16), 3);
        assert_eq!(BIO_puts(f, c"abc".as_ptr()), 3);
        assert_eq!(BIO_ctrl(f, BIO_CTRL_WPENDING, 0, null_mut()), 3);
        assert_eq!(BIO_ctrl(f, BIO_CTRL_FLUSH, 0, null_mut()), 1);
        assert_eq!(BIO_ctrl(m, BIO_CTRL_PENDING, 0, null_mut()), 3);
        BIO_free_all(f);
    }
}
