/* graph: owns the compressed adjacency (CSR) of a dataset's linkages, out and in,
 * each entry carrying its linkage index so every attribute is one lookup away. */
#ifndef FIRMNET_GRAPH_H
#define FIRMNET_GRAPH_H
#include <stdint.h>
#include "dataset.h"

struct graph {
    uint32_t n, m;          /* firms, linkages */
    /* out: linkages whose source is the firm; in: whose target is the firm.
     * Entries of firm v are [start[v], start[v+1]); nbr is the other end, link
     * the linkage index. Multiplex and parallel linkages stay separate entries. */
    uint32_t *out_start, *out_nbr, *out_link;
    uint32_t *in_start, *in_nbr, *in_link;
};

/* Built once by counting sort, O(n + m); all arrays owned by g. */
void graph_build(struct graph *g, const struct dataset *ds);
/* The same from n_firms firms and the linkages' source and target columns alone (it
 * reads nothing else), for columns not yet a dataset's: the snapshot builds the graph
 * while core/dataset builds the id index. */
void graph_build_links(struct graph *g, uint32_t n_firms, const struct link_table *links);
void graph_free(struct graph *g);

/* Iterate the undirected view of v without copying: out entries then in entries.
 * dir tells how the linkage points relative to v. */
enum graph_dir { GRAPH_OUT, GRAPH_IN };

/* A layer chooses linkages by type, form, scale and year. A zero field means "any". */
struct layer_spec {
    uint32_t types;   /* bit (1u << enum link_type) */
    uint8_t forms;    /* bit (1u << enum link_form) */
    uint8_t scales;   /* bit (1u << enum scale), of the linkage's derived scale */
    int16_t as_of;    /* keep linkages in force in as_of: since <= as_of <= until (an
                         unknown since or until does not bound), among firms founded by
                         then (unknown founded kept); 0 = no year */
};

/* A layer is a mask over the existing graph, never a copy of it. */
struct layer {
    struct layer_spec spec;
    uint8_t *link_on;  /* m flags; owned */
    uint8_t *firm_on;  /* n flags; owned */
    uint32_t n_links, n_firms; /* how many are on */
    /* with as_of: how many of the n_links have no since, so are kept in every year;
     * front ends say so rather than count them silently */
    uint32_t n_undated;
};

void layer_build(struct layer *L, const struct dataset *ds, const struct layer_spec *spec);
/* layer_build telling p (NULL-safe) how far it is, as units base .. base + span of its
 * total; returns 0, or -1 with nothing left in L when p was cancelled. */
struct progress;
int layer_build_p(struct layer *L, const struct dataset *ds, const struct layer_spec *spec, struct progress *p,
                  uint64_t base, uint64_t span);
void layer_free(struct layer *L);
static inline int layer_spec_is_all(const struct layer_spec *s)
{
    return !s->types && !s->forms && !s->scales && !s->as_of;
}
/* Parses "supply,rnd" / "material" / "global,national" into the spec; returns 0, or
 * -1 and points *bad at the word it did not know. */
int layer_parse_types(struct layer_spec *s, const char *text, const char **bad, size_t *badlen);
int layer_parse_forms(struct layer_spec *s, const char *text, const char **bad, size_t *badlen);
int layer_parse_scales(struct layer_spec *s, const char *text, const char **bad, size_t *badlen);
/* A short human description such as "supply,rnd · global · as of 1995", or "all". */
void layer_describe(const struct layer_spec *s, char *buf, size_t bufsz);

#endif
