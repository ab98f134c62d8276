#include "config.h"
#include "term.h"
#include "keys.h"
#include "xalloc.h"
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

volatile sig_atomic_t term_quit_signal;
volatile sig_atomic_t term_cont_signal;

static struct term *active_term; /* for the fatal hook; borrowed */

/* The signals the key wait must not miss: the quit signals and SIGCONT (ours) and
 * SIGWINCH (ncurses' handler, which term_read_key turns into K_RESIZE). */
static sigset_t wake_signals;

static void on_quit_signal(int sig) { term_quit_signal = sig; }
static void on_cont_signal(int sig) { (void)sig; term_cont_signal = 1; }

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_cont_signal;
    sigaction(SIGCONT, &sa, NULL);
    sigemptyset(&wake_signals);
    sigaddset(&wake_signals, SIGINT);
    sigaddset(&wake_signals, SIGTERM);
    sigaddset(&wake_signals, SIGHUP);
    sigaddset(&wake_signals, SIGCONT);
    sigaddset(&wake_signals, SIGWINCH);
}

static void fatal_hook(void)
{
    if (active_term)
        term_close(active_term);
}

/* stderr written while curses owns the screen would scribble over it; keep it in a
 * temporary file and replay it after endwin. */
static void hold_stderr(struct term *t)
{
    t->saved_stderr = -1;
    t->held_stderr = tmpfile();
    if (!t->held_stderr)
        return;
    fflush(stderr);
    t->saved_stderr = dup(STDERR_FILENO);
    if (t->saved_stderr < 0 || dup2(fileno(t->held_stderr), STDERR_FILENO) < 0) {
        fclose(t->held_stderr);
        t->held_stderr = NULL;
    }
}

static void release_stderr(struct term *t)
{
    if (!t->held_stderr)
        return;
    fflush(stderr);
    dup2(t->saved_stderr, STDERR_FILENO);
    close(t->saved_stderr);
    t->saved_stderr = -1;
    rewind(t->held_stderr);
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, t->held_stderr)) > 0)
        fwrite(buf, 1, k, stderr);
    fclose(t->held_stderr);
    t->held_stderr = NULL;
}

enum { PAIR_TITLE = 1, PAIR_HEADER, PAIR_CURSOR, PAIR_MATCH, PAIR_KEY, PAIR_ERROR, PAIR_WARNING,
       PAIR_LABEL, PAIR_L, PAIR_N, PAIR_G, PAIR_BAR, PAIR_SPAN };

static void init_colors(struct term *t)
{
    const char *nc = getenv("NO_COLOR");
    t->colors = has_colors() && !(nc && *nc);
    if (!t->colors)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_HEADER, COLOR_CYAN, -1);
    init_pair(PAIR_CURSOR, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_MATCH, COLOR_YELLOW, -1);
    init_pair(PAIR_KEY, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
    init_pair(PAIR_WARNING, COLOR_YELLOW, -1);
    init_pair(PAIR_LABEL, COLOR_GREEN, -1);
    init_pair(PAIR_L, COLOR_GREEN, -1);
    init_pair(PAIR_N, COLOR_BLUE, -1);
    init_pair(PAIR_G, COLOR_MAGENTA, -1);
    init_pair(PAIR_BAR, COLOR_CYAN, -1);
    init_pair(PAIR_SPAN, COLOR_BLACK, COLOR_YELLOW);
}

attr_t term_attr(const struct term *t, enum style s)
{
    if (t->colors) {
        switch (s) {
        case ST_TITLE: return COLOR_PAIR(PAIR_TITLE);
        case ST_HEADER: return COLOR_PAIR(PAIR_HEADER) | A_BOLD;
        case ST_CURSOR: return COLOR_PAIR(PAIR_CURSOR);
        case ST_CURSOR_IDLE: return A_REVERSE;
        case ST_MATCH: return COLOR_PAIR(PAIR_MATCH) | A_BOLD;
        case ST_DIM: return A_DIM;
        case ST_KEY: return COLOR_PAIR(PAIR_KEY);
        case ST_HINT: return A_NORMAL;
        case ST_ERROR: return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
        case ST_WARNING: return COLOR_PAIR(PAIR_WARNING);
        case ST_LABEL: return COLOR_PAIR(PAIR_LABEL);
        case ST_SCALE_L: return COLOR_PAIR(PAIR_L);
        case ST_SCALE_N: return COLOR_PAIR(PAIR_N);
        case ST_SCALE_G: return COLOR_PAIR(PAIR_G);
        case ST_BAR: return COLOR_PAIR(PAIR_BAR);
        case ST_SPAN: return COLOR_PAIR(PAIR_SPAN);
        default: return A_NORMAL;
        }
    }
    /* Monochrome: only attributes every terminal (vt100 included) renders. */
    switch (s) {
    case ST_TITLE: return A_REVERSE;
    case ST_HEADER: return A_BOLD;
    case ST_CURSOR: return A_REVERSE;
    case ST_CURSOR_IDLE: return A_BOLD | A_UNDERLINE;
    case ST_MATCH: return A_BOLD;
    case ST_KEY: return A_REVERSE;
    case ST_ERROR:
    case ST_LABEL: return A_BOLD;
    case ST_SPAN: return A_REVERSE;
    default: return A_NORMAL;
    }
}

