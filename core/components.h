/* components: owns the connected components of a simple undirected projection and
 * the whole-graph summaries built on them (density, degree distribution), and the
 * same summaries of a layer read off the graph without building the projection. */
#ifndef FIRMNET_COMPONENTS_H
#define FIRMNET_COMPONENTS_H
#include <stdint.h>
#include "graph.h"
#include "simple.h"

struct components {
    uint32_t count;
    /* Components are numbered by their smallest node, so the labels do not depend
     * on traversal details. */
    uint32_t *of;       /* n: component of each node; owned */
    uint32_t *size;     /* count: nodes in each component; owned */
    uint32_t largest;   /* the biggest component (lowest number on ties); 0 when empty */
};

void components_find(struct components *c, const struct simple_graph *s);
void components_free(struct components *c);

/* networkx.density of an undirected simple graph: 2m / (n (n - 1)), 0 when n < 2. */
double components_density(const struct simple_graph *s);

struct degree_summary {
    uint32_t min, max;
    double median, mean;   /* median averages the two middle values when n is even */
};
/* All zero when the graph has no nodes. */
void components_degree_summary(struct degree_summary *d, const struct simple_graph *s);

/* What firmnet stats reports of a layer's simple undirected projection. */
struct layer_summary {
    uint32_t nodes;      /* firms the layer keeps */
    uint64_t pairs;      /* linked pairs: the projection's m */
    uint32_t components, largest, isolated; /* largest: nodes in the biggest component */
    double density;      /* as components_density */
    struct degree_summary deg; /* as components_degree_summary: distinct partners */
};
/* The same figures simple_build, components_find, components_density and
 * components_degree_summary give, from the graph and the layer alone: the projection
 * (4 bytes a linkage end, more than the graph's whole growth past the input on M) is
 * never built; one array of 4 bytes and one of 1 a firm, and a histogram of degrees. */
void components_summarize(struct layer_summary *sum, const struct graph *g, const struct layer *L);

#endif
