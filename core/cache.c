/* The cache's policy; the file format and its checks are core/snapshot.c's. */
#include "cache.h"
#include "text.h"
#include "xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CACHE_MIN_DEFAULT ((uint64_t)8 << 20)
/* The cache's total: a few snapshots of the largest datasets (509 MB at ten million
 * linkages) before the least recently used go. */
#define CACHE_MAX_DEFAULT ((uint64_t)4 << 30)

static int64_t ts_ns(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec; }

static void note(const struct cache_key *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(const struct cache_key *k, const char *fmt, ...)
{
    if (!k->verbose)
        return;
    char msg[SNAPSHOT_WHY_MAX + PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* paths come from the user and may hold anything a terminal would act on */
    struct textbuf tb = {0};
    fprintf(stderr, "firmnet: cache: %s\n", text_sanitize(&tb, msg, strlen(msg), TEXT_DISPLAY, 0));
    textbuf_free(&tb);
}

/* The i-th NUL-terminated string of the key text: 1 = firms.csv, 2 = linkages.csv. */
static const char *key_part(const struct cache_key *k, unsigned i)
{
    const char *p = k->snap.text;
    while (i--)
        p += strlen(p) + 1;
    return p;
}

static const char *csv_name(unsigned i) { return i == 0 ? "firms.csv" : "linkages.csv"; }

/* ---- where, and whether ---- */

/* 0 off, 1 on, 2 on with notes on stderr */
static int cache_mode(void)
{
    const char *v = getenv("FIRMNET_CACHE");
    if (!v || !*v)
        return 1;
    if (!strcasecmp(v, "verbose"))
        return 2;
    if (!strcmp(v, "0") || !strcasecmp(v, "off") || !strcasecmp(v, "no") || !strcasecmp(v, "false"))
        return 0;
    return 1;
}

/* A byte count from the environment, or dflt when unset or not a number. */
static uint64_t env_bytes(const char *name, uint64_t dflt)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return dflt;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    return errno || *end || *v == '-' ? dflt : (uint64_t)n;
}

static uint64_t cache_min_bytes(void) { return env_bytes("FIRMNET_CACHE_MIN", CACHE_MIN_DEFAULT); }

struct cache_entry {
    char name[256];
    int64_t mtime_ns; /* when last written or read: a read touches it */
    uint64_t size;
};

static int entry_older(const void *a, const void *b)
{
    const struct cache_entry *x = a, *y = b;
    return x->mtime_ns < y->mtime_ns ? -1 : x->mtime_ns > y->mtime_ns;
}

/* Keeps the snapshots in dir under FIRMNET_CACHE_MAX bytes in all, removing the least
 * recently used first; never the one just written (k's), which may alone be larger.
 * Only this user's regular *.snapshot files count: nothing else in the directory is
 * touched. */
static void cache_prune(const struct cache_key *k, const char *dir)
{
    uint64_t max = env_bytes("FIRMNET_CACHE_MAX", CACHE_MAX_DEFAULT);
    DIR *d = opendir(dir);
    if (!d)
        return;
    const char *mine = strrchr(k->path, '/') ? strrchr(k->path, '/') + 1 : k->path;
    struct cache_entry *v = NULL;
    size_t n = 0, cap = 0;
    uint64_t total = 0;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        struct stat st;
        if (len <= 9 || len >= sizeof v->name || strcmp(e->d_name + len - 9, ".snapshot") != 0 ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != geteuid())
            continue;
        v = xgrow(v, &cap, n + 1, sizeof *v);
        memcpy(v[n].name, e->d_name, len + 1);
        v[n].mtime_ns = ts_ns(&st.st_mtim);
        v[n].size = (uint64_t)st.st_size;
        total += v[n].size;
        n++;
    }
    if (total > max && n > 1) {
        qsort(v, n, sizeof *v, entry_older);
        for (size_t i = 0; i < n && total > max; i++) {
            if (strcmp(v[i].name, mine) == 0 || unlinkat(dirfd(d), v[i].name, 0) != 0)
                continue;
            total -= v[i].size;
            note(k, "removed %s/%s: the cache held more than %llu bytes (FIRMNET_CACHE_MAX)", dir, v[i].name,
                 (unsigned long long)max);
        }
    }
    free(v);
    closedir(d);
}

