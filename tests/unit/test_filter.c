/* Unit tests for core/filter: field-scoped firm filters over a small dataset. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "filter.h"

static struct dataset ds;

static void add(const char *id, const char *name, const char *alias, const char *industry,
                unsigned scale, int32_t employees, int16_t founded, const char *cert,
                const char *province)
{
    const char *extra[2] = {cert, province};
    struct firm_record r = {
        .id = id, .name = name, .alias = alias, .industry = industry, .location = "鹿城区",
        .ownership = "private", .role = "maker", .scale = scale, .employees = employees,
        .founded = founded, .line = 2, .extra = extra,
    };
    assert_int_not_equal(dataset_add_firm(&ds, &r), FIRM_NONE);
}

static int setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    dataset_init(&ds);
    static const char *const names[2] = {"cert", "Province"};
    dataset_set_firm_extra(&ds, 2, names);
    add("F1", "瓯海明视眼镜有限公司", "Ouhai Mingshi Optical", "eyewear", SCALE_LOCAL, 120, 1995,
        "ISO9001", "Zhejiang");
    add("F2", "红蜻蜓鞋业", "Red Dragonfly", "footwear", SCALE_NATIONAL, 5000, 1995, "", "Zhejiang");
    add("F3", "Wenzhou Optic Lens", NULL, "optics", SCALE_GLOBAL, EMPLOYEES_NONE, YEAR_NONE,
        NULL, "Guangdong");
    add("F4", "Aokang Shoes", "奥康", "footwear", SCALE_LOCAL, 30, 2001, "CE", "zhejiang");
    add("X5", "Lab a:b Studio", NULL, "apparel", SCALE_NATIONAL, 0, 1988, NULL, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dataset_free(&ds);
    return 0;
}

/* Compiles text and returns the ids of matching firms joined by spaces. */
static const char *which(const char *text, unsigned flags, int *field)
{
    static char out[256];
    struct firm_filter f;
    struct match_error err;
    if (filter_compile(&f, &ds, text, flags, &err) != 0)
        fail_msg("filter %s: %s", text, err.message);
    if (field)
        *field = f.field;
    out[0] = '\0';
    for (uint32_t i = 0; i < ds.firms.n; i++) {
        enum match_result r = filter_test_firm(&f, &ds, i);
        assert_true(r == MATCH_YES || r == MATCH_NO);
        if (r == MATCH_YES) {
            if (out[0])
                strcat(out, " ");
            strcat(out, dataset_firm_id(&ds, i));
        }
    }
    filter_free(&f);
    assert_null(f.m);
    return out;
}

static void test_default_fields(void **state)
{
    (void)state;
    int field = 0;
    assert_string_equal(which("optic", MATCH_SMART_CASE, &field), "F1 F3");
    assert_int_equal(field, FILTER_DEFAULT);
    assert_string_equal(which("Optic", MATCH_SMART_CASE, NULL), "F1 F3");
    assert_string_equal(which("OPTIC", MATCH_SMART_CASE, NULL), "");
    assert_string_equal(which("OPTIC", MATCH_CASELESS, NULL), "F1 F3");
    assert_string_equal(which("眼镜", MATCH_SMART_CASE, NULL), "F1");
    assert_string_equal(which("奥康", MATCH_SMART_CASE, NULL), "F4");      /* alias */
    assert_string_equal(which("^f[24]$", MATCH_SMART_CASE, NULL), "F2 F4"); /* id */
    assert_string_equal(which("", MATCH_SMART_CASE, NULL), "F1 F2 F3 F4 X5");
    /* default does not look at other fields */
    assert_string_equal(which("footwear", MATCH_SMART_CASE, NULL), "");
    /* an empty alias is not given: ^$ finds nothing by default */
    assert_string_equal(which("^$", 0, NULL), "");
}

