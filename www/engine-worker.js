/**
 * Runs the wasm engine off the main thread, so a 5 MB paste or a slow rule
 * never freezes typing. The glue streams and compiles the wasm once
 * (`instantiateStreaming` through `init` with a URL). Requests are answered
 * in order; the page drops answers it no longer needs.
 */
import init, * as glue from './engine/tactful.js';

/** Engine methods the page may call; nothing else is reachable from a message. */
const METHODS = new Set(['classify', 'check', 'suggest', 'importTemplates', 'exportTemplates', 'defaultProfile', 'labels']);

const ready = (async () => {
  await init({ module_or_path: new URL('./engine/tactful_bg.wasm', import.meta.url) });
  if (typeof glue.Engine !== 'function') throw new Error('This engine build has no Engine class.');
  return new glue.Engine();
})();

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (error) => self.postMessage({ type: 'failed', error: messageOf(error) }),
);

function messageOf(error) {
  if (error && typeof error.message === 'string') return error.message;
  return String(error);
}

self.addEventListener('message', async (/** @type {MessageEvent} */ event) => {
  const { id, method, args } = event.data || {};
  try {
    const engine = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (await ready));
    if (!METHODS.has(method) || typeof engine[method] !== 'function') {
      throw new Error(`The engine does not offer ${String(method)}().`);
    }
    const value = engine[method](...(Array.isArray(args) ? args : []));
    self.postMessage({ id, ok: true, value });
  } catch (error) {
    self.postMessage({ id, ok: false, error: messageOf(error) });
  }
});
