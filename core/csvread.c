#include "csvread.h"
#include "xalloc.h"
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes read at a time: a 16th of the file, in 64 KiB steps, from 64 KiB to 1 MiB. A
 * small file then does not pay the large one's block (S's 3 MB of linkages read 256 KiB
 * at a time, not 1 MiB), and a dozen reads of a few MB cost nothing. */
#define BLOCK_MAX ((size_t)1 << 20)
#define BLOCK_MIN ((size_t)64 << 10)
#define BLOCK_FILE_SHARE 16u
/* the encoding's conversion reads and writes through buffers of its own, this size */
#define CONVERT_BLOCK BLOCK_MAX
#define RECORD_MAX (64u << 20) /* all fields of one record together */
#define RESYNC_MAX 1000        /* bounds re-reading when many quotes are stray */
/* A batch is handed over once it holds this many records or bytes: big enough that
 * handing over costs nothing, small enough to stay in the caches its reader reads it from.
 * A file's batches hold about a 256th of it within these bounds, so a small file does
 * not pay the large one's fixed buffers (a batch of 256 KiB of fields carries about as
 * much again of record and field indexes, and the pipe keeps four). A 64th, before,
 * made S's four batches in flight (49 KiB of fields each, 200 KiB with the indexes,
 * on the reading thread) 0.6 MiB of its 9.3 MiB peak; a file of 64 MB or more (M's
 * linkages nearly) reads the same batches as before. */
#define BATCH_RECORDS_MAX 4096u
#define BATCH_RECORDS_MIN 64u
#define BATCH_BYTES_MAX ((size_t)256 << 10)
#define BATCH_BYTES_MIN ((size_t)4 << 10)
#define BATCH_FILE_SHARE 256u
#define BATCH_BYTES_PER_RECORD 64u

/* What the reader does after the record it has just finished. */
enum step {
    STEP_ON,
    STEP_STOP,   /* the taker has had enough */
    STEP_RESYNC, /* the record was a stray quote: read again from the line after its first */
};

struct reader {
    struct csv_parser p;
    const struct csvread_options *o;
    unsigned char delim;    /* the delimiter, ',' when the options leave it unset */
    csvread_take_fn take;
    void *ctx;
    struct csvread_batch *b; /* being filled; owned; NULL when the taker kept it */
    int fd;                 /* -1 until opened */
    size_t rec_start;       /* arena offset where the record being built starts */
    uint32_t nf;            /* its fields so far */
    int too_long;           /* the record outgrew RECORD_MAX; reported at its end */
    uint32_t line;          /* line of the bytes being fed */
    uint32_t rec_line;      /* first line of the record being built */
    uint64_t rec_next_off;  /* file offset of the line after rec_line */
    uint64_t off;           /* file offset of the block being split */
    uint64_t total;         /* bytes read, re-reads included */
    int in_record;          /* bytes of a record fed to libcsv and its end not yet seen */
    int skip_line;          /* a field was too long: drop bytes up to the next line end */
    int at_line_start;      /* the next byte starts a line */
    int prev_cr;            /* the last block ended in a CR: an LF first in this one ends no line */
    int have_header;        /* a record has been read; header_n is its field count */
    uint32_t header_n;
    int stopped;            /* the taker said stop */
    enum step action;
    unsigned resyncs;
    size_t block;           /* bytes read at a time */
    uint32_t batch_records; /* a batch is handed over at this many records */
    size_t batch_bytes;     /* or this many bytes of fields */
};

struct csvread_batch *csvread_batch_new(void)
{
    return xcalloc(1, sizeof(struct csvread_batch));
}

void csvread_batch_free(struct csvread_batch *b)
{
    if (!b)
        return;
    free(b->rec);
    free(b->fault);
    free(b->arena);
    free(b->len);
    free(b->field);
    free(b->text);
    free(b);
}

static void batch_clear(struct csvread_batch *b)
{
    b->n = 0;
    b->n_fault = 0;
    b->used = 0;
    b->nfield = 0;
    b->text_used = 0;
}

/* Points every record at its fields and every fault at its detail: until now they
 * were lengths and offsets, since the arena moves as it grows. */
