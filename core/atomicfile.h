/* atomicfile: owns writing one output file so that readers only ever see the old
 * file or the complete new one: a temporary file beside it, fsync, then rename. */
#ifndef FIRMNET_ATOMICFILE_H
#define FIRMNET_ATOMICFILE_H
#include <stdio.h>

#define ATOMICFILE_ERR_MAX 512

struct atomicfile {
    FILE *fp;        /* write here; owned until commit or abort */
    char *path;      /* owned: the final name */
    char *tmp_path;  /* owned: the temporary file in the same directory */
    /* Set after open to skip both fsyncs: still atomic, but after a crash the file may
     * hold anything. Only for files whose readers check every byte they read and can
     * do without them (the snapshot cache); it spares writing them through to disk. */
    int no_sync;
};

/* Creates the temporary file next to path (same directory, so rename is atomic).
 * Returns 0, or -1 with a message naming path in err (ATOMICFILE_ERR_MAX bytes). */
int atomicfile_open(struct atomicfile *af, const char *path, char *err);
/* Flushes, fsyncs and renames the temporary file over path, then fsyncs the
 * directory. Any write error seen since open (ENOSPC, EIO, ...) fails the commit
 * and removes the temporary file. Returns 0 or -1 with err filled; af is released
 * in both cases. */
int atomicfile_commit(struct atomicfile *af, char *err);
/* Drops the temporary file; path is left as it was. Safe after a failed open. */
void atomicfile_abort(struct atomicfile *af);

/* Flushes and checks a stream that is not an atomicfile (stdout): returns 0, or -1
 * with "cannot write NAME: reason" in err. */
int atomicfile_check_stream(FILE *fp, const char *name, char *err);

#endif
