# tests/bench/: the synthetic dataset generator, the in-process timer of core's jobs,
# `make bench` (firmnet side by side with igraph, NetworkX, pcre2grep and cat), and
# the differential test of the CSV reader's fast path against libcsv.
noinst_PROGRAMS += tests/bench/firmnet-gen tests/bench/firmnet-bench
tests_bench_firmnet_gen_SOURCES = tests/bench/gen.c
tests_bench_firmnet_bench_SOURCES = tests/bench/benchcore.c
tests_bench_firmnet_bench_LDADD = $(CORE_LIBS)
EXTRA_DIST += tests/bench/bench.py tests/bench/tuibench.py tests/bench/duckdb_checks.js tests/bench/csvdiff.test \
	tests/bench/gen.test
TESTS += tests/bench/gen.test

# Generated datasets live in the build tree (never committed); BENCH_SKIP_L=1 skips L.
# The DuckDB peer's npm package is installed into BENCH_NODE on the first run.
BENCH_ROOT = $(abs_top_builddir)/bench-data
BENCH_NODE = $(abs_top_builddir)/bench-node
bench: firmnet tests/bench/firmnet-gen tests/bench/firmnet-bench
	FIRMNET='$(abs_top_builddir)/firmnet' \
	FIRMNET_GEN='$(abs_top_builddir)/tests/bench/firmnet-gen' \
	FIRMNET_BENCH='$(abs_top_builddir)/tests/bench/firmnet-bench' \
	BENCH_DATA='$(BENCH_ROOT)' BENCH_NODE='$(BENCH_NODE)' BENCH_TSV='$(abs_top_builddir)/bench-results.tsv' \
	BUNDLED='$(abs_top_srcdir)/data/wenzhou' \
	$(PYTHON3) $(srcdir)/tests/bench/bench.py
.PHONY: bench
clean-bench:
	rm -rf '$(BENCH_ROOT)' '$(BENCH_NODE)' bench-results.tsv
.PHONY: clean-bench

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_csvread
TESTS += tests/unit/test_csvread
SLOW_TESTS += tests/bench/csvdiff.test
tests_unit_test_csvread_SOURCES = tests/unit/test_csvread.c
tests_unit_test_csvread_CFLAGS = $(unit_cflags)
tests_unit_test_csvread_LDADD = $(unit_ldadd)
endif
