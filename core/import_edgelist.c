/* Edge lists: a CSV or TSV file with a header, one linkage a row; the firms are
 * the ids named in the source and target columns. */
#include "colwords.h"
#include "csvread.h"
#include "dataset.h"
#include "import_impl.h"
#include "xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct elist {
    struct import_table *lt;
    const struct import_options *o;
    struct import_report *rep;
    const char *path;
    char *err;
    int header_done, failed;
    uint32_t nfields;
    int32_t *col_of_field; /* nfields: column in lt, or -1 */
};

/* The column named want, else (when none is asked for) the one named as the dataset
 * column col or by one of its other names, the words load reads too (core/colwords). */
static int find_col(const struct csvread_record *r, const char *want, unsigned col)
{
    for (uint32_t i = 0; i < r->n; i++)
        if (want && !strcasecmp(r->field[i], want))
            return (int)i;
    if (want)
        return -1;
    for (uint32_t i = 0; i < r->n; i++)
        if (!strcasecmp(r->field[i], dataset_link_column_name(col)))
            return (int)i;
    for (uint32_t i = 0; i < r->n; i++)
        if (colwords_alias(COLWORDS_LINKS, r->field[i], r->len[i]) == (int)col)
            return (int)i;
    return -1;
}

static int header(struct elist *c, const struct csvread_record *r)
{
    int s = find_col(r, c->o->source_col, LC_SOURCE), t = find_col(r, c->o->target_col, LC_TARGET);
    int ty = find_col(r, c->o->type_col, LC_TYPE);
    if (s < 0 || t < 0) {
        const char *which = s < 0 ? "source" : "target";
        const char *given = s < 0 ? c->o->source_col : c->o->target_col;
        snprintf(c->err, IMPORT_ERR_MAX, "%s:%u: no %s column%s%s%s; name it with --%s-col", c->path, r->line, which,
                 given ? " \"" : "", given ? given : "", given ? "\"" : "", which);
        return -1;
    }
    if (c->o->type_col && ty < 0) {
        snprintf(c->err, IMPORT_ERR_MAX, "%s:%u: no column \"%s\" for --type-col", c->path, r->line, c->o->type_col);
        return -1;
    }
    c->nfields = r->n;
    c->col_of_field = xmalloc((r->n + 1) * sizeof *c->col_of_field);
    c->col_of_field[s] = (int32_t)import_table_add_col(c->lt, "source");
    c->col_of_field[t] = (int32_t)import_table_add_col(c->lt, "target");
    if (ty >= 0 && ty != s && ty != t)
        c->col_of_field[ty] = (int32_t)import_table_add_col(c->lt, "type");
    for (uint32_t i = 0; i < r->n; i++)
        if ((int)i != s && (int)i != t && (int)i != ty)
            c->col_of_field[i] = (int32_t)import_table_add_col(c->lt, r->field[i]);
    return 0;
}

static enum csvread_action on_record(void *ctx, const struct csvread_record *r)
{
    struct elist *c = ctx;
    if (!c->header_done) {
        c->header_done = 1;
        if (header(c, r)) {
            c->failed = 1;
            return CSVREAD_STOP;
        }
        return CSVREAD_CONTINUE;
    }
    if (r->n == 1 && r->len[0] == 0)
        return CSVREAD_CONTINUE; /* a blank line */
    if (r->n != c->nfields) {
        import_note(c->rep, "rows with more or fewer fields than the header (skipped)", "line %u", r->line);
        return CSVREAD_CONTINUE;
    }
    uint32_t row = import_table_add_row(c->lt, r->line);
    for (uint32_t i = 0; i < r->n; i++)
        import_table_set(c->lt, row, (uint32_t)c->col_of_field[i], r->field[i], r->len[i], c->rep);
    return CSVREAD_CONTINUE;
}

static void on_error(void *ctx, enum csvread_error e, uint32_t line, const char *detail)
{
    struct elist *c = ctx;
    if (e == CSVREAD_EOPEN) {
        snprintf(c->err, IMPORT_ERR_MAX, "cannot read %s: %s", c->path, detail ? detail : strerror(errno));
        c->failed = 1;
    } else {
        import_note(c->rep, "CSV problems (the rows concerned may be skipped)", "line %u: %s", line,
                    detail ? detail : "");
    }
}

/* The delimiter the header line uses most: comma, semicolon or tab. */
static char guess_delimiter(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ',';
    int ch, quoted = 0;
    unsigned counts[3] = {0};
    while ((ch = getc(fp)) != EOF && (quoted || (ch != '\n' && ch != '\r'))) {
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted)
            counts[0] += ch == ',', counts[1] += ch == ';', counts[2] += ch == '\t';
    }
    fclose(fp);
    if (counts[2] && counts[2] >= counts[0] && counts[2] >= counts[1])
        return '\t';
    return counts[1] > counts[0] ? ';' : ',';
}

int import_read_edgelist(struct import_table *ft, struct import_table *lt, const char *path,
                         const struct import_options *o, struct import_report *rep, char *err)
{
    struct elist c = {.lt = lt, .o = o, .rep = rep, .path = path, .err = err};
    struct csvread_options co;
    memset(&co, 0, sizeof co);
    co.delimiter = (unsigned char)(o->delimiter ? o->delimiter : guess_delimiter(path));
    co.encoding = o->encoding;
    struct csvread_handler h = {.record = on_record, .error = on_error, .ctx = &c};
    import_table_add_col(ft, "id");
    int rc = csvread_file(path, &co, &h);
    free(c.col_of_field);
    if (c.failed)
        return -1;
    if (rc != 0) {
        if (!err[0])
            snprintf(err, IMPORT_ERR_MAX, "cannot read %s", path);
        return -1;
    }
    if (!c.header_done) {
        snprintf(err, IMPORT_ERR_MAX, "%s is empty: an edge list needs a header row", path);
        return -1;
    }
    return 0;
}
