//! Checks on the built artefacts: the shared library's exports and versions, and the generated
//! headers (drift against the system OpenSSL 3 headers, self-containedness, constant values).
//!
//! They inspect `target/<profile>/libsslrs.so` of the profile the test was built with, and need
//! `cc`, `c++`, `nm`, `readelf` and the system OpenSSL headers (libssl-dev). Each test prints
//! what it checked (`cargo test --test build_artefacts -- --nocapture` shows it).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>/libsslrs.so` next to this test binary (`target/<profile>/deps/…`).
fn library() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let lib = dir.join("libsslrs.so");
    assert!(lib.exists(), "{} not built", lib.display());
    lib
}

fn scratch(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let dir = exe
        .parent()
        .unwrap()
        .join("sslrs-artefact-checks")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    if !out.status.success() {
        panic!(
            "{cmd:?} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn symbols_txt() -> BTreeSet<String> {
    let text =
        fs::read_to_string(root().join("ffi-shim/symbols.txt")).expect("ffi-shim/symbols.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

fn headers() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(root().join("include/openssl"))
        .expect("include/openssl")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".h"))
        .collect();
    v.sort();
    v
}

#[test]
fn artefact_exports_equal_symbol_list() {
    let lib = library();
    let nm = run(Command::new("nm").args(["-D", "--defined-only"]).arg(&lib));
    let exported: BTreeSet<String> = nm
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|s| s.split('@').next().unwrap().to_string())
        .filter(|s| s != "OPENSSL_3.0.0")
        .collect();
    let listed = symbols_txt();
    let missing: Vec<_> = listed.difference(&exported).collect();
    let extra: Vec<_> = exported.difference(&listed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "ffi-shim/symbols.txt vs nm -D --defined-only {}:\n  listed, not exported: {missing:?}\n  exported, not listed: {extra:?}",
        lib.display()
    );
    println!(
        "exports: {} symbols in ffi-shim/symbols.txt == nm -D --defined-only {}",
        listed.len(),
        lib.display()
    );
}

#[test]
fn artefact_every_export_in_openssl_3_0_0() {
    let lib = library();
    let dynamic = run(Command::new("readelf").args(["-d", "--wide"]).arg(&lib));
    assert!(
        dynamic.contains("Library soname: [libsslrs.so.3]"),
        "SONAME of {} is not libsslrs.so.3:\n{dynamic}",
        lib.display()
    );
    for forbidden in ["libssl.so", "libcrypto.so"] {
        assert!(
            !dynamic.contains(forbidden),
            "{} depends on {forbidden}",
            lib.display()
        );
    }
    let syms = run(Command::new("readelf")
        .args(["--dyn-syms", "--wide"])
        .arg(&lib));
    let mut bad = Vec::new();
    let mut good = 0;
    for line in syms.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        // Num: Value Size Type Bind Vis Ndx Name
        if f.len() < 8 || !f[0].ends_with(':') || f[6] == "UND" || f[6] == "Ndx" {
            continue;
        }
        let name = f[7];
        if name.starts_with("OPENSSL_3.0.0") && f[6] == "ABS" {
            continue; // the version definition itself
        }
        if f[4] == "LOCAL" {
            continue;
        }
        if name.ends_with("@@OPENSSL_3.0.0") {
            good += 1;
        } else {
            bad.push(name.to_string());
        }
    }
    assert!(
        bad.is_empty(),
        "exports of {} without version OPENSSL_3.0.0 (is the linker wrapper in effect?): {bad:?}",
        lib.display()
    );
    let versions = run(Command::new("readelf").args(["-V", "--wide"]).arg(&lib));
    let defs: Vec<&str> = versions
        .lines()
        .skip_while(|l| !l.contains(".gnu.version_d"))
        .take_while(|l| !l.contains(".gnu.version_r"))
        .filter_map(|l| l.split("Name: ").nth(1))
        .map(|n| n.split_whitespace().next().unwrap_or(""))
        .collect();
    let nodes: BTreeSet<&str> = defs
        .iter()
        .copied()
        .filter(|n| !n.starts_with("libsslrs"))
        .collect();
    assert!(
        nodes.iter().all(|n| *n == "OPENSSL_3.0.0"),
        "version definitions other than OPENSSL_3.0.0 in {}: {defs:?}",
        lib.display()
    );
    println!(
        "versions: SONAME libsslrs.so.3, {good} exports all NAME@@OPENSSL_3.0.0, only version node OPENSSL_3.0.0, no libssl/libcrypto dependency"
    );
}

