#include "simple.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

void simple_build(struct simple_graph *s, const struct dataset *ds, const struct graph *g,
                  const struct layer *L)
{
    simple_build_p(s, ds, g, L, NULL);
}

int simple_build_p(struct simple_graph *s, const struct dataset *ds, const struct graph *g,
                   const struct layer *L, struct progress *p)
{
    memset(s, 0, sizeof *s);
    if (L->n_links > INT32_MAX)
        xalloc_die("simple graph: more than 2^31 linkages in one layer");
    uint32_t nf = g->n;
    s->n_firms = nf;
    s->firm_node = xmalloc((nf ? nf : 1) * sizeof *s->firm_node);
    s->node_firm = xmalloc(((size_t)L->n_firms + 1) * sizeof *s->node_firm);
    uint32_t n = 0;
    for (uint32_t v = 0; v < nf; v++) {
        if (L->firm_on[v]) {
            s->node_firm[n] = v;
            s->firm_node[v] = n++;
        } else {
            s->firm_node[v] = SIMPLE_NONE;
        }
    }
    s->n = n;
    s->start = xcalloc((size_t)n + 1, sizeof *s->start);

    /* Row u receives one slot per linkage entry of u, duplicates included. */
    for (uint32_t u = 0; u < n; u++) {
        if (u % PROGRESS_EVERY == 0 && progress_cancelled(p))
            goto cancelled;
        uint32_t f = s->node_firm[u], c = 0;
        for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++)
            c += L->link_on[g->out_link[i]] && g->out_nbr[i] != f;
        for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++)
            c += L->link_on[g->in_link[i]] && g->in_nbr[i] != f;
        s->start[u + 1] = s->start[u] + c;
    }
    size_t total = s->start[n];
    uint32_t *nbr = xmalloc((total ? total : 1) * sizeof *nbr);
    double *w = xmalloc((total ? total : 1) * sizeof *w);
    uint32_t *pos = xmalloc(((size_t)n + 1) * sizeof *pos);
    memcpy(pos, s->start, ((size_t)n + 1) * sizeof *pos);
    uint64_t pending = 0;
    /* Scanning sources in ascending order fills every row in ascending order. */
    for (uint32_t c = 0; c < n; c++) {
        if (progress_tick(p, &pending, 1)) {
            free(pos);
            free(nbr);
            free(w);
            goto cancelled;
        }
        uint32_t f = s->node_firm[c];
        for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++) {
            uint32_t e = g->out_link[i], o = g->out_nbr[i];
            if (!L->link_on[e] || o == f)
                continue;
            uint32_t r = s->firm_node[o];
            w[pos[r]] = dataset_link_weight(ds, e);
            nbr[pos[r]++] = c;
        }
        for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++) {
            uint32_t e = g->in_link[i], o = g->in_nbr[i];
            if (!L->link_on[e] || o == f)
                continue;
            uint32_t r = s->firm_node[o];
            w[pos[r]] = dataset_link_weight(ds, e);
            nbr[pos[r]++] = c;
        }
    }
    free(pos);
    /* Merge runs of equal neighbours in place; the write cursor never passes the read one. */
    uint32_t out = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint32_t b = s->start[u], e = s->start[u + 1];
        s->start[u] = out;
        for (uint32_t i = b; i < e; i++) {
            if (out > s->start[u] && nbr[out - 1] == nbr[i]) {
                w[out - 1] += w[i];
            } else {
                w[out] = w[i];
                nbr[out++] = nbr[i];
            }
        }
    }
    s->start[n] = out;
    s->nbr = xrealloc(nbr, (out ? out : 1) * sizeof *nbr);
    s->weight = xrealloc(w, (out ? out : 1) * sizeof *w);
    s->m = out / 2;
    progress_step(p, pending);
    return 0;
cancelled:
    simple_free(s);
    return -1;
}

void simple_free(struct simple_graph *s)
{
    free(s->node_firm);
    free(s->firm_node);
    free(s->start);
    free(s->nbr);
    free(s->weight);
    memset(s, 0, sizeof *s);
}

double simple_pair_weight(const struct simple_graph *s, uint32_t u, uint32_t v)
{
    uint32_t lo = s->start[u], hi = s->start[u + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->nbr[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->start[u + 1] && s->nbr[lo] == v ? s->weight[lo] : 0.0;
}

static void count_one(struct firm_link_counts *c, const struct dataset *ds, uint32_t e, uint32_t other,
                      int outgoing, uint8_t *scratch)
{
    unsigned t = ds->links.type[e];
    c->total++;
    if (!vocab_type_directed(t))
        c->mutual++;
    else if (outgoing)
        c->out++;
    else
        c->in++;
    if (t < LT_COUNT)
        c->by_type[t]++;
    unsigned sc = ds->firms.scale[other];
    if (sc < SCALE_COUNT)
        c->by_partner_scale[sc]++;
    if (scratch && !scratch[other]) {
        scratch[other] = 1;
        c->partners++;
    }
}

void simple_count_links(struct firm_link_counts *c, const struct dataset *ds, const struct graph *g,
                        const struct layer *L, uint32_t firm, uint8_t *scratch)
{
    memset(c, 0, sizeof *c);
    if (scratch)
        scratch[firm] = 1; /* a self-link is no partner */
    for (uint32_t i = g->out_start[firm]; i < g->out_start[firm + 1]; i++)
        if (L->link_on[g->out_link[i]])
            count_one(c, ds, g->out_link[i], g->out_nbr[i], 1, scratch);
    for (uint32_t i = g->in_start[firm]; i < g->in_start[firm + 1]; i++)
        if (L->link_on[g->in_link[i]] && g->in_nbr[i] != firm)
            count_one(c, ds, g->in_link[i], g->in_nbr[i], 0, scratch);
    if (scratch) {
        for (uint32_t i = g->out_start[firm]; i < g->out_start[firm + 1]; i++)
            scratch[g->out_nbr[i]] = 0;
        for (uint32_t i = g->in_start[firm]; i < g->in_start[firm + 1]; i++)
            scratch[g->in_nbr[i]] = 0;
        scratch[firm] = 0;
    }
}
