#!/usr/bin/env python3
"""Cross-validates the directed, ego-composition and whole-network measures of
`firmnet metrics` against NetworkX, and the standard errors of sampled
betweenness against the spread of the estimates over many seeds.

Networks: NetworkX's real ones (karate_club, florentine_families,
davis_southern_women, les_miserables) and seeded random directed graphs. Each
is written as a firmnet dataset: directed `supply` (material) and `licensing`
(non-material) linkages for arcs, one mutual `social` or `rnd` linkage for some
reciprocated pairs (which must give both arcs), some parallel duplicates (which
must not add an arc), firms with industries and scales drawn from a seeded
generator, and firms without any linkage.

Checked, each within TOL = 1e-9 unless said:
  metrics --direction --directed: in_degree, out_degree (DiGraph), mutual (a
    direct count of partners with arcs both ways), scc (the partition of
    nx.strongly_connected_components, numbered by smallest node), betweenness
    (nx.betweenness_centrality on the DiGraph);
  metrics --ego: ego_density (nx.density of the subgraph on the neighbours),
    effective_size (nx.effective_size, weight='weight'), blau_type, blau_scale,
    blau_industry, non_material_share (direct counts from the CSV);
  metrics --network: degree_centralization (Freeman's formula from
    nx.degree), transitivity (nx.transitivity), average_path_length
    (nx.average_shortest_path_length on the largest component), reciprocity
    (nx.reciprocity), strong_components, degree_histogram (nx.degree_histogram);
    and, when python-igraph is installed, reciprocity, strong components,
    transitivity_undirected, average_path_length of the giant component and
    the degree counts from igraph;
  sampled betweenness (undirected and --directed) and closeness, over 40 seeds
  at K sources:
    the mean reported SE must be within 25% of the standard deviation of the
    estimates; for betweenness the root mean square of the reported SE within
    15% of the true standard error of the design (from every source's
    dependencies); and on the random graph the exact value must lie within 2 SE of at
    least 80% of the estimates (not 95%: the per-source dependencies are
    skewed, so the normal interval covers less than its nominal level).

Exit: 0 all agree, 1 a mismatch, 77 without networkx, 99 when firmnet could
not be run.
"""
import csv
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed: skipping", file=sys.stderr)
    sys.exit(77)

TOL = 1e-9
FIRMNET = os.environ.get("FIRMNET") or "./firmnet"
SCALES = ["local", "national", "global"]
INDUSTRIES = ["footwear", "eyewear", "hardware", "apparel", "logistics"]
NONMAT = {"licensing", "rnd", "social"}
failures = []


class Net:
    def __init__(self, name, n, rng):
        self.name = name
        self.n = n
        self.scales = [rng.choice(SCALES) for _ in range(n)]
        self.industry = [rng.choice(INDUSTRIES) for _ in range(n)]
        self.links = []  # (u, v, type, weight)

    def digraph(self):
        d = nx.DiGraph()
        d.add_nodes_from(range(self.n))
        for u, v, t, _ in self.links:
            if u == v:
                continue
            d.add_edge(u, v)
            if t in ("social", "rnd"):
                d.add_edge(v, u)
        return d

    def graph(self):
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


def from_arcs(name, n, arcs, rng):
    net = Net(name, n, rng)
    aset = set(arcs)
    done = set()
    for u, v in sorted(aset):
        if (u, v) in done:
            continue
        w = float(rng.choice([1, 2, 3]))
        if (v, u) in aset and rng.random() < 0.5:
            net.links.append((u, v, rng.choice(["social", "rnd"]), w))
            done.add((v, u))
        else:
            net.links.append((u, v, rng.choice(["supply", "licensing"]), w))
            if rng.random() < 0.1:
                net.links.append((u, v, "supply", 1.0))
        done.add((u, v))
    return net


