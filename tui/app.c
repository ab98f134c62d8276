#include "config.h"
#include "app.h"
#include "cli.h"
#include "tui.h"
#include "draw.h"
#include "export.h"
#include "prompt.h"
#include "save.h"
#include "view_cluster.h"
#include "view_ego.h"
#include "view_time.h"
#include "view_firms.h"
#include "view_help.h"
#include "view_industries.h"
#include "view_pager.h"
#include "view_problems.h"
#include "text.h"
#include "xalloc.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MIN_COLS 40
#define MIN_ROWS 10
#define WIDE_COLS 100

static const struct view_ops *const view_table[VIEW_COUNT] = {
    [VIEW_FIRMS] = &firms_view_ops,
    [VIEW_INDUSTRIES] = &industries_view_ops,
    [VIEW_PROBLEMS] = &problems_view_ops,
    [VIEW_CLUSTER] = &cluster_view_ops,
    [VIEW_EGO] = &ego_view_ops,
    [VIEW_TIME] = &time_view_ops,
    [VIEW_HELP] = &help_view_ops,
    [VIEW_PAGER] = &pager_view_ops,
};

const struct view_ops *app_view_ops(enum view_id v) { return view_table[v]; }
static const struct view_ops *cur_ops(struct app *a) { return view_table[a->view]; }

void app_message(struct app *a, enum style st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_style = st;
    a->msg_dirty = 1;
}

/* ---- loading ---- */

/* Distinct partners within the layer, counted with a stamp array so parallel and
 * multiplex linkages count once: O(n + m), no sorting. */
static void compute_degree(struct app *a)
{
    uint32_t n = a->g.n;
    free(a->degree);
    a->degree = xcalloc(n ? n : 1, sizeof *a->degree);
    uint32_t *stamp = xmalloc((n ? n : 1) * sizeof *stamp);
    memset(stamp, 0xff, (n ? n : 1) * sizeof *stamp);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t d = 0;
        for (uint32_t i = a->g.out_start[v]; i < a->g.out_start[v + 1]; i++)
            if (a->layer.link_on[a->g.out_link[i]] && stamp[a->g.out_nbr[i]] != v)
                stamp[a->g.out_nbr[i]] = v, d++;
        for (uint32_t i = a->g.in_start[v]; i < a->g.in_start[v + 1]; i++)
            if (a->layer.link_on[a->g.in_link[i]] && stamp[a->g.in_nbr[i]] != v)
                stamp[a->g.in_nbr[i]] = v, d++;
        a->degree[v] = d;
    }
    free(stamp);
}

static void cluster_forget(struct app *a)
{
    if (a->cl_ready)
        cluster_free(&a->cl);
    a->cl_ready = 0;
}

/* Above this many linkages the continuous coreness (which no view shows) is cut to a
 * few sweeps and the discrete core/periphery partition left out: each sweep is a
 * pass over the pairs and a star-shaped layer may need hundreds, which would stall
 * the screen for nothing. */
#define CLUSTER_BIG_LAYER 100000

const struct cluster *app_cluster(struct app *a)
{
    if (!a->cl_ready) {
        struct cluster_options o = {.group_field = -1};
        if (a->layer.n_links > CLUSTER_BIG_LAYER)
            o.coreness_max_iter = 3, o.skip_core_partition = 1;
        cluster_compute(&a->cl, &a->ds, &a->g, &a->layer, &o);
        a->cl_spec = a->spec;
        a->cl_ready = 1;
    }
    return &a->cl;
}

static int same_spec(const struct layer_spec *x, const struct layer_spec *y)
{
    return x->types == y->types && x->forms == y->forms && x->scales == y->scales && x->as_of == y->as_of;
}

static void apply_layer(struct app *a)
{
    /* the same layer applied again keeps the measures: they depend on nothing else */
    if (a->cl_ready && !same_spec(&a->cl_spec, &a->spec))
        cluster_forget(a);
    layer_free(&a->layer);
    layer_build(&a->layer, &a->ds, &a->spec);
    compute_degree(a);
}

/* Loads into fresh structures so a failed reload leaves the current data alone. */
static int load_all(struct app *a, struct dataset *ds, struct diag *dg, struct graph *g)
{
    diag_init(dg);
    /* the checks built a graph already: take it rather than build it twice */
    if (load_dataset_graph(ds, dg, g, a->dir, &a->lo) != 0)
        return -1;
    diag_sort(dg);
    return 0;
}

