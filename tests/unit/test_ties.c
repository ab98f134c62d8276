/* Unit tests of core/ties: grouping by a column, tie profiles and E-I indices on
 * hand-made networks; and core/cluster's aggregation and Spearman helper. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include "cluster.h"
#include "filter.h"
#include "ties.h"
#include "testnet.h"

/* Firms a..f: location X X Y "" Z X, extra column "grp" = p q p p "" q,
 * scales L N G L L L; industries footwear footwear eyewear eyewear footwear eyewear. */
static void six_firms(struct dataset *ds)
{
    static const char *const loc[] = {"X", "X", "Y", "", "Z", "X"};
    static const char *const grp[] = {"p", "q", "p", "p", "", "q"};
    static const char *const ind[] = {"footwear", "footwear", "eyewear", "eyewear", "footwear", "eyewear"};
    static const unsigned sc[] = {SCALE_LOCAL, SCALE_NATIONAL, SCALE_GLOBAL, SCALE_LOCAL, SCALE_LOCAL, SCALE_LOCAL};
    const char *extra_name[] = {"grp"};
    dataset_set_firm_extra(ds, 1, extra_name);
    for (unsigned i = 0; i < 6; i++) {
        char id[4] = {(char)('a' + i), 0};
        struct firm_record r;
        memset(&r, 0, sizeof r);
        r.id = id;
        r.name = id;
        r.industry = ind[i];
        r.location = loc[i];
        r.scale = sc[i];
        r.employees = EMPLOYEES_NONE;
        r.founded = YEAR_NONE;
        const char *ex[] = {grp[i]};
        r.extra = ex;
        dataset_add_firm(ds, &r);
    }
}


static void test_columns_and_groups(void **state)
{
    (void)state;
    struct dataset ds;
    dataset_init(&ds);
    six_firms(&ds);
    assert_int_equal(ties_find_column(&ds, "LOCATION"), FC_LOCATION);
    assert_int_equal(ties_find_column(&ds, "scale"), FC_SCALE);
    assert_int_equal(ties_find_column(&ds, "Grp"), FILTER_EXTRA);
    assert_int_equal(ties_find_column(&ds, "nope"), -1);
    assert_string_equal(ties_column_name(&ds, FILTER_EXTRA), "grp");
    assert_string_equal(ties_column_name(&ds, FC_ROLE), "role");

    struct firm_groups gr;
    ties_groups_build(&gr, &ds, FC_LOCATION);
    /* first appearance: X, Y, "", Z */
    assert_int_equal(gr.count, 4);
    static const uint32_t want_loc[] = {0, 0, 1, 2, 3, 0};
    for (uint32_t f = 0; f < 6; f++)
        assert_int_equal(gr.of[f], want_loc[f]);
    assert_string_equal(ties_group_label(&gr, 0), "X");
    assert_string_equal(ties_group_label(&gr, 2), "");
    assert_string_equal(ties_group_label(&gr, 3), "Z");
    assert_int_equal(gr.size[0], 3);
    assert_int_equal(gr.size[2], 1);
    ties_groups_free(&gr);

    ties_groups_build(&gr, &ds, FILTER_EXTRA);
    assert_int_equal(gr.count, 3); /* p, q, "" */
    static const uint32_t want_grp[] = {0, 1, 0, 0, 2, 1};
    for (uint32_t f = 0; f < 6; f++)
        assert_int_equal(gr.of[f], want_grp[f]);
    ties_groups_free(&gr);

    ties_groups_build(&gr, &ds, FC_SCALE);
    assert_int_equal(gr.count, 3);
    assert_string_equal(ties_group_label(&gr, 0), "local");
    assert_string_equal(ties_group_label(&gr, 1), "national");
    assert_int_equal(gr.of[5], 0);
    ties_groups_free(&gr);
    dataset_free(&ds);
}

/* a (local) has a->b supply (b national), a-c social and c->a licensing (c global,
 * a multiplex pair), a->d subcontract (d local). */
