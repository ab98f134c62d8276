#include "text.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void textbuf_free(struct textbuf *tb)
{
    free(tb->buf);
    tb->buf = NULL;
    tb->len = tb->cap = 0;
}

/* Makes room for extra more bytes plus the terminating NUL. */
static void tb_reserve(struct textbuf *tb, size_t extra)
{
    tb->buf = xgrow(tb->buf, &tb->cap, tb->len + extra + 1, 1);
}

static void tb_put(struct textbuf *tb, const char *s, size_t n)
{
    tb_reserve(tb, n);
    memcpy(tb->buf + tb->len, s, n);
    tb->len += n;
}

static void tb_putc(struct textbuf *tb, char c)
{
    tb_reserve(tb, 1);
    tb->buf[tb->len++] = c;
}

static const char *tb_finish(struct textbuf *tb)
{
    tb_reserve(tb, 0);
    tb->buf[tb->len] = '\0';
    return tb->buf;
}

/* Returns the length of the valid sequence at s, or 0 when it is invalid (overlong,
 * surrogate, beyond U+10FFFF, truncated or a stray continuation byte). */
static size_t utf8_decode_strict(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0; /* continuation byte, overlong 2-byte lead, or beyond U+10FFFF */
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    if (c == 0xF0 && s[1] < 0x90)
        return 0; /* overlong */
    if (c == 0xF4 && s[1] >= 0x90)
        return 0; /* beyond U+10FFFF */
    *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
          ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
}

int text_utf8_valid(const char *s, size_t n, size_t *bad)
{
    return !(text_scan(s, n, bad, NULL) & TEXT_BAD_UTF8);
}

unsigned text_scan_bytes(const char *s, size_t n, size_t *bad, size_t *nuls)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned flags = 0;
    size_t i = 0, z = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode_strict(u + i, n - i, &cp);
        if (u[i] >= 0x80)
            flags |= TEXT_NON_ASCII;
        if (!k) {
            if (bad)
                *bad = i;
            flags |= TEXT_BAD_UTF8;
            break;
        }
        if (cp == 0) {
            flags |= TEXT_NUL;
            z++;
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            flags |= TEXT_CONTROL;
        }
        i += k;
    }
    if (nuls)
        *nuls += z;
    return flags;
}

/* Steps over the character at u[i] (i < n), adding what it is to *flags and *nuls;
 * returns its length, or 0 when the sequence there is invalid. Every test of
 * utf8_decode_strict, without working out the code point: the loader's fields are
 * validated, not decoded. */
static inline size_t scan_char(const unsigned char *u, size_t n, size_t i, unsigned *flags, size_t *nuls)
{
    unsigned c = u[i];
    if (c < 0x80) {
        if (c == 0) {
            *flags |= TEXT_NUL;
            ++*nuls;
        } else if (c < 0x20 || c == 0x7F) {
            *flags |= TEXT_CONTROL;
        }
        return 1;
    }
    *flags |= TEXT_NON_ASCII;
    size_t left = n - i;
    if (c < 0xC2 || c > 0xF4 || left < 2 || (u[i + 1] & 0xC0) != 0x80)
        return 0;
    unsigned c1 = u[i + 1];
    if (c < 0xE0) {
        if (c == 0xC2 && c1 < 0xA0)
            *flags |= TEXT_CONTROL; /* U+0080..U+009F */
        return 2;
    }
    if (left < 3 || (u[i + 2] & 0xC0) != 0x80)
        return 0;
    if (c < 0xF0)
        return (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) ? 0 : 3; /* overlong, surrogate */
    if (left < 4 || (u[i + 3] & 0xC0) != 0x80)
        return 0;
    return (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) ? 0 : 4; /* overlong, beyond U+10FFFF */
}

/* The tail (and whatever the block loop left) a character at a time. */
static unsigned scan_rest(const unsigned char *u, size_t n, size_t i, unsigned flags, size_t z, size_t *bad,
                          size_t *nuls)
{
    while (i < n) {
        size_t k = scan_char(u, n, i, &flags, &z);
        if (!k) {
            if (bad)
                *bad = i;
            flags |= TEXT_BAD_UTF8;
            break;
        }
        i += k;
    }
    if (nuls)
        *nuls += z;
    return flags;
}

/* Steps over the run of non-ASCII characters at u[i]; returns where it ends, or
 * SIZE_MAX with *at the invalid sequence's offset. */
