/* ties: owns the grouping of firms by a firms.csv column and the tie measures built
 * on it: tie profiles (partner scale, type, form; buzz and pipelines) and the
 * Krackhardt-Stern E-I index per firm, per group and for the whole network. */
#ifndef FIRMNET_TIES_H
#define FIRMNET_TIES_H
#include <stdint.h>
#include "dataset.h"
#include "graph.h"
#include "simple.h"
#include "strpool.h"
#include "vocab.h"

/* Column codes are those of core/filter.h: 0..FC_COUNT-1 the fixed firm columns,
 * FILTER_EXTRA+k the k-th extra column. */

/* Firms grouped by the text of one column. Firms whose value is empty form one
 * group of their own, labelled "". Groups are numbered in order of first
 * appearance in firm order, so numbering depends only on the data. */
struct firm_groups {
    int field;          /* the column grouped on */
    uint32_t n_firms;   /* size of of[] (the dataset's firm count) */
    uint32_t count;     /* groups */
    uint32_t *of;       /* n_firms: group of each firm; owned */
    uint32_t *size;     /* count: firms in each group; owned */
    strref *label;      /* count: group value, in labels; owned */
    struct strpool labels; /* owned */
};

/* Returns the column code of name (case-insensitive; fixed columns first, then
 * extra columns), or -1 when firms.csv has no such column. */
int ties_find_column(const struct dataset *ds, const char *name);
const char *ties_column_name(const struct dataset *ds, int field);
void ties_groups_build(struct firm_groups *gr, const struct dataset *ds, int field);
void ties_groups_free(struct firm_groups *gr);
static inline const char *ties_group_label(const struct firm_groups *gr, uint32_t k)
{
    return strpool_get(&gr->labels, gr->label[k]);
}

/* How a firm's linkages in a layer split up. Every linkage touching the firm counts
 * once (multiplex and parallel linkages separately): by the scale of the firm at
 * the other end (by_scale), by both ends' scales (buzz, pipeline, outside), by
 * type and by form. */
struct tie_profile {
    uint32_t total;
    /* By both ends (Bathelt, Malmberg & Maskell 2004): buzz joins two local firms,
     * a pipeline crosses the cluster boundary (one end local, the other not),
     * outside joins two firms that are both outside the cluster. */
    uint32_t buzz, pipeline, outside;
    uint32_t by_scale[SCALE_COUNT]; /* partner scale: local = buzz, else pipelines */
    uint32_t by_form[FORM_COUNT];
    uint32_t by_type[LT_COUNT];
};

/* prof has s->n entries, one per node of the simple graph (the layer's firms). */
void ties_profile(struct tie_profile *prof, const struct dataset *ds, const struct graph *g,
                  const struct layer *L, const struct simple_graph *s);
/* The same, counting s->n units on p; returns 0, or -1 when p was cancelled. */
int ties_profile_p(struct tie_profile *prof, const struct dataset *ds, const struct graph *g,
                   const struct layer *L, const struct simple_graph *s, struct progress *p);
/* Adds b into a. */
void ties_profile_add(struct tie_profile *a, const struct tie_profile *b);
/* Counts linkage e into p by its ends' scales (buzz, pipeline, outside), its form
 * and type, and by_scale by scale (the partner's, or the linkage's own). */
void ties_profile_count(struct tie_profile *p, const struct dataset *ds, uint32_t e, unsigned scale);
/* count / total, or NaN when total is 0. */
double ties_share(uint64_t count, uint64_t total);

/* E-I counts on the simple undirected projection: a firm's internal ties are its
 * distinct partners in its own group, external ties those in another group;
 * linkages are not counted, pairs are (so a multiplex pair is one tie). */
struct ei_counts {
    uint64_t internal, external;
};
/* Krackhardt & Stern (1988), each tie counted once. node_ei has s->n entries (may
 * be NULL): a firm's partners in its own group and outside it. group_ei has
 * gr->count entries (may be NULL): I = the pairs inside the group, each once, E =
 * the pairs from its members to firms of other groups (a pair between two groups
 * is external to both). *whole (may be NULL) counts each pair once. */
void ties_ei(const struct simple_graph *s, const struct firm_groups *gr, struct ei_counts *node_ei,
             struct ei_counts *group_ei, struct ei_counts *whole);
/* (external - internal) / (external + internal), NaN when both are 0. */
double ties_ei_index(const struct ei_counts *c);

/* The permutation test of the whole-network E-I index as UCINET's: the group labels
 * shuffled among the layer's firms (group sizes kept, the network fixed),
 * `permutations` times from a seeded generator. expected is the mean E-I over the
 * permutations, sd their standard deviation, min and max their range; p_ge the
 * share of permutations with E-I >= observed, p_le <= observed. permutations 0 =
 * TIES_DEFAULT_PERMUTATIONS, fewer on a large layer (TIES_PERMUTATION_BUDGET pair
 * visits, at least TIES_MIN_PERMUTATIONS); seed 0 = TIES_DEFAULT_SEED. NaN without
 * pairs. rank gives each node's place in the order the labels are shuffled in
 * (NULL: node order); give an order of the data (firm id) and the test does not
 * depend on the file's order. O(n + m) per permutation. */
#define TIES_DEFAULT_PERMUTATIONS 1000
#define TIES_MIN_PERMUTATIONS 99
#define TIES_PERMUTATION_BUDGET 50000000u
#define TIES_DEFAULT_SEED 20261203u
struct ei_permutation {
    uint32_t permutations;
    uint64_t seed;
    double observed, expected, sd, min, max, p_ge, p_le;
};
void ties_ei_permutation(struct ei_permutation *out, const struct simple_graph *s, const struct firm_groups *gr,
                         const uint32_t *rank, uint32_t permutations, uint64_t seed);

/* networkx.attribute_assortativity_coefficient(G, attr) on the simple graph with
 * attr the firm's group: (sum_k e_kk - sum_k a_k^2) / (1 - sum_k a_k^2), e_kk the
 * share of pairs inside group k, a_k the share of pair ends in it. NaN without
 * pairs or when every end is in one group. */
double ties_assortativity(const struct simple_graph *s, const struct firm_groups *gr);

#endif
