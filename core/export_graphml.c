/* GraphML: one directed graph; a linkage of a mutual type is one edge with mutual
 * true, so every linkage stays exactly one edge whatever the reader does. */
#include "export_impl.h"
#include "xmllib.h"
#include <stdlib.h>

#define TRY(call) do { if ((call) < 0) goto fail; } while (0)
#define X(s) BAD_CAST(s)

static const char *graphml_type(enum export_kind k)
{
    switch (k) {
    case EK_INT: return "int";
    case EK_DOUBLE: return "double";
    case EK_BOOL: return "boolean";
    default: return "string";
    }
}

static int write_keys(xmlTextWriterPtr w, const struct dataset *ds, int node)
{
    unsigned n = node ? export_firm_nattrs(ds) : export_link_nattrs(ds);
    struct textbuf tb = {0};
    for (unsigned a = 0; a < n; a++) {
        const char *name = node ? export_firm_attr_name(ds, a) : export_link_attr_name(ds, a);
        enum export_kind k = node ? export_firm_attr_kind(ds, a) : export_link_attr_kind(ds, a);
        TRY(xmllib.TextWriterStartElement(w, X("key")));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("id"), "%s%u", node ? "f" : "l", a));
        TRY(xmllib.TextWriterWriteAttribute(w, X("for"), X(node ? "node" : "edge")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("attr.name"), X(export_xml_text(&tb, name))));
        TRY(xmllib.TextWriterWriteAttribute(w, X("attr.type"), X(graphml_type(k))));
        TRY(xmllib.TextWriterEndElement(w));
    }
    textbuf_free(&tb);
    return 0;
fail:
    textbuf_free(&tb);
    return -1;
}

static int write_data(xmlTextWriterPtr w, struct textbuf *tb, const char *prefix, unsigned a,
                      const struct export_value *v)
{
    if (!v->present)
        return 0;
    TRY(xmllib.TextWriterStartElement(w, X("data")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("key"), "%s%u", prefix, a));
    TRY(xmllib.TextWriterWriteString(w, X(export_xml_text(tb, v->text))));
    TRY(xmllib.TextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

int export_write_graphml(const struct export_sel *s, FILE *out)
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
    TRY(xmllib.TextWriterStartElement(w, X("graphml")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xmlns"), X("http://graphml.graphdrawing.org/xmlns")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xmlns:xsi"), X("http://www.w3.org/2001/XMLSchema-instance")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xsi:schemaLocation"),
                                    X("http://graphml.graphdrawing.org/xmlns "
                                      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")));
    TRY(write_keys(w, ds, 1));
    TRY(write_keys(w, ds, 0));
    TRY(xmllib.TextWriterStartElement(w, X("graph")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("id"), X("firmnet")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("edgedefault"), X("directed")));
    for (uint32_t i = 0; i < s->n_firms; i++) {
        uint32_t f = s->firm[i];
        TRY(xmllib.TextWriterStartElement(w, X("node")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("id"), X(export_xml_text(&tb, dataset_firm_id(ds, f)))));
        for (unsigned a = 0; a < nf; a++) {
            export_firm_value(ds, f, a, &v, buf);
            TRY(write_data(w, &tb, "f", a, &v));
        }
        TRY(xmllib.TextWriterEndElement(w));
    }
    for (uint32_t i = 0; i < s->n_links; i++) {
        uint32_t e = s->link[i];
        TRY(xmllib.TextWriterStartElement(w, X("edge")));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("id"), "e%u", e));
        TRY(xmllib.TextWriterWriteAttribute(w, X("source"),
                                        X(export_xml_text(&tb, dataset_firm_id(ds, ds->links.source[e])))));
        TRY(xmllib.TextWriterWriteAttribute(w, X("target"),
                                        X(export_xml_text(&tb, dataset_firm_id(ds, ds->links.target[e])))));
        for (unsigned a = 0; a < nl; a++) {
            export_link_value(ds, e, a, &v, buf);
            TRY(write_data(w, &tb, "l", a, &v));
        }
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
