/* Unit tests for the explorer's list (cursor, filter, incremental search), key table
 * and key-script parser: the logic under the screens, without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "firmscan.h"
#include "keys.h"
#include "list.h"
#include "script.h"
#include "xalloc.h"

/* Rows are indices into this table; a pattern is matched against the text. */
static const char *const words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "Zeta", "eta"};
#define NWORDS 7

static int w_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    (void)ctx;
    return list_compile_text(text, f, err);
}

static unsigned n_tests; /* rows tested one by one */

static enum match_result w_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    (void)ctx;
    n_tests++;
    return list_test_text(f, words[row % NWORDS]);
}

static void w_draw(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor, struct firm_filter *hl)
{
    (void)ctx, (void)win, (void)y, (void)w, (void)row, (void)cursor, (void)hl;
}

static const struct list_ops ops = {w_compile, w_test, w_draw, NULL};

static void make(struct list *l, int height)
{
    list_init(l, &ops, NULL);
    uint32_t *rows = xmalloc(NWORDS * sizeof *rows);
    for (uint32_t i = 0; i < NWORDS; i++)
        rows[i] = i;
    list_set_rows(l, rows, NWORDS, NWORDS);
    list_resize(l, height);
}

static void test_cursor_and_scroll(void **state)
{
    (void)state;
    struct list l;
    make(&l, 3);
    assert_int_equal(list_selected(&l), 0);
    list_move(&l, 4);
    assert_int_equal(l.cursor, 4);
    assert_int_equal(l.top, 2); /* scrolled just enough to show the cursor */
    list_move(&l, 100);
    assert_int_equal(l.cursor, NWORDS - 1);
    assert_int_equal(l.top, NWORDS - 3);
    list_move(&l, -100);
    assert_int_equal(l.cursor, 0);
    assert_int_equal(l.top, 0);
    assert_int_equal(list_select(&l, 5), 0);
    assert_int_equal(list_selected(&l), 5);
    assert_int_equal(list_select(&l, 99), -1);
    list_free(&l);
}

static void test_filter_keeps_selection(void **state)
{
    (void)state;
    struct list l;
    struct match_error err;
    make(&l, 10);
    list_select(&l, 3); /* delta */
    assert_int_equal(list_filter(&l, "eta$", &err), 0);
    /* beta, Zeta, eta: smart case makes "eta" caseless */
    assert_int_equal(l.n, 3);
    assert_int_equal(l.shown[0], 1);
    assert_int_equal(l.shown[1], 5);
    assert_int_equal(l.shown[2], 6);
    list_select(&l, 5);
    /* a bad pattern leaves the previous result alone */
    assert_int_equal(list_filter(&l, "ab(", &err), -1);
    assert_int_equal(err.offset, 3);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.filter_text, "eta$");
    /* clearing keeps the cursor on the same row */
    assert_int_equal(list_filter(&l, "", &err), 0);
    assert_int_equal(l.n, NWORDS);
    assert_int_equal(list_selected(&l), 5);
    assert_null(l.filter_text);
    list_free(&l);
}

static void test_search(void **state)
{
    (void)state;
    struct list l;
    struct match_error err;
    make(&l, 10);
    list_select(&l, 2);
    list_search_begin(&l);
    assert_int_equal(list_search_update(&l, "e", &err), 0);
    assert_int_equal(list_selected(&l), 3); /* first match at or after the origin */
    assert_int_equal(list_search_update(&l, "ep", &err), 0);
    assert_int_equal(list_selected(&l), 4);
    assert_int_equal(list_search_update(&l, "xyz", &err), 1);
    assert_int_equal(list_search_update(&l, "(", &err), -1);
    assert_int_equal(list_search_update(&l, "ta", &err), 0);
    assert_int_equal(list_selected(&l), 3);
    list_search_accept(&l);
    assert_int_equal(list_search_next(&l, 1), 0);
    assert_int_equal(list_selected(&l), 5);
    assert_int_equal(list_search_next(&l, 1), 0);
    assert_int_equal(list_selected(&l), 6);
    assert_int_equal(list_search_next(&l, 1), 0); /* wraps */
    assert_int_equal(list_selected(&l), 1);
    assert_int_equal(list_search_next(&l, -1), 0);
    assert_int_equal(list_selected(&l), 6);
    /* Esc in the prompt restores the previous search and position */
    list_search_begin(&l);
    list_search_update(&l, "alpha", &err);
    assert_int_equal(list_selected(&l), 0);
    list_search_cancel(&l);
    assert_int_equal(list_selected(&l), 6);
    assert_string_equal(l.search_text, "ta");
    list_clear(&l);
    assert_int_equal(list_search_next(&l, 1), -1);
    list_free(&l);
}

