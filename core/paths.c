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
    for (uint32_t v = 0; v < n_firms; v++)
        w->dist[v] = PATHS_UNREACHED;
}

void paths_work_free(struct bfs_work *w)
{
    free(w->dist);
    free(w->parent);
    free(w->queue);
    free(w->mark);
    memset(w, 0, sizeof *w);
}

static void reset(struct bfs_work *w)
{
    for (uint32_t i = 0; i < w->n_seen; i++)
        w->dist[w->queue[i]] = PATHS_UNREACHED;
    w->n_seen = 0;
}

static inline void reach(struct bfs_work *w, uint32_t v, uint32_t from, uint32_t d)
{
    w->dist[v] = d;
    w->parent[v] = from;
    w->queue[w->n_seen++] = v;
}

void paths_bfs(struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t src,
               uint32_t max_depth, uint32_t stop)
{
    reset(w);
    if (src >= w->n || !L->firm_on[src])
        return;
    reach(w, src, src, 0);
    if (stop == src)
        return;
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
    }
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

int paths_shortest(struct path *p, struct bfs_work *w, const struct graph *g, const struct layer *L,
                   uint32_t a, uint32_t b)
{
    memset(p, 0, sizeof *p);
    if (b >= w->n)
        return -1;
    paths_bfs(w, g, L, a, PATHS_UNREACHED, b);
    if (w->dist[b] == PATHS_UNREACHED)
        return -1;
    uint32_t len = w->dist[b];
    p->len = len;
    p->firm = xmalloc(((size_t)len + 1) * sizeof *p->firm);
    p->link = xmalloc((len ? len : 1) * sizeof *p->link);
    uint32_t v = b;
    for (uint32_t i = len + 1; i-- > 0;) {
        p->firm[i] = v;
        v = w->parent[v];
    }
    for (uint32_t i = 0; i < len; i++)
        p->link[i] = paths_hop_link(g, L, p->firm[i], p->firm[i + 1]);
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

/* Appends the marked firms one linkage deeper than x to cand (sorted, unique). */
static void successors(const struct bfs_work *w, const struct graph *g, const struct layer *L, uint32_t x,
                       uint32_t **cand, size_t *n, size_t *cap)
{
    size_t begin = *n;
    uint32_t d = w->dist[x] + 1;
    for (int pass = 0; pass < 2; pass++) {
        const uint32_t *st = pass ? g->in_start : g->out_start;
        const uint32_t *nb = pass ? g->in_nbr : g->out_nbr;
        const uint32_t *lk = pass ? g->in_link : g->out_link;
        for (uint32_t i = st[x]; i < st[x + 1]; i++) {
            uint32_t y = nb[i];
            if (L->link_on[lk[i]] && w->mark[y] && w->dist[y] == d) {
                *cand = xgrow(*cand, cap, *n + 1, sizeof **cand);
                (*cand)[(*n)++] = y;
            }
        }
    }
    qsort(*cand + begin, *n - begin, sizeof **cand, cmp_u32);
    size_t out = begin;
    for (size_t i = begin; i < *n; i++)
        if (out == begin || (*cand)[out - 1] != (*cand)[i])
            (*cand)[out++] = (*cand)[i];
    *n = out;
}

int paths_all_shortest(struct path_set *ps, struct bfs_work *w, const struct graph *g,
                       const struct layer *L, uint32_t a, uint32_t b, uint32_t max)
{
    memset(ps, 0, sizeof *ps);
    if (!max)
        max = UINT32_MAX;
    if (b >= w->n)
        return -1;
    paths_bfs(w, g, L, a, PATHS_UNREACHED, b);
    if (w->dist[b] == PATHS_UNREACHED)
        return -1;
    uint32_t len = w->dist[b];
    ps->len = len;
    /* Mark the firms on some shortest path: walking the visit order backwards sees
     * every firm of a level before any firm of the level below it. */
    w->mark[b] = 1;
    for (uint32_t qi = w->n_seen; qi-- > 0;) {
        uint32_t x = w->queue[qi];
        if (!w->mark[x] || w->dist[x] == 0)
            continue;
        for (int pass = 0; pass < 2; pass++) {
            const uint32_t *st = pass ? g->in_start : g->out_start;
            const uint32_t *nb = pass ? g->in_nbr : g->out_nbr;
            const uint32_t *lk = pass ? g->in_link : g->out_link;
            for (uint32_t i = st[x]; i < st[x + 1]; i++)
                if (L->link_on[lk[i]] && w->dist[nb[i]] + 1 == w->dist[x])
                    w->mark[nb[i]] = 1;
        }
    }
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
        successors(w, g, L, a, &cand, &ncand, &capcand);
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
                successors(w, g, L, y, &cand, &ncand, &capcand);
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
    for (uint32_t i = 0; i < w->n_seen; i++)
        w->mark[w->queue[i]] = 0;
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

void paths_ego(struct ego *e, struct bfs_work *w, const struct graph *g, const struct layer *L,
               uint32_t center, uint32_t depth)
{
    memset(e, 0, sizeof *e);
    paths_bfs(w, g, L, center, depth, FIRM_NONE);
    e->n_firms = w->n_seen;
    e->firm = xmalloc((w->n_seen ? w->n_seen : 1) * sizeof *e->firm);
    e->dist = xmalloc((w->n_seen ? w->n_seen : 1) * sizeof *e->dist);
    size_t cap = 0;
    for (uint32_t i = 0; i < w->n_seen; i++) {
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
    }
    if (!e->link)
        e->link = xmalloc(sizeof *e->link);
    qsort(e->link, e->n_links, sizeof *e->link, cmp_u32);
}

void ego_free(struct ego *e)
{
    free(e->firm);
    free(e->dist);
    free(e->link);
    memset(e, 0, sizeof *e);
}
