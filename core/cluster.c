#include "cluster.h"
#include "centrality.h"
#include "direction.h"
#include "text.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A node with the first eight bytes of its firm's id as a big-endian number: most
 * comparisons end there, without the string (a million ids lie over megabytes of
 * string pool, so each strcmp is a cache miss or two). */
struct id_item {
    uint64_t key;
    uint32_t node;
};

static int id_less(const struct id_item *x, const struct id_item *y, const struct dataset *ds, const uint32_t *nf)
{
    if (x->key != y->key)
        return x->key < y->key;
    if (!(x->key & 0xff)) /* both ids end within the key: equal ids, which load refuses */
        return x->node < y->node;
    return strcmp(dataset_firm_id(ds, nf[x->node]), dataset_firm_id(ds, nf[y->node])) < 0;
}

/* The nodes in order of firm id (ids are unique), the order every tie between
 * equal values is broken in, so no result depends on the order of firms.csv. A
 * bottom-up merge sort, asking p every PROGRESS_EVERY items (a million ids take
 * most of a second); returns 0, or -1 when p was cancelled. */
static int order_by_id(struct cluster *cl, const struct dataset *ds, struct progress *p)
{
    uint32_t n = cl->n;
    const uint32_t *nf = cl->s.node_firm;
    cl->id_order = xmalloc((n ? n : 1) * sizeof *cl->id_order);
    cl->id_rank = xmalloc((n ? n : 1) * sizeof *cl->id_rank);
    struct id_item *v = xmalloc((n ? n : 1) * sizeof *v), *t = xmalloc((n ? n : 1) * sizeof *t);
    for (uint32_t i = 0; i < n; i++) {
        v[i].key = text_sort_prefix(dataset_firm_id(ds, nf[i]));
        v[i].node = i;
    }
    int stopped = 0;
    for (uint32_t lo = 0; lo + 1 < n; lo += 16) { /* runs of 16 by insertion */
        uint32_t hi = lo + 16 < n ? lo + 16 : n;
        for (uint32_t i = lo + 1; i < hi; i++) {
            struct id_item x = v[i];
            uint32_t j = i;
            for (; j > lo && id_less(&x, &v[j - 1], ds, nf); j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
    }
    for (uint64_t w = 16; w < n && !stopped; w *= 2) {
        for (uint64_t lo = 0; lo < n; lo += 2 * w) {
            if (lo % ((uint64_t)PROGRESS_EVERY * 4) < 2 * w && progress_cancelled(p)) {
                stopped = 1;
                break;
            }
            uint32_t mid = (uint32_t)(lo + w < n ? lo + w : n), hi = (uint32_t)(lo + 2 * w < n ? lo + 2 * w : n);
            uint32_t i = (uint32_t)lo, j = mid, o = (uint32_t)lo;
            while (i < mid && j < hi)
                t[o++] = id_less(&v[j], &v[i], ds, nf) ? v[j++] : v[i++];
            while (i < mid)
                t[o++] = v[i++];
            while (j < hi)
                t[o++] = v[j++];
        }
        struct id_item *sw = v;
        v = t;
        t = sw;
    }
    for (uint32_t i = 0; i < n && !stopped; i++) {
        cl->id_order[i] = v[i].node;
        cl->id_rank[v[i].node] = i;
    }
    free(v);
    free(t);
    return stopped ? -1 : 0;
}

/* Orders local nodes by score, highest first; equal scores in order of firm id. */
static void rank_gatekeepers(struct cluster *cl)
{
    uint32_t n = cl->n, k = 0;
    for (uint32_t v = 0; v < n; v++)
        k += cl->is_local[v];
    cl->n_local = k;
    cl->gatekeeper_rank = xmalloc((k ? k : 1) * sizeof *cl->gatekeeper_rank);
    k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (cl->is_local[cl->id_order[i]])
            cl->gatekeeper_rank[k++] = cl->id_order[i];
    /* stable merge sort by score: scores are integers and many tie at 0 */
    uint32_t *tmp = xmalloc((k ? k : 1) * sizeof *tmp);
    const uint64_t *sc = cl->gatekeeper_score;
    for (uint32_t width = 1; width < k; width *= 2) {
        for (uint32_t lo = 0; lo < k; lo += 2 * width) {
            uint32_t mid = lo + width < k ? lo + width : k;
            uint32_t hi = lo + 2 * width < k ? lo + 2 * width : k;
            uint32_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = sc[cl->gatekeeper_rank[j]] > sc[cl->gatekeeper_rank[i]] ? cl->gatekeeper_rank[j++]
                                                                                  : cl->gatekeeper_rank[i++];
            while (i < mid)
                tmp[o++] = cl->gatekeeper_rank[i++];
            while (j < hi)
                tmp[o++] = cl->gatekeeper_rank[j++];
        }
        memcpy(cl->gatekeeper_rank, tmp, k * sizeof *tmp);
    }
    free(tmp);
}

static void industry_ei(struct cluster *cl, const struct dataset *ds);

void cluster_compute(struct cluster *cl, const struct dataset *ds, const struct graph *g, const struct layer *L,
                     const struct cluster_options *opt)
{
    cluster_compute_p(cl, ds, g, L, opt, NULL);
}

/* Stages of cluster_compute_p and their share of the progress units, planned from the
 * layer's firm and linkage counts before the graphs exist: the heavy stages (roles,
 * gatekeepers, constraint) cost per linkage, the others per firm. */
enum { ST_SIMPLE, ST_ARCS, ST_TIES, ST_ROLES, ST_GATE, ST_HOLES, ST_CORE, ST_CORENESS, ST_REST, ST_COUNT };

int cluster_compute_p(struct cluster *cl, const struct dataset *ds, const struct graph *g, const struct layer *L,
                      const struct cluster_options *opt, struct progress *p)
{
    memset(cl, 0, sizeof *cl);
    uint64_t plan[ST_COUNT + 1], lf = L->n_firms, nl = L->n_links;
    uint64_t cost[ST_COUNT] = {lf, lf, lf, lf + nl, lf + nl, lf + 2 * nl, lf, 3 * lf, lf};
    plan[0] = 0;
    for (int k = 0; k < ST_COUNT; k++)
        plan[k + 1] = plan[k] + cost[k];
    progress_add_total(p, plan[ST_COUNT]);
#define STAGE_DONE(k)                                                                                              \
    do {                                                                                                           \
        if (progress_cancelled(p))                                                                                 \
            goto cancelled;                                                                                        \
        progress_set_done(p, plan[(k) + 1]);                                                                       \
    } while (0)
    int field = opt && opt->group_field >= 0 ? opt->group_field : FC_SCALE;
    if (simple_build_p(&cl->s, ds, g, L, p) != 0)
        goto cancelled;
    STAGE_DONE(ST_SIMPLE);
    if (brokerage_arcs_build_p(&cl->arcs, ds, g, L, &cl->s, p) != 0)
        goto cancelled;
    STAGE_DONE(ST_ARCS);
    ties_groups_build(&cl->groups, ds, field);
    uint32_t n = cl->n = cl->s.n, nn = n ? n : 1;
    const uint32_t *nf = cl->s.node_firm;
    if (order_by_id(cl, ds, p) != 0)
        goto cancelled;

    cl->ties = xmalloc(nn * sizeof *cl->ties);
    if (ties_profile_p(cl->ties, ds, g, L, &cl->s, p) != 0)
        goto cancelled;

    cl->ei = xmalloc(nn * sizeof *cl->ei);
    cl->group_ei = xmalloc((cl->groups.count ? cl->groups.count : 1) * sizeof *cl->group_ei);
    ties_ei(&cl->s, &cl->groups, cl->ei, cl->group_ei, &cl->whole_ei);
    memset(&cl->ei_perm, 0, sizeof cl->ei_perm);
    cl->ei_perm.observed = ties_ei_index(&cl->whole_ei);
    cl->ei_perm.expected = cl->ei_perm.sd = cl->ei_perm.min = cl->ei_perm.max = NAN;
    cl->ei_perm.p_ge = cl->ei_perm.p_le = NAN;
    if (opt && opt->ei_test)
        ties_ei_permutation(&cl->ei_perm, &cl->s, &cl->groups, cl->id_rank, opt->ei_permutations, opt->ei_seed);
    cl->assort_group = ties_assortativity(&cl->s, &cl->groups);
    {
        struct firm_groups other;
        ties_groups_build(&other, ds, FC_INDUSTRY);
        cl->assort_industry = ties_assortativity(&cl->s, &other);
        ties_groups_free(&other);
        ties_groups_build(&other, ds, FC_SCALE);
        cl->assort_scale = ties_assortativity(&cl->s, &other);
        ties_groups_free(&other);
    }
    cl->group_nodes = xcalloc(cl->groups.count ? cl->groups.count : 1, sizeof *cl->group_nodes);
    for (uint32_t v = 0; v < n; v++)
        cl->group_nodes[cl->groups.of[nf[v]]]++;
    STAGE_DONE(ST_TIES);

    uint32_t *node_group = xmalloc(nn * sizeof *node_group);
    for (uint32_t v = 0; v < n; v++)
        node_group[v] = cl->groups.of[nf[v]];
    cl->roles = xmalloc(nn * sizeof *cl->roles);
    int stopped = brokerage_roles_p(&cl->arcs, node_group, cl->groups.count, cl->roles, p);
    free(node_group);
    if (stopped)
        goto cancelled;
    STAGE_DONE(ST_ROLES);
    for (uint32_t v = 0; v < n; v++) {
        for (unsigned r = 0; r < BR_COUNT; r++)
            cl->whole_roles[r] += cl->roles[v].role[r];
        cl->whole_roles[BR_COUNT] += cl->roles[v].total;
    }

    cl->is_local = xmalloc(nn);
    for (uint32_t v = 0; v < n; v++)
        cl->is_local[v] = ds->firms.scale[nf[v]] == SCALE_LOCAL;
    cl->gatekeeper_score = xmalloc(nn * sizeof *cl->gatekeeper_score);
    cl->pipeline_in = xmalloc(nn * sizeof *cl->pipeline_in);
    cl->pipeline_out = xmalloc(nn * sizeof *cl->pipeline_out);
    cl->exclusive = xmalloc(nn * sizeof *cl->exclusive);
    if (brokerage_gatekeeper_scores_p(&cl->arcs, &cl->s, cl->is_local, cl->gatekeeper_score, cl->pipeline_in,
                                      cl->pipeline_out, cl->exclusive, p) != 0)
        goto cancelled;
    rank_gatekeepers(cl);
    STAGE_DONE(ST_GATE);

    cl->constraint = xmalloc(nn * sizeof *cl->constraint);
    cl->effective_size = xmalloc(nn * sizeof *cl->effective_size);
    if (structural_holes_p(&cl->s, cl->constraint, cl->effective_size, p) != 0)
        goto cancelled;
    STAGE_DONE(ST_HOLES);
    cl->core = xmalloc(nn * sizeof *cl->core);
    if (centrality_core_number_p(&cl->s, cl->core, p) != 0)
        goto cancelled;
    STAGE_DONE(ST_CORE);
    cl->coreness = xmalloc(nn * sizeof *cl->coreness);
    if (structural_coreness_p(&cl->s, cl->id_order, cl->coreness, opt ? opt->coreness_max_iter : 0,
                              &cl->coreness_info, p) != 0)
        goto cancelled;
    cl->in_core = xcalloc(nn, 1);
    cl->cp_info = (struct core_partition_info){0, NAN, 0};
    if (!(opt && opt->skip_core_partition))
        structural_core_partition(&cl->s, cl->id_order, cl->coreness, cl->in_core, &cl->cp_info);
    STAGE_DONE(ST_CORENESS);

    cl->n_industries = ds->n_industries;
    cl->industry = xcalloc(ds->n_industries ? ds->n_industries : 1, sizeof *cl->industry);
    industry_ei(cl, ds);
    /* Each linkage once, by its own scale, for the whole network and for every
     * industry it touches (once for an industry holding both ends). */
    for (uint32_t e = 0; e < ds->links.n; e++) {
        if (e % (16 * PROGRESS_EVERY) == 0 && progress_cancelled(p))
            goto cancelled;
        uint32_t a = ds->links.source[e], b = ds->links.target[e];
        if (!L->link_on[e] || a == b)
            continue;
        struct tie_profile one;
        memset(&one, 0, sizeof one);
        ties_profile_count(&one, ds, e, ds->links.scale[e]);
        ties_profile_add(&cl->links, &one);
        uint32_t ka = ds->firms.industry[a], kb = ds->firms.industry[b];
        if (ka < ds->n_industries)
            ties_profile_add(&cl->industry[ka].ties, &one);
        if (kb != ka && kb < ds->n_industries)
            ties_profile_add(&cl->industry[kb].ties, &one);
    }
    for (uint32_t i = 0; i < ds->n_industries; i++)
        cl->industry[i].top_gatekeeper = SIMPLE_NONE;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t k = ds->firms.industry[nf[v]];
        if (k >= ds->n_industries)
            continue;
        struct cluster_industry *in = &cl->industry[k];
        in->firms++;
        in->local_firms += cl->is_local[v];
        in->brokerage += cl->roles[v].total;
        if (cl->gatekeeper_score[v] > 0) {
            in->gatekeepers++;
            uint32_t t = in->top_gatekeeper;
            if (t == SIMPLE_NONE || cl->gatekeeper_score[v] > cl->gatekeeper_score[t] ||
                (cl->gatekeeper_score[v] == cl->gatekeeper_score[t] && cl->id_rank[v] < cl->id_rank[t]))
                in->top_gatekeeper = v;
        }
    }
    STAGE_DONE(ST_REST);
    cl->dir_reciprocity = NAN;
    if (opt && opt->direction_summary) {
        struct direction dir;
        if (direction_compute_p(&dir, &cl->arcs, p) != 0)
            goto cancelled;
        cl->dir_reciprocity = dir.reciprocity;
        cl->dir_sccs = dir.scc_count;
        cl->dir_scc_largest = dir.scc_largest;
        cl->dir_done = 1;
        direction_free(&dir);
    }
    return 0;
cancelled:
    cluster_free(cl);
    return -1;
#undef STAGE_DONE
}

/* An industry's E-I under the chosen grouping: the pairs with at least one end in
 * the industry, each once, internal when both ends share a group. */
static void industry_ei(struct cluster *cl, const struct dataset *ds)
{
    const uint32_t *nf = cl->s.node_firm;
    for (uint32_t v = 0; v < cl->n; v++) {
        uint32_t kv = ds->firms.industry[nf[v]], gv = cl->groups.of[nf[v]];
        for (uint32_t i = cl->s.start[v]; i < cl->s.start[v + 1]; i++) {
            uint32_t u = cl->s.nbr[i];
            if (u < v)
                continue;
            uint32_t ku = ds->firms.industry[nf[u]];
            uint64_t inside = cl->groups.of[nf[u]] == gv ? 1 : 0;
            if (kv < cl->n_industries) {
                cl->industry[kv].ei.internal += inside;
                cl->industry[kv].ei.external += !inside;
            }
            if (ku != kv && ku < cl->n_industries) {
                cl->industry[ku].ei.internal += inside;
                cl->industry[ku].ei.external += !inside;
            }
        }
    }
}

void cluster_free(struct cluster *cl)
{
    simple_free(&cl->s);
    brokerage_arcs_free(&cl->arcs);
    ties_groups_free(&cl->groups);
    free(cl->ties);
    free(cl->ei);
    free(cl->roles);
    free(cl->constraint);
    free(cl->effective_size);
    free(cl->gatekeeper_score);
    free(cl->pipeline_in);
    free(cl->pipeline_out);
    free(cl->exclusive);
    free(cl->core);
    free(cl->coreness);
    free(cl->in_core);
    free(cl->id_order);
    free(cl->id_rank);
    free(cl->is_local);
    free(cl->group_ei);
    free(cl->group_nodes);
    free(cl->industry);
    free(cl->gatekeeper_rank);
    memset(cl, 0, sizeof *cl);
}

struct rank_item {
    double x;
    uint32_t i;
};

static int cmp_rank_item(const void *p, const void *q)
{
    const struct rank_item *a = p, *b = q;
    return (a->x > b->x) - (a->x < b->x);
}

/* Average ranks (1-based) of the k values, written into r by item index. */
static void average_ranks(struct rank_item *it, uint32_t k, double *r)
{
    qsort(it, k, sizeof *it, cmp_rank_item);
    for (uint32_t a = 0; a < k;) {
        uint32_t b = a;
        while (b + 1 < k && it[b + 1].x == it[a].x)
            b++;
        double avg = (a + b) / 2.0 + 1.0;
        for (uint32_t j = a; j <= b; j++)
            r[it[j].i] = avg;
        a = b + 1;
    }
}

double cluster_spearman(const double *x, const double *y, uint32_t n)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        k += !isnan(x[i]) && !isnan(y[i]);
    if (k < 2)
        return NAN;
    struct rank_item *it = xmalloc(k * sizeof *it);
    double *rx = xmalloc(k * sizeof *rx), *ry = xmalloc(k * sizeof *ry);
    uint32_t j = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            it[j].x = x[i];
            it[j].i = j;
            j++;
        }
    average_ranks(it, k, rx);
    j = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            it[j].x = y[i];
            it[j].i = j;
            j++;
        }
    average_ranks(it, k, ry);
    /* Pearson on the ranks, which is what Spearman's rho is when ranks tie */
    double mx = 0, my = 0;
    for (uint32_t i = 0; i < k; i++) {
        mx += rx[i];
        my += ry[i];
    }
    mx /= k;
    my /= k;
    double sxy = 0, sxx = 0, syy = 0;
    for (uint32_t i = 0; i < k; i++) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    free(it);
    free(rx);
    free(ry);
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}
