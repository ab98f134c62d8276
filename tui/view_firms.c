#include "config.h"
#include "view_firms.h"
#include "draw.h"
#include "view_pager.h"
#include "egocomp.h"
#include "firmcol.h"
#include "firmscan.h"
#include "order.h"
#include "work.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum firm_sort { SORT_NAME, SORT_DEGREE, SORT_INDUSTRY, SORT_ID, SORT_COUNT };
static const char *const sort_names[SORT_COUNT] = {"name", "degree", "industry", "id"};

/* A visited firm, and the linkage its pane's cursor was on (LIST_NONE: none), so
 * that going back returns to where one was, not to the first linkage. */
struct visit {
    uint32_t firm, link;
};

/* A stack of visits (back or forward history). */
struct firm_stack {
    struct visit *v; /* owned */
    size_t n, cap;
};

struct firms_state {
    struct list firms;      /* rows: firm indices */
    struct list links;      /* rows: positions in lk */
    uint32_t *lk, nlk;      /* owned: linkage indices of lk_firm within the layer, grouped */
    uint32_t lk_firm;       /* the firm lk belongs to, FIRM_NONE when stale */
    enum firm_sort sort;    /* the order asked for (s) */
    int reverse;            /* S: the order reversed */
    int shown_sort;         /* the order the list has: a firm_sort, or -1 (data order) */
    int shown_reverse;
    /* Each order once computed, kept (tui/order.h): name, industry and id until the
     * data change, degree for the layer of deg_gen and the one before it, so s cycles
     * without sorting again and going back to a layer finds its order. Owned. */
    uint32_t *order[SORT_COUNT];
    /* each firm's place among the distinct names (order_name_ranks), computed with
     * the name order: the linkage table sorts by partner name on integers. Owned. */
    uint32_t *name_rank;
    unsigned deg_gen;
    uint32_t *prev_deg_order;
    unsigned prev_deg_gen;
    unsigned data_gen;      /* the data the orders are for */
    int opened;
    /* the details' per-firm measures, for ego_firm in layer ego_gen of data ego_data */
    struct ego_measures ego;
    uint32_t ego_firm;
    unsigned ego_gen, ego_data;
    /* a hub's measures are on the worker: the firm, layer and data of the job posted */
    int ego_posted;
    int ego_stopped;        /* Esc stopped that job: not asked again until another firm */
    uint32_t ego_job_firm;
    unsigned ego_job_gen, ego_job_data;
    /* the ego composition, for comp_node of the measures of cl_gen */
    struct ego_composition comp;
    uint32_t comp_node;
    unsigned comp_gen;
    /* a hub's composition is on the worker: the node and measures of the job posted */
    int comp_posted;
    int comp_stopped;       /* Esc stopped that job: not asked again until another firm */
    uint32_t comp_job_node;
    unsigned comp_job_gen;
    int focus;              /* 0 the firm list, 1 the linkages, 2 the details */
    int detail_dirty;
    WINDOW *w_list, *w_detail, *w_links; /* owned */
    int lw, rw, dh, kh;     /* list width, right width, detail and linkage heights */
    /* The details are drawn whole into a pad of dh rows, of which dvis show at
     * (dy, dx) from row dtop: they scroll. dcur is the line under the cursor while
     * the details have the focus; cells keep each line's label and full value, for
     * the pager. */
    int dvis, dy, dx, dtop, dcur;
    uint32_t d_firm;        /* the firm dtop and dcur belong to */
    struct detail_cell { size_t label, value; } *cells; /* owned; offsets into ctext */
    int n_cells;
    size_t cells_cap;
    char *ctext;            /* owned */
    size_t ctext_len, ctext_cap;
    struct firm_stack back, fwd;
    /* ids remembered across a reload; owned */
    char *saved_sel, **saved_back, **saved_fwd;
    size_t n_saved_back, n_saved_fwd;
    /* the firms' search text, built on the first filter or search that tests them all
     * and kept until the data change: every later pass scans it (core/firmscan) */
    struct firmscan scan;   /* owned when scan_state > 0 */
    int scan_state;         /* 0 not built, 1 built, -1 cannot be built */
};

static struct firms_state fv;

static void stack_push(struct firm_stack *s, uint32_t firm, uint32_t link)
{
    s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n].firm = firm;
    s->v[s->n++].link = link;
}

/* The linkage under the cursor of firm's linkage pane, when the pane shows firm. */
static uint32_t current_link(uint32_t firm)
{
    uint32_t row = list_selected(&fv.links);
    return fv.lk_firm == firm && row != LIST_NONE && row < fv.nlk ? fv.lk[row] : LIST_NONE;
}

/* ---- matching and drawing rows ---- */

static int firm_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    struct app *a = ctx;
    return filter_compile(f, &a->ds, text, MATCH_SMART_CASE, err);
}

static enum match_result firm_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    struct app *a = ctx;
    return filter_test_firm(f, &a->ds, row);
}

static int firm_test_all(void *ctx, struct firm_filter *f, uint8_t *pass, uint32_t *bad, int (*stop)(void *),
                         void *sctx)
{
    struct app *a = ctx;
    if (!fv.scan_state)
        fv.scan_state = firmscan_build(&fv.scan, &a->ds) == 0 ? 1 : -1;
    return firmscan_run(fv.scan_state > 0 ? &fv.scan : NULL, f, &a->ds, pass, 0, stop, sctx, bad);
}

static void scan_forget(void)
{
    if (fv.scan_state > 0)
        firmscan_free(&fv.scan);
    fv.scan_state = 0;
}

static enum style scale_style(unsigned s)
{
    return s == SCALE_LOCAL ? ST_SCALE_L : s == SCALE_NATIONAL ? ST_SCALE_N : ST_SCALE_G;
}

/* Column widths of the firm list for width w: name takes what the others leave. */
static void firm_columns(int w, int *name, int *ind, int *deg)
{
    *deg = 6; /* "99,999" */
    *ind = w >= 60 ? 14 : w >= 44 ? 10 : 0;
    *name = w - *ind - *deg - 2 - 1 - (*ind ? 1 : 0);
    if (*name < 4)
        *name = 4;
}

static void firm_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t firm, int cursor,
                          struct firm_filter *hl)
{
    struct app *a = ctx;
    const struct dataset *ds = &a->ds;
    attr_t at = draw_row_attr(cursor, hl != NULL), span = draw_span_attr(cursor);
    /* the span shows in the column the search looked at, when that column is shown */
    struct matcher *in_name = hl && (hl->field == FILTER_DEFAULT || hl->field == FC_NAME) ? hl->m : NULL;
    struct matcher *in_ind = hl && hl->field == FC_INDUSTRY ? hl->m : NULL;
    int nw, iw, dw, x = 0;
    firm_columns(w, &nw, &iw, &dw);
    x += draw_text_match(win, y, x, nw, draw_firm_name(ds, firm), at, span, in_name);
    x += draw_text(win, y, x, 1, " ", at);
    if (iw) {
        x += draw_text_match(win, y, x, iw, dataset_str(ds, ds->industry_name[ds->firms.industry[firm]]), at,
                             span, in_ind);
        x += draw_text(win, y, x, 1, " ", at);
    }
    char mark[2] = {vocab_scale_mark(ds->firms.scale[firm]), '\0'};
    x += draw_text(win, y, x, 1, mark, draw_cell(at, scale_style(ds->firms.scale[firm])));
    x += draw_text_right(win, y, x, w - x, draw_num_fit(a->degree[firm], w - x), at);
}

static uint32_t link_partner(const struct dataset *ds, uint32_t e, uint32_t firm, int *dir)
{
    int out = ds->links.source[e] == firm;
    *dir = !vocab_type_directed(ds->links.type[e]) ? 2 : out ? 0 : 1;
    return out ? ds->links.target[e] : ds->links.source[e];
}

