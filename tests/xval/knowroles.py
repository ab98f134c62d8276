#!/usr/bin/env python3
"""Recounts Giuliani & Bell's cognitive roles of the bundled dataset's local firms
straight from the CSV files (distinct local partners in and out, distinct non-local
partners, mean thresholds, the rule of docs/cluster.md) and compares every firm with
`firmnet cluster --knowledge-roles --format json`, on the default knowledge layer and
on two others. Nothing here calls firmnet's code but the program itself."""
import csv
import json
import os
import subprocess

top = os.environ.get("top_srcdir", ".")
firmnet = os.environ.get("FIRMNET", "./firmnet")
data = os.path.join(top, "data", "wenzhou")
DIRECTED = {"supply", "subcontract", "licensing", "technology", "marketing"}
fails = 0

scale = {}
with open(os.path.join(data, "firms.csv"), encoding="utf-8", newline="") as fh:
    for r in csv.DictReader(fh):
        scale[r["id"]] = (r["scale"].strip() or "local").lower()
links = []
with open(os.path.join(data, "linkages.csv"), encoding="utf-8", newline="") as fh:
    for r in csv.DictReader(fh):
        links.append((r["source"], r["target"], r["type"].strip().lower()))


def expected(types):
    local = [f for f, s in scale.items() if s == "local"]
    ins = {f: set() for f in local}
    outs = {f: set() for f in local}
    ext = {f: set() for f in local}
    for s, t, ty in links:
        if ty not in types or s == t:
            continue
        for a, b, forward in ((s, t, True), (t, s, False)):
            if scale[a] != "local":
                continue
            if scale[b] != "local":
                ext[a].add(b)
            else:
                if forward or ty not in DIRECTED:
                    outs[a].add(b)
                if not forward or ty not in DIRECTED:
                    ins[a].add(b)
    n = len(local)
    mi = sum(len(v) for v in ins.values()) / n
    mo = sum(len(v) for v in outs.values()) / n
    me = sum(len(v) for v in ext.values()) / n
    roles = {}
    for f in local:
        i, o, e = len(ins[f]), len(outs[f]), len(ext[f])
        if i == 0 and o == 0:
            r = "isolated"
        elif i >= mi and o >= mo:
            r = "technological-gatekeeper" if e > 0 and e >= me else "active-mutual-exchanger"
        else:
            r = "weakly-tied"
        roles[f] = (i, o, e, r)
    return roles, (mi, mo, me)


for types in (["licensing", "rnd", "technology"], ["supply", "subcontract"], ["social", "cultural", "rnd"]):
    args = [firmnet, "cluster", "-d", data, "--knowledge-roles", "--format", "json"]
    if types != ["licensing", "rnd", "technology"]:
        args += ["--type", ",".join(types)]
    doc = json.loads(subprocess.run(args, check=True, capture_output=True).stdout)
    want, means = expected(set(types))
    got = {r["id"]: (r["in_local"], r["out_local"], r["external"], r["role"]) for r in doc["firms"]}
    if got != want:
        diff = [f for f in set(got) | set(want) if got.get(f) != want.get(f)]
        print("FAIL %s: %d firms differ, e.g. %s: firmnet %s, csv %s" %
              (types, len(diff), diff[0], got.get(diff[0]), want.get(diff[0])))
        fails += 1
    s = doc["summary"]
    for name, m in zip(("mean_in_local", "mean_out_local", "mean_external"), means):
        if abs(s[name] - m) > 1e-12:
            print("FAIL %s: %s %r, csv %r" % (types, name, s[name], m))
            fails += 1
    counts = {r["role"]: r["firms"] for r in doc["roles"]}
    for role in ("technological-gatekeeper", "active-mutual-exchanger", "weakly-tied", "isolated"):
        n = sum(1 for v in want.values() if v[3] == role)
        if counts.get(role) != n:
            print("FAIL %s: %s %r firms, csv %d" % (types, role, counts.get(role), n))
            fails += 1
    print("%s: %d local firms, %s" % (",".join(types), len(want), counts))
print("%d failed" % fails)
raise SystemExit(1 if fails else 0)
