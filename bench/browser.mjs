/**
 * The browser rows of the benchmark, in headless system Chromium (flags and
 * scratch TMPDIR from tests/e2e/harness.mjs):
 * - the wasm's latency and throughput (bench/wasm.html, cross-origin
 *   isolated so the clock ticks every 5 µs);
 * - the page (dist/www): cold start and keystroke → underline;
 * - the extension (dist/extension): keystroke → underline through content
 *   script → service worker → overlay, and service-worker wake → first result.
 *
 * Keystroke → underline is measured from the page's main world, which sees
 * the keydown events and the overlay's open shadow root in both cases: a
 * MutationObserver on the overlay's marks notes the first redraw after a
 * key that does not happen inside an input/key event's own task (those are
 * the underline module shifting the old findings with the edit); that redraw
 * is the fresh result, and the next animation frame is when it is on screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO, serve, launch, launchPersistent, pageMounts } from '../tests/e2e/harness.mjs';
import { quantile } from './lib/measure.mjs';

const HERE = path.join(REPO, 'bench');
/** Keys typed one at a time at the end of the 2,000-character draft. */
const KEYS = ' Thank you for your patience and have a nice day.';
/** Pause after each fresh underline before the next key (lets the frame settle). */
const SETTLE_MS = 30;

/** Main-world instrumentation: keys, fresh redraws of the overlay, the page's engine-worker traffic. */
export function instrument() {
  const B = (window.__tactfulBench = { keys: [], checks: [], responses: [], busy: 0, current: null, ready: null, firstResult: null });
  for (const type of ['keydown', 'keypress', 'input', 'keyup', 'beforeinput']) {
    window.addEventListener(type, (e) => {
      B.busy++;
      setTimeout(() => B.busy--, 0);
      if (type === 'keydown') {
        B.current = { key_at: e.timeStamp, draw_at: null, paint_at: null };
        B.keys.push(B.current);
      }
      if (type === 'input' && B.current && B.current.input_at == null) B.current.input_at = performance.now();
    }, true);
  }
  B.watch = (marks) => {
    if (B.observer) B.observer.disconnect();
    B.observer = new MutationObserver(() => {
      const k = B.current;
      if (!k || k.draw_at != null || B.busy > 0) return;
      k.draw_at = performance.now();
      requestAnimationFrame(() => { k.paint_at = performance.now(); });
    });
    B.observer.observe(marks, { childList: true, subtree: true });
  };
  // The page's engine worker: when its checks leave and come back, and a
  // check of our own posted first thing, answered once the engine is ready.
  const NativeWorker = window.Worker;
  if (!NativeWorker) return;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (event) => {
        const data = event.data || {};
        const now = performance.now();
        if (data.type === 'ready' && B.ready == null) B.ready = now;
        if (data.id === '__bench_cold') B.firstResult = now;
        else if (data.id != null) B.responses.push({ id: data.id, at: now });
      });
      if (String(url).includes('engine-worker')) {
        super.postMessage({ id: '__bench_cold', method: 'check', args: ['Thank you for your order. We will ship it today.', { marketplace: 'US' }] });
      }
    }

    postMessage(message, ...rest) {
      if (message && message.method === 'check') B.checks.push({ id: message.id, at: performance.now() });
      return super.postMessage(message, ...rest);
    }
  };
}

/** The marks layer of the overlay that draws `testid` marks (found by its open shadow root). */
export async function watchMarks(page, testid) {
  return page.evaluate((testid) => {
    for (const host of document.querySelectorAll('[data-tactful]')) {
      const marks = host.shadowRoot && host.shadowRoot.querySelector('.marks');
      if (marks && marks.querySelector(`[data-testid="${testid}"]`)) {
        window.__tactfulBench.watch(marks);
        return true;
      }
    }
    return false;
  }, testid);
}

/** Types KEYS one key at a time into the focused field, waiting for each fresh underline. */
export async function typeKeys(page) {
  let missed = 0;
  for (const key of KEYS) {
    const before = await page.evaluate(() => window.__tactfulBench.keys.length);
    await page.keyboard.type(key);
    const drawn = await page
      .waitForFunction((n) => {
        const k = window.__tactfulBench.keys[n];
        return k && k.paint_at != null;
      }, before, { timeout: 5000 })
      .then(() => true, () => false);
    if (!drawn) missed++;
    await page.waitForTimeout(SETTLE_MS);
  }
  const data = await page.evaluate(() => ({ keys: window.__tactfulBench.keys, checks: window.__tactfulBench.checks }));
  return { ...data, missed };
}