static const char *link_row_text(struct app *a, uint32_t row, char *buf, size_t bufsz)
{
    const struct dataset *ds = &a->ds;
    uint32_t e = fv.lk[row];
    int dir;
    uint32_t p = link_partner(ds, e, fv.lk_firm, &dir);
    char since[8] = "", until[8] = "";
    if (ds->links.since[e] != YEAR_NONE)
        snprintf(since, sizeof since, "%d", ds->links.since[e]);
    if (ds->links.until[e] != YEAR_NONE)
        snprintf(until, sizeof until, "%d", ds->links.until[e]);
    /* the note too: a search in the pane finds the interview evidence */
    snprintf(buf, bufsz, "%s %s %s %s %c %s %s %s %s %g %s", vocab_type_name(ds->links.type[e]), draw_arrow(dir),
             draw_firm_name(ds, p), dataset_str(ds, ds->industry_name[ds->firms.industry[p]]),
             vocab_scale_mark(ds->firms.scale[p]), since, until, dataset_str(ds, ds->links.ref[e]),
             vocab_form_name(ds->links.form[e]), dataset_link_weight(ds, e), dataset_str(ds, ds->links.note[e]));
    return buf;
}

static enum match_result link_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    char buf[1024];
    return list_test_text(f, link_row_text(ctx, row, buf, sizeof buf));
}

static int link_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

/* form is one letter (M, N), weight a short number; ref and then the note fill the
 * rest of the line (at 80 columns all of them show); a narrower pane drops columns. */
struct link_cols { int type, dir, name, ind, scale, form, since, until, weight, ref; };

static void link_columns(int w, struct link_cols *c)
{
    c->type = 14, c->dir = 4, c->ind = 12, c->scale = 2, c->form = 2, c->since = 6, c->until = 6, c->weight = 6,
    c->ref = 10;
    if (w < 76)
        c->weight = 0, c->form = 0;
    if (w < 70)
        c->ref = 0;
    if (w < 62)
        c->until = 0;
    if (w < 56)
        c->ind = 0;
    if (w < 44)
        c->type = 0;
    c->name = w - c->type - c->dir - c->ind - c->scale - c->form - c->since - c->until - c->weight -
              c->ref;
    /* room to spare goes to ref and the note, the interview evidence */
    int cap = w < 100 ? 20 : 40;
    if (c->ref && c->name > cap)
        c->name = cap;
    if (c->name < 4)
        c->name = 4;
}

static void link_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor,
                          struct firm_filter *hl)
{
    struct app *a = ctx;
    const struct dataset *ds = &a->ds;
    attr_t at = draw_row_attr(cursor, hl != NULL), span = draw_span_attr(cursor);
    struct matcher *m = hl ? hl->m : NULL;
    uint32_t e = fv.lk[row];
    int dir;
    uint32_t p = link_partner(ds, e, fv.lk_firm, &dir);
    struct link_cols c;
    link_columns(w, &c);
    int x = 0;
    if (c.type) {
        /* the type names its group once, on the group's first row */
        int first = row == 0 || ds->links.type[fv.lk[row - 1]] != ds->links.type[e];
        x += draw_text_match(win, y, x, c.type, first ? vocab_type_name(ds->links.type[e]) : "", at, span, m);
    }
    char arrow[8];
    snprintf(arrow, sizeof arrow, "%s", draw_arrow(dir));
    x += draw_text(win, y, x, c.dir, arrow, at);
    x += draw_text_match(win, y, x, c.name - 1, draw_firm_name(ds, p), at, span, m);
    x += draw_text(win, y, x, 1, " ", at);
    if (c.ind)
        x += draw_text_match(win, y, x, c.ind, dataset_str(ds, ds->industry_name[ds->firms.industry[p]]), at,
                             span, m);
    char mark[3] = {vocab_scale_mark(ds->firms.scale[p]), ' ', '\0'};
    x += draw_text(win, y, x, c.scale, mark, draw_cell(at, scale_style(ds->firms.scale[p])));
    char since[8] = "";
    if (ds->links.since[e] != YEAR_NONE)
        snprintf(since, sizeof since, "%d", ds->links.since[e]);
    if (c.form) {
        char fm[3] = {ds->links.form[e] == FORM_MATERIAL ? 'M' : 'N', ' ', '\0'};
        x += draw_text(win, y, x, c.form, fm, at);
    }
    x += draw_text(win, y, x, c.since, since, at);
    if (c.until) {
        char until[8] = "";
        if (ds->links.until[e] != YEAR_NONE)
            snprintf(until, sizeof until, "%d", ds->links.until[e]);
        x += draw_text(win, y, x, c.until, until, at);
    }
    if (c.weight) {
        char wt[16];
        snprintf(wt, sizeof wt, "%.4g ", dataset_link_weight(ds, e));
        x += draw_text(win, y, x, c.weight, wt, at);
    }
    if (c.ref && x < w) {
        const char *ref = dataset_str(ds, ds->links.ref[e]), *note = dataset_str(ds, ds->links.note[e]);
        int rw = !*note ? w - x : !*ref ? 0 : w - x > c.ref ? c.ref : w - x;
        if (rw)
            x += draw_text_match(win, y, x, rw, ref, at, span, m);
        if (*note && x < w)
            x += draw_text_match(win, y, x, w - x, note, at, span, m);
    }
    if (x < w)
        draw_text(win, y, x, w - x, "", at);
}

static const struct list_ops firm_list_ops = {firm_compile, firm_test, firm_draw_row, firm_test_all};
static const struct list_ops link_list_ops = {link_compile, link_test, link_draw_row, NULL};

/* ---- sorting ---- */

static const struct app *sort_app; /* qsort has no context argument in C11 */

static uint32_t lk_firm_for_sort;

static int cmp_links(const void *pa, const void *pb)
{
    uint32_t e = *(const uint32_t *)pa, f = *(const uint32_t *)pb;
    const struct dataset *ds = &sort_app->ds;
    if (ds->links.type[e] != ds->links.type[f])
        return ds->links.type[e] < ds->links.type[f] ? -1 : 1;
    int d;
    uint32_t p = link_partner(ds, e, lk_firm_for_sort, &d), q = link_partner(ds, f, lk_firm_for_sort, &d);
    int c = strcmp(dataset_str(ds, ds->firms.name[p]), dataset_str(ds, ds->firms.name[q]));
    if (c)
        return c;
    if (ds->links.since[e] != ds->links.since[f])
        return ds->links.since[e] < ds->links.since[f] ? -1 : 1;
    return e < f ? -1 : e > f;
}

/* cmp_links's order on integers: the type and the partner's name rank, its since
 * (offset so that unsigned order is the signed one), the linkage index. */
struct link_key {
    uint64_t type_rank;
    uint32_t since, e;
};

static int cmp_link_keys(const void *pa, const void *pb)
{
    const struct link_key *x = pa, *y = pb;
    if (x->type_rank != y->type_rank)
        return x->type_rank < y->type_rank ? -1 : 1;
    if (x->since != y->since)
        return x->since < y->since ? -1 : 1;
    return x->e < y->e ? -1 : x->e > y->e;
}

/* Sorts fv.lk, firm's linkages, by type, partner name, since: with the name ranks once
 * they are in (each linkage's data read once, not at every comparison; a hub of a
 * million firms has 50,000 linkages), with strcmp until then. */
static void sort_links(struct app *a, uint32_t firm)
{
    const struct dataset *ds = &a->ds;
    if (!fv.name_rank) {
        sort_app = a;
        lk_firm_for_sort = firm;
        qsort(fv.lk, fv.nlk, sizeof *fv.lk, cmp_links);
        return;
    }
    struct link_key *k = xmalloc((fv.nlk ? fv.nlk : 1) * sizeof *k);
    for (uint32_t i = 0; i < fv.nlk; i++) {
        uint32_t e = fv.lk[i], p = ds->links.source[e] == firm ? ds->links.target[e] : ds->links.source[e];
        k[i].type_rank = (uint64_t)ds->links.type[e] << 32 | fv.name_rank[p];
        k[i].since = (uint32_t)(ds->links.since[e] + 32768);
        k[i].e = e;
    }
    qsort(k, fv.nlk, sizeof *k, cmp_link_keys);
    for (uint32_t i = 0; i < fv.nlk; i++)
        fv.lk[i] = k[i].e;
    free(k);
}

