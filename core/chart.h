/* chart: owns the small text charts of the terminal front ends: sparklines and bars
 * as UTF-8 block characters, or ASCII when the terminal has no UTF-8. */
#ifndef FIRMNET_CHART_H
#define FIRMNET_CHART_H
#include <stddef.h>
#include <stdint.h>

/* Bytes a chart of n cells may take (each cell at most 3 bytes), NUL included. */
#define CHART_BYTES(n) ((size_t)(n) * 3 + 1)

/* One cell per value, v[i * stride] for i < n, scaled so that max (0: the largest
 * value) is the tallest cell; a zero is a blank, any other value at least the lowest
 * block. Writes at most CHART_BYTES(n) bytes to out. */
void chart_sparkline(char *out, const uint32_t *v, size_t n, size_t stride, uint32_t max, int ascii);
/* A bar of value / max * width cells, in eighths with UTF-8 ("#" cells in ASCII). */
void chart_bar(char *out, uint32_t value, uint32_t max, unsigned width, int ascii);

#endif
