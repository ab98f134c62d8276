#include "config.h"
#include "view_industries.h"
#include "view_firms.h"
#include "draw.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One letter per linkage type for the mix bar, in enum link_type order. */
static const char type_marks[LT_COUNT + 1] = "SCPJLRTMOU";

struct industry_stats {
    uint32_t firms, inside, outside;
    unsigned types[LT_COUNT];
    unsigned scales[SCALE_COUNT];
};

struct industries_state {
    struct list list;              /* rows: industry indices */
    struct industry_stats *st;     /* owned; one per industry */
    WINDOW *w;                     /* owned */
    int h, width;
    int legend_h;                  /* lines the legend takes at this width */
};

static struct industries_state iv;

static const char *row_text(struct app *a, uint32_t row, char *buf, size_t bufsz)
{
    const struct industry_stats *s = &iv.st[row];
    snprintf(buf, bufsz, "%s %u %u %u", dataset_str(&a->ds, a->ds.industry_name[row]), (unsigned)s->firms,
             (unsigned)s->inside, (unsigned)s->outside);
    return buf;
}

static int ind_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

static enum match_result ind_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    char buf[1024];
    return list_test_text(f, row_text(ctx, row, buf, sizeof buf));
}

struct ind_cols { int name, firms, inside, outside, types, scales; };

static void columns(int w, struct ind_cols *c)
{
    c->firms = 7, c->inside = 8, c->outside = 9;
    c->types = w >= 90 ? 22 : w >= 70 ? 12 : 0;
    c->scales = w >= 60 ? 12 : 0;
    c->name = w - c->firms - c->inside - c->outside - c->types - c->scales;
    if (c->name < 8)
        c->name = 8;
}

static void ind_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor,
                         struct firm_filter *hl)
{
    struct app *a = ctx;
    const struct industry_stats *s = &iv.st[row];
    attr_t at = draw_row_attr(cursor, hl != NULL);
    struct ind_cols c;
    columns(w, &c);
    int x = 0;
    x += draw_text_match(win, y, x, c.name - 1, dataset_str(&a->ds, a->ds.industry_name[row]), at,
                         draw_span_attr(cursor), hl ? hl->m : NULL);
    x += draw_text(win, y, x, 1, " ", at);
    x += draw_text_right(win, y, x, c.firms - 1, draw_num_fit(s->firms, c.firms - 1), at);
    x += draw_text(win, y, x, 1, " ", at);
    x += draw_text_right(win, y, x, c.inside - 1, draw_num_fit(s->inside, c.inside - 1), at);
    x += draw_text(win, y, x, 1, " ", at);
    x += draw_text_right(win, y, x, c.outside - 1, draw_num_fit(s->outside, c.outside - 1), at);
    x += draw_text(win, y, x, 1, " ", at);
    if (c.types) {
        draw_bar(win, y, x, c.types - 2, s->types, LT_COUNT, type_marks, NULL, at);
        x += c.types - 2;
        x += draw_text(win, y, x, 2, "", at);
    }
    if (c.scales) {
        static const enum style ss[SCALE_COUNT] = {ST_SCALE_L, ST_SCALE_N, ST_SCALE_G};
        draw_bar(win, y, x, c.scales - 1, s->scales, SCALE_COUNT, "LNG", ss, at);
        x += c.scales - 1;
    }
    if (x < w)
        draw_text(win, y, x, w - x, "", at);
}

static const struct list_ops ind_ops = {ind_compile, ind_test, ind_draw_row, NULL};

static void ind_open(struct app *a)
{
    const struct dataset *ds = &a->ds;
    if (!iv.list.ops)
        list_init(&iv.list, &ind_ops, a);
    uint32_t ni = ds->n_industries;
    free(iv.st);
    iv.st = xcalloc(ni ? ni : 1, sizeof *iv.st);
    for (uint32_t v = 0; v < ds->firms.n; v++)
        if (a->layer.firm_on[v])
            iv.st[ds->firms.industry[v]].firms++;
    for (uint32_t e = 0; e < ds->links.n; e++) {
        if (!a->layer.link_on[e])
            continue;
        uint32_t p = ds->firms.industry[ds->links.source[e]], q = ds->firms.industry[ds->links.target[e]];
        unsigned t = ds->links.type[e], sc = ds->links.scale[e];
        if (p == q) {
            iv.st[p].inside++;
        } else {
            iv.st[p].outside++;
            iv.st[q].outside++;
            iv.st[q].types[t]++;
            iv.st[q].scales[sc]++;
        }
        iv.st[p].types[t]++;
        iv.st[p].scales[sc]++;
    }
    uint32_t *rows = xmalloc((ni ? ni : 1) * sizeof *rows);
    for (uint32_t i = 0; i < ni; i++)
        rows[i] = i;
    list_set_rows(&iv.list, rows, ni, ni);
}

#define LEGEND_MAX_LINES 16

/* The legend's items laid out in lines of width w without cutting one (each type
 * letter stays with its name) into lines; returns how many. */
