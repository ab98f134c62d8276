#include "egocluster.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { ARC_OUT = 1, ARC_IN = 2 }; /* firm -> partner, partner -> firm */
enum { PREFETCH = 12 };            /* entries ahead */
enum { HIT_AHEAD = 32 };           /* gathered ends ahead */

void egocluster_scratch_init(struct ego_scratch *sc, uint32_t n_firms)
{
    memset(sc, 0, sizeof *sc);
    size_t n = n_firms ? n_firms : 1;
    sc->n_firms = n_firms;
    sc->slot = xcalloc(n, sizeof *sc->slot);
    sc->is_partner = xcalloc((n + 63) / 64, sizeof *sc->is_partner);
}

void egocluster_scratch_free(struct ego_scratch *sc)
{
    free(sc->slot);
    free(sc->touched);
    free(sc->nbr);
    free(sc->wt);
    free(sc->indirect);
    free(sc->redund);
    free(sc->maxw);
    free(sc->arc);
    free(sc->group);
    free(sc->nonlocal);
    free(sc->hist);
    free(sc->is_partner);
    free(sc->hit);
    free(sc->hit_at);
    memset(sc, 0, sizeof *sc);
}

static uint32_t slot_pos(const struct ego_slot *s) { return s->pos_side >> 2; }
static unsigned slot_side(const struct ego_slot *s) { return s->pos_side & 3u; }

static void add_partner(struct ego_scratch *sc, uint32_t x, unsigned side, double w, uint32_t *k)
{
    struct ego_slot *sx = &sc->slot[x];
    if (!slot_pos(sx)) {
        if (*k + 1 > sc->val_cap) {
            if (*k + 1 >= 1u << 30)
                xalloc_die("egocluster: more than 2^30 partners");
            size_t cap = sc->val_cap;
            sc->wt = xgrow(sc->wt, &cap, *k + 1, sizeof *sc->wt);
            cap = sc->val_cap;
            sc->indirect = xgrow(sc->indirect, &cap, *k + 1, sizeof *sc->indirect);
            cap = sc->val_cap;
            sc->redund = xgrow(sc->redund, &cap, *k + 1, sizeof *sc->redund);
            cap = sc->val_cap;
            sc->maxw = xgrow(sc->maxw, &cap, *k + 1, sizeof *sc->maxw);
            cap = sc->val_cap;
            sc->group = xgrow(sc->group, &cap, *k + 1, sizeof *sc->group);
            cap = sc->val_cap;
            sc->nonlocal = xgrow(sc->nonlocal, &cap, *k + 1, sizeof *sc->nonlocal);
            cap = sc->val_cap;
            sc->arc = xgrow(sc->arc, &cap, *k + 1, sizeof *sc->arc);
            sc->val_cap = cap;
        }
        sc->nbr = xgrow(sc->nbr, &sc->nbr_cap, *k + 1, sizeof *sc->nbr);
        sc->nbr[*k] = x;
        sc->wt[*k] = 0;
        sc->indirect[*k] = sc->redund[*k] = 0;
        sc->arc[*k] = 0;
        ++*k;
        sx->pos_side = *k << 2;
        sc->is_partner[x >> 6] |= 1ull << (x & 63);
    }
    sx->pos_side |= side;
    sc->wt[slot_pos(sx) - 1] += w;
}

/* Scans partner w's linkages once: its pair weights into acc (for constraint), its
 * arcs to b's out-neighbours (closed two-paths through b), and whether it has a local
 * partner other than b (exclusive pipelines). */
struct scan_ctx {
    const struct dataset *ds;
    const struct layer *L;
    const struct firm_groups *gr;
    struct ego_scratch *sc;
    uint32_t b, w, nt;
    uint32_t deg;        /* the firm's partners */
    int w_in;            /* arc w -> b: closed pairs through w count */
    int want_local;      /* b is local and w is not: does w have another local partner? */
    int other_local;
    uint32_t group_w, group_b;  /* their groups */
    unsigned nonlocal_w, nonlocal_b;
    struct broker_counts *roles, *two;
};

