/* Loader and checker: one small fixture per finding, with exact line numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "graph.h"
#include "progress.h"
#include "load.h"
#include "text.h"
#include "xalloc.h"

struct fixture {
    char dir[64];
    struct dataset ds;
    struct diag dg;
    int rc;
};

static void write_file(const char *dir, const char *name, const char *text, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
}

static const char firms_ok[] =
    "id,name,industry,scale,founded\n"
    "A,Alpha,footwear,local,1990\n"
    "B,Beta,footwear,national,1985\n"
    "C,Gamma,leather,global,\n";

/* Loads the two texts (NULL firms = firms_ok); lengths allow NUL bytes. */
static void load_n(struct fixture *fx, const char *firms, size_t fn, const char *links, size_t ln,
                   const struct load_options *o)
{
    strcpy(fx->dir, "/tmp/firmnet-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    if (!firms) {
        firms = firms_ok;
        fn = strlen(firms_ok);
    }
    write_file(fx->dir, "firms.csv", firms, fn);
    write_file(fx->dir, "linkages.csv", links, ln);
    diag_init(&fx->dg);
    fx->rc = load_dataset(&fx->ds, &fx->dg, fx->dir, o);
}

static void load(struct fixture *fx, const char *firms, const char *links)
{
    load_n(fx, firms, firms ? strlen(firms) : 0, links, strlen(links), NULL);
}

static void done(struct fixture *fx)
{
    char path[128];
    snprintf(path, sizeof path, "%s/firms.csv", fx->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/linkages.csv", fx->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/firmnet.conf", fx->dir);
    unlink(path);
    rmdir(fx->dir);
    dataset_free(&fx->ds);
    diag_free(&fx->dg);
}

/* The finding with this code, file and line, or fail listing what was found. */
static const struct finding *expect(struct fixture *fx, enum diag_file file, uint32_t line, enum diag_code code)
{
    for (size_t i = 0; i < fx->dg.n; i++)
        if (fx->dg.v[i].file == file && fx->dg.v[i].line == line && fx->dg.v[i].code == code)
            return &fx->dg.v[i];
    for (size_t i = 0; i < fx->dg.n; i++)
        print_message("found %u:%u [%s] %s\n", fx->dg.v[i].file, fx->dg.v[i].line,
                      diag_code_name(fx->dg.v[i].code), diag_msg(&fx->dg, &fx->dg.v[i]));
    fail_msg("no [%s] at file %d line %u", diag_code_name(code), file, line);
    return NULL;
}

static void expect_msg(struct fixture *fx, enum diag_file file, uint32_t line, enum diag_code code, const char *part)
{
    const struct finding *f = expect(fx, file, line, code);
    /* the checks' findings are made from the dataset when read */
    static struct textbuf tb;
    const char *m = diag_message(&fx->dg, &fx->ds, f, &tb);
    int found = strstr(m, part) != NULL;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", m);
    textbuf_free(&tb);
    if (!found)
        fail_msg("message \"%s\" lacks \"%s\"", copy, part);
}

static void test_clean_with_bom_crlf_any_order(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "\xEF\xBB\xBFName,ID,Industry,Website\r\nAlpha,A,footwear,a.example\r\nBeta,B,soles,\r\n",
         "TYPE,Target,source,since,weight,note\r\nsupply,A,B,1999,2.5,\"soles, to order\"\r\nsocial,B,A,,,\r\n");
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_FIRMS, 0, DC_NO_SCALE); /* no scale column: said once */
    assert_int_equal(fx.dg.n, 1);
    assert_int_equal(fx.ds.firms.n, 2);
    assert_int_equal(fx.ds.links.n, 2);
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.name[0]), "Alpha");
    assert_int_equal(fx.ds.firms.extra.n, 1);
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.extra.name[0]), "Website");
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.extra.value[0]), "a.example");
    assert_int_equal(fx.ds.links.source[0], 1);
    assert_int_equal(fx.ds.links.type[0], LT_SUPPLY);
    assert_int_equal(fx.ds.links.form[0], FORM_MATERIAL);
    assert_int_equal(fx.ds.links.form[1], FORM_NONMATERIAL);
    assert_true(dataset_link_weight(&fx.ds, 0) == 2.5);
    assert_true(dataset_link_weight(&fx.ds, 1) == 1.0);
    assert_int_equal(fx.ds.links.since[0], 1999);
    assert_string_equal(dataset_str(&fx.ds, fx.ds.links.note[0]), "soles, to order");
    assert_int_equal(dataset_link_line(&fx.ds, 1), 3);
    done(&fx);
}

/* A sealed pool is exactly full, so the next add moves it: a copy of a string
 * the pool itself holds must still read from where that string went. */
static void test_sealed_pool_adds_its_own_string(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,location\nA,Alpha Footwear Co,footwear,Ouhai\nB,Beta,soles,Lucheng\n",
         "source,target,type\nA,B,supply\n");
    assert_int_equal(fx.rc, 0);
    assert_int_equal(fx.ds.pool.cap, fx.ds.pool.len);
    const char *name = dataset_str(&fx.ds, fx.ds.firms.name[0]);
    strref copy = strpool_add(&fx.ds.pool, name, strlen(name));
    assert_string_equal(dataset_str(&fx.ds, copy), "Alpha Footwear Co");
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.name[0]), "Alpha Footwear Co");
    done(&fx);
}

/* The load ends with the pool's intern table freed (dataset_seal); a firm and a
 * linkage added afterwards still share the offsets of the values loaded. */
