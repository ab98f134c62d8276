/* dataset: owns the firms and linkages of one loaded dataset as column arrays,
 * their strings (one strpool) and the id index. */
#ifndef FIRMNET_DATASET_H
#define FIRMNET_DATASET_H
#include <stddef.h>
#include <stdint.h>
#include "catcol.h"
#include "linemap.h"
#include "strpool.h"
#include "vocab.h"

#define FIRM_NONE UINT32_MAX
#define YEAR_NONE 0          /* founded/since/until not given */
/* The years a dataset may hold (founded, since, until) and the options take (--as-of,
 * --compare-years, the explorer's as-of): the one place the range is set. Messages
 * print it with YEAR_MIN_S and YEAR_MAX_S; the docs state it as 1800..2100 and
 * tests/cli/man.test checks that they say what this says. */
#define YEAR_MIN 1800
#define YEAR_MAX 2100
#define YEAR_STR_(x) #x
#define YEAR_STR(x) YEAR_STR_(x)
#define YEAR_MIN_S YEAR_STR(YEAR_MIN)
#define YEAR_MAX_S YEAR_STR(YEAR_MAX)
static inline int year_in_range(long long y) { return y >= YEAR_MIN && y <= YEAR_MAX; }
#define EMPLOYEES_NONE (-1)  /* employees not given */
#define DATASET_ID_INLINE 16 /* bytes of an id kept in its hash slot */
#define DATASET_ID_IN_SLOT(slot) ((strref)((slot) << 1 | 1u)) /* firms.id of an id kept in slot */
static inline int dataset_id_in_slot(strref r) { return (int)(r & 1u); }

/* The fixed columns of firms.csv, in the order the docs list them. */
#define FIRM_COLUMNS(X) \
    X(FC_ID, "id", 1) X(FC_NAME, "name", 1) X(FC_ALIAS, "alias", 0) \
    X(FC_INDUSTRY, "industry", 1) X(FC_SCALE, "scale", 0) X(FC_LOCATION, "location", 0) \
    X(FC_EMPLOYEES, "employees", 0) X(FC_FOUNDED, "founded", 0) \
    X(FC_OWNERSHIP, "ownership", 0) X(FC_ROLE, "role", 0)
#define LINK_COLUMNS(X) \
    X(LC_SOURCE, "source", 1) X(LC_TARGET, "target", 1) X(LC_TYPE, "type", 1) \
    X(LC_FORM, "form", 0) X(LC_SINCE, "since", 0) X(LC_UNTIL, "until", 0) X(LC_WEIGHT, "weight", 0) \
    X(LC_NOTE, "note", 0) X(LC_REF, "ref", 0)

#define X(e, name, req) e,
enum firm_column { FIRM_COLUMNS(X) FC_COUNT };
enum link_column { LINK_COLUMNS(X) LC_COUNT };
#undef X

const char *dataset_firm_column_name(unsigned c);
const char *dataset_link_column_name(unsigned c);
int dataset_firm_column_required(unsigned c);
int dataset_link_column_required(unsigned c);

/* Columns the format does not define, kept per row so nothing is dropped. */
struct extra_columns {
    uint32_t n;       /* number of extra columns */
    strref *name;     /* n header names, as written */
    strref *value;    /* rows * n values, row-major */
};

struct firm_table {
    uint32_t n;
    size_t cap;
    /* An id shorter than DATASET_ID_INLINE bytes is kept once, in its slot of the id
     * index (a tenth of a firm-heavy dataset's memory was ids held twice), and id[i]
     * is DATASET_ID_IN_SLOT(slot), odd; a longer one is in the pool at an even offset.
     * Read them with dataset_firm_id. */
    strref *id;
    strref *name, *alias;
    struct catcol location, ownership, role; /* interned; read with catcol_get */
    uint32_t *industry;   /* index into dataset.industry_name */
    uint8_t *scale;       /* enum scale */
    int32_t *employees;   /* EMPLOYEES_NONE when not given */
    int16_t *founded;     /* YEAR_NONE when not given */
    struct linemap line;  /* the line in firms.csv where each record starts: dataset_firm_line */
    struct extra_columns extra;
};

