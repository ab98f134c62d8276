# docs/: user documentation (Markdown, shipped in the tarball) and man pages.
EXTRA_DIST += docs/dataset-format.md docs/search.md docs/commands.md docs/analyses.md
EXTRA_DIST += docs/tui.md
EXTRA_DIST += docs/interop.md docs/architecture.md
EXTRA_DIST += docs/cluster.md
EXTRA_DIST += docs/performance.md docs/snapshot.md
# bash completion, installed under the name bash-completion loads on demand
bashcompletiondir = $(datadir)/bash-completion/completions
bashcompletion_DATA = docs/completion/firmnet
EXTRA_DIST += docs/completion/firmnet.bash
CLEANFILES += docs/completion/firmnet
docs/completion/firmnet: docs/completion/firmnet.bash
	$(AM_V_GEN)$(MKDIR_P) docs/completion && cp $(srcdir)/docs/completion/firmnet.bash $@
# man pages (checked by tests/cli/man.test)
dist_man_MANS += docs/firmnet.1 docs/firmnet-dataset.5
