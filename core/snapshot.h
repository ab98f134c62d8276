/* snapshot: owns the binary cache of a loaded dataset (every column, the strings, the
 * indexes, the findings and the graph) and when it may stand in for the CSV files. */
#ifndef FIRMNET_SNAPSHOT_H
#define FIRMNET_SNAPSHOT_H
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include "dataset.h"
#include "diag.h"
#include "graph.h"

/* What tells one CSV file's contents apart without reading it. */
struct snapshot_stamp {
    uint64_t dev, ino, size;
    int64_t mtime_ns, ctime_ns;
};

/* One load's claim on the cache. Holds no heap memory: nothing to free. */
struct snapshot_key {
    char path[PATH_MAX];         /* the snapshot file in the cache directory */
    /* the real paths of firms.csv and linkages.csv and every load option that changes
     * what is loaded, NUL-separated: stored in the snapshot and compared on reading,
     * so that two keys with the same file name can never be confused */
    char text[2 * PATH_MAX + 128];
    size_t text_len;
    struct snapshot_stamp stamp[2]; /* firms.csv, linkages.csv, before the load read them */
    int64_t started_ns;          /* wall clock just before those stats */
    int verbose;                 /* FIRMNET_CACHE=verbose and notes allowed: notes on stderr */
};

/* Decides whether this load may use the cache (FIRMNET_CACHE, FIRMNET_CACHE_DIR or the
 * XDG cache directory, the FIRMNET_CACHE_MIN size threshold) and takes the files'
 * stamps. Returns 0 with k filled when it may, else -1. quiet keeps notes off stderr
 * even under FIRMNET_CACHE=verbose (the explorer's reload runs under curses).
 * settings (NULL: none) stands for the dataset's firmnet.conf (its digest, core/dsconf):
 * it joins the key, so that a snapshot made under other settings is never taken. */
int snapshot_key_make(struct snapshot_key *k, const char *firms_path, const char *links_path,
                      const char *encoding, char delimiter, const char *settings, int quiet);

/* Reads k's snapshot when it matches k: ds as load_dataset_graph starts it (initialised,
 * its paths set, nothing loaded), dg initialised and empty, g zeroed. Returns 0 with
 * all three filled exactly as loading the CSV would fill them; -1 when there is no
 * snapshot or it fails any check, with ds, dg and g left as they were. */
int snapshot_read(const struct snapshot_key *k, struct dataset *ds, struct diag *dg, struct graph *g);

/* Writes k's snapshot of a dataset just loaded from the CSV files, unless a file
 * changed since snapshot_key_make or so recently that a later change could carry the
 * same time stamp. A failure (no space, read-only cache) is only a note under
 * FIRMNET_CACHE=verbose: the user's command goes on as if there were no cache. */
void snapshot_write(const struct snapshot_key *k, const struct dataset *ds, const struct diag *dg,
                    const struct graph *g);

/* The file alone, without the policy (tests and the benchmark). Both return 0, or -1
 * with the reason in why (SNAPSHOT_WHY_MAX bytes); snapshot_load leaves ds, dg and g
 * as they were on failure. */
#define SNAPSHOT_WHY_MAX 512
int snapshot_save(const char *path, const struct snapshot_key *k, const struct dataset *ds,
                  const struct diag *dg, const struct graph *g, char *why);
int snapshot_load(const char *path, const struct snapshot_key *k, struct dataset *ds, struct diag *dg,
                  struct graph *g, char *why);

/* Tests only: where section s (0 .. snapshot_sections() - 1) of the snapshot at path
 * lies, so that a test can damage one column on purpose; and recomputing every
 * checksum in place afterwards, so that the damage reaches the checks behind them. */
unsigned snapshot_sections(void);
int snapshot_section_span(const char *path, unsigned s, uint64_t *offset, uint64_t *bytes, const char **name);
int snapshot_reseal(const char *path);

#endif
