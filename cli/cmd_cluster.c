/* firmnet cluster: local buzz and global pipelines, E-I index, brokerage roles,
 * gatekeepers, constraint and core-periphery of a layer (core/cluster). */
#include "cli.h"
#include "cluster.h"
#include "cmd_cluster_time.h"
#include "knowroles.h"
#include "commands.h"
#include "lookup.h"
#include "overlap.h"
#include "text.h"
#include "xalloc.h"
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet cluster [OPTIONS]\n"
    "How the layer's local ties (buzz) connect to national and global ones (pipelines),\n"
    "and which firms carry the connection: a whole-network summary, the E-I index of\n"
    "each group, a per-industry table and the top gatekeepers; --firms gives one row per\n"
    "firm with tie counts, E-I index, Gould-Fernandez brokerage roles, Burt's constraint\n"
    "and effective size, gatekeeper score, k-core, Borgatti-Everett continuous\n"
    "coreness and discrete core/periphery class.\n"
    "docs/cluster.md explains every measure. Exit status: 0 done, 2 usage or dataset error.\n\n"
    "Options:\n"
    "      --group COL       group firms by this firms.csv column for the E-I index and\n"
    "                        brokerage roles (default: scale; firms with an empty value\n"
    "                        form one group \"\")\n"
    "      --firms           one row per firm of the layer\n"
    "      --industries      only the per-industry table\n"
    "      --groups          only the per-group E-I table\n"
    "      --gatekeepers     only the gatekeeper ranking (local firms)\n"
    "      --brokerage       only the brokerage roles of each firm with their expected\n"
    "                        counts, standard deviations and z-scores (as sna's\n"
    "                        brokerage()), and the same for the whole network\n"
    "      --knowledge-roles Giuliani & Bell's roles of the local firms (technological\n"
    "                        gatekeeper, active mutual exchanger, weakly tied,\n"
    "                        isolated) on the knowledge layer unless --type is given\n"
    "      --by-type         add a count column per linkage type to the firm and\n"
    "                        industry tables\n"
    "      --compare-forms   the same measures on the material and the non-material\n"
    "                        layer side by side (not with --form), and how much the\n"
    "                        two overlap: Jaccard, QAP correlation and its p-values\n"
    "      --permutations N  N permutations for the E-I test (group labels shuffled)\n"
    "                        and, with --compare-forms, the QAP test (default 1000,\n"
    "                        fewer on layers of over 50000 pairs; the output says)\n"
    "      --seed S          seed of the permutations (default fixed)\n"
    "      --sort COL        with --firms: order by COL (numbers descending, text\n"
    "                        ascending; default: dataset order)\n"
    "      --top N           at most N rows per table (default: 10 gatekeepers in the\n"
    "                        summary, every row elsewhere)\n"
    "      --by-year         the layer year by year: ties in force by scale and form,\n"
    "                        undated ties apart, births, ends, firms founded (with\n"
    "                        --industries: per industry)\n"
    "      --compare-years A,B  year A against year B: ties gained and lost by type and\n"
    "                        scale, new gatekeepers, firms whose pipeline share grew most\n" CLI_COMMON_HELP;

enum { OPT_GROUP = 512, OPT_FIRMS, OPT_INDUSTRIES, OPT_GROUPS, OPT_GATEKEEPERS, OPT_COMPARE, OPT_SORT, OPT_TOP,
       OPT_BY_TYPE, OPT_BY_YEAR, OPT_COMPARE_YEARS, OPT_BROKERAGE, OPT_PERMUTATIONS, OPT_SEED,
       OPT_KNOWLEDGE };
enum { SHOW_SUMMARY, SHOW_FIRMS, SHOW_INDUSTRIES, SHOW_GROUPS, SHOW_GATEKEEPERS, SHOW_BROKERAGE, SHOW_KNOWLEDGE };

struct out {
    enum print_format format;
    int precise; /* tsv and json carry every digit for cross-checking */
    int by_type; /* add a count column per linkage type to the firm and industry tables */
};

/* Column names of --by-type: the type names with '_' for '-', like the other columns. */
static char type_col[LT_COUNT][32];

static void type_cols_init(void)
{
    for (unsigned k = 0; k < LT_COUNT; k++) {
        snprintf(type_col[k], sizeof type_col[k], "%s", vocab_type_name(k));
        for (char *p = type_col[k]; *p; p++)
            if (*p == '-')
                *p = '_';
    }
}

/* A fixed column set followed, with by_type, by one count column per type. */
struct colset {
    const char *name[96];
    uint8_t kind[96];
    unsigned n;
};

static void colset_make(struct colset *cs, const char *const *names, const uint8_t *kinds, unsigned n, int by_type)
{
    cs->n = 0;
    if (n + (by_type ? LT_COUNT : 0) > sizeof cs->name / sizeof *cs->name)
        abort(); /* a column table outgrew the set: a programming error */
    for (unsigned k = 0; k < n; k++) {
        cs->name[cs->n] = names[k];
        cs->kind[cs->n++] = kinds[k];
    }
    for (unsigned k = 0; by_type && k < LT_COUNT; k++) {
        cs->name[cs->n] = type_col[k];
        cs->kind[cs->n++] = PK_INT;
    }
}

static void add_types(struct table *t, const struct out *o, const struct tie_profile *p)
{
    for (unsigned k = 0; o->by_type && k < LT_COUNT; k++)
        table_addf(t, "%u", p->by_type[k]);
}

static void add_num(struct table *t, const struct out *o, double x)
{
    if (isnan(x))
        table_add(t, o->format == PRINT_JSON ? "" : "NaN"); /* JSON null */
    else if (o->precise)
        table_addf(t, "%.17g", x);
    else
        table_addf(t, "%.3f", x);
}

/* Coreness is known to STRUCTURAL_CORENESS_DIGITS decimals once converged; more
 * would print the iteration's noise. */
static void add_coreness(struct table *t, const struct out *o, double x)
{
    if (isnan(x))
        table_add(t, o->format == PRINT_JSON ? "" : "NaN");
    else if (o->precise)
        table_addf(t, "%.*f", STRUCTURAL_CORENESS_DIGITS, x);
    else
        table_addf(t, "%.3f", x);
}

static void add_u64(struct table *t, uint64_t x)
{
    table_addf(t, "%llu", (unsigned long long)x);
}

static const char *firm_id(const struct dataset *ds, const struct cluster *cl, uint32_t v)
{
    return dataset_str(ds, ds->firms.id[cl->s.node_firm[v]]);
}

/* ---- per-firm table ---- */

