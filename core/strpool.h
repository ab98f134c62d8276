/* strpool: owns every string of a dataset in one growing byte arena, referenced by
 * 32-bit offsets, with optional interning so equal strings share one offset. */
#ifndef FIRMNET_STRPOOL_H
#define FIRMNET_STRPOOL_H
#include <stddef.h>
#include <stdint.h>

/* Offset 0 is always the empty string, so a zeroed column means "not given". */
typedef uint32_t strref;

#define STRPOOL_INLINE 16 /* bytes of an interned string kept in its slot */

struct strpool {
    char *buf;          /* owned; strings are NUL-terminated inside it */
    size_t len, cap;
    /* intern table: open addressing, the hash kept in the slot so most probes
     * never touch the arena, and the string's first STRPOOL_INLINE bytes
     * (NUL-padded) so that a hit on a short string never does either */
    struct strpool_slot { uint32_t hash; strref ref; char key[STRPOOL_INLINE]; } *slots;
    size_t nslots, nused;
};

void strpool_init(struct strpool *p);
void strpool_free(struct strpool *p);
/* Appends a copy of s[0..n) and returns its offset; never deduplicates. */
strref strpool_add(struct strpool *p, const char *s, size_t n);
/* The same at an even offset, so that an owner may tell its offsets from odd values
 * of its own (core/dataset's ids kept in their index slot). */
strref strpool_add_even(struct strpool *p, const char *s, size_t n);
/* Returns the offset of an equal string already interned, or adds and interns it. */
strref strpool_intern(struct strpool *p, const char *s, size_t n);
/* Interns the string already in the pool at r: returns the offset of an equal string
 * interned before, or r, interned from now on. */
strref strpool_intern_ref(struct strpool *p, strref r);
/* A pool of the len bytes at buf (from malloc, taken over; a NUL first and last), as
 * a snapshot of one holds them: the strings are all there but none is interned yet,
 * so strpool_intern would not find them until its owner interns them again with
 * strpool_intern_ref (core/dataset does before it adds anything). */
struct strpool strpool_wrap(char *buf, size_t len);
/* Ends interning for now: frees the intern table and gives back the arena's spare
 * room, which leaves the pool as strpool_wrap makes one (to be interned again with
 * strpool_intern_ref before anything is added; dataset_seal arranges that). */
void strpool_seal(struct strpool *p);
static inline const char *strpool_get(const struct strpool *p, strref r) { return p->buf + r; }
uint32_t strpool_hash(const char *s, size_t n);

#endif
