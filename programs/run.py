#!/usr/bin/python3
"""Real-program suite: unmodified Debian binaries run with sslrs preloaded.

Each check runs one real program (curl, openssl, nginx, socat, stunnel4, haproxy, python3, psql,
postgres) with LD_PRELOAD=build/libsslrs.so against a plain peer on 127.0.0.1 (a peer is never
preloaded), and judges the result the way a user would: the program's own exit code and output.

Before a program runs under sslrs the suite checks that
  * sslrs defines every libssl function the program imports (the binary and every library of its
    closure that imports libssl names, plus the modules it dlopens for TLS, e.g. python's _ssl);
    a missing import fails the program's checks with the missing names, and the program is NOT run
    (it would execute OpenSSL's code on sslrs's objects);
  * the preload took: a client's dynamic-loader trace (LD_DEBUG=files) shows libsslrs loaded, a
    server's /proc/PID/maps maps it.

Usage: programs/run.py [--baseline] [-k PATTERN]... [--list] [--results FILE] [--ignore-missing]
  --baseline        run every check WITHOUT preload against the real OpenSSL (validates the
                    checks themselves: everything must pass; expected failures do not apply)
  -k PATTERN        run only checks whose name matches the fnmatch pattern (repeatable)
  --results FILE    also write "programs P F" (for scripts/summary.sh)
  --ignore-missing  debugging only: run programs even when sslrs lacks some of their imports
Environment: SSLRS_LIB (default build/libsslrs.so), SSLRS_PROGRAMS_STRICT=1 makes XPASS fatal.

Output: one line per check, PASS / FAIL / XFAIL / XPASS, then "N passed, N failed, N expected-to-fail"
(+ ", N unexpectedly passed" when any). Expected failures are listed in programs/expected-failures.txt.
Exit status: 1 when any check FAILs (or XPASSes under SSLRS_PROGRAMS_STRICT=1), else 0. An XPASS is
reported loudly so the entry can be removed from the list.
Logs of every check: build/programs/<check>.log (+ server logs next to it).
"""

import argparse
import fnmatch
import glob
import hashlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CERTS = os.path.join(ROOT, "c-tests", "certs")
LOGDIR = os.path.join(ROOT, "build", "programs")
XFAIL_FILE = os.path.join(ROOT, "programs", "expected-failures.txt")
MULTIARCH = "/usr/lib/x86_64-linux-gnu"
LIBSSL = os.path.join(MULTIARCH, "libssl.so.3")
PG_BIN = "/usr/lib/postgresql/15/bin"
PYTHON = "/usr/bin/python3"

CLIENT_TIMEOUT = 15  # seconds, any single client run (all take < 1 s with OpenSSL)
START_TIMEOUT = 15  # seconds, a server to listen
BIG_SIZE = 16 * 1024 * 1024

# Programs under test: name -> (executable, extra objects that carry its TLS but are dlopen'ed).
PROGRAMS = {
    "curl": ("/usr/bin/curl", []),
    "openssl": ("/usr/bin/openssl", []),
    "nginx": ("/usr/sbin/nginx", []),
    "socat": ("/usr/bin/socat", []),
    "stunnel": ("/usr/bin/stunnel4", []),
    "haproxy": ("/usr/sbin/haproxy", []),
    "python3": ("/usr/bin/python3.11", ["/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so"]),
    "psql": (PG_BIN + "/psql", []),
    "postgres": (PG_BIN + "/postgres", []),
}


class CheckFailed(Exception):
    pass


class Missing(CheckFailed):
    """The program imports libssl functions sslrs does not define (the program was not run)."""

    def __init__(self, msg, program):
        super().__init__(msg)
        self.program = program


def require(cond, msg):
    if not cond:
        raise CheckFailed(msg)


