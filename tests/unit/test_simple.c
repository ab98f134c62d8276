/* Unit tests of core/simple and core/components on hand-made networks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "simple.h"
#include "components.h"
#include "testnet.h"


/* Triangle abc with pendant d on c, a pair ef, isolated g; a-b is also joined by an
 * rnd linkage the other way (multiplex), g has a self-link. */
static void two_components(struct simple_fixture *f)
{
    dataset_init(&f->ds);
    testnet_firms(&f->ds, 7, "LLNGLLL");
    testnet_link(&f->ds, 'a', 'b', LT_SUPPLY, 2.0, 1990);
    testnet_link(&f->ds, 'b', 'a', LT_RND, 3.0, 2005);
    testnet_link(&f->ds, 'b', 'c', LT_SUPPLY, 1.0, 0);
    testnet_link(&f->ds, 'c', 'a', LT_SOCIAL, 1.0, 0);
    testnet_link(&f->ds, 'c', 'd', LT_LICENSING, 1.0, 0);
    testnet_link(&f->ds, 'e', 'f', LT_SUPPLY, 1.0, 0);
    testnet_link(&f->ds, 'g', 'g', LT_SOCIAL, 1.0, 0);
}

static void test_projection(void **state)
{
    (void)state;
    struct simple_fixture f;
    two_components(&f);
    simple_fixture_build(&f, NULL);
    assert_int_equal(f.s.n, 7);
    assert_int_equal(f.s.m, 5);
    static const uint32_t deg[] = {2, 2, 3, 1, 1, 1, 0};
    for (uint32_t v = 0; v < 7; v++)
        assert_int_equal(simple_degree(&f.s, v), deg[v]);
    /* neighbour lists sorted: c = {a, b, d} */
    uint32_t c = TESTNET_F('c');
    assert_int_equal(f.s.nbr[f.s.start[c]], TESTNET_F('a'));
    assert_int_equal(f.s.nbr[f.s.start[c] + 1], TESTNET_F('b'));
    assert_int_equal(f.s.nbr[f.s.start[c] + 2], TESTNET_F('d'));
    /* multiplex pair merged, weights summed, both ways */
    assert_true(simple_pair_weight(&f.s, 0, 1) == 5.0);
    assert_true(simple_pair_weight(&f.s, 1, 0) == 5.0);
    assert_true(simple_pair_weight(&f.s, 0, 3) == 0.0);
    assert_true(simple_pair_weight(&f.s, 6, 6) == 0.0);
    simple_fixture_free(&f);
}

static void test_projection_layer(void **state)
{
    (void)state;
    struct simple_fixture f;
    two_components(&f);
    /* give d a founding year so "as of 1995" drops it and the 2005 rnd linkage */
    f.ds.firms.founded[TESTNET_F('d')] = 2000;
    struct layer_spec spec = {0};
    spec.as_of = 1995;
    simple_fixture_build(&f, &spec);
    assert_int_equal(f.s.n, 6);
    assert_int_equal(f.s.firm_node[TESTNET_F('d')], SIMPLE_NONE);
    assert_int_equal(f.s.node_firm[3], TESTNET_F('e'));
    assert_true(simple_pair_weight(&f.s, 0, 1) == 2.0);
    assert_int_equal(f.s.m, 4);
    simple_fixture_free(&f);

    two_components(&f);
    spec.as_of = 0;
    spec.types = 1u << LT_RND;
    simple_fixture_build(&f, &spec);
    assert_int_equal(f.s.n, 7); /* firms stay, linkages go */
    assert_int_equal(f.s.m, 1);
    assert_true(simple_pair_weight(&f.s, 1, 0) == 3.0);
    simple_fixture_free(&f);
}

static void test_counts(void **state)
{
    (void)state;
    struct simple_fixture f;
    two_components(&f);
    simple_fixture_build(&f, NULL);
    uint8_t *scratch = calloc(f.ds.firms.n, 1);
    struct firm_link_counts c;
    simple_count_links(&c, &f.ds, &f.g, &f.L, TESTNET_F('a'), scratch);
    assert_int_equal(c.total, 3);
    assert_int_equal(c.out, 1);    /* supply a->b */
    assert_int_equal(c.in, 0);
    assert_int_equal(c.mutual, 2); /* rnd and social are not directed */
    assert_int_equal(c.by_type[LT_SUPPLY], 1);
    assert_int_equal(c.by_type[LT_RND], 1);
    assert_int_equal(c.by_type[LT_SOCIAL], 1);
    assert_int_equal(c.by_partner_scale[SCALE_LOCAL], 2);
    assert_int_equal(c.by_partner_scale[SCALE_NATIONAL], 1);
    assert_int_equal(c.partners, 2);

    simple_count_links(&c, &f.ds, &f.g, &f.L, TESTNET_F('d'), scratch);
    assert_int_equal(c.total, 1);
    assert_int_equal(c.in, 1);
    assert_int_equal(c.by_partner_scale[SCALE_NATIONAL], 1);

    simple_count_links(&c, &f.ds, &f.g, &f.L, TESTNET_F('g'), scratch);
    assert_int_equal(c.total, 1); /* self-link once */
    assert_int_equal(c.mutual, 1);
    assert_int_equal(c.partners, 0);
    for (uint32_t i = 0; i < f.ds.firms.n; i++)
        assert_int_equal(scratch[i], 0);
    free(scratch);
    simple_fixture_free(&f);
}

