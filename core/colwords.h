/* colwords: owns the header words each column of firms.csv and linkages.csv is known
 * by besides its own name: the few English words read as the column everywhere
 * (load and import alike, e.g. From/To), and the wider set, Chinese words included,
 * that is only ever suggested (a missing-column message, firmnet check --suggest-conf). */
#ifndef FIRMNET_COLWORDS_H
#define FIRMNET_COLWORDS_H
#include <stddef.h>

enum colwords_file { COLWORDS_FIRMS, COLWORDS_LINKS };

/* The column (enum firm_column or enum link_column) whose other name s is, read as that
 * column without being asked (case and surrounding blanks ignored), or -1. Only words
 * no dataset uses for anything else are here: "from" is a source, "label" a name. */
int colwords_alias(enum colwords_file file, const char *s, size_t n);

/* The column a header cell probably means, for suggesting only (its own name, an
 * alias, or a word such as 编号 or 年份), or -1. */
int colwords_guess(enum colwords_file file, const char *s, size_t n);

#endif
