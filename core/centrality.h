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
#define CENTRALITY_THREAD_NODE_BYTES 41u
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
    int estimated;            /* 1: betweenness and closeness come from sampled sources */
    uint32_t sources;         /* sources searched for betweenness (n when exact) */
    unsigned threads_used;
};

/* Everything at once; the options pointer may be NULL for the defaults. */
void centrality_compute(struct centrality *c, const struct simple_graph *s,
                        const struct centrality_options *opt);
void centrality_free(struct centrality *c);

/* The pieces, for callers that need only one measure; out arrays hold s->n values. */
void centrality_clustering(const struct simple_graph *s, double *out);
void centrality_core_number(const struct simple_graph *s, uint32_t *out);
/* Betweenness and closeness share their searches. Returns 1 when estimated (and
 * *sources says how many were sampled), 0 when exact. */
int centrality_paths(const struct simple_graph *s, const struct centrality_options *opt,
                     double *betweenness, double *closeness, uint32_t *sources, unsigned *threads_used);
/* The k distinct nodes (k <= n) a sampled run over n nodes searches from with this
 * seed (not 0), ascending; the caller frees the k-element array. */
uint32_t *centrality_sample_sources(uint32_t n, uint32_t k, uint64_t seed);

#endif
