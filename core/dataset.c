#include "dataset.h"
#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct column_info { const char *name; int required; }
firm_cols[] = {
#define X(e, name, req) {name, req},
    FIRM_COLUMNS(X)
}, link_cols[] = {
    LINK_COLUMNS(X)
#undef X
};

const char *dataset_firm_column_name(unsigned c) { return c < FC_COUNT ? firm_cols[c].name : "?"; }
const char *dataset_link_column_name(unsigned c) { return c < LC_COUNT ? link_cols[c].name : "?"; }
int dataset_firm_column_required(unsigned c) { return c < FC_COUNT && firm_cols[c].required; }
int dataset_link_column_required(unsigned c) { return c < LC_COUNT && link_cols[c].required; }

const char *dataset_firm_text(const struct dataset *ds, uint32_t firm, unsigned col, char *buf)
{
    const struct firm_table *t = &ds->firms;
    switch (col) {
    case FC_ID: return dataset_firm_id(ds, firm);
    case FC_NAME: return dataset_str(ds, t->name[firm]);
    case FC_ALIAS: return dataset_str(ds, t->alias[firm]);
    case FC_INDUSTRY: return dataset_str(ds, ds->industry_name[t->industry[firm]]); /* always interned */
    case FC_SCALE: return vocab_scale_name(t->scale[firm]);
    case FC_LOCATION: return dataset_str(ds, catcol_get(&t->location, firm));
    case FC_EMPLOYEES:
        if (t->employees[firm] == EMPLOYEES_NONE || !buf)
            return "";
        snprintf(buf, DATASET_NUM_BUF, "%ld", (long)t->employees[firm]);
        return buf;
    case FC_FOUNDED:
        if (t->founded[firm] == YEAR_NONE || !buf)
            return "";
        snprintf(buf, DATASET_NUM_BUF, "%d", (int)t->founded[firm]);
        return buf;
    case FC_OWNERSHIP: return dataset_str(ds, catcol_get(&t->ownership, firm));
    case FC_ROLE: return dataset_str(ds, catcol_get(&t->role, firm));
    default: return "";
    }
}

void dataset_init(struct dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    strpool_init(&ds->pool);
}

static void extra_free(struct extra_columns *e)
{
    free(e->name);
    free(e->value);
}

static void columns_free(struct firm_table *f, struct link_table *l)
{
    free(f->id); free(f->name); free(f->alias); catcol_free(&f->location);
    catcol_free(&f->ownership); catcol_free(&f->role); free(f->industry); free(f->scale);
    free(f->employees); free(f->founded); linemap_free(&f->line);
    extra_free(&f->extra);
    free(l->source); free(l->target); free(l->type); free(l->form); free(l->scale);
    free(l->since); free(l->until); free(l->weight); free(l->note); free(l->ref); linemap_free(&l->line);
    free(l->weight_code); free(l->weight_value); free(l->weight_slot);
    extra_free(&l->extra);
}

void dataset_free(struct dataset *ds)
{
    free(ds->dir);
    free(ds->firms_path);
    free(ds->links_path);
    free(ds->conf_path);
    strpool_free(&ds->pool);
    columns_free(&ds->firms, &ds->links);
    free(ds->id_slots);
    free(ds->industry_name);
    free(ds->industry_slot);
    memset(ds, 0, sizeof *ds);
}

static void intern_column(struct strpool *p, const strref *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i])
            (void)strpool_intern_ref(p, v[i]);
}

static void intern_one(void *pool, strref r)
{
    if (r)
        (void)strpool_intern_ref(pool, r);
}

/* The pool's intern table made again from every column the loader interns, before
 * anything is added to a dataset read back from its snapshot: each distinct value
 * was stored once, so the table is the one the load had and an added firm shares
 * its location's offset with the firms loaded. */
static void intern_again(struct dataset *ds)
{
    if (!ds->intern_pending)
        return;
    ds->intern_pending = 0;
    const struct firm_table *f = &ds->firms;
    const struct link_table *l = &ds->links;
    intern_column(&ds->pool, ds->industry_name, ds->n_industries);
    intern_column(&ds->pool, f->extra.name, f->extra.n);
    intern_column(&ds->pool, l->extra.name, l->extra.n);
    catcol_each(&f->location, f->n, intern_one, &ds->pool);
    catcol_each(&f->ownership, f->n, intern_one, &ds->pool);
    catcol_each(&f->role, f->n, intern_one, &ds->pool);
    intern_column(&ds->pool, f->extra.value, (size_t)f->n * f->extra.n);
    intern_column(&ds->pool, l->ref, l->n);
    intern_column(&ds->pool, l->extra.value, (size_t)l->n * l->extra.n);
}

