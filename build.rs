//! Build script for sslrs: the exported-symbol list, the version script, the C shims and the
//! generated C headers.
//!
//! 1. Symbols. Scans `src/ffi/**/*.rs` for `#[no_mangle]` + `pub [unsafe] extern "C" fn NAME` (and
//!    `pub static NAME`), and `ffi-shim/*.c` for non-static function definitions. The sorted
//!    union is written to `ffi-shim/symbols.txt` (committed; rewritten only when it changes) and
//!    becomes the version script `$OUT_DIR/sslrs.map`: every export in node `OPENSSL_3.0.0`,
//!    nothing else exported. The SONAME is `libsslrs.so.3`.
//! 2. Linker. rustc passes its own version script too; `ffi-shim/linker-wrapper` (configured in
//!    `.cargo/config.toml`) drops it when ours is present. This script fails loudly on
//!    x86_64-unknown-linux-gnu when the wrapper is not the linker (cargo run from outside the
//!    repository does not read `.cargo/config.toml`).
//! 3. C shims. Every `ffi-shim/*.c` is compiled with `cc -Wall -Wextra -Werror -fPIC` into
//!    `libsslrs_shim.a`, linked whole-archive.
//! 4. Headers (committed, rewritten only when they change), all under `include/openssl/`:
//!    - `sslrs_decls.h`: cbindgen output for `src/ffi/` (functions, type aliases, structs) after
//!      the OpenSSL opaque typedefs (`ffi-shim/openssl-types.txt`) and function-type typedefs,
//!      plus prototypes for C-shim functions that no macro fragment declares. No `#define`s, so a
//!      C file can include it after the system OpenSSL headers (the drift check in tests/).
//!    - `sslrs_consts.h`: cbindgen output for the `pub const`s of `src/ffi/`: `#define`s only.
//!    - `<family>.h` (ssl.h, err.h, bio.h, ...): includes both, the headers OpenSSL's `<family>.h`
//!      pulls in (`ffi-shim/openssl-includes.txt`), then `ffi-shim/macros/<family>.h` verbatim.
//!      One exists for every fragment and for each name in `FAMILIES`.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Headers generated even without a macro fragment.
const FAMILIES: &[&str] = &[
    "bio",
    "bioerr",
    "crypto",
    "e_os2",
    "err",
    "evp",
    "opensslconf",
    "opensslv",
    "ossl_typ",
    "pem",
    "ssl",
    "ssl3",
    "sslerr",
    "tls1",
    "types",
    "x509",
    "x509_vfy",
    "x509v3",
];

/// Headers for which sslrs has no declarations of its own: when OpenSSL 3's headers are
/// installed, ours hands over to the system's (`#include_next`), which includes our others.
const SYSTEM_FIRST: &[&str] = &["pem", "x509v3"];

/// OpenSSL's function-type (not pointer) typedefs. Rust spells them as `Option<extern fn>`
/// aliases; in C they are written here and every use is renamed to `NAME *`, as OpenSSL writes.
const FUNCTION_TYPEDEFS: &[(&str, &str)] = &[
    ("pem_password_cb", "typedef int pem_password_cb(char *buf, int size, int rwflag, void *userdata);"),
    ("BIO_info_cb", "typedef int BIO_info_cb(BIO *, int, int);"),
    ("bio_info_cb", "typedef BIO_info_cb bio_info_cb;"),
    ("CRYPTO_EX_new", "typedef void CRYPTO_EX_new(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp);"),
    ("CRYPTO_EX_free", "typedef void CRYPTO_EX_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp);"),
    ("CRYPTO_EX_dup", "typedef int CRYPTO_EX_dup(CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from, void **from_d, int idx, long argl, void *argp);"),
    ("EVP_PKEY_gen_cb", "typedef int EVP_PKEY_gen_cb(EVP_PKEY_CTX *ctx);"),
];

