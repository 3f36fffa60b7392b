"""Writes the libFuzzer dictionaries in this folder from the format's own description
(src/format.rs: row and column keys and labels), so that mutations insert whole keys and the
official row and column words. Run from the repository root: python3 fuzz/dicts/make.py"""

import re
from pathlib import Path

fmt = Path("src/format.rs").read_text()
keys = sorted(set(re.findall(r'(?:col|leaf|group)\(\s*"([a-z_0-9]+)"', fmt))
  | set(re.findall(r'RowKey\("([a-z_.]+)"\)', fmt)) | set(re.findall(r'ColKey\("([a-z_]+)"\)', fmt)))
labels = sorted(set(s for s in re.findall(r'"([^"\n]+)"', fmt) if re.search(r"[\u4e00-\u9fff]", s)))


def entry(s):
    out = []
    for b in s.encode():
        if b in (0x22, 0x5C) or b < 0x20 or b > 0x7E:
            out.append("\\x%02X" % b)
        else:
            out.append(chr(b))
    return '"' + "".join(out) + '"'


def write(name, items):
    seen = []
    for i in items:
        if i not in seen:
            seen.append(i)
    Path("fuzz/dicts", name).write_text(
        "# Made by fuzz/dicts/make.py from src/format.rs; do not edit.\n"
        + "".join(entry(i) + "\n" for i in seen))


yaml = ["format:", "title:", "issuer:", "date:", "published:", "source:", "acknowledged:",
        "indicators:", "t2:", "t3:", "t4:", "label:", "value:", "unit:", "note:", "id:",
        "\"2019\"", "\"2021\"", "2022-03-09", "~", "null", "- ", ": ", "  ", "\n", "[", "]", "{",
        "}", ",", "#", "&a ", "*a", "<<: ", "!!str ", "\"", "'", "|", ">", "---", "...", "1e9",
        "-1", "0.5", "99999999999999999999", "https://"]
write("yaml.dict", yaml + [k + ":" for k in keys] + labels)
md = ["## ", "### ", "{{ ", " }}", "\\{{", "t2.", "t3.", "t4.", ".total", ".value", "ind.",
      "{{ t3.new.total }}", "{{ ind.hotline_satisfaction }}", "\n", "件", "万条", "%", "年",
      "同比增长", "同比下降", "比上年", "12345"]
md += ["t3." + k for k in keys] + ["." + k for k in keys]
write("md.dict", md + labels)
toml = ["title", "base_url", "language", "output", "[footer]", "organizer", "contact",
        "site_code", "icp", "police", " = ", "\"", "'''", "\"\"\"", "[", "]", "{", "}", "\n",
        "https://", "http://", "zh-CN", "\\u0000", "#"]
write("toml.dict", toml)
sections = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项", "政府信息公开工作年度报告", "人民政府", "表", "\t", "  ",
            "<table>", "<tr>", "<td>", "</td>", "colspan=\"2\"", "rowspan=\"2\"", "</tr>",
            "<p>", "<br>", "&nbsp;", "<meta charset=\"gbk\">", "（一）", "（二）", "1.", "2.",
            "~", "0", "12", "2021", "年"]
write("import.dict", sections + labels)
