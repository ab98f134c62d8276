#include "config.h"
#include "view_time.h"
#include "chart.h"
#include "draw.h"
#include "work.h"
#include "timeline.h"
#include "xalloc.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct time_state {
    struct timeline tl;      /* owned when ready */
    struct layer L;          /* the layer without its as-of year; owned when ready */
    int ready, stale;
    /* the timeline asked of the worker: the newest request's number */
    unsigned seq;
    int pending, stopped;   /* stopped: Esc stopped it; not asked again until Enter or a change */
    uint32_t cursor;         /* year index */
    uint32_t mark;           /* year index compared with the cursor, UINT32_MAX none */
    struct timeline_delta delta;
    uint32_t delta_a, delta_b; /* the years delta is for */
    /* the comparison asked of the worker (a large dataset): its number and years */
    unsigned cmp_seq;
    int cmp_pending, cmp_stopped; /* cmp_stopped: Esc stopped it; not asked again until a move */
    uint32_t cmp_a, cmp_b;
    uint32_t top;            /* first industry row shown */
    WINDOW *win;             /* owned */
    int h, w;
};

static struct time_state tv = {.mark = UINT32_MAX};

/* The series of the whole cluster, each a field of struct timeline_year. */
static const struct series {
    const char *name;
    size_t off;
    enum style st;
} series[] = {
    {"ties in force", offsetof(struct timeline_year, dated), ST_NORMAL},
    {"  local", offsetof(struct timeline_year, by_scale) + SCALE_LOCAL * sizeof(uint32_t), ST_SCALE_L},
    {"  national", offsetof(struct timeline_year, by_scale) + SCALE_NATIONAL * sizeof(uint32_t), ST_SCALE_N},
    {"  global", offsetof(struct timeline_year, by_scale) + SCALE_GLOBAL * sizeof(uint32_t), ST_SCALE_G},
    {"  material", offsetof(struct timeline_year, by_form) + FORM_MATERIAL * sizeof(uint32_t), ST_NORMAL},
    {"  non-material", offsetof(struct timeline_year, by_form) + FORM_NONMATERIAL * sizeof(uint32_t), ST_NORMAL},
    {"undated", offsetof(struct timeline_year, undated), ST_DIM},
    {"births", offsetof(struct timeline_year, births), ST_NORMAL},
    {"ends", offsetof(struct timeline_year, ends), ST_NORMAL},
    {"firms founded", offsetof(struct timeline_year, founded), ST_NORMAL},
};
#define NSERIES (sizeof series / sizeof *series)
#define LABEL_W 14
#define VALUE_W 7

static uint32_t field(const struct timeline_year *y, size_t off)
{
    uint32_t v;
    memcpy(&v, (const char *)y + off, sizeof v);
    return v;
}

/* Below this many firms and linkages the timeline is built at once, on the input
 * loop; above, on the worker (two passes over the linkages: at ten million a good
 * part of a second). */
#define TIME_INLINE_ITEMS 200000u

struct time_job {
    struct app *a;
    unsigned seq;
    struct layer L;
    struct timeline tl;
};

/* Reads the dataset only (its own layer): a reload cancels it first. */
static int time_run(struct work_job *j)
{
    struct time_job *tj = j->arg;
    const struct dataset *ds = &tj->a->ds;
    struct layer_spec spec = tj->a->spec;
    spec.as_of = 0; /* the view is every year; the layer's year becomes the cursor */
    if (layer_build_p(&tj->L, ds, &spec, &j->prog, 0, 0) != 0)
        return -1;
    if (timeline_build_p(&tj->tl, ds, &tj->L, &j->prog) != 0) {
        layer_free(&tj->L);
        return -1;
    }
    return 0;
}

/* The timeline (with its layer) becomes the view's; the cursor goes to the layer's
 * as-of year, else stays, else the last year. */
