#!/usr/bin/python3
"""make bench: firmnet side by side with python3-igraph, NetworkX, DuckDB, pcre2grep/grep -P
and cat on generated datasets S, M, field and L, in one run on one machine.

Prints one table and writes the same figures as TSV (BENCH_TSV) so that runs can be
compared across commits. Environment (set by tests/bench/local.mk):
  FIRMNET, FIRMNET_GEN, FIRMNET_BENCH  the programs
  BENCH_DATA    where generated datasets are kept between runs (BENCH_REGEN=1 writes
                them again, e.g. after the generator changed)
  BENCH_TSV     the TSV output
  BUNDLED       the bundled dataset (TUI start-up target)
  BENCH_SKIP_L=1     skip L (1M firms, 10M linkages, ~750 MB)
  BENCH_SIZES=S,M    run only these sizes
  BENCH_NO_PEERS=1   firmnet only
  BENCH_NODE    where the DuckDB peer (@duckdb/node-api, npm) is installed; installed
                there with npm on the first run (BENCH_NO_DUCKDB=1 skips it)
The field size ("field": 100k firms, 1M linkages, firmnet-gen --field: long notes,
quoted names with commas and doubled quotes, three in four linkages starting before
a firm was founded, wide extra columns, mostly Chinese text) runs the load rows only,
as do "firm-heavy" (500k firms, 600k linkages) and "dense" (2k firms, 1M linkages).
Times are wall-clock; each process's peak RSS comes from wait4(). Peers run in their
own processes so that their memory is measured alone.
"""
import csv
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuibench  # noqa: E402  (beside this file)

FIRMNET = os.environ.get("FIRMNET", "firmnet")
GEN = os.environ.get("FIRMNET_GEN", "tests/bench/firmnet-gen")
CORE = os.environ.get("FIRMNET_BENCH", "tests/bench/firmnet-bench")
DATA = os.environ.get("BENCH_DATA", "bench-data")
TSV = os.environ.get("BENCH_TSV", "bench-results.tsv")
BUNDLED = os.environ.get("BUNDLED", "data/wenzhou")
PY = sys.executable

SIZES = [("S", 10_000, 50_000, 1), ("M", 100_000, 1_000_000, 2), ("field", 100_000, 1_000_000, 16),
         ("L", 1_000_000, 10_000_000, 3),
         # the generator's defaults at ratios none of the sizes above has: a registry of
         # many firms and few recorded ties, and a few firms with very many
         ("firm-heavy", 500_000, 600_000, 7), ("dense", 2_000, 1_000_000, 8)]
GEN_ARGS = {"field": ["--field"]}  # the generator's shape options per size
LOAD_ONLY = {"field", "firm-heavy", "dense"}  # sizes that run the load rows only
NODE_DIR = os.environ.get("BENCH_NODE", "bench-node")
DUCKDB_PKG = "@duckdb/node-api@1.5.6-r.1"  # the version measured in docs/performance.md
DUCKDB_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "duckdb_checks.js")
# betweenness sources per size: exact on S, sampled beyond
BC_SAMPLES = {"S": 0, "M": 100, "L": 20}
NX_MAX = "M"  # NetworkX is run on S and M only

# literal, alternation, Chinese, case-insensitive, and one that hits PCRE2's match limit
PATTERNS = [
    ("literal", "XinTong"),
    ("alternation", "footwear|optical|leather"),
    ("chinese", "鞋业.*有限公司"),
    ("caseless", "(?i)lucheng\\s+xing"),
    ("pathological", "^(\\w+\\s?)*\\d$"),
]

rows = []  # (size, job, tool, value, unit, note)


def record(size, job, tool, value, unit, note=""):
    rows.append((size, job, tool, value, unit, note))


