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

/* text_scan's three paths on one string: the same bits, the same NUL count, the same
 * offset of the first invalid sequence. */
static void scan_agree(const char *s, size_t n)
{
    size_t bad[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX}, nuls[3] = {7, 7, 7}; /* counts add on */
    unsigned f[3];
    f[0] = text_scan_bytes(s, n, &bad[0], &nuls[0]);
    f[1] = text_scan_words(s, n, &bad[1], &nuls[1]);
    f[2] = text_scan(s, n, &bad[2], &nuls[2]);
    for (int k = 1; k < 3; k++) {
        if (f[k] != f[0] || nuls[k] != nuls[0] || bad[k] != bad[0])
            fail_msg("path %d: bits %u nuls %zu bad %zu, the reference: bits %u nuls %zu bad %zu (n %zu)", k, f[k],
                     nuls[k], bad[k], f[0], nuls[0], bad[0], n);
    }
    /* the reference itself agrees with text_utf8_valid's own verdict */
    size_t b = SIZE_MAX;
    assert_int_equal(text_utf8_valid(s, n, &b), !(f[0] & TEXT_BAD_UTF8));
    assert_true(b == bad[0]);
}

static void test_scan_answers(void **state)
{
    (void)state;
    size_t bad = SIZE_MAX, nuls = 0;
    assert_int_equal(text_scan(S(""), &bad, &nuls), 0);
    assert_int_equal(text_scan(S("printable ASCII, long enough for a block"), NULL, NULL), 0);
    assert_int_equal(text_scan(S("0123456789abcdef\t"), NULL, NULL), TEXT_CONTROL); /* past a block */
    assert_int_equal(text_scan(S("\x1b[31mred"), NULL, NULL), TEXT_CONTROL);
    assert_int_equal(text_scan(S("del\x7f"), NULL, NULL), TEXT_CONTROL);
    assert_int_equal(text_scan(S("瓯海明视眼镜有限公司"), NULL, NULL), TEXT_NON_ASCII);
    assert_int_equal(text_scan(S("next\xc2\x85line"), NULL, NULL), TEXT_NON_ASCII | TEXT_CONTROL); /* U+0085 */
    assert_int_equal(text_scan(S("\xc2\xa0nbsp"), NULL, NULL), TEXT_NON_ASCII);                     /* U+00A0 */
    assert_int_equal(text_scan(S("\xe2\x80\xae"), NULL, NULL), TEXT_NON_ASCII); /* bidi: the display's business */
    assert_int_equal(text_scan(S("a\0b\0c_padding_past_16\0"), &bad, &nuls), TEXT_NUL);
    assert_int_equal(nuls, 3);
    assert_int_equal(text_scan(S("x\xed\xa0\x80\0"), &bad, &nuls), TEXT_NON_ASCII | TEXT_BAD_UTF8);
    assert_int_equal(bad, 1);
    assert_int_equal(nuls, 3); /* the NUL past the bad sequence is not looked at */
    assert_int_equal(text_scan(S("0123456789abcdef0123\t\xc0\x80"), &bad, NULL),
                     TEXT_CONTROL | TEXT_NON_ASCII | TEXT_BAD_UTF8);
    assert_int_equal(bad, 21);
}

/* Sequences that are hard to get right, each in turn placed at every offset of a run
 * of filler so that it meets the 8- and 16-byte block edges and the string's end
 * (where it is cut short too). */
