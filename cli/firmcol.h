/* firmcol: owns the per-firm measure columns the batch commands print (metrics,
 * cluster --firms and --compare-forms): one list of every column's name and kind,
 * and one accessor from a node of the layer to its value, its text and its cell. */
#ifndef FIRMNET_FIRMCOL_H
#define FIRMNET_FIRMCOL_H
#include <stdint.h>
#include "print.h"

struct dataset;
struct simple_graph;
struct cluster;
struct centrality;
struct direction;
struct ego_composition;

/* X(enum, name as printed and as --sort takes it, enum print_kind). A command
 * shows a subset in an order of its own (an array of these enums). */
#define FIRMCOL_LIST(X) \
    /* the firm */ \
    X(FIRMCOL_ID, "id", PK_STR) X(FIRMCOL_NAME, "name", PK_STR) X(FIRMCOL_INDUSTRY, "industry", PK_STR) \
    X(FIRMCOL_SCALE, "scale", PK_STR) X(FIRMCOL_GROUP, "group", PK_STR) \
    /* centrality (core/centrality) */ \
    X(FIRMCOL_DEGREE, "degree", PK_INT) X(FIRMCOL_BETWEENNESS, "betweenness", PK_NUM) \
    X(FIRMCOL_BETWEENNESS_SE, "betweenness_se", PK_NUM) X(FIRMCOL_CLOSENESS, "closeness", PK_NUM) \
    X(FIRMCOL_CLOSENESS_SE, "closeness_se", PK_NUM) X(FIRMCOL_CLUSTERING, "clustering", PK_NUM) \
    X(FIRMCOL_CORE, "core", PK_INT) \
    /* direction (core/direction) */ \
    X(FIRMCOL_IN, "in_degree", PK_INT) X(FIRMCOL_OUT, "out_degree", PK_INT) X(FIRMCOL_MUTUAL, "mutual", PK_INT) \
    X(FIRMCOL_SCC, "scc", PK_INT) \
    /* ego composition (core/egocomp) and effective size (core/structural) */ \
    X(FIRMCOL_EGO_DENSITY, "ego_density", PK_NUM) X(FIRMCOL_ESIZE, "effective_size", PK_NUM) \
    X(FIRMCOL_BLAU_TYPE, "blau_type", PK_NUM) X(FIRMCOL_BLAU_SCALE, "blau_scale", PK_NUM) \
    X(FIRMCOL_BLAU_INDUSTRY, "blau_industry", PK_NUM) X(FIRMCOL_NONMAT, "non_material_share", PK_NUM) \
    /* the cluster's measures (core/cluster) */ \
    X(FIRMCOL_TIES, "ties", PK_INT) X(FIRMCOL_LOCAL, "local", PK_INT) X(FIRMCOL_NATIONAL, "national", PK_INT) \
    X(FIRMCOL_GLOBAL, "global", PK_INT) X(FIRMCOL_BUZZ, "buzz", PK_INT) X(FIRMCOL_PIPELINE, "pipeline", PK_INT) \
    X(FIRMCOL_OUTSIDE, "outside", PK_INT) X(FIRMCOL_PSHARE, "pipeline_share", PK_NUM) \
    X(FIRMCOL_MATERIAL, "material", PK_INT) X(FIRMCOL_NONMATERIAL, "non_material", PK_INT) \
    X(FIRMCOL_PARTNERS, "partners", PK_INT) X(FIRMCOL_INTERNAL, "internal", PK_INT) \
    X(FIRMCOL_EXTERNAL, "external", PK_INT) X(FIRMCOL_EI, "ei", PK_NUM) \
    X(FIRMCOL_COORD, "coordinator", PK_INT) X(FIRMCOL_ITIN, "itinerant", PK_INT) \
    X(FIRMCOL_REPR, "representative", PK_INT) X(FIRMCOL_GATE, "gatekeeper", PK_INT) \
    X(FIRMCOL_LIAISON, "liaison", PK_INT) X(FIRMCOL_BROKERAGE, "brokerage", PK_INT) \
    X(FIRMCOL_CONSTRAINT, "constraint", PK_NUM) \
    X(FIRMCOL_PIN, "gatekeeper_local", PK_INT) X(FIRMCOL_POUT, "representative_local", PK_INT) \
    X(FIRMCOL_EXCL, "exclusive", PK_INT) X(FIRMCOL_GKSCORE, "gatekeeper_score", PK_INT) \
    X(FIRMCOL_CORENESS, "coreness", PK_NUM) X(FIRMCOL_CPCLASS, "cp_class", PK_STR)

#define X(e, name, kind) e,
enum firmcol { FIRMCOL_LIST(X) FIRMCOL_COUNT };
#undef X
extern const char *const firmcol_names[FIRMCOL_COUNT];
extern const uint8_t firmcol_kinds[FIRMCOL_COUNT]; /* enum print_kind */

/* Where the columns read from; all borrowed. A command sets what it computed and
 * shows only the columns that read it: cl for the cluster's, m for centrality's,
 * dir and ego for metrics --direction and --ego. core and esize are the k-core
 * numbers and effective sizes, computed by either. */
struct firmcol_src {
    const struct dataset *ds;
    const struct simple_graph *s; /* nodes to firms */
    const struct cluster *cl;
    const struct centrality *m;
    const struct direction *dir;
    const struct ego_composition *ego;
    const uint32_t *core;
    const double *esize;
};

/* How numbers are written: `digits` decimals in text, every digit (%.17g) when
 * precise; NaN is "NaN" in text and tsv, null in JSON. */
struct firmcol_fmt {
    enum print_format format;
    int precise;
    int digits;
};

/* The column named name among the n of cols, or -1. */
int firmcol_find(const char *name, const uint8_t *cols, unsigned n);
/* Node v's value in a numeric column: NaN when it has none (only local firms
 * have a gatekeeper score; a measure undefined for the firm). 0 for a text column. */
double firmcol_value(const struct firmcol_src *src, uint32_t v, unsigned col);
/* Node v's text in a text column, borrowed from the dataset or static. */
const char *firmcol_text(const struct firmcol_src *src, uint32_t v, unsigned col);
/* Appends node v's cell of column col to t. */
void firmcol_add_cell(struct table *t, const struct firmcol_fmt *fmt, const struct firmcol_src *src, uint32_t v,
                      unsigned col);
/* A row's sort key: text ascending when s is set, else the number descending
 * (NaN last); equal keys in ascending tie (a command's stable order: firm id order,
 * the dataset's, the order the firms were named). */
struct firmcol_key {
    const char *s; /* borrowed, as firmcol_text gives it */
    double x;
    uint32_t node;
    uint32_t tie;
};
/* The qsort comparator of struct firmcol_key. */
int firmcol_key_cmp(const void *p, const void *q);
/* A number as firmcol_add_cell writes a PK_NUM cell, for the tables beside. */
void firmcol_add_num(struct table *t, const struct firmcol_fmt *fmt, double x);

#endif
