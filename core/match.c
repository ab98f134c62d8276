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
/* A scan covers many strings in one call and gives up sooner: its limits only decide
 * when the strings of a block are tested one by one instead (core/firmscan), and
 * ordinary patterns stay far below it (a few units per block of 64 KiB). */
#define MATCH_SCAN_LIMIT (MATCH_LIMIT / 10)
#define MATCH_JIT_STACK_MIN ((size_t)32 * 1024)
#define MATCH_JIT_STACK_MAX ((size_t)1024 * 1024)

struct matcher {
    pcre2_code *code;             /* owned, or borrowed by a clone */
    pcre2_match_data *md;         /* owned; only the whole-match pair is kept */
    pcre2_match_context *mctx;    /* owned; carries the limits and the JIT stack */
    pcre2_jit_stack *jit_stack;   /* owned; NULL when the JIT is not used */
    /* The scan variant (match_scan_prepare): the whole pattern, or each of its
     * branches; owned, or borrowed by a clone. */
    pcre2_code *scan_code[MATCH_SCAN_MAX];
    int scan_jit[MATCH_SCAN_MAX]; /* JIT-compiled: call pcre2_jit_match */
    int n_scan;                   /* scan codes; 0 when the pattern cannot be scanned */
    int scan_prepared;
    pcre2_match_context *scan_mctx; /* owned; the scan's lower match limit, same JIT stack */
    uint32_t opts;                /* the compile options code was compiled with */
    char *pattern;                /* owned copy (NULL in a clone), for the scan variant */
    size_t pattern_len;
    int clone;                    /* code and scan_code are borrowed */
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

/* The per-thread part of a matcher: match data, the limits and a JIT stack. */
static void matcher_init_context(struct matcher *m, int jit)
{
    m->md = pcre2_match_data_create(1, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx)
        xalloc_die("pcre2 match data");
    pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(m->mctx, MATCH_DEPTH_LIMIT);
    pcre2_set_heap_limit(m->mctx, MATCH_HEAP_LIMIT_KIB);
    if (jit) {
        m->jit_stack = pcre2_jit_stack_create(MATCH_JIT_STACK_MIN, MATCH_JIT_STACK_MAX, NULL);
        if (m->jit_stack)
            pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
    }
}

static void matcher_init_scan_context(struct matcher *m)
{
    m->scan_mctx = pcre2_match_context_copy(m->mctx);
    if (!m->scan_mctx)
        xalloc_die("pcre2 match context");
    pcre2_set_match_limit(m->scan_mctx, MATCH_SCAN_LIMIT);
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
    m->opts = opts;
    m->pattern = xmalloc(n + 1);
    memcpy(m->pattern, pattern, n);
    m->pattern[n] = '\0';
    m->pattern_len = n;
    /* A JIT failure (no JIT on this CPU, or a pattern too big for it) just leaves
     * the interpreter in charge. */
    int jit = match_jit_wanted() && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    matcher_init_context(m, jit);
    if (err)
        set_error(err, 0, 0, "");
    return m;
}

struct matcher *match_clone(const struct matcher *m)
{
    struct matcher *c = xcalloc(1, sizeof *c);
    c->code = m->code;
    memcpy(c->scan_code, m->scan_code, sizeof c->scan_code);
    memcpy(c->scan_jit, m->scan_jit, sizeof c->scan_jit);
    c->n_scan = m->n_scan;
    c->scan_prepared = m->scan_prepared;
    c->opts = m->opts;
    c->clone = 1;
    matcher_init_context(c, m->jit_stack != NULL || (m->n_scan && m->scan_jit[0]));
    if (c->n_scan)
        matcher_init_scan_context(c);
    return c;
}

void match_free(struct matcher *m)
{
    if (!m)
        return;
    pcre2_jit_stack_free(m->jit_stack);
    pcre2_match_context_free(m->mctx);
    pcre2_match_context_free(m->scan_mctx);
    pcre2_match_data_free(m->md);
    if (!m->clone) {
        pcre2_code_free(m->code);
        for (int k = 0; k < m->n_scan; k++)
            pcre2_code_free(m->scan_code[k]);
    }
    free(m->pattern);
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

/* ---- the scan variant ----
 *
 * A scan runs one pattern over many strings laid end to end (struct firmscan) in one
 * PCRE2 call instead of one call per string. Each string is followed by a NUL, a
 * byte that is never valid UTF-8 and another NUL: the variant is the same pattern
 * compiled with PCRE2_MULTILINE and NUL as the newline, so ^ and $ hold at the start
 * and end of every string as they do when the string is the whole subject, and with
 * PCRE2_MATCH_INVALID_UTF the invalid byte is a barrier nothing can match or look
 * behind across, so a match can run at most one NUL past its string (a pattern such
 * as [^,]+ would otherwise run on to the end of the text from every string).
 * The scan is only a source of candidates for the per-string test, and it must
 * never miss a string that test accepts: a per-string match is a path through the
 * pattern that reads nothing beyond its string but the boundaries, and the scan
 * meets the same boundaries (^ after a NUL, $ before one, \b and \B seeing a NUL as
 * a non-word character), so it finds that path too, unless the pattern can commit
 * to a different path after reading a NUL (atomic groups, possessive quantifiers,
 * lookarounds, backtracking verbs, back references, conditions, recursion), asks
 * where the subject starts or ends (\A \z \Z \G), moves the reported start (\K), or
 * changes the newline or multiline setting itself. Such patterns are refused here,
 * by an allow-list over the pattern's syntax, and their callers test string by
 * string. Conversely a scan match that lies inside one string is a path that
 * per-string matching has too, and the per-string search reaches it with no more
 * work than the scan did (it explores the same paths in the same order, each cut
 * short at the string's end), so within the limits the scan kept to, the string
 * matches; a match that runs on into the NUL after its string proves nothing and
 * its string is tested by itself. The differential test (tests/unit/test_firmscan)
 * holds the pass to the per-string results on hand-picked and random patterns.
 * Strings containing a newline character or invalid UTF-8 must not be put into the
 * text (firmscan keeps them out): there ^, $ and . mean something else. */

/* Skips an escape's argument in braces (\x{..}, \p{..}, \N{U+..}, \o{..}) or its
 * one-letter argument (\pL, \cX); i is just past the escape letter e. */
static size_t skip_escape_arg(const char *p, size_t i, size_t n, char e)
{
    if (i < n && p[i] == '{' && strchr("xopPN", e))
        return skip_to(p, i + 1, n, '}');
    if (i < n && strchr("pPc", e))
        return i + 1;
    return i;
}

/* Past the \E that ends a \Q quotation starting at i, or n. */
static size_t skip_quoted(const char *p, size_t i, size_t n)
{
    while (i + 1 < n && !(p[i] == '\\' && p[i + 1] == 'E'))
        i++;
    return i + 1 < n ? i + 2 : n;
}

/* An option setting such as (?i) or (?i-s: at p[i] (just past "(?"); returns the
 * index past it, or 0 when it is not one the scan can keep: x changes what the text
 * of the pattern means, ^ and -m turn multiline off. */
static size_t scan_options(const char *p, size_t i, size_t n)
{
    int unset = 0;
    for (; i < n; i++) {
        char c = p[i];
        if (c == ')' || c == ':')
            return i + 1;
        if (c == '-')
            unset = 1;
        else if ((c == 'm' && unset) || !strchr("imnsJU", c) || c == '\0')
            return 0;
    }
    return 0;
}

/* Whether the scan variant of the pattern finds every string the pattern matches
 * as a whole subject (see above). Errs on the side of "no". */
static int pattern_scan_safe(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = p[i];
        if (c == '\\') {
            if (i + 1 >= n)
                return 0;
            char e = p[i + 1];
            i += 2;
            if (e == 'Q') {
                i = skip_quoted(p, i, n);
                continue;
            }
            /* anchors to the subject, \K, back references and subroutine calls */
            if (strchr("AzZGKgk123456789", e))
                return 0;
            i = skip_escape_arg(p, i, n, e);
        } else if (c == '[') {
            i++;
            if (i < n && p[i] == '^')
                i++;
            if (i < n && p[i] == ']')
                i++; /* a ']' first is a literal */
            for (;;) {
                if (i >= n || p[i] == '[')
                    return 0; /* POSIX classes: not worth parsing here */
                if (p[i] == ']')
                    break;
                if (p[i] == '\\' && i + 1 < n) {
                    char e = p[i + 1];
                    i = e == 'Q' ? skip_quoted(p, i + 2, n) : skip_escape_arg(p, i + 2, n, e);
                } else {
                    i++;
                }
            }
            i++;
        } else if (c == '(') {
            if (i + 1 < n && p[i + 1] == '*')
                return 0; /* verbs, newline settings, alpha assertions */
            if (i + 1 < n && p[i + 1] == '?') {
                if (i + 2 >= n)
                    return 0;
                char k = p[i + 2];
                if (k == ':' || k == '|') {
                    i += 3;
                } else if (k == '#') {
                    i = skip_to(p, i + 3, n, ')');
                } else if (k == '<' && i + 3 < n && p[i + 3] != '=' && p[i + 3] != '!') {
                    i = skip_to(p, i + 3, n, '>');
                } else if (k == 'P' && i + 3 < n && p[i + 3] == '<') {
                    i = skip_to(p, i + 4, n, '>');
                } else if (k == '\'') {
                    i = skip_to(p, i + 3, n, '\'');
                } else {
                    size_t j = scan_options(p, i + 2, n);
                    if (!j)
                        return 0; /* lookarounds, atomic groups, conditions, recursion, callouts */
                    i = j;
                }
            } else {
                i++;
            }
        } else if (c == '*' || c == '+' || c == '?' || c == '}') {
            if (i + 1 < n && p[i + 1] == '+')
                return 0; /* possessive */
            i++;
        } else {
            i++;
        }
    }
    return 1;
}

/* A pattern that is one alternation of plain sequences ("footwear|optical|leather":
 * no groups, no quantifiers) is scanned branch by branch when each branch starts with
 * a known character, which the JIT then finds with a fast search where the whole
 * alternation would test every byte against a set. Without quantifiers the pattern
 * cannot hit the match limit on any string, so a branch's match inside a string is
 * the whole pattern's match too. Returns the number of branches (their starts in
 * cut[], cut[k] the end), or 0. */
static int pattern_branches(const char *p, size_t n, size_t *cut)
{
    int k = 0;
    cut[0] = 0;
    size_t i = 0;
    while (i < n) {
        char c = p[i];
        if (c == '\\') {
            if (i + 1 >= n)
                return 0;
            char e = p[i + 1];
            i = e == 'Q' ? skip_quoted(p, i + 2, n) : skip_escape_arg(p, i + 2, n, e);
        } else if (c == '[') {
            /* pattern_scan_safe has checked the class: find its end the same way */
            i++;
            if (i < n && p[i] == '^')
                i++;
            if (i < n && p[i] == ']')
                i++;
            while (i < n && p[i] != ']')
                i = p[i] == '\\' && i + 1 < n ? (p[i + 1] == 'Q' ? skip_quoted(p, i + 2, n)
                                                                 : skip_escape_arg(p, i + 2, n, p[i + 1]))
                                              : i + 1;
            i++;
        } else if (strchr("()*+?{", c)) {
            return 0;
        } else if (c == '|') {
            if (++k >= MATCH_SCAN_MAX)
                return 0;
            cut[k] = ++i;
        } else {
            i++;
        }
    }
    cut[k + 1] = n + 1; /* as if a '|' followed the last branch */
    return k ? k + 1 : 0;
}

/* Compiles p[0, n) as the scan variant; returns NULL when it cannot stand in (see
 * above). */
static pcre2_code *scan_compile_part(const struct matcher *m, const char *p, size_t n)
{
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    if (!cc)
        xalloc_die("pcre2 compile context");
    pcre2_set_newline(cc, PCRE2_NEWLINE_NUL);
    uint32_t opts = m->opts | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE;
    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)p, n, opts, &ecode, &eoff, cc);
    pcre2_compile_context_free(cc);
    if (!code)
        return NULL;
    /* belt and braces for what the syntax check is meant to exclude; a pattern that
     * can match the empty string would make every string a candidate */
    uint32_t nl = 0, empty = 1, backref = 1;
    if (pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &nl) != 0 || nl != PCRE2_NEWLINE_NUL ||
        pcre2_pattern_info(code, PCRE2_INFO_MATCHEMPTY, &empty) != 0 || empty ||
        pcre2_pattern_info(code, PCRE2_INFO_BACKREFMAX, &backref) != 0 || backref) {
        pcre2_code_free(code);
        return NULL;
    }
    return code;
}