#define FIRM_COLS(X) \
    X(FCOL_ID, "id", PK_STR) X(FCOL_NAME, "name", PK_STR) X(FCOL_INDUSTRY, "industry", PK_STR) \
    X(FCOL_SCALE, "scale", PK_STR) X(FCOL_GROUP, "group", PK_STR) X(FCOL_TIES, "ties", PK_INT) \
    X(FCOL_LOCAL, "local", PK_INT) X(FCOL_NATIONAL, "national", PK_INT) X(FCOL_GLOBAL, "global", PK_INT) \
    X(FCOL_BUZZ, "buzz", PK_INT) X(FCOL_PIPELINE, "pipeline", PK_INT) X(FCOL_OUTSIDE, "outside", PK_INT) \
    X(FCOL_PSHARE, "pipeline_share", PK_NUM) \
    X(FCOL_MATERIAL, "material", PK_INT) X(FCOL_NONMATERIAL, "non_material", PK_INT) \
    X(FCOL_PARTNERS, "partners", PK_INT) X(FCOL_INTERNAL, "internal", PK_INT) \
    X(FCOL_EXTERNAL, "external", PK_INT) X(FCOL_EI, "ei", PK_NUM) \
    X(FCOL_COORD, "coordinator", PK_INT) X(FCOL_ITIN, "itinerant", PK_INT) \
    X(FCOL_REPR, "representative", PK_INT) X(FCOL_GATE, "gatekeeper", PK_INT) \
    X(FCOL_LIAISON, "liaison", PK_INT) X(FCOL_BROKERAGE, "brokerage", PK_INT) \
    X(FCOL_CONSTRAINT, "constraint", PK_NUM) X(FCOL_ESIZE, "effective_size", PK_NUM) \
    X(FCOL_PIN, "gatekeeper_local", PK_INT) X(FCOL_POUT, "representative_local", PK_INT) \
    X(FCOL_EXCL, "exclusive", PK_INT) X(FCOL_GKSCORE, "gatekeeper_score", PK_INT) \
    X(FCOL_CORE, "core", PK_INT) X(FCOL_CORENESS, "coreness", PK_NUM) X(FCOL_CPCLASS, "cp_class", PK_STR)
#define X(e, name, kind) e,
enum { FIRM_COLS(X) NFCOLS };
#undef X
#define X(e, name, kind) name,
static const char *const fcol_names[NFCOLS] = {FIRM_COLS(X)};
#undef X
#define X(e, name, kind) kind,
static const uint8_t fcol_kinds[NFCOLS] = {FIRM_COLS(X)};
#undef X

/* The value a numeric column sorts by; NaN and "not ranked" sort last. */
static double firm_value(const struct cluster *cl, uint32_t v, int col)
{
    const struct tie_profile *p = &cl->ties[v];
    switch (col) {
    case FCOL_TIES: return p->total;
    case FCOL_LOCAL: return p->by_scale[SCALE_LOCAL];
    case FCOL_NATIONAL: return p->by_scale[SCALE_NATIONAL];
    case FCOL_GLOBAL: return p->by_scale[SCALE_GLOBAL];
    case FCOL_BUZZ: return p->buzz;
    case FCOL_PIPELINE: return p->pipeline;
    case FCOL_OUTSIDE: return p->outside;
    case FCOL_PSHARE: return ties_share(p->pipeline, p->total);
    case FCOL_MATERIAL: return p->by_form[FORM_MATERIAL];
    case FCOL_NONMATERIAL: return p->by_form[FORM_NONMATERIAL];
    case FCOL_PARTNERS: return simple_degree(&cl->s, v);
    case FCOL_INTERNAL: return (double)cl->ei[v].internal;
    case FCOL_EXTERNAL: return (double)cl->ei[v].external;
    case FCOL_EI: return ties_ei_index(&cl->ei[v]);
    case FCOL_COORD: return (double)cl->roles[v].role[BR_COORDINATOR];
    case FCOL_ITIN: return (double)cl->roles[v].role[BR_ITINERANT];
    case FCOL_REPR: return (double)cl->roles[v].role[BR_REPRESENTATIVE];
    case FCOL_GATE: return (double)cl->roles[v].role[BR_GATEKEEPER];
    case FCOL_LIAISON: return (double)cl->roles[v].role[BR_LIAISON];
    case FCOL_BROKERAGE: return (double)cl->roles[v].total;
    case FCOL_CONSTRAINT: return cl->constraint[v];
    case FCOL_ESIZE: return cl->effective_size[v];
    case FCOL_PIN: return cl->is_local[v] ? (double)cl->pipeline_in[v] : NAN;
    case FCOL_POUT: return cl->is_local[v] ? (double)cl->pipeline_out[v] : NAN;
    case FCOL_EXCL: return cl->is_local[v] ? (double)cl->exclusive[v] : NAN;
    case FCOL_GKSCORE: return cl->is_local[v] ? (double)cl->gatekeeper_score[v] : NAN;
    case FCOL_CORE: return cl->core[v];
    case FCOL_CORENESS: return cl->coreness[v];
    default: return NAN;
    }
}

static void add_firm_cell(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                          uint32_t v, int col)
{
    uint32_t f = cl->s.node_firm[v];
    switch (col) {
    case FCOL_ID: table_add(t, dataset_str(ds, ds->firms.id[f])); return;
    case FCOL_NAME: table_add(t, dataset_str(ds, ds->firms.name[f])); return;
    case FCOL_INDUSTRY: table_add(t, lookup_industry(ds, f)); return;
    case FCOL_SCALE: table_add(t, vocab_scale_name(ds->firms.scale[f])); return;
    case FCOL_GROUP: table_add(t, ties_group_label(&cl->groups, cl->groups.of[f])); return;
    case FCOL_CPCLASS: table_add(t, isnan(cl->cp_info.fit) ? "" : cl->in_core[v] ? "core" : "periphery"); return;
    case FCOL_CORENESS: add_coreness(t, o, cl->coreness[v]); return;
    case FCOL_EI: case FCOL_CONSTRAINT: case FCOL_ESIZE: case FCOL_PSHARE:
        add_num(t, o, firm_value(cl, v, col));
        return;
    default: {
        double x = firm_value(cl, v, col);
        if (isnan(x))
            table_add(t, ""); /* not ranked: only local firms have a gatekeeper score */
        else
            add_u64(t, (uint64_t)x);
        return;
    }
    }
}

struct sort_key {
    const char *s;
    double x;
    uint32_t node;
    uint32_t tie; /* the node's place in firm id order: never the file's order */
};

static int cmp_key(const void *p, const void *q)
{
    const struct sort_key *a = p, *b = q;
    int c;
    if (a->s)
        c = strcmp(a->s, b->s);
    else if (isnan(a->x) || isnan(b->x))
        c = isnan(a->x) - isnan(b->x);
    else
        c = (a->x < b->x) - (a->x > b->x);
    return c ? c : (a->tie > b->tie) - (a->tie < b->tie);
}

