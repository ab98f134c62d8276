/* The snapshot file: a header, then one section per array, each at a multiple of
 * SNAP_ALIGN bytes and with its own checksum. The header names the program that wrote
 * it and the stamps of both CSV files; the first section holds the key text (real
 * paths and load options). Arrays are stored as they sit in memory: a snapshot is
 * only ever read back by the same build on the same machine, which the header checks.
 *
 * Only data is stored: the columns, the strings' bytes and the findings. They are handed
 * over to their modules (dataset_adopt, diag_adopt), which make the id index, and the
 * graph is made from the linkage columns by graph_build_links, so no other module's fields are set here
 * and a change to one cannot leave a stale copy in the cache; the strings' intern table
 * is made again by core/dataset only before something is added to the dataset.
 *
 * Reading trusts nothing in the file: every count must fit the file, every string
 * reference the pool, every firm index the firms, every enum its range, and every
 * firm's id be its own. Anything else means "parse the CSV", never a crash. */
#include "snapshot.h"
#include "atomicfile.h"
#include "text.h"
#include "thread.h"
#include "xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* 2: linkages.until; 3: findings of 16 bytes, lazy ones by index, and the tallies per
 * file and code; 4: no id index, graph or intern tables (made again by their modules);
 * 5: the lines of the rows as breakpoints (core/linemap), not one a row; 6: the weights
 * as a byte a linkage and the distinct values, when there are few (core/dataset); 7: the
 * ids kept in the id index's slots (core/dataset) in firms.id.text, not in the strings,
 * and location, ownership and role as two-byte codes and their values while they have
 * few (core/catcol) */
#define SNAP_FORMAT 7
#define SNAP_ALIGN 64
/* Bytes read or written, and checksummed, at a time: the checksum then reads what the
 * copy just brought into the cache instead of going to memory a second time. A
 * multiple of 32, the checksum's block. */
#define SNAP_CHUNK ((size_t)3 << 19) /* also a multiple of every element size (16 the largest) */
#define SNAP_ENDIAN 0x01020304u
static const char snap_magic[8] = {'F', 'N', 'S', 'N', 'A', 'P', '\r', '\n'};

/* The counts the header carries; every section's length follows from them. C_ONE is
 * always 1, for sections that are one count long. */
enum snap_count {
    C_ONE, C_KEY, C_FIRMS, C_LINKS, C_FIRM_EXTRA, C_LINK_EXTRA, C_INDUSTRIES,
    C_POOL, C_FINDINGS, C_TEXT, C_TALLIES, C_SKIPPED_FIRMS, C_SKIPPED_LINKS, C_VALUES_IGNORED,
    C_FIRM_LINES, C_LINK_LINES, C_LINK_WFULL, C_LINK_WCODED, C_WEIGHTS, C_SLOT_IDS,
    C_LOC_WIDE, C_LOC_CODED, C_LOC_VALUES, C_OWN_WIDE, C_OWN_CODED, C_OWN_VALUES,
    C_ROLE_WIDE, C_ROLE_CODED, C_ROLE_VALUES, C_COUNT
};

/* X(section, name, the array, element type, count, times count, plus). The array is an
 * lvalue over col (the dataset's columns, struct dataset_columns) and the locals key,
 * pool, tally, findings and text, the names both the writer and the reader use. The
 * linkages' scale is not stored: it is derived from the firms' as the loader does. */
#define SNAP_SECTIONS(X) \
    X(S_KEY, "key", key, char, C_KEY, C_ONE, 0) \
    X(S_POOL, "strings", pool, char, C_POOL, C_ONE, 0) \
    X(S_FIRM_ID, "firms.id", col->firms.id, strref, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_SLOT_ID, "firms.id.text", col->slot_ids, char, C_SLOT_IDS, C_ONE, 0) \
    X(S_FIRM_NAME, "firms.name", col->firms.name, strref, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_ALIAS, "firms.alias", col->firms.alias, strref, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_LOCATION, "firms.location", col->firms.location.ref, strref, C_LOC_WIDE, C_ONE, 0) \
    X(S_FIRM_LOCATION_CODE, "firms.location.code", col->firms.location.code, uint16_t, C_LOC_CODED, C_ONE, 0) \
    X(S_FIRM_LOCATION_VALUE, "firms.location.value", col->firms.location.value, strref, C_LOC_VALUES, C_ONE, 0) \
    X(S_FIRM_OWNERSHIP, "firms.ownership", col->firms.ownership.ref, strref, C_OWN_WIDE, C_ONE, 0) \
    X(S_FIRM_OWNERSHIP_CODE, "firms.ownership.code", col->firms.ownership.code, uint16_t, C_OWN_CODED, C_ONE, 0) \
    X(S_FIRM_OWNERSHIP_VALUE, "firms.ownership.value", col->firms.ownership.value, strref, C_OWN_VALUES, C_ONE, 0) \
    X(S_FIRM_ROLE, "firms.role", col->firms.role.ref, strref, C_ROLE_WIDE, C_ONE, 0) \
    X(S_FIRM_ROLE_CODE, "firms.role.code", col->firms.role.code, uint16_t, C_ROLE_CODED, C_ONE, 0) \
    X(S_FIRM_ROLE_VALUE, "firms.role.value", col->firms.role.value, strref, C_ROLE_VALUES, C_ONE, 0) \
    X(S_FIRM_INDUSTRY, "firms.industry", col->firms.industry, uint32_t, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_SCALE, "firms.scale", col->firms.scale, uint8_t, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_EMPLOYEES, "firms.employees", col->firms.employees, int32_t, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_FOUNDED, "firms.founded", col->firms.founded, int16_t, C_FIRMS, C_ONE, 0) \
    X(S_FIRM_LINE, "firms.line", col->firms.line.brk, struct linemap_break, C_FIRM_LINES, C_ONE, 0) \
    X(S_FIRM_XNAME, "firms.extra.name", col->firms.extra.name, strref, C_FIRM_EXTRA, C_ONE, 0) \
    X(S_FIRM_XVALUE, "firms.extra.value", col->firms.extra.value, strref, C_FIRMS, C_FIRM_EXTRA, 0) \
    X(S_LINK_SOURCE, "linkages.source", col->links.source, uint32_t, C_LINKS, C_ONE, 0) \
    X(S_LINK_TARGET, "linkages.target", col->links.target, uint32_t, C_LINKS, C_ONE, 0) \
    X(S_LINK_TYPE, "linkages.type", col->links.type, uint8_t, C_LINKS, C_ONE, 0) \
    X(S_LINK_FORM, "linkages.form", col->links.form, uint8_t, C_LINKS, C_ONE, 0) \
    X(S_LINK_SINCE, "linkages.since", col->links.since, int16_t, C_LINKS, C_ONE, 0) \
    X(S_LINK_UNTIL, "linkages.until", col->links.until, int16_t, C_LINKS, C_ONE, 0) \
    X(S_LINK_WEIGHT, "linkages.weight", col->links.weight, double, C_LINK_WFULL, C_ONE, 0) \
    X(S_LINK_WCODE, "linkages.weight.code", col->links.weight_code, uint8_t, C_LINK_WCODED, C_ONE, 0) \
    X(S_LINK_WVALUE, "linkages.weight.value", col->links.weight_value, double, C_WEIGHTS, C_ONE, 0) \
    X(S_LINK_NOTE, "linkages.note", col->links.note, strref, C_LINKS, C_ONE, 0) \
    X(S_LINK_REF, "linkages.ref", col->links.ref, strref, C_LINKS, C_ONE, 0) \
    X(S_LINK_LINE, "linkages.line", col->links.line.brk, struct linemap_break, C_LINK_LINES, C_ONE, 0) \
    X(S_LINK_XNAME, "linkages.extra.name", col->links.extra.name, strref, C_LINK_EXTRA, C_ONE, 0) \
    X(S_LINK_XVALUE, "linkages.extra.value", col->links.extra.value, strref, C_LINKS, C_LINK_EXTRA, 0) \
    X(S_INDUSTRY, "industries", col->industry_name, strref, C_INDUSTRIES, C_ONE, 0) \
    X(S_TALLY, "findings.tally", tally, struct diag_tally, C_TALLIES, C_ONE, 0) \
    X(S_FINDINGS, "findings", findings, struct finding, C_FINDINGS, C_ONE, 0) \
    X(S_TEXT, "findings.text", text, char, C_TEXT, C_ONE, 0)

