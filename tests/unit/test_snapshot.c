/* Snapshot cache: a dataset read back from its snapshot is the one parsed from the CSV,
 * column for column, finding for finding, and the same graph; a truncated, damaged or
 * foreign snapshot is refused and the CSV parsed instead; the cache's rules (changed
 * files, load options, size threshold, switches, cache directory) hold. Damage that
 * the checksums would catch first is also made with the checksums resealed, so that
 * the checks behind them are exercised (run under ASan: configure --enable-sanitizers). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "text.h"
#include "load.h"
#include "simple.h"
#include "cache.h"
#include "snapshot.h"
#include "xalloc.h"

static char work[64];   /* everything this test writes */
static char cache[128]; /* FIRMNET_CACHE_DIR */

struct loaded {
    struct dataset ds;
    struct diag dg;
    struct graph g;
    int rc;
};

static void load_with(struct loaded *L, const char *dir, const struct load_options *o, unsigned cache_flags)
{
    struct load_options opt;
    memset(&opt, 0, sizeof opt);
    if (o)
        opt = *o;
    opt.cache = cache_flags;
    diag_init(&L->dg);
    L->rc = load_dataset_graph(&L->ds, &L->dg, &L->g, dir, &opt);
}

static void loaded_free(struct loaded *L)
{
    graph_free(&L->g);
    dataset_free(&L->ds);
    diag_free(&L->dg);
}

/* ---- files ---- */

static void write_file(const char *dir, const char *name, const char *text, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    char *buf = xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return buf;
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *buf = read_all(from, &n);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    free(buf);
}

static void copy_dataset(const char *from, const char *to)
{
    char a[512], b[512];
    assert_true(mkdir(to, 0700) == 0 || errno == EEXIST);
    for (int i = 0; i < 2; i++) {
        const char *name = i ? "linkages.csv" : "firms.csv";
        snprintf(a, sizeof a, "%s/%s", from, name);
        snprintf(b, sizeof b, "%s/%s", to, name);
        copy_file(a, b);
    }
}

