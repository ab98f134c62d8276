/* firmcol: owns the per-firm measure columns: one list of every column's name and
 * kind (FIRMCOL_LIST), and one accessor from a node of the layer, or from the
 * measures of one firm, to its value and its text. The batch commands print through
 * it (metrics, cluster --firms and --compare-forms, their cells in cli/firmcell) and
 * the explorer's details pane and Cluster view read through it: which field of which
 * analysis is which measure is said here only. */
#ifndef FIRMNET_FIRMCOL_H
#define FIRMNET_FIRMCOL_H
#include <stdint.h>

struct dataset;
struct simple_graph;
struct cluster;
struct centrality;
struct direction;
struct ego_composition;
struct ego_measures;

/* What a column holds: a count (printed without decimals; NaN when the firm has
 * none), a real number, or text. cli/firmcell maps it to print's kinds. */
enum firmcol_kind { FIRMCOL_STR, FIRMCOL_INT, FIRMCOL_NUM };

/* X(enum, name as printed and as --sort takes it, enum firmcol_kind). A command
 * shows a subset in an order of its own (an array of these enums). */
#define FIRMCOL_LIST(X) \
    /* the firm */ \
    X(FIRMCOL_ID, "id", FIRMCOL_STR) X(FIRMCOL_NAME, "name", FIRMCOL_STR) \
    X(FIRMCOL_INDUSTRY, "industry", FIRMCOL_STR) X(FIRMCOL_SCALE, "scale", FIRMCOL_STR) \
    X(FIRMCOL_GROUP, "group", FIRMCOL_STR) \
    /* centrality (core/centrality) */ \
    X(FIRMCOL_DEGREE, "degree", FIRMCOL_INT) X(FIRMCOL_BETWEENNESS, "betweenness", FIRMCOL_NUM) \
    X(FIRMCOL_BETWEENNESS_SE, "betweenness_se", FIRMCOL_NUM) X(FIRMCOL_CLOSENESS, "closeness", FIRMCOL_NUM) \
    X(FIRMCOL_CLOSENESS_SE, "closeness_se", FIRMCOL_NUM) X(FIRMCOL_CLUSTERING, "clustering", FIRMCOL_NUM) \
    X(FIRMCOL_CORE, "core", FIRMCOL_INT) \
    /* direction (core/direction) */ \
    X(FIRMCOL_IN, "in_degree", FIRMCOL_INT) X(FIRMCOL_OUT, "out_degree", FIRMCOL_INT) \
    X(FIRMCOL_MUTUAL, "mutual", FIRMCOL_INT) X(FIRMCOL_SCC, "scc", FIRMCOL_INT) \
    /* ego composition (core/egocomp) and effective size (core/structural) */ \
    X(FIRMCOL_EGO_DENSITY, "ego_density", FIRMCOL_NUM) X(FIRMCOL_ESIZE, "effective_size", FIRMCOL_NUM) \
    X(FIRMCOL_BLAU_TYPE, "blau_type", FIRMCOL_NUM) X(FIRMCOL_BLAU_SCALE, "blau_scale", FIRMCOL_NUM) \
    X(FIRMCOL_BLAU_INDUSTRY, "blau_industry", FIRMCOL_NUM) X(FIRMCOL_NONMAT, "non_material_share", FIRMCOL_NUM) \
    /* the cluster's measures (core/cluster) */ \
    X(FIRMCOL_TIES, "ties", FIRMCOL_INT) X(FIRMCOL_LOCAL, "local", FIRMCOL_INT) \
    X(FIRMCOL_NATIONAL, "national", FIRMCOL_INT) X(FIRMCOL_GLOBAL, "global", FIRMCOL_INT) \
    X(FIRMCOL_BUZZ, "buzz", FIRMCOL_INT) X(FIRMCOL_PIPELINE, "pipeline", FIRMCOL_INT) \
    X(FIRMCOL_OUTSIDE, "outside", FIRMCOL_INT) X(FIRMCOL_PSHARE, "pipeline_share", FIRMCOL_NUM) \
    X(FIRMCOL_MATERIAL, "material", FIRMCOL_INT) X(FIRMCOL_NONMATERIAL, "non_material", FIRMCOL_INT) \
    X(FIRMCOL_PARTNERS, "partners", FIRMCOL_INT) X(FIRMCOL_INTERNAL, "internal", FIRMCOL_INT) \
    X(FIRMCOL_EXTERNAL, "external", FIRMCOL_INT) X(FIRMCOL_EI, "ei", FIRMCOL_NUM) \
    X(FIRMCOL_COORD, "coordinator", FIRMCOL_INT) X(FIRMCOL_ITIN, "itinerant", FIRMCOL_INT) \
    X(FIRMCOL_REPR, "representative", FIRMCOL_INT) X(FIRMCOL_GATE, "gatekeeper", FIRMCOL_INT) \
    X(FIRMCOL_LIAISON, "liaison", FIRMCOL_INT) X(FIRMCOL_BROKERAGE, "brokerage", FIRMCOL_INT) \
    X(FIRMCOL_CONSTRAINT, "constraint", FIRMCOL_NUM) \
    X(FIRMCOL_PIN, "gatekeeper_local", FIRMCOL_INT) X(FIRMCOL_POUT, "representative_local", FIRMCOL_INT) \
    X(FIRMCOL_EXCL, "exclusive", FIRMCOL_INT) X(FIRMCOL_GKSCORE, "gatekeeper_score", FIRMCOL_INT) \
    X(FIRMCOL_CORENESS, "coreness", FIRMCOL_NUM) X(FIRMCOL_CPCLASS, "cp_class", FIRMCOL_STR)

