#include "config.h"
#include "prompt.h"
#include "draw.h"
#include "save.h"
#include "view_firms.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static struct list *focus_list(struct app *a) { return app_view_ops(a->view)->focus(a); }

static void start(struct app *a, enum prompt_kind kind, const char *text)
{
    a->prompt = kind;
    a->prompt_stale = 0;
    a->prompt_err[0] = '\0';
    a->prompt_note[0] = '\0';
    lineedit_set(&a->edit, text);
    history_reset(&a->hist[kind]);
    a->msg[0] = '\0';
    a->msg_dirty = 1;
}

/* The firm whose id is text: exactly, else ignoring case; FIRM_NONE when none. */
static uint32_t find_id(const struct dataset *ds, const char *text)
{
    size_t n = strlen(text);
    while (n && text[n - 1] == ' ')
        n--;
    while (n && *text == ' ')
        text++, n--;
    if (!n)
        return FIRM_NONE;
    uint32_t v = dataset_find_firm(ds, text, n);
    if (v != FIRM_NONE)
        return v;
    for (uint32_t i = 0; i < ds->firms.n; i++) {
        const char *id = dataset_firm_id(ds, i);
        if (strlen(id) == n && !strncasecmp(id, text, n))
            return i;
    }
    return FIRM_NONE;
}

void prompt_open(struct app *a, enum prompt_kind kind)
{
    if (kind == PROMPT_SEARCH || kind == PROMPT_FILTER) {
        struct list *l = focus_list(a);
        if (!l)
            return;
        a->prompt_list = l;
        /* the filter in force comes back to be edited: & then Ctrl-U is a new one */
        start(a, kind, kind == PROMPT_FILTER && l->filter_text ? l->filter_text : "");
        if (kind == PROMPT_SEARCH)
            list_search_begin(l);
        return;
    }
    a->prompt_list = NULL;
    start(a, kind, "");
    if (kind == PROMPT_EXPORT)
        save_describe_target(a->edit.buf, a->prompt_note, sizeof a->prompt_note);
    else if (kind == PROMPT_JUMP)
        snprintf(a->prompt_note, sizeof a->prompt_note, "a firm's id");
}

void prompt_ask(struct app *a, enum confirm_kind what, const char *question, const char *arg)
{
    char *copy = arg ? xstrdup(arg) : NULL; /* arg may be the text start() clears */
    a->prompt_list = NULL;
    start(a, PROMPT_CONFIRM, "");
    a->confirm = what;
    snprintf(a->confirm_question, sizeof a->confirm_question, "%s (y/n) ", question);
    free(a->confirm_arg);
    a->confirm_arg = copy;
}

static void prompt_error(struct app *a, const struct match_error *err, int rc)
{
    if (rc == -2)
        snprintf(a->prompt_err, sizeof a->prompt_err, "%s", err->message);
    else
        snprintf(a->prompt_err, sizeof a->prompt_err, "%s at offset %zu", err->message, err->offset);
}

/* "3 of 60" for the search's matches, into buf; "" when they cannot be counted (or
 * a key came while counting: typing never waits for the count). */
static void match_position(struct app *a, struct list *l, char *buf, size_t bufsz)
{
    uint32_t index, total;
    buf[0] = '\0';
    if (list_search_count(l, &index, &total, app_key_waiting, a) == 0 && total)
        snprintf(buf, bufsz, "%s of %s", draw_num(index), draw_num(total));
}

void prompt_update(struct app *a)
{
    a->prompt_err[0] = '\0';
    a->prompt_note[0] = '\0';
    a->msg_dirty = 1;
    struct match_error err;
    memset(&err, 0, sizeof err);
    if (a->prompt == PROMPT_EXPORT) {
        save_describe_target(a->edit.buf, a->prompt_note, sizeof a->prompt_note);
    } else if (a->prompt == PROMPT_JUMP) {
        uint32_t v = find_id(&a->ds, a->edit.buf);
        if (v != FIRM_NONE)
            snprintf(a->prompt_note, sizeof a->prompt_note, "%s", draw_firm_name(&a->ds, v));
        else if (a->edit.len)
            snprintf(a->prompt_note, sizeof a->prompt_note, "no such id");
    } else if (a->prompt == PROMPT_SEARCH) {
        int rc = list_search_update_stop(a->prompt_list, a->edit.buf, &err, app_key_waiting, a);
        a->prompt_stale = rc == 2;
        if (rc < 0)
            prompt_error(a, &err, rc);
        else if (rc == 1)
            snprintf(a->prompt_err, sizeof a->prompt_err, "no match");
        else if (rc == 0 && a->edit.len && !app_key_waiting(a))
            match_position(a, a->prompt_list, a->prompt_note, sizeof a->prompt_note);
    } else if (a->prompt == PROMPT_FILTER) {
        /* the filter runs as it is typed; Enter keeps it, Esc goes back */
        int rc = list_filter_live(a->prompt_list, a->edit.buf, &err, app_key_waiting, a);
        a->prompt_stale = rc == 1;
        if (rc < 0)
            prompt_error(a, &err, rc);
        a->bars_dirty = 1;
    }
}

