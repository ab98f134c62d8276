/* The counts in force are kept as differences while the ties are read (+1 in the
 * first year a tie is in force, -1 in the year after its last), then summed once per
 * row: O(ties + rows * years) however long the ties last. */
#include "timeline.h"
#include "xalloc.h"
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Counters summed from differences: dated, 3 scales, 2 forms, undated. */
enum { D_DATED, D_SCALE, D_FORM = D_SCALE + SCALE_COUNT, D_UNDATED = D_FORM + FORM_COUNT, D_COUNT };

static void span(int *lo, int *hi, int y)
{
    if (y == YEAR_NONE)
        return;
    if (y < *lo)
        *lo = y;
    if (y > *hi)
        *hi = y;
}

/* Adds one tie in force from year index a to b (inclusive) to the differences of a row. */
static void diff_add(int32_t *row, uint32_t a, uint32_t b, const unsigned *cols, unsigned ncols)
{
    int32_t *first = row + (size_t)a * D_COUNT, *after = row + (size_t)(b + 1) * D_COUNT;
    for (unsigned k = 0; k < ncols; k++) {
        first[cols[k]]++;
        after[cols[k]]--;
    }
}

static void diff_sum(const int32_t *row, uint32_t n, struct timeline_year *out)
{
    int32_t run[D_COUNT] = {0};
    for (uint32_t y = 0; y < n; y++) {
        for (unsigned k = 0; k < D_COUNT; k++)
            run[k] += row[(size_t)y * D_COUNT + k];
        out[y].dated = (uint32_t)run[D_DATED];
        for (unsigned s = 0; s < SCALE_COUNT; s++)
            out[y].by_scale[s] = (uint32_t)run[D_SCALE + s];
        for (unsigned f = 0; f < FORM_COUNT; f++)
            out[y].by_form[f] = (uint32_t)run[D_FORM + f];
        out[y].undated = (uint32_t)run[D_UNDATED];
    }
}

void timeline_build(struct timeline *tl, const struct dataset *ds, const struct layer *L)
{
    timeline_build_p(tl, ds, L, NULL);
}