def from_undirected(name, g, rng):
    idx = {v: i for i, v in enumerate(g.nodes())}
    arcs = []
    for u, v in g.edges():
        a, b = idx[u], idx[v]
        r = rng.random()
        arcs += [(a, b)] if r < 0.4 else [(b, a)] if r < 0.7 else [(a, b), (b, a)]
    return from_arcs(name, g.number_of_nodes(), arcs, rng)


def write_dataset(path, net):
    os.makedirs(path)
    with open(os.path.join(path, "firms.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "industry", "scale"])
        for i in range(net.n):
            w.writerow(["N%05d" % i, "node %d" % i, net.industry[i], net.scales[i]])
    with open(os.path.join(path, "linkages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "weight"])
        for u, v, t, wt in net.links:
            w.writerow(["N%05d" % u, "N%05d" % v, t, repr(wt)])


def firmnet(args):
    cmd = [FIRMNET] + args
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr), file=sys.stderr)
        sys.exit(99 if p.returncode > 2 else 1)
    return p.stdout


def tsv_rows(text):
    lines = [l for l in text.split("\n") if l and not l.startswith("#")]
    head = lines[0].split("\t")
    return {int(l.split("\t")[0][1:]): dict(zip(head, l.split("\t"))) for l in lines[1:]}


def num(s):
    return float("nan") if s in ("NaN", "") else float(s)


def close(a, b, tol=TOL):
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return abs(a - b) <= tol * max(1.0, abs(b))


def expect(net, what, got, want, tol=TOL):
    if not close(got, want, tol):
        failures.append("%s %s: firmnet %r, expected %r" % (net.name, what, got, want))


def blau(counts):
    t = sum(counts)
    return float("nan") if not t else 1.0 - sum(c * c for c in counts) / (t * t)


def check_direction(net, path):
    d = net.digraph()
    rows = tsv_rows(firmnet(["metrics", "-d", path, "--format", "tsv", "--directed", "--ego"]))
    bc = nx.betweenness_centrality(d)
    g = net.graph()
    es = nx.effective_size(g, weight="weight")
    scc = sorted((sorted(c) for c in nx.strongly_connected_components(d)), key=lambda c: c[0])
    label = {}
    for k, comp in enumerate(scc):
        for v in comp:
            label[v] = k
    for v in range(net.n):
        r = rows[v]
        expect(net, "node %d in_degree" % v, int(r["in_degree"]), d.in_degree(v))
        expect(net, "node %d out_degree" % v, int(r["out_degree"]), d.out_degree(v))
        mutual = sum(1 for u in d.successors(v) if d.has_edge(u, v))
        expect(net, "node %d mutual" % v, int(r["mutual"]), mutual)
        expect(net, "node %d scc" % v, int(r["scc"]), label[v])
        expect(net, "node %d directed betweenness" % v, num(r["betweenness"]), bc[v])
        nb = list(g.neighbors(v))
        dens = nx.density(g.subgraph(nb)) if len(nb) >= 2 else float("nan")
        expect(net, "node %d ego_density" % v, num(r["ego_density"]), dens)
        expect(net, "node %d effective_size" % v, num(r["effective_size"]), es[v])
        expect(net, "node %d blau_scale" % v, num(r["blau_scale"]),
               blau([sum(1 for u in nb if net.scales[u] == s) for s in SCALES]))
        expect(net, "node %d blau_industry" % v, num(r["blau_industry"]),
               blau([sum(1 for u in nb if net.industry[u] == s) for s in INDUSTRIES]))
        mine = [t for a, b, t, _ in net.links if v in (a, b)]
        expect(net, "node %d blau_type" % v, num(r["blau_type"]), blau([mine.count(t) for t in set(mine)]))
        nm = sum(1 for t in mine if t in NONMAT) / len(mine) if mine else float("nan")
        expect(net, "node %d non_material_share" % v, num(r["non_material_share"]), nm)


def check_network(net, path):
    d = net.digraph()
    g = net.graph()
    js = json.loads(firmnet(["metrics", "-d", path, "--format", "json", "--network"]))
    n = g.number_of_nodes()
    deg = [k for _, k in g.degree()]
    cent = sum(max(deg) - k for k in deg) / ((n - 1) * (n - 2))
    expect(net, "degree_centralization", js["degree_centralization"], cent)
    expect(net, "transitivity", js["transitivity"], nx.transitivity(g))
    big = g.subgraph(max(nx.connected_components(g), key=len))
    expect(net, "average_path_length", js["average_path_length"], nx.average_shortest_path_length(big))
    expect(net, "path_length_component", js["path_length_component"], big.number_of_nodes())
    expect(net, "reciprocity", js["reciprocity"], nx.reciprocity(d))
    expect(net, "strong_components", js["strong_components"], nx.number_strongly_connected_components(d))
    expect(net, "largest_strong_component", js["largest_strong_component"],
           max(len(c) for c in nx.strongly_connected_components(d)))
    expect(net, "components", js["components"], nx.number_connected_components(g))
    if js["degree_histogram"] != nx.degree_histogram(g):
        failures.append("%s degree_histogram: firmnet %r, networkx %r" % (net.name, js["degree_histogram"],
                                                                         nx.degree_histogram(g)))


def dependencies(g, s):
    """Brandes' dependencies of source s on every node (directed or not)."""
    order, pred, sigma, dist, queue = [], {v: [] for v in g}, dict.fromkeys(g, 0.0), {s: 0}, [s]
    sigma[s] = 1.0
    head = 0
    while head < len(queue):
        v = queue[head]
        head += 1
        order.append(v)
        for w in (g.successors(v) if g.is_directed() else g.neighbors(v)):
            if w not in dist:
                dist[w] = dist[v] + 1
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
                pred[w].append(v)
    delta = dict.fromkeys(g, 0.0)
    for w in reversed(order):
        for v in pred[w]:
            delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
    return delta


def check_igraph(net, path):
    """The same whole-network values from python-igraph, when it is installed."""
    try:
        import igraph
    except ImportError:
        return False
    js = json.loads(firmnet(["metrics", "-d", path, "--format", "json", "--network"]))
    d = net.digraph()
    gd = igraph.Graph(n=net.n, edges=list(d.edges()), directed=True)
    g = net.graph()
    gu = igraph.Graph(n=net.n, edges=list(g.edges()), directed=False)
    expect(net, "igraph reciprocity", js["reciprocity"], gd.reciprocity(ignore_loops=True, mode="default"))
    expect(net, "igraph strong components", js["strong_components"], len(gd.connected_components(mode="strong")))
    expect(net, "igraph transitivity", js["transitivity"], gu.transitivity_undirected(mode="zero"))
    big = gu.connected_components().giant()
    expect(net, "igraph average path length", js["average_path_length"], big.average_path_length())
    deg = gu.degree()
    expect(net, "igraph degree centralization", js["degree_centralization"],
           sum(max(deg) - k for k in deg) / ((net.n - 1) * (net.n - 2)))
    if js["degree_histogram"] != [deg.count(k) for k in range(max(deg) + 1)]:
        failures.append("%s igraph degree histogram" % net.name)
    return True


def check_se(net, path, directed, k, key="betweenness", seeds=40, coverage=True):
    """The reported standard errors against the spread of the estimates over
    seeds and, for betweenness, against the true standard error of the sampling
    design computed from every source's dependencies."""
    g = net.digraph() if directed else net.graph()
    exact = nx.betweenness_centrality(g) if key == "betweenness" else nx.closeness_centrality(g)
    est = {v: [] for v in range(net.n)}
    se = {v: [] for v in range(net.n)}
    for seed in range(1, seeds + 1):
        args = ["metrics", "-d", path, "--format", "tsv", "--samples", str(k), "--seed", str(seed * 7919)]
        rows = tsv_rows(firmnet(args + (["--directed"] if directed else [])))
        for v in range(net.n):
            est[v].append(num(rows[v][key]))
            se[v].append(num(rows[v][key + "_se"]))
    true_se = {}
    if key == "betweenness":
        n = net.n
        dep = {s: dependencies(g, s) for s in g}
        for v in g:
            vals = [dep[s][v] for s in g if s != v]
            # a node is a source in k/n of the runs (then k - 1 others were drawn)
            true_se[v] = math.sqrt((1 - k / (n - 1)) * statistics.pvariance(vals) * (n - 1) / (n - 2) / k) / (n - 2)
    sd_sum = se_sum = rms_sum = true_sum = 0.0
    inside = total = 0
    for v in range(net.n):
        if exact[v] < 1e-3:
            continue
        sd_sum += statistics.pstdev(est[v])
        se_sum += statistics.fmean(se[v])
        if true_se:
            rms_sum += math.sqrt(statistics.fmean([x * x for x in se[v]]))
            true_sum += true_se[v]
        for e, s in zip(est[v], se[v]):
            total += 1
            inside += abs(e - exact[v]) <= 2 * s
    ratio = se_sum / sd_sum
    label = "%s %s %s k=%d" % (net.name, "directed" if directed else "undirected", key, k)
    if not 0.75 <= ratio <= 1.25:
        failures.append("%s: mean SE / SD of estimates = %.3f" % (label, ratio))
    note = ""
    if true_se:
        rms = rms_sum / true_sum
        note = ", rms SE / true SE %.3f" % rms
        if not 0.85 <= rms <= 1.15:
            failures.append("%s: rms reported SE / true SE = %.3f" % (label, rms))
    if coverage and inside < 0.80 * total:
        failures.append("%s: exact within 2 SE in %d of %d estimates" % (label, inside, total))
    print("ok %s: SE/SD %.3f%s, within 2 SE %.1f%%" % (label, ratio, note, 100.0 * inside / total))


def main():
    rng = random.Random(20261203)
    nets = [from_undirected("karate", nx.karate_club_graph(), rng),
            from_undirected("florentine", nx.florentine_families_graph(), rng),
            from_undirected("davis", nx.davis_southern_women_graph(), rng),
            from_undirected("lesmis", nx.les_miserables_graph(), rng)]
    for k, (n, p) in enumerate([(40, 0.06), (90, 0.03), (150, 0.02)]):
        d = nx.gnp_random_graph(n, p, seed=100 + k, directed=True)
        nets.append(from_arcs("gnp_directed%d" % k, n, list(d.edges()), rng))
    for net in nets[:2]:
        net.n += 2  # firms without linkages
        net.scales += ["local", "global"]
        net.industry += ["footwear", "eyewear"]
    with tempfile.TemporaryDirectory(prefix="firmnet-xval-direction-") as tmp:
        for net in nets:
            path = os.path.join(tmp, net.name)
            write_dataset(path, net)
            before = len(failures)
            check_direction(net, path)
            check_network(net, path)
            used_igraph = check_igraph(net, path)
            print("%s %s: %d firms, %d linkages" % ("ok" if len(failures) == before else "MISMATCH", net.name,
                                                    net.n, len(net.links)))
        # the spread of sampled estimates: a connected graph with a wide range of betweenness
        d = nx.gnp_random_graph(300, 0.02, seed=7, directed=True)
        net = from_arcs("gnp300", 300, list(d.edges()), rng)
        path = os.path.join(tmp, net.name)
        write_dataset(path, net)
        check_se(net, path, False, 100)
        check_se(net, path, True, 100)
        check_se(net, path, False, 100, "closeness")
        # a tree: most firms are leaves, which the searches fold into their anchors
        t = nx.barabasi_albert_graph(300, 1, seed=3)
        net = from_arcs("tree300", 300, list(t.edges()), rng)
        path = os.path.join(tmp, net.name)
        write_dataset(path, net)
        check_se(net, path, False, 100, coverage=False)
        check_se(net, path, False, 100, "closeness")
    if failures:
        for f in failures[:60]:
            print("FAIL: " + f, file=sys.stderr)
        print("%d mismatches" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all %d networks agree%s" % (len(nets), "" if used_igraph else " (python-igraph not installed: not compared)"))


if __name__ == "__main__":
    main()
