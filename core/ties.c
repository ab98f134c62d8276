#include "ties.h"
#include "filter.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int ties_find_column(const struct dataset *ds, const char *name)
{
    return filter_find_field(ds, name, strlen(name));
}

const char *ties_column_name(const struct dataset *ds, int field)
{
    if (field >= 0 && field < FC_COUNT)
        return dataset_firm_column_name((unsigned)field);
    if (field >= FILTER_EXTRA && (uint32_t)(field - FILTER_EXTRA) < ds->firms.extra.n)
        return dataset_str(ds, ds->firms.extra.name[field - FILTER_EXTRA]);
    return "";
}

void ties_groups_build(struct firm_groups *gr, const struct dataset *ds, int field)
{
    uint32_t n = ds->firms.n;
    memset(gr, 0, sizeof *gr);
    gr->field = field;
    gr->n_firms = n;
    gr->of = xmalloc((n ? n : 1) * sizeof *gr->of);
    strpool_init(&gr->labels);
    size_t cap = 0, seen_cap = 0;
    /* Non-empty labels are appended to the pool in group order, so their refs
     * ascend: a binary search over (ref, group) finds an existing group. */
    struct seen { strref ref; uint32_t group; } *seen = NULL;
    uint32_t n_seen = 0, empty = UINT32_MAX;
    char buf[32];
    for (uint32_t f = 0; f < n; f++) {
        const char *s = filter_field_text(ds, f, field, buf, sizeof buf);
        size_t len = strlen(s);
        uint32_t k;
        if (!len && empty != UINT32_MAX) {
            k = empty;
        } else if (!len) {
            /* offset 0 is the pool's own empty string, never a new one */
            gr->label = xgrow(gr->label, &cap, gr->count + 1, sizeof *gr->label);
            gr->label[gr->count] = 0;
            k = empty = gr->count++;
        } else {
            size_t before = gr->labels.len;
            strref r = strpool_intern(&gr->labels, s, len);
            if (r >= before) {
                gr->label = xgrow(gr->label, &cap, gr->count + 1, sizeof *gr->label);
                gr->label[gr->count] = r;
                seen = xgrow(seen, &seen_cap, n_seen + 1, sizeof *seen);
                seen[n_seen].ref = r;
                seen[n_seen++].group = gr->count;
                k = gr->count++;
            } else {
                uint32_t lo = 0, hi = n_seen;
                while (lo < hi) {
                    uint32_t mid = lo + (hi - lo) / 2;
                    if (seen[mid].ref < r)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                k = seen[lo].group;
            }
        }
        gr->of[f] = k;
    }
    free(seen);
    gr->size = xcalloc(gr->count ? gr->count : 1, sizeof *gr->size);
    for (uint32_t f = 0; f < n; f++)
        gr->size[gr->of[f]]++;
}

void ties_groups_free(struct firm_groups *gr)
{
    free(gr->of);
    free(gr->size);
    free(gr->label);
    strpool_free(&gr->labels);
    memset(gr, 0, sizeof *gr);
}

void ties_profile_count(struct tie_profile *p, const struct dataset *ds, uint32_t e, unsigned scale)
{
    p->total++;
    int a = ds->firms.scale[ds->links.source[e]] == SCALE_LOCAL, b = ds->firms.scale[ds->links.target[e]] == SCALE_LOCAL;
    if (a && b)
        p->buzz++;
    else if (a || b)
        p->pipeline++;
    else
        p->outside++;
    unsigned fo = ds->links.form[e], ty = ds->links.type[e];
    if (scale < SCALE_COUNT)
        p->by_scale[scale]++;
    if (fo < FORM_COUNT)
        p->by_form[fo]++;
    if (ty < LT_COUNT)
        p->by_type[ty]++;
}

void ties_profile(struct tie_profile *prof, const struct dataset *ds, const struct graph *g,
                  const struct layer *L, const struct simple_graph *s)
{
    ties_profile_p(prof, ds, g, L, s, NULL);
}

int ties_profile_p(struct tie_profile *prof, const struct dataset *ds, const struct graph *g,
                   const struct layer *L, const struct simple_graph *s, struct progress *p)
{
    uint64_t pending = 0;
    memset(prof, 0, (size_t)s->n * sizeof *prof);
    for (uint32_t v = 0; v < s->n; v++) {
        if (progress_tick(p, &pending, 1))
            return -1;
        uint32_t f = s->node_firm[v];
        for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++)
            if (L->link_on[g->out_link[i]] && g->out_nbr[i] != f)
                ties_profile_count(&prof[v], ds, g->out_link[i], ds->firms.scale[g->out_nbr[i]]);
        for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++)
            if (L->link_on[g->in_link[i]] && g->in_nbr[i] != f)
                ties_profile_count(&prof[v], ds, g->in_link[i], ds->firms.scale[g->in_nbr[i]]);
    }
    progress_step(p, pending);
    return 0;
}

