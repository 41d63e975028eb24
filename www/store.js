/**
 * Settings, kept in localStorage under ONE versioned key and nowhere else
 * (no cookies, no other keys). Buyer messages and drafts are never stored:
 * they are conversation records, which sellers should not keep longer than
 * needed (GDPR).
 */
export const STORAGE_KEY = 'tactful.settings.v1';
const VERSION = 1;

export const MARKETPLACES = ['US', 'CA', 'MX', 'UK', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'JP'];

/** A first guess from the browser: UI language and the marketplace its region suggests. */
export function browserDefaults(languages) {
  const list = (languages && languages.length ? languages : ['en']).map((l) => String(l).toLowerCase());
  const ui = list[0].startsWith('zh') ? 'zh' : 'en';
  const byRegion = { us: 'US', ca: 'CA', mx: 'MX', gb: 'UK', uk: 'UK', de: 'DE', at: 'DE', fr: 'FR', it: 'IT', es: 'ES', nl: 'NL', se: 'SE', pl: 'PL', jp: 'JP' };
  const byLang = { de: 'DE', fr: 'FR', it: 'IT', es: 'ES', nl: 'NL', sv: 'SE', pl: 'PL', ja: 'JP' };
  let marketplace = 'US';
  for (const tag of list) {
    const [lang, region] = tag.split('-');
    if (region && byRegion[region]) { marketplace = byRegion[region]; break; }
    if (byLang[lang]) { marketplace = byLang[lang]; break; }
  }
  return { ui_language: ui, marketplace };
}

/** The stored settings merged over the defaults; anything malformed is ignored, never thrown. */
export function loadSettings(defaults) {
  const settings = { version: VERSION, ui_language: defaults.ui_language, marketplace: defaults.marketplace, profile: null, templates: null };
  let stored = null;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
  } catch {
    stored = null;
  }
  if (!stored || typeof stored !== 'object' || stored.version !== VERSION) return settings;
  if (stored.ui_language === 'zh' || stored.ui_language === 'en') settings.ui_language = stored.ui_language;
  if (MARKETPLACES.includes(stored.marketplace)) settings.marketplace = stored.marketplace;
  if (stored.profile && typeof stored.profile === 'object' && !Array.isArray(stored.profile)) settings.profile = stored.profile;
  if (typeof stored.templates === 'string') settings.templates = stored.templates;
  return settings;
}

/** Writes the settings; returns an Error (quota, private mode) instead of throwing. */
export function saveSettings(settings) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...settings, version: VERSION }));
    return null;
  } catch (error) {
    return error;
  }
}

/**
 * The profile the engine accepts: exactly the keys of its default profile
 * (recursively), each stored value kept only if it has the default's type
 * (the engine rejects unknown fields, and a profile saved by an older build
 * must not break suggestions). An object the default leaves empty is a free
 * map (e.g. carrier per marketplace): its string entries are kept.
 */
export function mergeProfile(defaults, stored) {
  return defaults && typeof defaults === 'object' ? mergeValue(defaults, stored) : {};
}

function mergeValue(def, mine) {
  if (mine === undefined || mine === null) return def;
  if (Array.isArray(def)) {
    return Array.isArray(mine) && mine.every((x) => typeof x === 'string' || typeof x === 'number') ? mine : def;
  }
  if (def && typeof def === 'object') {
    if (typeof mine !== 'object' || Array.isArray(mine)) return def;
    const keys = Object.keys(def);
    if (keys.length === 0) return Object.fromEntries(Object.entries(mine).filter(([, v]) => typeof v === 'string' && v !== ''));
    return Object.fromEntries(keys.map((k) => [k, mergeValue(def[k], mine[k])]));
  }
  return typeof def === typeof mine ? mine : def;
}
