#!/usr/bin/env python3
"""Writes the call table of the ABI sweep (c-tests/sweep/sweep.c runs it; see its header).

Every function libsslrs.so exports (`nm -D --defined-only`) gets its prototype from OpenSSL 3.0's
own headers (preprocessed with `cc -E`; sslrs's headers declare the same prototypes, a test
checks that). Each parameter is classified (object pointer of a known type, data buffer, out-slot
`T **`, callback, length-like integer, other integer) and the calls are emitted:
  null:I      parameter I is NULL, every other argument valid
  allnull     every pointer NULL (when there are two or more pointers)
  len:I:V     length-like parameter I is V (-1, INT_MIN, INT_MAX, LONG_MIN, SIZE_MAX, ...)
  state:S     the function's SSL * is an SSL in a wrong state S (c-tests/sweep/sweep.c)
Functions are called through dlsym(RTLD_DEFAULT) with a pointer type built from the prototype
(every object pointer is void *), so one source runs against OpenSSL, sslrs and the pass-through
backend alike. Output: a C file (generated, in build/), never committed.

usage: gen-sweep.py LIBRARY.so OUT.c
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = ("ssl ssl3 tls1 dtls1 srtp err bio pem x509 x509_vfy x509v3 evp crypto stack safestack "
           "conf ct comp async rand objects asn1 buffer srp ocsp pkcs7 lhash dh rsa ec hmac "
           "provider store ui engine").split()

# Exports that cannot be called meaningfully (printed with their reason).
SKIP = {
    "OPENSSL_die": "never returns (aborts the process by contract)",
}

# Integer parameters whose value is a length or count (the bad-length cases).
LENGTH = re.compile(r'^(num|len|size|n|length|count|max|siz|bytes|outlen|inlen|buflen|'
                    r'[a-z_]*_len|[a-z_]*len|[a-z_]*_length|[a-z_]*size|max_[a-z_]+|'
                    r'[a-z_]*_num|writebuf[12]|num_tickets|recv_max_early_data|'
                    r'idx|loc|lastpos|depth|indent|offset)$')

# The allocator's functions: their pointer must come from malloc.
HEAP = re.compile(r'^CRYPTO_(secure_)?(clear_)?(free|realloc)$')

# Known object types: the key into the table of valid objects sweep.c builds.
OBJECTS = {
    "SSL", "SSL_CTX", "BIO", "X509", "EVP_PKEY", "SSL_SESSION", "X509_STORE", "X509_STORE_CTX",
    "X509_NAME", "X509_VERIFY_PARAM", "SSL_CIPHER", "SSL_METHOD", "stack_st_X509",
    "stack_st_X509_NAME", "stack_st_SSL_CIPHER", "OPENSSL_STACK", "EVP_MD", "X509_CRL",
    "ASN1_INTEGER", "ASN1_STRING", "ASN1_OCTET_STRING", "ASN1_IA5STRING", "ASN1_TIME",
    "ASN1_OBJECT", "X509_NAME_ENTRY", "X509_EXTENSION", "BIO_METHOD", "BIGNUM", "X509_LOOKUP",
    "X509_LOOKUP_METHOD", "stack_st_X509_CRL", "stack_st_X509_OBJECT", "X509_OBJECT",
    "GENERAL_NAME", "stack_st_GENERAL_NAME", "BIO_ADDR", "BUF_MEM", "EVP_CIPHER", "OSSL_LIB_CTX",
    "ASN1_BIT_STRING", "SSL_CONF_CTX", "CONF", "EVP_MD_CTX", "EVP_CIPHER_CTX", "EC_KEY", "RSA",
    "stack_st_OPENSSL_STRING", "stack_st_X509_EXTENSION", "ASN1_UTF8STRING", "ASN1_ENUMERATED",
    "ASN1_GENERALIZEDTIME", "ASN1_UTCTIME", "X509_REQ", "stack_st_void", "CRYPTO_EX_DATA",
    "FILE",
}
DATA = {"char", "unsigned char", "void", "uint8_t", "int", "unsigned int", "long",
        "unsigned long", "size_t", "unsigned", "uint16_t", "uint32_t", "uint64_t", "int64_t", "signed char"}

SCALARS = {
    # C type -> (kind, bad length values)
    "int": ("int", ["-1", "INT_MIN", "INT_MAX"]),
    "unsigned int": ("unsigned int", ["UINT_MAX"]),
    "long": ("long", ["-1", "LONG_MIN", "LONG_MAX"]),
    "unsigned long": ("unsigned long", ["SIZE_MAX", "0x80000000UL"]),
    "long long": ("long long", ["-1", "LLONG_MIN", "LLONG_MAX"]),
    "unsigned long long": ("unsigned long long", ["SIZE_MAX", "0x80000000UL"]),
    "char": ("int", []),
    "unsigned char": ("unsigned int", []),
    "signed char": ("int", []),
    "short": ("int", []),
    "unsigned short": ("unsigned int", []),
    "double": ("double", []),
}


def preprocess():
    src = "#define OPENSSL_SUPPRESS_DEPRECATED\n" + "".join(
        "#include <openssl/%s.h>\n" % h for h in HEADERS)
    text = subprocess.run(["cc", "-E", "-P", "-x", "c", "-"], input=src, capture_output=True,
                          text=True, check=True).stdout
    text = re.sub(r'__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)', '', text)
    text = re.sub(r'\b(__extension__|__restrict|restrict|__inline|inline|_Noreturn)\b', '', text)
    text = re.sub(r'\s+', ' ', text)
    decls, buf, depth, prefix = [], '', 0, ''
    for ch in text:
        if ch == '{':
            if depth == 0:
                prefix = buf
            depth += 1
            continue
        if ch == '}':
            depth -= 1
            if depth == 0:  # end of a function body: no ';' follows
                buf = '' if prefix.strip().endswith(')') else prefix + ' {} '
            continue
        if depth:
            continue
        if ch == ';':
            decls.append(buf.strip())
            buf = ''
        else:
            buf += ch
    protos, typedefs = {}, {}
    for d in decls:
        if d.startswith('typedef '):
            body = d[len('typedef '):].strip()
            m = re.match(r'^(.*)\(\s*\*\s*(\w+)\s*\)\s*\(.*\)$', body)
            if m:
                typedefs[m.group(2)] = 'FNPTR'
                continue
            m = re.match(r'^(.*?[\s\*])(\w+)\s*\(.*\)$', body)
            if m:
                typedefs[m.group(2)] = 'FNTYPE'
                continue
            m = re.match(r'^(.*?)\s*(\w+)$', body)
            if m:
                t = m.group(1).strip()
                if t.startswith('enum'):
                    t = 'int'
                typedefs[m.group(2)] = t
            continue
        if '(' not in d or '{}' in d:
            continue
        m = re.match(r'^(?:extern\s+)?[\w\s\*]*\(\s*\*\s*(\w+)\s*\(([^()]*)\)\s*\)\s*\(.*\)$', d)
        if m:
            protos[m.group(1)] = ('FNPTR', m.group(2).strip())
            continue
        m = re.match(r'^(?:extern\s+|static\s+)*(.*?[\s\*])(\w+)\s*\((.*)\)$', d)
        if m and '(' not in m.group(1):
            protos[m.group(2)] = (m.group(1).strip(), m.group(3).strip())
    # sslrs's own header (cbindgen), for anything OpenSSL's headers do not declare
    ours = open(os.path.join(ROOT, "include", "openssl", "sslrs_decls.h")).read()
    ours = re.sub(r'/\*.*?\*/', '', ours, flags=re.S)
    ours = re.sub(r'\s+', ' ', ours)
    for m in re.finditer(r'typedef [^;]*?\(\s*\*\s*(\w+)\s*\)\s*\(', ours):
        typedefs.setdefault(m.group(1), 'FNPTR')
    for d in ours.split(';'):
        m = re.match(r'^\s*(?:extern\s+)?(.*?[\s\*])(\w+)\s*\((.*)\)\s*$', d)
        if m and '(' not in m.group(1) and 'typedef' not in m.group(1) and '{' not in d:
            protos.setdefault(m.group(2), (m.group(1).strip(), m.group(3).strip()))
    return protos, typedefs


def split_params(s):
    out, depth, cur = [], 0, ''
    for ch in s:
        if ch == ',' and depth == 0:
            out.append(cur.strip())
            cur = ''
            continue
        depth += ch == '('
        depth -= ch == ')'
        cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def resolve(t, typedefs, seen=0):
    t = re.sub(r'\bconst\b', '', t).strip()
    t = re.sub(r'\s+', ' ', t)
    if t.startswith('enum '):
        return 'int'
    if t == 'FNPTR':
        return t
    if t in typedefs and seen < 20:
        v = typedefs[t]
        if v in ('FNPTR', 'FNTYPE'):
            return v
        if v.startswith('struct') or v.startswith('union'):
            return t  # opaque object name stays the typedef name
        return resolve(v, typedefs, seen + 1)
    return t


GLIBC = {"__int64_t": "long", "__uint64_t": "unsigned long", "__int32_t": "int",
         "__uint32_t": "unsigned int", "__uint16_t": "unsigned short", "__int16_t": "short",
         "__uint8_t": "unsigned char", "__int8_t": "signed char", "__time_t": "long",
         "__ssize_t": "long", "__off_t": "long", "__off64_t": "long", "__pid_t": "int",
         "__uid_t": "unsigned int", "__socklen_t": "unsigned int", "__suseconds_t": "long",
         "_Bool": "unsigned char"}


def norm_scalar(r):
    """'long unsigned int' -> 'unsigned long', 'short int' -> 'short', ..."""
    r = GLIBC.get(r, r)
    w = r.split()
    if not w or any(x not in ('unsigned', 'signed', 'long', 'int', 'char', 'short', 'double')
                    for x in w):
        return r
    u = 'unsigned ' if 'unsigned' in w else ''
    if 'char' in w:
        return ('signed char' if 'signed' in w else u + 'char')
    if 'short' in w:
        return u + 'short'
    if 'double' in w:
        return 'double'
    if w.count('long') == 2:
        return u + 'long long'
    if 'long' in w:
        return u + 'long'
    return u + 'int'


def classify(p, typedefs):
    """-> dict(kind=obj|data|slot|fn|scalar|struct, ctype=..., name=..., obj=...)"""
    if p == '...':
        return {"kind": "varargs"}
    if '(' in p:  # function pointer written out
        m = re.search(r'\(\s*\*\s*(\w*)\s*\)', p)
        return {"kind": "fn", "ctype": "void *", "name": m.group(1) if m else ""}
    arr = '[' in p
    p = re.sub(r'\[[^\]]*\]', '*', p)
    m = re.match(r'^(.*?)(\w+)?$', p.strip())
    t, name = m.group(1).strip(), (m.group(2) or "")
    if not t or t.endswith('struct') or t.endswith('unsigned') or t.endswith('signed') or \
            t in ('const',) or re.match(r'^(const\s+)?(struct|enum)\s*$', t):
        t, name = p.strip(), ""
    # a lone type with no name (e.g. "SSL *", "int")
    if re.match(r'^(const\s+)?(unsigned|signed)?\s*(int|long|char|short)?$', p.strip()) and \
            not name:
        t = p.strip()
    if name in ('int', 'long', 'char', 'short', 'void', 'double') or name in typedefs and \
            '*' not in p.replace(name, '') and not t.replace('const', '').strip():
        t, name = p.strip(), ""
    stars = t.count('*') + (1 if arr and '*' not in t else 0)
    base = t.replace('*', ' ').strip()
    base = re.sub(r'\bconst\b', '', base).strip()
    base = re.sub(r'^(struct|union)\s+', '', base)
    base = re.sub(r'\s+', ' ', base)
    r = resolve(base, typedefs)
    if stars == 0:
        if r == 'FNPTR':
            return {"kind": "fn", "ctype": "void *", "name": name}
        if r in ('void',):
            return {"kind": "void"}
        key = norm_scalar(r)
        if key in SCALARS:
            return {"kind": "scalar", "ctype": SCALARS[key][0], "bad": SCALARS[key][1],
                    "name": name}
        return {"kind": "struct", "ctype": r, "name": name}
    if r == 'FNTYPE' and stars == 1:
        return {"kind": "fn", "ctype": "void *", "name": name}
    if stars >= 2:
        return {"kind": "slot", "ctype": "void *", "name": name}
    if base in OBJECTS or r in OBJECTS:
        return {"kind": "obj", "ctype": "void *", "obj": base if base in OBJECTS else r,
                "name": name}
    if r in DATA or r.replace('unsigned ', '') in DATA or r.startswith('__') or \
            base in DATA:
        return {"kind": "data", "ctype": "void *", "name": name}
    return {"kind": "unknown", "ctype": "void *", "name": name, "obj": base}


def c_ret(ret, typedefs):
    if ret.strip() == 'void':
        return "void", "V"
    c = classify(ret + ' ', typedefs)
    if c["kind"] in ("obj", "data", "slot", "fn", "unknown"):
        return "void *", "P"
    if c["kind"] == "scalar":
        ct = c["ctype"]
        if ct == 'double':
            return "double", "D"
        return ct, ("U" if ct.startswith('unsigned') else "I")
    return None, None


def main():
    lib, out = sys.argv[1], sys.argv[2]
    nm = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                        check=True).stdout
    names = sorted({l.split()[-1].split('@')[0] for l in nm.splitlines()
                    if len(l.split()) == 3 and l.split()[1] in 'TW'})
    with open(os.path.join(ROOT, "ffi-shim", "libssl-3.0-exports.txt")) as f:
        libssl = {l.strip() for l in f if l.strip() and not l.startswith('#')}
    protos, typedefs = preprocess()
    states = ["norole", "fatal", "shutdown", "nobio", "newbio"]
    calls, skipped, nfuncs = [], [], 0
    body = []
    for fi, n in enumerate(names):
        if n in SKIP:
            skipped.append((n, SKIP[n]))
            continue
        if n not in protos:
            skipped.append((n, "no prototype in OpenSSL's or sslrs's headers"))
            continue
        ret, params = protos[n]
        rtype, rkind = c_ret(ret, typedefs)
        if rtype is None:
            skipped.append((n, "returns a structure by value (%s)" % ret))
            continue
        ps = [] if params in ('void', '') else split_params(params)
        cls = [classify(p, typedefs) for p in ps]
        if any(c["kind"] == "struct" for c in cls):
            what = [c["ctype"] for c in cls if c["kind"] == "struct"][0]
            skipped.append((n, "takes a %s by value" % ("va_list" if "va_list" in what
                                                        else what)))
            continue
        if len(cls) == 1 and cls[0]["kind"] == "void":
            cls = []
        variadic = bool(cls) and cls[-1]["kind"] == "varargs"
        fixed = cls[:-1] if variadic else cls
        nfuncs += 1
        argtypes = ", ".join(c["ctype"] for c in fixed) or "void"
        if variadic:
            argtypes += ", ..."
        fam = 1 if n in libssl else 0

        def val(i, c, override=None):
            if override is not None:
                return override
            k = c["kind"]
            if k == "obj":
                return 'sw_obj("%s")' % c["obj"]
            if k == "data":
                if i == 0 and HEAP.match(n):
                    return "sw_heap()"
                return "sw_buf(%d)" % i
            if k == "slot":
                return "sw_slot(%d)" % i
            if k == "fn":
                return "SW_CB"
            if k == "unknown":
                return "NULL"
            if k == "scalar":
                if c["ctype"] == "double":
                    return "0.0"
                return "16" if LENGTH.match(c["name"] or "") else "0"
            raise ValueError(k)

        def emit(case, overrides):
            args = [val(i, c, overrides.get(i)) for i, c in enumerate(fixed)]
            if variadic:
                args += ["NULL"] * 16
            cid = len(calls)
            fn = "c%d" % cid
            call = "((F%d)f)(%s)" % (fi, ", ".join(args))
            if rkind == "V":
                stmt = "%s; r->kind = 'V';" % call
            elif rkind == "P":
                stmt = "r->p = %s; r->kind = 'P';" % call
            elif rkind == "D":
                stmt = "r->d = %s; r->kind = 'D';" % call
            elif rkind == "U":
                stmt = "r->u = (unsigned long long)%s; r->kind = 'U';" % call
            else:
                stmt = "r->i = (long long)%s; r->kind = 'I';" % call
            body.append("static void %s(void *f, struct sw_res *r) { %s }" % (fn, stmt))
            calls.append('{"%s", "%s", %d, %s, %d}' % (n, case, fam, fn,
                                                      case_state(case, states)))

        body.append("typedef %s (*F%d)(%s);" % (rtype, fi, argtypes))
        ptrs = [i for i, c in enumerate(fixed) if c["kind"] in ("obj", "data", "slot", "fn",
                                                                 "unknown")]
        emit("valid", {})
        for i in ptrs:
            emit("null:%d" % i, {i: "NULL"})
        if len(ptrs) >= 2:
            emit("allnull", {i: "NULL" for i in ptrs})
        for i, c in enumerate(fixed):
            if c["kind"] == "scalar" and LENGTH.match(c["name"] or "") and not \
                    (variadic and c["name"] == "num"):
                for v in c["bad"]:
                    emit("len:%d:%s" % (i, v), {i: v})
        if any(c["kind"] == "obj" and c["obj"] == "SSL" for c in fixed):
            for s in states:
                emit("state:%s" % s, {})
    with open(out, "w") as f:
        f.write("/* GENERATED by scripts/gen-sweep.py from %s; do not edit. */\n" %
                os.path.basename(lib))
        f.write('#include "sweep.h"\n\n')
        f.write("\n".join(body) + "\n\n")
        f.write("const struct sw_call sw_calls[] = {\n    " + ",\n    ".join(calls) + "\n};\n")
        f.write("const int sw_ncalls = %d;\n" % len(calls))
        f.write("const char *const sw_skipped[] = {\n")
        for n, why in skipped:
            f.write('    "%s: %s",\n' % (n, why.replace('"', "'")))
        f.write("    NULL\n};\n")
        f.write("const int sw_nfuncs = %d;\n" % nfuncs)
    print("gen-sweep: %d exports, %d called (%d calls), %d skipped" %
          (len(names), nfuncs, len(calls), len(skipped)))


def case_state(case, states):
    if case.startswith("state:"):
        return 1 + states.index(case.split(':')[1])
    return 0


main()
