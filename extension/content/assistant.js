/**
 * The assistant beside the thread: what the buyer wants (intent, risk
 * flags, language), "Insert suggested reply", "Read selection" and the
 * per-site pause switch. It lives in one host element on <body> with an
 * open shadow root and `all: initial`, so Seller Central's CSS cannot reach
 * in and ours cannot leak out; it is fixed to the viewport's right edge
 * rather than inserted into the page's own containers, which the page's
 * framework owns and re-renders. Buyer text only ever enters through
 * textContent.
 */
import { strings, LANGUAGE_NAMES } from './strings.js';
import { severityIcon } from '../lib/underline.js';

const CSS = `
:host { all: initial; }
.panel { position: fixed; right: 16px; top: 88px; z-index: 2147483001; width: 300px; box-sizing: border-box;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  color: #1f2328; background: #fff; border: 1px solid #c9d1d9; border-radius: 10px; box-shadow: 0 8px 24px rgba(31,35,40,.18); }
.panel.collapsed { width: auto; }
.panel.collapsed .body { display: none; }
header { display: flex; align-items: center; gap: 6px; padding: 8px 10px; border-bottom: 1px solid #eaeef2; }
.panel.collapsed header { border-bottom: 0; }
header strong { font-size: 14px; color: #0f766e; }
.market { font-size: 11px; font-weight: 600; padding: 1px 6px; border-radius: 8px; background: #e3f4f2; color: #0b5d57; }
.spacer { flex: 1; }
.body { padding: 10px; display: grid; gap: 8px; }
.label { margin: 0; font-size: 11.5px; color: #57606a; text-transform: uppercase; letter-spacing: .02em; }
.intent-name { margin: 0; font-size: 15px; font-weight: 650; }
.lang { margin: 0; color: #57606a; font-size: 12px; }
.quote { margin: 0; padding: 0 8px; border-left: 3px solid #d0d7de; color: #424a53; font-size: 12px;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden;
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.risks { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; list-style: none; }
.risk { display: inline-flex; align-items: center; gap: 4px; font-size: 12px; font-weight: 600; padding: 1px 7px; border-radius: 10px; background: #fdf1e3; color: #8a4a05; }
.risk svg { width: 12px; height: 12px; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid #c9d1d9; background: #f6f8fa; color: #1f2328; padding: 4px 10px; }
button:focus-visible { outline: 2px solid #0f766e; outline-offset: 2px; }
button:disabled { cursor: default; opacity: .55; }
button.primary { background: #0f766e; border-color: #0f766e; color: #fff; font-weight: 600; padding: 6px 12px; }
button.small { font-size: 12px; padding: 2px 8px; }
button[aria-pressed="true"] { background: #fff3cd; border-color: #d4a72c; }
.hint { margin: 0; font-size: 11.5px; color: #57606a; }
.status { margin: 0; font-size: 12px; color: #0b5d57; min-height: 1em; }
.status[data-kind="error"] { color: #a4161d; }
.paused-note { margin: 0; color: #8a4a05; }
[hidden] { display: none !important; }
`;

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * handlers: {onInsert(), onReadSelection(text), onPause(paused)};
 * label(group, id): an engine id's name in the UI language.
 * Returns the widget's API; `render(view)` redraws from a plain view object.
 */
