/* dataset: firms.csv and linkages.csv in the documented column order, extra
 * columns kept, every field quoted by quote_csv, so the cut loads back as it was. */
#include "export_impl.h"
#include "quote.h"

static void put_field(FILE *out, struct textbuf *tb, const char *s, int first)
{
    if (!first)
        fputc(',', out);
    fputs(quote_csv(tb, s, ','), out);
}

int export_write_firms_csv(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    const struct firm_table *f = &ds->firms;
    struct textbuf tb = {0};
    char buf[EXPORT_VALUE_BUF];
    for (unsigned c = 0; c < FC_COUNT; c++)
        put_field(out, &tb, dataset_firm_column_name(c), c == 0);
    for (uint32_t k = 0; k < f->extra.n; k++)
        put_field(out, &tb, dataset_str(ds, f->extra.name[k]), 0);
    fputc('\n', out);
    for (uint32_t i = 0; i < s->n_firms; i++) {
        uint32_t v = s->firm[i];
        for (unsigned c = 0; c < FC_COUNT; c++)
            put_field(out, &tb, dataset_firm_text(ds, v, c, buf), c == 0);
        for (uint32_t k = 0; k < f->extra.n; k++)
            put_field(out, &tb, dataset_str(ds, f->extra.value[(size_t)v * f->extra.n + k]), 0);
        fputc('\n', out);
    }
    textbuf_free(&tb);
    return ferror(out) ? -1 : 0;
}

int export_write_links_csv(const struct export_sel *s, FILE *out)
{
    const struct dataset *ds = s->ds;
    const struct link_table *l = &ds->links;
    struct textbuf tb = {0};
    char buf[EXPORT_VALUE_BUF];
    for (unsigned c = 0; c < LC_COUNT; c++)
        put_field(out, &tb, dataset_link_column_name(c), c == 0);
    for (uint32_t k = 0; k < l->extra.n; k++)
        put_field(out, &tb, dataset_str(ds, l->extra.name[k]), 0);
    fputc('\n', out);
    for (uint32_t i = 0; i < s->n_links; i++) {
        uint32_t e = s->link[i];
        put_field(out, &tb, dataset_firm_id(ds, l->source[e]), 1);
        put_field(out, &tb, dataset_firm_id(ds, l->target[e]), 0);
        put_field(out, &tb, vocab_type_name(l->type[e]), 0);
        put_field(out, &tb, vocab_form_name(l->form[e]), 0);
        snprintf(buf, sizeof buf, "%d", l->since[e]);
        put_field(out, &tb, l->since[e] == YEAR_NONE ? "" : buf, 0);
        snprintf(buf, sizeof buf, "%d", l->until[e]);
        put_field(out, &tb, l->until[e] == YEAR_NONE ? "" : buf, 0);
        export_format_double(dataset_link_weight(ds, e), buf);
        put_field(out, &tb, buf, 0);
        put_field(out, &tb, dataset_str(ds, l->note[e]), 0);
        put_field(out, &tb, dataset_str(ds, l->ref[e]), 0);
        for (uint32_t k = 0; k < l->extra.n; k++)
            put_field(out, &tb, dataset_str(ds, l->extra.value[(size_t)e * l->extra.n + k]), 0);
        fputc('\n', out);
    }
    textbuf_free(&tb);
    return ferror(out) ? -1 : 0;
}
