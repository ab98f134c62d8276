/* import: owns reading other tools' network files (GraphML, Pajek, CSV/TSV edge
 * lists) into a dataset: attributes mapped to columns, the rest kept as extra
 * columns, and a report of everything that could not be mapped as it was. */
#ifndef FIRMNET_IMPORT_H
#define FIRMNET_IMPORT_H
#include <stdint.h>
#include "dataset.h"

enum import_format { IMPORT_GRAPHML, IMPORT_PAJEK, IMPORT_EDGELIST };

struct import_options {
    unsigned default_type;     /* enum link_type for edges without a usable type */
    /* edge lists: header names of the columns; NULL means source, target, type */
    const char *source_col, *target_col, *type_col;
    char delimiter;            /* edge lists: 0 guesses ',', ';' or tab from the header */
    const char *encoding;      /* edge lists: NULL = UTF-8, else an iconv name */
};

/* What could not be mapped as it was, one kind of problem per note, counted. */
struct import_note {
    const char *what;  /* static text: "firms without an industry (set to \"unknown\")" */
    uint32_t count;
    char *example;     /* owned: the first case, printable */
};
struct import_report {
    struct import_note *v; /* owned */
    size_t n, cap;
};

/* Returns 0 and sets *f, or -1 for an unknown name. */
int import_parse_format(const char *s, enum import_format *f);

/* Reads path into ds (initialised here; the caller frees it in every case) and
 * adds notes to rep (initialised by the caller, zeroed). Returns 0, or -1 when
 * nothing could be read; err (512 bytes) then says why, naming path and line. */
int import_read(struct dataset *ds, enum import_format f, const char *path, const struct import_options *o,
                struct import_report *rep, char *err);

void import_report_free(struct import_report *rep);

#endif
