/* paths: owns shortest-path and neighbourhood (ego) searches over a layer's
 * linkages, counted in linkages with direction ignored, naming each hop's linkage. */
#ifndef FIRMNET_PATHS_H
#define FIRMNET_PATHS_H
#include <stdint.h>
#include "graph.h"
#include "progress.h"

#define PATHS_UNREACHED UINT32_MAX

/* Work arrays sized once for a dataset and reused by every search: a search only
 * resets the entries the previous one touched, so many small searches stay cheap
 * and a lookup costs what it touches, never the size of the dataset. */
struct bfs_work {
    uint32_t n;
    uint32_t *dist;   /* n: linkages from the source, PATHS_UNREACHED if not reached */
    uint32_t *parent; /* n: firm that first reached each reached firm (paths_bfs); the
                         firms on a shortest path's side of a (a search from both ends) */
    uint32_t *queue;  /* n: reached firms in visit order (by distance) */
    uint8_t *mark;    /* n: scratch flags, all zero between searches */
    uint32_t n_seen;  /* queue entries of the last search */
    /* the target's side of a search from both ends (paths_shortest, paths_all_shortest) */
    uint32_t *dist_to;  /* n: linkages to the target, PATHS_UNREACHED if not reached */
    uint32_t *queue_to; /* n: firms the target's side reached, by distance */
    uint32_t n_seen_to;
    uint32_t n_marked; /* parent entries of a search from both ends */
};
void paths_work_init(struct bfs_work *w, uint32_t n_firms);
void paths_work_free(struct bfs_work *w);

/* Breadth-first search from src over the layer. Firms at max_depth are reached but
 * not expanded; when stop is a firm, expansion ends at stop's distance. Neighbours
 * are visited out-linkages first, then in-linkages, each in linkage order. A src
 * outside the layer reaches nothing. */
void paths_bfs(struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t src,
               uint32_t max_depth, uint32_t stop);

/* The linkage a hop between u and v is shown with: the lowest-numbered linkage of
 * the layer joining them either way, or UINT32_MAX when none does. */
uint32_t paths_hop_link(const struct graph *g, const struct layer *L, uint32_t u, uint32_t v);

struct path {
    uint32_t len;   /* hops */
    uint32_t *firm; /* len + 1 firms, a first; owned */
    uint32_t *link; /* len linkages, link[i] joins firm[i] and firm[i+1]; owned */
};
/* Returns 0 and fills p (free with path_free), or -1 when b cannot be reached
 * (p is then empty but still safe to free). The path is the one a breadth-first
 * search from a finds first (each firm's out-linkages, then its in-linkages, in
 * linkage order): among the shortest paths, the one whose every hop takes the
 * earliest linkage of its firm that still leads on a shortest path. It is found
 * by searching from both ends, always widening the side with fewer linkages to
 * follow, so a lookup touches only the firms near a and b. */
int paths_shortest(struct path *p, struct bfs_work *w, const struct graph *g, const struct layer *L,
                   uint32_t a, uint32_t b);
void path_free(struct path *p);

struct path_set {
    uint32_t count, len; /* paths found, hops of each */
    uint32_t *firm;      /* count * (len + 1), one path after another; owned */
    uint32_t *link;      /* count * len; owned */
    int truncated;       /* 1 when more than max paths exist */
};
/* Every shortest path from a to b as a sequence of distinct firms (parallel
 * linkages do not multiply paths), in lexicographic order of firm indices, at most
 * max of them (0: no limit). Returns 0, or -1 when b cannot be reached. Searches
 * from both ends as paths_shortest does. */
int paths_all_shortest(struct path_set *ps, struct bfs_work *w, const struct graph *g,
                       const struct layer *L, uint32_t a, uint32_t b, uint32_t max);
void path_set_free(struct path_set *ps);

/* The ego network of center: firms within depth linkages, in visit order (so by
 * distance), and the layer's linkages among them. */
struct ego {
    uint32_t n_firms;
    uint32_t *firm, *dist; /* n_firms each; owned */
    uint32_t n_links;
    uint32_t *link;        /* ascending linkage indices; owned */
};
void paths_ego(struct ego *e, struct bfs_work *w, const struct graph *g, const struct layer *L,
               uint32_t center, uint32_t depth);
/* The same, asking p (NULL: never) every few thousand linkage ends, so a cancel stops
 * the search of a hub's depth-2 network within milliseconds; returns 0, or -1 with e
 * freed (safe to free again) when p was cancelled. */
int paths_ego_p(struct ego *e, struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t center,
                uint32_t depth, const struct progress *p);
void ego_free(struct ego *e);

#endif
