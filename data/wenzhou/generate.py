#!/usr/bin/env python3
"""Generate firmnet's bundled illustrative dataset of the Wenzhou industrial clusters.

The dataset is FICTIONAL: every firm, name and tie is invented.  Only the shape of the
network is modelled on published descriptions of Wenzhou's clusters (footwear, eyewear,
apparel, lighters, low-voltage electrical, pens, buttons and zips): dense local
production networks with subcontracting to family workshops, kinship and hometown ties,
sales through national wholesale markets and distributors, and a few gatekeeper firms
that hold most national and global ties (licensing from foreign brands, OEM supply to
foreign buyers, R&D with institutes).

Standard library only, fixed seed, deterministic: running it again rewrites
firms.csv and linkages.csv next to this script byte for byte.

    python3 data/wenzhou/generate.py [output-dir]
"""
import csv
import math
import os
import random
import sys

SEED = 20030917
rng = random.Random(SEED)

FIRM_COLUMNS = ["id", "name", "alias", "industry", "scale", "location", "employees",
                "founded", "ownership", "role", "website_note"]
LINK_COLUMNS = ["source", "target", "type", "form", "since", "until", "weight", "note", "ref"]

MUTUAL = {"production-sharing", "joint-venture", "rnd", "social", "cultural"}
MATERIAL = {"supply", "subcontract", "production-sharing", "joint-venture"}
LAST_YEAR = 2024

# ---------------------------------------------------------------------------------
# Vocabulary for invented names
# ---------------------------------------------------------------------------------

DISTRICTS = {
    "Lucheng": "鹿城", "Longwan": "龙湾", "Ouhai": "瓯海", "Rui'an": "瑞安",
    "Yueqing": "乐清", "Yongjia": "永嘉", "Pingyang": "平阳", "Cangnan": "苍南",
    "Dongtou": "洞头", "Wencheng": "文成", "Taishun": "泰顺", "Longgang": "龙港",
}

# Where each industry clusters (weights by district).
DISTRICT_WEIGHTS = {
    "footwear": {"Lucheng": 4, "Ouhai": 4, "Longwan": 2, "Rui'an": 1, "Yongjia": 0.5,
                 "Wencheng": 0.3, "Taishun": 0.2},
    "eyewear": {"Ouhai": 5, "Lucheng": 2, "Longwan": 1},
    "apparel": {"Lucheng": 3, "Ouhai": 2, "Rui'an": 1, "Pingyang": 1, "Cangnan": 0.7,
                "Longgang": 0.5},
    "lighters": {"Lucheng": 4, "Ouhai": 1, "Longwan": 1},
    "electrical": {"Yueqing": 8, "Longwan": 1, "Ouhai": 0.5},
    "pens": {"Lucheng": 2, "Longwan": 1, "Ouhai": 1},
    "buttons-zips": {"Yongjia": 5, "Lucheng": 1, "Cangnan": 0.5},
    "leather": {"Pingyang": 3, "Lucheng": 1, "Ouhai": 1},
    "soles": {"Ouhai": 2, "Lucheng": 2, "Longwan": 1, "Rui'an": 1},
    "lenses": {"Ouhai": 2, "Lucheng": 1},
    "frames": {"Ouhai": 3, "Longwan": 1, "Dongtou": 0.3},
    "hardware": {"Longwan": 2, "Rui'an": 2, "Yueqing": 1.5, "Ouhai": 1, "Cangnan": 0.5},
    "machinery": {"Rui'an": 4, "Longwan": 1, "Ouhai": 1},
    "trading": {"Lucheng": 3, "Ouhai": 1, "Longwan": 1, "Rui'an": 0.5},
}

# (Chinese word, English word) pairs naming what a firm makes.
PRODUCT_WORDS = {
    "footwear": [("鞋业", "Footwear"), ("鞋业", "Shoes"), ("制鞋", "Shoemaking")],
    "eyewear": [("眼镜", "Optical"), ("眼镜", "Eyewear"), ("光学", "Optics")],
    "apparel": [("服饰", "Apparel"), ("服装", "Garment"), ("制衣", "Clothing")],
    "lighters": [("打火机", "Lighter"), ("烟具", "Smoking Articles")],
    "electrical": [("电气", "Electric"), ("电器", "Electrical Appliances"), ("开关", "Switchgear")],
    "pens": [("制笔", "Pen"), ("笔业", "Pens"), ("文具", "Stationery")],
    "buttons-zips": [("纽扣", "Button"), ("拉链", "Zipper"), ("服装辅料", "Garment Trims")],
    "leather": [("皮革", "Leather"), ("合成革", "Synthetic Leather")],
    "soles": [("鞋材", "Shoe Materials"), ("鞋底", "Soles")],
    "lenses": [("镜片", "Lens"), ("光学镜片", "Optical Lens")],
    "frames": [("镜架", "Frames"), ("眼镜配件", "Eyewear Parts")],
    "hardware": [("五金", "Hardware"), ("五金配件", "Metal Parts"), ("模具", "Moulds"),
                 ("电镀", "Electroplating")],
    "machinery": [("机械", "Machinery"), ("鞋机", "Shoe Machinery"), ("设备", "Equipment")],
    "trading": [("贸易", "Trading"), ("进出口", "Import & Export")],
    "textiles": [("纺织", "Textiles"), ("面料", "Fabrics")],
}

SYLLABLES = [
    ("明", "Ming"), ("华", "Hua"), ("宏", "Hong"), ("达", "Da"), ("兴", "Xing"),
    ("金", "Jin"), ("鑫", "Xin"), ("丰", "Feng"), ("瑞", "Rui"), ("泰", "Tai"),
    ("康", "Kang"), ("信", "Xin"), ("诚", "Cheng"), ("宝", "Bao"), ("隆", "Long"),
    ("盛", "Sheng"), ("光", "Guang"), ("利", "Li"), ("富", "Fu"), ("安", "An"),
    ("恒", "Heng"), ("海", "Hai"), ("天", "Tian"), ("新", "Xin"), ("东", "Dong"),
    ("远", "Yuan"), ("嘉", "Jia"), ("美", "Mei"), ("宇", "Yu"), ("辉", "Hui"),
    ("源", "Yuan"), ("荣", "Rong"), ("博", "Bo"), ("凯", "Kai"), ("锦", "Jin"),
    ("豪", "Hao"), ("鹏", "Peng"), ("伟", "Wei"), ("晨", "Chen"), ("云", "Yun"),
    ("峰", "Feng"), ("顺", "Shun"), ("通", "Tong"), ("振", "Zhen"), ("昌", "Chang"),
    ("腾", "Teng"), ("祥", "Xiang"), ("雅", "Ya"), ("帆", "Fan"), ("岚", "Lan"),
    ("骏", "Jun"), ("翔", "Xiang"), ("卓", "Zhuo"), ("越", "Yue"), ("晟", "Sheng"),
    ("铭", "Ming"), ("君", "Jun"), ("和", "He"), ("益", "Yi"), ("佳", "Jia"),
    ("立", "Li"), ("合", "He"), ("聚", "Ju"), ("高", "Gao"), ("德", "De"),
    ("成", "Cheng"), ("森", "Sen"), ("林", "Lin"), ("江", "Jiang"), ("洲", "Zhou"),
    ("旭", "Xu"), ("春", "Chun"), ("蓝", "Lan"), ("青", "Qing"), ("虹", "Hong"),
    ("彩", "Cai"), ("星", "Xing"), ("舟", "Zhou"), ("沁", "Qin"), ("璟", "Jing"),
]
# Pairs never used: place names and combinations that are well-known trade names.
AVOID = {
    "金华", "瑞安", "泰顺", "安康", "嘉兴", "新昌", "海安", "安顺", "顺德", "德兴", "泰兴",
    "丰顺", "兴安", "新华", "宏达", "华美", "明光", "光明", "海信", "康佳", "凯越", "春秋",
    "恒源", "海天", "立信", "天通", "金利", "华通", "德华", "兴隆", "东海", "江海", "通达",
    "美佳", "嘉和", "光华", "华丰", "宝丰", "东丰", "天和", "永和", "和信", "青春", "天天",
    "富安", "江华", "天合", "星光", "华星", "新星", "明星", "森林", "高安", "金洲", "林江",
}
# Reserved for the two case-study firms.
RESERVED = {"澜步", "睿瞳"}

