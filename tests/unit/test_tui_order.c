/* tui/order: the name order and the name ranks the linkage table sorts by, against
 * strcmp on names with duplicates, shared eight-byte prefixes and bytes above 127. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dataset.h"
#include "order.h"
#include "progress.h"
#include "xalloc.h"

static int sign(int x) { return (x > 0) - (x < 0); }

static void test_ranks_follow_strcmp(void **state)
{
    (void)state;
    srand(99);
    static const char *const stems[] = {"Wenzhou Shoes", "Wenzhou Shoes Co", "Ou", "", "\xc3\xa9toile", "Zeta",
                                        "Wenzhou Shoes Co Ltd", "A"};
    enum { N = 300 };
    struct dataset ds;
    dataset_init(&ds);
    for (int i = 0; i < N; i++) {
        char id[16], name[64];
        snprintf(id, sizeof id, "f%d", i);
        /* a stem and, now and then, a short tail: many equal names, many that share
         * more than the eight bytes order compares first */
        int tail = rand() % 4;
        snprintf(name, sizeof name, "%s%s%c", stems[rand() % 8], tail ? " " : "", tail ? 'a' + rand() % 3 : '\0');
        struct firm_record r;
        memset(&r, 0, sizeof r);
        r.id = id;
        r.name = name;
        r.industry = "footwear";
        r.employees = EMPLOYEES_NONE;
        r.founded = YEAR_NONE;
        dataset_add_firm(&ds, &r);
    }
    uint32_t *perm = xmalloc(N * sizeof *perm), *rank = xmalloc(N * sizeof *rank);
    assert_int_equal(order_by_name(perm, &ds, NULL), 0);
    struct progress p;
    progress_init(&p);
    assert_int_equal(order_name_ranks(rank, perm, &ds, &p), 0);
    assert_int_equal(progress_percent(&p), 100);
    for (uint32_t f = 0; f < N; f++)
        for (uint32_t g = 0; g < N; g++)
            assert_int_equal(sign(strcmp(dataset_str(&ds, ds.firms.name[f]), dataset_str(&ds, ds.firms.name[g]))),
                             sign((int)rank[f] - (int)rank[g]));
    /* dense: the first name ranks 0, each next distinct one a step up */
    assert_int_equal(rank[perm[0]], 0);
    for (uint32_t i = 1; i < N; i++)
        assert_true(rank[perm[i]] - rank[perm[i - 1]] <= 1);
    progress_init(&p);
    progress_cancel(&p);
    assert_int_equal(order_name_ranks(rank, perm, &ds, &p), -1);
    free(perm);
    free(rank);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranks_follow_strcmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
