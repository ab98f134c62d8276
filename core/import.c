#include "colwords.h"
#include "import_impl.h"
#include "text.h"
#include "xalloc.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int import_parse_format(const char *s, enum import_format *f)
{
    static const struct { const char *name; enum import_format f; } names[] = {
        {"graphml", IMPORT_GRAPHML}, {"pajek", IMPORT_PAJEK}, {"net", IMPORT_PAJEK},
        {"edgelist", IMPORT_EDGELIST}, {"csv", IMPORT_EDGELIST}, {"tsv", IMPORT_EDGELIST},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(s, names[i].name)) {
            *f = names[i].f;
            return 0;
        }
    return -1;
}

/* --- report --- */

void import_note(struct import_report *rep, const char *what, const char *fmt, ...)
{
    size_t i;
    for (i = 0; i < rep->n && rep->v[i].what != what; i++)
        ;
    if (i == rep->n) {
        rep->v = xgrow(rep->v, &rep->cap, rep->n + 1, sizeof *rep->v);
        rep->v[rep->n++] = (struct import_note){what, 0, NULL};
    }
    if (rep->v[i].count++ == 0 && fmt) {
        char buf[256];
        struct textbuf tb = {0};
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        rep->v[i].example = xstrdup(text_fit(&tb, buf, strlen(buf), 60, 0, 0));
        textbuf_free(&tb);
    }
}

void import_report_free(struct import_report *rep)
{
    for (size_t i = 0; i < rep->n; i++)
        free(rep->v[i].example);
    free(rep->v);
    memset(rep, 0, sizeof *rep);
}

/* --- staging table --- */

void import_table_init(struct import_table *t)
{
    memset(t, 0, sizeof *t);
    strpool_init(&t->pool);
}

void import_table_free(struct import_table *t)
{
    free(t->col);
    free(t->cell);
    free(t->line);
    strpool_free(&t->pool);
    memset(t, 0, sizeof *t);
}

uint32_t import_table_add_col(struct import_table *t, const char *name)
{
    t->col = xrealloc(t->col, (t->ncols + 1) * sizeof *t->col);
    t->col[t->ncols] = strpool_add(&t->pool, name, strlen(name));
    return t->ncols++;
}

uint32_t import_table_add_row(struct import_table *t, uint32_t line)
{
    if (t->nrows + 1 > t->cap) {
        size_t c = t->cap ? t->cap * 2 : 256;
        t->cell = xrealloc(t->cell, c * (t->ncols ? t->ncols : 1) * sizeof *t->cell);
        t->line = xrealloc(t->line, c * sizeof *t->line);
        t->cap = c;
    }
    memset(t->cell + (size_t)t->nrows * t->ncols, 0, t->ncols * sizeof *t->cell);
    t->line[t->nrows] = line;
    return t->nrows++;
}

void import_table_set(struct import_table *t, uint32_t row, uint32_t col, const char *s, size_t n,
                      struct import_report *rep)
{
    if (col >= t->ncols)
        return;
    size_t bad;
    if (text_utf8_valid(s, n, &bad) && !memchr(s, '\0', n)) {
        t->cell[(size_t)row * t->ncols + col] = n ? strpool_add(&t->pool, s, n) : 0;
        return;
    }
    /* keep what can be kept: each bad sequence or NUL becomes U+FFFD */
    char *fixed = xmalloc(n * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, n - i, &cp);
        if (cp == 0 || (cp == 0xFFFD && k == 1)) {
            /* bytes into a longer buffer that is terminated after the loop */
            memcpy(fixed + o, "\xEF\xBF\xBD", 3); // NOLINT(bugprone-not-null-terminated-result)
            o += 3;
        } else {
            memcpy(fixed + o, s + i, k);
            o += k;
        }
        i += k;
    }
    t->cell[(size_t)row * t->ncols + col] = strpool_add(&t->pool, fixed, o);
    free(fixed);
    import_note(rep, "values that were not valid UTF-8 or held NUL bytes (bad bytes replaced by U+FFFD)",
                "line %u", t->line[row]);
}

/* --- building the dataset --- */

static int parse_whole(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    /* other tools often write integers as doubles ("4200.0") */
    if (!*s || *end || errno || !isfinite(d) || d != floor(d) || d < (double)lo || d > (double)hi)
        return -1;
    *out = (long)d;
    return 0;
}

