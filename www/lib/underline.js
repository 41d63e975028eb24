/**
 * In-place underlines for a <textarea>, shared by the static page and the
 * browser extension.
 *
 * Why a mirror: a Range cannot point into a textarea's value, so we copy the
 * field's layout styles onto a hidden div holding the same text, measure the
 * finding's characters there, and draw boxes over the field. Nothing is ever
 * inserted into the editable field or beside it (frameworks such as
 * Seller Central's Katal components re-render and would save or trip over
 * foreign nodes): the boxes live in one host element appended to <body>,
 * with an open shadow root so neither side's CSS leaks into the other.
 *
 * Why `check` is an async function: on the page it calls the wasm engine in a
 * worker; in the extension's content script it messages the service worker
 * (a page's CSP can forbid wasm there). Checks are debounced and
 * single-flight; a result is drawn only if the field still holds the exact
 * text it was computed for, so stale results never appear. Between a
 * keystroke and the next result the drawn findings are shifted by the edit,
 * so underlines stay on their characters while the user types fast.
 *
 * No polling: layout is recomputed on input, scroll (the field and every
 * scrolling ancestor, across shadow roots), resize (ResizeObserver, window)
 * and font loading, batched to one animation frame.
 *
 * The module has no imports, so it can be copied as-is. Usage:
 *
 *   import { attachUnderlines } from './lib/underline.js';
 *   const ctl = attachUnderlines(textarea, {
 *     check: (text) => askTheEngine(text),       // → Promise<CheckResult>
 *     describe: (f) => ({ severity, category, message }), // UI-language strings
 *     onChange: ({ findings, result, text, fresh }) => renderList(findings),
 *   });
 *   ctl.refresh();  // context changed (marketplace) or value set by code
 *   ctl.destroy();  // the field went away
 *
 * Hooks for automation: one host element per field,
 * `[data-tactful="overlay"]`, with an open shadow root; each underline in it
 * is `[data-testid="finding"]` (or `options.testid`) with `data-category`,
 * `data-severity`, `data-rule`, `data-start`, `data-end`; the card has
 * `role="tooltip"`.
 */

/** Attributes by which a field (or an ancestor) opts out of checkers. */
const OPT_OUTS = ['data-gramm', 'data-gramm_editor', 'data-enable-grammarly'];

/** Computed styles that decide where the text wraps and how tall lines are. */
const MIRRORED_STYLES = [
  'direction', 'unicode-bidi', 'writing-mode',
  'font-family', 'font-size', 'font-size-adjust', 'font-style', 'font-variant', 'font-weight', 'font-stretch',
  'font-kerning', 'font-feature-settings', 'font-variation-settings', 'font-optical-sizing', 'font-synthesis',
  'letter-spacing', 'word-spacing', 'line-height', 'text-transform', 'text-indent', 'text-align',
  'text-rendering', 'tab-size', 'white-space', 'word-break', 'overflow-wrap', 'line-break', 'hyphens',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', '-webkit-text-size-adjust',
];

const SEVERITY_ORDER = { block: 0, warning: 1, style: 2 };

const NAVIGATION_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

const DEFAULT_STRINGS = {
  replaceWith: 'Replace with',
  remove: 'Remove',
  shortcut: 'Alt+Enter applies the first fix',
  noFix: 'Rewrite this part yourself.',
};