static void time_take(struct app *a, struct timeline *tl, struct layer *L)
{
    tv.tl = *tl;
    tv.L = *L;
    tv.ready = 1;
    tv.stale = 0;
    tv.delta_a = tv.delta_b = UINT32_MAX;
    tv.cmp_pending = tv.cmp_stopped = 0;
    if (tv.tl.n_years == 0) {
        tv.cursor = 0;
        tv.mark = UINT32_MAX;
        return;
    }
    if (a->spec.as_of >= tv.tl.year0 && a->spec.as_of < tv.tl.year0 + (int)tv.tl.n_years)
        tv.cursor = (uint32_t)(a->spec.as_of - tv.tl.year0);
    else if (tv.cursor >= tv.tl.n_years || !tv.cursor)
        tv.cursor = tv.tl.n_years - 1;
    if (tv.mark != UINT32_MAX && tv.mark >= tv.tl.n_years)
        tv.mark = UINT32_MAX;
}

static void time_finish(struct work_job *j, int cancelled)
{
    struct time_job *tj = j->arg;
    struct app *a = tj->a;
    if (tj->seq == tv.seq) {
        tv.pending = 0;
        tv.stopped = cancelled;
        if (!cancelled)
            time_take(a, &tj->tl, &tj->L);
        app_touch_all(a);
    } else if (!cancelled) {
        timeline_free(&tj->tl);
        layer_free(&tj->L);
    }
    free(tj);
}

static void time_sync(struct app *a)
{
    if ((tv.ready && !tv.stale) || tv.pending || (tv.stopped && !tv.stale))
        return;
    if (tv.ready) {
        work_cancel_kind(JOB_COMPARE); /* it reads tv.L */
        timeline_free(&tv.tl);
        layer_free(&tv.L);
        tv.ready = 0;
    }
    tv.seq++;
    tv.stopped = 0;
    tv.stale = 0;
    struct time_job *tj = xcalloc(1, sizeof *tj);
    tj->a = a;
    tj->seq = tv.seq;
    uint64_t items = (uint64_t)a->ds.firms.n + a->ds.links.n;
    if (work_test_delay() <= 0 && items <= TIME_INLINE_ITEMS) {
        struct work_job j = {.arg = tj};
        progress_init(&j.prog);
        time_run(&j);
        time_take(a, &tj->tl, &tj->L);
        free(tj);
        return;
    }
    struct work_job *j = work_job_new(JOB_TIMELINE, "computing the timeline");
    j->run = time_run;
    j->finish = time_finish;
    j->arg = tj;
    tv.pending = 1;
    work_post(j);
}

/* The years the sparklines show: all of them, or a window around the cursor. */
static void window(int width, uint32_t *first, uint32_t *count)
{
    uint32_t n = tv.tl.n_years, cells = width > 0 ? (uint32_t)width : 1;
    if (n <= cells) {
        *first = 0;
        *count = n;
        return;
    }
    uint32_t half = cells / 2, start = tv.cursor > half ? tv.cursor - half : 0;
    if (start + cells > n)
        start = n - cells;
    *first = start;
    *count = cells;
}

/* A sparkline of values[first .. first+count) at (y, x), the cursor's cell reversed
 * and the marked year's underlined. */
static void spark(int y, int x, const uint32_t *v, size_t stride, uint32_t first, uint32_t count, uint32_t max,
                  enum style st)
{
    int ascii = draw_ascii_only();
    char *line = xmalloc(CHART_BYTES(1));
    for (uint32_t i = 0; i < count; i++) {
        uint32_t yi = first + i;
        chart_sparkline(line, v + (size_t)yi * stride, 1, stride, max ? max : 1, ascii);
        attr_t at = draw_attr(st);
        if (yi == tv.cursor)
            at = draw_merge(at, A_REVERSE);
        else if (yi == tv.mark)
            at = draw_merge(at, A_UNDERLINE);
        if (line[0] == ' ' && (yi == tv.cursor || yi == tv.mark))
            line[1] = '\0';
        wattrset(tv.win, (int)at);
        mvwaddstr(tv.win, y, x + (int)i, line);
    }
    wattrset(tv.win, A_NORMAL);
    free(line);
}

