/* Unit tests of core/paths: shortest paths with their hop linkages, all shortest
 * paths, ego networks, on hand-made networks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- the search from both ends against a one-sided search ------------------- */

static uint64_t test_rng = 2463534242ull;
static uint32_t rand_below(uint32_t n)
{
    test_rng ^= test_rng << 13;
    test_rng ^= test_rng >> 7;
    test_rng ^= test_rng << 17;
    return (uint32_t)(test_rng % n);
}

/* n firms "n0".. and m random linkages of three types, either way round, with
 * parallel, multiplex and self-linkages among them. */
static void random_net(struct fixture *f, uint32_t n, uint32_t m, const struct layer_spec *spec)
{
    static const unsigned types[] = {LT_SUPPLY, LT_RND, LT_SOCIAL};
    dataset_init(&f->ds);
    testnet_numbered_firms(&f->ds, n);
    for (uint32_t e = 0; e < m; e++) {
        struct link_record r;
        memset(&r, 0, sizeof r);
        r.source = rand_below(n);
        r.target = e % 9 == 0 ? r.source : rand_below(n);
        r.type = types[rand_below(3)];
        r.form = VOCAB_NONE;
        r.weight = 1.0;
        dataset_add_link(&f->ds, &r);
    }
    fixture_build(f, spec);
}

/* Every pair: paths_shortest gives the path a one-sided breadth-first search from
 * a records (paths_bfs, parent by parent), with the same hop linkages;
 * paths_all_shortest gives every shortest path once, in order. */
static void check_all_pairs(struct fixture *f)
{
    uint32_t n = f->ds.firms.n;
    struct bfs_work ref;
    paths_work_init(&ref, n);
    uint32_t *want = malloc((n + 1) * sizeof *want);
    double *sigma = malloc(n * sizeof *sigma);
    uint32_t *seen = malloc(n * sizeof *seen);
    uint32_t found = 0;
    for (uint32_t a = 0; a < n; a++) {
        paths_bfs(&ref, &f->g, &f->L, a, PATHS_UNREACHED, FIRM_NONE);
        /* shortest paths to each firm, parallel linkages counted once */
        for (uint32_t v = 0; v < n; v++)
            seen[v] = UINT32_MAX;
        for (uint32_t qi = 0; qi < ref.n_seen; qi++) {
            uint32_t v = ref.queue[qi];
            sigma[v] = qi == 0 ? 1.0 : 0.0;
            for (int pass = 0; pass < 2; pass++) {
                const uint32_t *st = pass ? f->g.in_start : f->g.out_start;
                const uint32_t *nb = pass ? f->g.in_nbr : f->g.out_nbr;
                const uint32_t *lk = pass ? f->g.in_link : f->g.out_link;
                for (uint32_t i = st[v]; i < st[v + 1]; i++) {
                    uint32_t u = nb[i];
                    if (f->L.link_on[lk[i]] && ref.dist[u] + 1 == ref.dist[v] && seen[u] != v) {
                        seen[u] = v;
                        sigma[v] += sigma[u];
                    }
                }
            }
        }
        for (uint32_t b = 0; b < n; b++) {
            struct path p;
            int rc = paths_shortest(&p, &f->w, &f->g, &f->L, a, b);
            struct path_set ps;
            int rca = paths_all_shortest(&ps, &f->w, &f->g, &f->L, a, b, 0);
            if (ref.dist[b] == PATHS_UNREACHED) {
                assert_int_equal(rc, -1);
                assert_int_equal(rca, -1);
                path_free(&p);
                path_set_free(&ps);
                continue;
            }
            found++;
            uint32_t len = ref.dist[b];
            for (uint32_t i = len + 1, v = b; i-- > 0; v = ref.parent[v])
                want[i] = v;
            assert_int_equal(rc, 0);
            assert_int_equal(p.len, len);
            for (uint32_t i = 0; i <= len; i++)
                assert_int_equal(p.firm[i], want[i]);
            for (uint32_t i = 0; i < len; i++)
                assert_int_equal(p.link[i], paths_hop_link(&f->g, &f->L, want[i], want[i + 1]));
            path_free(&p);

            assert_int_equal(rca, 0);
            assert_int_equal(ps.len, len);
            assert_int_equal(ps.truncated, 0);
            assert_int_equal((double)ps.count, sigma[b]);
            for (uint32_t k = 0; k < ps.count; k++) {
                const uint32_t *q = ps.firm + (size_t)k * (len + 1);
                assert_int_equal(q[0], a);
                assert_int_equal(q[len], b);
                for (uint32_t i = 0; i < len; i++) {
                    assert_int_equal(ref.dist[q[i]], i);
                    assert_true(ps.link[(size_t)k * len + i] != UINT32_MAX);
                }
                if (k) { /* strictly ascending, so no path twice */
                    const uint32_t *prev = q - (len + 1);
                    uint32_t i = 0;
                    while (i <= len && prev[i] == q[i])
                        i++;
                    assert_true(i <= len && prev[i] < q[i]);
                }
            }
            path_set_free(&ps);
        }
    }
    assert_true(found > n);
    for (uint32_t v = 0; v < n; v++)
        assert_int_equal(f->w.mark[v], 0);
    free(seen);
    free(sigma);
    free(want);
    paths_work_free(&ref);
}

static void test_both_ends_random(void **state)
{
    (void)state;
    struct layer_spec rnd_social = {0};
    rnd_social.types = 1u << LT_RND | 1u << LT_SOCIAL;
    for (int round = 0; round < 6; round++) {
        struct fixture f;
        uint32_t n = 30 + 10 * (uint32_t)(round % 3);
        random_net(&f, n, n * (1 + (uint32_t)round % 2) + n / 2, round < 3 ? NULL : &rnd_social);
        check_all_pairs(&f);
        fixture_free(&f);
    }
}

/* A grid where every pair has many shortest paths, and a long chain: the two
 * sides meet in the middle, on either side's turn. */
static void test_both_ends_grid_chain(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 25, NULL);
    /* 5x5 grid a..y, row by row, linkages pointing both ways */
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 5; c++) {
            char v = (char)('a' + r * 5 + c);
            if (c < 4)
                testnet_link(&f.ds, (r + c) % 2 ? v : (char)(v + 1), (r + c) % 2 ? (char)(v + 1) : v, LT_SUPPLY, 1, 0);
            if (r < 4)
                testnet_link(&f.ds, (char)(v + 5), v, LT_RND, 1, 0);
        }
    fixture_build(&f, NULL);
    check_all_pairs(&f);
    fixture_free(&f);

    dataset_init(&f.ds);
    testnet_firms(&f.ds, 20, NULL);
    for (int i = 0; i + 1 < 20; i++)
        testnet_link(&f.ds, (char)('a' + i), (char)('a' + i + 1), LT_SUPPLY, 1, 0);
    /* a hub halfway with leaves, so the sides differ in cost */
    for (int i = 12; i < 20; i += 2)
        testnet_link(&f.ds, 'e', (char)('a' + i), LT_SOCIAL, 1, 0);
    fixture_build(&f, NULL);
    check_all_pairs(&f);
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
        cmocka_unit_test(test_both_ends_random),
        cmocka_unit_test(test_both_ends_grid_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
