// Opens a page served by `nianbao serve` and reports, one JSON line per stage, what a person
// watching it would see while the Rust test edits the site:
//   ready   — the page is open (the test then edits the text);
//   edited  — the new text appeared by itself (a real reload: the page's own variable is gone);
//   broken  — after the test breaks a table, the error overlay and its text;
//   restarted — after the server is stopped and started again with other text, that text.
// Usage: node reload.mjs URL NEW_TEXT RESTART_TEXT
import { launch, report } from './lib.mjs';

const [url, newText, restartText] = process.argv.slice(2);
const TIMEOUT = 30000;

// Polls a condition in the page; a reload in between only means trying again.
async function until(page, fn, arg) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    try {
      const value = await page.evaluate(fn, arg);
      if (value) return value;
    } catch {
      // The page was navigating; evaluate again in the new document.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${fn}`);
}

const browser = await launch();
try {
  const page = await browser.newPage();
  // Counted inside the page, so that the count is in the document being looked at.
  await page.addInitScript(() => {
    sessionStorage.nianbaoLoads = String(Number(sessionStorage.nianbaoLoads || 0) + 1);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => {
    window.nianbaoBeforeEdit = true;
  });
  report({ stage: 'ready' });

  await until(page, (t) => document.body.innerText.includes(t), newText);
  const [kept, loads] = await page.evaluate(() => [
    window.nianbaoBeforeEdit === true,
    Number(sessionStorage.nianbaoLoads),
  ]);
  report({ stage: 'edited', reloads: loads - 1, keptOldDocument: kept });

  const error = await until(page, () => {
    const box = document.getElementById('nianbao-overlay');
    const pre = document.getElementById('nianbao-error');
    if (!box || !pre) return null;
    const r = box.getBoundingClientRect();
    const covers = r.width >= window.innerWidth && r.height >= window.innerHeight;
    return covers ? pre.textContent : null;
  });
  report({ stage: 'broken', error });

  await until(page, (t) => document.body.innerText.includes(t), restartText);
  const overlay = await page.evaluate(() => document.getElementById('nianbao-overlay') !== null);
  report({ stage: 'restarted', overlay });
} catch (e) {
  report({ stage: 'failed', message: String(e) });
  process.exitCode = 1;
} finally {
  await browser.close();
}
