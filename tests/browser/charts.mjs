// Opens built pages in headless Chromium and checks every chart as a reader would see it:
// each svg[role=img] is visible with a non-zero size, has its <title> and <desc>, no two <text>
// boxes of one chart intersect (at 1280 px and on a 360-px phone), and the console shows no
// error. Saves full-page screenshots of each page (desktop, phone, print) for a person to see.
//
// Usage: node charts.mjs <site-dir> <artifacts-dir> <page> [<page> …]
// Prints one JSON line: { pages: [{ page, charts, texts, problems: [...] }], errors: [...] }
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, report } from './lib.mjs';

const [site, artifacts, ...pages] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

// Runs in the page: every chart's size, accessible name and text boxes. A tall chart is drawn
// in pieces, one <svg> each, the first naming the whole image; the boxes of all its pieces are
// measured together, in page coordinates.
function measure() {
  const out = [];
  for (const figure of document.querySelectorAll('figure.chart')) {
    const svg = figure.querySelector('svg[role="img"]');
    const pieces = [...figure.querySelectorAll('svg.chart-svg')];
    const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    const style = svg ? getComputedStyle(svg) : { visibility: 'hidden' };
    const ids = ((svg && svg.getAttribute('aria-labelledby')) || '').split(/\s+/).filter(Boolean);
    const named = ids.length === 2 && ids.every((id) => {
      const el = document.getElementById(id);
      return el && svg.contains(el) && el.textContent.trim().length > 0;
    });
    const hidden = pieces.slice(1).every((p) => p.getAttribute('aria-hidden') === 'true');
    const boxes = pieces.flatMap((p) => [...p.querySelectorAll('text')].map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent.trim(), x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    out.push({
      id: figure.id,
      width: r.width,
      height: r.height,
      visible: style.visibility !== 'hidden' && style.display !== 'none' && r.width > 0 && r.height > 0,
      named: named && hidden,
      boxes,
    });
  }
  return out;
}

function intersect(a, b) {
  // Boxes that only touch are fine; 0.5 px tolerates sub-pixel rounding.
  const e = 0.5;
  return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

function problemsOf(chart) {
  const problems = [];
  if (!chart.visible) problems.push(`${chart.id}: not visible (${chart.width}×${chart.height})`);
  if (!chart.named) problems.push(`${chart.id}: aria-labelledby does not name its <title> and <desc>, or a later piece is not hidden`);
  const boxes = chart.boxes;
  for (const b of boxes) {
    if (b.text && (b.w === 0 || b.h === 0)) problems.push(`${chart.id}: text "${b.text}" has no size`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (intersect(boxes[i], boxes[j])) {
        const f = (b) => `"${b.text}" [${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.w.toFixed(1)}×${b.h.toFixed(1)}]`;
        problems.push(`${chart.id}: ${f(boxes[i])} overlaps ${f(boxes[j])}`);
      }
    }
  }
  return problems;
}

const browser = await launch();
const result = { pages: [], errors: [] };
try {
  for (const page of pages) {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.on('console', (m) => {
      if (m.type() === 'error') result.errors.push(`${page}: console: ${m.text()}`);
    });
    tab.on('pageerror', (e) => result.errors.push(`${page}: ${e.message}`));
    await tab.goto(pathToFileURL(join(site, page)).href, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready);
    const charts = await tab.evaluate(measure);
    const name = page.replace(/[\/]/g, '_').replace(/\.html$/, '');
    await tab.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    // Charts fit the width they are shown at: measure them again on a phone.
    await tab.setViewportSize({ width: 360, height: 740 });
    const phone = await tab.evaluate(measure);
    await tab.screenshot({ path: join(artifacts, `${name}.360.png`), fullPage: true });
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.emulateMedia({ media: 'print' });
    await tab.screenshot({ path: join(artifacts, `${name}.print.png`), fullPage: true });
    result.pages.push({
      page,
      charts: charts.length,
      texts: charts.reduce((n, c) => n + c.boxes.length, 0),
      problems: [
        ...charts.flatMap(problemsOf),
        ...phone.flatMap(problemsOf).map((p) => `at 360 px: ${p}`),
      ],
    });
    await tab.close();
  }
} finally {
  await browser.close();
}
report(result);
