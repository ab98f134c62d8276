#!/usr/bin/env python3
"""Cross-validates `firmnet cluster --firms` against R's sna and NetworkX.

Networks: sna's real ones (coleman, the seven emon networks with their
Sponsorship groups; dumped by xval_brokerage.R), NetworkX's real ones
(florentine_families, karate_club with its 'club' groups, davis_southern_women
with its bipartite sets, les_miserables with its weights) and seeded random
directed graphs. Each is written as a firmnet dataset in a temporary directory:
firms.csv with a group column 'grp' (and firms without any linkage), linkages.csv
with directed `supply` linkages, mutual `social` linkages for some reciprocated
pairs, and some extra parallel or multiplex linkages (which must not change
the arcs and must add up in the pair weights).

The real firmnet binary ($FIRMNET) runs `cluster --firms --format tsv --group
grp` on each, and every firm's
  coordinator, itinerant, representative, gatekeeper, liaison, brokerage
must equal sna::brokerage(...)$raw.nli (w_I, w_O, b_IO, b_OI, b_O, t) on the
directed simple graph of the linkages; `cluster --brokerage` must give the same
counts and, within 1e-9 (relative), sna's exp.nli, sd.nli and z.nli for every
firm and exp.gli, sd.gli and z.gli for the network (NaN where sna has NaN or an
infinite z); and
  constraint, effective_size
must be within 1e-9 of networkx.constraint / effective_size(G, weight='weight')
on the undirected projection with summed pair weights (NaN for firms without
ties). local/national/global and ei are checked against a direct count
(coreness: xval_cluster_nx.py).

Layers: two-layer networks (material supply, non-material rnd) built from the
NetworkX graphs with a known overlap; `cluster --compare-forms` must give the
Jaccard overlap of a direct count, sna::gcor's correlation (1e-9) and p-values
within four Monte Carlo standard errors of sna::qaptest's (2000 permutations
each, both seeded); `metrics --network` sna's centralization(g, degree, mode =
"graph") and gtrans(g, mode = "graph") on the union (1e-9).

Exit: 0 all equal, 1 a mismatch, 77 when Rscript/sna or networkx is missing,
99 when firmnet could not be run.
"""
import csv
import json
import math
import os
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
HERE = os.path.dirname(os.path.abspath(__file__))
RSCRIPT = os.environ.get("RSCRIPT") or "Rscript"
FIRMNET = os.environ.get("FIRMNET") or "./firmnet"
ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "brokerage"]
SNA_COLS = ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]
SCALES = ["local", "national", "global"]
failures = []


class Net:
    """A network as firmnet will read it: nodes (with group and scale) and linkages."""

    def __init__(self, name, n, groups, scales=None):
        self.name = name
        self.n = n
        self.groups = list(groups)
        self.scales = scales or [SCALES[(i * 7) % 3] for i in range(n)]
        self.links = []  # (u, v, type, weight)
        self.extra_isolates = 0

    def arcs(self):
        """The directed simple graph firmnet must build: supply u->v, social both ways."""
        a = set()
        for u, v, t, _ in self.links:
            if u == v:
                continue
            a.add((u, v))
            if t == "social":
                a.add((v, u))
        return a

    def undirected(self):
        g = nx.Graph()
        g.add_nodes_from(range(self.n))
        for u, v, _, w in self.links:
            if u == v:
                continue
            if g.has_edge(u, v):
                g[u][v]["weight"] += w
            else:
                g.add_edge(u, v, weight=w)
        return g


def from_arcs(name, n, arcs, groups, rng, weights=None):
    """Writes arcs as linkages: a reciprocated pair becomes one mutual social
    linkage half of the time; some arcs get a parallel duplicate or a mutual
    multiplex partner of the same direction (neither may add an arc)."""
    net = Net(name, n, groups)
    arcs = sorted(set(arcs))
    aset = set(arcs)
    done = set()
    for u, v in arcs:
        if (u, v) in done:
            continue
        w = weights.get((u, v), 1.0) if weights else float(rng.choice([1, 1, 2, 3, 0.5]))
        if (v, u) in aset and rng.random() < 0.5:
            net.links.append((u, v, "social", w))
            done.add((v, u))
        else:
            net.links.append((u, v, "supply", w))
            if rng.random() < 0.1:
                net.links.append((u, v, "supply", 1.0))
        done.add((u, v))
    return net


