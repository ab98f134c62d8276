/* Unit tests of core/structural: constraint and effective size against values
 * worked out by hand from NetworkX's definitions and against the dense formula,
 * and continuous coreness on graphs with an obvious core. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include "structural.h"
#include "testnet.h"

struct fixture {
    struct dataset ds;
    struct graph g;
    struct layer L;
    struct simple_graph s;
    double con[32], es[32], core[32];
    struct coreness_info info;
};

static void fixture_run(struct fixture *f)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, &all);
    simple_build(&f->s, &f->ds, &f->g, &f->L);
    structural_holes(&f->s, f->con, f->es);
    structural_coreness(&f->s, NULL, f->core, 0, &f->info);
}

static void fixture_free(struct fixture *f)
{
    simple_free(&f->s);
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

#define EPS 1e-12

/* Star a-b, a-c, a-d plus isolated e: no triangle, so constraint is the sum of
 * squared shares and effective size the degree; e has no ego network (NaN). */
static void test_star_and_isolate(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 5, NULL);
    testnet_edges(&f.ds, "ab ca ad");
    fixture_run(&f);
    assert_near(f.con[0], 1.0 / 3.0, EPS);
    assert_near(f.es[0], 3.0, EPS);
    for (int v = 1; v < 4; v++) {
        assert_near(f.con[v], 1.0, EPS);
        assert_near(f.es[v], 1.0, EPS);
    }
    assert_true(isnan(f.con[4]));
    assert_true(isnan(f.es[4]));
    fixture_free(&f);
}

/* Triangle: p = 1/2 everywhere, local constraint (1/2 + 1/4)^2 twice = 9/8;
 * effective size 2 - 2 * 1/2 = 1 (Borgatti's n - 2t/n). */
static void test_triangle(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    testnet_edges(&f.ds, "ab bc ca");
    fixture_run(&f);
    for (int v = 0; v < 3; v++) {
        assert_near(f.con[v], 9.0 / 8.0, EPS);
        assert_near(f.es[v], 1.0, EPS);
    }
    fixture_free(&f);
}

/* Weighted triangle, a-b of weight 2 made of two linkages (supply a->b and social
 * b->a: a multiplex pair), b-c 1, a-c 1. W(a) = 3, W(b) = 3, W(c) = 2; M(a) = 2,
 * M(b) = 2, M(c) = 1.
 *   constraint(a) = (2/3 + 1/3*1/2)^2 + (1/3 + 2/3*1/3)^2 = 25/36 + 25/81 = 325/324
 *   effective_size(a) = (1 - 1/3 * 1/2) + (1 - 2/3 * 1) = 7/6
 *   constraint(c) = (1/2 + 1/2*2/3)^2 * 2 = 25/18
 *   effective_size(c) = (1 - 1/2 * 2/2) + (1 - 1/2 * 2/2) = 1
 * (checked with networkx 2.8.8 on the same weighted triangle). */
static void test_weighted_multiplex(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'b', 'a', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'b', 'c', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'c', 'a', LT_RND, 1, 0);
    fixture_run(&f);
    assert_near(f.con[0], 325.0 / 324.0, EPS);
    assert_near(f.es[0], 7.0 / 6.0, EPS);
    assert_near(f.con[1], 325.0 / 324.0, EPS);
    assert_near(f.es[1], 7.0 / 6.0, EPS);
    assert_near(f.con[2], 25.0 / 18.0, EPS);
    assert_near(f.es[2], 1.0, EPS);
    fixture_free(&f);
}

/* NetworkX's formulas written out over a dense matrix, for random weighted graphs. */
static void dense_reference(unsigned n, double w[][24], double *con, double *es)
{
    for (unsigned v = 0; v < n; v++) {
        double W = 0, deg = 0;
        for (unsigned u = 0; u < n; u++) {
            W += w[v][u];
            deg += w[v][u] > 0;
        }
        if (!deg) {
            con[v] = es[v] = NAN;
            continue;
        }
        con[v] = 0;
        es[v] = 0;
        for (unsigned u = 0; u < n; u++) {
            if (!(w[v][u] > 0))
                continue;
            double ind = 0, red = 0, Mu = 0;
            for (unsigned x = 0; x < n; x++)
                if (w[u][x] > Mu)
                    Mu = w[u][x];
            for (unsigned x = 0; x < n; x++) {
                if (!(w[v][x] > 0))
                    continue;
                double Wx = 0;
                for (unsigned y = 0; y < n; y++)
                    Wx += w[x][y];
                ind += w[v][x] / W * w[x][u] / Wx;
                red += w[v][x] / W * w[u][x] / Mu;
            }
            con[v] += (w[v][u] / W + ind) * (w[v][u] / W + ind);
            es[v] += 1 - red;
        }
    }
}

static void test_random_dense(void **state)
{
    (void)state;
    srand(777);
    for (int round = 0; round < 30; round++) {
        struct fixture f;
        double w[24][24];
        memset(w, 0, sizeof w);
        dataset_init(&f.ds);
        unsigned n = 3 + (unsigned)(rand() % 20);
        testnet_firms(&f.ds, n, NULL);
        for (unsigned u = 0; u < n; u++)
            for (unsigned v = 0; v < n; v++) {
                /* hubs: low-numbered firms are tied more often, so both sides of
                 * the probe choice (shorter row) are taken */
                int p = u < 3 || v < 3 ? 45 : 12;
                if (u != v && rand() % 100 < p) {
                    double x = 0.5 * (1 + rand() % 6);
                    testnet_link(&f.ds, (char)('a' + u), (char)('a' + v), LT_SUPPLY, x, 0);
                    w[u][v] += x;
                    w[v][u] += x;
                }
            }
        fixture_run(&f);
        double con[24], es[24];
        dense_reference(n, w, con, es);
        for (unsigned v = 0; v < n; v++) {
            if (isnan(con[v])) {
                assert_true(isnan(f.con[v]));
                assert_true(isnan(f.es[v]));
                continue;
            }
            assert_near(f.con[v], con[v], 1e-12);
            assert_near(f.es[v], es[v], 1e-12);
        }
        fixture_free(&f);
    }
}

