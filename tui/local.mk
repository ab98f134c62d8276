# tui/: the program: the ncurses explorer and the batch subcommands, thin over core.
bin_PROGRAMS += firmnet
firmnet_SOURCES = \
	tui/main.c tui/commands.h tui/commands.def \
	tui/cli.c tui/cli.h tui/print.c tui/print.h \
	tui/cmd_check.c
firmnet_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
firmnet_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
firmnet_LDADD = $(CORE_LIBS) $(NCURSESW_LIBS)
