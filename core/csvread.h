/* csvread: owns streaming one CSV file through libcsv in blocks and handing out its
 * records in batches, each record with the line it starts on; libcsv is the reference parser. */
#ifndef FIRMNET_CSVREAD_H
#define FIRMNET_CSVREAD_H
#include <stddef.h>
#include <stdint.h>

#define CSVREAD_FIELD_MAX (16u << 20) /* bytes; a longer field is an error, memory stays bounded */

struct csvread_record {
    uint32_t line;      /* line where the record starts (1-based) */
    uint32_t end_line;  /* line where it ends */
    uint32_t n;         /* number of fields */
    const char **field; /* n pointers, each NUL-terminated, into the batch (or valid during the callback) */
    const size_t *len;  /* n byte lengths (a field may hold NUL bytes) */
};

enum csvread_action {
    CSVREAD_CONTINUE,
    CSVREAD_STOP,
};

enum csvread_error {
    CSVREAD_EOPEN,         /* could not open or read: detail is strerror(errno) */
    CSVREAD_EQUOTE,        /* a quoted field is not closed before the end of the file */
    CSVREAD_ETOOLONG,      /* a field is longer than CSVREAD_FIELD_MAX */
    CSVREAD_EENCODING,     /* the bytes are not valid in the declared encoding */
};

/* An error met between two records of a batch. */
struct csvread_fault {
    uint32_t before;       /* it comes before record `before` of the batch (n: after them all) */
    uint32_t line;         /* 0 means the whole file */
    enum csvread_error e;
    const char *detail;    /* NULL, or text in the batch */
    size_t text_at;        /* the reader's: where detail is kept until the batch is handed over */
};

/* Records, and the errors met among them, in file order. The reader fills a batch
 * and hands it over whole; everything in it (fields, details) lives in the batch's
 * own storage, so the batch may travel to another thread and stays valid until it is
 * filled again. Made by csvread_batch_new, freed by csvread_batch_free. */
struct csvread_batch {
    struct csvread_record *rec; /* n */
    uint32_t n;
    struct csvread_fault *fault; /* n_fault, by `before` */
    uint32_t n_fault;
    uint64_t bytes;              /* of the file read when the batch was handed over */
    /* the reader's storage, all owned */
    char *arena;                 /* the fields back to back, each NUL-terminated */
    size_t used, arena_cap;
    size_t *len;                 /* every field's length, record after record */
    const char **field;          /* every field, filled when the batch is handed over */
    size_t nfield, len_cap, field_cap;
    size_t rec_cap, fault_cap;
    char *text;                  /* the faults' details, each NUL-terminated */
    size_t text_used, text_cap;
};

struct csvread_batch *csvread_batch_new(void);
void csvread_batch_free(struct csvread_batch *b);

/* Takes a full batch on behalf of the caller of csvread_batches. It may put another
 * batch in *b to be filled next (then the one handed over is its own), or NULL when
 * it returns nonzero; returning nonzero stops the reader, as if the file had ended
 * at the last record the caller took. */
typedef int (*csvread_take_fn)(void *ctx, struct csvread_batch **b);

struct csvread_options {
    unsigned char delimiter; /* 0 = ',' */
    const char *encoding;    /* NULL or "UTF-8": as is; else converted through iconv first */
    /* 1: every record goes through libcsv; 0 (default): one-line records without a quote
     * character are split by a faster scanner that gives the same records (the
     * differential test tests/unit/test_csvread.c compares the two) */
    int reference_only;
    /* 1: a record over several lines whose field count is not the header's (the first
     * record's) is a quote left open: it is handed over as read, and the lines after its
     * first line are read again as records of their own, so that they are not lost */
    int resync_stray_quotes;
};

/* Reads path to the end in batches; returns 0, or -1 when the file could not be read
 * (a fault in the last batch says why). A UTF-8 BOM is skipped; CRLF, LF and CR all
 * end lines. Returns 0 once take has stopped it. */
int csvread_batches(const char *path, const struct csvread_options *o, csvread_take_fn take, void *ctx);

/* The same one record at a time, for readers that need no batches. */
struct csvread_handler {
    enum csvread_action (*record)(void *ctx, const struct csvread_record *r);
    /* line 0 means the whole file */
    void (*error)(void *ctx, enum csvread_error e, uint32_t line, const char *detail);
    void (*progress)(void *ctx, uint64_t bytes);
    void *ctx;
};
int csvread_file(const char *path, const struct csvread_options *o, const struct csvread_handler *h);

#endif
