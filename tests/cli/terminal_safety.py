#!/usr/bin/python3
"""Terminal safety of the batch subcommands (tests/cli/terminal.test runs this).

A dataset whose names, ids and notes hold terminal escape sequences (ESC[2J, an OSC 52
clipboard write, a DCS string), a C1 control (U+009B, CSI on many terminals) and bidi
overrides (U+202E, U+2066) is checked, shown and searched in text, tsv and json, both
under a pseudo-terminal and through a pipe. No output may hold any of those raw
(nor any other C0/C1 control but tab and line ends, nor invalid UTF-8), and the
visible escapes must be there instead.

Then SIGPIPE: a subcommand writing much more than a pipe holds has its reader go
away after one line; it must end at once without a word on stderr, whether it was
started with SIGPIPE at its default or ignored."""
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile

FIRMNET = os.environ.get("FIRMNET") or os.path.join(os.environ.get("top_builddir", "."), "firmnet")
ENV = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1", TERM="xterm-256color")
TIMEOUT = 120

CSI_CLEAR = "\x1b[2J"
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
DCS = "\x1bPq#0;2;0;0;0\x1b\\"
C1 = "\u009b"
RLO = "\u202e"
LRI = "\u2066"
HOSTILE = [CSI_CLEAR, OSC52, DCS, C1, RLO, LRI]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def csv_field(s):
    return '"' + s.replace('"', '""') + '"'


