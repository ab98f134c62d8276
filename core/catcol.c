#include "catcol.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

static size_t slot_home(strref r, size_t nslots)
{
    return (size_t)(((uint64_t)r * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (nslots - 1);
}

/* The index of value, made for n values at most half full. */
static void slots_make(struct catcol *c, size_t n)
{
    size_t ns = 16;
    while (ns < n * 2)
        ns *= 2;
    free(c->slot);
    c->slot = xcalloc(ns, sizeof *c->slot);
    c->nslots = ns;
    for (uint32_t k = 0; k < c->n_values; k++) {
        size_t j = slot_home(c->value[k], ns);
        while (c->slot[j])
            j = (j + 1) & (ns - 1);
        c->slot[j] = k + 1;
    }
}

void catcol_reserve(struct catcol *c, size_t cap)
{
    if (c->ref)
        c->ref = xrealloc(c->ref, (cap ? cap : 1) * sizeof *c->ref);
    else
        c->code = xrealloc(c->code, (cap ? cap : 1) * sizeof *c->code);
}

/* From codes to one offset a row: more distinct values than two bytes tell apart. */
static void widen(struct catcol *c, uint32_t rows, size_t cap)
{
    c->ref = xmalloc((cap ? cap : 1) * sizeof *c->ref);
    for (uint32_t i = 0; i < rows; i++)
        c->ref[i] = c->value[c->code[i]];
    free(c->code);
    free(c->value);
    free(c->slot);
    c->code = NULL;
    c->value = NULL;
    c->slot = NULL;
    c->nslots = 0;
    c->n_values = 0;
}

void catcol_set(struct catcol *c, uint32_t row, size_t cap, strref r)
{
    if (c->ref) {
        c->ref[row] = r;
        return;
    }
    if (!c->slot) { /* the first row, or the first set in a column read back */
        c->value = xrealloc(c->value, CATCOL_CODES * sizeof *c->value);
        slots_make(c, c->n_values + 1 > 64 ? c->n_values + 1 : 64);
    }
    size_t j = slot_home(r, c->nslots);
    uint32_t k;
    while ((k = c->slot[j]) != 0 && c->value[k - 1] != r)
        j = (j + 1) & (c->nslots - 1);
    if (!k) {
        if (c->n_values == CATCOL_CODES) {
            widen(c, row, cap);
            c->ref[row] = r;
            return;
        }
        c->value[c->n_values++] = r;
        k = c->n_values;
        c->slot[j] = k;
        if ((size_t)c->n_values * 2 > c->nslots)
            slots_make(c, (size_t)c->n_values * 2);
    }
    c->code[row] = (uint16_t)(k - 1);
}

void catcol_each(const struct catcol *c, uint32_t rows, void (*fn)(void *ctx, strref r), void *ctx)
{
    if (c->code)
        for (uint32_t k = 0; k < c->n_values; k++)
            fn(ctx, c->value[k]);
    else if (c->ref)
        for (uint32_t i = 0; i < rows; i++)
            fn(ctx, c->ref[i]);
}

void catcol_free(struct catcol *c)
{
    free(c->code);
    free(c->ref);
    free(c->value);
    free(c->slot);
    memset(c, 0, sizeof *c);
}
