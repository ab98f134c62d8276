# tests/: unit (cmocka), cli golden, tui headless and tmux, cross-validation.
# Script tests end in .test and run under the shell with these variables set.
TEST_EXTENSIONS = .test
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	FIRMNET='$(abs_top_builddir)/firmnet' PYTHON3='$(PYTHON3)' TMUX_BIN='$(TMUX_PROG)' \
	RSCRIPT='$(RSCRIPT)' VALGRIND='$(VALGRIND)' \
	LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 \
	FIRMNET_CACHE_DIR='$(abs_top_builddir)/tests/cache' FIRMNET_CACHE_MIN=0; \
	export top_srcdir top_builddir FIRMNET PYTHON3 TMUX_BIN RSCRIPT VALGRIND LC_ALL TZ NO_COLOR \
	FIRMNET_CACHE_DIR FIRMNET_CACHE_MIN;
# Two tiers (docs/architecture.md#tests). `make check` runs TESTS, the fast tier
# (about a minute); `make check-slow` runs SLOW_TESTS, the tests that take seconds of
# CPU each (memcheck, the cross-checks against NetworkX, igraph and R, the CSV
# reader's differential test), with its own summary in test-suite-slow.log so that
# each tier's stands. ./bootstrap check and CI run both.
SLOW_TESTS =
check-slow:
	@$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(SLOW_TESTS)' TEST_SUITE_LOG=test-suite-slow.log
.PHONY: check-slow
clean-local: clean-slow-logs
clean-slow-logs:
	rm -f test-suite-slow.log $(SLOW_TESTS:.test=.log) $(SLOW_TESTS:.test=.trs)
.PHONY: clean-slow-logs
# The snapshot cache (core/snapshot) goes into the build tree, never the home
# directory, and takes every dataset however small: each golden test then checks
# the snapshot path as well, since all but the first load of a dataset come from it.
clean-local: clean-snapshot-cache
clean-snapshot-cache:
	rm -rf tests/cache
.PHONY: clean-snapshot-cache

if HAVE_CMOCKA
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
unit_ldadd = $(CORE_LIBS) $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_text
TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(unit_cflags)
tests_unit_test_text_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_linemap
TESTS += tests/unit/test_linemap
tests_unit_test_linemap_SOURCES = tests/unit/test_linemap.c
tests_unit_test_linemap_CFLAGS = $(unit_cflags)
tests_unit_test_linemap_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_match
TESTS += tests/unit/test_match
tests_unit_test_match_SOURCES = tests/unit/test_match.c
tests_unit_test_match_CFLAGS = $(unit_cflags)
tests_unit_test_match_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_filter
TESTS += tests/unit/test_filter
tests_unit_test_filter_SOURCES = tests/unit/test_filter.c
tests_unit_test_filter_CFLAGS = $(unit_cflags)
tests_unit_test_filter_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_firmscan
TESTS += tests/unit/test_firmscan
tests_unit_test_firmscan_SOURCES = tests/unit/test_firmscan.c
tests_unit_test_firmscan_CFLAGS = $(unit_cflags)
tests_unit_test_firmscan_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_simple
TESTS += tests/unit/test_simple
tests_unit_test_simple_SOURCES = tests/unit/test_simple.c tests/unit/testnet.h
tests_unit_test_simple_CFLAGS = $(unit_cflags)
tests_unit_test_simple_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_paths
TESTS += tests/unit/test_paths
tests_unit_test_paths_SOURCES = tests/unit/test_paths.c tests/unit/testnet.h
tests_unit_test_paths_CFLAGS = $(unit_cflags)
tests_unit_test_paths_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_centrality
TESTS += tests/unit/test_centrality
tests_unit_test_centrality_SOURCES = tests/unit/test_centrality.c tests/unit/testnet.h
tests_unit_test_centrality_CFLAGS = $(unit_cflags)
tests_unit_test_centrality_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_diag
TESTS += tests/unit/test_diag
tests_unit_test_diag_SOURCES = tests/unit/test_diag.c tests/unit/testnet.h
tests_unit_test_diag_CFLAGS = $(unit_cflags)
tests_unit_test_diag_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_chart
TESTS += tests/unit/test_chart
tests_unit_test_chart_SOURCES = tests/unit/test_chart.c
tests_unit_test_chart_CFLAGS = $(unit_cflags)
tests_unit_test_chart_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_knowroles
TESTS += tests/unit/test_knowroles
tests_unit_test_knowroles_SOURCES = tests/unit/test_knowroles.c tests/unit/testnet.h
tests_unit_test_knowroles_CFLAGS = $(unit_cflags)
tests_unit_test_knowroles_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_layout
TESTS += tests/unit/test_layout
tests_unit_test_layout_SOURCES = tests/unit/test_layout.c tests/unit/testnet.h
tests_unit_test_layout_CFLAGS = $(unit_cflags)
tests_unit_test_layout_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_load
TESTS += tests/unit/test_load
tests_unit_test_load_SOURCES = tests/unit/test_load.c
tests_unit_test_load_CFLAGS = $(unit_cflags)
tests_unit_test_load_LDADD = $(unit_ldadd)
TESTS += tests/unit/load-threads.test
EXTRA_DIST += tests/unit/load-threads.test
check_PROGRAMS += tests/unit/test_tui_list
TESTS += tests/unit/test_tui_list
tests_unit_test_tui_list_SOURCES = tests/unit/test_tui_list.c tui/list.c tui/list.h tui/keys.c tui/keys.h \
	tui/script.c tui/script.h
