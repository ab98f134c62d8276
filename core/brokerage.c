#include "brokerage.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

static const char *const role_names[BR_COUNT] = {"coordinator", "itinerant", "representative", "gatekeeper",
                                                 "liaison"};

const char *brokerage_role_name(unsigned r)
{
    return r < BR_COUNT ? role_names[r] : "";
}

/* Transposes rows (start/item over n nodes) into sorted rows of the reverse
 * relation: scanning the tails in ascending order appends them in order. */
static void transpose(uint32_t n, const uint32_t *start, const uint32_t *item, uint32_t **tstart_out,
                      uint32_t **titem_out)
{
    size_t m = start[n];
    uint32_t *tstart = xcalloc((size_t)n + 1, sizeof *tstart);
    uint32_t *titem = xmalloc((m ? m : 1) * sizeof *titem);
    for (size_t i = 0; i < m; i++)
        tstart[item[i] + 1]++;
    for (uint32_t v = 0; v < n; v++)
        tstart[v + 1] += tstart[v];
    uint32_t *pos = xmalloc(((size_t)n + 1) * sizeof *pos);
    memcpy(pos, tstart, ((size_t)n + 1) * sizeof *pos);
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t i = start[u]; i < start[u + 1]; i++)
            titem[pos[item[i]]++] = u;
    free(pos);
    *tstart_out = tstart;
    *titem_out = titem;
}

/* Sorted rows: drops repeats in place. */
static void dedupe_rows(uint32_t n, uint32_t *start, uint32_t *item)
{
    uint32_t w = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint32_t b = start[u], e = start[u + 1];
        start[u] = w;
        for (uint32_t i = b; i < e; i++)
            if (w == start[u] || item[w - 1] != item[i])
                item[w++] = item[i];
    }
    start[n] = w;
}

void brokerage_arcs_build(struct arc_graph *a, const struct dataset *ds, const struct graph *g,
                          const struct layer *L, const struct simple_graph *s)
{
    memset(a, 0, sizeof *a);
    uint32_t n = s->n;
    a->n = n;
    /* raw rows: one head per linkage end, repeats included, unsorted */
    uint32_t *rstart = xcalloc((size_t)n + 1, sizeof *rstart);
    for (uint32_t u = 0; u < n; u++) {
        uint32_t f = s->node_firm[u];
        size_t c = 0;
        for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++)
            c += L->link_on[g->out_link[i]] && g->out_nbr[i] != f;
        for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++)
            c += L->link_on[g->in_link[i]] && g->in_nbr[i] != f && !vocab_type_directed(ds->links.type[g->in_link[i]]);
        if ((uint64_t)rstart[u] + c > UINT32_MAX)
            xalloc_die("arc graph: more than 2^32 arcs");
        rstart[u + 1] = rstart[u] + (uint32_t)c;
    }
    uint32_t *raw = xmalloc((rstart[n] ? rstart[n] : 1) * sizeof *raw);
    for (uint32_t u = 0; u < n; u++) {
        uint32_t f = s->node_firm[u], p = rstart[u];
        for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++)
            if (L->link_on[g->out_link[i]] && g->out_nbr[i] != f)
                raw[p++] = s->firm_node[g->out_nbr[i]];
        for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++)
            if (L->link_on[g->in_link[i]] && g->in_nbr[i] != f && !vocab_type_directed(ds->links.type[g->in_link[i]]))
                raw[p++] = s->firm_node[g->in_nbr[i]];
    }
    transpose(n, rstart, raw, &a->in_start, &a->in);
    free(rstart);
    free(raw);
    dedupe_rows(n, a->in_start, a->in);
    transpose(n, a->in_start, a->in, &a->out_start, &a->out);
    a->m = a->out_start[n];
}

void brokerage_arcs_free(struct arc_graph *a)
{
    free(a->out_start);
    free(a->out);
    free(a->in_start);
    free(a->in);
    memset(a, 0, sizeof *a);
}

