#!/usr/bin/env python3
"""Counts the bundled dataset's ties year by year straight from the CSV files, with
the csv module and the rules of docs/dataset-format.md, and compares them with
`firmnet cluster --by-year` (whole cluster and per industry), `firmnet stats
--as-of` and `firmnet cluster --compare-years`. Nothing here calls firmnet's code
but the program itself."""
import csv
import json
import os
import subprocess
import sys

top = os.environ.get("top_srcdir", ".")
firmnet = os.environ.get("FIRMNET", "./firmnet")
data = os.path.join(top, "data", "wenzhou")
fails = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL: " + msg)


def run(*args):
    out = subprocess.run([firmnet] + list(args) + ["-d", data], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def year(s):
    return int(s) if s.strip() else None


firms = {}
with open(os.path.join(data, "firms.csv"), encoding="utf-8", newline="") as fh:
    for r in csv.DictReader(fh):
        firms[r["id"]] = (r["industry"].strip(), (r["scale"].strip() or "local").lower(), year(r["founded"]))
RANK = {"local": 0, "national": 1, "global": 2}
MATERIAL = {"supply", "subcontract", "production-sharing", "joint-venture"}
ties = []
with open(os.path.join(data, "linkages.csv"), encoding="utf-8", newline="") as fh:
    for r in csv.DictReader(fh):
        s, t = firms[r["source"]], firms[r["target"]]
        scale = max(s[1], t[1], key=RANK.get)
        form = r["form"].strip() or ("material" if r["type"] in MATERIAL else "non-material")
        ties.append(dict(since=year(r["since"]), until=year(r["until"]), scale=scale, form=form,
                         type=r["type"], ends=(r["source"], r["target"]),
                         industries={s[0], t[0]}))


def in_force(tie, y):
    """What --as-of y keeps (docs/dataset-format.md)."""
    if tie["since"] is not None and tie["since"] > y:
        return False
    if tie["until"] is not None and tie["until"] < y:
        return False
    return all(firms[f][2] is None or firms[f][2] <= y for f in tie["ends"])


def counts(y, industry=None):
    c = dict(ties=0, local=0, national=0, global_=0, material=0, non_material=0, undated=0, births=0,
             ends=0, founded=0)
    for tie in ties:
        if industry is not None and industry not in tie["industries"]:
            continue
        if tie["since"] == y:
            c["births"] += 1
        if tie["until"] == y:
            c["ends"] += 1
        if not in_force(tie, y):
            continue
        if tie["since"] is None:
            c["undated"] += 1
            continue
        c["ties"] += 1
        c["global_" if tie["scale"] == "global" else tie["scale"]] += 1
        c["non_material" if tie["form"] == "non-material" else "material"] += 1
    c["founded"] = sum(1 for f in firms.values() if f[2] == y and (industry is None or f[0] == industry))
    c["global"] = c.pop("global_")
    return c


# --- whole cluster, tsv ---
lines = run("cluster", "--by-year", "--format", "tsv").splitlines()
head = lines[0].split("\t")
rows = [dict(zip(head, ln.split("\t"))) for ln in lines[1:]]
years = [int(r["year"]) for r in rows]
lo = min(y for t in ties for y in (t["since"], t["until"]) if y is not None)
lo = min([lo] + [f[2] for f in firms.values() if f[2] is not None])
hi = max([y for t in ties for y in (t["since"], t["until"]) if y is not None] +
         [f[2] for f in firms.values() if f[2] is not None])
if years != list(range(lo, hi + 1)):
    fail("years %s..%s, expected %d..%d" % (years[0], years[-1], lo, hi))
checked = 0
for r in rows:
    want = counts(int(r["year"]))
    for k, v in want.items():
        if int(r[k]) != v:
            fail("%s %s: firmnet %s, by hand %d" % (r["year"], k, r[k], v))
        checked += 1
ended = sum(1 for t in ties if t["until"] is not None)
if ended < 50:
    fail("only %d ties with until in the bundled dataset" % ended)

# --- per industry, json ---
doc = json.loads(run("cluster", "--by-year", "--industries", "--format", "json"))
if doc["undated_ties"] != sum(1 for t in ties if t["since"] is None):
    fail("undated_ties %d" % doc["undated_ties"])
for ind in doc["industries"]:
    if ind["industry"] not in ("footwear", "eyewear", "trading"):
        continue
    for y in ind["years"][::5]:
        want = counts(y["year"], ind["industry"])
        for k, v in want.items():
            if y[k] != v:
                fail("%s %d %s: firmnet %d, by hand %d" % (ind["industry"], y["year"], k, y[k], v))
            checked += 1

# --- stats --as-of agrees: dated + undated in force ---
for y in (1990, 2005, 2012, 2020):
    st = json.loads(run("stats", "--format", "json", "--as-of", str(y)))
    c = counts(y)
    if st["linkages"] != c["ties"] + c["undated"] or st["undated_linkages"] != c["undated"]:
        fail("stats --as-of %d: %d linkages (%d undated), by hand %d + %d" %
             (y, st["linkages"], st["undated_linkages"], c["ties"], c["undated"]))
    checked += 2

# --- compare-years: gained and lost by scale and type ---
a, b = 2005, 2015
cmp_ = json.loads(run("cluster", "--compare-years", "%d,%d" % (a, b), "--format", "json"))
gained = [t for t in ties if in_force(t, b) and not in_force(t, a)]
lost = [t for t in ties if in_force(t, a) and not in_force(t, b)]
for row in cmp_["changes"]:
    sel = (lambda t: True) if row["by"] == "all" else (lambda t, r=row: t[r["by"]] == r["value"])
    g, l_ = sum(map(sel, gained)), sum(map(sel, lost))
    if (row["gained"], row["lost"]) != (g, l_):
        fail("compare %s %s: firmnet +%d -%d, by hand +%d -%d" % (row["by"], row["value"], row["gained"],
                                                                row["lost"], g, l_))
    checked += 2
if not lost:
    fail("no tie lost between %d and %d: until is not in the data" % (a, b))

print("%d counts checked against the CSV, %d failed" % (checked, fails))
sys.exit(1 if fails else 0)
