#include "filter.h"
#include <stdio.h>
#include <string.h>

/* ASCII-only folding on purpose: column names are ASCII or written as the user
 * wrote them, and a locale-dependent fold (Turkish i) must not change which field
 * a filter names. */
static int name_eq_fold(const char *a, size_t na, const char *b)
{
    size_t nb = strlen(b);
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

int filter_find_field(const struct dataset *ds, const char *name, size_t n)
{
    if (n == 0)
        return FILTER_DEFAULT;
    for (unsigned c = 0; c < FC_COUNT; c++)
        if (name_eq_fold(name, n, dataset_firm_column_name(c)))
            return (int)c;
    if (ds)
        for (uint32_t k = 0; k < ds->firms.extra.n; k++)
            if (name_eq_fold(name, n, dataset_str(ds, ds->firms.extra.name[k])))
                return FILTER_EXTRA + (int)k;
    return FILTER_DEFAULT;
}

int filter_compile(struct firm_filter *f, const struct dataset *ds, const char *text,
                   unsigned match_flags, struct match_error *err)
{
    f->field = FILTER_DEFAULT;
    f->m = NULL;
    if (!text)
        text = "";
    const char *pat = text;
    const char *colon = strchr(text, ':');
    if (colon) {
        int field = filter_find_field(ds, text, (size_t)(colon - text));
        if (field != FILTER_DEFAULT) {
            f->field = field;
            pat = colon + 1;
        }
    }
    f->m = match_compile(pat, strlen(pat), match_flags, err);
    return f->m ? 0 : -1;
}

void filter_free(struct firm_filter *f)
{
    match_free(f->m);
    f->m = NULL;
}

static int field_valid(const struct dataset *ds, int field)
{
    return (field >= 0 && field < FC_COUNT) ||
           (field >= FILTER_EXTRA && (uint32_t)(field - FILTER_EXTRA) < ds->firms.extra.n);
}

enum match_result filter_test_firm(struct firm_filter *f, const struct dataset *ds, uint32_t firm)
{
    if (!f->m || firm >= ds->firms.n)
        return MATCH_FAILED;
    if (f->field == FILTER_DEFAULT) {
        /* A definite YES from any field wins; otherwise a limit hit in one field
         * must surface rather than read as "no match". An empty alias is "not
         * given", so it is not searched (and costs no match call). */
        const char *const text[3] = {dataset_firm_id(ds, firm), dataset_str(ds, ds->firms.name[firm]),
                                      dataset_str(ds, ds->firms.alias[firm])};
        enum match_result worst = MATCH_NO;
        for (int i = 0; i < 3; i++) {
            const char *s = text[i];
            if (i == 2 && !*s)
                continue;
            enum match_result r = match_test(f->m, s, strlen(s));
            if (r == MATCH_YES)
                return MATCH_YES;
            if (r == MATCH_TOO_EXPENSIVE || (r < 0 && worst == MATCH_NO))
                worst = r;
        }
        return worst;
    }
    if (!field_valid(ds, f->field))
        return MATCH_FAILED;
    char buf[32];
    const char *s = filter_field_text(ds, firm, f->field, buf, sizeof buf);
    return match_test(f->m, s, strlen(s));
}

const char *filter_field_text(const struct dataset *ds, uint32_t firm, int field, char *buf, size_t bufsz)
{
    const struct firm_table *t = &ds->firms;
    if (firm >= t->n)
        return "";
    if (field == FILTER_DEFAULT) /* for highlighting, the name is what a default filter shows */
        field = FC_NAME;
    if (field >= FILTER_EXTRA)
        return (uint32_t)(field - FILTER_EXTRA) < t->extra.n
                   ? dataset_str(ds, t->extra.value[(size_t)firm * t->extra.n + (uint32_t)(field - FILTER_EXTRA)])
                   : "";
    if (field < 0 || field >= FC_COUNT)
        return "";
    if (field == FC_EMPLOYEES || field == FC_FOUNDED) {
        char num[DATASET_NUM_BUF];
        const char *s = dataset_firm_text(ds, firm, (unsigned)field, num);
        if (!*s || !buf || !bufsz)
            return "";
        snprintf(buf, bufsz, "%s", s); /* cut to the caller's buffer */
        return buf;
    }
    return dataset_firm_text(ds, firm, (unsigned)field, NULL);
}
