/* export_impl: owns what the export_*.c writers share and nothing outside them
 * sees: the resolved selection and a typed view of every firm and linkage attribute. */
#ifndef FIRMNET_EXPORT_IMPL_H
#define FIRMNET_EXPORT_IMPL_H
#include <stdio.h>
#include "export.h"
#include "text.h"

struct export_sel {
    const struct dataset *ds;   /* borrowed */
    uint32_t n_firms, *firm;    /* selected firms, ascending; owned */
    uint32_t *pos;              /* ds->firms.n: index into firm[], or UINT32_MAX; owned */
    uint32_t n_links, *link;    /* selected linkages, ascending; owned */
    const struct ego_map *map;  /* borrowed; the SVG writer's map, NULL otherwise */
};

enum export_kind { EK_STRING, EK_INT, EK_DOUBLE, EK_BOOL };

/* One attribute value; text is always set when present (numbers printed into the
 * caller's buffer) so XML writers need not format again. */
struct export_value {
    int present;      /* 0: not given, leave it out */
    uint8_t kind;     /* enum export_kind */
    const char *text; /* borrowed from the dataset or the buffer passed in */
    long long i;      /* EK_INT, EK_BOOL */
    double d;         /* EK_DOUBLE */
};
#define EXPORT_VALUE_BUF 32

/* Firm attributes are every column but id, then the extra columns; linkage
 * attributes are type, form, scale (derived), mutual (derived: the type has no
 * direction), since, until, weight, note, ref, then the extra columns. A derived name an
 * extra column already uses is left out so names stay unique. */
unsigned export_firm_nattrs(const struct dataset *ds);
const char *export_firm_attr_name(const struct dataset *ds, unsigned a);
enum export_kind export_firm_attr_kind(const struct dataset *ds, unsigned a);
void export_firm_value(const struct dataset *ds, uint32_t firm, unsigned a, struct export_value *v,
                       char buf[EXPORT_VALUE_BUF]);
unsigned export_link_nattrs(const struct dataset *ds);
const char *export_link_attr_name(const struct dataset *ds, unsigned a);
enum export_kind export_link_attr_kind(const struct dataset *ds, unsigned a);
void export_link_value(const struct dataset *ds, uint32_t link, unsigned a, struct export_value *v,
                       char buf[EXPORT_VALUE_BUF]);

/* Data text as XML 1.0 allows it: control characters other than tab, LF and CR
 * (which XML cannot carry at all) become U+FFFD. Returns s itself when clean,
 * else tb->buf. */
const char *export_xml_text(struct textbuf *tb, const char *s);

/* libxml2 writes through this sink so that the errno of a failed write (ENOSPC,
 * EIO) survives to the message, and libxml2's own error printing stays quiet. */
struct export_xml_sink {
    FILE *fp;
    int saved_errno;   /* 0, or the errno of the first failed write */
};
/* Returns a new xmlTextWriterPtr writing to sink->fp, or NULL on failure (then
 * export_xml_finish(sink, -1)); the caller frees it with xmllib.FreeTextWriter.
 * libxml2 must have been opened (xmllib_open: export_write and
 * export_write_ego_svg do it before anything is written). */
void *export_xml_writer(struct export_xml_sink *sink);
/* After xmlFreeTextWriter: returns rc, and when a write failed, -1 with errno set. */
int export_xml_finish(struct export_xml_sink *sink, int rc);

/* The shortest decimal text that reads back as exactly d. */
void export_format_double(double d, char buf[EXPORT_VALUE_BUF]);

/* Writers: each returns 0, or -1 with errno saying why (a failed write of the
 * stream, usually); the caller reports it with the path. A writer never closes out. */
int export_write_graphml(const struct export_sel *s, FILE *out);
int export_write_gexf(const struct export_sel *s, FILE *out);
int export_write_pajek(const struct export_sel *s, FILE *out);
int export_write_pajek_plain(const struct export_sel *s, FILE *out);
int export_write_pajek_clu(const struct export_sel *s, FILE *out);
int export_write_dot(const struct export_sel *s, FILE *out);
int export_write_json(const struct export_sel *s, FILE *out);
int export_write_firms_csv(const struct export_sel *s, FILE *out);
int export_write_links_csv(const struct export_sel *s, FILE *out);
/* Draws s->map; the firm and linkage selection is not used. */
int export_write_svg(const struct export_sel *s, FILE *out);

#endif
