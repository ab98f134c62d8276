/* lookup: owns how the subcommands turn a FIRM argument (an exact id, else a regex
 * over id, name and alias) into one firm, and how they report regex errors. */
#ifndef FIRMNET_LOOKUP_H
#define FIRMNET_LOOKUP_H
#include <stdint.h>
#include "cli.h"
#include "filter.h"

/* The common short options without the leading '+', so that these subcommands take
 * options after their arguments too (firmnet path A B --all); "--" ends the
 * options before a regex that starts with '-'. */
#define LOOKUP_SHORTOPTS(own) (CLI_COMMON_OPTCHARS own)

/* Sets *firm and returns EXIT_OK; otherwise explains on stderr (and lists several
 * matches on stdout, id and name, in the chosen format) and returns EXIT_FINDING,
 * or EXIT_USAGE for a bad or too expensive regex. */
int lookup_firm(const struct cli *c, const struct dataset *ds, const char *arg, uint32_t *firm);

/* "firmnet CMD: bad regex "...": MESSAGE at offset N"; returns EXIT_USAGE. */
int lookup_regex_error(const struct cli *c, const char *pattern, const struct match_error *err);
/* For a filter run that hit a match limit; returns EXIT_USAGE. */
int lookup_too_expensive(const struct cli *c, const char *pattern);

/* How linkage e points seen from firm: "->" out, "<-" in, "<->" for a type that
 * has no direction. */
const char *lookup_link_dir(const struct dataset *ds, uint32_t e, uint32_t firm);

/* Text of a year, number or industry cell; "" when not given. buf holds >= 16 bytes. */
const char *lookup_year(int year, char *buf);
const char *lookup_industry(const struct dataset *ds, uint32_t firm);

#endif