static void reopen_views(struct app *a)
{
    for (int v = 0; v < VIEW_COUNT; v++)
        if (a->view_opened[v])
            view_table[v]->open(a);
    app_touch_all(a);
}

static void reload(struct app *a)
{
    struct dataset ds;
    struct diag dg;
    struct graph g;
    if (load_all(a, &ds, &dg, &g) != 0) {
        struct textbuf tb = {0};
        const char *why = dg.n ? diag_message(&dg, &ds, &dg.v[0], &tb) : "unknown reason";
        app_message(a, ST_ERROR, "reload failed, keeping the loaded data: %s", why);
        textbuf_free(&tb);
        dataset_free(&ds);
        diag_free(&dg);
        return;
    }
    firms_view_save_ids(a);
    cluster_forget(a); /* its node numbering belongs to the old data */
    graph_free(&a->g);
    diag_free(&a->dg);
    dataset_free(&a->ds);
    a->ds = ds;
    a->dg = dg;
    a->g = g;
    /* diag.path points into the dataset's strings; the moved struct still owns them */
    apply_layer(a);
    reopen_views(a);
    firms_view_restore_ids(a);
    app_message(a, ST_NORMAL, "reloaded: %s firms, %s linkages, %s error%s, %s warning%s", draw_num(a->ds.firms.n),
                draw_num(a->ds.links.n), draw_num(a->dg.n_errors), a->dg.n_errors == 1 ? "" : "s",
                draw_num(a->dg.n_warnings), a->dg.n_warnings == 1 ? "" : "s");
}

/* ---- layout and bars ---- */

static void del(WINDOW **w)
{
    if (*w)
        delwin(*w);
    *w = NULL;
}

static void layout(struct app *a)
{
    a->rows = LINES;
    a->cols = COLS;
    a->too_small = a->cols < MIN_COLS || a->rows < MIN_ROWS;
    a->wide = a->cols >= WIDE_COLS;
    del(&a->w_status);
    del(&a->w_hint);
    del(&a->w_msg);
    if (a->too_small)
        return;
    a->w_status = newwin(1, a->cols, 0, 0);
    a->w_hint = newwin(1, a->cols, a->rows - 2, 0);
    a->w_msg = newwin(1, a->cols, a->rows - 1, 0);
    cur_ops(a)->layout(a, 1, 0, a->rows - 3, a->cols);
    app_touch_all(a);
}

void app_touch_all(struct app *a)
{
    a->status_drawn[0] = a->hint_drawn[0] = '\0';
    a->bars_dirty = 1;
    a->msg_dirty = 1;
    struct list *l = a->too_small ? NULL : cur_ops(a)->focus(a);
    if (l)
        list_touch(l);
    a->repaint = 1;
}

void app_show_view(struct app *a, enum view_id v)
{
    if (v == VIEW_HELP && a->view != VIEW_HELP)
        a->before_help = a->view;
    if (v == VIEW_PAGER && a->view != VIEW_PAGER)
        a->before_pager = a->view;
    a->view = v;
    if (!(a->view_opened[v] & 1)) {
        view_table[v]->open(a);
        a->view_opened[v] |= 1;
    }
    if (!a->too_small)
        view_table[v]->layout(a, 1, 0, a->rows - 3, a->cols);
    app_touch_all(a);
}

static void draw_status(struct app *a)
{
    char view[160] = "", layer[160], counts[96] = "";
    cur_ops(a)->status(a, view, sizeof view);
    layer_describe(&a->spec, layer, sizeof layer);
    if (a->dg.n_errors && a->dg.n_warnings)
        snprintf(counts, sizeof counts, " · %s error%s, %s warning%s", draw_num(a->dg.n_errors),
                 a->dg.n_errors == 1 ? "" : "s", draw_num(a->dg.n_warnings), a->dg.n_warnings == 1 ? "" : "s");
    else if (a->dg.n_errors)
        snprintf(counts, sizeof counts, " · %s error%s", draw_num(a->dg.n_errors), a->dg.n_errors == 1 ? "" : "s");
    else if (a->dg.n_warnings)
        snprintf(counts, sizeof counts, " · %s warning%s", draw_num(a->dg.n_warnings),
                 a->dg.n_warnings == 1 ? "" : "s");
    /* where the cursor is in the list that has the focus */
    char pos[64] = "";
    const struct list *fl = cur_ops(a)->focus(a);
    if (fl && fl->n)
        snprintf(pos, sizeof pos, " · row %s/%s", draw_num((uint64_t)fl->cursor + 1), draw_num(fl->n));
    char line[1024];
    snprintf(line, sizeof line, " firmnet · %s%s · %s%s · layer: %s", a->name, counts, view, pos, layer);
    if (a->term.ascii_only) /* a middle dot would come out as '?' */
        for (char *p = line; (p = strstr(p, "\xc2\xb7")) != NULL; p++)
            p[0] = '|', memmove(p + 1, p + 2, strlen(p + 2) + 1);
    if (!strcmp(line, a->status_drawn))
        return;
    snprintf(a->status_drawn, sizeof a->status_drawn, "%s", line);
    draw_text(a->w_status, 0, 0, a->cols, line, draw_attr(ST_TITLE));
    wnoutrefresh(a->w_status);
}

