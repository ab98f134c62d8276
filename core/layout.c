/* The ego map in three steps: choose the nodes (partners beyond what the area holds
 * go into groups), place them by stress (graph distance becomes drawing distance, so
 * rings of partners form around the centre without being forced to), then fit the
 * placement to the cell grid, moving each label to the nearest free cells so none
 * overlaps another. */
#include "layout.h"
#include "text.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRESS_EPOCHS 30
#define TWO_PI 6.283185307179586

void layout_options_default(struct layout_options *o, int width, int height)
{
    memset(o, 0, sizeof *o);
    o->width = width;
    o->height = height;
    o->depth = 1;
    o->group_by = LAYOUT_GROUP_INDUSTRY;
    o->label_max = 14;
    o->seed = 1;
}

/* splitmix64: small, and the same numbers on every machine */
static uint64_t rnd_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double rnd_unit(uint64_t *s) { return (double)(rnd_next(s) >> 11) * 0x1p-53; }

/* ---- a sort that stops ---- */

/* Runs qsort sorts first, then merges them pairwise. */
#define SORT_RUN 64

/* qsort's contract (cmp a total order: every comparator here ends on a unique key,
 * so the result is the same), but a merge sort that asks p every few thousand
 * elements moved: a hub's depth-2 network has hundreds of thousands of members and
 * millions of linkages, whose qsort alone would outlast the 100 ms a cancel may take.
 * Returns 0, or -1 when p was cancelled (base is then in some order). */
static int sort_p(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
                  const struct progress *p)
{
    if (!p || n <= PROGRESS_EVERY) {
        qsort(base, n, size, cmp);
        return 0;
    }
    char *src = base, *dst = xmalloc(n * size), *spare = dst;
    for (size_t i = 0; i < n; i += SORT_RUN) {
        qsort(src + i * size, n - i < SORT_RUN ? n - i : SORT_RUN, size, cmp);
        if ((i / SORT_RUN) % 64 == 63 && progress_cancelled(p)) {
            free(spare);
            return -1;
        }
    }
    size_t moved = 0;
    for (size_t run = SORT_RUN; run < n; run *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * run) {
            size_t mid = lo + run < n ? lo + run : n, hi = lo + 2 * run < n ? lo + 2 * run : n;
            size_t i = lo, j = mid, k = lo;
            while (k < hi) {
                /* the left run first on ties: stable */
                int right = i >= mid || (j < hi && cmp(src + j * size, src + i * size) < 0);
                memcpy(dst + k * size, src + (right ? j++ : i++) * size, size);
                k++;
                if (++moved == PROGRESS_EVERY) {
                    moved = 0;
                    if (progress_cancelled(p)) {
                        free(spare);
                        return -1;
                    }
                }
            }
        }
        char *t = src;
        src = dst;
        dst = t;
    }
    if (src != base)
        memcpy(base, src, n * size);
    free(spare);
    return 0;
}

/* ---- stress ---- */

/* All-pairs graph distances by one breadth-first search per node; pairs that no
 * path joins are put one beyond the longest distance, so components keep apart. */
static uint16_t *all_distances(uint32_t n, const uint32_t *ea, const uint32_t *eb, uint32_t m)
{
    uint32_t *start = xcalloc((size_t)n + 1, sizeof *start), *adj = xmalloc(((size_t)m * 2 + 1) * sizeof *adj);
    for (uint32_t k = 0; k < m; k++) {
        start[ea[k] + 1]++;
        start[eb[k] + 1]++;
    }
    for (uint32_t v = 0; v < n; v++)
        start[v + 1] += start[v];
    uint32_t *fill = xmalloc(((size_t)n + 1) * sizeof *fill);
    memcpy(fill, start, ((size_t)n + 1) * sizeof *fill);
    for (uint32_t k = 0; k < m; k++) {
        adj[fill[ea[k]]++] = eb[k];
        adj[fill[eb[k]]++] = ea[k];
    }
    uint16_t *d = xmalloc((size_t)n * n * sizeof *d);
    memset(d, 0xff, (size_t)n * n * sizeof *d);
    uint32_t *queue = fill; /* n entries suffice */
    uint16_t longest = 1;
    for (uint32_t s = 0; s < n; s++) {
        uint16_t *ds = d + (size_t)s * n;
        uint32_t head = 0, tail = 0;
        ds[s] = 0;
        queue[tail++] = s;
        while (head < tail) {
            uint32_t u = queue[head++];
            for (uint32_t k = start[u]; k < start[u + 1]; k++) {
                uint32_t v = adj[k];
                if (ds[v] == UINT16_MAX) {
                    ds[v] = (uint16_t)(ds[u] + 1);
                    if (ds[v] > longest)
                        longest = ds[v];
                    queue[tail++] = v;
                }
            }
        }
    }
    for (size_t i = 0; i < (size_t)n * n; i++)
        if (d[i] == UINT16_MAX)
            d[i] = (uint16_t)(longest + 1);
    free(start);
    free(adj);
    free(fill);
    return d;
}