static void test_scan_block_edges(void **state)
{
    (void)state;
    static const char *const seqs[] = {
        "\0", "\t", "\n", "\x1f", "\x7f", "\x1b[0m", "\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xc0\x80", "\xc1\xbf",
        "\xdf\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
        "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80",
        "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xfe", "\xff", "\x80", "\xbf", "\xe7\x9c", "\xf0\x9f\x98",
        "\xe7\x9c\xbc", "\xf0\x9f\x98\x80", "\xe2\x80\xae", "\xc2\x85\xc2\x85", "\xe7\x9c\x80\x80",
    };
    static const char *const fillers[] = {"x", "眼", "\0", "a\xc2\xa9"};
    char buf[96];
    for (size_t f = 0; f < sizeof fillers / sizeof *fillers; f++) {
        size_t fl = f == 2 ? 1 : strlen(fillers[f]);
        for (size_t q = 0; q < sizeof seqs / sizeof *seqs; q++) {
            size_t ql = q == 0 ? 1 : strlen(seqs[q]);
            for (size_t at = 0; at + ql + 8 <= sizeof buf; at++) {
                size_t n = 0;
                while (n + fl <= at) {
                    memcpy(buf + n, fillers[f], fl);
                    n += fl;
                }
                memcpy(buf + n, seqs[q], ql);
                n += ql;
                for (size_t k = 0; k < 8; k++)
                    buf[n++] = (char)('a' + k);
                for (size_t len = 0; len <= n; len++) /* every cut, mid-sequence included */
                    scan_agree(buf, len);
            }
        }
    }
}

/* Random strings from the bytes every rule turns on, and random runs of characters. */
static void test_scan_random(void **state)
{
    (void)state;
    static const unsigned char bytes[] = {0x00, 0x01, 0x09, 0x0a, 0x1b, 0x1f, 0x20, 'a', 0x7e, 0x7f, 0x80, 0x85,
                                          0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe7, 0xed,
                                          0xef, 0xf0, 0xf4, 0xf5, 0xff};
    static const char *const chars[] = {"a", "Z", ",", "\"", "\t", "\0", "\xc2\x85", "\xc3\xa9", "眼", "\xe2\x80\xae",
                                        "\xf0\x9f\x98\x80", "\xef\xbb\xbf", "\x7f"};
    uint64_t x = 0x2545F4914F6CDD1Dull;
    unsigned char buf[160];
    for (int round = 0; round < 200000; round++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t n = (size_t)(x % sizeof buf), i = 0;
        uint64_t y = x;
        if (round % 2) {
            for (; i < n; i++) {
                y = y * 6364136223846793005ull + 1442695040888963407ull;
                /* mostly valid: a random byte now and then */
                buf[i] = (y >> 60) < 2 ? bytes[(y >> 33) % sizeof bytes] : (unsigned char)('a' + (y >> 40) % 26);
            }
        } else {
            while (i < n) {
                y = y * 6364136223846793005ull + 1442695040888963407ull;
                const char *c = chars[(y >> 33) % (sizeof chars / sizeof *chars)];
                size_t cl = c[0] ? strlen(c) : 1;
                if (i + cl > n)
                    break;
                memcpy(buf + i, c, cl);
                i += cl;
            }
            if ((y >> 20) % 8 == 0 && i) /* one byte broken */
                buf[(y >> 24) % i] = bytes[(y >> 40) % sizeof bytes];
            n = i;
        }
        scan_agree((const char *)buf, n);
    }
}

/* text_sort_prefix orders as strcmp does over the first eight bytes, the empty
 * string first (a shift by 64 would be undefined there) */
static void test_sort_prefix(void **state)
{
    (void)state;
    assert_true(text_sort_prefix("") == 0);
    assert_true(text_sort_prefix("") < text_sort_prefix("\x01"));
    assert_true(text_sort_prefix("A") < text_sort_prefix("AB"));
    assert_true(text_sort_prefix("AB") < text_sort_prefix("B"));
    assert_true(text_sort_prefix("abcdefgh") == text_sort_prefix("abcdefghij"));
    assert_true(text_sort_prefix("\xe9") > text_sort_prefix("z"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_scan_answers),
        cmocka_unit_test(test_scan_block_edges),
        cmocka_unit_test(test_scan_random),
        cmocka_unit_test(test_sanitize_controls),
        cmocka_unit_test(test_sanitize_tsv),
        cmocka_unit_test(test_sanitize_ascii_only),
        cmocka_unit_test(test_sanitize_long),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_width_fallback),
        cmocka_unit_test(test_fit_exact),
        cmocka_unit_test(test_sort_prefix),
        cmocka_unit_test(test_fit_every_width),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
