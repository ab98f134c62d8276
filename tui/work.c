#include "config.h"
#include "thread.h"
#include "work.h"
#include "xalloc.h"
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { JOB_QUEUED, JOB_RUNNING, JOB_ENDED };

/* Two lanes, each one thread with its queue: the long analyses (lane 1) never hold up
 * what a key press asked for (sorts, layers, reloads: lane 0). */
enum { LANES = 2 };

static struct {
    int started;                 /* the threads run */
    int quit;
    /* started with core/thread's thread_start (signals blocked, its test hook), but
     * not joined by it: a lane that cannot start is not run at a join, the explorer
     * runs every job in place instead (work_post) */
    struct thread th[LANES];
    pthread_mutex_t mu;
    pthread_cond_t wake;         /* the workers wait for a job */
    pthread_cond_t ended;        /* the input loop waits for a running job to end (or to be held) */
    pthread_cond_t release;      /* held jobs wait to be let go (work_release, a cancel) */
    struct work_job *queue[LANES], *queue_tail[LANES]; /* owned; in posting order */
    struct work_job *running[LANES]; /* owned */
    struct work_job *ended_list, *ended_tail; /* owned; waiting for finish */
    int pipe_r, pipe_w;
    int delay_ms;                /* work_set_test_delay */
    int hold;                    /* work_hold: jobs wait at their start until released */
    unsigned release_gen;        /* work_release: the jobs held before it go */
} W = {.pipe_r = -1, .pipe_w = -1};

void work_set_test_delay(int ms) { W.delay_ms = ms > 0 ? ms : 0; }

/* The test hook's wait: 1 ms steps, each asking whether the job was cancelled. */
static void test_delay(struct work_job *j, int hold_ms)
{
    for (int t = 0; t < hold_ms && !progress_cancelled(&j->prog); t++) {
        struct timespec ms = {0, 1000000L};
        nanosleep(&ms, NULL);
    }
}

/* With mu held: lets go the held jobs, marking them at once as no longer held (a
 * wait for a settled screen that runs before they wake must wait for them). */
static void release_locked(void)
{
    for (int l = 0; l < LANES; l++)
        if (W.running[l])
            W.running[l]->held = 0;
    pthread_cond_broadcast(&W.release);
}

/* With mu held: the script's hold (work_hold), until the job is released or cancelled;
 * the input loop, which waits for a settled screen, learns of it through `ended`. */
