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
import { el, show, debounce } from './dom.js';
import { setLabels, label, findingMessage } from './labels.js';
import { renderRead, clearRead, evidenceMarks, describeEvidence } from './read-pane.js';
import { renderCount, renderTemplates, renderVariables, renderFindings, renderStructure, renderReplyLanguage } from './reply-pane.js';
import { renderProfileForm, setTemplateStatus, readTemplateFile, download } from './settings.js';

const $ = (id) => document.getElementById(id);

/** Resolves once the engine and the seller's stored templates are loaded. */
const engineReady = (() => {
  let resolve;
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
  lastSuggested: '',
  pendingReply: null,
  findings: [],
  checkResult: null,
};

const buyer = $('buyer');
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
const engine = new Proxy({}, {
  get: (_, method) => async (...args) => {
    await engineReady.promise;
    return state.engine[method](...args);
  },
});

// ---- buyer message → classification + suggestion -------------------------

function analysisKey(text) {
  return `${state.settings.marketplace}\u0000${JSON.stringify(state.settings.profile)}\u0000${text}`;
}

/** One analysis per (text, settings): the read pane and the evidence underlines share it. */
function analyzeBuyer(text) {
  const key = analysisKey(text);
  if (state.analysis.key === key) return state.analysis.promise;
  const promise = (async () => {
    // The profile is only known once the engine has said what it looks like.
    await engineReady.promise.catch(() => {});
    try {
      const suggestion = await engine.suggest(text, profile(), { marketplace: state.settings.marketplace });
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

function analyzeNow() {
  const text = buyer.value;
  if (!text.trim()) {
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
    state.current = result;
    state.template = result.suggestion && result.suggestion.template ? result.suggestion.template : null;
    state.variables = {};
    state.suggestGen++;
    renderAnalysis(true);
  });
}

const analyzeSoon = debounce(analyzeNow, 250);

function renderAnalysis(offerReply) {
  const r = state.current;
  if (!r) return;
  renderRead(r.classification, r.suggestion);
  show($('evidence-note'), !!(r.classification && Array.isArray(r.classification.evidence) && r.classification.evidence.length));
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
  const context = { marketplace: state.settings.marketplace };
  if (state.template) context.template = state.template;
  const variables = Object.fromEntries(Object.entries(state.variables).filter(([, v]) => v.trim() !== ''));
  if (Object.keys(variables).length) context.variables = variables;
  try {
    const suggestion = await engine.suggest(current.text, profile(), context);
    if (gen !== state.suggestGen || state.current !== current) return;
    current.suggestion = suggestion;
    current.error = null;
    show($('suggest-error'), false);
    renderRead(current.classification, suggestion);
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
  check: (text) => (text.trim()
    ? analyzeBuyer(text).then((r) => ({ findings: evidenceMarks(r.classification) }))
    : Promise.resolve({ findings: [] })),
  describe: describeEvidence,
  testid: 'evidence',
  fixes: false,
  ignoreOptOut: true,
  debounceMs: 250,
});

function onReplyEdited() {
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
  buyer.addEventListener('input', analyzeSoon);
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
    try {
      await navigator.clipboard.writeText(reply.value);
      status.textContent = t('reply.copied');
    } catch {
      reply.focus();
      reply.select();
      status.textContent = document.execCommand('copy') ? t('reply.copied') : t('reply.copy_failed');
    }
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
