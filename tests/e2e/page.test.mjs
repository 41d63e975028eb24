// End-to-end tests of the static page (www/, assembled with the engine as
// dist/www by `make build`) in headless Chromium, served on 127.0.0.1.
// They drive the page only through its stable hooks (data-testid) and
// visible controls, and need the real engine: the expectations come from
// the issue texts (e.g. the A-to-z example) and tests/e2e/messages.json.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, serve, launch, pageMounts, watchOffOrigin, screenshot, textRect } from './harness.mjs';

const CASES = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/e2e/messages.json'), 'utf8')).cases;
const A_TO_Z = "The charger arrived broken, I want a refund or I'll open an A-to-z claim";
const CJK = /[\u3400-\u9fff]/;

let server;
let browser;

test.before(async () => {
  server = await serve(pageMounts());
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh context and page; records off-origin requests, page errors, CSP violations and dialogs. */
async function open({ viewport = { width: 1440, height: 1000 }, locale = 'en-US', permissions = [], goto = true } = {}) {
  const context = await browser.newContext({ viewport, locale, permissions, acceptDownloads: true });
  const offOrigin = watchOffOrigin(context, server.origin);
  const page = await context.newPage();
  const problems = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) problems.errors.push(m.text()); });
  page.on('dialog', (d) => { problems.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => { (window.__csp ||= []).push(`${e.violatedDirective} ${e.blockedURI}`); });
  });
  if (goto) {
    await page.goto(server.url('/'));
    await ready(page);
  }
  const finish = async () => {
    const csp = await page.evaluate(() => window.__csp || []).catch(() => []);
    await context.close();
    assert.deepEqual(offOrigin, [], 'no request left the origin');
    assert.deepEqual(csp, [], 'no CSP violation');
    assert.deepEqual(problems.errors, [], 'no page errors');
    assert.deepEqual(problems.dialogs, [], 'no dialogs');
  };
  return { context, page, offOrigin, problems, finish };
}

function ready(page) {
  return page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 20000 });
}

async function setMarketplace(page, m) {
  await page.getByTestId('marketplace').selectOption(m);
}

/** Pastes a buyer message and waits until the read pane shows its analysis. */
async function paste(page, text) {
  await page.getByTestId('buyer-message').fill(text);
  await page.waitForSelector('#read-pane[aria-busy="false"]', { timeout: 30000 });
  assert.equal(await page.isVisible('#read'), true, 'the read pane shows the analysis');
  // A suggested reply has been checked once the structure indicator knows each part.
  if ((await page.getByTestId('reply').inputValue()).trim()) {
    await page.waitForSelector('#structure [data-part="timeline"]:not([data-state="unknown"])', { timeout: 20000 });
  }
  return {
    intent: await page.getByTestId('intent').getAttribute('data-intent'),
    risks: await page.getByTestId('risk').evaluateAll((els) => els.map((e) => e.getAttribute('data-risk'))),
    reply: await page.getByTestId('reply').inputValue(),
  };
}