static void test_sealed_pool_interns_after_load(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,location,website\nA,Alpha,footwear,\"Ouhai, Wenzhou\",a.example\nB,Beta,soles,Lucheng,\n",
         "source,target,type,ref,grade\nA,B,supply,interview 2019 p. 4 and more,high\n");
    assert_int_equal(fx.rc, 0);
    assert_null(fx.ds.pool.slots);
    assert_int_equal(fx.ds.pool.cap, fx.ds.pool.len);
    struct firm_record fr;
    memset(&fr, 0, sizeof fr);
    fr.id = "C";
    fr.name = "Gamma";
    fr.industry = "footwear";
    fr.location = "Ouhai, Wenzhou";
    const char *xf[] = {"a.example"};
    fr.extra = xf;
    uint32_t f = dataset_add_firm(&fx.ds, &fr);
    assert_int_equal(f, 2);
    assert_int_equal(catcol_get(&fx.ds.firms.location, f), catcol_get(&fx.ds.firms.location, 0));
    assert_int_equal(fx.ds.firms.industry[f], fx.ds.firms.industry[0]);
    assert_int_equal(fx.ds.firms.extra.value[f], fx.ds.firms.extra.value[0]);
    struct link_record lr;
    memset(&lr, 0, sizeof lr);
    lr.source = f;
    lr.target = 0;
    lr.ref = "interview 2019 p. 4 and more"; /* longer than a slot's inline key */
    const char *xl[] = {"high"};
    lr.extra = xl;
    uint32_t e = dataset_add_link(&fx.ds, &lr);
    assert_int_equal(fx.ds.links.ref[e], fx.ds.links.ref[0]);
    assert_int_equal(fx.ds.links.extra.value[e], fx.ds.links.extra.value[0]);
    done(&fx);
}

static void test_scale_derived(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, NULL, "source,target,type\nA,B,supply\nB,C,rnd\nA,C,jv\nC,A,r&d\nB,A,supplier-user\n");
    assert_int_equal(fx.rc, 0);
    assert_int_equal(fx.ds.links.scale[0], SCALE_NATIONAL);
    assert_int_equal(fx.ds.links.scale[1], SCALE_GLOBAL);
    assert_int_equal(fx.ds.links.type[2], LT_JOINT_VENTURE);
    assert_int_equal(fx.ds.links.type[3], LT_RND);
    assert_int_equal(fx.ds.links.type[4], LT_SUPPLY);
    done(&fx);
}

static void test_missing_column_is_fatal(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name\nA,Alpha\n", "source,target,type\n");
    assert_int_equal(fx.rc, -1);
    expect_msg(&fx, DIAG_FIRMS, 1, DC_MISSING_COLUMN, "\"industry\"");
    done(&fx);
    load(&fx, NULL, "source,relationship,target\n");
    assert_int_equal(fx.rc, -1);
    expect_msg(&fx, DIAG_LINKS, 1, DC_MISSING_COLUMN, "\"type\"");
    done(&fx);
}

static void test_delimiter_hint_and_option(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id;name;industry\nA;Alpha;x\n", "source;target;type\n");
    assert_int_equal(fx.rc, -1);
    expect_msg(&fx, DIAG_FIRMS, 1, DC_DELIMITER, "--delimiter ';'");
    done(&fx);
    struct load_options o = {.delimiter = ';'};
    const char *f = "id;name;industry\nA;Alpha;x\nB;Beta;x\n", *l = "source;target;type\nA;B;supply\n";
    load_n(&fx, f, strlen(f), l, strlen(l), &o);
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_FIRMS, 0, DC_NO_SCALE); /* no scale column: said once */
    assert_int_equal(fx.dg.n, 1);
    assert_int_equal(fx.ds.links.n, 1);
    done(&fx);
}

static void test_duplicate_header(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,Name\nA,Alpha,x,Other\nB,B,x,\n", "source,target,type\nA,B,supply\n");
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 1, DC_DUPLICATE_HEADER, "\"name\"");
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.name[0]), "Alpha");
    done(&fx);
}

static void test_field_count_and_empty(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry\nA,Alpha,x\nB,Beta\nC,,x\nD,Delta,x,extra\n",
         "source,target,type\nA,D,supply\n,A,supply\n");
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 3, DC_FIELD_COUNT, "2 fields");
    expect_msg(&fx, DIAG_FIRMS, 4, DC_EMPTY_FIELD, "name");
    expect(&fx, DIAG_FIRMS, 5, DC_FIELD_COUNT);
    expect_msg(&fx, DIAG_LINKS, 3, DC_EMPTY_FIELD, "source");
    assert_int_equal(fx.ds.firms.n, 1);
    /* D was skipped, so the linkage to it is an unknown firm */
    expect(&fx, DIAG_LINKS, 2, DC_UNKNOWN_FIRM);
    done(&fx);
}

static void test_ids(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry\nWZ-SH-0193,A,x\nWZ-SH-0193,Again,x\n B,Spaced,x\n",
         "source,target,type\nWZ-SH-0139,WZ-SH-0193,supply\nWZ-SH-0193,NOWHERE-AT-ALL,supply\n");
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 3, DC_DUPLICATE_ID, "line 2");
    expect(&fx, DIAG_FIRMS, 4, DC_BAD_ID);
    expect_msg(&fx, DIAG_LINKS, 2, DC_UNKNOWN_FIRM, "did you mean \"WZ-SH-0193\"");
    const struct finding *f = expect(&fx, DIAG_LINKS, 3, DC_UNKNOWN_FIRM);
    assert_null(strstr(diag_msg(&fx.dg, f), "did you mean"));
    assert_int_equal(fx.ds.links.n, 0);
    done(&fx);
}

