/* firmnet export: a cut of the network (layer, firms, ego network, industry) in the
 * formats of other network tools, or as a dataset of its own. */
#include "cli.h"
#include "commands.h"
#include "export.h"
#include "layout.h"
#include "lookup.h"
#include "paths.h"
#include "text.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
    "Usage: firmnet export --to FORMAT [-o FILE] [OPTIONS]\n"
    "Write the layer's linkages among the selected firms (all firms of the layer unless\n"
    "--firms, --ego or --industry choose fewer; given together, a firm must pass all).\n"
    "Without -o a single-file format goes to standard output. Files are written to a\n"
    "temporary name and renamed into place, never over the dataset being read.\n"
    "Exit status: 0 written, 1 the --ego firm not found, 2 usage, regex, dataset or\n"
    "write error.\n\n"
    "Formats:\n"
    "  graphml      GraphML (Gephi, Cytoscape, igraph, NetworkX), typed attributes\n"
    "  gexf         GEXF 1.3 (Gephi); the linkage type is the edge kind\n"
    "  pajek        Pajek .net, one relation per type; -o x.net also writes x.clu\n"
    "               (the industry partition)\n"
    "  pajek-plain  Pajek .net without relation headers (for igraph); types as line labels\n"
    "  dot          Graphviz, coloured by type, styled by scale (dot, sfdp)\n"
    "  json         node-link JSON (networkx.node_link_graph)\n"
    "  dataset      firms.csv and linkages.csv in the directory given with -o\n"
    "  svg          a drawing of the --ego firm's ego network: the explorer's Ego map\n"
    "               layout, partners beyond what it holds grouped (--group)\n\n"
    "Options:\n"
    "  -t, --to FORMAT       output format (required)\n"
    "  -o, --output PATH     file to write (a directory for --to dataset)\n"
    "      --force           --to dataset: replace the files of an existing dataset\n"
    "      --firms REGEX     only firms matching REGEX (id, name, alias; or FIELD:REGEX)\n"
    "      --ego FIRM        only the ego network of FIRM (an id or a regex)\n"
    "  -k, --depth K         radius of the ego network in linkages (default 1)\n"
    "      --industry REGEX  only firms whose industry matches REGEX\n"
    "      --group BY        svg: group partners by industry (default) or scale\n"
    "  -d, --dataset DIR     dataset directory (default: the bundled Wenzhou dataset)\n"
    "      --type T[,T...]   only linkages of these types\n"
    "      --form F          only material or non-material linkages\n"
    "      --scale S[,S...]  only linkages of these scales (local, national, global)\n"
    "      --as-of YEAR      the network as it stood in YEAR\n"
    "      --encoding ENC    read the CSV files in ENC (e.g. GB18030) instead of UTF-8\n"
    "      --delimiter C     field separator: ',' (default), ';' or 'tab'\n"
    "      --no-cache        parse the CSV files, neither reading nor writing a snapshot\n"
    "  -h, --help            show this help\n";

enum { OPT_FORCE = 512, OPT_FIRMS, OPT_EGO, OPT_INDUSTRY, OPT_GROUP };

struct export_args {
    enum export_format format;
    int have_format;
    const char *output, *firms, *ego, *industry;
    unsigned long depth;
    unsigned flags;
    int svg, group_by; /* --to svg, and its grouping (enum layout_group) */
    int group_given;
    int depth_given;
};

/* --to svg: the ego map of the --ego firm, laid out as the explorer lays it out on a
 * large screen, to a file or standard output. */
static int write_svg(const struct cli *c, const struct export_args *a, struct cli_data *d)
{
    uint32_t center;
    int rc;
    if ((rc = lookup_firm(c, &d->ds, a->ego, &center)) != EXIT_OK)
        return rc;
    /* an area that grows with the ego network, up to what a page holds */
    struct bfs_work w;
    struct ego e;
    paths_work_init(&w, d->ds.firms.n);
    paths_ego(&e, &w, &d->g, &d->L, center, (uint32_t)a->depth);
    double side = 4 * sqrt((double)(e.n_firms ? e.n_firms : 1));
    int rows = side < 12 ? 12 : side > 45 ? 45 : (int)side, cols = rows * 10 / 3 < 60 ? 60 : rows * 10 / 3;
    if (cols > 150)
        cols = 150;
    ego_free(&e);
    struct layout_options o;
    layout_options_default(&o, cols, rows);
    o.depth = (uint32_t)a->depth;
    o.group_by = a->group_by;
    o.label_max = 24;
    struct ego_map m;
    layout_ego(&m, &w, &d->ds, &d->g, &d->L, center, &o);
    paths_work_free(&w);
    struct export_error err;
    struct textbuf tb = {0};
    if (export_write_ego_svg(&d->ds, &m, a->output, &err) != 0) {
        fprintf(stderr, "firmnet export: %s\n", text_sanitize(&tb, err.msg, strlen(err.msg), TEXT_DISPLAY, 0));
        rc = EXIT_USAGE;
    } else if (a->output) {
        fprintf(stderr, "firmnet export: ego map of %u firm%s (%u node%s, %u grouped) written to %s (svg)\n",
                m.ego_firms, m.ego_firms == 1 ? "" : "s", m.n_nodes, m.n_nodes == 1 ? "" : "s", m.grouped_firms,
                text_sanitize(&tb, a->output, strlen(a->output), TEXT_DISPLAY, 0));
    }
    textbuf_free(&tb);
    layout_ego_free(&m);
    return rc;
}

