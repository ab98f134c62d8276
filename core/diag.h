/* diag: owns the findings (errors and warnings) of loading and checking a dataset,
 * each tied to a file, a line and a stable code the docs list. */
#ifndef FIRMNET_DIAG_H
#define FIRMNET_DIAG_H
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include "dataset.h" /* YEAR_MIN_S, YEAR_MAX_S */
#include "strpool.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };
enum diag_file { DIAG_FIRMS, DIAG_LINKS, DIAG_DATASET, DIAG_CONF /* DIR/firmnet.conf */ };

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
    X(DC_BAD_YEAR, "bad-year", DIAG_ERROR, "a year is malformed or outside " YEAR_MIN_S ".." YEAR_MAX_S) \
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
    X(DC_CONTROL_CHARS, "control-chars", DIAG_WARNING, "a text field holds control characters") \
    X(DC_BAD_CONF, "bad-conf", DIAG_ERROR, "a line of firmnet.conf has an unknown key or a bad value") \
    X(DC_EMPTY_ROW, "empty-row", DIAG_WARNING, "a row holds only delimiters (a blank spreadsheet row); row skipped") \
    X(DC_UNNAMED_FIELD, "unnamed-field", DIAG_WARNING, "a value stands under an empty header cell; value ignored") \
    X(DC_NO_SCALE, "no-scale", DIAG_WARNING, "no scale column, or scale empty for most firms: those firms are taken as local")

#define X(e, name, sev, doc) e,
enum diag_code { DIAG_CODES(X) DC_COUNT };
#undef X

#define DIAG_FILES 4           /* enum diag_file's values */
#define DIAG_TALLIES ((size_t)DIAG_FILES * DC_COUNT) /* one tally per file and code */
#define DIAG_KEEP_DEFAULT 1000 /* findings kept per file and code unless diag_set_keep says otherwise */

/* One finding: 16 bytes whatever it says. A finding made by diag_add carries its
 * message, formatted once; one made by diag_add_lazy (the whole-dataset checks, which
 * can make one per linkage) carries only indexes, and diag_message formats it from
 * the dataset when it is printed. */
struct finding {
    uint8_t file;      /* enum diag_file */
    uint8_t severity;  /* enum diag_severity */
    uint8_t code;      /* enum diag_code */
    uint8_t lazy;      /* 1: msg is a number of the message, not a string */
    uint32_t line;     /* 0 when the finding concerns the whole file */
    uint32_t firm;     /* firm concerned, or UINT32_MAX */
    strref msg;        /* in diag.text, already printable; lazy: the code's number (see diag_add_lazy) */
    uint32_t arg;      /* lazy: the linkage concerned (UINT32_MAX when none); else 0 */
};

/* Every finding of one code in one file is counted; past diag.keep of them only the
 * count and the lines of the first and last not kept remain. */
struct diag_tally {
    uint32_t count;        /* findings made */
    uint32_t kept;         /* of them in diag.v: min(count, keep) */
    uint32_t first, last;  /* the lowest and highest line of the findings not kept */
};

struct diag {
    struct finding *v; /* owned; the kept findings */
    size_t n, cap;
    struct strpool text;
    size_t n_errors, n_warnings; /* of every finding made, kept or not */
    struct diag_tally *tally;    /* owned; DIAG_FILES * DC_COUNT, [file * DC_COUNT + code] */
    uint32_t keep;               /* findings kept per file and code; 0 keeps every one */
    const char *path[DIAG_FILES]; /* borrowed: shown for each enum diag_file */
    /* what the errors cost, counted by the loader: rows not loaded (firms.csv,
     * linkages.csv) and values dropped from rows that were; a row with three errors
     * is one row skipped */
    uint32_t rows_skipped[2], values_ignored;
};

void diag_init(struct diag *d);
/* The findings of a load as its snapshot holds them (core/snapshot); the arrays are
 * from malloc and diag_adopt takes them over. */
struct diag_stored {
    struct finding *v;
    size_t n;
    struct diag_tally *tally; /* DIAG_TALLIES */
    struct strpool text;
    size_t n_errors, n_warnings;
    uint32_t rows_skipped[2], values_ignored;
};
/* Replaces the findings of d, as diag_init left it (its keep and paths stay), by s's. */
void diag_adopt(struct diag *d, const struct diag_stored *s);
void diag_free(struct diag *d);
/* How many findings of each code and file to keep (0: all); before the first add. */
void diag_set_keep(struct diag *d, uint32_t keep);
/* Adds a finding whose severity comes from the code; the message is printf-formatted
 * and must already be printable (quote data through text_sanitize). Past the code's
 * keep the finding is only counted: the message is never formatted. */
__attribute__((format(printf, 6, 7)))
void diag_add(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
              uint32_t firm, const char *fmt, ...);
/* Adds a finding of the whole-dataset checks by its indexes alone: DC_ISOLATED_FIRM
 * (firm), DC_SINCE_BEFORE_FOUNDED (firm, the linkage as link), DC_DUPLICATE_LINK (the
 * later linkage as link, its source as firm, the earlier one's line as number). */
void diag_add_lazy(struct diag *d, enum diag_file file, uint32_t line, enum diag_code code,
                   uint32_t firm, uint32_t link, uint32_t number);
/* Orders findings by file, then line, then insertion order. */
void diag_sort(struct diag *d);
/* The tally of one file and code. */
static inline const struct diag_tally *diag_tally_of(const struct diag *d, unsigned file, unsigned code)
{
    return &d->tally[file * DC_COUNT + code];
}
/* Findings made of one code, in every file. */
uint64_t diag_count(const struct diag *d, unsigned code);
/* The summary of the findings of one file and code not kept, "728,520 more
 * since-before-founded warnings, lines 3–1,000,001", into buf; 0 when every one was
 * kept (buf then empty). */
int diag_more_text(const struct diag *d, unsigned file, unsigned code, char *buf, size_t size);
/* Bytes the module holds for d (findings, their text, the tallies): what a
 * finding costs, without the noise of RSS. */
size_t diag_bytes(const struct diag *d);
const char *diag_code_name(unsigned code);
const char *diag_code_doc(unsigned code);
const char *diag_severity_name(unsigned sev);
unsigned diag_code_severity(unsigned code); /* enum diag_severity */
/* The finding's message, printable. A lazy finding is formatted from ds (the dataset
 * the findings are of) into tb, which the caller owns and frees; the others need
 * neither. */
struct dataset;
struct textbuf;
/* The message of a finding diag_add made (every finding of the loader), which needs
 * no dataset; a lazy one's stands in as its code's meaning. */
static inline const char *diag_msg(const struct diag *d, const struct finding *f)
{
    return f->lazy ? "(a finding of the whole-dataset checks: see diag_message)" : strpool_get(&d->text, f->msg);
}
const char *diag_message(const struct diag *d, const struct dataset *ds, const struct finding *f,
                         struct textbuf *tb);

/* One finding a line, "FILE:LINE: error: message [code]", then for each code and file
 * past its keep "FILE: warning: 728,520 more CODE warnings, lines 3–1,000,001 [code]",
 * made safe for a terminal. ds is the dataset the findings are of (lazy messages are
 * made from it). Shared by the batch commands and the explorer, which prints them
 * when a dataset cannot be loaded. */
void diag_print_findings(const struct diag *dg, const struct dataset *ds, FILE *out, int only_errors);

#endif