def run(cmd, env=None, stdin=None, stdout=subprocess.PIPE, quiet=False):
    """Runs cmd; returns (seconds, peak RSS in KiB, stdout text, exit status). The RSS
    comes from /usr/bin/time, whose own small fork is what the program is exec'd from:
    a child forked straight from this python would count python's pages as its own."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + cmd, stdout=stdout,
                           stderr=subprocess.PIPE, env=env, stdin=stdin)
        secs = time.perf_counter() - t0
        try:
            rss = int(rss_file.read().strip().splitlines()[-1])
        except (ValueError, IndexError):
            rss = 0
    if p.returncode not in (0, 1) and not quiet:
        sys.stderr.write("bench: %s exited %d: %s\n" % (" ".join(cmd)[:200], p.returncode,
                                                        p.stderr.decode(errors="replace")[:500]))
    out = p.stdout.decode(errors="replace") if stdout == subprocess.PIPE else ""
    return secs, rss, out, p.returncode


def keyvals(text):
    kv = {}
    for line in text.splitlines():
        if "\t" in line:
            k, v = line.split("\t", 1)
            kv[k] = v
    return kv


def best_of(n, fn):
    """Median of n runs of fn() -> (seconds, rss, ...): warm caches, less noise."""
    res = [fn() for _ in range(n)]
    secs = statistics.median(r[0] for r in res)
    return secs, max(r[1] for r in res), res[-1]


def ensure_dataset(name, firms, links, seed):
    d = os.path.join(DATA, name)
    stamp = os.path.join(d, "linkages.csv")
    if os.path.exists(stamp) and os.environ.get("BENCH_REGEN") != "1":
        return d, None
    os.makedirs(DATA, exist_ok=True)
    secs, _, _, rc = run([GEN, "--firms", str(firms), "--linkages", str(links), "--seed", str(seed), "-o", d] +
                         GEN_ARGS.get(name, []))
    if rc:
        sys.exit("bench: the generator failed")
    return d, secs


def peer_inputs(d):
    """Files the peers read, derived once per dataset (untimed): an ncol edge list with
    the firm ids, the same edges numbered for Read_Edgelist, and id/name/alias lines."""
    ncol, edges, names = (os.path.join(d, x) for x in ("peer.ncol", "peer.edges", "peer.names"))
    if all(os.path.exists(x) and os.path.getmtime(x) >= os.path.getmtime(os.path.join(d, "linkages.csv"))
           for x in (ncol, edges, names)):
        return ncol, edges, names
    ids = {}
    with open(os.path.join(d, "firms.csv"), newline="", encoding="utf-8") as f, \
            open(names, "w", encoding="utf-8") as out:
        r = csv.reader(f)
        next(r)
        for row in r:
            ids[row[0]] = len(ids)
            # each string on its own line: the strings firmnet's filter tests one by one
            out.write("%s\n%s\n" % (row[0], row[1].replace("\n", " ")))
            if row[2]:
                out.write("%s\n" % row[2].replace("\n", " "))
    with open(os.path.join(d, "linkages.csv"), newline="", encoding="utf-8") as f, \
            open(ncol, "w") as o1, open(edges, "w") as o2:
        r = csv.reader(f)
        next(r)
        for row in r:
            o1.write("%s %s\n" % (row[0], row[1]))
            o2.write("%d %d\n" % (ids[row[0]], ids[row[1]]))
    return ncol, edges, names


def ensure_duckdb():
    """The DuckDB peer's node package, installed with npm into NODE_DIR once (the
    bench's setup, not the product's). Returns a reason when it cannot be had."""
    if os.environ.get("BENCH_NO_DUCKDB") == "1":
        return "BENCH_NO_DUCKDB=1"
    if os.path.exists(os.path.join(NODE_DIR, "node_modules", "@duckdb", "node-api", "package.json")):
        return None
    os.makedirs(NODE_DIR, exist_ok=True)
    try:
        p = subprocess.run(["npm", "install", "--prefix", NODE_DIR, "--no-audit", "--no-fund", "--no-save",
                            DUCKDB_PKG], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return "no npm (%s)" % e
    if p.returncode:
        return "npm install %s failed: %s" % (DUCKDB_PKG, p.stderr.decode(errors="replace")[-300:])
    return None


def duckdb_rows(name, d, links, size_bytes, fl_total, fl_rss, check_secs):
    """DuckDB reading both files and running the referential checks in SQL, in its
    own node process (its RSS measured alone)."""
    env = dict(os.environ, BENCH_NODE=os.path.abspath(NODE_DIR))
    secs, rss, out, rc = run(["node", DUCKDB_JS, d], env=env)
    try:
        res = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        res = {}
    if rc or not res:
        record(name, "load", "duckdb read_csv+checks", float("nan"), "s", "failed (exit %d)" % rc)
        return
    note = "%s threads; types %s; %d duplicate ids, %d unknown ends" % (
        res["threads"], "sniffed" if res["sniffed"] else "all text (the sniffer failed)", res["duplicate_ids"],
        res["unknown_ends"])
    record(name, "load", "duckdb read_csv+checks", res["total"], "s", "duckdb: " + note)
    record(name, "load, referential checks in SQL", "firmnet", fl_total, "s", "firmnet: every check, graph built")
    record(name, "load, referential checks in SQL", "duckdb", res["total"], "s",
           "duckdb: read_csv %s + checks %s" % (fmt(res["load"], "s"), fmt(res["checks"], "s")))
    record(name, "check -q (process)", "duckdb node process", secs, "s")
    record(name, "peak RSS", "duckdb", rss / 1024, "MiB")
    record(name, "RSS / input size", "duckdb", rss * 1024 / size_bytes, "x")


def py_job(code, *args):
    """Runs a peer job in its own python; the code prints a JSON object."""
    secs, rss, out, rc = run([PY, "-c", code] + [str(a) for a in args])
    try:
        res = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        res = {}
    return secs, rss, res, rc


IGRAPH_LOAD = r"""
import json, sys, time, csv, igraph
kind, path, firms, links = sys.argv[1:5]
t = time.perf_counter()
if kind == "ncol":
    g = igraph.Graph.Read_Ncol(path, names=True, directed=True)
