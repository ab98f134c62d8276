#include "load.h"
#include "check.h"
#include "colwords.h"
#include "dsconf.h"
#include "csvpipe.h"
#include "csvread.h"
#include "cache.h"
#include "text.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUGGEST_BUDGET 500 /* each suggestion scans every id; enough for a person to act on */

/* Linkage ends are looked up this many rows after their hash is taken and their
 * slot in the id index fetched, so that many cache misses are in flight instead of
 * one at a time (at ten million linkages the id index is far larger than the caches;
 * this made the load of L ~15% faster). */
#define RESOLVE_AHEAD 16

struct load_ctx {
    struct dataset *ds;
    struct diag *dg;
    enum diag_file file;
    unsigned ncols;              /* FC_COUNT or LC_COUNT */
    const char *(*col_name)(unsigned);
    int (*col_required)(unsigned);
    int header_done, fatal;
    int col[(int)FC_COUNT > (int)LC_COUNT ? (int)FC_COUNT : (int)LC_COUNT]; /* record index of each known column, or -1 */
    uint32_t nfields;            /* fields in the header */
    uint32_t n_extra;
    uint32_t *extra_idx;         /* record index of each extra column; owned */
    const char **extra_val;      /* scratch, n_extra; owned */
    struct textbuf q1, q2;       /* quoted values for messages */
    size_t reserve_rows;         /* rows expected from the file size, reserved after the header */
    uint64_t file_bytes;         /* size of the file being read */
    uint32_t *end;               /* per record of the batch: its source's firm, its target's; owned */
    size_t end_cap;
    char *scratch;               /* trimmed copies of one row's fields, NUL-terminated; owned */
    size_t scratch_len, scratch_cap;
    unsigned suggest_budget;
    iconv_t gb;                  /* lazily opened GB18030 probe */
    const struct load_options *opt;
    uint64_t done_before;        /* bytes of earlier files, for progress */
    uint64_t bytes_seen;         /* progress last said */
    uint64_t total;
    /* firmnet.conf's headers for this file's columns (NULL: none), and their lines */
    char *const *mapped;
    const uint32_t *mapped_line;
    const struct dsconf *conf;   /* NULL when there is none */
    enum colwords_file words;
    int unnamed_last;            /* the header's last cell is empty: not a column */
    uint32_t scale_given;        /* firms whose scale field is not blank */
    char hdr_list[1024];         /* the header as the missing-column message lists it */
};

/* A value as it may appear inside a message: printable, and short. */
static const char *quote_value(struct textbuf *tb, const char *s, size_t n)
{
    return text_fit(tb, s, n, 60, 0, 0);
}

static int looks_gb18030(struct load_ctx *c, const char *s, size_t n)
{
    if (c->gb == (iconv_t)0)
        c->gb = iconv_open("UTF-8", "GB18030");
    if (c->gb == (iconv_t)-1)
        return 0;
    char out[256];
    char *ip = (char *)s, *op;
    size_t il = n, ol;
    iconv(c->gb, NULL, NULL, NULL, NULL);
    while (il) {
        op = out;
        ol = sizeof out;
        if (iconv(c->gb, &ip, &il, &op, &ol) == (size_t)-1 && errno != E2BIG)
            return 0;
    }
    return 1;
}

/* The extra column names of a header, compared without regard to ASCII case as
 * strcasecmp does: a hash set, so that a hostile header of a million columns is read
 * in linear time rather than in a quadratic scan. Slots hold a name's index + 1. */
struct name_set {
    uint32_t *slot;
    size_t mask;
};

static void name_set_init(struct name_set *ns, uint32_t n)
{
    size_t size = 16;
    while (size < (size_t)n * 2)
        size *= 2;
    ns->slot = xcalloc(size, sizeof *ns->slot);
    ns->mask = size - 1;
}

static uint32_t name_hash_fold(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        unsigned char b = (unsigned char)*s;
        h ^= b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        h *= 16777619u;
    }
    return h;
}

/* Adds names[k] unless an equal name is there; returns the index of the name kept. */
static uint32_t name_set_add(struct name_set *ns, char *const *names, uint32_t k)
{
    size_t j = name_hash_fold(names[k]) & ns->mask;
    while (ns->slot[j]) {
        uint32_t other = ns->slot[j] - 1;
        if (strcasecmp(names[other], names[k]) == 0)
            return other;
        j = (j + 1) & ns->mask;
    }
    ns->slot[j] = k + 1;
    return k;
}

static int field_blank(const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    return n == 0;
}

/* The header cells as a message shows them: "a, b, c", the first 24 of them. */
static const char *header_list(struct load_ctx *c, const struct csvread_record *r, uint32_t ncells)
{
    size_t at = 0;
    c->hdr_list[0] = '\0';
    for (uint32_t i = 0; i < ncells && i < 24; i++) {
        const char *s = r->field[i];
        size_t n = r->len[i];
        text_trim_blanks(&s, &n);
        const char *q = text_fit(&c->q2, s, n, 30, 0, 0);
        at += (size_t)snprintf(c->hdr_list + at, sizeof c->hdr_list - at, "%s%s", i ? ", " : "", q);
        if (at >= sizeof c->hdr_list)
            return c->hdr_list;
    }
    if (ncells > 24)
        snprintf(c->hdr_list + at, sizeof c->hdr_list - at, ", ... (%u in all)", ncells);
    return c->hdr_list;
}

/* The header cell that most likely means column k (a known word such as 编号, else a
 * near spelling of its name), or -1. */
static int closest_header(struct load_ctx *c, const struct csvread_record *r, uint32_t ncells, unsigned k)
{
    const char *name = c->col_name(k);
    int best = -1;
    unsigned bestd = 3;
    for (uint32_t i = 0; i < ncells; i++) {
        const char *s = r->field[i];
        size_t n = r->len[i];
        text_trim_blanks(&s, &n);
        int g = colwords_guess(c->words, s, n);
        if (g == (int)k)
            return (int)i;
        if (g >= 0 || !n)
            continue;
        unsigned d = vocab_edit_distance(s, n, name, strlen(name), bestd);
        if (d < bestd) {
            bestd = d;
            best = (int)i;
        }
    }
    return best;
}

/* The required columns missing from a header, in one finding: which they are, the
 * headers the file has, the closest matches as firmnet.conf lines. */
