/* work: owns the explorer's worker threads and their queues: the jobs that can take
 * longer than a key press (cluster measures, sorts, layers, reloads) run there, off the
 * input loop, one at a time in each of two lanes (the long analyses in their own, so
 * they never hold up what a key asked for), each with a progress record (core/progress.h) the status line
 * reads and cancels; the input loop learns that a job ended through a pipe it polls
 * beside the terminal (work_fd) and takes the result on its own thread (work_collect).
 *
 * Sharing rule: a job's run reads only data the input loop leaves alone until the job
 * has finished (the dataset, the graph, a layer), and writes only into its own result.
 * Before the input loop changes or frees such data it cancels the jobs reading it
 * (work_cancel_kind / work_cancel_all), which return within 100 ms. */
#ifndef FIRMNET_WORK_H
#define FIRMNET_WORK_H
#include "progress.h"

struct work_job;

/* run: on the worker thread; returns 0, or -1 when it stopped because prog was
 * cancelled. finish: on the input loop thread, exactly once per job posted, with
 * cancelled set when run stopped early or never ran; it takes the result or frees
 * it, and frees what the job's arg owns. The job itself is freed by work. */
struct work_job {
    int kind;                       /* the poster's code: jobs of one kind cancel each other */
    const char *label;              /* static text: "cluster measures", "sorting by name" */
    int (*run)(struct work_job *j);
    void (*finish)(struct work_job *j, int cancelled);
    void *arg;                      /* the poster's; see finish */
    int uncancellable;              /* run never looks at prog (a load): quitting leaves it behind */
    int unseen;                     /* a preparation no view shows as coming (the layer's ego
                                       table): work_status of any kind and a cancel do not name it,
                                       work_hold does not hold it */
    int long_running;               /* a whole-network analysis: runs beside the others, not before */
    int test_delay_ms;              /* the test hook's hold: 0 work_set_test_delay's, > 0 this
                                       job's own, < 0 none */
    struct progress prog;
    /* work's own */
    int state, result;
    int held;                       /* waiting in work_hold's hold */
    double started;
    struct work_job *next;
};

/* Starts the thread; 0, or -1 (the jobs then run inside work_post, on the caller). */
int work_init(void);
/* Cancels everything, waits for what can stop (within ~100 ms), calls the finish of
 * every job left (cancelled) and stops the threads. An uncancellable job still
 * running is left to the process exit. */
void work_done(void);
/* The read end of the wake-up pipe (readable when a job ended), or -1. */
int work_fd(void);
/* Allocates a job of the kind (label static); the caller fills run, finish, arg. */
struct work_job *work_job_new(int kind, const char *label);
/* Queues j (taking it); a job of the same kind queued or running is cancelled first,
 * since the newer request supersedes it. */
void work_post(struct work_job *j);
/* Cancels the jobs of a kind, waits until the running one (if of that kind) stopped,
 * and calls their finish (cancelled). Returns how many were cancelled. */
int work_cancel_kind(int kind);
int work_cancel_all(void);
/* work_cancel_all, telling which jobs it stopped: each label once, with its kind, the
 * running ones of each lane before the queued; those a newer request had already
 * superseded are left out. The labels are the jobs' static text. */
enum { WORK_NAMED_MAX = 8 };
struct work_named {
    int n;
    int kind[WORK_NAMED_MAX];
    const char *label[WORK_NAMED_MAX];
};
int work_cancel_all_named(struct work_named *nm);
/* Calls finish for the jobs that ended; returns how many. Drains the pipe. */
int work_collect(void);
/* Whether a job of kind (or any, kind < 0) is queued or running. */
int work_pending(int kind);
/* The label, percent (0..100) and seconds run of the running job of kind (any but an
 * unseen one when kind < 0; else the first queued one, at 0%); 0 when there is none. */
int work_status(int kind, const char **label, unsigned *percent, double *seconds);
/* Whether a job of kind (any when kind < 0) is queued or running, a cancelled one
 * still running included (work_pending leaves those out): what tells whether the data
 * such a job writes are free. */
int work_active(int kind);
/* The hold work_set_test_delay set (0: none; INT_MAX under work_hold). */
int work_test_delay(void);
/* A test hook for headless scripts (<Hold>, <Release>): while on, every job waits at
 * its start (counted as running, at 0%) until work_release lets go the jobs held at
 * that moment (those started later are held again), a cancel stops it, or the hold is
 * turned off; work_wait_idle counts a held job as settled. So a script can dump the
 * screen while a computation runs, and again once it is in, without any timing. */
void work_hold(int on);
void work_release(void);
/* Waits until no job of kind (any when kind < 0) is queued or running, or timeout_ms
 * passed; returns 1 when none is left. The finish calls are left to work_collect. */
int work_wait_kind(int kind, int timeout_ms);
/* A test hook (FIRMNET_TEST_JOB_DELAY_MS): every job waits this long before it runs,
 * as a long computation would, still cancellable, so tests can press keys during it
 * (a job's own test_delay_ms overrides it: the explorer's start holds its load with
 * FIRMNET_TEST_LOAD_DELAY_MS instead). */
void work_set_test_delay(int ms);
/* Until no job is queued or running (or every one left is held by work_hold),
 * collecting as they end (headless scripts: each key is read once the screen has
 * settled, so dumps are reproducible). Returns how many jobs were collected. */
int work_wait_idle(void);

#endif