const OVERLAY_CSS = `
:host { all: initial; }
.frame { position: absolute; overflow: hidden; pointer-events: none; }
.mirror { position: absolute; left: 0; top: 0; margin: 0; border: 0; box-sizing: border-box;
  overflow: hidden; visibility: hidden; pointer-events: none; }
.marks { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
.mark { position: absolute; pointer-events: none; }
.box { position: absolute; box-sizing: border-box; border-bottom: 2px solid var(--tc); background: var(--tb); border-radius: 2px 2px 0 0; }
.mark[data-severity="block"] { --tc: #c0262d; --tb: rgba(192, 38, 45, .12); }
.mark[data-severity="warning"] { --tc: #b25e09; --tb: rgba(178, 94, 9, .12); }
.mark[data-severity="warning"] .box { border-bottom-style: dashed; }
.mark[data-severity="style"] { --tc: #2457c5; --tb: rgba(36, 87, 197, .08); }
.mark[data-severity="style"] .box { border-bottom-style: dotted; }
.mark[data-severity="evidence"] { --tc: #0f766e; --tb: rgba(15, 118, 110, .10); }
.mark[data-severity="evidence"][data-kind="risk"] { --tc: #9f1239; --tb: rgba(159, 18, 57, .10); }
.mark.active .box { background: color-mix(in srgb, var(--tc) 24%, transparent); }
.card { position: absolute; box-sizing: border-box; max-width: 340px; min-width: 220px; padding: 10px 12px;
  background: #fff; color: #1f2328; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 8px 24px rgba(31, 35, 40, .16); pointer-events: auto;
  font: 13px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.card[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 6px; font-weight: 600; }
.sev { display: inline-flex; align-items: center; gap: 4px; font-size: 12px; font-weight: 600; padding: 1px 6px;
  border-radius: 10px; color: var(--tc); background: var(--tb); }
.card[data-severity="block"] { --tc: #a4161d; --tb: #fdecec; }
.card[data-severity="warning"] { --tc: #8a4a05; --tb: #fdf1e3; }
.card[data-severity="style"] { --tc: #1d4aab; --tb: #e9effc; }
.card[data-severity="evidence"] { --tc: #0b5d57; --tb: #e3f4f2; }
.card[data-severity="evidence"][data-kind="risk"] { --tc: #8a1032; --tb: #fbe7ec; }
.sev svg { width: 12px; height: 12px; }
.msg { margin: 6px 0 0; }
.fixes { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.fix { font: inherit; font-size: 12.5px; cursor: pointer; padding: 3px 9px; border-radius: 6px;
  border: 1px solid #1f6f5c; background: #e8f5f0; color: #114b3e; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fix:hover { background: #d2ede3; }
.fix:focus-visible { outline: 2px solid #1f6f5c; outline-offset: 2px; }
.hint { margin-top: 6px; font-size: 11.5px; color: #57606a; }
`;

/** Is checking disabled on this field by a Grammarly-style opt-out (on it or an ancestor, across shadow roots)? */
export function isOptedOut(field) {
  for (let node = field; node; node = parentAcrossShadow(node)) {
    if (node.nodeType !== 1) continue;
    for (const name of OPT_OUTS) {
      if (node.getAttribute(name) === 'false') return true;
    }
  }
  return false;
}

function parentAcrossShadow(node) {
  if (node.parentNode && node.parentNode.nodeType === 11) return node.parentNode.host || null;
  return node.parentNode;
}

/**
 * Replaces `field.value.slice(start, end)` with `text` the way a user edit
 * would: focus, select, `execCommand('insertText')` (fires the native input
 * events frameworks listen to and keeps the browser's undo stack). If the
 * browser refuses, falls back to the prototype's native value setter plus a
 * bubbling, composed `input` event (seen by React-style value trackers and by
 * listeners outside a shadow root). Returns whether the field now holds the
 * expected text.
 */
export function replaceText(field, start, end, text) {
  const before = field.value;
  const from = clamp(start, 0, before.length);
  const to = clamp(end, from, before.length);
  const expected = before.slice(0, from) + text + before.slice(to);
  field.focus({ preventScroll: true });
  field.setSelectionRange(from, to);
  let ok = false;
  try {
    ok = text === '' ? (from === to || document.execCommand('delete', false)) : document.execCommand('insertText', false, text);
  } catch {
    ok = false;
  }
  if (!ok || field.value !== expected) {
    const proto = field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
    setter.call(field, expected);
    const caret = from + text.length;
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: text }));
  }
  return field.value === expected;
}

