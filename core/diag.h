/* diag: owns the findings (errors and warnings) of loading and checking a dataset,
 * each tied to a file, a line and a stable code the docs list. */
#ifndef FIRMNET_DIAG_H
#define FIRMNET_DIAG_H
#include <stddef.h>
#include <stdint.h>
#include "strpool.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };
enum diag_file { DIAG_FIRMS, DIAG_LINKS, DIAG_DATASET };

/* X(enum, code as printed, severity, one-line meaning for the docs) */
#define DIAG_CODES(X) \
    X(DC_UNREADABLE, "unreadable", DIAG_ERROR, "the file cannot be opened or read") \
    X(DC_NOT_CSV, "not-csv", DIAG_ERROR, "the file is empty, binary, or has no header row") \
    X(DC_MISSING_COLUMN, "missing-column", DIAG_ERROR, "a required column is absent from the header") \
    X(DC_DUPLICATE_HEADER, "duplicate-header", DIAG_ERROR, "two header cells name the same column") \
    X(DC_DELIMITER, "delimiter", DIAG_ERROR, "the header only splits on ';' or tab: use --delimiter") \
    X(DC_FIELD_COUNT, "field-count", DIAG_ERROR, "a row has more or fewer fields than the header") \
    X(DC_EMPTY_FIELD, "empty-field", DIAG_ERROR, "a required field is empty") \
    X(DC_BAD_ID, "bad-id", DIAG_ERROR, "an id has surrounding whitespace") \
    X(DC_DUPLICATE_ID, "duplicate-id", DIAG_ERROR, "a firm id is used twice") \
    X(DC_UNKNOWN_FIRM, "unknown-firm", DIAG_ERROR, "a linkage names a firm id that firms.csv lacks") \
    X(DC_UNKNOWN_TYPE, "unknown-type", DIAG_ERROR, "a linkage type is not one of the ten types or their aliases") \
    X(DC_BAD_SCALE, "bad-scale", DIAG_ERROR, "scale is not local, national or global") \
    X(DC_BAD_FORM, "bad-form", DIAG_ERROR, "form is not material or non-material") \
    X(DC_BAD_NUMBER, "bad-number", DIAG_ERROR, "a number is malformed or out of range") \
    X(DC_BAD_YEAR, "bad-year", DIAG_ERROR, "a year is malformed or outside 1800..2100") \
    X(DC_BAD_WEIGHT, "bad-weight", DIAG_ERROR, "a weight is not a number greater than 0") \
    X(DC_BAD_UTF8, "bad-utf8", DIAG_ERROR, "a field is not valid UTF-8") \
    X(DC_NUL_BYTE, "nul-byte", DIAG_ERROR, "a field holds a NUL byte") \
    X(DC_UNTERMINATED_QUOTE, "unterminated-quote", DIAG_ERROR, "a quoted field is never closed") \
    X(DC_FIELD_TOO_LONG, "field-too-long", DIAG_ERROR, "a field is longer than the limit") \
    X(DC_SELF_LINK, "self-link", DIAG_ERROR, "a linkage joins a firm to itself") \
    X(DC_UNTIL_BEFORE_SINCE, "until-before-since", DIAG_ERROR, "a linkage ends (until) before it began (since)") \
    X(DC_DUPLICATE_LINK, "duplicate-link", DIAG_WARNING, "the same ends and type appear twice") \
    X(DC_ISOLATED_FIRM, "isolated-firm", DIAG_WARNING, "a firm has no linkages") \
    X(DC_SINCE_BEFORE_FOUNDED, "since-before-founded", DIAG_WARNING, "a linkage starts before one of its firms was founded") \
    X(DC_CONTROL_CHARS, "control-chars", DIAG_WARNING, "a text field holds control characters")

#define X(e, name, sev, doc) e,
enum diag_code { DIAG_CODES(X) DC_COUNT };
#undef X

struct finding {
    uint8_t file;      /* enum diag_file */
    uint8_t severity;  /* enum diag_severity */
    uint16_t code;     /* enum diag_code */
    uint32_t line;     /* 0 when the finding concerns the whole file */
    uint32_t firm;     /* firm concerned, or UINT32_MAX */
    strref msg;        /* in diag.text; already printable */
};

struct diag {
    struct finding *v; /* owned */
    size_t n, cap;
    struct strpool text;
    size_t n_errors, n_warnings;
    const char *path[3]; /* borrowed: shown for each enum diag_file */
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);
/* Adds a finding whose severity comes from the code; the message is printf-formatted
 * and must already be printable (quote data through text_sanitize). */
__attribute__((format(printf, 6, 7)))
void diag_add(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
              uint32_t firm, const char *fmt, ...);
/* Orders findings by file, then line, then insertion order. */
void diag_sort(struct diag *d);
const char *diag_code_name(unsigned code);
const char *diag_code_doc(unsigned code);
const char *diag_severity_name(unsigned sev);
static inline const char *diag_msg(const struct diag *d, const struct finding *f) { return strpool_get(&d->text, f->msg); }

#endif
