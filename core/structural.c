#include "structural.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Position of v in the sorted neighbour list of u, or UINT32_MAX. */
static uint32_t nbr_find(const struct simple_graph *s, uint32_t u, uint32_t v)
{
    uint32_t lo = s->start[u], hi = s->start[u + 1], end = hi;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->nbr[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < end && s->nbr[lo] == v ? lo : UINT32_MAX;
}

void structural_holes(const struct simple_graph *s, double *constraint, double *effective_size)
{
    structural_holes_p(s, constraint, effective_size, NULL);
}

int structural_holes_p(const struct simple_graph *s, double *constraint, double *effective_size,
                       struct progress *p)
{
    uint32_t n = s->n, maxdeg = 0;
    uint64_t pending = 0;
    int stopped = 0;
    double *W = xmalloc((n ? n : 1) * sizeof *W);
    double *M = xmalloc((n ? n : 1) * sizeof *M);
    for (uint32_t u = 0; u < n; u++) {
        double sum = 0, mx = 0;
        for (uint32_t i = s->start[u]; i < s->start[u + 1]; i++) {
            sum += s->weight[i];
            if (s->weight[i] > mx)
                mx = s->weight[i];
        }
        W[u] = sum;
        M[u] = mx;
        if (simple_degree(s, u) > maxdeg)
            maxdeg = simple_degree(s, u);
    }
    /* pos[u] = 1 + index of u in N(v) while v is processed, 0 otherwise */
    uint32_t *pos = xcalloc(n ? n : 1, sizeof *pos);
    /* indirect[k]: sum over w of p(v,w) p(w,u_k); redund[k]: of p(v,w) m(u_k,w) */
    double *indirect = xmalloc((maxdeg ? maxdeg : 1) * sizeof *indirect);
    double *redund = xmalloc((maxdeg ? maxdeg : 1) * sizeof *redund);
    for (uint32_t v = 0; v < n && !stopped; v++) {
        uint32_t vb = s->start[v], ve = s->start[v + 1], dv = ve - vb;
        if (progress_tick(p, &pending, 1 + (uint64_t)dv)) {
            stopped = 1;
            break;
        }
        if (!dv) {
            if (constraint)
                constraint[v] = NAN;
            if (effective_size)
                effective_size[v] = NAN;
            continue;
        }
        for (uint32_t i = vb; i < ve; i++) {
            pos[s->nbr[i]] = i - vb + 1;
            indirect[i - vb] = 0;
            redund[i - vb] = 0;
        }
        /* each triangle v-w-u adds to the entry of u, found from the shorter side */
        for (uint32_t i = vb; i < ve; i++) {
            /* a hub's triangles alone can take seconds: ask within them too */
            if ((i - vb) % 256 == 255 && progress_cancelled(p)) {
                stopped = 1;
                break;
            }
            uint32_t w = s->nbr[i], wb = s->start[w], we = s->start[w + 1];
            double pvw = s->weight[i] / W[v], pw = 1.0 / W[w];
            if (we - wb <= dv) {
                for (uint32_t j = wb; j < we; j++) {
                    uint32_t u = s->nbr[j], k = pos[u];
                    if (k) {
                        indirect[k - 1] += pvw * s->weight[j] * pw;
                        redund[k - 1] += pvw * s->weight[j] / M[u];
                    }
                }
            } else {
                for (uint32_t k = 0; k < dv; k++) {
                    uint32_t u = s->nbr[vb + k], j = nbr_find(s, w, u);
                    if (j != UINT32_MAX) {
                        indirect[k] += pvw * s->weight[j] * pw;
                        redund[k] += pvw * s->weight[j] / M[u];
                    }
                }
            }
        }
        double c = 0, e = 0;
        for (uint32_t k = 0; k < dv; k++) {
            double local = s->weight[vb + k] / W[v] + indirect[k];
            c += local * local;
            e += 1.0 - redund[k];
        }
        if (constraint)
            constraint[v] = c;
        if (effective_size)
            effective_size[v] = e;
        for (uint32_t i = vb; i < ve; i++)
            pos[s->nbr[i]] = 0;
    }
    free(pos);
    free(indirect);
    free(redund);
    free(W);
    free(M);
    progress_step(p, pending);
    return stopped ? -1 : 0;
}

/* y = A x, the only O(m) step of an iteration. */
static void adj_times(const struct simple_graph *s, const double *x, double *y)
{
    for (uint32_t i = 0; i < s->n; i++) {
        double row = 0;
        for (uint32_t k = s->start[i]; k < s->start[i + 1]; k++)
            row += x[s->nbr[k]];
        y[i] = row;
    }
}

/* The Pearson correlation of a(i,j) with c(i) c(j) over the N unordered pairs
 * i < j, m of which are tied, from y = A c. Every
 * sum over pairs comes from sums over nodes: with S1 = Σc, S2 = Σc², S4 = Σc⁴,
 *   Σ_{i<j} c_i c_j = (S1² − S2)/2,  Σ_{i<j} c_i² c_j² = (S2² − S4)/2,
 *   Σ_{tied i<j} c_i c_j = c·y / 2.
 * The largest value c_h is kept out of the sums (S1' = S1 − c_h and so on) and
 * its pairs added as c_h S1' and c_h² S2': when one firm takes almost all of the
 * unit length, S2² − S4 would be the difference of two numbers near 1 and lose
 * every digit. NaN when either side has no variance. */
static double cp_corr(uint32_t n, double N, double m, const double *c, const double *y)
{
    uint32_t h = 0;
    for (uint32_t i = 1; i < n; i++)
        if (c[i] > c[h])
            h = i;
    double s1 = 0, s2 = 0, s4 = 0, sap = 0, ch = c[h], ch2 = ch * ch;
    for (uint32_t i = 0; i < n; i++) {
        sap += c[i] * y[i];
        if (i == h)
            continue;
        double q = c[i] * c[i];
        s1 += c[i];
        s2 += q;
        s4 += q * q;
    }
    sap *= 0.5;
    double sp = ch * s1 + (s1 * s1 - s2) / 2, spp = ch2 * s2 + (s2 * s2 - s4) / 2;
    double num = N * sap - m * sp, va = N * m - m * m, vp = N * spp - sp * sp;
    return va > 0 && vp > 0 ? num / sqrt(va * vp) : NAN;
}

/* The exact minimiser of sum_{j != k} (a(k,j) - c(k) c(j))^2 over
 * c(k) >= 0, the others fixed, given yk = sum of c over k's neighbours and
 * s2 the sum of c^2 over all nodes. When c(k) holds most of the length, the sum
 * without it is taken directly rather than by subtraction. */
static double cd_coord(const double *c, uint32_t n, uint32_t k, double yk, double s1, double s2)
{
    (void)s1;
    double rest2 = s2 - c[k] * c[k];
    if (c[k] * c[k] > 0.5 * s2) {
        rest2 = 0;
        for (uint32_t j = 0; j < n; j++)
            if (j != k)
                rest2 += c[j] * c[j];
    }
    double v = rest2 > 0 ? yk / rest2 : 0;
    return v > 0 ? v : 0;
}

/* Sums over the pairs i < j of c(i)c(j), over the tied pairs, and of c(i)^2 c(j)^2,
 * computed as cp_corr does (the largest value kept out). */
static void pair_sums(const struct simple_graph *s, const double *c, double *sp, double *sap, double *spp)
{
    uint32_t n = s->n, h = 0;
    for (uint32_t i = 1; i < n; i++)
        if (c[i] > c[h])
            h = i;
    double s1 = 0, s2 = 0, s4 = 0, a = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t k = s->start[i]; k < s->start[i + 1]; k++)
            a += c[i] * c[s->nbr[k]];
        if (i == h)
            continue;
        double q = c[i] * c[i];
        s1 += c[i];
        s2 += q;
        s4 += q * q;
    }
    *sap = a / 2;
    *sp = c[h] * s1 + (s1 * s1 - s2) / 2;
    *spp = c[h] * c[h] * s2 + (s2 * s2 - s4) / 2;
}

