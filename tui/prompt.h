/* prompt: owns the explorer's message-line prompts: search (/), filter (&), jump to
 * a firm (:), export (x) and the yes/no questions; what each does while it is typed
 * and when it is accepted or cancelled, and how the line is drawn with its cursor.
 * The text and its editing are lineedit's; the state lives in struct app. */
#ifndef FIRMNET_PROMPT_H
#define FIRMNET_PROMPT_H
#include "app.h"

/* Opens a prompt of kind (not PROMPT_CONFIRM). The filter prompt starts with the
 * filter in force, to edit; the others empty. */
void prompt_open(struct app *a, enum prompt_kind kind);
/* Asks question (y or n) in the message line; y runs what, with arg (copied). */
void prompt_ask(struct app *a, enum confirm_kind what, const char *question, const char *arg);
void prompt_key(struct app *a, int key);
/* Re-runs the search or filter for the text as it stands (after a pass was cut). */
void prompt_update(struct app *a);
/* Esc, Ctrl-C: closes the prompt only; a search or filter goes back to what it was
 * before the prompt opened. */
void prompt_cancel(struct app *a);
/* Draws the prompt line into a->w_msg. */
void prompt_draw(struct app *a);
/* Frees the histories and the question's argument. */
void prompt_free(struct app *a);

#endif
