//! `openssl/ssl.h` family: a context's and a connection's certificate and private key
//! (`SSL_CTX_use_certificate` & co, `SSL_use_*`, `SSL_CTX_use_cert_and_key`, the getters,
//! `SSL_check_private_key`, `SSL_certs_clear`), the peer's certificates
//! (`SSL_get0_peer_certificate`, `SSL_get_peer_cert_chain`, `SSL_get0_verified_chain`) and the
//! certificate callbacks (`SSL_CTX_set_cert_cb`, `SSL_set_cert_cb`, `SSL_CTX_set_client_cert_cb`).
//!
//! The engine holds certificates and keys as DER. The `X509`/`EVP_PKEY` objects programs pass
//! in and get back belong to the active backend (ours, or libcrypto's when forwarding), so this
//! file never looks inside them: DER comes out with `i2d_X509`/`i2d_PrivateKey` and objects are
//! made with `d2i_X509`/`d2i_AutoPrivateKey`, all dispatching exports.
//!
//! Object identity follows OpenSSL: the object given to `SSL_CTX_use_certificate` is the one
//! `SSL_CTX_get0_certificate` and (through `SSL_new`'s shared copy) `SSL_get_certificate`
//! return; `SSL_get0_peer_certificate` is the first element of `SSL_get_peer_cert_chain` on a
//! client. Each context and connection keeps one reference to every object it handed out
//! ([`Objs`]) and drops them when it goes.

use super::callbacks::{conn_of, ctx_app, lock, obj, CtxApp, SslObj};
use super::pem::pem_password_cb;
use super::stack::OPENSSL_STACK;
use super::types::{borrow, EVP_PKEY, SSL, SSL_CTX, X509};
use super::{call, one_or_zero, void};
use crate::engine::context::{Context, Credentials};
use crate::error::{common, lib, ssl_r, Error, Result};
use crate::sync::Mutex;
use core::ffi::{c_int, c_long, c_uchar, c_void};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// `RSA` (only libcrypto makes these).
pub struct RSA {
    _private: [u8; 0],
}

/// `ERR_R_RSA_LIB`.
const RSA_LIB: i32 = common::ERR_RFLAG_COMMON | 4;

/// `STACK_OF(X509)` (`struct stack_st_X509`).
pub struct stack_st_X509 {
    _private: [u8; 0],
}

/// The callback of `SSL_CTX_set_cert_cb` / `SSL_set_cert_cb`.
pub type SslCertCb = Option<unsafe extern "C" fn(ssl: *mut SSL, arg: *mut c_void) -> c_int>;

/// The callback of `SSL_CTX_set_client_cert_cb`.
pub type SslClientCertCb = Option<
    unsafe extern "C" fn(ssl: *mut SSL, x509: *mut *mut X509, pkey: *mut *mut EVP_PKEY) -> c_int,
>;

// ---------------------------------------------------------------------------------------------
// Objects held for C

/// `X509`/`EVP_PKEY` objects of the active backend, by DER, one reference each.
#[derive(Default)]
pub struct Objs {
    certs: Vec<(Vec<u8>, usize)>,
    keys: Vec<(Vec<u8>, usize)>,
}

impl Objs {
    fn find(list: &[(Vec<u8>, usize)], der: &[u8]) -> Option<usize> {
        list.iter().find(|(d, _)| d == der).map(|&(_, p)| p)
    }

    fn cert(&self, der: &[u8]) -> Option<*mut X509> {
        Self::find(&self.certs, der).map(|p| p as *mut X509)
    }

    fn key(&self, der: &[u8]) -> Option<*mut EVP_PKEY> {
        Self::find(&self.keys, der).map(|p| p as *mut EVP_PKEY)
    }

    /// The object for `der`, made (`d2i_X509`) if there is none yet.
    fn cert_or_make(&mut self, der: &[u8]) -> Result<*mut X509> {
        if let Some(p) = self.cert(der) {
            return Ok(p);
        }
        let x = x509_from_der(der)?;
        self.certs.push((der.to_vec(), x as usize));
        Ok(x)
    }

    /// The object for `der`, made (`d2i_AutoPrivateKey`) if there is none yet.
    fn key_or_make(&mut self, der: &[u8]) -> Result<*mut EVP_PKEY> {
        if let Some(p) = self.key(der) {
            return Ok(p);
        }
        let mut p = der.as_ptr();
        let k =
            super::pkey_der::d2i_AutoPrivateKey(core::ptr::null_mut(), &mut p, der.len() as c_long);
        if k.is_null() {
            return Err(Error::ssl(common::ASN1_LIB, "SSL_get_privatekey"));
        }
        self.keys.push((der.to_vec(), k as usize));
        Ok(k)
    }

    /// Keeps a reference to the caller's `x` as the object for `der`.
    fn put_cert(&mut self, der: &[u8], x: *mut X509) {
        super::x509::X509_up_ref(x);
        match self.certs.iter_mut().find(|(d, _)| d == der) {
            Some(slot) => {
                super::x509::X509_free(core::mem::replace(&mut slot.1, x as usize) as *mut X509)
            }
            None => self.certs.push((der.to_vec(), x as usize)),
        }
    }

    /// Keeps a reference to the caller's `k` as the object for `der`.
    fn put_key(&mut self, der: &[u8], k: *mut EVP_PKEY) {
        super::evp::EVP_PKEY_up_ref(k);
        match self.keys.iter_mut().find(|(d, _)| d == der) {
            Some(slot) => super::evp::EVP_PKEY_free(
                core::mem::replace(&mut slot.1, k as usize) as *mut EVP_PKEY
            ),
            None => self.keys.push((der.to_vec(), k as usize)),
        }
    }

    /// New references to the objects whose DER is in `certs`/`keys` (a connection taking its
    /// own copy of its context's credentials shares the context's objects, as OpenSSL's
    /// `SSL_new` does).
    fn share(&self, certs: &[Vec<u8>], keys: &[Vec<u8>]) -> Objs {
        let mut out = Objs::default();
        for (d, p) in self.certs.iter().filter(|(d, _)| certs.contains(d)) {
            super::x509::X509_up_ref(*p as *mut X509);
            out.certs.push((d.clone(), *p));
        }
        for (d, p) in self.keys.iter().filter(|(d, _)| keys.contains(d)) {
            super::evp::EVP_PKEY_up_ref(*p as *mut EVP_PKEY);
            out.keys.push((d.clone(), *p));
        }
        out
    }

