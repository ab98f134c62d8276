#include "confguess.h"
#include "colwords.h"
#include "csvread.h"
#include "dataset.h"
#include "dsconf.h"
#include "text.h"
#include "vocab.h"
#include "xalloc.h"
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEAD_BYTES (1u << 16) /* enough of a file to tell its encoding and delimiter */
#define CONV_BYTES ((size_t)HEAD_BYTES * 2) /* the head in UTF-8: GB18030 grows by half at most */
#define MAX_WORDS 60          /* distinct type words or places listed */

/* The Chinese words field sheets use for the ten types, so that a guess can name the
 * type rather than leave a blank; every one is still only a suggestion. */
static const struct { const char *w; unsigned t; } type_words[] = {
    {"供应", LT_SUPPLY}, {"供货", LT_SUPPLY}, {"采购", LT_SUPPLY}, {"原料", LT_SUPPLY},
    {"分包", LT_SUBCONTRACT}, {"外包", LT_SUBCONTRACT}, {"加工", LT_SUBCONTRACT}, {"代工", LT_SUBCONTRACT},
    {"外发加工", LT_SUBCONTRACT}, {"协作生产", LT_PRODUCTION_SHARING}, {"合作生产", LT_PRODUCTION_SHARING},
    {"合资", LT_JOINT_VENTURE}, {"许可", LT_LICENSING}, {"授权", LT_LICENSING}, {"研发", LT_RND},
    {"合作研发", LT_RND}, {"技术", LT_TECHNOLOGY}, {"技术转让", LT_TECHNOLOGY}, {"营销", LT_MARKETING},
    {"销售", LT_MARKETING}, {"代理", LT_MARKETING}, {"经销", LT_MARKETING}, {"社会", LT_SOCIAL},
    {"朋友", LT_SOCIAL}, {"同乡", LT_SOCIAL}, {"亲戚", LT_SOCIAL}, {"文化", LT_CULTURAL},
};

struct text {
    char *s;
    size_t n, cap;
};

__attribute__((format(printf, 2, 3))) static void put(struct text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    t->s = xgrow(t->s, &t->cap, t->n + (size_t)k + 1, 1);
    va_start(ap, fmt);
    vsnprintf(t->s + t->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    t->n += (size_t)k;
}

struct word {
    char *w;
    unsigned rows;
};

struct scan {
    enum colwords_file file;
    uint32_t ncells;
    char **cell;      /* header cells, trimmed; owned */
    int col_of[16];   /* header cell of each column, or -1 */
    int type_cell, place_cell;
    unsigned rows;
    struct word words[MAX_WORDS];
    unsigned nwords, more_words;
};

static void add_word(struct scan *sc, const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    if (!n)
        return;
    for (unsigned i = 0; i < sc->nwords; i++)
        if (strlen(sc->words[i].w) == n && !strncasecmp(sc->words[i].w, s, n)) {
            sc->words[i].rows++;
            return;
        }
    if (sc->nwords == MAX_WORDS) {
        sc->more_words++;
        return;
    }
    sc->words[sc->nwords++] = (struct word){xstrndup(s, n), 1};
}

static enum csvread_action on_record(void *ctx, const struct csvread_record *r)
{
    struct scan *sc = ctx;
    if (!sc->cell) {
        uint32_t n = r->n;
        while (n > 1 && !r->len[n - 1]) /* Excel's empty last column */
            n--;
        sc->ncells = n;
        sc->cell = xcalloc(n + 1, sizeof *sc->cell);
        for (unsigned k = 0; k < 16; k++)
            sc->col_of[k] = -1;
        for (uint32_t i = 0; i < n; i++) {
            const char *s = r->field[i];
            size_t len = r->len[i];
            text_trim_blanks(&s, &len);
            sc->cell[i] = xstrndup(s, len);
            int k = colwords_guess(sc->file, s, len);
            if (k >= 0 && sc->col_of[k] < 0)
                sc->col_of[k] = (int)i;
        }
        sc->type_cell = sc->file == COLWORDS_LINKS ? sc->col_of[LC_TYPE] : -1;
        sc->place_cell = sc->file == COLWORDS_FIRMS ? sc->col_of[FC_LOCATION] : -1;
        if (sc->file == COLWORDS_FIRMS)
            for (uint32_t i = 0; i < n && sc->place_cell < 0; i++)
                if (!strcasecmp(sc->cell[i], "country") || !strcmp(sc->cell[i], "国家"))
                    sc->place_cell = (int)i;
        return CSVREAD_CONTINUE;
    }
    uint32_t blank = 0;
    while (blank < r->n && !r->len[blank])
        blank++;
    if (blank == r->n) /* a blank spreadsheet row */
        return CSVREAD_CONTINUE;
    sc->rows++;
    int i = sc->file == COLWORDS_LINKS ? sc->type_cell : sc->place_cell;
    if (i < 0 || (uint32_t)i >= r->n)
        return CSVREAD_CONTINUE;
    if (sc->file == COLWORDS_LINKS && vocab_parse_type(r->field[i], r->len[i]) != VOCAB_NONE)
        return CSVREAD_CONTINUE;
    add_word(sc, r->field[i], r->len[i]);
    return CSVREAD_CONTINUE;
}

static void on_error(void *ctx, enum csvread_error e, uint32_t line, const char *detail)
{
    (void)ctx, (void)e, (void)line, (void)detail; /* a guess reads what it can */
}

static void scan_free(struct scan *sc)
{
    for (uint32_t i = 0; sc->cell && i < sc->ncells; i++)
        free(sc->cell[i]);
    free(sc->cell);
    for (unsigned i = 0; i < sc->nwords; i++)
        free(sc->words[i].w);
}

/* The file's first bytes: 0 and head filled, or -1 when it cannot be read. */
static int read_head(const char *path, char *head, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    *n = fread(head, 1, HEAD_BYTES, f);
    fclose(f);
    return 0;
}

/* Valid UTF-8 but for a character cut by the end of the head. */
static int head_utf8(const char *s, size_t n)
{
    size_t bad;
    if (text_utf8_valid(s, n, &bad))
        return 1;
    return n - bad < 4 && n == HEAD_BYTES;
}

static int decodes_as(const char *enc, const char *s, size_t n, char *out, size_t outsize, size_t *outn)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return 0;
    char *ip = (char *)s, *op = out;
    size_t il = n, ol = outsize;
    size_t rc = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    *outn = (size_t)(op - out);
    /* EINVAL: a character cut by the end of the head, fine */
    return rc != (size_t)-1 || errno == EINVAL || errno == E2BIG;
}

