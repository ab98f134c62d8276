#!/usr/bin/python3
"""The explorer's rows of `make bench`: firmnet run in a real pseudo-terminal (a private
tmux server), keys sent with send-keys, the screen polled with capture-pane until it
shows what a step waits for. Every wait is a condition with a deadline, never a fixed
sleep; the time of a step is from the key press to the first poll that sees it done
(polls are a few milliseconds apart, so figures under ~10 ms are that resolution).

    tuibench.py FIRMNET DATASET [LABEL]   prints "job<TAB>seconds<TAB>note" lines

Used by bench.py (tui_rows); runs alone for a quick look. Steps, at 80x24 unless said:
  any screen 120x40     start until a screen is drawn: the loading screen, or the list
  first screen          start until the list and the status line are drawn
  first screen settled  start until nothing is being computed any more
  first screen 120x40   the same at 120x40, where the details pane is beside the list;
                        "details" once the first firm's brokerage and constraint are drawn,
                        "settled" once nothing is computing (the whole-network measures in)
  s (degree)            `s` from name to degree order, until the list is redrawn sorted
  s (second cycle)      the same `s` once every order has been shown once
  hub details 120x40 shown  Home on the degree order (the largest hub), until its details
                        (columns, degree, linkages) are drawn beside the list
  hub details 120x40    the same, until its brokerage and constraint are drawn too
  hub details           the same at 80x24 with Tab to the details pane, until the
                        brokerage line is drawn
  layer apply           `t`, tick supply, Enter, until the status line says the layer
  Cluster view          `4` in that layer, until the gatekeeper ranking is drawn
  q during computation  a new layer, `4`, and `q` at once: until the process has exited
  Ego map (hub)         80x24, `e` on the largest hub, until its depth-1 map is drawn
  Ego map depth 2 (hub) `+` there, until the depth-2 map is drawn
  Esc during Ego map depth 2  `-`, then `+` and Esc once the layout runs: until it says
                        it stopped and nothing is computing
  Time view             `6`, until the timeline is drawn
  Time view two years   Enter (mark the year), Left: until the ties gained and lost show
BENCH_TUI_STEPS=ego-time runs only the last five (a pane of their own).
The deadline of a step is BENCH_TUI_DEADLINE seconds (300 by default); a step that
misses it is reported as such and the later steps are skipped.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

DEADLINE = float(os.environ.get("BENCH_TUI_DEADLINE", "300"))


class Timeout(Exception):
    pass


class Pane:
    count = 0

    def __init__(self, firmnet, dataset, cols, rows, work):
        Pane.count += 1
        self.sock = "firmnet-bench-%d-%d" % (os.getpid(), Pane.count)
        self.work = work
        self.exitfile = os.path.join(work, "exit")
        if os.path.exists(self.exitfile):
            os.unlink(self.exitfile)
        cmd = "env LC_ALL=C.UTF-8 NO_COLOR=1 TERM=xterm-256color '%s' '%s'; echo EXIT=$? > '%s'" % (
            firmnet, dataset, self.exitfile)
        self.t0 = time.perf_counter()
        self.tmux("new-session", "-d", "-s", "main", "-x", str(cols), "-y", str(rows), cmd)

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null"] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode(errors="replace")

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "main")

    def keys(self, *k):
        self.tmux("send-keys", "-t", "main", *k)
        return time.perf_counter()

    def wait(self, pred, t_from, what):
        """Seconds from t_from until pred(screen) holds."""
        while True:
            s = self.screen()
            now = time.perf_counter()
            if pred(s):
                return now - t_from, s
            if now - t_from > DEADLINE:
                raise Timeout("%s: not within %.0f s" % (what, DEADLINE))
            time.sleep(0.003)

    def wait_exit(self, t_from):
        while not (os.path.exists(self.exitfile) and os.path.getsize(self.exitfile) > 0):
            now = time.perf_counter()
            if now - t_from > DEADLINE:
                raise Timeout("exit: not within %.0f s" % DEADLINE)
            time.sleep(0.002)
        return time.perf_counter() - t_from

    def close(self):
        self.tmux("kill-server")


def busy(s):
    """The status line (first line) says something is being computed or loaded."""
    first = s.split("\n", 1)[0]
    return bool(re.search(r"computing|sorting|loading|building|reloading|laying|comparing", first))


def hub_shown(s):
    """At 120x40: the details pane shows the firm of the list's first row (same degree)."""
    lines = s.split("\n")
    if len(lines) < 3:
        return False
    top = re.findall(r"[0-9,]+", lines[2][:54])
    det = re.search(r"degree +([0-9,]+) partner", s)
    return bool(top and det and top[-1] == det.group(1))


