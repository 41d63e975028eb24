/**
 * The content script on Seller Central: underlines problems in the seller's
 * reply fields, reads the buyer's message (from the thread, or from a
 * selection), shows what the buyer wants and inserts the suggested reply.
 * Every engine call goes to the service worker through the messenger.
 *
 * Settings come from chrome.storage.local, written by the side panel: the
 * page's settings object (marketplace, UI language, profile, templates) and
 * the per-site pause list. A change there reaches every open tab at once.
 */
import { attachUnderlines, replaceText } from '../lib/underline.js';
import { STORAGE_KEY, MARKETPLACES } from '../page-store.js';
import { SITES_KEY, hostMarketplace, pausedHosts } from '../hosts.js';
import { messenger, StaleError } from './messenger.js';
import { watchFields } from './fields.js';
import { findReplyBox, readBuyerMessage } from './selectors.js';
import { createAssistant } from './assistant.js';
import { strings } from './strings.js';

/** Amazon order ids: 3-7-7 digits. */
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/** Longest buyer message we read from a page (longer text is clipped, never sent whole). */
const MAX_BUYER_CHARS = 20000;

const host = location.hostname;
const state = {
  settings: {},
  paused: false,
  labels: null,
  reading: null,
  readingKey: '',
  threadText: '',
  fields: new Map(),
  lastField: null,
  fieldCount: 0,
};
let assistant = null;
let watcher = null;

