// The search page as a reader uses it, driven by tests/it/search.rs.
//
//   node search.mjs static <output dir> <prefix> <steps JSON>   serves the folder under <prefix>
//   node search.mjs url <search page URL> <steps JSON>          a page already served (`serve`)
//
// Each step is one of
//   { "q": "词", "filters": { "year": "2021" }, "all": true, "follow": true, "axe": true }
//       types the words into the search box and presses Enter, chooses the filters in their
//       lists, waits for the results and reads them as shown: the status line, and for each
//       report its title, link, facts line and parts (section title, link, excerpt and marked
//       words). `all` clicks 显示更多结果 until every result is shown; `follow` clicks the first
//       part's link and reports where the browser went and whether the marked words are on
//       screen there; `axe` runs axe-core (WCAG 2.1 A and AA) on the page with its results.
//   { "nojs": true }
//       opens the page with JavaScript off and reads what it says and links to.
// Every request the browser makes is recorded; the result says which went to another origin.
// Prints one JSON result.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launch, report, serve } from './lib.mjs';

const args = process.argv.slice(2);
let server = null;
let url;
let steps;
if (args[0] === 'static') {
  server = await serve(path.resolve(args[1]), args[2]);
  url = `http://127.0.0.1:${server.address().port}${args[2]}search/`;
  steps = JSON.parse(args[3]);
} else {
  url = args[1];
  steps = JSON.parse(args[2]);
}
const origin = new URL(url).origin;
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const TIMEOUT = 20000;

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

// The status line once the search has finished: it says 正在搜索 while the search runs, and the
// list of results is marked busy until they are all shown.
async function settled(page) {
  await page.waitForFunction(
    () => {
      const s = document.getElementById('search-status').textContent;
      return s && !s.includes('正在搜索');
    },
    null,
    { timeout: TIMEOUT },
  );
  await page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached', timeout: TIMEOUT });
}

function readResults(page) {
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    results: [...document.querySelectorAll('.search-result')].map((r) => {
      const a = r.querySelector('h2 a');
      return {
        title: a.textContent,
        href: a.href,
        facts: r.querySelector('.search-meta').textContent,
        parts: [...r.querySelectorAll('.search-hits > li')]
          .filter((li) => li.querySelector('a'))
          .map((li) => ({
            section: li.querySelector('a').textContent,
            href: li.querySelector('a').href,
            excerpt: li.querySelector('.search-excerpt').textContent,
            marked: [...li.querySelectorAll('.search-excerpt mark')].map((m) => m.textContent),
          })),
      };
    }),
  }));
}

async function search(page, step) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#search-filters:not([hidden])', { timeout: TIMEOUT });
  for (const [key, value] of Object.entries(step.filters || {})) {
    await page.selectOption(`#search-${key}`, value);
  }
  await page.fill('#search-q', step.q);
  await page.press('#search-q', 'Enter');
  await settled(page);
  if (step.all) {
    while (await page.isVisible('#search-more')) {
      const before = await page.locator('.search-result').count();
      await page.click('#search-more');
      await page.waitForFunction(
        (n) => document.querySelectorAll('.search-result').length > n,
        before,
        { timeout: TIMEOUT },
      );
    }
  }
  const out = { step, address: page.url(), ...(await readResults(page)) };
  if (step.axe) out.violations = await axe(page);
  if (step.follow && out.results.length) {
    const first = page.locator('.search-hits a').first();
    const marked = out.results[0].parts[0]?.marked[0] || '';
    await first.click();
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    out.followed = await page.evaluate((word) => {
      const id = decodeURIComponent(location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      // Where the marked words are on the page: the innermost element that holds them.
      let onScreen = false;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent.indexOf(word);
        if (at < 0 || !word) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + word.length);
        const box = range.getBoundingClientRect();
        if (box.bottom > 0 && box.top < window.innerHeight && box.width > 0) onScreen = true;
      }
      return {
        path: location.pathname,
        hash: location.hash,
        targetExists: Boolean(target),
        markedOnScreen: onScreen,
      };
    }, marked);
  }
  return out;
}

async function nojs(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: 'load' });
  const out = await page.evaluate(() => {
    const box = document.getElementById('search-fallback');
    return {
      visible: Boolean(box) && !box.hidden && box.getBoundingClientRect().height > 0,
      text: box ? box.innerText : '',
      links: box ? [...box.querySelectorAll('a')].map((a) => ({ text: a.textContent, href: a.href })) : [],
    };
  });
  const links = [];
  for (const l of out.links) {
    const r = await context.request.get(l.href);
    links.push({ ...l, status: r.status() });
  }
  await context.close();
  return { step: { nojs: true }, status: response.status(), ...out, links };
}

const browser = await launch();
const requests = [];
const outcomes = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const step of steps) {
    outcomes.push(step.nojs ? await nojs(browser) : await search(page, step));
  }
  const foreign = [...new Set(requests)].filter((r) => !r.startsWith(`${origin}/`));
  report({ steps: outcomes, requests: requests.length, foreign, errors });
} finally {
  await browser.close();
  if (server) server.close();
}
