/* egocluster against cluster_compute, firm by firm, on random networks: directed and
 * mutual types, parallel and self-links, weights, scales, layers that drop linkages
 * and firms; and cluster_compute_p's progress and cancellation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <cmocka.h>
#include "cluster.h"
#include "egocluster.h"
#include "progress.h"
#include "testnet.h"

static void random_net(struct dataset *ds, unsigned n, unsigned density)
{
    char scales[27];
    for (unsigned i = 0; i < n; i++)
        scales[i] = "LLLNG"[rand() % 5];
    scales[n] = '\0';
    testnet_firms(ds, n, scales);
    for (unsigned i = 0; i < n; i++)
        ds->firms.founded[i] = (int16_t)(rand() % 4 ? YEAR_NONE : 1990 + rand() % 20);
    for (unsigned u = 0; u < n; u++)
        for (unsigned v = 0; v < n; v++) {
            unsigned r = (unsigned)rand() % 100;
            if (r >= density || (u == v && r % 3))
                continue;
            static const unsigned types[] = {LT_SUPPLY, LT_SUBCONTRACT, LT_RND, LT_SOCIAL, LT_LICENSING};
            unsigned t = types[rand() % 5];
            double w = rand() % 3 ? 1.0 : 0.25 + (double)(rand() % 40) / 8.0;
            int since = rand() % 3 ? 0 : 1985 + rand() % 30;
            testnet_link(ds, (char)('a' + u), (char)('a' + v), t, w, since);
            if (rand() % 8 == 0) /* a parallel linkage, maybe of another type */
                testnet_link(ds, (char)('a' + u), (char)('a' + v), types[rand() % 5], w, since);
        }
}

static void same_measures(const struct cluster *cl, const struct ego_measures *m, uint32_t firm)
{
    uint32_t v = cl->s.firm_node[firm];
    if (v == SIMPLE_NONE) {
        assert_int_equal(m->in_layer, 0);
        return;
    }
    assert_int_equal(m->in_layer, 1);
    assert_int_equal(m->partners, simple_degree(&cl->s, v));
    const struct arc_graph *arcs = &cl->arcs;
    assert_int_equal(m->arcs_out, arcs->out_start[v + 1] - arcs->out_start[v]);
    assert_int_equal(m->arcs_in, arcs->in_start[v + 1] - arcs->in_start[v]);
    uint32_t mutual = 0;
    for (uint32_t i = arcs->out_start[v]; i < arcs->out_start[v + 1]; i++)
        mutual += (uint32_t)brokerage_arc_exists(arcs, arcs->out[i], v);
    assert_int_equal(m->arcs_mutual, mutual);
    for (unsigned r = 0; r < BR_COUNT; r++)
        assert_int_equal(m->roles.role[r], cl->roles[v].role[r]);
    assert_int_equal(m->roles.total, cl->roles[v].total);
    assert_int_equal(m->is_local, cl->is_local[v]);
    assert_int_equal(m->gatekeeper_score, cl->gatekeeper_score[v]);
    assert_int_equal(m->pipeline_in, cl->pipeline_in[v]);
    assert_int_equal(m->pipeline_out, cl->pipeline_out[v]);
    assert_int_equal(m->exclusive, cl->exclusive[v]);
    if (isnan(cl->constraint[v])) {
        assert_true(isnan(m->constraint));
        assert_true(isnan(m->effective_size));
    } else {
        /* the same sums in another order */
        assert_near(m->constraint, cl->constraint[v], 1e-9 * (1 + fabs(cl->constraint[v])));
        assert_near(m->effective_size, cl->effective_size[v], 1e-9 * (1 + fabs(cl->effective_size[v])));
    }
}

static void check_layer(struct dataset *ds, const struct graph *g, const struct layer_spec *spec, int field,
                        struct ego_scratch *sc)
{
    struct layer L;
    layer_build(&L, ds, spec);
    struct cluster cl;
    struct cluster_options o = {.group_field = field};
    cluster_compute(&cl, ds, g, &L, &o);
    struct firm_groups gr;
    ties_groups_build(&gr, ds, field >= 0 ? field : FC_SCALE);
    struct ego_table t;
    assert_int_equal(egocluster_table_build_p(&t, ds, g, &L, NULL), 0);
    for (uint32_t f = 0; f < ds->firms.n; f++) {
        struct ego_measures m, mt;
        egocluster_firm(&m, ds, g, &L, &gr, f, sc);
        same_measures(&cl, &m, f);
        /* with the layer's table: the same, bit for bit (the sums in the same order) */
        assert_int_equal(egocluster_firm_tp(&mt, ds, g, &L, &gr, &t, f, sc, NULL), 0);
        assert_memory_equal(&m, &mt, sizeof m);
        /* read from the whole-network measures, as the explorer does once they are in */
        struct ego_measures mc;
        egocluster_from_cluster(&mc, &cl, f);
        same_measures(&cl, &mc, f);
        assert_int_equal(mc.in_layer, m.in_layer);
        if (m.in_layer) {
            assert_int_equal(mc.partners, m.partners);
            assert_int_equal(mc.arcs_mutual, m.arcs_mutual);
            assert_memory_equal(&mc.roles, &m.roles, sizeof m.roles);
            assert_int_equal(mc.gatekeeper_score, m.gatekeeper_score);
        }
    }
    egocluster_table_free(&t);
    ties_groups_free(&gr);
    cluster_free(&cl);
    layer_free(&L);
}

