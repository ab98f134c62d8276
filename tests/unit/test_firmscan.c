/* Unit tests for core/firmscan: the filter pass over the firms' search text must give,
 * firm by firm, what filter_test_firm gives, for hand-picked and random patterns over
 * firms with tricky names (empty, line breaks inside and at the end, CR, invalid
 * UTF-8, Unicode newlines, Chinese, case pairs outside ASCII, very long), with the
 * JIT and with the interpreter, on one thread and on several. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "firmscan.h"
#include "xalloc.h"

static struct dataset ds;
static struct firmscan fs;
static uint32_t n_scanned, n_split; /* patterns that took the scan, branch by branch */
static int quick;          /* FIRMSCAN_TEST_QUICK: fewer random patterns (valgrind runs) */

/* The same sequence on every run: a failure must be reproducible. */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static const char *const pieces[] = {
    "a", "b", "ab", "abc", "A", "B", "XinTong", "foo", "bar", "Foo", " ", "  ", "_", "1", "42", "-", ".", "\t",
    "中", "鞋业", "有限公司", "鹿城", "\xe2\x84\xaa", "\xc5\xbf", "k", "K", "s", "S", "é", "É", "ß", "ẞ", "Ω",
    "ω", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "lucheng xing", "Lucheng  Xing", "9",
};
/* what makes a firm odd: line breaks and invalid UTF-8 */
static const char *const odd_pieces[] = {
    "\n", "\r", "\r\n", "\v", "\f", "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xff", "\xc3",
    "\xed\xa0\x80", "\xc0\xaf",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])
#define NODD (sizeof odd_pieces / sizeof odd_pieces[0])

/* A random string of zero to four pieces into buf; now and then a very long one. */
static const char *random_string(char *buf, size_t cap)
{
    buf[0] = '\0';
    if (rnd(1000) == 0) {
        size_t n = 600 + rnd(600);
        for (size_t i = 0; i < n && i + 1 < cap; i++)
            buf[i] = "abc x"[rnd(5)];
        buf[n < cap ? n : cap - 1] = '\0';
        return buf;
    }
    uint32_t k = rnd(5);
    for (uint32_t i = 0; i < k; i++) {
        const char *p = rnd(40) ? pieces[rnd(NPIECES)] : odd_pieces[rnd(NODD)];
        if (strlen(buf) + strlen(p) + 1 < cap)
            strcat(buf, p);
    }
    return buf;
}

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    quick = getenv("FIRMSCAN_TEST_QUICK") != NULL;
    dataset_init(&ds);
    static const char *const industries[] = {"footwear", "eyewear", "apparel", "鞋业", "", "line\nbreak"};
    static char id[8192], name[8192], alias[8192];
    /* enough text for several scan blocks of 64 KiB, so the threads share the work */
    uint32_t n = quick ? 1500 : 3000;
    for (uint32_t i = 0; i < n; i++) {
        random_string(id, sizeof id);
        if (rnd(3)) /* mostly unique ids with a tricky stem; otherwise the stem alone */
            snprintf(id + strlen(id), sizeof id - strlen(id), "-%u", (unsigned)i);
        random_string(name, sizeof name);
        random_string(alias, sizeof alias);
        struct firm_record r = {
            .id = id, .name = name, .alias = rnd(4) ? alias : NULL, .industry = industries[rnd(6)],
            .scale = rnd(3), .employees = (int32_t)rnd(1000), .founded = (int16_t)(1950 + rnd(70)), .line = i + 2,
        };
        if (dataset_add_firm(&ds, &r) == FIRM_NONE) {
            snprintf(id + strlen(id), sizeof id - strlen(id), "#%u", (unsigned)i);
            assert_int_not_equal(dataset_add_firm(&ds, &r), FIRM_NONE);
        }
    }
    assert_int_equal(firmscan_build(&fs, &ds), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    firmscan_free(&fs);
    dataset_free(&ds);
    return 0;
}

/* What a loop over filter_test_firm that stops at the first negative result gives. */
static int reference(struct firm_filter *f, uint8_t *pass, uint32_t *bad)
{
    for (uint32_t v = 0; v < ds.firms.n; v++) {
        enum match_result r = filter_test_firm(f, &ds, v);
        if (r < 0) {
            *bad = v;
            return r;
        }
        pass[v] = r == MATCH_YES;
    }
    return 0;
}