function overlayFindings(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .flatMap((h) => [...h.shadowRoot.querySelectorAll('[data-testid="finding"]')])
    .map((m) => {
      const r = m.getBoundingClientRect();
      return { category: m.dataset.category, severity: m.dataset.severity, start: +m.dataset.start, end: +m.dataset.end, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
}

async function assertCompliantReply(page, what) {
  const blocking = (await overlayFindings(page)).filter((f) => f.severity === 'block' && f.category !== 'placeholder');
  assert.deepEqual(blocking, [], `${what}: the suggested reply has no blocking finding`);
  assert.equal(await page.getAttribute('#structure [data-part="timeline"]', 'data-state'), 'present', `${what}: the reply gives a timeline`);
}

test('first useful paint does not wait for the wasm; a message pasted early is read once it arrives', async () => {
  const t = await open({ goto: false });
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await t.context.route('**/engine/**', async (route) => { await gate; await route.continue(); });
  await t.page.goto(server.url('/'));
  await t.page.getByTestId('buyer-message').fill(A_TO_Z);
  assert.equal(await t.page.getAttribute('#engine-status', 'data-state'), 'loading');
  assert.equal(await t.page.isVisible('#read-empty'), true);
  await screenshot(t.page, 'page-loading');
  release();
  await ready(t.page);
  await t.page.waitForFunction(() => document.querySelector('[data-testid="intent"]').getAttribute('data-intent'));
  await t.finish();
});

test('the A-to-z example: understood, a compliant three-part reply with a date, a typed e-mail underlined, fixed in one click, undone', async () => {
  const t = await open();
  const { page } = t;
  await screenshot(page, 'page-empty');
  const read = await paste(page, A_TO_Z);
  assert.ok(['damaged_defective', 'refund_request'].includes(read.intent), `intent ${read.intent}`);
  assert.ok(read.risks.includes('a_to_z'), `risks ${read.risks}`);
  assert.ok(read.reply.trim().length > 40, 'a suggested reply fills the editor');
  assert.equal(await page.getAttribute('[data-testid="reply-language"]', 'data-lang'), 'en');
  await assertCompliantReply(page, 'A-to-z');
  assert.notEqual((await page.textContent('#intent-name')).trim(), '');
  await screenshot(page, 'page-analysed-en', { fullPage: true });

  // The evidence is underlined in the buyer's own text, and says why.
  const evidence = await page.evaluate(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .flatMap((h) => [...h.shadowRoot.querySelectorAll('[data-testid="evidence"]')])
    .map((m) => ({ start: +m.dataset.start, end: +m.dataset.end, ...m.getBoundingClientRect().toJSON() })));
  assert.ok(evidence.length > 0, 'evidence underlined in the message');
  for (const e of evidence) assert.ok(e.end > e.start && e.end <= A_TO_Z.length);
  await page.mouse.move(evidence[0].x + evidence[0].width / 2, evidence[0].y + evidence[0].height / 2);
  const why = page.locator('[data-tactful="overlay"] [role="tooltip"]:visible');
  await why.waitFor();
  assert.ok((await why.textContent()).length > 10, 'the tooltip says why');
  await page.mouse.move(5, 5);

  // Missing variables are fields; filling one re-runs the suggestion with it.
  if (await page.isVisible('#variables')) {
    const field = page.locator('#variable-fields input').first();
    const name = await field.getAttribute('data-variable');
    await field.fill('Q-7781');
    await page.waitForFunction(() => document.querySelector('[data-testid="reply"]').value.includes('Q-7781'), null, { timeout: 10000 })
      .catch(() => assert.fail(`filling {${name}} did not reach the reply`));
  }
  // Switching the template gives another reply.
  const options = await page.locator('#template option').count();
  if (options > 1) {
    const before = await page.getByTestId('reply').inputValue();
    await page.selectOption('#template', { index: 1 });
    await page.waitForFunction((b) => document.querySelector('[data-testid="reply"]').value !== b, before, { timeout: 10000 });
  }

  // Type a violating draft character by character.
  const reply = page.getByTestId('reply');
  await reply.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  const draft = 'Hello, email me at x@y.com';
  await page.keyboard.type(draft, { delay: 30 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 15000 });
  const email = (await overlayFindings(page)).find((f) => f.category === 'contact_info');
  assert.equal(draft.slice(email.start, email.end).includes('x@y.com'), true, `finding covers ${draft.slice(email.start, email.end)}`);
  const text = await textRect(page, '[data-testid="reply"]', email.start, email.end);
  assert.ok(Math.abs(email.left - text.left) <= 1.5 && Math.abs(email.right - text.right) <= 1.5, `underline x ${email.left}..${email.right} vs text ${text.left}..${text.right}`);
  assert.ok(Math.abs((email.top + email.bottom) / 2 - text.centerY) <= 3, 'underline on the text line');
  assert.ok(await page.locator('[data-testid="finding-item"][data-category="contact_info"]').count() >= 1, 'listed beside the editor');
  // The list entry jumps to its span.
  await page.mouse.move(5, 5);
  await page.locator('[data-testid="finding-item"][data-category="contact_info"] .finding-jump').first().click();
  assert.deepEqual(await reply.evaluate((f) => [f.selectionStart, f.selectionEnd, document.activeElement === f]), [email.start, email.end, true]);

  // Hover: the card explains and offers the fix.
  await page.mouse.move((email.left + email.right) / 2, (email.top + email.bottom) / 2);
  const card = page.locator('[data-tactful="overlay"] [role="tooltip"]:visible');
  await card.waitFor();
  await screenshot(page, 'page-finding-card');
  await card.locator('button').first().click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="reply"]').value.includes('x@y.com'));
  await page.keyboard.press('Control+z');
  assert.equal(await reply.inputValue(), draft, 'undo restores the draft');
  await t.finish();
});

for (const c of CASES) {
  test(`buyer message in ${c.lang}: intent, flags and a suggested reply in the buyer's language`, async () => {
    const t = await open();
    await setMarketplace(t.page, c.marketplace);
    const read = await paste(t.page, c.text);
    await screenshot(t.page, `page-lang-${c.lang}`, { fullPage: true });
    assert.ok(c.intent_any.includes(read.intent), `${c.lang}: intent ${read.intent}, expected one of ${c.intent_any}`);
    for (const r of c.risks_include) assert.ok(read.risks.includes(r), `${c.lang}: risk ${r} shown (got ${read.risks})`);
    for (const r of c.risks_exclude) assert.ok(!read.risks.includes(r), `${c.lang}: risk ${r} not shown`);
    assert.ok(read.reply.trim().length > 20, `${c.lang}: reply suggested`);
    assert.equal(await t.page.getAttribute('[data-testid="reply-language"]', 'data-lang'), c.lang, `${c.lang}: reply language`);
    await assertCompliantReply(t.page, c.lang);
    await t.finish();
  });
}

test('Chinese UI: labels switch, persist across a reload, and a German message is read in Chinese', async () => {
  const t = await open();
  const { page } = t;
  assert.equal(await page.textContent('#buyer-title'), "1Buyer's message");
  await page.getByTestId('ui-language').selectOption('zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.match(await page.textContent('#buyer-title'), /买家消息/);
  assert.match(await page.textContent('#open-settings'), /设置/);
  await page.reload();
  await ready(page);
  assert.equal(await page.getByTestId('ui-language').inputValue(), 'zh');
  assert.match(await page.textContent('#engine-status'), CJK);
  await setMarketplace(page, 'DE');
  const de = CASES.find((c) => c.lang === 'de');
  const read = await paste(page, de.text);
  await screenshot(page, 'page-zh-de', { fullPage: true });
  assert.ok(de.intent_any.includes(read.intent));
  assert.match(await page.textContent('#intent-name'), CJK, 'intent named in Chinese');
  assert.match(await page.textContent('[data-testid="risk"]'), CJK, 'risk named in Chinese');
  assert.equal(await page.getAttribute('[data-testid="reply-language"]', 'data-lang'), 'de');
  const stored = await page.evaluate(() => ({ keys: Object.keys(localStorage), cookie: document.cookie, value: JSON.parse(localStorage.getItem('tactful.settings.v1')) }));
  assert.deepEqual(stored.keys, ['tactful.settings.v1'], 'one versioned key and nothing else');
  assert.equal(stored.cookie, '');
  assert.equal(stored.value.ui_language, 'zh');
  assert.equal(stored.value.marketplace, 'DE');
  assert.deepEqual(await t.context.cookies(), []);
  await t.finish();
});

test('the UI language defaults to the browser language', async () => {
  const t = await open({ locale: 'zh-CN' });
  assert.equal(await t.page.getByTestId('ui-language').inputValue(), 'zh');
  assert.match(await t.page.textContent('#reply-title'), /你的回复/);
  await t.finish();
});

test('works offline after the first visit (service worker)', async () => {
  const t = await open();
  const { page, context } = t;
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    const cache = keys.length && (await caches.open(keys[0]));
    return !!cache && !!(await cache.match('engine/tactful_bg.wasm')) && !!(await cache.match('index.html'));
  }, null, { timeout: 15000 });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  const read = await paste(page, A_TO_Z);
  assert.ok(read.risks.includes('a_to_z'));
  await screenshot(page, 'page-offline');
  await context.setOffline(false);
  await t.finish();
});

test('hostile messages never execute, bidi overrides stay isolated, and 5 MB keeps the page responsive', async () => {
  const t = await open();
  const { page } = t;
  const hostile = [
    '<img src=x onerror="window.__pwned=1"> my order 113-4455667-2233445 <script>window.__pwned=2</script>',
    'Click <a href="javascript:window.__pwned=3">here</a> or javascript:window.__pwned=4 to see it broken',
    'Order \u202E5442233-7665544-311\u202C arrived broken, refund \u202Ethe money\u202C now <svg onload="window.__pwned=5">',
  ];
  for (const text of hostile) await paste(page, text);
  await page.getByTestId('reply').fill('<img src=x onerror="window.__pwned=6"> write to x@y.com \u202Egnp.exe');
  await page.waitForSelector('[data-testid="finding-item"]');
  await screenshot(page, 'page-hostile', { fullPage: true });
  const state = await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('[data-tactful="overlay"]')].map((h) => h.shadowRoot)];
    const injected = roots.flatMap((r) => [...r.querySelectorAll('img[src="x"], script:not([src]), svg[onload], a[href^="javascript"]')]);
    const bidi = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.data.includes('\u202E')) bidi.push(walker.currentNode.parentElement.closest('bdi') ? 'bdi' : walker.currentNode.parentElement.tagName);
    }
    return { pwned: window.__pwned ?? null, injected: injected.length, bidi };
  });
  assert.equal(state.pwned, null, 'nothing executed');
  assert.equal(state.injected, 0, 'no element built from message text');
  assert.ok(state.bidi.every((x) => x === 'bidi'), `right-to-left overrides shown only inside <bdi>: ${state.bidi}`);

  // 5 MB pasted: the engine works in a worker, the editor keeps answering.
  await page.evaluate(() => {
    const buyer = document.querySelector('[data-testid="buyer-message"]');
    buyer.value = 'The charger arrived broken and I want a refund. '.repeat(110000);
    buyer.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const reply = page.getByTestId('reply');
  await reply.fill('');
  await reply.click();
  await page.keyboard.type('Mail me: big@test.com', { delay: 10 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="intent"]').getAttribute('data-intent'), null, { timeout: 60000 });
  await t.finish();
});

test('template sets: a bad file is refused with a clear error and changes nothing; export re-imports', async () => {
  const t = await open();
  const { page } = t;
  await page.click('#open-settings');
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tactful-tpl-')), 'bad.json');
  fs.writeFileSync(bad, '{"version": 1, "templates": [ {"id": 42 } ');
  await page.setInputFiles('#import-templates', bad);
  await page.waitForSelector('#templates-status[data-kind="error"]');
  assert.match(await page.textContent('#templates-status'), /Import failed, nothing changed: \S/);
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('tactful.settings.v1') || '{}').templates ?? null);
  assert.equal(await stored(), null, 'a failed import stores nothing');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-templates')]);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  JSON.parse(exported);
  const good = path.join(path.dirname(bad), 'good.json');
  fs.writeFileSync(good, exported);
  await page.setInputFiles('#import-templates', good);
  await page.waitForSelector('#templates-status[data-kind="ok"]');
  assert.equal(await stored(), exported);
  await page.setInputFiles('#import-templates', bad);
  await page.waitForSelector('#templates-status[data-kind="error"]');
  assert.equal(await stored(), exported, 'the stored set survives a later failed import');
  await screenshot(page, 'page-settings');
  fs.rmSync(path.dirname(bad), { recursive: true, force: true });
  await t.finish();
});

