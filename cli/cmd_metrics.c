/* firmnet metrics: one row per firm of the layer with its network measures, or
 * with --network the whole-network summary. */
#include "brokerage.h"
#include "centrality.h"
#include "cli.h"
#include "commands.h"
#include "direction.h"
#include "egocomp.h"
#include "lookup.h"
#include "structural.h"
#include "wholenet.h"
#include "xalloc.h"
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: firmnet metrics [OPTIONS] [FIRM...]\n"
    "Print one row per firm of the layer (or of each FIRM: an id, else a regex matching\n"
    "one firm): id, name, industry, degree, betweenness, closeness, clustering, core,\n"
    "measured on the simple undirected network (linkages merged per pair, direction\n"
    "ignored) as NetworkX defines them. Betweenness and closeness are exact up to 20000\n"
    "firms; beyond that, or with --samples, they are estimated from sampled sources, the\n"
    "output says so and betweenness_se and closeness_se give each estimate's standard\n"
    "error.\n"
    "docs/analyses.md defines every column.\n"
    "Exit status: 0 done, 1 a FIRM matched no firm or several, 2 usage or dataset error.\n\n"
    "Options:\n"
    "      --sort COL        order by COL (numbers descending, text ascending; default:\n"
    "                        dataset order, or betweenness with --top)\n"
    "      --top N           only the first N rows\n"
    "      --direction       add in_degree, out_degree, mutual and scc (strongly\n"
    "                        connected component) from the directed network\n"
    "      --directed        betweenness on the directed network (shortest paths follow\n"
    "                        the linkages' direction); implies --direction\n"
    "      --ego             add ego-network composition: ego_density, effective_size,\n"
    "                        blau_type, blau_scale, blau_industry, non_material_share\n"
    "      --network         the whole-network summary instead of firm rows: degree\n"
    "                        centralization, transitivity, average path length,\n"
    "                        reciprocity, strong components (json: degree histogram)\n"
    "      --samples K       estimate from K sampled sources (default: exact up to 20000\n"
    "                        firms, else 256 samples)\n"
    "      --seed S          seed of the source sample (default fixed)\n"
    "      --threads N       threads for betweenness and closeness (default: all CPUs)\n" CLI_COMMON_HELP;

enum { OPT_SORT = 512, OPT_TOP, OPT_SAMPLES, OPT_SEED, OPT_THREADS, OPT_DIRECTION, OPT_DIRECTED, OPT_EGO,
       OPT_NETWORK };

/* Every column; a group says when it is shown. */
enum { G_BASE, G_SAMPLED, G_CSAMPLED, G_DIRECTION, G_EGO };
#define METRIC_COLS(X) \
    X(COL_ID, "id", PK_STR, G_BASE) X(COL_NAME, "name", PK_STR, G_BASE) \
    X(COL_INDUSTRY, "industry", PK_STR, G_BASE) X(COL_DEGREE, "degree", PK_INT, G_BASE) \
    X(COL_BETWEENNESS, "betweenness", PK_NUM, G_BASE) X(COL_BETWEENNESS_SE, "betweenness_se", PK_NUM, G_SAMPLED) \
    X(COL_CLOSENESS, "closeness", PK_NUM, G_BASE) X(COL_CLOSENESS_SE, "closeness_se", PK_NUM, G_CSAMPLED) \
    X(COL_CLUSTERING, "clustering", PK_NUM, G_BASE) \
    X(COL_CORE, "core", PK_INT, G_BASE) X(COL_IN, "in_degree", PK_INT, G_DIRECTION) \
    X(COL_OUT, "out_degree", PK_INT, G_DIRECTION) X(COL_MUTUAL, "mutual", PK_INT, G_DIRECTION) \
    X(COL_SCC, "scc", PK_INT, G_DIRECTION) X(COL_EGO_DENSITY, "ego_density", PK_NUM, G_EGO) \
    X(COL_ESIZE, "effective_size", PK_NUM, G_EGO) X(COL_BLAU_TYPE, "blau_type", PK_NUM, G_EGO) \
    X(COL_BLAU_SCALE, "blau_scale", PK_NUM, G_EGO) X(COL_BLAU_INDUSTRY, "blau_industry", PK_NUM, G_EGO) \
    X(COL_NONMAT, "non_material_share", PK_NUM, G_EGO)
