// Size and speed budgets (issue 8), checked on every `make test`: the only
// timed assertions in the suite. Noise must not fail them, a 10x regression
// must. So the speed figures are CPU time, not wall time (on a busy machine
// the wall clock also counts the time other processes hold the core: this
// machine shares 2 cores among many jobs), per call over a batch, best of
// five batches. The full measurements (median and p99, wall clock) come
// from `make bench`, not from here.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { repo } from "./helpers.mjs";

const KB = 1024;
/**
 * Issue 8's targets. The speed targets hold, the size target does not
 * (measured 2026-12-04 on a clean clone of main: 660 KB gzip with the 10,000-row model and the secondary table; in WASM,
 * check 0.25-0.38 ms and classify 0.54-0.67 ms of CPU on 2,000
 * characters, up to 0.64 and 1.05 ms with the other core busy): they are printed on every run, and issue 8 cannot close
 * until they all hold. See the README's Benchmark section.
 */
const TARGET = { wasmGzip: 300 * KB, checkMs: 1, classifyMs: 1 };
/**
 * What fails the build today: today's measurements with room for noise,
 * so a real regression (a data file or dependency that doubles the wasm, a
 * pattern compiled per call) fails while a busy machine does not. Lower
 * them towards TARGET as the engine gets there. Raise them only for a
 * deliberate, documented trade-off (as for opt-level "s": speed for size),
 * never to make a regression pass.
 */
// 640 -> 672 KB on 2026-12-04: the model went from 5,000 to 10,000 rows
// (+31 KB gzip for +0.009 held-out macro-F1; README, Classifier).
const GUARD = { wasmGzip: 672 * KB, checkMs: 2, classifyMs: 3 };

const inputs = JSON.parse(readFileSync(join(repo, "bench", "inputs.json"), "utf8"));
const MARKETPLACE = { en: "US", de: "DE", fr: "FR", it: "IT", es: "ES", ja: "JP" };

/** CPU ms per call of `fn`: the best of five batches of `n` calls, after a warm-up. */
function cpuMsPerCall(fn, n = 31) {
  for (let i = 0; i < 5; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / n);
  }
  return best;
}

test("the shipped wasm stays within its size guard (target: 300 KB gzip)", (t) => {
  const wasm = readFileSync(join(repo, "pkg", "tactful_bg.wasm"));
  const gz = gzipSync(wasm, { level: 9 }).length;
  const status = gz <= TARGET.wasmGzip ? "within target" : "OVER TARGET";
  t.diagnostic(`tactful_bg.wasm: ${(wasm.length / KB).toFixed(1)} KB raw, ${(gz / KB).toFixed(1)} KB gzip -9 (target ${TARGET.wasmGzip / KB} KB: ${status}; guard ${GUARD.wasmGzip / KB} KB)`);
  assert.ok(gz <= GUARD.wasmGzip, `wasm is ${(gz / KB).toFixed(1)} KB gzip, over the ${GUARD.wasmGzip / KB} KB guard`);
});

test("check and classify on 2,000 characters stay within their speed guards in WASM (target: 1 ms)", async (t) => {
  // The npm package's Node entry: the same wasm the page runs, in V8.
  const api = await import(join(repo, "pkg", "node.js"));
  const over = [];
  for (const lang of inputs.langs) {
    const marketplace = MARKETPLACE[lang];
    const draft = inputs.drafts[lang][2000];
    const message = inputs.messages[lang][2000];
    const check = cpuMsPerCall(() => api.check(draft, { marketplace }));
    const classify = cpuMsPerCall(() => api.classify(message, { marketplace }));
    const mark = (ms, target) => (ms <= target ? "" : " OVER TARGET");
    t.diagnostic(`${lang}: check ${(check * 1000).toFixed(0)} µs${mark(check, TARGET.checkMs)}, classify ${(classify * 1000).toFixed(0)} µs${mark(classify, TARGET.classifyMs)} of CPU per call (target 1 ms each)`);
    if (check > GUARD.checkMs) over.push(`${lang}: check of a 2,000-char draft took ${check.toFixed(3)} ms of CPU per call (guard ${GUARD.checkMs} ms)`);
    if (classify > GUARD.classifyMs) over.push(`${lang}: classify of a 2,000-char message took ${classify.toFixed(3)} ms of CPU per call (guard ${GUARD.classifyMs} ms)`);
  }
  assert.deepEqual(over, [], "over the speed guard");
});
