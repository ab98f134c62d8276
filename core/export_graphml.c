/* GraphML: one directed graph; a linkage of a mutual type is one edge with mutual
 * true, so every linkage stays exactly one edge whatever the reader does. */
#include "export_impl.h"
#include <libxml/xmlwriter.h>
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
        TRY(xmlTextWriterStartElement(w, X("key")));
        TRY(xmlTextWriterWriteFormatAttribute(w, X("id"), "%s%u", node ? "f" : "l", a));
        TRY(xmlTextWriterWriteAttribute(w, X("for"), X(node ? "node" : "edge")));
        TRY(xmlTextWriterWriteAttribute(w, X("attr.name"), X(export_xml_text(&tb, name))));
        TRY(xmlTextWriterWriteAttribute(w, X("attr.type"), X(graphml_type(k))));
        TRY(xmlTextWriterEndElement(w));
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
    TRY(xmlTextWriterStartElement(w, X("data")));
    TRY(xmlTextWriterWriteFormatAttribute(w, X("key"), "%s%u", prefix, a));
    TRY(xmlTextWriterWriteString(w, X(export_xml_text(tb, v->text))));
    TRY(xmlTextWriterEndElement(w));
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
    TRY(xmlTextWriterSetIndent(w, 1));
    TRY(xmlTextWriterSetIndentString(w, X("  ")));
    TRY(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    TRY(xmlTextWriterStartElement(w, X("graphml")));
    TRY(xmlTextWriterWriteAttribute(w, X("xmlns"), X("http://graphml.graphdrawing.org/xmlns")));
    TRY(xmlTextWriterWriteAttribute(w, X("xmlns:xsi"), X("http://www.w3.org/2001/XMLSchema-instance")));
    TRY(xmlTextWriterWriteAttribute(w, X("xsi:schemaLocation"),
                                    X("http://graphml.graphdrawing.org/xmlns "
                                      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")));
    TRY(write_keys(w, ds, 1));
    TRY(write_keys(w, ds, 0));
    TRY(xmlTextWriterStartElement(w, X("graph")));
    TRY(xmlTextWriterWriteAttribute(w, X("id"), X("firmnet")));
    TRY(xmlTextWriterWriteAttribute(w, X("edgedefault"), X("directed")));
    for (uint32_t i = 0; i < s->n_firms; i++) {
        uint32_t f = s->firm[i];
        TRY(xmlTextWriterStartElement(w, X("node")));
        TRY(xmlTextWriterWriteAttribute(w, X("id"), X(export_xml_text(&tb, dataset_str(ds, ds->firms.id[f])))));
        for (unsigned a = 0; a < nf; a++) {
            export_firm_value(ds, f, a, &v, buf);
            TRY(write_data(w, &tb, "f", a, &v));
        }
        TRY(xmlTextWriterEndElement(w));
    }
    for (uint32_t i = 0; i < s->n_links; i++) {
        uint32_t e = s->link[i];
        TRY(xmlTextWriterStartElement(w, X("edge")));
        TRY(xmlTextWriterWriteFormatAttribute(w, X("id"), "e%u", e));
        TRY(xmlTextWriterWriteAttribute(w, X("source"),
                                        X(export_xml_text(&tb, dataset_str(ds, ds->firms.id[ds->links.source[e]])))));
        TRY(xmlTextWriterWriteAttribute(w, X("target"),
                                        X(export_xml_text(&tb, dataset_str(ds, ds->firms.id[ds->links.target[e]])))));
        for (unsigned a = 0; a < nl; a++) {
            export_link_value(ds, e, a, &v, buf);
            TRY(write_data(w, &tb, "l", a, &v));
        }
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