static void report_missing(struct load_ctx *c, const struct csvread_record *r, uint32_t ncells)
{
    const char *prefix = c->file == DIAG_FIRMS ? "firms" : "linkages";
    char names[256], guess[1024], lines[1024];
    size_t an = 0, ag = 0, al = 0;
    unsigned missing = 0, guessed = 0;
    names[0] = guess[0] = lines[0] = '\0';
    for (unsigned k = 0; k < c->ncols; k++) {
        if (!c->col_required(k) || c->col[k] >= 0)
            continue;
        missing++;
        if (an < sizeof names)
            an += (size_t)snprintf(names + an, sizeof names - an, "%s\"%s\"", an ? ", " : "", c->col_name(k));
        int best = closest_header(c, r, ncells, k);
        if (best < 0)
            continue;
        const char *s = r->field[best];
        size_t n = r->len[best];
        text_trim_blanks(&s, &n);
        const char *q = quote_value(&c->q1, s, n);
        if (ag < sizeof guess)
            ag += (size_t)snprintf(guess + ag, sizeof guess - ag, "%s%s \u2192 %s", guessed ? ", " : "", q,
                                   c->col_name(k));
        if (al < sizeof lines)
            al += (size_t)snprintf(lines + al, sizeof lines - al, "%s%s.%s = %s", guessed ? ", " : "", prefix,
                                   c->col_name(k), q);
        guessed++;
    }
    const char *found = header_list(c, r, ncells);
    if (guessed)
        diag_add(c->dg, c->file, r->line, DC_MISSING_COLUMN, FIRM_NONE,
                 "required column%s %s %s missing from the header (it has: %s); did you mean %s? "
                 "Name %s in firmnet.conf: %s (firmnet check --suggest-conf DIR writes one to start from)",
                 missing == 1 ? "" : "s", names, missing == 1 ? "is" : "are", found, guess,
                 guessed == 1 ? "it" : "them", lines);
    else
        diag_add(c->dg, c->file, r->line, DC_MISSING_COLUMN, FIRM_NONE,
                 "required column%s %s %s missing from the header (it has: %s); name the header that holds %s "
                 "with %s.COLUMN = HEADER in firmnet.conf (firmnet check --suggest-conf DIR writes one to start from)",
                 missing == 1 ? "" : "s", names, missing == 1 ? "is" : "are", found, missing == 1 ? "it" : "each",
                 prefix);
}

static void map_header(struct load_ctx *c, const struct csvread_record *r)
{
    struct dataset *ds = c->ds;
    c->header_done = 1;
    c->nfields = r->n;
    for (unsigned k = 0; k < c->ncols; k++)
        c->col[k] = -1;
    for (uint32_t i = 0; i < r->n; i++) {
        size_t bad;
        if (memchr(r->field[i], '\0', r->len[i]) || !text_utf8_valid(r->field[i], r->len[i], &bad)) {
            diag_add(c->dg, c->file, r->line, DC_NOT_CSV, FIRM_NONE,
                     "the header row is not UTF-8 text; is this a CSV file?%s",
                     looks_gb18030(c, r->field[i], r->len[i])
                         ? " It decodes as GB18030: try --encoding GB18030, or put encoding = GB18030 in firmnet.conf "
                           "(firmnet check --suggest-conf DIR writes one)" : "");
            c->fatal = 1;
            return;
        }
    }
    /* Excel ends every line of a sheet with a delimiter when its last column is
     * blank: an empty last header cell is no column (a value under it is reported) */
    uint32_t ncells = r->n;
    if (ncells > 1 && field_blank(r->field[ncells - 1], r->len[ncells - 1])) {
        ncells--;
        c->unnamed_last = 1;
    }
    const char **extra_names = xcalloc(r->n, sizeof *extra_names);
    char **owned = xcalloc(r->n, sizeof *owned);
    c->extra_idx = xcalloc(r->n, sizeof *c->extra_idx);
    uint8_t *mapped_found = xcalloc(c->ncols, 1);
    struct name_set seen;
    name_set_init(&seen, r->n);
    for (uint32_t i = 0; i < ncells; i++) {
        const char *s = r->field[i];
        size_t n = r->len[i];
        text_trim_blanks(&s, &n);
        /* firmnet.conf names the header of a column: that header, and only it, is the
         * column (one header may stand for two columns, such as scale and location) */
        int known = -1, by_conf = 0;
        for (unsigned k = 0; k < c->ncols; k++) {
            const char *h = c->mapped ? c->mapped[k] : NULL;
            if (h && strlen(h) == n && strncasecmp(h, s, n) == 0) {
                by_conf = 1;
                if (mapped_found[k]) {
                    diag_add(c->dg, c->file, r->line, DC_DUPLICATE_HEADER, FIRM_NONE,
                             "column \"%s\" appears twice in the header (fields %d and %u); the second is ignored",
                             quote_value(&c->q1, s, n), c->col[k] + 1, i + 1);
                    continue;
                }
                mapped_found[k] = 1;
                c->col[k] = (int)i;
            }
        }
        if (by_conf)
            continue;
        for (unsigned k = 0; k < c->ncols; k++) {
            const char *name = c->col_name(k);
            if ((!c->mapped || !c->mapped[k]) && strlen(name) == n && strncasecmp(name, s, n) == 0)
                known = (int)k;
        }
        if (known >= 0) {
            if (c->col[known] >= 0) {
                diag_add(c->dg, c->file, r->line, DC_DUPLICATE_HEADER, FIRM_NONE,
                         "column \"%s\" appears twice in the header (fields %d and %u); the second is ignored",
                         c->col_name((unsigned)known), c->col[known] + 1, i + 1);
                continue;
            }
            c->col[known] = (int)i;
            continue;
        }
        char name[32];
        if (n == 0)
            snprintf(name, sizeof name, "column%u", i + 1);
        owned[c->n_extra] = n ? xstrndup(s, n) : xstrdup(name);
        uint32_t j = name_set_add(&seen, owned, c->n_extra);
        if (j != c->n_extra) {
            diag_add(c->dg, c->file, r->line, DC_DUPLICATE_HEADER, FIRM_NONE,
                     "column \"%s\" appears twice in the header; the second is ignored",
                     quote_value(&c->q1, owned[j], strlen(owned[j])));
            free(owned[c->n_extra]);
            owned[c->n_extra] = NULL;
            continue;
        }
        extra_names[c->n_extra] = owned[c->n_extra];
        c->extra_idx[c->n_extra++] = i;
    }
    /* the other names of a column (From for source: core/colwords), the same words
     * import takes, for a column neither named nor mapped */
    for (uint32_t j = 0; j < c->n_extra;) {
        int k = colwords_alias(c->words, extra_names[j], strlen(extra_names[j]));
        if (k < 0 || c->col[k] >= 0 || (c->mapped && c->mapped[k])) {
            j++;
            continue;
        }
        c->col[k] = (int)c->extra_idx[j];
        free(owned[j]);
        memmove(&owned[j], &owned[j + 1], (c->n_extra - j - 1) * sizeof *owned);
        memmove(&extra_names[j], &extra_names[j + 1], (c->n_extra - j - 1) * sizeof *extra_names);
        memmove(&c->extra_idx[j], &c->extra_idx[j + 1], (c->n_extra - j - 1) * sizeof *c->extra_idx);
        c->n_extra--;
        owned[c->n_extra] = NULL;
    }
    int missing = 0;
    for (unsigned k = 0; k < c->ncols; k++)
        if (c->col_required(k) && c->col[k] < 0)
            missing = 1;
    int wrong_delimiter =
        missing && r->n == 1 && (memchr(r->field[0], ';', r->len[0]) || memchr(r->field[0], '\t', r->len[0]));
    /* (a header split on the wrong delimiter lacks every mapped header: one finding says why) */
    if (!wrong_delimiter && c->mapped)
        for (unsigned k = 0; k < c->ncols; k++)
            if (c->mapped[k] && !mapped_found[k])
                diag_add(c->dg, DIAG_CONF, c->mapped_line[k], DC_BAD_CONF, FIRM_NONE,
                         "%s.%s = %s: %s has no such header (it has: %s)",
                         c->file == DIAG_FIRMS ? "firms" : "linkages", c->col_name(k),
                         quote_value(&c->q1, c->mapped[k], strlen(c->mapped[k])),
                         c->file == DIAG_FIRMS ? "firms.csv" : "linkages.csv", header_list(c, r, ncells));
    free(mapped_found);
    if (wrong_delimiter) {
        int semi = memchr(r->field[0], ';', r->len[0]) != NULL;
        diag_add(c->dg, c->file, r->line, DC_DELIMITER, FIRM_NONE,
                 "the header splits on %s, not on commas: use --delimiter '%s' (or delimiter = %s in firmnet.conf)",
                 semi ? "';'" : "tabs", semi ? ";" : "\\t", semi ? ";" : "tab");
        c->fatal = 1;
    } else if (missing) {
        report_missing(c, r, ncells);
        c->fatal = 1;
    }
    if (!c->fatal) {
        /* a row that loads spends at least one byte per field, so no more rows than
         * this can load, however the estimate was fooled: what is reserved (extra
         * columns included) stays within a small multiple of the file's size */
        size_t rows = c->reserve_rows;
        if (rows > c->file_bytes / (r->n ? r->n : 1))
            rows = (size_t)(c->file_bytes / (r->n ? r->n : 1));
        if (c->file == DIAG_FIRMS) {
            dataset_set_firm_extra(ds, c->n_extra, extra_names);
            dataset_reserve(ds, rows, 0);
        } else {
            dataset_set_link_extra(ds, c->n_extra, extra_names);
            dataset_reserve(ds, 0, rows);
        }
        c->extra_val = xcalloc(c->n_extra ? c->n_extra : 1, sizeof *c->extra_val);
    }
    for (uint32_t j = 0; j < c->n_extra; j++)
        free(owned[j]);
    free(owned);
    free(extra_names);
    free(seen.slot);
}

