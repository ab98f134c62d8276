#!/usr/bin/env python3
"""Cross-validates `firmnet cluster` against NetworkX, scipy and brute force.

Networks: NetworkX's real ones (karate_club with its 'club', florentine_families,
davis_southern_women with its bipartite sets, les_miserables) and seeded random
ones, each written as a firmnet dataset (every edge a mutual `social` linkage,
some pairs given a second, parallel linkage, which must change nothing here).
The firmnet binary ($FIRMNET) runs `cluster --firms --format tsv --group grp`
and `cluster --format json --group grp`, and must agree with:

  coreness     Borgatti & Everett's continuous model, fitted independently here:
               scipy's L-BFGS-B minimising sum over i<j of (a_ij - c_i c_j)^2
               with c >= 0 on the dense matrix, from degree and random starts;
               where the best is unique firmnet's values must be within 2e-6 (it
               prints 6 decimals) and coreness_fit, the correlation of a_ij with
               c_i c_j, within 1e-6 of the one scipy's c gives.
  cp_class     the discrete model (core-core 1, periphery-periphery 0,
               core-periphery pairs left out): on graphs of up to 14 firms every
               partition is tried, and firmnet's fit must equal the best (1e-12).

  buzz, pipeline, outside (per firm and per industry) and the per-group E-I
               index by direct count from the files (both ends' scales; each
               pair once, Krackhardt & Stern 1988).
  assortativity_industry, _scale, _group
               networkx.attribute_assortativity_coefficient (1e-12).
  ei_expected  the permutation test's mean E-I within 4 standard errors of
               the exact mean under label permutation; run twice, the same.

Exit: 0 all agree, 1 a mismatch, 77 when networkx, numpy or scipy is missing,
99 when firmnet could not be run.
"""
import csv
import itertools
import json
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    import networkx as nx
    import numpy as np
    from scipy.optimize import minimize
except ImportError as e:
    print("%s: skipping" % e, file=sys.stderr)
    sys.exit(77)

FIRMNET = os.environ.get("FIRMNET") or "./firmnet"
failures = []


def write_dataset(path, g, groups, scales, rng):
    """g's nodes become firms N00000.. in node order; every edge a social linkage."""
    os.makedirs(path)
    nodes = list(g.nodes())
    idx = {v: i for i, v in enumerate(nodes)}
    with open(os.path.join(path, "firms.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "industry", "scale", "grp"])
        for i, v in enumerate(nodes):
            w.writerow(["N%05d" % i, "node %d" % i, groups[v], scales[v], groups[v]])
    with open(os.path.join(path, "linkages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type"])
        for u, v in g.edges():
            if u == v:
                continue
            a, b = idx[u], idx[v]
            w.writerow(["N%05d" % a, "N%05d" % b, "social"])
            if rng.random() < 0.1:
                w.writerow(["N%05d" % b, "N%05d" % a, "rnd"])
    return nodes


def run(path, *args):
    cmd = [FIRMNET, "cluster", "-d", path, "--group", "grp"] + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(cmd), p.returncode, p.stderr), file=sys.stderr)
        sys.exit(99 if p.returncode > 2 else 1)
    return p.stdout


def firm_rows(path):
    lines = [l for l in run(path, "--firms", "--format", "tsv").split("\n") if l]
    head = lines[0].split("\t")
    rows = {}
    for l in lines[1:]:
        cells = l.split("\t")
        rows[int(cells[0][1:])] = dict(zip(head, cells))
    return rows


def summary(path):
    doc = json.loads(run(path, "--format", "json"))
    # seeded: the same seed gives the same test, another seed another draw
    again = json.loads(run(path, "--format", "json"))
    if doc["summary"] != again["summary"]:
        failures.append("%s: the E-I permutation test is not reproducible" % path)
    return doc


def pair_corr(c, A):
    iu = np.triu_indices(len(c), 1)
    a, p = A[iu], np.outer(c, c)[iu]
    if a.std() == 0 or p.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, p)[0, 1])


