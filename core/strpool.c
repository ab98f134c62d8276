#include "strpool.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

void strpool_init(struct strpool *p)
{
    memset(p, 0, sizeof *p);
    p->cap = 4096;
    p->buf = xmalloc(p->cap);
    p->buf[0] = '\0';
    p->len = 1;
}

void strpool_free(struct strpool *p)
{
    free(p->buf);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

strref strpool_add(struct strpool *p, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (p->len + n + 1 > UINT32_MAX)
        xalloc_die("string pool exceeds 4 GiB");
    if (p->len + n + 1 > p->cap) {
        size_t c = p->cap;
        while (c < p->len + n + 1)
            c *= 2;
        p->buf = xrealloc(p->buf, c);
        p->cap = c;
    }
    strref r = (strref)p->len;
    memcpy(p->buf + p->len, s, n);
    p->buf[p->len + n] = '\0';
    p->len += n + 1;
    return r;
}

/* FNV-1a: short keys, good enough spread, no table of constants. */
uint32_t strpool_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1; /* 0 marks an empty slot */
}

static void intern_rehash(struct strpool *p)
{
    size_t n = p->nslots ? p->nslots * 2 : 1024;
    struct strpool_slot *s = xcalloc(n, sizeof *s);
    for (size_t i = 0; i < p->nslots; i++) {
        if (!p->slots[i].hash)
            continue;
        size_t j = p->slots[i].hash & (n - 1);
        while (s[j].hash)
            j = (j + 1) & (n - 1);
        s[j] = p->slots[i];
    }
    free(p->slots);
    p->slots = s;
    p->nslots = n;
}

strref strpool_intern(struct strpool *p, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if ((p->nused + 1) * 4 > p->nslots * 3)
        intern_rehash(p);
    uint32_t h = strpool_hash(s, n);
    size_t mask = p->nslots - 1, j = h & mask;
    while (p->slots[j].hash) {
        if (p->slots[j].hash == h) {
            const char *t = p->buf + p->slots[j].ref;
            if (strncmp(t, s, n) == 0 && t[n] == '\0')
                return p->slots[j].ref;
        }
        j = (j + 1) & mask;
    }
    strref r = strpool_add(p, s, n);
    p->slots[j].hash = h;
    p->slots[j].ref = r;
    p->nused++;
    return r;
}