struct link_table {
    uint32_t n;
    size_t cap;
    uint32_t *source, *target; /* firm indices */
    uint8_t *type;        /* enum link_type */
    uint8_t *form;        /* enum link_form */
    uint8_t *scale;       /* derived: the farther scale of the two ends */
    int16_t *since;       /* YEAR_NONE when not given */
    int16_t *until;       /* last year in force; YEAR_NONE while it lasts (or not given) */
    /* The weights, > 0 (1 when not given), as dataset_link_weight reads them: while
     * the table holds at most LINK_WEIGHT_CODES distinct values (surveys rate ties on a
     * few points) each linkage keeps a byte, the index of its value in weight_value,
     * and weight is NULL; the 257th distinct value turns them into one double a
     * linkage in weight, and weight_code and weight_value are NULL from then on. */
    double *weight;
    uint8_t *weight_code;
    double *weight_value; /* n_weight_values used; room for LINK_WEIGHT_CODES once weight_slot is made */
    uint32_t n_weight_values;
    uint16_t *weight_slot; /* the adder's hash of weight_value (code + 1, 0 free); NULL in a dataset read back */
    strref *note, *ref;
    struct linemap line;  /* the line in linkages.csv where each record starts: dataset_link_line */
    struct extra_columns extra;
};

#define LINK_WEIGHT_CODES 256

struct dataset {
    char *dir;                 /* owned; as the user named it */
    char *firms_path, *links_path; /* owned; used in every message */
    char *conf_path;           /* owned; DIR/firmnet.conf, whether or not it exists */
    struct strpool pool;
    struct firm_table firms;
    struct link_table links;
    /* id -> firm index, open addressing with the hash in the slot; the id's first
     * DATASET_ID_INLINE bytes are kept in the slot too (NUL-padded), so a lookup of
     * an id that short costs one cache miss, not three (slot, firms.id, pool), and
     * such an id is kept nowhere else (firms.id names its slot) */
    struct id_slot { uint32_t hash; uint32_t firm; char key[DATASET_ID_INLINE]; } *id_slots;
    size_t id_nslots;
    /* industries are interned: firms.industry[i] indexes these */
    uint32_t n_industries;
    size_t industries_cap;
    strref *industry_name;
    /* interned name -> industry + 1 (0 free), open addressing over a power of two at
     * most half full; NULL until an industry is interned (in a dataset read back, too) */
    uint32_t *industry_slot;
    size_t industry_nslots;
    int intern_pending;        /* the pool's intern table is to be made (dataset_adopt, dataset_seal) */
};

void dataset_init(struct dataset *ds);
void dataset_free(struct dataset *ds);
static inline const char *dataset_str(const struct dataset *ds, strref r) { return strpool_get(&ds->pool, r); }
/* Firm i's id, NUL-terminated: in the id index or the pool (see struct firm_table).
 * Like any string of the dataset, it may move when a firm is added. */
static inline const char *dataset_firm_id(const struct dataset *ds, uint32_t i)
{
    strref r = ds->firms.id[i];
    return dataset_id_in_slot(r) ? ds->id_slots[r >> 1].key : strpool_get(&ds->pool, r);
}
/* The text of firm's fixed column col (enum firm_column) as every front end shows
 * it: numbers printed into buf (DATASET_NUM_BUF bytes; NULL when col is a text
 * column), "" when not given. The one accessor of the columns: show, the explorer's
 * details, filters and the CSV export read through it. */
#define DATASET_NUM_BUF 16
const char *dataset_firm_text(const struct dataset *ds, uint32_t firm, unsigned col, char *buf);
/* Linkage e's weight, whichever way the table holds them. */
static inline double dataset_link_weight(const struct dataset *ds, uint32_t e)
{
    const struct link_table *l = &ds->links;
    return l->weight_code ? l->weight_value[l->weight_code[e]] : l->weight[e];
}
/* Where linkage e's weight is kept, to prefetch it. */
static inline const void *dataset_link_weight_at(const struct dataset *ds, uint32_t e)
{
    const struct link_table *l = &ds->links;
    return l->weight_code ? (const void *)&l->weight_code[e] : (const void *)&l->weight[e];
}
/* The line of its file where firm i's (linkage e's) record starts. */
static inline uint32_t dataset_firm_line(const struct dataset *ds, uint32_t i) { return linemap_get(&ds->firms.line, i); }
static inline uint32_t dataset_link_line(const struct dataset *ds, uint32_t e) { return linemap_get(&ds->links.line, e); }

/* One firm as the loader (or a test) hands it over; strings are copied in. */
struct firm_record {
    const char *id, *name, *alias, *industry, *location, *ownership, *role;
    unsigned scale;
    int32_t employees;
    int16_t founded;
    uint32_t line;
    const char *const *extra; /* extra.n values or NULL */
};
/* Returns the new firm's index, or FIRM_NONE when the id is already taken. */
uint32_t dataset_add_firm(struct dataset *ds, const struct firm_record *r);

