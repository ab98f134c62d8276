/* Pajek: vertices labelled with the firm id, one relation per linkage type
 * (directed types as *Arcs, mutual types as *Edges, numbered by type), the weight
 * as the line value and the type as the line label; the industry partition as a
 * .clu file. The plain dialect drops the relation headers (":1 \"supply\""), which
 * Pajek reads but igraph 0.10 and some other readers reject; the line labels still
 * carry the type. */
#include "export_impl.h"
#include "quote.h"

static int write_pajek(const struct export_sel *s, FILE *out, int relations)
{
    const struct dataset *ds = s->ds;
    struct textbuf tb = {0};
    char wbuf[EXPORT_VALUE_BUF];
    fprintf(out, "*Vertices %u\n", s->n_firms);
    for (uint32_t i = 0; i < s->n_firms; i++)
        fprintf(out, "%u %s\n", i + 1, quote_pajek(&tb, dataset_firm_id(ds, s->firm[i])));
    /* one pass per type keeps each relation's lines together; ten passes over the
     * selection cost less than sorting it. */
    /* mutual types first: igraph takes the direction of the whole graph from the
     * last block, and a graph with any directed type must read back as directed */
    for (unsigned k = 0; k < LT_COUNT * 2; k++) {
        unsigned t = k % LT_COUNT;
        if ((k < LT_COUNT) == (vocab_type_directed(t) != 0))
            continue;
        int started = 0;
        for (uint32_t i = 0; i < s->n_links; i++) {
            uint32_t e = s->link[i];
            if (ds->links.type[e] != t)
                continue;
            if (!started) {
                fprintf(out, "*%s", vocab_type_directed(t) ? "Arcs" : "Edges");
                if (relations)
                    fprintf(out, " :%u \"%s\"", t + 1, vocab_type_name(t));
                fputc('\n', out);
                started = 1;
            }
            export_format_double(dataset_link_weight(ds, e), wbuf);
            fprintf(out, "%u %u %s l \"%s\"\n", s->pos[ds->links.source[e]] + 1, s->pos[ds->links.target[e]] + 1,
                    wbuf, vocab_type_name(t));
        }
    }
    textbuf_free(&tb);
    return ferror(out) ? -1 : 0;
}

int export_write_pajek(const struct export_sel *s, FILE *out) { return write_pajek(s, out, 1); }
int export_write_pajek_plain(const struct export_sel *s, FILE *out) { return write_pajek(s, out, 0); }

int export_write_pajek_clu(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    struct textbuf tb = {0};
    /* Pajek partitions are numbers; the comment lines keep the industry names */
    fputs("% industry partition of the firms of the .net file beside this one\n", out);
    for (uint32_t k = 0; k < ds->n_industries; k++)
        fprintf(out, "%% %u %s\n", k + 1, quote_pajek(&tb, dataset_str(ds, ds->industry_name[k])));
    fprintf(out, "*Vertices %u\n", s->n_firms);
    for (uint32_t i = 0; i < s->n_firms; i++)
        fprintf(out, "%u\n", ds->firms.industry[s->firm[i]] + 1);
    textbuf_free(&tb);
    return ferror(out) ? -1 : 0;
}