used_names = set()


def pinyin_join(a, b):
    """Two syllables as one pinyin word, with the apostrophe before a vowel."""
    b = b.lower()
    return a + ("'" if b[0] in "aeo" else "") + b


def brand_pair():
    while True:
        (c1, p1), (c2, p2) = rng.sample(SYLLABLES, 2)
        cn = c1 + c2
        if cn in AVOID or cn in RESERVED:
            continue
        return cn, pinyin_join(p1, p2)


def invent_local_name(district, industry, kind):
    """A Chinese registered name and an English alias, unique in the dataset."""
    dcn = DISTRICTS[district]
    while True:
        bcn, bpy = brand_pair()
        pcn, pen = rng.choice(PRODUCT_WORDS[industry])
        if kind == "workshop":
            cn, en = pcn + "加工厂", pen + " Workshop"
            if industry == "footwear":
                cn, en = "鞋帮加工厂", "Shoe Upper Workshop"
        elif kind == "collective":
            cn, en = pcn + "厂", pen + " Factory"
        elif kind == "leader":
            cn, en = pcn + "股份有限公司", pen
        else:
            cn, en = pcn + "有限公司", pen
        name = dcn + bcn + cn
        if name in used_names:
            continue
        used_names.add(name)
        return name, "%s %s %s" % (district, bpy, en)


def invent_city_name(city_cn, city_py, suffix_cn, suffix_en):
    while True:
        bcn, bpy = brand_pair()
        name = city_cn + bcn + suffix_cn
        if name in used_names:
            continue
        used_names.add(name)
        return name, "%s %s %s" % (city_py, bpy, suffix_en)


# ---------------------------------------------------------------------------------
# Firms
# ---------------------------------------------------------------------------------

firms = []        # list of dicts, in output order
by_id = {}


def add_firm(fid, name, alias, industry, scale, location, employees, founded, ownership,
             role, tier="mid", attr=1.0, note="", **extra):
    assert fid not in by_id, fid
    f = dict(id=fid, name=name, alias=alias, industry=industry, scale=scale,
             location=location, employees=int(employees), founded=int(founded),
             ownership=ownership, role=role, website_note=note, tier=tier, attr=attr)
    f.update(extra)
    firms.append(f)
    by_id[fid] = f
    return f


def weighted_pick(weights):
    """Index drawn from a list of non-negative weights."""
    total = sum(weights)
    r = rng.random() * total
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if r < acc:
            return i
    return len(weights) - 1


def pick_district(industry):
    d = DISTRICT_WEIGHTS[industry]
    names = list(d)
    return names[weighted_pick([d[n] for n in names])]


def lognormal_int(median, sigma, lo, hi):
    return max(lo, min(hi, int(round(median * math.exp(rng.gauss(0, sigma))))))


def founded_year(tier):
    if tier == "leader":
        return rng.randint(1978, 1992)
    if tier == "workshop":
        return rng.randint(1990, 2015)
    return int(round(rng.triangular(1980, 2015, 1997)))


# Local manufacturers and suppliers: (industry, id prefix, count, share of leaders,
# share of workshops).
LOCAL_INDUSTRIES = [
    ("footwear", "FW", 150, 0.08, 0.36),
    ("eyewear", "EY", 70, 0.09, 0.30),
    ("apparel", "AP", 75, 0.07, 0.30),
    ("lighters", "LT", 30, 0.10, 0.30),
    ("electrical", "EL", 50, 0.10, 0.24),
    ("pens", "PN", 20, 0.10, 0.25),
    ("buttons-zips", "BZ", 25, 0.08, 0.24),
    ("leather", "LE", 28, 0.07, 0.0),
    ("soles", "SO", 30, 0.07, 0.0),
    ("lenses", "LN", 16, 0.07, 0.0),
    ("frames", "FR", 22, 0.05, 0.20),
    ("hardware", "HW", 36, 0.05, 0.30),
    ("machinery", "MC", 20, 0.10, 0.0),
    ("trading", "TR", 12, 0.0, 0.0),
]
FINAL = ["footwear", "eyewear", "apparel", "lighters", "electrical", "pens", "buttons-zips"]
local = {}        # industry -> list of firms

for industry, prefix, n, lead_share, shop_share in LOCAL_INDUSTRIES:
    n_lead = int(round(n * lead_share))
    n_shop = int(round(n * shop_share))
    tiers = ["leader"] * n_lead + ["workshop"] * n_shop + ["mid"] * (n - n_lead - n_shop)
    # Firm 0001 of footwear and eyewear are the case studies, both leaders.
    if industry in ("footwear", "eyewear"):
        rest = tiers[1:]
        rng.shuffle(rest)
        tiers = ["leader"] + rest
    else:
        rng.shuffle(tiers)
    local[industry] = []
    for i, tier in enumerate(tiers, 1):
        fid = "WZ-%s-%04d" % (prefix, i)
        district = pick_district(industry)
        founded = founded_year(tier)
        if tier == "leader":
            kind, employees = "leader", lognormal_int(1400, 0.6, 350, 9000)
            attr = 8.0 + rng.paretovariate(1.2) * 2
        elif tier == "workshop":
            kind, employees = "workshop", lognormal_int(18, 0.5, 3, 60)
            attr = 0.4 + rng.random() * 0.4
        else:
            kind, employees = "mid", lognormal_int(110, 0.75, 12, 900)
            attr = rng.paretovariate(1.6)
        ownership = "private"
        if founded <= 1986 and rng.random() < 0.45:
            ownership = "collective"
            if kind == "mid":
                kind = "collective"
        if industry == "trading":
            role = "trader"
        elif tier == "workshop":
            role = "subcontractor"
        elif industry in FINAL and industry != "buttons-zips":
            role = "manufacturer"
        else:
            role = "supplier"
        name, alias = invent_local_name(district, industry, kind)
        f = add_firm(fid, name, alias, industry, "local", district + ", Wenzhou",
                     employees, founded, ownership, role, tier=tier, attr=attr,
                     district=district)
        local[industry].append(f)

# The two case studies.
CASE1, CASE2 = "WZ-FW-0001", "WZ-EY-0001"
c1 = by_id[CASE1]
c1.update(name="鹿城澜步鞋业股份有限公司", alias="Lucheng Lanbu Footwear",
          location="Lucheng, Wenzhou", district="Lucheng", employees=4200, founded=1984,
          ownership="private", attr=30.0,
          website_note="case study 1: upgraded through licensing, R&D and a national "
                       "sales network; https://lanbu.example/")
c2 = by_id[CASE2]
c2.update(name="瓯海睿瞳眼镜有限公司", alias="Ouhai Ruitong Optical",
          location="Ouhai, Wenzhou", district="Ouhai", employees=2600, founded=1989,
          ownership="private", attr=25.0,
          website_note="case study 2: OEM supplier to global eyewear brands, "
                       "local supplier network")