#define X(e, name, kind, group) e,
enum { METRIC_COLS(X) NCOLS };
#undef X
#define X(e, name, kind, group) name,
static const char *const cols[NCOLS] = {METRIC_COLS(X)};
#undef X
#define X(e, name, kind, group) kind,
static const uint8_t kinds[NCOLS] = {METRIC_COLS(X)};
#undef X
#define X(e, name, kind, group) group,
static const uint8_t groups[NCOLS] = {METRIC_COLS(X)};
#undef X

/* What was computed for the rows. */
struct metrics {
    const struct dataset *ds;
    struct simple_graph s;
    struct centrality m;
    int directed;                 /* betweenness from the arcs */
    int have_direction, have_ego;
    struct arc_graph arcs;
    struct direction dir;
    double *esize;                /* n; with have_ego */
    struct ego_composition *ego;  /* n; with have_ego */
};

/* A row's sort key: text ascending when s is set, else the number descending
 * (NaN last); ties keep dataset order. */
struct sort_key {
    const char *s;
    double x;
    uint32_t node;
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
    return c ? c : (a->node > b->node) - (a->node < b->node);
}

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    *out = strtoul(s, &end, 10);
    return *end || *out > max ? -1 : 0;
}

static double value(const struct metrics *mt, uint32_t v, int col)
{
    const struct centrality *m = &mt->m;
    switch (col) {
    case COL_DEGREE: return m->degree[v];
    case COL_BETWEENNESS: return m->betweenness[v];
    case COL_BETWEENNESS_SE: return m->betweenness_se[v];
    case COL_CLOSENESS: return m->closeness[v];
    case COL_CLOSENESS_SE: return m->closeness_se[v];
    case COL_CLUSTERING: return m->clustering[v];
    case COL_CORE: return m->core[v];
    case COL_IN: return mt->dir.in_degree[v];
    case COL_OUT: return mt->dir.out_degree[v];
    case COL_MUTUAL: return mt->dir.mutual[v];
    case COL_SCC: return mt->dir.scc[v];
    case COL_EGO_DENSITY: return mt->ego[v].density;
    case COL_ESIZE: return mt->esize[v];
    case COL_BLAU_TYPE: return mt->ego[v].blau_type;
    case COL_BLAU_SCALE: return mt->ego[v].blau_scale;
    case COL_BLAU_INDUSTRY: return mt->ego[v].blau_industry;
    case COL_NONMAT: return mt->ego[v].non_material;
    default: return 0;
    }
}

static const char *text_value(const struct metrics *mt, uint32_t v, int col)
{
    uint32_t f = mt->s.node_firm[v];
    switch (col) {
    case COL_ID: return dataset_str(mt->ds, mt->ds->firms.id[f]);
    case COL_NAME: return dataset_str(mt->ds, mt->ds->firms.name[f]);
    default: return lookup_industry(mt->ds, f);
    }
}

static void add_num(struct table *t, double x, enum print_format format)
{
    if (isnan(x))
        table_add(t, format == PRINT_JSON ? "" : "NaN"); /* JSON null */
    else if (format != PRINT_TEXT)
        table_addf(t, "%.17g", x); /* tsv and json carry every digit for checking */
    else
        table_addf(t, "%.6f", x);
}

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    fprintf(stderr, "\rfirmnet metrics: %llu of %llu searches", (unsigned long long)done, (unsigned long long)total);
    if (done == total)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* ---- --network ---- */

