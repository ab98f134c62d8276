#include "chart.h"
#include <string.h>

static const char *const spark_utf8[8] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                          "\u2585", "\u2586", "\u2587", "\u2588"};
static const char spark_ascii[8] = {'_', '.', ',', '-', '=', '+', '*', '#'};
static const char *const eighths[8] = {"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"};

void chart_sparkline(char *out, const uint32_t *v, size_t n, size_t stride, uint32_t max, int ascii)
{
    if (!max)
        for (size_t i = 0; i < n; i++)
            if (v[i * stride] > max)
                max = v[i * stride];
    char *p = out;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = v[i * stride];
        if (!x) {
            *p++ = ' ';
            continue;
        }
        /* level 0..7 by rounding up, so the smallest non-zero value still shows */
        uint64_t level = ((uint64_t)(x > max ? max : x) * 8 + max - 1) / max;
        unsigned k = level ? (unsigned)level - 1 : 0;
        if (ascii) {
            *p++ = spark_ascii[k];
        } else {
            size_t len = strlen(spark_utf8[k]);
            memcpy(p, spark_utf8[k], len);
            p += len;
        }
    }
    *p = '\0';
}

void chart_bar(char *out, uint32_t value, uint32_t max, unsigned width, int ascii)
{
    char *p = out;
    uint64_t e = max ? (uint64_t)(value > max ? max : value) * width * 8 / max : 0;
    if (value && !e)
        e = 1; /* a non-zero value is never an empty bar */
    for (uint64_t i = 0; i < e / 8; i++) {
        if (ascii) {
            *p++ = '#';
        } else {
            memcpy(p, "\u2588", 3);
            p += 3;
        }
    }
    if (e % 8) {
        if (ascii) {
            *p++ = e % 8 >= 4 ? '#' : '|';
        } else {
            size_t len = strlen(eighths[e % 8]);
            memcpy(p, eighths[e % 8], len);
            p += len;
        }
    }
    *p = '\0';
}