static int offered(struct app *a, enum action act)
{
    const struct view_ops *o = cur_ops(a);
    return !o->offers || o->offers(a, act);
}

static void draw_hint(struct app *a)
{
    /* the actions offered depend on the view and its focus: redraw when they change */
    char sig[ACT_COUNT + 2];
    int n = 0;
    sig[n++] = '+';
    for (int act = 0; act < ACT_COUNT; act++)
        if (keys_hint((enum action)act) && offered(a, (enum action)act))
            sig[n++] = (char)('A' + act % 64);
    sig[n] = '\0';
    if (!strcmp(a->hint_drawn, sig))
        return;
    snprintf(a->hint_drawn, sizeof a->hint_drawn, "%s", sig);
    werase(a->w_hint);
    int x = 0;
    for (int act = 0; act < ACT_COUNT; act++) {
        const char *hint = keys_hint((enum action)act);
        int key = keys_first((enum action)act);
        if (!hint || key < 0 || !offered(a, (enum action)act))
            continue;
        char name[32];
        keys_name(key, name, sizeof name);
        int need = (int)strlen(name) + (int)strlen(hint) + 2;
        if (x + need > a->cols)
            break;
        char label[64];
        snprintf(label, sizeof label, " %s ", hint);
        x += draw_text(a->w_hint, 0, x, (int)strlen(name), name, draw_attr(ST_KEY));
        x += draw_text(a->w_hint, 0, x, (int)strlen(label), label, draw_attr(ST_HINT));
    }
    wnoutrefresh(a->w_hint);
}

static void draw_msg(struct app *a)
{
    if (!a->msg_dirty)
        return;
    a->msg_dirty = 0;
    werase(a->w_msg);
    if (a->prompt != PROMPT_NONE) {
        prompt_draw(a);
    } else if (a->msg[0]) {
        draw_text(a->w_msg, 0, 0, a->cols, a->msg, draw_attr(a->msg_style));
    }
    wnoutrefresh(a->w_msg);
}

static void draw_too_small(struct app *a)
{
    werase(stdscr);
    char need[32];
    snprintf(need, sizeof need, "need %dx%d", MIN_COLS, MIN_ROWS);
    const char *lines[2] = {"terminal too small", need};
    for (int i = 0; i < 2; i++) {
        int w = (int)strlen(lines[i]);
        if (w > COLS)
            w = COLS;
        int y = LINES / 2 - 1 + i;
        if (w > 0 && y >= 0 && y < LINES)
            draw_text(stdscr, y, (COLS - w) / 2, w, lines[i], i ? A_NORMAL : A_BOLD);
    }
    wnoutrefresh(stdscr);
}

/* ---- layer dialog ---- */

enum { DLG_TYPES = 0, DLG_FORMS = LT_COUNT, DLG_SCALES = DLG_FORMS + FORM_COUNT,
       DLG_YEAR = DLG_SCALES + SCALE_COUNT, DLG_ITEMS };

static void dialog_open(struct app *a)
{
    a->dialog_open = 1;
    a->dialog_spec = a->spec;
    a->dialog_cursor = 0;
    if (a->spec.as_of)
        snprintf(a->dialog_year, sizeof a->dialog_year, "%d", a->spec.as_of);
    else
        a->dialog_year[0] = '\0';
}

static void dialog_close(struct app *a)
{
    a->dialog_open = 0;
    del(&a->w_dialog);
    app_touch_all(a);
}

