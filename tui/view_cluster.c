#include "config.h"
#include "view_cluster.h"
#include "view_firms.h"
#include "direction.h"
#include "firmcol.h"
#include "draw.h"
#include "xalloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cluster_state {
    struct list ind;      /* rows: industries with firms in the layer */
    struct list gk;       /* rows: firms (not nodes, so the cursor survives a layer
                             change), local firms scoring > 0 in rank order */
    uint32_t *rank;       /* owned; ds.firms.n entries: 1-based rank, 0 unranked */
    int focus;            /* 0 the industries, 1 the gatekeepers */
    int stale;            /* rows not yet rebuilt for the current layer */
    unsigned gen;         /* the app's cl_gen the rows were built from */
    int waiting;          /* the measures are being computed: the rows are empty */
    WINDOW *w_top, *w_gk; /* owned: summary + industries, gatekeepers */
    int th, gh, width;
    /* the directed summary of the layer, computed with the rows (O(n + m) once a
     * layer, never per redraw) */
    double broker_z;
};

/* Rows of the top window: the network summary, the direction summary, the
 * industries' header, then the industries. */
enum { CV_HEAD = 2, CV_LIST = 3 };

static struct cluster_state cv;

/* Counts grouped as long as they fit the 8 columns of a number column, larger ones
 * shortened ("42.9M") so the columns hold. */
static void fmt_count(char *buf, size_t bufsz, uint64_t x)
{
    snprintf(buf, bufsz, "%s", draw_num_fit(x, 8));
}

static void fmt_share(char *buf, size_t bufsz, double x)
{
    if (isnan(x))
        snprintf(buf, bufsz, "-");
    else
        snprintf(buf, bufsz, "%.0f%%", 100 * x);
}

static void fmt_ei(char *buf, size_t bufsz, double x)
{
    if (isnan(x))
        snprintf(buf, bufsz, "-");
    else
        snprintf(buf, bufsz, "%+.2f", x);
}

/* ---- the industry rows ---- */

struct ind_cols { int name, firms, ties, lng, bar, buzz, ei; };

static void ind_columns(int w, struct ind_cols *c)
{
    c->firms = 6, c->ties = 7, c->buzz = 6, c->ei = 7;
    c->lng = w >= 100 ? 21 : 0;
    c->bar = w >= 70 ? 24 : w >= 50 ? 12 : 0;
    c->name = w - c->firms - c->ties - c->lng - c->bar - c->buzz - c->ei;
    if (c->name < 8)
        c->name = 8;
}

static const char *ind_row_text(struct app *a, uint32_t row, char *buf, size_t bufsz)
{
    const struct cluster_industry *in = &a->cl.industry[row];
    const struct tie_profile *p = &in->ties;
    snprintf(buf, bufsz, "%s %u %u %u %u %u", dataset_str(&a->ds, a->ds.industry_name[row]), (unsigned)in->firms,
             (unsigned)p->total, (unsigned)p->by_scale[SCALE_LOCAL], (unsigned)p->by_scale[SCALE_NATIONAL],
             (unsigned)p->by_scale[SCALE_GLOBAL]);
    return buf;
}

static int text_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

static enum match_result ind_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    char buf[1024];
    return list_test_text(f, ind_row_text(ctx, row, buf, sizeof buf));
}

static int put_num(WINDOW *win, int y, int x, int width, const char *s, attr_t at)
{
    draw_text_right(win, y, x, width - 1, s, at);
    draw_text(win, y, x + width - 1, 1, "", at);
    return width;
}

