/* keys: owns key codes, the default key table generated from actions.def, key names
 * for the help screen and hint bar, and the token names of headless scripts. */
#ifndef FIRMNET_KEYS_H
#define FIRMNET_KEYS_H
#include <stddef.h>
#include <curses.h>

/* One int per key press: a Unicode code point for characters, K_FN(KEY_x) for the
 * function keys curses reports, so the two ranges never collide. */
#define K_FN(k) (0x1000000 | (k))
#define K_IS_FN(k) (((k) & 0x1000000) != 0)
#define K_CTRL(c) ((c) & 0x1f)
#define K_ESC 27
#define K_UP K_FN(KEY_UP)
#define K_DOWN K_FN(KEY_DOWN)
#define K_LEFT K_FN(KEY_LEFT)
#define K_RIGHT K_FN(KEY_RIGHT)
#define K_PPAGE K_FN(KEY_PPAGE)
#define K_NPAGE K_FN(KEY_NPAGE)
#define K_HOME K_FN(KEY_HOME)
#define K_END K_FN(KEY_END)
#define K_ENTER K_FN(KEY_ENTER)
#define K_BACKSPACE K_FN(KEY_BACKSPACE)
#define K_RESIZE K_FN(KEY_RESIZE)
#define K_F1 K_FN(KEY_F(1))
#define K_DELETE K_FN(KEY_DC)

enum action {
#define SECTION(t)
#define KEY(k, id)
#define PROMPT_KEY(k, id)
#define ACTION(id, hint, help) id,
#include "actions.def"
#undef SECTION
#undef KEY
#undef PROMPT_KEY
#undef ACTION
    ACT_COUNT,
    ACT_NONE = -1
};

/* The action bound to key, or ACT_NONE. */
enum action keys_action(int key);
/* The line editor's action bound to key while a prompt is open, or ACT_NONE. */
enum action keys_prompt_action(int key);
/* The first key bound to a, or -1. */
int keys_first(enum action a);
/* Writes every key bound to a, as "j, Down", into buf; returns buf. */
const char *keys_describe(enum action a, char *buf, size_t bufsz);
/* Human name of one key: "j", "Enter", "Down", "Ctrl-L". Returns buf. */
const char *keys_name(int key, char *buf, size_t bufsz);
const char *keys_hint(enum action a);   /* hint-bar label or NULL */
const char *keys_help(enum action a);   /* help text */

/* Walks the help screen in actions.def order: section headings (a = ACT_NONE, text the
 * title) and actions. Returns the number of entries; i beyond it returns -1. */
size_t keys_help_count(void);
int keys_help_entry(size_t i, enum action *a, const char **text);

/* After an Esc that more input followed at once: reads the rest of that escape
 * sequence through next (which returns the next key, or -1 when none comes in time)
 * and drops it, so a sequence curses does not know (End as some terminals send it,
 * Alt-x) never runs its tail as commands. CSI (ESC [ ... final byte), SS3 (ESC O x),
 * OSC (ESC ] ... BEL or ESC \\) and ESC + one key are recognised; first is the key
 * after the Esc. */
void keys_swallow_sequence(int first, int (*next)(void *ctx), void *ctx);

/* Script token names such as "Enter", "Down", "PgDn" (without <>); -1 when unknown. */
int keys_from_token(const char *name, size_t n);

#endif
