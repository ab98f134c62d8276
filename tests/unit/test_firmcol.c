/* firmcol: one firm's own measures (core/egocluster, what the explorer's details pane
 * reads) give every column they have as the whole network's do (what cluster --firms
 * prints), firm by firm on random networks; the columns they lack come from the
 * arrays beside; a firm the layer drops has none; the sort key's order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <cmocka.h>
#include "cluster.h"
#include "direction.h"
#include "egocluster.h"
#include "firmcol.h"
#include "testnet.h"

static void random_net(struct dataset *ds, unsigned n, unsigned density)
{
    char scales[27];
    for (unsigned i = 0; i < n; i++)
        scales[i] = "LLLNG"[rand() % 5];
    scales[n] = '\0';
    testnet_firms(ds, n, scales);
    static const unsigned types[] = {LT_SUPPLY, LT_SUBCONTRACT, LT_RND, LT_SOCIAL, LT_LICENSING};
    for (unsigned u = 0; u < n; u++)
        for (unsigned v = 0; v < n; v++)
            if ((unsigned)rand() % 100 < density && u != v)
                testnet_link(ds, (char)('a' + u), (char)('a' + v), types[rand() % 5],
                             rand() % 3 ? 1.0 : 0.5 + (double)(rand() % 8), rand() % 3 ? 0 : 1985 + rand() % 30);
}

/* The columns an ego_measures has. */
static const unsigned one_cols[] = {
    FIRMCOL_PARTNERS, FIRMCOL_IN, FIRMCOL_OUT, FIRMCOL_MUTUAL, FIRMCOL_COORD, FIRMCOL_ITIN, FIRMCOL_REPR,
    FIRMCOL_GATE, FIRMCOL_LIAISON, FIRMCOL_BROKERAGE, FIRMCOL_CONSTRAINT, FIRMCOL_ESIZE, FIRMCOL_PIN,
    FIRMCOL_POUT, FIRMCOL_EXCL, FIRMCOL_GKSCORE};

static void same_value(double one, double whole, unsigned col)
{
    if (isnan(whole)) {
        assert_true(isnan(one));
        return;
    }
    /* constraint and effective size: the same sums in another order */
    double tol = col == FIRMCOL_CONSTRAINT || col == FIRMCOL_ESIZE ? 1e-9 * (1 + fabs(whole)) : 0;
    assert_true(!isnan(one) && fabs(one - whole) <= tol);
}

static void check_layer(struct dataset *ds, const struct graph *g, const struct layer_spec *spec,
                        struct ego_scratch *sc)
{
    struct layer L;
    layer_build(&L, ds, spec);
    struct cluster cl;
    struct cluster_options o = {.group_field = -1};
    cluster_compute(&cl, ds, g, &L, &o);
    struct direction dir;
    direction_compute(&dir, &cl.arcs);
    struct firm_groups gr;
    ties_groups_build(&gr, ds, FC_SCALE);
    struct firmcol_src whole = {.ds = ds, .s = &cl.s, .cl = &cl, .dir = &dir, .core = cl.core,
                                .esize = cl.effective_size};
    for (uint32_t f = 0; f < ds->firms.n; f++) {
        struct ego_measures m;
        egocluster_firm(&m, ds, g, &L, &gr, f, sc);
        struct firmcol_src one = {.ds = ds, .one = &m};
        uint32_t v = cl.s.firm_node[f];
        if (v == SIMPLE_NONE) {
            for (unsigned k = 0; k < sizeof one_cols / sizeof *one_cols; k++)
                assert_true(isnan(firmcol_value(&one, 0, one_cols[k])));
            continue;
        }
        for (unsigned k = 0; k < sizeof one_cols / sizeof *one_cols; k++) {
            unsigned col = one_cols[k];
            /* whatever node is asked: the source is one firm's */
            same_value(firmcol_value(&one, v ? 0 : 1, col), firmcol_value(&whole, v, col), col);
        }
        /* both set (the details pane once the cluster's are in): the rest from the arrays */
        struct firmcol_src both = whole;
        both.one = &m;
        assert_true(firmcol_value(&both, v, FIRMCOL_TIES) == firmcol_value(&whole, v, FIRMCOL_TIES));
        assert_true(firmcol_value(&both, v, FIRMCOL_CORE) == cl.core[v]);
        assert_true(firmcol_value(&both, v, FIRMCOL_CORENESS) == cl.coreness[v]);
        assert_true(firmcol_value(&both, v, FIRMCOL_GKSCORE) == firmcol_value(&one, 0, FIRMCOL_GKSCORE) ||
                    isnan(firmcol_value(&both, v, FIRMCOL_GKSCORE)));
        assert_string_equal(firmcol_text(&whole, v, FIRMCOL_ID), dataset_firm_id(ds, f));
        /* only local firms have a gatekeeper score */
        assert_int_equal(isnan(firmcol_value(&whole, v, FIRMCOL_GKSCORE)), ds->firms.scale[f] != SCALE_LOCAL);
    }
    ties_groups_free(&gr);
    direction_free(&dir);
    cluster_free(&cl);
    layer_free(&L);
}

static void test_one_firm_equals_whole(void **state)
{
    (void)state;
    srand(1717);
    for (int round = 0; round < 40; round++) {
        struct dataset ds;
        dataset_init(&ds);
        random_net(&ds, 3 + (unsigned)(rand() % 24), 4 + (unsigned)(rand() % 30));
        struct graph g;
        graph_build(&g, &ds);
        struct ego_scratch sc;
        egocluster_scratch_init(&sc, ds.firms.n);
        struct layer_spec all = {0}, some = {0};
        check_layer(&ds, &g, &all, &sc);
        some.types = 1u << LT_SUPPLY | 1u << LT_SOCIAL;
        some.as_of = 2000;
        check_layer(&ds, &g, &some, &sc);
        egocluster_scratch_free(&sc);
        graph_free(&g);
        dataset_free(&ds);
    }
}

static void test_names_and_keys(void **state)
{
    (void)state;
    static const uint8_t cols[] = {FIRMCOL_ID, FIRMCOL_GKSCORE, FIRMCOL_CORENESS};
    assert_int_equal(firmcol_find("gatekeeper_score", cols, 3), FIRMCOL_GKSCORE);
    assert_int_equal(firmcol_find("constraint", cols, 3), -1); /* not among these */
    assert_int_equal(firmcol_kinds[FIRMCOL_GKSCORE], FIRMCOL_INT);
    assert_int_equal(firmcol_kinds[FIRMCOL_CORENESS], FIRMCOL_NUM);
    assert_int_equal(firmcol_kinds[FIRMCOL_CPCLASS], FIRMCOL_STR);
    /* numbers descending, NaN last, ties in ascending tie */
    struct firmcol_key k[4] = {{NULL, 1, 0, 3}, {NULL, NAN, 1, 0}, {NULL, 5, 2, 2}, {NULL, 1, 3, 1}};
    qsort(k, 4, sizeof *k, firmcol_key_cmp);
    assert_int_equal(k[0].node, 2);
    assert_int_equal(k[1].node, 3);
    assert_int_equal(k[2].node, 0);
    assert_int_equal(k[3].node, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_firm_equals_whole),
        cmocka_unit_test(test_names_and_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
