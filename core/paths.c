#include "paths.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

void paths_work_init(struct bfs_work *w, uint32_t n_firms)
{
    size_t n = n_firms ? n_firms : 1;
    w->n = n_firms;
    w->dist = xmalloc(n * sizeof *w->dist);
    w->parent = xmalloc(n * sizeof *w->parent);
    w->queue = xmalloc(n * sizeof *w->queue);
    w->mark = xcalloc(n, 1);
    w->n_seen = 0;
    w->dist_to = xmalloc(n * sizeof *w->dist_to);
    w->queue_to = xmalloc(n * sizeof *w->queue_to);
    w->n_seen_to = 0;
    w->n_marked = 0;
    for (uint32_t v = 0; v < n_firms; v++)
        w->dist[v] = w->dist_to[v] = PATHS_UNREACHED;
}

void paths_work_free(struct bfs_work *w)
{
    free(w->dist);
    free(w->parent);
    free(w->queue);
    free(w->mark);
    free(w->dist_to);
    free(w->queue_to);
    memset(w, 0, sizeof *w);
}

static void reset(struct bfs_work *w)
{
    for (uint32_t i = 0; i < w->n_seen; i++)
        w->dist[w->queue[i]] = PATHS_UNREACHED;
    w->n_seen = 0;
    for (uint32_t i = 0; i < w->n_seen_to; i++)
        w->dist_to[w->queue_to[i]] = PATHS_UNREACHED;
    w->n_seen_to = 0;
}

static inline void reach(struct bfs_work *w, uint32_t v, uint32_t from, uint32_t d)
{
    w->dist[v] = d;
    w->parent[v] = from;
    w->queue[w->n_seen++] = v;
}

/* paths_bfs, asking p (NULL: never) whenever about PROGRESS_EVERY linkage ends were
 * scanned; returns -1 when p was cancelled (w then holds a partial search). */
static int bfs_p(struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t src, uint32_t max_depth,
                 uint32_t stop, const struct progress *p)
{
    reset(w);
    if (src >= w->n || !L->firm_on[src])
        return 0;
    reach(w, src, src, 0);
    if (stop == src)
        return 0;
    uint64_t scanned = 0;
    for (uint32_t head = 0; head < w->n_seen; head++) {
        uint32_t u = w->queue[head], d = w->dist[u];
        if (d >= max_depth)
            break; /* visit order is by distance: nothing later is shallower */
        for (uint32_t i = g->out_start[u]; i < g->out_start[u + 1]; i++) {
            uint32_t v = g->out_nbr[i];
            if (L->link_on[g->out_link[i]] && w->dist[v] == PATHS_UNREACHED)
                reach(w, v, u, d + 1);
        }
        for (uint32_t i = g->in_start[u]; i < g->in_start[u + 1]; i++) {
            uint32_t v = g->in_nbr[i];
            if (L->link_on[g->in_link[i]] && w->dist[v] == PATHS_UNREACHED)
                reach(w, v, u, d + 1);
        }
        if (stop != FIRM_NONE && stop < w->n && w->dist[stop] != PATHS_UNREACHED && w->dist[stop] < max_depth)
            max_depth = w->dist[stop];
        scanned += (uint64_t)(g->out_start[u + 1] - g->out_start[u]) + (g->in_start[u + 1] - g->in_start[u]) + 1;
        if (p && scanned >= PROGRESS_EVERY) {
            scanned = 0;
            if (progress_cancelled(p))
                return -1;
        }
    }
    return 0;
}

void paths_bfs(struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t src,
               uint32_t max_depth, uint32_t stop)
{
    bfs_p(w, g, L, src, max_depth, stop, NULL);
}

uint32_t paths_hop_link(const struct graph *g, const struct layer *L, uint32_t u, uint32_t v)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t i = g->out_start[u]; i < g->out_start[u + 1]; i++)
        if (g->out_nbr[i] == v && L->link_on[g->out_link[i]] && g->out_link[i] < best)
            best = g->out_link[i];
    for (uint32_t i = g->in_start[u]; i < g->in_start[u + 1]; i++)
        if (g->in_nbr[i] == v && L->link_on[g->in_link[i]] && g->in_link[i] < best)
            best = g->in_link[i];
    return best;
}

/* ---- searching from both ends ------------------------------------------------ */

/* One end of a search from both ends: its distances, its visit order (so by
 * distance) and the frontier, the firms of its farthest level. */
struct side {
    uint32_t *dist, *queue, *n_seen;
    uint32_t head;   /* queue[head .. *n_seen) is the frontier */
    uint32_t depth;  /* distance of the frontier */
    uint64_t cost;   /* linkages of the frontier: what widening it would scan */
};