static const char *column_label(const struct load_ctx *c, uint32_t i)
{
    const char *name = "?";
    for (unsigned k = 0; k < c->ncols; k++)
        if (c->col[k] == (int)i)
            name = c->col_name(k);
    for (uint32_t j = 0; j < c->n_extra; j++)
        if (c->extra_idx[j] == i)
            name = dataset_str(c->ds, c->file == DIAG_FIRMS ? c->ds->firms.extra.name[j]
                                                             : c->ds->links.extra.name[j]);
    return name;
}

/* When the reader hands the fields back to back, each ended by its NUL (it does for
 * every record it splits itself), one text_scan of the whole record tells whether all of
 * them are clean: valid UTF-8, no control character, and no more NULs than fields.
 * Returns 0 whenever unsure; the field by field test then decides. */
static int record_clean(const struct csvread_record *r)
{
    if (r->n == 0 || r->n > 64)
        return 0;
    for (uint32_t i = 0; i + 1 < r->n; i++)
        if (r->field[i + 1] != r->field[i] + r->len[i] + 1)
            return 0;
    size_t n = (size_t)(r->field[r->n - 1] + r->len[r->n - 1] + 1 - r->field[0]), nuls = 0;
    unsigned f = text_scan(r->field[0], n, NULL, &nuls);
    return !(f & (TEXT_BAD_UTF8 | TEXT_CONTROL)) && nuls == r->n;
}

/* Field-level problems that make a row unusable whatever its column: NUL bytes and bad
 * UTF-8. Sets bit i of *clean for each field i < 64 without control characters, so
 * warn_controls need not look again. Column names in messages are quoted: an extra
 * column's name comes from the file and may hold escapes. */
static int check_bytes(struct load_ctx *c, const struct csvread_record *r, uint64_t *clean)
{
    *clean = 0;
    if (record_clean(r)) {
        *clean = r->n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << r->n) - 1;
        return 0;
    }
    for (uint32_t i = 0; i < r->n; i++) {
        size_t bad = 0;
        unsigned f = text_scan(r->field[i], r->len[i], &bad, NULL);
        if (!(f & (TEXT_NUL | TEXT_BAD_UTF8))) {
            if (i < 64 && !(f & TEXT_CONTROL))
                *clean |= (uint64_t)1 << i;
            continue;
        }
        /* a NUL anywhere in the field is told first, even past bad UTF-8 */
        const char *nul = memchr(r->field[i], '\0', r->len[i]);
        if (nul) {
            const char *name = column_label(c, i);
            diag_add(c->dg, c->file, r->line, DC_NUL_BYTE, FIRM_NONE,
                     "%s holds a NUL byte at byte %zu; row skipped", quote_value(&c->q2, name, strlen(name)),
                     (size_t)(nul - r->field[i]) + 1);
            return -1;
        }
        const char *name = column_label(c, i);
        diag_add(c->dg, c->file, r->line, DC_BAD_UTF8, FIRM_NONE,
                 "%s is not valid UTF-8 (byte 0x%02x at byte %zu); row skipped%s",
                 quote_value(&c->q2, name, strlen(name)), (unsigned char)r->field[i][bad], bad + 1,
                 looks_gb18030(c, r->field[i], r->len[i])
                     ? ". The file looks like GB18030 (as Excel saves CSV on Chinese systems): try --encoding GB18030 "
                       "or encoding = GB18030 in firmnet.conf"
                     : "");
        return -1;
    }
    return 0;
}

/* The fields reaching here are valid UTF-8 without NULs (check_bytes). */
static void warn_controls(struct load_ctx *c, const struct csvread_record *r, const int *text_cols, size_t ncols,
                          uint64_t clean)
{
    for (size_t k = 0; k < ncols; k++) {
        int i = c->col[text_cols[k]];
        if (i >= 0 && !(i < 64 && (clean >> i & 1)) && (text_scan(r->field[i], r->len[i], NULL, NULL) & TEXT_CONTROL)) {
            diag_add(c->dg, c->file, r->line, DC_CONTROL_CHARS, FIRM_NONE,
                     "%s \"%s\" holds control characters (shown escaped)", c->col_name((unsigned)text_cols[k]),
                     quote_value(&c->q1, r->field[i], r->len[i]));
            return;
        }
    }
}