static void batch_seal(struct csvread_batch *b, uint64_t bytes)
{
    b->bytes = bytes;
    b->field = xgrow(b->field, &b->field_cap, b->nfield ? b->nfield : 1, sizeof *b->field);
    const char *at = b->arena;
    size_t f = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        struct csvread_record *r = &b->rec[i];
        r->field = b->field + f;
        r->len = b->len + f;
        for (uint32_t j = 0; j < r->n; j++, f++) {
            b->field[f] = at;
            at += b->len[f] + 1;
        }
    }
    for (uint32_t k = 0; k < b->n_fault; k++) {
        struct csvread_fault *e = &b->fault[k];
        e->detail = e->text_at == (size_t)-1 ? NULL : b->text + e->text_at;
    }
}

static void reader_fault(struct reader *rd, enum csvread_error e, uint32_t line, const char *detail)
{
    struct csvread_batch *b = rd->b;
    if (!b)
        return;
    b->fault = xgrow(b->fault, &b->fault_cap, (size_t)b->n_fault + 1, sizeof *b->fault);
    struct csvread_fault *f = &b->fault[b->n_fault++];
    f->before = b->n;
    f->line = line;
    f->e = e;
    f->detail = NULL;
    f->text_at = (size_t)-1;
    if (detail) {
        size_t n = strlen(detail) + 1;
        b->text = xgrow(b->text, &b->text_cap, b->text_used + n, 1);
        memcpy(b->text + b->text_used, detail, n);
        f->text_at = b->text_used;
        b->text_used += n;
    }
}

/* Hands the batch over and starts the next one. */
static void reader_hand_over(struct reader *rd)
{
    batch_seal(rd->b, rd->total);
    if (rd->take(rd->ctx, &rd->b)) {
        rd->stopped = 1;
        rd->action = STEP_STOP;
    }
    if (rd->b)
        batch_clear(rd->b);
    rd->rec_start = 0;
}

/* libcsv grows its field buffer through this; refusing is how a field's memory stays bounded. */
static void *bounded_realloc(void *p, size_t n)
{
    if (n > (size_t)CSVREAD_FIELD_MAX + 1) /* + the NUL CSV_APPEND_NULL adds */
        return NULL;
    return realloc(p, n);
}

/* Room for the length of one more field of the record being built. */
static void field_reserve(struct reader *rd)
{
    struct csvread_batch *b = rd->b;
    size_t need = b->nfield + rd->nf + 1;
    if (need > b->len_cap)
        b->len = xgrow(b->len, &b->len_cap, need, sizeof *b->len);
}

static void on_field(void *data, size_t n, void *rd_)
{
    struct reader *rd = rd_;
    if (rd->too_long || rd->action != STEP_ON)
        return;
    struct csvread_batch *b = rd->b;
    if (b->used - rd->rec_start + n + 1 > RECORD_MAX) {
        rd->too_long = 1;
        return;
    }
    b->arena = xgrow(b->arena, &b->arena_cap, b->used + n + 1, 1);
    field_reserve(rd);
    if (n)
        memcpy(b->arena + b->used, data, n);
    b->arena[b->used + n] = '\0';
    b->len[b->nfield + rd->nf++] = n;
    b->used += n + 1;
}

/* Forgets the fields of the record being built. */
static void record_drop(struct reader *rd)
{
    if (rd->b)
        rd->b->used = rd->rec_start;
    rd->nf = 0;
    rd->too_long = 0;
}

/* The fields gathered become the batch's next record. A record over several lines
 * whose field count is not the header's is a stray quote, when the options say so. */
static void record_commit(struct reader *rd)
{
    struct csvread_batch *b = rd->b;
    b->rec = xgrow(b->rec, &b->rec_cap, (size_t)b->n + 1, sizeof *b->rec);
    b->rec[b->n++] = (struct csvread_record){rd->rec_line, rd->line, rd->nf, NULL, NULL};
    b->nfield += rd->nf;
    rd->rec_start = b->used;
    if (!rd->have_header) {
        rd->have_header = 1;
        rd->header_n = rd->nf;
    } else if (rd->o->resync_stray_quotes && rd->nf != rd->header_n && rd->line > rd->rec_line) {
        rd->action = STEP_RESYNC;
    }
    rd->nf = 0;
}

/* A record has ended: into the batch, or its error; a full batch is handed over. */
static void deliver(struct reader *rd)
{
    if (rd->action != STEP_ON) {
        /* read past a stray quote or a stop: dropped, as if never read */
        record_drop(rd);
        return;
    }
    if (rd->too_long) {
        record_drop(rd);
        reader_fault(rd, CSVREAD_ETOOLONG, rd->rec_line, "record longer than 64 MiB");
    } else {
        record_commit(rd);
    }
    rd->in_record = 0;
    const struct csvread_batch *b = rd->b;
    if (b->n >= rd->batch_records || b->used >= rd->batch_bytes || b->n_fault >= rd->batch_records)
        reader_hand_over(rd);
}