static void hold_locked(struct work_job *j)
{
    unsigned gen = W.release_gen;
    j->held = 1;
    pthread_cond_broadcast(&W.ended);
    while (W.hold && W.release_gen == gen && !W.quit && !progress_cancelled(&j->prog))
        pthread_cond_wait(&W.release, &W.mu);
    j->held = 0; /* already, when released */
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void poke(void)
{
    if (W.pipe_w >= 0) {
        char b = 1;
        /* a full pipe already says "look": nothing is lost when this fails */
        ssize_t r = write(W.pipe_w, &b, 1);
        (void)r;
    }
}

/* With mu held. */
static void append_ended(struct work_job *j)
{
    j->state = JOB_ENDED;
    j->next = NULL;
    if (W.ended_tail)
        W.ended_tail->next = j;
    else
        W.ended_list = j;
    W.ended_tail = j;
}

static int lane_of(const struct work_job *j) { return j->long_running ? 1 : 0; }

static void *worker(void *arg)
{
    int lane = *(const int *)arg;
    pthread_mutex_lock(&W.mu);
    for (;;) {
        while (!W.quit && !W.queue[lane])
            pthread_cond_wait(&W.wake, &W.mu);
        if (W.quit)
            break;
        struct work_job *j = W.queue[lane];
        W.queue[lane] = j->next;
        if (!W.queue[lane])
            W.queue_tail[lane] = NULL;
        j->state = JOB_RUNNING;
        j->started = now_s();
        W.running[lane] = j;
        if (W.hold && !j->unseen)
            hold_locked(j);
        pthread_mutex_unlock(&W.mu);
        int hold = j->test_delay_ms ? j->test_delay_ms : W.delay_ms;
        if (hold > 0)
            test_delay(j, hold);
        int rc = progress_cancelled(&j->prog) ? -1 : j->run(j);
        pthread_mutex_lock(&W.mu);
        j->result = rc != 0 || progress_cancelled(&j->prog) ? -1 : 0;
        W.running[lane] = NULL;
        append_ended(j);
        pthread_cond_broadcast(&W.ended);
        poke();
    }
    pthread_mutex_unlock(&W.mu);
    return NULL;
}

int work_init(void)
{
    if (W.started)
        return 0;
    pthread_mutex_init(&W.mu, NULL);
    pthread_cond_init(&W.wake, NULL);
    pthread_cond_init(&W.ended, NULL);
    pthread_cond_init(&W.release, NULL);
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    W.pipe_r = fds[0];
    W.pipe_w = fds[1];
    W.quit = 0;
    static const int lanes[LANES] = {0, 1};
    for (int l = 0; l < LANES; l++)
        if (!thread_start(&W.th[l], worker, (void *)&lanes[l])) {
            if (l) {
                /* the first lane runs: stop it again, and run everything in place */
                pthread_mutex_lock(&W.mu);
                W.quit = 1;
                pthread_cond_broadcast(&W.wake);
                pthread_mutex_unlock(&W.mu);
                pthread_join(W.th[0].tid, NULL);
            }
            close(fds[0]);
            close(fds[1]);
            W.pipe_r = W.pipe_w = -1;
            return -1;
        }
    W.started = 1;
    return 0;
}

int work_fd(void) { return W.pipe_r; }

struct work_job *work_job_new(int kind, const char *label)
{
    struct work_job *j = xcalloc(1, sizeof *j);
    j->kind = kind;
    j->label = label;
    progress_init(&j->prog);
    return j;
}

static void named_add(struct work_named *nm, const struct work_job *j)
{
    if (!nm || progress_cancelled(&j->prog) || j->unseen) /* stopped before: not this cancel's */
        return;
    for (int i = 0; i < nm->n; i++)
        if (!strcmp(nm->label[i], j->label))
            return;
    if (nm->n < WORK_NAMED_MAX) {
        nm->kind[nm->n] = j->kind;
        nm->label[nm->n++] = j->label;
    }
}

/* With mu held: cancels the queued and running jobs of kind (any when kind < 0),
 * naming them in nm (NULL: not asked); returns how many. The queued ones end at once,
 * the running one when it stops. */
static int cancel_locked(int kind, struct work_named *nm)
{
    int k = 0;
    for (int l = 0; l < LANES; l++) {
        /* the running job first: what the status line showed */
        if (W.running[l] && (kind < 0 || W.running[l]->kind == kind)) {
            named_add(nm, W.running[l]);
            progress_cancel(&W.running[l]->prog);
            k++;
        }
        struct work_job **pp = &W.queue[l], *keep_tail = NULL;
        while (*pp) {
            struct work_job *j = *pp;
            if (kind < 0 || j->kind == kind) {
                *pp = j->next;
                named_add(nm, j);
                progress_cancel(&j->prog);
                j->result = -1;
                append_ended(j);
                k++;
            } else {
                keep_tail = j;
                pp = &j->next;
            }
        }
        W.queue_tail[l] = keep_tail;
    }
    /* a held job that was cancelled ends now */
    for (int l = 0; l < LANES; l++)
        if (W.running[l] && progress_cancelled(&W.running[l]->prog))
            W.running[l]->held = 0;
    pthread_cond_broadcast(&W.release);
    return k;
}

/* With mu held: a running job of kind that will stop when asked. */
static int running_stoppable(int kind)
{
    for (int l = 0; l < LANES; l++)
        if (W.running[l] && (kind < 0 || W.running[l]->kind == kind) && !W.running[l]->uncancellable)
            return 1;
    return 0;
}

void work_post(struct work_job *j)
{
    if (!W.started) {
        /* no thread: the job runs here, at once */
        j->result = j->run(j) != 0 ? -1 : 0;
        j->finish(j, j->result != 0);
        free(j);
        return;
    }
    pthread_mutex_lock(&W.mu);
    cancel_locked(j->kind, NULL);
    j->state = JOB_QUEUED;
    j->next = NULL;
    int l = lane_of(j);
    if (W.queue_tail[l])
        W.queue_tail[l]->next = j;
    else
        W.queue[l] = j;
    W.queue_tail[l] = j;
    pthread_cond_broadcast(&W.wake);
    pthread_mutex_unlock(&W.mu);
    poke(); /* the superseded ones want their finish */
}

static int cancel_wait(int kind, struct work_named *nm)
{
    if (!W.started)
        return 0;
    pthread_mutex_lock(&W.mu);
    int k = cancel_locked(kind, nm);
    while (running_stoppable(kind))
        pthread_cond_wait(&W.ended, &W.mu);
    pthread_mutex_unlock(&W.mu);
    work_collect();
    return k;
}

int work_cancel_kind(int kind) { return cancel_wait(kind, NULL); }
int work_cancel_all(void) { return cancel_wait(-1, NULL); }

int work_cancel_all_named(struct work_named *nm)
{
    nm->n = 0;
    return cancel_wait(-1, nm);
}

int work_collect(void)
{
    if (W.pipe_r >= 0) {
        char buf[64];
        while (read(W.pipe_r, buf, sizeof buf) > 0)
            ;
    }
    int k = 0;
    for (;;) {
        pthread_mutex_lock(&W.mu);
        struct work_job *j = W.ended_list;
        if (j) {
            W.ended_list = j->next;
            if (!W.ended_list)
                W.ended_tail = NULL;
        }
        pthread_mutex_unlock(&W.mu);
        if (!j)
            return k;
        /* unlocked: a finish may post or cancel jobs */
        j->finish(j, j->result != 0);
        free(j);
        k++;
    }
}

int work_pending(int kind)
{
    if (!W.started)
        return 0;
    pthread_mutex_lock(&W.mu);
    int found = 0;
    for (int l = 0; l < LANES && !found; l++) {
        if (W.running[l] && (kind < 0 || W.running[l]->kind == kind) && !progress_cancelled(&W.running[l]->prog))
            found = 1;
        for (struct work_job *j = W.queue[l]; j && !found; j = j->next)
            if (kind < 0 || j->kind == kind)
                found = 1;
    }
    pthread_mutex_unlock(&W.mu);
    return found;
}

int work_status(int kind, const char **label, unsigned *percent, double *seconds)
{
    if (!W.started)
        return 0;
    pthread_mutex_lock(&W.mu);
    struct work_job *j = NULL;
    /* what a key press asked for first, then the long analyses */
    for (int l = 0; l < LANES && !j; l++) {
        j = W.running[l];
        if (j && ((kind >= 0 && j->kind != kind) || (kind < 0 && j->unseen) || progress_cancelled(&j->prog)))
            j = NULL;
        for (struct work_job *q = W.queue[l]; q && !j; q = q->next)
            if (kind < 0 ? !q->unseen : q->kind == kind)
                j = q;
    }
    int busy = j != NULL;
    if (j) {
        int run = j->state == JOB_RUNNING;
        *label = j->label;
        *percent = run ? progress_percent(&j->prog) : 0;
        *seconds = run ? now_s() - j->started : 0;
    }
    pthread_mutex_unlock(&W.mu);
    return busy;
}

/* With mu held: a job of kind queued or running. */
static int pending_locked(int kind)
{
    for (int l = 0; l < LANES; l++) {
        if (W.running[l] && (kind < 0 || W.running[l]->kind == kind))
            return 1;
        for (struct work_job *j = W.queue[l]; j; j = j->next)
            if (kind < 0 || j->kind == kind)
                return 1;
    }
    return 0;
}

int work_active(int kind)
{
    if (!W.started)
        return 0;
    pthread_mutex_lock(&W.mu);
    int busy = pending_locked(kind);
    pthread_mutex_unlock(&W.mu);
    return busy;
}

int work_test_delay(void)
{
    if (!W.started)
        return W.delay_ms;
    pthread_mutex_lock(&W.mu);
    int d = W.hold ? INT_MAX : W.delay_ms;
    pthread_mutex_unlock(&W.mu);
    return d;
}

void work_hold(int on)
{
    if (!W.started)
        return;
    pthread_mutex_lock(&W.mu);
    W.hold = on != 0;
    if (!W.hold)
        release_locked();
    pthread_mutex_unlock(&W.mu);
}

void work_release(void)
{
    if (!W.started)
        return;
    pthread_mutex_lock(&W.mu);
    W.release_gen++;
    release_locked();
    pthread_mutex_unlock(&W.mu);
}

/* With mu held: whether a lane has work that will end or be held without the input
 * loop doing anything: a queued job no worker took yet, or a running one not held
 * (a held lane's queue waits behind it). */
static int unsettled_locked(void)
{
    for (int l = 0; l < LANES; l++)
        if (W.running[l] ? !W.running[l]->held : W.queue[l] != NULL)
            return 1;
    return 0;
}

int work_wait_kind(int kind, int timeout_ms)
{
    if (!W.started)
        return 1;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until); /* the condition variable's clock */
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L)
        until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&W.mu);
    while (pending_locked(kind) && pthread_cond_timedwait(&W.ended, &W.mu, &until) == 0)
        ;
    int busy = pending_locked(kind);
    pthread_mutex_unlock(&W.mu);
    return !busy;
}

