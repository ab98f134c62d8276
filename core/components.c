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
    uint32_t lo_rank = (n - 1) / 2, hi_rank = n / 2, seen = 0;
    double lo = 0, hi = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (lo_rank >= seen && lo_rank < seen + hist[k])
            lo = k;
        if (hi_rank >= seen && hi_rank < seen + hist[k]) {
            hi = k;
            break;
        }
        seen += hist[k];
    }
    d->median = (lo + hi) / 2.0;
    free(hist);
}
