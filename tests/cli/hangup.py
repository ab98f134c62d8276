#!/usr/bin/python3
"""Dropped connections and signals for the explorer (tests/cli/hangup.test runs this).

The explorer runs on a pseudo-terminal as an SSH session would give it. Once it has
drawn its screen:
  - the terminal goes away (the pty master is closed, as sshd does when the
    connection drops; the kernel sends SIGHUP): it must end, not linger or spin;
  - the same with SIGHUP ignored (started under nohup): reads then fail, and it must
    still end rather than loop on them;
  - SIGTERM and SIGINT: it must end and put the terminal back first (leave the
    alternate screen, show the cursor).
Every wait is for a condition (output seen, process gone), bounded by a generous
limit that only turns a hang into a failure."""
import os
import pty
import select
import signal
import sys
import time

FIRMNET = os.environ.get("FIRMNET") or os.path.join(os.environ.get("top_builddir", "."), "firmnet")
TOP = os.environ.get("top_srcdir") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DATASET = os.path.join(TOP, "data", "wenzhou")
LIMIT = 30.0
RMCUP = b"\x1b[?1049l"   # xterm's exit_ca_mode: back to the normal screen
CNORM = b"\x1b[?25h"     # cursor visible again

failures = []


def start(ignore_hup):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if ignore_hup:
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
            env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8", NO_COLOR="1")
            env.pop("FIRMNET_DATASET", None)
            os.execve(FIRMNET, [FIRMNET, DATASET], env)
        finally:
            os._exit(127)
    return pid, fd


def read_until(fd, out, pred):
    """Reads the pty into out until pred(out) holds or the limit passes."""
    end = time.monotonic() + LIMIT
    while not pred(out) and time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            out += chunk


def wait_exit(pid, fd=None, out=None):
    """Waits for pid to end (draining the pty meanwhile); returns its status or None."""
    end = time.monotonic() + LIMIT
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            if fd is not None:  # what it wrote on the way out
                drain(fd, out)
            return status
        if fd is not None:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    fd = None
        else:
            select.select([], [], [], 0.05)
    return None


def drain(fd, out):
    while True:
        r, _, _ = select.select([fd], [], [], 0)
        if not r:
            return
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        out += chunk


def describe(status):
    if os.WIFSIGNALED(status):
        return "killed by signal %d" % os.WTERMSIG(status)
    return "exit %d" % os.WEXITSTATUS(status)


def case(name, ignore_hup, action):
    pid, fd = start(ignore_hup)
    out = bytearray()
    # the explorer is up once its key bar is drawn
    read_until(fd, out, lambda o: b"Search" in o)
    if b"Search" not in out:
        failures.append(name)
        print("FAIL %s: the explorer never drew its screen" % name)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
        return
    mark = len(out)
    if action == "close":
        os.close(fd)
        status = wait_exit(pid)
    else:
        os.kill(pid, action)
        status = wait_exit(pid, fd, out)
        os.close(fd)
    if status is None:
        failures.append(name)
        print("FAIL %s: still running %.0f s later" % (name, LIMIT))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) not in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        failures.append(name)
        print("FAIL %s: %s" % (name, describe(status)))
        return
    if action != "close":
        tail = bytes(out[mark:])
        if RMCUP not in tail or CNORM not in tail:
            failures.append(name)
            print("FAIL %s: the terminal was not restored (output after the signal: %r)" % (name, tail[-120:]))
            return
    print("ok %s: %s" % (name, describe(status)))


def main():
    if not os.path.isfile(os.path.join(DATASET, "firms.csv")):
        print("no bundled dataset: skipping")
        return 77
    case("hangup", False, "close")
    case("hangup with SIGHUP ignored (nohup)", True, "close")
    case("SIGTERM", False, signal.SIGTERM)
    case("SIGINT", False, signal.SIGINT)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
