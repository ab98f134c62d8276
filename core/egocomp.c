#include "egocomp.h"
#include "centrality.h"
#include "vocab.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void egocomp_scratch_init(struct egocomp_scratch *sc, const struct dataset *ds, const struct simple_graph *s)
{
    sc->mark = xcalloc(s->n ? s->n : 1, 1);
    sc->count = xcalloc(ds->n_industries ? ds->n_industries : 1, sizeof *sc->count);
}

void egocomp_scratch_free(struct egocomp_scratch *sc)
{
    free(sc->mark);
    free(sc->count);
    memset(sc, 0, sizeof *sc);
}

static double blau(const uint32_t *count, unsigned k, uint64_t total)
{
    if (!total)
        return NAN;
    double sq = 0;
    for (unsigned i = 0; i < k; i++)
        sq += (double)count[i] * (double)count[i];
    return 1.0 - sq / ((double)total * (double)total);
}

/* tri: the triangles through v when known, else UINT64_MAX to count them here */
static void compose(struct ego_composition *out, const struct dataset *ds, const struct graph *g,
                    const struct layer *L, const struct simple_graph *s, uint32_t v, struct egocomp_scratch *sc,
                    uint64_t tri)
{
    memset(out, 0, sizeof *out);
    uint32_t f = s->node_firm[v], d = simple_degree(s, v);
    out->partners = d;

    /* linkages by type and form; a self-link appears in both rows of f, once counted */
    uint32_t by_type[LT_COUNT] = {0}, nonmat = 0, links = 0;
    for (uint32_t i = g->out_start[f]; i < g->out_start[f + 1]; i++) {
        uint32_t e = g->out_link[i];
        if (!L->link_on[e])
            continue;
        links++;
        by_type[ds->links.type[e] % LT_COUNT]++;
        nonmat += ds->links.form[e] == FORM_NONMATERIAL;
    }
    for (uint32_t i = g->in_start[f]; i < g->in_start[f + 1]; i++) {
        uint32_t e = g->in_link[i];
        if (!L->link_on[e] || g->in_nbr[i] == f)
            continue;
        links++;
        by_type[ds->links.type[e] % LT_COUNT]++;
        nonmat += ds->links.form[e] == FORM_NONMATERIAL;
    }
    out->linkages = links;
    out->blau_type = blau(by_type, LT_COUNT, links);
    out->non_material = links ? (double)nonmat / links : NAN;

    /* partners by scale and industry; industries counted in the scratch and
     * cleared over the same partners */
    uint32_t by_scale[SCALE_COUNT] = {0};
    double sq = 0;
    for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
        uint32_t pf = s->node_firm[s->nbr[i]];
        by_scale[ds->firms.scale[pf] % SCALE_COUNT]++;
        sc->count[ds->firms.industry[pf]]++;
    }
    for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
        uint32_t ind = ds->firms.industry[s->node_firm[s->nbr[i]]];
        if (sc->count[ind]) {
            sq += (double)sc->count[ind] * (double)sc->count[ind];
            sc->count[ind] = 0;
        }
    }
    out->blau_scale = blau(by_scale, SCALE_COUNT, d);
    out->blau_industry = d ? 1.0 - sq / ((double)d * (double)d) : NAN;

    /* ties among the partners: each found from both ends */
    if (d < 2) {
        out->density = NAN;
        return;
    }
    if (tri != UINT64_MAX) {
        out->density = 2.0 * (double)tri / ((double)d * (double)(d - 1));
        return;
    }
    for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++)
        sc->mark[s->nbr[i]] = 1;
    uint64_t ends = 0;
    for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
        uint32_t u = s->nbr[i];
        for (uint32_t j = s->start[u]; j < s->start[u + 1]; j++)
            ends += sc->mark[s->nbr[j]];
    }
    for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++)
        sc->mark[s->nbr[i]] = 0;
    out->density = (double)ends / ((double)d * (double)(d - 1));
}

void egocomp_firm(struct ego_composition *out, const struct dataset *ds, const struct graph *g,
                  const struct layer *L, const struct simple_graph *s, uint32_t v, struct egocomp_scratch *sc)
{
    compose(out, ds, g, L, s, v, sc, UINT64_MAX);
}

void egocomp_all(struct ego_composition *out, const struct dataset *ds, const struct graph *g,
                 const struct layer *L, const struct simple_graph *s)
{
    struct egocomp_scratch sc;
    egocomp_scratch_init(&sc, ds, s);
    uint64_t *tri = xmalloc((s->n ? s->n : 1) * sizeof *tri);
    centrality_triangles(s, tri);
    for (uint32_t v = 0; v < s->n; v++)
        compose(&out[v], ds, g, L, s, v, &sc, tri[v]);
    free(tri);
    egocomp_scratch_free(&sc);
}
