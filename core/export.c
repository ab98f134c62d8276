#include "export_impl.h"
#include "xalloc.h"
#include "xmllib.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct { const char *name, *ext; } formats[] = {
#define X(e, name, ext) {name, ext},
    EXPORT_FORMATS(X)
#undef X
};

int export_parse_format(const char *s, enum export_format *f)
{
    for (unsigned i = 0; i < EXPORT_FORMAT_COUNT; i++)
        if (!strcasecmp(s, formats[i].name)) {
            *f = (enum export_format)i;
            return 0;
        }
    if (!strcasecmp(s, "net")) {
        *f = EXPORT_PAJEK;
        return 0;
    }
    if (!strcasecmp(s, "csv")) {
        *f = EXPORT_DATASET;
        return 0;
    }
    return -1;
}

const char *export_format_name(enum export_format f) { return f < EXPORT_FORMAT_COUNT ? formats[f].name : "?"; }
const char *export_format_ext(enum export_format f) { return f < EXPORT_FORMAT_COUNT ? formats[f].ext : ""; }

void export_format_double(double d, char buf[EXPORT_VALUE_BUF])
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, EXPORT_VALUE_BUF, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

/* --- attributes --- */

/* The firm attributes: the fixed columns but the id (the node's own), in their
 * order, then the extra columns. */
_Static_assert(FC_ID == 0, "the id is the first firm column");
enum { FA_COUNT = FC_COUNT - 1 };
static unsigned firm_attr_column(unsigned a) { return a + 1; }
enum { LA_TYPE, LA_FORM, LA_SCALE, LA_MUTUAL, LA_SINCE, LA_UNTIL, LA_WEIGHT, LA_NOTE, LA_REF, LA_COUNT };
static const char *const link_attr_names[LA_COUNT] = {"type", "form", "scale", "mutual",
                                                      "since", "until", "weight", "note", "ref"};

unsigned export_firm_nattrs(const struct dataset *ds) { return FA_COUNT + ds->firms.extra.n; }

const char *export_firm_attr_name(const struct dataset *ds, unsigned a)
{
    return a < FA_COUNT ? dataset_firm_column_name(firm_attr_column(a))
                        : dataset_str(ds, ds->firms.extra.name[a - FA_COUNT]);
}

enum export_kind export_firm_attr_kind(const struct dataset *ds, unsigned a)
{
    (void)ds;
    unsigned c = firm_attr_column(a);
    return a < FA_COUNT && (c == FC_EMPLOYEES || c == FC_FOUNDED) ? EK_INT : EK_STRING;
}

static void set_str(struct export_value *v, const char *s)
{
    v->kind = EK_STRING;
    v->text = s;
    v->present = *s != '\0';
}

static void set_int(struct export_value *v, long long i, int present, char *buf)
{
    v->kind = EK_INT;
    v->i = i;
    v->present = present;
    snprintf(buf, EXPORT_VALUE_BUF, "%lld", i);
    v->text = buf;
}

void export_firm_value(const struct dataset *ds, uint32_t firm, unsigned a, struct export_value *v,
                       char buf[EXPORT_VALUE_BUF])
{
    const struct firm_table *f = &ds->firms;
    memset(v, 0, sizeof *v);
    if (a >= FA_COUNT) {
        set_str(v, dataset_str(ds, f->extra.value[(size_t)firm * f->extra.n + (a - FA_COUNT)]));
        return;
    }
    unsigned c = firm_attr_column(a);
    if (c == FC_EMPLOYEES)
        set_int(v, f->employees[firm], f->employees[firm] != EMPLOYEES_NONE, buf);
    else if (c == FC_FOUNDED)
        set_int(v, f->founded[firm], f->founded[firm] != YEAR_NONE, buf);
    else
        set_str(v, dataset_firm_text(ds, firm, c, NULL));
}

