#include "dsconf.h"
#include "text.h"
#include "vocab.h"
#include "xalloc.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DSCONF_MAX_BYTES (1u << 20) /* a settings file, not data: anything larger is a mistake */

static const char *const kind_names[DSCONF_KINDS] = {"type", "form", "scale"};

const char *dsconf_kind_name(unsigned kind) { return kind < DSCONF_KINDS ? kind_names[kind] : "?"; }

void dsconf_free(struct dsconf *cf)
{
    free(cf->encoding);
    for (unsigned k = 0; k < FC_COUNT; k++)
        free(cf->firm_col[k]);
    for (unsigned k = 0; k < LC_COUNT; k++)
        free(cf->link_col[k]);
    for (size_t i = 0; i < cf->n_alias; i++)
        free(cf->alias[i].word);
    free(cf->alias);
    memset(cf, 0, sizeof *cf);
}

struct parse {
    struct dsconf *cf;
    struct diag *dg;
    uint32_t line;
    struct textbuf q1, q2;
};

static const char *q(struct textbuf *tb, const char *s, size_t n) { return text_fit(tb, s, n, 60, 0, 0); }

/* a key set twice: the later line wins, and the user hears of the earlier one */
static int set_line(struct parse *p, uint32_t *line, const char *key, size_t kn)
{
    if (*line)
        diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                 "%s is already set on line %u; this line wins", q(&p->q1, key, kn), *line);
    *line = p->line;
    return 0;
}

static int column_of(const char *(*name)(unsigned), unsigned ncols, const char *s, size_t n)
{
    for (unsigned k = 0; k < ncols; k++)
        if (strlen(name(k)) == n && strncmp(name(k), s, n) == 0)
            return (int)k;
    return -1;
}

static void list_columns(char *buf, size_t size, const char *(*name)(unsigned), unsigned ncols)
{
    size_t at = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < ncols && at < size; k++)
        at += (size_t)snprintf(buf + at, size - at, "%s%s", k ? ", " : "", name(k));
}

static void take_line(struct parse *p, const char *s, size_t n)
{
    struct dsconf *cf = p->cf;
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                 "\"%s\" is not a setting (KEY = VALUE); line ignored", q(&p->q1, s, n));
        return;
    }
    const char *key = s, *val = eq + 1;
    size_t kn = (size_t)(eq - s), vn = n - kn - 1;
    text_trim_blanks(&key, &kn);
    text_trim_blanks(&val, &vn);
    /* a value may be quoted, to keep blanks around a header name */
    if (vn >= 2 && val[0] == '"' && val[vn - 1] == '"') {
        val++;
        vn -= 2;
    }
    if (!vn) {
        diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE, "%s has no value; line ignored",
                 q(&p->q1, key, kn));
        return;
    }
    if (kn == 8 && !strncmp(key, "encoding", kn)) {
        char *enc = xstrndup(val, vn);
        iconv_t cd = iconv_open("UTF-8", enc);
        if (cd == (iconv_t)-1) {
            diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                     "encoding \"%s\" is not one iconv knows (iconv -l lists them); line ignored", q(&p->q1, val, vn));
            free(enc);
            return;
        }
        iconv_close(cd);
        free(cf->encoding);
        cf->encoding = enc;
        return;
    }
    if (kn == 9 && !strncmp(key, "delimiter", kn)) {
        char d = 0;
        if ((vn == 3 && !strncmp(val, "tab", 3)) || (vn == 2 && !strncmp(val, "\\t", 2)))
            d = '\t';
        else if (vn == 1 && val[0] != '"' && val[0] != '#')
            d = val[0];
        if (!d) {
            diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                     "delimiter takes one character such as ; or the word tab, not \"%s\"; line ignored",
                     q(&p->q1, val, vn));
            return;
        }
        cf->delimiter = d;
        return;
    }
    const char *dot = memchr(key, '.', kn);
    if (dot) {
        size_t pn = (size_t)(dot - key);
        const char *sub = dot + 1;
        size_t sn = kn - pn - 1;
        int firms = pn == 5 && !strncmp(key, "firms", 5);
        int links = pn == 8 && !strncmp(key, "linkages", 8);
        if (firms || links) {
            const char *(*name)(unsigned) = firms ? dataset_firm_column_name : dataset_link_column_name;
            unsigned ncols = firms ? FC_COUNT : LC_COUNT;
            int k = column_of(name, ncols, sub, sn);
            if (k < 0) {
                char known[256];
                list_columns(known, sizeof known, name, ncols);
                diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                         "%s has no column \"%s\" (its columns: %s); line ignored", firms ? "firms.csv" : "linkages.csv",
                         q(&p->q1, sub, sn), known);
                return;
            }
            char **slot = firms ? &cf->firm_col[k] : &cf->link_col[k];
            set_line(p, firms ? &cf->firm_col_line[k] : &cf->link_col_line[k], key, kn);
            free(*slot);
            *slot = xstrndup(val, vn);
            return;
        }
        for (unsigned kind = 0; kind < DSCONF_KINDS; kind++) {
            if (pn != strlen(kind_names[kind]) || strncmp(key, kind_names[kind], pn))
                continue;
            text_trim_blanks(&sub, &sn);
            if (!sn) {
                diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                         "%s. names no word (%s.WORD = VALUE); line ignored", kind_names[kind], kind_names[kind]);
                return;
            }
            unsigned v = kind == DSCONF_TYPE ? vocab_parse_type(val, vn)
                         : kind == DSCONF_FORM ? vocab_parse_form(val, vn)
                                               : vocab_parse_scale(val, vn);
            if (v == VOCAB_NONE) {
                const char *known = kind == DSCONF_TYPE ? "supply, subcontract, production-sharing, joint-venture, "
                                                          "licensing, rnd, technology, marketing, social, cultural"
                                    : kind == DSCONF_FORM ? "material, non-material"
                                                          : "local, national, global";
                diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                         "\"%s\" is not a %s (%s); line ignored", q(&p->q1, val, vn), kind_names[kind], known);
                return;
            }
            for (size_t i = 0; i < cf->n_alias; i++) {
                struct dsconf_alias *a = &cf->alias[i];
                if (a->kind == kind && strlen(a->word) == sn && !strncasecmp(a->word, sub, sn)) {
                    diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
                             "%s is already set on line %u; this line wins", q(&p->q1, key, kn), a->line);
                    a->value = (uint8_t)v;
                    a->line = p->line;
                    return;
                }
            }
            size_t cap = cf->n_alias;
            cf->alias = xgrow(cf->alias, &cap, cf->n_alias + 1, sizeof *cf->alias);
            cf->alias[cf->n_alias++] = (struct dsconf_alias){xstrndup(sub, sn), (uint8_t)kind, (uint8_t)v, p->line};
            return;
        }
    }
    diag_add(p->dg, DIAG_CONF, p->line, DC_BAD_CONF, FIRM_NONE,
             "unknown key \"%s\" (keys: encoding, delimiter, firms.COLUMN, linkages.COLUMN, type.WORD, form.WORD, "
             "scale.WORD); line ignored",
             q(&p->q1, key, kn));
}

