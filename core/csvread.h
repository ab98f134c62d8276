/* csvread: owns streaming one CSV file through libcsv in blocks and handing out
 * whole records, each with the line it starts on; libcsv is the reference parser. */
#ifndef FIRMNET_CSVREAD_H
#define FIRMNET_CSVREAD_H
#include <stddef.h>
#include <stdint.h>

#define CSVREAD_FIELD_MAX (16u << 20) /* bytes; a longer field is an error, memory stays bounded */

struct csvread_record {
    uint32_t line;      /* line where the record starts (1-based) */
    uint32_t end_line;  /* line where it ends */
    uint32_t n;         /* number of fields */
    const char **field; /* n pointers, each NUL-terminated; valid during the callback */
    const size_t *len;  /* n byte lengths (a field may hold NUL bytes) */
};

enum csvread_action {
    CSVREAD_CONTINUE,
    CSVREAD_STOP,
    /* drop this record and parse again from the line after its first line: used when a
     * multi-line record is really a stray quote, so the lines it swallowed are not lost */
    CSVREAD_RESYNC,
};

enum csvread_error {
    CSVREAD_EOPEN,         /* could not open or read: detail is strerror(errno) */
    CSVREAD_EQUOTE,        /* a quoted field is not closed before the end of the file */
    CSVREAD_ETOOLONG,      /* a field is longer than CSVREAD_FIELD_MAX */
    CSVREAD_EENCODING,     /* the bytes are not valid in the declared encoding */
};

struct csvread_handler {
    enum csvread_action (*record)(void *ctx, const struct csvread_record *r);
    /* line 0 means the whole file */
    void (*error)(void *ctx, enum csvread_error e, uint32_t line, const char *detail);
    void (*progress)(void *ctx, uint64_t bytes);
    void *ctx;
};

struct csvread_options {
    unsigned char delimiter; /* 0 = ',' */
    const char *encoding;    /* NULL or "UTF-8": as is; else converted through iconv first */
    /* 1: every record goes through libcsv; 0 (default): one-line records without a quote
     * character are split by a faster scanner that gives the same records (the
     * differential test tests/unit/test_csvread.c compares the two) */
    int reference_only;
};

/* Reads path to the end; returns 0, or -1 when the file could not be read at all
 * (the error callback has said why). A UTF-8 BOM is skipped; CRLF, LF and CR all end lines. */
int csvread_file(const char *path, const struct csvread_options *o, const struct csvread_handler *h);

#endif
