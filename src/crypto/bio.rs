//! Native BIOs: memory, socket, fd and pair. SKELETON: the BIO helper replaces the bodies.
//!
//! The engine uses only the methods below; they follow `BIO_read`/`BIO_write` semantics exactly,
//! including the retry flags (`BIO_FLAGS_*`), which every read/write clears and sets anew.

use std::sync::Arc;

pub const BIO_FLAGS_READ: i32 = 0x01;
pub const BIO_FLAGS_WRITE: i32 = 0x02;
pub const BIO_FLAGS_IO_SPECIAL: i32 = 0x04;
pub const BIO_FLAGS_RWS: i32 = 0x07;
pub const BIO_FLAGS_SHOULD_RETRY: i32 = 0x08;

/// One BIO. Shared (`Arc`) between the C side and the SSL objects that hold it.
pub struct Bio {
    _todo: (),
}

impl Bio {
    /// `BIO_new_socket(fd, close_flag)`.
    pub fn new_socket(_fd: i32, _close: bool) -> Arc<Bio> {
        unimplemented!()
    }
    /// `BIO_read`: >0 bytes read; 0 EOF (or nothing); <0 failure, retry flags tell which.
    pub fn read(&self, _buf: &mut [u8]) -> i32 {
        unimplemented!()
    }
    /// `BIO_write`.
    pub fn write(&self, _buf: &[u8]) -> i32 {
        unimplemented!()
    }
    /// `BIO_flush`: 1 on success, <=0 with retry flags on failure.
    pub fn flush(&self) -> i32 {
        unimplemented!()
    }
    /// `BIO_test_flags(b, mask)`.
    pub fn test_flags(&self, _mask: i32) -> i32 {
        unimplemented!()
    }
    /// `BIO_get_retry_reason`.
    pub fn retry_reason(&self) -> i32 {
        unimplemented!()
    }
    /// `BIO_clear_retry_flags` then `BIO_set_retry_read`.
    pub fn set_retry_read(&self) {
        unimplemented!()
    }
    /// `BIO_eof`.
    pub fn eof(&self) -> bool {
        unimplemented!()
    }
    /// `BIO_method_type` (e.g. `BIO_TYPE_SOCKET` 0x0505).
    pub fn method_type(&self) -> i32 {
        unimplemented!()
    }
    /// The fd of a socket/fd BIO (`BIO_get_fd`), else `None`.
    pub fn fd(&self) -> Option<i32> {
        unimplemented!()
    }
}