static inline void scan_entry(struct scan_ctx *c, uint32_t e, uint32_t y, int arc)
{
    struct ego_scratch *sc = c->sc;
    const struct dataset *ds = c->ds;
    struct ego_slot *sy = &sc->slot[y];
    if (sy->stamp != sc->stamp) {
        sy->stamp = sc->stamp;
        sy->acc = 0;
        sc->touched[c->nt++] = y; /* sized for the partner's linkages beforehand */
    }
    sy->acc += dataset_link_weight(ds, e);
    if (c->want_local && y != c->b && ds->firms.scale[y] == SCALE_LOCAL)
        c->other_local = 1;
    /* arc < 0: an in-end whose type is read only when it matters */
    if (c->w_in && (slot_side(sy) & ARC_OUT) && sc->arc[slot_pos(sy) - 1] != sc->stamp &&
        (arc > 0 || (arc < 0 && !vocab_type_directed(ds->links.type[e])))) {
        uint32_t at = slot_pos(sy) - 1;
        sc->arc[at] = sc->stamp;
        c->roles->role[brokerage_classify(c->group_w, c->group_b, sc->group[at])]--;
        c->two->role[brokerage_classify(c->nonlocal_w, c->nonlocal_b, sc->nonlocal[at])]--;
    }
}

static void next_stamp(struct ego_scratch *sc)
{
    if (++sc->stamp == 0) {
        for (uint32_t f = 0; f < sc->n_firms; f++)
            sc->slot[f].stamp = 0;
        for (size_t k = 0; k < sc->val_cap; k++)
            sc->arc[k] = 0;
        sc->stamp = 1;
    }
}

/* The table's work slot: the same 16 bytes as ego_slot, stamped with the firm + 1 */
struct table_slot {
    uint32_t stamp;
    double acc;
};

/* Firm w's entries into t: its linkage ends in the order a partner's scan reads them
 * (out, then in), each pair weight summed as it is there, then the pairs in the
 * order they first came. */
static void table_firm(struct ego_table *t, const struct dataset *ds, const struct graph *g, const struct layer *L,
                       int all_on, struct table_slot *slot, uint32_t *touched, uint32_t w)
{
    uint32_t nt = 0, stamp = w + 1;
    unsigned locals = 0;
    for (int pass = 0; pass < 2; pass++) {
        const uint32_t *nbr = pass ? g->in_nbr : g->out_nbr, *link = pass ? g->in_link : g->out_link;
        for (uint32_t i = (pass ? g->in_start : g->out_start)[w], end = (pass ? g->in_start : g->out_start)[w + 1];
             i < end; i++) {
            if (i + PREFETCH < end) {
                __builtin_prefetch(&slot[nbr[i + PREFETCH]]);
                __builtin_prefetch(dataset_link_weight_at(ds, link[i + PREFETCH]));
                if (!all_on)
                    __builtin_prefetch(&L->link_on[link[i + PREFETCH]]);
            }
            uint32_t e = link[i], y = nbr[i];
            if (!(all_on || L->link_on[e]) || y == w)
                continue;
            struct table_slot *sy = &slot[y];
            if (sy->stamp != stamp) {
                sy->stamp = stamp;
                sy->acc = 0;
                touched[nt++] = y;
                if (locals < 2 && ds->firms.scale[y] == SCALE_LOCAL)
                    locals++;
            }
            sy->acc += dataset_link_weight(ds, e);
        }
    }
    double Ww = 0, Mw = 0;
    for (uint32_t k = 0; k < nt; k++) {
        double x = slot[touched[k]].acc;
        Ww += x;
        if (x > Mw)
            Mw = x;
    }
    t->total[w] = Ww;
    t->maxpair[w] = Mw;
    t->locals[w] = (uint8_t)locals;
}

