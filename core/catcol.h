/* catcol: owns one column of a few distinct strings (a firm's location, ownership,
 * role): two bytes a row while it has at most CATCOL_CODES distinct values, one
 * string reference a row past that. */
#ifndef FIRMNET_CATCOL_H
#define FIRMNET_CATCOL_H
#include <stddef.h>
#include <stdint.h>
#include "strpool.h"

#define CATCOL_CODES 65536u

/* Values are interned offsets into the dataset's pool (equal strings, one offset), so
 * a code stands for an offset and the column never reads the pool. Rows are coded from
 * the first: code[row] indexes value. The 65,537th distinct value turns the column
 * into ref, and code and value are NULL from then on (free-text locations: two bytes
 * more a row than before, nothing worse). */
struct catcol {
    uint16_t *code;    /* a row each while coded, or NULL */
    strref *ref;       /* a row each once wide, or NULL */
    strref *value;     /* n_values distinct offsets, coded only (room for CATCOL_CODES once slot is made) */
    uint32_t n_values;
    uint32_t *slot;    /* offset -> code + 1 (0 free), a power of two at most half full;
                        * NULL in a column read back until a row is set */
    size_t nslots;
};

static inline strref catcol_get(const struct catcol *c, uint32_t row)
{
    return c->code ? c->value[c->code[row]] : c->ref[row];
}
/* Room for cap rows (rows below keep their values). */
void catcol_reserve(struct catcol *c, size_t cap);
/* Sets the next row, row (the rows before it are set; room for cap), to r. */
void catcol_set(struct catcol *c, uint32_t row, size_t cap, strref r);
/* Calls fn on each distinct offset the column holds (each row's, once wide). */
void catcol_each(const struct catcol *c, uint32_t rows, void (*fn)(void *ctx, strref r), void *ctx);
void catcol_free(struct catcol *c);

#endif