static void draw_header(struct app *a)
{
    char buf[512];
    const struct timeline *tl = &tv.tl;
    int y0 = tl->year0, y1 = tl->year0 + (int)tl->n_years - 1;
    int k = snprintf(buf, sizeof buf, "Through time · %d..%d · %u undated tie%s (no since) counted apart", y0, y1,
                     tl->undated_ties, tl->undated_ties == 1 ? "" : "s");
    if (a->spec.as_of && k > 0 && (size_t)k < sizeof buf)
        snprintf(buf + k, sizeof buf - (size_t)k, " · the layer's as-of year is the cursor");
    if (draw_ascii_only())
        for (char *p = buf; (p = strstr(p, "\xc2\xb7")) != NULL; p++)
            p[0] = '|', memmove(p + 1, p + 2, strlen(p + 2) + 1);
    draw_text(tv.win, 0, 0, tv.w, buf, draw_attr(ST_HEADER));
}

/* The comparison of two years is one pass over the linkages: at ten million a tenth
 * of a second or more, so above TIME_INLINE_ITEMS linkages it runs on the worker and
 * the line says so until it is in. */
struct compare_job {
    struct app *a;
    unsigned seq;
    uint32_t ya, yb;  /* year indexes */
    int16_t year0;
    struct timeline_delta d;
};

/* Reads the dataset and tv.L, which stay until the job ends: a reload cancels every
 * job first, and a new timeline cancels this kind before it frees tv.L. */
static int compare_run(struct work_job *j)
{
    struct compare_job *cj = j->arg;
    return timeline_delta_p(&cj->d, &cj->a->ds, &tv.L, cj->year0 + (int)cj->ya, cj->year0 + (int)cj->yb, &j->prog);
}

static void compare_finish(struct work_job *j, int cancelled)
{
    struct compare_job *cj = j->arg;
    if (cj->seq == tv.cmp_seq) {
        tv.cmp_pending = 0;
        tv.cmp_stopped = cancelled;
        if (!cancelled && tv.ready) {
            tv.delta = cj->d;
            tv.delta_a = cj->ya;
            tv.delta_b = cj->yb;
        }
        app_touch_all(cj->a);
    }
    free(cj);
}

/* Whether the comparison of year indexes ya < yb is at hand: computed here on a small
 * dataset, else asked of the worker once (a newer pair supersedes the older). */
static int compare_ready(struct app *a, uint32_t ya, uint32_t yb)
{
    if (tv.delta_a == ya && tv.delta_b == yb)
        return 1;
    if (tv.cmp_a == ya && tv.cmp_b == yb && (tv.cmp_pending || tv.cmp_stopped))
        return 0;
    int year_a = tv.tl.year0 + (int)ya, year_b = tv.tl.year0 + (int)yb;
    if (work_test_delay() <= 0 && a->ds.links.n <= TIME_INLINE_ITEMS && !work_active(JOB_COMPARE)) {
        timeline_delta(&tv.delta, &a->ds, &tv.L, year_a, year_b);
        tv.delta_a = ya;
        tv.delta_b = yb;
        return 1;
    }
    struct compare_job *cj = xcalloc(1, sizeof *cj);
    cj->a = a;
    cj->seq = ++tv.cmp_seq;
    cj->ya = ya;
    cj->yb = yb;
    cj->year0 = tv.tl.year0;
    tv.cmp_a = ya;
    tv.cmp_b = yb;
    tv.cmp_pending = 1;
    tv.cmp_stopped = 0;
    struct work_job *j = work_job_new(JOB_COMPARE, "comparing the two years");
    j->run = compare_run;
    j->finish = compare_finish;
    j->arg = cj;
    work_post(j); /* supersedes the pair asked before */
    return tv.delta_a == ya && tv.delta_b == yb; /* without a worker thread it ran in place */
}

