// End-to-end tests of the browser extension (dist/extension, assembled by
// `make build`): the unpacked extension loaded into headless Chromium in a
// persistent context, with fixture pages served AT the real Seller Central
// URLs through context.route(), so the content script runs on its real
// match patterns and nothing reaches a network. Every request that is not
// a fixture (or the extension's own chrome-extension:// files) is aborted
// and fails the test that made it.
//
// Expectations that need the real engine (intents, the German reply, the
// e-mail finding) are concrete here; they come from the issue texts and
// tests/e2e/messages.json, shared with the page's tests.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO, launchPersistent, screenshot, textRect } from './harness.mjs';

/** The unpacked extension under test: dist/extension, or $TACTFUL_EXTENSION_DIR (another build of it). */
const EXT = process.env.TACTFUL_EXTENSION_DIR || path.join(REPO, 'dist/extension');
const FIXTURES = path.join(REPO, 'tests/e2e/fixtures/extension');
const CASES = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/e2e/messages.json'), 'utf8')).cases;
const GERMAN = CASES.find((c) => c.lang === 'de');
const A_TO_Z = "The charger arrived broken, I want a refund or I'll open an A-to-z claim";
const HOSTILE = '<img src=x onerror="window.__pwned=1"> Where is my order 113-4455667-2233445? <script>window.__pwned=2</script><svg onload="window.__pwned=3">';
const CJK = /[\u3400-\u9fff]/;

const STRICT_CSP = "script-src 'self'; object-src 'none'";
/** The fixture pages, by URL (origin + path). */
const PAGES = {
  'https://sellercentral.amazon.com/messaging/contact': { file: 'contact-buyer.html' },
  'https://sellercentral.amazon.com/messaging/contact-strict': { file: 'contact-buyer.html', headers: { 'content-security-policy': STRICT_CSP } },
  'https://sellercentral.amazon.de/messaging/thread': { file: 'messages.html', buyer: GERMAN.text, reply: 'kat' },
  'https://sellercentral.amazon.com/messaging/thread': { file: 'messages.html', buyer: HOSTILE, reply: 'plain' },
};
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

if (!fs.existsSync(path.join(EXT, 'manifest.json')) || !fs.existsSync(path.join(EXT, 'engine/tactful_bg.wasm'))) {
  throw new Error('dist/extension is missing or has no engine: run `make build` first.');
}
const { SELLER_CENTRAL_HOSTS } = await import(pathToFileURL(path.join(EXT, 'hosts.js')).href);
const HOSTS = SELLER_CENTRAL_HOSTS.map((h) => h.host);

let context;
let extensionId;
let worker;
/** Requests that were neither a fixture nor the extension's own files. */
const offenders = [];

function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function serveFixture(route) {
  const url = new URL(route.request().url());
  if (url.protocol === 'chrome-extension:') return route.continue();
  if (url.protocol === 'https:' && HOSTS.includes(url.hostname)) {
    const page = PAGES[`${url.origin}${url.pathname}`];
    if (page) {
      let body = fs.readFileSync(path.join(FIXTURES, page.file), 'utf8');
      if (page.buyer !== undefined) body = body.replace('{{BUYER_MESSAGE}}', escapeAttribute(page.buyer)).replace('{{REPLY_FIELD}}', page.reply);
      return route.fulfill({ status: 200, headers: { 'content-type': MIME['.html'], ...(page.headers || {}) }, body });
    }
    const asset = url.pathname.match(/^\/tactful-fixtures\/([\w.-]+)$/);
    if (asset && fs.existsSync(path.join(FIXTURES, asset[1]))) {
      return route.fulfill({ status: 200, headers: { 'content-type': MIME[path.extname(asset[1])] || 'text/plain' }, body: fs.readFileSync(path.join(FIXTURES, asset[1])) });
    }
  }
  offenders.push(url.href);
  return route.abort('blockedbyclient');
}

