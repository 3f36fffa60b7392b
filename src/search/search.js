// 搜索页（search/index.html）：在读者的浏览器里用 Pagefind 的 JavaScript 接口查询网站自带的
// 索引（pagefind/），不连接任何服务器，也不请求别的网站。网站放在任何子路径下都能用：索引的位置
// 由本文件的地址推出。
//
// 每个结果是一份报告：标题、机关、年度，以及含有搜索词最多的几节（节标题链接到该节，摘要中
// 标出搜索词）。实际报告按相关程度排在前面，示例数据（sample: true 的机关）排在其后。筛选条件
// （机关、年度、行政层级、地区）来自索引；搜索词和筛选条件写在地址里（?q=…&year=…），可以收藏
// 或转发。
const $ = (id) => document.getElementById(id);
const form = document.querySelector('form.search-form');
const input = $('search-q');
const status = $('search-status');
const list = $('search-results');
const more = $('search-more');
const FILTERS = [
  { key: 'body', select: $('search-body'), order: (a, b) => a.localeCompare(b, 'zh-CN') },
  { key: 'year', select: $('search-year'), order: (a, b) => b.localeCompare(a) },
  { key: 'level', select: $('search-level'), order: (a, b) => a.localeCompare(b, 'zh-CN') },
  { key: 'region', select: $('search-region'), order: (a, b) => a.localeCompare(b, 'zh-CN') },
];
const PER_PAGE = 10;
// How many results of a search for words apart are read to see which hold the phrase.
const MAX_CHECKED = 100;
const HITS_PER_REPORT = 3;

let pagefind = null;
// Whether the site has both real reports and sample data (filter `sample`: 否 / 是).
let mixed = false;
let results = [];
let shown = 0;
let generation = 0;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

// Pagefind's excerpts escape < and > of the text (and nothing else).
function unescapeText(html) {
  return html.replace(/&lt;(?!\/?mark>)/g, '<').replace(/&gt;/g, '>');
}

// An excerpt as Pagefind gives it ("…<mark>词</mark>…"), as text with the marked words in
// <mark>, never as HTML.
function excerpt(html) {
  const p = element('p', 'search-excerpt');
  const parts = unescapeText(html.replace(/<\/mark><mark>/g, '')).split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part && marked) {
      // Pagefind marks a word with the space after it.
      const word = part.trimEnd();
      p.append(element('mark', '', word), part.slice(word.length));
    } else if (part) p.append(part);
  }
  return p;
}

// Appends a text fragment (#…:~:text=) for the first marked words of an excerpt, with the
// words beside them in the same run of text, so that the browser scrolls to the paragraph or
// table row and highlights them. Where the text is not found, the browser goes to the section
// as the address says.
function withTextFragment(url, html) {
  const flat = unescapeText(html.replace(/<\/mark><mark>/g, ''));
  const m = /<mark>([^<]+)<\/mark>/.exec(flat);
  if (!m) return url;
  const plain = (s) => s.replace(/<\/?mark>/g, '');
  const before = plain(flat.slice(0, m.index)).split(/[\s…]/).pop().slice(-10);
  const after = plain(flat.slice(m.index + m[0].length)).split(/[\s…]/)[0].slice(0, 10);
  const enc = (s) => encodeURIComponent(s).replace(/-/g, '%2D');
  let directive = enc(m[1].trim());
  if (before) directive = `${enc(before)}-,${directive}`;
  if (after) directive = `${directive},-${enc(after)}`;
  return `${url}${url.includes('#') ? '' : '#'}:~:text=${directive}`;
}

function first(filters, key) {
  const values = filters && filters[key];
  return values && values.length ? values[0] : '';
}

