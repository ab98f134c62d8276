/* firmnet grep: the firms whose id, name or alias (or one chosen field) match a regex. */
#include "cli.h"
#include "commands.h"
#include "lookup.h"
#include "text.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet grep [OPTIONS] REGEX\n"
    "Print the firms (id, name, industry, scale) whose id, name or alias match REGEX\n"
    "(PCRE2, UTF-8; case-insensitive unless REGEX has an upper-case letter). REGEX may\n"
    "also be written FIELD:REGEX. Only firms in the layer (see --as-of) are searched.\n"
    "Exit status: 0 some firm matches, 1 none, 2 usage, regex or dataset error.\n\n"
    "Options:\n"
    "  -f, --field F         match field F instead: a firms.csv column such as\n"
    "                        industry, location or role, or an extra column\n" CLI_COMMON_HELP;

/* The regex and --field. */
struct grep_request {
    const char *field;   /* borrowed from argv; NULL: id, name and alias */
    const char *pattern; /* borrowed from argv */
};

static int grep_option(struct cli_run *run, int opt, const char *arg)
{
    if (opt != 'f')
        return -1;
    ((struct grep_request *)run->state)->field = arg;
    return 0;
}

static int grep_check(struct cli_run *run)
{
    struct grep_request *rq = run->state;
    rq->pattern = run->argv[0];
    if (rq->field && (!*rq->field || strchr(rq->field, ':')))
        return cli_usage_error(&run->c, "--field takes a column name");
    return 0;
}

/* The body: the dataset is open (cli_exec). */
static int grep_exec(struct cli_run *run)
{
    const struct cli *c = &run->c;
    const struct cli_data *d = &run->d;
    const struct grep_request *rq = run->state;
    int rc;
    const struct dataset *ds = &d->ds;
    /* --field F is the FIELD:REGEX form spelt as an option; the filter module owns
     * the field names, so build that form and check that it named a field */
    char *text = NULL;
    if (rq->field) {
        size_t nf = strlen(rq->field), np = strlen(rq->pattern);
        text = xmalloc(nf + np + 2);
        memcpy(text, rq->field, nf);
        text[nf] = ':';
        memcpy(text + nf + 1, rq->pattern, np + 1);
    }
    struct firm_filter f;
    struct match_error err;
    if (filter_compile(&f, ds, text ? text : rq->pattern, MATCH_SMART_CASE, &err) != 0) {
        rc = lookup_regex_error(&run->c, rq->pattern, &err);
        free(text);
        return rc;
    }
    if (rq->field && f.field == FILTER_DEFAULT) {
        struct textbuf tb = {0};
        rc = cli_usage_error(&run->c, "no firm column is called \"%s\"", text_fit(&tb, rq->field, strlen(rq->field), 40, 0, 0));
        textbuf_free(&tb);
        filter_free(&f);
        free(text);
        return rc;
    }
    free(text);
    /* the matched field gets its own column unless it is one already shown */
    const char *fname = f.field == FILTER_DEFAULT ? "id,name,alias"
                        : f.field >= FILTER_EXTRA ? dataset_str(ds, ds->firms.extra.name[f.field - FILTER_EXTRA])
                                                  : dataset_firm_column_name((unsigned)f.field);
    const char *cols[5] = {"id", "name", "industry", "scale", fname};
    uint8_t kinds[5] = {PK_STR, PK_STR, PK_STR, PK_STR, PK_STR};
    unsigned ncols = 4;
    if (f.field != FILTER_DEFAULT && f.field != FC_ID && f.field != FC_NAME && f.field != FC_INDUSTRY &&
        f.field != FC_SCALE) {
        if (f.field == FC_EMPLOYEES || f.field == FC_FOUNDED)
            kinds[4] = PK_INT;
        ncols = 5;
    }
    struct table t;
    table_init(&t, ncols, cols, kinds);
    rc = EXIT_OK;
    for (uint32_t v = 0; v < ds->firms.n && rc == EXIT_OK; v++) {
        if (!d->L.firm_on[v])
            continue;
        enum match_result r = filter_test_firm(&f, ds, v);
        if (r < 0) {
            rc = lookup_too_expensive(&run->c, rq->pattern);
            break;
        }
        if (r != MATCH_YES)
            continue;
        char buf[32];
        table_add(&t, dataset_firm_id(ds, v));
        table_add(&t, dataset_str(ds, ds->firms.name[v]));
        table_add(&t, lookup_industry(ds, v));
        table_add(&t, vocab_scale_name(ds->firms.scale[v]));
        if (ncols == 5)
            table_add(&t, filter_field_text(ds, v, f.field, buf, sizeof buf));
    }
    filter_free(&f);
    if (rc == EXIT_OK) {
        if (c->format == PRINT_JSON) {
            json_t *doc = json_object();
            json_object_set_new(doc, "regex", print_json_string(rq->pattern));
            json_object_set_new(doc, "field", print_json_string(fname));
            json_object_set_new(doc, "count", json_integer((json_int_t)t.nrows));
            json_object_set_new(doc, "firms", table_to_json(&t));
            print_json(doc, stdout);
        } else if (t.nrows || c->format == PRINT_TSV) {
            table_print(&t, c->format, stdout);
        }
        if (!t.nrows) {
            struct textbuf tb = {0};
            fprintf(stderr, "firmnet grep: no firm matches \"%s\"\n", text_fit(&tb, rq->pattern, strlen(rq->pattern), 60, 0, 0));
            textbuf_free(&tb);
            rc = EXIT_FINDING;
        }
    }
    table_free(&t);
    return rc;
}

int cmd_grep(int argc, char **argv)
{
    static const struct option longopts[] = {{"field", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
    static const struct cli_entry entry = {
        .name = "grep", .usage = usage, .shortopts = "f:", .longopts = longopts, .args_min = 1, .args_max = 1,
        .too_few = "give a regex", .too_many = "one regex at a time (quote it)", .needs = CLI_NEEDS_DATASET,
        .option = grep_option, .check = grep_check, .exec = grep_exec};
    struct grep_request rq = {NULL, NULL};
    return cli_exec(&entry, argc, argv, &rq);
}
