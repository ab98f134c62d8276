#include "csvpipe.h"
#include "thread.h"
#include "xalloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* Batches in flight: the one being filled, the one being taken, and two queued, so
 * that neither thread waits on the other for long. */
#define PIPE_BATCHES 4
#define PIPE_MIN_BYTES ((uint64_t)1 << 20)

struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    /* batches read and not yet taken, oldest first, from full_first; owned */
    struct csvread_batch *full[PIPE_BATCHES];
    unsigned full_first, n_full;
    /* batches taken, for the reader to fill again; owned */
    struct csvread_batch *empty[PIPE_BATCHES];
    unsigned n_empty;
    int finished;          /* the reader is done; rc is its result */
    int rc;
    int stop;              /* set by the taker: the reader must give up */
    const char *path;
    const struct csvread_options *o;
};

int csvpipe_wanted(uint64_t file_bytes)
{
    const char *v = getenv("FIRMNET_LOAD_THREADS");
    if (v && v[0] == '1' && !v[1])
        return 0;
    if (v && v[0] == '2' && !v[1])
        return 1;
    if (file_bytes < PIPE_MIN_BYTES)
        return 0;
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* On the reading thread: queues the batch read and takes an empty one to fill next,
 * waiting until the taker has given one back. */
static int pipe_hand_over(void *ctx, struct csvread_batch **b)
{
    struct pipe *p = ctx;
    pthread_mutex_lock(&p->mu);
    if (!p->stop) {
        p->full[(p->full_first + p->n_full++) % PIPE_BATCHES] = *b;
        *b = NULL;
        pthread_cond_signal(&p->filled);
        while (!p->n_empty && !p->stop)
            pthread_cond_wait(&p->emptied, &p->mu);
        if (p->n_empty)
            *b = p->empty[--p->n_empty];
    }
    int stop = p->stop;
    pthread_mutex_unlock(&p->mu);
    return stop;
}

static void *pipe_read(void *arg)
{
    struct pipe *p = arg;
    int rc = csvread_batches(p->path, p->o, pipe_hand_over, p);
    pthread_mutex_lock(&p->mu);
    p->rc = rc;
    p->finished = 1;
    pthread_cond_signal(&p->filled);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* On the calling thread: takes the batches as they come until the reader is done or
 * take says stop; returns 1 when it did. */
static int pipe_take_all(struct pipe *p, csvread_take_fn take, void *ctx)
{
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->n_full && !p->finished)
            pthread_cond_wait(&p->filled, &p->mu);
        if (!p->n_full) {
            pthread_mutex_unlock(&p->mu);
            return 0;
        }
        struct csvread_batch *b = p->full[p->full_first];
        p->full_first = (p->full_first + 1) % PIPE_BATCHES;
        p->n_full--;
        pthread_mutex_unlock(&p->mu);
        int stop = take(ctx, &b);
        pthread_mutex_lock(&p->mu);
        if (b)
            p->empty[p->n_empty++] = b;
        if (stop)
            p->stop = 1;
        pthread_cond_signal(&p->emptied);
        pthread_mutex_unlock(&p->mu);
        if (stop)
            return 1;
    }
}

int csvpipe_batches(const char *path, const struct csvread_options *o, csvread_take_fn take, void *ctx)
{
    struct pipe *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->filled, NULL);
    pthread_cond_init(&p->emptied, NULL);
    p->path = path;
    p->o = o;
    /* the reader starts with a batch of its own */
    for (unsigned i = 0; i + 1 < PIPE_BATCHES; i++)
        p->empty[p->n_empty++] = csvread_batch_new();

    struct thread th;
    int rc;
    if (!thread_start(&th, pipe_read, p)) {
        /* no thread to be had: read here, which gives the same batches (the reader
         * cannot wait for a join: this thread takes what it reads) */
        rc = csvread_batches(path, o, take, ctx);
    } else {
        int stopped = pipe_take_all(p, take, ctx);
        thread_join(&th);
        /* csvread_batches() returns 0 when take stops it; what the reader met after
         * that would never have been read */
        rc = stopped ? 0 : p->rc;
    }
    for (unsigned i = 0; i < p->n_full; i++)
        csvread_batch_free(p->full[(p->full_first + i) % PIPE_BATCHES]);
    for (unsigned i = 0; i < p->n_empty; i++)
        csvread_batch_free(p->empty[i]);
    pthread_cond_destroy(&p->emptied);
    pthread_cond_destroy(&p->filled);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return rc;
}
