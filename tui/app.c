#include "config.h"
#include "app.h"
#include "tui.h"
#include "direction.h"
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
#include "work.h"
#include "xalloc.h"
#include <errno.h>
#include <stdatomic.h>
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

static void layout(struct app *a);

/* Distinct partners within layer L, counted with a stamp array so parallel and
 * multiplex linkages count once: O(n + m), no sorting. The units done on p move from
 * base to base + span of its total as the firms are counted (a job made of stages
 * gives each its share). Returns NULL when p was cancelled; else an array the caller
 * owns. */
static uint32_t *compute_degree(const struct graph *g, const struct layer *L, struct progress *p, uint64_t base,
                                uint64_t span)
{
    uint32_t n = g->n;
    uint32_t *degree = xcalloc(n ? n : 1, sizeof *degree);
    uint32_t *stamp = xmalloc((n ? n : 1) * sizeof *stamp);
    memset(stamp, 0xff, (n ? n : 1) * sizeof *stamp);
    for (uint32_t v = 0; v < n; v++) {
        if (v % PROGRESS_EVERY == 0) {
            progress_set_done(p, base + span * v / n);
            if (progress_cancelled(p)) {
                free(stamp);
                free(degree);
                return NULL;
            }
        }
        uint32_t d = 0;
        for (uint32_t i = g->out_start[v]; i < g->out_start[v + 1]; i++)
            if (L->link_on[g->out_link[i]] && stamp[g->out_nbr[i]] != v)
                stamp[g->out_nbr[i]] = v, d++;
        for (uint32_t i = g->in_start[v]; i < g->in_start[v + 1]; i++)
            if (L->link_on[g->in_link[i]] && stamp[g->in_nbr[i]] != v)
                stamp[g->in_nbr[i]] = v, d++;
        degree[v] = d;
    }
    progress_set_done(p, base + span);
    free(stamp);
    return degree;
}

static void cluster_forget(struct app *a)
{
    work_cancel_kind(JOB_DIRECTION); /* it reads cl's arcs */
    work_cancel_kind(JOB_EGOCOMP);   /* and this cl's simple graph */
    a->dir_pending = 0;
    if (a->cl_ready)
        cluster_free(&a->cl);
    a->cl_ready = 0;
    a->cl_gen++;
}

/* Above this many linkages the continuous coreness (which no view shows) is cut to a
 * few sweeps and the discrete core/periphery partition left out: each sweep is a
 * pass over the pairs and a star-shaped layer may need hundreds, which would stall
 * the screen for nothing. */
#define CLUSTER_BIG_LAYER 100000

static int same_spec(const struct layer_spec *x, const struct layer_spec *y)
{
    return x->types == y->types && x->forms == y->forms && x->scales == y->scales && x->as_of == y->as_of;
}

/* The cluster job reads the dataset, the graph and the current layer, which stay put
 * until it ends: whatever replaces them cancels it first (work_cancel_kind). */
struct cluster_job {
    struct app *a;
    struct layer_spec spec;
    unsigned data_gen, seq;
    struct cluster cl;
};

/* The direction summary job reads the arcs of the installed measures (a->cl), which
 * stay put until it ends: whatever drops or moves them cancels it first. */
struct direction_job {
    struct app *a;
    struct arc_graph arcs; /* a->cl.arcs, borrowed */
    unsigned cl_gen;
    struct direction dir;
};

static int direction_run(struct work_job *j)
{
    struct direction_job *d = j->arg;
    return direction_compute_p(&d->dir, &d->arcs, &j->prog);
}

static void direction_finish(struct work_job *j, int cancelled)
{
    struct direction_job *d = j->arg;
    struct app *a = d->a;
    if (d->cl_gen == a->cl_gen)
        a->dir_pending = 0;
    if (!cancelled) {
        if (d->cl_gen == a->cl_gen && a->cl_ready && !a->cl.dir_done) {
            a->cl.dir_reciprocity = d->dir.reciprocity;
            a->cl.dir_sccs = d->dir.scc_count;
            a->cl.dir_scc_largest = d->dir.scc_largest;
            a->cl.dir_done = 1;
            app_touch_all(a);
        }
        direction_free(&d->dir); /* cancelled: direction_compute_p freed it */
    }
    free(d);
}