static strref add_opt(struct dataset *ds, const char *s)
{
    return s ? strpool_add(&ds->pool, s, strlen(s)) : 0;
}

static strref intern_opt(struct dataset *ds, const char *s)
{
    return s ? strpool_intern(&ds->pool, s, strlen(s)) : 0;
}

static void set_extra(struct dataset *ds, struct extra_columns *e, uint32_t n, const char *const *names)
{
    intern_again(ds);
    free(e->name);
    e->n = n;
    e->name = xcalloc(n ? n : 1, sizeof *e->name);
    for (uint32_t i = 0; i < n; i++)
        e->name[i] = strpool_intern(&ds->pool, names[i], strlen(names[i]));
}

void dataset_set_firm_extra(struct dataset *ds, uint32_t n, const char *const *names)
{
    set_extra(ds, &ds->firms.extra, n, names);
}

void dataset_set_link_extra(struct dataset *ds, uint32_t n, const char *const *names)
{
    set_extra(ds, &ds->links.extra, n, names);
}

/* A hash's first slot in a table of any size, not only a power of two (Lemire's
 * multiply-shift): sized at one and a half slots a firm, the index holds 36 MB at a
 * million firms where the next power of two above the load factor's bound held 50. */
static inline size_t id_home(uint32_t h, size_t nslots) { return (size_t)(((uint64_t)h * nslots) >> 32); }
static inline size_t id_next(size_t j, size_t nslots) { return j + 1 < nslots ? j + 1 : 0; }

/* Slots for this many firms: one and a half each (under dataset_add_firm's 3/4). */
static size_t id_slots_for(size_t firms)
{
    size_t n = firms + firms / 2 + 1;
    return n < 1024 ? 1024 : n;
}

static void id_resize(struct dataset *ds, size_t n)
{
    if (n > (size_t)1 << 31)
        xalloc_die("more firms than the id index holds"); /* DATASET_ID_IN_SLOT takes 31 bits */
    struct id_slot *s = xcalloc_huge(n, sizeof *s);
    for (size_t i = 0; i < ds->id_nslots; i++) {
        if (!ds->id_slots[i].hash)
            continue;
        size_t j = id_home(ds->id_slots[i].hash, n);
        while (s[j].hash)
            j = id_next(j, n);
        s[j] = ds->id_slots[i];
        strref *r = &ds->firms.id[s[j].firm];
        if (dataset_id_in_slot(*r)) /* the id moves with its slot */
            *r = DATASET_ID_IN_SLOT(j);
    }
    free(ds->id_slots);
    ds->id_slots = s;
    ds->id_nslots = n;
}

/* The id as its slot keeps it: NUL-padded to DATASET_ID_INLINE bytes, cut when longer. */
static void id_inline(char key[DATASET_ID_INLINE], const char *id, size_t n)
{
    size_t k = n < DATASET_ID_INLINE ? n : DATASET_ID_INLINE;
    memset(key, 0, DATASET_ID_INLINE);
    memcpy(key, id, k);
}

/* Returns the slot holding id, or the empty slot where it would go. Ids hold no NUL
 * (the loader refuses such rows), so equal padded keys of an id shorter than
 * DATASET_ID_INLINE mean equal ids; longer ones are compared in the pool. */
static size_t id_probe(const struct dataset *ds, const char *id, size_t n, uint32_t h)
{
    char key[DATASET_ID_INLINE];
    id_inline(key, id, n);
    size_t j = id_home(h, ds->id_nslots);
    while (ds->id_slots[j].hash) {
        if (ds->id_slots[j].hash == h && memcmp(ds->id_slots[j].key, key, DATASET_ID_INLINE) == 0) {
            if (n < DATASET_ID_INLINE)
                return j;
            const char *t = dataset_str(ds, ds->firms.id[ds->id_slots[j].firm]); /* long: in the pool */
            if (strncmp(t, id, n) == 0 && t[n] == '\0')
                return j;
        }
        j = id_next(j, ds->id_nslots);
    }
    return j;
}

/* Fills the empty slot id_probe found with firm i's id. */
static void id_place(struct dataset *ds, size_t slot, uint32_t h, uint32_t i, const char *id, size_t n)
{
    ds->id_slots[slot].hash = h;
    ds->id_slots[slot].firm = i;
    id_inline(ds->id_slots[slot].key, id, n);
}

