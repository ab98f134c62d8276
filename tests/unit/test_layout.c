/* The ego map's layout: nodes and edges the ego network has, labels that never
 * overlap nor leave the area, the same placement for the same seed, and partners
 * beyond what the area holds grouped with counts that add up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "testnet.h"

struct fx {
    struct dataset ds;
    struct graph g;
    struct layer L;
};

static void fx_build(struct fx *f)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, &all);
}

static void fx_free(struct fx *f)
{
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

/* Every visible label inside the area, and no two boxes (mark, space, label) on a
 * row sharing a cell. */
static void assert_no_overlap(const struct ego_map *m, int w, int h)
{
    for (uint32_t i = 0; i < m->n_nodes; i++) {
        const struct layout_node *a = &m->node[i];
        if (a->x < 0)
            continue;
        assert_true(a->y >= 0 && a->y < h);
        assert_true(a->x + 2 + a->label_w <= w);
        for (uint32_t j = i + 1; j < m->n_nodes; j++) {
            const struct layout_node *b = &m->node[j];
            if (b->x < 0 || b->y != a->y)
                continue;
            int a_end = a->x + 2 + a->label_w, b_end = b->x + 2 + b->label_w;
            if (a->x < b_end && b->x < a_end)
                fail_msg("nodes %u and %u overlap on row %d: [%d,%d) and [%d,%d)", i, j, a->y, a->x, a_end,
                         b->x, b_end);
        }
    }
}

/* a is the centre; b, c, d its partners; e behind b; f unrelated. */
static void test_small_ego(void **state)
{
    (void)state;
    struct fx f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 6, "LLNGLL");
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'c', 'a', LT_LICENSING, 1, 0);
    testnet_link(&f.ds, 'a', 'd', LT_RND, 1, 0);
    testnet_link(&f.ds, 'b', 'a', LT_SUPPLY, 1, 0);
    testnet_link(&f.ds, 'b', 'e', LT_SOCIAL, 1, 0);
    testnet_link(&f.ds, 'e', 'f', LT_SOCIAL, 1, 0);
    fx_build(&f);
    struct layout_options o;
    layout_options_default(&o, 60, 16);
    struct ego_map m;
    layout_ego(&m, NULL, &f.ds, &f.g, &f.L, TESTNET_F('a'), &o);
    assert_int_equal(m.n_nodes, 4);
    assert_int_equal(m.node[0].firm, TESTNET_F('a'));
    assert_int_equal(m.n_groups, 0);
    assert_int_equal(m.hidden, 0);
    assert_int_equal(m.n_edges, 3);
    /* each edge joins the nodes of its linkage's firms; a--b merges both supplies */
    for (uint32_t k = 0; k < m.n_edges; k++) {
        const struct layout_edge *e = &m.edge[k];
        uint32_t fa = m.node[e->a].firm, fb = m.node[e->b].firm;
        uint32_t s = f.ds.links.source[e->link], t = f.ds.links.target[e->link];
        assert_true((fa == s && fb == t) || (fa == t && fb == s));
        if (fb == TESTNET_F('b')) {
            assert_int_equal(e->count, 2);
            assert_int_equal(e->dir, LAYOUT_AB | LAYOUT_BA);
        } else if (fb == TESTNET_F('c')) {
            assert_int_equal(e->dir, LAYOUT_BA); /* c licenses to a */
            assert_int_equal(e->type, LT_LICENSING);
        } else {
            assert_int_equal(fb, TESTNET_F('d'));
            assert_int_equal(e->dir, LAYOUT_MUTUAL);
        }
    }
    assert_string_equal(layout_label(&m, 0), "Firm A");
    assert_no_overlap(&m, 60, 16);
    layout_ego_free(&m);

    /* depth 2 reaches e, not f */
    o.depth = 2;
    layout_ego(&m, NULL, &f.ds, &f.g, &f.L, TESTNET_F('a'), &o);
    assert_int_equal(m.n_nodes, 5);
    assert_int_equal(m.n_edges, 4);
    assert_int_equal(m.node[4].firm, TESTNET_F('e'));
    assert_int_equal(m.node[4].dist, 2);
    layout_ego_free(&m);
    fx_free(&f);
}

/* A hub with 300 partners in three industries: what the area holds keeps a node of
 * its own, the rest are grouped, and the counts add up to the ego network. */