void structural_coreness(const struct simple_graph *s, const uint32_t *order, double *out, uint32_t max_iter,
                         struct coreness_info *info)
{
    structural_coreness_p(s, order, out, max_iter, info, NULL);
}

int structural_coreness_p(const struct simple_graph *s, const uint32_t *order, double *out, uint32_t max_iter,
                          struct coreness_info *info, struct progress *p)
{
    int stopped = 0;
    if (!max_iter)
        max_iter = STRUCTURAL_CORENESS_MAX_ITER;
    uint32_t n = s->n;
    struct coreness_info ci = {0, 0, NAN, NAN};
    size_t nn = n ? n : 1;
    double N = (double)n * ((double)n - 1) / 2, m = (double)s->m;
    if (s->m == 0 || n < 2) {
        /* nothing to fit: every node is periphery */
        for (uint32_t i = 0; i < n; i++)
            out[i] = 0;
        ci.converged = 1;
        goto done;
    }
    int regular = 1;
    for (uint32_t i = 1; i < n; i++)
        regular &= simple_degree(s, i) == simple_degree(s, 0);
    if (regular) {
        /* every firm alike: the equal vector at the density, and no pattern
         * c(i)c(j) that varies to correlate with */
        for (uint32_t i = 0; i < n; i++)
            out[i] = sqrt(m / N);
        ci.converged = 1;
        goto done;
    }
    double *c = out, *u = xmalloc(nn * sizeof *u), *y = xmalloc(nn * sizeof *y);
    /* From degree: it depends only on the graph, never on the order of the nodes,
     * and keeps structurally equivalent firms equal all the way. */
    for (uint32_t i = 0; i < n; i++)
        c[i] = simple_degree(s, i);
    /* Least squares, F = sum_{i<j} (a(i,j) - c(i)c(j))^2 over c >= 0. Each step
     * minimises F exactly over one block, so F never rises: the length of c along
     * its direction, then every c(k) in turn (Gauss-Seidel, in the given order, so
     * the path does not depend on the node numbering either). */
    double q_hist[3] = {1, 1, 1}, prev_step = NAN, norm = 0;
    for (;;) {
        if (progress_cancelled(p)) {
            stopped = 1;
            break;
        }
        double sp, sap, spp;
        pair_sums(s, c, &sp, &sap, &spp);
        double t2 = spp > 0 ? sap / spp : 0;
        double t = t2 > 0 ? sqrt(t2) : 1;
        norm = 0;
        for (uint32_t i = 0; i < n; i++) {
            c[i] *= t;
            norm += c[i] * c[i];
        }
        norm = sqrt(norm);
        if (!(norm > 0))
            break;
        /* The largest move of a value since the last sweep; the moves shrink by a
         * nearly constant ratio q, so the distance left to the fixed point is about
         * step q/(1 - q): the stop is on that, with q the largest of the last three
         * ratios, not on the step. */
        double step = 0;
        for (uint32_t i = 0; i < n; i++) {
            double d = fabs(c[i] - u[i]);
            if (ci.iterations && d > step)
                step = d;
            u[i] = c[i];
        }
        if (ci.iterations) {
            double q = prev_step > 0 ? step / prev_step : 1;
            q_hist[ci.iterations % 3] = q;
            double qm = q_hist[0] > q_hist[1] ? q_hist[0] : q_hist[1];
            if (q_hist[2] > qm)
                qm = q_hist[2];
            double left = qm < 1 ? step * qm / (1 - qm) : INFINITY;
            ci.error = left;
            if (step == 0 || (ci.iterations >= 3 && left <= STRUCTURAL_CORENESS_TOL * (norm > 1 ? norm : 1))) {
                ci.converged = 1;
                break;
            }
            prev_step = step;
        }
        if (ci.iterations == max_iter)
            break;
        ci.iterations++;
        double s1 = 0, s2 = 0;
        for (uint32_t i = 0; i < n; i++) {
            s1 += c[i];
            s2 += c[i] * c[i];
        }
        for (uint32_t i = 0; i < n && !stopped; i++) {
            if (i % PROGRESS_EVERY == 0 && progress_cancelled(p))
                stopped = 1;
            uint32_t k = order ? order[i] : i;
            double yk = 0;
            for (uint32_t e = s->start[k]; e < s->start[k + 1]; e++)
                yk += c[s->nbr[e]];
            double v = cd_coord(c, n, k, yk, s1, s2);
            s1 += v - c[k];
            s2 += v * v - c[k] * c[k];
            c[k] = v;
        }
        progress_step(p, n);
        if (stopped)
            break;
    }
    if (stopped) {
        free(u);
        free(y);
        goto done;
    }
    memcpy(out, u, nn * sizeof *out);
    double top = 0;
    for (uint32_t i = 0; i < n; i++)
        if (out[i] > top)
            top = out[i];
    if (top < 1e-9) {
        /* the best fit is no pattern at all (c = 0, as for a network without ties) */
        memset(out, 0, nn * sizeof *out);
        ci.fit = NAN;
    } else {
        adj_times(s, out, y);
        ci.fit = cp_corr(n, N, m, out, y);
    }
    free(u);
    free(y);
done:
    if (info)
        *info = ci;
    return stopped ? -1 : 0;
}