int egocluster_table_build_p(struct ego_table *t, const struct dataset *ds, const struct graph *g,
                             const struct layer *L, struct progress *p)
{
    uint32_t n = g->n;
    size_t nn = n ? n : 1;
    memset(t, 0, sizeof *t);
    t->n_firms = n;
    t->total = xmalloc(nn * sizeof *t->total);
    t->maxpair = xmalloc(nn * sizeof *t->maxpair);
    t->locals = xmalloc(nn * sizeof *t->locals);
    struct table_slot *slot = xcalloc(nn, sizeof *slot);
    uint32_t maxdeg = 0;
    for (uint32_t w = 0; w < n; w++) {
        uint32_t d = (g->out_start[w + 1] - g->out_start[w]) + (g->in_start[w + 1] - g->in_start[w]);
        if (d > maxdeg)
            maxdeg = d;
    }
    uint32_t *touched = xmalloc(((size_t)maxdeg + 1) * sizeof *touched);
    int all_on = L->n_links == ds->links.n;
    progress_add_total(p, n);
    uint64_t pending = 0;
    int rc = progress_cancelled(p) ? -1 : 0; /* a small layer never reaches a tick's check */
    for (uint32_t w = 0; w < n && !rc; w++) {
        if (!L->firm_on[w]) {
            t->total[w] = t->maxpair[w] = 0;
            t->locals[w] = 0;
        } else {
            table_firm(t, ds, g, L, all_on, slot, touched, w);
        }
        if (progress_tick(p, &pending, 1)) {
            rc = -1;
            break;
        }
    }
    free(slot);
    free(touched);
    if (rc)
        egocluster_table_free(t);
    else
        progress_step(p, pending);
    return rc;
}

void egocluster_table_free(struct ego_table *t)
{
    free(t->total);
    free(t->maxpair);
    free(t->locals);
    memset(t, 0, sizeof *t);
}

void egocluster_from_cluster(struct ego_measures *m, const struct cluster *cl, uint32_t firm)
{
    memset(m, 0, sizeof *m);
    uint32_t v = firm < cl->s.n_firms ? cl->s.firm_node[firm] : SIMPLE_NONE;
    if (v == SIMPLE_NONE)
        return;
    const struct arc_graph *a = &cl->arcs;
    m->in_layer = 1;
    m->partners = simple_degree(&cl->s, v);
    m->arcs_out = a->out_start[v + 1] - a->out_start[v];
    m->arcs_in = a->in_start[v + 1] - a->in_start[v];
    /* successors that are predecessors too: v's two rows are sorted (the arc graph's
     * transposes), so one merge, where a look-up in each partner's row cost a cache
     * miss apiece */
    const uint32_t *o = a->out, *in = a->in;
    uint32_t i = a->out_start[v], ie = a->out_start[v + 1], k = a->in_start[v], ke = a->in_start[v + 1];
    while (i < ie && k < ke) {
        if (o[i] < in[k])
            i++;
        else if (in[k] < o[i])
            k++;
        else
            m->arcs_mutual++, i++, k++;
    }
    m->roles = cl->roles[v];
    m->is_local = cl->is_local[v];
    m->gatekeeper_score = cl->gatekeeper_score[v];
    m->pipeline_in = cl->pipeline_in[v];
    m->pipeline_out = cl->pipeline_out[v];
    m->exclusive = cl->exclusive[v];
    m->constraint = cl->constraint[v];
    m->effective_size = cl->effective_size[v];
}

uint64_t egocluster_firm_cost(const struct graph *g, uint32_t b)
{
    if (b >= g->n)
        return 0;
    uint64_t c = 0;
    for (uint32_t i = g->out_start[b]; i < g->out_start[b + 1]; i++) {
        uint32_t x = g->out_nbr[i];
        c += 1 + (uint64_t)(g->out_start[x + 1] - g->out_start[x]) + (g->in_start[x + 1] - g->in_start[x]);
    }
    for (uint32_t i = g->in_start[b]; i < g->in_start[b + 1]; i++) {
        uint32_t x = g->in_nbr[i];
        c += 1 + (uint64_t)(g->out_start[x + 1] - g->out_start[x]) + (g->in_start[x + 1] - g->in_start[x]);
    }
    return c;
}

void egocluster_firm(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                     const struct layer *L, const struct firm_groups *gr, uint32_t b, struct ego_scratch *sc)
{
    egocluster_firm_tp(m, ds, g, L, gr, NULL, b, sc, NULL);
}

