# core/: the library every front end links; no ncurses here.
noinst_LIBRARIES += core/libfirmnet.a
core_libfirmnet_a_SOURCES = \
	core/xalloc.c core/xalloc.h \
	core/strpool.c core/strpool.h \
	core/vocab.c core/vocab.h \
	core/dataset.c core/dataset.h \
	core/graph.c core/graph.h \
	core/simple.c core/simple.h core/components.c core/components.h \
	core/paths.c core/paths.h core/centrality.c core/centrality.h \
	core/diag.c core/csvread.c core/csvread.h core/load.c core/check.c core/check.h \
	core/diag.h core/load.h core/text.h core/match.h core/filter.h \
	core/text.c core/match.c core/filter.c
core_libfirmnet_a_CPPFLAGS = $(AM_CPPFLAGS)
core_libfirmnet_a_CFLAGS = $(AM_CFLAGS)

# What every program linking core needs.
CORE_LIBS = core/libfirmnet.a $(PCRE2_LIBS) $(JANSSON_LIBS) $(CSV_LIBS) $(LIBS)
