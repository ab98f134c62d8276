/* view_pager: owns the pager, a view that shows one long text (a row of a list in
 * full: every field of a firm, a linkage or a finding) wrapped to the width, to
 * scroll and search; q, Esc, Backspace or Enter go back to the view it came from. */
#ifndef FIRMNET_VIEW_PAGER_H
#define FIRMNET_VIEW_PAGER_H
#include "app.h"
extern const struct view_ops pager_view_ops;
/* Shows text (copied; '\n' separates paragraphs, and "LABEL\tVALUE" lines are laid
 * out in two columns) under title, with the cursor on paragraph at (from 0). */
void pager_show(struct app *a, const char *title, const char *text, unsigned at);
#endif