static void digest_of(char *out, size_t size, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    snprintf(out, size, "%016llx", (unsigned long long)h);
}

int dsconf_read(struct dsconf *cf, const char *path, struct diag *dg)
{
    memset(cf, 0, sizeof *cf);
    snprintf(cf->digest, sizeof cf->digest, "none");
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        diag_add(dg, DIAG_CONF, 0, DC_UNREADABLE, FIRM_NONE, "cannot read the file: %s", strerror(errno));
        return -1;
    }
    cf->present = 1;
    char *buf = xmalloc(DSCONF_MAX_BYTES + 1);
    size_t n = fread(buf, 1, DSCONF_MAX_BYTES + 1, f);
    int err = ferror(f);
    fclose(f);
    if (err) {
        diag_add(dg, DIAG_CONF, 0, DC_UNREADABLE, FIRM_NONE, "cannot read the file");
        free(buf);
        return -1;
    }
    digest_of(cf->digest, sizeof cf->digest, buf, n);
    if (n > DSCONF_MAX_BYTES) {
        diag_add(dg, DIAG_CONF, 0, DC_BAD_CONF, FIRM_NONE, "the file is over %u bytes; it is not read",
                 DSCONF_MAX_BYTES);
        free(buf);
        return 0;
    }
    size_t bad;
    if (memchr(buf, '\0', n) || !text_utf8_valid(buf, n, &bad)) {
        diag_add(dg, DIAG_CONF, 0, DC_BAD_CONF, FIRM_NONE, "the file is not UTF-8 text; it is not read");
        free(buf);
        return 0;
    }
    struct parse p = {cf, dg, 0, {0}, {0}};
    size_t at = n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0;
    while (at < n) {
        size_t end = at;
        while (end < n && buf[end] != '\n' && buf[end] != '\r')
            end++;
        p.line++;
        const char *s = buf + at;
        size_t len = end - at;
        text_trim_blanks(&s, &len);
        if (len && s[0] != '#')
            take_line(&p, s, len);
        /* CRLF is one line end; CR or LF alone is one too */
        at = end + (end + 1 < n && buf[end] == '\r' && buf[end + 1] == '\n' ? 2 : 1);
    }
    textbuf_free(&p.q1);
    textbuf_free(&p.q2);
    free(buf);
    return 0;
}

unsigned dsconf_lookup(const struct dsconf *cf, enum dsconf_kind kind, const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    for (size_t i = 0; i < cf->n_alias; i++) {
        const struct dsconf_alias *a = &cf->alias[i];
        if (a->kind == kind && strlen(a->word) == n && !strncasecmp(a->word, s, n))
            return a->value;
    }
    return VOCAB_NONE;
}
