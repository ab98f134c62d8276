/* firmnet show: one firm's attributes and its linkages in the layer, by type. */
#include "cli.h"
#include "commands.h"
#include "lookup.h"
#include "simple.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet show [OPTIONS] FIRM\n"
    "Print a firm's attributes (extra columns too) and its linkages in the layer,\n"
    "grouped by type: direction (-> out, <- in, <-> mutual), partner id, name,\n"
    "industry, scale, form, since, weight, ref and note. FIRM is an exact id, or else a regex over id,\n"
    "name and alias (or FIELD:REGEX) that must match exactly one firm.\n"
    "Exit status: 0 shown, 1 no such firm or several match, 2 usage, regex or dataset error.\n\n"
    "Options:\n" CLI_COMMON_HELP;

/* the note last: it is the researcher's evidence, free text of any length */
static const char *const link_cols[] = {"type", "dir",   "partner", "name", "industry", "scale",
                                        "form", "since", "weight",  "ref",  "note"};
static const uint8_t link_kinds[] = {PK_STR, PK_STR, PK_STR, PK_STR, PK_STR, PK_STR,
                                     PK_STR, PK_INT, PK_NUM, PK_STR, PK_STR};
#define N_LINK_COLS (sizeof link_cols / sizeof *link_cols)
static const char *const attr_cols[] = {"field", "value"};
static const uint8_t attr_kinds[] = {PK_STR, PK_STR};

/* Grouping by type keeps file order inside a group: sort (type, linkage) keys. */
static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static void attr_rows(struct table *t, const struct dataset *ds, uint32_t v)
{
    const struct firm_table *f = &ds->firms;
    char buf[DATASET_NUM_BUF];
    for (unsigned col = 0; col < FC_COUNT; col++) {
        table_add(t, dataset_firm_column_name(col));
        table_add(t, dataset_firm_text(ds, v, col, buf));
    }
    for (uint32_t k = 0; k < f->extra.n; k++) {
        table_add(t, dataset_str(ds, f->extra.name[k]));
        table_add(t, dataset_str(ds, f->extra.value[(size_t)v * f->extra.n + k]));
    }
}

static void link_rows(struct table *t, const struct dataset *ds, uint32_t v, const uint32_t *links, uint32_t n)
{
    char buf[16];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t e = links[i];
        uint32_t o = ds->links.source[e] == v ? ds->links.target[e] : ds->links.source[e];
        table_add(t, vocab_type_name(ds->links.type[e]));
        table_add(t, lookup_link_dir(ds, e, v));
        table_add(t, dataset_firm_id(ds, o));
        table_add(t, dataset_str(ds, ds->firms.name[o]));
        table_add(t, lookup_industry(ds, o));
        table_add(t, vocab_scale_name(ds->firms.scale[o]));
        table_add(t, vocab_form_name(ds->links.form[e]));
        table_add(t, lookup_year(ds->links.since[e], buf));
        table_addf(t, "%.15g", dataset_link_weight(ds, e));
        table_add(t, dataset_str(ds, ds->links.ref[e]));
        table_add(t, dataset_str(ds, ds->links.note[e]));
    }
}

static json_t *counts_json(const struct firm_link_counts *k)
{
    json_t *o = json_object(), *bt = json_object(), *bs = json_object();
    json_object_set_new(o, "linkages", json_integer(k->total));
    json_object_set_new(o, "out", json_integer(k->out));
    json_object_set_new(o, "in", json_integer(k->in));
    json_object_set_new(o, "mutual", json_integer(k->mutual));
    json_object_set_new(o, "partners", json_integer(k->partners));
    for (unsigned t = 0; t < LT_COUNT; t++)
        if (k->by_type[t])
            json_object_set_new(bt, vocab_type_name(t), json_integer(k->by_type[t]));
    for (unsigned s = 0; s < SCALE_COUNT; s++)
        json_object_set_new(bs, vocab_scale_name(s), json_integer(k->by_partner_scale[s]));
    json_object_set_new(o, "by_type", bt);
    json_object_set_new(o, "by_partner_scale", bs);
    return o;
}

