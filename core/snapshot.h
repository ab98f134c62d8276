/* snapshot: owns the file format of the cache of a loaded dataset: its columns, the
 * strings and the findings, checked on reading; the indexes are not stored but made
 * again by their modules. When a snapshot is used is core/cache's. */
#ifndef FIRMNET_SNAPSHOT_H
#define FIRMNET_SNAPSHOT_H
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include "dataset.h"
#include "diag.h"
#include "graph.h"

/* What tells one CSV file's contents apart without reading it. */
struct snapshot_stamp {
    uint64_t dev, ino, size;
    int64_t mtime_ns, ctime_ns;
};

/* Takes and compares the stamp of a file. */
void snapshot_stamp_take(struct snapshot_stamp *s, const struct stat *st);
int snapshot_stamp_equal(const struct snapshot_stamp *a, const struct snapshot_stamp *b);

/* What a snapshot is of, stored in it and compared on reading (core/cache makes it). */
struct snapshot_key {
    /* the real paths of firms.csv and linkages.csv and every load option that changes
     * what is loaded, NUL-separated, so that two keys with the same file name can
     * never be confused */
    char text[2 * PATH_MAX + 256];
    size_t text_len;
    struct snapshot_stamp stamp[2]; /* firms.csv, linkages.csv, before the load read them */
};

/* The file at path, without the policy (core/cache decides where and when). Both
 * return 0, or -1 with the reason in why (SNAPSHOT_WHY_MAX bytes).
 * snapshot_load takes ds, dg and g as load_dataset_graph starts them (ds initialised
 * with its paths set, dg initialised and empty, g zeroed) and fills them as loading
 * the CSV would: the columns, strings and findings from the file, then the id index
 * (dataset_adopt, diag_adopt) and the graph (graph_build_links) made again by their own modules;
 * on failure it leaves all three as they were. */
#define SNAPSHOT_WHY_MAX 512
int snapshot_save(const char *path, const struct snapshot_key *k, const struct dataset *ds,
                  const struct diag *dg, char *why);
int snapshot_load(const char *path, const struct snapshot_key *k, struct dataset *ds, struct diag *dg,
                  struct graph *g, char *why);
/* Who hears how far a snapshot_load_p is (NULL members: no one), always on the thread
 * that called it: begin(ctx, 1) once the file is found to be of these very files and
 * the read starts, then step(ctx, done, total) now and then, done of total going from
 * the sections' bytes (most of it) through the id index to the graph. */
struct snapshot_progress {
    void (*begin)(void *ctx, int reading);
    void (*step)(void *ctx, uint64_t done, uint64_t total);
    void *ctx;
};
int snapshot_load_p(const char *path, const struct snapshot_key *k, struct dataset *ds, struct diag *dg,
                    struct graph *g, char *why, const struct snapshot_progress *sp);

/* Tests only: where section s (0 .. snapshot_sections() - 1) of the snapshot at path
 * lies, so that a test can damage one column on purpose; and recomputing every
 * checksum in place afterwards, so that the damage reaches the checks behind them. */
unsigned snapshot_sections(void);
int snapshot_section_span(const char *path, unsigned s, uint64_t *offset, uint64_t *bytes, const char **name);
int snapshot_reseal(const char *path);
/* Tests only: 1 reads every snapshot as a large one is read, on two threads (the
 * columns split between two readers, the graph built beside the id index), however
 * small; 0 goes by the size again. */
void snapshot_test_threads(int on);

#endif