/// Complete types that OpenSSL's headers define (not opaque): written here as OpenSSL writes them,
/// inside `#ifndef SSLRS_SYSTEM_OPENSSL_TYPES` so that the drift check can take the system's.
/// The Rust side uses an ABI-identical alias or `#[repr(C)]` struct of the same name.
const COMPLETE_TYPES: &[(&str, &str)] = &[
    (
        "OSSL_HANDSHAKE_STATE",
        "typedef enum {\n    TLS_ST_BEFORE, TLS_ST_OK, DTLS_ST_CR_HELLO_VERIFY_REQUEST, TLS_ST_CR_SRVR_HELLO,\n    \
         TLS_ST_CR_CERT, TLS_ST_CR_CERT_STATUS, TLS_ST_CR_KEY_EXCH, TLS_ST_CR_CERT_REQ,\n    \
         TLS_ST_CR_SRVR_DONE, TLS_ST_CR_SESSION_TICKET, TLS_ST_CR_CHANGE, TLS_ST_CR_FINISHED,\n    \
         TLS_ST_CW_CLNT_HELLO, TLS_ST_CW_CERT, TLS_ST_CW_KEY_EXCH, TLS_ST_CW_CERT_VRFY,\n    \
         TLS_ST_CW_CHANGE, TLS_ST_CW_NEXT_PROTO, TLS_ST_CW_FINISHED, TLS_ST_SW_HELLO_REQ,\n    \
         TLS_ST_SR_CLNT_HELLO, DTLS_ST_SW_HELLO_VERIFY_REQUEST, TLS_ST_SW_SRVR_HELLO, TLS_ST_SW_CERT,\n    \
         TLS_ST_SW_KEY_EXCH, TLS_ST_SW_CERT_REQ, TLS_ST_SW_SRVR_DONE, TLS_ST_SR_CERT,\n    \
         TLS_ST_SR_KEY_EXCH, TLS_ST_SR_CERT_VRFY, TLS_ST_SR_NEXT_PROTO, TLS_ST_SR_CHANGE,\n    \
         TLS_ST_SR_FINISHED, TLS_ST_SW_SESSION_TICKET, TLS_ST_SW_CERT_STATUS, TLS_ST_SW_CHANGE,\n    \
         TLS_ST_SW_FINISHED, TLS_ST_SW_ENCRYPTED_EXTENSIONS, TLS_ST_CR_ENCRYPTED_EXTENSIONS,\n    \
         TLS_ST_CR_CERT_VRFY, TLS_ST_SW_CERT_VRFY, TLS_ST_CR_HELLO_REQ, TLS_ST_SW_KEY_UPDATE,\n    \
         TLS_ST_CW_KEY_UPDATE, TLS_ST_SR_KEY_UPDATE, TLS_ST_CR_KEY_UPDATE, TLS_ST_EARLY_DATA,\n    \
         TLS_ST_PENDING_EARLY_DATA_END, TLS_ST_CW_END_OF_EARLY_DATA, TLS_ST_SR_END_OF_EARLY_DATA\n\
         } OSSL_HANDSHAKE_STATE;",
    ),
    // Declared only (a union in OpenSSL; OpenSSL's headers complete the struct).
    ("BIO_ADDR", "typedef union bio_addr_st BIO_ADDR;"),
    // An enum tag, not a typedef: prototypes name it `enum BIO_lookup_type` (see the rename).
    (
        "BIO_lookup_type",
        "enum BIO_lookup_type {\n    BIO_LOOKUP_CLIENT,\n    BIO_LOOKUP_SERVER\n};",
    ),
    (
        "BIO_hostserv_priorities",
        "enum BIO_hostserv_priorities {\n    BIO_PARSE_PRIO_HOST,\n    BIO_PARSE_PRIO_SERV\n};",
    ),
    (
        "SRTP_PROTECTION_PROFILE",
        "typedef struct srtp_protection_profile_st SRTP_PROTECTION_PROFILE;",
    ),
    (
        "ERR_STRING_DATA",
        "typedef struct ERR_string_data_st {\n    unsigned long error;\n    const char *string;\n} ERR_STRING_DATA;",
    ),
];