static void test_codes(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,scale\nA,Alpha,x,regional\nB,Beta,x,global\n",
         "source,target,type,form\nA,B,suply,\nA,B,supply,solid\nA,B,knitting,\nA,B,supply,non-material\n");
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 2, DC_BAD_SCALE, "\"regional\"");
    assert_int_equal(fx.ds.firms.scale[0], SCALE_LOCAL);
    expect_msg(&fx, DIAG_LINKS, 2, DC_UNKNOWN_TYPE, "did you mean \"supply\"");
    expect_msg(&fx, DIAG_LINKS, 3, DC_BAD_FORM, "\"solid\"");
    const struct finding *f = expect(&fx, DIAG_LINKS, 4, DC_UNKNOWN_TYPE);
    assert_null(strstr(diag_msg(&fx.dg, f), "did you mean"));
    assert_int_equal(fx.ds.links.n, 1);
    assert_int_equal(fx.ds.links.form[0], FORM_NONMATERIAL);
    done(&fx);
}

static void test_numbers_years_weights(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,employees,founded\nA,Alpha,x,12x,1990\nB,Beta,x,-3,1750\nC,Gamma,x,40,19x5\n",
         "source,target,type,since,weight\nA,B,supply,1699,\nA,B,rnd,,-2\nA,C,rnd,,0\nB,C,rnd,,heavy\nA,C,supply,2000,1.5\n");
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 2, DC_BAD_NUMBER, "employees \"12x\"");
    expect(&fx, DIAG_FIRMS, 3, DC_BAD_NUMBER);
    expect_msg(&fx, DIAG_FIRMS, 3, DC_BAD_YEAR, "\"1750\"");
    expect(&fx, DIAG_FIRMS, 4, DC_BAD_YEAR);
    expect_msg(&fx, DIAG_LINKS, 2, DC_BAD_YEAR, "since");
    expect_msg(&fx, DIAG_LINKS, 3, DC_BAD_WEIGHT, "negative");
    expect_msg(&fx, DIAG_LINKS, 4, DC_BAD_WEIGHT, "zero");
    expect_msg(&fx, DIAG_LINKS, 5, DC_BAD_WEIGHT, "not a number");
    /* a bad optional value costs the value, not the firm */
    assert_int_equal(fx.ds.firms.n, 3);
    assert_int_equal(fx.ds.firms.employees[0], EMPLOYEES_NONE);
    assert_int_equal(fx.ds.firms.employees[2], 40);
    assert_int_equal(fx.ds.links.n, 1);
    done(&fx);
}

/* until: the last year a tie is in force; bad years and ends before starts are
 * findings, and a layer as of a year keeps exactly the ties in force then. */
static void test_until(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, NULL,
         "source,target,type,since,until\n"
         "A,B,supply,1990,1995\n" /* 2: in force 1990..1995 */
         "A,C,rnd,1992,1992\n"    /* 3: one year */
         "B,C,rnd,,2000\n"        /* 4: undated start, ends 2000 */
         "A,B,rnd,1999,\n"        /* 5: lasts */
         "B,C,supply,2001,1999\n" /* 6: ends before it begins */
         "C,A,supply,1990,2200\n" /* 7: out of range */
         "C,B,supply,,\n");       /* 8: undated */
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_LINKS, 6, DC_UNTIL_BEFORE_SINCE, "until 1999 is before since 2001");
    expect_msg(&fx, DIAG_LINKS, 7, DC_BAD_YEAR, "until \"2200\"");
    assert_int_equal(fx.ds.links.n, 5);
    assert_int_equal(fx.ds.links.until[0], 1995);
    assert_int_equal(fx.ds.links.until[2], 2000);
    assert_int_equal(fx.ds.links.until[3], YEAR_NONE);
    static const struct { int16_t year; uint8_t on[5]; uint32_t undated; } want[] = {
        {1991, {1, 0, 1, 0, 1}, 2}, {1992, {1, 1, 1, 0, 1}, 2}, {1995, {1, 0, 1, 0, 1}, 2},
        {1996, {0, 0, 1, 0, 1}, 2}, {2000, {0, 0, 1, 1, 1}, 2}, {2001, {0, 0, 0, 1, 1}, 1},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        struct layer_spec spec = {0};
        spec.as_of = want[k].year;
        struct layer L;
        layer_build(&L, &fx.ds, &spec);
        for (uint32_t e = 0; e < 5; e++)
            if (L.link_on[e] != want[k].on[e])
                fail_msg("as of %d linkage %u: on %u, want %u", want[k].year, e, L.link_on[e], want[k].on[e]);
        assert_int_equal(L.n_undated, want[k].undated);
        layer_free(&L);
    }
    done(&fx);
}

static void test_bytes(void **state)
{
    (void)state;
    struct fixture fx;
    static const char f[] = "id,name,industry\nA,Alpha,x\nB,B\0ta,x\nC,Caf\xe9,x\nD,\"Esc\x1b[2J\",x\n";
    static const char l[] = "source,target,type\nA,D,supply\n";
    load_n(&fx, f, sizeof f - 1, l, sizeof l - 1, NULL);
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 3, DC_NUL_BYTE, "name");
    expect_msg(&fx, DIAG_FIRMS, 4, DC_BAD_UTF8, "0xe9");
    expect_msg(&fx, DIAG_FIRMS, 5, DC_CONTROL_CHARS, "\\x1b[2J");
    assert_int_equal(fx.ds.firms.n, 2);
    done(&fx);
}

