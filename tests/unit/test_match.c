/* Unit tests for core/match: PCRE2 with UTF/UCP, smart case, errors and limits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "match.h"

static int setup_locale(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static struct matcher *compile_ok(const char *pat, unsigned flags)
{
    struct match_error err;
    memset(&err, 0x55, sizeof err);
    struct matcher *m = match_compile(pat, strlen(pat), flags, &err);
    if (!m)
        fail_msg("pattern %s: %s", pat, err.message);
    assert_int_equal(err.code, 0);
    return m;
}

/* Tests pat against s; returns the match_result. */
static int t(const char *pat, unsigned flags, const char *s)
{
    struct matcher *m = compile_ok(pat, flags);
    int r = match_test(m, s, strlen(s));
    match_free(m);
    return r;
}

static void test_literal_and_alternation(void **state)
{
    (void)state;
    assert_int_equal(t("eye", MATCH_SMART_CASE, "Eyewear Co"), MATCH_YES);
    assert_int_equal(t("shoe", MATCH_SMART_CASE, "Eyewear Co"), MATCH_NO);
    assert_int_equal(t("eye|optic", MATCH_SMART_CASE, "Wenzhou Optical"), MATCH_YES);
    assert_int_equal(t("eye|optic", MATCH_SMART_CASE, "Red Dragonfly Shoes"), MATCH_NO);
    assert_int_equal(t("^Aokang$", 0, "Aokang"), MATCH_YES);
    assert_int_equal(t("^Aokang$", 0, "Aokang Shoes"), MATCH_NO);
    assert_int_equal(t("", 0, ""), MATCH_YES);
    assert_int_equal(t("", MATCH_SMART_CASE, "anything"), MATCH_YES);
}

static void test_chinese(void **state)
{
    (void)state;
    assert_int_equal(t("眼镜", MATCH_SMART_CASE, "瓯海明视眼镜有限公司"), MATCH_YES);
    assert_int_equal(t("眼镜", MATCH_SMART_CASE, "红蜻蜓鞋业"), MATCH_NO);
    assert_int_equal(t("鞋|眼镜", MATCH_SMART_CASE, "红蜻蜓鞋业"), MATCH_YES);
    /* one dot is one character, not one byte */
    assert_int_equal(t("^..$", 0, "奥康"), MATCH_YES);
    assert_int_equal(t("^.{6}$", 0, "奥康"), MATCH_NO);
    assert_int_equal(t("^\\w+$", 0, "瓯海"), MATCH_YES);
    /* pinyin with tone marks folds case under UCP */
    assert_int_equal(t("ōu hǎi", MATCH_SMART_CASE, "ŌU HǍI Optical"), MATCH_YES);
}

static void test_smart_case(void **state)
{
    (void)state;
    assert_int_equal(t("optic", MATCH_SMART_CASE, "Optical"), MATCH_YES);
    assert_int_equal(t("Optic", MATCH_SMART_CASE, "optical"), MATCH_NO);
    assert_int_equal(t("Optic", MATCH_SMART_CASE, "Optical"), MATCH_YES);
    assert_int_equal(t("optic", 0, "Optical"), MATCH_NO);
    assert_int_equal(t("Optic", MATCH_CASELESS, "optical"), MATCH_YES);
    assert_int_equal(t("Optic", MATCH_CASELESS | MATCH_SMART_CASE, "OPTICAL"), MATCH_YES);
    /* escapes and their arguments are not letters the user typed */
    assert_int_equal(t("\\Soptic", MATCH_SMART_CASE, "xOPTIC"), MATCH_YES);
    assert_int_equal(t("\\W\\Doptic", MATCH_SMART_CASE, " xOPTIC"), MATCH_YES);
    assert_int_equal(t("\\P{N}optic", MATCH_SMART_CASE, "xOPTIC"), MATCH_YES);
    assert_int_equal(t("\\PNoptic", MATCH_SMART_CASE, "xOPTIC"), MATCH_YES);
    assert_int_equal(t("\\x{41}b", MATCH_SMART_CASE, "aB"), MATCH_YES);
    assert_int_equal(t("(*UCP)optic", MATCH_SMART_CASE, "OPTIC"), MATCH_YES);
    assert_int_equal(t("(?<Brand>optic)", MATCH_SMART_CASE, "OPTIC"), MATCH_YES);
    /* \Q..\E is literal text: its capitals count */
    assert_int_equal(t("\\QOptic\\E", MATCH_SMART_CASE, "optic"), MATCH_NO);
    /* non-ASCII capitals count */
    assert_int_equal(t("École", MATCH_SMART_CASE, "école"), MATCH_NO);
    assert_int_equal(t("école", MATCH_SMART_CASE, "ÉCOLE"), MATCH_YES);
    assert_int_equal(t("Ōu", MATCH_SMART_CASE, "ōu"), MATCH_NO);
    /* CJK has no case: caseless stays harmless */
    assert_int_equal(t("眼镜", MATCH_SMART_CASE, "眼镜"), MATCH_YES);
}