static void on_record(int c, void *rd_)
{
    (void)c;
    deliver(rd_);
}

/* The fast path for the common line: one whole record on one line with no quote
 * character at all. Such a line means to libcsv exactly "split at each delimiter,
 * keep every byte", so it is split here in one pass instead of libcsv's state machine
 * and a callback per field; anything with a quote goes to split_quoted_line or libcsv.
 * s[0..n) is the line without its line end, n > 0. */
static void split_plain_line(struct reader *rd, const char *s, size_t n)
{
    struct csvread_batch *b = rd->b;
    b->arena = xgrow(b->arena, &b->arena_cap, b->used + n + 1, 1);
    char *a = b->arena + b->used;
    memcpy(a, s, n);
    a[n] = '\0';
    const char d = (char)rd->delim;
    size_t at = 0, base = b->nfield;
    uint32_t nf = 0;
    /* a plain byte loop: fields are short, a library call per field costs more */
    for (size_t i = 0; i <= n; i++) {
        if (i < n && a[i] != d)
            continue;
        if (base + nf + 1 > b->len_cap)
            b->len = xgrow(b->len, &b->len_cap, base + nf + 1, sizeof *b->len);
        b->len[base + nf++] = i - at;
        a[i] = '\0';
        at = i + 1;
    }
    b->used += n + 1;
    rd->nf = nf;
    deliver(rd);
}

/* The second fast path: a one-line record whose quoted fields are all plainly formed,
 * "..." with inner quotes doubled and the closing quote right before a delimiter or
 * the line end, and whose other fields hold no quote at all; libcsv reads these the
 * same way (the differential test holds the two to it). Anything else (a quote inside
 * an unquoted field, text after a closing quote, a quote still open at the line end,
 * so a field running on to the next line) returns 0 having delivered nothing, and the
 * line goes to libcsv. The output never outgrows n + 1 bytes: a field's NUL takes the
 * place of its delimiter, or of its quotes. */
static int split_quoted_line(struct reader *rd, const char *s, size_t n)
{
    const char d = (char)rd->delim;
    if (d == '"')
        return 0;
    struct csvread_batch *b = rd->b;
    b->arena = xgrow(b->arena, &b->arena_cap, b->used + n + 1, 1);
    char *a = b->arena + b->used;
    size_t i = 0, o = 0, base = b->nfield;
    uint32_t nf = 0;
    for (;;) {
        size_t start = o;
        if (i < n && s[i] == '"') {
            for (i++;; i++) {
                if (i >= n)
                    return 0;
                if (s[i] != '"') {
                    a[o++] = s[i];
                    continue;
                }
                if (i + 1 < n && s[i + 1] == '"') {
                    a[o++] = '"';
                    i++;
                    continue;
                }
                i++;
                if (i < n && s[i] != d)
                    return 0;
                break;
            }
        } else {
            for (; i < n && s[i] != d; i++) {
                if (s[i] == '"')
                    return 0;
                a[o++] = s[i];
            }
        }
        if (base + nf + 1 > b->len_cap)
            b->len = xgrow(b->len, &b->len_cap, base + nf + 1, sizeof *b->len);
        b->len[base + nf++] = o - start;
        a[o++] = '\0';
        if (i >= n)
            break;
        i++; /* the delimiter */
    }
    b->used += o;
    rd->nf = nf;
    deliver(rd);
    return 1;
}

static int is_space_none(unsigned char c)
{
    (void)c;
    return 0; /* keep every blank: ids with stray spaces must be seen to be reported */
}

static void parser_start(struct reader *rd)
{
    csv_init(&rd->p, CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&rd->p, is_space_none);
    csv_set_realloc_func(&rd->p, bounded_realloc);
    csv_set_blk_size(&rd->p, 1u << 16);
    if (rd->o->delimiter)
        csv_set_delim(&rd->p, rd->o->delimiter);
    record_drop(rd);
    rd->in_record = 0;
}

/* Starts afresh: one bad record must not cost the rest. */
static void parser_restart(struct reader *rd)
{
    csv_free(&rd->p);
    parser_start(rd);
}

/* Converts the whole file to UTF-8 into an unlinked temporary file, so that parsing
 * stays streamed and seekable; returns its fd or -1. */