static void test_gb18030(void **state)
{
    (void)state;
    struct fixture fx;
    /* "温州" in GB18030 */
    static const char f[] = "id,name,industry\nA,\xce\xc2\xd6\xdd,x\nB,Beta,x\n";
    static const char l[] = "source,target,type\nA,B,supply\n";
    load_n(&fx, f, sizeof f - 1, l, sizeof l - 1, NULL);
    expect_msg(&fx, DIAG_FIRMS, 2, DC_BAD_UTF8, "--encoding GB18030");
    done(&fx);
    struct load_options o = {.encoding = "GB18030"};
    load_n(&fx, f, sizeof f - 1, l, sizeof l - 1, &o);
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_FIRMS, 0, DC_NO_SCALE); /* no scale column: said once */
    assert_int_equal(fx.dg.n, 1);
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.name[0]), "温州");
    done(&fx);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    struct fixture fx;
    /* the stray quote on line 3 swallows the rest; lines 4 and 5 must still load */
    load(&fx, NULL, "source,target,type,note\nA,B,supply,ok\nA,C,rnd,\"open\nB,C,social,x\nC,A,supply,y\n");
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_LINKS, 3, DC_UNTERMINATED_QUOTE);
    assert_int_equal(fx.ds.links.n, 3);
    assert_int_equal(dataset_link_line(&fx.ds, 1), 4);
    assert_int_equal(dataset_link_line(&fx.ds, 2), 5);
    done(&fx);
    /* a stray quote in a middle field, later quotes notwithstanding */
    load(&fx, NULL, "source,target,type,note\nA,B,\"supply,x\nB,C,social,x\nC,A,supply,\"y\"\n");
    expect(&fx, DIAG_LINKS, 2, DC_UNTERMINATED_QUOTE);
    assert_int_equal(fx.ds.links.n, 2);
    assert_int_equal(dataset_link_line(&fx.ds, 0), 3);
    done(&fx);
    /* a record over several lines with the wrong shape is read again line by line */
    load(&fx, NULL, "source,target,type,note\nA,\"B,supply,x\nB,C,social,x\nC\",A,supply,y\nB,A,supply,z\n");
    expect(&fx, DIAG_LINKS, 2, DC_UNTERMINATED_QUOTE);
    assert_int_equal(fx.ds.links.n, 2);
    assert_int_equal(dataset_link_line(&fx.ds, 0), 3);
    assert_int_equal(dataset_link_line(&fx.ds, 1), 5);
    expect(&fx, DIAG_LINKS, 4, DC_UNKNOWN_FIRM);
    done(&fx);
}

static void test_self_link_and_warnings(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,founded\nA,Alpha,x,1990\nB,Beta,x,2000\nC,Gamma,x,\nD,Lonely,x,\n",
         "source,target,type,since\n"
         "A,A,social,\n"      /* 2 self-link */
         "A,B,supply,2001\n"  /* 3 */
         "A,B,supply,2002\n"  /* 4 duplicate of 3 */
         "B,A,supply,2003\n"  /* 5 not a duplicate: other direction of a directed type */
         "A,C,rnd,\n"         /* 6 */
         "C,A,rnd,\n"         /* 7 duplicate of 6: mutual types either order */
         "A,B,social,1995\n"  /* 8 before B was founded */
         "\"A\",\"C\",\"cultural\",\"\"\n");
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_LINKS, 2, DC_SELF_LINK);
    expect_msg(&fx, DIAG_LINKS, 4, DC_DUPLICATE_LINK, "line 3");
    expect_msg(&fx, DIAG_LINKS, 7, DC_DUPLICATE_LINK, "line 6");
    expect_msg(&fx, DIAG_LINKS, 8, DC_SINCE_BEFORE_FOUNDED, "target B");
    expect_msg(&fx, DIAG_FIRMS, 5, DC_ISOLATED_FIRM, "D");
    assert_int_equal(fx.dg.n_errors, 1);
    expect(&fx, DIAG_FIRMS, 0, DC_NO_SCALE);
    assert_int_equal(fx.dg.n_warnings, 5);
    assert_int_equal(fx.ds.links.n, 7);
    done(&fx);
}

static void test_empty_and_unreadable(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "", "source,target,type\n");
    assert_int_equal(fx.rc, -1);
    expect(&fx, DIAG_FIRMS, 0, DC_NOT_CSV);
    done(&fx);
    load(&fx, NULL, "");
    assert_int_equal(fx.rc, -1);
    expect(&fx, DIAG_LINKS, 0, DC_NOT_CSV);
    done(&fx);
    /* header only: loads, with nothing in it */
    load(&fx, "id,name,industry\n", "source,target,type\n");
    assert_int_equal(fx.rc, 0);
    assert_int_equal(fx.ds.firms.n, 0);
    done(&fx);
    struct dataset ds;
    struct diag dg;
    diag_init(&dg);
    assert_int_equal(load_dataset(&ds, &dg, "/nonexistent/firmnet", NULL), -1);
    assert_int_equal(dg.v[0].code, DC_UNREADABLE);
    dataset_free(&ds);
    diag_free(&dg);
    /* firms.csv that is a directory */
    char dir[64];
    strcpy(dir, "/tmp/firmnet-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char p[128];
    snprintf(p, sizeof p, "%s/firms.csv", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    diag_init(&dg);
    assert_int_equal(load_dataset(&ds, &dg, dir, NULL), -1);
    assert_int_equal(dg.v[0].code, DC_UNREADABLE);
    assert_non_null(strstr(diag_msg(&dg, &dg.v[0]), "directory"));
    dataset_free(&ds);
    diag_free(&dg);
    rmdir(p);
    rmdir(dir);
}

static void test_huge_field(void **state)
{
    (void)state;
    struct fixture fx;
    size_t big = 1u << 20;
    char *f = xmalloc(big + 200);
    int k = sprintf(f, "id,name,industry\nA,\"");
    memset(f + k, 'n', big);
    k += (int)big;
    k += sprintf(f + k, "\",x\nB,Beta,x\n");
    const char *l = "source,target,type\nA,B,supply\n";
    load_n(&fx, f, (size_t)k, l, strlen(l), NULL);
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_FIRMS, 0, DC_NO_SCALE); /* no scale column: said once */
    assert_int_equal(fx.dg.n, 1);
    assert_int_equal(strlen(dataset_str(&fx.ds, fx.ds.firms.name[0])), big);
    assert_int_equal(dataset_firm_line(&fx.ds, 1), 3);
    done(&fx);
    free(f);
}

