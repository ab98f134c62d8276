/* Unit tests for the interoperability core: the CSV, DOT and Pajek quoting
 * functions, shortest round-trip numbers, atomic files and the import builder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "atomicfile.h"
#include "export_impl.h"
#include "import_impl.h"
#include "quote.h"
#include "xalloc.h"

static void test_quote_csv(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    assert_string_equal(quote_csv(&tb, "", ','), "");
    assert_string_equal(quote_csv(&tb, "plain", ','), "plain");
    assert_string_equal(quote_csv(&tb, "鹿城澜步鞋业", ','), "鹿城澜步鞋业");
    assert_string_equal(quote_csv(&tb, "a,b", ','), "\"a,b\"");
    assert_string_equal(quote_csv(&tb, "a;b", ','), "a;b");
    assert_string_equal(quote_csv(&tb, "a;b", ';'), "\"a;b\"");
    assert_string_equal(quote_csv(&tb, "say \"hi\"", ','), "\"say \"\"hi\"\"\"");
    assert_string_equal(quote_csv(&tb, "\"", ','), "\"\"\"\"");
    assert_string_equal(quote_csv(&tb, "two\nlines", ','), "\"two\nlines\"");
    assert_string_equal(quote_csv(&tb, "cr\rhere", ','), "\"cr\rhere\"");
    assert_string_equal(quote_csv(&tb, " lead", ','), "\" lead\"");
    assert_string_equal(quote_csv(&tb, "trail\t", ','), "\"trail\t\"");
    assert_string_equal(quote_csv(&tb, "in side", ','), "in side");
    assert_string_equal(quote_csv(&tb, "R&D <x>", ','), "R&D <x>");
    textbuf_free(&tb);
}

static void test_quote_dot(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    assert_string_equal(quote_dot(&tb, ""), "\"\"");
    assert_string_equal(quote_dot(&tb, "WZ-FW-0001"), "\"WZ-FW-0001\"");
    assert_string_equal(quote_dot(&tb, "say \"hi\""), "\"say \\\"hi\\\"\"");
    assert_string_equal(quote_dot(&tb, "back\\slash"), "\"back\\\\slash\"");
    assert_string_equal(quote_dot(&tb, "ends\\"), "\"ends\\\\\"");
    assert_string_equal(quote_dot(&tb, "a\nb"), "\"a\\nb\"");
    assert_string_equal(quote_dot(&tb, "a\r\nb"), "\"a\\nb\"");
    assert_string_equal(quote_dot(&tb, "a\rb"), "\"a\\nb\"");
    assert_string_equal(quote_dot(&tb, "tab\there\x01"), "\"tab here \"");
    assert_string_equal(quote_dot(&tb, "<R&D> 研发"), "\"<R&D> 研发\"");
    /* an id that is a DOT keyword is safe once quoted */
    assert_string_equal(quote_dot(&tb, "node"), "\"node\"");
    textbuf_free(&tb);
}

static void test_quote_pajek(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    assert_string_equal(quote_pajek(&tb, ""), "\"\"");
    assert_string_equal(quote_pajek(&tb, "Harborline Imports LLC"), "\"Harborline Imports LLC\"");
    assert_string_equal(quote_pajek(&tb, "say \"hi\""), "\"say 'hi'\"");
    assert_string_equal(quote_pajek(&tb, "a\nb\r\nc\td"), "\"a b c d\"");
    assert_string_equal(quote_pajek(&tb, "瓯海 & <x>"), "\"瓯海 & <x>\"");
    assert_string_equal(quote_pajek(&tb, "back\\slash"), "\"back\\slash\"");
    textbuf_free(&tb);
}

static void test_format_double(void **state)
{
    (void)state;
    char buf[EXPORT_VALUE_BUF];
    export_format_double(1, buf);
    assert_string_equal(buf, "1");
    export_format_double(0.5, buf);
    assert_string_equal(buf, "0.5");
    export_format_double(0.1, buf);
    assert_string_equal(buf, "0.1");
    export_format_double(1.0 / 3, buf);
    assert_string_equal(buf, "0.3333333333333333");
    assert_true(strtod(buf, NULL) == 1.0 / 3);
    export_format_double(2.5e-7, buf);
    assert_string_equal(buf, "2.5e-07");
    export_format_double(1234567, buf);
    assert_string_equal(buf, "1234567");
}