void layout_stress(double *x, double *y, uint32_t n, const uint32_t *ea, const uint32_t *eb, uint32_t m,
                   uint64_t seed)
{
    uint64_t rs = seed;
    if (n == 0)
        return;
    if (n == 1) {
        x[0] = y[0] = 0;
        return;
    }
    uint16_t *d = all_distances(n, ea, eb, m);
    /* start: node i on the ring of its distance from node 0, at a chance angle */
    uint16_t dmax = 1;
    for (uint32_t i = 0; i < n; i++) {
        double r = d[i], a = TWO_PI * rnd_unit(&rs);
        x[i] = r * cos(a);
        y[i] = r * sin(a);
    }
    for (size_t i = 0; i < (size_t)n * n; i++)
        if (d[i] > dmax)
            dmax = d[i];
    size_t np = (size_t)n * (n - 1) / 2, p = 0;
    uint32_t(*pair)[2] = xmalloc(np * sizeof *pair);
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = i + 1; j < n; j++) {
            pair[p][0] = i;
            pair[p++][1] = j;
        }
    /* step sizes fall geometrically from 1 / w_min to 0.01 / w_max (w = d^-2), the
     * schedule of Zheng, Pawar and Goodman's stress SGD */
    double eta_max = (double)dmax * dmax, eta_min = 0.01;
    double decay = log(eta_max / eta_min) / (STRESS_EPOCHS - 1);
    for (int t = 0; t < STRESS_EPOCHS; t++) {
        double eta = eta_max * exp(-decay * t);
        for (size_t k = np; k > 1; k--) { /* Fisher-Yates, from the seed */
            size_t r = (size_t)(rnd_next(&rs) % k);
            uint32_t tmp0 = pair[k - 1][0], tmp1 = pair[k - 1][1];
            pair[k - 1][0] = pair[r][0];
            pair[k - 1][1] = pair[r][1];
            pair[r][0] = tmp0;
            pair[r][1] = tmp1;
        }
        for (size_t k = 0; k < np; k++) {
            uint32_t i = pair[k][0], j = pair[k][1];
            double dx = x[i] - x[j], dy = y[i] - y[j];
            double len = sqrt(dx * dx + dy * dy);
            if (len < 1e-9) { /* on top of each other: part them along a fixed direction */
                dx = 1e-3;
                dy = 0;
                len = 1e-3;
            }
            double dij = d[(size_t)i * n + j];
            double mu = eta / (dij * dij);
            if (mu > 1)
                mu = 1;
            double r = mu * (len - dij) / (2 * len);
            x[i] -= r * dx;
            y[i] -= r * dy;
            x[j] += r * dx;
            y[j] += r * dy;
        }
    }
    free(pair);
    free(d);
}

/* ---- choosing the nodes ---- */

struct member {
    uint32_t firm, dist;
    uint32_t to_center, degree; /* linkages to the centre, within the ego network */
    uint32_t node;
};

/* Who keeps a node of its own: the nearest, then the most tied to the centre, then
 * the most tied within the ego network, then dataset order. */
static int by_priority(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    if (x->to_center != y->to_center)
        return x->to_center > y->to_center ? -1 : 1;
    if (x->degree != y->degree)
        return x->degree > y->degree ? -1 : 1;
    return x->firm < y->firm ? -1 : x->firm > y->firm;
}


struct group {
    uint32_t dist, key, count, node;
    uint32_t scale_count[SCALE_COUNT];
};

