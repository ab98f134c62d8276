/* Unit tests of core/centrality against hand-computed NetworkX values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- leaf folding against a plain Brandes reference ------------------------- */

/* Firms "n0", "n1", ... with no linkages yet. */
static void numbered_firms(struct dataset *ds, uint32_t n)
{
    dataset_init(ds);
    testnet_numbered_firms(ds, n);
}

static void link_firms(struct dataset *ds, uint32_t s, uint32_t t)
{
    struct link_record r;
    memset(&r, 0, sizeof r);
    r.source = s;
    r.target = t;
    r.type = LT_SUPPLY;
    r.form = VOCAB_NONE;
    r.weight = 1.0;
    dataset_add_link(ds, &r);
}

static uint64_t test_rng = 88172645463325252ull;
static uint32_t rand_below(uint32_t n)
{
    test_rng ^= test_rng << 13;
    test_rng ^= test_rng >> 7;
    test_rng ^= test_rng << 17;
    return (uint32_t)(test_rng % n);
}

/* Brandes' algorithm as the textbook has it, one source at a time: the
 * dependencies of every node on source src (delta) and the distances from it
 * (dist, UINT32_MAX when unreached). */
static void brandes_one(const struct simple_graph *s, uint32_t src, double *delta, uint32_t *dist)
{
    uint32_t n = s->n, head = 0, tail = 0;
    double *sigma = calloc(n, sizeof *sigma);
    uint32_t *queue = malloc(n * sizeof *queue);
    for (uint32_t v = 0; v < n; v++) {
        dist[v] = UINT32_MAX;
        delta[v] = 0.0;
    }
    dist[src] = 0;
    sigma[src] = 1.0;
    queue[tail++] = src;
    while (head < tail) {
        uint32_t v = queue[head++];
        for (uint32_t i = s->start[v]; i < s->start[v + 1]; i++) {
            uint32_t w = s->nbr[i];
            if (dist[w] == UINT32_MAX) {
                dist[w] = dist[v] + 1;
                queue[tail++] = w;
            }
            if (dist[w] == dist[v] + 1)
                sigma[w] += sigma[v];
        }
    }
    while (tail-- > 0) {
        uint32_t w = queue[tail];
        for (uint32_t i = s->start[w]; i < s->start[w + 1]; i++) {
            uint32_t v = s->nbr[i];
            if (dist[v] + 1 == dist[w])
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
        }
    }
    delta[src] = 0.0;
    free(queue);
    free(sigma);
}

/* The values centrality_paths must give: exact when samples is 0, else the
 * estimates from the same sampled sources (docs/analyses.md). */
static void reference_paths(const struct simple_graph *s, uint32_t samples, uint64_t seed, double *bc, double *cl)
{
    uint32_t n = s->n;
    uint8_t *is_src = calloc(n, 1);
    uint32_t *src = NULL;
    if (samples) {
        src = centrality_sample_sources(n, samples, seed);
        for (uint32_t i = 0; i < samples; i++)
            is_src[src[i]] = 1;
    }
    /* distances between every pair, and the betweenness sums */
    uint32_t *dist = malloc((size_t)n * n * sizeof *dist);
    double *delta = malloc(n * sizeof *delta);
    for (uint32_t v = 0; v < n; v++)
        bc[v] = 0.0;
    for (uint32_t x = 0; x < n; x++) {
        brandes_one(s, x, delta, dist + (size_t)x * n);
        if (!samples || is_src[x])
            for (uint32_t v = 0; v < n; v++)
                bc[v] += delta[v];
    }
    for (uint32_t v = 0; v < n; v++) {
        if (n <= 2)
            bc[v] = 0.0;
        else if (!samples)
            bc[v] /= (double)(n - 1) * (double)(n - 2);
        else
            bc[v] /= (double)(is_src[v] ? samples - 1 : samples) * (double)(n - 2);
        /* closeness: the component is what v reaches */
        uint32_t size = 0, ks = 0;
        uint64_t tot = 0, stot = 0;
        for (uint32_t u = 0; u < n; u++) {
            uint32_t d = dist[(size_t)v * n + u];
            if (d == UINT32_MAX)
                continue;
            size++;
            tot += d;
            if (is_src[u]) {
                ks++;
                stot += d;
            }
        }
        if (!samples || ks < 2 || size < 2) {
            cl[v] = tot ? (double)(size - 1) / (double)tot * ((double)(size - 1) / (double)(n - 1)) : 0.0;
        } else {
            double totsp = (double)stot * (double)(size - 1) / (double)(ks - is_src[v]);
            cl[v] = (double)(size - 1) / totsp * ((double)(size - 1) / (double)(n - 1));
        }
    }
    free(delta);
    free(dist);
    free(src);
    free(is_src);
}

/* Runs centrality_paths on ds with 1 and 3 threads, exact and sampled, and
 * compares every value with the reference. */