struct link_record {
    uint32_t source, target;
    unsigned type, form;      /* form VOCAB_NONE = the type's default */
    int16_t since, until;     /* YEAR_NONE when not given */
    double weight;            /* <= 0 means 1 */
    const char *note, *ref;
    uint32_t line;
    const char *const *extra;
};
/* Derives the linkage's scale from its ends; returns its index. */
uint32_t dataset_add_link(struct dataset *ds, const struct link_record *r);

/* Sizes the columns (and the id index) for this many rows ahead of time, so that a
 * big load grows nothing by copying: the copies left behind as freed heap would count
 * in the peak memory. More rows than reserved still work. */
void dataset_reserve(struct dataset *ds, size_t firms, size_t links);

/* Declares extra columns before any row is added. */
void dataset_set_firm_extra(struct dataset *ds, uint32_t n, const char *const *names);
void dataset_set_link_extra(struct dataset *ds, uint32_t n, const char *const *names);

/* A dataset's columns without its indexes, as its snapshot stores them: every array
 * and the pool's bytes from malloc, the counts in n and extra.n (cap is not read).
 * The ids kept in the index are in slot_ids instead, one after the other in firm
 * order, each NUL-terminated; their entries of firms.id are odd, any odd value. */
struct dataset_columns {
    char *pool;               /* pool_len bytes, NUL first and last */
    size_t pool_len;
    char *slot_ids;           /* slot_ids_len bytes; NULL in a view (dataset_slot_ids_text reads them) */
    size_t slot_ids_len;
    struct firm_table firms;
    struct link_table links;  /* scale included: dataset_link_scale of its ends */
    strref *industry_name;
    uint32_t n_industries;
};
/* The columns of ds as they are, to be read (the snapshot writes them out); they stay ds's. */
struct dataset_columns dataset_columns_view(const struct dataset *ds);
/* Takes over cols's arrays as the columns of ds (its paths stay; columns it had are
 * freed) and builds the id index from them at once, as dataset_add_firm would have
 * firm by firm. The pool's intern table is made from the interned columns only before
 * the first firm, linkage, industry or extra column is added (never, in a dataset read
 * back, so a read does not pay for it). Returns 0, or -1 when a firm's id is empty or
 * another's: then ds is as it was and cols's arrays are still the caller's, to free
 * with dataset_columns_free once nothing reads them (the snapshot's graph build may
 * still be reading the linkages on another thread). */
int dataset_adopt(struct dataset *ds, const struct dataset_columns *cols);
/* The ids kept in the index as dataset_columns.slot_ids holds them, a piece at a time:
 * from firm *from on, as many whole ids as fit in cap bytes (cap >= DATASET_ID_INLINE)
 * go to buf; returns their bytes and moves *from past them (to firms.n at the end).
 * With buf NULL, counts the bytes of them all. */
size_t dataset_slot_ids_text(const struct dataset *ds, uint32_t *from, char *buf, size_t cap);
/* Frees every array of cols (a set of columns no dataset took over). */
void dataset_columns_free(struct dataset_columns *cols);
/* The loader's step between the files: every firm is in, so the id index is cut to
 * its size for these firms (the reserve sized it for the estimate and its margin, an
 * eighth more). Firms may still be added. */
void dataset_firms_done(struct dataset *ds);
/* The loader's last step before the graph: frees the pool's intern table (at a million
 * distinct refs 24 MB that nothing reads once loaded) and the arena's spare room; the
 * table is made again, as after a snapshot read, if anything is added later. */
void dataset_seal(struct dataset *ds);

uint32_t dataset_find_firm(const struct dataset *ds, const char *id, size_t n);
/* Lookups in bulk: hash an id and start fetching its slot now, look it up with the
 * hash a few rows later, when the slot is in cache (the loader resolves ten million
 * linkage ends this way; each would otherwise wait for memory in turn). */
uint32_t dataset_prefetch_firm(const struct dataset *ds, const char *id, size_t n);
/* For an id shorter than DATASET_ID_INLINE bytes this reads the id index only, never
 * the pool, so another thread may call it while linkages (not firms) are added. */
uint32_t dataset_find_firm_hashed(const struct dataset *ds, const char *id, size_t n, uint32_t hash);
uint32_t dataset_intern_industry(struct dataset *ds, const char *s, size_t n);
/* The existing id closest to id by edit distance, or FIRM_NONE. */
uint32_t dataset_suggest_firm(const struct dataset *ds, const char *id, size_t n);
/* Scale of a linkage between firms of scales a and b: local only when both are. */
static inline unsigned dataset_link_scale(unsigned a, unsigned b) { return a > b ? a : b; }

#endif