static void ind_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor,
                         struct firm_filter *hl)
{
    struct app *a = ctx;
    const struct cluster_industry *in = &a->cl.industry[row];
    const struct tie_profile *p = &in->ties;
    attr_t at = draw_row_attr(cursor, hl != NULL);
    struct ind_cols c;
    ind_columns(w, &c);
    char num[32];
    int x = 0;
    x += draw_text_match(win, y, x, c.name - 1, dataset_str(&a->ds, a->ds.industry_name[row]), at,
                         draw_span_attr(cursor), hl ? hl->m : NULL);
    x += draw_text(win, y, x, 1, " ", at);
    x += put_num(win, y, x, c.firms, draw_num_fit(in->firms, c.firms - 1), at);
    x += put_num(win, y, x, c.ties, draw_num_fit(p->total, c.ties - 1), at);
    if (c.lng)
        for (unsigned s = 0; s < SCALE_COUNT; s++)
            x += put_num(win, y, x, 7, draw_num_fit(p->by_scale[s], 6), at);
    if (c.bar) {
        static const enum style ss[SCALE_COUNT] = {ST_SCALE_L, ST_SCALE_N, ST_SCALE_G};
        unsigned counts[SCALE_COUNT];
        for (unsigned s = 0; s < SCALE_COUNT; s++)
            counts[s] = p->by_scale[s];
        draw_text(win, y, x, 1, "", at);
        draw_bar(win, y, x + 1, c.bar - 2, counts, SCALE_COUNT, "LNG", ss, at);
        x += c.bar - 1;
        x += draw_text(win, y, x, 1, "", at);
    }
    fmt_share(num, sizeof num, ties_share(p->buzz, p->total));
    x += put_num(win, y, x, c.buzz, num, at);
    fmt_ei(num, sizeof num, ties_ei_index(&in->ei));
    x += put_num(win, y, x, c.ei, num, at);
    if (x < w)
        draw_text(win, y, x, w - x, "", at);
}

/* ---- the gatekeeper rows ---- */

struct gk_cols { int rank, name, ind, in, out, excl, score, brk; };

static void gk_columns(int w, struct gk_cols *c)
{
    c->rank = 5, c->excl = 6, c->score = 9;
    c->in = c->out = w >= 60 ? 9 : 0;
    c->brk = w >= 72 ? 9 : 0;
    c->ind = w >= 100 ? 14 : 0;
    c->name = w - c->rank - c->ind - c->in - c->out - c->excl - c->score - c->brk;
    if (c->name < 6)
        c->name = 6;
}

/* The cluster measures' columns (core/firmcol) at the app's nodes. */
static struct firmcol_src gk_src(const struct app *a)
{
    const struct cluster *cl = &a->cl;
    struct firmcol_src src = {.ds = &a->ds, .s = &cl->s, .cl = cl, .core = cl->core, .esize = cl->effective_size};
    return src;
}

/* Count column col of node v; every firm listed is local, so none is NaN. */
static uint64_t gk_count(const struct firmcol_src *src, uint32_t v, unsigned col)
{
    return (uint64_t)firmcol_value(src, v, col);
}

static const char *gk_row_text(struct app *a, uint32_t firm, char *buf, size_t bufsz)
{
    const struct dataset *ds = &a->ds;
    struct firmcol_src src = gk_src(a);
    uint32_t v = a->cl.s.firm_node[firm];
    snprintf(buf, bufsz, "%u %s %s %s %llu %llu %llu %llu %llu", (unsigned)cv.rank[firm],
             dataset_str(ds, ds->firms.name[firm]), dataset_firm_id(ds, firm),
             dataset_str(ds, ds->industry_name[ds->firms.industry[firm]]),
             (unsigned long long)gk_count(&src, v, FIRMCOL_PIN), (unsigned long long)gk_count(&src, v, FIRMCOL_POUT),
             (unsigned long long)gk_count(&src, v, FIRMCOL_EXCL), (unsigned long long)gk_count(&src, v, FIRMCOL_GKSCORE),
             (unsigned long long)gk_count(&src, v, FIRMCOL_BROKERAGE));
    return buf;
}

static enum match_result gk_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    char buf[2048];
    return list_test_text(f, gk_row_text(ctx, row, buf, sizeof buf));
}

