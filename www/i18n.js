/**
 * UI strings (zh/en) as data: `i18n/<lang>.json`. Static markup carries
 * `data-i18n` (text) and `data-i18n-placeholder` keys; code asks `t(key, vars)`.
 * Labels for engine ids (intents, risks, categories, severities) come from
 * the engine's own `labels()`, so one source names them everywhere.
 */
const cache = new Map();
let strings = {};
let current = 'en';

export async function loadStrings(lang) {
  if (!cache.has(lang)) {
    cache.set(lang, fetch(new URL(`./i18n/${lang}.json`, import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`i18n/${lang}.json: HTTP ${r.status}`);
      return r.json();
    }));
  }
  try {
    strings = await cache.get(lang);
    current = lang;
  } catch (error) {
    cache.delete(lang);
    throw error;
  }
}

export function uiLang() {
  return current;
}

/** The string for `key` with `{name}` placeholders filled; the key itself if missing (visible, never a crash). */
export function t(key, vars) {
  const template = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m));
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(strings, key);
}

/** Applies the current strings to static markup under `root`. */
export function applyStrings(root = document) {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder')));
}

/** "order_status" → "Order status": readable when neither the engine nor the strings name an id. */
export function humanize(id) {
  const s = String(id).replace(/[._]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
