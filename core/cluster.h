/* cluster: owns every cluster measure of one layer computed at once (per firm, per
 * group, per industry, whole network): the arrays `firmnet cluster` and the
 * explorer's Cluster view read. See docs/cluster.md for what each one means.
 *
 * Use:
 *     struct cluster cl;
 *     struct cluster_options o = {.group_field = -1};   // -1: group by scale
 *     cluster_compute(&cl, ds, g, L, &o);
 *     for (uint32_t v = 0; v < cl.n; v++)                // v is firm cl.s.node_firm[v]
 *         ... cl.roles[v].role[BR_GATEKEEPER], cl.constraint[v], cl.coreness[v] ...
 *     for (uint32_t r = 0; r < cl.n_local; r++)          // gatekeeper ranking
 *         ... cl.gatekeeper_rank[r] ...
 *     cluster_free(&cl);
 * A firm's node is cl.s.firm_node[firm] (SIMPLE_NONE when the layer drops it). */
#ifndef FIRMNET_CLUSTER_H
#define FIRMNET_CLUSTER_H
#include <stdint.h>
#include "brokerage.h"
#include "dataset.h"
#include "graph.h"
#include "simple.h"
#include "structural.h"
#include "ties.h"

struct cluster_options {
    int group_field; /* column code of core/ties.h grouping E-I and brokerage; -1 = scale */
    /* Cap on coreness iterations, 0 = STRUCTURAL_CORENESS_MAX_ITER; an interactive
     * view on a very large layer may want fewer (each costs one pass over the pairs). */
    uint32_t coreness_max_iter;
    /* Leave out the discrete core/periphery partition (in_core all 0, cp_info.fit
     * NaN): its Kernighan-Lin search is quadratic up to STRUCTURAL_CP_KL_MAX firms. */
    int skip_core_partition;
    /* Run the E-I permutation test (ties_ei_permutation) with these; off, ei_perm
     * holds NaN and 0 permutations. */
    int ei_test;
    uint32_t ei_permutations; /* 0 = the default for the layer's size */
    uint64_t ei_seed;         /* 0 = TIES_DEFAULT_SEED */
    /* Also the arc graph's reciprocity and strong components (core/direction) into
     * dir_*, within the same progress and cancellation (the explorer's summary). */
    int direction_summary;
};

struct cluster_industry {
    uint32_t firms;             /* the industry's firms in the layer */
    uint32_t local_firms;
    struct tie_profile ties;    /* the linkages touching its firms, each once, by_scale by the linkage's own scale */
    struct ei_counts ei;        /* its pairs (>= 1 end in it), each once, by the chosen grouping */
    uint64_t brokerage;         /* sum of its firms' brokerage totals */
    uint32_t gatekeepers;       /* its local firms with a gatekeeper score > 0 */
    uint32_t top_gatekeeper;    /* node with the highest score (> 0), or SIMPLE_NONE */
};

struct cluster {
    /* The graphs the measures are defined on; owned. */
    struct simple_graph s;      /* undirected projection, pair weights */
    struct arc_graph arcs;      /* directed simple graph for brokerage */
    struct firm_groups groups;  /* the chosen grouping of all firms */
    uint32_t n;                 /* nodes = s.n: entries of every per-node array */

    /* Per node; owned. */
    struct tie_profile *ties;   /* linkages by partner scale, type, form */
    struct ei_counts *ei;       /* distinct partners inside / outside the firm's group */
    struct broker_counts *roles;/* Gould-Fernandez roles for the chosen grouping */
    double *constraint;         /* Burt; NaN without neighbours */
    double *effective_size;     /* Burt; NaN without neighbours */
    uint64_t *gatekeeper_score; /* local firms only; 0 for the others */
    uint64_t *pipeline_in;      /* score part: non-local -> this local firm -> local */
    uint64_t *pipeline_out;     /* score part: local -> this local firm -> non-local */
    uint32_t *exclusive;        /* score part: non-local partners no other local firm has */
    uint32_t *core;             /* k-core number */
    double *coreness;           /* Borgatti-Everett continuous coreness, unit length */
    uint8_t *in_core;           /* Borgatti-Everett discrete partition: 1 core, 0 periphery */
    uint8_t *is_local;          /* firm scale is local */

    /* Per group (groups.count) and per industry (n_industries); owned. */
    struct ei_counts *group_ei;
    uint32_t *group_nodes;      /* the group's firms in the layer */
    uint32_t n_industries;
    struct cluster_industry *industry;

    /* Whole network. Linkages are counted once each, by the linkage's own scale
     * (local only when both ends are local), so by_scale[SCALE_LOCAL] is the buzz. */
    struct tie_profile links;
    struct ei_counts whole_ei;  /* each pair once */
    uint64_t whole_roles[BR_COUNT + 1]; /* summed over nodes; last = total */
    /* with cluster_options.direction_summary: direction_compute's reciprocity, strong
     * component count and largest component, and dir_done set; else NaN, 0 and 0, for
     * the caller to fill in from arcs later (the explorer does, in a job of its own) */
    double dir_reciprocity;
    uint32_t dir_sccs, dir_scc_largest;
    int dir_done;
    struct coreness_info coreness_info;
    struct ei_permutation ei_perm;  /* the whole-network E-I under permutation */
    /* networkx.attribute_assortativity_coefficient by industry, by scale and by
     * the chosen grouping */
    double assort_industry, assort_scale, assort_group;
    struct core_partition_info cp_info;
    /* Nodes in order of firm id, and each node's place in it; owned. Equal values
     * are ordered by id, never by the order of firms.csv. */
    uint32_t *id_order, *id_rank;

    /* Local nodes by gatekeeper score, highest first, ties in firm order; owned. */
    uint32_t *gatekeeper_rank;
    uint32_t n_local;
};

void cluster_compute(struct cluster *cl, const struct dataset *ds, const struct graph *g, const struct layer *L,
                     const struct cluster_options *opt);
/* The same, for a caller on another thread: reports its progress on p and stops soon
 * (well under 100 ms at ten million linkages) after p is cancelled, returning -1 with
 * cl freed (cluster_free is then a no-op); 0 when done. p may be NULL. ds, g and L
 * are only read, and must not change until it returns. */
int cluster_compute_p(struct cluster *cl, const struct dataset *ds, const struct graph *g, const struct layer *L,
                      const struct cluster_options *opt, struct progress *p);
void cluster_free(struct cluster *cl);

/* Spearman rank correlation of x and y over the i < n where both are numbers
 * (ties get their average rank); NaN with fewer than two such i or no variance. */
double cluster_spearman(const double *x, const double *y, uint32_t n);

#endif
