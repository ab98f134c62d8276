#include "cmd_cluster_time.h"
#include "chart.h"
#include "timeline.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int cluster_time_parse_years(const char *s, int16_t *a, int16_t *b)
{
    char *end;
    long y[2];
    for (int k = 0; k < 2; k++) {
        if (*s < '0' || *s > '9')
            return -1;
        y[k] = strtol(s, &end, 10);
        if (!year_in_range(y[k]) || *end != (k ? '\0' : ','))
            return -1;
        s = end + 1;
    }
    *a = (int16_t)y[0];
    *b = (int16_t)y[1];
    return 0;
}

/* The columns of a year, in the order every format gives them. */
#define YEAR_COLS(X) \
    X("ties", dated) X("local", by_scale[SCALE_LOCAL]) X("national", by_scale[SCALE_NATIONAL]) \
    X("global", by_scale[SCALE_GLOBAL]) X("material", by_form[FORM_MATERIAL]) \
    X("non_material", by_form[FORM_NONMATERIAL]) X("undated", undated) X("births", births) \
    X("ends", ends) X("founded", founded)

static void year_row(struct table *t, int year, const struct timeline_year *y)
{
    table_addf(t, "%d", year);
#define X(name, field) table_addf(t, "%u", y->field);
    YEAR_COLS(X)
#undef X
}

static json_t *year_json(int year, const struct timeline_year *y)
{
    json_t *o = json_object();
    json_object_set_new(o, "year", json_integer(year));
#define X(name, field) json_object_set_new(o, name, json_integer(y->field));
    YEAR_COLS(X)
#undef X
    return o;
}

static const char *const year_names[] = {"year",
#define X(name, field) name,
                                         YEAR_COLS(X)
#undef X
};
#define NYEARCOLS (sizeof year_names / sizeof *year_names)

/* Text only: one sparkline per series over the years, with its largest value. */
static void print_trends(const struct timeline *tl, const struct timeline_year *rows)
{
    static const struct { const char *name; size_t off; } series[] = {
        {"local", offsetof(struct timeline_year, by_scale) + SCALE_LOCAL * sizeof(uint32_t)},
        {"national", offsetof(struct timeline_year, by_scale) + SCALE_NATIONAL * sizeof(uint32_t)},
        {"global", offsetof(struct timeline_year, by_scale) + SCALE_GLOBAL * sizeof(uint32_t)},
        {"material", offsetof(struct timeline_year, by_form) + FORM_MATERIAL * sizeof(uint32_t)},
        {"non_material", offsetof(struct timeline_year, by_form) + FORM_NONMATERIAL * sizeof(uint32_t)},
        {"births", offsetof(struct timeline_year, births)},
        {"founded", offsetof(struct timeline_year, founded)},
    };
    int ascii = 0; /* batch output is UTF-8 whatever the locale (main.c) */
    char *line = xmalloc(CHART_BYTES(tl->n_years));
    printf("\ntrends %d..%d (each line scaled to its own largest value)\n", tl->year0,
           tl->year0 + (int)tl->n_years - 1);
    uint32_t *v = xmalloc((tl->n_years ? tl->n_years : 1) * sizeof *v);
    for (size_t k = 0; k < sizeof series / sizeof *series; k++) {
        uint32_t max = 0, at = 0;
        for (uint32_t y = 0; y < tl->n_years; y++) {
            memcpy(&v[y], (const char *)&rows[y] + series[k].off, sizeof *v);
            if (v[y] > max) {
                max = v[y];
                at = y;
            }
        }
        chart_sparkline(line, v, tl->n_years, 1, max, ascii);
        printf("%-12s %s  max %u in %d\n", series[k].name, line, max, tl->year0 + (int)at);
    }
    free(v);
    free(line);
}