/* x rounded to 9 significant digits. */
static double strtod_round9(double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.9g", x);
    return strtod(buf, NULL);
}

/* Correlation of a(i,j) with the ideal block pattern over the pairs inside the
 * core (ideal 1) and inside the periphery (ideal 0); core-periphery pairs are
 * left out, as UCINET does by default. The phi coefficient of two 0/1 variables;
 * NaN when a side has fewer than two firms or a(i,j) does not vary. */
static double cp_block_fit(double k, double n, double e_cc, double e_pp)
{
    double cc = k * (k - 1) / 2, pp = (n - k) * (n - k - 1) / 2, np = cc + pp, e = e_cc + e_pp;
    double v = cc * pp * e * (np - e);
    return v > 0 ? (np * e_cc - e * cc) / sqrt(v) : NAN;
}

static int better(double a, double b)
{
    return !isnan(a) && (isnan(b) || a - b > 1e-13 * fabs(b));
}

/* One partition being improved: membership, each node's neighbours in the core,
 * the tied pairs inside the core and inside the periphery, the core's size. */
struct cp_state {
    uint8_t *in;
    uint32_t *dc;
    double e_cc, e_pp, k, fit;
};

static void cp_move(const struct simple_graph *s, struct cp_state *st, uint32_t v)
{
    double dv = simple_degree(s, v), c = st->dc[v];
    int to_core = !st->in[v];
    if (to_core)
        st->e_cc += c, st->e_pp -= dv - c, st->k += 1;
    else
        st->e_cc -= c, st->e_pp += dv - c, st->k -= 1;
    for (uint32_t j = s->start[v]; j < s->start[v + 1]; j++) {
        if (to_core)
            st->dc[s->nbr[j]]++;
        else
            st->dc[s->nbr[j]]--;
    }
    st->in[v] ^= 1;
}

