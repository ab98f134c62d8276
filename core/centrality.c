#include "centrality.h"
#include "components.h"
#include "thread.h"
#include "xalloc.h"
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNSEEN UINT32_MAX

/* ---- clustering ------------------------------------------------------------ */

/* Orienting every pair towards the endpoint of higher (degree, index) leaves each
 * node at most sqrt(2m) out-neighbours, so triangle counting is O(m^1.5) even with
 * hubs; each triangle is found exactly once. */
void centrality_triangles(const struct simple_graph *s, uint64_t *tri)
{
    uint32_t n = s->n;
    uint32_t *ostart = xcalloc((size_t)n + 1, sizeof *ostart);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t dv = simple_degree(s, v), c = 0;
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
            uint32_t u = s->nbr[i], du = simple_degree(s, u);
            c += du > dv || (du == dv && u > v);
        }
        ostart[v + 1] = ostart[v] + c;
    }
    uint32_t *onbr = xmalloc(((size_t)ostart[n] + 1) * sizeof *onbr);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t dv = simple_degree(s, v), p = ostart[v];
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
            uint32_t u = s->nbr[i], du = simple_degree(s, u);
            if (du > dv || (du == dv && u > v))
                onbr[p++] = u;
        }
    }
    memset(tri, 0, (size_t)n * sizeof *tri);
    uint32_t *stamp = xmalloc((n ? n : 1) * sizeof *stamp);
    for (uint32_t v = 0; v < n; v++)
        stamp[v] = UNSEEN;
    for (uint32_t v = 0; v < n; v++) {
        for (uint32_t i = ostart[v]; i < ostart[v + 1]; i++)
            stamp[onbr[i]] = v;
        for (uint32_t i = ostart[v]; i < ostart[v + 1]; i++) {
            uint32_t u = onbr[i];
            for (uint32_t j = ostart[u]; j < ostart[u + 1]; j++) {
                uint32_t w = onbr[j];
                if (stamp[w] == v) {
                    tri[v]++;
                    tri[u]++;
                    tri[w]++;
                }
            }
        }
    }
    free(stamp);
    free(onbr);
    free(ostart);
}

void centrality_clustering(const struct simple_graph *s, double *out)
{
    uint32_t n = s->n;
    uint64_t *tri = xmalloc((n ? n : 1) * sizeof *tri);
    centrality_triangles(s, tri);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t d = simple_degree(s, v);
        out[v] = tri[v] ? (double)(2 * tri[v]) / ((double)d * (double)(d - 1)) : 0.0;
    }
    free(tri);
}

/* ---- k-core ---------------------------------------------------------------- */

/* Batagelj and Zaversnik: nodes kept sorted by current degree in bins, each
 * removal moves a neighbour one bin down in O(1). */
void centrality_core_number(const struct simple_graph *s, uint32_t *out)
{
    centrality_core_number_p(s, out, NULL);
}

int centrality_core_number_p(const struct simple_graph *s, uint32_t *out, struct progress *p)
{
    uint32_t n = s->n;
    uint64_t pending = 0;
    if (!n)
        return 0;
    uint32_t maxd = 0;
    for (uint32_t v = 0; v < n; v++) {
        out[v] = simple_degree(s, v);
        if (out[v] > maxd)
            maxd = out[v];
    }
    uint32_t *bin = xcalloc((size_t)maxd + 2, sizeof *bin);
    uint32_t *pos = xmalloc((size_t)n * sizeof *pos);
    uint32_t *vert = xmalloc((size_t)n * sizeof *vert);
    for (uint32_t v = 0; v < n; v++)
        bin[out[v]]++;
    uint32_t at = 0;
    for (uint32_t d = 0; d <= maxd; d++) {
        uint32_t k = bin[d];
        bin[d] = at;
        at += k;
    }
    for (uint32_t v = 0; v < n; v++) {
        pos[v] = bin[out[v]]++;
        vert[pos[v]] = v;
    }
    for (uint32_t d = maxd; d > 0; d--)
        bin[d] = bin[d - 1];
    bin[0] = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = vert[i];
        if (progress_tick(p, &pending, 1)) {
            free(bin);
            free(pos);
            free(vert);
            return -1;
        }
        for (uint32_t j = s->start[v]; j < s->start[v + 1]; j++) {
            uint32_t u = s->nbr[j];
            if (out[u] > out[v]) {
                /* swap u with the first node of its bin, then shrink the bin */
                uint32_t du = out[u], pu = pos[u], pw = bin[du], w = vert[pw];
                if (u != w) {
                    pos[u] = pw;
                    vert[pu] = w;
                    pos[w] = pu;
                    vert[pw] = u;
                }
                bin[du]++;
                out[u]--;
            }
        }
    }
    free(vert);
    free(pos);
    free(bin);
    progress_step(p, pending);
    return 0;
}

