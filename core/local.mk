# core/: the library every front end links; no ncurses here.
noinst_LIBRARIES += core/libfirmnet.a
core_libfirmnet_a_SOURCES = \
	core/xalloc.c core/xalloc.h \
	core/strpool.c core/strpool.h \
	core/vocab.c core/vocab.h \
	core/dataset.c core/dataset.h core/catcol.c core/catcol.h core/linemap.c core/linemap.h \
	core/graph.c core/graph.h \
	core/simple.c core/simple.h core/components.c core/components.h \
	core/paths.c core/paths.h core/centrality.c core/centrality.h \
	core/diag.c core/csvread.c core/csvread.h core/csvpipe.c core/csvpipe.h core/load.c core/check.c core/check.h \
	core/diag.h core/load.h core/text.h core/match.h core/filter.h \
	core/text.c core/match.c core/filter.c core/firmscan.c core/firmscan.h \
	core/snapshot.c core/snapshot.h core/cache.c core/cache.h core/dsconf.c core/dsconf.h core/colwords.c core/colwords.h core/confguess.c core/confguess.h \
	core/ties.c core/ties.h core/brokerage.c core/brokerage.h \
	core/structural.c core/structural.h core/cluster.c core/cluster.h \
	core/knowroles.c core/knowroles.h \
	core/direction.c core/direction.h core/wholenet.c core/wholenet.h \
	core/egocomp.c core/egocomp.h core/overlap.c core/overlap.h \
	core/progress.c core/progress.h core/egocluster.c core/egocluster.h \
	core/thread.c core/thread.h core/firmcol.c core/firmcol.h
# interoperability: atomic output files, export writers, import readers (issue #8)
core_libfirmnet_a_SOURCES += \
	core/atomicfile.c core/atomicfile.h core/quote.c core/quote.h \
	core/export.c core/export.h core/export_impl.h core/export_graphml.c \
	core/export_gexf.c core/export_pajek.c core/export_dot.c core/export_json.c \
	core/export_csv.c core/import.c core/import.h core/import_impl.h \
	core/import_graphml.c core/import_pajek.c core/import_edgelist.c \
	core/xmllib.c core/xmllib.h
core_libfirmnet_a_CPPFLAGS = $(AM_CPPFLAGS)
core_libfirmnet_a_CFLAGS = $(AM_CFLAGS)

# What every program linking core needs. Not libxml2: core/xmllib opens it when XML
# is read or written (configure checks it for its headers, LIBXML2_CFLAGS, alone).
CORE_LIBS = core/libfirmnet.a $(PCRE2_LIBS) $(JANSSON_LIBS) $(CSV_LIBS) $(LIBS)
# the cluster through time and the ego map's layout (issue #15)
core_libfirmnet_a_SOURCES += core/timeline.c core/timeline.h core/layout.c core/layout.h core/export_svg.c
# the small text charts (sparklines, bars) that cluster --by-year and the Time view draw
core_libfirmnet_a_SOURCES += core/chart.c core/chart.h