const WRAPPER: &str = "ffi-shim/linker-wrapper";
const VERSION_NODE: &str = "OPENSSL_3.0.0";
const SONAME: &str = "libsslrs.so.3";

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));

    for p in [
        "build.rs",
        "cbindgen.toml",
        "src/ffi",
        "ffi-shim/macros",
        "ffi-shim/openssl-types.txt",
        "ffi-shim/openssl-includes.txt",
        "ffi-shim/libssl_stubs.h",
        WRAPPER,
    ] {
        println!("cargo:rerun-if-changed={p}");
    }
    let c_files = shim_sources(&root.join("ffi-shim"));
    for c in &c_files {
        println!("cargo:rerun-if-changed={}", c.display());
    }
    println!("cargo:rerun-if-env-changed=CC");

    let wrapper_ok = check_linker();

    // 1. Symbols.
    let rust_syms = rust_exports(&root.join("src/ffi"));
    let mut c_defs: BTreeMap<String, String> = BTreeMap::new();
    for c in &c_files {
        for (name, proto) in c_definitions(&read(c)) {
            if rust_syms.contains(&name) || c_defs.contains_key(&name) {
                panic!(
                    "sslrs build: symbol {name} is defined twice ({} and elsewhere)",
                    c.display()
                );
            }
            c_defs.insert(name, proto);
        }
    }
    // Clean-failure stubs (ffi-shim/libssl_stubs.c, generated by scripts/gen-stubs.py) are
    // defined through macros: exported, but without a prototype in our headers.
    let stubs = stub_names(&root.join("ffi-shim/libssl_stubs.c"));
    for n in &stubs {
        if rust_syms.contains(n) || c_defs.contains_key(n) {
            panic!(
                "sslrs build: {n} is implemented now and still stubbed in ffi-shim/libssl_stubs.c: \
                 run scripts/gen-stubs.py"
            );
        }
    }
    let all: BTreeSet<&String> = rust_syms
        .iter()
        .chain(c_defs.keys())
        .chain(stubs.iter())
        .collect();
    let mut list = String::new();
    for s in &all {
        list.push_str(s);
        list.push('\n');
    }
    write_if_changed(&root.join("ffi-shim/symbols.txt"), &list);

    let mut map = format!("{VERSION_NODE} {{\n");
    if !all.is_empty() {
        map.push_str("  global:\n");
        for s in &all {
            let _ = writeln!(map, "    {s};");
        }
    }
    map.push_str("  local:\n    *;\n};\n");
    let map_path = out.join("sslrs.map");
    fs::write(&map_path, map).expect("write sslrs.map");

    // 2. Link arguments (cdylib only; test executables link as usual).
    if wrapper_ok {
        println!(
            "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
            map_path.display()
        );
    }
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{SONAME}");

    // 3. C shims.
    compile_shims(&c_files, &out);

    // 4. Headers.
    generate_headers(&root, &out, &c_defs);
}

/// True when the linker wrapper is in effect; panics on x86_64 Linux when it is not.
fn check_linker() -> bool {
    let target = env::var("TARGET").unwrap_or_default();
    let linker = env::var("RUSTC_LINKER").unwrap_or_default();
    if linker.ends_with(WRAPPER) || linker.ends_with("linker-wrapper") {
        return true;
    }
    if target == "x86_64-unknown-linux-gnu" && env::var_os("SSLRS_ALLOW_UNVERSIONED").is_none() {
        panic!(
            "\n\nsslrs build: the linker wrapper is not in effect (RUSTC_LINKER={linker:?}).\n\
             Without it every export loses its OPENSSL_3.0.0 version. Run cargo from inside the\n\
             repository (it reads .cargo/config.toml only from the current directory upwards), or\n\
             set CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=<repo>/{WRAPPER}.\n\
             (SSLRS_ALLOW_UNVERSIONED=1 builds anyway, with unversioned symbols.)\n"
        );
    }
    println!(
        "cargo:warning=sslrs: linker wrapper not in effect; exported symbols will be unversioned"
    );
    false
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("sslrs build: read {}: {e}", p.display()))
}

