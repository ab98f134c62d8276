#include "cli.h"
#include "text.h"
#include "xalloc.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_init(struct cli *c, const char *cmd)
{
    memset(c, 0, sizeof *c);
    c->cmd = cmd;
    c->format = PRINT_TEXT;
    c->load.cache = LOAD_CACHE; /* a large dataset loads from its snapshot unless --no-cache */
}

int cli_parse_count(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    *out = strtoul(s, &end, 10);
    return *end || *out > max ? -1 : 0;
}

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
    va_list ap;
    /* getopt has already said which option and what is wrong with it (main sets argv[0]
     * to "firmnet CMD" so its message names the command); add only the hint */
    if (strcmp(fmt, "unknown option") != 0) {
        /* the message quotes arguments, which a script may have taken from data: it is
         * formatted first and printed made safe for the terminal */
        char small[512];
        size_t n;
        va_start(ap, fmt);
        char *msg = xvformat(small, sizeof small, &n, fmt, ap);
        va_end(ap);
        fprintf(stderr, "firmnet%s%s: ", c->cmd ? " " : "", c->cmd ? c->cmd : "");
        print_text(stderr, msg);
        fputc('\n', stderr);
        if (msg != small)
            free(msg);
    }
    fprintf(stderr, "Try 'firmnet%s%s --help'.\n", c->cmd ? " " : "", c->cmd ? c->cmd : "");
    return EXIT_USAGE;
}

static int layer_error(const struct cli *c, const char *what, const char *bad, size_t n, const char *known)
{
    struct textbuf tb = {0};
    int rc = cli_usage_error(c, "unknown %s \"%s\" (known: %s)", what, text_fit(&tb, bad, n, 40, 0, 0), known);
    textbuf_free(&tb);
    return rc;
}

int cli_take_option(struct cli *c, int opt, const char *arg)
{
    const char *bad;
    size_t badlen;
    switch (opt) {
    case 'd':
        c->dataset = arg;
        return 0;
    case CLI_OPT_FORMAT:
        if (print_parse_format(arg, &c->format))
            return cli_usage_error(c, "--format takes text, tsv or json, not \"%s\"", arg);
        return 0;
    case CLI_OPT_TYPE:
        if (layer_parse_types(&c->layer, arg, &bad, &badlen))
            return layer_error(c, "linkage type", bad, badlen,
                               "supply, subcontract, production-sharing, joint-venture, licensing, rnd, "
                               "technology, marketing, social, cultural");
        return 0;
    case CLI_OPT_FORM:
        if (layer_parse_forms(&c->layer, arg, &bad, &badlen))
            return layer_error(c, "form", bad, badlen, "material, non-material");
        return 0;
    case CLI_OPT_SCALE:
        if (layer_parse_scales(&c->layer, arg, &bad, &badlen))
            return layer_error(c, "scale", bad, badlen, "local, national, global");
        return 0;
    case CLI_OPT_AS_OF: {
        char *end;
        long y = strtol(arg, &end, 10);
        if (*arg == '\0' || *end || !year_in_range(y))
            return cli_usage_error(c, "--as-of takes a year between " YEAR_MIN_S " and " YEAR_MAX_S ", not \"%s\"", arg);
        c->layer.as_of = (int16_t)y;
        return 0;
    }
    case CLI_OPT_ENCODING:
        c->load.encoding = arg;
        return 0;
    case CLI_OPT_DELIMITER:
        if (!strcmp(arg, "tab") || !strcmp(arg, "\\t") || !strcmp(arg, "\t"))
            c->load.delimiter = '\t';
        else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' && arg[0] != '\r')
            c->load.delimiter = arg[0];
        else
            return cli_usage_error(c, "--delimiter takes one character such as ';' or the word tab, not \"%s\"", arg);
        return 0;
    case CLI_OPT_NO_CACHE:
        c->load.cache = 0;
        return 0;
    default:
        return 1;
    }
}

int cli_take_other_option(struct cli *c, int opt, const char *arg)
{
    if (opt == '?')
        return cli_usage_error(c, "unknown option");
    int rc = cli_take_option(c, opt, arg);
    if (rc == 1)
        return cli_usage_error(c, "option not used by %s", c->cmd ? c->cmd : "the explorer");
    return rc;
}

static int is_dataset_dir(const char *dir)
{
    struct stat st;
    char path[4096];
    snprintf(path, sizeof path, "%s/firms.csv", dir);
    return stat(path, &st) == 0;
}

const char *cli_default_dataset(void)
{
    const char *env = getenv("FIRMNET_DATASET");
    if (env && *env)
        return env;
    if (is_dataset_dir(FIRMNET_PKGDATADIR "/wenzhou"))
        return FIRMNET_PKGDATADIR "/wenzhou";
    if (is_dataset_dir(FIRMNET_SRCDATADIR "/wenzhou"))
        return FIRMNET_SRCDATADIR "/wenzhou";
    return FIRMNET_PKGDATADIR "/wenzhou";
}

