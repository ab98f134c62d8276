#include "config.h"
#include "order.h"
#include "text.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

int order_natural_cmp(const char *x, const char *y)
{
    while (*x && *y) {
        if (*x >= '0' && *x <= '9' && *y >= '0' && *y <= '9') {
            while (*x == '0') x++;
            while (*y == '0') y++;
            size_t nx = 0, ny = 0;
            while (x[nx] >= '0' && x[nx] <= '9') nx++;
            while (y[ny] >= '0' && y[ny] <= '9') ny++;
            if (nx != ny)
                return nx < ny ? -1 : 1;
            int c = strncmp(x, y, nx);
            if (c)
                return c;
            x += nx, y += ny;
            continue;
        }
        if (*x != *y)
            return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
        x++, y++;
    }
    return *x ? 1 : *y ? -1 : 0;
}

/* A firm with the first eight bytes of its sort text as a big-endian number: most
 * comparisons end there, without touching the strings (a million names are spread
 * over ~100 MB of string pool, so each strcmp is a cache miss or two). */
struct item {
    uint64_t key;
    uint32_t firm;
};

enum { BY_NAME, BY_ID };

static int item_cmp(const struct item *x, const struct item *y, const struct dataset *ds, int by)
{
    if (by == BY_NAME && x->key != y->key)
        return x->key < y->key ? -1 : 1;
    int c = 0;
    if (by == BY_ID)
        c = order_natural_cmp(dataset_firm_id(ds, x->firm), dataset_firm_id(ds, y->firm));
    if (!c && (by == BY_ID ? 1 : (x->key & 0xff) != 0)) /* equal keys ending in a NUL: equal names */
        c = strcmp(dataset_str(ds, ds->firms.name[x->firm]), dataset_str(ds, ds->firms.name[y->firm]));
    return c ? c : x->firm < y->firm ? -1 : x->firm > y->firm;
}

/* Bottom-up merge sort: runs of 16 by insertion, then passes that double them; every
 * PROGRESS_EVERY items counted and the cancel flag read. */
static int sort_items(struct item *v, uint32_t n, const struct dataset *ds, int by, struct progress *p)
{
    enum { RUN = 16 };
    uint32_t passes = 0;
    for (uint64_t w = RUN; w < n; w *= 2)
        passes++;
    progress_add_total(p, (uint64_t)n * (passes + 1));
    uint64_t pending = 0;
    for (uint32_t lo = 0; lo < n; lo += RUN) {
        uint32_t hi = lo + RUN < n ? lo + RUN : n;
        for (uint32_t i = lo + 1; i < hi; i++) {
            struct item t = v[i];
            uint32_t j = i;
            while (j > lo && item_cmp(&t, &v[j - 1], ds, by) < 0) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = t;
        }
        if (progress_tick(p, &pending, hi - lo))
            return -1;
    }
    struct item *tmp = xmalloc((n ? n : 1) * sizeof *tmp), *src = v, *dst = tmp;
    for (uint64_t w = RUN; w < n; w *= 2) {
        for (uint64_t lo = 0; lo < n; lo += 2 * w) {
            uint32_t mid = (uint32_t)(lo + w < n ? lo + w : n), hi = (uint32_t)(lo + 2 * w < n ? lo + 2 * w : n);
            uint32_t i = (uint32_t)lo, j = mid, o = (uint32_t)lo;
            while (i < mid && j < hi) {
                dst[o++] = item_cmp(&src[j], &src[i], ds, by) < 0 ? src[j++] : src[i++];
                if ((o & (PROGRESS_EVERY - 1)) == 0 && progress_step(p, PROGRESS_EVERY)) {
                    free(tmp);
                    return -1;
                }
            }
            memcpy(dst + o, src + i, (mid - i) * sizeof *dst);
            o += mid - i;
            memcpy(dst + o, src + j, (hi - j) * sizeof *dst);
        }
        struct item *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, (size_t)n * sizeof *v);
    free(tmp);
    return 0;
}

