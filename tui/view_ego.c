#include "config.h"
#include "view_ego.h"
#include "view_firms.h"
#include "draw.h"
#include "egocluster.h"
#include "work.h"
#include "layout.h"
#include "paths.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The letters of the linkage types, in enum link_type order (as the Industries view). */
static const char type_marks[LT_COUNT + 1] = "SCPJLRTMOU";

struct ego_stack {
    uint32_t *v; /* owned */
    size_t n, cap;
};

struct ego_state {
    uint32_t center;        /* firm, FIRM_NONE before the first */
    uint32_t depth;         /* 1 or 2 */
    int group_by;           /* enum layout_group */
    struct ego_map map;     /* owned when have_map */
    int have_map, stale;
    int mw, mh;             /* the area the map was laid out for */
    uint32_t sel;           /* node index */
    struct bfs_work work;   /* owned when work_n; a layout job's while one is active */
    uint32_t work_n;
    /* the map asked of the worker: the newest request's number and what it was for */
    unsigned seq;
    int pending;
    int stopped;            /* Esc stopped it: not asked again until Enter or a change */
    struct layout_options req;
    uint32_t req_center;
    unsigned req_layer, req_data;
    struct ego_stack back, fwd;
    WINDOW *win;            /* owned */
    int y, x, h, w;
};

static struct ego_state ev = {.center = FIRM_NONE, .depth = 1};

static void push(struct ego_stack *s, uint32_t v)
{
    s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = v;
}

/* ---- the map ---- */

/* Above this many linkage ends (egocluster_firm_cost: the centre's and its
 * partners', which the depth-2 search reads) the map is laid out on the worker. */
#define LAYOUT_INLINE_COST 200000u

struct layout_job {
    struct app *a;
    unsigned seq;
    uint32_t center;
    struct layout_options o;
    struct ego_map map;
};

/* Reads the dataset, the graph and the layer (a new layer or data cancel it first)
 * and ev.work, which the input loop leaves alone while a layout job is active. */
static int layout_run(struct work_job *j)
{
    struct layout_job *lj = j->arg;
    struct app *a = lj->a;
    return layout_ego_p(&lj->map, &ev.work, &a->ds, &a->g, &a->layer, lj->center, &lj->o, &j->prog);
}

static void map_take(struct ego_map *m, const struct layout_options *o)
{
    if (ev.have_map)
        layout_ego_free(&ev.map);
    ev.map = *m;
    ev.have_map = 1;
    ev.stale = 0;
    ev.mw = o->width;
    ev.mh = o->height;
    if (ev.sel >= ev.map.n_nodes)
        ev.sel = 0;
}

static void layout_finish(struct work_job *j, int cancelled)
{
    struct layout_job *lj = j->arg;
    if (lj->seq == ev.seq) {
        ev.pending = 0;
        ev.stopped = cancelled;
        app_touch_all(lj->a);
        if (!cancelled && lj->center == ev.center) {
            map_take(&lj->map, &lj->o);
            app_touch_all(lj->a);
            free(lj);
            return;
        }
    }
    if (!cancelled)
        layout_ego_free(&lj->map);
    free(lj);
}

static int same_request(const struct app *a, const struct layout_options *o)
{
    return ev.req_center == ev.center && ev.req_layer == a->layer_gen && ev.req_data == a->data_gen &&
           ev.req.width == o->width && ev.req.height == o->height && ev.req.depth == o->depth &&
           ev.req.group_by == o->group_by && ev.req.max_nodes == o->max_nodes && ev.req.label_max == o->label_max &&
           ev.req.ascii == o->ascii && ev.req.seed == o->seed;
}