static int eq(const char *a, const char *b) { return !strcasecmp(a, b); }

/* Column roles in the staging tables. */
enum { ROLE_EXTRA = -1, ROLE_DROP = -2 };

static int firm_role(const struct import_table *t, uint32_t c, int have_name)
{
    const char *n = strpool_get(&t->pool, t->col[c]);
    if (c == 0)
        return FC_ID;
    for (unsigned k = 1; k < FC_COUNT; k++)
        if (eq(n, dataset_firm_column_name(k)))
            return (int)k;
    if (colwords_alias(COLWORDS_FIRMS, n, strlen(n)) == FC_NAME && !have_name)
        return FC_NAME;
    if (eq(n, "id"))
        return ROLE_DROP;
    return ROLE_EXTRA;
}

static int link_role(const struct import_table *t, uint32_t c, int have_type)
{
    const char *n = strpool_get(&t->pool, t->col[c]);
    if (c == 0)
        return LC_SOURCE;
    if (c == 1)
        return LC_TARGET;
    for (unsigned k = 2; k < LC_COUNT; k++)
        if (eq(n, dataset_link_column_name(k)))
            return (int)k;
    if (!have_type && colwords_alias(COLWORDS_LINKS, n, strlen(n)) == LC_TYPE)
        return LC_TYPE;
    /* derived from the ends and the type: firmnet computes them itself */
    if (eq(n, "scale") || eq(n, "mutual") || eq(n, "id") || eq(n, "key"))
        return ROLE_DROP;
    return ROLE_EXTRA;
}

/* Maps each column to a role; the first column a role gets wins, later ones of the
 * same role become extra columns. Returns the extra columns' names (owned array). */
static int *map_columns(const struct import_table *t, int firms, int *role_col, uint32_t nroles,
                        const char ***extra_names, uint32_t *n_extra, struct import_report *rep)
{
    int *role = xmalloc((t->ncols + 1) * sizeof *role);
    int have = 0;
    for (uint32_t c = 0; c < t->ncols; c++) {
        const char *n = strpool_get(&t->pool, t->col[c]);
        have |= firms ? eq(n, "name") : eq(n, "type");
    }
    for (uint32_t r = 0; r < nroles; r++)
        role_col[r] = -1;
    *extra_names = xcalloc(t->ncols + 1, sizeof **extra_names);
    *n_extra = 0;
    for (uint32_t c = 0; c < t->ncols; c++) {
        int r = firms ? firm_role(t, c, have) : link_role(t, c, have);
        if (r >= 0 && role_col[r] >= 0)
            r = ROLE_EXTRA;
        const char *n = strpool_get(&t->pool, t->col[c]);
        if (r == ROLE_EXTRA) {
            for (uint32_t j = 0; j < *n_extra; j++)
                if (eq((*extra_names)[j], n))
                    r = ROLE_DROP; /* two attributes of one name: the first wins */
            /* an extra column may not take a name the format reserves */
            for (unsigned k = 0; r == ROLE_EXTRA && k < (firms ? FC_COUNT : LC_COUNT); k++)
                if (eq(n, firms ? dataset_firm_column_name(k) : dataset_link_column_name(k)))
                    r = ROLE_DROP;
            if (r == ROLE_EXTRA && !*n)
                r = ROLE_DROP;
        }
        if (r >= 0) {
            role_col[r] = (int)c;
        } else if (r == ROLE_EXTRA) {
            (*extra_names)[(*n_extra)++] = n;
            import_note(rep, firms ? "firm attributes kept as extra columns of firms.csv"
                                   : "linkage attributes kept as extra columns of linkages.csv", "%s", n);
        } else if (c > (firms ? 0u : 1u)) {
            import_note(rep, firms ? "firm attributes dropped (duplicate or unnamed)"
                                   : "linkage attributes dropped (firmnet derives them, or duplicate)", "%s", n);
        }
        role[c] = r;
    }
    return role;
}

static const char *cell(const struct import_table *t, uint32_t row, int col)
{
    return col < 0 ? "" : import_table_get(t, row, (uint32_t)col);
}