/* A trimmed, NUL-terminated copy of s[0..n) in the row's scratch, or NULL when empty.
 * Offsets, not pointers, until the row is complete: the scratch may move as it grows. */
static size_t scratch_put(struct load_ctx *c, const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    if (!n)
        return (size_t)-1;
    c->scratch = xgrow(c->scratch, &c->scratch_cap, c->scratch_len + n + 1, 1);
    size_t off = c->scratch_len;
    memcpy(c->scratch + off, s, n);
    c->scratch[off + n] = '\0';
    c->scratch_len += n + 1;
    return off;
}

static const char *scratch_get(const struct load_ctx *c, size_t off)
{
    return off == (size_t)-1 ? NULL : c->scratch + off;
}

/* Whole numbers only: "1995", not "1995.0" nor "1,995". */
static int parse_long(const char *s, size_t n, long long *out)
{
    text_trim_blanks(&s, &n);
    if (n == 0 || n > 18)
        return -1;
    size_t i = 0;
    int neg = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
        if (n == 1)
            return -1;
    }
    long long v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

static int field_empty(const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    return n == 0;
}

/* What a spreadsheet makes of a year: 2005年, 2005.0 (a number cell), '05 (a text
 * cell), 2005-06-01 (a date cell). Returns the year meant, or 0 when it is none of them. */