static int dialog_item_on(const struct layer_spec *s, int i)
{
    if (i < DLG_FORMS)
        return s->types >> i & 1u;
    if (i < DLG_SCALES)
        return s->forms >> (i - DLG_FORMS) & 1u;
    return s->scales >> (i - DLG_SCALES) & 1u;
}

static void dialog_toggle(struct layer_spec *s, int i)
{
    if (i < DLG_FORMS)
        s->types ^= 1u << i;
    else if (i < DLG_SCALES)
        s->forms ^= (uint8_t)(1u << (i - DLG_FORMS));
    else if (i < DLG_YEAR)
        s->scales ^= (uint8_t)(1u << (i - DLG_SCALES));
}

static void dialog_draw(struct app *a)
{
    int w = 46, h = DLG_ITEMS + 5;
    if (w > a->cols)
        w = a->cols;
    if (h > a->rows - 2)
        h = a->rows - 2;
    if (!a->w_dialog)
        a->w_dialog = newwin(h, w, (a->rows - h) / 2, (a->cols - w) / 2);
    WINDOW *d = a->w_dialog;
    werase(d);
    draw_box(d, A_NORMAL);
    draw_text(d, 0, 2, w - 4 < 7 ? w - 4 : 7, " Layer ", draw_attr(ST_HEADER));
    int visible = h - 4, top = 0;
    if (a->dialog_cursor >= visible)
        top = a->dialog_cursor - visible + 1;
    for (int k = 0; k < visible && top + k < DLG_ITEMS; k++) {
        int i = top + k;
        const char *group = i == DLG_TYPES ? "Types" : i == DLG_FORMS ? "Form" : i == DLG_SCALES ? "Scale"
                            : i == DLG_YEAR ? "As of" : "";
        char item[80];
        if (i == DLG_YEAR)
            snprintf(item, sizeof item, "[%-4s] year (digits, BS)", a->dialog_year);
        else
            snprintf(item, sizeof item, "[%c] %s", dialog_item_on(&a->dialog_spec, i) ? 'x' : ' ',
                     i < DLG_FORMS ? vocab_type_name((unsigned)i)
                     : i < DLG_SCALES ? vocab_form_name((unsigned)(i - DLG_FORMS))
                                      : vocab_scale_name((unsigned)(i - DLG_SCALES)));
        draw_text(d, 1 + k, 1, 7, group, draw_attr(ST_LABEL));
        draw_text(d, 1 + k, 8, w - 9, item, i == a->dialog_cursor ? draw_attr(ST_CURSOR) : A_NORMAL);
    }
    draw_text(d, h - 3, 1, w - 2, "none ticked = any", draw_attr(ST_DIM));
    draw_text(d, h - 2, 1, w - 2, "Space toggle  Enter apply  c clear  Esc cancel", A_NORMAL);
    touchwin(d);
    wnoutrefresh(d);
}

static void dialog_key(struct app *a, int key)
{
    enum action act = keys_action(key);
    if (key == ' ' || key == 'x') {
        dialog_toggle(&a->dialog_spec, a->dialog_cursor);
    } else if (key >= '0' && key <= '9') {
        size_t n = strlen(a->dialog_year);
        if (n < 4) {
            a->dialog_year[n] = (char)key;
            a->dialog_year[n + 1] = '\0';
        }
    } else if (act == ACT_BACK && key != K_LEFT) {
        size_t n = strlen(a->dialog_year);
        if (n)
            a->dialog_year[n - 1] = '\0';
    } else if (key == 'c') {
        memset(&a->dialog_spec, 0, sizeof a->dialog_spec);
        a->dialog_year[0] = '\0';
    } else if (act == ACT_UP) {
        if (a->dialog_cursor > 0)
            a->dialog_cursor--;
    } else if (act == ACT_DOWN) {
        if (a->dialog_cursor < DLG_ITEMS - 1)
            a->dialog_cursor++;
    } else if (act == ACT_HOME) {
        a->dialog_cursor = 0;
    } else if (act == ACT_END) {
        a->dialog_cursor = DLG_ITEMS - 1;
    } else if (act == ACT_FOLLOW) {
        int year = (int)strtol(a->dialog_year, NULL, 10); /* at most 4 digits: no overflow */
        if (a->dialog_year[0] && (year < 1800 || year > 2100)) {
            app_message(a, ST_ERROR, "as-of year must be between 1800 and 2100");
            return;
        }
        a->dialog_spec.as_of = (int16_t)(a->dialog_year[0] ? year : 0);
        a->spec = a->dialog_spec;
        dialog_close(a);
        apply_layer(a);
        reopen_views(a);
        char desc[160];
        layer_describe(&a->spec, desc, sizeof desc);
        if (a->spec.as_of && a->layer.n_undated) /* kept in every year: said, not counted silently */
            app_message(a, ST_NORMAL, "layer: %s (%s linkages, %u of them undated: no since, kept in every year)",
                        desc, draw_num(a->layer.n_links), a->layer.n_undated);
        else
            app_message(a, ST_NORMAL, "layer: %s (%s linkages)", desc, draw_num(a->layer.n_links));
    } else if (act == ACT_CLEAR || act == ACT_QUIT || act == ACT_LAYER) {
        dialog_close(a);
    }
}