static void rebuild(struct app *a)
{
    if (ev.center == FIRM_NONE || ev.center >= a->ds.firms.n || ev.w < 20 || ev.h < 4) {
        if (ev.have_map)
            layout_ego_free(&ev.map);
        ev.have_map = 0;
        return;
    }
    struct layout_options o;
    layout_options_default(&o, ev.w, ev.h - 2); /* a title line above, the selected node's line below */
    o.depth = ev.depth;
    o.group_by = ev.group_by;
    o.ascii = draw_ascii_only();
    o.label_max = ev.w >= 120 ? 18 : 14;
    if (ev.pending && same_request(a, &o))
        return; /* on its way */
    ev.stopped = 0;
    if (ev.have_map)
        layout_ego_free(&ev.map);
    ev.have_map = 0;
    int busy = work_active(JOB_LAYOUT);
    if (ev.work_n != a->ds.firms.n && !busy) {
        if (ev.work_n)
            paths_work_free(&ev.work);
        paths_work_init(&ev.work, a->ds.firms.n);
        ev.work_n = a->ds.firms.n;
    }
    ev.seq++;
    uint64_t inline_max = work_test_delay() > 0 ? 0 : LAYOUT_INLINE_COST;
    if (!busy && egocluster_firm_cost(&a->g, ev.center) <= inline_max) {
        struct ego_map m;
        layout_ego(&m, &ev.work, &a->ds, &a->g, &a->layer, ev.center, &o);
        map_take(&m, &o);
        ev.pending = 0;
        return;
    }
    struct layout_job *lj = xcalloc(1, sizeof *lj);
    lj->a = a;
    lj->seq = ev.seq;
    lj->center = ev.center;
    lj->o = o;
    ev.req = o;
    ev.req_center = ev.center;
    ev.req_layer = a->layer_gen;
    ev.req_data = a->data_gen;
    ev.pending = 1;
    ev.stale = 0; /* the request holds it now */
    struct work_job *j = work_job_new(JOB_LAYOUT, "laying out the ego map");
    j->run = layout_run;
    j->finish = layout_finish;
    j->arg = lj;
    work_post(j); /* supersedes the map asked before */
}

static void sync_map(struct app *a)
{
    if (ev.stopped && !ev.stale)
        return;
    if (ev.stale || (ev.have_map && (ev.mw != ev.w || ev.mh != ev.h - 2)) ||
        (!ev.have_map && ev.center != FIRM_NONE))
        rebuild(a);
}

static void set_center(struct app *a, uint32_t firm, int record)
{
    if (record && ev.center != FIRM_NONE && ev.center != firm) {
        push(&ev.back, ev.center);
        ev.fwd.n = 0;
    }
    ev.center = firm;
    ev.sel = 0;
    ev.stale = 1;
    app_touch_all(a);
}

void ego_view_show(struct app *a, uint32_t firm)
{
    if (firm == FIRM_NONE && ev.center == FIRM_NONE)
        firm = firms_view_current(a);
    if (firm != FIRM_NONE && firm != ev.center)
        set_center(a, firm, 1);
    app_show_view(a, VIEW_EGO);
}

/* ---- drawing ---- */

static int node_anchor_x(const struct layout_node *n) { return n->x + (n->label_w + 2) / 2; }

static int in_box(const struct layout_node *n, int cx, int cy)
{
    return n->x >= 0 && cy == n->y && cx >= n->x && cx < n->x + n->label_w + 2;
}

/* The style an edge is drawn in: its type's family, so colour (where there is any)
 * tells material supply from knowledge from trade from community ties. */
static enum style edge_style(const struct layout_edge *e)
{
    if (e->multi)
        return ST_DIM;
    switch (e->type) {
    case LT_LICENSING: case LT_RND: case LT_TECHNOLOGY: return ST_SCALE_G;
    case LT_MARKETING: return ST_WARNING;
    case LT_SOCIAL: case LT_CULTURAL: return ST_LABEL;
    default: return ST_BAR;
    }
}

struct canvas {
    int w, h;
    uint8_t *dots;    /* w * h Braille bit sets */
    char *stroke;     /* w * h ASCII strokes, 0 none */
    uint8_t *style;   /* w * h enum style of the last edge through the cell */
    char (*mark)[8];  /* w * h: a type letter or an arrow, drawn over the strokes */
    uint8_t *mark_style;
};

static void canvas_dot(struct canvas *c, int dx, int dy, enum style st)
{
    int cx = dx / 2, cy = dy / 4;
    if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
        return;
    static const uint8_t bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    c->dots[cy * c->w + cx] |= bit[dy % 4][dx % 2];
    c->style[cy * c->w + cx] = (uint8_t)st;
}

/* An ASCII stroke per cell, by the slope of the edge (cells are twice as tall). */
static char stroke_for(int dx, int dy)
{
    int ax = abs(dx), ay = abs(dy) * 2;
    if (ax > 2 * ay)
        return '-';
    if (ay > 2 * ax)
        return '|';
    return (dx > 0) == (dy > 0) ? '\\' : '/';
}