def make_dataset(d):
    firms = [
        ("ESC1", "Clear" + CSI_CLEAR + "screen", "alias" + OSC52, "eye" + CSI_CLEAR + "wear", "Wenzhou" + DCS),
        ("OSC1", "Clip" + OSC52 + "board", "", "footwear", "Ouhai"),
        ("DCS1", "Dev" + DCS + "ice", "", "footwear", "Lucheng"),
        ("C1X1", "See" + C1 + "one", "x" + C1, "footwear", "Rui" + C1 + "an"),
        ("BIDI", "evil" + RLO + "txt.exe" + LRI + "x", RLO + "alias", "apparel", "Yueqing"),
        ("RED" + CSI_CLEAR, "ANSI id", "", "apparel", ""),
    ]
    with open(os.path.join(d, "firms.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,name,alias,industry,location,remark" + C1 + "\n")
        for fid, name, alias, ind, loc in firms:
            f.write(",".join(csv_field(x) for x in (fid, name, alias, ind, loc, "r" + OSC52)) + "\n")
    with open(os.path.join(d, "linkages.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("source,target,type,note,ref\n")
        for src, dst, typ, note in [
            ("ESC1", "OSC1", "supply", "note" + CSI_CLEAR),
            ("OSC1", "DCS1", "subcontract", DCS),
            ("C1X1", "BIDI", "rnd", RLO + "note"),
            ("ESC1", "BIDI", "marketing", "x" + OSC52),
            ("ESC1", "OSC1", "supply", "again"),
        ]:
            f.write(",".join(csv_field(x) for x in (src, dst, typ, note, "ref" + C1)) + "\n")


def run_pipe(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                       stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    return p.returncode, p.stdout + p.stderr


# Linux may report EIO on the master before the last bytes a child wrote to the slave
# have reached it (CI lost a whole `metrics` table this way), so the end of the output
# is not inferred from EIO: a shell prints a marker with the exit status after the
# command, through the same terminal, and the reader stops at the marker. The test
# keeps its own slave descriptor open meanwhile, so no EIO can come at all.
PTY_END = b"@@firmnet-pty-end@@"


def run_pty(argv):
    master, slave = pty.openpty()
    wrapped = ["/bin/sh", "-c", '"$@"; printf "\\n%s %d\\n" "$0" "$?"', PTY_END.decode()] + argv
    p = subprocess.Popen(wrapped, stdin=slave, stdout=slave, stderr=slave, env=ENV, close_fds=True)
    out = bytearray()
    while True:
        k = out.rfind(PTY_END)
        if k >= 0 and out.find(b"\n", k) >= 0:
            break
        ready, _, _ = select.select([master], [], [], TIMEOUT)
        if not ready:
            break  # no marker within the timeout: reported as exit -1 below
        chunk = os.read(master, 65536)
        if not chunk:
            break
        out += chunk
    os.close(slave)
    os.close(master)
    p.wait(timeout=TIMEOUT)
    k = out.rfind(PTY_END)
    if k < 0:
        return -1, bytes(out)
    rc = int(out[k + len(PTY_END):].split()[0])
    body = out[:k]
    # the marker's own leading newline (the terminal turns it into CR LF)
    for tail in (b"\r\n", b"\n"):
        if body.endswith(tail):
            body = body[:-len(tail)]
            break
    return rc, bytes(body)


def unsafe_chars(text):
    bad = []
    for ch in text:
        cp = ord(ch)
        if (cp < 0x20 and ch not in "\t\n\r") or 0x7F <= cp <= 0x9F or 0x202A <= cp <= 0x202E \
                or 0x2066 <= cp <= 0x2069:
            bad.append("U+%04X" % cp)
    return bad


# what a safe rendering of ESC, U+009B and U+202E looks like, per format (JSON is
# compared in lower case: jansson writes \u001B)
VISIBLE = {
    "text": [["\\x1b"], ["\\u009b"], ["<u+202e>", "<U+202E>"]],
    "tsv": [["\\x1b"], ["\\u009b"], ["<u+202e>", "<U+202E>"]],
    # JSON keeps the data exact: ESC as \u001B (or a message's own \x1b text, escaped)
    "json": [["\\u001b", "\\\\x1b"], ["\\u009b", "\\\\u009b"], ["\\u202e", "<u+202e>"]],
}
ESC, C1_, BIDI = 0, 1, 2  # indices into VISIBLE[fmt]
ALL = (ESC, C1_, BIDI)


def check_output(label, rc, out, fmt, want_visible):
    """want_visible: indices into VISIBLE[fmt] whose escapes must appear."""
    if rc < 0 or rc > 3:
        fail("%s: exit status %d" % (label, rc))
        return
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: output is not UTF-8 (%s)" % (label, e))
        return
    bad = unsafe_chars(text)
    if bad:
        fail("%s: raw control characters in the output: %s" % (label, " ".join(sorted(set(bad)))))
        return
    for raw in HOSTILE:
        if raw in text:
            fail("%s: raw %r in the output" % (label, raw))
            return
    seen = text.lower() if fmt == "json" else text
    for k in want_visible:
        alternatives = VISIBLE[fmt][k]
        if not any(a in seen for a in alternatives):
                fail("%s: none of %s in the output" % (label, " or ".join(alternatives)))
                return
    print("ok: %s (exit %d)" % (label, rc))


def has(cmd):
    return subprocess.run([FIRMNET, cmd, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env=ENV).returncode == 0


def sigpipe_cases(d):
    with open(os.path.join(d, "firms.csv"), "w") as f:
        f.write("id,name,industry\n")
        for i in range(30000):
            f.write("F%d,Firm number %d,footwear\n" % (i, i))
    with open(os.path.join(d, "linkages.csv"), "w") as f:
        f.write("source,target,type\nF0,F1,supply\n")
    cases = [["check", d], ["check", "--format", "json", d]]
    for cmd, args in [("grep", ["-d", d, "."]), ("grep", ["-d", d, "--format", "json", "."]),
                      ("metrics", ["-d", d]), ("cluster", ["-d", d, "--firms"]),
                      ("export", ["-d", d, "--to", "json"])]:
        if has(cmd):
            cases.append([cmd] + args)
    for ignore in (False, True):
        pre = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else None
        for args in cases:
            label = "firmnet %s | head -1 (SIGPIPE %s)" % (" ".join("DIR" if a == d else a for a in args),
                                                          "ignored" if ignore else "default")
            p = subprocess.Popen([FIRMNET] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                                 stdin=subprocess.DEVNULL, preexec_fn=pre)
            first = p.stdout.readline()
            p.stdout.close()  # the reader is gone: the next writes meet a closed pipe
            err = p.stderr.read()
            rc = p.wait(timeout=TIMEOUT)
            if not first:
                fail("%s: no output at all" % label)
            elif err:
                fail("%s: said on stderr: %r" % (label, err[:200]))
            elif rc not in (0, 1, -signal.SIGPIPE):
                fail("%s: exit status %d" % (label, rc))
            else:
                print("ok: %s (exit %d)" % (label, rc))


def main():
    with tempfile.TemporaryDirectory(prefix="firmnet-term.") as tmp:
        d = os.path.join(tmp, "hostile")
        os.mkdir(d)
        make_dataset(d)
        # check quotes values only in control-chars warnings: a bidi override is not one
        cmds = [(["check", d], "text", (ESC, C1_)), (["check", "--format", "json", d], "json", (ESC, C1_))]
        for fmt in ("text", "tsv", "json"):
            if has("show"):
                cmds.append((["show", "-d", d, "--format", fmt, "ESC1"], fmt, ()))
                cmds.append((["show", "-d", d, "--format", fmt, "C1X1"], fmt, ()))
                cmds.append((["show", "-d", d, "--format", fmt, "BIDI"], fmt, ()))
                cmds.append((["show", "-d", d, "--format", fmt, "^RED"], fmt, ()))
            if has("grep"):
                cmds.append((["grep", "-d", d, "--format", fmt, "."], fmt, ALL))
                cmds.append((["grep", "-d", d, "--format", fmt, "--field", "remark\u009b", "."], fmt, ()))
            if has("ego"):
                cmds.append((["ego", "-d", d, "--format", fmt, "ESC1"], fmt, ()))
            if has("path"):
                cmds.append((["path", "-d", d, "--format", fmt, "C1X1", "ESC1"], fmt, ()))
            if has("stats"):
                cmds.append((["stats", "-d", d, "--format", fmt], fmt, ()))
            if has("metrics"):
                cmds.append((["metrics", "-d", d, "--format", fmt], fmt, ALL))
            if has("cluster"):
                cmds.append((["cluster", "-d", d, "--format", fmt, "--firms"], fmt, ()))
        # errors quote what the user typed: a hostile argument must come back escaped too
        if has("show"):
            cmds.append((["show", "-d", d, "NO" + CSI_CLEAR + C1 + RLO], "text", ALL))
        if has("grep"):
            cmds.append((["grep", "-d", d, "(" + OSC52], "text", ()))
        cmds.append((["check", "--format", "x" + CSI_CLEAR + C1, d], "text", (ESC, C1_)))
        cmds.append((["check", os.path.join(d, "no" + CSI_CLEAR + RLO)], "text", (ESC, BIDI)))
        if has("show"):
            cmds.append((["show", "-d", os.path.join(d, "no" + CSI_CLEAR), "x"], "text", (ESC,)))
        for args, fmt, want_visible in cmds:
            argv = [FIRMNET] + args
            shown = " ".join(a.encode("unicode_escape").decode() for a in args if a != d)
            rc, out = run_pipe(argv)
            check_output("pipe: firmnet " + shown, rc, out, fmt, want_visible)
            rc, out = run_pty(argv)
            check_output("pty: firmnet " + shown, rc, out, fmt, want_visible)
        s = os.path.join(tmp, "big")
        os.mkdir(s)
        sigpipe_cases(s)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
