#include "brokerage.h"
#include "xalloc.h"
#include <math.h>
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
    brokerage_arcs_build_p(a, ds, g, L, s, NULL);
}

int brokerage_arcs_build_p(struct arc_graph *a, const struct dataset *ds, const struct graph *g,
                           const struct layer *L, const struct simple_graph *s, struct progress *p)
{
    memset(a, 0, sizeof *a);
    uint32_t n = s->n;
    a->n = n;
    /* raw rows: one head per linkage end, repeats included, unsorted */
    uint32_t *rstart = xcalloc((size_t)n + 1, sizeof *rstart);
    for (uint32_t u = 0; u < n; u++) {
        if (u % PROGRESS_EVERY == 0 && progress_cancelled(p)) {
            free(rstart);
            return -1;
        }
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
    uint64_t pending = 0;
    for (uint32_t u = 0; u < n; u++) {
        if (progress_tick(p, &pending, 1)) {
            free(rstart);
            free(raw);
            return -1;
        }
        uint32_t f = s->node_firm[u], at = rstart[u];
        for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++)
            if (L->link_on[g->out_link[i]] && g->out_nbr[i] != f)
                raw[at++] = s->firm_node[g->out_nbr[i]];
        for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++)
            if (L->link_on[g->in_link[i]] && g->in_nbr[i] != f && !vocab_type_directed(ds->links.type[g->in_link[i]]))
                raw[at++] = s->firm_node[g->in_nbr[i]];
    }
    transpose(n, rstart, raw, &a->in_start, &a->in);
    free(rstart);
    free(raw);
    dedupe_rows(n, a->in_start, a->in);
    transpose(n, a->in_start, a->in, &a->out_start, &a->out);
    a->m = a->out_start[n];
    progress_step(p, pending);
    if (progress_cancelled(p)) {
        brokerage_arcs_free(a);
        return -1;
    }
    return 0;
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
unsigned brokerage_classify(uint32_t ga, uint32_t gb, uint32_t gc)
{
    if (ga == gb)
        return gb == gc ? BR_COORDINATOR : BR_REPRESENTATIVE;
    if (gb == gc)
        return BR_GATEKEEPER;
    return ga == gc ? BR_ITINERANT : BR_LIAISON;
}