static inline uint64_t firm_linkages(const struct graph *g, uint32_t v)
{
    return (uint64_t)(g->out_start[v + 1] - g->out_start[v]) + (g->in_start[v + 1] - g->in_start[v]);
}

/* Widens s by one whole level; returns 1 when a firm the other side has reached
 * (other_dist) was reached, and marks and lists every such firm in w. */
static int side_widen(struct side *s, const uint32_t *other_dist, struct bfs_work *w, const struct graph *g,
                      const struct layer *L)
{
    uint32_t end = *s->n_seen, d = s->depth + 1;
    uint64_t cost = 0;
    int met = 0;
    for (uint32_t h = s->head; h < end; h++) {
        uint32_t u = s->queue[h];
        for (int pass = 0; pass < 2; pass++) {
            const uint32_t *st = pass ? g->in_start : g->out_start;
            const uint32_t *nb = pass ? g->in_nbr : g->out_nbr;
            const uint32_t *lk = pass ? g->in_link : g->out_link;
            for (uint32_t i = st[u]; i < st[u + 1]; i++) {
                uint32_t v = nb[i];
                if (!L->link_on[lk[i]] || s->dist[v] != PATHS_UNREACHED)
                    continue;
                s->dist[v] = d;
                s->queue[(*s->n_seen)++] = v;
                cost += firm_linkages(g, v);
                if (other_dist[v] != PATHS_UNREACHED) {
                    w->mark[v] = 1;
                    w->parent[w->n_marked++] = v;
                    met = 1;
                }
            }
        }
    }
    s->head = end;
    s->depth = d;
    s->cost = cost;
    return met;
}

/* Distances from a (w->dist) and to b (w->dist_to) until the two sides meet.
 * Returns the length of a shortest path, PATHS_UNREACHED when there is none, and
 * in *meet the distance from a of the firms where the sides met. Those firms and
 * every firm of a's side on a shortest path through them get a mark (and are
 * listed in w->parent): a's side of a shortest path is marked firms at distances
 * 0 .. *meet, b's side any firms whose distance to b falls by one a hop. The
 * caller clears the marks with unmark(). */
static uint32_t search_both(struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t a,
                            uint32_t b, uint32_t *meet)
{
    reset(w);
    *meet = 0;
    if (a >= w->n || b >= w->n || !L->firm_on[a] || !L->firm_on[b])
        return PATHS_UNREACHED;
    w->dist[a] = 0;
    w->queue[w->n_seen++] = a;
    w->dist_to[b] = 0;
    w->queue_to[w->n_seen_to++] = b;
    if (a == b) {
        w->mark[a] = 1;
        w->parent[w->n_marked++] = a;
        return 0;
    }
    struct side from = {w->dist, w->queue, &w->n_seen, 0, 0, firm_linkages(g, a)};
    struct side to = {w->dist_to, w->queue_to, &w->n_seen_to, 0, 0, firm_linkages(g, b)};
    for (;;) {
        /* a side with nothing left to widen holds its whole component */
        if (from.head == *from.n_seen || to.head == *to.n_seen)
            return PATHS_UNREACHED;
        int widen_from = from.cost <= to.cost;
        if (widen_from ? side_widen(&from, w->dist_to, w, g, L) : side_widen(&to, w->dist, w, g, L))
            break;
    }
    /* Before the last widening no firm was on both sides, so every firm reached
     * by both now lies on a's farthest level and at the same distance from b
     * (to.depth): both depths add up to the length. */
    *meet = from.depth;
    /* back from the meeting firms towards a, level by level: the list grows in
     * order of falling distance, so it is its own queue */
    for (uint32_t k = 0; k < w->n_marked; k++) {
        uint32_t x = w->parent[k], dx = w->dist[x];
        if (dx == 0)
            continue;
        for (int pass = 0; pass < 2; pass++) {
            const uint32_t *st = pass ? g->in_start : g->out_start;
            const uint32_t *nb = pass ? g->in_nbr : g->out_nbr;
            const uint32_t *lk = pass ? g->in_link : g->out_link;
            for (uint32_t i = st[x]; i < st[x + 1]; i++) {
                uint32_t y = nb[i];
                if (w->dist[y] + 1 == dx && !w->mark[y] && L->link_on[lk[i]]) {
                    w->mark[y] = 1;
                    w->parent[w->n_marked++] = y;
                }
            }
        }
    }
    return from.depth + to.depth;
}

/* Whether y, a neighbour of the i-th firm of a shortest path of length len,
 * can be its (i+1)-th firm. */
static inline int next_on_path(const struct bfs_work *w, uint32_t y, uint32_t i, uint32_t len, uint32_t meet)
{
    if (i + 1 <= meet)
        return w->mark[y] && w->dist[y] == i + 1;
    return w->dist_to[y] == len - i - 1;
}