static void gk_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t firm, int cursor,
                        struct firm_filter *hl)
{
    struct app *a = ctx;
    const struct dataset *ds = &a->ds;
    struct firmcol_src src = gk_src(a);
    uint32_t v = a->cl.s.firm_node[firm];
    attr_t at = draw_row_attr(cursor, hl != NULL), span = draw_span_attr(cursor);
    struct matcher *m = hl ? hl->m : NULL;
    struct gk_cols c;
    gk_columns(w, &c);
    char num[32];
    int x = 0;
    x += put_num(win, y, x, c.rank, draw_num_fit(cv.rank[firm], c.rank - 1), at);
    x += draw_text_match(win, y, x, c.name - 1, draw_firm_name(ds, firm), at, span, m);
    x += draw_text(win, y, x, 1, " ", at);
    if (c.ind) {
        x += draw_text_match(win, y, x, c.ind - 1, dataset_str(ds, ds->industry_name[ds->firms.industry[firm]]), at,
                             span, m);
        x += draw_text(win, y, x, 1, " ", at);
    }
    if (c.in) {
        fmt_count(num, sizeof num, gk_count(&src, v, FIRMCOL_PIN));
        x += put_num(win, y, x, c.in, num, at);
        fmt_count(num, sizeof num, gk_count(&src, v, FIRMCOL_POUT));
        x += put_num(win, y, x, c.out, num, at);
    }
    x += put_num(win, y, x, c.excl, draw_num_fit(gk_count(&src, v, FIRMCOL_EXCL), c.excl - 1), at);
    fmt_count(num, sizeof num, gk_count(&src, v, FIRMCOL_GKSCORE));
    x += put_num(win, y, x, c.score, num, at);
    if (c.brk) {
        fmt_count(num, sizeof num, gk_count(&src, v, FIRMCOL_BROKERAGE));
        x += put_num(win, y, x, c.brk, num, at);
    }
    if (x < w)
        draw_text(win, y, x, w - x, "", at);
}

static const struct list_ops ind_ops = {text_compile, ind_test, ind_draw_row, NULL};
static const struct list_ops gk_ops = {text_compile, gk_test, gk_draw_row, NULL};

/* ---- building the rows ---- */

/* Rebuilds both lists from the cluster measures of the current layer (computed by
 * app_cluster only when the layer or the data changed). */
static void sync_rows(struct app *a)
{
    if (!cv.stale && cv.gen == a->cl_gen)
        return;
    const struct cluster *cl = app_cluster(a);
    const struct dataset *ds = &a->ds;
    if (!cl) {
        /* computed on the worker: no rows (they would point into measures that are
         * gone) until they come; the app redraws then */
        if (!cv.waiting) {
            list_set_rows(&cv.ind, xmalloc(sizeof(uint32_t)), 0, ds->n_industries);
            list_set_rows(&cv.gk, xmalloc(sizeof(uint32_t)), 0, ds->firms.n);
            cv.waiting = 1;
        }
        cv.gen = a->cl_gen;
        cv.stale = 1;
        return;
    }
    cv.stale = 0;
    cv.waiting = 0;
    cv.gen = a->cl_gen;
    uint32_t ni = ds->n_industries, k = 0;
    uint32_t *rows = xmalloc((ni ? ni : 1) * sizeof *rows);
    for (uint32_t i = 0; i < ni && i < cl->n_industries; i++)
        if (cl->industry[i].firms)
            rows[k++] = i;
    list_set_rows(&cv.ind, rows, k, ni);

    uint32_t nf = ds->firms.n;
    free(cv.rank);
    cv.rank = xcalloc(nf ? nf : 1, sizeof *cv.rank);
    rows = xmalloc((cl->n_local ? cl->n_local : 1) * sizeof *rows);
    k = 0;
    struct firmcol_src src = gk_src(a);
    for (uint32_t r = 0; r < cl->n_local; r++) {
        uint32_t v = cl->gatekeeper_rank[r];
        if (!gk_count(&src, v, FIRMCOL_GKSCORE))
            break; /* the rest score 0: no pipeline at all (as firmnet cluster) */
        uint32_t firm = cl->s.node_firm[v];
        cv.rank[firm] = r + 1;
        rows[k++] = firm;
    }
    list_set_rows(&cv.gk, rows, k, nf);
    struct broker_moments *m = xmalloc(((size_t)cl->groups.count + 1) * sizeof *m), whole;
    brokerage_expected(cl->n, cl->arcs.m, cl->group_nodes, cl->groups.count, m, &whole);
    free(m);
    cv.broker_z = brokerage_z((double)cl->whole_roles[BR_COUNT], whole.exp[BR_COUNT], whole.sd[BR_COUNT]);
    list_touch(&cv.ind);
    list_touch(&cv.gk);
}

