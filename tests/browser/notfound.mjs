// Follows every link of the 404 page where readers meet it, driven by tests/it/reading.rs.
//
//   node notfound.mjs '<cases as JSON>'
//
// Each case is { site, prefix, address, js } — the built site served under `prefix` (`/` or a
// sub-path) and the missing `address` opened there — or { site, file: true, js } for 404.html
// opened from disk. `js` false opens the page with JavaScript off. For each case: the HTTP
// status, whether the page is styled, every link and stylesheet or icon it has (after its script,
// if any, has run) with what it leads to (an HTTP status, or whether the file exists), and any
// resource the page failed to load. Prints one JSON result for the Rust test to judge.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, report, serve } from './lib.mjs';

const cases = JSON.parse(process.argv[2]);
const browser = await launch();
const results = [];
try {
  for (const c of cases) {
    const server = c.file ? null : await serve(c.site, c.prefix);
    const url = c.file
      ? pathToFileURL(path.join(c.site, '404.html')).href
      : `http://127.0.0.1:${server.address().port}${c.address}`;
    const context = await browser.newContext({ javaScriptEnabled: c.js });
    const page = await context.newPage();
    const failed = [];
    page.on('requestfailed', (r) => failed.push(`${r.url().slice(0, 80)}: ${r.failure().errorText}`));
    page.on('response', (r) => {
      const type = r.request().resourceType();
      // The page itself is a 404; its script asks folders for 404.html on purpose.
      if (r.status() >= 400 && type !== 'document' && type !== 'fetch') failed.push(`${r.url()}: ${r.status()}`);
    });
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    const seen = await page.evaluate(() => ({
      styled: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
      links: [...document.querySelectorAll('a[href], link[href]')].map((el) => ({
        text: el.textContent.trim() || el.getAttribute('rel'),
        href: el.href,
      })),
    }));
    const here = url.split('#')[0];
    const links = [];
    for (const link of seen.links) {
      const target = link.href.split('#')[0];
      let leads;
      if (link.href.startsWith('data:')) leads = 'data';
      else if (target === here) leads = 'this page';
      else if (target.startsWith('file:')) {
        const file = fileURLToPath(target);
        leads = existsSync(file) && statSync(file).isFile() ? 'file' : 'missing file';
      } else if (target.startsWith('http://127.0.0.1:')) leads = (await fetch(target)).status;
      else leads = 'another site';
      links.push({ ...link, leads });
    }
    results.push({
      case: c,
      url,
      status: response ? response.status() : null,
      styled: seen.styled,
      links,
      failed,
    });
    await context.close();
    if (server) server.close();
  }
} finally {
  await browser.close();
}
report({ results });
