/* check: owns the checks that need the whole dataset (duplicate linkages, isolated
 * firms, linkages older than their firms); row-level checks live in load. */
#ifndef FIRMNET_CHECK_H
#define FIRMNET_CHECK_H
#include "dataset.h"
#include "diag.h"
#include "graph.h"

void check_dataset(const struct dataset *ds, struct diag *dg);
/* The same checks over a graph the caller already built from ds (borrowed). */
void check_dataset_graph(const struct dataset *ds, const struct graph *g, struct diag *dg);

#endif
