#include "config.h"
#include "list.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

void list_init(struct list *l, const struct list_ops *ops, void *ctx)
{
    memset(l, 0, sizeof *l);
    l->ops = ops;
    l->ctx = ctx;
    l->dirty_all = 1;
    l->focused = 1;
}

static void pattern_drop(struct firm_filter *f, char **text)
{
    if (f->m)
        filter_free(f);
    memset(f, 0, sizeof *f);
    free(*text);
    *text = NULL;
}

void list_free(struct list *l)
{
    free(l->all);
    free(l->shown);
    free(l->pass);
    pattern_drop(&l->search, &l->search_text);
    pattern_drop(&l->filter, &l->filter_text);
    pattern_drop(&l->saved, &l->saved_text);
    memset(l, 0, sizeof *l);
}

void list_touch(struct list *l) { l->dirty_all = 1; }

static void mark_pos(struct list *l, uint32_t pos)
{
    if (l->dirty_all)
        return;
    if (l->n_dirty >= 2) {
        l->dirty_all = 1;
        return;
    }
    l->dirty_pos[l->n_dirty++] = pos;
}

/* Keeps the cursor inside shown and visible, scrolling as little as possible. */
static void clamp(struct list *l)
{
    if (!l->n) {
        l->cursor = l->top = 0;
        return;
    }
    if (l->cursor >= l->n)
        l->cursor = l->n - 1;
    uint32_t h = l->height > 0 ? (uint32_t)l->height : 1;
    uint32_t old_top = l->top;
    if (l->cursor < l->top)
        l->top = l->cursor;
    else if (l->cursor >= l->top + h)
        l->top = l->cursor - h + 1;
    /* no empty space under the last row when the list could fill the window */
    if (l->n >= h && l->top > l->n - h)
        l->top = l->n - h;
    if (l->n < h)
        l->top = 0;
    if (l->top != old_top)
        l->dirty_all = 1;
}

void list_set_cursor(struct list *l, uint32_t pos)
{
    uint32_t old = l->cursor;
    l->cursor = pos;
    clamp(l);
    if (l->cursor != old) {
        mark_pos(l, old);
        mark_pos(l, l->cursor);
    }
}

void list_move(struct list *l, long delta)
{
    if (!l->n)
        return;
    long c = (long)l->cursor + delta;
    if (c < 0)
        c = 0;
    if (c >= (long)l->n)
        c = (long)l->n - 1;
    list_set_cursor(l, (uint32_t)c);
}

void list_resize(struct list *l, int height)
{
    l->height = height > 0 ? height : 0;
    l->dirty_all = 1;
    clamp(l);
}

uint32_t list_selected(const struct list *l)
{
    return l->n ? l->shown[l->cursor] : LIST_NONE;
}

int list_select(struct list *l, uint32_t row)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->shown[i] == row) {
            list_set_cursor(l, i);
            return 0;
        }
    return -1;
}

static void rebuild_shown(struct list *l)
{
    uint32_t keep = list_selected(l);
    l->shown = xrealloc(l->shown, (l->n_all ? l->n_all : 1) * sizeof *l->shown);
    uint32_t k = 0;
    for (uint32_t i = 0; i < l->n_all; i++)
        if (!l->pass || l->pass[l->all[i]])
            l->shown[k++] = l->all[i];
    l->n = k;
    l->dirty_all = 1;
    l->cursor = 0;
    if (keep != LIST_NONE)
        for (uint32_t i = 0; i < l->n; i++)
            if (l->shown[i] == keep) {
                l->cursor = i;
                break;
            }
    clamp(l);
}

void list_reorder(struct list *l) { rebuild_shown(l); }

/* Tests every row; returns a fresh flag array or NULL with *why set when the pattern
 * was too expensive or failed on some row. */