function clamp(n, lo, hi) {
  const v = Number.isFinite(n) ? Math.trunc(n) : lo;
  return Math.min(Math.max(v, lo), hi);
}

/** Keeps only well-formed findings, clamped to the text, worst first at equal starts. */
function normalizeFindings(list, length) {
  if (!Array.isArray(list)) return [];
  const out = [];
  for (const f of list) {
    if (!f || typeof f !== 'object') continue;
    const start = clamp(f.start, 0, length);
    const end = clamp(f.end, start, length);
    out.push({ ...f, start, end, fixes: Array.isArray(f.fixes) ? f.fixes.filter((x) => typeof x === 'string') : [] });
  }
  out.sort((a, b) => a.start - b.start || (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
  return out;
}

/**
 * Moves findings across an edit from `prev` to `next`: findings wholly
 * before or after the changed region survive (shifted), the ones it touches
 * are dropped until the next check.
 */
function shiftFindings(findings, prev, next) {
  const min = Math.min(prev.length, next.length);
  let p = 0;
  while (p < min && prev.charCodeAt(p) === next.charCodeAt(p)) p++;
  let s = 0;
  while (s < min - p && prev.charCodeAt(prev.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
  const changedEnd = prev.length - s;
  const delta = next.length - prev.length;
  const out = [];
  for (const f of findings) {
    if (f.end <= p) out.push(f);
    else if (f.start >= changedEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
  }
  return out;
}

function sameFinding(a, b) {
  return a.start === b.start && a.end === b.end && a.rule === b.rule && a.category === b.category;
}

function svg(tag, attrs, children = []) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.appendChild(c);
  return el;
}

/** Severity icons: shape as well as colour, so colour is never the only signal. */
export function severityIcon(severity) {
  const box = { viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' };
  if (severity === 'block') {
    return svg('svg', box, [
      svg('circle', { cx: '8', cy: '8', r: '7', fill: 'currentColor' }),
      svg('rect', { x: '4', y: '7', width: '8', height: '2', fill: '#fff' }),
    ]);
  }
  if (severity === 'warning') {
    return svg('svg', box, [
      svg('path', { d: 'M8 1 15.5 14.5H.5Z', fill: 'currentColor' }),
      svg('rect', { x: '7.2', y: '5.5', width: '1.6', height: '5', fill: '#fff' }),
      svg('rect', { x: '7.2', y: '11.5', width: '1.6', height: '1.6', fill: '#fff' }),
    ]);
  }
  if (severity === 'style') {
    return svg('svg', box, [
      svg('circle', { cx: '8', cy: '8', r: '6.2', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6' }),
      svg('rect', { x: '7.2', y: '7', width: '1.6', height: '5', fill: 'currentColor' }),
      svg('rect', { x: '7.2', y: '4', width: '1.6', height: '1.6', fill: 'currentColor' }),
    ]);
  }
  return svg('svg', box, [svg('path', { d: 'M2 13h12v1.6H2zM4 11 8 2l4 9h-1.8L8 5.8 5.8 11z', fill: 'currentColor' })]);
}

function setStyles(el, styles) {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v);
}

/** One stylesheet object shared by every overlay in this document. */
let sharedSheet = null;
function overlaySheet() {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(OVERLAY_CSS);
  }
  return sharedSheet;
}

/**
 * Underlines the problems `check` finds in `field`, in place.
 *
 * options:
 * - check(text) → Promise<{findings:[{start,end,category,severity,message,message_zh,fixes,rule}], …}>
 *   (spans in UTF-16 code units, as the engine returns them)
 * - describe(finding) → {severity, category, message} display strings in the UI language
 * - strings: {replaceWith, remove, shortcut, noFix}
 * - testid: value of data-testid on each underline ('finding')
 * - debounceMs (200), maxLength (120000 UTF-16 units; longer text is not checked)
 * - onChange({findings, result, text, fresh}) after every change of the drawn set
 * - onError(error) when check rejects
 * - onCaret(finding | null) when the finding under the caret changes (for a live region)
 * - isShortcut(KeyboardEvent) → boolean (default Alt+Enter)
 * - fixes: false to never offer fixes (read-only evidence)
 * - ignoreOptOut: true to underline even where the field opts out (our own fields)
 */
export function attachUnderlines(field, options) {
  const opts = {
    describe: (f) => ({ severity: f.severity, category: f.category, message: f.message || '' }),
    testid: 'finding',
    debounceMs: 200,
    maxLength: 120000,
    onChange: () => {},
    onError: () => {},
    onCaret: () => {},
    isShortcut: (e) => e.altKey && !e.ctrlKey && !e.metaKey && e.key === 'Enter',
    fixes: true,
    ignoreOptOut: false,
    ...options,
    strings: { ...DEFAULT_STRINGS, ...(options && options.strings) },
  };
  if (!opts.ignoreOptOut && isOptedOut(field)) {
    return { optedOut: true, findings: [], refresh() {}, relayout() {}, apply() { return false; }, reveal() {}, destroy() {}, setOptions() {} };
  }
  return new Underliner(field, opts);
}

class Underliner {
  constructor(field, opts) {
    this.field = field;
    this.opts = opts;
    this.optedOut = false;
    this.text = field.value;
    this.findings = [];
    this.result = null;
    this.boxes = new Map();
    this.timer = 0;
    this.frameRequest = 0;
    this.inFlight = false;
    this.again = false;
    this.destroyed = false;
    this.hover = null;
    this.caret = null;
    this.dismissed = null;
    this.lastInput = 0;
    this.composing = false;
    this.hideTimer = 0;
    this.buildOverlay();
    this.listen();
    this.schedule(0);
  }

  buildOverlay() {
    const host = document.createElement('div');
    host.setAttribute('data-tactful', 'overlay');
    setStyles(host, { all: 'initial', position: 'absolute', left: '0', top: '0', width: '0', height: '0', overflow: 'visible', 'z-index': '2147483000', 'pointer-events': 'none' });
    const root = host.attachShadow({ mode: 'open' });
    try {
      root.adoptedStyleSheets = [overlaySheet()];
    } catch {
      // Worlds without constructable stylesheets (some content-script sandboxes).
      const style = document.createElement('style');
      style.textContent = OVERLAY_CSS;
      root.append(style);
    }
    this.frame = document.createElement('div');
    this.frame.className = 'frame';
    this.mirror = document.createElement('div');
    this.mirror.className = 'mirror';
    this.mirror.setAttribute('aria-hidden', 'true');
    this.mirrorText = document.createTextNode('');
    // A trailing zero-width space keeps a final empty line as tall as the textarea's.
    this.mirror.append(this.mirrorText, document.createTextNode('\u200b'));
    this.marks = document.createElement('div');
    this.marks.className = 'marks';
    this.frame.append(this.mirror, this.marks);
    this.card = document.createElement('div');
    this.card.className = 'card';
    this.card.setAttribute('role', 'tooltip');
    this.card.hidden = true;
    root.append(this.frame, this.card);
    this.host = host;
    this.root = root;
    document.body.appendChild(host);
  }

  listen() {
    const f = this.field;
    const on = (target, type, fn, o) => {
      target.addEventListener(type, fn, o);
      this.unlisten.push(() => target.removeEventListener(type, fn, o));
    };
    this.unlisten = [];
    const relayout = () => this.requestLayout();
    on(f, 'input', (e) => this.onInput(e));
    // An IME composition (Chinese, Japanese) is checked once it is committed.
    on(f, 'compositionstart', () => { this.composing = true; });
    on(f, 'compositionend', () => {
      this.composing = false;
      this.schedule();
    });
    on(f, 'scroll', relayout, { passive: true });
    on(f, 'mousemove', (e) => this.onPointer(e));
    on(f, 'mouseleave', () => this.hideHoverSoon());
    on(f, 'keydown', (e) => this.onKey(e));
    // The caret card opens when the seller moves onto a finding, not while typing through one.
    on(f, 'keyup', (e) => this.onCaret(NAVIGATION_KEYS.has(e.key)));
    for (const type of ['click', 'focus', 'select']) on(f, type, () => this.onCaret(true));
    on(f, 'selectionchange', () => this.onCaret(performance.now() - this.lastInput > 100));
    on(f, 'blur', () => this.onBlur());
    on(this.card, 'mouseenter', () => clearTimeout(this.hideTimer));
    on(this.card, 'mouseleave', () => this.hideHoverSoon());
    on(window, 'resize', relayout, { passive: true });
    on(window, 'scroll', relayout, { passive: true, capture: true });
    // Scroll events do not cross shadow boundaries: listen on every ancestor.
    for (let n = parentAcrossShadow(f); n && n.nodeType === 1; n = parentAcrossShadow(n)) on(n, 'scroll', relayout, { passive: true });
    if (document.fonts) on(document.fonts, 'loadingdone', relayout);
    this.resizeObserver = new ResizeObserver(relayout);
    this.resizeObserver.observe(f);
    this.resizeObserver.observe(document.documentElement);
  }

  /** Options that change at runtime (the UI language). Redraws the card. */
  setOptions(patch) {
    Object.assign(this.opts, patch, { strings: { ...this.opts.strings, ...(patch.strings || {}) } });
    this.renderCard();
  }

  onInput(event) {
    this.lastInput = performance.now();
    const next = this.field.value;
    if (next.length > this.opts.maxLength) {
      this.setFindings([], null, next, false);
    } else if (this.findings.length) {
      this.setFindings(shiftFindings(this.findings, this.text, next), this.result, next, false);
    } else {
      this.text = next;
    }
    if (!this.composing && !(event && event.isComposing)) this.schedule();
  }

  /**
   * Re-checks now (e.g. the marketplace changed, or the value was set by
   * code, which fires no input event: drawn findings are then dropped).
   */
  refresh() {
    if (this.field.value !== this.text) this.setFindings([], null, this.field.value, false);
    this.schedule(0);
  }

  schedule(delay = this.opts.debounceMs) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delay);
  }

  async run() {
    if (this.destroyed || this.composing) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const text = this.field.value;
    if (text.length > this.opts.maxLength) {
      this.setFindings([], null, text, true);
      return;
    }
    this.inFlight = true;
    this.again = false;
    let result = null;
    let failed = false;
    try {
      result = await this.opts.check(text);
    } catch (error) {
      failed = true;
      this.opts.onError(error);
    }
    this.inFlight = false;
    if (this.destroyed) return;
    if (this.field.value !== text || this.again) {
      // Stale: the text (or, on a refresh, the context) moved on while we waited. Never draw it.
      this.schedule(this.field.value === text ? 0 : this.opts.debounceMs);
      return;
    }
    if (failed) return;
    const findings = normalizeFindings(result && result.findings, text.length);
    this.setFindings(findings, result, text, true);
  }

  setFindings(findings, result, text, fresh) {
    this.findings = findings;
    this.result = result;
    this.text = text;
    // A new result carries new objects: keep an open card on the same finding.
    if (this.hover) this.hover = findings.find((f) => sameFinding(f, this.hover)) || null;
    if (this.caret) this.caret = findings.find((f) => sameFinding(f, this.caret)) || this.caret;
    this.layout();
    this.onCaret(false);
    this.opts.onChange({ findings, result, text, fresh });
  }

  requestLayout() {
    if (this.frameRequest || this.destroyed) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.layout();
    });
  }

  /** Visible part of the field's padding box after clipping by scrolling ancestors and the viewport. */
  clipRect(rect) {
    let { left, top, right, bottom } = rect;
    for (let n = parentAcrossShadow(this.field); n && n.nodeType === 1 && n !== document.documentElement; n = parentAcrossShadow(n)) {
      const cs = getComputedStyle(n);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const r = n.getBoundingClientRect();
      left = Math.max(left, r.left); top = Math.max(top, r.top);
      right = Math.min(right, r.right); bottom = Math.min(bottom, r.bottom);
    }
    return { left, top, right: Math.max(left, right), bottom: Math.max(top, bottom) };
  }

  layout() {
    if (this.destroyed) return;
    const f = this.field;
    const rect = f.isConnected ? f.getBoundingClientRect() : null;
    if (!rect || rect.width === 0 || rect.height === 0 || !this.findings.length) {
      this.frame.style.display = 'none';
      this.boxes.clear();
      this.marks.replaceChildren();
      this.renderCard();
      return;
    }
    const cs = getComputedStyle(f);
    const origin = this.host.getBoundingClientRect();
    const left = rect.left + parseFloat(cs.borderLeftWidth || '0');
    const top = rect.top + parseFloat(cs.borderTopWidth || '0');
    const width = f.clientWidth;
    const height = f.clientHeight;
    const clip = this.clipRect({ left, top, right: left + width, bottom: top + height });
    setStyles(this.frame, {
      display: 'block', left: `${left - origin.left}px`, top: `${top - origin.top}px`, width: `${width}px`, height: `${height}px`,
      'clip-path': `inset(${clip.top - top}px ${left + width - clip.right}px ${top + height - clip.bottom}px ${clip.left - left}px)`,
    });
    const mirrorStyle = {};
    for (const name of MIRRORED_STYLES) mirrorStyle[name] = cs.getPropertyValue(name);
    if (f instanceof HTMLInputElement) mirrorStyle['white-space'] = 'pre';
    mirrorStyle.width = `${width}px`;
    mirrorStyle.height = `${height}px`;
    setStyles(this.mirror, mirrorStyle);
    if (this.mirrorText.data !== this.text) this.mirrorText.data = this.text;
    this.mirror.scrollTop = f.scrollTop;
    this.mirror.scrollLeft = f.scrollLeft;
    const base = this.mirror.getBoundingClientRect();
    const range = document.createRange();
    const nodes = [];
    this.boxes.clear();
    for (const finding of this.findings) {
      range.setStart(this.mirrorText, finding.start);
      range.setEnd(this.mirrorText, Math.max(finding.end, finding.start));
      const rects = lineRects(range, finding.start === finding.end);
      if (!rects.length) continue;
      const client = rects.map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
      this.boxes.set(finding, client);
      const minL = Math.min(...client.map((r) => r.left)), minT = Math.min(...client.map((r) => r.top));
      const maxR = Math.max(...client.map((r) => r.right)), maxB = Math.max(...client.map((r) => r.bottom));
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('data-testid', this.opts.testid);
      if (finding.category != null) mark.setAttribute('data-category', String(finding.category));
      if (finding.severity != null) mark.setAttribute('data-severity', String(finding.severity));
      if (finding.kind != null) mark.setAttribute('data-kind', String(finding.kind));
      if (finding.rule != null) mark.setAttribute('data-rule', String(finding.rule));
      mark.setAttribute('data-start', String(finding.start));
      mark.setAttribute('data-end', String(finding.end));
      if (finding === this.hover || finding === this.caret) mark.classList.add('active');
      setStyles(mark, { left: `${minL - base.left}px`, top: `${minT - base.top}px`, width: `${maxR - minL}px`, height: `${maxB - minT}px` });
      for (const r of client) {
        const box = document.createElement('span');
        box.className = 'box';
        setStyles(box, { left: `${r.left - minL}px`, top: `${r.top - minT}px`, width: `${r.right - r.left}px`, height: `${r.bottom - r.top}px` });
        mark.appendChild(box);
      }
      nodes.push(mark);
    }
    this.marks.replaceChildren(...nodes);
    this.renderCard();
  }

  findingAtPoint(x, y) {
    let best = null;
    for (const [finding, rects] of this.boxes) {
      if (rects.some((r) => x >= r.left && x <= r.right && y >= r.top - 1 && y <= r.bottom + 2)) {
        if (!best || (SEVERITY_ORDER[finding.severity] ?? 3) < (SEVERITY_ORDER[best.severity] ?? 3)) best = finding;
      }
    }
    return best;
  }

  /** The finding under a caret position (its end counts, so the caret just after a word finds it); worst first. */
  findingAt(pos) {
    let best = null;
    for (const f of this.findings) {
      if (pos >= f.start && pos <= f.end && (!best || (SEVERITY_ORDER[f.severity] ?? 3) < (SEVERITY_ORDER[best.severity] ?? 3))) best = f;
    }
    return best;
  }

  onPointer(e) {
    const finding = this.findingAtPoint(e.clientX, e.clientY);
    if (finding) {
      clearTimeout(this.hideTimer);
      if (finding !== this.hover) {
        this.hover = finding;
        this.layout();
      }
    } else if (this.hover) {
      this.hideHoverSoon();
    }
  }

  hideHoverSoon() {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (this.hover) {
        this.hover = null;
        this.layout();
      }
    }, 250);
  }

  /** Shows the card of the finding at the caret; `open` false only keeps or hides an open one. */
  onCaret(open) {
    const f = this.field;
    const focused = isFocused(f);
    const finding = focused && this.text === f.value && f.selectionStart === f.selectionEnd ? this.findingAt(f.selectionStart) : null;
    const selected = focused && f.selectionStart !== f.selectionEnd
      ? this.findings.find((x) => x.start === f.selectionStart && x.end === f.selectionEnd) || null
      : null;
    const next = finding || selected;
    // Escape hides a card until the caret leaves that finding.
    if (next !== this.dismissed) this.dismissed = null;
    const shown = next === this.dismissed || (!open && !this.caret) ? null : next;
    this.setCaret(shown);
  }

  setCaret(next) {
    if (next === this.caret) return;
    this.caret = next;
    this.layout();
    this.opts.onCaret(next);
  }

  onBlur() {
    setTimeout(() => {
      if (!isFocused(this.field)) this.setCaret(null);
    }, 0);
  }

  onKey(e) {
    if (e.key === 'Escape' && (this.hover || this.caret)) {
      this.dismissed = this.caret;
      this.hover = null;
      this.setCaret(null);
      return;
    }
    if (!this.opts.fixes || !this.opts.isShortcut(e)) return;
    const f = this.field;
    const finding = this.findingAt(f.selectionStart) || this.findingAt(f.selectionEnd);
    if (finding && finding.fixes.length) {
      e.preventDefault();
      this.apply(finding, 0);
    }
  }

  /** Applies `finding.fixes[index]` (undoable); false if the finding is no longer current. */
  apply(finding, index = 0) {
    if (!this.findings.includes(finding) || this.field.value !== this.text) return false;
    const fix = finding.fixes[index];
    if (typeof fix !== 'string') return false;
    return replaceText(this.field, finding.start, finding.end, fix);
  }

  /** Selects a finding's text in the field and shows its card (used by findings lists). */
  reveal(finding) {
    const target = this.findings.find((x) => x === finding) || this.findings.find((x) => x.start === finding.start && x.end === finding.end && x.rule === finding.rule);
    if (!target) return false;
    const f = this.field;
    f.focus({ preventScroll: true });
    f.setSelectionRange(target.start, target.end);
    scrollToOffset(f, this.mirror, this.mirrorText, target.start);
    this.setCaret(target);
    this.layout();
    f.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    return true;
  }

  renderCard() {
    const finding = this.hover || this.caret;
    const rects = finding && this.boxes.get(finding);
    if (!finding || !rects || !rects.length) {
      this.card.hidden = true;
      this.card.replaceChildren();
      this.cardFor = null;
      return;
    }
    if (this.cardFor !== finding || this.cardLang !== this.opts.strings) {
      this.cardFor = finding;
      this.cardLang = this.opts.strings;
      this.fillCard(finding);
    }
    this.card.hidden = false;
    const origin = this.host.getBoundingClientRect();
    const first = rects[rects.length - 1];
    const cardWidth = this.card.offsetWidth;
    const maxLeft = document.documentElement.clientWidth - cardWidth - 8;
    const left = Math.max(8, Math.min(first.left, maxLeft));
    let top = first.bottom + 6;
    const cardHeight = this.card.offsetHeight;
    if (top + cardHeight > window.innerHeight && rects[0].top - cardHeight - 6 > 0) top = rects[0].top - cardHeight - 6;
    setStyles(this.card, { left: `${left - origin.left}px`, top: `${top - origin.top}px` });
  }

  fillCard(finding) {
    const d = this.opts.describe(finding) || {};
    const s = this.opts.strings;
    this.card.setAttribute('data-severity', String(finding.severity ?? ''));
    if (finding.kind != null) this.card.setAttribute('data-kind', String(finding.kind));
    else this.card.removeAttribute('data-kind');
    const head = document.createElement('div');
    head.className = 'head';
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.append(severityIcon(finding.severity), document.createTextNode(d.severity || ''));
    const cat = document.createElement('span');
    cat.textContent = d.category || '';
    head.append(sev, cat);
    const msg = document.createElement('p');
    msg.className = 'msg';
    msg.textContent = d.message || '';
    this.card.replaceChildren(head, msg);
    if (!this.opts.fixes) return;
    if (!finding.fixes.length) {
      const none = document.createElement('div');
      none.className = 'hint';
      none.textContent = s.noFix;
      this.card.appendChild(none);
      return;
    }
    const fixes = document.createElement('div');
    fixes.className = 'fixes';
    finding.fixes.slice(0, 4).forEach((fix, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'fix';
      b.textContent = fix === '' ? s.remove : `${s.replaceWith} “${fix}”`;
      b.title = b.textContent;
      // Keep focus (and the caret) in the field while clicking.
      b.addEventListener('pointerdown', (e) => e.preventDefault());
      b.addEventListener('click', () => this.apply(finding, i));
      fixes.appendChild(b);
    });
    const hint = document.createElement('div');
    hint.className = 'hint';
    hint.textContent = s.shortcut;
    this.card.append(fixes, hint);
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.timer);
    clearTimeout(this.hideTimer);
    cancelAnimationFrame(this.frameRequest);
    for (const off of this.unlisten) off();
    this.resizeObserver.disconnect();
    this.host.remove();
  }
}