#define X(e, name, lv, type, ca, cb, add) e,
enum snap_section_id { SNAP_SECTIONS(X) S_COUNT };
#undef X

static const struct section_info {
    const char *name;
    size_t elem;
    enum snap_count a, b;
    uint64_t add;
} sections[] = {
#define X(e, name, lv, type, ca, cb, add) {name, sizeof(type), ca, cb, add},
    SNAP_SECTIONS(X)
#undef X
};

struct snap_section {
    uint64_t offset, bytes, sum;
};

struct snap_header {
    char magic[8];
    uint32_t format, endian, header_bytes, n_sections;
    /* sizes of the stored structures: a build where they differ must not read it */
    uint32_t size_finding, size_double;
    char version[32];
    struct snapshot_stamp program; /* the executable that wrote it */
    struct snapshot_stamp csv[2];
    uint64_t file_bytes;
    uint64_t count[C_COUNT];
    struct snap_section section[S_COUNT];
    uint64_t sum; /* of every byte above */
};

/* ---- checksum: four lanes of 64-bit multiply-rotate (xxh64's round), 32 bytes a
 * step; a damaged snapshot fails it with probability 1 - 2^-64 ---- */

#define P1 UINT64_C(11400714785074694791)
#define P2 UINT64_C(14029467366897019727)
#define P3 UINT64_C(1609587929392839161)

struct sum_state {
    uint64_t v[4];
    uint64_t len;
};

static uint64_t rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }
static uint64_t sum_round(uint64_t acc, uint64_t in) { return rotl64(acc + in * P2, 31) * P1; }

static void sum_init(struct sum_state *s, uint64_t seed)
{
    s->v[0] = seed + P1 + P2;
    s->v[1] = seed + P2;
    s->v[2] = seed;
    s->v[3] = seed - P1;
    s->len = 0;
}

/* Every call but the last must hand over a multiple of 32 bytes. */
static void sum_update(struct sum_state *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, p + i, 32);
        s->v[0] = sum_round(s->v[0], w[0]);
        s->v[1] = sum_round(s->v[1], w[1]);
        s->v[2] = sum_round(s->v[2], w[2]);
        s->v[3] = sum_round(s->v[3], w[3]);
    }
    for (unsigned k = 0; i < n; k++, i += 8) {
        uint64_t w = 0;
        memcpy(&w, p + i, n - i < 8 ? n - i : 8);
        s->v[k] = sum_round(s->v[k], w);
    }
    s->len += n;
}

