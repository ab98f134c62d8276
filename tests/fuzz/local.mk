# tests/fuzz/: hardening (issue #6). libFuzzer harnesses: `make fuzz` builds them with
# clang and runs each for FUZZ_SECONDS; `make check` replays the saved corpus and
# regression inputs through the same harness sources built with the ordinary compiler
# (no clang needed). Also the hostile-input, valgrind, regex-limit and terminal-safety
# tests, and `make lint`. docs/threat-model.md says what each proves.
FUZZ_CC = clang
FUZZ_SECONDS = 30
FUZZ_HARNESSES = load check match text import

fuzz_replay_common = tests/fuzz/replay.c tests/fuzz/fuzz_common.h
check_PROGRAMS += tests/fuzz/replay_load tests/fuzz/replay_check tests/fuzz/replay_match tests/fuzz/replay_text \
	tests/fuzz/replay_import
tests_fuzz_replay_load_SOURCES = tests/fuzz/fuzz_load.c $(fuzz_replay_common)
tests_fuzz_replay_load_LDADD = $(CORE_LIBS)
tests_fuzz_replay_check_SOURCES = tests/fuzz/fuzz_check.c $(fuzz_replay_common)
tests_fuzz_replay_check_LDADD = $(CORE_LIBS)
tests_fuzz_replay_match_SOURCES = tests/fuzz/fuzz_match.c $(fuzz_replay_common)
tests_fuzz_replay_match_LDADD = $(CORE_LIBS)
tests_fuzz_replay_text_SOURCES = tests/fuzz/fuzz_text.c $(fuzz_replay_common)
tests_fuzz_replay_text_LDADD = $(CORE_LIBS)
tests_fuzz_replay_import_SOURCES = tests/fuzz/fuzz_import.c $(fuzz_replay_common)
tests_fuzz_replay_import_LDADD = $(CORE_LIBS)
TESTS += tests/fuzz/replay.test
EXTRA_DIST += tests/fuzz/replay.test tests/fuzz/run-fuzz tests/fuzz/make_corpus.py \
	tests/fuzz/corpus tests/fuzz/regressions

TESTS += tests/cli/hostile.test tests/cli/regex-limits.test tests/cli/terminal.test \
	tests/cli/hangup.test
SLOW_TESTS += tests/cli/valgrind.test
EXTRA_DIST += tests/cli/hostile.test tests/cli/regex-limits.test tests/cli/terminal.test \
	tests/cli/terminal_safety.py tests/cli/hangup.test tests/cli/hangup.py \
	tests/cli/valgrind.test docs/threat-model.md \
	.clang-tidy tests/cppcheck.supp tests/valgrind.supp

fuzz: config.h
	@srcdir='$(abs_top_srcdir)' builddir='$(abs_top_builddir)' FUZZ_CC='$(FUZZ_CC)' \
	FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_HARNESSES='$(FUZZ_HARNESSES)' \
	FUZZ_CORE_SOURCES='$(core_libfirmnet_a_SOURCES)' \
	FUZZ_CPPFLAGS='$(core_libfirmnet_a_CPPFLAGS)' FUZZ_CFLAGS='$(core_libfirmnet_a_CFLAGS)' \
	FUZZ_LIBS='$(CORE_LIBS)' \
	$(SHELL) $(top_srcdir)/tests/fuzz/run-fuzz

# Static analysis with the agreed configuration: cppcheck (warning, portability; false
# positives listed with reasons in tests/cppcheck.supp) and clang-tidy (bugprone-*,
# cert-*; what is off and why is in .clang-tidy). Fails on any finding.
lint_files = $(top_srcdir)/core/*.c $(top_srcdir)/tui/*.c $(top_srcdir)/cli/*.c
lint: config.h
	@for t in cppcheck clang-tidy; do command -v $$t >/dev/null || \
	  { echo "make lint: $$t not found (install the Debian packages cppcheck clang-tidy)" >&2; exit 2; }; done
	@echo "  CPPCHECK core tui cli"
	@cppcheck -q --enable=warning,portability --inline-suppr --std=c11 --error-exitcode=1 \
	  --suppress=missingIncludeSystem --suppressions-list=$(top_srcdir)/tests/cppcheck.supp \
	  --include=$(top_builddir)/config.h -I$(top_srcdir)/core -I$(top_srcdir)/tui -I$(top_srcdir)/cli $(lint_files)
	@echo "  TIDY     core tui cli"
	@rc=0; clang-tidy -quiet $(lint_files) -- $(firmnet_CPPFLAGS) $(firmnet_CFLAGS) -w \
	  >lint-tidy.log 2>&1 || rc=$$?; \
	  grep -v -e ' generated\.$$' -e '^Suppressed [0-9]' -e '^Use -header-filter' lint-tidy.log; \
	  rm -f lint-tidy.log; exit $$rc

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf tests/fuzz/bin
.PHONY: fuzz clean-fuzz lint
