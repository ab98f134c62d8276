#include "config.h"
#include "lineedit.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

static int is_cont(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

void lineedit_set(struct lineedit *e, const char *s)
{
    size_t n = strlen(s);
    if (n > LINEEDIT_MAX) {
        n = LINEEDIT_MAX;
        while (n && is_cont(s[n]))
            n--;
    }
    memcpy(e->buf, s, n);
    e->buf[n] = '\0';
    e->len = e->pos = n;
}

static size_t prev_cp(const struct lineedit *e, size_t p)
{
    if (!p)
        return 0;
    do
        p--;
    while (p && is_cont(e->buf[p]));
    return p;
}

static size_t next_cp(const struct lineedit *e, size_t p)
{
    if (p >= e->len)
        return e->len;
    do
        p++;
    while (p < e->len && is_cont(e->buf[p]));
    return p;
}

/* Removes buf[from..to). */
static void cut(struct lineedit *e, size_t from, size_t to)
{
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->pos = from;
}

static int insert(struct lineedit *e, uint32_t cp)
{
    char enc[4];
    size_t n;
    if (cp < 0x80) enc[0] = (char)cp, n = 1;
    else if (cp < 0x800) enc[0] = (char)(0xc0 | cp >> 6), enc[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
    else if (cp < 0x10000) enc[0] = (char)(0xe0 | cp >> 12), enc[1] = (char)(0x80 | (cp >> 6 & 0x3f)),
                           enc[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
    else enc[0] = (char)(0xf0 | cp >> 18), enc[1] = (char)(0x80 | (cp >> 12 & 0x3f)),
         enc[2] = (char)(0x80 | (cp >> 6 & 0x3f)), enc[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
    if (e->len + n > LINEEDIT_MAX)
        return 0;
    memmove(e->buf + e->pos + n, e->buf + e->pos, e->len - e->pos + 1);
    memcpy(e->buf + e->pos, enc, n);
    e->len += n;
    e->pos += n;
    return 1;
}

static void recall(struct lineedit *e, struct history *h, int dir)
{
    if (!h || !h->n)
        return;
    if (h->at > h->n)
        h->at = h->n;
    if (dir < 0 && h->at == 0)
        return;
    if (dir > 0 && h->at >= h->n)
        return;
    if (h->at == h->n) { /* starting to browse: keep what was typed */
        free(h->draft);
        h->draft = xstrdup(e->buf);
    }
    h->at = dir < 0 ? h->at - 1 : h->at + 1;
    lineedit_set(e, h->at < h->n ? h->v[h->at] : h->draft ? h->draft : "");
}

enum lineedit_result lineedit_key(struct lineedit *e, struct history *h, int key)
{
    size_t before = e->len, p;
    switch (keys_prompt_action(key)) {
    case ACT_EDIT_LEFT: e->pos = prev_cp(e, e->pos); return LINEEDIT_MOVED;
    case ACT_EDIT_RIGHT: e->pos = next_cp(e, e->pos); return LINEEDIT_MOVED;
    case ACT_EDIT_HOME: e->pos = 0; return LINEEDIT_MOVED;
    case ACT_EDIT_END: e->pos = e->len; return LINEEDIT_MOVED;
    case ACT_EDIT_BACKSPACE:
        cut(e, prev_cp(e, e->pos), e->pos);
        break;
    case ACT_EDIT_DELETE:
        cut(e, e->pos, next_cp(e, e->pos));
        break;
    case ACT_EDIT_KILL_START:
        cut(e, 0, e->pos);
        break;
    case ACT_EDIT_KILL_END:
        cut(e, e->pos, e->len);
        break;
    case ACT_EDIT_KILL_WORD:
        /* the blanks before the cursor, then the word before them */
        p = e->pos;
        while (p && e->buf[p - 1] == ' ')
            p--;
        while (p && e->buf[p - 1] != ' ')
            p--;
        cut(e, p, e->pos);
        break;
    case ACT_EDIT_PREV: recall(e, h, -1); return LINEEDIT_CHANGED;
    case ACT_EDIT_NEXT: recall(e, h, 1); return LINEEDIT_CHANGED;
    default:
        if (K_IS_FN(key) || key < 0x20 || key == 0x7f || key > 0x10ffff || (key >= 0xd800 && key < 0xe000))
            return LINEEDIT_IGNORED;
        return insert(e, (uint32_t)key) ? LINEEDIT_CHANGED : LINEEDIT_MOVED;
    }
    return e->len != before ? LINEEDIT_CHANGED : LINEEDIT_MOVED;
}

void history_reset(struct history *h)
{
    h->at = h->n;
    free(h->draft);
    h->draft = NULL;
}

void history_add(struct history *h, const char *text)
{
    history_reset(h);
    if (!text || !*text || (h->n && !strcmp(h->v[h->n - 1], text)))
        return;
    if (h->n == HISTORY_MAX) {
        free(h->v[0]);
        memmove(h->v, h->v + 1, (HISTORY_MAX - 1) * sizeof *h->v);
        h->n--;
    }
    h->v[h->n++] = xstrdup(text);
    h->at = h->n;
}

void history_free(struct history *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->v[i]);
    free(h->draft);
    memset(h, 0, sizeof *h);
}