static void firms_table(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                        int sort, uint32_t top)
{
    static struct colset cs; /* table_init borrows the names until the table is printed */
    uint32_t n = cl->n;
    struct sort_key *order = xmalloc(((size_t)n + 1) * sizeof *order);
    for (uint32_t v = 0; v < n; v++) {
        order[v].node = v;
        order[v].tie = cl->id_rank[v];
        order[v].s = NULL;
        order[v].x = 0;
    }
    if (sort >= 0) {
        if (fcol_kinds[sort] == PK_STR) {
            /* text keys point into the dataset, so they outlive the loop */
            for (uint32_t v = 0; v < n; v++) {
                uint32_t f = cl->s.node_firm[v];
                switch (sort) {
                case FCOL_ID: order[v].s = dataset_str(ds, ds->firms.id[f]); break;
                case FCOL_NAME: order[v].s = dataset_str(ds, ds->firms.name[f]); break;
                case FCOL_INDUSTRY: order[v].s = lookup_industry(ds, f); break;
                case FCOL_SCALE: order[v].s = vocab_scale_name(ds->firms.scale[f]); break;
                case FCOL_CPCLASS: order[v].s = cl->in_core[v] ? "core" : "periphery"; break;
                default: order[v].s = ties_group_label(&cl->groups, cl->groups.of[f]); break;
                }
            }
        } else {
            for (uint32_t v = 0; v < n; v++)
                order[v].x = firm_value(cl, v, sort);
        }
        qsort(order, n, sizeof *order, cmp_key);
    }
    uint32_t rows = top && top < n ? top : n;
    colset_make(&cs, fcol_names, fcol_kinds, NFCOLS, o->by_type);
    table_init(t, cs.n, cs.name, cs.kind);
    for (uint32_t i = 0; i < rows; i++) {
        for (int c = 0; c < NFCOLS; c++)
            add_firm_cell(t, o, ds, cl, order[i].node, c);
        add_types(t, o, &cl->ties[order[i].node]);
    }
    free(order);
}

/* ---- per-group, per-industry and gatekeeper tables ---- */

static const char *const gcol_names[] = {"group", "firms", "internal", "external", "ei"};
static const uint8_t gcol_kinds[] = {PK_STR, PK_INT, PK_INT, PK_INT, PK_NUM};

static void groups_table(struct table *t, const struct out *o, const struct cluster *cl, uint32_t top)
{
    table_init(t, 5, gcol_names, gcol_kinds);
    uint32_t rows = 0;
    for (uint32_t k = 0; k < cl->groups.count && (!top || rows < top); k++) {
        if (!cl->group_nodes[k])
            continue;
        table_add(t, ties_group_label(&cl->groups, k));
        table_addf(t, "%u", cl->group_nodes[k]);
        add_u64(t, cl->group_ei[k].internal);
        add_u64(t, cl->group_ei[k].external);
        add_num(t, o, ties_ei_index(&cl->group_ei[k]));
        rows++;
    }
}

static const char *const icol_names[] = {"industry", "firms", "local_firms", "ties", "local", "national", "global",
                                         "buzz", "pipeline", "outside", "buzz_share", "pipeline_share", "material_share", "ei", "brokerage",
                                         "gatekeepers", "top_gatekeeper"};
static const uint8_t icol_kinds[] = {PK_STR, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT,
                                     PK_INT, PK_INT, PK_INT, PK_NUM, PK_NUM, PK_NUM, PK_NUM, PK_INT, PK_INT, PK_STR};

static void industries_table(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                             uint32_t top)
{
    static struct colset cs;
    colset_make(&cs, icol_names, icol_kinds, sizeof icol_names / sizeof *icol_names, o->by_type);
    table_init(t, cs.n, cs.name, cs.kind);
    uint32_t rows = 0;
    for (uint32_t k = 0; k < cl->n_industries && (!top || rows < top); k++) {
        const struct cluster_industry *in = &cl->industry[k];
        if (!in->firms)
            continue;
        const struct tie_profile *p = &in->ties;
        table_add(t, dataset_str(ds, ds->industry_name[k]));
        table_addf(t, "%u", in->firms);
        table_addf(t, "%u", in->local_firms);
        table_addf(t, "%u", p->total);
        table_addf(t, "%u", p->by_scale[SCALE_LOCAL]);
        table_addf(t, "%u", p->by_scale[SCALE_NATIONAL]);
        table_addf(t, "%u", p->by_scale[SCALE_GLOBAL]);
        table_addf(t, "%u", p->buzz);
        table_addf(t, "%u", p->pipeline);
        table_addf(t, "%u", p->outside);
        add_num(t, o, ties_share(p->buzz, p->total));
        add_num(t, o, ties_share(p->pipeline, p->total));
        add_num(t, o, ties_share(p->by_form[FORM_MATERIAL], p->total));
        add_num(t, o, ties_ei_index(&in->ei));
        add_u64(t, in->brokerage);
        table_addf(t, "%u", in->gatekeepers);
        table_add(t, in->top_gatekeeper == SIMPLE_NONE ? "" : firm_id(ds, cl, in->top_gatekeeper));
        add_types(t, o, p);
        rows++;
    }
}

static const char *const kcol_names[] = {"rank", "id", "name", "industry", "gatekeeper_local", "representative_local",
                                         "exclusive", "gatekeeper_score", "partners"};
static const uint8_t kcol_kinds[] = {PK_INT, PK_STR, PK_STR, PK_STR, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT};

static void gatekeepers_table(struct table *t, const struct dataset *ds, const struct cluster *cl, uint32_t top)
{
    table_init(t, 9, kcol_names, kcol_kinds);
    for (uint32_t r = 0; r < cl->n_local && (!top || r < top); r++) {
        uint32_t v = cl->gatekeeper_rank[r], f = cl->s.node_firm[v];
        if (!cl->gatekeeper_score[v])
            break; /* the rest score 0: no pipeline at all */
        table_addf(t, "%u", r + 1);
        table_add(t, dataset_str(ds, ds->firms.id[f]));
        table_add(t, dataset_str(ds, ds->firms.name[f]));
        table_add(t, lookup_industry(ds, f));
        add_u64(t, cl->pipeline_in[v]);
        add_u64(t, cl->pipeline_out[v]);
        table_addf(t, "%u", cl->exclusive[v]);
        add_u64(t, cl->gatekeeper_score[v]);
        table_addf(t, "%u", simple_degree(&cl->s, v));
    }
}

/* ---- summary ---- */

enum sum_kind { SUM_INT, SUM_NUM, SUM_STR };
struct sum_row {
    const char *name;
    enum sum_kind kind;
    double x;
    uint64_t u;
    const char *s;
};

#define SUMMARY_ROWS 64
struct summary {
    unsigned n;
    struct sum_row row[SUMMARY_ROWS];
};

static void sum_u(struct summary *s, const char *name, uint64_t u)
{
    if (s->n == SUMMARY_ROWS)
        abort(); /* the summary outgrew its rows: a programming error */
    s->row[s->n++] = (struct sum_row){name, SUM_INT, 0, u, NULL};
}
static void sum_x(struct summary *s, const char *name, double x)
{
    if (s->n == SUMMARY_ROWS)
        abort(); /* the summary outgrew its rows: a programming error */
    s->row[s->n++] = (struct sum_row){name, SUM_NUM, x, 0, NULL};
}
static void sum_s(struct summary *s, const char *name, const char *str)
{
    if (s->n == SUMMARY_ROWS)
        abort(); /* the summary outgrew its rows: a programming error */
    s->row[s->n++] = (struct sum_row){name, SUM_STR, 0, 0, str};
}