static int convert_encoding(struct reader *rd, int fd, const char *enc)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        char msg[160];
        snprintf(msg, sizeof msg, "unknown encoding \"%.60s\" (see `iconv -l`)", enc);
        reader_fault(rd, CSVREAD_EENCODING, 0, msg);
        return -1;
    }
    FILE *tmp = tmpfile();
    if (!tmp) {
        iconv_close(cd);
        reader_fault(rd, CSVREAD_EOPEN, 0, strerror(errno));
        return -1;
    }
    char *in = xmalloc(CONVERT_BLOCK + 16), *out = xmalloc(CONVERT_BLOCK * 4 + 64);
    size_t keep = 0;
    uint32_t line = 1;
    int rc = 0, eof = 0;
    while (!eof) {
        ssize_t k = read(fd, in + keep, CONVERT_BLOCK);
        if (k < 0) {
            reader_fault(rd, CSVREAD_EOPEN, 0, strerror(errno));
            rc = -1;
            break;
        }
        eof = k == 0;
        char *ip = in;
        size_t il = keep + (size_t)k;
        while (il) {
            char *op = out;
            size_t ol = CONVERT_BLOCK * 4 + 64;
            size_t r = iconv(cd, &ip, &il, &op, &ol);
            int err = r == (size_t)-1 ? errno : 0;
            for (char *q = out; q < op; q++)
                line += *q == '\n';
            if (fwrite(out, 1, (size_t)(op - out), tmp) != (size_t)(op - out)) {
                reader_fault(rd, CSVREAD_EOPEN, 0, strerror(errno));
                rc = -1;
                goto done;
            }
            if (err == EILSEQ || (err == EINVAL && eof)) {
                char msg[160];
                snprintf(msg, sizeof msg, "byte 0x%02x is not valid %.40s; replaced by U+FFFD",
                         (unsigned char)*ip, enc);
                reader_fault(rd, CSVREAD_EENCODING, line, msg);
                fputs("\xEF\xBF\xBD", tmp);
                ip++;
                il--;
            } else if (err == EINVAL) {
                break; /* a character split across blocks: keep its start for the next read */
            } else if (err && err != E2BIG) {
                reader_fault(rd, CSVREAD_EENCODING, line, strerror(err));
                rc = -1;
                goto done;
            }
        }
        memmove(in, ip, il);
        keep = il;
    }
done:
    free(in);
    free(out);
    iconv_close(cd);
    if (rc) {
        fclose(tmp);
        return -1;
    }
    fflush(tmp);
    int nfd = dup(fileno(tmp));
    fclose(tmp);
    if (nfd >= 0)
        lseek(nfd, 0, SEEK_SET);
    return nfd;
}

/* Feeds one chunk that ends at a line end (or at the block end) to libcsv; a chunk
 * libcsv refuses is reported and the parser starts afresh on the next line. */
static void feed(struct reader *rd, const char *s, size_t n, int eol)
{
    size_t done = csv_parse(&rd->p, s, n, on_field, on_record, rd);
    if (done == n)
        return;
    int e = csv_error(&rd->p);
    int big = e == CSV_ENOMEM || e == CSV_ETOOBIG;
    reader_fault(rd, big ? CSVREAD_ETOOLONG : CSVREAD_EQUOTE, rd->rec_line,
                 big ? "field longer than 16 MiB" : csv_strerror(e));
    parser_restart(rd);
    rd->skip_line = !eol;
}

/* A line that starts a record, whole in the block: split here when it is plain
 * enough (the fast paths), which libcsv, not being fed it, knows nothing of. Returns
 * 0 when the line is for libcsv. */
static int split_fast(struct reader *rd, const char *s, size_t n, uint64_t next_off)
{
    rd->rec_line = rd->line;
    rd->rec_next_off = next_off;
    if (!n)
        return 1; /* an empty line is no record */
    if (!memchr(s, '"', n)) {
        split_plain_line(rd, s, n);
        return 1;
    }
    return split_quoted_line(rd, s, n);
}

/* One line, or the part of it in this block: s[0..n) with its line end, if any, in
 * the last n - content bytes; eol says whether it has one. */
static void take_line(struct reader *rd, const char *s, size_t content, size_t n, int eol, uint64_t next_off)
{
    if (rd->skip_line) {
        rd->skip_line = !eol;
    } else if (!(!rd->o->reference_only && eol && rd->at_line_start && !rd->in_record &&
                 split_fast(rd, s, content, next_off))) {
        if (rd->at_line_start && !rd->in_record) {
            rd->rec_line = rd->line;
            rd->rec_next_off = next_off;
            for (size_t i = 0; i < n; i++)
                if (s[i] != '\n' && s[i] != '\r') {
                    rd->in_record = 1;
                    break;
                }
        }
        feed(rd, s, n, eol);
    }
    if (eol)
        rd->line++;
    rd->at_line_start = eol;
}