static void orders_forget(void)
{
    for (int k = 0; k < SORT_COUNT; k++) {
        free(fv.order[k]);
        fv.order[k] = NULL;
    }
    free(fv.name_rank);
    fv.name_rank = NULL;
    free(fv.prev_deg_order);
    fv.prev_deg_order = NULL;
}

static void apply_sort(struct app *a);

/* The name and id orders are real sorts of a million strings: on the worker. */
struct sort_job {
    struct app *a;
    enum firm_sort mode;
    unsigned data_gen;
    uint32_t *perm;
    uint32_t *rank; /* SORT_NAME: order_name_ranks of perm */
};

static int sort_run(struct work_job *j)
{
    struct sort_job *sj = j->arg;
    const struct dataset *ds = &sj->a->ds;
    sj->perm = xmalloc((ds->firms.n ? ds->firms.n : 1) * sizeof *sj->perm);
    int rc = sj->mode == SORT_ID ? order_by_id(sj->perm, ds, &j->prog) : order_by_name(sj->perm, ds, &j->prog);
    if (rc == 0 && sj->mode == SORT_NAME) {
        sj->rank = xmalloc((ds->firms.n ? ds->firms.n : 1) * sizeof *sj->rank);
        rc = order_name_ranks(sj->rank, sj->perm, ds, &j->prog);
    }
    if (rc != 0) {
        free(sj->perm);
        free(sj->rank);
        sj->perm = sj->rank = NULL;
    }
    return rc;
}

static void sort_finish(struct work_job *j, int cancelled)
{
    struct sort_job *sj = j->arg;
    struct app *a = sj->a;
    if (!cancelled && sj->perm && sj->data_gen == a->data_gen && !fv.order[sj->mode]) {
        fv.order[sj->mode] = sj->perm;
        if (sj->rank && !fv.name_rank) {
            fv.name_rank = sj->rank;
            sj->rank = NULL;
        }
        if (fv.shown_sort != (int)fv.sort || fv.shown_reverse != fv.reverse)
            apply_sort(a);
    } else {
        free(sj->perm);
    }
    free(sj->rank);
    free(sj);
}

static void sort_post(struct app *a, enum firm_sort mode)
{
    int kind = mode == SORT_ID ? JOB_SORT_ID : JOB_SORT;
    if (work_pending(kind))
        return;
    struct sort_job *sj = xcalloc(1, sizeof *sj);
    sj->a = a;
    sj->mode = mode;
    sj->data_gen = a->data_gen;
    struct work_job *j = work_job_new(kind, mode == SORT_ID ? "sorting by id" : "sorting by name");
    j->run = sort_run;
    j->finish = sort_finish;
    j->arg = sj;
    work_post(j);
}

/* The order for mode when it is known or quick to derive, else NULL (the job that
 * computes what it needs is started). */
static const uint32_t *order_get(struct app *a, enum firm_sort mode)
{
    uint32_t n = a->ds.firms.n;
    if (mode == SORT_NAME || mode == SORT_ID) {
        if (!fv.order[mode])
            sort_post(a, mode);
        return fv.order[mode];
    }
    const uint32_t *by_name = order_get(a, SORT_NAME);
    if (!by_name)
        return NULL;
    if (mode == SORT_INDUSTRY) {
        if (!fv.order[mode]) {
            fv.order[mode] = xmalloc((n ? n : 1) * sizeof *fv.order[mode]);
            order_by_industry(fv.order[mode], by_name, &a->ds);
        }
        return fv.order[mode];
    }
    if (fv.order[SORT_DEGREE] && fv.deg_gen == a->layer_gen)
        return fv.order[SORT_DEGREE];
    /* keep the order of the layer being left: going back to it finds it */
    uint32_t *keep = fv.order[SORT_DEGREE];
    unsigned keep_gen = fv.deg_gen;
    if (fv.prev_deg_order && fv.prev_deg_gen == a->layer_gen) {
        fv.order[SORT_DEGREE] = fv.prev_deg_order;
    } else {
        free(fv.prev_deg_order);
        fv.order[SORT_DEGREE] = xmalloc((n ? n : 1) * sizeof *fv.order[SORT_DEGREE]);
        order_by_degree(fv.order[SORT_DEGREE], by_name, a->degree, n);
    }
    fv.deg_gen = a->layer_gen;
    fv.prev_deg_order = keep;
    fv.prev_deg_gen = keep_gen;
    return fv.order[SORT_DEGREE];
}

/* Puts the list in the order asked for when it is at hand (a copy of a kept order,
 * reversed for S); otherwise the list stays as it is until the job brings it. */
static void apply_sort(struct app *a)
{
    const uint32_t *perm = order_get(a, fv.sort);
    if (!perm || fv.firms.n_all != a->ds.firms.n)
        return;
    uint32_t n = fv.firms.n_all;
    /* the first order of fresh data starts at its top, as if it had always been sorted */
    int to_top = fv.shown_sort < 0 && fv.firms.cursor == 0;
    if (fv.reverse)
        for (uint32_t i = 0; i < n; i++)
            fv.firms.all[i] = perm[n - 1 - i];
    else
        memcpy(fv.firms.all, perm, (size_t)n * sizeof *perm);
    list_reorder(&fv.firms);
    if (to_top)
        list_set_cursor(&fv.firms, 0);
    fv.shown_sort = (int)fv.sort;
    fv.shown_reverse = fv.reverse;
    list_touch(&fv.firms);
    app_touch_all(a);
}

/* Rebuilds the linkage rows when the selected firm changed. */
static void sync_links(struct app *a)
{
    uint32_t firm = list_selected(&fv.firms);
    if (firm == fv.lk_firm)
        return;
    fv.lk_firm = firm;
    fv.detail_dirty = 1;
    free(fv.lk);
    fv.lk = NULL;
    fv.nlk = 0;
    if (firm != FIRM_NONE) {
        const struct graph *g = &a->g;
        uint32_t cap = (g->out_start[firm + 1] - g->out_start[firm]) + (g->in_start[firm + 1] - g->in_start[firm]);
        fv.lk = xmalloc((cap ? cap : 1) * sizeof *fv.lk);
        for (uint32_t i = g->out_start[firm]; i < g->out_start[firm + 1]; i++)
            if (a->layer.link_on[g->out_link[i]])
                fv.lk[fv.nlk++] = g->out_link[i];
        for (uint32_t i = g->in_start[firm]; i < g->in_start[firm + 1]; i++)
            if (a->layer.link_on[g->in_link[i]])
                fv.lk[fv.nlk++] = g->in_link[i];
        sort_links(a, firm);
    }
    uint32_t *rows = xmalloc((fv.nlk ? fv.nlk : 1) * sizeof *rows);
    for (uint32_t i = 0; i < fv.nlk; i++)
        rows[i] = i;
    list_set_rows(&fv.links, rows, fv.nlk, fv.nlk);
    list_set_cursor(&fv.links, 0);
    list_touch(&fv.links);
}

/* ---- ops ---- */

static void firms_open(struct app *a)
{
    if (!fv.firms.ops) {
        list_init(&fv.firms, &firm_list_ops, a);
        list_init(&fv.links, &link_list_ops, a);
        fv.links.focused = 0;
    }
    if (!fv.opened || fv.data_gen != a->data_gen) {
        /* new data: the rows in data order until the name order comes */
        fv.opened = 1;
        fv.data_gen = a->data_gen;
        scan_forget();
        orders_forget();
        uint32_t n = a->ds.firms.n;
        uint32_t *rows = xmalloc((n ? n : 1) * sizeof *rows);
        for (uint32_t i = 0; i < n; i++)
            rows[i] = i;
        list_set_rows(&fv.firms, rows, n, n);
        fv.shown_sort = -1;
    }
    /* a new layer changes only the degrees, and so the degree order */
    if (fv.shown_sort != (int)fv.sort || fv.sort == SORT_DEGREE)
        apply_sort(a);
    fv.lk_firm = FIRM_NONE - 1; /* differs from any selection, FIRM_NONE included */
    fv.detail_dirty = 1;
}

static void delwin0(WINDOW **w)
{
    if (*w)
        delwin(*w);
    *w = NULL;
}

/* the header, the columns, degree, the five lines of draw_roles and the five that
 * need the whole network (network, brokerage z, ego composition) */