/* The body: the dataset is open (cli_exec), run->argv[0] names the firm. */
static int show_exec(struct cli_run *run)
{
    const struct cli *c = &run->c;
    const struct cli_data *d = &run->d;
    int rc;
    const struct dataset *ds = &d->ds;
    uint32_t v;
    if ((rc = lookup_firm(&run->c, ds, run->argv[0], &v)) != EXIT_OK)
        return rc;
    /* the layer's linkages of v, each once (a self-link is in both lists) */
    const struct graph *g = &d->g;
    uint32_t deg = (g->out_start[v + 1] - g->out_start[v]) + (g->in_start[v + 1] - g->in_start[v]);
    uint64_t *key = xmalloc(((size_t)deg + 1) * sizeof *key);
    uint32_t *links = xmalloc(((size_t)deg + 1) * sizeof *links), n = 0;
    for (uint32_t i = g->out_start[v]; i < g->out_start[v + 1]; i++)
        if (d->L.link_on[g->out_link[i]])
            key[n++] = (uint64_t)ds->links.type[g->out_link[i]] << 32 | g->out_link[i];
    for (uint32_t i = g->in_start[v]; i < g->in_start[v + 1]; i++)
        if (d->L.link_on[g->in_link[i]] && g->in_nbr[i] != v)
            key[n++] = (uint64_t)ds->links.type[g->in_link[i]] << 32 | g->in_link[i];
    qsort(key, n, sizeof *key, cmp_u64);
    for (uint32_t i = 0; i < n; i++)
        links[i] = (uint32_t)key[i];
    free(key);
    uint8_t *scratch = xcalloc(ds->firms.n ? ds->firms.n : 1, 1);
    struct firm_link_counts k;
    simple_count_links(&k, ds, g, &d->L, v, scratch);
    free(scratch);
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);

    struct table attrs, lt;
    table_init(&attrs, 2, attr_cols, attr_kinds);
    table_init(&lt, N_LINK_COLS, link_cols, link_kinds);
    attr_rows(&attrs, ds, v);
    link_rows(&lt, ds, v, links, n);
    if (c->format == PRINT_JSON) {
        json_t *doc = json_object(), *firm = json_object();
        for (size_t r = 0; r < attrs.nrows; r++) {
            const char *val = table_cell(&attrs, r, 1);
            /* the two numeric columns are typed; null when not given */
            json_t *j = r == FC_EMPLOYEES || r == FC_FOUNDED
                            ? (*val ? json_integer(strtoll(val, NULL, 10)) : json_null())
                            : print_json_string(val);
            json_object_set_new(firm, table_cell(&attrs, r, 0), j);
        }
        json_object_set_new(doc, "firm", firm);
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "in_layer", json_boolean(d->L.firm_on[v]));
        json_object_set_new(doc, "counts", counts_json(&k));
        json_object_set_new(doc, "linkages", table_to_json(&lt));
        print_json(doc, stdout);
    } else if (c->format == PRINT_TSV) {
        /* two tables, attributes then linkages, separated by one empty line */
        table_print(&attrs, PRINT_TSV, stdout);
        putchar('\n');
        table_print(&lt, PRINT_TSV, stdout);
    } else {
        table_print(&attrs, PRINT_TEXT, stdout);
        printf("\nlinkages: %u (out %u, in %u, mutual %u) with %u firm%s; layer: %s%s\n", k.total, k.out, k.in,
               k.mutual, k.partners, k.partners == 1 ? "" : "s", layer,
               d->L.firm_on[v] ? "" : " (the firm is not in this layer)");
        if (n) {
            putchar('\n');
            table_print(&lt, PRINT_TEXT, stdout);
        }
    }
    table_free(&attrs);
    table_free(&lt);
    free(links);
    return EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
    static const struct cli_entry entry = {
        .name = "show", .usage = usage, .args_min = 1, .args_max = 1,
        .too_few = "name a firm (an id or a regex)", .too_many = "one firm at a time",
        .needs = CLI_NEEDS_DATASET, .exec = show_exec};
    return cli_exec(&entry, argc, argv, NULL);
}
