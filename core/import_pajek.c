/* Pajek .net: *Vertices, *Arcs and *Edges (with relation headers ":k \"name\""),
 * *Arcslist and *Edgeslist; the relation name or the line label gives the type.
 * An industry partition in the .clu file beside x.net is read when present. */
#include "import_impl.h"
#include "xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PAJEK_MAX_VERTICES 50000000u

/* Whole file in memory, NUL-terminated: Pajek files are line-oriented and small
 * next to the dataset they become. */
static char *slurp(const char *path, size_t *len, char *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (err)
            snprintf(err, IMPORT_ERR_MAX, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, k;
    char *buf = xmalloc(cap + 1);
    while ((k = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap)
            buf = xrealloc(buf, (cap *= 2) + 1);
    }
    int bad = ferror(fp);
    int e = errno;
    fclose(fp);
    if (bad) {
        if (err)
            snprintf(err, IMPORT_ERR_MAX, "cannot read %s: %s", path, strerror(e));
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Splits the next line off *p (LF, CRLF or CR); returns NULL at the end. */
static char *next_line(char **p)
{
    char *s = *p;
    if (!*s)
        return NULL;
    char *e = s + strcspn(s, "\r\n");
    if (*e == '\r' && e[1] == '\n')
        *e++ = '\0';
    if (*e)
        *e++ = '\0';
    *p = e;
    return s;
}

/* Next blank-separated token of a line, a "quoted" one without its quotes;
 * NULL at the end of the line. Modifies the line. */
static char *next_token(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return NULL;
    char *tok;
    if (*s == '"') {
        tok = ++s;
        s += strcspn(s, "\"");
    } else {
        tok = s;
        s += strcspn(s, " \t");
    }
    if (*s)
        *s++ = '\0';
    *p = s;
    return tok;
}

static int parse_index(const char *s, uint32_t n, uint32_t *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v < 1 || v > n)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

enum section { S_NONE, S_VERTICES, S_ARCS, S_EDGES, S_ARCSLIST, S_EDGESLIST, S_SKIP };

struct pedge {
    uint32_t a, b, line;
    const char *weight, *label, *relation; /* borrowed from the file buffer */
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads x.clu beside x.net into ind (n entries, 0 = none); k names from comments. */
static void read_clu(const char *path, uint32_t n, char ***names_out, uint32_t *nnames, uint32_t *ind,
                     struct import_report *rep)
{
    size_t len = strlen(path);
    if (len < 5 || strcasecmp(path + len - 4, ".net"))
        return;
    char *clu = xstrdup(path);
    /* replaces the last four bytes of a copy that keeps its own terminator */
    memcpy(clu + len - 4, clu[len - 3] == 'N' ? ".CLU" : ".clu", 4); // NOLINT(bugprone-not-null-terminated-result)
    size_t blen;
    char *buf = slurp(clu, &blen, NULL);
    if (!buf) {
        free(clu);
        return;
    }
    char *p = buf, *line, **names = NULL;
    size_t names_cap = 0;
    uint32_t nn = 0, v = 0;
    int in_vertices = 0;
    while ((line = next_line(&p))) {
        char *q = line, *tok;
        if (line[0] == '%') {
            /* "% k name": our own export names the industries this way */
            q++;
            char *num = next_token(&q), *name = next_token(&q), *end;
            unsigned long k = num ? strtoul(num, &end, 10) : 0;
            if (name && k >= 1 && k <= n + 1000 && !*end) {
                if (k > nn) {
                    names = xgrow(names, &names_cap, k, sizeof *names);
                    memset(names + nn, 0, (k - nn) * sizeof *names);
                    nn = (uint32_t)k;
                }
                free(names[k - 1]);
                names[k - 1] = xstrdup(name);
            }
            continue;
        }
        if (line[0] == '*') {
            in_vertices = !strncasecmp(line, "*vertices", 9);
            continue;
        }
        while (in_vertices && (tok = next_token(&q)) && v < n)
            ind[v++] = (uint32_t)strtoul(tok, NULL, 10);
    }
    if (v != n)
        import_note(rep, "partition files whose length differs from the vertex count", "%s: %u of %u", clu, v, n);
    import_note(rep, "industries read from the Pajek partition file", "%s", clu);
    *names_out = names;
    *nnames = nn;
    free(buf);
    free(clu);
}

/* The state of one read of a .net file; label and edge are owned, the strings
 * they point to are in the file buffer. */
struct pajek {
    const char *path;
    struct import_report *rep;
    char *err;
    uint32_t lineno, n;
    char **label;              /* n + 1; the vertex labels */
    struct pedge *edge;
    size_t nedges, edges_cap;
    enum section sec;
    const char *relation;      /* of the current *Arcs or *Edges section */
    /* relation names seen in headers, by number, so ":3" alone finds its name */
    const char *relname[256];
    int have_vertices;
};

/* A "*Section" line; returns 0, or -1 with err set. */
static int pajek_section(struct pajek *pk, char *q)
{
    char *word = next_token(&q);
    pk->relation = NULL;
    if (!strcasecmp(word, "*vertices")) {
        char *num = next_token(&q), *end;
        unsigned long v = num ? strtoul(num, &end, 10) : 0;
        if (!num || *end || v > PAJEK_MAX_VERTICES || pk->have_vertices) {
            snprintf(pk->err, IMPORT_ERR_MAX, "%s:%u: %s", pk->path, pk->lineno,
                     pk->have_vertices ? "a second *Vertices section" : "*Vertices needs a vertex count");
            return -1;
        }
        if (next_token(&q))
            import_note(pk->rep, "two-mode networks (read as one set of vertices)", "line %u", pk->lineno);
        pk->n = (uint32_t)v;
        pk->label = xcalloc(pk->n + 1, sizeof *pk->label);
        pk->have_vertices = 1;
        pk->sec = S_VERTICES;
    } else if (!strcasecmp(word, "*arcs") || !strcasecmp(word, "*edges")) {
        pk->sec = !strcasecmp(word, "*arcs") ? S_ARCS : S_EDGES;
        char *rel = next_token(&q);
        if (rel && rel[0] == ':') {
            unsigned long k = strtoul(rel + 1, NULL, 10);
            char *name = next_token(&q);
            if (k < 256 && name)
                pk->relname[k] = name;
            pk->relation = k < 256 ? pk->relname[k] : name;
        }
    } else if (!strcasecmp(word, "*arcslist") || !strcasecmp(word, "*edgeslist")) {
        pk->sec = !strcasecmp(word, "*arcslist") ? S_ARCSLIST : S_EDGESLIST;
    } else if (!strcasecmp(word, "*network")) {
        pk->sec = S_NONE;
    } else {
        import_note(pk->rep, "Pajek sections firmnet does not read (skipped)", "%s", word);
        pk->sec = S_SKIP;
    }
    return 0;
}

static void pajek_add_edge(struct pajek *pk, struct pedge e)
{
    pk->edge = xgrow(pk->edge, &pk->edges_cap, pk->nedges + 1, sizeof *pk->edge);
    pk->edge[pk->nedges++] = e;
}

static void pajek_outside(struct pajek *pk)
{
    import_note(pk->rep, "lines naming a vertex outside 1..*Vertices (skipped)", "line %u", pk->lineno);
}

/* A line of an *Arcs, *Edges, *Arcslist or *Edgeslist section whose first token is
 * tok and the rest q. */
static void pajek_edge_line(struct pajek *pk, char *tok, char *q)
{
    uint32_t a, b;
    const char *rel = pk->relation;
    size_t tl = strlen(tok);
    if (tl > 1 && tok[tl - 1] == ':') { /* "k: a b w": a relation number before the line */
        unsigned long k = strtoul(tok, NULL, 10);
        rel = k < 256 ? pk->relname[k] : NULL;
        if (!(tok = next_token(&q)))
            return;
    }
    if (parse_index(tok, pk->n, &a)) {
        pajek_outside(pk);
        return;
    }
    if (pk->sec == S_ARCSLIST || pk->sec == S_EDGESLIST) {
        while ((tok = next_token(&q))) {
            if (parse_index(tok, pk->n, &b))
                pajek_outside(pk);
            else
                pajek_add_edge(pk, (struct pedge){a, b, pk->lineno, NULL, NULL, rel});
        }
        return;
    }
    if (!(tok = next_token(&q)) || parse_index(tok, pk->n, &b)) {
        pajek_outside(pk);
        return;
    }
    struct pedge e = {a, b, pk->lineno, NULL, NULL, rel};
    char *w = next_token(&q), *key = w;
    if (w && (w[0] == '-' || w[0] == '.' || (w[0] >= '0' && w[0] <= '9'))) {
        e.weight = w;
        key = next_token(&q);
    }
    /* parameters come in pairs; the line label (l) may be a type */
    while (key) {
        char *val = next_token(&q);
        if (!strcmp(key, "l") && val)
            e.label = val;
        key = next_token(&q);
    }
    pajek_add_edge(pk, e);
}

/* Reads the lines of buf into pk; returns 0, or -1 with err set. */
static int pajek_parse(struct pajek *pk, char *buf)
{
    char *p = buf, *line;
    while ((line = next_line(&p))) {
        pk->lineno++;
        if (pk->lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
            line += 3;
        char *q = line, *tok;
        if (line[0] == '%')
            continue;
        if (line[0] == '*') {
            if (pajek_section(pk, q))
                return -1;
            continue;
        }
        if (!(tok = next_token(&q)) || pk->sec == S_NONE || pk->sec == S_SKIP)
            continue;
        if (!pk->have_vertices) {
            snprintf(pk->err, IMPORT_ERR_MAX, "%s:%u: lines before the *Vertices section", pk->path, pk->lineno);
            return -1;
        }
        if (pk->sec != S_VERTICES) {
            pajek_edge_line(pk, tok, q);
            continue;
        }
        uint32_t a;
        char *lab = next_token(&q);
        if (parse_index(tok, pk->n, &a))
            import_note(pk->rep, "vertex lines with a number outside 1..*Vertices (skipped)", "line %u",
                        pk->lineno);
        else if (lab)
            pk->label[a - 1] = lab;
    }
    if (!pk->have_vertices) {
        snprintf(pk->err, IMPORT_ERR_MAX, "%s has no *Vertices section: not a Pajek network", pk->path);
        return -1;
    }
    return 0;
}

/* Labels become ids when they can be: all given, unique, without blanks around. */
static int pajek_labels_are_ids(char *const *label, uint32_t n)
{
    int ids_ok = n > 0;
    const char **sorted = xmalloc((n + 1) * sizeof *sorted);
    for (uint32_t v = 0; v < n && ids_ok; v++) {
        const char *l = label[v];
        size_t ll = l ? strlen(l) : 0;
        ids_ok = ll && l[0] != ' ' && l[ll - 1] != ' ';
        sorted[v] = l;
    }
    if (ids_ok) {
        qsort(sorted, n, sizeof *sorted, cmp_str);
        for (uint32_t v = 1; v < n && ids_ok; v++)
            ids_ok = strcmp(sorted[v - 1], sorted[v]) != 0;
    }
    free(sorted);
    return ids_ok;
}

/* The firms table: id, name (the label) and industry (the .clu partition); returns
 * the id of each vertex (owned by the caller, n + 1 entries, each freed). */
static char **pajek_firms(const struct pajek *pk, struct import_table *ft)
{
    uint32_t n = pk->n;
    int ids_ok = pajek_labels_are_ids(pk->label, n);
    if (!ids_ok && n)
        import_note(pk->rep, "vertex labels missing or not unique: vertex numbers are the firm ids", NULL);
    uint32_t *ind = xcalloc(n + 1, sizeof *ind), nnames = 0;
    char **names = NULL;
    read_clu(pk->path, n, &names, &nnames, ind, pk->rep);
    import_table_add_col(ft, "id");
    import_table_add_col(ft, "name");
    uint32_t icol = import_table_add_col(ft, "industry");
    char num[16];
    char **ids = xcalloc(n + 1, sizeof *ids);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t row = import_table_add_row(ft, 0);
        snprintf(num, sizeof num, "%u", v + 1);
        ids[v] = xstrdup(ids_ok ? pk->label[v] : num);
        import_table_set(ft, row, 0, ids[v], strlen(ids[v]), pk->rep);
        if (pk->label[v])
            import_table_set(ft, row, 1, pk->label[v], strlen(pk->label[v]), pk->rep);
        if (ind[v]) {
            const char *iname = ind[v] <= nnames && names[ind[v] - 1] ? names[ind[v] - 1] : NULL;
            snprintf(num, sizeof num, "%u", ind[v]);
            if (!iname)
                iname = num;
            import_table_set(ft, row, icol, iname, strlen(iname), pk->rep);
        }
    }
    for (uint32_t k = 0; k < nnames; k++)
        free(names[k]);
    free(names);
    free(ind);
    return ids;
}

/* The links table: source, target, type (the line label when it names a type, else
 * the relation), weight, and the other line labels. */
static void pajek_links(struct pajek *pk, struct import_table *lt, char *const *ids)
{
    struct import_report *rep = pk->rep;
    import_table_add_col(lt, "source");
    import_table_add_col(lt, "target");
    uint32_t tcol = import_table_add_col(lt, "type"), wcol = import_table_add_col(lt, "weight");
    int any_label = 0;
    for (size_t i = 0; i < pk->nedges; i++) {
        struct pedge *e = &pk->edge[i];
        if (e->label && vocab_parse_type(e->label, strlen(e->label)) != VOCAB_NONE)
            e->relation = e->label, e->label = NULL;
        any_label |= e->label != NULL;
    }
    uint32_t lcol = any_label ? import_table_add_col(lt, "label") : 0;
    for (size_t i = 0; i < pk->nedges; i++) {
        const struct pedge *e = &pk->edge[i];
        uint32_t row = import_table_add_row(lt, e->line);
        import_table_set(lt, row, 0, ids[e->a - 1], strlen(ids[e->a - 1]), rep);
        import_table_set(lt, row, 1, ids[e->b - 1], strlen(ids[e->b - 1]), rep);
        if (e->relation)
            import_table_set(lt, row, tcol, e->relation, strlen(e->relation), rep);
        if (e->weight)
            import_table_set(lt, row, wcol, e->weight, strlen(e->weight), rep);
        if (any_label && e->label)
            import_table_set(lt, row, lcol, e->label, strlen(e->label), rep);
    }
}

int import_read_pajek(struct import_table *ft, struct import_table *lt, const char *path,
                      struct import_report *rep, char *err)
{
    size_t len;
    char *buf = slurp(path, &len, err);
    if (!buf)
        return -1;
    struct pajek pk;
    memset(&pk, 0, sizeof pk);
    pk.path = path;
    pk.rep = rep;
    pk.err = err;
    int rc = pajek_parse(&pk, buf);
    if (!rc) {
        char **ids = pajek_firms(&pk, ft);
        pajek_links(&pk, lt, ids);
        for (uint32_t v = 0; v < pk.n; v++)
            free(ids[v]);
        free(ids);
    }
    free(pk.label);
    free(pk.edge);
    free(buf);
    return rc;
}
