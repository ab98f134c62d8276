#!/bin/sh
# Writes the field sheet of data/examples/field (and field-mapped) as Excel on a
# Chinese PC saves "CSV": GB18030, ';' between fields, CRLF line ends, a ';' ending
# every line (Excel's empty last column), the researcher's own Chinese headers and
# type words, spreadsheet years (2005年, 1992.0, '05) and a blank ';;;;' row at the end.
#   sh make.sh DIR     writes DIR/firms.csv and DIR/linkages.csv
# The text below is UTF-8; iconv and sed make the bytes. tests/cli/field.test runs
# this and compares the result with the files shipped.
set -e
out=${1:?usage: make.sh DIR}
mkdir -p "$out"
sheet() {
    iconv -f UTF-8 -t GB18030 | sed 's/$/\r/'
}
sheet >"$out/firms.csv" <<'CSV'
编号;企业名称;行业;地点;国家;成立年份;员工;
WZ001;鹿城澜步鞋业有限公司;制鞋;温州鹿城;中国;1984;4200;
WZ002;龙湾高铭鞋业有限公司;制鞋;温州龙湾;中国;2005年;74;
WZ003;瑞安兴旭鞋帮加工厂;制鞋;温州瑞安;中国;1992.0;17;
WZ004;上海华贸皮革有限公司;皮革;上海;中国;'05;120;
WZ005;米兰鞋履设计工作室;设计;米兰;意大利;1990;12;
WZ006;广州白云鞋材市场;鞋材;广州;中国;1998;300;
;;;;;;;
CSV
sheet >"$out/linkages.csv" <<'CSV'
来源;目标;关系;年份;备注;权重;
WZ003;WZ001;分包;1995;鞋帮加工，访谈 A1;2;
WZ004;WZ001;供应;2005年;皮料供应，访谈 A3;1;
WZ006;WZ002;供应;2003.0;鞋底;;
WZ005;WZ001;技术;1999;设计合作，米兰展会后开始;3;
WZ001;WZ002;社会;;同乡，访谈 A2;;
WZ002;WZ007;供应;2001;;;
WZ001;WZ005;营销;2010;意大利代理;;
WZ006;WZ003;供应;2000;鞋底;1;
;;;;;;
CSV
