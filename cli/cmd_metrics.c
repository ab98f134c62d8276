/* firmnet metrics: one row per firm of the layer with its network measures, or
 * with --network the whole-network summary. */
#include "brokerage.h"
#include "centrality.h"
#include "cli.h"
#include "commands.h"
#include "firmcell.h"
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
/* The columns in their order (core/firmcol), each with the group that shows it. */
static const struct {
    uint8_t col, group;
} metric_cols[] = {
    {FIRMCOL_ID, G_BASE}, {FIRMCOL_NAME, G_BASE}, {FIRMCOL_INDUSTRY, G_BASE}, {FIRMCOL_DEGREE, G_BASE},
    {FIRMCOL_BETWEENNESS, G_BASE}, {FIRMCOL_BETWEENNESS_SE, G_SAMPLED}, {FIRMCOL_CLOSENESS, G_BASE},
    {FIRMCOL_CLOSENESS_SE, G_CSAMPLED}, {FIRMCOL_CLUSTERING, G_BASE}, {FIRMCOL_CORE, G_BASE},
    {FIRMCOL_IN, G_DIRECTION}, {FIRMCOL_OUT, G_DIRECTION}, {FIRMCOL_MUTUAL, G_DIRECTION}, {FIRMCOL_SCC, G_DIRECTION},
    {FIRMCOL_EGO_DENSITY, G_EGO}, {FIRMCOL_ESIZE, G_EGO}, {FIRMCOL_BLAU_TYPE, G_EGO}, {FIRMCOL_BLAU_SCALE, G_EGO},
    {FIRMCOL_BLAU_INDUSTRY, G_EGO}, {FIRMCOL_NONMAT, G_EGO}};
enum { NCOLS = sizeof metric_cols / sizeof *metric_cols };

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

/* The group that shows column col (a FIRMCOL; -1: none). */
static int metric_group(int col)
{
    for (int k = 0; k < NCOLS; k++)
        if (metric_cols[k].col == col)
            return metric_cols[k].group;
    return G_BASE;
}

/* What the columns read: the dataset, the projection and what was computed. */
static struct firmcol_src metrics_src(const struct metrics *mt)
{
    struct firmcol_src src = {.ds = mt->ds, .s = &mt->s, .m = &mt->m, .dir = &mt->dir, .ego = mt->ego,
                              .core = mt->m.core, .esize = mt->esize};
    return src;
}

/* Numbers to 6 decimals in text; tsv and json carry every digit for checking. */
static struct print_num metrics_num(enum print_format format)
{
    struct print_num f = {format, format != PRINT_TEXT, 6};
    return f;
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
    struct report r;
    report_init(&r);
    report_str(&r, "layer", layer);
    report_int(&r, "firms", w.n);
    report_int(&r, "pairs", w.m);
    report_num(&r, "density", s->n < 2 ? 0.0 : 2.0 * (double)s->m / ((double)s->n * (double)(s->n - 1)));
    report_num(&r, "degree_centralization", w.degree_centralization);
    report_int(&r, "max_degree", w.max_degree);
    report_int(&r, "triangles", w.triangles);
    report_int(&r, "connected_triples", w.triples);
    report_num(&r, "transitivity", w.transitivity);
    report_int(&r, "components", w.components);
    report_int(&r, "path_length_component", w.apl_component);
    report_num(&r, "average_path_length", w.apl);
    report_num(&r, "average_path_length_se", w.apl_estimated ? w.apl_se : NAN);
    report_int(&r, "path_length_sources", w.apl_sources);
    report_int(&r, "arcs", dir.arcs);
    report_int(&r, "reciprocated_arcs", dir.reciprocated);
    report_num(&r, "reciprocity", dir.reciprocity);
    report_int(&r, "strong_components", dir.scc_count);
    report_int(&r, "largest_strong_component", dir.scc_largest);
    if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        report_to_json(&r, doc);
        json_object_set_new(doc, "path_length_estimate", json_boolean(w.apl_estimated));
        /* as networkx.degree_histogram: entry k counts the firms of degree k */
        json_t *h = json_array();
        for (uint32_t k = 0; w.n && k <= w.max_degree; k++)
            json_array_append_new(h, json_integer(w.hist[k]));
        json_object_set_new(doc, "degree_histogram", h);
        print_json(doc, stdout);
    } else {
        static const char *const names[] = {"measure", "value"};
        struct print_num f = metrics_num(c->format);
        struct table t;
        report_table(&t, &r, 1, names, &f);
        if (w.apl_estimated) {
            if (c->format == PRINT_TSV)
                printf("# average_path_length estimated from %u sampled sources\n", w.apl_sources);
            else
                printf("average_path_length: estimate from %u sampled sources\n\n", w.apl_sources);
        }
        table_print(&t, c->format, stdout);
        table_free(&t);
    }
    report_free(&r);
    direction_free(&dir);
    brokerage_arcs_free(&a);
    wholenet_free(&w);
    return 0;
}