static void draw_cursor_line(struct app *a, int y)
{
    char buf[512];
    const struct timeline_year *c = &tv.tl.whole[tv.cursor];
    int year = tv.tl.year0 + (int)tv.cursor;
    if (tv.mark == UINT32_MAX || tv.mark == tv.cursor) {
        snprintf(buf, sizeof buf, "%d: %u ties (%u local, %u national, %u global) + %u undated; Enter marks the year"
                 " to compare with", year, c->dated, c->by_scale[SCALE_LOCAL], c->by_scale[SCALE_NATIONAL],
                 c->by_scale[SCALE_GLOBAL], c->undated);
    } else {
        uint32_t ya = tv.mark < tv.cursor ? tv.mark : tv.cursor, yb = tv.mark < tv.cursor ? tv.cursor : tv.mark;
        int year_a = tv.tl.year0 + (int)ya, year_b = tv.tl.year0 + (int)yb;
        if (!compare_ready(a, ya, yb)) {
            char job[128] = "stopped (move the cursor to compare again)";
            if (tv.cmp_pending && !app_job_text(JOB_COMPARE, job, sizeof job, NULL))
                snprintf(job, sizeof job, "comparing the two years");
            snprintf(buf, sizeof buf, "%d -> %d: %s", year_a, year_b, job);
            draw_text(tv.win, y, 0, tv.w, buf, draw_attr(ST_DIM));
            return;
        }
        const struct timeline_delta *d = &tv.delta;
        snprintf(buf, sizeof buf, "%d -> %d: local +%u -%u, national +%u -%u, global +%u -%u ties", year_a, year_b,
                 d->gained[SCALE_LOCAL], d->lost[SCALE_LOCAL], d->gained[SCALE_NATIONAL], d->lost[SCALE_NATIONAL],
                 d->gained[SCALE_GLOBAL], d->lost[SCALE_GLOBAL]);
    }
    draw_text(tv.win, y, 0, tv.w, buf, draw_attr(ST_LABEL));
}

