/* GraphML through libxml2's streaming reader: keys become columns, node and edge
 * <data> become cells; key defaults apply to elements that lack the data. */
#include "import_impl.h"
#include "text.h"
#include "xalloc.h"
#include "xmllib.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct gkey {
    char *id;           /* owned */
    int for_node, for_edge;
    uint32_t fcol, lcol; /* column in the firm or link table */
    char *def;          /* owned default value, or NULL */
};

struct gml {
    struct import_table *ft, *lt;
    struct import_report *rep;
    struct gkey *key;
    size_t nkeys, keys_cap;
    int in_graph;        /* a <graph> has started: no more keys */
    int cur;             /* 0 none, 1 node, 2 edge */
    uint32_t row;        /* row of the open node or edge */
    uint8_t *given;      /* per column of the open element: data seen */
    size_t given_cap;
    char *err;
    int failed;
};

static char *attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmllib.TextReaderGetAttribute(r, BAD_CAST name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmllib_free(v);
    return s;
}

static void on_error(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
    struct gml *g = arg;
    if (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR)
        return;
    if (!g->failed) {
        /* libxml2 quotes the document (a URI, a name) in its message: the file's
         * controls must not reach the terminal raw */
        struct textbuf tb = {0};
        const char *clean = text_sanitize(&tb, msg, strcspn(msg, "\n"), TEXT_DISPLAY, 0);
        int n = tb.len > 200 ? 200 : (int)tb.len; /* cut on a character boundary */
        while (n > 0 && ((unsigned char)clean[n] & 0xC0) == 0x80)
            n--;
        snprintf(g->err, IMPORT_ERR_MAX, "%d: not well-formed XML: %.*s", xmllib.TextReaderLocatorLineNumber(loc),
                 n, clean);
        textbuf_free(&tb);
    }
    g->failed = 1;
}

static void read_key(struct gml *g, xmlTextReaderPtr r)
{
    char *id = attr(r, "id"), *for_ = attr(r, "for"), *name = attr(r, "attr.name");
    int empty = xmllib.TextReaderIsEmptyElement(r);
    int line = xmllib.TextReaderGetParserLineNumber(r);
    char *def = NULL;
    if (!empty) {
        /* the only child that matters is <default> */
        int depth = xmllib.TextReaderDepth(r);
        while (xmllib.TextReaderRead(r) == 1 && xmllib.TextReaderDepth(r) > depth) {
            if (xmllib.TextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
                !strcmp((const char *)xmllib.TextReaderConstLocalName(r), "default")) {
                xmlChar *v = xmllib.TextReaderReadString(r);
                free(def);
                def = xstrdup(v ? (const char *)v : "");
                xmllib_free(v);
            }
        }
    }
    if (!id || g->in_graph) {
        import_note(g->rep, g->in_graph ? "keys declared after the graph started (ignored)" : "keys without an id (ignored)",
                    "line %d", line);
        free(id); free(for_); free(name); free(def);
        return;
    }
    struct gkey k = {.id = id, .def = def};
    k.for_node = !for_ || !strcmp(for_, "node") || !strcmp(for_, "all");
    k.for_edge = !for_ || !strcmp(for_, "edge") || !strcmp(for_, "all");
    if (for_ && !k.for_node && !k.for_edge)
        import_note(g->rep, "graph-level attributes (ignored)", "%s", name ? name : id);
    if (k.for_node)
        k.fcol = import_table_add_col(g->ft, name ? name : id);
    if (k.for_edge)
        k.lcol = import_table_add_col(g->lt, name ? name : id);
    g->key = xgrow(g->key, &g->keys_cap, g->nkeys + 1, sizeof *g->key);
    g->key[g->nkeys++] = k;
    free(for_);
    free(name);
}

static void open_element(struct gml *g, int kind, uint32_t row)
{
    struct import_table *t = kind == 1 ? g->ft : g->lt;
    g->cur = kind;
    g->row = row;
    g->given = xgrow(g->given, &g->given_cap, t->ncols + 1, 1);
    memset(g->given, 0, t->ncols + 1);
}

static void close_element(struct gml *g)
{
    if (!g->cur)
        return;
    struct import_table *t = g->cur == 1 ? g->ft : g->lt;
    for (size_t i = 0; i < g->nkeys; i++) {
        struct gkey *k = &g->key[i];
        if (!k->def || !(g->cur == 1 ? k->for_node : k->for_edge))
            continue;
        uint32_t c = g->cur == 1 ? k->fcol : k->lcol;
        if (!g->given[c])
            import_table_set(t, g->row, c, k->def, strlen(k->def), g->rep);
    }
    g->cur = 0;
}

static void read_data(struct gml *g, xmlTextReaderPtr r)
{
    char *key = attr(r, "key");
    int line = xmllib.TextReaderGetParserLineNumber(r);
    xmlChar *v = xmllib.TextReaderReadString(r);
    const char *s = v ? (const char *)v : "";
    size_t i;
    for (i = 0; key && i < g->nkeys && strcmp(g->key[i].id, key); i++)
        ;
    if (!g->cur) {
        /* <data> of the graph or the document: nothing in a dataset holds it */
    } else if (!key || i == g->nkeys || !(g->cur == 1 ? g->key[i].for_node : g->key[i].for_edge)) {
        import_note(g->rep, "<data> whose key is not declared for it (ignored)", "line %d: key %s", line,
                    key ? key : "(none)");
    } else {
        uint32_t c = g->cur == 1 ? g->key[i].fcol : g->key[i].lcol;
        import_table_set(g->cur == 1 ? g->ft : g->lt, g->row, c, s, strlen(s), g->rep);
        g->given[c] = 1;
    }
    xmllib_free(v);
    free(key);
}

