/* csvpipe: owns reading one CSV file on a second thread, batch by batch, while the
 * calling thread takes the batches in file order. */
#ifndef FIRMNET_CSVPIPE_H
#define FIRMNET_CSVPIPE_H
#include "csvread.h"

/* Like csvread_batches(), and take runs on the calling thread with the same batches
 * in the same order; the difference is that the file is split into records on another
 * thread meanwhile, a few batches ahead. When take says stop, the batches read ahead
 * are dropped, as if never read. take may keep a batch (putting NULL in *b) but gives
 * back no other. Returns what csvread_batches() would. */
int csvpipe_batches(const char *path, const struct csvread_options *o, csvread_take_fn take, void *ctx);

/* Whether a file of this many bytes is worth a second thread: a thread costs little,
 * but on one core, or for a small file, it buys nothing. FIRMNET_LOAD_THREADS=1 turns
 * the pipe off and =2 forces it on whatever the size (the tests use both). */
int csvpipe_wanted(uint64_t file_bytes);

#endif