/* Snapshot files in the cache directory (the temporary files of a write included). */
static int cache_files(void)
{
    DIR *d = opendir(cache);
    if (!d)
        return 0;
    int n = 0;
    const struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.' || strstr(e->d_name, ".snapshot.") != NULL;
    closedir(d);
    return n;
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            const struct dirent *e;
            while ((e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char sub[1024];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                remove_tree(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void empty_cache(void)
{
    remove_tree(cache);
    assert_int_equal(mkdir(cache, 0700), 0);
}

/* ---- the comparison: every value, not a digest ---- */

#define SAME(a, b, n) assert_memory_equal((a), (b), (size_t)(n) * sizeof *(a))

/* The strings' bytes; the intern table is not stored (core/snapshot.c). */
static void expect_same_pool(const struct strpool *a, const struct strpool *b)
{
    assert_int_equal(a->len, b->len);
    SAME(a->buf, b->buf, a->len);
}

/* The same breakpoints, and so the same line for every row. */
static void expect_same_lines(const struct linemap *a, const struct linemap *b, uint32_t rows)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->rows, rows);
    assert_int_equal(b->rows, rows);
    SAME(a->brk, b->brk, a->n);
    for (uint32_t i = 0; i < rows; i++)
        assert_int_equal(linemap_get(a, i), linemap_get(b, i));
}

static void expect_same(const struct loaded *A, const struct loaded *B)
{
    const struct dataset *x = &A->ds, *y = &B->ds;
    assert_int_equal(A->rc, 0);
    assert_int_equal(B->rc, 0);
    assert_string_equal(x->dir, y->dir);
    assert_string_equal(x->firms_path, y->firms_path);
    assert_string_equal(x->links_path, y->links_path);
    expect_same_pool(&x->pool, &y->pool);
    uint32_t n = x->firms.n, m = x->links.n;
    assert_int_equal(n, y->firms.n);
    assert_int_equal(m, y->links.n);
    for (uint32_t i = 0; i < n; i++) { /* the ids kept where they were, in a slot or the pool */
        assert_int_equal(dataset_id_in_slot(x->firms.id[i]), dataset_id_in_slot(y->firms.id[i]));
        if (!dataset_id_in_slot(x->firms.id[i]))
            assert_int_equal(x->firms.id[i], y->firms.id[i]);
        assert_string_equal(dataset_firm_id(x, i), dataset_firm_id(y, i));
    }
    SAME(x->firms.name, y->firms.name, n);
    SAME(x->firms.alias, y->firms.alias, n);
    const struct catcol *cx[] = {&x->firms.location, &x->firms.ownership, &x->firms.role},
                        *cy[] = {&y->firms.location, &y->firms.ownership, &y->firms.role};
    for (int c = 0; c < 3; c++) { /* held the same way (codes or offsets), the same offsets */
        if (n)
            assert_int_equal(cx[c]->code != NULL, cy[c]->code != NULL);
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(catcol_get(cx[c], i), catcol_get(cy[c], i));
    }
    SAME(x->firms.industry, y->firms.industry, n);
    SAME(x->firms.scale, y->firms.scale, n);
    SAME(x->firms.employees, y->firms.employees, n);
    SAME(x->firms.founded, y->firms.founded, n);
    expect_same_lines(&x->firms.line, &y->firms.line, n);
    assert_int_equal(x->firms.extra.n, y->firms.extra.n);
    SAME(x->firms.extra.name, y->firms.extra.name, x->firms.extra.n);
    SAME(x->firms.extra.value, y->firms.extra.value, (size_t)n * x->firms.extra.n);
    SAME(x->links.source, y->links.source, m);
    SAME(x->links.target, y->links.target, m);
    SAME(x->links.type, y->links.type, m);
    SAME(x->links.form, y->links.form, m);
    SAME(x->links.scale, y->links.scale, m);
    SAME(x->links.since, y->links.since, m);
    /* the weights read back as they were, held the same way (codes or doubles) */
    if (m) {
        assert_int_equal(x->links.weight_code != NULL, y->links.weight_code != NULL);
        assert_int_equal(x->links.n_weight_values, y->links.n_weight_values);
    }
    for (uint32_t e = 0; e < m; e++)
        assert_true(dataset_link_weight(x, e) == dataset_link_weight(y, e));
    SAME(x->links.note, y->links.note, m);
    SAME(x->links.ref, y->links.ref, m);
    expect_same_lines(&x->links.line, &y->links.line, m);
    assert_int_equal(x->links.extra.n, y->links.extra.n);
    SAME(x->links.extra.name, y->links.extra.name, x->links.extra.n);
    SAME(x->links.extra.value, y->links.extra.value, (size_t)m * x->links.extra.n);
    assert_int_equal(x->n_industries, y->n_industries);
    SAME(x->industry_name, y->industry_name, x->n_industries);
    /* the id index made again finds what the loaded one finds: every firm by its id,
     * and an id a letter longer or shorter, or at a different length, as it does */
    assert_true(y->id_nslots * 3 >= (size_t)n * 4);
    for (uint32_t i = 0; i < n; i++) {
        const char *id = dataset_firm_id(y, i);
        size_t len = strlen(id);
        assert_int_equal(dataset_find_firm(y, id, len), i);
        assert_int_equal(dataset_find_firm(x, id, len), i);
        assert_int_equal(dataset_find_firm(y, id, len - 1), dataset_find_firm(x, id, len - 1));
        char *longer = xmalloc(len + 2);
        memcpy(longer, id, len);
        memcpy(longer + len, "~", 2);
        assert_int_equal(dataset_find_firm(y, longer, len + 1), dataset_find_firm(x, longer, len + 1));
        free(longer);
    }

    const struct diag *f = &A->dg, *h = &B->dg;
    assert_int_equal(f->n, h->n);
    SAME(f->v, h->v, f->n);
    expect_same_pool(&f->text, &h->text);
    assert_int_equal(f->n_errors, h->n_errors);
    assert_int_equal(f->n_warnings, h->n_warnings);
    for (int k = 0; k < 3; k++)
        assert_string_equal(f->path[k], h->path[k]);
    assert_ptr_equal(h->path[DIAG_FIRMS], y->firms_path); /* borrowed from its own dataset */

    const struct graph *g = &A->g, *k = &B->g;
    assert_int_equal(g->n, k->n);
    assert_int_equal(g->m, k->m);
    SAME(g->out_start, k->out_start, (size_t)n + 1);
    SAME(g->in_start, k->in_start, (size_t)n + 1);
    SAME(g->out_nbr, k->out_nbr, m);
    SAME(g->out_link, k->out_link, m);
    SAME(g->in_nbr, k->in_nbr, m);
    SAME(g->in_link, k->in_link, m);
}

/* ---- fixtures ---- */

static const char *srcdir(void)
{
    const char *top = getenv("top_srcdir");
    return top && *top ? top : FIRMNET_SRCDATADIR "/..";
}

/* Findings of most kinds, extra columns in both files, quoted fields over several
 * lines, empty optional fields, repeated categorical values. */
static const char extras_firms[] =
    "id,name,alias,industry,scale,location,employees,founded,ownership,role,website,  size class \n"
    "A,Alpha,,footwear,local,\"Lucheng, Wenzhou\",120,1990,private,maker,http://a,small\n"
    "B,Beta,Bee,footwear,national,Ouhai,,1985,state,supplier,,\n"
    "C,\"Gamma\nover two lines\",,leather,global,,3x,1700,,trader,,large\n"
    "A,Again,,eyewear,local,,,,,,,\n"
    "D,Delta,,eyewear,middling,Ouhai,7,2001,private,maker,,small\n"
    "E,Lonely,,soles,local,,,,,,,\n";
static const char extras_links[] =
    "source,target,type,form,since,weight,note,ref,channel\n"
    "A,B,supply,,1995,2.5,\"a note, with a comma\",INT-1,fair\n"
    "B,C,licensing,material,1999,,,INT-2,\n"
    "C,A,suply,,,,,,\n"
    "A,X9,supply,,,,,,\n"
    "A,A,social,,,,,,\n"
    "A,B,supply,,1980,1,again,INT-1,fair\n"
    "D,A,rnd,non-material,2020,0,,,\n"
    "D,B,marketing,,2150,,,,\n"
    "D,C,cultural,,2005,0.25,\"line one\nline two\",INT-3,visit\n";

static void make_fixture(const char *dir, const char *firms, const char *links)
{
    assert_true(mkdir(dir, 0700) == 0 || errno == EEXIST);
    write_file(dir, "firms.csv", firms, strlen(firms));
    write_file(dir, "linkages.csv", links, strlen(links));
}

static void make_gb18030(const char *dir)
{
    static const char firms[] = "id,name,industry,scale\nF1,鹿城澜步鞋业,footwear,local\nF2,瓯海睿瞳眼镜,eyewear,global\n";
    static const char links[] = "source,target,type,note\nF1,F2,supply,温州\n";
    assert_true(mkdir(dir, 0700) == 0 || errno == EEXIST);
    const char *text[2] = {firms, links};
    for (int i = 0; i < 2; i++) {
        iconv_t cd = iconv_open("GB18030", "UTF-8");
        assert_true(cd != (iconv_t)-1);
        char out[512], *op = out, *ip = (char *)text[i];
        size_t il = strlen(text[i]), ol = sizeof out;
        assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
        iconv_close(cd);
        write_file(dir, i ? "linkages.csv" : "firms.csv", out, (size_t)(op - out));
    }
}

/* The dataset of dir as the cache names it; asserts the cache may be used. */
static void key_for(struct cache_key *k, const char *dir, const struct load_options *o)
{
    char f[512], l[512];
    snprintf(f, sizeof f, "%s/firms.csv", dir);
    snprintf(l, sizeof l, "%s/linkages.csv", dir);
    assert_int_equal(cache_key_make(k, f, l, o ? o->encoding : NULL, o ? o->delimiter : 0, NULL, DIAG_KEEP_DEFAULT, 1),
                     0);
}

/* A fresh dataset as load_dataset_graph hands it to cache_read. */
static void blank(struct loaded *L, const char *dir)
{
    memset(L, 0, sizeof *L);
    dataset_init(&L->ds);
    L->ds.dir = xstrdup(dir);
    size_t n = strlen(dir) + 16;
    L->ds.firms_path = xmalloc(n);
    L->ds.links_path = xmalloc(n);
    snprintf(L->ds.firms_path, n, "%s/firms.csv", dir);
    snprintf(L->ds.links_path, n, "%s/linkages.csv", dir);
    diag_init(&L->dg);
    L->dg.path[DIAG_FIRMS] = L->ds.firms_path;
    L->dg.path[DIAG_LINKS] = L->ds.links_path;
    L->dg.path[DIAG_DATASET] = L->ds.dir;
}

/* Reads the snapshot at path for key k: 0 and B filled, or -1 and B still blank. */
static int try_load(const char *path, const struct cache_key *k, struct loaded *B, const char *dir)
{
    blank(B, dir);
    char why[SNAPSHOT_WHY_MAX];
    int rc = snapshot_load(path, &k->snap, &B->ds, &B->dg, &B->g, why);
    if (rc != 0) {
        /* refused: nothing was touched */
        assert_int_equal(B->ds.firms.n, 0);
        assert_int_equal(B->ds.links.n, 0);
        assert_int_equal(B->ds.pool.len, 1);
        assert_int_equal(B->dg.n, 0);
        assert_null(B->g.out_start);
    }
    B->rc = rc;
    return rc;
}

/* ---- the snapshot reads back as the CSV loads ---- */

/* A firm and a linkage added after the load share the interned offsets of the values
 * loaded (location, ownership, role, industry, ref), as after a parse: the intern
 * table the snapshot does not store is made again before the first addition. */
static void expect_grows_alike(struct loaded *L)
{
    struct dataset *ds = &L->ds;
    uint32_t n = ds->firms.n, m = ds->links.n;
    if (n == 0)
        return;
    uint32_t v = 0;
    while (v + 1 < n && !catcol_get(&ds->firms.location, v))
        v++;
    struct firm_record fr;
    memset(&fr, 0, sizeof fr);
    fr.id = "added-after-the-load";
    fr.name = "Added";
    /* copies: adding strings may move the pool */
    char *loc = xstrdup(dataset_str(ds, catcol_get(&ds->firms.location, v)));
    char *own = xstrdup(dataset_str(ds, catcol_get(&ds->firms.ownership, v)));
    char *role = xstrdup(dataset_str(ds, catcol_get(&ds->firms.role, v)));
    char *ind = xstrdup(dataset_str(ds, ds->industry_name[ds->firms.industry[v]]));
    fr.location = loc;
    fr.ownership = own;
    fr.role = role;
    fr.industry = ind;
    uint32_t f = dataset_add_firm(ds, &fr);
    free(loc);
    free(own);
    free(role);
    free(ind);
    assert_int_equal(f, n);
    assert_int_equal(catcol_get(&ds->firms.location, f), catcol_get(&ds->firms.location, v));
    assert_int_equal(catcol_get(&ds->firms.ownership, f), catcol_get(&ds->firms.ownership, v));
    assert_int_equal(catcol_get(&ds->firms.role, f), catcol_get(&ds->firms.role, v));
    assert_int_equal(ds->firms.industry[f], ds->firms.industry[v]);
    assert_int_equal(ds->n_industries, L->ds.n_industries);
    assert_int_equal(dataset_find_firm(ds, fr.id, strlen(fr.id)), f);
    if (m == 0)
        return;
    uint32_t e = 0;
    while (e + 1 < m && !ds->links.ref[e])
        e++;
    struct link_record lr;
    memset(&lr, 0, sizeof lr);
    lr.source = f;
    lr.target = 0;
    char *ref = xstrdup(dataset_str(ds, ds->links.ref[e]));
    lr.ref = ref;
    lr.weight = dataset_link_weight(ds, e); /* a weight the table holds */
    uint32_t k = dataset_add_link(ds, &lr);
    assert_int_equal(ds->links.ref[k], ds->links.ref[e]);
    assert_true(dataset_link_weight(ds, k) == dataset_link_weight(ds, e));
    lr.weight = 12345.678; /* and one it does not */
    k = dataset_add_link(ds, &lr);
    free(ref);
    assert_true(dataset_link_weight(ds, k) == 12345.678);
    for (uint32_t i = 0; i < m; i++) /* the earlier weights stay */
        assert_true(dataset_link_weight(ds, i) > 0);
}

static void expect_round_trip(const char *dir, const struct load_options *o)
{
    struct loaded A, B, C;
    load_with(&A, dir, o, 0);
    assert_int_equal(A.rc, 0);
    struct cache_key k;
    key_for(&k, dir, o);
    char why[SNAPSHOT_WHY_MAX];
    if (snapshot_save(k.path, &k.snap, &A.ds, &A.dg, why) != 0)
        fail_msg("%s", why);
    assert_int_equal(try_load(k.path, &k, &B, dir), 0);
    expect_same(&A, &B);
    /* and through the loader, as every front end goes */
    load_with(&C, dir, o, LOAD_CACHE | LOAD_CACHE_QUIET);
    expect_same(&A, &C);
    expect_grows_alike(&A);
    expect_grows_alike(&B);
    loaded_free(&A);
    loaded_free(&B);
    loaded_free(&C);
    unlink(k.path);
}

static void test_same_as_csv(void **state)
{
    (void)state;
    static const char *const repo[] = {"data/wenzhou", "data/examples/broken", "data/examples/tiny",
                                       "tests/tui/data/mini", "tests/tui/data/broken", "tests/tui/data/expensive"};
    char dir[256];
    for (size_t i = 0; i < sizeof repo / sizeof *repo; i++) {
        snprintf(dir, sizeof dir, "%s/%s", srcdir(), repo[i]);
        expect_round_trip(dir, NULL);
    }
    snprintf(dir, sizeof dir, "%s/extras", work);
    make_fixture(dir, extras_firms, extras_links);
    expect_round_trip(dir, NULL);

    snprintf(dir, sizeof dir, "%s/semicolon", work);
    make_fixture(dir, "id;name;industry\nA;Alpha;x\nB;Beta,with comma;y\n", "source;target;type\nA;B;rnd\n");
    struct load_options o;
    memset(&o, 0, sizeof o);
    o.delimiter = ';';
    expect_round_trip(dir, &o);

    snprintf(dir, sizeof dir, "%s/gb", work);
    make_gb18030(dir);
    memset(&o, 0, sizeof o);
    o.encoding = "GB18030";
    expect_round_trip(dir, &o);

    /* more distinct weights than a byte codes: one double a linkage, read back as such */
    {
        snprintf(dir, sizeof dir, "%s/weights", work);
        char *links = xmalloc(64 * 400 + 64);
        size_t len = (size_t)sprintf(links, "source,target,type,weight\n");
        for (int i = 0; i < 400; i++)
            len += (size_t)sprintf(links + len, "%s,%s,supply,%d.5\n", i % 2 ? "A" : "B", i % 2 ? "B" : "A", i);
        make_fixture(dir, "id,name,industry\nA,Alpha,x\nB,Beta,y\n", links);
        free(links);
        expect_round_trip(dir, NULL);
    }

    /* more distinct locations than two bytes code: one offset a row, read back as such */
    {
        snprintf(dir, sizeof dir, "%s/locations", work);
        const size_t nf = CATCOL_CODES + 100;
        char *firms = xmalloc(48 * nf + 64);
        size_t fl = (size_t)sprintf(firms, "id,name,industry,location,ownership\n");
        for (size_t i = 0; i < nf; i++)
            fl += (size_t)sprintf(firms + fl, "F%zu,Firm,x,street %zu,%s\n", i, i, i % 3 ? "private" : "");
        make_fixture(dir, firms, "source,target,type\nF1,F2,supply\n");
        free(firms);
        expect_round_trip(dir, NULL);
    }

    /* ids of every length about the index's inline bytes: the short ones kept in the
     * index's slots (firms.id.text in the file), the long ones in the strings */
    {
        snprintf(dir, sizeof dir, "%s/long-ids", work);
        char *firms = xmalloc(64 * 40 + 64), *links = xmalloc(80 * 40 + 64);
        size_t fl = (size_t)sprintf(firms, "id,name,industry\n"), ll = (size_t)sprintf(links, "source,target,type\n");
        char prev[40] = "";
        for (int i = 1; i <= 30; i++) {
            char id[40];
            snprintf(id, sizeof id, "%.*s%d", i, "LONGIDLONGIDLONGIDLONGIDLONGIDLONGID", i);
            fl += (size_t)sprintf(firms + fl, "%s,Firm %d,x\n", id, i);
            if (*prev)
                ll += (size_t)sprintf(links + ll, "%s,%s,supply\n", prev, id);
            snprintf(prev, sizeof prev, "%s", id);
        }
        make_fixture(dir, firms, links);
        free(firms);
        free(links);
        expect_round_trip(dir, NULL);
    }

    /* no linkages, no findings */
    snprintf(dir, sizeof dir, "%s/bare", work);
    make_fixture(dir, "id,name,industry\nA,Alpha,x\n", "source,target,type\n");
    expect_round_trip(dir, NULL);
}

/* ---- the cache's rules ---- */

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&t, NULL);
}