/// System OpenSSL headers and our declarations in one translation unit: any prototype or typedef
/// that differs from OpenSSL 3.0 is a compile error.
#[test]
fn artefact_prototypes_match_system_openssl() {
    let dir = scratch("drift");
    let decls = root().join("include/openssl/sslrs_decls.h");
    let mut src = String::new();
    for h in [
        "ssl", "err", "bio", "pem", "x509", "x509_vfy", "x509v3", "evp", "crypto", "tls1", "ssl3",
        "opensslv", "sslerr", "bioerr",
    ] {
        let _ = writeln!(src, "#include <openssl/{h}.h>");
    }
    // The few complete types OpenSSL's headers define (enums, public structs) come from the
    // system headers here; ours are checked against them through every prototype that uses them.
    let _ = writeln!(src, "#define SSLRS_SYSTEM_OPENSSL_TYPES 1");
    let _ = writeln!(src, "#include \"{}\"", decls.display());
    src.push_str("int main(void) { return 0; }\n");
    let c = dir.join("drift.c");
    fs::write(&c, &src).unwrap();
    run(Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
        .arg(&c));
    let cpp = dir.join("drift.cpp");
    fs::write(&cpp, &src).unwrap();
    run(Command::new("c++")
        .args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
        .arg(&cpp));
    let n = fs::read_to_string(&decls)
        .unwrap()
        .lines()
        .filter(|l| l.contains('(') && l.ends_with(");"))
        .count();
    println!("drift: system <openssl/*.h> + include/openssl/sslrs_decls.h (~{n} prototypes) compile together as C11 and C++17 with -Werror");
}

