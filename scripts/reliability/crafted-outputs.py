#!/usr/bin/env python3
"""Crafted cases for output paths, write errors and arguments (issue 11, points 1, 2, 8, 12).

    scripts/reliability/crafted-outputs.py OUTDIR

Writes one directory per case under OUTDIR, in the format scripts/reliability/run-crafted.sh
runs (docs: /work/coord/HELPER-RULES.md, "Crafted-case suite"): `args` (netwatch's arguments, one
per line, `@CASE@` standing for the case directory), `expect` (`exit=`, `stderr=` regex, `mode=`,
`keys=`) and the inputs the case needs, made here (symlinks, directories, recordings). Cases that
need root to set up (device nodes, files of another user) are left out, with a note on stderr,
when this script does not run as root. No case touches anything outside its own directory: a
device is a node made in the case directory, never /dev's.

What the format cannot say is tested elsewhere: `> /dev/full` and the files left behind (a device
still a device, an owner kept) in Tests/IntegrationTests/OutputPathCommandTests.swift, an
unreadable --proc-root (needs another user) in ArgumentErrorTests.swift.
"""
import os
import pathlib
import re
import shutil
import stat
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = str(ROOT / "Tests" / "Fixtures" / "proc-storm")
IS_ROOT = os.geteuid() == 0
NOBODY = 65534


def line(n, schema="netwatch.snapshot/1"):
    """A minimal recording line (every optional section absent), n seconds into the recording."""
    return ('{"schema":"%s","taken_at":"2026-03-14T09:26:%02d.000Z",' % (schema, n)
            + '"collector":{"source":"procfs","duration_ms":1,"sockets_ms":0,"processes_ms":0,"skipped_lines":0},'
            + '"ports":{"destination_count":0},"fds":{"process_count":0,"unreadable_processes":0}}\n')


def exact(text):
    """A regex matching `text` (one stderr line) exactly, with `@PATH@` matching any path."""
    return "netwatch: " + re.escape(text).replace(re.escape("@PATH@"), ".*") + "\\n"


CASES = []


def case(name, args, exit, stderr=None, mode=None, keys=None, needs_root=False, **extra):
    """Registers a case; `extra` are more `expect` keys (`env`, `stdout`, `stderr_fd`,
    `stdout_contains`, as the runner knows them)."""
    def register(make=lambda d: None):
        CASES.append((name, args, exit, stderr, mode, keys, needs_root, extra, make))
        return make
    return register


SNAPSHOT = ["snapshot", "--sample", "0", "--proc-root", FIXTURE]
RECORD = ["record", "--interval", "0.1", "--proc-root", FIXTURE]
JSON_START = '{"schema":"netwatch.snapshot/1"'
NOT_MINE = "it is a symbolic link to a file owned by uid 65534; netwatch writes through a symlink only into your own files"


def foreign_file(d, name, text="precious\n"):
    path = d / name
    path.write_text(text)
    os.chown(path, NOBODY, NOBODY)
    os.chmod(path, 0o600)
    return path


# Point 1: snapshot -o and what is at the path.

@case("out-char-device-written-in-place", SNAPSHOT + ["-o", "@CASE@/null"], 0, needs_root=True)
def _(d):
    os.mknod(d / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))


@case("out-full-device-write-error", SNAPSHOT + ["-o", "@CASE@/full"], 1,
      exact("cannot write '@PATH@/full': writing: No space left on device"), needs_root=True)
def _(d):
    os.mknod(d / "full", stat.S_IFCHR | 0o666, os.makedev(1, 7))


@case("out-symlink-to-stdout", SNAPSHOT + ["-o", "@CASE@/link"], 0, stdout_contains=JSON_START)
def _(d):
    os.symlink("/proc/self/fd/1", d / "link")


# /dev/fd/1 rather than /dev/stdout: should this ever regress to renaming over the path, the
# system's /dev/stdout must not be what gets replaced.
case("out-dev-fd-1", SNAPSHOT + ["-o", "/dev/fd/1"], 0, stdout_contains=JSON_START)()


@case("out-symlink-to-another-users-file", SNAPSHOT + ["-o", "@CASE@/link.json"], 1,
      exact("cannot write '@PATH@/link.json': " + NOT_MINE), needs_root=True)
def _(d):
    foreign_file(d, "precious.txt")
    os.symlink("precious.txt", d / "link.json")


@case("out-dangling-symlink", SNAPSHOT + ["-o", "@CASE@/link.json"], 1,
      exact("cannot write '@PATH@/link.json': it is a symbolic link to a missing file; "
            "netwatch does not create files through a symlink"))
def _(d):
    os.symlink("absent", d / "link.json")


@case("out-directory", SNAPSHOT + ["-o", "@CASE@/sub"], 1,
      exact("cannot write '@PATH@/sub': it is a directory; netwatch writes only to regular files, "
            "character devices and FIFOs"))
