/* The small charts: a sparkline cell per value scaled to the largest, blanks for
 * zeros and the lowest block for any other value; bars in eighths; ASCII forms. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "chart.h"

static void test_sparkline(void **state)
{
    (void)state;
    char out[CHART_BYTES(8)];
    const uint32_t v[8] = {0, 1, 2, 4, 8, 16, 32, 1000};
    chart_sparkline(out, v, 8, 1, 0, 0);
    /* 1000 is the top; 1, 2, 4, 8, 16 round up to the lowest block; 32 too */
    assert_string_equal(out, " \u2581\u2581\u2581\u2581\u2581\u2581\u2588");
    chart_sparkline(out, v, 8, 1, 32, 1); /* eighths rounded up: 1, 1, 1, 2, 4, 8, 8 */
    assert_string_equal(out, " ___.-##");
    /* a stride walks a column of a table; a max below the values clips them */
    const uint32_t t[6] = {5, 99, 10, 99, 0, 99};
    chart_sparkline(out, t, 3, 2, 10, 0);
    assert_string_equal(out, "\u2584\u2588 ");
}

static void test_bar(void **state)
{
    (void)state;
    char out[CHART_BYTES(4)];
    chart_bar(out, 4, 8, 4, 0);
    assert_string_equal(out, "\u2588\u2588");
    chart_bar(out, 9, 16, 4, 0); /* 2.25 cells: two full, a quarter */
    assert_string_equal(out, "\u2588\u2588\u258e");
    chart_bar(out, 1, 1000, 4, 0); /* never empty for a value above 0 */
    assert_string_equal(out, "\u258f");
    chart_bar(out, 0, 1000, 4, 0);
    assert_string_equal(out, "");
    chart_bar(out, 20, 8, 4, 1); /* clipped at the width */
    assert_string_equal(out, "####");
    chart_bar(out, 3, 8, 4, 1); /* 1.5 cells: the half rounds to a cell */
    assert_string_equal(out, "##");
    chart_bar(out, 5, 64, 4, 1); /* 0.3 of a cell */
    assert_string_equal(out, "|");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sparkline),
        cmocka_unit_test(test_bar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
