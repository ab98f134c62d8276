#include "config.h"
#include "list.h"
#include "firmscan.h"
#include "xalloc.h"
#include <stdio.h>
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

/* Rows are tested one by one this many at a time between asking stop. */
#define LIST_STOP_ROWS 1024u
/* A search tests this many rows one by one before it works out every row at once
 * (test_all): a near match costs no pass. */
#define LIST_SEARCH_DIRECT 2048u

static void search_pass_drop(struct list *l)
{
    free(l->search_pass);
    l->search_pass = NULL;
}

static void live_drop(struct list *l)
{
    pattern_drop(&l->live_filter, &l->live_text);
    free(l->live_pass);
    l->live_pass = NULL;
    l->live = 0;
}

void list_free(struct list *l)
{
    free(l->all);
    free(l->shown);
    free(l->pass);
    live_drop(l);
    search_pass_drop(l);
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
    const uint8_t *pass = l->live ? l->live_pass : l->pass;
    l->shown = xrealloc(l->shown, (l->n_all ? l->n_all : 1) * sizeof *l->shown);
    uint32_t k = 0;
    for (uint32_t i = 0; i < l->n_all; i++)
        if (!pass || pass[l->all[i]])
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

/* Tests every row; returns a fresh flag array, or NULL with *why set when the pattern
 * was too expensive or failed on some row (a negative match_result) or stop
 * abandoned the pass (FIRMSCAN_STOPPED). */
static uint8_t *run_filter(struct list *l, struct firm_filter *f, int *why, list_stop_fn stop, void *sctx)
{
    uint8_t *pass = xcalloc(l->domain ? l->domain : 1, 1);
    if (l->ops->test_all) {
        uint32_t bad;
        int rc = l->ops->test_all(l->ctx, f, pass, &bad, stop, sctx);
        if (rc != 0) {
            free(pass);
            *why = rc;
            return NULL;
        }
        return pass;
    }
    for (uint32_t i = 0; i < l->n_all; i++) {
        if (stop && i % LIST_STOP_ROWS == 0 && stop(sctx)) {
            free(pass);
            *why = FIRMSCAN_STOPPED;
            return NULL;
        }
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

static void set_run_error(struct match_error *err, int why)
{
    snprintf(err->message, sizeof err->message, "%s",
             why == MATCH_TOO_EXPENSIVE ? "pattern too expensive" : "pattern failed to run");
    err->offset = 0;
    err->code = why;
}

int list_filter(struct list *l, const char *text, struct match_error *err)
{
    if (l->live && l->live_text && text && !strcmp(l->live_text, text)) {
        /* what is shown is text's result already */
        pattern_drop(&l->filter, &l->filter_text);
        free(l->pass);
        l->filter = l->live_filter;
        l->filter_text = *text ? l->live_text : NULL;
        if (!*text)
            free(l->live_text);
        l->pass = l->live_pass;
        memset(&l->live_filter, 0, sizeof l->live_filter);
        l->live_text = NULL;
        l->live_pass = NULL;
        l->live = 0;
        rebuild_shown(l);
        return 0;
    }
    if (!text || !*text) {
        live_drop(l);
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
    uint8_t *pass = run_filter(l, &f, &why, NULL, NULL);
    if (!pass) {
        filter_free(&f);
        set_run_error(err, why);
        return -2;
    }
    live_drop(l);
    pattern_drop(&l->filter, &l->filter_text);
    l->filter = f;
    l->filter_text = xstrdup(text);
    free(l->pass);
    l->pass = pass;
    rebuild_shown(l);
    return 0;
}

int list_filter_live(struct list *l, const char *text, struct match_error *err, list_stop_fn stop, void *sctx)
{
    struct firm_filter f;
    memset(&f, 0, sizeof f);
    uint8_t *pass = NULL;
    if (*text) {
        if (l->ops->compile(l->ctx, text, &f, err))
            return -1;
        int why = 0;
        pass = run_filter(l, &f, &why, stop, sctx);
        if (!pass) {
            filter_free(&f);
            if (why == FIRMSCAN_STOPPED)
                return 1;
            set_run_error(err, why);
            return -2;
        }
    }
    live_drop(l);
    l->live = 1;
    l->live_filter = f;
    l->live_text = xstrdup(text);
    l->live_pass = pass;
    rebuild_shown(l);
    return 0;
}

void list_filter_live_cancel(struct list *l)
{
    if (!l->live && !l->live_text)
        return;
    live_drop(l);
    rebuild_shown(l);
}

const char *list_filter_shown(const struct list *l)
{
    if (l->live)
        return l->live_text && *l->live_text ? l->live_text : NULL;
    return l->filter_text;
}

void list_status_filter(const struct list *l, char *buf, size_t bufsz, int k)
{
    const char *f = list_filter_shown(l);
    if (f && k > 0 && (size_t)k < bufsz)
        snprintf(buf + k, bufsz - (size_t)k, " · filter: %s", f);
}

void list_refilter(struct list *l)
{
    struct match_error err;
    live_drop(l);
    search_pass_drop(l);
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
    live_drop(l);
    search_pass_drop(l);
    if (l->filter.m) {
        int why = 0;
        uint8_t *pass = run_filter(l, &l->filter, &why, NULL, NULL);
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
 * nothing matches, or *bad set on a pattern run-time error (a negative match_result)
 * or when stop abandoned the search (FIRMSCAN_STOPPED). A long list is tested one row
 * at a time only near pos; past that, one pass over every row (test_all) decides. */
static uint32_t find_match(struct list *l, uint32_t pos, int dir, int *bad, list_stop_fn stop, void *sctx)
{
    *bad = 0;
    uint32_t direct = l->ops->test_all && l->n > LIST_SEARCH_DIRECT ? LIST_SEARCH_DIRECT : l->n;
    for (uint32_t k = 0; k < l->n; k++) {
        uint32_t p = dir > 0 ? (pos + k) % l->n : (pos + l->n - k % l->n) % l->n;
        uint32_t row = l->shown[p];
        if (k == direct && !l->search_pass) {
            uint8_t *pass = xcalloc(l->domain ? l->domain : 1, 1);
            uint32_t first_bad = UINT32_MAX;
            int rc = l->ops->test_all(l->ctx, &l->search, pass, &first_bad, stop, sctx);
            if (rc == FIRMSCAN_STOPPED) {
                free(pass);
                *bad = rc;
                return LIST_NONE;
            }
            l->search_pass = pass;
            l->search_bad = rc < 0 ? first_bad : UINT32_MAX;
        }
        /* rows the pass decided, and one by one those it did not (past a limit hit) */
        if (k >= direct && row < l->search_bad) {
            if (l->search_pass[row])
                return p;
            continue;
        }
        enum match_result r = l->ops->test(l->ctx, &l->search, row);
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
    search_pass_drop(l);
    l->search_origin = l->cursor;
    pattern_drop(&l->saved, &l->saved_text);
    l->saved = l->search;
    l->saved_text = l->search_text;
    memset(&l->search, 0, sizeof l->search);
    l->search_text = NULL;
}

int list_search_update(struct list *l, const char *text, struct match_error *err)
{
    return list_search_update_stop(l, text, err, NULL, NULL);
}

int list_search_update_stop(struct list *l, const char *text, struct match_error *err, list_stop_fn stop,
                            void *sctx)
{
    search_pass_drop(l);
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
    uint32_t p = find_match(l, l->search_origin < l->n ? l->search_origin : 0, 1, &bad, stop, sctx);
    if (bad == FIRMSCAN_STOPPED)
        return 2;
    if (bad) {
        set_run_error(err, bad);
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
    search_pass_drop(l);
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
    uint32_t p = find_match(l, start, dir, &bad, NULL, NULL);
    if (bad)
        return -2;
    if (p == LIST_NONE)
        return 1;
    list_set_cursor(l, p);
    return 0;
}

/* Counting one row at a time stops being cheap around here. */
#define LIST_COUNT_DIRECT 200000u

int list_search_count(struct list *l, uint32_t *index, uint32_t *total, list_stop_fn stop, void *sctx)
{
    *index = *total = 0;
    if (!l->search.m)
        return -1;
    int passed = l->ops->test_all && l->n > LIST_SEARCH_DIRECT;
    if (!passed && l->n > LIST_COUNT_DIRECT)
        return -1;
    if (passed && !l->search_pass) {
        uint8_t *pass = xcalloc(l->domain ? l->domain : 1, 1);
        uint32_t first_bad = UINT32_MAX;
        int rc = l->ops->test_all(l->ctx, &l->search, pass, &first_bad, stop, sctx);
        if (rc == FIRMSCAN_STOPPED) { /* a key is waiting: no count this time */
            free(pass);
            return -1;
        }
        l->search_pass = pass;
        l->search_bad = rc < 0 ? first_bad : UINT32_MAX;
    }
    if (passed && l->search_bad != UINT32_MAX)
        return -1; /* the rest would be tested one by one */
    for (uint32_t i = 0; i < l->n; i++) {
        uint32_t row = l->shown[i];
        int yes;
        if (passed && row < l->search_bad) {
            yes = l->search_pass[row];
        } else {
            enum match_result r = l->ops->test(l->ctx, &l->search, row);
            if (r < 0)
                return -1;
            yes = r == MATCH_YES;
        }
        if (yes) {
            (*total)++;
            if (i == l->cursor)
                *index = *total;
        }
    }
    return 0;
}

void list_clear(struct list *l)
{
    search_pass_drop(l);
    live_drop(l);
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
