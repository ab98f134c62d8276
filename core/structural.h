/* structural: owns the ego-network and core-periphery measures of a simple
 * undirected graph: Burt's constraint and effective size (as NetworkX computes
 * them with pair weights) and Borgatti-Everett continuous coreness. */
#ifndef FIRMNET_STRUCTURAL_H
#define FIRMNET_STRUCTURAL_H
#include <stdint.h>
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

/* Convergence is that of a power iteration (the gap between the two largest
 * eigenvalues), sped up by extrapolation. A network dominated by stars has no
 * finite optimum (hub c -> infinity, leaves c -> 0 keeps improving the fit), so
 * the iteration creeps; the count is capped and coreness_info says whether the
 * tolerance was reached. */
#define STRUCTURAL_CORENESS_MAX_ITER 300
#define STRUCTURAL_CORENESS_TOL 1e-9

struct coreness_info {
    uint32_t iterations;
    int converged;  /* 1 when the largest change fell below the tolerance */
    double fit;     /* Pearson correlation of a(i,j) and c(i) c(j) over i != j; NaN if undefined */
};

/* Continuous coreness in the least-squares form of Borgatti and Everett's
 * continuous core-periphery model: the vector c >= 0 minimising
 *   sum over i != j of (a(i,j) - c(i) c(j))^2
 * with a the 0/1 adjacency of the simple graph (weights ignored). Computed by the
 * fixed point c(i) = sum_j a(i,j) c(j) / (sum_{j != i} c(j)^2), rescaled after
 * every step to the best overall scale, from c proportional to degree, with a
 * geometric extrapolation every few steps when successive steps line up; stops
 * when no value moves by more than STRUCTURAL_CORENESS_TOL times the largest. Isolated
 * nodes get 0. out holds s->n values; info may be NULL. O(m) per iteration, at
 * most max_iter iterations (0 = STRUCTURAL_CORENESS_MAX_ITER). */
void structural_coreness(const struct simple_graph *s, double *out, uint32_t max_iter,
                         struct coreness_info *info);

#endif