/* A derived linkage attribute is hidden when an extra column has its name. */
static int link_hidden(const struct dataset *ds, unsigned base)
{
    if (base != LA_SCALE && base != LA_MUTUAL)
        return 0;
    for (uint32_t k = 0; k < ds->links.extra.n; k++)
        if (!strcasecmp(dataset_str(ds, ds->links.extra.name[k]), link_attr_names[base]))
            return 1;
    return 0;
}

/* Maps an attribute number to a base slot (< LA_COUNT) or LA_COUNT + extra column. */
static unsigned link_slot(const struct dataset *ds, unsigned a)
{
    for (unsigned b = 0; b < LA_COUNT; b++) {
        if (link_hidden(ds, b))
            continue;
        if (a-- == 0)
            return b;
    }
    return LA_COUNT + a;
}

unsigned export_link_nattrs(const struct dataset *ds)
{
    unsigned n = ds->links.extra.n;
    for (unsigned b = 0; b < LA_COUNT; b++)
        n += !link_hidden(ds, b);
    return n;
}

const char *export_link_attr_name(const struct dataset *ds, unsigned a)
{
    unsigned s = link_slot(ds, a);
    return s < LA_COUNT ? link_attr_names[s] : dataset_str(ds, ds->links.extra.name[s - LA_COUNT]);
}

enum export_kind export_link_attr_kind(const struct dataset *ds, unsigned a)
{
    switch (link_slot(ds, a)) {
    case LA_MUTUAL: return EK_BOOL;
    case LA_SINCE: case LA_UNTIL: return EK_INT;
    case LA_WEIGHT: return EK_DOUBLE;
    default: return EK_STRING;
    }
}

void export_link_value(const struct dataset *ds, uint32_t e, unsigned a, struct export_value *v,
                       char buf[EXPORT_VALUE_BUF])
{
    const struct link_table *l = &ds->links;
    unsigned s = link_slot(ds, a);
    memset(v, 0, sizeof *v);
    switch (s) {
    case LA_TYPE: set_str(v, vocab_type_name(l->type[e])); break;
    case LA_FORM: set_str(v, vocab_form_name(l->form[e])); break;
    case LA_SCALE: set_str(v, vocab_scale_name(l->scale[e])); break;
    case LA_MUTUAL:
        v->kind = EK_BOOL;
        v->present = 1;
        v->i = !vocab_type_directed(l->type[e]);
        v->text = v->i ? "true" : "false";
        break;
    case LA_SINCE: set_int(v, l->since[e], l->since[e] != YEAR_NONE, buf); break;
    case LA_UNTIL: set_int(v, l->until[e], l->until[e] != YEAR_NONE, buf); break;
    case LA_WEIGHT:
        v->kind = EK_DOUBLE;
        v->present = 1;
        v->d = dataset_link_weight(ds, e);
        export_format_double(v->d, buf);
        v->text = buf;
        break;
    case LA_NOTE: set_str(v, dataset_str(ds, l->note[e])); break;
    case LA_REF: set_str(v, dataset_str(ds, l->ref[e])); break;
    default: set_str(v, dataset_str(ds, l->extra.value[(size_t)e * l->extra.n + (s - LA_COUNT)])); break;
    }
}

/* --- selection --- */

static void sel_build(struct export_sel *s, const struct dataset *ds, const struct layer *L, const uint8_t *firm_sel)
{
    memset(s, 0, sizeof *s);
    s->ds = ds;
    s->firm = xmalloc((ds->firms.n + 1) * sizeof *s->firm);
    s->pos = xmalloc((ds->firms.n + 1) * sizeof *s->pos);
    for (uint32_t v = 0; v < ds->firms.n; v++) {
        int on = L->firm_on[v] && (!firm_sel || firm_sel[v]);
        s->pos[v] = on ? s->n_firms : UINT32_MAX;
        if (on)
            s->firm[s->n_firms++] = v;
    }
    s->link = xmalloc((ds->links.n + 1) * sizeof *s->link);
    for (uint32_t e = 0; e < ds->links.n; e++)
        if (L->link_on[e] && s->pos[ds->links.source[e]] != UINT32_MAX && s->pos[ds->links.target[e]] != UINT32_MAX)
            s->link[s->n_links++] = e;
}