static void test_hub_grouped(void **state)
{
    (void)state;
    struct fx f;
    dataset_init(&f.ds);
    const uint32_t n = 301;
    static const char *const ind[3] = {"footwear", "soles", "leather"};
    for (uint32_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%u", i);
        struct firm_record r;
        memset(&r, 0, sizeof r);
        r.id = r.name = id;
        r.industry = ind[i % 3];
        r.scale = i % 7 == 0 ? SCALE_GLOBAL : SCALE_LOCAL;
        r.employees = EMPLOYEES_NONE;
        dataset_add_firm(&f.ds, &r);
    }
    for (uint32_t i = 1; i < n; i++) {
        struct link_record r;
        memset(&r, 0, sizeof r);
        r.source = 0;
        r.target = i;
        r.type = i % 2 ? LT_SUPPLY : LT_MARKETING;
        r.form = VOCAB_NONE;
        dataset_add_link(&f.ds, &r);
    }
    fx_build(&f);
    static const int sizes[][2] = {{78, 20}, {40, 10}, {120, 40}};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        for (int by = LAYOUT_GROUP_INDUSTRY; by <= LAYOUT_GROUP_SCALE; by++) {
            struct layout_options o;
            layout_options_default(&o, sizes[s][0], sizes[s][1]);
            o.group_by = by;
            struct ego_map m;
            layout_ego(&m, NULL, &f.ds, &f.g, &f.L, 0, &o);
            assert_int_equal(m.ego_firms, n);
            assert_true(m.n_groups > 0);
            assert_true(m.n_nodes < n);
            uint32_t firms = 0, groups = 0, linked = 0;
            for (uint32_t i = 0; i < m.n_nodes; i++) {
                firms += m.node[i].count;
                groups += m.node[i].firm == FIRM_NONE;
            }
            assert_int_equal(firms, n);
            assert_int_equal(groups, m.n_groups);
            assert_int_equal(firms - (m.n_nodes - m.n_groups), m.grouped_firms);
            for (uint32_t k = 0; k < m.n_edges; k++) {
                assert_int_equal(m.edge[k].a, 0); /* a star: every edge at the hub */
                linked += m.edge[k].count;
            }
            assert_int_equal(linked, n - 1); /* every linkage drawn, merged or not */
            if (by == LAYOUT_GROUP_SCALE)
                for (uint32_t i = 0; i < m.n_nodes; i++)
                    if (m.node[i].firm == FIRM_NONE)
                        assert_true(strstr(layout_label(&m, i), "local (") ||
                                    strstr(layout_label(&m, i), "global (") ||
                                    strstr(layout_label(&m, i), "other ("));
            assert_no_overlap(&m, sizes[s][0], sizes[s][1]);
            layout_ego_free(&m);
        }
    }
    fx_free(&f);
}

/* The same seed gives the same map to the cell; the placement is a layout of the
 * graph, not of the seed: graph neighbours sit nearer than far nodes on average. */
static void test_deterministic(void **state)
{
    (void)state;
    struct fx f;
    dataset_init(&f.ds);
    testnet_numbered_firms(&f.ds, 40);
    for (uint32_t i = 1; i < 40; i++) {
        struct link_record r;
        memset(&r, 0, sizeof r);
        r.source = i < 10 ? 0 : i % 9 + 1;
        r.target = i;
        r.type = LT_SUPPLY;
        r.form = VOCAB_NONE;
        dataset_add_link(&f.ds, &r);
    }
    fx_build(&f);
    struct layout_options o;
    layout_options_default(&o, 100, 30);
    o.depth = 2;
    o.seed = 42;
    struct ego_map m1, m2;
    layout_ego(&m1, NULL, &f.ds, &f.g, &f.L, 0, &o);
    layout_ego(&m2, NULL, &f.ds, &f.g, &f.L, 0, &o);
    assert_int_equal(m1.n_nodes, m2.n_nodes);
    for (uint32_t i = 0; i < m1.n_nodes; i++) {
        assert_int_equal(m1.node[i].x, m2.node[i].x);
        assert_int_equal(m1.node[i].y, m2.node[i].y);
    }
    assert_no_overlap(&m1, 100, 30);
    layout_ego_free(&m1);
    layout_ego_free(&m2);

    /* stress on a path of 6: the ends end up farther apart than neighbours */
    double x[6], y[6];
    uint32_t ea[5] = {0, 1, 2, 3, 4}, eb[5] = {1, 2, 3, 4, 5};
    layout_stress(x, y, 6, ea, eb, 5, 7);
    double d01 = hypot(x[0] - x[1], y[0] - y[1]), d05 = hypot(x[0] - x[5], y[0] - y[5]);
    assert_true(d05 > 4 * d01);
    assert_true(fabs(d01 - 1.0) < 0.2);
    double x2[6], y2[6];
    layout_stress(x2, y2, 6, ea, eb, 5, 7);
    assert_memory_equal(x, x2, sizeof x);
    assert_memory_equal(y, y2, sizeof y);
    fx_free(&f);
}

/* The centre outside the layer: a map of the centre alone. */
static void test_outside_layer(void **state)
{
    (void)state;
    struct fx f;
    dataset_init(&f.ds);
    testnet_firms(&f.ds, 3, NULL);
    testnet_link(&f.ds, 'a', 'b', LT_SUPPLY, 1, 2000);
    graph_build(&f.g, &f.ds);
    struct layer_spec spec = {0};
    spec.types = 1u << LT_RND;
    layer_build(&f.L, &f.ds, &spec);
    struct layout_options o;
    layout_options_default(&o, 80, 24);
    struct ego_map m;
    layout_ego(&m, NULL, &f.ds, &f.g, &f.L, 0, &o);
    assert_int_equal(m.n_nodes, 1);
    assert_int_equal(m.n_edges, 0);
    assert_true(m.node[0].x >= 0);
    layout_ego_free(&m);
    fx_free(&f);
}