static const char *arrow_for(int dx, int dy, int ascii)
{
    int ax = abs(dx), ay = abs(dy) * 2;
    if (ascii) {
        if (ay > 2 * ax)
            return dy > 0 ? "v" : "^";
        return dx > 0 ? ">" : "<";
    }
    if (ax > 2 * ay)
        return dx > 0 ? "\u2192" : "\u2190";
    if (ay > 2 * ax)
        return dy > 0 ? "\u2193" : "\u2191";
    if (dx > 0)
        return dy > 0 ? "\u2198" : "\u2197";
    return dy > 0 ? "\u2199" : "\u2196";
}

static void set_mark(struct canvas *c, int cx, int cy, const char *s, enum style st)
{
    if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
        return;
    snprintf(c->mark[cy * c->w + cx], sizeof c->mark[0], "%s", s);
    c->mark_style[cy * c->w + cx] = (uint8_t)st;
}

static int any_box(const struct ego_map *m, int cx, int cy)
{
    for (uint32_t i = 0; i < m->n_nodes; i++)
        if (in_box(&m->node[i], cx, cy))
            return 1;
    return 0;
}

/* A line in dots from (x0, y0) to (x1, y1), walked in steps. */
struct seg {
    int x0, y0, x1, y1, steps;
};

/* The cell of the line's step s. */
static void seg_cell(const struct seg *g, int s, int *cx, int *cy)
{
    *cx = (g->steps ? g->x0 + (g->x1 - g->x0) * s / g->steps : g->x0) / 2;
    *cy = (g->steps ? g->y0 + (g->y1 - g->y0) * s / g->steps : g->y0) / 4;
}

/* Every edge is drawn as a line; the selected node's edges also get their type
 * letter half way and arrowheads, so the marks explain one node at a time instead of
 * cluttering the whole map. */
static void draw_edge(struct canvas *c, const struct ego_map *m, const struct layout_edge *e, int ascii, int marks)
{
    const struct layout_node *na = &m->node[e->a], *nb = &m->node[e->b];
    if (na->x < 0 || nb->x < 0)
        return;
    enum style st = edge_style(e);
    int x0 = node_anchor_x(na), y0 = na->y, x1 = node_anchor_x(nb), y1 = nb->y;
    /* in dots (2 x 4 per cell) for Braille, in cells for ASCII strokes */
    int px0 = x0 * 2 + 1, py0 = y0 * 4 + 2, px1 = x1 * 2 + 1, py1 = y1 * 4 + 2;
    int steps = abs(px1 - px0) > abs(py1 - py0) ? abs(px1 - px0) : abs(py1 - py0);
    char stroke = stroke_for(x1 - x0, y1 - y0);
    int last_a = -1, first_b = -1; /* cells where the line leaves a, enters b (as step numbers) */
    int prev_cx = -1, prev_cy = -1;
    for (int s = 0; s <= steps; s++) {
        int px = steps ? px0 + (px1 - px0) * s / steps : px0, py = steps ? py0 + (py1 - py0) * s / steps : py0;
        int cx = px / 2, cy = py / 4;
        if (in_box(na, cx, cy))
            last_a = s;
        if (first_b < 0 && in_box(nb, cx, cy))
            first_b = s;
        if (any_box(m, cx, cy))
            continue;
        if (ascii) {
            if (cx != prev_cx || cy != prev_cy)
                if (cx >= 0 && cy >= 0 && cx < c->w && cy < c->h) {
                    c->stroke[cy * c->w + cx] = stroke;
                    c->style[cy * c->w + cx] = (uint8_t)st;
                }
        } else {
            canvas_dot(c, px, py, st);
        }
        prev_cx = cx;
        prev_cy = cy;
    }
    if (!marks || last_a < 0 || first_b < 0 || first_b <= last_a + 1)
        return; /* adjacent boxes: no room for marks */
    /* the type letter half way, arrowheads just outside the box pointed to */
    int mid = (last_a + first_b) / 2;
    char letter[2] = {e->multi ? '*' : type_marks[e->type % LT_COUNT], '\0'};
    struct seg sg = {px0, py0, px1, py1, steps};
    int mx, my;
    seg_cell(&sg, mid, &mx, &my);
    if (!any_box(m, mx, my))
        set_mark(c, mx, my, letter, st);
    if (e->dir & LAYOUT_AB) {
        seg_cell(&sg, first_b - 1, &mx, &my);
        if (!any_box(m, mx, my))
            set_mark(c, mx, my, arrow_for(x1 - x0, y1 - y0, ascii), st);
    }
    if (e->dir & LAYOUT_BA) {
        seg_cell(&sg, last_a + 1, &mx, &my);
        if (!any_box(m, mx, my))
            set_mark(c, mx, my, arrow_for(x0 - x1, y0 - y1, ascii), st);
    }
}

