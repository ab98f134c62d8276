/* libFuzzer harness for core/check: a dataset is built straight from the bytes through
 * dataset_add_firm/dataset_add_link (so shapes the loader would refuse, such as
 * self-links, are reached too) and checked. Besides not crashing, check_dataset must
 * agree with a naive quadratic count of every warning it gives, and its messages
 * must be safe to print even when ids hold escape sequences. Input layout:
 *   byte 0     number of firms - 1 (mod 48)
 *   per firm   1 length byte L (mod 8), then L id bytes (any bytes, NUL ends early),
 *              1 scale byte, 1 founded byte (0: none, else 1899 + b)
 *   then       linkages, 4 bytes each: source, target, type|form, since (0: none,
 *              else 1899 + b) */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fuzz_common.h"

#define FUZZ_CHECK_MAX_FIRMS 48
#define FUZZ_CHECK_MAX_LINKS 512

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

struct cursor {
    const uint8_t *p;
    size_t n;
};

static unsigned take(struct cursor *c)
{
    if (!c->n)
        return 0;
    c->n--;
    return *c->p++;
}

/* Mutual types are one tie whichever end comes first; directed ones are not. */
static int same_tie(const struct link_table *l, uint32_t a, uint32_t b)
{
    if (l->type[a] != l->type[b])
        return 0;
    if (l->source[a] == l->source[b] && l->target[a] == l->target[b])
        return 1;
    return !vocab_type_directed(l->type[a]) && l->source[a] == l->target[b] && l->target[a] == l->source[b];
}

static size_t count_code(const struct diag *dg, enum diag_code code)
{
    size_t k = 0;
    for (size_t i = 0; i < dg->n; i++)
        k += dg->v[i].code == code;
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cursor c = {data, size};
    struct dataset ds;
    dataset_init(&ds);
    unsigned want = take(&c) % FUZZ_CHECK_MAX_FIRMS + 1;
    for (unsigned i = 0; i < want; i++) {
        char id[16];
        unsigned len = take(&c) % 8;
        for (unsigned k = 0; k < len; k++)
            id[k] = (char)take(&c);
        id[len] = '\0';
        if (!id[0]) /* ids are never empty; keep the firm count predictable anyway */
            snprintf(id, sizeof id, "F%u", i);
        struct firm_record fr;
        memset(&fr, 0, sizeof fr);
        fr.id = id;
        fr.name = id;
        fr.industry = (i & 1) ? "footwear" : "eyewear";
        fr.scale = take(&c) % SCALE_COUNT;
        unsigned y = take(&c);
        fr.founded = (int16_t)(y ? 1899 + (int)y : YEAR_NONE);
        fr.employees = EMPLOYEES_NONE;
        fr.line = ds.firms.n + 2;
        dataset_add_firm(&ds, &fr); /* a repeated id is refused, as the loader would */
    }
    uint32_t n = ds.firms.n;
    while (c.n >= 4 && ds.links.n < FUZZ_CHECK_MAX_LINKS) {
        struct link_record lr;
        memset(&lr, 0, sizeof lr);
        lr.source = take(&c) % n;
        lr.target = take(&c) % n;
        unsigned tf = take(&c);
        lr.type = tf % LT_COUNT;
        lr.form = (tf / LT_COUNT) % 3 == 2 ? VOCAB_NONE : (tf / LT_COUNT) % 3;
        unsigned y = take(&c);
        lr.since = (int16_t)(y ? 1899 + (int)y : YEAR_NONE);
        lr.weight = 1;
        lr.line = ds.links.n + 2;
        dataset_add_link(&ds, &lr);
    }

    struct diag dg;
    diag_init(&dg);
    check_dataset(&ds, &dg);
    uint32_t max_line[3] = {ds.firms.n + 1, ds.links.n + 1, 0};
    fuzz_assert_findings(&dg, max_line);

    /* the naive oracle: O(m^2) is fine at a few hundred linkages */
    const struct link_table *l = &ds.links;
    const struct firm_table *f = &ds.firms;
    size_t dup = 0, isolated = 0, early = 0;
    for (uint32_t e = 0; e < l->n; e++) {
        for (uint32_t o = 0; o < e; o++)
            if (same_tie(l, e, o)) {
                dup++;
                break;
            }
        if (l->since[e] != YEAR_NONE &&
            ((f->founded[l->source[e]] != YEAR_NONE && l->since[e] < f->founded[l->source[e]]) ||
             (f->founded[l->target[e]] != YEAR_NONE && l->since[e] < f->founded[l->target[e]])))
            early++;
    }
    for (uint32_t v = 0; v < n; v++) {
        int linked = 0;
        for (uint32_t e = 0; e < l->n && !linked; e++)
            linked = l->source[e] == v || l->target[e] == v;
        isolated += !linked;
    }
    if (count_code(&dg, DC_DUPLICATE_LINK) != dup)
        fuzz_fail("duplicate-link count differs from the naive count", NULL);
    if (count_code(&dg, DC_ISOLATED_FIRM) != isolated)
        fuzz_fail("isolated-firm count differs from the naive count", NULL);
    if (count_code(&dg, DC_SINCE_BEFORE_FOUNDED) != early)
        fuzz_fail("since-before-founded count differs from the naive count", NULL);
    if (dg.n_errors != 0)
        fuzz_fail("check_dataset gave an error; it only warns", NULL);
    diag_free(&dg);
    dataset_free(&ds);
    return 0;
}