static uint8_t *run_filter(struct list *l, struct firm_filter *f, int *why)
{
    uint8_t *pass = xcalloc(l->domain ? l->domain : 1, 1);
    for (uint32_t i = 0; i < l->n_all; i++) {
        enum match_result r = l->ops->test(l->ctx, f, l->all[i]);
        if (r < 0) {
            free(pass);
            *why = r;
            return NULL;
        }
        pass[l->all[i]] = r == MATCH_YES;
    }
    return pass;
}

int list_filter(struct list *l, const char *text, struct match_error *err)
{
    if (!text || !*text) {
        pattern_drop(&l->filter, &l->filter_text);
        free(l->pass);
        l->pass = NULL;
        rebuild_shown(l);
        return 0;
    }
    struct firm_filter f;
    memset(&f, 0, sizeof f);
    if (l->ops->compile(l->ctx, text, &f, err))
        return -1;
    int why = 0;
    uint8_t *pass = run_filter(l, &f, &why);
    if (!pass) {
        filter_free(&f);
        snprintf(err->message, sizeof err->message, "%s",
                 why == MATCH_TOO_EXPENSIVE ? "pattern too expensive" : "pattern failed to run");
        err->offset = 0;
        err->code = why;
        return -2;
    }
    pattern_drop(&l->filter, &l->filter_text);
    l->filter = f;
    l->filter_text = xstrdup(text);
    free(l->pass);
    l->pass = pass;
    rebuild_shown(l);
    return 0;
}

void list_refilter(struct list *l)
{
    struct match_error err;
    char *ft = l->filter_text ? xstrdup(l->filter_text) : NULL;
    char *st = l->search_text ? xstrdup(l->search_text) : NULL;
    pattern_drop(&l->search, &l->search_text);
    if (ft && list_filter(l, ft, &err) != 0) {
        /* the new data has no such field any more: show everything rather than nothing */
        pattern_drop(&l->filter, &l->filter_text);
        free(l->pass);
        l->pass = NULL;
        rebuild_shown(l);
    }
    if (st && l->ops->compile(l->ctx, st, &l->search, &err) == 0)
        l->search_text = st, st = NULL;
    free(ft);
    free(st);
    l->dirty_all = 1;
}

void list_set_rows(struct list *l, uint32_t *rows, uint32_t n, uint32_t domain)
{
    free(l->all);
    l->all = rows;
    l->n_all = n;
    l->domain = domain;
    if (l->filter.m) {
        int why = 0;
        uint8_t *pass = run_filter(l, &l->filter, &why);
        free(l->pass);
        l->pass = pass;
        if (!pass)
            pattern_drop(&l->filter, &l->filter_text);
    } else {
        free(l->pass);
        l->pass = NULL;
    }
    rebuild_shown(l);
}

/* First matching position from pos in direction dir (+1/-1), wrapping; LIST_NONE when
 * nothing matches, or *bad set on a pattern run-time error. */
static uint32_t find_match(struct list *l, uint32_t pos, int dir, int *bad)
{
    *bad = 0;
    for (uint32_t k = 0; k < l->n; k++) {
        uint32_t p = dir > 0 ? (pos + k) % l->n : (pos + l->n - k % l->n) % l->n;
        enum match_result r = l->ops->test(l->ctx, &l->search, l->shown[p]);
        if (r == MATCH_YES)
            return p;
        if (r < 0) {
            *bad = r;
            return LIST_NONE;
        }
    }
    return LIST_NONE;
}

void list_search_begin(struct list *l)
{
    l->search_origin = l->cursor;
    pattern_drop(&l->saved, &l->saved_text);
    l->saved = l->search;
    l->saved_text = l->search_text;
    memset(&l->search, 0, sizeof l->search);
    l->search_text = NULL;
}

