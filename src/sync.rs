//! The crate's mutex. In every normal build it is exactly `std::sync::Mutex`.
//!
//! The ThreadSanitizer build (`make test-tsan`, `--cfg sslrs_tsan`) instruments sslrs's own code
//! but not the standard library the toolchain ships: std's futex-based mutex is then invisible to
//! TSan, and every access made under a lock would be reported as a race. There, this module wraps
//! std's mutex and tells TSan about each lock (`__tsan_acquire`) and unlock (`__tsan_release`) on
//! the mutex's address, so the happens-before edges TSan sees are the ones the program has.

#[cfg(not(sslrs_tsan))]
pub use std::sync::{Mutex, MutexGuard};

#[cfg(sslrs_tsan)]
pub use tsan::{Mutex, MutexGuard};

#[cfg(sslrs_tsan)]
mod tsan {
    use std::ffi::c_void;
    use std::ops::{Deref, DerefMut};
    use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

    extern "C" {
        fn __tsan_acquire(addr: *mut c_void);
        fn __tsan_release(addr: *mut c_void);
    }

    #[derive(Default, Debug)]
    pub struct Mutex<T: ?Sized>(std::sync::Mutex<T>);

    pub struct MutexGuard<'a, T: ?Sized + 'a> {
        addr: *mut c_void,
        inner: std::sync::MutexGuard<'a, T>,
    }

    impl<T> Mutex<T> {
        pub const fn new(value: T) -> Mutex<T> {
            Mutex(std::sync::Mutex::new(value))
        }

        pub fn into_inner(self) -> LockResult<T> {
            self.0.into_inner()
        }
    }

    impl<T: ?Sized> Mutex<T> {
        /// Tells TSan the lock was taken, and wraps std's guard so that dropping it says so
        /// again before unlocking.
        fn acquired<'a>(&'a self, inner: std::sync::MutexGuard<'a, T>) -> MutexGuard<'a, T> {
            let addr = self as *const Mutex<T> as *const u8 as *mut c_void;
            // SAFETY: an annotation call into the TSan runtime; it only records the address.
            unsafe { __tsan_acquire(addr) };
            MutexGuard { addr, inner }
        }

        pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
            match self.0.lock() {
                Ok(g) => Ok(self.acquired(g)),
                Err(p) => Err(PoisonError::new(self.acquired(p.into_inner()))),
            }
        }

        pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
            match self.0.try_lock() {
                Ok(g) => Ok(self.acquired(g)),
                Err(TryLockError::Poisoned(p)) => Err(TryLockError::Poisoned(PoisonError::new(
                    self.acquired(p.into_inner()),
                ))),
                Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
            }
        }

        pub fn get_mut(&mut self) -> LockResult<&mut T> {
            self.0.get_mut()
        }
    }

    impl<T: ?Sized> Drop for MutexGuard<'_, T> {
        fn drop(&mut self) {
            // SAFETY: as in `acquired`; runs before the inner guard unlocks.
            unsafe { __tsan_release(self.addr) };
        }
    }

    impl<T: ?Sized> Deref for MutexGuard<'_, T> {
        type Target = T;
        fn deref(&self) -> &T {
            &self.inner
        }
    }

    impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
        fn deref_mut(&mut self) -> &mut T {
            &mut self.inner
        }
    }
}