/* ---- betweenness and closeness ---------------------------------------------- */

/* The searches run on a reduced copy of the graph. A leaf (a node whose one
 * neighbour, its anchor, has other neighbours) is folded into its anchor: every
 * shortest path from or to a leaf is one of the anchor's plus that hop, so a search
 * from the anchor, each node weighted by the nodes it stands for, yields the
 * leaf's dependencies and distances too (the 1-degree reduction of Baglioni et al.,
 * "Fast exact computation of betweenness centrality in social networks", 2012).
 * Kept nodes are renumbered in breadth-first order, component by component, so a
 * node's neighbours sit near it in memory: the searches are bound by memory
 * latency and touch far fewer cache lines that way on clustered networks. */
struct reduced {
    uint32_t n;        /* kept nodes: every node but the folded leaves */
    uint64_t pairs;    /* pairs among kept nodes */
    uint32_t *start;   /* n + 1 offsets into nbr; owned */
    uint32_t *nbr;     /* 2 pairs kept neighbours; owned */
    uint32_t *weight;  /* n: 1 + the leaves folded into the node; owned */
    uint32_t *rep;     /* caller's n: the kept node standing for a node (itself or its anchor); owned */
    uint8_t *leaf;     /* caller's n: 1 for a folded leaf; owned */
};

static void reduced_build(struct reduced *r, const struct simple_graph *s)
{
    uint32_t n = s->n, kept = 0, head = 0;
    size_t nn = n ? n : 1;
    memset(r, 0, sizeof *r);
    r->leaf = xcalloc(nn, 1);
    r->rep = xmalloc(nn * sizeof *r->rep);
    /* kept nodes in their new order; a two-node component keeps both ends */
    uint32_t *inv = xmalloc(nn * sizeof *inv);
    for (uint32_t v = 0; v < n; v++) {
        r->rep[v] = UNSEEN;
        r->leaf[v] = simple_degree(s, v) == 1 && simple_degree(s, s->nbr[s->start[v]]) > 1;
    }
    for (uint32_t root = 0; root < n; root++) {
        if (r->leaf[root] || r->rep[root] != UNSEEN)
            continue;
        r->rep[root] = kept;
        inv[kept++] = root;
        while (head < kept) {
            uint32_t u = inv[head++];
            for (uint32_t i = s->start[u]; i < s->start[u + 1]; i++) {
                uint32_t x = s->nbr[i];
                if (!r->leaf[x] && r->rep[x] == UNSEEN) {
                    r->rep[x] = kept;
                    inv[kept++] = x;
                }
            }
        }
    }
    r->n = kept;
    r->weight = xcalloc(kept ? kept : 1, sizeof *r->weight);
    for (uint32_t v = 0; v < n; v++) {
        if (r->leaf[v])
            r->rep[v] = r->rep[s->nbr[s->start[v]]];
        r->weight[r->rep[v]]++;
    }
    r->start = xmalloc(((size_t)kept + 1) * sizeof *r->start);
    r->nbr = xmalloc(((size_t)s->start[n] + 1) * sizeof *r->nbr);
    uint32_t p = 0;
    r->start[0] = 0;
    for (uint32_t i = 0; i < kept; i++) {
        uint32_t u = inv[i];
        for (uint32_t j = s->start[u]; j < s->start[u + 1]; j++)
            if (!r->leaf[s->nbr[j]])
                r->nbr[p++] = r->rep[s->nbr[j]];
        r->start[i + 1] = p;
    }
    r->pairs = p / 2;
    free(inv);
}

