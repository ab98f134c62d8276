/* view_industries: owns the Industries view (per-industry counts, type mix, scale shares). */
#ifndef FIRMNET_VIEW_INDUSTRIES_H
#define FIRMNET_VIEW_INDUSTRIES_H
#include "app.h"
extern const struct view_ops industries_view_ops;
#endif