/* A hub too big for qsort's uninterruptible sorts: 6,000 partners, each tied to 12 of
 * 2,000 firms beyond, so the depth-2 network has 8,001 members and 78,000 linkages
 * (the merge sort and the linkage bitmap that a cancel can stop). Counted on a
 * progress record the map is the one layout_ego draws without, the progress ends at
 * 100%, and a cancelled record stops it with nothing left to free. */
static void test_big_hub_progress(void **state)
{
    (void)state;
    struct fx f;
    dataset_init(&f.ds);
    const uint32_t ring = 6000, beyond = 2000, per = 12;
    static const char *const ind[3] = {"footwear", "soles", "leather"};
    for (uint32_t i = 0; i < 1 + ring + beyond; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%u", i);
        struct firm_record r;
        memset(&r, 0, sizeof r);
        r.id = r.name = id;
        r.industry = ind[i % 3];
        r.scale = i % 7 == 0 ? SCALE_GLOBAL : i % 5 == 0 ? SCALE_NATIONAL : SCALE_LOCAL;
        r.employees = EMPLOYEES_NONE;
        dataset_add_firm(&f.ds, &r);
    }
    uint64_t rs = 7;
    for (uint32_t i = 1; i <= ring; i++) {
        struct link_record r;
        memset(&r, 0, sizeof r);
        r.source = i % 2 ? 0 : i;
        r.target = i % 2 ? i : 0;
        r.type = i % 3 ? LT_SUPPLY : LT_SOCIAL;
        r.form = VOCAB_NONE;
        dataset_add_link(&f.ds, &r);
        for (uint32_t k = 0; k < per; k++) {
            rs = rs * 6364136223846793005ull + 1442695040888963407ull;
            r.source = i;
            r.target = 1 + ring + (uint32_t)((rs >> 33) % beyond);
            r.type = k % 2 ? LT_SUBCONTRACT : LT_RND;
            dataset_add_link(&f.ds, &r);
        }
    }
    fx_build(&f);

    struct ego e;
    struct bfs_work w;
    paths_work_init(&w, f.ds.firms.n);
    struct progress p;
    progress_init(&p);
    assert_int_equal(paths_ego_p(&e, &w, &f.g, &f.L, 0, 2, &p), 0);
    assert_int_equal(e.n_firms, 1 + ring + beyond);
    assert_int_equal(e.n_links, ring * (1 + per));
    for (uint32_t k = 1; k < e.n_links; k++)
        assert_true(e.link[k - 1] < e.link[k]); /* ascending, each once */
    ego_free(&e);

    struct layout_options o;
    layout_options_default(&o, 80, 20);
    o.depth = 2;
    struct ego_map plain, counted;
    layout_ego(&plain, &w, &f.ds, &f.g, &f.L, 0, &o);
    progress_init(&p);
    assert_int_equal(layout_ego_p(&counted, &w, &f.ds, &f.g, &f.L, 0, &o, &p), 0);
    assert_int_equal(progress_percent(&p), 100);
    assert_int_equal(counted.n_nodes, plain.n_nodes);
    assert_int_equal(counted.n_edges, plain.n_edges);
    assert_int_equal(counted.ego_links, ring * (1 + per));
    assert_true(plain.n_groups > 0);
    for (uint32_t i = 0; i < plain.n_nodes; i++) {
        assert_int_equal(counted.node[i].firm, plain.node[i].firm);
        assert_int_equal(counted.node[i].count, plain.node[i].count);
        assert_int_equal(counted.node[i].x, plain.node[i].x);
        assert_int_equal(counted.node[i].y, plain.node[i].y);
        assert_string_equal(layout_label(&counted, i), layout_label(&plain, i));
    }
    for (uint32_t k = 0; k < plain.n_edges; k++) {
        assert_int_equal(counted.edge[k].a, plain.edge[k].a);
        assert_int_equal(counted.edge[k].b, plain.edge[k].b);
        assert_int_equal(counted.edge[k].count, plain.edge[k].count);
        assert_int_equal(counted.edge[k].link, plain.edge[k].link);
    }
    layout_ego_free(&counted);
    layout_ego_free(&plain);

    progress_init(&p);
    progress_cancel(&p);
    assert_int_equal(paths_ego_p(&e, &w, &f.g, &f.L, 0, 2, &p), -1);
    ego_free(&e); /* freed already: safe again */
    assert_int_equal(layout_ego_p(&counted, &w, &f.ds, &f.g, &f.L, 0, &o, &p), -1);
    assert_int_equal(counted.n_nodes, 0);
    layout_ego_free(&counted);
    paths_work_free(&w);
    fx_free(&f);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_ego),
        cmocka_unit_test(test_hub_grouped),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_outside_layer),
        cmocka_unit_test(test_big_hub_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