/* Loads dir through the cache until its snapshot is there and valid for the files
 * as they are: a file changed within the last few ticks of the file system's clock
 * is not snapshotted yet (see cache_write), so a test that just wrote its files
 * waits for that, never for a fixed time. */
static void load_until_cached(const char *dir, const struct load_options *o)
{
    for (int tries = 0; tries < 1000; tries++) {
        struct loaded L, B;
        load_with(&L, dir, o, LOAD_CACHE | LOAD_CACHE_QUIET);
        assert_int_equal(L.rc, 0);
        loaded_free(&L);
        struct cache_key k;
        key_for(&k, dir, o);
        int hit = try_load(k.path, &k, &B, dir) == 0;
        loaded_free(&B);
        if (hit)
            return;
        sleep_ms(10);
    }
    fail_msg("no snapshot of %s was written", dir);
}

static int cached_now(const char *dir, const struct load_options *o)
{
    struct cache_key k;
    key_for(&k, dir, o);
    struct loaded B;
    int hit = try_load(k.path, &k, &B, dir) == 0;
    loaded_free(&B);
    return hit;
}

static void append(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void test_stale_and_reused(void **state)
{
    (void)state;
    empty_cache();
    char dir[256];
    snprintf(dir, sizeof dir, "%s/edited", work);
    copy_dataset(FIRMNET_SRCDATADIR "/examples/tiny", dir);
    load_until_cached(dir, NULL);
    assert_int_equal(cache_files(), 1);
    struct loaded A;
    load_with(&A, dir, NULL, 0);
    uint32_t links = A.ds.links.n;
    loaded_free(&A);

    /* a changed file makes the snapshot stale at once: the new linkage is there */
    append(dir, "linkages.csv", "WZ-EY-0001,WZ-SO-0001,social,,,,added,\n");
    assert_false(cached_now(dir, NULL));
    struct loaded B;
    load_with(&B, dir, NULL, LOAD_CACHE | LOAD_CACHE_QUIET);
    assert_int_equal(B.rc, 0);
    assert_int_equal(B.ds.links.n, links + 1);
    loaded_free(&B);
    /* written again under the same name: the cache does not grow with each edit */
    load_until_cached(dir, NULL);
    assert_int_equal(cache_files(), 1);
    struct loaded C, D;
    load_with(&C, dir, NULL, 0);
    load_with(&D, dir, NULL, LOAD_CACHE | LOAD_CACHE_QUIET);
    expect_same(&C, &D);
    loaded_free(&C);
    loaded_free(&D);

    /* not written when a file changes between the stamps and the write */
    empty_cache();
    struct cache_key kw;
    key_for(&kw, dir, NULL);
    struct loaded W;
    load_with(&W, dir, NULL, 0);
    append(dir, "firms.csv", "ADDED,Added firm,,footwear,local,,,,,,\n");
    cache_write(&kw, &W.ds, &W.dg);
    assert_int_equal(cache_files(), 0);
    /* nor when a file changed so recently that a later change could leave its time
     * stamps as they are (told from the stamps, so this holds however slow the
     * machine: when it was too slow for the case to arise, there is nothing to see) */
    key_for(&kw, dir, NULL);
    int64_t last = kw.snap.stamp[0].ctime_ns > kw.snap.stamp[0].mtime_ns ? kw.snap.stamp[0].ctime_ns : kw.snap.stamp[0].mtime_ns;
    cache_write(&kw, &W.ds, &W.dg);
    if (kw.started_ns - last < 50000000)
        assert_int_equal(cache_files(), 0);
    loaded_free(&W);
    load_until_cached(dir, NULL);

    /* the same files under another option are another snapshot */
    struct load_options o;
    memset(&o, 0, sizeof o);
    o.encoding = "UTF-8";
    struct cache_key k1, k2;
    key_for(&k1, dir, NULL);
    key_for(&k2, dir, &o);
    assert_string_not_equal(k1.path, k2.path);
    assert_false(cached_now(dir, &o));
    o.encoding = NULL;
    o.delimiter = ';';
    key_for(&k2, dir, &o);
    assert_string_not_equal(k1.path, k2.path);

    /* another dataset's snapshot under this one's name is refused */
    char other[256];
    snprintf(other, sizeof other, "%s/other", work);
    copy_dataset(FIRMNET_SRCDATADIR "/examples/broken", other);
    load_until_cached(other, NULL);
    struct cache_key ko;
    key_for(&ko, other, NULL);
    copy_file(ko.path, k1.path);
    assert_false(cached_now(dir, NULL));
    /* and the snapshot of a directory reached another way is the same one */
    char link[256];
    snprintf(link, sizeof link, "%s/other-link", work);
    assert_int_equal(symlink(other, link), 0);
    struct cache_key kl;
    key_for(&kl, link, NULL);
    assert_string_equal(kl.path, ko.path);
    assert_true(cached_now(link, NULL));
}

static void test_switches(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/data/examples/tiny", srcdir());
    char f[512], l[512];
    snprintf(f, sizeof f, "%s/firms.csv", dir);
    snprintf(l, sizeof l, "%s/linkages.csv", dir);
    struct cache_key k;
    const char *env_home = getenv("HOME"), *env_xdg = getenv("XDG_CACHE_HOME");
    char *home = env_home ? xstrdup(env_home) : NULL, *xdg = env_xdg ? xstrdup(env_xdg) : NULL;
    static const char *const off[] = {"0", "off", "no", "false", "OFF"};
    for (size_t i = 0; i < sizeof off / sizeof *off; i++) {
        setenv("FIRMNET_CACHE", off[i], 1);
        assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), -1);
    }
    setenv("FIRMNET_CACHE", "verbose", 1);
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), 0);
    assert_int_equal(k.verbose, 0); /* quiet wins */
    unsetenv("FIRMNET_CACHE");
    /* small datasets are not worth it */
    setenv("FIRMNET_CACHE_MIN", "100000000", 1);
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), -1);
    unsetenv("FIRMNET_CACHE_MIN"); /* the default, 8 MiB */
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), -1);
    setenv("FIRMNET_CACHE_MIN", "0", 1);
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), 0);
    /* where: FIRMNET_CACHE_DIR, else an absolute XDG_CACHE_HOME, else HOME */
    char want[512];
    snprintf(want, sizeof want, "%s/", cache);
    assert_memory_equal(k.path, want, strlen(want));
    assert_non_null(strstr(k.path, "/tiny-"));
    unsetenv("FIRMNET_CACHE_DIR");
    setenv("XDG_CACHE_HOME", "/xdg/cache", 1);
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), 0);
    assert_memory_equal(k.path, "/xdg/cache/firmnet/tiny-", 24);
    setenv("XDG_CACHE_HOME", "relative", 1);
    setenv("HOME", "/home/someone", 1);
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), 0);
    assert_memory_equal(k.path, "/home/someone/.cache/firmnet/tiny-", 34);
    unsetenv("HOME");
    assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), -1);
    unsetenv("XDG_CACHE_HOME");
    setenv("FIRMNET_CACHE_DIR", cache, 1);
    if (home)
        setenv("HOME", home, 1);
    if (xdg)
        setenv("XDG_CACHE_HOME", xdg, 1);
    free(home);
    free(xdg);
    /* files that are not there are left to the CSV reader */
    assert_int_equal(cache_key_make(&k, "/nonexistent/firms.csv", l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), -1);
}

