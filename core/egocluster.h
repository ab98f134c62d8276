/* egocluster: owns the cluster measures of one firm that depend only on its
 * neighbourhood (brokerage roles, gatekeeper score and its parts, Burt's constraint
 * and effective size), computed from the firm's partners and their linkages in a
 * layer, without the whole-network graphs core/cluster builds. Each value equals
 * what cluster_compute gives that firm (tests/unit/test_egocluster checks it firm by
 * firm); the ones that need the whole network (gatekeeper rank, coreness) are not
 * here.
 *
 * Use:
 *     struct ego_scratch sc;
 *     egocluster_scratch_init(&sc, ds->firms.n);        // once per dataset
 *     struct ego_measures m;
 *     egocluster_firm(&m, ds, g, L, &groups, firm, &sc); // per firm shown
 *     egocluster_scratch_free(&sc);
 * Cost: the linkages of the firm and of each of its partners, once each. With the
 * layer's ego_table (egocluster_table_build_p, once per layer) the same values come
 * from the partners' ids and their linkages among themselves (egocluster_firm_tp). */
#ifndef FIRMNET_EGOCLUSTER_H
#define FIRMNET_EGOCLUSTER_H
#include <stdint.h>
#include "brokerage.h"
#include "cluster.h"
#include "dataset.h"
#include "graph.h"
#include "progress.h"
#include "ties.h"

/* What the computation keeps per firm, 16 bytes: a partner's scan touches each firm
 * at the other end of its linkages once, so one cache miss each, and a quarter of
 * the lines fit the caches that 24 bytes left. */
struct ego_slot {
    uint32_t stamp;    /* == ego_scratch.stamp: acc holds this partner's pair weight */
    uint32_t pos_side; /* (1 + index in the firm's partner list) << 2 | side (bit 1: arc
                          firm -> partner, bit 2: arc partner -> firm); 0 otherwise */
    double acc;
};

/* A partner's linkage e to y, another of the firm's partners. */
struct ego_hit {
    uint32_t y, e;
};

/* Work arrays over the firms, reused from one call to the next (each call leaves
 * them as it found them); all owned. */
struct ego_scratch {
    uint32_t n_firms;
    struct ego_slot *slot;
    uint32_t stamp;
    uint32_t *touched; /* firms whose acc is set; grown as needed */
    size_t touched_cap;
    uint32_t *nbr;     /* the firm's partners */
    size_t nbr_cap;
    double *wt, *indirect, *redund, *maxw; /* per partner */
    uint32_t *arc;     /* per partner: == stamp once the arc from the partner scanned was counted */
    uint32_t *group;   /* per partner: its group */
    uint8_t *nonlocal; /* per partner: its scale is not local */
    size_t val_cap;
    uint32_t *hist;    /* the partners' group histograms */
    size_t hist_cap;
    struct ego_hit *hit; /* with a table: the partners' linkage ends to other partners */
    size_t hit_cap;
    size_t *hit_at;    /* where each partner's out and in ends start in hit */
    size_t hit_at_cap;
    uint64_t *is_partner; /* a bit per firm, set for the firm's partners during a call: 1/128
                             of the slots, so a partner's scan tests it from the cache */
};

void egocluster_scratch_init(struct ego_scratch *sc, uint32_t n_firms);
void egocluster_scratch_free(struct ego_scratch *sc);

/* What the scan of each partner w works out from all of w's linkages in one layer,
 * whoever the firm is: the sum of w's pair weights (summed per partner of w, then over
 * them in the order they first appear, as the scan does), its largest pair weight and
 * whether it has two local partners. With it, a firm's call reads of its partners'
 * linkages only those to its other partners: the L hub's 2.9 million linkage ends are
 * then a sequential pass over the partner ids and a bit test each. Built once per
 * layer (a pass over every linkage end, off the input loop); all arrays owned. */
struct ego_table {
    uint32_t n_firms;
    double *total;     /* per firm */
    double *maxpair;   /* per firm */
    uint8_t *locals;   /* per firm: distinct local partners, counted up to 2 */
};

/* Builds t for layer L; returns 0, or -1 when p was cancelled (t then holds nothing
 * to free). O(linkages); allocates its own work arrays (a job may build it beside a
 * call that uses an ego_scratch). */
int egocluster_table_build_p(struct ego_table *t, const struct dataset *ds, const struct graph *g,
                             const struct layer *L, struct progress *p);
void egocluster_table_free(struct ego_table *t);

struct ego_measures {
    int in_layer;                 /* 0 when the layer drops the firm: nothing else is set */
    uint32_t partners;            /* distinct partners in the layer (simple degree) */
    uint32_t arcs_in, arcs_out;   /* distinct predecessors and successors (the arc graph) */
    uint32_t arcs_mutual;         /* partners that are both */
    struct broker_counts roles;   /* Gould-Fernandez roles with the groups given */
    int is_local;                 /* the firm's scale is local */
    uint64_t gatekeeper_score;    /* pipeline_in + pipeline_out + exclusive; 0 unless local */
    uint64_t pipeline_in, pipeline_out;
    uint32_t exclusive;
    double constraint, effective_size; /* NaN without partners */
};

/* The measures of firm in layer L, brokerage roles grouped by gr (cluster's groups:
 * ties_groups_build with the same field). */
void egocluster_firm(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                     const struct layer *L, const struct firm_groups *gr, uint32_t firm, struct ego_scratch *sc);
/* The same, counting the partners scanned on p; returns 0, or -1 when p was cancelled
 * (m then holds nothing; sc is left clean either way). */
int egocluster_firm_p(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                      const struct layer *L, const struct firm_groups *gr, uint32_t firm, struct ego_scratch *sc,
                      struct progress *p);
/* The same with t, the table of layer L (NULL: without one): the same values, bit for
 * bit, at a fraction of the cost for a hub. */
int egocluster_firm_tp(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                       const struct layer *L, const struct firm_groups *gr, const struct ego_table *t, uint32_t firm,
                       struct ego_scratch *sc, struct progress *p);
/* The same measures of firm read from cl, the whole-network measures of layer L with
 * the groups gr stands for (cluster_compute's, grouping by the same field): equal to
 * egocluster_firm's (constraint and effective size up to the order of their sums),
 * in O(the firm's arcs) instead of a pass over its partners' linkages. Once a front
 * end has cl, a hub's measures need no computation of their own. */
void egocluster_from_cluster(struct ego_measures *m, const struct cluster *cl, uint32_t firm);
/* What egocluster_firm costs for firm, in linkage ends read (its own and its partners'
 * in the whole graph, a bound for any layer): O(its degree), so a front end can tell
 * a firm whose measures come at once from a hub's, which take longer. */
uint64_t egocluster_firm_cost(const struct graph *g, uint32_t firm);

#endif
