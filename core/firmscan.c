#include "firmscan.h"
#include "thread.h"
#include "xalloc.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Work is handed out in blocks: a scan call covers one block of text (so a pattern
 * that hits PCRE2's limits over a long text is retried string by string over one
 * block only), and the threads take the next block as they finish one, so none
 * idles while another has a dense stretch of matches. */
#define SCAN_BLOCK_BYTES ((size_t)64 * 1024)
#define TEST_BLOCK_FIRMS 2048u
/* Below these a pass takes well under a millisecond: threads would cost more. */
#define THREADS_MIN_BYTES ((size_t)1 << 20)
#define THREADS_MIN_FIRMS 16384u
#define THREADS_MAX 16u

/* A string the scan cannot stand for: a newline character (for the per-string
 * pattern, whose newline is LF by default and any of these under (*ANY)), or
 * invalid UTF-8 (whose bad bytes split the string into fragments with rules of
 * their own for ^ and $: tested by itself rather than reasoned about). One pass that
 * validates as text_utf8_valid does and looks for newlines on the way: the text of
 * every firm goes through here. */
static int string_odd(const unsigned char *s, size_t n)
{
    size_t i = 0;
    /* printable ASCII eight bytes at a time: no byte >= 0x80 and none < 0x20 */
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if ((x | ((x - 0x2020202020202020ull) & ~x)) & 0x8080808080808080ull)
            break;
    }
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c >= 0x0a && c <= 0x0d)
                return 1;
            i++;
        } else if (c >= 0xc2 && c <= 0xdf) {
            if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80 || (c == 0xc2 && s[i + 1] == 0x85))
                return 1; /* NEL */
            i += 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            if (i + 2 >= n || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80 ||
                (c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] >= 0xa0) ||
                (c == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)))
                return 1; /* overlong, surrogate, LS, PS */
            i += 3;
        } else if (c >= 0xf0 && c <= 0xf4) {
            if (i + 3 >= n || (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80 ||
                (s[i + 3] & 0xc0) != 0x80 || (c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90))
                return 1; /* overlong, beyond U+10FFFF */
            i += 4;
        } else {
            return 1;
        }
    }
    return 0;
}

/* One share of the build, on its own thread: firms [a, b). */
struct build_part {
    const struct dataset *ds;
    struct firmscan *fs;
    uint32_t a, b;
    int copy;      /* 0: measure each firm into start[v + 1]; 1: copy the strings */
};

#define BUILD_ODD UINT32_MAX /* start[v + 1] of an odd firm while measuring */
#define BUILD_THREADS_MIN_FIRMS 65536u

static void *build_run(void *arg)
{
    struct build_part *bp = arg;
    const struct dataset *ds = bp->ds;
    struct firmscan *fs = bp->fs;
    for (uint32_t v = bp->a; v < bp->b; v++) {
        if (bp->copy && fs->start[v] == fs->start[v + 1])
            continue;
        const char *const text[3] = {dataset_firm_id(ds, v), dataset_str(ds, ds->firms.name[v]),
                                      dataset_str(ds, ds->firms.alias[v])};
        char *p = bp->copy ? fs->text + fs->start[v] : NULL;
        uint32_t size = 0;
        for (int k = 0; k < 3; k++) {
            const char *s = text[k];
            size_t len = strlen(s);
            if (k == 2 && !len)
                continue; /* an empty alias is not searched */
            if (p) {
                memcpy(p, s, len + 1); /* its NUL starts the separator */
                memcpy(p + len + 1, &FIRMSCAN_SEP[1], FIRMSCAN_SEP_LEN - 1);
                p += len + FIRMSCAN_SEP_LEN;
            } else if (size == BUILD_ODD || string_odd((const unsigned char *)s, len)) {
                size = BUILD_ODD;
            } else {
                size += (uint32_t)(len + FIRMSCAN_SEP_LEN); /* pool strings are < 4 GiB together */
            }
        }
        if (!bp->copy)
            fs->start[v + 1] = size;
    }
    return NULL;
}

/* Runs the parts, all but the first on threads of their own. */
static void build_parts(struct build_part *parts, unsigned np, int copy)
{
    for (unsigned t = 0; t < np; t++)
        parts[t].copy = copy;
    thread_run(build_run, parts, sizeof *parts, np);
}

static unsigned threads_online(void);