/* What the options asked for. */
struct metrics_request {
    int sort;            /* a FIRMCOL, or -1: dataset order (or betweenness with --top) */
    int network;         /* --network: the whole network instead of rows */
    int have_top;
    unsigned long top;
    struct centrality_options co;
};

/* Step 1: the options into c, rq and mt's switches. Returns -1 to go on, else the
 * exit status to end with (--help, a usage error). */
/* What metrics computes and how it is asked: the request and the measures'
 * switches, the state its cli_entry hooks share. */
struct metrics_run {
    struct metrics_request rq;
    struct metrics mt;
};

static int metrics_option(struct cli_run *run, int opt, const char *arg)
{
    struct metrics_run *m = run->state;
    struct metrics_request *rq = &m->rq;
    struct metrics *mt = &m->mt;
    struct cli *c = &run->c;
    unsigned long val;
    switch (opt) {
    case OPT_SORT:
        rq->sort = -1;
        for (int k = 0; k < NCOLS; k++)
            if (!strcmp(arg, firmcol_names[metric_cols[k].col]))
                rq->sort = metric_cols[k].col;
        if (rq->sort < 0)
            return cli_usage_error(c, "--sort takes a column name (id, name, industry, degree, betweenness, "
                                      "closeness, clustering, core, or one --direction or --ego adds)");
        return 0;
    case OPT_TOP:
        if (cli_parse_count(arg, UINT32_MAX, &rq->top))
            return cli_usage_error(c, "--top takes a count, not \"%s\"", arg);
        rq->have_top = 1;
        return 0;
    case OPT_SAMPLES:
        if (cli_parse_count(arg, UINT32_MAX, &val) || val < 2)
            return cli_usage_error(c, "--samples takes a count of at least 2, not \"%s\"", arg);
        rq->co.samples = (uint32_t)val;
        return 0;
    case OPT_SEED:
        if (cli_parse_count(arg, ULONG_MAX, &val) || !val)
            return cli_usage_error(c, "--seed takes a positive number, not \"%s\"", arg);
        rq->co.seed = val;
        return 0;
    case OPT_THREADS:
        if (cli_parse_count(arg, CENTRALITY_MAX_THREADS, &val) || !val)
            return cli_usage_error(c, "--threads takes 1 to %d", CENTRALITY_MAX_THREADS);
        rq->co.threads = (unsigned)val;
        return 0;
    case OPT_DIRECTED: mt->directed = 1; mt->have_direction = 1; return 0;
    case OPT_DIRECTION: mt->have_direction = 1; return 0;
    case OPT_EGO: mt->have_ego = 1; return 0;
    case OPT_NETWORK: rq->network = 1; return 0;
    default:
        return -1;
    }
}

/* What the options and the FIRM arguments say together, before the dataset is opened. */
static int metrics_check(struct cli_run *run)
{
    const struct metrics_run *m = run->state;
    const struct metrics_request *rq = &m->rq;
    const struct metrics *mt = &m->mt;
    const struct cli *c = &run->c;
    if (rq->network && (rq->sort >= 0 || rq->have_top || mt->have_direction || mt->have_ego || run->argc != 0))
        return cli_usage_error(c, "--network prints the whole network: no --sort, --top, --direction, "
                                  "--directed, --ego or FIRM");
    int sort_group = metric_group(rq->sort);
    if ((sort_group == G_DIRECTION && !mt->have_direction) || (sort_group == G_EGO && !mt->have_ego))
        return cli_usage_error(c, "--sort %s needs %s", firmcol_names[rq->sort],
                               sort_group == G_EGO ? "--ego" : "--direction");
    return 0;
}

/* How betweenness was computed, for the lines above the table. */

struct metrics_estimate {
    int bc_est;          /* betweenness estimated from sampled sources */
    uint32_t bc_sources;
};