/* Splits one block into lines and takes them, until the block ends or the reader
 * must stop or go back. pos skips a BOM. */
static void split_block(struct reader *rd, const char *block, size_t n, size_t pos)
{
    size_t next_lf = 0, next_cr = 0;
    int scanned = 0; /* next_lf and next_cr are stale until the first scan */
    while (pos < n && rd->action == STEP_ON) {
        if (rd->prev_cr && block[pos] == '\n') {
            /* the LF of a CRLF split across blocks: same line end */
            rd->prev_cr = 0;
            feed(rd, block + pos, 1, 1);
            pos++;
            continue;
        }
        rd->prev_cr = 0;
        /* the next LF and the next CR of the block, each found by memchr once and
         * reused until passed, so a block is scanned in linear time whatever its
         * mix of line ends */
        if (!scanned || next_lf < pos) {
            const char *q = memchr(block + pos, '\n', n - pos);
            next_lf = q ? (size_t)(q - block) : n;
        }
        if (!scanned || next_cr < pos) {
            const char *q = memchr(block + pos, '\r', n - pos);
            next_cr = q ? (size_t)(q - block) : n;
        }
        scanned = 1;
        size_t end = next_lf < next_cr ? next_lf : next_cr;
        size_t content_end = end;
        int eol = end < n;
        if (eol) {
            if (block[end] == '\r') {
                if (end + 1 < n && block[end + 1] == '\n')
                    end++;
                else if (end + 1 == n)
                    rd->prev_cr = 1;
            }
            end++;
        }
        take_line(rd, block + pos, content_end - pos, end - pos, eol, rd->off + end);
        pos = end;
    }
}

/* At the end of the file: finishes the record still open, as csv_fini would, unless
 * a quote in it was never closed. Returns 1 when the file is to be read again from the
 * line after that record's first (a quote left open, or a last record that is a stray
 * quote), else 0. */
static int reader_end(struct reader *rd)
{
    if (rd->at_line_start && rd->line > 1)
        rd->line--; /* the last line end already counted a line that has nothing on it */
    if (rd->in_record) {
        /* one more line end ends the record, unless it falls inside a quoted field,
         * which it only lengthens: so the record still open after it has an open
         * quote (libcsv's own test of that, CSV_STRICT_FINI, would also refuse the
         * stray quotes spreadsheets leave inside unquoted fields) */
        static const char lf = '\n';
        if (csv_parse(&rd->p, &lf, 1, on_field, on_record, rd) != 1 || rd->in_record) {
            reader_fault(rd, CSVREAD_EQUOTE, rd->rec_line, NULL);
            return rd->rec_next_off < rd->off && ++rd->resyncs <= RESYNC_MAX;
        }
    }
    /* the last record may itself be a stray quote */
    return rd->action == STEP_RESYNC && ++rd->resyncs <= RESYNC_MAX;
}

/* Goes back to the line after the first line of the record just read. */
static int reader_resync(struct reader *rd)
{
    rd->line = rd->rec_line + 1;
    rd->off = rd->rec_next_off;
    if (lseek(rd->fd, (off_t)rd->off, SEEK_SET) < 0) {
        reader_fault(rd, CSVREAD_EOPEN, rd->line, strerror(errno));
        return -1;
    }
    rd->action = STEP_ON;
    rd->at_line_start = 1;
    rd->prev_cr = 0;
    parser_restart(rd);
    return 0;
}

/* Sizes the batches and the block from the file's size (see BATCH_FILE_SHARE and
 * BLOCK_FILE_SHARE). */
static void batch_size(struct reader *rd, uint64_t file_bytes)
{
    uint64_t bytes = file_bytes / BATCH_FILE_SHARE;
    if (bytes < BATCH_BYTES_MIN)
        bytes = BATCH_BYTES_MIN;
    if (bytes > BATCH_BYTES_MAX)
        bytes = BATCH_BYTES_MAX;
    uint64_t records = bytes / BATCH_BYTES_PER_RECORD;
    if (records < BATCH_RECORDS_MIN)
        records = BATCH_RECORDS_MIN;
    if (records > BATCH_RECORDS_MAX)
        records = BATCH_RECORDS_MAX;
    rd->batch_bytes = (size_t)bytes;
    rd->batch_records = (uint32_t)records;
    uint64_t block = (file_bytes / BLOCK_FILE_SHARE + BLOCK_MIN - 1) / BLOCK_MIN * BLOCK_MIN;
    rd->block = block < BLOCK_MIN ? BLOCK_MIN : block > BLOCK_MAX ? BLOCK_MAX : (size_t)block;
}