def listed(s):
    lines = s.split("\n")
    return len(lines) > 3 and re.search(r"Firms [0-9,]+/[0-9,]+", lines[0]) and re.search(r"Name|Deg", lines[1]) \
        and lines[2].strip() != ""


def ego_time_steps(firmnet, dataset, out, work):
    """The Ego map of the largest hub (depth 1, 2, Esc during 2) and the Time view."""
    p = Pane(firmnet, dataset, 80, 24, work)
    try:
        p.wait(lambda s: listed(s) and not busy(s) and "Name*" in s, p.t0, "first screen settled")
        p.keys("s")
        p.wait(lambda s: "Deg*" in s and not busy(s), time.perf_counter(), "s (degree)")
        p.keys("g")
        t = p.keys("e")
        secs, _ = p.wait(lambda s: re.search(r"Ego map of \S+ . depth 1 . [0-9,]+ firm", s) and not busy(s), t,
                         "Ego map (hub)")
        out("Ego map (hub)", secs, "e on the largest hub: its depth-1 map drawn")
        t = p.keys("+")
        secs, s = p.wait(lambda s: re.search(r"Ego map of \S+ . depth 2 . [0-9,]+ firm", s) and not busy(s), t,
                         "Ego map depth 2 (hub)")
        m = re.search(r"depth 2 . ([0-9,]+) firms?, ([0-9,]+) linkage", s)
        out("Ego map depth 2 (hub)", secs, "+ there: the depth-2 map drawn (%s firms, %s linkages)" %
            (m.group(1), m.group(2)) if m else "+ there: the depth-2 map drawn")
        p.keys("-")
        p.wait(lambda s: re.search(r"depth 1 . [0-9,]+ firm", s) and not busy(s), time.perf_counter(), "depth 1")
        p.keys("+")
        drawn = lambda s: re.search(r"depth 2 . [0-9,]+ firm", s) and not busy(s)
        _, s = p.wait(lambda s: "laying out the ego map" in s or drawn(s), time.perf_counter(), "depth 2 under way")
        if not drawn(s):  # a small neighbourhood is laid out at once: nothing to stop
            t = p.keys("Escape")
            secs, _ = p.wait(lambda s: "stopped" in s and not busy(s), t, "Esc during Ego map depth 2")
            out("Esc during Ego map depth 2", secs, "Esc while the hub's depth-2 map is laid out: until it says so")
        t = p.keys("6")
        secs, _ = p.wait(lambda s: re.search(r"Through time . [0-9]+\.\.[0-9]+", s) and not busy(s), t, "Time view")
        out("Time view", secs, "6: the timeline drawn")
        p.keys("Enter")
        t = p.keys("Left")
        secs, _ = p.wait(lambda s: re.search(r"[0-9]+ -> [0-9]+: local \+", s) and not busy(s), t,
                         "Time view two years")
        out("Time view two years", secs, "Enter, Left: the ties gained and lost between the two years")
        p.keys("1")
        p.wait_exit(p.keys("q"))
    finally:
        p.close()


