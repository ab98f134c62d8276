/* JSON node-link, the shape networkx.node_link_graph reads: a directed multigraph,
 * nodes keyed by firm id, each link keyed by its linkage number ("e12"). */
#include "export_impl.h"
#include <jansson.h>

static json_t *value_json(const struct export_value *v)
{
    switch (v->kind) {
    case EK_INT: return json_integer(v->i);
    case EK_DOUBLE: return json_real(v->d);
    case EK_BOOL: return json_boolean(v->i);
    default: return json_string(v->text);
    }
}

/* The document is streamed: each node and link is one small jansson object,
 * encoded and freed at once, so memory stays flat however large the network (a
 * whole-document tree costs over 2 KB a linkage). jansson encodes every value;
 * only the fixed punctuation between objects is written here. */
static int dump_item(json_t *o, FILE *out, int first)
{
    if (!first)
        fputs(",\n", out);
    fputs("  ", out);
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return rc;
}

int export_write_json(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    char buf[EXPORT_VALUE_BUF];
    struct export_value v;
    unsigned nf = export_firm_nattrs(ds), nl = export_link_nattrs(ds);
    int rc = 0;
    fputs("{\"directed\": true, \"multigraph\": true, \"graph\": {},\n\"nodes\": [\n", out);
    for (uint32_t i = 0; i < s->n_firms && rc == 0; i++) {
        uint32_t f = s->firm[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(dataset_firm_id(ds, f)));
        for (unsigned a = 0; a < nf; a++) {
            export_firm_value(ds, f, a, &v, buf);
            if (v.present)
                json_object_set_new(o, export_firm_attr_name(ds, a), value_json(&v));
        }
        rc = dump_item(o, out, i == 0);
    }
    fputs("\n],\n\"links\": [\n", out);
    for (uint32_t i = 0; i < s->n_links && rc == 0; i++) {
        uint32_t e = s->link[i];
        json_t *o = json_object();
        json_object_set_new(o, "source", json_string(dataset_firm_id(ds, ds->links.source[e])));
        json_object_set_new(o, "target", json_string(dataset_firm_id(ds, ds->links.target[e])));
        for (unsigned a = 0; a < nl; a++) {
            export_link_value(ds, e, a, &v, buf);
            if (v.present)
                json_object_set_new(o, export_link_attr_name(ds, a), value_json(&v));
        }
        /* set last: the key is the edge's identity and must not be shadowed */
        snprintf(buf, sizeof buf, "e%u", e);
        json_object_set_new(o, "key", json_string(buf));
        rc = dump_item(o, out, i == 0);
    }
    fputs("\n]}\n", out);
    return rc || ferror(out) ? -1 : 0;
}
