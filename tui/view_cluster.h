/* view_cluster: owns the Cluster view: the layer's buzz and pipelines per industry and
 * the ranking of local gatekeeper firms (from the app's cached core/cluster measures). */
#ifndef FIRMNET_VIEW_CLUSTER_H
#define FIRMNET_VIEW_CLUSTER_H
#include "app.h"
extern const struct view_ops cluster_view_ops;
#endif