/* Runs text both ways, on one thread and on three, and fails on any difference. */
static void check_pattern(const char *text)
{
    struct firm_filter f;
    struct match_error err;
    if (filter_compile(&f, &ds, text, MATCH_SMART_CASE, &err) != 0)
        return; /* random patterns need not compile */
    uint32_t n = ds.firms.n;
    uint8_t *want = xcalloc(n, 1), *got = xcalloc(n, 1);
    uint32_t want_bad = UINT32_MAX;
    int want_rc = reference(&f, want, &want_bad);
    int scans = f.field == FILTER_DEFAULT ? match_scan_prepare(f.m) : 0;
    n_scanned += scans > 0;
    n_split += scans > 1;
    for (unsigned threads = 1; threads <= 3; threads += 2) {
        uint32_t got_bad = UINT32_MAX;
        memset(got, 0xAA, n);
        int rc = firmscan_run(&fs, &f, &ds, got, threads, NULL, NULL, &got_bad);
        if (rc != want_rc)
            fail_msg("pattern \"%s\", %u threads: status %d, the loop says %d", text, threads, rc, want_rc);
        uint32_t upto = want_rc < 0 ? want_bad : n;
        if (want_rc < 0 && got_bad != want_bad)
            fail_msg("pattern \"%s\", %u threads: first negative firm %u, the loop says %u", text, threads,
                     got_bad, want_bad);
        for (uint32_t v = 0; v < upto; v++)
            if (got[v] != want[v])
                fail_msg("pattern \"%s\", %u threads: firm %u (id \"%s\", name \"%s\") %s, the loop says %s", text,
                         threads, v, dataset_firm_id(&ds, v), dataset_str(&ds, ds.firms.name[v]),
                         got[v] ? "matches" : "does not match", want[v] ? "it does" : "it does not");
    }
    free(want);
    free(got);
    filter_free(&f);
}

static const char *const hand_picked[] = {
    /* ordinary */
    "a", "XinTong", "xintong", "foo|bar", "footwear|optical|leather", "鞋业.*有限公司", "(?i)lucheng\\s+xing",
    "lucheng\\s+xing", "中", "k", "K", "s", "ß", "ω", "é", "\\d", "\\d\\d", "[0-9]+", "[^a]", "[^ab ]b", "\\W",
    "\\S\\s", "\\w+ \\w+", "b.a", "a.*b", "(?s)a.*b", "a\\Nb", "\\bab\\b", "\\Bb", "a\\b", "\\x00", "\\0",
    "a[\\x00-\\x{10ffff}]", "\\p{Han}+", "\\P{L}", "\\X\\X", "a\\R", "\\h", "\\v", ".", "..", "\\.", "\\Qa.b\\E",
    "a{2,}", "a{26}", "(a|b)c", "(?:ab)+", "(?|(a)|(b))c", "(?<n>a)b", "(?'n'a)", "(?P<n>a)", "(?#c)ab",
    "(?i:A)b", "(?-i)a", "(?U)a+", "(?n)(a)", "(?J)(?<n>a)|(?<n>b)",
    /* plain alternations, scanned branch by branch */
    "xin|tong", "k|s", "ß|ω", "K|S", "\\d|a", "[ab]|c", "foo$|^bar", "a\\b|b", "\\Qa|b\\E|c", "a|b|c|d",
    "a|b|c|d|e", "中|业|a", "a.|b", "foo|", "é|É", "x[^a]|y", "a\\x00|b",
    /* anchors */
    "^a", "a$", "^$", "^.$", "^\\w+$", "b$|^a", "^(a|b)", "$", "^", "^中", "公司$", "^.*$", "(?m)^a", "(?m)a$",
    "(?s)^.*$", "\\s$", "^\\s", "^[^a]", "[^a]$", "^\\W", "\\W$", "^aaaaaaaaaaaaaaaaaaaaaa$",
    /* what the scan refuses */
    "\\Aa", "a\\z", "a\\Z", "\\Ga", "a\\Kb", "(a)\\1", "(?<n>a)\\k<n>", "a(?=b)", "a(?!b)", "(?<=a)b",
    "(?<!a)b", "a(?![^b])", "(?>a+)b", "a++b", "a*+$", "[^b]*+$", "a[^b]*+$", "b\\W?+$", "(?>a\\W?)$",
    "(?-m)^a", "(?^)a", "(?^)^a", "(?i-m)a$", "(?x) a b", "(*COMMIT)a",
    "a(*SKIP)b", "(*CR)a$", "(*ANY)^b", "(*LF)a$", "(*NUL)a", "(*UCP)a", "(a)(?(1)b|c)", "(a|b(?1))",
    "(?R)?a", "a(?C1)b", "[[:alpha:]]+", "[[:digit:]]$", "a(*ACCEPT)b", "\\g1", "(a)\\g{-1}",
    /* empty matches */
    "", "a*", "(ab)?", "x?$", "\\b", "^|a",
    /* too expensive, on the long strings */
    "(a+)+b", "(a|aa)+$", "^(\\w+\\s?)*\\d$", "(a*)*c", "^(a+)+$", "(\\w+\\s?)*\\d",
    /* field filters */
    "industry:foot", "industry:^$", "industry:\\n", "industry:鞋", "scale:glob|nat", "scale:^l", "name:a$",
    "alias:^$", "alias:中", "id:^a", "employees:^9", "founded:19[5-6]", "location:x",
};

