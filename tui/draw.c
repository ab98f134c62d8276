#include "config.h"
#include "draw.h"
#include "text.h"
#include <string.h>

static const struct term *term;   /* borrowed */
static struct textbuf scratch;    /* owned; reused by every call */
static struct textbuf scratch2;   /* owned; the unfitted text for draw_text_match */

void draw_init(const struct term *t) { term = t; }
void draw_done(void)
{
    textbuf_free(&scratch);
    textbuf_free(&scratch2);
    memset(&scratch, 0, sizeof scratch);
    memset(&scratch2, 0, sizeof scratch2);
}
attr_t draw_attr(enum style s) { return term ? term_attr(term, s) : A_NORMAL; }
int draw_ascii_only(void) { return term ? term->ascii_only : 1; }

int draw_textn(WINDOW *w, int y, int x, int width, const char *s, size_t n, attr_t attr)
{
    if (width <= 0)
        return 0;
    const char *fit = text_fit(&scratch, s ? s : "", s ? n : 0, width, 1, draw_ascii_only());
    wattrset(w, (int)(attr));
    mvwaddstr(w, y, x, fit);
    wattrset(w, A_NORMAL);
    return width;
}

int draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
    return draw_textn(w, y, x, width, s, s ? strlen(s) : 0, attr);
}

int draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
    int sw = draw_width(s);
    if (sw >= width)
        return draw_text(w, y, x, width, s, attr);
    wattrset(w, (int)(attr));
    mvwhline(w, y, x, ' ', width - sw);
    wattrset(w, A_NORMAL);
    draw_text(w, y, x + width - sw, sw, s, attr);
    return width;
}

attr_t draw_merge(attr_t base, attr_t top)
{
    attr_t pair = (top & A_COLOR) ? top & A_COLOR : base & A_COLOR;
    return ((base | top) & ~A_COLOR) | pair;
}

attr_t draw_cell(attr_t row, enum style cell) { return draw_merge(draw_attr(cell), row); }

attr_t draw_row_attr(int cursor, int matched)
{
    attr_t at = cursor == 1 ? draw_attr(ST_CURSOR) : cursor == 2 ? draw_attr(ST_CURSOR_IDLE) : A_NORMAL;
    if (matched)
        at = draw_merge(at, cursor ? A_BOLD : draw_attr(ST_MATCH));
    return at;
}

attr_t draw_span_attr(int cursor)
{
    /* the cursor row is already reversed: underline the span there instead */
    return cursor ? A_UNDERLINE | A_BOLD : draw_attr(ST_SPAN);
}

/* Sanitizing works code point by code point and PCRE2 reports code point boundaries,
 * so the span's place in the sanitized text is the sanitized lengths of the parts
 * before it; text_fit keeps a prefix of that text, then maybe an ellipsis. */
int draw_text_match(WINDOW *w, int y, int x, int width, const char *s, attr_t attr, attr_t hl,
                    struct matcher *m)
{
    size_t n = s ? strlen(s) : 0, ms, me;
    if (!m || width <= 0 || match_find(m, s, n, 0, &ms, &me) != MATCH_YES || me <= ms || me > n)
        return draw_text(w, y, x, width, s, attr);
    int ascii = draw_ascii_only();
    size_t lp = strlen(text_sanitize(&scratch2, s, ms, TEXT_DISPLAY, ascii));
    size_t lm = strlen(text_sanitize(&scratch2, s + ms, me - ms, TEXT_DISPLAY, ascii));
    const char *san = text_sanitize(&scratch2, s, n, TEXT_DISPLAY, ascii);
    size_t full = strlen(san);
    const char *fit = text_fit(&scratch, s, n, width, 1, ascii);
    size_t flen = strlen(fit), kept = 0;
    while (kept < full && kept < flen && fit[kept] == san[kept])
        kept++;
    if (kept < full) { /* cut: never count the ellipsis as part of the span */
        size_t end = flen;
        while (end && fit[end - 1] == ' ')
            end--;
        size_t ell = ascii ? 1 : 3;
        if (end >= ell && kept > end - ell)
            kept = end - ell;
    }
    size_t a = lp < kept ? lp : kept, b = lp + lm < kept ? lp + lm : kept;
    wattrset(w, (int)(attr));
    mvwaddnstr(w, y, x, fit, (int)a);
    wattrset(w, (int)draw_merge(attr, hl));
    waddnstr(w, fit + a, (int)(b - a));
    wattrset(w, (int)(attr));
    waddstr(w, fit + b);
    wattrset(w, A_NORMAL);
    return width;
}

const char *draw_num(uint64_t v)
{
    static char ring[8][32];
    static unsigned next;
    char *out = ring[next++ % 8], digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), k = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    return out;
}

