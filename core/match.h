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

#endif
