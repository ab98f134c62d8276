#include "wholenet.h"
#include "components.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Summed distance from src to every node it reaches; dist is all UINT32_MAX and
 * is left so; queue has room for n nodes. */
static uint64_t bfs_distsum(const struct simple_graph *s, uint32_t src, uint32_t *dist, uint32_t *queue)
{
    uint32_t head = 0, tail = 0;
    uint64_t sum = 0;
    dist[src] = 0;
    queue[tail++] = src;
    while (head < tail) {
        uint32_t v = queue[head++];
        sum += dist[v];
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
            uint32_t u = s->nbr[i];
            if (dist[u] == UINT32_MAX) {
                dist[u] = dist[v] + 1;
                queue[tail++] = u;
            }
        }
    }
    for (uint32_t i = 0; i < tail; i++)
        dist[queue[i]] = UINT32_MAX;
    return sum;
}

static void path_length(struct wholenet *w, const struct simple_graph *s, const struct centrality_options *opt)
{
    uint32_t n = s->n;
    w->apl = NAN;
    if (!n)
        return;
    struct components comp;
    components_find(&comp, s);
    w->components = comp.count;
    uint32_t size = comp.size[comp.largest];
    w->apl_component = size;
    if (size < 2) {
        w->apl = 0.0;
        components_free(&comp);
        return;
    }
    uint32_t *members = xmalloc((size_t)size * sizeof *members), c = 0;
    for (uint32_t v = 0; v < n; v++)
        if (comp.of[v] == comp.largest)
            members[c++] = v;
    uint32_t exact_max = opt && opt->exact_max ? opt->exact_max : WHOLENET_PATH_EXACT_MAX;
    uint32_t k = opt ? opt->samples : 0;
    int sampled = k ? 1 : size > exact_max;
    if (!k)
        k = WHOLENET_PATH_SAMPLES;
    if (k < 2)
        k = 2;
    if (k >= size)
        sampled = 0;
    uint32_t *pick = sampled ? centrality_sample_sources(size, k, opt && opt->seed ? opt->seed
                                                                                  : CENTRALITY_DEFAULT_SEED)
                             : NULL;
    uint32_t n_src = sampled ? k : size;
    uint32_t *dist = xmalloc((size_t)n * sizeof *dist), *queue = xmalloc((size_t)n * sizeof *queue);
    for (uint32_t v = 0; v < n; v++)
        dist[v] = UINT32_MAX;
    double sum = 0, sumsq = 0;
    for (uint32_t i = 0; i < n_src; i++) {
        uint32_t src = members[pick ? pick[i] : i];
        double mean = (double)bfs_distsum(s, src, dist, queue) / (double)(size - 1);
        sum += mean;
        sumsq += mean * mean;
    }
    w->apl = sum / n_src;
    w->apl_sources = n_src;
    w->apl_estimated = sampled;
    w->apl_se = 0.0;
    if (sampled) {
        double var = (sumsq - (double)n_src * w->apl * w->apl) / (double)(n_src - 1);
        double fpc = 1.0 - (double)n_src / (double)size;
        w->apl_se = sqrt((var > 0 ? var : 0) * (fpc > 0 ? fpc : 0) / (double)n_src);
    }
    free(dist);
    free(queue);
    free(pick);
    free(members);
    components_free(&comp);
}

void wholenet_compute(struct wholenet *w, const struct simple_graph *s, const struct centrality_options *opt)
{
    uint32_t n = s->n;
    memset(w, 0, sizeof *w);
    w->n = n;
    w->m = s->m;
    for (uint32_t v = 0; v < n; v++)
        if (simple_degree(s, v) > w->max_degree)
            w->max_degree = simple_degree(s, v);
    w->hist = xcalloc((size_t)w->max_degree + 1, sizeof *w->hist);
    uint64_t dev = 0;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t d = simple_degree(s, v);
        w->hist[d]++;
        dev += w->max_degree - d;
        w->triples += (uint64_t)d * (d ? d - 1 : 0) / 2;
    }
    w->degree_centralization = n < 3 ? NAN : (double)dev / ((double)(n - 1) * (double)(n - 2));
    uint64_t *tri = xmalloc((n ? n : 1) * sizeof *tri), t3 = 0;
    centrality_triangles(s, tri);
    for (uint32_t v = 0; v < n; v++)
        t3 += tri[v];
    free(tri);
    w->triangles = t3 / 3;
    w->transitivity = t3 ? (double)t3 / (double)w->triples : 0.0;
    path_length(w, s, opt);
}

void wholenet_free(struct wholenet *w)
{
    free(w->hist);
    memset(w, 0, sizeof *w);
}