static void test_field_too_long(void **state)
{
    (void)state;
    struct fixture fx;
    size_t big = (16u << 20) + 10;
    char *f = xmalloc(big + 200);
    int k = sprintf(f, "id,name,industry\nA,");
    memset(f + k, 'n', big);
    k += (int)big;
    k += sprintf(f + k, ",x\nB,Beta,x\n");
    const char *l = "source,target,type\nB,B,social\n";
    load_n(&fx, f, (size_t)k, l, strlen(l), NULL);
    assert_int_equal(fx.rc, 0);
    expect(&fx, DIAG_FIRMS, 2, DC_FIELD_TOO_LONG);
    assert_int_equal(fx.ds.firms.n, 1);
    assert_int_equal(dataset_firm_line(&fx.ds, 0), 3);
    done(&fx);
    free(f);
}

/* Loads the texts with a firmnet.conf beside them. */
static void load_conf(struct fixture *fx, const char *conf, const char *firms, const char *links,
                      const struct load_options *o)
{
    strcpy(fx->dir, "/tmp/firmnet-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    write_file(fx->dir, "firms.csv", firms, strlen(firms));
    write_file(fx->dir, "linkages.csv", links, strlen(links));
    write_file(fx->dir, "firmnet.conf", conf, strlen(conf));
    diag_init(&fx->dg);
    fx->rc = load_dataset(&fx->ds, &fx->dg, fx->dir, o);
}

static void test_conf_maps_columns_and_words(void **state)
{
    (void)state;
    struct fixture fx;
    load_conf(&fx,
              "# the researcher's own headers\n"
              "delimiter = ;\r\n"
              "firms.id = 编号\nfirms.name = 名称\nfirms.industry = 行业\n"
              "firms.location = 地点\nfirms.scale = \"地点\"\n"
              "scale.温州 = local\nscale.上海 = national\n"
              "linkages.source = 来源\nlinkages.target = 目标\nlinkages.type = 关系\nlinkages.since = 年份\n"
              "type.供应 = supply\nform.实物 = material\n",
              "编号;名称;行业;地点;id\nA;甲;鞋;温州;x1\nB;乙;鞋;上海;x2\n",
              "来源;目标;关系;年份;form\nA;B;供应;1999;实物\nB;A;SUPPLY;2001;\n", NULL);
    assert_int_equal(fx.rc, 0);
    assert_int_equal(fx.dg.n, 0);
    assert_int_equal(fx.ds.firms.n, 2);
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.name[1]), "乙");
    assert_string_equal(dataset_str(&fx.ds, catcol_get(&fx.ds.firms.location, 1)), "上海");
    assert_int_equal(fx.ds.firms.scale[0], SCALE_LOCAL);
    assert_int_equal(fx.ds.firms.scale[1], SCALE_NATIONAL);
    /* a header called "id" is not the id once the id is mapped: an extra column */
    assert_int_equal(fx.ds.firms.extra.n, 1);
    assert_string_equal(dataset_str(&fx.ds, fx.ds.firms.extra.name[0]), "id");
    assert_int_equal(fx.ds.links.n, 2);
    assert_int_equal(fx.ds.links.type[0], LT_SUPPLY);
    assert_int_equal(fx.ds.links.since[1], 2001);
    done(&fx);
    /* the command line wins over the file */
    struct load_options o = {.delimiter = ','};
    load_conf(&fx, "delimiter = ;\n", "id,name,industry,scale\nA,a,x,local\nB,b,x,local\n",
              "source,target,type\nA,B,supply\n", &o);
    assert_int_equal(fx.rc, 0);
    assert_int_equal(fx.dg.n, 0);
    done(&fx);
}

static void test_conf_bad_lines(void **state)
{
    (void)state;
    struct fixture fx;
    load_conf(&fx,
              "encodin = GB18030\n"        /* 1 unknown key */
              "firms.identifier = 编号\n"  /* 2 no such column */
              "type.供应 = suply\n"        /* 3 not a type */
              "delimiter = ;;\n"           /* 4 */
              "encoding = NO-SUCH-CODE\n"  /* 5 */
              "just words\n"               /* 6 */
              "firms.location = 地点\n"    /* 7 the file has no such header */
              "\n# fine\nfirms.name = NAME\n",
              "id,name,industry,scale\nA,a,x,local\nB,b,x,local\n", "source,target,type\nA,B,supply\n", NULL);
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_CONF, 1, DC_BAD_CONF, "unknown key \"encodin\"");
    expect_msg(&fx, DIAG_CONF, 2, DC_BAD_CONF, "no column \"identifier\"");
    expect_msg(&fx, DIAG_CONF, 3, DC_BAD_CONF, "\"suply\" is not a type");
    expect(&fx, DIAG_CONF, 4, DC_BAD_CONF);
    expect_msg(&fx, DIAG_CONF, 5, DC_BAD_CONF, "iconv");
    expect(&fx, DIAG_CONF, 6, DC_BAD_CONF);
    expect_msg(&fx, DIAG_CONF, 7, DC_BAD_CONF, "no such header");
    /* firms.name = NAME: headers are matched without regard to case */
    assert_int_equal(fx.dg.n_errors, 7);
    assert_int_equal(fx.ds.firms.n, 2);
    done(&fx);
}