static void time_draw(struct app *a)
{
    if (!tv.win)
        return;
    time_sync(a);
    if (!a->repaint)
        return;
    werase(tv.win);
    const struct timeline *tl = &tv.tl;
    if (!tv.ready) {
        char job[128] = "stopped: press Enter to compute the timeline again";
        if (tv.pending && !app_job_text(JOB_TIMELINE, job, sizeof job, NULL))
            snprintf(job, sizeof job, "computing the timeline");
        draw_text(tv.win, 0, 0, tv.w, "Through time", draw_attr(ST_HEADER));
        draw_text(tv.win, 2, 1, tv.w - 1, job, draw_attr(ST_DIM));
        wnoutrefresh(tv.win);
        return;
    }
    if (!tl->n_years) {
        draw_text(tv.win, 0, 0, tv.w, "Through time", draw_attr(ST_HEADER));
        draw_text(tv.win, 2, 1, tv.w - 1, "no since, until or founded year in this layer", draw_attr(ST_DIM));
        wnoutrefresh(tv.win);
        return;
    }
    draw_header(a);
    int sw = tv.w - LABEL_W - VALUE_W - 1;
    uint32_t first, count;
    window(sw, &first, &count);
    char num[32];
    int y = 1;
    /* the years under the sparklines: first, cursor, last */
    {
        char yl[64];
        snprintf(yl, sizeof yl, "from %d", tl->year0 + (int)first);
        draw_text(tv.win, y, 0, LABEL_W, yl, draw_attr(ST_DIM));
        snprintf(yl, sizeof yl, "%d", tl->year0 + (int)tv.cursor);
        draw_text_right(tv.win, y, tv.w - VALUE_W, VALUE_W, yl, draw_attr(ST_HEADER));
        /* the cursor's column, marked in the dump as on the screen */
        draw_text(tv.win, y, LABEL_W + (int)(tv.cursor - first), 1, draw_ascii_only() ? "v" : "\u25bc",
                  draw_attr(ST_HEADER));
        if (tv.mark != UINT32_MAX && tv.mark >= first && tv.mark < first + count && tv.mark != tv.cursor)
            draw_text(tv.win, y, LABEL_W + (int)(tv.mark - first), 1, "|", draw_attr(ST_HEADER));
        y++;
    }
    /* the cluster's opening: national and global ties as a share of the dated ties */
    if (y < tv.h - 2) {
        uint32_t *share = xmalloc(tl->n_years * sizeof *share);
        for (uint32_t i = 0; i < tl->n_years; i++) {
            const struct timeline_year *yr = &tl->whole[i];
            uint32_t pipes = yr->by_scale[SCALE_NATIONAL] + yr->by_scale[SCALE_GLOBAL];
            share[i] = yr->dated ? (uint32_t)((uint64_t)pipes * 1000 / yr->dated) : 0;
        }
        draw_text(tv.win, y, 0, LABEL_W, "pipeline share", draw_attr(ST_LABEL));
        spark(y, LABEL_W, share, 1, first, count, 1000, ST_LABEL);
        snprintf(num, sizeof num, "%u.%u%%", share[tv.cursor] / 10, share[tv.cursor] % 10);
        draw_text_right(tv.win, y, tv.w - VALUE_W, VALUE_W, num, A_NORMAL);
        free(share);
        y++;
    }
    for (size_t k = 0; k < NSERIES && y < tv.h - 2; k++, y++) {
        uint32_t max = 0;
        const uint32_t *base = (const uint32_t *)(const void *)((const char *)tl->whole + series[k].off);
        size_t stride = sizeof(struct timeline_year) / sizeof(uint32_t);
        for (uint32_t i = 0; i < tl->n_years; i++)
            if (base[(size_t)i * stride] > max)
                max = base[(size_t)i * stride];
        draw_text(tv.win, y, 0, LABEL_W, series[k].name, draw_attr(series[k].st));
        spark(y, LABEL_W, base, stride, first, count, max, series[k].st);
        snprintf(num, sizeof num, "%u", field(&tl->whole[tv.cursor], series[k].off));
        draw_text_right(tv.win, y, tv.w - VALUE_W, VALUE_W, num, A_NORMAL);
    }
    draw_cursor_line(a, y++);
    if (y < tv.h) {
        draw_text(tv.win, y, 0, tv.w, "per industry: ties in force (dated, either end in the industry)",
                  draw_attr(ST_HEADER));
        y++;
    }
    uint32_t rows = tv.h > y ? (uint32_t)(tv.h - y) : 0;
    if (tv.top + rows > tl->n_industries)
        tv.top = tl->n_industries > rows ? tl->n_industries - rows : 0;
    size_t stride = sizeof(struct timeline_year) / sizeof(uint32_t);
    /* a bar beside each industry's sparkline: its ties in the cursor's year against
     * the largest industry's then, where the window leaves room for one */
    uint32_t top_now = 0;
    for (uint32_t k = 0; k < tl->n_industries; k++)
        if (timeline_at(tl, k, tv.cursor)->dated > top_now)
            top_now = timeline_at(tl, k, tv.cursor)->dated;
    int bar_x = LABEL_W + (int)count + 1, bar_w = tv.w - VALUE_W - bar_x - 1;
    if (bar_w > 12)
        bar_w = 12;
    for (uint32_t r = 0; r < rows && tv.top + r < tl->n_industries; r++, y++) {
        uint32_t k = tv.top + r;
        const struct timeline_year *row = timeline_at(tl, k, 0);
        const uint32_t *base = &row->dated;
        uint32_t max = 0;
        for (uint32_t i = 0; i < tl->n_years; i++)
            if (base[(size_t)i * stride] > max)
                max = base[(size_t)i * stride];
        draw_text(tv.win, y, 0, LABEL_W - 1, dataset_str(&a->ds, a->ds.industry_name[k]), A_NORMAL);
        spark(y, LABEL_W, base, stride, first, count, max, ST_NORMAL);
        if (bar_w >= 4) {
            char bar[CHART_BYTES(12)];
            chart_bar(bar, row[tv.cursor].dated, top_now, (unsigned)bar_w, draw_ascii_only());
            wattrset(tv.win, (int)draw_attr(ST_BAR));
            mvwaddstr(tv.win, y, bar_x, bar);
            wattrset(tv.win, A_NORMAL);
        }
        snprintf(num, sizeof num, "%u", row[tv.cursor].dated);
        draw_text_right(tv.win, y, tv.w - VALUE_W, VALUE_W, num, A_NORMAL);
    }
    wnoutrefresh(tv.win);
}

