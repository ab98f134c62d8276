#!/usr/bin/env python3
"""Cross-validates `firmnet metrics` against NetworkX.

Writes NetworkX's built-in real graphs and seeded random graphs as firmnet CSV
datasets into a temporary directory, runs the real firmnet binary on each
(`metrics --format tsv`) and compares every firm's degree, betweenness,
closeness, clustering and core number with networkx.degree,
betweenness_centrality, closeness_centrality, clustering and core_number; and
`stats --format json` with networkx.density, the connected components and the
degree distribution; and `path --all` and `ego` with all_shortest_paths and
ego_graph for a sample of firms.

The binary comes from $FIRMNET (the test wrapper sets it to the build tree).
Exit status: 0 all equal within 1e-9, 1 a mismatch (with a diff), 77 when
networkx is not installed, 99 when firmnet could not be run.
"""
import csv
import json
import os
import statistics
import random
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed: skipping", file=sys.stderr)
    sys.exit(77)

TOL = 1e-9
HEADER = ["id", "name", "industry", "degree", "betweenness", "closeness", "clustering", "core"]
# directed and undirected types alike: the projection must ignore direction
TYPES = ["supply", "social", "subcontract", "rnd", "licensing", "cultural"]


def write_dataset(path, g, multiplex_rng=None, type_of=None):
    """Writes g as firms.csv/linkages.csv. Node order is kept, so firm order is
    node order. With multiplex_rng some edges get a second linkage of another
    type, written the other way round (the projection must merge it). type_of
    maps an edge index to its type when a test needs layers."""
    os.makedirs(path)
    ids = {}
    with open(os.path.join(path, "firms.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "industry", "scale"])
        for i, v in enumerate(g.nodes()):
            ids[v] = "N%05d" % i
            w.writerow([ids[v], str(v), "footwear", ["local", "national", "global"][i % 3]])
    with open(os.path.join(path, "linkages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "weight"])
        for k, (u, v) in enumerate(g.edges()):
            t = type_of(k) if type_of else TYPES[k % len(TYPES)]
            w.writerow([ids[u], ids[v], t, 1 + k % 3])
            if multiplex_rng is not None and multiplex_rng.random() < 0.3:
                w.writerow([ids[v], ids[u], TYPES[(k + 1) % len(TYPES)], 2])
    return ids


def run_metrics(firmnet, path, extra):
    cmd = [firmnet, "metrics", "-d", path, "--format", "tsv"] + extra
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr), file=sys.stderr)
        sys.exit(99 if p.returncode > 2 else 1)
    lines = [l for l in p.stdout.split("\n") if l and not l.startswith("#")]
    head = lines[0].split("\t")
    if head != HEADER:
        print("FAIL: header %r, expected %r" % (head, HEADER), file=sys.stderr)
        sys.exit(1)
    rows = {}
    for l in lines[1:]:
        cells = l.split("\t")
        rows[cells[0]] = cells
    return rows


def compare(label, g, ids, rows):
    expect = {
        "degree": dict(g.degree()),
        "betweenness": nx.betweenness_centrality(g),
        "closeness": nx.closeness_centrality(g),
        "clustering": nx.clustering(g),
        "core": nx.core_number(g),
    }
    bad = []
    if len(rows) != g.number_of_nodes():
        bad.append("%d rows for %d nodes" % (len(rows), g.number_of_nodes()))
    for v in g.nodes():
        r = rows.get(ids[v])
        if r is None:
            bad.append("%s (%s): no row" % (ids[v], v))
            continue
        for col in ("degree", "core"):
            got, want = int(r[HEADER.index(col)]), expect[col][v]
            if got != want:
                bad.append("%s (%s) %s: firmnet %d, networkx %d" % (ids[v], v, col, got, want))
        for col in ("betweenness", "closeness", "clustering"):
            got, want = float(r[HEADER.index(col)]), float(expect[col][v])
            if abs(got - want) > TOL:
                bad.append("%s (%s) %s: firmnet %.17g, networkx %.17g, diff %.3g"
                           % (ids[v], v, col, got, want, abs(got - want)))
    status = "ok" if not bad else "MISMATCH"
    print("%-40s %5d nodes %6d edges  %s" % (label, g.number_of_nodes(), g.number_of_edges(), status))
    for b in bad[:40]:
        print("    " + b)
    if len(bad) > 40:
        print("    ... and %d more" % (len(bad) - 40))
    return not bad


def compare_stats(label, g, firmnet, path, extra):
    cmd = [firmnet, "stats", "-d", path, "--format", "json"] + extra
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr), file=sys.stderr)
        return False
    got = json.loads(p.stdout)
    comps = [len(c) for c in nx.connected_components(g)]
    degs = [d for _, d in g.degree()]
    want = {
        "firms": g.number_of_nodes(),
        "linked_pairs": g.number_of_edges(),
        "density": nx.density(g),
        "components": len(comps),
        "largest_component": max(comps),
        "isolated_firms": nx.number_of_isolates(g),
    }
    want_deg = {"min": min(degs), "max": max(degs), "mean": statistics.mean(degs),
                "median": statistics.median(degs)}
    bad = []
    for k, w in want.items():
        if abs(got[k] - w) > TOL:
            bad.append("%s: firmnet %r, networkx %r" % (k, got[k], w))
    for k, w in want_deg.items():
        if abs(got["degree"][k] - w) > TOL:
            bad.append("degree %s: firmnet %r, networkx %r" % (k, got["degree"][k], w))
    print("%-40s stats %s" % (label, "ok" if not bad else "MISMATCH"))
    for b in bad:
        print("    " + b)
    return not bad