static uint64_t sum_final(const struct sum_state *s)
{
    uint64_t h = rotl64(s->v[0], 1) + rotl64(s->v[1], 7) + rotl64(s->v[2], 12) + rotl64(s->v[3], 18);
    h ^= s->len * P3;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

static uint64_t sum_of(const void *p, size_t n, uint64_t seed)
{
    struct sum_state s;
    sum_init(&s, seed);
    sum_update(&s, p, n);
    return sum_final(&s);
}

/* ---- small helpers ---- */

static uint64_t align_up(uint64_t x) { return (x + SNAP_ALIGN - 1) & ~(uint64_t)(SNAP_ALIGN - 1); }

static int64_t ts_ns(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec; }

void snapshot_stamp_take(struct snapshot_stamp *s, const struct stat *st)
{
    memset(s, 0, sizeof *s);
    s->dev = (uint64_t)st->st_dev;
    s->ino = (uint64_t)st->st_ino;
    s->size = (uint64_t)st->st_size;
    s->mtime_ns = ts_ns(&st->st_mtim);
    s->ctime_ns = ts_ns(&st->st_ctim);
}

int snapshot_stamp_equal(const struct snapshot_stamp *a, const struct snapshot_stamp *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns &&
           a->ctime_ns == b->ctime_ns;
}

/* The executable running now: a snapshot is only read back by the very build that
 * wrote it, since another build may load the same CSV into other values or findings.
 * Zero where /proc is missing; the version and structure sizes are still checked. */
static const struct snapshot_stamp *program_stamp(void)
{
    static struct snapshot_stamp s;
    static int done;
    if (!done) {
        struct stat st;
        if (stat("/proc/self/exe", &st) == 0) {
            snapshot_stamp_take(&s, &st);
            s.ctime_ns = 0; /* a hard link or chmod of the program changes nothing loaded */
        }
        done = 1;
    }
    return &s;
}

static void why_set(char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void why_set(char *why, const char *fmt, ...)
{
    if (!why)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, SNAPSHOT_WHY_MAX, fmt, ap);
    va_end(ap);
}

/* ---- writing ---- */

static int write_zeros(FILE *fp, uint64_t n)
{
    static const char zeros[SNAP_ALIGN];
    while (n) {
        size_t k = n < sizeof zeros ? (size_t)n : sizeof zeros;
        if (fwrite(zeros, 1, k, fp) != k)
            return -1;
        n -= k;
    }
    return 0;
}

/* Straight from memory, a chunk at a time, the checksum over each chunk right before
 * it goes out while it is in the cache. */
static int write_section(FILE *fp, const void *src, uint64_t bytes, uint64_t seed, uint64_t *sum)
{
    struct sum_state s;
    sum_init(&s, seed);
    const char *p = src;
    for (uint64_t done = 0; done < bytes;) {
        size_t c = bytes - done < SNAP_CHUNK ? (size_t)(bytes - done) : SNAP_CHUNK;
        sum_update(&s, p + done, c);
        if (fwrite(p + done, 1, c, fp) != c)
            return -1;
        done += c;
    }
    *sum = sum_final(&s);
    return 0;
}

/* firms.id.text, which no array holds: made a piece at a time into a buffer, and
 * summed and written in multiples of 32 bytes (sum_update's rule) but for the last. */
static int write_slot_ids(FILE *fp, const struct dataset *ds, uint64_t bytes, uint64_t seed, uint64_t *sum)
{
    enum { PIECE = 1 << 16 };
    char *buf = xmalloc(PIECE);
    struct sum_state s;
    sum_init(&s, seed);
    uint32_t from = 0;
    uint64_t done = 0;
    size_t have = 0; /* bytes in buf not yet written */
    int bad = 0;
    while (!bad && done < bytes) {
        size_t c = dataset_slot_ids_text(ds, &from, buf + have, PIECE - have);
        have += c;
        if (c == 0 || done + have > bytes) { /* the dataset changed under the writer: cannot be */
            bad = 1;
            break;
        }
        size_t out = done + have == bytes ? have : have & ~(size_t)31;
        sum_update(&s, buf, out);
        bad = fwrite(buf, 1, out, fp) != out;
        done += out;
        have -= out;
        memmove(buf, buf + out, have);
    }
    free(buf);
    *sum = sum_final(&s);
    return bad ? -1 : 0;
}

/* A catcol's three counts, from wide (its rows' offsets), then coded and values. */
static void catcol_counts(uint64_t *c, enum snap_count wide, const struct catcol *cc, uint32_t rows)
{
    int is_wide = cc->ref != NULL;
    c[wide] = is_wide ? rows : 0;
    c[wide + 1] = is_wide ? 0 : rows;
    c[wide + 2] = is_wide ? 0 : cc->n_values;
}

static int catcol_counts_ok(const uint64_t *c, enum snap_count wide)
{
    return c[wide] + c[wide + 1] == c[C_FIRMS] && (c[wide] == 0 || c[wide + 1] == 0) &&
           c[wide + 2] <= (c[wide] ? 0 : CATCOL_CODES);
}

static void header_counts(uint64_t *c, const struct snapshot_key *k, const struct dataset *ds,
                          const struct dataset_columns *col, const struct diag *dg)
{
    uint32_t from = 0;
    c[C_ONE] = 1;
    c[C_SLOT_IDS] = dataset_slot_ids_text(ds, &from, NULL, 0);
    c[C_KEY] = k->text_len;
    c[C_FIRMS] = col->firms.n;
    c[C_LINKS] = col->links.n;
    c[C_FIRM_EXTRA] = col->firms.extra.n;
    c[C_LINK_EXTRA] = col->links.extra.n;
    c[C_INDUSTRIES] = col->n_industries;
    c[C_POOL] = col->pool_len;
    c[C_FINDINGS] = dg->n;
    c[C_TEXT] = dg->text.len;
    c[C_TALLIES] = DIAG_TALLIES;
    c[C_SKIPPED_FIRMS] = dg->rows_skipped[0];
    c[C_SKIPPED_LINKS] = dg->rows_skipped[1];
    c[C_VALUES_IGNORED] = dg->values_ignored;
    c[C_FIRM_LINES] = col->firms.line.n;
    c[C_LINK_LINES] = col->links.line.n;
    /* one of the two ways of holding the weights is links.n long, the other empty */
    int coded = col->links.weight_code != NULL;
    c[C_LINK_WFULL] = coded ? 0 : col->links.n;
    c[C_LINK_WCODED] = coded ? col->links.n : 0;
    c[C_WEIGHTS] = coded ? col->links.n_weight_values : 0;
    catcol_counts(c, C_LOC_WIDE, &col->firms.location, col->firms.n);
    catcol_counts(c, C_OWN_WIDE, &col->firms.ownership, col->firms.n);
    catcol_counts(c, C_ROLE_WIDE, &col->firms.role, col->firms.n);
}

static uint64_t section_bytes(const uint64_t *count, unsigned s)
{
    return (count[sections[s].a] * count[sections[s].b] + sections[s].add) * sections[s].elem;
}

static void header_fill(struct snap_header *h, const struct snapshot_key *k)
{
    memcpy(h->magic, snap_magic, sizeof h->magic);
    h->format = SNAP_FORMAT;
    h->endian = SNAP_ENDIAN;
    h->header_bytes = (uint32_t)sizeof *h;
    h->n_sections = S_COUNT;
    h->size_finding = (uint32_t)sizeof(struct finding);
    h->size_double = (uint32_t)sizeof(double);
    snprintf(h->version, sizeof h->version, "%s", PACKAGE_VERSION);
    h->program = *program_stamp();
    h->csv[0] = k->stamp[0];
    h->csv[1] = k->stamp[1];
}

int snapshot_save(const char *path, const struct snapshot_key *k, const struct dataset *ds,
                  const struct diag *dg, char *why)
{
    char err[ATOMICFILE_ERR_MAX];
    struct atomicfile af;
    if (atomicfile_open(&af, path, err) != 0) {
        why_set(why, "%s", err);
        return -1;
    }
    (void)fchmod(fileno(af.fp), 0600); /* the whole dataset: for its owner's eyes */
    /* no fsync: a snapshot a crash left half written fails its checksums and is
     * replaced, and writing it through to disk took a third of the time at M */
    af.no_sync = 1;
    struct snap_header h;
    memset(&h, 0, sizeof h);
    header_fill(&h, k);
    const struct dataset_columns view = dataset_columns_view(ds), *col = &view;
    header_counts(h.count, k, ds, col, dg);
    const void *src[S_COUNT];
    const char *key = k->text, *pool = col->pool, *text = dg->text.buf;
    const struct diag_tally *tally = dg->tally;
    const struct finding *findings = dg->v;
#define X(e, name, lv, type, ca, cb, add) src[e] = (lv);
    SNAP_SECTIONS(X)
#undef X
    uint64_t at = align_up(sizeof h);
    for (unsigned s = 0; s < S_COUNT; s++) {
        h.section[s].offset = at;
        h.section[s].bytes = section_bytes(h.count, s);
        at = align_up(at + h.section[s].bytes);
    }
    h.file_bytes = at;
    int bad = fwrite(&h, sizeof h, 1, af.fp) != 1 || write_zeros(af.fp, align_up(sizeof h) - sizeof h);
    for (unsigned s = 0; s < S_COUNT && !bad; s++) {
        uint64_t b = h.section[s].bytes;
        bad = (s == S_FIRM_SLOT_ID ? write_slot_ids(af.fp, ds, b, s, &h.section[s].sum)
                                   : write_section(af.fp, src[s], b, s, &h.section[s].sum)) ||
              write_zeros(af.fp, align_up(b) - b);
    }
    h.sum = sum_of(&h, offsetof(struct snap_header, sum), 0);
    bad = bad || fseeko(af.fp, 0, SEEK_SET) != 0 || fwrite(&h, sizeof h, 1, af.fp) != 1;
    if (bad) {
        why_set(why, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
        atomicfile_abort(&af);
        return -1;
    }
    if (atomicfile_commit(&af, err) != 0) {
        why_set(why, "%s", err);
        return -1;
    }
    return 0;
}

/* ---- reading ---- */

static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
    char *p = buf;
    while (n) {
        ssize_t r = pread(fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

/* The header on its own: what it says must hold for any file. */
static int header_check(const struct snap_header *h, uint64_t file_bytes, char *why)
{
    if (memcmp(h->magic, snap_magic, sizeof snap_magic) != 0) {
        why_set(why, "not a firmnet snapshot");
        return -1;
    }
    if (h->format != SNAP_FORMAT || h->endian != SNAP_ENDIAN || h->header_bytes != sizeof *h ||
        h->n_sections != S_COUNT || h->size_finding != sizeof(struct finding) ||
        h->size_double != sizeof(double)) {
        why_set(why, "written in another format or on another kind of machine");
        return -1;
    }
    if (h->sum != sum_of(h, offsetof(struct snap_header, sum), 0)) {
        why_set(why, "its header is damaged (checksum)");
        return -1;
    }
    char version[sizeof h->version + 1];
    memcpy(version, h->version, sizeof h->version);
    version[sizeof h->version] = '\0';
    if (strcmp(version, PACKAGE_VERSION) != 0 || !snapshot_stamp_equal(&h->program, program_stamp())) {
        why_set(why, "written by another build of firmnet");
        return -1;
    }
    if (h->file_bytes != file_bytes) {
        why_set(why, "truncated or extended (%llu bytes, the header says %llu)", (unsigned long long)file_bytes,
                (unsigned long long)h->file_bytes);
        return -1;
    }
    const uint64_t *c = h->count;
    /* limits of the structures they fill; every product below then fits in 64 bits */
    int ok = c[C_ONE] == 1 && c[C_KEY] <= (uint64_t)4 * PATH_MAX && c[C_FIRMS] < UINT32_MAX && c[C_LINKS] <= UINT32_MAX &&
             c[C_FIRM_EXTRA] <= UINT32_MAX && c[C_LINK_EXTRA] <= UINT32_MAX && c[C_INDUSTRIES] <= UINT32_MAX &&
             c[C_POOL] >= 1 && c[C_POOL] <= UINT32_MAX && c[C_TEXT] >= 1 && c[C_TEXT] <= UINT32_MAX &&
             c[C_FINDINGS] <= UINT32_MAX && c[C_TALLIES] == DIAG_TALLIES &&
             c[C_SKIPPED_FIRMS] <= UINT32_MAX && c[C_SKIPPED_LINKS] <= UINT32_MAX && c[C_VALUES_IGNORED] <= UINT32_MAX &&
             c[C_FIRM_LINES] <= c[C_FIRMS] && c[C_LINK_LINES] <= c[C_LINKS] &&
             c[C_LINK_WFULL] + c[C_LINK_WCODED] == c[C_LINKS] && (c[C_LINK_WFULL] == 0 || c[C_LINK_WCODED] == 0) &&
             c[C_WEIGHTS] <= (c[C_LINK_WFULL] ? 0 : LINK_WEIGHT_CODES) &&
             c[C_SLOT_IDS] <= c[C_FIRMS] * DATASET_ID_INLINE && catcol_counts_ok(c, C_LOC_WIDE) &&
             catcol_counts_ok(c, C_OWN_WIDE) && catcol_counts_ok(c, C_ROLE_WIDE);
    if (!ok) {
        why_set(why, "its counts are impossible");
        return -1;
    }
    uint64_t end = align_up(sizeof *h);
    for (unsigned s = 0; s < S_COUNT; s++) {
        const struct snap_section *x = &h->section[s];
        if (x->bytes != section_bytes(c, s) || x->offset != end || x->bytes > file_bytes ||
            x->offset > file_bytes - x->bytes
#if SIZE_MAX < UINT64_MAX
            || x->bytes > SIZE_MAX
#endif
        ) {
            why_set(why, "section %s does not fit the file", sections[s].name);
            return -1;
        }
        end = align_up(x->offset + x->bytes);
    }
    if (end != file_bytes) {
        why_set(why, "its sections do not fill the file");
        return -1;
    }
    return 0;
}

static const char *csv_name(unsigned i) { return i == 0 ? "firms.csv" : "linkages.csv"; }

/* ---- checking what is read: each chunk as soon as it arrives, while the copy has
 * left it in the cache ---- */

/* These run over every value of a snapshot, in blocks of a fixed count: gcc's cost
 * model at -O2 vectorises only loops with no remainder to handle, which made them
 * the largest cost of a read left to the program. The remainder goes one by one. */
#define BLOCK 64

static int all_below(const uint32_t *v, uint64_t n, uint64_t limit)
{
    if (limit > UINT32_MAX)
        return 1;
    const uint32_t lim = (uint32_t)limit;
    int bad = 0;
    uint64_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (unsigned j = 0; j < BLOCK; j++)
            bad |= v[i + j] >= lim;
    for (; i < n; i++)
        bad |= v[i] >= lim;
    return !bad;
}

/* firms.id: an odd entry is an id kept in firms.id.text, an even one in the pool. */
static int ids_below(const uint32_t *v, uint64_t n, uint64_t limit)
{
    if (limit > UINT32_MAX)
        return 1;
    const uint32_t lim = (uint32_t)limit;
    int bad = 0;
    uint64_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (unsigned j = 0; j < BLOCK; j++)
            bad |= !(v[i + j] & 1u) & (v[i + j] >= lim);
    for (; i < n; i++)
        bad |= !(v[i] & 1u) & (v[i] >= lim);
    return !bad;
}

static int codes_below(const uint16_t *v, uint64_t n, uint64_t limit)
{
    int bad = 0;
    uint64_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (unsigned j = 0; j < BLOCK; j++)
            bad |= v[i + j] >= limit;
    for (; i < n; i++)
        bad |= v[i] >= limit;
    return !bad;
}

static int bytes_below(const uint8_t *v, uint64_t n, unsigned limit)
{
    int bad = 0;
    uint64_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (unsigned j = 0; j < BLOCK; j++)
            bad |= v[i + j] >= limit;
    for (; i < n; i++)
        bad |= v[i] >= limit;
    return !bad;
}

/* YEAR_NONE or a year the loader accepts */
static int year_bad(int16_t y) { return y != YEAR_NONE && !year_in_range(y); }

static int years_ok(const int16_t *y, uint64_t n)
{
    int bad = 0;
    uint64_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (unsigned j = 0; j < BLOCK; j++)
            bad |= year_bad(y[i + j]);
    for (; i < n; i++)
        bad |= year_bad(y[i]);
    return !bad;
}

static int employees_ok(const int32_t *v, uint64_t n)
{
    int bad = 0;
    for (uint64_t i = 0; i < n; i++)
        bad |= v[i] < EMPLOYEES_NONE;
    return !bad;
}

/* finite and above 0: NaN fails both comparisons */
static int weight_bad(double w) { return !(w > 0) | !(w <= DBL_MAX); }

static int weights_ok(const double *w, uint64_t n)
{
    int bad = 0;
    uint64_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK)
        for (unsigned j = 0; j < BLOCK; j++)
            bad |= weight_bad(w[i + j]);
    for (; i < n; i++)
        bad |= weight_bad(w[i]);
    return !bad;
}

static int pool_ok(const char *buf, uint64_t len) { return len >= 1 && buf[0] == '\0' && buf[len - 1] == '\0'; }

/* One thread's share of reading a snapshot: its sections, in file order, and the
 * state of the checks that span chunks. */
struct reader {
    int fd;
    const struct snap_header *h;
    const struct snapshot_key *k;
    void **buf;             /* the sections, shared; each reader fills only its own */
    const uint8_t *mine;    /* mine[s]: this reader reads section s */
    size_t errors, warnings; /* from the tallies */
    uint32_t keep;           /* the loading diag's keep, which the tallies must show */
    uint32_t seen[DIAG_TALLIES]; /* findings per file and code */
    uint8_t *scale;         /* the linkages' scale, derived as the targets are read */
    _Atomic uint64_t *read; /* bytes both readers have read, shared */
    const struct snapshot_progress *sp; /* told of them: only the caller's thread's reader */
    /* the outcome: 0, or the section that failed and how */
    int failed, err;
    unsigned bad_section;
    enum { BAD_READ, BAD_SUM, BAD_VALUE, BAD_END } bad;
};

/* Each file and code's tally: as many kept as this load's keep keeps, so that the
 * snapshot lists the findings a parse would (another --limit has a key of its own). */
static int tallies_chunk(struct reader *R, const struct diag_tally *t, uint64_t i0, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        uint32_t want = R->keep && t[i].count > R->keep ? R->keep : t[i].count;
        if (t[i].kept != want || (t[i].count > t[i].kept && t[i].first > t[i].last))
            return 0;
        if (diag_code_severity((unsigned)((i0 + i) % DC_COUNT)) == DIAG_ERROR)
            R->errors += t[i].count;
        else
            R->warnings += t[i].count;
    }
    return 1;
}

static int findings_chunk(struct reader *R, const struct finding *f, uint64_t n)
{
    const uint64_t *c = R->h->count;
    for (uint64_t i = 0; i < n; i++) {
        if (f[i].file >= DIAG_FILES || f[i].code >= DC_COUNT || f[i].severity != diag_code_severity(f[i].code) ||
            f[i].lazy > 1 || (f[i].firm != FIRM_NONE && f[i].firm >= c[C_FIRMS]))
            return 0;
        if (!f[i].lazy && f[i].msg >= c[C_TEXT])
            return 0;
        /* a lazy finding's message is made from these indexes: each must hold */
        if (f[i].lazy && (f[i].firm == FIRM_NONE ||
                          (f[i].code == DC_ISOLATED_FIRM ? 0
                           : f[i].code == DC_SINCE_BEFORE_FOUNDED || f[i].code == DC_DUPLICATE_LINK
                               ? f[i].arg >= c[C_LINKS]
                               : 1)))
            return 0;
        R->seen[f[i].file * DC_COUNT + f[i].code]++;
    }
    return 1;
}

/* linkages.target, with linkages.source and firms.scale read before it: no linkage
 * from a firm to itself (the loader skips those) and each linkage's scale. */
static int targets_chunk(struct reader *R, const uint32_t *tgt, uint64_t i0, uint64_t n)
{
    const uint32_t *src = (const uint32_t *)R->buf[S_LINK_SOURCE] + i0;
    const uint8_t *fscale = R->buf[S_FIRM_SCALE];
    uint8_t *scale = R->scale + i0;
    if (!all_below(tgt, n, R->h->count[C_FIRMS]))
        return 0;
    int self = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint32_t s = src[i], t = tgt[i];
        self |= s == t;
        scale[i] = (uint8_t)dataset_link_scale(fscale[s], fscale[t]);
    }
    return !self;
}

/* Elements [i0, i0 + n) of section s, just read: 0 when they are fine. */
static int reader_chunk(struct reader *R, unsigned s, uint64_t i0, uint64_t n)
{
    const uint64_t *c = R->h->count;
    const void *p = (const char *)R->buf[s] + i0 * sections[s].elem;
    switch (s) {
    case S_FIRM_ID:
        return !ids_below(p, n, c[C_POOL]);
    case S_FIRM_NAME: case S_FIRM_ALIAS: case S_FIRM_LOCATION: case S_FIRM_OWNERSHIP:
    case S_FIRM_ROLE: case S_FIRM_LOCATION_VALUE: case S_FIRM_OWNERSHIP_VALUE: case S_FIRM_ROLE_VALUE:
    case S_FIRM_XNAME: case S_FIRM_XVALUE: case S_LINK_NOTE: case S_LINK_REF:
    case S_LINK_XNAME: case S_LINK_XVALUE: case S_INDUSTRY:
        return !all_below(p, n, c[C_POOL]);
    case S_FIRM_INDUSTRY:
        return !all_below(p, n, c[C_INDUSTRIES]);
    case S_FIRM_LOCATION_CODE:
        return !codes_below(p, n, c[C_LOC_VALUES]);
    case S_FIRM_OWNERSHIP_CODE:
        return !codes_below(p, n, c[C_OWN_VALUES]);
    case S_FIRM_ROLE_CODE:
        return !codes_below(p, n, c[C_ROLE_VALUES]);
    case S_FIRM_SCALE:
        return !bytes_below(p, n, SCALE_COUNT);
    case S_FIRM_EMPLOYEES:
        return !employees_ok(p, n);
    case S_FIRM_FOUNDED: case S_LINK_SINCE: case S_LINK_UNTIL:
        return !years_ok(p, n);
    case S_LINK_SOURCE:
        return !all_below(p, n, c[C_FIRMS]);
    case S_LINK_TARGET:
        return !targets_chunk(R, p, i0, n);
    case S_LINK_TYPE:
        return !bytes_below(p, n, LT_COUNT);
    case S_LINK_FORM:
        return !bytes_below(p, n, FORM_COUNT);
    case S_LINK_WEIGHT: case S_LINK_WVALUE:
        return !weights_ok(p, n);
    case S_LINK_WCODE:
        return !bytes_below(p, n, (unsigned)c[C_WEIGHTS]); /* at most LINK_WEIGHT_CODES: the header check */
    case S_TALLY:
        return !tallies_chunk(R, p, i0, n);
    case S_FINDINGS:
        return !findings_chunk(R, p, n);
    default: /* the key (compared whole), text, line breakpoints (checked whole): anything goes */
        return 0;
    }
}

/* What can only be told once section s is complete: 0 when it is fine. */
static int reader_end(struct reader *R, unsigned s)
{
    const uint64_t *c = R->h->count;
    switch (s) {
    case S_KEY:
        return memcmp(R->buf[s], R->k->text, R->k->text_len) != 0;
    case S_POOL:
        return !pool_ok(R->buf[s], c[C_POOL]);
    case S_TEXT:
        return !pool_ok(R->buf[s], c[C_TEXT]);
    case S_FIRM_LINE:
        return !linemap_valid(R->buf[s], c[C_FIRM_LINES], c[C_FIRMS]);
    case S_LINK_LINE:
        return !linemap_valid(R->buf[s], c[C_LINK_LINES], c[C_LINKS]);
    case S_FINDINGS: { /* as many findings of each file and code as its tally keeps */
        const struct diag_tally *t = R->buf[S_TALLY];
        for (unsigned i = 0; i < DIAG_TALLIES; i++)
            if (R->seen[i] != t[i].kept)
                return 1;
        return 0;
    }
    default:
        return 0;
    }
}

/* The share of a read's progress that is the sections' bytes, then the id index; the
 * graph (built beside the index when there are threads) makes the rest (at a million
 * firms, one after the other: about 0.9 s, 0.2 s and 0.6 s). */
enum { SNAP_UNITS = 1000, SNAP_READ_UNITS = 550, SNAP_INDEX_UNITS = 650 };

static void tell(const struct snapshot_progress *sp, uint64_t done)
{
    if (sp && sp->step)
        sp->step(sp->ctx, done, SNAP_UNITS);
}

/* n more bytes read; the caller's reader says how far both are. */
static void reader_tell(struct reader *R, size_t n)
{
    uint64_t read = atomic_fetch_add_explicit(R->read, n, memory_order_relaxed) + n;
    uint64_t total = R->h->file_bytes ? R->h->file_bytes : 1;
    if (R->sp)
        tell(R->sp, (read < total ? read : total) * SNAP_READ_UNITS / total);
}

/* Reads, checksums and checks this reader's sections, a chunk at a time. */
static void reader_run(struct reader *R)
{
    const struct snap_header *h = R->h;
    for (unsigned s = 0; s < S_COUNT && !R->failed; s++) {
        if (!R->mine[s])
            continue;
        uint64_t bytes = h->section[s].bytes, off = h->section[s].offset, elem = sections[s].elem;
        /* plain malloc: huge pages, as the loader's hash tables have, made a whole
         * read twice as slow here for the compaction they can cost, and faulting
         * the memory in up front (MADV_POPULATE_WRITE) was no faster than read() */
        R->buf[s] = xmalloc((size_t)bytes);
        struct sum_state sum;
        sum_init(&sum, s);
        R->bad_section = s;
        R->failed = 1;
        uint64_t done;
        for (done = 0; done < bytes; done += SNAP_CHUNK) {
            size_t n = bytes - done < SNAP_CHUNK ? (size_t)(bytes - done) : SNAP_CHUNK;
            char *p = (char *)R->buf[s] + done;
            errno = 0;
            if (read_at(R->fd, p, n, off + done) != 0) {
                R->bad = BAD_READ;
                R->err = errno;
                break;
            }
            sum_update(&sum, p, n);
            reader_tell(R, n);
            /* a chunk holds whole elements: SNAP_CHUNK is a multiple of every size */
            if (reader_chunk(R, s, done / elem, n / elem)) {
                R->bad = BAD_VALUE;
                break;
            }
        }
        if (done < bytes)
            continue;
        if (sum_final(&sum) != h->section[s].sum)
            R->bad = BAD_SUM;
        else if (reader_end(R, s))
            R->bad = BAD_END;
        else
            R->failed = 0;
    }
}

static void *reader_thread(void *arg)
{
    reader_run(arg);
    return NULL;
}

static void reader_why(const struct reader *R, const char *path, char *why)
{
    const char *name = sections[R->bad_section].name;
    switch (R->bad) {
    case BAD_READ:
        why_set(why, "%s cannot be read: %s", path, R->err ? strerror(R->err) : "end of file");
        break;
    case BAD_SUM:
        why_set(why, "section %s is damaged (checksum)", name);
        break;
    case BAD_VALUE:
        why_set(why, "%s holds a value out of range or out of order", name);
        break;
    case BAD_END:
        if (R->bad_section == S_KEY)
            why_set(why, "the snapshot is of other files or other options");
        else
            why_set(why, "%s is inconsistent", name);
        break;
    }
}

struct graph_job {
    struct graph *g;
    uint32_t n_firms;
    const struct link_table *links;
};

static void *graph_job_run(void *arg)
{
    struct graph_job *j = arg;
    graph_build_links(j->g, j->n_firms, j->links);
    return NULL;
}

/* Hands the checked arrays over to ds and dg, whose modules make the id index and the
 * graph from them as a parse makes them; with threads, the graph (from the linkage
 * columns alone) is built on a thread of its own while core/dataset builds the id
 * index (M: 26 and 6 ms of CPU). Returns -1, with ds, dg and g as they were and every
 * array freed, when two firms share an id: the one check only the index can make.
 * sp hears of the index, then of the graph. */
/* A catcol as read: the sections of the way it is not held are empty, and freed. */
static void catcol_adopt(struct catcol *cc, const uint64_t *c, enum snap_count wide)
{
    if (c[wide]) {
        free(cc->code);
        free(cc->value);
        cc->code = NULL;
        cc->value = NULL;
    } else {
        free(cc->ref);
        cc->ref = NULL;
        cc->n_values = (uint32_t)c[wide + 2];
    }
}

static int adopt(void **buf, const uint64_t *c, uint8_t *scale, size_t errors, size_t warnings, int threads,
                 struct dataset *ds, struct diag *dg, struct graph *g, const struct snapshot_progress *sp)
{
    struct dataset_columns cols, *col = &cols;
    char *key, *pool, *text;
    struct diag_tally *tally;
    struct finding *findings;
    memset(&cols, 0, sizeof cols);
#define X(e, name, lv, type, ca, cb, add) (lv) = buf[e];
    SNAP_SECTIONS(X)
#undef X
    free(key);
    cols.pool = pool;
    cols.pool_len = c[C_POOL];
    cols.slot_ids_len = c[C_SLOT_IDS]; /* checked id by id as the index is made */
    cols.firms.n = (uint32_t)c[C_FIRMS];
    cols.firms.extra.n = (uint32_t)c[C_FIRM_EXTRA];
    cols.links.n = (uint32_t)c[C_LINKS];
    cols.links.extra.n = (uint32_t)c[C_LINK_EXTRA];
    cols.firms.line.n = (uint32_t)c[C_FIRM_LINES];
    cols.links.line.n = (uint32_t)c[C_LINK_LINES];
    cols.links.scale = scale;
    if (c[C_LINK_WFULL]) { /* the other way's sections are empty */
        free(cols.links.weight_code);
        free(cols.links.weight_value);
        cols.links.weight_code = NULL;
        cols.links.weight_value = NULL;
    } else {
        free(cols.links.weight);
        cols.links.weight = NULL;
        cols.links.n_weight_values = (uint32_t)c[C_WEIGHTS];
    }
    catcol_adopt(&cols.firms.location, c, C_LOC_WIDE);
    catcol_adopt(&cols.firms.ownership, c, C_OWN_WIDE);
    catcol_adopt(&cols.firms.role, c, C_ROLE_WIDE);
    cols.n_industries = (uint32_t)c[C_INDUSTRIES];
    /* the job reads cols.links's arrays, which ds takes over without a copy: they stay
     * alive until the join, whether the index stands or not */
    struct graph built;
    struct graph_job job = {&built, cols.firms.n, &cols.links};
    struct thread th;
    if (threads)
        thread_start(&th, graph_job_run, &job); /* or, with no thread, in thread_join */
    int rc = dataset_adopt(ds, &cols);
    if (rc == 0)
        tell(sp, SNAP_INDEX_UNITS);
    if (threads)
        thread_join(&th);
    else
        graph_job_run(&job);
    if (rc != 0) {
        graph_free(&built);
        dataset_columns_free(&cols);
        free(tally);
        free(findings);
        free(text);
        return -1;
    }
    struct diag_stored st = {findings, c[C_FINDINGS], tally, strpool_wrap(text, c[C_TEXT]), errors, warnings,
                             {(uint32_t)c[C_SKIPPED_FIRMS], (uint32_t)c[C_SKIPPED_LINKS]},
                             (uint32_t)c[C_VALUES_IGNORED]};
    diag_adopt(dg, &st);
    *g = built;
    tell(sp, SNAP_UNITS);
    return 0;
}

/* A snapshot this big is read by two threads: copying from the page cache and the
 * checks take CPU, not disk, once the file has been read before. */
#define SNAP_THREAD_MIN ((uint64_t)32 << 20)
static int test_threads; /* snapshot_test_threads */

static int load_fd(int fd, const char *path, const struct snapshot_key *k, struct dataset *ds, struct diag *dg,
                   struct graph *g, char *why, const struct snapshot_progress *sp)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        why_set(why, "%s is not a regular file", path);
        return -1;
    }
    if (st.st_uid != geteuid()) {
        why_set(why, "%s belongs to another user", path);
        return -1;
    }
    struct snap_header h;
    if ((uint64_t)st.st_size < sizeof h || read_at(fd, &h, sizeof h, 0) != 0) {
        why_set(why, "%s is truncated", path);
        return -1;
    }
    if (header_check(&h, (uint64_t)st.st_size, why) != 0)
        return -1;
    for (unsigned i = 0; i < 2; i++)
        if (!snapshot_stamp_equal(&h.csv[i], &k->stamp[i])) {
            why_set(why, "%s changed since the snapshot was written", csv_name(i));
            return -1;
        }
    if (h.count[C_KEY] != k->text_len) {
        why_set(why, "the snapshot is of other files or other options");
        return -1;
    }
    if (sp && sp->begin)
        sp->begin(sp->ctx, 1);
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    void *buf[S_COUNT] = {NULL};
    /* two shares of about the same size whose checks need nothing of the other's:
     * five linkage columns, and the rest */
    uint8_t second[S_COUNT] = {0}, first[S_COUNT];
    static const enum snap_section_id share[] = {S_LINK_WEIGHT, S_LINK_NOTE, S_LINK_REF, S_LINK_LINE,
                                                 S_LINK_XVALUE};
    int threads = test_threads || (h.file_bytes >= SNAP_THREAD_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1);
    for (size_t i = 0; threads && i < sizeof share / sizeof *share; i++)
        second[share[i]] = 1;
    for (unsigned s = 0; s < S_COUNT; s++)
        first[s] = !second[s];
    struct reader R[2];
    memset(R, 0, sizeof R);
    uint8_t *scale = xmalloc((size_t)h.count[C_LINKS]);
    _Atomic uint64_t read;
    atomic_init(&read, 0);
    for (int t = 0; t < 2; t++) {
        R[t].fd = fd;
        R[t].h = &h;
        R[t].k = k;
        R[t].buf = buf;
        R[t].mine = t ? second : first;
        R[t].scale = scale;
        R[t].keep = dg->keep;
        R[t].read = &read;
        R[t].sp = t == 0 || !threads ? sp : NULL; /* the readers that run on this thread */
    }
    struct thread th;
    if (threads)
        thread_start(&th, reader_thread, &R[1]); /* or, with no thread, in thread_join */
    reader_run(&R[0]);
    if (threads)
        thread_join(&th);
    else
        reader_run(&R[1]); /* no second share: here, after the first */
    if (R[0].failed || R[1].failed) {
        reader_why(R[0].failed ? &R[0] : &R[1], path, why);
        for (unsigned s = 0; s < S_COUNT; s++)
            free(buf[s]);
        free(scale);
        return -1;
    }
    tell(sp, SNAP_READ_UNITS);
    if (adopt(buf, h.count, scale, R[0].errors + R[1].errors, R[0].warnings + R[1].warnings, threads, ds, dg, g,
              sp) != 0) {
        why_set(why, "firms.id and firms.id.text do not hold one id a firm, each its own");
        return -1;
    }
    return 0;
}

