/* view_help: owns the help screen generated from actions.def. */
#ifndef FIRMNET_VIEW_HELP_H
#define FIRMNET_VIEW_HELP_H
#include "app.h"
extern const struct view_ops help_view_ops;
#endif
