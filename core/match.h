/* match: owns compiled PCRE2 patterns (UTF, UCP, smart case, JIT) and the limits
 * that keep a pathological pattern from hanging the program. */
#ifndef FIRMNET_MATCH_H
#define FIRMNET_MATCH_H
#include <stddef.h>

#define MATCH_PATTERN_MAX 4096     /* bytes; longer patterns are refused */

enum match_flags {
    MATCH_SMART_CASE = 1, /* caseless unless the pattern has an upper-case letter */
    MATCH_CASELESS = 2,
};

enum match_result {
    MATCH_NO = 0,
    MATCH_YES = 1,
    MATCH_TOO_EXPENSIVE = -1, /* match, depth or heap limit hit */
    MATCH_FAILED = -2,        /* any other PCRE2 run-time error */
};

struct match_error {
    int code;          /* PCRE2 error code, or 0 */
    size_t offset;     /* byte offset in the pattern where compiling failed */
    char message[256]; /* PCRE2's own words, or ours for the length cap */
};

struct matcher; /* opaque; owns the code, match data and match context */

/* Returns NULL and fills err when the pattern does not compile. */
struct matcher *match_compile(const char *pattern, size_t n, unsigned flags, struct match_error *err);
void match_free(struct matcher *m);
/* Not thread-safe on one matcher (it owns one match-data block): one per thread. */
enum match_result match_test(struct matcher *m, const char *s, size_t n);
/* Like match_test, and on MATCH_YES gives the byte span of the first match. */
enum match_result match_find(struct matcher *m, const char *s, size_t n, size_t start,
                             size_t *mstart, size_t *mend);
/* A matcher for another thread: it shares m's compiled pattern (m must outlive it
 * and must not be prepared for scanning after it was cloned) and has its own match
 * data, limits and JIT stack. Freed with match_free. */
struct matcher *match_clone(const struct matcher *m);

/* Scanning many strings at once (core/firmscan): the strings laid end to end, each
 * followed by a NUL, a byte that is never valid UTF-8 (0xFF) and a NUL; the strings
 * valid UTF-8 and free of newline characters (LF, VT, FF, CR, U+0085, U+2028,
 * U+2029). match_scan_prepare compiles the scan variant of the pattern once and
 * returns how many scans stand in for per-string tests (1, or one per branch of a
 * plain alternation such as "eye|optic"): every string match_test accepts contains
 * the start of a match of one of the scans (a match may run on into the NUL after
 * its string, and may start on the NUL before the next one), and a scan match that
 * lies inside one string means match_test accepts that string. It returns 0 for
 * patterns where that cannot be promised (lookarounds, atomic groups, possessive
 * quantifiers, back references, \A \z \Z \G \K, verbs, ...) or that can match the
 * empty string. Not thread-safe: call it before cloning. */
#define MATCH_SCAN_MAX 4
int match_scan_prepare(struct matcher *m);
/* The first match of scan k in text[start, n): MATCH_YES with its byte span,
 * MATCH_NO, or a negative match_result (the limits count over the whole call, so a
 * long text can hit them where no single string would). */
enum match_result match_scan_find(struct matcher *m, int k, const char *text, size_t n, size_t start,
                                  size_t *mstart, size_t *mend);

#endif
