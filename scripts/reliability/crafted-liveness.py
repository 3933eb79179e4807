#!/usr/bin/env python3
"""Crafted cases for liveness: slow ticks, hostile files in the proc tree, standard input and
signals (issue 11, points 5, 6, 7 and 9).

    scripts/reliability/crafted-liveness.py OUTDIR

Writes one directory per case under OUTDIR in the format scripts/reliability/run-crafted.sh runs
(scripts/reliability/README.md): `args`, `expect` and the proc tree the case reads, a copy of
Tests/Fixtures/proc-storm with one file replaced. The 1,000,000-line net/tcp (114 MB) is written
once, in OUTDIR/.liveness-shared, and linked into the cases that read it.
"""
import os
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "Tests" / "Fixtures" / "proc-storm"
HUGE_LINES = 1_000_000

CASES = []


def case(name, args, exit, **expect):
    """Registers a case; `expect` holds the other expect keys (stderr, mode, keys, signal…)."""
    def register(make=lambda d: None):
        CASES.append((name, args, exit, expect, make))
        return make
    return register


def tree(d):
    """The case's proc tree: a copy of the fixture."""
    shutil.copytree(FIXTURE, d / "tree", symlinks=True)
    return d / "tree"


def replace(d, relative, make):
    """A fixture copy with `relative` removed and made again by `make(path)`."""
    path = tree(d) / relative
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    make(path)


def huge_tcp(out):
    """net/tcp with HUGE_LINES TIME_WAIT sockets from 127.0.0.1 to 127.0.0.2:8080, written once."""
    shared = out / ".liveness-shared"
    path = shared / "tcp"
    if path.exists():
        return path
    shared.mkdir(exist_ok=True)
    header = (FIXTURE / "net" / "tcp").read_text().splitlines()[0]
    with open(path, "w") as f:
        f.write(header + "\n")
        row = "%4d: 0100007F:%04X 0200007F:1F90 06 00000000:00000000 03:00000F9D 00000000     0        0 0 3 0000000000000000\n"
        for start in range(0, HUGE_LINES, 10_000):
            f.write("".join(row % (i, 1024 + i % 60000) for i in range(start, start + 10_000)))
    return path


def exact(text):
    """A regex for one stderr line, exactly `netwatch: text`."""
    return "netwatch: " + re.escape(text) + "\\n"


TREE = ["--proc-root", "@CASE@/tree"]
SNAPSHOT = ["snapshot", "--sample", "0"] + TREE
DASHBOARD = ["--interval", "0.5"] + TREE
HUGE = {"mode": "dashboard", "settle": "1", "timeout": "30"}

# Point 5: a tick that costs seconds (1,000,000 sockets read from /proc) never delays keys,
# signals or a hangup.
for name, code, expect in [
    ("huge-tcp-q-quits-within-a-second", 0, {"keys": "q", "exit_within": "1"}),
    ("huge-tcp-sigterm-within-a-second", 143, {"signal": "TERM", "exit_within": "1"}),
    ("huge-tcp-sigint-within-a-second", 130, {"signal": "INT", "exit_within": "1"}),
    ("huge-tcp-ends-with-its-tmux-server", 129, {"hangup": "1", "exit_within": "2"}),
]:
    @case(name, DASHBOARD, code, **HUGE, **expect)
    def make(d):
        tcp = huge_tcp(d.parent)
        replace(d, "net/tcp", lambda path: path.symlink_to(tcp))