fn write_if_changed(p: &Path, content: &str) {
    if fs::read_to_string(p).ok().as_deref() == Some(content) {
        return;
    }
    if let Some(dir) = p.parent() {
        fs::create_dir_all(dir).expect("create dir");
    }
    fs::write(p, content).unwrap_or_else(|e| panic!("sslrs build: write {}: {e}", p.display()));
}

/// The functions `ffi-shim/libssl_stubs.c` defines with its `SSLRS_STUB_*(name);` lines.
fn stub_names(path: &Path) -> Vec<String> {
    let Ok(src) = fs::read_to_string(path) else {
        return Vec::new();
    };
    src.lines()
        .filter_map(|l| l.strip_prefix("SSLRS_STUB_"))
        .filter_map(|l| {
            let open = l.find('(')?;
            let rest = &l[open + 1..];
            let end = rest.find([',', ')'])?;
            Some(rest[..end].trim().to_string())
        })
        .collect()
}

fn shim_sources(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "c"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn rs_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, acc);
        } else if p.extension().is_some_and(|x| x == "rs") {
            acc.push(p);
        }
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// `#[no_mangle]` items in the Rust sources: `pub [unsafe] extern "C" fn NAME` and `pub static NAME`.
fn rust_exports(dir: &Path) -> BTreeSet<String> {
    let mut files = Vec::new();
    rs_files(dir, &mut files);
    files.sort();
    let mut out = BTreeSet::new();
    for f in files {
        let text = read(&f);
        let mut pending = false;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t == "#[no_mangle]" || t == "#[unsafe(no_mangle)]" {
                pending = true;
                continue;
            }
            if !pending
                || t.is_empty()
                || t.starts_with("///")
                || t.starts_with("//")
                || t.starts_with("#[")
            {
                continue;
            }
            pending = false;
            let name = t
                .strip_prefix("pub ")
                .map(|r| r.strip_prefix("unsafe ").unwrap_or(r))
                .and_then(|r| {
                    r.strip_prefix("extern \"C\" fn ")
                        .or_else(|| r.strip_prefix("static "))
                })
                .map(|r| r.strip_prefix("mut ").unwrap_or(r))
                .map(|r| {
                    r.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("")
                });
            match name {
                Some(n) if is_ident(n) => {
                    out.insert(n.to_string());
                }
                _ => panic!(
                    "sslrs build: {}:{}: #[no_mangle] must be followed by a literal \
                     `pub extern \"C\" fn NAME` (or `pub static NAME`), found: {t}",
                    f.display(),
                    i + 1
                ),
            }
        }
    }
    out
}

/// Removes comments, string/char literals and preprocessor lines from C source.
fn strip_c(src: &str) -> String {
    let b = src.as_bytes();
    let mut o = String::with_capacity(src.len());
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if line_start && c == b'#' {
            // Preprocessor directive, with continuations.
            while i < b.len() && b[i] != b'\n' {
                if b[i] == b'\\' && i + 1 < b.len() && b[i + 1] == b'\n' {
                    i += 1;
                }
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            o.push(' ');
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            o.push('0');
            continue;
        }
        if c == b'\n' {
            line_start = true;
        } else if !c.is_ascii_whitespace() {
            line_start = false;
        }
        o.push(c as char);
        i += 1;
    }
    o
}

/// Removes `__attribute__((...))` groups.
fn strip_attributes(s: &str) -> String {
    let mut s = s.to_string();
    while let Some(pos) = s.find("__attribute__") {
        let rest = &s[pos..];
        let Some(open) = rest.find('(') else { break };
        let mut depth = 0;
        let mut end = rest.len();
        for (j, ch) in rest[open..].char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        s.replace_range(pos..pos + end, " ");
    }
    s
}

