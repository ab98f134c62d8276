#include "config.h"
#include "view_help.h"
#include "draw.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Paragraphs, wrapped to the screen's width; "#" starts a heading. */
static const char *const notes[] = {
    "",
    "#Search and filter patterns",
    "Patterns are PCRE2 regular expressions; lower-case patterns ignore case (smart case). "
    "In the firm list a pattern searches id, name and alias; field:pattern searches one "
    "column, e.g. industry:eye|optic or location:^Ouhai (extra columns by their header). "
    "Other lists match the text of the row as shown. An empty & pattern clears the filter.",
    "",
    "#Layer dialog (t)",
    "Up/Down move, Space toggles a type, form or scale, digits and BS edit the as-of year, "
    "c clears everything (= all linkages), Enter applies, Esc cancels. Nothing ticked in a "
    "group means any. The layer applies to linkages, degrees, the Industries and Cluster views.",
    "",
    "#Export (x)",
    "Type a file name: the extension picks the format (.graphml .gexf .net .dot .json); a "
    "name without one is a dataset directory; \"FORMAT NAME\" names the format (pajek-plain "
    "x.net). What is written: the firms the Firms view shows (its filter) within the layer, "
    "and the layer's linkages among them. The loaded dataset is never written over.",
    "",
    "#Symbols",
    "S: scale of the firm, L local, N national, G global. Dir: -> out, <- in, <-> mutual.",
    "Industries view, type mix: S supply, C subcontract, P production-sharing, J joint-venture, "
    "L licensing, R rnd, T technology, M marketing, O social, U cultural.",
    "Cluster view: L/N/G bars split an industry's ties by partner scale (buzz = local, "
    "pipelines = national and global); gatekeepers are local firms scored by the chains "
    "they broker into (In) and out of (Out) the cluster plus outside partners only they "
    "have (Excl); Brk is all their Gould-Fernandez brokerage (groups: scale). The firm "
    "details count its roles: coordinator, itinerant, representative, gatekeeper, liaison.",
};

#define N_NOTES (sizeof notes / sizeof notes[0])

/* One screen line of the help: a piece of an entry's text (an action of the key
 * table or a note), wrapped to the width. */
struct help_line {
    uint32_t entry;    /* < keys_help_count(): the key table's entry, else a note */
    uint32_t off, len; /* the piece of the entry's text */
};

struct help_state {
    struct list list;        /* rows: indices into lines */
    struct help_line *lines; /* owned */
    uint32_t n_lines;
    size_t cap;
    WINDOW *w;               /* owned */
    int h, width;
};

static struct help_state hv;

/* The text of entry e; its keys (empty but for actions) and whether it is a heading. */
static const char *entry_text(uint32_t e, char *keys, size_t keysz, int *heading)
{
    size_t nk = keys_help_count();
    const char *text;
    keys[0] = '\0';
    *heading = 0;
    if (e < nk) {
        enum action a;
        keys_help_entry(e, &a, &text);
        if (a == ACT_NONE)
            *heading = 1;
        else
            keys_describe(a, keys, keysz);
        return text;
    }
    text = notes[e - nk];
    if (text[0] == '#')
        *heading = 1, text++;
    return text;
}

static int key_width(int w) { return w >= 60 ? 22 : 14; }

/* Wraps every entry to width w into hv.lines. */
static void help_wrap(int w)
{
    hv.n_lines = 0;
    uint32_t n = (uint32_t)(keys_help_count() + N_NOTES);
    for (uint32_t e = 0; e < n; e++) {
        char keys[128];
        int heading;
        const char *text = entry_text(e, keys, sizeof keys, &heading);
        int tw = keys[0] ? w - key_width(w) : w;
        size_t len = strlen(text), off = 0;
        do {
            size_t next, piece = draw_wrap(text + off, len - off, tw, &next);
            hv.lines = xgrow(hv.lines, &hv.cap, hv.n_lines + 1, sizeof *hv.lines);
            hv.lines[hv.n_lines++] = (struct help_line){e, (uint32_t)off, (uint32_t)piece};
            off += next ? next : len - off; /* never stuck */
        } while (off < len);
    }
}

/* The key column and the text of row; heading is set for section titles. */
static void help_row(uint32_t row, char *keys, size_t keysz, const char **text, size_t *len, int *heading)
{
    const struct help_line *ln = &hv.lines[row];
    const char *t = entry_text(ln->entry, keys, keysz, heading);
    if (ln->off)
        keys[0] = '\0'; /* the keys on the entry's first line only */
    *text = t + ln->off;
    *len = ln->len;
}

