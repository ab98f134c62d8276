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

static enum match_result w_test(void *ctx, struct firm_filter *f, uint32_t row)
{
    (void)ctx;
    return list_test_text(f, words[row]);
}

static void w_draw(void *ctx, WINDOW *win, int y, int w, uint32_t row, int cursor, struct firm_filter *hl)
{
    (void)ctx, (void)win, (void)y, (void)w, (void)row, (void)cursor, (void)hl;
}

static const struct list_ops ops = {w_compile, w_test, w_draw};

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
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