void ties_profile_add(struct tie_profile *a, const struct tie_profile *b)
{
    a->total += b->total;
    a->buzz += b->buzz;
    a->pipeline += b->pipeline;
    a->outside += b->outside;
    for (unsigned k = 0; k < SCALE_COUNT; k++)
        a->by_scale[k] += b->by_scale[k];
    for (unsigned k = 0; k < FORM_COUNT; k++)
        a->by_form[k] += b->by_form[k];
    for (unsigned k = 0; k < LT_COUNT; k++)
        a->by_type[k] += b->by_type[k];
}

double ties_share(uint64_t count, uint64_t total)
{
    return total ? (double)count / (double)total : NAN;
}

void ties_ei(const struct simple_graph *s, const struct firm_groups *gr, struct ei_counts *node_ei,
             struct ei_counts *group_ei, struct ei_counts *whole)
{
    if (group_ei)
        memset(group_ei, 0, (size_t)gr->count * sizeof *group_ei);
    struct ei_counts all = {0, 0};
    for (uint32_t v = 0; v < s->n; v++) {
        uint32_t k = gr->of[s->node_firm[v]];
        struct ei_counts c = {0, 0};
        uint64_t inside_once = 0;
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
            if (gr->of[s->node_firm[s->nbr[i]]] == k) {
                c.internal++;
                inside_once += s->nbr[i] > v; /* a pair inside the group, from its lower end */
            } else {
                c.external++;
            }
        }
        if (node_ei)
            node_ei[v] = c;
        if (group_ei) {
            group_ei[k].internal += inside_once;
            group_ei[k].external += c.external;
        }
        all.internal += c.internal;
        all.external += c.external;
    }
    if (whole) {
        /* every pair was seen from both ends */
        whole->internal = all.internal / 2;
        whole->external = all.external / 2;
    }
}

double ties_ei_index(const struct ei_counts *c)
{
    uint64_t t = c->internal + c->external;
    return t ? ((double)c->external - (double)c->internal) / (double)t : NAN;
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Pairs of the simple graph whose two ends carry the same label; node v's label
 * is label[rank[v]]. */
static uint64_t inside_pairs(const struct simple_graph *s, const uint32_t *rank, const uint32_t *label)
{
    uint64_t c = 0;
    for (uint32_t v = 0; v < s->n; v++) {
        uint32_t lv = label[rank[v]];
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++)
            c += s->nbr[i] > v && label[rank[s->nbr[i]]] == lv;
    }
    return c;
}