    /// Takes `other`'s objects for DER this set has no object for (dropping the rest).
    fn merge(&mut self, mut other: Objs) {
        for (d, p) in std::mem::take(&mut other.certs) {
            if self.cert(&d).is_none() {
                self.certs.push((d, p));
            } else {
                other.certs.push((d, p));
            }
        }
        for (d, p) in std::mem::take(&mut other.keys) {
            if self.key(&d).is_none() {
                self.keys.push((d, p));
            } else {
                other.keys.push((d, p));
            }
        }
    }

    /// Drops the objects whose DER is no longer in use.
    fn retain(&mut self, certs: &[Vec<u8>], keys: &[Vec<u8>]) {
        let (keep, gone): (Vec<_>, Vec<_>) =
            self.certs.drain(..).partition(|(d, _)| certs.contains(d));
        self.certs = keep;
        gone.into_iter()
            .for_each(|(_, p)| super::x509::X509_free(p as *mut X509));
        let (keep, gone): (Vec<_>, Vec<_>) =
            self.keys.drain(..).partition(|(d, _)| keys.contains(d));
        self.keys = keep;
        gone.into_iter()
            .for_each(|(_, p)| super::evp::EVP_PKEY_free(p as *mut EVP_PKEY));
    }
}

impl Drop for Objs {
    fn drop(&mut self) {
        self.retain(&[], &[]);
    }
}

/// The DER of every certificate and key a set of credentials holds (all slots).
fn live_ders(c: &Credentials) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut certs: Vec<Vec<u8>> = c.chain.iter().map(|d| d.to_vec()).collect();
    let mut keys: Vec<Vec<u8>> = c.key.iter().map(|k| k.secret_der().to_vec()).collect();
    for (_, chain, key) in &c.other_slots {
        certs.extend(chain.iter().map(|d| d.to_vec()));
        keys.extend(key.iter().map(|k| k.secret_der().to_vec()));
    }
    (certs, keys)
}

/// A (possibly NULL) stack pointer of the active backend, as kept in the state below.
pub type StackPtr = usize;

/// What a context keeps for this file and the CA-list and password files.
pub struct CtxCerts {
    pub objs: Mutex<Objs>,
    pub passwd: Mutex<(pem_password_cb, usize)>,
    pub cert_cb: Mutex<(SslCertCb, usize)>,
    pub client_cert_cb: Mutex<SslClientCertCb>,
    /// `SSL_CTX_set_client_CA_list` (`None`: the empty stack `SSL_CTX_new` makes, not made yet).
    pub client_ca: Mutex<Option<StackPtr>>,
    /// `SSL_CTX_set0_CA_list`, likewise.
    pub ca_names: Mutex<Option<StackPtr>>,
}

impl Default for CtxCerts {
    fn default() -> Self {
        CtxCerts {
            objs: Mutex::default(),
            passwd: Mutex::new((None, 0)),
            cert_cb: Mutex::new((None, 0)),
            client_cert_cb: Mutex::new(None),
            client_ca: Mutex::new(None),
            ca_names: Mutex::new(None),
        }
    }
}

impl Drop for CtxCerts {
    fn drop(&mut self) {
        for m in [&self.client_ca, &self.ca_names] {
            if let Some(p) = lock(m).take() {
                super::ca_list::free_names(p);
            }
        }
    }
}

/// One cached stack: the DER of its elements and the stack (0: NULL).
#[derive(Default)]
struct CachedStack {
    ders: Option<Vec<Vec<u8>>>,
    stack: StackPtr,
}

/// The peer's objects of a connection.
#[derive(Default)]
pub struct PeerObjs {
    objs: Objs,
    chain: CachedStack,
    verified: CachedStack,
    pub ca: CachedNames,
}

/// The peer's CA names (`SSL_get0_peer_CA_list`): their DER and the stack made of them.
#[derive(Default)]
pub struct CachedNames {
    pub ders: Option<Vec<Vec<u8>>>,
    pub stack: StackPtr,
}

impl Drop for PeerObjs {
    fn drop(&mut self) {
        for s in [&mut self.chain, &mut self.verified] {
            super::stack::OPENSSL_sk_free(core::mem::take(&mut s.stack) as *mut OPENSSL_STACK);
        }
        super::ca_list::free_names(core::mem::take(&mut self.ca.stack));
    }
}

/// What a connection keeps: copies of its context's callbacks made by `SSL_new` (as OpenSSL
/// copies them), its own objects, the peer's.
pub struct SslCerts {
    pub objs: Mutex<Objs>,
    pub peer: Mutex<PeerObjs>,
    pub passwd: Mutex<(pem_password_cb, usize)>,
    pub cert_cb: Mutex<(SslCertCb, usize)>,
    /// `SSL_set_client_CA_list` / `SSL_add_client_CA` (0: the context's).
    pub client_ca: Mutex<StackPtr>,
    /// `SSL_set0_CA_list` / `SSL_add1_to_CA_list` (0: the context's).
    pub ca_names: Mutex<StackPtr>,
}

impl SslCerts {
    /// A connection's state, inheriting what `SSL_new` copies from its context.
    pub fn inherit(ctx: Option<&CtxApp>) -> SslCerts {
        let (passwd, cert_cb) = match ctx {
            Some(a) => (*lock(&a.certs.passwd), *lock(&a.certs.cert_cb)),
            None => ((None, 0), (None, 0)),
        };
        SslCerts {
            objs: Mutex::default(),
            peer: Mutex::default(),
            passwd: Mutex::new(passwd),
            cert_cb: Mutex::new(cert_cb),
            client_ca: Mutex::new(0),
            ca_names: Mutex::new(0),
        }
    }
}