void brokerage_open_roles(struct broker_counts *r, const uint32_t *cin, const uint32_t *cout, const uint32_t *cmut,
                          const uint32_t *groups, uint32_t n_listed, uint32_t gb, uint64_t I, uint64_t O)
{
    uint64_t ig = cin[gb], og = cout[gb], same = 0, itin = 0;
    for (uint32_t t = 0; t < n_listed; t++) {
        uint32_t k = groups ? groups[t] : t;
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
}

void brokerage_roles(const struct arc_graph *a, const uint32_t *group, uint32_t n_groups,
                     struct broker_counts *out)
{
    brokerage_roles_p(a, group, n_groups, out, NULL);
}

int brokerage_roles_p(const struct arc_graph *a, const uint32_t *group, uint32_t n_groups,
                      struct broker_counts *out, struct progress *p)
{
    uint32_t n = a->n;
    uint64_t pending = 0;
    int stopped = 0;
    /* Per broker: every (in-neighbour, out-neighbour) pair is a two-path unless the
     * two are the same node (a mutual neighbour) or the pair is closed by an arc
     * a -> c. Open pairs are counted from group histograms; only the closed ones
     * are enumerated, and subtracted. */
    uint32_t *cin = xcalloc(n_groups ? n_groups : 1, sizeof *cin);
    uint32_t *cout = xcalloc(n_groups ? n_groups : 1, sizeof *cout);
    uint32_t *cmut = xcalloc(n_groups ? n_groups : 1, sizeof *cmut);
    uint32_t *touched = xmalloc(((size_t)n * 2 + 1) * sizeof *touched);
    uint32_t *stamp = xcalloc(n ? n : 1, sizeof *stamp); /* b+1 on out(b) */
    for (uint32_t b = 0; b < n && !stopped; b++) {
        struct broker_counts *r = &out[b];
        memset(r, 0, sizeof *r);
        uint32_t gb = group[b], nt = 0;
        uint32_t ib = a->in_start[b], ie = a->in_start[b + 1];
        uint32_t ob = a->out_start[b], oe = a->out_start[b + 1];
        if (progress_tick(p, &pending, 1 + (uint64_t)(ie - ib))) {
            stopped = 1;
            break;
        }
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
        brokerage_open_roles(r, cin, cout, cmut, touched, nt, gb, ie - ib, oe - ob);
        for (uint32_t t = 0; t < nt; t++) {
            uint32_t k = touched[t];
            cin[k] = cout[k] = cmut[k] = 0;
        }
        /* closed pairs: c in out(a) and out(b) */
        for (uint32_t i = ib; i < ie; i++) {
            /* a hub's closed pairs alone can take seconds: ask within them too */
            if ((i - ib) % 256 == 255 && progress_cancelled(p)) {
                stopped = 1;
                break;
            }
            uint32_t x = a->in[i], xb = a->out_start[x], xe = a->out_start[x + 1];
            if (xe - xb <= oe - ob) {
                for (uint32_t j = xb; j < xe; j++) {
                    uint32_t c = a->out[j];
                    if (stamp[c] == b + 1)
                        r->role[brokerage_classify(group[x], gb, group[c])]--;
                }
            } else {
                for (uint32_t j = ob; j < oe; j++) {
                    uint32_t c = a->out[j];
                    if (row_find(a->out, xb, xe, c) != UINT32_MAX)
                        r->role[brokerage_classify(group[x], gb, group[c])]--;
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
    progress_step(p, pending);
    return stopped || progress_cancelled(p) ? -1 : 0;
}

void brokerage_gatekeeper_scores(const struct arc_graph *a, const struct simple_graph *s,
                                 const uint8_t *is_local, uint64_t *score, uint64_t *inbound,
                                 uint64_t *outbound, uint32_t *exclusive)
{
    brokerage_gatekeeper_scores_p(a, s, is_local, score, inbound, outbound, exclusive, NULL);
}

int brokerage_gatekeeper_scores_p(const struct arc_graph *a, const struct simple_graph *s,
                                  const uint8_t *is_local, uint64_t *score, uint64_t *inbound,
                                  uint64_t *outbound, uint32_t *exclusive, struct progress *p)
{
    uint32_t n = a->n;
    uint32_t *two = xmalloc((n ? n : 1) * sizeof *two);
    for (uint32_t v = 0; v < n; v++)
        two[v] = is_local[v] ? 0 : 1;
    struct broker_counts *bc = xmalloc((n ? n : 1) * sizeof *bc);
    if (brokerage_roles_p(a, two, 2, bc, p) != 0) {
        free(bc);
        free(two);
        return -1;
    }
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
    return 0;
}

/* Gould and Fernandez (1989) under the null of a random directed graph of the
 * same density, as sna::brokerage computes the moments (transcribed formula by
 * formula; the notation is sna's: n the group sizes, N their sum, d the density). */
static double choose2(double x)
{
    return x * (x - 1) / 2;
}

void brokerage_expected(uint32_t n_nodes, uint64_t arcs, const uint32_t *size, uint32_t n_groups,
                        struct broker_moments *grp, struct broker_moments *whole)
{
    double N = n_nodes;
    double d = n_nodes > 1 ? (double)arcs / (N * (N - 1)) : 0.0;
    double e0 = d * d * (1 - d), q = 1 - e0, c3 = d * d * d * (1 - d) * (1 - d) * (1 - d);
    double c4 = d * d * d * d * (1 - d) * (1 - d), c5 = d * d * d * d * d * (1 - d);
    /* sums over all groups, so "every group but i" is a subtraction */
    double s1 = 0, s2 = 0, s3 = 0, sq = 0;
    for (uint32_t k = 0; k < n_groups; k++) {
        double x = size[k];
        s1 += x * (x - 1);
        s2 += x * (x - 1) * (x - 2);
        sq += x * x;
        s3 += x;
    }
    for (uint32_t i = 0; grp && i < n_groups; i++) {
        double ni = size[i];
        double var[BR_COUNT + 1];
        double *e = grp[i].exp;
        e[BR_COORDINATOR] = e0 * (ni - 1) * (ni - 2);
        var[BR_COORDINATOR] = e[BR_COORDINATOR] * q + 2 * (ni - 1) * (ni - 2) * (ni - 3) * c3;
        e[BR_ITINERANT] = e0 * (s1 - ni * (ni - 1));
        var[BR_ITINERANT] = e[BR_ITINERANT] * q + 2 * (s2 - ni * (ni - 1) * (ni - 2)) * c3;
        e[BR_REPRESENTATIVE] = e0 * (N - ni) * (ni - 1);
        var[BR_REPRESENTATIVE] = e[BR_REPRESENTATIVE] * q + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * c3;
        e[BR_GATEKEEPER] = e[BR_REPRESENTATIVE];
        var[BR_GATEKEEPER] = var[BR_REPRESENTATIVE];
        /* sum over ordered pairs of other groups j != k of n_j n_k */
        double rest = s3 - ni, rest_sq = sq - ni * ni;
        e[BR_LIAISON] = e0 * (rest * rest - rest_sq);
        double lia = 0;
        for (uint32_t k = 0; k < n_groups; k++)
            if (k != i)
                lia += (double)size[k] * choose2(N - size[k] - ni);
        var[BR_LIAISON] = e[BR_LIAISON] * q + 4 * lia * c3;
        e[BR_COUNT] = e0 * (N - 1) * (N - 2);
        var[BR_COUNT] = e[BR_COUNT] * q + 2 * (N - 1) * (N - 2) * (N - 3) * c3;
        for (unsigned r = 0; r <= BR_COUNT; r++)
            grp[i].sd[r] = sqrt(var[r]);
    }
    if (!whole)
        return;
    double *e = whole->exp, var[BR_COUNT + 1];
    double t1 = 0, t3 = 0, t2a = 0, t2b = 0, t5 = 0;
    for (uint32_t k = 0; k < n_groups; k++) {
        double x = size[k];
        t1 += x * (x - 1) * (x - 2) * ((4 * x - 10) * c3 - 4 * (x - 3) * c4 + (x - 3) * c5);
        t3 += x * (N - x) * (x - 1) * ((N - 3) * c3 + (x - 2) * c5);
        t2b += x * x * (x - 1) * ((4 * x - 6) * c3 + (N - x - 1) * c5);
        t5 += x * x * (N - 2 * x);
        for (uint32_t j = 0; j < n_groups; j++) {
            double y = size[j];
            t2a += x * y * (x - 1) * ((2 * x + 2 * y - 6) * c3 + (N - x - 1) * c5);
        }
    }
    double nnx = 0;
    for (uint32_t k = 0; k < n_groups; k++)
        nnx += (double)size[k] * (N - size[k]) * (size[k] - 1.0);
    e[BR_COORDINATOR] = e0 * s2;
    var[BR_COORDINATOR] = e[BR_COORDINATOR] * q + t1;
    e[BR_ITINERANT] = e0 * nnx;
    var[BR_ITINERANT] = e[BR_ITINERANT] * q + (t2a - t2b);
    e[BR_REPRESENTATIVE] = e[BR_GATEKEEPER] = e0 * nnx;
    var[BR_REPRESENTATIVE] = var[BR_GATEKEEPER] = e[BR_REPRESENTATIVE] * q + t3;
    /* sum over all ordered pairs (x, y) of x y (N - x - y), less the pairs x = y */
    double o5 = N * s3 * s3 - 2 * s3 * sq;
    e[BR_LIAISON] = e0 * (o5 - t5);
    var[BR_LIAISON] = e[BR_LIAISON] * q;
    if (n_groups <= BROKERAGE_MOMENT_GROUPS) {
        for (uint32_t i = 0; i < n_groups; i++)
            for (uint32_t j = 0; j < n_groups; j++)
                for (uint32_t k = 0; k < n_groups; k++) {
                    if (i == j || j == k || i == k)
                        continue;
                    double a = size[i], b = size[j], c = size[k];
                    var[BR_LIAISON] += a * b * c * ((4 * (N - b) - 2 * (a + c + 1)) * c3 -
                                                   (4 * (N - c) - 2 * (a + b + 1)) * c4 + (N - (a + c + 1)) * c5);
                }
    } else {
        var[BR_LIAISON] = NAN;
    }
    e[BR_COUNT] = e0 * N * (N - 1) * (N - 2);
    var[BR_COUNT] = e[BR_COUNT] * q + N * (N - 1) * (N - 2) * ((4 * N - 10) * c3 - 4 * (N - 3) * c4 + (N - 3) * c5);
    for (unsigned r = 0; r <= BR_COUNT; r++)
        whole->sd[r] = sqrt(var[r]);
}

double brokerage_z(double raw, double exp, double sd)
{
    return (raw - exp) / sd; /* NaN or infinite where sd is 0, as in sna */
}