static int by_group_key(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static int by_group_size(const void *a, const void *b)
{
    const struct group *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

#define GROUP_OTHER UINT32_MAX

static uint32_t member_key(const struct dataset *ds, uint32_t firm, int group_by)
{
    return group_by == LAYOUT_GROUP_SCALE ? ds->firms.scale[firm] : ds->firms.industry[firm];
}

static void set_label(struct ego_map *m, struct textbuf *tb, struct layout_node *nd, const char *s, int max,
                      int ascii)
{
    const char *fit = text_fit(tb, s, strlen(s), max, 0, ascii);
    nd->label = strpool_add(&m->labels, fit, strlen(fit));
    nd->label_w = text_width(fit, strlen(fit));
}

static void group_label(struct ego_map *m, const struct dataset *ds, struct layout_node *nd,
                        const struct layout_options *o)
{
    char count[32];
    snprintf(count, sizeof count, " (%u)", nd->count);
    const char *name = nd->key == GROUP_OTHER ? "other"
                       : m->group_by == LAYOUT_GROUP_SCALE ? vocab_scale_name(nd->key)
                                                           : dataset_str(ds, ds->industry_name[nd->key]);
    int room = o->label_max - (int)strlen(count);
    if (room < 3)
        room = 3;
    struct textbuf nb = {0};
    const char *fit = text_fit(&nb, name, strlen(name), room, 0, o->ascii);
    size_t len = strlen(fit);
    char *full = xmalloc(len + sizeof count);
    memcpy(full, fit, len);
    memcpy(full + len, count, strlen(count) + 1);
    nd->label = strpool_add(&m->labels, full, strlen(full));
    nd->label_w = text_width(full, strlen(full));
    free(full);
    textbuf_free(&nb);
}

/* ---- edges ---- */

struct raw_edge {
    uint32_t a, b, link;
    uint8_t type, dir;
};

static int by_ends(const void *p, const void *q)
{
    const struct raw_edge *x = p, *y = q;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->link < y->link ? -1 : x->link > y->link;
}

/* ---- placing on the grid ---- */

/* Node i's box is its mark, a space and its label; a free cell is kept on each side. */
static int box_free(const uint8_t *occ, int w, int px, int py, int bw)
{
    if (px < 0 || px + bw > w)
        return 0;
    int from = px > 0 ? px - 1 : 0, to = px + bw < w ? px + bw + 1 : w;
    for (int c = from; c < to; c++)
        if (occ[(size_t)py * (size_t)w + (size_t)c])
            return 0;
    return 1;
}

/* The free position nearest (cx, cy), a row costing two columns (cells are about
 * twice as tall as wide); returns 0 when the area has none. */
static int nearest_free(const uint8_t *occ, int w, int h, int cx, int cy, int bw, int *ox, int *oy)
{
    int rmax = 2 * (w + 2 * h);
    for (int r = 0; r <= rmax; r++) {
        for (int dy = 0; 2 * dy <= r; dy++) {
            int dx = r - 2 * dy;
            const int ys[2] = {cy - dy, cy + dy}, xs[2] = {cx - dx, cx + dx};
            for (int a = 0; a < (dy ? 2 : 1); a++) {
                if (ys[a] < 0 || ys[a] >= h)
                    continue;
                for (int b = 0; b < (dx ? 2 : 1); b++) {
                    if (box_free(occ, w, xs[b], ys[a], bw)) {
                        *ox = xs[b];
                        *oy = ys[a];
                        return 1;
                    }
                }
            }
        }
    }
    return 0;
}

static void place(struct ego_map *m, const double *x, const double *y, const struct layout_options *o)
{
    int w = o->width > 1 ? o->width : 1, h = o->height > 1 ? o->height : 1;
    int widest = 0;
    for (uint32_t i = 0; i < m->n_nodes; i++)
        if (m->node[i].label_w + 2 > widest)
            widest = m->node[i].label_w + 2;
    /* the centre in the middle of the area: each side of it scaled on its own to
     * reach the area's edge, which keeps every node on its side and in its order */
    double left = 0, right = 0, up = 0, down = 0;
    for (uint32_t i = 0; i < m->n_nodes; i++) {
        left = fmax(left, x[0] - x[i]);
        right = fmax(right, x[i] - x[0]);
        up = fmax(up, y[0] - y[i]);
        down = fmax(down, y[i] - y[0]);
    }
    /* the centres of the boxes span the area less half the widest box on each side */
    double spanx = w - widest > 0 ? w - widest : 0, spany = h - 1;
    uint8_t *occ = xcalloc((size_t)w * (size_t)h, 1);
    for (uint32_t i = 0; i < m->n_nodes; i++) {
        struct layout_node *nd = &m->node[i];
        int bw = nd->label_w + 2;
        double rx = x[i] - x[0], ry = y[i] - y[0];
        double fx = 0.5 + (rx < 0 ? (left > 0 ? rx / left : 0) : (right > 0 ? rx / right : 0)) / 2;
        double fy = 0.5 + (ry < 0 ? (up > 0 ? ry / up : 0) : (down > 0 ? ry / down : 0)) / 2;
        int cx = (int)lround(fx * spanx + widest / 2.0 - bw / 2.0), cy = (int)lround(fy * spany);
        int px, py;
        if (!nearest_free(occ, w, h, cx, cy, bw, &px, &py)) {
            nd->x = nd->y = -1;
            m->hidden++;
            continue;
        }
        nd->x = px;
        nd->y = py;
        memset(occ + (size_t)py * (size_t)w + (size_t)px, 1, (size_t)bw);
    }
    free(occ);
}

/* ---- the map ---- */

static uint32_t area_capacity(const struct layout_options *o)
{
    /* a node's box and about as much again around it on its row, every other row:
     * room for the lines between them to be followed */
    long cells = (long)o->width * o->height, per = (long)(o->label_max + 3) * 4;
    long cap = per > 0 ? cells / per : 2;
    return cap < 2 ? 2 : cap > 100000 ? 100000 : (uint32_t)cap;
}

/* What one layout_ego works with, so that its steps can be named functions; mem,
 * at, order and gr are owned and freed at its end. Each step returns 0, or -1 when p
 * was cancelled inside it. */
struct ego_build {
    struct ego_map *m;
    const struct dataset *ds;
    const struct layout_options *o;
    const struct progress *p; /* asked inside the steps; NULL: never */
    struct ego e;
    uint32_t n;             /* members of the ego network, the centre included */
    struct member *mem;     /* in visit order */
    uint32_t *at;           /* firms: a member's index in mem (the others unset); owned */
    struct member *order;   /* by priority: the centre first */
    uint32_t keep;          /* members with a node of their own, the centre included */
    struct group *gr;       /* the groups the others fall into */
    uint32_t ng;
    struct textbuf tb;
};

static struct member *member_of(const struct ego_build *b, uint32_t firm) { return &b->mem[b->at[firm]]; }

/* Every this many items a step's loop asks p. */
#define CHECK_EVERY 65536u

static int check_at(const struct ego_build *b, uint32_t i)
{
    return (i & (CHECK_EVERY - 1)) == 0 && progress_cancelled(b->p);
}

/* Step 1: the members, with their degree in the ego network and their linkages to
 * the centre, and in priority order. */
static int ego_members(struct ego_build *b)
{
    uint32_t n = b->n, center = b->m->center;
    b->mem = xcalloc(n, sizeof *b->mem);
    b->at = xmalloc((b->ds->firms.n ? b->ds->firms.n : 1) * sizeof *b->at);
    for (uint32_t i = 0; i < n; i++) {
        b->mem[i].firm = b->e.firm[i];
        b->mem[i].dist = b->e.dist[i];
        b->at[b->e.firm[i]] = i;
    }
    const struct link_table *lt = &b->ds->links;
    for (uint32_t k = 0; k < b->e.n_links; k++) {
        if (check_at(b, k))
            return -1;
        uint32_t s = lt->source[b->e.link[k]], t = lt->target[b->e.link[k]];
        struct member *ms = member_of(b, s), *mt = member_of(b, t);
        ms->degree++;
        mt->degree++;
        if (s == center)
            mt->to_center++;
        if (t == center)
            ms->to_center++;
    }
    /* the centre sorts first: distance 0 */
    b->order = xmalloc(n * sizeof *b->order);
    memcpy(b->order, b->mem, n * sizeof *b->order);
    return sort_p(b->order, n, sizeof *b->order, by_priority, b->p);
}

/* Step 2: when the members do not fit the area, how many keep a node of their own
 * and the groups (by distance and key, the smallest merged into "other") the rest
 * fall into. */
static int ego_groups(struct ego_build *b)
{
    const struct dataset *ds = b->ds;
    const struct layout_options *o = b->o;
    const struct member *order = b->order;
    uint32_t n = b->n;
    uint32_t cap = o->max_nodes ? o->max_nodes : area_capacity(o);
    if (cap < 2)
        cap = 2;
    b->keep = n;
    if (n <= cap)
        return 0;
    /* groups of every member but the centre, to know how many there would be */
    struct group *gr = xcalloc(n, sizeof *gr);
    uint32_t ng = 0;
    for (uint32_t i = 1; i < n; i++) {
        gr[ng].dist = order[i].dist;
        gr[ng].key = member_key(ds, order[i].firm, o->group_by);
        ng++;
    }
    b->gr = gr; /* freed at the end, also when stopped */
    if (sort_p(gr, ng, sizeof *gr, by_group_key, b->p))
        return -1;
    uint32_t distinct = 0;
    for (uint32_t i = 0; i < ng; i++)
        if (!i || by_group_key(&gr[i], &gr[i - 1]))
            distinct++;
    uint32_t gmax = cap / 3 > 1 ? cap / 3 : 1;
    uint32_t slots = distinct < gmax ? distinct : gmax;
    uint32_t keep = cap > slots + 1 ? cap - slots : 1;
    /* the groups of the members left over, counted */
    ng = 0;
    for (uint32_t i = keep; i < n; i++) {
        gr[ng].dist = order[i].dist;
        gr[ng].key = member_key(ds, order[i].firm, o->group_by);
        gr[ng].count = 1;
        memset(gr[ng].scale_count, 0, sizeof gr[ng].scale_count);
        gr[ng].scale_count[ds->firms.scale[order[i].firm] % SCALE_COUNT] = 1;
        ng++;
    }
    if (sort_p(gr, ng, sizeof *gr, by_group_key, b->p))
        return -1;
    uint32_t out = 0;
    for (uint32_t i = 0; i < ng; i++) {
        if (out && !by_group_key(&gr[i], &gr[out - 1])) {
            gr[out - 1].count++;
            for (unsigned s = 0; s < SCALE_COUNT; s++)
                gr[out - 1].scale_count[s] += gr[i].scale_count[s];
        } else {
            gr[out++] = gr[i];
        }
    }
    ng = out;
    /* beyond the slots: the smallest groups of each distance become "other" */
    qsort(gr, ng, sizeof *gr, by_group_size);
    if (ng > slots) {
        uint32_t kept = 0, i = 0;
        /* keep the largest groups, at most slots - 1, then one "other" per distance */
        struct group *merged = xcalloc(ng, sizeof *merged);
        uint32_t per_dist_limit = slots > 2 ? slots - 2 : 1;
        while (i < ng) {
            uint32_t d = gr[i].dist, taken = 0;
            struct group other = {.dist = d, .key = GROUP_OTHER};
            for (; i < ng && gr[i].dist == d; i++) {
                if (taken < per_dist_limit) {
                    merged[kept++] = gr[i];
                    taken++;
                } else {
                    other.count += gr[i].count;
                    for (unsigned s = 0; s < SCALE_COUNT; s++)
                        other.scale_count[s] += gr[i].scale_count[s];
                }
            }
            if (other.count)
                merged[kept++] = other;
        }
        free(gr);
        gr = merged;
        ng = kept;
    }
    b->keep = keep;
    b->gr = gr;
    b->ng = ng;
    return 0;
}

/* A firm's node: its scale, its group key and its alias (else its name) as label. */
static void firm_node(struct ego_build *b, struct layout_node *nd, uint32_t f)
{
    const struct dataset *ds = b->ds;
    nd->firm = f;
    nd->key = member_key(ds, f, b->o->group_by);
    nd->scale = ds->firms.scale[f];
    const char *alias = dataset_str(ds, ds->firms.alias[f]);
    set_label(b->m, &b->tb, nd, *alias ? alias : dataset_str(ds, ds->firms.name[f]), b->o->label_max, b->o->ascii);
}

/* Step 3: the nodes, the kept members' first, then one per group. */
static void ego_nodes(struct ego_build *b)
{
    struct ego_map *m = b->m;
    uint32_t keep = b->keep;
    m->n_nodes = keep + b->ng;
    m->node = xcalloc(m->n_nodes, sizeof *m->node);
    for (uint32_t i = 0; i < keep; i++) {
        struct layout_node *nd = &m->node[i];
        nd->count = 1;
        nd->dist = b->order[i].dist;
        firm_node(b, nd, b->order[i].firm);
        member_of(b, b->order[i].firm)->node = i;
    }
    for (uint32_t k = 0; k < b->ng; k++) {
        struct group *g = &b->gr[k];
        struct layout_node *nd = &m->node[keep + k];
        nd->firm = FIRM_NONE;
        nd->count = g->count;
        nd->dist = g->dist;
        nd->key = g->key;
        unsigned best = 0, kinds = 0;
        for (unsigned s = 0; s < SCALE_COUNT; s++) {
            kinds += g->scale_count[s] > 0;
            if (g->scale_count[s] > g->scale_count[best])
                best = s;
        }
        nd->scale = (uint8_t)best;
        nd->mixed = kinds > 1;
        group_label(m, b->ds, nd, b->o);
        g->node = keep + k;
        m->grouped_firms += g->count;
    }
    m->n_groups = b->ng;
}

/* Step 4: the members left over find their group: by (dist, key), else their
 * distance's "other"; a group of one firm is that firm and takes its name. */
static int ego_grouped(struct ego_build *b)
{
    struct ego_map *m = b->m;
    uint32_t ng = b->ng, n = b->n;
    if (!ng)
        return 0;
    struct group *look = xmalloc(ng * sizeof *look);
    memcpy(look, b->gr, ng * sizeof *look);
    qsort(look, ng, sizeof *look, by_group_key);
    for (uint32_t i = b->keep; i < n; i++) {
        if (check_at(b, i)) {
            free(look);
            return -1;
        }
        struct group key = {.dist = b->order[i].dist, .key = member_key(b->ds, b->order[i].firm, b->o->group_by)};
        struct group *hit = bsearch(&key, look, ng, sizeof *look, by_group_key);
        if (!hit) {
            key.key = GROUP_OTHER;
            hit = bsearch(&key, look, ng, sizeof *look, by_group_key);
        }
        member_of(b, b->order[i].firm)->node = hit ? hit->node : 0;
    }
    free(look);
    for (uint32_t i = b->keep; i < n; i++) {
        struct layout_node *nd = &m->node[member_of(b, b->order[i].firm)->node];
        if (nd->firm != FIRM_NONE || nd->count != 1)
            continue;
        nd->mixed = 0;
        firm_node(b, nd, b->order[i].firm);
        m->n_groups--;
        m->grouped_firms--;
    }
    return 0;
}

/* Step 5: the edges, the linkages between two different nodes merged per pair. */
static int ego_edges(struct ego_build *b)
{
    struct ego_map *m = b->m;
    const struct link_table *lt = &b->ds->links;
    const struct ego *e = &b->e;
    struct raw_edge *re = xmalloc((e->n_links ? e->n_links : 1) * sizeof *re);
    uint32_t nre = 0;
    for (uint32_t k = 0; k < e->n_links; k++) {
        if (check_at(b, k)) {
            free(re);
            return -1;
        }
        uint32_t l = e->link[k];
        uint32_t ns = member_of(b, lt->source[l])->node;
        uint32_t nt = member_of(b, lt->target[l])->node;
        if (ns == nt)
            continue;
        struct raw_edge *r = &re[nre++];
        r->a = ns < nt ? ns : nt;
        r->b = ns < nt ? nt : ns;
        r->link = l;
        r->type = lt->type[l];
        r->dir = !vocab_type_directed(lt->type[l]) ? LAYOUT_MUTUAL : ns == r->a ? LAYOUT_AB : LAYOUT_BA;
    }
    if (sort_p(re, nre, sizeof *re, by_ends, b->p)) {
        free(re);
        return -1;
    }
    m->edge = xmalloc((nre ? nre : 1) * sizeof *m->edge);
    for (uint32_t k = 0; k < nre; k++) {
        struct layout_edge *last = m->n_edges ? &m->edge[m->n_edges - 1] : NULL;
        if (last && last->a == re[k].a && last->b == re[k].b) {
            last->count++;
            last->dir |= re[k].dir;
            last->multi |= last->type != re[k].type;
            continue;
        }
        struct layout_edge *ed = &m->edge[m->n_edges++];
        ed->a = re[k].a;
        ed->b = re[k].b;
        ed->link = re[k].link;
        ed->count = 1;
        ed->type = re[k].type;
        ed->multi = 0;
        ed->dir = re[k].dir;
    }
    free(re);
    return 0;
}

/* Step 6: positions by stress, then cells of the area. */
static void ego_place(struct ego_map *m, const struct layout_options *o)
{
    double *x = xmalloc(m->n_nodes * sizeof *x), *y = xmalloc(m->n_nodes * sizeof *y);
    uint32_t *ea = xmalloc((m->n_edges ? m->n_edges : 1) * sizeof *ea);
    uint32_t *eb = xmalloc((m->n_edges ? m->n_edges : 1) * sizeof *eb);
    for (uint32_t k = 0; k < m->n_edges; k++) {
        ea[k] = m->edge[k].a;
        eb[k] = m->edge[k].b;
    }
    layout_stress(x, y, m->n_nodes, ea, eb, m->n_edges, o->seed);
    place(m, x, y, o);
    free(x);
    free(y);
    free(ea);
    free(eb);
}

void layout_ego(struct ego_map *m, struct bfs_work *w, const struct dataset *ds, const struct graph *g,
                const struct layer *L, uint32_t center, const struct layout_options *o)
{
    layout_ego_p(m, w, ds, g, L, center, o, NULL);
}

int layout_ego_p(struct ego_map *m, struct bfs_work *w, const struct dataset *ds, const struct graph *g,
                 const struct layer *L, uint32_t center, const struct layout_options *o, struct progress *p)
{
    memset(m, 0, sizeof *m);
    strpool_init(&m->labels);
    m->center = center;
    m->group_by = o->group_by;
    struct bfs_work own;
    if (!w) {
        paths_work_init(&own, ds->firms.n);
        w = &own;
    }
    struct ego_build b;
    memset(&b, 0, sizeof b);
    b.m = m;
    b.ds = ds;
    b.o = o;
    b.p = p;
    /* the steps in turn, counted on p, each asking p inside too: the ego network at
     * depth 2 of a hub is most of a large network, each step a sort or a pass over
     * its linkages */
    enum { STEPS = 7 };
    progress_add_total(p, STEPS);
    int stopped = paths_ego_p(&b.e, w, g, L, center, o->depth ? o->depth : 1, p) != 0;
    if (!stopped && b.e.n_firms == 0) { /* outside the layer: the centre alone */
        b.e.n_firms = 1;
        b.e.firm[0] = center;
        b.e.dist[0] = 0;
    }
    m->ego_firms = b.e.n_firms;
    m->ego_links = b.e.n_links;
    b.n = b.e.n_firms;
    stopped = stopped || progress_step(p, 1);
    stopped = stopped || ego_members(&b) || progress_step(p, 1);
    if (!stopped) {
        stopped = ego_groups(&b);
        if (!stopped)
            ego_nodes(&b);
        stopped = stopped || progress_step(p, 1);
    }
    stopped = stopped || ego_grouped(&b) || progress_step(p, 1);
    stopped = stopped || ego_edges(&b) || progress_step(p, 1);
    if (!stopped) {
        ego_place(m, o);
        stopped = progress_step(p, 2);
    }
    textbuf_free(&b.tb);
    free(b.gr);
    free(b.order);
    free(b.mem);
    free(b.at);
    ego_free(&b.e);
    if (w == &own)
        paths_work_free(&own);
    if (stopped) {
        layout_ego_free(m);
        return -1;
    }
    return 0;
}

void layout_ego_free(struct ego_map *m)
{
    free(m->node);
    free(m->edge);
    strpool_free(&m->labels);
    memset(m, 0, sizeof *m);
}
