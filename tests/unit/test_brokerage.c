/* Unit tests of core/brokerage: arcs, Gould-Fernandez roles and gatekeeper scores
 * on hand-made networks, and the role counts against a brute-force triple loop. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "brokerage.h"
#include "testnet.h"

struct fixture {
    struct dataset ds;
    struct graph g;
    struct layer L;
    struct simple_graph s;
    struct arc_graph a;
    struct broker_counts *bc;
};

static void fixture_build(struct fixture *f, const struct layer_spec *spec)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, spec ? spec : &all);
    simple_build(&f->s, &f->ds, &f->g, &f->L);
    brokerage_arcs_build(&f->a, &f->ds, &f->g, &f->L, &f->s);
    f->bc = calloc(f->s.n + 1, sizeof *f->bc);
}

static void fixture_free(struct fixture *f)
{
    free(f->bc);
    brokerage_arcs_free(&f->a);
    simple_free(&f->s);
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

/* Groups given as one digit per firm: "001" puts a, b in 0 and c in 1. */
static void roles_with(struct fixture *f, const char *groups)
{
    uint32_t g[26];
    uint32_t ng = 0;
    for (uint32_t v = 0; v < f->s.n; v++) {
        g[v] = (uint32_t)(groups[v] - '0');
        if (g[v] + 1 > ng)
            ng = g[v] + 1;
    }
    brokerage_roles(&f->a, g, ng, f->bc);
}

static void assert_roles(const struct broker_counts *c, uint64_t co, uint64_t it, uint64_t re, uint64_t ga,
                         uint64_t li)
{
    assert_int_equal(c->role[BR_COORDINATOR], co);
    assert_int_equal(c->role[BR_ITINERANT], it);
    assert_int_equal(c->role[BR_REPRESENTATIVE], re);
    assert_int_equal(c->role[BR_GATEKEEPER], ga);
    assert_int_equal(c->role[BR_LIAISON], li);
    assert_int_equal(c->total, co + it + re + ga + li);
}

/* a -> b -> c: each grouping puts b in exactly one role. */
static void test_each_role(void **state)
{
    (void)state;
    static const struct {
        const char *groups;
        unsigned role;
    } cases[] = {{"000", BR_COORDINATOR}, {"010", BR_ITINERANT}, {"001", BR_REPRESENTATIVE},
                 {"100", BR_GATEKEEPER},  {"012", BR_LIAISON}};
    for (unsigned k = 0; k < sizeof cases / sizeof *cases; k++) {
        struct fixture f;
        dataset_init(&f.ds);
        testnet_firms(&f.ds, 3, NULL);
        testnet_edges(&f.ds, "ab bc");
        fixture_build(&f, NULL);
        roles_with(&f, cases[k].groups);
        for (unsigned r = 0; r < BR_COUNT; r++)
            assert_int_equal(f.bc[1].role[r], r == cases[k].role);
        assert_int_equal(f.bc[1].total, 1);
        assert_int_equal(f.bc[0].total, 0);
        assert_int_equal(f.bc[2].total, 0);
        fixture_free(&f);
    }
    assert_string_equal(brokerage_role_name(BR_GATEKEEPER), "gatekeeper");
    assert_string_equal(brokerage_role_name(BR_ITINERANT), "itinerant");
}

/* An arc a -> c closes the two-path; c -> a does not, and makes a a broker of c -> a -> b. */
static void test_closure(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    testnet_edges(&f.ds, "ab bc ac");
    fixture_build(&f, NULL);
    roles_with(&f, "000");
    for (uint32_t v = 0; v < 3; v++)
        assert_int_equal(f.bc[v].total, 0);
    fixture_free(&f);

    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    testnet_edges(&f.ds, "ab bc ca");
    fixture_build(&f, NULL);
    roles_with(&f, "001");
    /* a->b->c: b representative (a, b in 0, c in 1); b->c->a: c itinerant (b, a in
     * 0, c in 1); c->a->b: a gatekeeper (c in 1, a, b in 0) */
    assert_roles(&f.bc[1], 0, 0, 1, 0, 0);
    assert_roles(&f.bc[2], 0, 1, 0, 0, 0);
    assert_roles(&f.bc[0], 0, 0, 0, 1, 0);
    fixture_free(&f);
}

