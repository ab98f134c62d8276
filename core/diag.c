#include "diag.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct code_info { const char *name; unsigned sev; const char *doc; } codes[] = {
#define X(e, name, sev, doc) {name, sev, doc},
    DIAG_CODES(X)
#undef X
};

const char *diag_code_name(unsigned c) { return c < DC_COUNT ? codes[c].name : "?"; }
const char *diag_code_doc(unsigned c) { return c < DC_COUNT ? codes[c].doc : "?"; }
const char *diag_severity_name(unsigned s) { return s == DIAG_ERROR ? "error" : "warning"; }

void diag_init(struct diag *d)
{
    memset(d, 0, sizeof *d);
    strpool_init(&d->text);
}

void diag_free(struct diag *d)
{
    free(d->v);
    strpool_free(&d->text);
    memset(d, 0, sizeof *d);
}

void diag_add(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
              uint32_t firm, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    char *msg = small;
    if (n < 0) {
        n = 0;
        small[0] = '\0';
    } else if ((size_t)n >= sizeof small) {
        msg = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
    struct finding *f = &d->v[d->n++];
    f->file = (uint8_t)file;
    f->severity = (uint8_t)codes[code].sev;
    f->code = (uint16_t)code;
    f->line = line;
    f->firm = firm;
    /* many findings repeat a message shape but rarely the whole text: append, do not intern */
    f->msg = strpool_add(&d->text, msg, (size_t)n);
    if (f->severity == DIAG_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    if (msg != small)
        free(msg);
}

static int finding_cmp(const void *a, const void *b)
{
    const struct finding *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    /* message offsets grow with insertion, so they keep the order findings were made */
    return x->msg < y->msg ? -1 : x->msg > y->msg;
}

void diag_sort(struct diag *d)
{
    /* with no findings v is NULL, which qsort may not be given even for zero items */
    if (d->n > 1)
        qsort(d->v, d->n, sizeof *d->v, finding_cmp);
}