elif kind == "edgelist":
    g = igraph.Graph.Read_Edgelist(path, directed=True)
else:  # the same CSV files firmnet reads, through the csv module
    ids = {}
    with open(firms, newline="", encoding="utf-8") as f:
        r = csv.reader(f); next(r)
        for row in r: ids[row[0]] = len(ids)
    with open(links, newline="", encoding="utf-8") as f:
        r = csv.reader(f); next(r)
        e = [(ids[row[0]], ids[row[1]]) for row in r]
    g = igraph.Graph(n=len(ids), edges=e, directed=True)
print(json.dumps({"secs": time.perf_counter() - t, "m": g.ecount()}))
"""

IGRAPH_ATTRS = r"""
import json, sys, time, csv, igraph
firms, links = sys.argv[1:3]
t = time.perf_counter()
with open(firms, newline="", encoding="utf-8") as f:
    r = csv.reader(f); head = next(r); cols = list(zip(*r))
ids = {v: i for i, v in enumerate(cols[0])}
with open(links, newline="", encoding="utf-8") as f:
    r = csv.reader(f); lhead = next(r); lcols = list(zip(*r))
g = igraph.Graph(n=len(ids), edges=list(zip((ids[v] for v in lcols[0]), (ids[v] for v in lcols[1]))), directed=True,
                 vertex_attrs={h: list(c) for h, c in zip(head, cols)},
                 edge_attrs={h: list(c) for h, c in zip(lhead[2:], lcols[2:])})
