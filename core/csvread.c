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

#define BLOCK (1u << 20)
#define RECORD_MAX (64u << 20) /* all fields of one record together */
#define RESYNC_MAX 1000        /* bounds re-reading when many quotes are stray */

struct reader {
    struct csv_parser p;
    const struct csvread_handler *h;
    char *buf;              /* field bytes of the record being built, each NUL-terminated */
    size_t len, cap;
    size_t *off, *flen;     /* per field: offset into buf, length */
    const char **ptr;
    size_t fcap;
    uint32_t nf;
    int too_long;           /* the record outgrew RECORD_MAX; reported at its end */
    uint32_t line;          /* line of the bytes being fed */
    uint32_t rec_line;      /* first line of the record being built */
    uint64_t rec_next_off;  /* file offset of the line after rec_line */
    int in_record;          /* bytes of a record fed and its end not yet seen */
    int skip_line;          /* a field was too long: drop bytes up to the next line end */
    enum csvread_action action;
    unsigned resyncs;
};

/* libcsv grows its field buffer through this; refusing is how a field's memory stays bounded. */
static void *bounded_realloc(void *p, size_t n)
{
    if (n > (size_t)CSVREAD_FIELD_MAX + 1) /* + the NUL CSV_APPEND_NULL adds */
        return NULL;
    return realloc(p, n);
}

static void fields_reserve(struct reader *rd, size_t need);

static void on_field(void *data, size_t n, void *rd_)
{
    struct reader *rd = rd_;
    if (rd->too_long)
        return;
    if (rd->len + n + 1 > RECORD_MAX) {
        rd->too_long = 1;
        return;
    }
    rd->buf = xgrow(rd->buf, &rd->cap, rd->len + n + 1, 1);
    fields_reserve(rd, rd->nf + 1u);
    if (n)
        memcpy(rd->buf + rd->len, data, n);
    rd->buf[rd->len + n] = '\0';
    rd->off[rd->nf] = rd->len;
    rd->flen[rd->nf] = n;
    rd->nf++;
    rd->len += n + 1;
}

/* Hands the fields gathered in rd->buf to the caller as one record. */
static void deliver(struct reader *rd)
{
    if (rd->action != CSVREAD_CONTINUE) {
        rd->nf = 0;
        rd->len = 0;
        return;
    }
    if (rd->too_long) {
        if (rd->h->error)
            rd->h->error(rd->h->ctx, CSVREAD_ETOOLONG, rd->rec_line, "record longer than 64 MiB");
    } else {
        for (uint32_t i = 0; i < rd->nf; i++)
            rd->ptr[i] = rd->buf + rd->off[i];
        struct csvread_record r = {rd->rec_line, rd->line, rd->nf, rd->ptr, rd->flen};
        rd->action = rd->h->record(rd->h->ctx, &r);
    }
    rd->nf = 0;
    rd->len = 0;
    rd->too_long = 0;
    rd->in_record = 0;
}

static void on_record(int c, void *rd_)
{
    (void)c;
    deliver(rd_);
}

static void fields_reserve(struct reader *rd, size_t need)
{
    if (need <= rd->fcap)
        return;
    size_t c = rd->fcap;
    rd->off = xgrow(rd->off, &c, need, sizeof *rd->off);
    c = rd->fcap;
    rd->flen = xgrow(rd->flen, &c, need, sizeof *rd->flen);
    c = rd->fcap;
    rd->ptr = xgrow(rd->ptr, &c, need, sizeof *rd->ptr);
    rd->fcap = c;
}

/* The fast path for the common line: one whole record on one line with no quote
 * character at all. Such a line means to libcsv exactly "split at each delimiter,
 * keep every byte", so it is split here in one pass instead of libcsv's state machine
 * and a callback per field; anything with a quote goes to split_quoted_line or libcsv.
 * s[0..n) is the line without its line end, n > 0. */
