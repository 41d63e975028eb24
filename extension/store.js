/**
 * The side panel runs the page's own app (www/app.js and its modules, copied
 * in by scripts/assemble.sh); this module takes the place of the page's
 * store.js there. The page keeps settings in localStorage; the extension
 * must keep them in chrome.storage.local, where the service worker and the
 * content scripts read them too. Everything else (validation, defaults,
 * profile merging) is the page's code, re-exported from page-store.js
 * (www/store.js under another name):
 *
 * - before the app runs (top-level await), the stored settings are copied
 *   from chrome.storage.local into this page's localStorage, so the page's
 *   `loadSettings` validates and reads them exactly as on the web;
 * - `saveSettings` writes with the page's function, then the same object
 *   to chrome.storage.local.
 */
import { STORAGE_KEY, saveSettings as saveLocal } from './page-store.js';

export * from './page-store.js';

const stored = (await chrome.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
try {
  if (stored && typeof stored === 'object') localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  else localStorage.removeItem(STORAGE_KEY);
} catch {
  // No localStorage: the page's loadSettings then falls back to its defaults.
}

/** Saves for the side panel and for every Seller Central tab; returns an Error instead of throwing, like the page's. */
export function saveSettings(settings) {
  const error = saveLocal(settings);
  if (error) return error;
  let value;
  try {
    value = JSON.parse(localStorage.getItem(STORAGE_KEY));
  } catch (parseError) {
    return parseError;
  }
  // chrome.storage fails only asynchronously (e.g. over quota): say so where the page reports engine state.
  chrome.storage.local.set({ [STORAGE_KEY]: value }).catch((setError) => {
    const status = document.getElementById('engine-status');
    if (!status) return;
    status.setAttribute('data-state', 'failed');
    status.textContent = setError.message;
  });
  return null;
}
