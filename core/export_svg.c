/* SVG of an ego map (core/layout): the same cells the explorer draws, scaled to
 * pixels, so the figure in a paper is the picture seen in the terminal. Edges run
 * between the boxes' borders, coloured by type and with an arrowhead at the end a
 * directed linkage points to; boxes are outlined by scale; a legend says what the
 * colours are and what was grouped. */
#include "export_impl.h"
#include "layout.h"
#include "xmllib.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TRY(call) do { if ((call) < 0) goto fail; } while (0)
#define X(s) BAD_CAST(s)

#define CELL_W 8.0   /* pixels per cell: a monospace glyph at 13 px is about this wide */
#define CELL_H 20.0
#define MARGIN 16.0
#define LEGEND_H 64.0

/* One colour per linkage type, in enum link_type order (a qualitative palette). */
static const char *const type_colour[LT_COUNT] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                                  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
static const char *const scale_colour[SCALE_COUNT] = {"#333333", "#1f77b4", "#d62728"};
#define MULTI_COLOUR "#555555"

struct box {
    double x0, y0, x1, y1;
};

static struct box node_box(const struct layout_node *n)
{
    struct box b = {MARGIN + n->x * CELL_W, MARGIN + n->y * CELL_H + 2, 0, 0};
    b.x1 = b.x0 + (n->label_w + 2) * CELL_W;
    b.y1 = b.y0 + CELL_H - 4;
    return b;
}

/* Where the segment from the box's centre towards (tx, ty) leaves the box. */
static void box_exit(const struct box *b, double tx, double ty, double *ox, double *oy)
{
    double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2, dx = tx - cx, dy = ty - cy;
    double t = 1;
    if (dx > 0)
        t = fmin(t, (b->x1 - cx) / dx);
    else if (dx < 0)
        t = fmin(t, (b->x0 - cx) / dx);
    if (dy > 0)
        t = fmin(t, (b->y1 - cy) / dy);
    else if (dy < 0)
        t = fmin(t, (b->y0 - cy) / dy);
    *ox = cx + t * dx;
    *oy = cy + t * dy;
}

static int write_markers(xmlTextWriterPtr w)
{
    TRY(xmllib.TextWriterStartElement(w, X("defs")));
    for (unsigned k = 0; k <= LT_COUNT; k++) {
        TRY(xmllib.TextWriterStartElement(w, X("marker")));
        if (k < LT_COUNT)
            TRY(xmllib.TextWriterWriteFormatAttribute(w, X("id"), "arrow-%s", vocab_type_name(k)));
        else
            TRY(xmllib.TextWriterWriteAttribute(w, X("id"), X("arrow-multi")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("viewBox"), X("0 0 10 10")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("refX"), X("10")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("refY"), X("5")));
        /* in user units: a thick edge (many linkages) keeps a normal arrowhead */
        TRY(xmllib.TextWriterWriteAttribute(w, X("markerUnits"), X("userSpaceOnUse")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("markerWidth"), X("9")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("markerHeight"), X("9")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("orient"), X("auto-start-reverse")));
        TRY(xmllib.TextWriterStartElement(w, X("path")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("d"), X("M 0 0 L 10 5 L 0 10 z")));
        TRY(xmllib.TextWriterWriteAttribute(w, X("fill"), X(k < LT_COUNT ? type_colour[k] : MULTI_COLOUR)));
        TRY(xmllib.TextWriterEndElement(w));
        TRY(xmllib.TextWriterEndElement(w));
    }
    TRY(xmllib.TextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

static int write_edge(xmlTextWriterPtr w, const struct ego_map *m, const struct layout_edge *e)
{
    const struct layout_node *a = &m->node[e->a], *b = &m->node[e->b];
    if (a->x < 0 || b->x < 0)
        return 0;
    struct box ba = node_box(a), bb = node_box(b);
    double ax, ay, bx, by;
    box_exit(&ba, (bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2, &ax, &ay);
    box_exit(&bb, (ba.x0 + ba.x1) / 2, (ba.y0 + ba.y1) / 2, &bx, &by);
    const char *type = e->multi ? "multi" : vocab_type_name(e->type);
    TRY(xmllib.TextWriterStartElement(w, X("line")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x1"), "%.1f", ax));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y1"), "%.1f", ay));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x2"), "%.1f", bx));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y2"), "%.1f", by));
    TRY(xmllib.TextWriterWriteAttribute(w, X("stroke"), X(e->multi ? MULTI_COLOUR : type_colour[e->type % LT_COUNT])));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("stroke-width"), "%.1f", 1 + log2((double)e->count)));
    TRY(xmllib.TextWriterWriteAttribute(w, X("class"), X(type)));
    if (e->dir & LAYOUT_AB)
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("marker-end"), "url(#arrow-%s)", type));
    if (e->dir & LAYOUT_BA)
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("marker-start"), "url(#arrow-%s)", type));
    TRY(xmllib.TextWriterStartElement(w, X("title")));
    TRY(xmllib.TextWriterWriteFormatString(w, "%s, %u linkage%s", e->multi ? "several types" : type, e->count,
                                       e->count == 1 ? "" : "s"));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

