/**
 * Side panel only: the per-site switch, added to the page's settings
 * dialog. One checkbox per Seller Central host; unticking it pauses
 * checking there (the content script in every open tab of that host hears
 * it through chrome.storage). The content script's own pause button writes
 * the same list.
 */
import { el } from './dom.js';
import { uiLang } from './i18n.js';
import { SELLER_CENTRAL_HOSTS, SITES_KEY, pausedHosts } from './hosts.js';

const STRINGS = {
  en: {
    title: 'Seller Central sites',
    hint: 'Tactful checks replies on the ticked sites. Untick one to pause it there.',
    failed: 'Could not save: {reason}',
  },
  zh: {
    title: '卖家平台站点',
    hint: 'Tactful 会在勾选的站点上检查回复。取消勾选即可在该站点暂停。',
    failed: '无法保存：{reason}',
  },
};

function s(key) {
  return (STRINGS[uiLang()] || STRINGS.en)[key];
}

let paused = [];

async function setPaused(host, pause) {
  const next = new Set(paused);
  if (pause) next.add(host);
  else next.delete(host);
  paused = SELLER_CENTRAL_HOSTS.map((h) => h.host).filter((h) => next.has(h));
  try {
    await chrome.storage.local.set({ [SITES_KEY]: { version: 1, paused } });
    status('');
  } catch (error) {
    status(s('failed').replace('{reason}', error.message));
  }
}

function status(text) {
  const node = document.getElementById('sites-status');
  if (node) node.textContent = text;
}

function render() {
  const dialog = document.getElementById('settings');
  if (!dialog) return;
  let section = document.getElementById('sites');
  if (!section) {
    section = el('section', { id: 'sites', 'aria-labelledby': 'sites-title' });
    dialog.insertBefore(section, dialog.querySelector('p.muted.small') || null);
  }
  const rows = SELLER_CENTRAL_HOSTS.map(({ host }) => {
    const id = `site-${host.replace(/[^a-z0-9]/g, '-')}`;
    const input = el('input', { type: 'checkbox', id, 'data-testid': 'site-toggle', 'data-host': host, checked: !paused.includes(host) });
    input.addEventListener('change', () => setPaused(host, !input.checked));
    return el('label', { class: 'check', for: id }, [input, host]);
  });
  section.replaceChildren(
    el('h3', { id: 'sites-title', text: s('title') }),
    el('p', { class: 'muted', text: s('hint') }),
    el('div', { class: 'checks sites' }, rows),
    el('p', { id: 'sites-status', class: 'notice', role: 'status' }),
  );
}

async function main() {
  paused = pausedHosts((await chrome.storage.local.get(SITES_KEY))[SITES_KEY]);
  render();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[SITES_KEY]) return;
    paused = pausedHosts(changes[SITES_KEY].newValue);
    render();
  });
  // The app sets <html lang> once the new UI language's strings are in: redraw then.
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  document.getElementById('open-settings')?.addEventListener('click', render);
}

main();