function isFocused(field) {
  const root = field.getRootNode();
  return (root.activeElement || document.activeElement) === field;
}

/** Rectangles of a range, one per line fragment, without the empty slivers browsers report at wraps. */
function lineRects(range, collapsed) {
  const out = [];
  for (const r of range.getClientRects()) {
    if (r.height === 0) continue;
    if (r.width < 0.5 && !collapsed) continue;
    const last = out[out.length - 1];
    if (last && Math.abs(last.top - r.top) < 1 && Math.abs(last.bottom - r.bottom) < 1 && r.left <= last.right + 1) {
      last.right = Math.max(last.right, r.right);
      continue;
    }
    out.push({ left: r.left, top: r.top, right: collapsed ? r.left + 4 : r.right, bottom: r.bottom });
  }
  return out;
}

/** Scrolls the field so that the character at `offset` is visible (setSelectionRange alone does not when unfocused). */
function scrollToOffset(field, mirror, textNode, offset) {
  const range = document.createRange();
  const at = Math.min(offset, textNode.data.length);
  range.setStart(textNode, at);
  range.setEnd(textNode, at);
  const r = range.getBoundingClientRect();
  const base = mirror.getBoundingClientRect();
  const y = r.top - base.top + mirror.scrollTop;
  if (y < field.scrollTop || y + r.height > field.scrollTop + field.clientHeight) {
    field.scrollTop = Math.max(0, y - field.clientHeight / 3);
  }
}