static int year_meant(const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    int v = 0;
    size_t i = 0;
    if (n == 3 && (s[0] == '\'' || s[0] == '`') && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9') {
        int yy = (s[1] - '0') * 10 + (s[2] - '0');
        return yy <= 30 ? 2000 + yy : 1900 + yy;
    }
    for (; i < n && i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (s[i] - '0');
    if (i != 4 || !year_in_range(v))
        return 0;
    const char *rest = s + 4;
    size_t rn = n - 4;
    if (rn == 3 && !memcmp(rest, "\xe5\xb9\xb4", 3)) /* 年 */
        return v;
    if (rn >= 2 && rest[0] == '.') {
        for (size_t k = 1; k < rn; k++)
            if (rest[k] != '0')
                return 0;
        return v;
    }
    if (rn >= 2 && (rest[0] == '-' || rest[0] == '/') && rest[1] >= '0' && rest[1] <= '9')
        return v;
    return 0;
}

/* Returns 0 and the year (YEAR_NONE when blank), or -1 after reporting; what happens
 * then ("row skipped", "value ignored") ends the message. */
static int parse_year(struct load_ctx *c, const struct csvread_record *r, int col, int16_t *out, const char *then)
{
    *out = YEAR_NONE;
    int i = c->col[col];
    if (i < 0 || field_empty(r->field[i], r->len[i]))
        return 0;
    long long v;
    if (parse_long(r->field[i], r->len[i], &v) || !year_in_range(v)) {
        int meant = year_meant(r->field[i], r->len[i]);
        if (meant)
            diag_add(c->dg, c->file, r->line, DC_BAD_YEAR, FIRM_NONE,
                     "%s \"%s\" is not a year between " YEAR_MIN_S " and " YEAR_MAX_S "; did you mean %d? %s", c->col_name((unsigned)col),
                     quote_value(&c->q1, r->field[i], r->len[i]), meant, then);
        else
            diag_add(c->dg, c->file, r->line, DC_BAD_YEAR, FIRM_NONE,
                     "%s \"%s\" is not a year between " YEAR_MIN_S " and " YEAR_MAX_S "; %s", c->col_name((unsigned)col),
                     quote_value(&c->q1, r->field[i], r->len[i]), then);
        return -1;
    }
    *out = (int16_t)v;
    return 0;
}

/* A row of nothing but delimiters (Excel writes one for a blank row, often at the end):
 * a warning, not an error, since nothing in it is lost. */
static int blank_row(struct load_ctx *c, const struct csvread_record *r)
{
    if (r->n < 2 || !field_blank(r->field[0], r->len[0]))
        return 0;
    for (uint32_t i = 1; i < r->n; i++)
        if (!field_blank(r->field[i], r->len[i]))
            return 0;
    diag_add(c->dg, c->file, r->line, DC_EMPTY_ROW, FIRM_NONE,
             "row holds only delimiters (a blank spreadsheet row); row skipped");
    return 1;
}

/* A value under the header's empty last cell: reported, since it belongs to no column. */
static void unnamed_value(struct load_ctx *c, const struct csvread_record *r)
{
    uint32_t i = c->nfields - 1;
    if (c->unnamed_last && !field_blank(r->field[i], r->len[i]))
        diag_add(c->dg, c->file, r->line, DC_UNNAMED_FIELD, FIRM_NONE,
                 "field %u, \"%s\", has no header (the header's last cell is empty); value ignored", i + 1,
                 quote_value(&c->q1, r->field[i], r->len[i]));
}

/* The field as the reader holds it (NUL-terminated), or NULL when absent or empty. */
static const char *field_copy(const struct csvread_record *r, int i)
{
    return i >= 0 && r->len[i] ? r->field[i] : NULL;
}

/* Counts what an error cost (diag.rows_skipped, diag.values_ignored): each command
 * that loads the dataset says so once. */
static void row_skipped(struct load_ctx *c) { c->dg->rows_skipped[c->file == DIAG_LINKS]++; }
static void value_ignored(struct load_ctx *c) { c->dg->values_ignored++; }

static void stray_quote_or_count(struct load_ctx *c, const struct csvread_record *r)
{
    row_skipped(c);
    if (r->end_line > r->line) {
        /* a record over several lines with the wrong shape is a quote left open: the
         * reader reads the swallowed lines again as rows of their own (its option
         * resync_stray_quotes) */
        diag_add(c->dg, c->file, r->line, DC_UNTERMINATED_QUOTE, FIRM_NONE,
                 "a quote opened on this line runs to line %u (%u fields, the header has %u); row skipped",
                 r->end_line, r->n, c->nfields);
        return;
    }
    diag_add(c->dg, c->file, r->line, DC_FIELD_COUNT, FIRM_NONE,
             "row has %u field%s, the header has %u; row skipped", r->n, r->n == 1 ? "" : "s", c->nfields);
}

static void collect_extra(struct load_ctx *c, const struct csvread_record *r)
{
    for (uint32_t j = 0; j < c->n_extra; j++)
        c->extra_val[j] = r->len[c->extra_idx[j]] ? r->field[c->extra_idx[j]] : NULL;
}

/* Ties the findings made since index `from` to firm f, when they name no firm yet. */
static void set_firm(struct load_ctx *c, size_t from, uint32_t f)
{
    for (size_t i = from; i < c->dg->n; i++)
        if (c->dg->v[i].firm == FIRM_NONE)
            c->dg->v[i].firm = f;
}

/* Reports the first required field (the column table says which) left empty. */
static int required_empty(struct load_ctx *c, const struct csvread_record *r)
{
    for (unsigned k = 0; k < c->ncols; k++) {
        if (!c->col_required(k))
            continue;
        int i = c->col[k]; /* present: a missing required column is fatal at the header */
        if (field_empty(r->field[i], r->len[i])) {
            diag_add(c->dg, c->file, r->line, DC_EMPTY_FIELD, FIRM_NONE,
                     "required field %s is empty; row skipped", c->col_name(k));
            return 1;
        }
    }
    return 0;
}

/* One firm row of the right shape: every row-level check, then the firm. */
static void take_firm(struct load_ctx *c, const struct csvread_record *r)
{
    struct dataset *ds = c->ds;
    uint64_t clean;
    size_t first_finding = c->dg->n;
    if (check_bytes(c, r, &clean) || required_empty(c, r)) {
        row_skipped(c);
        return;
    }
    int idc = c->col[FC_ID];
    const char *id = r->field[idc];
    size_t idn = r->len[idc];
    if (id[0] == ' ' || id[0] == '\t' || id[idn - 1] == ' ' || id[idn - 1] == '\t') {
        diag_add(c->dg, c->file, r->line, DC_BAD_ID, FIRM_NONE,
                 "id \"%s\" has surrounding whitespace; row skipped", quote_value(&c->q1, id, idn));
        row_skipped(c);
        return;
    }
    static const int text_cols[] = {FC_ID, FC_NAME, FC_ALIAS, FC_INDUSTRY, FC_LOCATION, FC_OWNERSHIP, FC_ROLE};
    warn_controls(c, r, text_cols, sizeof text_cols / sizeof *text_cols, clean);

    /* A bad optional value costs only that value, not the firm: dropping the firm would
     * turn every linkage to it into an unknown-firm error as well. */
    struct firm_record fr;
    memset(&fr, 0, sizeof fr);
    fr.line = r->line;
    fr.scale = SCALE_LOCAL;
    fr.employees = EMPLOYEES_NONE;
    int i = c->col[FC_SCALE];
    if (i >= 0 && !field_empty(r->field[i], r->len[i])) {
        c->scale_given++;
        unsigned s = vocab_parse_scale(r->field[i], r->len[i]);
        if (s == VOCAB_NONE && c->conf->n_alias)
            s = dsconf_lookup(c->conf, DSCONF_SCALE, r->field[i], r->len[i]);
        if (s == VOCAB_NONE)
            diag_add(c->dg, c->file, r->line, DC_BAD_SCALE, FIRM_NONE,
                     "scale \"%s\" is not local, national or global; value ignored, taken as local",
                     quote_value(&c->q1, r->field[i], r->len[i]));
        if (s == VOCAB_NONE)
            value_ignored(c);
        else
            fr.scale = s;
    }
    i = c->col[FC_EMPLOYEES];
    if (i >= 0 && !field_empty(r->field[i], r->len[i])) {
        long long v;
        if (parse_long(r->field[i], r->len[i], &v) || v < 0 || v > INT32_MAX) {
            diag_add(c->dg, c->file, r->line, DC_BAD_NUMBER, FIRM_NONE,
                     "employees \"%s\" is not a whole number >= 0; value ignored",
                     quote_value(&c->q1, r->field[i], r->len[i]));
            value_ignored(c);
        } else
            fr.employees = (int32_t)v;
    }
    if (parse_year(c, r, FC_FOUNDED, &fr.founded, "value ignored")) {
        fr.founded = YEAR_NONE;
        value_ignored(c);
    }
    unnamed_value(c, r);
    /* dataset_add_firm copies strings up to their NUL; fields are NUL-terminated by csvread */
    fr.id = field_copy(r, idc);
    fr.name = field_copy(r, c->col[FC_NAME]);
    fr.alias = field_copy(r, c->col[FC_ALIAS]);
    /* categorical columns group firms, so stray blanks must not split a group; copy trimmed */
    size_t cat[4];
    const int catcol[4] = {FC_INDUSTRY, FC_LOCATION, FC_OWNERSHIP, FC_ROLE};
    c->scratch_len = 0;
    for (int k = 0; k < 4; k++) {
        int fi = c->col[catcol[k]];
        cat[k] = fi < 0 ? (size_t)-1 : scratch_put(c, r->field[fi], r->len[fi]);
    }
    fr.industry = scratch_get(c, cat[0]);
    fr.location = scratch_get(c, cat[1]);
    fr.ownership = scratch_get(c, cat[2]);
    fr.role = scratch_get(c, cat[3]);
    collect_extra(c, r);
    fr.extra = c->extra_val;
    uint32_t f = dataset_add_firm(ds, &fr);
    if (f != FIRM_NONE)
        set_firm(c, first_finding, f); /* so a problem list can jump to the firm */
    if (f == FIRM_NONE) {
        uint32_t prev = dataset_find_firm(ds, id, idn);
        diag_add(c->dg, c->file, r->line, DC_DUPLICATE_ID, prev,
                 "id \"%s\" is already used on line %u; row skipped", quote_value(&c->q1, id, idn),
                 dataset_firm_line(ds, prev));
        row_skipped(c);
    }
}

/* The firm f looked up for a linkage end, or the finding that there is none. */
static uint32_t resolve_firm(struct load_ctx *c, const struct csvread_record *r, int col, uint32_t f)
{
    int i = c->col[col];
    const char *s = r->field[i];
    size_t n = r->len[i];
    if (f != FIRM_NONE)
        return f;
    uint32_t sug = FIRM_NONE;
    if (c->suggest_budget) {
        c->suggest_budget--;
        sug = dataset_suggest_firm(c->ds, s, n);
    }
    if (sug != FIRM_NONE) {
        const char *sid = dataset_firm_id(c->ds, sug);
        diag_add(c->dg, c->file, r->line, DC_UNKNOWN_FIRM, FIRM_NONE,
                 "%s \"%s\" is not a firm id; did you mean \"%s\"? row skipped", c->col_name((unsigned)col),
                 quote_value(&c->q1, s, n), quote_value(&c->q2, sid, strlen(sid)));
    } else {
        diag_add(c->dg, c->file, r->line, DC_UNKNOWN_FIRM, FIRM_NONE,
                 "%s \"%s\" is not a firm id; row skipped", c->col_name((unsigned)col), quote_value(&c->q1, s, n));
    }
    return FIRM_NONE;
}

/* One linkage row of the right shape: every row-level check, then the linkage. */
static void take_link(struct load_ctx *c, const struct csvread_record *r, const uint32_t ends[2])
{
    uint64_t clean;
    if (check_bytes(c, r, &clean) || required_empty(c, r)) {
        row_skipped(c);
        return;
    }
    size_t first_finding = c->dg->n;
    static const int text_cols[] = {LC_SOURCE, LC_TARGET, LC_TYPE, LC_NOTE, LC_REF};
    warn_controls(c, r, text_cols, sizeof text_cols / sizeof *text_cols, clean);
    int bad = 0;
    struct link_record lr;
    memset(&lr, 0, sizeof lr);
    lr.line = r->line;
    lr.source = resolve_firm(c, r, LC_SOURCE, ends[0]);
    lr.target = resolve_firm(c, r, LC_TARGET, ends[1]);
    bad |= lr.source == FIRM_NONE || lr.target == FIRM_NONE;
    int i = c->col[LC_TYPE];
    lr.type = vocab_parse_type(r->field[i], r->len[i]);
    if (lr.type == VOCAB_NONE && c->conf->n_alias)
        lr.type = dsconf_lookup(c->conf, DSCONF_TYPE, r->field[i], r->len[i]);
    if (lr.type == VOCAB_NONE) {
        const char *sug = vocab_suggest_type(r->field[i], r->len[i]);
        if (sug)
            diag_add(c->dg, c->file, r->line, DC_UNKNOWN_TYPE, FIRM_NONE,
                     "type \"%s\" is not a linkage type; did you mean \"%s\"? row skipped",
                     quote_value(&c->q1, r->field[i], r->len[i]), sug);
        else
            diag_add(c->dg, c->file, r->line, DC_UNKNOWN_TYPE, FIRM_NONE,
                     "type \"%s\" is not a linkage type (supply, subcontract, production-sharing, "
                     "joint-venture, licensing, rnd, technology, marketing, social, cultural; a word of your own "
                     "is named with type.WORD = TYPE in firmnet.conf); row skipped",
                     quote_value(&c->q1, r->field[i], r->len[i]));
        bad = 1;
    }
    lr.form = VOCAB_NONE;
    i = c->col[LC_FORM];
    if (i >= 0 && !field_empty(r->field[i], r->len[i])) {
        lr.form = vocab_parse_form(r->field[i], r->len[i]);
        if (lr.form == VOCAB_NONE && c->conf->n_alias)
            lr.form = dsconf_lookup(c->conf, DSCONF_FORM, r->field[i], r->len[i]);
        if (lr.form == VOCAB_NONE) {
            diag_add(c->dg, c->file, r->line, DC_BAD_FORM, FIRM_NONE,
                     "form \"%s\" is not material or non-material; row skipped",
                     quote_value(&c->q1, r->field[i], r->len[i]));
            bad = 1;
        }
    }
    if (parse_year(c, r, LC_SINCE, &lr.since, "row skipped"))
        bad = 1;
    if (parse_year(c, r, LC_UNTIL, &lr.until, "row skipped"))
        bad = 1;
    if (lr.since != YEAR_NONE && lr.until != YEAR_NONE && lr.until < lr.since) {
        diag_add(c->dg, c->file, r->line, DC_UNTIL_BEFORE_SINCE, FIRM_NONE,
                 "until %d is before since %d; row skipped", lr.until, lr.since);
        bad = 1;
    }
    lr.weight = 1.0;
    i = c->col[LC_WEIGHT];
    if (i >= 0 && !field_empty(r->field[i], r->len[i])) {
        const char *s = r->field[i];
        size_t n = r->len[i];
        text_trim_blanks(&s, &n);
        char tmp[64];
        char *end = NULL;
        double w = 0;
        if (n < sizeof tmp) {
            memcpy(tmp, s, n);
            tmp[n] = '\0';
            errno = 0;
            w = strtod(tmp, &end);
        }
        if (n >= sizeof tmp || !end || *end || end == tmp || !isfinite(w)) {
            diag_add(c->dg, c->file, r->line, DC_BAD_WEIGHT, FIRM_NONE,
                     "weight \"%s\" is not a number; row skipped", quote_value(&c->q1, r->field[i], r->len[i]));
            bad = 1;
        } else if (w <= 0) {
            diag_add(c->dg, c->file, r->line, DC_BAD_WEIGHT, FIRM_NONE,
                     "weight \"%s\" is %s; it must be greater than 0; row skipped",
                     quote_value(&c->q1, r->field[i], r->len[i]), w < 0 ? "negative" : "zero");
            bad = 1;
        } else {
            lr.weight = w;
        }
    }
    if (!bad && lr.source == lr.target) {
        diag_add(c->dg, c->file, r->line, DC_SELF_LINK, lr.source,
                 "linkage joins \"%s\" to itself; row skipped",
                 quote_value(&c->q1, r->field[c->col[LC_SOURCE]], r->len[c->col[LC_SOURCE]]));
        bad = 1;
    }
    /* a linkage's problem is best looked at from the firm that is known */
    if (lr.source != FIRM_NONE)
        set_firm(c, first_finding, lr.source);
    else if (lr.target != FIRM_NONE)
        set_firm(c, first_finding, lr.target);
    if (bad) {
        row_skipped(c);
        return;
    }
    lr.note = field_copy(r, c->col[LC_NOTE]);
    /* refs are codes: trimmed, into a copy since the reader's buffer is not ours */
    c->scratch_len = 0;
    if (c->col[LC_REF] >= 0)
        lr.ref = scratch_get(c, scratch_put(c, r->field[c->col[LC_REF]], r->len[c->col[LC_REF]]));
    unnamed_value(c, r);
    collect_extra(c, r);
    lr.extra = c->extra_val;
    dataset_add_link(c->ds, &lr);
}

/* An error the reader met between rows. */
static void take_fault(struct load_ctx *c, const struct csvread_fault *f)
{
    switch (f->e) {
    case CSVREAD_EOPEN:
        diag_add(c->dg, c->file, f->line, DC_UNREADABLE, FIRM_NONE, "cannot read the file: %s", f->detail);
        c->fatal = 1;
        break;
    case CSVREAD_EQUOTE:
        diag_add(c->dg, c->file, f->line, DC_UNTERMINATED_QUOTE, FIRM_NONE,
                 "%s", f->detail ? f->detail : "a quote opened on this line is never closed; row skipped, "
                                               "the lines after it are read again");
        row_skipped(c);
        break;
    case CSVREAD_ETOOLONG:
        diag_add(c->dg, c->file, f->line, DC_FIELD_TOO_LONG, FIRM_NONE, "%s; row skipped", f->detail);
        row_skipped(c);
        break;
    case CSVREAD_EENCODING:
        diag_add(c->dg, c->file, f->line, DC_BAD_UTF8, FIRM_NONE, "%s", f->detail);
        if (f->line == 0)
            c->fatal = 1;
        break;
    }
}

/* The errors of batch b that come before its record i, from fault k on; returns the
 * first fault not taken. */
static uint32_t take_faults(struct load_ctx *c, const struct csvread_batch *b, uint32_t k, uint32_t i)
{
    for (; k < b->n_fault && b->fault[k].before <= i; k++)
        take_fault(c, &b->fault[k]);
    return k;
}

/* Both ends of every linkage row of b from record `from` on, into c->end: hashed and
 * their index slots fetched RESOLVE_AHEAD rows before they are looked up. The firms
 * are all in, so the id index no longer changes. A row of the wrong shape is left
 * out: it is reported, not stored. */
static void resolve_ends(struct load_ctx *c, const struct csvread_batch *b, uint32_t from)
{
    c->end = xgrow(c->end, &c->end_cap, (size_t)b->n * 2, sizeof *c->end);
    const int col[2] = {c->col[LC_SOURCE], c->col[LC_TARGET]};
    uint32_t *end = c->end;
    for (uint32_t i = from; i < b->n + RESOLVE_AHEAD; i++) {
        if (i < b->n && b->rec[i].n == c->nfields) {
            const struct csvread_record *r = &b->rec[i];
            for (unsigned k = 0; k < 2; k++)
                end[2 * (size_t)i + k] = dataset_prefetch_firm(c->ds, r->field[col[k]], r->len[col[k]]);
        }
        if (i < from + RESOLVE_AHEAD || b->rec[i - RESOLVE_AHEAD].n != c->nfields)
            continue;
        const uint32_t j = i - RESOLVE_AHEAD;
        const struct csvread_record *r = &b->rec[j];
        for (unsigned k = 0; k < 2; k++) {
            uint32_t *e = &end[2 * (size_t)j + k];
            *e = dataset_find_firm_hashed(c->ds, r->field[col[k]], r->len[col[k]], *e);
        }
    }
}

/* One row after the header: a blank row or one of the wrong shape is reported, the
 * rest checked and stored. */
static void take_row(struct load_ctx *c, const struct csvread_batch *b, uint32_t i)
{
    const struct csvread_record *r = &b->rec[i];
    if (blank_row(c, r))
        return;
    if (r->n != c->nfields)
        stray_quote_or_count(c, r);
    else if (c->file == DIAG_FIRMS)
        take_firm(c, r);
    else
        take_link(c, r, c->end + 2 * (size_t)i);
}

/* Takes one batch of the file (csvread_take_fn): the header when it is the first,
 * the linkage ends of all its rows, then row after row in file order, with the
 * reader's errors where they were met. Stops the reader when the header is unusable. */
static int take_batch(void *ctx, struct csvread_batch **bp)
{
    struct load_ctx *c = ctx;
    const struct csvread_batch *b = *bp;
    uint32_t i = 0, k = 0;
    if (!c->header_done && b->n) {
        k = take_faults(c, b, k, 0);
        map_header(c, &b->rec[0]);
        if (c->fatal)
            return 1;
        i = 1;
    }
    if (c->file == DIAG_LINKS && c->header_done)
        resolve_ends(c, b, i);
    for (; i < b->n; i++) {
        k = take_faults(c, b, k, i);
        take_row(c, b, i);
    }
    take_faults(c, b, k, b->n);
    if (c->opt && c->opt->progress && b->bytes != c->bytes_seen)
        c->opt->progress(c->opt->progress_ctx, c->done_before + b->bytes, c->total);
    c->bytes_seen = b->bytes;
    return 0;
}

static void ctx_free(struct load_ctx *c)
{
    free(c->extra_idx);
    free(c->extra_val);
    free(c->scratch);
    free(c->end);
    textbuf_free(&c->q1);
    textbuf_free(&c->q2);
    if (c->gb != (iconv_t)0 && c->gb != (iconv_t)-1)
        iconv_close(c->gb);
}

/* Rows the file will hold, from the line length of its first 64 KiB: enough for the
 * columns to be sized once. A wrong guess costs only speed (or untouched pages). */
static size_t estimate_rows(const char *path, uint64_t *bytes)
{
    *bytes = 0;
    /* Only a regular file is sized: opening a named pipe without O_NONBLOCK would wait
     * for a writer forever, and csvread refuses anything else anyway. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    struct stat st;
    FILE *f = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "rb") : NULL;
    if (!f) {
        close(fd);
        return 0;
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    long long size = (long long)st.st_size;
    fclose(f);
    /* Lines with something on them: a hostile file of blank lines (which are no rows)
     * must not make the columns be sized for millions of rows. */
    size_t lines = 0;
    int blank = 1;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n' || buf[i] == '\r') {
            lines += !blank;
            blank = 1;
        } else {
            blank = 0;
        }
    }
    if (lines < 2 || size <= 0)
        return 0;
    *bytes = (uint64_t)size;
    size_t est = (size_t)((double)size / ((double)n / (double)lines));
    return est + est / 8 + 64;
}

