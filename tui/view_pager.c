#include "config.h"
#include "view_pager.h"
#include "draw.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One screen line: a piece of a paragraph of the text, wrapped to the width. */
struct pager_line {
    uint32_t para;     /* paragraph number */
    uint32_t off, len; /* the piece: bytes of text */
    uint32_t label;    /* bytes of the paragraph's label (first line only), 0 when none */
    int indent;        /* the paragraph has a label: every line starts after its column */
};

struct pager_state {
    struct list list;          /* rows: indices into lines */
    char *title, *text;        /* owned */
    struct pager_line *lines;  /* owned */
    uint32_t n_lines;
    size_t cap;
    unsigned at;               /* the paragraph to start on */
    int fresh;                 /* the text is new: the cursor goes to at */
    WINDOW *w;                 /* owned */
    int h, width;
};

static struct pager_state pg;

#define LABEL_W 15

static void wrap(int w)
{
    pg.n_lines = 0;
    const char *t = pg.text ? pg.text : "";
    size_t n = strlen(t), p = 0;
    uint32_t para = 0;
    while (p <= n) {
        const char *nl = memchr(t + p, '\n', n - p);
        size_t end = nl ? (size_t)(nl - t) : n;
        const char *tab = memchr(t + p, '\t', end - p);
        size_t body = tab ? (size_t)(tab - t) + 1 : p;
        uint32_t label = tab ? (uint32_t)((size_t)(tab - t) - p) : 0;
        int tw = tab ? w - LABEL_W : w;
        size_t off = body;
        do {
            size_t next, piece = draw_wrap(t + off, end - off, tw, &next);
            pg.lines = xgrow(pg.lines, &pg.cap, pg.n_lines + 1, sizeof *pg.lines);
            pg.lines[pg.n_lines++] = (struct pager_line){para, (uint32_t)off, (uint32_t)piece,
                                                         off == body ? label : 0, tab != NULL};
            off += next ? next : end - off;
        } while (off < end);
        para++;
        if (!nl)
            break;
        p = end + 1;
    }
}

static const char *line_text(uint32_t row, char *buf, size_t bufsz)
{
    const struct pager_line *ln = &pg.lines[row];
    if (ln->label)
        snprintf(buf, bufsz, "%.*s %.*s", (int)ln->label, pg.text + ln->off - ln->label - 1, (int)ln->len,
                 pg.text + ln->off);
    else
        snprintf(buf, bufsz, "%.*s", (int)ln->len, pg.text + ln->off);
    return buf;
}

static int pg_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

static enum match_result pg_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    (void)ctx;
    char buf[2048];
    return list_test_text(f, line_text(row, buf, sizeof buf));
}

static void pg_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor, struct firm_filter *hl)
{
    (void)ctx;
    const struct pager_line *ln = &pg.lines[row];
    attr_t at = draw_row_attr(cursor == 1, hl != NULL), span = draw_span_attr(cursor == 1);
    struct matcher *m = hl ? hl->m : NULL;
    char piece[2048];
    int x = 0;
    if (ln->label) {
        snprintf(piece, sizeof piece, "%.*s", (int)ln->label, pg.text + ln->off - ln->label - 1);
        x += draw_text_match(win, y, x, LABEL_W < w ? LABEL_W : w, piece, draw_cell(at, ST_LABEL), span, m);
    } else if (ln->indent && w > LABEL_W) { /* under the label column */
        x += draw_text(win, y, x, LABEL_W, "", at);
    }
    snprintf(piece, sizeof piece, "%.*s", (int)ln->len, pg.text + ln->off);
    if (x < w)
        draw_text_match(win, y, x, w - x, piece, at, span, m);
}

static const struct list_ops pg_ops = {pg_compile, pg_test, pg_draw_row, NULL};

static void rows(int w)
{
    uint32_t cur = list_selected(&pg.list);
    uint32_t para = !pg.fresh && cur != LIST_NONE && cur < pg.n_lines ? pg.lines[cur].para : pg.at;
    pg.fresh = 0;
    wrap(w);
    uint32_t *r = xmalloc((pg.n_lines ? pg.n_lines : 1) * sizeof *r);
    for (uint32_t i = 0; i < pg.n_lines; i++)
        r[i] = i;
    list_set_rows(&pg.list, r, pg.n_lines, pg.n_lines);
    for (uint32_t i = 0; i < pg.n_lines; i++)
        if (pg.lines[i].para == para) {
            list_select(&pg.list, i);
            break;
        }
}

static void pg_open(struct app *a)
{
    if (!pg.list.ops)
        list_init(&pg.list, &pg_ops, a);
    rows(pg.width > 0 ? pg.width : a->cols);
}

static void pg_layout(struct app *a, int y, int x, int h, int w)
{
    (void)a;
    if (pg.w)
        delwin(pg.w);
    pg.w = newwin(h, w, y, x);
    pg.h = h;
    if (w != pg.width) {
        pg.width = w;
        rows(w);
    }
    list_resize(&pg.list, h - 1);
}

static void pg_draw(struct app *a)
{
    int full = a->repaint;
    if (full) {
        werase(pg.w);
        char head[512];
        snprintf(head, sizeof head, "%s (q, Esc or Enter closes)", pg.title ? pg.title : "");
        draw_text(pg.w, 0, 0, pg.width, head, draw_attr(ST_HEADER));
        list_touch(&pg.list);
    }
    if (list_draw(&pg.list, pg.w, 1, pg.width) || full)
        wnoutrefresh(pg.w);
}

static int pg_key(struct app *a, enum action act)
{
    if (act == ACT_CLEAR && (pg.list.search.m || pg.list.filter.m))
        return 0;
    if (act == ACT_QUIT || act == ACT_CLEAR || act == ACT_BACK || act == ACT_FOLLOW || act == ACT_PAGER) {
        app_show_view(a, a->before_pager);
        return 1;
    }
    return act == ACT_NEXT_PANE || act == ACT_SORT || act == ACT_FORWARD;
}

static struct list *pg_focus(struct app *a) { (void)a; return &pg.list; }

static void pg_status(struct app *a, char *buf, size_t bufsz)
{
    (void)a;
    snprintf(buf, bufsz, "Pager");
}

static int pg_offers(struct app *a, enum action act)
{
    (void)a;
    return act == ACT_QUIT || act == ACT_HELP || act == ACT_SEARCH || act == ACT_FILTER;
}

static void pg_done(struct app *a)
{
    (void)a;
    list_free(&pg.list);
    free(pg.lines);
    free(pg.title);
    free(pg.text);
    if (pg.w)
        delwin(pg.w);
    memset(&pg, 0, sizeof pg);
}

void pager_show(struct app *a, const char *title, const char *text, unsigned at)
{
    free(pg.title);
    free(pg.text);
    pg.title = xstrdup(title);
    pg.text = xstrdup(text);
    pg.at = at;
    pg.fresh = 1;
    if (pg.list.ops) {
        /* a search or filter of the last text means nothing in this one */
        struct match_error err;
        list_clear(&pg.list);
        list_filter(&pg.list, "", &err);
        rows(pg.width > 0 ? pg.width : a->cols);
    }
    app_show_view(a, VIEW_PAGER);
}

const struct view_ops pager_view_ops = {
    "Pager", pg_open, pg_layout, pg_draw, pg_key, pg_focus, pg_status, pg_done, pg_offers,
};
