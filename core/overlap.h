/* overlap: owns the comparison of two layers over the same firms: how many
 * linked pairs they share (Jaccard) and the QAP correlation of their adjacency
 * matrices with its permutation p-values (as sna's gcor and qaptest). */
#ifndef FIRMNET_OVERLAP_H
#define FIRMNET_OVERLAP_H
#include <stdint.h>
#include "simple.h"

#define OVERLAP_DEFAULT_PERMUTATIONS 1000
#define OVERLAP_DEFAULT_SEED 20261203u
/* Without an explicit count, a large layer gets fewer permutations, so that the
 * pair lookups stay under this budget (at least OVERLAP_MIN_PERMUTATIONS). */
#define OVERLAP_LOOKUP_BUDGET 50000000u
#define OVERLAP_MIN_PERMUTATIONS 99

struct layer_overlap {
    uint32_t n;                 /* firms of both layers */
    uint64_t pairs_a, pairs_b;  /* linked pairs in each */
    uint64_t both, either;      /* pairs linked in both, in at least one */
    double jaccard;             /* both / either; NaN when neither has a pair */
    /* sna::gcor(A, B, mode = "graph"): Pearson correlation of the 0/1 cells above
     * the diagonal (weights ignored); NaN when a layer is empty or complete. */
    double r;
    /* qaptest(list(A, B), gcor, g1 = 1, g2 = 2): B's rows and columns permuted
     * together by a random relabelling of the firms, permutations times; p_ge is
     * the share of permuted correlations >= r (sna's pgreq), p_le the share <= r
     * (pleeq, as sna spells it), perm_mean their mean. NaN when r is. */
    uint32_t permutations;
    uint64_t seed;
    double p_ge, p_le, perm_mean;
};

/* a and b must have the same nodes (same firms in the same order: layers that
 * differ only in forms or types do). permutations 0 = OVERLAP_DEFAULT_PERMUTATIONS
 * within OVERLAP_LOOKUP_BUDGET; seed 0 = OVERLAP_DEFAULT_SEED. Time: O(n + m)
 * plus, per permutation, one lookup O(log degree) per pair of the smaller layer. */
void overlap_compute(struct layer_overlap *o, const struct simple_graph *a, const struct simple_graph *b,
                     uint32_t permutations, uint64_t seed);

#endif
