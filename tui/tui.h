/* tui: owns the interactive ncurses explorer's entry point. */
#ifndef FIRMNET_TUI_H
#define FIRMNET_TUI_H
#include "load.h"
#include "graph.h"

/* Loads dataset_dir itself (so R can reload through the same code), runs the explorer
 * and returns the process exit status: 0 on q, 2 when the dataset cannot be loaded
 * (the findings then go to stderr as "FILE:LINE: error: message [code]").
 * FIRMNET_TUI_SCRIPT=FILE in the environment feeds key presses from FILE and draws to
 * /dev/null (headless mode, see docs/tui.md). lo and layer are borrowed. */
int tui_main(const char *dataset_dir, const struct load_options *lo, const struct layer_spec *layer);

#endif