void ties_ei_permutation(struct ei_permutation *out, const struct simple_graph *s, const struct firm_groups *gr,
                         const uint32_t *rank, uint32_t permutations, uint64_t seed)
{
    memset(out, 0, sizeof *out);
    out->seed = seed ? seed : TIES_DEFAULT_SEED;
    if (!permutations) {
        uint64_t budget = TIES_PERMUTATION_BUDGET / (s->m ? s->m : 1);
        permutations = budget >= TIES_DEFAULT_PERMUTATIONS ? TIES_DEFAULT_PERMUTATIONS
                       : budget < TIES_MIN_PERMUTATIONS ? TIES_MIN_PERMUTATIONS : (uint32_t)budget;
    }
    out->permutations = permutations;
    uint32_t n = s->n;
    /* labels by rank, so the shuffles depend on the ranking (firm ids), not on the
     * order of the file */
    uint32_t *label = xmalloc((n ? n : 1) * sizeof *label), *ident = NULL;
    if (!rank) {
        ident = xmalloc((n ? n : 1) * sizeof *ident);
        for (uint32_t v = 0; v < n; v++)
            ident[v] = v;
        rank = ident;
    }
    for (uint32_t v = 0; v < n; v++)
        label[rank[v]] = gr->of[s->node_firm[v]];
    uint64_t m = s->m, obs = inside_pairs(s, rank, label);
    struct ei_counts c = {obs, m - obs};
    out->observed = ties_ei_index(&c);
    out->expected = out->sd = out->min = out->max = out->p_ge = out->p_le = NAN;
    if (!m) {
        free(label);
        free(ident);
        return;
    }
    /* Every permutation keeps the group sizes (the labels are shuffled among the
     * layer's firms) and the pairs, so E-I is a function of the inside count:
     * larger E-I means fewer inside pairs, and counts compare exactly. */
    uint64_t state = out->seed, ge = 0, le = 0, lo = UINT64_MAX, hi = 0, total = 0;
    double mean = 0, m2 = 0; /* Welford's running mean and squared deviations of the counts */
    for (uint32_t k = 0; k < permutations; k++) {
        for (uint32_t i = n; i > 1; i--) {
            uint32_t j = (uint32_t)(((splitmix64(&state) >> 32) * (uint64_t)i) >> 32);
            uint32_t t = label[i - 1];
            label[i - 1] = label[j];
            label[j] = t;
        }
        uint64_t in = inside_pairs(s, rank, label);
        ge += in <= obs;
        le += in >= obs;
        if (in < lo)
            lo = in;
        if (in > hi)
            hi = in;
        total += in;
        double d = (double)in - mean;
        mean += d / (double)(k + 1);
        m2 += d * ((double)in - mean);
    }
    double P = permutations;
    /* E-I = (m - 2 in) / m, linear in the count */
    out->expected = ((double)m - 2.0 * (double)total / P) / (double)m;
    out->sd = P > 1 ? 2.0 * sqrt(m2 / (P - 1)) / (double)m : NAN;
    out->min = ((double)m - 2.0 * (double)hi) / (double)m;
    out->max = ((double)m - 2.0 * (double)lo) / (double)m;
    out->p_ge = (double)ge / P;
    out->p_le = (double)le / P;
    free(label);
    free(ident);
}

double ties_assortativity(const struct simple_graph *s, const struct firm_groups *gr)
{
    if (!s->m)
        return NAN;
    /* a_k: the share of edge ends in group k; e_kk: the share of edges inside k */
    double *a = xcalloc(gr->count ? gr->count : 1, sizeof *a);
    uint64_t inside = 0;
    for (uint32_t v = 0; v < s->n; v++) {
        uint32_t k = gr->of[s->node_firm[v]];
        a[k] += simple_degree(s, v);
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++)
            inside += s->nbr[i] > v && gr->of[s->node_firm[s->nbr[i]]] == k;
    }
    double two_m = 2.0 * (double)s->m, sa2 = 0;
    for (uint32_t k = 0; k < gr->count; k++)
        sa2 += (a[k] / two_m) * (a[k] / two_m);
    free(a);
    double tr = (double)inside / (double)s->m;
    return 1 - sa2 > 0 ? (tr - sa2) / (1 - sa2) : NAN;
}