static int print_network(const struct cli *c, const struct cli_data *d, const struct simple_graph *s,
                         const struct centrality_options *co)
{
    struct wholenet w;
    wholenet_compute(&w, s, co);
    struct arc_graph a;
    struct direction dir;
    brokerage_arcs_build(&a, &d->ds, &d->g, &d->L, s);
    direction_compute(&dir, &a);
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);
    enum { R_INT, R_NUM };
    struct {
        const char *name;
        int kind;
        double x;
    } rows[] = {
        {"firms", R_INT, w.n},
        {"pairs", R_INT, (double)w.m},
        {"density", R_NUM, s->n < 2 ? 0.0 : 2.0 * (double)s->m / ((double)s->n * (double)(s->n - 1))},
        {"degree_centralization", R_NUM, w.degree_centralization},
        {"max_degree", R_INT, w.max_degree},
        {"triangles", R_INT, (double)w.triangles},
        {"connected_triples", R_INT, (double)w.triples},
        {"transitivity", R_NUM, w.transitivity},
        {"components", R_INT, w.components},
        {"path_length_component", R_INT, w.apl_component},
        {"average_path_length", R_NUM, w.apl},
        {"average_path_length_se", R_NUM, w.apl_estimated ? w.apl_se : NAN},
        {"path_length_sources", R_INT, w.apl_sources},
        {"arcs", R_INT, (double)dir.arcs},
        {"reciprocated_arcs", R_INT, (double)dir.reciprocated},
        {"reciprocity", R_NUM, dir.reciprocity},
        {"strong_components", R_INT, dir.scc_count},
        {"largest_strong_component", R_INT, dir.scc_largest},
    };
    unsigned nrows = sizeof rows / sizeof *rows;
    if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", print_json_string(layer));
        for (unsigned i = 0; i < nrows; i++) {
            double x = rows[i].x;
            json_object_set_new(doc, rows[i].name, isnan(x) ? json_null()
                                                   : rows[i].kind == R_INT ? json_integer((json_int_t)x)
                                                                           : json_real(x));
        }
        json_object_set_new(doc, "path_length_estimate", json_boolean(w.apl_estimated));
        /* as networkx.degree_histogram: entry k counts the firms of degree k */
        json_t *h = json_array();
        for (uint32_t k = 0; w.n && k <= w.max_degree; k++)
            json_array_append_new(h, json_integer(w.hist[k]));
        json_object_set_new(doc, "degree_histogram", h);
        print_json(doc, stdout);
    } else {
        static const char *const names[] = {"measure", "value"};
        static const uint8_t k2[] = {PK_STR, PK_NUM};
        struct table t;
        table_init(&t, 2, names, k2);
        table_add(&t, "layer");
        table_add(&t, layer);
        for (unsigned i = 0; i < nrows; i++) {
            table_add(&t, rows[i].name);
            if (rows[i].kind == R_INT && !isnan(rows[i].x))
                table_addf(&t, "%.0f", rows[i].x);
            else
                add_num(&t, rows[i].x, c->format);
        }
        if (w.apl_estimated) {
            if (c->format == PRINT_TSV)
                printf("# average_path_length estimated from %u sampled sources\n", w.apl_sources);
            else
                printf("average_path_length: estimate from %u sampled sources\n\n", w.apl_sources);
        }
        table_print(&t, c->format, stdout);
        table_free(&t);
    }
    direction_free(&dir);
    brokerage_arcs_free(&a);
    wholenet_free(&w);
    return 0;
}

