/* brokerage: owns the directed simple graph of a layer (arcs) and the
 * Gould-Fernandez brokerage roles and gatekeeper scores computed on it. */
#ifndef FIRMNET_BROKERAGE_H
#define FIRMNET_BROKERAGE_H
#include <stdint.h>
#include "dataset.h"
#include "graph.h"
#include "progress.h"
#include "simple.h"

/* Nodes are those of the layer's simple graph. An arc u->v exists when some
 * linkage of the layer goes from u to v, or a linkage of a mutual type
 * (vocab_type_directed() == 0) joins u and v, which gives both arcs. Parallel
 * linkages give one arc; self-links none. Rows are sorted ascending. */
struct arc_graph {
    uint32_t n;
    uint64_t m;                  /* arcs */
    uint32_t *out_start, *out;   /* n+1 offsets, m heads; owned */
    uint32_t *in_start, *in;     /* n+1 offsets, m tails; owned */
};

/* O(n + m) by two counting-sort transposes; no comparison sort. */
void brokerage_arcs_build(struct arc_graph *a, const struct dataset *ds, const struct graph *g,
                          const struct layer *L, const struct simple_graph *s);
/* The same, counting n units on p; returns 0, or -1 (a freed) when p is cancelled. */
int brokerage_arcs_build_p(struct arc_graph *a, const struct dataset *ds, const struct graph *g,
                           const struct layer *L, const struct simple_graph *s, struct progress *p);
void brokerage_arcs_free(struct arc_graph *a);
int brokerage_arc_exists(const struct arc_graph *a, uint32_t u, uint32_t v);

/* Roles of broker b on a two-path a -> b -> c with a != c and no arc a -> c; the
 * names and the sna::brokerage columns they match (raw.nli):
 *   coordinator     a, b, c in one group            w_I
 *   itinerant       a, c in one group, b in another  w_O  (consultant)
 *   representative  a, b in one group, c in another  b_IO
 *   gatekeeper      b, c in one group, a in another  b_OI
 *   liaison         a, b, c in three groups          b_O */
enum broker_role { BR_COORDINATOR, BR_ITINERANT, BR_REPRESENTATIVE, BR_GATEKEEPER, BR_LIAISON, BR_COUNT };
const char *brokerage_role_name(unsigned r);
/* The role of b on a -> b -> c from the groups of a, b and c, in the order sna tests them. */
unsigned brokerage_classify(uint32_t ga, uint32_t gb, uint32_t gc);

struct broker_counts {
    uint64_t role[BR_COUNT];
    uint64_t total;              /* the sum of the five: sna's t */
};

/* The five roles of broker b (group gb) over its open and closed two-paths from the
 * group histograms of its in- and out-neighbours: cin[k] and cout[k] count them by
 * group, cmut[k] those on both sides (a -> b -> a is no two-path); I and O are the
 * in- and out-degrees. The groups with counts are listed in groups[0 .. n_listed)
 * (NULL: every group 0 .. n_listed - 1). Closed two-paths (an arc a -> c) are
 * counted too: the caller takes them off (brokerage_classify of each). */
void brokerage_open_roles(struct broker_counts *r, const uint32_t *cin, const uint32_t *cout, const uint32_t *cmut,
                          const uint32_t *groups, uint32_t n_listed, uint32_t gb, uint64_t I, uint64_t O);

/* out has a->n entries; group gives each node's group (0..n_groups-1). Time is
 * O(m) plus, for each arc u->v, min(outdeg u, outdeg v) set probes (the closed
 * two-paths are the only ones enumerated); scratch is O(n + n_groups). */
void brokerage_roles(const struct arc_graph *a, const uint32_t *group, uint32_t n_groups,
                     struct broker_counts *out);
/* The same, counting n + m units on p; returns 0, or -1 when p was cancelled (out is
 * then incomplete). */
int brokerage_roles_p(const struct arc_graph *a, const uint32_t *group, uint32_t n_groups,
                      struct broker_counts *out, struct progress *p);

/* Gatekeeper score of each local node (is_local[v] set), 0 for the others:
 *   inbound:  gatekeeper role with the two groups local / non-local
 *             (non-local a -> local b -> local c)
 *   outbound: representative role with the same two groups
 *             (local a -> local b -> non-local c)
 *   exclusive pipelines: non-local neighbours (simple graph) no other local
 *             node is tied to
 *   score = inbound + outbound + exclusive
 * inbound, outbound and exclusive may be NULL; all arrays hold a->n entries and
 * are 0 for non-local nodes. */
void brokerage_gatekeeper_scores(const struct arc_graph *a, const struct simple_graph *s,
                                 const uint8_t *is_local, uint64_t *score, uint64_t *inbound,
                                 uint64_t *outbound, uint32_t *exclusive);
/* The same, counting n + m units on p; returns 0, or -1 when p was cancelled. */
int brokerage_gatekeeper_scores_p(const struct arc_graph *a, const struct simple_graph *s,
                                  const uint8_t *is_local, uint64_t *score, uint64_t *inbound,
                                  uint64_t *outbound, uint32_t *exclusive, struct progress *p);

/* Expected counts and standard deviations of the five roles and their total
 * (index BR_COUNT) under Gould and Fernandez's (1989) null model, a random
 * directed graph of the observed density d = arcs / (N (N - 1)), exactly as
 * sna::brokerage computes them: per broker's group (sna's exp.grp and sd.grp;
 * a node's exp.nli and sd.nli are its group's) and for the whole network
 * (exp.gli, sd.gli). The liaison variance of the whole network sums over
 * triples of groups: with more than BROKERAGE_MOMENT_GROUPS groups it is NaN. */
#define BROKERAGE_MOMENT_GROUPS 400
struct broker_moments {
    double exp[BR_COUNT + 1], sd[BR_COUNT + 1];
};
/* size: nodes per group (n_groups entries; the N nodes are their sum, groups of
 * size 0 contribute nothing). grp (n_groups entries) and whole may be NULL. */
void brokerage_expected(uint32_t n_nodes, uint64_t arcs, const uint32_t *size, uint32_t n_groups,
                        struct broker_moments *grp, struct broker_moments *whole);
/* sna's z: (raw - exp) / sd; NaN (or infinite) when sd is 0. */
double brokerage_z(double raw, double exp, double sd);

#endif