export function summarize(keys, afterOf) {
  const done = keys.filter((k) => k.paint_at != null);
  const total = done.map((k) => k.paint_at - k.key_at).sort((a, b) => a - b);
  const after = done.map(afterOf).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    keystrokes: done.length,
    p50_ms: quantile(total, 0.5),
    p95_ms: quantile(total, 0.95),
    after_debounce_p50_ms: quantile(after, 0.5),
    after_debounce_p95_ms: quantile(after, 0.95),
  };
}

/** The 2,000-character English draft, minus room for the typed keys. */
function draftHead(inputs) {
  return inputs.drafts.en[2000].slice(0, 2000 - KEYS.length);
}

/** Engine latency and throughput of the wasm in Chromium (cross-origin isolated page). */
export async function wasmInChromium(inputs, { quick }) {
  const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = await serve({ '/bench/': HERE, '/engine/': path.join(REPO, 'dist/www/engine') }, { headers: () => isolation });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const started = Date.now();
    await page.goto(server.url('/bench/wasm.html'));
    await page.waitForFunction(() => window.tactfulBench, null, { timeout: 20000 });
    const cold = await page.evaluate(() => window.tactfulBench.ready());
    const isolated = await page.evaluate(() => window.tactfulBench.isolated());
    const resolution_us = (await page.evaluate(() => window.tactfulBench.resolution())) * 1000;
    const cells = await page.evaluate(([inputs, quick]) => window.tactfulBench.latency(inputs, quick), [inputs, quick]);
    const throughput = await page.evaluate(([inputs, rounds]) => window.tactfulBench.throughput(inputs, rounds), [inputs, quick ? 10 : 100]);
    if (errors.length) throw new Error(`wasm bench page: ${errors.join('; ')}`);
    return { isolated, resolution_us, cold, cells, throughput, wall_s: (Date.now() - started) / 1000 };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The page: cold start (navigation → engine ready → first check answer) and keystroke → underline. */
export async function pageRows(inputs) {
  const server = await serve(pageMounts());
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto(server.url('/'));
    await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 30000 });
    await page.waitForFunction(() => window.__tactfulBench.firstResult != null, null, { timeout: 30000 });
    const cold = await page.evaluate(() => ({ engine_ready_ms: window.__tactfulBench.ready, first_result_ms: window.__tactfulBench.firstResult }));

    const reply = page.getByTestId('reply');
    await reply.fill(draftHead(inputs));
    const hasMarks = await page
      .waitForFunction(() => [...document.querySelectorAll('[data-tactful]')].some((h) => h.shadowRoot && h.shadowRoot.querySelector('.marks [data-testid="finding"]')), null, { timeout: 10000 })
      .then(() => true, () => false);
    if (!hasMarks) return { cold_start: cold, keystroke: { status: 'no findings drawn on the draft (is the checker merged?)' } };
    await watchMarks(page, 'finding');
    await reply.focus();
    await page.keyboard.press('Control+End');
    const { keys, checks, missed } = await typeKeys(page);
    // After the debounce: from the check leaving for the worker to the frame showing its answer.
    const afterOf = (k) => {
      const sent = checks.filter((c) => c.at >= k.key_at && c.at <= k.draw_at).pop();
      return sent ? k.paint_at - sent.at : NaN;
    };
    const debounce = afterDebounceOf(keys, checks);
    return { cold_start: cold, keystroke: { ...summarize(keys, afterOf), debounce_ms: debounce, missed } };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Median time from a key's input to the check the page sends for it: the page's debounce, as measured. */