int timeline_build_p(struct timeline *tl, const struct dataset *ds, const struct layer *L, struct progress *p)
{
    const struct firm_table *f = &ds->firms;
    const struct link_table *l = &ds->links;
    memset(tl, 0, sizeof *tl);
    tl->year0 = YEAR_NONE;
    tl->n_industries = ds->n_industries;
    int lo = INT_MAX, hi = INT_MIN;
    /* units: the firms and linkages of each of the two passes */
    progress_add_total(p, 2 * ((uint64_t)f->n + l->n));
    uint64_t pending = 0;
    for (uint32_t v = 0; v < f->n; v++) {
        if (progress_tick(p, &pending, 1))
            return -1;
        if (!L->firm_on[v])
            continue;
        tl->undated_firms += f->founded[v] == YEAR_NONE;
        span(&lo, &hi, f->founded[v]);
    }
    for (uint32_t e = 0; e < l->n; e++) {
        if (progress_tick(p, &pending, 1))
            return -1;
        if (!L->link_on[e])
            continue;
        tl->undated_ties += l->since[e] == YEAR_NONE;
        span(&lo, &hi, l->since[e]);
        span(&lo, &hi, l->until[e]);
    }
    if (lo > hi) {
        progress_set_done(p, 2 * ((uint64_t)f->n + l->n));
        return 0;
    }
    uint32_t n = (uint32_t)(hi - lo + 1), rows = 1 + ds->n_industries;
    tl->year0 = (int16_t)lo;
    tl->n_years = n;
    tl->whole = xcalloc(n, sizeof *tl->whole);
    tl->industry = xcalloc((size_t)ds->n_industries * n + 1, sizeof *tl->industry);
    /* row 0 the whole cluster, row 1 + k industry k; n + 1 years for the -1 after the last */
    int32_t *diff = xcalloc((size_t)rows * (n + 1) * D_COUNT, sizeof *diff);
    size_t row_len = (size_t)(n + 1) * D_COUNT;
    for (uint32_t e = 0; e < l->n; e++) {
        if (progress_tick(p, &pending, 1)) {
            free(diff);
            timeline_free(tl);
            return -1;
        }
        if (!L->link_on[e])
            continue;
        uint32_t s = l->source[e], t = l->target[e];
        int start = lo;
        if (l->since[e] != YEAR_NONE)
            start = l->since[e];
        if (f->founded[s] != YEAR_NONE && f->founded[s] > start)
            start = f->founded[s];
        if (f->founded[t] != YEAR_NONE && f->founded[t] > start)
            start = f->founded[t];
        int end = l->until[e] != YEAR_NONE ? l->until[e] : hi;
        int dated = l->since[e] != YEAR_NONE;
        uint32_t is = f->industry[s], it = f->industry[t];
        if (dated) {
            uint32_t y = (uint32_t)(l->since[e] - lo);
            tl->whole[y].births++;
            tl->industry[(size_t)is * n + y].births++;
            if (it != is)
                tl->industry[(size_t)it * n + y].births++;
        }
        if (l->until[e] != YEAR_NONE) {
            uint32_t y = (uint32_t)(l->until[e] - lo);
            tl->whole[y].ends++;
            tl->industry[(size_t)is * n + y].ends++;
            if (it != is)
                tl->industry[(size_t)it * n + y].ends++;
        }
        if (start > end) {
            tl->never_ties += (uint32_t)dated;
            continue;
        }
        unsigned cols[3], nc = 0;
        if (dated) {
            cols[nc++] = D_DATED;
            cols[nc++] = D_SCALE + l->scale[e] % SCALE_COUNT;
            cols[nc++] = D_FORM + l->form[e] % FORM_COUNT;
        } else {
            cols[nc++] = D_UNDATED;
        }
        uint32_t a = (uint32_t)(start - lo), b = (uint32_t)(end - lo);
        diff_add(diff, a, b, cols, nc);
        diff_add(diff + (1 + (size_t)is) * row_len, a, b, cols, nc);
        if (it != is)
            diff_add(diff + (1 + (size_t)it) * row_len, a, b, cols, nc);
    }
    for (uint32_t v = 0; v < f->n; v++) {
        if (!L->firm_on[v] || f->founded[v] == YEAR_NONE)
            continue;
        uint32_t y = (uint32_t)(f->founded[v] - lo);
        tl->whole[y].founded++;
        tl->industry[(size_t)f->industry[v] * n + y].founded++;
    }
    diff_sum(diff, n, tl->whole);
    for (uint32_t k = 0; k < ds->n_industries; k++)
        diff_sum(diff + (1 + (size_t)k) * row_len, n, tl->industry + (size_t)k * n);
    free(diff);
    progress_set_done(p, 2 * ((uint64_t)f->n + l->n));
    if (progress_cancelled(p)) {
        timeline_free(tl);
        return -1;
    }
    return 0;
}

void timeline_free(struct timeline *tl)
{
    free(tl->whole);
    free(tl->industry);
    memset(tl, 0, sizeof *tl);
}

int timeline_in_force(const struct dataset *ds, uint32_t e, int year)
{
    const struct link_table *l = &ds->links;
    const struct firm_table *f = &ds->firms;
    if (l->since[e] != YEAR_NONE && l->since[e] > year)
        return 0;
    if (l->until[e] != YEAR_NONE && l->until[e] < year)
        return 0;
    uint32_t s = l->source[e], t = l->target[e];
    return (f->founded[s] == YEAR_NONE || f->founded[s] <= year) && (f->founded[t] == YEAR_NONE || f->founded[t] <= year);
}

int timeline_delta_p(struct timeline_delta *d, const struct dataset *ds, const struct layer *L, int year_a,
                     int year_b, struct progress *p)
{
    memset(d, 0, sizeof *d);
    progress_add_total(p, ds->links.n);
    uint64_t pending = 0;
    for (uint32_t e = 0; e < ds->links.n; e++) {
        if (progress_tick(p, &pending, 1))
            return -1;
        if (!L->link_on[e])
            continue;
        int a = timeline_in_force(ds, e, year_a), b = timeline_in_force(ds, e, year_b);
        if (a != b)
            (b ? d->gained : d->lost)[ds->links.scale[e] % SCALE_COUNT]++;
    }
    return progress_step(p, pending) ? -1 : 0;
}