/* Position of v in the sorted row [lo, hi) of items, or UINT32_MAX. */
static uint32_t row_find(const uint32_t *item, uint32_t lo, uint32_t hi, uint32_t v)
{
    uint32_t end = hi;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (item[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < end && item[lo] == v ? lo : UINT32_MAX;
}

int brokerage_arc_exists(const struct arc_graph *a, uint32_t u, uint32_t v)
{
    return u < a->n && row_find(a->out, a->out_start[u], a->out_start[u + 1], v) != UINT32_MAX;
}

/* The role of b on a -> b -> c from the three groups, in the order sna tests them. */
static unsigned classify(uint32_t ga, uint32_t gb, uint32_t gc)
{
    if (ga == gb)
        return gb == gc ? BR_COORDINATOR : BR_REPRESENTATIVE;
    if (gb == gc)
        return BR_GATEKEEPER;
    return ga == gc ? BR_ITINERANT : BR_LIAISON;
}

void brokerage_roles(const struct arc_graph *a, const uint32_t *group, uint32_t n_groups,
                     struct broker_counts *out)
{
    uint32_t n = a->n;
    /* Per broker: every (in-neighbour, out-neighbour) pair is a two-path unless the
     * two are the same node (a mutual neighbour) or the pair is closed by an arc
     * a -> c. Open pairs are counted from group histograms; only the closed ones
     * are enumerated, and subtracted. */
    uint32_t *cin = xcalloc(n_groups ? n_groups : 1, sizeof *cin);
    uint32_t *cout = xcalloc(n_groups ? n_groups : 1, sizeof *cout);
    uint32_t *cmut = xcalloc(n_groups ? n_groups : 1, sizeof *cmut);
    uint32_t *touched = xmalloc(((size_t)n * 2 + 1) * sizeof *touched);
    uint32_t *stamp = xcalloc(n ? n : 1, sizeof *stamp); /* b+1 on out(b) */
    for (uint32_t b = 0; b < n; b++) {
        struct broker_counts *r = &out[b];
        memset(r, 0, sizeof *r);
        uint32_t gb = group[b], nt = 0;
        uint32_t ib = a->in_start[b], ie = a->in_start[b + 1];
        uint32_t ob = a->out_start[b], oe = a->out_start[b + 1];
        if (ib == ie || ob == oe)
            continue;
        for (uint32_t i = ob; i < oe; i++) {
            uint32_t c = a->out[i], k = group[c];
            stamp[c] = b + 1;
            if (!cin[k] && !cout[k] && !cmut[k])
                touched[nt++] = k;
            cout[k]++;
        }
        for (uint32_t i = ib; i < ie; i++) {
            uint32_t x = a->in[i], k = group[x];
            if (!cin[k] && !cout[k] && !cmut[k])
                touched[nt++] = k;
            cin[k]++;
            cmut[k] += stamp[x] == b + 1;
        }
        uint64_t I = ie - ib, O = oe - ob, ig = cin[gb], og = cout[gb], same = 0, itin = 0;
        for (uint32_t t = 0; t < nt; t++) {
            uint32_t k = touched[t];
            if (k != gb) {
                same += (uint64_t)cin[k] * cout[k];
                itin += (uint64_t)cin[k] * cout[k] - cmut[k];
            }
        }
        r->role[BR_COORDINATOR] = ig * og - cmut[gb];
        r->role[BR_REPRESENTATIVE] = ig * (O - og);
        r->role[BR_GATEKEEPER] = (I - ig) * og;
        r->role[BR_ITINERANT] = itin;
        r->role[BR_LIAISON] = (I - ig) * (O - og) - same;
        for (uint32_t t = 0; t < nt; t++) {
            uint32_t k = touched[t];
            cin[k] = cout[k] = cmut[k] = 0;
        }
        /* closed pairs: c in out(a) and out(b) */
        for (uint32_t i = ib; i < ie; i++) {
            uint32_t x = a->in[i], xb = a->out_start[x], xe = a->out_start[x + 1];
            if (xe - xb <= oe - ob) {
                for (uint32_t j = xb; j < xe; j++) {
                    uint32_t c = a->out[j];
                    if (stamp[c] == b + 1)
                        r->role[classify(group[x], gb, group[c])]--;
                }
            } else {
                for (uint32_t j = ob; j < oe; j++) {
                    uint32_t c = a->out[j];
                    if (row_find(a->out, xb, xe, c) != UINT32_MAX)
                        r->role[classify(group[x], gb, group[c])]--;
                }
            }
        }
        for (unsigned k = 0; k < BR_COUNT; k++)
            r->total += r->role[k];
    }
    free(cin);
    free(cout);
    free(cmut);
    free(touched);
    free(stamp);
}

void brokerage_gatekeeper_scores(const struct arc_graph *a, const struct simple_graph *s,
                                 const uint8_t *is_local, uint64_t *score, uint64_t *inbound,
                                 uint64_t *outbound, uint32_t *exclusive)
{
    uint32_t n = a->n;
    uint32_t *two = xmalloc((n ? n : 1) * sizeof *two);
    for (uint32_t v = 0; v < n; v++)
        two[v] = is_local[v] ? 0 : 1;
    struct broker_counts *bc = xmalloc((n ? n : 1) * sizeof *bc);
    brokerage_roles(a, two, 2, bc);
    uint32_t *excl = xcalloc(n ? n : 1, sizeof *excl);
    for (uint32_t x = 0; x < n; x++) {
        if (is_local[x])
            continue;
        uint32_t only = UINT32_MAX, count = 0;
        for (uint32_t i = s->start[x]; i < s->start[x + 1] && count < 2; i++)
            if (is_local[s->nbr[i]]) {
                only = s->nbr[i];
                count++;
            }
        if (count == 1)
            excl[only]++;
    }
    for (uint32_t v = 0; v < n; v++) {
        /* a non-local broker's roles with these two groups say nothing about the cluster */
        uint64_t in = is_local[v] ? bc[v].role[BR_GATEKEEPER] : 0, out = is_local[v] ? bc[v].role[BR_REPRESENTATIVE] : 0;
        score[v] = in + out + excl[v];
        if (inbound)
            inbound[v] = in;
        if (outbound)
            outbound[v] = out;
        if (exclusive)
            exclusive[v] = excl[v];
    }
    free(excl);
    free(bc);
    free(two);
}
