#include "egocluster.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { ARC_OUT = 1, ARC_IN = 2 }; /* firm -> partner, partner -> firm */
enum { PREFETCH = 12 };            /* entries ahead */

void egocluster_scratch_init(struct ego_scratch *sc, uint32_t n_firms)
{
    memset(sc, 0, sizeof *sc);
    size_t n = n_firms ? n_firms : 1;
    sc->n_firms = n_firms;
    sc->slot = xcalloc(n, sizeof *sc->slot);
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
    free(sc->hist);
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
    int w_in;            /* arc w -> b: closed pairs through w count */
    int want_local;      /* b is local and w is not: does w have another local partner? */
    int other_local;
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
    sy->acc += ds->links.weight[e];
    if (c->want_local && y != c->b && ds->firms.scale[y] == SCALE_LOCAL)
        c->other_local = 1;
    if (arc && c->w_in && (slot_side(sy) & ARC_OUT) && sc->arc[slot_pos(sy) - 1] != sc->stamp) {
        sc->arc[slot_pos(sy) - 1] = sc->stamp;
        const uint32_t *of = c->gr->of;
        c->roles->role[brokerage_classify(of[c->w], of[c->b], of[y])]--;
        unsigned lw = ds->firms.scale[c->w] != SCALE_LOCAL, lb = ds->firms.scale[c->b] != SCALE_LOCAL,
                 ly = ds->firms.scale[y] != SCALE_LOCAL;
        c->two->role[brokerage_classify(lw, lb, ly)]--;
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
    egocluster_firm_p(m, ds, g, L, gr, b, sc, NULL);
}

int egocluster_firm_p(struct ego_measures *m, const struct dataset *ds, const struct graph *g,
                      const struct layer *L, const struct firm_groups *gr, uint32_t b, struct ego_scratch *sc,
                      struct progress *p)
{
    memset(m, 0, sizeof *m);
    m->constraint = m->effective_size = NAN;
    if (b >= g->n || !L->firm_on[b])
        return 0;
    m->in_layer = 1;
    m->is_local = ds->firms.scale[b] == SCALE_LOCAL;

    /* the partners, which side each arc is on, and the pair weights */
    uint32_t deg = 0;
    for (uint32_t i = g->out_start[b]; i < g->out_start[b + 1]; i++) {
        uint32_t e = g->out_link[i], x = g->out_nbr[i];
        if (L->link_on[e] && x != b)
            add_partner(sc, x, vocab_type_directed(ds->links.type[e]) ? ARC_OUT : ARC_OUT | ARC_IN,
                        ds->links.weight[e], &deg);
    }
    for (uint32_t i = g->in_start[b]; i < g->in_start[b + 1]; i++) {
        uint32_t e = g->in_link[i], x = g->in_nbr[i];
        if (L->link_on[e] && x != b)
            add_partner(sc, x, vocab_type_directed(ds->links.type[e]) ? ARC_IN : ARC_OUT | ARC_IN,
                        ds->links.weight[e], &deg);
    }
    m->partners = deg;

    /* open two-paths from the group histograms, for the groups and for local/non-local */
    uint32_t ng = gr->count ? gr->count : 1;
    size_t nh = 3 * (size_t)ng + 6;
    sc->hist = xgrow(sc->hist, &sc->hist_cap, nh, sizeof *sc->hist);
    uint32_t *hist = sc->hist;
    memset(hist, 0, nh * sizeof *hist);
    uint32_t *cin = hist, *cout = hist + ng, *cmut = hist + 2 * (size_t)ng, *h2 = hist + 3 * (size_t)ng;
    uint64_t I = 0, O = 0;
    for (uint32_t k = 0; k < deg; k++) {
        uint32_t x = sc->nbr[k], gx = gr->of[x], lx = ds->firms.scale[x] != SCALE_LOCAL;
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
    struct broker_counts two;
    memset(&two, 0, sizeof two);
    if (I && O) {
        brokerage_open_roles(&m->roles, cin, cout, cmut, NULL, gr->count, gr->of[b], I, O);
        brokerage_open_roles(&two, h2, h2 + 2, h2 + 4, NULL, 2, !m->is_local, I, O);
    }

    /* one pass over each partner's linkages */
    double Wb = 0;
    for (uint32_t k = 0; k < deg; k++)
        Wb += sc->wt[k];
    /* a layer of every linkage needs no look at its mask */
    int all_on = L->n_links == ds->links.n;
    struct scan_ctx c = {ds, L, gr, sc, b, 0, 0, 0, 0, 0, &m->roles, &two};
    progress_add_total(p, deg);
    int stopped = 0;
    for (uint32_t k = 0; k < deg && !stopped; k++) {
        /* a hub's partners scan millions of linkage ends: ask now and then */
        if (k % 64 == 63 && progress_step(p, 64))
            stopped = 1;
        uint32_t w = sc->nbr[k];
        next_stamp(sc);
        c.w = w;
        c.nt = 0;
        c.w_in = I && O && (slot_side(&sc->slot[w]) & ARC_IN);
        c.want_local = m->is_local && ds->firms.scale[w] != SCALE_LOCAL;
        c.other_local = 0;
        size_t dw = (size_t)(g->out_start[w + 1] - g->out_start[w]) + (g->in_start[w + 1] - g->in_start[w]);
        sc->touched = xgrow(sc->touched, &sc->touched_cap, dw + 1, sizeof *sc->touched);
        /* the ends and the linkages are far apart in memory: asking for them a few
         * entries ahead overlaps the misses (three times faster on a hub at L) */
        for (uint32_t i = g->out_start[w], end = g->out_start[w + 1]; i < end; i++) {
            if (i + PREFETCH < end) {
                __builtin_prefetch(&sc->slot[g->out_nbr[i + PREFETCH]]);
                __builtin_prefetch(&ds->links.weight[g->out_link[i + PREFETCH]]);
                if (!all_on)
                    __builtin_prefetch(&L->link_on[g->out_link[i + PREFETCH]]);
            }
            uint32_t e = g->out_link[i], y = g->out_nbr[i];
            if ((all_on || L->link_on[e]) && y != w)
                scan_entry(&c, e, y, 1);
        }
        for (uint32_t i = g->in_start[w], end = g->in_start[w + 1]; i < end; i++) {
            if (i + PREFETCH < end) {
                __builtin_prefetch(&sc->slot[g->in_nbr[i + PREFETCH]]);
                __builtin_prefetch(&ds->links.weight[g->in_link[i + PREFETCH]]);
                __builtin_prefetch(&ds->links.type[g->in_link[i + PREFETCH]]);
                if (!all_on)
                    __builtin_prefetch(&L->link_on[g->in_link[i + PREFETCH]]);
            }
            uint32_t e = g->in_link[i], y = g->in_nbr[i];
            if ((all_on || L->link_on[e]) && y != w)
                scan_entry(&c, e, y, !vocab_type_directed(ds->links.type[e]));
        }
        double Ww = 0, Mw = 0;
        for (uint32_t t = 0; t < c.nt; t++) {
            double x = sc->slot[sc->touched[t]].acc;
            Ww += x;
            if (x > Mw)
                Mw = x;
        }
        sc->maxw[k] = Mw;
        double pbw = sc->wt[k] / Wb, pw = 1.0 / Ww;
        for (uint32_t t = 0; t < c.nt; t++) {
            const struct ego_slot *sy = &sc->slot[sc->touched[t]];
            uint32_t at = slot_pos(sy);
            if (at) {
                sc->indirect[at - 1] += pbw * sy->acc * pw;
                sc->redund[at - 1] += pbw * sy->acc;
            }
        }
        if (c.want_local && !c.other_local)
            m->exclusive++;
    }
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
    for (uint32_t k = 0; k < deg; k++)
        sc->slot[sc->nbr[k]].pos_side = 0;
    progress_set_done(p, deg);
    if (stopped) {
        memset(m, 0, sizeof *m);
        m->constraint = m->effective_size = NAN;
        return -1;
    }
    return 0;
}
