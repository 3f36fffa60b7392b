#!/usr/bin/env python3
"""Write the benchmark corpus's reports as page text, laid out as the seed report is
(tests/fixtures/seed/ganzhou-2021.txt): the title with layout spaces, paragraphs broken
mid-sentence with blank lines between the pieces, subsection headings, the three tables with
tab-separated cells (the seed's label variants 本年度止件数 and 本年度受理结果, half-width
brackets, T4's fifteen figures on one line), and the closing office, date and 印发.

    python3 bench/import-texts.py bench/.corpus/N1000/neutral/content /tmp/texts [N]

Writes one <agency>-<year>.txt per report (the first N, in the corpus's order). Python 3
standard library only.
"""
import os
import re
import sys

OUTCOMES = [
    ("granted", "", "(一) 予以公开"),
    ("partly_granted", "", "(二) 部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("refused_state_secret", "(三) 不予公开", "1. 属于国家秘密"),
    ("refused_law_prohibited", "", "2. 其他法律行政法规禁止公开"),
    ("refused_three_safeties", "", "3. 危及“三安全一稳定”"),
    ("refused_third_party", "", "4. 保护第三方合法权益"),
    ("refused_internal_affairs", "", "5. 属于三类内部事务信息"),
    ("refused_process_info", "", "6. 属于四类过程性信息"),
    ("refused_enforcement_file", "", "7. 属于行政执法案卷"),
    ("refused_query_matter", "", "8. 属于行政查询事项"),
    ("unavailable_not_held", "(四) 无法提供", "1. 本机关不掌握相关政府信息"),
    ("unavailable_needs_making", "", "2. 没有现成信息需要另行制作"),
    ("unavailable_unclear", "", "3. 补正后申请内容仍不明确"),
    ("rejected_petition", "(五) 不予处理", "1. 信访举报投诉类申请"),
    ("rejected_repeated", "", "2. 重复申请"),
    ("rejected_publications", "", "3. 要求提供公开出版物"),
    ("rejected_mass_requests", "", "4. 无正当理由大量反复申请"),
    ("rejected_confirmation", "", "5. 要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "(六) 其他处理", "1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "", "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "", "3. 其他"),
]


def scalars(text):
    """key -> raw value text, for the corpus's flat `key: value` lines (any indent)."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([a-z_]+):\s*(.+?)\s*$", line)
        if m and not m.group(2).startswith("#"):
            out.setdefault(m.group(1), m.group(2))
    return out


def cells(v):
    return [c.strip() for c in v.strip("[]").split(",")]


def broken(paragraph, width=60):
    """A paragraph as the seed prints it: pieces of `width` characters, a blank line between."""
    return [paragraph[i:i + width] for i in range(0, len(paragraph), width)]


def text_of(src):
    y = scalars(open(os.path.join(src, "report.yaml"), encoding="utf-8").read())
    md = open(os.path.join(src, "narrative.md"), encoding="utf-8").read()
    title = y["title"].strip('"')
    name = y["name"].strip('"')
    year = y["year"]
    out = ["", re.sub(r"(\d{4})年", r" \1 年", title).replace("工作年度", "工作 年度"), ""]
    for block in md.split("\n\n"):
        block = block.strip()
        if block.startswith("## 五"):
            out += ["二、主动公开政府信息情况", ""] + t2(y) + [""]
            out += ["三、收到和处理政府信息公开申请情况", ""] + t3(y) + [""]
            out += ["四、政府信息公开行政复议、行政诉讼情况", ""] + t4(y) + [""]
        if block.startswith("#"):
            out += [block.lstrip("# "), ""]
        elif block:
            for piece in broken(block):
                out += [piece, ""]
    y_, m, d = y["published"].split("-")
    out += [name, "", "%s年 %d月 %d日" % (y_, int(m), int(d)), "", "印发", ""]
    return "\n".join(out)


def t2(y):
    rows = [["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年度止件数", "现行有效件数"],
            ["规章"] + cells(y["regulations"]), ["行政规范性文件"] + cells(y["normative_documents"]),
            ["第二十条第（五）项", "", "", ""], ["信息内容", "本年处理决定数量", "", ""],
            ["行政许可", y["licensing"], "", ""],
            ["第二十条第（六）项", "", "", ""], ["信息内容", "本年处理决定数量", "", ""],
            ["行政处罚", y["punishment"], "", ""], ["行政强制", y["enforcement"], "", ""],
            ["第二十条第（八）项", "", "", ""], ["信息内容", "本年收费金额（单位：万元）", "", ""],
            ["行政事业性收费", y["fees"], "", ""]]
    return ["\t".join(r) for r in rows]


def t3(y):
    head = ["(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\t",
            "\t\t自然人\t法人或其他组织\t\t\t\t\t\t",
            "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t"]
    rows = ["一、本年新收政府信息公开申请数量\t\t" + "\t".join(cells(y["new"])) + "\t",
            "二、上年结转政府信息公开申请数量\t\t" + "\t".join(cells(y["carried_over"])) + "\t"]
    for key, group, label in OUTCOMES:
        lead = "三、本年度受理结果" if key == "granted" else ""
        if label.startswith("("):
            rows.append("%s\t%s\t%s\t" % (lead, label, "\t".join(cells(y[key]))))
        else:
            rows.append("\t%s\t%s\t%s" % (group, label, "\t".join(cells(y[key]))))
    rows.append("(七) 总计\t" + "\t".join(cells(y["processed_total"])) + "\t\t")
    rows.append("四、结转下年度继续办理\t\t" + "\t".join(cells(y["carried_forward"])) + "\t")
    return head + rows


def t4(y):
    cols = "结果 维持\t结果 纠正\t其他 结果\t尚 未 审 结\t总 计"
    figures = cells(y["review"]) + cells(y["litigation_direct"]) + cells(y["litigation_after_review"])
    return ["行政复议\t\t\t\t\t行政诉讼" + "\t" * 9,
            cols + "\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
            "\t\t\t\t\t" + cols + "\t" + cols,
            "\t".join(figures)]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) == 4 else None
    os.makedirs(dst, exist_ok=True)
    n = 0
    for agency in sorted(os.listdir(src)):
        for year in sorted(os.listdir(os.path.join(src, agency))):
            if limit is not None and n >= limit:
                break
            with open(os.path.join(dst, "%s-%s.txt" % (agency, year)), "w", encoding="utf-8") as f:
                f.write(text_of(os.path.join(src, agency, year)))
            n += 1
    print("%d report texts -> %s" % (n, dst))


if __name__ == "__main__":
    main()