/* A cache that cannot be written is no error: the load goes on as without one. */
static void test_unwritable_cache(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/unwritable", work);
    copy_dataset(FIRMNET_SRCDATADIR "/examples/tiny", dir);
    setenv("FIRMNET_CACHE_DIR", "/dev/null/cache", 1);
    struct loaded A, B;
    for (int i = 0; i < 3; i++) {
        load_with(&A, dir, NULL, LOAD_CACHE | LOAD_CACHE_QUIET);
        load_with(&B, dir, NULL, 0);
        expect_same(&B, &A);
        loaded_free(&A);
        loaded_free(&B);
    }
    setenv("FIRMNET_CACHE_DIR", cache, 1);
}

/* ---- damage ---- */

/* A snapshot of the dataset at dir; returns its bytes and the key. */
static char *snapshot_of(const char *dir, struct loaded *A, struct cache_key *k, size_t *n)
{
    load_with(A, dir, NULL, 0);
    assert_int_equal(A->rc, 0);
    key_for(k, dir, NULL);
    char why[SNAPSHOT_WHY_MAX];
    if (snapshot_save(k->path, &k->snap, &A->ds, &A->dg, why) != 0)
        fail_msg("%s", why);
    return read_all(k->path, n);
}

/* Rewritten in place rather than truncated first: ext4 flushes a file truncated to
 * nothing and written again when it is closed, which made this test crawl. */
