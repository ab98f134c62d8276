#include "print.h"
#include "text.h"
#include "xalloc.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int print_parse_format(const char *s, enum print_format *out)
{
    if (!strcmp(s, "text"))
        *out = PRINT_TEXT;
    else if (!strcmp(s, "tsv"))
        *out = PRINT_TSV;
    else if (!strcmp(s, "json"))
        *out = PRINT_JSON;
    else
        return -1;
    return 0;
}

void table_init(struct table *t, unsigned ncols, const char *const *names, const uint8_t *kinds)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->names = names;
    t->kinds = kinds;
    strpool_init(&t->text);
}

void table_free(struct table *t)
{
    free(t->cells);
    strpool_free(&t->text);
    memset(t, 0, sizeof *t);
}

void table_add(struct table *t, const char *s)
{
    t->cells = xgrow(t->cells, &t->cap, t->ncells + 1, sizeof *t->cells);
    t->cells[t->ncells++] = s ? strpool_intern(&t->text, s, strlen(s)) : 0;
    t->nrows = t->ncells / t->ncols;
}

void table_addf(struct table *t, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    table_add(t, buf);
}

void print_text(FILE *out, const char *s)
{
    struct textbuf tb = {0};
    fputs(text_sanitize(&tb, s, strlen(s), TEXT_DISPLAY, 0), out);
    textbuf_free(&tb);
}

static void print_text_table(const struct table *t, FILE *out)
{
    int *w = xcalloc(t->ncols, sizeof *w);
    struct textbuf tb = {0};
    for (unsigned c = 0; c < t->ncols; c++)
        w[c] = text_width(t->names[c], strlen(t->names[c]));
    for (size_t r = 0; r < t->nrows; r++)
        for (unsigned c = 0; c < t->ncols; c++) {
            const char *s = table_cell(t, r, c);
            text_sanitize(&tb, s, strlen(s), TEXT_DISPLAY, 0);
            int cw = text_width(tb.buf, tb.len);
            if (cw > w[c])
                w[c] = cw;
        }
    for (size_t r = 0; r <= t->nrows; r++) {
        for (unsigned c = 0; c < t->ncols; c++) {
            const char *s = r == 0 ? t->names[c] : table_cell(t, r - 1, c);
            text_sanitize(&tb, s, strlen(s), TEXT_DISPLAY, 0);
            int pad = w[c] - text_width(tb.buf, tb.len);
            int last = c + 1 == t->ncols;
            if (t->kinds[c] != PK_STR && r > 0) {
                fprintf(out, "%*s%s", pad, "", tb.buf);
            } else {
                fputs(tb.buf, out);
                if (!last)
                    fprintf(out, "%*s", pad, "");
            }
            if (!last)
                fputs("  ", out);
        }
        fputc('\n', out);
    }
    textbuf_free(&tb);
    free(w);
}

static void print_tsv_table(const struct table *t, FILE *out)
{
    struct textbuf tb = {0};
    for (size_t r = 0; r <= t->nrows; r++) {
        for (unsigned c = 0; c < t->ncols; c++) {
            const char *s = r == 0 ? t->names[c] : table_cell(t, r - 1, c);
            if (c)
                fputc('\t', out);
            fputs(text_sanitize(&tb, s, strlen(s), TEXT_TSV, 0), out);
        }
        fputc('\n', out);
    }
    textbuf_free(&tb);
}

void table_print(const struct table *t, enum print_format f, FILE *out)
{
    if (f == PRINT_TSV)
        print_tsv_table(t, out);
    else if (f == PRINT_JSON)
        print_json(table_to_json(t), out);
    else
        print_text_table(t, out);
}

json_t *print_json_string(const char *s)
{
    json_t *j = json_string(s);
    if (!j) {
        /* jansson refuses invalid UTF-8; show the bytes as escapes instead */
        struct textbuf tb = {0};
        j = json_string(text_sanitize(&tb, s, strlen(s), TEXT_DISPLAY, 0));
        textbuf_free(&tb);
    }
    return j ? j : json_string("");
}

json_t *table_to_json(const struct table *t)
{
    json_t *arr = json_array();
    for (size_t r = 0; r < t->nrows; r++) {
        json_t *o = json_object();
        for (unsigned c = 0; c < t->ncols; c++) {
            const char *s = table_cell(t, r, c);
            json_t *v = NULL;
            char *end = NULL;
            if (!*s && t->kinds[c] != PK_STR) {
                v = json_null();
            } else if (t->kinds[c] == PK_INT) {
                long long x = strtoll(s, &end, 10);
                if (*end == '\0')
                    v = json_integer(x);
            } else if (t->kinds[c] == PK_NUM) {
                double x = strtod(s, &end);
                if (*end == '\0')
                    v = json_real(x);
            }
            if (!v)
                v = print_json_string(s);
            json_object_set_new(o, t->names[c], v);
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

void print_json(json_t *doc, FILE *out)
{
    json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    fputc('\n', out);
    json_decref(doc);
}

int print_finish(FILE *out)
{
    if (fflush(out) != 0 || ferror(out)) {
        if (errno == EPIPE)
            return 0;
        fprintf(stderr, "firmnet: cannot write output: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}