static size_t scan_run(const unsigned char *u, size_t n, size_t i, unsigned *flags, size_t *z, size_t *at)
{
    do {
        size_t k = scan_char(u, n, i, flags, z);
        if (!k) {
            *at = i;
            return SIZE_MAX;
        }
        i += k;
    } while (i < n && u[i] >= 0x80);
    return i;
}

static unsigned scan_bad(size_t at, unsigned flags, size_t z, size_t *bad, size_t *nuls)
{
    if (bad)
        *bad = at;
    if (nuls)
        *nuls += z;
    return flags | TEXT_BAD_UTF8;
}

unsigned text_scan_words(const char *s, size_t n, size_t *bad, size_t *nuls)
{
    const unsigned char *u = (const unsigned char *)s;
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full, hi = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    unsigned flags = 0;
    size_t i = 0, z = 0;
    while (i + 8 <= n) {
        uint64_t w, x;
        memcpy(&w, u + i, 8);
        if (w & hi) { /* a character at a time up to the end of the non-ASCII run */
            while (u[i] < 0x80)
                scan_char(u, n, i++, &flags, &z);
            size_t at = 0, j = scan_run(u, n, i, &flags, &z, &at);
            if (j == SIZE_MAX)
                return scan_bad(at, flags, z, bad, nuls);
            i = j;
            continue;
        }
        /* each test exact per byte (no carry crosses a byte): the low seven bits plus
         * 0x7f carry into bit 7 unless zero, plus 0x60 unless below 0x20 */
        x = w ^ lo7;
        uint64_t zero = ~((w + lo7) | w) & hi;
        uint64_t below = ~(w + 0x6060606060606060ull) & hi;
        uint64_t del = ~((x + lo7) | x) & hi;
        if (zero) {
            flags |= TEXT_NUL;
            z += (size_t)(((zero >> 7) * ones) >> 56);
        }
        if ((below & ~zero) | del)
            flags |= TEXT_CONTROL;
        i += 8;
    }
    return scan_rest(u, n, i, flags, z, bad, nuls);
}

#ifdef __SSE2__
/* Bits set in a 16-bit mask; __builtin_popcount is a library call without -mpopcnt. */
static inline unsigned popcount16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
}

unsigned text_scan(const char *s, size_t n, size_t *bad, size_t *nuls)
{
    const unsigned char *u = (const unsigned char *)s;
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F), zero = _mm_setzero_si128();
    unsigned flags = 0;
    size_t i = 0, z = 0;
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        /* signed compare: the bytes >= 0x80 are below 0x20 too, and masked off below */
        unsigned ctl = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)));
        unsigned nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));
        unsigned ascii = high ? (1u << __builtin_ctz(high)) - 1 : 0xFFFFu; /* the ASCII bytes before the first other */
        nul &= ascii;
        if (nul) {
            flags |= TEXT_NUL;
            z += popcount16(nul);
        }
        if (ctl & ascii & ~nul)
            flags |= TEXT_CONTROL;
        if (!high) {
            i += 16;
            continue;
        }
        size_t at = 0, j = scan_run(u, n, i + (size_t)__builtin_ctz(high), &flags, &z, &at);
        if (j == SIZE_MAX)
            return scan_bad(at, flags, z, bad, nuls);
        i = j;
    }
    return scan_rest(u, n, i, flags, z, bad, nuls);
}
#else
unsigned text_scan(const char *s, size_t n, size_t *bad, size_t *nuls)
{
    return text_scan_words(s, n, bad, nuls);
}
#endif

/* n must be >= 1: callers loop while bytes remain. */
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    size_t k = utf8_decode_strict((const unsigned char *)s, n, cp);
    if (!k) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

/* Escapes use lowercase hex like C and JSON; <U+XXXX> uses uppercase as Unicode
 * charts write code points. */
static void put_hex_escape(struct textbuf *tb, const char *prefix, uint32_t v, int digits,
                           const char *hexdig)
{
    tb_put(tb, prefix, strlen(prefix));
    for (int d = digits - 1; d >= 0; d--)
        tb_putc(tb, hexdig[(v >> (4 * d)) & 0xF]);
}