static void test_random_networks(void **state)
{
    (void)state;
    srand(4242);
    for (int round = 0; round < 60; round++) {
        struct dataset ds;
        dataset_init(&ds);
        random_net(&ds, 3 + (unsigned)(rand() % 24), 4 + (unsigned)(rand() % 30));
        struct graph g;
        graph_build(&g, &ds);
        struct ego_scratch sc;
        egocluster_scratch_init(&sc, ds.firms.n);
        struct layer_spec all = {0}, some = {0};
        check_layer(&ds, &g, &all, -1, &sc);
        some.types = 1u << LT_SUPPLY | 1u << LT_SOCIAL | 1u << LT_RND;
        some.as_of = 2000;
        check_layer(&ds, &g, &some, -1, &sc);
        check_layer(&ds, &g, &all, FC_INDUSTRY, &sc);
        egocluster_scratch_free(&sc);
        graph_free(&g);
        dataset_free(&ds);
    }
}

/* A star with a dense rim: the hub's measures from its neighbourhood alone. */
static void test_hub(void **state)
{
    (void)state;
    struct dataset ds;
    dataset_init(&ds);
    testnet_firms(&ds, 26, "LNGLLLNGLLNLGLLNLLGLNLLLGL");
    for (char c = 'b'; c <= 'z'; c++) {
        testnet_link(&ds, 'a', c, LT_SUPPLY, 1, 0);
        if (c > 'b' && (c % 3) == 0)
            testnet_link(&ds, c, (char)(c - 1), LT_RND, 2, 0);
        if ((c % 4) == 1)
            testnet_link(&ds, c, 'a', LT_SUBCONTRACT, 1, 0);
    }
    struct graph g;
    graph_build(&g, &ds);
    struct ego_scratch sc;
    egocluster_scratch_init(&sc, ds.firms.n);
    struct layer_spec all = {0};
    check_layer(&ds, &g, &all, -1, &sc);
    struct layer L;
    layer_build(&L, &ds, &all);
    struct firm_groups gr;
    ties_groups_build(&gr, &ds, FC_SCALE);
    struct ego_measures m;
    egocluster_firm(&m, &ds, &g, &L, &gr, 0, &sc);
    assert_int_equal(m.partners, 25);
    assert_true(m.roles.total > 0);
    ties_groups_free(&gr);
    layer_free(&L);
    egocluster_scratch_free(&sc);
    graph_free(&g);
    dataset_free(&ds);
}

static void test_progress_and_cancel(void **state)
{
    (void)state;
    srand(7);
    struct dataset ds;
    dataset_init(&ds);
    random_net(&ds, 26, 30);
    struct graph g;
    graph_build(&g, &ds);
    struct layer_spec all = {0};
    struct layer L;
    layer_build(&L, &ds, &all);
    struct cluster_options o = {.group_field = -1};

    struct progress p;
    progress_init(&p);
    struct cluster cl;
    assert_int_equal(cluster_compute_p(&cl, &ds, &g, &L, &o, &p), 0);
    assert_int_equal(progress_percent(&p), 100);
    assert_true(cl.n > 0);
    struct cluster ref;
    cluster_compute(&ref, &ds, &g, &L, &o);
    for (uint32_t v = 0; v < cl.n; v++)
        assert_int_equal(cl.gatekeeper_score[v], ref.gatekeeper_score[v]);
    cluster_free(&ref);
    cluster_free(&cl);

    progress_init(&p);
    progress_cancel(&p);
    assert_int_equal(cluster_compute_p(&cl, &ds, &g, &L, &o, &p), -1);
    assert_null(cl.roles);
    assert_null(cl.s.start);
    cluster_free(&cl); /* a no-op, and safe */

    /* the layer's table: counted to the end, or nothing left when cancelled */
    struct ego_table t;
    progress_init(&p);
    assert_int_equal(egocluster_table_build_p(&t, &ds, &g, &L, &p), 0);
    assert_int_equal(progress_percent(&p), 100);
    egocluster_table_free(&t);
    progress_init(&p);
    progress_cancel(&p);
    assert_int_equal(egocluster_table_build_p(&t, &ds, &g, &L, &p), -1);
    assert_null(t.total);
    egocluster_table_free(&t); /* a no-op, and safe */

    layer_free(&L);
    graph_free(&g);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_networks),
        cmocka_unit_test(test_hub),
        cmocka_unit_test(test_progress_and_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
