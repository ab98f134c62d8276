/* cli: owns what every batch subcommand shares: the common options, finding and
 * opening the dataset, usage errors and the documented exit codes. */
#ifndef FIRMNET_CLI_H
#define FIRMNET_CLI_H
#include <getopt.h>
#include <stdio.h>
#include "dataset.h"
#include "diag.h"
#include "graph.h"
#include "load.h"
#include "print.h"

/* Exit codes, the same for every subcommand (the man page lists them). */
enum {
    EXIT_OK = 0,      /* done; for check: no errors */
    EXIT_FINDING = 1, /* check found errors; lookup found nothing, several, or no path */
    EXIT_USAGE = 2,   /* bad options or regex, or the dataset could not be read */
    EXIT_NOMEM = 3,   /* out of memory */
};

/* Option codes of the common long options, above any short option letter. */
enum {
    CLI_OPT_FORMAT = 256, CLI_OPT_TYPE, CLI_OPT_FORM, CLI_OPT_SCALE, CLI_OPT_AS_OF,
    CLI_OPT_ENCODING, CLI_OPT_DELIMITER, CLI_OPT_HELP, CLI_OPT_NO_CACHE,
};

/* Spread into each subcommand's struct option array. */
#define CLI_COMMON_LONGOPTS \
    {"dataset", required_argument, NULL, 'd'}, \
    {"format", required_argument, NULL, CLI_OPT_FORMAT}, \
    {"type", required_argument, NULL, CLI_OPT_TYPE}, \
    {"form", required_argument, NULL, CLI_OPT_FORM}, \
    {"scale", required_argument, NULL, CLI_OPT_SCALE}, \
    {"as-of", required_argument, NULL, CLI_OPT_AS_OF}, \
    {"encoding", required_argument, NULL, CLI_OPT_ENCODING}, \
    {"delimiter", required_argument, NULL, CLI_OPT_DELIMITER}, \
    {"no-cache", no_argument, NULL, CLI_OPT_NO_CACHE}, \
    {"help", no_argument, NULL, 'h'}
/* The option letters every subcommand accepts, without getopt's leading '+'. */
#define CLI_COMMON_OPTCHARS "d:h"
/* Short options every subcommand accepts; append a subcommand's own. The '+' stops
 * at the first non-option, so a subcommand's arguments are never taken as options. */
#define CLI_COMMON_SHORTOPTS "+" CLI_COMMON_OPTCHARS
/* Lines for a subcommand's --help, after its own. */
#define CLI_COMMON_HELP \
    "  -d, --dataset DIR     dataset directory (default: the bundled Wenzhou dataset)\n" \
    "      --format FMT      text (default), tsv or json\n" \
    "      --type T[,T...]   only linkages of these types\n" \
    "      --form F          only material or non-material linkages\n" \
    "      --scale S[,S...]  only linkages of these scales (local, national, global)\n" \
    "      --as-of YEAR      the network as it stood in YEAR\n" \
    "      --encoding ENC    read the CSV files in ENC (e.g. GB18030) instead of UTF-8\n" \
    "      --delimiter C     field separator: ',' (default), ';' or 'tab'\n" \
    "      --no-cache        parse the CSV files, neither reading nor writing a snapshot\n" \
    "  -h, --help            show this help\n"

struct cli {
    const char *cmd;              /* subcommand name, for messages */
    const char *dataset;          /* borrowed from argv or the default */
    enum print_format format;
    struct layer_spec layer;
    struct load_options load;
};

/* Everything a subcommand reads; owned here, freed by cli_close. */
struct cli_data {
    struct dataset ds;
    struct diag dg;
    struct graph g;
    struct layer L;
};

void cli_init(struct cli *c, const char *cmd);
/* Handles one common option: returns 0 when handled, 1 when opt is not a common
 * option, EXIT_USAGE after printing a usage error. 'h' is left to the caller. */
int cli_take_option(struct cli *c, int opt, const char *arg);
/* For the option a subcommand's own cases did not take: getopt's '?', a common
 * option, or one this command does not use. Returns 0 when handled, else EXIT_USAGE
 * after printing the usage error. */
int cli_take_other_option(struct cli *c, int opt, const char *arg);
/* A count option's argument: digits only, at most max, into *out; -1 when it is
 * not one (the caller says which option and what it takes). */
int cli_parse_count(const char *s, unsigned long max, unsigned long *out);
/* Prints "firmnet CMD: message" and a hint to --help on stderr; returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3))) int cli_usage_error(const struct cli *c, const char *fmt, ...);
/* The dataset to use when none is named: $FIRMNET_DATASET, else the installed
 * bundled dataset, else the one in the source tree (so it works before make install). */
const char *cli_default_dataset(void);
/* Loads the dataset, builds the graph and the layer. On a fatal load problem prints
 * the findings to stderr, frees what it made and returns EXIT_USAGE; otherwise 0 and
 * the caller ends with cli_close. */
int cli_open(struct cli *c, struct cli_data *d);
void cli_close(struct cli_data *d);
/* Ends a subcommand: cli_close, then flush stdout; returns the flush's error status
 * if it failed, else rc. */
int cli_finish(struct cli_data *d, int rc);

/* A subcommand declared as data, in the manner of tmux's cmd_entry: its usage, its
 * own options, how many arguments it takes and whether the dataset is opened
 * before its body runs. cli_exec does the rest every command shares: the common
 * options, --help, the argument count, cli_open and cli_finish. */
enum cli_needs {
    CLI_NEEDS_NOTHING, /* the body opens what it needs itself */
    CLI_NEEDS_DATASET, /* the dataset, its graph and the layer (struct cli_data) */
};
struct cli_run {
    struct cli c;
    struct cli_data d;  /* with CLI_NEEDS_DATASET: open while the body runs */
    int argc;           /* the arguments after the options */
    char **argv;
    void *state;        /* the command's own, from its entry */
};
struct cli_entry {
    const char *name;
    const char *usage;              /* --help's text */
    const char *shortopts;          /* the command's own option letters ("k:"), after the common ones */
    const struct option *longopts;  /* the command's own, NULL-terminated; NULL: none */
    int in_order;                   /* options end at the first argument (else they may follow it) */
    int no_dataset;                 /* reads no dataset: -d is not one of its letters (import) */
    int args_min, args_max;         /* arguments after the options (-1: any number) */
    const char *too_few, *too_many; /* the usage errors when the count is wrong */
    enum cli_needs needs;
    /* Every option before the common ones are tried: 0 when taken, -1 when it is not
     * the command's, else the exit status (after cli_usage_error). NULL: no own options. */
    int (*option)(struct cli_run *r, int opt, const char *arg);
    /* What the options say together, once the count is right and before anything
     * is opened: 0 to go on, else the exit status. NULL: nothing to check. */
    int (*check)(struct cli_run *r);
    /* The body, once the options and arguments are right (and the dataset open);
     * returns the exit status. cli_exec closes the dataset and flushes stdout. */
    int (*exec)(struct cli_run *r);
};
/* Runs entry e on the subcommand's argv (argv[0] its name), with state for its hooks. */
int cli_exec(const struct cli_entry *e, int argc, char **argv, void *state);

#endif