static void test_missing_column_suggests_mapping(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "编号,企业名称,行业\nA,a,x\n", "source,target,type\n");
    assert_int_equal(fx.rc, -1);
    expect_msg(&fx, DIAG_FIRMS, 1, DC_MISSING_COLUMN, "it has: 编号, 企业名称, 行业");
    expect_msg(&fx, DIAG_FIRMS, 1, DC_MISSING_COLUMN, "编号 \u2192 id");
    expect_msg(&fx, DIAG_FIRMS, 1, DC_MISSING_COLUMN, "firms.industry = 行业");
    done(&fx);
    /* From and To are source and target here as in import */
    load(&fx, NULL, "From,To,Kind\nA,B,supply\n");
    assert_int_equal(fx.rc, 0);
    assert_int_equal(fx.ds.links.n, 1);
    assert_int_equal(fx.ds.links.source[0], 0);
    assert_int_equal(fx.ds.links.target[0], 1);
    assert_int_equal(fx.ds.links.extra.n, 0);
    done(&fx);
}

static void test_spreadsheet_quirks(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,scale,founded,\nA,a,x,local,2005年,\nB,b,x,local,1992.0,\n;,,,,,\n,,,,,\n"
              "C,c,x,local,'05,oops\n",
         "source,target,type,since,\nA,B,supply,2003.0,\nB,C,supply,2001-06-01,\n,,,,\n");
    assert_int_equal(fx.rc, 0);
    /* the empty last header is no column */
    assert_int_equal(fx.ds.firms.extra.n, 0);
    assert_int_equal(fx.ds.links.extra.n, 0);
    expect_msg(&fx, DIAG_FIRMS, 2, DC_BAD_YEAR, "did you mean 2005? value ignored");
    expect_msg(&fx, DIAG_FIRMS, 3, DC_BAD_YEAR, "did you mean 1992? value ignored");
    expect_msg(&fx, DIAG_FIRMS, 5, DC_EMPTY_ROW, "row skipped");
    expect_msg(&fx, DIAG_FIRMS, 6, DC_BAD_YEAR, "did you mean 2005? value ignored");
    expect_msg(&fx, DIAG_FIRMS, 6, DC_UNNAMED_FIELD, "\"oops\"");
    expect_msg(&fx, DIAG_LINKS, 2, DC_BAD_YEAR, "did you mean 2003? row skipped");
    expect_msg(&fx, DIAG_LINKS, 3, DC_BAD_YEAR, "did you mean 2001? row skipped");
    expect(&fx, DIAG_LINKS, 4, DC_EMPTY_ROW);
    assert_int_equal(fx.ds.firms.n, 3);
    assert_int_equal(fx.ds.links.n, 0);
    done(&fx);
}

static void test_no_scale_warning(void **state)
{
    (void)state;
    struct fixture fx;
    load(&fx, "id,name,industry,location\nA,a,x,Wenzhou\nB,b,x,Milan\n", "source,target,type\nA,B,supply\n");
    assert_int_equal(fx.rc, 0);
    expect_msg(&fx, DIAG_FIRMS, 0, DC_NO_SCALE, "firms.scale = location");
    done(&fx);
    load(&fx, "id,name,industry,scale,Country\nA,a,x,,China\nB,b,x,,Italy\nC,c,x,global,Italy\n",
         "source,target,type\nA,B,supply\n");
    expect_msg(&fx, DIAG_FIRMS, 0, DC_NO_SCALE, "scale is empty for 2 of 3 firms");
    expect_msg(&fx, DIAG_FIRMS, 0, DC_NO_SCALE, "\"Country\"");
    done(&fx);
}

/* graph_build sorts in two passes past a million linkages (core/graph.c): its rows
 * must be exactly the counting sort's, for firm counts that fill a run of firms
 * exactly, leave a short last run, give one run or many, with firms left bare. */
static void check_csr(uint32_t n, uint32_t m, const uint32_t *key, const uint32_t *other, const uint32_t *start,
                      const uint32_t *nbr, const uint32_t *link)
{
    uint32_t *count = xcalloc((size_t)n + 1, sizeof *count);
    for (uint32_t e = 0; e < m; e++)
        count[key[e]]++;
    assert_int_equal(start[0], 0);
    for (uint32_t v = 0; v < n; v++) {
        assert_int_equal(start[v + 1] - start[v], count[v]);
        for (uint32_t p = start[v]; p < start[v + 1]; p++) {
            assert_int_equal(key[link[p]], v);
            assert_int_equal(nbr[p], other[link[p]]);
            if (p > start[v])
                assert_true(link[p - 1] < link[p]);
        }
    }
    assert_int_equal(start[n], m);
    free(count);
}

static void test_graph_build_partitioned(void **state)
{
    (void)state;
    static const uint32_t firms[] = {2, 1024, 70001, 1u << 16, (1u << 22) + 5};
    const uint32_t m = (1u << 20) + 17;
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (size_t t = 0; t < sizeof firms / sizeof *firms; t++) {
        struct dataset ds;
        dataset_init(&ds);
        ds.firms.n = firms[t];
        ds.links.n = m;
        ds.links.source = xmalloc((size_t)m * sizeof *ds.links.source);
        ds.links.target = xmalloc((size_t)m * sizeof *ds.links.target);
        for (uint32_t e = 0; e < m; e++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* half the firms send nothing: sources only among the even ones */
            ds.links.source[e] = (uint32_t)(x % firms[t]) & (firms[t] > 2 ? ~1u : ~0u);
            ds.links.target[e] = (uint32_t)((x >> 32) % firms[t]);
        }
        struct graph g;
        graph_build(&g, &ds);
        check_csr(g.n, g.m, ds.links.source, ds.links.target, g.out_start, g.out_nbr, g.out_link);
        check_csr(g.n, g.m, ds.links.target, ds.links.source, g.in_start, g.in_nbr, g.in_link);
        graph_free(&g);
        dataset_free(&ds);
    }
}

