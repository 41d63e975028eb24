// Browser tests of www/lib/underline.js, the in-place underline module the
// page and the extension share. They need no engine: the fixture passes a
// deterministic async `check` (see fixtures/underline-fixture.js).
// Where the characters are is measured independently of the module: with a
// canvas `measureText` in the field's own font, from the field's padding box.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, serve, launch, screenshot } from './harness.mjs';

let server;
let browser;

test.before(async () => {
  server = await serve({ '/': path.join(REPO, 'tests/e2e/fixtures'), '/lib/': path.join(REPO, 'www/lib') });
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url('/underline.html'));
  await page.waitForFunction(() => window.__ready === true);
  return { context, page, errors };
}

/** The drawn underlines of one controller: rect, attributes. */
function marks(page, name) {
  return page.evaluate((n) => [...window.__controllers[n].host.shadowRoot.querySelectorAll('[data-testid="finding"]')].map((m) => {
    const r = m.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, start: +m.dataset.start, end: +m.dataset.end, category: m.dataset.category, severity: m.dataset.severity };
  }), name);
}

/** Where `field.value.slice(start, end)` is on screen, single line, computed from font metrics alone. */
function expectedRect(page, name, start, end) {
  return page.evaluate(([n, s, e]) => {
    const field = window.__controllers[n].field;
    const cs = getComputedStyle(field);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const text = field.value;
    const lineStart = text.lastIndexOf('\n', s - 1) + 1;
    const line = text.slice(0, s).split('\n').length - 1;
    const r = field.getBoundingClientRect();
    const lh = parseFloat(cs.lineHeight);
    const left = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) + ctx.measureText(text.slice(lineStart, s)).width - field.scrollLeft;
    const top = r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop) + line * lh - field.scrollTop;
    return { left, right: left + ctx.measureText(text.slice(s, e)).width, centerY: top + lh / 2 };
  }, [name, start, end]);
}

function assertCovers(mark, expected, what) {
  const near = (a, b, tol) => Math.abs(a - b) <= tol;
  assert.ok(near(mark.left, expected.left, 1.5), `${what}: left ${mark.left} vs text ${expected.left}`);
  assert.ok(near(mark.right, expected.right, 1.5), `${what}: right ${mark.right} vs text ${expected.right}`);
  assert.ok(near((mark.top + mark.bottom) / 2, expected.centerY, 2.5), `${what}: middle ${(mark.top + mark.bottom) / 2} vs line ${expected.centerY}`);
}

/** Waits until the last check has come back for the current text and `count` underlines are drawn. */
async function waitForMarks(page, name, count) {
  await page.waitForFunction(([n, c]) => {
    const ctl = window.__controllers[n];
    return window.__log.running === 0 && window.__log.calls.at(-1) === ctl.field.value
      && ctl.host.shadowRoot.querySelectorAll('[data-testid="finding"]').length === c;
  }, [name, count]);
  return marks(page, name);
}

