/**
 * The page: wires the three panes, the settings and the engine worker.
 * The UI is usable (paste, type) before the wasm has loaded; engine calls
 * wait for it. Buyer analysis and draft checks are debounced and
 * single-flight, and an answer is drawn only for the text it was computed on.
 */
import { startEngine } from './engine-client.js';
import { loadStrings, applyStrings, t, uiLang } from './i18n.js';
import { loadSettings, saveSettings, browserDefaults, mergeProfile, MARKETPLACES } from './store.js';
import { attachUnderlines, replaceText } from './lib/underline.js';
import { $, el, show, debounce } from './dom.js';
import { setLabels, label, findingMessage } from './labels.js';
import { renderRead, clearRead, evidenceMarks, describeEvidence } from './read-pane.js';
import { renderCount, renderTemplates, renderVariables, renderFindings, renderStructure, renderReplyLanguage } from './reply-pane.js';
import { renderProfileForm, setTemplateStatus, readTemplateFile, download } from './settings.js';

/** Resolves once the engine and the seller's stored templates are loaded. */
const engineReady = (() => {
  /** @type {(value?: unknown) => void} */
  let resolve;
  /** @type {(error: Error) => void} */
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
})();

const state = {
  settings: loadSettings(browserDefaults(navigator.languages)),
  engine: null,
  defaultProfile: null,
  builtinTemplates: null,
  engineState: 'loading',
  engineError: '',
  analysis: { key: null, promise: null },
  current: null,
  template: null,
  variables: {},
  suggestGen: 0,
  intentOverride: null,
  receivedSetByHand: false,
  lastSuggested: '',
  pendingReply: null,
  findings: [],
  checkResult: null,
};

const buyer = $('buyer');
/** Longer messages are read, but their evidence is not drawn (the mirror would cost more than it helps). */
const EVIDENCE_MAX = 120000;
const reply = $('reply');

function persist() {
  const error = saveSettings(state.settings);
  if (error) setStatus('failed', t('settings.save_failed', { reason: error.message || String(error) }));
}

function profile() {
  return mergeProfile(state.defaultProfile, state.settings.profile);
}

function setStatus(kind, message) {
  const node = $('engine-status');
  node.setAttribute('data-state', kind);
  node.removeAttribute('data-i18n');
  node.textContent = message;
}

function renderEngineStatus() {
  if (state.engineState === 'failed') setStatus('failed', t('engine.failed', { reason: state.engineError }));
  else setStatus(state.engineState, t(state.engineState === 'ready' ? 'engine.ready' : 'engine.loading'));
}

/** Engine calls made by the UI wait until the engine and the seller's templates are loaded. */
const waitFor = (method) => async (...args) => {
  await engineReady.promise;
  return state.engine[method](...args);
};
const engine = {
  classify: waitFor('classify'),
  check: waitFor('check'),
  suggest: waitFor('suggest'),
  importTemplates: waitFor('importTemplates'),
  exportTemplates: waitFor('exportTemplates'),
};

// ---- buyer message → classification + suggestion -------------------------

function analysisKey(text) {
  return `${state.settings.marketplace}\u0000${receivedMs()}\u0000${JSON.stringify(state.settings.profile)}\u0000${text}`;
}

