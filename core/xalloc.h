/* xalloc: allocation that never returns NULL; on exhaustion it runs the front end's
 * fatal hook (which restores the terminal) and exits with status 3. */
#ifndef FIRMNET_XALLOC_H
#define FIRMNET_XALLOC_H
#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of elem-sized items so that it holds at least need items. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
/* xcalloc for a big table read at random (a hash index): in transparent huge pages
 * where the kernel has them, so that lookups do not also miss the TLB. Freed with free(). */
void *xcalloc_huge(size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formats into small (cap bytes), or into a new buffer when the text does not fit, so
 * that a message of any length costs no allocation in the common case. Returns the
 * buffer used (the caller frees it when it is not small) and its length in *len; an
 * encoding error gives "" and 0. */
char *xvformat(char *small, size_t cap, size_t *len, const char *fmt, va_list ap);
/* The allocator's settings for a program that loads datasets, called first thing in
 * main: blocks of 128 KiB and more come from mmap at that fixed threshold, so what a
 * load frees goes back to the system at once and a growing array is remapped, never
 * copied. glibc otherwise raises its threshold each time such a block is freed (up to
 * 32 MiB), and the blocks after it stay in the heap: M's load peaked 2 MiB higher. */
void xalloc_tune(void);
/* The TUI installs a hook that ends curses mode before the message is printed. */
void xalloc_set_fatal_hook(void (*hook)(void));
_Noreturn void xalloc_die(const char *what);

#endif
