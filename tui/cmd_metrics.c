/* firmnet metrics: one row per firm of the layer with its network measures. */
#include "centrality.h"
#include "cli.h"
#include "commands.h"
#include "lookup.h"
#include "xalloc.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: firmnet metrics [OPTIONS]\n"
    "Print one row per firm of the layer: id, name, industry, degree, betweenness,\n"
    "closeness, clustering, core, measured on the simple undirected network (linkages\n"
    "merged per pair, direction ignored) as NetworkX defines them. Betweenness and\n"
    "closeness are exact up to 20000 firms; beyond that, or with --samples, they are\n"
    "estimated from sampled sources and the output says so.\n"
    "Exit status: 0 done, 2 usage or dataset error.\n\n"
    "Options:\n"
    "      --sort COL        order by COL (numbers descending, text ascending; default:\n"
    "                        dataset order, or betweenness with --top)\n"
    "      --top N           only the first N rows\n"
    "      --samples K       estimate from K sampled sources (default: exact up to 20000\n"
    "                        firms, else 256 samples)\n"
    "      --seed S          seed of the source sample (default fixed)\n"
    "      --threads N       threads for betweenness and closeness (default: all CPUs)\n" CLI_COMMON_HELP;

enum { OPT_SORT = 512, OPT_TOP, OPT_SAMPLES, OPT_SEED, OPT_THREADS };
enum { COL_ID, COL_NAME, COL_INDUSTRY, COL_DEGREE, COL_BETWEENNESS, COL_CLOSENESS, COL_CLUSTERING, COL_CORE, NCOLS };
static const char *const cols[NCOLS] = {"id", "name", "industry", "degree", "betweenness", "closeness", "clustering", "core"};
static const uint8_t kinds[NCOLS] = {PK_STR, PK_STR, PK_STR, PK_INT, PK_NUM, PK_NUM, PK_NUM, PK_INT};

/* A row's sort key: text ascending when s is set, else the number descending;
 * ties keep dataset order. */
struct sort_key {
    const char *s;
    double x;
    uint32_t node;
};

static int cmp_key(const void *p, const void *q)
{
    const struct sort_key *a = p, *b = q;
    int c = a->s ? strcmp(a->s, b->s) : (a->x < b->x) - (a->x > b->x);
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

static void add_num(struct table *t, double x, int precise)
{
    if (precise)
        table_addf(t, "%.17g", x);
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

int cmd_metrics(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS, {"sort", required_argument, NULL, OPT_SORT}, {"top", required_argument, NULL, OPT_TOP},
        {"samples", required_argument, NULL, OPT_SAMPLES}, {"seed", required_argument, NULL, OPT_SEED},
        {"threads", required_argument, NULL, OPT_THREADS}, {NULL, 0, NULL, 0}};
    struct cli c;
    int opt, rc, sort = -1;
    unsigned long top = 0, val;
    int have_top = 0;
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
                return cli_usage_error(&c, "--sort takes one of id, name, industry, degree, betweenness, "
                                           "closeness, clustering, core");
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
        default:
            if ((rc = cli_take_other_option(&c, opt, optarg)) != 0)
                return rc;
        }
    }
    if (optind != argc)
        return cli_usage_error(&c, "metrics takes no arguments (the dataset goes after -d)");
    struct cli_data d;
    if ((rc = cli_open(&c, &d)) != 0)
        return rc;
    const struct dataset *ds = &d.ds;
    struct simple_graph s;
    simple_build(&s, ds, &d.g, &d.L);
    /* progress only where someone watches and the wait is noticeable */
    if (isatty(STDERR_FILENO) && s.n > 3000)
        co.progress = progress;
    struct centrality m;
    centrality_compute(&m, &s, &co);

    /* "the top ten" means the most central ones, not the first ten ids */
    if (have_top && sort < 0)
        sort = COL_BETWEENNESS;
    uint32_t n = s.n;
    struct sort_key *order = xmalloc(((size_t)n + 1) * sizeof *order);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t f = s.node_firm[v];
        order[v].node = v;
        order[v].s = NULL;
        switch (sort) {
        case COL_ID: order[v].s = dataset_str(ds, ds->firms.id[f]); break;
        case COL_NAME: order[v].s = dataset_str(ds, ds->firms.name[f]); break;
        case COL_INDUSTRY: order[v].s = lookup_industry(ds, f); break;
        case COL_DEGREE: order[v].x = m.degree[v]; break;
        case COL_BETWEENNESS: order[v].x = m.betweenness[v]; break;
        case COL_CLOSENESS: order[v].x = m.closeness[v]; break;
        case COL_CLUSTERING: order[v].x = m.clustering[v]; break;
        case COL_CORE: order[v].x = m.core[v]; break;
        default: order[v].x = 0; break;
        }
    }
    if (sort >= 0)
        qsort(order, n, sizeof *order, cmp_key);
    uint32_t rows = have_top && top < n ? (uint32_t)top : n;

    /* text is for reading: rounded; tsv and json carry every digit for checking */
    int precise = c.format != PRINT_TEXT;
    struct table t;
    table_init(&t, NCOLS, cols, kinds);
    for (uint32_t i = 0; i < rows; i++) {
        uint32_t v = order[i].node, f = s.node_firm[v];
        table_add(&t, dataset_str(ds, ds->firms.id[f]));
        table_add(&t, dataset_str(ds, ds->firms.name[f]));
        table_add(&t, lookup_industry(ds, f));
        table_addf(&t, "%u", m.degree[v]);
        add_num(&t, m.betweenness[v], precise);
        add_num(&t, m.closeness[v], precise);
        add_num(&t, m.clustering[v], precise);
        table_addf(&t, "%u", m.core[v]);
    }
    char layer[256];
    layer_describe(&c.layer, layer, sizeof layer);
    if (c.format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "firms_in_layer", json_integer(n));
        json_object_set_new(doc, "estimate", json_boolean(m.estimated));
        json_object_set_new(doc, "samples", m.estimated ? json_integer(m.sources) : json_null());
        json_object_set_new(doc, "firms", table_to_json(&t));
        print_json(doc, stdout);
    } else {
        if (m.estimated) {
            if (c.format == PRINT_TSV)
                printf("# betweenness estimated from %u sampled sources\n"
                       "# closeness estimated from the same sampled sources\n", m.sources);
            else
                printf("betweenness: estimate from %u sampled sources\n"
                       "closeness: estimate from the same sampled sources\n\n", m.sources);
        }
        table_print(&t, c.format, stdout);
    }
    table_free(&t);
    free(order);
    centrality_free(&m);
    simple_free(&s);
    return cli_finish(&d, EXIT_OK);
}