static void test_ucp_boundaries(void **state)
{
    (void)state;
    /* with UCP, é and CJK are word characters, so there is no boundary before foo */
    assert_int_equal(t("\\bfoo", 0, "\xc3\xa9""foo"), MATCH_NO);
    assert_int_equal(t("\\bfoo", 0, "眼foo"), MATCH_NO);
    assert_int_equal(t("\\bfoo", 0, "-foo"), MATCH_YES);
    assert_int_equal(t("\\bfoo", 0, "\xc2\xa0""foo"), MATCH_YES); /* NBSP is not \w */
    assert_int_equal(t("\\bfoo", 0, "foo"), MATCH_YES);

    struct matcher *m = compile_ok("\\w+", 0);
    size_t a = 99, b = 99;
    assert_int_equal(match_find(m, "  瓯海abc!", strlen("  瓯海abc!"), 0, &a, &b), MATCH_YES);
    assert_int_equal(a, 2);
    assert_int_equal(b, 11);
    match_free(m);
}

static void test_bad_pattern(void **state)
{
    (void)state;
    struct match_error err;
    memset(&err, 0, sizeof err);
    assert_null(match_compile("(ab", 3, MATCH_SMART_CASE, &err));
    assert_int_not_equal(err.code, 0);
    assert_int_equal(err.offset, 3);
    assert_non_null(strstr(err.message, "missing closing parenthesis"));

    memset(&err, 0, sizeof err);
    assert_null(match_compile("a[", 2, 0, &err));
    assert_int_not_equal(err.code, 0);
    assert_int_equal(err.offset, 2);
    assert_true(err.message[0] != '\0');

    /* invalid UTF-8 in the pattern itself */
    memset(&err, 0, sizeof err);
    assert_null(match_compile("ab\xff", 3, 0, &err));
    assert_int_not_equal(err.code, 0);
    assert_int_equal(err.offset, 2);

    /* \C would split characters */
    memset(&err, 0, sizeof err);
    assert_null(match_compile("\\C", 2, 0, &err));
    assert_int_not_equal(err.code, 0);

    /* err may be NULL */
    assert_null(match_compile("(", 1, 0, NULL));
}

static void test_pattern_too_long(void **state)
{
    (void)state;
    char *p = malloc(MATCH_PATTERN_MAX + 2);
    assert_non_null(p);
    memset(p, 'a', MATCH_PATTERN_MAX + 1);
    p[MATCH_PATTERN_MAX + 1] = '\0';
    struct match_error err;
    memset(&err, 0x55, sizeof err);
    assert_null(match_compile(p, MATCH_PATTERN_MAX + 1, 0, &err));
    assert_int_equal(err.code, 0);
    assert_int_equal(err.offset, MATCH_PATTERN_MAX);
    assert_string_equal(err.message, "pattern is too long (4097 bytes; the limit is 4096)");
    /* exactly the cap is fine */
    struct matcher *m = match_compile(p, MATCH_PATTERN_MAX, 0, &err);
    assert_non_null(m);
    assert_int_equal(match_test(m, p, MATCH_PATTERN_MAX), MATCH_YES);
    assert_int_equal(match_test(m, p, MATCH_PATTERN_MAX - 1), MATCH_NO);
    match_free(m);
    free(p);
}

