#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h> /* mallopt */
#endif

static void (*fatal_hook)(void);

void xalloc_set_fatal_hook(void (*hook)(void)) { fatal_hook = hook; }

_Noreturn void xalloc_die(const char *what)
{
    if (fatal_hook)
        fatal_hook();
    fprintf(stderr, "firmnet: out of memory (%s)\n", what);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        xalloc_die("malloc");
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        xalloc_die("calloc");
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        xalloc_die("realloc");
    return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > ((size_t)-1) / 2 / elem)
            xalloc_die("array too large");
        c *= 2;
    }
    p = xrealloc(p, c * elem);
    *cap = c;
    return p;
}

/* With 4 KiB pages a random lookup in an index of tens of megabytes nearly always
 * missed the TLB as well as the cache: the id index in huge pages made loading a
 * million firms and ten million linkages 15% faster. Small tables stay in the heap.
 * The memory comes from calloc, which leaves a fresh mapping as the kernel zeroed it
 * (posix_memalign and memset, before, zeroed 36 MB twice at L: 21 ms against 9 to 13),
 * and is faulted in by one call, not a page fault at a time: a table written at
 * random has no page present before, so the prefetches ahead of the writes were
 * dropped and every write faulted (M's id index, 3.6 MB: 8 ms to build, 6 with this).
 * Huge pages cover the 2 MiB blocks inside the table (calloc does not align to them:
 * 32 of the 36 MB at L). */
#define HUGE_TABLE_MIN ((size_t)4 << 20)
#define POPULATE_MIN ((size_t)256 << 10)

void *xcalloc_huge(size_t count, size_t size)
{
    if (size && count > ((size_t)-1) / size)
        xalloc_die("array too large");
    size_t bytes = count * size;
    void *p = xcalloc(count, size);
    if (bytes < POPULATE_MIN)
        return p;
    static long page;
    if (!page)
        page = sysconf(_SC_PAGESIZE) > 0 ? sysconf(_SC_PAGESIZE) : 4096;
    uintptr_t lo = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t hi = ((uintptr_t)p + bytes) & ~((uintptr_t)page - 1);
    if (hi <= lo)
        return p;
    /* advice only: ignored where unsupported */
#ifdef MADV_HUGEPAGE
    if (bytes >= HUGE_TABLE_MIN)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
    (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#endif
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xvformat(char *small, size_t cap, size_t *len, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, cap, fmt, ap);
    char *msg = small;
    if (n < 0) {
        n = 0;
        small[0] = '\0';
    } else if ((size_t)n >= cap) {
        msg = xmalloc((size_t)n + 1);
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    *len = (size_t)n;
    return msg;
}

void xalloc_tune(void)
{
#ifdef M_MMAP_THRESHOLD
    /* setting it at all turns glibc's moving threshold off (and fixes the trim
     * threshold, which follows it, at its default) */
    (void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}