/* $FIRMNET_CACHE_DIR, else $XDG_CACHE_HOME/firmnet (an absolute one: the XDG rules say
 * to ignore a relative one), else $HOME/.cache/firmnet. */
static int cache_dir(char *buf, size_t n)
{
    const char *v = getenv("FIRMNET_CACHE_DIR");
    int k;
    if (v && *v)
        k = snprintf(buf, n, "%s", v);
    else if ((v = getenv("XDG_CACHE_HOME")) && v[0] == '/')
        k = snprintf(buf, n, "%s/firmnet", v);
    else if ((v = getenv("HOME")) && *v)
        k = snprintf(buf, n, "%s/.cache/firmnet", v);
    else
        return -1;
    return k > 0 && (size_t)k < n ? 0 : -1;
}

/* mkdir -p, private: a snapshot holds the whole dataset. */
static int make_dirs(const char *dir)
{
    char p[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof p)
        return -1;
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            return -1;
        p[i] = c;
    }
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static uint64_t fnv64(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
    return h;
}

static int append_text(struct cache_key *k, const char *s)
{
    struct snapshot_key *sk = &k->snap;
    size_t n = strlen(s) + 1;
    if (sk->text_len + n > sizeof sk->text)
        return -1;
    memcpy(sk->text + sk->text_len, s, n);
    sk->text_len += n;
    return 0;
}

int cache_key_make(struct cache_key *k, const char *firms_path, const char *links_path, const char *encoding,
                   char delimiter, const char *settings, uint32_t keep, int quiet)
{
    memset(k, 0, sizeof *k);
    int mode = cache_mode();
    if (mode == 0)
        return -1;
    k->verbose = mode == 2 && !quiet;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    k->started_ns = ts_ns(&now);
    const char *paths[2] = {firms_path, links_path};
    char real[2][PATH_MAX];
    uint64_t total = 0;
    for (unsigned i = 0; i < 2; i++) {
        struct stat st;
        /* anything odd is left to the CSV reader, which says what is wrong */
        if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode) || !realpath(paths[i], real[i]))
            return -1;
        snapshot_stamp_take(&k->snap.stamp[i], &st);
        total += k->snap.stamp[i].size;
    }
    uint64_t min = cache_min_bytes();
    if (total < min) {
        note(k, "not used: the files hold %llu bytes, fewer than %llu (FIRMNET_CACHE_MIN)",
             (unsigned long long)total, (unsigned long long)min);
        return -1;
    }
    char opts[96];
    snprintf(opts, sizeof opts, "encoding=%.64s", encoding ? encoding : "");
    int bad = append_text(k, "firmnet snapshot") || append_text(k, real[0]) || append_text(k, real[1]) ||
              append_text(k, opts);
    snprintf(opts, sizeof opts, "delimiter=%d", delimiter ? (unsigned char)delimiter : ',');
    bad = bad || append_text(k, opts);
    snprintf(opts, sizeof opts, "settings=%.64s", settings ? settings : "");
    bad = bad || append_text(k, opts);
    snprintf(opts, sizeof opts, "keep=%u", (unsigned)keep);
    bad = bad || append_text(k, opts);
    if (encoding && strlen(encoding) > 64)
        bad = bad || append_text(k, encoding); /* kept whole, beyond the readable prefix */
    if (bad) {
        note(k, "not used: the dataset's paths are too long");
        return -1;
    }
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir) != 0) {
        note(k, "not used: no cache directory (set FIRMNET_CACHE_DIR, XDG_CACHE_HOME or HOME)");
        return -1;
    }
    /* the folder's name, for a person looking into the cache, then the key's hash */
    char label[33];
    const char *slash = strrchr(real[0], '/');
    const char *end = slash ? slash : real[0], *start = end;
    while (start > real[0] && start[-1] != '/')
        start--;
    size_t n = 0;
    for (const char *c = start; c < end && n < sizeof label - 1; c++)
        label[n++] = (char)((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                                    *c == '-' || *c == '_' || *c == '.'
                                ? *c
                                : '_');
    label[n] = '\0';
    if (label[0] == '.')
        label[0] = '_'; /* no hidden snapshots: hidden names are for files being written */
    int w = snprintf(k->path, sizeof k->path, "%s/%s%s%016llx.snapshot", dir, label, n ? "-" : "",
                     (unsigned long long)fnv64(k->snap.text, k->snap.text_len));
    if (w <= 0 || (size_t)w >= sizeof k->path) {
        note(k, "not used: the cache directory's name is too long");
        return -1;
    }
    return 0;
}