/* A layer's pass over a million linkages tells how far it is and stops when asked,
 * leaving nothing behind; without a progress record it is layer_build. */
static void test_layer_build_progress(void **state)
{
    (void)state;
    const uint32_t m = (1u << 20) + 3;
    struct dataset ds;
    dataset_init(&ds);
    ds.firms.n = 3;
    ds.links.n = m;
    ds.links.source = xcalloc(m, sizeof *ds.links.source);
    ds.links.target = xmalloc((size_t)m * sizeof *ds.links.target);
    for (uint32_t e = 0; e < m; e++)
        ds.links.target[e] = 1 + e % 2;
    struct layer_spec all = {0};
    struct layer L;
    struct progress p;
    progress_init(&p);
    progress_add_total(&p, 1000);
    assert_int_equal(layer_build_p(&L, &ds, &all, &p, 200, 500), 0);
    assert_int_equal(L.n_links, m);
    assert_int_equal(L.n_firms, 3);
    assert_int_equal(progress_percent(&p), 70);
    layer_free(&L);
    progress_cancel(&p);
    assert_int_equal(layer_build_p(&L, &ds, &all, &p, 0, 1000), -1);
    assert_null(L.link_on);
    assert_null(L.firm_on);
    layer_build(&L, &ds, &all);
    assert_int_equal(L.n_links, m);
    layer_free(&L);
    dataset_free(&ds);
}

/* Every firm is found by its id and no other id is, whether the index was sized ahead
 * (dataset_reserve) or grew firm by firm past what was reserved; and it holds at most
 * one and a half slots a firm once sized for them (the power of two above the load
 * factor's bound held up to 2.7). The index dataset_adopt makes is test_snapshot's. */
static void check_ids_found(const struct dataset *ds, uint32_t n)
{
    char id[32];
    for (uint32_t i = 0; i < n; i++) {
        int k = snprintf(id, sizeof id, i % 3 ? "F%u" : "firm-with-a-long-id-%u", i);
        assert_int_equal(dataset_find_firm(ds, id, (size_t)k), i);
        /* an id shorter than a slot's key is kept in its slot, through every resize of
         * the index; a longer one in the strings, at an even offset */
        assert_string_equal(dataset_firm_id(ds, i), id);
        assert_int_equal(dataset_id_in_slot(ds->firms.id[i]), k < DATASET_ID_INLINE);
        if (k < DATASET_ID_INLINE)
            assert_int_equal(ds->id_slots[ds->firms.id[i] >> 1].firm, i);
        id[0] = 'G';
        assert_int_equal(dataset_find_firm(ds, id, (size_t)k), FIRM_NONE);
    }
}

static void test_id_index_size(void **state)
{
    (void)state;
    static const uint32_t reserved[] = {0, 1000, 100000, 70001};
    const uint32_t n = 100000;
    for (size_t t = 0; t < sizeof reserved / sizeof *reserved; t++) {
        struct dataset ds;
        dataset_init(&ds);
        dataset_reserve(&ds, reserved[t], 0);
        char id[32];
        for (uint32_t i = 0; i < n; i++) {
            struct firm_record r = {.name = "x", .industry = "textiles", .line = i + 2};
            snprintf(id, sizeof id, i % 3 ? "F%u" : "firm-with-a-long-id-%u", i);
            r.id = id;
            assert_int_equal(dataset_add_firm(&ds, &r), i);
            assert_int_equal(dataset_add_firm(&ds, &r), FIRM_NONE);
        }
        assert_true(ds.id_nslots * 3 >= (size_t)n * 4);
        if (reserved[t] == n)
            assert_true(ds.id_nslots <= (size_t)n * 3 / 2 + 1);
        check_ids_found(&ds, n);
        /* once the firms are in, the index is its size for them, and still finds them */
        dataset_firms_done(&ds);
        assert_true(ds.id_nslots <= (size_t)n * 3 / 2 + 1 + n / 16);
        assert_true(ds.id_nslots > n);
        check_ids_found(&ds, n);
        struct firm_record r = {.id = "one-more", .name = "x", .industry = "textiles", .line = n + 2};
        assert_int_equal(dataset_add_firm(&ds, &r), n);
        check_ids_found(&ds, n);
        dataset_free(&ds);
    }
}

/* Industries are interned through an index, not a scan of those known (quadratic when
 * the column is free text): each name gets one number, in order of first use, also
 * for industries added to a dataset whose index is made again. */
static void test_many_industries(void **state)
{
    (void)state;
    struct dataset ds;
    dataset_init(&ds);
    const uint32_t n = 20000, kinds = 7001;
    char id[32], ind[32];
    for (uint32_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "F%u", i);
        snprintf(ind, sizeof ind, "industry %u", i % kinds);
        struct firm_record r = {.id = id, .name = "x", .industry = ind, .line = i + 2};
        assert_int_equal(dataset_add_firm(&ds, &r), i);
        assert_int_equal(ds.firms.industry[i], i % kinds);
    }
    assert_int_equal(ds.n_industries, kinds);
    for (uint32_t k = 0; k < kinds; k++) {
        snprintf(ind, sizeof ind, "industry %u", k);
        assert_string_equal(dataset_str(&ds, ds.industry_name[k]), ind);
    }
    /* as after a snapshot read: no index until the next industry */
    free(ds.industry_slot);
    ds.industry_slot = NULL;
    ds.industry_nslots = 0;
    assert_int_equal(dataset_intern_industry(&ds, "industry 5", 10), 5);
    assert_int_equal(dataset_intern_industry(&ds, "a new one", 9), kinds);
    assert_int_equal(dataset_intern_industry(&ds, "a new one", 9), kinds);
    dataset_free(&ds);
}

