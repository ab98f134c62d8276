#include "strpool.h"
#include "xalloc.h"
#include <stdint.h>
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

struct strpool strpool_wrap(char *buf, size_t len)
{
    struct strpool p;
    memset(&p, 0, sizeof p);
    p.buf = buf;
    p.len = p.cap = len;
    return p;
}

void strpool_seal(struct strpool *p)
{
    free(p->slots);
    p->slots = NULL;
    p->nslots = p->nused = 0;
    if (p->buf && p->cap > p->len) {
        p->buf = xrealloc(p->buf, p->len);
        p->cap = p->len;
    }
}

/* The copy starts at an even offset when even is set (a NUL of padding before it). */
static strref pool_append(struct strpool *p, const char *s, size_t n, int even)
{
    if (n == 0)
        return 0;
    size_t pad = even ? (p->len & 1) : 0;
    if (p->len + pad + n + 1 > UINT32_MAX)
        xalloc_die("string pool exceeds 4 GiB");
    if (p->len + pad + n + 1 > p->cap) {
        /* s may point into the pool itself (a copy of a stored string): the
         * realloc below can move it, so find it again by its offset */
        uintptr_t from = (uintptr_t)p->buf, at = (uintptr_t)s - from;
        int inside = p->buf && (uintptr_t)s >= from && at < p->len;
        size_t c = p->cap < 64 ? 64 : p->cap; /* a sealed pool can be exactly full */
        while (c < p->len + pad + n + 1)
            c *= 2;
        p->buf = xrealloc(p->buf, c);
        p->cap = c;
        if (inside)
            s = p->buf + at;
    }
    if (pad)
        p->buf[p->len++] = '\0';
    strref r = (strref)p->len;
    memcpy(p->buf + p->len, s, n);
    p->buf[p->len + n] = '\0';
    p->len += n + 1;
    return r;
}

strref strpool_add(struct strpool *p, const char *s, size_t n) { return pool_append(p, s, n, 0); }

strref strpool_add_even(struct strpool *p, const char *s, size_t n) { return pool_append(p, s, n, 1); }

/* Eight bytes a step (xor, multiply, shift) rather than FNV's one: ids and codes are
 * 10 to 30 bytes and the loader hashes tens of millions of them. The final mix spreads
 * every input bit into the low bits the tables index with. Values are never stored
 * outside a running process, so they may differ between platforms. */
uint32_t strpool_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, s + i, n - i);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    h *= 0x94D049BB133111EBull;
    h ^= h >> 32;
    uint32_t r = (uint32_t)h;
    return r ? r : 1; /* 0 marks an empty slot */
}

static void intern_rehash(struct strpool *p)
{
    size_t n = p->nslots ? p->nslots * 2 : 1024;
    struct strpool_slot *s = xcalloc_huge(n, sizeof *s);
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

/* The slot of the interned string equal to s[0..n), or the empty slot where it goes;
 * the table has room for one more. Strings may hold NUL bytes only where the caller
 * allows it; a string shorter than STRPOOL_INLINE with equal padded key and equal
 * length is equal, since the pool's copy ends at its first NUL (strpool_get) just as
 * the comparison below assumed. */
static size_t intern_probe(struct strpool *p, const char *s, size_t n, uint32_t h, char key[STRPOOL_INLINE])
{
    if ((p->nused + 1) * 4 > p->nslots * 3)
        intern_rehash(p);
    size_t k = n < STRPOOL_INLINE ? n : STRPOOL_INLINE;
    memset(key, 0, STRPOOL_INLINE);
    memcpy(key, s, k);
    int inline_only = n < STRPOOL_INLINE && !memchr(s, '\0', n);
    size_t mask = p->nslots - 1, j = h & mask;
    while (p->slots[j].hash) {
        if (p->slots[j].hash == h && memcmp(p->slots[j].key, key, STRPOOL_INLINE) == 0) {
            if (inline_only)
                return j;
            const char *t = p->buf + p->slots[j].ref;
            if (strncmp(t, s, n) == 0 && t[n] == '\0')
                return j;
        }
        j = (j + 1) & mask;
    }
    return j;
}

static void intern_place(struct strpool *p, size_t j, uint32_t h, strref r, const char key[STRPOOL_INLINE])
{
    p->slots[j].hash = h;
    p->slots[j].ref = r;
    memcpy(p->slots[j].key, key, STRPOOL_INLINE);
    p->nused++;
}

strref strpool_intern(struct strpool *p, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    uint32_t h = strpool_hash(s, n);
    char key[STRPOOL_INLINE];
    size_t j = intern_probe(p, s, n, h, key);
    if (p->slots[j].hash)
        return p->slots[j].ref;
    strref r = strpool_add(p, s, n);
    intern_place(p, j, h, r, key);
    return r;
}

strref strpool_intern_ref(struct strpool *p, strref r)
{
    const char *s = p->buf + r;
    size_t n = strlen(s);
    if (n == 0)
        return 0;
    uint32_t h = strpool_hash(s, n);
    char key[STRPOOL_INLINE];
    size_t j = intern_probe(p, s, n, h, key);
    if (p->slots[j].hash)
        return p->slots[j].ref;
    intern_place(p, j, h, r, key);
    return r;
}
