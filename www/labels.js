/**
 * Names for the engine's stable ids in the UI language. The engine's
 * `labels()` is the one source (data/labels/*.json); before it loads, or for
 * an id it does not name, the id is shown humanised rather than nothing.
 */
import { t, has, uiLang, humanize } from './i18n.js';

let labels = null;

export function setLabels(value) {
  labels = value && typeof value === 'object' ? value : null;
}

function entry(group, id) {
  const table = labels && labels[group];
  return table && typeof table === 'object' ? table[id] : undefined;
}

/** group: 'intents' | 'risks' | 'categories' | 'severities' */
export function label(group, id) {
  const e = entry(group, id);
  const lang = uiLang();
  if (e && typeof e[lang] === 'string' && e[lang]) return e[lang];
  if (e && typeof e.en === 'string' && e.en) return e.en;
  if (group === 'severities' && has(`severity.${id}`)) return t(`severity.${id}`);
  return humanize(id ?? '');
}

export function help(group, id) {
  const e = entry(group, id);
  if (!e) return '';
  const own = e[`help_${uiLang()}`];
  return typeof own === 'string' && own ? own : typeof e.help_en === 'string' ? e.help_en : '';
}

export function langName(code) {
  return has(`lang.${code}`) ? t(`lang.${code}`) : String(code ?? '');
}

/** A finding's reason in the UI language (the engine gives both). */
export function findingMessage(f) {
  if (uiLang() === 'zh') return f.message_zh || f.message || '';
  return f.message || f.message_zh || '';
}

/** "damaged_defective.replacement" → "Damaged or defective · replacement" (the variant named in the UI language when known). */
export function templateName(id) {
  const [intent, ...rest] = String(id).split('.');
  const head = entry('intents', intent) ? label('intents', intent) : humanize(intent);
  if (!rest.length) return head;
  const variant = rest.join('.');
  return `${head} · ${has(`template.${variant}`) ? t(`template.${variant}`) : humanize(variant)}`;
}