static void summary_fill(struct summary *s, const struct dataset *ds, const struct cluster *cl, const char *layer)
{
    const struct tie_profile *p = &cl->links;
    s->n = 0;
    sum_s(s, "layer", layer);
    sum_s(s, "group_column", ties_column_name(ds, cl->groups.field));
    sum_u(s, "firms", cl->n);
    sum_u(s, "local_firms", cl->n_local);
    sum_u(s, "linkages", p->total);
    sum_u(s, "pairs", cl->s.m);
    sum_u(s, "arcs", cl->arcs.m);
    sum_u(s, "local_linkages", p->by_scale[SCALE_LOCAL]);
    sum_u(s, "national_linkages", p->by_scale[SCALE_NATIONAL]);
    sum_u(s, "global_linkages", p->by_scale[SCALE_GLOBAL]);
    sum_u(s, "buzz_linkages", p->buzz);
    sum_u(s, "pipeline_linkages", p->pipeline);
    sum_u(s, "outside_linkages", p->outside);
    sum_x(s, "buzz_share", ties_share(p->buzz, p->total));
    sum_x(s, "pipeline_share", ties_share(p->pipeline, p->total));
    sum_u(s, "material_linkages", p->by_form[FORM_MATERIAL]);
    sum_u(s, "non_material_linkages", p->by_form[FORM_NONMATERIAL]);
    sum_u(s, "internal_pairs", cl->whole_ei.internal);
    sum_u(s, "external_pairs", cl->whole_ei.external);
    sum_x(s, "ei", ties_ei_index(&cl->whole_ei));
    sum_u(s, "ei_permutations", cl->ei_perm.permutations);
    sum_u(s, "ei_seed", cl->ei_perm.seed);
    sum_x(s, "ei_expected", cl->ei_perm.expected);
    sum_x(s, "ei_sd", cl->ei_perm.sd);
    sum_x(s, "ei_min", cl->ei_perm.min);
    sum_x(s, "ei_max", cl->ei_perm.max);
    sum_x(s, "ei_p_ge", cl->ei_perm.p_ge);
    sum_x(s, "ei_p_le", cl->ei_perm.p_le);
    sum_x(s, "assortativity_industry", cl->assort_industry);
    sum_x(s, "assortativity_scale", cl->assort_scale);
    sum_x(s, "assortativity_group", cl->assort_group);
    for (unsigned r = 0; r < BR_COUNT; r++)
        sum_u(s, brokerage_role_name(r), cl->whole_roles[r]);
    sum_u(s, "brokerage", cl->whole_roles[BR_COUNT]);
    uint32_t gk = 0, maxcore = 0;
    for (uint32_t v = 0; v < cl->n; v++) {
        gk += cl->gatekeeper_score[v] > 0;
        if (cl->core[v] > maxcore)
            maxcore = cl->core[v];
    }
    sum_u(s, "gatekeepers", gk);
    sum_u(s, "max_core", maxcore);
    sum_x(s, "coreness_fit", cl->coreness_info.fit);
    sum_u(s, "coreness_iterations", cl->coreness_info.iterations);
    sum_u(s, "coreness_converged", (uint64_t)cl->coreness_info.converged);
    sum_u(s, "cp_core_firms", cl->cp_info.core_size);
    sum_x(s, "cp_fit", cl->cp_info.fit);
}

static json_t *sum_json(const struct sum_row *r)
{
    switch (r->kind) {
    case SUM_INT: return json_integer((json_int_t)r->u);
    case SUM_NUM: return isnan(r->x) ? json_null() : json_real(r->x);
    default: return print_json_string(r->s);
    }
}

static void sum_cell(struct table *t, const struct out *o, const struct sum_row *r)
{
    if (r->kind == SUM_INT)
        add_u64(t, r->u);
    else if (r->kind == SUM_NUM)
        add_num(t, o, r->x);
    else
        table_add(t, r->s);
}

/* Sections go one after another: text with a heading each, tsv with a "# name" line. */
static void section(const struct out *o, const char *title, const struct table *t, int *first)
{
    if (o->format == PRINT_TSV) {
        printf("# %s\n", title);
    } else {
        if (!*first)
            putchar('\n');
        printf("%s\n", title);
    }
    *first = 0;
    table_print(t, o->format, stdout);
}

/* ---- brokerage against its null model ---- */

/* Columns: id, name, group, then for each role and the total: the count, its
 * expectation, standard deviation and z-score (sna's raw.nli, exp.nli, sd.nli,
 * z.nli). */
#define BROKER_STATS 4
static char bcol_name[3 + (BR_COUNT + 1) * BROKER_STATS][40];
static const char *bcol_names[3 + (BR_COUNT + 1) * BROKER_STATS];
static uint8_t bcol_kinds[3 + (BR_COUNT + 1) * BROKER_STATS];

static const char *broker_name(unsigned r)
{
    return r < BR_COUNT ? brokerage_role_name(r) : "brokerage";
}

static void broker_cols_init(void)
{
    static const char *const suffix[BROKER_STATS] = {"", "_exp", "_sd", "_z"};
    static const char *const first[3] = {"id", "name", "group"};
    unsigned k = 0;
    for (; k < 3; k++) {
        bcol_names[k] = first[k];
        bcol_kinds[k] = PK_STR;
    }
    for (unsigned r = 0; r <= BR_COUNT; r++)
        for (unsigned j = 0; j < BROKER_STATS; j++, k++) {
            snprintf(bcol_name[k], sizeof bcol_name[k], "%s%s", broker_name(r), suffix[j]);
            bcol_names[k] = bcol_name[k];
            bcol_kinds[k] = j ? PK_NUM : PK_INT;
        }
}

/* Moments per group (groups.count entries, caller frees) and for the network. */
static struct broker_moments *broker_moments(const struct cluster *cl, struct broker_moments *whole)
{
    struct broker_moments *m = xmalloc(((size_t)cl->groups.count + 1) * sizeof *m);
    brokerage_expected(cl->n, cl->arcs.m, cl->group_nodes, cl->groups.count, m, whole);
    return m;
}

static void brokerage_table(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                            const struct broker_moments *m, uint32_t top)
{
    broker_cols_init();
    table_init(t, 3 + (BR_COUNT + 1) * BROKER_STATS, bcol_names, bcol_kinds);
    uint32_t rows = top && top < cl->n ? top : cl->n;
    for (uint32_t v = 0; v < rows; v++) {
        uint32_t f = cl->s.node_firm[v], gr = cl->groups.of[f];
        table_add(t, dataset_str(ds, ds->firms.id[f]));
        table_add(t, dataset_str(ds, ds->firms.name[f]));
        table_add(t, ties_group_label(&cl->groups, gr));
        for (unsigned r = 0; r <= BR_COUNT; r++) {
            uint64_t raw = r < BR_COUNT ? cl->roles[v].role[r] : cl->roles[v].total;
            add_u64(t, raw);
            add_num(t, o, m[gr].exp[r]);
            add_num(t, o, m[gr].sd[r]);
            double z = brokerage_z((double)raw, m[gr].exp[r], m[gr].sd[r]);
            add_num(t, o, isfinite(z) ? z : NAN);
        }
    }
}