static void sel_free(struct export_sel *s)
{
    free(s->firm);
    free(s->pos);
    free(s->link);
}

/* --- files --- */

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int refuse_input(const struct dataset *ds, const char *path, struct export_error *err)
{
    if (same_file(path, ds->firms_path) || same_file(path, ds->links_path) || same_file(path, ds->dir)) {
        snprintf(err->msg, sizeof err->msg, "refusing to write %s: it is part of the dataset being read", path);
        return -1;
    }
    return 0;
}

typedef int (*writer_fn)(const struct export_sel *s, FILE *out);

static int write_one(const struct export_sel *s, writer_fn fn, const char *path, struct export_error *err)
{
    if (refuse_input(s->ds, path, err))
        return -1;
    struct atomicfile af;
    if (atomicfile_open(&af, path, err->msg))
        return -1;
    errno = 0;
    if (fn(s, af.fp) != 0 || ferror(af.fp)) {
        int e = errno ? errno : EIO;
        snprintf(err->msg, sizeof err->msg, "cannot write %s: %s", path, strerror(e));
        atomicfile_abort(&af);
        return -1;
    }
    return atomicfile_commit(&af, err->msg);
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

static int write_dataset(const struct export_sel *s, const char *dir, unsigned flags, struct export_error *err)
{
    struct stat st;
    if (refuse_input(s->ds, dir, err))
        return -1;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) {
            snprintf(err->msg, sizeof err->msg, "cannot create the directory %s: %s", dir, strerror(errno));
            return -1;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        snprintf(err->msg, sizeof err->msg, "cannot write a dataset into %s: not a directory", dir);
        return -1;
    }
    char *firms = path_join(dir, "firms.csv"), *links = path_join(dir, "linkages.csv");
    int rc = 0;
    if (!(flags & EXPORT_FORCE) && (access(firms, F_OK) == 0 || access(links, F_OK) == 0)) {
        snprintf(err->msg, sizeof err->msg, "%s already holds a dataset (use --force to replace it)", dir);
        rc = -1;
    }
    if (!rc)
        rc = write_one(s, export_write_firms_csv, firms, err);
    if (!rc)
        rc = write_one(s, export_write_links_csv, links, err);
    free(firms);
    free(links);
    return rc;
}

static int write_stdout(const struct export_sel *s, writer_fn fn, struct export_error *err)
{
    errno = 0;
    if (fn(s, stdout) != 0 || ferror(stdout)) {
        int e = errno ? errno : EIO;
        snprintf(err->msg, sizeof err->msg, "cannot write standard output: %s", strerror(e));
        return -1;
    }
    return atomicfile_check_stream(stdout, "standard output", err->msg);
}