int cmd_metrics(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS, {"sort", required_argument, NULL, OPT_SORT}, {"top", required_argument, NULL, OPT_TOP},
        {"samples", required_argument, NULL, OPT_SAMPLES}, {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS}, {"direction", no_argument, NULL, OPT_DIRECTION},
        {"directed", no_argument, NULL, OPT_DIRECTED}, {"ego", no_argument, NULL, OPT_EGO},
        {"network", no_argument, NULL, OPT_NETWORK}, {NULL, 0, NULL, 0}};
    struct cli c;
    int opt, rc, sort = -1, network = 0;
    unsigned long top = 0, val;
    int have_top = 0;
    struct metrics mt;
    memset(&mt, 0, sizeof mt);
    struct centrality_options co;
    memset(&co, 0, sizeof co);
    cli_init(&c, "metrics");
    while ((opt = getopt_long(argc, argv, LOOKUP_SHORTOPTS(""), longopts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            fputs(usage, stdout);
            return print_finish(stdout);
        case OPT_SORT:
            sort = -1;
            for (int k = 0; k < NCOLS; k++)
                if (!strcmp(optarg, cols[k]))
                    sort = k;
            if (sort < 0)
                return cli_usage_error(&c, "--sort takes a column name (id, name, industry, degree, betweenness, "
                                           "closeness, clustering, core, or one --direction or --ego adds)");
            continue;
        case OPT_TOP:
            if (parse_count(optarg, UINT32_MAX, &top))
                return cli_usage_error(&c, "--top takes a count, not \"%s\"", optarg);
            have_top = 1;
            continue;
        case OPT_SAMPLES:
            if (parse_count(optarg, UINT32_MAX, &val) || val < 2)
                return cli_usage_error(&c, "--samples takes a count of at least 2, not \"%s\"", optarg);
            co.samples = (uint32_t)val;
            continue;
        case OPT_SEED:
            if (parse_count(optarg, ULONG_MAX, &val) || !val)
                return cli_usage_error(&c, "--seed takes a positive number, not \"%s\"", optarg);
            co.seed = val;
            continue;
        case OPT_THREADS:
            if (parse_count(optarg, CENTRALITY_MAX_THREADS, &val) || !val)
                return cli_usage_error(&c, "--threads takes 1 to %d", CENTRALITY_MAX_THREADS);
            co.threads = (unsigned)val;
            continue;
        case OPT_DIRECTED: mt.directed = 1; mt.have_direction = 1; continue;
        case OPT_DIRECTION: mt.have_direction = 1; continue;
        case OPT_EGO: mt.have_ego = 1; continue;
        case OPT_NETWORK: network = 1; continue;
        default:
            if ((rc = cli_take_other_option(&c, opt, optarg)) != 0)
                return rc;
        }
    }
    if (network && (sort >= 0 || have_top || mt.have_direction || mt.have_ego || optind != argc))
        return cli_usage_error(&c, "--network prints the whole network: no --sort, --top, --direction, "
                                   "--directed, --ego or FIRM");
    if (sort >= 0 && ((groups[sort] == G_DIRECTION && !mt.have_direction) || (groups[sort] == G_EGO && !mt.have_ego)))
        return cli_usage_error(&c, "--sort %s needs %s", cols[sort],
                               groups[sort] == G_EGO ? "--ego" : "--direction");
    struct cli_data d;
    if ((rc = cli_open(&c, &d)) != 0)
        return rc;
    const struct dataset *ds = &d.ds;
    mt.ds = ds;
    /* FIRM arguments: rows for those firms only, in the order given */
    uint32_t n_pick = (uint32_t)(argc - optind), *pick = NULL;
    if (n_pick) {
        pick = xmalloc((size_t)n_pick * sizeof *pick);
        for (uint32_t i = 0; i < n_pick; i++)
            if ((rc = lookup_firm(&c, ds, argv[optind + (int)i], &pick[i])) != EXIT_OK) {
                free(pick);
                return cli_finish(&d, rc);
            }
    }
    simple_build(&mt.s, ds, &d.g, &d.L);
    if (network) {
        print_network(&c, &d, &mt.s, &co);
        simple_free(&mt.s);
        return cli_finish(&d, EXIT_OK);
    }
    /* a FIRM the layer leaves out (founded after --as-of) has no row */
    for (uint32_t i = 0; i < n_pick; i++)
        if (mt.s.firm_node[pick[i]] == SIMPLE_NONE) {
            fprintf(stderr, "firmnet metrics: %s is not in the layer (%s)\n",
                    dataset_str(ds, ds->firms.id[pick[i]]), "founded after --as-of");
            free(pick);
            simple_free(&mt.s);
            return cli_finish(&d, EXIT_FINDING);
        }
    /* progress only where someone watches and the wait is noticeable */
    if (isatty(STDERR_FILENO) && mt.s.n > 3000)
        co.progress = progress;
    centrality_compute(&mt.m, &mt.s, &co);
    uint32_t dir_sources = 0;
    int dir_est = 0;
    if (mt.have_direction) {
        brokerage_arcs_build(&mt.arcs, ds, &d.g, &d.L, &mt.s);
        direction_compute(&mt.dir, &mt.arcs);
        if (mt.directed)
            dir_est = direction_betweenness(&mt.arcs, &co, mt.m.betweenness, mt.m.betweenness_se, &dir_sources);
    }
    if (mt.have_ego) {
        size_t nn = mt.s.n ? mt.s.n : 1;
        mt.esize = xmalloc(nn * sizeof *mt.esize);
        mt.ego = xmalloc(nn * sizeof *mt.ego);
        structural_holes(&mt.s, NULL, mt.esize);
        egocomp_all(mt.ego, ds, &d.g, &d.L, &mt.s);
    }
    int bc_est = mt.directed ? dir_est : mt.m.estimated;
    uint32_t bc_sources = mt.directed ? dir_sources : mt.m.sources;

    /* "the top ten" means the most central ones, not the first ten ids */
    if (have_top && sort < 0)
        sort = COL_BETWEENNESS;
    uint32_t n = n_pick ? n_pick : mt.s.n;
    struct sort_key *order = xmalloc(((size_t)n + 1) * sizeof *order);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = n_pick ? mt.s.firm_node[pick[i]] : i;
        order[i].node = n_pick ? i : v; /* ties keep the given order */
        order[i].s = NULL;
        order[i].x = 0;
        if (sort >= 0 && kinds[sort] == PK_STR)
            order[i].s = text_value(&mt, v, sort);
        else if (sort >= 0)
            order[i].x = value(&mt, v, sort);
    }
    if (sort >= 0)
        qsort(order, n, sizeof *order, cmp_key);
    uint32_t rows = have_top && top < n ? (uint32_t)top : n;

    const char *names[NCOLS];
    uint8_t knd[NCOLS];
    int shown[NCOLS];
    unsigned nshown = 0;
    for (int k = 0; k < NCOLS; k++) {
        int on = groups[k] == G_BASE || (groups[k] == G_SAMPLED && bc_est) ||
                 (groups[k] == G_CSAMPLED && mt.m.estimated) ||
                 (groups[k] == G_DIRECTION && mt.have_direction) || (groups[k] == G_EGO && mt.have_ego);
        if (!on)
            continue;
        names[nshown] = cols[k];
        knd[nshown] = kinds[k];
        shown[nshown++] = k;
    }
    struct table t;
    table_init(&t, nshown, names, knd);
    for (uint32_t i = 0; i < rows; i++) {
        uint32_t v = n_pick ? mt.s.firm_node[pick[order[i].node]] : order[i].node;
        for (unsigned j = 0; j < nshown; j++) {
            int k = shown[j];
            if (kinds[k] == PK_STR)
                table_add(&t, text_value(&mt, v, k));
            else if (kinds[k] == PK_INT)
                table_addf(&t, "%.0f", value(&mt, v, k));
            else
                add_num(&t, value(&mt, v, k), c.format);
        }
    }
    char layer[256];
    layer_describe(&c.layer, layer, sizeof layer);
    const char *bc_kind = mt.directed ? "directed" : "undirected";
    if (c.format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "firms_in_layer", json_integer(mt.s.n));
        if (mt.directed)
            json_object_set_new(doc, "betweenness", json_string(bc_kind));
        json_object_set_new(doc, "estimate", json_boolean(bc_est || mt.m.estimated));
        json_object_set_new(doc, "samples", bc_est || mt.m.estimated ? json_integer(bc_sources) : json_null());
        json_object_set_new(doc, "firms", table_to_json(&t));
        print_json(doc, stdout);
    } else {
        int tsv = c.format == PRINT_TSV;
        if (mt.directed)
            printf(tsv ? "# betweenness on the directed network\n" : "betweenness: on the directed network\n");
        if (bc_est)
            printf(tsv ? "# betweenness estimated from %u sampled sources (betweenness_se: standard error)\n"
                       : "betweenness: estimate from %u sampled sources (betweenness_se: standard error)\n",
                   bc_sources);
        if (mt.m.estimated && !mt.directed)
            printf(tsv ? "# closeness estimated from the same sampled sources (closeness_se: standard error)\n"
                       : "closeness: estimate from the same sampled sources (closeness_se: standard error)\n");
        else if (mt.m.estimated)
            printf(tsv ? "# closeness (undirected) estimated from %u sampled sources (closeness_se: standard error)\n"
                       : "closeness (undirected): estimate from %u sampled sources (closeness_se: standard error)\n",
                   mt.m.sources);
        if (!tsv && (bc_est || mt.m.estimated || mt.directed))
            putchar('\n');
        table_print(&t, c.format, stdout);
    }
    table_free(&t);
    free(order);
    free(pick);
    free(mt.esize);
    free(mt.ego);
    if (mt.have_direction) {
        direction_free(&mt.dir);
        brokerage_arcs_free(&mt.arcs);
    }
    centrality_free(&mt.m);
    simple_free(&mt.s);
    return cli_finish(&d, EXIT_OK);
}