/** When the buyer's message arrived (the 24-hour clock starts there), from the "Received" field. */
function receivedMs() {
  const ms = new Date($('received').value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** "YYYY-MM-DDTHH:MM" in local time, the value format of a datetime-local input. */
function localInputValue(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

function suggestContext(extra = {}) {
  /** @type {Record<string, unknown>} */
  const context = { marketplace: state.settings.marketplace, ...extra };
  const received = receivedMs();
  if (received !== null) context.received_ms = received;
  if (state.intentOverride) context.intent = state.intentOverride;
  return context;
}

/**
 * suggest() that degrades instead of failing when an engine build does not
 * know an optional context field yet (it rejects unknown fields by name):
 * the field is dropped and the call retried.
 */
async function suggestWith(text, context) {
  const ctx = { ...context };
  for (;;) {
    try {
      return await engine.suggest(text, profile(), ctx);
    } catch (error) {
      const field = /unknown field `(\w+)`/.exec(error.message || '');
      if (!field || !(field[1] in ctx) || field[1] === 'marketplace') throw error;
      delete ctx[field[1]];
    }
  }
}

/** One analysis per (text, settings): the read pane and the evidence underlines share it. */
function analyzeBuyer(text) {
  const key = analysisKey(text);
  if (state.analysis.key === key) return state.analysis.promise;
  const promise = (async () => {
    // The profile is only known once the engine has said what it looks like.
    await engineReady.promise.catch(() => {});
    try {
      const suggestion = await suggestWith(text, suggestContext());
      return { text, suggestion, classification: suggestion && suggestion.classification, error: null };
    } catch (error) {
      let classification = null;
      try {
        classification = await engine.classify(text, { marketplace: state.settings.marketplace });
      } catch {
        classification = null;
      }
      return { text, suggestion: null, classification, error };
    }
  })();
  state.analysis = { key, promise };
  return promise;
}

/** aria-busy on the read pane: true from a keystroke until its analysis is drawn. */
function setBusy(busy) {
  $('read-pane').setAttribute('aria-busy', busy ? 'true' : 'false');
}

function analyzeNow() {
  const text = buyer.value;
  if (!text.trim()) {
    setBusy(false);
    state.current = null;
    state.suggestGen++;
    clearRead();
    renderTemplates(null);
    renderVariables([], {}, onVariable);
    show($('suggest-error'), false);
    return;
  }
  const key = analysisKey(text);
  analyzeBuyer(text).then((result) => {
    if (buyer.value !== text || analysisKey(text) !== key) return;
    // Same message, new settings (marketplace, profile, templates): keep what the seller typed.
    const sameMessage = state.current !== null && state.current.text === text;
    state.current = result;
    state.template = result.suggestion && result.suggestion.template ? result.suggestion.template : null;
    if (!sameMessage) {
      state.variables = {};
      state.intentOverride = null;
    }
    state.suggestGen++;
    renderAnalysis(true);
    setBusy(false);
    if (sameMessage && Object.values(state.variables).some((v) => v.trim() !== '')) resuggest();
  });
}

const analyzeSoon = debounce(analyzeNow, 250);

function renderAnalysis(offerReply) {
  const r = state.current;
  if (!r) return;
  renderRead(r.classification, r.suggestion, state.intentOverride);
  const note = $('evidence-note');
  const tooLong = r.text.length > EVIDENCE_MAX;
  note.textContent = t(tooLong ? 'read.too_long' : 'read.evidence');
  show(note, tooLong || !!(r.classification && Array.isArray(r.classification.evidence) && r.classification.evidence.length));
  const errorBox = $('suggest-error');
  if (r.error || !r.suggestion) {
    errorBox.textContent = t('reply.suggest_failed', { reason: r.error ? r.error.message : '—' });
    show(errorBox, true);
  } else {
    show(errorBox, false);
  }
  renderSuggestion(r.suggestion, offerReply);
}

function renderSuggestion(suggestion, offerReply) {
  renderTemplates(suggestion);
  renderVariables(suggestion && suggestion.missing, state.variables, onVariable);
  if (offerReply && suggestion && typeof suggestion.reply === 'string') offerSuggestedReply(suggestion.reply);
}

/** Fills the editor, unless the seller has edited it: then the new text waits behind a button. */
function offerSuggestedReply(text) {
  const dirty = reply.value.trim() !== '' && reply.value !== state.lastSuggested;
  if (!dirty || reply.value === text) {
    state.pendingReply = null;
    show($('new-suggestion'), false);
    if (reply.value !== text) {
      reply.value = text;
      reply.style.height = '';
      replyUnderlines.refresh();
      onReplyEdited();
    }
    state.lastSuggested = text;
  } else {
    state.pendingReply = text;
    show($('new-suggestion'), true);
  }
}

/** Re-runs suggest for the same message with the chosen template and typed variables. */
const resuggest = debounce(async () => {
  const current = state.current;
  if (!current) return;
  const gen = ++state.suggestGen;
  const extra = {};
  if (state.template) extra.template = state.template;
  const variables = Object.fromEntries(Object.entries(state.variables).filter(([, v]) => v.trim() !== ''));
  if (Object.keys(variables).length) extra.variables = variables;
  try {
    const suggestion = await suggestWith(current.text, suggestContext(extra));
    if (gen !== state.suggestGen || state.current !== current) return;
    current.suggestion = suggestion;
    current.error = null;
    show($('suggest-error'), false);
    renderRead(current.classification, suggestion, state.intentOverride);
    renderSuggestion(suggestion, true);
  } catch (error) {
    if (gen !== state.suggestGen) return;
    $('suggest-error').textContent = t('reply.suggest_failed', { reason: error.message });
    show($('suggest-error'), true);
  }
}, 300);

function onVariable(name, value) {
  state.variables[name] = value;
  resuggest();
}

// ---- the reply editor -------------------------------------------------------

function buyerLanguage() {
  const lang = state.current && state.current.classification && state.current.classification.language;
  return typeof lang === 'string' && lang !== 'unknown' ? lang : null;
}

function checkContext() {
  const context = { marketplace: state.settings.marketplace, proactive: false };
  if (buyerLanguage()) context.buyer_language = buyerLanguage();
  return context;
}

function underlineStrings() {
  return { replaceWith: t('fix.replace_with'), remove: t('fix.remove'), shortcut: t('fix.shortcut'), noFix: t('fix.none') };
}

const replyUnderlines = attachUnderlines(reply, {
  check: (text) => (text.trim() ? engine.check(text, checkContext()) : Promise.resolve({ findings: [], structure: null })),
  describe: (f) => ({ severity: label('severities', f.severity), category: label('categories', f.category), message: findingMessage(f) }),
  strings: underlineStrings(),
  ignoreOptOut: true,
  debounceMs: 180,
  onChange: ({ findings, result, text, fresh }) => {
    state.findings = findings;
    show($('check-error'), false);
    renderFindings(findings, text, replyUnderlines);
    if (fresh) {
      state.checkResult = result;
      renderStructure(result && result.structure, text, reply);
      renderReplyLanguage(text.trim() && result ? result.language : null, buyerLanguage());
    }
  },
  onCaret: (finding) => {
    const d = finding ? `${label('severities', finding.severity)}: ${label('categories', finding.category)}. ${findingMessage(finding)}${finding.fixes.length ? ` ${t('fix.shortcut')}.` : ''}` : '';
    if ($('caret-finding').textContent !== d) $('caret-finding').textContent = d;
  },
  onError: (error) => {
    if (state.engineState === 'failed') return;
    $('check-error').textContent = t('reply.check_failed', { reason: error.message });
    show($('check-error'), true);
  },
});

const buyerUnderlines = attachUnderlines(buyer, {
  maxLength: EVIDENCE_MAX,
  check: (text) => (text.trim()
    ? analyzeBuyer(text).then((r) => ({ findings: evidenceMarks(r.classification) }))
    : Promise.resolve({ findings: [] })),
  describe: describeEvidence,
  testid: 'evidence',
  fixes: false,
  ignoreOptOut: true,
  debounceMs: 250,
});

/** Grows the editor with its text (up to most of the window), so the whole reply is in view. */
function fitReply() {
  const cap = Math.max(280, Math.round(window.innerHeight * 0.7));
  const current = reply.getBoundingClientRect().height;
  const needed = reply.scrollHeight + reply.offsetHeight - reply.clientHeight;
  if (needed > current && current < cap) reply.style.height = `${Math.min(needed, cap)}px`;
}

function onReplyEdited() {
  fitReply();
  renderCount(reply.value);
  if (!reply.value.trim()) renderStructure(null, '', reply);
}

// ---- UI language, marketplace, settings -----------------------------------

function fillMarketplaces() {
  const select = $('marketplace');
  select.replaceChildren(...MARKETPLACES.map((m) => el('option', { value: m, text: t(`marketplace.${m}`) })));
  select.value = state.settings.marketplace;
}

function rerenderAll() {
  applyStrings();
  fillMarketplaces();
  $('ui-language').value = uiLang();
  renderEngineStatus();
  if (state.current) renderAnalysis(false);
  else clearRead();
  replyUnderlines.setOptions({ strings: underlineStrings() });
  buyerUnderlines.setOptions({});
  renderFindings(state.findings, reply.value, replyUnderlines);
  renderStructure(state.checkResult && state.checkResult.structure, reply.value, reply);
  renderReplyLanguage(reply.value.trim() && state.checkResult ? state.checkResult.language : null, buyerLanguage());
  renderCount(reply.value);
  renderProfileForm(state.defaultProfile, profile(), onProfile);
}

async function setUiLanguage(lang) {
  await loadStrings(lang);
  state.settings.ui_language = lang;
  persist();
  rerenderAll();
}

/** Settings that change what the engine answers: re-read the message and re-check the draft. */
function settingsChanged() {
  state.analysis = { key: null, promise: null };
  analyzeNow();
  buyerUnderlines.refresh();
  replyUnderlines.refresh();
}

const profileChanged = debounce(settingsChanged, 400);

function onProfile(next) {
  state.settings.profile = next;
  persist();
  profileChanged();
}

async function importTemplates(file) {
  try {
    const text = await readTemplateFile(file);
    await engine.importTemplates(text);
    state.settings.templates = text;
    persist();
    setTemplateStatus(t('settings.imported'), 'ok');
    settingsChanged();
  } catch (error) {
    setTemplateStatus(t('settings.import_failed', { reason: error.message || String(error) }), 'error');
  }
}

function wire() {
  buyer.addEventListener('input', () => {
    // A new message starts the 24-hour clock now, unless the seller set when it arrived.
    const received = $('received');
    if (!buyer.value.trim()) {
      if (!state.receivedSetByHand) received.value = '';
    } else if (!received.value) {
      received.value = localInputValue(Date.now());
    }
    setBusy(true);
    analyzeSoon();
  });
  // The clock's "time left" is recomputed whenever the seller comes back to the page.
  const refreshClock = () => {
    if (document.visibilityState === 'visible' && state.current) renderRead(state.current.classification, state.current.suggestion, state.intentOverride);
  };
  document.addEventListener('visibilitychange', refreshClock);
  window.addEventListener('focus', refreshClock);
  $('received').addEventListener('change', () => {
    state.receivedSetByHand = $('received').value !== '';
    settingsChanged();
  });
  $('intent-override').addEventListener('change', (e) => {
    state.intentOverride = e.target.value || null;
    state.template = null;
    resuggest();
  });
  reply.addEventListener('input', () => {
    onReplyEdited();
    if (reply.value === state.lastSuggested) show($('new-suggestion'), false);
  });
  $('clear-buyer').addEventListener('click', () => {
    buyer.value = '';
    buyer.dispatchEvent(new Event('input', { bubbles: true }));
    buyer.focus();
  });
  $('marketplace').addEventListener('change', (e) => {
    state.settings.marketplace = e.target.value;
    persist();
    settingsChanged();
  });
  $('ui-language').addEventListener('change', (e) => setUiLanguage(e.target.value));
  $('template').addEventListener('change', (e) => {
    state.template = e.target.value;
    resuggest();
  });
  $('use-suggestion').addEventListener('click', () => {
    if (state.pendingReply === null) return;
    const text = state.pendingReply;
    replaceText(reply, 0, reply.value.length, text);
    state.lastSuggested = text;
    state.pendingReply = null;
    show($('new-suggestion'), false);
  });
  $('keep-draft').addEventListener('click', () => {
    state.pendingReply = null;
    show($('new-suggestion'), false);
    reply.focus();
  });
  $('copy').addEventListener('click', async () => {
    const status = $('copy-status');
    const blocking = state.findings.filter((f) => f.severity === 'block').length;
    const copied = blocking ? t('reply.copied_blocked', { count: blocking }) : t('reply.copied');
    try {
      await navigator.clipboard.writeText(reply.value);
      status.textContent = copied;
    } catch {
      reply.focus();
      reply.select();
      status.textContent = document.execCommand('copy') ? copied : t('reply.copy_failed');
    }
    status.classList.toggle('warn', blocking > 0);
    setTimeout(() => { status.textContent = ''; }, 4000);
  });
  $('open-settings').addEventListener('click', () => {
    renderProfileForm(state.defaultProfile, profile(), onProfile);
    $('settings').showModal();
  });
  $('import-templates').addEventListener('change', (e) => {
    const file = e.target.files && e.target.files[0];
    e.target.value = '';
    if (file) importTemplates(file);
  });
  $('export-templates').addEventListener('click', async () => {
    try {
      download(await engine.exportTemplates(), 'tactful-templates.json');
    } catch (error) {
      setTemplateStatus(error.message, 'error');
    }
  });
  $('reset-templates').addEventListener('click', async () => {
    try {
      if (state.builtinTemplates !== null) await engine.importTemplates(state.builtinTemplates);
      state.settings.templates = null;
      persist();
      setTemplateStatus(t('settings.reset_done'), 'ok');
      settingsChanged();
    } catch (error) {
      setTemplateStatus(error.message, 'error');
    }
  });
}

async function loadExamples() {
  try {
    const data = await (await fetch(new URL('./examples.json', import.meta.url))).json();
    const buttons = (Array.isArray(data.examples) ? data.examples : []).map((ex) => {
      const b = el('button', { type: 'button', class: 'chip-button', lang: ex.lang, 'data-example': ex.lang, text: ex.name });
      b.addEventListener('click', () => {
        buyer.value = ex.text;
        buyer.dispatchEvent(new Event('input', { bubbles: true }));
        buyer.focus();
      });
      return b;
    });
    $('examples').replaceChildren(...buttons);
  } catch {
    show($('examples').parentElement, false);
  }
}

/** Starts the worker; resolves once labels, the profile shape and the seller's templates are in. */
function bootEngine() {
  const raw = startEngine({
    onReady: async () => {
      const [labels, defaults, builtin] = await Promise.all([
        raw.labels().catch(() => null),
        raw.defaultProfile().catch(() => null),
        raw.exportTemplates().catch(() => null),
      ]);
      setLabels(labels);
      state.defaultProfile = defaults && typeof defaults === 'object' ? defaults : null;
      state.builtinTemplates = typeof builtin === 'string' ? builtin : null;
      if (state.settings.templates) {
        try {
          await raw.importTemplates(state.settings.templates);
        } catch (error) {
          setTemplateStatus(t('settings.stored_failed', { reason: error.message }), 'error');
        }
      }
      state.engineState = 'ready';
      engineReady.resolve();
      rerenderAll();
    },
    onFailed: (message) => {
      state.engineState = 'failed';
      state.engineError = message;
      engineReady.reject(new Error(message));
      renderEngineStatus();
    },
  });
  state.engine = raw;
}

async function main() {
  try {
    await loadStrings(state.settings.ui_language);
  } catch {
    await loadStrings('en').catch(() => {});
  }
  wire();
  rerenderAll();
  bootEngine();
  loadExamples();
  if (buyer.value.trim()) analyzeNow();
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register(new URL('./sw.js', import.meta.url), { scope: './' }).catch(() => {});
  }
}

main();
