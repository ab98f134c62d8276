#include "structural.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
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
    uint32_t n = s->n, maxdeg = 0;
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
    for (uint32_t v = 0; v < n; v++) {
        uint32_t vb = s->start[v], ve = s->start[v + 1], dv = ve - vb;
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

/* The t minimising sum_{i != j} (a_ij - t^2 x_i x_j)^2, given y = A x; 1 when undefined. */
static double best_scale(const double *x, const double *y, uint32_t n)
{
    double xax = 0, s2 = 0, s4 = 0;
    for (uint32_t i = 0; i < n; i++) {
        double q = x[i] * x[i];
        xax += x[i] * y[i];
        s2 += q;
        s4 += q * q;
    }
    double den = s2 * s2 - s4;
    return den > 0 && xax > 0 ? sqrt(xax / den) : 1.0;
}

void structural_coreness(const struct simple_graph *s, double *out, uint32_t max_iter,
                         struct coreness_info *info)
{
    if (!max_iter)
        max_iter = STRUCTURAL_CORENESS_MAX_ITER;
    uint32_t n = s->n;
    struct coreness_info ci = {0, 0, NAN};
    size_t nn = n ? n : 1;
    double *next = xmalloc(nn * sizeof *next), *y = xmalloc(nn * sizeof *y);
    if (s->m == 0 || n < 2) {
        /* nothing to fit: every node is periphery */
        for (uint32_t i = 0; i < n; i++)
            out[i] = 0;
        ci.converged = 1;
        goto done;
    }
    for (uint32_t i = 0; i < n; i++)
        out[i] = simple_degree(s, i);
    adj_times(s, out, y);
    /* Keep y = A out throughout: scaling out by t scales y by t, so each step needs
     * one product. The plain fixed point overshoots the scale (t becomes 1/t each
     * step); taking the best scale after every step removes that oscillation. */
    double t = best_scale(out, y, n);
    for (uint32_t i = 0; i < n; i++) {
        out[i] *= t;
        y[i] *= t;
    }
    /* Like a power iteration, the error shrinks by a nearly constant ratio r per
     * step (about the ratio of the two largest eigenvalues), which is close to 1
     * when the network has several similar hubs. Every EXTRAPOLATE_EVERY steps,
     * when the last two steps point the same way, jump to where the geometric
     * series of steps ends (x + r/(1-r) d): on hub-heavy networks this takes tens of
     * steps instead of thousands, and the fixed point is unchanged. */
    enum { EXTRAPOLATE_EVERY = 8 };
    double *prev = xmalloc(nn * sizeof *prev);
    int have_prev = 0;
    while (ci.iterations < max_iter) {
        double s2 = 0;
        for (uint32_t i = 0; i < n; i++)
            s2 += out[i] * out[i];
        for (uint32_t i = 0; i < n; i++) {
            double den = s2 - out[i] * out[i];
            next[i] = den > 0 ? y[i] / den : 0;
        }
        adj_times(s, next, y);
        t = best_scale(next, y, n);
        ci.iterations++;
        double change = 0, top = 0, dp = 0, pp = 0, dd = 0;
        for (uint32_t i = 0; i < n; i++) {
            next[i] *= t;
            y[i] *= t;
            double d = next[i] - out[i];
            if (fabs(d) > change)
                change = fabs(d);
            if (next[i] > top)
                top = next[i];
            if (have_prev) {
                dp += d * prev[i];
                pp += prev[i] * prev[i];
            }
            dd += d * d;
            prev[i] = d; /* the step just taken, for the next comparison */
        }
        memcpy(out, next, nn * sizeof *out);
        if (change <= STRUCTURAL_CORENESS_TOL * top) {
            ci.converged = 1;
            break;
        }
        double r = pp > 0 ? dp / pp : 0;
        if (have_prev && ci.iterations % EXTRAPOLATE_EVERY == 0 && r > 0 && r < 1 &&
            dp > 0.99 * sqrt(dd * pp)) {
            double k = r / (1 - r);
            for (uint32_t i = 0; i < n; i++) {
                double v = out[i] + k * prev[i];
                out[i] = v > 0 ? v : 0;
            }
            adj_times(s, out, y);
            have_prev = 0;
            continue;
        }
        have_prev = 1;
    }
    free(prev);
    {
        /* correlation over the n(n-1) ordered pairs, from sums the graph gives in O(m) */
        double N = (double)n * (double)(n - 1), sx = 2.0 * (double)s->m, sxx = sx;
        double sc = 0, s2 = 0, s4 = 0, sxy = 0;
        for (uint32_t i = 0; i < n; i++) {
            sc += out[i];
            s2 += out[i] * out[i];
            s4 += out[i] * out[i] * out[i] * out[i];
            for (uint32_t k = s->start[i]; k < s->start[i + 1]; k++)
                sxy += out[i] * out[s->nbr[k]];
        }
        double sy = sc * sc - s2, syy = s2 * s2 - s4;
        double vx = N * sxx - sx * sx, vy = N * syy - sy * sy;
        ci.fit = vx > 0 && vy > 0 ? (N * sxy - sx * sy) / sqrt(vx * vy) : NAN;
    }
done:
    free(next);
    free(y);
    if (info)
        *info = ci;
}
