/* CSV reader: the fast path for quote-free lines must give exactly the records,
 * lines and errors libcsv gives (reference_only), on the fixture corpus, on random
 * text full of quotes, delimiters, CR/LF/CRLF and BOMs, and on files named on the
 * command line (tests/bench/csvdiff.test passes generated datasets). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "csvread.h"
#include "xalloc.h"

/* A transcript of everything the reader reported, compared byte for byte. */
struct transcript {
    char *s;
    size_t n, cap;
    uint64_t records;
};

static void put(struct transcript *t, const void *p, size_t n)
{
    t->s = xgrow(t->s, &t->cap, t->n + n + 1, 1);
    memcpy(t->s + t->n, p, n);
    t->n += n;
}

static void putf(struct transcript *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct transcript *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(t, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

/* Read as the loader reads (resync_stray_quotes): a multi-line record of the wrong
 * shape makes the reader go back. */
static enum csvread_action on_record(void *ctx, const struct csvread_record *r)
{
    struct transcript *t = ctx;
    t->records++;
    putf(t, "R %u-%u n=%u\n", r->line, r->end_line, r->n);
    for (uint32_t i = 0; i < r->n; i++) {
        assert_int_equal(r->field[i][r->len[i]], '\0');
        putf(t, "%zu:", r->len[i]);
        put(t, r->field[i], r->len[i]);
        put(t, "\n", 1);
    }
    return CSVREAD_CONTINUE;
}

static void on_error(void *ctx, enum csvread_error e, uint32_t line, const char *detail)
{
    putf(ctx, "E %d line %u %s\n", (int)e, line, detail ? detail : "-");
}

static void transcribe(struct transcript *t, const char *path, unsigned char delim, int reference)
{
    memset(t, 0, sizeof *t);
    struct csvread_options o = {delim, NULL, reference, 1};
    struct csvread_handler h = {on_record, on_error, NULL, t};
    int rc = csvread_file(path, &o, &h);
    putf(t, "rc %d\n", rc);
    put(t, "", 0);
    t->s[t->n] = '\0';
}

/* Compares the two paths on one file; prints where they part on failure. */
static void same_both_ways(const char *path, unsigned char delim)
{
    struct transcript fast, ref;
    transcribe(&fast, path, delim, 0);
    transcribe(&ref, path, delim, 1);
    if (fast.n != ref.n || memcmp(fast.s, ref.s, fast.n) != 0) {
        size_t i = 0;
        while (i < fast.n && i < ref.n && fast.s[i] == ref.s[i])
            i++;
        size_t from = i > 200 ? i - 200 : 0;
        print_error("%s: fast path and libcsv differ at transcript byte %zu\n--- libcsv:\n%.400s\n--- fast:\n%.400s\n",
                    path, i, ref.s + from, fast.s + from);
        fail();
    }
    free(fast.s);
    free(ref.s);
}

static char tmpdir[64];

static const char *write_tmp(const char *text, size_t n)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/t.csv", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
    return path;
}

static int setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/firmnet-csvdiff-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/t.csv", tmpdir);
    unlink(path);
    return rmdir(tmpdir);
}

static void test_handpicked(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "a,b,c\n1,2,3\n",
        "a,b,c\r\n1,2,3\r\n4,5,6",
        "a,b\r1,2\r3,4\r",
        ("\xEF\xBB\xBF" "id,name\nx,y\n"), /* a BOM, then the header; parenthesised: one element */
        "a,b\n\n\n1,2\n\r\n3,4\n",
        "a,b\n,\n,,\n , \n",
        "a,b\n\"x,y\",2\n3,\"multi\nline\"\n5,6\n",
        "a,b\n\"open,2\n3,4\n5,6\n",
        "a,b\n1,\"unterminated\n",
        "a,b\nx\"y,2\n\"\"\"q\"\"\",3\n",
        "a,b\n1,2,3\n4\n\"5\n6\",7,8\n9,10\n",
        "h\n\tspaced\t,  \n",
        "a;b\n1;2\n\"x;y\";3\n",
        "a,b\n1,2\r\r\n3,4\n",
        "",
        "\n\n",
        "a,b\n1,2",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *p = write_tmp(cases[i], strlen(cases[i]));
        same_both_ways(p, 0);
        same_both_ways(p, ';');
    }
}

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* Random text from pieces that matter to a CSV parser, mostly well-formed rows so the
 * fast path is taken often, with quotes and odd line ends in between. */