print(json.dumps({"secs": time.perf_counter() - t, "m": g.ecount()}))
"""

IGRAPH_JOBS = r"""
import json, sys, time, random, igraph
path, bc_k = sys.argv[1], int(sys.argv[2])
g = igraph.Graph.Read_Edgelist(path, directed=True)
res = {}
rnd = random.Random(1)
n = g.vcount()
def med(f, reps=41):
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    ts.sort(); return ts[len(ts) // 2]
res["show"] = med(lambda: [g.vs[w].index for w in g.neighbors(rnd.randrange(n), mode="all")])
res["path"] = med(lambda: g.get_shortest_paths(rnd.randrange(n), to=rnd.randrange(n), mode="all"))
res["ego2"] = med(lambda: g.neighborhood(rnd.randrange(n), order=2, mode="all"))
u = g.as_undirected(); u.simplify()
t = time.perf_counter()
if bc_k == 0:
    u.betweenness(directed=False); res["bc_kind"] = "exact"
else:
    # python-igraph 0.10 has no sampled betweenness (no sources=): k breadth-first
    # searches from Python are the nearest job it offers (less work than Brandes)
    for s in rnd.sample(range(u.vcount()), bc_k): u.bfs(s)
    res["bc_kind"] = "igraph: %d x Graph.bfs, no sampled betweenness in python-igraph 0.10" % bc_k
res["bc"] = time.perf_counter() - t
print(json.dumps(res))
"""

NX_JOBS = r"""
import json, sys, time, random, networkx as nx
path, bc_k = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
g = nx.read_edgelist(path, create_using=nx.MultiDiGraph, nodetype=str)
res = {"load": time.perf_counter() - t}
rnd = random.Random(1)
nodes = list(g.nodes)
u = nx.Graph(g.to_undirected(as_view=True))
def med(f, reps=21):
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    ts.sort(); return ts[len(ts) // 2]
res["show"] = med(lambda: list(nx.all_neighbors(g, rnd.choice(nodes))))
def path():
    try: nx.shortest_path(u, rnd.choice(nodes), rnd.choice(nodes))
    except nx.NetworkXNoPath: pass
res["path"] = med(path)
res["ego2"] = med(lambda: nx.single_source_shortest_path_length(u, rnd.choice(nodes), cutoff=2))
if bc_k:
    t = time.perf_counter(); nx.betweenness_centrality(u, k=bc_k, seed=1); res["bc"] = time.perf_counter() - t
print(json.dumps(res))
"""


def snapshot_rows(name, d, fid, reps, csv_secs):
    """The snapshot cache (docs/snapshot.md): writing it after a CSV load, reading it
    instead of the CSV in-process, and show as a whole process. The cache lives in
    BENCH_DATA/cache; every other row parses the CSV (FIRMNET_CACHE=0, see main)."""
    # FIRMNET_CACHE_MIN=0: S is under the 8 MiB a dataset needs to be cached by default
    env = dict(os.environ, FIRMNET_CACHE="verbose", FIRMNET_CACHE_DIR=os.path.join(DATA, "cache"),
               FIRMNET_CACHE_MIN="0")
    for f in glob.glob(os.path.join(env["FIRMNET_CACHE_DIR"], "%s-*.snapshot" % os.path.basename(d))):
        os.remove(f)
    p = subprocess.run([CORE, "load", d, "--cache"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    m = re.search(r"wrote \S+ \(([0-9.]+) MB in ([0-9]+) ms\)", p.stderr.decode(errors="replace"))
    if not m:
        sys.stderr.write("bench: no snapshot of %s was written: %s\n" % (name, p.stderr.decode(errors="replace")[:300]))
        return
    record(name, "snapshot write", "firmnet", float(m.group(2)) / 1e3, "s",
           "%s MB, after the CSV load (atomic: temporary file, then rename)" % m.group(1))

    def read_back(cmd):
        # a run that did not read the snapshot would time the CSV instead: check
        q = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return b"firmnet: cache: read " in q.stderr

    secs, rss, last = best_of(reps, lambda: run([CORE, "load", d, "--cache"], env=env))
    kv = keyvals(last[2])
    ok = read_back([CORE, "load", d, "--cache"])
    record(name, "load (snapshot)", "firmnet", float(kv["total_ms"]) / 1e3 if ok else float("nan"), "s",
           "read+check %.0f ms, layer %.0f ms; %.0fx faster than the CSV load; peak RSS %.0f MiB"
           % (float(kv["load_ms"]), float(kv["layer_ms"]), csv_secs * 1e3 / float(kv["total_ms"]), rss / 1024)
           if ok else "the snapshot was not read")
    # firmnet is another program than firmnet-bench: its own snapshot first
    cmd = [FIRMNET, "show", "-d", d, fid]
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    secs, _, _ = best_of(reps, lambda: run(cmd, env=env))
    ok = read_back(cmd)
    record(name, "show (process, snapshot)", "firmnet", secs if ok else float("nan"), "s",
           "the snapshot read instead of the CSV" if ok else "the snapshot was not read")


def bench_size(name, firms, links, seed, peers, duckdb):
    d, gen_secs = ensure_dataset(name, firms, links, seed)
    fpath, lpath = os.path.join(d, "firms.csv"), os.path.join(d, "linkages.csv")
    size_bytes = os.path.getsize(fpath) + os.path.getsize(lpath)
    record(name, "input size", "files", size_bytes / 1e6, "MB", "%d firms, %d linkages" % (firms, links))
    if gen_secs is not None:
        record(name, "generate", "firmnet-gen", gen_secs, "s")
    reps = 1 if name == "L" else 3

    # floors: reading the bytes at all, from the page cache like every job here (one
    # untimed read first: on L a single timed read could otherwise come from disk)
    run(["cat", fpath, lpath], stdout=subprocess.DEVNULL)
    secs, _, _ = best_of(reps, lambda: run(["cat", fpath, lpath], stdout=subprocess.DEVNULL))
    record(name, "load", "cat (floor)", secs, "s")
    cat_secs = secs
    secs, _, _ = best_of(reps, lambda: run(["wc", "-l", fpath, lpath]))
    record(name, "load", "wc -l (floor)", secs, "s")

    # firmnet: whole dataset, every attribute, every check, graph built
    secs, rss, last = best_of(reps, lambda: run([CORE, "load", d]))
    kv = keyvals(last[2])
    record(name, "load", "firmnet", float(kv["total_ms"]) / 1e3, "s",
           "parse+check+graph %.0f ms, layer %.0f ms" % (float(kv["load_ms"]), float(kv["layer_ms"])))
    record(name, "load per linkage (growth)", "firmnet", float(kv["total_ms"]) * 1e6 / links, "ns",
           "constant from S to L means linear growth")
    record(name, "load per input MB (growth)", "firmnet", float(kv["total_ms"]) / 1e3 / (size_bytes / 1e6), "s",
           "S has 5 linkages per firm, M and L 10")
    record(name, "peak RSS", "firmnet", rss / 1024, "MiB")
    record(name, "RSS per linkage", "firmnet", rss * 1024 / links, "B")
    record(name, "RSS / input size", "firmnet", rss * 1024 / size_bytes, "x")
    record(name, "peak RSS per input MB", "firmnet", rss / 1024 / (size_bytes / 1e6), "MiB/MB")
    fl_secs = float(kv["total_ms"]) / 1e3
    fl_rss = rss
    record(name, "load / cat", "firmnet", fl_secs / cat_secs, "x")
    record(name, "findings", "firmnet", float(kv["errors"]) + float(kv["warnings"]), "",
           "%s errors, %s warnings" % (kv["errors"], kv["warnings"]))
    secs, rss2, _ = best_of(reps, lambda: run([FIRMNET, "check", "-q", d]))
    record(name, "check -q (process)", "firmnet", secs, "s", "peak RSS %.0f MiB" % (rss2 / 1024))
    check_secs = secs
    if peers and duckdb:
        duckdb_rows(name, d, links, size_bytes, fl_secs, fl_rss, check_secs)
    if name in LOAD_ONLY:
        if peers:
            ncol, edges, _ = peer_inputs(d)
            for kind_, label in (("ncol", "igraph Read_Ncol"), ("csv", "igraph csv+Graph")):
                secs, rss, res, _ = py_job(IGRAPH_LOAD, kind_, ncol if kind_ == "ncol" else edges, fpath, lpath)
                record(name, "load", label, res.get("secs", float("nan")), "s", "edges only")
                record(name, "peak RSS", label, rss / 1024, "MiB")
        return

    # TUI: start, first screen dumped, quit
    with tempfile.TemporaryDirectory() as tmp:
        keys = os.path.join(tmp, "first.keys")
        with open(keys, "w") as k:
            k.write("<Dump %s/screen.txt>\nq\n" % tmp)
        env = dict(os.environ, FIRMNET_TUI_SCRIPT=keys, LINES="24", COLUMNS="80", TERM="xterm-256color",
                   LC_ALL="C.UTF-8")
        for label, ds in (("bundled", BUNDLED), (name, d)):
            if label == "bundled" and name != "S":
                continue
            secs, _, res = best_of(9 if label == "bundled" else reps, lambda: run([FIRMNET, ds], env=env))
            ok = os.path.exists(os.path.join(tmp, "screen.txt")) and res[3] == 0
            record(name if label != "bundled" else "bundled", "TUI first screen", "firmnet", secs if ok else float("nan"),
                   "s", "" if ok else "no screen dumped")

    # the explorer in a real terminal (tests/bench/tuibench.py): first screen, s, hub
    # details, layer, Cluster view, q during a computation; M and L, beside firmnet show
    if name in ("M", "L"):
        tuibench.tui_rows(FIRMNET, d, lambda job, secs, note: record(name, job, "firmnet", secs, "s", note))

    # regex over every firm's id, name and alias
    pats = [p for _, p in PATTERNS]
    _, _, out, _ = run([CORE, "filter", d] + pats)
    kv = keyvals(out)
    if peers:
        _, _, names = peer_inputs(d)
    if "filter_text_ms" in kv:
        record(name, "regex search text (once)", "firmnet", float(kv["filter_text_ms"]) / 1e3, "s",
               "%.0f MB, built on the first filter of a session" % (float(kv["filter_text_bytes"]) / 1e6))
    for i, (label, pat) in enumerate(PATTERNS):
        # the pass a key press costs (firmscan, every core); one core and the loop
        # firm by firm (what firmnet grep runs) for comparison
        note = "%s firms match; 1 thread %s" % (kv.get("filter%d_matches" % i, "?"),
                                                fmt(float(kv.get("filter%d_1thread_ms" % i, "nan")) / 1e3, "s"))
        if float(kv.get("filter%d_loop_ms" % i, "-1")) >= 0:
            note += "; firm by firm %s" % fmt(float(kv["filter%d_loop_ms" % i]) / 1e3, "s")
        if kv.get("filter%d_too_expensive" % i, "0") != "0":
            # the pass stops at the first firm that hits the limit and the explorer says
            # "pattern too expensive": that is what a key press costs
            note = "explorer reports the limit after this; 1 thread %s" % fmt(
                float(kv.get("filter%d_1thread_ms" % i, "nan")) / 1e3, "s")
        record(name, "regex " + label, "firmnet", float(kv["filter%d_ms" % i]) / 1e3, "s", note)
        if peers:
            smart = [] if any(c.isupper() for c in pat.replace("\\s", "").replace("\\w", "").replace("\\d", "")) else ["-i"]
            # UTF and UCP as firmnet compiles patterns, and firmnet's match limit
            secs, _, r = best_of(3, lambda: run(["pcre2grep", "-c", "-u", "--match-limit=1000000"] + smart +
                                                ["--", "(*UCP)" + pat, names], quiet=True))
            record(name, "regex " + label, "pcre2grep", secs, "s",
                   "%s strings" % r[2].strip() if r[3] != 2 else "pcre2grep gave up on match-limit errors")
            secs, _, r = best_of(3, lambda: run(["grep", "-cP"] + smart + ["--", pat, names], quiet=True))
            record(name, "regex " + label, "grep -P", secs, "s",
                   "%s strings" % r[2].strip() if r[3] != 2 else "grep -P stopped at its backtracking limit")

    # show, path, ego: latency after load, inside the process
    _, _, out, _ = run([CORE, "lookup", d])
    kv = keyvals(out)
    record(name, "show", "firmnet", float(kv["show_ms"]) / 1e3, "s")
    record(name, "show (largest hub)", "firmnet", float(kv["show_hub_ms"]) / 1e3, "s",
           "%s linkages; median of 21 after a warm-up, the first run %s" % (kv["hub_linkages"], fmt(float(kv.get("show_hub_cold_ms", "nan")) / 1e3, "s")))
    record(name, "path", "firmnet", float(kv["path_ms"]) / 1e3, "s",
           "found %s, %s hops; searched from both ends, as networkx does" % (kv["path_found"], kv["path_mean_hops"]))
    record(name, "ego k=2", "firmnet", float(kv["ego2_ms"]) / 1e3, "s",
           "%s firms, with the linkages among them (peers: firms only)" % kv["ego2_mean_firms"])
    record(name, "ego map layout k=2 (largest hub)", "firmnet", float(kv["egomap_hub_ms"]) / 1e3, "s",
           "%s nodes: ego search, grouping past 500, stress SGD, labels placed" % kv["egomap_hub_nodes"])
    record(name, "ego map layout k=2", "firmnet", float(kv["egomap_ms"]) / 1e3, "s",
           "%s nodes on average" % kv["egomap_mean_nodes"])
    # the details pane's per-firm measures (core/egocluster) of the largest hub, CPU time
    # in the process: from its neighbourhood alone, and with the layer's table (built
    # once per layer on the explorer's worker), the same values
    _, _, out, _ = run([CORE, "egocluster", d])
    kv = keyvals(out)
    record(name, "hub's measures (largest hub)", "firmnet", float(kv["ego_hub_ms"]) / 1e3, "s",
           "%s partners, %s linkage ends; CPU time, median of 8 after a cold run" % (kv["ego_hub_partners"],
                                                                               kv["ego_hub_cost"]))
    record(name, "hub's measures (largest hub, layer table)", "firmnet", float(kv["ego_hub_table_ms"]) / 1e3, "s",
           "the same values, bit for bit; CPU time")
    record(name, "layer table for the hub's measures", "firmnet", float(kv["ego_table_ms"]) / 1e3, "s",
           "one pass over every linkage end, on the explorer's worker; CPU time")
    # the same lookup as a user runs it: one process, load included
    fid = open(fpath, encoding="utf-8").readlines()[1].split(",")[0]
    secs, _, _ = best_of(reps, lambda: run([FIRMNET, "show", "-d", d, fid]))
    record(name, "show (process, with load)", "firmnet", secs, "s")
    snapshot_rows(name, d, fid, reps, fl_secs)

    k = BC_SAMPLES[name]
    kind = "exact" if k == 0 else "k=%d sources" % k
    for threads in (1, 0):
        _, _, out, _ = run([CORE, "betweenness", d, str(k), str(threads)])
        kv = keyvals(out)
        record(name, "betweenness " + kind + (" 1 thread" if threads == 1 else " all threads"), "firmnet",
               float(kv["betweenness_ms"]) / 1e3, "s",
               "with closeness; %s threads; simple graph %s ms" % (kv["betweenness_threads"], kv["simple_ms"]))

    if name == "M":
        secs, _, r = best_of(1, lambda: run([FIRMNET, "cluster", "-d", d], stdout=subprocess.DEVNULL))
        record(name, "cluster (process, with load)", "firmnet", secs, "s", "" if r[3] == 0 else "failed")
        record(name, "cluster minus load", "firmnet", max(0.0, secs - fl_secs), "s")

    if not peers:
        return
    ncol, edges, _ = peer_inputs(d)
    for kind_, label in (("ncol", "igraph Read_Ncol"), ("edgelist", "igraph Read_Edgelist"), ("csv", "igraph csv+Graph")):
        if kind_ == "csv" and name == "L":
            continue
        secs, rss, res, _ = py_job(IGRAPH_LOAD, kind_, ncol if kind_ == "ncol" else edges, fpath, lpath)
        record(name, "load", label, res.get("secs", float("nan")), "s", "edges only")
        record(name, "peak RSS", label, rss / 1024, "MiB")
        record(name, "RSS per linkage", label, rss * 1024 / links, "B")
    if name != "L":
        secs, rss, res, _ = py_job(IGRAPH_ATTRS, fpath, lpath)
        record(name, "load", "igraph csv+all attributes", res.get("secs", float("nan")), "s",
               "every column as vertex/edge attributes (strings)")
        record(name, "peak RSS", "igraph csv+all attributes", rss / 1024, "MiB")
        record(name, "RSS per linkage", "igraph csv+all attributes", rss * 1024 / links, "B")
    secs, rss, res, _ = py_job(IGRAPH_JOBS, edges, k)
    for job in ("show", "path"):
        record(name, job, "igraph", res.get(job, float("nan")), "s")
    record(name, "ego k=2", "igraph", res.get("ego2", float("nan")), "s")
    record(name, "betweenness " + kind + " 1 thread", "igraph", res.get("bc", float("nan")), "s", res.get("bc_kind", ""))
    if [s[0] for s in SIZES].index(name) <= [s[0] for s in SIZES].index(NX_MAX):
        nk = 100 if name == "S" else 0
        secs, rss, res, _ = py_job(NX_JOBS, ncol, nk)
        record(name, "load", "networkx read_edgelist", res.get("load", float("nan")), "s", "edges only")
        record(name, "peak RSS", "networkx read_edgelist", rss / 1024, "MiB", "after all its jobs")
        for job in ("show", "path"):
            record(name, job, "networkx", res.get(job, float("nan")), "s")
        record(name, "ego k=2", "networkx", res.get("ego2", float("nan")), "s")
        if nk:
            record(name, "betweenness k=100 sources", "networkx", res.get("bc", float("nan")), "s")
            _, _, out, _ = run([CORE, "betweenness", d, "100", "1"])
            record(name, "betweenness k=100 sources", "firmnet", float(keyvals(out)["betweenness_ms"]) / 1e3, "s",
                   "1 thread, with closeness")


def fmt(v, unit):
    if v != v:
        return "-"
    if unit == "s":
        if v < 1e-3:
            return "%.1f µs" % (v * 1e6)
        if v < 1:
            return "%.1f ms" % (v * 1e3)
        return "%.2f s" % v
    if unit == "ns":
        return "%.0f ns" % v
    if unit == "x":
        return "%.2fx" % v
    if unit == "MiB/MB":
        return "%.2f MiB/MB" % v
    if unit in ("MB", "MiB"):
        return "%.0f %s" % (v, unit)
    return "%.0f %s" % (v, unit)


def print_table():
    # one line per (size, job): firmnet, then each peer with firmnet/peer
    order = []
    by = {}
    for size, job, tool, v, unit, note in rows:
        key = (size, job)
        if key not in by:
            by[key] = []
            order.append(key)
        by[key].append((tool, v, unit, note))
    print("\n%-10s %-34s %-12s %-44s %s" % ("size", "job", "firmnet", "peers (firmnet/peer)", "notes"))
    print("-" * 130)
    for key in order:
        items = by[key]
        mine = [x for x in items if x[0] in ("firmnet", "files", "firmnet-gen")]
        others = [x for x in items if x not in mine]
        fv = mine[0] if mine else None
        peer_txt = []
        for tool, v, unit, note in others:
            ratio = ""
            if fv and unit == fv[2] and v == v and v > 0 and fv[1] == fv[1] and not tool.endswith("(floor)"):
                ratio = " (%.2f)" % (fv[1] / v)
            elif fv and unit == fv[2] and v == v and v > 0 and tool.endswith("(floor)"):
                ratio = " (%.1fx)" % (fv[1] / v)
            peer_txt.append("%s %s%s" % (tool, fmt(v, unit), ratio))
        notes = "; ".join(x[3] for x in items if x[3])
        print("%-10s %-34s %-12s %-44s %s" % (key[0], key[1], fmt(fv[1], fv[2]) if fv else "-",
                                              ", ".join(peer_txt), notes))


def main():
    want = os.environ.get("BENCH_SIZES")
    sizes = [s for s in SIZES if (not want or s[0] in want.split(","))
             and not (s[0] == "L" and os.environ.get("BENCH_SKIP_L") == "1")]
    peers = os.environ.get("BENCH_NO_PEERS") != "1"
    duckdb = False
    # every row times parsing the CSV, but those of the snapshot cache (which set it
    # themselves): and firmnet must not write snapshots into the home directory here
    os.environ["FIRMNET_CACHE"] = "0"
    if peers:
        try:
            import igraph, networkx  # noqa: F401
        except ImportError as e:
            sys.stderr.write("bench: %s; peers skipped (use /usr/bin/python3 with python3-igraph and python3-networkx)\n" % e)
            peers = False
    if peers:
        why = ensure_duckdb()
        if why:
            sys.stderr.write("bench: DuckDB peer skipped: %s\n" % why)
        duckdb = why is None
    load = os.getloadavg()
    print("firmnet bench, %s, load average %.2f %.2f %.2f, %d CPUs" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), load[0], load[1], load[2], os.cpu_count()))
    for name, firms, links, seed in sizes:
        print("... %s (%d firms, %d linkages)" % (name, firms, links), flush=True)
        bench_size(name, firms, links, seed, peers, duckdb)
    print_table()
    load = os.getloadavg()
    print("\nload average at the end: %.2f %.2f %.2f" % load)
    with open(TSV, "w") as f:
        f.write("size\tjob\ttool\tvalue\tunit\tnote\n")
        for r in rows:
            f.write("%s\t%s\t%s\t%.6g\t%s\t%s\n" % r)
    print("TSV: %s" % TSV)


if __name__ == "__main__":
    main()