static enum match_result help_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    (void)ctx;
    char keys[128], buf[512];
    const char *text;
    size_t len;
    int heading;
    help_row(row, keys, sizeof keys, &text, &len, &heading);
    snprintf(buf, sizeof buf, "%s %.*s", keys, (int)len, text);
    return list_test_text(f, buf);
}

static int help_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

static void help_draw_row(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor,
                          struct firm_filter *hl)
{
    (void)ctx;
    char keys[128], piece[512];
    const char *text;
    size_t len;
    int heading;
    help_row(row, keys, sizeof keys, &text, &len, &heading);
    snprintf(piece, sizeof piece, "%.*s", (int)len, text);
    attr_t at = draw_row_attr(cursor == 1, hl != NULL), span = draw_span_attr(cursor == 1);
    struct matcher *m = hl ? hl->m : NULL;
    if (heading) {
        draw_text_match(win, y, 0, w, piece, draw_cell(at, ST_HEADER), span, m);
        return;
    }
    /* an action's continuation lines are indented under its text */
    int kw = hv.lines[row].entry < keys_help_count() ? key_width(w) : 0;
    if (kw) {
        draw_text(win, y, 0, 2, "", at);
        draw_text_match(win, y, 2, kw - 2, keys, draw_cell(at, ST_LABEL), span, m);
    }
    draw_text_match(win, y, kw, w - kw, piece, at, span, m);
}

static const struct list_ops help_ops = {help_compile, help_test, help_draw_row, NULL};

/* The rows for the lines wrapped to width w; the cursor stays on the entry it was on. */
static void help_rows(int w)
{
    uint32_t at = list_selected(&hv.list), entry = at != LIST_NONE && at < hv.n_lines ? hv.lines[at].entry : 0;
    help_wrap(w);
    uint32_t *rows = xmalloc((hv.n_lines ? hv.n_lines : 1) * sizeof *rows);
    for (uint32_t i = 0; i < hv.n_lines; i++)
        rows[i] = i;
    list_set_rows(&hv.list, rows, hv.n_lines, hv.n_lines);
    for (uint32_t i = 0; i < hv.n_lines; i++)
        if (hv.lines[i].entry == entry) {
            list_select(&hv.list, i);
            break;
        }
}

static void help_open(struct app *a)
{
    if (!hv.list.ops)
        list_init(&hv.list, &help_ops, a);
    help_rows(hv.width > 0 ? hv.width : a->cols);
}

static void help_layout(struct app *a, int y, int x, int h, int w)
{
    (void)a;
    if (hv.w)
        delwin(hv.w);
    hv.w = newwin(h, w, y, x);
    hv.h = h;
    if (w != hv.width) {
        hv.width = w;
        help_rows(w);
    }
    list_resize(&hv.list, h - 1);
}

static void help_draw(struct app *a)
{
    int full = a->repaint;
    if (full) {
        werase(hv.w);
        draw_text(hv.w, 0, 0, hv.width, "Help: every key (q, ? or Esc closes)", draw_attr(ST_HEADER));
        list_touch(&hv.list);
    }
    if (list_draw(&hv.list, hv.w, 1, hv.width) || full)
        wnoutrefresh(hv.w);
}

static int help_key(struct app *a, enum action act)
{
    if (act == ACT_CLEAR && (hv.list.search.m || hv.list.filter.m))
        return 0;
    if (act == ACT_QUIT || act == ACT_HELP || act == ACT_CLEAR || act == ACT_BACK) {
        app_show_view(a, a->before_help);
        return 1;
    }
    return act == ACT_FOLLOW || act == ACT_NEXT_PANE || act == ACT_SORT;
}

static struct list *help_focus(struct app *a) { (void)a; return &hv.list; }

static void help_status(struct app *a, char *buf, size_t bufsz)
{
    (void)a;
    snprintf(buf, bufsz, "Help");
}

static void help_done(struct app *a)
{
    (void)a;
    list_free(&hv.list);
    free(hv.lines);
    if (hv.w)
        delwin(hv.w);
    memset(&hv, 0, sizeof hv);
}

static int help_offers(struct app *a, enum action act)
{
    (void)a;
    return act == ACT_QUIT || act == ACT_SEARCH || act == ACT_FILTER;
}

const struct view_ops help_view_ops = {
    "Help", help_open, help_layout, help_draw, help_key, help_focus, help_status, help_done, help_offers,
};