# Local institutions.
LOCAL_INSTITUTIONS = [
    # id, name, alias, industry, role, ownership, district, employees, founded, serves
    ("WZ-AS-0001", "瓯越鞋革同业联谊会", "Ouyue Shoe & Leather Trade Fellowship",
     "association", "association", "collective", "Lucheng", 12, 1988,
     ["footwear", "leather", "soles"]),
    ("WZ-AS-0002", "瓯海视光同业联谊会", "Ouhai Optical Trade Fellowship",
     "association", "association", "collective", "Ouhai", 8, 1993,
     ["eyewear", "lenses", "frames"]),
    ("WZ-AS-0003", "鹿城服饰辅料同业会", "Lucheng Apparel & Trims Guild",
     "association", "association", "collective", "Lucheng", 7, 1994,
     ["apparel", "buttons-zips"]),
    ("WZ-AS-0004", "柳川电气同业联谊会", "Liuchuan Electrical Trade Fellowship",
     "association", "association", "collective", "Yueqing", 10, 1991,
     ["electrical", "hardware"]),
    ("WZ-AS-0005", "瓯江轻工五金同业会", "Oujiang Light Industry & Hardware Guild",
     "association", "association", "collective", "Longwan", 6, 1996,
     ["lighters", "pens", "hardware", "machinery"]),
    ("WZ-AS-0006", "楠溪同乡联谊会", "Nanxi Hometown Fellowship",
     "association", "association", "collective", "Yongjia", 4, 1985, ["Yongjia", "Lucheng"]),
    ("WZ-AS-0007", "塘川同乡会", "Tangchuan Hometown Association",
     "association", "association", "collective", "Rui'an", 3, 1987, ["Rui'an", "Longwan"]),
    ("WZ-AS-0008", "平苍旅瓯同乡会", "Pingcang Hometown Association",
     "association", "association", "collective", "Lucheng", 5, 1990,
     ["Pingyang", "Cangnan", "Longgang", "Ouhai"]),
    ("WZ-GV-0001", "鹿城区轻工产业服务中心", "Lucheng Light Industry Service Centre",
     "government", "government", "state", "Lucheng", 45, 1992,
     ["footwear", "lighters", "pens", "apparel"]),
    ("WZ-GV-0002", "瓯海区视光产业园管理办公室", "Ouhai Optical Park Management Office",
     "government", "government", "state", "Ouhai", 30, 2001, ["eyewear", "lenses", "frames"]),
    ("WZ-GV-0003", "乐清市电气产业促进办公室", "Yueqing Electrical Industry Promotion Office",
     "government", "government", "state", "Yueqing", 38, 1998, ["electrical"]),
    ("WZ-GV-0004", "永嘉县辅料产业服务站", "Yongjia Trims Industry Service Station",
     "government", "government", "state", "Yongjia", 16, 2003, ["buttons-zips"]),
    ("WZ-RI-0001", "温州瓯源鞋革技术中心", "Wenzhou Ouyuan Shoe & Leather Technology Centre",
     "research", "institute", "state", "Lucheng", 60, 1995, ["footwear", "leather", "soles"]),
    ("WZ-RI-0002", "温州明澈视光研究所", "Wenzhou Mingche Vision Research Institute",
     "research", "institute", "state", "Ouhai", 35, 2002, ["eyewear", "lenses"]),
    ("WZ-RI-0003", "瓯江电气检测研究站", "Oujiang Electrical Testing Station",
     "research", "institute", "state", "Yueqing", 40, 1999, ["electrical", "lighters"]),
]
institutions = []
for (fid, name, alias, industry, role, own, district, emp, year, serves) in LOCAL_INSTITUTIONS:
    used_names.add(name)
    institutions.append(add_firm(fid, name, alias, industry, "local", district + ", Wenzhou",
                                 emp, year, own, role, tier="inst", attr=2.0,
                                 district=district, serves=serves))

# National firms.
CITIES = [  # Chinese, pinyin, province (None for municipalities), weight
    ("上海", "Shanghai", None, 4), ("义乌", "Yiwu", "Zhejiang", 4),
    ("广州", "Guangzhou", "Guangdong", 4), ("北京", "Beijing", None, 4),
    ("武汉", "Wuhan", "Hubei", 2), ("成都", "Chengdu", "Sichuan", 2),
    ("沈阳", "Shenyang", "Liaoning", 2), ("郑州", "Zhengzhou", "Henan", 2),
    ("西安", "Xi'an", "Shaanxi", 1.5), ("临沂", "Linyi", "Shandong", 1.5),
    ("哈尔滨", "Harbin", "Heilongjiang", 1), ("昆明", "Kunming", "Yunnan", 1),
    ("重庆", "Chongqing", None, 1.5), ("南京", "Nanjing", "Jiangsu", 1.5),
    ("天津", "Tianjin", None, 1.5), ("长沙", "Changsha", "Hunan", 1),
    ("乌鲁木齐", "Urumqi", "Xinjiang", 0.7), ("兰州", "Lanzhou", "Gansu", 0.7),
    ("南昌", "Nanchang", "Jiangxi", 0.8), ("石家庄", "Shijiazhuang", "Hebei", 0.8),
    ("济南", "Jinan", "Shandong", 1), ("福州", "Fuzhou", "Fujian", 0.8),
    ("南宁", "Nanning", "Guangxi", 0.7), ("杭州", "Hangzhou", "Zhejiang", 1.5),
]


def city_location(c):
    return c[1] if c[2] is None else "%s, %s" % (c[1], c[2])


def pick_city():
    return CITIES[weighted_pick([c[3] for c in CITIES])]


MARKET_GOODS = [("鞋业", "Footwear", ["footwear"]), ("眼镜", "Eyewear", ["eyewear"]),
                ("服装", "Garment", ["apparel", "buttons-zips"]),
                ("小商品", "Small Commodities", ["lighters", "pens", "buttons-zips", "eyewear"]),
                ("电器", "Electrical", ["electrical"])]
national = []
for i in range(1, 21):
    c = pick_city()
    if i <= 3:   # Yiwu's small-commodity market halls come first
        c = CITIES[1]
    gcn, gen, goods = MARKET_GOODS[weighted_pick([5, 2, 3, 3, 2])]
    if c[1] == "Yiwu":
        gcn, gen, goods = MARKET_GOODS[3]
    name, alias = invent_city_name(c[0], c[1], gcn + "批发市场", gen + " Wholesale Market")
    national.append(add_firm("NA-WS-%04d" % i, name, alias, "wholesale", "national",
                             city_location(c), lognormal_int(120, 0.6, 20, 900),
                             rng.randint(1982, 2005), rng.choice(["collective", "state", "private"]),
                             "distributor", tier="market", attr=1 + rng.paretovariate(1.5),
                             goods=goods, wenzhou_owned=rng.random() < 0.4))
for i in range(1, 29):
    c = pick_city()
    goods = rng.sample(FINAL, rng.choice([1, 1, 2]))
    name, alias = invent_city_name(c[0], c[1], "商贸有限公司", "Trading")
    national.append(add_firm("NA-DS-%04d" % i, name, alias, "trading", "national",
                             city_location(c), lognormal_int(40, 0.7, 4, 600),
                             rng.randint(1985, 2012), "private", "distributor", tier="dist",
                             attr=rng.paretovariate(1.5), goods=goods,
                             wenzhou_owned=rng.random() < 0.55))
for i in range(1, 7):
    c = pick_city()
    name, alias = invent_city_name(c[0], c[1], "百货有限公司", "Department Stores")
    national.append(add_firm("NA-RT-%04d" % i, name, alias, "retail", "national",
                             city_location(c), lognormal_int(1500, 0.6, 300, 9000),
                             rng.randint(1978, 2000), rng.choice(["state", "state", "private"]),
                             "buyer", tier="retail", attr=2.0,
                             goods=["footwear", "apparel", "eyewear"], wenzhou_owned=False))