int export_write(const struct dataset *ds, const struct layer *L, const uint8_t *firm_sel,
                 enum export_format f, const char *path, unsigned flags, struct export_counts *counts,
                 struct export_error *err)
{
    static const writer_fn single[EXPORT_FORMAT_COUNT] = {
        [EXPORT_GRAPHML] = export_write_graphml, [EXPORT_GEXF] = export_write_gexf,
        [EXPORT_PAJEK] = export_write_pajek,
        [EXPORT_PAJEK_PLAIN] = export_write_pajek_plain, [EXPORT_DOT] = export_write_dot,
        [EXPORT_JSON] = export_write_json,
    };
    struct export_sel s;
    struct export_counts dummy;
    if (!counts)
        counts = &dummy;
    memset(counts, 0, sizeof *counts);
    err->msg[0] = '\0';
    if (f >= EXPORT_FORMAT_COUNT) {
        snprintf(err->msg, sizeof err->msg, "unknown export format");
        return -1;
    }
    if (f == EXPORT_DATASET && !path) {
        snprintf(err->msg, sizeof err->msg, "a dataset is a directory: name it with -o DIR");
        return -1;
    }
    /* before any file is made: a library that cannot be loaded leaves nothing behind */
    if ((f == EXPORT_GRAPHML || f == EXPORT_GEXF) &&
        xmllib_open(f == EXPORT_GRAPHML ? "GraphML export" : "GEXF export", err->msg, sizeof err->msg))
        return -1;
    sel_build(&s, ds, L, firm_sel);
    counts->firms = s.n_firms;
    counts->links = s.n_links;
    int rc;
    if (f == EXPORT_DATASET) {
        rc = write_dataset(&s, path, flags, err);
    } else if (!path) {
        rc = write_stdout(&s, single[f], err);
    } else {
        rc = write_one(&s, single[f], path, err);
        if (!rc && (f == EXPORT_PAJEK || f == EXPORT_PAJEK_PLAIN)) {
            /* x.net -> x.clu; any other name just gets .clu added */
            size_t n = strlen(path);
            char *clu = xmalloc(n + 5);
            if (n > 4 && !strcasecmp(path + n - 4, ".net"))
                snprintf(clu, n + 5, "%.*s.clu", (int)(n - 4), path);
            else
                snprintf(clu, n + 5, "%s.clu", path);
            rc = write_one(&s, export_write_pajek_clu, clu, err);
            counts->wrote_clu = rc == 0;
            free(clu);
        }
    }
    sel_free(&s);
    return rc;
}

const char *export_xml_text(struct textbuf *tb, const char *s)
{
    const char *p = s;
    while (*p && ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    if (!*p)
        return s;
    size_t n = strlen(s);
    tb->len = 0;
    tb->buf = xgrow(tb->buf, &tb->cap, n * 3 + 1, 1);
    for (p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            memcpy(tb->buf + tb->len, "\xEF\xBF\xBD", 3);
            tb->len += 3;
        } else {
            tb->buf[tb->len++] = (char)c;
        }
    }
    tb->buf[tb->len] = '\0';
    return tb->buf;
}

static int sink_write(void *ctx, const char *buf, int len)
{
    struct export_xml_sink *k = ctx;
    if (fwrite(buf, 1, (size_t)len, k->fp) != (size_t)len) {
        if (!k->saved_errno)
            k->saved_errno = errno ? errno : EIO;
        return -1;
    }
    return len;
}

static int sink_close(void *ctx)
{
    (void)ctx; /* the stream belongs to the caller */
    return 0;
}

__attribute__((format(printf, 2, 3)))
static void xml_quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

void *export_xml_writer(struct export_xml_sink *sink)
{
    sink->saved_errno = 0;
    /* initialised explicitly so that export_library_cleanup frees what the
     * writer sets up (libxml2 cleans up only after xmlInitParser) */
    xmllib.InitParser();
    /* a failed write is reported once, by us, with the path */
    xmllib.SetGenericErrorFunc(NULL, xml_quiet);
    xmlOutputBufferPtr ob = xmllib.OutputBufferCreateIO(sink_write, sink_close, sink, NULL);
    if (!ob)
        return NULL;
    xmlTextWriterPtr w = xmllib.NewTextWriter(ob); /* owns ob from here */
    if (!w)
        xmllib.OutputBufferClose(ob);
    return w;
}

int export_xml_finish(struct export_xml_sink *sink, int rc)
{
    xmllib.SetGenericErrorFunc(NULL, NULL);
    if (sink->saved_errno) {
        errno = sink->saved_errno;
        return -1;
    }
    return rc;
}

int export_write_ego_svg(const struct dataset *ds, const struct ego_map *map, const char *path,
                         struct export_error *err)
{
    err->msg[0] = '\0';
    if (xmllib_open("SVG export", err->msg, sizeof err->msg))
        return -1;
    struct export_sel s;
    memset(&s, 0, sizeof s);
    s.ds = ds;
    s.map = map;
    return path ? write_one(&s, export_write_svg, path, err) : write_stdout(&s, export_write_svg, err);
}

void export_library_cleanup(void)
{
    xmllib_cleanup();
}