static int detail_lines(const struct app *a) { return FC_COUNT + (int)a->ds.firms.extra.n + 2 + 5 + 5; }

static void firms_layout(struct app *a, int y, int x, int h, int w)
{
    delwin0(&fv.w_list);
    delwin0(&fv.w_detail);
    delwin0(&fv.w_links);
    if (a->wide) {
        fv.lw = w * 45 / 100;
        fv.rw = w - fv.lw;
    } else {
        fv.lw = fv.rw = w;
    }
    int want = detail_lines(a);
    int keep = h / 3 > 6 ? h / 3 : 6; /* rows left for the linkages */
    fv.dh = want + 8; /* the pad: room for a line or two the count above misses */
    fv.dvis = want < h - keep ? want : h - keep;
    if (fv.dvis < 1)
        fv.dvis = 1;
    fv.kh = h - fv.dvis;
    fv.dy = y;
    fv.dx = a->wide ? x + fv.lw : x;
    fv.w_list = newwin(h, fv.lw, y, x);
    fv.w_detail = newpad(fv.dh, fv.rw);
    fv.w_links = newwin(fv.kh, fv.rw, y + fv.dvis, a->wide ? x + fv.lw : x);
    list_resize(&fv.firms, h - 1);
    list_resize(&fv.links, fv.kh - 2);
    fv.detail_dirty = 1;
}

static void set_focus(struct app *a, int focus)
{
    fv.focus = focus;
    fv.firms.focused = focus == 0;
    fv.links.focused = focus == 1;
    fv.detail_dirty = 1; /* the details' cursor line shows or goes */
    list_touch(&fv.firms);
    list_touch(&fv.links);
    if (!a->wide)
        app_touch_all(a); /* the other pane takes the whole body */
}

static void draw_list_header(struct app *a)
{
    int nw, iw, dw, x = 0;
    int lw = a->wide ? fv.lw - 1 : fv.lw; /* a blank column between the panes */
    firm_columns(lw, &nw, &iw, &dw);
    attr_t h = draw_attr(ST_HEADER);
    char name[32];
    /* the order the list is in carries a '*' ('^' reversed); none before the first */
    const char *mark = fv.shown_reverse ? "^" : "*";
    int shown = fv.shown_sort;
    char ind[16], deg[8];
    snprintf(name, sizeof name, "Name%s%s", shown == SORT_NAME ? mark : "",
             shown == SORT_ID ? (fv.shown_reverse ? " (by id)^" : " (by id)*") : "");
    snprintf(ind, sizeof ind, "Industry%s", shown == SORT_INDUSTRY ? mark : "");
    snprintf(deg, sizeof deg, "Deg%s", shown == SORT_DEGREE ? mark : "");
    x += draw_text(fv.w_list, 0, x, nw + 1, name, h);
    if (iw)
        x += draw_text(fv.w_list, 0, x, iw + 1, ind, h);
    x += draw_text(fv.w_list, 0, x, 1, "S", h);
    draw_text_right(fv.w_list, 0, x, lw - x, deg, h);
}

static size_t keep_text(const char *s)
{
    size_t n = strlen(s), at = fv.ctext_len;
    fv.ctext = xgrow(fv.ctext, &fv.ctext_cap, at + n + 1, 1);
    memcpy(fv.ctext + at, s, n + 1);
    fv.ctext_len += n + 1;
    return at;
}

/* Remembers line y's label and value in full, for the pager. */
static void keep_cell(int y, const char *label, const char *value)
{
    if (y < 0)
        return;
    fv.cells = xgrow(fv.cells, &fv.cells_cap, (size_t)y + 1, sizeof *fv.cells);
    while (fv.n_cells < y) /* a line drawn some other way: no text */
        fv.cells[fv.n_cells].label = fv.cells[fv.n_cells].value = keep_text(""), fv.n_cells++;
    fv.cells[y].label = keep_text(label);
    fv.cells[y].value = keep_text(value);
    if (fv.n_cells <= y)
        fv.n_cells = y + 1;
}

static void detail_line(WINDOW *w, int y, int width, const char *label, const char *value)
{
    keep_cell(y, label, value);
    int lw = 14 < width / 2 ? 14 : width / 2;
    draw_text(w, y, 1, lw, label, draw_attr(ST_LABEL));
    draw_text(w, y, 1 + lw, width - lw - 1, value, A_NORMAL);
}

/* Above this many linkage ends read (egocluster_firm_cost: its partners' linkages)
 * a firm's measures come from the worker, which a key press never waits for: a few
 * milliseconds on the input loop at most, the hub of a million firms a quarter of a
 * second of CPU, or 70 ms with the layer's ego table. */
#define EGO_INLINE_COST 200000u

struct ego_job {
    struct app *a;
    uint32_t firm;
    unsigned layer_gen, data_gen;
    const struct ego_table *table; /* the app's, or NULL: taken when posted */
    struct ego_measures m;
};

/* The job reads the dataset, the graph, the layer, the groups, the layer's ego table
 * and the app's ego scratch, which nothing else touches while it is queued or running (the inline path waits for
 * no job: it runs only when none is; a layer or the data replaced cancel it first). */
static int ego_run(struct work_job *j)
{
    struct ego_job *e = j->arg;
    struct app *a = e->a;
    return egocluster_firm_tp(&e->m, &a->ds, &a->g, &a->layer, &a->groups, e->table, e->firm, &a->ego, &j->prog);
}

static void ego_finish(struct work_job *j, int cancelled)
{
    struct ego_job *e = j->arg;
    struct app *a = e->a;
    if (fv.ego_posted && fv.ego_job_firm == e->firm && fv.ego_job_gen == e->layer_gen &&
        fv.ego_job_data == e->data_gen) {
        fv.ego_posted = 0;
        fv.ego_stopped = cancelled; /* no newer request superseded it: Esc did */
        fv.detail_dirty = 1;
    }
    if (!cancelled && e->layer_gen == a->layer_gen && e->data_gen == a->data_gen) {
        fv.ego = e->m;
        fv.ego_firm = e->firm;
        fv.ego_gen = e->layer_gen;
        fv.ego_data = e->data_gen;
        if (e->firm == fv.lk_firm)
            fv.detail_dirty = 1;
    }
    free(e);
}

/* Whether the measures of v in the current layer are at hand: read from the layer's
 * cluster measures once they are in (O(the firm's arcs), a hub's too), else computed
 * here when they are cheap and no job uses the scratch, else asked of the worker (once). */
static int ego_ready(struct app *a, uint32_t v)
{
    if (fv.ego_firm == v && fv.ego_gen == a->layer_gen && fv.ego_data == a->data_gen)
        return 1;
    /* not app_cluster alone: a hub's details ask for the cluster measures once its
     * own are drawn (draw_roles), so the two do not share the CPU before then */
    const struct cluster *cl = a->cl_ready ? app_cluster(a) : NULL;
    if (cl) {
        /* a job still computing another firm's is left to end: its finish keeps
         * what it computed only for that firm */
        egocluster_from_cluster(&fv.ego, cl, v);
        fv.ego_firm = v;
        fv.ego_gen = a->layer_gen;
        fv.ego_data = a->data_gen;
        return 1;
    }
    uint64_t inline_max = work_test_delay() > 0 ? 0 : EGO_INLINE_COST; /* the test hold: every firm a hub */
    if (!work_active(JOB_EGO) && egocluster_firm_cost(&a->g, v) <= inline_max) {
        egocluster_firm(&fv.ego, &a->ds, &a->g, &a->layer, &a->groups, v, &a->ego);
        fv.ego_firm = v;
        fv.ego_gen = a->layer_gen;
        fv.ego_data = a->data_gen;
        return 1;
    }
    int same = fv.ego_job_firm == v && fv.ego_job_gen == a->layer_gen && fv.ego_job_data == a->data_gen;
    if (same && (fv.ego_posted || fv.ego_stopped))
        return 0;
    fv.ego_stopped = 0;
    /* a hub: with the layer's table when it is in (else it is asked for, for the next) */
    const struct ego_table *table = app_ego_table(a);
    struct ego_job *e = xcalloc(1, sizeof *e);
    e->a = a;
    e->firm = v;
    e->layer_gen = a->layer_gen;
    e->data_gen = a->data_gen;
    e->table = table;
    struct work_job *j = work_job_new(JOB_EGO, "computing the firm's measures");
    j->run = ego_run;
    j->finish = ego_finish;
    j->arg = e;
    fv.ego_posted = 1;
    fv.ego_job_firm = v;
    fv.ego_job_gen = a->layer_gen;
    fv.ego_job_data = a->data_gen;
    work_post(j); /* supersedes the one for the firm before */
    /* without a worker thread the job ran in place */
    return fv.ego_firm == v && fv.ego_gen == a->layer_gen && fv.ego_data == a->data_gen;
}

