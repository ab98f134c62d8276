/* Unit tests of core/paths: shortest paths with their hop linkages, all shortest
 * paths, ego networks, on hand-made networks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "paths.h"
#include "testnet.h"

struct fixture {
    struct dataset ds;
    struct graph g;
    struct layer L;
    struct bfs_work w;
};

static void fixture_build(struct fixture *f, const struct layer_spec *spec)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, spec ? spec : &all);
    paths_work_init(&f->w, f->ds.firms.n);
}

static void fixture_free(struct fixture *f)
{
    paths_work_free(&f->w);
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

/* Diamond a-b-d, a-c-d, then d-e; b-d is multiplex (link 2 supply b->d, link 3
 * rnd d->b); f isolated; g-h a separate pair; h has a self-link. */
static void diamond(struct fixture *f, const struct layer_spec *spec)
{
    dataset_init(&f->ds);
    testnet_firms(&f->ds, 8, NULL);
    testnet_link(&f->ds, 'a', 'b', LT_SUPPLY, 1, 0);  /* 0 */
    testnet_link(&f->ds, 'c', 'a', LT_SUPPLY, 1, 0);  /* 1 */
    testnet_link(&f->ds, 'b', 'd', LT_SUPPLY, 1, 0);  /* 2 */
    testnet_link(&f->ds, 'd', 'b', LT_RND, 1, 0);     /* 3 */
    testnet_link(&f->ds, 'c', 'd', LT_SOCIAL, 1, 0);  /* 4 */
    testnet_link(&f->ds, 'e', 'd', LT_LICENSING, 1, 0); /* 5 */
    testnet_link(&f->ds, 'g', 'h', LT_SUPPLY, 1, 0);  /* 6 */
    testnet_link(&f->ds, 'h', 'h', LT_SOCIAL, 1, 0);  /* 7 */
    fixture_build(f, spec);
}

static void test_shortest(void **state)
{
    (void)state;
    struct fixture f;
    diamond(&f, NULL);
    struct path p;
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('e')), 0);
    assert_int_equal(p.len, 3);
    /* out-linkages are tried first, so a reaches b (out) before c (in) */
    assert_int_equal(p.firm[0], TESTNET_F('a'));
    assert_int_equal(p.firm[1], TESTNET_F('b'));
    assert_int_equal(p.firm[2], TESTNET_F('d'));
    assert_int_equal(p.firm[3], TESTNET_F('e'));
    assert_int_equal(p.link[0], 0);
    assert_int_equal(p.link[1], 2); /* lowest of the multiplex pair */
    assert_int_equal(p.link[2], 5); /* against its direction */
    path_free(&p);

    /* the reverse direction works too, and the work arrays are reused */
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('e'), TESTNET_F('a')), 0);
    assert_int_equal(p.len, 3);
    assert_int_equal(p.firm[3], TESTNET_F('a'));
    path_free(&p);

    /* to itself: zero hops */
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('c'), TESTNET_F('c')), 0);
    assert_int_equal(p.len, 0);
    assert_int_equal(p.firm[0], TESTNET_F('c'));
    path_free(&p);

    /* other component, isolated firm */
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('g')), -1);
    path_free(&p);
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('f'), TESTNET_F('a')), -1);
    path_free(&p);
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('g'), TESTNET_F('h')), 0);
    assert_int_equal(p.len, 1);
    assert_int_equal(p.link[0], 6);
    path_free(&p);
    fixture_free(&f);
}

static void test_shortest_layer(void **state)
{
    (void)state;
    struct fixture f;
    struct layer_spec spec = {0};
    spec.types = 1u << LT_RND | 1u << LT_SOCIAL | 1u << LT_LICENSING;
    diamond(&f, &spec);
    struct path p;
    /* without supply: c-d (social), d-b (rnd), e-d (licensing) remain */
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('b'), TESTNET_F('c')), 0);
    assert_int_equal(p.len, 2);
    assert_int_equal(p.firm[1], TESTNET_F('d'));
    assert_int_equal(p.link[0], 3);
    assert_int_equal(p.link[1], 4);
    path_free(&p);
    assert_int_equal(paths_shortest(&p, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('d')), -1);
    path_free(&p);
    assert_int_equal(paths_hop_link(&f.g, &f.L, TESTNET_F('a'), TESTNET_F('b')), UINT32_MAX);
    fixture_free(&f);
}

