#include "print.h"
#include "text.h"
#include "xalloc.h"
#include <errno.h>
#include <math.h>
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
        /* a row ends at its last non-empty cell: empty cells after it (a linkage
         * without a note) would only leave padding at the end of the line */
        unsigned ncols = t->ncols;
        while (r > 0 && ncols > 0 && !*table_cell(t, r - 1, ncols - 1))
            ncols--;
        for (unsigned c = 0; c < ncols; c++) {
            const char *s = r == 0 ? t->names[c] : table_cell(t, r - 1, c);
            text_sanitize(&tb, s, strlen(s), TEXT_DISPLAY, 0);
            int pad = w[c] - text_width(tb.buf, tb.len);
            int last = c + 1 == ncols;
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

/* jansson escapes C0 controls but writes every other code point as raw UTF-8, so a
 * name holding a C1 control (U+009B is CSI on many terminals), DEL or a bidi override
 * would reach a terminal raw from `--format json`. They are written as \uXXXX instead:
 * still the same JSON string to any parser, and harmless on screen. The output is
 * streamed; a character split between two chunks waits in carry. */
struct json_sink {
    FILE *out;
    char carry[4];
    size_t ncarry;
};

static size_t utf8_seq_len(unsigned char b)
{
    return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Writes one whole character (jansson only writes valid UTF-8). */
static int json_sink_char(struct json_sink *k, const unsigned char *c, size_t n)
{
    unsigned cp = 0;
    if (n == 1 && c[0] == 0x7F)
        cp = 0x7F;
    else if (n == 2 && c[0] == 0xC2 && c[1] <= 0x9F)
        cp = c[1]; /* U+0080..U+009F */
    else if (n == 3 && c[0] == 0xE2 && ((c[1] == 0x80 && c[2] >= 0xAA && c[2] <= 0xAE) ||
                                        (c[1] == 0x81 && c[2] >= 0xA6 && c[2] <= 0xA9)))
        cp = 0x2000u | ((c[1] & 0x3Fu) << 6) | (c[2] & 0x3Fu);
    if (cp)
        return fprintf(k->out, "\\u%04X", cp) < 0 ? -1 : 0; /* upper case, as jansson writes \u001B */
    return fwrite(c, 1, n, k->out) == n ? 0 : -1;
}

static int json_sink_write(const char *buf, size_t size, void *data)
{
    struct json_sink *k = data;
    const unsigned char *b = (const unsigned char *)buf;
    size_t i = 0;
    if (k->ncarry) {
        size_t want = utf8_seq_len((unsigned char)k->carry[0]);
        while (k->ncarry < want && i < size)
            k->carry[k->ncarry++] = (char)b[i++];
        if (k->ncarry < want)
            return 0;
        k->ncarry = 0;
        if (json_sink_char(k, (const unsigned char *)k->carry, want))
            return -1;
    }
    while (i < size) {
        /* runs of plain ASCII, nearly all of the output, go out in one write */
        size_t j = i;
        while (j < size && b[j] < 0x7F)
            j++;
        if (j > i && fwrite(b + i, 1, j - i, k->out) != j - i)
            return -1;
        if (j == size)
            break;
        size_t n = utf8_seq_len(b[j]);
        if (j + n > size) {
            memcpy(k->carry, b + j, size - j);
            k->ncarry = size - j;
            return 0;
        }
        if (json_sink_char(k, b + j, n))
            return -1;
        i = j + n;
    }
    return 0;
}

/* one member, since one dataset is loaded per run; owned here */
static char *attach_key;
static json_t *attach_value;

static void attach_release(void) { print_json_attach(NULL, NULL); }

void print_json_attach(const char *key, json_t *value)
{
    static int registered;
    if (!registered && key) {
        registered = 1;
        atexit(attach_release); /* a command may end on an error without print_finish */
    }
    free(attach_key);
    json_decref(attach_value);
    attach_key = key ? xstrdup(key) : NULL;
    attach_value = value;
}

void print_json(json_t *doc, FILE *out)
{
    if (attach_key && json_is_object(doc) && !json_object_get(doc, attach_key))
        json_object_set(doc, attach_key, attach_value);
    struct json_sink k = {out, {0}, 0};
    json_dump_callback(doc, json_sink_write, &k, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    if (k.ncarry)
        fwrite(k.carry, 1, k.ncarry, out); /* not reached with valid UTF-8; lose nothing */
    fputc('\n', out);
    json_decref(doc);
}

int print_finish(FILE *out)
{
    print_json_attach(NULL, NULL); /* the run is over */
    if (fflush(out) != 0 || ferror(out)) {
        if (errno == EPIPE)
            return 0;
        fprintf(stderr, "firmnet: cannot write output: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}

void table_add_num(struct table *t, const struct print_num *f, double x)
{
    if (isnan(x))
        table_add(t, f->format == PRINT_JSON ? "" : "NaN"); /* JSON null */
    else if (f->precise)
        table_addf(t, "%.17g", x);
    else
        table_addf(t, "%.*f", f->digits, x);
}

void report_init(struct report *r)
{
    memset(r, 0, sizeof *r);
}

void report_free(struct report *r)
{
    free(r->row);
    report_init(r);
}

static void report_add(struct report *r, struct report_row row)
{
    r->row = xgrow(r->row, &r->cap, (size_t)r->n + 1, sizeof *r->row);
    r->row[r->n++] = row;
}

void report_int(struct report *r, const char *key, uint64_t u)
{
    report_add(r, (struct report_row){key, PK_INT, u, 0, NULL});
}

void report_num(struct report *r, const char *key, double x)
{
    report_add(r, (struct report_row){key, PK_NUM, 0, x, NULL});
}

void report_str(struct report *r, const char *key, const char *s)
{
    report_add(r, (struct report_row){key, PK_STR, 0, 0, s});
}

void report_to_json(const struct report *r, json_t *o)
{
    for (unsigned i = 0; i < r->n; i++) {
        const struct report_row *w = &r->row[i];
        json_t *j = w->kind == PK_INT ? json_integer((json_int_t)w->u)
                    : w->kind == PK_NUM ? (isnan(w->x) ? json_null() : json_real(w->x))
                                        : print_json_string(w->s);
        json_object_set_new(o, w->key, j);
    }
}

void report_table(struct table *t, const struct report *r, unsigned n, const char *const *names,
                  const struct print_num *f)
{
    /* the values are of mixed kinds: numbers right-aligned in text, the few strings too */
    static const uint8_t kinds[1 + REPORT_MAX_SIDE] = {PK_STR, PK_NUM, PK_NUM, PK_NUM};
    for (unsigned k = 0; k < n; k++)
        if (n > REPORT_MAX_SIDE || r[k].n != r[0].n)
            abort(); /* more reports than columns, or other keys: a programming error */
    table_init(t, 1 + n, names, kinds);
    for (unsigned i = 0; i < r[0].n; i++) {
        table_add(t, r[0].row[i].key);
        for (unsigned k = 0; k < n; k++) {
            const struct report_row *w = &r[k].row[i];
            if (w->kind == PK_INT)
                table_addf(t, "%llu", (unsigned long long)w->u);
            else if (w->kind == PK_NUM)
                table_add_num(t, f, w->x);
            else
                table_add(t, w->s);
        }
    }
}