static void brokerage_network_table(struct table *t, const struct out *o, const struct cluster *cl,
                                    const struct broker_moments *whole)
{
    static const char *const names[] = {"role", "count", "exp", "sd", "z"};
    static const uint8_t kinds[] = {PK_STR, PK_INT, PK_NUM, PK_NUM, PK_NUM};
    table_init(t, 5, names, kinds);
    for (unsigned r = 0; r <= BR_COUNT; r++) {
        table_add(t, broker_name(r));
        add_u64(t, cl->whole_roles[r]);
        add_num(t, o, whole->exp[r]);
        add_num(t, o, whole->sd[r]);
        double z = brokerage_z((double)cl->whole_roles[r], whole->exp[r], whole->sd[r]);
        add_num(t, o, isfinite(z) ? z : NAN);
    }
}

static void run_brokerage(const struct out *o, const struct dataset *ds, const struct cluster *cl, const char *layer,
                          uint32_t top)
{
    struct broker_moments whole;
    struct broker_moments *m = broker_moments(cl, &whole);
    struct table t, tn;
    brokerage_table(&t, o, ds, cl, m, top);
    brokerage_network_table(&tn, o, cl, &whole);
    if (o->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", print_json_string(layer));
        json_object_set_new(doc, "group_column", print_json_string(ties_column_name(ds, cl->groups.field)));
        json_object_set_new(doc, "arcs", json_integer((json_int_t)cl->arcs.m));
        json_object_set_new(doc, "firms", table_to_json(&t));
        json_object_set_new(doc, "network", table_to_json(&tn));
        print_json(doc, stdout);
    } else {
        int first = 1;
        section(o, "brokerage", &t, &first);
        section(o, "network", &tn, &first);
    }
    table_free(&t);
    table_free(&tn);
    free(m);
}

/* ---- Giuliani and Bell's cognitive roles (--knowledge-roles) ---- */

struct kr_row {
    uint8_t role;
    uint32_t firm;
    const char *id;
};

static int kr_row_cmp(const void *a, const void *b)
{
    const struct kr_row *x = a, *y = b;
    if (x->role != y->role)
        return x->role < y->role ? -1 : 1;
    return strcmp(x->id, y->id);
}

static const char *const krs_names[] = {"layer", "local_firms", "mean_in_local", "mean_out_local",
                                        "mean_external"};
static const uint8_t krs_kinds[] = {PK_STR, PK_INT, PK_NUM, PK_NUM, PK_NUM};
static const char *const krc_names[] = {"role", "firms", "share"};
static const uint8_t krc_kinds[] = {PK_STR, PK_INT, PK_NUM};
static const char *const krf_names[] = {"id", "name", "industry", "in_local", "out_local", "external", "role"};
static const uint8_t krf_kinds[] = {PK_STR, PK_STR, PK_STR, PK_INT, PK_INT, PK_INT, PK_STR};

/* The local firms of the layer by role (gatekeepers first), then by id. */
static void run_knowledge(enum print_format format, const struct dataset *ds, const struct cli_data *d,
                          uint32_t top)
{
    struct out o = {format, format != PRINT_TEXT, 0};
    struct know_roles kr;
    know_roles_compute(&kr, ds, &d->g, &d->L);
    char layer[256];
    layer_describe(&d->L.spec, layer, sizeof layer);
    struct table ts, tc, tf;
    table_init(&ts, 5, krs_names, krs_kinds);
    table_add(&ts, layer);
    table_addf(&ts, "%u", kr.n_local);
    add_num(&ts, &o, kr.mean_in);
    add_num(&ts, &o, kr.mean_out);
    add_num(&ts, &o, kr.mean_external);
    table_init(&tc, 3, krc_names, krc_kinds);
    for (unsigned r = 0; r < KR_COUNT; r++) {
        table_add(&tc, know_role_name(r));
        table_addf(&tc, "%u", kr.count[r]);
        add_num(&tc, &o, kr.n_local ? (double)kr.count[r] / kr.n_local : 0.0);
    }
    struct kr_row *rows = xmalloc((kr.n_local ? kr.n_local : 1) * sizeof *rows);
    uint32_t k = 0;
    for (uint32_t f = 0; f < kr.n; f++)
        if (kr.role[f] != KR_NONE)
            rows[k++] = (struct kr_row){kr.role[f], f, dataset_str(ds, ds->firms.id[f])};
    qsort(rows, k, sizeof *rows, kr_row_cmp);
    table_init(&tf, 7, krf_names, krf_kinds);
    for (uint32_t i = 0; i < k && (!top || i < top); i++) {
        uint32_t f = rows[i].firm;
        table_add(&tf, rows[i].id);
        table_add(&tf, dataset_str(ds, ds->firms.name[f]));
        table_add(&tf, lookup_industry(ds, f));
        table_addf(&tf, "%u", kr.in_local[f]);
        table_addf(&tf, "%u", kr.out_local[f]);
        table_addf(&tf, "%u", kr.external[f]);
        table_add(&tf, know_role_name(rows[i].role));
    }
    free(rows);
    if (format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "typology", json_string("Giuliani & Bell (2005) cognitive roles"));
        json_t *sum = table_to_json(&ts);
        json_object_set_new(doc, "summary", json_incref(json_array_get(sum, 0)));
        json_decref(sum);
        json_object_set_new(doc, "roles", table_to_json(&tc));
        json_object_set_new(doc, "firms", table_to_json(&tf));
        print_json(doc, stdout);
    } else {
        int first = 1;
        if (format == PRINT_TEXT)
            printf("Giuliani & Bell (2005) cognitive roles of the local firms; thresholds are the means\n\n");
        section(&o, "summary", &ts, &first);
        section(&o, "roles", &tc, &first);
        section(&o, "firms", &tf, &first);
    }
    table_free(&ts);
    table_free(&tc);
    table_free(&tf);
    know_roles_free(&kr);
}

