#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"
#include "text.h"
#include "xalloc.h"
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* Limits that turn catastrophic backtracking into MATCH_TOO_EXPENSIVE in well under
 * a second, yet leave every sensible search on firm names alone. */
#define MATCH_LIMIT 1000000u
#define MATCH_DEPTH_LIMIT 10000u
#define MATCH_HEAP_LIMIT_KIB 20000u
#define MATCH_JIT_STACK_MIN ((size_t)32 * 1024)
#define MATCH_JIT_STACK_MAX ((size_t)1024 * 1024)

struct matcher {
    pcre2_code *code;             /* owned */
    pcre2_match_data *md;         /* owned; only the whole-match pair is kept */
    pcre2_match_context *mctx;    /* owned; carries the limits and the JIT stack */
    pcre2_jit_stack *jit_stack;   /* owned; NULL when the JIT is not used */
};

/* Upper-case letters outside ASCII for when towupper/towlower know nothing (a
 * non-UTF-8 locale): Latin-1, Latin Extended-A pairs, Greek and Cyrillic capitals. */
static int cp_is_upper_builtin(uint32_t c)
{
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return 1;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
        c != 0x17F) {
        /* the block alternates capital/small, switching parity at U+0139..U+0148
         * and U+0179..U+017E */
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return c & 1;
        return !(c & 1);
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return 1;
    if (c >= 0x400 && c <= 0x42F)
        return 1;
    return 0;
}

static int cp_is_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (towlower((wint_t)c) != (wint_t)c)
        return 1;
    return cp_is_upper_builtin(c);
}

/* Skips from p (just past an opening delimiter) to past the closing one. */
static size_t skip_to(const char *p, size_t i, size_t n, char close)
{
    while (i < n && p[i] != close)
        i++;
    return i < n ? i + 1 : n;
}

/* Smart case looks for upper-case letters the user typed as text: letters that are
 * part of escapes (\S, \P{Lu}, \x{41}, \k<Name>), group names and verbs such as
 * (*UCP) say nothing about the case the user wants. */
static int pattern_has_upper(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\\') {
            i++;
            if (i >= n)
                break;
            char e = p[i++];
            if (e == 'Q') {
                /* \Q...\E is literal text: its letters count */
                while (i < n && !(p[i] == '\\' && i + 1 < n && p[i + 1] == 'E')) {
                    uint32_t cp;
                    size_t k = text_utf8_decode(p + i, n - i, &cp);
                    if (cp_is_upper(cp))
                        return 1;
                    i += k;
                }
                i = i < n ? i + 2 : n;
                continue;
            }
            if (i < n && p[i] == '{')
                i = skip_to(p, i + 1, n, '}');
            else if ((e == 'p' || e == 'P' || e == 'c') && i < n)
                i++; /* \pL, \cA: one-letter argument */
            else if ((e == 'k' || e == 'g') && i < n && (p[i] == '<' || p[i] == '\''))
                i = skip_to(p, i + 1, n, p[i] == '<' ? '>' : '\'');
            continue;
        }
        if (c == '(' && i + 1 < n && p[i + 1] == '*') {
            i = skip_to(p, i + 2, n, ')');
            continue;
        }
        if (c == '(' && i + 2 < n && p[i + 1] == '?') {
            size_t j = i + 2;
            char close = 0;
            if (p[j] == 'P' && j + 1 < n && p[j + 1] == '<')
                j += 2, close = '>';
            else if (p[j] == 'P' && j + 1 < n && (p[j + 1] == '=' || p[j + 1] == '>'))
                j += 2, close = ')';
            else if (p[j] == '<' && j + 1 < n && p[j + 1] != '=' && p[j + 1] != '!')
                j += 1, close = '>';
            else if (p[j] == '\'')
                j += 1, close = '\'';
            else if (p[j] == '&')
                j += 1, close = ')';
            if (close) {
                i = skip_to(p, j, n, close);
                continue;
            }
            i += 2;
            continue;
        }
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                return 1;
            i++;
            continue;
        }
        uint32_t cp;
        i += text_utf8_decode(p + i, n - i, &cp);
        if (cp_is_upper(cp))
            return 1;
    }
    return 0;
}