static void test_too_expensive(void **state)
{
    (void)state;
    enum { N = 10000 };
    char *s = malloc(N + 2);
    assert_non_null(s);
    memset(s, 'a', N);
    s[N] = 'b';
    s[N + 1] = '\0';
    struct matcher *m = compile_ok("(a+)+$", 0);
    assert_int_equal(match_test(m, s, N + 1), MATCH_TOO_EXPENSIVE);
    size_t a = 7, b = 7;
    assert_int_equal(match_find(m, s, N + 1, 0, &a, &b), MATCH_TOO_EXPENSIVE);
    assert_int_equal(a, 7); /* spans untouched unless MATCH_YES */
    assert_int_equal(b, 7);
    /* the same matcher still works afterwards */
    assert_int_equal(match_test(m, "aaa", 3), MATCH_YES);
    match_free(m);
    free(s);
}

static void test_find_spans(void **state)
{
    (void)state;
    struct matcher *m = compile_ok("o+", 0);
    const char *s = "foo boo zoo";
    size_t n = strlen(s), a, b, pos = 0;
    size_t want[][2] = {{1, 3}, {5, 7}, {9, 11}};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(match_find(m, s, n, pos, &a, &b), MATCH_YES);
        assert_int_equal(a, want[i][0]);
        assert_int_equal(b, want[i][1]);
        pos = b;
    }
    assert_int_equal(match_find(m, s, n, pos, &a, &b), MATCH_NO);
    assert_int_equal(match_find(m, s, n, n + 1, &a, &b), MATCH_NO);
    assert_int_equal(match_find(m, s, n, 0, NULL, NULL), MATCH_YES);
    match_free(m);

    m = compile_ok("眼镜", MATCH_SMART_CASE);
    const char *name = "瓯海明视眼镜有限公司";
    assert_int_equal(match_find(m, name, strlen(name), 0, &a, &b), MATCH_YES);
    assert_int_equal(a, 12);
    assert_int_equal(b, 18);
    match_free(m);
}

static void test_hostile_subjects(void **state)
{
    (void)state;
    /* invalid UTF-8 never makes matching fail; it just never matches a character */
    struct matcher *m = compile_ok("b", 0);
    size_t a, b;
    assert_int_equal(match_find(m, "a\xff""b", 3, 0, &a, &b), MATCH_YES);
    assert_int_equal(a, 2);
    assert_int_equal(b, 3);
    /* NUL inside the subject */
    assert_int_equal(match_find(m, "a\0b", 3, 0, &a, &b), MATCH_YES);
    assert_int_equal(a, 2);
    assert_int_equal(match_test(m, "a\0b", 2), MATCH_NO);
    /* an empty subject may come as NULL */
    assert_int_equal(match_test(m, NULL, 0), MATCH_NO);
    match_free(m);

    assert_int_equal(t("^.$", 0, "\xff"), MATCH_NO);
    assert_int_equal(t("^.$", 0, "\xed\xa0\x80"), MATCH_NO);
    assert_int_equal(t("^$", 0, ""), MATCH_YES);
    m = compile_ok("^$", 0);
    assert_int_equal(match_test(m, NULL, 0), MATCH_YES);
    match_free(m);
    match_free(NULL);
}

/* How many scans stand in for per-string tests (core/firmscan): one for a pattern the
 * scan can take, one per branch of a plain alternation whose branches start with a
 * known character, none for what could make a scan miss a string. */
