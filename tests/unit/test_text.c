/* Unit tests for core/text: UTF-8 decoding, sanitizing hostile text, widths, fitting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>
#include "text.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int setup_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    return 0;
}

static void test_utf8_valid(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_int_equal(text_utf8_valid(S(""), &bad), 1);
    assert_int_equal(text_utf8_valid(S("abc"), &bad), 1);
    assert_int_equal(text_utf8_valid(S("瓯海明视眼镜"), &bad), 1);
    assert_int_equal(text_utf8_valid(S("\xf0\x9f\x98\x80"), &bad), 1);   /* U+1F600 */
    assert_int_equal(text_utf8_valid(S("\xf4\x8f\xbf\xbf"), &bad), 1);   /* U+10FFFF */
    assert_int_equal(text_utf8_valid(S("\xef\xbf\xbd"), NULL), 1);       /* a real U+FFFD */
    assert_int_equal(text_utf8_valid(S("\xc0\x80"), &bad), 0);           /* overlong NUL */
    assert_int_equal(bad, 0);
    assert_int_equal(text_utf8_valid(S("a\xe0\x80\x80"), &bad), 0);      /* overlong 3-byte */
    assert_int_equal(bad, 1);
    assert_int_equal(text_utf8_valid(S("ab\xf0\x8f\xbf\xbf"), &bad), 0); /* overlong 4-byte */
    assert_int_equal(bad, 2);
    assert_int_equal(text_utf8_valid(S("x\xed\xa0\x80"), &bad), 0);      /* surrogate D800 */
    assert_int_equal(bad, 1);
    assert_int_equal(text_utf8_valid(S("\xf4\x90\x80\x80"), &bad), 0);   /* U+110000 */
    assert_int_equal(bad, 0);
    assert_int_equal(text_utf8_valid(S("\xf5\x80\x80\x80"), &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(text_utf8_valid(S("眼\xe9\x95"), &bad), 0);          /* truncated */
    assert_int_equal(bad, 3);
    assert_int_equal(text_utf8_valid(S("ok\x80"), &bad), 0);             /* stray continuation */
    assert_int_equal(bad, 2);
    assert_int_equal(text_utf8_valid(S("a\xffz"), NULL), 0);
}

static void test_utf8_decode(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(text_utf8_decode(S("A"), &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(text_utf8_decode(S("\xc3\xa9"), &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(text_utf8_decode(S("眼"), &cp), 3);
    assert_int_equal(cp, 0x773C);
    assert_int_equal(text_utf8_decode(S("\xf0\x9f\x98\x80"), &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(text_utf8_decode(S("\xf4\x8f\xbf\xbf"), &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* every kind of invalid sequence: U+FFFD, one byte consumed */
    static const char *const bad[] = {"\xc0\xaf", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xbf\xbf",
                                      "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xff", "\x80",
                                      "\xe7\x9c", "\xc3(", "\xf8\x88\x80\x80\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cp = 0;
        assert_int_equal(text_utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
        assert_int_equal(cp, 0xFFFD);
    }
    /* truncated by n even though the bytes continue */
    assert_int_equal(text_utf8_decode("\xe7\x9c\xbc", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
}

static void check_sanitize(struct textbuf *tb, const char *in, size_t n, enum text_style st,
                           int ascii, const char *want)
{
    const char *got = text_sanitize(tb, in, n, st, ascii);
    assert_ptr_equal(got, tb->buf);
    assert_string_equal(got, want);
    assert_int_equal(tb->len, strlen(want));
}

static void test_sanitize_controls(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    check_sanitize(&tb, S(""), TEXT_DISPLAY, 0, "");
    check_sanitize(&tb, S("Wenzhou Optical"), TEXT_DISPLAY, 0, "Wenzhou Optical");
    /* clear screen */
    check_sanitize(&tb, S("a\x1b[2Jb"), TEXT_DISPLAY, 0, "a\\x1b[2Jb");
    /* OSC 52 clipboard write */
    check_sanitize(&tb, S("\x1b]52;c;ZWNobyBoaQ==\x07"), TEXT_DISPLAY, 0,
                   "\\x1b]52;c;ZWNobyBoaQ==\\x07");
    /* C1 CSI and NEL */
    check_sanitize(&tb, S("x\xc2\x9b""31mY"), TEXT_DISPLAY, 0, "x\\u009b31mY");
    check_sanitize(&tb, S("\xc2\x85\xc2\x80\xc2\x9f\xc2\xa0"), TEXT_DISPLAY, 0,
                   "\\u0085\\u0080\\u009f\xc2\xa0");
    /* bidi overrides and isolates */
    check_sanitize(&tb, S("abc\xe2\x80\xae""fed"), TEXT_DISPLAY, 0, "abc<U+202E>fed");
    check_sanitize(&tb, S("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\xa9"), TEXT_DISPLAY, 0,
                   "<U+202A><U+2066><U+2069>\xe2\x80\xa9");
    /* invalid bytes */
    check_sanitize(&tb, S("a\xff""b"), TEXT_DISPLAY, 0, "a\xef\xbf\xbd""b");
    check_sanitize(&tb, S("\xe7\x9c"), TEXT_DISPLAY, 0, "\xef\xbf\xbd\xef\xbf\xbd");
    /* NUL inside n, DEL */
    check_sanitize(&tb, S("a\0b\x7f"), TEXT_DISPLAY, 0, "a\\x00b\\x7f");
    check_sanitize(&tb, S("\x01\x1f"), TEXT_DISPLAY, 0, "\\x01\\x1f");
    /* tab, newline, return */
    check_sanitize(&tb, S("a\tb\nc\rd"), TEXT_DISPLAY, 0, "a\\tb\\nc\\rd");
    /* backslash stays in DISPLAY */
    check_sanitize(&tb, S("C:\\dir\\x1b"), TEXT_DISPLAY, 0, "C:\\dir\\x1b");
    /* Chinese passes unchanged */
    check_sanitize(&tb, S("瓯海明视眼镜"), TEXT_DISPLAY, 0, "瓯海明视眼镜");
    /* n shorter than the string: only n bytes are read */
    check_sanitize(&tb, "abcdef", 3, TEXT_DISPLAY, 0, "abc");
    textbuf_free(&tb);
    assert_null(tb.buf);
    assert_int_equal(tb.cap, 0);
}

static void test_sanitize_tsv(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    check_sanitize(&tb, S("a\tb\nc\\d"), TEXT_TSV, 0, "a\\tb\\nc\\\\d");
    check_sanitize(&tb, S("\\"), TEXT_TSV, 0, "\\\\");
    check_sanitize(&tb, S("\\\\"), TEXT_TSV, 0, "\\\\\\\\");
    check_sanitize(&tb, S("\x1b[0m\r"), TEXT_TSV, 0, "\\x1b[0m\\r");
    check_sanitize(&tb, S("眼镜\t鞋"), TEXT_TSV, 0, "眼镜\\t鞋");
    textbuf_free(&tb);
}

static void test_sanitize_ascii_only(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    check_sanitize(&tb, S("瓯海 Optical"), TEXT_DISPLAY, 1, "?? Optical");
    check_sanitize(&tb, S("caf\xc3\xa9\xff"), TEXT_DISPLAY, 1, "caf??");
    /* escapes are ASCII already, so they stay escapes */
    check_sanitize(&tb, S("\xc2\x9b\xe2\x80\xae\x1b"), TEXT_DISPLAY, 1, "\\u009b<U+202E>\\x1b");
    check_sanitize(&tb, S("\\\t"), TEXT_TSV, 1, "\\\\\\t");
    textbuf_free(&tb);
}

static void test_sanitize_long(void **state)
{
    (void)state;
    /* forces several buffer growths and checks nothing is lost on the way */
    enum { N = 10000 };
    static char in[N * 2];
    for (int i = 0; i < N; i++) {
        in[2 * i] = 'a';
        in[2 * i + 1] = '\x1b';
    }
    struct textbuf tb = {0};
    text_sanitize(&tb, in, sizeof in, TEXT_DISPLAY, 0);
    assert_int_equal(tb.len, (size_t)N * 5);
    for (int i = 0; i < N; i++)
        assert_memory_equal(tb.buf + 5 * i, "a\\x1b", 5);
    assert_int_equal(tb.buf[tb.len], '\0');
    textbuf_free(&tb);
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(text_cp_width('a'), 1);
    assert_int_equal(text_cp_width(0x773C), 2);  /* 眼 */
    assert_int_equal(text_cp_width(0xFF21), 2);  /* fullwidth A */
    assert_int_equal(text_cp_width(0x0301), 0);  /* combining acute */
    assert_int_equal(text_cp_width(0xE9), 1);
    assert_int_equal(text_cp_width(0x2026), 1);  /* … */
    assert_int_equal(text_width(S("瓯海明视眼镜")), 12);
    assert_int_equal(text_width(S("Wenzhou")), 7);
    assert_int_equal(text_width(S("明视Optical")), 11);
    assert_int_equal(text_width(S("e\xcc\x81t\xc3\xa9")), 3);
    assert_int_equal(text_width(S("\xef\xbc\xa1\xef\xbc\xa2")), 4);
    assert_int_equal(text_width(S("")), 0);
}

static void test_width_fallback(void **state)
{
    (void)state;
    /* in the C locale wcwidth knows no CJK: the built-in table must answer */
    assert_non_null(setlocale(LC_ALL, "C"));
    assert_int_equal(text_cp_width(0x773C), 2);
    assert_int_equal(text_cp_width(0xAC00), 2);  /* Hangul */
    assert_int_equal(text_cp_width(0x1100), 2);
    assert_int_equal(text_cp_width(0xFF01), 2);
    assert_int_equal(text_cp_width(0x1F600), 2);
    assert_int_equal(text_cp_width(0x20000), 2);
    assert_int_equal(text_cp_width(0x0300), 0);
    assert_int_equal(text_cp_width(0x036F), 0);
    assert_int_equal(text_cp_width(0xE9), 1);
    assert_int_equal(text_cp_width(0x10FF), 1);
    assert_int_equal(text_cp_width(0xA4D0), 1);
    assert_int_equal(text_width(S("瓯海明视眼镜")), 12);
    assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
}

static void check_fit(const char *in, size_t n, int width, int pad, int ascii, const char *want)
{
    struct textbuf tb = {0};
    const char *got = text_fit(&tb, in, n, width, pad, ascii);
    assert_string_equal(got, want);
    assert_int_equal(tb.len, strlen(want));
    textbuf_free(&tb);
}

static void test_fit_exact(void **state)
{
    (void)state;
    const char *name = "瓯海明视眼镜";
    size_t n = strlen(name);
    check_fit(name, n, 12, 1, 0, "瓯海明视眼镜");
    check_fit(name, n, 12, 0, 0, "瓯海明视眼镜");
    check_fit(name, n, 14, 1, 0, "瓯海明视眼镜  ");
    check_fit(name, n, 14, 0, 0, "瓯海明视眼镜");
    check_fit(name, n, 11, 0, 0, "瓯海明视眼…");
    check_fit(name, n, 10, 0, 0, "瓯海明视… ");
    check_fit(name, n, 4, 1, 0, "瓯… ");
    check_fit(name, n, 3, 0, 0, "瓯…");
    check_fit(name, n, 2, 0, 0, "… ");
    check_fit(name, n, 1, 1, 0, "…");
    check_fit(name, n, 0, 1, 0, "");
    check_fit(name, n, -5, 1, 0, "");
    check_fit(S("abcdef"), 6, 0, 0, "abcdef");
    check_fit(S("abcdef"), 5, 0, 0, "abcd…");
    check_fit(S("abcdef"), 5, 0, 1, "abcd~");
    check_fit(S("Wenzhou Optical"), 8, 1, 1, "Wenzhou~");
    check_fit(S("瓯海 Optical"), 6, 1, 1, "?? Op~");
    check_fit(S("瓯海 Optical"), 20, 1, 1, "?? Optical          ");
    /* fitting sanitizes first, and measures the escapes */
    check_fit(S("a\x1b""b"), 10, 1, 0, "a\\x1bb    ");
    check_fit(S("a\x1b""b"), 4, 0, 0, "a\\x…");
    /* combining marks stay with their base character */
    check_fit(S("e\xcc\x81""e\xcc\x81""e\xcc\x81"), 3, 0, 0, "e\xcc\x81""e\xcc\x81""e\xcc\x81");
    check_fit(S("e\xcc\x81""e\xcc\x81""e\xcc\x81"), 2, 0, 0, "e\xcc\x81…");
    check_fit(S(""), 3, 1, 0, "   ");
    check_fit(S(""), 3, 0, 0, "");
}

/* Mixed CJK and ASCII at every width: never wider than asked, exactly as wide when
 * padded or cut, valid UTF-8 (nothing split), and a maximal prefix of the input. */
static void test_fit_every_width(void **state)
{
    (void)state;
    static const char *const inputs[] = {"瓯海Optical眼镜Co", "a瓯b海c", "眼镜眼镜眼镜眼镜", "Aokang 奥康"};
    for (size_t t = 0; t < sizeof inputs / sizeof inputs[0]; t++) {
        const char *in = inputs[t];
        size_t n = strlen(in);
        int full = text_width(in, n);
        for (int pad = 0; pad <= 1; pad++) {
            for (int w = 0; w <= 15; w++) {
                struct textbuf tb = {0};
                const char *out = text_fit(&tb, in, n, w, pad, 0);
                int ow = text_width(out, tb.len);
                assert_true(ow <= w);
                assert_int_equal(text_utf8_valid(out, tb.len, NULL), 1);
                if (w == 0) {
                    assert_int_equal(tb.len, 0);
                } else if (full <= w) {
                    assert_memory_equal(out, in, n);
                    assert_int_equal(ow, pad ? w : full);
                } else {
                    assert_int_equal(ow, w);
                    /* strip the trailing space and the ellipsis: a prefix remains */
                    size_t len = tb.len;
                    if (len && out[len - 1] == ' ' && out[len - 2] != ' ')
                        len--;
                    assert_true(len >= 3);
                    assert_memory_equal(out + len - 3, "…", 3);
                    len -= 3;
                    assert_memory_equal(out, in, len);
                    int pw = text_width(out, len);
                    assert_true(pw <= w - 1);
                    /* maximal: the next character would not have fitted */
                    uint32_t cp;
                    text_utf8_decode(in + len, n - len, &cp);
                    assert_true(pw + text_cp_width(cp) > w - 1);
                }
                textbuf_free(&tb);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_sanitize_controls),
        cmocka_unit_test(test_sanitize_tsv),
        cmocka_unit_test(test_sanitize_ascii_only),
        cmocka_unit_test(test_sanitize_long),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_width_fallback),
        cmocka_unit_test(test_fit_exact),
        cmocka_unit_test(test_fit_every_width),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