test('typing a violation character by character underlines exactly its characters', async () => {
  const { context, page, errors } = await open();
  await page.click('#plain');
  await page.keyboard.type('Please email me at x@y.com today', { delay: 15 });
  const [mark] = await waitForMarks(page, 'plain', 1);
  assert.equal(await page.evaluate(() => document.getElementById('plain').value.slice(19, 26)), 'x@y.com');
  assert.deepEqual([mark.start, mark.end, mark.category, mark.severity], [19, 26, 'contact_info', 'block']);
  assertCovers(mark, await expectedRect(page, 'plain', 19, 26), 'x@y.com');
  // The host element is what automation hooks onto.
  assert.equal(await page.locator('[data-tactful="overlay"]').count(), 3, 'one overlay per attached field (opt-outs get none)');
  await screenshot(page, 'underline-typed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('CJK, emoji and several lines: each underline sits on its own characters', async () => {
  const { context, page } = await open();
  const text = '您好，我们会尽快处理 🙂🙂\n请联系 a@b.cn 或 ASAP 回复\n第三行 😀 x@y.jp';
  await page.fill('#plain', text);
  const list = await waitForMarks(page, 'plain', 3);
  for (const m of list) {
    const slice = text.slice(m.start, m.end);
    assert.match(slice, /^(a@b\.cn|ASAP|x@y\.jp)$/);
    assertCovers(m, await expectedRect(page, 'plain', m.start, m.end), slice);
  }
  await context.close();
});

test('stale results are never drawn and checks are single-flight', async () => {
  const { context, page } = await open();
  await page.evaluate(() => {
    window.__log.delay = 150;
    window.__bad = [];
    const c = window.__controllers.plain;
    new MutationObserver(() => {
      for (const m of c.host.shadowRoot.querySelectorAll('[data-testid="finding"]')) {
        const s = c.field.value.slice(+m.dataset.start, +m.dataset.end);
        if (!/^[\w.+-]+@[\w-]+(\.[\w-]+)+$|^ASAP$/.test(s)) window.__bad.push(s);
      }
    }).observe(c.host.shadowRoot, { subtree: true, childList: true, attributes: true });
  });
  await page.click('#plain');
  await page.keyboard.type('mail x@y.com now, or ASAP, or a@b.de', { delay: 5 });
  await waitForMarks(page, 'plain', 3);
  // Pauses longer than the debounce, shorter than a check: results come back for text that has moved on.
  await page.evaluate(() => { window.__log.delay = 250; });
  await page.keyboard.press('Home');
  await page.keyboard.type('Hello! ', { delay: 110 });
  await page.waitForFunction(() => window.__log.calls.at(-1).startsWith('Hello! ') && window.__log.running === 0);
  await waitForMarks(page, 'plain', 3);
  const log = await page.evaluate(() => ({ max: window.__log.maxConcurrent, bad: window.__bad }));
  assert.equal(log.max, 1, 'never two checks at once');
  assert.deepEqual(log.bad, [], 'every drawn underline matched its characters');
  const [first] = await marks(page, 'plain');
  assertCovers(first, await expectedRect(page, 'plain', first.start, first.end), 'after typing before it');
  await context.close();
});

test('no polling: an idle field is not re-checked', async () => {
  const { context, page } = await open();
  await page.fill('#plain', 'x@y.com');
  await waitForMarks(page, 'plain', 1);
  const before = await page.evaluate(() => window.__log.calls.length);
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => window.__log.calls.length), before);
  await context.close();
});

test('a fix applies from the card, and Ctrl+Z restores the text', async () => {
  const { context, page } = await open();
  await page.click('#plain');
  await page.keyboard.type('Write to x@y.com please', { delay: 5 });
  const [mark] = await waitForMarks(page, 'plain', 1);
  await page.mouse.move((mark.left + mark.right) / 2, (mark.top + mark.bottom) / 2);
  const card = page.locator('[data-tactful="overlay"] [role="tooltip"]:visible');
  await card.waitFor();
  assert.match(await card.textContent(), /Email addresses are not allowed/);
  await screenshot(page, 'underline-card');
  await card.getByRole('button', { name: /reply in this thread/ }).click();
  assert.equal(await page.inputValue('#plain'), 'Write to reply in this thread please');
  await waitForMarks(page, 'plain', 0);
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#plain'), 'Write to x@y.com please');
  await context.close();
});

test('Alt+Enter applies the first fix of the finding at the caret; undo restores', async () => {
  const { context, page } = await open();
  await page.click('#plain');
  await page.keyboard.type('ship ASAP', { delay: 5 });
  await waitForMarks(page, 'plain', 1);
  const card = page.locator('[data-tactful="overlay"] [role="tooltip"]:visible');
  assert.equal(await card.count(), 0, 'typing through a finding does not pop its card up');
  await page.keyboard.press('ArrowLeft');
  await card.waitFor();
  assert.match(await card.textContent(), /Give a date/, 'the caret on a finding shows its card');
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  await page.keyboard.press('Alt+Enter');
  assert.equal(await page.inputValue('#plain'), 'ship by Friday');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#plain'), 'ship ASAP');
  await context.close();
});

