#!/usr/bin/python3
"""CPython's own TLS test suite (test.test_ssl, Debian package libpython3.11-testsuite) run twice
by the system python3: once on plain OpenSSL, once with LD_PRELOAD=build/libsslrs.so (python's
_ssl module links libssl.so.3 dynamically, so the preload puts sslrs under it).

Each run is one child process (this file with --child) that loads test.test_ssl with unittest,
network resources disabled (the tests that need the internet stay skipped; everything else talks
to 127.0.0.1), and writes one line per test: "<outcome> <test id>". Outcomes: pass, fail, error,
skip, xfail, xpass. A child that dies or exceeds --timeout counts its unreported tests as "error".

The diff: every test that passes on OpenSSL must pass on sslrs, unless it is listed in
programs/test-python-expected.txt with the reason (a deliberate limit of sslrs or a known gap).
A listed test that passes on sslrs is reported as XPASS (delete its line then).

Usage: programs/test_python.py [--results FILE] [--timeout SECONDS] [--keep-logs]
  --results FILE  also write "test_ssl P F" (for scripts/summary.sh): P = tests passing on both,
                  F = unexpected differences
Environment: SSLRS_LIB (default build/libsslrs.so).
Exit status: 1 when a test passing on OpenSSL fails on sslrs and is not listed, else 0.
Logs: build/test-python/{openssl,sslrs}.{log,txt}.
"""

import argparse
import fnmatch
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED_FILE = os.path.join(ROOT, "programs", "test-python-expected.txt")
LOGDIR = os.path.join(ROOT, "build", "test-python")
PYTHON = "/usr/bin/python3"
TESTSUITE = "/usr/lib/python3.11/test/test_ssl.py"


def child(out_path):
    """Runs test.test_ssl with unittest; one result line per test to out_path (line-buffered,
    so a crash or a timeout still leaves the tests already finished)."""
    import unittest
    from test import support

    support.use_resources = []  # as regrtest without -u: no network, no cpu-heavy resources
    out = open(out_path, "w", buffering=1)

    class Result(unittest.TextTestResult):
        def _rec(self, outcome, test):
            out.write("%s %s\n" % (outcome, test.id()))

        def addSuccess(self, test):
            super().addSuccess(test)
            self._rec("pass", test)

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._rec("fail", test)

        def addError(self, test, err):
            super().addError(test, err)
            # errors of setUpClass/setUpModule come with a _ErrorHolder, not a test
            self._rec("error", test)

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self._rec("skip", test)

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            self._rec("xfail", test)

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            self._rec("xpass", test)

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                self._rec("fail" if issubclass(err[0], test.failureException) else "error", test)

    from test import test_ssl

    suite = unittest.defaultTestLoader.loadTestsFromModule(test_ssl)
    with open(out_path + ".all", "w") as f:
        for t in iter_tests(suite):
            f.write(t.id() + "\n")
    runner = unittest.TextTestRunner(verbosity=2, resultclass=Result, stream=sys.stderr)
    runner.run(suite)
    out.close()


def iter_tests(suite):
    import unittest

    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from iter_tests(t)
        else:
            yield t


def run(label, env_extra, timeout):
    os.makedirs(LOGDIR, exist_ok=True)
    txt = os.path.join(LOGDIR, label + ".txt")
    log = os.path.join(LOGDIR, label + ".log")
    for p in (txt, txt + ".all"):
        if os.path.exists(p):
            os.remove(p)
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    env.update(env_extra)
    t0 = time.time()
    status = "ok"
    with open(log, "wb") as lf:
        try:
            p = subprocess.run([PYTHON, os.path.abspath(__file__), "--child", txt], env=env, stdout=lf,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=timeout,
                               cwd=LOGDIR)
            if p.returncode < 0:
                status = "killed by signal %d" % -p.returncode
        except subprocess.TimeoutExpired:
            status = "timed out after %d s" % timeout
    elapsed = time.time() - t0
    results = {}
    if os.path.exists(txt):
        for line in open(txt):
            outcome, _, tid = line.strip().partition(" ")
            # a test with several failing subtests or a failing tearDown reports more than once:
            # the worst outcome wins
            prev = results.get(tid)
            if prev is None or prev in ("pass", "skip") or outcome in ("fail", "error"):
                if not (prev in ("fail", "error") and outcome in ("pass", "skip")):
                    results[tid] = outcome
    if os.path.exists(txt + ".all"):
        for line in open(txt + ".all"):
            tid = line.strip()
            if tid and tid not in results:
                results[tid] = "error"  # never reported: the child died or timed out
    return results, status, elapsed