def best_least_squares(A, rng):
    """Minimises sum over i<j of (a_ij - c_i c_j)^2 with c >= 0 by L-BFGS-B on the
    dense matrix (a different route from firmnet's coordinate descent), from
    degree and from random starts; returns (objective, c) best first."""
    n = len(A)
    deg = A.sum(1)

    def f(c):
        r = A - np.outer(c, c)
        np.fill_diagonal(r, 0)
        return (r * r).sum() / 2, -2 * (r @ c)

    starts = [deg / max(deg.max(), 1)] + [np.array([rng.random() + 0.01 for _ in range(n)]) for _ in range(3)]
    sols = []
    for x0 in starts:
        res = minimize(f, x0, jac=True, method="L-BFGS-B", bounds=[(0, None)] * n,
                       options={"ftol": 1e-16, "gtol": 1e-12, "maxiter": 100000, "maxfun": 200000})
        sols.append((float(res.fun), res.x))
    sols.sort(key=lambda t: t[0])
    return sols


def check_continuous(name, g, nodes, rows, summ, rng):
    A = nx.to_numpy_array(g, nodelist=nodes, weight=None)
    np.fill_diagonal(A, 0)
    sols = best_least_squares(A, rng)
    best_f, best_c = sols[0]
    got = np.array([float(rows[i]["coreness"]) for i in range(len(nodes))])
    r = A - np.outer(got, got)
    np.fill_diagonal(r, 0)
    got_f = (r * r).sum() / 2
    if best_c.max() > 20:
        # a star-like piece: the squared error keeps falling as the hub's c grows
        # and its leaves' shrink, so there is no finite optimum, and firmnet must
        # say it stopped short rather than claim convergence
        if summ["summary"]["coreness_converged"] != 0:
            failures.append("%s: no finite least-squares optimum, but firmnet says converged" % name)
        if got_f > best_f + 1e-2:
            failures.append("%s coreness: squared error %r, scipy reaches %r" % (name, got_f, best_f))
        print("ok %s continuous: no finite optimum (scipy's c reaches %.1f), not converged" % (name, best_c.max()))
        return
    if best_c.max() < 1e-3:
        # the best is no pattern at all, c = 0, which the descent nears only slowly
        # (the gradient vanishes there too): the error must be as low, and
        # convergence may or may not be claimed
        if got_f > best_f + 1e-3:
            failures.append("%s coreness: squared error %r, scipy reaches %r at c = 0" % (name, got_f, best_f))
        print("ok %s continuous: best at c = 0" % name)
        return
    if summ["summary"]["coreness_converged"] != 1:
        failures.append("%s: coreness did not converge" % name)
    # printed to 6 decimals, so the objective may exceed the optimum by rounding only
    if got_f > best_f + 1e-4:
        failures.append("%s coreness: squared error %r, scipy reaches %r" % (name, got_f, best_f))
    same = [c for f, c in sols if f < best_f + 1e-10]
    if all(np.abs(c - best_c).max() < 1e-6 for c in same):
        diff = np.abs(got - best_c).max()
        if diff > 2e-6:
            failures.append("%s coreness: firmnet and scipy differ by %g" % (name, diff))
        fit = pair_corr(best_c, A) if best_c.max() > 1e-6 else float("nan")
        got_fit = summ["summary"]["coreness_fit"]
        got_fit = float("nan") if got_fit is None else got_fit
        if not (math.isnan(fit) and math.isnan(got_fit)) and not math.isclose(fit, got_fit, abs_tol=1e-6):
            failures.append("%s coreness_fit: firmnet %r, scipy's c gives %r" % (name, summ["summary"]["coreness_fit"],
                                                                                fit))
    else:
        print("%s: the least-squares optimum is not unique; only the objective compared" % name)
    print("ok %s continuous: fit %s, squared error %.9f (scipy %.9f)" % (name, summ["summary"]["coreness_fit"],
                                                                        got_f, best_f))


def block_fit(A, core):
    n = len(A)
    a, d = [], []
    for i in range(n):
        for j in range(i + 1, n):
            if core[i] == core[j]:
                a.append(A[i][j])
                d.append(1.0 if core[i] else 0.0)
    if len(set(a)) < 2 or len(set(d)) < 2:
        return float("nan")
    return float(np.corrcoef(a, d)[0, 1])