static int time_key(struct app *a, enum action act)
{
    time_sync(a);
    if (!tv.ready) {
        if (act != ACT_FOLLOW || !tv.stopped)
            return 0;
        tv.stale = 1; /* Enter after Esc: again */
        time_sync(a);
        app_touch_all(a);
        return 1;
    }
    uint32_t n = tv.tl.n_years;
    if (!n)
        return 0;
    switch (act) {
    case ACT_BACK:
        if (a->key == K_LEFT || a->key == K_BACKSPACE || a->key == 127 || a->key == K_CTRL('H')) {
            if (tv.cursor > 0)
                tv.cursor--;
            break;
        }
        return 0;
    case ACT_FORWARD:
        if (tv.cursor + 1 < n)
            tv.cursor++;
        break;
    case ACT_HOME: tv.cursor = 0; break;
    case ACT_END: tv.cursor = n - 1; break;
    case ACT_UP:
        if (tv.top > 0)
            tv.top--;
        break;
    case ACT_DOWN: tv.top++; break;
    case ACT_FOLLOW:
        tv.mark = tv.mark == tv.cursor ? UINT32_MAX : tv.cursor;
        if (tv.mark != UINT32_MAX)
            app_message(a, ST_NORMAL, "%d marked: move the cursor to compare", tv.tl.year0 + (int)tv.mark);
        break;
    case ACT_CLEAR: tv.mark = UINT32_MAX; break;
    default:
        return 0;
    }
    tv.cmp_stopped = 0; /* a move after Esc: the comparison is asked again */
    app_touch_all(a);
    return 1;
}

static void time_open(struct app *a)
{
    (void)a;
    tv.stale = 1;
}

static void time_layout(struct app *a, int y, int x, int h, int w)
{
    (void)a;
    if (tv.win)
        delwin(tv.win);
    tv.win = newwin(h, w, y, x);
    tv.h = h;
    tv.w = w;
}

static struct list *time_focus(struct app *a)
{
    (void)a;
    return NULL;
}

static void time_status(struct app *a, char *buf, size_t bufsz)
{
    time_sync(a);
    if (tv.tl.n_years)
        snprintf(buf, bufsz, "Time %d", tv.tl.year0 + (int)tv.cursor);
    else
        snprintf(buf, bufsz, "Time");
}

static void time_done(struct app *a)
{
    (void)a;
    if (tv.ready) {
        timeline_free(&tv.tl);
        layer_free(&tv.L);
    }
    if (tv.win)
        delwin(tv.win);
    memset(&tv, 0, sizeof tv);
    tv.mark = UINT32_MAX;
}

static int time_offers(struct app *a, enum action act)
{
    (void)a;
    return act != ACT_SORT && act != ACT_SEARCH && act != ACT_FILTER && act != ACT_NEXT_PANE && act != ACT_BACK;
}

const struct view_ops time_view_ops = {
    "Time", time_open, time_layout, time_draw, time_key, time_focus, time_status, time_done, time_offers,
};
