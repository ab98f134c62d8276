/* structural: owns the ego-network and core-periphery measures of a simple
 * undirected graph: Burt's constraint and effective size (as NetworkX computes
 * them with pair weights) and Borgatti-Everett continuous and discrete
 * core/periphery. */
#ifndef FIRMNET_STRUCTURAL_H
#define FIRMNET_STRUCTURAL_H
#include <stdint.h>
#include "progress.h"
#include "simple.h"

/* networkx.constraint(G, weight="weight") and networkx.effective_size(G,
 * weight="weight") on the simple graph, a pair's weight being the sum of its
 * linkages' weights. With W(u) the sum of u's pair weights and M(u) the largest:
 *   p(u,w) = w(u,w) / W(u),  m(u,w) = w(u,w) / M(u)
 *   constraint(v) = sum over u in N(v) of (p(v,u) + sum over w in N(v) of p(v,w) p(w,u))^2
 *   effective_size(v) = sum over u in N(v) of (1 - sum over w in N(v) of p(v,w) m(u,w))
 * A node without neighbours gets NaN in both, as in NetworkX. Either output may be
 * NULL; each holds s->n values. Time: for each pair v-w, min(deg v, deg w) probes;
 * scratch O(n). */
void structural_holes(const struct simple_graph *s, double *constraint, double *effective_size);
/* The same, counting n + 2m units on p; returns 0, or -1 when p was cancelled (the
 * outputs are then incomplete). */
int structural_holes_p(const struct simple_graph *s, double *constraint, double *effective_size,
                       struct progress *p);

/* Borgatti and Everett's (1999) continuous core/periphery model: coreness c >= 0
 * with the ideal pattern c(i) c(j), fitted by least squares over the pairs i != j,
 *   minimise  sum over i < j of (a(i,j) - c(i) c(j))^2,
 * a the 0/1 adjacency of the simple graph (weights ignored, diagonal left out);
 * the fit reported is their measure, the Pearson correlation of a(i,j) with
 * c(i) c(j). Maximising that correlation itself has no maximum on many networks
 * (on karate it rises only as every c(i) tends to one value, where c(i)c(j) turns
 * into the additive pattern c(i) + c(j); docs/cluster.md), so it is the fit, not
 * the criterion. Computed by exact coordinate descent (Gauss-Seidel: c(k) = sum of
 * its neighbours' c / sum_{j != k} c(j)^2, clipped at 0) visiting the nodes in
 * `order` (NULL: node order), with the best common length after each sweep, from
 * c proportional to degree; every step lowers the squared error, and the result
 * depends on the data, not on the node numbering. Stops when the distance left
 * to the fixed point, estimated from how fast the steps shrink, is below
 * STRUCTURAL_CORENESS_TOL times |c| (coreness_info.converged), or after max_iter
 * sweeps (0 = STRUCTURAL_CORENESS_MAX_ITER). A network without ties gives c = 0;
 * one where every firm has the same degree the equal c = sqrt(density) (1 when
 * complete) with an undefined fit. out holds s->n values; info may be NULL. O(n + m) a sweep. */
#define STRUCTURAL_CORENESS_MAX_ITER 1000
#define STRUCTURAL_CORENESS_TOL 1e-10
/* Decimals of coreness printed: known once converged (tests/xval checks 2e-6). */
#define STRUCTURAL_CORENESS_DIGITS 6

struct coreness_info {
    uint32_t iterations; /* sweeps */
    int converged;       /* 1 when the estimated distance left fell below the tolerance */
    double error;        /* that estimate at the end (absolute, in units of c) */
    double fit;          /* correlation of a(i,j) with c(i) c(j) over i < j; NaN if undefined */
};

void structural_coreness(const struct simple_graph *s, const uint32_t *order, double *out, uint32_t max_iter,
                         struct coreness_info *info);
/* The same, counting n units on p per iteration; returns 0, or -1 when p was
 * cancelled (out is then incomplete). */
int structural_coreness_p(const struct simple_graph *s, const uint32_t *order, double *out, uint32_t max_iter,
                          struct coreness_info *info, struct progress *p);

/* Borgatti and Everett's discrete core/periphery model, as UCINET's default: the
 * partition into core and periphery maximising the correlation between a(i,j) and
 * the ideal block pattern (1 inside the core, 0 inside the periphery, core-periphery
 * pairs not counted). Up to STRUCTURAL_CP_EXACT_MAX nodes every partition is
 * tried (Gray code: one move per partition); above, searched from two starts, the best core among the prefixes
 * of the nodes ranked by degree and by coreness (may be NULL: degree only), each
 * improved by single moves and, on up to STRUCTURAL_CP_KL_MAX nodes, Kernighan-Lin
 * passes (a sequence of moves that may dip before it rises): a local optimum, like
 * UCINET's own search (tests/xval compares it with every partition of small
 * graphs). order lists the s->n nodes in the order equal keys are ranked and moves
 * are tried: give an order of the data (firm id), not of the file, and the
 * partition does not depend on the file. in_core gets s->n flags; info may be
 * NULL. O(n log n + m) per pass of single moves, O(n^2 + m) per Kernighan-Lin pass. */
#define STRUCTURAL_CP_MAX_PASSES 100
#define STRUCTURAL_CP_KL_MAX 5000
#define STRUCTURAL_CP_EXACT_MAX 20
struct core_partition_info {
    uint32_t core_size;
    double fit;       /* NaN when undefined (under 4 firms, no ties, ...) */
    uint32_t passes;
};
void structural_core_partition(const struct simple_graph *s, const uint32_t *order, const double *coreness,
                               uint8_t *in_core, struct core_partition_info *info);

#endif
