# tui/: the ncurses explorer alone, thin over core, as a library the firmnet program
# (cli/local.mk) links; it sees only core's headers and its own, never cli/'s.
noinst_LIBRARIES += tui/libexplorer.a
tui_libexplorer_a_SOURCES = \
	tui/tui.h tui/actions.def tui/app.c tui/app.h tui/keys.c tui/keys.h \
	tui/term.c tui/term.h tui/draw.c tui/draw.h tui/list.c tui/list.h \
	tui/script.c tui/script.h tui/view_firms.c tui/view_firms.h \
	tui/view_industries.c tui/view_industries.h tui/view_problems.c tui/view_problems.h \
	tui/view_help.c tui/view_help.h
tui_libexplorer_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
tui_libexplorer_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
# the Cluster view, brokerage roles in the details, the export key
tui_libexplorer_a_SOURCES += tui/view_cluster.c tui/view_cluster.h tui/save.c tui/save.h
# the prompts' line editor and history (issue #14)
tui_libexplorer_a_SOURCES += tui/lineedit.c tui/lineedit.h tui/prompt.c tui/prompt.h tui/view_pager.c tui/view_pager.h
# the Ego map and Time views (issue #15)
tui_libexplorer_a_SOURCES += tui/view_ego.c tui/view_ego.h tui/view_time.c tui/view_time.h
# heavy work off the input loop, the sort orders (issue #14)
tui_libexplorer_a_SOURCES += tui/work.c tui/work.h tui/order.c tui/order.h