/* Mutual types give arcs both ways; a -> b -> a is no two-path; parallel and
 * multiplex linkages give one arc. */
static void test_mutual_and_multiplex(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 4, NULL);
    testnet_link(&f.ds, 'a', 'b', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'c', 'b', LT_RND, 1, 0);
    testnet_link(&f.ds, 'c', 'b', LT_SUPPLY, 2, 0);
    testnet_link(&f.ds, 'c', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'd', 'c', LT_LICENSING, 1, 0);
    fixture_build(&f, NULL);
    assert_int_equal(f.a.m, 5); /* a<->b, b<->c, d->c */
    assert_true(brokerage_arc_exists(&f.a, 0, 1));
    assert_true(brokerage_arc_exists(&f.a, 1, 0));
    assert_true(brokerage_arc_exists(&f.a, 2, 1));
    assert_true(brokerage_arc_exists(&f.a, 1, 2));
    assert_true(brokerage_arc_exists(&f.a, 3, 2));
    assert_false(brokerage_arc_exists(&f.a, 2, 3));
    assert_false(brokerage_arc_exists(&f.a, 0, 2));
    roles_with(&f, "0000");
    /* b: a->b->c, c->b->a; c: d->c->b; a, d: none */
    assert_roles(&f.bc[1], 2, 0, 0, 0, 0);
    assert_roles(&f.bc[2], 1, 0, 0, 0, 0);
    assert_int_equal(f.bc[0].total, 0);
    assert_int_equal(f.bc[3].total, 0);
    fixture_free(&f);

    /* the layer decides the arcs: only material linkages leaves c->b supply */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 4, NULL);
    testnet_link(&f.ds, 'a', 'b', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'c', 'b', LT_RND, 1, 0);
    testnet_link(&f.ds, 'c', 'b', LT_SUPPLY, 2, 0);
    testnet_link(&f.ds, 'd', 'c', LT_LICENSING, 1, 0);
    struct layer_spec mat = {0};
    mat.forms = 1u << FORM_MATERIAL;
    fixture_build(&f, &mat);
    assert_int_equal(f.a.m, 1);
    assert_int_equal(f.s.n, 4); /* a form filter keeps every firm */
    fixture_free(&f);
}

/* Hub h (group 0) with in-arcs from x, y (0) and out-arcs to p, q, r (1), x -> p
 * closing one pair: 6 pairs, 5 open, all representative. */
static void test_hub(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 6, NULL); /* a = h, b = x, c = y, d = p, e = q, f = r */
    testnet_edges(&f.ds, "ba ca ad ae af bd");
    fixture_build(&f, NULL);
    roles_with(&f, "000111");
    assert_roles(&f.bc[0], 0, 0, 5, 0, 0);
    roles_with(&f, "012345");
    assert_roles(&f.bc[0], 0, 0, 0, 0, 5);
    /* x and p share a group with h's in- and out-side mixed */
    roles_with(&f, "010100");
    /* pairs (b,d) closed; (b,e) b=1,h=0,e=0 gatekeeper; (b,f) gatekeeper;
     * (c,d) c=0,d=1: representative; (c,e), (c,f) coordinator */
    assert_roles(&f.bc[0], 2, 0, 1, 2, 0);
    fixture_free(&f);
}