static void cv_open(struct app *a)
{
    if (!cv.ind.ops) {
        list_init(&cv.ind, &ind_ops, a);
        list_init(&cv.gk, &gk_ops, a);
        cv.gk.focused = 0;
    }
    /* computed when the view is next looked at, not for every layer change made
     * elsewhere once the view has been opened */
    cv.stale = 1;
}

static void delwin0(WINDOW **w)
{
    if (*w)
        delwin(*w);
    *w = NULL;
}

static void cv_layout(struct app *a, int y, int x, int h, int w)
{
    delwin0(&cv.w_top);
    delwin0(&cv.w_gk);
    /* summary and header above the industries; title and header above the
     * gatekeepers, which take what the industries leave (at least as much) */
    int want = a->ds.n_industries ? (int)a->ds.n_industries : 1;
    int ih = (h - CV_LIST - 2) / 2;
    if (ih > want)
        ih = want;
    if (ih < 1)
        ih = 1;
    cv.th = CV_LIST + ih;
    cv.gh = h - cv.th;
    if (cv.gh < 1) {
        cv.gh = 1;
        cv.th = h - 1;
    }
    cv.width = w;
    cv.w_top = newwin(cv.th, w, y, x);
    cv.w_gk = newwin(cv.gh, w, y + cv.th, x);
    list_resize(&cv.ind, cv.th - CV_LIST);
    list_resize(&cv.gk, cv.gh - 2);
}

static void set_focus(int focus)
{
    cv.focus = focus;
    cv.ind.focused = focus == 0;
    cv.gk.focused = focus == 1;
    list_touch(&cv.ind);
    list_touch(&cv.gk);
}

static void draw_summary(struct app *a)
{
    const struct cluster *cl = &a->cl;
    const struct tie_profile *p = &cl->links;
    char buzz[16], pipe[16], nat[16], glob[16], ei[16], line[512];
    fmt_share(buzz, sizeof buzz, ties_share(p->buzz, p->total));
    fmt_share(pipe, sizeof pipe, ties_share(p->pipeline, p->total));
    fmt_share(nat, sizeof nat, ties_share(p->by_scale[SCALE_NATIONAL], p->total));
    fmt_share(glob, sizeof glob, ties_share(p->by_scale[SCALE_GLOBAL], p->total));
    fmt_ei(ei, sizeof ei, ties_ei_index(&cl->whole_ei));
    /* first, where 80 columns still show it: without scales every firm is local */
    snprintf(line, sizeof line, "%sNetwork: buzz %s · pipelines %s (national %s, global %s) · E-I %s · %s linkages",
             diag_count(&a->dg, DC_NO_SCALE) ? "No scale: firms taken as local (see Problems) · " : "", buzz, pipe,
             nat, glob, ei, draw_num(p->total));
    if (draw_ascii_only())
        for (char *s = line; (s = strstr(s, "\xc2\xb7")) != NULL; s++)
            s[0] = '|', memmove(s + 1, s + 2, strlen(s + 2) + 1);
    draw_text(cv.w_top, 0, 0, cv.width, line, draw_attr(ST_TITLE));
    /* the same figures as firmnet metrics --network and cluster --brokerage */
    char rec[16], z[32];
    if (isfinite(cv.broker_z))
        snprintf(z, sizeof z, "%.1f", cv.broker_z);
    else
        snprintf(z, sizeof z, "-");
    /* the direction summary comes from a job of its own, after the measures (app.h) */
    if (cl->dir_done) {
        fmt_share(rec, sizeof rec, cl->dir_reciprocity);
        snprintf(line, sizeof line, "Direction: reciprocity %s · %u strong components (largest %u) · brokerage z %s",
                 rec, (unsigned)cl->dir_sccs, (unsigned)cl->dir_scc_largest, z);
    } else {
        snprintf(line, sizeof line, "Direction: %s · brokerage z %s",
                 a->dir_pending ? "computing reciprocity and strong components" : "stopped (4 asks again)", z);
    }
    if (draw_ascii_only())
        for (char *t = line; (t = strstr(t, "\xc2\xb7")) != NULL; t++)
            t[0] = '|', memmove(t + 1, t + 2, strlen(t + 2) + 1);
    draw_text(cv.w_top, 1, 0, cv.width, line, A_NORMAL);
}