static void put_file(const char *path, const char *buf, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, buf, n, 0), (ssize_t)n);
    assert_int_equal(ftruncate(fd, (off_t)n), 0);
    assert_int_equal(close(fd), 0);
}

static void test_truncated(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/data/examples/broken", srcdir());
    struct loaded A, B;
    struct cache_key k;
    size_t n;
    char *orig = snapshot_of(dir, &A, &k, &n);
    /* every length near each section's start and end, and a spread of others */
    size_t cut[4096];
    size_t ncut = 0;
    for (unsigned s = 0; s < snapshot_sections(); s++) {
        uint64_t off, bytes;
        const char *name;
        assert_int_equal(snapshot_section_span(k.path, s, &off, &bytes, &name), 0);
        for (int d = -2; d <= 2; d++) {
            cut[ncut++] = (size_t)((int64_t)off + d);
            cut[ncut++] = (size_t)((int64_t)(off + bytes) + d);
        }
    }
    for (size_t c = 0; c < n && ncut < sizeof cut / sizeof *cut; c += 1 + n / 512)
        cut[ncut++] = c;
    cut[ncut++] = n - 1;
    for (size_t i = 0; i < ncut; i++) {
        if (cut[i] >= n)
            continue;
        put_file(k.path, orig, cut[i]);
        if (try_load(k.path, &k, &B, dir) == 0)
            fail_msg("a snapshot cut to %zu of %zu bytes was read", cut[i], n);
        loaded_free(&B);
    }
    /* one byte too many */
    char *longer = xmalloc(n + 1);
    memcpy(longer, orig, n);
    longer[n] = 0;
    put_file(k.path, longer, n + 1);
    assert_int_equal(try_load(k.path, &k, &B, dir), -1);
    loaded_free(&B);
    free(longer);
    /* and whole again, it reads */
    put_file(k.path, orig, n);
    assert_int_equal(try_load(k.path, &k, &B, dir), 0);
    expect_same(&A, &B);
    loaded_free(&B);
    /* but not when it belongs to someone else (who could have made it say anything) */
    if (geteuid() == 0 && chown(k.path, 1, 1) == 0) {
        assert_int_equal(try_load(k.path, &k, &B, dir), -1);
        loaded_free(&B);
    }
    free(orig);
    loaded_free(&A);
    unlink(k.path);
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Any byte changed: refused, or (a byte of padding) read back exactly as it was. */
static void test_flipped(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/data/examples/broken", srcdir());
    struct loaded A, B;
    struct cache_key k;
    size_t n;
    char *orig = snapshot_of(dir, &A, &k, &n);
    char *buf = xmalloc(n);
    size_t refused = 0, tries = 0;
    /* every byte of the header and the first sections, then one in about 20 */
    for (size_t pos = 0; pos < n; pos += pos < 1024 ? 1 : 1 + rng() % 40) {
        memcpy(buf, orig, n);
        buf[pos] = (char)(buf[pos] ^ (char)(1u << (rng() % 8)));
        put_file(k.path, buf, n);
        tries++;
        if (try_load(k.path, &k, &B, dir) == 0)
            expect_same(&A, &B);
        else
            refused++;
        loaded_free(&B);
    }
    assert_true(refused > tries * 9 / 10);
    free(buf);
    free(orig);
    loaded_free(&A);
    unlink(k.path);
}

/* Where the named section lies in the snapshot at k's path. */
static void span_of(const struct cache_key *k, const char *section, uint64_t *off, uint64_t *bytes)
{
    for (unsigned s = 0; s < snapshot_sections(); s++) {
        const char *name;
        assert_int_equal(snapshot_section_span(k->path, s, off, bytes, &name), 0);
        if (!strcmp(name, section))
            return;
    }
    fail_msg("no section %s", section);
}

/* Writes bytes as the snapshot, reseals its checksums and expects it refused. */
static void expect_refused(const struct cache_key *k, const char *bytes, size_t n, const char *dir,
                           const char *what, uint64_t i)
{
    put_file(k->path, bytes, n);
    assert_int_equal(snapshot_reseal(k->path), 0);
    struct loaded B;
    if (try_load(k->path, k, &B, dir) == 0)
        fail_msg("%s[%llu] damaged and resealed was read", what, (unsigned long long)i);
    loaded_free(&B);
}

/* Overwrites value i of the named section with the vlen bytes at v, and expects the
 * snapshot refused even with its checksums made right again. */
static void damage(const struct cache_key *k, const char *orig, size_t n, const char *dir, const char *section,
                   uint64_t i, const void *v, size_t vlen)
{
    uint64_t off, bytes;
    put_file(k->path, orig, n);
    span_of(k, section, &off, &bytes);
    assert_true((i + 1) * vlen <= bytes);
    char *copy = xmalloc(n);
    memcpy(copy, orig, n);
    memcpy(copy + off + i * vlen, v, vlen);
    expect_refused(k, copy, n, dir, section, i);
    free(copy);
}

/* The same for vlen bytes at byte offset at of the section. */
static void damage_bytes(const struct cache_key *k, const char *orig, size_t n, const char *dir,
                         const char *section, uint64_t at, const void *v, size_t vlen)
{
    uint64_t off, bytes;
    span_of(k, section, &off, &bytes);
    assert_true(at + vlen <= bytes);
    char *copy = xmalloc(n);
    memcpy(copy, orig, n);
    memcpy(copy + off + at, v, vlen);
    expect_refused(k, copy, n, dir, section, at);
    free(copy);
}

/* Value i of the named section, from the original bytes. */
static void value_of(const struct cache_key *k, const char *orig, const char *section, uint64_t i, void *v,
                     size_t vlen)
{
    uint64_t off, bytes;
    span_of(k, section, &off, &bytes);
    assert_true((i + 1) * vlen <= bytes);
    memcpy(v, orig + off + i * vlen, vlen);
}

static void test_damaged_values(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/data/examples/broken", srcdir());
    struct loaded A;
    struct cache_key k;
    size_t n;
    char *orig = snapshot_of(dir, &A, &k, &n);
    const struct dataset *ds = &A.ds;
    uint32_t nf = ds->firms.n, m = ds->links.n, pool = (uint32_t)ds->pool.len;
    assert_true(m >= 3 && nf >= 3);
    uint32_t u;
    uint8_t b;
    int16_t y;
    int32_t e;
    double w;
    /* string references past the strings */
    static const char *const refs[] = {"firms.name", "firms.alias", "firms.location.value", "firms.ownership.value",
                                       "firms.role.value", "linkages.note", "linkages.ref", "industries"};
    for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
        damage(&k, orig, n, dir, refs[i], 0, &pool, 4);
        u = UINT32_MAX;
        damage(&k, orig, n, dir, refs[i], 0, &u, 4);
    }
    /* an id in the strings past their end (an even firms.id); an odd one more than
     * firms.id.text holds */
    u = (pool + 2) & ~1u;
    damage(&k, orig, n, dir, "firms.id", 0, &u, 4);
    u = UINT32_MAX - 1;
    damage(&k, orig, n, dir, "firms.id", 0, &u, 4);
    assert_true(dataset_id_in_slot(ds->firms.id[0]) && dataset_id_in_slot(ds->firms.id[1]));
    /* firm indices past the firms, enums past their ranges */
    damage(&k, orig, n, dir, "linkages.source", 1, &nf, 4);
    damage(&k, orig, n, dir, "linkages.target", 2, &nf, 4);
    u = ds->n_industries;
    damage(&k, orig, n, dir, "firms.industry", 0, &u, 4);
    b = SCALE_COUNT;
    damage(&k, orig, n, dir, "firms.scale", 1, &b, 1);
    b = LT_COUNT;
    damage(&k, orig, n, dir, "linkages.type", 0, &b, 1);
    b = FORM_COUNT;
    damage(&k, orig, n, dir, "linkages.form", 0, &b, 1);
    /* values the loader never lets through */
    y = 3000;
    damage(&k, orig, n, dir, "firms.founded", 0, &y, 2);
    y = 1799;
    damage(&k, orig, n, dir, "linkages.since", 0, &y, 2);
    e = -2;
    damage(&k, orig, n, dir, "firms.employees", 0, &e, 4);
    const double bad_weights[] = {0.0, -1.0, NAN, INFINITY};
    for (size_t i = 0; i < 4; i++) {
        w = bad_weights[i];
        damage(&k, orig, n, dir, "linkages.weight.value", 0, &w, 8);
    }
    /* a location's (ownership's, role's) code past the distinct values */
    {
        const struct catcol *cc[] = {&ds->firms.location, &ds->firms.ownership, &ds->firms.role};
        static const char *const code[] = {"firms.location.code", "firms.ownership.code", "firms.role.code"};
        for (int c = 0; c < 3; c++) {
            assert_non_null(cc[c]->code);
            uint16_t v = (uint16_t)cc[c]->n_values;
            damage(&k, orig, n, dir, code[c], 1, &v, 2);
        }
    }
    /* a weight's code past the distinct weights */
    assert_non_null(ds->links.weight_code);
    b = (uint8_t)ds->links.n_weight_values;
    damage(&k, orig, n, dir, "linkages.weight.code", 1, &b, 1);
    /* line breakpoints that are no map of the rows: the first not at row 0, two at
     * one row or out of order, one past the last row */
    {
        const struct linemap *fl = &ds->firms.line, *ll = &ds->links.line;
        assert_true(fl->n >= 2); /* the broken example skips firm rows */
        struct linemap_break br = fl->brk[0];
        br.row = 1;
        damage(&k, orig, n, dir, "firms.line", 0, &br, sizeof br);
        br = fl->brk[1];
        br.row = fl->brk[0].row;
        damage(&k, orig, n, dir, "firms.line", 1, &br, sizeof br);
        br = fl->brk[fl->n - 1];
        br.row = nf;
        damage(&k, orig, n, dir, "firms.line", fl->n - 1, &br, sizeof br);
        assert_true(ll->n >= 1);
        br = ll->brk[ll->n - 1];
        br.row = UINT32_MAX;
        damage(&k, orig, n, dir, "linkages.line", ll->n - 1, &br, sizeof br);
    }
    /* a linkage from a firm to itself */
    value_of(&k, orig, "linkages.target", 0, &u, 4);
    damage(&k, orig, n, dir, "linkages.source", 0, &u, 4);
    /* strings that do not end */
    char x = 'x';
    damage(&k, orig, n, dir, "strings", 0, &x, 1);
    damage(&k, orig, n, dir, "strings", ds->pool.len - 1, &x, 1);
    damage(&k, orig, n, dir, "findings.text", A.dg.text.len - 1, &x, 1);
    /* the key: other files */
    damage(&k, orig, n, dir, "key", 20, &x, 1);
    /* ids the index cannot hold: one id twice, an empty one (cut from the text, or
     * firms.id naming the empty string), two run together */
    {
        const char *id0 = dataset_firm_id(ds, 0), *id1 = dataset_firm_id(ds, 1);
        size_t l0 = strlen(id0);
        assert_int_equal(l0, strlen(id1)); /* the broken example's ids are all of one length */
        char twice[DATASET_ID_INLINE];
        memcpy(twice, id0, l0);
        damage_bytes(&k, orig, n, dir, "firms.id.text", l0 + 1, twice, l0);
        char nul = '\0';
        damage_bytes(&k, orig, n, dir, "firms.id.text", 0, &nul, 1);
        char sep = 'x';
        damage_bytes(&k, orig, n, dir, "firms.id.text", l0, &sep, 1);
        u = 0;
        damage(&k, orig, n, dir, "firms.id", 2, &u, 4);
    }
    /* findings out of range */
    assert_true(A.dg.n > 0);
    struct finding f = A.dg.v[0];
    f.code = DC_COUNT;
    damage(&k, orig, n, dir, "findings", 0, &f, sizeof f);
    f = A.dg.v[0];
    f.file = DIAG_CONF + 1;
    damage(&k, orig, n, dir, "findings", 0, &f, sizeof f);
    f = A.dg.v[0];
    f.firm = nf;
    damage(&k, orig, n, dir, "findings", 0, &f, sizeof f);
    f = A.dg.v[0];
    f.msg = (strref)A.dg.text.len;
    damage(&k, orig, n, dir, "findings", 0, &f, sizeof f);
    f = A.dg.v[0];
    f.severity = 2;
    damage(&k, orig, n, dir, "findings", 0, &f, sizeof f);
    /* a lazy finding naming no linkage, and tallies that do not match the findings or
     * the keep this load asks for */
    int lazy_seen = 0;
    for (size_t i = 0; i < A.dg.n && !lazy_seen; i++)
        if (A.dg.v[i].lazy && A.dg.v[i].code == DC_SINCE_BEFORE_FOUNDED) {
            f = A.dg.v[i];
            f.arg = m;
            damage(&k, orig, n, dir, "findings", i, &f, sizeof f);
            lazy_seen = 1;
        }
    assert_true(lazy_seen); /* the broken example has one */
    {
        unsigned ti = (unsigned)A.dg.v[0].file * DC_COUNT + (unsigned)A.dg.v[0].code;
        struct diag_tally t = A.dg.tally[ti];
        t.kept++;
        t.count++;
        damage(&k, orig, n, dir, "findings.tally", ti, &t, sizeof t);
        t = A.dg.tally[ti];
        t.count = DIAG_KEEP_DEFAULT + 5; /* more than the keep, all said to be kept */
        t.kept = DIAG_KEEP_DEFAULT + 5;
        damage(&k, orig, n, dir, "findings.tally", ti, &t, sizeof t);
    }
    free(orig);
    loaded_free(&A);
    unlink(k.path);
}

