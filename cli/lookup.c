#include "lookup.h"
#include "text.h"
#include "xalloc.h"
#include <stdlib.h>
#include <string.h>

int lookup_regex_error(const struct cli *c, const char *pattern, const struct match_error *err)
{
    struct textbuf tb = {0};
    int rc = cli_usage_error(c, "bad regex \"%s\": %s at offset %zu",
                             text_fit(&tb, pattern, strlen(pattern), 60, 0, 0), err->message, err->offset);
    textbuf_free(&tb);
    return rc;
}

int lookup_too_expensive(const struct cli *c, const char *pattern)
{
    struct textbuf tb = {0};
    fprintf(stderr, "firmnet %s: the regex \"%s\" is too expensive to match (backtracking limit hit); "
            "simplify it\n", c->cmd, text_fit(&tb, pattern, strlen(pattern), 60, 0, 0));
    textbuf_free(&tb);
    return EXIT_USAGE;
}

const char *lookup_link_dir(const struct dataset *ds, uint32_t e, uint32_t firm)
{
    if (!vocab_type_directed(ds->links.type[e]))
        return "<->";
    return ds->links.source[e] == firm ? "->" : "<-";
}

const char *lookup_year(int year, char *buf)
{
    if (year == YEAR_NONE)
        return "";
    snprintf(buf, 16, "%d", year);
    return buf;
}

const char *lookup_industry(const struct dataset *ds, uint32_t firm)
{
    return dataset_firm_text(ds, firm, FC_INDUSTRY, NULL);
}

static void list_matches(const struct cli *c, const struct dataset *ds, const uint32_t *hits, uint32_t n)
{
    static const char *const names[] = {"id", "name"};
    static const uint8_t kinds[] = {PK_STR, PK_STR};
    struct table t;
    table_init(&t, 2, names, kinds);
    for (uint32_t i = 0; i < n; i++) {
        table_add(&t, dataset_firm_id(ds, hits[i]));
        table_add(&t, dataset_str(ds, ds->firms.name[hits[i]]));
    }
    table_print(&t, c->format, stdout);
    table_free(&t);
}

int lookup_firm(const struct cli *c, const struct dataset *ds, const char *arg, uint32_t *firm)
{
    struct textbuf tb = {0};
    *firm = dataset_find_firm(ds, arg, strlen(arg));
    if (*firm != FIRM_NONE)
        return EXIT_OK;
    struct firm_filter f;
    struct match_error err;
    if (filter_compile(&f, ds, arg, MATCH_SMART_CASE, &err) != 0)
        return lookup_regex_error(c, arg, &err);
    uint32_t *hits = xmalloc(((size_t)ds->firms.n + 1) * sizeof *hits), n = 0;
    int rc = EXIT_OK;
    for (uint32_t v = 0; v < ds->firms.n && rc == EXIT_OK; v++) {
        enum match_result r = filter_test_firm(&f, ds, v);
        if (r == MATCH_YES)
            hits[n++] = v;
        else if (r < 0)
            rc = lookup_too_expensive(c, arg);
    }
    filter_free(&f);
    if (rc == EXIT_OK && n == 1) {
        *firm = hits[0];
    } else if (rc == EXIT_OK && n == 0) {
        uint32_t near = dataset_suggest_firm(ds, arg, strlen(arg));
        fprintf(stderr, "firmnet %s: no firm has the id \"%s\" or matches it", c->cmd,
                text_fit(&tb, arg, strlen(arg), 60, 0, 0));
        if (near != FIRM_NONE) {
            const char *id = dataset_firm_id(ds, near);
            fprintf(stderr, "; did you mean %s?", text_fit(&tb, id, strlen(id), 60, 0, 0));
        }
        fputc('\n', stderr);
        rc = EXIT_FINDING;
    } else if (rc == EXIT_OK) {
        fprintf(stderr, "firmnet %s: \"%s\" matches %u firms; name one by its id\n", c->cmd,
                text_fit(&tb, arg, strlen(arg), 60, 0, 0), n);
        list_matches(c, ds, hits, n);
        rc = EXIT_FINDING;
    }
    free(hits);
    textbuf_free(&tb);
    return rc;
}
