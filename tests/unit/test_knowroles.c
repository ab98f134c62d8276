/* Unit tests of core/knowroles (Giuliani & Bell's cognitive roles) on a hand-counted
 * network: distinct partners, undirected types both ways, the layer's types only, and
 * the mean thresholds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "knowroles.h"
#include "testnet.h"

static void test_roles_hand_counted(void **state)
{
    (void)state;
    struct simple_fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 8, "LLLLLLGN"); /* a..f local, g global, h national */
    testnet_link(&f.ds, 'a', 'b', LT_TECHNOLOGY, 1, 0);
    testnet_link(&f.ds, 'a', 'b', LT_TECHNOLOGY, 1, 0); /* the same partner again */
    testnet_link(&f.ds, 'b', 'a', LT_TECHNOLOGY, 1, 0);
    testnet_link(&f.ds, 'a', 'c', LT_TECHNOLOGY, 1, 0);
    testnet_link(&f.ds, 'c', 'a', LT_LICENSING, 1, 0);
    testnet_link(&f.ds, 'b', 'c', LT_TECHNOLOGY, 1, 0);
    testnet_link(&f.ds, 'c', 'b', LT_TECHNOLOGY, 1, 0);
    testnet_link(&f.ds, 'a', 'g', LT_TECHNOLOGY, 1, 0);
    testnet_link(&f.ds, 'h', 'a', LT_RND, 1, 0);
    testnet_link(&f.ds, 'd', 'e', LT_RND, 1, 0); /* undirected: both ways */
    testnet_link(&f.ds, 'd', 'h', LT_LICENSING, 1, 0);
    testnet_link(&f.ds, 'a', 'f', LT_SUPPLY, 1, 0); /* not in the knowledge layer */
    struct layer_spec spec = {.types = 1u << LT_LICENSING | 1u << LT_RND | 1u << LT_TECHNOLOGY};
    simple_fixture_build(&f, &spec);
    struct know_roles kr;
    know_roles_compute(&kr, &f.ds, &f.g, &f.L);
    static const uint32_t in[6] = {2, 2, 2, 1, 1, 0}, out[6] = {2, 2, 2, 1, 1, 0}, ext[6] = {2, 0, 0, 1, 0, 0};
    static const uint8_t role[8] = {KR_GATEKEEPER, KR_EXCHANGER, KR_EXCHANGER, KR_WEAK, KR_WEAK, KR_ISOLATED,
                                    KR_NONE, KR_NONE};
    for (unsigned v = 0; v < 6; v++) {
        assert_int_equal(kr.in_local[v], in[v]);
        assert_int_equal(kr.out_local[v], out[v]);
        assert_int_equal(kr.external[v], ext[v]);
    }
    for (unsigned v = 0; v < 8; v++)
        assert_int_equal(kr.role[v], role[v]);
    assert_int_equal(kr.n_local, 6);
    testnet_assert_near(kr.mean_in, 8.0 / 6, 1e-15, "mean_in", __FILE__, __LINE__);
    testnet_assert_near(kr.mean_external, 3.0 / 6, 1e-15, "mean_external", __FILE__, __LINE__);
    assert_int_equal(kr.count[KR_GATEKEEPER], 1);
    assert_int_equal(kr.count[KR_EXCHANGER], 2);
    assert_int_equal(kr.count[KR_WEAK], 2);
    assert_int_equal(kr.count[KR_ISOLATED], 1);
    assert_string_equal(know_role_name(KR_GATEKEEPER), "technological-gatekeeper");
    know_roles_free(&kr);
    simple_fixture_free(&f);
}

/* A layer with no linkage: every local firm isolated, no division by zero. */
static void test_roles_empty_layer(void **state)
{
    (void)state;
    struct simple_fixture f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, "LLG");
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    struct layer_spec spec = {.types = 1u << LT_RND};
    simple_fixture_build(&f, &spec);
    struct know_roles kr;
    know_roles_compute(&kr, &f.ds, &f.g, &f.L);
    assert_int_equal(kr.count[KR_ISOLATED], 2);
    assert_int_equal(kr.role[2], KR_NONE);
    testnet_assert_near(kr.mean_out, 0, 0, "mean_out", __FILE__, __LINE__);
    know_roles_free(&kr);
    simple_fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles_hand_counted),
        cmocka_unit_test(test_roles_empty_layer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
