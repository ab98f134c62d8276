/* Unit tests of core/thread: every job runs once whether or not its thread started,
 * a job that got no thread runs on the caller, started threads have every signal
 * blocked, and the threaded modules give the same bytes when no thread can be had. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "centrality.h"
#include "firmscan.h"
#include "testnet.h"
#include "thread.h"
#include "wholenet.h"

struct job {
    int runs;
    pthread_t ran_on;
    int sigint_blocked;
};

static void *job_run(void *arg)
{
    struct job *j = arg;
    j->runs++;
    j->ran_on = pthread_self();
    sigset_t cur;
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    j->sigint_blocked = sigismember(&cur, SIGINT) == 1;
    return NULL;
}

static void test_run_every_job(void **state)
{
    (void)state;
    const int fails[] = {-1, 0, 1, 3};
    for (size_t c = 0; c < sizeof fails / sizeof *fails; c++) {
        struct job jobs[5];
        memset(jobs, 0, sizeof jobs);
        thread_test_fail_after(fails[c]);
        unsigned started = thread_run(job_run, jobs, sizeof *jobs, 5);
        thread_test_fail_after(-1);
        unsigned want = fails[c] < 0 ? 4u : (unsigned)fails[c];
        assert_int_equal(started, want);
        assert_true(pthread_equal(jobs[0].ran_on, pthread_self()));
        assert_false(jobs[0].sigint_blocked); /* the caller's mask is its own */
        for (unsigned i = 0; i < 5; i++) {
            assert_int_equal(jobs[i].runs, 1);
            if (i == 0)
                continue;
            /* the first `want` got threads, with every signal blocked; the rest ran here */
            int here = pthread_equal(jobs[i].ran_on, pthread_self()) != 0;
            assert_int_equal(here, i > want);
            assert_int_equal(jobs[i].sigint_blocked, i <= want);
        }
    }
    assert_int_equal(thread_run(job_run, NULL, sizeof(struct job), 0), 0);
}

static void test_start_join_inline(void **state)
{
    (void)state;
    struct job j;
    memset(&j, 0, sizeof j);
    struct thread t;
    thread_test_fail_after(0);
    assert_int_equal(thread_start(&t, job_run, &j), 0);
    thread_test_fail_after(-1);
    assert_int_equal(j.runs, 0); /* not yet: the join runs it */
    thread_join(&t);
    assert_int_equal(j.runs, 1);
    assert_true(pthread_equal(j.ran_on, pthread_self()));
    memset(&j, 0, sizeof j);
    assert_int_equal(thread_start(&t, job_run, &j), 1);
    thread_join(&t);
    assert_int_equal(j.runs, 1);
    assert_true(j.sigint_blocked);
}

/* n numbered firms with a deterministic scatter of m linkages */
static void scatter(struct dataset *ds, uint32_t n, uint32_t m)
{
    dataset_init(ds);
    testnet_numbered_firms(ds, n);
    uint64_t x = 42;
    for (uint32_t e = 0; e < m; e++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        struct link_record r;
        memset(&r, 0, sizeof r);
        r.source = (uint32_t)((x >> 33) % n);
        r.target = (uint32_t)((x >> 13) % n);
        r.type = LT_SUPPLY;
        r.form = VOCAB_NONE;
        r.weight = 1.0;
        dataset_add_link(ds, &r);
    }
}

/* betweenness, closeness and the mean path length on 4 threads, each with fail_after */
static void paths_with(const struct simple_graph *s, int fail_after, struct centrality *c, struct wholenet *w)
{
    struct centrality_options opt = {.threads = 4};
    thread_test_fail_after(fail_after);
    centrality_compute(c, s, &opt);
    wholenet_compute(w, s, &opt);
    thread_test_fail_after(-1);
    assert_int_equal(c->threads_used, 4);
}

static void test_same_results(void **state)
{
    (void)state;
    struct dataset ds;
    scatter(&ds, 600, 1500);
    struct graph g;
    struct layer L;
    struct simple_graph s;
    struct layer_spec all = {0};
    graph_build(&g, &ds);
    layer_build(&L, &ds, &all);
    simple_build(&s, &ds, &g, &L);
    struct centrality c0, c;
    struct wholenet w0, w;
    paths_with(&s, -1, &c0, &w0);
    for (int fail = 0; fail <= 2; fail++) {
        paths_with(&s, fail, &c, &w);
        assert_memory_equal(c.betweenness, c0.betweenness, s.n * sizeof(double));
        assert_memory_equal(c.closeness, c0.closeness, s.n * sizeof(double));
        assert_memory_equal(&w.apl, &w0.apl, sizeof w.apl);
        centrality_free(&c);
        wholenet_free(&w);
    }
    centrality_free(&c0);
    wholenet_free(&w0);
    simple_free(&s);
    layer_free(&L);
    graph_free(&g);
    dataset_free(&ds);
}

/* the CSR build threads from 262,144 linkages, the search text's from 65,536 firms */
static void test_same_builds(void **state)
{
    (void)state;
    struct dataset ds;
    scatter(&ds, 70000, 270000);
    struct graph g0, g;
    struct firmscan f0, f;
    graph_build(&g0, &ds);
    assert_int_equal(firmscan_build(&f0, &ds), 0);
    thread_test_fail_after(0);
    graph_build(&g, &ds);
    assert_int_equal(firmscan_build(&f, &ds), 0);
    thread_test_fail_after(-1);
    size_t n1 = ((size_t)g.n + 1) * sizeof(uint32_t), m = (size_t)g.m * sizeof(uint32_t);
    assert_memory_equal(g.in_start, g0.in_start, n1);
    assert_memory_equal(g.in_nbr, g0.in_nbr, m);
    assert_memory_equal(g.in_link, g0.in_link, m);
    assert_memory_equal(g.out_start, g0.out_start, n1);
    assert_memory_equal(g.out_nbr, g0.out_nbr, m);
    assert_int_equal(f.len, f0.len);
    assert_memory_equal(f.text, f0.text, f.len);
    assert_memory_equal(f.start, f0.start, ((size_t)f.n + 1) * sizeof(uint32_t));
    firmscan_free(&f);
    firmscan_free(&f0);
    graph_free(&g);
    graph_free(&g0);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_every_job),
        cmocka_unit_test(test_start_join_inline),
        cmocka_unit_test(test_same_results),
        cmocka_unit_test(test_same_builds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