/* Step 2: the measures of every node: centrality, then what --direction and --ego add. */
static struct metrics_estimate metrics_compute(struct metrics *mt, const struct cli_data *d,
                                               const struct centrality_options *co)
{
    centrality_compute(&mt->m, &mt->s, co);
    uint32_t dir_sources = 0;
    int dir_est = 0;
    if (mt->have_direction) {
        brokerage_arcs_build(&mt->arcs, &d->ds, &d->g, &d->L, &mt->s);
        direction_compute(&mt->dir, &mt->arcs);
        if (mt->directed)
            dir_est = direction_betweenness(&mt->arcs, co, mt->m.betweenness, mt->m.betweenness_se, &dir_sources);
    }
    if (mt->have_ego) {
        size_t nn = mt->s.n ? mt->s.n : 1;
        mt->esize = xmalloc(nn * sizeof *mt->esize);
        mt->ego = xmalloc(nn * sizeof *mt->ego);
        structural_holes(&mt->s, NULL, mt->esize);
        egocomp_all(mt->ego, &d->ds, &d->g, &d->L, &mt->s);
    }
    struct metrics_estimate est = {mt->directed ? dir_est : mt->m.estimated,
                                   mt->directed ? dir_sources : mt->m.sources};
    return est;
}

/* Step 3: the rows (the picked firms in the order given, else every node), sorted,
 * with the columns the computed groups show. */
static void metrics_table(struct table *t, const struct metrics *mt, const struct metrics_request *rq,
                          const struct metrics_estimate *est, const uint32_t *pick, uint32_t n_pick,
                          enum print_format format)
{
    int sort = rq->sort;
    /* "the top ten" means the most central ones, not the first ten ids */
    if (rq->have_top && sort < 0)
        sort = FIRMCOL_BETWEENNESS;
    uint32_t n = n_pick ? n_pick : mt->s.n;
    struct firmcol_key *order = xmalloc(((size_t)n + 1) * sizeof *order);
    struct firmcol_src src = metrics_src(mt);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = n_pick ? mt->s.firm_node[pick[i]] : i;
        order[i].node = order[i].tie = n_pick ? i : v; /* ties keep the given order */
        order[i].s = NULL;
        order[i].x = 0;
        if (sort >= 0)
            firmcol_key_set(&order[i], &src, v, (unsigned)sort);
    }
    if (sort >= 0)
        qsort(order, n, sizeof *order, firmcol_key_cmp);
    uint32_t rows = rq->have_top && rq->top < n ? (uint32_t)rq->top : n;

    static const char *names[NCOLS]; /* table_init borrows them until the table is printed */
    static uint8_t knd[NCOLS];
    unsigned shown[NCOLS];
    unsigned nshown = 0;
    for (int k = 0; k < NCOLS; k++) {
        int g = metric_cols[k].group;
        int on = g == G_BASE || (g == G_SAMPLED && est->bc_est) || (g == G_CSAMPLED && mt->m.estimated) ||
                 (g == G_DIRECTION && mt->have_direction) || (g == G_EGO && mt->have_ego);
        if (!on)
            continue;
        names[nshown] = firmcol_names[metric_cols[k].col];
        knd[nshown] = firmcell_kind(metric_cols[k].col);
        shown[nshown++] = metric_cols[k].col;
    }
    struct print_num fmt = metrics_num(format);
    table_init(t, nshown, names, knd);
    for (uint32_t i = 0; i < rows; i++) {
        uint32_t v = n_pick ? mt->s.firm_node[pick[order[i].node]] : order[i].node;
        for (unsigned j = 0; j < nshown; j++)
            firmcell_add(t, &fmt, &src, v, shown[j]);
    }
    free(order);
}

