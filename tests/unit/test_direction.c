/* Unit tests of the issue-12 measures on hand-checked networks: core/direction
 * (degrees, reciprocity, strong components, directed betweenness), core/wholenet
 * (centralization, transitivity, path length, histogram), core/egocomp (density,
 * Blau), core/overlap (Jaccard, QAP) and the sampled-betweenness standard error. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include "direction.h"
#include "egocomp.h"
#include "overlap.h"
#include "testnet.h"
#include "wholenet.h"

struct fixture {
    struct dataset ds;
    struct graph g;
    struct layer L;
    struct simple_graph s;
    struct arc_graph a;
};

static void build(struct fixture *f, const struct layer_spec *spec)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, spec ? spec : &all);
    simple_build(&f->s, &f->ds, &f->g, &f->L);
    brokerage_arcs_build(&f->a, &f->ds, &f->g, &f->L, &f->s);
}

static void release(struct fixture *f)
{
    brokerage_arcs_free(&f->a);
    simple_free(&f->s);
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

/* a -> b -> c -> a is one strong component; c -> d, d <-> e (social) another
 * two-firm one; f alone. Arcs: ab bc ca cd de ed = 6, reciprocated de ed = 2. */
static void test_direction(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 6, NULL);
    testnet_edges(&f.ds, "ab bc ca cd");
    testnet_link(&f.ds, 'd', 'e', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0); /* parallel: no new arc */
    build(&f, NULL);
    struct direction d;
    direction_compute(&d, &f.a);
    assert_int_equal(d.arcs, 6);
    assert_int_equal(d.reciprocated, 2);
    assert_near(d.reciprocity, 2.0 / 6.0, 1e-15);
    assert_int_equal(d.scc_count, 3);
    assert_int_equal(d.scc_largest, 3);
    uint32_t want_scc[6] = {0, 0, 0, 1, 1, 2};
    for (uint32_t v = 0; v < 6; v++)
        assert_int_equal(d.scc[v], want_scc[v]);
    assert_int_equal(d.out_degree[TESTNET_F('c')], 2);
    assert_int_equal(d.in_degree[TESTNET_F('d')], 2);
    assert_int_equal(d.mutual[TESTNET_F('e')], 1);
    /* directed betweenness: d lies on every path into e (from a, b, c): 3 pairs;
     * c on a->d, a->e, b->d, b->e, b->a: 5 pairs; normalised by (n-1)(n-2) = 20 */
    double bc[6], se[6];
    uint32_t sources;
    assert_int_equal(direction_betweenness(&f.a, NULL, bc, se, &sources), 0);
    assert_int_equal(sources, 6);
    assert_near(bc[TESTNET_F('d')], 3.0 / 20, 1e-15);
    assert_near(bc[TESTNET_F('c')], 5.0 / 20, 1e-15);
    assert_near(bc[TESTNET_F('f')], 0, 0);
    assert_near(se[TESTNET_F('c')], 0, 0);
    direction_free(&d);
    release(&f);
}

/* A star of five leaves around a, plus the leaf pair b-c: one triangle. */
static void test_wholenet(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 7, NULL);
    testnet_edges(&f.ds, "ab ac ad ae af bc");
    build(&f, NULL);
    struct wholenet w;
    wholenet_compute(&w, &f.s, NULL);
    /* degrees 5 2 2 1 1 1 0: deviations 0 3 3 4 4 4 5 = 23 over 6 * 5 */
    assert_near(w.degree_centralization, 23.0 / 30.0, 1e-15);
    assert_int_equal(w.triangles, 1);
    assert_int_equal(w.triples, 10 + 1 + 1);
    assert_near(w.transitivity, 3.0 / 12.0, 1e-15);
    /* the largest component a..f: 5 pairs at 1 hop... a to all 1; b-c 1; others 2 */
    assert_int_equal(w.apl_component, 6);
    assert_near(w.apl, (2.0 * (5 + 1) + 2.0 * 2 * (15 - 6)) / 30.0, 1e-15);
    assert_int_equal(w.max_degree, 5);
    uint32_t hist[6] = {1, 3, 2, 0, 0, 1};
    for (uint32_t k = 0; k <= 5; k++)
        assert_int_equal(w.hist[k], hist[k]);
    wholenet_free(&w);
    release(&f);
}

/* a tied to b (supply twice, rnd once), c (supply), d (social); b-c tied. */
static void test_egocomp(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 4, "LLNG");
    testnet_edges(&f.ds, "ab ab ac bc");
    testnet_link(&f.ds, 'a', 'b', LT_RND, 1, 0);
    testnet_link(&f.ds, 'd', 'a', LT_SOCIAL, 1, 0);
    build(&f, NULL);
    struct ego_composition e, all[4];
    struct egocomp_scratch sc;
    egocomp_scratch_init(&sc, &f.ds, &f.s);
    egocomp_firm(&e, &f.ds, &f.g, &f.L, &f.s, TESTNET_F('a'), &sc);
    egocomp_all(all, &f.ds, &f.g, &f.L, &f.s);
    assert_int_equal(e.linkages, 5);
    assert_int_equal(e.partners, 3);
    assert_near(e.density, 1.0 / 3.0, 1e-15); /* b-c of the three partner pairs */
    assert_near(e.blau_type, 1 - (9.0 + 1 + 1) / 25, 1e-15);
    assert_near(e.blau_scale, 1 - 3.0 / 9, 1e-15);
    assert_near(e.blau_industry, 0, 0);
    assert_near(e.non_material, 2.0 / 5, 1e-15);
    assert_near(all[TESTNET_F('a')].density, e.density, 1e-15);
    assert_true(isnan(all[TESTNET_F('d')].density));
    egocomp_scratch_free(&sc);
    release(&f);
}

