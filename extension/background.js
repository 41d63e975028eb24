/**
 * The extension's service worker: the one place content scripts reach the
 * wasm engine. A Seller Central page's CSP may forbid compiling wasm in a
 * content script, but never here (the extension's own CSP allows
 * 'wasm-unsafe-eval'). Content scripts send batches of calls as one
 * runtime message and get one answer per call, in order.
 *
 * The glue is imported statically (service workers may not use dynamic
 * import()) and the wasm is loaded from the extension's own files, so
 * nothing is fetched from the network. MV3 stops idle workers; the engine
 * is simply built again on the next message.
 */
import init, { Engine } from './engine/tactful.js';
import { mergeProfile, STORAGE_KEY } from './page-store.js';

/** What a content script may ask for. Template imports stay with the side panel. */
const METHODS = new Set(['classify', 'check', 'suggest', 'labels']);

/** The settings the side panel saves (the page's settings object: marketplace, profile, templates, UI language). */
async function storedSettings() {
  const stored = await chrome.storage.local.get(STORAGE_KEY);
  const value = stored[STORAGE_KEY];
  return value && typeof value === 'object' ? value : {};
}

let builtinTemplates = null;
let appliedTemplates = null;

/** Makes the engine hold the seller's stored template set (or the built-in one again). */
function applyTemplates(engine, templates) {
  const wanted = typeof templates === 'string' ? templates : null;
  if (wanted === appliedTemplates) return;
  try {
    if (wanted !== null) engine.importTemplates(wanted);
    else if (builtinTemplates !== null) engine.importTemplates(builtinTemplates);
    appliedTemplates = wanted;
  } catch (error) {
    // The side panel validated the set before saving it; an engine update
    // that no longer accepts it leaves the built-in set in use.
    console.warn('Tactful: the stored template set was not accepted:', messageOf(error));
  }
}

const ready = (async () => {
  await init({ module_or_path: chrome.runtime.getURL('engine/tactful_bg.wasm') });
  const engine = new Engine();
  builtinTemplates = engine.exportTemplates();
  applyTemplates(engine, (await storedSettings()).templates);
  return engine;
})();

function messageOf(error) {
  return error && typeof error.message === 'string' ? error.message : String(error);
}

/**
 * One call. `suggest` gets the seller's stored profile, merged over the
 * engine's defaults (the content script never handles the profile).
 */
async function run(engine, { method, args }) {
  if (!METHODS.has(method)) throw new Error(`Tactful does not offer ${String(method)}() to pages.`);
  const list = Array.isArray(args) ? args : [];
  if (method === 'suggest') {
    const settings = await storedSettings();
    applyTemplates(engine, settings.templates);
    return engine.suggest(list[0], mergeProfile(engine.defaultProfile(), settings.profile), list[1]);
  }
  if (typeof engine[method] !== 'function') throw new Error(`This engine build has no ${method}().`);
  return engine[method](...list);
}

async function answer(calls) {
  let engine;
  try {
    engine = await ready;
  } catch (error) {
    const failure = { ok: false, error: `The engine could not load: ${messageOf(error)}` };
    return calls.map(() => failure);
  }
  const results = [];
  for (const call of calls) {
    try {
      results.push({ ok: true, value: await run(engine, call || {}) });
    } catch (error) {
      results.push({ ok: false, error: messageOf(error) });
    }
  }
  return results;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !message || message.kind !== 'tactful/calls' || !Array.isArray(message.calls)) return false;
  answer(message.calls).then((results) => sendResponse({ results }));
  return true;
});

// A new template set saved by the side panel applies to the next call.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes[STORAGE_KEY]) return;
  const next = changes[STORAGE_KEY].newValue;
  ready.then((engine) => applyTemplates(engine, next && next.templates), () => {});
});

// Chromium: the toolbar button opens the side panel (Firefox shows the sidebar instead).
if (chrome.sidePanel && chrome.sidePanel.setPanelBehavior) {
  chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
}