/* The ego composition of a firm whose partners' partners are many (the same bound as
 * EGO_INLINE_COST) comes from the worker: at L's largest hub it is a pass over 2.9
 * million partner ids, some 17 ms that would add to the linkage sort on the input
 * loop. The job reads the dataset, the graph, the layer and the installed cluster
 * measures' simple graph (cl_gen), which stay put until it ends: what drops or
 * replaces them cancels it first (app.c, JOB_EGOCOMP). */
struct comp_job {
    struct app *a;
    uint32_t node;
    unsigned cl_gen;
    struct ego_composition c;
};

static int comp_run(struct work_job *j)
{
    struct comp_job *c = j->arg;
    struct app *a = c->a;
    struct egocomp_scratch sc;
    egocomp_scratch_init(&sc, &a->ds, &a->cl.s);
    egocomp_firm(&c->c, &a->ds, &a->g, &a->layer, &a->cl.s, c->node, &sc);
    egocomp_scratch_free(&sc);
    return 0;
}

static void comp_finish(struct work_job *j, int cancelled)
{
    struct comp_job *c = j->arg;
    struct app *a = c->a;
    if (fv.comp_posted && fv.comp_job_node == c->node && fv.comp_job_gen == c->cl_gen) {
        fv.comp_posted = 0;
        fv.comp_stopped = cancelled; /* no newer request superseded it: Esc did */
        fv.detail_dirty = 1;
    }
    if (!cancelled && c->cl_gen == a->cl_gen) {
        fv.comp = c->c;
        fv.comp_node = c->node;
        fv.comp_gen = c->cl_gen;
        fv.detail_dirty = 1;
    }
    free(c);
}

/* Whether the ego composition of node (of the installed cluster measures cl) is at
 * hand: worked out here for a firm with few partners' partners, else asked of the
 * worker (once per firm and measures). */
static int comp_ready(struct app *a, const struct cluster *cl, uint32_t node)
{
    if (fv.comp_node == node && fv.comp_gen == a->cl_gen)
        return 1;
    uint64_t inline_max = work_test_delay() > 0 ? 0 : EGO_INLINE_COST; /* the test hold: every firm a hub */
    if (egocluster_firm_cost(&a->g, cl->s.node_firm[node]) <= inline_max) {
        struct egocomp_scratch sc; /* calloc'd: only the pages it touches cost anything */
        egocomp_scratch_init(&sc, &a->ds, &cl->s);
        egocomp_firm(&fv.comp, &a->ds, &a->g, &a->layer, &cl->s, node, &sc);
        egocomp_scratch_free(&sc);
        fv.comp_node = node;
        fv.comp_gen = a->cl_gen;
        return 1;
    }
    int same = fv.comp_job_node == node && fv.comp_job_gen == a->cl_gen;
    if (same && (fv.comp_posted || fv.comp_stopped))
        return 0;
    fv.comp_stopped = 0;
    struct comp_job *c = xcalloc(1, sizeof *c);
    c->a = a;
    c->node = node;
    c->cl_gen = a->cl_gen;
    struct work_job *j = work_job_new(JOB_EGOCOMP, "computing the ego composition");
    j->run = comp_run;
    j->finish = comp_finish;
    j->arg = c;
    fv.comp_posted = 1;
    fv.comp_job_node = node;
    fv.comp_job_gen = a->cl_gen;
    work_post(j); /* supersedes the one for the firm before */
    /* without a worker thread the job ran in place */
    return fv.comp_node == node && fv.comp_gen == a->cl_gen;
}

/* The brokerage z-score and the ego composition of node, which need the layer's
 * whole-network graphs (cl); the composition is worked out once per firm and layer
 * (a hub's on the worker: until it comes, its line says so). */
static void draw_more(struct app *a, const struct cluster *cl, WINDOW *w, int *y, int width, uint32_t node)
{
    char buf[256];
    const struct arc_graph *arcs = &cl->arcs;
    struct firmcol_src src = {.ds = &a->ds, .s = &cl->s, .cl = cl, .one_comp = &fv.comp};
    if (*y < fv.dh) {
        /* sna's z.nli of the total: the count against a random graph of this density */
        struct broker_moments *m = xmalloc(((size_t)cl->groups.count + 1) * sizeof *m);
        brokerage_expected(cl->n, arcs->m, cl->group_nodes, cl->groups.count, m, NULL);
        const struct broker_moments *g = &m[cl->groups.of[cl->s.node_firm[node]]];
        double z = brokerage_z(firmcol_value(&src, node, FIRMCOL_BROKERAGE), g->exp[BR_COUNT], g->sd[BR_COUNT]);
        if (isfinite(z))
            snprintf(buf, sizeof buf, "%.1f (expected %.1f chains)", z, g->exp[BR_COUNT]);
        else
            snprintf(buf, sizeof buf, "- (expected %.1f chains)", g->exp[BR_COUNT]);
        free(m);
        detail_line(w, (*y)++, width, "brokerage z", buf);
    }
    if (*y >= fv.dh)
        return;
    if (!comp_ready(a, cl, node)) {
        char job[96] = "stopped (move to another firm and back to compute it)";
        if (!fv.comp_stopped)
            app_job_text(JOB_EGOCOMP, job, sizeof job, NULL);
        detail_line(w, (*y)++, width, "ego density", job);
        return;
    }
    double density = firmcol_value(&src, node, FIRMCOL_EGO_DENSITY);
    if (isnan(density))
        snprintf(buf, sizeof buf, "- (fewer than two partners)");
    else
        snprintf(buf, sizeof buf, "%.3f among partners", density);
    detail_line(w, (*y)++, width, "ego density", buf);
    if (*y < fv.dh) {
        double bt = firmcol_value(&src, node, FIRMCOL_BLAU_TYPE);
        if (isnan(bt))
            snprintf(buf, sizeof buf, "-");
        else
            snprintf(buf, sizeof buf, "type %.2f scale %.2f industry %.2f", bt,
                     firmcol_value(&src, node, FIRMCOL_BLAU_SCALE), firmcol_value(&src, node, FIRMCOL_BLAU_INDUSTRY));
        detail_line(w, (*y)++, width, "diversity", buf);
    }
    double nonmat = firmcol_value(&src, node, FIRMCOL_NONMAT);
    if (*y < fv.dh && !isnan(nonmat)) {
        snprintf(buf, sizeof buf, "%.0f%% of linkages", 100.0 * nonmat);
        detail_line(w, (*y)++, width, "non-material", buf);
    }
}

/* Brokerage roles, gatekeeper score and constraint of firm v in the layer, computed
 * from its neighbourhood (core/egocluster) when the firm or the layer changed (a
 * hub's on the worker: until they come, the lines say so and the rest of the details
 * stand); the gatekeeper rank and coreness, which need the whole network, from the
 * app's cluster measures once their job is done. */
