/* load: owns turning a dataset directory (firms.csv, linkages.csv) into a dataset;
 * every problem becomes a finding, bad rows are skipped, the rest loads. */
#ifndef FIRMNET_LOAD_H
#define FIRMNET_LOAD_H
#include <stdint.h>
#include "dataset.h"
#include "diag.h"
#include "graph.h"

struct load_options {
    const char *encoding;  /* NULL = UTF-8; else an iconv name such as GB18030 */
    char delimiter;        /* 0 = ',' */
    /* Called now and then with bytes read so far and the total of both files (of a
     * snapshot read: units done of its total, core/snapshot.h), on the loading thread. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
    /* Called with 1 when the dataset is read from its snapshot instead of the files
     * (the progress calls then count that read), with 0 if the snapshot is then given
     * up and the files parsed after all. NULL: not asked. */
    void (*snapshot)(void *ctx, int reading);
    /* LOAD_CACHE: read the dataset from its snapshot (core/cache.h) while the files
     * are unchanged, and write one after parsing them; 0, the default, always parses.
     * An option added here that changes what is loaded must join the cache key. */
    unsigned cache;
};
enum { LOAD_CACHE = 1, LOAD_CACHE_QUIET = 2 /* no notes on stderr (under curses) */ };

/* Loads dir into ds (initialised here) and runs every check, filling dg (initialised
 * by the caller). Returns 0 when a dataset was loaded, findings or not, and -1 when
 * nothing usable could be loaded (unreadable file, missing column, not CSV); the
 * reason is then among the findings. The caller frees ds in both cases. */
int load_dataset(struct dataset *ds, struct diag *dg, const char *dir, const struct load_options *opt);
/* The same, and hands over the graph the checks were run on, so a caller that needs
 * one does not build it twice (at ten million linkages that is most of a second).
 * g is filled when 0 is returned and zeroed otherwise; graph_free is safe on both. */
int load_dataset_graph(struct dataset *ds, struct diag *dg, struct graph *g, const char *dir,
                       const struct load_options *opt);

#endif
