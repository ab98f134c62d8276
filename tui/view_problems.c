#include "config.h"
#include "view_problems.h"
#include "view_firms.h"
#include "draw.h"
#include "view_pager.h"
#include "text.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct problems_state {
    struct list list; /* rows: indices into app.dg.v */
    WINDOW *w;        /* owned */
    int h, width;
    struct textbuf tb; /* owned: the message of a lazy finding */
};

static struct problems_state pv;

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void where(const struct app *a, const struct finding *f, char *buf, size_t bufsz)
{
    const char *path = f->file < 3 && a->dg.path[f->file] ? base_name(a->dg.path[f->file]) : "?";
    if (f->line)
        snprintf(buf, bufsz, "%s:%u", path, (unsigned)f->line);
    else
        snprintf(buf, bufsz, "%s", path);
}

static const char *row_text(struct app *a, uint32_t row, char *buf, size_t bufsz)
{
    const struct finding *f = &a->dg.v[row];
    char w[256];
    where(a, f, w, sizeof w);
    snprintf(buf, bufsz, "%s %s %s [%s]", w, diag_severity_name(f->severity), diag_message(&a->dg, &a->ds, f, &pv.tb),
             diag_code_name(f->code));
    return buf;
}

static int pb_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

static enum match_result pb_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    char buf[1024];
    return list_test_text(f, row_text(ctx, row, buf, sizeof buf));
}

static void pb_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor,
                        struct firm_filter *hl)
{
    struct app *a = ctx;
    const struct finding *f = &a->dg.v[row];
    attr_t at = draw_row_attr(cursor, hl != NULL), span = draw_span_attr(cursor);
    struct matcher *m = hl ? hl->m : NULL;
    char buf[512];
    where(a, f, buf, sizeof buf);
    int fw = w >= 80 ? 22 : 16, x = 0;
    x += draw_text_match(win, y, x, fw, buf, at, span, m);
    attr_t sev = draw_cell(at, f->severity == DIAG_ERROR ? ST_ERROR : ST_WARNING);
    x += draw_text(win, y, x, 9, diag_severity_name(f->severity), sev);
    snprintf(buf, sizeof buf, "%s [%s]", diag_message(&a->dg, &a->ds, f, &pv.tb), diag_code_name(f->code));
    if (x < w)
        draw_text_match(win, y, x, w - x, buf, at, span, m);
}

static const struct list_ops pb_ops = {pb_compile, pb_test, pb_draw_row, NULL};

static void pb_open(struct app *a)
{
    if (!pv.list.ops)
        list_init(&pv.list, &pb_ops, a);
    uint32_t n = (uint32_t)a->dg.n;
    uint32_t *rows = xmalloc((n ? n : 1) * sizeof *rows);
    for (uint32_t i = 0; i < n; i++)
        rows[i] = i;
    list_set_rows(&pv.list, rows, n, n);
}

static void pb_layout(struct app *a, int y, int x, int h, int w)
{
    (void)a;
    if (pv.w)
        delwin(pv.w);
    pv.w = newwin(h, w, y, x);
    pv.h = h;
    pv.width = w;
    list_resize(&pv.list, h - 1);
}

static void pb_draw(struct app *a)
{
    int full = a->repaint;
    if (full) {
        werase(pv.w);
        int fw = pv.width >= 80 ? 22 : 16;
        attr_t h = draw_attr(ST_HEADER);
        draw_text(pv.w, 0, 0, fw, "Where", h);
        draw_text(pv.w, 0, fw, 9, "Severity", h);
        draw_text(pv.w, 0, fw + 9, pv.width - fw - 9, "Message [code]", h);
        list_touch(&pv.list);
    }
    if (list_draw(&pv.list, pv.w, 1, pv.width) || full) {
        if (!pv.list.n)
            draw_text(pv.w, 1, 1, pv.width - 1, a->dg.n ? "no finding matches the filter" : "no problems found",
                      draw_attr(ST_DIM));
        wnoutrefresh(pv.w);
    }
}

/* The finding under the cursor in full in the pager: its message is often longer
 * than the screen ("did you mean ..."). */
static void pb_pager(struct app *a)
{
    uint32_t row = list_selected(&pv.list);
    if (row == LIST_NONE)
        return;
    const struct finding *f = &a->dg.v[row];
    char where_s[256], text[4096];
    where(a, f, where_s, sizeof where_s);
    int k = snprintf(text, sizeof text, "where\t%s\nseverity\t%s\ncode\t%s\nmessage\t", where_s,
                     diag_severity_name(f->severity), diag_code_name(f->code));
    /* the message is data text: its line breaks would end the paragraph */
    for (const char *m = diag_message(&a->dg, &a->ds, f, &pv.tb); *m && k > 0 && (size_t)k + 2 < sizeof text; m++)
        text[k++] = *m == '\n' || *m == '\t' || *m == '\r' ? ' ' : *m;
    if (k > 0 && (size_t)k < sizeof text)
        text[k] = '\0';
    if (f->firm != UINT32_MAX && f->firm < a->ds.firms.n) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "\nfirm\t%s %s (Enter in the list goes there)",
                 dataset_str(&a->ds, a->ds.firms.id[f->firm]), draw_firm_name(&a->ds, f->firm));
    }
    pager_show(a, "Finding", text, 3);
}

static int pb_key(struct app *a, enum action act)
{
    if (act == ACT_PAGER) {
        pb_pager(a);
        return 1;
    }
    if (act != ACT_FOLLOW)
        return 0;
    uint32_t row = list_selected(&pv.list);
    if (row == LIST_NONE)
        return 1;
    uint32_t firm = a->dg.v[row].firm;
    if (firm == UINT32_MAX || firm >= a->ds.firms.n)
        app_message(a, ST_WARNING, "this finding concerns no single firm");
    else
        firms_view_jump(a, firm);
    return 1;
}

static struct list *pb_focus(struct app *a) { (void)a; return &pv.list; }

static void pb_status(struct app *a, char *buf, size_t bufsz)
{
    int k = snprintf(buf, bufsz, "Problems %s/%s", draw_num(pv.list.n), draw_num(a->dg.n));
    list_status_filter(&pv.list, buf, bufsz, k);
}

static void pb_done(struct app *a)
{
    (void)a;
    list_free(&pv.list);
    textbuf_free(&pv.tb);
    if (pv.w)
        delwin(pv.w);
    memset(&pv, 0, sizeof pv);
}

static int pb_offers(struct app *a, enum action act)
{
    (void)a;
    return act != ACT_SORT && act != ACT_NEXT_PANE && act != ACT_BACK;
}

const struct view_ops problems_view_ops = {
    "Problems", pb_open, pb_layout, pb_draw, pb_key, pb_focus, pb_status, pb_done, pb_offers,
};