/// Non-static function definitions in a C file: (name, prototype text).
fn c_definitions(src: &str) -> Vec<(String, String)> {
    let code = strip_c(src);
    let mut defs = Vec::new();
    let mut depth = 0usize;
    let mut chunk = String::new();
    for ch in code.chars() {
        match ch {
            '{' => {
                if depth == 0 {
                    if let Some(d) = c_function_head(&chunk) {
                        defs.push(d);
                    }
                    chunk.clear();
                }
                depth += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    chunk.clear();
                }
            }
            ';' if depth == 0 => chunk.clear(),
            _ if depth == 0 => chunk.push(ch),
            _ => {}
        }
    }
    defs
}

fn c_function_head(chunk: &str) -> Option<(String, String)> {
    let head = strip_attributes(chunk);
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = head
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if matches!(first, "static" | "typedef" | "struct" | "union" | "enum") && !head.contains('(') {
        return None;
    }
    if first == "static" || first == "typedef" || head.contains('=') {
        return None;
    }
    let paren = head.find('(')?;
    let name = head[..paren]
        .trim_end()
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if !is_ident(name) {
        return None;
    }
    Some((name.to_string(), format!("{head};")))
}

fn compile_shims(c_files: &[PathBuf], out: &Path) {
    if c_files.is_empty() {
        return;
    }
    let cc = env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let objdir = out.join("shim");
    let _ = fs::remove_dir_all(&objdir);
    fs::create_dir_all(&objdir).expect("create shim dir");
    let mut objs = Vec::new();
    for c in c_files {
        let o = objdir.join(c.file_stem().unwrap()).with_extension("o");
        let status = Command::new(&cc)
            .args([
                "-std=c11",
                "-D_GNU_SOURCE",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-fPIC",
                "-O2",
                "-g",
                "-c",
            ])
            .arg(c)
            .arg("-o")
            .arg(&o)
            .status()
            .unwrap_or_else(|e| panic!("sslrs build: cannot run {cc}: {e}"));
        if !status.success() {
            panic!("sslrs build: compiling {} failed", c.display());
        }
        objs.push(o);
    }
    let lib = out.join("libsslrs_shim.a");
    let _ = fs::remove_file(&lib);
    let status = Command::new(env::var("AR").unwrap_or_else(|_| "ar".into()))
        .arg("crs")
        .arg(&lib)
        .args(&objs)
        .status()
        .expect("sslrs build: cannot run ar");
    assert!(status.success(), "sslrs build: ar failed");
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static:+whole-archive=sslrs_shim");
}

const GENERATED: &str = "Generated by sslrs build.rs - do not edit.";

fn cbindgen_config(root: &Path) -> cbindgen::Config {
    let p = root.join("cbindgen.toml");
    cbindgen::Config::from_file(&p).unwrap_or_else(|e| panic!("sslrs build: {}: {e}", p.display()))
}

fn run_cbindgen(root: &Path, config: cbindgen::Config) -> String {
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/ffi/mod.rs"))
        .generate()
        .unwrap_or_else(|e| panic!("sslrs build: cbindgen: {e}"));
    let mut buf = Vec::new();
    bindings.write(&mut buf);
    String::from_utf8(buf).expect("cbindgen output is UTF-8")
}

