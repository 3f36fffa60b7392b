#!/usr/bin/env python3
"""Generate a synthetic, deterministic corpus of government information
disclosure annual reports (政府信息公开工作年度报告) for build benchmarks.

Usage:
    python3 gen-corpus.py N [--out DIR] [--seed S] [--seed-text FILE]

Writes two copies of the same content under DIR (default ./.corpus/N<N>):

    DIR/neutral/content/<agency>/<year>/report.yaml   the three tables
    DIR/neutral/content/<agency>/<year>/narrative.md  Markdown narrative
    DIR/hugo/content/_index.md                        home page title
    DIR/hugo/content/<agency>/_index.md               agency (section) page
    DIR/hugo/content/<agency>/<year>/index.md         page bundle: YAML front
                                                      matter = report.yaml,
                                                      body = narrative.md

Reports are laid out agency by agency, YEARS_PER_AGENCY consecutive years
each (the last agency may have fewer). Every agency draws its numbers from
its own RNG seeded by (seed, agency id), so corpus(N) is a prefix of
corpus(M) for N < M and the output is byte-identical across runs.

Consistency guaranteed (and checked by --check):
  * applications: total column = sum of the six applicant columns;
    per column: 本年新收 + 上年结转 = 本年度办理结果总计 + 结转下年度;
    总计 row = sum of the 21 outcome rows;
    上年结转 (year Y) = 结转下年度 (year Y-1) of the same agency.
  * proactive disclosure: 现行有效 = 上年现行有效 + 本年制发 - 本年废止.
  * review / litigation: each 总计 = 维持 + 纠正 + 其他 + 尚未审结.

Narrative text is recombined from sentences of a real 2021 report (the seed
text); agency name, year and the application figures are substituted.
Only the Python standard library is used (YAML is written by hand).
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import sys

# a real 2021 municipal annual report (赣州市), in ../seed beside this folder
DEFAULT_SEED_TEXT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "..", "tests", "fixtures", "seed", "ganzhou-2021.txt")
FIRST_YEAR = 2019          # first year of the 2019 revised-regulation tables
YEARS_PER_AGENCY = 7       # 2019..2025

# --------------------------------------------------------------------------
# Agencies: region x department.  Slugs are ASCII so URLs stay plain.
# --------------------------------------------------------------------------
REGIONS = [
    ("赣州市", "ganzhou"), ("南昌市", "nanchang"), ("九江市", "jiujiang"),
    ("吉安市", "jian"), ("上饶市", "shangrao"), ("宜春市", "yichun"),
    ("抚州市", "fuzhou-jx"), ("萍乡市", "pingxiang"), ("景德镇市", "jingdezhen"),
    ("新余市", "xinyu"), ("鹰潭市", "yingtan"), ("长沙市", "changsha"),
    ("株洲市", "zhuzhou"), ("湘潭市", "xiangtan"), ("衡阳市", "hengyang"),
    ("岳阳市", "yueyang"), ("常德市", "changde"), ("郴州市", "chenzhou"),
    ("武汉市", "wuhan"), ("宜昌市", "yichang"), ("襄阳市", "xiangyang"),
    ("荆州市", "jingzhou"), ("黄石市", "huangshi"), ("十堰市", "shiyan"),
    ("合肥市", "hefei"), ("芜湖市", "wuhu"), ("安庆市", "anqing"),
    ("蚌埠市", "bengbu"), ("阜阳市", "fuyang"), ("福州市", "fuzhou-fj"),
    ("厦门市", "xiamen"), ("泉州市", "quanzhou"), ("漳州市", "zhangzhou"),
    ("广州市", "guangzhou"), ("深圳市", "shenzhen"), ("佛山市", "foshan"),
    ("东莞市", "dongguan"), ("惠州市", "huizhou"), ("汕头市", "shantou"),
    ("杭州市", "hangzhou"), ("宁波市", "ningbo"), ("温州市", "wenzhou"),
    ("嘉兴市", "jiaxing"), ("绍兴市", "shaoxing"), ("南京市", "nanjing"),
    ("苏州市", "suzhou"), ("无锡市", "wuxi"), ("常州市", "changzhou"),
    ("徐州市", "xuzhou"), ("济南市", "jinan"), ("青岛市", "qingdao"),
    ("烟台市", "yantai"), ("潍坊市", "weifang"), ("郑州市", "zhengzhou"),
    ("洛阳市", "luoyang"), ("成都市", "chengdu"), ("绵阳市", "mianyang"),
    ("昆明市", "kunming"), ("贵阳市", "guiyang"), ("南宁市", "nanning"),
]

# (name, slug, kind) -- kind steers the shape of the numbers
DEPARTMENTS = [
    ("人民政府", "gov", "gov"),
    ("人民政府办公室", "gov-office", "office"),
    ("发展和改革委员会", "fgw", "dept"),
    ("教育局", "edu", "dept"),
    ("科学技术局", "kjj", "dept"),
    ("工业和信息化局", "gxj", "dept"),
    ("公安局", "gaj", "enforce"),
    ("民政局", "mzj", "dept"),
    ("司法局", "sfj", "dept"),
    ("财政局", "czj", "dept"),
    ("人力资源和社会保障局", "rsj", "service"),
    ("自然资源局", "zrzyj", "land"),
    ("生态环境局", "sthjj", "enforce"),
    ("住房和城乡建设局", "zjj", "land"),
    ("交通运输局", "jtj", "enforce"),
    ("水利局", "slj", "dept"),
    ("农业农村局", "nyncj", "dept"),
    ("商务局", "swj", "dept"),
    ("文化广电新闻出版旅游局", "wglj", "dept"),
    ("卫生健康委员会", "wjw", "service"),
    ("退役军人事务局", "tyjrj", "dept"),
    ("应急管理局", "yjglj", "enforce"),
    ("审计局", "sjj", "dept"),
    ("市场监督管理局", "scjgj", "enforce"),
    ("统计局", "tjj", "dept"),
    ("医疗保障局", "ybj", "service"),
    ("城市管理局", "cgj", "enforce"),
    ("林业局", "lyj", "dept"),
    ("行政审批局", "xzspj", "license"),
    ("税务局", "swj-tax", "enforce"),
    ("住房公积金管理中心", "gjj", "service"),
    ("不动产登记中心", "bdcdj", "land"),
    ("信访局", "xfj", "dept"),
    ("体育局", "tyj", "dept"),
]

COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]

# Outcome rows of 三、本年度办理结果, with a base weight for the multinomial.
OUTCOMES = [
    ("granted", 55.0),                 # (一) 予以公开
    ("partly_granted", 4.0),           # (二) 部分公开
    ("refused_state_secret", 0.6),     # (三) 1
    ("refused_law_prohibited", 0.6),   # (三) 2
    ("refused_three_safeties", 0.3),   # (三) 3
    ("refused_third_party", 0.8),      # (三) 4
    ("refused_internal_affairs", 1.5), # (三) 5
    ("refused_process_info", 1.2),     # (三) 6
    ("refused_enforcement_file", 0.5), # (三) 7
    ("refused_query_matter", 1.0),     # (三) 8
    ("unavailable_not_held", 18.0),    # (四) 1
    ("unavailable_needs_making", 2.0), # (四) 2
    ("unavailable_unclear", 1.5),      # (四) 3
    ("rejected_petition", 1.2),        # (五) 1
    ("rejected_repeated", 2.0),        # (五) 2
    ("rejected_publications", 0.3),    # (五) 3
    ("rejected_mass_requests", 0.8),   # (五) 4
    ("rejected_confirmation", 0.6),    # (五) 5
    ("other_no_correction", 2.5),      # (六) 1
    ("other_no_fee", 0.1),             # (六) 2
    ("other_misc", 3.0),               # (六) 3
]

OUTCOME_LABELS = {
    "granted": "（一）予以公开",
    "partly_granted": "（二）部分公开",
    "refused_state_secret": "（三）不予公开 1. 属于国家秘密",
    "refused_law_prohibited": "（三）不予公开 2. 其他法律行政法规禁止公开",
    "refused_three_safeties": "（三）不予公开 3. 危及“三安全一稳定”",
    "refused_third_party": "（三）不予公开 4. 保护第三方合法权益",
    "refused_internal_affairs": "（三）不予公开 5. 属于三类内部事务信息",
    "refused_process_info": "（三）不予公开 6. 属于四类过程性信息",
    "refused_enforcement_file": "（三）不予公开 7. 属于行政执法案卷",
    "refused_query_matter": "（三）不予公开 8. 属于行政查询事项",
    "unavailable_not_held": "（四）无法提供 1. 本机关不掌握相关政府信息",
    "unavailable_needs_making": "（四）无法提供 2. 没有现成信息需要另行制作",
    "unavailable_unclear": "（四）无法提供 3. 补正后申请内容仍不明确",
    "rejected_petition": "（五）不予处理 1. 信访举报投诉类申请",
    "rejected_repeated": "（五）不予处理 2. 重复申请",
    "rejected_publications": "（五）不予处理 3. 要求提供公开出版物",
    "rejected_mass_requests": "（五）不予处理 4. 无正当理由大量反复申请",
    "rejected_confirmation": "（五）不予处理 5. 要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "（六）其他处理 1. 申请人无正当理由逾期不补正",
    "other_no_fee": "（六）其他处理 2. 申请人逾期未按收费通知要求缴纳费用",
    "other_misc": "（六）其他处理 3. 其他",
}

# Share of new applications per applicant column (before noise).
COLUMN_WEIGHTS = [88.0, 5.0, 0.4, 0.6, 1.5, 4.5]


def alloc(rng, n, weights, noise=1.0):
    """Split integer n into len(weights) non-negative parts (sum == n).

    Weights are perturbed by gamma noise; the remainder after flooring is
    handed out by largest fractional part (ties broken by the RNG)."""
    if n <= 0:
        return [0] * len(weights)
    w = [x * rng.gammavariate(1.0 / noise, noise) if x > 0 else 0.0
         for x in weights]
    s = sum(w)
    if s <= 0:
        w = [1.0] * len(weights)
        s = float(len(weights))
    raw = [n * x / s for x in w]
    parts = [int(r) for r in raw]
    rest = n - sum(parts)
    order = sorted(range(len(raw)),
                   key=lambda i: (raw[i] - parts[i], rng.random()),
                   reverse=True)
    for i in order[:rest]:
        parts[i] += 1
    return parts


def poissonish(rng, mean):
    """Non-negative integer with the given mean (normal approx for big ones)."""
    if mean <= 0:
        return 0
    if mean < 30:
        # Knuth
        import math
        L = math.exp(-mean)
        k, p = 0, 1.0
        while True:
            p *= rng.random()
            if p <= L:
                return k
            k += 1
    return max(0, int(round(rng.gauss(mean, mean ** 0.5))))


# --------------------------------------------------------------------------
# Seed text -> sentence pools
# --------------------------------------------------------------------------
HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
SUBHEADING_RE = re.compile(r"^（[一二三四五六七八九十]+）")
END_PUNCT = "。；：！？”）"


def load_seed(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    # normalise "2021 年" -> "2021年", "1 月 1 日" -> "1月1日"
    raw = re.sub(r"(?<=[\u4e00-\u9fff])[ \t]+(?=\d)", "", raw)
    raw = re.sub(r"(?<=\d)[ \t]+(?=[\u4e00-\u9fff])", "", raw)
    lines = [l.strip() for l in raw.splitlines()]
    # drop the title line(s): everything before the opening "根据..." paragraph
    while lines and not lines[0].startswith("根据"):
        lines.pop(0)
    # Re-join paragraphs broken by page breaks: a non-empty line that does not
    # end in sentence punctuation and is not a heading continues on the next
    # non-empty line.
    paras, cur = [], ""
    for l in lines:
        if not l:
            continue
        if "\t" in l:          # table rows: drop
            if cur:
                paras.append(cur)
                cur = ""
            continue
        if cur:
            cur += l
        else:
            cur = l
        is_heading = bool(HEADING_RE.match(cur) or SUBHEADING_RE.match(cur))
        if is_heading or cur[-1] in END_PUNCT:
            paras.append(cur)
            cur = ""
    if cur:
        paras.append(cur)

    section = None
    subheadings, overall, problems, plans, intro = [], [], [], [], []
    for p in paras:
        if HEADING_RE.match(p):
            section = p
            continue
        if SUBHEADING_RE.match(p):
            subheadings.append(SUBHEADING_RE.sub("", p))
            continue
        if section is None:
            if p.startswith("根据"):
                intro.append(p)
            continue
        sents = [s + "。" for s in p.split("。") if len(s.strip()) > 6]
        if section.startswith("一、"):
            overall.extend(sents)
        elif section.startswith("五、"):
            # "下一步" paragraph -> plans, the rest -> problems
            (plans if p.startswith("下一步") else problems).extend(sents)
    if not overall or not problems or not intro:
        sys.exit("seed text not recognised: %s" % path)
    return {
        "intro": intro[0],
        "subheadings": subheadings,
        "overall": overall,
        "problems": problems,
        "plans": plans or problems,
    }


EXTRA_SUBHEADINGS = [
    "坚持以公开促落实，持续深化重点领域信息公开",
    "加强政策解读回应，提升公开质量和实效",
    "完善制度机制建设，夯实政务公开工作基础",
    "强化平台渠道建设，拓展政务公开传播途径",
    "优化政务服务供给，推进基层政务公开标准化规范化",
    "严格落实保密审查，规范政府信息管理",
]

CN_NUM = "一二三四五六七八九十"


def rewrite(sent, region, agency, year, rng, self_ref):
    s = sent.replace("赣州市", region).replace("我市", self_ref)
    s = s.replace("赣州", region.rstrip("市"))
    s = s.replace("2022年", "%d年" % (year + 1))
    s = s.replace("2021年", "%d年" % year)
    s = s.replace("2021 年", "%d年" % year)

    # perturb the other figures so that pages differ in more than names
    def num(m):
        t = m.group(0)
        if len(t) == 4 and t.startswith("20") or t == "12345":
            return t
        if s[m.end():m.end() + 1] == "%":   # a share: keep it plausible
            return "%.2f" % rng.uniform(85.0, 99.99)
        if "." in t:
            v = float(t) * rng.uniform(0.6, 1.4)
            return "%.2f" % v
        v = int(t)
        return str(max(1, int(v * rng.uniform(0.6, 1.4))))
    # dates (月/日) and the year are kept; counts and shares are perturbed
    s = re.sub(r"(?<![\d.月])\d+(?:\.\d+)?(?![\d.月日号])", num, s)
    return s


# --------------------------------------------------------------------------
# One agency's series of reports
# --------------------------------------------------------------------------
def agency_list(n_agencies, seed):
    base = [(r, d) for r in REGIONS for d in DEPARTMENTS]
    rng = random.Random("%s:agency-order" % seed)
    rng.shuffle(base)
    out = []
    k = 0
    while len(out) < n_agencies:
        for (rname, rslug), (dname, dslug, kind) in base:
            if len(out) >= n_agencies:
                break
            if k == 0:
                region, rs = rname, rslug
            else:  # synthetic districts beyond the base capacity
                region = "%s第%d区" % (rname, k)
                rs = "%s-d%d" % (rslug, k)
            out.append({
                "id": "%s-%s" % (rs, dslug),
                "region": region,
                "name": region + dname if dname != "人民政府" else region + "人民政府",
                "kind": kind,
            })
        k += 1
    return out


def gen_agency(agency, n_years, seed, pools):
    rng = random.Random("%s:%s" % (seed, agency["id"]))
    kind = agency["kind"]
    scale = {"gov": 4.0, "office": 2.0, "land": 3.0, "enforce": 2.0,
             "service": 1.5, "license": 1.5, "dept": 0.6}[kind]
    apps_level = scale * rng.lognormvariate(3.0, 1.0)   # median ~20*scale
    carried = [poissonish(rng, 0.3) if i == 0 else 0 for i in range(6)]
    if rng.random() < 0.3:
        carried = [0] * 6
    # proactive-disclosure state
    reg_in_force = rng.randint(3, 40) if kind == "gov" else 0
    doc_in_force = int(scale * rng.lognormvariate(3.5, 0.8))
    lic_level = {"license": 60000, "land": 8000, "service": 20000,
                 "gov": 3000, "enforce": 5000}.get(kind, 300)
    lic_level *= rng.lognormvariate(0, 1.0)
    pun_level = {"enforce": 8000, "land": 600, "license": 50}.get(kind, 40)
    pun_level *= rng.lognormvariate(0, 1.0)
    fee_level = {"land": 20000.0, "service": 3000.0, "gov": 1000.0}.get(kind, 80.0)
    fee_level *= rng.lognormvariate(0, 1.0)
    review_level = apps_level * 0.04

    reports = []
    for yi in range(n_years):
        year = FIRST_YEAR + yi
        trend = rng.lognormvariate(0, 0.35)
        # ---- applications --------------------------------------------
        n_new = poissonish(rng, apps_level * trend)
        new = alloc(rng, n_new, COLUMN_WEIGHTS, noise=0.5)
        rows = {k: [0] * 6 for k, _ in OUTCOMES}
        out_next = [0] * 6
        for c in range(6):
            avail = new[c] + carried[c]
            frac = rng.choice([0.0, 0.0, 0.01, 0.02, 0.05])
            out_next[c] = min(avail, int(round(avail * frac)))
            parts = alloc(rng, avail - out_next[c],
                          [w for _, w in OUTCOMES], noise=0.6)
            for (k, _), v in zip(OUTCOMES, parts):
                rows[k][c] = v
        processed = [sum(rows[k][c] for k, _ in OUTCOMES) for c in range(6)]

        def tot(v):
            return v + [sum(v)]
        app = {
            "new": tot(new),
            "carried_over": tot(carried),
            "outcomes": {k: tot(rows[k]) for k, _ in OUTCOMES},
            "processed_total": tot(processed),
            "carried_forward": tot(out_next),
        }
        carried = out_next
        # ---- proactive disclosure -------------------------------------
        reg_issued = rng.randint(0, 3) if kind == "gov" else 0
        reg_repealed = min(reg_in_force, rng.randint(0, 2)) if kind == "gov" else 0
        reg_in_force = reg_in_force + reg_issued - reg_repealed
        doc_issued = poissonish(rng, max(1.0, doc_in_force * 0.12))
        doc_repealed = min(doc_in_force, poissonish(rng, doc_in_force * 0.06))
        doc_in_force = doc_in_force + doc_issued - doc_repealed
        proactive = {
            "regulations": [reg_issued, reg_repealed, reg_in_force],
            "normative_documents": [doc_issued, doc_repealed, doc_in_force],
            "licensing": poissonish(rng, lic_level * trend),
            "punishment": poissonish(rng, pun_level * trend),
            "enforcement": poissonish(rng, pun_level * 0.05 * trend),
            "fees": round(fee_level * rng.lognormvariate(0, 0.2), 2),
        }
        # ---- review / litigation --------------------------------------
        def block(level):
            v = alloc(rng, poissonish(rng, level), [6, 1, 2, 1], noise=0.7)
            return v + [sum(v)]
        review = {
            "review": block(review_level * trend),
            "litigation_direct": block(review_level * 0.5 * trend),
            "litigation_after_review": block(review_level * 0.4 * trend),
        }
        pub_month = rng.randint(1, 3)
        pub_day = rng.randint(1, 31 if pub_month != 2 else 28)
        rep = {
            "year": year,
            "published": "%04d-%02d-%02d" % (year + 1, pub_month, pub_day),
            "proactive": proactive,
            "applications": app,
            "review_litigation": review,
        }
        rep["narrative"] = gen_narrative(rng, agency, rep, pools)
        reports.append(rep)
    return reports


def gen_narrative(rng, agency, rep, pools):
    year = rep["year"]
    region = agency["region"]
    self_ref = "我市" if agency["kind"] in ("gov", "office") else "我局"
    name = agency["name"]
    target = rng.randint(2700, 4500)  # bytes of sections 一 .. 一(n); total ~3-5 KB

    def rw(s):
        return rewrite(s, region, name, year, rng, self_ref)

    app = rep["applications"]
    out = []
    intro = re.sub(r"本年度报告的电子版.*$", "", pools["intro"])
    out.append(rw(intro.replace("赣州市", name)) +
               "本年度报告的电子版可以从%s门户网站下载。" % region)
    out.append("")
    heads = pools["subheadings"] + EXTRA_SUBHEADINGS
    n_sub = rng.randint(3, 5)
    chosen = rng.sample(heads, n_sub)
    body_parts = []
    fixed = ("%d年，%s共收到政府信息公开申请%d件，上年结转%d件，当年办结%d件，"
             "结转下年度%d件。" % (year, name, app["new"][6],
                             app["carried_over"][6], app["processed_total"][6],
                             app["carried_forward"][6]))
    # section 1 with sub-sections; fill until target reached
    sec1 = ["## 一、总体情况", ""]
    sec1.append(rw(pools["overall"][0]))
    sec1.append("")
    paras = [[] for _ in chosen]
    paras[min(1, n_sub - 1)].append(fixed)
    pool = []
    size = sum(len(x.encode()) for x in out + sec1) + len(fixed.encode())
    tail_budget = 900
    i = 0
    while size < target - tail_budget:
        if not pool:  # draw without replacement, refill when used up
            pool = pools["overall"][1:]
            rng.shuffle(pool)
        s = rw(pool.pop())
        paras[i % n_sub].append(s)
        size += len(s.encode())
        i += 1
    for k, (h, ps) in enumerate(zip(chosen, paras)):
        sec1.append("### （%s）%s" % (CN_NUM[k], h))
        sec1.append("")
        # split sentences of a sub-section into 1-2 paragraphs
        if len(ps) > 3 and rng.random() < 0.5:
            cut = len(ps) // 2
            sec1.append("".join(ps[:cut]))
            sec1.append("")
            sec1.append("".join(ps[cut:]))
        else:
            sec1.append("".join(ps))
        sec1.append("")
    out.extend(sec1)
    # section 5: problems and improvements
    out.append("## 五、存在的主要问题及改进情况")
    out.append("")
    probs = rng.sample(pools["problems"], min(len(pools["problems"]),
                                              rng.randint(1, 2)))
    out.append("".join(rw(s) for s in probs))
    out.append("")
    # the plan paragraph is an ordered list (一是…二是…): keep a prefix
    n_pl = len(pools["plans"])
    plans = pools["plans"][:rng.choice([k for k in (3, 5, 7, 9) if k <= n_pl] or [n_pl])]
    out.append("".join(rw(s) for s in plans))
    out.append("")
    out.append("## 六、其他需要报告的事项")
    out.append("")
    out.append(rng.choice(["无。", "本年度未收取信息处理费。",
                           "%d年度，%s未收取信息处理费。" % (year, name)]))
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------
def yq(s):
    """YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(v):
    return "[" + ", ".join(str(x) for x in v) + "]"


