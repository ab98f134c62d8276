#include "centrality.h"
#include "components.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNSEEN UINT32_MAX

/* ---- clustering ------------------------------------------------------------ */

/* Orienting every pair towards the endpoint of higher (degree, index) leaves each
 * node at most sqrt(2m) out-neighbours, so triangle counting is O(m^1.5) even with
 * hubs; each triangle is found exactly once. */
void centrality_clustering(const struct simple_graph *s, double *out)
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
    uint64_t *tri = xcalloc(n ? n : 1, sizeof *tri);
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
    for (uint32_t v = 0; v < n; v++) {
        uint32_t d = simple_degree(s, v);
        out[v] = tri[v] ? (double)(2 * tri[v]) / ((double)d * (double)(d - 1)) : 0.0;
    }
    free(stamp);
    free(tri);
    free(onbr);
    free(ostart);
}

/* ---- k-core ---------------------------------------------------------------- */

/* Batagelj and Zaversnik: nodes kept sorted by current degree in bins, each
 * removal moves a neighbour one bin down in O(1). */
void centrality_core_number(const struct simple_graph *s, uint32_t *out)
{
    uint32_t n = s->n;
    if (!n)
        return;
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
}

/* ---- betweenness and closeness ---------------------------------------------- */

struct search_shared {
    const struct simple_graph *s;
    const uint32_t *bsrc;   /* betweenness sources */
    uint32_t n_bsrc;
    const uint32_t *csrc;   /* sources searched for their own closeness only */
    uint32_t n_csrc;
    int sampled;            /* betweenness sources also add to distance sums */
    double *closeness;      /* written at distinct source nodes only */
    unsigned threads;
    atomic_uint_fast64_t done;
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
};

struct search_thread {
    struct search_shared *sh;
    unsigned id;
    double *bc;     /* this thread's partial betweenness; owned by the caller */
    double *dsum;   /* this thread's partial distance sums (sampled only) */
    pthread_t tid;
};

static double closeness_of(uint32_t reached, uint64_t totsp, uint32_t n)
{
    if (!totsp || n < 2)
        return 0.0;
    double c = (double)(reached - 1) / (double)totsp;
    return c * ((double)(reached - 1) / (double)(n - 1));
}

/* What one search keeps per node, side by side: the forward and backward passes
 * read all three fields of a node at once, so one cache miss serves them. */
struct node_state {
    double sigma;   /* shortest paths from the source */
    double delta;   /* dependency of the source on the node */
    uint32_t dist;  /* UNSEEN outside the current search */
};