static void draw_roles(struct app *a, WINDOW *w, int *y, int width, uint32_t v)
{
    if (!ego_ready(a, v)) {
        char job[96] = "stopped (move to another firm and back to compute them)";
        if (!fv.ego_stopped)
            app_job_text(JOB_EGO, job, sizeof job, NULL);
        static const char *const label[5] = {"brokerage", "roles", "gatekeeper", "constraint", "direction"};
        for (int k = 0; k < 5 && *y < fv.dh; k++)
            detail_line(w, (*y)++, width, label[k], k ? "" : job);
        return;
    }
    char buf[256];
    if (!fv.ego.in_layer) {
        if (*y < fv.dh)
            detail_line(w, (*y)++, width, "brokerage", "not in this layer");
        return;
    }
    const struct cluster *cl = app_cluster(a);
    uint32_t node = cl ? cl->s.firm_node[v] : SIMPLE_NONE;
    /* the firm's own measures (fv.ego, whatever node is asked); the whole network's
     * at its node once the cluster measures are in */
    struct firmcol_src src = {.ds = &a->ds, .one = &fv.ego};
    int whole = cl && node != SIMPLE_NONE;
    if (whole)
        src.s = &cl->s, src.cl = cl, src.core = cl->core, src.esize = cl->effective_size;
#define VALUE(col) firmcol_value(&src, node, col)
#define COUNT(col) draw_num((uint64_t)VALUE(col))
    double total = VALUE(FIRMCOL_BROKERAGE);
    snprintf(buf, sizeof buf, "%s chain%s (groups: scale)", COUNT(FIRMCOL_BROKERAGE), total == 1 ? "" : "s");
    if (*y < fv.dh)
        detail_line(w, (*y)++, width, "brokerage", buf);
    /* no commas: the five fit 40 columns (the details pane at 100) while counts are small */
    snprintf(buf, sizeof buf, "coord %s itin %s repr %s gate %s liaison %s", COUNT(FIRMCOL_COORD),
             COUNT(FIRMCOL_ITIN), COUNT(FIRMCOL_REPR), COUNT(FIRMCOL_GATE), COUNT(FIRMCOL_LIAISON));
    if (*y < fv.dh)
        detail_line(w, (*y)++, width, "roles", buf);
    char job[96] = "";
    if (!cl && !app_job_text(JOB_CLUSTER, job, sizeof job, NULL))
        snprintf(job, sizeof job, "stopped (Enter in the Cluster view)");
    double score = VALUE(FIRMCOL_GKSCORE); /* NaN: not a local firm */
    if (!isnan(score)) {
        snprintf(buf, sizeof buf, "score %s (in %s, out %s, exclusive %s)", COUNT(FIRMCOL_GKSCORE),
                 COUNT(FIRMCOL_PIN), COUNT(FIRMCOL_POUT), COUNT(FIRMCOL_EXCL));
    } else {
        snprintf(buf, sizeof buf, "- (local firms only)");
    }
    if (*y < fv.dh)
        detail_line(w, (*y)++, width, "gatekeeper", buf);
    double constraint = VALUE(FIRMCOL_CONSTRAINT);
    if (isnan(constraint))
        snprintf(buf, sizeof buf, "- (no partners)");
    else
        snprintf(buf, sizeof buf, "%.3f (effective size %.2f)", constraint, VALUE(FIRMCOL_ESIZE));
    if (*y < fv.dh)
        detail_line(w, (*y)++, width, "constraint", buf);
    snprintf(buf, sizeof buf, "in %s, out %s, mutual %s", COUNT(FIRMCOL_IN), COUNT(FIRMCOL_OUT),
             COUNT(FIRMCOL_MUTUAL));
    if (*y < fv.dh)
        detail_line(w, (*y)++, width, "direction", buf);
    /* the whole-network parts: the gatekeeper ranking and coreness */
    if (whole) {
        int k = 0;
        if (score > 0) {
            uint32_t r = 0;
            while (r < cl->n_local && cl->gatekeeper_rank[r] != node)
                r++;
            k = snprintf(buf, sizeof buf, "rank %u, ", (unsigned)r + 1);
        }
        snprintf(buf + k, sizeof buf - (size_t)k, "k-core %u, coreness %.3f", (unsigned)VALUE(FIRMCOL_CORE),
                 VALUE(FIRMCOL_CORENESS));
    } else {
        snprintf(buf, sizeof buf, "%s", job);
    }
#undef COUNT
#undef VALUE
    if (*y < fv.dh)
        detail_line(w, (*y)++, width, "network", buf);
    if (whole)
        draw_more(a, cl, w, y, width, node);
}

static void draw_detail(struct app *a)
{
    WINDOW *w = fv.w_detail;
    const struct dataset *ds = &a->ds;
    const struct firm_table *f = &ds->firms;
    werase(w);
    fv.n_cells = 0;
    fv.ctext_len = 0;
    uint32_t v = fv.lk_firm;
    int width = fv.rw, y = 0;
    if (v != fv.d_firm) { /* another firm's details start at the top */
        fv.d_firm = v;
        fv.dtop = fv.dcur = 0;
    }
    if (v >= f->n) {
        draw_text(w, 0, 1, width - 1, f->n ? "no firm selected" : "no firms", draw_attr(ST_DIM));
        return;
    }
    keep_cell(y, "", draw_firm_name(ds, v));
    draw_text(w, y++, 0, width, draw_firm_name(ds, v), draw_attr(ST_HEADER));
    char num[64];
    for (unsigned c = 0; c < FC_COUNT && y < fv.dh; c++)
        detail_line(w, y++, width, dataset_firm_column_name(c), dataset_firm_text(ds, v, c, num));
    for (uint32_t k = 0; k < f->extra.n && y < fv.dh; k++)
        detail_line(w, y++, width, dataset_str(ds, f->extra.name[k]),
                    dataset_str(ds, f->extra.value[(size_t)v * f->extra.n + k]));
    if (y < fv.dh) {
        snprintf(num, sizeof num, "%s partner%s, %s linkage%s in layer", draw_num(a->degree[v]),
                 a->degree[v] == 1 ? "" : "s", draw_num(fv.nlk), fv.nlk == 1 ? "" : "s");
        detail_line(w, y++, width, "degree", num);
    }
    if (y < fv.dh)
        draw_roles(a, w, &y, width, v);
}

/* Puts the visible part of the details on screen, the cursor line marked while
 * the details have the focus. */
static void detail_show(void)
{
    int last = fv.n_cells > 0 ? fv.n_cells - 1 : 0;
    if (fv.dcur > last)
        fv.dcur = last;
    if (fv.dcur < fv.dtop)
        fv.dtop = fv.dcur;
    if (fv.dcur >= fv.dtop + fv.dvis)
        fv.dtop = fv.dcur - fv.dvis + 1;
    if (fv.dtop > fv.dh - fv.dvis)
        fv.dtop = fv.dh - fv.dvis > 0 ? fv.dh - fv.dvis : 0;
    if (fv.focus == 2 && fv.n_cells) {
        attr_t c = draw_attr(ST_CURSOR);
        mvwchgat(fv.w_detail, fv.dcur, 0, -1, c & ~A_COLOR, (short)PAIR_NUMBER(c), NULL);
    }
    pnoutrefresh(fv.w_detail, fv.dtop, 0, fv.dy, fv.dx, fv.dy + fv.dvis - 1, fv.dx + fv.rw - 1);
}

static void draw_links_header(struct app *a)
{
    WINDOW *w = fv.w_links;
    char title[96];
    if (fv.links.filter_text)
        snprintf(title, sizeof title, "Linkages: %s of %s in layer", draw_num(fv.links.n), draw_num(fv.nlk));
    else
        snprintf(title, sizeof title, "Linkages: %s in layer", draw_num(fv.nlk));
    draw_text(w, 0, 0, fv.rw, title, draw_attr(ST_HEADER) | (fv.focus == 1 ? A_REVERSE * !a->term.colors : 0));
    struct link_cols c;
    link_columns(fv.rw, &c);
    int x = 0;
    attr_t h = draw_attr(ST_HEADER);
    if (c.type)
        x += draw_text(w, 1, x, c.type, "Type", h);
    x += draw_text(w, 1, x, c.dir, "Dir", h);
    x += draw_text(w, 1, x, c.name, "Partner", h);
    if (c.ind)
        x += draw_text(w, 1, x, c.ind, "Industry", h);
    x += draw_text(w, 1, x, c.scale, "S", h);
    if (c.form)
        x += draw_text(w, 1, x, c.form, "F", h);
    x += draw_text(w, 1, x, c.since, "Since", h);
    if (c.until)
        x += draw_text(w, 1, x, c.until, "Until", h);
    if (c.weight)
        x += draw_text(w, 1, x, c.weight, "Wt", h);
    if (c.ref && x < fv.rw) {
        x += draw_text(w, 1, x, fv.rw - x, "Ref, note", h);
    }
}