/* Opens path as a regular file, converted to UTF-8 when it is in another encoding. */
static int reader_open(struct reader *rd, const char *path)
{
    /* O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer
     * forever; it is refused below like any other file that is not regular, and on a
     * regular file the flag changes nothing */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        reader_fault(rd, CSVREAD_EOPEN, 0, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        reader_fault(rd, CSVREAD_EOPEN, 0, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        reader_fault(rd, CSVREAD_EOPEN, 0, S_ISDIR(st.st_mode) ? "is a directory, not a file" : "is not a regular file");
        close(fd);
        return -1;
    }
    batch_size(rd, (uint64_t)st.st_size);
    const char *enc = rd->o->encoding;
    if (enc && *enc && strcasecmp(enc, "UTF-8") && strcasecmp(enc, "UTF8")) {
        int nfd = convert_encoding(rd, fd, enc);
        close(fd);
        if (nfd < 0)
            return -1;
        fd = nfd;
    }
    rd->fd = fd;
    return 0;
}

/* Reads the open file block by block to its end. */
static int reader_run(struct reader *rd)
{
    char *block = xmalloc(rd->block);
    int rc = 0, first = 1;
    parser_start(rd);
    for (;;) {
        ssize_t k = read(rd->fd, block, rd->block);
        if (k < 0) {
            reader_fault(rd, CSVREAD_EOPEN, rd->line, strerror(errno));
            rc = -1;
            break;
        }
        if (k == 0) {
            if (!reader_end(rd))
                break;
        } else {
            size_t pos = 0;
            if (first && k >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0)
                pos = 3;
            first = 0;
            rd->total += (uint64_t)k;
            split_block(rd, block, (size_t)k, pos);
            if (rd->action == STEP_STOP)
                break;
            if (rd->action == STEP_ON) {
                rd->off += (uint64_t)k;
                continue;
            }
            if (++rd->resyncs > RESYNC_MAX) {
                reader_fault(rd, CSVREAD_EQUOTE, rd->rec_line, "too many stray quotes; the rest of the file was not read");
                rc = -1;
                break;
            }
        }
        if (reader_resync(rd)) {
            rc = -1;
            break;
        }
    }
    csv_free(&rd->p);
    free(block);
    return rc;
}

int csvread_batches(const char *path, const struct csvread_options *o, csvread_take_fn take, void *ctx)
{
    struct reader rd;
    memset(&rd, 0, sizeof rd);
    rd.o = o;
    rd.delim = o->delimiter ? o->delimiter : ',';
    rd.take = take;
    rd.ctx = ctx;
    rd.b = csvread_batch_new();
    rd.fd = -1;
    rd.line = 1;
    rd.at_line_start = 1;
    int rc = reader_open(&rd, path);
    if (rc == 0)
        rc = reader_run(&rd);
    if (rd.fd >= 0)
        close(rd.fd);
    if (!rd.stopped)
        reader_hand_over(&rd); /* the last records, and why the file could not be read */
    csvread_batch_free(rd.b);
    /* what the reader met after the record that stopped it would never have been read */
    return rd.stopped ? 0 : rc;
}

/* csvread_file: each batch replayed into the handler, errors before the record they precede. */
struct replay {
    const struct csvread_handler *h;
};

static int replay_batch(void *ctx, struct csvread_batch **bp)
{
    const struct csvread_handler *h = ((const struct replay *)ctx)->h;
    const struct csvread_batch *b = *bp;
    uint32_t f = 0;
    for (uint32_t i = 0; i <= b->n; i++) {
        for (; f < b->n_fault && b->fault[f].before <= i; f++)
            if (h->error)
                h->error(h->ctx, b->fault[f].e, b->fault[f].line, b->fault[f].detail);
        if (i < b->n && h->record(h->ctx, &b->rec[i]) == CSVREAD_STOP)
            return 1;
    }
    if (h->progress)
        h->progress(h->ctx, b->bytes);
    return 0;
}

int csvread_file(const char *path, const struct csvread_options *o, const struct csvread_handler *h)
{
    struct replay rp = {h};
    return csvread_batches(path, o, replay_batch, &rp);
}
