/* libFuzzer harness for core/load (csvread, load, check): the bytes become a dataset
 * directory and are loaded as firmnet check would. Input layout:
 *   byte 0       options: bit 0 reads the files as GB18030, bit 1 uses ';' as the
 *                delimiter, bit 2 uses tab (bit 1 wins when both are set)
 *   bytes 1..    firms.csv, then the marker FUZZ_LOAD_SPLIT, then linkages.csv; without
 *                the marker everything is firms.csv and linkages.csv is empty
 * The marker is two bytes rather than a lone NUL so that NUL bytes inside firms.csv,
 * a hostile case of their own, stay reachable. Loading must not crash or leak, and
 * every finding must be printable and name a line the file has. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz_common.h"
#include "load.h"

#define FUZZ_LOAD_SPLIT "\0\xff"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[256];
static char firms_path[300], links_path[300];

static void fuzz_load_cleanup(void)
{
    unlink(firms_path);
    unlink(links_path);
    rmdir(fuzz_dir);
}

/* One private directory per process, reused for every input: the loader only ever
 * reads it, and a fresh directory per input would make the fuzzer slower for nothing. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/firmnet-fuzz-load-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
        perror("fuzz_load: mkdtemp");
        exit(1);
    }
    snprintf(firms_path, sizeof firms_path, "%s/firms.csv", fuzz_dir);
    snprintf(links_path, sizeof links_path, "%s/linkages.csv", fuzz_dir);
    atexit(fuzz_load_cleanup);
    return 0;
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* An upper bound on the lines of a file: every CR and every LF may end one. */
static uint32_t count_lines(const uint8_t *p, size_t n)
{
    uint32_t lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += p[i] == '\n' || p[i] == '\r';
    return lines;
}

static const uint8_t *find_split(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == 0 && p[i + 1] == 0xff)
            return p + i;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const uint8_t *firms = data + 1;
    size_t rest = size - 1;
    const uint8_t *split = find_split(firms, rest);
    size_t nfirms = split ? (size_t)(split - firms) : rest;
    const uint8_t *links = split ? split + 2 : firms + rest;
    size_t nlinks = split ? rest - nfirms - 2 : 0;
    write_file(firms_path, firms, nfirms);
    write_file(links_path, links, nlinks);

    struct load_options opt;
    memset(&opt, 0, sizeof opt);
    if (sel & 1)
        opt.encoding = "GB18030";
    if (sel & 2)
        opt.delimiter = ';';
    else if (sel & 4)
        opt.delimiter = '\t';

    struct dataset ds;
    struct diag dg;
    diag_init(&dg);
    int rc = load_dataset(&ds, &dg, fuzz_dir, &opt);
    uint32_t max_line[3] = {count_lines(firms, nfirms), count_lines(links, nlinks), 0};
    fuzz_assert_findings(&dg, max_line);
    if (rc == 0 && dg.n_errors == 0 && nfirms == 0)
        fuzz_fail("an empty firms.csv loaded without an error", NULL);
    if (rc != 0 && dg.n_errors == 0)
        fuzz_fail("loading failed without saying why", NULL);
    /* what loaded must be consistent: linkage ends are firms, ids find their firm */
    for (uint32_t e = 0; e < ds.links.n; e++)
        if (ds.links.source[e] >= ds.firms.n || ds.links.target[e] >= ds.firms.n)
            fuzz_fail("linkage end is not a firm", NULL);
    for (uint32_t f = 0; f < ds.firms.n; f++)
        if (dataset_find_firm(&ds, dataset_firm_id(&ds, f), strlen(dataset_firm_id(&ds, f))) != f)
            fuzz_fail("firm id does not find its own firm", dataset_firm_id(&ds, f));
    dataset_free(&ds);
    diag_free(&dg);
    return 0;
}