static enum style scale_style(unsigned s)
{
    return s == SCALE_GLOBAL ? ST_SCALE_G : s == SCALE_NATIONAL ? ST_SCALE_N : ST_SCALE_L;
}

static void draw_map(struct app *a)
{
    const struct ego_map *m = &ev.map;
    int ascii = draw_ascii_only();
    struct canvas c = {ev.mw, ev.mh, NULL, NULL, NULL, NULL, NULL};
    size_t cells = (size_t)c.w * (size_t)c.h;
    c.dots = xcalloc(cells, 1);
    c.stroke = xcalloc(cells, 1);
    c.style = xcalloc(cells, 1);
    c.mark = xcalloc(cells, sizeof *c.mark);
    c.mark_style = xcalloc(cells, 1);
    for (int pass = 0; pass < 2; pass++) /* the selected node's edges last, on top */
        for (uint32_t k = 0; k < m->n_edges; k++) {
            int mine = m->edge[k].a == ev.sel || m->edge[k].b == ev.sel;
            if (mine == pass)
                draw_edge(&c, m, &m->edge[k], ascii, mine);
        }
    for (int y = 0; y < c.h; y++)
        for (int x = 0; x < c.w; x++) {
            size_t i = (size_t)y * (size_t)c.w + (size_t)x;
            if (c.mark[i][0]) {
                wattrset(ev.win, (int)draw_attr((enum style)c.mark_style[i]));
                mvwaddstr(ev.win, y + 1, x, c.mark[i]);
            } else if (ascii ? c.stroke[i] != 0 : c.dots[i] != 0) {
                char cell[4];
                if (ascii) {
                    cell[0] = c.stroke[i];
                    cell[1] = '\0';
                } else {
                    unsigned cp = 0x2800u + c.dots[i];
                    cell[0] = (char)(0xe0 | cp >> 12);
                    cell[1] = (char)(0x80 | (cp >> 6 & 0x3f));
                    cell[2] = (char)(0x80 | (cp & 0x3f));
                    cell[3] = '\0';
                }
                wattrset(ev.win, (int)draw_attr((enum style)c.style[i]));
                mvwaddstr(ev.win, y + 1, x, cell);
            }
        }
    wattrset(ev.win, A_NORMAL);
    for (uint32_t i = 0; i < m->n_nodes; i++) {
        const struct layout_node *n = &m->node[i];
        if (n->x < 0)
            continue;
        attr_t row = i == ev.sel ? draw_attr(ST_CURSOR) : i == 0 ? A_BOLD : A_NORMAL;
        char mark[2] = {n->mixed ? '*' : vocab_scale_mark(n->scale), '\0'};
        draw_text(ev.win, n->y + 1, n->x, 1, mark, draw_cell(row, scale_style(n->scale)));
        draw_text(ev.win, n->y + 1, n->x + 1, 1, " ", row);
        draw_text(ev.win, n->y + 1, n->x + 2, n->label_w, layout_label(m, i),
                  n->firm == FIRM_NONE ? draw_merge(row, A_DIM) : row);
    }
    free(c.dots);
    free(c.stroke);
    free(c.style);
    free(c.mark);
    free(c.mark_style);
    (void)a;
}

static void draw_title(struct app *a)
{
    char buf[512];
    const struct ego_map *m = &ev.map;
    const char *id = dataset_firm_id(&a->ds, ev.center);
    int k = snprintf(buf, sizeof buf, "Ego map of %s · depth %u · %u firm%s, %u linkage%s", id, ev.depth,
                     m->ego_firms, m->ego_firms == 1 ? "" : "s", m->ego_links, m->ego_links == 1 ? "" : "s");
    if (m->n_groups && k > 0 && (size_t)k < sizeof buf)
        k += snprintf(buf + k, sizeof buf - (size_t)k, " · %u grouped by %s into %u dim nodes", m->grouped_firms,
                      m->group_by == LAYOUT_GROUP_SCALE ? "scale" : "industry", m->n_groups);
    if (m->hidden && k > 0 && (size_t)k < sizeof buf)
        snprintf(buf + k, sizeof buf - (size_t)k, " · %u not shown (no room)", m->hidden);
    if (draw_ascii_only())
        for (char *p = buf; (p = strstr(p, "\xc2\xb7")) != NULL; p++)
            p[0] = '|', memmove(p + 1, p + 2, strlen(p + 2) + 1);
    draw_text(ev.win, 0, 0, ev.w, buf, draw_attr(ST_HEADER));
}