def _(d):
    (d / "sub").mkdir()


@case("out-another-users-file-replaced-keeping-owner", SNAPSHOT + ["-o", "@CASE@/theirs.json"], 0, needs_root=True)
def _(d):
    foreign_file(d, "theirs.json")


case("out-empty-path", SNAPSHOT + ["-o", ""], 2, exact("-o: expected a file path, not an empty string"))()
case("export-dir-empty", ["top", "--export-dir", ""], 2, exact("--export-dir: expected a directory, not an empty string"))()

# Point 2: record -o and rotation.


@case("record-symlink-to-another-users-file", RECORD + ["--count", "1", "-o", "@CASE@/l.ndjson"], 1,
      exact("cannot write '@PATH@/l.ndjson': " + NOT_MINE), needs_root=True)
def _(d):
    foreign_file(d, "precious.txt")
    os.symlink("precious.txt", d / "l.ndjson")


@case("record-rotation-directory-named-like-file-3",
      RECORD + ["--count", "3", "--max-size", "30k", "-o", "@CASE@/r.ndjson"], 1,
      exact("cannot write '@PATH@/r.ndjson': cannot rotate: '@PATH@/r.ndjson.3' is a directory; "
            "--max-size renames only regular files (move it away)"))
def _(d):
    (d / "r.ndjson.3").mkdir()


@case("record-rotation-file-is-a-symlink",
      RECORD + ["--count", "3", "--max-size", "30k", "-o", "@CASE@/r.ndjson"], 1,
      exact("cannot write '@PATH@/r.ndjson': cannot rotate: '@PATH@/r.ndjson' is a symbolic link; "
            "--max-size renames only regular files (move it away)"))
def _(d):
    (d / "mine.ndjson").write_text("")
    os.symlink("mine.ndjson", d / "r.ndjson")


case("record-empty-path", RECORD + ["-o", ""], 2, exact("-o: expected a file path or '-', not an empty string"))()

# Point 8: write errors are one line and exit 1 (descriptor 99 is not open).

case("snapshot-closed-descriptor", SNAPSHOT + ["-o", "/dev/fd/99"], 1,
     exact("cannot write '/dev/fd/99': writing: Bad file descriptor"))()
case("record-closed-descriptor", RECORD + ["--count", "1", "-o", "/dev/fd/99"], 1,
     exact("cannot write '/dev/fd/99': writing line 1: Bad file descriptor"))()

case("snapshot-stdout-closed", SNAPSHOT, 1, exact("cannot write to standard output: writing: Bad file descriptor"),
     stdout="closed")()
case("record-stdout-closed", RECORD + ["--count", "1", "-o", "-"], 1,
     exact("cannot write to standard output: writing line 1: Bad file descriptor"), stdout="closed")()
case("error-with-stderr-closed", ["snapshot", "--bogus"], 2, stderr_fd="closed")()

# Point 12: arguments.

for name, args, message in [
    ("interval-negative", ["top", "--interval", "-1"], "--interval -1.0: expected seconds from 0.5 to 60"),
    ("record-interval-negative", ["record", "-o", "-", "--interval", "-1"], "--interval -1.0: expected seconds from 0.1 to 3600"),
    ("top-negative", ["snapshot", "--top", "-1"], "--top -1: expected a number from 1 to 1000000"),
    ("port-negative", ["snapshot", "--port", "-1"],
     "--port: invalid port list '-1': '-1' is not a port or a range (expected ports 1-65535 as 80, 80,443 or 8000-8100)"),
    ("duration-negative", ["record", "-o", "-", "--duration", "-5"], "--duration: invalid duration '-5' (expected seconds as 90, 30s, 15m or 2h)"),
    ("history-negative", ["top", "--history", "-5m"], "--history: invalid duration '-5m' (expected seconds as 90, 30s, 15m or 2h)"),
    ("interval-hex", ["top", "--interval", "0x10"], "The value '0x10' is invalid for '--interval <SECONDS>': expected a decimal number"),
    ("sample-hex-float", ["snapshot", "--sample", "0x1p3"], "The value '0x1p3' is invalid for '--sample <SECONDS>': expected a decimal number"),
    ("help-unknown-command", ["help", "nope"], "help: no command 'nope' (commands: top, snapshot, record, replay, demo, serve)"),
    ("config-dev-null", ["snapshot", "--config", "/dev/null"], "/dev/null: cannot read the file: not a regular file (it is a character device)"),
    ("config-directory", ["snapshot", "--config", "@CASE@"], "@PATH@: cannot read the file: not a regular file (it is a directory)"),
    ("config-empty-path", ["snapshot", "--config", ""], "--config: expected a file path, not an empty string"),
    ("theme-dev-urandom", ["top", "--theme", "/dev/urandom"], "/dev/urandom: cannot read the file: not a regular file (it is a character device)"),
    ("theme-directory", ["top", "--theme", "@CASE@"], "@PATH@: cannot read the file: not a regular file (it is a directory)"),
    ("proc-root-missing", ["snapshot", "--proc-root", "@CASE@/nonexistent"], "--proc-root '@PATH@/nonexistent': No such file or directory"),
]:
    case(name, args, 2, exact(message))()