test.before(async () => {
  context = await launchPersistent({
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  await context.route('**/*', serveFixture);
  context.on('request', (request) => {
    const url = request.url();
    if (/^(chrome-extension|data|blob):/.test(url)) return;
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:' || !HOSTS.includes(hostname)) offenders.push(url);
  });
  worker = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  extensionId = new URL(worker.url()).host;
});

test.after(async () => {
  await context?.close();
});

/** Every test starts from empty settings and ends having sent nothing anywhere. */
async function fresh() {
  await worker.evaluate(() => chrome.storage.local.clear());
  offenders.length = 0;
}

async function finish(...pages) {
  for (const page of pages) {
    const pwned = await page.evaluate(() => window.__pwned ?? null).catch(() => null);
    assert.equal(pwned, null, 'no buyer or page text executed');
    const status = await page.evaluate(() => {
      const node = document.querySelector('[data-tactful="assistant"]')?.shadowRoot.querySelector('[data-testid="status"]');
      return node && node.getAttribute('data-kind') === 'error' ? node.textContent : null;
    });
    assert.equal(status, null, 'the assistant reported no error');
    await page.close();
  }
  assert.deepEqual(offenders, [], 'no request left the browser');
}

/** Opens a fixture page and waits for the content script's assistant. */
async function openSellerCentral(url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForSelector('[data-tactful="assistant"]', { state: 'attached', timeout: 15000 });
  return { page, problems };
}

async function openPanel() {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 20000 });
  return { page, problems };
}

/** The assistant's host attribute (data-paused, data-marketplace, …). */
function assistantAttr(page, name) {
  return page.getAttribute('[data-tactful="assistant"]', name);
}