def check_discrete(name, g, nodes, rows, summ):
    A = nx.to_numpy_array(g, nodelist=nodes, weight=None)
    n = len(nodes)
    core = [rows[i]["cp_class"] == "core" for i in range(n)]
    got_fit = summ["summary"]["cp_fit"]
    own = block_fit(A, core)
    if not math.isclose(own, got_fit, abs_tol=1e-12):
        failures.append("%s cp_fit: firmnet %r, its own partition gives %r" % (name, got_fit, own))
    if sum(core) != summ["summary"]["cp_core_firms"]:
        failures.append("%s cp_core_firms: %r, %d firms marked core" % (name, summ["summary"]["cp_core_firms"],
                                                                       sum(core)))
    if n <= 14:
        best = max((f for f in (block_fit(A, bits) for bits in itertools.product([0, 1], repeat=n))
                    if not math.isnan(f)), default=float("nan"))
        if not math.isclose(best, got_fit, abs_tol=1e-12):
            failures.append("%s cp_fit: firmnet %r, best of all partitions %r" % (name, got_fit, best))
        print("ok %s discrete: fit %.12f (brute force %.12f)" % (name, got_fit, best))
    else:
        print("ok %s discrete: fit %.12f, core %d" % (name, got_fit, sum(core)))


def read_dataset(path):
    with open(os.path.join(path, "firms.csv"), encoding="utf-8") as f:
        firms = {r["id"]: r for r in csv.DictReader(f)}
    with open(os.path.join(path, "linkages.csv"), encoding="utf-8") as f:
        links = [(r["source"], r["target"]) for r in csv.DictReader(f) if r["source"] != r["target"]]
    return firms, links


def check_ties(name, path, rows, summ):
    """Buzz, pipelines and E-I by direct count from the files. A linkage is buzz
    when both ends are local, a pipeline when exactly one is, outside when neither;
    per firm every linkage touching it, per industry every linkage touching one of
    its firms once. E-I (Krackhardt & Stern) on distinct pairs, each once: per
    group I = pairs inside it, E = pairs from its members to other groups."""
    firms, links = read_dataset(path)
    local = {i: r["scale"] == "local" for i, r in firms.items()}

    def kind(a, b):
        return "buzz" if local[a] and local[b] else "pipeline" if local[a] or local[b] else "outside"
    per_firm = {i: {"buzz": 0, "pipeline": 0, "outside": 0} for i in firms}
    per_ind = {}
    for a, b in links:
        k = kind(a, b)
        per_firm[a][k] += 1
        per_firm[b][k] += 1
        for ind in {firms[a]["industry"], firms[b]["industry"]}:
            per_ind.setdefault(ind, {"buzz": 0, "pipeline": 0, "outside": 0, "ties": 0})
            per_ind[ind][k] += 1
            per_ind[ind]["ties"] += 1
    for i, r in firms.items():
        v = int(i[1:])
        for k in ("buzz", "pipeline", "outside"):
            if int(rows[v][k]) != per_firm[i][k]:
                failures.append("%s %s %s: firmnet %s, direct count %d" % (name, i, k, rows[v][k], per_firm[i][k]))
    for row in summ["industries"]:
        want = per_ind.get(row["industry"], {"buzz": 0, "pipeline": 0, "outside": 0, "ties": 0})
        for k in ("buzz", "pipeline", "outside", "ties"):
            if int(row[k]) != want[k]:
                failures.append("%s industry %s %s: firmnet %s, direct count %d" % (name, row["industry"], k, row[k],
                                                                                 want[k]))
        if want["ties"] and not math.isclose(float(row["buzz_share"]), want["buzz"] / want["ties"], abs_tol=1e-12):
            failures.append("%s industry %s buzz_share %s" % (name, row["industry"], row["buzz_share"]))
    pairs = {tuple(sorted(e)) for e in links}
    grp = {i: r["grp"] for i, r in firms.items()}
    for row in summ["groups"]:
        g = row["group"]
        inside = sum(1 for a, b in pairs if grp[a] == g and grp[b] == g)
        out = sum(1 for a, b in pairs if (grp[a] == g) != (grp[b] == g))
        if int(row["internal"]) != inside or int(row["external"]) != out:
            failures.append("%s group %s: firmnet I %s E %s, direct count I %d E %d" % (
                name, g, row["internal"], row["external"], inside, out))
        if inside + out:
            want = (out - inside) / (out + inside)
            if not math.isclose(float(row["ei"]), want, abs_tol=1e-12):
                failures.append("%s group %s ei: firmnet %s, Krackhardt-Stern %r" % (name, g, row["ei"], want))
    # assortativity against NetworkX on the simple graph of the file's linkages
    g = nx.Graph()
    g.add_nodes_from(firms)
    g.add_edges_from(pairs)
    sm = summ["summary"]
    for attr, key in (("industry", "assortativity_industry"), ("scale", "assortativity_scale"),
                      ("grp", "assortativity_group")):
        nx.set_node_attributes(g, {i: firms[i][attr] for i in firms}, attr)
        try:
            want = nx.attribute_assortativity_coefficient(g, attr)
        except ZeroDivisionError:
            want = float("nan")
        got = sm[key]
        got = float("nan") if got is None else got
        if not ((math.isnan(want) and math.isnan(got)) or math.isclose(got, want, abs_tol=1e-12)):
            failures.append("%s %s: firmnet %r, networkx %r" % (name, key, got, want))
    # the E-I permutation test: labels shuffled with sizes kept, so the expected
    # number of inside pairs is m * sum_k n_k (n_k - 1) / (n (n - 1)); the mean over
    # the permutations must lie within 4 standard errors of it
    n, m = len(firms), len(pairs)
    sizes = {}
    for i in firms:
        sizes[grp[i]] = sizes.get(grp[i], 0) + 1
    e_in = m * sum(k * (k - 1) for k in sizes.values()) / (n * (n - 1))
    want = 1 - 2 * e_in / m
    P = sm["ei_permutations"]
    if sm["ei_sd"] is not None and abs(sm["ei_expected"] - want) > 4 * sm["ei_sd"] / math.sqrt(P) + 1e-12:
        failures.append("%s ei_expected %r, the permutation distribution's mean is %r (sd %r, %d permutations)" % (
            name, sm["ei_expected"], want, sm["ei_sd"], P))
    if not (sm["ei_min"] <= sm["ei_expected"] <= sm["ei_max"]) or sm["ei_p_ge"] + sm["ei_p_le"] < 1 - 1e-12:
        failures.append("%s E-I permutation summary inconsistent: %r" % (name, sm))
    print("ok %s ties: buzz/pipeline/outside per firm and industry, E-I per group, assortativity, E-I test" % name)