uint32_t dataset_find_firm(const struct dataset *ds, const char *id, size_t n)
{
    return dataset_find_firm_hashed(ds, id, n, strpool_hash(id, n));
}

uint32_t dataset_prefetch_firm(const struct dataset *ds, const char *id, size_t n)
{
    uint32_t h = strpool_hash(id, n);
    if (ds->id_nslots) {
        /* a 24-byte slot straddles two cache lines more than a third of the time */
        const struct id_slot *slot = &ds->id_slots[id_home(h, ds->id_nslots)];
        __builtin_prefetch(slot);
        __builtin_prefetch((const char *)(slot + 1) - 1);
    }
    return h;
}

uint32_t dataset_find_firm_hashed(const struct dataset *ds, const char *id, size_t n, uint32_t hash)
{
    if (!ds->id_nslots)
        return FIRM_NONE;
    size_t j = id_probe(ds, id, n, hash);
    return ds->id_slots[j].hash ? ds->id_slots[j].firm : FIRM_NONE;
}

static size_t industry_home(strref r, size_t nslots) { return (size_t)(((uint64_t)r * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (nslots - 1); }

/* The index of the interned names, made for this many industries at most half full. */
static void industry_slots_make(struct dataset *ds, size_t industries)
{
    size_t n = 16;
    while (n < industries * 2)
        n *= 2;
    free(ds->industry_slot);
    ds->industry_slot = xcalloc(n, sizeof *ds->industry_slot);
    ds->industry_nslots = n;
    for (uint32_t i = 0; i < ds->n_industries; i++) {
        size_t j = industry_home(ds->industry_name[i], n);
        while (ds->industry_slot[j])
            j = (j + 1) & (n - 1);
        ds->industry_slot[j] = i + 1;
    }
}

uint32_t dataset_intern_industry(struct dataset *ds, const char *s, size_t n)
{
    intern_again(ds);
    /* the name interned, equal names share an offset: the index compares offsets only
     * (a linear scan was quadratic in a sheet whose industry is free text) */
    strref r = strpool_intern(&ds->pool, s, n);
    if ((size_t)ds->n_industries * 2 >= ds->industry_nslots)
        industry_slots_make(ds, (size_t)ds->n_industries + 1);
    size_t j = industry_home(r, ds->industry_nslots);
    for (uint32_t k; (k = ds->industry_slot[j]) != 0; j = (j + 1) & (ds->industry_nslots - 1))
        if (ds->industry_name[k - 1] == r)
            return k - 1;
    ds->industry_name = xgrow(ds->industry_name, &ds->industries_cap, ds->n_industries + 1,
                              sizeof *ds->industry_name);
    ds->industry_name[ds->n_industries] = r;
    ds->industry_slot[j] = ds->n_industries + 1;
    return ds->n_industries++;
}

#define GROW(arr, cap, need) arr = xrealloc(arr, (cap) * sizeof *(arr))

/* The first row capacity: 'usual' rows, but fewer when there are many extra columns,
 * whose values take rows * columns slots; a hostile header of a million columns must
 * not reserve gigabytes before the first row is known to exist. */
static size_t first_capacity(size_t usual, uint32_t n_extra)
{
    const size_t budget = (size_t)1 << 16; /* extra-value slots reserved up front */
    if ((size_t)n_extra * usual <= budget)
        return usual;
    size_t c = budget / n_extra;
    return c ? c : 1;
}

static void firms_reserve(struct dataset *ds, size_t need)
{
    struct firm_table *f = &ds->firms;
    if (need <= f->cap)
        return;
    size_t c = f->cap ? f->cap * 2 : first_capacity(256, f->extra.n);
    while (c < need)
        c *= 2;
    GROW(f->id, c, need); GROW(f->name, c, need); GROW(f->alias, c, need);
    catcol_reserve(&f->location, c); catcol_reserve(&f->ownership, c); catcol_reserve(&f->role, c);
    GROW(f->industry, c, need); GROW(f->scale, c, need); GROW(f->employees, c, need);
    GROW(f->founded, c, need);
    if (f->extra.n)
        f->extra.value = xrealloc(f->extra.value, c * f->extra.n * sizeof *f->extra.value);
    f->cap = c;
}

static void links_reserve(struct dataset *ds, size_t need)
{
    struct link_table *l = &ds->links;
    if (need <= l->cap)
        return;
    size_t c = l->cap ? l->cap * 2 : first_capacity(1024, l->extra.n);
    while (c < need)
        c *= 2;
    GROW(l->source, c, need); GROW(l->target, c, need); GROW(l->type, c, need);
    GROW(l->form, c, need); GROW(l->scale, c, need); GROW(l->since, c, need);
    GROW(l->until, c, need);
    if (l->weight)
        GROW(l->weight, c, need);
    else
        GROW(l->weight_code, c, need);
    GROW(l->note, c, need); GROW(l->ref, c, need);
    if (l->extra.n)
        l->extra.value = xrealloc(l->extra.value, c * l->extra.n * sizeof *l->extra.value);
    l->cap = c;
}

void dataset_reserve(struct dataset *ds, size_t firms, size_t links)
{
    firms_reserve(ds, firms);
    links_reserve(ds, links);
    if (firms * 4 > ds->id_nslots * 3)
        id_resize(ds, id_slots_for(firms));
}

uint32_t dataset_add_firm(struct dataset *ds, const struct firm_record *r)
{
    intern_again(ds);
    size_t n = strlen(r->id);
    if (((size_t)ds->firms.n + 1) * 4 > ds->id_nslots * 3) /* in size_t: no wrap past 2^30 firms */
        id_resize(ds, ds->id_nslots ? ds->id_nslots * 2 : 1024);
    uint32_t h = strpool_hash(r->id, n);
    size_t slot = id_probe(ds, r->id, n, h);
    if (ds->id_slots[slot].hash)
        return FIRM_NONE;
    firms_reserve(ds, (size_t)ds->firms.n + 1);
    struct firm_table *f = &ds->firms;
    uint32_t i = f->n++;
    f->id[i] = n < DATASET_ID_INLINE ? DATASET_ID_IN_SLOT(slot) : strpool_add_even(&ds->pool, r->id, n);
    f->name[i] = add_opt(ds, r->name);
    f->alias[i] = add_opt(ds, r->alias);
    /* short categorical columns repeat a lot: intern them so grouping compares offsets */
    catcol_set(&f->location, i, f->cap, intern_opt(ds, r->location));
    catcol_set(&f->ownership, i, f->cap, intern_opt(ds, r->ownership));
    catcol_set(&f->role, i, f->cap, intern_opt(ds, r->role));
    f->industry[i] = dataset_intern_industry(ds, r->industry ? r->industry : "",
                                             r->industry ? strlen(r->industry) : 0);
    f->scale[i] = (uint8_t)(r->scale < SCALE_COUNT ? r->scale : SCALE_LOCAL);
    f->employees[i] = r->employees;
    f->founded[i] = r->founded;
    linemap_append(&f->line, r->line);
    for (uint32_t k = 0; k < f->extra.n; k++)
        f->extra.value[(size_t)i * f->extra.n + k] =
            r->extra && r->extra[k] ? strpool_intern(&ds->pool, r->extra[k], strlen(r->extra[k])) : 0;
    id_place(ds, slot, h, i, r->id, n);
    return i;
}

/* Firms whose ids are hashed and their slots fetched ahead of their insertion: a
 * million inserts would otherwise each wait for memory in turn. */
#define ID_AHEAD 16u

/* The id index of columns filled in at once, the ids kept in their slots taken from
 * text (len bytes, see struct dataset_columns) and the entries of firms.id pointed at
 * their slots: 0, or -1 (the index left empty) when a firm's id is empty or another's,
 * or the ids are not as the columns say (a short id in the pool, a long one or one
 * too many or too few in text). */
static int index_ids(struct dataset *ds, const char *text, size_t len)
{
    const uint32_t n = ds->firms.n;
    free(ds->id_slots);
    ds->id_slots = NULL;
    ds->id_nslots = 0;
    size_t nslots = id_slots_for(n);
    ds->id_slots = xcalloc_huge(nslots, sizeof *ds->id_slots);
    ds->id_nslots = nslots;
    uint32_t hash[ID_AHEAD];
    size_t idlen[ID_AHEAD];
    const char *idp[ID_AHEAD];
    size_t at = 0; /* into text */
    int bad = 0;
    for (uint32_t i = 0; i < n + ID_AHEAD && !bad; i++) {
        if (i >= ID_AHEAD) {
            uint32_t f = i - ID_AHEAD, q = f % ID_AHEAD;
            size_t slot = id_probe(ds, idp[q], idlen[q], hash[q]);
            if (ds->id_slots[slot].hash) { /* no two firms have one id */
                bad = 1;
                break;
            }
            id_place(ds, slot, hash[q], f, idp[q], idlen[q]);
            if (dataset_id_in_slot(ds->firms.id[f]))
                ds->firms.id[f] = DATASET_ID_IN_SLOT(slot);
        }
        if (i < n) {
            uint32_t q = i % ID_AHEAD;
            strref r = ds->firms.id[i];
            if (dataset_id_in_slot(r)) {
                if (at >= len) { /* more ids in slots than text holds */
                    bad = 1;
                    break;
                }
                idp[q] = text + at;
                idlen[q] = strnlen(idp[q], len - at);
                bad = idlen[q] == 0 || idlen[q] >= DATASET_ID_INLINE || at + idlen[q] >= len;
                at += idlen[q] + 1;
            } else {
                idp[q] = dataset_str(ds, r);
                idlen[q] = strlen(idp[q]);
                bad = idlen[q] < DATASET_ID_INLINE; /* a long id, so in the pool */
            }
            if (!bad)
                hash[q] = dataset_prefetch_firm(ds, idp[q], idlen[q]);
        }
    }
    if (bad || at != len) {
        free(ds->id_slots);
        ds->id_slots = NULL;
        ds->id_nslots = 0;
        return -1;
    }
    ds->intern_pending = 1;
    return 0;
}

struct dataset_columns dataset_columns_view(const struct dataset *ds)
{
    struct dataset_columns c = {ds->pool.buf, ds->pool.len, NULL, 0, ds->firms, ds->links, ds->industry_name,
                                ds->n_industries};
    return c;
}

int dataset_adopt(struct dataset *ds, const struct dataset_columns *cols)
{
    struct dataset was = *ds;
    ds->pool = strpool_wrap(cols->pool, cols->pool_len);
    ds->firms = cols->firms;
    ds->firms.cap = ds->firms.n;
    ds->links = cols->links;
    ds->links.cap = ds->links.n;
    ds->firms.line.rows = ds->firms.n; /* cols hold the breakpoints alone */
    ds->firms.line.cap = ds->firms.line.n;
    ds->links.line.rows = ds->links.n;
    ds->links.line.cap = ds->links.line.n;
    ds->industry_name = cols->industry_name;
    ds->n_industries = cols->n_industries;
    ds->industries_cap = ds->n_industries;
    ds->industry_slot = NULL; /* made again when an industry is interned */
    ds->industry_nslots = 0;
    ds->id_slots = NULL; /* was's, freed below once the new one stands */
    ds->id_nslots = 0;
    if (index_ids(ds, cols->slot_ids, cols->slot_ids_len) != 0) {
        *ds = was; /* cols's arrays stay the caller's */
        return -1;
    }
    free(cols->slot_ids); /* its ids are in the index now */
    strpool_free(&was.pool);
    columns_free(&was.firms, &was.links);
    free(was.industry_name);
    free(was.industry_slot);
    free(was.id_slots);
    return 0;
}

size_t dataset_slot_ids_text(const struct dataset *ds, uint32_t *from, char *buf, size_t cap)
{
    size_t k = 0;
    uint32_t i = *from;
    for (; i < ds->firms.n; i++) {
        if (!dataset_id_in_slot(ds->firms.id[i]))
            continue;
        const char *id = dataset_firm_id(ds, i);
        size_t m = strlen(id) + 1;
        if (buf) {
            if (k + m > cap)
                break;
            memcpy(buf + k, id, m);
        }
        k += m;
    }
    *from = i;
    return k;
}

void dataset_columns_free(struct dataset_columns *cols)
{
    free(cols->pool);
    free(cols->slot_ids);
    columns_free(&cols->firms, &cols->links);
    free(cols->industry_name);
    memset(cols, 0, sizeof *cols);
}

/* A fuller table (a fifth empty) was tried: 6 MB less at L, but its longer probes
 * made the linkages' 20 million lookups 0.3 to 0.5 s slower. */
void dataset_firms_done(struct dataset *ds)
{
    size_t want = id_slots_for(ds->firms.n);
    if (ds->id_nslots > want + want / 16)
        id_resize(ds, want);
}

void dataset_seal(struct dataset *ds)
{
    strpool_seal(&ds->pool);
    linemap_trim(&ds->firms.line);
    linemap_trim(&ds->links.line);
    ds->intern_pending = 1;
}

#define WEIGHT_SLOTS ((size_t)2 * LINK_WEIGHT_CODES) /* a power of two, at most half full */

static size_t weight_home(double w)
{
    uint64_t b;
    memcpy(&b, &w, sizeof b);
    return (size_t)((b * UINT64_C(0x9E3779B97F4A7C15)) >> 55) & (WEIGHT_SLOTS - 1);
}

/* The hash of the distinct weights, made again for a table read back (which has none). */
static void weight_slots_make(struct link_table *l)
{
    l->weight_slot = xcalloc(WEIGHT_SLOTS, sizeof *l->weight_slot);
    for (uint32_t k = 0; k < l->n_weight_values; k++) {
        size_t j = weight_home(l->weight_value[k]);
        while (l->weight_slot[j])
            j = (j + 1) & (WEIGHT_SLOTS - 1);
        l->weight_slot[j] = (uint16_t)(k + 1);
    }
}

/* From codes to one double a linkage: the table has more distinct weights than a byte
 * tells apart. */
static void weights_expand(struct link_table *l, uint32_t rows)
{
    l->weight = xmalloc((l->cap ? l->cap : 1) * sizeof *l->weight);
    for (uint32_t e = 0; e < rows; e++)
        l->weight[e] = l->weight_value[l->weight_code[e]];
    free(l->weight_code);
    free(l->weight_value);
    free(l->weight_slot);
    l->weight_code = NULL;
    l->weight_value = NULL;
    l->weight_slot = NULL;
    l->n_weight_values = 0;
}

/* Row i's weight w (> 0, finite), row i being the last row. Weights are compared by
 * ==, which for positive finite doubles is equality of their bits. */
static void link_weight_set(struct link_table *l, uint32_t i, double w)
{
    if (l->weight) {
        l->weight[i] = w;
        return;
    }
    if (!l->weight_slot) { /* the first weight, or the first added to a table read back */
        l->weight_value = xrealloc(l->weight_value, LINK_WEIGHT_CODES * sizeof *l->weight_value);
        weight_slots_make(l);
    }
    size_t j = weight_home(w);
    uint16_t k;
    while ((k = l->weight_slot[j]) != 0 && l->weight_value[k - 1] != w)
        j = (j + 1) & (WEIGHT_SLOTS - 1);
    if (!k) {
        if (l->n_weight_values == LINK_WEIGHT_CODES) {
            weights_expand(l, i);
            l->weight[i] = w;
            return;
        }
        l->weight_value[l->n_weight_values++] = w;
        k = (uint16_t)l->n_weight_values;
        l->weight_slot[j] = k;
    }
    l->weight_code[i] = (uint8_t)(k - 1);
}

uint32_t dataset_add_link(struct dataset *ds, const struct link_record *r)
{
    intern_again(ds);
    links_reserve(ds, (size_t)ds->links.n + 1);
    struct link_table *l = &ds->links;
    uint32_t i = l->n++;
    l->source[i] = r->source;
    l->target[i] = r->target;
    l->type[i] = (uint8_t)r->type;
    l->form[i] = (uint8_t)(r->form < FORM_COUNT ? r->form : vocab_type_default_form(r->type));
    l->scale[i] = (uint8_t)dataset_link_scale(ds->firms.scale[r->source], ds->firms.scale[r->target]);
    l->since[i] = r->since;
    l->until[i] = r->until;
    link_weight_set(l, i, r->weight > 0 ? r->weight : 1.0);
    l->note[i] = add_opt(ds, r->note);
    l->ref[i] = intern_opt(ds, r->ref);
    linemap_append(&l->line, r->line);
    for (uint32_t k = 0; k < l->extra.n; k++)
        l->extra.value[(size_t)i * l->extra.n + k] =
            r->extra && r->extra[k] ? strpool_intern(&ds->pool, r->extra[k], strlen(r->extra[k])) : 0;
    return i;
}

uint32_t dataset_suggest_firm(const struct dataset *ds, const char *id, size_t n)
{
    uint32_t best = FIRM_NONE;
    unsigned bestd = n < 4 ? 1 : (n < 8 ? 2 : 3);
    bestd++; /* accept distances strictly below this */
    for (uint32_t i = 0; i < ds->firms.n; i++) {
        const char *t = dataset_firm_id(ds, i);
        size_t tn = strlen(t);
        size_t diff = tn > n ? tn - n : n - tn;
        if (diff >= bestd)
            continue;
        unsigned d = vocab_edit_distance(id, n, t, tn, bestd - 1);
        if (d < bestd) {
            bestd = d;
            best = i;
        }
    }
    return best;
}
