/* Unit tests of core/centrality against hand-computed NetworkX values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "centrality.h"
#include "testnet.h"

struct fixture {
    struct dataset ds;
    struct graph g;
    struct layer L;
    struct simple_graph s;
    struct centrality c;
};

static void fixture_run(struct fixture *f, const struct centrality_options *opt)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, &all);
    simple_build(&f->s, &f->ds, &f->g, &f->L);
    centrality_compute(&f->c, &f->s, opt);
}

static void fixture_free(struct fixture *f)
{
    centrality_free(&f->c);
    simple_free(&f->s);
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

#define EPS 1e-12

static void test_star(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 5, NULL);
    testnet_edges(&f.ds, "ab ca ad ea");
    fixture_run(&f, NULL);
    assert_int_equal(f.c.estimated, 0);
    assert_int_equal(f.c.sources, 5);
    assert_int_equal(f.c.degree[0], 4);
    assert_near(f.c.betweenness[0], 1.0, EPS);
    assert_near(f.c.closeness[0], 1.0, EPS);
    for (uint32_t v = 1; v < 5; v++) {
        assert_int_equal(f.c.degree[v], 1);
        assert_near(f.c.betweenness[v], 0.0, EPS);
        assert_near(f.c.closeness[v], 4.0 / 7.0, EPS);
        assert_near(f.c.clustering[v], 0.0, 0);
        assert_int_equal(f.c.core[v], 1);
    }
    assert_near(f.c.clustering[0], 0.0, 0);
    assert_int_equal(f.c.core[0], 1);
    fixture_free(&f);
}

static void test_path(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 4, NULL);
    testnet_edges(&f.ds, "ab cb cd");
    fixture_run(&f, NULL);
    static const double bc[] = {0, 2.0 / 3.0, 2.0 / 3.0, 0};
    static const double cl[] = {0.5, 0.75, 0.75, 0.5};
    for (uint32_t v = 0; v < 4; v++) {
        assert_near(f.c.betweenness[v], bc[v], EPS);
        assert_near(f.c.closeness[v], cl[v], EPS);
        assert_int_equal(f.c.core[v], 1);
    }
    fixture_free(&f);
}

/* Triangle abc (a-b multiplex) with pendant d on c, pair ef, isolated g with a
 * self-link: n = 7 for every normalisation. */
static void test_two_components(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 7, NULL);
    testnet_edges(&f.ds, "ab bc ca cd ef");
    testnet_link(&f.ds, 'b', 'a', LT_RND, 4.0, 0);
    testnet_link(&f.ds, 'g', 'g', LT_SOCIAL, 1.0, 0);
    fixture_run(&f, NULL);
    static const uint32_t deg[] = {2, 2, 3, 1, 1, 1, 0};
    static const uint32_t core[] = {2, 2, 2, 1, 1, 1, 0};
    static const double bc[] = {0, 0, 4.0 / 30.0, 0, 0, 0, 0};
    static const double cl[] = {0.375, 0.375, 0.5, 0.3, 1.0 / 6.0, 1.0 / 6.0, 0};
    static const double cc[] = {1, 1, 1.0 / 3.0, 0, 0, 0, 0};
    for (uint32_t v = 0; v < 7; v++) {
        assert_int_equal(f.c.degree[v], deg[v]);
        assert_int_equal(f.c.core[v], core[v]);
        assert_near(f.c.betweenness[v], bc[v], EPS);
        assert_near(f.c.closeness[v], cl[v], EPS);
        assert_near(f.c.clustering[v], cc[v], EPS);
    }
    fixture_free(&f);
}

static void test_tiny(void **state)
{
    (void)state;
    struct fixture f;
    /* one pair: n = 2, betweenness stays 0, closeness 1 */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 2, NULL);
    testnet_edges(&f.ds, "ab");
    fixture_run(&f, NULL);
    assert_near(f.c.betweenness[0], 0.0, 0);
    assert_near(f.c.closeness[1], 1.0, EPS);
    fixture_free(&f);
    /* single isolated firm and the empty network */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 1, NULL);
    fixture_run(&f, NULL);
    assert_near(f.c.closeness[0], 0.0, 0);
    assert_int_equal(f.c.core[0], 0);
    fixture_free(&f);
    dataset_init(&f.ds);
    fixture_run(&f, NULL);
    assert_int_equal(f.c.n, 0);
    fixture_free(&f);
}

/* Zachary-like check of the k-core peel on a 4-clique with a tail and a chord. */
static void test_core_clustering(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 7, NULL);
    /* K4 on abcd, tail d-e-f, chord e-g and f-g (triangle efg) */
    testnet_edges(&f.ds, "ab ac ad bc bd cd de ef eg fg");
    fixture_run(&f, NULL);
    static const uint32_t core[] = {3, 3, 3, 3, 2, 2, 2};
    /* d: neighbours a b c e, 3 triangles of 6 pairs; e: d f g, 1 of 3 */
    static const double cc[] = {1, 1, 1, 0.5, 1.0 / 3.0, 1, 1};
    for (uint32_t v = 0; v < 7; v++) {
        assert_int_equal(f.c.core[v], core[v]);
        assert_near(f.c.clustering[v], cc[v], EPS);
    }
    /* d and e cut the graph: d lies on all 3x3 pairs across plus e's side */
    assert_near(f.c.betweenness[3], 2.0 * 9.0 / 30.0, EPS);
    assert_near(f.c.betweenness[4], 2.0 * 8.0 / 30.0, EPS);
    fixture_free(&f);
}