static void firms_draw(struct app *a)
{
    int full = a->repaint;
    int show_list = a->wide || fv.focus == 0, show_right = a->wide || fv.focus != 0;
    /* a newly selected hub's measures are asked of the worker before its linkages are
     * gathered and sorted here, so the two overlap (at L's largest hub 95 ms on the
     * worker beside 25 on the loop); once the cluster measures are in, its measures
     * are read from them at once and its ego composition is what overlaps */
    uint32_t sel = list_selected(&fv.firms);
    if (show_right && sel != fv.lk_firm && sel < a->ds.firms.n) {
        (void)ego_ready(a, sel);
        const struct cluster *cl = a->cl_ready ? app_cluster(a) : NULL;
        if (cl && cl->s.firm_node[sel] != SIMPLE_NONE)
            (void)comp_ready(a, cl, cl->s.firm_node[sel]);
    }
    sync_links(a);
    if (show_list) {
        if (full) {
            werase(fv.w_list);
            draw_list_header(a);
            if (a->wide)
                for (int y = 0; y < getmaxy(fv.w_list); y++)
                    draw_text(fv.w_list, y, fv.lw - 1, 1, draw_ascii_only() ? "|" : "│", draw_attr(ST_DIM));
            list_touch(&fv.firms);
        }
        if (list_draw(&fv.firms, fv.w_list, 1, a->wide ? fv.lw - 1 : fv.lw) || full) {
            if (!fv.firms.n)
                draw_text(fv.w_list, 1, 1, fv.lw - 2, a->ds.firms.n ? "no firm matches the filter" : "no firms",
                          draw_attr(ST_DIM));
            wnoutrefresh(fv.w_list);
        }
    }
    if (show_right) {
        if (full || fv.detail_dirty) {
            draw_detail(a);
            detail_show();
        }
        int links_full = full || fv.detail_dirty || fv.links.dirty_all;
        if (links_full) {
            werase(fv.w_links);
            draw_links_header(a);
            list_touch(&fv.links);
        }
        if (list_draw(&fv.links, fv.w_links, 2, fv.rw) || links_full) {
            if (!fv.links.n && fv.lk_firm < a->ds.firms.n && fv.kh > 2)
                draw_text(fv.w_links, 2, 1, fv.rw - 1,
                          fv.nlk ? "no linkage matches the filter" : "no linkages in this layer", draw_attr(ST_DIM));
            wnoutrefresh(fv.w_links);
        }
        fv.detail_dirty = 0;
    }
}

static void select_firm(struct app *a, uint32_t firm)
{
    if (list_select(&fv.firms, firm) == 0)
        return;
    if (fv.firms.filter_text) {
        struct match_error err;
        list_filter(&fv.firms, "", &err);
        app_message(a, ST_WARNING, "filter cleared to show the firm");
    }
    list_select(&fv.firms, firm);
}

void firms_view_jump(struct app *a, uint32_t firm)
{
    if (a->view != VIEW_FIRMS)
        app_show_view(a, VIEW_FIRMS);
    uint32_t cur = list_selected(&fv.firms);
    if (cur == firm)
        return;
    if (cur != LIST_NONE) {
        stack_push(&fv.back, cur, current_link(cur));
        fv.fwd.n = 0;
    }
    select_firm(a, firm);
}

void firms_view_filter(struct app *a, const char *text)
{
    struct match_error err;
    if (a->view != VIEW_FIRMS)
        app_show_view(a, VIEW_FIRMS);
    set_focus(a, 0);
    if (list_filter(&fv.firms, text, &err) < 0)
        app_message(a, ST_ERROR, "%s", err.message);
    else
        app_message(a, ST_NORMAL, "filter %s: %s firms", text, draw_num(fv.firms.n));
    list_set_cursor(&fv.firms, 0);
    app_touch_all(a);
}

uint32_t firms_view_current(struct app *a)
{
    (void)a;
    uint32_t f = fv.firms.ops ? list_selected(&fv.firms) : LIST_NONE;
    return f == LIST_NONE ? FIRM_NONE : f;
}

uint8_t *firms_view_selection(struct app *a)
{
    if (!fv.firms.filter_text)
        return NULL;
    uint8_t *sel = xcalloc((size_t)a->ds.firms.n + 1, 1);
    for (uint32_t i = 0; i < fv.firms.n; i++)
        sel[fv.firms.shown[i]] = 1;
    return sel;
}

static void history_step(struct app *a, struct firm_stack *from, struct firm_stack *to, const char *none)
{
    if (!from->n) {
        if (from == &fv.back && fv.focus != 0 && !a->wide)
            set_focus(a, 0);
        else
            app_message(a, ST_WARNING, "%s", none);
        return;
    }
    uint32_t cur = list_selected(&fv.firms);
    struct visit dest = from->v[--from->n];
    if (cur != LIST_NONE)
        stack_push(to, cur, current_link(cur));
    select_firm(a, dest.firm);
    sync_links(a);
    for (uint32_t i = 0; dest.link != LIST_NONE && i < fv.nlk; i++)
        if (fv.lk[i] == dest.link) {
            list_select(&fv.links, i); /* stays on the first when a filter hides it */
            break;
        }
}

/* A text for the pager, built as "LABEL\tVALUE" paragraphs (pager_show's format). */
struct pager_text {
    char *v; /* owned */
    size_t len, cap;
};

static void pt_add(struct pager_text *t, const char *label, const char *value)
{
    size_t nl = strlen(label), nv = strlen(value);
    t->v = xgrow(t->v, &t->cap, t->len + nl + nv + 3, 1);
    memcpy(t->v + t->len, label, nl);
    t->len += nl;
    if (nl)
        t->v[t->len++] = '\t';
    for (size_t i = 0; i < nv; i++) /* a value's own line breaks would end its paragraph */
        t->v[t->len++] = value[i] == '\n' || value[i] == '\t' || value[i] == '\r' ? ' ' : value[i];
    t->v[t->len++] = '\n';
    t->v[t->len] = '\0';
}

/* The details of the selected firm in the pager, the cursor on line at of them. */
static void details_pager(struct app *a, int at)
{
    sync_links(a);
    draw_detail(a); /* fills the cells, also when the details are not on screen */
    if (fv.n_cells < 2)
        return;
    struct pager_text t = {NULL, 0, 0};
    for (int i = 1; i < fv.n_cells; i++)
        pt_add(&t, fv.ctext + fv.cells[i].label, fv.ctext + fv.cells[i].value);
    pager_show(a, fv.ctext + fv.cells[0].value, t.v, at > 0 ? (unsigned)at - 1 : 0);
    free(t.v);
}

/* Every field of the linkage under the cursor in the pager. */
static void link_pager(struct app *a)
{
    sync_links(a);
    uint32_t row = list_selected(&fv.links);
    if (row == LIST_NONE || row >= fv.nlk)
        return;
    const struct dataset *ds = &a->ds;
    uint32_t e = fv.lk[row];
    int dir;
    uint32_t p = link_partner(ds, e, fv.lk_firm, &dir);
    char buf[160], title[512];
    struct pager_text t = {NULL, 0, 0};
    snprintf(buf, sizeof buf, "%s (%s)", vocab_type_name(ds->links.type[e]), vocab_form_name(ds->links.form[e]));
    pt_add(&t, "type", buf);
    pt_add(&t, "direction", dir == 2 ? "mutual (a type without direction)" : dir == 0 ? "out, to the partner"
                                                                                    : "in, from the partner");
    pt_add(&t, "partner", draw_firm_name(ds, p));
    pt_add(&t, "partner id", dataset_firm_id(ds, p));
    pt_add(&t, "industry", dataset_str(ds, ds->industry_name[ds->firms.industry[p]]));
    pt_add(&t, "scale", vocab_scale_name(ds->firms.scale[p]));
    buf[0] = '\0';
    if (ds->links.since[e] != YEAR_NONE)
        snprintf(buf, sizeof buf, "%d", ds->links.since[e]);
    pt_add(&t, "since", buf);
    buf[0] = '\0';
    if (ds->links.until[e] != YEAR_NONE)
        snprintf(buf, sizeof buf, "%d", ds->links.until[e]);
    pt_add(&t, "until", buf);
    snprintf(buf, sizeof buf, "%g", dataset_link_weight(ds, e));
    pt_add(&t, "weight", buf);
    pt_add(&t, "note", dataset_str(ds, ds->links.note[e]));
    pt_add(&t, "ref", dataset_str(ds, ds->links.ref[e]));
    for (uint32_t k = 0; k < ds->links.extra.n; k++)
        pt_add(&t, dataset_str(ds, ds->links.extra.name[k]),
               dataset_str(ds, ds->links.extra.value[(size_t)e * ds->links.extra.n + k]));
    snprintf(buf, sizeof buf, "linkages.csv:%u", (unsigned)dataset_link_line(ds, e));
    pt_add(&t, "line", buf);
    snprintf(title, sizeof title, "Linkage: %.200s %s %.200s", draw_firm_name(ds, fv.lk_firm), draw_arrow(dir),
             draw_firm_name(ds, p));
    pager_show(a, title, t.v, 0);
    free(t.v);
}

