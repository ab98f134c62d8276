// make bench's DuckDB peer: reads firms.csv and linkages.csv with read_csv (types
// sniffed, as a user would start) and runs the referential checks firmnet makes in
// SQL: firm ids used twice, linkage ends naming no firm. Prints one JSON line.
// Run by bench.py with BENCH_NODE, the directory @duckdb/node-api is installed in.
"use strict";
const path = require("path");
const { DuckDBInstance } = require(path.join(process.env.BENCH_NODE, "node_modules", "@duckdb", "node-api"));

async function main() {
    const dir = process.argv[2];
    const q = (s) => "'" + s.replace(/'/g, "''") + "'";
    const t0 = performance.now();
    const inst = await DuckDBInstance.create(":memory:");
    const con = await inst.connect();
    let sniffed = true;
    const read = async (opts) => {
        await con.run("CREATE OR REPLACE TABLE firms AS SELECT * FROM read_csv(" + q(path.join(dir, "firms.csv")) + opts + ")");
        await con.run("CREATE OR REPLACE TABLE links AS SELECT * FROM read_csv(" + q(path.join(dir, "linkages.csv")) + opts + ")");
    };
    try {
        await read("");
    } catch (e) {
        // a column the sniffer typed from its sample and a later row breaks: every
        // column as text, which is what a user does next
        sniffed = false;
        await read(", all_varchar = true");
    }
    const t1 = performance.now();
    const one = async (sql) => Number((await con.runAndReadAll(sql)).getRows()[0][0]);
    const dup = await one("SELECT count(*) FROM (SELECT id FROM firms GROUP BY id HAVING count(*) > 1)");
    const unknown = await one(
        "SELECT count(*) FROM links l WHERE NOT EXISTS (SELECT 1 FROM firms f WHERE f.id = l.source) " +
        "OR NOT EXISTS (SELECT 1 FROM firms f WHERE f.id = l.target)");
    const t2 = performance.now();
    const threads = await one("SELECT current_setting('threads')");
    console.log(JSON.stringify({ load: (t1 - t0) / 1e3, checks: (t2 - t1) / 1e3, total: (t2 - t0) / 1e3,
                                 duplicate_ids: dup, unknown_ends: unknown, sniffed, threads }));
}

main().catch((e) => {
    console.error(String(e));
    process.exit(2);
});
