/* diag: findings past the keep cost a count, not memory; the kept ones, lazy or not,
 * print as the checks describe them; sorting keeps the order findings were made in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "diag.h"
#include "text.h"
#include "testnet.h"

#define MILLION 1000000u

/* A million findings of one code hold in a fixed number of bytes: the module's own
 * allocation after them is what it is after the first thousand, and far below what a
 * million stored findings would take (16 bytes each, plus their text). */
static void test_million_findings_bounded(void **state)
{
    (void)state;
    struct diag dg;
    diag_init(&dg);
    size_t after_keep = 0;
    for (uint32_t i = 0; i < MILLION; i++) {
        diag_add(&dg, DIAG_LINKS, i + 2, DC_BAD_YEAR, FIRM_NONE, "year \"%u\" is out of range", i);
        if (i + 1 == DIAG_KEEP_DEFAULT)
            after_keep = diag_bytes(&dg);
    }
    assert_int_equal(diag_bytes(&dg), after_keep);
    assert_true(diag_bytes(&dg) < 256u * 1024);
    assert_int_equal(dg.n, DIAG_KEEP_DEFAULT);
    assert_int_equal(dg.n_errors, MILLION);
    assert_int_equal(diag_count(&dg, DC_BAD_YEAR), MILLION);
    const struct diag_tally *t = diag_tally_of(&dg, DIAG_LINKS, DC_BAD_YEAR);
    assert_int_equal(t->kept, DIAG_KEEP_DEFAULT);
    assert_int_equal(t->first, DIAG_KEEP_DEFAULT + 2);
    assert_int_equal(t->last, MILLION + 1);
    char more[160];
    assert_true(diag_more_text(&dg, DIAG_LINKS, DC_BAD_YEAR, more, sizeof more));
    assert_string_equal(more, "999,000 more bad-year errors, lines 1,002\xe2\x80\x93" "1,000,001");
    /* the same for lazy findings, the whole-dataset checks' kind */
    size_t before = diag_bytes(&dg);
    for (uint32_t i = 0; i < MILLION; i++)
        diag_add_lazy(&dg, DIAG_LINKS, i + 2, DC_SINCE_BEFORE_FOUNDED, 0, i, 0);
    assert_true(diag_bytes(&dg) - before <= DIAG_KEEP_DEFAULT * sizeof(struct finding) * 2);
    assert_true(diag_bytes(&dg) < 256u * 1024);
    assert_int_equal(dg.n_warnings, MILLION);
    assert_int_equal(dg.n, 2 * DIAG_KEEP_DEFAULT);
    /* no code past its keep: nothing more to say */
    assert_false(diag_more_text(&dg, DIAG_FIRMS, DC_BAD_YEAR, more, sizeof more));
    assert_string_equal(more, "");
    diag_free(&dg);
}

/* keep 0 keeps every finding, and a keep of its own is honoured exactly */
static void test_keep(void **state)
{
    (void)state;
    struct diag dg;
    diag_init(&dg);
    diag_set_keep(&dg, 0);
    for (uint32_t i = 0; i < 5000; i++)
        diag_add(&dg, DIAG_FIRMS, i + 2, DC_BAD_ID, FIRM_NONE, "id %u", i);
    assert_int_equal(dg.n, 5000);
    char more[160];
    assert_false(diag_more_text(&dg, DIAG_FIRMS, DC_BAD_ID, more, sizeof more));
    diag_free(&dg);
    diag_init(&dg);
    diag_set_keep(&dg, 3);
    for (uint32_t i = 0; i < 4; i++)
        diag_add(&dg, DIAG_FIRMS, 10 - i, DC_BAD_ID, FIRM_NONE, "id %u", i);
    assert_int_equal(dg.n, 3);
    assert_true(diag_more_text(&dg, DIAG_FIRMS, DC_BAD_ID, more, sizeof more));
    assert_string_equal(more, "1 more bad-id error, line 7");
    /* out of line order, as check's firm-by-firm pass makes them: lowest and highest */
    diag_add(&dg, DIAG_FIRMS, 3, DC_BAD_ID, FIRM_NONE, "id");
    diag_add(&dg, DIAG_FIRMS, 5, DC_BAD_ID, FIRM_NONE, "id");
    assert_true(diag_more_text(&dg, DIAG_FIRMS, DC_BAD_ID, more, sizeof more));
    assert_string_equal(more, "3 more bad-id errors, lines 3\xe2\x80\x93" "7");
    diag_free(&dg);
}

