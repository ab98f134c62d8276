/* thread: owns core's one way to run work on POSIX threads, fork and join, and its one
 * failure policy: a job whose thread cannot start runs on the calling thread when it is
 * joined, so a result never depends on how many threads the system gave. Threads start
 * with every signal blocked: the front end's handlers (terminal restore, resize) run
 * on the thread that installed them. Long-lived workers that wait for jobs (tui/work)
 * are not fork-join and keep their own pthreads. */
#ifndef FIRMNET_THREAD_H
#define FIRMNET_THREAD_H
#include <pthread.h>
#include <stddef.h>

/* One started job; the caller owns the record (on its stack or in its job array) and
 * keeps it and arg alive until thread_join. */
struct thread {
    pthread_t tid;
    void *(*fn)(void *);
    void *arg;
    int started;
};

/* Starts fn(arg) on a thread of its own; returns 1, or 0 when no thread could be had,
 * in which case thread_join runs fn(arg) on the caller. A caller that cannot wait
 * for the join to do the work (a producer its caller consumes) takes its own path
 * on 0 and must then not call thread_join. */
int thread_start(struct thread *t, void *(*fn)(void *), void *arg);
/* Waits for the thread, or runs the job here if it did not start. */
void thread_join(struct thread *t);

/* Runs fn on each of n jobs, jobs[0] on the calling thread and the others on threads
 * of their own (jobs is an array of n records of size bytes each, passed to fn by
 * address); returns when all are done. A job whose thread cannot start runs on the
 * caller after jobs[0], so jobs must not wait for one another. Returns how many ran
 * on threads of their own (0 .. n - 1). */
unsigned thread_run(void *(*fn)(void *), void *jobs, size_t size, unsigned n);

/* Test hook: after `after` more successful starts, every thread_start fails as if
 * the system had no thread to give (-1, the default, turns this off). The
 * environment variable FIRMNET_TEST_THREAD_FAIL=N does the same for a whole run. */
void thread_test_fail_after(int after);

#endif