test('inside an open shadow root: underlines align, fixes reach the host listener', async () => {
  const { context, page } = await open();
  const field = page.locator('fake-editor textarea');
  await field.click();
  await page.keyboard.type('Contact me: someone@example.com', { delay: 5 });
  const [mark] = await waitForMarks(page, 'host', 1);
  assertCovers(mark, await expectedRect(page, 'host', 12, 31), 'shadow textarea');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Alt+Enter');
  assert.equal(await field.inputValue(), 'Contact me: reply in this thread');
  const seen = await page.evaluate(() => window.__log.hostInputs.at(-1));
  assert.equal(seen, 'Contact me: reply in this thread', 'the composed input event crossed the shadow boundary');
  await page.keyboard.press('Control+z');
  assert.equal(await field.inputValue(), 'Contact me: someone@example.com');
  await context.close();
});

test('without execCommand the native setter and a composed input event still apply the fix', async () => {
  const { context, page } = await open();
  await page.locator('fake-editor textarea').fill('mail a@b.co now');
  await waitForMarks(page, 'host', 1);
  const result = await page.evaluate(() => {
    document.execCommand = () => false;
    const c = window.__controllers.host;
    const ok = c.apply(c.findings[0], 1);
    return { ok, value: c.field.value, seen: window.__log.hostInputs.at(-1) };
  });
  assert.deepEqual(result, { ok: true, value: 'mail  now', seen: 'mail  now' });
  await context.close();
});

test('scrolling the field or an ancestor keeps underlines on their characters', async () => {
  const { context, page } = await open();
  const lines = Array.from({ length: 14 }, (_, i) => `line ${i}`);
  lines[9] = 'line 9 mail q@r.st';
  await page.fill('#inner', lines.join('\n'));
  await waitForMarks(page, 'inner', 1);
  const start = lines.slice(0, 9).join('\n').length + 1 + 12;
  await page.evaluate(() => { document.getElementById('inner').scrollTop = 90; });
  await page.waitForFunction(([s]) => {
    const m = window.__controllers.inner.host.shadowRoot.querySelector('[data-testid="finding"]');
    return m && +m.dataset.start === s;
  }, [start]);
  await page.waitForTimeout(50);
  let [mark] = await marks(page, 'inner');
  assertCovers(mark, await expectedRect(page, 'inner', start, start + 6), 'field scrolled');
  await page.evaluate(() => { document.getElementById('scroller').scrollTop = 70; });
  await page.waitForTimeout(80);
  [mark] = await marks(page, 'inner');
  assertCovers(mark, await expectedRect(page, 'inner', start, start + 6), 'ancestor scrolled');
  await page.setViewportSize({ width: 700, height: 800 });
  await page.waitForTimeout(80);
  [mark] = await marks(page, 'inner');
  assertCovers(mark, await expectedRect(page, 'inner', start, start + 6), 'window resized');
  await context.close();
});

test('fields that opt out (on themselves or an ancestor) are left alone', async () => {
  const { context, page } = await open();
  await page.fill('#optout', 'x@y.com');
  await page.fill('#optout-ancestor', 'x@y.com');
  await page.waitForTimeout(200);
  const state = await page.evaluate(() => ({
    a: window.__controllers.optout.optedOut,
    b: window.__controllers.optoutAncestor.optedOut,
    checked: window.__log.calls.includes('x@y.com'),
  }));
  assert.deepEqual(state, { a: true, b: true, checked: false });
  await context.close();
});

test('an IME composition is checked once committed, not while composing', async () => {
  const { context, page } = await open();
  await page.click('#plain');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'めーる', selectionStart: 3, selectionEnd: 3 });
  await page.waitForTimeout(300);
  assert.equal(await page.inputValue('#plain'), 'めーる');
  assert.ok(!(await page.evaluate(() => window.__log.calls.includes('めーる'))), 'no check of the uncommitted text');
  await cdp.send('Input.insertText', { text: 'メール x@y.jp' });
  await waitForMarks(page, 'plain', 1);
  assert.equal(await page.evaluate(() => window.__log.calls.at(-1)), 'メール x@y.jp');
  await context.close();
});
