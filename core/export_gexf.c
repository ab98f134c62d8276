/* GEXF 1.3: the linkage type is the edge kind, so Gephi keeps the ties of each
 * type as distinct parallel edges; a mutual type is an edge of type "mutual". */
#include "export_impl.h"
#include <libxml/xmlwriter.h>
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
    TRY(xmlTextWriterStartElement(w, X("attributes")));
    TRY(xmlTextWriterWriteAttribute(w, X("class"), X(node ? "node" : "edge")));
    TRY(xmlTextWriterWriteAttribute(w, X("mode"), X("static")));
    for (unsigned a = node ? 1 : 0; a < n; a++) {
        if (!node && is_native_weight(ds, a))
            continue;
        const char *name = node ? export_firm_attr_name(ds, a) : export_link_attr_name(ds, a);
        enum export_kind k = node ? export_firm_attr_kind(ds, a) : export_link_attr_kind(ds, a);
        TRY(xmlTextWriterStartElement(w, X("attribute")));
        TRY(xmlTextWriterWriteFormatAttribute(w, X("id"), "%s%u", node ? "f" : "l", a));
        TRY(xmlTextWriterWriteAttribute(w, X("title"), X(export_xml_text(&tb, name))));
        TRY(xmlTextWriterWriteAttribute(w, X("type"), X(gexf_type(k))));
        TRY(xmlTextWriterEndElement(w));
    }
    TRY(xmlTextWriterEndElement(w));
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
    TRY(xmlTextWriterStartElement(w, X("attvalue")));
    TRY(xmlTextWriterWriteFormatAttribute(w, X("for"), "%s%u", prefix, a));
    TRY(xmlTextWriterWriteAttribute(w, X("value"), X(export_xml_text(tb, v->text))));
    TRY(xmlTextWriterEndElement(w));
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
    TRY(xmlTextWriterSetIndent(w, 1));
    TRY(xmlTextWriterSetIndentString(w, X("  ")));
    TRY(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    TRY(xmlTextWriterStartElement(w, X("gexf")));
    TRY(xmlTextWriterWriteAttribute(w, X("xmlns"), X("http://gexf.net/1.3")));
    TRY(xmlTextWriterWriteAttribute(w, X("xmlns:xsi"), X("http://www.w3.org/2001/XMLSchema-instance")));
    TRY(xmlTextWriterWriteAttribute(w, X("xsi:schemaLocation"),
                                    X("http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd")));
    TRY(xmlTextWriterWriteAttribute(w, X("version"), X("1.3")));
    TRY(xmlTextWriterStartElement(w, X("meta")));
    TRY(xmlTextWriterWriteElement(w, X("creator"), X(PACKAGE_STRING)));
    TRY(xmlTextWriterEndElement(w));
    TRY(xmlTextWriterStartElement(w, X("graph")));
    TRY(xmlTextWriterWriteAttribute(w, X("defaultedgetype"), X("directed")));
    TRY(xmlTextWriterWriteAttribute(w, X("mode"), X("static")));
    TRY(write_attributes(w, ds, 1));
    TRY(write_attributes(w, ds, 0));
    TRY(xmlTextWriterStartElement(w, X("nodes")));
    for (uint32_t i = 0; i < s->n_firms; i++) {
        uint32_t f = s->firm[i];
        TRY(xmlTextWriterStartElement(w, X("node")));
        TRY(xmlTextWriterWriteAttribute(w, X("id"), X(export_xml_text(&tb, dataset_str(ds, ds->firms.id[f])))));
        TRY(xmlTextWriterWriteAttribute(w, X("label"), X(export_xml_text(&tb, dataset_str(ds, ds->firms.name[f])))));
        TRY(xmlTextWriterStartElement(w, X("attvalues")));
        for (unsigned a = 1; a < nf; a++) {
            export_firm_value(ds, f, a, &v, buf);
            TRY(write_attvalue(w, &tb, "f", a, &v));
        }
        TRY(xmlTextWriterEndElement(w));
        TRY(xmlTextWriterEndElement(w));
    }
    TRY(xmlTextWriterEndElement(w));
    TRY(xmlTextWriterStartElement(w, X("edges")));
    for (uint32_t i = 0; i < s->n_links; i++) {
        uint32_t e = s->link[i];
        char wbuf[EXPORT_VALUE_BUF];
        TRY(xmlTextWriterStartElement(w, X("edge")));
        TRY(xmlTextWriterWriteFormatAttribute(w, X("id"), "e%u", e));
        TRY(xmlTextWriterWriteAttribute(w, X("source"),
                                        X(export_xml_text(&tb, dataset_str(ds, ds->firms.id[ds->links.source[e]])))));
        TRY(xmlTextWriterWriteAttribute(w, X("target"),
                                        X(export_xml_text(&tb, dataset_str(ds, ds->firms.id[ds->links.target[e]])))));
        TRY(xmlTextWriterWriteAttribute(w, X("kind"), X(vocab_type_name(ds->links.type[e]))));
        if (!vocab_type_directed(ds->links.type[e]))
            TRY(xmlTextWriterWriteAttribute(w, X("type"), X("mutual")));
        export_format_double(ds->links.weight[e], wbuf);
        TRY(xmlTextWriterWriteAttribute(w, X("weight"), X(wbuf)));
        TRY(xmlTextWriterStartElement(w, X("attvalues")));
        for (unsigned a = 0; a < nl; a++) {
            if (is_native_weight(ds, a))
                continue;
            export_link_value(ds, e, a, &v, buf);
            TRY(write_attvalue(w, &tb, "l", a, &v));
        }
        TRY(xmlTextWriterEndElement(w));
        TRY(xmlTextWriterEndElement(w));
    }
    TRY(xmlTextWriterEndDocument(w));
    xmlFreeTextWriter(w);
    textbuf_free(&tb);
    return export_xml_finish(&sink, 0);
fail:
    xmlFreeTextWriter(w);
    textbuf_free(&tb);
    return export_xml_finish(&sink, -1);
}
