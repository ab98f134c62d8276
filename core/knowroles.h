/* knowroles: owns Giuliani and Bell's (2005) cognitive roles of a cluster's local
 * firms in a knowledge layer: internal in- and out-degree, external openness and the
 * role they give each local firm. */
#ifndef FIRMNET_KNOWROLES_H
#define FIRMNET_KNOWROLES_H
#include <stdint.h>
#include "graph.h"

/* X(enum, name as printed) in the order tables list them */
#define KNOW_ROLES(X) \
    X(KR_GATEKEEPER, "technological-gatekeeper") \
    X(KR_EXCHANGER, "active-mutual-exchanger") \
    X(KR_WEAK, "weakly-tied") \
    X(KR_ISOLATED, "isolated")

#define X(e, name) e,
enum know_role { KNOW_ROLES(X) KR_COUNT };
#undef X
#define KR_NONE 0xff /* not a local firm: the typology is of local firms only */

/* Firm-indexed (ds->firms.n entries), arrays owned. Degrees count distinct partners
 * over the layer's linkages: in_local, local firms with a linkage into the firm
 * (source -> firm; an undirected type counts both ways); out_local, local firms the
 * firm has a linkage to; external, non-local partners in either direction. */
struct know_roles {
    uint32_t n;
    uint32_t *in_local, *out_local, *external;
    uint8_t *role;                  /* enum know_role, KR_NONE for non-local firms */
    uint32_t n_local;               /* firms of local scale in the layer (founded by its as-of year) */
    double mean_in, mean_out, mean_external; /* over those firms: the thresholds */
    uint32_t count[KR_COUNT];
};

/* A local firm is
 *   isolated                   with no local partner at all;
 *   technological-gatekeeper   with in_local >= mean_in, out_local >= mean_out and
 *                              external >= mean_external > 0 (or external > 0 when the
 *                              mean is 0);
 *   active-mutual-exchanger    with in_local >= mean_in and out_local >= mean_out
 *                              but fewer external partners than that;
 *   weakly-tied                otherwise (local partners, below the mean in one
 *                              direction at least).
 * O(n + m) time, one stamp array of scratch. */
void know_roles_compute(struct know_roles *kr, const struct dataset *ds, const struct graph *g,
                        const struct layer *L);
void know_roles_free(struct know_roles *kr);
const char *know_role_name(unsigned role);

#endif
