# tests/: unit (cmocka), cli golden, tui headless and tmux, cross-validation.
# Script tests end in .test and run under the shell with these variables set.
TEST_EXTENSIONS = .test
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	FIRMNET='$(abs_top_builddir)/firmnet' PYTHON3='$(PYTHON3)' TMUX_BIN='$(TMUX)' \
	RSCRIPT='$(RSCRIPT)' VALGRIND='$(VALGRIND)' \
	LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1; \
	export top_srcdir top_builddir FIRMNET PYTHON3 TMUX_BIN RSCRIPT VALGRIND LC_ALL TZ NO_COLOR;

if HAVE_CMOCKA
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
unit_ldadd = $(CORE_LIBS) $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_text
TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(unit_cflags)
tests_unit_test_text_LDADD = $(unit_ldadd)
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
check_PROGRAMS += tests/unit/test_load
TESTS += tests/unit/test_load
tests_unit_test_load_SOURCES = tests/unit/test_load.c
tests_unit_test_load_CFLAGS = $(unit_cflags)
tests_unit_test_load_LDADD = $(unit_ldadd)
endif