static void unmark(struct bfs_work *w)
{
    for (uint32_t i = 0; i < w->n_marked; i++)
        w->mark[w->parent[i]] = 0;
    w->n_marked = 0;
}

int paths_shortest(struct path *p, struct bfs_work *w, const struct graph *g, const struct layer *L,
                   uint32_t a, uint32_t b)
{
    memset(p, 0, sizeof *p);
    uint32_t meet, len = search_both(w, g, L, a, b, &meet);
    if (len == PATHS_UNREACHED) {
        unmark(w);
        return -1;
    }
    p->len = len;
    p->firm = xmalloc(((size_t)len + 1) * sizeof *p->firm);
    p->link = xmalloc((len ? len : 1) * sizeof *p->link);
    /* The first step, in a's search order, that stays on a shortest path, hop by
     * hop: exactly the path a breadth-first search from a records, since that
     * search reaches each firm first from the earliest-reached firm before it. */
    p->firm[0] = a;
    for (uint32_t i = 0; i < len; i++) {
        uint32_t x = p->firm[i], next = PATHS_UNREACHED;
        for (int pass = 0; pass < 2 && next == PATHS_UNREACHED; pass++) {
            const uint32_t *st = pass ? g->in_start : g->out_start;
            const uint32_t *nb = pass ? g->in_nbr : g->out_nbr;
            const uint32_t *lk = pass ? g->in_link : g->out_link;
            for (uint32_t k = st[x]; k < st[x + 1]; k++)
                if (L->link_on[lk[k]] && next_on_path(w, nb[k], i, len, meet)) {
                    next = nb[k];
                    break;
                }
        }
        p->firm[i + 1] = next;
        p->link[i] = paths_hop_link(g, L, x, next);
    }
    unmark(w);
    return 0;
}

void path_free(struct path *p)
{
    free(p->firm);
    free(p->link);
    memset(p, 0, sizeof *p);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Appends the firms that can follow x, the i-th firm of a shortest path of length
 * len, to cand (sorted, unique). */
static void successors(const struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t x,
                       uint32_t i, uint32_t len, uint32_t meet, uint32_t **cand, size_t *n, size_t *cap)
{
    size_t begin = *n;
    for (int pass = 0; pass < 2; pass++) {
        const uint32_t *st = pass ? g->in_start : g->out_start;
        const uint32_t *nb = pass ? g->in_nbr : g->out_nbr;
        const uint32_t *lk = pass ? g->in_link : g->out_link;
        for (uint32_t k = st[x]; k < st[x + 1]; k++) {
            uint32_t y = nb[k];
            if (L->link_on[lk[k]] && next_on_path(w, y, i, len, meet)) {
                *cand = xgrow(*cand, cap, *n + 1, sizeof **cand);
                (*cand)[(*n)++] = y;
            }
        }
    }
    qsort(*cand + begin, *n - begin, sizeof **cand, cmp_u32);
    size_t out = begin;
    for (size_t j = begin; j < *n; j++)
        if (out == begin || (*cand)[out - 1] != (*cand)[j])
            (*cand)[out++] = (*cand)[j];
    *n = out;
}

int paths_all_shortest(struct path_set *ps, struct bfs_work *w, const struct graph *g,
                       const struct layer *L, uint32_t a, uint32_t b, uint32_t max)
{
    memset(ps, 0, sizeof *ps);
    if (!max)
        max = UINT32_MAX;
    uint32_t meet, len = search_both(w, g, L, a, b, &meet);
    if (len == PATHS_UNREACHED) {
        unmark(w);
        return -1;
    }
    ps->len = len;
    uint32_t *cur = xmalloc(((size_t)len + 1) * sizeof *cur);
    struct frame { size_t begin, end, next; } *fr = xmalloc(((size_t)len + 1) * sizeof *fr);
    uint32_t *cand = NULL;
    size_t ncand = 0, capcand = 0, cap_paths = 0;
    cur[0] = a;
    if (len == 0) {
        ps->firm = xmalloc(sizeof *ps->firm);
        ps->link = xmalloc(sizeof *ps->link);
        ps->firm[0] = a;
        ps->count = 1;
    } else {
        uint32_t depth = 0; /* frame depth: cur[0..depth] is fixed */
        fr[0].begin = ncand;
        successors(w, g, L, a, 0, len, meet, &cand, &ncand, &capcand);
        fr[0].end = ncand;
        fr[0].next = fr[0].begin;
        for (;;) {
            struct frame *f = &fr[depth];
            if (f->next == f->end) {
                ncand = f->begin;
                if (depth == 0)
                    break;
                depth--;
                continue;
            }
            uint32_t y = cand[f->next++];
            cur[depth + 1] = y;
            if (depth + 1 < len) {
                depth++;
                fr[depth].begin = ncand;
                successors(w, g, L, y, depth, len, meet, &cand, &ncand, &capcand);
                fr[depth].end = ncand;
                fr[depth].next = fr[depth].begin;
                continue;
            }
            if (ps->count == max) {
                ps->truncated = 1;
                break;
            }
            if (ps->count == cap_paths) {
                cap_paths = cap_paths ? cap_paths * 2 : 16;
                ps->firm = xrealloc(ps->firm, cap_paths * (len + 1) * sizeof *ps->firm);
                ps->link = xrealloc(ps->link, cap_paths * len * sizeof *ps->link);
            }
            memcpy(ps->firm + (size_t)ps->count * (len + 1), cur, ((size_t)len + 1) * sizeof *cur);
            for (uint32_t i = 0; i < len; i++)
                ps->link[(size_t)ps->count * len + i] = paths_hop_link(g, L, cur[i], cur[i + 1]);
            ps->count++;
        }
    }
    unmark(w);
    free(cand);
    free(fr);
    free(cur);
    return 0;
}

void path_set_free(struct path_set *ps)
{
    free(ps->firm);
    free(ps->link);
    memset(ps, 0, sizeof *ps);
}

/* Below this many linkages an ego network's list is sorted by qsort; above, a bitmap
 * over every linkage of the dataset puts it in order in one pass that asks p as it
 * goes (the depth-2 network of a hub holds millions: a qsort of them would not stop). */
#define EGO_SORT_MAX 65536u

/* e->link in ascending order; -1 when p was cancelled. */
static int ego_sort_links(struct ego *e, const struct graph *g, const struct progress *p)
{
    if (e->n_links <= EGO_SORT_MAX || !g->m) {
        qsort(e->link, e->n_links, sizeof *e->link, cmp_u32);
        return 0;
    }
    size_t words = ((size_t)g->m + 63) / 64;
    uint64_t *bits = xcalloc(words, sizeof *bits);
    for (uint32_t k = 0; k < e->n_links; k++) {
        if ((k & (PROGRESS_EVERY * 16 - 1)) == 0 && progress_cancelled(p)) {
            free(bits);
            return -1;
        }
        bits[e->link[k] >> 6] |= UINT64_C(1) << (e->link[k] & 63);
    }
    uint32_t k = 0;
    for (size_t i = 0; i < words; i++) {
        if ((i & (PROGRESS_EVERY - 1)) == 0 && progress_cancelled(p)) {
            free(bits);
            return -1;
        }
        for (uint64_t b = bits[i]; b; b &= b - 1)
            e->link[k++] = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(b));
    }
    free(bits);
    return 0;
}