SUPPLY_CITIES = [
    ("辛集", "Xinji", "Hebei", "leather", 3), ("海宁", "Haining", "Zhejiang", "leather", 2),
    ("晋江", "Jinjiang", "Fujian", "soles", 3), ("丹阳", "Danyang", "Jiangsu", "lenses", 3),
    ("深圳", "Shenzhen", "Guangdong", "frames", 2), ("东莞", "Dongguan", "Guangdong", "machinery", 2),
    ("宁波", "Ningbo", "Zhejiang", "hardware", 2), ("绍兴", "Shaoxing", "Zhejiang", "textiles", 3),
    ("台州", "Taizhou", "Zhejiang", "machinery", 2),
]
n = 0
for ccn, cpy, prov, industry, k in SUPPLY_CITIES:
    for _ in range(k):
        n += 1
        pcn, pen = rng.choice(PRODUCT_WORDS[industry])
        name, alias = invent_city_name(ccn, cpy, pcn + "有限公司", pen)
        national.append(add_firm("NA-SP-%04d" % n, name, alias, industry, "national",
                                 "%s, %s" % (cpy, prov), lognormal_int(300, 0.7, 30, 5000),
                                 rng.randint(1980, 2008), rng.choice(["private", "private", "state"]),
                                 "supplier", tier="nsup", attr=1 + rng.paretovariate(1.5)))
NATIONAL_FIXED = [
    ("NA-RI-0001", "华东轻工技术研究院", "East China Light Industry Technology Institute",
     "research", "institute", "state", "Shanghai", 420, 1979, ["footwear", "leather", "apparel", "pens"]),
    ("NA-RI-0002", "浦岚视光技术研究所", "Pulan Vision Science Institute",
     "research", "institute", "state", "Shanghai", 160, 1986, ["eyewear", "lenses"]),
    ("NA-RI-0003", "京燕低压电器研究所", "Jingyan Low-Voltage Apparatus Institute",
     "research", "institute", "state", "Beijing", 310, 1981, ["electrical", "lighters"]),
    ("NA-RI-0004", "粤澜服饰设计研究中心", "Yuelan Fashion Design Centre",
     "research", "institute", "state", "Guangzhou, Guangdong", 90, 1998, ["apparel", "footwear"]),
    ("NA-RI-0005", "杭溪材料科学研究所", "Hangxi Materials Science Institute",
     "research", "institute", "state", "Hangzhou, Zhejiang", 230, 1984,
     ["soles", "leather", "buttons-zips", "hardware"]),
    ("NA-AS-0001", "京瓯商友联谊会", "Jing-Ou Merchants' Friendship Society",
     "association", "association", "collective", "Beijing", 9, 1995, []),
    ("NA-AS-0002", "沪瓯商友联谊会", "Hu-Ou Merchants' Friendship Society",
     "association", "association", "collective", "Shanghai", 7, 1997, []),
    ("NA-AS-0003", "中华轻工产品流通联谊会", "China Light Products Circulation Fellowship",
     "association", "association", "collective", "Beijing", 25, 1989, []),
]
for (fid, name, alias, industry, role, own, loc, emp, year, serves) in NATIONAL_FIXED:
    used_names.add(name)
    national.append(add_firm(fid, name, alias, industry, "national", loc, emp, year, own,
                             role, tier="inst", attr=2.0, serves=serves))