static int write_node(xmlTextWriterPtr w, struct textbuf *tb, const struct dataset *ds, const struct ego_map *m,
                      uint32_t i)
{
    const struct layout_node *n = &m->node[i];
    if (n->x < 0)
        return 0;
    struct box b = node_box(n);
    TRY(xmllib.TextWriterStartElement(w, X("g")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("class"), X(n->firm == FIRM_NONE ? "group" : i == 0 ? "centre" : "firm")));
    TRY(xmllib.TextWriterStartElement(w, X("title")));
    if (n->firm != FIRM_NONE) {
        TRY(xmllib.TextWriterWriteFormatString(w, "%s", export_xml_text(tb, dataset_firm_id(ds, n->firm))));
        TRY(xmllib.TextWriterWriteString(w, X(" ")));
        TRY(xmllib.TextWriterWriteString(w, X(export_xml_text(tb, dataset_str(ds, ds->firms.name[n->firm])))));
        TRY(xmllib.TextWriterWriteFormatString(w, " (%s)", vocab_scale_name(n->scale)));
    } else {
        TRY(xmllib.TextWriterWriteFormatString(w, "%u firms grouped at distance %u", n->count, n->dist));
    }
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("rect")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x"), "%.1f", b.x0));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y"), "%.1f", b.y0));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("width"), "%.1f", b.x1 - b.x0));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("height"), "%.1f", b.y1 - b.y0));
    TRY(xmllib.TextWriterWriteAttribute(w, X("rx"), X(n->firm == FIRM_NONE ? "8" : "3")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("fill"), X(i == 0 ? "#fff3c4" : n->firm == FIRM_NONE ? "#eeeeee" : "#ffffff")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("stroke"), X(scale_colour[n->scale % SCALE_COUNT])));
    TRY(xmllib.TextWriterWriteAttribute(w, X("stroke-width"), X(i == 0 ? "2" : "1")));
    if (n->firm == FIRM_NONE)
        TRY(xmllib.TextWriterWriteAttribute(w, X("stroke-dasharray"), X("4 2")));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("text")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x"), "%.1f", b.x0 + CELL_W / 2));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y"), "%.1f", b.y1 - 4));
    if (i == 0)
        TRY(xmllib.TextWriterWriteAttribute(w, X("font-weight"), X("bold")));
    TRY(xmllib.TextWriterWriteFormatString(w, "%c ", n->mixed ? '*' : vocab_scale_mark(n->scale)));
    TRY(xmllib.TextWriterWriteString(w, X(export_xml_text(tb, layout_label(m, i)))));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

