/**
 * Offline support. After the first visit every file of the page and the
 * engine is in a versioned cache; later loads try the network first (so a
 * new deploy is picked up at once and the engine's JS glue and wasm never
 * come from two different builds) and fall back to the cache when offline
 * or when the network hangs. Only same-origin GET requests are handled;
 * the page makes no other kind.
 */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = 'tactful-www-v1';
const NETWORK_TIMEOUT_MS = 4000;
const FILES = [
  './', 'index.html', 'styles.css', 'icon.svg', 'examples.json',
  'app.js', 'dom.js', 'i18n.js', 'labels.js', 'store.js', 'read-pane.js', 'reply-pane.js', 'settings.js',
  'engine-client.js', 'engine-worker.js', 'lib/underline.js', 'i18n/en.json', 'i18n/zh.json',
  'engine/tactful.js', 'engine/tactful_bg.wasm',
];

sw.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    // One missing file must not leave the whole page uncached.
    await Promise.allSettled(FILES.map((f) => cache.add(new Request(f, { cache: 'reload' }))));
    await sw.skipWaiting();
  })());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('tactful-www-') && key !== VERSION) await caches.delete(key);
    }
    await sw.clients.claim();
  })());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== sw.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(VERSION);
  const network = fetch(request).then((response) => {
    if (response.ok && response.type === 'basic') cache.put(request, response.clone());
    return response;
  });
  network.catch(() => {});
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
  } catch {
    // Offline: fall through to the cache.
  }
  const cached = await cache.match(request, { ignoreSearch: true })
    || (request.mode === 'navigate' ? await cache.match('index.html') : undefined);
  return cached || network;
}