static void close_prompt(struct app *a)
{
    history_reset(&a->hist[a->prompt]);
    a->prompt = PROMPT_NONE;
    a->msg_dirty = 1;
    a->bars_dirty = 1;
}

void prompt_cancel(struct app *a)
{
    if (a->prompt == PROMPT_SEARCH)
        list_search_cancel(a->prompt_list);
    else if (a->prompt == PROMPT_FILTER)
        list_filter_live_cancel(a->prompt_list);
    close_prompt(a);
}

static void export_run(struct app *a, int overwrite)
{
    /* a target that cannot be parsed stays in the prompt to be fixed; a failed write
     * closes it and says why in the message line */
    int rc = save_run(a, a->edit.buf, overwrite, a->prompt_err, sizeof a->prompt_err);
    if (rc < 0) {
        a->msg_dirty = 1;
        return;
    }
    history_add(&a->hist[PROMPT_EXPORT], a->edit.buf);
    close_prompt(a);
    if (rc == 1) {
        char q[300];
        snprintf(q, sizeof q, "%.240s exists: overwrite it?", a->prompt_err);
        a->prompt_err[0] = '\0';
        prompt_ask(a, CONFIRM_OVERWRITE, q, a->edit.buf);
    }
}

static void confirm_key(struct app *a, int key)
{
    enum confirm_kind what = a->confirm;
    close_prompt(a);
    if (key != 'y' && key != 'Y') {
        if (what == CONFIRM_OVERWRITE)
            app_message(a, ST_NORMAL, "not written");
        return;
    }
    if (what == CONFIRM_QUIT) {
        a->quit = 1;
    } else if (what == CONFIRM_OVERWRITE && a->confirm_arg) {
        lineedit_set(&a->edit, a->confirm_arg);
        a->prompt = PROMPT_EXPORT; /* stays open only if the target no longer parses */
        export_run(a, 1);
    }
}

static void accept(struct app *a)
{
    struct list *l = a->prompt_list;
    struct match_error err;
    memset(&err, 0, sizeof err);
    switch (a->prompt) {
    case PROMPT_EXPORT:
        export_run(a, 0);
        return;
    case PROMPT_JUMP: {
        uint32_t v = find_id(&a->ds, a->edit.buf);
        if (v == FIRM_NONE) {
            snprintf(a->prompt_err, sizeof a->prompt_err, "no firm has the id %.200s", a->edit.buf);
            a->msg_dirty = 1;
            return;
        }
        history_add(&a->hist[PROMPT_JUMP], a->edit.buf);
        close_prompt(a);
        firms_view_jump(a, v);
        return;
    }
    case PROMPT_SEARCH:
        if (a->prompt_stale) {
            /* the key that cut the search short is this one: finish it */
            a->prompt_stale = 0;
            int rc = list_search_update(l, a->edit.buf, &err);
            if (rc < 0)
                prompt_error(a, &err, rc);
            else if (rc == 1)
                snprintf(a->prompt_err, sizeof a->prompt_err, "no match");
        }
        if (a->prompt_err[0] && strcmp(a->prompt_err, "no match")) {
            a->msg_dirty = 1;
            return; /* the bad pattern stays in the prompt to be fixed */
        }
        list_search_accept(l);
        history_add(&a->hist[PROMPT_SEARCH], a->edit.buf);
        close_prompt(a);
        if (l->search_text && a->prompt_err[0]) {
            app_message(a, ST_WARNING, "no match for %s", l->search_text);
        } else if (l->search_text) {
            char pos[64];
            match_position(a, l, pos, sizeof pos);
            if (pos[0])
                app_message(a, ST_NORMAL, "match %s", pos);
        }
        return;
    case PROMPT_FILTER: {
        int rc = list_filter(l, a->edit.buf, &err);
        if (rc < 0) {
            prompt_error(a, &err, rc);
            a->msg_dirty = 1;
            return;
        }
        history_add(&a->hist[PROMPT_FILTER], a->edit.buf);
        close_prompt(a);
        if (a->edit.len)
            app_message(a, ST_NORMAL, "%s of %s rows match", draw_num(l->n), draw_num(l->n_all));
        return;
    }
    default:
        close_prompt(a);
        return;
    }
}