static int run_single(const struct out *o, const struct dataset *ds, const struct cluster *cl, const char *layer,
                      int show, int sort, uint32_t top, int have_top)
{
    struct table t;
    if (show == SHOW_FIRMS || show == SHOW_INDUSTRIES || show == SHOW_GROUPS || show == SHOW_GATEKEEPERS) {
        if (show == SHOW_FIRMS)
            firms_table(&t, o, ds, cl, sort, top);
        else if (show == SHOW_INDUSTRIES)
            industries_table(&t, o, ds, cl, top);
        else if (show == SHOW_GROUPS)
            groups_table(&t, o, cl, top);
        else
            gatekeepers_table(&t, ds, cl, top);
        if (o->format == PRINT_JSON) {
            json_t *doc = json_object();
            json_object_set_new(doc, "layer", print_json_string(layer));
            json_object_set_new(doc, "group_column", print_json_string(ties_column_name(ds, cl->groups.field)));
            json_object_set_new(doc, show == SHOW_FIRMS ? "firms" : show == SHOW_INDUSTRIES ? "industries"
                                                               : show == SHOW_GROUPS   ? "groups"
                                                                                       : "gatekeepers",
                                table_to_json(&t));
            print_json(doc, stdout);
        } else {
            table_print(&t, o->format, stdout);
        }
        table_free(&t);
        return 0;
    }
    struct summary sm;
    summary_fill(&sm, ds, cl, layer);
    struct table tg, ti, tk;
    groups_table(&tg, o, cl, 0);
    industries_table(&ti, o, ds, cl, 0);
    gatekeepers_table(&tk, ds, cl, have_top ? top : 10);
    if (o->format == PRINT_JSON) {
        json_t *doc = json_object(), *js = json_object();
        for (unsigned i = 0; i < sm.n; i++)
            json_object_set_new(js, sm.row[i].name, sum_json(&sm.row[i]));
        json_object_set_new(doc, "summary", js);
        json_object_set_new(doc, "groups", table_to_json(&tg));
        json_object_set_new(doc, "industries", table_to_json(&ti));
        json_object_set_new(doc, "gatekeepers", table_to_json(&tk));
        print_json(doc, stdout);
    } else {
        static const char *const names[] = {"measure", "value"};
        static const uint8_t kinds[] = {PK_STR, PK_NUM};
        table_init(&t, 2, names, kinds);
        for (unsigned i = 0; i < sm.n; i++) {
            table_add(&t, sm.row[i].name);
            sum_cell(&t, o, &sm.row[i]);
        }
        int first = 1;
        section(o, "summary", &t, &first);
        section(o, "groups", &tg, &first);
        section(o, "industries", &ti, &first);
        section(o, "gatekeepers", &tk, &first);
        table_free(&t);
    }
    table_free(&tg);
    table_free(&ti);
    table_free(&tk);
    return 0;
}

/* ---- --compare-forms ---- */

static const char *const ccol_names[] = {
    "id", "name", "industry", "material_ties", "non_material_ties", "material_ei", "non_material_ei",
    "material_brokerage", "non_material_brokerage", "material_constraint", "non_material_constraint",
    "material_gatekeeper_score", "non_material_gatekeeper_score", "material_coreness", "non_material_coreness"};
static const uint8_t ccol_kinds[] = {PK_STR, PK_STR, PK_STR, PK_INT, PK_INT, PK_NUM, PK_NUM, PK_INT,
                                     PK_INT, PK_NUM, PK_NUM, PK_INT, PK_INT, PK_NUM, PK_NUM};

/* Both layers keep the same firms (a form filter drops linkages, never firms), so
 * node v is the same firm in both. */
static void compare_firms(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                          uint32_t top)
{
    table_init(t, 15, ccol_names, ccol_kinds);
    uint32_t n = cl[0].n, rows = top && top < n ? top : n;
    for (uint32_t v = 0; v < rows; v++) {
        uint32_t f = cl[0].s.node_firm[v];
        table_add(t, dataset_str(ds, ds->firms.id[f]));
        table_add(t, dataset_str(ds, ds->firms.name[f]));
        table_add(t, lookup_industry(ds, f));
        for (int k = 0; k < 2; k++)
            table_addf(t, "%u", cl[k].ties[v].total);
        for (int k = 0; k < 2; k++)
            add_num(t, o, ties_ei_index(&cl[k].ei[v]));
        for (int k = 0; k < 2; k++)
            add_u64(t, cl[k].roles[v].total);
        for (int k = 0; k < 2; k++)
            add_num(t, o, cl[k].constraint[v]);
        for (int k = 0; k < 2; k++) {
            if (cl[k].is_local[v])
                add_u64(t, cl[k].gatekeeper_score[v]);
            else
                table_add(t, "");
        }
        for (int k = 0; k < 2; k++)
            add_coreness(t, o, cl[k].coreness[v]);
    }
}

/* Spearman correlation of one per-firm measure across the two layers, over the
 * firms tied in both. */
static double compare_rho(const struct cluster *cl, int col)
{
    uint32_t n = cl[0].n;
    double *x = xmalloc(((size_t)n + 1) * sizeof *x), *y = xmalloc(((size_t)n + 1) * sizeof *y);
    for (uint32_t v = 0; v < n; v++) {
        int both = simple_degree(&cl[0].s, v) && simple_degree(&cl[1].s, v);
        x[v] = both ? firm_value(&cl[0], v, col) : NAN;
        y[v] = both ? firm_value(&cl[1], v, col) : NAN;
    }
    double r = cluster_spearman(x, y, n);
    free(x);
    free(y);
    return r;
}

/* The rows of the overlap section, in order. */
#define OVERLAP_ROWS 11
struct overlap_row {
    const char *name;
    int is_int;
    uint64_t u;
    double x;
};

static struct overlap_row overlap_row(const struct layer_overlap *ov, unsigned i)
{
    switch (i) {
    case 0: return (struct overlap_row){"material_pairs", 1, ov->pairs_a, 0};
    case 1: return (struct overlap_row){"non_material_pairs", 1, ov->pairs_b, 0};
    case 2: return (struct overlap_row){"pairs_in_both", 1, ov->both, 0};
    case 3: return (struct overlap_row){"pairs_in_either", 1, ov->either, 0};
    case 4: return (struct overlap_row){"jaccard", 0, 0, ov->jaccard};
    case 5: return (struct overlap_row){"qap_r", 0, 0, ov->r};
    case 6: return (struct overlap_row){"qap_p_greater", 0, 0, ov->p_ge};
    case 7: return (struct overlap_row){"qap_p_less", 0, 0, ov->p_le};
    case 8: return (struct overlap_row){"qap_permuted_mean", 0, 0, ov->perm_mean};
    case 9: return (struct overlap_row){"qap_permutations", 1, ov->permutations, 0};
    default: return (struct overlap_row){"qap_seed", 1, ov->seed, 0};
    }
}

