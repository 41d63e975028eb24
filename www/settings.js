/**
 * The settings dialog: the seller profile form, generated from the engine's
 * `defaultProfile()` (its keys and value types, so a field added in Rust
 * appears here with no page change), and template set import/export.
 * A failed import changes nothing: the engine validates the whole set
 * before replacing its own, and the page stores the file only after the
 * engine accepted it.
 */
import { el, show } from './dom.js';
import { t, has, humanize } from './i18n.js';
import { MARKETPLACES } from './store.js';

const $ = (id) => document.getElementById(id);
const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

function fieldLabel(key) {
  return has(`profile.${key}`) ? t(`profile.${key}`) : humanize(key);
}

/**
 * (Re)builds the profile form. `profile` holds current values, `defaults`
 * the engine's default profile, `onChange(newProfile)` is called on edits.
 */
export function renderProfileForm(defaults, profile, onChange) {
  const box = $('profile-form');
  if (!defaults || typeof defaults !== 'object') {
    box.replaceChildren(el('p', { class: 'muted', text: t('settings.profile_unavailable') }));
    return;
  }
  const values = { ...profile };
  const commit = () => onChange({ ...values });
  const rows = [];
  for (const [key, def] of Object.entries(defaults)) {
    const id = `profile-${key}`;
    if (Array.isArray(def) && (def.length === 0 ? /marketplace/.test(key) : def.every((x) => MARKETPLACES.includes(x)))) {
      const chosen = new Set(Array.isArray(values[key]) ? values[key] : def);
      const boxes = MARKETPLACES.map((m) => {
        const input = el('input', { type: 'checkbox', id: `${id}-${m}`, value: m, checked: chosen.has(m) });
        input.addEventListener('change', () => {
          if (input.checked) chosen.add(m);
          else chosen.delete(m);
          values[key] = MARKETPLACES.filter((x) => chosen.has(x));
          commit();
        });
        return el('label', { class: 'check', for: `${id}-${m}` }, [input, m]);
      });
      rows.push(el('fieldset', { class: 'profile-row marketplaces' }, [el('legend', { text: fieldLabel(key) }), el('div', { class: 'checks' }, boxes)]));
    } else if (Array.isArray(def)) {
      const input = el('input', { id, type: 'text', value: (Array.isArray(values[key]) ? values[key] : def).join(', ') });
      input.addEventListener('change', () => {
        values[key] = input.value.split(',').map((s) => s.trim()).filter(Boolean);
        commit();
      });
      rows.push(el('div', { class: 'profile-row' }, [el('label', { for: id, text: fieldLabel(key) }), input]));
    } else if (typeof def === 'number') {
      const input = el('input', { id, type: 'number', min: '0', step: Number.isInteger(def) ? '1' : 'any', inputmode: 'numeric', value: String(values[key] ?? def) });
      input.addEventListener('change', () => {
        const n = Number(input.value);
        if (input.value !== '' && Number.isFinite(n) && n >= 0) {
          values[key] = Number.isInteger(def) ? Math.round(n) : n;
          input.removeAttribute('aria-invalid');
          commit();
        } else {
          input.setAttribute('aria-invalid', 'true');
        }
      });
      rows.push(el('div', { class: 'profile-row' }, [el('label', { for: id, text: fieldLabel(key) }), input]));
    } else if (typeof def === 'boolean') {
      const input = el('input', { id, type: 'checkbox', checked: values[key] ?? def });
      input.addEventListener('change', () => {
        values[key] = input.checked;
        commit();
      });
      rows.push(el('div', { class: 'profile-row inline' }, [input, el('label', { for: id, text: fieldLabel(key) })]));
    } else if (typeof def === 'string') {
      const multiline = /signature/.test(key);
      const input = multiline ? el('textarea', { id, rows: '2' }) : el('input', { id, type: 'text' });
      input.value = String(values[key] ?? def);
      input.addEventListener('input', () => {
        values[key] = input.value;
        commit();
      });
      rows.push(el('div', { class: 'profile-row' }, [el('label', { for: id, text: fieldLabel(key) }), input]));
    }
  }
  box.replaceChildren(...rows);
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
