/* view_ego: owns the Ego map view: the chosen firm's ego network at depth 1 or 2,
 * laid out by core/layout and drawn with Braille lines (ASCII strokes without UTF-8),
 * the selection moved between nodes by direction, and its own back/forward history
 * of centres. */
#ifndef FIRMNET_VIEW_EGO_H
#define FIRMNET_VIEW_EGO_H
#include <stdint.h>
#include "app.h"

extern const struct view_ops ego_view_ops;
/* Shows the Ego map centred on firm (FIRM_NONE: keep the centre it has, or take the
 * Firms view's selected firm when it has none). */
void ego_view_show(struct app *a, uint32_t firm);

#endif
