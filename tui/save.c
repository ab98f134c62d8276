#include "config.h"
#include "save.h"
#include "view_firms.h"
#include "draw.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char formats_hint[] = ".graphml .gexf .net .dot .json, or a directory";

/* The format a file name asks for by its extension; -1 when it has an unknown one. */
static int format_of_name(const char *path, enum export_format *f)
{
    size_t n = strlen(path);
    if (n && path[n - 1] == '/') {
        *f = EXPORT_DATASET;
        return 0;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) { /* "out" or ".hidden": a directory */
        *f = EXPORT_DATASET;
        return 0;
    }
    /* the first format with the extension wins: .net is pajek, not pajek-plain */
    for (int k = 0; k < EXPORT_FORMAT_COUNT; k++) {
        const char *ext = export_format_ext((enum export_format)k);
        if (ext[0] && !strcmp(dot, ext)) {
            *f = (enum export_format)k;
            return 0;
        }
    }
    return -1;
}

static char *expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] != '~' || path[1] != '/' || !home || !*home)
        return xstrdup(path);
    size_t n = strlen(home) + strlen(path + 1) + 1;
    char *out = xmalloc(n);
    snprintf(out, n, "%s%s", home, path + 1);
    return out;
}

int save_parse_target(const char *text, enum export_format *f, char **path, char *err, size_t errsz)
{
    *path = NULL;
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (!n) {
        snprintf(err, errsz, "type a file name: %s", formats_hint);
        return -1;
    }
    char *t = xstrndup(text, n);
    const char *name = t;
    char *space = strpbrk(t, " \t");
    int named = 0;
    if (space) {
        /* "FORMAT PATH" only when the first word is a format: paths may hold blanks */
        char c = *space;
        *space = '\0';
        named = export_parse_format(t, f) == 0;
        *space = c;
        if (named) {
            name = space;
            while (*name == ' ' || *name == '\t')
                name++;
        }
    }
    if (!named && format_of_name(name, f) != 0) {
        snprintf(err, errsz, "unknown extension \"%s\": use %s, or FORMAT NAME", strrchr(name, '.'), formats_hint);
        free(t);
        return -1;
    }
    *path = expand_home(name);
    free(t);
    return 0;
}

void save_describe_target(const char *text, char *note, size_t notesz)
{
    enum export_format f;
    char *path;
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p) {
        snprintf(note, notesz, "%s", formats_hint);
        return;
    }
    if (save_parse_target(text, &f, &path, note, notesz) != 0)
        return; /* the note says what is wrong */
    free(path);
    if (f == EXPORT_DATASET)
        snprintf(note, notesz, "as a dataset directory");
    else
        snprintf(note, notesz, "as %s", export_format_name(f));
}

int save_run(struct app *a, const char *text, int overwrite, char *err, size_t errsz)
{
    enum export_format f;
    char *path;
    if (save_parse_target(text, &f, &path, err, errsz) != 0)
        return -1;
    struct stat st;
    /* a dataset directory is never replaced (export_write refuses); a file is, once
     * the user said so */
    if (!overwrite && f != EXPORT_DATASET && stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "%s", path);
        free(path);
        return 1;
    }
    uint8_t *sel = firms_view_selection(a);
    struct export_counts n;
    struct export_error e;
    memset(&n, 0, sizeof n);
    a->exported = 1;
    /* flags 0: never replace an existing dataset directory from a key press */
    if (export_write(&a->ds, &a->layer, sel, f, path, 0, &n, &e) != 0)
        app_message(a, ST_ERROR, "export failed: %s", e.msg);
    else
        app_message(a, ST_NORMAL, "wrote %s firm%s, %s linkage%s to %s (%s%s)", draw_num(n.firms),
                    n.firms == 1 ? "" : "s", draw_num(n.links), n.links == 1 ? "" : "s", path,
                    export_format_name(f), n.wrote_clu ? ", industries in .clu" : "");
    free(sel);
    free(path);
    return 0;
}
