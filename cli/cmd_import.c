/* firmnet import: another tool's network file (GraphML, Pajek, edge list) turned
 * into a firmnet dataset directory, with a report of what did not map. */
#include "cli.h"
#include "commands.h"
#include "export.h"
#include "import.h"
#include "text.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: firmnet import --from FORMAT FILE -o DIR [OPTIONS]\n"
    "Turn a network written by another tool into a firmnet dataset (DIR/firms.csv and\n"
    "DIR/linkages.csv). Attributes named like dataset columns (name or label, alias,\n"
    "industry, scale, location, employees, founded, ownership, role; type, form, since,\n"
    "until, weight, note, ref) fill those columns; others become extra columns. What cannot\n"
    "be mapped (no name: the id is used; no industry: \"unknown\"; unknown types: the\n"
    "default type) is reported on standard error.\n"
    "Exit status: 0 written, 2 usage error, unreadable input or write error.\n\n"
    "Formats:\n"
    "  graphml   GraphML: node id -> firm id, keys by attr.name -> columns\n"
    "  pajek     Pajek .net: label -> id and name (numbers when labels repeat), relation\n"
    "            name or line label -> type, line value -> weight; x.clu -> industry\n"
    "  edgelist  CSV or TSV with a header, one linkage a row\n\n"
    "Options:\n"
    "  -f, --from FORMAT     input format (required)\n"
    "  -o, --output DIR      dataset directory to create\n"
    "      --force           write into DIR even when it is not empty\n"
    "      --default-type T  type of edges without a usable one (default supply)\n"
    "      --source-col C    edge list: source column (default source, else from)\n"
    "      --target-col C    edge list: target column (default target, else to)\n"
    "      --type-col C      edge list: type column (default type, kind or relation)\n"
    "      --delimiter C     edge list: ',' ';' or 'tab' (default: guessed from the header)\n"
    "      --encoding ENC    edge list: read it in ENC (e.g. GB18030) instead of UTF-8\n"
    "  -h, --help            show this help\n";

enum { OPT_FORCE = 512, OPT_DEFAULT_TYPE, OPT_SOURCE_COL, OPT_TARGET_COL, OPT_TYPE_COL };

/* 1 when dir exists and holds anything besides . and .. */
static int dir_nonempty(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOTDIR;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)))
        found = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return found;
}

static void print_report(const struct import_report *rep)
{
    struct textbuf tb = {0};
    for (size_t i = 0; i < rep->n; i++) {
        const struct import_note *n = &rep->v[i];
        /* a note about the whole file has no count and no example */
        if (!n->example && n->count == 1) {
            fprintf(stderr, "firmnet import: %s\n", n->what);
            continue;
        }
        fprintf(stderr, "firmnet import: %s: %u", n->what, n->count);
        if (n->example)
            fprintf(stderr, " (first: %s)", text_sanitize(&tb, n->example, strlen(n->example), TEXT_DISPLAY, 0));
        fputc('\n', stderr);
    }
    textbuf_free(&tb);
}

/* What import's options ask for. */
struct import_request {
    struct import_options io;
    enum import_format fmt;
    int have_fmt, force;
    const char *out;
};

static int import_option(struct cli_run *run, int opt, const char *arg)
{
    struct import_request *rq = run->state;
    switch (opt) {
    case 'f':
        if (import_parse_format(arg, &rq->fmt) != 0)
            return cli_usage_error(&run->c, "--from takes graphml, pajek or edgelist, not \"%s\"", arg);
        rq->have_fmt = 1;
        return 0;
    case 'o': rq->out = arg; return 0;
    case OPT_FORCE: rq->force = 1; return 0;
    case OPT_DEFAULT_TYPE:
        if ((rq->io.default_type = vocab_parse_type(arg, strlen(arg))) == VOCAB_NONE)
            return cli_usage_error(&run->c, "--default-type: \"%s\" is not a linkage type", arg);
        return 0;
    case OPT_SOURCE_COL: rq->io.source_col = arg; return 0;
    case OPT_TARGET_COL: rq->io.target_col = arg; return 0;
    case OPT_TYPE_COL: rq->io.type_col = arg; return 0;
    case CLI_OPT_DELIMITER:
    case CLI_OPT_ENCODING:
        return -1; /* the common ones */
    default: /* no other common option (--dataset included) means anything to import */
        return cli_usage_error(&run->c, "option not used by import");
    }
}