static int scans(const char *pat)
{
    struct matcher *m = compile_ok(pat, MATCH_SMART_CASE);
    int n = match_scan_prepare(m);
    assert_int_equal(match_scan_prepare(m), n); /* prepared once */
    match_free(m);
    return n;
}

static void test_scan_prepare(void **state)
{
    (void)state;
    static const char *const one[] = {
        "XinTong", "鞋业.*有限公司", "(?i)lucheng\\s+xing", "^(\\w+\\s?)*\\d$", "^WZ-", "公司$", "[0-9]+",
        "a\\bb", "(?:ab)+c", "(?<n>a)b", "(?m)^a", "(?s)a.b", "[(?!]x", "\\(\\?!x", "\\Q(?!\\Ex", "foo|fob",
        "^a|b", "a|b|c|d|e",
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (scans(one[i]) != 1)
            fail_msg("pattern %s: %d scans, not 1", one[i], scans(one[i]));
    assert_int_equal(scans("footwear|optical|leather"), 3);
    assert_int_equal(scans("eye|optic"), 2);
    assert_int_equal(scans("a|b|c|d"), 4);
    static const char *const none[] = {
        "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?>a+)b", "a++b", "a*+b", "a?+b", "a{2}+b", "(a)\\1",
        "(?<n>a)\\k<n>", "(a)\\g1", "\\Aa", "a\\z", "a\\Z", "\\Ga", "a\\Kb", "(*COMMIT)a", "(*CR)a", "(*UCP)a",
        "(?-m)^a", "(?^)a", "(?x)a", "(a)(?(1)b|c)", "(?R)?a", "(?1)(a)", "a(?C1)b", "[[:alpha:]]", "",
        "a*", "^", "(ab)?", "x|",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        if (scans(none[i]) != 0)
            fail_msg("pattern %s: %d scans, not 0", none[i], scans(none[i]));
}

static void test_scan_find(void **state)
{
    (void)state;
    /* two strings, each followed by the separator firmscan writes */
    static const char text[] = "ab\0\xff\0xab\0\xff\0";
    size_t n = sizeof text - 1 - 3, a, b;
    struct matcher *m = compile_ok("^ab$", 0);
    assert_int_equal(match_scan_prepare(m), 1);
    assert_int_equal(match_scan_find(m, 0, text, n, 0, &a, &b), MATCH_YES);
    assert_int_equal(a, 0);
    assert_int_equal(b, 2);
    /* ^ holds after the NUL, $ before the end */
    match_free(m);
    m = compile_ok("^xab$", 0);
    match_scan_prepare(m);
    assert_int_equal(match_scan_find(m, 0, text, n, 0, &a, &b), MATCH_YES);
    assert_int_equal(a, 5);
    /* nothing crosses the barrier */
    match_free(m);
    m = compile_ok("b[^z]+a", 0);
    match_scan_prepare(m);
    assert_int_equal(match_scan_find(m, 0, text, n, 0, &a, &b), MATCH_NO);
    /* a clone shares the pattern and has its own match data */
    struct matcher *c = match_clone(m);
    assert_int_equal(match_scan_find(c, 0, text, n, 0, &a, &b), MATCH_NO);
    assert_int_equal(match_test(c, "bxa", 3), MATCH_YES);
    assert_int_equal(match_scan_find(c, 1, text, n, 0, &a, &b), MATCH_FAILED); /* no such scan */
    match_free(c);
    match_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_and_alternation),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_smart_case),
        cmocka_unit_test(test_ucp_boundaries),
        cmocka_unit_test(test_bad_pattern),
        cmocka_unit_test(test_pattern_too_long),
        cmocka_unit_test(test_too_expensive),
        cmocka_unit_test(test_find_spans),
        cmocka_unit_test(test_hostile_subjects),
        cmocka_unit_test(test_scan_prepare),
        cmocka_unit_test(test_scan_find),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
