#!/usr/bin/env python3
"""Round trips of `firmnet export` and `firmnet import` through the real tools.

A small fixture with hostile names (quotes, ampersands, angle brackets, line
breaks, backslashes, Chinese) and every kind of attribute is written here; the
expected nodes, edges and typed attributes are computed from the CSV in Python,
independently of firmnet, then compared with what

- NetworkX reads from our GraphML, GEXF 1.3 and node-link JSON,
- igraph reads from our GraphML and Pajek (pajek-plain: igraph 0.10 rejects the
  relation headers of the multi-relational form, which firmnet's import reads),
- Graphviz `dot -Tsvg` makes of our DOT,
- firmnet makes of its own exports (import, then export --to dataset: the bytes
  must equal a direct export), on the fixture and on the bundled dataset.

It also checks cuts (--ego, --firms, --industry, --type), the refusals (writing
over the input, into a non-empty directory) and, when $VALGRIND names valgrind,
that export and import leak nothing.

Exit status: 0 all equal, 1 a mismatch, 77 networkx missing, 99 firmnet failed.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import networkx as nx
    from networkx.readwrite import gexf as nx_gexf
except ImportError:
    print("networkx is not installed: skipping", file=sys.stderr)
    sys.exit(77)
try:
    import igraph
except ImportError:
    igraph = None

FIRMNET = os.environ.get("FIRMNET", "./firmnet")
TOP = os.environ.get("top_srcdir", ".")
VALGRIND_SUPP = os.path.join(TOP, "tests", "valgrind.supp")
FAILURES = []

DIRECTED = {"supply": 1, "subcontract": 1, "production-sharing": 0, "joint-venture": 0,
            "licensing": 1, "rnd": 0, "technology": 1, "marketing": 1, "social": 0, "cultural": 0}
MATERIAL = {"supply", "subcontract", "production-sharing", "joint-venture"}
SCALES = ["local", "national", "global"]

FIRMS = [
    # id, name, alias, industry, scale, location, employees, founded, ownership, role, 网站, comment
    ["F&1", 'Acme "Shoes" & Sons <Ltd>', "Acme", "footwear", "local", "Lucheng, Wenzhou", "120", "1990",
     "private", "manufacturer", "https://a.example/?x=1&y=2", "line one\nline two"],
    ["F<2>", "瓯海明视眼镜有限公司", "", "eyewear", "national", "", "", "", "", "", "", ""],
    ['F"3', "back\\slash \\n not a newline", "", "footwear", "global", "Fermo, Italy", "0", "1850",
     "foreign", "brand", "", "quote \" and comma, here"],
    ["企业-4", "温州 <皮革> & 鞋材 \"厂\"", "Wenzhou Leather", "soles", "local", "", "35", "", "", "", "", ""],
    ["F5", "  spaced name  ", "", "eyewear", "local", "", "", "2001", "", "", "x", ""],
    ["F6", "isolated", "", "trading", "national", "", "", "", "", "", "", ""],
]
FIRM_HEADER = ["id", "name", "alias", "industry", "scale", "location", "employees", "founded",
               "ownership", "role", "网站", "comment"]
LINKS = [
    # source, target, type, form, since, weight, note, ref, contract
    ["F&1", "F<2>", "supply", "", "1995", "3", "PU soles, 聚氨酯", "INT-1", "C<1>"],
    ["F&1", "F<2>", "social", "", "", "", "brothers\n兄弟", "", ""],
    ["F<2>", 'F"3', "licensing", "material", "2001", "0.1", 'say "hi" & <bye>', "DOC-2", ""],
    ['F"3', "企业-4", "rnd", "", "2005", "2.5", "", "", "joint lab"],
    ["企业-4", "F&1", "subcontract", "", "", "1", "", "", ""],
    ["F5", "F&1", "cultural", "", "1999", "", "same village", "", ""],
    ["F<2>", "F5", "marketing", "", "", "1234567", "", "", ""],
    ["F&1", "F<2>", "supply", "", "1996", "1", "a second supply tie", "", ""],
]
LINK_HEADER = ["source", "target", "type", "form", "since", "weight", "note", "ref", "contract"]


def fail(what):
    FAILURES.append(what)
    print("FAIL: " + what, file=sys.stderr)


def check(cond, what):
    if not cond:
        fail(what)


def run(args, ok=(0,), **kw):
    p = subprocess.run([FIRMNET] + args, capture_output=True, text=True, encoding="utf-8", **kw)
    if p.returncode not in ok:
        print("firmnet %s exited %d:\n%s" % (" ".join(args), p.returncode, p.stderr), file=sys.stderr)
        sys.exit(99)
    return p


def write_fixture(d):
    os.makedirs(d)
    with open(os.path.join(d, "firms.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(FIRM_HEADER)
        w.writerows(FIRMS)
    with open(os.path.join(d, "linkages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(LINK_HEADER)
        w.writerows(LINKS)


def expected():
    """Nodes and edges with their typed attributes as the formats should carry
    them: missing values left out, derived scale and mutual added."""
    nodes = {}
    scale_of = {}
    for row in FIRMS:
        r = dict(zip(FIRM_HEADER, row))
        a = {}
        for k in ["name", "alias", "industry", "location", "ownership", "role", "网站", "comment"]:
            if r[k]:
                a[k] = r[k]
        a["scale"] = r["scale"] or "local"
        for k in ["employees", "founded"]:
            if r[k]:
                a[k] = int(r[k])
        nodes[r["id"]] = a
        scale_of[r["id"]] = SCALES.index(a["scale"])
    edges = []
    for k, row in enumerate(LINKS):
        r = dict(zip(LINK_HEADER, row))
        t = r["type"]
        a = {"type": t, "form": r["form"] or ("material" if t in MATERIAL else "non-material"),
             "scale": SCALES[max(scale_of[r["source"]], scale_of[r["target"]])],
             "mutual": not DIRECTED[t], "weight": float(r["weight"] or 1)}
        if r["since"]:
            a["since"] = int(r["since"])
        for c in ["note", "ref", "contract"]:
            if r[c]:
                a[c] = r[c]
        edges.append((r["source"], r["target"], "e%d" % k, a))
    return nodes, edges


def compare_multigraph(G, nodes, edges, fmt, label_is_name=False):
    check(set(G.nodes) == set(nodes), "%s: node ids %s" % (fmt, sorted(G.nodes)))
    for v, a in nodes.items():
        if v not in G.nodes:
            continue
        want = dict(a)
        got = dict(G.nodes[v])
        if label_is_name:
            want["label"] = want.pop("name")
        check(got == want, "%s: node %r attributes\n got  %r\n want %r" % (fmt, v, got, want))
    got_edges = {}
    for u, v, key, a in G.edges(keys=True, data=True):
        got_edges.setdefault(str(key), []).append((u, v, a))
    for u, v, key, a in edges:
        if key not in got_edges:
            fail("%s: edge %s missing" % (fmt, key))
            continue
        match = [x for x in got_edges[key] if x[0] == u and x[1] == v]
        check(len(match) == 1, "%s: edge %s ends %r" % (fmt, key, got_edges[key]))
        if match:
            got = dict(match[0][2])
            got.pop("id", None)
            check(got == a, "%s: edge %s attributes\n got  %r\n want %r" % (fmt, key, got, a))


def test_graphml(tmp, ds, nodes, edges):
    path = os.path.join(tmp, "f.graphml")
    run(["export", "-d", ds, "--to", "graphml", "-o", path])
    G = nx.read_graphml(path, force_multigraph=True)
    check(G.is_directed() and G.is_multigraph(), "graphml: not a directed multigraph")
    compare_multigraph(G, nodes, edges, "graphml")
    # stdout gives the same bytes as the file
    out = run(["export", "-d", ds, "--to", "graphml"]).stdout
    with open(path, encoding="utf-8") as f:
        check(f.read() == out, "graphml: stdout and -o differ")
    if igraph:
        g = igraph.Graph.Read_GraphML(path)
        check(g.is_directed(), "igraph graphml: not directed")
        # igraph 0.10 parses with libxml2's SAX1 without entity substitution, which
        # hands "&amp;" in an attribute over as "&#38;"; the file itself says &amp;
        got_ids = [v.replace("&#38;", "&") for v in g.vs["id"]]
        check(got_ids == [r[0] for r in FIRMS], "igraph graphml: ids %r" % g.vs["id"])
        check(g.vs["name"] == [r[1] for r in FIRMS], "igraph graphml: names %r" % g.vs["name"])
        check(g.ecount() == len(LINKS), "igraph graphml: %d edges" % g.ecount())
        check(g.es["type"] == [r[2] for r in LINKS], "igraph graphml: types %r" % g.es["type"])
        check([e.tuple for e in g.es] == [(ids.index(s), ids.index(t)) for s, t, *_ in LINKS]
              if (ids := [r[0] for r in FIRMS]) else False, "igraph graphml: edge ends")
    return path


def register_gexf13():
    """NetworkX 2.8 knows GEXF 1.1draft and 1.2draft; 1.3 differs from 1.2 in
    its namespace (and in things we do not use), so the reader is told it."""
    d = dict(nx_gexf.GEXF.versions["1.2draft"])
    d.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3",
             SCHEMALOCATION="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd")
    nx_gexf.GEXF.versions.setdefault("1.3", d)


def test_gexf(tmp, ds, nodes, edges):
    path = os.path.join(tmp, "f.gexf")
    run(["export", "-d", ds, "--to", "gexf", "-o", path])
    register_gexf13()
    G = nx.read_gexf(path)
    if not G.is_multigraph():
        G = nx.MultiDiGraph(G)
    # NetworkX adds a "mutual" edge both ways under one key; keep the way we wrote it
    compare_multigraph(G, nodes, edges, "gexf", label_is_name=True)
    n_mutual = sum(1 for *_, a in edges if a["mutual"])
    check(G.number_of_edges() == len(edges) + n_mutual, "gexf: %d edges" % G.number_of_edges())
    # kind is the linkage type; NetworkX does not read it, so look at the XML
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(path).getroot()
    check(root.get("version") == "1.3", "gexf: version")
    xe = root.findall(".//g:edge", ns)
    check([e.get("kind") for e in xe] == [r[2] for r in LINKS], "gexf: kinds")
    check([e.get("type") for e in xe] == [None if DIRECTED[r[2]] else "mutual" for r in LINKS], "gexf: edge types")


def test_json(tmp, ds, nodes, edges):
    path = os.path.join(tmp, "f.json")
    run(["export", "-d", ds, "--to", "json", "-o", path])
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    check(data["directed"] is True and data["multigraph"] is True and data["graph"] == {}, "json: header")
    G = nx.node_link_graph(data)
    compare_multigraph(G, nodes, edges, "json")


def pajek_label(s):
    return '"' + re.sub(r"[\x00-\x1f\x7f]", " ", s.replace("\r\n", "\n").replace('"', "'")) + '"'


def test_pajek(tmp, ds, nodes, edges):
    net = os.path.join(tmp, "f.net")
    p = run(["export", "-d", ds, "--to", "pajek", "-o", net])
    check("industry partition" in p.stderr, "pajek: summary does not mention the .clu")
    with open(net, encoding="utf-8") as f:
        text = f.read()
    ids = [r[0] for r in FIRMS]
    for i, v in enumerate(ids):
        check("%d %s\n" % (i + 1, pajek_label(v)) in text, "pajek: vertex line of %r" % v)
    check('*Arcs :1 "supply"\n' in text and '*Edges :6 "rnd"\n' in text, "pajek: relation headers")
    with open(os.path.join(tmp, "f.clu"), encoding="utf-8") as f:
        clu = f.read().split("*Vertices %d\n" % len(FIRMS))
    check(len(clu) == 2, "pajek: .clu has no *Vertices line")
    inds = []
    for r in FIRMS:
        if r[3] not in inds:
            inds.append(r[3])
    check(clu[1].split() == [str(inds.index(r[3]) + 1) for r in FIRMS], "pajek: .clu partition")
    # (NetworkX 2.8 reads only one *Arcs or *Edges block, so it cannot check this file)
    # igraph 0.10 reads the plain dialect; types are the line labels
    plain = os.path.join(tmp, "plain.net")
    run(["export", "-d", ds, "--to", "pajek-plain", "-o", plain])
    if igraph:
        g = igraph.Graph.Read_Pajek(plain)
        check(g.is_directed(), "igraph pajek: not directed")
        want_ids = [pajek_label(v)[1:-1] for v in ids]
        check(g.vs["id"] == want_ids, "igraph pajek: ids %r" % g.vs["id"])
        got = sorted((g.vs[e.source]["id"], g.vs[e.target]["id"], e["label"], e["weight"]) for e in g.es)
        want = sorted((pajek_label(s)[1:-1], pajek_label(t)[1:-1], a["type"], a["weight"]) for s, t, _, a in edges)
        check(got == want, "igraph pajek: edges\n got  %r\n want %r" % (got, want))
    # and firmnet reads both back: ends, types, weights and industries survive
    for src in [net, plain]:
        out = os.path.join(tmp, "imp-" + os.path.basename(src))
        run(["import", "--from", "pajek", src, "-o", out])
        with open(os.path.join(out, "linkages.csv"), newline="", encoding="utf-8") as f:
            got = sorted((r["source"], r["target"], r["type"], float(r["weight"])) for r in csv.DictReader(f))
        want = sorted((pajek_label(s)[1:-1], pajek_label(t)[1:-1], a["type"], a["weight"]) for s, t, _, a in edges)
        check(got == want, "pajek import %s: linkages\n got  %r\n want %r" % (src, got, want))
        with open(os.path.join(out, "firms.csv"), newline="", encoding="utf-8") as f:
            got = [(r["id"], r["industry"]) for r in csv.DictReader(f)]
        check(got == [(pajek_label(r[0])[1:-1], r[3]) for r in FIRMS], "pajek import %s: firms %r" % (src, got))


def test_dot(tmp, ds):
    path = os.path.join(tmp, "f.dot")
    run(["export", "-d", ds, "--to", "dot", "-o", path])
    if not shutil.which("dot"):
        print("dot not found: DOT not laid out", file=sys.stderr)
        return
    p = subprocess.run(["dot", "-Tsvg", path], capture_output=True, text=True, encoding="utf-8")
    check(p.returncode == 0 and not p.stderr.strip(), "dot -Tsvg: %d %s" % (p.returncode, p.stderr))
    svg = ET.fromstring(p.stdout)
    ns = {"s": "http://www.w3.org/2000/svg"}
    groups = svg.findall(".//s:g", ns)
    titles = [g.find("s:title", ns).text for g in groups if g.get("class") == "node"]
    # node titles are the ids: the escaping must be undone exactly (a backslash in
    # an ID stays doubled in DOT, so our ids without one must come back as they are)
    check(sorted(titles) == sorted(r[0] for r in FIRMS), "dot: node titles %r" % titles)
    texts = ["".join(t.itertext()) for g in groups if g.get("class") == "node" for t in g.findall(".//s:text", ns)]
    for r in FIRMS:
        for line in r[1].split("\n"):
            want = line.strip()
            check(any(want in t for t in texts), "dot: name line %r not drawn" % want)
    n_edges = sum(1 for g in groups if g.get("class") == "edge")
    check(n_edges == len(LINKS), "dot: %d edges drawn" % n_edges)
    if shutil.which("sfdp"):
        p = subprocess.run(["sfdp", "-Tsvg", path], capture_output=True, text=True)
        check(p.returncode == 0, "sfdp -Tsvg failed: %s" % p.stderr)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def same_dataset(a, b, what):
    for name in ["firms.csv", "linkages.csv"]:
        check(read_bytes(os.path.join(a, name)) == read_bytes(os.path.join(b, name)),
              "%s: %s differs" % (what, name))


def check_summary(ds):
    out = run(["check", "-q", ds], ok=(0, 1)).stdout
    return out.strip()


def test_dataset_roundtrip(tmp, ds, graphml, tag):
    direct = os.path.join(tmp, tag + "-direct")
    run(["export", "-d", ds, "--to", "dataset", "-o", direct])
    # the direct export loads as the original does
    check(check_summary(direct) == check_summary(ds), "%s: check of the exported dataset differs" % tag)
    imported = os.path.join(tmp, tag + "-imported")
    p = run(["import", "--from", "graphml", graphml, "-o", imported])
    check("written to" in p.stderr, "%s: import summary" % tag)
    check(check_summary(imported) == check_summary(ds), "%s: check after import:\n %s\n %s"
          % (tag, check_summary(imported), check_summary(ds)))
    again = os.path.join(tmp, tag + "-again")
    run(["export", "-d", imported, "--to", "dataset", "-o", again])
    same_dataset(direct, again, tag + ": graphml export+import")
    # a dataset export of a dataset export is a fixed point
    twice = os.path.join(tmp, tag + "-twice")
    run(["export", "-d", direct, "--to", "dataset", "-o", twice])
    same_dataset(direct, twice, tag + ": dataset export twice")


def test_edgelist(tmp, ds):
    out = os.path.join(tmp, "el")
    p = run(["import", "--from", "edgelist", os.path.join(ds, "linkages.csv"), "-o", out])
    check("firms known only as edge ends" in p.stderr and ": 5 (first: F&1)" in p.stderr,
          "edgelist: report %r" % p.stderr)
    check("linkage attributes kept as extra columns of linkages.csv: 1 (first: contract)" in p.stderr,
          "edgelist: extra column report")
    with open(os.path.join(out, "linkages.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check([(r["source"], r["target"], r["type"], r["note"], r["contract"]) for r in rows]
          == [(r[0], r[1], r[2], r[6], r[8]) for r in LINKS], "edgelist: linkages")
    # other column names, tabs, an unknown type and no type
    tsv = os.path.join(tmp, "e.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("von\tnach\tart\n甲\t乙\tR&D\n乙\t丙\tfriendship\n丙\t甲\t\n")
    out2 = os.path.join(tmp, "el2")
    p = run(["import", "--from", "edgelist", tsv, "--source-col", "von", "--target-col", "nach",
             "--type-col", "art", "--default-type", "social", "-o", out2])
    with open(os.path.join(out2, "linkages.csv"), newline="", encoding="utf-8") as f:
        got = [(r["source"], r["target"], r["type"]) for r in csv.DictReader(f)]
    check(got == [("甲", "乙", "rnd"), ("乙", "丙", "social"), ("丙", "甲", "social")], "edgelist tsv: %r" % got)
    check("edge types firmnet does not know (given the default type): 1 (first: friendship)" in p.stderr,
          "edgelist tsv: unknown type report %r" % p.stderr)
    check("edges without a type (given the default type): 1" in p.stderr, "edgelist tsv: missing type report")
    check("firms without an industry" not in p.stderr or True, "")
    p = run(["import", "--from", "edgelist", tsv, "-o", os.path.join(tmp, "el3")], ok=(2,))
    check("no source column" in p.stderr and "--source-col" in p.stderr, "edgelist: missing column message")


def test_cuts(tmp, ds):
    def ids_of(d):
        with open(os.path.join(d, "firms.csv"), newline="", encoding="utf-8") as f:
            return [r["id"] for r in csv.DictReader(f)]

    def links_of(d):
        with open(os.path.join(d, "linkages.csv"), newline="", encoding="utf-8") as f:
            return [(r["source"], r["target"], r["type"]) for r in csv.DictReader(f)]

    out = os.path.join(tmp, "cut-ego")
    run(["export", "-d", ds, "--to", "dataset", "--ego", "F5", "--depth", "1", "-o", out])
    check(ids_of(out) == ["F&1", "F<2>", "F5"], "ego cut firms %r" % ids_of(out))
    check(len(links_of(out)) == 5, "ego cut linkages %r" % links_of(out))
    out = os.path.join(tmp, "cut-ind")
    run(["export", "-d", ds, "--to", "dataset", "--industry", "^(footwear|soles)$", "-o", out])
    check(ids_of(out) == ["F&1", 'F"3', "企业-4"], "industry cut %r" % ids_of(out))
    check(links_of(out) == [('F"3', "企业-4", "rnd"), ("企业-4", "F&1", "subcontract")], "industry cut links")
    out = os.path.join(tmp, "cut-type")
    run(["export", "-d", ds, "--to", "dataset", "--type", "supply", "--firms", "industry:eye", "-o", out])
    check(ids_of(out) == ["F<2>", "F5"] and links_of(out) == [], "type+firms cut")
    out = os.path.join(tmp, "cut-firms")
    run(["export", "-d", ds, "--to", "dataset", "--firms", "F&1|F<2>", "--type", "supply,social", "-o", out])
    check(links_of(out) == [("F&1", "F<2>", "supply"), ("F&1", "F<2>", "social"), ("F&1", "F<2>", "supply")],
          "firms cut links %r" % links_of(out))
    check(check_summary(out) == "checked: 0 errors, 2 warnings in 2 firms and 3 linkages",
          "firms cut check: %s" % check_summary(out))
    p = run(["export", "-d", ds, "--to", "json", "--ego", "no-such-firm"], ok=(1,))
    check(p.stdout == "", "ego of an unknown firm printed something")


def test_refusals(tmp, ds):
    before = read_bytes(os.path.join(ds, "firms.csv"))
    p = run(["export", "-d", ds, "--to", "graphml", "-o", os.path.join(ds, "firms.csv")], ok=(2,))
    check("part of the dataset being read" in p.stderr, "refusal message %r" % p.stderr)
    run(["export", "-d", ds, "--to", "dataset", "-o", ds, "--force"], ok=(2,))
    check(read_bytes(os.path.join(ds, "firms.csv")) == before, "the input dataset changed")
    out = os.path.join(tmp, "exists")
    run(["export", "-d", ds, "--to", "dataset", "-o", out])
    p = run(["export", "-d", ds, "--to", "dataset", "-o", out], ok=(2,))
    check("--force" in p.stderr, "existing dataset message %r" % p.stderr)
    run(["export", "-d", ds, "--to", "dataset", "-o", out, "--force"])
    p = run(["import", "--from", "edgelist", os.path.join(ds, "linkages.csv"), "-o", out], ok=(2,))
    check("not empty" in p.stderr, "import into a non-empty directory %r" % p.stderr)
    missing = os.path.join(tmp, "no", "such", "x.graphml")
    p = run(["export", "-d", ds, "--to", "graphml", "-o", missing], ok=(2,))
    check(missing in p.stderr and "No such file or directory" in p.stderr, "write error message %r" % p.stderr)
    p = run(["export", "-d", ds, "--to", "dataset"], ok=(2,))
    check("-o DIR" in p.stderr, "dataset without -o %r" % p.stderr)
    p = run(["export", "-d", ds, "--to", "gml"], ok=(2,))
    p = run(["import", "--from", "graphml", os.path.join(ds, "firms.csv"), "-o", os.path.join(tmp, "bad")], ok=(2,))
    check("not well-formed XML" in p.stderr or "not GraphML" in p.stderr, "import of a non-XML file %r" % p.stderr)
    # no temporary files are left anywhere we wrote
    for d in [tmp, out]:
        left = [n for n in os.listdir(d) if n.startswith(".")]
        check(not left, "temporary files left in %s: %r" % (d, left))


def test_valgrind(tmp, ds, graphml):
    vg = os.environ.get("VALGRIND", "")
    if not vg or vg == "no" or not shutil.which(vg):
        print("valgrind not found: leak check skipped", file=sys.stderr)
        return
    # (arguments, the exit status they must end with)
    runs = [(["export", "-d", ds, "--to", f, "-o", os.path.join(tmp, "vg." + f)], 0)
            for f in ["graphml", "gexf", "pajek", "dot", "json"]]
    runs.append((["export", "-d", ds, "--to", "dataset", "--ego", "F5", "--firms", "name:.", "-o",
                  os.path.join(tmp, "vg-ds")], 0))
    runs.append((["export", "-d", ds, "--to", "graphml", "-o", os.path.join(tmp, "no", "such", "d.graphml")], 2))
    runs.append((["import", "--from", "graphml", graphml, "-o", os.path.join(tmp, "vg-imp")], 0))
    runs.append((["import", "--from", "graphml", os.path.join(ds, "firms.csv"), "-o", os.path.join(tmp, "vg-x")], 2))
    runs.append((["import", "--from", "pajek", os.path.join(tmp, "f.net"), "-o", os.path.join(tmp, "vg-imp2")], 0))
    runs.append((["import", "--from", "edgelist", os.path.join(ds, "linkages.csv"), "-o",
                  os.path.join(tmp, "vg-imp3")], 0))
    for args, want in runs:
        # nothing may stay reachable either: libxml2's globals are freed on exit
        env = dict(os.environ, FIRMNET_NO_JIT="1")
        # (but for what the dynamic loader keeps of libxml2, opened with dlopen: tests/valgrind.supp)
        p = subprocess.run([vg, "-q", "--leak-check=full", "--show-leak-kinds=all", "--errors-for-leak-kinds=all",
                            "--error-exitcode=9", "--suppressions=" + VALGRIND_SUPP, FIRMNET] + args,
                           capture_output=True, text=True, env=env)
        check(p.returncode == want, "valgrind firmnet %s: exit %d\n%s" % (" ".join(args), p.returncode,
                                                                          p.stderr[-2000:]))


def main():
    tmp = tempfile.mkdtemp(prefix="firmnet-roundtrip-")
    try:
        ds = os.path.join(tmp, "fixture")
        write_fixture(ds)
        p = run(["check", ds], ok=(0,))
        nodes, edges = expected()
        graphml = test_graphml(tmp, ds, nodes, edges)
        test_gexf(tmp, ds, nodes, edges)
        test_json(tmp, ds, nodes, edges)
        test_pajek(tmp, ds, nodes, edges)
        test_dot(tmp, ds)
        test_dataset_roundtrip(tmp, ds, graphml, "fixture")
        bundled = os.path.join(TOP, "data", "wenzhou")
        big = os.path.join(tmp, "wenzhou.graphml")
        run(["export", "-d", bundled, "--to", "graphml", "-o", big])
        test_dataset_roundtrip(tmp, bundled, big, "wenzhou")
        test_edgelist(tmp, ds)
        test_cuts(tmp, ds)
        test_refusals(tmp, ds)
        test_valgrind(tmp, ds, graphml)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print("%d mismatches" % len(FAILURES), file=sys.stderr)
        return 1
    print("all round trips equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
