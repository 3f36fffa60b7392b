// Accessibility and print checks of a built site, driven by tests/it/accessibility.rs.
//
//   node a11y.mjs <output dir> <artifacts dir> <name>=<path> ...
//
// Serves the output folder over HTTP (a missing address gets 404.html with status 404, as a
// web server configured for the site does), then for every page: axe-core with the WCAG 2.1
// A and AA rules; whether the page scrolls sideways on a 360-px phone and at 200% zoom (a
// 640-px-wide viewport); whether Tab reaches the skip link first and shows it focused. The
// first page named `report` is also printed: the layout under print media, and an A4 PDF and a
// screenshot saved in the artifacts folder. Prints one JSON result for the Rust test to judge.
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launch, report, serve } from './lib.mjs';

const [outDir, artifacts, ...pageArgs] = process.argv.slice(2);
const pages = pageArgs.map((a) => {
  const i = a.indexOf('=');
  return { name: a.slice(0, i), path: a.slice(i + 1) };
});
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

// Whether the page itself scrolls sideways (wide tables must scroll inside their own box).
async function sideways(page, width, height) {
  await page.setViewportSize({ width, height });
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

async function skipLink(page) {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      className: el.className,
      text: el.textContent.trim(),
      href: el.getAttribute('href'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      onScreen: box.left >= 0 && box.top >= 0 && box.width > 0 && box.right <= window.innerWidth,
    };
  });
}

async function printed(page, base) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ media: 'print' });
  const layout = await page.evaluate(() => {
    const shown = (sel) =>
      [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none');
    const table = [...document.querySelectorAll('table.statutory')].find((t) => t.tHead);
    return {
      hidden: Object.fromEntries(
        ['.site-header', '.site-footer', '.breadcrumb', '.toc', '.downloads', '.skip-link'].map(
          (s) => [s, !shown(s)],
        ),
      ),
      theadDisplay: table ? getComputedStyle(table.querySelector('thead')).display : null,
      rowBreakInside: table ? getComputedStyle(table.querySelector('tbody tr')).breakInside : null,
    };
  });
  await mkdir(artifacts, { recursive: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await writeFile(path.join(artifacts, `${base}-a4.pdf`), pdf);
  await page.screenshot({ path: path.join(artifacts, `${base}-print.png`), fullPage: true });
  const pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  await page.emulateMedia({ media: 'screen' });
  return { ...layout, pdfBytes: pdf.length, pdfPages };
}

const server = await serve(path.resolve(outDir));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const results = [];
let print = null;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const p of pages) {
    const response = await page.goto(origin + p.path, { waitUntil: 'load' });
    const r = { ...p, status: response.status(), violations: await axe(page) };
    r.skipLink = await skipLink(page);
    r.phone = await sideways(page, 360, 740);
    r.zoom200 = await sideways(page, 640, 450);
    await page.setViewportSize({ width: 1280, height: 900 });
    if (p.name === 'report' && !print) print = await printed(page, 'report');
    results.push(r);
  }
} finally {
  await browser.close();
  server.close();
}
report({ pages: results, print });
