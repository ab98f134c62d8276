#include "direction.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

/* Returns 0, or -1 when p was cancelled (the search asks every PROGRESS_EVERY steps:
 * one component can hold every node). */
static int sccs(struct direction *d, const struct arc_graph *a, struct progress *p)
{
    uint32_t n = a->n;
    size_t nn = n ? n : 1;
    uint32_t *index = xmalloc(nn * sizeof *index), *low = xmalloc(nn * sizeof *low);
    uint32_t *stack = xmalloc(nn * sizeof *stack), *call = xmalloc(nn * sizeof *call);
    uint32_t *next = xmalloc(nn * sizeof *next); /* next arc to look at, per node on the call stack */
    uint8_t *on = xcalloc(nn, 1);
    uint32_t *raw = d->scc, counter = 0, sp = 0, ncomp = 0;
    for (uint32_t v = 0; v < n; v++)
        index[v] = NONE;
    uint64_t steps = 0;
    int stopped = 0;
    for (uint32_t root = 0; root < n && !stopped; root++) {
        if (index[root] != NONE)
            continue;
        uint32_t cp = 0;
        call[cp++] = root;
        index[root] = low[root] = counter++;
        next[root] = a->out_start[root];
        stack[sp++] = root;
        on[root] = 1;
        while (cp) {
            if (++steps % PROGRESS_EVERY == 0 && progress_step(p, PROGRESS_EVERY)) {
                stopped = 1;
                break;
            }
            uint32_t v = call[cp - 1];
            if (next[v] < a->out_start[v + 1]) {
                uint32_t w = a->out[next[v]++];
                if (index[w] == NONE) {
                    index[w] = low[w] = counter++;
                    next[w] = a->out_start[w];
                    stack[sp++] = w;
                    on[w] = 1;
                    call[cp++] = w;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            cp--;
            if (cp && low[v] < low[call[cp - 1]])
                low[call[cp - 1]] = low[v];
            if (low[v] == index[v]) {
                uint32_t w;
                do {
                    w = stack[--sp];
                    on[w] = 0;
                    raw[w] = ncomp;
                } while (w != v);
                ncomp++;
            }
        }
    }
    if (stopped) {
        free(index);
        free(low);
        free(stack);
        free(call);
        free(next);
        free(on);
        return -1;
    }
    /* renumber by smallest node: the first node met of each component names it */
    uint32_t *label = index; /* reused: raw component -> final number */
    for (uint32_t c = 0; c < ncomp; c++)
        label[c] = NONE;
    uint32_t *size = low; /* reused: nodes per final component */
    memset(size, 0, nn * sizeof *size);
    uint32_t k = 0;
    for (uint32_t v = 0; v < n; v++) {
        if (label[raw[v]] == NONE)
            label[raw[v]] = k++;
        raw[v] = label[raw[v]];
        size[raw[v]]++;
    }
    d->scc_count = ncomp;
    for (uint32_t c = 0; c < ncomp; c++)
        if (size[c] > d->scc_largest) {
            d->scc_largest = size[c];
            d->scc_largest_id = c;
        }
    free(index);
    free(low);
    free(stack);
    free(call);
    free(next);
    free(on);
    return 0;
}

void direction_compute(struct direction *d, const struct arc_graph *a)
{
    direction_compute_p(d, a, NULL);
}

int direction_compute_p(struct direction *d, const struct arc_graph *a, struct progress *p)
{
    uint32_t n = a->n;
    size_t nn = n ? n : 1;
    memset(d, 0, sizeof *d);
    d->n = n;
    d->in_degree = xmalloc(nn * sizeof *d->in_degree);
    d->out_degree = xmalloc(nn * sizeof *d->out_degree);
    d->mutual = xmalloc(nn * sizeof *d->mutual);
    d->scc = xmalloc(nn * sizeof *d->scc);
    d->arcs = a->m;
    /* units: the nodes, then the search's steps (about one per node and arc) */
    progress_add_total(p, (uint64_t)n * 2 + a->m);
    uint64_t pending = 0;
    for (uint32_t v = 0; v < n; v++) {
        if (progress_tick(p, &pending, 1)) {
            direction_free(d);
            return -1;
        }
        d->out_degree[v] = a->out_start[v + 1] - a->out_start[v];
        d->in_degree[v] = a->in_start[v + 1] - a->in_start[v];
        /* both rows are sorted: one merge finds the partners in both */
        uint32_t i = a->out_start[v], j = a->in_start[v], c = 0;
        while (i < a->out_start[v + 1] && j < a->in_start[v + 1]) {
            if (a->out[i] < a->in[j])
                i++;
            else if (a->out[i] > a->in[j])
                j++;
            else
                c++, i++, j++;
        }
        d->mutual[v] = c;
        d->reciprocated += c;
    }
    d->reciprocity = d->arcs ? (double)d->reciprocated / (double)d->arcs : NAN;
    progress_step(p, pending);
    if (sccs(d, a, p) != 0) {
        direction_free(d);
        return -1;
    }
    return 0;
}

void direction_free(struct direction *d)
{
    free(d->in_degree);
    free(d->out_degree);
    free(d->mutual);
    free(d->scc);
    memset(d, 0, sizeof *d);
}

/* Brandes on the arc graph, one thread. Not centrality.c's search_run: that one is
 * built on symmetry (a node's predecessors are the neighbours one level up, found
 * with the out-row it already reads; degree-one leaves folded into their anchor) and
 * neither holds with direction; made general it would read the in-rows too and lose
 * the folding, which is what keeps the undirected betweenness fast. */
int direction_betweenness(const struct arc_graph *a, const struct centrality_options *opt, double *bc, double *se,
                          uint32_t *sources)
{
    uint32_t n = a->n, k;
    int sampled = centrality_plan_sources(opt, n, &k);
    if (sources)
        *sources = sampled ? k : n;
    for (uint32_t v = 0; v < n; v++) {
        bc[v] = 0.0;
        if (se)
            se[v] = sampled ? NAN : 0.0;
    }
    if (n < 3)
        return sampled;
    uint32_t *src = sampled ? centrality_sample_sources(n, k, opt && opt->seed ? opt->seed : CENTRALITY_DEFAULT_SEED)
                            : NULL;
    uint32_t n_src = sampled ? k : n;
    uint32_t *dist = xmalloc((size_t)n * sizeof *dist), *order = xmalloc((size_t)n * sizeof *order);
    double *sigma = xmalloc((size_t)n * sizeof *sigma), *delta = xmalloc((size_t)n * sizeof *delta);
    double *sq = sampled && se ? xcalloc(n, sizeof *sq) : NULL;
    for (uint32_t v = 0; v < n; v++)
        dist[v] = NONE;
    for (uint32_t i = 0; i < n_src; i++) {
        uint32_t s = src ? src[i] : i, head = 0, tail = 0;
        dist[s] = 0;
        sigma[s] = 1.0;
        order[tail++] = s;
        while (head < tail) {
            uint32_t v = order[head++];
            delta[v] = 0.0;
            for (uint32_t j = a->out_start[v]; j < a->out_start[v + 1]; j++) {
                uint32_t w = a->out[j];
                if (dist[w] == NONE) {
                    dist[w] = dist[v] + 1;
                    sigma[w] = 0.0;
                    order[tail++] = w;
                }
                if (dist[w] == dist[v] + 1)
                    sigma[w] += sigma[v];
            }
        }
        /* dependencies flow back over the in-arcs from the previous level */
        for (uint32_t p = tail; p-- > 1;) {
            uint32_t w = order[p];
            double c = (1.0 + delta[w]) / sigma[w];
            for (uint32_t j = a->in_start[w]; j < a->in_start[w + 1]; j++) {
                uint32_t v = a->in[j];
                if (dist[v] != NONE && dist[v] + 1 == dist[w])
                    delta[v] += sigma[v] * c;
            }
            bc[w] += delta[w];
            if (sq)
                sq[w] += delta[w] * delta[w];
        }
        for (uint32_t p = 0; p < tail; p++)
            dist[order[p]] = NONE;
    }
    double scale = 1.0 / ((double)(n - 1) * (double)(n - 2));
    for (uint32_t v = 0, j = 0; v < n; v++) {
        if (!sampled) {
            bc[v] *= scale;
            continue;
        }
        int is_src = j < k && src[j] == v;
        j += (uint32_t)is_src;
        uint32_t kk = is_src ? k - 1 : k;
        if (sq)
            se[v] = centrality_sample_se(bc[v], sq[v], kk, n);
        bc[v] /= (double)kk * (double)(n - 2);
    }
    free(src);
    free(dist);
    free(order);
    free(sigma);
    free(delta);
    free(sq);
    return sampled;
}