fn generate_headers(root: &Path, out: &Path, c_defs: &BTreeMap<String, String>) {
    let inc = root.join("include/openssl");
    let macros_dir = root.join("ffi-shim/macros");

    // Macro fragments: name -> text.
    let mut fragments: BTreeMap<String, String> = BTreeMap::new();
    if let Ok(rd) = fs::read_dir(&macros_dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "h") {
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                if stem.starts_with("sslrs_") {
                    panic!("sslrs build: fragment name {} is reserved", p.display());
                }
                fragments.insert(stem, read(&p));
            }
        }
    }

    // Opaque typedefs as OpenSSL spells them.
    let mut opaque: Vec<(String, String)> = Vec::new();
    for line in read(&root.join("ffi-shim/openssl-types.txt")).lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        if let (Some(n), Some(t)) = (it.next(), it.next()) {
            opaque.push((n.to_string(), t.to_string()));
        }
    }

    // --- sslrs_decls.h ---
    let mut cfg = cbindgen_config(root);
    let mut after = String::new();
    after.push_str("\n/* OpenSSL's opaque types (ffi-shim/openssl-types.txt). */\n");
    for (n, t) in &opaque {
        let _ = writeln!(after, "typedef struct {t} {n};");
        cfg.export.exclude.push(n.clone());
    }
    after.push_str("\n/* OpenSSL's function-type typedefs. */\n");
    for (n, def) in FUNCTION_TYPEDEFS {
        after.push_str(def);
        after.push('\n');
        cfg.export.exclude.push(n.to_string());
        cfg.export.rename.insert(n.to_string(), format!("{n} *"));
    }
    after.push_str("\n/* OpenSSL's complete types (the drift check takes the system's). */\n");
    after.push_str("#ifndef SSLRS_SYSTEM_OPENSSL_TYPES\n");
    for (n, def) in COMPLETE_TYPES {
        after.push_str(def);
        after.push('\n');
        cfg.export.exclude.push(n.to_string());
        if def.starts_with(&format!("enum {n} ")) {
            cfg.export.rename.insert(n.to_string(), format!("enum {n}"));
        }
    }
    after.push_str("#endif\n");
    if let Some(extra) = &cfg.after_includes {
        after.push_str(extra);
    }
    cfg.after_includes = Some(after);
    cfg.include_guard = Some("SSLRS_DECLS_H".into());
    cfg.header = Some(format!(
        "/* include/openssl/sslrs_decls.h: types and prototypes of sslrs (OpenSSL 3.0 libssl ABI).\n * {GENERATED}\n * No #defines here: see sslrs_consts.h and the per-header macro fragments. */"
    ));
    cfg.export
        .item_types
        .retain(|t| !matches!(t, cbindgen::ItemType::Constants));
    if cfg.export.item_types.is_empty() {
        use cbindgen::ItemType::*;
        cfg.export.item_types = vec![Enums, Structs, Unions, Typedefs, OpaqueItems, Functions];
    }
    let mut decls = run_cbindgen(root, cfg);

    // Prototypes of C-shim functions that no fragment (and no Rust export) declares.
    let all_fragments: String = fragments.values().cloned().collect();
    let missing: Vec<&String> = c_defs
        .iter()
        .filter(|(n, _)| !declares(&all_fragments, n) && !declares(&decls, n))
        .map(|(_, proto)| proto)
        .collect();
    if !missing.is_empty() {
        let mut extra = String::from(
            "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n/* C shims (ffi-shim/NAME.c). */\n",
        );
        for p in missing {
            extra.push_str(p);
            extra.push('\n');
        }
        extra.push_str("\n#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n");
        let guard_end = decls.rfind("#endif").expect("include guard end");
        decls.insert_str(guard_end, &extra);
    }

    // --- sslrs_consts.h ---
    let mut cfg = cbindgen_config(root);
    cfg.export.item_types = vec![cbindgen::ItemType::Constants];
    cfg.include_guard = Some("SSLRS_CONSTS_H".into());
    cfg.after_includes = None;
    cfg.cpp_compat = false;
    cfg.documentation = false;
    cfg.sys_includes = vec!["stdint.h".into()];
    cfg.header = Some(format!(
        "/* include/openssl/sslrs_consts.h: the object-like #defines of sslrs, OpenSSL 3.0's values.\n * {GENERATED} */"
    ));
    let consts = widen_typed_consts(
        &run_cbindgen(root, cfg),
        &rust_const_types(&root.join("src/ffi")),
    );

    // --- family headers ---
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in read(&root.join("ffi-shim/openssl-includes.txt")).lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((h, deps)) = line.split_once(':') {
            graph.insert(
                h.trim().into(),
                deps.split_whitespace().map(String::from).collect(),
            );
        }
    }
    let mut names: BTreeSet<String> = FAMILIES.iter().map(|s| s.to_string()).collect();
    names.extend(fragments.keys().cloned());

    let mut files: BTreeMap<String, String> = BTreeMap::new();
    files.insert("sslrs_decls.h".into(), decls);
    files.insert("sslrs_consts.h".into(), consts);
    for h in &names {
        let up = h.to_uppercase();
        let mut s = String::new();
        let _ = writeln!(
            s,
            "/* include/openssl/{h}.h: sslrs's <openssl/{h}.h>. {GENERATED}"
        );
        let _ = writeln!(
            s,
            " * Declarations: sslrs_decls.h; constants: sslrs_consts.h;"
        );
        match fragments.contains_key(h) {
            true => {
                let _ = writeln!(s, " * macros: ffi-shim/macros/{h}.h (below). */");
            }
            false => {
                let _ = writeln!(s, " * no macro fragment. */");
            }
        }
        if SYSTEM_FIRST.contains(&h.as_str()) {
            // sslrs declares nothing of its own here: with OpenSSL 3's headers on the system,
            // theirs is the complete one (it includes our other headers, same guard).
            let _ = writeln!(
                s,
                "#if defined(__GNUC__)\n#pragma GCC system_header\n#endif\n\
                 #if !defined(SSLRS_NO_SYSTEM_HEADERS) && defined(__has_include_next) && defined(__has_include)\n\
                 #if __has_include(<openssl/core.h>) && __has_include_next(<openssl/{h}.h>)\n\
                 #include <openssl/sslrs_consts.h>\n#include <openssl/sslrs_decls.h>\n\
                 #include_next <openssl/{h}.h>\n#endif\n#endif\n"
            );
        }
        let _ = writeln!(s, "#ifndef OPENSSL_{up}_H\n#define OPENSSL_{up}_H\n#ifndef OPENSSL_NO_DEPRECATED_3_0\n#define HEADER_{up}_H\n#endif\n");
        // Like OpenSSL's headers under /usr/include, ours are system headers: the macros'
        // expansions (e.g. a discarded `(int)BIO_ctrl(...)`) must not warn in user code.
        let _ = writeln!(
            s,
            "#if defined(__GNUC__)\n#pragma GCC system_header\n#endif\n"
        );
        s.push_str("#include <openssl/sslrs_consts.h>\n#include <openssl/sslrs_decls.h>\n");
        if let Some(deps) = graph.get(h) {
            for d in deps.iter().filter(|d| names.contains(*d)) {
                let _ = writeln!(s, "#include <openssl/{d}.h>");
            }
        }
        if let Some(frag) = fragments.get(h) {
            let _ = writeln!(s, "\n/* ---- ffi-shim/macros/{h}.h ---- */");
            s.push_str(frag);
            if !frag.ends_with('\n') {
                s.push('\n');
            }
            let _ = writeln!(s, "/* ---- end of ffi-shim/macros/{h}.h ---- */");
        }
        // The OpenSSL headers that OpenSSL's <h.h> pulls in and sslrs does not ship: when the
        // system has OpenSSL 3's headers, include them last (so a program sees what it would
        // with OpenSSL, and the system's headers that include ours find our definitions
        // complete); without them, or with SSLRS_NO_SYSTEM_HEADERS, sslrs's alone.
        let foreign: Vec<&String> = graph
            .get(h)
            .map(|deps| deps.iter().filter(|d| !names.contains(*d)).collect())
            .unwrap_or_default();
        if !foreign.is_empty() {
            s.push_str("\n#if !defined(SSLRS_NO_SYSTEM_HEADERS) && defined(__has_include)\n");
            s.push_str("#if __has_include(<openssl/core.h>)\n");
            for d in foreign {
                let _ = writeln!(
                    s,
                    "#if __has_include(<openssl/{d}.h>)\n#include <openssl/{d}.h>\n#endif"
                );
            }
            s.push_str("#endif\n#endif\n");
        }
        let _ = writeln!(s, "\n#endif /* OPENSSL_{up}_H */");
        files.insert(format!("{h}.h"), s);
    }

    // Write, and remove generated headers that no longer have a source.
    fs::create_dir_all(&inc).expect("create include/openssl");
    let gen_dir = out.join("include/openssl");
    let _ = fs::remove_dir_all(&gen_dir);
    fs::create_dir_all(&gen_dir).expect("create OUT_DIR/include/openssl");
    for (name, text) in &files {
        write_if_changed(&inc.join(name), text);
        fs::write(gen_dir.join(name), text).expect("write OUT_DIR header");
    }
    if let Ok(rd) = fs::read_dir(&inc) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.ends_with(".h") && !files.contains_key(&n) && read(&e.path()).contains(GENERATED) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Whether `text` declares or defines `name` as a function or macro (`name(` after a non-identifier).