static int run_compare(const struct out *o, const struct dataset *ds, const struct cluster *cl, const char *layers[2],
                       int show, uint32_t top, int have_top, const struct layer_overlap *ov)
{
    struct table t;
    if (show == SHOW_FIRMS) {
        compare_firms(&t, o, ds, cl, top);
        if (o->format == PRINT_JSON) {
            json_t *doc = json_object();
            json_object_set_new(doc, "layers", json_pack("[o,o]", print_json_string(layers[0]),
                                                         print_json_string(layers[1])));
            json_object_set_new(doc, "firms", table_to_json(&t));
            print_json(doc, stdout);
        } else {
            table_print(&t, o->format, stdout);
        }
        table_free(&t);
        return 0;
    }
    struct summary sm[2];
    for (int k = 0; k < 2; k++)
        summary_fill(&sm[k], ds, &cl[k], layers[k]);
    /* how much the two layers agree on who matters */
    uint32_t k10 = have_top && top ? top : 10, common = 0;
    for (uint32_t i = 0; i < cl[0].n_local && i < k10; i++) {
        uint32_t v = cl[0].gatekeeper_rank[i];
        if (!cl[0].gatekeeper_score[v])
            break;
        for (uint32_t j = 0; j < cl[1].n_local && j < k10; j++)
            if (cl[1].gatekeeper_rank[j] == v && cl[1].gatekeeper_score[v])
                common++;
    }
    struct {
        const char *name;
        int col;
    } rho[] = {{"rho_partners", FCOL_PARTNERS}, {"rho_ei", FCOL_EI}, {"rho_brokerage", FCOL_BROKERAGE},
               {"rho_constraint", FCOL_CONSTRAINT}, {"rho_gatekeeper_score", FCOL_GKSCORE},
               {"rho_coreness", FCOL_CORENESS}};
    unsigned nrho = sizeof rho / sizeof *rho;
    struct table tk[2];
    for (int k = 0; k < 2; k++)
        gatekeepers_table(&tk[k], ds, &cl[k], k10);
    if (o->format == PRINT_JSON) {
        json_t *doc = json_object(), *arr = json_array();
        for (int k = 0; k < 2; k++) {
            json_t *js = json_object();
            for (unsigned i = 0; i < sm[k].n; i++)
                json_object_set_new(js, sm[k].row[i].name, sum_json(&sm[k].row[i]));
            json_object_set_new(js, "gatekeepers", table_to_json(&tk[k]));
            json_array_append_new(arr, js);
        }
        json_object_set_new(doc, "layers", arr);
        json_t *agree = json_object();
        for (unsigned i = 0; i < nrho; i++) {
            double r = compare_rho(cl, rho[i].col);
            json_object_set_new(agree, rho[i].name, isnan(r) ? json_null() : json_real(r));
        }
        json_object_set_new(agree, "top_gatekeepers_in_both", json_integer(common));
        json_object_set_new(doc, "agreement", agree);
        json_t *jo = json_object();
        for (unsigned i = 0; i < OVERLAP_ROWS; i++) {
            struct overlap_row r = overlap_row(ov, i);
            json_object_set_new(jo, r.name, r.is_int ? json_integer((json_int_t)r.u)
                                            : isnan(r.x) ? json_null() : json_real(r.x));
        }
        json_object_set_new(doc, "overlap", jo);
        print_json(doc, stdout);
    } else {
        static const char *const names[] = {"measure", "material", "non_material"};
        static const uint8_t kinds[] = {PK_STR, PK_NUM, PK_NUM};
        table_init(&t, 3, names, kinds);
        for (unsigned i = 0; i < sm[0].n; i++) {
            table_add(&t, sm[0].row[i].name);
            sum_cell(&t, o, &sm[0].row[i]);
            sum_cell(&t, o, &sm[1].row[i]);
        }
        struct table ta;
        static const char *const anames[] = {"measure", "value"};
        static const uint8_t akinds[] = {PK_STR, PK_NUM};
        table_init(&ta, 2, anames, akinds);
        for (unsigned i = 0; i < nrho; i++) {
            table_add(&ta, rho[i].name);
            add_num(&ta, o, compare_rho(cl, rho[i].col));
        }
        table_add(&ta, "top_gatekeepers_in_both");
        table_addf(&ta, "%u", common);
        struct table to;
        table_init(&to, 2, anames, akinds);
        for (unsigned i = 0; i < OVERLAP_ROWS; i++) {
            struct overlap_row r = overlap_row(ov, i);
            table_add(&to, r.name);
            if (r.is_int)
                add_u64(&to, r.u);
            else
                add_num(&to, o, r.x);
        }
        int first = 1;
        section(o, "summary", &t, &first);
        section(o, "agreement (Spearman over firms tied in both layers)", &ta, &first);
        section(o, "overlap (linked pairs; QAP correlation of the two adjacency matrices)", &to, &first);
        table_free(&to);
        section(o, "gatekeepers: material", &tk[0], &first);
        section(o, "gatekeepers: non-material", &tk[1], &first);
        table_free(&t);
        table_free(&ta);
    }
    for (int k = 0; k < 2; k++)
        table_free(&tk[k]);
    return 0;
}

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    *out = strtoul(s, &end, 10);
    return *end || *out > max ? -1 : 0;
}

/* The no-scale finding says which: no column at all (its line is 0 and it names no
 * count), or a column mostly empty. */
static int has_scale_column(const struct cli_data *d)
{
    for (size_t i = 0; i < d->dg.n; i++)
        if (d->dg.v[i].code == DC_NO_SCALE)
            return strstr(diag_msg(&d->dg, &d->dg.v[i]), "no scale column") == NULL;
    return 1;
}

