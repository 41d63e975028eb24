// Tactful's intent model against nlp.js on the same split.
//
//   cd tests/compare && npm install && node nlpjs.mjs
//
// 1. `cargo run --release --bin train -- --export-split DIR` writes the
//    trainer's own train/test split (stable hash of each text).
// 2. nlp.js (node-nlp's NlpManager, its real training API) learns the
//    training split: one model per language (en, de, fr, it, es, ja), each
//    message added with addDocument(lang, text, intent). At test time it is
//    TOLD each message's language, which Tactful has to detect itself.
// 3. Both are scored on the held-out split with the same macro-F1 (mean F1
//    over the intents present in gold labels or predictions; nlp.js's
//    "None" counts as `other`), and per-message latency is measured in
//    process for each (Tactful: native `Classifier::classify` via
//    `train -- --eval --json`; nlp.js: `manager.process`).
// Prints a side-by-side table and says who wins on each axis.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { NlpManager } from 'node-nlp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGS = ['en', 'de', 'fr', 'it', 'es', 'ja'];

function cargo(args) {
  return execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'train', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function readJsonl(path) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Mean F1 over labels seen in gold or predictions (the trainer's definition). */
function macroF1(pairs) {
  const labels = new Set(pairs.flatMap(([g, p]) => [g, p]));
  let sum = 0;
  for (const l of labels) {
    const tp = pairs.filter(([g, p]) => g === l && p === l).length;
    const fp = pairs.filter(([g, p]) => g !== l && p === l).length;
    const fn = pairs.filter(([g, p]) => g === l && p !== l).length;
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    sum += prec + rec ? (2 * prec * rec) / (prec + rec) : 0;
  }
  return labels.size ? sum / labels.size : 0;
}

function percentile(sorted, q) {
  return sorted[Math.round((sorted.length - 1) * q)] ?? 0;
}

const dir = mkdtempSync(join(tmpdir(), 'tactful-split-'));
try {
  process.stderr.write('exporting the split…\n');
  cargo(['--export-split', dir]);
  const train = readJsonl(join(dir, 'train.jsonl'));
  const test = readJsonl(join(dir, 'test.jsonl'));

  process.stderr.write(`training nlp.js on ${train.length} messages…\n`);
  const manager = new NlpManager({ languages: LANGS, forceNER: false, autoSave: false, nlu: { log: false } });
  for (const ex of train) manager.addDocument(ex.lang, ex.text, ex.intent);
  const t0 = performance.now();
  await manager.train();
  const trainSeconds = (performance.now() - t0) / 1000;

  const pairs = [];
  const byLang = Object.fromEntries(LANGS.map((l) => [l, []]));
  const times = [];
  for (const ex of test) {
    const start = performance.now();
    const r = await manager.process(ex.lang, ex.text);
    times.push((performance.now() - start) * 1000);
    const predicted = !r.intent || r.intent === 'None' ? 'other' : r.intent;
    pairs.push([ex.intent, predicted]);
    byLang[ex.lang]?.push([ex.intent, predicted]);
  }
  times.sort((a, b) => a - b);
  const nlp = {
    macro_f1: macroF1(pairs),
    by_lang: Object.fromEntries(LANGS.map((l) => [l, macroF1(byLang[l])])),
    latency_us: {
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      median: percentile(times, 0.5),
      p99: percentile(times, 0.99),
    },
  };

  process.stderr.write('scoring Tactful (embedded model)…\n');
  const ours = JSON.parse(cargo(['--eval', '--json']).trim().split('\n').pop());

  const row = (name, a, b, digits, higherWins) => {
    const win = a === b ? 'tie' : (a > b) === higherWins ? 'Tactful' : 'nlp.js';
    console.log(`${name.padEnd(24)} ${a.toFixed(digits).padStart(10)} ${b.toFixed(digits).padStart(10)}   ${win}`);
  };
  console.log(`held-out split: ${test.length} messages (nlp.js trained on ${train.length} in ${trainSeconds.toFixed(1)} s)`);
  console.log(`${''.padEnd(24)} ${'Tactful'.padStart(10)} ${'nlp.js'.padStart(10)}   better`);
  row('macro-F1', ours.macro_f1, nlp.macro_f1, 4, true);
  for (const l of LANGS) row(`macro-F1 ${l}`, ours.by_lang[l] ?? 0, nlp.by_lang[l], 4, true);
  row('latency mean (µs)', ours.latency_us.mean, nlp.latency_us.mean, 1, false);
  row('latency median (µs)', ours.latency_us.median, nlp.latency_us.median, 1, false);
  row('latency p99 (µs)', ours.latency_us.p99, nlp.latency_us.p99, 1, false);
  const f1 = ours.macro_f1 >= nlp.macro_f1 ? 'Tactful is more accurate' : 'nlp.js is MORE ACCURATE than Tactful';
  const speed = ours.latency_us.median <= nlp.latency_us.median ? 'Tactful is faster' : 'nlp.js is FASTER than Tactful';
  console.log(`verdict: ${f1} (${ours.macro_f1.toFixed(4)} vs ${nlp.macro_f1.toFixed(4)}); ${speed} ` +
    `(median ${ours.latency_us.median.toFixed(1)} vs ${nlp.latency_us.median.toFixed(1)} µs per message). ` +
    'Tactful detects the language itself and adds risk flags and evidence in that time; nlp.js is told the language.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
