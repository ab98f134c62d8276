/* print: owns every table the batch subcommands print, as aligned text (by display
 * width), escaped tsv or JSON (through jansson); the only place that formats rows. */
#ifndef FIRMNET_PRINT_H
#define FIRMNET_PRINT_H
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include "strpool.h"

enum print_format { PRINT_TEXT, PRINT_TSV, PRINT_JSON };
enum print_kind { PK_STR, PK_INT, PK_NUM }; /* numbers are right-aligned in text, typed in JSON */

struct table {
    unsigned ncols;
    const char *const *names;     /* borrowed: column names as printed */
    const uint8_t *kinds;         /* borrowed: enum print_kind per column */
    strref *cells;                /* owned: nrows * ncols, row-major */
    size_t nrows, ncells, cap;
    struct strpool text;          /* owned: cell texts */
};

int print_parse_format(const char *s, enum print_format *out);
void table_init(struct table *t, unsigned ncols, const char *const *names, const uint8_t *kinds);
void table_free(struct table *t);
/* Appends the next cell, row by row; data text is stored raw and escaped on output. */
void table_add(struct table *t, const char *s);
__attribute__((format(printf, 2, 3))) void table_addf(struct table *t, const char *fmt, ...);
static inline const char *table_cell(const struct table *t, size_t row, unsigned col)
{
    return strpool_get(&t->text, t->cells[row * t->ncols + col]);
}
/* How a table writes a real number: `digits` decimals in text, every digit (%.17g)
 * when precise; NaN is "NaN" in text and tsv, null in JSON (an empty cell). */
struct print_num {
    enum print_format format;
    int precise;
    int digits;
};
void table_add_num(struct table *t, const struct print_num *f, double x);

/* A report: named values, one a row, declared once and printed both ways: as a
 * (measure, value) table in text and tsv, as members of a JSON object. Reports with
 * the same keys go side by side, a value column each (a summary of two layers). */
struct report_row {
    const char *key; /* borrowed */
    uint8_t kind;    /* enum print_kind */
    uint64_t u;      /* PK_INT */
    double x;        /* PK_NUM */
    const char *s;   /* PK_STR; borrowed */
};
struct report {
    unsigned n;
    size_t cap;
    struct report_row *row; /* owned */
};
#define REPORT_MAX_SIDE 3 /* reports side by side in one table */
void report_init(struct report *r);
void report_free(struct report *r);
/* Appends a row; key and s stay borrowed until the report is printed. */
void report_int(struct report *r, const char *key, uint64_t u);
void report_num(struct report *r, const char *key, double x);
void report_str(struct report *r, const char *key, const char *s);
/* Sets every row as a member of object o, in order: integer, real (null for NaN) or
 * string. */
void report_to_json(const struct report *r, json_t *o);
/* The n reports (<= REPORT_MAX_SIDE, the same keys) as one table: names[0] heads the
 * keys, names[1..n] the value columns; numbers as f writes them. */
void report_table(struct table *t, const struct report *r, unsigned n, const char *const *names,
                  const struct print_num *f);

/* Text: a header line and columns padded by display width; tsv: header and rows,
 * cells escaped; JSON is left to table_to_json so callers can wrap it. */
void table_print(const struct table *t, enum print_format f, FILE *out);
/* An array of objects, one per row, keyed by column name, numbers typed. New reference. */
json_t *table_to_json(const struct table *t);
/* A JSON string from data text; never fails on bad bytes (they are made printable). */
json_t *print_json_string(const char *s);
/* Writes a JSON document and a newline. Steals the reference. */
void print_json(json_t *doc, FILE *out);
/* A member every JSON document print_json prints from now on carries (when the
 * document is an object and has no member of that name): cli_open attaches what the
 * load cost, so every command's JSON says it. Takes the reference to value. */
void print_json_attach(const char *key, json_t *value);
/* Writes data text to a text stream with control characters made visible. */
void print_text(FILE *out, const char *s);
/* Stops quietly on a closed pipe or a full disk; call after all output. Returns 0 or EXIT_USAGE. */
int print_finish(FILE *out);

#endif