/* ---- waiting keys ---- */

/* When key_waiting last asked the terminal, in microseconds; 0 makes it ask now. */
static long long key_asked_us;

/* Asked between pieces of a long filter or search pass: a key waiting means the user
 * typed on, so the pass for the text before it is abandoned and the newer one runs.
 * The terminal is asked at most every 2 ms (a read for every block of a pass would
 * cost more than the pass), and at once when a pass starts. */
int app_key_waiting(void *ctx)
{
    struct app *a = ctx;
    if (term_quit_signal)
        return 1;
    if (a->script)
        return script_key_waiting(a->script);
    if (a->term.has_held_key)
        return 1;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long us = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    if (key_asked_us && us - key_asked_us < 2000)
        return 0;
    key_asked_us = us;
    return term_key_waiting(&a->term);
}

/* ---- keys ---- */

static void default_action(struct app *a, enum action act)
{
    struct list *l = cur_ops(a)->focus(a);
    long page = l && l->height > 1 ? l->height - 1 : 1;
    switch (act) {
    case ACT_QUIT:
        /* only the home view quits at once: elsewhere q may be meant to close */
        if (a->view == VIEW_FIRMS)
            a->quit = 1;
        else
            prompt_ask(a, CONFIRM_QUIT, "quit firmnet?", NULL);
        break;
    case ACT_HELP: app_show_view(a, VIEW_HELP); break;
    case ACT_VIEW_FIRMS: app_show_view(a, VIEW_FIRMS); break;
    case ACT_VIEW_INDUSTRIES: app_show_view(a, VIEW_INDUSTRIES); break;
    case ACT_VIEW_PROBLEMS: app_show_view(a, VIEW_PROBLEMS); break;
    case ACT_VIEW_CLUSTER: app_show_view(a, VIEW_CLUSTER); break;
    case ACT_VIEW_EGO: ego_view_show(a, FIRM_NONE); break;
    case ACT_EGO: ego_view_show(a, firms_view_current(a)); break;
    case ACT_VIEW_TIME: app_show_view(a, VIEW_TIME); break;
    case ACT_EXPORT: prompt_open(a, PROMPT_EXPORT); break;
    case ACT_JUMP: prompt_open(a, PROMPT_JUMP); break;
    case ACT_LAYER: dialog_open(a); break;
    case ACT_RELOAD: reload(a); break;
    case ACT_REDRAW: clearok(curscr, TRUE); app_touch_all(a); break;
    case ACT_UP: if (l) list_move(l, -1); break;
    case ACT_DOWN: if (l) list_move(l, 1); break;
    case ACT_PAGE_UP: if (l) list_move(l, -page); break;
    case ACT_PAGE_DOWN: if (l) list_move(l, page); break;
    case ACT_HOME: if (l) list_set_cursor(l, 0); break;
    case ACT_END: if (l && l->n) list_set_cursor(l, l->n - 1); break;
    case ACT_SEARCH: prompt_open(a, PROMPT_SEARCH); break;
    case ACT_FILTER: prompt_open(a, PROMPT_FILTER); break;
    case ACT_NEXT_MATCH:
    case ACT_PREV_MATCH:
        if (l) {
            int dir = act == ACT_NEXT_MATCH ? 1 : -1;
            uint32_t from = l->cursor;
            int rc = list_search_next(l, dir);
            if (rc == 0) {
                /* which match of how many, and whether the search went round the end */
                int wrapped = dir > 0 ? l->cursor <= from : l->cursor >= from;
                const char *round = !wrapped ? "" : dir > 0 ? " (wrapped to the top)" : " (wrapped to the bottom)";
                uint32_t index, total;
                if (list_search_count(l, &index, &total, NULL, NULL) == 0 && total)
                    app_message(a, wrapped ? ST_WARNING : ST_NORMAL, "match %s of %s%s", draw_num(index),
                                draw_num(total), round);
                else if (wrapped)
                    app_message(a, ST_WARNING, "search %.*s", (int)strlen(round + 2) - 1, round + 2);
            }
            if (rc == -1)
                app_message(a, ST_WARNING, "no search: press / first");
            else if (rc == 1)
                app_message(a, ST_WARNING, "no match for %s", l->search_text);
            else if (rc == -2)
                app_message(a, ST_ERROR, "pattern too expensive");
        }
        break;
    case ACT_CLEAR:
        if (l) {
            list_clear(l);
            a->bars_dirty = 1;
        }
        break;
    default: break;
    }
}