static void split_plain_line(struct reader *rd, const char *s, size_t n, unsigned char delim)
{
    rd->buf = xgrow(rd->buf, &rd->cap, n + 1, 1);
    memcpy(rd->buf, s, n);
    rd->buf[n] = '\0';
    rd->nf = 0;
    size_t at = 0;
    char *b = rd->buf;
    /* a plain byte loop: fields are short, a library call per field costs more */
    for (size_t i = 0; i <= n; i++) {
        if (i < n && b[i] != (char)delim)
            continue;
        if (rd->nf + 1u > rd->fcap)
            fields_reserve(rd, rd->nf + 1u);
        rd->off[rd->nf] = at;
        rd->flen[rd->nf] = i - at;
        rd->nf++;
        b[i] = '\0';
        at = i + 1;
    }
    rd->len = n + 1;
    deliver(rd);
}

static int is_space_none(unsigned char c)
{
    (void)c;
    return 0; /* keep every blank: ids with stray spaces must be seen to be reported */
}

static void parser_start(struct reader *rd, unsigned char delim)
{
    csv_init(&rd->p, CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&rd->p, is_space_none);
    csv_set_realloc_func(&rd->p, bounded_realloc);
    csv_set_blk_size(&rd->p, 1u << 16);
    if (delim)
        csv_set_delim(&rd->p, delim);
    rd->nf = 0;
    rd->len = 0;
    rd->too_long = 0;
    rd->in_record = 0;
}

/* The second fast path: a one-line record whose quoted fields are all plainly formed,
 * "..." with inner quotes doubled and the closing quote right before a delimiter or
 * the line end, and whose other fields hold no quote at all; libcsv reads these the
 * same way (the differential test holds the two to it). Anything else (a quote inside
 * an unquoted field, text after a closing quote, a quote still open at the line end,
 * so a field running on to the next line) returns 0 having delivered nothing, and the
 * line goes to libcsv. The output never outgrows n + 1 bytes: a field's NUL takes the
 * place of its delimiter, or of its quotes. */
