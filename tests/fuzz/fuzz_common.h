/* fuzz_common: owns the properties every dataset harness asserts about findings:
 * messages are terminal-safe text and point at lines that exist. Header-only so the
 * harnesses build alike under libFuzzer and under the replay driver. */
#ifndef FIRMNET_FUZZ_COMMON_H
#define FIRMNET_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "text.h"

/* Reports what broke before aborting, so a crash log says which property failed. */
static inline void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz property violated: %s: %s\n", what, detail ? detail : "");
    abort();
}

/* diag_add's contract is that messages are already printable: a control byte, a C1
 * control, a bidi override or invalid UTF-8 here would reach the user's terminal raw. */
static inline void fuzz_assert_printable(const char *s, size_t n)
{
    if (!text_utf8_valid(s, n, NULL))
        fuzz_fail("finding message is not UTF-8", s);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069))
            fuzz_fail("finding message holds a terminal control", s);
        i += k;
    }
}

/* Every finding: printable message, a known code, a line within the file (or 0), and
 * counters that agree with the list. max_line[f] is the number of lines of file f + 1. */
static inline void fuzz_assert_findings(const struct diag *dg, const uint32_t max_line[3])
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < dg->n; i++) {
        const struct finding *f = &dg->v[i];
        const char *msg = diag_msg(dg, f);
        fuzz_assert_printable(msg, strlen(msg));
        if (f->code >= DC_COUNT || f->file > DIAG_CONF)
            fuzz_fail("finding has a bad code or file", msg);
        if (max_line && f->line > max_line[f->file])
            fuzz_fail("finding points past the end of its file", msg);
        if (f->severity == DIAG_ERROR)
            errors++;
        else
            warnings++;
    }
    /* past its keep a code is only counted (diag_tally): those count too */
    for (size_t t = 0; dg->tally && t < DIAG_TALLIES; t++) {
        const struct diag_tally *ty = &dg->tally[t];
        if (ty->kept > ty->count)
            fuzz_fail("a tally keeps more findings than it counted", NULL);
        if (diag_code_severity((unsigned)(t % DC_COUNT)) == DIAG_ERROR)
            errors += ty->count - ty->kept;
        else
            warnings += ty->count - ty->kept;
    }
    if (errors != dg->n_errors || warnings != dg->n_warnings)
        fuzz_fail("finding counters disagree with the list", NULL);
}

#endif