static void test_hand_picked(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof hand_picked / sizeof hand_picked[0]; i++)
        check_pattern(hand_picked[i]);
}

static const char *const atoms[] = {
    "a", "b", "c", "A", "K", "k", "s", "S", "中", "业", "1", " ", "-", "\\.", ".", "[ab]", "[^a]", "[^\\n]",
    "\\w", "\\W", "\\s", "\\S", "\\d", "\\D", "\\N", "\\R", "\\X", "\\p{Han}", "\\P{L}", "\\x00", "\\n", "\\r",
    "\\h", "\\v", "\\x{212A}", "\\Qa.\\E", "^", "$", "\\b", "\\B", "ß", "é", "É", "x", "o", "ab", "中业",
};
/* mostly what the scan refuses */
static const char *const rare_atoms[] = {
    "\\A", "\\z", "\\Z", "\\G", "\\K", "\\1", "[[:alpha:]]", "(*COMMIT)", "(*SKIP)", "(*F)", "(?i)", "(?m)",
    "(?s)", "(?-m)", "(?x)", "(?-i)",
};
static const char *const quants[] = {"", "", "", "", "", "+", "*", "?", "{2}", "{1,3}", "+?", "*?"};
static const char *const rare_quants[] = {"*+", "++", "?+", "{1,2}+"};

static void gen(char *out, size_t cap, int depth)
{
    uint32_t k = 1 + rnd(4);
    for (uint32_t i = 0; i < k; i++) {
        char item[512] = "";
        uint32_t what = rnd(24);
        if (depth < 3 && what < 4) {
            static const char *const open[] = {"(", "(?:", "(?i:", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"};
            char inner[400] = "";
            gen(inner, sizeof inner, depth + 1);
            if (rnd(3) == 0) {
                strcat(inner, "|");
                gen(inner + strlen(inner), sizeof inner - strlen(inner), depth + 1);
            }
            snprintf(item, sizeof item, "%s%s)", open[rnd(4) ? rnd(4) : rnd(9)], inner);
        } else if (what == 4) {
            snprintf(item, sizeof item, "%s", rare_atoms[rnd(sizeof rare_atoms / sizeof rare_atoms[0])]);
        } else {
            snprintf(item, sizeof item, "%s", atoms[rnd(sizeof atoms / sizeof atoms[0])]);
        }
        if (strlen(out) + strlen(item) + 8 >= cap)
            return;
        strcat(out, item);
        strcat(out, rnd(30) ? quants[rnd(sizeof quants / sizeof quants[0])]
                            : rare_quants[rnd(sizeof rare_quants / sizeof rare_quants[0])]);
    }
    if (depth == 0 && rnd(4) == 0 && strlen(out) + 2 < cap / 2) {
        strcat(out, "|");
        gen(out + strlen(out), cap - strlen(out), depth + 1);
    }
}

static void random_patterns(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        char pat[1024] = "";
        static const char *const verbs[] = {"(*CR)", "(*ANY)", "(*LF)", "(*NUL)", "(*UCP)", "(*NO_START_OPT)"};
        if (rnd(30) == 0)
            strcat(pat, verbs[rnd(6)]);
        if (i % 4 == 3) {
            /* a plain alternation, which may be scanned branch by branch */
            static const char *const first[] = {"a", "b", "A", "K", "k", "s", "中", "业", "1", " ", "-", "\\.",
                                                "ß", "é", "É", "x", "o", "ab", "\\x{212A}", "\\Qa.\\E"};
            uint32_t branches = 2 + rnd(4);
            for (uint32_t k = 0; k < branches; k++) {
                if (k)
                    strcat(pat, "|");
                strcat(pat, first[rnd(sizeof first / sizeof first[0])]);
                for (uint32_t j = rnd(3); j > 0; j--)
                    strcat(pat, atoms[rnd(sizeof atoms / sizeof atoms[0])]);
            }
        } else {
            gen(pat + strlen(pat), sizeof pat - strlen(pat), 0);
        }
        check_pattern(pat);
    }
}