function overlayFindings(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .flatMap((h) => [...h.shadowRoot.querySelectorAll('[data-testid="finding"]')])
    .map((m) => {
      const r = m.getBoundingClientRect();
      return { category: m.dataset.category, severity: m.dataset.severity, start: +m.dataset.start, end: +m.dataset.end, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
}

/** The kat-textarea's own state, what its textarea shows, and what its input listener saw. */
function hostField(page, selector = 'kat-textarea') {
  return page.evaluate((sel) => {
    const k = document.querySelector(sel);
    return { state: k.value, shown: k.textarea.value, inputs: (window.__katInputs || []).slice(), sent: window.__sent || [] };
  }, selector);
}

/**
 * Runs `expression` in the content script's isolated world (Chrome DevTools
 * Protocol), where chrome.runtime and the content script's modules live.
 */
async function inContentScript(page, expression) {
  const cdp = await context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const frameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
  const isolated = contexts.find((c) => c.origin === `chrome-extension://${extensionId}` && c.auxData && c.auxData.frameId === frameId);
  assert.ok(isolated, 'the content script runs in the page');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: isolated.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(`in the content script: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
  return result.value;
}

test('messenger: calls made in one task travel as one message; a stale answer is dropped, never delivered', async () => {
  const { createMessenger, StaleError } = await import(pathToFileURL(path.join(EXT, 'content/messenger.js')).href);
  const sent = [];
  const gates = [];
  const messenger = createMessenger((message) => {
    sent.push(message);
    return new Promise((resolve) => gates.push(() => resolve({ results: message.calls.map((c) => ({ ok: true, value: `${c.method}:${c.args[0]}` })) })));
  });
  const a = messenger.call('field-1', 'check', 'one');
  const b = messenger.call('thread', 'suggest', 'two');
  await Promise.resolve();
  assert.equal(sent.length, 1, 'one message for two calls in the same task');
  assert.deepEqual(sent[0], { kind: 'tactful/calls', calls: [{ method: 'check', args: ['one'] }, { method: 'suggest', args: ['two'] }] });
  // field-1 asks again before the first answer arrives: the first answer is stale.
  const c = messenger.call('field-1', 'check', 'three');
  await Promise.resolve();
  assert.equal(sent.length, 2);
  gates[0]();
  await assert.rejects(a, StaleError);
  assert.equal(await b, 'suggest:two');
  gates[1]();
  assert.equal(await c, 'check:three');
  assert.equal(messenger.roundTrips().length, 2, 'one round trip measured per message');

  // An engine error reaches the caller as an Error with the engine's message.
  const failing = createMessenger(async (message) => ({ results: message.calls.map(() => ({ ok: false, error: 'invalid check context: unknown field' })) }));
  await assert.rejects(failing.call('x', 'check', ''), /invalid check context/);
});

test('manifest: MV3 for Chromium and Firefox, least privilege, Seller Central hosts only, wasm-only CSP', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'manifest.json'), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.service_worker, 'background.js');
  assert.deepEqual(manifest.background.scripts, ['background.js']);
  assert.equal(manifest.background.type, 'module');
  assert.match(manifest.browser_specific_settings.gecko.id, /^[\w.-]+@[\w.-]+$/);
  assert.deepEqual([...manifest.permissions].sort(), ['sidePanel', 'storage']);
  assert.equal(manifest.optional_permissions, undefined);
  const patterns = HOSTS.map((h) => `https://${h}/*`);
  assert.equal(HOSTS.length, 14, 'every marketplace host in toolchain.md');
  assert.deepEqual(manifest.host_permissions, patterns);
  assert.deepEqual(manifest.content_scripts.map((c) => c.matches), [patterns]);
  assert.deepEqual(manifest.web_accessible_resources.map((w) => w.matches), [patterns]);
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  const text = JSON.stringify(manifest);
  assert.doesNotMatch(text, /<all_urls>|"tabs"|\*:\/\/\*|http:\/\//);
  for (const file of [manifest.background.service_worker, manifest.side_panel.default_path, ...manifest.content_scripts[0].js, ...Object.values(manifest.icons)]) {
    assert.ok(fs.existsSync(path.join(EXT, file)), `${file} is in dist/extension`);
  }
});

/**
 * The only warnings web-ext may report: Firefox naming the Chromium-only
 * parts the issue requires (the service worker key beside
 * background.scripts, the sidePanel permission, and the one guarded
 * chrome.sidePanel call that makes the toolbar button open the panel).
 * The Firefox zip (scripts/package-extension.sh) drops the first two.
 */
const EXPECTED_LINT_WARNINGS = new Set([
  'BACKGROUND_SERVICE_WORKER_IGNORED /background/service_worker',
  'MANIFEST_PERMISSIONS sidePanel',
  'UNSUPPORTED_API sidePanel.setPanelBehavior',
]);

function lintWarningKey(m) {
  if (m.code === 'BACKGROUND_SERVICE_WORKER_IGNORED') return `${m.code} /background/service_worker`;
  if (m.code === 'MANIFEST_PERMISSIONS' && /"sidePanel"/.test(m.message)) return `${m.code} sidePanel`;
  if (m.code === 'UNSUPPORTED_API' && /^sidePanel\.setPanelBehavior /.test(m.message)) return `${m.code} sidePanel.setPanelBehavior`;
  return `${m.code} ${m.message} (${m.file || ''})`;
}

test('web-ext lint: no errors, no notices, no warnings but the Chromium-only keys Firefox ignores', async () => {
  const bin = path.join(REPO, 'node_modules/.bin/web-ext');
  let stdout;
  try {
    ({ stdout } = await promisify(execFile)(bin, ['lint', '--source-dir', EXT, '--output', 'json', '--no-config-discovery'], { maxBuffer: 16 << 20 }));
  } catch (error) {
    // web-ext exits non-zero when it finds errors; the report is still on stdout.
    stdout = error.stdout;
    if (!stdout) throw error;
  }
  const report = JSON.parse(stdout);
  const describe = (list) => list.map((m) => `${m.code}: ${m.message} (${m.file || ''})`);
  assert.deepEqual(describe(report.errors), [], 'errors');
  assert.deepEqual(describe(report.notices), [], 'notices');
  assert.deepEqual(report.warnings.map(lintWarningKey).filter((k) => !EXPECTED_LINT_WARNINGS.has(k)), [], 'unexpected warnings');
});

test('contact-buyer page: an e-mail address typed into the kat-textarea is underlined on its characters, fixed so the host sees it, and undone', async () => {
  await fresh();
  const { page, problems } = await openSellerCentral('https://sellercentral.amazon.com/messaging/contact?orderID=113-1234567-1234567');
  const field = page.locator('.contact-buyer-text-area kat-textarea textarea');
  await field.click();
  const draft = 'Hello Jane, please email me at jane.doe@example.com about the order.';
  await page.keyboard.type(draft, { delay: 15 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 20000 });
  const found = await overlayFindings(page);
  const email = found.find((f) => f.category === 'contact_info' && draft.slice(f.start, f.end).includes('@'));
  assert.ok(email, `a contact_info finding on the address (got ${JSON.stringify(found.map((f) => [f.category, draft.slice(f.start, f.end)]))})`);
  assert.match(draft.slice(email.start, email.end), /jane\.doe@example\.com/, `the finding covers "${draft.slice(email.start, email.end)}"`);
  assert.equal(email.severity, 'block');
  const text = await textRect(page, '.contact-buyer-text-area kat-textarea', email.start, email.end);
  assert.ok(Math.abs(email.left - text.left) <= 1.5 && Math.abs(email.right - text.right) <= 1.5, `underline x ${email.left}..${email.right} vs text ${text.left}..${text.right}`);
  assert.ok(Math.abs((email.top + email.bottom) / 2 - text.centerY) <= 3, 'the underline is on the text line');
  assert.ok(!(await page.evaluate(() => document.querySelector('kat-textarea').shadowRoot.querySelector('[data-tactful]'))), 'nothing inserted into the host component');

  // The hover card offers the fix; clicking it goes through the host's own input listener.
  await page.mouse.move((email.left + email.right) / 2, (email.top + email.bottom) / 2);
  const card = page.locator('[data-tactful="overlay"] [role="tooltip"]:visible');
  await card.waitFor({ timeout: 5000 });
  await screenshot(page, 'extension-contact-card');
  await card.locator('button').first().click();
  await page.waitForFunction(() => !document.querySelector('kat-textarea').value.includes('jane.doe@example.com'));
  const fixed = await hostField(page);
  assert.equal(fixed.shown, fixed.state, 'the component state holds the fixed text');
  assert.equal(fixed.inputs.at(-1), fixed.state, "the host's input listener saw the new value");
  await page.evaluate(() => window.katRerender());
  assert.equal((await hostField(page)).shown, fixed.state, 'a re-render from the component state keeps the fix');

  await page.keyboard.press('Control+z');
  await page.waitForFunction((d) => document.querySelector('kat-textarea').value === d, draft);
  assert.equal((await hostField(page)).inputs.at(-1), draft, 'undo restores the draft, and the host saw it');

  // The opted-out field (data-gramm="false") is never checked.
  await page.fill('#opted-out', 'call me on +1 555 0100 or write to me@example.com');
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-tactful="overlay"]').length), 1, 'one overlay: the reply box; none for the opted-out field');
  assert.deepEqual((await hostField(page)).sent, [], 'nothing was sent');
  assert.deepEqual(problems, []);
  await finish(page);
});

test('no thread on the page: the seller selects the buyer\'s text and presses "Read selection"', async () => {
  await fresh();
  const { page, problems } = await openSellerCentral('https://sellercentral.amazon.com/messaging/contact?orderID=113-1234567-1234567');
  const assistant = page.locator('[data-tactful="assistant"]');
  assert.equal(await assistant.locator('[data-testid="intent"]').isVisible(), false, 'nothing read yet');
  assert.equal(await assistant.locator('[data-testid="insert-reply"]').isDisabled(), true, 'nothing to insert yet');
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('forwarded-message'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await assistant.locator('[data-testid="read-selection"]').click();
  await page.waitForFunction((text) => document.querySelector('[data-tactful="assistant"]').shadowRoot.querySelector('[data-testid="buyer-quote"]').textContent === text, A_TO_Z, { timeout: 20000 });
  assert.equal(await page.evaluate(() => String(getSelection())), A_TO_Z, 'the seller\'s selection survives the click');
  const intent = await assistant.locator('[data-testid="intent"]').getAttribute('data-intent');
  assert.ok(['damaged_defective', 'refund_request'].includes(intent), `intent ${intent}`);
  const risks = await assistant.locator('[data-testid="risk"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-risk')));
  assert.ok(risks.includes('a_to_z'), `risks ${risks}`);

  await assistant.locator('[data-testid="insert-reply"]').click();
  await page.waitForFunction(() => document.querySelector('kat-textarea').value.length > 40, null, { timeout: 10000 });
  const box = await hostField(page);
  assert.equal(box.inputs.at(-1), box.state, "the host's input listener saw the inserted reply");
  assert.match(box.state, /\b(you|your|we)\b/i, `an English reply: ${box.state}`);
  assert.doesNotMatch(box.state, /\{order_id\}/, 'the order id comes from the page URL');
  assert.deepEqual(box.sent, [], 'inserting never sends');
  assert.deepEqual(problems, []);
  await finish(page);
});

test('a page with a strict CSP (script-src \'self\') still gets checks: the wasm runs in the service worker; round-trip time', async () => {
  await fresh();
  const { page, problems } = await openSellerCentral('https://sellercentral.amazon.com/messaging/contact-strict?orderID=113-1234567-1234567');
  const rtt = await inContentScript(page, `(async () => {
    const { messenger } = await import(chrome.runtime.getURL('content/messenger.js'));
    const draft = 'Hello, we have shipped your order today; it arrives on Friday. Email me at x@y.com.';
    const times = [];
    let findings = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      const result = await messenger.call('benchmark', 'check', draft + ' '.repeat(i % 2), { marketplace: 'US' });
      times.push(performance.now() - t0);
      findings = result.findings;
    }
    times.sort((a, b) => a - b);
    return { median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)], n: times.length, categories: findings.map((f) => f.category) };
  })()`);
  console.log(`# content script -> service worker check round trip: median ${rtt.median.toFixed(2)} ms, p90 ${rtt.p90.toFixed(2)} ms over ${rtt.n} calls (strict-CSP page)`);
  assert.equal(rtt.n, 40);
  assert.ok(rtt.categories.includes('contact_info'), `the engine answered through the service worker (${rtt.categories})`);

  // And in place: underlines appear in the kat-textarea on this page too.
  await page.locator('kat-textarea textarea').click();
  await page.keyboard.type('Write to me at x@y.com', { delay: 10 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 20000 });
  assert.deepEqual(problems, []);
  await finish(page);
});

test('messages page (.de): thread and reply box render late; the intent shows beside the thread; "Insert suggested reply" fills the box in German and sends nothing', async () => {
  await fresh();
  const { page, problems } = await openSellerCentral('https://sellercentral.amazon.de/messaging/thread?threadId=42');
  const intent = page.locator('[data-tactful="assistant"] [data-testid="intent"]');
  await page.waitForFunction(() => {
    const host = document.querySelector('[data-tactful="assistant"]');
    const node = host && host.shadowRoot.querySelector('[data-testid="intent"]');
    return node && node.getAttribute('data-intent');
  }, null, { timeout: 20000 });
  const read = await intent.getAttribute('data-intent');
  assert.ok(GERMAN.intent_any.includes(read), `intent ${read}, expected one of ${GERMAN.intent_any}`);
  const risks = await page.locator('[data-tactful="assistant"] [data-testid="risk"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-risk')));
  for (const r of GERMAN.risks_include) assert.ok(risks.includes(r), `risk ${r} shown (got ${risks})`);
  assert.equal(await page.locator('[data-tactful="assistant"] .lang').getAttribute('data-lang'), 'de');
  assert.equal(await assistantAttr(page, 'data-marketplace'), 'DE', 'the .de host stands for the DE marketplace');

  await page.waitForSelector('.reply-box kat-textarea', { timeout: 5000 });
  const insert = page.locator('[data-tactful="assistant"] [data-testid="insert-reply"]');
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-tactful="assistant"]').shadowRoot.querySelector('[data-testid="insert-reply"]');
    return b && !b.disabled;
  }, null, { timeout: 10000 });
  await insert.click();
  await page.waitForFunction(() => document.querySelector('.reply-box kat-textarea').value.length > 40, null, { timeout: 10000 });
  const box = await hostField(page, '.reply-box kat-textarea');
  assert.equal(box.shown, box.state, 'the component state holds the inserted reply');
  assert.equal(box.inputs.at(-1), box.state, "the host's input listener saw the inserted reply");
  assert.match(box.state, /\b(Sie|Ihre?n?|Ihnen|wir|Bestellung|Paket|Sendung)\b/, `German reply: ${box.state}`);
  assert.doesNotMatch(box.state, /\b(your|the order|we will|thank you)\b/i, 'no English in the German reply');
  assert.deepEqual(box.sent, [], 'inserting never sends');
  await screenshot(page, 'extension-thread-de', { fullPage: true });

  // The inserted reply is checked in place like typed text: no blocking finding.
  await page.waitForTimeout(600);
  const blocking = (await overlayFindings(page)).filter((f) => f.severity === 'block' && f.category !== 'placeholder');
  assert.deepEqual(blocking, [], 'the suggested reply is compliant');
  assert.deepEqual(problems, []);
  await finish(page);
});

