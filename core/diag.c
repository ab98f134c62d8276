#include "diag.h"
#include "dataset.h"
#include "text.h"
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
unsigned diag_code_severity(unsigned c) { return c < DC_COUNT ? codes[c].sev : DIAG_ERROR; }
const char *diag_severity_name(unsigned s) { return s == DIAG_ERROR ? "error" : "warning"; }

void diag_init(struct diag *d)
{
    memset(d, 0, sizeof *d);
    strpool_init(&d->text);
    d->tally = xcalloc(DIAG_TALLIES, sizeof *d->tally);
    d->keep = DIAG_KEEP_DEFAULT;
}

void diag_free(struct diag *d)
{
    free(d->v);
    free(d->tally);
    strpool_free(&d->text);
    memset(d, 0, sizeof *d);
}

void diag_adopt(struct diag *d, const struct diag_stored *s)
{
    free(d->v);
    free(d->tally);
    strpool_free(&d->text);
    d->v = s->v;
    d->n = d->cap = s->n;
    d->tally = s->tally;
    d->text = s->text;
    d->n_errors = s->n_errors;
    d->n_warnings = s->n_warnings;
    d->rows_skipped[0] = s->rows_skipped[0];
    d->rows_skipped[1] = s->rows_skipped[1];
    d->values_ignored = s->values_ignored;
}

void diag_set_keep(struct diag *d, uint32_t keep) { d->keep = keep; }

/* Counts a finding; 1 when it is to be kept, 0 when its code is past the keep. This
 * is all a finding past the keep costs: no formatting, no memory. */