case("port-100k-characters", ["snapshot", "--port", "8" * 100_000], 2,
     exact("--port: invalid port list '" + "8" * 120 + "': '" + "8" * 120
           + "' is not a number (expected ports 1-65535 as 80, 80,443 or 8000-8100)"))()


case("term-dumb", ["--proc-root", FIXTURE], 2,
     exact("terminal type TERM='dumb' cannot move the cursor, which the dashboard needs; "
           "try TERM=xterm-256color, or use `netwatch snapshot` for text"), mode="dashboard", env="TERM=dumb")()
case("lines-huge", ["--proc-root", FIXTURE], 2,
     exact("LINES=99999: larger than the 1000 rows or columns netwatch draws; unset LINES and COLUMNS "
           "to use the terminal's own size"), mode="dashboard", env="LINES=99999")()
case("columns-huge", ["--proc-root", FIXTURE], 2,
     exact("COLUMNS=99999: larger than the 1000 rows or columns netwatch draws; unset LINES and COLUMNS "
           "to use the terminal's own size"), mode="dashboard", env="COLUMNS=99999")()


@case("limits-unparsable-named", ["snapshot", "--sample", "0", "--proc-root", "@CASE@/tree"], 0,
      stdout_contains="/11789/limits: no 'Max open files' line")
def _(d):
    shutil.copytree(FIXTURE, d / "tree", symlinks=True)
    (d / "tree" / "11789" / "limits").write_text("Limit Soft Hard\n")


@case("config-not-utf8", ["snapshot", "--config", "@CASE@/latin1.toml"], 2,
      exact("@PATH@/latin1.toml: cannot read the file: not UTF-8 text"))
def _(d):
    (d / "latin1.toml").write_bytes(b"[advice]\n# caf\xe9\n")


@case("replay-utf8-bom-on-line-1", ["replay", "@CASE@/r.ndjson"], 0, mode="dashboard", keys="q")
def _(d):
    (d / "r.ndjson").write_bytes(b"\xef\xbb\xbf" + "".join(line(n) for n in range(3)).encode())


@case("replay-newer-schema-names-line-1", ["replay", "@CASE@/r.ndjson"], 1,
      exact("@PATH@/r.ndjson line 1: the recording comes from a newer netwatch (schema netwatch.snapshot/2); "
            "this netwatch reads netwatch.snapshot/1 — replay it with a newer netwatch"), mode="dashboard")
def _(d):
    (d / "r.ndjson").write_text("".join(line(n, "netwatch.snapshot/2") for n in range(3)))


@case("replay-newer-schema-in-the-second-file", ["replay", "@CASE@/b.ndjson", "@CASE@/a.ndjson"], 1,
      exact("@PATH@/b.ndjson line 1: the recording comes from a newer netwatch (schema netwatch.snapshot/2); "
            "this netwatch reads netwatch.snapshot/1 — replay it with a newer netwatch"), mode="dashboard")
def _(d):
    (d / "a.ndjson").write_text("".join(line(n) for n in range(3)))
    (d / "b.ndjson").write_text("".join(line(n, "netwatch.snapshot/2") for n in range(10, 13)))


@case("replay-same-file-twice", ["replay", "@CASE@/r.ndjson", "@CASE@/./r.ndjson"], 2,
      exact("replay: '@PATH@/./r.ndjson' is the same file as '@PATH@/r.ndjson'; give each file once"))
def _(d):
    (d / "r.ndjson").write_text(line(0))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: crafted-outputs.py OUTDIR")
    out = pathlib.Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    skipped = []
    for name, args, exit, stderr, mode, keys, needs_root, extra, make in CASES:
        if needs_root and not IS_ROOT:
            skipped.append(name)
            continue
        d = out / name
        d.mkdir()
        make(d)
        (d / "args").write_text("".join(a + "\n" for a in args))
        expect = ["exit=%d" % exit]
        if stderr is not None:
            expect.append("stderr=" + stderr)
        if mode:
            expect.append("mode=" + mode)
        if keys:
            expect.append("keys=" + keys)
        expect += ["%s=%s" % item for item in extra.items()]
        (d / "expect").write_text("".join(e + "\n" for e in expect))
    if skipped:
        print("crafted-outputs: not root, left out: " + ", ".join(skipped), file=sys.stderr)


if __name__ == "__main__":
    main()
