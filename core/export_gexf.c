/* GEXF 1.3: the linkage type is the edge kind, so Gephi keeps the ties of each
 * type as distinct parallel edges; a mutual type is an edge of type "mutual". */
#include "export_impl.h"
#include "xmllib.h"
#include <stdlib.h>
#include <string.h>

#define TRY(call) do { if ((call) < 0) goto fail; } while (0)
#define X(s) BAD_CAST(s)

static const char *gexf_type(enum export_kind k)
{
    switch (k) {
    case EK_INT: return "integer";
    case EK_DOUBLE: return "double";
    case EK_BOOL: return "boolean";
    default: return "string";
    }
}

/* The weight is the edge's own weight attribute; a second column of the same
 * name would clash in Gephi. Extra columns are strings, so the kind tells it apart. */
static int is_native_weight(const struct dataset *ds, unsigned a)
{
    return export_link_attr_kind(ds, a) == EK_DOUBLE && !strcmp(export_link_attr_name(ds, a), "weight");
}

/* Node attributes skip name (it is the label); all edge attributes are listed, type
 * too, for readers that ignore kind. */
static int write_attributes(xmlTextWriterPtr w, const struct dataset *ds, int node)
{
    unsigned n = node ? export_firm_nattrs(ds) : export_link_nattrs(ds);
    struct textbuf tb = {0};
    TRY(xmllib.TextWriterStartElement(w, X("attributes")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("class"), X(node ? "node" : "edge")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("mode"), X("static")));
    for (unsigned a = node ? 1 : 0; a < n; a++) {
        if (!node && is_native_weight(ds, a))
            continue;
        const char *name = node ? export_firm_attr_name(ds, a) : export_link_attr_name(ds, a);
        enum export_kind k = node ? export_firm_attr_kind(ds, a) : export_link_attr_kind(ds, a);
        TRY(xmllib.TextWriterStartElement(w, X("attribute")));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("id"), "%s%u", node ? "f" : "l", a));
        TRY(xmllib.TextWriterWriteAttribute(w, X("title"), X(export_xml_text(&tb, name))));
        TRY(xmllib.TextWriterWriteAttribute(w, X("type"), X(gexf_type(k))));
        TRY(xmllib.TextWriterEndElement(w));
    }
    TRY(xmllib.TextWriterEndElement(w));
    textbuf_free(&tb);
    return 0;
fail:
    textbuf_free(&tb);
    return -1;
}

static int write_attvalue(xmlTextWriterPtr w, struct textbuf *tb, const char *prefix, unsigned a,
                          const struct export_value *v)
{
    if (!v->present)
        return 0;
    TRY(xmllib.TextWriterStartElement(w, X("attvalue")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("for"), "%s%u", prefix, a));
    TRY(xmllib.TextWriterWriteAttribute(w, X("value"), X(export_xml_text(tb, v->text))));
    TRY(xmllib.TextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

int export_write_gexf(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    struct export_xml_sink sink = {.fp = out};
    xmlTextWriterPtr w = export_xml_writer(&sink);
    if (!w)
        return export_xml_finish(&sink, -1);
    struct textbuf tb = {0};
    char buf[EXPORT_VALUE_BUF];
    struct export_value v;
    unsigned nf = export_firm_nattrs(ds), nl = export_link_nattrs(ds);
    TRY(xmllib.TextWriterSetIndent(w, 1));
    TRY(xmllib.TextWriterSetIndentString(w, X("  ")));
    TRY(xmllib.TextWriterStartDocument(w, NULL, "UTF-8", NULL));
    TRY(xmllib.TextWriterStartElement(w, X("gexf")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xmlns"), X("http://gexf.net/1.3")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xmlns:xsi"), X("http://www.w3.org/2001/XMLSchema-instance")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xsi:schemaLocation"),
                                    X("http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("version"), X("1.3")));
    TRY(xmllib.TextWriterStartElement(w, X("meta")));
    TRY(xmllib.TextWriterWriteElement(w, X("creator"), X(PACKAGE_STRING)));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("graph")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("defaultedgetype"), X("directed")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("mode"), X("static")));
    TRY(write_attributes(w, ds, 1));
    TRY(write_attributes(w, ds, 0));
    TRY(xmllib.TextWriterStartElement(w, X("nodes")));
    for (uint32_t i = 0; i < s->n_firms; i++) {
        uint32_t f = s->firm[i];
        TRY(xmllib.TextWriterStartElement(w, X("node")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("id"), X(export_xml_text(&tb, dataset_firm_id(ds, f)))));
        TRY(xmllib.TextWriterWriteAttribute(w, X("label"), X(export_xml_text(&tb, dataset_str(ds, ds->firms.name[f])))));
        TRY(xmllib.TextWriterStartElement(w, X("attvalues")));
        for (unsigned a = 1; a < nf; a++) {
            export_firm_value(ds, f, a, &v, buf);
            TRY(write_attvalue(w, &tb, "f", a, &v));
        }
        TRY(xmllib.TextWriterEndElement(w));
        TRY(xmllib.TextWriterEndElement(w));
    }
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("edges")));
    for (uint32_t i = 0; i < s->n_links; i++) {
        uint32_t e = s->link[i];
        char wbuf[EXPORT_VALUE_BUF];
        TRY(xmllib.TextWriterStartElement(w, X("edge")));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("id"), "e%u", e));
        TRY(xmllib.TextWriterWriteAttribute(w, X("source"),
                                        X(export_xml_text(&tb, dataset_firm_id(ds, ds->links.source[e])))));
        TRY(xmllib.TextWriterWriteAttribute(w, X("target"),
                                        X(export_xml_text(&tb, dataset_firm_id(ds, ds->links.target[e])))));
        TRY(xmllib.TextWriterWriteAttribute(w, X("kind"), X(vocab_type_name(ds->links.type[e]))));
        if (!vocab_type_directed(ds->links.type[e]))
            TRY(xmllib.TextWriterWriteAttribute(w, X("type"), X("mutual")));
        export_format_double(dataset_link_weight(ds, e), wbuf);
        TRY(xmllib.TextWriterWriteAttribute(w, X("weight"), X(wbuf)));
        TRY(xmllib.TextWriterStartElement(w, X("attvalues")));
        for (unsigned a = 0; a < nl; a++) {
            if (is_native_weight(ds, a))
                continue;
            export_link_value(ds, e, a, &v, buf);
            TRY(write_attvalue(w, &tb, "l", a, &v));
        }
        TRY(xmllib.TextWriterEndElement(w));
        TRY(xmllib.TextWriterEndElement(w));
    }
    TRY(xmllib.TextWriterEndDocument(w));
    xmllib.FreeTextWriter(w);
    textbuf_free(&tb);
    return export_xml_finish(&sink, 0);
fail:
    xmllib.FreeTextWriter(w);
    textbuf_free(&tb);
    return export_xml_finish(&sink, -1);
}