int term_force_ascii;

int term_open(struct term *t, int headless)
{
    memset(t, 0, sizeof *t);
    t->saved_stderr = -1;
    t->headless = headless;
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    t->ascii_only = term_force_ascii || !(cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")));
    /* Installed before curses starts so ncurses keeps ours and handles only SIGTSTP
     * and SIGWINCH itself. */
    install_signals();
    if (headless) {
        t->out = fopen("/dev/null", "w");
        t->in = fopen("/dev/null", "r");
        if (!t->out || !t->in) {
            fprintf(stderr, "firmnet: cannot open /dev/null\n");
            term_close(t);
            return -1;
        }
        const char *term = getenv("TERM");
        t->screen = newterm(term && *term ? term : "xterm", t->out, t->in);
    } else {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, "firmnet: the explorer needs a terminal (use a batch subcommand instead)\n");
            return -1;
        }
        t->screen = newterm(NULL, stdout, stdin);
    }
    if (!t->screen) {
        fprintf(stderr, "firmnet: cannot start curses for TERM=%s\n", getenv("TERM") ? getenv("TERM") : "");
        term_close(t);
        return -1;
    }
    set_term(t->screen);
    active_term = t;
    xalloc_set_fatal_hook(fatal_hook);
    hold_stderr(t);
    /* ESCDELAY in the environment (read by ncurses itself) wins: over a slow link a
     * sequence may need longer to arrive whole */
    const char *ed = getenv("ESCDELAY");
    if (!ed || !*ed)
        set_escdelay(25);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Home and End as the VT220 and rxvt send them (tmux and screen do too), which
     * terminfo entries such as xterm-256color do not list: keys, not sequences to
     * drop */
    static const struct { const char *seq; int key; } extra_keys[] = {
        {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
    };
    for (size_t i = 0; i < sizeof extra_keys / sizeof extra_keys[0]; i++)
        if (key_defined(extra_keys[i].seq) == 0)
            define_key(extra_keys[i].seq, extra_keys[i].key);
    /* Keys are read without waiting: term_read_key does the waiting itself, in ppoll,
     * where a signal cannot slip in unseen (see there). */
    nodelay(stdscr, TRUE);
    t->tty_fd = fileno(headless ? t->in : stdin);
    curs_set(0);
    init_colors(t);
    /* wget_wch(stdscr) refreshes stdscr whenever it is touched, which would blank the
     * screen over the views' windows: refresh it once now so it never is. */
    refresh();
    return 0;
}

void term_close(struct term *t)
{
    if (t->screen) {
        endwin();
        delscreen(t->screen);
        t->screen = NULL;
        release_stderr(t);
    }
    if (t->out) fclose(t->out);
    if (t->in) fclose(t->in);
    t->out = t->in = NULL;
    if (active_term == t) {
        active_term = NULL;
        xalloc_set_fatal_hook(NULL);
    }
}

/* Takes one key that ncurses can give without waiting: from its own buffer (the rest
 * of an escape sequence it has already read, a pending KEY_RESIZE) or from the tty.
 * Returns 0 with *key set, or -1 when there is none yet. */
static int take_key(int *key)
{
    wint_t wc;
    /* resizeterm and werase touch stdscr, and wget_wch would then refresh it over the
     * views' windows; everything on screen has already gone out through doupdate. */
    untouchwin(stdscr);
    int r = wget_wch(stdscr, &wc);
    if (r == ERR)
        return -1;
    *key = r == KEY_CODE_YES ? K_FN((int)wc) : (int)wc;
    return 0;
}

/* The next key of an escape sequence: one ncurses has already read, or one that
 * arrives within the escape delay (a sequence's bytes come together; a person
 * pressing Esc and then a key is far slower). -1 when none comes. */
static int sequence_next(void *ctx)
{
    struct term *t = ctx;
    int k;
    if (take_key(&k) == 0)
        return k;
    struct pollfd p = {.fd = t->tty_fd, .events = POLLIN};
    if (poll(&p, 1, get_escdelay()) > 0 && (p.revents & POLLIN) && take_key(&k) == 0)
        return k;
    return -1;
}

/* The body of term_read_key, run with wake_signals blocked; outside is the mask to
 * wait with. */