static void reduced_free(struct reduced *r)
{
    free(r->start);
    free(r->nbr);
    free(r->weight);
    free(r->rep);
    free(r->leaf);
    memset(r, 0, sizeof *r);
}

struct search_shared {
    const struct reduced *r;
    const uint32_t *task;      /* kept nodes to search from */
    uint32_t n_task;
    /* per kept node: the sources it stands for (exact: its weight; sampled: the
     * sampled nodes it stands for) and how many of them are folded leaves */
    const uint32_t *mult;
    const uint32_t *leafmult;
    const uint8_t *want_closeness; /* per kept node: closeness from its own search */
    int sampled;               /* Brandes searches also add to distance sums */
    uint32_t *reach;           /* per kept node searched for closeness: nodes reached, itself included */
    uint64_t *distsum;         /* ... and their summed distance */
    unsigned threads;
    atomic_uint_fast64_t done;
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
};

struct search_thread {
    struct search_shared *sh;
    unsigned id;
    double *bc;     /* this thread's partial betweenness of kept nodes; owned by the caller */
    double *dsum;   /* this thread's partial distance sums (sampled only) */
    double *bc2;    /* this thread's partial sums of squared dependencies (sampled only) */
    double *dsum2;  /* this thread's partial sums of squared distances (sampled only) */
};

static double closeness_of(uint32_t reached, uint64_t totsp, uint32_t n)
{
    if (!totsp || n < 2)
        return 0.0;
    double c = (double)(reached - 1) / (double)totsp;
    return c * ((double)(reached - 1) / (double)(n - 1));
}

/* One search per task: a breadth-first pass that counts shortest paths (sigma)
 * and records each node's predecessors, then, for Brandes searches, the
 * dependencies flowing back over those predecessors from the farthest nodes.
 * What keeps it fast: the neighbour test reads one byte per node (the distance
 * mod 3, enough to tell the previous, the current and the next level apart), is
 * branch-free, and sigma is pulled from the recorded predecessors only, so the
 * wide per-node arrays are touched once per shortest-path edge, never per
 * neighbour; the backward pass walks the predecessor list instead of every
 * neighbour again. */
