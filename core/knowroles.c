/* knowroles: Giuliani and Bell's cognitive roles of local firms (see knowroles.h). */
#include "knowroles.h"
#include <stdlib.h>
#include "vocab.h"
#include "xalloc.h"

const char *know_role_name(unsigned role)
{
#define X(e, name) name,
    static const char *const names[KR_COUNT] = {KNOW_ROLES(X)};
#undef X
    return role < KR_COUNT ? names[role] : "-";
}

/* Counts u once per firm v: stamp[u] holds the last v (plus one) that counted it. */
static int first_time(uint32_t *stamp, uint32_t u, uint32_t v)
{
    if (stamp[u] == v + 1)
        return 0;
    stamp[u] = v + 1;
    return 1;
}

void know_roles_compute(struct know_roles *kr, const struct dataset *ds, const struct graph *g,
                        const struct layer *L)
{
    uint32_t n = g->n;
    const uint8_t *scale = ds->firms.scale, *type = ds->links.type;
    kr->n = n;
    kr->in_local = xcalloc(n ? n : 1, sizeof *kr->in_local);
    kr->out_local = xcalloc(n ? n : 1, sizeof *kr->out_local);
    kr->external = xcalloc(n ? n : 1, sizeof *kr->external);
    kr->role = xmalloc(n ? n : 1);
    for (unsigned r = 0; r < KR_COUNT; r++)
        kr->count[r] = 0;
    /* three stamps: a partner counts once as a source, once as a target, once outside */
    uint32_t *st_in = xcalloc(n ? n : 1, sizeof *st_in), *st_out = xcalloc(n ? n : 1, sizeof *st_out),
             *st_ext = xcalloc(n ? n : 1, sizeof *st_ext);
    uint64_t sum_in = 0, sum_out = 0, sum_ext = 0;
    kr->n_local = 0;
    for (uint32_t v = 0; v < n; v++) {
        kr->role[v] = KR_NONE;
        if (scale[v] != SCALE_LOCAL || !L->firm_on[v])
            continue;
        kr->n_local++;
        for (int pass = 0; pass < 2; pass++) {
            const uint32_t *start = pass ? g->in_start : g->out_start, *nbr = pass ? g->in_nbr : g->out_nbr,
                           *link = pass ? g->in_link : g->out_link;
            for (uint32_t k = start[v]; k < start[v + 1]; k++) {
                uint32_t e = link[k], u = nbr[k];
                if (!L->link_on[e] || u == v)
                    continue;
                if (scale[u] != SCALE_LOCAL) {
                    kr->external[v] += (uint32_t)first_time(st_ext, u, v);
                    continue;
                }
                int both = !vocab_type_directed(type[e]);
                /* pass 0: v is the source (v -> u); pass 1: u -> v */
                if (pass == 0 || both)
                    kr->out_local[v] += (uint32_t)first_time(st_out, u, v);
                if (pass == 1 || both)
                    kr->in_local[v] += (uint32_t)first_time(st_in, u, v);
            }
        }
        sum_in += kr->in_local[v];
        sum_out += kr->out_local[v];
        sum_ext += kr->external[v];
    }
    free(st_in);
    free(st_out);
    free(st_ext);
    double nl = kr->n_local ? (double)kr->n_local : 1.0;
    kr->mean_in = (double)sum_in / nl;
    kr->mean_out = (double)sum_out / nl;
    kr->mean_external = (double)sum_ext / nl;
    for (uint32_t v = 0; v < n; v++) {
        if (scale[v] != SCALE_LOCAL || !L->firm_on[v])
            continue;
        unsigned r;
        if (!kr->in_local[v] && !kr->out_local[v])
            r = KR_ISOLATED;
        else if ((double)kr->in_local[v] >= kr->mean_in && (double)kr->out_local[v] >= kr->mean_out)
            r = kr->external[v] > 0 && (double)kr->external[v] >= kr->mean_external ? KR_GATEKEEPER : KR_EXCHANGER;
        else
            r = KR_WEAK;
        kr->role[v] = (uint8_t)r;
        kr->count[r]++;
    }
}

void know_roles_free(struct know_roles *kr)
{
    free(kr->in_local);
    free(kr->out_local);
    free(kr->external);
    free(kr->role);
    kr->in_local = kr->out_local = kr->external = NULL;
    kr->role = NULL;
}
