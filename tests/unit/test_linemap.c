/* core/linemap: the line of every row from its breakpoints, by hand and through the
 * loader on files whose rows are not one a line (quoted fields over several lines,
 * blank lines, rows skipped), checked against the line each row says it is on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cache.h"
#include "graph.h"
#include "linemap.h"
#include "load.h"
#include "snapshot.h"
#include "xalloc.h"

/* Appends lines[0 .. n) and expects every row to read back, and as many breakpoints
 * as rows where line - row changes. */
static void expect_map(const uint32_t *lines, uint32_t n)
{
    struct linemap m = {0};
    uint32_t changes = 0;
    for (uint32_t i = 0; i < n; i++) {
        linemap_append(&m, lines[i]);
        changes += i == 0 || lines[i] - i != lines[i - 1] - (i - 1);
    }
    assert_int_equal(m.rows, n);
    assert_int_equal(m.n, changes);
    assert_true(linemap_valid(m.brk, m.n, n));
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(linemap_get(&m, i), lines[i]);
    linemap_trim(&m);
    assert_int_equal(m.cap, m.n);
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(linemap_get(&m, i), lines[i]);
    linemap_free(&m);
}

static void test_by_hand(void **state)
{
    (void)state;
    uint32_t plain[1000];
    for (uint32_t i = 0; i < 1000; i++)
        plain[i] = i + 2; /* one record a line after the header: one breakpoint */
    expect_map(plain, 1000);
    struct linemap m = {0};
    for (uint32_t i = 0; i < 1000; i++)
        linemap_append(&m, plain[i]);
    assert_int_equal(m.n, 1);
    linemap_free(&m);
    /* a record over three lines, a blank line, a skipped row; lines equal (an import's
     * rows from one line), lines below their row, 0 and the largest */
    static const uint32_t odd[] = {2, 3, 6, 7, 9, 9, 9, 10, 1, 0, 0, UINT32_MAX, 5, UINT32_MAX - 1};
    expect_map(odd, sizeof odd / sizeof *odd);
    expect_map(odd, 1);
    expect_map(odd, 0);
    /* many breakpoints: a random walk, each row 1 to 3 lines on */
    uint32_t *walk = xmalloc(100000 * sizeof *walk);
    uint64_t x = 88172645463325252u;
    uint32_t line = 2;
    for (uint32_t i = 0; i < 100000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        walk[i] = line;
        line += 1 + (uint32_t)(x % 8 == 0) + (uint32_t)(x % 16 == 0);
    }
    expect_map(walk, 100000);
    free(walk);
}

static void test_valid(void **state)
{
    (void)state;
    const struct linemap_break ok[] = {{0, 2}, {5, 3}, {9, 1}};
    assert_true(linemap_valid(ok, 3, 10));
    assert_true(linemap_valid(NULL, 0, 0));
    assert_false(linemap_valid(ok, 0, 10));  /* rows but no breakpoint */
    assert_false(linemap_valid(ok, 1, 0));   /* a breakpoint but no rows */
    assert_false(linemap_valid(ok, 3, 9));   /* one past the last row */
    assert_false(linemap_valid(ok + 1, 2, 10)); /* the first not at row 0 */
    const struct linemap_break same[] = {{0, 2}, {5, 3}, {5, 4}}, down[] = {{0, 2}, {6, 3}, {5, 4}};
    assert_false(linemap_valid(same, 3, 10));
    assert_false(linemap_valid(down, 3, 10));
}

/* A text that grows as needed. */
struct text {
    char *s;
    size_t n, cap;
};

static void put(struct text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
        va_end(ap);
        assert_true(k >= 0);
        if ((size_t)k < t->cap - t->n) {
            t->n += (size_t)k;
            return;
        }
        t->cap = t->cap * 2 + (size_t)k + 64;
        t->s = xrealloc(t->s, t->cap);
    }
}

static void write_file(const char *dir, const char *name, const struct text *t)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(t->s, 1, t->n, f), t->n);
    fclose(f);
}

/* The line a row's text says it starts on: "L<line>" and maybe more. */
static uint32_t said_line(const char *s)
{
    assert_true(s[0] == 'L');
    return (uint32_t)strtoul(s + 1, NULL, 10);
}

/* Every row's line is the one its text says (name, note), and the maps have many
 * breakpoints (the test is about them). */
static void expect_said_lines(const struct dataset *ds)
{
    assert_true(ds->firms.line.n > 100 && ds->links.line.n > 100);
    for (uint32_t i = 0; i < ds->firms.n; i++)
        assert_int_equal(dataset_firm_line(ds, i), said_line(dataset_str(ds, ds->firms.name[i])));
    for (uint32_t e = 0; e < ds->links.n; e++)
        assert_int_equal(dataset_link_line(ds, e), said_line(dataset_str(ds, ds->links.note[e])));
}