def main():
    rng = random.Random(20261203)
    nets = []
    karate = nx.karate_club_graph()
    nets.append(("karate", karate, {v: karate.nodes[v]["club"] for v in karate}))
    flo = nx.florentine_families_graph()
    nets.append(("florentine", flo, {v: "medici" if v in ("Medici", "Tornabuoni", "Acciaiuoli", "Ridolfi",
                                                           "Barbadori", "Salviati") else "other" for v in flo}))
    davis = nx.davis_southern_women_graph()
    nets.append(("davis", davis, {v: str(davis.nodes[v]["bipartite"]) for v in davis}))
    les = nx.les_miserables_graph()
    nets.append(("lesmis", les, {v: v[0] for v in les}))
    for k in range(20):
        n = rng.randint(5, 13)
        g = nx.gnp_random_graph(n, rng.choice([0.25, 0.4, 0.6]), seed=rng.randrange(10 ** 6))
        nets.append(("small%d" % k, g, {v: "g%d" % rng.randrange(3) for v in g}))
    with tempfile.TemporaryDirectory(prefix="firmnet-xval-cluster-nx-") as tmp:
        for name, g, groups in nets:
            scales = {v: rng.choice(["local", "local", "national", "global"]) for v in g}
            path = os.path.join(tmp, name)
            nodes = write_dataset(path, g, groups, scales, rng)
            rows = firm_rows(path)
            summ = summary(path)
            check_ties(name, path, rows, summ)
            if name in ("karate", "florentine", "davis", "lesmis") or name.startswith("small"):
                if g.number_of_edges():
                    check_continuous(name, g, nodes, rows, summ, rng)
                check_discrete(name, g, nodes, rows, summ)
    if failures:
        for f in failures[:60]:
            print("FAIL: " + f, file=sys.stderr)
        print("%d mismatches" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all %d networks agree" % len(nets))


if __name__ == "__main__":
    main()