/// Each generated header compiles on its own (C11 -Wpedantic, C++17), and together they declare
/// every symbol in ffi-shim/symbols.txt.
#[test]
fn artefact_headers_self_contained_and_complete() {
    let dir = scratch("selfcontained");
    let inc = root().join("include");
    let hs = headers();
    for h in &hs {
        let src = format!(
            "#include <openssl/{h}>\n#include <openssl/{h}>\nint main(void) {{ return 0; }}\n"
        );
        let c = dir.join("one.c");
        fs::write(&c, &src).unwrap();
        run(Command::new("cc")
            .args([
                "-std=c11",
                "-Wall",
                "-Wextra",
                "-Wpedantic",
                "-Werror",
                "-fsyntax-only",
                "-I",
            ])
            .arg(&inc)
            .arg(&c));
        let cpp = dir.join("one.cpp");
        fs::write(&cpp, &src).unwrap();
        run(Command::new("c++")
            .args([
                "-std=c++17",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-fsyntax-only",
                "-I",
            ])
            .arg(&inc)
            .arg(&cpp));
    }
    // The clean-failure stubs (ffi-shim/libssl_stubs.c) are exported without prototypes: a
    // relinked program calling one fails to compile instead of failing at run time.
    let stubs: BTreeSet<String> = fs::read_to_string(root().join("ffi-shim/libssl_stubs.c"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("SSLRS_STUB_"))
        .filter_map(|l| {
            let rest = &l[l.find('(')? + 1..];
            Some(rest[..rest.find([',', ')'])?].trim().to_string())
        })
        .collect();
    let syms: BTreeSet<String> = symbols_txt().difference(&stubs).cloned().collect();
    let mut src = String::new();
    for h in &hs {
        let _ = writeln!(src, "#include <openssl/{h}>");
    }
    src.push_str("typedef void (*any_fn)(void);\nstatic const any_fn all[] = {\n    (any_fn)0,\n");
    for s in &syms {
        let _ = writeln!(src, "    (any_fn){s},");
    }
    src.push_str("};\nint main(void) { return all[0] != 0; }\n");
    let c = dir.join("complete.c");
    fs::write(&c, &src).unwrap();
    run(Command::new("cc")
        .args([
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-Wno-cast-function-type",
            "-DSSLRS_NO_SYSTEM_HEADERS",
            "-fsyntax-only",
            "-I",
        ])
        .arg(&inc)
        .arg(&c));
    println!(
        "headers: {} include/openssl/*.h each compile alone (C11 -Wpedantic, C++17, included twice); all {} exported symbols are declared",
        hs.len(),
        syms.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Constants and macros: values from our headers vs the system's.

const TYPE_WORDS: &[&str] = &[
    "unsigned",
    "signed",
    "long",
    "int",
    "short",
    "char",
    "const",
    "uint64_t",
    "int64_t",
    "uint32_t",
    "int32_t",
    "size_t",
    "sizeof",
    "void",
    "INT_MAX",
    "UINT_MAX",
    "LONG_MAX",
    "ULONG_MAX",
    "INT_MIN",
    "LONG_MIN",
];

struct Macro {
    name: String,
    params: Option<Vec<String>>,
    body: String,
}

/// `#define`s in a header (continuations joined).
fn defines(text: &str) -> Vec<Macro> {
    let joined = text.replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines() {
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix('#') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix("define") else {
            continue;
        };
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let rest = rest.trim_start();
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = &rest[name.len()..];
        let (params, body) = if let Some(p) = after.strip_prefix('(') {
            let Some((plist, body)) = p.split_once(')') else {
                continue;
            };
            let plist = plist.trim();
            let params = if plist.is_empty() {
                Vec::new()
            } else {
                plist.split(',').map(|s| s.trim().to_string()).collect()
            };
            (Some(params), body)
        } else {
            (None, after)
        };
        let body = strip_comments(body).trim().to_string();
        out.push(Macro { name, params, body });
    }
    out
}

fn strip_comments(s: &str) -> String {
    let mut o = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("/*") {
        o.push_str(&rest[..i]);
        rest = rest[i..]
            .find("*/")
            .map(|j| &rest[i + j + 2..])
            .unwrap_or("");
    }
    o.push_str(rest);
    o
}

fn identifiers(body: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    let mut prev = ' ';
    for c in body.chars() {
        if in_str {
            if c == '"' && prev != '\\' {
                in_str = false;
            }
            prev = c;
            continue;
        }
        if c == '"' {
            in_str = true;
        }
        if c.is_ascii_alphanumeric() || c == '_' {
            cur.push(c);
        } else {
            if !cur.is_empty() && !cur.starts_with(|c: char| c.is_ascii_digit()) {
                v.push(cur.clone());
            }
            cur.clear();
        }
        prev = c;
    }
    if !cur.is_empty() && !cur.starts_with(|c: char| c.is_ascii_digit()) {
        v.push(cur);
    }
    v
}

/// Whether a macro body is an integer/string expression over constants, types and the given
/// names (no function calls into the library, no declarations).
fn evaluable(body: &str, allowed: &BTreeSet<String>) -> bool {
    // A body of type words only (`RC4_INT` is `unsigned int`) names a type, not a value.
    let type_only = !body
        .chars()
        .any(|c| c.is_ascii_digit() || "()+-*/<>|&~!^".contains(c))
        && identifiers(body)
            .iter()
            .all(|i| TYPE_WORDS.contains(&i.as_str()));
    !body.is_empty()
        && !type_only
        && !body.contains(';')
        && !body.contains('{')
        && !body.contains("##")
        && identifiers(body)
            .iter()
            .all(|i| TYPE_WORDS.contains(&i.as_str()) || allowed.contains(i))
}

fn static_inline_int_fns(text: &str) -> Vec<(String, usize)> {
    // `static [ossl_unused] [ossl_]inline <int type> NAME(<int params>)`
    let mut v = Vec::new();
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in joined.split("static ").skip(1) {
        let Some(open) = part.find('(') else { continue };
        let head = &part[..open];
        if !head.contains("inline") {
            continue;
        }
        let Some(close) = part[open..].find(')') else {
            continue;
        };
        let params = &part[open + 1..open + close];
        let name = head
            .split_whitespace()
            .last()
            .unwrap_or("")
            .trim_start_matches('*')
            .to_string();
        let int_param = |p: &str| {
            let words: Vec<&str> = p.split_whitespace().collect();
            words.len() >= 2
                && words[..words.len() - 1]
                    .iter()
                    .all(|w| TYPE_WORDS.contains(w) && *w != "void")
        };
        // Functions a macro generates (`sk_##t1##_num`) are not real names.
        if !params.is_empty() && params.split(',').all(int_param) && !name.contains('#') {
            v.push((name, params.split(',').count()));
        }
    }
    v
}

const SAMPLES_1: &[&str] = &[
    "0",
    "5",
    "29",
    "0x0A00010BUL",
    "0x80000002UL",
    "0x2006D080UL",
];
const SAMPLES_1_SHIFT: &[&str] = &["0", "5", "29"];
const SAMPLES_2: &[(&str, &str)] = &[("20", "267"), ("32", "7")];
const SAMPLES_3: &[(&str, &str, &str)] =
    &[("20", "0", "267"), ("2", "0", "13"), ("32", "0", "0x80006")];

fn shifts_by_param(body: &str, params: &[String]) -> bool {
    body.match_indices("<<").any(|(i, _)| {
        let tail: String = body[i + 2..].chars().take(40).collect();
        let ids = identifiers(&tail);
        ids.iter().take(3).any(|id| params.contains(id))
    })
}

#[test]
fn artefact_constants_match_system_openssl() {
    let dir = scratch("consts");
    let inc = root().join("include/openssl");
    let mut ours: Vec<Macro> = Vec::new();
    let mut inline_fns: Vec<(String, usize)> = Vec::new();
    for h in headers() {
        let text = fs::read_to_string(inc.join(&h)).unwrap();
        if h == "sslrs_decls.h" {
            continue;
        }
        for m in defines(&text) {
            let guard = m.name.starts_with("OPENSSL_") && m.name.ends_with("_H")
                || m.name.starts_with("HEADER_") && m.name.ends_with("_H")
                || m.name.starts_with("SSLRS_");
            if !guard {
                ours.push(m);
            }
        }
        inline_fns.extend(static_inline_int_fns(&text));
    }
    ours.sort_by(|a, b| a.name.cmp(&b.name));
    ours.dedup_by(|a, b| a.name == b.name);
    inline_fns.sort();
    inline_fns.dedup();

    let mut allowed: BTreeSet<String> = ours.iter().map(|m| m.name.clone()).collect();
    allowed.extend(inline_fns.iter().map(|(n, _)| n.clone()));
    // Function-like macros only count as pure if every macro they use is pure: iterate.
    let by_name: BTreeMap<&str, &Macro> = ours.iter().map(|m| (m.name.as_str(), m)).collect();
    let mut pure: BTreeSet<String> = allowed.clone();
    loop {
        let next: BTreeSet<String> = pure
            .iter()
            .filter(|n| match by_name.get(n.as_str()) {
                Some(m) => {
                    let mut ok = pure.clone();
                    if let Some(p) = &m.params {
                        ok.extend(p.iter().cloned());
                    }
                    evaluable(&m.body, &ok)
                }
                None => true, // static inline int -> int
            })
            .cloned()
            .collect();
        if next == pure {
            break;
        }
        pure = next;
    }

    let system_text: String = fs::read_dir("/usr/include/openssl")
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();

    let mut body = String::new();
    let mut probes = 0;
    let mut skipped = Vec::new();
    for m in &ours {
        if !pure.contains(&m.name) {
            skipped.push(m.name.clone());
            continue;
        }
        match &m.params {
            None => {
                let _ = writeln!(
                    body,
                    "#ifdef {0}\n    P({0}, {0});\n#else\n    MISSING(\"{0}\");\n#endif",
                    m.name
                );
                probes += 1;
            }
            Some(p) => {
                let calls = sample_calls(&m.name, p.len(), shifts_by_param(&m.body, p));
                if calls.is_empty() {
                    skipped.push(m.name.clone());
                    continue;
                }
                let _ = writeln!(body, "#ifdef {}", m.name);
                for call in &calls {
                    let _ = writeln!(body, "    P({call}, {call});");
                }
                let _ = writeln!(body, "#else\n    MISSING(\"{}()\");\n#endif", m.name);
                probes += calls.len();
            }
        }
    }
    for (name, arity) in &inline_fns {
        let calls = sample_calls(name, *arity, false);
        let _ = writeln!(body, "#ifdef HAVE_INLINE_{name}");
        for call in &calls {
            let _ = writeln!(body, "    P({call}, {call});");
        }
        let _ = writeln!(body, "#else\n    MISSING(\"{name}()\");\n#endif");
        probes += calls.len();
    }

    let mut src = String::from(PROBE_PRELUDE);
    src.push_str("#ifdef SSLRS_PROBE_OURS\n");
    for h in headers().iter().filter(|h| !h.starts_with("sslrs_")) {
        let _ = writeln!(src, "#include <openssl/{h}>");
    }
    src.push_str("#else\n");
    for h in headers().iter().filter(|h| !h.starts_with("sslrs_")) {
        if Path::new("/usr/include/openssl").join(h).exists() {
            let _ = writeln!(src, "#include <openssl/{h}>");
        }
    }
    src.push_str("#endif\n\nint main(void)\n{\n");
    src.push_str(&body);
    src.push_str("    return 0;\n}\n");
    let c = dir.join("consts.c");
    fs::write(&c, &src).unwrap();

    let mut have_ours = Vec::new();
    let mut have_sys = Vec::new();
    for (name, _) in &inline_fns {
        have_ours.push(format!("-DHAVE_INLINE_{name}"));
        if system_text.contains(&format!("{name}(")) {
            have_sys.push(format!("-DHAVE_INLINE_{name}"));
        }
    }
    let ours_exe = dir.join("consts-sslrs");
    let sys_exe = dir.join("consts-openssl");
    run(Command::new("cc")
        .args([
            "-std=c11",
            "-w",
            "-DSSLRS_PROBE_OURS",
            "-DSSLRS_NO_SYSTEM_HEADERS",
            "-I",
        ])
        .arg(root().join("include"))
        .args(&have_ours)
        .arg(&c)
        .arg("-o")
        .arg(&ours_exe));
    run(Command::new("cc")
        .args(["-std=c11", "-w"])
        .args(&have_sys)
        .arg(&c)
        .arg("-o")
        .arg(&sys_exe));
    let a = run(&mut Command::new(&ours_exe));
    let b = run(&mut Command::new(&sys_exe));
    fs::write(dir.join("consts-sslrs.txt"), &a).unwrap();
    fs::write(dir.join("consts-openssl.txt"), &b).unwrap();
    // Deliberate differences, each with its reason (also in c-tests/KNOWN_DIFFERENCES.md):
    // OPENSSL_VERSION_TEXT names sslrs, so a program (or a person) printing it can tell.
    const DELIBERATE: &[&str] = &["OPENSSL_VERSION_TEXT"];
    let deliberate = |line: &str| {
        DELIBERATE
            .iter()
            .any(|n| line.starts_with(&format!("{n} = ")))
    };
    let diffs: Vec<String> = a
        .lines()
        .zip(b.lines())
        .filter(|(x, y)| x != y && !deliberate(x))
        .map(|(x, y)| format!("  sslrs:   {x}\n  openssl: {y}"))
        .collect();
    assert_eq!(a.lines().count(), b.lines().count());
    assert!(
        diffs.is_empty(),
        "{} of {probes} constant/macro values differ from the system OpenSSL headers \
         (full lists in {}):\n{}",
        diffs.len(),
        dir.display(),
        diffs.join("\n")
    );
    println!(
        "constants: {probes} values ({} object-like macros, function-like macros and inline functions on sample arguments) equal to the system OpenSSL's; not evaluable (calls or declarations): {}",
        ours.iter().filter(|m| m.params.is_none() && pure.contains(&m.name)).count(),
        if skipped.is_empty() { "none".to_string() } else { skipped.join(" ") }
    );
}

fn sample_calls(name: &str, arity: usize, shift: bool) -> Vec<String> {
    match arity {
        1 => (if shift { SAMPLES_1_SHIFT } else { SAMPLES_1 })
            .iter()
            .map(|a| format!("{name}({a})"))
            .collect(),
        2 => SAMPLES_2
            .iter()
            .map(|(a, b)| format!("{name}({a}, {b})"))
            .collect(),
        3 => SAMPLES_3
            .iter()
            .map(|(a, b, c)| format!("{name}({a}, {b}, {c})"))
            .collect(),
        _ => Vec::new(),
    }
}

const PROBE_PRELUDE: &str = r#"/* Generated by tests/build_artefacts.rs: prints constant and macro values. */
#include <stdio.h>
#include <stdint.h>
#define TYPE_OF(x) _Generic((x), \
    char: "char", signed char: "schar", unsigned char: "uchar", short: "short", \
    unsigned short: "ushort", int: "int", unsigned int: "uint", long: "int64", \
    unsigned long: "uint64", long long: "int64", unsigned long long: "uint64", \
    char *: "string", const char *: "string", default: "other")
#define INT_OF(x) _Generic((x), char *: 0, const char *: 0, default: (x))
#define STR_OF(x) _Generic((x), char *: (x), const char *: (x), default: "")
#define P(label, x) print_value(#label, TYPE_OF(x), (unsigned long long)INT_OF(x), \
    (long long)INT_OF(x), STR_OF(x))
#define MISSING(label) printf("%s: not defined\n", label)
static void print_value(const char *label, const char *type, unsigned long long u,
                        long long s, const char *str)
{
    if (type[0] == 's' && type[1] == 't')
        printf("%s = \"%s\" (string)\n", label, str);
    else if (type[0] == 'u')
        printf("%s = %llu = 0x%llx (%s)\n", label, u, u, type);
    else
        printf("%s = %lld = 0x%llx (%s)\n", label, s, u, type);
}
"#;

/// Function-like macros that expand to calls (`SSL_set_mode`, `BIO_pending`, `ERR_raise`, ...)
/// have no value to print; for those, the definition itself must be OpenSSL's, token for token
/// (whitespace aside), so the same source expands to the same calls against either library.
#[test]
fn artefact_macro_definitions_match_system_openssl() {
    let dir = scratch("macro-defs");
    let includes: String = headers()
        .iter()
        .filter(|h| !h.starts_with("sslrs_"))
        .map(|h| format!("#include <openssl/{h}>\n"))
        .collect();
    let c = dir.join("defs.c");
    fs::write(&c, &includes).unwrap();
    let inc = root().join("include");
    let ours = run(Command::new("cc")
        .args(["-std=c11", "-E", "-dM", "-DSSLRS_NO_SYSTEM_HEADERS", "-I"])
        .arg(&inc)
        .arg(&c));
    let sys = run(Command::new("cc").args(["-std=c11", "-E", "-dM"]).arg(&c));
    let table = |text: &str| -> BTreeMap<String, String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("#define "))
            .filter_map(|l| {
                let name: String = l
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let rest = &l[name.len()..];
                rest.starts_with('(')
                    .then(|| (name, rest.split_whitespace().collect::<Vec<_>>().join(" ")))
            })
            .collect()
    };
    let (ours, sys) = (table(&ours), table(&sys));
    let mut compared = 0;
    let mut diffs = Vec::new();
    for (name, def) in &ours {
        if name.starts_with("SSLRS_") || name.starts_with("__") {
            continue;
        }
        if let Some(theirs) = sys.get(name) {
            compared += 1;
            if theirs != def {
                diffs.push(format!("  sslrs:   {name}{def}\n  openssl: {name}{theirs}"));
            }
        }
    }
    println!(
        "macro definitions: {compared} function-like macros identical to the system OpenSSL's"
    );
    assert!(compared > 100, "only {compared} macros compared");
    assert!(
        diffs.is_empty(),
        "{} macro definitions differ:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