/* K4: c(i) c(j) = 1 fits every pair exactly, so c = 1; the fit is undefined
 * (no variance in a). */
static void test_coreness_clique(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 4, NULL);
    testnet_edges(&f.ds, "ab ac ad bc bd cd");
    fixture_run(&f);
    for (int v = 0; v < 4; v++)
        assert_near(f.core[v], 1.0, 1e-9);
    assert_int_equal(f.info.converged, 1);
    assert_true(isnan(f.info.fit));
    fixture_free(&f);
}

/* K4 core a-d, each with one pendant e-h, and an isolated i. By symmetry core
 * nodes share x and pendants y; x(S - x^2) = 3x + y, y(S - y^2) = x with
 * S = 4x^2 + 4y^2, solved independently (scipy fsolve, and least_squares on the
 * 8x8 matrix): x = 1.0016340951591027, y = 0.23934262949383148; the
 * correlation of a(i,j) with c(i)c(j) over the 8 connected firms is
 * 0.728333056704068 (the isolate adds pairs and lowers it). */
static void test_coreness_core_periphery(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 8, NULL);
    testnet_edges(&f.ds, "ab ac ad bc bd cd ae bf cg dh");
    fixture_run(&f);
    for (int v = 0; v < 4; v++)
        assert_near(f.core[v], 1.0016340951591027, 1e-9);
    for (int v = 4; v < 8; v++)
        assert_near(f.core[v], 0.23934262949383148, 1e-9);
    assert_near(f.info.fit, 0.728333056704068, 1e-9);
    assert_int_equal(f.info.converged, 1);
    /* a capped run says it stopped short */
    double c1[8];
    struct coreness_info one;
    structural_coreness(&f.s, NULL, c1, 1, &one);
    assert_int_equal(one.iterations, 1);
    assert_int_equal(one.converged, 0);
    assert_true(c1[0] > c1[4]);
    fixture_free(&f);

    dataset_init(&f.ds);
    testnet_firms(&f.ds, 9, NULL);
    testnet_edges(&f.ds, "ab ac ad bc bd cd ae bf cg dh");
    fixture_run(&f);
    for (int v = 0; v < 4; v++)
        assert_near(f.core[v], 1.0016340951591027, 1e-9);
    assert_near(f.core[8], 0.0, 0);
    fixture_free(&f);
}

/* The discrete model on K4 a-d with a pendant each (e-h) and an isolated i: the
 * K4 is the core. Pairs inside the core: 6, all tied; inside the periphery (5
 * firms): 10, none tied; the phi coefficient of the two is 1. Whatever the order
 * the nodes are tried in, the same partition. */
static void test_core_partition(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 9, NULL);
    testnet_edges(&f.ds, "ab ac ad bc bd cd ae bf cg dh");
    fixture_run(&f);
    uint32_t fwd[9], rev[9];
    for (uint32_t i = 0; i < 9; i++)
        fwd[i] = i, rev[i] = 8 - i;
    uint8_t in1[9], in2[9];
    struct core_partition_info p1, p2;
    structural_core_partition(&f.s, fwd, f.core, in1, &p1);
    structural_core_partition(&f.s, rev, NULL, in2, &p2);
    assert_int_equal(p1.core_size, 4);
    assert_near(p1.fit, 1.0, 1e-12);
    for (int v = 0; v < 9; v++) {
        assert_int_equal(in1[v], v < 4);
        assert_int_equal(in2[v], in1[v]);
    }
    fixture_free(&f);

    /* a triangle a-b-c with a path c-d-e-f: every partition tried (by hand and by
     * brute force), the best are three two-firm cores {a,c}, {b,c}, {c,d}: one tied
     * core pair, periphery of 4 with 2 of its 6 pairs tied, phi =
     * (7*1 - 3*1)/sqrt(1*6*3*4) = sqrt(2)/3; the core {a,b,c} gives only 1/sqrt(5) */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 6, NULL);
    testnet_edges(&f.ds, "ab ac bc cd de ef");
    fixture_run(&f);
    structural_core_partition(&f.s, fwd, f.core, in1, &p1);
    assert_int_equal(p1.core_size, 2);
    assert_near(p1.fit, sqrt(2.0) / 3, 1e-12);
    assert_int_equal(in1[2], 1);
    fixture_free(&f);
}

/* No pair at all: everyone is periphery, nothing to fit. */
static void test_coreness_empty(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    fixture_run(&f);
    for (int v = 0; v < 3; v++) {
        assert_near(f.core[v], 0.0, 0);
        assert_true(isnan(f.con[v]));
    }
    assert_true(isnan(f.info.fit));
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_and_isolate),
        cmocka_unit_test(test_triangle),
        cmocka_unit_test(test_weighted_multiplex),
        cmocka_unit_test(test_random_dense),
        cmocka_unit_test(test_coreness_clique),
        cmocka_unit_test(test_coreness_core_periphery),
        cmocka_unit_test(test_coreness_empty),
        cmocka_unit_test(test_core_partition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