static void test_random(void **state)
{
    (void)state;
    random_patterns(quick ? 60 : 400);
}

/* The same with the interpreter: FIRMNET_NO_JIT is read when a pattern is compiled. */
static void test_interpreter(void **state)
{
    const char *was = getenv("FIRMNET_NO_JIT");
    char *keep = was ? xstrdup(was) : NULL;
    setenv("FIRMNET_NO_JIT", "1", 1);
    test_hand_picked(state);
    random_patterns(quick ? 30 : 150);
    if (keep)
        setenv("FIRMNET_NO_JIT", keep, 1);
    else
        unsetenv("FIRMNET_NO_JIT");
    free(keep);
}

static void test_scan_taken(void **state)
{
    (void)state;
    /* the differential tests mean little unless most patterns went through the scan */
    n_scanned = n_split = 0;
    rng = 12345;
    random_patterns(quick ? 60 : 400);
    print_message("%u of the random patterns took the scan, %u of them branch by branch; %u odd firms\n",
                  n_scanned, n_split, fs.n_odd);
    assert_true(n_scanned > (quick ? 10u : 120u));
    assert_true(n_split > (quick ? 2u : 20u));
    assert_true(fs.n_odd > 0 && fs.n_odd < ds.firms.n);
}

static int stop_after(void *ctx)
{
    int *left = ctx;
    return --*left < 0;
}

static void test_stop_and_limits(void **state)
{
    (void)state;
    struct firm_filter f;
    struct match_error err;
    assert_int_equal(filter_compile(&f, &ds, "a", 0, &err), 0);
    uint8_t *pass = xcalloc(ds.firms.n, 1), *pass2 = xcalloc(ds.firms.n, 1);
    int left = 0;
    uint32_t bad = 7;
    /* a key already waiting: nothing is done, on one thread or two (stop is asked on
     * the calling thread before it takes its first block) */
    assert_int_equal(firmscan_run(&fs, &f, &ds, pass, 1, stop_after, &left, &bad), FIRMSCAN_STOPPED);
    left = 0;
    assert_int_equal(firmscan_run(&fs, &f, &ds, pass, 2, stop_after, &left, &bad), FIRMSCAN_STOPPED);
    left = 1000000;
    assert_int_equal(firmscan_run(&fs, &f, &ds, pass, 2, stop_after, &left, &bad), 0);
    assert_int_equal(bad, 7);
    /* a key after the first block: on one thread the pass stops there (the text has
     * more than one block); on two, the other thread may have taken every block
     * before the calling thread asks again (it did under heavy load), and then the
     * pass is complete: stopped, or done with every result right */
    assert_true(fs.len > (size_t)64 * 1024); /* two blocks or more */
    left = 1;
    assert_int_equal(firmscan_run(&fs, &f, &ds, pass2, 1, stop_after, &left, &bad), FIRMSCAN_STOPPED);
    left = 1;
    int rc = firmscan_run(&fs, &f, &ds, pass2, 2, stop_after, &left, &bad);
    if (rc != FIRMSCAN_STOPPED) {
        assert_int_equal(rc, 0);
        assert_memory_equal(pass, pass2, ds.firms.n);
    }
    /* without the text every firm is tested by itself, with the same results */
    assert_int_equal(firmscan_run(NULL, &f, &ds, pass2, 0, NULL, NULL, &bad), 0);
    assert_memory_equal(pass, pass2, ds.firms.n);
    filter_free(&f);
    /* a pathological pattern stops at the first firm that hits the limit */
    assert_int_equal(filter_compile(&f, &ds, "(a+)+b", 0, &err), 0);
    bad = UINT32_MAX;
    assert_int_equal(firmscan_run(&fs, &f, &ds, pass, 0, NULL, NULL, &bad), MATCH_TOO_EXPENSIVE);
    assert_true(bad < ds.firms.n);
    filter_free(&f);
    /* no pattern: every firm fails, as filter_test_firm says */
    f.field = FILTER_DEFAULT;
    f.m = NULL;
    assert_int_equal(firmscan_run(&fs, &f, &ds, pass, 0, NULL, NULL, &bad), MATCH_FAILED);
    assert_int_equal(bad, 0);
    free(pass);
    free(pass2);
}