def compare_paths(label, g, ids, firmnet, path, rng, pairs=12):
    """Path lengths and counts of shortest paths, and ego network sizes."""
    nodes = list(g.nodes())
    bad = []
    for _ in range(pairs):
        a, b = rng.choice(nodes), rng.choice(nodes)
        cmd = [firmnet, "path", "-d", path, "--format", "json", "--all", "--max", "0", ids[a], ids[b]]
        p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        got = json.loads(p.stdout) if p.stdout else {}
        if nx.has_path(g, a, b):
            want = list(nx.all_shortest_paths(g, a, b))
            wlen = len(want[0]) - 1
            if p.returncode != 0 or got.get("length") != wlen or got.get("count") != len(want):
                bad.append("path %s %s: firmnet exit %d length %r count %r, networkx length %d count %d"
                           % (ids[a], ids[b], p.returncode, got.get("length"), got.get("count"), wlen, len(want)))
            else:
                # the same set of firm sequences, none twice
                seqs = {}
                for h in got["hops"]:
                    seqs.setdefault(h["path"], [h["from"]]).append(h["to"])
                inv = {v: k for k, v in ids.items()}
                mine = {tuple(inv[x] for x in seq) for seq in seqs.values()} if wlen else {(a,)}
                if mine != {tuple(q) for q in want} or len(mine) != len(seqs if wlen else mine):
                    bad.append("path %s %s: paths differ" % (ids[a], ids[b]))
        elif p.returncode != 1 or got.get("found") is not False:
            bad.append("path %s %s: no path in networkx, firmnet exit %d" % (ids[a], ids[b], p.returncode))
    for _ in range(pairs // 2):
        v, k = rng.choice(nodes), rng.randrange(1, 4)
        cmd = [firmnet, "ego", "-d", path, "--format", "json", "--depth", str(k), ids[v]]
        p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        got = json.loads(p.stdout)
        dist = nx.single_source_shortest_path_length(g, v, cutoff=k)
        mine = {f["id"]: f["distance"] for f in got["firms"]}
        if mine != {ids[u]: d for u, d in dist.items()}:
            bad.append("ego %s depth %d: %d firms, networkx %d" % (ids[v], k, len(mine), len(dist)))
    print("%-40s paths %s" % (label, "ok" if not bad else "MISMATCH"))
    for b in bad:
        print("    " + b)
    return not bad


def leafy_graph(n, seed):
    """A random tree, a few cycles closed over it and pendant leaves on its hubs."""
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_node(0)
    for v in range(1, n):
        g.add_edge(rng.randrange(v), v)
    for _ in range(n // 20):
        g.add_edge(rng.randrange(n), rng.randrange(n))
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    hubs = sorted(g.nodes(), key=lambda v: -g.degree(v))[:5]
    for k in range(n // 4):
        g.add_edge(hubs[k % 5], n + k)
    return g


def stars_and_chains():
    """Stars, a star hung on a star, a caterpillar, chains of 2 to 6, isolated nodes."""
    g = nx.star_graph(9)
    g = nx.disjoint_union(g, nx.star_graph(3))
    h = nx.star_graph(5)
    h.add_edges_from((1, 100 + k) for k in range(4))
    g = nx.disjoint_union(g, h)
    cat = nx.path_graph(6)
    cat.add_edges_from((k // 2, 10 + k) for k in range(12))
    g = nx.disjoint_union(g, cat)
    for k in range(2, 7):
        g = nx.disjoint_union(g, nx.path_graph(k))
    g.add_nodes_from(range(1000, 1004))
    return g


def main():
    firmnet = os.environ.get("FIRMNET")
    if not firmnet or not os.access(firmnet, os.X_OK):
        print("FIRMNET does not name an executable firmnet (got %r)" % firmnet, file=sys.stderr)
        return 99
    graphs = [
        ("karate_club_graph", nx.karate_club_graph()),
        ("les_miserables_graph", nx.les_miserables_graph()),
        ("florentine_families_graph", nx.florentine_families_graph()),
        ("davis_southern_women_graph", nx.davis_southern_women_graph()),
        # sparse: isolated nodes and several components
        ("gnp_random_graph(60, 0.03, seed=1)", nx.gnp_random_graph(60, 0.03, seed=1)),
        ("gnp_random_graph(200, 0.012, seed=2)", nx.gnp_random_graph(200, 0.012, seed=2)),
        ("gnp_random_graph(40, 0.15, seed=3)", nx.gnp_random_graph(40, 0.15, seed=3)),
        ("gnp_random_graph(1200, 0.004, seed=4)", nx.gnp_random_graph(1200, 0.004, seed=4)),
        # leaves everywhere: the searches fold degree-1 firms into their neighbour
        ("leafy(400, seed=6)", leafy_graph(400, 6)),
        ("balanced_tree(3, 4)", nx.balanced_tree(3, 4)),
        ("stars, chains, pairs and isolates", stars_and_chains()),
    ]
    ok = True
    with tempfile.TemporaryDirectory(prefix="firmnet-xval-") as tmp:
        for i, (label, g) in enumerate(graphs):
            path = os.path.join(tmp, "g%d" % i)
            ids = write_dataset(path, g, multiplex_rng=random.Random(i))
            ok &= compare(label, g, ids, run_metrics(firmnet, path, []))
            ok &= compare_stats(label, g, firmnet, path, [])
            if i in (0, 4, 5, 8, 10):
                ok &= compare_paths(label, g, ids, firmnet, path, random.Random(100 + i))
            if i in (1, 7):
                # thread count must not change the values beyond summation order
                ok &= compare(label + " --threads 1", g, ids, run_metrics(firmnet, path, ["--threads", "1"]))
                ok &= compare(label + " --threads 3", g, ids, run_metrics(firmnet, path, ["--threads", "3"]))
        # a layer: only the rnd linkages, all firms kept
        g = nx.gnp_random_graph(150, 0.03, seed=5)
        path = os.path.join(tmp, "layer")
        ids = write_dataset(path, g, type_of=lambda k: "rnd" if k % 3 else "supply")
        sub = nx.Graph()
        sub.add_nodes_from(g.nodes())
        sub.add_edges_from(e for k, e in enumerate(g.edges()) if k % 3)
        ok &= compare("gnp(150, 0.03, seed=5) --type rnd", sub, ids, run_metrics(firmnet, path, ["--type", "rnd"]))
        ok &= compare_stats("gnp(150, 0.03, seed=5) --type rnd", sub, firmnet, path, ["--type", "rnd"])
    if not ok:
        print("firmnet metrics disagrees with networkx %s (tolerance %g)" % (nx.__version__, TOL))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