/* Every firm of a random network of 300, a few of them hubs:
 * egocomp_firm, one scratch reused over all of them, as egocomp_all's triangles. */
static void test_egocomp_random(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_numbered_firms(&f.ds, 300);
    srand(77);
    for (int k = 0; k < 2400; k++) {
        struct link_record r;
        memset(&r, 0, sizeof r);
        /* a few hubs, so some partner lists are long */
        r.source = (uint32_t)(rand() % 4 ? rand() % 300 : rand() % 5);
        r.target = (uint32_t)(rand() % 300);
        r.type = LT_SUPPLY;
        r.form = VOCAB_NONE;
        r.weight = 1;
        dataset_add_link(&f.ds, &r);
    }
    build(&f, NULL);
    struct ego_composition *all = calloc(f.s.n, sizeof *all), e;
    egocomp_all(all, &f.ds, &f.g, &f.L, &f.s);
    struct egocomp_scratch sc;
    egocomp_scratch_init(&sc, &f.ds, &f.s);
    for (uint32_t v = 0; v < f.s.n; v++) {
        egocomp_firm(&e, &f.ds, &f.g, &f.L, &f.s, v, &sc);
        if (isnan(all[v].density))
            assert_true(isnan(e.density));
        else
            assert_near(e.density, all[v].density, 0);
    }
    egocomp_scratch_free(&sc);
    free(all);
    release(&f);
}

/* Material ab bc cd, non-material ab cd de: two pairs shared of four. */
static void test_overlap(void **state)
{
    (void)state;
    struct fixture f[2];
    for (int k = 0; k < 2; k++) {
        dataset_init(&f[k].ds);
        testnet_firms(&f[k].ds, 5, NULL);
        testnet_edges(&f[k].ds, "ab bc cd");
        testnet_link(&f[k].ds, 'a', 'b', LT_RND, 1, 0);
        testnet_link(&f[k].ds, 'c', 'd', LT_RND, 1, 0);
        testnet_link(&f[k].ds, 'd', 'e', LT_RND, 1, 0);
        struct layer_spec spec = {.forms = (uint8_t)(1u << (k ? FORM_NONMATERIAL : FORM_MATERIAL))};
        build(&f[k], &spec);
    }
    struct layer_overlap o, o2;
    overlap_compute(&o, &f[0].s, &f[1].s, 500, 3);
    assert_int_equal(o.both, 2);
    assert_int_equal(o.either, 4);
    assert_near(o.jaccard, 0.5, 1e-15);
    /* N = 10 cells, m1 = m2 = 3, c = 2: (20 - 9) / (3 * 7) */
    assert_near(o.r, 11.0 / 21.0, 1e-15);
    assert_true(o.p_ge > 0 && o.p_ge < 1 && o.p_le > 0 && o.p_le <= 1);
    assert_true(o.p_ge + o.p_le >= 1.0); /* ties at c = 2 count in both */
    overlap_compute(&o2, &f[0].s, &f[1].s, 500, 3);
    assert_near(o2.p_ge, o.p_ge, 0); /* same seed, same p */
    /* a layer against itself: r = 1, no permutation beats it but ties */
    overlap_compute(&o2, &f[0].s, &f[0].s, 200, 9);
    assert_near(o2.r, 1, 1e-15);
    assert_near(o2.p_le, 1, 0);
    for (int k = 0; k < 2; k++)
        release(&f[k]);
}

static void test_sample_se(void **state)
{
    (void)state;
    /* dependencies 1, 2, 3 from 3 of 10 sources on a node of n = 11: mean 2,
     * s^2 = 1, SE = sqrt((1 - 3/10) / 3) / 9 */
    assert_near(centrality_sample_se(6, 14, 3, 11), sqrt(0.7 / 3) / 9, 1e-15);
    assert_true(isnan(centrality_sample_se(1, 1, 1, 11)));
    /* every source sampled: no sampling error */
    assert_near(centrality_sample_se(6, 14, 10, 11), 0, 0);
}

/* Gould-Fernandez moments: with density 1 no chain is open, so all expectations
 * and deviations are 0; with two groups of 2 and 3 at d = 0.5 the coordinator's
 * expectation in the group of 3 is d^2 (1 - d) (3-1)(3-2) = 0.25. */
static void test_moments(void **state)
{
    (void)state;
    uint32_t size[2] = {2, 3};
    struct broker_moments m[2], w;
    brokerage_expected(5, 20, size, 2, m, &w);
    for (unsigned r = 0; r <= BR_COUNT; r++)
        assert_near(m[1].exp[r], 0, 0);
    brokerage_expected(5, 10, size, 2, m, &w);
    assert_near(m[1].exp[BR_COORDINATOR], 0.25, 1e-15);
    assert_near(m[0].exp[BR_COORDINATOR], 0, 0);
    assert_near(m[0].exp[BR_REPRESENTATIVE], 0.125 * 3 * 1, 1e-15);
    assert_near(m[1].exp[BR_COUNT], 0.125 * 4 * 3, 1e-15);
    assert_near(w.exp[BR_COUNT], 0.125 * 5 * 4 * 3, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direction), cmocka_unit_test(test_wholenet), cmocka_unit_test(test_egocomp), cmocka_unit_test(test_egocomp_random),
        cmocka_unit_test(test_overlap),   cmocka_unit_test(test_sample_se), cmocka_unit_test(test_moments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