void timeline_delta(struct timeline_delta *d, const struct dataset *ds, const struct layer *L, int year_a,
                    int year_b)
{
    timeline_delta_p(d, ds, L, year_a, year_b, NULL);
}

/* ---- two years ---- */

static double pipeline_share(const struct cluster *cl, uint32_t node)
{
    const struct tie_profile *p = &cl->ties[node];
    return ties_share((uint64_t)p->by_scale[SCALE_NATIONAL] + p->by_scale[SCALE_GLOBAL], p->total);
}

static int by_score_after(const void *x, const void *y)
{
    const struct timeline_firm_change *a = x, *b = y;
    if (a->score_after != b->score_after)
        return a->score_after > b->score_after ? -1 : 1;
    return a->firm < b->firm ? -1 : a->firm > b->firm;
}

static int by_growth(const void *x, const void *y)
{
    const struct timeline_firm_change *a = x, *b = y;
    double da = a->after - a->before, db = b->after - b->before;
    if (da != db)
        return da > db ? -1 : 1;
    return a->firm < b->firm ? -1 : a->firm > b->firm;
}

void timeline_compare(struct timeline_compare *tc, const struct dataset *ds, const struct graph *g,
                      const struct layer_spec *spec, int16_t year_a, int16_t year_b)
{
    memset(tc, 0, sizeof *tc);
    tc->year[0] = year_a;
    tc->year[1] = year_b;
    struct layer L[2];
    struct cluster cl[2];
    struct cluster_options co = {.group_field = -1};
    for (int k = 0; k < 2; k++) {
        struct layer_spec s = *spec;
        s.as_of = tc->year[k];
        layer_build(&L[k], ds, &s);
        tc->ties[k] = L[k].n_links;
        tc->undated[k] = L[k].n_undated;
        cluster_compute(&cl[k], ds, g, &L[k], &co);
    }
    const struct link_table *l = &ds->links;
    for (uint32_t e = 0; e < l->n; e++) {
        if (L[0].link_on[e] == L[1].link_on[e])
            continue;
        if (L[1].link_on[e]) {
            tc->gained++;
            tc->gained_type[l->type[e] % LT_COUNT]++;
            tc->gained_scale[l->scale[e] % SCALE_COUNT]++;
        } else {
            tc->lost++;
            tc->lost_type[l->type[e] % LT_COUNT]++;
            tc->lost_scale[l->scale[e] % SCALE_COUNT]++;
        }
    }
    uint32_t cap = cl[1].n ? cl[1].n : 1;
    tc->new_gatekeepers = xmalloc(cap * sizeof *tc->new_gatekeepers);
    tc->pipeline_growth = xmalloc(cap * sizeof *tc->pipeline_growth);
    for (uint32_t nb = 0; nb < cl[1].n; nb++) {
        uint32_t v = cl[1].s.node_firm[nb];
        uint32_t na = cl[0].s.firm_node[v];
        struct timeline_firm_change c = {v, NAN, pipeline_share(&cl[1], nb), 0, cl[1].gatekeeper_score[nb]};
        if (na != SIMPLE_NONE) {
            c.before = pipeline_share(&cl[0], na);
            c.score_before = cl[0].gatekeeper_score[na];
        }
        if (c.score_after > 0 && c.score_before == 0)
            tc->new_gatekeepers[tc->n_new_gatekeepers++] = c;
        if (!isnan(c.before) && !isnan(c.after) && c.after > c.before)
            tc->pipeline_growth[tc->n_pipeline_growth++] = c;
    }
    qsort(tc->new_gatekeepers, tc->n_new_gatekeepers, sizeof *tc->new_gatekeepers, by_score_after);
    qsort(tc->pipeline_growth, tc->n_pipeline_growth, sizeof *tc->pipeline_growth, by_growth);
    for (int k = 0; k < 2; k++) {
        cluster_free(&cl[k]);
        layer_free(&L[k]);
    }
}

void timeline_compare_free(struct timeline_compare *tc)
{
    free(tc->new_gatekeepers);
    free(tc->pipeline_growth);
    memset(tc, 0, sizeof *tc);
}