/* Narrows sel (n flags, all 1 to start) by each criterion given; returns EXIT_OK or
 * the exit code after reporting. */
static int select_firms(const struct cli *c, const struct export_args *a, struct cli_data *d, uint8_t *sel)
{
    const struct dataset *ds = &d->ds;
    struct match_error err;
    int rc;
    if (a->firms) {
        struct firm_filter f;
        if (filter_compile(&f, ds, a->firms, MATCH_SMART_CASE, &err) != 0)
            return lookup_regex_error(c, a->firms, &err);
        for (uint32_t v = 0; v < ds->firms.n; v++) {
            if (!sel[v])
                continue;
            enum match_result r = filter_test_firm(&f, ds, v);
            if (r < 0) {
                filter_free(&f);
                return lookup_too_expensive(c, a->firms);
            }
            sel[v] = r == MATCH_YES;
        }
        filter_free(&f);
    }
    if (a->industry) {
        struct matcher *m = match_compile(a->industry, strlen(a->industry), MATCH_SMART_CASE, &err);
        if (!m)
            return lookup_regex_error(c, a->industry, &err);
        /* test each industry once, not each firm */
        uint8_t *ind = xcalloc(ds->n_industries + 1, 1);
        for (uint32_t k = 0; k < ds->n_industries; k++) {
            const char *s = dataset_str(ds, ds->industry_name[k]);
            enum match_result r = match_test(m, s, strlen(s));
            if (r < 0) {
                free(ind);
                match_free(m);
                return lookup_too_expensive(c, a->industry);
            }
            ind[k] = r == MATCH_YES;
        }
        for (uint32_t v = 0; v < ds->firms.n; v++)
            sel[v] = sel[v] && ind[ds->firms.industry[v]];
        free(ind);
        match_free(m);
    }
    if (a->ego) {
        uint32_t center;
        if ((rc = lookup_firm(c, ds, a->ego, &center)) != EXIT_OK)
            return rc;
        struct bfs_work w;
        struct ego e;
        paths_work_init(&w, ds->firms.n);
        paths_ego(&e, &w, &d->g, &d->L, center, (uint32_t)a->depth);
        paths_work_free(&w);
        uint8_t *in = xcalloc(ds->firms.n + 1, 1);
        for (uint32_t i = 0; i < e.n_firms; i++)
            in[e.firm[i]] = 1;
        for (uint32_t v = 0; v < ds->firms.n; v++)
            sel[v] = sel[v] && in[v];
        free(in);
        ego_free(&e);
    }
    return EXIT_OK;
}

static int export_option(struct cli_run *run, int opt, const char *arg)
{
    struct export_args *a = run->state;
    switch (opt) {
    case 't':
        a->svg = !strcasecmp(arg, "svg");
        if (!a->svg && export_parse_format(arg, &a->format) != 0)
            return cli_usage_error(&run->c, "--to takes graphml, gexf, pajek, pajek-plain, dot, json, dataset or svg, not \"%s\"", arg);
        a->have_format = 1;
        return 0;
    case OPT_GROUP:
        if (!strcmp(arg, "industry") || !strcmp(arg, "scale"))
            a->group_by = !strcmp(arg, "scale") ? LAYOUT_GROUP_SCALE : LAYOUT_GROUP_INDUSTRY;
        else
            return cli_usage_error(&run->c, "--group takes industry or scale, not \"%s\"", arg);
        a->group_given = 1;
        return 0;
    case 'o':
        if (!*arg)
            return cli_usage_error(&run->c, "-o needs a file name");
        a->output = arg;
        return 0;
    case OPT_FORCE: a->flags |= EXPORT_FORCE; return 0;
    case OPT_FIRMS: a->firms = arg; return 0;
    case OPT_EGO: a->ego = arg; return 0;
    case OPT_INDUSTRY: a->industry = arg; return 0;
    case 'k': {
        char *end;
        a->depth = strtoul(arg, &end, 10);
        if (!*arg || *end || *arg == '-' || a->depth > 1000000)
            return cli_usage_error(&run->c, "--depth takes a number of linkages, not \"%s\"", arg);
        a->depth_given = 1;
        return 0;
    }
    case CLI_OPT_FORMAT:
        return cli_usage_error(&run->c, "export chooses its format with --to");
    default:
        return -1;
    }
}

