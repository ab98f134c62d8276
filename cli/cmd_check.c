/* firmnet check: every finding about a dataset, one a line, and a summary. */
#include "cli.h"
#include "commands.h"
#include "confguess.h"
#include "text.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet check [OPTIONS] [DATASET]\n"
    "Check a dataset (a directory holding firms.csv and linkages.csv) and print one\n"
    "finding a line, FILE:LINE: error|warning: message [code], then a summary.\n"
    "Options may come before or after DATASET. Exit status: 0 no errors (warnings\n"
    "allowed), 1 errors found, 2 could not run or could not load the dataset.\n\n"
    "Options:\n"
    "  -d, --dataset DIR     dataset directory (default: the bundled Wenzhou dataset)\n"
    "      --format FMT      text (default) or json\n"
    "      --encoding ENC    read the CSV files in ENC (e.g. GB18030) instead of UTF-8\n"
    "      --delimiter C     field separator: ',' (default), ';' or 'tab'\n"
    "      --no-cache        parse the CSV files, neither reading nor writing a snapshot\n"
    "  -q, --quiet           print only the summary line\n"
    "      --limit N         list at most N findings of each code in each file (default\n"
    "                        1000), then one line saying how many more and on which lines\n"
    "      --all             list every finding\n"
    "      --suggest-conf    print a firmnet.conf for the dataset, guessed from its files\n"
    "                        (encoding, delimiter, columns, type words), to read and save\n"
    "  -h, --help            show this help\n";

/* Per code: how many findings were made and how many are listed, and per file the
 * lines of those not listed, so a script sees the whole count past the limit. */
static json_t *totals_json(const struct diag *dg)
{
    json_t *tot = json_object();
    for (unsigned code = 0; code < DC_COUNT; code++) {
        uint64_t n = diag_count(dg, code);
        if (!n)
            continue;
        json_t *o = json_object(), *more = json_array();
        uint64_t listed = 0;
        for (unsigned file = 0; file < DIAG_FILES; file++) {
            const struct diag_tally *t = diag_tally_of(dg, file, code);
            listed += t->kept;
            if (t->count > t->kept) {
                json_t *m = json_object();
                json_object_set_new(m, "file", print_json_string(dg->path[file] ? dg->path[file] : "?"));
                json_object_set_new(m, "count", json_integer(t->count - t->kept));
                json_object_set_new(m, "first_line", t->first ? json_integer(t->first) : json_null());
                json_object_set_new(m, "last_line", t->last ? json_integer(t->last) : json_null());
                json_array_append_new(more, m);
            }
        }
        json_object_set_new(o, "severity", json_string(diag_severity_name(diag_code_severity(code))));
        json_object_set_new(o, "count", json_integer((json_int_t)n));
        json_object_set_new(o, "listed", json_integer((json_int_t)listed));
        json_object_set_new(o, "not_listed", more);
        json_object_set_new(tot, diag_code_name(code), o);
    }
    return tot;
}

static json_t *findings_json(const struct dataset *ds, const struct diag *dg, const char *dir, int loaded)
{
    struct textbuf tb = {0};
    json_t *doc = json_object();
    json_object_set_new(doc, "dataset", print_json_string(dir));
    json_object_set_new(doc, "loaded", json_boolean(loaded));
    json_object_set_new(doc, "firms", json_integer(ds->firms.n));
    json_object_set_new(doc, "linkages", json_integer(ds->links.n));
    json_object_set_new(doc, "errors", json_integer((json_int_t)dg->n_errors));
    json_object_set_new(doc, "warnings", json_integer((json_int_t)dg->n_warnings));
    json_t *rows = json_object();
    json_object_set_new(rows, "firms", json_integer(dg->rows_skipped[0]));
    json_object_set_new(rows, "linkages", json_integer(dg->rows_skipped[1]));
    json_object_set_new(doc, "rows_skipped", rows);
    json_object_set_new(doc, "values_ignored", json_integer(dg->values_ignored));
    json_t *arr = json_array();
    for (size_t i = 0; i < dg->n; i++) {
        const struct finding *f = &dg->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "file", print_json_string(dg->path[f->file]));
        json_object_set_new(o, "line", f->line ? json_integer(f->line) : json_null());
        json_object_set_new(o, "severity", json_string(diag_severity_name(f->severity)));
        json_object_set_new(o, "code", json_string(diag_code_name(f->code)));
        json_object_set_new(o, "message", print_json_string(diag_message(dg, ds, f, &tb)));
        json_object_set_new(o, "firm", f->firm != FIRM_NONE && f->firm < ds->firms.n
                                           ? print_json_string(dataset_firm_id(ds, f->firm))
                                           : json_null());
        json_array_append_new(arr, o);
    }
    json_object_set_new(doc, "findings", arr);
    json_object_set_new(doc, "totals", totals_json(dg));
    textbuf_free(&tb);
    return doc;
}

/* --suggest-conf: a firmnet.conf to start from, on stdout, for the user to read and
 * save; firmnet never writes into the dataset itself. */