function uiLang() {
  const stored = state.settings.ui_language;
  if (stored === 'zh' || stored === 'en') return stored;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The seller's saved marketplace; before they ever chose one, the one this host stands for. */
function marketplace() {
  if (MARKETPLACES.includes(state.settings.marketplace)) return state.settings.marketplace;
  return hostMarketplace(host) || 'US';
}

function buyerLanguage() {
  const c = state.reading && state.reading.classification;
  return c && typeof c.language === 'string' && c.language !== 'unknown' ? c.language : null;
}

/** A reply to a buyer's message is not proactive; a message the seller starts (contact-buyer page) is. */
function checkContext() {
  const context = { marketplace: marketplace(), proactive: !state.reading };
  if (buyerLanguage()) context.buyer_language = buyerLanguage();
  return context;
}

function underlineStrings() {
  const s = strings(uiLang());
  return { replaceWith: s.replace_with, remove: s.remove, shortcut: s.shortcut, noFix: s.no_fix };
}

/** An engine id in the UI language, from the engine's labels(); humanised when it has none. */
function label(group, id) {
  const entry = state.labels && state.labels[group] && state.labels[group][id];
  const name = entry && (entry[uiLang()] || entry.en);
  if (name) return name;
  const words = String(id ?? '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(finding) {
  const message = uiLang() === 'zh' ? finding.message_zh || finding.message : finding.message || finding.message_zh;
  return { severity: label('severities', finding.severity), category: label('categories', finding.category), message: message || '' };
}

function reportError(error) {
  if (error instanceof StaleError) return;
  assistant.setStatus(strings(uiLang()).failed.replace('{reason}', error && error.message ? error.message : String(error)), 'error');
}

// ---- reply fields -----------------------------------------------------------

function attach(field) {
  if (state.paused || state.fields.has(field)) return;
  const key = `field-${++state.fieldCount}`;
  const underliner = attachUnderlines(field, {
    check: (text) => (text.trim() ? messenger.call(key, 'check', text, checkContext()) : Promise.resolve({ findings: [] })),
    describe,
    strings: underlineStrings(),
    onError: reportError,
  });
  state.fields.set(field, underliner);
}

function detach(field) {
  const underliner = state.fields.get(field);
  if (underliner) underliner.destroy();
  state.fields.delete(field);
  if (state.lastField === field) state.lastField = null;
}

function refreshFields() {
  for (const underliner of state.fields.values()) {
    underliner.setOptions({ strings: underlineStrings() });
    underliner.refresh();
  }
}

/**
 * Reply variables the page itself tells us: the order id in the URL
 * (Seller Central's contact-buyer and order pages carry `orderID`), so the
 * suggested reply names the order even when the buyer did not.
 */
function pageVariables() {
  const params = new URLSearchParams(location.search);
  const order = params.get('orderID') || params.get('orderId') || '';
  return ORDER_ID.test(order) ? { order_id: order } : {};
}

/** Where "Insert suggested reply" writes: the reply box by the selectors table, else the field last used. */
function targetField() {
  const box = findReplyBox();
  if (box) return box;
  if (state.lastField && state.lastField.isConnected) return state.lastField;
  return [...state.fields.keys()].find((f) => f.isConnected && f.getClientRects().length) || null;
}

// ---- the buyer's message ----------------------------------------------------

async function read(text) {
  const clipped = text.length > MAX_BUYER_CHARS ? text.slice(0, MAX_BUYER_CHARS) : text;
  const key = `${marketplace()}\u0000${clipped}`;
  if (key === state.readingKey) return;
  state.readingKey = key;
  if (!clipped) {
    state.reading = null;
    render();
    return;
  }
  assistant.setStatus(strings(uiLang()).reading);
  render({ busy: true });
  try {
    const context = { marketplace: marketplace() };
    const variables = pageVariables();
    if (Object.keys(variables).length) context.variables = variables;
    const suggestion = await messenger.call('buyer', 'suggest', clipped, context);
    state.reading = { text: clipped, classification: suggestion.classification, suggestion };
    assistant.setStatus('');
    render({ busy: false });
    refreshFields();
  } catch (error) {
    if (error instanceof StaleError) return;
    state.readingKey = '';
    render({ busy: false });
    reportError(error);
  }
}

/** Reads the thread when its latest buyer message changed (a reading from a selection stays until then). */
function readThread() {
  const text = readBuyerMessage();
  if (!text || text === state.threadText) return;
  state.threadText = text;
  read(text);
}

/** At most one thread read per 250 ms however busy the page's DOM is (a debounce could starve). */
let threadTimer = 0;
function readThreadSoon() {
  if (threadTimer) return;
  threadTimer = setTimeout(() => {
    threadTimer = 0;
    readThread();
  }, 250);
}

function insertReply() {
  const s = strings(uiLang());
  const reply = state.reading && state.reading.suggestion && state.reading.suggestion.reply;
  if (typeof reply !== 'string' || !reply) {
    assistant.setStatus(s.no_reply, 'error');
    return;
  }
  const field = targetField();
  if (!field) {
    assistant.setStatus(s.no_field, 'error');
    return;
  }
  replaceText(field, 0, field.value.length, reply);
  assistant.setStatus(s.inserted);
}

// ---- settings and pause -------------------------------------------------------

function render(extra = {}) {
  const reply = state.reading && state.reading.suggestion && state.reading.suggestion.reply;
  assistant.render({
    lang: uiLang(),
    paused: state.paused,
    marketplace: marketplace(),
    reading: state.reading,
    canInsert: typeof reply === 'string' && reply.length > 0,
    ...extra,
  });
}

function setPaused(paused) {
  if (paused === state.paused) return;
  state.paused = paused;
  if (paused) {
    for (const field of [...state.fields.keys()]) detach(field);
  } else {
    watcher.rescan();
  }
  render();
}

async function togglePause(pause) {
  const stored = (await chrome.storage.local.get(SITES_KEY))[SITES_KEY];
  const paused = new Set(pausedHosts(stored));
  if (pause) paused.add(host);
  else paused.delete(host);
  await chrome.storage.local.set({ [SITES_KEY]: { version: 1, paused: [...paused] } });
}

/** What in the settings changes our answers: marketplace and UI language, and (for suggestions) profile and templates. */
function settingsKey() {
  return JSON.stringify([marketplace(), uiLang(), state.settings.profile ?? null, state.settings.templates ?? null]);
}

function applySettings(value) {
  const before = settingsKey();
  state.settings = value && typeof value === 'object' ? value : {};
  if (settingsKey() === before) return;
  render();
  refreshFields();
  if (state.reading) {
    state.readingKey = '';
    read(state.reading.text);
  }
}

export async function start() {
  const stored = await chrome.storage.local.get([STORAGE_KEY, SITES_KEY]);
  state.settings = stored[STORAGE_KEY] && typeof stored[STORAGE_KEY] === 'object' ? stored[STORAGE_KEY] : {};
  state.paused = pausedHosts(stored[SITES_KEY]).includes(host);
  assistant = createAssistant({
    onInsert: insertReply,
    onReadSelection: (text) => {
      if (text) read(text);
      else assistant.setStatus(strings(uiLang()).nothing_selected, 'error');
    },
    onPause: (pause) => togglePause(pause).catch(reportError),
  }, label);
  render();
  watcher = watchFields({
    onField: attach,
    onGone: detach,
    onMutation: () => {
      assistant.mount();
      readThreadSoon();
    },
  });
  // The field the seller last typed in receives "Insert suggested reply" when the page has no known reply box.
  document.addEventListener('focusin', (event) => {
    const target = event.composedPath()[0];
    if (state.fields.has(target)) state.lastField = target;
  }, true);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes[STORAGE_KEY]) applySettings(changes[STORAGE_KEY].newValue);
    if (changes[SITES_KEY]) setPaused(pausedHosts(changes[SITES_KEY].newValue).includes(host));
  });
  readThread();
  // Names for ids are a nicety: without them, ids are shown humanised and nothing is reported.
  messenger.call('labels', 'labels').then((labels) => {
    state.labels = labels;
    render();
    refreshFields();
  }, () => {});
}