static size_t random_csv(char *buf, size_t cap, size_t target)
{
    static const char *const pieces[] = {
        "abc", "x", "WZ-FW-0001", "鞋业", " ", "\t", ",", ",", ",", ";", "\"", "\"\"",
        "\"q,uoted\"", "\"multi\nline\"", "\"cr\r\nlf\"", "\n", "\n", "\r\n", "\r", "", "é",
        "\"a\"\"b\"", "\"x\" ", " \"y\"", "\"z\"w", "\"\"\"\"", "\"鞋,业\"", "\"\",",
    };
    size_t n = 0;
    if (rnd(4) == 0) {
        memcpy(buf, "\xEF\xBB\xBF", 3);
        n = 3;
    }
    while (n < target && n + 64 < cap) {
        if (rnd(3)) {
            /* a plain row of 3 fields */
            int k = snprintf(buf + n, cap - n, "f%u,g%u,%s%s", rnd(1000), rnd(100), rnd(5) ? "h" : "",
                             rnd(6) == 0 ? "\r\n" : rnd(8) == 0 ? "\r" : "\n");
            n += (size_t)k;
            continue;
        }
        const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
        size_t k = strlen(p);
        memcpy(buf + n, p, k);
        n += k;
    }
    return n;
}

static void test_random(void **state)
{
    (void)state;
    size_t cap = 1u << 16;
    char *buf = xmalloc(cap);
    for (int i = 0; i < 3000; i++) {
        size_t n = random_csv(buf, cap, 1 + rnd(i % 10 == 0 ? 4000 : 300));
        const char *p = write_tmp(buf, n);
        same_both_ways(p, 0);
        if (i % 5 == 0)
            same_both_ways(p, ';');
    }
    free(buf);
}

/* Past the 1 MiB read block: line ends, CRLF pairs and quoted fields split across blocks. */
static void test_block_boundaries(void **state)
{
    (void)state;
    size_t cap = (3u << 20) + 4096;
    char *buf = xmalloc(cap);
    for (int round = 0; round < 6; round++) {
        size_t n = random_csv(buf, cap, 3u << 20);
        /* put a CR, a CRLF or a quote exactly at the block end in some rounds */
        size_t at = (1u << 20) - 1;
        if (n > at + 2) {
            if (round == 1)
                buf[at] = '\r', buf[at + 1] = '\n';
            else if (round == 2)
                buf[at] = '\r', buf[at + 1] = 'x';
            else if (round == 3)
                buf[at] = '"';
            else if (round == 4)
                buf[at] = ',';
        }
        same_both_ways(write_tmp(buf, n), 0);
    }
    free(buf);
}

static void test_fixture_corpus(void **state)
{
    (void)state;
    const char *top = getenv("top_srcdir");
    char pat[4096];
    static const char *const where[] = {"data/*/*.csv", "data/examples/*/*.csv", "tests/tui/data/*/*.csv",
                                        "tests/cli/data/*/*.csv"};
    size_t files = 0;
    for (size_t w = 0; w < sizeof where / sizeof *where; w++) {
        snprintf(pat, sizeof pat, "%s/%s", top ? top : ".", where[w]);
        glob_t g;
        if (glob(pat, 0, NULL, &g) != 0)
            continue;
        for (size_t i = 0; i < g.gl_pathc; i++, files++)
            same_both_ways(g.gl_pathv[i], 0);
        globfree(&g);
    }
    if (!files)
        skip();
}

/* The batches themselves, against rows whose fields are known: at most 4096 records a
 * batch, record after record in file order across batches, the fields back to back
 * and NUL-terminated, an error before the record after it; a taker that says stop is
 * called no more and the reader returns 0. */
struct batch_check {
    uint32_t next;    /* the row expected next */
    unsigned batches;
    int stop_after;   /* batches to take before saying stop; -1: never */
    uint32_t first_n; /* records of the first batch */
};

