#include "csvpipe.h"
#include "xalloc.h"
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Four batches of 256 KiB: enough that neither thread waits on the other for long,
 * small enough to stay in the caches the consumer reads them from. */
#define PIPE_BATCHES 4
#define BATCH_BYTES ((size_t)256 << 10)
#define BATCH_ITEMS 4096u
#define PIPE_MIN_BYTES ((uint64_t)1 << 20)

enum item_kind { ITEM_RECORD, ITEM_ERROR, ITEM_PROGRESS };

struct pipe_item {
    uint8_t kind;       /* enum item_kind */
    uint8_t err;        /* enum csvread_error of an ITEM_ERROR */
    uint8_t has_detail; /* an ITEM_ERROR's detail is at off (it may be NULL) */
    uint32_t line, end_line, n;
    size_t off;         /* into the arena: a record's note, n lengths, then its fields, each NUL-terminated */
    uint64_t bytes;     /* an ITEM_PROGRESS's count */
};

struct batch {
    struct pipe_item *item; /* owned */
    size_t n_items, items_cap;
    char *arena;            /* owned */
    size_t used, cap;
};

struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    /* full batches form a ring: `count` of them from `head`; the consumer reads slot
     * head while it still counts, the reader fills slot (head + count) % PIPE_BATCHES,
     * which stays the same slot while the consumer moves on */
    struct batch batch[PIPE_BATCHES];
    unsigned head, count;
    int finished;          /* the reader is done; rc is its result */
    int header_pending;    /* the header is queued in slot header_slot, not yet taken */
    unsigned header_slot;
    int rc;
    atomic_int stop;       /* set by the consumer: the reader must give up */
    struct batch *fill;    /* the reader's batch, NULL when it holds none */
    /* the reader's side */
    const char *path;
    const struct csvread_options *o;
    const struct csvpipe_early *early;
    size_t note_size;      /* early->note_size rounded up for the lengths after it */
    uint32_t records;      /* read so far */
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

/* Hands the reader's batch over and takes the next free one; NULL once stopped. */
static struct batch *pipe_next_batch(struct pipe *p, int push)
{
    if (push && p->fill && p->early && p->early->flush)
        p->early->flush(p->early->ctx);
    pthread_mutex_lock(&p->mu);
    if (push && p->fill) {
        p->count++;
        p->fill = NULL;
        pthread_cond_signal(&p->filled);
    }
    while (p->count == PIPE_BATCHES && !atomic_load(&p->stop))
        pthread_cond_wait(&p->emptied, &p->mu);
    struct batch *b = NULL;
    if (!atomic_load(&p->stop)) {
        b = &p->batch[(p->head + p->count) % PIPE_BATCHES];
        b->n_items = 0;
        b->used = 0;
        p->fill = b;
    }
    pthread_mutex_unlock(&p->mu);
    return b;
}

/* A slot for one item with `bytes` of arena (aligned for size_t), in the current
 * batch or, when that is full, in the next. NULL once stopped. */
static struct pipe_item *pipe_add(struct pipe *p, size_t bytes, char **space)
{
    struct batch *b = p->fill;
    size_t at = b ? (b->used + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1) : 0;
    if (!b || b->n_items == BATCH_ITEMS || (b->used && at + bytes > BATCH_BYTES)) {
        b = pipe_next_batch(p, 1);
        if (!b)
            return NULL;
        at = 0;
    }
    if (b->n_items == b->items_cap)
        b->item = xgrow(b->item, &b->items_cap, b->n_items + 1, sizeof *b->item);
    /* the arena is never moved while it holds records (decide() may keep pointers
     * to their notes until the flush); a record bigger than a batch gets a batch of
     * its own, grown to fit */
    b->arena = xgrow(b->arena, &b->cap, at + bytes > BATCH_BYTES ? at + bytes : BATCH_BYTES, 1);
    b->used = at + bytes;
    *space = b->arena + at;
    struct pipe_item *it = &b->item[b->n_items++];
    memset(it, 0, sizeof *it);
    it->off = at;
    return it;
}

static enum csvread_action reader_on_record(void *ctx, const struct csvread_record *r)
{
    struct pipe *p = ctx;
    if (atomic_load_explicit(&p->stop, memory_order_relaxed))
        return CSVREAD_STOP;
    size_t bytes = p->note_size + (size_t)r->n * sizeof(size_t);
    for (uint32_t i = 0; i < r->n; i++)
        bytes += r->len[i] + 1;
    char *s;
    struct pipe_item *it = pipe_add(p, bytes, &s);
    if (!it)
        return CSVREAD_STOP;
    it->kind = ITEM_RECORD;
    it->line = r->line;
    it->end_line = r->end_line;
    it->n = r->n;
    char *note = s;
    memset(note, 0, p->note_size);
    s += p->note_size;
    memcpy(s, r->len, (size_t)r->n * sizeof(size_t));
    s += (size_t)r->n * sizeof(size_t);
    for (uint32_t i = 0; i < r->n; i++) {
        memcpy(s, r->field[i], r->len[i]);
        s[r->len[i]] = '\0';
        s += r->len[i] + 1;
    }
    if (p->records++ == 0) {
        /* hand the header over at once and wait until it is taken: decide() may
         * depend on what the header says */
        pthread_mutex_lock(&p->mu);
        p->header_slot = (p->head + p->count) % PIPE_BATCHES;
        p->count++;
        p->fill = NULL;
        p->header_pending = 1;
        pthread_cond_signal(&p->filled);
        while (p->header_pending && !atomic_load(&p->stop))
            pthread_cond_wait(&p->emptied, &p->mu);
        pthread_mutex_unlock(&p->mu);
        return CSVREAD_CONTINUE;
    }
    return p->early && p->early->decide ? p->early->decide(p->early->ctx, r, note) : CSVREAD_CONTINUE;
}