/* Puts the first best_k of rank in the core, after scanning every prefix of rank
 * for the best. */
static void cp_start(const struct simple_graph *s, const uint32_t *rank, struct cp_state *st)
{
    uint32_t n = s->n, best_k = 0;
    memset(st->in, 0, n);
    memset(st->dc, 0, (size_t)n * sizeof *st->dc);
    st->e_cc = 0, st->e_pp = (double)s->m, st->k = 0, st->fit = NAN;
    double best = NAN;
    for (uint32_t k = 0; k < n; k++) {
        cp_move(s, st, rank[k]);
        double f = cp_block_fit(st->k, n, st->e_cc, st->e_pp);
        if (better(f, best)) {
            best = f;
            best_k = k + 1;
        }
    }
    memset(st->in, 0, n);
    memset(st->dc, 0, (size_t)n * sizeof *st->dc);
    st->e_cc = 0, st->e_pp = (double)s->m, st->k = 0;
    for (uint32_t k = 0; k < best_k; k++)
        cp_move(s, st, rank[k]);
    st->fit = best;
}

static double cp_move_fit(const struct simple_graph *s, const struct cp_state *st, uint32_t v)
{
    double dv = simple_degree(s, v), c = st->dc[v];
    if (st->in[v])
        return cp_block_fit(st->k - 1, s->n, st->e_cc - c, st->e_pp + dv - c);
    return cp_block_fit(st->k + 1, s->n, st->e_cc + c, st->e_pp - (dv - c));
}

/* Single moves, each taken when it raises the fit, nodes tried in `order`, until
 * none helps; then, on up to STRUCTURAL_CP_KL_MAX nodes, Kernighan-Lin passes:
 * move the node whose move gives the best fit even when it lowers it, never the
 * same node twice, and keep the best partition seen on the way, until a pass
 * finds nothing better. Every kept change raises the fit, so this ends. */