static int order_by(uint32_t *perm, const struct dataset *ds, int by, struct progress *p)
{
    uint32_t n = ds->firms.n;
    struct item *v = xmalloc((n ? n : 1) * sizeof *v);
    for (uint32_t f = 0; f < n; f++) {
        v[f].firm = f;
        v[f].key = by == BY_NAME ? text_sort_prefix(dataset_str(ds, ds->firms.name[f])) : 0;
    }
    int rc = sort_items(v, n, ds, by, p);
    if (rc == 0)
        for (uint32_t i = 0; i < n; i++)
            perm[i] = v[i].firm;
    free(v);
    return rc;
}

int order_by_name(uint32_t *perm, const struct dataset *ds, struct progress *p)
{
    return order_by(perm, ds, BY_NAME, p);
}

int order_by_id(uint32_t *perm, const struct dataset *ds, struct progress *p)
{
    return order_by(perm, ds, BY_ID, p);
}

int order_name_ranks(uint32_t *rank, const uint32_t *by_name, const struct dataset *ds, struct progress *p)
{
    uint32_t n = ds->firms.n, r = 0;
    if (progress_cancelled(p))
        return -1; /* a small dataset never reaches a tick's check */
    progress_add_total(p, n);
    uint64_t pending = 0;
    const char *prev = NULL;
    for (uint32_t i = 0; i < n; i++) {
        const char *name = dataset_str(ds, ds->firms.name[by_name[i]]);
        if (prev && strcmp(prev, name) != 0)
            r++;
        rank[by_name[i]] = r;
        prev = name;
        if (progress_tick(p, &pending, 1))
            return -1;
    }
    progress_step(p, pending);
    return 0;
}

/* Stable counting sort of by_name by a small key (rank[firm] < nk). */
static void counting(uint32_t *perm, const uint32_t *by_name, uint32_t n, const uint32_t *rank, uint32_t nk)
{
    uint32_t *start = xcalloc((size_t)nk + 1, sizeof *start);
    for (uint32_t i = 0; i < n; i++)
        start[rank[by_name[i]] + 1]++;
    for (uint32_t k = 0; k < nk; k++)
        start[k + 1] += start[k];
    for (uint32_t i = 0; i < n; i++)
        perm[start[rank[by_name[i]]]++] = by_name[i];
    free(start);
}

void order_by_degree(uint32_t *perm, const uint32_t *by_name, const uint32_t *degree, uint32_t n)
{
    uint32_t maxd = 0;
    for (uint32_t f = 0; f < n; f++)
        if (degree[f] > maxd)
            maxd = degree[f];
    uint32_t *rank = xmalloc((n ? n : 1) * sizeof *rank);
    for (uint32_t f = 0; f < n; f++)
        rank[f] = maxd - degree[f]; /* highest first */
    counting(perm, by_name, n, rank, maxd + 1);
    free(rank);
}

static const struct dataset *ind_ds; /* qsort has no context argument in C11 */

static int cmp_industry(const void *pa, const void *pb)
{
    uint32_t i = *(const uint32_t *)pa, j = *(const uint32_t *)pb;
    int c = strcmp(dataset_str(ind_ds, ind_ds->industry_name[i]), dataset_str(ind_ds, ind_ds->industry_name[j]));
    return c ? c : i < j ? -1 : i > j;
}

void order_by_industry(uint32_t *perm, const uint32_t *by_name, const struct dataset *ds)
{
    uint32_t ni = ds->n_industries, n = ds->firms.n;
    uint32_t *ind = xmalloc((ni ? ni : 1) * sizeof *ind), *irank = xmalloc((ni ? ni : 1) * sizeof *irank);
    for (uint32_t i = 0; i < ni; i++)
        ind[i] = i;
    ind_ds = ds;
    qsort(ind, ni, sizeof *ind, cmp_industry);
    for (uint32_t r = 0; r < ni; r++)
        irank[ind[r]] = r;
    uint32_t *rank = xmalloc((n ? n : 1) * sizeof *rank);
    for (uint32_t f = 0; f < n; f++)
        rank[f] = ds->firms.industry[f] < ni ? irank[ds->firms.industry[f]] : ni;
    counting(perm, by_name, n, rank, ni + 1);
    free(rank);
    free(ind);
    free(irank);
}