const char *draw_num_fit(uint64_t v, int width)
{
    const char *g = draw_num(v);
    if ((int)strlen(g) <= width)
        return g;
    static char ring[4][16];
    static unsigned next;
    char *out = ring[next++ % 4];
    /* as many decimals as fit: "1.23M", "12.3M", "123M" */
    double x = v < 1000000ull ? (double)v / 1e3 : v < 1000000000ull ? (double)v / 1e6 : (double)v / 1e9;
    char unit = v < 1000000ull ? 'k' : v < 1000000000ull ? 'M' : 'G';
    for (int dec = 2; dec >= 0; dec--) {
        snprintf(out, sizeof ring[0], "%.*f%c", dec, x, unit);
        if ((int)strlen(out) <= width)
            break;
    }
    return out;
}

size_t draw_wrap(const char *s, size_t n, int width, size_t *next)
{
    size_t i = 0, brk = 0;
    int col = 0;
    if (width < 1)
        width = 1;
    while (i < n) {
        if (s[i] == '\n') { /* a hard break */
            *next = i + 1;
            return i;
        }
        uint32_t cp;
        size_t k = text_utf8_decode(s + i, n - i, &cp);
        int cw = cp == ' ' ? 1 : text_cp_width(cp);
        if (col + cw > width) {
            size_t end = brk ? brk : i ? i : k; /* at the last blank, else cut the word */
            size_t j = end;
            while (j < n && s[j] == ' ')
                j++;
            *next = j;
            return end;
        }
        if (cp == ' ')
            brk = i;
        col += cw;
        i += k;
    }
    *next = n;
    return n;
}

const char *draw_firm_name(const struct dataset *ds, uint32_t firm)
{
    const char *name = dataset_str(ds, ds->firms.name[firm]);
    if (!draw_ascii_only())
        return name;
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p >= 0x80) {
            const char *alias = dataset_str(ds, ds->firms.alias[firm]);
            return alias[0] ? alias : name;
        }
    return name;
}

int draw_width(const char *s)
{
    const char *t = text_sanitize(&scratch, s, strlen(s), TEXT_DISPLAY, draw_ascii_only());
    return text_width(t, strlen(t));
}

const char *draw_arrow(int dir)
{
    static const char *const utf8[] = {"→", "←", "↔"}, *const ascii[] = {"->", "<-", "<->"};
    return dir < 0 || dir > 2 ? "?" : draw_ascii_only() ? ascii[dir] : utf8[dir];
}

void draw_bar(WINDOW *w, int y, int x, int width, const unsigned *counts, size_t n,
              const char *marks, const enum style *styles, attr_t base)
{
    unsigned long total = 0;
    for (size_t i = 0; i < n; i++)
        total += counts[i];
    wattrset(w, (int)(base));
    mvwhline(w, y, x, ' ', width);
    if (!total || width <= 0)
        return;
    /* Largest-remainder rounding so the segments always fill exactly width cells and a
     * non-zero share never vanishes when there is room for it. */
    int cells[64] = {0}, used = 0;
    double rem[64];
    if (n > 64)
        n = 64;
    for (size_t i = 0; i < n; i++) {
        double exact = (double)counts[i] * width / (double)total;
        cells[i] = (int)exact;
        rem[i] = exact - cells[i];
        used += cells[i];
    }
    while (used < width) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        cells[best]++;
        rem[best] = -1;
        used++;
    }
    int cx = x;
    for (size_t i = 0; i < n; i++) {
        wattrset(w, (int)draw_cell(base, styles ? styles[i] : ST_BAR));
        for (int k = 0; k < cells[i]; k++)
            mvwaddch(w, y, cx++, (chtype)(unsigned char)marks[i]);
    }
    wattrset(w, A_NORMAL);
}

void draw_box(WINDOW *w, attr_t attr)
{
    int h = getmaxy(w), wd = getmaxx(w), a = draw_ascii_only();
    const char *hz = a ? "-" : "─", *vt = a ? "|" : "│";
    for (int x = 1; x < wd - 1; x++) {
        draw_text(w, 0, x, 1, hz, attr);
        draw_text(w, h - 1, x, 1, hz, attr);
    }
    for (int y = 1; y < h - 1; y++) {
        draw_text(w, y, 0, 1, vt, attr);
        draw_text(w, y, wd - 1, 1, vt, attr);
    }
    draw_text(w, 0, 0, 1, a ? "+" : "┌", attr);
    draw_text(w, 0, wd - 1, 1, a ? "+" : "┐", attr);
    draw_text(w, h - 1, 0, 1, a ? "+" : "└", attr);
    /* the bottom-right cell is written last; curses may report ERR there, harmlessly */
    draw_text(w, h - 1, wd - 1, 1, a ? "+" : "┘", attr);
}