static int is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *text_sanitize(struct textbuf *tb, const char *s, size_t n, enum text_style st,
                          int ascii_only)
{
    const unsigned char *u = (const unsigned char *)s;
    tb->len = 0;
    tb_reserve(tb, n);
    size_t i = 0;
    while (i < n) {
        /* copy the run of plain printable ASCII in one go: it is most of the data */
        size_t j = i;
        while (j < n && u[j] >= 0x20 && u[j] < 0x7F && u[j] != '\\')
            j++;
        if (j > i) {
            tb_put(tb, s + i, j - i);
            i = j;
            if (i == n)
                break;
        }
        unsigned c = u[i];
        if (c == '\\') {
            if (st == TEXT_TSV)
                tb_put(tb, "\\\\", 2);
            else
                tb_putc(tb, '\\');
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            if (c == '\t')
                tb_put(tb, "\\t", 2);
            else if (c == '\n')
                tb_put(tb, "\\n", 2);
            else if (c == '\r')
                tb_put(tb, "\\r", 2);
            else
                put_hex_escape(tb, "\\x", c, 2, "0123456789abcdef");
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode_strict(u + i, n - i, &cp);
        if (!k) {
            if (ascii_only)
                tb_putc(tb, '?');
            else
                tb_put(tb, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        if (cp >= 0x80 && cp <= 0x9F) {
            put_hex_escape(tb, "\\u", cp, 4, "0123456789abcdef");
        } else if (is_bidi_control(cp)) {
            put_hex_escape(tb, "<U+", cp, 4, "0123456789ABCDEF");
            tb_putc(tb, '>');
        } else if (ascii_only) {
            tb_putc(tb, '?');
        } else {
            tb_put(tb, s + i, k);
        }
        i += k;
    }
    return tb_finish(tb);
}

struct cp_range {
    uint32_t lo, hi;
};

/* Used only when the locale's wcwidth() does not know a code point (for example
 * in a non-UTF-8 locale), so that CJK names still line up. */
static const struct cp_range wide_ranges[] = {
    {0x1100, 0x115F}, {0x2E80, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};
static const struct cp_range zero_ranges[] = {
    {0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
};

static int in_ranges(uint32_t cp, const struct cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return 1;
    return 0;
}

int text_cp_width(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return 1;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return 0; /* sanitized text holds none; nothing to draw */
    int w = wcwidth((wchar_t)cp);
    if (w >= 0)
        return w;
    if (in_ranges(cp, zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0]))
        return 0;
    if (in_ranges(cp, wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0]))
        return 2;
    return 1;
}

int text_width(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    long w = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            w += text_cp_width(u[i]);
            i++;
            continue;
        }
        uint32_t cp;
        i += text_utf8_decode(s + i, n - i, &cp);
        w += text_cp_width(cp);
    }
    return w > 0x7FFFFFFF ? 0x7FFFFFFF : (int)w;
}

/* Cut output is always exactly width columns: prefix, ellipsis, then one space when
 * a wide character did not fit in the last column before the ellipsis. */
const char *text_fit(struct textbuf *tb, const char *s, size_t n, int width, int pad, int ascii_only)
{
    if (width <= 0) {
        tb->len = 0;
        return tb_finish(tb);
    }
    text_sanitize(tb, s, n, TEXT_DISPLAY, ascii_only);
    /* Walk once: remember where the text passes width-1 columns (the cut point
     * when an ellipsis is needed) and stop as soon as it passes width. */
    size_t i = 0, cut = 0;
    int w = 0, cutw = 0, over = 0;
    const char *b = tb->buf;
    while (i < tb->len) {
        uint32_t cp;
        size_t k = text_utf8_decode(b + i, tb->len - i, &cp);
        int cw = text_cp_width(cp);
        if (w + cw <= width - 1) {
            cut = i + k;
            cutw = w + cw;
        }
        w += cw;
        i += k;
        if (w > width) {
            over = 1;
            break;
        }
    }
    if (!over && w <= width) {
        if (pad) {
            tb_reserve(tb, (size_t)(width - w));
            memset(tb->buf + tb->len, ' ', (size_t)(width - w));
            tb->len += (size_t)(width - w);
        }
        return tb_finish(tb);
    }
    tb->len = cut;
    if (ascii_only)
        tb_putc(tb, '~');
    else
        tb_put(tb, "\xE2\x80\xA6", 3);
    for (int k = cutw + 1; k < width; k++)
        tb_putc(tb, ' ');
    return tb_finish(tb);
}
