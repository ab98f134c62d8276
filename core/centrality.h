/* centrality: owns the per-node measures of a simple undirected graph (degree,
 * betweenness, closeness, clustering, core number), computed as NetworkX does. */
#ifndef FIRMNET_CENTRALITY_H
#define FIRMNET_CENTRALITY_H
#include <stdint.h>
#include "simple.h"

/* Betweenness and closeness need one breadth-first search per source, O(n m) in
 * all; up to this many nodes every node is a source (exact), beyond it only a
 * seeded sample of sources is searched and the results are estimates. */
#define CENTRALITY_EXACT_MAX 20000
#define CENTRALITY_DEFAULT_SAMPLES 256
#define CENTRALITY_DEFAULT_SEED 20260101u
#define CENTRALITY_MAX_THREADS 16
/* Each thread holds this much of work arrays and partial results per node and per
 * pair of the graph the searches run on (folded leaves excluded). */
#define CENTRALITY_THREAD_NODE_BYTES 57u
#define CENTRALITY_THREAD_PAIR_BYTES 4u

struct centrality_options {
    /* 0: exact when n <= exact_max, else CENTRALITY_DEFAULT_SAMPLES sources;
     * K > 0: K sampled sources whenever K < n (exact otherwise). */
    uint32_t samples;
    uint32_t exact_max;    /* 0 = CENTRALITY_EXACT_MAX */
    uint64_t seed;         /* 0 = CENTRALITY_DEFAULT_SEED */
    unsigned threads;      /* 0 = the online CPUs, at most CENTRALITY_MAX_THREADS, fewer
                              for small graphs; N = N threads (at most one per source) */
    /* Called from one thread at a time with sources searched so far; core never
     * prints, the front end decides whether a terminal wants to see it. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
};

struct centrality {
    uint32_t n;               /* nodes of the simple graph */
    uint32_t *degree;         /* n: distinct neighbours; owned */
    double *betweenness;      /* n: networkx.betweenness_centrality (normalized); owned */
    double *closeness;        /* n: networkx.closeness_centrality (wf_improved); owned */
    double *clustering;       /* n: networkx.clustering; owned */
    uint32_t *core;           /* n: networkx.core_number; owned */
    double *betweenness_se;   /* n: standard error of a sampled betweenness (see
                                 centrality_sample_se), 0 when exact; owned */
    double *closeness_se;     /* n: the same for closeness (centrality_closeness_se); owned */
    int estimated;            /* 1: betweenness and closeness come from sampled sources */
    uint32_t sources;         /* sources searched for betweenness (n when exact) */
    unsigned threads_used;
};

/* Everything at once; the options pointer may be NULL for the defaults. */
void centrality_compute(struct centrality *c, const struct simple_graph *s,
                        const struct centrality_options *opt);
void centrality_free(struct centrality *c);

/* How many sources a betweenness or closeness search takes over n nodes: *k gets the
 * sample size (at least 2); returns 1 when the search samples k of the n sources, 0
 * when it takes every one (n within exact_max and no samples asked, or k >= n). */
int centrality_plan_sources(const struct centrality_options *opt, uint32_t n, uint32_t *k);
/* The pieces, for callers that need only one measure; out arrays hold s->n values. */
void centrality_clustering(const struct simple_graph *s, double *out);
/* Triangles through each node (s->n values): each triangle counts at its three corners. */
void centrality_triangles(const struct simple_graph *s, uint64_t *tri);
void centrality_core_number(const struct simple_graph *s, uint32_t *out);
/* The same, counting n units on p; returns 0, or -1 when p was cancelled (out is
 * then incomplete). */
int centrality_core_number_p(const struct simple_graph *s, uint32_t *out, struct progress *p);
/* Betweenness and closeness share their searches. Returns 1 when estimated (and
 * *sources says how many were sampled), 0 when exact. */
int centrality_paths(const struct simple_graph *s, const struct centrality_options *opt,
                     double *betweenness, double *closeness, uint32_t *sources, unsigned *threads_used);
/* The k distinct nodes (k <= n) a sampled run over n nodes searches from with this
 * seed (not 0), ascending; the caller frees the k-element array. */
/* The same with the standard error of each sampled betweenness in
 * betweenness_se and of each sampled closeness in closeness_se (n values each;
 * either may be NULL): 0 when exact (a closeness searched from the node itself
 * is exact), NaN where fewer than two sources other than the node were searched. */
int centrality_paths_se(const struct simple_graph *s, const struct centrality_options *opt, double *betweenness,
                        double *closeness, double *betweenness_se, double *closeness_se, uint32_t *sources,
                        unsigned *threads_used);
/* Standard error of a sampled closeness c = (r-1)/T * (r-1)/(n-1) in a component
 * of size r, T = (r - 1) mean(d) estimated from the distances d to the kk
 * sampled sources other than the node (their sum and sum of squares): the SE of
 * T is (r-1) sqrt((1 - kk/(r-1)) s^2 / kk), and to first order (the delta method)
 * SE(c) = c SE(T) / T. NaN when kk < 2. */
double centrality_closeness_se(double sum, double sumsq, uint32_t kk, uint32_t size, double closeness);
/* Standard error of a betweenness estimated from kk sampled sources (other than
 * the node) out of the n - 1 possible, given the sum and the sum of squares of
 * their raw dependencies on it (Brandes' delta):
 *   SE = sqrt((1 - kk/(n-1)) s^2 / kk) / (n - 2),
 *   s^2 = (sumsq - kk mean^2) / (kk - 1),  mean = sum / kk
 * (sampling without replacement, hence the finite-population factor); NaN when
 * kk < 2 or n < 3. The directed searches of core/direction use it too. */
double centrality_sample_se(double sum, double sumsq, uint32_t kk, uint32_t n);
uint32_t *centrality_sample_sources(uint32_t n, uint32_t k, uint64_t seed);

#endif
