/* list: owns one scrollable list of row ids (uint32 index arrays, never copies of the
 * rows), its cursor, its search and its filter, and which of its lines need redrawing. */
#ifndef FIRMNET_LIST_H
#define FIRMNET_LIST_H
#include <stdint.h>
#include <curses.h>
#include "filter.h"
#include "match.h"

#define LIST_NONE UINT32_MAX

struct list;

/* How a view's rows are matched and drawn; ctx is the view's state. */
struct list_ops {
    /* Compiles text for this list (firm lists through filter_compile, the others as a
     * plain pattern over the displayed text). Returns 0, or -1 with err filled. */
    int (*compile)(void *ctx, const char *text, struct firm_filter *f, struct match_error *err);
    enum match_result (*test)(void *ctx, struct firm_filter *f, uint32_t row);
    /* Draws row at line y of win, width w; cursor: 0 none, 1 focused, 2 idle; hl is the
     * search when it matches this row (to highlight the span), else NULL. */
    void (*draw_row)(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor,
                     struct firm_filter *hl);
    /* Optional, for long lists: tests every row id < domain in one pass, as
     * firmscan_run does (pass[row] set; 0, a negative match_result with *bad the first
     * row id that gave it, or FIRMSCAN_STOPPED when stop said so). NULL: the rows are
     * tested one by one with test. */
    int (*test_all)(void *ctx, struct firm_filter *f, uint8_t *pass, uint32_t *bad, int (*stop)(void *sctx),
                    void *sctx);
};

/* Asked between pieces of a long pass over the rows; nonzero abandons the pass (a
 * newer key press is waiting). */
typedef int (*list_stop_fn)(void *ctx);

struct list {
    const struct list_ops *ops;
    void *ctx;                 /* borrowed */
    uint32_t *all, n_all;      /* owned; every row id in display order */
    uint32_t *shown, n;        /* owned; the rows passing the filter, in order */
    uint32_t domain;           /* row ids are < domain */
    uint8_t *pass;             /* owned; domain flags of the filter, NULL when none */
    uint32_t cursor, top;      /* positions in shown */
    int height;                /* visible rows */
    int focused;
    struct firm_filter search, filter; /* .m NULL when none */
    char *search_text, *filter_text;   /* owned, NULL when none */
    uint32_t search_origin;    /* cursor when the search prompt opened */
    struct firm_filter saved;  /* the search before the prompt opened, for Esc */
    char *saved_text;          /* owned */
    /* The filter as it is being typed (list_filter_live): shown while live is set;
     * filter, filter_text and pass above stay what was last applied, for Esc. */
    int live;
    struct firm_filter live_filter; /* .m NULL when the text is empty */
    char *live_text;           /* owned */
    uint8_t *live_pass;        /* owned; domain flags, NULL when no filter */
    /* The search's result for every row id, worked out when a long list is searched
     * past its first rows (test_all) and kept for n and N; ids from search_bad on
     * were not decided (a limit was hit there) and are tested one by one. */
    uint8_t *search_pass;      /* owned; NULL when not worked out */
    uint32_t search_bad;
    /* redraw bookkeeping: everything, or up to two single lines */
    int dirty_all;
    uint32_t dirty_pos[2];
    int n_dirty;
};

void list_init(struct list *l, const struct list_ops *ops, void *ctx);
void list_free(struct list *l);
/* Takes ownership of rows; keeps the cursor on the same row id when it is still there
 * and re-runs the filter (the texts stay, patterns are recompiled by the caller through
 * list_refilter when the dataset changed). */
void list_set_rows(struct list *l, uint32_t *rows, uint32_t n, uint32_t domain);
/* After the order of l->all changed: rebuild shown, keep the cursor's row. */
void list_reorder(struct list *l);
uint32_t list_selected(const struct list *l);
/* Moves the cursor to row id; returns 0, or -1 when the row is not shown. */
int list_select(struct list *l, uint32_t row);
void list_set_cursor(struct list *l, uint32_t pos);
void list_move(struct list *l, long delta);
void list_resize(struct list *l, int height);
void list_touch(struct list *l);

/* Filter: compiles text and keeps matching rows; an empty text clears the filter. On
 * error returns -1 with err filled and the previous result kept; MATCH_TOO_EXPENSIVE
 * returns -2 (previous result kept). When the live filter shows text's result, that
 * result is applied without a second pass. */
int list_filter(struct list *l, const char *text, struct match_error *err);
/* Recompiles and re-runs the current filter and search (after a reload). */
void list_refilter(struct list *l);
/* The filter while it is typed: shows the rows text matches, leaving the applied
 * filter to come back to. Returns 0 when shown, 1 when stop abandoned the pass
 * (nothing changed), and list_filter's -1 and -2 (the rows shown stay). */
int list_filter_live(struct list *l, const char *text, struct match_error *err, list_stop_fn stop, void *sctx);
/* Esc: back to the applied filter's rows. */
void list_filter_live_cancel(struct list *l);
/* The text of the filter whose rows are shown (the one being typed while it is
 * live), or NULL when all rows are. */
const char *list_filter_shown(const struct list *l);
/* Appends " · filter: TEXT" to a view's status line when a filter is shown; k is
 * what the line's first snprintf returned. */
void list_status_filter(const struct list *l, char *buf, size_t bufsz, int k);
/* Incremental search: begin remembers the cursor, update recompiles and moves to the
 * first match at or after the origin (wrapping); same error returns as list_filter;
 * 1 = no match. */
void list_search_begin(struct list *l);
int list_search_update(struct list *l, const char *text, struct match_error *err);
/* The same, abandoning a long pass when stop says so: then it returns 2, and the
 * cursor stays where it was. */
int list_search_update_stop(struct list *l, const char *text, struct match_error *err, list_stop_fn stop,
                            void *sctx);
void list_search_cancel(struct list *l);
void list_search_accept(struct list *l);
/* n / N: returns 0 when it moved, 1 when nothing matches, -1 without a search, -2 too
 * expensive. */
int list_search_next(struct list *l, int dir);
/* How many of the rows shown the search matches (*total) and which of them the
 * cursor is on (*index, from 1; 0 when the cursor is not on a match). Returns 0, or
 * -1 without a search, when a pattern limit was hit, when the list is too long to
 * count without a pass over every row (no test_all), or when stop (may be NULL)
 * cut that pass short. */
int list_search_count(struct list *l, uint32_t *index, uint32_t *total, list_stop_fn stop, void *sctx);
void list_clear(struct list *l);

/* Draws the dirty lines (all of them after a scroll) from line y0; returns 1 when
 * something was drawn so the caller knows to wnoutrefresh. */
int list_draw(struct list *l, WINDOW *win, int y0, int w);

/* Helpers for lists whose rows match on their displayed text. */
int list_compile_text(const char *text, struct firm_filter *f, struct match_error *err);
enum match_result list_test_text(struct firm_filter *f, const char *s);

#endif
