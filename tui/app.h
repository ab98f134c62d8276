/* app: owns the explorer's state (the loaded dataset, its graph, layer and degrees, the
 * cluster measures of the layer, the views, the bars, the prompts and the layer dialog)
 * and runs the input loop. */
#ifndef FIRMNET_APP_H
#define FIRMNET_APP_H
#include <stdint.h>
#include <curses.h>
#include "cluster.h"
#include "dataset.h"
#include "egocluster.h"
#include "diag.h"
#include "graph.h"
#include "load.h"
#include "match.h"
#include "keys.h"
#include "lineedit.h"
#include "list.h"
#include "term.h"
#include "script.h"

struct app;
struct reload_job;

/* One screen of the explorer (tig/htop style ops table). */
struct view_ops {
    const char *name;
    /* (Re)builds rows from the app's dataset and layer; keep the selection by row id. */
    void (*open)(struct app *a);
    /* Places the view's windows in the body rectangle. */
    void (*layout)(struct app *a, int y, int x, int h, int w);
    /* Redraws what is dirty and wnoutrefreshes the windows it touched. */
    void (*draw)(struct app *a);
    /* Handles act; returns 1 when it did, 0 to let the app apply the default. */
    int (*key)(struct app *a, enum action act);
    /* The list search, filter and moves act on. */
    struct list *(*focus)(struct app *a);
    /* "Firms 120/150" for the status line. */
    void (*status)(struct app *a, char *buf, size_t bufsz);
    /* Frees what open and layout made. */
    void (*done)(struct app *a);
    /* Whether act does something here, so that the hint bar offers it (s Sort only
     * where there is a sort); NULL: every action. */
    int (*offers)(struct app *a, enum action act);
};

/* The kinds of the app's background jobs (tui/work.h); a newer job of a kind cancels
 * the older one. */
enum job_kind { JOB_CLUSTER = 1, JOB_LAYER, JOB_RELOAD, JOB_SORT, JOB_SORT_ID, JOB_LOAD, JOB_EGO, JOB_LAYOUT, JOB_TIMELINE,
               JOB_DIRECTION, JOB_COMPARE, JOB_EGO_TABLE, JOB_EGOCOMP };

enum view_id { VIEW_FIRMS, VIEW_INDUSTRIES, VIEW_PROBLEMS, VIEW_CLUSTER, VIEW_EGO, VIEW_TIME, VIEW_HELP, VIEW_PAGER,
               VIEW_COUNT };

/* PROMPT_EXPORT asks for a file name and PROMPT_JUMP for a firm's id, on no list;
 * PROMPT_CONFIRM asks a yes/no question. */
enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_EXPORT, PROMPT_JUMP, PROMPT_CONFIRM,
                   PROMPT_KIND_COUNT };

/* What a yes to a PROMPT_CONFIRM question does. */
enum confirm_kind { CONFIRM_QUIT, CONFIRM_OVERWRITE };

