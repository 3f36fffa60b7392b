// What a reader sees of a built site in Chromium, driven by tests/it/reading.rs.
//
//   node reading.mjs <output dir> <artifacts dir> <address> ...      (addresses like /a/2024/)
//
// Serves the output folder over HTTP and opens every address on a 320-px and a 360-px phone, at
// 200% zoom (a 640-px viewport) and on a 1280-px desktop. At each width: whether the page
// scrolls sideways or anything sticks out of it (a table may scroll inside its own box only if
// that box is a focusable region whose caption says it scrolls), whether a chart label sticks
// out of its chart, and the smallest chart text as rendered, in CSS pixels. On the 360-px phone,
// for 表三: that every figure is on screen together with its row's name and its column's name,
// and that screen readers get the same tables as on the desktop (the accessibility tree).
// On the desktop: that 表三 fits its column, that no column heading of any table breaks inside
// a word, and which fonts draw headings, table headers and chart text (Chromium's own account).
// Saves full-page screenshots. Prints one JSON result for the Rust test to judge.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, report, serve } from './lib.mjs';

const [outDir, artifacts, ...addresses] = process.argv.slice(2);
const WIDTHS = [
  { name: '320', width: 320, height: 640 },
  { name: '360', width: 360, height: 740 },
  { name: 'zoom200', width: 640, height: 450 },
  { name: '1280', width: 1280, height: 900 },
];

// In the page: what scrolls sideways or sticks out.
function sideways() {
  const W = document.documentElement.clientWidth;
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${el.textContent.trim().slice(0, 30)}"`;
  };
  const problems = [];
  const scrolling = [];
  if (document.documentElement.scrollWidth > W) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${W}`);
  }
  const scrollers = [...document.querySelectorAll('body *')].filter((el) => {
    const o = getComputedStyle(el).overflowX;
    return (o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1;
  });
  for (const el of scrollers) {
    const caption = el.querySelector('caption');
    const says = caption ? getComputedStyle(caption, '::after').content : '';
    const ok = el.matches('.table-scroll[role="region"][tabindex="0"]') && says.includes('滑动');
    const what = `${describe(el)} scrolls inside its box (${el.scrollWidth} px in ${el.clientWidth})`;
    if (ok) scrolling.push(what);
    else problems.push(`${what} without saying so`);
  }
  for (const el of document.querySelectorAll('body *')) {
    if (scrollers.some((s) => s !== el && s.contains(el))) continue;
    const r = el.getBoundingClientRect();
    // Screen-reader-only text is a 1-px box; the skip link waits left of the page.
    if (r.width <= 1 || r.height <= 1) continue;
    if (r.right > W + 0.5) problems.push(`${describe(el)} sticks out of the page (right edge ${r.right.toFixed(1)} of ${W})`);
  }
  for (const t of document.querySelectorAll('svg.chart-svg text')) {
    const r = t.getBoundingClientRect();
    const b = t.ownerSVGElement.getBoundingClientRect();
    if (r.width > 0 && (r.left < b.left - 0.5 || r.right > b.right + 0.5)) {
      problems.push(`chart ${t.closest('figure').id}: "${t.textContent}" sticks out of the chart`);
    }
  }
  return { problems, scrolling };
}

// In the page: the smallest chart text, as rendered (font size times the scale it is drawn at).
function chartText() {
  let min = Infinity;
  let where = '';
  let count = 0;
  for (const el of document.querySelectorAll('svg.chart-svg text, svg.chart-svg tspan')) {
    if (!el.textContent.trim() || !el.getClientRects().length) continue;
    const m = el.getScreenCTM();
    const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
    count += 1;
    if (px < min) {
      min = px;
      where = `${el.closest('figure').id}: "${el.textContent.trim()}"`;
    }
  }
  return { count, min: count ? min : null, where };
}

// In the page, on a phone: every figure of 表三 on screen with its row's and column's names.
function t3OnPhone() {
  const table = document.getElementById('t3');
  if (!table) return null;
  // Each column's name is the lowest header cell above it, found by laying the header cells
  // out on a grid with their spans.
  const rows = [...table.tHead.rows];
  const width = [...rows[0].cells].reduce((n, c) => n + c.colSpan, 0);
  const grid = rows.map(() => new Array(width).fill(null));
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (grid[r][c]) c += 1;
      for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) grid[r + dr][c + dc] = cell;
      }
      c += cell.colSpan;
    }
  });
  const names = [...Array(width).keys()].map((c) => {
    const heads = grid.map((row) => row[c]).filter((cell) => cell && cell.tagName === 'TH');
    return heads.length ? heads[heads.length - 1].textContent.trim() : '';
  });
  const W = document.documentElement.clientWidth;
  const H = window.innerHeight;
  const onScreen = (r) => r.width > 0 && r.left >= -0.5 && r.right <= W + 0.5 && r.top >= -0.5 && r.bottom <= H + 0.5;
  const problems = [];
  let figures = 0;
  for (const tr of table.tBodies[0].rows) {
    const cells = [...tr.cells];
    const tds = cells.filter((c) => c.tagName === 'TD');
    const row = cells.filter((c) => c.tagName === 'TH' && c.rowSpan === 1).pop();
    tds.forEach((td, k) => {
      figures += 1;
      const column = names[width - tds.length + k];
      td.scrollIntoView({ block: 'center' });
      const content = getComputedStyle(td, '::before').content;
      const shown = (content.match(/^"([^"]*)"/) || ['', ''])[1].replace(/\u00a0/g, ' ').trim();
      const rowName = row.textContent.trim();
      if (shown !== column) {
        problems.push(`${rowName}: the figure in column "${column}" is shown as "${shown}"`);
      }
      if (!onScreen(td.getBoundingClientRect()) || !onScreen(row.getBoundingClientRect())) {
        problems.push(`${rowName} · ${column}: the figure and its row's name are not on screen together`);
      }
    });
  }
  window.scrollTo(0, 0);
  return { figures, problems };
}

