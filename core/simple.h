/* simple: owns the simple undirected projection of a layer (the graph the network
 * measures are defined on) and the per-firm linkage counts of a layer. */
#ifndef FIRMNET_SIMPLE_H
#define FIRMNET_SIMPLE_H
#include <stdint.h>
#include "dataset.h"
#include "graph.h"
#include "progress.h"
#include "vocab.h"

#define SIMPLE_NONE UINT32_MAX

/* Nodes are the firms the layer keeps, renumbered 0..n-1 in firm order so that
 * analyses index dense arrays and sample nodes directly. Parallel and multiplex
 * linkages between two firms collapse into one pair whose weight is the sum of
 * their weights; direction is ignored and self-links are dropped. */
struct simple_graph {
    uint32_t n;          /* nodes */
    uint64_t m;          /* undirected pairs; each appears twice in nbr */
    uint32_t *node_firm; /* n: firm index of node; owned */
    uint32_t *firm_node; /* n_firms: node of firm, or SIMPLE_NONE; owned */
    uint32_t n_firms;    /* size of firm_node (the dataset's firm count) */
    uint32_t *start;     /* n+1 offsets into nbr/weight; owned */
    uint32_t *nbr;       /* 2m neighbour nodes, ascending within each node; owned */
    double *weight;      /* 2m pair weights, parallel to nbr; owned */
};

/* O(n + m) without comparison sorts: the graph's CSR already yields neighbours in
 * node order, so one bucket pass gives sorted lists. Dies (xalloc) when the layer
 * has more than 2^31 linkages. */
void simple_build(struct simple_graph *s, const struct dataset *ds, const struct graph *g,
                  const struct layer *L);
/* The same, counting n units on p and stopping when p is cancelled: returns 0, or -1
 * with s freed. p may be NULL. */
int simple_build_p(struct simple_graph *s, const struct dataset *ds, const struct graph *g,
                   const struct layer *L, struct progress *p);
void simple_free(struct simple_graph *s);
static inline uint32_t simple_degree(const struct simple_graph *s, uint32_t v)
{
    return s->start[v + 1] - s->start[v];
}
/* Weight of the pair u-v, or 0 when they are not adjacent; binary search. */
double simple_pair_weight(const struct simple_graph *s, uint32_t u, uint32_t v);

/* How one firm's linkages in a layer split up. A linkage of a non-directed type
 * (vocab_type_directed() == 0) counts as mutual, never as in or out. */
struct firm_link_counts {
    uint32_t total;                 /* linkages touching the firm */
    uint32_t out, in, mutual;
    uint32_t by_type[LT_COUNT];
    uint32_t by_partner_scale[SCALE_COUNT]; /* scale of the firm at the other end */
    uint32_t partners;              /* distinct other firms */
};

/* Counts over the layer's linkages of firm (multiplex linkages count separately).
 * A self-link counts once, as out (or mutual). partners needs a scratch flag array
 * of ds->firms.n bytes, all zero, which is left all zero; pass NULL to skip it. */
void simple_count_links(struct firm_link_counts *c, const struct dataset *ds, const struct graph *g,
                        const struct layer *L, uint32_t firm, uint8_t *scratch);

#endif
