/* firmnet ego: the firms within K linkages of one firm, with their distance. */
#include "cli.h"
#include "commands.h"
#include "lookup.h"
#include "paths.h"
#include "text.h"
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet ego [OPTIONS] FIRM\n"
    "Print the firms within K linkages of FIRM in the layer (direction ignored), nearest\n"
    "first, with their distance; FIRM itself is listed at distance 0. FIRM is an exact\n"
    "id or a regex matching exactly one firm.\n"
    "Exit status: 0 done, 1 firm not found or several match, 2 usage, regex or dataset error.\n\n"
    "Options:\n"
    "  -k, --depth K         radius in linkages (default 1)\n" CLI_COMMON_HELP;

static const char *const cols[] = {"distance", "id", "name", "industry", "scale"};
static const uint8_t kinds[] = {PK_INT, PK_STR, PK_STR, PK_STR, PK_STR};
static const char *const link_cols[] = {"source", "target", "type", "since"};
static const uint8_t link_kinds[] = {PK_STR, PK_STR, PK_STR, PK_INT};

/* --depth into the state (an unsigned long, 1 unless given). */
static int ego_option(struct cli_run *run, int opt, const char *arg)
{
    if (opt != 'k')
        return -1;
    char *end;
    unsigned long *depth = run->state;
    *depth = strtoul(arg, &end, 10);
    if (!*arg || *end || *arg == '-' || *depth > 1000000)
        return cli_usage_error(&run->c, "--depth takes a number of linkages, not \"%s\"", arg);
    return 0;
}

/* The body: the dataset is open (cli_exec), run->argv[0] names the centre. */
static int ego_exec(struct cli_run *run)
{
    const struct cli *c = &run->c;
    const struct cli_data *d = &run->d;
    const unsigned long *depth = run->state;
    int rc;
    const struct dataset *ds = &d->ds;
    uint32_t v;
    if ((rc = lookup_firm(&run->c, ds, run->argv[0], &v)) != EXIT_OK)
        return rc;
    struct bfs_work w;
    paths_work_init(&w, ds->firms.n);
    struct ego e;
    paths_ego(&e, &w, &d->g, &d->L, v, (uint32_t)*depth);
    paths_work_free(&w);
    char layer[256], buf[16];
    layer_describe(&c->layer, layer, sizeof layer);
    struct table t, lt;
    table_init(&t, 5, cols, kinds);
    for (uint32_t i = 0; i < e.n_firms; i++) {
        uint32_t f = e.firm[i];
        table_addf(&t, "%u", e.dist[i]);
        table_add(&t, dataset_firm_id(ds, f));
        table_add(&t, dataset_str(ds, ds->firms.name[f]));
        table_add(&t, lookup_industry(ds, f));
        table_add(&t, vocab_scale_name(ds->firms.scale[f]));
    }
    const char *id = dataset_firm_id(ds, v);
    if (c->format == PRINT_JSON) {
        table_init(&lt, 4, link_cols, link_kinds);
        for (uint32_t i = 0; i < e.n_links; i++) {
            uint32_t k = e.link[i];
            table_add(&lt, dataset_firm_id(ds, ds->links.source[k]));
            table_add(&lt, dataset_firm_id(ds, ds->links.target[k]));
            table_add(&lt, vocab_type_name(ds->links.type[k]));
            table_add(&lt, lookup_year(ds->links.since[k], buf));
        }
        json_t *doc = json_object();
        json_object_set_new(doc, "center", print_json_string(id));
        json_object_set_new(doc, "depth", json_integer((json_int_t)*depth));
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "firms", table_to_json(&t));
        json_object_set_new(doc, "linkages", table_to_json(&lt));
        print_json(doc, stdout);
        table_free(&lt);
    } else if (c->format == PRINT_TSV) {
        table_print(&t, PRINT_TSV, stdout);
    } else {
        struct textbuf tb = {0};
        if (!e.n_firms)
            printf("%s is not in the layer (%s)\n", text_sanitize(&tb, id, strlen(id), TEXT_DISPLAY, 0), layer);
        else
            printf("%u firm%s within %lu linkage%s of %s (%u linkage%s among them; layer: %s)\n", e.n_firms - 1,
                   e.n_firms == 2 ? "" : "s", *depth, *depth == 1 ? "" : "s",
                   text_sanitize(&tb, id, strlen(id), TEXT_DISPLAY, 0), e.n_links, e.n_links == 1 ? "" : "s", layer);
        textbuf_free(&tb);
        if (e.n_firms)
            table_print(&t, PRINT_TEXT, stdout);
    }
    table_free(&t);
    ego_free(&e);
    return EXIT_OK;
}

int cmd_ego(int argc, char **argv)
{
    static const struct option longopts[] = {{"depth", required_argument, NULL, 'k'}, {NULL, 0, NULL, 0}};
    static const struct cli_entry entry = {
        .name = "ego", .usage = usage, .shortopts = "k:", .longopts = longopts, .args_min = 1, .args_max = 1,
        .too_few = "name a firm (an id or a regex)", .too_many = "one firm at a time",
        .needs = CLI_NEEDS_DATASET, .option = ego_option, .exec = ego_exec};
    unsigned long depth = 1;
    return cli_exec(&entry, argc, argv, &depth);
}
