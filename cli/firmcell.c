#include "firmcell.h"
#include "structural.h"
#include <math.h>

uint8_t firmcell_kind(unsigned col)
{
    switch (firmcol_kinds[col]) {
    case FIRMCOL_INT: return PK_INT;
    case FIRMCOL_NUM: return PK_NUM;
    default: return PK_STR;
    }
}

void firmcell_add(struct table *t, const struct print_num *fmt, const struct firmcol_src *src, uint32_t v,
                  unsigned col)
{
    if (firmcol_kinds[col] == FIRMCOL_STR) {
        table_add(t, firmcol_text(src, v, col));
        return;
    }
    double x = firmcol_value(src, v, col);
    if (firmcol_kinds[col] == FIRMCOL_INT) {
        if (isnan(x))
            table_add(t, ""); /* not ranked: only local firms have a gatekeeper score */
        else
            table_addf(t, "%.0f", x);
    } else if (col == FIRMCOL_CORENESS && fmt->precise && !isnan(x)) {
        /* known to STRUCTURAL_CORENESS_DIGITS decimals once converged; more would
         * print the iteration's noise */
        table_addf(t, "%.*f", STRUCTURAL_CORENESS_DIGITS, x);
    } else {
        table_add_num(t, fmt, x);
    }
}
