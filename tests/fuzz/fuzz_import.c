/* libFuzzer harness for core/import (GraphML through libxml2, Pajek, CSV/TSV edge
 * lists): another tool's network file is as hostile as a dataset. Input layout:
 *   byte 0     bits 0-1 the format (0 GraphML, 1 Pajek, 2 and 3 edge list), bit 2 a
 *              ';' delimiter for edge lists (else guessed), bit 3 GB18030 for them
 *   bytes 1..  the file; for Pajek, the marker FUZZ_LOAD_SPLIT may end it and start
 *              the partition file x.clu that is read beside x.net
 * Reading must not crash or leak; whatever it reports must be printable, and what it
 * builds must be a consistent dataset that the checker can run over. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "fuzz_common.h"
#include "import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[256];
static const char *const names[] = {"in.graphml", "in.net", "in.csv", "in.clu"};

static void fuzz_import_path(char *buf, size_t n, unsigned k)
{
    snprintf(buf, n, "%s/%s", fuzz_dir, names[k]);
}

static void fuzz_import_cleanup(void)
{
    char path[320];
    for (unsigned k = 0; k < 4; k++) {
        fuzz_import_path(path, sizeof path, k);
        unlink(path);
    }
    rmdir(fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/firmnet-fuzz-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
        perror("fuzz_import: mkdtemp");
        exit(1);
    }
    atexit(fuzz_import_cleanup);
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

/* A Pajek file may declare vertices it never lists, so a 20-byte "*Vertices 9999999"
 * makes the importer build ten million firms: slow, not a crash. Reported to the
 * importer's owner; until the importer bounds it, such inputs are skipped so that the
 * fuzzer goes on to other bugs instead of stopping at this timeout. */
static int pajek_too_many_vertices(const uint8_t *p, size_t n)
{
    static const char kw[] = "*vertices";
    for (size_t i = 0; i + sizeof kw - 1 < n; i++) {
        size_t k = 0;
        while (k < sizeof kw - 1 && (p[i + k] | 0x20) == (kw[k] | 0x20))
            k++;
        if (k < sizeof kw - 1)
            continue;
        size_t j = i + k, digits = 0;
        while (j < n && (p[j] == ' ' || p[j] == '\t'))
            j++;
        while (j < n && p[j] >= '0' && p[j] <= '9' && digits < 7)
            j++, digits++;
        if (digits > 5)
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    enum import_format fmt = (sel & 3) == 0 ? IMPORT_GRAPHML : (sel & 3) == 1 ? IMPORT_PAJEK : IMPORT_EDGELIST;
    unsigned which = fmt == IMPORT_GRAPHML ? 0 : fmt == IMPORT_PAJEK ? 1 : 2;
    char path[320], clu[320];
    fuzz_import_path(path, sizeof path, which);
    fuzz_import_path(clu, sizeof clu, 3);
    unlink(clu);
    size_t main_n = n;
    if (fmt == IMPORT_PAJEK && pajek_too_many_vertices(body, n))
        return 0;
    if (fmt == IMPORT_PAJEK) {
        for (size_t i = 0; i + 1 < n; i++)
            if (body[i] == 0 && body[i + 1] == 0xff) {
                main_n = i;
                write_file(clu, body + i + 2, n - i - 2);
                break;
            }
    }
    write_file(path, body, main_n);

    struct import_options o;
    memset(&o, 0, sizeof o);
    o.default_type = LT_SUPPLY;
    if (sel & 4)
        o.delimiter = ';';
    if (sel & 8)
        o.encoding = "GB18030";
    struct dataset ds;
    struct import_report rep;
    memset(&rep, 0, sizeof rep);
    char err[512];
    memset(err, 0x55, sizeof err); /* a missing NUL shows as a failed memchr below */
    int rc = import_read(&ds, fmt, path, &o, &rep, err);
    if (rc != 0) {
        if (!memchr(err, '\0', sizeof err))
            fuzz_fail("import error message is not NUL-terminated", NULL);
        fuzz_assert_printable(err, strlen(err));
    }
    for (size_t i = 0; i < rep.n; i++)
        if (rep.v[i].example)
            fuzz_assert_printable(rep.v[i].example, strlen(rep.v[i].example));
    if (rc == 0) {
        for (uint32_t e = 0; e < ds.links.n; e++)
            if (ds.links.source[e] >= ds.firms.n || ds.links.target[e] >= ds.firms.n ||
                ds.links.type[e] >= LT_COUNT)
                fuzz_fail("imported linkage is not between firms, or has no type", NULL);
        struct diag dg;
        diag_init(&dg);
        check_dataset(&ds, &dg);
        fuzz_assert_findings(&dg, NULL);
        diag_free(&dg);
    }
    import_report_free(&rep);
    dataset_free(&ds);
    return 0;
}
