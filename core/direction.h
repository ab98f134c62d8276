/* direction: owns the directed measures of a layer's arc graph (core/brokerage):
 * in- and out-degree, reciprocity, strongly connected components and directed
 * betweenness, each as NetworkX computes it on the same DiGraph. */
#ifndef FIRMNET_DIRECTION_H
#define FIRMNET_DIRECTION_H
#include <stdint.h>
#include "brokerage.h"
#include "centrality.h"
#include "progress.h"

/* On the arc graph: an arc u->v for every linkage of the layer from u to v, both
 * arcs for a linkage of a mutual type (vocab_type_directed() == 0); parallel and
 * multiplex linkages give one arc, self-links none. */
struct direction {
    uint32_t n;
    uint32_t *in_degree;     /* n: distinct predecessors (DiGraph.in_degree); owned */
    uint32_t *out_degree;    /* n: distinct successors (DiGraph.out_degree); owned */
    uint32_t *mutual;        /* n: partners with arcs both ways; owned */
    uint64_t arcs;           /* all arcs */
    uint64_t reciprocated;   /* arcs whose reverse arc exists */
    double reciprocity;      /* nx.reciprocity(G): reciprocated / arcs; NaN without arcs */
    /* Strongly connected components, numbered 0.. in the order of their smallest
     * node, so labels depend only on the data. */
    uint32_t *scc;           /* n: component of each node; owned */
    uint32_t scc_count;
    uint32_t scc_largest;    /* nodes in the biggest one (0 when n is 0) */
    uint32_t scc_largest_id; /* its number (lowest on ties) */
};

/* O(n + m); Tarjan's algorithm with an explicit stack (no recursion). */
void direction_compute(struct direction *d, const struct arc_graph *a);
/* The same, counting on p; returns 0, or -1 (d freed) when p was cancelled. */
int direction_compute_p(struct direction *d, const struct arc_graph *a, struct progress *p);
void direction_free(struct direction *d);

/* networkx.betweenness_centrality(G) on the directed graph: the sum over ordered
 * pairs s != t (both != v) of the share of shortest directed s->t paths through
 * v, divided by (n-1)(n-2) (0 for n <= 2). Sources and sampling follow
 * centrality_paths exactly (the options' samples, exact_max and seed; one thread,
 * progress ignored): sampled runs scale a source node by 1/((k-1)(n-2)) and any
 * other by 1/(k(n-2)), and se (n values, may be NULL) gets
 * centrality_sample_se of each (0 when exact). Returns 1 when sampled, *sources
 * the number of sources searched. */
int direction_betweenness(const struct arc_graph *a, const struct centrality_options *opt, double *bc, double *se,
                          uint32_t *sources);

#endif