/* a stable sort: by file and line, and within a line in the order made */
static void test_sort_stable(void **state)
{
    (void)state;
    struct diag dg;
    diag_init(&dg);
    diag_add(&dg, DIAG_LINKS, 5, DC_BAD_YEAR, FIRM_NONE, "l5 first");
    diag_add(&dg, DIAG_FIRMS, 9, DC_BAD_ID, FIRM_NONE, "f9");
    diag_add(&dg, DIAG_LINKS, 5, DC_BAD_FORM, FIRM_NONE, "l5 second");
    diag_add(&dg, DIAG_LINKS, 2, DC_BAD_FORM, FIRM_NONE, "l2");
    diag_add(&dg, DIAG_LINKS, 5, DC_BAD_SCALE, FIRM_NONE, "l5 third");
    diag_sort(&dg);
    const char *want[] = {"f9", "l2", "l5 first", "l5 second", "l5 third"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(diag_msg(&dg, &dg.v[i]), want[i]);
    diag_free(&dg);
}

/* a message longer than diag_add's stack buffer is kept whole, and a short one beside it */
static void test_long_message(void **state)
{
    (void)state;
    char note[2001];
    for (size_t i = 0; i < sizeof note - 1; i++)
        note[i] = (char)('a' + i % 26);
    note[sizeof note - 1] = '\0';
    struct diag dg;
    diag_init(&dg);
    diag_add(&dg, DIAG_LINKS, 7, DC_BAD_YEAR, FIRM_NONE, "note %s ends", note);
    diag_add(&dg, DIAG_LINKS, 8, DC_BAD_YEAR, FIRM_NONE, "short %d", 8);
    const char *m = diag_msg(&dg, &dg.v[0]);
    assert_int_equal(strlen(m), 5 + 2000 + 5);
    assert_memory_equal(m, "note ", 5);
    assert_memory_equal(m + 5, note, 2000);
    assert_string_equal(m + 2005, " ends");
    assert_string_equal(diag_msg(&dg, &dg.v[1]), "short 8");
    diag_free(&dg);
}

/* the checks' lazy findings read as they did when they were formatted up front */
static void test_lazy_messages(void **state)
{
    (void)state;
    struct dataset ds;
    dataset_init(&ds);
    testnet_firms(&ds, 4, "LLLL");
    ds.firms.founded[1] = 2005;
    testnet_link(&ds, 'a', 'b', LT_SUPPLY, 1, 1999);
    testnet_link(&ds, 'a', 'b', LT_SUPPLY, 1, 2010);
    linemap_free(&ds.links.line); /* testnet_link gives no lines: lines 2 and 3 */
    linemap_append(&ds.links.line, 2);
    linemap_append(&ds.links.line, 3);
    struct diag dg;
    diag_init(&dg);
    check_dataset(&ds, &dg);
    diag_sort(&dg);
    struct textbuf tb = {0};
    int seen = 0;
    for (size_t i = 0; i < dg.n; i++) {
        const struct finding *f = &dg.v[i];
        assert_true(f->lazy);
        const char *m = diag_message(&dg, &ds, f, &tb);
        if (f->code == DC_SINCE_BEFORE_FOUNDED)
            seen |= 1, assert_string_equal(m, "since 1999 is before target b was founded (2005)");
        else if (f->code == DC_DUPLICATE_LINK)
            seen |= 2, assert_string_equal(m, "supply linkage a -> b repeats line 2 (both kept)");
        else if (f->code == DC_ISOLATED_FIRM)
            seen |= 4, assert_true(!strcmp(m, "firm c has no linkages") || !strcmp(m, "firm d has no linkages"));
    }
    assert_int_equal(seen, 7);
    assert_int_equal(diag_count(&dg, DC_ISOLATED_FIRM), 2);
    /* without the dataset a lazy finding says so instead of guessing */
    assert_non_null(strstr(diag_message(&dg, NULL, &dg.v[0], &tb), "not loaded"));
    textbuf_free(&tb);
    diag_free(&dg);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_million_findings_bounded),
        cmocka_unit_test(test_keep),
        cmocka_unit_test(test_sort_stable),
        cmocka_unit_test(test_long_message),
        cmocka_unit_test(test_lazy_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
