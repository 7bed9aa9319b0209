//! The thread-local ERR queue (native backend).

use crate::error::Error;
use std::cell::RefCell;
use std::collections::VecDeque;

/// OpenSSL keeps at most 16 entries per thread; older ones fall off the front.
const ERR_NUM_ERRORS: usize = 16;

/// One queued entry: the error plus where it was raised.
#[derive(Debug, Clone)]
pub struct Entry {
    pub error: Error,
    pub code: u64,
}

thread_local! {
    static QUEUE: RefCell<VecDeque<Entry>> = const { RefCell::new(VecDeque::new()) };
}

/// Pushes one error onto this thread's queue.
pub fn push(error: Error) {
    let code = error.code();
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if q.len() == ERR_NUM_ERRORS {
            q.pop_front();
        }
        q.push_back(Entry { error, code });
    });
}

/// `ERR_clear_error`.
pub fn clear() {
    QUEUE.with(|q| q.borrow_mut().clear());
}

/// `ERR_peek_error`: the oldest code, 0 when empty.
pub fn peek_first() -> u64 {
    QUEUE.with(|q| q.borrow().front().map_or(0, |e| e.code))
}

/// `ERR_peek_last_error`: the newest code, 0 when empty.
pub fn peek_last() -> u64 {
    QUEUE.with(|q| q.borrow().back().map_or(0, |e| e.code))
}

/// `ERR_get_error`: pops the oldest entry.
pub fn pop_first() -> Option<Entry> {
    QUEUE.with(|q| q.borrow_mut().pop_front())
}

/// TEMP: registers the SSL reason strings (the err branch implements it).
pub fn load_ssl_strings() {}
