/* firmnet cluster: local buzz and global pipelines, E-I index, brokerage roles,
 * gatekeepers, constraint and core-periphery of a layer (core/cluster). */
#include "cli.h"
#include "cluster.h"
#include "cmd_cluster_time.h"
#include "knowroles.h"
#include "commands.h"
#include "firmcell.h"
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

/* Numbers to 3 decimals in text, every digit in tsv and JSON (core/firmcol). */
static struct print_num firm_fmt(const struct out *o)
{
    struct print_num fmt = {o->format, o->precise, 3};
    return fmt;
}

static void add_num(struct table *t, const struct out *o, double x)
{
    struct print_num fmt = firm_fmt(o);
    table_add_num(t, &fmt, x);
}

static void add_u64(struct table *t, uint64_t x)
{
    table_addf(t, "%llu", (unsigned long long)x);
}

static const char *firm_id(const struct dataset *ds, const struct cluster *cl, uint32_t v)
{
    return dataset_firm_id(ds, cl->s.node_firm[v]);
}

/* ---- per-firm table ---- */

/* The columns of --firms, in their order (core/firmcol). */
static const uint8_t firm_cols[] = {
    FIRMCOL_ID, FIRMCOL_NAME, FIRMCOL_INDUSTRY, FIRMCOL_SCALE, FIRMCOL_GROUP, FIRMCOL_TIES, FIRMCOL_LOCAL,
    FIRMCOL_NATIONAL, FIRMCOL_GLOBAL, FIRMCOL_BUZZ, FIRMCOL_PIPELINE, FIRMCOL_OUTSIDE, FIRMCOL_PSHARE,
    FIRMCOL_MATERIAL, FIRMCOL_NONMATERIAL, FIRMCOL_PARTNERS, FIRMCOL_INTERNAL, FIRMCOL_EXTERNAL, FIRMCOL_EI,
    FIRMCOL_COORD, FIRMCOL_ITIN, FIRMCOL_REPR, FIRMCOL_GATE, FIRMCOL_LIAISON, FIRMCOL_BROKERAGE,
    FIRMCOL_CONSTRAINT, FIRMCOL_ESIZE, FIRMCOL_PIN, FIRMCOL_POUT, FIRMCOL_EXCL, FIRMCOL_GKSCORE, FIRMCOL_CORE,
    FIRMCOL_CORENESS, FIRMCOL_CPCLASS};
#define N_FIRM_COLS (sizeof firm_cols / sizeof *firm_cols)

static struct firmcol_src firm_src(const struct dataset *ds, const struct cluster *cl)
{
    struct firmcol_src src = {.ds = ds, .s = &cl->s, .cl = cl, .core = cl->core, .esize = cl->effective_size};
    return src;
}