static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static int read_one(struct load_ctx *c, const char *path)
{
    struct csvread_options o = {(unsigned char)(c->opt ? c->opt->delimiter : 0), c->opt ? c->opt->encoding : NULL, 0, 1};
    c->reserve_rows = c->opt && c->opt->encoding ? 0 : estimate_rows(path, &c->file_bytes);
    /* splitting the file into records takes a fifth of the load; on a second core it
     * overlaps with checking and storing them */
    int rc = csvpipe_wanted(file_size(path)) ? csvpipe_batches(path, &o, take_batch, c)
                                             : csvread_batches(path, &o, take_batch, c);
    if (!c->fatal && !c->header_done) {
        diag_add(c->dg, c->file, 0, DC_NOT_CSV, FIRM_NONE, "the file is empty: a header row is required");
        c->fatal = 1;
    }
    return rc || c->fatal ? -1 : 0;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p = xmalloc(n + strlen(name) + 2);
    sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}


int load_dataset(struct dataset *ds, struct diag *dg, const char *dir, const struct load_options *opt)
{
    struct graph g;
    int rc = load_dataset_graph(ds, dg, &g, dir, opt);
    graph_free(&g);
    return rc;
}


/* A header that says where a firm is, for the no-scale warning's suggestion: the
 * location column, else an extra column named like a country or a place. */
