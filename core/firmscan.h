/* firmscan: owns the search text of a dataset's firms (the id, name and alias of every
 * firm laid end to end) and the filter pass over every firm that scans it on all
 * cores, firm by firm equal to filter_test_firm. */
#ifndef FIRMNET_FIRMSCAN_H
#define FIRMNET_FIRMSCAN_H
#include <stddef.h>
#include <stdint.h>
#include "dataset.h"
#include "filter.h"

/* What follows each string in the text: a NUL for ^ and $ (the scan's newline), a
 * byte that is never valid UTF-8 (a barrier no match can cross: a match that runs
 * on past its string is cut short at once) and a NUL for the next string's ^. */
#define FIRMSCAN_SEP "\0\xff\0"
#define FIRMSCAN_SEP_LEN 3

struct firmscan {
    /* owned; for each firm its id, name and non-empty alias, each followed by
     * FIRMSCAN_SEP: the strings a filter without a field tests (filter_test_firm) */
    char *text;
    size_t len;
    uint32_t *start;  /* owned; n + 1 offsets: firm v's strings are text[start[v], start[v+1]) */
    /* owned; ascending: firms whose strings hold a newline character or invalid UTF-8
     * (where a scan's ^, $ and . would not mean what they mean in one string). They
     * have no text (start[v] == start[v+1]) and are tested one by one. */
    uint32_t *odd;
    uint32_t n, n_odd;  /* firms of the dataset it was built for; odd firms */
};

/* Builds the text of ds's firms; rebuild it when the dataset changes. Returns 0, or
 * -1 (fs left empty) when the text would not fit 32-bit offsets: firmscan_run then
 * tests every firm by itself. */
int firmscan_build(struct firmscan *fs, const struct dataset *ds);
void firmscan_free(struct firmscan *fs);

#define FIRMSCAN_STOPPED 1

/* One filter pass over every firm of ds: pass[v] = 1 when filter_test_firm(f, ds, v)
 * says MATCH_YES, else 0 (pass has ds->firms.n bytes). A filter without a field scans
 * fs (built for ds; NULL tests firm by firm) when its pattern allows (see
 * match_scan_prepare); an industry or scale filter tests each distinct value once.
 * threads: how many threads to split the work over, 0 for one per core (one when
 * the work is small). stop: NULL, or called now and then on the calling thread,
 * whose nonzero return abandons the pass.
 * Returns 0 when every firm was tested; a negative match_result when some firm's
 * result is negative, *bad being the first such firm (pass is valid below it), as a
 * loop over filter_test_firm that stops at the first negative result would; or
 * FIRMSCAN_STOPPED when stop abandoned the pass (pass undefined). Not thread-safe on
 * one filter: it prepares f's matcher for scanning. */
int firmscan_run(const struct firmscan *fs, struct firm_filter *f, const struct dataset *ds, uint8_t *pass,
                 unsigned threads, int (*stop)(void *ctx), void *stop_ctx, uint32_t *bad);

#endif