/* Starts the direction summary of the installed measures unless it is done or on its way. */
static void direction_post(struct app *a)
{
    if (!a->cl_ready || a->cl.dir_done || a->dir_pending)
        return;
    struct direction_job *d = xcalloc(1, sizeof *d);
    d->a = a;
    d->arcs = a->cl.arcs;
    d->cl_gen = a->cl_gen;
    struct work_job *j = work_job_new(JOB_DIRECTION, "computing the direction summary");
    j->run = direction_run;
    j->finish = direction_finish;
    j->arg = d;
    j->long_running = 1;
    a->dir_pending = 1;
    work_post(j);
}

static int cluster_run(struct work_job *j)
{
    struct cluster_job *c = j->arg;
    struct app *a = c->a;
    struct cluster_options o = {.group_field = -1};
    if (a->layer.n_links > CLUSTER_BIG_LAYER)
        o.coreness_max_iter = 3, o.skip_core_partition = 1;
    return cluster_compute_p(&c->cl, &a->ds, &a->g, &a->layer, &o, &j->prog);
}

static void cluster_finish(struct work_job *j, int cancelled)
{
    struct cluster_job *c = j->arg;
    struct app *a = c->a;
    if (c->seq == a->cl_seq)
        a->cl_pending = 0;
    if (!cancelled && c->data_gen == a->data_gen && same_spec(&c->spec, &a->spec) && !a->cl_ready) {
        a->cl = c->cl;
        a->cl_spec = c->spec;
        a->cl_ready = 1;
        a->cl_gen++;
        app_touch_all(a);
        direction_post(a);
    } else {
        cluster_free(&c->cl); /* a no-op when cancelled: cluster_compute_p freed it */
    }
    free(c);
}

static void cluster_post(struct app *a)
{
    struct cluster_job *c = xcalloc(1, sizeof *c);
    c->a = a;
    c->spec = a->spec;
    c->data_gen = a->data_gen;
    c->seq = ++a->cl_seq;
    struct work_job *j = work_job_new(JOB_CLUSTER, "computing cluster measures");
    j->run = cluster_run;
    j->finish = cluster_finish;
    j->arg = c;
    j->long_running = 1;
    a->cl_pending = 1;
    a->cl_cancelled = 0;
    work_post(j);
}

const struct cluster *app_cluster(struct app *a)
{
    if (a->cl_ready) {
        if (!a->dir_cancelled)
            direction_post(a);
        return &a->cl;
    }
    if (!a->cl_pending && !a->cl_cancelled)
        cluster_post(a);
    return a->cl_ready ? &a->cl : NULL; /* ready at once when there is no worker thread */
}

const struct cluster *app_cluster_request(struct app *a)
{
    a->cl_cancelled = 0;
    return app_cluster(a);
}

int app_job_text(enum job_kind kind, char *buf, size_t bufsz, unsigned *percent)
{
    const char *label;
    double secs;
    unsigned pc = 0;
    if (!work_status((int)kind, &label, &pc, &secs))
        return 0;
    snprintf(buf, bufsz, "%s %u%%", label, pc);
    if (percent)
        *percent = pc;
    return 1;
}

/* The layer's ego table: on the long lane, posted before the cluster measures are
 * asked for, so it comes within seconds at a million firms instead of after them. */
struct ego_table_job {
    struct app *a;
    unsigned layer_gen, data_gen, seq;
    struct ego_table t;
};

static int ego_table_run(struct work_job *j)
{
    struct ego_table_job *e = j->arg;
    struct app *a = e->a;
    return egocluster_table_build_p(&e->t, &a->ds, &a->g, &a->layer, &j->prog);
}

static void ego_table_finish(struct work_job *j, int cancelled)
{
    struct ego_table_job *e = j->arg;
    struct app *a = e->a;
    if (e->seq == a->ego_table_seq)
        a->ego_table_pending = 0;
    if (!cancelled && e->layer_gen == a->layer_gen && e->data_gen == a->data_gen && !a->ego_table_ready) {
        a->ego_table = e->t;
        a->ego_table_gen = e->layer_gen;
        a->ego_table_ready = 1;
    } else {
        egocluster_table_free(&e->t); /* empty when the build was stopped or never ran */
    }
    free(e);
}

static void ego_table_post(struct app *a)
{
    struct ego_table_job *e = xcalloc(1, sizeof *e);
    e->a = a;
    e->layer_gen = a->layer_gen;
    e->data_gen = a->data_gen;
    e->seq = ++a->ego_table_seq;
    struct work_job *j = work_job_new(JOB_EGO_TABLE, "preparing the hubs' measures");
    j->run = ego_table_run;
    j->finish = ego_table_finish;
    j->arg = e;
    j->long_running = 1;
    j->test_delay_ms = -1; /* the tests' holds are for the computations they press keys during */
    j->unseen = 1;
    a->ego_table_pending = 1;
    work_post(j);
}

