/**
 * The settings dialog: the seller profile form, generated from the engine's
 * `defaultProfile()` (its keys and value types, so a field added in Rust
 * appears here with no page change), and template set import/export.
 * A failed import changes nothing: the engine validates the whole set
 * before replacing its own, and the page stores the file only after the
 * engine accepted it.
 */
import { $, el, show } from './dom.js';
import { t, has, humanize } from './i18n.js';
import { MARKETPLACES } from './store.js';

const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

/**
 * Fields whose strings come from a closed set: shown as choices, so a typo
 * can never make the engine reject the profile. Keyed by the field's path.
 */
const CHOICES = {
  tone: ['warm', 'neutral', 'brief'],
  working_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  'remedies.not_received': ['trace', 'reship', 'refund'],
  'remedies.damaged_defective': ['replacement', 'refund'],
};
const TIME = /^\d{2}:\d{2}$/;

function fieldLabel(path) {
  const key = `profile.${path.join('.')}`;
  return has(key) ? t(key) : humanize(path[path.length - 1]);
}

function choiceLabel(path, choice) {
  const key = `profile.${path.join('.')}.${choice}`;
  return has(key) ? t(key) : humanize(choice);
}

/**
 * (Re)builds the profile form from the engine's default profile: one field
 * per key, by the default value's type (text, number, time, choice,
 * checkbox group, nested group). `profile` holds the current values;
 * `onChange(newProfile)` gets a full copy after each edit.
 */
export function renderProfileForm(defaults, profile, onChange) {
  const box = $('profile-form');
  if (!defaults || typeof defaults !== 'object') {
    box.replaceChildren(el('p', { class: 'muted', text: t('settings.profile_unavailable') }));
    return;
  }
  const values = structuredClone(profile);
  const commit = () => onChange(structuredClone(values));
  box.replaceChildren(...Object.keys(defaults).map((key) => field([key], defaults[key], values, commit)).filter(Boolean));
}

/** One field for `holder[path.at(-1)]`, typed after `def`. */
function field(path, def, holder, commit) {
  const key = path[path.length - 1];
  const id = `profile-${path.join('-')}`;
  const name = path.join('.');
  const current = holder[key];
  const set = (v) => {
    holder[key] = v;
    commit();
  };
  const row = (input) => el('div', { class: 'profile-row' }, [el('label', { for: id, text: fieldLabel(path) }), input]);

  if (Array.isArray(def)) {
    const choices = CHOICES[name] || (def.every((x) => MARKETPLACES.includes(x)) && /marketplace/.test(key) ? MARKETPLACES : null);
    if (choices) {
      const chosen = new Set(Array.isArray(current) ? current : def);
      const boxes = choices.map((c) => {
        const input = el('input', { type: 'checkbox', id: `${id}-${c}`, value: c, checked: chosen.has(c) });
        input.addEventListener('change', () => {
          if (input.checked) chosen.add(c);
          else chosen.delete(c);
          set(choices.filter((x) => chosen.has(x)));
        });
        return el('label', { class: 'check', for: `${id}-${c}` }, [input, choices === MARKETPLACES ? c : choiceLabel(path, c)]);
      });
      return el('fieldset', { class: 'profile-row group' }, [el('legend', { text: fieldLabel(path) }), el('div', { class: 'checks' }, boxes)]);
    }
    const input = el('input', { id, type: 'text', value: (Array.isArray(current) ? current : def).join(', ') });
    input.addEventListener('change', () => set(input.value.split(',').map((x) => x.trim()).filter(Boolean)));
    return row(input);
  }
  if (def && typeof def === 'object') {
    const inner = current && typeof current === 'object' ? current : (holder[key] = structuredClone(def));
    const keys = Object.keys(def);
    if (keys.length === 0) {
      // A free map (e.g. preferred carrier per marketplace): one text field per marketplace.
      const rows = MARKETPLACES.map((m) => {
        const input = el('input', { id: `${id}-${m}`, type: 'text', value: inner[m] ?? '' });
        input.addEventListener('input', () => {
          if (input.value.trim()) inner[m] = input.value.trim();
          else delete inner[m];
          commit();
        });
        return el('div', { class: 'map-row' }, [el('label', { for: `${id}-${m}`, text: m }), input]);
      });
      return el('fieldset', { class: 'profile-row group' }, [el('legend', { text: fieldLabel(path) }), el('div', { class: 'map' }, rows)]);
    }
    return el('fieldset', { class: 'profile-row group' }, [
      el('legend', { text: fieldLabel(path) }),
      ...keys.map((k) => field([...path, k], def[k], inner, commit)).filter(Boolean),
    ]);
  }
  if (typeof def === 'number') {
    const input = el('input', { id, type: 'number', min: '0', step: Number.isInteger(def) ? '1' : 'any', inputmode: 'decimal', value: String(current ?? def) });
    input.addEventListener('change', () => {
      const n = Number(input.value);
      const ok = input.value !== '' && Number.isFinite(n) && n >= 0;
      input.setAttribute('aria-invalid', ok ? 'false' : 'true');
      if (ok) set(Number.isInteger(def) ? Math.round(n) : n);
    });
    return row(input);
  }
  if (typeof def === 'boolean') {
    const input = el('input', { id, type: 'checkbox', checked: current ?? def });
    input.addEventListener('change', () => set(input.checked));
    return el('div', { class: 'profile-row inline' }, [input, el('label', { for: id, text: fieldLabel(path) })]);
  }
  if (typeof def === 'string') {
    let input;
    if (CHOICES[name]) {
      input = el('select', { id }, CHOICES[name].map((c) => el('option', { value: c, text: choiceLabel(path, c) })));
    } else if (TIME.test(def)) {
      input = el('input', { id, type: 'time' });
    } else if (/signature/.test(key)) {
      input = el('textarea', { id, rows: '2' });
    } else {
      input = el('input', { id, type: 'text' });
    }
    input.value = String(current ?? def);
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => set(input.value));
    return row(input);
  }
  return null;
}

export function setTemplateStatus(message, kind) {
  const node = $('templates-status');
  node.textContent = message;
  node.setAttribute('data-kind', kind);
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  show(node, !!message);
}

/** Reads a chosen file as text, refusing files too large to be a template set. */
export async function readTemplateFile(file) {
  if (file.size > MAX_TEMPLATE_BYTES) throw new Error(t('settings.too_big'));
  return file.text();
}

/** Saves `text` as a download without any network request (a blob: URL). */
export function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