/* FIRMNET_NO_JIT=1 selects the interpreter: the JIT's vector code reads a few
 * bytes past the subject's end (harmless, within the page), which valgrind
 * reports as uninitialised reads; memory-checking runs set it. */
static int match_jit_wanted(void)
{
    const char *v = getenv("FIRMNET_NO_JIT");
    return !v || !*v || strcmp(v, "0") == 0;
}

static void set_error(struct match_error *err, int code, size_t offset, const char *msg)
{
    if (!err)
        return;
    err->code = code;
    err->offset = offset;
    snprintf(err->message, sizeof err->message, "%s", msg);
}

struct matcher *match_compile(const char *pattern, size_t n, unsigned flags, struct match_error *err)
{
    if (n > MATCH_PATTERN_MAX) {
        char msg[128];
        snprintf(msg, sizeof msg, "pattern is too long (%zu bytes; the limit is %d)", n,
                 MATCH_PATTERN_MAX);
        set_error(err, 0, MATCH_PATTERN_MAX, msg);
        return NULL;
    }
    if (!pattern)
        pattern = "";
    /* MATCH_INVALID_UTF: data may hold invalid bytes and must never make a match
     * fail; NEVER_BACKSLASH_C: \C could match half a character. */
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C;
    if ((flags & MATCH_CASELESS) || ((flags & MATCH_SMART_CASE) && !pattern_has_upper(pattern, n)))
        opts |= PCRE2_CASELESS;
    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, n, opts, &ecode, &eoff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        if (pcre2_get_error_message(ecode, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", ecode);
        set_error(err, ecode, eoff, (const char *)msg);
        return NULL;
    }
    struct matcher *m = xcalloc(1, sizeof *m);
    m->code = code;
    m->md = pcre2_match_data_create(1, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx)
        xalloc_die("pcre2 match data");
    pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(m->mctx, MATCH_DEPTH_LIMIT);
    pcre2_set_heap_limit(m->mctx, MATCH_HEAP_LIMIT_KIB);
    /* A JIT failure (no JIT on this CPU, or a pattern too big for it) just leaves
     * the interpreter in charge. */
    if (match_jit_wanted() && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0) {
        m->jit_stack = pcre2_jit_stack_create(MATCH_JIT_STACK_MIN, MATCH_JIT_STACK_MAX, NULL);
        if (m->jit_stack)
            pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
    }
    if (err)
        set_error(err, 0, 0, "");
    return m;
}

void match_free(struct matcher *m)
{
    if (!m)
        return;
    pcre2_jit_stack_free(m->jit_stack);
    pcre2_match_context_free(m->mctx);
    pcre2_match_data_free(m->md);
    pcre2_code_free(m->code);
    free(m);
}

static enum match_result map_rc(int rc)
{
    if (rc >= 0)
        return MATCH_YES; /* 0 only means the ovector was too small: still a match */
    switch (rc) {
    case PCRE2_ERROR_NOMATCH:
        return MATCH_NO;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
        return MATCH_TOO_EXPENSIVE;
    default:
        return MATCH_FAILED;
    }
}

enum match_result match_find(struct matcher *m, const char *s, size_t n, size_t start,
                             size_t *mstart, size_t *mend)
{
    if (!m)
        return MATCH_FAILED;
    if (!s) {
        s = ""; /* PCRE2 10.42 rejects a NULL subject even when it is empty */
        n = 0;
    }
    if (start > n)
        return MATCH_NO;
    int rc = pcre2_match(m->code, (PCRE2_SPTR)s, n, start, 0, m->md, m->mctx);
    enum match_result r = map_rc(rc);
    if (r == MATCH_YES) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        if (mstart)
            *mstart = ov[0];
        if (mend)
            *mend = ov[1];
    }
    return r;
}

enum match_result match_test(struct matcher *m, const char *s, size_t n)
{
    return match_find(m, s, n, 0, NULL, NULL);
}
