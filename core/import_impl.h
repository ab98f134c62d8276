/* import_impl: owns what the import_*.c readers share: the staging table every
 * reader fills with raw text, and the one builder that maps it into a dataset. */
#ifndef FIRMNET_IMPORT_IMPL_H
#define FIRMNET_IMPORT_IMPL_H
#include <stdarg.h>
#include "import.h"
#include "strpool.h"

#define IMPORT_ERR_MAX 512

/* Rows of text under named columns, as read; an empty cell means "not given". */
struct import_table {
    uint32_t ncols;
    strref *col;          /* ncols names; owned */
    uint32_t nrows;
    size_t cap;           /* rows allocated */
    strref *cell;         /* nrows * ncols; owned */
    uint32_t *line;       /* nrows: line in the input, for examples; owned */
    struct strpool pool;  /* owned: names and cells */
};

void import_table_init(struct import_table *t);
void import_table_free(struct import_table *t);
/* Columns are declared before the first row; returns the column's index. */
uint32_t import_table_add_col(struct import_table *t, const char *name);
/* Appends an empty row and returns its index; cells are set with import_table_set. */
uint32_t import_table_add_row(struct import_table *t, uint32_t line);
/* Stores s[0..n), replacing invalid UTF-8 and NUL bytes with U+FFFD (noted in rep). */
void import_table_set(struct import_table *t, uint32_t row, uint32_t col, const char *s, size_t n,
                      struct import_report *rep);
static inline const char *import_table_get(const struct import_table *t, uint32_t row, uint32_t col)
{
    return strpool_get(&t->pool, t->cell[(size_t)row * t->ncols + col]);
}

/* Counts one case of what (a static string) and keeps the first example. */
__attribute__((format(printf, 3, 4)))
void import_note(struct import_report *rep, const char *what, const char *fmt, ...);

/* firms: column 0 is the firm id; links: columns 0 and 1 are source and target
 * ids. Other columns are matched to dataset columns by name; unknown ones become
 * extra columns. Fills ds (initialised by the caller). */
void import_build(struct dataset *ds, const struct import_table *firms, const struct import_table *links,
                  const struct import_options *o, struct import_report *rep);

int import_read_graphml(struct import_table *firms, struct import_table *links, const char *path,
                        struct import_report *rep, char *err);
int import_read_pajek(struct import_table *firms, struct import_table *links, const char *path,
                      struct import_report *rep, char *err);
int import_read_edgelist(struct import_table *firms, struct import_table *links, const char *path,
                         const struct import_options *o, struct import_report *rep, char *err);

#endif
