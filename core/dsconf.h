/* dsconf: owns a dataset's own settings, DIR/firmnet.conf: the encoding, the delimiter,
 * which header names each column and the researcher's own words for types, forms and
 * scales; every bad line a finding at firmnet.conf:LINE. */
#ifndef FIRMNET_DSCONF_H
#define FIRMNET_DSCONF_H
#include <stddef.h>
#include <stdint.h>
#include "dataset.h"
#include "diag.h"

#define DSCONF_NAME "firmnet.conf"

/* What a value alias stands for: a linkage type, a form or a scale. */
enum dsconf_kind { DSCONF_TYPE, DSCONF_FORM, DSCONF_SCALE, DSCONF_KINDS };

struct dsconf_alias {
    char *word;        /* owned; as written in the file, trimmed */
    uint8_t kind;      /* enum dsconf_kind */
    uint8_t value;     /* enum link_type, link_form or scale */
    uint32_t line;
};

struct dsconf {
    int present;                   /* the file exists */
    char *encoding;                /* owned; NULL when not set */
    char delimiter;                /* 0 when not set */
    char *firm_col[FC_COUNT];      /* owned header names; NULL when not mapped */
    char *link_col[LC_COUNT];
    uint32_t firm_col_line[FC_COUNT], link_col_line[LC_COUNT];
    struct dsconf_alias *alias;    /* owned, n_alias */
    size_t n_alias;
    /* FNV-1a of the file's bytes, so that a snapshot made under other settings is not
     * taken for this one; "none" when there is no file */
    char digest[24];
};

/* Reads dir's firmnet.conf into cf (initialised here), adding a DIAG_CONF finding to dg
 * for each line it cannot use (that line is then ignored). No file is no settings.
 * Returns 0, or -1 when the file exists but cannot be read (also a finding). */
int dsconf_read(struct dsconf *cf, const char *path, struct diag *dg);
void dsconf_free(struct dsconf *cf);

/* The value the conf's alias gives the field s[0..n) (case and surrounding blanks
 * ignored), or VOCAB_NONE. */
unsigned dsconf_lookup(const struct dsconf *cf, enum dsconf_kind kind, const char *s, size_t n);

/* The file's keys, for the docs: "firms.COLUMN" style names are built from the tables. */
const char *dsconf_kind_name(unsigned kind);

#endif
