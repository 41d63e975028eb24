/**
 * The page's handle on the engine worker: each method returns a Promise.
 * Calls made before the wasm is ready wait for it; if the engine cannot
 * load, every call rejects with the reason (the page shows it and keeps
 * working as a plain editor).
 */
export function startEngine({ onReady, onFailed }) {
  let worker;
  const pending = new Map();
  let nextId = 1;
  let failure = null;

  const fail = (message) => {
    if (failure) return;
    failure = new Error(message);
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
    onFailed(message);
  };

  try {
    worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module', name: 'tactful-engine' });
  } catch (error) {
    fail(error && error.message ? error.message : String(error));
    return makeApi(() => Promise.reject(failure));
  }

  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(event.message || 'The engine files could not be loaded.');
  });
  worker.addEventListener('message', (event) => {
    const data = event.data || {};
    if (data.type === 'ready') return onReady();
    if (data.type === 'failed') return fail(data.error);
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(new Error(data.error));
  });

  const call = (method, ...args) => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  };
  return makeApi(call);
}

function makeApi(call) {
  return {
    classify: (message, context) => call('classify', message, context),
    check: (draft, context) => call('check', draft, context),
    suggest: (message, profile, context) => call('suggest', message, profile, context),
    importTemplates: (json) => call('importTemplates', json),
    exportTemplates: () => call('exportTemplates'),
    defaultProfile: () => call('defaultProfile'),
    labels: () => call('labels'),
  };
}
