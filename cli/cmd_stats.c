/* firmnet stats: counts by type, form and scale, and whole-network summaries. */
#include "cli.h"
#include "commands.h"
#include "lookup.h"
#include "components.h"
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet stats [OPTIONS]\n"
    "Print the layer's linkages by type, form and scale, firms by scale, and a summary\n"
    "of the simple undirected network (linked pairs, density, connected components,\n"
    "largest component, isolated firms, distinct partners per firm: min, median, mean, max).\n"
    "With --as-of, also how many of the linkages have no since year (kept in every year).\n"
    "Exit status: 0 done, 2 usage or dataset error.\n\n"
    "Options:\n" CLI_COMMON_HELP;

struct stats {
    uint32_t firms, links, pairs, components, largest, isolated;
    double density;
    struct degree_summary deg;
    uint32_t by_type[LT_COUNT], by_form[FORM_COUNT], link_scale[SCALE_COUNT], firm_scale[SCALE_COUNT];
};

static void stats_gather(struct stats *st, const struct cli_data *d)
{
    const struct dataset *ds = &d->ds;
    memset(st, 0, sizeof *st);
    st->firms = d->L.n_firms;
    st->links = d->L.n_links;
    for (uint32_t e = 0; e < ds->links.n; e++) {
        if (!d->L.link_on[e])
            continue;
        st->by_type[ds->links.type[e] % LT_COUNT]++;
        st->by_form[ds->links.form[e] % FORM_COUNT]++;
        st->link_scale[ds->links.scale[e] % SCALE_COUNT]++;
    }
    for (uint32_t v = 0; v < ds->firms.n; v++)
        if (d->L.firm_on[v])
            st->firm_scale[ds->firms.scale[v] % SCALE_COUNT]++;
    struct layer_summary sum; /* read off the graph: the projection is never built */
    components_summarize(&sum, &d->g, &d->L);
    st->pairs = (uint32_t)sum.pairs;
    st->density = sum.density;
    st->components = sum.components;
    st->largest = sum.largest;
    st->isolated = sum.isolated;
    st->deg = sum.deg;
}

static void num(char *buf, size_t n, double x, int precise)
{
    if (precise)
        snprintf(buf, n, "%.17g", x);
    else
        snprintf(buf, n, "%.6g", x); /* significant digits: densities are tiny */
}

/* The body: the dataset is open (cli_exec). */
static int stats_exec(struct cli_run *run)
{
    const struct cli *c = &run->c;
    struct cli_data *d = &run->d;
    struct stats st;
    stats_gather(&st, d);
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);
    int precise = c->format != PRINT_TEXT;
    char density[64], mean[64], median[64], share[64];
    num(density, sizeof density, st.density, precise);
    num(mean, sizeof mean, st.deg.mean, precise);
    num(median, sizeof median, st.deg.median, precise);
    num(share, sizeof share, st.firms ? (double)st.largest / st.firms : 0.0, precise);

    /* one list of (section, key, value) feeds every format */
    static const char *const cols[] = {"section", "key", "value"};
    static const uint8_t kinds[] = {PK_STR, PK_STR, PK_NUM};
    struct table t;
    table_init(&t, 3, cols, kinds);
#define ROW(sec, key, ...) (table_add(&t, sec), table_add(&t, key), table_addf(&t, __VA_ARGS__))
    ROW("summary", "firms", "%u", st.firms);
    ROW("summary", "linkages", "%u", st.links);
    if (c->layer.as_of) /* kept in every year: said, not counted silently */
        ROW("summary", "undated_linkages", "%u", d->L.n_undated);
    ROW("summary", "linked_pairs", "%u", st.pairs);
    ROW("summary", "density", "%s", density);
    ROW("summary", "components", "%u", st.components);
    ROW("summary", "largest_component", "%u", st.largest);
    ROW("summary", "largest_share", "%s", share);
    ROW("summary", "isolated_firms", "%u", st.isolated);
    ROW("degree", "min", "%u", st.deg.min);
    ROW("degree", "median", "%s", median);
    ROW("degree", "mean", "%s", mean);
    ROW("degree", "max", "%u", st.deg.max);
    for (unsigned k = 0; k < LT_COUNT; k++)
        ROW("type", vocab_type_name(k), "%u", st.by_type[k]);
    for (unsigned k = 0; k < FORM_COUNT; k++)
        ROW("form", vocab_form_name(k), "%u", st.by_form[k]);
    for (unsigned k = 0; k < SCALE_COUNT; k++)
        ROW("linkage_scale", vocab_scale_name(k), "%u", st.link_scale[k]);
    for (unsigned k = 0; k < SCALE_COUNT; k++)
        ROW("firm_scale", vocab_scale_name(k), "%u", st.firm_scale[k]);
#undef ROW

    if (c->format == PRINT_TSV) {
        table_print(&t, PRINT_TSV, stdout);
    } else if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", json_string(layer));
        /* regroup the rows as {section: {key: value}}; counts stay integers */
        for (size_t i = 0; i < t.nrows; i++) {
            const char *sec = table_cell(&t, i, 0), *key = table_cell(&t, i, 1), *text = table_cell(&t, i, 2);
            json_t *val = strspn(text, "0123456789") == strlen(text) ? json_integer(strtoll(text, NULL, 10))
                                                                     : json_real(strtod(text, NULL));
            if (!strcmp(sec, "summary")) {
                json_object_set_new(doc, key, val);
            } else {
                json_t *group = json_object_get(doc, sec);
                if (!group) {
                    group = json_object();
                    json_object_set_new(doc, sec, group);
                }
                json_object_set_new(group, key, val);
            }
        }
        print_json(doc, stdout);
    } else {
        /* text: a small table per section, each headed by its name */
        static const uint8_t tkinds[] = {PK_STR, PK_NUM};
        printf("layer: %s\n", layer);
        size_t r = 0;
        while (r < t.nrows) {
            const char *sec = table_cell(&t, r, 0);
            struct table s;
            const char *names[2] = {sec, "value"};
            table_init(&s, 2, names, tkinds);
            for (; r < t.nrows && !strcmp(table_cell(&t, r, 0), sec); r++) {
                table_add(&s, table_cell(&t, r, 1));
                table_add(&s, table_cell(&t, r, 2));
            }
            putchar('\n');
            table_print(&s, PRINT_TEXT, stdout);
            table_free(&s);
        }
    }
    table_free(&t);
    return EXIT_OK;
}

int cmd_stats(int argc, char **argv)
{
    static const struct cli_entry entry = {
        .name = "stats", .usage = usage, .args_min = 0, .args_max = 0,
        .too_many = "stats takes no arguments (the dataset goes after -d)",
        .needs = CLI_NEEDS_DATASET, .exec = stats_exec};
    return cli_exec(&entry, argc, argv, NULL);
}
