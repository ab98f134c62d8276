/* quote: owns turning data text into one field or string of the output formats
 * that have no library to do it (CSV, Graphviz DOT, Pajek); XML and JSON go
 * through libxml2 and jansson instead. */
#ifndef FIRMNET_QUOTE_H
#define FIRMNET_QUOTE_H
#include "text.h"

/* One CSV field as RFC 4180 writes it: quoted (with quotes doubled) when it holds
 * the delimiter, a quote, CR or LF, or starts or ends with a blank (other tools trim
 * those); as it is otherwise. Returns tb->buf, replaced on each call. */
const char *quote_csv(struct textbuf *tb, const char *s, char delim);

/* A DOT double-quoted string, quotes included, usable as an ID and as a label:
 * '"' and '\' are escaped, a line break becomes \n (a centred line in a label),
 * other control characters become a space. Distinct inputs without controls stay
 * distinct IDs. Returns tb->buf. */
const char *quote_dot(struct textbuf *tb, const char *s);

/* A Pajek double-quoted label, quotes included. Pajek has no escapes, so the
 * mapping is lossy by necessity: '"' becomes '\'' and every control character
 * (line breaks, tabs) a space. Returns tb->buf. */
const char *quote_pajek(struct textbuf *tb, const char *s);

#endif