static const char *place_header(const struct load_ctx *c, char *buf, size_t size)
{
    static const char *const words[] = {"country", "国家", "location", "地点", "地址", "所在地", "城市", "city", "region", "地区", "省份", "province"};
    const struct dataset *ds = c->ds;
    if (c->col[FC_LOCATION] >= 0) {
        const char *h = c->mapped[FC_LOCATION] ? c->mapped[FC_LOCATION] : "location";
        snprintf(buf, size, "%s", h);
        return buf;
    }
    for (uint32_t j = 0; j < ds->firms.extra.n; j++) {
        const char *name = dataset_str(ds, ds->firms.extra.name[j]);
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (!strcasecmp(name, words[w])) {
                snprintf(buf, size, "%s", name);
                return buf;
            }
    }
    return NULL;
}

/* Without a scale every firm is local and every linkage buzz: an assumption that
 * changes every cluster measure, so it is said, with the way out. */
static void check_scale_column(struct load_ctx *c)
{
    uint32_t n = c->ds->firms.n;
    if (n == 0)
        return;
    uint32_t given = c->scale_given < n ? c->scale_given : n; /* a skipped row may have counted */
    char place[128];
    const char *p = place_header(c, place, sizeof place);
    char hint[512];
    if (p) {
        const char *q = text_fit(&c->q1, p, strlen(p), 40, 0, 0);
        snprintf(hint, sizeof hint,
                 "; the column \"%s\" says where firms are: map it in firmnet.conf with firms.scale = %s and "
                 "a line scale.PLACE = local|national|global for each place (firmnet check --suggest-conf lists them)",
                 q, q);
    } else {
        snprintf(hint, sizeof hint, "; add a scale column (local, national, global)");
    }
    if (c->col[FC_SCALE] < 0)
        diag_add(c->dg, DIAG_FIRMS, 0, DC_NO_SCALE, FIRM_NONE,
                 "there is no scale column: every firm is taken as local, so every linkage is local (buzz) and "
                 "none a pipeline%s", hint);
    else if ((uint64_t)given * 2 < n)
        diag_add(c->dg, DIAG_FIRMS, 0, DC_NO_SCALE, FIRM_NONE,
                 "scale is empty for %u of %u firms: they are taken as local%s", n - given, n, hint);
}

