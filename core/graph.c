#include "graph.h"
#include "progress.h"
#include "thread.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Row starts of the counting sort by key: start[v] is where firm v's entries begin. */
static uint32_t *csr_starts(uint32_t n, uint32_t m, const uint32_t *key)
{
    uint32_t *start = xcalloc((size_t)n + 1, sizeof *start);
    for (uint32_t e = 0; e < m; e++)
        start[key[e] + 1]++;
    for (uint32_t v = 0; v < n; v++)
        start[v + 1] += start[v];
    return start;
}

/* Every entry in place by one pass of scattered writes: fastest
 * while nbr, link and pos stay in the cache. */
static void csr_scatter(const uint32_t *key, const uint32_t *other, const uint32_t *start, uint32_t n, uint32_t m,
                        uint32_t *nbr, uint32_t *link)
{
    uint32_t *pos = xmalloc(((size_t)n + 1) * sizeof *pos);
    memcpy(pos, start, ((size_t)n + 1) * sizeof *pos);
    for (uint32_t e = 0; e < m; e++) {
        uint32_t p = pos[key[e]]++;
        nbr[p] = other[e];
        link[p] = e;
    }
    free(pos);
}

/* Below this many linkages a direction's rows (8 bytes a linkage) fit a core's 2 MiB
 * L2 and one scatter is fastest. The bound was a million, where M's graph (one
 * million linkages, 4 MB a row array) took 58 ms of CPU by one scatter and 25 ms
 * in two passes; the two are even at about 130 000 (graph_build on random
 * linkages, best of 40). */
#define CSR_PARTITION_MIN 131072u
#define CSR_BUCKETS_MAX 64u
#define CSR_SPAN_BITS_MAX 16u /* a firm's place in its run fits a uint16_t */

/* The same order in two passes that each write where the cache is: first the linkages
 * go, in order, to one of a few runs of consecutive firms (a few sequential streams),
 * then each run is sorted by firm within its own span, which fits the cache. At ten
 * million linkages one scatter over 80 MB missed the cache on nearly every write and
 * took twice as long. Both passes keep linkages in increasing order, so a row holds
 * its linkages in increasing index as before. The firm's place in its run goes along
 * (looking the key up again from the second pass reads at random and cost half the
 * gain): in the high bits of the linkage index when they are free, else in 2 bytes a
 * linkage (20 MB at ten million, freed at the end). */
static void csr_partitioned(const uint32_t *key, const uint32_t *other, const uint32_t *start, uint32_t n,
                            uint32_t m, uint32_t *nbr, uint32_t *link)
{
    unsigned shift = 10;
    while (((size_t)n >> shift) >= CSR_BUCKETS_MAX && shift < CSR_SPAN_BITS_MAX)
        shift++;
    size_t nb = ((size_t)n >> shift) + 1, span = (size_t)1 << shift;
    uint32_t *bucket = xmalloc((nb + 1) * sizeof *bucket);
    size_t most = 0;
    for (size_t b = 0; b <= nb; b++) {
        bucket[b] = start[b * span < n ? b * span : n];
        if (b && bucket[b] - bucket[b - 1] > most)
            most = bucket[b] - bucket[b - 1];
    }
    uint32_t *fill = xmalloc(nb * sizeof *fill);
    memcpy(fill, bucket, nb * sizeof *fill);
    /* the firm's place in its run rides in the linkage index's unused high bits when
     * they are enough (M's million linkages of 100,000 firms: 20 bits and 11), else
     * in an array of its own: 2 bytes a linkage a direction at the load's peak */
    unsigned ebits = 1;
    while (ebits < 32 && (m - 1) >> ebits)
        ebits++;
    const int packed = ebits + shift <= 32;
    const uint32_t low = (uint32_t)span - 1, emask = packed && ebits < 32 ? ((uint32_t)1 << ebits) - 1 : UINT32_MAX;
    uint16_t *place = packed ? NULL : xmalloc((size_t)m * sizeof *place);
    if (packed) {
        for (uint32_t e = 0; e < m; e++) {
            uint32_t k = key[e], q = fill[k >> shift]++;
            nbr[q] = other[e];
            link[q] = e | (k & low) << ebits;
        }
    } else {
        for (uint32_t e = 0; e < m; e++) {
            uint32_t k = key[e], q = fill[k >> shift]++;
            place[q] = (uint16_t)(k & low);
            nbr[q] = other[e];
            link[q] = e;
        }
    }
    free(fill);
    uint32_t *run_nbr = xmalloc((most ? most : 1) * sizeof *run_nbr);
    uint32_t *run_link = xmalloc((most ? most : 1) * sizeof *run_link);
    uint32_t *pos = xmalloc(span * sizeof *pos);
    for (size_t b = 0; b < nb; b++) {
        uint32_t lo = bucket[b];
        size_t len = bucket[b + 1] - lo, v0 = b * span, v1 = v0 + span < n ? v0 + span : n;
        if (!len)
            continue;
        memcpy(run_nbr, nbr + lo, len * sizeof *run_nbr);
        memcpy(run_link, link + lo, len * sizeof *run_link);
        memcpy(pos, start + v0, (v1 - v0) * sizeof *pos);
        if (packed) {
            for (size_t i = 0; i < len; i++) {
                uint32_t w = run_link[i], p = pos[w >> ebits]++;
                nbr[p] = run_nbr[i];
                link[p] = w & emask;
            }
        } else {
            const uint16_t *pl = place + lo;
            for (size_t i = 0; i < len; i++) {
                uint32_t p = pos[pl[i]]++;
                nbr[p] = run_nbr[i];
                link[p] = run_link[i];
            }
        }
    }
    free(pos);
    free(run_link);
    free(run_nbr);
    free(place);
    free(bucket);
}

