/* firmcell: owns how the batch commands write the per-firm measure columns
 * (core/firmcol) as table cells: print's kind of each column, the numbers' digits,
 * NaN and the empty count. metrics, cluster --firms and --compare-forms share it. */
#ifndef FIRMNET_FIRMCELL_H
#define FIRMNET_FIRMCELL_H
#include <stdint.h>
#include "firmcol.h"
#include "print.h"

/* How numbers are written: `digits` decimals in text, every digit (%.17g) when
 * precise; NaN is "NaN" in text and tsv, null in JSON. */
struct firmcell_fmt {
    enum print_format format;
    int precise;
    int digits;
};

/* print's kind (enum print_kind) of column col. */
uint8_t firmcell_kind(unsigned col);
/* Appends node v's cell of column col to t. */
void firmcell_add(struct table *t, const struct firmcell_fmt *fmt, const struct firmcol_src *src, uint32_t v,
                  unsigned col);
/* A number as firmcell_add writes a FIRMCOL_NUM cell, for the tables beside. */
void firmcell_add_num(struct table *t, const struct firmcell_fmt *fmt, double x);

#endif