/* The options and the one file, in the order the messages had. */
static int import_check(struct cli_run *run)
{
    struct import_request *rq = run->state;
    const struct cli *c = &run->c;
    rq->io.delimiter = c->load.delimiter;
    rq->io.encoding = c->load.encoding;
    if (!rq->have_fmt)
        return cli_usage_error(c, "name the input format with --from");
    if (run->argc != 1)
        return cli_usage_error(c, run->argc == 0 ? "name the file to import" : "one file at a time");
    if (!rq->out || !*rq->out)
        return cli_usage_error(c, "name the dataset directory to create with -o DIR");
    if (rq->fmt != IMPORT_EDGELIST &&
        (rq->io.source_col || rq->io.target_col || rq->io.type_col || rq->io.delimiter || rq->io.encoding))
        return cli_usage_error(c, "--source-col, --target-col, --type-col, --delimiter and --encoding are for edge lists");
    if (!rq->force && dir_nonempty(rq->out)) {
        fprintf(stderr, "firmnet import: %s exists and is not empty (use --force to write into it)\n", rq->out);
        return EXIT_USAGE;
    }
    return 0;
}

/* The body: the file is read into a dataset of its own, then written as one. */
static int import_exec(struct cli_run *run)
{
    const struct import_request *rq = run->state;
    const char *in = run->argv[0], *out = rq->out;
    struct dataset ds;
    struct import_report rep = {0};
    char err[512] = "";
    int rrc = import_read(&ds, rq->fmt, in, &rq->io, &rep, err);
    export_library_cleanup(); /* the reading is over: libxml2 is not needed again */
    if (rrc != 0) {
        print_report(&rep);
        fprintf(stderr, "firmnet import: %s\n", err);
        import_report_free(&rep);
        dataset_free(&ds);
        return EXIT_USAGE;
    }
    print_report(&rep);
    import_report_free(&rep);
    struct layer L;
    struct layer_spec all = {0};
    layer_build(&L, &ds, &all);
    struct export_error xe;
    struct export_counts n;
    int rc = EXIT_OK;
    if (export_write(&ds, &L, NULL, EXPORT_DATASET, out, EXPORT_FORCE, &n, &xe) != 0) {
        fprintf(stderr, "firmnet import: %s\n", xe.msg);
        rc = EXIT_USAGE;
    } else {
        fprintf(stderr, "firmnet import: %u firm%s and %u linkage%s written to %s\n", n.firms, n.firms == 1 ? "" : "s",
                n.links, n.links == 1 ? "" : "s", out);
    }
    layer_free(&L);
    dataset_free(&ds);
    int prc = print_finish(stdout);
    return rc ? rc : prc;
}

int cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"from", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, OPT_FORCE},
        {"default-type", required_argument, NULL, OPT_DEFAULT_TYPE},
        {"source-col", required_argument, NULL, OPT_SOURCE_COL},
        {"target-col", required_argument, NULL, OPT_TARGET_COL},
        {"type-col", required_argument, NULL, OPT_TYPE_COL},
        {NULL, 0, NULL, 0}};
    /* the count is import_check's: "name the input format" comes first */
    static const struct cli_entry entry = {
        .name = "import", .usage = usage, .shortopts = "f:o:", .longopts = longopts, .no_dataset = 1,
        .args_min = 0, .args_max = -1, .needs = CLI_NEEDS_NOTHING, .option = import_option,
        .check = import_check, .exec = import_exec};
    struct import_request rq = {.io = {.default_type = LT_SUPPLY}, .fmt = IMPORT_GRAPHML};
    return cli_exec(&entry, argc, argv, &rq);
}
