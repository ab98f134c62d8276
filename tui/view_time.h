/* view_time: owns the Time view: the layer year by year (core/timeline) as
 * sparklines for the whole cluster and one per industry, a year cursor with that
 * year's numbers, and the ties gained and lost between a marked year and the cursor. */
#ifndef FIRMNET_VIEW_TIME_H
#define FIRMNET_VIEW_TIME_H
#include "app.h"

extern const struct view_ops time_view_ops;

#endif