int firmscan_build(struct firmscan *fs, const struct dataset *ds)
{
    memset(fs, 0, sizeof fs[0]);
    uint32_t n = ds->firms.n;
    fs->start = xmalloc(((size_t)n + 1) * sizeof fs->start[0]);
    fs->start[0] = 0;
    unsigned np = n >= BUILD_THREADS_MIN_FIRMS ? threads_online() : 1;
    struct build_part parts[THREADS_MAX];
    for (unsigned t = 0; t < np; t++)
        parts[t] = (struct build_part){.ds = ds, .fs = fs, .a = (uint32_t)((uint64_t)n * t / np),
                                       .b = (uint32_t)((uint64_t)n * (t + 1) / np)};
    /* first each firm's size, then the offsets, then the copy */
    build_parts(parts, np, 0);
    uint64_t total = 0;
    size_t cap_odd = 0;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t size = fs->start[v + 1];
        if (size == BUILD_ODD) {
            fs->odd = xgrow(fs->odd, &cap_odd, (size_t)fs->n_odd + 1, sizeof fs->odd[0]);
            fs->odd[fs->n_odd++] = v;
            size = 0;
        }
        total += size;
        if (total > UINT32_MAX) {
            firmscan_free(fs);
            return -1;
        }
        fs->start[v + 1] = (uint32_t)total;
    }
    fs->text = xmalloc(total ? (size_t)total : 1);
    fs->len = (size_t)total;
    build_parts(parts, np, 1);
    fs->n = n;
    return 0;
}

void firmscan_free(struct firmscan *fs)
{
    free(fs->text);
    free(fs->start);
    free(fs->odd);
    memset(fs, 0, sizeof fs[0]);
}

/* ---- the pass ---- */

enum pass_mode { MODE_SCAN, MODE_TEST, MODE_MEMO };

struct pass_shared {
    const struct firmscan *fs;
    const struct dataset *ds;
    uint8_t *pass;
    enum pass_mode mode;
    int n_scan;               /* MODE_SCAN: scans per block (match_scan_prepare) */
    const signed char *memo;  /* MODE_MEMO: result per key */
    uint32_t n_blocks;
    atomic_uint next_block;
    atomic_uint first_bad;     /* lowest firm with a negative result so far, or UINT32_MAX */
    atomic_int abandoned;
};

struct pass_worker {
    struct pass_shared *sh;
    struct firm_filter f;      /* the filter's field, and this thread's matcher */
    uint32_t bad;              /* the first firm with a negative result this worker saw */
    enum match_result bad_r;
    int (*stop)(void *ctx);    /* only on the calling thread */
    void *stop_ctx;
};

/* Records a negative result for firm v; returns 1 so callers can stop the block. */
static int worker_fail(struct pass_worker *w, uint32_t v, enum match_result r)
{
    if (v < w->bad) {
        w->bad = v;
        w->bad_r = r;
    }
    unsigned cur = atomic_load(&w->sh->first_bad);
    while (v < cur && !atomic_compare_exchange_weak(&w->sh->first_bad, &cur, v))
        ;
    return 1;
}

/* Tests firms [a, b) one by one; returns 1 when one gave a negative result. */
static int test_range(struct pass_worker *w, uint32_t a, uint32_t b)
{
    for (uint32_t v = a; v < b; v++) {
        if (v % 64 == 0 && v > atomic_load_explicit(&w->sh->first_bad, memory_order_relaxed))
            return 1; /* another thread met a negative result before here */
        enum match_result r = filter_test_firm(&w->f, w->sh->ds, v);
        if (r < 0)
            return worker_fail(w, v, r);
        w->sh->pass[v] = r == MATCH_YES;
    }
    return 0;
}

/* The first firm of [a, b] whose strings start after byte x, minus one: the firm x
 * lies in (odd firms own no bytes, so they are never the answer). */
static uint32_t firm_at(const uint32_t *start, uint32_t a, uint32_t b, size_t x)
{
    while (a < b) {
        uint32_t mid = a + (b - a) / 2;
        if (start[mid] <= x)
            a = mid + 1;
        else
            b = mid;
    }
    return a - 1;
}

/* Scans firms [a, b) with each of the pattern's scans (one, or one per branch of a
 * plain alternation; see match_scan_prepare): every firm is NO but those a scan
 * match touches, which are YES when the match lies inside one of their strings and
 * tested by themselves otherwise. Odd firms are not in the text and are tested by
 * themselves. When a scan hits a limit, or a firm gives a negative result, the block
 * is tested again firm by firm, which gives the exact results and the first
 * negative one in firm order. */