static void test_field_filters(void **state)
{
    (void)state;
    int field = -5;
    assert_string_equal(which("industry:eye|optic", MATCH_SMART_CASE, &field), "F1 F3");
    assert_int_equal(field, FC_INDUSTRY);
    assert_string_equal(which("industry:^footwear$", MATCH_SMART_CASE, NULL), "F2 F4");
    assert_string_equal(which("INDUSTRY:wear", MATCH_SMART_CASE, &field), "F1 F2 F4");
    assert_int_equal(field, FC_INDUSTRY);
    assert_string_equal(which("scale:^global$", MATCH_SMART_CASE, &field), "F3");
    assert_int_equal(field, FC_SCALE);
    assert_string_equal(which("Scale:local", MATCH_SMART_CASE, NULL), "F1 F4");
    assert_string_equal(which("employees:^5\\d{3}$", MATCH_SMART_CASE, &field), "F2");
    assert_int_equal(field, FC_EMPLOYEES);
    assert_string_equal(which("employees:^$", 0, NULL), "F3");
    assert_string_equal(which("employees:^0$", 0, NULL), "X5");
    assert_string_equal(which("founded:1995", 0, &field), "F1 F2");
    assert_int_equal(field, FC_FOUNDED);
    assert_string_equal(which("founded:^$", 0, NULL), "F3");
    assert_string_equal(which("alias:^$", 0, &field), "F3 X5");
    assert_int_equal(field, FC_ALIAS);
    assert_string_equal(which("name:optic", MATCH_SMART_CASE, &field), "F3");
    assert_int_equal(field, FC_NAME);
    assert_string_equal(which("id:^X", 0, &field), "X5");
    assert_int_equal(field, FC_ID);
    assert_string_equal(which("location:鹿城", 0, &field), "F1 F2 F3 F4 X5");
    assert_int_equal(field, FC_LOCATION);
    assert_string_equal(which("ownership:state", 0, &field), "");
    assert_int_equal(field, FC_OWNERSHIP);
    assert_string_equal(which("role:maker", 0, &field), "F1 F2 F3 F4 X5");
    assert_int_equal(field, FC_ROLE);
    /* an empty pattern after a field matches every firm */
    assert_string_equal(which("industry:", MATCH_SMART_CASE, &field), "F1 F2 F3 F4 X5");
    assert_int_equal(field, FC_INDUSTRY);
    /* only the first ':' separates: the rest is pattern */
    assert_string_equal(which("name:a:b", 0, &field), "X5");
    assert_int_equal(field, FC_NAME);
}

static void test_extra_fields(void **state)
{
    (void)state;
    int field = 0;
    assert_string_equal(which("province:^zhejiang$", MATCH_SMART_CASE, &field), "F1 F2 F4");
    assert_int_equal(field, FILTER_EXTRA + 1);
    assert_string_equal(which("PROVINCE:^Zhejiang$", MATCH_SMART_CASE, NULL), "F1 F2");
    assert_string_equal(which("cert:iso", MATCH_SMART_CASE, &field), "F1");
    assert_int_equal(field, FILTER_EXTRA);
    assert_string_equal(which("cert:^$", 0, NULL), "F2 F3 X5");
}

static void test_not_a_field(void **state)
{
    (void)state;
    int field = 0;
    /* "a" is no column: the whole text is the pattern */
    assert_string_equal(which("a:b", 0, &field), "X5");
    assert_int_equal(field, FILTER_DEFAULT);
    assert_string_equal(which(":b", 0, &field), "X5");
    assert_int_equal(field, FILTER_DEFAULT);
    assert_string_equal(which("industryx:eye", 0, &field), "");
    assert_int_equal(field, FILTER_DEFAULT);
}

