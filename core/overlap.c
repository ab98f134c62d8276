#include "overlap.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int has_pair(const struct simple_graph *s, uint32_t u, uint32_t v)
{
    uint32_t lo = s->start[u], hi = s->start[u + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->nbr[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->start[u + 1] && s->nbr[lo] == v;
}

/* Pairs u < v of x whose images under perm (NULL: identity) are pairs of y. */
static uint64_t common(const struct simple_graph *x, const struct simple_graph *y, const uint32_t *perm)
{
    uint64_t c = 0;
    for (uint32_t u = 0; u < x->n; u++)
        for (uint32_t i = x->start[u]; i < x->start[u + 1]; i++) {
            uint32_t v = x->nbr[i];
            if (v > u)
                c += (uint64_t)(perm ? has_pair(y, perm[u], perm[v]) : has_pair(y, u, v));
        }
    return c;
}

static double pearson(double N, double ma, double mb, double c)
{
    double den = sqrt(ma * (N - ma) * mb * (N - mb));
    return den > 0 ? (N * c - ma * mb) / den : NAN;
}

void overlap_compute(struct layer_overlap *o, const struct simple_graph *a, const struct simple_graph *b,
                     uint32_t permutations, uint64_t seed)
{
    memset(o, 0, sizeof *o);
    uint32_t n = a->n;
    o->n = n;
    o->pairs_a = a->m;
    o->pairs_b = b->m;
    /* walk the smaller layer, look pairs up in the other */
    const struct simple_graph *x = a->m <= b->m ? a : b, *y = x == a ? b : a;
    o->both = common(x, y, NULL);
    o->either = o->pairs_a + o->pairs_b - o->both;
    o->jaccard = o->either ? (double)o->both / (double)o->either : NAN;
    double N = (double)n * (n ? n - 1 : 0) / 2.0;
    o->r = pearson(N, (double)a->m, (double)b->m, (double)o->both);
    if (!permutations) {
        uint64_t per = x->m ? OVERLAP_LOOKUP_BUDGET / x->m : OVERLAP_DEFAULT_PERMUTATIONS;
        permutations = per < OVERLAP_MIN_PERMUTATIONS ? OVERLAP_MIN_PERMUTATIONS
                       : per > OVERLAP_DEFAULT_PERMUTATIONS ? OVERLAP_DEFAULT_PERMUTATIONS : (uint32_t)per;
    }
    o->permutations = permutations;
    o->seed = seed ? seed : OVERLAP_DEFAULT_SEED;
    o->p_ge = o->p_le = o->perm_mean = NAN;
    if (isnan(o->r))
        return;
    uint32_t *perm = xmalloc((size_t)n * sizeof *perm);
    for (uint32_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t state = o->seed, ge = 0, le = 0;
    double sum = 0;
    for (uint32_t k = 0; k < permutations; k++) {
        /* a fresh uniform relabelling each time (Fisher-Yates over the last one) */
        for (uint32_t i = n; i > 1; i--) {
            uint32_t j = (uint32_t)(((splitmix64(&state) >> 32) * (uint64_t)i) >> 32);
            uint32_t t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        /* the correlation grows with the shared pairs alone, so compare counts */
        uint64_t c = common(x, y, perm);
        ge += c >= o->both;
        le += c <= o->both;
        sum += pearson(N, (double)a->m, (double)b->m, (double)c);
    }
    o->p_ge = (double)ge / permutations;
    o->p_le = (double)le / permutations;
    o->perm_mean = sum / permutations;
    free(perm);
}
