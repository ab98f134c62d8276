/* egocomp: owns the composition of a firm's ego network in a layer: how dense
 * the ties among its partners are and how diverse the partners and ties are
 * (Blau's index), and its share of non-material linkages. */
#ifndef FIRMNET_EGOCOMP_H
#define FIRMNET_EGOCOMP_H
#include <stdint.h>
#include "dataset.h"
#include "graph.h"
#include "simple.h"

/* Blau (1977): 1 - sum over categories k of p_k^2, p_k the share of the items
 * in category k; 0 when all are alike, NaN without items. */
struct ego_composition {
    /* Pairs among the partners (the simple graph's neighbours) that are tied,
     * over d(d-1)/2 pairs of partners: the ego itself and its own ties left out,
     * as UCINET's ego-network density; NaN for fewer than two partners. On an
     * undirected simple graph this equals the local clustering coefficient. */
    double density;
    double blau_type;     /* the firm's linkages (multiplex separately) by linkage type */
    double blau_scale;    /* its distinct partners by their scale */
    double blau_industry; /* its distinct partners by their industry */
    double non_material;  /* non-material linkages / linkages; NaN without linkages */
    uint32_t partners, linkages;
};

/* Scratch owned by the caller, reused over many firms: egocomp_scratch_init
 * sizes it for the dataset, egocomp_scratch_free releases it. */
struct egocomp_scratch {
    uint8_t *mark;      /* n nodes of the simple graph, all 0 between calls */
    uint32_t *count;    /* n_industries, all 0 between calls */
};
void egocomp_scratch_init(struct egocomp_scratch *sc, const struct dataset *ds, const struct simple_graph *s);
void egocomp_scratch_free(struct egocomp_scratch *sc);

/* One firm (node v of s, the layer's simple graph), in O(sum of the partners'
 * degrees); cheap enough for the one firm a view shows. */
void egocomp_firm(struct ego_composition *out, const struct dataset *ds, const struct graph *g,
                  const struct layer *L, const struct simple_graph *s, uint32_t v, struct egocomp_scratch *sc);

/* Every node of s into out (s->n entries); the ties among partners come from one
 * triangle count, O(m^1.5), so hubs stay cheap. */
void egocomp_all(struct ego_composition *out, const struct dataset *ds, const struct graph *g,
                 const struct layer *L, const struct simple_graph *s);

#endif