int snapshot_load(const char *path, const struct snapshot_key *k, struct dataset *ds, struct diag *dg,
                  struct graph *g, char *why)
{
    return snapshot_load_p(path, k, ds, dg, g, why, NULL);
}

int snapshot_load_p(const char *path, const struct snapshot_key *k, struct dataset *ds, struct diag *dg,
                    struct graph *g, char *why, const struct snapshot_progress *sp)
{
    /* O_NOFOLLOW: a link planted in a shared cache directory is not followed */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            why_set(why, "no snapshot yet");
        else
            why_set(why, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = load_fd(fd, path, k, ds, dg, g, why, sp);
    close(fd);
    return rc;
}

/* ---- for tests ---- */

unsigned snapshot_sections(void) { return S_COUNT; }

void snapshot_test_threads(int on) { test_threads = on; }

static int header_read(int fd, struct snap_header *h)
{
    struct stat st;
    return fstat(fd, &st) == 0 && (uint64_t)st.st_size >= sizeof *h && read_at(fd, h, sizeof *h, 0) == 0 ? 0 : -1;
}

int snapshot_section_span(const char *path, unsigned s, uint64_t *offset, uint64_t *bytes, const char **name)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct snap_header h;
    int rc = fd >= 0 && s < S_COUNT && header_read(fd, &h) == 0 ? 0 : -1;
    if (fd >= 0)
        close(fd);
    if (rc == 0) {
        *offset = h.section[s].offset;
        *bytes = h.section[s].bytes;
        *name = sections[s].name;
    }
    return rc;
}

int snapshot_reseal(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct snap_header h;
    struct stat st;
    int rc = header_read(fd, &h) == 0 && fstat(fd, &st) == 0 ? 0 : -1;
    for (unsigned s = 0; s < S_COUNT && rc == 0; s++) {
        uint64_t off = h.section[s].offset, b = h.section[s].bytes;
        if (off > (uint64_t)st.st_size || b > (uint64_t)st.st_size - off)
            continue; /* a section outside the file: the header check rejects it anyway */
        void *p = xmalloc((size_t)b);
        rc = read_at(fd, p, (size_t)b, off);
        h.section[s].sum = sum_of(p, (size_t)b, s);
        free(p);
    }
    h.sum = sum_of(&h, offsetof(struct snap_header, sum), 0);
    if (rc == 0 && pwrite(fd, &h, sizeof h, 0) != (ssize_t)sizeof h)
        rc = -1;
    close(fd);
    return rc;
}
