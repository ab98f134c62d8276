/* lineedit: owns the text being typed at a message-line prompt (its bytes and its
 * cursor), the editing keys of actions.def's "In a prompt" section, and the history
 * of what was accepted at each prompt. */
#ifndef FIRMNET_LINEEDIT_H
#define FIRMNET_LINEEDIT_H
#include <stddef.h>
#include "keys.h"
#include "match.h"

#define LINEEDIT_MAX MATCH_PATTERN_MAX
#define HISTORY_MAX 64

struct lineedit {
    char buf[LINEEDIT_MAX + 1]; /* UTF-8, NUL-terminated */
    size_t len, pos;            /* bytes; pos is on a code point boundary */
};

/* What was accepted at one prompt, oldest first, and where Up/Down are in it. */
struct history {
    char *v[HISTORY_MAX];       /* owned */
    size_t n;
    size_t at;                  /* n while not browsing */
    char *draft;                /* owned: the text typed before browsing began */
};

/* The text becomes s (cut at a code point boundary to fit), the cursor at its end. */
void lineedit_set(struct lineedit *e, const char *s);

enum lineedit_result {
    LINEEDIT_IGNORED,  /* not an editing key: the prompt decides (Enter, Esc, ...) */
    LINEEDIT_MOVED,    /* only the cursor moved */
    LINEEDIT_CHANGED,  /* the text changed */
};

/* Applies one key press: a character is inserted at the cursor, the editing
 * actions (keys_prompt_action) move or delete, and Up/Down walk h (NULL: no
 * history). */
enum lineedit_result lineedit_key(struct lineedit *e, struct history *h, int key);

/* Remembers text (not twice in a row, not empty) and ends any browsing. */
void history_add(struct history *h, const char *text);
/* Ends browsing without touching the entries. */
void history_reset(struct history *h);
void history_free(struct history *h);

#endif
