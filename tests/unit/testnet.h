/* testnet: owns the small hand-made datasets the analysis unit tests share. */
#ifndef FIRMNET_TESTNET_H
#define FIRMNET_TESTNET_H
#include <stdio.h>
#include <string.h>
#include "dataset.h"
#include "graph.h"
#include "simple.h"

/* Adds firms "a", "b", ... (n of them) at the given scale letters ("LNG..."; NULL
 * means all local). */
static inline void testnet_firms(struct dataset *ds, unsigned n, const char *scales)
{
    for (unsigned i = 0; i < n; i++) {
        char id[8], name[16];
        snprintf(id, sizeof id, "%c", 'a' + (int)i);
        snprintf(name, sizeof name, "Firm %c", 'A' + (int)i);
        struct firm_record r;
        memset(&r, 0, sizeof r);
        r.id = id;
        r.name = name;
        r.industry = "footwear";
        r.scale = !scales ? SCALE_LOCAL : scales[i] == 'G' ? SCALE_GLOBAL
                  : scales[i] == 'N' ? SCALE_NATIONAL : SCALE_LOCAL;
        r.employees = EMPLOYEES_NONE;
        r.founded = YEAR_NONE;
        dataset_add_firm(ds, &r);
    }
}

/* Adds local firms "n0", "n1", ... (n of them), for tests beyond 26 firms. */
static inline void testnet_numbered_firms(struct dataset *ds, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%u", i);
        struct firm_record r;
        memset(&r, 0, sizeof r);
        r.id = id;
        r.name = id;
        r.industry = "footwear";
        r.scale = SCALE_LOCAL;
        r.employees = EMPLOYEES_NONE;
        r.founded = YEAR_NONE;
        dataset_add_firm(ds, &r);
    }
}

/* Adds a linkage between firm letters s and t; returns its index. */
static inline uint32_t testnet_link(struct dataset *ds, char s, char t, unsigned type, double w, int since)
{
    struct link_record r;
    memset(&r, 0, sizeof r);
    r.source = (uint32_t)(s - 'a');
    r.target = (uint32_t)(t - 'a');
    r.type = type;
    r.form = VOCAB_NONE;
    r.weight = w;
    r.since = (int16_t)since;
    return dataset_add_link(ds, &r);
}

/* Links given as "ab ac bc": undirected-looking pairs, each a supply linkage. */
static inline void testnet_edges(struct dataset *ds, const char *pairs)
{
    const char *p = pairs;
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (!p[1])
            break;
        testnet_link(ds, p[0], p[1], LT_SUPPLY, 1.0, 0);
        p += 2;
    }
}

#define TESTNET_F(c) ((uint32_t)((c) - 'a'))

/* cmocka 1.1 compares only floats; analyses need doubles to 1e-12. Checks
 * through the macro so a failure names the caller's line. */
#define assert_near(a, b, eps) \
    testnet_assert_near((double)(a), (double)(b), (double)(eps), #a, __FILE__, __LINE__)
static inline void testnet_assert_near(double a, double b, double eps, const char *what,
                                       const char *file, int line)
{
    double d = a > b ? a - b : b - a;
    if (!(d <= eps)) {
        print_error("%s = %.17g, expected %.17g (eps %g)\n", what, a, b, eps);
        _fail(file, line);
    }
}


/* A dataset with its graph, layer and simple projection: what most analysis tests
 * start from. Fill ds, then build; free releases all four. */
struct simple_fixture {
    struct dataset ds;
    struct graph g;
    struct layer L;
    struct simple_graph s;
};

static inline void simple_fixture_build(struct simple_fixture *f, const struct layer_spec *spec)
{
    struct layer_spec all = {0};
    graph_build(&f->g, &f->ds);
    layer_build(&f->L, &f->ds, spec ? spec : &all);
    simple_build(&f->s, &f->ds, &f->g, &f->L);
}

static inline void simple_fixture_free(struct simple_fixture *f)
{
    simple_free(&f->s);
    layer_free(&f->L);
    graph_free(&f->g);
    dataset_free(&f->ds);
}

#endif
