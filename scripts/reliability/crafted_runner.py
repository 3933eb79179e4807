#!/usr/bin/env python3
"""The crafted-case runner behind run-crafted.sh (format: scripts/reliability/README.md)."""
import glob
import os
import pathlib
import pty
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Exit statuses of a crash (SIGILL from a Swift trap, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL,
# SIGSEGV): never acceptable unless the case sent that signal itself.
CRASHES = {128 + n for n in (4, 5, 6, 7, 8, 9, 11)}
TMUX_WIDTH, TMUX_HEIGHT = 120, 40


class Failure(Exception):
    pass


def read_expect(path):
    """`key=value` lines; `exit` may be given several times (any of them is allowed)."""
    expect = {"exit": set()}
    for line in path.read_text().split("\n"):
        if not line.strip():
            continue
        key, _, value = line.partition("=")
        if key == "exit":
            expect["exit"].update(int(code) for code in value.split("|"))
        else:
            expect[key] = value
    return expect


def signal_number(name):
    return signal.SIGRTMIN if name == "RTMIN" else int(signal.Signals["SIG" + name])


def cpu_seconds(pid):
    """utime + stime of a process, seconds."""
    fields = pathlib.Path("/proc/%d/stat" % pid).read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def running(pid):
    """Alive and not a zombie."""
    try:
        return pathlib.Path("/proc/%d/stat" % pid).read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def environment(expect):
    env = dict(os.environ)
    for assignment in [expect["env"]] if "env" in expect else []:
        key, _, value = assignment.partition("=")
        env[key] = value
    return env


def check_output(expect, status, stderr, stdout, signalled):
    allowed = expect["exit"]
    if status in CRASHES and status != signalled:
        raise Failure("crashed with status %d; stderr: %s" % (status, stderr[:300]))
    if status not in allowed:
        raise Failure("exit %d, expected %s; stderr: %r" % (status, "|".join(map(str, sorted(allowed))), stderr[:300]))
    if "stderr" in expect and not re.fullmatch(expect["stderr"], stderr):
        raise Failure("stderr %r does not match %r" % (stderr[:300], expect["stderr"]))
    if "stderr_contains" in expect and expect["stderr_contains"] not in stderr:
        raise Failure("stderr does not contain %r: %r" % (expect["stderr_contains"], stderr[:300]))
    if "stdout_contains" in expect and expect["stdout_contains"] not in stdout:
        raise Failure("stdout does not contain %r: %r" % (expect["stdout_contains"], stdout[:300]))


def run_plain(binary, case, args, expect):
    """A command run directly: stdin /dev/null (or closed), stdout a pipe (or closed, or a
    terminal that is nobody's controlling terminal), stderr a pipe."""
    timeout = float(expect.get("timeout", 10))
    stdin = expect.get("stdin", "null")
    stdout = expect.get("stdout", "pipe")
    closing = [fd for fd, closed in ((0, stdin == "closed"), (1, stdout == "closed"), (2, expect.get("stderr_fd") == "closed")) if closed]
    master = slave = None
    if stdout == "pty":
        master, slave = pty.openpty()

    def prepare():
        for fd in closing:
            os.close(fd)

    process = subprocess.Popen([binary] + args, cwd=case, env=environment(expect), start_new_session=True,
                               stdin=subprocess.DEVNULL, stdout=slave if slave is not None else subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=prepare)
    if slave is not None:
        os.close(slave)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise Failure("timed out after %g s" % timeout)
    finally:
        if master is not None:
            os.close(master)
    status = process.returncode if process.returncode >= 0 else 128 - process.returncode
    check_output(expect, status, err.decode(errors="replace"), (out or b"").decode(errors="replace"), None)


class Tmux:
    def __init__(self, name):
        self.socket = "nwcrafted-%d-%s" % (os.getpid(), name[:40])

    def __call__(self, *arguments, check=True):
        result = subprocess.run(["tmux", "-L", self.socket] + list(arguments), capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
        if check and result.returncode != 0:
            raise Failure("tmux %s: %s" % (" ".join(arguments), result.stderr.strip()))
        return result.stdout.strip()

    def kill(self):
        path = self("display-message", "-p", "#{socket_path}", check=False)
        self("kill-server", check=False)
        # The server leaves its socket file behind.
        if path.endswith("/" + self.socket):
            try:
                os.unlink(path)
            except OSError:
                pass


def wait_for(predicate, seconds, step=0.02):
    """Polls a real process in a real terminal: there is no clock to inject here."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def run_dashboard(binary, case, args, expect):
    """The command in a tmux pane under a shell that records its status and stays, so the
    terminal's state can be read after netwatch ended."""
    timeout = float(expect.get("timeout", 10))
    status_file, stderr_file = case / ".status", case / ".stderr"
    redirect = {"null": " </dev/null", "closed": " <&-"}.get(expect.get("stdin", "tty"), "")
    redirect += " 2>&-" if expect.get("stderr_fd") == "closed" else " 2>%s" % shlex.quote(str(stderr_file))
    redirect += " >&-" if expect.get("stdout") == "closed" else ""
    env = "".join("export %s; " % shlex.quote(expect["env"]) for _ in [0] if "env" in expect)
    command = "cd %s; %s%s%s; echo $? > %s; exec sleep 3600" % (
        shlex.quote(str(case)), env, " ".join(shlex.quote(a) for a in [binary] + args), redirect, shlex.quote(str(status_file)))
    tmux = Tmux(case.name)
    try:
        tmux("-f", "/dev/null", "new-session", "-d", "-x", str(TMUX_WIDTH), "-y", str(TMUX_HEIGHT),
             "-e", "LC_ALL=C.UTF-8", command)
        shell = int(tmux("display-message", "-p", "#{pane_pid}"))

        def netwatch():
            children = subprocess.run(["pgrep", "-P", str(shell), "-x", "netwatch"], capture_output=True, text=True).stdout.split()
            return int(children[0]) if children else None

        up = wait_for(lambda: status_file.exists() or tmux("display-message", "-p", "#{alternate_on}") == "1", timeout)
        if not up:
            raise Failure("the dashboard did not come up within %g s" % timeout)
        pid = netwatch()
        acts = any(key in expect for key in ("keys", "press", "signal", "hangup"))
        if acts and (pid is None or status_file.exists()):
            raise Failure("netwatch ended before it could be sent anything; stderr: %r" % stderr_file.read_text()[:300])
        signalled = None
        if acts:
            settle = float(expect.get("settle", 0))
            cpu_before = cpu_seconds(pid)
            time.sleep(settle)
            used = cpu_seconds(pid) - cpu_before
            if "cpu_max" in expect and used > float(expect["cpu_max"]):
                raise Failure("used %.2f s of CPU in %g s while idle (at most %s)" % (used, settle, expect["cpu_max"]))
            started = time.monotonic()
            if "keys" in expect:
                tmux("send-keys", "-l", expect["keys"])
            if "press" in expect:
                tmux("send-keys", *expect["press"].split())
            if "signal" in expect:
                signalled = 128 + signal_number(expect["signal"])
                os.kill(pid, signal_number(expect["signal"]))
            if "hangup" in expect:
                tmux.kill()
                within = float(expect.get("exit_within", 2))
                if not wait_for(lambda: not running(pid), within):
                    os.kill(pid, signal.SIGKILL)
                    raise Failure("still running %g s after its terminal's tmux server was killed" % within)
                return
            if not wait_for(lambda: not running(pid), timeout):
                os.kill(pid, signal.SIGKILL)
                raise Failure("timed out: still running %g s after %s" % (timeout, "the signal" if "signal" in expect else "the keys"))
            took = time.monotonic() - started
            if "exit_within" in expect and took > float(expect["exit_within"]):
                raise Failure("ended %.2f s after %s (at most %s s)" % (took, "the signal" if "signal" in expect else "the keys", expect["exit_within"]))
        if not wait_for(status_file.exists, timeout):
            if pid:
                os.kill(pid, signal.SIGKILL)
            raise Failure("timed out after %g s" % timeout)
        wait_for(lambda: status_file.read_text().strip() != "", 2)
        status = int(status_file.read_text())
        stderr = stderr_file.read_text(errors="replace") if stderr_file.exists() else ""
        check_output(expect, status, stderr, "", signalled)
        wait_for(lambda: tmux("display-message", "-p", "#{alternate_on}#{cursor_flag}") == "01", 2)
        alternate, cursor = tmux("display-message", "-p", "#{alternate_on}"), tmux("display-message", "-p", "#{cursor_flag}")
        if alternate != "0" or cursor != "1":
            raise Failure("terminal not restored: alternate_on=%s cursor_flag=%s" % (alternate, cursor))
    finally:
        tmux.kill()


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="netwatch-crafted-")).resolve()
    out.mkdir(parents=True, exist_ok=True)
    binary = str(pathlib.Path(os.environ.get("NETWATCH", ROOT / ".build" / "debug" / "netwatch")).resolve())
    if not os.access(binary, os.X_OK):
        sys.exit("run-crafted: no netwatch binary at %s (swift build, or set NETWATCH)" % binary)
    for generator in sorted(glob.glob(str(HERE / "crafted-*.py"))):
        # A generator's notes (cases left out off root) go to stderr; stdout is one line per case.
        result = subprocess.run([sys.executable, generator, str(out)], stdout=sys.stderr)
        if result.returncode != 0:
            sys.exit("run-crafted: %s failed (exit %d)" % (generator, result.returncode))
    have_tmux = subprocess.run(["sh", "-c", "command -v tmux"], capture_output=True).returncode == 0
    only = re.compile(os.environ.get("CRAFTED_ONLY", ""))
    passed = failed = skipped = 0
    for case in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not only.search(case.name) or not (case / "expect").exists():
            continue
        expect = read_expect(case / "expect")
        args = [a.replace("@CASE@", str(case)) for a in (case / "args").read_text().splitlines()]
        if expect.get("mode") == "dashboard" and not have_tmux:
            print("SKIP %s: needs tmux" % case.name)
            skipped += 1
            continue
        started = time.monotonic()
        try:
            (run_dashboard if expect.get("mode") == "dashboard" else run_plain)(binary, case, args, expect)
            print("PASS %s (%.1f s)" % (case.name, time.monotonic() - started), flush=True)
            passed += 1
        except Failure as failure:
            print("FAIL %s: %s" % (case.name, failure), flush=True)
            failed += 1
    print("%d passed, %d failed" % (passed, failed) + (", %d skipped" % skipped if skipped else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