static void *search_run(void *arg)
{
    struct search_thread *t = arg;
    struct search_shared *sh = t->sh;
    const struct reduced *r = sh->r;
    const uint32_t *start = r->start, *nbr = r->nbr, *weight = r->weight;
    uint32_t n = r->n;
    /* allocated here so the pages land near the thread that uses them */
    uint8_t *level = xcalloc(n, 1);  /* 0 unseen, else 1 + distance mod 3 */
    double *sigma = xmalloc((size_t)n * sizeof *sigma);
    double *acc = xmalloc((size_t)n * sizeof *acc); /* sum over successors of (weight + dependency) / sigma */
    uint32_t *order = xmalloc(((size_t)n + 1) * sizeof *order);  /* visit order; one spare slot */
    uint32_t *pstart = xmalloc(((size_t)n + 1) * sizeof *pstart); /* predecessors of order[i] */
    uint32_t *pred = xmalloc(((size_t)r->pairs + 1) * sizeof *pred); /* one spare slot */
    uint64_t total = sh->n_task, last = 0;
    for (uint64_t k = t->id; k < total; k += sh->threads) {
        uint32_t src = sh->task[k], mult = sh->mult[src], leafm = sh->leafmult[src];
        int add_dsum = sh->sampled && mult;
        uint32_t head = 0, tail = 1, np = 0, dist = 0;
        uint64_t reached = 0, wdist = 0;
        uint8_t code = 1;
        order[0] = src;
        level[src] = code;
        while (head < tail) {
            uint8_t next = (uint8_t)(code % 3 + 1), prev = (uint8_t)(next % 3 + 1);
            uint32_t end = tail;
            uint64_t lw = 0;
            for (; head < end; head++) {
                /* locals, because the byte stores below may alias anything */
                uint32_t v = order[head], b = np, e = start[v + 1];
                pstart[head] = b;
                for (uint32_t i = start[v]; i < e; i++) {
                    uint32_t u = nbr[i];
                    uint8_t l = level[u];
                    /* written unconditionally, kept only when it counts */
                    order[tail] = u;
                    tail += l == 0;
                    level[u] = l ? l : next;
                    pred[np] = u;
                    np += l == prev;
                }
                double sg = 1.0; /* the source has no predecessor */
                if (np > b) {
                    sg = 0.0;
                    for (uint32_t j = b; j < np; j++)
                        sg += sigma[pred[j]];
                }
                sigma[v] = sg;
                acc[v] = 0.0;
                lw += weight[v];
                if (add_dsum) {
                    t->dsum[v] += (double)((uint64_t)mult * dist + leafm);
                    /* the leaf sources sit one hop farther: (dist + 1)^2 each */
                    if (t->dsum2)
                        t->dsum2[v] += (double)mult * dist * dist + (double)leafm * (2.0 * dist + 1.0);
                }
            }
            reached += lw;
            wdist += lw * dist;
            dist++;
            code = next;
        }
        pstart[tail] = np;
        if (mult) {
            /* a node's dependency is sigma * acc; its leaves are targets behind it */
            double m = (double)mult;
            for (uint32_t i = tail; i-- > 1;) {
                uint32_t w = order[i];
                double a = acc[w], sg = sigma[w], wt = (double)weight[w];
                double dep = sg * a + (wt - 1.0);
                t->bc[w] += m * dep;
                /* each of the mult sources has this same dependency on w */
                if (t->bc2)
                    t->bc2[w] += m * dep * dep;
                double c = wt / sg + a;
                for (uint32_t j = pstart[i]; j < pstart[i + 1]; j++)
                    acc[pred[j]] += c;
            }
            /* a folded leaf as source: its anchor lies on its path to every
             * other reached node but the anchor itself */
            if (leafm) {
                t->bc[src] += (double)leafm * (double)(reached - 2);
                if (t->bc2)
                    t->bc2[src] += (double)leafm * (double)(reached - 2) * (double)(reached - 2);
            }
        }
        if (sh->want_closeness[src]) {
            /* the leaves of a reached node sit one hop behind it */
            sh->reach[src] = (uint32_t)reached;
            sh->distsum[src] = wdist + (reached - tail);
        }
        for (uint32_t i = 0; i < tail; i++)
            level[order[i]] = 0;
        uint64_t done = atomic_fetch_add(&sh->done, 1) + 1;
        if (t->id == 0 && sh->progress && (done - last >= 64 || done == total)) {
            last = done;
            sh->progress(sh->progress_ctx, done, total);
        }
    }
    free(pred);
    free(pstart);
    free(order);
    free(acc);
    free(sigma);
    free(level);
    return NULL;
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* k distinct nodes by a partial Fisher-Yates shuffle, sorted so that the sample
 * is a set whatever the thread layout. */
uint32_t *centrality_sample_sources(uint32_t n, uint32_t k, uint64_t seed)
{
    uint32_t *perm = xmalloc((size_t)n * sizeof *perm);
    for (uint32_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t state = seed;
    for (uint32_t i = 0; i < k; i++) {
        uint64_t r = splitmix64(&state);
        uint32_t j = i + (uint32_t)(((r >> 32) * (uint64_t)(n - i)) >> 32);
        uint32_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
    }
    qsort(perm, k, sizeof *perm, cmp_u32);
    return xrealloc(perm, (size_t)k * sizeof *perm);
}

/* Work arrays of one thread: CENTRALITY_THREAD_NODE_BYTES a node and
 * CENTRALITY_THREAD_PAIR_BYTES a pair of the reduced graph. */
static unsigned pick_threads(const struct centrality_options *opt, uint32_t n, uint64_t pairs, uint64_t searches)
{
    long cpus = opt && opt->threads ? (long)opt->threads : sysconf(_SC_NPROCESSORS_ONLN);
    unsigned t = cpus < 1 ? 1u : (unsigned)(cpus > CENTRALITY_MAX_THREADS ? CENTRALITY_MAX_THREADS : cpus);
    /* unless asked for, a thread is worth starting only with a fair share of
     * searches to do */
    uint64_t by_work = 1 + searches / 32;
    if (!(opt && opt->threads) && t > by_work)
        t = (unsigned)by_work;
    if (t > searches && searches)
        t = (unsigned)searches;
    /* keep the per-thread arrays under about 4 GiB together */
    uint64_t each = (uint64_t)n * CENTRALITY_THREAD_NODE_BYTES + pairs * CENTRALITY_THREAD_PAIR_BYTES;
    while (t > 1 && each * t > (4ull << 30))
        t--;
    return t;
}

int centrality_paths(const struct simple_graph *s, const struct centrality_options *opt,
                     double *betweenness, double *closeness, uint32_t *sources, unsigned *threads_used)
{
    return centrality_paths_se(s, opt, betweenness, closeness, NULL, NULL, sources, threads_used);
}

/* The standard error of a sampled value, from the sum and the sum of squares of
 * the dependencies the kk sources other than v put on v: those sources are a
 * simple random sample without replacement of the N = n - 1 possible ones, and
 * the estimate is N mean / ((n - 1)(n - 2)) = mean / (n - 2), so
 *   SE = sqrt((1 - kk/N) s^2 / kk) / (n - 2)
 * with s^2 the sample variance of the dependencies (NaN when kk < 2). */
double centrality_sample_se(double sum, double sumsq, uint32_t kk, uint32_t n)
{
    if (kk < 2 || n < 3)
        return NAN;
    double mean = sum / kk, var = (sumsq - (double)kk * mean * mean) / (double)(kk - 1);
    if (var < 0)
        var = 0; /* rounding when every dependency is equal */
    double fpc = 1.0 - (double)kk / (double)(n - 1);
    if (fpc < 0)
        fpc = 0;
    return sqrt(fpc * var / (double)kk) / (double)(n - 2);
}

double centrality_closeness_se(double sum, double sumsq, uint32_t kk, uint32_t size, double closeness)
{
    if (kk < 2 || size < 2 || sum <= 0)
        return NAN;
    double N = (double)(size - 1), mean = sum / kk;
    double var = (sumsq - (double)kk * mean * mean) / (double)(kk - 1);
    double fpc = 1.0 - (double)kk / N;
    double se_total = N * sqrt((var > 0 ? var : 0) * (fpc > 0 ? fpc : 0) / (double)kk);
    return closeness * se_total / (N * mean);
}

int centrality_plan_sources(const struct centrality_options *opt, uint32_t n, uint32_t *k_out)
{
    uint32_t exact_max = opt && opt->exact_max ? opt->exact_max : CENTRALITY_EXACT_MAX;
    uint32_t k = opt ? opt->samples : 0;
    int sampled;
    if (!k) {
        sampled = n > exact_max;
        k = CENTRALITY_DEFAULT_SAMPLES;
    } else {
        sampled = 1;
    }
    if (k < 2)
        k = 2; /* the source-node scale divides by k - 1 */
    if (k >= n)
        sampled = 0;
    *k_out = k;
    return sampled;
}

/* Everything one call of centrality_paths_se works with, so that its steps below
 * can be named functions; all arrays owned, freed by paths_free. */
struct paths_work {
    const struct simple_graph *s;
    uint32_t n, k;              /* nodes; sources sampled (when sampled) */
    int sampled;
    struct reduced r;           /* the graph the searches run on */
    uint32_t *mult, *leafmult;  /* per kept node, as in search_shared */
    uint8_t *want;              /* per kept node: closeness from its own search */
    uint32_t *bsrc;             /* sampled only: the k sources, ascending */
    uint32_t *in_comp;          /* sampled only: sampled sources per component */
    struct components comp;     /* sampled only */
    uint32_t *task, n_task;     /* kept nodes searched from */
    uint32_t *reach;            /* per kept node searched for closeness */
    uint64_t *distsum;
    struct search_shared sh;
    double *bc;                 /* betweenness of kept nodes, thread 0's partial with the others added */
    struct search_thread *th;   /* sh.threads of them */
};

/* Step 1: the reduced graph, which sources each kept node stands for, and the
 * nodes whose closeness needs a search of their own. */
static void paths_plan(struct paths_work *w, const struct centrality_options *opt)
{
    const struct simple_graph *s = w->s;
    uint32_t n = w->n, k = w->k;
    reduced_build(&w->r, s);
    const struct reduced *r = &w->r;
    uint32_t nr = r->n;
    w->mult = xcalloc(nr, sizeof *w->mult);
    w->leafmult = xcalloc(nr, sizeof *w->leafmult);
    w->want = xcalloc(nr, 1);
    memset(&w->comp, 0, sizeof w->comp);
    if (w->sampled) {
        w->bsrc = centrality_sample_sources(n, k, opt && opt->seed ? opt->seed : CENTRALITY_DEFAULT_SEED);
        for (uint32_t i = 0; i < k; i++) {
            w->mult[r->rep[w->bsrc[i]]]++;
            w->leafmult[r->rep[w->bsrc[i]]] += r->leaf[w->bsrc[i]];
        }
        /* Closeness needs distances from at least two sources inside a node's
         * component; components the sample missed are searched from every node
         * (they are small with high probability, so this stays cheap). */
        components_find(&w->comp, s);
        w->in_comp = xcalloc(w->comp.count, sizeof *w->in_comp);
        for (uint32_t i = 0; i < k; i++)
            w->in_comp[w->comp.of[w->bsrc[i]]]++;
        for (uint32_t v = 0; v < n; v++)
            if (w->in_comp[w->comp.of[v]] < 2 && w->comp.size[w->comp.of[v]] > 1)
                w->want[r->rep[v]] = 1;
    } else {
        for (uint32_t v = 0; v < nr; v++) {
            w->mult[v] = r->weight[v];
            w->leafmult[v] = r->weight[v] - 1;
            w->want[v] = 1;
        }
    }
    w->task = xmalloc((size_t)nr * sizeof *w->task);
    w->n_task = 0;
    for (uint32_t v = 0; v < nr; v++)
        if (w->mult[v] || w->want[v])
            w->task[w->n_task++] = v;
    w->reach = xcalloc(nr, sizeof *w->reach);
    w->distsum = xcalloc(nr, sizeof *w->distsum);
}

/* Step 2: the searches, split over threads, each with partial sums of its own;
 * thread 0's betweenness partial is w->bc. */
static void paths_search(struct paths_work *w, const struct centrality_options *opt, int want_bse, int want_cse)
{
    uint32_t nr = w->r.n;
    struct search_shared *sh = &w->sh;
    memset(sh, 0, sizeof *sh);
    sh->r = &w->r;
    sh->task = w->task;
    sh->n_task = w->n_task;
    sh->mult = w->mult;
    sh->leafmult = w->leafmult;
    sh->want_closeness = w->want;
    sh->sampled = w->sampled;
    sh->reach = w->reach;
    sh->distsum = w->distsum;
    atomic_init(&sh->done, 0);
    if (opt) {
        sh->progress = opt->progress;
        sh->progress_ctx = opt->progress_ctx;
    }
    sh->threads = pick_threads(opt, nr, w->r.pairs, w->n_task);

    w->bc = xcalloc(nr, sizeof *w->bc);
    w->th = xcalloc(sh->threads, sizeof *w->th);
    for (unsigned t = 0; t < sh->threads; t++) {
        struct search_thread *th = &w->th[t];
        th->sh = sh;
        th->id = t;
        /* thread 0 adds straight into the result: summing later partials onto it
         * keeps the same fixed order as summing all partials */
        th->bc = t == 0 ? w->bc : xcalloc(nr, sizeof(double));
        th->dsum = w->sampled ? xcalloc(nr, sizeof(double)) : NULL;
        th->bc2 = w->sampled && want_bse ? xcalloc(nr, sizeof(double)) : NULL;
        th->dsum2 = w->sampled && want_cse ? xcalloc(nr, sizeof(double)) : NULL;
    }
    /* a share whose thread could not start runs here after th[0]'s: the same
     * partial sums, added in the same order */
    thread_run(search_run, w->th, sizeof *w->th, sh->threads);
    for (unsigned t = 1; t < sh->threads; t++)
        for (uint32_t v = 0; v < nr; v++)
            w->bc[v] += w->th[t].bc[v];
}

/* Step 3: raw betweenness (and its standard error when sampled) in the caller's
 * numbering, and closeness of the nodes searched from themselves. */
static void paths_gather(struct paths_work *w, double *betweenness, double *closeness, double *betweenness_se)
{
    const struct reduced *r = &w->r;
    uint32_t n = w->n, k = w->k, nr = r->n;
    double *bc2 = w->th[0].bc2;
    if (bc2) {
        for (unsigned t = 1; t < w->sh.threads; t++)
            for (uint32_t v = 0; v < nr; v++)
                bc2[v] += w->th[t].bc2[v];
        uint32_t j = 0;
        for (uint32_t v = 0; v < n; v++) {
            int is_src = j < k && w->bsrc[j] == v;
            j += (uint32_t)is_src;
            /* a folded leaf lies inside no shortest path whatever the sample */
            betweenness_se[v] = r->leaf[v] ? 0.0
                                           : centrality_sample_se(w->bc[r->rep[v]], bc2[r->rep[v]],
                                                                  is_src ? k - 1 : k, n);
        }
    }
    /* a folded leaf lies inside no shortest path; its distances are its
     * anchor's plus one, to every node but itself and the anchor (one hop) */
    for (uint32_t v = 0; v < n; v++) {
        uint32_t x = r->rep[v];
        betweenness[v] = r->leaf[v] ? 0.0 : w->bc[x];
        if (w->want[x])
            closeness[v] = closeness_of(w->reach[x], w->distsum[x] + (r->leaf[v] ? w->reach[x] - 2u : 0u), n);
    }
}

/* Step 4 (sampled only): closeness of the other nodes from the sampled sources'
 * distance sums, scaled up to every other node of the component. */
static void paths_closeness_sampled(struct paths_work *w, double *closeness, double *closeness_se)
{
    const struct reduced *r = &w->r;
    uint32_t n = w->n, k = w->k, nr = r->n;
    double *dsum = w->th[0].dsum;
    double *dsum2 = w->th[0].dsum2;
    for (unsigned t = 1; t < w->sh.threads; t++)
        for (uint32_t v = 0; v < nr; v++) {
            dsum[v] += w->th[t].dsum[v];
            if (dsum2)
                dsum2[v] += w->th[t].dsum2[v];
        }
    for (uint32_t v = 0; v < n; v++) {
        uint32_t c = w->comp.of[v], size = w->comp.size[c], ks = w->in_comp[c];
        if (size < 2 || ks < 2)
            continue; /* searched from v itself, or isolated */
        /* the sampled sources other than v stand for all size - 1 others */
        uint32_t is_src = bsearch(&v, w->bsrc, k, sizeof *w->bsrc, cmp_u32) != NULL;
        uint32_t others = ks - is_src;
        /* from each source but v, a leaf is one hop farther than its anchor */
        double d = dsum[r->rep[v]] + (r->leaf[v] ? (double)(ks - 2 * is_src) : 0.0);
        double totsp = d * (double)(size - 1) / (double)others;
        closeness[v] = totsp > 0 ? (double)(size - 1) / totsp * ((double)(size - 1) / (double)(n - 1)) : 0.0;
        if (dsum2 && totsp > 0) {
            /* squared distances from the sources but v: a leaf's are (d + 1)^2
             * of its anchor's, less the (1 + 1)^2 of v itself as a source */
            double x = dsum2[r->rep[v]], lin = dsum[r->rep[v]];
            double d2 = r->leaf[v] ? x + 2.0 * lin + (double)ks - 4.0 * is_src : x;
            closeness_se[v] = centrality_closeness_se(d, d2, others, size, closeness[v]);
        } else if (closeness_se) {
            closeness_se[v] = NAN;
        }
    }
}

/* Step 5: networkx's normalisation, by the (n-1)(n-2) ordered pairs that can pass
 * through a node; with k sampled sources a source node saw k-1 useful searches
 * and any other node k, so each is scaled up to n-1. */
static void paths_normalise(const struct paths_work *w, double *betweenness)
{
    uint32_t n = w->n, k = w->k;
    if (n <= 2) {
        for (uint32_t v = 0; v < n; v++)
            betweenness[v] = 0.0;
        return;
    }
    double scale = 1.0 / ((double)(n - 1) * (double)(n - 2));
    if (!w->sampled) {
        for (uint32_t v = 0; v < n; v++)
            betweenness[v] *= scale;
        return;
    }
    double s_src = 1.0 / ((double)(k - 1) * (double)(n - 2));
    double s_other = 1.0 / ((double)k * (double)(n - 2));
    uint32_t j = 0;
    for (uint32_t v = 0; v < n; v++) {
        int is_src = j < k && w->bsrc[j] == v;
        j += (uint32_t)is_src;
        betweenness[v] *= is_src ? s_src : s_other;
    }
}

static void paths_free(struct paths_work *w)
{
    for (unsigned t = 0; t < w->sh.threads; t++) {
        if (t)
            free(w->th[t].bc);
        free(w->th[t].dsum);
        free(w->th[t].bc2);
        free(w->th[t].dsum2);
    }
    free(w->th);
    free(w->bc);
    free(w->bsrc);
    free(w->task);
    free(w->reach);
    free(w->distsum);
    free(w->mult);
    free(w->leafmult);
    free(w->want);
    reduced_free(&w->r);
    free(w->in_comp);
    components_free(&w->comp);
}

int centrality_paths_se(const struct simple_graph *s, const struct centrality_options *opt, double *betweenness,
                        double *closeness, double *betweenness_se, double *closeness_se, uint32_t *sources,
                        unsigned *threads_used)
{
    uint32_t n = s->n, k;
    int sampled = centrality_plan_sources(opt, n, &k);
    for (uint32_t v = 0; v < n; v++)
        betweenness[v] = closeness[v] = 0.0;
    for (uint32_t v = 0; betweenness_se && v < n; v++)
        betweenness_se[v] = sampled ? NAN : 0.0;
    for (uint32_t v = 0; closeness_se && v < n; v++)
        closeness_se[v] = 0.0; /* exact unless the sampled step says otherwise */
    if (sources)
        *sources = sampled ? k : n;
    if (threads_used)
        *threads_used = 0;
    if (!n)
        return 0;

    /* sources are chosen and results reported in the caller's numbering; the
     * searches run on the reduced graph */
    struct paths_work w;
    memset(&w, 0, sizeof w);
    w.s = s;
    w.n = n;
    w.k = k;
    w.sampled = sampled;
    paths_plan(&w, opt);
    paths_search(&w, opt, betweenness_se != NULL, closeness_se != NULL);
    if (threads_used)
        *threads_used = w.sh.threads;
    paths_gather(&w, betweenness, closeness, betweenness_se);
    if (sampled)
        paths_closeness_sampled(&w, closeness, closeness_se);
    paths_normalise(&w, betweenness);
    if (w.sh.progress)
        w.sh.progress(w.sh.progress_ctx, w.n_task, w.n_task);
    paths_free(&w);
    return sampled;
}

/* ---- all together ------------------------------------------------------------ */

void centrality_compute(struct centrality *c, const struct simple_graph *s,
                        const struct centrality_options *opt)
{
    uint32_t n = s->n;
    size_t nn = n ? n : 1;
    memset(c, 0, sizeof *c);
    c->n = n;
    c->degree = xmalloc(nn * sizeof *c->degree);
    c->betweenness = xmalloc(nn * sizeof *c->betweenness);
    c->closeness = xmalloc(nn * sizeof *c->closeness);
    c->clustering = xmalloc(nn * sizeof *c->clustering);
    c->core = xmalloc(nn * sizeof *c->core);
    c->betweenness_se = xmalloc(nn * sizeof *c->betweenness_se);
    c->closeness_se = xmalloc(nn * sizeof *c->closeness_se);
    for (uint32_t v = 0; v < n; v++)
        c->degree[v] = simple_degree(s, v);
    centrality_clustering(s, c->clustering);
    centrality_core_number(s, c->core);
    c->estimated = centrality_paths_se(s, opt, c->betweenness, c->closeness, c->betweenness_se, c->closeness_se,
                                       &c->sources, &c->threads_used);
}

void centrality_free(struct centrality *c)
{
    free(c->degree);
    free(c->betweenness);
    free(c->closeness);
    free(c->clustering);
    free(c->core);
    free(c->betweenness_se);
    free(c->closeness_se);
    memset(c, 0, sizeof *c);
}
