#include "thread.h"
#include "xalloc.h"
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

/* starts left before thread creation fails: -1 never; -2 not read from the environment yet */
static atomic_int fail_after = -2;

void thread_test_fail_after(int after)
{
    atomic_store(&fail_after, after < 0 ? -1 : after);
}

/* 1 when the test hook says this start must fail */
static int hook_refuses(void)
{
    int left = atomic_load(&fail_after);
    if (left == -2) {
        const char *v = getenv("FIRMNET_TEST_THREAD_FAIL");
        char *end = NULL;
        long n = v && *v ? strtol(v, &end, 10) : -1;
        int want = end && !*end && n >= 0 && n < 1000000 ? (int)n : -1;
        /* another thread may have set it meanwhile: theirs stands */
        atomic_compare_exchange_strong(&fail_after, &left, want);
        left = atomic_load(&fail_after);
    }
    while (left > 0 && !atomic_compare_exchange_weak(&fail_after, &left, left - 1))
        ;
    return left == 0;
}

int thread_start(struct thread *t, void *(*fn)(void *), void *arg)
{
    t->fn = fn;
    t->arg = arg;
    t->started = 0;
    if (hook_refuses())
        return 0;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    t->started = pthread_create(&t->tid, NULL, fn, arg) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return t->started;
}

void thread_join(struct thread *t)
{
    if (t->started)
        pthread_join(t->tid, NULL);
    else
        t->fn(t->arg);
    t->started = 0;
}

unsigned thread_run(void *(*fn)(void *), void *jobs, size_t size, unsigned n)
{
    if (!n)
        return 0;
    char *base = jobs;
    struct thread *th = n > 1 ? xcalloc(n - 1, sizeof *th) : NULL;
    unsigned started = 0;
    for (unsigned i = 1; i < n; i++)
        started += (unsigned)thread_start(&th[i - 1], fn, base + (size_t)i * size);
    fn(base);
    for (unsigned i = 1; i < n; i++)
        thread_join(&th[i - 1]);
    free(th);
    return started;
}