static int split_quoted_line(struct reader *rd, const char *s, size_t n, unsigned char delim)
{
    const char d = (char)delim;
    if (d == '"')
        return 0;
    rd->buf = xgrow(rd->buf, &rd->cap, n + 1, 1);
    char *b = rd->buf;
    size_t i = 0, o = 0;
    uint32_t nf = 0;
    for (;;) {
        size_t start = o;
        if (i < n && s[i] == '"') {
            for (i++;; i++) {
                if (i >= n)
                    return 0;
                if (s[i] != '"') {
                    b[o++] = s[i];
                    continue;
                }
                if (i + 1 < n && s[i + 1] == '"') {
                    b[o++] = '"';
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
                b[o++] = s[i];
            }
        }
        if (nf + 1u > rd->fcap)
            fields_reserve(rd, nf + 1u);
        rd->off[nf] = start;
        rd->flen[nf] = o - start;
        nf++;
        b[o++] = '\0';
        if (i >= n)
            break;
        i++; /* the delimiter */
    }
    rd->nf = nf;
    rd->len = o;
    deliver(rd);
    return 1;
}

/* Converts the whole file to UTF-8 into an unlinked temporary file, so that parsing
 * stays streamed and seekable; returns its fd or -1. */
static int convert_encoding(int fd, const char *enc, const struct csvread_handler *h)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        char msg[160];
        snprintf(msg, sizeof msg, "unknown encoding \"%.60s\" (see `iconv -l`)", enc);
        h->error(h->ctx, CSVREAD_EENCODING, 0, msg);
        return -1;
    }
    FILE *tmp = tmpfile();
    if (!tmp) {
        iconv_close(cd);
        h->error(h->ctx, CSVREAD_EOPEN, 0, strerror(errno));
        return -1;
    }
    char *in = xmalloc(BLOCK + 16), *out = xmalloc(BLOCK * 4 + 64);
    size_t keep = 0;
    uint32_t line = 1;
    int rc = 0, eof = 0;
    while (!eof) {
        ssize_t k = read(fd, in + keep, BLOCK);
        if (k < 0) {
            h->error(h->ctx, CSVREAD_EOPEN, 0, strerror(errno));
            rc = -1;
            break;
        }
        eof = k == 0;
        char *ip = in;
        size_t il = keep + (size_t)k;
        while (il) {
            char *op = out;
            size_t ol = BLOCK * 4 + 64;
            size_t r = iconv(cd, &ip, &il, &op, &ol);
            int err = r == (size_t)-1 ? errno : 0;
            for (char *q = out; q < op; q++)
                line += *q == '\n';
            if (fwrite(out, 1, (size_t)(op - out), tmp) != (size_t)(op - out)) {
                h->error(h->ctx, CSVREAD_EOPEN, 0, strerror(errno));
                rc = -1;
                goto done;
            }
            if (err == EILSEQ || (err == EINVAL && eof)) {
                char msg[160];
                snprintf(msg, sizeof msg, "byte 0x%02x is not valid %.40s; replaced by U+FFFD",
                         (unsigned char)*ip, enc);
                h->error(h->ctx, CSVREAD_EENCODING, line, msg);
                fputs("\xEF\xBF\xBD", tmp);
                ip++;
                il--;
            } else if (err == EINVAL) {
                break; /* a character split across blocks: keep its start for the next read */
            } else if (err && err != E2BIG) {
                h->error(h->ctx, CSVREAD_EENCODING, line, strerror(err));
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

/* Feeds one chunk that ends at a line end (or at the block end) to libcsv. */
static int feed(struct reader *rd, const char *s, size_t n)
{
    size_t done = csv_parse(&rd->p, s, n, on_field, on_record, rd);
    if (done < n) {
        int e = csv_error(&rd->p);
        if (rd->h->error)
            rd->h->error(rd->h->ctx, e == CSV_ENOMEM || e == CSV_ETOOBIG ? CSVREAD_ETOOLONG : CSVREAD_EQUOTE,
                         rd->rec_line, e == CSV_ENOMEM || e == CSV_ETOOBIG ? "field longer than 16 MiB" : csv_strerror(e));
        return -1;
    }
    return 0;
}

int csvread_file(const char *path, const struct csvread_options *o, const struct csvread_handler *h)
{
    /* O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer
     * forever; it is refused below like any other file that is not regular, and on a
     * regular file the flag changes nothing */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        h->error(h->ctx, CSVREAD_EOPEN, 0, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        h->error(h->ctx, CSVREAD_EOPEN, 0, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        h->error(h->ctx, CSVREAD_EOPEN, 0, S_ISDIR(st.st_mode) ? "is a directory, not a file" : "is not a regular file");
        close(fd);
        return -1;
    }
    if (o->encoding && *o->encoding && strcasecmp(o->encoding, "UTF-8") && strcasecmp(o->encoding, "UTF8")) {
        int nfd = convert_encoding(fd, o->encoding, h);
        close(fd);
        if (nfd < 0)
            return -1;
        fd = nfd;
    }

    struct reader rd;
    memset(&rd, 0, sizeof rd);
    rd.h = h;
    char *block = xmalloc(BLOCK);
    uint64_t off = 0;       /* file offset of block[0] */
    uint64_t total = 0;
    int rc = 0, first = 1, prev_cr = 0, at_line_start = 1;
    rd.line = 1;
    parser_start(&rd, o->delimiter);
    const int fast = !o->reference_only;
    const unsigned char delim = o->delimiter ? o->delimiter : ',';
    for (;;) {
        ssize_t k = read(fd, block, BLOCK);
        if (k < 0) {
            h->error(h->ctx, CSVREAD_EOPEN, rd.line, strerror(errno));
            rc = -1;
            break;
        }
        if (k == 0) {
            /* end of file: an open quote here means it was never closed */
            if (at_line_start && rd.line > 1)
                rd.line--; /* the last line end already counted a line that has nothing on it */
            /* libcsv reports an open quote at the end only in strict mode, which would also
             * refuse the stray quotes spreadsheets leave inside unquoted fields; its public
             * state says the same: a field begun (2) inside quotes */
            if ((rd.p.pstate == 2 && rd.p.quoted) || csv_fini(&rd.p, on_field, on_record, &rd) != 0) {
                h->error(h->ctx, CSVREAD_EQUOTE, rd.rec_line, NULL);
                csv_free(&rd.p);
                if (rd.action == CSVREAD_CONTINUE && rd.rec_next_off < off && ++rd.resyncs <= RESYNC_MAX) {
                    rd.action = CSVREAD_RESYNC;
                    goto resync;
                }
            } else {
                csv_free(&rd.p);
                /* the last record, delivered by csv_fini, may itself ask to be read again */
                if (rd.action == CSVREAD_RESYNC && ++rd.resyncs <= RESYNC_MAX)
                    goto resync;
            }
            break;
        }
        size_t n = (size_t)k, pos = 0, next_lf = 0, next_cr = 0;
        int scanned = 0; /* next_lf and next_cr are stale until the first scan */
        if (first) {
            first = 0;
            if (n >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0)
                pos = 3;
        }
        while (pos < n && rd.action == CSVREAD_CONTINUE) {
            if (prev_cr && block[pos] == '\n') {
                /* the LF of a CRLF split across blocks: same line end */
                prev_cr = 0;
                if (feed(&rd, block + pos, 1)) {
                    csv_free(&rd.p);
                    parser_start(&rd, o->delimiter);
                }
                pos++;
                continue;
            }
            prev_cr = 0;
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
                        prev_cr = 1;
                }
                end++;
            }
            if (rd.skip_line) {
                rd.skip_line = !eol;
                pos = end;
                if (eol) {
                    rd.line++;
                    at_line_start = 1;
                } else {
                    at_line_start = 0;
                }
                continue;
            }
            if (fast && eol && at_line_start && !rd.in_record && rd.p.pstate == 0) {
                size_t len = content_end - pos;
                int done = 1;
                rd.rec_line = rd.line;
                rd.rec_next_off = off + end;
                if (len && !memchr(block + pos, '"', len))
                    split_plain_line(&rd, block + pos, len, delim);
                else if (len)
                    done = split_quoted_line(&rd, block + pos, len, delim);
                if (done) {
                    pos = end;
                    rd.line++;
                    continue;
                }
            }
            if (at_line_start && !rd.in_record) {
                rd.rec_line = rd.line;
                rd.rec_next_off = off + end;
                for (size_t i = pos; i < end; i++)
                    if (block[i] != '\n' && block[i] != '\r') {
                        rd.in_record = 1;
                        break;
                    }
            }
            if (feed(&rd, block + pos, end - pos)) {
                /* start afresh on the next line: one bad record must not cost the rest */
                csv_free(&rd.p);
                parser_start(&rd, o->delimiter);
                rd.skip_line = !eol;
            }
            pos = end;
            if (eol) {
                rd.line++;
                at_line_start = 1;
            } else {
                at_line_start = 0;
            }
        }
        if (rd.action == CSVREAD_STOP) {
            csv_free(&rd.p);
            break;
        }
        if (rd.action == CSVREAD_RESYNC) {
            csv_free(&rd.p);
            if (++rd.resyncs > RESYNC_MAX) {
                h->error(h->ctx, CSVREAD_EQUOTE, rd.rec_line, "too many stray quotes; the rest of the file was not read");
                rc = -1;
                break;
            }
        resync:
            rd.line = rd.rec_line + 1;
            off = rd.rec_next_off;
            if (lseek(fd, (off_t)off, SEEK_SET) < 0) {
                h->error(h->ctx, CSVREAD_EOPEN, rd.line, strerror(errno));
                rc = -1;
                break;
            }
            rd.action = CSVREAD_CONTINUE;
            at_line_start = 1;
            prev_cr = 0;
            parser_start(&rd, o->delimiter);
            continue;
        }
        off += n;
        total += n;
        if (h->progress)
            h->progress(h->ctx, total);
    }
    free(block);
    free(rd.buf);
    free(rd.off);
    free(rd.flen);
    free(rd.ptr);
    close(fd);
    return rc;
}