/* Drops the table with the layer or data it was built for; the jobs reading it (the
 * build and the ego jobs it was handed to) have been cancelled. */
static void ego_table_forget(struct app *a)
{
    a->ego_table_pending = 0;
    if (a->ego_table_ready)
        egocluster_table_free(&a->ego_table);
    a->ego_table_ready = 0;
}

const struct ego_table *app_ego_table(struct app *a)
{
    if (a->ego_table_ready && a->ego_table_gen == a->layer_gen)
        return &a->ego_table;
    if (!a->ego_table_pending && !a->loading && a->attached)
        ego_table_post(a);
    return NULL;
}

/* Drops the kept previous layer. */
static void prev_forget(struct app *a)
{
    if (a->prev_ready) {
        layer_free(&a->prev_layer);
        free(a->prev_degree);
        a->prev_degree = NULL;
    }
    if (a->prev_cl_ready)
        cluster_free(&a->prev_cl);
    a->prev_ready = a->prev_cl_ready = 0;
}

/* Makes L (with its degrees, owned, and its generation) the current layer for spec;
 * the one it replaces becomes the kept previous layer, with its measures. */
static void layer_install(struct app *a, const struct layer_spec *spec, struct layer *L, uint32_t *degree,
                          unsigned gen, struct cluster *cl, int cl_ready)
{
    /* the jobs reading the current layer go first */
    work_cancel_kind(JOB_CLUSTER);
    work_cancel_kind(JOB_DIRECTION);
    a->dir_pending = 0;
    work_cancel_kind(JOB_EGO);
    work_cancel_kind(JOB_EGOCOMP);
    work_cancel_kind(JOB_LAYOUT);
    work_cancel_kind(JOB_TIMELINE);
    work_cancel_kind(JOB_EGO_TABLE);
    ego_table_forget(a);
    a->cl_pending = 0;
    prev_forget(a);
    a->prev_spec = a->spec;
    a->prev_layer = a->layer;
    a->prev_degree = a->degree;
    a->prev_gen = a->layer_gen;
    a->prev_ready = 1;
    a->prev_cl_ready = a->cl_ready && same_spec(&a->cl_spec, &a->spec);
    if (a->prev_cl_ready)
        a->prev_cl = a->cl;
    else if (a->cl_ready)
        cluster_free(&a->cl);
    a->cl_ready = 0;
    a->cl_gen++;
    a->layer = *L;
    a->degree = degree;
    a->layer_gen = gen;
    a->spec = *spec;
    a->cl_cancelled = 0;
    if (cl_ready) {
        a->cl = *cl;
        a->cl_spec = *spec;
        a->cl_ready = 1;
        direction_post(a); /* when it was stopped or never ended for that layer */
    }
    ego_table_post(a);
}

static void reopen_views(struct app *a)
{
    for (int v = 0; v < VIEW_COUNT; v++)
        if (a->view_opened[v])
            view_table[v]->open(a);
    app_touch_all(a);
}

static void layer_applied_message(struct app *a)
{
    char desc[160];
    layer_describe(&a->spec, desc, sizeof desc);
    if (a->spec.as_of && a->layer.n_undated) /* kept in every year: said, not counted silently */
        app_message(a, ST_NORMAL, "layer: %s (%s linkages, %u of them undated: no since, kept in every year)", desc,
                    draw_num(a->layer.n_links), a->layer.n_undated);
    else
        app_message(a, ST_NORMAL, "layer: %s (%s linkages)", desc, draw_num(a->layer.n_links));
}

struct layer_job {
    struct app *a;
    struct layer_spec spec;
    unsigned data_gen, seq;
    struct layer L;
    uint32_t *degree;
};

static int layer_run(struct work_job *j)
{
    struct layer_job *lj = j->arg;
    /* the layer's flags a third of the way, its degrees the rest (as long, at L) */
    progress_add_total(&j->prog, 1000);
    if (layer_build_p(&lj->L, &lj->a->ds, &lj->spec, &j->prog, 0, 300) != 0)
        return -1;
    lj->degree = compute_degree(&lj->a->g, &lj->L, &j->prog, 300, 700);
    if (!lj->degree) {
        layer_free(&lj->L);
        return -1;
    }
    return 0;
}