int egocluster_firm_p(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                      const struct layer *L, const struct firm_groups *gr, uint32_t b, struct ego_scratch *sc,
                      struct progress *p)
{
    return egocluster_firm_tp(m, ds, g, L, gr, NULL, b, sc, p);
}

static inline int is_partner(const struct ego_scratch *sc, uint32_t y)
{
    return (sc->is_partner[y >> 6] >> (y & 63)) & 1;
}

/* With the table, a partner's linkages that matter are those to the firm's other
 * partners. They are picked first for every partner (the partner ids read in
 * sequence and a bit each tested), the partners' own records asked for a few
 * partners ahead; then the picked ones are worked through with their weights,
 * types and slots asked for a few ends ahead across partners: most partners have
 * only a few such ends, too few to hide a miss within one partner's. */
/* Macros, not functions: gcc takes a function that only prefetches for one without
 * effects and drops its calls. */
#define PREFETCH_PARTNER_META(x)                                                                                       \
    do {                                                                                                               \
        __builtin_prefetch(&g->out_start[x]);                                                                          \
        __builtin_prefetch(&g->in_start[x]);                                                                           \
        __builtin_prefetch(&t->total[x]);                                                                              \
        __builtin_prefetch(&t->maxpair[x]);                                                                            \
        __builtin_prefetch(&t->locals[x]);                                                                             \
    } while (0)
#define PREFETCH_PARTNER_IDS(x)                                                                                        \
    do {                                                                                                               \
        uint32_t o_ = g->out_start[x], i_ = g->in_start[x];                                                            \
        __builtin_prefetch(&g->out_nbr[o_]);                                                                           \
        __builtin_prefetch(&g->out_nbr[o_] + 16);                                                                      \
        __builtin_prefetch(&g->out_link[o_]);                                                                          \
        __builtin_prefetch(&g->out_link[o_] + 16);                                                                     \
        __builtin_prefetch(&g->in_nbr[i_]);                                                                            \
        __builtin_prefetch(&g->in_nbr[i_] + 16);                                                                       \
        __builtin_prefetch(&g->in_link[i_]);                                                                           \
        __builtin_prefetch(&g->in_link[i_] + 16);                                                                      \
    } while (0)
enum { AHEAD_META = 16, AHEAD_IDS = 8 }; /* partners ahead */

/* Fills sc->hit with, partner by partner, its ends to other partners (out, then in)
 * and sc->hit_at[2k], [2k + 1], [2k + 2] with where partner k's out and in ends
 * start and end. Returns -1 when p was cancelled. */
static int gather_hits(struct ego_scratch *sc, const struct graph *g, const struct ego_table *t, uint32_t deg,
                       struct progress *p)
{
    sc->hit_at = xgrow(sc->hit_at, &sc->hit_at_cap, 2 * (size_t)deg + 1, sizeof *sc->hit_at);
    size_t nh = 0;
    for (uint32_t k = 0; k < deg; k++) {
        if (k % 256 == 255 && progress_step(p, 0) != 0)
            return -1;
        if (k + AHEAD_META < deg)
            PREFETCH_PARTNER_META(sc->nbr[k + AHEAD_META]);
        if (k + AHEAD_IDS < deg)
            PREFETCH_PARTNER_IDS(sc->nbr[k + AHEAD_IDS]);
        uint32_t w = sc->nbr[k];
        size_t dw = (size_t)(g->out_start[w + 1] - g->out_start[w]) + (g->in_start[w + 1] - g->in_start[w]);
        sc->hit = xgrow(sc->hit, &sc->hit_cap, nh + dw + 1, sizeof *sc->hit);
        struct ego_hit *hit = sc->hit;
        for (int in = 0; in < 2; in++) {
            sc->hit_at[2 * (size_t)k + (size_t)in] = nh;
            const uint32_t *nbr = in ? g->in_nbr : g->out_nbr, *link = in ? g->in_link : g->out_link;
            for (uint32_t i = (in ? g->in_start : g->out_start)[w], end = (in ? g->in_start : g->out_start)[w + 1];
                 i < end; i++) {
                uint32_t y = nbr[i];
                if (is_partner(sc, y) && y != w) {
                    hit[nh].y = y;
                    hit[nh].e = link[i];
                    nh++;
                }
            }
        }
    }
    sc->hit_at[2 * (size_t)deg] = nh;
    return 0;
}

