#include "linemap.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

void linemap_append(struct linemap *m, uint32_t line)
{
    uint32_t row = m->rows++;
    if (m->n && m->brk[m->n - 1].delta + row == line)
        return;
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 4;
        m->brk = xrealloc(m->brk, (size_t)m->cap * sizeof *m->brk);
    }
    m->brk[m->n++] = (struct linemap_break){row, line - row};
}

uint32_t linemap_get(const struct linemap *m, uint32_t row)
{
    /* the last breakpoint at or before row: brk[0].row is 0, so there is one */
    uint32_t lo = 0, hi = m->n;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->brk[mid].row <= row)
            lo = mid;
        else
            hi = mid;
    }
    return row + m->brk[lo].delta;
}

int linemap_valid(const struct linemap_break *brk, size_t n, uint64_t rows)
{
    if (!rows)
        return n == 0;
    if (!n || brk[0].row != 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if (brk[i].row <= brk[i - 1].row)
            return 0;
    return brk[n - 1].row < rows;
}

void linemap_trim(struct linemap *m)
{
    if (m->n && m->n < m->cap) {
        m->brk = xrealloc(m->brk, (size_t)m->n * sizeof *m->brk);
        m->cap = m->n;
    }
}

void linemap_free(struct linemap *m)
{
    free(m->brk);
    memset(m, 0, sizeof *m);
}
