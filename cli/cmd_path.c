/* firmnet path: a shortest chain of linkages between two firms, or all of them. */
#include "cli.h"
#include "commands.h"
#include "lookup.h"
#include "paths.h"
#include "text.h"
#include <stdlib.h>
#include <string.h>

#define PATH_DEFAULT_MAX 100

static const char usage[] =
    "Usage: firmnet path [OPTIONS] FIRM_A FIRM_B\n"
    "Print a shortest path (fewest linkages, direction ignored) from FIRM_A to FIRM_B\n"
    "in the layer, one hop a line: from, linkage type, direction, to. Each FIRM is an\n"
    "exact id or a regex matching exactly one firm.\n"
    "Exit status: 0 found, 1 no path (or a firm not found), 2 usage, regex or dataset error.\n\n"
    "Options:\n"
    "      --all             every shortest path, in order of firm position in the dataset\n"
    "      --max N           with --all, at most N paths (default 100, 0 = no limit)\n" CLI_COMMON_HELP;

enum { OPT_ALL = 512, OPT_MAX };

static const char *const cols[] = {"path", "hop", "from", "from_name", "type", "dir", "to", "to_name"};
static const uint8_t kinds[] = {PK_INT, PK_INT, PK_STR, PK_STR, PK_STR, PK_STR, PK_STR, PK_STR};

static void hop_rows(struct table *t, const struct dataset *ds, uint32_t pathno, const uint32_t *firm,
                     const uint32_t *link, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        uint32_t u = firm[i], w = firm[i + 1], e = link[i];
        table_addf(t, "%u", pathno);
        table_addf(t, "%u", i + 1);
        table_add(t, dataset_firm_id(ds, u));
        table_add(t, dataset_str(ds, ds->firms.name[u]));
        table_add(t, vocab_type_name(ds->links.type[e]));
        table_add(t, lookup_link_dir(ds, e, u));
        table_add(t, dataset_firm_id(ds, w));
        table_add(t, dataset_str(ds, ds->firms.name[w]));
    }
}

/* What --all and --max asked for. */
struct path_request {
    int all, max_given;
    unsigned long max;
};

static int path_option(struct cli_run *run, int opt, const char *arg)
{
    struct path_request *rq = run->state;
    if (opt == OPT_ALL) {
        rq->all = 1;
        return 0;
    }
    if (opt != OPT_MAX)
        return -1;
    char *end;
    rq->max = strtoul(arg, &end, 10);
    if (!*arg || *end || *arg == '-' || rq->max > UINT32_MAX)
        return cli_usage_error(&run->c, "--max takes a count, not \"%s\"", arg);
    rq->max_given = 1;
    return 0;
}

static int path_check(struct cli_run *run)
{
    const struct path_request *rq = run->state;
    return rq->max_given && !rq->all ? cli_usage_error(&run->c, "--max goes with --all") : 0;
}

/* The body: the dataset is open (cli_exec), run->argv[0] and [1] name the ends. */
static int path_exec(struct cli_run *run)
{
    const struct cli *c = &run->c;
    const struct cli_data *d = &run->d;
    const struct path_request *rq = run->state;
    int rc = EXIT_OK;
    const struct dataset *ds = &d->ds;
    uint32_t a, b;
    if ((rc = lookup_firm(&run->c, ds, run->argv[0], &a)) != EXIT_OK ||
        (rc = lookup_firm(&run->c, ds, run->argv[1], &b)) != EXIT_OK)
        return rc;
    struct bfs_work w;
    paths_work_init(&w, ds->firms.n);
    struct path_set ps;
    memset(&ps, 0, sizeof ps);
    int found;
    if (rq->all) {
        found = paths_all_shortest(&ps, &w, &d->g, &d->L, a, b, (uint32_t)rq->max) == 0;
    } else {
        struct path p;
        found = paths_shortest(&p, &w, &d->g, &d->L, a, b) == 0;
        /* one path is a set of one: the printing below serves both */
        ps.count = found ? 1u : 0u;
        ps.len = p.len;
        ps.firm = p.firm;
        ps.link = p.link;
    }
    paths_work_free(&w);
    const char *ida = dataset_firm_id(ds, a), *idb = dataset_firm_id(ds, b);
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);
    if (!found) {
        struct textbuf tb1 = {0}, tb2 = {0};
        fprintf(stderr, "firmnet path: no path between %s and %s in the layer (%s)\n",
                text_sanitize(&tb1, ida, strlen(ida), TEXT_DISPLAY, 0),
                text_sanitize(&tb2, idb, strlen(idb), TEXT_DISPLAY, 0), layer);
        textbuf_free(&tb1);
        textbuf_free(&tb2);
        rc = EXIT_FINDING;
    }
    struct table t;
    table_init(&t, 8, cols, kinds);
    for (uint32_t k = 0; k < ps.count; k++)
        hop_rows(&t, ds, k + 1, ps.firm + (size_t)k * (ps.len + 1), ps.link + (size_t)k * ps.len, ps.len);
    if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "from", print_json_string(ida));
        json_object_set_new(doc, "to", print_json_string(idb));
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "found", json_boolean(found));
        json_object_set_new(doc, "length", found ? json_integer(ps.len) : json_null());
        json_object_set_new(doc, "count", json_integer(ps.count));
        json_object_set_new(doc, "truncated", json_boolean(ps.truncated));
        json_object_set_new(doc, "hops", table_to_json(&t));
        print_json(doc, stdout);
    } else if (c->format == PRINT_TSV) {
        if (found)
            table_print(&t, PRINT_TSV, stdout);
    } else if (found) {
        struct textbuf tb1 = {0}, tb2 = {0};
        if (rq->all)
            printf("%u shortest path%s of %u linkage%s from %s to %s%s\n", ps.count, ps.count == 1 ? "" : "s",
                   ps.len, ps.len == 1 ? "" : "s", text_sanitize(&tb1, ida, strlen(ida), TEXT_DISPLAY, 0),
                   text_sanitize(&tb2, idb, strlen(idb), TEXT_DISPLAY, 0),
                   ps.truncated ? " (more exist: raise --max)" : "");
        else
            printf("shortest path of %u linkage%s from %s to %s\n", ps.len, ps.len == 1 ? "" : "s",
                   text_sanitize(&tb1, ida, strlen(ida), TEXT_DISPLAY, 0),
                   text_sanitize(&tb2, idb, strlen(idb), TEXT_DISPLAY, 0));
        textbuf_free(&tb1);
        textbuf_free(&tb2);
        if (ps.len)
            table_print(&t, PRINT_TEXT, stdout);
    }
    table_free(&t);
    path_set_free(&ps);
    return rc;
}

int cmd_path(int argc, char **argv)
{
    static const struct option longopts[] = {{"all", no_argument, NULL, OPT_ALL},
                                             {"max", required_argument, NULL, OPT_MAX}, {NULL, 0, NULL, 0}};
    static const struct cli_entry entry = {
        .name = "path", .usage = usage, .longopts = longopts, .args_min = 2, .args_max = 2,
        .too_few = "name two firms", .too_many = "name two firms", .needs = CLI_NEEDS_DATASET,
        .option = path_option, .check = path_check, .exec = path_exec};
    struct path_request rq = {0, 0, PATH_DEFAULT_MAX};
    return cli_exec(&entry, argc, argv, &rq);
}
