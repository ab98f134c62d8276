#include "colwords.h"
#include "dataset.h"
#include "text.h"
#include <string.h>
#include <strings.h>

struct word {
    int col;
    const char *w;
};

/* read as the column */
static const struct word firm_alias[] = {{FC_NAME, "label"}, {-1, NULL}};
static const struct word link_alias[] = {
    {LC_SOURCE, "from"}, {LC_TARGET, "to"}, {LC_TYPE, "kind"}, {LC_TYPE, "relation"}, {LC_TYPE, "label"}, {-1, NULL}};

/* suggested only: a researcher's own headers, in the two languages field sheets of
 * Chinese clusters are written in; 规模 usually means a firm's size, not where it
 * sells, which is why none of these is taken without the user saying so */
static const struct word firm_guess[] = {
    {FC_ID, "编号"}, {FC_ID, "代码"}, {FC_ID, "企业编号"}, {FC_ID, "序号"}, {FC_ID, "code"},
    {FC_ID, "firm_id"}, {FC_ID, "firm id"}, {FC_ID, "no"}, {FC_ID, "no."},
    {FC_NAME, "名称"}, {FC_NAME, "企业名称"}, {FC_NAME, "公司名称"}, {FC_NAME, "企业"}, {FC_NAME, "firm"},
    {FC_NAME, "company"}, {FC_NAME, "firm name"}, {FC_NAME, "company name"},
    {FC_ALIAS, "别名"}, {FC_ALIAS, "英文名"}, {FC_ALIAS, "拼音"}, {FC_ALIAS, "pinyin"},
    {FC_INDUSTRY, "行业"}, {FC_INDUSTRY, "产业"}, {FC_INDUSTRY, "sector"},
    {FC_SCALE, "规模"}, {FC_SCALE, "范围"}, {FC_SCALE, "市场范围"},
    {FC_LOCATION, "地点"}, {FC_LOCATION, "地址"}, {FC_LOCATION, "所在地"}, {FC_LOCATION, "城市"},
    {FC_LOCATION, "city"}, {FC_LOCATION, "town"}, {FC_LOCATION, "address"},
    {FC_EMPLOYEES, "员工"}, {FC_EMPLOYEES, "员工数"}, {FC_EMPLOYEES, "人数"}, {FC_EMPLOYEES, "staff"},
    {FC_FOUNDED, "成立"}, {FC_FOUNDED, "成立年份"}, {FC_FOUNDED, "成立时间"}, {FC_FOUNDED, "established"},
    {FC_FOUNDED, "year founded"},
    {FC_OWNERSHIP, "所有制"}, {FC_OWNERSHIP, "性质"}, {FC_OWNERSHIP, "企业性质"},
    {FC_ROLE, "角色"}, {FC_ROLE, "职能"},
    {-1, NULL}};
static const struct word link_guess[] = {
    {LC_SOURCE, "来源"}, {LC_SOURCE, "供方"}, {LC_SOURCE, "起点"}, {LC_SOURCE, "src"},
    {LC_TARGET, "目标"}, {LC_TARGET, "需方"}, {LC_TARGET, "终点"}, {LC_TARGET, "dst"},
    {LC_TYPE, "关系"}, {LC_TYPE, "类型"}, {LC_TYPE, "关系类型"},
    {LC_FORM, "形式"},
    {LC_SINCE, "年份"}, {LC_SINCE, "开始"}, {LC_SINCE, "开始年份"}, {LC_SINCE, "起始年份"}, {LC_SINCE, "year"},
    {LC_SINCE, "start"},
    {LC_WEIGHT, "权重"}, {LC_WEIGHT, "强度"},
    {LC_NOTE, "备注"}, {LC_NOTE, "说明"}, {LC_NOTE, "notes"}, {LC_NOTE, "comment"},
    {LC_REF, "出处"}, {LC_REF, "访谈"}, {LC_REF, "访谈编号"}, {LC_REF, "reference"}, {LC_REF, "interview"},
    {-1, NULL}};

static int find(const struct word *t, const char *s, size_t n)
{
    text_trim_blanks(&s, &n);
    for (; t->w; t++)
        if (strlen(t->w) == n && strncasecmp(t->w, s, n) == 0)
            return t->col;
    return -1;
}

int colwords_alias(enum colwords_file file, const char *s, size_t n)
{
    return find(file == COLWORDS_FIRMS ? firm_alias : link_alias, s, n);
}

int colwords_guess(enum colwords_file file, const char *s, size_t n)
{
    const char *t = s;
    size_t tn = n;
    text_trim_blanks(&t, &tn);
    unsigned ncols = file == COLWORDS_FIRMS ? FC_COUNT : LC_COUNT;
    for (unsigned k = 0; k < ncols; k++) {
        const char *name = file == COLWORDS_FIRMS ? dataset_firm_column_name(k) : dataset_link_column_name(k);
        if (strlen(name) == tn && strncasecmp(name, t, tn) == 0)
            return (int)k;
    }
    int k = colwords_alias(file, s, n);
    return k >= 0 ? k : find(file == COLWORDS_FIRMS ? firm_guess : link_guess, s, n);
}