void cache_write(const struct cache_key *k, const struct dataset *ds, const struct diag *dg)
{
    if (!k->path[0])
        return;
    int whole_seconds = 1;
    for (unsigned i = 0; i < 2; i++) {
        struct stat st;
        struct snapshot_stamp now;
        if (stat(key_part(k, i + 1), &st) != 0) {
            note(k, "not written: %s is gone", csv_name(i));
            return;
        }
        snapshot_stamp_take(&now, &st);
        if (!snapshot_stamp_equal(&now, &k->snap.stamp[i])) {
            note(k, "not written: %s changed while it was read", csv_name(i));
            return;
        }
        whole_seconds &= k->snap.stamp[i].mtime_ns % 1000000000 == 0 && k->snap.stamp[i].ctime_ns % 1000000000 == 0;
    }
    /* Racy stamps: a change made within the same tick of the file system's clock as the
     * one the stamps record would leave them as they are. A file whose last change is
     * older than a few ticks when the load began cannot be caught so: any later change
     * stamps a later time. Whole-second stamps mean a coarse file system (FAT, ext3). */
    int64_t margin = whole_seconds ? INT64_C(2000000000) : INT64_C(50000000);
    for (unsigned i = 0; i < 2; i++) {
        const struct snapshot_stamp *st = &k->snap.stamp[i];
        int64_t last = st->ctime_ns > st->mtime_ns ? st->ctime_ns : st->mtime_ns;
        if (k->started_ns - last < margin) {
            note(k, "not written: %s changed %lld ms before it was read, too recently to tell a later change",
                 csv_name(i), (long long)((k->started_ns - last) / 1000000));
            return;
        }
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", k->path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = '\0';
    char why[SNAPSHOT_WHY_MAX];
    if (slash && make_dirs(dir) != 0) {
        note(k, "not written: cannot create %s: %s", dir, strerror(errno));
        return;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (snapshot_save(k->path, &k->snap, ds, dg, why) != 0) {
        note(k, "not written: %s", why);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct stat st;
    note(k, "wrote %s (%.1f MB in %.0f ms)", k->path, stat(k->path, &st) == 0 ? (double)st.st_size / 1e6 : 0.0,
         (double)(ts_ns(&t1) - ts_ns(&t0)) / 1e6);
    if (slash)
        cache_prune(k, dir);
}

int cache_read(const struct cache_key *k, struct dataset *ds, struct diag *dg, struct graph *g)
{
    return cache_read_p(k, ds, dg, g, NULL);
}

int cache_read_p(const struct cache_key *k, struct dataset *ds, struct diag *dg, struct graph *g,
                 const struct snapshot_progress *sp)
{
    if (!k->path[0])
        return -1;
    char why[SNAPSHOT_WHY_MAX];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (snapshot_load_p(k->path, &k->snap, ds, dg, g, why, sp) != 0) {
        note(k, "%s: %s; reading the CSV files", k->path, why);
        return -1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* the time of last use, for cache_prune: a failure only makes it look older */
    (void)utimensat(AT_FDCWD, k->path, NULL, AT_SYMLINK_NOFOLLOW);
    note(k, "read %s from %s in %.0f ms", ds->dir ? ds->dir : "the dataset", k->path,
         (double)(ts_ns(&t1) - ts_ns(&t0)) / 1e6);
    return 0;
}
