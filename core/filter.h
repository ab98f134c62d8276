/* filter: owns field-scoped firm filters such as "industry:eye|optic"; without a
 * field a filter searches id, name and alias. */
#ifndef FIRMNET_FILTER_H
#define FIRMNET_FILTER_H
#include <stdint.h>
#include "dataset.h"
#include "match.h"

/* Field codes: 0..FC_COUNT-1 are the fixed firm columns, FILTER_EXTRA+k the k-th
 * extra column, FILTER_DEFAULT means id, name and alias. */
#define FILTER_DEFAULT (-1)
#define FILTER_EXTRA 1000

struct firm_filter {
    int field;
    struct matcher *m; /* owned */
};

/* Parses "field:pattern" when the text before the first ':' names a firm column
 * (case-insensitive) and otherwise treats all of text as the pattern.
 * Returns 0, or -1 with err filled. */
int filter_compile(struct firm_filter *f, const struct dataset *ds, const char *text,
                   unsigned match_flags, struct match_error *err);
void filter_free(struct firm_filter *f);
/* The field code a column name (name[0..n), ASCII case folded: a locale's fold must
 * not change which column is meant) stands for, or FILTER_DEFAULT when it names none. */
int filter_find_field(const struct dataset *ds, const char *name, size_t n);
/* MATCH_YES, MATCH_NO or a negative match_result. */
enum match_result filter_test_firm(struct firm_filter *f, const struct dataset *ds, uint32_t firm);
/* The text of one firm field as a filter sees it (numbers and scale printed);
 * buf is used for non-string fields. */
const char *filter_field_text(const struct dataset *ds, uint32_t firm, int field, char *buf, size_t bufsz);

#endif