#define X(e, name, kind) e,
enum firmcol { FIRMCOL_LIST(X) FIRMCOL_COUNT };
#undef X
extern const char *const firmcol_names[FIRMCOL_COUNT];
extern const uint8_t firmcol_kinds[FIRMCOL_COUNT]; /* enum firmcol_kind */

/* Where the columns read from; all borrowed. A front end sets what it computed and
 * reads only the columns that read it: cl for the cluster's, m for centrality's,
 * dir and ego for metrics --direction and --ego. core and esize are the k-core
 * numbers and effective sizes, computed by either.
 *
 * one, when set, is the measures of a single firm (core/egocluster: the explorer
 * computes them for the firm it shows, without the whole network): the columns it
 * has (partners, direction's degrees, the brokerage roles, constraint, effective
 * size, the gatekeeper score and its parts) are read from it whatever node is asked,
 * the others from the arrays above at that node. one_comp likewise stands for ego
 * (core/egocomp's composition of that firm). */
struct firmcol_src {
    const struct dataset *ds;
    const struct simple_graph *s; /* nodes to firms */
    const struct cluster *cl;
    const struct centrality *m;
    const struct direction *dir;
    const struct ego_composition *ego;
    const uint32_t *core;
    const double *esize;
    const struct ego_measures *one;
    const struct ego_composition *one_comp;
};

/* The column named name among the n of cols, or -1. */
int firmcol_find(const char *name, const uint8_t *cols, unsigned n);
/* Node v's value in a numeric column: NaN when it has none (only local firms
 * have a gatekeeper score; a measure undefined for the firm). 0 for a text column. */
double firmcol_value(const struct firmcol_src *src, uint32_t v, unsigned col);
/* Node v's text in a text column, borrowed from the dataset or static. */
const char *firmcol_text(const struct firmcol_src *src, uint32_t v, unsigned col);

/* A row's sort key: text ascending when s is set, else the number descending
 * (NaN last); equal keys in ascending tie (a command's stable order: firm id order,
 * the dataset's, the order the firms were named). */
struct firmcol_key {
    const char *s; /* borrowed, as firmcol_text gives it */
    double x;
    uint32_t node;
    uint32_t tie;
};
/* Sets k's s or x to node v's key in column col. */
void firmcol_key_set(struct firmcol_key *k, const struct firmcol_src *src, uint32_t v, unsigned col);
/* The qsort comparator of struct firmcol_key. */
int firmcol_key_cmp(const void *p, const void *q);

#endif