static void handle_key(struct app *a, int key)
{
    if (key == K_RESIZE) {
        if (a->dialog_open)
            del(&a->w_dialog);
        layout(a);
        return;
    }
    if (a->too_small) {
        if (keys_action(key) == ACT_QUIT)
            a->quit = 1;
        return;
    }
    if (a->prompt != PROMPT_NONE) {
        key_asked_us = 0; /* a search or filter pass may follow: ask at once */
        prompt_key(a, key);
        return;
    }
    if (a->dialog_open) {
        dialog_key(a, key);
        return;
    }
    enum action act = keys_action(key);
    if (act == ACT_NONE)
        return;
    if (a->msg[0]) {
        a->msg[0] = '\0';
        a->msg_dirty = 1;
    }
    a->key = key;
    if (!cur_ops(a)->key(a, act))
        default_action(a, act);
}

static void draw_all(struct app *a)
{
    if (a->too_small) {
        draw_too_small(a);
    } else {
        cur_ops(a)->draw(a);
        a->repaint = 0;
        draw_status(a);
        draw_hint(a);
        draw_msg(a);
        if (a->dialog_open)
            dialog_draw(a);
    }
    doupdate();
}

/* Returns the next key, 0 when a script event was handled in place or a signal is to
 * be acted on, -1 at the end of the script, -2 when the terminal went away. */
static int next_key(struct app *a, int *key)
{
    if (!a->script) {
        switch (term_read_key(&a->term, key)) {
        case TERM_KEY_OK: return 1;
        case TERM_KEY_SIGNAL: return 0; /* run() sees the flag */
        default: return -2;
        }
    }
    const struct script_event *e = script_next(a->script);
    if (!e)
        return -1;
    switch (e->kind) {
    case SCRIPT_KEY: {
        /* the same decoding as term_read_key: a sequence after Esc is dropped */
        int next;
        if (e->key == K_ESC && (next = script_sequence_next(a->script)) >= 0) {
            keys_swallow_sequence(next, script_sequence_next, a->script);
            return 0;
        }
        *key = e->key;
        return 1;
    }
    case SCRIPT_RESIZE: resizeterm(e->rows, e->cols); *key = K_RESIZE; return 1;
    case SCRIPT_DUMP:
        if (term_dump(e->path))
            fprintf(stderr, "firmnet: %s: cannot write the screen dump\n", e->path);
        return 0;
    case SCRIPT_CELLS:
        if (term_dump_cells(e->path))
            fprintf(stderr, "firmnet: %s: cannot write the screen's cells\n", e->path);
        return 0;
    }
    return 0;
}

/* Returns 0, or -1 when the terminal went away. */
static int run(struct app *a)
{
    for (;;) {
        if (term_quit_signal == SIGINT && (a->prompt != PROMPT_NONE || a->dialog_open)) {
            /* Ctrl-C in a prompt or the layer dialog cancels that, as Esc does */
            term_quit_signal = 0;
            if (a->prompt != PROMPT_NONE)
                prompt_cancel(a);
            else
                dialog_close(a);
        }
        if (a->quit || term_quit_signal)
            break;
        if (term_cont_signal) {
            term_cont_signal = 0;
            clearok(curscr, TRUE);
            if (a->rows != LINES || a->cols != COLS)
                layout(a);
            app_touch_all(a);
        }
        draw_all(a);
        if (a->prompt_stale && (a->prompt == PROMPT_SEARCH || a->prompt == PROMPT_FILTER) && !app_key_waiting(a)) {
            /* the key that cut a pass short was not one the prompt takes (a resize,
             * an arrow): the pass for the text as it stands runs now */
            key_asked_us = 0;
            prompt_update(a);
            continue;
        }
        int key, rc = next_key(a, &key);
        if (rc < 0)
            return rc == -2 ? -1 : 0;
        if (rc > 0)
            handle_key(a, key);
    }
    return 0;
}

