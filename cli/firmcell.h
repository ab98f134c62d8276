/* firmcell: owns how the batch commands write the per-firm measure columns
 * (core/firmcol) as table cells: print's kind of each column, the empty count,
 * coreness's digits (other numbers as print's table_add_num writes them). metrics,
 * cluster --firms, --gatekeepers and --compare-forms share it. */
#ifndef FIRMNET_FIRMCELL_H
#define FIRMNET_FIRMCELL_H
#include <stdint.h>
#include "firmcol.h"
#include "print.h"

/* print's kind (enum print_kind) of column col. */
uint8_t firmcell_kind(unsigned col);
/* Appends node v's cell of column col to t. */
void firmcell_add(struct table *t, const struct print_num *fmt, const struct firmcol_src *src, uint32_t v,
                  unsigned col);

#endif
