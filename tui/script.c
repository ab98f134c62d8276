#include "config.h"
#include "script.h"
#include "keys.h"
#include "text.h"
#include "xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct script_event *push(struct script *s, enum script_kind kind)
{
    s->ev = xgrow(s->ev, &s->cap, s->n + 1, sizeof *s->ev);
    struct script_event *e = &s->ev[s->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    return e;
}

/* Each code point of text[0..n) becomes one key press. */
static void push_chars(struct script *s, const char *text, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += text_utf8_decode(text + i, n - i, &cp);
        push(s, SCRIPT_KEY)->key = (int)cp;
    }
}

/* A screen side far beyond any real terminal is a typo, and resizeterm would try to
 * allocate it. */
#define SCRIPT_SIDE_MAX 10000

/* Parses one side of "<Resize WxH>" from *p (digits only, no sign or blanks, which
 * strtol alone would accept), advancing *p past it. Returns the value or -1. */
static int script_parse_side(const char **p, const char *end)
{
    const char *q = *p;
    if (q >= end || *q < '0' || *q > '9')
        return -1;
    char *stop;
    errno = 0;
    long v = strtol(q, &stop, 10);
    if (errno || stop > end || v <= 0 || v > SCRIPT_SIDE_MAX)
        return -1;
    *p = stop;
    return (int)v;
}

static int parse_bracket(struct script *s, const char *tok, size_t n)
{
    if (n > 7 && !strncmp(tok, "Resize ", 7)) {
        /* tok is not NUL-terminated at n, but the '>' that ends it stops strtol */
        const char *p = tok + 7, *end = tok + n;
        int c = script_parse_side(&p, end);
        if (c < 0 || p >= end || *p++ != 'x')
            return -1;
        int r = script_parse_side(&p, end);
        if (r < 0 || p != end)
            return -1;
        struct script_event *e = push(s, SCRIPT_RESIZE);
        e->cols = c;
        e->rows = r;
        return 0;
    }
    if (n > 5 && !strncmp(tok, "Dump ", 5)) {
        push(s, SCRIPT_DUMP)->path = xstrndup(tok + 5, n - 5);
        return 0;
    }
    if (n > 4 && !strncmp(tok, "Seq ", 4)) {
        push(s, SCRIPT_KEY)->key = K_ESC;
        size_t from = s->n;
        push_chars(s, tok + 4, n - 4);
        for (size_t i = from; i < s->n; i++)
            s->ev[i].in_seq = 1;
        return 0;
    }
    if (n > 6 && !strncmp(tok, "Cells ", 6)) {
        push(s, SCRIPT_CELLS)->path = xstrndup(tok + 6, n - 6);
        return 0;
    }
    static const struct {
        const char *name;
        enum script_kind kind;
    } hooks[] = {{"Hold", SCRIPT_HOLD}, {"Release", SCRIPT_RELEASE}, {"Hold off", SCRIPT_UNHOLD}};
    for (size_t i = 0; i < sizeof hooks / sizeof *hooks; i++)
        if (n == strlen(hooks[i].name) && !strncmp(tok, hooks[i].name, n)) {
            push(s, hooks[i].kind);
            return 0;
        }
    int key = keys_from_token(tok, n);
    if (key < 0)
        return -1;
    push(s, SCRIPT_KEY)->key = key;
    return 0;
}

static int parse_line(struct script *s, const char *line, size_t len)
{
    if (len >= 6 && !strncmp(line, ":type ", 6)) {
        push_chars(s, line + 6, len - 6);
        return 0;
    }
    if (len && line[0] == '#')
        return 0;
    size_t i = 0;
    while (i < len) {
        if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
            i++;
            continue;
        }
        if (line[i] == '<' && i + 1 < len && line[i + 1] != ' ') {
            const char *end = memchr(line + i, '>', len - i);
            if (end && end > line + i + 1) {
                if (parse_bracket(s, line + i + 1, (size_t)(end - line) - i - 1))
                    return -1;
                i = (size_t)(end - line) + 1;
                continue;
            }
        }
        size_t j = i;
        while (j < len && line[j] != ' ' && line[j] != '\t' && line[j] != '\r')
            j++;
        push_chars(s, line + i, j - i);
        i = j;
    }
    return 0;
}

struct script *script_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "firmnet: %s: cannot read the key script\n", path);
        return NULL;
    }
    struct script *s = xcalloc(1, sizeof *s);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (parse_line(s, line, (size_t)len)) {
            fprintf(stderr, "%s:%u: unknown token in the key script\n", path, lineno);
            free(line);
            fclose(f);
            script_free(s);
            return NULL;
        }
    }
    free(line);
    fclose(f);
    return s;
}

void script_free(struct script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->ev[i].path);
    free(s->ev);
    free(s);
}

const struct script_event *script_next(struct script *s)
{
    return s->next < s->n ? &s->ev[s->next++] : NULL;
}

int script_sequence_next(void *ctx)
{
    struct script *s = ctx;
    if (s->next < s->n && s->ev[s->next].kind == SCRIPT_KEY && s->ev[s->next].in_seq)
        return s->ev[s->next++].key;
    return -1;
}

int script_key_waiting(const struct script *s)
{
    return s->next < s->n && (s->ev[s->next].kind == SCRIPT_KEY || s->ev[s->next].kind == SCRIPT_RESIZE);
}