/* Step 4: the table, in JSON with what was estimated, else under lines saying so. */
static void metrics_print(const struct cli *c, const struct metrics *mt, const struct metrics_estimate *est,
                          const struct table *t)
{
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);
    const char *bc_kind = mt->directed ? "directed" : "undirected";
    int bc_est = est->bc_est;
    uint32_t bc_sources = est->bc_sources;
    if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "firms_in_layer", json_integer(mt->s.n));
        if (mt->directed)
            json_object_set_new(doc, "betweenness", json_string(bc_kind));
        json_object_set_new(doc, "estimate", json_boolean(bc_est || mt->m.estimated));
        json_object_set_new(doc, "samples", bc_est || mt->m.estimated ? json_integer(bc_sources) : json_null());
        json_object_set_new(doc, "firms", table_to_json(t));
        print_json(doc, stdout);
    } else {
        int tsv = c->format == PRINT_TSV;
        if (mt->directed)
            printf(tsv ? "# betweenness on the directed network\n" : "betweenness: on the directed network\n");
        if (bc_est)
            printf(tsv ? "# betweenness estimated from %u sampled sources (betweenness_se: standard error)\n"
                       : "betweenness: estimate from %u sampled sources (betweenness_se: standard error)\n",
                   bc_sources);
        if (mt->m.estimated && !mt->directed)
            printf(tsv ? "# closeness estimated from the same sampled sources (closeness_se: standard error)\n"
                       : "closeness: estimate from the same sampled sources (closeness_se: standard error)\n");
        else if (mt->m.estimated)
            printf(tsv ? "# closeness (undirected) estimated from %u sampled sources (closeness_se: standard error)\n"
                       : "closeness (undirected): estimate from %u sampled sources (closeness_se: standard error)\n",
                   mt->m.sources);
        if (!tsv && (bc_est || mt->m.estimated || mt->directed))
            putchar('\n');
        table_print(t, c->format, stdout);
    }
}

static void metrics_free(struct metrics *mt)
{
    free(mt->esize);
    free(mt->ego);
    if (mt->have_direction) {
        direction_free(&mt->dir);
        brokerage_arcs_free(&mt->arcs);
    }
    centrality_free(&mt->m);
}

/* The body: the dataset is open (cli_exec). */
static int metrics_exec(struct cli_run *run)
{
    struct metrics_run *m = run->state;
    struct metrics_request *rq = &m->rq;
    struct metrics *mt = &m->mt;
    const struct cli *c = &run->c;
    const struct cli_data *d = &run->d;
    int rc;
    const struct dataset *ds = &d->ds;
    mt->ds = ds;
    /* FIRM arguments: rows for those firms only, in the order given */
    uint32_t n_pick = (uint32_t)run->argc, *pick = NULL;
    if (n_pick) {
        pick = xmalloc((size_t)n_pick * sizeof *pick);
        for (uint32_t i = 0; i < n_pick; i++)
            if ((rc = lookup_firm(c, ds, run->argv[i], &pick[i])) != EXIT_OK) {
                free(pick);
                return rc;
            }
    }
    simple_build(&mt->s, ds, &d->g, &d->L);
    if (rq->network) {
        print_network(c, d, &mt->s, &rq->co);
        simple_free(&mt->s);
        return EXIT_OK;
    }
    /* a FIRM the layer leaves out (founded after --as-of) has no row */
    for (uint32_t i = 0; i < n_pick; i++)
        if (mt->s.firm_node[pick[i]] == SIMPLE_NONE) {
            fprintf(stderr, "firmnet metrics: %s is not in the layer (%s)\n",
                    dataset_firm_id(ds, pick[i]), "founded after --as-of");
            free(pick);
            simple_free(&mt->s);
            return EXIT_FINDING;
        }
    /* progress only where someone watches and the wait is noticeable */
    if (isatty(STDERR_FILENO) && mt->s.n > 3000)
        rq->co.progress = progress;
    struct metrics_estimate est = metrics_compute(mt, d, &rq->co);
    struct table t;
    metrics_table(&t, mt, rq, &est, pick, n_pick, c->format);
    metrics_print(c, mt, &est, &t);
    table_free(&t);
    free(pick);
    metrics_free(mt);
    simple_free(&mt->s);
    return EXIT_OK;
}

int cmd_metrics(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"sort", required_argument, NULL, OPT_SORT}, {"top", required_argument, NULL, OPT_TOP},
        {"samples", required_argument, NULL, OPT_SAMPLES}, {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS}, {"direction", no_argument, NULL, OPT_DIRECTION},
        {"directed", no_argument, NULL, OPT_DIRECTED}, {"ego", no_argument, NULL, OPT_EGO},
        {"network", no_argument, NULL, OPT_NETWORK}, {NULL, 0, NULL, 0}};
    /* any number of FIRM arguments, and options after them too */
    static const struct cli_entry entry = {
        .name = "metrics", .usage = usage, .longopts = longopts, .args_min = 0, .args_max = -1,
        .needs = CLI_NEEDS_DATASET, .option = metrics_option, .check = metrics_check, .exec = metrics_exec};
    struct metrics_run m;
    memset(&m, 0, sizeof m);
    m.rq.sort = -1;
    return cli_exec(&entry, argc, argv, &m);
}
