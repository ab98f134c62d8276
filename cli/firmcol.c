#include "firmcol.h"
#include "centrality.h"
#include "cluster.h"
#include "direction.h"
#include "egocomp.h"
#include "lookup.h"
#include "structural.h"
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

double firmcol_value(const struct firmcol_src *src, uint32_t v, unsigned col)
{
    const struct centrality *m = src->m;
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
    case FIRMCOL_EGO_DENSITY: return src->ego[v].density;
    case FIRMCOL_BLAU_TYPE: return src->ego[v].blau_type;
    case FIRMCOL_BLAU_SCALE: return src->ego[v].blau_scale;
    case FIRMCOL_BLAU_INDUSTRY: return src->ego[v].blau_industry;
    case FIRMCOL_NONMAT: return src->ego[v].non_material;
    default: return cluster_value(src->cl, v, col);
    }
}

const char *firmcol_text(const struct firmcol_src *src, uint32_t v, unsigned col)
{
    const struct dataset *ds = src->ds;
    uint32_t f = src->s->node_firm[v];
    switch (col) {
    case FIRMCOL_ID: return dataset_str(ds, ds->firms.id[f]);
    case FIRMCOL_NAME: return dataset_str(ds, ds->firms.name[f]);
    case FIRMCOL_INDUSTRY: return lookup_industry(ds, f);
    case FIRMCOL_SCALE: return vocab_scale_name(ds->firms.scale[f]);
    case FIRMCOL_GROUP: return ties_group_label(&src->cl->groups, src->cl->groups.of[f]);
    /* no partition (under four firms, no ties): no class; every in_core is then 0 */
    case FIRMCOL_CPCLASS: return isnan(src->cl->cp_info.fit) ? "" : src->cl->in_core[v] ? "core" : "periphery";
    default: return "";
    }
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

void firmcol_add_num(struct table *t, const struct firmcol_fmt *fmt, double x)
{
    if (isnan(x))
        table_add(t, fmt->format == PRINT_JSON ? "" : "NaN"); /* JSON null */
    else if (fmt->precise)
        table_addf(t, "%.17g", x);
    else
        table_addf(t, "%.*f", fmt->digits, x);
}

void firmcol_add_cell(struct table *t, const struct firmcol_fmt *fmt, const struct firmcol_src *src, uint32_t v,
                      unsigned col)
{
    if (firmcol_kinds[col] == PK_STR) {
        table_add(t, firmcol_text(src, v, col));
        return;
    }
    double x = firmcol_value(src, v, col);
    if (firmcol_kinds[col] == PK_INT) {
        if (isnan(x))
            table_add(t, ""); /* not ranked: only local firms have a gatekeeper score */
        else
            table_addf(t, "%.0f", x);
    } else if (col == FIRMCOL_CORENESS && fmt->precise && !isnan(x)) {
        /* known to STRUCTURAL_CORENESS_DIGITS decimals once converged; more would
         * print the iteration's noise */
        table_addf(t, "%.*f", STRUCTURAL_CORENESS_DIGITS, x);
    } else {
        firmcol_add_num(t, fmt, x);
    }
}