def counts(results):
    c = {"pass": 0, "fail": 0, "error": 0, "skip": 0, "xfail": 0, "xpass": 0}
    for o in results.values():
        c[o] = c.get(o, 0) + 1
    return "%d passed, %d failed, %d errors, %d skipped" % (
        c["pass"] + c["xfail"], c["fail"] + c["xpass"], c["error"], c["skip"])


def load_expected():
    exp = []
    for line in open(EXPECTED_FILE):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, reason = line.strip().partition(" ")
        exp.append((name, reason.strip()))
    return exp


def short(tid):
    return tid[len("test.test_ssl."):] if tid.startswith("test.test_ssl.") else tid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--results")
    ap.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()
    if a.child:
        child(a.child)
        return 0
    if not os.path.exists(TESTSUITE):
        print("test_ssl: %s missing (apt-get install libpython3.11-testsuite): SKIP" % TESTSUITE)
        if a.results:
            os.makedirs(os.path.dirname(a.results) or ".", exist_ok=True)
            with open(a.results, "w") as f:
                f.write("test_ssl 0 0\n")
        return 0
    lib = os.path.realpath(os.environ.get("SSLRS_LIB", os.path.join(ROOT, "build", "libsslrs.so")))
    ossl, ost, oel = run("openssl", {}, a.timeout)
    print("test_ssl on OpenSSL: %s (%.0f s%s)" % (counts(ossl), oel, "" if ost == "ok" else ", " + ost))
    ours, sst, sel = run("sslrs", {"LD_PRELOAD": lib}, a.timeout)
    print("test_ssl on sslrs:   %s (%.0f s%s)" % (counts(ours), sel, "" if sst == "ok" else ", " + sst))
    expected = load_expected()
    used = set()
    unexpected, xfail, xpass = [], [], []
    for tid in sorted(ossl):
        if ossl[tid] not in ("pass", "xfail"):
            continue
        mine = ours.get(tid, "error")
        match = next((e for e in expected if fnmatch.fnmatchcase(short(tid), e[0])), None)
        if match:
            used.add(match[0])
        if mine in ("pass", "xfail"):
            if match:
                xpass.append((tid, match[1]))
            continue
        if match:
            xfail.append((tid, mine, match[1]))
        else:
            unexpected.append((tid, mine))
    for tid, mine, reason in xfail:
        print("XFAIL %-70s %s (%s)" % (short(tid), mine, reason))
    for tid, reason in xpass:
        print("XPASS %-70s passes on sslrs now: delete its line from %s" % (
            short(tid), os.path.relpath(EXPECTED_FILE, ROOT)))
    for tid, mine in unexpected:
        print("FAIL  %-70s passes on OpenSSL, %s on sslrs" % (short(tid), mine))
    both = sum(1 for t in ossl if ossl[t] in ("pass", "xfail") and ours.get(t) in ("pass", "xfail"))
    print("test_ssl: %d pass on both, %d expected differences, %d unexpected%s" % (
        both, len(xfail), len(unexpected), ", %d unexpectedly passed" % len(xpass) if xpass else ""))
    print("logs: %s" % os.path.relpath(LOGDIR, ROOT))
    if a.results:
        os.makedirs(os.path.dirname(a.results) or ".", exist_ok=True)
        with open(a.results, "w") as f:
            f.write("test_ssl %d %d\n" % (both, len(unexpected)))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