/* Saves what is in A (made wrong on purpose, checksums right) and expects it refused. */
static void expect_saved_refused(struct loaded *A, const struct cache_key *k, const char *dir, const char *what)
{
    char why[SNAPSHOT_WHY_MAX];
    if (snapshot_save(k->path, &k->snap, &A->ds, &A->dg, why) != 0)
        fail_msg("%s", why);
    struct loaded B;
    if (try_load(k->path, k, &B, dir) == 0)
        fail_msg("a snapshot with %s was read", what);
    loaded_free(&B);
}

/* Datasets no load makes, saved as they are: only the checks of the values
 * themselves, and the id index made on reading, can refuse them. */
static void test_consistent_but_wrong(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/data/examples/broken", srcdir());
    struct loaded A;
    struct cache_key k;
    size_t n;
    free(snapshot_of(dir, &A, &k, &n));
    /* a linkage from a firm to itself */
    uint32_t source0 = A.ds.links.source[0];
    A.ds.links.source[0] = A.ds.links.target[0];
    expect_saved_refused(&A, &k, dir, "a linkage from a firm to itself");
    A.ds.links.source[0] = source0;
    /* two firms of one id, by the same slot, or one id short enough for a slot but in
     * the strings */
    strref id1 = A.ds.firms.id[1];
    A.ds.firms.id[1] = A.ds.firms.id[0];
    expect_saved_refused(&A, &k, dir, "one id twice");
    const char *id0 = dataset_firm_id(&A.ds, 0);
    A.ds.firms.id[1] = strpool_add_even(&A.ds.pool, id0, strlen(id0));
    expect_saved_refused(&A, &k, dir, "a short id in the strings");
    A.ds.firms.id[1] = id1;
    loaded_free(&A);
    unlink(k.path);
}