/* Locations (ownerships, roles) are two-byte codes while a column has at most
 * CATCOL_CODES distinct values, then one offset a row; every row reads back as set
 * either way, equal values share an offset, and a column read back (no index of its
 * values yet) codes a new row with the code its value had. */
static void test_catcol_codes(void **state)
{
    (void)state;
    struct dataset ds;
    dataset_init(&ds);
    const uint32_t n = CATCOL_CODES + 3000;
    char id[32], loc[32];
    for (uint32_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "F%u", i);
        snprintf(loc, sizeof loc, "place %u", i < 3000 ? i % 7 : i);
        struct firm_record r = {.id = id, .name = "x", .industry = "x", .location = loc,
                                .role = i % 2 ? "supplier" : NULL, .line = i + 2};
        assert_int_equal(dataset_add_firm(&ds, &r), i);
        /* coded up to the CATCOL_CODES-th distinct value (7 among the first 3000 rows) */
        assert_int_equal(ds.firms.location.code != NULL, i < CATCOL_CODES - 7 + 3000);
        if (i == 3000) { /* as a column read back holds it: no index of its values */
            free(ds.firms.location.slot);
            ds.firms.location.slot = NULL;
            ds.firms.location.nslots = 0;
        }
    }
    assert_null(ds.firms.location.code);
    assert_non_null(ds.firms.location.ref);
    assert_non_null(ds.firms.role.code);
    assert_int_equal(ds.firms.role.n_values, 2);
    char buf[DATASET_NUM_BUF];
    for (uint32_t i = 0; i < n; i++) {
        snprintf(loc, sizeof loc, "place %u", i < 3000 ? i % 7 : i);
        assert_string_equal(dataset_firm_text(&ds, i, FC_LOCATION, buf), loc);
        assert_string_equal(dataset_firm_text(&ds, i, FC_ROLE, buf), i % 2 ? "supplier" : "");
        if (i < 3000)
            assert_int_equal(catcol_get(&ds.firms.location, i), catcol_get(&ds.firms.location, i % 7));
    }
    dataset_free(&ds);
}

/* Weights are a byte a linkage while there are at most LINK_WEIGHT_CODES distinct
 * values, then one double each; every weight reads back as added either way, and
 * reserving ahead (as the loader does) changes nothing. */
static void test_weight_codes(void **state)
{
    (void)state;
    for (int reserve = 0; reserve < 2; reserve++) {
        struct dataset ds;
        dataset_init(&ds);
        if (reserve)
            dataset_reserve(&ds, 2, 5000);
        struct firm_record a = {.id = "A", .name = "a", .industry = "x"}, b = {.id = "B", .name = "b", .industry = "x"};
        assert_int_equal(dataset_add_firm(&ds, &a), 0);
        assert_int_equal(dataset_add_firm(&ds, &b), 1);
        const uint32_t m = 3000;
        for (uint32_t e = 0; e < m; e++) {
            /* the first 1000 rows repeat five survey points; then each row is new */
            double w = e < 1000 ? (double)(e % 5 + 1) : 0.5 + e;
            struct link_record r = {.source = e % 2, .target = 1 - e % 2, .type = LT_SUPPLY, .form = VOCAB_NONE,
                                    .weight = e == 7 ? 0 : w};
            assert_int_equal(dataset_add_link(&ds, &r), e);
            if (e == 999) {
                assert_non_null(ds.links.weight_code);
                assert_null(ds.links.weight);
                assert_int_equal(ds.links.n_weight_values, 5);
            }
            if (e == 1000 + LINK_WEIGHT_CODES - 6) /* the 256th distinct value: still a byte */
                assert_non_null(ds.links.weight_code);
            if (e == 1000 + LINK_WEIGHT_CODES - 5) { /* the 257th */
                assert_null(ds.links.weight_code);
                assert_non_null(ds.links.weight);
            }
        }
        for (uint32_t e = 0; e < m; e++) {
            double w = e == 7 ? 1.0 : e < 1000 ? (double)(e % 5 + 1) : 0.5 + e;
            assert_true(dataset_link_weight(&ds, e) == w);
        }
        dataset_free(&ds);
    }
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_with_bom_crlf_any_order),
        cmocka_unit_test(test_sealed_pool_interns_after_load),
        cmocka_unit_test(test_sealed_pool_adds_its_own_string),
        cmocka_unit_test(test_graph_build_partitioned),
        cmocka_unit_test(test_id_index_size),
        cmocka_unit_test(test_weight_codes),
        cmocka_unit_test(test_many_industries),
        cmocka_unit_test(test_catcol_codes),
        cmocka_unit_test(test_layer_build_progress),
        cmocka_unit_test(test_scale_derived),
        cmocka_unit_test(test_missing_column_is_fatal),
        cmocka_unit_test(test_delimiter_hint_and_option),
        cmocka_unit_test(test_duplicate_header),
        cmocka_unit_test(test_field_count_and_empty),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_numbers_years_weights),
        cmocka_unit_test(test_until),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_self_link_and_warnings),
        cmocka_unit_test(test_empty_and_unreadable),
        cmocka_unit_test(test_huge_field),
        cmocka_unit_test(test_field_too_long),
        cmocka_unit_test(test_conf_maps_columns_and_words),
        cmocka_unit_test(test_conf_bad_lines),
        cmocka_unit_test(test_missing_column_suggests_mapping),
        cmocka_unit_test(test_spreadsheet_quirks),
        cmocka_unit_test(test_no_scale_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