test('hostile buyer text in the thread is shown as text and never executes; a plain <textarea> reply box is checked', async () => {
  await fresh();
  const { page, problems } = await openSellerCentral('https://sellercentral.amazon.com/messaging/thread?threadId=666');
  await page.waitForFunction((text) => {
    const host = document.querySelector('[data-tactful="assistant"]');
    const quote = host && host.shadowRoot.querySelector('[data-testid="buyer-quote"]');
    return quote && quote.textContent === text;
  }, HOSTILE, { timeout: 20000 });
  const injected = await page.evaluate(() => {
    const root = document.querySelector('[data-tactful="assistant"]').shadowRoot;
    return root.querySelectorAll('img, script, svg:not(.risk svg), iframe, a').length;
  });
  assert.equal(injected, 0, 'no element built from the buyer text');

  // This thread's reply box is a plain <textarea> (older markup): checked in place too.
  const reply = page.locator('.reply-box textarea');
  await reply.click();
  await page.keyboard.type('Sorry! Write to me at help@shop.example and I will sort it out.', { delay: 5 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 20000 });
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await finish(page);
});

test('the side panel works opened as a tab: paste, classification, suggestion, in-place check; a failed template import changes nothing', async () => {
  await fresh();
  const { page, problems } = await openPanel();
  await page.getByTestId('buyer-message').fill(A_TO_Z);
  await page.waitForFunction(() => document.querySelector('[data-testid="intent"]').getAttribute('data-intent'), null, { timeout: 20000 });
  const intent = await page.getByTestId('intent').getAttribute('data-intent');
  assert.ok(['damaged_defective', 'refund_request'].includes(intent), `intent ${intent}`);
  assert.ok((await page.getByTestId('risk').evaluateAll((els) => els.map((e) => e.getAttribute('data-risk')))).includes('a_to_z'));
  await page.waitForFunction(() => document.querySelector('[data-testid="reply"]').value.trim().length > 40, null, { timeout: 20000 });

  await page.getByTestId('reply').fill('Hello, email me at x@y.com');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 20000 });
  await screenshot(page, 'extension-sidepanel', { fullPage: true });
  await page.setViewportSize({ width: 400, height: 900 });
  await screenshot(page, 'extension-sidepanel-narrow', { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Settings live in chrome.storage.local (shared with the content script), not only in the panel.
  await page.getByTestId('marketplace').selectOption('UK');
  await page.waitForFunction(async () => (await chrome.storage.local.get('tactful.settings.v1'))['tactful.settings.v1']?.marketplace === 'UK');

  // A broken template set is refused with a readable error and stores nothing.
  const before = await page.evaluate(async () => (await chrome.storage.local.get(null)));
  await page.click('#open-settings');
  await page.setInputFiles('#import-templates', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "templates": [{"id": 7}]') });
  await page.waitForSelector('#templates-status[data-kind="error"]', { timeout: 10000 });
  assert.deepEqual(await page.evaluate(async () => (await chrome.storage.local.get(null))), before, 'a failed import changes nothing');
  assert.deepEqual(problems, []);
  await finish(page);
});

test('settings saved in the side panel reach the content script: marketplace, UI language, per-site pause (and back)', async () => {
  await fresh();
  const { page } = await openSellerCentral('https://sellercentral.amazon.com/messaging/contact?orderID=113-1234567-1234567');
  const panel = (await openPanel()).page;
  assert.equal(await assistantAttr(page, 'data-marketplace'), 'US', 'before any choice, the host decides');

  await panel.getByTestId('marketplace').selectOption('DE');
  await page.waitForFunction(() => document.querySelector('[data-tactful="assistant"]').getAttribute('data-marketplace') === 'DE', null, { timeout: 5000 });

  await panel.getByTestId('ui-language').selectOption('zh');
  await page.waitForFunction(() => document.querySelector('[data-tactful="assistant"]').getAttribute('data-ui-language') === 'zh', null, { timeout: 5000 });
  assert.match(await page.locator('[data-tactful="assistant"] [data-testid="insert-reply"]').textContent(), CJK, 'the widget speaks Chinese');

  // Pause this site from the panel: the underlines go, the widget says so.
  await page.locator('kat-textarea textarea').click();
  await page.keyboard.type('Hello, we shipped it.', { delay: 5 });
  await page.waitForFunction(() => document.querySelectorAll('[data-tactful="overlay"]').length >= 1);
  await panel.click('#open-settings');
  const toggle = panel.locator('[data-testid="site-toggle"][data-host="sellercentral.amazon.com"]');
  assert.equal(await toggle.isChecked(), true);
  await screenshot(panel, 'extension-sidepanel-sites');
  await toggle.uncheck();
  await page.waitForFunction(() => document.querySelector('[data-tactful="assistant"]').getAttribute('data-paused') === 'true', null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-tactful="overlay"]').length), 0, 'no overlay while paused');
  await screenshot(page, 'extension-paused');

  // Resume from the page's own button: the panel's switch follows.
  await page.locator('[data-tactful="assistant"] [data-testid="pause"]').click();
  await page.waitForFunction(() => document.querySelector('[data-tactful="assistant"]').getAttribute('data-paused') === 'false', null, { timeout: 5000 });
  await panel.waitForFunction(() => document.querySelector('[data-testid="site-toggle"][data-host="sellercentral.amazon.com"]').checked, null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-tactful="overlay"]').length >= 1, null, { timeout: 5000 });

  // The host page's broad CSS does not reach the widget.
  const style = await page.evaluate(() => {
    const b = document.querySelector('[data-tactful="assistant"]').shadowRoot.querySelector('[data-testid="insert-reply"]');
    const cs = getComputedStyle(b);
    return { background: cs.backgroundColor, size: cs.fontSize };
  });
  assert.notEqual(style.background, 'rgb(196, 0, 0)');
  assert.notEqual(style.size, '22px');
  await finish(page, panel);
});