static void layer_finish(struct work_job *j, int cancelled)
{
    struct layer_job *lj = j->arg;
    struct app *a = lj->a;
    if (lj->seq == a->layer_seq)
        a->layer_pending = 0;
    if (!cancelled && lj->data_gen == a->data_gen) {
        layer_install(a, &lj->spec, &lj->L, lj->degree, ++a->next_layer_gen, NULL, 0);
        reopen_views(a);
        layer_applied_message(a);
    } else if (!cancelled) {
        layer_free(&lj->L);
        free(lj->degree);
    }
    free(lj);
}

/* The layer dialog's Enter: the same layer keeps everything, the previous one comes
 * back at once, any other is built on the worker while the screen stays on the old. */
static void apply_layer(struct app *a, const struct layer_spec *spec)
{
    if (same_spec(spec, &a->spec) && !a->layer_pending) {
        layer_applied_message(a);
        return;
    }
    if (a->prev_ready && same_spec(spec, &a->prev_spec)) {
        if (a->layer_pending)
            work_cancel_kind(JOB_LAYER);
        struct layer L = a->prev_layer;
        uint32_t *degree = a->prev_degree;
        struct cluster cl = a->prev_cl;
        int cl_ready = a->prev_cl_ready;
        unsigned gen = a->prev_gen;
        struct layer_spec ps = a->prev_spec;
        a->prev_ready = a->prev_cl_ready = 0; /* taken over */
        layer_install(a, &ps, &L, degree, gen, &cl, cl_ready);
        reopen_views(a);
        layer_applied_message(a);
        return;
    }
    struct layer_job *lj = xcalloc(1, sizeof *lj);
    lj->a = a;
    lj->spec = *spec;
    lj->data_gen = a->data_gen;
    lj->seq = ++a->layer_seq;
    struct work_job *j = work_job_new(JOB_LAYER, "building the layer");
    j->run = layer_run;
    j->finish = layer_finish;
    j->arg = lj;
    a->layer_pending = 1;
    work_post(j);
}

/* Loads into fresh structures so a failed reload leaves the current data alone. */
static int load_all(const char *dir, const struct load_options *lo, struct dataset *ds, struct diag *dg,
                    struct graph *g)
{
    diag_init(dg);
    /* the checks built a graph already: take it rather than build it twice */
    if (load_dataset_graph(ds, dg, g, dir, lo) != 0)
        return -1;
    diag_sort(dg);
    return 0;
}

/* The per-dataset parts of the app that follow the data: the firms' groups for the
 * details' brokerage and the scratch of the per-firm measures. */
static void data_attach(struct app *a)
{
    ties_groups_build(&a->groups, &a->ds, FC_SCALE);
    egocluster_scratch_init(&a->ego, a->ds.firms.n);
}

static void data_detach(struct app *a)
{
    ego_table_forget(a);
    ties_groups_free(&a->groups);
    egocluster_scratch_free(&a->ego);
}

/* The start and R: the files are read on the worker into fresh structures (the job
 * owns copies of what it reads: a load cannot be stopped, so a quit may leave it
 * running), with the layer of the spec asked for; the data shown (none at the start)
 * are replaced when it is done. */
struct reload_job {
    struct app *a;
    char *dir;
    struct load_options lo;
    struct layer_spec spec;
    struct dataset ds;
    struct diag dg;
    struct graph g;
    struct layer L;
    uint32_t *degree;
    int ran, failed;
    struct progress *prog;   /* the job's: load_progress counts on it */
    int hold_ms, held;       /* FIRMNET_TEST_LOAD_DELAY_MS, at the first progress report */
    atomic_int snapshot;     /* reading the snapshot rather than the files (the screen says so) */
    _Atomic uint64_t bytes;  /* the files' size, once the load has said it (the start's grace) */
};

/* A load's share of its job's progress: reading the files (the parse reports bytes;
 * a snapshot read reports nothing and jumps), then the layer's degrees. */
enum { LOAD_UNITS = 1000, LOAD_READ_UNITS = 900 };

static void load_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct reload_job *r = ctx;
    if (r->hold_ms > 0 && !r->held) {
        /* the test hold, once the load knows what it reads: the screen says which */
        r->held = 1;
        for (int t = 0; t < r->hold_ms && !progress_cancelled(r->prog); t++) {
            struct timespec ms = {0, 1000000L};
            nanosleep(&ms, NULL);
        }
    }
    atomic_store(&r->bytes, total);
    if (total && done <= total)
        progress_set_done(r->prog, done * LOAD_READ_UNITS / total);
}