/* Counting sort by one endpoint: no per-edge allocation. */
static void csr_fill(uint32_t n, uint32_t m, const uint32_t *key, const uint32_t *other,
                     uint32_t **start_out, uint32_t **nbr_out, uint32_t **link_out)
{
    uint32_t *start = csr_starts(n, m, key);
    uint32_t *nbr = xmalloc((size_t)m * sizeof *nbr);
    uint32_t *link = xmalloc((size_t)m * sizeof *link);
    if (m >= CSR_PARTITION_MIN)
        csr_partitioned(key, other, start, n, m, nbr, link);
    else
        csr_scatter(key, other, start, n, m, nbr, link);
    *start_out = start;
    *nbr_out = nbr;
    *link_out = link;
}

struct csr_job {
    const struct link_table *links;
    struct graph *g;
};

static void *csr_fill_in(void *arg)
{
    struct csr_job *j = arg;
    csr_fill(j->g->n, j->g->m, j->links->target, j->links->source, &j->g->in_start, &j->g->in_nbr,
             &j->g->in_link);
    return NULL;
}

/* Below this many linkages a second thread costs more than it saves. */
#define GRAPH_THREAD_MIN_LINKS 262144u

void graph_build_links(struct graph *g, uint32_t n_firms, const struct link_table *links)
{
    memset(g, 0, sizeof *g);
    g->n = n_firms;
    g->m = links->n;
    /* the two directions share nothing but the read-only columns: at ten million
     * linkages each is a few hundred milliseconds of scattered writes */
    struct csr_job job = {links, g};
    struct thread th;
    int threaded = g->m >= GRAPH_THREAD_MIN_LINKS && sysconf(_SC_NPROCESSORS_ONLN) >= 2;
    if (threaded)
        thread_start(&th, csr_fill_in, &job); /* or, failing that, in thread_join */
    csr_fill(g->n, g->m, links->source, links->target, &g->out_start, &g->out_nbr, &g->out_link);
    if (threaded)
        thread_join(&th);
    else
        csr_fill_in(&job);
}

void graph_build(struct graph *g, const struct dataset *ds) { graph_build_links(g, ds->firms.n, &ds->links); }

void graph_free(struct graph *g)
{
    free(g->out_start); free(g->out_nbr); free(g->out_link);
    free(g->in_start); free(g->in_nbr); free(g->in_link);
    memset(g, 0, sizeof *g);
}

void layer_build(struct layer *L, const struct dataset *ds, const struct layer_spec *spec)
{
    (void)layer_build_p(L, ds, spec, NULL, 0, 0);
}

/* Linkages between two looks at the cancel flag: about a millisecond at any size, so
 * a quit during a million firms' layer is not held for the whole pass (70 ms at L). */
#define LAYER_CHECK_EVERY (1u << 18)

