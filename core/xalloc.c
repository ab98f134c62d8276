#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
 * million firms and ten million linkages 15% faster. Small tables stay in the heap. */
void *xcalloc_huge(size_t count, size_t size)
{
    const size_t huge = (size_t)2 << 20;
    if (size && count > ((size_t)-1) / size)
        xalloc_die("array too large");
    size_t bytes = count * size;
#ifdef MADV_HUGEPAGE
    if (bytes >= 2 * huge) {
        void *p = NULL;
        if (posix_memalign(&p, huge, bytes) != 0)
            xalloc_die("posix_memalign");
        madvise(p, bytes, MADV_HUGEPAGE); /* advice only: ignored where unsupported */
        memset(p, 0, bytes);
        return p;
    }
#endif
    return xcalloc(count, size);
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