int list_search_update(struct list *l, const char *text, struct match_error *err)
{
    if (!*text) {
        pattern_drop(&l->search, &l->search_text);
        list_set_cursor(l, l->search_origin);
        l->dirty_all = 1;
        return 0;
    }
    struct firm_filter f;
    memset(&f, 0, sizeof f);
    if (l->ops->compile(l->ctx, text, &f, err))
        return -1;
    pattern_drop(&l->search, &l->search_text);
    l->search = f;
    l->search_text = xstrdup(text);
    l->dirty_all = 1; /* highlights change everywhere */
    if (!l->n)
        return 1;
    int bad;
    uint32_t p = find_match(l, l->search_origin < l->n ? l->search_origin : 0, 1, &bad);
    if (bad) {
        snprintf(err->message, sizeof err->message, "%s",
                 bad == MATCH_TOO_EXPENSIVE ? "pattern too expensive" : "pattern failed to run");
        err->offset = 0;
        err->code = bad;
        pattern_drop(&l->search, &l->search_text);
        return -2;
    }
    if (p == LIST_NONE)
        return 1;
    list_set_cursor(l, p);
    return 0;
}

void list_search_cancel(struct list *l)
{
    pattern_drop(&l->search, &l->search_text);
    l->search = l->saved;
    l->search_text = l->saved_text;
    memset(&l->saved, 0, sizeof l->saved);
    l->saved_text = NULL;
    list_set_cursor(l, l->search_origin);
    l->dirty_all = 1;
}

void list_search_accept(struct list *l)
{
    pattern_drop(&l->saved, &l->saved_text);
}

int list_search_next(struct list *l, int dir)
{
    if (!l->search.m)
        return -1;
    if (!l->n)
        return 1;
    int bad;
    uint32_t start = dir > 0 ? (l->cursor + 1) % l->n : (l->cursor + l->n - 1) % l->n;
    uint32_t p = find_match(l, start, dir, &bad);
    if (bad)
        return -2;
    if (p == LIST_NONE)
        return 1;
    list_set_cursor(l, p);
    return 0;
}

void list_clear(struct list *l)
{
    pattern_drop(&l->search, &l->search_text);
    if (l->filter.m) {
        pattern_drop(&l->filter, &l->filter_text);
        free(l->pass);
        l->pass = NULL;
        rebuild_shown(l);
    }
    l->dirty_all = 1;
}

static void draw_pos(struct list *l, WINDOW *win, int y0, int w, uint32_t pos)
{
    if (pos < l->top || pos >= l->top + (uint32_t)l->height)
        return;
    int y = y0 + (int)(pos - l->top);
    if (pos >= l->n) {
        /* only the list's own columns: a separator may follow them */
        wattrset(win, A_NORMAL);
        mvwhline(win, y, 0, ' ', w);
        return;
    }
    uint32_t row = l->shown[pos];
    int matched = l->search.m && l->ops->test(l->ctx, &l->search, row) == MATCH_YES;
    int cursor = pos == l->cursor ? (l->focused ? 1 : 2) : 0;
    l->ops->draw_row(l->ctx, win, y, w, row, cursor, matched ? &l->search : NULL);
}

int list_draw(struct list *l, WINDOW *win, int y0, int w)
{
    int drew = 0;
    if (l->dirty_all) {
        for (int i = 0; i < l->height; i++)
            draw_pos(l, win, y0, w, l->top + (uint32_t)i);
        drew = 1;
    } else {
        for (int i = 0; i < l->n_dirty; i++)
            draw_pos(l, win, y0, w, l->dirty_pos[i]);
        drew = l->n_dirty > 0;
    }
    l->dirty_all = 0;
    l->n_dirty = 0;
    return drew;
}

int list_compile_text(const char *text, struct firm_filter *f, struct match_error *err)
{
    memset(f, 0, sizeof *f);
    f->field = FILTER_DEFAULT;
    f->m = match_compile(text, strlen(text), MATCH_SMART_CASE, err);
    return f->m ? 0 : -1;
}

enum match_result list_test_text(struct firm_filter *f, const char *s)
{
    return match_test(f->m, s, strlen(s));
}