#define PREFETCH_HIT(h)                                                                                                \
    do {                                                                                                               \
        __builtin_prefetch(&sc->slot[(h)->y]);                                                                         \
        __builtin_prefetch(dataset_link_weight_at(ds, (h)->e));                                                                 \
        if (!all_on)                                                                                                   \
            __builtin_prefetch(&L->link_on[(h)->e]);                                                                   \
    } while (0)

/* Partner k's ends gathered by gather_hits. */
static void scan_partner_hits(struct scan_ctx *c, uint32_t k, int all_on)
{
    const struct ego_scratch *sc = c->sc;
    const struct dataset *ds = c->ds;
    const struct layer *L = c->L;
    const struct ego_hit *hit = sc->hit;
    size_t h = sc->hit_at[2 * (size_t)k], in_at = sc->hit_at[2 * (size_t)k + 1], end = sc->hit_at[2 * (size_t)k + 2],
           last = sc->hit_at[2 * (size_t)c->deg];
    for (; h < end; h++) {
        if (h + HIT_AHEAD < last)
            PREFETCH_HIT(&hit[h + HIT_AHEAD]);
        uint32_t e = hit[h].e;
        if (all_on || L->link_on[e])
            scan_entry(c, e, hit[h].y, h < in_at ? 1 : -1);
    }
}

static void scan_partner_full(struct scan_ctx *c, const struct graph *g, int all_on)
{
    const struct dataset *ds = c->ds;
    const struct layer *L = c->L;
    struct ego_scratch *sc = c->sc;
    uint32_t w = c->w;
    /* the ends and the linkages are far apart in memory: asking for them a few
     * entries ahead overlaps the misses (three times faster on a hub at L) */
    for (uint32_t i = g->out_start[w], end = g->out_start[w + 1]; i < end; i++) {
        if (i + PREFETCH < end) {
            __builtin_prefetch(&sc->slot[g->out_nbr[i + PREFETCH]]);
            __builtin_prefetch(dataset_link_weight_at(ds, g->out_link[i + PREFETCH]));
            if (!all_on)
                __builtin_prefetch(&L->link_on[g->out_link[i + PREFETCH]]);
        }
        uint32_t e = g->out_link[i], y = g->out_nbr[i];
        if ((all_on || L->link_on[e]) && y != w)
            scan_entry(c, e, y, 1);
    }
    for (uint32_t i = g->in_start[w], end = g->in_start[w + 1]; i < end; i++) {
        if (i + PREFETCH < end) {
            __builtin_prefetch(&sc->slot[g->in_nbr[i + PREFETCH]]);
            __builtin_prefetch(dataset_link_weight_at(ds, g->in_link[i + PREFETCH]));
            __builtin_prefetch(&ds->links.type[g->in_link[i + PREFETCH]]);
            if (!all_on)
                __builtin_prefetch(&L->link_on[g->in_link[i + PREFETCH]]);
        }
        uint32_t e = g->in_link[i], y = g->in_nbr[i];
        if ((all_on || L->link_on[e]) && y != w)
            scan_entry(c, e, y, !vocab_type_directed(ds->links.type[e]));
    }
}

/* The firm's partners into sc (nbr, wt, their slots' side bits and is_partner);
 * returns how many. */
static uint32_t find_partners(struct ego_scratch *sc, const struct dataset *ds, const struct graph *g,
                              const struct layer *L, uint32_t b)
{
    uint32_t deg = 0;
    for (uint32_t i = g->out_start[b]; i < g->out_start[b + 1]; i++) {
        uint32_t e = g->out_link[i], x = g->out_nbr[i];
        if (L->link_on[e] && x != b)
            add_partner(sc, x, vocab_type_directed(ds->links.type[e]) ? ARC_OUT : ARC_OUT | ARC_IN,
                        dataset_link_weight(ds, e), &deg);
    }
    for (uint32_t i = g->in_start[b]; i < g->in_start[b + 1]; i++) {
        uint32_t e = g->in_link[i], x = g->in_nbr[i];
        if (L->link_on[e] && x != b)
            add_partner(sc, x, vocab_type_directed(ds->links.type[e]) ? ARC_IN : ARC_OUT | ARC_IN,
                        dataset_link_weight(ds, e), &deg);
    }
    return deg;
}