int cmd_cluster(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS,
        {"group", required_argument, NULL, OPT_GROUP},
        {"firms", no_argument, NULL, OPT_FIRMS},
        {"industries", no_argument, NULL, OPT_INDUSTRIES},
        {"groups", no_argument, NULL, OPT_GROUPS},
        {"gatekeepers", no_argument, NULL, OPT_GATEKEEPERS},
        {"compare-forms", no_argument, NULL, OPT_COMPARE},
        {"sort", required_argument, NULL, OPT_SORT},
        {"top", required_argument, NULL, OPT_TOP},
        {"by-type", no_argument, NULL, OPT_BY_TYPE},
        {"by-year", no_argument, NULL, OPT_BY_YEAR},
        {"compare-years", required_argument, NULL, OPT_COMPARE_YEARS},
        {"brokerage", no_argument, NULL, OPT_BROKERAGE},
        {"knowledge-roles", no_argument, NULL, OPT_KNOWLEDGE},
        {"permutations", required_argument, NULL, OPT_PERMUTATIONS},
        {"seed", required_argument, NULL, OPT_SEED},
        {NULL, 0, NULL, 0}};
    struct cli c;
    int opt, rc, show = SHOW_SUMMARY, compare = 0, have_top = 0, sort = -1, by_type = 0;
    int by_year = 0, compare_years = 0;
    int16_t year_a = 0, year_b = 0;
    const char *group = NULL, *sort_name = NULL;
    unsigned long top = 0, permutations = 0, seed = 0;
    cli_init(&c, "cluster");
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            fputs(usage, stdout);
            return print_finish(stdout);
        case OPT_GROUP: group = optarg; continue;
        case OPT_FIRMS: case OPT_INDUSTRIES: case OPT_GROUPS: case OPT_GATEKEEPERS: case OPT_BROKERAGE:
        case OPT_KNOWLEDGE: {
            int want = opt == OPT_FIRMS ? SHOW_FIRMS : opt == OPT_INDUSTRIES ? SHOW_INDUSTRIES
                       : opt == OPT_GROUPS ? SHOW_GROUPS : opt == OPT_BROKERAGE ? SHOW_BROKERAGE
                       : opt == OPT_KNOWLEDGE ? SHOW_KNOWLEDGE : SHOW_GATEKEEPERS;
            if (show != SHOW_SUMMARY && show != want)
                return cli_usage_error(&c, "choose one of --firms, --industries, --groups, --gatekeepers, "
                                           "--brokerage, --knowledge-roles");
            show = want;
            continue;
        }
        case OPT_COMPARE: compare = 1; continue;
        case OPT_BY_TYPE: by_type = 1; continue;
        case OPT_BY_YEAR: by_year = 1; continue;
        case OPT_COMPARE_YEARS:
            if (cluster_time_parse_years(optarg, &year_a, &year_b))
                return cli_usage_error(&c, "--compare-years takes two years A,B between " YEAR_MIN_S " and " YEAR_MAX_S ", not \"%s\"",
                                       optarg);
            compare_years = 1;
            continue;
        case OPT_SORT: sort_name = optarg; continue;
        case OPT_PERMUTATIONS:
            if (parse_count(optarg, UINT32_MAX, &permutations) || !permutations)
                return cli_usage_error(&c, "--permutations takes a positive count, not \"%s\"", optarg);
            continue;
        case OPT_SEED:
            if (parse_count(optarg, ULONG_MAX, &seed) || !seed)
                return cli_usage_error(&c, "--seed takes a positive number, not \"%s\"", optarg);
            continue;
        case OPT_TOP:
            if (parse_count(optarg, UINT32_MAX, &top))
                return cli_usage_error(&c, "--top takes a count, not \"%s\"", optarg);
            have_top = 1;
            continue;
        default:
            if ((rc = cli_take_other_option(&c, opt, optarg)) != 0)
                return rc;
        }
    }
    if (optind != argc)
        return cli_usage_error(&c, "cluster takes no arguments (the dataset goes after -d)");
    if (by_year || compare_years) {
        const char *what = by_year ? "--by-year" : "--compare-years";
        if (by_year && compare_years)
            return cli_usage_error(&c, "choose one of --by-year and --compare-years");
        if (c.layer.as_of)
            return cli_usage_error(&c, "%s chooses the years itself: drop --as-of", what);
        if (compare || sort_name || by_type || group || show == SHOW_FIRMS || show == SHOW_GROUPS ||
            show == SHOW_GATEKEEPERS || show == SHOW_BROKERAGE || show == SHOW_KNOWLEDGE || (compare_years && show == SHOW_INDUSTRIES) ||
            (by_year && have_top))
            return cli_usage_error(&c, "%s goes with the layer options%s only", what,
                                   by_year ? " and --industries" : " and --top");
    }
    if (sort_name) {
        if (show != SHOW_FIRMS)
            return cli_usage_error(&c, "--sort goes with --firms");
        for (int k = 0; k < NFCOLS; k++)
            if (!strcmp(sort_name, fcol_names[k]))
                sort = k;
        if (sort < 0 || compare)
            return cli_usage_error(&c, "--sort takes a column of the --firms table (e.g. gatekeeper_score, "
                                       "brokerage, constraint), and not with --compare-forms");
    }
    if (by_type && compare)
        return cli_usage_error(&c, "--by-type goes with the firm and industry tables, not --compare-forms");
    if (compare && c.layer.forms)
        return cli_usage_error(&c, "--compare-forms chooses the forms itself: drop --form");
    if (compare && (show == SHOW_INDUSTRIES || show == SHOW_GROUPS || show == SHOW_GATEKEEPERS ||
                    show == SHOW_BROKERAGE || show == SHOW_KNOWLEDGE))
        return cli_usage_error(&c, "--compare-forms gives a summary, or a firm table with --firms");

    if (show == SHOW_KNOWLEDGE) {
        if (group || sort_name || by_type)
            return cli_usage_error(&c, "--knowledge-roles goes with the layer options and --top only");
        if (!c.layer.types) /* the knowledge layer: the types that carry know-how */
            c.layer.types = 1u << LT_LICENSING | 1u << LT_RND | 1u << LT_TECHNOLOGY;
    }
    struct cli_data d;
    if ((rc = cli_open(&c, &d)) != 0)
        return rc;
    const struct dataset *ds = &d.ds;
    if (show == SHOW_KNOWLEDGE) {
        run_knowledge(c.format, ds, &d, (uint32_t)top);
        return cli_finish(&d, EXIT_OK);
    }
    struct cluster_options co = {.group_field = -1, .ei_test = 1, .ei_permutations = (uint32_t)permutations,
                                 .ei_seed = seed};
    if (group) {
        co.group_field = ties_find_column(ds, group);
        if (co.group_field < 0) {
            struct textbuf tb = {0};
            rc = cli_usage_error(&c, "firms.csv has no column \"%s\"", text_fit(&tb, group, strlen(group), 40, 0, 0));
            textbuf_free(&tb);
            cli_close(&d);
            return rc;
        }
    }
    if (by_year || compare_years) {
        if (by_year)
            cluster_time_by_year(&c, &d, show == SHOW_INDUSTRIES);
        else
            cluster_time_compare(&c, &d, year_a, year_b, have_top ? (uint32_t)top : 10);
        return cli_finish(&d, EXIT_OK);
    }
    /* buzz and pipelines rest on the firms' scales: when the data has none, say what
     * was assumed, in the text itself or, beside a table or JSON, on stderr */
    if (diag_count(&d.dg, DC_NO_SCALE))
        fprintf(c.format == PRINT_TEXT ? stdout : stderr,
                "%sno scale for %s firms: every such firm was taken as local, so its ties count as buzz "
                "(firmnet check says more)\n%s",
                c.format == PRINT_TEXT ? "note: " : "firmnet cluster: note: ",
                ds->firms.n && !has_scale_column(&d) ? "any of the" : "most", c.format == PRINT_TEXT ? "\n" : "");
    type_cols_init();
    struct out o = {c.format, c.format != PRINT_TEXT, by_type};
    if (!compare) {
        char layer[256];
        layer_describe(&c.layer, layer, sizeof layer);
        struct cluster cl;
        cluster_compute(&cl, ds, &d.g, &d.L, &co);
        if (show == SHOW_BROKERAGE)
            run_brokerage(&o, ds, &cl, layer, (uint32_t)top);
        else
            run_single(&o, ds, &cl, layer, show, sort, (uint32_t)top, have_top);
        cluster_free(&cl);
    } else {
        struct cluster cl[2];
        char desc[2][256];
        const char *layers[2] = {desc[0], desc[1]};
        for (int k = 0; k < 2; k++) {
            struct layer_spec spec = c.layer;
            spec.forms = (uint8_t)(1u << (k ? FORM_NONMATERIAL : FORM_MATERIAL));
            struct layer L;
            layer_build(&L, ds, &spec);
            layer_describe(&spec, desc[k], sizeof desc[k]);
            cluster_compute(&cl[k], ds, &d.g, &L, &co);
            layer_free(&L);
        }
        struct layer_overlap ov;
        memset(&ov, 0, sizeof ov);
        if (show != SHOW_FIRMS)
            overlap_compute(&ov, &cl[0].s, &cl[1].s, (uint32_t)permutations, seed);
        run_compare(&o, ds, cl, layers, show, (uint32_t)top, have_top, &ov);
        for (int k = 0; k < 2; k++)
            cluster_free(&cl[k]);
    }
    return cli_finish(&d, EXIT_OK);
}
