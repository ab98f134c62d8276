/* export: owns writing a cut of a dataset (a layer's linkages among chosen firms)
 * in the formats other network tools read, each file written atomically. */
#ifndef FIRMNET_EXPORT_H
#define FIRMNET_EXPORT_H
#include <stdint.h>
#include "atomicfile.h"
#include "dataset.h"
#include "graph.h"

/* X(enum, name as typed after --to, file name extension) */
#define EXPORT_FORMATS(X) \
    X(EXPORT_GRAPHML, "graphml", ".graphml") \
    X(EXPORT_GEXF, "gexf", ".gexf") \
    X(EXPORT_PAJEK, "pajek", ".net") \
    X(EXPORT_PAJEK_PLAIN, "pajek-plain", ".net") \
    X(EXPORT_DOT, "dot", ".dot") \
    X(EXPORT_JSON, "json", ".json") \
    X(EXPORT_DATASET, "dataset", "")

#define X(e, name, ext) e,
enum export_format { EXPORT_FORMATS(X) EXPORT_FORMAT_COUNT };
#undef X

struct export_error {
    char msg[ATOMICFILE_ERR_MAX]; /* names the path concerned */
};

/* What was written, for the caller's summary. */
struct export_counts {
    uint32_t firms, links;
    int wrote_clu; /* pajek: the industry partition went beside the .net file */
};

enum export_flags {
    EXPORT_FORCE = 1, /* dataset: replace the CSV files of an existing dataset directory */
};

/* Returns 0 and sets *f, or -1 for an unknown name. */
int export_parse_format(const char *s, enum export_format *f);
const char *export_format_name(enum export_format f);
const char *export_format_ext(enum export_format f);

/* Writes the firms of layer L that firm_sel selects (ds->firms.n flags; NULL selects
 * all) and the layer's linkages whose two ends are both selected.
 * path is a file, or for EXPORT_DATASET a directory (created when missing); NULL
 * writes a single-file format to stdout. For pajek and pajek-plain to a file x.net,
 * the industry partition goes to x.clu. Refuses to write over the files of the dataset ds was
 * loaded from. Returns 0, or -1 with err saying what and where. */
int export_write(const struct dataset *ds, const struct layer *L, const uint8_t *firm_sel,
                 enum export_format f, const char *path, unsigned flags, struct export_counts *counts,
                 struct export_error *err);

/* An ego map (core/layout.h) as SVG, through libxml2's xmlTextWriter: the same
 * placement the explorer draws, a cell 8 x 20 pixels. path as for export_write (NULL:
 * standard output). Returns 0, or -1 with err. */
struct ego_map;
int export_write_ego_svg(const struct dataset *ds, const struct ego_map *map, const char *path,
                         struct export_error *err);

/* Frees the global state libxml2 keeps after an export or import (so valgrind
 * reports nothing still reachable). Call once, just before the program ends:
 * no XML may be read or written after it. */
void export_library_cleanup(void);

#endif
