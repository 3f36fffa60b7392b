// Prints pages of a built site to A4 PDF in Chromium, for tests/it/reading.rs to measure.
//
//   node print.mjs <output dir> <artifacts dir> <address> ...      (addresses like /a/2024/)
//
// Serves the output folder over HTTP, opens each address under print media and saves
// `<artifacts>/<name>.pdf` (the Rust test renders its pages with poppler's pdftoppm and reads
// their text with pdftotext). Also reports, from the page itself, the texts that must be read
// together on paper: each table's caption, header and rows, the headings of 表二's blocks with
// their first rows, and the closing lines with the last paragraph. Prints one JSON result:
// { pages: [{ address, pdf, tables: [{ caption, head, rows }], groups, closing, last }] }.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, report, serve } from './lib.mjs';

const [outDir, artifacts, ...addresses] = process.argv.slice(2);

// In the page: the texts the Rust test looks for in the PDF, with all white space removed. A
// row is known by its figures (and its name, when short enough to stay on one line).
function landmarks() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, '') : '');
  const row = (tr) => {
    const name = [...tr.cells].find((c) => c.tagName === 'TH' && c.rowSpan === 1);
    // Notes and changes in words may wrap onto more lines; figures do not.
    const figures = [...tr.cells]
      .filter((c) => c.tagName === 'TD' && !c.matches('.note, .change'))
      .map(text)
      .join('');
    return (name && text(name).length <= 6 ? text(name) : '') + figures;
  };
  const rows = (table) => [...table.tBodies].flatMap((b) => [...b.rows]).filter((tr) => tr.querySelector('td'));
  const tables = [...document.querySelectorAll('table')]
    .filter((t) => t.getClientRects().length && t.caption)
    .map((t) => ({
      caption: text(t.caption),
      head: t.tHead ? text(t.tHead.querySelector('th')) : '',
      rows: rows(t).map(row),
    }));
  // 表二's blocks: each heading row and the first row of figures under it.
  const groups = [...document.querySelectorAll('table th.block')].map((th) => {
    const body = th.closest('tbody');
    const first = [...body.rows].find((tr) => tr.querySelector('td'));
    return { heading: text(th), first: first ? row(first) : '' };
  });
  const sections = document.querySelectorAll('article section[id^="s"]');
  const last = sections.length ? sections[sections.length - 1].querySelectorAll('p') : [];
  return {
    tables,
    groups,
    closing: text(document.querySelector('.imprint')),
    last: last.length ? text(last[last.length - 1]) : '',
  };
}

await mkdir(artifacts, { recursive: true });
const server = await serve(outDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const pages = [];
try {
  const page = await browser.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const address of addresses) {
    const name = address.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'index';
    await page.goto(origin + address, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = path.join(artifacts, `${name}.pdf`);
    await writeFile(pdf, await page.pdf({ printBackground: true, preferCSSPageSize: true }));
    pages.push({ address, pdf, ...(await page.evaluate(landmarks)) });
  }
} finally {
  await browser.close();
  server.close();
}
report({ pages });
