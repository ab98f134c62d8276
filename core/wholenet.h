/* wholenet: owns the whole-network summaries of a simple undirected graph beyond
 * components.h: Freeman degree centralization, transitivity, the average shortest
 * path length of the largest component and the degree histogram. */
#ifndef FIRMNET_WHOLENET_H
#define FIRMNET_WHOLENET_H
#include <stdint.h>
#include "centrality.h"
#include "simple.h"

/* One search per source is O(m), the searches spread over threads as for
 * betweenness (the options' threads; each thread 8 bytes a node); the mean distance varies
 * little from source to source, so far fewer sources than betweenness needs
 * give a small standard error. */
#define WHOLENET_PATH_EXACT_MAX 5000
#define WHOLENET_PATH_SAMPLES 100

struct wholenet {
    uint32_t n;
    uint64_t m;
    /* Freeman (1979): sum over v of (max degree - degree(v)), divided by its
     * largest possible value over graphs of n nodes, (n-1)(n-2) (the star); as
     * sna::centralization(g, degree, mode = "graph") and igraph
     * centr_degree(normalized = TRUE, loops = FALSE). NaN when n < 3. */
    double degree_centralization;
    /* nx.transitivity: 3 triangles / connected triples, 0 without triangles. */
    double transitivity;
    uint64_t triangles;
    uint64_t triples;           /* sum over v of d(v)(d(v)-1)/2 */
    /* nx.average_shortest_path_length on the largest component (the lowest
     * numbered of equal ones, components.h): the mean distance over its ordered
     * pairs of distinct nodes; 0 for a component of one node, NaN without nodes.
     * Beyond exact_max (default WHOLENET_PATH_EXACT_MAX) nodes in that
     * component, or with samples (default WHOLENET_PATH_SAMPLES), it is the mean
     * over k sampled sources of their mean distance to the rest, and apl_se its
     * standard error sqrt((1 - k/N) s^2 / k) (N nodes, s^2 the sample variance of
     * the per-source means); 0 when exact. */
    double apl, apl_se;
    uint32_t apl_component;     /* nodes of the component it is measured on */
    uint32_t apl_sources;       /* sources searched (the component's size when exact) */
    int apl_estimated;
    uint32_t components;
    /* hist[k] = nodes of degree k, k = 0 .. max_degree; owned */
    uint32_t *hist;
    uint32_t max_degree;
};

/* opt (may be NULL) chooses exact or sampled path lengths (samples, exact_max,
 * seed, threads), with the defaults above. O(n + m^1.5) plus one breadth-first
 * search per source. */
void wholenet_compute(struct wholenet *w, const struct simple_graph *s, const struct centrality_options *opt);
void wholenet_free(struct wholenet *w);

#endif