def short(text, n=300):
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "..."


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    """True when some socket LISTENs on the TCP port (read from /proc/net: no connection made,
    so single-shot servers are not disturbed)."""
    for f in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(f) as fh:
                next(fh)
                for line in fh:
                    parts = line.split()
                    if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                        return True
        except OSError:
            pass
    return False


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def dyn_symbols(path, undefined):
    flag = "--undefined-only" if undefined else "--defined-only"
    out = subprocess.run(["nm", "-D", flag, path], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError("nm %s failed: %s" % (path, out.stderr.strip()))
    names = set()
    for line in out.stdout.splitlines():
        parts = line.split()
        if parts:
            names.add(parts[-1].split("@")[0])
    return names


def ldd_closure(path):
    out = subprocess.run(["ldd", path], capture_output=True, text=True, timeout=60)
    libs = []
    for line in out.stdout.splitlines():
        m = re.search(r"=>\s+(/\S+)", line)
        if m:
            libs.append(os.path.realpath(m.group(1)))
    return libs


def children_of(pid):
    kids = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as fh:
                data = fh.read()
            ppid = int(data.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                kids.append(int(stat.split("/")[2]))
        except (OSError, ValueError, IndexError):
            pass
    return kids


class EchoServer:
    """A plain TCP echo backend inside the runner (never preloaded)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self._echo, args=(conn,), daemon=True).start()

    @staticmethod
    def _echo(conn):
        conn.settimeout(CLIENT_TIMEOUT)
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                conn.sendall(data)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stop = True
        self.sock.close()


class Server:
    def __init__(self, suite, label, argv, ports, preload, env_extra=None, user=None, cwd=None,
                 stop_signal=signal.SIGTERM):
        self.suite, self.label, self.argv, self.preload = suite, label, argv, preload
        self.stop_signal = stop_signal
        self.logpath = os.path.join(LOGDIR, "server-%s.log" % label)
        self.log = open(self.logpath, "ab")
        self.log.write(("$ %s%s\n" % ("LD_PRELOAD=%s " % suite.lib if preload else "", " ".join(argv))).encode())
        self.log.flush()
        env = suite.env(preload, debug=False)
        env.update(env_extra or {})
        kw = {}
        if user:
            pw = pwd.getpwnam(user)
            kw.update(user=pw.pw_uid, group=pw.pw_gid, extra_groups=[])
            env["HOME"] = pw.pw_dir
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env, cwd=cwd or suite.tmp, start_new_session=True, **kw)
        self.pid = self.proc.pid
        suite.servers.append(self)
        deadline = time.monotonic() + START_TIMEOUT
        for port in ports:
            while not listening(port):
                if self.proc.poll() is not None:
                    raise CheckFailed("%s exited with status %s before listening on %d: %s"
                                      % (label, self.proc.returncode, port, self.tail(300)))
                if time.monotonic() > deadline:
                    raise CheckFailed("%s did not listen on port %d within %ds (log: %s)"
                                      % (label, port, START_TIMEOUT, self.logpath))
                time.sleep(0.05)
        suite.check_maps(self.pid, preload, label)

    def tail(self, n=600):
        """The end of the server's output, without the command lines the suite wrote."""
        try:
            with open(self.logpath, "rb") as fh:
                lines = fh.read().decode(errors="replace").splitlines()
        except OSError:
            return ""
        text = "\n".join(line for line in lines if not line.startswith("$ "))
        return short(text[-n:].replace(self.suite.tmp, "$TMP"), n)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.kill(self.pid, self.stop_signal)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        # whatever is left of the process group this suite created (workers, forks)
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.log.close()


class Suite:
    def __init__(self, args):
        self.baseline = args.baseline
        self.ignore_missing = args.ignore_missing
        self.lib = os.path.realpath(os.environ.get("SSLRS_LIB", os.path.join(ROOT, "build", "libsslrs.so")))
        self.servers = []
        self.fixtures = {}
        self.missing_cache = {}
        self.check_name = None
        self.logfh = None
        self.tmp = tempfile.mkdtemp(prefix="sslrs-programs-")
        os.chmod(self.tmp, 0o755)  # nginx workers (nobody) and postgres read files here
        self.libssl_names = dyn_symbols(LIBSSL, undefined=False)
        self.sslrs_names = set() if self.baseline else dyn_symbols(self.lib, undefined=False)
        self.setup_files()

    # --- environment ---------------------------------------------------------------------
    def env(self, preload, debug):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("LD_") and k not in ("SSL_CERT_FILE", "SSL_CERT_DIR", "OPENSSL_CONF",
                                                       "CURL_CA_BUNDLE", "PGSSLMODE", "http_proxy",
                                                       "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                                                       "all_proxy", "ALL_PROXY")}
        env["LC_ALL"] = "C"
        env["no_proxy"] = "*"
        if preload and not self.baseline:
            if preload == "libpath":  # build/compat/libssl.so.3 -> libsslrs: the system libssl is not loaded
                env["LD_LIBRARY_PATH"] = os.path.join(ROOT, "build", "compat")
            elif preload == "wrapper":  # build/with-sslrs sets LD_PRELOAD itself
                env["SSLRS_LIB"] = self.lib
            else:
                env["LD_PRELOAD"] = self.lib
        if preload and debug:
            env["LD_DEBUG"] = "files"
            env["LD_DEBUG_OUTPUT"] = self.lddebug_prefix()
        return env

    def lddebug_prefix(self):
        return os.path.join(self.tmp, "lddebug-%s" % self.check_name)

    def log(self, text):
        if self.logfh:
            self.logfh.write(text if text.endswith("\n") else text + "\n")
            self.logfh.flush()

    # --- preload verification -----------------------------------------------------------
    def check_maps(self, pid, preload, label):
        pids = [pid] + children_of(pid)
        for p in pids:
            try:
                with open("/proc/%d/maps" % p) as fh:
                    maps = fh.read()
            except OSError:
                continue
            if not maps:  # a zombie or an exiting process
                continue
            has_sslrs = self.lib in maps or "libsslrs.so" in maps
            has_libssl = "libssl.so.3" in maps
            self.log("maps of %s pid %d: libsslrs=%s libssl=%s" % (label, p, has_sslrs, has_libssl))
            if preload and not self.baseline:
                require(has_sslrs, "preload did not take: %s (pid %d) does not map %s" % (label, p, self.lib))
            else:
                require(not has_sslrs, "%s (pid %d) maps libsslrs but must not (peer or baseline)" % (label, p))

    def check_lddebug(self, label, preload=True):
        files = glob.glob(self.lddebug_prefix() + ".*")
        require(files, "no LD_DEBUG output for %s: cannot prove the preload took" % label)
        text = ""
        for f in files:
            with open(f, errors="replace") as fh:
                text += fh.read()
            os.unlink(f)
        compat = re.escape(os.path.join(ROOT, "build", "compat", "libssl.so.3"))
        loaded = re.search(r"calling init: (%s|%s|\S*/libsslrs[^/\s]*\.so[.0-9]*)$" % (re.escape(self.lib), compat),
                           text, re.M) is not None
        system_libssl = re.search(r"calling init: /(usr/)?lib/x86_64-linux-gnu/libssl\.so\.3$", text, re.M) is not None
        self.log("ld.so trace of %s: libsslrs initialised=%s, system libssl initialised=%s"
                 % (label, loaded, system_libssl))
        if self.baseline:
            require(not loaded, "%s loaded libsslrs in baseline mode" % label)
        else:
            require(loaded, "preload did not take: ld.so never initialised libsslrs in %s" % label)
            if preload == "libpath":
                require(not system_libssl, "LD_LIBRARY_PATH mode, yet the system libssl.so.3 was loaded")

    # --- import check ------------------------------------------------------------------------
    def missing_imports(self, program):
        if program in self.missing_cache:
            return self.missing_cache[program]
        exe, extra = PROGRAMS[program]
        objects = [exe] + extra
        for o in list(objects):
            objects += ldd_closure(o)
        seen, imported, carriers = set(), set(), []
        for o in objects:
            if o in seen or os.path.basename(o).startswith(("libssl.so", "libcrypto.so", "libc.so", "ld-linux")):
                continue
            seen.add(o)
            names = dyn_symbols(o, undefined=True) & self.libssl_names
            if names:
                carriers.append(o)
                imported |= names
        missing = sorted(imported - self.sslrs_names)
        self.missing_cache[program] = (missing, carriers, len(imported))
        return self.missing_cache[program]

    def require_imports(self, program):
        if self.baseline:
            return
        missing, carriers, n = self.missing_imports(program)
        self.log("%s: %d libssl imports in %s; missing from sslrs: %s"
                 % (program, n, ", ".join(carriers), " ".join(missing) or "none"))
        if missing and not self.ignore_missing:
            shown = ", ".join(missing[:12]) + (" (+%d more: build/programs/missing-imports.txt)" % (len(missing) - 12)
                                               if len(missing) > 12 else "")
            raise Missing("sslrs lacks %d of %s's %d libssl imports: %s" % (len(missing), program, n, shown),
                          program)

    # --- running programs ----------------------------------------------------------------
    def run(self, argv, preload, input=None, timeout=CLIENT_TIMEOUT, env_extra=None, label=None, cwd=None,
            user=None):
        """Runs a client to completion. preload: the program under test (checked via ld.so trace)."""
        label = label or os.path.basename(argv[0])
        env = self.env(preload, debug=bool(preload))
        if preload == "wrapper" and not self.baseline:
            argv = [os.path.join(ROOT, "build", "with-sslrs")] + list(argv)
        env.update(env_extra or {})
        self.log("$ %s%s" % ("LD_PRELOAD=%s " % self.lib if preload and not self.baseline else "", " ".join(argv)))
        if isinstance(input, str):
            input = input.encode()
        kw = {}
        if user:
            pw = pwd.getpwnam(user)
            kw.update(user=pw.pw_uid, group=pw.pw_gid, extra_groups=[])
        try:
            p = subprocess.run(argv, input=input if input is not None else b"", capture_output=True,
                               env=env, timeout=timeout, cwd=cwd or self.tmp, **kw)
        except subprocess.TimeoutExpired as e:
            self.log("timed out; stdout: %r\nstderr: %r" % (e.stdout, e.stderr))
            raise CheckFailed("%s did not finish within %ds" % (label, timeout))
        p.stdout = p.stdout.decode(errors="replace")
        p.stderr = p.stderr.decode(errors="replace")
        self.log("exit %d\n--- stdout\n%s\n--- stderr\n%s\n---" % (p.returncode, p.stdout[-4000:], p.stderr[-4000:]))
        if p.returncode < 0:
            raise CheckFailed("%s killed by signal %d: %s" % (label, -p.returncode, short(p.stderr, 200)))
        if preload:
            self.check_lddebug(label, preload)
        return p

    def start(self, label, argv, ports, preload, **kw):
        return Server(self, label, argv, ports, preload, **kw)

    def fixture(self, name, factory):
        """A server shared by several checks: started once, stopped at the end of the suite."""
        f = self.fixtures.get(name)
        if isinstance(f, Exception):
            raise CheckFailed("%s (fixture failed earlier)" % f)
        if f is not None and getattr(f, "servers_alive", lambda: True)():
            return f
        try:
            f = factory()
        except Exception as e:  # noqa: BLE001 - recorded for the following checks
            self.fixtures[name] = e
            raise
        self.fixtures[name] = f
        return f

    # --- files -------------------------------------------------------------------------------
    def setup_files(self):
        t = self.tmp
        self.www = os.path.join(t, "www")
        os.makedirs(self.www)
        with open(os.path.join(self.www, "hello.txt"), "w") as fh:
            fh.write("hello from the plain side\n")
        big = os.path.join(self.www, "big.bin")
        with open(big, "wb") as fh:
            for _ in range(BIG_SIZE // (1 << 20)):
                fh.write(os.urandom(1 << 20))
        self.big_sha = sha256_file(big)
        for root, dirs, files in os.walk(self.www):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        os.chmod(self.www, 0o755)
        # combined cert+key files (haproxy, socat), private copies with strict modes (libpq)
        self.certdir = os.path.join(t, "certs")
        os.makedirs(self.certdir)
        for name in ("server-ec", "server-rsa", "server-other", "unknownca", "expired", "client", "revoked"):
            with open(self.cert(name + ".pem")) as a, open(self.cert(name + ".key")) as b:
                data = a.read() + b.read()
            path = os.path.join(self.certdir, name + ".combined.pem")
            with open(path, "w") as fh:
                fh.write(data)
            os.chmod(path, 0o600)
        shutil.copy(self.cert("client.key"), os.path.join(self.certdir, "client.key"))
        os.chmod(os.path.join(self.certdir, "client.key"), 0o600)

    @staticmethod
    def cert(name):
        return os.path.join(CERTS, name)

    def combined(self, name):
        return os.path.join(self.certdir, name + ".combined.pem")

    def cleanup(self):
        for s in reversed(self.servers):
            try:
                s.stop()
            except Exception:  # noqa: BLE001
                pass
        for f in self.fixtures.values():
            if hasattr(f, "close"):
                try:
                    f.close()
                except Exception:  # noqa: BLE001
                    pass
        shutil.rmtree(self.tmp, ignore_errors=True)


# =================================================================================================
# Peers and fixtures
# =================================================================================================
CA = Suite.cert("ca-bundle.pem")
CA_EC = Suite.cert("ca-ec.pem")


def nginx_conf(s, name, servers):
    """servers: list of dicts(port, cert, key, server_name, extra, body)."""
    prefix = os.path.join(s.tmp, name)
    os.makedirs(prefix, exist_ok=True)
    os.chmod(prefix, 0o755)
    blocks = []
    for sv in servers:
        blocks.append("""
    server {
        listen 127.0.0.1:%(port)d ssl http2;
        server_name %(server_name)s;
        ssl_certificate %(cert)s;
        ssl_certificate_key %(key)s;
        ssl_protocols TLSv1.2 TLSv1.3;
        %(extra)s
        root %(www)s;
        location = /info {
            default_type text/plain;
            return 200 "server=%(label)s proto=$ssl_protocol alpn=$ssl_alpn_protocol http=$server_protocol sni=$ssl_server_name verify=$ssl_client_verify dn=$ssl_client_s_dn reused=$ssl_session_reused\\n";
        }
    }""" % dict(sv, www=s.www, extra=sv.get("extra", ""), server_name=sv.get("server_name", "localhost"),
                label=sv.get("label", sv.get("server_name", "localhost"))))
    conf = """
daemon off;
master_process on;
worker_processes 1;
pid %(p)s/nginx.pid;
error_log %(log)s info;
events { worker_connections 128; }
http {
    access_log off;
    client_body_temp_path %(p)s/client_body;
    proxy_temp_path %(p)s/proxy;
    fastcgi_temp_path %(p)s/fastcgi;
    uwsgi_temp_path %(p)s/uwsgi;
    scgi_temp_path %(p)s/scgi;
    default_type application/octet-stream;
    ssl_session_cache shared:SSL:1m;
    ssl_session_tickets on;
%(blocks)s
}
""" % dict(p=prefix, log=os.path.join(LOGDIR, "server-%s.error.log" % name), blocks="\n".join(blocks))
    path = os.path.join(prefix, "nginx.conf")
    with open(path, "w") as fh:
        fh.write(conf)
    return prefix, path


class Ports(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k) from None

    def __setattr__(self, k, v):
        self[k] = v


def plain_nginx(s):
    """The plain HTTPS peer for client checks: one nginx, one port per certificate situation."""

    def make():
        p = Ports(ec=free_port(), rsa=free_port(), expired=free_port(), unknownca=free_port(),
                  other=free_port(), mtls=free_port())
        C = Suite.cert
        servers = [
            dict(port=p.ec, cert=C("server-ec.pem"), key=C("server-ec.key"), label="ec"),
            dict(port=p.rsa, cert=C("server-rsa.pem"), key=C("server-rsa.key"), label="rsa"),
            dict(port=p.expired, cert=C("expired.pem"), key=C("expired.key"), label="expired"),
            dict(port=p.unknownca, cert=C("unknownca.pem"), key=C("unknownca.key"), label="unknownca"),
            dict(port=p.other, cert=C("server-other.pem"), key=C("server-other.key"), label="other",
                 server_name="other.example"),
            dict(port=p.mtls, cert=C("server-ec.pem"), key=C("server-ec.key"), label="mtls",
                 extra="ssl_verify_client on; ssl_client_certificate %s;" % CA_EC),
        ]
        prefix, conf = nginx_conf(s, "nginx-peer", servers)
        srv = s.start("nginx-peer", ["/usr/sbin/nginx", "-e", os.path.join(LOGDIR, "server-nginx-peer.error.log"),
                                     "-p", prefix, "-c", conf], list(p.values()), preload=False)
        p.server = srv
        p.servers_alive = srv.alive
        return p

    return s.fixture("nginx-peer", make)


def s_server(s, label, cert, key, preload, extra=()):
    port = free_port()
    argv = ["/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:%d" % port, "-cert", Suite.cert(cert),
            "-key", Suite.cert(key), "-www"] + list(extra)
    srv = s.start(label, argv, [port], preload=preload)
    return port, srv


def https_url(port, path="/info", host="localhost"):
    return "https://%s:%d%s" % (host, port, path)


# =================================================================================================
# Checks
# =================================================================================================
CHECKS = []


def check(name, program):
    def deco(fn):
        CHECKS.append((name, program, fn))
        return fn

    return deco


# --- curl (client under sslrs; peer: plain nginx) --------------------------------------------
def curl(s, *args, preload=True, timeout=CLIENT_TIMEOUT):
    argv = ["/usr/bin/curl", "-sS", "--max-time", str(timeout - 5), "--noproxy", "*"] + list(args)
    return s.run(argv, preload=preload, timeout=timeout, label="curl")


def curl_ok(p, want=()):
    require(p.returncode == 0, "curl exit %d: %s" % (p.returncode, short(p.stderr, 200)))
    for w in want:
        require(w in p.stdout, "curl output lacks %r: %s" % (w, short(p.stdout, 300)))


def curl_get(s, port, version, proto, cert_label, host="localhost"):
    n = plain_nginx(s)
    args = ["--cacert", CA, "--tlsv1.%s" % version[-1]]
    if version == "1.2":
        args += ["--tls-max", "1.2"]
    p = curl(s, *args, "-w", "code=%{http_code} httpver=%{http_version}\n", https_url(n[port], host=host))
    curl_ok(p, ["server=%s" % cert_label, "proto=%s" % proto, "code=200"])


@check("curl-tls13-ecdsa", "curl")
def _(s):
    curl_get(s, "ec", "1.3", "TLSv1.3", "ec")


@check("curl-tls12-ecdsa", "curl")
def _(s):
    curl_get(s, "ec", "1.2", "TLSv1.2", "ec")


@check("curl-tls13-rsa", "curl")
def _(s):
    curl_get(s, "rsa", "1.3", "TLSv1.3", "rsa")


@check("curl-tls12-rsa", "curl")
def _(s):
    curl_get(s, "rsa", "1.2", "TLSv1.2", "rsa")


@check("curl-ip-san", "curl")
def _(s):
    curl_get(s, "ec", "1.3", "TLSv1.3", "ec", host="127.0.0.1")


def curl_refused(s, port, host="localhost"):
    n = plain_nginx(s)
    p = curl(s, "--cacert", CA, https_url(n[port], host=host))
    require(p.returncode == 60, "curl exit %d, expected 60 (peer certificate cannot be authenticated): %s"
            % (p.returncode, short(p.stderr, 200)))
    require("server=" not in p.stdout, "curl printed the page despite the bad certificate")


def curl_other_way(s, how, path):
    """The README's two ways against a plain `openssl s_server -www`: the page it prints."""
    if not s.baseline:
        require(os.path.exists(os.path.join(ROOT, "build", path)), "build/%s is not built" % path)
    port, _ = s_server(s, "s_server-plain-" + how, "server-ec.pem", "server-ec.key", preload=False)
    p = curl(s, "--cacert", CA, https_url(port, path="/"), preload=how)
    curl_ok(p, ["s_server", "Ciphers supported in s_server binary", "TLSv1.3"])


@check("curl-with-sslrs-wrapper", "curl")
def _(s):
    curl_other_way(s, "wrapper", "with-sslrs")


@check("curl-ld-library-path", "curl")
def _(s):
    curl_other_way(s, "libpath", "compat/libssl.so.3")


@check("curl-wrong-ca", "curl")
def _(s):
    curl_refused(s, "unknownca")


@check("curl-wrong-host", "curl")
def _(s):
    curl_refused(s, "other")


@check("curl-expired", "curl")
def _(s):
    curl_refused(s, "expired")


def curl_crl(s, label, cert, key):
    """curl --crlfile against a plain `openssl s_server`: the CRL goes into curl's X509_STORE
    with X509_V_FLAG_CRL_CHECK(_ALL), which sslrs's verifier reads."""
    port, _ = s_server(s, "s_server-plain-" + label, cert, key, preload=False)
    return curl(s, "--cacert", CA, "--crlfile", Suite.cert("ca-ec.crl.pem"), https_url(port, path="/"))


@check("curl-crl-revoked", "curl")
def _(s):
    p = curl_crl(s, "revoked", "revoked.pem", "revoked.key")
    require(p.returncode == 60, "curl exit %d, expected 60 (certificate revoked): %s"
            % (p.returncode, short(p.stderr, 200)))


@check("curl-crl-good", "curl")
def _(s):
    curl_ok(curl_crl(s, "crl-good", "server-ec.pem", "server-ec.key"), ["s_server"])


@check("curl-alpn-h2", "curl")
def _(s):
    n = plain_nginx(s)
    p = curl(s, "--cacert", CA, "--http2", "-w", "httpver=%{http_version}\n", https_url(n.ec))
    curl_ok(p, ["alpn=h2", "http=HTTP/2.0", "httpver=2"])


@check("curl-alpn-http1.1", "curl")
def _(s):
    n = plain_nginx(s)
    p = curl(s, "--cacert", CA, "--http1.1", "-w", "httpver=%{http_version}\n", https_url(n.ec))
    curl_ok(p, ["alpn=http/1.1", "http=HTTP/1.1", "httpver=1.1"])


@check("curl-client-cert", "curl")
def _(s):
    n = plain_nginx(s)
    p = curl(s, "--cacert", CA, "--cert", Suite.cert("client.pem"), "--key", Suite.cert("client.key"),
             https_url(n.mtls))
    curl_ok(p, ["server=mtls", "verify=SUCCESS", "CN=sslrs test client"])


@check("curl-client-cert-missing", "curl")
def _(s):
    n = plain_nginx(s)
    p = curl(s, "--cacert", CA, "-w", "code=%{http_code}\n", https_url(n.mtls))
    # nginx answers "400 No required SSL certificate was sent" over the established TLS connection
    curl_ok(p, ["code=400", "No required SSL certificate"])


@check("curl-download-16m", "curl")
def _(s):
    n = plain_nginx(s)
    out = os.path.join(s.tmp, "curl-big.out")
    p = curl(s, "--cacert", CA, "-o", out, "-w", "size=%{size_download}\n", https_url(n.ec, "/big.bin"))
    curl_ok(p, ["size=%d" % BIG_SIZE])
    require(sha256_file(out) == s.big_sha, "downloaded file differs from the served one (sha256)")
    os.unlink(out)


# --- openssl s_client under sslrs (peer: plain s_server) -------------------------------------
HTTP_GET = "GET / HTTP/1.0\r\n\r\n"
S_SERVER_OK = "HTTP/1.0 200 ok"  # openssl s_server -www
NGINX_GET = "GET /info HTTP/1.0\r\nHost: localhost\r\n\r\n"
NGINX_OK = "HTTP/1.1 200 OK"


def s_client(s, port, *extra, preload, input=HTTP_GET, ca=CA):
    argv = ["/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:%d" % port, "-servername", "localhost",
            "-verify_hostname", "localhost", "-CAfile", ca, "-verify_return_error", "-ign_eof"] + list(extra)
    return s.run(argv, preload=preload, input=input, label="openssl s_client")


def s_client_ok(p, *want, http_ok=S_SERVER_OK):
    out = p.stdout + p.stderr
    require(p.returncode == 0, "s_client exit %d: %s" % (p.returncode, short(p.stderr, 200)))
    for w in ("Verify return code: 0 (ok)", http_ok) + want:
        require(w in out, "s_client output lacks %r" % w)


@check("openssl-s_client-tls13", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-tls13", "server-ec.pem", "server-ec.key", preload=False)
    s_client_ok(s_client(s, port, preload=True), "New, TLSv1.3")


@check("openssl-s_client-tls12-rsa", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-tls12", "server-rsa.pem", "server-rsa.key", preload=False)
    s_client_ok(s_client(s, port, "-tls1_2", preload=True), "New, TLSv1.2, Cipher is ECDHE-RSA-")


@check("openssl-s_client-verify-error", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-unknownca", "unknownca.pem", "unknownca.key", preload=False)
    p = s_client(s, port, preload=True)
    out = p.stdout + p.stderr
    require(p.returncode == 1, "s_client exit %d, expected 1" % p.returncode)
    require("verify error:num=20:unable to get local issuer certificate" in out,
            "s_client did not report verify error 20: %s" % short(p.stderr, 200))
    require("HTTP/1.0 200 ok" not in out, "s_client exchanged data despite the verify error")


@check("openssl-s_client-crl-revoked", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-revoked", "revoked.pem", "revoked.key", preload=False)
    p = s_client(s, port, "-CRL", Suite.cert("ca-ec.crl.pem"), "-crl_check", preload=True)
    out = p.stdout + p.stderr
    require(p.returncode == 1, "s_client exit %d, expected 1" % p.returncode)
    require("verify error:num=23:certificate revoked" in out,
            "s_client did not report verify error 23: %s" % short(p.stderr, 200))


@check("openssl-s_client-crl-good", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-crl-good", "server-ec.pem", "server-ec.key", preload=False)
    s_client_ok(s_client(s, port, "-CRL", Suite.cert("ca-ec.crl.pem"), "-crl_check_all",
                         preload=True), "New, TLSv1.3")


def resumption(s, port, preload, extra=(), get=HTTP_GET, http_ok=S_SERVER_OK):
    sess = os.path.join(s.tmp, "sess-%s.pem" % s.check_name)
    p1 = s_client(s, port, "-sess_out", sess, *extra, preload=preload, input=get)
    s_client_ok(p1, "New, ", http_ok=http_ok)
    require(os.path.exists(sess) and os.path.getsize(sess) > 0, "s_client -sess_out wrote no session")
    p2 = s_client(s, port, "-sess_in", sess, *extra, preload=preload, input=get)
    s_client_ok(p2, "Reused, ", http_ok=http_ok)
    return p2


def reconnect(s, port, preload, extra=(), get=HTTP_GET):
    p = s_client(s, port, "-reconnect", *extra, preload=preload, input=get)
    out = p.stdout + p.stderr
    require(p.returncode == 0, "s_client -reconnect exit %d: %s" % (p.returncode, short(p.stderr, 200)))
    reused = out.count("Reused, ")
    require(reused >= 5, "s_client -reconnect: %d of 5 reconnections resumed the session" % reused)


@check("openssl-s_client-resume-tls13", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-resume13", "server-ec.pem", "server-ec.key", preload=False)
    resumption(s, port, preload=True)


@check("openssl-s_client-resume-tls12", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-resume12", "server-ec.pem", "server-ec.key", preload=False)
    resumption(s, port, preload=True, extra=["-tls1_2"])


@check("openssl-s_client-reconnect", "openssl")
def _(s):
    port, _ = s_server(s, "s_server-plain-reconnect", "server-ec.pem", "server-ec.key", preload=False)
    reconnect(s, port, preload=True, extra=["-tls1_2"])


# --- openssl s_server under sslrs (peer: plain s_client) --------------------------------------
def sslrs_s_server(s, label, cert="server-ec.pem", key="server-ec.key", extra=()):
    s.require_imports("openssl")
    return s_server(s, label, cert, key, preload=True, extra=extra)


@check("openssl-s_server-tls13", "openssl")
def _(s):
    port, srv = sslrs_s_server(s, "s_server-sslrs-tls13")
    s_client_ok(s_client(s, port, preload=False), "New, TLSv1.3")
    require(srv.alive(), "s_server died")


@check("openssl-s_server-tls12-rsa", "openssl")
def _(s):
    port, srv = sslrs_s_server(s, "s_server-sslrs-tls12", "server-rsa.pem", "server-rsa.key")
    s_client_ok(s_client(s, port, "-tls1_2", preload=False), "New, TLSv1.2, Cipher is ECDHE-RSA-")


@check("openssl-s_server-client-cert", "openssl")
def _(s):
    port, _ = sslrs_s_server(s, "s_server-sslrs-mtls", extra=["-Verify", "1", "-CAfile", CA_EC,
                                                               "-verify_return_error"])
    p = s_client(s, port, "-cert", Suite.cert("client.pem"), "-key", Suite.cert("client.key"), preload=False)
    s_client_ok(p, "New, TLSv1.3")


@check("openssl-s_server-client-cert-refused", "openssl")
def _(s):
    port, srv = sslrs_s_server(s, "s_server-sslrs-mtls-bad", extra=["-Verify", "1", "-CAfile", CA_EC,
                                                                   "-verify_return_error"])
    p = s_client(s, port, "-cert", Suite.cert("unknownca.pem"), "-key", Suite.cert("unknownca.key"), preload=False)
    out = p.stdout + p.stderr
    require(p.returncode != 0, "s_client exit 0 although the server must refuse its certificate")
    require("alert unknown ca" in out, "the client saw no 'unknown ca' alert: %s" % short(p.stderr, 200))
    require("HTTP/1.0 200 ok" not in out, "the server answered despite refusing the certificate")


@check("openssl-s_server-resume-tls13", "openssl")
def _(s):
    port, _ = sslrs_s_server(s, "s_server-sslrs-resume13")
    resumption(s, port, preload=False)


@check("openssl-s_server-resume-tls12", "openssl")
def _(s):
    port, _ = sslrs_s_server(s, "s_server-sslrs-resume12")
    resumption(s, port, preload=False, extra=["-tls1_2"])


@check("openssl-s_server-reconnect", "openssl")
def _(s):
    port, _ = sslrs_s_server(s, "s_server-sslrs-reconnect")
    reconnect(s, port, preload=False, extra=["-tls1_2"])


# --- nginx under sslrs (peers: plain curl, plain s_client) ------------------------------------
def sslrs_nginx(s, mtls=False):
    """nginx under sslrs. Two instances, so that client-certificate support (ssl_client_certificate
    loads the CA names with SSL_load_client_CA_file) does not hold back the other checks."""
    name = "nginx-sslrs-mtls" if mtls else "nginx-sslrs"

    def make():
        s.require_imports("nginx")
        C = Suite.cert
        if mtls:
            p = Ports(mtls=free_port(), mtls_crl=free_port())
            servers = [dict(port=p.mtls, cert=C("server-rsa.pem"), key=C("server-rsa.key"), label="mtls",
                            extra="ssl_verify_client on; ssl_client_certificate %s;" % CA_EC),
                       dict(port=p.mtls_crl, cert=C("server-ec.pem"), key=C("server-ec.key"), label="mtls-crl",
                            extra="ssl_verify_client on; ssl_client_certificate %s; ssl_crl %s;"
                            % (CA_EC, C("ca-ec-client.crl.pem")))]
        else:
            p = Ports(main=free_port())
            servers = [
                dict(port=p.main, cert=C("server-ec.pem"), key=C("server-ec.key"), label="localhost"),
                dict(port=p.main, cert=C("server-other.pem"), key=C("server-other.key"), label="other",
                     server_name="other.example"),
            ]
        prefix, conf = nginx_conf(s, name, servers)
        srv = s.start(name, ["/usr/sbin/nginx", "-e", os.path.join(LOGDIR, "server-%s.error.log" % name),
                             "-p", prefix, "-c", conf], list(p.values()), preload=True)
        p.server = srv
        p.servers_alive = srv.alive
        return p

    n = s.fixture(name, make)
    s.check_maps(n.server.pid, True, "nginx (master and workers)")
    return n


def nginx_after(s, n):
    require(n.server.alive(), "nginx died (log: %s)" % n.server.logpath)


@check("nginx-http1.1", "nginx")
def _(s):
    n = sslrs_nginx(s)
    p = curl(s, "--cacert", CA, "--http1.1", "-w", "httpver=%{http_version}\n", https_url(n.main), preload=False)
    curl_ok(p, ["server=localhost", "proto=TLSv1.3", "alpn=http/1.1", "httpver=1.1"])
    nginx_after(s, n)


@check("nginx-http2", "nginx")
def _(s):
    n = sslrs_nginx(s)
    p = curl(s, "--cacert", CA, "--http2", "-w", "httpver=%{http_version}\n", https_url(n.main), preload=False)
    curl_ok(p, ["server=localhost", "alpn=h2", "http=HTTP/2.0", "httpver=2"])
    nginx_after(s, n)


@check("nginx-tls12", "nginx")
def _(s):
    n = sslrs_nginx(s)
    p = curl(s, "--cacert", CA, "--tlsv1.2", "--tls-max", "1.2", https_url(n.main), preload=False)
    curl_ok(p, ["server=localhost", "proto=TLSv1.2"])
    nginx_after(s, n)


@check("nginx-sni", "nginx")
def _(s):
    n = sslrs_nginx(s)
    p = curl(s, "--cacert", CA, "--resolve", "other.example:%d:127.0.0.1" % n.main,
             https_url(n.main, host="other.example"), preload=False)
    curl_ok(p, ["server=other", "sni=other.example"])
    p = curl(s, "--cacert", CA, https_url(n.main), preload=False)
    curl_ok(p, ["server=localhost", "sni=localhost"])
    nginx_after(s, n)


@check("nginx-resume-tls13", "nginx")
def _(s):
    n = sslrs_nginx(s)
    p = resumption(s, n.main, preload=False, get=NGINX_GET, http_ok=NGINX_OK)
    require("reused=r" in p.stdout, "nginx did not report the session as reused ($ssl_session_reused)")
    nginx_after(s, n)


@check("nginx-resume-tls12", "nginx")
def _(s):
    n = sslrs_nginx(s)
    p = resumption(s, n.main, preload=False, extra=["-tls1_2"], get=NGINX_GET, http_ok=NGINX_OK)
    require("reused=r" in p.stdout, "nginx did not report the session as reused ($ssl_session_reused)")
    nginx_after(s, n)


@check("nginx-reconnect", "nginx")
def _(s):
    n = sslrs_nginx(s)
    reconnect(s, n.main, preload=False, extra=["-tls1_2"], get=NGINX_GET)
    nginx_after(s, n)


@check("nginx-client-cert", "nginx")
def _(s):
    n = sslrs_nginx(s, mtls=True)
    p = curl(s, "--cacert", CA, "--cert", Suite.cert("client.pem"), "--key", Suite.cert("client.key"),
             https_url(n.mtls), preload=False)
    curl_ok(p, ["server=mtls", "verify=SUCCESS", "CN=sslrs test client"])
    p = curl(s, "--cacert", CA, "-w", "code=%{http_code}\n", https_url(n.mtls), preload=False)
    curl_ok(p, ["code=400", "No required SSL certificate"])
    nginx_after(s, n)


@check("nginx-client-cert-crl", "nginx")
def _(s):
    """ssl_crl: nginx puts the CRL into its store with X509_V_FLAG_CRL_CHECK(_ALL); a revoked
    client certificate is refused (nginx answers 400 over the finished handshake), a good one
    passes."""
    n = sslrs_nginx(s, mtls=True)
    p = curl(s, "--cacert", CA, "--cert", Suite.cert("client.pem"), "--key", Suite.cert("client.key"),
             https_url(n.mtls_crl), preload=False)
    curl_ok(p, ["server=mtls-crl", "verify=SUCCESS", "CN=sslrs test client"])
    p = curl(s, "--cacert", CA, "--cert", Suite.cert("client-revoked.pem"), "--key",
             Suite.cert("client-revoked.key"), "-w", "code=%{http_code}\n", https_url(n.mtls_crl), preload=False)
    curl_ok(p, ["code=400", "The SSL certificate error"])
    nginx_after(s, n)


@check("nginx-download-16m", "nginx")
def _(s):
    n = sslrs_nginx(s)
    out = os.path.join(s.tmp, "nginx-big.out")
    p = curl(s, "--cacert", CA, "-o", out, "-w", "size=%{size_download}\n", https_url(n.main, "/big.bin"),
             preload=False)
    curl_ok(p, ["size=%d" % BIG_SIZE])
    require(sha256_file(out) == s.big_sha, "downloaded file differs from the served one (sha256)")
    os.unlink(out)
    nginx_after(s, n)


# --- socat ----------------------------------------------------------------------------------------
LINE = "hello through TLS %s\n"


def plain_socat_tls_echo(s, label, cert):
    port = free_port()
    argv = ["/usr/bin/socat", "OPENSSL-LISTEN:%d,bind=127.0.0.1,reuseaddr,fork,cert=%s,verify=0" % (port, s.combined(cert)),
            "PIPE"]
    return port, s.start(label, argv, [port], preload=False)


def socat_client(s, port, preload, extra="", data=None):
    data = data or LINE % s.check_name
    argv = ["/usr/bin/socat", "-T", "10", "STDIO",
            "OPENSSL:localhost:%d,cafile=%s,verify=1%s" % (port, CA, extra)]
    return s.run(argv, preload=preload, input=data, label="socat"), data


@check("socat-client", "socat")
def _(s):
    s.require_imports("socat")
    port, _ = plain_socat_tls_echo(s, "socat-peer-echo", "server-ec")
    p, data = socat_client(s, port, preload=True)
    require(p.returncode == 0, "socat exit %d: %s" % (p.returncode, short(p.stderr, 200)))
    require(p.stdout == data, "echo mismatch: sent %r, got %r" % (data, p.stdout[:200]))


@check("socat-client-verify-fail", "socat")
def _(s):
    s.require_imports("socat")
    port, _ = plain_socat_tls_echo(s, "socat-peer-unknownca", "unknownca")
    p, data = socat_client(s, port, preload=True)
    require(p.returncode != 0, "socat exit 0 although the peer's certificate is from an unknown CA")
    require("certificate verify failed" in p.stderr, "socat did not report 'certificate verify failed': %s"
            % short(p.stderr, 200))
    require(data not in p.stdout, "data went through despite the verify failure")


@check("socat-server-client-cert", "socat")
def _(s):
    s.require_imports("socat")
    port = free_port()
    argv = ["/usr/bin/socat", "OPENSSL-LISTEN:%d,bind=127.0.0.1,reuseaddr,cert=%s,cafile=%s,verify=1"
            % (port, s.combined("server-ec"), CA_EC), "PIPE"]
    srv = s.start("socat-sslrs-server", argv, [port], preload=True)
    p, data = socat_client(s, port, preload=False,
                           extra=",cert=%s,key=%s" % (Suite.cert("client.pem"), Suite.cert("client.key")))
    require(p.returncode == 0, "plain socat client exit %d: %s" % (p.returncode, short(p.stderr, 200)))
    require(p.stdout == data, "echo mismatch: sent %r, got %r (server log: %s)" % (data, p.stdout[:200], srv.tail(300)))


# --- stunnel4 -----------------------------------------------------------------------------------
def stunnel(s, label, service):
    s.require_imports("stunnel")
    conf = os.path.join(s.tmp, label + ".conf")
    with open(conf, "w") as fh:
        fh.write("foreground = yes\npid =\ndebug = info\n\n[svc]\n" + service)
    return conf


@check("stunnel-server", "stunnel")
def _(s):
    echo = s.fixture("echo", EchoServer)
    port = free_port()
    conf = stunnel(s, "stunnel-server", "accept = 127.0.0.1:%d\nconnect = 127.0.0.1:%d\ncert = %s\nkey = %s\n"
                   % (port, echo.port, Suite.cert("server-ec.pem"), Suite.cert("server-ec.key")))
    s.start("stunnel-sslrs-server", ["/usr/bin/stunnel4", conf], [port], preload=True)
    p, data = socat_client(s, port, preload=False)
    require(p.returncode == 0, "plain socat client exit %d: %s" % (p.returncode, short(p.stderr, 200)))
    require(p.stdout == data, "echo mismatch through stunnel: sent %r, got %r" % (data, p.stdout[:200]))


def tcp_roundtrip(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT) as c:
        c.sendall(data)
        got = b""
        while len(got) < len(data):
            try:
                chunk = c.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            got += chunk
        return got


@check("stunnel-client", "stunnel")
def _(s):
    tls_port, _ = plain_socat_tls_echo(s, "socat-peer-echo-stunnel", "server-ec")
    port = free_port()
    conf = stunnel(s, "stunnel-client", "client = yes\naccept = 127.0.0.1:%d\nconnect = 127.0.0.1:%d\n"
                   "sni = localhost\nverifyChain = yes\nCAfile = %s\ncheckHost = localhost\n" % (port, tls_port, CA))
    srv = s.start("stunnel-sslrs-client", ["/usr/bin/stunnel4", conf], [port], preload=True)
    data = (LINE % s.check_name).encode() * 1000
    got = tcp_roundtrip(port, data)
    require(got == data, "echo through the stunnel client: sent %d bytes, got %d back (log: %s)"
            % (len(data), len(got), srv.tail(300)))
    s.check_maps(srv.pid, True, "stunnel4")


@check("stunnel-client-verify-fail", "stunnel")
def _(s):
    tls_port, _ = plain_socat_tls_echo(s, "socat-peer-unknownca-stunnel", "unknownca")
    port = free_port()
    conf = stunnel(s, "stunnel-client-bad", "client = yes\naccept = 127.0.0.1:%d\nconnect = 127.0.0.1:%d\n"
                   "sni = localhost\nverifyChain = yes\nCAfile = %s\ncheckHost = localhost\n" % (port, tls_port, CA))
    srv = s.start("stunnel-sslrs-client-bad", ["/usr/bin/stunnel4", conf], [port], preload=True)
    got = tcp_roundtrip(port, b"must not pass\n")
    require(got == b"", "data came back although the server certificate is from an unknown CA")
    deadline = time.monotonic() + 5
    while "Rejected by CERT at depth=0" not in srv.tail(4000) and time.monotonic() < deadline:
        time.sleep(0.1)
    require("Rejected by CERT at depth=0" in srv.tail(4000), "stunnel logged no certificate rejection (Rejected by CERT)")


def stunnel_crl_client(s, label, cert):
    tls_port, _ = plain_socat_tls_echo(s, "socat-peer-" + label, cert)
    port = free_port()
    conf = stunnel(s, label, "client = yes\naccept = 127.0.0.1:%d\nconnect = 127.0.0.1:%d\n"
                   "sni = localhost\nverifyChain = yes\nCAfile = %s\nCRLfile = %s\ncheckHost = localhost\n"
                   % (port, tls_port, CA, Suite.cert("ca-ec.crl.pem")))
    return port, s.start("stunnel-sslrs-" + label, ["/usr/bin/stunnel4", conf], [port], preload=True)


@check("stunnel-client-crl-revoked", "stunnel")
def _(s):
    port, srv = stunnel_crl_client(s, "stunnel-crl-revoked", "revoked")
    got = tcp_roundtrip(port, b"must not pass\n")
    require(got == b"", "data came back although the server certificate is revoked")
    deadline = time.monotonic() + 5
    while "certificate revoked" not in srv.tail(4000) and time.monotonic() < deadline:
        time.sleep(0.1)
    require("certificate revoked" in srv.tail(4000), "stunnel logged no revocation (certificate revoked)")


@check("stunnel-client-crl-good", "stunnel")
def _(s):
    port, srv = stunnel_crl_client(s, "stunnel-crl-good", "server-ec")
    data = (LINE % s.check_name).encode() * 100
    got = tcp_roundtrip(port, data)
    require(got == data, "echo through the stunnel client with a CRL: sent %d bytes, got %d back (log: %s)"
            % (len(data), len(got), srv.tail(300)))


# --- haproxy under sslrs (backend: plain python http.server; peer: plain curl) -------------
def sslrs_haproxy(s):
    def make():
        s.require_imports("haproxy")
        backend = free_port()
        s.start("http.server-backend", [PYTHON, "-m", "http.server", str(backend), "--bind", "127.0.0.1",
                                         "--directory", s.www], [backend], preload=False)
        p = Ports(front=free_port(), mtls=free_port())
        conf = os.path.join(s.tmp, "haproxy.cfg")
        with open(conf, "w") as fh:
            fh.write("""global
    log stderr format raw local0 info
defaults
    mode http
    log global
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe
    bind 127.0.0.1:%d ssl crt %s alpn h2,http/1.1
    http-response set-header X-TLS-Proto %%[ssl_fc_protocol]
    http-response set-header X-ALPN %%[ssl_fc_alpn]
    default_backend be
frontend fe_mtls
    bind 127.0.0.1:%d ssl crt %s ca-file %s verify required crl-file %s
    http-response set-header X-Client-Verify %%[ssl_c_verify]
    http-response set-header X-Client-DN %%[ssl_c_s_dn]
    default_backend be
backend be
    server s1 127.0.0.1:%d
""" % (p.front, s.combined("server-ec"), p.mtls, s.combined("server-ec"), CA_EC,
       Suite.cert("ca-ec-client.crl.pem"), backend))
        srv = s.start("haproxy-sslrs", ["/usr/sbin/haproxy", "-db", "-f", conf], [p.front, p.mtls], preload=True)
        p.server = srv
        p.servers_alive = srv.alive
        return p

    return s.fixture("haproxy-sslrs", make)


@check("haproxy-http1.1", "haproxy")
def _(s):
    h = sslrs_haproxy(s)
    p = curl(s, "--cacert", CA, "--http1.1", "-i", https_url(h.front, "/hello.txt"), preload=False)
    curl_ok(p, ["hello from the plain side", "x-tls-proto: TLSv1.3", "x-alpn: http/1.1"])


@check("haproxy-http2", "haproxy")
def _(s):
    h = sslrs_haproxy(s)
    p = curl(s, "--cacert", CA, "--http2", "-i", "-w", "httpver=%{http_version}\n",
             https_url(h.front, "/hello.txt"), preload=False)
    curl_ok(p, ["hello from the plain side", "x-alpn: h2", "httpver=2"])


@check("haproxy-tls12", "haproxy")
def _(s):
    h = sslrs_haproxy(s)
    p = curl(s, "--cacert", CA, "--tlsv1.2", "--tls-max", "1.2", "-i", https_url(h.front, "/hello.txt"), preload=False)
    curl_ok(p, ["hello from the plain side", "x-tls-proto: TLSv1.2"])


@check("haproxy-client-cert-crl", "haproxy")
def _(s):
    """verify required with a CA file and a CRL: a good client certificate passes, a revoked
    one and none are refused."""
    h = sslrs_haproxy(s)
    p = curl(s, "--cacert", CA, "--cert", Suite.cert("client.pem"), "--key", Suite.cert("client.key"), "-i",
             https_url(h.mtls, "/hello.txt"), preload=False)
    curl_ok(p, ["hello from the plain side", "x-client-verify: 0", "CN=sslrs test client"])
    for extra in (["--cert", Suite.cert("client-revoked.pem"), "--key", Suite.cert("client-revoked.key")], []):
        p = curl(s, "--cacert", CA, *extra, https_url(h.mtls, "/hello.txt"), preload=False)
        require(p.returncode != 0 and "hello from the plain side" not in p.stdout,
                "haproxy let a %s client through (curl exit %d)"
                % ("revoked" if extra else "certificate-less", p.returncode))


@check("haproxy-download-16m", "haproxy")
def _(s):
    h = sslrs_haproxy(s)
    out = os.path.join(s.tmp, "haproxy-big.out")
    p = curl(s, "--cacert", CA, "-o", out, "-w", "size=%{size_download}\n", https_url(h.front, "/big.bin"),
             preload=False)
    curl_ok(p, ["size=%d" % BIG_SIZE])
    require(sha256_file(out) == s.big_sha, "downloaded file differs from the served one (sha256)")
    os.unlink(out)


# --- python3 ------------------------------------------------------------------------------------
PY_CLIENT = r"""
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2])
if len(sys.argv) > 3:
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
with urllib.request.urlopen(sys.argv[1], context=ctx, timeout=20) as r:
    sys.stdout.write(r.read().decode())
"""


def py_client(s, url, *extra):
    s.require_imports("python3")
    return s.run([PYTHON, "-c", PY_CLIENT, url, CA] + list(extra), preload=True, label="python3")


@check("python-client-tls13", "python3")
def _(s):
    n = plain_nginx(s)
    p = py_client(s, https_url(n.ec))
    require(p.returncode == 0, "python3 exit %d: %s" % (p.returncode, short(p.stderr[-300:], 300)))
    require("proto=TLSv1.3" in p.stdout, "unexpected page: %s" % short(p.stdout))


@check("python-client-tls12", "python3")
def _(s):
    n = plain_nginx(s)
    p = py_client(s, https_url(n.rsa), "tls12")
    require(p.returncode == 0, "python3 exit %d: %s" % (p.returncode, short(p.stderr[-300:], 300)))
    require("proto=TLSv1.2" in p.stdout, "unexpected page: %s" % short(p.stdout))


@check("python-client-verify-fail", "python3")
def _(s):
    n = plain_nginx(s)
    p = py_client(s, https_url(n.other))
    require(p.returncode == 1, "python3 exit %d, expected 1 (uncaught URLError)" % p.returncode)
    require("CERTIFICATE_VERIFY_FAILED" in p.stderr and "Hostname mismatch" in p.stderr,
            "python3 did not report a hostname verification failure: %s" % short(p.stderr[-300:], 300))


PY_CRL_CLIENT = r"""
import socket, ssl, sys
port, ca, crl = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
ctx.load_verify_locations(crl)
ctx.verify_flags |= ssl.VERIFY_CRL_CHECK_LEAF
try:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            print("verified", tls.version())
except ssl.SSLCertVerificationError as e:
    print("refused", e.verify_code, e.verify_message)
"""


def py_crl(s, label, cert, key):
    s.require_imports("python3")
    port, _ = s_server(s, "s_server-plain-py-" + label, cert, key, preload=False)
    return s.run([PYTHON, "-c", PY_CRL_CLIENT, str(port), CA, Suite.cert("ca-ec.crl.pem")], preload=True,
                 label="python3")


@check("python-client-crl-revoked", "python3")
def _(s):
    p = py_crl(s, "revoked", "revoked.pem", "revoked.key")
    require(p.returncode == 0, "python3 exit %d: %s" % (p.returncode, short(p.stderr[-300:], 300)))
    require("refused 23 certificate revoked" in p.stdout, "unexpected output: %s" % short(p.stdout))


@check("python-client-crl-good", "python3")
def _(s):
    p = py_crl(s, "crl-good", "server-ec.pem", "server-ec.key")
    require(p.returncode == 0, "python3 exit %d: %s" % (p.returncode, short(p.stderr[-300:], 300)))
    require("verified TLSv1.3" in p.stdout, "unexpected output: %s" % short(p.stdout))


PY_SERVER = r"""
import functools, http.server, ssl, sys
port, cert, key, www = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=www)
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
httpd.serve_forever()
"""


def sslrs_py_server(s):
    def make():
        s.require_imports("python3")
        port = free_port()
        srv = s.start("python-sslrs-server", [PYTHON, "-c", PY_SERVER, str(port), Suite.cert("server-rsa.pem"),
                                              Suite.cert("server-rsa.key"), s.www], [port], preload=True)
        return Ports(port=port, server=srv, servers_alive=srv.alive)

    return s.fixture("python-sslrs-server", make)


@check("python-server-tls13", "python3")
def _(s):
    h = sslrs_py_server(s)
    p = curl(s, "--cacert", CA, https_url(h.port, "/hello.txt"), preload=False)
    curl_ok(p, ["hello from the plain side"])


@check("python-server-tls12", "python3")
def _(s):
    h = sslrs_py_server(s)
    p = curl(s, "--cacert", CA, "--tlsv1.2", "--tls-max", "1.2", https_url(h.port, "/hello.txt"), preload=False)
    curl_ok(p, ["hello from the plain side"])


@check("python-server-download-16m", "python3")
def _(s):
    h = sslrs_py_server(s)
    out = os.path.join(s.tmp, "py-big.out")
    p = curl(s, "--cacert", CA, "-o", out, "-w", "size=%{size_download}\n", https_url(h.port, "/big.bin"),
             preload=False)
    curl_ok(p, ["size=%d" % BIG_SIZE])
    require(sha256_file(out) == s.big_sha, "downloaded file differs from the served one (sha256)")
    os.unlink(out)


# --- PostgreSQL ----------------------------------------------------------------------------------
class PgTemplate:
    """One initdb (as the postgres user) with ssl=on, copied for each server."""

    def __init__(self, s):
        self.s = s
        self.dir = os.path.join(s.tmp, "pg-template")
        # postgres refuses to run as root: as root the servers run as the postgres user
        self.user = "postgres" if os.geteuid() == 0 else None
        pw = pwd.getpwnam(self.user) if self.user else pwd.getpwuid(os.geteuid())
        self.uid, self.gid = pw.pw_uid, pw.pw_gid
        os.makedirs(self.dir)
        os.chown(self.dir, self.uid, self.gid)
        p = s.run([PG_BIN + "/initdb", "-D", self.dir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"],
                  preload=False, label="initdb", timeout=120, env_extra={"HOME": pw.pw_dir}, cwd="/",
                  user=self.user)
        require(p.returncode == 0, "initdb failed: %s" % short(p.stderr, 300))
        for name in ("server-ec.pem", "server-ec.key", "ca-ec.pem"):
            dst = os.path.join(self.dir, name)
            shutil.copy(Suite.cert(name), dst)
            os.chown(dst, self.uid, self.gid)
            os.chmod(dst, 0o600)

    def server(self, label, preload, client_ca=False):
        s = self.s
        data = os.path.join(s.tmp, label)
        subprocess.run(["cp", "-a", self.dir, data], check=True, timeout=60)
        sock = os.path.join(s.tmp, label + "-sock")
        os.makedirs(sock)
        os.chown(sock, self.uid, self.gid)
        port = free_port()
        with open(os.path.join(data, "pg_hba.conf"), "w") as fh:  # TLS only; certuser needs a client cert
            fh.write("local all all trust\n"
                     + ("hostssl all certuser 127.0.0.1/32 trust clientcert=verify-ca\n" if client_ca else "")
                     + "hostssl all postgres 127.0.0.1/32 trust\n")
        with open(os.path.join(data, "postgresql.conf"), "a") as fh:
            fh.write("\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"
                     "ssl = on\nssl_cert_file = 'server-ec.pem'\nssl_key_file = 'server-ec.key'\n"
                     "%sfsync = off\nshared_buffers = 16MB\nmax_connections = 20\n"
                     "logging_collector = off\nlog_connections = on\n"
                     % (port, sock, "ssl_ca_file = 'ca-ec.pem'\n" if client_ca else ""))
        srv = s.start(label, [PG_BIN + "/postgres", "-D", data], [port], preload=preload, user=self.user,
                      stop_signal=signal.SIGINT)
        deadline = time.monotonic() + START_TIMEOUT
        while True:  # plain pg_isready over the unix socket until the server accepts connections
            p = subprocess.run([PG_BIN + "/pg_isready", "-q", "-h", sock, "-p", str(port)], env=s.env(False, False),
                               timeout=10)
            if p.returncode == 0:
                break
            require(srv.alive() and time.monotonic() < deadline, "postgres did not become ready: %s" % srv.tail())
            time.sleep(0.1)
        p = subprocess.run([PG_BIN + "/psql", "-h", sock, "-p", str(port), "-U", "postgres", "-Atc",
                            "create role certuser login"], env=s.env(False, False), capture_output=True, text=True,
                           timeout=20)
        require(p.returncode == 0, "create role failed: %s" % p.stderr)
        return Ports(port=port, server=srv, servers_alive=srv.alive)


SSL_QUERY = "select ssl, version, coalesce(client_dn, '-') from pg_stat_ssl where pid = pg_backend_pid()"


def psql(s, port, preload, user="postgres", root=CA_EC, extra=""):
    conninfo = "host=localhost port=%d user=%s dbname=postgres sslmode=verify-full sslrootcert=%s%s" % (
        port, user, root, extra)
    return s.run([PG_BIN + "/psql", "-X", "-At", "-d", conninfo, "-c", SSL_QUERY], preload=preload, label="psql",
                 env_extra={"PGCONNECT_TIMEOUT": "20", "HOME": s.tmp})


def psql_ok(p, want):
    require(p.returncode == 0, "psql exit %d: %s" % (p.returncode, short(p.stderr, 300)))
    require(p.stdout.strip() == want, "psql printed %r, expected %r" % (p.stdout.strip(), want))


def plain_postgres(s):
    return s.fixture("postgres-plain", lambda: s.fixture("pg-template", lambda: PgTemplate(s)).server(
        "postgres-plain", False, client_ca=True))


def sslrs_postgres(s, client_ca=False):
    """postgres under sslrs; the instance for client certificates is separate because ssl_ca_file
    needs SSL_load_client_CA_file, which should not hold back the other checks."""
    name = "postgres-sslrs-mtls" if client_ca else "postgres-sslrs"

    def make():
        s.require_imports("postgres")
        return s.fixture("pg-template", lambda: PgTemplate(s)).server(name, True, client_ca=client_ca)

    pg = s.fixture(name, make)
    s.check_maps(pg.server.pid, True, "postgres (postmaster)")
    return pg


CLIENT_DN = "/O=sslrs test/CN=sslrs test client"


@check("psql-verify-full", "psql")
def _(s):
    s.require_imports("psql")
    pg = plain_postgres(s)
    psql_ok(psql(s, pg.port, preload=True), "t|TLSv1.3|-")


@check("psql-tls12", "psql")
def _(s):
    s.require_imports("psql")
    pg = plain_postgres(s)
    psql_ok(psql(s, pg.port, preload=True, extra=" ssl_max_protocol_version=TLSv1.2"), "t|TLSv1.2|-")


@check("psql-client-cert", "psql")
def _(s):
    s.require_imports("psql")
    pg = plain_postgres(s)
    p = psql(s, pg.port, preload=True, user="certuser",
             extra=" sslcert=%s sslkey=%s" % (Suite.cert("client.pem"), os.path.join(s.certdir, "client.key")))
    psql_ok(p, "t|TLSv1.3|" + CLIENT_DN)


@check("psql-wrong-ca", "psql")
def _(s):
    s.require_imports("psql")
    pg = plain_postgres(s)
    p = psql(s, pg.port, preload=True, root=Suite.cert("other-ca.pem"))
    require(p.returncode == 2, "psql exit %d, expected 2 (connection failed)" % p.returncode)
    require("certificate verify failed" in p.stderr, "psql did not report 'certificate verify failed': %s"
            % short(p.stderr, 200))


@check("postgres-server-verify-full", "postgres")
def _(s):
    pg = sslrs_postgres(s)
    psql_ok(psql(s, pg.port, preload=False), "t|TLSv1.3|-")


@check("postgres-server-tls12", "postgres")
def _(s):
    pg = sslrs_postgres(s)
    psql_ok(psql(s, pg.port, preload=False, extra=" ssl_max_protocol_version=TLSv1.2"), "t|TLSv1.2|-")


@check("postgres-server-client-cert", "postgres")
def _(s):
    pg = sslrs_postgres(s, client_ca=True)
    p = psql(s, pg.port, preload=False, user="certuser",
             extra=" sslcert=%s sslkey=%s" % (Suite.cert("client.pem"), os.path.join(s.certdir, "client.key")))
    psql_ok(p, "t|TLSv1.3|" + CLIENT_DN)


# =================================================================================================
def load_xfail():
    xf = {}
    if os.path.exists(XFAIL_FILE):
        with open(XFAIL_FILE) as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if line:
                    name, _, reason = line.partition(" ")
                    xf[name] = reason.strip() or "listed"
    return xf


def xfail_reason(xf, name):
    for pat, reason in xf.items():
        if fnmatch.fnmatchcase(name, pat):
            return reason
    return None


def update_expected(old, ran, observed, missing_cache):
    """Rewrites programs/expected-failures.txt from this run: failing checks with the observed
    reason, passing ones removed; entries for checks that did not run are kept."""
    ran_names = {c[0] for c in ran}
    entries = {k: v for k, v in old.items() if k not in ran_names}
    entries.update(observed)
    programs = sorted({p for name, p, _ in CHECKS if name in entries and "missing libssl imports" in entries[name]})
    with open(XFAIL_FILE, "w") as fh:
        fh.write(XFAIL_HEADER)
        fh.write("# Written by `programs/run.py --update-expected` on %s UTC.\n#\n" % time.strftime("%Y-%m-%d %H:%M", time.gmtime()))
        for p in programs:
            if p in missing_cache:
                fh.write(textwrap.fill(" ".join(missing_cache[p][0]), 98, initial_indent="# %s lacks: " % p,
                                       subsequent_indent="#   ", break_on_hyphens=False) + "\n")
        fh.write("\n")
        order = [c[0] for c in CHECKS]
        for name in sorted(entries, key=lambda n: order.index(n) if n in order else len(order)):
            fh.write("%-40s %s\n" % (name, entries[name]))
    print("wrote %s (%d entries)" % (os.path.relpath(XFAIL_FILE, ROOT), len(entries)))


XFAIL_HEADER = """\
# Expected failures of the real-program suite (programs/run.py), one per line:
#   <check name or fnmatch pattern>   <what it waits for: missing function, observed failure>
# A listed check that fails prints XFAIL; one that passes prints XPASS: delete its line then.
# Baseline mode (make test-programs-baseline) ignores this file: every check must pass there.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", action="store_true", default=os.environ.get("SSLRS_PROGRAMS_BASELINE") == "1")
    ap.add_argument("-k", action="append", default=[])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--results")
    ap.add_argument("--ignore-missing", action="store_true")
    ap.add_argument("--update-expected", action="store_true")
    args = ap.parse_args()
    budget = float(os.environ.get("SSLRS_PROGRAMS_BUDGET", "600"))
    checks = [c for c in CHECKS if not args.k or any(fnmatch.fnmatchcase(c[0], k) for k in args.k)]
    if args.list:
        for name, program, _ in checks:
            print("%-40s %s" % (name, program))
        return 0
    xf = {} if args.baseline else load_xfail()
    unknown = [k for k in xf if not any(fnmatch.fnmatchcase(c[0], k) for c in CHECKS)]
    os.makedirs(LOGDIR, exist_ok=True)
    for f in glob.glob(os.path.join(LOGDIR, "*.log")):
        os.unlink(f)
    mode = "baseline: no preload, the real OpenSSL" if args.baseline else "LD_PRELOAD=" + os.path.realpath(
        os.environ.get("SSLRS_LIB", os.path.join(ROOT, "build", "libsslrs.so")))
    print("== real programs (%s); logs in %s ==" % (mode, os.path.relpath(LOGDIR, ROOT)), flush=True)
    if not args.baseline and not os.path.exists(os.environ.get("SSLRS_LIB", os.path.join(ROOT, "build", "libsslrs.so"))):
        print("FAIL programs — %s not built (make lib)" % os.path.join(ROOT, "build", "libsslrs.so"))
        return 1
    missing_tools = [p for p, (exe, _) in PROGRAMS.items() if not os.path.exists(exe)]
    for tool in ("/usr/bin/curl", PG_BIN + "/initdb", "/usr/bin/nm"):
        if not os.path.exists(tool):
            missing_tools.append(tool)
    start = time.monotonic()
    counts = dict(PASS=0, FAIL=0, XFAIL=0, XPASS=0)
    observed = {}  # check -> failure reason (for --update-expected)
    s = Suite(args)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)

    signal.signal(signal.SIGTERM, on_signal)
    try:
        for name, program, fn in checks:
            s.check_name = name
            logpath = os.path.join(LOGDIR, name + ".log")
            s.logfh = open(logpath, "w")
            t0 = time.monotonic()
            first = len(s.servers)
            reason = ""
            try:
                if time.monotonic() - start > budget:
                    raise CheckFailed("not run: the suite's time budget (SSLRS_PROGRAMS_BUDGET=%.0fs) is spent" % budget)
                if program in missing_tools or not os.path.exists(PROGRAMS[program][0]):
                    raise CheckFailed("%s is not installed (.ci/run installs it)" % PROGRAMS[program][0])
                s.require_imports(program)
                fn(s)
                ok = True
            except Missing as e:
                ok, reason = False, str(e)
                observed[name] = "missing libssl imports of %s (%d, listed above)" % (
                    e.program, len(s.missing_cache[e.program][0]))
            except CheckFailed as e:
                ok, reason = False, str(e)
            except Exception as e:  # noqa: BLE001 - a broken check is a failure, not a crash
                ok, reason = False, "%s: %s" % (type(e).__name__, e)
                s.log(traceback.format_exc())
            if not ok:  # a server under sslrs that died explains more than the client's error
                for i, srv in enumerate(s.servers):
                    if i >= first and srv.preload and "exited with status" not in reason:
                        try:
                            srv.proc.wait(timeout=1)
                        except subprocess.TimeoutExpired:
                            pass
                    rc = srv.proc.poll()
                    if srv.preload and rc is not None and rc != 0 and not getattr(srv, "reported", False):
                        srv.reported = True
                        how = "killed by signal %d" % -rc if rc < 0 else "exited with status %d" % rc
                        reason += " [%s %s]" % (srv.label, how)
            s.log("result: %s %s (%.1fs)" % ("ok" if ok else "failed", reason, time.monotonic() - t0))
            if not ok and name not in observed:
                r = reason.replace(s.tmp, "$TMP").replace(ROOT + "/", "")
                r = re.sub(r"\b[0-9A-F]{16}:error:", "error:", r)
                r = re.sub(r"(port|listening on) \d+", r"\1 N", r)
                r = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC \[\d+\] ", "", r)
                observed[name] = short(r, 240)
            s.logfh.close()
            s.logfh = None
            xr = xfail_reason(xf, name)
            if ok:
                status = "XPASS" if xr else "PASS"
                text = "expected to fail (%s) but passed: remove it from programs/expected-failures.txt" % xr if xr else "%.1fs" % (time.monotonic() - t0)
            else:
                status = "XFAIL" if xr else "FAIL"
                text = reason + (" [expected: %s]" % xr if xr else " (log: %s)" % os.path.relpath(logpath, ROOT))
            counts[status] += 1
            print("%-5s %s — %s" % (status, name, text), flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        counts["FAIL"] += 1
    finally:
        s.cleanup()
    if not args.baseline:
        with open(os.path.join(LOGDIR, "missing-imports.txt"), "w") as fh:
            for program, (missing, carriers, n) in sorted(s.missing_cache.items()):
                fh.write("%s: %d of %d libssl imports missing (%s):\n  %s\n"
                         % (program, len(missing), n, ", ".join(carriers), "\n  ".join(missing) or "(none)"))
        if args.update_expected:
            update_expected(xf, checks, observed, s.missing_cache)
    for k in unknown:
        print("WARNING: programs/expected-failures.txt names no check: %s" % k)
    strict = os.environ.get("SSLRS_PROGRAMS_STRICT") == "1"
    tail = ", %d unexpectedly passed (XPASS)" % counts["XPASS"] if counts["XPASS"] else ""
    print("programs: %.0fs" % (time.monotonic() - start))
    print("%d passed, %d failed, %d expected-to-fail%s" % (counts["PASS"], counts["FAIL"], counts["XFAIL"], tail))
    failed = counts["FAIL"] + (counts["XPASS"] if strict else 0)
    if args.results:
        os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
        with open(args.results, "w") as fh:
            fh.write("programs %d %d\n" % (counts["PASS"] + (0 if strict else counts["XPASS"]), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
