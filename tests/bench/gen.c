/* gen: writes a synthetic firmnet dataset of any size, deterministic from its seed,
 * for the benchmarks and the CSV reader's differential test; never committed as data. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* splitmix64: one multiply-xorshift per draw, and the same stream on every platform */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in [0, n) by multiply-shift: no division, bias far below what matters here */
static uint32_t rng_below(uint32_t n) { return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32); }
static int rng_percent(unsigned p) { return rng_below(1000) < p * 10; }
static int rng_permille(unsigned p) { return rng_below(1000) < p; }

/* An output file with its own large buffer: formatting by hand, one write per MiB. */
struct out {
    int fd;
    const char *path;
    char *buf;
    size_t len;
    const char *eol;
    size_t eol_len;
};
#define OUT_BUF (1u << 20)

static void out_flush(struct out *o)
{
    size_t done = 0;
    while (done < o->len) {
        ssize_t k = write(o->fd, o->buf + done, o->len - done);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "firmnet-gen: %s: %s\n", o->path, strerror(errno));
            exit(2);
        }
        done += (size_t)k;
    }
    o->len = 0;
}

static void out_room(struct out *o, size_t n)
{
    if (o->len + n > OUT_BUF)
        out_flush(o);
}

static void out_mem(struct out *o, const char *s, size_t n)
{
    out_room(o, n);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_str(struct out *o, const char *s) { out_mem(o, s, strlen(s)); }
static void out_chr(struct out *o, char c)
{
    out_room(o, 1);
    o->buf[o->len++] = c;
}
static void out_eol(struct out *o) { out_mem(o, o->eol, o->eol_len); }

static void out_uint(struct out *o, uint64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out_mem(o, tmp + i, sizeof tmp - i);
}

static void out_uint_pad(struct out *o, uint32_t v, int width)
{
    char tmp[16];
    for (int i = width - 1; i >= 0; i--) {
        tmp[i] = (char)('0' + v % 10);
        v /= 10;
    }
    out_mem(o, tmp, (size_t)width);
}

/* A field assembled in scratch first, then written quoted when it needs to be. */
struct field {
    char s[4096];
    size_t n;
};

static void field_add(struct field *f, const char *s)
{
    size_t n = strlen(s);
    if (f->n + n < sizeof f->s) {
        memcpy(f->s + f->n, s, n);
        f->n += n;
    }
}

static void out_field(struct out *o, const struct field *f)
{
    int quote = 0;
    for (size_t i = 0; i < f->n && !quote; i++)
        quote = f->s[i] == ',' || f->s[i] == '"' || f->s[i] == '\n' || f->s[i] == '\r';
    if (!quote) {
        out_mem(o, f->s, f->n);
        return;
    }
    out_chr(o, '"');
    for (size_t i = 0; i < f->n; i++) {
        if (f->s[i] == '"')
            out_chr(o, '"');
        out_chr(o, f->s[i]);
    }
    out_chr(o, '"');
}

#define COUNT(a) (sizeof(a) / sizeof *(a))
static const char *pick(const char *const *v, size_t n) { return v[rng_below((uint32_t)n)]; }
#define PICK(a) pick(a, COUNT(a))

static const char *const notes_long_en[] = {"interviewed the owner in the workshop", "orders placed through a cousin",
                                            "moved production to Ouhai in 2008", "shares moulds and a designer",
                                            "pays on 90 days, sometimes late", "met at the Canton fair, then visited"};
static const char *const notes_long_zh[] = {"老板在车间接受访谈", "通过亲戚下单", "二零零八年把生产搬到瓯海",
                                            "共用模具和设计师", "九十天付款，有时拖欠", "广交会认识后来访"};

/* A long free-text note, as interview transcripts leave them: phrases joined until
 * about len bytes, with commas (so quoted) and now and then a quoted word. */
static void field_long_note(struct field *f, unsigned len, int zh)
{
    while (f->n < len && f->n + 64 < sizeof f->s) {
        field_add(f, zh ? PICK(notes_long_zh) : PICK(notes_long_en));
        if (rng_percent(10))
            field_add(f, zh ? "，\"关键\"" : ", \"key\"");
        field_add(f, zh ? "；" : "; ");
    }
}

static const struct industry { const char *code, *name, *zh, *en; } industries[] = {
    {"FW", "footwear", "鞋业", "Footwear"},   {"EY", "eyewear", "眼镜", "Optical"},
    {"AP", "apparel", "服饰", "Apparel"},     {"LT", "leather", "皮革", "Leather"},
    {"MC", "machinery", "机械", "Machinery"}, {"PK", "packaging", "包装", "Packaging"},
    {"TR", "trading", "贸易", "Trading"},     {"RS", "research", "研究院", "Research"},
};
static const char *const towns_zh[] = {"鹿城", "龙湾", "瓯海", "瑞安", "乐清", "永嘉", "平阳", "苍南", "洞头", "文成"};
static const char *const towns_en[] = {"Lucheng", "Longwan", "Ouhai", "Rui'an", "Yueqing", "Yongjia", "Pingyang", "Cangnan", "Dongtou", "Wencheng"};
static const char *const syll_zh[] = {"澜", "步", "高", "铭", "兴", "旭", "星", "峰", "华", "通", "金", "达", "宏", "盛", "泰", "康", "富", "永", "瑞", "明", "光", "新", "东", "方"};
static const char *const syll_en[] = {"Lan", "Bu", "Gao", "Ming", "Xing", "Xu", "Xing", "Feng", "Hua", "Tong", "Jin", "Da", "Hong", "Sheng", "Tai", "Kang", "Fu", "Yong", "Rui", "Ming", "Guang", "Xin", "Dong", "Fang"};
static const char *const suffix_zh[] = {"有限公司", "股份有限公司", "加工厂", "厂", "集团"};
static const char *const suffix_en[] = {"Co., Ltd.", "Works", "Group", "Factory", "Trading Co."};
static const char *const national_places[] = {"Shanghai", "Guangzhou", "Dongguan, Guangdong", "Jinjiang, Fujian", "Yiwu", "Beijing", "Chengdu", "Hangzhou"};
static const char *const global_places[] = {"Milan, Italy", "Tokyo", "New York, USA", "Düsseldorf", "Paris", "Hong Kong", "Seoul", "São Paulo"};
static const char *const ownerships[] = {"private", "private", "private", "collective", "joint-venture", "foreign", "state"};
static const char *const roles[] = {"manufacturer", "manufacturer", "supplier", "subcontractor", "subcontractor", "trader", "buyer", "institute", "association", "government"};
static const char *const types[] = {"supply", "subcontract", "production-sharing", "joint-venture", "licensing", "rnd", "technology", "marketing", "social", "cultural"};
/* how often each type occurs, per mille: supply chains dominate field data */
static const unsigned type_weight[] = {300, 220, 60, 30, 50, 50, 50, 90, 100, 50};
static const char *const type_alias[] = {"Supply", "sub-contract", "production sharing", "JV", "licence", "R&D", "tech", "sales", "Social", "culture"};
static const char *const notes_en[] = {"since the 1990s", "via a trade fair", "family ties, same village", "bulk orders, seasonal", "shared workshop", "quality audit passed", "exclusive", "through the chamber of commerce"};
static const char *const notes_zh[] = {"长期合作", "同乡关系", "技术转让", "授权生产和销售", "展会结识", "订单外包"};
static const char *const confidence[] = {"", "", "high", "medium", "low"};
struct gen {
    uint32_t n_firms;
    uint64_t n_links;
    int quirks;           /* more quoted fields, line breaks and doubled quotes */
    /* the shapes of field data the defaults do not have (--field sets all of them) */
    unsigned long_notes;  /* notes of about this many bytes on most rows, 0 for short ones */
    int quoted;           /* names, notes and refs quoted: commas and doubled quotes in most */
    unsigned bad_since;   /* percent of linkages whose since precedes an end's founding */
    unsigned extra_cols;  /* extra columns in each file beyond the usual one */
    int non_ascii;        /* names, places and notes mostly Chinese */
    uint8_t *scale;       /* per firm, to keep since >= founded most of the time */
    int16_t *founded;
    uint8_t *industry;
};

static const char *const extra_zh[] = {"是", "否", "不详", "浙江", "温州市", "访谈", "问卷"};
static const char *const extra_en[] = {"yes", "no", "n/a", "Q3=2", "wave 2", "phone", "visit"};

/* The extra columns' values: short answers, as a survey's coded columns are. */
static void write_extra(struct out *o, const struct gen *g)
{
    for (unsigned k = 0; k < g->extra_cols; k++) {
        out_chr(o, ',');
        if (rng_percent(20))
            continue;
        out_str(o, g->non_ascii && rng_percent(80) ? PICK(extra_zh) : PICK(extra_en));
    }
}

static void write_extra_header(struct out *o, const struct gen *g)
{
    for (unsigned k = 0; k < g->extra_cols; k++) {
        out_str(o, ",survey_q");
        out_uint(o, k + 1);
    }
}

static void write_firm_id(struct out *o, const struct gen *g, uint32_t i)
{
    static const char *const region[] = {"WZ", "CN", "GL"};
    out_str(o, region[g->scale[i]]);
    out_chr(o, '-');
    out_str(o, industries[g->industry[i]].code);
    out_chr(o, '-');
    out_uint_pad(o, i, 7);
}

static void write_firms(struct out *o, struct gen *g)
{
    out_str(o, "id,name,alias,industry,scale,location,employees,founded,ownership,role,website_note");
    write_extra_header(o, g);
    out_eol(o);
    for (uint32_t i = 0; i < g->n_firms; i++) {
        unsigned sc = g->scale[i];
        const struct industry *ind = &industries[g->industry[i]];
        struct field f;
        write_firm_id(o, g, i);
        out_chr(o, ',');
        /* name and alias: Chinese names with a pinyin alias, or English ones, some with commas */
        unsigned town = rng_below(COUNT(towns_zh));
        unsigned s1 = rng_below(COUNT(syll_zh)), s2 = rng_below(COUNT(syll_zh));
        unsigned suf = rng_below(COUNT(suffix_zh));
        int zh = g->non_ascii ? rng_percent(95) : sc == 0 ? rng_percent(75) : rng_percent(20);
        f.n = 0;
        if (zh) {
            field_add(&f, towns_zh[town]);
            field_add(&f, syll_zh[s1]);
            field_add(&f, syll_zh[s2]);
            field_add(&f, ind->zh);
            field_add(&f, suffix_zh[suf]);
        } else {
            field_add(&f, towns_en[town]);
            field_add(&f, " ");
            field_add(&f, syll_en[s1]);
            field_add(&f, syll_en[s2]);
            field_add(&f, " ");
            field_add(&f, ind->en);
            field_add(&f, " ");
            field_add(&f, suffix_en[suf]);
        }
        if (g->quirks && rng_percent(3))
            field_add(&f, " \"Old Name\"");
        if (g->quoted && rng_percent(60))
            field_add(&f, zh ? "，原\"旧厂\", 分厂" : ", formerly \"Old Name\", branch");
        out_field(o, &f);
        out_chr(o, ',');
        if (zh && rng_percent(85)) {
            f.n = 0;
            field_add(&f, towns_en[town]);
            field_add(&f, " ");
            field_add(&f, syll_en[s1]);
            field_add(&f, syll_en[s2]);
            field_add(&f, " ");
            field_add(&f, ind->en);
            out_field(o, &f);
        }
        out_chr(o, ',');
        /* a few padded categories: the loader trims them */
        if (rng_permille(2))
            out_chr(o, ' ');
        out_str(o, ind->name);
        out_chr(o, ',');
        if (sc == 0 && rng_percent(5))
            ; /* blank means local */
        else if (sc == 2 && rng_percent(5))
            out_str(o, "International");
        else
            out_str(o, sc == 0 ? "local" : sc == 1 ? "national" : "global");
        out_chr(o, ',');
        f.n = 0;
        if (sc == 0 && g->non_ascii) {
            field_add(&f, towns_zh[town]);
            field_add(&f, "区, 温州");
        } else if (sc == 0) {
            field_add(&f, towns_en[town]);
            field_add(&f, ", Wenzhou");
        } else {
            field_add(&f, sc == 1 ? PICK(national_places) : PICK(global_places));
        }
        out_field(o, &f);
        out_chr(o, ',');
        if (!rng_percent(10)) {
            /* skewed sizes: most workshops are small, a few groups are large */
            uint32_t u = rng_below(1000) + 1;
            out_uint(o, (uint64_t)(3 + 200000 / (u * u / 40 + 20)));
        }
        out_chr(o, ',');
        if (g->founded[i])
            out_uint(o, (uint64_t)g->founded[i]);
        out_chr(o, ',');
        out_str(o, PICK(ownerships));
        out_chr(o, ',');
        out_str(o, PICK(roles));
        out_chr(o, ',');
        unsigned r = rng_below(1000);
        unsigned rich = g->quirks ? 300 : 60;
        if (g->long_notes && r < 500) {
            f.n = 0;
            field_long_note(&f, g->long_notes / 2 + rng_below(g->long_notes), g->non_ascii);
            out_field(o, &f);
        } else if (r < rich) {
            f.n = 0;
            field_add(&f, "case study ");
            field_add(&f, PICK(notes_en));
            if (r % 4 == 0)
                field_add(&f, ", https://firm.example/");
            if (r % 7 == 0)
                field_add(&f, "; said \"upgrading\" twice");
            if (r % 11 == 0 || (g->quirks && r % 3 == 0))
                field_add(&f, o->eol_len == 2 ? "\r\nsecond line" : "\nsecond line");
            out_field(o, &f);
        }
        write_extra(o, g);
        out_eol(o);
    }
}

static uint32_t pick_type(void)
{
    unsigned r = rng_below(1000), acc = 0;
    for (uint32_t t = 0; t < COUNT(type_weight); t++) {
        acc += type_weight[t];
        if (r < acc)
            return t;
    }
    return 0;
}

static void write_links(struct out *o, struct gen *g)
{
    out_str(o, "source,target,type,form,since,weight,note,ref,confidence");
    write_extra_header(o, g);
    out_eol(o);
    /* Preferential attachment by copying: an end is a uniformly chosen firm, or else
     * the end of a random earlier linkage, so a firm's chance grows with its degree
     * and degrees follow a power law with a few large hubs. */
    uint64_t cap = g->n_links * 2;
    uint32_t *ends = malloc((size_t)(cap ? cap : 1) * sizeof *ends);
    if (!ends) {
        fputs("firmnet-gen: out of memory\n", stderr);
        exit(3);
    }
    uint64_t n_ends = 0;
    for (uint64_t e = 0; e < g->n_links; e++) {
        uint32_t st[2];
        for (int k = 0; k < 2; k++) {
            uint32_t v;
            do {
                if (n_ends == 0 || rng_percent(35))
                    v = rng_below(g->n_firms);
                else
                    v = ends[(uint64_t)((double)(rng_next() >> 11) * (1.0 / 9007199254740992.0) * (double)n_ends)];
            } while (k == 1 && v == st[0]);
            st[k] = v;
        }
        ends[n_ends++] = st[0];
        ends[n_ends++] = st[1];
        write_firm_id(o, g, st[0]);
        out_chr(o, ',');
        write_firm_id(o, g, st[1]);
        out_chr(o, ',');
        uint32_t t = pick_type();
        out_str(o, rng_percent(3) ? type_alias[t] : types[t]);
        out_chr(o, ',');
        unsigned r = rng_below(100);
        if (r < 15)
            out_str(o, t < 4 ? "material" : "non-material");
        else if (r < 17)
            out_str(o, t < 4 ? "Material" : "nonmaterial");
        out_chr(o, ',');
        int lo = g->founded[st[0]] > g->founded[st[1]] ? g->founded[st[0]] : g->founded[st[1]];
        if (g->bad_since && lo > 1811 && rng_percent(g->bad_since)) {
            /* a survey that recorded when the owners first met, not when the firm did */
            out_uint(o, (uint64_t)(lo - 1 - (int)rng_below(10)));
        } else if (!rng_percent(12)) {
            int base = g->founded[st[0]] > g->founded[st[1]] ? g->founded[st[0]] : g->founded[st[1]];
            if (base < 1978)
                base = 1978;
            if (base > 2024)
                base = 2024;
            out_uint(o, (uint64_t)(base + (int)rng_below((uint32_t)(2025 - base))));
        }
        out_chr(o, ',');
        r = rng_below(100);
        if (r < 60)
            out_uint(o, 1 + rng_below(5));
        else if (r < 65) {
            out_uint(o, 1 + rng_below(9));
            out_str(o, ".5");
        }
        out_chr(o, ',');
        r = rng_below(1000);
        unsigned rich = g->quirks ? 400 : 120;
        struct field f;
        if (g->long_notes && r < 250) {
            f.n = 0;
            field_long_note(&f, g->long_notes / 2 + rng_below(g->long_notes), g->non_ascii);
            out_field(o, &f);
        } else if (r < rich || (g->quoted && r < 800)) {
            f.n = 0;
            field_add(&f, r & 1 || g->non_ascii ? PICK(notes_zh) : PICK(notes_en));
            if (g->quoted)
                field_add(&f, ", \"repeat\" buyer");
            if (r % 5 == 0)
                field_add(&f, ", 订单");
            if (r % 13 == 0)
                field_add(&f, " (\"key\" partner)");
            if (r % 37 == 0 || (g->quirks && r % 5 == 1))
                field_add(&f, o->eol_len == 2 ? "\r\nsee interview" : "\nsee interview");
            out_field(o, &f);
        }
        out_chr(o, ',');
        if (!rng_percent(30)) {
            f.n = 0;
            field_add(&f, rng_percent(60) ? (g->non_ascii ? "访谈-" : "INT-") : "DOC-");
            char num[16];
            unsigned year = 1995 + rng_below(30), serial = rng_below(1000); /* in this order */
            snprintf(num, sizeof num, "%u-%03u", year, serial);
            field_add(&f, num);
            if (g->quoted && rng_percent(70))
                field_add(&f, g->non_ascii ? ", 第4页, \"原件\"" : ", p. 4, \"original\"");
            if (g->long_notes && rng_percent(30))
                field_long_note(&f, g->long_notes / 4, g->non_ascii);
            out_field(o, &f);
        }
        out_chr(o, ',');
        out_str(o, PICK(confidence));
        write_extra(o, g);
        out_eol(o);
    }
    free(ends);
}

static void out_open(struct out *o, char *path, size_t pathsz, const char *dir, const char *name,
                     int crlf, int bom)
{
    snprintf(path, pathsz, "%s/%s", dir, name);
    o->path = path;
    o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (o->fd < 0) {
        fprintf(stderr, "firmnet-gen: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    o->buf = malloc(OUT_BUF);
    if (!o->buf) {
        fputs("firmnet-gen: out of memory\n", stderr);
        exit(3);
    }
    o->len = 0;
    o->eol = crlf ? "\r\n" : "\n";
    o->eol_len = crlf ? 2 : 1;
    if (bom)
        out_str(o, "\xEF\xBB\xBF");
}

static void out_close(struct out *o)
{
    out_flush(o);
    if (close(o->fd) != 0) {
        fprintf(stderr, "firmnet-gen: %s: %s\n", o->path, strerror(errno));
        exit(2);
    }
    free(o->buf);
}

static const char usage[] =
    "Usage: firmnet-gen --firms N --linkages M [--seed S] [--crlf] [--bom] [--quirks] -o DIR\n"
    "Writes DIR/firms.csv and DIR/linkages.csv: a synthetic cluster with power-law degrees,\n"
    "every linkage type, form and scale, Chinese and ASCII names, quoted fields with commas,\n"
    "quotes and line breaks, and an extra column in each file. The same seed gives the same\n"
    "bytes. --quirks makes quoted and multi-line fields common (for the reader's tests).\n"
    "Shapes of field data (the benchmark's field-shaped size uses --field, all of them):\n"
    "  --long-notes N   notes of about N bytes on most rows (and long refs)\n"
    "  --quoted         names, notes and refs with commas and doubled quotes\n"
    "  --bad-since PCT  PCT%% of linkages start before an end was founded (warnings)\n"
    "  --extra-cols N   N more extra columns in each file\n"
    "  --non-ascii      names, places and notes mostly Chinese\n"
    "  --field          --long-notes 200 --quoted --bad-since 75 --extra-cols 8 --non-ascii\n";

static unsigned long long parse_count(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    /* k and M suffixes so the bench sizes read as written: 10k, 1M */
    if (*end == 'k' || *end == 'K') {
        v *= 1000;
        end++;
    } else if (*end == 'M') {
        v *= 1000000;
        end++;
    }
    if (errno || *end || end == s) {
        fprintf(stderr, "firmnet-gen: %s wants a whole number, not \"%s\"\n%s", opt, s, usage);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    unsigned long long n_firms = 0, n_links = 0, seed = 1;
    const char *dir = NULL;
    int crlf = 0, bom = 0, quirks = 0, quoted = 0, non_ascii = 0;
    unsigned long long long_notes = 0, bad_since = 0, extra_cols = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_arg = i + 1 < argc;
        if (!strcmp(a, "--firms") && has_arg)
            n_firms = parse_count(a, argv[++i]);
        else if (!strcmp(a, "--linkages") && has_arg)
            n_links = parse_count(a, argv[++i]);
        else if (!strcmp(a, "--seed") && has_arg)
            seed = parse_count(a, argv[++i]);
        else if (!strcmp(a, "-o") && has_arg)
            dir = argv[++i];
        else if (!strcmp(a, "--crlf"))
            crlf = 1;
        else if (!strcmp(a, "--bom"))
            bom = 1;
        else if (!strcmp(a, "--quirks"))
            quirks = 1;
        else if (!strcmp(a, "--long-notes") && has_arg)
            long_notes = parse_count(a, argv[++i]);
        else if (!strcmp(a, "--quoted"))
            quoted = 1;
        else if (!strcmp(a, "--bad-since") && has_arg)
            bad_since = parse_count(a, argv[++i]);
        else if (!strcmp(a, "--extra-cols") && has_arg)
            extra_cols = parse_count(a, argv[++i]);
        else if (!strcmp(a, "--non-ascii"))
            non_ascii = 1;
        else if (!strcmp(a, "--field")) {
            long_notes = 200;
            quoted = non_ascii = 1;
            bad_since = 75;
            extra_cols = 8;
        }
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 0;
        } else {
            fprintf(stderr, "firmnet-gen: unknown or incomplete option \"%s\"\n%s", a, usage);
            return 2;
        }
    }
    if (long_notes > 3000 || bad_since > 100 || extra_cols > 200) {
        fprintf(stderr, "firmnet-gen: --long-notes at most 3000, --bad-since at most 100, --extra-cols at most 200\n%s",
                usage);
        return 2;
    }
    if (!dir || n_firms < 2 || n_firms > 9999999 || n_links > 0x7fffffffull) {
        fprintf(stderr, "firmnet-gen: need -o DIR, 2 <= firms <= 9999999 (ids have 7 digits), "
                        "linkages < 2^31\n%s", usage);
        return 2;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "firmnet-gen: %s: %s\n", dir, strerror(errno));
        return 2;
    }
    rng_state = seed * 0x2545F4914F6CDD1Dull + 1;
    struct gen g = {(uint32_t)n_firms, n_links, quirks, (unsigned)long_notes, quoted, (unsigned)bad_since,
                    (unsigned)extra_cols, non_ascii, NULL, NULL, NULL};
    g.scale = malloc(n_firms);
    g.industry = malloc(n_firms);
    g.founded = malloc(n_firms * sizeof *g.founded);
    if (!g.scale || !g.industry || !g.founded) {
        fputs("firmnet-gen: out of memory\n", stderr);
        return 3;
    }
    for (uint32_t i = 0; i < g.n_firms; i++) {
        unsigned r = rng_below(100);
        g.scale[i] = (uint8_t)(r < 72 ? 0 : r < 88 ? 1 : 2);
        g.industry[i] = (uint8_t)(rng_percent(85) ? rng_below(3) : rng_below(COUNT(industries)));
        g.founded[i] = (int16_t)(rng_percent(6) ? 0 : 1950 + (int)rng_below(71));
    }
    char fpath[4096], lpath[4096];
    struct out o;
    out_open(&o, fpath, sizeof fpath, dir, "firms.csv", crlf, bom);
    write_firms(&o, &g);
    out_close(&o);
    out_open(&o, lpath, sizeof lpath, dir, "linkages.csv", crlf, bom);
    write_links(&o, &g);
    out_close(&o);
    free(g.scale);
    free(g.industry);
    free(g.founded);
    return 0;
}