# Point 6: files that are not regular are refused, never read forever or blocked on.
NOT_REGULAR = [
    ("dev-zero-as-net-tcp", "net/tcp", lambda p: p.symlink_to("/dev/zero"), "is a character device, not a regular file; not read"),
    ("dev-zero-as-file-nr", "sys/fs/file-nr", lambda p: p.symlink_to("/dev/zero"), "is a character device, not a regular file; not read"),
    ("fifo-as-net-tcp", "net/tcp", os.mkfifo, "is a FIFO, not a regular file; not read"),
    ("fifo-as-sockstat", "net/sockstat", os.mkfifo, "is a FIFO, not a regular file; not read"),
    ("fifo-as-pid-limits", "11789/limits", os.mkfifo, None),
    ("directory-as-snmp", "net/snmp", os.mkdir, "is a directory, not a regular file; not read"),
]
for name, relative, make_file, said in NOT_REGULAR:
    expect = {"stdout_contains": "tree/%s %s" % (relative, said)} if said else {}
    case("snapshot-" + name, SNAPSHOT, 0, **expect)(lambda d, r=relative, m=make_file: replace(d, r, m))
    case("dashboard-" + name, DASHBOARD, 0, mode="dashboard", keys="q")(lambda d, r=relative, m=make_file: replace(d, r, m))


@case("snapshot-net-tcp-over-its-bound", SNAPSHOT, 0, stdout_contains="tree/net/tcp is larger than 256 MiB; not read")
def make(d):
    def sparse(path):
        with open(path, "w") as f:
            f.truncate(300 << 20)   # a hole: no disk used
    replace(d, "net/tcp", sparse)


@case("snapshot-sockstat-over-its-bound", SNAPSHOT, 0, stdout_contains="tree/net/sockstat is larger than 1 MiB; not read")
def make(d):
    def sparse(path):
        with open(path, "w") as f:
            f.truncate(2 << 20)
    replace(d, "net/sockstat", sparse)


# Point 7: standard input that is not a terminal; standard descriptors closed at start.
QUIET = {"mode": "dashboard", "settle": "3", "cpu_max": "0.3", "keys": "q"}
case("dashboard-stdin-dev-null-keys-from-tty", DASHBOARD, 0, stdin="null", **QUIET)(tree)
case("dashboard-stdin-closed-keys-from-tty", DASHBOARD, 0, stdin="closed", **QUIET)(tree)
case("dashboard-stderr-closed", DASHBOARD, 0, stderr_fd="closed", **QUIET)(tree)
case("dashboard-stdout-closed", DASHBOARD, 2, stdout="closed",
     stderr=exact("netwatch needs a terminal; use `netwatch snapshot` for JSON"))(tree)
case("dashboard-without-a-terminal-for-keys", DASHBOARD, 2, stdout="pty", stdin="null", env="TERM=xterm-256color",
     stderr=exact("no terminal to read keys from: standard input is not a terminal and /dev/tty cannot be opened; "
                  "run netwatch from a terminal"))(tree)

# Point 9: every signal that ends the process leaves the terminal restored; the signals the
# dashboard takes (QUIT, USR1, ALRM, …) end it with 128+N and no report; faults (sent here with
# kill: the same handlers as a real crash) print the crash report after the terminal is back,
# without waiting for a key.
for name, number in [("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14), ("VTALRM", 26), ("XCPU", 24),
                     ("RTMIN", 34), ("HUP", 1)]:
    case("dashboard-sig%s-exits-%d" % (name.lower(), 128 + number), DASHBOARD, 128 + number, mode="dashboard",
         signal=name, exit_within="2", stderr="")(tree)
case("dashboard-ctrl-backslash-exits-131", DASHBOARD, 128 + 3, mode="dashboard", press="C-\\", exit_within="2", stderr="")(tree)
case("dashboard-sigprof-restores-then-dies", DASHBOARD, 128 + 27, mode="dashboard", signal="PROF", exit_within="2", stderr="")(tree)
for name, number in [("SEGV", 11), ("ILL", 4), ("TRAP", 5), ("ABRT", 6), ("BUS", 7), ("FPE", 8)]:
    case("dashboard-sig%s-crash-report-after-restore" % name.lower(), DASHBOARD, 128 + number, mode="dashboard",
         signal=name, exit_within="20", timeout="40", stderr_contains="Program crashed")(tree)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: crafted-liveness.py OUTDIR")
    out = pathlib.Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for name, args, exit, expect, make in CASES:
        d = out / name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir()
        make(d)
        (d / "args").write_text("".join(a + "\n" for a in args))
        lines = ["exit=%d" % exit] + ["%s=%s" % item for item in expect.items()]
        (d / "expect").write_text("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main()
