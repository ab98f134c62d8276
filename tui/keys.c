#include "config.h"
#include "keys.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* prompt: 0 the views' keys, 1 the line editor's */
static const struct key_binding { int key; enum action action; int prompt; } key_table[] = {
#define SECTION(t)
#define ACTION(id, hint, help)
#define KEY(k, id) {k, id, 0},
#define PROMPT_KEY(k, id) {k, id, 1},
#include "actions.def"
#undef SECTION
#undef ACTION
#undef KEY
#undef PROMPT_KEY
};

static const struct action_info { const char *hint, *help; } action_info[ACT_COUNT] = {
#define SECTION(t)
#define KEY(k, id)
#define PROMPT_KEY(k, id)
#define ACTION(id, hint, help) [id] = {hint, help},
#include "actions.def"
#undef SECTION
#undef ACTION
#undef KEY
#undef PROMPT_KEY
};

/* The help screen in declaration order: sections interleaved with actions. */
static const struct help_entry { int action; const char *text; } help_entries[] = {
#define SECTION(t) {ACT_NONE, t},
#define KEY(k, id)
#define PROMPT_KEY(k, id)
#define ACTION(id, hint, help) {id, help},
#include "actions.def"
#undef SECTION
#undef ACTION
#undef KEY
#undef PROMPT_KEY
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static enum action lookup(int key, int prompt)
{
    for (size_t i = 0; i < COUNT(key_table); i++)
        if (key_table[i].key == key && key_table[i].prompt == prompt)
            return key_table[i].action;
    return ACT_NONE;
}

enum action keys_action(int key) { return lookup(key, 0); }
enum action keys_prompt_action(int key) { return lookup(key, 1); }

int keys_first(enum action a)
{
    for (size_t i = 0; i < COUNT(key_table); i++)
        if (key_table[i].action == a)
            return key_table[i].key;
    return -1;
}

const char *keys_hint(enum action a) { return a >= 0 && a < ACT_COUNT ? action_info[a].hint : NULL; }
const char *keys_help(enum action a) { return a >= 0 && a < ACT_COUNT ? action_info[a].help : ""; }

size_t keys_help_count(void) { return COUNT(help_entries); }

int keys_help_entry(size_t i, enum action *a, const char **text)
{
    if (i >= COUNT(help_entries))
        return -1;
    *a = (enum action)help_entries[i].action;
    *text = help_entries[i].text;
    return 0;
}

static const struct key_name { int key; const char *name; } key_names[] = {
    {K_UP, "Up"}, {K_DOWN, "Down"}, {K_LEFT, "Left"}, {K_RIGHT, "Right"},
    {K_PPAGE, "PgUp"}, {K_NPAGE, "PgDn"}, {K_HOME, "Home"}, {K_END, "End"},
    {K_ENTER, "Enter"}, {'\n', "Enter"}, {'\r', "Enter"}, {K_BACKSPACE, "BS"}, {127, "BS"},
    {K_ESC, "Esc"}, {'\t', "Tab"}, {' ', "Space"}, {K_F1, "F1"}, {K_RESIZE, "Resize"}, {K_DELETE, "Del"},
};

const char *keys_name(int key, char *buf, size_t bufsz)
{
    for (size_t i = 0; i < COUNT(key_names); i++)
        if (key_names[i].key == key) {
            snprintf(buf, bufsz, "%s", key_names[i].name);
            return buf;
        }
    if (!K_IS_FN(key) && key > 0 && key < 0x20)
        snprintf(buf, bufsz, "Ctrl-%c", key + '@');
    else if (!K_IS_FN(key) && key >= 0x20 && key < 0x7f)
        snprintf(buf, bufsz, "%c", key);
    else
        snprintf(buf, bufsz, "key-%#x", (unsigned)key);
    return buf;
}

const char *keys_describe(enum action a, char *buf, size_t bufsz)
{
    size_t len = 0;
    char prev[32] = "";
    buf[0] = '\0';
    for (size_t i = 0; i < COUNT(key_table); i++) {
        if (key_table[i].action != a)
            continue;
        char name[32];
        keys_name(key_table[i].key, name, sizeof name);
        /* Enter and BS have several codes; name each only once. */
        if (!strcmp(name, prev) || (len && strstr(buf, name) && strlen(name) > 1))
            continue;
        int k = snprintf(buf + len, bufsz - len, "%s%s", len ? ", " : "", name);
        if (k < 0 || (size_t)k >= bufsz - len)
            break;
        len += (size_t)k;
        snprintf(prev, sizeof prev, "%s", name);
    }
    return buf;
}

int keys_from_token(const char *name, size_t n)
{
    static const struct key_name extra[] = {
        {K_NPAGE, "PageDown"}, {K_PPAGE, "PageUp"}, {127, "Backspace"}, {'\n', "CR"},
    };
    for (size_t i = 0; i < COUNT(key_names); i++)
        if (strlen(key_names[i].name) == n && !strncasecmp(key_names[i].name, name, n))
            return key_names[i].key == K_BACKSPACE ? 127 : key_names[i].key == K_ENTER ? '\n'
                   : key_names[i].key;
    for (size_t i = 0; i < COUNT(extra); i++)
        if (strlen(extra[i].name) == n && !strncasecmp(extra[i].name, name, n))
            return extra[i].key;
    if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
        return K_CTRL(name[2]);
    return -1;
}

/* Longer than any sequence a terminal sends for a key: a runaway stops here. */
#define SEQ_MAX 64

void keys_swallow_sequence(int first, int (*next)(void *ctx), void *ctx)
{
    if (first == '[') {
        /* parameters and intermediates 0x20..0x3f, then one final byte 0x40..0x7e */
        for (int i = 0; i < SEQ_MAX; i++) {
            int k = next(ctx);
            if (k < 0x20 || k >= 0x40 || K_IS_FN(k))
                return; /* the final byte, or the sequence was cut: dropped either way */
        }
    } else if (first == 'O') {
        next(ctx); /* SS3: one more byte names the key */
    } else if (first == ']') {
        int prev = 0;
        for (int i = 0; i < 4 * SEQ_MAX; i++) {
            int k = next(ctx);
            if (k < 0 || k == 7 || (prev == K_ESC && k == '\\'))
                return;
            prev = k;
        }
    }
    /* anything else (Alt-x) was ESC plus the one key already read */
}