int cluster_time_by_year(const struct cli *c, const struct cli_data *d, int industries)
{
    const struct dataset *ds = &d->ds;
    struct timeline tl;
    timeline_build(&tl, ds, &d->L);
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);
    static const uint8_t kinds[] = {PK_STR, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT, PK_INT,
                                    PK_INT, PK_INT, PK_INT};
    const char *names[NYEARCOLS + 1];
    unsigned nc = 0;
    if (industries)
        names[nc++] = "industry";
    for (size_t k = 0; k < NYEARCOLS; k++)
        names[nc++] = year_names[k];
    struct table t;
    table_init(&t, nc, names, kinds + !industries);
    if (industries) {
        for (uint32_t k = 0; k < tl.n_industries; k++)
            for (uint32_t y = 0; y < tl.n_years; y++) {
                table_add(&t, dataset_str(ds, ds->industry_name[k]));
                year_row(&t, tl.year0 + (int)y, timeline_at(&tl, k, y));
            }
    } else {
        for (uint32_t y = 0; y < tl.n_years; y++)
            year_row(&t, tl.year0 + (int)y, &tl.whole[y]);
    }
    if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "from", tl.n_years ? json_integer(tl.year0) : json_null());
        json_object_set_new(doc, "to", tl.n_years ? json_integer(tl.year0 + (int)tl.n_years - 1) : json_null());
        json_object_set_new(doc, "undated_ties", json_integer(tl.undated_ties));
        json_object_set_new(doc, "undated_firms", json_integer(tl.undated_firms));
        json_object_set_new(doc, "never_in_force", json_integer(tl.never_ties));
        if (industries) {
            json_t *arr = json_array();
            for (uint32_t k = 0; k < tl.n_industries; k++) {
                json_t *o = json_object();
                json_object_set_new(o, "industry", print_json_string(dataset_str(ds, ds->industry_name[k])));
                json_t *ys = json_array();
                for (uint32_t y = 0; y < tl.n_years; y++)
                    json_array_append_new(ys, year_json(tl.year0 + (int)y, timeline_at(&tl, k, y)));
                json_object_set_new(o, "years", ys);
                json_array_append_new(arr, o);
            }
            json_object_set_new(doc, "industries", arr);
        } else {
            json_t *ys = json_array();
            for (uint32_t y = 0; y < tl.n_years; y++)
                json_array_append_new(ys, year_json(tl.year0 + (int)y, &tl.whole[y]));
            json_object_set_new(doc, "years", ys);
        }
        print_json(doc, stdout);
    } else if (c->format == PRINT_TSV) {
        table_print(&t, PRINT_TSV, stdout);
    } else {
        printf("layer: %s\n", layer);
        if (tl.n_years)
            printf("years %d..%d; ties in force each year by the tie's scale and form, births (since),\n"
                   "ends (until, the last year in force) and firms founded\n",
                   tl.year0, tl.year0 + (int)tl.n_years - 1);
        printf("undated: %u tie%s without since, counted apart (column undated) in every year they are in force; "
               "%u firm%s without founded\n",
               tl.undated_ties, tl.undated_ties == 1 ? "" : "s", tl.undated_firms, tl.undated_firms == 1 ? "" : "s");
        if (tl.never_ties)
            printf("%u tie%s end before both firms exist, so are in force in no year\n", tl.never_ties,
                   tl.never_ties == 1 ? "" : "s");
        putchar('\n');
        table_print(&t, PRINT_TEXT, stdout);
        if (!industries && tl.n_years)
            print_trends(&tl, tl.whole);
    }
    table_free(&t);
    timeline_free(&tl);
    return 0;
}

/* ---- two years ---- */

static void share_cell(struct table *t, double x, int precise)
{
    if (isnan(x))
        table_add(t, "");
    else
        table_addf(t, precise ? "%.17g" : "%.3f", x);
}

static void firm_change_table(struct table *t, const struct dataset *ds, const struct timeline_firm_change *v,
                              uint32_t n, uint32_t top, int growth, int precise)
{
    static const char *const gk_names[] = {"id", "name", "industry", "score_a", "score_b"};
    static const uint8_t gk_kinds[] = {PK_STR, PK_STR, PK_STR, PK_INT, PK_INT};
    static const char *const pg_names[] = {"id", "name", "industry", "share_a", "share_b", "change"};
    static const uint8_t pg_kinds[] = {PK_STR, PK_STR, PK_STR, PK_NUM, PK_NUM, PK_NUM};
    if (growth)
        table_init(t, 6, pg_names, pg_kinds);
    else
        table_init(t, 5, gk_names, gk_kinds);
    for (uint32_t i = 0; i < n && (!top || i < top); i++) {
        uint32_t f = v[i].firm;
        table_add(t, dataset_firm_id(ds, f));
        table_add(t, dataset_str(ds, ds->firms.name[f]));
        table_add(t, dataset_str(ds, ds->industry_name[ds->firms.industry[f]]));
        if (growth) {
            share_cell(t, v[i].before, precise);
            share_cell(t, v[i].after, precise);
            share_cell(t, v[i].after - v[i].before, precise);
        } else {
            table_addf(t, "%llu", (unsigned long long)v[i].score_before);
            table_addf(t, "%llu", (unsigned long long)v[i].score_after);
        }
    }
}

static void section(enum print_format f, const char *title, const struct table *t, int *first)
{
    if (f == PRINT_TSV) {
        printf("# %s\n", title);
    } else {
        if (!*first)
            putchar('\n');
        printf("%s\n", title);
    }
    *first = 0;
    table_print(t, f, stdout);
}