static void reader_on_error(void *ctx, enum csvread_error e, uint32_t line, const char *detail)
{
    struct pipe *p = ctx;
    size_t n = detail ? strlen(detail) + 1 : 0;
    char *s;
    struct pipe_item *it = pipe_add(p, n, &s);
    if (!it)
        return;
    it->kind = ITEM_ERROR;
    it->err = (uint8_t)e;
    it->line = line;
    it->has_detail = detail != NULL;
    if (detail)
        memcpy(s, detail, n);
}

static void reader_on_progress(void *ctx, uint64_t bytes)
{
    struct pipe *p = ctx;
    char *s;
    struct pipe_item *it = pipe_add(p, 0, &s);
    if (!it)
        return;
    it->kind = ITEM_PROGRESS;
    it->bytes = bytes;
}

static void *reader_run(void *arg)
{
    struct pipe *p = arg;
    struct csvread_handler h = {reader_on_record, reader_on_error, reader_on_progress, p};
    int rc = csvread_file(p->path, p->o, &h);
    if (p->fill && p->early && p->early->flush)
        p->early->flush(p->early->ctx);
    pthread_mutex_lock(&p->mu);
    if (p->fill) {
        p->count++;
        p->fill = NULL;
    }
    p->rc = rc;
    p->finished = 1;
    pthread_cond_signal(&p->filled);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Replays one batch into h on this thread; returns 1 when h asked to stop. */
static int pipe_replay(struct pipe *p, struct batch *b, const struct csvread_handler *h, const char ***fields,
                       size_t *fields_cap)
{
    for (size_t k = 0; k < b->n_items; k++) {
        const struct pipe_item *it = &b->item[k];
        const char *s = b->arena + it->off;
        if (it->kind == ITEM_PROGRESS) {
            if (h->progress)
                h->progress(h->ctx, it->bytes);
        } else if (it->kind == ITEM_ERROR) {
            if (h->error)
                h->error(h->ctx, (enum csvread_error)it->err, it->line, it->has_detail ? s : NULL);
        } else {
            if (p->early && p->early->note_out)
                *p->early->note_out = s;
            s += p->note_size;
            const size_t *len = (const size_t *)(const void *)s;
            const char *f = s + (size_t)it->n * sizeof(size_t);
            *fields = xgrow(*fields, fields_cap, it->n ? it->n : 1, sizeof **fields);
            for (uint32_t i = 0; i < it->n; i++) {
                (*fields)[i] = f;
                f += len[i] + 1;
            }
            struct csvread_record r = {it->line, it->end_line, it->n, *fields, len};
            if (h->record(h->ctx, &r) == CSVREAD_STOP)
                return 1;
        }
    }
    return 0;
}

int csvpipe_file(const char *path, const struct csvread_options *o, const struct csvread_handler *h,
                 const struct csvpipe_early *early)
{
    struct pipe *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->filled, NULL);
    pthread_cond_init(&p->emptied, NULL);
    atomic_init(&p->stop, 0);
    p->path = path;
    p->o = o;
    p->early = early;
    p->note_size = early ? (early->note_size + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1) : 0;

    /* signals stay with the caller's thread: the explorer's handlers (terminal
     * restore, resize) must not run on the reader */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t tid;
    int started = pthread_create(&tid, NULL, reader_run, p) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    int rc;
    if (!started) {
        /* no thread to be had: read here, which gives the same callbacks, without
         * notes (the caller works them out itself when there is none) */
        if (early && early->note_out)
            *early->note_out = NULL;
        rc = csvread_file(path, o, h);
    } else {
        const char **fields = NULL;
        size_t fields_cap = 0;
        int stopped = 0;
        for (;;) {
            pthread_mutex_lock(&p->mu);
            while (p->count == 0 && !p->finished)
                pthread_cond_wait(&p->filled, &p->mu);
            if (p->count == 0) {
                pthread_mutex_unlock(&p->mu);
                break;
            }
            struct batch *b = &p->batch[p->head];
            pthread_mutex_unlock(&p->mu);
            stopped = pipe_replay(p, b, h, &fields, &fields_cap);
            pthread_mutex_lock(&p->mu);
            if (p->header_pending && p->header_slot == p->head)
                p->header_pending = 0;
            p->head = (p->head + 1) % PIPE_BATCHES;
            p->count--;
            if (stopped)
                atomic_store(&p->stop, 1);
            pthread_cond_broadcast(&p->emptied);
            pthread_mutex_unlock(&p->mu);
            if (stopped)
                break;
        }
        pthread_join(tid, NULL);
        /* csvread_file() returns 0 when a record stops it; what the reader met after
         * that record would never have been read */
        rc = stopped ? 0 : p->rc;
        free(fields);
    }
    for (unsigned i = 0; i < PIPE_BATCHES; i++) {
        free(p->batch[i].item);
        free(p->batch[i].arena);
    }
    pthread_cond_destroy(&p->emptied);
    pthread_cond_destroy(&p->filled);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return rc;
}
