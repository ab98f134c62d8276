#include "wholenet.h"
#include "components.h"
#include "thread.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The searches split over threads, source i to thread i mod T; each thread sums
 * its sources' mean distances, and the partial sums are added in thread order. */
struct path_job {
    const struct simple_graph *s;
    const uint32_t *members, *pick;
    uint32_t n_src, size, step, first;
    double sum, sumsq;
};

static void *path_run(void *arg)
{
    struct path_job *j = arg;
    uint32_t n = j->s->n;
    uint32_t *dist = xmalloc((size_t)n * sizeof *dist), *queue = xmalloc((size_t)n * sizeof *queue);
    for (uint32_t v = 0; v < n; v++)
        dist[v] = UINT32_MAX;
    for (uint32_t i = j->first; i < j->n_src; i += j->step) {
        uint32_t src = j->members[j->pick ? j->pick[i] : i];
        double mean = (double)bfs_distsum(j->s, src, dist, queue) / (double)(j->size - 1);
        j->sum += mean;
        j->sumsq += mean * mean;
    }
    free(dist);
    free(queue);
    return NULL;
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
    /* threads as for betweenness: asked for, else the CPUs, and only with a fair
     * share of searches each (8 bytes a node per thread) */
    long cpus = opt && opt->threads ? (long)opt->threads : sysconf(_SC_NPROCESSORS_ONLN);
    uint32_t t = cpus < 1 ? 1u : (uint32_t)(cpus > CENTRALITY_MAX_THREADS ? CENTRALITY_MAX_THREADS : cpus);
    if (!(opt && opt->threads) && t > 1 + n_src / 16)
        t = 1 + n_src / 16;
    if (t > n_src)
        t = n_src;
    struct path_job *job = xcalloc(t, sizeof *job);
    for (uint32_t i = 0; i < t; i++)
        job[i] = (struct path_job){.s = s, .members = members, .pick = pick, .n_src = n_src, .size = size,
                                   .step = t, .first = i};
    thread_run(path_run, job, sizeof *job, t);
    double sum = job[0].sum, sumsq = job[0].sumsq;
    for (uint32_t i = 1; i < t; i++) {
        sum += job[i].sum;
        sumsq += job[i].sumsq;
    }
    free(job);
    w->apl = sum / n_src;
    w->apl_sources = n_src;
    w->apl_estimated = sampled;
    w->apl_se = 0.0;
    if (sampled) {
        double var = (sumsq - (double)n_src * w->apl * w->apl) / (double)(n_src - 1);
        double fpc = 1.0 - (double)n_src / (double)size;
        w->apl_se = sqrt((var > 0 ? var : 0) * (fpc > 0 ? fpc : 0) / (double)n_src);
    }
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