def from_undirected(name, g, groups, rng, weight=None):
    """An undirected graph: every edge a mutual social linkage, or two supply ones."""
    idx = {v: i for i, v in enumerate(g.nodes())}
    net = Net(name, g.number_of_nodes(), [groups(v) for v in g.nodes()])
    for u, v, d in g.edges(data=True):
        w = float(d.get(weight, 1)) if weight else 1.0
        a, b = idx[u], idx[v]
        if rng.random() < 0.7:
            net.links.append((a, b, "social", w))
        else:
            net.links.append((a, b, "supply", w / 2))
            net.links.append((b, a, "supply", w / 2))
    return net


def write_dataset(path, net):
    os.makedirs(path)
    with open(os.path.join(path, "firms.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "industry", "scale", "grp"])
        for i in range(net.n):
            w.writerow(["N%05d" % i, "node %d" % i, "footwear", net.scales[i], net.groups[i]])
    with open(os.path.join(path, "linkages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "weight"])
        for u, v, t, wt in net.links:
            w.writerow(["N%05d" % u, "N%05d" % v, t, repr(wt)])


def run_firmnet(path, group_opt):
    cmd = [FIRMNET, "cluster", "--firms", "--format", "tsv", "-d", path] + group_opt
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr), file=sys.stderr)
        sys.exit(99 if p.returncode > 2 else 1)
    lines = [l for l in p.stdout.split("\n") if l and not l.startswith("#")]
    head = lines[0].split("\t")
    need = ["id", "local", "national", "global", "ei", "coordinator", "itinerant", "representative",
            "gatekeeper", "liaison", "brokerage", "constraint", "effective_size", "gatekeeper_score"]
    missing = [c for c in need if c not in head]
    if missing:
        print("FAIL: header lacks %s" % missing, file=sys.stderr)
        sys.exit(1)
    rows = {}
    for l in lines[1:]:
        cells = l.split("\t")
        rows[int(cells[0][1:])] = dict(zip(head, cells))
    return rows


def run_brokerage(path, group_opt):
    """`cluster --brokerage --format tsv`: the firm rows and the network rows."""
    cmd = [FIRMNET, "cluster", "--brokerage", "--format", "tsv", "-d", path] + group_opt
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr), file=sys.stderr)
        sys.exit(99 if p.returncode > 2 else 1)
    sections, cur = {}, None
    for l in p.stdout.split("\n"):
        if l.startswith("# "):
            cur = sections.setdefault(l[2:], [])
        elif l and cur is not None:
            cur.append(l.split("\t"))
    firms = {int(r[0][1:]): dict(zip(sections["brokerage"][0], r)) for r in sections["brokerage"][1:]}
    net = {r[0]: dict(zip(sections["network"][0], r)) for r in sections["network"][1:]}
    return firms, net


def rnum(s):
    """An R number as write.table prints it: NaN, Inf and -Inf count as not a number."""
    return float("nan") if s in ("NaN", "NA", "Inf", "-Inf", "") else float(s)


def check_moments(net, firms, net_rows, sna_rows, gli):
    bad = finite = 0
    for v in range(net.n):
        for role, col in zip(ROLES, SNA_COLS):
            for stat, pre in (("exp", "exp_"), ("sd", "sd_"), ("z", "z_")):
                got, want = rnum(firms[v]["%s_%s" % (role, stat)]), rnum(sna_rows[v][pre + col])
                finite += not math.isnan(want)
                if not close(got, want):
                    failures.append("%s node %d %s_%s: firmnet %r, sna %s%s %r" % (net.name, v, role, stat, got,
                                                                                  pre, col, want))
                    bad += 1
            if int(firms[v][role]) != int(round(float(sna_rows[v][col]))):
                failures.append("%s node %d %s: --brokerage %s, sna %s" % (net.name, v, role, firms[v][role],
                                                                          sna_rows[v][col]))
                bad += 1
        if bad > 20:
            return
    for k, (role, col) in enumerate(zip(ROLES, SNA_COLS)):
        for stat, row in (("count", 0), ("exp", 1), ("sd", 2), ("z", 3)):
            got, want = rnum(net_rows[role][stat]), rnum(gli[row][k])
            finite += not math.isnan(want)
            if not close(got, want):
                failures.append("%s network %s %s: firmnet %r, sna %r" % (net.name, role, stat, got, want))
    if finite < 3 * net.n:
        failures.append("%s: only %d finite moments to compare" % (net.name, finite))


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= TOL * max(1.0, abs(b))