static void test_components(void **state)
{
    (void)state;
    struct simple_fixture f;
    two_components(&f);
    simple_fixture_build(&f, NULL);
    struct components c;
    components_find(&c, &f.s);
    assert_int_equal(c.count, 3);
    static const uint32_t of[] = {0, 0, 0, 0, 1, 1, 2};
    for (uint32_t v = 0; v < 7; v++)
        assert_int_equal(c.of[v], of[v]);
    assert_int_equal(c.size[0], 4);
    assert_int_equal(c.size[1], 2);
    assert_int_equal(c.size[2], 1);
    assert_int_equal(c.largest, 0);
    assert_near(components_density(&f.s), 10.0 / 42.0, 1e-15);
    struct degree_summary d;
    components_degree_summary(&d, &f.s);
    assert_int_equal(d.min, 0);
    assert_int_equal(d.max, 3);
    assert_near(d.median, 1.0, 0);
    assert_near(d.mean, 10.0 / 7.0, 1e-15);
    components_free(&c);
    simple_fixture_free(&f);
}

static void test_components_edge_cases(void **state)
{
    (void)state;
    struct simple_fixture f;
    /* empty dataset */
    dataset_init(&f.ds);
    simple_fixture_build(&f, NULL);
    struct components c;
    components_find(&c, &f.s);
    assert_int_equal(c.count, 0);
    assert_near(components_density(&f.s), 0.0, 0);
    struct degree_summary d;
    components_degree_summary(&d, &f.s);
    assert_int_equal(d.max, 0);
    components_free(&c);
    simple_fixture_free(&f);

    /* path d-e-f after three isolated firms: even count, median of 0 and 1;
     * the largest component is not the first */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 6, NULL);
    testnet_edges(&f.ds, "de fe");
    simple_fixture_build(&f, NULL);
    components_find(&c, &f.s);
    assert_int_equal(c.count, 4);
    assert_int_equal(c.largest, 3);
    assert_int_equal(c.size[3], 3);
    components_degree_summary(&d, &f.s);
    assert_near(d.median, 0.5, 0);
    assert_near(components_density(&f.s), 4.0 / 30.0, 1e-15);
    components_free(&c);
    simple_fixture_free(&f);
}

/* components_summarize against the projection's route (simple_build, components_find,
 * components_density, components_degree_summary), which stats took before. */
static void assert_summary_matches(const struct simple_fixture *f)
{
    struct components c;
    components_find(&c, &f->s);
    struct degree_summary d;
    components_degree_summary(&d, &f->s);
    struct layer_summary sum;
    components_summarize(&sum, &f->g, &f->L);
    uint32_t isolated = 0;
    for (uint32_t v = 0; v < f->s.n; v++)
        isolated += simple_degree(&f->s, v) == 0;
    assert_int_equal(sum.nodes, f->s.n);
    assert_int_equal(sum.pairs, f->s.m);
    assert_int_equal(sum.components, c.count);
    assert_int_equal(sum.largest, c.count ? c.size[c.largest] : 0);
    assert_int_equal(sum.isolated, isolated);
    assert_true(sum.density == components_density(&f->s)); /* the same sums: bit for bit */
    assert_int_equal(sum.deg.min, d.min);
    assert_int_equal(sum.deg.max, d.max);
    assert_true(sum.deg.median == d.median);
    assert_true(sum.deg.mean == d.mean);
    components_free(&c);
}

static void test_summarize(void **state)
{
    (void)state;
    struct simple_fixture f;
    two_components(&f);
    simple_fixture_build(&f, NULL);
    assert_summary_matches(&f);
    struct layer_summary sum;
    components_summarize(&sum, &f.g, &f.L);
    assert_int_equal(sum.pairs, 5);
    assert_int_equal(sum.components, 3);
    assert_int_equal(sum.largest, 4);
    assert_int_equal(sum.isolated, 1); /* g: its self-link is no partner */
    simple_fixture_free(&f);

    dataset_init(&f.ds); /* empty */
    simple_fixture_build(&f, NULL);
    assert_summary_matches(&f);
    simple_fixture_free(&f);

    /* random multigraphs with parallel, reversed and self linkages, under layers that
     * drop firms (as of a year) and linkages (by type) */
    uint64_t rng = 16;
    for (int round = 0; round < 60; round++) {
        unsigned n = 1 + (unsigned)(round % 26), m = (unsigned)(round * 7) % 90; /* firms a to z */
        dataset_init(&f.ds);
        testnet_firms(&f.ds, n, NULL);
        for (uint32_t v = 0; v < n; v++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            f.ds.firms.founded[v] = (int16_t)(1980 + (rng >> 33) % 40);
        }
        for (unsigned e = 0; e < m; e++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            unsigned a = (unsigned)(rng >> 33) % n, b = (unsigned)(rng >> 13) % n;
            if (round % 3 == 0)
                b = a + 1 < n ? a + 1 : a; /* paths: components of every size */
            testnet_link(&f.ds, (char)('a' + a), (char)('a' + b), (unsigned)(rng >> 50) % LT_COUNT, 1.0,
                         1980 + (int)((rng >> 40) % 40));
        }
        struct layer_spec spec = {0};
        if (round % 4 == 1)
            spec.as_of = 2000;
        if (round % 4 == 2)
            spec.types = 1u << LT_SUPPLY | 1u << LT_RND;
        simple_fixture_build(&f, &spec);
        assert_summary_matches(&f);
        simple_fixture_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_projection),
        cmocka_unit_test(test_projection_layer),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_components_edge_cases),
        cmocka_unit_test(test_summarize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