tests_unit_test_tui_list_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
tests_unit_test_tui_list_CFLAGS = $(unit_cflags) $(NCURSESW_CFLAGS)
tests_unit_test_tui_list_LDADD = $(unit_ldadd) $(NCURSESW_LIBS)
check_PROGRAMS += tests/unit/test_tui_order
TESTS += tests/unit/test_tui_order
tests_unit_test_tui_order_SOURCES = tests/unit/test_tui_order.c tui/order.c tui/order.h
tests_unit_test_tui_order_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
tests_unit_test_tui_order_CFLAGS = $(unit_cflags)
tests_unit_test_tui_order_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_ties
TESTS += tests/unit/test_ties
tests_unit_test_ties_SOURCES = tests/unit/test_ties.c tests/unit/testnet.h
tests_unit_test_ties_CFLAGS = $(unit_cflags)
tests_unit_test_ties_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_direction
TESTS += tests/unit/test_direction
tests_unit_test_direction_SOURCES = tests/unit/test_direction.c tests/unit/testnet.h
tests_unit_test_direction_CFLAGS = $(unit_cflags)
tests_unit_test_direction_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_brokerage
TESTS += tests/unit/test_brokerage
tests_unit_test_brokerage_SOURCES = tests/unit/test_brokerage.c tests/unit/testnet.h
tests_unit_test_brokerage_CFLAGS = $(unit_cflags)
tests_unit_test_brokerage_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_egocluster
TESTS += tests/unit/test_egocluster
tests_unit_test_egocluster_SOURCES = tests/unit/test_egocluster.c tests/unit/testnet.h
tests_unit_test_egocluster_CFLAGS = $(unit_cflags)
tests_unit_test_egocluster_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_firmcol
TESTS += tests/unit/test_firmcol
tests_unit_test_firmcol_SOURCES = tests/unit/test_firmcol.c tests/unit/testnet.h
tests_unit_test_firmcol_CFLAGS = $(unit_cflags)
tests_unit_test_firmcol_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_structural
TESTS += tests/unit/test_structural
tests_unit_test_structural_SOURCES = tests/unit/test_structural.c tests/unit/testnet.h
tests_unit_test_structural_CFLAGS = $(unit_cflags)
tests_unit_test_structural_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_export
TESTS += tests/unit/test_export
tests_unit_test_export_SOURCES = tests/unit/test_export.c
tests_unit_test_export_CFLAGS = $(unit_cflags)
tests_unit_test_export_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_thread
TESTS += tests/unit/test_thread tests/unit/thread-fail.test
EXTRA_DIST += tests/unit/thread-fail.test
tests_unit_test_thread_SOURCES = tests/unit/test_thread.c tests/unit/testnet.h
tests_unit_test_thread_CFLAGS = $(unit_cflags)
tests_unit_test_thread_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_snapshot
TESTS += tests/unit/test_snapshot
tests_unit_test_snapshot_SOURCES = tests/unit/test_snapshot.c
tests_unit_test_snapshot_CFLAGS = $(unit_cflags)
tests_unit_test_snapshot_LDADD = $(unit_ldadd)
endif