static void test_profile(void **state)
{
    (void)state;
    struct simple_fixture f;
    dataset_init(&f.ds);
    six_firms(&f.ds);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'a', 'c', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'c', 'a', LT_LICENSING, 1, 0);
    testnet_link(&f.ds, 'a', 'd', LT_SUBCONTRACT, 1, 0);
    simple_fixture_build(&f, NULL);
    struct tie_profile p[6];
    ties_profile(p, &f.ds, &f.g, &f.L, &f.s);
    assert_int_equal(p[0].total, 4);
    assert_int_equal(p[0].by_scale[SCALE_LOCAL], 1);
    assert_int_equal(p[0].by_scale[SCALE_NATIONAL], 1);
    assert_int_equal(p[0].by_scale[SCALE_GLOBAL], 2);
    assert_int_equal(p[0].by_form[FORM_MATERIAL], 2);
    assert_int_equal(p[0].by_form[FORM_NONMATERIAL], 2);
    assert_int_equal(p[0].by_type[LT_SOCIAL], 1);
    assert_int_equal(p[0].by_type[LT_LICENSING], 1);
    assert_int_equal(p[2].total, 2);
    assert_int_equal(p[2].by_scale[SCALE_LOCAL], 2);
    assert_int_equal(p[4].total, 0);
    struct tie_profile sum;
    memset(&sum, 0, sizeof sum);
    ties_profile_add(&sum, &p[0]);
    ties_profile_add(&sum, &p[2]);
    assert_int_equal(sum.total, 6);
    assert_int_equal(sum.by_scale[SCALE_LOCAL], 3);
    assert_near(ties_share(1, 4), 0.25, 0);
    assert_true(isnan(ties_share(0, 0)));
    simple_fixture_free(&f);

    /* the material layer keeps supply and subcontract only */
    dataset_init(&f.ds);
    six_firms(&f.ds);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'a', 'c', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'c', 'a', LT_LICENSING, 1, 0);
    testnet_link(&f.ds, 'a', 'd', LT_SUBCONTRACT, 1, 0);
    struct layer_spec mat = {0};
    mat.forms = 1u << FORM_MATERIAL;
    simple_fixture_build(&f, &mat);
    ties_profile(p, &f.ds, &f.g, &f.L, &f.s);
    assert_int_equal(p[0].total, 2);
    assert_int_equal(p[0].by_scale[SCALE_GLOBAL], 0);
    assert_int_equal(p[2].total, 0);
    simple_fixture_free(&f);
}

/* Grouped by location (X X Y "" Z X): a-b (X-X), a-c twice (X-Y, multiplex),
 * b-d (X-""), c-d (Y-""); e (Z) and f (X) have no ties.
 *   a: I 1, E 1 -> 0      b: I 1, E 1 -> 0      c: E 2 -> 1     d: E 2 -> 1
 *   e, f: no ties -> NaN
 *   groups X: I 1 (a-b, once), E 2 -> 1/3;  Y: E 2 -> 1;  "": E 2 -> 1;
 *   Z: nothing -> NaN
 *   whole: 1 internal pair, 3 external -> (3 - 1) / 4 = 0.5 */
static void test_ei(void **state)
{
    (void)state;
    struct simple_fixture f;
    dataset_init(&f.ds);
    six_firms(&f.ds);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'a', 'c', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'c', 'a', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'b', 'd', LT_RND, 1, 0);
    testnet_link(&f.ds, 'd', 'c', LT_MARKETING, 1, 0);
    simple_fixture_build(&f, NULL);
    struct firm_groups gr;
    ties_groups_build(&gr, &f.ds, FC_LOCATION);
    struct ei_counts node[6], group[4], whole;
    ties_ei(&f.s, &gr, node, group, &whole);
    static const uint64_t I[] = {1, 1, 0, 0, 0, 0}, E[] = {1, 1, 2, 2, 0, 0};
    for (int v = 0; v < 6; v++) {
        assert_int_equal(node[v].internal, I[v]);
        assert_int_equal(node[v].external, E[v]);
    }
    assert_near(ties_ei_index(&node[0]), 0.0, 0);
    assert_near(ties_ei_index(&node[2]), 1.0, 0);
    assert_true(isnan(ties_ei_index(&node[4])));
    assert_true(isnan(ties_ei_index(&node[5])));
    assert_int_equal(group[0].internal, 1);
    assert_int_equal(group[0].external, 2);
    assert_near(ties_ei_index(&group[0]), 1.0 / 3, 1e-15);
    assert_near(ties_ei_index(&group[1]), 1.0, 0);
    assert_near(ties_ei_index(&group[2]), 1.0, 0);
    assert_true(isnan(ties_ei_index(&group[3])));
    assert_int_equal(whole.internal, 1);
    assert_int_equal(whole.external, 3);
    assert_near(ties_ei_index(&whole), 0.5, 0);
    ties_groups_free(&gr);
    simple_fixture_free(&f);
}