fn declares(text: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = text[from..].find(name) {
        let at = from + pos;
        let before_ok = at == 0 || {
            let c = text.as_bytes()[at - 1];
            !(c.is_ascii_alphanumeric() || c == b'_')
        };
        let after = text[at + name.len()..].trim_start();
        if before_ok && after.starts_with('(') {
            return true;
        }
        from = at + name.len();
    }
    false
}

/// `pub const NAME: TYPE` in `src/ffi/**/*.rs`: name -> type.
fn rust_const_types(dir: &Path) -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rs_files(dir, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        for line in read(&f).lines() {
            let Some(rest) = line.trim().strip_prefix("pub const ") else {
                continue;
            };
            let Some((name, rest)) = rest.split_once(':') else {
                continue;
            };
            let ty = rest.split('=').next().unwrap_or("").trim();
            let ty = ty.rsplit("::").next().unwrap_or(ty).trim();
            out.insert(name.trim().to_string(), ty.to_string());
        }
    }
    out
}

/// Typed constants: cbindgen copies `1 << 40` verbatim (overflowing a C `int`) and drops the type.
/// Literals of `u64`/`i64` constants get a cast, so `1 << 29` becomes
/// `((uint64_t)1 << (uint64_t)29)` as OpenSSL's `SSL_OP_BIT` spells it; `c_uint`/`u32` literals
/// get `U`, `c_long` `L`, `c_ulong` `UL`. So the C type of a macro follows the Rust type.
fn widen_typed_consts(text: &str, types: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let cast = line
            .strip_prefix("#define ")
            .and_then(|r| r.split_whitespace().next())
            .and_then(|name| types.get(name))
            .and_then(|ty| match ty.as_str() {
                "u64" | "c_ulonglong" => Some("(uint64_t)"),
                "i64" | "c_longlong" => Some("(int64_t)"),
                "c_ulong" => Some("UL"),
                "c_long" | "isize" => Some("L"),
                "c_uint" | "u32" => Some("U"),
                _ => None,
            });
        match cast {
            Some(cast) => {
                let rest = &line["#define ".len()..];
                let (name, expr) = rest.split_once(' ').unwrap_or((rest, ""));
                let _ = writeln!(out, "#define {name} {}", cast_literals(expr.trim(), cast));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn cast_literals(expr: &str, cast: &str) -> String {
    let b = expr.as_bytes();
    let mut o = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if c.is_ascii_digit() && !prev_ident {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let lit: String = expr[start..i]
                .trim_end_matches(['u', 'U', 'l', 'L'])
                .to_string();
            if cast.starts_with('(') {
                let _ = write!(o, "{cast}{lit}");
            } else {
                let _ = write!(o, "{lit}{cast}");
            }
        } else {
            o.push(c as char);
            i += 1;
        }
    }
    if is_one_group(&o) {
        o
    } else {
        format!("({o})")
    }
}

/// Whether `s` is one parenthesised group: `(a | b)` but not `(a) | (b)`.
fn is_one_group(s: &str) -> bool {
    if !s.starts_with('(') {
        return false;
    }
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i == s.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}