static int check_batch(void *ctx, struct csvread_batch **bp)
{
    struct batch_check *bc = ctx;
    const struct csvread_batch *b = *bp;
    if (!bc->batches++)
        bc->first_n = b->n;
    assert_true(b->n <= 4096);
    for (uint32_t k = 0; k < b->n_fault; k++) {
        assert_true(b->fault[k].before <= b->n);
        assert_true(k == 0 || b->fault[k].before >= b->fault[k - 1].before);
    }
    for (uint32_t i = 0; i < b->n; i++) {
        const struct csvread_record *r = &b->rec[i];
        uint32_t row = bc->next++;
        char want[3][32];
        snprintf(want[0], sizeof want[0], "a%u", row);
        snprintf(want[1], sizeof want[1], row % 1000 == 7 ? "multi\nline %u" : "b%u", row);
        snprintf(want[2], sizeof want[2], "%u", row * 7);
        assert_int_equal(r->n, 3);
        for (uint32_t j = 0; j < 3; j++) {
            assert_int_equal(r->len[j], strlen(want[j]));
            assert_memory_equal(r->field[j], want[j], r->len[j] + 1);
            if (j)
                assert_ptr_equal(r->field[j], r->field[j - 1] + r->len[j - 1] + 1);
        }
        /* the multi-line rows push every later row down a line */
        uint32_t line = row + 1 + (row + 992) / 1000;
        assert_int_equal(r->line, line);
        assert_int_equal(r->end_line, line + (row % 1000 == 7));
    }
    return bc->stop_after >= 0 && bc->batches >= (unsigned)bc->stop_after;
}

static void test_batches(void **state)
{
    (void)state;
    const uint32_t rows = 20000;
    size_t cap = (size_t)rows * 48, n = 0;
    char *buf = xmalloc(cap);
    for (uint32_t row = 0; row < rows; row++)
        n += (size_t)snprintf(buf + n, cap - n, row % 1000 == 7 ? "a%u,\"multi\nline %u\",%u\n" : "a%u,b%u,%u\n", row,
                              row, row * 7);
    const char *p = write_tmp(buf, n);
    for (int reference = 0; reference < 2; reference++) {
        struct csvread_options o = {0, NULL, reference, 1};
        struct batch_check bc = {0, 0, -1, 0};
        assert_int_equal(csvread_batches(p, &o, check_batch, &bc), 0);
        assert_int_equal(bc.next, rows);
        /* a file of 300 KB is read in batches far smaller than the largest (4096
         * records), all but the last of one size */
        assert_true(bc.first_n >= 64 && bc.first_n < 1024);
        assert_true(bc.batches >= rows / bc.first_n);
        struct batch_check stop = {0, 0, 2, 0};
        assert_int_equal(csvread_batches(p, &o, check_batch, &stop), 0);
        assert_int_equal(stop.batches, 2);
        assert_int_equal(stop.next, 2 * stop.first_n);
    }
    /* an error comes before the record after it, in its batch */
    static const char bad[] = "a,b\n1,2\n\"never closed,3\n";
    struct csvread_options o = {0, NULL, 0, 1};
    struct transcript t;
    memset(&t, 0, sizeof t);
    struct csvread_handler h = {on_record, on_error, NULL, &t};
    assert_int_equal(csvread_file(write_tmp(bad, sizeof bad - 1), &o, &h), 0);
    put(&t, "", 1);
    assert_string_equal(t.s, "R 1-1 n=2\n1:a\n1:b\nR 2-2 n=2\n1:1\n1:2\nE 1 line 3 -\n");
    free(t.s);
    free(buf);
}

static char **extra_files;
static int n_extra_files;

static void test_named_files(void **state)
{
    (void)state;
    if (!n_extra_files)
        skip();
    for (int i = 0; i < n_extra_files; i++)
        same_both_ways(extra_files[i], 0);
}

int main(int argc, char **argv)
{
    extra_files = argv + 1;
    n_extra_files = argc - 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handpicked),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_block_boundaries),
        cmocka_unit_test(test_batches),
        cmocka_unit_test(test_fixture_corpus),
        cmocka_unit_test(test_named_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