test('the profile form is generated from the engine default profile and saved locally', async () => {
  const t = await open();
  const { page } = t;
  const keys = await page.evaluate(async () => {
    const glue = await import('./engine/tactful.js');
    await glue.default({ module_or_path: new URL('./engine/tactful_bg.wasm', location.href) });
    return Object.keys(new glue.Engine().defaultProfile());
  });
  assert.ok(keys.length > 0);
  await page.click('#open-settings');
  for (const key of keys) {
    assert.equal(await page.locator(`#profile-${key}, [id^="profile-${key}-"]`).count() > 0, true, `a field for ${key}`);
  }
  const text = keys.find((k) => /signature|name/.test(k));
  if (text) {
    await page.fill(`#profile-${text}`, 'Lumen Home');
    await page.waitForFunction((k) => JSON.parse(localStorage.getItem('tactful.settings.v1')).profile[k] === 'Lumen Home', text);
  }
  await page.keyboard.press('Escape');
  await t.finish();
});

test('keyboard only: tab order reaches every control, focus is visible, copy puts the reply on the clipboard', async () => {
  const t = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page } = t;
  const order = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const hook = await page.evaluate(() => {
      const a = document.activeElement;
      return a.getAttribute('data-testid') || a.id || a.tagName;
    });
    order.push(hook);
    if (hook === 'copy') break;
  }
  for (const hook of ['marketplace', 'ui-language', 'buyer-message', 'reply', 'copy']) assert.ok(order.includes(hook), `${hook} reachable by Tab: ${order}`);
  assert.ok(order.indexOf('buyer-message') < order.indexOf('reply') && order.indexOf('reply') < order.indexOf('copy'));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'visible focus');
  await paste(page, A_TO_Z);
  // Fix by keyboard: caret onto the underlined address, Alt+Enter, then undo.
  await page.getByTestId('reply').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Or email me at x@y.com', { delay: 10 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tactful="overlay"]')]
    .some((h) => h.shadowRoot.querySelector('[data-testid="finding"][data-category="contact_info"]')), null, { timeout: 15000 });
  const typed = await page.getByTestId('reply').inputValue();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.getElementById('caret-finding').textContent !== '');
  await page.keyboard.press('Alt+Enter');
  assert.ok(!(await page.getByTestId('reply').inputValue()).includes('x@y.com'), 'Alt+Enter applied the fix');
  await page.keyboard.press('Control+z');
  assert.equal(await page.getByTestId('reply').inputValue(), typed);
  await page.getByTestId('copy').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.getByTestId('reply').inputValue());
  await t.finish();
});