int paths_ego_p(struct ego *e, struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t center,
                uint32_t depth, const struct progress *p)
{
    memset(e, 0, sizeof *e);
    int stopped = bfs_p(w, g, L, center, depth, FIRM_NONE, p);
    e->n_firms = stopped ? 0 : w->n_seen;
    e->firm = xmalloc((e->n_firms ? e->n_firms : 1) * sizeof *e->firm);
    e->dist = xmalloc((e->n_firms ? e->n_firms : 1) * sizeof *e->dist);
    size_t cap = 0;
    uint64_t scanned = 0;
    for (uint32_t i = 0; i < e->n_firms && !stopped; i++) {
        uint32_t u = w->queue[i];
        e->firm[i] = u;
        e->dist[i] = w->dist[u];
        /* each linkage is taken once, from its source's out list */
        for (uint32_t k = g->out_start[u]; k < g->out_start[u + 1]; k++) {
            if (L->link_on[g->out_link[k]] && w->dist[g->out_nbr[k]] != PATHS_UNREACHED) {
                e->link = xgrow(e->link, &cap, (size_t)e->n_links + 1, sizeof *e->link);
                e->link[e->n_links++] = g->out_link[k];
            }
        }
        scanned += g->out_start[u + 1] - g->out_start[u] + 1;
        if (p && scanned >= PROGRESS_EVERY) {
            scanned = 0;
            stopped = progress_cancelled(p);
        }
    }
    if (!e->link)
        e->link = xmalloc(sizeof *e->link);
    if (!stopped)
        stopped = ego_sort_links(e, g, p);
    if (stopped) {
        ego_free(e);
        return -1;
    }
    return 0;
}

void paths_ego(struct ego *e, struct bfs_work *w, const struct graph *g, const struct layer *L,
               uint32_t center, uint32_t depth)
{
    paths_ego_p(e, w, g, L, center, depth, NULL);
}

void ego_free(struct ego *e)
{
    free(e->firm);
    free(e->dist);
    free(e->link);
    memset(e, 0, sizeof *e);
}