static void *search_run(void *arg)
{
    struct search_thread *t = arg;
    struct search_shared *sh = t->sh;
    const struct simple_graph *s = sh->s;
    const uint32_t *start = s->start, *nbr = s->nbr;
    uint32_t n = s->n;
    /* allocated here so the pages land near the thread that uses them */
    struct node_state *st = xmalloc((size_t)n * sizeof *st);
    uint32_t *order = xmalloc((size_t)n * sizeof *order);
    for (uint32_t v = 0; v < n; v++)
        st[v].dist = UNSEEN;
    uint64_t total = (uint64_t)sh->n_bsrc + sh->n_csrc, last = 0;
    for (uint64_t k = t->id; k < total; k += sh->threads) {
        int brandes = k < sh->n_bsrc;
        uint32_t src = brandes ? sh->bsrc[k] : sh->csrc[k - sh->n_bsrc];
        uint32_t head = 0, tail = 0;
        uint64_t totsp = 0;
        st[src].dist = 0;
        st[src].sigma = 1.0;
        st[src].delta = 0.0;
        order[tail++] = src;
        while (head < tail) {
            uint32_t v = order[head++], dv = st[v].dist;
            double sv = st[v].sigma;
            totsp += dv;
            for (uint32_t i = start[v]; i < start[v + 1]; i++) {
                struct node_state *w = &st[nbr[i]];
                if (w->dist == UNSEEN) {
                    w->dist = dv + 1;
                    w->sigma = 0.0;
                    w->delta = 0.0;
                    order[tail++] = nbr[i];
                }
                if (w->dist == dv + 1)
                    w->sigma += sv;
            }
        }
        if (brandes) {
            /* dependencies flow back from the farthest nodes; predecessors are
             * recognised by distance, so no predecessor lists are stored */
            for (uint32_t i = tail; i-- > 1;) {
                uint32_t w = order[i], dw = st[w].dist;
                double coeff = (1.0 + st[w].delta) / st[w].sigma;
                for (uint32_t j = start[w]; j < start[w + 1]; j++) {
                    struct node_state *v = &st[nbr[j]];
                    if (v->dist + 1 == dw)
                        v->delta += v->sigma * coeff;
                }
                t->bc[w] += st[w].delta;
            }
            if (sh->sampled)
                for (uint32_t i = 1; i < tail; i++)
                    t->dsum[order[i]] += st[order[i]].dist;
        }
        if (!brandes || !sh->sampled)
            sh->closeness[src] = closeness_of(tail, totsp, n);
        for (uint32_t i = 0; i < tail; i++)
            st[order[i]].dist = UNSEEN;
        uint64_t done = atomic_fetch_add(&sh->done, 1) + 1;
        if (t->id == 0 && sh->progress && (done - last >= 64 || done == total)) {
            last = done;
            sh->progress(sh->progress_ctx, done, total);
        }
    }
    free(order);
    free(st);
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
static uint32_t *sample_sources(uint32_t n, uint32_t k, uint64_t seed)
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

static unsigned pick_threads(const struct centrality_options *opt, uint32_t n, uint64_t sources)
{
    long cpus = opt && opt->threads ? (long)opt->threads : sysconf(_SC_NPROCESSORS_ONLN);
    unsigned t = cpus < 1 ? 1u : (unsigned)(cpus > CENTRALITY_MAX_THREADS ? CENTRALITY_MAX_THREADS : cpus);
    /* unless asked for, a thread is worth starting only with a fair share of
     * searches to do */
    uint64_t by_work = 1 + sources / 32;
    if (!(opt && opt->threads) && t > by_work)
        t = (unsigned)by_work;
    if (t > sources && sources)
        t = (unsigned)sources;
    /* keep the per-thread arrays under about 4 GiB together */
    while (t > 1 && (uint64_t)n * 44u * t > (4ull << 30))
        t--;
    return t;
}

/* Renumbers the nodes in breadth-first order, component by component: a node's
 * neighbours then sit close to it in memory, and the O(n m) searches, which are
 * bound by memory latency, touch far fewer cache lines on clustered networks.
 * r gets only n, m, start and nbr; perm maps old to new numbers, inv back. */
static void relabel_bfs(const struct simple_graph *s, struct simple_graph *r, uint32_t *perm, uint32_t *inv)
{
    uint32_t n = s->n, head = 0, tail = 0;
    memset(r, 0, sizeof *r);
    for (uint32_t v = 0; v < n; v++)
        perm[v] = UNSEEN;
    for (uint32_t root = 0; root < n; root++) {
        if (perm[root] != UNSEEN)
            continue;
        perm[root] = tail;
        inv[tail++] = root;
        while (head < tail) {
            uint32_t u = inv[head++];
            for (uint32_t i = s->start[u]; i < s->start[u + 1]; i++)
                if (perm[s->nbr[i]] == UNSEEN) {
                    perm[s->nbr[i]] = tail;
                    inv[tail++] = s->nbr[i];
                }
        }
    }
    r->n = n;
    r->m = s->m;
    r->start = xmalloc(((size_t)n + 1) * sizeof *r->start);
    r->nbr = xmalloc(((size_t)s->start[n] + 1) * sizeof *r->nbr);
    uint32_t p = 0;
    r->start[0] = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t u = inv[i];
        for (uint32_t j = s->start[u]; j < s->start[u + 1]; j++)
            r->nbr[p++] = perm[s->nbr[j]];
        r->start[i + 1] = p;
    }
}