static void test_all_shortest(void **state)
{
    (void)state;
    struct fixture f;
    diamond(&f, NULL);
    struct path_set ps;
    assert_int_equal(paths_all_shortest(&ps, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('e'), 10), 0);
    assert_int_equal(ps.count, 2); /* the multiplex b-d pair does not double a path */
    assert_int_equal(ps.len, 3);
    assert_int_equal(ps.truncated, 0);
    static const char want[2][5] = {"abde", "acde"};
    for (uint32_t k = 0; k < 2; k++)
        for (uint32_t i = 0; i < 4; i++)
            assert_int_equal(ps.firm[k * 4 + i], TESTNET_F(want[k][i]));
    assert_int_equal(ps.link[3 + 0], 1);
    assert_int_equal(ps.link[3 + 1], 4);
    assert_int_equal(ps.link[3 + 2], 5);
    path_set_free(&ps);

    assert_int_equal(paths_all_shortest(&ps, &f.w, &f.g, &f.L, TESTNET_F('e'), TESTNET_F('a'), 1), 0);
    assert_int_equal(ps.count, 1);
    assert_int_equal(ps.truncated, 1);
    assert_int_equal(ps.firm[1], TESTNET_F('d'));
    assert_int_equal(ps.firm[2], TESTNET_F('b'));
    path_set_free(&ps);

    assert_int_equal(paths_all_shortest(&ps, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('h'), 10), -1);
    path_set_free(&ps);
    assert_int_equal(paths_all_shortest(&ps, &f.w, &f.g, &f.L, TESTNET_F('b'), TESTNET_F('b'), 0), 0);
    assert_int_equal(ps.count, 1);
    assert_int_equal(ps.len, 0);
    path_set_free(&ps);
    /* marks are cleared for the next search */
    for (uint32_t v = 0; v < f.ds.firms.n; v++)
        assert_int_equal(f.w.mark[v], 0);
    fixture_free(&f);
}

static void test_all_shortest_grid(void **state)
{
    (void)state;
    /* 3x3 grid a b c / d e f / g h i: from a to i there are C(4,2) = 6 paths */
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 9, NULL);
    testnet_edges(&f.ds, "ab bc de ef gh hi ad dg be eh cf fi");
    fixture_build(&f, NULL);
    struct path_set ps;
    assert_int_equal(paths_all_shortest(&ps, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('i'), 0), 0);
    assert_int_equal(ps.count, 6);
    assert_int_equal(ps.len, 4);
    static const char want[6][6] = {"abcfi", "abefi", "abehi", "adefi", "adehi", "adghi"};
    for (uint32_t k = 0; k < 6; k++)
        for (uint32_t i = 0; i < 5; i++)
            assert_int_equal(ps.firm[k * 5 + i], TESTNET_F(want[k][i]));
    path_set_free(&ps);
    assert_int_equal(paths_all_shortest(&ps, &f.w, &f.g, &f.L, TESTNET_F('a'), TESTNET_F('i'), 4), 0);
    assert_int_equal(ps.count, 4);
    assert_int_equal(ps.truncated, 1);
    path_set_free(&ps);
    fixture_free(&f);
}

static void test_ego(void **state)
{
    (void)state;
    struct fixture f;
    diamond(&f, NULL);
    struct ego e;
    paths_ego(&e, &f.w, &f.g, &f.L, TESTNET_F('a'), 1);
    assert_int_equal(e.n_firms, 3);
    assert_int_equal(e.firm[0], TESTNET_F('a'));
    assert_int_equal(e.dist[0], 0);
    assert_int_equal(e.firm[1], TESTNET_F('b'));
    assert_int_equal(e.firm[2], TESTNET_F('c'));
    assert_int_equal(e.dist[2], 1);
    assert_int_equal(e.n_links, 2);
    assert_int_equal(e.link[0], 0);
    assert_int_equal(e.link[1], 1);
    ego_free(&e);

    paths_ego(&e, &f.w, &f.g, &f.L, TESTNET_F('a'), 2);
    assert_int_equal(e.n_firms, 4);
    assert_int_equal(e.firm[3], TESTNET_F('d'));
    assert_int_equal(e.dist[3], 2);
    assert_int_equal(e.n_links, 5); /* 0..4: both multiplex linkages */
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(e.link[i], i);
    ego_free(&e);

    paths_ego(&e, &f.w, &f.g, &f.L, TESTNET_F('h'), 3);
    assert_int_equal(e.n_firms, 2);
    assert_int_equal(e.n_links, 2); /* g-h and the self-link */
    assert_int_equal(e.link[1], 7);
    ego_free(&e);

    paths_ego(&e, &f.w, &f.g, &f.L, TESTNET_F('f'), 2);
    assert_int_equal(e.n_firms, 1);
    assert_int_equal(e.n_links, 0);
    ego_free(&e);

    paths_ego(&e, &f.w, &f.g, &f.L, TESTNET_F('e'), 0);
    assert_int_equal(e.n_firms, 1);
    ego_free(&e);
    fixture_free(&f);
}

static void test_ego_outside_layer(void **state)
{
    (void)state;
    struct fixture f;
    struct layer_spec spec = {0};
    spec.as_of = 1990;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    f.ds.firms.founded[2] = 2001;
    testnet_edges(&f.ds, "ab bc");
    fixture_build(&f, &spec);
    struct ego e;
    paths_ego(&e, &f.w, &f.g, &f.L, 2, 1);
    assert_int_equal(e.n_firms, 0);
    ego_free(&e);
    paths_ego(&e, &f.w, &f.g, &f.L, 1, 5);
    assert_int_equal(e.n_firms, 2);
    assert_int_equal(e.n_links, 1);
    ego_free(&e);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shortest),
        cmocka_unit_test(test_shortest_layer),
        cmocka_unit_test(test_all_shortest),
        cmocka_unit_test(test_all_shortest_grid),
        cmocka_unit_test(test_ego),
        cmocka_unit_test(test_ego_outside_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
