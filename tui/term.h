/* term: owns the curses session: locale, real or headless screen, colours and the
 * monochrome fallback, signals, stderr held while curses is active, screen dumps. */
#ifndef FIRMNET_TERM_H
#define FIRMNET_TERM_H
#include <signal.h>
#include <curses.h>

/* What a piece of the screen is; term_attr maps it to colour or mono attributes. */
enum style {
    ST_NORMAL, ST_TITLE, ST_HEADER, ST_CURSOR, ST_CURSOR_IDLE, ST_MATCH, ST_DIM,
    ST_KEY, ST_HINT, ST_ERROR, ST_WARNING, ST_LABEL,
    ST_SCALE_L, ST_SCALE_N, ST_SCALE_G, ST_BAR, ST_SPAN,
    ST_COUNT
};

struct term {
    int headless;       /* screen goes to /dev/null, keys come from a script */
    int ascii_only;     /* the locale's codeset is not UTF-8 */
    int colors;         /* has_colors() and NO_COLOR unset */
    SCREEN *screen;
    FILE *out, *in;     /* owned in headless mode (/dev/null) */
    int tty_fd;         /* the descriptor curses reads keys from */
    int saved_stderr;   /* dup of fd 2 while held, else -1 */
    FILE *held_stderr;  /* tmpfile collecting stderr while curses is active */
    int held_key, has_held_key; /* read by term_key_waiting, not yet handed out */
};

/* Set by the signal handlers; the input loop acts on them outside the handler. */
extern volatile sig_atomic_t term_quit_signal;  /* SIGINT, SIGTERM, SIGHUP number */
extern volatile sig_atomic_t term_cont_signal;  /* SIGCONT seen: repaint everything */
/* Set by --ascii before term_open: draw in ASCII even when the locale is UTF-8. */
extern int term_force_ascii;

/* Starts curses (headless when headless is set). Returns 0 or -1 with a message on
 * stderr. Installs the signal handlers and the xalloc fatal hook. */
int term_open(struct term *t, int headless);
/* Ends curses, restores the terminal and replays the held stderr. Idempotent. */
void term_close(struct term *t);
attr_t term_attr(const struct term *t, enum style s);
enum {
    TERM_KEY_OK,      /* *key holds a key */
    TERM_KEY_SIGNAL,  /* term_quit_signal or term_cont_signal is set: act on it */
    TERM_KEY_GONE,    /* the terminal went away or cannot be read: stop */
    TERM_KEY_WAKE,    /* the wake descriptor is readable (a background job ended) */
    TERM_KEY_TIMEOUT  /* nothing within the time asked for */
};
/* Waits for one key (no timeout, no polling: the process sleeps until the tty has
 * input or a signal comes) and stores it in *key as a keys.h code. Returns one of
 * TERM_KEY_*. A quit signal or SIGCONT that arrives at any moment, also just
 * before the wait, ends it. Not for the headless mode, whose keys come from the
 * script. */
int term_read_key(struct term *t, int *key);
/* The same, also returning TERM_KEY_WAKE when wake_fd (>= 0) becomes readable and
 * TERM_KEY_TIMEOUT after timeout_ms (>= 0; -1 waits as long as it takes). */
int term_read_key_wake(struct term *t, int *key, int wake_fd, int timeout_ms);
/* Whether a key is waiting, without waiting: a long pass asks between its pieces so
 * that a newer key press can cut it short. The key is kept for term_read_key. */
int term_key_waiting(struct term *t);
/* Writes the text of the physical screen (curscr), one line per row with trailing
 * blanks trimmed, into path. Returns 0 or -1. */
int term_dump(const char *path);
/* Writes every cell of the physical screen as "ROW COL FG BG CHAR" (the colours it
 * shows, reverse video applied; -1 the terminal's default) after a "# cells ROWSxCOLS
 * colors 0|1" line, for tests that check what colours text is drawn in (two equal
 * colours hide the text). Returns 0 or -1. */
int term_dump_cells(const char *path);

#endif