int centrality_paths(const struct simple_graph *s, const struct centrality_options *opt,
                     double *betweenness, double *closeness, uint32_t *sources, unsigned *threads_used)
{
    uint32_t n = s->n;
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
    for (uint32_t v = 0; v < n; v++)
        betweenness[v] = closeness[v] = 0.0;
    if (sources)
        *sources = sampled ? k : n;
    if (threads_used)
        *threads_used = 0;
    if (!n)
        return 0;

    /* the searches run on the renumbered copy; sources are chosen and results
     * reported in the caller's numbering */
    struct simple_graph r;
    uint32_t *perm = xmalloc((size_t)n * sizeof *perm), *inv = xmalloc((size_t)n * sizeof *inv);
    relabel_bfs(s, &r, perm, inv);
    double *bc = xcalloc(n, sizeof *bc), *clo = xcalloc(n, sizeof *clo);

    struct search_shared sh;
    memset(&sh, 0, sizeof sh);
    sh.s = &r;
    sh.closeness = clo;
    sh.sampled = sampled;
    atomic_init(&sh.done, 0);
    if (opt) {
        sh.progress = opt->progress;
        sh.progress_ctx = opt->progress_ctx;
    }
    uint32_t *bsrc = NULL, *csrc = NULL, *in_comp = NULL;
    struct components comp;
    memset(&comp, 0, sizeof comp);
    if (sampled) {
        bsrc = sample_sources(n, k, opt && opt->seed ? opt->seed : CENTRALITY_DEFAULT_SEED);
        sh.n_bsrc = k;
        /* Closeness needs distances from at least two sources inside a node's
         * component; components the sample missed are searched from every node
         * (they are small with high probability, so this stays cheap). */
        components_find(&comp, s);
        in_comp = xcalloc(comp.count, sizeof *in_comp);
        for (uint32_t i = 0; i < k; i++)
            in_comp[comp.of[bsrc[i]]]++;
        uint32_t nc = 0;
        for (uint32_t v = 0; v < n; v++)
            nc += in_comp[comp.of[v]] < 2 && comp.size[comp.of[v]] > 1;
        csrc = xmalloc(((size_t)nc + 1) * sizeof *csrc);
        for (uint32_t v = 0; v < n; v++)
            if (in_comp[comp.of[v]] < 2 && comp.size[comp.of[v]] > 1)
                csrc[sh.n_csrc++] = v;
    } else {
        bsrc = xmalloc((size_t)n * sizeof *bsrc);
        for (uint32_t v = 0; v < n; v++)
            bsrc[v] = v;
        sh.n_bsrc = n;
    }
    uint32_t *rbsrc = xmalloc(((size_t)sh.n_bsrc + 1) * sizeof *rbsrc);
    uint32_t *rcsrc = xmalloc(((size_t)sh.n_csrc + 1) * sizeof *rcsrc);
    for (uint32_t i = 0; i < sh.n_bsrc; i++)
        rbsrc[i] = perm[bsrc[i]];
    for (uint32_t i = 0; i < sh.n_csrc; i++)
        rcsrc[i] = perm[csrc[i]];
    sh.bsrc = rbsrc;
    sh.csrc = rcsrc;
    sh.threads = pick_threads(opt, n, (uint64_t)sh.n_bsrc + sh.n_csrc);
    if (threads_used)
        *threads_used = sh.threads;

    struct search_thread *th = xcalloc(sh.threads, sizeof *th);
    for (unsigned t = 0; t < sh.threads; t++) {
        th[t].sh = &sh;
        th[t].id = t;
        /* thread 0 adds straight into the result: summing later partials onto it
         * keeps the same fixed order as summing all partials */
        th[t].bc = t == 0 ? bc : xcalloc(n, sizeof(double));
        th[t].dsum = sampled ? xcalloc(n, sizeof(double)) : NULL;
    }
    for (unsigned t = 1; t < sh.threads; t++)
        if (pthread_create(&th[t].tid, NULL, search_run, &th[t]) != 0)
            xalloc_die("cannot start a thread");
    search_run(&th[0]);
    for (unsigned t = 1; t < sh.threads; t++)
        pthread_join(th[t].tid, NULL);
    for (unsigned t = 1; t < sh.threads; t++)
        for (uint32_t v = 0; v < n; v++)
            bc[v] += th[t].bc[v];
    for (uint32_t v = 0; v < n; v++) {
        betweenness[v] = bc[perm[v]];
        closeness[v] = clo[perm[v]];
    }

    if (sampled) {
        double *dsum = th[0].dsum;
        for (unsigned t = 1; t < sh.threads; t++)
            for (uint32_t v = 0; v < n; v++)
                dsum[v] += th[t].dsum[v];
        for (uint32_t v = 0; v < n; v++) {
            uint32_t c = comp.of[v], size = comp.size[c], ks = in_comp[c];
            if (size < 2 || ks < 2)
                continue; /* searched from v itself, or isolated */
            /* the sampled sources other than v stand for all size - 1 others */
            uint32_t others = ks - (uint32_t)(bsearch(&v, bsrc, k, sizeof *bsrc, cmp_u32) != NULL);
            double totsp = dsum[perm[v]] * (double)(size - 1) / (double)others;
            closeness[v] = totsp > 0 ? (double)(size - 1) / totsp * ((double)(size - 1) / (double)(n - 1)) : 0.0;
        }
    }

    /* networkx: normalised by the (n-1)(n-2) ordered pairs that can pass through a
     * node; with k sampled sources a source node saw k-1 useful searches and any
     * other node k, so each is scaled up to n-1. */
    if (n > 2) {
        double scale = 1.0 / ((double)(n - 1) * (double)(n - 2));
        if (!sampled) {
            for (uint32_t v = 0; v < n; v++)
                betweenness[v] *= scale;
        } else {
            double s_src = 1.0 / ((double)(k - 1) * (double)(n - 2));
            double s_other = 1.0 / ((double)k * (double)(n - 2));
            uint32_t j = 0;
            for (uint32_t v = 0; v < n; v++) {
                int is_src = j < k && bsrc[j] == v;
                j += (uint32_t)is_src;
                betweenness[v] *= is_src ? s_src : s_other;
            }
        }
    } else {
        for (uint32_t v = 0; v < n; v++)
            betweenness[v] = 0.0;
    }
    if (sh.progress)
        sh.progress(sh.progress_ctx, (uint64_t)sh.n_bsrc + sh.n_csrc, (uint64_t)sh.n_bsrc + sh.n_csrc);

    for (unsigned t = 0; t < sh.threads; t++) {
        if (t)
            free(th[t].bc);
        free(th[t].dsum);
    }
    free(th);
    free(bsrc);
    free(csrc);
    free(rbsrc);
    free(rcsrc);
    free(bc);
    free(clo);
    free(perm);
    free(inv);
    simple_free(&r);
    free(in_comp);
    components_free(&comp);
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
    for (uint32_t v = 0; v < n; v++)
        c->degree[v] = simple_degree(s, v);
    centrality_clustering(s, c->clustering);
    centrality_core_number(s, c->core);
    c->estimated = centrality_paths(s, opt, c->betweenness, c->closeness, &c->sources, &c->threads_used);
}

void centrality_free(struct centrality *c)
{
    free(c->degree);
    free(c->betweenness);
    free(c->closeness);
    free(c->clustering);
    free(c->core);
    memset(c, 0, sizeof *c);
}