int import_read_graphml(struct import_table *ft, struct import_table *lt, const char *path,
                        struct import_report *rep, char *err)
{
    struct gml g = {.ft = ft, .lt = lt, .rep = rep, .err = err};
    import_table_add_col(ft, "id");
    import_table_add_col(lt, "source");
    import_table_add_col(lt, "target");
    /* no network access and no entity expansion: a file cannot make us fetch or balloon */
    /* libxml2 does not say why a file cannot be opened: ask the system first */
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        snprintf(err, IMPORT_ERR_MAX, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    int is_dir = fstat(fileno(probe), &st) == 0 && S_ISDIR(st.st_mode);
    fclose(probe);
    if (is_dir) {
        snprintf(err, IMPORT_ERR_MAX, "cannot read %s: it is a directory", path);
        return -1;
    }
    if (xmllib_open("GraphML import", err, IMPORT_ERR_MAX))
        return -1;
    xmllib.InitParser(); /* so that export_library_cleanup frees libxml2's globals */
    xmlTextReaderPtr r = xmllib.ReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (!r) {
        snprintf(err, IMPORT_ERR_MAX, "cannot read %s", path);
        return -1;
    }
    xmllib.TextReaderSetErrorHandler(r, on_error, &g);
    int ret, seen_root = 0, graphs = 0, undirected = 0;
    while ((ret = xmllib.TextReaderRead(r)) == 1 && !g.failed) {
        int type = xmllib.TextReaderNodeType(r);
        const char *name = (const char *)xmllib.TextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if ((!strcmp(name, "node") && g.cur == 1) || (!strcmp(name, "edge") && g.cur == 2))
                close_element(&g);
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (!seen_root) {
            seen_root = 1;
            if (strcmp(name, "graphml")) {
                snprintf(err, IMPORT_ERR_MAX, "%s is not GraphML (the document is <%s>, not <graphml>)", path, name);
                g.failed = 2;
                break;
            }
            continue;
        }
        int empty = xmllib.TextReaderIsEmptyElement(r);
        int line = xmllib.TextReaderGetParserLineNumber(r);
        if (!strcmp(name, "key")) {
            read_key(&g, r);
        } else if (!strcmp(name, "graph")) {
            char *ed = attr(r, "edgedefault");
            if (ed && !strcmp(ed, "undirected"))
                undirected = 1;
            free(ed);
            if (graphs++)
                import_note(rep, "nested or further graphs (merged into one)", "line %d", line);
            g.in_graph = 1;
            if (g.cur) /* a graph inside a node: close the node so its data stays its own */
                close_element(&g);
        } else if (!strcmp(name, "node")) {
            close_element(&g);
            g.in_graph = 1; /* columns are fixed once rows exist */
            char *id = attr(r, "id");
            uint32_t row = import_table_add_row(ft, (uint32_t)line);
            if (id)
                import_table_set(ft, row, 0, id, strlen(id), rep);
            free(id);
            open_element(&g, 1, row);
            if (empty)
                close_element(&g);
        } else if (!strcmp(name, "edge")) {
            close_element(&g);
            g.in_graph = 1;
            char *s = attr(r, "source"), *t = attr(r, "target");
            uint32_t row = import_table_add_row(lt, (uint32_t)line);
            if (s)
                import_table_set(lt, row, 0, s, strlen(s), rep);
            if (t)
                import_table_set(lt, row, 1, t, strlen(t), rep);
            free(s);
            free(t);
            open_element(&g, 2, row);
            if (empty)
                close_element(&g);
        } else if (!strcmp(name, "data")) {
            read_data(&g, r);
        } else if (!strcmp(name, "hyperedge")) {
            import_note(rep, "hyperedges (ignored)", "line %d", line);
        }
    }
    if (ret < 0 && !g.failed)
        snprintf(err, IMPORT_ERR_MAX, "%s: not well-formed XML", path);
    else if (g.failed == 1) {
        char tmp[IMPORT_ERR_MAX];
        snprintf(tmp, sizeof tmp, "%s", err);
        snprintf(err, IMPORT_ERR_MAX, "%s:%.*s", path, IMPORT_ERR_MAX - 64, tmp);
    } else if (!seen_root && !g.failed) {
        snprintf(err, IMPORT_ERR_MAX, "%s is empty", path);
        g.failed = 2;
    }
    int rc = ret < 0 || g.failed ? -1 : 0;
    if (!rc && undirected)
        import_note(rep, "the graph is undirected: edges of directed types point from source to target as written",
                    NULL);
    xmllib.FreeTextReader(r);
    for (size_t i = 0; i < g.nkeys; i++) {
        free(g.key[i].id);
        free(g.key[i].def);
    }
    free(g.key);
    free(g.given);
    return rc;
}