static void load_snapshot(void *ctx, int reading)
{
    struct reload_job *r = ctx;
    atomic_store(&r->snapshot, reading);
}

static int reload_run(struct work_job *j)
{
    struct reload_job *r = j->arg;
    r->ran = 1;
    progress_add_total(&j->prog, LOAD_UNITS);
    r->prog = &j->prog;
    r->lo.progress = load_progress;
    r->lo.snapshot = load_snapshot;
    r->lo.progress_ctx = r;
    if (load_all(r->dir, &r->lo, &r->ds, &r->dg, &r->g) != 0) {
        r->failed = 1;
        return 0;
    }
    progress_set_done(&j->prog, LOAD_READ_UNITS);
    layer_build(&r->L, &r->ds, &r->spec);
    /* only a quit stops a load, and then nothing is installed */
    r->degree = compute_degree(&r->g, &r->L, &j->prog, LOAD_READ_UNITS, LOAD_UNITS - LOAD_READ_UNITS);
    return r->degree ? 0 : -1;
}

/* Frees what a load job read and did not hand over. */
static void reload_discard(struct reload_job *r)
{
    if (r->ran) {
        layer_free(&r->L);
        free(r->degree);
        graph_free(&r->g);
        dataset_free(&r->ds);
        diag_free(&r->dg);
    }
    free(r->dir);
    free(r);
}

/* Makes r's data the app's (the app has none, or has let go of its own). */
static void data_take(struct app *a, struct reload_job *r)
{
    a->ds = r->ds;
    a->dg = r->dg;
    a->g = r->g;
    /* diag.path points into the dataset's strings; the moved struct still owns them */
    a->layer = r->L;
    a->degree = r->degree;
    a->spec = r->spec;
    a->layer_gen = ++a->next_layer_gen;
    a->cl_cancelled = 0;
    data_attach(a);
    a->attached = 1;
    ego_table_post(a); /* before the views ask for the cluster measures */
    free(r->dir);
    free(r);
}

/* The views of freshly loaded data, once the terminal is up. */
static void data_show(struct app *a)
{
    a->view = VIEW_FIRMS;
    firms_view_ops.open(a);
    a->view_opened[VIEW_FIRMS] = 1;
    layout(a);
}

/* The start's load: its data become the app's; when it fails the explorer ends and
 * the findings are printed once the terminal is given back. */
static void load_finish(struct work_job *j, int cancelled)
{
    struct reload_job *r = j->arg;
    struct app *a = r->a;
    a->loading = 0;
    a->load_job = NULL;
    if (cancelled || !r->ran) {
        reload_discard(r);
        a->quit = 1;
        return;
    }
    if (r->failed) {
        a->ds = r->ds; /* kept for the findings' messages */
        a->dg = r->dg;
        a->load_failed = a->quit = 1;
        graph_free(&r->g);
        free(r->dir);
        free(r);
        return;
    }
    data_take(a, r);
    if (a->screen_up)
        data_show(a);
}

/* The start's load and R's reload read the same directory with the same options on
 * the worker; only what happens when the data arrive differs. The job owns r. */
static struct work_job *reload_job_new(struct app *a, int kind, const char *what,
                                       void (*finish)(struct work_job *, int))
{
    struct reload_job *r = xcalloc(1, sizeof *r);
    r->a = a;
    r->dir = xstrdup(a->dir);
    r->lo = a->lo;
    r->spec = a->spec;
    struct work_job *j = work_job_new(kind, what);
    j->run = reload_run;
    j->finish = finish;
    j->arg = r;
    j->uncancellable = 1;
    return j;
}

static void load_post(struct app *a)
{
    struct work_job *j = reload_job_new(a, JOB_LOAD, "loading", load_finish);
    /* the computations' test hold is not the load's: a test holds one or the other;
     * the load's is at its first progress report (load_progress) */
    const char *hold = getenv("FIRMNET_TEST_LOAD_DELAY_MS");
    struct reload_job *r = j->arg;
    r->hold_ms = hold && *hold ? (int)strtol(hold, NULL, 10) : 0;
    j->test_delay_ms = -1;
    a->loading = 1;
    a->load_job = r;
    work_post(j);
}

