/* view_firms: owns the Firms view: the firm list, the selected firm's details (with its
 * brokerage roles in the layer), its linkages within the layer, and the browser-like
 * history of visited firms. */
#ifndef FIRMNET_VIEW_FIRMS_H
#define FIRMNET_VIEW_FIRMS_H
#include <stdint.h>
#include "app.h"

extern const struct view_ops firms_view_ops;
/* Shows firm in the Firms view, pushing the current one on the back history; clears
 * the firm filter when it hides the firm. */
void firms_view_jump(struct app *a, uint32_t firm);
/* The firm selected in the firm list, or FIRM_NONE when the list is empty. */
uint32_t firms_view_current(struct app *a);
/* Opens the Firms view with the firm list filtered by text (filter.h syntax). */
void firms_view_filter(struct app *a, const char *text);
/* The firms the firm list shows as ds.firms.n + 1 flags (owned by the caller), or
 * NULL when no filter hides any (export_write's firm_sel). */
uint8_t *firms_view_selection(struct app *a);
/* Around a reload: remember the selection and history by firm id, then map them back. */
void firms_view_save_ids(struct app *a);
void firms_view_restore_ids(struct app *a);
#endif