function afterDebounceOf(keys, checks) {
  const gaps = keys
    .map((k) => {
      const sent = checks.find((c) => c.at >= (k.input_at ?? k.key_at));
      return sent && k.draw_at != null && sent.at <= k.draw_at ? sent.at - (k.input_at ?? k.key_at) : NaN;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return quantile(gaps, 0.5);
}

/** The underline module's debounce in the extension: its default, unless the content script passes one. */
function extensionDebounceMs(dir) {
  const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
  const passed = /debounceMs:\s*(\d+)/.exec(read('content/main.js'));
  const dflt = /debounceMs:\s*(\d+)/.exec(read('lib/underline.js'));
  return Number((passed || dflt || [])[1]) || null;
}

const FIXTURE = `<!doctype html><meta charset="utf-8"><title>Send message to buyer</title>
<style>body{font:14px sans-serif;margin:24px} textarea{width:720px;height:320px;font:14px/1.5 sans-serif}</style>
<h2>Send message to Sarah</h2><textarea id="reply" aria-label="Message"></textarea>`;

/**
 * The extension: keystroke → underline (content script → service worker →
 * overlay) on a Seller Central URL served from a fixture, and service
 * worker wake → first result (the worker stopped through the DevTools
 * protocol, then one check sent from the page).
 */
export async function extensionRows(inputs, dir = path.join(REPO, 'dist/extension')) {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) return { status: 'not built' };
  const context = await launchPersistent({ args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`], viewport: { width: 1280, height: 900 } });
  try {
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'chrome-extension:') return route.continue();
      if (url.hostname === 'sellercentral.amazon.com') return route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: FIXTURE });
      return route.abort('blockedbyclient');
    });
    const worker = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 20000 }));
    const extensionId = new URL(worker.url()).host;

    const page = await context.newPage();
    await page.addInitScript(instrument);
    await page.goto('https://sellercentral.amazon.com/messaging/reply?orderId=113-4827719-2290641');
    await page.waitForSelector('[data-tactful]', { state: 'attached', timeout: 20000 });
    const field = page.locator('#reply');
    await field.fill(draftHead(inputs));
    const hasMarks = await page
      .waitForFunction(() => [...document.querySelectorAll('[data-tactful]')].some((h) => h.shadowRoot && h.shadowRoot.querySelector('.marks [data-testid="finding"]')), null, { timeout: 15000 })
      .then(() => true, () => false);
    if (!hasMarks) return { status: 'no findings drawn on the draft' };
    await watchMarks(page, 'finding');
    await field.focus();
    await page.keyboard.press('Control+End');
    const debounce = extensionDebounceMs(dir);
    const { keys, missed } = await typeKeys(page);
    const keystroke = { ...summarize(keys, (k) => (debounce != null && k.input_at != null ? k.paint_at - k.input_at - debounce : NaN)), debounce_ms: debounce, missed };

    const wake = await serviceWorkerWake(context, page, extensionId, debounce);
    return { keystroke, cold_start: wake };
  } finally {
    await context.close();
  }
}

/**
 * Stops the extension's service worker (DevTools protocol, from one of the
 * extension's own pages, whose origin owns the registration), then types one
 * key in the Seller Central page: the time to that key's underline is wake +
 * wasm compile + engine build + check + overlay.
 */
async function serviceWorkerWake(context, page, extensionId, debounce) {
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/manifest.json`);
    const cdp = await context.newCDPSession(ext);
    const versions = new Map();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
      for (const v of list) versions.set(v.versionId, v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await ext.waitForTimeout(200);
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stopped = await waitFor(() => [...versions.values()].every((s) => s === 'stopped') && versions.size > 0, 5000);
    await cdp.detach();
    if (!stopped) return { status: 'could not stop the service worker' };
  } finally {
    await ext.close();
  }
  await page.bringToFront();
  await page.locator('#reply').focus();
  await page.keyboard.press('Control+End');
  const before = await page.evaluate(() => window.__tactfulBench.keys.length);
  await page.keyboard.type('!');
  const drawn = await page
    .waitForFunction((n) => { const k = window.__tactfulBench.keys[n]; return k && k.paint_at != null; }, before, { timeout: 20000 })
    .then(() => true, () => false);
  if (!drawn) return { status: 'no underline after waking the service worker' };
  const k = await page.evaluate((n) => window.__tactfulBench.keys[n], before);
  return { sw_wake_to_first_result_ms: k.paint_at - k.key_at, includes_debounce_ms: debounce };
}

async function waitFor(predicate, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return predicate();
}