static uint32_t first_code_type(const pcre2_code *code)
{
    uint32_t t = 0;
    return pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &t) == 0 ? t : 0;
}

/* Fills m->scan_code with the whole pattern, or with its branches when that pays. */
static void scan_compile(struct matcher *m)
{
    if (!pattern_scan_safe(m->pattern, m->pattern_len))
        return;
    pcre2_code *whole = scan_compile_part(m, m->pattern, m->pattern_len);
    if (!whole)
        return;
    size_t cut[MATCH_SCAN_MAX + 1];
    int k = first_code_type(whole) == 1 ? 0 : pattern_branches(m->pattern, m->pattern_len, cut);
    for (int b = 0; b < k; b++) {
        m->scan_code[b] = scan_compile_part(m, m->pattern + cut[b], cut[b + 1] - 1 - cut[b]);
        if (!m->scan_code[b] || first_code_type(m->scan_code[b]) != 1) {
            for (int c = 0; c <= b; c++) {
                pcre2_code_free(m->scan_code[c]);
                m->scan_code[c] = NULL;
            }
            k = 0;
            break;
        }
    }
    if (k) {
        pcre2_code_free(whole);
        m->n_scan = k;
    } else {
        m->scan_code[0] = whole;
        m->n_scan = 1;
    }
}

