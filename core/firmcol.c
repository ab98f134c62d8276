#include "firmcol.h"
#include "centrality.h"
#include "cluster.h"
#include "direction.h"
#include "egocluster.h"
#include "egocomp.h"
#include <math.h>
#include <string.h>

#define X(e, name, kind) name,
const char *const firmcol_names[FIRMCOL_COUNT] = {FIRMCOL_LIST(X)};
#undef X
#define X(e, name, kind) kind,
const uint8_t firmcol_kinds[FIRMCOL_COUNT] = {FIRMCOL_LIST(X)};
#undef X

int firmcol_find(const char *name, const uint8_t *cols, unsigned n)
{
    for (unsigned k = 0; k < n; k++)
        if (!strcmp(name, firmcol_names[cols[k]]))
            return cols[k];
    return -1;
}

/* The cluster's columns; only local firms have a gatekeeper score and its parts. */
static double cluster_value(const struct cluster *cl, uint32_t v, unsigned col)
{
    const struct tie_profile *p = &cl->ties[v];
    switch (col) {
    case FIRMCOL_TIES: return p->total;
    case FIRMCOL_LOCAL: return p->by_scale[SCALE_LOCAL];
    case FIRMCOL_NATIONAL: return p->by_scale[SCALE_NATIONAL];
    case FIRMCOL_GLOBAL: return p->by_scale[SCALE_GLOBAL];
    case FIRMCOL_BUZZ: return p->buzz;
    case FIRMCOL_PIPELINE: return p->pipeline;
    case FIRMCOL_OUTSIDE: return p->outside;
    case FIRMCOL_PSHARE: return ties_share(p->pipeline, p->total);
    case FIRMCOL_MATERIAL: return p->by_form[FORM_MATERIAL];
    case FIRMCOL_NONMATERIAL: return p->by_form[FORM_NONMATERIAL];
    case FIRMCOL_PARTNERS: return simple_degree(&cl->s, v);
    case FIRMCOL_INTERNAL: return (double)cl->ei[v].internal;
    case FIRMCOL_EXTERNAL: return (double)cl->ei[v].external;
    case FIRMCOL_EI: return ties_ei_index(&cl->ei[v]);
    case FIRMCOL_COORD: return (double)cl->roles[v].role[BR_COORDINATOR];
    case FIRMCOL_ITIN: return (double)cl->roles[v].role[BR_ITINERANT];
    case FIRMCOL_REPR: return (double)cl->roles[v].role[BR_REPRESENTATIVE];
    case FIRMCOL_GATE: return (double)cl->roles[v].role[BR_GATEKEEPER];
    case FIRMCOL_LIAISON: return (double)cl->roles[v].role[BR_LIAISON];
    case FIRMCOL_BROKERAGE: return (double)cl->roles[v].total;
    case FIRMCOL_CONSTRAINT: return cl->constraint[v];
    case FIRMCOL_PIN: return cl->is_local[v] ? (double)cl->pipeline_in[v] : NAN;
    case FIRMCOL_POUT: return cl->is_local[v] ? (double)cl->pipeline_out[v] : NAN;
    case FIRMCOL_EXCL: return cl->is_local[v] ? (double)cl->exclusive[v] : NAN;
    case FIRMCOL_GKSCORE: return cl->is_local[v] ? (double)cl->gatekeeper_score[v] : NAN;
    case FIRMCOL_CORENESS: return cl->coreness[v];
    default: return NAN;
    }
}

/* The columns one firm's own measures have (core/egocluster), as cluster_value and
 * the direction columns give them for its node: 1 with *x set, or 0 for a column
 * they lack. A firm the layer drops has none of them (NaN). */
static int one_value(const struct ego_measures *m, unsigned col, double *x)
{
    double local = m->is_local ? 1 : NAN; /* only local firms have a gatekeeper score */
    switch (col) {
    case FIRMCOL_PARTNERS: *x = m->partners; break;
    case FIRMCOL_IN: *x = m->arcs_in; break;
    case FIRMCOL_OUT: *x = m->arcs_out; break;
    case FIRMCOL_MUTUAL: *x = m->arcs_mutual; break;
    case FIRMCOL_COORD: *x = (double)m->roles.role[BR_COORDINATOR]; break;
    case FIRMCOL_ITIN: *x = (double)m->roles.role[BR_ITINERANT]; break;
    case FIRMCOL_REPR: *x = (double)m->roles.role[BR_REPRESENTATIVE]; break;
    case FIRMCOL_GATE: *x = (double)m->roles.role[BR_GATEKEEPER]; break;
    case FIRMCOL_LIAISON: *x = (double)m->roles.role[BR_LIAISON]; break;
    case FIRMCOL_BROKERAGE: *x = (double)m->roles.total; break;
    case FIRMCOL_CONSTRAINT: *x = m->constraint; break;
    case FIRMCOL_ESIZE: *x = m->effective_size; break;
    case FIRMCOL_PIN: *x = local * (double)m->pipeline_in; break;
    case FIRMCOL_POUT: *x = local * (double)m->pipeline_out; break;
    case FIRMCOL_EXCL: *x = local * (double)m->exclusive; break;
    case FIRMCOL_GKSCORE: *x = local * (double)m->gatekeeper_score; break;
    default: return 0;
    }
    if (!m->in_layer)
        *x = NAN;
    return 1;
}