/* The selected node's line: who it is, and the letters and arrows explained. */
static void draw_selected(struct app *a)
{
    char buf[512];
    const struct ego_map *m = &ev.map;
    const struct layout_node *n = &m->node[ev.sel];
    uint32_t links = 0;
    for (uint32_t k = 0; k < m->n_edges; k++)
        if (m->edge[k].a == ev.sel || m->edge[k].b == ev.sel)
            links += m->edge[k].count;
    if (n->firm != FIRM_NONE)
        snprintf(buf, sizeof buf, "%s %s · %s · %s · %u linkage%s on the map · Enter: centre here",
                 dataset_firm_id(&a->ds, n->firm), dataset_str(&a->ds, a->ds.firms.name[n->firm]),
                 vocab_scale_name(n->scale), dataset_str(&a->ds, a->ds.industry_name[a->ds.firms.industry[n->firm]]),
                 links, links == 1 ? "" : "s");
    else
        snprintf(buf, sizeof buf, "group of %u firm%s at distance %u · %u linkage%s · c: group by %s", n->count,
                 n->count == 1 ? "" : "s", n->dist, links, links == 1 ? "" : "s",
                 m->group_by == LAYOUT_GROUP_SCALE ? "industry" : "scale");
    if (draw_ascii_only())
        for (char *p = buf; (p = strstr(p, "\xc2\xb7")) != NULL; p++)
            p[0] = '|', memmove(p + 1, p + 2, strlen(p + 2) + 1);
    draw_text(ev.win, ev.h - 1, 0, ev.w, buf, draw_attr(ST_LABEL));
}

static void ego_draw(struct app *a)
{
    if (!ev.win)
        return;
    sync_map(a);
    if (!a->repaint)
        return;
    werase(ev.win);
    if (!ev.have_map) {
        char job[128] = "";
        if (ev.pending && !app_job_text(JOB_LAYOUT, job, sizeof job, NULL))
            snprintf(job, sizeof job, "laying out the ego map");
        draw_text(ev.win, 0, 0, ev.w, "Ego map", draw_attr(ST_HEADER));
        draw_text(ev.win, 2, 1, ev.w - 1,
                  ev.pending ? job
                  : ev.center != FIRM_NONE && a->ds.firms.n ? "stopped: press Enter to lay the map out again"
                  : a->ds.firms.n ? "no firm chosen: press e on a firm in the Firms view" : "no firms in this dataset",
                  draw_attr(ST_DIM));
        wnoutrefresh(ev.win);
        return;
    }
    draw_title(a);
    draw_map(a);
    draw_selected(a);
    wnoutrefresh(ev.win);
}

/* ---- keys ---- */

/* The node nearest the selection in a direction (a row counts as two columns),
 * preferring those within 45 degrees of it. */
static uint32_t neighbour(int ddx, int ddy)
{
    const struct ego_map *m = &ev.map;
    const struct layout_node *s = &m->node[ev.sel];
    uint32_t best = UINT32_MAX;
    long best_cost = 0;
    for (int pass = 0; pass < 2 && best == UINT32_MAX; pass++) {
        for (uint32_t i = 0; i < m->n_nodes; i++) {
            const struct layout_node *n = &m->node[i];
            if (i == ev.sel || n->x < 0)
                continue;
            long dx = node_anchor_x(n) - node_anchor_x(s), dy = 2L * (n->y - s->y);
            long along = ddx ? dx * ddx : dy * ddy, across = ddx ? labs(dy) : labs(dx);
            if (along <= 0 || (pass == 0 && across > along))
                continue;
            long cost = along + 2 * across;
            if (best == UINT32_MAX || cost < best_cost) {
                best = i;
                best_cost = cost;
            }
        }
    }
    return best;
}