def run_steps(firmnet, dataset, out):
    work = tempfile.mkdtemp(prefix="firmnet-tuibench.")
    try:
        if os.environ.get("BENCH_TUI_STEPS") == "ego-time":
            ego_time_steps(firmnet, dataset, out, work)
            return ""
        # first screen at 120x40 (details beside the list), then the largest hub there
        p = Pane(firmnet, dataset, 120, 40, work)
        try:
            secs, _ = p.wait(lambda s: listed(s) or "loading" in s.split("\n", 1)[0], p.t0, "any screen 120x40")
            out("any screen 120x40", secs, "start until a screen is drawn (the loading screen while the data load)")
            secs, _ = p.wait(listed, p.t0, "first screen 120x40")
            out("first screen 120x40", secs, "")
            details = lambda s: listed(s) and re.search(r"constraint +([0-9]|- \(no)|not in this", s)
            secs, _ = p.wait(details, p.t0, "first screen 120x40 details")
            out("first screen 120x40 details", secs, "the first firm's brokerage and constraint drawn")
            secs, _ = p.wait(lambda s: details(s) and not busy(s), p.t0, "first screen 120x40 settled")
            out("first screen 120x40 settled", secs, "nothing computing: the whole-network measures are in")
            p.keys("s")
            p.wait(lambda s: "Deg*" in s and not busy(s), time.perf_counter(), "s (degree) 120x40")
            t = p.keys("g")
            secs, _ = p.wait(hub_shown, t, "hub details 120x40 shown")
            out("hub details 120x40 shown", secs, "Home on the degree order: the hub's columns, degree and linkages "
                "drawn (its measures still computing)")
            secs, s = p.wait(lambda s: hub_shown(s) and re.search(r"constraint +[0-9]", s), t, "hub details 120x40")
            m = re.search(r"│ id +(\S+)", s)
            hub = m.group(1) if m else ""
            deg = re.search(r"degree +([0-9,]+) partner", s)
            out("hub details 120x40", secs, "Home on the degree order: the largest hub (%s partners), until its "
                "brokerage and constraint are drawn" % (deg.group(1) if deg else "?"))
        finally:
            p.close()

        p = Pane(firmnet, dataset, 80, 24, work)
        try:
            secs, _ = p.wait(listed, p.t0, "first screen")
            out("first screen", secs, "80x24")
            secs, _ = p.wait(lambda s: listed(s) and not busy(s) and "Name*" in s, p.t0, "first screen settled")
            out("first screen settled", secs, "80x24, sorted by name, nothing computing")
            t = p.keys("s")
            secs, _ = p.wait(lambda s: "Deg*" in s and not busy(s), t, "s (degree)")
            out("s (degree)", secs, "name -> degree order")
            for want in ("Industry*", "(by id)*", "Name*"):
                t = p.keys("s")
                secs, _ = p.wait(lambda s, w=want: w in s and not busy(s), t, "s -> " + want)
            t = p.keys("s")
            secs, _ = p.wait(lambda s: "Deg*" in s and not busy(s), t, "s (second cycle)")
            out("s (second cycle)", secs, "the degree order again")
            p.keys("g")
            t = p.keys("Tab")
            secs, s = p.wait(lambda s: re.search(r"brokerage +[0-9,]+ chain", s), t, "hub details")
            out("hub details", secs, "80x24: Home on the degree order and Tab to the details, until the "
                "brokerage line is drawn")
            p.keys("Tab")
            p.keys("t")
            p.wait(lambda s: "Layer" in s and "[ ] supply" in s, time.perf_counter(), "dialog")
            p.keys("Space")
            p.wait(lambda s: "[x] supply" in s, time.perf_counter(), "tick")
            t = p.keys("Enter")
            secs, _ = p.wait(lambda s: "layer: supply" in s and not busy(s), t, "layer apply")
            out("layer apply", secs, "supply only")
            t = p.keys("4")
            secs, _ = p.wait(lambda s: re.search(r"Gatekeepers: [0-9,]+ of", s) and not busy(s), t, "Cluster view")
            out("Cluster view", secs, "first time in the layer")
            p.keys("t")
            p.wait(lambda s: "[x] supply" in s, time.perf_counter(), "dialog")
            p.keys("Down")
            p.keys("Space")
            p.wait(lambda s: "[x] subcontract" in s, time.perf_counter(), "tick")
            p.keys("Enter")
            p.keys("1")  # q asks first outside the Firms view
            t = p.keys("q")
            secs = p.wait_exit(t)
            out("q during computation", secs, "q right after a new layer (the Cluster view's measures computing)")
        finally:
            p.close()
        ego_time_steps(firmnet, dataset, out, work)
        return hub
    finally:
        shutil.rmtree(work, ignore_errors=True)


def show_secs(firmnet, dataset, hub):
    """`firmnet show` of the hub on the same snapshot, one whole process."""
    if not hub:
        return float("nan")
    cmd = [firmnet, "show", "-d", dataset, hub]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def tui_rows(firmnet, dataset, record):
    """Runs the steps; record(job, seconds, note). Skipped without tmux."""
    if not shutil.which("tmux"):
        return
    # the snapshot written first, so every start reads it
    subprocess.run([firmnet, "check", "-q", dataset], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hub = ""
    try:
        hub = run_steps(firmnet, dataset, lambda job, secs, note: record("TUI " + job, secs, note))
    except Timeout as e:
        record("TUI (stopped)", float("nan"), str(e))
    if hub:
        record("show largest hub (process, snapshot)", show_secs(firmnet, dataset, hub),
               "firmnet show %s beside the explorer's rows" % hub)


if __name__ == "__main__":
    fn, ds = sys.argv[1], sys.argv[2]
    tui_rows(fn, ds, lambda job, secs, note: print("%s\t%.4f\t%s" % (job, secs, note), flush=True))
