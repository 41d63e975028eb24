/**
 * Pane 3, the reply: template switcher, fields for missing variables,
 * character count, the findings list beside the editor and the three-part
 * structure indicator. The underlines themselves are drawn by
 * lib/underline.js; this module renders what it reports.
 */
import { $, el, untrusted, show } from './dom.js';
import { t, uiLang, has, humanize } from './i18n.js';
import { label, findingMessage, templateName, langName } from './labels.js';
import { severityIcon } from './lib/underline.js';

export const REPLY_LIMIT = 2000;
const PARTS = ['confirm', 'act', 'timeline'];

/** Characters as Amazon counts them (code points, so an emoji is one). */
export function charCount(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function renderCount(text) {
  const n = charCount(text);
  const locale = uiLang() === 'zh' ? 'zh-CN' : 'en-US';
  const fmt = (x) => x.toLocaleString(locale);
  const node = $('char-count');
  node.textContent = n > REPLY_LIMIT
    ? `${t('reply.count', { count: fmt(n), limit: fmt(REPLY_LIMIT) })} · ${t('reply.over', { over: fmt(n - REPLY_LIMIT) })}`
    : t('reply.count', { count: fmt(n), limit: fmt(REPLY_LIMIT) });
  node.classList.toggle('over', n > REPLY_LIMIT);
  node.classList.toggle('near', n <= REPLY_LIMIT && n > REPLY_LIMIT * 0.9);
}

export function renderTemplates(suggestion) {
  const select = $('template');
  const current = suggestion && typeof suggestion.template === 'string' ? suggestion.template : '';
  const ids = (suggestion && Array.isArray(suggestion.candidates) ? suggestion.candidates : []).filter((x) => typeof x === 'string');
  if (current && !ids.includes(current)) ids.unshift(current);
  select.replaceChildren(...ids.map((id) => el('option', { value: id, text: templateName(id) })));
  select.value = current;
  show($('template-control'), ids.length > 1);
}

function variableLabel(name) {
  return has(`variable.${name}`) ? t(`variable.${name}`) : humanize(name);
}

/**
 * Fields for the variables the engine could not fill, plus any the seller
 * has already typed (they stop being "missing" as soon as they are filled,
 * but the field must not vanish under the cursor).
 */
export function renderVariables(missing, values, onInput) {
  const box = $('variable-fields');
  const names = [];
  for (const n of [...(Array.isArray(missing) ? missing : []), ...Object.keys(values)]) {
    if (typeof n === 'string' && n && !names.includes(n)) names.push(n);
  }
  const existing = new Map([...box.children].map((row) => [row.getAttribute('data-variable'), row]));
  const rows = names.map((name) => {
    const row = existing.get(name);
    if (row) {
      row.querySelector('.var-label').textContent = variableLabel(name);
      return row;
    }
    const id = `var-${name.replace(/[^\w-]/g, '_')}`;
    const input = el('input', { id, type: 'text', autocomplete: 'off', 'data-variable': name, value: values[name] ?? '' });
    input.addEventListener('input', () => onInput(name, input.value));
    return el('div', { class: 'variable', 'data-variable': name }, [el('label', { for: id, class: 'var-label', text: variableLabel(name) }), input]);
  });
  // Reorder without detaching a focused input.
  rows.forEach((row, i) => {
    if (box.children[i] !== row) box.insertBefore(row, box.children[i] || null);
  });
  while (box.children.length > rows.length) box.lastElementChild.remove();
  show($('variables'), rows.length > 0);
}

/** The findings list beside the editor; `controller` is the reply's underliner. */
export function renderFindings(findings, draft, controller) {
  const list = $('findings');
  const items = findings.map((f) => {
    const jump = el('button', { type: 'button', class: 'finding-jump', title: t('findings.show') }, [
      el('span', { class: 'sev', 'data-severity': f.severity }, [severityIcon(f.severity), el('span', { text: label('severities', f.severity) })]),
      el('span', { class: 'finding-cat', text: label('categories', f.category) }),
      untrusted(draft.slice(f.start, f.end), 40),
    ]);
    jump.addEventListener('click', () => controller.reveal(f));
    const fixes = el('div', { class: 'finding-fixes' }, f.fixes.slice(0, 4).map((fix, i) => {
      const b = el('button', { type: 'button', class: 'button small fix' }, fix === ''
        ? [t('fix.remove')]
        : [`${t('fix.replace_with')} `, untrusted(`“${fix}”`, 40)]);
      b.addEventListener('click', () => controller.apply(f, i));
      return b;
    }));
    return el('li', { class: 'finding', 'data-testid': 'finding-item', 'data-category': f.category, 'data-severity': f.severity }, [
      jump,
      el('p', { class: 'finding-msg', text: findingMessage(f) }),
      f.fixes.length ? fixes : null,
    ]);
  });
  list.replaceChildren(...items);
  const pill = $('findings-count');
  pill.textContent = t('findings.count', { count: findings.length });
  show(pill, findings.length > 0);
  const empty = $('findings-empty');
  empty.textContent = draft.trim() ? t('findings.none') : t('findings.empty_draft');
  show(empty, findings.length === 0);
}

/** Confirm / act / timeline: present (click selects it) or missing (with what to add). */
export function renderStructure(structure, draft, field) {
  const list = $('structure');
  const note = $('structure-note');
  if (!structure || typeof structure !== 'object' || !draft.trim()) {
    list.replaceChildren(...PARTS.map((part) => partItem(part, null, field)));
    note.textContent = '';
    return;
  }
  const missing = Array.isArray(structure.missing) ? structure.missing : null;
  const states = PARTS.map((part) => {
    const span = structure[part];
    if (span && typeof span === 'object') return span;
    if (span === undefined && missing && !missing.includes(part)) return true;
    return false;
  });
  list.replaceChildren(...PARTS.map((part, i) => partItem(part, states[i], field)));
  const absent = PARTS.filter((_, i) => !states[i]);
  note.textContent = absent.length ? absent.map((p) => t(`structure.help.${p}`)).join(' ') : t('structure.complete');
}

function partItem(part, state, field) {
  const present = !!state;
  const known = state !== null;
  const mark = known ? (present ? '✓' : '✗') : '·';
  const body = [
    el('span', { class: 'part-mark', 'aria-hidden': 'true', text: mark }),
    el('span', { class: 'part-name', text: t(`structure.${part}`) }),
    known ? el('span', { class: 'part-state', text: t(present ? 'structure.present' : 'structure.missing') }) : null,
  ];
  const item = el('li', { class: 'part', 'data-part': part, 'data-state': known ? (present ? 'present' : 'missing') : 'unknown', title: t(`structure.help.${part}`) });
  if (present && typeof state === 'object' && Number.isFinite(state.start)) {
    const b = el('button', { type: 'button', class: 'part-button' }, body);
    b.addEventListener('click', () => {
      field.focus();
      field.setSelectionRange(state.start, Math.max(state.start, state.end));
    });
    item.append(b);
  } else {
    item.append(...body.filter(Boolean));
  }
  return item;
}

/** The draft's language as the checker read it, flagged when it differs from the buyer's. */
export function renderReplyLanguage(lang, buyerLang) {
  const node = $('reply-language');
  if (typeof lang !== 'string' || !lang || lang === 'unknown') {
    node.removeAttribute('data-lang');
    show(node, false);
    return;
  }
  const mismatch = typeof buyerLang === 'string' && buyerLang !== 'unknown' && buyerLang !== lang;
  node.setAttribute('data-lang', lang);
  node.classList.toggle('mismatch', mismatch);
  node.textContent = mismatch
    ? t('reply.language_mismatch', { lang: langName(lang), buyer: langName(buyerLang) })
    : t('reply.language', { lang: langName(lang) });
  show(node, true);
}
