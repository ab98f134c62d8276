/* order: owns the Firms view's sort orders, each a permutation of every firm index:
 * by name and by id (real sorts, run on the worker with progress and cancel), and by
 * degree and by industry (derived from the name order by one counting pass each, fast
 * enough for a key press at a million firms). Ties fall back to the name, then the
 * firm index, so every order is total and the same on every run. */
#ifndef FIRMNET_ORDER_H
#define FIRMNET_ORDER_H
#include <stdint.h>
#include "dataset.h"
#include "progress.h"

/* Fills perm (ds->firms.n entries): names in byte order. Returns 0, or -1 when p was
 * cancelled (perm then holds no order). */
int order_by_name(uint32_t *perm, const struct dataset *ds, struct progress *p);
/* Ids with digit runs compared as numbers (F2 before F10), then names. */
int order_by_id(uint32_t *perm, const struct dataset *ds, struct progress *p);
/* Highest degree first, equal degrees in by_name's order. */
void order_by_degree(uint32_t *perm, const uint32_t *by_name, const uint32_t *degree, uint32_t n);
/* Industry names in byte order, each industry's firms in by_name's order. */
void order_by_industry(uint32_t *perm, const uint32_t *by_name, const struct dataset *ds);
/* rank[f] (ds->firms.n entries): how many distinct names come before firm f's in
 * by_name (order_by_name's), so equal names have equal ranks and comparing two ranks
 * is comparing the names with strcmp. Returns 0, or -1 when p was cancelled. */
int order_name_ranks(uint32_t *rank, const uint32_t *by_name, const struct dataset *ds, struct progress *p);
/* Digit runs compare as numbers; otherwise bytes. */
int order_natural_cmp(const char *x, const char *y);

#endif