static void draw_ind_header(void)
{
    struct ind_cols c;
    ind_columns(cv.width, &c);
    attr_t h = draw_attr(ST_HEADER) | (cv.focus == 0 ? A_UNDERLINE : 0);
    int x = 0;
    x += draw_text(cv.w_top, CV_HEAD, x, c.name, "Industry", h);
    x += put_num(cv.w_top, CV_HEAD, x, c.firms, "Firms", h);
    x += put_num(cv.w_top, CV_HEAD, x, c.ties, "Ties", h);
    if (c.lng) {
        x += put_num(cv.w_top, CV_HEAD, x, 7, "Local", h);
        x += put_num(cv.w_top, CV_HEAD, x, 7, "Nat.", h);
        x += put_num(cv.w_top, CV_HEAD, x, 7, "Global", h);
    }
    if (c.bar) {
        draw_text(cv.w_top, CV_HEAD, x, 1, "", h);
        x += 1 + draw_text(cv.w_top, CV_HEAD, x + 1, c.bar - 1, "L/N/G ties", h);
    }
    x += put_num(cv.w_top, CV_HEAD, x, c.buzz, "Buzz", h);
    x += put_num(cv.w_top, CV_HEAD, x, c.ei, "E-I", h);
    if (x < cv.width)
        draw_text(cv.w_top, CV_HEAD, x, cv.width - x, "", h);
}

static void draw_gk_header(struct app *a)
{
    char title[160];
    snprintf(title, sizeof title, "Gatekeepers: %s of %s local firms tie the cluster to outside firms (Tab)",
             draw_num(cv.gk.n_all), draw_num(a->cl.n_local));
    draw_text(cv.w_gk, 0, 0, cv.width, title, draw_attr(ST_TITLE));
    if (cv.gh < 2)
        return;
    struct gk_cols c;
    gk_columns(cv.width, &c);
    attr_t h = draw_attr(ST_HEADER) | (cv.focus == 1 ? A_UNDERLINE : 0);
    int x = 0;
    x += put_num(cv.w_gk, 1, x, c.rank, "#", h);
    x += draw_text(cv.w_gk, 1, x, c.name, "Firm", h);
    if (c.ind)
        x += draw_text(cv.w_gk, 1, x, c.ind, "Industry", h);
    if (c.in) {
        x += put_num(cv.w_gk, 1, x, c.in, "In", h);
        x += put_num(cv.w_gk, 1, x, c.out, "Out", h);
    }
    x += put_num(cv.w_gk, 1, x, c.excl, "Excl", h);
    x += put_num(cv.w_gk, 1, x, c.score, "Score", h);
    if (c.brk)
        x += put_num(cv.w_gk, 1, x, c.brk, "Brk", h);
    if (x < cv.width)
        draw_text(cv.w_gk, 1, x, cv.width - x, "", h);
}

/* While the measures are computed: what runs, how far, and a bar; or how to start
 * it again after Esc. */
static void draw_waiting(struct app *a)
{
    char job[128];
    unsigned pc = 0;
    werase(cv.w_top);
    werase(cv.w_gk);
    int running = app_job_text(JOB_CLUSTER, job, sizeof job, &pc);
    if (!running)
        snprintf(job, sizeof job, "cluster measures stopped: Enter computes them");
    draw_text(cv.w_top, 0, 0, cv.width, running ? "Network: computing the cluster measures of this layer" : "Network: -",
              draw_attr(ST_TITLE));
    if (cv.th > 2)
        draw_text(cv.w_top, 2, 1, cv.width - 1, job, draw_attr(ST_DIM));
    if (running && cv.th > 3 && cv.width > 12) {
        int w = cv.width - 4 < 60 ? cv.width - 4 : 60;
        unsigned counts[2] = {pc, 100 - pc};
        static const enum style st[2] = {ST_BAR, ST_DIM};
        draw_bar(cv.w_top, 3, 1, w, counts, 2, "#.", st, A_NORMAL);
    }
    draw_text(cv.w_gk, 0, 0, cv.width, "Gatekeepers: (when the measures are in)", draw_attr(ST_TITLE));
    wnoutrefresh(cv.w_top);
    wnoutrefresh(cv.w_gk);
}