/* Findings of src (the settings file's) added to dst as they are. */
static void copy_findings(struct diag *dst, const struct diag *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const struct finding *f = &src->v[i];
        diag_add(dst, (enum diag_file)f->file, f->line, (enum diag_code)f->code, f->firm, "%s", diag_msg(src, f));
    }
}

static void ctx_start(struct load_ctx *c, struct dataset *ds, struct diag *dg, const struct load_options *opt,
                      const struct dsconf *cf, enum diag_file file)
{
    memset(c, 0, sizeof *c);
    c->ds = ds;
    c->dg = dg;
    c->opt = opt;
    c->conf = cf;
    c->suggest_budget = SUGGEST_BUDGET;
    c->file = file;
    if (file == DIAG_FIRMS) {
        c->ncols = FC_COUNT;
        c->col_name = dataset_firm_column_name;
        c->col_required = dataset_firm_column_required;
        c->mapped = cf->firm_col;
        c->mapped_line = cf->firm_col_line;
        c->words = COLWORDS_FIRMS;
    } else {
        c->ncols = LC_COUNT;
        c->col_name = dataset_link_column_name;
        c->col_required = dataset_link_column_required;
        c->mapped = cf->link_col;
        c->mapped_line = cf->link_col_line;
        c->words = COLWORDS_LINKS;
    }
}

/* Loads the files under the settings in opt (the command line's over firmnet.conf's)
 * and cf; cdg holds the findings about firmnet.conf itself. */
static int load_parse(struct dataset *ds, struct diag *dg, struct graph *g, const struct load_options *opt,
                      const struct dsconf *cf, const struct diag *cdg)
{
    /* a snapshot of these very files stands in for parsing them; the settings join its
     * key, so editing firmnet.conf makes the files be parsed again */
    struct cache_key key;
    int cached = (opt->cache & LOAD_CACHE) &&
                 cache_key_make(&key, ds->firms_path, ds->links_path, opt->encoding, opt->delimiter,
                                cf->present ? cf->digest : NULL, dg->keep, (opt->cache & LOAD_CACHE_QUIET) != 0) == 0;
    struct snapshot_progress sp = {opt->snapshot, opt->progress, opt->progress_ctx};
    if (cached && cache_read_p(&key, ds, dg, g, &sp) == 0)
        return 0;
    if (cached && opt->snapshot)
        opt->snapshot(opt->progress_ctx, 0); /* the files after all */
    copy_findings(dg, cdg);

    uint64_t total = file_size(ds->firms_path) + file_size(ds->links_path);
    if (opt->progress) /* before the first byte: the caller learns how much is coming */
        opt->progress(opt->progress_ctx, 0, total);
    struct load_ctx c;
    ctx_start(&c, ds, dg, opt, cf, DIAG_FIRMS);
    c.total = total;
    int rc = read_one(&c, ds->firms_path);
    uint64_t firms_bytes = file_size(ds->firms_path);
    if (!rc)
        check_scale_column(&c);
    ctx_free(&c);
    if (!rc)
        dataset_firms_done(ds);
    if (rc) {
        diag_sort(dg);
        return -1;
    }

    ctx_start(&c, ds, dg, opt, cf, DIAG_LINKS);
    c.total = total;
    c.done_before = firms_bytes;
    rc = read_one(&c, ds->links_path);
    ctx_free(&c);
    if (rc) {
        diag_sort(dg);
        return -1;
    }
    dataset_seal(ds); /* every string is in: the intern table goes before the graph comes */
    graph_build(g, ds);
    check_dataset_graph(ds, g, dg);
    diag_sort(dg);
    if (cached)
        cache_write(&key, ds, dg);
    return 0;
}

int load_dataset_graph(struct dataset *ds, struct diag *dg, struct graph *g, const char *dir,
                       const struct load_options *opt)
{
    memset(g, 0, sizeof *g);
    dataset_init(ds);
    ds->dir = xstrdup(dir);
    ds->firms_path = join_path(dir, "firms.csv");
    ds->links_path = join_path(dir, "linkages.csv");
    ds->conf_path = join_path(dir, DSCONF_NAME);
    dg->path[DIAG_FIRMS] = ds->firms_path;
    dg->path[DIAG_LINKS] = ds->links_path;
    dg->path[DIAG_DATASET] = ds->dir;
    dg->path[DIAG_CONF] = ds->conf_path;

    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(dg, DIAG_DATASET, 0, DC_UNREADABLE, FIRM_NONE, "%s",
                 stat(dir, &st) != 0 ? strerror(errno) : "is not a directory (a dataset is a directory holding firms.csv and linkages.csv)");
        return -1;
    }
    /* the dataset's own settings; an option given on the command line wins over them */
    struct dsconf cf;
    struct diag cdg;
    diag_init(&cdg);
    if (dsconf_read(&cf, ds->conf_path, &cdg) != 0) {
        copy_findings(dg, &cdg);
        diag_free(&cdg);
        dsconf_free(&cf);
        return -1;
    }
    struct load_options eff;
    memset(&eff, 0, sizeof eff);
    if (opt)
        eff = *opt;
    if (!eff.encoding)
        eff.encoding = cf.encoding;
    if (!eff.delimiter)
        eff.delimiter = cf.delimiter;
    int rc = load_parse(ds, dg, g, &eff, &cf, &cdg);
    diag_free(&cdg);
    dsconf_free(&cf);
    return rc;
}