export function createAssistant(handlers, label) {
  const host = make('div', { 'data-tactful': 'assistant' });
  host.style.setProperty('all', 'initial');
  const root = host.attachShadow({ mode: 'open' });
  // A constructed sheet: unlike a <style> element, no page CSP (style-src) can block it.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];
  const panel = make('section', { class: 'panel', role: 'complementary', 'aria-label': 'Tactful' });

  const title = make('strong', {}, 'Tactful');
  const market = make('span', { class: 'market', 'data-testid': 'marketplace-badge' });
  const pause = make('button', { type: 'button', class: 'small', 'data-testid': 'pause', 'aria-pressed': 'false' });
  const collapse = make('button', { type: 'button', class: 'small', 'aria-expanded': 'true' }, '–');
  const header = make('header');
  header.append(title, market, make('span', { class: 'spacer' }), pause, collapse);

  const pausedNote = make('p', { class: 'paused-note' });
  const intent = make('div', { 'data-testid': 'intent', 'data-intent': '' });
  const wants = make('p', { class: 'label' });
  const intentName = make('p', { class: 'intent-name' });
  const risks = make('ul', { class: 'risks' });
  const lang = make('p', { class: 'lang' });
  const quote = make('p', { class: 'quote', 'data-testid': 'buyer-quote' });
  intent.append(wants, intentName, risks, lang, quote);
  const empty = make('p', { class: 'hint', 'data-testid': 'no-message' });
  const insert = make('button', { type: 'button', class: 'primary', 'data-testid': 'insert-reply' });
  const insertHint = make('p', { class: 'hint' });
  const readSelection = make('button', { type: 'button', 'data-testid': 'read-selection' });
  const status = make('p', { class: 'status', role: 'status', 'data-testid': 'status' });
  const body = make('div', { class: 'body' });
  body.append(pausedNote, intent, empty, insert, insertHint, readSelection, status);
  panel.append(header, body);
  root.append(panel);

  let view = { lang: 'en', paused: false, marketplace: '', reading: null, busy: false, canInsert: false };
  let selectionAtPress = '';

  // Pressing a button must not clear the selection the seller made on the page.
  readSelection.addEventListener('mousedown', (e) => {
    selectionAtPress = String(window.getSelection() || '');
    e.preventDefault();
  });
  readSelection.addEventListener('click', () => {
    const text = selectionAtPress || String(window.getSelection() || '');
    selectionAtPress = '';
    handlers.onReadSelection(text.trim());
  });
  insert.addEventListener('mousedown', (e) => e.preventDefault());
  insert.addEventListener('click', () => handlers.onInsert());
  pause.addEventListener('click', () => handlers.onPause(!view.paused));
  collapse.addEventListener('click', () => {
    const collapsed = panel.classList.toggle('collapsed');
    collapse.setAttribute('aria-expanded', String(!collapsed));
    render(view);
  });

  function render(next) {
    view = { ...view, ...next };
    const s = strings(view.lang);
    host.setAttribute('data-paused', String(view.paused));
    host.setAttribute('data-marketplace', view.marketplace);
    host.setAttribute('data-ui-language', view.lang);
    market.textContent = view.marketplace;
    pause.textContent = view.paused ? s.resume : s.pause;
    pause.setAttribute('aria-pressed', String(view.paused));
    collapse.title = panel.classList.contains('collapsed') ? s.expand : s.collapse;
    collapse.setAttribute('aria-label', collapse.title);
    pausedNote.textContent = s.paused;
    pausedNote.hidden = !view.paused;

    const c = view.reading && view.reading.classification;
    intent.hidden = view.paused || !c;
    empty.hidden = view.paused || !!c || view.busy;
    empty.textContent = s.no_message;
    wants.textContent = s.wants;
    intent.setAttribute('data-intent', c && c.intent ? String(c.intent) : '');
    intentName.textContent = c && c.intent ? label('intents', c.intent) : '';
    risks.replaceChildren(...(c && Array.isArray(c.risks) ? c.risks : []).map((r) => {
      const li = make('li', { class: 'risk', 'data-testid': 'risk', 'data-risk': String(r) });
      li.append(severityIcon('warning'), make('span', {}, label('risks', r)));
      return li;
    }));
    const language = c && typeof c.language === 'string' && c.language !== 'unknown' ? c.language : '';
    lang.textContent = language ? `${s.written_in}: ${(LANGUAGE_NAMES[view.lang] || LANGUAGE_NAMES.en)[language] || language}` : '';
    lang.setAttribute('data-lang', language);
    quote.textContent = view.reading ? view.reading.text : '';

    insert.textContent = s.insert;
    insert.hidden = view.paused;
    insert.disabled = !view.canInsert;
    insertHint.textContent = s.insert_hint;
    insertHint.hidden = view.paused;
    readSelection.textContent = s.read_selection;
    readSelection.hidden = view.paused;
  }

  function setStatus(text, kind = 'ok') {
    status.textContent = text;
    status.setAttribute('data-kind', kind);
  }

  /** (Re)attaches the host if the page's framework removed it from <body>. */
  function mount() {
    if (!host.isConnected) (document.body || document.documentElement).appendChild(host);
  }

  mount();
  render(view);
  return { render, setStatus, mount, host };
}