static int wait_key(struct term *t, int *key, const sigset_t *outside, int wake_fd, int timeout_ms)
{
    for (;;) {
        /* With the signals blocked, one that came before this check is seen here and
         * one that comes after it stays pending until ppoll lets it in and returns:
         * neither is lost until the next key. */
        if (term_quit_signal || term_cont_signal)
            return TERM_KEY_SIGNAL;
        int got = 0;
        if (t->has_held_key) {
            t->has_held_key = 0;
            *key = t->held_key;
            got = 1;
        } else if (take_key(key) == 0) {
            /* before waiting on the tty: ncurses may already hold input that poll
             * cannot see */
            got = 1;
        }
        if (got) {
            /* ncurses hands back an escape sequence it has no key for as Esc and
             * then the sequence's bytes, which would run as commands: an Esc that
             * more input follows at once starts such a sequence, and it is dropped */
            int next;
            if (*key != K_ESC || (next = sequence_next(t)) < 0)
                return TERM_KEY_OK;
            if (next == K_ESC) {
                /* Esc pressed twice: this one is a key, the next may start a sequence */
                t->held_key = next;
                t->has_held_key = 1;
                return TERM_KEY_OK;
            }
            keys_swallow_sequence(next, sequence_next, t);
            continue;
        }
        struct pollfd fds[2] = {{.fd = t->tty_fd, .events = POLLIN}, {.fd = wake_fd, .events = POLLIN}};
        struct pollfd *p = &fds[0];
        struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
        int r = ppoll(fds, wake_fd >= 0 ? 2 : 1, timeout_ms >= 0 ? &ts : NULL, outside);
        if (r < 0) {
            if (errno == EINTR)
                continue; /* a handler ran: its flag, or ncurses' resize, is next */
            return TERM_KEY_GONE;
        }
        if (r == 0)
            return TERM_KEY_TIMEOUT;
        if (wake_fd >= 0 && (fds[1].revents & POLLIN) && !(p->revents & POLLIN))
            return TERM_KEY_WAKE;
        if (p->revents & (POLLHUP | POLLERR | POLLNVAL))
            return TERM_KEY_GONE; /* the terminal went away (pty closed, hang-up) */
        /* Readable with nothing in it is end of input or a read error, which would
         * otherwise be "readable" forever: a busy loop instead of a wait. Asked
         * before ncurses reads, so a byte it consumes without making a key of it
         * (half a UTF-8 sequence) is not taken for this. */
        int avail = 0;
        if (ioctl(t->tty_fd, FIONREAD, &avail) != 0 || avail <= 0)
            return TERM_KEY_GONE;
    }
}

int term_read_key(struct term *t, int *key) { return term_read_key_wake(t, key, -1, -1); }

int term_read_key_wake(struct term *t, int *key, int wake_fd, int timeout_ms)
{
    sigset_t outside;
    /* Blocked from the flag check to the wait and let in only inside ppoll, which
     * unblocks them atomically with going to sleep. */
    if (sigprocmask(SIG_BLOCK, &wake_signals, &outside) != 0)
        return TERM_KEY_GONE;
    int rc = wait_key(t, key, &outside, wake_fd, timeout_ms);
    sigprocmask(SIG_SETMASK, &outside, NULL);
    return rc;
}

int term_key_waiting(struct term *t)
{
    if (!t->has_held_key && take_key(&t->held_key) == 0)
        t->has_held_key = 1;
    return t->has_held_key;
}

int term_dump(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rows = getmaxy(curscr), cols = getmaxx(curscr);
    size_t cap = (size_t)cols * MB_LEN_MAX + 1;
    char *line = xmalloc(cap);
    for (int y = 0; y < rows; y++) {
        int n = mvwinnstr(curscr, y, 0, line, (int)cap - 1);
        size_t len = n > 0 ? (size_t)n : 0;
        line[len] = '\0';
        len = strlen(line);
        while (len && line[len - 1] == ' ')
            len--;
        fwrite(line, 1, len, f);
        fputc('\n', f);
    }
    free(line);
    return fclose(f) ? -1 : 0;
}

int term_dump_cells(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rows = getmaxy(curscr), cols = getmaxx(curscr);
    fprintf(f, "# cells %dx%d colors %d\n", rows, cols, COLOR_PAIRS > 0);
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < cols; x++) {
            cchar_t cc;
            wchar_t wch[CCHARW_MAX + 1];
            attr_t at;
            short pair = 0, fg = -1, bg = -1;
            if (mvwin_wch(curscr, y, x, &cc) == ERR || getcchar(&cc, wch, &at, &pair, NULL) == ERR)
                continue;
            if (pair > 0 && pair_content(pair, &fg, &bg) == ERR)
                fg = bg = -2; /* a pair nobody defined: a bug the check reports */
            if (at & A_REVERSE) {
                short t = fg;
                fg = bg;
                bg = t;
            }
            char mb[MB_LEN_MAX * (CCHARW_MAX + 1) + 1];
            size_t k = wch[0] ? wcstombs(mb, wch, sizeof mb) : (size_t)-1;
            if (k == (size_t)-1 || !mb[0] || mb[0] == ' ')
                snprintf(mb, sizeof mb, "_"); /* a blank, or the right half of a wide character */
            fprintf(f, "%d %d %d %d %s\n", y, x, fg, bg, mb);
        }
    return fclose(f) ? -1 : 0;
}