/* What the front ends do with a dataset, so that a snapshot read back from damage
 * it could not tell (a line number, a letter of a name) is used safely (ASan). */
static void use_everything(const struct loaded *L)
{
    const struct dataset *ds = &L->ds;
    size_t total = 0;
    for (uint32_t i = 0; i < ds->firms.n; i++) {
        const strref r[] = {ds->firms.name[i], ds->firms.alias[i], catcol_get(&ds->firms.location, i),
                            catcol_get(&ds->firms.ownership, i), catcol_get(&ds->firms.role, i), ds->industry_name[ds->firms.industry[i]]};
        for (size_t j = 0; j < sizeof r / sizeof *r; j++)
            total += strlen(dataset_str(ds, r[j]));
        for (uint32_t x = 0; x < ds->firms.extra.n; x++)
            total += strlen(dataset_str(ds, ds->firms.extra.value[(size_t)i * ds->firms.extra.n + x]));
        const char *id = dataset_firm_id(ds, i);
        uint32_t f = dataset_find_firm(ds, id, strlen(id));
        assert_true(f == FIRM_NONE || f < ds->firms.n);
    }
    for (uint32_t e = 0; e < ds->links.n; e++)
        total += strlen(dataset_str(ds, ds->links.note[e])) + strlen(dataset_str(ds, ds->links.ref[e]));
    struct textbuf tb = {0};
    for (size_t i = 0; i < L->dg.n; i++)
        total += strlen(diag_message(&L->dg, ds, &L->dg.v[i], &tb)) + strlen(L->dg.path[L->dg.v[i].file]) +
                 strlen(diag_code_name(L->dg.v[i].code));
    textbuf_free(&tb);
    /* the graph read back is the one graph_build makes */
    struct graph g;
    graph_build(&g, ds);
    SAME(g.out_start, L->g.out_start, (size_t)g.n + 1);
    SAME(g.in_start, L->g.in_start, (size_t)g.n + 1);
    SAME(g.out_nbr, L->g.out_nbr, g.m);
    SAME(g.out_link, L->g.out_link, g.m);
    SAME(g.in_nbr, L->g.in_nbr, g.m);
    SAME(g.in_link, L->g.in_link, g.m);
    graph_free(&g);
    struct layer_spec all;
    memset(&all, 0, sizeof all);
    struct layer ly;
    layer_build(&ly, ds, &all);
    struct simple_graph s;
    simple_build(&s, ds, &L->g, &ly);
    simple_free(&s);
    layer_free(&ly);
    /* and a dataset read from a snapshot grows like any other */
    struct dataset *w = (struct dataset *)ds;
    struct firm_record fr;
    memset(&fr, 0, sizeof fr);
    fr.id = "grown-after-load";
    fr.name = "New";
    fr.industry = "footwear";
    fr.location = "Ouhai";
    uint32_t f = dataset_add_firm(w, &fr);
    assert_true(f != FIRM_NONE);
    assert_int_equal(dataset_find_firm(w, "grown-after-load", 16), f);
    struct link_record lr;
    memset(&lr, 0, sizeof lr);
    lr.source = f;
    lr.target = 0;
    lr.note = "a note";
    dataset_add_link(w, &lr);
    assert_true(total > 0);
}

/* Random bytes changed and the checksums resealed: refused, or read and safe to use. */
static void test_resealed_fuzz(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/extras", work);
    make_fixture(dir, extras_firms, extras_links);
    struct loaded A, B;
    struct cache_key k;
    size_t n;
    char *orig = snapshot_of(dir, &A, &k, &n);
    char *buf = xmalloc(n);
    size_t read_back = 0;
    const char *env = getenv("SNAPSHOT_FUZZ_ROUNDS");
    long rounds = env ? atol(env) : 2000;
    for (long r = 0; r < rounds; r++) {
        memcpy(buf, orig, n);
        int flips = 1 + (int)(rng() % 3);
        for (int i = 0; i < flips; i++) {
            /* past the header mostly: a damaged header is refused before anything else */
            size_t pos = rng() % 4 ? 512 + rng() % (n - 512) : rng() % n;
            buf[pos] = (char)rng();
        }
        put_file(k.path, buf, n);
        assert_int_equal(snapshot_reseal(k.path), 0);
        if (try_load(k.path, &k, &B, dir) == 0) {
            read_back++;
            use_everything(&B);
        }
        loaded_free(&B);
    }
    print_message("resealed fuzz: %zu of %ld damaged snapshots were read back and used safely\n", read_back,
                  rounds);
    free(buf);
    free(orig);
    loaded_free(&A);
    unlink(k.path);
}

/* A snapshot of an older format (4 kept a line number a row, 3 the id index and the
 * graph) is refused by its header alone, and the load parses the CSV and writes the
 * snapshot again. */
static void test_old_format(void **state)
{
    (void)state;
    empty_cache();
    char dir[256];
    snprintf(dir, sizeof dir, "%s/old-format", work);
    copy_dataset(FIRMNET_SRCDATADIR "/examples/broken", dir);
    load_until_cached(dir, NULL);
    struct cache_key k;
    key_for(&k, dir, NULL);
    size_t n;
    char *bytes = read_all(k.path, &n);
    uint32_t format;
    memcpy(&format, bytes + 8, 4); /* after the magic */
    assert_true(format >= 5);
    format = 4;
    memcpy(bytes + 8, &format, 4);
    put_file(k.path, bytes, n);
    assert_int_equal(snapshot_reseal(k.path), 0); /* right checksums: the format alone refuses it */
    struct loaded B;
    blank(&B, dir);
    char why[SNAPSHOT_WHY_MAX];
    assert_int_equal(snapshot_load(k.path, &k.snap, &B.ds, &B.dg, &B.g, why), -1);
    assert_non_null(strstr(why, "another format"));
    loaded_free(&B);
    struct loaded A, C;
    load_with(&A, dir, NULL, 0);
    load_with(&C, dir, NULL, LOAD_CACHE | LOAD_CACHE_QUIET);
    expect_same(&A, &C);
    loaded_free(&C);
    assert_true(cached_now(dir, NULL)); /* written again in this format */
    load_with(&C, dir, NULL, LOAD_CACHE | LOAD_CACHE_QUIET);
    expect_same(&A, &C);
    loaded_free(&C);
    loaded_free(&A);
    free(bytes);
}