static void reload_finish(struct work_job *j, int cancelled)
{
    struct reload_job *r = j->arg;
    struct app *a = r->a;
    a->reload_pending = 0;
    if (cancelled || r->failed) {
        if (r->failed) {
            struct textbuf tb = {0};
            const char *why = r->dg.n ? diag_message(&r->dg, &r->ds, &r->dg.v[0], &tb) : "unknown reason";
            app_message(a, ST_ERROR, "reload failed, keeping the loaded data: %s", why);
            textbuf_free(&tb);
        }
        reload_discard(r);
        return;
    }
    /* everything that reads the old data stops first */
    work_cancel_all();
    a->cl_pending = a->layer_pending = 0;
    firms_view_save_ids(a);
    cluster_forget(a); /* its node numbering belongs to the old data */
    prev_forget(a);
    data_detach(a);
    layer_free(&a->layer);
    free(a->degree);
    graph_free(&a->g);
    diag_free(&a->dg);
    dataset_free(&a->ds);
    a->data_gen++;
    data_take(a, r);
    reopen_views(a);
    firms_view_restore_ids(a);
    app_message(a, ST_NORMAL, "reloaded: %s firms, %s linkages, %s error%s, %s warning%s", draw_num(a->ds.firms.n),
                draw_num(a->ds.links.n), draw_num(a->dg.n_errors), a->dg.n_errors == 1 ? "" : "s",
                draw_num(a->dg.n_warnings), a->dg.n_warnings == 1 ? "" : "s");
}

static void reload(struct app *a)
{
    if (a->reload_pending) {
        app_message(a, ST_NORMAL, "already reloading");
        return;
    }
    struct work_job *j = reload_job_new(a, JOB_RELOAD, "reloading", reload_finish);
    a->reload_pending = 1;
    work_post(j);
}

/* Whether a job of kind is what the view v shows as coming. */
static int view_waits_for(enum view_id v, int kind)
{
    switch (v) {
    case VIEW_FIRMS: return kind == JOB_EGO || kind == JOB_EGOCOMP || kind == JOB_SORT || kind == JOB_SORT_ID;
    case VIEW_CLUSTER: return kind == JOB_CLUSTER || kind == JOB_DIRECTION;
    case VIEW_EGO: return kind == JOB_LAYOUT;
    case VIEW_TIME: return kind == JOB_TIMELINE || kind == JOB_COMPARE;
    default: return 0;
    }
}