int layer_build_p(struct layer *L, const struct dataset *ds, const struct layer_spec *spec, struct progress *p,
                  uint64_t base, uint64_t span)
{
    const struct firm_table *f = &ds->firms;
    const struct link_table *l = &ds->links;
    memset(L, 0, sizeof *L);
    L->spec = *spec;
    L->firm_on = xmalloc(f->n ? f->n : 1);
    L->link_on = xmalloc(l->n ? l->n : 1);
    for (uint32_t v = 0; v < f->n; v++) {
        int on = !spec->as_of || f->founded[v] == YEAR_NONE || f->founded[v] <= spec->as_of;
        L->firm_on[v] = (uint8_t)on;
        L->n_firms += (uint32_t)on;
    }
    for (uint32_t e = 0; e < l->n; e++) {
        if (p && (e & (LAYER_CHECK_EVERY - 1)) == 0 && e) {
            if (progress_cancelled(p)) {
                layer_free(L);
                return -1;
            }
            progress_set_done(p, base + span * e / l->n);
        }
        int on = (!spec->types || (spec->types >> l->type[e] & 1u)) &&
                 (!spec->forms || (spec->forms >> l->form[e] & 1u)) &&
                 (!spec->scales || (spec->scales >> l->scale[e] & 1u)) &&
                 (!spec->as_of || l->since[e] == YEAR_NONE || l->since[e] <= spec->as_of) &&
                 (!spec->as_of || l->until[e] == YEAR_NONE || l->until[e] >= spec->as_of) &&
                 L->firm_on[l->source[e]] && L->firm_on[l->target[e]];
        L->link_on[e] = (uint8_t)on;
        L->n_links += (uint32_t)on;
        L->n_undated += (uint32_t)(on && spec->as_of && l->since[e] == YEAR_NONE);
    }
    if (p)
        progress_set_done(p, base + span);
    return 0;
}

void layer_free(struct layer *L)
{
    free(L->link_on);
    free(L->firm_on);
    memset(L, 0, sizeof *L);
}

/* Splits text on commas and hands each trimmed word to parse; stops at the first unknown. */
static int parse_list(const char *text, unsigned (*parse)(const char *, size_t), uint32_t *bits,
                      const char **bad, size_t *badlen)
{
    const char *p = text;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n) {
            unsigned v = parse(p, n);
            if (v == VOCAB_NONE) {
                *bad = p;
                *badlen = n;
                return -1;
            }
            *bits |= 1u << v;
        }
        p += n + (q != NULL);
    }
    return 0;
}

int layer_parse_types(struct layer_spec *s, const char *text, const char **bad, size_t *badlen)
{
    uint32_t bits = 0;
    return parse_list(text, vocab_parse_type, &bits, bad, badlen) ? -1 : (s->types |= bits, 0);
}

int layer_parse_forms(struct layer_spec *s, const char *text, const char **bad, size_t *badlen)
{
    uint32_t bits = 0;
    if (parse_list(text, vocab_parse_form, &bits, bad, badlen))
        return -1;
    s->forms |= (uint8_t)bits;
    return 0;
}

int layer_parse_scales(struct layer_spec *s, const char *text, const char **bad, size_t *badlen)
{
    uint32_t bits = 0;
    if (parse_list(text, vocab_parse_scale, &bits, bad, badlen))
        return -1;
    s->scales |= (uint8_t)bits;
    return 0;
}

static void append(char *buf, size_t bufsz, size_t *len, const char *s)
{
    int k = snprintf(buf + *len, bufsz - *len, "%s", s);
    if (k > 0)
        *len = *len + (size_t)k < bufsz ? *len + (size_t)k : bufsz - 1;
}

static void describe_bits(char *buf, size_t bufsz, size_t *len, uint32_t bits, unsigned count,
                          const char *(*name)(unsigned))
{
    if (*len)
        append(buf, bufsz, len, " · ");
    int first = 1;
    for (unsigned i = 0; i < count; i++) {
        if (!(bits >> i & 1u))
            continue;
        if (!first)
            append(buf, bufsz, len, ",");
        append(buf, bufsz, len, name(i));
        first = 0;
    }
}

void layer_describe(const struct layer_spec *s, char *buf, size_t bufsz)
{
    size_t len = 0;
    if (!bufsz)
        return;
    buf[0] = '\0';
    if (layer_spec_is_all(s)) {
        append(buf, bufsz, &len, "all");
        return;
    }
    if (s->types)
        describe_bits(buf, bufsz, &len, s->types, LT_COUNT, vocab_type_name);
    if (s->forms)
        describe_bits(buf, bufsz, &len, s->forms, FORM_COUNT, vocab_form_name);
    if (s->scales)
        describe_bits(buf, bufsz, &len, s->scales, SCALE_COUNT, vocab_scale_name);
    if (s->as_of) {
        char y[32];
        snprintf(y, sizeof y, "%sas of %d", len ? " · " : "", s->as_of);
        append(buf, bufsz, &len, y);
    }
}
