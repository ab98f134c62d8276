/* view_problems: owns the Problems view (the findings of loading and checking). */
#ifndef FIRMNET_VIEW_PROBLEMS_H
#define FIRMNET_VIEW_PROBLEMS_H
#include "app.h"
extern const struct view_ops problems_view_ops;
#endif