# Analyses: NetworkX cross-validation and golden output of the lookup subcommands.
TESTS += tests/cli/analyses.test tests/cli/check.test
SLOW_TESTS += tests/xval/networkx.test
EXTRA_DIST += tests/xval/networkx.test tests/xval/xval_networkx.py \
	tests/cli/golden.sh tests/cli/analyses.test tests/cli/analyses.list \
	tests/cli/check.test tests/cli/check.list \
	tests/cli/golden
include tests/fuzz/local.mk
# the ncurses explorer (issue #4): headless goldens, tmux end to end, escape injection
TESTS += tests/tui/headless.test tests/tui/tmux.test tests/tui/escape.test
SLOW_TESTS += tests/tui/valgrind.test
EXTRA_DIST += tests/tui/headless.test tests/tui/tmux.test tests/tui/escape.test tests/tui/valgrind.test \
	tests/tui/scripts tests/tui/golden tests/tui/data tests/tui/valgrind.keys tests/tui/check-cells.awk
include tests/bench/local.mk
# cluster analysis (issue #5): brokerage against R's sna, constraint against NetworkX
TESTS += tests/cli/cluster.test tests/cli/roworder.test
SLOW_TESTS += tests/xval/cluster_sna.test tests/xval/cluster_nx.test
EXTRA_DIST += tests/xval/cluster_sna.test tests/xval/xval_cluster.py tests/xval/xval_brokerage.R \
	tests/cli/cluster.test tests/cli/cluster.list tests/xval/cluster_nx.test tests/xval/xval_cluster_nx.py \
	tests/cli/roworder.test
# direction, ego composition, whole network, sampled-betweenness errors (issue #12) against NetworkX
SLOW_TESTS += tests/xval/direction.test
EXTRA_DIST += tests/xval/direction.test tests/xval/xval_direction.py
# interoperability (issue #8): export/import round trips through NetworkX, igraph, Graphviz
TESTS += tests/cli/completion.test tests/cli/export.test tests/cli/man.test
SLOW_TESTS += tests/xval/roundtrip.test
EXTRA_DIST += tests/xval/roundtrip.test tests/xval/roundtrip.py tests/cli/completion.test \
	tests/cli/export.test tests/cli/export.list tests/cli/man.test
# the snapshot cache (issue #7): read back, edits, damage, switches, the explorer's reload
TESTS += tests/cli/cache.test tests/cli/skipped-note.test tests/cli/field.test
EXTRA_DIST += tests/cli/cache.test tests/cli/skipped-note.test tests/cli/field.test tests/cli/field.list
# libxml2 opened only for XML, and a clear error when it cannot be (core/xmllib)
TESTS += tests/cli/xmllib.test
EXTRA_DIST += tests/cli/xmllib.test
# the cluster through time (issue #15): by-year and compare-years goldens, counts
# cross-checked against a hand filter of the CSV
TESTS += tests/cli/time.test tests/xval/by_year.test tests/xval/knowroles.test
EXTRA_DIST += tests/cli/time.test tests/cli/time.list tests/xval/by_year.test tests/xval/by_year.py \
	tests/xval/knowroles.test tests/xval/knowroles.py
