/* linemap: owns the line each row of a table starts on, kept as breakpoints: the rows
 * where line - row changes (a record over several lines, a blank or skipped row before
 * it). A file of one-line records has one breakpoint for all its rows, where a line a
 * row took 4 bytes each (4 MB of M's 1.1M rows, 44 MB at L). */
#ifndef FIRMNET_LINEMAP_H
#define FIRMNET_LINEMAP_H
#include <stddef.h>
#include <stdint.h>

/* From row `row` up to the next breakpoint's, line = row + delta (modulo 2^32, so any
 * line, even one below its row, is kept exactly). */
struct linemap_break {
    uint32_t row, delta;
};

struct linemap {
    uint32_t n;                 /* breakpoints */
    uint32_t cap;
    struct linemap_break *brk;  /* owned; n ascending rows, the first 0 */
    uint32_t rows;              /* rows appended */
};

/* Rows are appended in order, row number m->rows, starting on `line`. */
void linemap_append(struct linemap *m, uint32_t line);
/* The line row starts on; row < m->rows. O(log breakpoints). */
uint32_t linemap_get(const struct linemap *m, uint32_t row);
/* Whether n breakpoints are a valid map of `rows` rows: none for no rows, else the
 * first at row 0 and the rows strictly ascending below `rows`. */
int linemap_valid(const struct linemap_break *brk, size_t n, uint64_t rows);
/* Frees the breakpoints' spare room (the loader's last step). */
void linemap_trim(struct linemap *m);
void linemap_free(struct linemap *m);

#endif
