# tui/: the program: the ncurses explorer and the batch subcommands, thin over core.
bin_PROGRAMS += firmnet
firmnet_SOURCES = \
	tui/main.c
firmnet_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
firmnet_LDADD = $(CORE_LIBS) $(NCURSESW_LIBS)