# Global firms: invented Latin names.  (id suffix, name, alias, industry, role, location,
# serves, Wenzhou diaspora owner)
GLOBAL = [
    ("BR", "Calzaturificio Venarossa S.p.A.", "Venarossa", "footwear", "brand", "Fermo, Italy", ["footwear"], 0),
    ("BR", "Brenzago Calzature S.r.l.", "Brenzago", "footwear", "brand", "Vigevano, Italy", ["footwear"], 0),
    ("BR", "Haldenreuth Schuhfabrik GmbH", "Haldenreuth", "footwear", "brand", "Pirmasens, Germany", ["footwear"], 0),
    ("BR", "Tamberlane Footwear Inc.", "Tamberlane", "footwear", "brand", "Portland, United States", ["footwear"], 0),
    ("BR", "Calzados Vereda Alta S.L.", "Vereda Alta", "footwear", "brand", "Elche, Spain", ["footwear"], 0),
    ("BR", "Ferrandi, Vallone & C. S.r.l.", "Ferrandi Vallone", "footwear", "brand", "Florence, Italy", ["footwear"], 0),
    ("BR", "Occhialeria Cadorissa S.r.l.", "Cadorissa", "eyewear", "brand", "Belluno, Italy", ["eyewear"], 0),
    ("BR", "Montalvo Eyewear S.r.l.", "Montalvo", "eyewear", "brand", "Padua, Italy", ["eyewear"], 0),
    ("BR", "Kitanomine Optical Co.", "Kitanomine", "eyewear", "brand", "Sabae, Japan", ["eyewear"], 0),
    ("BR", "Hoshizora Megane K.K.", "Hoshizora", "eyewear", "brand", "Tokyo, Japan", ["eyewear"], 0),
    ("BR", "Brightwater Eyewear Corp.", "Brightwater", "eyewear", "brand", "New York, United States", ["eyewear"], 0),
    ("BR", "Lunetterie Belcastel SAS", "Belcastel", "eyewear", "brand", "Oyonnax, France", ["eyewear"], 0),
    ("BR", "Maison Clairvent", "Clairvent", "apparel", "brand", "Paris, France", ["apparel"], 0),
    ("BR", "Ashcombe & Rowe Ltd", "Ashcombe", "apparel", "brand", "London, United Kingdom", ["apparel"], 0),
    ("BR", "Castellane Licensing Group", "Castellane", "brand", "brand", "New York, United States",
     ["footwear", "apparel", "eyewear"], 0),
    ("BR", "Flammaris SA", "Flammaris", "lighters", "brand", "Lyon, France", ["lighters"], 0),
    ("BR", "Feldhaven Schreibwaren GmbH", "Feldhaven", "pens", "brand", "Nuremberg, Germany", ["pens"], 0),
    ("BR", "Voltmark Elektrotechnik GmbH", "Voltmark", "electrical", "brand", "Stuttgart, Germany", ["electrical"], 0),
    ("BR", "Kaisuke Denki K.K.", "Kaisuke", "electrical", "brand", "Osaka, Japan", ["electrical"], 0),
    ("BY", "Great Prairie Retail Corp.", "Great Prairie", "retail", "buyer", "Dallas, United States", ["footwear", "apparel"], 0),
    ("BY", "Bayfront Discount Stores Inc.", "Bayfront", "retail", "buyer", "Miami, United States", ["footwear", "lighters", "pens"], 0),
    ("BY", "Harborline Imports LLC", "Harborline", "trading", "buyer", "Los Angeles, United States", ["eyewear", "lighters", "footwear"], 0),
    ("BY", "Nordtal Handelshaus GmbH", "Nordtal", "trading", "buyer", "Hamburg, Germany", ["footwear", "electrical"], 0),
    ("BY", "Rheinbogen Versand GmbH", "Rheinbogen", "retail", "buyer", "Cologne, Germany", ["apparel", "eyewear"], 0),
    ("BY", "Talgrund Schuhhandel GmbH", "Talgrund", "retail", "buyer", "Düsseldorf, Germany", ["footwear"], 0),
    ("BY", "Kestrel Vale Retail Ltd", "Kestrel Vale", "retail", "buyer", "Manchester, United Kingdom", ["footwear", "apparel"], 0),
    ("BY", "Thornbury & Pike Ltd", "Thornbury", "trading", "buyer", "London, United Kingdom", ["eyewear", "pens"], 0),
    ("BY", "Comptoir Sablonne SARL", "Sablonne", "trading", "buyer", "Paris, France", ["footwear", "apparel"], 1),
    ("BY", "Boutiques Orvelle SA", "Orvelle", "retail", "buyer", "Lyon, France", ["eyewear"], 0),
    ("BY", "Ingrosso Lagunare S.r.l.", "Lagunare", "trading", "buyer", "Prato, Italy", ["apparel", "footwear"], 1),
    ("BY", "Emporio Stellanova S.r.l.", "Stellanova", "retail", "buyer", "Rome, Italy", ["eyewear", "footwear"], 0),
    ("BY", "Volgaria Trade LLC", "Volgaria", "trading", "buyer", "Moscow, Russia", ["footwear", "apparel", "lighters"], 0),
    ("BY", "Uralmost Opt LLC", "Uralmost", "trading", "buyer", "Yekaterinburg, Russia", ["footwear", "electrical"], 0),
    ("BY", "Baltiya Obuv LLC", "Baltiya", "trading", "buyer", "St Petersburg, Russia", ["footwear"], 1),
    ("BY", "Al Wasiq General Trading LLC", "Al Wasiq", "trading", "buyer", "Dubai, United Arab Emirates",
     ["footwear", "electrical", "lighters", "eyewear"], 0),
    ("BY", "Dune Gate Trading FZE", "Dune Gate", "trading", "buyer", "Dubai, United Arab Emirates", ["apparel", "pens", "buttons-zips"], 1),
    ("BY", "Ikenna Brothers Merchandise Ltd", "Ikenna Brothers", "trading", "buyer", "Lagos, Nigeria", ["footwear", "electrical"], 0),
    ("BY", "Comercial Ipê Dourado Ltda", "Ipê Dourado", "trading", "buyer", "São Paulo, Brazil", ["footwear", "lighters"], 1),
    ("BY", "Tsukimino Trading Co.", "Tsukimino", "trading", "buyer", "Osaka, Japan", ["eyewear", "pens"], 0),
    ("BY", "Aozora Optical Retail K.K.", "Aozora", "retail", "buyer", "Tokyo, Japan", ["eyewear"], 0),
    ("BY", "Van Dalsum Handel B.V.", "Van Dalsum", "trading", "buyer", "Rotterdam, Netherlands", ["electrical", "eyewear"], 0),
    ("BY", "Distribuciones Alcaraván S.L.", "Alcaraván", "trading", "buyer", "Madrid, Spain", ["footwear", "apparel"], 1),
    ("BY", "Wattlebay Retail Pty Ltd", "Wattlebay", "retail", "buyer", "Sydney, Australia", ["eyewear", "footwear"], 0),
    ("BY", "Hurtownia Wisłoka Sp. z o.o.", "Wisłoka", "trading", "buyer", "Warsaw, Poland", ["footwear", "buttons-zips"], 0),
    ("BY", "Dunakorzó Trade Kft.", "Dunakorzó", "trading", "buyer", "Budapest, Hungary", ["footwear", "apparel"], 1),
    ("BY", "Saebyeol Optical Trading Co.", "Saebyeol", "trading", "buyer", "Seoul, South Korea", ["eyewear"], 0),
    ("BY", "Importadora Los Alerces Ltda", "Los Alerces", "trading", "buyer", "Santiago, Chile", ["footwear", "electrical"], 0),
    ("MC", "Meccanica Brentella S.p.A.", "Brentella", "machinery", "supplier", "Vigevano, Italy", ["footwear", "soles"], 0),
    ("MC", "Officine Valmorsa S.r.l.", "Valmorsa", "machinery", "supplier", "Padua, Italy", ["footwear", "leather"], 0),
    ("MC", "Schleifwerk Auental GmbH", "Auental", "machinery", "supplier", "Wetzlar, Germany", ["eyewear", "lenses"], 0),
    ("MC", "Kaltenberg Maschinenbau GmbH", "Kaltenberg", "machinery", "supplier", "Stuttgart, Germany", ["electrical", "hardware"], 0),
    ("MC", "Asamura Precision K.K.", "Asamura", "machinery", "supplier", "Nagoya, Japan", ["apparel", "pens", "buttons-zips"], 0),
    ("MC", "Lemanex Automation SA", "Lemanex", "machinery", "supplier", "Geneva, Switzerland", ["electrical", "lighters"], 0),
    ("RI", "Institut für Schuhtechnik Waldhausen", "ISW Waldhausen", "research", "institute", "Pirmasens, Germany", ["footwear"], 0),
    ("RI", "Centro Studi Calzatura Adriatica", "CSCA", "research", "institute", "Fermo, Italy", ["footwear", "leather"], 0),
    ("RI", "Lakemont Vision Laboratory", "Lakemont Lab", "research", "institute", "Rochester, United States", ["eyewear", "lenses"], 0),
]
glob = []
counters = {}
for (kind, name, alias, industry, role, loc, serves, diaspora) in GLOBAL:
    counters[kind] = counters.get(kind, 0) + 1
    fid = "GL-%s-%04d" % (kind, counters[kind])
    if kind == "RI":
        own, emp = "state", lognormal_int(150, 0.5, 30, 800)
    else:
        own = "foreign"
        emp = lognormal_int(2500 if kind == "BR" else 600, 0.9, 15 if diaspora else 40, 30000)
    if diaspora:
        emp = lognormal_int(30, 0.5, 5, 200)
    last = {"BR": 1995, "MC": 1995, "RI": 2000}.get(kind, 2008)
    glob.append(add_firm(fid, name, alias, industry, "global", loc, emp,
                         rng.randint(1978, last), own, role, tier=kind, attr=1 + rng.paretovariate(1.4),
                         serves=serves, diaspora=bool(diaspora)))

by_prefix = {}
for f in firms:
    by_prefix.setdefault(f["id"][:5], []).append(f)

# A few free-text notes in the extra column.
WEB_NOTES = [
    "catalogue online, Chinese and Russian", "网站仅中文版", "site offline since 2019",
    "stand at the Canton Fair (Guangzhou), 2008 and 2011", "shop on a B2B platform",
    "English site, \"OEM welcome\"", "微信公众号 only", "export catalogue, 2006 edition",
]
for f in rng.sample([f for f in firms if f["scale"] != "global" and f["tier"] in ("leader", "mid")
                     and not f["website_note"]],
                    len(WEB_NOTES)):
    f["website_note"] = WEB_NOTES.pop()

# ---------------------------------------------------------------------------------
# Linkages
# ---------------------------------------------------------------------------------

links = []
keys = set()

TYPE_FLOOR = {"licensing": 1992, "rnd": 1994, "joint-venture": 1988, "technology": 1984}

NOTES = {
    "supply": ["cowhide uppers, 头层牛皮", "EVA soles", "PU soles, 聚氨酯", "CR-39 lens blanks",
               "titanium hinges", "zips and buttons, seasonal orders", "metal parts, cut and stamped",
               "spring contacts", "nib assemblies", "OEM, buyer's own label", "贴牌生产 (OEM)",
               "samples first, then bulk orders", "machines on instalment"],
    "subcontract": ["upper stitching", "外发加工 (outsourced processing)", "electroplating, polishing",
                    "igniter assembly", "peak-season overflow", "family workshop, 家庭作坊",
                    "hand lasting", "frame soldering"],
    "production-sharing": ["share a cutting room", "orders split in peak season, 旺季分单",
                           "shared moulds"],
    "joint-venture": ["Sino-foreign JV, 中外合资", "JV for a new plant", "JV sales company"],
    "licensing": ["brand licence, China market", "licensed brand, 授权品牌",
                  "design licence, renewed every 3 years"],
    "rnd": ["joint lab", "comfort last project", "anti-reflective coating trials",
            "arc-fault breaker prototype", "产学研合作"],
    "technology": ["machine installation and training", "CAD/CAM, pattern grading",
                   "process know-how", "quality standards, audits"],
    "marketing": ["exclusive agent, north China", "wholesale stalls, 批发档口", "franchise stores",
                  "consignment", "provincial agent"],
    "social": ["brothers", "cousins, 表兄弟", "in-laws", "former apprentice, 师徒", "classmates",
               "father and son", "married into the family"],
    "cultural": ["same village, 同村", "hometown association, 同乡会", "same clan, 宗亲",
                 "church congregation", "same temple committee"],
}
WEIGHTS = ["1", "1", "1", "2", "2", "3", "0.5", "1.5", "4", "5", "2.5"]


