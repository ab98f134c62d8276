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

/* Rows are grouped by code: a code's row (its count), then when it is unfolded its
 * findings and, per file past the keep, a line saying how many more. Row ids: the
 * findings' indices into app.dg.v, then DC_COUNT code rows, then DIAG_FILES * DC_COUNT
 * "more" rows. */
struct problems_state {
    struct list list;  /* rows as above */
    WINDOW *w;         /* owned */
    int h, width;
    struct textbuf tb; /* owned: the message of a lazy finding */
    uint8_t unfolded[DC_COUNT];
    int folds_set;     /* unfolded[] was set for this dataset */
};

/* A code with at most this many findings starts unfolded: a small dataset's few
 * problems are all in sight at once, as before the grouping. */
#define PB_UNFOLD_MAX 10

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

static uint32_t code_row(const struct app *a, unsigned code) { return (uint32_t)a->dg.n + code; }
static uint32_t more_row(const struct app *a, unsigned file, unsigned code)
{
    return (uint32_t)a->dg.n + DC_COUNT + file * DC_COUNT + code;
}
static uint32_t row_domain(const struct app *a) { return (uint32_t)a->dg.n + DC_COUNT * (1 + DIAG_FILES); }

/* What a code row or a "more" row says: its Where, severity and message cells. */
static int group_cells(struct app *a, uint32_t row, char *where, size_t wsz, unsigned *sev, char *msg, size_t msz)
{
    if (row < a->dg.n)
        return 0;
    uint32_t k = row - (uint32_t)a->dg.n;
    if (k < DC_COUNT) {
        snprintf(where, wsz, "%s %s", pv.unfolded[k] ? "-" : "+", draw_num(diag_count(&a->dg, k)));
        *sev = diag_code_severity(k);
        snprintf(msg, msz, "%s [%s]", diag_code_doc(k), diag_code_name(k));
        return 1;
    }
    k -= DC_COUNT;
    unsigned file = k / DC_COUNT, code = k % DC_COUNT;
    const char *path = file < DIAG_FILES && a->dg.path[file] ? base_name(a->dg.path[file]) : "?";
    snprintf(where, wsz, "  %s", path);
    *sev = diag_code_severity(code);
    char more[160];
    diag_more_text(&a->dg, file, code, more, sizeof more);
    snprintf(msg, msz, "%s (firmnet check --all lists them) [%s]", more, diag_code_name(code));
    return 1;
}

static const char *row_text(struct app *a, uint32_t row, char *buf, size_t bufsz)
{
    char gw[64], gm[512];
    unsigned gsev;
    if (group_cells(a, row, gw, sizeof gw, &gsev, gm, sizeof gm)) {
        snprintf(buf, bufsz, "%s %s %s", gw, diag_severity_name(gsev), gm);
        return buf;
    }
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
    attr_t at = draw_row_attr(cursor, hl != NULL), span = draw_span_attr(cursor);
    struct matcher *m = hl ? hl->m : NULL;
    char buf[512];
    int fw = w >= 80 ? 22 : 16, x = 0;
    unsigned gsev;
    char gw[64];
    if (group_cells(a, row, gw, sizeof gw, &gsev, buf, sizeof buf)) {
        attr_t head = row - a->dg.n < DC_COUNT && !cursor ? at | A_BOLD : at;
        x += draw_text_match(win, y, x, fw, gw, head, span, m);
        attr_t sev = cursor ? at : at | draw_attr(gsev == DIAG_ERROR ? ST_ERROR : ST_WARNING);
        x += draw_text(win, y, x, 9, diag_severity_name(gsev), sev);
        if (x < w)
            draw_text_match(win, y, x, w - x, buf, head, span, m);
        return;
    }
    const struct finding *f = &a->dg.v[row];
    buf[0] = buf[1] = ' ';
    where(a, f, buf + 2, sizeof buf - 2);
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
    if (!pv.folds_set)
        for (unsigned code = 0; code < DC_COUNT; code++)
            pv.unfolded[code] = diag_count(&a->dg, code) <= PB_UNFOLD_MAX;
    pv.folds_set = 1;
    uint32_t domain = row_domain(a), n = 0;
    uint32_t *rows = xmalloc(domain * sizeof *rows);
    for (unsigned code = 0; code < DC_COUNT; code++) {
        if (!diag_count(&a->dg, code))
            continue;
        rows[n++] = code_row(a, code);
        if (!pv.unfolded[code])
            continue;
        for (uint32_t i = 0; i < a->dg.n; i++)
            if (a->dg.v[i].code == code)
                rows[n++] = i;
        for (unsigned file = 0; file < DIAG_FILES; file++) {
            const struct diag_tally *t = diag_tally_of(&a->dg, file, code);
            if (t->count > t->kept)
                rows[n++] = more_row(a, file, code);
        }
    }
    list_set_rows(&pv.list, rows, n, domain);
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
    char where_s[256], text[4096];
    unsigned gsev;
    if (group_cells(a, row, where_s, sizeof where_s, &gsev, text, sizeof text)) { /* a code's row, or "more" */
        char body[4800];
        snprintf(body, sizeof body, "where\t%s\nseverity\t%s\nmessage\t%s", where_s, diag_severity_name(gsev), text);
        pager_show(a, "Finding", body, 3);
        return;
    }
    const struct finding *f = &a->dg.v[row];
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
                 dataset_firm_id(&a->ds, f->firm), draw_firm_name(&a->ds, f->firm));
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
    if (row >= a->dg.n) {
        uint32_t k = row - (uint32_t)a->dg.n;
        if (k < DC_COUNT) { /* fold or unfold the code; the cursor stays on its row */
            pv.unfolded[k] = !pv.unfolded[k];
            pb_open(a);
            list_touch(&pv.list);
        } else {
            app_message(a, ST_NORMAL, "only the first %u of each code are kept: firmnet check --all lists every one",
                        (unsigned)a->dg.keep);
        }
        return 1;
    }
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
    int k = snprintf(buf, bufsz, "Problems %s/%s", draw_num(pv.list.n), draw_num(pv.list.n_all));
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