/* Adds a firm known only as an edge end. */
static uint32_t add_implicit_firm(struct dataset *ds, const char *id, uint32_t n_extra, const char *const *empty,
                                  struct import_report *rep)
{
    struct firm_record fr = {.id = id, .name = id, .industry = "unknown", .scale = SCALE_LOCAL,
                             .employees = EMPLOYEES_NONE, .founded = YEAR_NONE, .extra = n_extra ? empty : NULL};
    import_note(rep, "firms known only as edge ends (name = id, industry \"unknown\")", "%s", id);
    return dataset_add_firm(ds, &fr);
}

void import_build(struct dataset *ds, const struct import_table *ft, const struct import_table *lt,
                  const struct import_options *o, struct import_report *rep)
{
    int fcol[FC_COUNT], lcol[LC_COUNT];
    const char **fextra, **lextra;
    uint32_t nfx, nlx;
    int *frole = map_columns(ft, 1, fcol, FC_COUNT, &fextra, &nfx, rep);
    int *lrole = map_columns(lt, 0, lcol, LC_COUNT, &lextra, &nlx, rep);
    dataset_set_firm_extra(ds, nfx, fextra);
    dataset_set_link_extra(ds, nlx, lextra);
    dataset_reserve(ds, ft->nrows, lt->nrows);
    const char **fx = xcalloc(nfx + 1, sizeof *fx), **lx = xcalloc(nlx + 1, sizeof *lx);
    const char **empty = xcalloc(nfx + 1, sizeof *empty); /* NULL: not given */

    for (uint32_t r = 0; r < ft->nrows; r++) {
        const char *id = cell(ft, r, 0);
        if (!*id) {
            import_note(rep, "nodes without an id (skipped)", "line %u", ft->line[r]);
            continue;
        }
        struct firm_record fr = {.id = id, .line = ft->line[r], .employees = EMPLOYEES_NONE, .founded = YEAR_NONE};
        fr.name = cell(ft, r, fcol[FC_NAME]);
        if (!*fr.name) {
            fr.name = id;
            import_note(rep, "firms without a name (their id is used)", "%s", id);
        }
        fr.alias = cell(ft, r, fcol[FC_ALIAS]);
        fr.industry = cell(ft, r, fcol[FC_INDUSTRY]);
        if (!*fr.industry) {
            fr.industry = "unknown";
            import_note(rep, "firms without an industry (set to \"unknown\")", "%s", id);
        }
        fr.location = cell(ft, r, fcol[FC_LOCATION]);
        fr.ownership = cell(ft, r, fcol[FC_OWNERSHIP]);
        fr.role = cell(ft, r, fcol[FC_ROLE]);
        const char *s = cell(ft, r, fcol[FC_SCALE]);
        fr.scale = *s ? vocab_parse_scale(s, strlen(s)) : SCALE_LOCAL;
        if (fr.scale == VOCAB_NONE) {
            fr.scale = SCALE_LOCAL;
            import_note(rep, "scales that are not local, national or global (set to local)", "%s: %s", id, s);
        }
        long v;
        s = cell(ft, r, fcol[FC_EMPLOYEES]);
        if (*s && parse_whole(s, 0, INT32_MAX, &v) == 0)
            fr.employees = (int32_t)v;
        else if (*s)
            import_note(rep, "employee counts that are not whole numbers >= 0 (left out)", "%s: %s", id, s);
        s = cell(ft, r, fcol[FC_FOUNDED]);
        if (*s && parse_whole(s, YEAR_MIN, YEAR_MAX, &v) == 0)
            fr.founded = (int16_t)v;
        else if (*s)
            import_note(rep, "founding years outside " YEAR_MIN_S ".." YEAR_MAX_S " (left out)", "%s: %s", id, s);
        for (uint32_t c = 0, j = 0; c < ft->ncols; c++)
            if (frole[c] == ROLE_EXTRA)
                fx[j++] = *cell(ft, r, (int)c) ? cell(ft, r, (int)c) : NULL;
        fr.extra = nfx ? fx : NULL;
        if (dataset_add_firm(ds, &fr) == FIRM_NONE)
            import_note(rep, "nodes whose id was already used (skipped)", "%s", id);
    }

    for (uint32_t r = 0; r < lt->nrows; r++) {
        const char *sid = cell(lt, r, 0), *tid = cell(lt, r, 1);
        if (!*sid || !*tid) {
            import_note(rep, "edges without a source or target (skipped)", "line %u", lt->line[r]);
            continue;
        }
        if (!strcmp(sid, tid)) {
            import_note(rep, "self-loops (skipped: a linkage joins two firms)", "%s", sid);
            continue;
        }
        struct link_record lr = {.line = lt->line[r], .form = VOCAB_NONE};
        lr.source = dataset_find_firm(ds, sid, strlen(sid));
        if (lr.source == FIRM_NONE)
            lr.source = add_implicit_firm(ds, sid, nfx, empty, rep);
        lr.target = dataset_find_firm(ds, tid, strlen(tid));
        if (lr.target == FIRM_NONE)
            lr.target = add_implicit_firm(ds, tid, nfx, empty, rep);
        const char *s = cell(lt, r, lcol[LC_TYPE]);
        lr.type = *s ? vocab_parse_type(s, strlen(s)) : o->default_type;
        if (!*s) {
            import_note(rep, "edges without a type (given the default type)", "%s -> %s", sid, tid);
        } else if (lr.type == VOCAB_NONE) {
            lr.type = o->default_type;
            import_note(rep, "edge types firmnet does not know (given the default type)", "%s", s);
        }
        s = cell(lt, r, lcol[LC_FORM]);
        if (*s && (lr.form = vocab_parse_form(s, strlen(s))) == VOCAB_NONE)
            import_note(rep, "forms that are not material or non-material (the type's default used)", "%s", s);
        long v;
        s = cell(lt, r, lcol[LC_SINCE]);
        if (*s && parse_whole(s, YEAR_MIN, YEAR_MAX, &v) == 0)
            lr.since = (int16_t)v;
        else if (*s)
            import_note(rep, "since years outside " YEAR_MIN_S ".." YEAR_MAX_S " (left out)", "%s", s);
        s = cell(lt, r, lcol[LC_UNTIL]);
        if (*s && parse_whole(s, YEAR_MIN, YEAR_MAX, &v) == 0)
            lr.until = (int16_t)v;
        else if (*s)
            import_note(rep, "until years outside " YEAR_MIN_S ".." YEAR_MAX_S " (left out)", "%s", s);
        if (lr.since != YEAR_NONE && lr.until != YEAR_NONE && lr.until < lr.since) {
            import_note(rep, "until years before since (left out)", "%d < %d", lr.until, lr.since);
            lr.until = YEAR_NONE;
        }
        s = cell(lt, r, lcol[LC_WEIGHT]);
        if (*s) {
            char *end;
            double w = strtod(s, &end);
            if (*end || !isfinite(w) || w <= 0)
                import_note(rep, "weights that are not numbers > 0 (set to 1)", "%s", s);
            else
                lr.weight = w;
        }
        lr.note = cell(lt, r, lcol[LC_NOTE]);
        lr.ref = cell(lt, r, lcol[LC_REF]);
        for (uint32_t c = 0, j = 0; c < lt->ncols; c++)
            if (lrole[c] == ROLE_EXTRA)
                lx[j++] = *cell(lt, r, (int)c) ? cell(lt, r, (int)c) : NULL;
        lr.extra = nlx ? lx : NULL;
        dataset_add_link(ds, &lr);
    }
    free(frole);
    free(lrole);
    free(fextra);
    free(lextra);
    free(fx);
    free(lx);
    free(empty);
}

int import_read(struct dataset *ds, enum import_format f, const char *path, const struct import_options *o,
                struct import_report *rep, char *err)
{
    struct import_table ft, lt;
    import_table_init(&ft);
    import_table_init(&lt);
    dataset_init(ds);
    int rc;
    switch (f) {
    case IMPORT_GRAPHML: rc = import_read_graphml(&ft, &lt, path, rep, err); break;
    case IMPORT_PAJEK: rc = import_read_pajek(&ft, &lt, path, rep, err); break;
    default: rc = import_read_edgelist(&ft, &lt, path, o, rep, err); break;
    }
    if (rc == 0)
        import_build(ds, &ft, &lt, o, rep);
    import_table_free(&ft);
    import_table_free(&lt);
    return rc;
}