static void cp_improve(const struct simple_graph *s, const uint32_t *order, struct cp_state *st, uint32_t *passes,
                       uint32_t *seq, uint8_t *locked)
{
    uint32_t n = s->n;
    for (uint32_t pass = 0; pass < STRUCTURAL_CP_MAX_PASSES; pass++) {
        uint32_t moved = 0;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t v = order[i];
            double f = cp_move_fit(s, st, v);
            if (better(f, st->fit)) {
                cp_move(s, st, v);
                st->fit = f;
                moved++;
            }
        }
        *passes += 1;
        if (moved)
            continue;
        if (n > STRUCTURAL_CP_KL_MAX)
            break;
        memset(locked, 0, n);
        double best = st->fit, cur = st->fit;
        uint32_t best_t = 0, t = 0;
        for (; t < n; t++) {
            uint32_t pick = UINT32_MAX;
            double pf = NAN;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t v = order[i];
                if (locked[v])
                    continue;
                double f = cp_move_fit(s, st, v);
                if (!isnan(f) && (isnan(pf) || f > pf))
                    pick = v, pf = f;
            }
            if (pick == UINT32_MAX)
                break;
            cp_move(s, st, pick);
            locked[pick] = 1;
            seq[t] = pick;
            cur = pf;
            if (better(cur, best))
                best = cur, best_t = t + 1;
        }
        while (t > best_t)
            cp_move(s, st, seq[--t]);
        if (!best_t)
            break;
        st->fit = best;
    }
}

static const double *rank_key;
static const uint32_t *rank_tie;

static int cmp_rank(const void *p, const void *q)
{
    uint32_t a = *(const uint32_t *)p, b = *(const uint32_t *)q;
    if (rank_key[a] != rank_key[b])
        return rank_key[a] < rank_key[b] ? 1 : -1;
    return (rank_tie[a] > rank_tie[b]) - (rank_tie[a] < rank_tie[b]);
}

void structural_core_partition(const struct simple_graph *s, const uint32_t *order, const double *coreness,
                               uint8_t *in_core, struct core_partition_info *info)
{
    uint32_t n = s->n;
    struct core_partition_info pi = {0, NAN, 0};
    memset(in_core, 0, n);
    if (n < 4 || s->m == 0)
        goto done;
    size_t nn = n;
    uint32_t *rank = xmalloc(nn * sizeof *rank), *tie = xmalloc(nn * sizeof *tie);
    double *key = xmalloc(nn * sizeof *key);
    uint32_t *seq = xmalloc(nn * sizeof *seq);
    uint8_t *locked = xmalloc(nn);
    for (uint32_t i = 0; i < n; i++)
        tie[order[i]] = i;
    struct cp_state st = {xmalloc(nn), xmalloc(nn * sizeof(uint32_t)), 0, 0, 0, NAN};
    if (n <= STRUCTURAL_CP_EXACT_MAX) {
        /* every partition, in Gray-code order over the nodes taken in `order`, so
         * each step moves one node; the first best one is kept */
        memset(st.in, 0, nn);
        memset(st.dc, 0, nn * sizeof *st.dc);
        st.e_cc = 0, st.e_pp = (double)s->m, st.k = 0;
        for (uint32_t code = 1; code < (1u << n); code++) {
            uint32_t bit = 0;
            while (!(code >> bit & 1))
                bit++;
            cp_move(s, &st, order[bit]);
            double f = cp_block_fit(st.k, n, st.e_cc, st.e_pp);
            if (better(f, pi.fit)) {
                pi.fit = f;
                pi.core_size = (uint32_t)st.k;
                memcpy(in_core, st.in, nn);
            }
        }
        pi.passes = 1;
        goto freeall;
    }
    /* Two starts, each improved: the best prefix of the nodes by degree and by
     * continuous coreness (rounded to 9 digits, so rounding noise cannot reorder
     * equal values), equal keys in `order`. The better result is kept, the degree
     * start on a tie. */
    for (int pass = 0; pass < (coreness ? 2 : 1); pass++) {
        for (uint32_t v = 0; v < n; v++) {
            rank[v] = v;
            key[v] = pass == 0 ? simple_degree(s, v) : coreness[v] > 0 ? strtod_round9(coreness[v]) : 0;
        }
        rank_key = key;
        rank_tie = tie;
        qsort(rank, n, sizeof *rank, cmp_rank);
        cp_start(s, rank, &st);
        if (isnan(st.fit))
            continue;
        cp_improve(s, order, &st, &pi.passes, seq, locked);
        if (better(st.fit, pi.fit)) {
            pi.fit = st.fit;
            pi.core_size = (uint32_t)st.k;
            memcpy(in_core, st.in, nn);
        }
    }
freeall:
    free(st.in);
    free(st.dc);
    free(rank);
    free(tie);
    free(key);
    free(seq);
    free(locked);
done:
    if (info)
        *info = pi;
}
