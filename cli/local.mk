# cli/: the firmnet program: the entry point (main.c: the subcommand dispatch, else the
# explorer of tui/) and the batch subcommands, thin over core.
bin_PROGRAMS += firmnet
firmnet_SOURCES = \
	cli/main.c cli/commands.h cli/commands.def \
	cli/cli.c cli/cli.h cli/print.c cli/print.h \
	cli/cmd_check.c \
	cli/lookup.c cli/lookup.h cli/cmd_show.c cli/cmd_path.c cli/cmd_ego.c \
	cli/cmd_grep.c cli/cmd_stats.c cli/cmd_metrics.c cli/firmcell.c cli/firmcell.h
# main.c reaches the explorer through tui.h (tui_main) and term.h (--ascii) only
firmnet_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli -I$(top_srcdir)/tui
firmnet_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
firmnet_LDADD = tui/libexplorer.a $(CORE_LIBS) $(NCURSESW_LIBS)
# interoperability: export and import (issue #8)
firmnet_SOURCES += cli/cmd_export.c cli/cmd_import.c
# cluster analysis: buzz and pipelines, E-I, brokerage, gatekeepers (issue #5)
firmnet_SOURCES += cli/cmd_cluster.c
# the cluster through time: cluster --by-year and --compare-years (issue #15)
firmnet_SOURCES += cli/cmd_cluster_time.c cli/cmd_cluster_time.h
