#include "quote.h"
#include "xalloc.h"
#include <string.h>

static void tb_reset(struct textbuf *tb, size_t need)
{
    tb->len = 0;
    tb->buf = xgrow(tb->buf, &tb->cap, need + 1, 1);
}

static void put(struct textbuf *tb, char c)
{
    tb->buf = xgrow(tb->buf, &tb->cap, tb->len + 2, 1);
    tb->buf[tb->len++] = c;
}

static const char *finish(struct textbuf *tb)
{
    tb->buf[tb->len] = '\0';
    return tb->buf;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

const char *quote_csv(struct textbuf *tb, const char *s, char delim)
{
    size_t n = strlen(s);
    int need = n && (is_blank(s[0]) || is_blank(s[n - 1]));
    for (size_t i = 0; i < n && !need; i++)
        need = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    tb_reset(tb, n + 2);
    if (need)
        put(tb, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            put(tb, '"');
        put(tb, s[i]);
    }
    if (need)
        put(tb, '"');
    return finish(tb);
}

const char *quote_dot(struct textbuf *tb, const char *s)
{
    tb_reset(tb, strlen(s) + 2);
    put(tb, '"');
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            put(tb, '\\');
            put(tb, (char)c);
        } else if (c == '\r' && p[1] == '\n') {
            continue; /* CRLF is one line break */
        } else if (c == '\n' || c == '\r') {
            put(tb, '\\');
            put(tb, 'n');
        } else if (c < 0x20 || c == 0x7f) {
            put(tb, ' ');
        } else {
            put(tb, (char)c);
        }
    }
    put(tb, '"');
    return finish(tb);
}

const char *quote_pajek(struct textbuf *tb, const char *s)
{
    tb_reset(tb, strlen(s) + 2);
    put(tb, '"');
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"')
            put(tb, '\'');
        else if (c == '\r' && p[1] == '\n')
            continue;
        else if (c < 0x20 || c == 0x7f)
            put(tb, ' ');
        else
            put(tb, (char)c);
    }
    put(tb, '"');
    return finish(tb);
}