static int legend(int w, char lines[][256])
{
    char items[LT_COUNT + 2][48];
    int n = 0, nl = 0, x = 0;
    snprintf(items[n++], sizeof items[0], "Type mix:");
    for (unsigned t = 0; t < LT_COUNT; t++)
        snprintf(items[n++], sizeof items[0], "%c %s", type_marks[t], vocab_type_name(t));
    snprintf(items[n++], sizeof items[0], "L/N/G bars: local, national, global");
    lines[0][0] = '\0';
    for (int i = 0; i < n; i++) {
        int iw = (int)strlen(items[i]); /* ASCII */
        if (x && x + 1 + iw > w && nl + 1 < LEGEND_MAX_LINES) {
            lines[++nl][0] = '\0';
            x = 0;
        }
        size_t k = strlen(lines[nl]);
        if (k + strlen(items[i]) + 2 < sizeof lines[0])
            snprintf(lines[nl] + k, sizeof lines[0] - k, "%s%.47s", x ? " " : "", items[i]);
        x += iw + (x ? 1 : 0);
    }
    return nl + 1;
}

static void ind_layout(struct app *a, int y, int x, int h, int w)
{
    (void)a;
    if (iv.w)
        delwin(iv.w);
    iv.w = newwin(h, w, y, x);
    iv.h = h;
    iv.width = w;
    char lines[LEGEND_MAX_LINES][256];
    iv.legend_h = legend(w, lines);
    if (iv.legend_h > h - 3)
        iv.legend_h = h - 3 > 1 ? h - 3 : 1; /* a short screen keeps rows for the list */
    list_resize(&iv.list, h - 1 - iv.legend_h); /* header above, legend below */
}

static void ind_draw(struct app *a)
{
    int full = a->repaint;
    if (full) {
        werase(iv.w);
        struct ind_cols c;
        columns(iv.width, &c);
        attr_t h = draw_attr(ST_HEADER);
        int x = 0;
        x += draw_text(iv.w, 0, x, c.name, "Industry", h);
        x += draw_text_right(iv.w, 0, x, c.firms - 1, "Firms", h) + draw_text(iv.w, 0, x + c.firms - 1, 1, "", h);
        x += draw_text_right(iv.w, 0, x, c.inside - 1, "Inside", h) + draw_text(iv.w, 0, x + c.inside - 1, 1, "", h);
        x += draw_text_right(iv.w, 0, x, c.outside - 1, "Outside", h) + draw_text(iv.w, 0, x + c.outside - 1, 1, "", h);
        if (c.types)
            x += draw_text(iv.w, 0, x, c.types, "Type mix", h);
        if (c.scales)
            x += draw_text(iv.w, 0, x, c.scales, "L/N/G", h);
        if (x < iv.width)
            draw_text(iv.w, 0, x, iv.width - x, "", h);
        char lines[LEGEND_MAX_LINES][256];
        legend(iv.width, lines);
        for (int i = 0; i < iv.legend_h; i++)
            draw_text(iv.w, iv.h - iv.legend_h + i, 0, iv.width, lines[i], draw_attr(ST_DIM));
        list_touch(&iv.list);
    }
    if (list_draw(&iv.list, iv.w, 1, iv.width) || full) {
        if (!iv.list.n)
            draw_text(iv.w, 1, 1, iv.width - 1, iv.list.n_all ? "no industry matches the filter" : "no industries",
                      draw_attr(ST_DIM));
        wnoutrefresh(iv.w);
    }
}

/* Backslash-escapes every regex metacharacter so the name matches literally. */
static void regex_quote(const char *s, char *out, size_t outsz)
{
    size_t k = 0;
    for (; *s && k + 3 < outsz; s++) {
        if (strchr("\\^$.|?*+()[]{}-/#", *s))
            out[k++] = '\\';
        out[k++] = *s;
    }
    out[k] = '\0';
}

static int ind_key(struct app *a, enum action act)
{
    if (act != ACT_FOLLOW)
        return 0;
    uint32_t row = list_selected(&iv.list);
    if (row == LIST_NONE)
        return 1;
    char quoted[2048], text[2100];
    regex_quote(dataset_str(&a->ds, a->ds.industry_name[row]), quoted, sizeof quoted);
    snprintf(text, sizeof text, "industry:^%s$", quoted);
    firms_view_filter(a, text);
    return 1;
}

static struct list *ind_focus(struct app *a) { (void)a; return &iv.list; }

static void ind_status(struct app *a, char *buf, size_t bufsz)
{
    int k = snprintf(buf, bufsz, "Industries %s/%s", draw_num(iv.list.n), draw_num(a->ds.n_industries));
    list_status_filter(&iv.list, buf, bufsz, k);
}

static void ind_done(struct app *a)
{
    (void)a;
    list_free(&iv.list);
    free(iv.st);
    if (iv.w)
        delwin(iv.w);
    memset(&iv, 0, sizeof iv);
}

static int ind_offers(struct app *a, enum action act)
{
    (void)a;
    return act != ACT_SORT && act != ACT_NEXT_PANE && act != ACT_BACK;
}

const struct view_ops industries_view_ops = {
    "Industries", ind_open, ind_layout, ind_draw, ind_key, ind_focus, ind_status, ind_done, ind_offers,
};