int match_scan_prepare(struct matcher *m)
{
    if (!m)
        return 0;
    if (m->clone || m->scan_prepared)
        return m->n_scan;
    m->scan_prepared = 1;
    scan_compile(m);
    if (!m->n_scan)
        return 0;
    for (int k = 0; k < m->n_scan; k++)
        m->scan_jit[k] = match_jit_wanted() && pcre2_jit_compile(m->scan_code[k], PCRE2_JIT_COMPLETE) == 0;
    if (m->scan_jit[0] && !m->jit_stack) {
        m->jit_stack = pcre2_jit_stack_create(MATCH_JIT_STACK_MIN, MATCH_JIT_STACK_MAX, NULL);
        if (m->jit_stack)
            pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
    }
    matcher_init_scan_context(m);
    return m->n_scan;
}

enum match_result match_scan_find(struct matcher *m, int k, const char *text, size_t n, size_t start,
                                  size_t *mstart, size_t *mend)
{
    if (!m || k < 0 || k >= m->n_scan || !text || start > n)
        return MATCH_FAILED;
    /* the fast path skips pcre2_match's argument checks, which hold here; the JIT
     * code of a PCRE2_MATCH_INVALID_UTF pattern handles invalid bytes itself */
    int rc = m->scan_jit[k] ? pcre2_jit_match(m->scan_code[k], (PCRE2_SPTR)text, n, start, 0, m->md, m->scan_mctx)
                            : pcre2_match(m->scan_code[k], (PCRE2_SPTR)text, n, start, 0, m->md, m->scan_mctx);
    enum match_result r = map_rc(rc);
    if (r == MATCH_YES) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        *mstart = ov[0];
        *mend = ov[1];
    }
    return r;
}