def since_year(a, b, typ, floor=None):
    lo = max(a["founded"], b["founded"])
    fl = floor if floor is not None else TYPE_FLOOR.get(typ)
    if fl is not None and fl > lo:
        lo = fl
    lo = min(lo, LAST_YEAR)
    return lo + int((LAST_YEAR - lo) * rng.random() ** 1.6)


def ref_code(typ, since):
    if rng.random() < 0.07:
        return ""
    kind = "DOC" if typ in ("licensing", "joint-venture", "technology") else "INT"
    if rng.random() < 0.2:
        kind = "DOC" if kind == "INT" else "INT"
    year = rng.randint(max(2001, since or 2001), 2014) if (since or 0) <= 2014 else rng.randint(2015, 2024)
    return "%s-%d-%03d" % (kind, year, rng.randint(1, 240))


def key_of(s, t, typ):
    if typ in MUTUAL and t < s:
        s, t = t, s
    return (s, t, typ)


def has_link(a, b, typ):
    return key_of(a["id"], b["id"], typ) in keys


def link(a, b, typ, weight=None, note=None, since=None, floor=None):
    """Adds a linkage a->b (or a--b); returns False when it would repeat one."""
    if a is b:
        return False
    k = key_of(a["id"], b["id"], typ)
    if k in keys:
        return False
    # Never both directions of a directed type either: that reads as a data error.
    if typ not in MUTUAL and (b["id"], a["id"], typ) in keys:
        return False
    keys.add(k)
    if since is None:
        since = since_year(a, b, typ, floor)
    since = max(since, a["founded"], b["founded"])
    if weight is None:
        weight = rng.choice(WEIGHTS)
    if note is None:
        note = rng.choice(NOTES[typ]) if rng.random() < 0.14 else ""
    links.append(dict(source=a["id"], target=b["id"], type=typ, since=since, weight=str(weight),
                      note=note))
    return True


def wsample(cands, k, weight=lambda f: f["attr"]):
    """Up to k distinct firms from cands drawn with probability proportional to weight."""
    pool = [f for f in cands if weight(f) > 0]
    ws = [weight(f) for f in pool]
    out = []
    while pool and len(out) < k:
        i = weighted_pick(ws)
        out.append(pool.pop(i))
        ws.pop(i)
    return out


def lead_weight(f):
    return {"leader": f["attr"] * 6, "mid": f["attr"] * 0.5, "workshop": 0.0}.get(f["tier"], 0.0)


def same_district_bonus(a):
    return lambda f: f["attr"] * (3.0 if f.get("district") == a.get("district") else 1.0)


INPUTS = {
    "footwear": [("leather", 3), ("soles", 3), ("hardware", 0.7), ("machinery", 0.7)],
    "eyewear": [("lenses", 3), ("frames", 3), ("hardware", 1), ("machinery", 0.6)],
    "apparel": [("buttons-zips", 3), ("hardware", 0.3), ("machinery", 0.5)],
    "lighters": [("hardware", 3), ("machinery", 1)],
    "electrical": [("hardware", 3), ("machinery", 1)],
    "pens": [("hardware", 2), ("machinery", 1)],
    "buttons-zips": [("hardware", 1), ("machinery", 1)],
    "soles": [("machinery", 1), ("leather", 0.3)],
    "frames": [("hardware", 1)],
    "lenses": [("machinery", 1)],
    "leather": [("machinery", 1)],
    "hardware": [("machinery", 1)],
}
local_all = [f for ind in local for f in local[ind]]


def supplier_candidates(industry):
    out = []
    for ind, w in INPUTS.get(industry, []):
        for f in local[ind]:
            if f["tier"] != "workshop" or ind == "hardware":
                out.append((f, w))
    return out


# 1. Local supply chains.
for f in local_all:
    if f["industry"] not in INPUTS or f["industry"] == "trading":
        continue
    if f["tier"] == "leader":
        k = rng.randint(5, 11)
    elif f["tier"] == "mid":
        k = rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5])
    else:
        k = 1 if rng.random() < 0.3 else 0
    if f["industry"] not in FINAL:
        k = min(k, rng.choice([0, 1, 1, 2]))
    if f["id"] == CASE1:
        k = 16
    if f["id"] == CASE2:
        k = 20
    cands = supplier_candidates(f["industry"])
    wmap = {c["id"]: w for c, w in cands}
    for s in wsample([c for c, _ in cands], k,
                     lambda c: c["attr"] * wmap[c["id"]] *
                     (2.0 if c.get("district") == f.get("district") else 1.0)):
        link(s, f, "supply")