test('layout: three panes at 1000 px, stacked on a narrow screen', async () => {
  const wide = await open({ viewport: { width: 1000, height: 900 } });
  await paste(wide.page, A_TO_Z);
  const tops = await wide.page.$$eval('.pane', (panes) => panes.map((p) => Math.round(p.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `three panes side by side at 1000 px: ${tops}`);
  await screenshot(wide.page, 'page-1000', { fullPage: true });
  await wide.finish();
  const narrow = await open({ viewport: { width: 420, height: 900 } });
  const lefts = await narrow.page.$$eval('.pane', (panes) => panes.map((p) => Math.round(p.getBoundingClientRect().left)));
  assert.equal(new Set(lefts).size, 1, 'stacked');
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, 'no horizontal scrolling');
  await screenshot(narrow.page, 'page-narrow', { fullPage: true });
  await narrow.finish();
});

test('odd or partial engine answers render defensively: nothing crashes, the page keeps working', async () => {
  const t = await open({ goto: false });
  const odd = fs.readFileSync(path.join(REPO, 'tests/e2e/fixtures/odd-engine/tactful.js'));
  await t.context.route('**/engine/tactful.js', (route) => route.fulfill({ body: odd, contentType: 'text/javascript' }));
  await t.page.goto(server.url('/'));
  await ready(t.page);
  for (const text of ['first message', 'second message', 'third message', 'fourth message']) {
    await t.page.getByTestId('buyer-message').fill(text);
    await t.page.waitForSelector('#read-pane[aria-busy="false"]');
  }
  await t.page.getByTestId('reply').fill('a draft');
  await t.page.waitForSelector('[data-testid="finding-item"]');
  await t.page.getByTestId('ui-language').selectOption('zh');
  await t.page.click('#open-settings');
  assert.ok(await t.page.locator('#profile-seller_name').count() === 1);
  await t.page.keyboard.press('Escape');
  await t.finish();
});