static int suggest_conf(const struct cli *c)
{
    char why[512];
    char *text = confguess_dataset(c->dataset, c->load.encoding, c->load.delimiter, why, sizeof why);
    if (!text) {
        fputs("firmnet check: ", stderr);
        print_text(stderr, why);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    /* header words come from the file: printed as text made safe, never raw */
    for (char *line = text, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            nl = line + strlen(line) - 1;
        else
            *nl = '\0';
        print_text(stdout, line);
        putchar('\n');
    }
    free(text);
    return print_finish(stdout);
}

/* What check's own options ask for. */
struct check_request {
    int quiet, suggest;
    uint32_t keep;
};

enum { OPT_LIMIT = 512, OPT_ALL, OPT_SUGGEST_CONF };

static int check_option(struct cli_run *run, int opt, const char *arg)
{
    struct check_request *rq = run->state;
    switch (opt) {
    case 'q':
        rq->quiet = 1;
        return 0;
    case OPT_SUGGEST_CONF:
        rq->suggest = 1;
        return 0;
    case OPT_ALL:
        rq->keep = 0;
        return 0;
    case OPT_LIMIT: {
        char *end;
        errno = 0;
        unsigned long v = strtoul(arg, &end, 10);
        if (!*arg || *end || errno || v < 1 || v > UINT32_MAX || arg[0] == '-')
            return cli_usage_error(&run->c, "--limit takes a whole number of at least 1, not \"%s\" (--all lists every finding)",
                                   arg);
        rq->keep = (uint32_t)v;
        return 0;
    }
    default:
        return -1;
    }
}

/* The format, then the one optional argument, in the order the messages had. */
static int check_check(struct cli_run *run)
{
    struct cli *c = &run->c;
    if (c->format == PRINT_TSV)
        return cli_usage_error(c, "check prints text or json, not tsv");
    if (run->argc > 0)
        c->dataset = run->argv[0];
    if (run->argc > 1)
        return cli_usage_error(c, "one dataset at a time (extra argument \"%s\")", run->argv[1]);
    if (!c->dataset)
        c->dataset = cli_default_dataset();
    return 0;
}

/* The body: check loads the dataset itself, since one that fails to load is its
 * report, not an error before it. */
static int check_exec(struct cli_run *run)
{
    const struct cli *c = &run->c;
    const struct check_request *rq = run->state;
    if (rq->suggest)
        return suggest_conf(c);
    struct dataset ds;
    struct diag dg;
    diag_init(&dg);
    diag_set_keep(&dg, rq->keep);
    int loaded = load_dataset(&ds, &dg, c->dataset, &c->load) == 0;
    int unreadable = diag_count(&dg, DC_UNREADABLE) != 0;
    if (c->format == PRINT_JSON) {
        print_json(findings_json(&ds, &dg, c->dataset, loaded), stdout);
    } else {
        if (!rq->quiet)
            diag_print_findings(&dg, &ds, stdout, 0);
        printf("%s: %zu error%s", loaded ? "checked" : "could not load", dg.n_errors, dg.n_errors == 1 ? "" : "s");
        uint32_t skipped = dg.rows_skipped[0] + dg.rows_skipped[1];
        if (loaded && dg.n_errors)
            printf(" (%u row%s skipped, %u value%s ignored)", skipped, skipped == 1 ? "" : "s", dg.values_ignored,
                   dg.values_ignored == 1 ? "" : "s");
        printf(", %zu warning%s", dg.n_warnings, dg.n_warnings == 1 ? "" : "s");
        if (loaded)
            printf(" in %u firms and %u linkages", ds.firms.n, ds.links.n);
        putchar('\n');
    }
    /* a dataset that could not be loaded is exit 2 as in every command (cli.h) */
    int rc = unreadable || !loaded ? EXIT_USAGE : dg.n_errors ? EXIT_FINDING : EXIT_OK;
    dataset_free(&ds);
    diag_free(&dg);
    int prc = print_finish(stdout);
    return prc ? prc : rc;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"quiet", no_argument, NULL, 'q'},
                                             {"limit", required_argument, NULL, OPT_LIMIT},
                                             {"all", no_argument, NULL, OPT_ALL},
                                             {"suggest-conf", no_argument, NULL, OPT_SUGGEST_CONF},
                                             {NULL, 0, NULL, 0}};
    /* options after the dataset too (firmnet check DIR --encoding X), since check
     * takes nothing that could look like an option; the count is check_check's, whose
     * message names the extra argument */
    static const struct cli_entry entry = {
        .name = "check", .usage = usage, .shortopts = "q", .longopts = longopts, .args_min = 0, .args_max = -1,
        .needs = CLI_NEEDS_NOTHING, .option = check_option, .check = check_check, .exec = check_exec};
    struct check_request rq = {0, 0, DIAG_KEEP_DEFAULT};
    return cli_exec(&entry, argc, argv, &rq);
}