def report_yaml(agency, rep):
    p = rep["proactive"]
    a = rep["applications"]
    r = rep["review_litigation"]
    L = []
    L.append("# 政府信息公开工作年度报告 -- synthetic benchmark data")
    L.append("title: %s" % yq("%s%d年政府信息公开工作年度报告" % (agency["name"], rep["year"])))
    L.append("agency:")
    L.append("  id: %s" % agency["id"])
    L.append("  name: %s" % yq(agency["name"]))
    L.append("  region: %s" % yq(agency["region"]))
    L.append("year: %d" % rep["year"])
    L.append("published: %s" % rep["published"])
    L.append("# 二、主动公开政府信息情况")
    L.append("proactive:")
    L.append("  # 第二十条第（一）项: [本年制发件数, 本年废止件数, 现行有效件数]")
    L.append("  regulations: %s" % flow(p["regulations"]))
    L.append("  normative_documents: %s" % flow(p["normative_documents"]))
    L.append("  # 第二十条第（五）（六）项: 本年处理决定数量")
    L.append("  licensing: %d" % p["licensing"])
    L.append("  punishment: %d" % p["punishment"])
    L.append("  enforcement: %d" % p["enforcement"])
    L.append("  # 第二十条第（八）项: 本年收费金额（单位：万元）")
    L.append("  fees: %.2f" % p["fees"])
    L.append("# 三、收到和处理政府信息公开申请情况")
    L.append("# columns: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]")
    L.append("applications:")
    L.append("  new: %s" % flow(a["new"]))
    L.append("  carried_over: %s" % flow(a["carried_over"]))
    L.append("  outcomes:")
    for k, _ in OUTCOMES:
        L.append("    %s: %s" % (k, flow(a["outcomes"][k])))
    L.append("  processed_total: %s" % flow(a["processed_total"]))
    L.append("  carried_forward: %s" % flow(a["carried_forward"]))
    L.append("# 四、政府信息公开行政复议、行政诉讼情况")
    L.append("# each: [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]")
    L.append("review_litigation:")
    L.append("  review: %s" % flow(r["review"]))
    L.append("  litigation_direct: %s" % flow(r["litigation_direct"]))
    L.append("  litigation_after_review: %s" % flow(r["litigation_after_review"]))
    return "\n".join(L) + "\n"