/* "A, B and C" of the labels stopped, what the current view was waiting for first. */
static void named_text(const struct app *a, const struct work_named *nm, char *buf, size_t bufsz)
{
    const char *order[WORK_NAMED_MAX] = {NULL};
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nm->n; i++)
            if (view_waits_for(a->view, nm->kind[i]) == !pass)
                order[k++] = nm->label[i];
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < k && len < bufsz; i++) {
        int w = snprintf(buf + len, bufsz - len, "%s%s", !i ? "" : i == k - 1 ? " and " : ", ", order[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/* Esc while something runs in the background: stop it all (a load is only
 * abandoned), and say what was stopped: every job, not only the first one found. */
static int cancel_jobs(struct app *a)
{
    if (!work_pending(-1))
        return 0;
    int cl = a->cl_pending;
    if (cl)
        a->cl_cancelled = 1;
    if (a->dir_pending)
        a->dir_cancelled = 1;
    struct work_named nm;
    work_cancel_all_named(&nm);
    char what[400];
    named_text(a, &nm, what, sizeof what);
    a->cl_pending = a->layer_pending = a->reload_pending = 0;
    app_message(a, ST_WARNING, "stopped %s%s", what[0] ? what : "the background work",
                cl ? " (Enter in the Cluster view computes the measures again)" : "");
    app_touch_all(a);
    return 1;
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
    if (!a->loading)
        cur_ops(a)->layout(a, 1, 0, a->rows - 3, a->cols);
    app_touch_all(a);
}

void app_touch_all(struct app *a)
{
    a->status_drawn[0] = a->hint_drawn[0] = '\0';
    a->bars_dirty = 1;
    a->msg_dirty = 1;
    struct list *l = a->too_small || a->loading ? NULL : cur_ops(a)->focus(a);
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
    if (v == VIEW_CLUSTER) {
        a->dir_cancelled = 0; /* asking for the view asks for its direction summary again */
        direction_post(a);
    }
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
    char view[160] = "loading", layer[160], counts[96] = "";
    if (!a->loading)
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
    const struct list *fl = a->loading ? NULL : cur_ops(a)->focus(a);
    if (fl && fl->n)
        snprintf(pos, sizeof pos, " · row %s/%s", draw_num((uint64_t)fl->cursor + 1), draw_num(fl->n));
    /* background work at the right end: "computing cluster measures 37%", and a bar
     * where the line leaves room for it; the line is fitted into what the job leaves,
     * so a job never covers half a word of it */
    char job[128] = "";
    unsigned pc = 0;
    int jw = 0;
    if (app_job_text((enum job_kind)-1, job, sizeof job, &pc)) {
        jw = draw_width(job) + 2;
        if (jw > a->cols)
            jw = a->cols;
    }
    int avail = a->cols - jw;
    char line[1024];
    snprintf(line, sizeof line, " firmnet · %s%s · %s%s · layer: %s", a->name, counts, view, pos, layer);
    /* too long for the width: the row position goes first, then the counts (the
     * Problems view has them), so the layer stays in sight; when even that does not
     * fit, the whole line is cut at the end */
    char shorter[1024];
    snprintf(shorter, sizeof shorter, " firmnet · %s%s · %s · layer: %s", a->name, counts, view, layer);
    if (draw_width(line) > avail && draw_width(shorter) <= avail)
        snprintf(line, sizeof line, "%s", shorter);
    snprintf(shorter, sizeof shorter, " firmnet · %s · %s · layer: %s", a->name, view, layer);
    if (draw_width(line) > avail && draw_width(shorter) <= avail)
        snprintf(line, sizeof line, "%s", shorter);
    if (a->term.ascii_only) /* a middle dot would come out as '?' */
        for (char *p = line; (p = strstr(p, "\xc2\xb7")) != NULL; p++)
            p[0] = '|', memmove(p + 1, p + 2, strlen(p + 2) + 1);
    /* a bar of up to 20 cells in what is left beside a gap of two, none below 8
     * (" [" cells "]") */
    int cells = avail - draw_width(line) - 2 - 3;
    if (cells > 20)
        cells = 20;
    if (job[0] && cells >= 8) {
        char bar[21];
        int fill = (int)pc * cells / 100;
        for (int i = 0; i < cells; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[cells] = '\0';
        size_t k = strlen(job);
        snprintf(job + k, sizeof job - k, " [%s]", bar);
        jw += cells + 3;
        avail -= cells + 3;
    }
    char key[1200];
    snprintf(key, sizeof key, "%s|%s", line, job);
    if (!strcmp(key, a->status_drawn))
        return;
    snprintf(a->status_drawn, sizeof a->status_drawn, "%s", key);
    draw_text(a->w_status, 0, 0, avail, line, draw_attr(ST_TITLE));
    if (job[0]) {
        char shown[140];
        snprintf(shown, sizeof shown, " %s ", job);
        draw_text(a->w_status, 0, a->cols - jw, jw, shown, draw_attr(ST_TITLE) | A_BOLD);
    }
    wnoutrefresh(a->w_status);
}

static int offered(struct app *a, enum action act)
{
    if (a->loading) /* nothing to act on yet but leaving */
        return act == ACT_QUIT;
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

/* The body while the data load: what is loaded and how far, as a bar. */
static void draw_loading(struct app *a)
{
    if (a->repaint)
        for (int y = 1; y < a->rows - 2; y++) {
            wmove(stdscr, y, 0);
            wclrtoeol(stdscr);
        }
    a->repaint = 0;
    char job[128];
    unsigned pc = 0;
    app_job_text(JOB_LOAD, job, sizeof job, &pc);
    char line[400], bar[44];
    int snap = a->load_job && atomic_load(&a->load_job->snapshot);
    snprintf(line, sizeof line, "%s %s %s %u%%", snap ? "reading the snapshot of" : "loading", a->name,
             a->term.ascii_only ? "..." : "\xe2\x80\xa6", pc);
    int bw = a->cols - 4 < 40 ? a->cols - 4 : 40, fill = (int)pc * bw / 100;
    for (int i = 0; i < bw; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[bw] = '\0';
    int y = (a->rows - 3) / 2;
    wmove(stdscr, y, 0);
    wclrtoeol(stdscr);
    int w = draw_width(line) < a->cols ? draw_width(line) : a->cols;
    draw_text(stdscr, y, (a->cols - w) / 2, w, line, A_BOLD);
    draw_text(stdscr, y + 1, (a->cols - bw) / 2, bw, bar, A_NORMAL);
    wnoutrefresh(stdscr);
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
        if (a->dialog_year[0] && !year_in_range(year)) {
            app_message(a, ST_ERROR, "as-of year must be between " YEAR_MIN_S " and " YEAR_MAX_S);
            return;
        }
        a->dialog_spec.as_of = (int16_t)(a->dialog_year[0] ? year : 0);
        dialog_close(a);
        apply_layer(a, &a->dialog_spec);
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
    if (a->too_small || a->loading) {
        /* nothing to act on yet: q and Esc leave (the load is left to the exit) */
        enum action act = keys_action(key);
        if (act == ACT_QUIT || (a->loading && act == ACT_CLEAR))
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
    if (act == ACT_CLEAR && cancel_jobs(a))
        return; /* Esc stops the background work first; a second one clears */
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
    } else if (a->loading) {
        draw_loading(a);
        draw_status(a);
        draw_hint(a);
        draw_msg(a);
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
        /* while the worker runs, wake up now and then to redraw its progress */
        switch (term_read_key_wake(&a->term, key, work_fd(), work_pending(-1) ? 100 : -1)) {
        case TERM_KEY_OK: return 1;
        case TERM_KEY_SIGNAL: /* run() sees the flag */
        case TERM_KEY_WAKE:
        case TERM_KEY_TIMEOUT: return 0; /* run() collects and redraws */
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
    case SCRIPT_HOLD: work_hold(1); return 0;
    case SCRIPT_RELEASE: work_release(); return 0;
    case SCRIPT_UNHOLD: work_hold(0); return 0;
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
        work_collect();
        draw_all(a);
        if (a->script && work_wait_idle() > 0) {
            /* a script sees every screen settled, so its dumps are reproducible: what
             * the keys and the drawing started is waited for and the screen drawn again */
            continue;
        }
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
    work_done(); /* nothing reads the data below any more */
    for (int v = 0; v < VIEW_COUNT; v++)
        view_table[v]->done(a);
    del(&a->w_status);
    del(&a->w_hint);
    del(&a->w_msg);
    del(&a->w_dialog);
    cluster_forget(a);
    prev_forget(a);
    if (a->attached)
        data_detach(a);
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

/* How long the start waits for the load before it draws the loading screen, and the
 * files' size past which it does not wait: parsing reads some 7 to 9 ms a megabyte,
 * so a load of more than 8 MB is not over in the time a screen would flash. */
#define LOAD_GRACE_MS 100
#define LOAD_GRACE_BYTES (8u << 20)

/* Waits for the start's load while it may still end before a screen would flash. */
static void load_grace(struct app *a)
{
    const struct reload_job *r = a->load_job;
    for (int waited = 0; waited < LOAD_GRACE_MS; waited += 2) {
        if (work_wait_kind(JOB_LOAD, 2))
            return;
        if (!atomic_load(&r->snapshot) && atomic_load(&r->bytes) > LOAD_GRACE_BYTES)
            return;
    }
}

/* The findings of a load that failed, as firmnet check and the batch commands print them. */
static void load_failed_report(struct app *a)
{
    diag_print_findings(&a->dg, &a->ds, stderr, 1);
    fprintf(stderr, "firmnet: cannot load the dataset %s\n", a->dir);
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
    if (a->lo.cache)
        a->lo.cache |= LOAD_CACHE_QUIET; /* the worker's load runs under curses: no notes */
    const char *delay = getenv("FIRMNET_TEST_JOB_DELAY_MS");
    if (delay && *delay)
        work_set_test_delay((int)strtol(delay, NULL, 10));
    if (work_init() != 0)
        fprintf(stderr, "firmnet: no worker thread: long computations will hold the keyboard\n");
    /* the data load on the worker; the screen comes at once and says how far it is,
     * unless the load is over in the time a screen would flash (a small dataset, or
     * one that cannot be loaded, whose findings then go to stderr as before) */
    load_post(a);
    load_grace(a);
    work_collect();
    if (a->load_failed) {
        load_failed_report(a);
        app_free(a);
        return 2;
    }
    if (term_open(&a->term, a->script != NULL) != 0) {
        app_free(a);
        return 2;
    }
    draw_init(&a->term);
    a->screen_up = 1;
    if (!a->loading && !a->quit)
        data_show(a);
    else
        layout(a);
    int lost = run(a);
    int sig = term_quit_signal;
    int failed = a->load_failed;
    if (failed) /* the terminal first, then the findings */
        term_close(&a->term);
    if (failed)
        load_failed_report(a);
    app_free(a);
    if (!failed)
        term_close(&a->term);
    if (failed)
        return 2;
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