static double comp_value(const struct ego_composition *e, unsigned col)
{
    switch (col) {
    case FIRMCOL_EGO_DENSITY: return e->density;
    case FIRMCOL_BLAU_TYPE: return e->blau_type;
    case FIRMCOL_BLAU_SCALE: return e->blau_scale;
    case FIRMCOL_BLAU_INDUSTRY: return e->blau_industry;
    default: return e->non_material; /* FIRMCOL_NONMAT */
    }
}

double firmcol_value(const struct firmcol_src *src, uint32_t v, unsigned col)
{
    const struct centrality *m = src->m;
    double x;
    if (src->one && one_value(src->one, col, &x))
        return x;
    switch (col) {
    case FIRMCOL_ID: case FIRMCOL_NAME: case FIRMCOL_INDUSTRY: case FIRMCOL_SCALE: case FIRMCOL_GROUP:
    case FIRMCOL_CPCLASS:
        return 0;
    case FIRMCOL_CORE: return src->core[v];
    case FIRMCOL_ESIZE: return src->esize[v];
    case FIRMCOL_DEGREE: return m->degree[v];
    case FIRMCOL_BETWEENNESS: return m->betweenness[v];
    case FIRMCOL_BETWEENNESS_SE: return m->betweenness_se[v];
    case FIRMCOL_CLOSENESS: return m->closeness[v];
    case FIRMCOL_CLOSENESS_SE: return m->closeness_se[v];
    case FIRMCOL_CLUSTERING: return m->clustering[v];
    case FIRMCOL_IN: return src->dir->in_degree[v];
    case FIRMCOL_OUT: return src->dir->out_degree[v];
    case FIRMCOL_MUTUAL: return src->dir->mutual[v];
    case FIRMCOL_SCC: return src->dir->scc[v];
    case FIRMCOL_EGO_DENSITY: case FIRMCOL_BLAU_TYPE: case FIRMCOL_BLAU_SCALE: case FIRMCOL_BLAU_INDUSTRY:
    case FIRMCOL_NONMAT:
        return comp_value(src->one_comp ? src->one_comp : &src->ego[v], col);
    default: return cluster_value(src->cl, v, col);
    }
}

const char *firmcol_text(const struct firmcol_src *src, uint32_t v, unsigned col)
{
    const struct dataset *ds = src->ds;
    uint32_t f = src->s->node_firm[v];
    switch (col) {
    case FIRMCOL_ID: return dataset_firm_text(ds, f, FC_ID, NULL);
    case FIRMCOL_NAME: return dataset_firm_text(ds, f, FC_NAME, NULL);
    case FIRMCOL_INDUSTRY: return dataset_firm_text(ds, f, FC_INDUSTRY, NULL);
    case FIRMCOL_SCALE: return dataset_firm_text(ds, f, FC_SCALE, NULL);
    case FIRMCOL_GROUP: return ties_group_label(&src->cl->groups, src->cl->groups.of[f]);
    /* no partition (under four firms, no ties): no class; every in_core is then 0 */
    case FIRMCOL_CPCLASS: return isnan(src->cl->cp_info.fit) ? "" : src->cl->in_core[v] ? "core" : "periphery";
    default: return "";
    }
}

void firmcol_key_set(struct firmcol_key *k, const struct firmcol_src *src, uint32_t v, unsigned col)
{
    if (firmcol_kinds[col] == FIRMCOL_STR)
        k->s = firmcol_text(src, v, col);
    else
        k->x = firmcol_value(src, v, col);
}

int firmcol_key_cmp(const void *p, const void *q)
{
    const struct firmcol_key *a = p, *b = q;
    int c;
    if (a->s)
        c = strcmp(a->s, b->s);
    else if (isnan(a->x) || isnan(b->x))
        c = isnan(a->x) - isnan(b->x);
    else
        c = (a->x < b->x) - (a->x > b->x);
    return c ? c : (a->tie > b->tie) - (a->tie < b->tie);
}