def gfm_tables(rep):
    """Sections 二-四 as GitHub-flavoured Markdown tables (mdBook copy)."""
    p = rep["proactive"]
    a = rep["applications"]
    r = rep["review_litigation"]

    def row(cells):
        return "| " + " | ".join(str(c) for c in cells) + " |"
    L = ["## 二、主动公开政府信息情况", ""]
    L.append(row(["第二十条第（一）项 信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]))
    L.append(row(["---"] + ["---:"] * 3))
    L.append(row(["规章"] + p["regulations"]))
    L.append(row(["行政规范性文件"] + p["normative_documents"]))
    L.append("")
    L.append(row(["第二十条第（五）（六）（八）项 信息内容", "本年处理决定数量 / 收费金额（万元）"]))
    L.append(row(["---", "---:"]))
    L.append(row(["行政许可", p["licensing"]]))
    L.append(row(["行政处罚", p["punishment"]]))
    L.append(row(["行政强制", p["enforcement"]]))
    L.append(row(["行政事业性收费", "%.2f" % p["fees"]]))
    L += ["", "## 三、收到和处理政府信息公开申请情况", ""]
    L.append(row(["申请人情况"] + [lab for _, lab in COLUMNS]))
    L.append(row(["---"] + ["---:"] * 7))
    L.append(row(["一、本年新收政府信息公开申请数量"] + a["new"]))
    L.append(row(["二、上年结转政府信息公开申请数量"] + a["carried_over"]))
    for k, _ in OUTCOMES:
        L.append(row(["三、本年度办理结果 " + OUTCOME_LABELS[k]] + a["outcomes"][k]))
    L.append(row(["（七）总计"] + a["processed_total"]))
    L.append(row(["四、结转下年度继续办理"] + a["carried_forward"]))
    L += ["", "## 四、政府信息公开行政复议、行政诉讼情况", ""]
    heads = []
    for grp in ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"):
        heads += [grp + " " + h for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    L.append(row(heads))
    L.append(row(["---:"] * 15))
    L.append(row(r["review"] + r["litigation_direct"] + r["litigation_after_review"]))
    L.append("")
    return "\n".join(L)


def mdbook_chapter(agency, rep):
    md = rep["narrative"]
    cut = md.find("## 五、")
    if cut < 0:
        cut = len(md)
    return ("# %s%d年政府信息公开工作年度报告\n\n" % (agency["name"], rep["year"])
            + md[:cut] + gfm_tables(rep) + "\n" + md[cut:])


def check(agency, reps):
    prev_cf = None
    prev_docs = None
    for rep in reps:
        a = rep["applications"]
        for key in ("new", "carried_over", "processed_total", "carried_forward"):
            assert sum(a[key][:6]) == a[key][6], (agency["id"], key)
        for k, _ in OUTCOMES:
            assert sum(a["outcomes"][k][:6]) == a["outcomes"][k][6]
        for c in range(7):
            assert sum(a["outcomes"][k][c] for k, _ in OUTCOMES) == a["processed_total"][c]
            assert (a["new"][c] + a["carried_over"][c]
                    == a["processed_total"][c] + a["carried_forward"][c])
        if prev_cf is not None:
            assert a["carried_over"] == prev_cf
        prev_cf = a["carried_forward"]
        d = rep["proactive"]["normative_documents"]
        if prev_docs is not None:
            assert prev_docs + d[0] - d[1] == d[2]
        prev_docs = d[2]
        for v in rep["review_litigation"].values():
            assert sum(v[:4]) == v[4]


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("--out", help="output dir (default: <script dir>/.corpus/N<n>)")
    ap.add_argument("--seed", default="govreport-bench-1")
    ap.add_argument("--seed-text", default=DEFAULT_SEED_TEXT)
    ap.add_argument("--mdbook", action="store_true",
                    help="also write DIR/mdbook (book.toml, src/SUMMARY.md, one "
                         "chapter per report with the tables as GFM tables)")
    ap.add_argument("--check", action="store_true",
                    help="assert the table invariants while generating")
    args = ap.parse_args()
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                   ".corpus", "N%d" % args.n)
    if os.path.exists(out):
        shutil.rmtree(out)
    neutral = os.path.join(out, "neutral", "content")
    hugo = os.path.join(out, "hugo", "content")
    os.makedirs(neutral)
    os.makedirs(hugo)
    write(os.path.join(hugo, "_index.md"),
          "---\ntitle: \"政府信息公开工作年度报告\"\n---\n")
    if args.mdbook:
        mdsrc = os.path.join(out, "mdbook", "src")
        os.makedirs(mdsrc)
        write(os.path.join(out, "mdbook", "book.toml"),
              "[book]\ntitle = \"政府信息公开工作年度报告\"\nlanguage = \"zh-CN\"\n\n"
              "[output.html]\n\n[output.html.print]\nenable = false\n\n"
              "[output.html.search]\nenable = false\n")
        summary = ["# Summary", ""]
    pools = load_seed(args.seed_text)
    n_ag = (args.n + YEARS_PER_AGENCY - 1) // YEARS_PER_AGENCY
    agencies = agency_list(n_ag, args.seed)
    left = args.n
    digest = hashlib.sha256()
    nbytes = 0
    for ag in agencies:
        ny = min(YEARS_PER_AGENCY, left)
        left -= ny
        reps = gen_agency(ag, YEARS_PER_AGENCY, args.seed, pools)[:ny]
        if args.check:
            check(ag, reps)
        hdir = os.path.join(hugo, ag["id"])
        os.makedirs(hdir)
        write(os.path.join(hdir, "_index.md"),
              "---\ntitle: %s\nagency_id: %s\nregion: %s\n---\n"
              % (yq(ag["name"]), ag["id"], yq(ag["region"])))
        if args.mdbook:
            os.makedirs(os.path.join(mdsrc, ag["id"]))
            write(os.path.join(mdsrc, ag["id"], "README.md"),
                  "# %s\n\n| 年度 | 新收申请 | 办结 |\n| --- | ---: | ---: |\n%s\n"
                  % (ag["name"], "\n".join(
                      "| %d | %d | %d |" % (r["year"], r["applications"]["new"][6],
                                            r["applications"]["processed_total"][6])
                      for r in reps)))
            summary.append("- [%s](%s/README.md)" % (ag["name"], ag["id"]))
        for rep in reps:
            y = str(rep["year"])
            if args.mdbook:
                write(os.path.join(mdsrc, ag["id"], y + ".md"), mdbook_chapter(ag, rep))
                summary.append("  - [%s年度](%s/%s.md)" % (y, ag["id"], y))
            yml = report_yaml(ag, rep)
            md = rep["narrative"]
            nd = os.path.join(neutral, ag["id"], y)
            os.makedirs(nd)
            write(os.path.join(nd, "report.yaml"), yml)
            write(os.path.join(nd, "narrative.md"), md)
            hd = os.path.join(hdir, y)
            os.makedirs(hd)
            write(os.path.join(hd, "index.md"), "---\n" + yml + "---\n\n" + md)
            digest.update(yml.encode())
            digest.update(md.encode())
            nbytes += len(yml.encode()) + len(md.encode())
    if args.mdbook:
        write(os.path.join(mdsrc, "SUMMARY.md"), "\n".join(summary) + "\n")
    print("%d reports, %d agencies, %.1f MB of report.yaml+narrative.md, "
          "sha256 %s -> %s" % (args.n, len(agencies), nbytes / 1e6,
                               digest.hexdigest()[:16], out))


if __name__ == "__main__":
    main()
