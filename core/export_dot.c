/* Graphviz DOT: firms labelled with their names and filled by scale; linkages
 * coloured by type, dashed or dotted by scale, undirected types drawn without
 * arrowheads; attributes chosen so both dot and sfdp lay it out readably. */
#include "export_impl.h"
#include "quote.h"
#include <math.h>

/* Colour-blind-safe where the palette allows (Okabe-Ito, then Tableau). */
static const char *const type_colour[LT_COUNT] = {
    [LT_SUPPLY] = "#0072B2", [LT_SUBCONTRACT] = "#56B4E9", [LT_PRODUCTION_SHARING] = "#009E73",
    [LT_JOINT_VENTURE] = "#F0E442", [LT_LICENSING] = "#E69F00", [LT_RND] = "#D55E00",
    [LT_TECHNOLOGY] = "#CC79A7", [LT_MARKETING] = "#8C564B", [LT_SOCIAL] = "#7F7F7F",
    [LT_CULTURAL] = "#BCBD22",
};
static const char *const scale_fill[SCALE_COUNT] = {"#FFFFFF", "#DCEBFA", "#FDE8C8"};
static const char *const scale_shape[SCALE_COUNT] = {"ellipse", "box", "doubleoctagon"};
static const char *const scale_style[SCALE_COUNT] = {"solid", "dashed", "dotted"};

int export_write_dot(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    struct textbuf tb = {0};
    fputs("// firmnet export. Node fill and shape: scale (local white ellipse, national blue box,\n"
          "// global orange octagon). Edge colour: linkage type; style: scale of the linkage\n"
          "// (local solid, national dashed, global dotted); no arrowhead: a mutual type.\n"
          "// Lay out with: dot -Tsvg FILE > out.svg   or   sfdp -Tsvg FILE > out.svg\n"
          "digraph firmnet {\n"
          "  graph [overlap=false, splines=true, outputorder=edgesfirst, charset=\"UTF-8\"];\n"
          "  node [style=filled, fontsize=10];\n"
          "  edge [arrowsize=0.6];\n",
          out);
    for (uint32_t i = 0; i < s->n_firms; i++) {
        uint32_t f = s->firm[i];
        unsigned sc = ds->firms.scale[f] < SCALE_COUNT ? ds->firms.scale[f] : 0;
        fprintf(out, "  %s", quote_dot(&tb, dataset_firm_id(ds, f)));
        fprintf(out, " [label=%s, shape=%s, fillcolor=\"%s\"", quote_dot(&tb, dataset_str(ds, ds->firms.name[f])),
                scale_shape[sc], scale_fill[sc]);
        fprintf(out, ", tooltip=%s];\n", quote_dot(&tb, dataset_str(ds, ds->industry_name[ds->firms.industry[f]])));
    }
    for (uint32_t i = 0; i < s->n_links; i++) {
        uint32_t e = s->link[i];
        unsigned t = ds->links.type[e], sc = ds->links.scale[e] < SCALE_COUNT ? ds->links.scale[e] : 0;
        fprintf(out, "  %s", quote_dot(&tb, dataset_firm_id(ds, ds->links.source[e])));
        fprintf(out, " -> %s", quote_dot(&tb, dataset_firm_id(ds, ds->links.target[e])));
        /* heavier ties draw thicker, but no weight may swamp the picture */
        double pw = 1.0 + log1p(dataset_link_weight(ds, e));
        fprintf(out, " [color=\"%s\", style=%s, penwidth=%.2f, tooltip=\"%s\"%s];\n", type_colour[t], scale_style[sc],
                pw > 6 ? 6 : pw, vocab_type_name(t), vocab_type_directed(t) ? "" : ", dir=none");
    }
    fputs("}\n", out);
    textbuf_free(&tb);
    return ferror(out) ? -1 : 0;
}
