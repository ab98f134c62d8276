/* script: owns the key presses of a headless run (FIRMNET_TUI_SCRIPT), parsed from a
 * file of tokens: plain characters, <Enter>-style key names, <Resize WxH>, <Dump FILE>,
 * <Cells FILE>, <Seq BYTES> (Esc and BYTES arriving together, as a terminal sends an
 * escape sequence), <Hold>, <Release> and <Hold off> (tui/work's hold of the
 * background jobs) and ":type TEXT" lines. */
#ifndef FIRMNET_SCRIPT_H
#define FIRMNET_SCRIPT_H
#include <stddef.h>

enum script_kind { SCRIPT_KEY, SCRIPT_RESIZE, SCRIPT_DUMP, SCRIPT_CELLS, SCRIPT_HOLD, SCRIPT_RELEASE, SCRIPT_UNHOLD };

struct script_event {
    enum script_kind kind;
    int key;          /* keys.h code for SCRIPT_KEY */
    int in_seq;       /* a byte of the escape sequence before it (<Seq ...>) */
    int cols, rows;   /* SCRIPT_RESIZE */
    char *path;       /* owned; SCRIPT_DUMP, SCRIPT_CELLS */
};

struct script {
    struct script_event *ev; /* owned */
    size_t n, cap, next;
};

/* Returns NULL and prints "FILE:LINE: message" to stderr when the file cannot be read
 * or holds an unknown token. */
struct script *script_load(const char *path);
void script_free(struct script *s);
/* The next event, or NULL at the end. */
const struct script_event *script_next(struct script *s);
/* The next key when it belongs to the escape sequence being read (ctx is the
 * script), else -1: what the terminal's bytes would be for keys_swallow_sequence. */
int script_sequence_next(void *ctx);
/* Whether the next event is a key press (or a resize): a script types without
 * pause, so a long pass in between is cut short as it would be by a fast typist. */
int script_key_waiting(const struct script *s);

#endif