static int write_legend(xmlTextWriterPtr w, const struct ego_map *m, double y)
{
    uint8_t used[LT_COUNT] = {0};
    for (uint32_t k = 0; k < m->n_edges; k++)
        if (!m->edge[k].multi)
            used[m->edge[k].type % LT_COUNT] = 1;
    double x = MARGIN;
    TRY(xmllib.TextWriterStartElement(w, X("g")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("class"), X("legend")));
    for (unsigned k = 0; k < LT_COUNT; k++) {
        if (!used[k])
            continue;
        TRY(xmllib.TextWriterStartElement(w, X("line")));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x1"), "%.1f", x));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y1"), "%.1f", y - 4));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x2"), "%.1f", x + 20));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y2"), "%.1f", y - 4));
        TRY(xmllib.TextWriterWriteAttribute(w, X("stroke"), X(type_colour[k])));
        TRY(xmllib.TextWriterWriteAttribute(w, X("stroke-width"), X("2")));
        TRY(xmllib.TextWriterEndElement(w));
        TRY(xmllib.TextWriterStartElement(w, X("text")));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x"), "%.1f", x + 24));
        TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y"), "%.1f", y));
        TRY(xmllib.TextWriterWriteString(w, X(vocab_type_name(k))));
        TRY(xmllib.TextWriterEndElement(w));
        x += 32 + CELL_W * (double)strlen(vocab_type_name(k));
    }
    TRY(xmllib.TextWriterStartElement(w, X("text")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x"), "%.1f", MARGIN));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y"), "%.1f", y + 20));
    TRY(xmllib.TextWriterWriteString(w, X("outline: black local, blue national, red global; "
                                       "L N G the firm's scale, * a group of several scales")));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("text")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("x"), "%.1f", MARGIN));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("y"), "%.1f", y + 40));
    if (m->n_groups)
        TRY(xmllib.TextWriterWriteFormatString(w, "%u of %u firms grouped by %s into %u dashed boxes (count in brackets)",
                                           m->grouped_firms, m->ego_firms,
                                           m->group_by == LAYOUT_GROUP_SCALE ? "scale" : "industry", m->n_groups));
    else
        TRY(xmllib.TextWriterWriteFormatString(w, "%u firms, %u linkages; none grouped", m->ego_firms, m->ego_links));
    if (m->hidden)
        TRY(xmllib.TextWriterWriteFormatString(w, "; %u left out for want of room", m->hidden));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterEndElement(w));
    return 0;
fail:
    return -1;
}

int export_write_svg(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    const struct ego_map *m = s->map;
    int cols = 0, rows = 0;
    for (uint32_t i = 0; i < m->n_nodes; i++) {
        if (m->node[i].x < 0)
            continue;
        if (m->node[i].x + m->node[i].label_w + 2 > cols)
            cols = m->node[i].x + m->node[i].label_w + 2;
        if (m->node[i].y + 1 > rows)
            rows = m->node[i].y + 1;
    }
    double width = fmax(2 * MARGIN + cols * CELL_W, 640), height = 2 * MARGIN + rows * CELL_H + LEGEND_H;
    struct export_xml_sink sink = {.fp = out};
    xmlTextWriterPtr w = export_xml_writer(&sink);
    if (!w)
        return export_xml_finish(&sink, -1);
    struct textbuf tb = {0};
    TRY(xmllib.TextWriterSetIndent(w, 1));
    TRY(xmllib.TextWriterSetIndentString(w, X("  ")));
    TRY(xmllib.TextWriterStartDocument(w, NULL, "UTF-8", NULL));
    TRY(xmllib.TextWriterStartElement(w, X("svg")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("xmlns"), X("http://www.w3.org/2000/svg")));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("width"), "%.0f", width));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("height"), "%.0f", height));
    TRY(xmllib.TextWriterWriteFormatAttribute(w, X("viewBox"), "0 0 %.0f %.0f", width, height));
    TRY(xmllib.TextWriterWriteAttribute(w, X("font-family"), X("monospace")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("font-size"), X("13")));
    TRY(xmllib.TextWriterStartElement(w, X("title")));
    TRY(xmllib.TextWriterWriteString(w, X("Ego network of ")));
    TRY(xmllib.TextWriterWriteString(w, X(export_xml_text(&tb, dataset_str(ds, ds->firms.name[m->center])))));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(write_markers(w));
    TRY(xmllib.TextWriterStartElement(w, X("rect")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("width"), X("100%")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("height"), X("100%")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("fill"), X("white")));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("g")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("class"), X("edges")));
    for (uint32_t k = 0; k < m->n_edges; k++)
        TRY(write_edge(w, m, &m->edge[k]));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(xmllib.TextWriterStartElement(w, X("g")));
    TRY(xmllib.TextWriterWriteAttribute(w, X("class"), X("nodes")));
    for (uint32_t i = 0; i < m->n_nodes; i++)
        TRY(write_node(w, &tb, ds, m, i));
    TRY(xmllib.TextWriterEndElement(w));
    TRY(write_legend(w, m, height - LEGEND_H + 8));
    TRY(xmllib.TextWriterEndDocument(w));
    xmllib.FreeTextWriter(w);
    textbuf_free(&tb);
    return export_xml_finish(&sink, 0);
fail:
    xmllib.FreeTextWriter(w);
    textbuf_free(&tb);
    return export_xml_finish(&sink, -1);
}
