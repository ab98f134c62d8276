/* cmd_cluster_time: owns `firmnet cluster --by-year` and `--compare-years`: the
 * layer year by year (core/timeline) and two years side by side, in text, tsv, JSON. */
#ifndef FIRMNET_CMD_CLUSTER_TIME_H
#define FIRMNET_CMD_CLUSTER_TIME_H
#include <stdint.h>
#include "cli.h"

/* Each returns 0 after printing. industries: one table per industry row instead of
 * the whole cluster's; top: rows of the firm lists (0 = every row). */
int cluster_time_by_year(const struct cli *c, const struct cli_data *d, int industries);
int cluster_time_compare(const struct cli *c, const struct cli_data *d, int16_t year_a, int16_t year_b,
                         uint32_t top);
/* Parses "A,B" (two years YEAR_MIN..YEAR_MAX); returns 0, or -1 when it is not that. */
int cluster_time_parse_years(const char *s, int16_t *a, int16_t *b);

#endif
