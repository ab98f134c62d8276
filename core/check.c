#include "check.h"
#include "graph.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

/* Mutual types are the same tie whichever end is written first; directed ones are not.
 * e joins v and w and is an out entry of v when is_out (so source v, target w) or an in
 * entry (source w, target v): the lower end counts it, from its out entry when both
 * ends are one firm. Only the type is read: the ends are already known from the CSR,
 * which keeps this pass from touching the source and target columns at random. */
static int counts_from(const struct dataset *ds, uint32_t e, uint32_t v, uint32_t w, int is_out)
{
    if (vocab_type_directed(ds->links.type[e]))
        return is_out;
    return is_out ? v <= w : v < w;
}

/* One pass per firm over its CSR entries with a per-partner bit set of types seen:
 * O(n + m) and no hashing, so it stays cheap at ten million linkages. */
static void check_duplicates(const struct dataset *ds, const struct graph *g, struct diag *dg)
{
    const struct link_table *l = &ds->links;
    uint16_t *seen = xcalloc(g->n ? g->n : 1, sizeof *seen);
    uint32_t *touched = NULL;
    size_t tcap = 0, nt;
    for (uint32_t v = 0; v < g->n; v++) {
        nt = 0;
        for (int pass = 0; pass < 2; pass++) {
            const uint32_t *start = pass ? g->in_start : g->out_start;
            const uint32_t *nbr = pass ? g->in_nbr : g->out_nbr;
            const uint32_t *link = pass ? g->in_link : g->out_link;
            for (uint32_t k = start[v]; k < start[v + 1]; k++) {
                uint32_t e = link[k], w = nbr[k];
                if (!counts_from(ds, e, v, w, !pass))
                    continue;
                uint16_t bit = (uint16_t)(1u << l->type[e]);
                if (!seen[w]) {
                    touched = xgrow(touched, &tcap, nt + 1, sizeof *touched);
                    touched[nt++] = w;
                }
                if (seen[w] & bit) {
                    /* name the other occurrence; rare, so a rescan is fine */
                    uint32_t other = e;
                    for (int p2 = 0; p2 < 2; p2++) {
                        const uint32_t *s2 = p2 ? g->in_start : g->out_start;
                        const uint32_t *n2 = p2 ? g->in_nbr : g->out_nbr;
                        const uint32_t *l2 = p2 ? g->in_link : g->out_link;
                        for (uint32_t k2 = s2[v]; k2 < s2[v + 1]; k2++) {
                            uint32_t o = l2[k2];
                            if (o != e && n2[k2] == w && l->type[o] == l->type[e] && counts_from(ds, o, v, n2[k2], !p2) &&
                                (other == e || dataset_link_line(ds, o) < dataset_link_line(ds, other)))
                                other = o;
                        }
                    }
                    uint32_t later = dataset_link_line(ds, e) > dataset_link_line(ds, other) ? e : other;
                    uint32_t earlier = later == e ? other : e;
                    if (later != earlier)
                        diag_add_lazy(dg, DIAG_LINKS, dataset_link_line(ds, later), DC_DUPLICATE_LINK,
                                      l->source[later], later, dataset_link_line(ds, earlier));
                }
                seen[w] |= bit;
            }
        }
        for (size_t t = 0; t < nt; t++)
            seen[touched[t]] = 0;
    }
    free(touched);
    free(seen);
}

void check_dataset(const struct dataset *ds, struct diag *dg)
{
    struct graph g;
    graph_build(&g, ds);
    check_dataset_graph(ds, &g, dg);
    graph_free(&g);
}

void check_dataset_graph(const struct dataset *ds, const struct graph *g, struct diag *dg)
{
    const struct firm_table *f = &ds->firms;
    const struct link_table *l = &ds->links;
    check_duplicates(ds, g, dg);
    for (uint32_t v = 0; v < f->n; v++)
        if (g->out_start[v + 1] == g->out_start[v] && g->in_start[v + 1] == g->in_start[v])
            diag_add_lazy(dg, DIAG_FIRMS, dataset_firm_line(ds, v), DC_ISOLATED_FIRM, v, UINT32_MAX, 0);
    for (uint32_t e = 0; e < l->n; e++) {
        if (l->since[e] == YEAR_NONE)
            continue;
        uint32_t ends[2] = {l->source[e], l->target[e]};
        for (int k = 0; k < 2; k++) {
            uint32_t v = ends[k];
            if (f->founded[v] != YEAR_NONE && l->since[e] < f->founded[v]) {
                /* one finding per linkage: indexes only, the message is made when printed */
                diag_add_lazy(dg, DIAG_LINKS, dataset_link_line(ds, e), DC_SINCE_BEFORE_FOUNDED, v, e, 0);
                break;
            }
        }
    }
}