static int diag_count_one(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code)
{
    struct diag_tally *t = &d->tally[(unsigned)file * DC_COUNT + (unsigned)code];
    t->count++;
    if (codes[code].sev == DIAG_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    if (d->keep && t->kept >= d->keep) {
        /* the lowest and highest line: the checks that go firm by firm make findings
         * out of line order */
        if (t->count == t->kept + 1 || line < t->first)
            t->first = line;
        if (t->count == t->kept + 1 || line > t->last)
            t->last = line;
        return 0;
    }
    t->kept++;
    return 1;
}

static struct finding *diag_push(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
                                 uint32_t firm)
{
    d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
    struct finding *f = &d->v[d->n++];
    memset(f, 0, sizeof *f);
    f->file = (uint8_t)file;
    f->severity = (uint8_t)codes[code].sev;
    f->code = (uint8_t)code;
    f->line = line;
    f->firm = firm;
    return f;
}

void diag_add(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
              uint32_t firm, const char *fmt, ...)
{
    if (!diag_count_one(d, file, line, code))
        return;
    char small[512];
    size_t n;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvformat(small, sizeof small, &n, fmt, ap);
    va_end(ap);
    struct finding *f = diag_push(d, file, line, code, firm);
    /* many findings repeat a message shape but rarely the whole text: append, do not intern */
    f->msg = strpool_add(&d->text, msg, n);
    if (msg != small)
        free(msg);
}

void diag_add_lazy(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
                   uint32_t firm, uint32_t link, uint32_t number)
{
    if (!diag_count_one(d, file, line, code))
        return;
    struct finding *f = diag_push(d, file, line, code, firm);
    f->lazy = 1;
    f->msg = number;
    f->arg = link;
}

uint64_t diag_count(const struct diag *d, unsigned code)
{
    uint64_t n = 0;
    for (unsigned file = 0; file < DIAG_FILES && code < DC_COUNT; file++)
        n += d->tally[file * DC_COUNT + code].count;
    return n;
}

/* n with thousands separators, as the summary line prints counts and lines. */
static const char *with_commas(char *buf, size_t size, uint64_t n)
{
    char digits[24];
    int k = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t o = 0;
    for (int i = 0; i < k && o + 1 < size; i++) {
        if (i && (k - i) % 3 == 0 && o + 2 < size)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

int diag_more_text(const struct diag *d, unsigned file, unsigned code, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    if (file >= DIAG_FILES || code >= DC_COUNT)
        return 0;
    const struct diag_tally *t = diag_tally_of(d, file, code);
    if (t->count <= t->kept)
        return 0;
    uint32_t more = t->count - t->kept;
    char n[32], a[32], b[32];
    with_commas(n, sizeof n, more);
    const char *sev = codes[code].sev == DIAG_ERROR ? "error" : "warning";
    if (!t->first)
        snprintf(buf, size, "%s more %s %s%s", n, codes[code].name, sev, more == 1 ? "" : "s");
    else if (more == 1 || t->first == t->last)
        snprintf(buf, size, "%s more %s %s%s, line %s", n, codes[code].name, sev, more == 1 ? "" : "s",
                 with_commas(a, sizeof a, t->first));
    else
        snprintf(buf, size, "%s more %s %ss, lines %s\u2013%s", n, codes[code].name, sev,
                 with_commas(a, sizeof a, t->first), with_commas(b, sizeof b, t->last));
    return 1;
}

size_t diag_bytes(const struct diag *d)
{
    return sizeof *d + d->cap * sizeof *d->v + d->text.cap + d->text.nslots * sizeof *d->text.slots +
           (d->tally ? DIAG_TALLIES * sizeof *d->tally : 0);
}

/* An id as a message shows it: sanitized (an id may hold escape sequences, which the
 * loader only warns about) and cut like the loader's quoted values. */
static const char *fit_id(struct textbuf *tb, const struct dataset *ds, uint32_t f, char *out, size_t size)
{
    if (f >= ds->firms.n)
        return "?";
    const char *id = dataset_firm_id(ds, f);
    snprintf(out, size, "%s", text_fit(tb, id, strlen(id), 60, 0, 0));
    return out;
}

const char *diag_message(const struct diag *d, const struct dataset *ds, const struct finding *f,
                         struct textbuf *tb)
{
    if (!f->lazy)
        return strpool_get(&d->text, f->msg);
    char msg[1024], id1[256], id2[256];
    const struct link_table *l = ds ? &ds->links : NULL;
    uint32_t e = f->arg;
    if (!ds || (f->code != DC_ISOLATED_FIRM && e >= l->n))
        snprintf(msg, sizeof msg, "(the dataset this finding is of is not loaded)");
    else if (f->code == DC_ISOLATED_FIRM)
        snprintf(msg, sizeof msg, "firm %s has no linkages", fit_id(tb, ds, f->firm, id1, sizeof id1));
    else if (f->code == DC_SINCE_BEFORE_FOUNDED)
        snprintf(msg, sizeof msg, "since %d is before %s %s was founded (%d)", l->since[e],
                 f->firm == l->source[e] ? "source" : "target", fit_id(tb, ds, f->firm, id1, sizeof id1),
                 f->firm < ds->firms.n ? ds->firms.founded[f->firm] : 0);
    else if (f->code == DC_DUPLICATE_LINK)
        snprintf(msg, sizeof msg, "%s linkage %s %s %s repeats line %u (both kept)", vocab_type_name(l->type[e]),
                 fit_id(tb, ds, l->source[e], id1, sizeof id1), vocab_type_directed(l->type[e]) ? "->" : "<->",
                 fit_id(tb, ds, l->target[e], id2, sizeof id2), f->msg);
    else
        snprintf(msg, sizeof msg, "%s", codes[f->code < DC_COUNT ? f->code : 0].doc);
    size_t n = strlen(msg);
    tb->buf = xgrow(tb->buf, &tb->cap, n + 1, 1);
    memcpy(tb->buf, msg, n + 1);
    tb->len = n;
    return tb->buf;
}

/* Stable merge sort: qsort is not stable, and findings of one line keep the order
 * they were made in (a load finding before a check finding of the same row). */
static int finding_before(const struct finding *x, const struct finding *y)
{
    if (x->file != y->file)
        return x->file < y->file;
    return x->line < y->line;
}

void diag_sort(struct diag *d)
{
    size_t n = d->n;
    if (n < 2)
        return;
    int sorted = 1;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = !finding_before(&d->v[i], &d->v[i - 1]);
    if (sorted)
        return;
    struct finding *tmp = xmalloc(n * sizeof *tmp), *src = d->v, *dst = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = finding_before(&src[j], &src[i]) ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        struct finding *t = src;
        src = dst;
        dst = t;
    }
    if (src != d->v)
        memcpy(d->v, src, n * sizeof *src);
    free(tmp);
}

/* Data text (paths, messages) made safe for a terminal, as the batch commands print it. */
static void fput_display(FILE *out, const char *s)
{
    struct textbuf tb = {0};
    fputs(text_sanitize(&tb, s, strlen(s), TEXT_DISPLAY, 0), out);
    textbuf_free(&tb);
}

void diag_print_findings(const struct diag *dg, const struct dataset *ds, FILE *out, int only_errors)
{
    struct textbuf tb = {0};
    for (size_t i = 0; i < dg->n; i++) {
        const struct finding *f = &dg->v[i];
        if (only_errors && f->severity != DIAG_ERROR)
            continue;
        fput_display(out, dg->path[f->file]);
        if (f->line)
            fprintf(out, ":%u", f->line);
        /* messages are made printable where they are made; sanitizing again costs little
         * (it leaves printable text as it is) and keeps a terminal safe from any
         * message that forgot to */
        fprintf(out, ": %s: ", diag_severity_name(f->severity));
        fput_display(out, diag_message(dg, ds, f, &tb));
        fprintf(out, " [%s]\n", diag_code_name(f->code));
    }
    textbuf_free(&tb);
    char more[160];
    for (unsigned file = 0; file < DIAG_FILES; file++)
        for (unsigned code = 0; code < DC_COUNT; code++) {
            if (!diag_more_text(dg, file, code, more, sizeof more))
                continue;
            const char *sev = diag_severity_name(diag_code_severity(code));
            if (only_errors && diag_code_severity(code) != DIAG_ERROR)
                continue;
            fput_display(out, dg->path[file] ? dg->path[file] : "?");
            fprintf(out, ": %s: %s [%s]\n", sev, more, diag_code_name(code));
        }
}
