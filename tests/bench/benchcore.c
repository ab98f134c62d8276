/* benchcore: times core's jobs from inside one process (load, graph, filter, lookups,
 * betweenness) so that `make bench` can report each job without the cost of loading
 * the dataset again; prints "key<TAB>value" lines for tests/bench/bench.py. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "text.h"
#include "centrality.h"
#include "egocluster.h"
#include "filter.h"
#include "firmscan.h"
#include "graph.h"
#include "layout.h"
#include "load.h"
#include "paths.h"
#include "progress.h"
#include "simple.h"
#include "thread.h"
#include "ties.h"
#include "timeline.h"
#include "xalloc.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The same sources on every run: the bench compares commits, so it must not wander. */
static uint64_t rng = 0x5DEECE66Dull;
static uint32_t rand_below(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

struct loaded {
    struct dataset ds;
    struct diag dg;
    struct graph g;
    struct layer L;
    double load_ms;  /* parse, check and graph: load_dataset_graph */
    double layer_ms; /* the all-linkages layer the subcommands start from */
};

/* load --cache: through the snapshot cache as firmnet does (FIRMNET_CACHE_DIR and the
 * other variables apply); otherwise the CSV is parsed every time */
static struct load_options load_opt;
/* findings kept per code: all of them when they are printed (the CSV reader's
 * differential test compares every one) */
static uint32_t load_keep = DIAG_KEEP_DEFAULT;

static int load_all(struct loaded *d, const char *dir)
{
    diag_init(&d->dg);
    diag_set_keep(&d->dg, load_keep);
    double t0 = now_ms();
    /* parse, check and graph in one: the checks already need the graph */
    int rc = load_dataset_graph(&d->ds, &d->dg, &d->g, dir, &load_opt);
    double t1 = now_ms();
    if (rc != 0) {
        struct textbuf tb = {0};
        fprintf(stderr, "firmnet-bench: %s could not be loaded\n", dir);
        for (size_t i = 0; i < d->dg.n; i++)
            fprintf(stderr, "  %u: %s\n", d->dg.v[i].line, diag_message(&d->dg, &d->ds, &d->dg.v[i], &tb));
        textbuf_free(&tb);
        graph_free(&d->g);
        dataset_free(&d->ds);
        diag_free(&d->dg);
        return -1;
    }
    struct layer_spec all;
    memset(&all, 0, sizeof all);
    layer_build(&d->L, &d->ds, &all);
    double t2 = now_ms();
    d->load_ms = t1 - t0;
    d->layer_ms = t2 - t1;
    return 0;
}

static void free_all(struct loaded *d)
{
    layer_free(&d->L);
    graph_free(&d->g);
    dataset_free(&d->ds);
    diag_free(&d->dg);
}

/* A digest of every value loaded, resolved to text and numbers, so that two builds of
 * the loader can be compared on a dataset without printing it. */
static uint64_t digest_mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t digest_str(uint64_t h, const struct dataset *ds, strref r)
{
    const char *s = dataset_str(ds, r);
    return digest_mix(h, s, strlen(s) + 1);
}

static uint64_t dataset_digest(const struct dataset *ds)
{
    uint64_t h = 0xcbf29ce484222325ull;
    const struct firm_table *f = &ds->firms;
    const struct link_table *l = &ds->links;
    for (uint32_t i = 0; i < f->n; i++) {
        const char *id = dataset_firm_id(ds, i);
        h = digest_mix(h, id, strlen(id) + 1);
        const strref refs[] = {f->name[i], f->alias[i], catcol_get(&f->location, i), catcol_get(&f->ownership, i), catcol_get(&f->role, i),
                               ds->industry_name[f->industry[i]]};
        for (size_t k = 0; k < sizeof refs / sizeof *refs; k++)
            h = digest_str(h, ds, refs[k]);
        h = digest_mix(h, &f->scale[i], 1);
        h = digest_mix(h, &f->employees[i], 4);
        h = digest_mix(h, &f->founded[i], 2);
        uint32_t line = dataset_firm_line(ds, i);
        h = digest_mix(h, &line, 4);
        for (uint32_t k = 0; k < f->extra.n; k++)
            h = digest_str(h, ds, f->extra.value[(size_t)i * f->extra.n + k]);
    }
    for (uint32_t e = 0; e < l->n; e++) {
        h = digest_mix(h, &l->source[e], 4);
        h = digest_mix(h, &l->target[e], 4);
        h = digest_mix(h, &l->type[e], 1);
        h = digest_mix(h, &l->form[e], 1);
        h = digest_mix(h, &l->scale[e], 1);
        h = digest_mix(h, &l->since[e], 2);
        double w = dataset_link_weight(ds, e); /* the value, however it is held */
        h = digest_mix(h, &w, 8);
        uint32_t line = dataset_link_line(ds, e);
        h = digest_mix(h, &line, 4);
        h = digest_str(h, ds, l->note[e]);
        h = digest_str(h, ds, l->ref[e]);
        for (uint32_t k = 0; k < l->extra.n; k++)
            h = digest_str(h, ds, l->extra.value[(size_t)e * l->extra.n + k]);
    }
    return h;
}

static int cmd_load(const char *dir, int findings)
{
    struct loaded d;
    if (findings)
        load_keep = 0;
    if (load_all(&d, dir))
        return 2;
    struct textbuf tb = {0};
    if (findings)
        printf("digest\t%016llx\n", (unsigned long long)dataset_digest(&d.ds));
    if (findings)
        for (size_t i = 0; i < d.dg.n; i++)
            printf("%u:%u: %s [%s]\n", d.dg.v[i].file, d.dg.v[i].line, diag_message(&d.dg, &d.ds, &d.dg.v[i], &tb),
                   diag_code_name(d.dg.v[i].code));
    printf("firms\t%u\nlinkages\t%u\nerrors\t%zu\nwarnings\t%zu\n", d.ds.firms.n, d.ds.links.n,
           d.dg.n_errors, d.dg.n_warnings);
    printf("load_ms\t%.1f\nlayer_ms\t%.1f\ntotal_ms\t%.1f\npool_bytes\t%zu\n", d.load_ms, d.layer_ms,
           d.load_ms + d.layer_ms, d.ds.pool.len);
    /* the rows' lines are kept as breakpoints (core/linemap): how many this file needed */
    printf("line_breaks\t%u %u\n", d.ds.firms.line.n, d.ds.links.line.n);
    printf("peak_rss_kb\t%ld\n", peak_rss_kb());
    textbuf_free(&tb);
    free_all(&d);
    return 0;
}

/* Median and minimum of REPS passes of firmscan_run; returns the last pass's status. */
static int time_pass(const struct firmscan *fs, struct firm_filter *f, const struct dataset *ds, uint8_t *pass,
                     unsigned threads, double *med, double *min, uint32_t *bad)
{
    enum { REPS = 7 };
    double t[REPS];
    int rc = 0;
    for (int r = 0; r < REPS; r++) {
        double a = now_ms();
        rc = firmscan_run(fs, f, ds, pass, threads, NULL, NULL, bad);
        t[r] = now_ms() - a;
    }
    *med = median(t, REPS);
    *min = t[0]; /* sorted by median() */
    return rc;
}

/* One full pass of a filter over every firm, as the explorer does on a key press:
 * firmscan_run over the firms' search text (built once per dataset, timed apart),
 * on every core and on one; and, to compare, the loop over filter_test_firm that
 * the batch commands run. A pass that meets a "too expensive" firm stops there, as
 * the explorer does. */
static int cmd_filter(const char *dir, int npat, char **pats)
{
    struct loaded d;
    if (load_all(&d, dir))
        return 2;
    uint32_t n = d.ds.firms.n;
    struct firmscan fs;
    double t0 = now_ms();
    if (firmscan_build(&fs, &d.ds) != 0) {
        fprintf(stderr, "firmnet-bench: the firms' search text does not fit 32-bit offsets\n");
        free_all(&d);
        return 2;
    }
    printf("filter_text_ms\t%.2f\nfilter_text_bytes\t%zu\nfilter_text_odd_firms\t%u\n", now_ms() - t0, fs.len,
           fs.n_odd);
    uint8_t *pass = xmalloc(n ? n : 1);
    int status = 0;
    for (int p = 0; p < npat; p++) {
        struct firm_filter f;
        struct match_error err;
        t0 = now_ms();
        if (filter_compile(&f, &d.ds, pats[p], MATCH_SMART_CASE, &err)) {
            fprintf(stderr, "firmnet-bench: pattern %d does not compile: %s\n", p, err.message);
            status = 2;
            break;
        }
        double compile_ms = now_ms() - t0;
        double med1, min1, med, min;
        uint32_t bad = n;
        time_pass(&fs, &f, &d.ds, pass, 1, &med1, &min1, &bad);
        int rc = time_pass(&fs, &f, &d.ds, pass, 0, &med, &min, &bad);
        uint32_t yes = 0, upto = rc < 0 ? bad : n;
        for (uint32_t v = 0; v < upto; v++)
            yes += pass[v];
        /* the loop, once, where it ends in reasonable time */
        double loop_ms = -1;
        uint32_t loop_yes = 0;
        if (rc >= 0) {
            double a = now_ms();
            for (uint32_t v = 0; v < n; v++)
                loop_yes += filter_test_firm(&f, &d.ds, v) == MATCH_YES;
            loop_ms = now_ms() - a;
            if (loop_yes != yes) {
                fprintf(stderr, "firmnet-bench: pattern %d: the pass found %u firms, the loop %u\n", p, yes,
                        loop_yes);
                status = 1;
            }
        }
        printf("filter%d_ms\t%.2f\nfilter%d_min_ms\t%.2f\nfilter%d_1thread_ms\t%.2f\nfilter%d_1thread_min_ms\t%.2f\n"
               "filter%d_loop_ms\t%.2f\nfilter%d_compile_ms\t%.3f\nfilter%d_matches\t%u\n"
               "filter%d_too_expensive\t%u\nfilter%d_firms_timed\t%u\nfilter%d_first_limit_ms\t%.3f\n",
               p, med, p, min, p, med1, p, min1, p, loop_ms, p, compile_ms, p, yes, p, rc == MATCH_TOO_EXPENSIVE,
               p, n, p, rc < 0 ? med : -1.0);
        filter_free(&f);
    }
    free(pass);
    firmscan_free(&fs);
    free_all(&d);
    return status;
}

/* What show computes for firm v, minus printing: the per-type counts, and each
 * linkage with its partner's name (touched, as show prints it). */
static uint64_t lookup_show(const struct loaded *d, uint32_t v, uint8_t *scratch, struct firm_link_counts *c)
{
    uint64_t sink = 0;
    simple_count_links(c, &d->ds, &d->g, &d->L, v, scratch);
    for (int pass = 0; pass < 2; pass++) {
        const uint32_t *st = pass ? d->g.in_start : d->g.out_start;
        const uint32_t *nb = pass ? d->g.in_nbr : d->g.out_nbr;
        const uint32_t *lk = pass ? d->g.in_link : d->g.out_link;
        for (uint32_t k = st[v]; k < st[v + 1]; k++)
            sink += (unsigned char)dataset_str(&d->ds, d->ds.firms.name[nb[k]])[0] + d->ds.links.type[lk[k]];
    }
    return sink;
}

/* show, path and ego as the subcommands do them, minus printing: median latency over
 * firms chosen at random, and the largest hub on its own (the worst case of show).
 * The hub is timed after one warm-up run, median of HUB_REPS: a single first run of
 * about a millisecond read the page faults of fresh memory and the caches' state
 * more than the code (its time is printed too, as show_hub_cold_ms). */
static int cmd_lookup(const char *dir)
{
    struct loaded d;
    if (load_all(&d, dir))
        return 2;
    uint32_t n = d.ds.firms.n;
    enum { REPS = 41, HUB_REPS = 21 };
    double t[REPS];
    uint8_t *scratch = xcalloc(n, 1);
    uint32_t hub = 0;
    for (uint32_t v = 0; v < n; v++)
        if (d.g.out_start[v + 1] - d.g.out_start[v] + d.g.in_start[v + 1] - d.g.in_start[v] >
            d.g.out_start[hub + 1] - d.g.out_start[hub] + d.g.in_start[hub + 1] - d.g.in_start[hub])
            hub = v;
    volatile uint64_t sink = 0;
    struct firm_link_counts c;
    for (int r = 0; r <= HUB_REPS; r++) {
        double a = now_ms();
        sink += lookup_show(&d, hub, scratch, &c);
        t[r] = now_ms() - a;
        if (r == 0)
            printf("show_hub_cold_ms\t%.4f\n", t[0]);
    }
    printf("show_hub_ms\t%.4f\nhub_linkages\t%u\n", median(t + 1, HUB_REPS), c.total);
    /* 40 random firms, the draws as before, so that path and ego below keep their firms */
    for (int r = 0; r < REPS - 1; r++) {
        uint32_t v = rand_below(n);
        double a = now_ms();
        sink += lookup_show(&d, v, scratch, &c);
        t[r] = now_ms() - a;
    }
    printf("show_ms\t%.4f\n", median(t, REPS - 1));

    struct bfs_work w;
    paths_work_init(&w, n);
    uint32_t found = 0, hops = 0;
    for (int r = 0; r < REPS; r++) {
        uint32_t a = rand_below(n), b = rand_below(n);
        double s = now_ms();
        struct path p;
        if (paths_shortest(&p, &w, &d.g, &d.L, a, b) == 0) {
            found++;
            hops += p.len;
        }
        path_free(&p);
        t[r] = now_ms() - s;
    }
    printf("path_ms\t%.4f\npath_found\t%u/%d\npath_mean_hops\t%.2f\n", median(t, REPS), found, REPS,
           found ? (double)hops / found : 0.0);
    uint64_t reached = 0;
    for (int r = 0; r < REPS; r++) {
        uint32_t v = rand_below(n);
        double s = now_ms();
        struct ego e;
        paths_ego(&e, &w, &d.g, &d.L, v, 2);
        reached += e.n_firms;
        ego_free(&e);
        t[r] = now_ms() - s;
    }
    printf("ego2_ms\t%.4f\nego2_mean_firms\t%.1f\n", median(t, REPS), (double)reached / REPS);
    /* the ego map at depth 2 with up to 500 nodes of its own (what an SVG of a hub
     * holds): the search, the grouping, the stress layout and the label placement */
    uint64_t nodes = 0;
    for (int r = 0; r < REPS; r++) {
        uint32_t v = r == 0 ? hub : rand_below(n);
        struct layout_options o;
        layout_options_default(&o, 400, 120);
        o.depth = 2;
        o.max_nodes = 500;
        double s = now_ms();
        struct ego_map m;
        layout_ego(&m, &w, &d.ds, &d.g, &d.L, v, &o);
        t[r] = now_ms() - s;
        if (r == 0) {
            printf("egomap_hub_ms\t%.4f\negomap_hub_nodes\t%u\n", t[0], m.n_nodes);
            t[0] = 0;
        } else {
            nodes += m.n_nodes;
        }
        layout_ego_free(&m);
    }
    printf("egomap_ms\t%.4f\negomap_mean_nodes\t%.1f\n", median(t + 1, REPS - 1), (double)nodes / (REPS - 1));
    paths_work_free(&w);
    free(scratch);
    (void)sink;
    free_all(&d);
    return 0;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint32_t firm_degree(const struct graph *g, uint32_t v)
{
    return g->out_start[v + 1] - g->out_start[v] + g->in_start[v + 1] - g->in_start[v];
}

/* the firms with the most linkage ends first, equal degrees by index */
static const struct graph *hub_g; /* qsort has no context argument in C11 */
static int cmp_hub(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb, da = firm_degree(hub_g, a), db = firm_degree(hub_g, b);
    if (da != db)
        return da > db ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void print_measures(uint32_t v, const struct ego_measures *m)
{
    printf("%u\t%d\t%u\t%u\t%u\t%u\t%d", v, m->in_layer, m->partners, m->arcs_in, m->arcs_out, m->arcs_mutual,
           m->is_local);
    for (unsigned r = 0; r < BR_COUNT; r++)
        printf("\t%llu", (unsigned long long)m->roles.role[r]);
    printf("\t%llu\t%llu\t%llu\t%llu\t%u\t%a\t%a\n", (unsigned long long)m->roles.total,
           (unsigned long long)m->gatekeeper_score, (unsigned long long)m->pipeline_in,
           (unsigned long long)m->pipeline_out, m->exclusive, m->constraint, m->effective_size);
}

/* The details pane's per-firm measures (egocluster_firm, groups by scale as the
 * explorer has them): CPU time of the largest hub (the first, cold call and the median
 * of the next ones) and the median over random firms; with top > 0 every measure of the
 * top hubs exactly (%a), to compare two builds. */
static int cmd_egocluster(const char *dir, uint32_t top, const char *types, int reps, int use_table)
{
    struct loaded d;
    if (load_all(&d, dir))
        return 2;
    if (types) {
        struct layer_spec spec;
        memset(&spec, 0, sizeof spec);
        const char *bad;
        size_t badlen;
        if (layer_parse_types(&spec, types, &bad, &badlen)) {
            fprintf(stderr, "firmnet-bench: unknown linkage type '%.*s'\n", (int)badlen, bad);
            free_all(&d);
            return 2;
        }
        layer_free(&d.L);
        layer_build(&d.L, &d.ds, &spec);
    }
    uint32_t n = d.ds.firms.n;
    struct firm_groups gr;
    ties_groups_build(&gr, &d.ds, FC_SCALE);
    struct ego_scratch sc;
    double a = cpu_ms();
    egocluster_scratch_init(&sc, n);
    double init_ms = cpu_ms() - a;
    uint32_t *by_deg = xmalloc((n ? n : 1) * sizeof *by_deg);
    for (uint32_t v = 0; v < n; v++)
        by_deg[v] = v;
    hub_g = &d.g;
    qsort(by_deg, n, sizeof *by_deg, cmp_hub);
    struct ego_measures m;
    struct ego_table tab;
    memset(&tab, 0, sizeof tab);
    if (n) {
        enum { RANDOM = 41 };
        double *t = xmalloc((size_t)(reps > RANDOM ? reps : RANDOM) * sizeof *t);
        uint32_t hub = by_deg[0];
        for (int r = 0; r < reps; r++) {
            a = cpu_ms();
            egocluster_firm(&m, &d.ds, &d.g, &d.L, &gr, hub, &sc);
            t[r] = cpu_ms() - a;
        }
        printf("ego_scratch_ms\t%.3f\nego_hub_cold_ms\t%.3f\nego_hub_ms\t%.3f\nego_hub_partners\t%u\n"
               "ego_hub_cost\t%llu\n",
               init_ms, t[0], reps > 1 ? median(t + 1, (size_t)reps - 1) : t[0], m.partners,
               (unsigned long long)egocluster_firm_cost(&d.g, hub));
        for (int r = 0; r < RANDOM; r++) {
            uint32_t v = rand_below(n);
            a = cpu_ms();
            egocluster_firm(&m, &d.ds, &d.g, &d.L, &gr, v, &sc);
            t[r] = cpu_ms() - a;
        }
        printf("ego_ms\t%.4f\n", median(t, RANDOM));
        a = cpu_ms();
        double w0 = now_ms();
        egocluster_table_build_p(&tab, &d.ds, &d.g, &d.L, NULL);
        printf("ego_table_ms\t%.1f\nego_table_wall_ms\t%.1f\n", cpu_ms() - a, now_ms() - w0);
        for (int r = 0; r < reps; r++) {
            a = cpu_ms();
            egocluster_firm_tp(&m, &d.ds, &d.g, &d.L, &gr, &tab, hub, &sc, NULL);
            t[r] = cpu_ms() - a;
        }
        printf("ego_hub_table_cold_ms\t%.3f\nego_hub_table_ms\t%.3f\n", t[0],
               reps > 1 ? median(t + 1, (size_t)reps - 1) : t[0]);
        free(t);
    }
    for (uint32_t k = 0; k < top && k < n; k++) {
        egocluster_firm_tp(&m, &d.ds, &d.g, &d.L, &gr, use_table ? &tab : NULL, by_deg[k], &sc, NULL);
        print_measures(by_deg[k], &m);
    }
    egocluster_table_free(&tab);
    free(by_deg);
    egocluster_scratch_free(&sc);
    ties_groups_free(&gr);
    free_all(&d);
    return 0;
}

/* Betweenness (with closeness, which shares its searches) on the simple graph. */
static int cmd_betweenness(const char *dir, uint32_t samples, unsigned threads)
{
    struct loaded d;
    if (load_all(&d, dir))
        return 2;
    double a = now_ms();
    struct simple_graph s;
    simple_build(&s, &d.ds, &d.g, &d.L);
    double simple_ms = now_ms() - a;
    double *bc = xmalloc((size_t)(s.n ? s.n : 1) * sizeof *bc);
    double *cc = xmalloc((size_t)(s.n ? s.n : 1) * sizeof *cc);
    struct centrality_options o;
    memset(&o, 0, sizeof o);
    o.samples = samples;
    o.exact_max = samples ? 0 : UINT32_MAX;
    o.threads = threads;
    uint32_t sources = 0;
    unsigned used = 0;
    a = now_ms();
    int est = centrality_paths(&s, &o, bc, cc, &sources, &used);
    double ms = now_ms() - a;
    double top = 0;
    for (uint32_t v = 0; v < s.n; v++)
        top = fmax(top, bc[v]);
    printf("simple_ms\t%.1f\nbetweenness_ms\t%.1f\nbetweenness_sources\t%u\nbetweenness_estimated\t%d\n"
           "betweenness_threads\t%u\nbetweenness_max\t%.6g\nsimple_nodes\t%u\nsimple_pairs\t%llu\n",
           simple_ms, ms, est ? sources : s.n, est, used, top, s.n, (unsigned long long)s.m);
    free(bc);
    free(cc);
    simple_free(&s);
    free_all(&d);
    return 0;
}

/* ---- stop: how soon a cancelled analysis returns (issue 14: within 100 ms) ---- */

struct stop_run {
    const struct loaded *d;
    struct bfs_work *w;
    uint32_t hub;
    int what;             /* 0 the ego map at depth 2, 1 the timeline, 2 two years compared */
    struct progress prog;
    double ended_ms;
    int rc;
};

static void *stop_thread(void *arg)
{
    struct stop_run *r = arg;
    const struct loaded *d = r->d;
    if (r->what == 0) {
        /* the explorer's Ego map at 80x24: 80 x 20 cells, depth 2 */
        struct layout_options o;
        layout_options_default(&o, 80, 20);
        o.depth = 2;
        struct ego_map m;
        r->rc = layout_ego_p(&m, r->w, &d->ds, &d->g, &d->L, r->hub, &o, &r->prog);
        if (r->rc == 0)
            layout_ego_free(&m);
    } else if (r->what == 1) {
        struct timeline tl;
        r->rc = timeline_build_p(&tl, &d->ds, &d->L, &r->prog);
        if (r->rc == 0)
            timeline_free(&tl);
    } else {
        struct timeline_delta td;
        r->rc = timeline_delta_p(&td, &d->ds, &d->L, 2000, 2020, &r->prog);
    }
    r->ended_ms = now_ms();
    return NULL;
}

/* Runs the analysis whole, then again cancelled after 1, 2, 4 ... ms up to its whole
 * time; prints its time (wall and CPU) and the longest wait from a cancel to its
 * return. */
static void stop_measure(const struct loaded *d, struct bfs_work *w, uint32_t hub, int what, const char *name)
{
    struct stop_run r = {.d = d, .w = w, .hub = hub, .what = what};
    progress_init(&r.prog);
    double t0 = now_ms();
    struct timespec c0, c1;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    stop_thread(&r);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    double whole = r.ended_ms - t0, worst = 0;
    double cpu = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
    /* BENCH_STOP_WHOLE=1: the whole run only (an analysis that does not stop would
     * run whole at every cancel) */
    const char *only = getenv("BENCH_STOP_WHOLE");
    for (double after = 1; after < whole && !(only && *only == '1'); after *= 2) {
        struct stop_run c = {.d = d, .w = w, .hub = hub, .what = what};
        progress_init(&c.prog);
        struct thread th;
        thread_start(&th, stop_thread, &c);
        struct timespec ts = {(time_t)(after / 1000), (long)(fmod(after, 1000) * 1e6)};
        nanosleep(&ts, NULL);
        double cancelled = now_ms();
        progress_cancel(&c.prog);
        thread_join(&th);
        double wait = c.ended_ms > cancelled ? c.ended_ms - cancelled : 0;
        if (wait > worst)
            worst = wait;
    }
    printf("%s_ms\t%.1f\n%s_cpu_ms\t%.1f\n%s_stop_worst_ms\t%.1f\n", name, whole, name, cpu, name, worst);
}

static int cmd_stop(const char *dir)
{
    struct loaded d;
    if (load_all(&d, dir))
        return 2;
    uint32_t n = d.ds.firms.n, hub = 0;
    for (uint32_t v = 0; v < n; v++)
        if (d.g.out_start[v + 1] - d.g.out_start[v] + d.g.in_start[v + 1] - d.g.in_start[v] >
            d.g.out_start[hub + 1] - d.g.out_start[hub] + d.g.in_start[hub + 1] - d.g.in_start[hub])
            hub = v;
    struct bfs_work w;
    paths_work_init(&w, n);
    stop_measure(&d, &w, hub, 0, "egomap2_hub");
    stop_measure(&d, &w, hub, 1, "timeline");
    stop_measure(&d, &w, hub, 2, "compare_years");
    paths_work_free(&w);
    free_all(&d);
    return 0;
}

int main(int argc, char **argv)
{
    static const char usage[] =
        "Usage: firmnet-bench load DIR [--findings] [--cache]   (--findings: also a digest of every value and the\n"
        "                                 findings; --cache: through the snapshot cache, as firmnet loads)\n"
        "       firmnet-bench filter DIR PATTERN...\n"
        "       firmnet-bench lookup DIR\n"
        "       firmnet-bench egocluster DIR [--cache] [--top N] [--layer TYPES] [--reps R]   (N: every measure\n"
        "                                 of the N largest hubs, exactly; R: passes over the largest, 9)\n"
        "       firmnet-bench betweenness DIR SAMPLES(0 = exact) THREADS(0 = all)\n"
        "       firmnet-bench stop DIR [--cache]   (how soon the ego map and the timeline stop when cancelled)\n";
    xalloc_tune(); /* as firmnet does: the load measured is the program's */
    if (argc >= 3 && !strcmp(argv[1], "load")) {
        int findings = 0;
        for (int i = 3; i < argc; i++) {
            if (!strcmp(argv[i], "--findings"))
                findings = 1;
            else if (!strcmp(argv[i], "--cache"))
                load_opt.cache = LOAD_CACHE;
            else {
                fputs(usage, stderr);
                return 2;
            }
        }
        return cmd_load(argv[2], findings);
    }
    if (argc >= 4 && !strcmp(argv[1], "filter"))
        return cmd_filter(argv[2], argc - 3, argv + 3);
    if ((argc == 3 || (argc == 4 && !strcmp(argv[3], "--cache"))) && !strcmp(argv[1], "stop")) {
        if (argc == 4)
            load_opt.cache = LOAD_CACHE;
        return cmd_stop(argv[2]);
    }
    if (argc == 3 && !strcmp(argv[1], "lookup"))
        return cmd_lookup(argv[2]);
    if (argc >= 3 && !strcmp(argv[1], "egocluster")) {
        uint32_t top = 0;
        int reps = 9, use_table = 0;
        const char *types = NULL;
        for (int i = 3; i < argc; i++) {
            if (!strcmp(argv[i], "--cache")) {
                load_opt.cache = LOAD_CACHE;
            } else if (!strcmp(argv[i], "--top") && i + 1 < argc) {
                top = (uint32_t)strtoul(argv[++i], NULL, 10);
            } else if (!strcmp(argv[i], "--table")) {
                use_table = 1;
            } else if (!strcmp(argv[i], "--reps") && i + 1 < argc && atoi(argv[i + 1]) > 0) {
                reps = atoi(argv[++i]);
            } else if (!strcmp(argv[i], "--layer") && i + 1 < argc) {
                types = argv[++i];
            } else {
                fputs(usage, stderr);
                return 2;
            }
        }
        return cmd_egocluster(argv[2], top, types, reps, use_table);
    }
    if (argc == 5 && !strcmp(argv[1], "betweenness"))
        return cmd_betweenness(argv[2], (uint32_t)strtoul(argv[3], NULL, 10), (unsigned)strtoul(argv[4], NULL, 10));
    fputs(usage, stderr);
    return 2;
}
