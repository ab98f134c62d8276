/* cache: owns the policy of the snapshot cache: whether a load may use it
 * (FIRMNET_CACHE, FIRMNET_CACHE_MIN; --no-cache is the load options'), where it lives
 * (FIRMNET_CACHE_DIR or the XDG cache directory), the key of a load, its notes under
 * FIRMNET_CACHE=verbose and the total kept (FIRMNET_CACHE_MAX). The file is
 * core/snapshot's. */
#ifndef FIRMNET_CACHE_H
#define FIRMNET_CACHE_H
#include <limits.h>
#include <stdint.h>
#include "dataset.h"
#include "diag.h"
#include "graph.h"
#include "snapshot.h"

/* One load's claim on the cache. Holds no heap memory: nothing to free. */
struct cache_key {
    struct snapshot_key snap;    /* what the snapshot must have been made of */
    char path[PATH_MAX];         /* the snapshot file in the cache directory */
    int64_t started_ns;          /* wall clock just before the files' stamps were taken */
    int verbose;                 /* FIRMNET_CACHE=verbose and notes allowed: notes on stderr */
};

/* Decides whether this load may use the cache and takes the files' stamps. Returns 0
 * with k filled when it may, else -1. quiet keeps notes off stderr even under
 * FIRMNET_CACHE=verbose (the explorer's reload runs under curses). settings (NULL:
 * none) stands for the dataset's firmnet.conf (its digest, core/dsconf) and keep for
 * the findings kept per code (diag.keep): both join the key, so that a snapshot made
 * under other settings is never taken and check --all's snapshot (every finding)
 * lives beside the default one instead of replacing it. */
int cache_key_make(struct cache_key *k, const char *firms_path, const char *links_path, const char *encoding,
                   char delimiter, const char *settings, uint32_t keep, int quiet);

/* Reads k's snapshot when it matches k: ds as load_dataset_graph starts it
 * (initialised, its paths set, nothing loaded), dg initialised and empty, g zeroed.
 * Returns 0 with all three filled as loading the CSV would fill them; -1 when there is
 * no snapshot or it fails any check, with ds, dg and g left as they were. A read
 * marks the snapshot as used, for the FIRMNET_CACHE_MAX eviction. */
int cache_read(const struct cache_key *k, struct dataset *ds, struct diag *dg, struct graph *g);
/* The same, telling sp (NULL: no one) how far the read is (core/snapshot.h). */
int cache_read_p(const struct cache_key *k, struct dataset *ds, struct diag *dg, struct graph *g,
                 const struct snapshot_progress *sp);

/* Writes k's snapshot of a dataset just loaded from the CSV files, unless a file
 * changed since cache_key_make or so recently that a later change could carry the
 * same time stamp; then removes the least recently used snapshots past
 * FIRMNET_CACHE_MAX. A failure (no space, read-only cache) is only a note under
 * FIRMNET_CACHE=verbose: the user's command goes on as if there were no cache. */
void cache_write(const struct cache_key *k, const struct dataset *ds, const struct diag *dg);

#endif
