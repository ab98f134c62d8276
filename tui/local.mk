# tui/: the program: the ncurses explorer and the batch subcommands, thin over core.
bin_PROGRAMS += firmnet
firmnet_SOURCES = \
	tui/main.c tui/commands.h tui/commands.def \
	tui/cli.c tui/cli.h tui/print.c tui/print.h \
	tui/cmd_check.c \
	tui/lookup.c tui/lookup.h tui/cmd_show.c tui/cmd_path.c tui/cmd_ego.c \
	tui/cmd_grep.c tui/cmd_stats.c tui/cmd_metrics.c
firmnet_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
firmnet_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
firmnet_LDADD = $(CORE_LIBS) $(NCURSESW_LIBS)
# the ncurses explorer (issue #4)
firmnet_SOURCES += \
	tui/tui.h tui/actions.def tui/app.c tui/app.h tui/keys.c tui/keys.h \
	tui/term.c tui/term.h tui/draw.c tui/draw.h tui/list.c tui/list.h \
	tui/script.c tui/script.h tui/view_firms.c tui/view_firms.h \
	tui/view_industries.c tui/view_industries.h tui/view_problems.c tui/view_problems.h \
	tui/view_help.c tui/view_help.h
# interoperability: export and import (issue #8)
firmnet_SOURCES += tui/cmd_export.c tui/cmd_import.c
# cluster analysis: buzz and pipelines, E-I, brokerage, gatekeepers (issue #5)
firmnet_SOURCES += tui/cmd_cluster.c
# explorer: the Cluster view, brokerage roles in the details, the export key
firmnet_SOURCES += tui/view_cluster.c tui/view_cluster.h tui/save.c tui/save.h
# explorer: the prompts' line editor and history (issue #14)
firmnet_SOURCES += tui/lineedit.c tui/lineedit.h tui/prompt.c tui/prompt.h tui/view_pager.c tui/view_pager.h
# the cluster through time: cluster --by-year and --compare-years, small charts (issue #15)
firmnet_SOURCES += tui/cmd_cluster_time.c tui/cmd_cluster_time.h tui/chart.c tui/chart.h
# the Ego map view (issue #15)
firmnet_SOURCES += tui/view_ego.c tui/view_ego.h tui/view_time.c tui/view_time.h
# explorer: heavy work off the input loop, the sort orders (issue #14)
firmnet_SOURCES += tui/work.c tui/work.h tui/order.c tui/order.h