function renderResult(data) {
  const item = element('li', 'search-result');
  const heading = element('h2');
  const link = element('a', '', data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const year = first(data.filters, 'year');
  const facts = [
    first(data.filters, 'body'),
    year ? `${year} 年` : '',
    first(data.filters, 'level'),
    first(data.filters, 'region'),
  ].filter(Boolean);
  item.append(heading, element('p', 'search-meta', facts.join(' · ')));
  const hits = element('ul', 'search-hits');
  const subs = data.sub_results && data.sub_results.length ? data.sub_results : [data];
  // The parts with the most weight of matches, in the order of the report.
  const score = (s) => (s.weighted_locations || []).reduce((sum, l) => sum + l.balanced_score, 0);
  const best = subs
    .map((s, i) => ({ s, i, score: score(s) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, HITS_PER_REPORT)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
  for (const sub of best) {
    const hit = element('li');
    const title = sub.anchor ? sub.title : '报告开头';
    const a = element('a', 'search-section', title);
    a.href = withTextFragment(sub.url, sub.excerpt);
    hit.append(a, excerpt(sub.excerpt));
    hits.append(hit);
  }
  if (subs.length > HITS_PER_REPORT) {
    hits.append(element('li', 'search-also', `另有 ${subs.length - HITS_PER_REPORT} 处`));
  }
  item.append(hits);
  return item;
}

async function showMore() {
  const batch = results.slice(shown, shown + PER_PAGE);
  const mine = generation;
  const data = await Promise.all(batch.map((r) => r.loaded || r.data()));
  if (mine !== generation) return;
  for (const d of data) list.append(renderResult(d));
  shown += batch.length;
  more.hidden = shown >= results.length;
}

function chosenFilters() {
  const chosen = {};
  for (const f of FILTERS) if (f.select.value) chosen[f.key] = f.select.value;
  return chosen;
}

function remember(term) {
  const params = new URLSearchParams();
  if (term) params.set('q', term);
  for (const [k, v] of Object.entries(chosenFilters())) params.set(k, v);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

async function run() {
  const mine = ++generation;
  const term = input.value.trim();
  remember(term);
  list.replaceChildren();
  more.hidden = true;
  results = [];
  shown = 0;
  if (!term) {
    status.textContent = '';
    list.removeAttribute('aria-busy');
    return;
  }
  status.textContent = '正在搜索……';
  list.setAttribute('aria-busy', 'true');
  const filters = chosenFilters();
  const parts = term.replace(/"/g, ' ').split(/\s+/).filter(Boolean);
  // Chinese is written without spaces, so words typed together are a phrase: Pagefind looks
  // for its words side by side ("…"). Where the dictionary split the page's text into other
  // words than the query's (国务院办公厅 in 和国务院办公厅), or for several phrases, it looks
  // for the words anywhere, and only the reports whose text holds every phrase are kept.
  let found = parts.length === 1 ? await find(`"${parts[0]}"`, filters) : [];
  let unchecked = 0;
  if (!found.length) {
    const candidates = await find(parts.join(' '), filters);
    const checked = await Promise.all(candidates.slice(0, MAX_CHECKED).map((r) => r.data()));
    unchecked = Math.max(0, candidates.length - MAX_CHECKED);
    found = checked.filter((d) => holds(d.content, parts)).map((d) => ({ loaded: d }));
  }
  if (mine !== generation) return;
  results = found;
  const narrowed = Object.keys(filters).length > 0;
  if (results.length) await showMore();
  if (mine !== generation) return;
  const note = unchecked ? `（另有 ${unchecked} 份较不相关的报告未核对，可以多写几个字缩小范围）` : '';
  status.textContent = results.length
    ? `找到 ${results.length} 份含有“${term}”的报告${narrowed ? '（已筛选）' : ''}。${note}`
    : `没有找到含有“${term}”的报告。${narrowed ? '可以减少筛选条件，或' : '可以'}换一个词、少写几个字再试。`;
  list.removeAttribute('aria-busy');
}

// Whether a page's text holds every phrase, spaces aside.
function holds(content, parts) {
  const flat = (s) => s.replace(/\s+/g, '').toLocaleLowerCase();
  const text = flat(content);
  return parts.every((p) => text.includes(flat(p)));
}

// The results for `term`: real reports first, then sample data, each by relevance.
async function find(term, filters) {
  const passes = mixed ? [{ ...filters, sample: '否' }, { ...filters, sample: '是' }] : [filters];
  const found = await Promise.all(passes.map((f) => pagefind.search(term, { filters: f })));
  return found.flatMap((s) => (s ? s.results : []));
}

function fillFilters(available) {
  const params = new URLSearchParams(location.search);
  mixed = Boolean(available.sample && available.sample['否'] && available.sample['是']);
  for (const f of FILTERS) {
    const counts = available[f.key] || {};
    for (const value of Object.keys(counts).filter(Boolean).sort(f.order)) {
      const option = element('option', '', `${f.key === 'year' ? `${value} 年` : value}（${counts[value]}）`);
      option.value = value;
      f.select.append(option);
    }
    const wanted = params.get(f.key);
    if (wanted && counts[wanted]) f.select.value = wanted;
  }
}

async function start() {
  try {
    pagefind = await import(new URL('../pagefind/pagefind.js', import.meta.url).href);
    await pagefind.init();
    fillFilters(await pagefind.filters());
  } catch (e) {
    $('search-fallback-why').textContent =
      '无法加载搜索索引，请稍后再试（直接从磁盘打开的网页不能搜索，须经由网站访问）。也可以按机关或年度查看全部报告：';
    return;
  }
  $('search-fallback').hidden = true;
  $('search-filters').hidden = false;
  let timer = 0;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  for (const f of FILTERS) f.select.addEventListener('change', run);
  more.addEventListener('click', () => showMore());
  input.value = new URLSearchParams(location.search).get('q') || '';
  if (input.value.trim()) run();
}

start();