static void test_field_text(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(filter_field_text(&ds, 0, FC_ID, buf, sizeof buf), "F1");
    assert_string_equal(filter_field_text(&ds, 0, FC_NAME, buf, sizeof buf), "瓯海明视眼镜有限公司");
    assert_string_equal(filter_field_text(&ds, 0, FC_INDUSTRY, buf, sizeof buf), "eyewear");
    assert_string_equal(filter_field_text(&ds, 1, FC_SCALE, buf, sizeof buf), "national");
    assert_string_equal(filter_field_text(&ds, 2, FC_SCALE, buf, sizeof buf), "global");
    assert_string_equal(filter_field_text(&ds, 1, FC_EMPLOYEES, buf, sizeof buf), "5000");
    assert_string_equal(filter_field_text(&ds, 2, FC_EMPLOYEES, buf, sizeof buf), "");
    assert_string_equal(filter_field_text(&ds, 3, FC_FOUNDED, buf, sizeof buf), "2001");
    assert_string_equal(filter_field_text(&ds, 2, FC_FOUNDED, buf, sizeof buf), "");
    assert_string_equal(filter_field_text(&ds, 2, FC_ALIAS, buf, sizeof buf), "");
    assert_string_equal(filter_field_text(&ds, 0, FC_LOCATION, buf, sizeof buf), "鹿城区");
    assert_string_equal(filter_field_text(&ds, 0, FILTER_EXTRA, buf, sizeof buf), "ISO9001");
    assert_string_equal(filter_field_text(&ds, 3, FILTER_EXTRA + 1, buf, sizeof buf), "zhejiang");
    assert_string_equal(filter_field_text(&ds, 0, FILTER_EXTRA + 2, buf, sizeof buf), "");
    assert_string_equal(filter_field_text(&ds, 99, FC_ID, buf, sizeof buf), "");
    /* a small buffer truncates rather than overflows */
    char tiny[3];
    assert_string_equal(filter_field_text(&ds, 1, FC_EMPLOYEES, tiny, sizeof tiny), "50");
}

static void test_errors(void **state)
{
    (void)state;
    struct firm_filter f;
    struct match_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(filter_compile(&f, &ds, "name:(ab", MATCH_SMART_CASE, &err), -1);
    assert_null(f.m);
    assert_int_equal(err.offset, 3); /* offset within the pattern */
    assert_non_null(strstr(err.message, "missing closing parenthesis"));
    filter_free(&f); /* harmless after a failed compile */

    assert_int_equal(filter_compile(&f, &ds, "eye", 0, &err), 0);
    assert_int_equal(filter_test_firm(&f, &ds, ds.firms.n), MATCH_FAILED);
    filter_free(&f);

    /* a bogus field code is a failure, not a silent no */
    assert_int_equal(filter_compile(&f, &ds, "eye", 0, &err), 0);
    f.field = FILTER_EXTRA + 7;
    assert_int_equal(filter_test_firm(&f, &ds, 0), MATCH_FAILED);
    filter_free(&f);
}

static void test_too_expensive(void **state)
{
    (void)state;
    struct dataset big;
    dataset_init(&big);
    enum { N = 10000 };
    char *name = malloc(N + 2);
    assert_non_null(name);
    memset(name, 'a', N);
    name[N] = 'b';
    name[N + 1] = '\0';
    struct firm_record r = {.id = "A1", .name = name, .alias = "zzz", .industry = "x",
                            .employees = EMPLOYEES_NONE};
    assert_int_equal(dataset_add_firm(&big, &r), 0);
    r.id = "A2";
    r.alias = NULL;
    assert_int_equal(dataset_add_firm(&big, &r), 1);
    free(name);

    struct firm_filter f;
    struct match_error err;
    assert_int_equal(filter_compile(&f, &big, "name:(a+)+$", 0, &err), 0);
    assert_int_equal(filter_test_firm(&f, &big, 0), MATCH_TOO_EXPENSIVE);
    filter_free(&f);

    /* by default: a definite match in another field wins, otherwise the limit shows */
    assert_int_equal(filter_compile(&f, &big, "(a+)+$|^zzz$", 0, &err), 0);
    assert_int_equal(filter_test_firm(&f, &big, 0), MATCH_YES);
    assert_int_equal(filter_test_firm(&f, &big, 1), MATCH_TOO_EXPENSIVE);
    filter_free(&f);
    dataset_free(&big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_fields),
        cmocka_unit_test(test_field_filters),
        cmocka_unit_test(test_extra_fields),
        cmocka_unit_test(test_not_a_field),
        cmocka_unit_test(test_field_text),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_too_expensive),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