static void test_parse_format(void **state)
{
    (void)state;
    enum export_format f;
    assert_int_equal(export_parse_format("graphml", &f), 0);
    assert_int_equal(f, EXPORT_GRAPHML);
    assert_int_equal(export_parse_format("GEXF", &f), 0);
    assert_int_equal(f, EXPORT_GEXF);
    assert_int_equal(export_parse_format("net", &f), 0);
    assert_int_equal(f, EXPORT_PAJEK);
    assert_int_equal(export_parse_format("pajek-plain", &f), 0);
    assert_int_equal(f, EXPORT_PAJEK_PLAIN);
    assert_int_equal(export_parse_format("dataset", &f), 0);
    assert_int_equal(f, EXPORT_DATASET);
    assert_int_equal(export_parse_format("gml", &f), -1);
    assert_string_equal(export_format_ext(EXPORT_GEXF), ".gexf");
}

static char tmpdir[] = "/tmp/firmnet-test-export-XXXXXX";

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void test_atomicfile(void **state)
{
    (void)state;
    char path[256], err[ATOMICFILE_ERR_MAX];
    assert_non_null(mkdtemp(tmpdir));
    snprintf(path, sizeof path, "%s/out.txt", tmpdir);
    struct atomicfile af;
    /* a commit replaces the file whole */
    assert_int_equal(atomicfile_open(&af, path, err), 0);
    fputs("first\n", af.fp);
    assert_int_equal(count_entries(tmpdir), 1); /* only the temporary file so far */
    assert_null(slurp(path));
    assert_int_equal(atomicfile_commit(&af, err), 0);
    assert_string_equal(slurp(path), "first\n");
    /* an abort leaves the old file and no temporary behind */
    assert_int_equal(atomicfile_open(&af, path, err), 0);
    fputs("second\n", af.fp);
    atomicfile_abort(&af);
    assert_string_equal(slurp(path), "first\n");
    assert_int_equal(count_entries(tmpdir), 1);
    /* a failure names the path and the reason */
    char missing[300];
    snprintf(missing, sizeof missing, "%s/no/such/dir/out.txt", tmpdir);
    assert_int_equal(atomicfile_open(&af, missing, err), -1);
    assert_non_null(strstr(err, missing));
    assert_non_null(strstr(err, "No such file or directory"));
    atomicfile_abort(&af); /* safe after a failed open */
    unlink(path);
    rmdir(tmpdir);
}

static void test_atomicfile_full_disk(void **state)
{
    (void)state;
    /* /dev/full fails every write with ENOSPC: the stream check must say so */
    FILE *fp = fopen("/dev/full", "w");
    if (!fp)
        skip();
    char err[ATOMICFILE_ERR_MAX];
    fputs("data that will not fit\n", fp);
    assert_int_equal(atomicfile_check_stream(fp, "/dev/full", err), -1);
    assert_string_equal(err, "cannot write /dev/full: No space left on device");
    fclose(fp);
}