/* A dataset with errors answers with rows missing: said once, before any result, with
 * the command that shows them; a JSON result then carries the same counts ("load"). */
static void note_errors(const struct cli *c, const struct diag *dg)
{
    if (!dg->n_errors)
        return;
    json_t *o = json_object(), *rows = json_object();
    json_object_set_new(o, "errors", json_integer((json_int_t)dg->n_errors));
    json_object_set_new(o, "warnings", json_integer((json_int_t)dg->n_warnings));
    json_object_set_new(rows, "firms", json_integer(dg->rows_skipped[0]));
    json_object_set_new(rows, "linkages", json_integer(dg->rows_skipped[1]));
    json_object_set_new(o, "rows_skipped", rows);
    json_object_set_new(o, "values_ignored", json_integer(dg->values_ignored));
    print_json_attach("load", o);
    uint32_t skipped = dg->rows_skipped[0] + dg->rows_skipped[1];
    fprintf(stderr, "firmnet%s%s: ", c->cmd ? " " : "", c->cmd ? c->cmd : "");
    print_text(stderr, c->dataset);
    fprintf(stderr, " has %zu error%s: %u row%s skipped (%u of firms.csv, %u of linkages.csv), %u value%s ignored; "
                    "`firmnet check ",
            dg->n_errors, dg->n_errors == 1 ? "" : "s", skipped, skipped == 1 ? "" : "s", dg->rows_skipped[0],
            dg->rows_skipped[1], dg->values_ignored, dg->values_ignored == 1 ? "" : "s");
    print_text(stderr, c->dataset);
    fputs("` lists them\n", stderr);
}

int cli_open(struct cli *c, struct cli_data *d)
{
    memset(d, 0, sizeof *d);
    if (!c->dataset)
        c->dataset = cli_default_dataset();
    diag_init(&d->dg);
    if (load_dataset_graph(&d->ds, &d->dg, &d->g, c->dataset, &c->load) != 0) {
        diag_print_findings(&d->dg, &d->ds, stderr, 1);
        fprintf(stderr, "firmnet%s%s: cannot load the dataset ", c->cmd ? " " : "", c->cmd ? c->cmd : "");
        print_text(stderr, c->dataset);
        fputc('\n', stderr);
        cli_close(d); /* nothing is left for the caller to free */
        return EXIT_USAGE;
    }
    note_errors(c, &d->dg);
    layer_build(&d->L, &d->ds, &c->layer);
    return 0;
}

void cli_close(struct cli_data *d)
{
    layer_free(&d->L);
    graph_free(&d->g);
    diag_free(&d->dg);
    dataset_free(&d->ds);
}

int cli_finish(struct cli_data *d, int rc)
{
    cli_close(d);
    int prc = print_finish(stdout);
    return prc ? prc : rc;
}

int cli_exec(const struct cli_entry *e, int argc, char **argv, void *state)
{
    static const struct option common[] = {CLI_COMMON_LONGOPTS};
    enum { NCOMMON = sizeof common / sizeof *common };
    struct option longopts[NCOMMON + 32];
    char shortopts[64];
    unsigned n = 0;
    for (; n < NCOMMON; n++)
        longopts[n] = common[n];
    for (const struct option *o = e->longopts; o && o->name; o++) {
        if (n + 1 >= sizeof longopts / sizeof *longopts)
            abort(); /* an entry outgrew the table: a programming error */
        longopts[n++] = *o;
    }
    memset(&longopts[n], 0, sizeof longopts[n]);
    snprintf(shortopts, sizeof shortopts, "%s%s%s", e->in_order ? "+" : "", e->no_dataset ? "h" : CLI_COMMON_OPTCHARS,
             e->shortopts ? e->shortopts : "");
    struct cli_run r;
    memset(&r, 0, sizeof r);
    r.state = state;
    cli_init(&r.c, e->name);
    int opt, rc;
    while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (opt == 'h') {
            fputs(e->usage, stdout);
            return print_finish(stdout);
        }
        /* the command's hook first: it may refuse a common option (export --format) */
        rc = opt != '?' && e->option ? e->option(&r, opt, optarg) : -1;
        if (rc == -1)
            rc = cli_take_option(&r.c, opt, optarg); /* 0 taken, 1 not a common option */
        if (rc == 1 || rc == -1)
            rc = cli_take_other_option(&r.c, opt, optarg); /* says what is wrong */
        if (rc != 0)
            return rc;
    }
    r.argc = argc - optind;
    r.argv = argv + optind;
    if (r.argc < e->args_min)
        return cli_usage_error(&r.c, "%s", e->too_few);
    if (e->args_max >= 0 && r.argc > e->args_max)
        return cli_usage_error(&r.c, "%s", e->too_many);
    if (e->check && (rc = e->check(&r)) != 0)
        return rc;
    if (e->needs == CLI_NEEDS_NOTHING)
        return e->exec(&r);
    if ((rc = cli_open(&r.c, &r.d)) != 0)
        return rc;
    return cli_finish(&r.d, e->exec(&r));
}