/* A ring of 26 with chords: the thread count changes only summation order. */
static void ring(struct dataset *ds)
{
    dataset_init(ds);
    testnet_firms(ds, 26, NULL);
    for (int i = 0; i < 26; i++) {
        testnet_link(ds, (char)('a' + i), (char)('a' + (i + 1) % 26), LT_SUPPLY, 1, 0);
        if (i % 3 == 0)
            testnet_link(ds, (char)('a' + i), (char)('a' + (i * 7 + 5) % 26), LT_RND, 1, 0);
    }
}

static void test_threads_agree(void **state)
{
    (void)state;
    struct fixture one, many;
    struct centrality_options o1 = {0}, o4 = {0};
    o1.threads = 1;
    o4.threads = 4;
    ring(&one.ds);
    ring(&many.ds);
    fixture_run(&one, &o1);
    fixture_run(&many, &o4);
    assert_int_equal(one.c.threads_used, 1);
    assert_int_equal(many.c.threads_used, 4);
    for (uint32_t v = 0; v < one.c.n; v++) {
        assert_near(one.c.betweenness[v], many.c.betweenness[v], 1e-13);
        assert_near(one.c.closeness[v], many.c.closeness[v], 0);
    }
    fixture_free(&one);
    fixture_free(&many);
}

static uint64_t progress_last, progress_calls;
static void progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    assert_true(done <= total);
    assert_true(done >= progress_last);
    progress_last = done;
    progress_calls++;
}

static void test_sampled(void **state)
{
    (void)state;
    /* complete graph K6 plus a pair: any sample gives betweenness 0 and exact
     * closeness, since every distance in K6 is 1 */
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 8, NULL);
    testnet_edges(&f.ds, "ab ac ad ae af bc bd be bf cd ce cf de df ef gh");
    struct centrality_options opt = {0};
    opt.samples = 3;
    opt.threads = 2;
    opt.progress = progress;
    progress_last = progress_calls = 0;
    fixture_run(&f, &opt);
    assert_int_equal(f.c.estimated, 1);
    assert_int_equal(f.c.sources, 3);
    assert_true(progress_calls >= 1);
    for (uint32_t v = 0; v < 6; v++) {
        assert_near(f.c.betweenness[v], 0.0, 0);
        assert_near(f.c.closeness[v], 5.0 / 7.0, EPS);
    }
    /* the pair gets at most one sample; it is searched from each end */
    assert_near(f.c.closeness[6], 1.0 / 7.0, EPS);
    assert_near(f.c.closeness[7], 1.0 / 7.0, EPS);
    fixture_free(&f);

    /* as many samples as nodes is the exact computation */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 4, NULL);
    testnet_edges(&f.ds, "ab bc cd");
    opt.samples = 4;
    opt.progress = NULL;
    fixture_run(&f, &opt);
    assert_int_equal(f.c.estimated, 0);
    assert_near(f.c.betweenness[1], 2.0 / 3.0, EPS);
    fixture_free(&f);
}

static void test_sampled_star(void **state)
{
    (void)state;
    /* star with 9 leaves, 4 samples: a leaf source credits the centre with its 8
     * other leaves, the centre as source credits nothing. Centre sampled: 3 * 8
     * scaled by 1/((k-1)(n-2)) = 1/24; not sampled: 4 * 8 by 1/(k(n-2)) = 1/32.
     * Both give the exact 1.0, as networkx's scaling intends. */
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 10, NULL);
    testnet_edges(&f.ds, "ab ac ad ae af ag ah ai aj");
    struct centrality_options opt = {0};
    for (uint64_t seed = 1; seed <= 8; seed++) {
        opt.samples = 4;
        opt.seed = seed;
        fixture_run(&f, &opt);
        assert_int_equal(f.c.estimated, 1);
        assert_near(f.c.betweenness[0], 1.0, EPS);
        for (uint32_t v = 1; v < 10; v++)
            assert_near(f.c.betweenness[v], 0.0, 0);
        centrality_free(&f.c);
        simple_free(&f.s);
        layer_free(&f.L);
        graph_free(&f.g);
    }
    fixture_run(&f, &opt);
    for (uint32_t v = 1; v < 10; v++)
        assert_near(f.c.betweenness[v], 0.0, 0);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star),
        cmocka_unit_test(test_path),
        cmocka_unit_test(test_two_components),
        cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_core_clustering),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_sampled),
        cmocka_unit_test(test_sampled_star),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
