/* libFuzzer harness for core/match: the input up to the first NUL is a pattern, the
 * rest a subject; nothing may crash, hang past the limits, or report a span outside
 * the subject. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "match.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nul = memchr(in, '\0', size);
    size_t plen = nul ? (size_t)(nul - in) : size;
    const char *subj = nul ? nul + 1 : "";
    size_t slen = nul ? size - plen - 1 : 0;
    /* the byte after the pattern picks the flags, so every mode gets exercised */
    unsigned flags = slen ? (unsigned)(unsigned char)subj[0] % 4 : MATCH_SMART_CASE;

    struct match_error err;
    struct matcher *m = match_compile(in, plen, flags, &err);
    if (!m) {
        if (plen <= MATCH_PATTERN_MAX && err.code == 0)
            abort();
        if (err.offset > plen && plen <= MATCH_PATTERN_MAX)
            abort();
        if (!memchr(err.message, '\0', sizeof err.message))
            abort();
        return 0;
    }
    enum match_result r = match_test(m, subj, slen);
    if (r != MATCH_YES && r != MATCH_NO && r != MATCH_TOO_EXPENSIVE && r != MATCH_FAILED)
        abort();
    /* walk every match the way highlighting does */
    size_t pos = 0;
    for (int iter = 0; iter < 64 && pos <= slen; iter++) {
        size_t a = 0, b = 0;
        r = match_find(m, subj, slen, pos, &a, &b);
        if (r != MATCH_YES)
            break;
        if (a > b || b > slen || a < pos)
            abort();
        pos = b > pos ? b : pos + 1;
    }
    match_free(m);
    return 0;
}