/* The findings kept per code join the key: a load keeping every finding (check --all)
 * and one keeping the default each find their own snapshot, and neither replaces the
 * other's. */
static void test_keep_coexists(void **state)
{
    (void)state;
    empty_cache();
    char dir[256];
    snprintf(dir, sizeof dir, "%s/keep", work);
    copy_dataset(FIRMNET_SRCDATADIR "/examples/broken", dir);
    char f[512], l[512];
    snprintf(f, sizeof f, "%s/firms.csv", dir);
    snprintf(l, sizeof l, "%s/linkages.csv", dir);
    struct cache_key kd, ka, kd2;
    assert_int_equal(cache_key_make(&kd, f, l, NULL, 0, NULL, DIAG_KEEP_DEFAULT, 1), 0);
    assert_int_equal(cache_key_make(&ka, f, l, NULL, 0, NULL, 0, 1), 0);
    assert_int_equal(cache_key_make(&kd2, f, l, NULL, 0, NULL, 1, 1), 0);
    assert_string_not_equal(kd.path, ka.path);
    assert_string_not_equal(kd.path, kd2.path);
    static const uint32_t keeps[] = {DIAG_KEEP_DEFAULT, 0, 1};
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < 3; i++) {
            struct loaded A, C;
            memset(&A, 0, sizeof A);
            memset(&C, 0, sizeof C);
            diag_init(&A.dg);
            diag_set_keep(&A.dg, keeps[i]);
            A.rc = load_dataset_graph(&A.ds, &A.dg, &A.g, dir, NULL);
            int hit = 0;
            for (int tries = 0; tries < 1000 && !hit; tries++) {
                if (tries)
                    loaded_free(&C), sleep_ms(10);
                memset(&C, 0, sizeof C);
                diag_init(&C.dg);
                diag_set_keep(&C.dg, keeps[i]);
                struct load_options o;
                memset(&o, 0, sizeof o);
                o.cache = LOAD_CACHE | LOAD_CACHE_QUIET;
                C.rc = load_dataset_graph(&C.ds, &C.dg, &C.g, dir, &o);
                struct cache_key k;
                assert_int_equal(cache_key_make(&k, f, l, NULL, 0, NULL, keeps[i], 1), 0);
                struct loaded B;
                blank(&B, dir);
                diag_set_keep(&B.dg, keeps[i]);
                char why[SNAPSHOT_WHY_MAX];
                hit = snapshot_load(k.path, &k.snap, &B.ds, &B.dg, &B.g, why) == 0;
                loaded_free(&B);
            }
            assert_true(hit);
            expect_same(&A, &C);
            loaded_free(&A);
            loaded_free(&C);
            /* the second round finds every snapshot the first wrote */
            assert_int_equal(cache_files(), round ? 3 : (int)i + 1);
        }
}

/* The same on two threads, as a snapshot of 32 MiB or more is read: the readers'
 * shares, and the graph built while the id index is (its failure, two firms of one
 * id, found while the graph's thread still reads the linkages). */
static void test_threaded(void **state)
{
    snapshot_test_threads(1);
    test_same_as_csv(state);
    test_damaged_values(state);
    test_consistent_but_wrong(state);
    snapshot_test_threads(0);
}

static int setup(void **state)
{
    (void)state;
    strcpy(work, "/tmp/firmnet-snapshot-XXXXXX");
    if (!mkdtemp(work))
        return -1;
    snprintf(cache, sizeof cache, "%s/cache", work);
    if (mkdir(cache, 0700) != 0)
        return -1;
    /* this test's own cache, whatever the suite's environment says */
    setenv("FIRMNET_CACHE_DIR", cache, 1);
    setenv("FIRMNET_CACHE_MIN", "0", 1);
    unsetenv("FIRMNET_CACHE");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_tree(work);
    return 0;
}

/* ---- progress ---- */

struct heard {
    int begun, given_up;    /* snapshot(ctx, 1) and (ctx, 0) calls */
    unsigned steps;
    uint64_t last_done, last_total;
    int backwards;          /* a report below the one before */
};

static void heard_step(void *ctx, uint64_t done, uint64_t total)
{
    struct heard *h = ctx;
    if (h->steps && (done < h->last_done || total != h->last_total))
        h->backwards = 1;
    h->steps++;
    h->last_done = done;
    h->last_total = total;
}

static void heard_snapshot(void *ctx, int reading)
{
    struct heard *h = ctx;
    if (reading)
        h->begun++;
    else
        h->given_up++;
}

/* A snapshot read says that it is one and how far it is, as parsing does: the
 * explorer's start screen shows "reading the snapshot of NAME … 37%" from it. From the
 * first report on the counts only grow, and the last is the whole. A parse (no
 * snapshot yet, or the cache off) never says "snapshot". */
static void test_progress(void **state)
{
    (void)state;
    char dir[256];
    snprintf(dir, sizeof dir, "%s/data/wenzhou", srcdir());
    struct load_options o;
    memset(&o, 0, sizeof o);
    struct heard h;
    memset(&h, 0, sizeof h);
    o.progress = heard_step;
    o.snapshot = heard_snapshot;
    o.progress_ctx = &h;
    struct loaded L;
    load_with(&L, dir, &o, 0);
    assert_int_equal(L.rc, 0);
    loaded_free(&L);
    assert_int_equal(h.begun, 0);
    assert_true(h.steps > 0);

    load_until_cached(dir, NULL);
    for (int threads = 0; threads < 2; threads++) { /* one reader, then two and the graph's thread */
        snapshot_test_threads(threads);
        memset(&h, 0, sizeof h);
        load_with(&L, dir, &o, LOAD_CACHE | LOAD_CACHE_QUIET);
        assert_int_equal(L.rc, 0);
        assert_int_equal(L.ds.firms.n, 739);
        loaded_free(&L);
        assert_int_equal(h.begun, 1);
        assert_int_equal(h.given_up, 0);
        assert_true(h.steps >= 3); /* the sections, the id index, the graph */
        assert_false(h.backwards);
        assert_true(h.last_total > 0);
        assert_int_equal(h.last_done, h.last_total);
    }
    snapshot_test_threads(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_csv),
        cmocka_unit_test(test_stale_and_reused),
        cmocka_unit_test(test_switches),
        cmocka_unit_test(test_unwritable_cache),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_flipped),
        cmocka_unit_test(test_damaged_values),
        cmocka_unit_test(test_consistent_but_wrong),
        cmocka_unit_test(test_resealed_fuzz),
        cmocka_unit_test(test_old_format),
        cmocka_unit_test(test_keep_coexists),
        cmocka_unit_test(test_threaded),
        cmocka_unit_test(test_progress),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
