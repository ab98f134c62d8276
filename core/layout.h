/* layout: owns the ego map of a firm: its ego network over a layer, partners grouped
 * into labelled clusters when they are too many for the area, and every node placed
 * on a grid of character cells, labels never overlapping; the same placement serves
 * the explorer's Ego map view and the SVG export. Deterministic for a seed.
 *
 * Use:
 *     struct layout_options o;
 *     layout_options_default(&o, 78, 20);           // an area of 78 x 20 cells
 *     struct ego_map m;
 *     layout_ego(&m, NULL, ds, g, L, firm, &o);
 *     for (uint32_t i = 0; i < m.n_nodes; i++)       // node 0 is the centre
 *         ... m.node[i].x, m.node[i].y, layout_label(&m, i) ...
 *     for (uint32_t k = 0; k < m.n_edges; k++)
 *         ... m.edge[k].a, m.edge[k].b, m.edge[k].type, m.edge[k].dir ...
 *     layout_ego_free(&m); */
#ifndef FIRMNET_LAYOUT_H
#define FIRMNET_LAYOUT_H
#include <stdint.h>
#include "dataset.h"
#include "graph.h"
#include "paths.h"
#include "progress.h"
#include "strpool.h"

enum layout_group { LAYOUT_GROUP_INDUSTRY, LAYOUT_GROUP_SCALE };

struct layout_options {
    int width, height;   /* the area, in cells (a cell is about twice as tall as wide) */
    uint32_t depth;      /* 1 or 2: linkages from the centre */
    int group_by;        /* enum layout_group: how partners beyond max_nodes are grouped */
    uint32_t max_nodes;  /* nodes at most (centre and groups included); 0: what the area holds */
    int label_max;       /* cells of a label at most */
    int ascii;           /* labels in ASCII only (a terminal without UTF-8) */
    uint64_t seed;       /* the layout's only source of chance */
};
void layout_options_default(struct layout_options *o, int width, int height);

/* Direction bits of an edge between nodes a < b. */
enum { LAYOUT_AB = 1, LAYOUT_BA = 2, LAYOUT_MUTUAL = 4 };

struct layout_node {
    uint32_t firm;      /* the firm, or FIRM_NONE for a group */
    uint32_t count;     /* firms it stands for: 1, or the group's size */
    uint32_t dist;      /* linkages from the centre (a group: of all its firms) */
    uint32_t key;       /* a group's industry index or scale; a firm's own */
    uint8_t scale;      /* a firm's scale; a group's most common scale */
    uint8_t mixed;      /* a group of firms of more than one scale */
    strref label;       /* in ego_map.labels: printable, at most label_max cells */
    int label_w;        /* display cells of the label */
    int x, y;           /* cell of the node's scale mark; the label starts at x + 2;
                           x = -1 when the area had no room left for it */
};

struct layout_edge {
    uint32_t a, b;      /* node indices, a < b */
    uint32_t link;      /* the lowest-numbered linkage merged in */
    uint32_t count;     /* linkages merged into the edge */
    uint8_t type;       /* enum link_type of `link` */
    uint8_t multi;      /* linkages of more than one type */
    uint8_t dir;        /* LAYOUT_AB | LAYOUT_BA | LAYOUT_MUTUAL */
};

struct ego_map {
    uint32_t center;              /* firm */
    uint32_t n_nodes, n_edges;
    struct layout_node *node;     /* owned; node 0 is the centre */
    struct layout_edge *edge;     /* owned; by (a, b) */
    uint32_t ego_firms, ego_links;/* the ego network before grouping, centre included */
    uint32_t n_groups;            /* group nodes */
    uint32_t grouped_firms;       /* firms inside them */
    uint32_t hidden;              /* nodes the area had no room for (x = -1) */
    int group_by;                 /* what the groups are of (enum layout_group) */
    struct strpool labels;        /* owned */
};

/* w: search arrays sized for the dataset (core/paths.h), reused; NULL makes some for
 * the call. The centre outside the layer gives a map of the centre alone. */
void layout_ego(struct ego_map *m, struct bfs_work *w, const struct dataset *ds, const struct graph *g,
                const struct layer *L, uint32_t center, const struct layout_options *o);
/* The same, counting its steps on p and asking between them (the search of the ego
 * network and each step run to their end); returns 0, or -1 (m freed) when p was
 * cancelled. */
int layout_ego_p(struct ego_map *m, struct bfs_work *w, const struct dataset *ds, const struct graph *g,
                 const struct layer *L, uint32_t center, const struct layout_options *o, struct progress *p);
void layout_ego_free(struct ego_map *m);
static inline const char *layout_label(const struct ego_map *m, uint32_t i)
{
    return strpool_get(&m->labels, m->node[i].label);
}

/* The placement alone, for any small connected or unconnected graph: stress
 * majorization by stochastic gradient descent over the graph distances, from a
 * start fixed by the seed. x and y have n entries; edges are ea[k]--eb[k]. */
void layout_stress(double *x, double *y, uint32_t n, const uint32_t *ea, const uint32_t *eb, uint32_t m,
                   uint64_t seed);

#endif