int work_wait_idle(void)
{
    int k = 0, got;
    do {
        if (W.started) {
            pthread_mutex_lock(&W.mu);
            while (unsettled_locked())
                pthread_cond_wait(&W.ended, &W.mu);
            pthread_mutex_unlock(&W.mu);
        }
        got = work_collect();
        k += got;
    } while (got > 0);
    return k;
}

void work_done(void)
{
    if (!W.started)
        return;
    pthread_mutex_lock(&W.mu);
    cancel_locked(-1, NULL);
    W.quit = 1;
    pthread_cond_broadcast(&W.wake);
    release_locked();
    /* a cancelled job stops within 100 ms (tests/tui/tmux.test holds a job for ten
     * minutes and quits); a load cannot be stopped: it is left to the exit */
    while (running_stoppable(-1))
        pthread_cond_wait(&W.ended, &W.mu);
    int left[LANES], abandoned = 0;
    for (int l = 0; l < LANES; l++)
        abandoned |= left[l] = W.running[l] != NULL;
    pthread_mutex_unlock(&W.mu);
    for (int l = 0; l < LANES; l++) {
        if (left[l])
            pthread_detach(W.th[l].tid); /* the running job keeps its own data; the process ends without it */
        else
            pthread_join(W.th[l].tid, NULL);
    }
    W.started = 0;
    work_collect();
    if (!abandoned) {
        close(W.pipe_r);
        close(W.pipe_w);
        W.pipe_r = W.pipe_w = -1;
        pthread_mutex_destroy(&W.mu);
        pthread_cond_destroy(&W.wake);
        pthread_cond_destroy(&W.ended);
        pthread_cond_destroy(&W.release);
    }
}
