#include "components.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

void components_find(struct components *c, const struct simple_graph *s)
{
    memset(c, 0, sizeof *c);
    uint32_t n = s->n;
    c->of = xmalloc((n ? n : 1) * sizeof *c->of);
    for (uint32_t v = 0; v < n; v++)
        c->of[v] = SIMPLE_NONE;
    uint32_t *queue = xmalloc((n ? n : 1) * sizeof *queue);
    size_t cap = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (c->of[root] != SIMPLE_NONE)
            continue;
        uint32_t id = c->count++, head = 0, tail = 0;
        c->of[root] = id;
        queue[tail++] = root;
        while (head < tail) {
            uint32_t u = queue[head++];
            for (uint32_t i = s->start[u]; i < s->start[u + 1]; i++) {
                uint32_t w = s->nbr[i];
                if (c->of[w] == SIMPLE_NONE) {
                    c->of[w] = id;
                    queue[tail++] = w;
                }
            }
        }
        c->size = xgrow(c->size, &cap, c->count, sizeof *c->size);
        c->size[id] = tail;
        if (tail > c->size[c->largest])
            c->largest = id;
    }
    free(queue);
    if (!c->size)
        c->size = xcalloc(1, sizeof *c->size);
}

void components_free(struct components *c)
{
    free(c->of);
    free(c->size);
    memset(c, 0, sizeof *c);
}

double components_density(const struct simple_graph *s)
{
    if (s->n < 2)
        return 0.0;
    return 2.0 * (double)s->m / ((double)s->n * (double)(s->n - 1));
}

/* The median of n values given as a histogram of len counts (the mean of the two
 * middle values when n is even). */
static double hist_median(const uint32_t *hist, uint32_t len, uint32_t n)
{
    uint32_t lo_rank = (n - 1) / 2, hi_rank = n / 2, seen = 0;
    double lo = 0, hi = 0;
    for (uint32_t k = 0; k < len; k++) {
        if (lo_rank >= seen && lo_rank < seen + hist[k])
            lo = k;
        if (hi_rank >= seen && hi_rank < seen + hist[k]) {
            hi = k;
            break;
        }
        seen += hist[k];
    }
    return (lo + hi) / 2.0;
}

void components_degree_summary(struct degree_summary *d, const struct simple_graph *s)
{
    memset(d, 0, sizeof *d);
    uint32_t n = s->n;
    if (!n)
        return;
    /* Counting sort on degree: degrees are below n, so one histogram gives the median. */
    uint32_t *hist = xcalloc(n, sizeof *hist);
    uint64_t sum = 0;
    d->min = UINT32_MAX;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t k = simple_degree(s, v);
        hist[k]++;
        sum += k;
        if (k < d->min)
            d->min = k;
        if (k > d->max)
            d->max = k;
    }
    d->mean = (double)sum / n;
    d->median = hist_median(hist, n, n);
    free(hist);
}

/* Distinct partners of firm f in the layer, marking each in seen with f + 1 (a mark
 * no other firm leaves, so seen is never cleared between firms). */
static uint32_t layer_degree(const struct graph *g, const struct layer *L, uint32_t f, uint32_t *seen)
{
    uint32_t mark = f + 1, k = 0;
    seen[f] = mark; /* a self-link is no partner */
    for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++) {
        uint32_t o = g->out_nbr[i];
        if (L->link_on[g->out_link[i]] && seen[o] != mark) {
            seen[o] = mark;
            k++;
        }
    }
    for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++) {
        uint32_t o = g->in_nbr[i];
        if (L->link_on[g->in_link[i]] && seen[o] != mark) {
            seen[o] = mark;
            k++;
        }
    }
    return k;
}

void components_summarize(struct layer_summary *sum, const struct graph *g, const struct layer *L)
{
    memset(sum, 0, sizeof *sum);
    uint32_t nf = g->n;
    /* the marks of layer_degree, then the search's queue */
    uint32_t *work = xcalloc(nf ? nf : 1, sizeof *work);
    uint32_t *hist = NULL; /* firms by degree, up to the largest degree seen */
    size_t hcap = 0;
    uint32_t n = 0, top = 0;
    uint64_t ends = 0;
    sum->deg.min = UINT32_MAX;
    for (uint32_t f = 0; f < nf; f++) {
        if (!L->firm_on[f])
            continue;
        uint32_t k = layer_degree(g, L, f, work);
        if (k >= hcap) {
            size_t was = hcap;
            hist = xgrow(hist, &hcap, (size_t)k + 1, sizeof *hist);
            memset(hist + was, 0, (hcap - was) * sizeof *hist);
        }
        hist[k]++;
        top = k > top ? k : top;
        ends += k;
        sum->deg.min = k < sum->deg.min ? k : sum->deg.min;
        sum->isolated += k == 0;
        n++;
    }
    sum->nodes = n;
    sum->pairs = ends / 2;
    sum->density = n < 2 ? 0.0 : 2.0 * (double)sum->pairs / ((double)n * (double)(n - 1));
    if (n) {
        sum->deg.max = top;
        sum->deg.mean = (double)ends / n;
        sum->deg.median = hist_median(hist, top + 1, n);
    } else {
        sum->deg.min = 0;
    }
    free(hist);

    /* components by breadth-first search over both directions of the layer's linkages */
    uint8_t *done = xcalloc(nf ? nf : 1, 1);
    uint32_t *queue = work;
    for (uint32_t root = 0; root < nf; root++) {
        if (!L->firm_on[root] || done[root])
            continue;
        uint32_t head = 0, tail = 0;
        done[root] = 1;
        queue[tail++] = root;
        while (head < tail) {
            uint32_t u = queue[head++];
            for (uint32_t i = g->out_start[u]; i < g->out_start[u + 1]; i++) {
                uint32_t o = g->out_nbr[i];
                if (!done[o] && L->link_on[g->out_link[i]]) {
                    done[o] = 1;
                    queue[tail++] = o;
                }
            }
            for (uint32_t i = g->in_start[u]; i < g->in_start[u + 1]; i++) {
                uint32_t o = g->in_nbr[i];
                if (!done[o] && L->link_on[g->in_link[i]]) {
                    done[o] = 1;
                    queue[tail++] = o;
                }
            }
        }
        sum->components++;
        sum->largest = tail > sum->largest ? tail : sum->largest;
    }
    free(done);
    free(work);
}
