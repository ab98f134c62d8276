/* timeline: owns a layer's counts year by year (ties in force by scale and form, tie
 * births and ends, firms founded), for the whole cluster and for each industry, with
 * the undated ties and firms counted apart; and the comparison of two years.
 *
 * A tie is in force in year Y exactly when layer_build with as_of = Y keeps it: since
 * <= Y <= until, both firms founded by Y (unknown years do not bound). A tie without
 * since is undated: it is in force in every year its firms and until allow, and is
 * counted in `undated`, never in the scale and form columns, so a front end can say
 * how much of a year's network rests on ties of unknown age.
 *
 * Use:
 *     struct timeline tl;
 *     timeline_build(&tl, ds, L);          // L: a layer built without as_of
 *     for (uint32_t y = 0; y < tl.n_years; y++)
 *         ... tl.year0 + y, tl.whole[y].by_scale[SCALE_GLOBAL] ...
 *     ... timeline_at(&tl, k, y) for industry k ...
 *     timeline_free(&tl); */
#ifndef FIRMNET_TIMELINE_H
#define FIRMNET_TIMELINE_H
#include <stdint.h>
#include "cluster.h"
#include "dataset.h"
#include "graph.h"
#include "progress.h"

struct timeline_year {
    uint32_t dated;                  /* dated ties in force */
    uint32_t by_scale[SCALE_COUNT];  /* of the dated ties in force, by the tie's scale */
    uint32_t by_form[FORM_COUNT];    /* of the dated ties in force, by form */
    uint32_t undated;                /* undated ties in force */
    uint32_t births;                 /* ties whose since is this year */
    uint32_t ends;                   /* ties whose until is this year (last year in force) */
    uint32_t founded;                /* firms founded this year */
};

struct timeline {
    int16_t year0;        /* first year counted; YEAR_NONE when the layer has no year at all */
    uint32_t n_years;     /* year0 .. year0 + n_years - 1 */
    struct timeline_year *whole;    /* n_years; owned */
    /* n_industries * n_years, industry-major: a tie counts for each industry of its
     * two ends (once when both ends share it); owned */
    uint32_t n_industries;
    struct timeline_year *industry;
    /* Apart from every year: */
    uint32_t undated_ties;  /* the layer's ties without since */
    uint32_t undated_firms; /* the layer's firms without founded */
    uint32_t never_ties;    /* dated ties that end before both their firms exist (in no year) */
};

/* L must have been built without as_of (the timeline covers every year); the range
 * runs from the earliest since or founded year to the latest since, until or founded. */
void timeline_build(struct timeline *tl, const struct dataset *ds, const struct layer *L);
/* The same, counting on p; returns 0, or -1 (tl freed) when p was cancelled. */
int timeline_build_p(struct timeline *tl, const struct dataset *ds, const struct layer *L, struct progress *p);
void timeline_free(struct timeline *tl);
static inline const struct timeline_year *timeline_at(const struct timeline *tl, uint32_t industry, uint32_t y)
{
    return &tl->industry[(size_t)industry * tl->n_years + y];
}

/* Whether linkage e is in force in year y as layer_build's as_of sees it (the
 * layer's other choices aside). */
int timeline_in_force(const struct dataset *ds, uint32_t e, int year);

/* Ties of L (built without as_of) in force in year B and not A (gained) and the
 * reverse (lost), by the tie's scale: one pass over the linkages, no measures. */
struct timeline_delta {
    uint32_t gained[SCALE_COUNT], lost[SCALE_COUNT];
};
void timeline_delta(struct timeline_delta *d, const struct dataset *ds, const struct layer *L, int year_a,
                    int year_b);
/* The same, counting the linkages on p; returns 0, or -1 when p was cancelled (d is
 * then incomplete). */
int timeline_delta_p(struct timeline_delta *d, const struct dataset *ds, const struct layer *L, int year_a,
                     int year_b, struct progress *p);

/* Year A against year B over the same layer spec: what changed. */
struct timeline_firm_change {
    uint32_t firm;
    double before, after;  /* pipeline share in A and B; NaN when the firm has no tie then */
    uint64_t score_before, score_after; /* gatekeeper score in A and B */
};

struct timeline_compare {
    int16_t year[2];
    uint32_t ties[2];                          /* ties in force in A and B */
    uint32_t gained, lost;                     /* in force in B not A, in A not B */
    uint32_t gained_type[LT_COUNT], lost_type[LT_COUNT];
    uint32_t gained_scale[SCALE_COUNT], lost_scale[SCALE_COUNT];
    uint32_t undated[2];                       /* of ties[]: undated, in both years alike */
    /* Local firms with a gatekeeper score in B but none in A (or absent in A), by
     * score in B, highest first, then firm order; owned */
    struct timeline_firm_change *new_gatekeepers;
    uint32_t n_new_gatekeepers;
    /* Firms with ties in both years whose pipeline share grew, by growth, largest
     * first, then firm order; owned */
    struct timeline_firm_change *pipeline_growth;
    uint32_t n_pipeline_growth;
};

/* spec's as_of is ignored: each year is built from spec with as_of set to it. */
void timeline_compare(struct timeline_compare *tc, const struct dataset *ds, const struct graph *g,
                      const struct layer_spec *spec, int16_t year_a, int16_t year_b);
void timeline_compare_free(struct timeline_compare *tc);

#endif