struct app {
    struct term term;
    char *dir;                   /* owned copy of the dataset directory */
    char *name;                  /* owned; shown in the status line */
    struct load_options lo;      /* copied; its pointers borrowed from the caller */
    struct dataset ds;
    struct diag dg;
    struct graph g;
    struct layer layer;
    struct layer_spec spec;
    uint32_t *degree;            /* owned: distinct partners per firm within the layer */
    /* The cluster measures of the layer, computed on the worker (tui/work.h) when first
     * asked for (app_cluster) and kept until the layer spec or the data change, so key
     * presses never recompute them. */
    struct cluster cl;           /* owned when cl_ready */
    int cl_ready;
    struct layer_spec cl_spec;   /* the spec cl was computed for */
    int cl_pending;              /* a job computing them for spec is queued or running */
    int cl_cancelled;            /* Esc stopped that job: not started again until asked */
    unsigned cl_seq;             /* the newest cluster job, so an older one's end is ignored */
    unsigned cl_gen;             /* bumped whenever cl is installed or dropped */
    /* cl's direction summary (cl.dir_*) comes from a job of its own, posted when the
     * measures arrive, so the view shows them without waiting for it */
    int dir_pending;             /* that job is queued or running for cl_gen */
    int dir_cancelled;           /* Esc stopped it: not started again until the view is asked for */
    /* The per-firm measures of the details pane come from the firm's neighbourhood
     * (core/egocluster), at once, with the firms grouped by scale as cl does. */
    struct firm_groups groups;   /* owned */
    struct ego_scratch ego;      /* owned */
    /* The layer's table that makes a hub's measures cheap (egocluster_table_build_p),
     * built on the worker when a layer comes in; an ego job takes it when posted
     * (app_ego_table), so it is freed only after those jobs are cancelled. */
    struct ego_table ego_table;  /* owned when ego_table_ready */
    int ego_table_ready, ego_table_pending;
    unsigned ego_table_gen;      /* the layer_gen it was built for */
    unsigned ego_table_seq;      /* the newest job building one */
    /* Changing the layer: built on the worker, installed when done; the previous
     * layer is kept (with its degrees and measures) so going back is instant. */
    int layer_pending;
    unsigned layer_seq;
    unsigned layer_gen;          /* names the contents of layer and degree */
    unsigned next_layer_gen;
    struct layer_spec prev_spec;
    struct layer prev_layer;     /* owned when prev_ready */
    uint32_t *prev_degree;       /* owned */
    struct cluster prev_cl;      /* owned when prev_cl_ready */
    int prev_ready, prev_cl_ready;
    unsigned prev_gen;
    unsigned data_gen;           /* bumped on every reload: results for older data are dropped */
    int reload_pending;
    int attached;                /* groups and ego are built */
    int loading;                 /* the start's load runs on the worker: no data yet */
    struct reload_job *load_job; /* that load's (the job owns it); NULL once it ended */
    int load_failed;             /* it failed: ds and dg hold its findings, printed at the end */
    int screen_up;               /* the terminal is open (a load may end before it is) */

    enum view_id view, before_help, before_pager;
    int view_opened[VIEW_COUNT];
    int rows, cols, too_small, wide;
    WINDOW *w_status, *w_hint, *w_msg; /* owned */
    char status_drawn[1200], hint_drawn[1024];
    int bars_dirty;
    int repaint;                 /* the current view must redraw all of its windows */

    char msg[512];               /* the message line; empty = none */
    enum style msg_style;
    int msg_dirty;

    enum prompt_kind prompt;
    struct lineedit edit;        /* the text typed at the prompt */
    struct history hist[PROMPT_KIND_COUNT]; /* what was accepted at each prompt */
    enum confirm_kind confirm;   /* PROMPT_CONFIRM: what a yes does */
    char confirm_question[320];
    char *confirm_arg;           /* owned; the export target to overwrite */
    char prompt_err[320];
    char prompt_note[160];       /* dim hint at the right when there is no error */
    struct list *prompt_list;    /* borrowed: the list the prompt works on */
    int prompt_stale;            /* a newer key cut the last search or filter pass short */

    int dialog_open;             /* the layer dialog */
    WINDOW *w_dialog;            /* owned while open */
    struct layer_spec dialog_spec;
    int dialog_cursor;
    char dialog_year[8];

    int exported;                /* libxml2 was used: clean it up at exit */
    struct script *script;       /* owned; NULL when keys come from the terminal */
    int key;                     /* the key being handled: a view that tells keys of one
                                    action apart (the Ego map's arrows) reads it */
    int quit;
};

/* Shows a one-line message (sanitized when drawn). */
void app_message(struct app *a, enum style st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether a key press is waiting (a pass over a long list asks between pieces and
 * gives way); ctx is the app. */
int app_key_waiting(void *ctx);
/* Switches view, opening it first when needed. */
void app_show_view(struct app *a, enum view_id v);
/* Everything needs repainting (resize, reload, dialog closed). */
void app_touch_all(struct app *a);
const struct view_ops *app_view_ops(enum view_id v);
/* The cluster measures (core/cluster.h) of the current layer, or NULL while they are
 * being computed on the worker (the job is started here when none runs and Esc did not
 * stop one); the app redraws when they arrive. Groups are the firms' scales. */
const struct cluster *app_cluster(struct app *a);
/* The same, starting the job again after Esc stopped it. */
const struct cluster *app_cluster_request(struct app *a);
/* The current layer's ego table, or NULL while it is being built (the job is started
 * here when none runs: after Esc stopped one, the next hub asks again). What it
 * returns stays valid until a layer or the data are replaced, which first cancel the
 * jobs that were handed it. */
const struct ego_table *app_ego_table(struct app *a);
/* Writes "computing cluster measures 37%" for the job of kind running (or queued) into
 * buf; 0 when there is none. */
int app_job_text(enum job_kind kind, char *buf, size_t bufsz, unsigned *percent);

#endif