# 2. Subcontracting: leaders and mid firms give work to workshops and smaller peers.
for ind in FINAL + ["frames", "hardware"]:
    firms_i = local[ind]
    contractors = [f for f in firms_i if f["tier"] in ("leader", "mid")]
    for w in [f for f in firms_i if f["tier"] == "workshop"]:
        k = rng.choice([1, 1, 1, 2, 2, 3])
        for c in wsample(contractors, k, lambda c: lead_weight(c) + 0.3 * c["attr"] *
                         (3 if c.get("district") == w.get("district") else 1)):
            link(c, w, "subcontract")
    mids = [f for f in firms_i if f["tier"] == "mid"]
    for m in rng.sample(mids, len(mids) // 4):
        others = [f for f in contractors if f is not m and f["employees"] > m["employees"]]
        for c in wsample(others, 1, lead_weight):
            link(c, m, "subcontract")
# Hardware and frame workshops take finishing work across industries.
finishing = [f for f in local["hardware"] + local["frames"] if f["tier"] == "workshop"]
for ind in ["lighters", "electrical", "eyewear", "pens"]:
    for c in [f for f in local[ind] if f["tier"] == "leader"]:
        for w in wsample(finishing, rng.randint(1, 3)):
            link(c, w, "subcontract")
# Case study 2: a network of local workshops and parts makers.
eyeshops = [f for f in local["eyewear"] + local["frames"] + local["hardware"]
            if f["tier"] in ("workshop", "mid") and f["id"] != CASE2]
for w in wsample(eyeshops, 14, same_district_bonus(c2)):
    link(c2, w, "subcontract")
for w in wsample([f for f in local["footwear"] if f["tier"] == "workshop"], 8,
                 same_district_bonus(c1)):
    link(c1, w, "subcontract")

# 3. Production-sharing among peers of one industry.
for ind in FINAL + ["soles", "hardware"]:
    peers = [f for f in local[ind] if f["tier"] in ("mid", "leader")]
    for _ in range(max(2, len(peers) // 4)):
        a = rng.choice(peers)
        for b in wsample([p for p in peers if p is not a], 1, same_district_bonus(a)):
            link(a, b, "production-sharing")

# 4. Joint ventures: foreign partners with local leaders, a few local ones.
leaders = [f for f in local_all if f["tier"] == "leader"]
final_leaders = [f for f in leaders if f["industry"] in FINAL]
# The case studies keep their story clean: no random JVs or licences.
plain_leaders = [f for f in final_leaders if f["id"] not in (CASE1, CASE2)]
foreign = [g for g in glob if g["tier"] in ("BR", "MC") ]
for g in wsample(foreign, 14):
    ls = [f for f in plain_leaders if f["industry"] in g["serves"]] or plain_leaders
    for f in wsample(ls, 1):
        if link(f, g, "joint-venture", floor=1990) and rng.random() < 0.7:
            f["ownership"] = "joint-venture"
for _ in range(10):
    a = rng.choice(plain_leaders + [f for f in local_all if f["tier"] == "mid"])
    for b in wsample([f for f in local[a["industry"]] if f is not a and f["tier"] != "workshop"], 1):
        link(a, b, "joint-venture")
for f in wsample(plain_leaders, 5):
    for g in wsample([n for n in national if n["tier"] in ("dist", "retail")], 1):
        link(f, g, "joint-venture")

# 5. Licensing: foreign brands license local leaders; leaders license their own brand locally.
brands = [g for g in glob if g["tier"] == "BR"]
link(by_id["GL-BR-0001"], c1, "licensing", weight=3, since=1998,
     note="brand licence for the China market, 授权生产和销售")
link(by_id["GL-BR-0004"], c1, "licensing", weight=2, since=2006, note="")
licensed = {CASE1, CASE2}
for b in brands:
    ls = [f for f in local_all if f["industry"] in b["serves"] and f["tier"] in ("leader", "mid")
          and f["id"] not in licensed]
    for f in wsample(ls, rng.choice([1, 1, 2, 2, 3]), lead_weight):
        if link(b, f, "licensing"):
            licensed.add(f["id"])
for f in wsample(final_leaders, 10):
    for m in wsample([x for x in local[f["industry"]] if x["tier"] == "mid"
                      and x["id"] not in licensed], rng.randint(1, 2)):
        if link(f, m, "licensing"):
            licensed.add(m["id"])

# 6. R&D with institutes (national, local, global) and between leaders.
institutes = [f for f in firms if f["role"] == "institute"]
link(c1, by_id["NA-RI-0001"], "rnd", weight=3, since=2002, note="comfort last project, 舒适鞋楦")
link(by_id["WZ-RI-0001"], c1, "rnd", weight=2, since=2005)
link(c1, by_id["GL-RI-0001"], "rnd", weight=1, since=2011, note="sole materials, joint tests")
link(c2, by_id["WZ-RI-0002"], "rnd", weight=1)
for inst in institutes:
    ls = [f for f in local_all if f["industry"] in inst["serves"] and f["tier"] in ("leader", "mid")]
    k = rng.randint(3, 7) if inst["scale"] != "global" else rng.randint(1, 3)
    for f in wsample(ls, k, lead_weight):
        if rng.random() < 0.5:
            link(inst, f, "rnd")
        else:
            link(f, inst, "rnd")
for _ in range(8):
    a = rng.choice(final_leaders)
    for b in wsample([f for f in final_leaders if f is not a], 1):
        link(a, b, "rnd")

# 7. Technology transfer: machinery makers and institutes to users; leaders to suppliers.
link(by_id["GL-MC-0001"], c1, "technology", weight=2, since=1996,
     note="machine installation and training")
link(by_id["GL-MC-0003"], c2, "technology", weight=2, since=2003)
for g in [g for g in glob if g["tier"] == "MC"]:
    ls = [f for f in local_all if f["industry"] in g["serves"] and f["tier"] in ("leader", "mid")]
    for f in wsample(ls, rng.randint(3, 6), lead_weight):
        link(g, f, "supply", floor=1985)
        if rng.random() < 0.7:
            link(g, f, "technology")
for m in local["machinery"] + [n for n in national if n["industry"] == "machinery"]:
    users = [f for f in local_all if f["tier"] in ("mid", "leader")
             and "machinery" in [i for i, _ in INPUTS.get(f["industry"], [])]]
    for f in wsample(users, rng.randint(1, 3)):
        link(m, f, "technology")
for inst in institutes:
    ls = [f for f in local_all if f["industry"] in inst["serves"] and f["tier"] != "workshop"]
    for f in wsample(ls, rng.randint(1, 4), lead_weight):
        link(inst, f, "technology")
for f in final_leaders:
    ins = [by_id[l["source"]] for l in links if l["target"] == f["id"] and l["type"] == "supply"
           and by_id[l["source"]]["scale"] == "local"]
    for s in wsample(ins, rng.randint(0, 2)):
        link(f, s, "technology")
# Brands pass on quality standards to their OEM makers (added after supply below).

# 8. Marketing: sales through national wholesale markets, distributors and stores.
outlets = [n for n in national if n["tier"] in ("market", "dist", "retail")]


def outlet_weight(f):
    return lambda o: o["attr"] * (3.0 if f["industry"] in o["goods"] else 0.15)


for o in wsample(outlets, 27, outlet_weight(c1)):
    link(c1, o, "marketing", floor=1992)
for f in [f for f in local_all if f["industry"] in FINAL and f["id"] != CASE1]:
    if f["tier"] == "leader":
        k = rng.randint(4, 14)
    elif f["tier"] == "mid":
        k = rng.choice([0, 0, 0, 1, 1, 2])
    else:
        k = 0
    if f["id"] == CASE2:
        k = 2
    for o in wsample(outlets, k, outlet_weight(f)):
        link(f, o, "marketing", floor=1985)
traders = local["trading"]
for f in [f for f in local_all if f["industry"] in FINAL and f["tier"] != "leader"]:
    if rng.random() < 0.22:
        for t in wsample(traders, 1):
            link(f, t, "marketing")
for t in traders:
    for o in wsample(outlets, rng.randint(2, 5)):
        link(t, o, "marketing", floor=1985)
for d in [n for n in national if n["tier"] == "dist"]:
    for r in wsample([n for n in national if n["tier"] == "retail"], rng.choice([0, 0, 1, 1, 2])):
        link(d, r, "marketing")
# National suppliers sell through Wenzhou traders now and then.
for s in wsample([n for n in national if n["tier"] == "nsup"], 4):
    for t in wsample(traders, 1):
        link(s, t, "marketing")

# 9. Supply beyond the region: OEM to global buyers and brands, inputs from other provinces.
buyers = [g for g in glob if g["tier"] in ("BY", "BR")]
c2_buyers = [g for g in buyers if "eyewear" in g["serves"]]
for g in wsample(c2_buyers, 13):
    link(c2, g, "supply", floor=1996, note="OEM, buyer's own label" if rng.random() < 0.3 else None)
for f in [f for f in local_all if f["industry"] in FINAL and f["id"] != CASE2]:
    if f["tier"] == "leader":
        k = rng.randint(1, 6)
    elif f["tier"] == "mid":
        k = 1 if rng.random() < 0.08 else 0
    else:
        k = 0
    own = [g for g in buyers if f["industry"] in g["serves"]]
    for g in wsample(own, k):
        link(f, g, "supply", floor=1990)
for t in traders:
    for g in wsample(buyers, rng.randint(1, 4)):
        link(t, g, "supply", floor=1990)
for g in [g for g in glob if g["tier"] == "BR"]:
    oem = [by_id[l["source"]] for l in links if l["target"] == g["id"] and l["type"] == "supply"]
    for f in wsample(oem, 2):
        link(g, f, "technology", note="quality standards, audits" if rng.random() < 0.4 else None)
    ls = [f for f in local_all if f["industry"] in g["serves"] and f["tier"] in ("leader", "mid")
          and f["id"] != CASE1]
    for f in wsample(ls, rng.choice([0, 1, 1, 2]), lead_weight):
        link(g, f, "subcontract", floor=1995)
for n in [n for n in national if n["tier"] == "nsup"]:
    if n["industry"] == "textiles":
        users = local["apparel"]
    else:
        users = [f for f in local_all if n["industry"] in [i for i, _ in INPUTS.get(f["industry"], [])]]
        users += local.get(n["industry"], [])
    for f in wsample([u for u in users if u["tier"] != "workshop"], rng.randint(2, 6), lead_weight):
        link(n, f, "supply")
link(by_id["NA-SP-0001"], c1, "supply")

# 10. Social ties: kinship and friendship, mostly within a district.
for _ in range(330):
    a = rng.choice(local_all)
    cands = [f for f in local_all if f is not a]
    w = lambda f: (4.0 if f.get("district") == a.get("district") else 0.6) * \
        (2.0 if f["industry"] == a["industry"] else 1.0)
    for b in wsample(cands, 1, w):
        link(a, b, "social")
# Wenzhou migrants running distributors and stalls elsewhere keep ties at home.
for n in [n for n in national if n.get("wenzhou_owned")] + [g for g in glob if g.get("diaspora")]:
    home = [f for f in local_all if f["tier"] in ("leader", "mid")]
    for f in wsample(home, rng.randint(1, 3)):
        link(n, f, "social", note=rng.choice(["brothers", "cousins, 表兄弟", "same village, left in 1990",
                                              "uncle and nephew", ""]))
# Industry associations and local government know the leading firms.
for inst in [f for f in institutions if f["role"] in ("association", "government")]:
    serves = inst["serves"]
    if inst["role"] == "association" and serves[0] in DISTRICTS:
        continue   # hometown associations are cultural, below
    members = [f for f in local_all if f["industry"] in serves]
    share = 0.3 if inst["role"] == "association" else 0.0
    k = int(len(members) * share) + rng.randint(3, 6)
    for f in wsample(members, k, lambda f: lead_weight(f) + 0.5):
        link(f, inst, "social")
    for other in institutions:
        if other is not inst and other["role"] != "institute" and set(other["serves"]) & set(serves) \
                and rng.random() < 0.5:
            link(inst, other, "social")

# 11. Cultural ties: hometown associations, clans, villages, churches.
for inst in [f for f in institutions if f["role"] == "association" and f["serves"][0] in DISTRICTS]:
    members = [f for f in local_all if f.get("district") in inst["serves"]]
    for f in wsample(members, int(len(members) * 0.22), lambda f: f["attr"] + 0.5):
        link(f, inst, "cultural")
for _ in range(190):
    a = rng.choice(local_all)
    w = lambda f: 6.0 if f.get("district") == a.get("district") else 0.3
    for b in wsample([f for f in local_all if f is not a], 1, w):
        link(a, b, "cultural")
# The merchants' societies in Beijing and Shanghai bring traders and makers together.
for soc, city in [("NA-AS-0001", "Beijing"), ("NA-AS-0002", "Shanghai")]:
    s = by_id[soc]
    mem = [n for n in national if n.get("wenzhou_owned")]
    for n in wsample(mem, rng.randint(5, 9), lambda n: 4.0 if n["location"].startswith(city) else 1.0):
        link(n, s, "cultural")
    for f in wsample(final_leaders, rng.randint(4, 7)):
        link(s, f, "cultural")
for n in wsample(outlets, 10):
    link(n, by_id["NA-AS-0003"], "social")
link(by_id["NA-AS-0003"], by_id["WZ-AS-0001"], "social")
link(by_id["NA-AS-0003"], by_id["WZ-AS-0003"], "social")

# 12. Less common combinations that the literature also reports.
diaspora = [g for g in glob if g.get("diaspora")]
for g in diaspora:
    # Wenzhou traders abroad sell their relatives' goods on commission ...
    for f in wsample([f for f in final_leaders if f["industry"] in g["serves"]], rng.randint(1, 2)):
        link(f, g, "marketing", floor=1995, note=rng.choice(["on commission", "", "sells at the 批发城, abroad"]))
    # ... belong to the hometown associations ...
    for a in wsample([f for f in institutions if f["role"] == "association"
                      and f["serves"][0] in DISTRICTS], 1):
        link(g, a, "cultural", note="overseas members, 海外同乡")
# ... and some run workshops that share orders with makers at home.
for g in wsample([g for g in diaspora if "apparel" in g["serves"]], 2):
    for f in wsample([f for f in local["apparel"] if f["tier"] == "mid"], 1):
        link(g, f, "production-sharing", floor=1998)
# National distributors order goods made to their own specification.
for d in wsample([n for n in national if n["tier"] == "dist"], 8):
    for f in wsample([f for f in local_all if f["industry"] in d["goods"] and f["tier"] == "mid"], 1):
        link(d, f, "subcontract")
# Leaders farm out work to makers in other provinces, and share production with them.
for f in wsample(plain_leaders, 4):
    for n in wsample([n for n in national if n["tier"] == "nsup"], 1):
        link(f, n, "subcontract")
for f in wsample(plain_leaders, 3):
    for n in wsample([n for n in national if n["tier"] == "nsup"], 1):
        link(f, n, "production-sharing")
# Institutes license patents.
for inst in wsample([n for n in national if n["role"] == "institute"], 4):
    for f in wsample([f for f in local_all if f["industry"] in inst["serves"] and f["tier"] != "workshop"
                      and f["id"] not in licensed], 1, lead_weight):
        link(inst, f, "licensing", note="patent licence, 专利许可")

# Every firm needs at least one linkage.
degree = {f["id"]: 0 for f in firms}
for l in links:
    degree[l["source"]] += 1
    degree[l["target"]] += 1
for f in firms:
    if degree[f["id"]]:
        continue
    if f["scale"] == "local" and f["industry"] in FINAL:
        ok = False
        for c in wsample([x for x in local[f["industry"]] if x is not f and x["tier"] != "workshop"], 3):
            if link(c, f, "subcontract"):
                ok = True
                break
    elif f["scale"] == "local":
        users = [x for x in local_all if f["industry"] in [i for i, _ in INPUTS.get(x["industry"], [])]]
        for u in wsample(users or local_all, 3):
            if link(f, u, "supply"):
                break
    elif f["tier"] in ("market", "dist", "retail"):
        for u in wsample(final_leaders, 3):
            if link(u, f, "marketing", floor=1985):
                break
    elif f["tier"] in ("BY", "BR"):
        for u in wsample(final_leaders, 3):
            if link(u, f, "supply", floor=1990):
                break
    else:
        for u in wsample(final_leaders, 3):
            if link(u, f, "social"):
                break

# ---------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------

DEFAULT_FORM = {t: ("material" if t in MATERIAL else "non-material") for t in NOTES}


# Ties end too.  Their ends come from a generator of their own, drawn after
# everything else, so that adding the column left every other value as it was.
until_rng = random.Random(SEED + 1)


def until_year(l, since):
    """The last year a tie was in force, or "" while it lasts (and for undated ties,
    of which nothing is known)."""
    r = until_rng.random()
    if since == "":
        return ""
    scales = {by_id[l["source"]]["scale"], by_id[l["target"]]["scale"]}
    typ = l["type"]
    # Subcontracting to local family workshops thinned out after the 2008 crisis,
    # as wages rose and the leaders moved work in-house or inland.
    if typ == "subcontract" and scales == {"local"} and since <= 2010 and r < 0.35:
        return until_rng.randint(max(since + 1, 2008), 2016)
    # National wholesale markets lost ground to direct sales and e-commerce in the 2010s.
    if typ == "marketing" and "national" in scales and since <= 2012 and r < 0.3:
        return until_rng.randint(max(since + 2, 2011), 2020)
    # OEM orders of some foreign buyers left in the 2009 downturn.
    if typ == "supply" and "global" in scales and since <= 2008 and r < 0.2:
        return until_rng.randint(max(since, 2008), 2010)
    # Any other business tie: a few end some years after they began.
    if typ not in ("social", "cultural") and r < 0.06:
        u = since + until_rng.randint(2, 12)
        return u if u < LAST_YEAR else ""
    return ""


def write(outdir):
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "firms.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(FIRM_COLUMNS)
        for f in firms:
            w.writerow([f[c] for c in FIRM_COLUMNS])
    rows = sorted(links, key=lambda l: (l["source"], l["target"], l["type"]))
    with open(os.path.join(outdir, "linkages.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LINK_COLUMNS)
        for l in rows:
            form = DEFAULT_FORM[l["type"]] if rng.random() < 0.1 else ""
            since = "" if rng.random() < 0.03 else l["since"]
            weight = "" if rng.random() < 0.2 else l["weight"]
            ref = ref_code(l["type"], l["since"])
            w.writerow([l["source"], l["target"], l["type"], form, since, until_year(l, since), weight,
                        l["note"], ref])


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    write(out)
    print("wrote %d firms and %d linkages to %s" % (len(firms), len(links), out))