/* What the options say together, before the dataset is opened. */
static int export_check(struct cli_run *run)
{
    const struct export_args *a = run->state;
    if (run->argc > 0)
        return cli_usage_error(&run->c, "unexpected argument \"%s\" (name the dataset with -d)", run->argv[0]);
    if (!a->have_format)
        return cli_usage_error(&run->c, "name a format with --to");
    if (a->svg && !a->ego)
        return cli_usage_error(&run->c, "--to svg draws an ego map: name its firm with --ego");
    if (a->svg && (a->firms || a->industry || (a->flags & EXPORT_FORCE)))
        return cli_usage_error(&run->c, "--to svg draws the --ego firm's ego network: --firms, --industry and --force do not apply");
    if (a->group_given && !a->svg)
        return cli_usage_error(&run->c, "--group goes with --to svg");
    if (a->svg && a->depth > 2)
        return cli_usage_error(&run->c, "--to svg draws an ego network of depth 1 or 2");
    if (!a->svg && a->format == EXPORT_DATASET && !a->output)
        return cli_usage_error(&run->c, "--to dataset writes a directory: name it with -o DIR");
    if (a->depth_given && !a->ego)
        return cli_usage_error(&run->c, "--depth goes with --ego");
    return 0;
}

/* The body: it opens the dataset itself, since a failed write to stdout has been
 * reported already and is not flushed again. */
static int export_exec(struct cli_run *run)
{
    struct cli *c = &run->c;
    struct export_args *a = run->state;
    int rc;
    struct cli_data d;
    if ((rc = cli_open(c, &d)) != 0)
        return rc;
    if (a->svg) {
        rc = write_svg(c, a, &d);
        cli_close(&d);
        export_library_cleanup();
        int prc = rc ? 0 : print_finish(stdout);
        return rc ? rc : prc;
    }
    uint8_t *sel = xmalloc(d.ds.firms.n + 1);
    memset(sel, 1, d.ds.firms.n + 1);
    rc = select_firms(c, a, &d, sel);
    if (rc == EXIT_OK) {
        struct export_counts n;
        struct export_error err;
        if (export_write(&d.ds, &d.L, sel, a->format, a->output, a->flags, &n, &err) != 0) {
            struct textbuf tb = {0};
            fprintf(stderr, "firmnet export: %s\n", text_sanitize(&tb, err.msg, strlen(err.msg), TEXT_DISPLAY, 0));
            textbuf_free(&tb);
            rc = EXIT_USAGE;
        } else if (a->output) {
            struct textbuf tb = {0};
            fprintf(stderr, "firmnet export: %u firm%s and %u linkage%s written to %s (%s)%s\n", n.firms,
                    n.firms == 1 ? "" : "s", n.links, n.links == 1 ? "" : "s",
                    text_sanitize(&tb, a->output, strlen(a->output), TEXT_DISPLAY, 0), export_format_name(a->format),
                    n.wrote_clu ? " with its industry partition (.clu)" : "");
            textbuf_free(&tb);
        }
    }
    free(sel);
    cli_close(&d);
    export_library_cleanup();
    /* a failed write to stdout has been reported already */
    int prc = rc ? 0 : print_finish(stdout);
    return rc ? rc : prc;
}

int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, OPT_FORCE},
        {"firms", required_argument, NULL, OPT_FIRMS},
        {"ego", required_argument, NULL, OPT_EGO},
        {"depth", required_argument, NULL, 'k'},
        {"industry", required_argument, NULL, OPT_INDUSTRY},
        {"group", required_argument, NULL, OPT_GROUP},
        {NULL, 0, NULL, 0}};
    /* no arguments: the count is export_check's, whose message names the first */
    static const struct cli_entry entry = {
        .name = "export", .usage = usage, .shortopts = "t:o:k:", .longopts = longopts, .in_order = 1,
        .args_min = 0, .args_max = -1, .needs = CLI_NEEDS_NOTHING, .option = export_option,
        .check = export_check, .exec = export_exec};
    struct export_args a = {.depth = 1};
    return cli_exec(&entry, argc, argv, &a);
}