static void cv_draw(struct app *a)
{
    sync_rows(a);
    if (cv.waiting) {
        draw_waiting(a);
        return;
    }
    int full = a->repaint;
    if (full) {
        werase(cv.w_top);
        draw_summary(a);
        draw_ind_header();
        list_touch(&cv.ind);
    }
    if (list_draw(&cv.ind, cv.w_top, CV_LIST, cv.width) || full) {
        if (!cv.ind.n && cv.th > CV_LIST)
            draw_text(cv.w_top, CV_LIST, 1, cv.width - 1,
                      cv.ind.n_all ? "no industry matches the filter" : "no firms in this layer", draw_attr(ST_DIM));
        wnoutrefresh(cv.w_top);
    }
    if (full) {
        werase(cv.w_gk);
        draw_gk_header(a);
        list_touch(&cv.gk);
    }
    if (list_draw(&cv.gk, cv.w_gk, 2, cv.width) || full) {
        if (!cv.gk.n && cv.gh > 2)
            draw_text(cv.w_gk, 2, 1, cv.width - 1,
                      cv.gk.n_all ? "no gatekeeper matches the filter"
                                  : "no local firm has a pipeline outside the cluster in this layer",
                      draw_attr(ST_DIM));
        wnoutrefresh(cv.w_gk);
    }
}

static int cv_key(struct app *a, enum action act)
{
    sync_rows(a);
    if (cv.waiting) {
        if (act == ACT_FOLLOW && app_cluster_request(a))
            sync_rows(a);
        if (act == ACT_FOLLOW || act == ACT_NEXT_PANE) {
            app_touch_all(a);
            return 1;
        }
        return 0;
    }
    switch (act) {
    case ACT_NEXT_PANE:
        set_focus(!cv.focus);
        app_touch_all(a); /* the headers underline the list in focus */
        return 1;
    case ACT_FOLLOW:
        if (cv.focus == 1) {
            uint32_t firm = list_selected(&cv.gk);
            if (firm != LIST_NONE)
                firms_view_jump(a, firm);
            return 1;
        } else {
            /* an industry leads to its top gatekeeper in the ranking below */
            uint32_t ind = list_selected(&cv.ind);
            if (ind == LIST_NONE)
                return 1;
            uint32_t v = a->cl.industry[ind].top_gatekeeper;
            if (v == SIMPLE_NONE) {
                app_message(a, ST_WARNING, "no gatekeeper in %s", dataset_str(&a->ds, a->ds.industry_name[ind]));
                return 1;
            }
            uint32_t firm = a->cl.s.node_firm[v];
            if (list_select(&cv.gk, firm) != 0) {
                struct match_error err;
                list_filter(&cv.gk, "", &err);
                list_select(&cv.gk, firm);
                app_message(a, ST_WARNING, "gatekeeper filter cleared to show the firm");
            }
            set_focus(1);
            app_touch_all(a);
            return 1;
        }
    case ACT_SORT:
        app_message(a, ST_NORMAL, "the gatekeepers are ranked by score, the industries kept in data order");
        return 1;
    default:
        return 0;
    }
}

static struct list *cv_focus(struct app *a)
{
    sync_rows(a);
    return cv.focus ? &cv.gk : &cv.ind;
}

static void cv_status(struct app *a, char *buf, size_t bufsz)
{
    sync_rows(a);
    const struct list *l = cv.focus ? &cv.gk : &cv.ind;
    int k = snprintf(buf, bufsz, "Cluster · %s %s/%s", cv.focus ? "gatekeepers" : "industries", draw_num(l->n),
                     draw_num(l->n_all));
    list_status_filter(l, buf, bufsz, k);
}

static void cv_done(struct app *a)
{
    (void)a;
    list_free(&cv.ind);
    list_free(&cv.gk);
    free(cv.rank);
    delwin0(&cv.w_top);
    delwin0(&cv.w_gk);
    memset(&cv, 0, sizeof cv);
}

static int cv_offers(struct app *a, enum action act)
{
    (void)a;
    return act != ACT_SORT && act != ACT_BACK; /* the ranking has its own order */
}

const struct view_ops cluster_view_ops = {
    "Cluster", cv_open, cv_layout, cv_draw, cv_key, cv_focus, cv_status, cv_done, cv_offers,
};