/* The delimiter the first line splits on most (outside quotes). */
static char guess_delimiter(const char *s, size_t n)
{
    unsigned comma = 0, semi = 0, tab = 0;
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            comma += s[i] == ',', semi += s[i] == ';', tab += s[i] == '\t';
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

static void scan_file(struct scan *sc, const char *path, const char *enc, char delim)
{
    struct csvread_options o = {(unsigned char)delim, enc, 0, 0};
    struct csvread_handler h = {on_record, on_error, NULL, sc};
    csvread_file(path, &o, &h);
}

static const char *column_name(enum colwords_file f, unsigned k)
{
    return f == COLWORDS_FIRMS ? dataset_firm_column_name(k) : dataset_link_column_name(k);
}

/* The column lines of one file: a mapping for each header that names a column in
 * other words, a comment for the rest. */
static void put_columns(struct text *t, const struct scan *sc, const char *file)
{
    enum colwords_file f = sc->file;
    unsigned ncols = f == COLWORDS_FIRMS ? FC_COUNT : LC_COUNT;
    const char *prefix = f == COLWORDS_FIRMS ? "firms" : "linkages";
    put(t, "\n# %s: %u header cell%s, %u row%s\n", file, sc->ncells, sc->ncells == 1 ? "" : "s", sc->rows,
        sc->rows == 1 ? "" : "s");
    for (unsigned k = 0; k < ncols; k++) {
        int i = sc->col_of[k];
        int req = f == COLWORDS_FIRMS ? dataset_firm_column_required(k) : dataset_link_column_required(k);
        if (i < 0) {
            if (req)
                put(t, "# %s.%s = ?    required: name the header that holds it\n", prefix, column_name(f, k));
            continue;
        }
        if (!strcasecmp(sc->cell[i], column_name(f, k)))
            put(t, "# %s.%s: the header is already \"%s\"\n", prefix, column_name(f, k), sc->cell[i]);
        else
            put(t, "%s.%s = %s\n", prefix, column_name(f, k), sc->cell[i]);
    }
    for (uint32_t i = 0; i < sc->ncells; i++) {
        int used = 0;
        for (unsigned k = 0; k < ncols; k++)
            used |= sc->col_of[k] == (int)i;
        if (!used)
            put(t, "# \"%s\" is kept as an extra column (or name what it is: %s.COLUMN = %s)\n", sc->cell[i], prefix,
                sc->cell[i]);
    }
}

static const char *type_guess(const char *w)
{
    for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
        if (!strcmp(type_words[i].w, w))
            return vocab_type_name(type_words[i].t);
    return vocab_suggest_type(w, strlen(w));
}

char *confguess_dataset(const char *dir, const char *encoding, char delimiter, char *why, size_t whysize)
{
    size_t dn = strlen(dir);
    char *fpath = xmalloc(dn + 16), *lpath = xmalloc(dn + 16);
    snprintf(fpath, dn + 16, "%s/firms.csv", dir);
    snprintf(lpath, dn + 16, "%s/linkages.csv", dir);
    char *head = xmalloc(HEAD_BYTES), *conv = xmalloc(CONV_BYTES);
    size_t n = 0, cn = 0;
    struct text t = {0};
    if (read_head(fpath, head, &n) != 0) {
        snprintf(why, whysize, "cannot read %s: %s", fpath, strerror(errno));
        free(fpath), free(lpath), free(head), free(conv);
        return NULL;
    }
    const char *s = head;
    if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
        s += 3, n -= 3;
    put(&t, "# firmnet.conf for %s, as firmnet check --suggest-conf guessed it from the files.\n"
            "# Read every line (a # line is a comment), change what is wrong, save it as\n"
            "# %s/firmnet.conf and run: firmnet check %s\n",
        dir, dir, dir);
    const char *enc = encoding;
    if (enc) {
        put(&t, "encoding = %s\n", enc);
        decodes_as(enc, s, n, conv, CONV_BYTES, &cn);
        s = conv, n = cn;
    } else if (head_utf8(s, n)) {
        put(&t, "# encoding: the files are UTF-8, the default\n");
    } else if (decodes_as("GB18030", s, n, conv, CONV_BYTES, &cn)) {
        enc = "GB18030";
        put(&t, "encoding = GB18030\n");
        s = conv, n = cn;
    } else {
        put(&t, "# encoding = ?    the files are neither UTF-8 nor GB18030: name theirs (iconv -l lists them)\n");
    }
    char delim = delimiter ? delimiter : guess_delimiter(s, n);
    if (delim == ',')
        put(&t, "# delimiter: commas, the default\n");
    else
        put(&t, "delimiter = %s\n", delim == '\t' ? "tab" : delim == ';' ? ";" : (char[]){delim, 0});

    struct scan fs, ls;
    memset(&fs, 0, sizeof fs);
    memset(&ls, 0, sizeof ls);
    fs.file = COLWORDS_FIRMS;
    ls.file = COLWORDS_LINKS;
    fs.type_cell = fs.place_cell = ls.type_cell = ls.place_cell = -1;
    scan_file(&fs, fpath, enc, delim);
    scan_file(&ls, lpath, enc, delim);
    if (fs.cell)
        put_columns(&t, &fs, "firms.csv");
    if (ls.cell)
        put_columns(&t, &ls, "linkages.csv");
    else
        put(&t, "\n# linkages.csv could not be read\n");

    if (ls.nwords) {
        put(&t, "\n# type words that are none of the ten types (firmnet-dataset(5) lists them)\n");
        for (unsigned i = 0; i < ls.nwords; i++) {
            const char *g = type_guess(ls.words[i].w);
            if (g)
                put(&t, "type.%s = %s\n", ls.words[i].w, g);
            else
                put(&t, "# type.%s = ?    %u row%s\n", ls.words[i].w, ls.words[i].rows, ls.words[i].rows == 1 ? "" : "s");
        }
        if (ls.more_words)
            put(&t, "# ... and %u more words\n", ls.more_words);
    }
    if (fs.cell && fs.col_of[FC_SCALE] < 0) {
        put(&t, "\n# No scale column: every firm would be taken as local, every linkage as buzz.\n");
        if (fs.place_cell >= 0) {
            put(&t, "# To take the scale from \"%s\", remove the # of these lines and give each\n"
                    "# place local (in the cluster), national or global:\n"
                    "# firms.scale = %s\n",
                fs.cell[fs.place_cell], fs.cell[fs.place_cell]);
            for (unsigned i = 0; i < fs.nwords; i++)
                put(&t, "# scale.%s = local\n", fs.words[i].w);
            if (fs.more_words)
                put(&t, "# ... and %u more places\n", fs.more_words);
        } else {
            put(&t, "# Add a scale column (local, national, global) to firms.csv.\n");
        }
    }
    scan_free(&fs);
    scan_free(&ls);
    free(fpath), free(lpath), free(head), free(conv);
    return t.s;
}
