/**
 * The content script's line to the engine in the service worker.
 *
 * - Batched: calls made in the same task go out as ONE runtime message and
 *   come back as one answer (an input that re-checks the draft and re-reads
 *   the thread costs one round trip, not two).
 * - Stale answers dropped: each call has a key (one per field, one for the
 *   thread) and a sequence number; an answer for a key that has been asked
 *   again since is rejected with a StaleError, which callers ignore, so an
 *   old result never overwrites a newer one.
 * - Measured: the round-trip time of every batch is kept (the e2e test
 *   prints the median for the benchmark).
 */
export class StaleError extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'StaleError';
  }
}

const MAX_SAMPLES = 500;

export function createMessenger(send = (message) => chrome.runtime.sendMessage(message)) {
  let queue = [];
  let scheduled = false;
  let seq = 0;
  const latest = new Map();
  const samples = [];

  async function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    const started = performance.now();
    let response;
    try {
      response = await send({ kind: 'tactful/calls', calls: batch.map(({ method, args }) => ({ method, args })) });
    } catch (error) {
      for (const call of batch) call.reject(error);
      return;
    }
    samples.push(performance.now() - started);
    if (samples.length > MAX_SAMPLES) samples.shift();
    const results = response && Array.isArray(response.results) ? response.results : [];
    batch.forEach((call, i) => {
      if (latest.get(call.key) !== call.seq) {
        call.reject(new StaleError());
        return;
      }
      const result = results[i];
      if (result && result.ok) call.resolve(result.value);
      else call.reject(new Error(result && result.error ? result.error : 'The extension did not answer; reload the page.'));
    });
  }

  /** Asks the engine `method(...args)`; a later call with the same `key` makes this one stale. */
  function call(key, method, ...args) {
    const id = ++seq;
    latest.set(key, id);
    return new Promise((resolve, reject) => {
      queue.push({ key, seq: id, method, args, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    });
  }

  /** Round-trip times in ms of the batches so far (oldest first). */
  function roundTrips() {
    return samples.slice();
  }

  return { call, roundTrips };
}

/** The messenger the content script uses (one per page). */
export const messenger = createMessenger();