static int ego_key(struct app *a, enum action act)
{
    if (!ev.have_map) {
        if (act == ACT_FOLLOW && ev.stopped) {
            ev.stale = 1;
            app_touch_all(a);
            return 1;
        }
        if (act == ACT_FOLLOW || act == ACT_EGO) {
            ego_view_show(a, firms_view_current(a));
            return 1;
        }
        return 0;
    }
    int ddx = 0, ddy = 0;
    switch (act) {
    case ACT_UP: ddy = -1; break;
    case ACT_DOWN: ddy = 1; break;
    case ACT_BACK:
        if (a->key == K_LEFT) {
            ddx = -1;
            break;
        }
        if (!ev.back.n) {
            app_message(a, ST_WARNING, "no earlier centre");
            return 1;
        }
        push(&ev.fwd, ev.center);
        set_center(a, ev.back.v[--ev.back.n], 0);
        return 1;
    case ACT_FORWARD:
        if (a->key == K_RIGHT) {
            ddx = 1;
            break;
        }
        if (!ev.fwd.n) {
            app_message(a, ST_WARNING, "no later centre");
            return 1;
        }
        push(&ev.back, ev.center);
        set_center(a, ev.fwd.v[--ev.fwd.n], 0);
        return 1;
    case ACT_HOME:
        ev.sel = 0;
        app_touch_all(a);
        return 1;
    case ACT_FOLLOW: {
        const struct layout_node *n = &ev.map.node[ev.sel];
        if (n->firm == FIRM_NONE) {
            app_message(a, ST_WARNING, "a group of %u firms: press c to group otherwise, - for depth 1", n->count);
            return 1;
        }
        if (ev.sel == 0) {
            firms_view_jump(a, n->firm);
            return 1;
        }
        set_center(a, n->firm, 1);
        return 1;
    }
    case ACT_EGO:
        return 1;
    case ACT_DEPTH_MORE: case ACT_DEPTH_LESS: {
        uint32_t d = act == ACT_DEPTH_MORE ? 2 : 1;
        if (d == ev.depth) {
            app_message(a, ST_WARNING, "depth is %u already (1 or 2)", d);
            return 1;
        }
        ev.depth = d;
        ev.sel = 0;
        ev.stale = 1;
        app_touch_all(a);
        return 1;
    }
    case ACT_GROUP:
        ev.group_by = ev.group_by == LAYOUT_GROUP_SCALE ? LAYOUT_GROUP_INDUSTRY : LAYOUT_GROUP_SCALE;
        ev.stale = 1;
        ev.sel = 0;
        app_touch_all(a);
        app_message(a, ST_NORMAL, "partners beyond what the screen holds grouped by %s",
                    ev.group_by == LAYOUT_GROUP_SCALE ? "scale" : "industry");
        return 1;
    default:
        return 0;
    }
    uint32_t to = neighbour(ddx, ddy);
    if (to != UINT32_MAX) {
        ev.sel = to;
        app_touch_all(a);
    }
    return 1;
}

/* ---- the view ---- */

static void ego_open(struct app *a)
{
    (void)a;
    ev.stale = 1; /* the layer or the data changed */
    if (ev.center != FIRM_NONE && ev.center >= a->ds.firms.n)
        ev.center = FIRM_NONE;
}

static void ego_layout(struct app *a, int y, int x, int h, int w)
{
    (void)a;
    if (ev.win)
        delwin(ev.win);
    ev.win = newwin(h, w, y, x);
    ev.y = y, ev.x = x, ev.h = h, ev.w = w;
}

static struct list *ego_focus(struct app *a)
{
    (void)a;
    return NULL;
}

static void ego_status(struct app *a, char *buf, size_t bufsz)
{
    (void)a;
    if (!ev.have_map)
        snprintf(buf, bufsz, "Ego map");
    else
        snprintf(buf, bufsz, "Ego map %u/%u", ev.sel + 1, ev.map.n_nodes);
}

static void ego_done(struct app *a)
{
    (void)a;
    if (ev.have_map)
        layout_ego_free(&ev.map);
    if (ev.work_n)
        paths_work_free(&ev.work);
    if (ev.win)
        delwin(ev.win);
    free(ev.back.v);
    free(ev.fwd.v);
    memset(&ev, 0, sizeof ev);
    ev.center = FIRM_NONE;
    ev.depth = 1;
}

static int ego_offers(struct app *a, enum action act)
{
    (void)a;
    /* Back is the history of centres; no list to sort, search or filter */
    return act != ACT_SORT && act != ACT_SEARCH && act != ACT_FILTER && act != ACT_NEXT_PANE;
}

const struct view_ops ego_view_ops = {
    "Ego map", ego_open, ego_layout, ego_draw, ego_key, ego_focus, ego_status, ego_done, ego_offers,
};