def check(net, rows, sna_rows):
    bad = 0
    if len(rows) != net.n:
        failures.append("%s: %d rows, expected %d" % (net.name, len(rows), net.n))
        return
    g = net.undirected()
    cons = nx.constraint(g, weight="weight")
    esize = nx.effective_size(g, weight="weight")
    for v in range(net.n):
        r = rows[v]
        # brokerage against sna
        if sna_rows is not None:
            for role, col in zip(ROLES, SNA_COLS):
                want = int(round(float(sna_rows[v][col])))
                if int(r[role]) != want:
                    failures.append("%s node %d %s: firmnet %s, sna %s %d" % (net.name, v, role, r[role], col, want))
                    bad += 1
        for key, want in (("constraint", cons[v]), ("effective_size", esize[v])):
            got = float(r[key])
            if not close(got, want):
                failures.append("%s node %d %s: firmnet %r, networkx %r" % (net.name, v, key, got, want))
                bad += 1
        # tie profile and E-I by direct count
        prof = [0, 0, 0]
        for a, b, _, _ in net.links:
            if v in (a, b) and a != b:
                prof[SCALES.index(net.scales[b if a == v else a])] += 1
        for k, s in enumerate(SCALES):
            if int(r[s]) != prof[k]:
                failures.append("%s node %d %s: firmnet %s, expected %d" % (net.name, v, s, r[s], prof[k]))
                bad += 1
        nb = list(g.neighbors(v))
        internal = sum(1 for u in nb if net.groups[u] == net.groups[v])
        external = len(nb) - internal
        ei = (external - internal) / len(nb) if nb else float("nan")
        if not close(float(r["ei"]), ei):
            failures.append("%s node %d ei: firmnet %s, expected %r" % (net.name, v, r["ei"], ei))
            bad += 1
        if bad > 20:
            return
    print("ok %s: %d firms, %d linkages" % (net.name, net.n, len(net.links)))


def two_layers(name, g, rng, keep, noise):
    """A material layer (supply, either way round) from a share of g's edges and a
    non-material one (rnd) that repeats `keep` of them and adds `noise` random
    pairs per material pair: a known overlap with a correlation from strong to none."""
    idx = {v: i for i, v in enumerate(g.nodes())}
    n = len(idx)
    a, b = set(), set()
    for u, v in g.edges():
        e = tuple(sorted((idx[u], idx[v])))
        if rng.random() < 0.6:
            a.add(e)
            if rng.random() < keep:
                b.add(e)
        else:
            b.add(e)
    for _ in range(int(noise * len(a))):
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            b.add(tuple(sorted((u, v))))
    net = Net(name, n, ["x"] * n)
    for u, v in sorted(a):
        net.links.append((u, v, "supply", 1.0) if rng.random() < 0.5 else (v, u, "supply", 1.0))
    for u, v in sorted(b):
        net.links.append((u, v, "rnd", 1.0))
    return net, a, b