/* Issue 12's toy case: group A = {a, b, c} with the path a-b-c inside it (I = 2
 * pairs) and three ties out, a-d, b-e, c-f (E = 3), to firms of group B, which
 * has no pair inside. Krackhardt & Stern count each tie once: A's E-I is
 * (3 - 2)/5 = +1/5; counting the inside pairs from both ends gave (3 - 4)/7 =
 * -1/7, the wrong sign. B: I 0, E 3 -> +1. Whole: 2 internal, 3 external -> 1/5. */
static void test_ei_toy(void **state)
{
    (void)state;
    struct simple_fixture f;
    dataset_init(&f.ds);
    six_firms(&f.ds);
    testnet_edges(&f.ds, "ab bc ad be cf");
    simple_fixture_build(&f, NULL);
    struct firm_groups gr;
    /* the toy grouping by hand: A = a, b, c; B = d, e, f */
    ties_groups_build(&gr, &f.ds, FC_LOCATION);
    for (uint32_t k = 0; k < 6; k++)
        gr.of[k] = k < 3 ? 0 : 1;
    struct ei_counts node[6], group[4], whole;
    ties_ei(&f.s, &gr, node, group, &whole);
    assert_int_equal(group[0].internal, 2);
    assert_int_equal(group[0].external, 3);
    assert_near(ties_ei_index(&group[0]), 1.0 / 5, 1e-15);
    assert_true(ties_ei_index(&group[0]) > 0);
    assert_int_equal(group[1].internal, 0);
    assert_int_equal(group[1].external, 3);
    assert_int_equal(whole.internal, 2);
    assert_int_equal(whole.external, 3);
    assert_near(ties_ei_index(&whole), 1.0 / 5, 1e-15);
    /* per firm: b has a, c inside and e outside -> (1 - 2)/3 */
    assert_near(ties_ei_index(&node[1]), -1.0 / 3, 1e-15);
    ties_groups_free(&gr);
    simple_fixture_free(&f);
}