void prompt_key(struct app *a, int key)
{
    if (a->prompt == PROMPT_CONFIRM) {
        confirm_key(a, key);
        return;
    }
    enum action act = keys_prompt_action(key);
    if (act == ACT_EDIT_CANCEL || (act == ACT_EDIT_BACKSPACE && !a->edit.len)) {
        prompt_cancel(a);
        return;
    }
    if (act == ACT_EDIT_ACCEPT) {
        accept(a);
        return;
    }
    switch (lineedit_key(&a->edit, &a->hist[a->prompt], key)) {
    case LINEEDIT_CHANGED: prompt_update(a); break;
    case LINEEDIT_MOVED: a->msg_dirty = 1; break;
    case LINEEDIT_IGNORED: break;
    }
}

/* Display columns of s[from..to). */
static int width_of(const char *s, size_t from, size_t to)
{
    char piece[LINEEDIT_MAX + 1];
    snprintf(piece, sizeof piece, "%.*s", (int)(to - from), s + from);
    return draw_width(piece);
}

void prompt_draw(struct app *a)
{
    static const char *const leads[PROMPT_KIND_COUNT] = {
        [PROMPT_SEARCH] = "/", [PROMPT_FILTER] = "&", [PROMPT_EXPORT] = "export to: ",
        [PROMPT_JUMP] = "firm id: ",
    };
    WINDOW *w = a->w_msg;
    const char *lead = a->prompt == PROMPT_CONFIRM ? a->confirm_question : leads[a->prompt] ? leads[a->prompt] : "";
    int lw = draw_width(lead);
    if (lw > a->cols - 2)
        lw = a->cols - 2;
    draw_text(w, 0, 0, lw, lead, draw_attr(a->prompt == PROMPT_CONFIRM ? ST_WARNING : ST_LABEL));
    const struct lineedit *e = &a->edit;
    int room = a->cols - lw - 1;
    int tw = width_of(e->buf, 0, e->len);
    /* an error keeps half the line; a hint only what the text leaves */
    const char *side = a->prompt_err[0] ? a->prompt_err : a->prompt_note;
    int errw = side[0] ? draw_width(side) + 2 : 0;
    int cap = a->prompt_err[0] ? room / 2 : room - tw - 1;
    if (errw > cap)
        errw = cap > 0 ? cap : 0;
    int avail = room - errw;
    if (avail < 1)
        avail = 1;
    /* scroll a long text so that the cursor stays in sight */
    size_t from = 0;
    while (from < e->pos && width_of(e->buf, from, e->pos) > avail - 1) {
        do
            from++;
        while (from < e->pos && ((unsigned char)e->buf[from] & 0xc0) == 0x80);
    }
    draw_textn(w, 0, lw, avail, e->buf + from, e->len - from, A_NORMAL);
    /* the cursor: the character under it (a blank at the end) in reverse video */
    size_t end = e->pos;
    if (end < e->len)
        do
            end++;
        while (end < e->len && ((unsigned char)e->buf[end] & 0xc0) == 0x80);
    int cx = lw + width_of(e->buf, from, e->pos);
    int cw = end > e->pos ? width_of(e->buf, e->pos, end) : 1;
    if (cw < 1)
        cw = 1;
    if (cx + cw <= a->cols)
        draw_textn(w, 0, cx, cw, end > e->pos ? e->buf + e->pos : " ", end > e->pos ? end - e->pos : 1, A_REVERSE);
    if (errw)
        draw_text(w, 0, a->cols - errw, errw, side, draw_attr(a->prompt_err[0] ? ST_ERROR : ST_DIM));
}

void prompt_free(struct app *a)
{
    for (int k = 0; k < PROMPT_KIND_COUNT; k++)
        history_free(&a->hist[k]);
    free(a->confirm_arg);
    a->confirm_arg = NULL;
}