/* The keys while the details have the focus: the cursor moves over their lines
 * (scrolling them), Down past the last goes on to the linkages, Enter or v shows
 * them in the pager. */
static int details_key(struct app *a, enum action act)
{
    long page = fv.dvis > 1 ? fv.dvis - 1 : 1, c = fv.dcur;
    switch (act) {
    case ACT_UP: c--; break;
    case ACT_DOWN:
        if (c + 1 >= fv.n_cells) {
            set_focus(a, 1);
            return 1;
        }
        c++;
        break;
    case ACT_PAGE_UP: c -= page; break;
    case ACT_PAGE_DOWN: c += page; break;
    case ACT_HOME: c = 0; break;
    case ACT_END: c = fv.n_cells - 1; break;
    case ACT_FOLLOW:
    case ACT_PAGER:
        details_pager(a, fv.dcur);
        return 1;
    case ACT_SEARCH:
    case ACT_FILTER:
        app_message(a, ST_WARNING, "the details have no search: v shows them in the pager, which has");
        return 1;
    default:
        return 0;
    }
    if (c >= fv.n_cells)
        c = fv.n_cells - 1;
    if (c < 0)
        c = 0;
    fv.dcur = (int)c;
    fv.detail_dirty = 1;
    return 1;
}

static int firms_key(struct app *a, enum action act)
{
    if (fv.focus == 2 && details_key(a, act))
        return 1;
    if (act == ACT_UP && fv.focus == 1 && (!fv.links.n || !fv.links.cursor)) {
        /* up from the first linkage into the details above */
        set_focus(a, 2);
        fv.dcur = fv.n_cells > 0 ? fv.n_cells - 1 : 0;
        return 1;
    }
    if (act == ACT_PAGER) {
        if (fv.focus == 1 && fv.links.n)
            link_pager(a);
        else
            details_pager(a, 0);
        return 1;
    }
    switch (act) {
    case ACT_NEXT_PANE:
        set_focus(a, !fv.focus); /* the details go back to the list too */
        return 1;
    case ACT_FOLLOW:
        if (fv.focus == 0) {
            set_focus(a, 1);
            return 1;
        }
        sync_links(a);
        if (fv.links.n) {
            int dir;
            uint32_t p = link_partner(&a->ds, fv.lk[list_selected(&fv.links)], fv.lk_firm, &dir);
            firms_view_jump(a, p);
        }
        return 1;
    case ACT_BACK:
        history_step(a, &fv.back, &fv.fwd, "no earlier firm");
        return 1;
    case ACT_FORWARD:
        history_step(a, &fv.fwd, &fv.back, "no later firm");
        return 1;
    case ACT_SORT:
    case ACT_SORT_REVERSE:
        if (act == ACT_SORT)
            fv.sort = (fv.sort + 1) % SORT_COUNT;
        else
            fv.reverse = !fv.reverse;
        apply_sort(a);
        if (fv.shown_sort == (int)fv.sort)
            app_message(a, ST_NORMAL, "sorted by %s%s", sort_names[fv.sort], fv.reverse ? ", reversed" : "");
        else
            app_message(a, ST_NORMAL, "sorting by %s%s ...", sort_names[fv.sort], fv.reverse ? ", reversed" : "");
        return 1;
    default:
        return 0;
    }
}

static struct list *firms_focus(struct app *a)
{
    (void)a;
    /* the details are no list: nothing to search, filter or count there */
    return fv.focus == 2 ? NULL : fv.focus ? &fv.links : &fv.firms;
}

static void firms_status(struct app *a, char *buf, size_t bufsz)
{
    int k = snprintf(buf, bufsz, "Firms %s/%s", draw_num(fv.firms.n), draw_num(a->ds.firms.n));
    list_status_filter(&fv.firms, buf, bufsz, k);
    size_t n = strlen(buf);
    if (fv.focus == 2 && fv.n_cells && n < bufsz) /* the details are no list: their own position */
        snprintf(buf + n, bufsz - n, " · line %d/%d", fv.dcur + 1, fv.n_cells);
}

static void free_saved(void)
{
    free(fv.saved_sel);
    for (size_t i = 0; i < fv.n_saved_back; i++)
        free(fv.saved_back[i]);
    for (size_t i = 0; i < fv.n_saved_fwd; i++)
        free(fv.saved_fwd[i]);
    free(fv.saved_back);
    free(fv.saved_fwd);
    fv.saved_sel = NULL;
    fv.saved_back = fv.saved_fwd = NULL;
    fv.n_saved_back = fv.n_saved_fwd = 0;
}

static char **save_stack(const struct app *a, const struct firm_stack *s)
{
    char **ids = xcalloc(s->n ? s->n : 1, sizeof *ids);
    for (size_t i = 0; i < s->n; i++)
        ids[i] = xstrdup(dataset_firm_id(&a->ds, s->v[i].firm));
    return ids;
}

void firms_view_save_ids(struct app *a)
{
    free_saved();
    uint32_t sel = list_selected(&fv.firms);
    if (sel != LIST_NONE)
        fv.saved_sel = xstrdup(dataset_firm_id(&a->ds, sel));
    fv.saved_back = save_stack(a, &fv.back);
    fv.n_saved_back = fv.back.n;
    fv.saved_fwd = save_stack(a, &fv.fwd);
    fv.n_saved_fwd = fv.fwd.n;
}

static void restore_stack(const struct app *a, struct firm_stack *s, char **ids, size_t n)
{
    s->n = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = dataset_find_firm(&a->ds, ids[i], strlen(ids[i]));
        if (v != FIRM_NONE)
            stack_push(s, v, LIST_NONE); /* linkage numbers are the old data's */
    }
}

void firms_view_restore_ids(struct app *a)
{
    /* the filter may name an extra column that moved: recompile against the new data */
    list_refilter(&fv.firms);
    list_refilter(&fv.links);
    if (fv.saved_sel) {
        uint32_t v = dataset_find_firm(&a->ds, fv.saved_sel, strlen(fv.saved_sel));
        if (v != FIRM_NONE)
            list_select(&fv.firms, v);
    }
    restore_stack(a, &fv.back, fv.saved_back, fv.n_saved_back);
    restore_stack(a, &fv.fwd, fv.saved_fwd, fv.n_saved_fwd);
    free_saved();
    fv.lk_firm = FIRM_NONE - 1;
}

static void firms_done(struct app *a)
{
    (void)a;
    scan_forget();
    orders_forget();
    list_free(&fv.firms);
    list_free(&fv.links);
    free(fv.lk);
    free(fv.back.v);
    free(fv.fwd.v);
    free(fv.cells);
    free(fv.ctext);
    free_saved();
    delwin0(&fv.w_list);
    delwin0(&fv.w_detail);
    delwin0(&fv.w_links);
    memset(&fv, 0, sizeof fv);
}

const struct view_ops firms_view_ops = {
    "Firms", firms_open, firms_layout, firms_draw, firms_key, firms_focus, firms_status, firms_done, NULL,
};