def check_whole(tmp, rng):
    """Layer overlap against sna's gcor and qaptest, whole-network degree
    centralization and transitivity against sna's centralization and gtrans."""
    reps = 2000
    cases = [("karate", nx.karate_club_graph(), 0.5, 0.2), ("florentine", nx.florentine_families_graph(), 0.3, 0.5),
             ("lesmis", nx.les_miserables_graph(), 0.1, 1.0), ("davis", nx.davis_southern_women_graph(), 0.0, 0.3),
             ("gnp80", nx.gnp_random_graph(80, 0.06, seed=11), 0.05, 0.5),
             ("gnp60", nx.gnp_random_graph(60, 0.1, seed=12), 0.0, 0.0)]
    jobs = []
    for name, g, keep, noise in cases:
        net, a, b = two_layers("whole_" + name, g, rng, keep, noise)
        path = os.path.join(tmp, net.name)
        write_dataset(path, net)
        files = []
        for k, layer in enumerate((a, b)):
            fn = os.path.join(tmp, "%s.%d.edges" % (net.name, k))
            with open(fn, "w") as f:
                f.write("".join("%d %d\n" % e for e in sorted(layer)))
            files.append(fn)
        jobs.append((net, path, a, b, files, os.path.join(tmp, net.name + ".whole.tsv")))
    manifest = os.path.join(tmp, "whole.manifest")
    with open(manifest, "w") as f:
        for net, _, _, _, files, out in jobs:
            f.write("%s %d %s %s %d %s\n" % (net.name, net.n, files[0], files[1], reps, out))
    p = subprocess.run([RSCRIPT, os.path.join(HERE, "xval_brokerage.R"), "whole", manifest],
                       capture_output=True, text=True)
    if p.returncode != 0:
        print("FAIL: R whole\n" + p.stderr, file=sys.stderr)
        sys.exit(1)
    for net, path, a, b, _, out in jobs:
        with open(out, encoding="utf-8") as f:
            want = next(csv.DictReader(f, delimiter="\t"))
        cmd = [FIRMNET, "cluster", "--compare-forms", "--format", "json", "--permutations", str(reps), "--seed", "7",
               "-d", path]
        p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        cmd2 = [FIRMNET, "metrics", "--network", "--format", "json", "-d", path]
        p2 = subprocess.run(cmd2, capture_output=True, text=True, encoding="utf-8")
        if p.returncode or p2.returncode:
            print("FAIL: %s\n%s%s" % (net.name, p.stderr, p2.stderr), file=sys.stderr)
            sys.exit(1)
        ov = json.loads(p.stdout)["overlap"]
        whole = json.loads(p2.stdout)
        before = len(failures)
        jac = len(a & b) / len(a | b)
        if not close(ov["jaccard"], jac):
            failures.append("%s jaccard: firmnet %r, direct count %r" % (net.name, ov["jaccard"], jac))
        r = rnum(want["r"])
        if not close(ov["qap_r"] if ov["qap_r"] is not None else float("nan"), r):
            failures.append("%s qap_r: firmnet %r, sna gcor %r" % (net.name, ov["qap_r"], r))
        # two Monte Carlo estimates of one p: 4 standard errors apart at most
        for key, col in (("qap_p_greater", "pgreq"), ("qap_p_less", "pleq")):
            pw, pf = rnum(want[col]), ov[key]
            tol = 4 * math.sqrt(max(pw * (1 - pw), 1e-4) * 2 / reps) + 2.0 / reps
            if abs(pf - pw) > tol:
                failures.append("%s %s: firmnet %r, sna qaptest %s %r (tolerance %.4f)" % (net.name, key, pf, col,
                                                                                       pw, tol))
        # the permuted correlations have mean about 0 and sd about 1/sqrt(pairs)
        if abs(ov["qap_permuted_mean"] - rnum(want["mean"])) > 4 / math.sqrt(reps * net.n * (net.n - 1) / 2):
            failures.append("%s qap_permuted_mean: firmnet %r, sna %r" % (net.name, ov["qap_permuted_mean"],
                                                                         want["mean"]))
        for key, col in (("degree_centralization", "centralization"), ("transitivity", "transitivity")):
            if not close(whole[key], rnum(want[col])):
                failures.append("%s %s: firmnet %r, sna %r" % (net.name, key, whole[key], want[col]))
        print("%s %s: jaccard %.3f, r %.4f, p>= %.4f (sna %.4f), centralization %.4f" % (
            "ok" if len(failures) == before else "MISMATCH", net.name, jac, r, ov["qap_p_greater"],
            rnum(want["pgreq"]), whole["degree_centralization"]))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def main():
    have_r = subprocess.run([RSCRIPT, "-e", "suppressMessages(library(sna))"], capture_output=True).returncode == 0 \
        if RSCRIPT != "no" else False
    if not have_r:
        print("Rscript with sna not found: skipping", file=sys.stderr)
        sys.exit(77)
    rng = random.Random(20260105)
    nets = []
    with tempfile.TemporaryDirectory(prefix="firmnet-xval-cluster-") as tmp:
        dump = os.path.join(tmp, "sna")
        os.makedirs(dump)
        p = subprocess.run([RSCRIPT, os.path.join(HERE, "xval_brokerage.R"), "dump", dump],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print("FAIL: R dump\n" + p.stderr, file=sys.stderr)
            sys.exit(1)
        for fn in sorted(os.listdir(dump)):
            if not fn.endswith(".arcs"):
                continue
            name = fn[:-5]
            groups = read_lines(os.path.join(dump, name + ".groups"))
            arcs = [tuple(int(x) for x in l.split()) for l in read_lines(os.path.join(dump, fn)) if l.strip()]
            nets.append(from_arcs(name, len(groups), arcs, groups, rng))

        nets.append(from_undirected("florentine", nx.florentine_families_graph(),
                                    lambda v: "medici-side" if v in ("Medici", "Tornabuoni", "Albizzi", "Acciaiuoli",
                                                                     "Ridolfi", "Barbadori", "Salviati", "Pazzi",
                                                                     "Ginori") else "other", rng))
        karate = nx.karate_club_graph()
        nets.append(from_undirected("karate", karate, lambda v: karate.nodes[v]["club"], rng, weight="weight"))
        davis = nx.davis_southern_women_graph()
        nets.append(from_undirected("davis", davis, lambda v: str(davis.nodes[v]["bipartite"]), rng))
        les = nx.les_miserables_graph()
        nets.append(from_undirected("lesmis", les, lambda v: v[0], rng, weight="weight"))

        for k, (n, p_arc) in enumerate([(40, 0.08), (80, 0.05), (150, 0.03), (60, 0.15)]):
            arcs = [(u, v) for u in range(n) for v in range(n) if u != v and rng.random() < p_arc]
            ngroups = [2, 3, 5, 4][k]
            groups = ["g%d" % rng.randrange(ngroups) for _ in range(n)]
            if k == 1:
                groups[3] = ""  # firms with an empty value form a group of their own
            nets.append(from_arcs("random%d" % k, n, arcs, groups, rng))
        # grouped by the default column, scale
        n = 70
        arcs = [(u, v) for u in range(n) for v in range(n) if u != v and rng.random() < 0.06]
        net = from_arcs("random_scale", n, arcs, [""] * n, rng)
        net.groups = list(net.scales)
        net.default_group = True
        nets.append(net)

        # isolated firms: firms.csv rows without linkages (NaN constraint, no roles)
        for net in nets[:3]:
            for _ in range(2):
                net.groups.append(net.groups[0])
                net.scales.append("local")
                net.n += 1

        jobs = []
        for net in nets:
            path = os.path.join(tmp, net.name)
            write_dataset(path, net)
            arcs_path = os.path.join(tmp, net.name + ".in.arcs")
            with open(arcs_path, "w") as f:
                for u, v in sorted(net.arcs()):
                    f.write("%d %d\n" % (u, v))
            groups_path = os.path.join(tmp, net.name + ".in.groups")
            with open(groups_path, "w", encoding="utf-8") as f:
                f.write("".join(gr + "\n" for gr in net.groups))
            jobs.append((net, path, arcs_path, groups_path, os.path.join(tmp, net.name + ".sna.tsv")))
        manifest = os.path.join(tmp, "manifest")
        with open(manifest, "w") as f:
            for net, _, a, gpath, out in jobs:
                f.write("%s %d %s %s %s\n" % (net.name, net.n, a, gpath, out))
        p = subprocess.run([RSCRIPT, os.path.join(HERE, "xval_brokerage.R"), "run", manifest],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print("FAIL: R brokerage\n" + p.stderr, file=sys.stderr)
            sys.exit(1)
        for net, path, _, _, out in jobs:
            with open(out, encoding="utf-8") as f:
                sna_rows = list(csv.DictReader(f, delimiter="\t"))
            group_opt = [] if getattr(net, "default_group", False) else ["--group", "grp"]
            rows = run_firmnet(path, group_opt)
            check(net, rows, sna_rows)
            with open(out + ".gli", encoding="utf-8") as f:
                gli = [l.rstrip("\n").split("\t") for l in f][1:]
            firms, net_rows = run_brokerage(path, group_opt)
            check_moments(net, firms, net_rows, sna_rows, gli)
        check_whole(tmp, rng)
    if failures:
        for f in failures[:60]:
            print("FAIL: " + f, file=sys.stderr)
        print("%d mismatches" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all %d networks agree" % len(nets))


if __name__ == "__main__":
    main()
