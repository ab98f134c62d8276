/* text: owns UTF-8 decoding, display width (wcwidth) and turning data text into
 * something safe to put on a terminal or into a tsv cell. */
#ifndef FIRMNET_TEXT_H
#define FIRMNET_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* A reusable output buffer; the caller owns it and frees it with textbuf_free. */
struct textbuf {
    char *buf;
    size_t len, cap;
};
void textbuf_free(struct textbuf *tb);

/* The first eight bytes of s as a big-endian number, zero-padded: sorting by it
 * orders strings as strcmp does as far as it goes, and most comparisons end there
 * without touching the strings (each strcmp across a large pool is a cache miss). */
static inline uint64_t text_sort_prefix(const char *s)
{
    uint64_t k = 0;
    int i = 0;
    for (; i < 8 && s[i]; i++)
        k = k << 8 | (unsigned char)s[i];
    return i == 0 ? 0 : k << (8 * (8 - i)); /* a shift by 64 would be undefined */
}

/* Narrows s[0..*n) past leading and trailing blanks (spaces and tabs), as a CSV cell
 * or a firmnet.conf word is read; inline because the loader calls it per field. */
static inline void text_trim_blanks(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* Returns 1 when s[0..n) is valid UTF-8; otherwise 0 and, if bad is not NULL, the
 * byte offset of the first invalid sequence. */
int text_utf8_valid(const char *s, size_t n, size_t *bad);

/* What text_scan finds in a string, as bits of its result. */
#define TEXT_NON_ASCII 1u /* a byte >= 0x80 */
#define TEXT_NUL 2u       /* a NUL byte */
#define TEXT_CONTROL 4u   /* another C0 control (tab and newline too), DEL, or a C1 control U+0080..U+009F */
#define TEXT_BAD_UTF8 8u  /* invalid UTF-8, as text_utf8_valid judges it */

/* One pass over s[0..n) for what the loader checks in every field: returns the TEXT_
 * bits found and, if nuls is not NULL, adds the NUL bytes to *nuls. The pass stops at
 * the first invalid sequence: then TEXT_BAD_UTF8 is set, *bad (if not NULL) is its
 * offset, and the other bits and *nuls are those of the bytes before it. Sixteen bytes
 * a step (SSE2, which every x86-64 has) or eight elsewhere while they are ASCII, and a
 * character at a time through the rest. */
unsigned text_scan(const char *s, size_t n, size_t *bad, size_t *nuls);
/* The same answers eight bytes a step on any machine: what text_scan is without SSE2. */
unsigned text_scan_words(const char *s, size_t n, size_t *bad, size_t *nuls);
/* The same answers a character at a time through the strict decoder: the reference
 * that the unit tests hold the fast paths to. */
unsigned text_scan_bytes(const char *s, size_t n, size_t *bad, size_t *nuls);

/* Decodes one code point at s (n bytes left); returns its length in bytes (>= 1)
 * and sets *cp, or U+FFFD with length 1 for an invalid sequence. */
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp);

enum text_style {
    TEXT_DISPLAY, /* terminal: controls and bidi overrides become visible escapes */
    TEXT_TSV,     /* as DISPLAY, and also tab, newline and backslash escaped (\t \n \\) */
};

/* Makes s[0..n) safe: C0 controls and DEL as \xHH (\t, \n, \r as such), C1 controls
 * (U+0080..U+009F) as \u0085-style, bidi overrides U+202A..U+202E and U+2066..U+2069
 * as <U+202E>, invalid UTF-8 as U+FFFD. With ascii_only (a non-UTF-8 locale) every
 * other non-ASCII code point becomes '?'. Returns tb->buf, NUL-terminated. */
const char *text_sanitize(struct textbuf *tb, const char *s, size_t n, enum text_style st,
                          int ascii_only);

/* Display columns of one code point: wcwidth() where the locale knows it, else 2 for
 * East Asian wide ranges and 1 otherwise; 0 for combining marks. */
int text_cp_width(uint32_t cp);
/* Display columns of already-sanitized UTF-8 text. */
int text_width(const char *s, size_t n);
/* Sanitizes s and fits it into exactly width columns: cut by display width with an
 * ellipsis ("…", or "~" with ascii_only) when too long, never splitting a wide
 * character, padded with spaces when pad is set. Returns tb->buf. */
const char *text_fit(struct textbuf *tb, const char *s, size_t n, int width, int pad, int ascii_only);

#endif