/* Firms and linkages whose name and note carry the line they start on, with quoted
 * fields over several lines (LF and CRLF), blank lines, rows of delimiters only, a
 * duplicate id and a linkage to an unknown firm (rows skipped), over several of the
 * reader's batches; every row's line as loaded is the one it says, and a snapshot
 * (written, then read back) says the same. */
static void test_through_the_loader(void **state)
{
    (void)state;
    const uint32_t nf = 6000, nl = 20000;
    struct text F = {0}, L = {0};
    uint64_t x = 0x9E3779B97F4A7C15u;
    uint32_t line = 1;
    put(&F, "id,name,industry,scale\n");
    for (uint32_t i = 0; i < nf; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        line++;
        switch (x % 10) {
        case 0: /* a name over three lines */
            put(&F, "F%u,\"L%u one\ntwo\r\nthree\",footwear,local\n", i, line);
            line += 2;
            break;
        case 1: /* a blank line first */
            put(&F, "\n");
            line++;
            put(&F, "F%u,L%u,footwear,national\n", i, line);
            break;
        case 2: /* a row of delimiters, skipped */
            put(&F, ",,,\n");
            line++;
            put(&F, "F%u,L%u,soles,global\n", i, line);
            break;
        case 3: /* an id used before: the row is skipped */
            if (i) {
                put(&F, "F0,dup,soles,local\n");
                line++;
            }
            put(&F, "F%u,L%u,soles,global\n", i, line);
            break;
        default:
            put(&F, "F%u,L%u,footwear,local\n", i, line);
        }
    }
    line = 1;
    put(&L, "source,target,type,note\n");
    for (uint32_t e = 0; e < nl; e++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint32_t s = (uint32_t)(x % nf), t = (uint32_t)((x >> 20) % nf);
        if (t == s)
            t = (s + 1) % nf;
        line++;
        switch (x % 12) {
        case 0:
            put(&L, "F%u,F%u,supply,\"L%u, over\ntwo lines\"\n", s, t, line);
            line++;
            break;
        case 1:
            put(&L, "\r\n");
            line++;
            put(&L, "F%u,F%u,rnd,L%u\n", s, t, line);
            break;
        case 2: /* an unknown firm: skipped */
            put(&L, "F%u,NOPE,supply,x\n", s);
            line++;
            put(&L, "F%u,F%u,social,L%u\n", s, t, line);
            break;
        default:
            put(&L, "F%u,F%u,supply,L%u\n", s, t, line);
        }
    }
    char dir[64];
    strcpy(dir, "/tmp/firmnet-linemap-XXXXXX");
    assert_non_null(mkdtemp(dir));
    write_file(dir, "firms.csv", &F);
    write_file(dir, "linkages.csv", &L);
    free(F.s);
    free(L.s);
    char cache[96];
    snprintf(cache, sizeof cache, "%s/cache", dir);
    setenv("FIRMNET_CACHE_DIR", cache, 1);
    setenv("FIRMNET_CACHE_MIN", "0", 1);
    for (int pass = 0; pass < 2; pass++) { /* the CSV; the CSV again, a snapshot written */
        struct dataset ds;
        struct diag dg;
        diag_init(&dg);
        struct load_options o = {0};
        o.cache = pass ? LOAD_CACHE | LOAD_CACHE_QUIET : 0;
        assert_int_equal(load_dataset(&ds, &dg, dir, &o), 0);
        assert_int_equal(ds.firms.n, nf); /* the duplicates and blank rows were extra rows */
        assert_int_equal(ds.links.n, nl);
        expect_said_lines(&ds);
        dataset_free(&ds);
        diag_free(&dg);
    }
    /* the snapshot read back */
    char fp[128], lp[128];
    snprintf(fp, sizeof fp, "%s/firms.csv", dir);
    snprintf(lp, sizeof lp, "%s/linkages.csv", dir);
    struct cache_key k;
    assert_int_equal(cache_key_make(&k, fp, lp, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), 0);
    struct dataset ds;
    struct diag dg;
    struct graph g;
    dataset_init(&ds);
    diag_init(&dg);
    char why[SNAPSHOT_WHY_MAX];
    if (snapshot_load(k.path, &k.snap, &ds, &dg, &g, why) != 0)
        fail_msg("the snapshot was not read: %s", why);
    expect_said_lines(&ds);
    graph_free(&g);
    dataset_free(&ds);
    diag_free(&dg);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_through_the_loader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
