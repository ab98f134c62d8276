#include "vocab.h"
#include <string.h>

static const struct type_info {
    const char *name;
    int directed;
    unsigned form;
} types[] = {
#define X(e, name, dir, form) {name, dir, form},
    LINK_TYPES(X)
#undef X
};

/* Spellings seen in field notes and spreadsheets; docs/dataset-format.md lists them. */
static const struct alias { const char *word; unsigned type; } type_aliases[] = {
    {"supplier-user", LT_SUPPLY}, {"supplier", LT_SUPPLY}, {"buyer-supplier", LT_SUPPLY},
    {"sub-contract", LT_SUBCONTRACT}, {"subcontracting", LT_SUBCONTRACT},
    {"outsourcing", LT_SUBCONTRACT},
    {"production sharing", LT_PRODUCTION_SHARING}, {"production_sharing", LT_PRODUCTION_SHARING},
    {"jv", LT_JOINT_VENTURE}, {"joint venture", LT_JOINT_VENTURE},
    {"joint_venture", LT_JOINT_VENTURE},
    {"license", LT_LICENSING}, {"licence", LT_LICENSING}, {"licencing", LT_LICENSING},
    {"r&d", LT_RND}, {"r-and-d", LT_RND}, {"r and d", LT_RND}, {"research", LT_RND},
    {"tech", LT_TECHNOLOGY}, {"technology-transfer", LT_TECHNOLOGY},
    {"sales", LT_MARKETING}, {"distribution", LT_MARKETING},
    {"culture", LT_CULTURAL},
};

static const char *const form_names[FORM_COUNT] = {"material", "non-material"};
static const char *const scale_names[SCALE_COUNT] = {"local", "national", "global"};

const char *vocab_type_name(unsigned t) { return t < LT_COUNT ? types[t].name : "?"; }
int vocab_type_directed(unsigned t) { return t < LT_COUNT && types[t].directed; }
unsigned vocab_type_default_form(unsigned t) { return t < LT_COUNT ? types[t].form : FORM_MATERIAL; }
const char *vocab_form_name(unsigned f) { return f < FORM_COUNT ? form_names[f] : "?"; }
const char *vocab_scale_name(unsigned s) { return s < SCALE_COUNT ? scale_names[s] : "?"; }
char vocab_scale_mark(unsigned s) { return s < SCALE_COUNT ? "LNG"[s] : '?'; }

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **s, size_t *n)
{
    while (*n && is_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
}

static int word_eq(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n && w[i]; i++) {
        char a = s[i], b = w[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return i == n && w[i] == '\0';
}

unsigned vocab_parse_type(const char *s, size_t n)
{
    trim(&s, &n);
    for (unsigned t = 0; t < LT_COUNT; t++)
        if (word_eq(s, n, types[t].name))
            return t;
    for (size_t i = 0; i < sizeof type_aliases / sizeof *type_aliases; i++)
        if (word_eq(s, n, type_aliases[i].word))
            return type_aliases[i].type;
    return VOCAB_NONE;
}

unsigned vocab_parse_form(const char *s, size_t n)
{
    trim(&s, &n);
    if (word_eq(s, n, "material"))
        return FORM_MATERIAL;
    if (word_eq(s, n, "non-material") || word_eq(s, n, "nonmaterial") ||
        word_eq(s, n, "non material") || word_eq(s, n, "immaterial"))
        return FORM_NONMATERIAL;
    return VOCAB_NONE;
}

unsigned vocab_parse_scale(const char *s, size_t n)
{
    trim(&s, &n);
    for (unsigned k = 0; k < SCALE_COUNT; k++)
        if (word_eq(s, n, scale_names[k]))
            return k;
    if (word_eq(s, n, "international"))
        return SCALE_GLOBAL;
    return VOCAB_NONE;
}

static char fold(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

unsigned vocab_edit_distance(const char *a, size_t na, const char *b, size_t nb, unsigned limit)
{
    /* Optimal string alignment (Levenshtein plus adjacent transposition, the
     * commonest typo in typed ids) over three rows; ids are short, so cap the work. */
    enum { MAXLEN = 128 };
    unsigned r2[MAXLEN + 1], r1[MAXLEN + 1], r0[MAXLEN + 1];
    if (na > MAXLEN || nb > MAXLEN)
        return limit + 1;
    unsigned diff = na > nb ? (unsigned)(na - nb) : (unsigned)(nb - na);
    if (diff > limit)
        return limit + 1;
    for (size_t j = 0; j <= nb; j++)
        r1[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        r0[0] = (unsigned)i;
        unsigned best = r0[0];
        for (size_t j = 1; j <= nb; j++) {
            unsigned cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            unsigned v = r1[j - 1] + cost;
            if (r1[j] + 1 < v)
                v = r1[j] + 1;
            if (r0[j - 1] + 1 < v)
                v = r0[j - 1] + 1;
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]) && r2[j - 2] + 1 < v)
                v = r2[j - 2] + 1;
            r0[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        memcpy(r2, r1, (nb + 1) * sizeof *r1);
        memcpy(r1, r0, (nb + 1) * sizeof *r0);
    }
    return r1[nb];
}

const char *vocab_suggest_type(const char *s, size_t n)
{
    trim(&s, &n);
    const char *best = NULL;
    unsigned bestd = 3;
    for (unsigned t = 0; t < LT_COUNT; t++) {
        unsigned d = vocab_edit_distance(s, n, types[t].name, strlen(types[t].name), bestd);
        if (d < bestd) {
            bestd = d;
            best = types[t].name;
        }
    }
    for (size_t i = 0; i < sizeof type_aliases / sizeof *type_aliases; i++) {
        const char *w = type_aliases[i].word;
        unsigned d = vocab_edit_distance(s, n, w, strlen(w), bestd);
        if (d < bestd) {
            bestd = d;
            best = types[type_aliases[i].type].name;
        }
    }
    return best;
}