static void check_against_reference(struct dataset *ds)
{
    struct graph g;
    struct layer L;
    struct simple_graph s;
    struct layer_spec all = {0};
    graph_build(&g, ds);
    layer_build(&L, ds, &all);
    simple_build(&s, ds, &g, &L);
    uint32_t n = s.n;
    double *bc = malloc((n + 1) * sizeof *bc), *cl = malloc((n + 1) * sizeof *cl);
    double *rbc = malloc((n + 1) * sizeof *rbc), *rcl = malloc((n + 1) * sizeof *rcl);
    static const uint32_t samples[] = {0, 2, 5, 17};
    for (size_t si = 0; si < sizeof samples / sizeof *samples; si++) {
        if (samples[si] >= n)
            continue;
        for (unsigned threads = 1; threads <= 3; threads += 2) {
            struct centrality_options o = {0};
            o.samples = samples[si];
            o.exact_max = UINT32_MAX;
            o.seed = 7 + si;
            o.threads = threads;
            uint32_t sources = 0;
            int est = centrality_paths(&s, &o, bc, cl, &sources, NULL);
            assert_int_equal(est, samples[si] != 0);
            assert_int_equal(sources, samples[si] ? samples[si] : n);
            reference_paths(&s, samples[si], o.seed, rbc, rcl);
            for (uint32_t v = 0; v < n; v++) {
                assert_near(bc[v], rbc[v], 1e-12 * (1.0 + rbc[v]));
                assert_near(cl[v], rcl[v], 1e-12);
            }
        }
    }
    free(bc);
    free(cl);
    free(rbc);
    free(rcl);
    simple_free(&s);
    layer_free(&L);
    graph_free(&g);
    dataset_free(ds);
}

/* A random tree (every other node a leaf or close to one), a few cycles closed
 * over it, pendant leaves on hubs, and multiplex linkages to a leaf. */
static void test_fold_leafy(void **state)
{
    (void)state;
    for (int round = 0; round < 4; round++) {
        struct dataset ds;
        uint32_t n = 40 + 30 * (uint32_t)round;
        numbered_firms(&ds, n);
        for (uint32_t v = 1; v < n; v++)
            link_firms(&ds, rand_below(v), v);
        for (int i = 0; i < round * 3; i++)
            link_firms(&ds, rand_below(n), rand_below(n));
        link_firms(&ds, n - 1, rand_below(n - 1)); /* maybe a second linkage to a leaf */
        check_against_reference(&ds);
    }
}

/* Chains: a leaf at each end whose anchor has degree 2, and a chain of two (a
 * pair of leaves, nothing to fold into) and of three (a star of two leaves). */
static void test_fold_chains(void **state)
{
    (void)state;
    struct dataset ds;
    numbered_firms(&ds, 12 + 2 + 3);
    for (uint32_t v = 0; v + 1 < 12; v++)
        link_firms(&ds, v, v + 1);
    link_firms(&ds, 12, 13);
    link_firms(&ds, 15, 14);
    link_firms(&ds, 15, 16);
    check_against_reference(&ds);
}

/* Stars of several sizes, a star whose hub is a leaf of another hub, a
 * caterpillar (a chain with leaves on every node), isolated firms and a
 * self-linked firm. */
static void test_fold_stars(void **state)
{
    (void)state;
    struct dataset ds;
    numbered_firms(&ds, 70);
    uint32_t at = 0;
    for (uint32_t k = 2; k <= 7; k += 5) {
        uint32_t hub = at++;
        for (uint32_t i = 0; i < k; i++)
            link_firms(&ds, hub, at++);
    }
    /* hub 20 with 6 leaves, one of them (21) the hub of 4 more */
    for (uint32_t i = 21; i <= 26; i++)
        link_firms(&ds, 20, i);
    for (uint32_t i = 27; i <= 30; i++)
        link_firms(&ds, i, 21);
    /* caterpillar 31..36 with two leaves each on 37..48 */
    for (uint32_t v = 31; v < 36; v++)
        link_firms(&ds, v, v + 1);
    for (uint32_t i = 0; i < 12; i++)
        link_firms(&ds, 31 + i / 2, 37 + i);
    /* a triangle with leaves, and a square */
    link_firms(&ds, 49, 50);
    link_firms(&ds, 50, 51);
    link_firms(&ds, 51, 49);
    link_firms(&ds, 52, 49);
    link_firms(&ds, 53, 50);
    link_firms(&ds, 54, 55);
    link_firms(&ds, 55, 56);
    link_firms(&ds, 56, 57);
    link_firms(&ds, 57, 54);
    /* 58..68 isolated, 69 linked to itself only */
    link_firms(&ds, 69, 69);
    (void)at;
    check_against_reference(&ds);
}

/* Sparse random graphs: many components, isolated firms, leaves everywhere. */
static void test_fold_random(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        struct dataset ds;
        uint32_t n = 60 + 40 * (uint32_t)round;
        numbered_firms(&ds, n);
        for (uint32_t i = 0; i < n * 3 / 4 + (uint32_t)round * n / 3; i++)
            link_firms(&ds, rand_below(n), rand_below(n));
        check_against_reference(&ds);
    }
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
        cmocka_unit_test(test_fold_leafy),
        cmocka_unit_test(test_fold_chains),
        cmocka_unit_test(test_fold_stars),
        cmocka_unit_test(test_fold_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