static int always_stop(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_live_filter(void **state)
{
    (void)state;
    struct list l;
    struct match_error err;
    make(&l, 10);
    assert_int_equal(list_filter(&l, "a$", &err), 0);
    assert_int_equal(l.n, 6); /* all but epsilon */
    /* as it is typed, the filter shows its rows; the applied one stays for Esc */
    assert_int_equal(list_filter_live(&l, "et", &err, NULL, NULL), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(list_filter_shown(&l), "et");
    assert_string_equal(l.filter_text, "a$");
    /* a newer key waiting: the pass is abandoned and nothing changes */
    assert_int_equal(list_filter_live(&l, "e", &err, always_stop, NULL), 1);
    assert_int_equal(l.n, 3);
    assert_string_equal(list_filter_shown(&l), "et");
    /* a pattern that does not compile leaves the rows as they are */
    assert_int_equal(list_filter_live(&l, "(", &err, NULL, NULL), -1);
    assert_int_equal(l.n, 3);
    /* the empty text shows every row */
    assert_int_equal(list_filter_live(&l, "", &err, NULL, NULL), 0);
    assert_int_equal(l.n, NWORDS);
    assert_null(list_filter_shown(&l));
    /* Esc: back to the applied filter */
    list_filter_live_cancel(&l);
    assert_int_equal(l.n, 6);
    assert_string_equal(list_filter_shown(&l), "a$");
    /* Enter on what is shown applies it without testing the rows again */
    assert_int_equal(list_filter_live(&l, "mm", &err, NULL, NULL), 0);
    n_tests = 0;
    assert_int_equal(list_filter(&l, "mm", &err), 0);
    assert_int_equal(n_tests, 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.filter_text, "mm");
    assert_int_equal(l.live, 0);
    /* Enter on other text than the shown one runs the pass */
    assert_int_equal(list_filter_live(&l, "mm", &err, NULL, NULL), 0);
    assert_int_equal(list_filter(&l, "ta", &err), 0);
    assert_int_equal(l.n, 4); /* beta, delta, Zeta, eta */
    assert_string_equal(l.filter_text, "ta");
    /* Enter on an emptied prompt clears the filter */
    assert_int_equal(list_filter_live(&l, "", &err, NULL, NULL), 0);
    assert_int_equal(list_filter(&l, "", &err), 0);
    assert_int_equal(l.n, NWORDS);
    assert_null(l.filter_text);
    list_free(&l);
}

/* A long list whose rows are tested all at once, as the firm list does through
 * firmscan: rows are ids into a long list of repeated words; "boom" is too
 * expensive on row ids from BOOM_ROW on. */
#define LONG_ROWS 6000u
#define BOOM_ROW 4000u
static unsigned n_passes;

static enum match_result long_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    (void)ctx;
    n_tests++;
    if (row >= BOOM_ROW && f->field == 7)
        return MATCH_TOO_EXPENSIVE;
    return list_test_text(f, words[row % NWORDS]);
}

static int long_compile(void *ctx, const char *text, struct firm_filter *f, struct match_error *err)
{
    int rc = w_compile(ctx, strcmp(text, "boom") ? text : "zzz", f, err);
    f->field = strcmp(text, "boom") ? FILTER_DEFAULT : 7;
    return rc;
}

static int long_test_all(void *ctx, struct firm_filter *f, uint8_t *pass, uint32_t *bad, int (*stop)(void *),
                         void *sctx)
{
    if (stop && stop(sctx))
        return FIRMSCAN_STOPPED;
    n_passes++;
    for (uint32_t row = 0; row < LONG_ROWS; row++) {
        enum match_result r = long_test(ctx, f, row);
        if (r < 0) {
            *bad = row;
            return r;
        }
        pass[row] = r == MATCH_YES;
    }
    return 0;
}

static void test_long_search(void **state)
{
    (void)state;
    static const struct list_ops long_ops = {long_compile, long_test, w_draw, long_test_all};
    struct list l;
    struct match_error err;
    list_init(&l, &long_ops, NULL);
    uint32_t *rows = xmalloc(LONG_ROWS * sizeof *rows);
    for (uint32_t i = 0; i < LONG_ROWS; i++)
        rows[i] = LONG_ROWS - 1 - i; /* shown in reverse id order */
    list_set_rows(&l, rows, LONG_ROWS, LONG_ROWS);
    list_resize(&l, 10);
    /* a near match is found row by row, without a pass */
    list_search_begin(&l);
    n_passes = 0;
    assert_int_equal(list_search_update(&l, "eps", &err), 0);
    assert_int_equal(list_selected(&l) % NWORDS, 4);
    assert_int_equal(n_passes, 0);
    /* nothing near: one pass decides, and n reuses it */
    assert_int_equal(list_search_update_stop(&l, "zzz", &err, always_stop, NULL), 2);
    assert_int_equal(list_search_update(&l, "zzz", &err), 1);
    assert_int_equal(n_passes, 1);
    list_search_accept(&l);
    assert_int_equal(list_search_next(&l, 1), 1);
    assert_int_equal(n_passes, 1);
    /* from row id 3999 down: the rows near the cursor one by one, then the pass,
     * which stops at id BOOM_ROW; ids below it are decided by the pass, and the
     * search meets the limit where a row-by-row search would, at id 5999 after
     * wrapping */
    list_set_cursor(&l, LONG_ROWS - BOOM_ROW);
    assert_int_equal(list_selected(&l), BOOM_ROW - 1);
    list_search_begin(&l);
    n_passes = n_tests = 0;
    assert_int_equal(list_search_update(&l, "boom", &err), -2);
    assert_string_equal(err.message, "pattern too expensive");
    assert_int_equal(n_passes, 1);
    /* 2048 near the cursor, BOOM_ROW + 1 in the pass, and id 5999 */
    assert_int_equal(n_tests, 2048 + BOOM_ROW + 1 + 1);
    list_search_cancel(&l);
    list_free(&l);
}

static void test_keys(void **state)
{
    (void)state;
    assert_int_equal(keys_action('q'), ACT_QUIT);
    assert_int_equal(keys_action(K_DOWN), ACT_DOWN);
    assert_int_equal(keys_action('j'), ACT_DOWN);
    assert_int_equal(keys_action('\t'), ACT_NEXT_PANE);
    assert_int_equal(keys_action('Z'), ACT_NONE);
    char buf[64];
    assert_string_equal(keys_describe(ACT_DOWN, buf, sizeof buf), "Down, j");
    assert_string_equal(keys_describe(ACT_FOLLOW, buf, sizeof buf), "Enter");
    /* every action is bound and documented */
    for (int a = 0; a < ACT_COUNT; a++) {
        assert_true(keys_first((enum action)a) >= 0);
        assert_true(strlen(keys_help((enum action)a)) > 0);
    }
    assert_int_equal(keys_from_token("Enter", 5), '\n');
    assert_int_equal(keys_from_token("pgdn", 4), K_NPAGE);
    assert_int_equal(keys_from_token("C-l", 3), K_CTRL('l'));
    assert_int_equal(keys_from_token("Nope", 4), -1);
}

static void test_script(void **state)
{
    (void)state;
    char path[] = "/tmp/firmnet-keys-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\nj <Down> ab\n<Resize 80x24> <Dump out.txt>\n:type 眼 x\n", f);
    fclose(f);
    struct script *s = script_load(path);
    assert_non_null(s);
    const struct script_event *e;
    int expect_keys[] = {'j', K_DOWN, 'a', 'b'};
    for (int i = 0; i < 4; i++) {
        e = script_next(s);
        assert_int_equal(e->kind, SCRIPT_KEY);
        assert_int_equal(e->key, expect_keys[i]);
    }
    e = script_next(s);
    assert_int_equal(e->kind, SCRIPT_RESIZE);
    assert_int_equal(e->cols, 80);
    assert_int_equal(e->rows, 24);
    e = script_next(s);
    assert_int_equal(e->kind, SCRIPT_DUMP);
    assert_string_equal(e->path, "out.txt");
    int typed[] = {0x773c, ' ', 'x'};
    for (int i = 0; i < 3; i++) {
        e = script_next(s);
        assert_int_equal(e->key, typed[i]);
    }
    assert_null(script_next(s));
    script_free(s);
    f = fopen(path, "w");
    fputs("<Bogus>\n", f);
    fclose(f);
    assert_null(script_load(path));
    unlink(path);
}

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return 77;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cursor_and_scroll),
        cmocka_unit_test(test_filter_keeps_selection),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_live_filter),
        cmocka_unit_test(test_long_search),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
