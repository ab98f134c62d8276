/* draw: owns the scratch buffer and helpers that put data text on screen, always
 * through text_fit so nothing from the data reaches the terminal raw. */
#ifndef FIRMNET_DRAW_H
#define FIRMNET_DRAW_H
#include <stddef.h>
#include <stdint.h>
#include <curses.h>
#include "term.h"
#include "match.h"
#include "dataset.h"

void draw_init(const struct term *t);
void draw_done(void);
attr_t draw_attr(enum style s);
int draw_ascii_only(void);
/* Puts s fitted into exactly width columns at (y, x), padded; returns width. */
int draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
int draw_textn(WINDOW *w, int y, int x, int width, const char *s, size_t n, attr_t attr);
/* Right-aligned variant for numbers. */
int draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* As draw_text, with the first match of m inside s drawn in hl (search highlight);
 * plain draw_text when m is NULL or does not match. */
int draw_text_match(WINDOW *w, int y, int x, int width, const char *s, attr_t attr, attr_t hl,
                    struct matcher *m);
/* The one way attributes are layered: bold, underline and the like add up, and the
 * colour pair of top replaces that of base when top has one. (Colour pairs are
 * numbers inside attr_t: OR-ing two of them names a third pair, often black on
 * black.) */
attr_t draw_merge(attr_t base, attr_t top);
/* A cell's own style (a scale mark, a label, a severity) inside a row drawn with
 * row: the row's highlight (the cursor, a search match) keeps its colours, the
 * cell keeps its own on a plain row. */
attr_t draw_cell(attr_t row, enum style cell);
/* Attributes of a list row: cursor 0 none, 1 focused, 2 idle; matched by the search. */
attr_t draw_row_attr(int cursor, int matched);
/* Attributes of the matched span inside such a row. */
attr_t draw_span_attr(int cursor);
/* v with its digits grouped by thousands ("1,234,567") in one of eight buffers
 * used in turn, so that up to eight go into one printf; the screen's numbers only
 * (batch output and row texts for matching stay plain). */
const char *draw_num(uint64_t v);
/* v in at most width columns: grouped when that fits, else shortened ("123k",
 * "42.9M", "1.2G"). */
const char *draw_num_fit(uint64_t v, int width);
/* Word wrapping: the bytes of s[0..n) that make its first line in width columns
 * (whole words while they fit; a word longer than the line is cut), and in *next
 * where the following line starts (the blanks after the break skipped). n when all
 * of it fits. */
size_t draw_wrap(const char *s, size_t n, int width, size_t *next);
/* The name to show for firm: its name, or in a non-UTF-8 locale, where a name in
 * Chinese would come out as a row of '?', its alias when it has one. */
const char *draw_firm_name(const struct dataset *ds, uint32_t firm);
/* Display columns s would take once sanitized. */
int draw_width(const char *s);
/* "→", "←", "↔" or their ASCII forms; dir 0 out, 1 in, 2 mutual. */
const char *draw_arrow(int dir);
/* A frame around the whole window in box-drawing characters ("+-|" with ascii_only),
 * written as text so screen dumps read the same as the terminal shows. */
void draw_box(WINDOW *w, attr_t attr);
/* A horizontal stacked bar of width columns: counts[i] share drawn with letter marks[i]
 * and style styles[i]; nothing drawn for a zero total. */
void draw_bar(WINDOW *w, int y, int x, int width, const unsigned *counts, size_t n,
              const char *marks, const enum style *styles, attr_t base);

#endif