static void test_build(void **state)
{
    (void)state;
    /* the text holds each scanned firm's strings, the separator after each, and nothing of
     * odd firms */
    assert_int_equal(fs.n, ds.firms.n);
    assert_int_equal(fs.start[0], 0);
    assert_int_equal(fs.start[fs.n], fs.len);
    uint32_t oi = 0;
    for (uint32_t v = 0; v < fs.n; v++) {
        const char *p = fs.text + fs.start[v];
        if (oi < fs.n_odd && fs.odd[oi] == v) {
            assert_int_equal(fs.start[v], fs.start[v + 1]);
            oi++;
            continue;
        }
        const char *id = dataset_firm_id(&ds, v), *name = dataset_str(&ds, ds.firms.name[v]),
                   *alias = dataset_str(&ds, ds.firms.alias[v]);
        const char *want[3] = {id, name, alias};
        for (int k = 0; k < 3; k++) {
            if (k == 2 && !*alias)
                continue;
            assert_string_equal(p, want[k]);
            p += strlen(p);
            assert_memory_equal(p, FIRMSCAN_SEP, FIRMSCAN_SEP_LEN);
            p += FIRMSCAN_SEP_LEN;
        }
        assert_ptr_equal(p, fs.text + fs.start[v + 1]);
    }
    assert_int_equal(oi, fs.n_odd);
    /* a dataset large enough for the build to split over threads */
    struct dataset big;
    struct firmscan bs;
    dataset_init(&big);
    for (uint32_t i = 0; i < 70000; i++) {
        char id[32], name[64];
        snprintf(id, sizeof id, "F%u", (unsigned)i);
        snprintf(name, sizeof name, i % 3 ? "鞋业 %u" : i % 1000 == 0 ? "odd\n%u" : "Shoes %u", (unsigned)i);
        struct firm_record r = {.id = id, .name = name, .alias = i % 2 ? "alias" : NULL, .industry = "x"};
        assert_int_not_equal(dataset_add_firm(&big, &r), FIRM_NONE);
    }
    assert_int_equal(firmscan_build(&bs, &big), 0);
    assert_int_equal(bs.n_odd, 24); /* every 3000th */
    size_t at = 0;
    for (uint32_t v = 0; v < 70000; v++) {
        assert_int_equal(bs.start[v], at);
        if (v % 3 == 0 && v % 1000 == 0)
            continue;
        char want[128];
        int k = snprintf(want, sizeof want, "F%u%c%c%c%s%c%c%c", (unsigned)v, 0, 0xff, 0,
                         dataset_str(&big, big.firms.name[v]), 0, 0xff, 0);
        if (v % 2)
            k += snprintf(want + k, sizeof want - (size_t)k, "alias%c%c%c", 0, 0xff, 0);
        assert_memory_equal(bs.text + at, want, (size_t)k);
        at += (size_t)k;
    }
    assert_int_equal(bs.len, at);
    firmscan_free(&bs);
    dataset_free(&big);
    /* an empty dataset */
    struct dataset empty;
    struct firmscan e;
    dataset_init(&empty);
    assert_int_equal(firmscan_build(&e, &empty), 0);
    assert_int_equal(e.len, 0);
    struct firm_filter f;
    struct match_error err;
    assert_int_equal(filter_compile(&f, &empty, "a", 0, &err), 0);
    uint8_t byte = 0;
    assert_int_equal(firmscan_run(&e, &f, &empty, &byte, 0, NULL, NULL, NULL), 0);
    filter_free(&f);
    firmscan_free(&e);
    dataset_free(&empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_hand_picked),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_interpreter),
        cmocka_unit_test(test_scan_taken),
        cmocka_unit_test(test_stop_and_limits),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
