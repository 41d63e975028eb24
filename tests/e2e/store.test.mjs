// The page's settings helpers (www/store.js), run in Node: defaults from the
// browser's languages, and the profile kept to exactly the engine's keys
// and types (the engine rejects unknown fields).
import test from 'node:test';
import assert from 'node:assert/strict';
import { browserDefaults, mergeProfile } from '../../www/store.js';

test('UI language and marketplace follow the browser languages', () => {
  const table = [
    [['zh-CN', 'en'], { ui_language: 'zh', marketplace: 'US' }],
    [['zh-TW'], { ui_language: 'zh', marketplace: 'US' }],
    [['de-DE', 'en'], { ui_language: 'en', marketplace: 'DE' }],
    [['de-AT'], { ui_language: 'en', marketplace: 'DE' }],
    [['en-GB'], { ui_language: 'en', marketplace: 'UK' }],
    [['ja'], { ui_language: 'en', marketplace: 'JP' }],
    [['sv-SE'], { ui_language: 'en', marketplace: 'SE' }],
    [['fr-CA'], { ui_language: 'en', marketplace: 'CA' }],
    [['pt-BR', 'es'], { ui_language: 'en', marketplace: 'ES' }],
    [[], { ui_language: 'en', marketplace: 'US' }],
    [undefined, { ui_language: 'en', marketplace: 'US' }],
  ];
  for (const [languages, expected] of table) assert.deepEqual(browserDefaults(languages), expected, String(languages));
});

test('a stored profile keeps only the default profile keys, with their types', () => {
  const defaults = { seller_name: '', signature: '', marketplaces: ['US'], handling_days: 1 };
  const stored = { seller_name: 'Lumen Home', signature: 42, marketplaces: ['DE', 'FR'], handling_days: '3', retired_field: true };
  assert.deepEqual(mergeProfile(defaults, stored), { seller_name: 'Lumen Home', signature: '', marketplaces: ['DE', 'FR'], handling_days: 1 });
  assert.deepEqual(mergeProfile(defaults, null), defaults);
  assert.deepEqual(mergeProfile(null, stored), {});
  assert.deepEqual(mergeProfile(defaults, { marketplaces: 'DE', handling_days: 2 }), { ...defaults, handling_days: 2 });
});

test('nested profile groups and free maps merge key by key', () => {
  const defaults = { working_hours: { start: '09:00', end: '18:00' }, carriers: {}, remedies: { refund_below: 20, not_received: 'reship' }, tone: 'warm' };
  const stored = { working_hours: { start: '08:30', lunch: '12:00' }, carriers: { DE: 'DHL', UK: 3, FR: '' }, remedies: 'refund', tone: 'brief' };
  assert.deepEqual(mergeProfile(defaults, stored), {
    working_hours: { start: '08:30', end: '18:00' },
    carriers: { DE: 'DHL' },
    remedies: { refund_below: 20, not_received: 'reship' },
    tone: 'brief',
  });
});
