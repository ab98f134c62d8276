/* firmnet: options, subcommand dispatch, and the explorer when no subcommand is named. */
#include "cli.h"
#include "commands.h"
#include "term.h"
#include "tui.h"
#include "vocab.h"
#include "xalloc.h"
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct command commands[] = {
#define X(name, fn, summary) {#name, fn, summary},
#include "commands.def"
#undef X
};
const unsigned n_commands = sizeof commands / sizeof *commands;

static void print_usage(FILE *out)
{
    fputs("Usage: firmnet [OPTIONS] [DATASET]        explore a dataset in the terminal\n"
          "       firmnet COMMAND [OPTIONS] [ARGS]   batch lookups and checks\n\n"
          "A dataset is a directory holding firms.csv and linkages.csv; without one,\n"
          "firmnet opens the bundled illustrative Wenzhou dataset.\n\n"
          "Commands:\n", out);
    for (unsigned i = 0; i < n_commands; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\nOptions of the explorer:\n" CLI_COMMON_HELP
          "      --ascii           draw in ASCII only (the Ego map's lines, frames, arrows),\n"
          "                        as without a UTF-8 locale\n"
          "  -V, --version         print the version\n\n"
          "'firmnet COMMAND --help' describes a command; man firmnet has the rest.\n", out);
}

int main(int argc, char **argv)
{
    xalloc_tune();
    setlocale(LC_ALL, "");
    int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    if (argc > 1 && argv[1][0] != '-') {
        for (unsigned i = 0; i < n_commands; i++)
            if (!strcmp(argv[1], commands[i].name)) {
                /* batch output is UTF-8 whatever the locale; widths need a UTF-8 wcwidth */
                if (!utf8)
                    setlocale(LC_CTYPE, "C.UTF-8");
                char prog[64];
                snprintf(prog, sizeof prog, "firmnet %s", commands[i].name);
                argv[1] = prog; /* getopt's messages then name the command */
                /* `firmnet check | head -1`: when the reader goes away, end at once and
                 * quietly as a Unix filter does, even when started with SIGPIPE ignored
                 * (some shells, daemons and SSH set-ups do), rather than compute on and
                 * then report a broken pipe */
                signal(SIGPIPE, SIG_DFL);
                return commands[i].run(argc - 1, argv + 1);
            }
    }
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {"version", no_argument, NULL, 'V'},
                                              {"ascii", no_argument, NULL, 'A'}, {NULL, 0, NULL, 0}};
    struct cli c;
    int opt, rc;
    cli_init(&c, NULL);
    argv[0] = (char *)"firmnet";
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "V", longopts, NULL)) != -1) {
        if (opt == 'h') {
            print_usage(stdout);
            return print_finish(stdout);
        }
        if (opt == 'A') {
            term_force_ascii = 1;
            continue;
        }
        if (opt == 'V') {
            puts(PACKAGE_STRING);
            return print_finish(stdout);
        }
        if ((rc = cli_take_other_option(&c, opt, optarg)) != 0)
            return rc;
    }
    if (optind < argc)
        c.dataset = argv[optind++];
    if (optind < argc) {
        for (unsigned i = 0; i < n_commands; i++)
            if (!strcmp(argv[optind - 1], commands[i].name))
                return cli_usage_error(&c, "put options after the command: firmnet %s [OPTIONS]", commands[i].name);
        return cli_usage_error(&c, "unknown command or extra argument \"%s\"", argv[optind]);
    }
    if (c.dataset && !strchr(c.dataset, '/') && access(c.dataset, F_OK) != 0) {
        /* a bare word that is no file is far more often a mistyped command */
        const char *best = NULL;
        unsigned bestd = 3;
        for (unsigned i = 0; i < n_commands; i++) {
            unsigned d = vocab_edit_distance(c.dataset, strlen(c.dataset), commands[i].name,
                                             strlen(commands[i].name), bestd - 1);
            if (d < bestd) {
                bestd = d;
                best = commands[i].name;
            }
        }
        if (best)
            return cli_usage_error(&c, "unknown command \"%s\"; did you mean \"%s\"?", c.dataset, best);
        return cli_usage_error(&c, "no dataset directory or command named \"%s\"", c.dataset);
    }
    if (!c.dataset)
        c.dataset = cli_default_dataset();
    return tui_main(c.dataset, &c.load, &c.layer);
}