static int scan_range(struct pass_worker *w, uint32_t a, uint32_t b)
{
    const struct firmscan *fs = w->sh->fs;
    uint8_t *pass = w->sh->pass;
    memset(pass + a, 0, b - a);
    size_t base = fs->start[a];
    const char *text = fs->text + base;
    /* the last separator is left out: $ then meets the end of the subject */
    size_t len = fs->start[b] > base ? fs->start[b] - base - FIRMSCAN_SEP_LEN : 0;
    for (int k = 0; len && k < w->sh->n_scan; k++) {
        size_t pos = 0;
        uint32_t next = a; /* the first firm the rest of the scan can touch */
        for (;;) {
            size_t ms, me;
            enum match_result r = match_scan_find(w->f.m, k, text, len, pos, &ms, &me);
            if (r == MATCH_NO)
                break;
            if (r != MATCH_YES)
                return test_range(w, a, b);
            uint32_t v = firm_at(fs->start, next, b, base + ms);
            if (text[ms] && !memchr(text + ms, '\0', me - ms)) {
                pass[v] = 1;
            } else if (!pass[v]) {
                r = filter_test_firm(&w->f, w->sh->ds, v);
                if (r < 0)
                    return test_range(w, a, b);
                pass[v] = r == MATCH_YES;
            }
            next = v + 1;
            pos = fs->start[next] - base;
            if (pos > len)
                break;
        }
    }
    /* every other firm of the block has its final result, so the first negative
     * result here is the block's first */
    uint32_t lo = 0, hi = fs->n_odd;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (fs->odd[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t i = lo; i < fs->n_odd && fs->odd[i] < b; i++)
        if (test_range(w, fs->odd[i], fs->odd[i] + 1))
            return 1;
    return 0;
}

static void memo_range(struct pass_worker *w, uint32_t a, uint32_t b)
{
    const struct pass_shared *sh = w->sh;
    const struct firm_table *t = &sh->ds->firms;
    int industry = w->f.field == FC_INDUSTRY;
    uint32_t n_ind = sh->ds->n_industries;
    for (uint32_t v = a; v < b; v++) {
        uint32_t key = industry ? (t->industry[v] < n_ind ? t->industry[v] : n_ind) : t->scale[v];
        signed char r = sh->memo[key];
        if (r < 0) {
            worker_fail(w, v, (enum match_result)r);
            return;
        }
        sh->pass[v] = r == MATCH_YES;
    }
}

static void block_range(const struct pass_shared *sh, uint32_t i, uint32_t *a, uint32_t *b)
{
    uint32_t n = sh->ds->firms.n;
    if (sh->mode != MODE_SCAN) {
        *a = i * TEST_BLOCK_FIRMS;
        *b = n - *a > TEST_BLOCK_FIRMS ? *a + TEST_BLOCK_FIRMS : n;
        return;
    }
    /* the firms whose strings start in bytes [i, i + 1) * SCAN_BLOCK_BYTES */
    const uint32_t *start = sh->fs->start;
    size_t x[2] = {(size_t)i * SCAN_BLOCK_BYTES, (size_t)(i + 1) * SCAN_BLOCK_BYTES};
    uint32_t r[2];
    for (int k = 0; k < 2; k++) {
        uint32_t lo = 0, hi = n;
        while (lo < hi) { /* the first firm starting at or after x[k] */
            uint32_t mid = lo + (hi - lo) / 2;
            if (start[mid] < x[k])
                lo = mid + 1;
            else
                hi = mid;
        }
        r[k] = lo;
    }
    *a = i == 0 ? 0 : r[0];
    *b = i + 1 >= sh->n_blocks ? n : r[1];
}

static void *worker_run(void *arg)
{
    struct pass_worker *w = arg;
    struct pass_shared *sh = w->sh;
    for (;;) {
        if (atomic_load(&sh->abandoned))
            break;
        if (w->stop && w->stop(w->stop_ctx)) {
            atomic_store(&sh->abandoned, 1);
            break;
        }
        uint32_t i = atomic_fetch_add(&sh->next_block, 1u);
        if (i >= sh->n_blocks)
            break;
        uint32_t a, b;
        block_range(sh, i, &a, &b);
        /* blocks are handed out in order: past a negative result nothing is needed */
        if (a > atomic_load(&sh->first_bad))
            break;
        if (a >= b)
            continue;
        if (sh->mode == MODE_SCAN)
            scan_range(w, a, b);
        else if (sh->mode == MODE_MEMO)
            memo_range(w, a, b);
        else
            test_range(w, a, b);
    }
    return NULL;
}

static unsigned threads_online(void)
{
    long k = sysconf(_SC_NPROCESSORS_ONLN);
    return k < 1 ? 1u : k > (long)THREADS_MAX ? THREADS_MAX : (unsigned)k;
}

/* An industry or scale filter: the result for each distinct value, tested once. */
static signed char *memo_build(struct firm_filter *f, const struct dataset *ds)
{
    int industry = f->field == FC_INDUSTRY;
    size_t n = industry ? (size_t)ds->n_industries + 1 : 256;
    signed char *memo = xmalloc(n);
    for (size_t k = 0; k < n; k++) {
        const char *s = industry ? (k < ds->n_industries ? dataset_str(ds, ds->industry_name[k]) : "")
                                 : vocab_scale_name((unsigned)k);
        memo[k] = (signed char)match_test(f->m, s, strlen(s));
    }
    return memo;
}

int firmscan_run(const struct firmscan *fs, struct firm_filter *f, const struct dataset *ds, uint8_t *pass,
                 unsigned threads, int (*stop)(void *ctx), void *stop_ctx, uint32_t *bad)
{
    uint32_t n = ds->firms.n;
    if (!n)
        return 0;
    struct pass_shared sh;
    memset(&sh, 0, sizeof sh);
    sh.ds = ds;
    sh.pass = pass;
    sh.mode = MODE_TEST;
    signed char *memo = NULL;
    int large; /* worth a thread per core */
    if (!f->m) {
        sh.mode = MODE_TEST; /* filter_test_firm says MATCH_FAILED for every firm */
    } else if (f->field == FILTER_DEFAULT && fs && fs->n == n && fs->text && (sh.n_scan = match_scan_prepare(f->m))) {
        sh.mode = MODE_SCAN;
        sh.fs = fs;
    } else if (f->field == FC_INDUSTRY || f->field == FC_SCALE) {
        memo = memo_build(f, ds);
        sh.memo = memo;
        sh.mode = MODE_MEMO;
    }
    if (sh.mode == MODE_SCAN) {
        sh.n_blocks = (uint32_t)((fs->len + SCAN_BLOCK_BYTES - 1) / SCAN_BLOCK_BYTES);
        if (!sh.n_blocks)
            sh.n_blocks = 1;
        large = fs->len >= THREADS_MIN_BYTES;
    } else {
        sh.n_blocks = (n + TEST_BLOCK_FIRMS - 1) / TEST_BLOCK_FIRMS;
        large = sh.mode == MODE_TEST && n >= THREADS_MIN_FIRMS;
    }
    atomic_init(&sh.next_block, 0u);
    atomic_init(&sh.first_bad, UINT32_MAX);
    atomic_init(&sh.abandoned, 0);
    unsigned nt = threads ? threads : large ? threads_online() : 1;
    if (nt > THREADS_MAX)
        nt = THREADS_MAX;
    if (nt > sh.n_blocks)
        nt = sh.n_blocks;
    struct pass_worker *w = xcalloc(nt, sizeof *w);
    for (unsigned t = 0; t < nt; t++) {
        w[t].sh = &sh;
        w[t].f.field = f->field;
        w[t].f.m = t == 0 || !f->m ? f->m : match_clone(f->m);
        w[t].bad = UINT32_MAX;
    }
    w[0].stop = stop;
    w[0].stop_ctx = stop_ctx;
    /* the blocks go to whichever worker asks first: one whose thread could not
     * start runs after w[0] and finds none left */
    thread_run(worker_run, w, sizeof *w, nt);
    int rc = 0;
    if (atomic_load(&sh.abandoned)) {
        rc = FIRMSCAN_STOPPED;
    } else {
        uint32_t first = UINT32_MAX;
        for (unsigned t = 0; t < nt; t++)
            if (w[t].bad < first) {
                first = w[t].bad;
                rc = w[t].bad_r;
            }
        if (first != UINT32_MAX && bad)
            *bad = first;
    }
    for (unsigned t = 1; t < nt; t++)
        match_free(w[t].f.m);
    free(w);
    free(memo);
    return rc;
}
