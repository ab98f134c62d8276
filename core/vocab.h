/* vocab: owns the fixed vocabularies of the dataset format (linkage types, forms,
 * scales), their spellings and aliases, and closest-match suggestions. */
#ifndef FIRMNET_VOCAB_H
#define FIRMNET_VOCAB_H
#include <stddef.h>
#include <stdint.h>

/* X(enum, canonical name, directed, default form) */
#define LINK_TYPES(X) \
    X(LT_SUPPLY, "supply", 1, FORM_MATERIAL) \
    X(LT_SUBCONTRACT, "subcontract", 1, FORM_MATERIAL) \
    X(LT_PRODUCTION_SHARING, "production-sharing", 0, FORM_MATERIAL) \
    X(LT_JOINT_VENTURE, "joint-venture", 0, FORM_MATERIAL) \
    X(LT_LICENSING, "licensing", 1, FORM_NONMATERIAL) \
    X(LT_RND, "rnd", 0, FORM_NONMATERIAL) \
    X(LT_TECHNOLOGY, "technology", 1, FORM_NONMATERIAL) \
    X(LT_MARKETING, "marketing", 1, FORM_NONMATERIAL) \
    X(LT_SOCIAL, "social", 0, FORM_NONMATERIAL) \
    X(LT_CULTURAL, "cultural", 0, FORM_NONMATERIAL)

enum link_form { FORM_MATERIAL, FORM_NONMATERIAL, FORM_COUNT };
enum scale { SCALE_LOCAL, SCALE_NATIONAL, SCALE_GLOBAL, SCALE_COUNT };

#define X(e, name, dir, form) e,
enum link_type { LINK_TYPES(X) LT_COUNT };
#undef X

#define VOCAB_NONE 0xff

const char *vocab_type_name(unsigned t);
int vocab_type_directed(unsigned t);
unsigned vocab_type_default_form(unsigned t);
const char *vocab_form_name(unsigned f);
const char *vocab_scale_name(unsigned s);
/* One letter for compact displays: L, N, G. */
char vocab_scale_mark(unsigned s);

/* Parsers take raw field bytes, ignore case and surrounding blanks, accept the
 * documented aliases, and return VOCAB_NONE when nothing matches. */
unsigned vocab_parse_type(const char *s, size_t n);
unsigned vocab_parse_form(const char *s, size_t n);
unsigned vocab_parse_scale(const char *s, size_t n);

/* The canonical type name closest to s by edit distance, or NULL when nothing is close. */
const char *vocab_suggest_type(const char *s, size_t n);
/* Levenshtein distance on bytes, case-folded for ASCII; stops early past limit. */
unsigned vocab_edit_distance(const char *a, size_t na, const char *b, size_t nb, unsigned limit);

#endif