/* Open two-paths from the group histograms, for the groups (into m->roles) and for
 * local/non-local (into two); the arc counts into m. */
static void open_paths(struct ego_measures *m, struct broker_counts *two, struct ego_scratch *sc,
                       const struct dataset *ds, const struct firm_groups *gr, uint32_t b, uint32_t deg)
{
    uint32_t ng = gr->count ? gr->count : 1;
    size_t nh = 3 * (size_t)ng + 6;
    sc->hist = xgrow(sc->hist, &sc->hist_cap, nh, sizeof *sc->hist);
    uint32_t *hist = sc->hist;
    memset(hist, 0, nh * sizeof *hist);
    uint32_t *cin = hist, *cout = hist + ng, *cmut = hist + 2 * (size_t)ng, *h2 = hist + 3 * (size_t)ng;
    uint64_t I = 0, O = 0;
    for (uint32_t k = 0; k < deg; k++) {
        uint32_t x = sc->nbr[k], gx = gr->of[x], lx = ds->firms.scale[x] != SCALE_LOCAL;
        sc->group[k] = gx;
        sc->nonlocal[k] = (uint8_t)lx;
        unsigned s = slot_side(&sc->slot[x]);
        if (s & ARC_IN)
            I++, cin[gx]++, h2[lx]++;
        if (s & ARC_OUT)
            O++, cout[gx]++, h2[2 + lx]++;
        if ((s & (ARC_IN | ARC_OUT)) == (ARC_IN | ARC_OUT))
            cmut[gx]++, h2[4 + lx]++, m->arcs_mutual++;
    }
    m->arcs_in = (uint32_t)I;
    m->arcs_out = (uint32_t)O;
    memset(two, 0, sizeof *two);
    if (I && O) {
        brokerage_open_roles(&m->roles, cin, cout, cmut, NULL, gr->count, gr->of[b], I, O);
        brokerage_open_roles(two, h2, h2 + 2, h2 + 4, NULL, 2, !m->is_local, I, O);
    }
}

/* One pass over each partner's linkages (all of them, or with t the gathered ones):
 * the closed two-paths off the roles, the indirect ties and redundancy of each
 * partner, the exclusive pipelines. Returns -1 when p was cancelled. */