static void firms_table(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                        int sort, uint32_t top)
{
    static struct colset cs; /* table_init borrows the names until the table is printed */
    uint32_t n = cl->n;
    struct firmcol_key *order = xmalloc(((size_t)n + 1) * sizeof *order);
    for (uint32_t v = 0; v < n; v++) {
        order[v].node = v;
        order[v].tie = cl->id_rank[v];
        order[v].s = NULL;
        order[v].x = 0;
    }
    struct firmcol_src src = firm_src(ds, cl);
    if (sort >= 0) {
        /* text keys point into the dataset, so they outlive the loop */
        for (uint32_t v = 0; v < n; v++)
            firmcol_key_set(&order[v], &src, v, (unsigned)sort);
        qsort(order, n, sizeof *order, firmcol_key_cmp);
    }
    uint32_t rows = top && top < n ? top : n;
    const char *names[N_FIRM_COLS];
    uint8_t kinds[N_FIRM_COLS];
    for (unsigned k = 0; k < N_FIRM_COLS; k++) {
        names[k] = firmcol_names[firm_cols[k]];
        kinds[k] = firmcell_kind(firm_cols[k]);
    }
    colset_make(&cs, names, kinds, N_FIRM_COLS, o->by_type);
    table_init(t, cs.n, cs.name, cs.kind);
    struct print_num fmt = firm_fmt(o);
    for (uint32_t i = 0; i < rows; i++) {
        for (unsigned c = 0; c < N_FIRM_COLS; c++)
            firmcell_add(t, &fmt, &src, order[i].node, firm_cols[c]);
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

/* The gatekeeper ranking: its rank, then these columns (core/firmcol). */
static const uint8_t gk_cols[] = {FIRMCOL_ID,   FIRMCOL_NAME, FIRMCOL_INDUSTRY, FIRMCOL_PIN,
                                  FIRMCOL_POUT, FIRMCOL_EXCL, FIRMCOL_GKSCORE,  FIRMCOL_PARTNERS};
#define N_GK_COLS (sizeof gk_cols / sizeof *gk_cols)

/* Whether node v has a gatekeeper score above 0 (only local firms have one). */
static int is_gatekeeper(const struct firmcol_src *src, uint32_t v)
{
    return firmcol_value(src, v, FIRMCOL_GKSCORE) > 0;
}

static void gatekeepers_table(struct table *t, const struct out *o, const struct dataset *ds,
                              const struct cluster *cl, uint32_t top)
{
    static const char *names[1 + N_GK_COLS] = {"rank"}; /* table_init borrows them */
    static uint8_t kinds[1 + N_GK_COLS] = {PK_INT};
    for (unsigned k = 0; k < N_GK_COLS; k++) {
        names[1 + k] = firmcol_names[gk_cols[k]];
        kinds[1 + k] = firmcell_kind(gk_cols[k]);
    }
    table_init(t, 1 + N_GK_COLS, names, kinds);
    struct firmcol_src src = firm_src(ds, cl);
    struct print_num fmt = firm_fmt(o);
    for (uint32_t r = 0; r < cl->n_local && (!top || r < top); r++) {
        uint32_t v = cl->gatekeeper_rank[r];
        if (!is_gatekeeper(&src, v))
            break; /* the rest score 0: no pipeline at all */
        table_addf(t, "%u", r + 1);
        for (unsigned k = 0; k < N_GK_COLS; k++)
            firmcell_add(t, &fmt, &src, v, gk_cols[k]);
    }
}

/* ---- summary ---- */

/* The whole-network summary of one layer; the caller frees s. */
static void summary_fill(struct report *s, const struct dataset *ds, const struct cluster *cl, const char *layer)
{
    const struct tie_profile *p = &cl->links;
    report_init(s);
    report_str(s, "layer", layer);
    report_str(s, "group_column", ties_column_name(ds, cl->groups.field));
    report_int(s, "firms", cl->n);
    report_int(s, "local_firms", cl->n_local);
    report_int(s, "linkages", p->total);
    report_int(s, "pairs", cl->s.m);
    report_int(s, "arcs", cl->arcs.m);
    report_int(s, "local_linkages", p->by_scale[SCALE_LOCAL]);
    report_int(s, "national_linkages", p->by_scale[SCALE_NATIONAL]);
    report_int(s, "global_linkages", p->by_scale[SCALE_GLOBAL]);
    report_int(s, "buzz_linkages", p->buzz);
    report_int(s, "pipeline_linkages", p->pipeline);
    report_int(s, "outside_linkages", p->outside);
    report_num(s, "buzz_share", ties_share(p->buzz, p->total));
    report_num(s, "pipeline_share", ties_share(p->pipeline, p->total));
    report_int(s, "material_linkages", p->by_form[FORM_MATERIAL]);
    report_int(s, "non_material_linkages", p->by_form[FORM_NONMATERIAL]);
    report_int(s, "internal_pairs", cl->whole_ei.internal);
    report_int(s, "external_pairs", cl->whole_ei.external);
    report_num(s, "ei", ties_ei_index(&cl->whole_ei));
    report_int(s, "ei_permutations", cl->ei_perm.permutations);
    report_int(s, "ei_seed", cl->ei_perm.seed);
    report_num(s, "ei_expected", cl->ei_perm.expected);
    report_num(s, "ei_sd", cl->ei_perm.sd);
    report_num(s, "ei_min", cl->ei_perm.min);
    report_num(s, "ei_max", cl->ei_perm.max);
    report_num(s, "ei_p_ge", cl->ei_perm.p_ge);
    report_num(s, "ei_p_le", cl->ei_perm.p_le);
    report_num(s, "assortativity_industry", cl->assort_industry);
    report_num(s, "assortativity_scale", cl->assort_scale);
    report_num(s, "assortativity_group", cl->assort_group);
    for (unsigned r = 0; r < BR_COUNT; r++)
        report_int(s, brokerage_role_name(r), cl->whole_roles[r]);
    report_int(s, "brokerage", cl->whole_roles[BR_COUNT]);
    uint32_t gk = 0, maxcore = 0;
    struct firmcol_src src = firm_src(ds, cl);
    for (uint32_t v = 0; v < cl->n; v++) {
        gk += (uint32_t)is_gatekeeper(&src, v);
        uint32_t core = (uint32_t)firmcol_value(&src, v, FIRMCOL_CORE);
        if (core > maxcore)
            maxcore = core;
    }
    report_int(s, "gatekeepers", gk);
    report_int(s, "max_core", maxcore);
    report_num(s, "coreness_fit", cl->coreness_info.fit);
    report_int(s, "coreness_iterations", cl->coreness_info.iterations);
    report_int(s, "coreness_converged", (uint64_t)cl->coreness_info.converged);
    report_int(s, "cp_core_firms", cl->cp_info.core_size);
    report_num(s, "cp_fit", cl->cp_info.fit);
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
        table_add(t, dataset_firm_id(ds, f));
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
            rows[k++] = (struct kr_row){kr.role[f], f, dataset_firm_id(ds, f)};
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
            gatekeepers_table(&t, o, ds, cl, top);
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
    struct report sm;
    summary_fill(&sm, ds, cl, layer);
    struct table tg, ti, tk;
    groups_table(&tg, o, cl, 0);
    industries_table(&ti, o, ds, cl, 0);
    gatekeepers_table(&tk, o, ds, cl, have_top ? top : 10);
    if (o->format == PRINT_JSON) {
        json_t *doc = json_object(), *js = json_object();
        report_to_json(&sm, js);
        json_object_set_new(doc, "summary", js);
        json_object_set_new(doc, "groups", table_to_json(&tg));
        json_object_set_new(doc, "industries", table_to_json(&ti));
        json_object_set_new(doc, "gatekeepers", table_to_json(&tk));
        print_json(doc, stdout);
    } else {
        static const char *const names[] = {"measure", "value"};
        struct print_num f = firm_fmt(o);
        report_table(&t, &sm, 1, names, &f);
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
    report_free(&sm);
    return 0;
}

/* ---- --compare-forms ---- */

/* The measures side by side, each as material_NAME and non_material_NAME. */
static const uint8_t compare_cols[] = {FIRMCOL_TIES,       FIRMCOL_EI,      FIRMCOL_BROKERAGE,
                                       FIRMCOL_CONSTRAINT, FIRMCOL_GKSCORE, FIRMCOL_CORENESS};
#define N_COMPARE_COLS (sizeof compare_cols / sizeof *compare_cols)

/* Both layers keep the same firms (a form filter drops linkages, never firms), so
 * node v is the same firm in both. */
static void compare_firms(struct table *t, const struct out *o, const struct dataset *ds, const struct cluster *cl,
                          uint32_t top)
{
    static const uint8_t lead[] = {FIRMCOL_ID, FIRMCOL_NAME, FIRMCOL_INDUSTRY};
    enum { NLEAD = sizeof lead / sizeof *lead, NCC = NLEAD + 2 * N_COMPARE_COLS };
    static char buf[2 * N_COMPARE_COLS][64]; /* table_init borrows the names until the table is printed */
    static const char *names[NCC];
    static uint8_t kinds[NCC];
    for (unsigned k = 0; k < NLEAD; k++) {
        names[k] = firmcol_names[lead[k]];
        kinds[k] = firmcell_kind(lead[k]);
    }
    for (unsigned k = 0; k < 2 * N_COMPARE_COLS; k++) {
        unsigned col = compare_cols[k / 2];
        snprintf(buf[k], sizeof buf[k], "%s%s", k % 2 ? "non_material_" : "material_", firmcol_names[col]);
        names[NLEAD + k] = buf[k];
        kinds[NLEAD + k] = firmcell_kind(col);
    }
    table_init(t, NCC, names, kinds);
    struct firmcol_src src[2] = {firm_src(ds, &cl[0]), firm_src(ds, &cl[1])};
    struct print_num fmt = firm_fmt(o);
    uint32_t n = cl[0].n, rows = top && top < n ? top : n;
    for (uint32_t v = 0; v < rows; v++) {
        for (unsigned k = 0; k < NLEAD; k++)
            firmcell_add(t, &fmt, &src[0], v, lead[k]);
        for (unsigned k = 0; k < N_COMPARE_COLS; k++)
            for (int l = 0; l < 2; l++)
                firmcell_add(t, &fmt, &src[l], v, compare_cols[k]);
    }
}

/* Spearman correlation of one per-firm measure across the two layers, over the
 * firms tied in both. */
static double compare_rho(const struct dataset *ds, const struct cluster *cl, unsigned col)
{
    uint32_t n = cl[0].n;
    struct firmcol_src src[2] = {firm_src(ds, &cl[0]), firm_src(ds, &cl[1])};
    double *x = xmalloc(((size_t)n + 1) * sizeof *x), *y = xmalloc(((size_t)n + 1) * sizeof *y);
    for (uint32_t v = 0; v < n; v++) {
        int both = simple_degree(&cl[0].s, v) && simple_degree(&cl[1].s, v);
        x[v] = both ? firmcol_value(&src[0], v, col) : NAN;
        y[v] = both ? firmcol_value(&src[1], v, col) : NAN;
    }
    double r = cluster_spearman(x, y, n);
    free(x);
    free(y);
    return r;
}

/* The overlap section: how far the two layers link the same pairs. */
static void overlap_fill(struct report *r, const struct layer_overlap *ov)
{
    report_init(r);
    report_int(r, "material_pairs", ov->pairs_a);
    report_int(r, "non_material_pairs", ov->pairs_b);
    report_int(r, "pairs_in_both", ov->both);
    report_int(r, "pairs_in_either", ov->either);
    report_num(r, "jaccard", ov->jaccard);
    report_num(r, "qap_r", ov->r);
    report_num(r, "qap_p_greater", ov->p_ge);
    report_num(r, "qap_p_less", ov->p_le);
    report_num(r, "qap_permuted_mean", ov->perm_mean);
    report_int(r, "qap_permutations", ov->permutations);
    report_int(r, "qap_seed", ov->seed);
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
    struct report sm[2];
    for (int k = 0; k < 2; k++)
        summary_fill(&sm[k], ds, &cl[k], layers[k]);
    /* how much the two layers agree on who matters */
    uint32_t k10 = have_top && top ? top : 10, common = 0;
    struct firmcol_src src[2] = {firm_src(ds, &cl[0]), firm_src(ds, &cl[1])};
    for (uint32_t i = 0; i < cl[0].n_local && i < k10; i++) {
        uint32_t v = cl[0].gatekeeper_rank[i];
        if (!is_gatekeeper(&src[0], v))
            break;
        for (uint32_t j = 0; j < cl[1].n_local && j < k10; j++)
            if (cl[1].gatekeeper_rank[j] == v && is_gatekeeper(&src[1], v))
                common++;
    }
    static const struct {
        const char *name;
        unsigned col;
    } rho[] = {{"rho_partners", FIRMCOL_PARTNERS}, {"rho_ei", FIRMCOL_EI}, {"rho_brokerage", FIRMCOL_BROKERAGE},
               {"rho_constraint", FIRMCOL_CONSTRAINT}, {"rho_gatekeeper_score", FIRMCOL_GKSCORE},
               {"rho_coreness", FIRMCOL_CORENESS}};
    struct report agree, overlap;
    report_init(&agree);
    for (unsigned i = 0; i < sizeof rho / sizeof *rho; i++)
        report_num(&agree, rho[i].name, compare_rho(ds, cl, rho[i].col));
    report_int(&agree, "top_gatekeepers_in_both", common);
    overlap_fill(&overlap, ov);
    struct table tk[2];
    for (int k = 0; k < 2; k++)
        gatekeepers_table(&tk[k], o, ds, &cl[k], k10);
    if (o->format == PRINT_JSON) {
        json_t *doc = json_object(), *arr = json_array(), *ja = json_object(), *jo = json_object();
        for (int k = 0; k < 2; k++) {
            json_t *js = json_object();
            report_to_json(&sm[k], js);
            json_object_set_new(js, "gatekeepers", table_to_json(&tk[k]));
            json_array_append_new(arr, js);
        }
        json_object_set_new(doc, "layers", arr);
        report_to_json(&agree, ja);
        json_object_set_new(doc, "agreement", ja);
        report_to_json(&overlap, jo);
        json_object_set_new(doc, "overlap", jo);
        print_json(doc, stdout);
    } else {
        static const char *const names[] = {"measure", "material", "non_material"};
        static const char *const anames[] = {"measure", "value"};
        struct print_num f = firm_fmt(o);
        struct table ta, to;
        report_table(&t, sm, 2, names, &f);
        report_table(&ta, &agree, 1, anames, &f);
        report_table(&to, &overlap, 1, anames, &f);
        int first = 1;
        section(o, "summary", &t, &first);
        section(o, "agreement (Spearman over firms tied in both layers)", &ta, &first);
        section(o, "overlap (linked pairs; QAP correlation of the two adjacency matrices)", &to, &first);
        section(o, "gatekeepers: material", &tk[0], &first);
        section(o, "gatekeepers: non-material", &tk[1], &first);
        table_free(&t);
        table_free(&ta);
        table_free(&to);
    }
    for (int k = 0; k < 2; k++) {
        table_free(&tk[k]);
        report_free(&sm[k]);
    }
    report_free(&agree);
    report_free(&overlap);
    return 0;
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

/* What the options asked for. */
struct cluster_request {
    int show;                    /* SHOW_* */
    int compare, have_top, sort, by_type, by_year, compare_years;
    int16_t year_a, year_b;
    const char *group, *sort_name; /* borrowed from argv */
    unsigned long top, permutations, seed;
};

/* Step 1: one option of cluster's own (cli_entry's hook). */
static int cluster_option(struct cli_run *run, int opt, const char *arg)
{
    struct cluster_request *rq = run->state;
    struct cli *c = &run->c;
    switch (opt) {
    case OPT_GROUP: rq->group = arg; return 0;
    case OPT_FIRMS: case OPT_INDUSTRIES: case OPT_GROUPS: case OPT_GATEKEEPERS: case OPT_BROKERAGE:
    case OPT_KNOWLEDGE: {
        int want = opt == OPT_FIRMS ? SHOW_FIRMS : opt == OPT_INDUSTRIES ? SHOW_INDUSTRIES
                   : opt == OPT_GROUPS ? SHOW_GROUPS : opt == OPT_BROKERAGE ? SHOW_BROKERAGE
                   : opt == OPT_KNOWLEDGE ? SHOW_KNOWLEDGE : SHOW_GATEKEEPERS;
        if (rq->show != SHOW_SUMMARY && rq->show != want)
            return cli_usage_error(c, "choose one of --firms, --industries, --groups, --gatekeepers, "
                                       "--brokerage, --knowledge-roles");
        rq->show = want;
        return 0;
    }
    case OPT_COMPARE: rq->compare = 1; return 0;
    case OPT_BY_TYPE: rq->by_type = 1; return 0;
    case OPT_BY_YEAR: rq->by_year = 1; return 0;
    case OPT_COMPARE_YEARS:
        if (cluster_time_parse_years(arg, &rq->year_a, &rq->year_b))
            return cli_usage_error(c, "--compare-years takes two years A,B between " YEAR_MIN_S " and " YEAR_MAX_S ", not \"%s\"",
                                   arg);
        rq->compare_years = 1;
        return 0;
    case OPT_SORT: rq->sort_name = arg; return 0;
    case OPT_PERMUTATIONS:
        if (cli_parse_count(arg, UINT32_MAX, &rq->permutations) || !rq->permutations)
            return cli_usage_error(c, "--permutations takes a positive count, not \"%s\"", arg);
        return 0;
    case OPT_SEED:
        if (cli_parse_count(arg, ULONG_MAX, &rq->seed) || !rq->seed)
            return cli_usage_error(c, "--seed takes a positive number, not \"%s\"", arg);
        return 0;
    case OPT_TOP:
        if (cli_parse_count(arg, UINT32_MAX, &rq->top))
            return cli_usage_error(c, "--top takes a count, not \"%s\"", arg);
        rq->have_top = 1;
        return 0;
    default:
        return -1;
    }
}

/* Step 2: the options that do not go together, the --sort column, the knowledge
 * layer. Returns -1 to go on, else EXIT_USAGE after the message. */
static int cluster_check_request(struct cli *c, struct cluster_request *rq)
{
    if (rq->by_year || rq->compare_years) {
        const char *what = rq->by_year ? "--by-year" : "--compare-years";
        if (rq->by_year && rq->compare_years)
            return cli_usage_error(c, "choose one of --by-year and --compare-years");
        if (c->layer.as_of)
            return cli_usage_error(c, "%s chooses the years itself: drop --as-of", what);
        if (rq->compare || rq->sort_name || rq->by_type || rq->group || rq->show == SHOW_FIRMS || rq->show == SHOW_GROUPS ||
            rq->show == SHOW_GATEKEEPERS || rq->show == SHOW_BROKERAGE || rq->show == SHOW_KNOWLEDGE || (rq->compare_years && rq->show == SHOW_INDUSTRIES) ||
            (rq->by_year && rq->have_top))
            return cli_usage_error(c, "%s goes with the layer options%s only", what,
                                   rq->by_year ? " and --industries" : " and --top");
    }
    if (rq->sort_name) {
        if (rq->show != SHOW_FIRMS)
            return cli_usage_error(c, "--sort goes with --firms");
        rq->sort = firmcol_find(rq->sort_name, firm_cols, N_FIRM_COLS);
        if (rq->sort < 0 || rq->compare)
            return cli_usage_error(c, "--sort takes a column of the --firms table (e.g. gatekeeper_score, "
                                       "brokerage, constraint), and not with --compare-forms");
    }
    if (rq->by_type && rq->compare)
        return cli_usage_error(c, "--by-type goes with the firm and industry tables, not --compare-forms");
    if (rq->compare && c->layer.forms)
        return cli_usage_error(c, "--compare-forms chooses the forms itself: drop --form");
    if (rq->compare && (rq->show == SHOW_INDUSTRIES || rq->show == SHOW_GROUPS || rq->show == SHOW_GATEKEEPERS ||
                    rq->show == SHOW_BROKERAGE || rq->show == SHOW_KNOWLEDGE))
        return cli_usage_error(c, "--compare-forms gives a summary, or a firm table with --firms");

    if (rq->show == SHOW_KNOWLEDGE) {
        if (rq->group || rq->sort_name || rq->by_type)
            return cli_usage_error(c, "--knowledge-roles goes with the layer options and --top only");
        if (!c->layer.types) /* the knowledge layer: the types that carry know-how */
            c->layer.types = 1u << LT_LICENSING | 1u << LT_RND | 1u << LT_TECHNOLOGY;
    }
    return -1;
}

/* Step 3: the analysis asked for, printed. Returns the exit status. */
static int cluster_run(struct cli *c, struct cli_data *d, const struct cluster_request *rq)
{
    int rc;
    const struct dataset *ds = &d->ds;
    if (rq->show == SHOW_KNOWLEDGE) {
        run_knowledge(c->format, ds, d, (uint32_t)rq->top);
        return EXIT_OK;
    }
    struct cluster_options co = {.group_field = -1, .ei_test = 1, .ei_permutations = (uint32_t)rq->permutations,
                                 .ei_seed = rq->seed};
    if (rq->group) {
        co.group_field = ties_find_column(ds, rq->group);
        if (co.group_field < 0) {
            struct textbuf tb = {0};
            rc = cli_usage_error(c, "firms.csv has no column \"%s\"", text_fit(&tb, rq->group, strlen(rq->group), 40, 0, 0));
            textbuf_free(&tb);
            return rc;
        }
    }
    if (rq->by_year || rq->compare_years) {
        if (rq->by_year)
            cluster_time_by_year(c, d, rq->show == SHOW_INDUSTRIES);
        else
            cluster_time_compare(c, d, rq->year_a, rq->year_b, rq->have_top ? (uint32_t)rq->top : 10);
        return EXIT_OK;
    }
    /* buzz and pipelines rest on the firms' scales: when the data has none, say what
     * was assumed, in the text itself or, beside a table or JSON, on stderr */
    if (diag_count(&d->dg, DC_NO_SCALE))
        fprintf(c->format == PRINT_TEXT ? stdout : stderr,
                "%sno scale for %s firms: every such firm was taken as local, so its ties count as buzz "
                "(firmnet check says more)\n%s",
                c->format == PRINT_TEXT ? "note: " : "firmnet cluster: note: ",
                ds->firms.n && !has_scale_column(d) ? "any of the" : "most", c->format == PRINT_TEXT ? "\n" : "");
    type_cols_init();
    struct out o = {c->format, c->format != PRINT_TEXT, rq->by_type};
    if (!rq->compare) {
        char layer[256];
        layer_describe(&c->layer, layer, sizeof layer);
        struct cluster cl;
        cluster_compute(&cl, ds, &d->g, &d->L, &co);
        if (rq->show == SHOW_BROKERAGE)
            run_brokerage(&o, ds, &cl, layer, (uint32_t)rq->top);
        else
            run_single(&o, ds, &cl, layer, rq->show, rq->sort, (uint32_t)rq->top, rq->have_top);
        cluster_free(&cl);
    } else {
        struct cluster cl[2];
        char desc[2][256];
        const char *layers[2] = {desc[0], desc[1]};
        for (int k = 0; k < 2; k++) {
            struct layer_spec spec = c->layer;
            spec.forms = (uint8_t)(1u << (k ? FORM_NONMATERIAL : FORM_MATERIAL));
            struct layer L;
            layer_build(&L, ds, &spec);
            layer_describe(&spec, desc[k], sizeof desc[k]);
            cluster_compute(&cl[k], ds, &d->g, &L, &co);
            layer_free(&L);
        }
        struct layer_overlap ov;
        memset(&ov, 0, sizeof ov);
        if (rq->show != SHOW_FIRMS)
            overlap_compute(&ov, &cl[0].s, &cl[1].s, (uint32_t)rq->permutations, rq->seed);
        run_compare(&o, ds, cl, layers, rq->show, (uint32_t)rq->top, rq->have_top, &ov);
        for (int k = 0; k < 2; k++)
            cluster_free(&cl[k]);
    }
    return EXIT_OK;
}

static int cluster_check(struct cli_run *run)
{
    int rc = cluster_check_request(&run->c, run->state);
    return rc >= 0 ? rc : 0;
}

/* The body: it opens the dataset itself, since a usage error found once the dataset
 * is open prints nothing else (not even a flush of stdout). */
static int cluster_exec(struct cli_run *run)
{
    struct cli_data d;
    int rc;
    if ((rc = cli_open(&run->c, &d)) != 0)
        return rc;
    rc = cluster_run(&run->c, &d, run->state);
    if (rc == EXIT_USAGE) {
        cli_close(&d);
        return rc;
    }
    return cli_finish(&d, rc);
}

int cmd_cluster(int argc, char **argv)
{
    static const struct option longopts[] = {
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
    static const struct cli_entry entry = {
        .name = "cluster", .usage = usage, .longopts = longopts, .in_order = 1, .args_min = 0, .args_max = 0,
        .too_many = "cluster takes no arguments (the dataset goes after -d)", .needs = CLI_NEEDS_NOTHING,
        .option = cluster_option, .check = cluster_check, .exec = cluster_exec};
    struct cluster_request rq;
    memset(&rq, 0, sizeof rq);
    rq.show = SHOW_SUMMARY;
    rq.sort = -1;
    return cli_exec(&entry, argc, argv, &rq);
}