static void test_xml_text(void **state)
{
    (void)state;
    struct textbuf tb = {0};
    const char *clean = "R&D <lab> \"x\"\t\n\r 研发";
    assert_ptr_equal(export_xml_text(&tb, clean), clean); /* nothing to do: no copy */
    assert_string_equal(export_xml_text(&tb, "a\x01" "b\x1f" "c\x7f"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\x7f");
    textbuf_free(&tb);
}

/* Three firms, A and B linked by supply and rnd, B and C by social. */
static void small_dataset(struct dataset *ds)
{
    dataset_init(ds);
    const char *xf[] = {"website"};
    dataset_set_firm_extra(ds, 1, xf);
    const char *xl[] = {"scale"}; /* an extra column hiding the derived scale */
    dataset_set_link_extra(ds, 1, xl);
    const char *ids[] = {"A", "B", "C"}, *names[] = {"Alpha & \"Co\"", "Beta\x01", "丙"};
    for (int i = 0; i < 3; i++) {
        const char *extra[] = {i == 0 ? "http://a/?x=1&y=2" : NULL};
        struct firm_record fr = {.id = ids[i], .name = names[i], .industry = i == 2 ? "eyewear" : "footwear",
                                 .scale = (unsigned)i, .employees = i == 1 ? EMPLOYEES_NONE : 10 * i,
                                 .founded = i == 0 ? 1990 : YEAR_NONE, .extra = extra};
        assert_int_equal(dataset_add_firm(ds, &fr), (uint32_t)i);
    }
    struct link_record lr[] = {
        {.source = 0, .target = 1, .type = LT_SUPPLY, .form = VOCAB_NONE, .since = 1995, .until = 2004, .weight = 2.5},
        {.source = 0, .target = 1, .type = LT_RND, .form = VOCAB_NONE, .weight = 0},
        {.source = 1, .target = 2, .type = LT_SOCIAL, .form = VOCAB_NONE, .note = "x"},
    };
    for (int i = 0; i < 3; i++) {
        const char *extra[] = {i == 0 ? "regional" : NULL};
        lr[i].extra = extra;
        dataset_add_link(ds, &lr[i]);
    }
}

static void test_attributes(void **state)
{
    (void)state;
    struct dataset ds;
    small_dataset(&ds);
    char buf[EXPORT_VALUE_BUF];
    struct export_value v;
    assert_int_equal(export_firm_nattrs(&ds), 10);
    assert_string_equal(export_firm_attr_name(&ds, 5), "employees");
    assert_int_equal(export_firm_attr_kind(&ds, 5), EK_INT);
    assert_string_equal(export_firm_attr_name(&ds, 9), "website");
    export_firm_value(&ds, 1, 5, &v, buf); /* employees not given */
    assert_int_equal(v.present, 0);
    export_firm_value(&ds, 2, 5, &v, buf);
    assert_int_equal(v.present, 1);
    assert_int_equal(v.i, 20);
    assert_string_equal(v.text, "20");
    export_firm_value(&ds, 0, 9, &v, buf);
    assert_string_equal(v.text, "http://a/?x=1&y=2");
    export_firm_value(&ds, 1, 9, &v, buf);
    assert_int_equal(v.present, 0);
    /* the derived scale gives way to the extra column of that name */
    assert_int_equal(export_link_nattrs(&ds), 9);
    const char *want[] = {"type", "form", "mutual", "since", "until", "weight", "note", "ref", "scale"};
    const uint8_t kinds[] = {EK_STRING, EK_STRING, EK_BOOL, EK_INT, EK_INT, EK_DOUBLE, EK_STRING, EK_STRING,
                             EK_STRING};
    for (unsigned a = 0; a < 9; a++) {
        assert_string_equal(export_link_attr_name(&ds, a), want[a]);
        assert_int_equal(export_link_attr_kind(&ds, a), kinds[a]);
    }
    export_link_value(&ds, 1, 2, &v, buf);
    assert_string_equal(v.text, "true"); /* rnd is mutual */
    export_link_value(&ds, 1, 1, &v, buf);
    assert_string_equal(v.text, "non-material");
    export_link_value(&ds, 0, 4, &v, buf);
    assert_int_equal(v.present, 1);
    assert_string_equal(v.text, "2004");
    export_link_value(&ds, 1, 4, &v, buf);
    assert_int_equal(v.present, 0); /* the rnd tie lasts */
    export_link_value(&ds, 0, 5, &v, buf);
    assert_string_equal(v.text, "2.5");
    export_link_value(&ds, 1, 5, &v, buf);
    assert_string_equal(v.text, "1");
    export_link_value(&ds, 0, 8, &v, buf);
    assert_string_equal(v.text, "regional");
    dataset_free(&ds);
}

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void test_export_write(void **state)
{
    (void)state;
    struct dataset ds;
    struct layer L;
    struct layer_spec all = {0};
    struct export_counts n;
    struct export_error err;
    char dir[] = "/tmp/firmnet-test-write-XXXXXX", path[256];
    small_dataset(&ds);
    layer_build(&L, &ds, &all);
    assert_non_null(mkdtemp(dir));

    /* dropping C drops the social tie */
    uint8_t sel[3] = {1, 1, 0};
    snprintf(path, sizeof path, "%s/cut.net", dir);
    assert_int_equal(export_write(&ds, &L, sel, EXPORT_PAJEK, path, 0, &n, &err), 0);
    assert_int_equal(n.firms, 2);
    assert_int_equal(n.links, 2);
    assert_int_equal(n.wrote_clu, 1);
    assert_string_equal(read_all(path), "*Vertices 2\n1 \"A\"\n2 \"B\"\n"
                                        "*Edges :6 \"rnd\"\n1 2 1 l \"rnd\"\n"
                                        "*Arcs :1 \"supply\"\n1 2 2.5 l \"supply\"\n");
    snprintf(path, sizeof path, "%s/cut.clu", dir);
    assert_string_equal(read_all(path), "% industry partition of the firms of the .net file beside this one\n"
                                        "% 1 \"footwear\"\n% 2 \"eyewear\"\n*Vertices 2\n1\n1\n");
    /* a dataset directory is created, and refused the second time without force */
    snprintf(path, sizeof path, "%s/ds", dir);
    assert_int_equal(export_write(&ds, &L, NULL, EXPORT_DATASET, path, 0, &n, &err), 0);
    assert_int_equal(n.links, 3);
    char file[300];
    snprintf(file, sizeof file, "%s/linkages.csv", path);
    assert_string_equal(read_all(file), "source,target,type,form,since,until,weight,note,ref,scale\n"
                                        "A,B,supply,material,1995,2004,2.5,,,regional\n"
                                        "A,B,rnd,non-material,,,1,,,\n"
                                        "B,C,social,non-material,,,1,x,,\n");
    snprintf(file, sizeof file, "%s/firms.csv", path);
    assert_string_equal(read_all(file),
                        "id,name,alias,industry,scale,location,employees,founded,ownership,role,website\n"
                        "A,\"Alpha & \"\"Co\"\"\",,footwear,local,,0,1990,,,http://a/?x=1&y=2\n"
                        "B,Beta\x01,,footwear,national,,,,,,\n"
                        "C,丙,,eyewear,global,,20,,,,\n");
    assert_int_equal(export_write(&ds, &L, NULL, EXPORT_DATASET, path, 0, &n, &err), -1);
    assert_non_null(strstr(err.msg, "--force"));
    assert_int_equal(export_write(&ds, &L, NULL, EXPORT_DATASET, path, EXPORT_FORCE, &n, &err), 0);
    /* never over the dataset being read */
    ds.firms_path = xstrdup(file);
    assert_int_equal(export_write(&ds, &L, NULL, EXPORT_GRAPHML, file, 0, &n, &err), -1);
    assert_non_null(strstr(err.msg, "part of the dataset being read"));
    /* a file in a missing directory: the path and the reason */
    snprintf(path, sizeof path, "%s/missing/x.graphml", dir);
    assert_int_equal(export_write(&ds, &L, NULL, EXPORT_GRAPHML, path, 0, &n, &err), -1);
    assert_non_null(strstr(err.msg, path));
    assert_int_equal(export_write(&ds, &L, NULL, EXPORT_DATASET, NULL, 0, &n, &err), -1);

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    layer_free(&L);
    dataset_free(&ds);
}

static void add_row(struct import_table *t, const char *const *cells, uint32_t n)
{
    uint32_t r = import_table_add_row(t, t->nrows + 2);
    for (uint32_t c = 0; c < n; c++)
        if (cells[c])
            import_table_set(t, r, c, cells[c], strlen(cells[c]), NULL);
}

static uint32_t note_count(const struct import_report *rep, const char *prefix, const char **example)
{
    for (size_t i = 0; i < rep->n; i++)
        if (!strncmp(rep->v[i].what, prefix, strlen(prefix))) {
            if (example)
                *example = rep->v[i].example;
            return rep->v[i].count;
        }
    return 0;
}

static void test_import_build(void **state)
{
    (void)state;
    struct import_table ft, lt;
    struct import_report rep = {0};
    struct dataset ds;
    import_table_init(&ft);
    import_table_init(&lt);
    dataset_init(&ds);
    const char *fcols[] = {"id", "Label", "industry", "employees", "Scale", "degree"};
    for (unsigned i = 0; i < 6; i++)
        import_table_add_col(&ft, fcols[i]);
    add_row(&ft, (const char *[]){"A", "Firm \"A\"", "footwear", "12.0", "international", "3"}, 6);
    add_row(&ft, (const char *[]){"B", NULL, NULL, "x", "mars", NULL}, 6);
    add_row(&ft, (const char *[]){"A", "dup", "footwear", NULL, NULL, NULL}, 6);
    const char *lcols[] = {"source", "target", "kind", "weight", "since", "scale", "contract"};
    for (unsigned i = 0; i < 7; i++)
        import_table_add_col(&lt, lcols[i]);
    add_row(&lt, (const char *[]){"A", "B", "R&D", "2.5", "1999", "local", "c-1"}, 7);
    add_row(&lt, (const char *[]){"B", "C", NULL, "0", "1700", NULL, NULL}, 7);
    add_row(&lt, (const char *[]){"C", "C", "supply", NULL, NULL, NULL, NULL}, 7);
    add_row(&lt, (const char *[]){"C", "A", "friendship", NULL, NULL, NULL, NULL}, 7);
    struct import_options o = {.default_type = LT_SOCIAL};
    import_build(&ds, &ft, &lt, &o, &rep);

    assert_int_equal(ds.firms.n, 3); /* A, B, and C known only from edges */
    assert_string_equal(dataset_str(&ds, ds.firms.name[0]), "Firm \"A\"");
    assert_int_equal(ds.firms.employees[0], 12);
    assert_int_equal(ds.firms.scale[0], SCALE_GLOBAL);
    assert_string_equal(dataset_str(&ds, ds.firms.name[1]), "B");
    assert_string_equal(dataset_str(&ds, ds.industry_name[ds.firms.industry[1]]), "unknown");
    assert_int_equal(ds.firms.employees[1], EMPLOYEES_NONE);
    assert_int_equal(ds.firms.scale[1], SCALE_LOCAL);
    assert_string_equal(dataset_firm_id(&ds, 2), "C");
    assert_int_equal(ds.firms.extra.n, 1);
    assert_string_equal(dataset_str(&ds, ds.firms.extra.name[0]), "degree");
    assert_string_equal(dataset_str(&ds, ds.firms.extra.value[0]), "3");

    assert_int_equal(ds.links.n, 3); /* the self-loop is skipped */
    assert_int_equal(ds.links.type[0], LT_RND);
    assert_true(dataset_link_weight(&ds, 0) == 2.5);
    assert_int_equal(ds.links.since[0], 1999);
    assert_int_equal(ds.links.type[1], LT_SOCIAL); /* no type: the default */
    assert_true(dataset_link_weight(&ds, 1) == 1);           /* 0 is refused */
    assert_int_equal(ds.links.since[1], YEAR_NONE);
    assert_int_equal(ds.links.type[2], LT_SOCIAL); /* unknown type: the default */
    assert_int_equal(ds.links.extra.n, 1);
    assert_string_equal(dataset_str(&ds, ds.links.extra.name[0]), "contract");

    const char *ex = NULL;
    assert_int_equal(note_count(&rep, "firms without a name", &ex), 1);
    assert_string_equal(ex, "B");
    assert_int_equal(note_count(&rep, "firms without an industry", NULL), 1);
    assert_int_equal(note_count(&rep, "nodes whose id was already used", &ex), 1);
    assert_string_equal(ex, "A");
    assert_int_equal(note_count(&rep, "employee counts", &ex), 1);
    assert_string_equal(ex, "B: x");
    assert_int_equal(note_count(&rep, "scales that are not", &ex), 1);
    assert_int_equal(note_count(&rep, "firms known only as edge ends", &ex), 1);
    assert_string_equal(ex, "C");
    assert_int_equal(note_count(&rep, "self-loops", NULL), 1);
    assert_int_equal(note_count(&rep, "edges without a type", NULL), 1);
    assert_int_equal(note_count(&rep, "edge types firmnet does not know", &ex), 1);
    assert_string_equal(ex, "friendship");
    assert_int_equal(note_count(&rep, "weights that are not", NULL), 1);
    assert_int_equal(note_count(&rep, "since years", NULL), 1);
    assert_int_equal(note_count(&rep, "linkage attributes dropped", &ex), 1);
    assert_string_equal(ex, "scale");

    import_report_free(&rep);
    import_table_free(&ft);
    import_table_free(&lt);
    dataset_free(&ds);
}

static void test_import_bad_utf8(void **state)
{
    (void)state;
    struct import_table t;
    struct import_report rep = {0};
    import_table_init(&t);
    import_table_add_col(&t, "id");
    uint32_t r = import_table_add_row(&t, 7);
    import_table_set(&t, r, 0, "a\xff" "b\0c", 5, &rep);
    assert_string_equal(import_table_get(&t, r, 0), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    assert_int_equal(rep.n, 1);
    assert_string_equal(rep.v[0].example, "line 7");
    import_report_free(&rep);
    import_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_csv),
        cmocka_unit_test(test_quote_dot),
        cmocka_unit_test(test_quote_pajek),
        cmocka_unit_test(test_format_double),
        cmocka_unit_test(test_parse_format),
        cmocka_unit_test(test_atomicfile),
        cmocka_unit_test(test_atomicfile_full_disk),
        cmocka_unit_test(test_xml_text),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_export_write),
        cmocka_unit_test(test_import_build),
        cmocka_unit_test(test_import_bad_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
