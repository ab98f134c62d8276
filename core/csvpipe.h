/* csvpipe: owns reading one CSV file on a second thread and handing its records,
 * errors and progress to the caller's thread in file order, in batches. */
#ifndef FIRMNET_CSVPIPE_H
#define FIRMNET_CSVPIPE_H
#include "csvread.h"

/* What the reading thread works out for each record before queueing it.
 * decide() runs for every record but the first, which is taken as the header: the
 * reader waits until h->record has taken the header, so decide() may read what that
 * set up, but nothing the caller's thread changes afterwards. It says what the reader
 * does next, CSVREAD_CONTINUE or CSVREAD_RESYNC (the reader cannot wait for the
 * caller to decide that), and may fill note, note_size zeroed bytes that travel with
 * the record: *note_out points at them while h->record runs (at zeroes for the
 * header). */
struct csvpipe_early {
    enum csvread_action (*decide)(void *ctx, const struct csvread_record *r, void *note);
    /* NULL, or called on the reading thread before a batch of records is handed
     * over: decide() may leave a note unfinished until then (to overlap lookups) */
    void (*flush)(void *ctx);
    void *ctx;
    size_t note_size;
    const void **note_out;
};

/* Like csvread_file(), and every callback of h runs on the calling thread in the
 * same order as csvread_file() would make them; the difference is that the file is
 * split into records on another thread meanwhile. h->record's CSVREAD_STOP stops the
 * reader (records read ahead are dropped, as if never read); its CSVREAD_RESYNC is
 * ignored: decide() has settled that already. Returns what csvread_file() would. */
int csvpipe_file(const char *path, const struct csvread_options *o, const struct csvread_handler *h,
                 const struct csvpipe_early *early);

/* Whether a file of this many bytes is worth a second thread: a thread costs little,
 * but on one core, or for a small file, it buys nothing. FIRMNET_LOAD_THREADS=1 turns
 * the pipe off and =2 forces it on whatever the size (the tests use both). */
int csvpipe_wanted(uint64_t file_bytes);

#endif