static int scan_partners(struct ego_measures *m, struct broker_counts *two, struct ego_scratch *sc,
                         const struct dataset *ds, const struct graph *g, const struct layer *L,
                         const struct firm_groups *gr, const struct ego_table *t, uint32_t b, uint32_t deg,
                         double Wb, struct progress *p)
{
    /* a layer of every linkage needs no look at its mask */
    int all_on = L->n_links == ds->links.n;
    struct scan_ctx c = {.ds = ds, .L = L, .gr = gr, .sc = sc, .b = b, .deg = deg, .roles = &m->roles, .two = two,
                         .group_b = gr->of[b], .nonlocal_b = !m->is_local};
    int open = m->arcs_in && m->arcs_out;
    if (t)
        for (size_t h = 0; h < HIT_AHEAD && h < sc->hit_at[2 * (size_t)deg]; h++)
            PREFETCH_HIT(&sc->hit[h]);
    for (uint32_t k = 0; k < deg; k++) {
        /* a hub's partners scan millions of linkage ends: ask now and then */
        if (k % 64 == 63 && progress_step(p, 64))
            return -1;
        uint32_t w = sc->nbr[k];
        next_stamp(sc);
        c.w = w;
        c.nt = 0;
        c.w_in = open && (slot_side(&sc->slot[w]) & ARC_IN);
        c.group_w = sc->group[k];
        c.nonlocal_w = sc->nonlocal[k];
        int want_local = m->is_local && ds->firms.scale[w] != SCALE_LOCAL;
        double Ww = 0, Mw = 0;
        if (t) {
            c.want_local = 0;
            size_t nk = sc->hit_at[2 * (size_t)k + 2] - sc->hit_at[2 * (size_t)k];
            sc->touched = xgrow(sc->touched, &sc->touched_cap, nk + 1, sizeof *sc->touched);
            scan_partner_hits(&c, k, all_on);
            c.other_local = t->locals[w] >= 2; /* b is one of them */
            Ww = t->total[w];
            Mw = t->maxpair[w];
        } else {
            c.want_local = want_local;
            c.other_local = 0;
            size_t dw = (size_t)(g->out_start[w + 1] - g->out_start[w]) + (g->in_start[w + 1] - g->in_start[w]);
            sc->touched = xgrow(sc->touched, &sc->touched_cap, dw + 1, sizeof *sc->touched);
            scan_partner_full(&c, g, all_on);
            for (uint32_t i = 0; i < c.nt; i++) {
                double x = sc->slot[sc->touched[i]].acc;
                Ww += x;
                if (x > Mw)
                    Mw = x;
            }
        }
        sc->maxw[k] = Mw;
        double pbw = sc->wt[k] / Wb, pw = 1.0 / Ww;
        for (uint32_t i = 0; i < c.nt; i++) {
            const struct ego_slot *sy = &sc->slot[sc->touched[i]];
            uint32_t at = slot_pos(sy);
            if (at) {
                sc->indirect[at - 1] += pbw * sy->acc * pw;
                sc->redund[at - 1] += pbw * sy->acc;
            }
        }
        if (want_local && !c.other_local)
            m->exclusive++;
    }
    return 0;
}

int egocluster_firm_tp(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                       const struct layer *L, const struct firm_groups *gr, const struct ego_table *t, uint32_t b,
                       struct ego_scratch *sc, struct progress *p)
{
    memset(m, 0, sizeof *m);
    m->constraint = m->effective_size = NAN;
    if (b >= g->n || !L->firm_on[b])
        return 0;
    if (t && t->n_firms != g->n)
        t = NULL; /* not this graph's */
    m->in_layer = 1;
    m->is_local = ds->firms.scale[b] == SCALE_LOCAL;
    uint32_t deg = find_partners(sc, ds, g, L, b);
    m->partners = deg;
    struct broker_counts two;
    open_paths(m, &two, sc, ds, gr, b, deg);
    double Wb = 0;
    for (uint32_t k = 0; k < deg; k++)
        Wb += sc->wt[k];
    progress_add_total(p, deg);
    int stopped = t && gather_hits(sc, g, t, deg, p) != 0;
    if (!stopped)
        stopped = scan_partners(m, &two, sc, ds, g, L, gr, t, b, deg, Wb, p) != 0;
    for (unsigned r = 0; r < BR_COUNT; r++)
        m->roles.total += m->roles.role[r];
    if (m->is_local) {
        m->pipeline_in = two.role[BR_GATEKEEPER];
        m->pipeline_out = two.role[BR_REPRESENTATIVE];
        m->gatekeeper_score = m->pipeline_in + m->pipeline_out + m->exclusive;
    }
    if (deg) {
        double cons = 0, eff = 0;
        for (uint32_t k = 0; k < deg; k++) {
            double local = sc->wt[k] / Wb + sc->indirect[k];
            cons += local * local;
            eff += 1.0 - sc->redund[k] / sc->maxw[k];
        }
        m->constraint = cons;
        m->effective_size = eff;
    }
    for (uint32_t k = 0; k < deg; k++) {
        uint32_t x = sc->nbr[k];
        sc->slot[x].pos_side = 0;
        sc->is_partner[x >> 6] = 0; /* the word may hold other partners, cleared too */
    }
    progress_set_done(p, deg);
    if (stopped) {
        memset(m, 0, sizeof *m);
        m->constraint = m->effective_size = NAN;
        return -1;
    }
    return 0;
}