impl Drop for SslCerts {
    fn drop(&mut self) {
        for m in [&self.client_ca, &self.ca_names] {
            super::ca_list::free_names(core::mem::take(&mut *lock(m)));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// DER in and out of the caller's objects (dispatching exports only)

/// A new `X509` of the active backend from DER.
pub fn x509_from_der(der: &[u8]) -> Result<*mut X509> {
    let mut p = der.as_ptr();
    let len = c_long::try_from(der.len()).map_err(|_| Error::ssl(common::ASN1_LIB, "d2i_X509"))?;
    let x = super::x509::d2i_X509(core::ptr::null_mut(), &mut p, len);
    if x.is_null() {
        return Err(Error::ssl(common::ASN1_LIB, "d2i_X509"));
    }
    Ok(x)
}

/// The DER of the caller's certificate.
pub fn cert_der(x: *const X509, func: &'static str) -> Result<Vec<u8>> {
    if x.is_null() {
        return Err(Error::null_param(lib::SSL, func));
    }
    let n = super::x509::i2d_X509(x, core::ptr::null_mut());
    let len = usize::try_from(n).map_err(|_| Error::ssl(ssl_r::X509_LIB, func))?;
    let mut buf = vec![0u8; len];
    let mut w = buf.as_mut_ptr();
    if super::x509::i2d_X509(x, &mut w) != n {
        return Err(Error::ssl(ssl_r::X509_LIB, func));
    }
    Ok(buf)
}

/// The DER of the caller's private key (PKCS#1, SEC1 or PKCS#8, as `i2d_PrivateKey` writes it).
pub fn key_der(k: *const EVP_PKEY, func: &'static str) -> Result<PrivateKeyDer<'static>> {
    if k.is_null() {
        return Err(Error::null_param(lib::SSL, func));
    }
    let n = super::pkey_der::i2d_PrivateKey(k, core::ptr::null_mut());
    let len = usize::try_from(n).map_err(|_| Error::ssl(common::EVP_LIB, func))?;
    let mut buf = vec![0u8; len];
    let mut w = buf.as_mut_ptr();
    if super::pkey_der::i2d_PrivateKey(k, &mut w) != n {
        return Err(Error::ssl(common::EVP_LIB, func));
    }
    Ok(crate::ffi::ssl::der_private_key(buf))
}

/// Elements of the caller's `STACK_OF(X509)` as DER (NULL: none).
fn chain_ders(chain: *const stack_st_X509, func: &'static str) -> Result<Vec<Vec<u8>>> {
    let st = chain as *const OPENSSL_STACK;
    let n = super::stack::OPENSSL_sk_num(st).max(0);
    (0..n)
        .map(|i| cert_der(super::stack::OPENSSL_sk_value(st, i) as *const X509, func))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Targets: a context or a connection

fn ctx_of<'a>(ctx: *const SSL_CTX) -> Result<(&'a Context, &'a CtxApp)> {
    // SAFETY: a non-NULL SSL_CTX* is one we handed out and the caller still holds.
    let c = unsafe { borrow::<SSL_CTX>(ctx) }.ok_or(Error::null_param(lib::SSL, "SSL_CTX"))?;
    let app = ctx_app(c).ok_or(Error::internal("SSL_CTX without companion"))?;
    Ok((c, app))
}

/// Where `SSL_CTX_use_*` / `SSL_use_*` put things.
pub enum Target<'a> {
    Ctx(&'a Context, &'a CtxApp),
    Ssl(&'a SslObj),
}

impl<'a> Target<'a> {
    pub fn ctx(ctx: *const SSL_CTX) -> Result<Target<'a>> {
        let (c, a) = ctx_of(ctx)?;
        Ok(Target::Ctx(c, a))
    }

    pub fn ssl(s: *const SSL) -> Result<Target<'a>> {
        Ok(Target::Ssl(obj(s)?))
    }

    /// Changes the credentials (the connection's own copy for an `SSL`) and drops the objects
    /// that are no longer used.
    pub fn update<R>(&self, f: impl FnOnce(&mut Credentials, i32) -> Result<R>) -> Result<R> {
        match self {
            Target::Ctx(c, a) => {
                let level = c.with(|cfg| cfg.settings.security_level);
                let (r, live) = c.update(|cfg| {
                    let r = f(&mut cfg.creds, level);
                    (r, live_ders(&cfg.creds))
                });
                lock(&a.certs.objs).retain(&live.0, &live.1);
                r
            }
            Target::Ssl(o) => {
                let (r, live, ctx, fresh) = {
                    let mut conn = conn_of(o)?;
                    let fresh = conn.own_creds.is_none();
                    let level = conn.settings.security_level;
                    let ctx = conn.ctx.clone();
                    let creds = conn.own_creds_mut();
                    let r = f(creds, level);
                    (r, live_ders(creds), ctx, fresh)
                };
                let shared = match (fresh, ctx_app(&ctx)) {
                    (true, Some(a)) => Some(lock(&a.certs.objs).share(&live.0, &live.1)),
                    _ => None,
                };
                let mut objs = lock(&o.certs.objs);
                if let Some(s) = shared {
                    objs.merge(s);
                }
                objs.retain(&live.0, &live.1);
                r
            }
        }
    }

    /// Reads the credentials in effect.
    pub fn read<R>(&self, f: impl FnOnce(&Credentials) -> R) -> Result<R> {
        match self {
            Target::Ctx(c, _) => Ok(c.with(|cfg| f(&cfg.creds))),
            Target::Ssl(o) => Ok(conn_of(o)?.with_creds(f)),
        }
    }

    /// The password callback and its argument in effect.
    pub fn passwd(&self) -> (pem_password_cb, usize) {
        match self {
            Target::Ctx(_, a) => *lock(&a.certs.passwd),
            Target::Ssl(o) => *lock(&o.certs.passwd),
        }
    }

    /// Uses `leaf` (DER) as the certificate of its slot; `x` is the caller's object for it.
    pub fn use_cert(&self, der: Vec<u8>, x: *mut X509) -> Result<()> {
        let leaf = CertificateDer::from(der.clone());
        self.update(|c, level| c.set_leaf(leaf, level))?;
        if !x.is_null() {
            self.with_objs(|o| {
                o.put_cert(&der, x);
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Uses `key`; `k` is the caller's object for it.
    pub fn use_key(&self, key: PrivateKeyDer<'static>, k: *mut EVP_PKEY) -> Result<()> {
        let der = key.secret_der().to_vec();
        self.update(|c, _| c.set_key(key))?;
        if !k.is_null() {
            self.with_objs(|o| {
                o.put_key(&der, k);
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Uses a whole chain (leaf first), as `SSL_CTX_use_certificate_chain_file` does.
    pub fn use_chain(&self, chain: Vec<CertificateDer<'static>>) -> Result<()> {
        self.update(|c, level| c.set_chain(chain, level))
    }

    /// Runs `f` on the object set of this target: a connection's own (its context's while it
    /// follows its context after `SSL_set_SSL_CTX`).
    fn with_objs<R>(&self, f: impl FnOnce(&mut Objs) -> Result<R>) -> Result<R> {
        match self {
            Target::Ctx(_, a) => f(&mut lock(&a.certs.objs)),
            Target::Ssl(o) => {
                let (own, ctx) = {
                    let c = conn_of(o)?;
                    (c.own_creds.is_some(), c.ctx.clone())
                };
                match (own, ctx_app(&ctx)) {
                    (false, Some(a)) => f(&mut lock(&a.certs.objs)),
                    _ => f(&mut lock(&o.certs.objs)),
                }
            }
        }
    }

    /// A connection's object for `der`: its own, else (when its context still holds that
    /// certificate or key) the context's, shared as `SSL_new` shares it in OpenSSL.
    fn shared_obj<T>(
        &self,
        der: &[u8],
        find: fn(&Objs, &[u8]) -> Option<*mut T>,
        make: fn(&mut Objs, &[u8]) -> Result<*mut T>,
        keep: fn(&mut Objs, &[u8], *mut T),
        is_cert: bool,
    ) -> Result<*mut T> {
        let Target::Ssl(o) = self else {
            return self.with_objs(|objs| make(objs, der));
        };
        let ctx = conn_of(o)?.ctx.clone();
        if let Some(p) = find(&lock(&o.certs.objs), der) {
            return Ok(p);
        }
        if let Some(a) = ctx_app(&ctx) {
            let (certs, keys) = ctx.with(|c| live_ders(&c.creds));
            let held = if is_cert { certs } else { keys };
            if held.iter().any(|d| d == der) {
                let p = make(&mut lock(&a.certs.objs), der)?;
                keep(&mut lock(&o.certs.objs), der, p);
                return Ok(p);
            }
        }
        self.with_objs(|objs| make(objs, der))
    }

    /// The object for the current certificate (NULL when none), made once.
    fn certificate(&self) -> Result<*mut X509> {
        let Some(der) = self.read(|c| c.chain.first().map(|d| d.to_vec()))? else {
            return Ok(core::ptr::null_mut());
        };
        self.shared_obj(&der, Objs::cert, Objs::cert_or_make, Objs::put_cert, true)
    }

    /// The object for the current private key (NULL when none), made once.
    fn private_key(&self) -> Result<*mut EVP_PKEY> {
        let Some(der) = self.read(|c| c.key.as_ref().map(|k| k.secret_der().to_vec()))? else {
            return Ok(core::ptr::null_mut());
        };
        self.shared_obj(&der, Objs::key, Objs::key_or_make, Objs::put_key, false)
    }
}

// ---------------------------------------------------------------------------------------------
// Shared bodies

fn use_certificate(t: Result<Target<'_>>, x: *mut X509, func: &'static str) -> Result<()> {
    let t = t?;
    let der = cert_der(x, func)?;
    t.use_cert(der, x)
}

fn use_private_key(t: Result<Target<'_>>, k: *mut EVP_PKEY, func: &'static str) -> Result<()> {
    let t = t?;
    let key = key_der(k, func)?;
    t.use_key(key, k)
}

fn use_certificate_asn1(
    t: Result<Target<'_>>,
    d: *const c_uchar,
    len: c_int,
    func: &'static str,
) -> Result<()> {
    let t = t?;
    if d.is_null() {
        return Err(Error::null_param(lib::SSL, func));
    }
    let mut p = d;
    let x = super::x509::d2i_X509(core::ptr::null_mut(), &mut p, c_long::from(len));
    if x.is_null() {
        return Err(Error::ssl(common::ASN1_LIB, func));
    }
    let r = cert_der(x, func).and_then(|der| t.use_cert(der, x));
    super::x509::X509_free(x);
    r
}

fn use_private_key_asn1(
    t: Result<Target<'_>>,
    pk: c_int,
    d: *const c_uchar,
    len: c_long,
    func: &'static str,
) -> Result<()> {
    let t = t?;
    if d.is_null() {
        return Err(Error::null_param(lib::SSL, func));
    }
    let mut p = d;
    let k = super::pkey_der::d2i_PrivateKey(pk, core::ptr::null_mut(), &mut p, len);
    if k.is_null() {
        return Err(Error::ssl(common::ASN1_LIB, func));
    }
    let r = key_der(k, func).and_then(|key| t.use_key(key, k));
    super::evp::EVP_PKEY_free(k);
    r
}

/// `i2d_RSAPrivateKey` of libcrypto for an `RSA*` (only libcrypto makes `RSA` objects).
fn rsa_der(rsa: *mut RSA, func: &'static str) -> Result<PrivateKeyDer<'static>> {
    if rsa.is_null() {
        return Err(Error::null_param(lib::SSL, func));
    }
    let f = super::backend::lookup("i2d_RSAPrivateKey\0");
    if f.is_null() {
        return Err(Error::unsupported(lib::SSL, func));
    }
    // SAFETY: libcrypto's `int i2d_RSAPrivateKey(const RSA *a, unsigned char **out)`.
    let i2d: unsafe extern "C" fn(*const RSA, *mut *mut c_uchar) -> c_int =
        unsafe { core::mem::transmute(f) };
    // SAFETY: the caller's RSA object (libcrypto's, since we are forwarding).
    let n = unsafe { i2d(rsa, core::ptr::null_mut()) };
    let len = usize::try_from(n).map_err(|_| Error::ssl(RSA_LIB, func))?;
    let mut buf = vec![0u8; len];
    let mut w = buf.as_mut_ptr();
    // SAFETY: `buf` has room for the `n` bytes measured above.
    if unsafe { i2d(rsa, &mut w) } != n {
        return Err(Error::ssl(RSA_LIB, func));
    }
    Ok(PrivateKeyDer::Pkcs1(buf.into()))
}

fn use_rsa_asn1(
    t: Result<Target<'_>>,
    d: *const c_uchar,
    len: c_long,
    func: &'static str,
) -> Result<()> {
    use_private_key_asn1(t, super::pkey_der::EVP_PKEY_RSA, d, len, func)
}

/// `SSL_CTX_use_cert_and_key` / `SSL_use_cert_and_key`.
fn use_cert_and_key(
    t: Result<Target<'_>>,
    x509: *mut X509,
    privatekey: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
    r#override: c_int,
) -> Result<()> {
    let t = t?;
    let func = "ssl_set_cert_and_key";
    let leaf = cert_der(x509, func)?;
    if privatekey.is_null() {
        // OpenSSL would stand the certificate's public key in for the private key (for keys
        // held in hardware); sslrs cannot sign with that.
        return Err(Error::unsupported(lib::SSL, func));
    }
    let key = key_der(privatekey, func)?;
    let rest = chain_ders(chain, func)?;
    let mut full: Vec<CertificateDer<'static>> = vec![CertificateDer::from(leaf.clone())];
    full.extend(rest.into_iter().map(CertificateDer::from));
    let kder = key.secret_der().to_vec();
    t.update(|c, level| {
        let mut trial = Credentials::default();
        trial.set_chain(full.clone(), level)?;
        if trial.set_key(key.clone_key()).is_err() {
            return Err(Error::ssl(ssl_r::PRIVATE_KEY_MISMATCH, func));
        }
        let ty = crate::crypto::pkey::cert_key_type(&full[0]).unwrap_or_default();
        if r#override == 0 && c.slot_in_use(&ty) {
            return Err(Error::ssl(ssl_r::NOT_REPLACING_CERTIFICATE, func));
        }
        c.set_chain(full, level)?;
        c.set_key(key)
    })?;
    t.with_objs(|o| {
        o.put_cert(&leaf, x509);
        o.put_key(&kder, privatekey);
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Exports: SSL_CTX

/// `SSL_CTX_use_certificate(3)`: `x` becomes the certificate of the slot of its key type (the
/// slot's chain certificates stay; a key of the slot that does not match is no longer usable).
/// The context keeps a reference to `x`: `SSL_CTX_get0_certificate` returns it. 1, or 0 (NULL:
/// `ERR_R_PASSED_NULL_PARAMETER`; a key below the security level: `SSL_R_EE_KEY_TOO_SMALL`).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate(ctx: *mut SSL_CTX, x: *mut X509) -> c_int {
    one_or_zero(|| use_certificate(Target::ctx(ctx), x, "SSL_CTX_use_certificate"))
}

/// `SSL_CTX_use_PrivateKey(3)`: the key of the slot of its type; a certificate already in that
/// slot must match (else X509 `key values mismatch`, nothing changes). Keeps a reference to
/// `pkey`. 1 or 0.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey(ctx: *mut SSL_CTX, pkey: *mut EVP_PKEY) -> c_int {
    one_or_zero(|| use_private_key(Target::ctx(ctx), pkey, "SSL_CTX_use_PrivateKey"))
}

/// `SSL_CTX_use_certificate_ASN1(3)`: as `SSL_CTX_use_certificate` with the certificate's DER
/// (`len` bytes at `d`). Bad DER: the ASN1 entries, then SSL `ERR_R_ASN1_LIB`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_certificate_ASN1(
    ctx: *mut SSL_CTX,
    len: c_int,
    d: *const c_uchar,
) -> c_int {
    one_or_zero(|| use_certificate_asn1(Target::ctx(ctx), d, len, "SSL_CTX_use_certificate_ASN1"))
}

/// `SSL_CTX_use_PrivateKey_ASN1(3)`: as `SSL_CTX_use_PrivateKey` with a DER key of type `pk`
/// (`EVP_PKEY_RSA`, `EVP_PKEY_EC`, ...; `EVP_PKEY_NONE` accepts any). Bad DER or another type:
/// the decoder entries, then SSL `ERR_R_ASN1_LIB`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_PrivateKey_ASN1(
    pk: c_int,
    ctx: *mut SSL_CTX,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    one_or_zero(|| {
        use_private_key_asn1(Target::ctx(ctx), pk, d, len, "SSL_CTX_use_PrivateKey_ASN1")
    })
}

/// `SSL_CTX_use_RSAPrivateKey(3)`: an `RSA` key (deprecated API).
/// Status: partial — `RSA` objects only exist with libcrypto in the process; natively any
/// non-NULL `rsa` fails with `ERR_R_UNSUPPORTED`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey(ctx: *mut SSL_CTX, rsa: *mut RSA) -> c_int {
    one_or_zero(|| {
        let t = Target::ctx(ctx)?;
        t.use_key(
            rsa_der(rsa, "SSL_CTX_use_RSAPrivateKey")?,
            core::ptr::null_mut(),
        )
    })
}

/// `SSL_CTX_use_RSAPrivateKey_ASN1(3)`: a DER RSA key (PKCS#1; PKCS#8 is accepted too).
#[no_mangle]
pub extern "C" fn SSL_CTX_use_RSAPrivateKey_ASN1(
    ctx: *mut SSL_CTX,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    one_or_zero(|| use_rsa_asn1(Target::ctx(ctx), d, len, "SSL_CTX_use_RSAPrivateKey_ASN1"))
}

/// `SSL_CTX_use_cert_and_key(3)`: certificate, key and chain (`chain` may be NULL) at once,
/// into the slot of the certificate's key type. A key that does not match:
/// `SSL_R_PRIVATE_KEY_MISMATCH`; `override == 0` and the slot already in use:
/// `SSL_R_NOT_REPLACING_CERTIFICATE`. 1 or 0.
/// Status: partial — a NULL `privatekey` (OpenSSL then uses the certificate's public key, for
/// keys kept in hardware) fails with `ERR_R_UNSUPPORTED`.
#[no_mangle]
pub extern "C" fn SSL_CTX_use_cert_and_key(
    ctx: *mut SSL_CTX,
    x509: *mut X509,
    privatekey: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
    r#override: c_int,
) -> c_int {
    one_or_zero(|| use_cert_and_key(Target::ctx(ctx), x509, privatekey, chain, r#override))
}

/// `SSL_CTX_get0_certificate(3)`: the certificate of the current slot (the object given to
/// `SSL_CTX_use_certificate`, or one made once and owned by the context), or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_certificate(ctx: *const SSL_CTX) -> *mut X509 {
    call(core::ptr::null_mut(), || Target::ctx(ctx)?.certificate())
}

/// `SSL_CTX_get0_privatekey(3)`: the private key of the current slot (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_privatekey(ctx: *const SSL_CTX) -> *mut EVP_PKEY {
    call(core::ptr::null_mut(), || Target::ctx(ctx)?.private_key())
}

// ---------------------------------------------------------------------------------------------
// Exports: SSL

/// `SSL_use_certificate(3)`: as `SSL_CTX_use_certificate`, for this connection only (from then
/// on it has its own certificates and keys, starting from a copy of its context's).
#[no_mangle]
pub extern "C" fn SSL_use_certificate(ssl: *mut SSL, x: *mut X509) -> c_int {
    one_or_zero(|| use_certificate(Target::ssl(ssl), x, "SSL_use_certificate"))
}

/// `SSL_use_PrivateKey(3)`: as `SSL_CTX_use_PrivateKey`, for this connection.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey(ssl: *mut SSL, pkey: *mut EVP_PKEY) -> c_int {
    one_or_zero(|| use_private_key(Target::ssl(ssl), pkey, "SSL_use_PrivateKey"))
}

/// `SSL_use_certificate_ASN1(3)`: as `SSL_CTX_use_certificate_ASN1`, for this connection.
#[no_mangle]
pub extern "C" fn SSL_use_certificate_ASN1(ssl: *mut SSL, d: *const c_uchar, len: c_int) -> c_int {
    one_or_zero(|| use_certificate_asn1(Target::ssl(ssl), d, len, "SSL_use_certificate_ASN1"))
}

/// `SSL_use_PrivateKey_ASN1(3)`: as `SSL_CTX_use_PrivateKey_ASN1`, for this connection.
#[no_mangle]
pub extern "C" fn SSL_use_PrivateKey_ASN1(
    pk: c_int,
    ssl: *mut SSL,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    one_or_zero(|| use_private_key_asn1(Target::ssl(ssl), pk, d, len, "SSL_use_PrivateKey_ASN1"))
}

/// `SSL_use_RSAPrivateKey(3)`: as `SSL_CTX_use_RSAPrivateKey`, for this connection.
/// Status: partial — natively (no `RSA` objects) a non-NULL `rsa` fails with `ERR_R_UNSUPPORTED`.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey(ssl: *mut SSL, rsa: *mut RSA) -> c_int {
    one_or_zero(|| {
        let t = Target::ssl(ssl)?;
        t.use_key(
            rsa_der(rsa, "SSL_use_RSAPrivateKey")?,
            core::ptr::null_mut(),
        )
    })
}

/// `SSL_use_RSAPrivateKey_ASN1(3)`: as `SSL_CTX_use_RSAPrivateKey_ASN1`, for this connection.
#[no_mangle]
pub extern "C" fn SSL_use_RSAPrivateKey_ASN1(
    ssl: *mut SSL,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    one_or_zero(|| use_rsa_asn1(Target::ssl(ssl), d, len, "SSL_use_RSAPrivateKey_ASN1"))
}

/// `SSL_use_cert_and_key(3)`: as `SSL_CTX_use_cert_and_key`, for this connection.
/// Status: partial — a NULL `privatekey` fails with `ERR_R_UNSUPPORTED`.
#[no_mangle]
pub extern "C" fn SSL_use_cert_and_key(
    ssl: *mut SSL,
    x509: *mut X509,
    privatekey: *mut EVP_PKEY,
    chain: *mut stack_st_X509,
    r#override: c_int,
) -> c_int {
    one_or_zero(|| use_cert_and_key(Target::ssl(ssl), x509, privatekey, chain, r#override))
}

/// `SSL_check_private_key(3)`: 1 if the connection's certificate and key are set and match;
/// else 0 with `SSL_R_NO_CERTIFICATE_ASSIGNED`, `SSL_R_NO_PRIVATE_KEY_ASSIGNED` or X509
/// `key values mismatch`.
#[no_mangle]
pub extern "C" fn SSL_check_private_key(ssl: *const SSL) -> c_int {
    one_or_zero(|| Target::ssl(ssl)?.read(|c| c.check("SSL_check_private_key"))?)
}

/// `SSL_certs_clear(3)`: removes the connection's certificates and keys (its context keeps
/// its own).
#[no_mangle]
pub extern "C" fn SSL_certs_clear(s: *mut SSL) {
    void(|| {
        let o = obj(s)?;
        conn_of(o)?.own_creds = Some(Credentials::default());
        lock(&o.certs.objs).retain(&[], &[]);
        Ok(())
    })
}

/// `SSL_get_certificate(3)`: the certificate of the connection's current slot (borrowed;
/// while the connection uses its context's, the same object `SSL_CTX_get0_certificate`
/// returns), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_certificate(ssl: *const SSL) -> *mut X509 {
    call(core::ptr::null_mut(), || Target::ssl(ssl)?.certificate())
}

/// `SSL_get_privatekey(3)`: the connection's current private key (borrowed), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get_privatekey(ssl: *const SSL) -> *mut EVP_PKEY {
    call(core::ptr::null_mut(), || Target::ssl(ssl)?.private_key())
}

// ---------------------------------------------------------------------------------------------
// The peer's certificates

/// Makes `cache` hold a stack of the objects for `ders` (reusing it when they are the same).
fn cached_stack(
    objs: &mut Objs,
    cache: &mut CachedStack,
    ders: Option<Vec<Vec<u8>>>,
) -> Result<StackPtr> {
    if cache.ders == ders {
        return Ok(cache.stack);
    }
    let mut stack = 0;
    if let Some(list) = &ders {
        let st = super::stack::OPENSSL_sk_new_null();
        if st.is_null() {
            return Err(Error::ssl(
                common::MALLOC_FAILURE,
                "SSL_get_peer_cert_chain",
            ));
        }
        for d in list {
            match objs.cert_or_make(d) {
                Ok(x) => {
                    super::stack::OPENSSL_sk_push(st, x as *const c_void);
                }
                Err(e) => {
                    super::stack::OPENSSL_sk_free(st);
                    return Err(e);
                }
            }
        }
        stack = st as StackPtr;
    }
    super::stack::OPENSSL_sk_free(core::mem::replace(&mut cache.stack, stack) as *mut OPENSSL_STACK);
    cache.ders = ders;
    Ok(stack)
}

/// What a connection knows of the peer's chain.
struct PeerChain {
    /// The certificates the peer sent, leaf first.
    chain: Option<Vec<Vec<u8>>>,
    server: bool,
    /// A server that asked for a certificate, after the handshake.
    asked: bool,
}

/// The chain the peer sent, leaf first, and whether this side is the server.
fn peer_chain(o: &SslObj) -> Result<PeerChain> {
    let c = conn_of(o)?;
    let server = c.is_server();
    let chain = c
        .peer_chain()
        .map(|v| v.iter().map(|d| d.to_vec()).collect::<Vec<_>>());
    // A server that asked for a certificate and got none has an empty chain.
    let asked = server
        && c.is_init_finished()
        && c.settings.verify_mode & crate::engine::context::verify::PEER != 0;
    Ok(PeerChain {
        chain,
        server,
        asked,
    })
}

/// The path verification took, leaf first, as far as it goes: each certificate's issuer
/// among the peer's certificates, else the trust anchors; up to a self-issued one.
/// After a handshake: the CA-directory certificates that issued the peer's chain go into the
/// context's `X509_STORE` (pass-through mode; `compat::dir_certs_used`).
pub fn note_dir_lookups(o: &SslObj) {
    let Ok(c) = conn_of(o) else { return };
    let Some(chain) = c.peer_chain() else { return };
    let chain: Vec<Vec<u8>> = chain.iter().map(|d| d.to_vec()).collect();
    let ctx = c.ctx.clone();
    drop(c);
    crate::ffi::compat::dir_certs_used(&ctx, &chain);
}

fn verified_path(chain: &[Vec<u8>], trust: &[CertificateDer<'static>]) -> Vec<Vec<u8>> {
    use crate::crypto::x509::Certificate;
    let parse = |d: &[u8]| Certificate::from_der(CertificateDer::from(d.to_vec())).ok();
    let mut out: Vec<Vec<u8>> = Vec::new();
    let Some(mut cur) = chain.first().and_then(|d| parse(d)) else {
        return out;
    };
    out.push(chain[0].clone());
    let pool: Vec<Vec<u8>> = chain[1..]
        .iter()
        .cloned()
        .chain(trust.iter().map(|t| t.to_vec()))
        .collect();
    while !cur.is_self_issued() && out.len() < 16 {
        let next = pool.iter().find(|d| {
            !out.contains(d) && parse(d).is_some_and(|c| c.subject().matches(cur.issuer()))
        });
        let Some(d) = next else { break };
        let Some(c) = parse(d) else { break };
        out.push(d.clone());
        cur = c;
    }
    out
}

/// `SSL_get0_peer_certificate(3)`: the peer's certificate, borrowed from the connection (on a
/// client the first element of `SSL_get_peer_cert_chain`), or NULL.
#[no_mangle]
pub extern "C" fn SSL_get0_peer_certificate(s: *const SSL) -> *mut X509 {
    call(core::ptr::null_mut(), || peer_certificate(s))
}

/// The peer's leaf object, kept by the connection.
pub fn peer_certificate(s: *const SSL) -> Result<*mut X509> {
    let o = obj(s)?;
    let Some(der) = conn_of(o)?.peer_certificate() else {
        return Ok(core::ptr::null_mut());
    };
    lock(&o.certs.peer).objs.cert_or_make(&der)
}

/// `SSL_get_peer_cert_chain(3)`: the certificates the peer sent, owned by the connection: on
/// a client the server's leaf first, on a server without the client's leaf (empty when the
/// server asked and the client sent none). NULL before a handshake.
#[no_mangle]
pub extern "C" fn SSL_get_peer_cert_chain(s: *const SSL) -> *mut stack_st_X509 {
    call(core::ptr::null_mut(), || {
        let o = obj(s)?;
        let PeerChain {
            chain,
            server,
            asked,
        } = peer_chain(o)?;
        let ders = match (chain, server) {
            (Some(c), false) => Some(c),
            (Some(c), true) => Some(c.into_iter().skip(1).collect()),
            (None, true) if asked => Some(Vec::new()),
            (None, _) => None,
        };
        let mut peer = lock(&o.certs.peer);
        let p = &mut *peer;
        Ok(cached_stack(&mut p.objs, &mut p.chain, ders)? as *mut stack_st_X509)
    })
}

/// `SSL_get0_verified_chain(3)`: the chain verification built, leaf first and ending with the
/// trust anchor, owned by the connection; NULL when the peer sent no certificate.
/// Status: partial — the path is rebuilt by issuer/subject names from the peer's certificates
/// and the trust anchors (the one rustls verified in all ordinary cases).
#[no_mangle]
pub extern "C" fn SSL_get0_verified_chain(s: *const SSL) -> *mut stack_st_X509 {
    call(core::ptr::null_mut(), || {
        let o = obj(s)?;
        let chain = peer_chain(o)?.chain;
        let ders = match chain {
            Some(c) if !c.is_empty() => {
                let trust = conn_of(o)?.ctx.with(|cfg| cfg.trust.clone());
                Some(verified_path(&c, &trust))
            }
            _ => None,
        };
        let mut peer = lock(&o.certs.peer);
        let p = &mut *peer;
        Ok(cached_stack(&mut p.objs, &mut p.verified, ders)? as *mut stack_st_X509)
    })
}

// ---------------------------------------------------------------------------------------------
// Certificate callbacks

/// `SSL_CTX_set_cert_cb(3)`: called on a server after the ClientHello callbacks (client hello,
/// servername) with the connection's state to adjust (typically `SSL_use_certificate` /
/// `SSL_use_PrivateKey` on it). 1 continues; 0 fails the handshake
/// (`SSL_R_CERT_CB_ERROR`, internal_error alert). Connections made afterwards get it.
/// Status: partial — on a client it is recorded and never called (rustls picks the client
/// certificate inside the handshake); on a server a negative return (retry) fails like 0, and it
/// also runs for resumed handshakes and before ALPN selection in TLS 1.3.
#[no_mangle]
pub extern "C" fn SSL_CTX_set_cert_cb(c: *mut SSL_CTX, cb: SslCertCb, arg: *mut c_void) {
    void(|| {
        *lock(&ctx_of(c)?.1.certs.cert_cb) = (cb, arg as usize);
        Ok(())
    })
}

/// `SSL_set_cert_cb(3)`: as `SSL_CTX_set_cert_cb`, for this connection.
/// Status: partial — as `SSL_CTX_set_cert_cb`.
#[no_mangle]
pub extern "C" fn SSL_set_cert_cb(s: *mut SSL, cb: SslCertCb, arg: *mut c_void) {
    void(|| {
        *lock(&obj(s)?.certs.cert_cb) = (cb, arg as usize);
        Ok(())
    })
}

/// `SSL_CTX_set_client_cert_cb(3)`: called when a server asks for a certificate and the client
/// has none configured; a return of 1 with a certificate and key in `*x509`/`*pkey` sends them
/// (sslrs then frees both, as OpenSSL does), 0 goes on without one.
/// Status: partial — a negative return (OpenSSL's `SSL_ERROR_WANT_X509_LOOKUP` suspension)
/// counts as 0; the callback runs inside the handshake step ("SSL busy" for state getters).
#[no_mangle]
pub extern "C" fn SSL_CTX_set_client_cert_cb(ctx: *mut SSL_CTX, client_cert_cb: SslClientCertCb) {
    void(|| {
        *lock(&ctx_of(ctx)?.1.certs.client_cert_cb) = client_cert_cb;
        Ok(())
    })
}

/// `SSL_CTX_get_client_cert_cb(3)`: what `SSL_CTX_set_client_cert_cb` set (NULL by default).
#[no_mangle]
pub extern "C" fn SSL_CTX_get_client_cert_cb(ctx: *mut SSL_CTX) -> SslClientCertCb {
    call(None, || Ok(*lock(&ctx_of(ctx)?.1.certs.client_cert_cb)))
}

/// The program's client certificate callback, as the engine asks it.
struct FfiClientCert {
    ssl: usize,
    f: unsafe extern "C" fn(*mut SSL, *mut *mut X509, *mut *mut EVP_PKEY) -> c_int,
}

impl crate::engine::verify::ClientCertCallback for FfiClientCert {
    fn call(&self) -> Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
        let (mut x, mut k) = (core::ptr::null_mut(), core::ptr::null_mut());
        // SAFETY: the application's callback with OpenSSL's arguments.
        let r = unsafe { (self.f)(self.ssl as *mut SSL, &mut x, &mut k) };
        let got = (r == 1 && !x.is_null() && !k.is_null())
            .then(|| {
                let cert = cert_der(x, "tls_prepare_client_certificate").ok()?;
                let key = key_der(k, "tls_prepare_client_certificate").ok()?;
                Some((vec![CertificateDer::from(cert)], key))
            })
            .flatten();
        if !x.is_null() {
            super::x509::X509_free(x);
        }
        if !k.is_null() {
            super::evp::EVP_PKEY_free(k);
        }
        got
    }
}

/// Before each operation: the engine gets the context's client certificate callback.
pub fn install_client_cert_cb(ssl: *const SSL, c: &mut crate::engine::conn::Conn) {
    let f = ctx_app(&c.ctx).and_then(|a| *lock(&a.certs.client_cert_cb));
    c.client_cert_callback = f.map(|f| {
        std::sync::Arc::new(FfiClientCert {
            ssl: ssl as usize,
            f,
        }) as std::sync::Arc<dyn crate::engine::verify::ClientCertCallback>
    });
}

/// True when the connection has a certificate callback (the server then stops after the
/// ClientHello to run it).
pub fn has_cert_cb(o: &SslObj) -> bool {
    lock(&o.certs.cert_cb).0.is_some()
}

/// Runs the connection's certificate callback (server, ClientHello stage, unlocked). Returns
/// the error and alert that end the handshake when it refuses.
pub fn run_cert_cb(ssl: *mut SSL, o: &SslObj) -> Option<(Error, u8)> {
    let (cb, arg) = *lock(&o.certs.cert_cb);
    let f = cb?;
    // SAFETY: the application's callback with OpenSSL's arguments.
    let r = unsafe { f(ssl, arg as *mut c_void) };
    (r <= 0).then(|| {
        (
            Error::ssl(ssl_r::CERT_CB_ERROR, "tls_post_process_client_hello"),
            80,
        )
    })
}

/// `SSL_set_SSL_CTX`: the connection takes the new context's certificates, keys and
/// certificate callback, as OpenSSL replaces the connection's copy.
pub fn ctx_switched(o: &SslObj, ctx: &Context) {
    if let Some(a) = ctx_app(ctx) {
        *lock(&o.certs.cert_cb) = *lock(&a.certs.cert_cb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{null, null_mut};

    #[test]
    fn nulls() {
        crate::crypto::err::clear();
        assert_eq!(SSL_CTX_use_certificate(null_mut(), null_mut()), 0);
        assert_eq!(SSL_CTX_use_PrivateKey(null_mut(), null_mut()), 0);
        assert_eq!(SSL_use_certificate(null_mut(), null_mut()), 0);
        assert_eq!(SSL_check_private_key(null()), 0);
        assert!(SSL_CTX_get0_certificate(null()).is_null());
        assert!(SSL_get_certificate(null()).is_null());
        assert!(SSL_get_peer_cert_chain(null()).is_null());
        assert!(SSL_get0_verified_chain(null()).is_null());
        assert!(SSL_get0_peer_certificate(null()).is_null());
        SSL_certs_clear(null_mut());
        SSL_CTX_set_cert_cb(null_mut(), None, null_mut());
        assert!(SSL_CTX_get_client_cert_cb(null_mut()).is_none());
        crate::crypto::err::clear();
    }
}
