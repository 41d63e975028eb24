/**
 * Timing loops shared by every JavaScript surface of the benchmark (Node,
 * and the wasm inside headless Chromium, where this file is served as a
 * module), so both time the same calls on the same inputs the same way.
 * Only `performance.now()` is used; nothing here is Node- or DOM-specific.
 */

/** A fixed "now" (2026-05-11 UTC) so `suggest` computes the same dates everywhere (as examples/bench.rs). */
export const NOW_MS = 1778500000000;

/** The marketplace whose language each input is written in. */
export const MARKETPLACE = { en: 'US', de: 'DE', fr: 'FR', it: 'IT', es: 'ES', ja: 'JP' };

/** Value at quantile q (nearest rank) of an ascending array. */
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/**
 * The smallest step `performance.now()` takes here: ~0 in Node, 5 µs in a
 * cross-origin-isolated page, 100 µs in a plain one.
 */
export function timerResolution() {
  let best = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return best;
}

/**
 * Times `fn` until `budgetMs` is spent (between minRuns and maxRuns
 * samples) after a warm-up. When one call is too short for the clock
 * (under 50 ticks), each sample times a batch of calls and counts their
 * mean, so a coarse browser clock cannot round calls to zero; `batch` says
 * how many calls each sample holds (1 in Node and natively).
 */
export function sample(fn, { budgetMs = 250, minRuns = 30, maxRuns = 2000, resolution = 0 } = {}) {
  for (let i = 0; i < 3; i++) fn();
  const probe = performance.now();
  fn();
  const once = Math.max(performance.now() - probe, 1e-4);
  const batch = resolution > 0 ? Math.max(1, Math.ceil((50 * resolution) / once)) : 1;
  const times = [];
  const started = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - started < budgetMs)) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push(((performance.now() - t) / batch) * 1000);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, batch, median_us: quantile(times, 0.5), p99_us: quantile(times, 0.99) };
}

/**
 * Latency of check (drafts), classify and suggest (messages) for every
 * language and size of `inputs` (bench/inputs.json). `api` has the npm
 * package's free functions.
 */
export function latencyCells(api, inputs, { quick = false, resolution = 0 } = {}) {
  const opts = quick ? { budgetMs: 40, minRuns: 10, maxRuns: 200, resolution } : { budgetMs: 250, minRuns: 30, maxRuns: 2000, resolution };
  const cells = [];
  for (const lang of inputs.langs) {
    const marketplace = MARKETPLACE[lang];
    for (const size of inputs.sizes) {
      const draft = inputs.drafts[lang][size];
      const message = inputs.messages[lang][size];
      const calls = {
        check: () => api.check(draft, { marketplace }),
        classify: () => api.classify(message, { marketplace }),
        suggest: () => api.suggest(message, null, { marketplace, now_ms: NOW_MS }),
      };
      for (const [op, fn] of Object.entries(calls)) cells.push({ op, lang, size, ...sample(fn, opts) });
    }
  }
  return cells;
}

/**
 * The batch that throughput is measured on: every language's 100-, 500-
 * and 2,000-character message (the sizes buyers write), each paired with
 * the draft of the same language and size, repeated `rounds` times.
 */
export function throughputBatch(inputs, rounds) {
  const items = [];
  for (let r = 0; r < rounds; r++) {
    for (const lang of inputs.langs) {
      for (const size of [100, 500, 2000]) {
        items.push({ lang, marketplace: MARKETPLACE[lang], message: inputs.messages[lang][size], draft: inputs.drafts[lang][size] });
      }
    }
  }
  return items;
}

/** Messages per second for classify + check over the batch, in one pass after a warm-up pass. */
export function throughput(api, inputs, rounds = 100) {
  const items = throughputBatch(inputs, rounds);
  const one = (it) => {
    api.classify(it.message, { marketplace: it.marketplace });
    api.check(it.draft, { marketplace: it.marketplace });
  };
  for (const it of items.slice(0, 18)) one(it);
  const t = performance.now();
  for (const it of items) one(it);
  const seconds = (performance.now() - t) / 1000;
  return { messages: items.length, seconds, per_s: items.length / seconds };
}