// In the page, on a desktop: 表三 fits, and no column heading breaks inside a word (the text
// between two <wbr>s is one text node, which must sit on one line).
function headingsOnDesktop() {
  const problems = [];
  const t3 = document.getElementById('t3');
  if (t3) {
    const box = t3.closest('.table-scroll');
    if (getComputedStyle(t3).display !== 'table') problems.push('表三 is not laid out as a table');
    if (box.scrollWidth > box.clientWidth + 1) {
      problems.push(`表三 is ${box.scrollWidth} px wide in ${box.clientWidth}: it scrolls sideways`);
    }
  }
  for (const th of document.querySelectorAll('th[scope="col"], th[scope="colgroup"]')) {
    for (const node of th.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`heading "${th.textContent.trim()}" breaks inside "${node.textContent}"`);
    }
  }
  return problems;
}

// How the page's tables reach a screen reader: Chromium's accessibility tree, counted by role.
// Laying a table out in blocks must not change it (and the column names shown beside the
// figures must not be read out as extra text).
async function tablesAsRead(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = ['table', 'caption', 'row', 'rowheader', 'columnheader', 'cell', 'StaticText'];
  const count = Object.fromEntries(roles.map((r) => [r, 0]));
  for (const n of nodes) {
    const role = n.role && n.role.value;
    if (role in count) count[role] += 1;
  }
  return count;
}

// The fonts Chromium drew headings, table headers and chart text with.
async function fonts(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: 'h1, h2, h3, caption, th, .site-title, svg.chart-svg text',
  });
  const mixed = [];
  const families = new Set();
  for (const nodeId of nodeIds) {
    const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    if (!used.length) continue;
    used.forEach((f) => families.add(f.familyName));
    if (used.length > 1) {
      const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
      mixed.push(`${outerHTML.slice(0, 80)}: ${used.map((f) => f.familyName).join(' + ')}`);
    }
  }
  await cdp.detach();
  return { families: [...families], mixed };
}

await mkdir(artifacts, { recursive: true });
const server = await serve(outDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const pages = [];
try {
  const page = await browser.newPage();
  for (const address of addresses) {
    const name = address.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'index';
    const result = { address, widths: {} };
    for (const w of WIDTHS) {
      await page.setViewportSize({ width: w.width, height: w.height });
      await page.goto(origin + address, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const at = { ...(await page.evaluate(sideways)), chartText: await page.evaluate(chartText) };
      if (w.name === '360' || w.name === '1280') at.tables = await tablesAsRead(page);
      if (w.name === '360') {
        at.t3 = await page.evaluate(t3OnPhone);
        await page.screenshot({ path: path.join(artifacts, `${name}.360.png`), fullPage: true });
      }
      if (w.name === '1280') {
        at.headings = await page.evaluate(headingsOnDesktop);
        at.fonts = await fonts(page);
        await page.screenshot({ path: path.join(artifacts, `${name}.1280.png`), fullPage: true });
      }
      result.widths[w.name] = at;
    }
    pages.push(result);
  }
} finally {
  await browser.close();
  server.close();
}
report({ pages });