static char *dataset_name(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t s = n;
    while (s && dir[s - 1] != '/')
        s--;
    return xstrndup(dir + s, n - s);
}

static void app_free(struct app *a)
{
    for (int v = 0; v < VIEW_COUNT; v++)
        view_table[v]->done(a);
    del(&a->w_status);
    del(&a->w_hint);
    del(&a->w_msg);
    del(&a->w_dialog);
    cluster_forget(a);
    layer_free(&a->layer);
    graph_free(&a->g);
    diag_free(&a->dg);
    dataset_free(&a->ds);
    free(a->degree);
    if (a->exported)
        export_library_cleanup();
    free(a->dir);
    free(a->name);
    script_free(a->script);
    prompt_free(a);
    draw_done();
}

/* A bar on stderr while a large dataset loads, before curses takes the screen: the
 * first screen comes as soon as the data is in, and until then the user sees why. */
struct load_bar {
    int shown;
    int percent;
};

static void load_bar_update(void *ctx, uint64_t done, uint64_t total)
{
    struct load_bar *b = ctx;
    if (total < (64u << 20) || done > total)
        return; /* small files load faster than a bar can be read */
    int pc = (int)(done * 100 / total);
    if (b->shown && pc == b->percent)
        return;
    char bar[41];
    int fill = pc * 40 / 100;
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '.', (size_t)(40 - fill));
    bar[40] = '\0';
    fprintf(stderr, "\rfirmnet: loading [%s] %3d%%", bar, pc);
    fflush(stderr);
    b->shown = 1;
    b->percent = pc;
}

static void load_bar_clear(struct load_bar *b)
{
    if (b->shown)
        fprintf(stderr, "\r%70s\r", "");
}

int tui_main(const char *dataset_dir, const struct load_options *lo, const struct layer_spec *layer)
{
    static struct app app; /* static: large, and the signal-free parts of term need a stable address */
    struct app *a = &app;
    memset(a, 0, sizeof *a);
    a->dir = xstrdup(dataset_dir);
    a->name = dataset_name(dataset_dir);
    if (lo)
        a->lo = *lo;
    if (layer)
        a->spec = *layer;
    const char *script_path = getenv("FIRMNET_TUI_SCRIPT");
    if (script_path && *script_path && !(a->script = script_load(script_path))) {
        app_free(a);
        return 2;
    }
    struct load_bar bar = {0, 0};
    if (!a->script && !a->lo.progress && isatty(STDERR_FILENO)) {
        a->lo.progress = load_bar_update;
        a->lo.progress_ctx = &bar;
    }
    int loaded = load_all(a, &a->ds, &a->dg, &a->g);
    load_bar_clear(&bar);
    if (a->lo.progress == load_bar_update) {
        /* a reload (R) runs under curses, where stderr must stay quiet */
        a->lo.progress = NULL;
        a->lo.progress_ctx = NULL;
    }
    if (a->lo.cache)
        a->lo.cache |= LOAD_CACHE_QUIET; /* and so must the cache's notes */
    if (loaded != 0) {
        /* the same lines as firmnet check and the batch commands print */
        cli_print_findings(&a->dg, &a->ds, stderr, 1);
        fprintf(stderr, "firmnet: cannot load the dataset %s\n", dataset_dir);
        app_free(a);
        return 2;
    }
    apply_layer(a);
    if (term_open(&a->term, a->script != NULL) != 0) {
        app_free(a);
        return 2;
    }
    draw_init(&a->term);
    a->view = VIEW_FIRMS;
    firms_view_ops.open(a);
    a->view_opened[VIEW_FIRMS] = 1;
    layout(a);
    int lost = run(a);
    int sig = term_quit_signal;
    app_free(a);
    term_close(&a->term);
    if (lost && !sig) {
        /* most likely nobody sees this, but a log of the session might */
        fprintf(stderr, "firmnet: the terminal went away\n");
        return 2;
    }
    if (sig) {
        /* die of the same signal now that the terminal is sane, so the parent sees it */
        signal(sig, SIG_DFL);
        raise(sig);
        return 128 + sig;
    }
    return 0;
}