/* The aggregate: same network, grouped by the extra column grp (p q p p "" q). */
static void test_cluster_compute(void **state)
{
    (void)state;
    struct simple_fixture f;
    dataset_init(&f.ds);
    six_firms(&f.ds);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'a', 'c', LT_SUPPLY, 2, 0);
    testnet_link(&f.ds, 'c', 'a', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'b', 'd', LT_RND, 1, 0);
    testnet_link(&f.ds, 'd', 'c', LT_MARKETING, 1, 0);
    simple_fixture_build(&f, NULL);
    struct cluster cl;
    struct cluster_options o = {.group_field = FILTER_EXTRA};
    cluster_compute(&cl, &f.ds, &f.g, &f.L, &o);
    assert_int_equal(cl.n, 6);
    assert_int_equal(cl.groups.count, 3);
    /* linkages by their own scale: a-b national, a-c global twice, b-d national,
     * d-c global */
    assert_int_equal(cl.links.total, 5);
    assert_int_equal(cl.links.by_scale[SCALE_LOCAL], 0);
    assert_int_equal(cl.links.by_scale[SCALE_NATIONAL], 2);
    assert_int_equal(cl.links.by_scale[SCALE_GLOBAL], 3);
    /* grp: a p, b q, c p, d p: pairs a-b ext, a-c int, b-d ext, c-d int */
    assert_int_equal(cl.whole_ei.internal, 2);
    assert_int_equal(cl.whole_ei.external, 2);
    /* arcs: a->b, a<->c, b<->d, d->c; two-paths: c->a->b (c p, a p, b q: representative
     * of a; c->b absent); b->d->c (b q, d p, c p: gatekeeper of d); a->c->a no;
     * d->c->a (d->a absent: coordinator of c); c->a->c no; a->b->d (a->d absent:
     * a p, b q, d p: itinerant of b); d->b->? b's out d only. */
    assert_int_equal(cl.roles[0].role[BR_REPRESENTATIVE], 1);
    assert_int_equal(cl.roles[0].total, 1);
    assert_int_equal(cl.roles[3].role[BR_GATEKEEPER], 1);
    assert_int_equal(cl.roles[2].role[BR_COORDINATOR], 1);
    assert_int_equal(cl.roles[1].role[BR_ITINERANT], 1);
    assert_int_equal(cl.whole_roles[BR_COUNT], 4);
    /* local firms a, d, e, f; e and f isolated */
    assert_int_equal(cl.n_local, 4);
    assert_true(isnan(cl.constraint[4]));
    assert_int_equal(cl.core[4], 0);
    assert_int_equal(cl.core[0], 2);
    /* industries: footwear a, b, e; eyewear c, d, f */
    assert_int_equal(cl.n_industries, 2);
    assert_int_equal(cl.industry[0].firms, 3);
    assert_int_equal(cl.industry[0].local_firms, 2);
    /* an industry's linkages once each, classified by both ends (a, d, e, f local;
     * b national, c global): footwear (a, b, e) touches a-b, a-c twice, b-d, all
     * pipelines; eyewear (c, d, f) a-c twice, b-d, d-c, all pipelines; no buzz */
    assert_int_equal(cl.industry[0].ties.total, 4);
    assert_int_equal(cl.industry[0].ties.pipeline, 4);
    assert_int_equal(cl.industry[0].ties.buzz, 0);
    assert_int_equal(cl.industry[1].ties.total, 4);
    assert_int_equal(cl.links.pipeline, 5);
    assert_int_equal(cl.links.buzz + cl.links.outside, 0);
    /* per firm: b (national) has a-b and b-d, both to local firms: pipelines */
    assert_int_equal(cl.ties[1].pipeline, 2);
    assert_int_equal(cl.ties[1].buzz, 0);
    assert_int_equal(cl.industry[1].brokerage, 2);
    /* gatekeeper scores, local vs non-local (b national, c global):
     * a: c->a->b is non-local -> local -> non-local (itinerant): 0; no a->?->...;
     *    exclusive: b's local partners a, d; c's a, d: none; score 0.
     * d: b->d->c non-local in, non-local out: 0; score 0. */
    for (uint32_t v = 0; v < 6; v++)
        assert_int_equal(cl.gatekeeper_score[v], 0);
    cluster_free(&cl);
    simple_fixture_free(&f);
}

static void test_spearman(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4, NAN}, y[] = {10, 20, 30, 40, 1};
    assert_near(cluster_spearman(x, y, 5), 1.0, 1e-15);
    double z[] = {4, 3, 2, 1, 0};
    assert_near(cluster_spearman(x, z, 5), -1.0, 1e-15);
    /* ties: x ranks 1.5 1.5 3 4, y ranks 1 2 3 4: Pearson of the ranks */
    double t[] = {1, 1, 3, 4}, u[] = {1, 2, 3, 4};
    double rx[] = {1.5, 1.5, 3, 4}, mx = 2.5, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < 4; i++) {
        sxy += (rx[i] - mx) * (u[i] - mx);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (u[i] - mx) * (u[i] - mx);
    }
    assert_near(cluster_spearman(t, u, 4), sxy / sqrt(sxx * syy), 1e-15);
    double c[] = {1, 1, 1}, d[] = {1, 2, 3};
    assert_true(isnan(cluster_spearman(c, d, 3)));
    assert_true(isnan(cluster_spearman(x, y, 1)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_and_groups),
        cmocka_unit_test(test_profile),
        cmocka_unit_test(test_ei),
        cmocka_unit_test(test_ei_toy),
        cmocka_unit_test(test_cluster_compute),
        cmocka_unit_test(test_spearman),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
