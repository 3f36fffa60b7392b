#!/usr/bin/env python3
"""Convert the benchmark corpus's neutral layout into a nianbao site.

    python3 bench/convert.py bench/.corpus/N1000/neutral/content /tmp/nianbao-N1000

The corpus (gen-corpus.py) writes neutral/content/<agency>/<year>/report.yaml and narrative.md.
This writes the same figures and text in nianbao's layout (docs/format.md): site.toml,
content/<agency>/body.yaml, content/<agency>/<year>/report.yaml and report.md. Every year is
marked format "2021", as the corpus uses the 2021 table layout throughout (a benchmark
simplification). The narrative gets the headings of sections 二, 三 and 四, whose tables nianbao
renders from the YAML. Python 3 standard library only.
"""
import os
import re
import sys

OUTCOMES = [
    # (corpus key, nianbao path below results)
    ("granted", "granted"), ("partly_granted", "partial"),
    ("refused_state_secret", "withheld.state_secret"),
    ("refused_law_prohibited", "withheld.prohibited"),
    ("refused_three_safeties", "withheld.security"),
    ("refused_third_party", "withheld.third_party"),
    ("refused_internal_affairs", "withheld.internal"),
    ("refused_process_info", "withheld.process"),
    ("refused_enforcement_file", "withheld.enforcement_files"),
    ("refused_query_matter", "withheld.inquiry"),
    ("unavailable_not_held", "unavailable.not_held"),
    ("unavailable_needs_making", "unavailable.needs_creation"),
    ("unavailable_unclear", "unavailable.unclear"),
    ("rejected_petition", "not_processed.complaint"),
    ("rejected_repeated", "not_processed.repeated"),
    ("rejected_publications", "not_processed.publication"),
    ("rejected_mass_requests", "not_processed.excessive"),
    ("rejected_confirmation", "not_processed.confirmation"),
    ("other_no_correction", "other.no_correction"),
    ("other_no_fee", "other.no_fee"),
    ("other_misc", "other.other"),
]


def scalars(text):
    """key -> raw value text, for the corpus's flat `key: value` lines (any indent)."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([a-z_]+):\s*(.+?)\s*$", line)
        if m and not m.group(2).startswith("#"):
            out.setdefault(m.group(1), m.group(2))
    return out


def convert_report(src_dir, dst_dir, year):
    y = scalars(open(os.path.join(src_dir, "report.yaml"), encoding="utf-8").read())
    lines = [
        'format: "2021"',
        "title: %s" % y["title"],
        "issuer: %s" % y["name"],
        "date: %s" % y["published"],
        "t2:",
        "  item1:",
        "    regulations: %s" % y["regulations"],
        "    normative: %s" % y["normative_documents"],
        "  item5: {licensing: [%s]}" % y["licensing"],
        "  item6: {punishment: [%s], enforcement: [%s]}" % (y["punishment"], y["enforcement"]),
        "  item8: {fees: [%s]}" % y["fees"],
        "t3:",
        "  new: %s" % y["new"],
        "  carried_over: %s" % y["carried_over"],
        "  results:",
    ]
    groups = {}
    for key, path in OUTCOMES:
        parts = path.split(".")
        if len(parts) == 1:
            lines.append("    %s: %s" % (parts[0], y[key]))
        else:
            if parts[0] not in groups:
                groups[parts[0]] = True
                lines.append("    %s:" % parts[0])
            lines.append("      %s: %s" % (parts[1], y[key]))
    lines += [
        "    total: %s" % y["processed_total"],
        "  carried_forward: %s" % y["carried_forward"],
        "t4:",
        "  review: %s" % y["review"],
        "  direct_suit: %s" % y["litigation_direct"],
        "  suit_after_review: %s" % y["litigation_after_review"],
    ]
    os.makedirs(dst_dir, exist_ok=True)
    with open(os.path.join(dst_dir, "report.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    md = open(os.path.join(src_dir, "narrative.md"), encoding="utf-8").read()
    tables = ("## 二、主动公开政府信息情况\n\n## 三、收到和处理政府信息公开申请情况\n\n"
              "## 四、政府信息公开行政复议、行政诉讼情况\n\n")
    md = md.replace("## 五、", tables + "## 五、", 1)
    with open(os.path.join(dst_dir, "report.md"), "w", encoding="utf-8") as f:
        f.write(md)
    return y


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    content = os.path.join(dst, "content")
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(dst, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "政府信息公开工作年度报告（基准测试语料）"\n')
    n = 0
    for agency in sorted(os.listdir(src)):
        meta = None
        for year in sorted(os.listdir(os.path.join(src, agency))):
            meta = convert_report(os.path.join(src, agency, year),
                                  os.path.join(content, agency, year), year)
            n += 1
        with open(os.path.join(content, agency, "body.yaml"), "w", encoding="utf-8") as f:
            f.write("name: %s\nlevel: 市级部门\nregion: %s\noffice: %s\n"
                    % (meta["name"], meta["region"], meta["name"]))
    print("%d reports -> %s" % (n, dst))


if __name__ == "__main__":
    main()
