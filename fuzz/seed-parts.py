"""Writes the seeds of the targets that take one XML part of a file (import_docx_xml,
import_xlsx_xml) from the import fixtures: each Word file's word/document.xml, and each sheet
of each Excel file with its shared strings written inline (as the target's workbook has none).
Each seed is named by its SHA-1, as libFuzzer names its corpus.

    python3 fuzz/seed-parts.py docx|xlsx <corpus folder> <files…>"""

import hashlib
import html
import re
import sys
import zipfile
from pathlib import Path

kind, out, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]


def put(data):
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def inline(sheet, strings):
    def cell(m):
        attrs, value = m.group(1), m.group(2)
        attrs = re.sub(r'\s(t|s)="[^"]*"', "", attrs)
        text = html.escape(strings[int(value)], quote=False)
        return f'<c{attrs} t="inlineStr"><is><t>{text}</t></is></c>'

    sheet = re.sub(r'<c(\s[^>]*?t="s"[^>]*)><v>(\d+)</v></c>', cell, sheet)
    return re.sub(r'(<c\s[^>]*?)\ss="\d+"', r"\1", sheet)


for f in files:
    try:
        z = zipfile.ZipFile(f)
    except zipfile.BadZipFile:
        continue
    if kind == "docx":
        put(z.read("word/document.xml"))
        continue
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S):
            strings.append(html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S))))
    for name in z.namelist():
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            put(inline(z.read(name).decode(), strings).encode())

if kind == "xlsx":
    # A date (style 1) and a number (style 2), which the fixtures do not have.
    put(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\x8d\xb0\xe5\x8f\x91\xe6\x97\xa5\xe6\x9c\x9f</t></is></c><c r="B1" s="1"><v>44629</v></c><c r="C1" s="2"><v>151022.81</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="D1:E2"/></mergeCells></worksheet>')