/* Random directed networks: the counting method against every triple. */
static void test_brute_force(void **state)
{
    (void)state;
    srand(12345);
    for (int round = 0; round < 20; round++) {
        struct fixture f;
        dataset_init(&f.ds);
        unsigned n = 5 + (unsigned)(rand() % 20);
        testnet_firms(&f.ds, n, NULL);
        for (unsigned u = 0; u < n; u++)
            for (unsigned v = 0; v < n; v++) {
                int r = rand() % 100;
                if (u != v && r < 12)
                    testnet_link(&f.ds, (char)('a' + u), (char)('a' + v), r < 3 ? LT_SOCIAL : LT_SUPPLY, 1, 0);
            }
        fixture_build(&f, NULL);
        uint32_t g[26], ng = 1 + (uint32_t)(rand() % 4);
        for (unsigned v = 0; v < n; v++)
            g[v] = (uint32_t)rand() % ng;
        brokerage_roles(&f.a, g, ng, f.bc);
        for (uint32_t b = 0; b < n; b++) {
            uint64_t want[BR_COUNT] = {0};
            for (uint32_t a = 0; a < n; a++)
                for (uint32_t c = 0; c < n; c++) {
                    if (a == c || a == b || c == b || !brokerage_arc_exists(&f.a, a, b) ||
                        !brokerage_arc_exists(&f.a, b, c) || brokerage_arc_exists(&f.a, a, c))
                        continue;
                    unsigned r = g[a] == g[b] ? (g[b] == g[c] ? BR_COORDINATOR : BR_REPRESENTATIVE)
                                 : g[b] == g[c] ? BR_GATEKEEPER
                                 : g[a] == g[c] ? BR_ITINERANT
                                                : BR_LIAISON;
                    want[r]++;
                }
            assert_roles(&f.bc[b], want[0], want[1], want[2], want[3], want[4]);
        }
        fixture_free(&f);
    }
}

/* Local a (L1), b (L2), c (L3); global d (N1), national e (N2).
 * d -> a -> b: inbound for a; c -> a -> e: outbound for a; d and e are tied to a
 * only: two exclusive pipelines. */
static void test_gatekeeper_scores(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 5, "LLLGN");
    testnet_edges(&f.ds, "da ab ca ae");
    fixture_build(&f, NULL);
    uint8_t local[5] = {1, 1, 1, 0, 0};
    uint64_t score[5], in[5], out[5];
    uint32_t excl[5];
    brokerage_gatekeeper_scores(&f.a, &f.s, local, score, in, out, excl);
    assert_int_equal(in[0], 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(excl[0], 2);
    assert_int_equal(score[0], 4);
    for (uint32_t v = 1; v < 5; v++)
        assert_int_equal(score[v], 0);
    fixture_free(&f);

    /* e social c: e is no longer exclusive to a, c -> e closes c -> a -> e, and
     * c now brings e in: e -> c -> a */
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 5, "LLLGN");
    testnet_edges(&f.ds, "da ab ca ae");
    testnet_link(&f.ds, 'e', 'c', LT_SOCIAL, 1, 0);
    fixture_build(&f, NULL);
    brokerage_gatekeeper_scores(&f.a, &f.s, local, score, in, out, excl);
    assert_int_equal(in[0], 1);
    assert_int_equal(out[0], 0);
    assert_int_equal(excl[0], 1);
    assert_int_equal(score[0], 2);
    assert_int_equal(in[2], 1);
    assert_int_equal(out[2], 0);
    assert_int_equal(score[2], 1);
    assert_int_equal(score[1], 0);
    assert_int_equal(score[3], 0); /* non-local: not scored */
    assert_int_equal(in[4], 0);
    fixture_free(&f);
}

/* No firms, no linkages: nothing breaks. */
static void test_empty(void **state)
{
    (void)state;
    struct fixture f;
    dataset_init(&f.ds);
    fixture_build(&f, NULL);
    assert_int_equal(f.a.n, 0);
    assert_int_equal(f.a.m, 0);
    brokerage_roles(&f.a, NULL, 0, f.bc);
    fixture_free(&f);

    dataset_init(&f.ds);
    testnet_firms(&f.ds, 2, NULL);
    fixture_build(&f, NULL);
    uint32_t g[2] = {0, 0};
    brokerage_roles(&f.a, g, 1, f.bc);
    assert_int_equal(f.bc[0].total, 0);
    assert_int_equal(f.bc[1].total, 0);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_role),
        cmocka_unit_test(test_closure),
        cmocka_unit_test(test_mutual_and_multiplex),
        cmocka_unit_test(test_hub),
        cmocka_unit_test(test_brute_force),
        cmocka_unit_test(test_gatekeeper_scores),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