int cluster_time_compare(const struct cli *c, const struct cli_data *d, int16_t year_a, int16_t year_b,
                         uint32_t top)
{
    const struct dataset *ds = &d->ds;
    struct timeline_compare tc;
    timeline_compare(&tc, ds, &d->g, &c->layer, year_a, year_b);
    char layer[256];
    layer_describe(&c->layer, layer, sizeof layer);
    int precise = c->format != PRINT_TEXT;

    static const char *const s_names[] = {"measure", "year_a", "year_b"};
    static const uint8_t s_kinds[] = {PK_STR, PK_INT, PK_INT};
    struct table sum;
    table_init(&sum, 3, s_names, s_kinds);
    table_add(&sum, "year");
    table_addf(&sum, "%d", year_a);
    table_addf(&sum, "%d", year_b);
    table_add(&sum, "ties");
    table_addf(&sum, "%u", tc.ties[0]);
    table_addf(&sum, "%u", tc.ties[1]);
    table_add(&sum, "undated");
    table_addf(&sum, "%u", tc.undated[0]);
    table_addf(&sum, "%u", tc.undated[1]);

    static const char *const c_names[] = {"by", "value", "gained", "lost"};
    static const uint8_t c_kinds[] = {PK_STR, PK_STR, PK_INT, PK_INT};
    struct table ch;
    table_init(&ch, 4, c_names, c_kinds);
    table_add(&ch, "all");
    table_add(&ch, "");
    table_addf(&ch, "%u", tc.gained);
    table_addf(&ch, "%u", tc.lost);
    for (unsigned k = 0; k < SCALE_COUNT; k++) {
        table_add(&ch, "scale");
        table_add(&ch, vocab_scale_name(k));
        table_addf(&ch, "%u", tc.gained_scale[k]);
        table_addf(&ch, "%u", tc.lost_scale[k]);
    }
    for (unsigned k = 0; k < LT_COUNT; k++) {
        table_add(&ch, "type");
        table_add(&ch, vocab_type_name(k));
        table_addf(&ch, "%u", tc.gained_type[k]);
        table_addf(&ch, "%u", tc.lost_type[k]);
    }
    struct table gk, pg;
    firm_change_table(&gk, ds, tc.new_gatekeepers, tc.n_new_gatekeepers, top, 0, precise);
    firm_change_table(&pg, ds, tc.pipeline_growth, tc.n_pipeline_growth, top, 1, precise);

    if (c->format == PRINT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "layer", json_string(layer));
        json_object_set_new(doc, "year_a", json_integer(year_a));
        json_object_set_new(doc, "year_b", json_integer(year_b));
        json_object_set_new(doc, "ties_a", json_integer(tc.ties[0]));
        json_object_set_new(doc, "ties_b", json_integer(tc.ties[1]));
        json_object_set_new(doc, "undated_a", json_integer(tc.undated[0]));
        json_object_set_new(doc, "undated_b", json_integer(tc.undated[1]));
        json_object_set_new(doc, "changes", table_to_json(&ch));
        json_object_set_new(doc, "new_gatekeepers_total", json_integer(tc.n_new_gatekeepers));
        json_object_set_new(doc, "new_gatekeepers", table_to_json(&gk));
        json_object_set_new(doc, "pipeline_growth_total", json_integer(tc.n_pipeline_growth));
        json_object_set_new(doc, "pipeline_growth", table_to_json(&pg));
        print_json(doc, stdout);
    } else {
        char title[160];
        int first = 1;
        if (c->format == PRINT_TEXT)
            printf("layer: %s; %d against %d (undated ties are in force in both years alike)\n\n", layer, year_a,
                   year_b);
        section(c->format, "ties in force", &sum, &first);
        snprintf(title, sizeof title, "ties gained (in force in %d, not %d) and lost (in %d, not %d)", year_b,
                 year_a, year_a, year_b);
        section(c->format, title, &ch, &first);
        snprintf(title, sizeof title, "new gatekeepers: %u local firm%s with a gatekeeper score in %d and none in %d",
                 tc.n_new_gatekeepers, tc.n_new_gatekeepers == 1 ? "" : "s", year_b, year_a);
        section(c->format, title, &gk, &first);
        snprintf(title, sizeof title, "pipeline share grew most: %u firm%s tied in both years whose share grew",
                 tc.n_pipeline_growth, tc.n_pipeline_growth == 1 ? "" : "s");
        section(c->format, title, &pg, &first);
    }
    table_free(&sum);
    table_free(&ch);
    table_free(&gk);
    table_free(&pg);
    timeline_compare_free(&tc);
    return 0;
}
