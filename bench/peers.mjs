/**
 * The peers, timed in the same run on the same inputs (bench/inputs.json),
 * in Node beside the npm package:
 * - "just write it in JS": our rule packs' `terms` and `patterns`
 *   (data/rules/*.json) compiled into plain JavaScript RegExps (flags
 *   'giu') and scanned over the same drafts;
 * - harper.js (npm, its LocalLinter in Node) linting the same English drafts;
 * - nlp.js (npm node-nlp) trained on our corpus' training split and
 *   evaluated on the held-out split beside our classifier (macro-F1), and
 *   timed per message on the same messages.
 * harper.js and node-nlp come from bench/package.json (installed by
 * `make bench` only).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { REPO } from '../tests/e2e/harness.mjs';
import { MARKETPLACE, quantile, sample } from './lib/measure.mjs';

// Bare specifiers resolve from bench/node_modules (this file's folder).
const require = createRequire(import.meta.url);

// ---- plain JavaScript RegExps over our term lists ----------------------------

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every pattern and term list of the packs that apply to `lang`, as JS RegExps; patterns JS cannot compile are counted. */
export function compileRulePacks(lang) {
  const dir = path.join(REPO, 'data/rules');
  const regexps = [];
  let rejected = 0;
  let rules = 0;
  if (!fs.existsSync(dir)) return { regexps, rejected, rules };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const pack = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!Array.isArray(pack.rules)) continue;
    const langs = (pack.pack && pack.pack.languages) || [];
    if (!langs.includes(lang) && !langs.includes('*')) continue;
    for (const rule of pack.rules) {
      rules++;
      const sources = [...(rule.patterns || [])];
      if (Array.isArray(rule.terms) && rule.terms.length) sources.push(rule.terms.map(escape).join('|'));
      for (const source of sources) {
        try {
          regexps.push(new RegExp(source, 'giu'));
        } catch {
          rejected++;
        }
      }
    }
  }
  return { regexps, rejected, rules };
}

/** Lower-cases the draft (our engine case-folds too) and collects every match of every RegExp. */
export function scanJs(regexps, text) {
  const lower = text.toLowerCase();
  const found = [];
  for (const re of regexps) for (const m of lower.matchAll(re)) found.push(m.index, m.index + m[0].length);
  return found;
}

export function jsRegexpRows(inputs, { quick }) {
  const opts = quick ? { budgetMs: 40, minRuns: 10, maxRuns: 200 } : { budgetMs: 250, minRuns: 30, maxRuns: 2000 };
  const cells = [];
  let regexpCount = 0;
  let rejected = 0;
  for (const lang of inputs.langs) {
    const packs = compileRulePacks(lang);
    regexpCount += packs.regexps.length;
    rejected += packs.rejected;
    if (!packs.regexps.length) continue;
    for (const size of inputs.sizes) cells.push({ op: 'js_regexp', lang, size, ...sample(() => scanJs(packs.regexps, inputs.drafts[lang][size]), opts) });
  }
  return { cells, regexps: regexpCount, rejected_patterns: rejected, status: cells.length ? 'ok' : 'no rule packs under data/rules/' };
}

// ---- harper.js ---------------------------------------------------------------

/** Async version of the sampling loop (harper's lint returns a Promise). */
async function sampleAsync(fn, { budgetMs, minRuns, maxRuns }) {
  await fn();
  const times = [];
  const started = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - started < budgetMs)) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) * 1000);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, batch: 1, median_us: quantile(times, 0.5), p99_us: quantile(times, 0.99) };
}

export async function harperRows(inputs, { quick }) {
  const { LocalLinter } = await import('harper.js');
  const { binary } = await import('harper.js/binary');
  const t = performance.now();
  const linter = new LocalLinter({ binary });
  await linter.setup();
  const setup_ms = performance.now() - t;
  const cells = [];
  for (const size of inputs.sizes) {
    const text = inputs.drafts.en[size];
    const lints = (await linter.lint(text)).length;
    const opts = quick ? { budgetMs: 200, minRuns: 3, maxRuns: 20 } : { budgetMs: 1500, minRuns: size >= 20000 ? 5 : 15, maxRuns: 200 };
    cells.push({ op: 'harper_lint', lang: 'en', size, lints, ...(await sampleAsync(() => linter.lint(text), opts)) });
  }
  const dir = path.join(REPO, 'bench/node_modules/harper.js');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const wasmFile = path.join(dir, 'dist/harper_wasm_bg.wasm');
  const wasm = fs.existsSync(wasmFile) ? fs.readFileSync(wasmFile) : null;
  return { version: pkg.version, setup_ms, wasm_bytes: wasm && wasm.length, wasm_gzip: wasm && zlib.gzipSync(wasm, { level: 9 }).length, cells };
}

// ---- nlp.js --------------------------------------------------------------------

/** FNV-1a 64 of a tag byte 0 then the text's UTF-8 (the classifier's stable_hash, which fixes the split). */
function stableHash(text) {
  const MASK = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (const b of [0, ...Buffer.from(text, 'utf8')]) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & MASK;
  }
  return h;
}

/** Our corpus (data/corpus/intents/<lang>.jsonl) split as the classifier's training splits it (20 % held out by hash). */
export function corpusSplit() {
  const dir = path.join(REPO, 'data/corpus/intents');
  const train = [];
  const test = [];
  if (!fs.existsSync(dir)) return { train, test };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lang = file.replace(/\.jsonl$/, '');
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { text, intent } = JSON.parse(line);
      (stableHash(text) % 100n < 20n ? test : train).push({ lang, text, intent });
    }
  }
  return { train, test };
}

/** Mean F1 over the intents present in the gold labels or the predictions (the trainer's definition). */
export function macroF1(gold, predicted) {
  const labels = [...new Set([...gold, ...predicted])];
  let sum = 0;
  for (const l of labels) {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (g === l && p === l) tp++;
      else if (p === l) fp++;
      else if (g === l) fn++;
    });
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    sum += prec + rec ? (2 * prec * rec) / (prec + rec) : 0;
  }
  return labels.length ? sum / labels.length : NaN;
}

const TRAIN = path.join(REPO, 'target/release/train');

/**
 * The train/test split: the trainer's own export (`train --export-split`,
 * as tests/compare/nlpjs.mjs uses) when the binary is built, else the same
 * hash split computed here.
 */
function split() {
  if (!fs.existsSync(TRAIN)) return { ...corpusSplit(), source: 'bench/peers.mjs (FNV-1a split as the trainer)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tactful-split-'));
  try {
    execFileSync(TRAIN, ['--export-split', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    return { train: read('train.jsonl'), test: read('test.jsonl'), source: 'train --export-split' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The trainer's own evaluation of the embedded model (macro-F1, native latency), or null without the binary. */
function trainerEval() {
  if (!fs.existsSync(TRAIN)) return null;
  const out = execFileSync(TRAIN, ['--eval', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function nlpjsRows(inputs, ours, { quick }) {
  const { train, test, source } = split();
  if (!train.length) return { status: 'no corpus under data/corpus/intents/' };
  const { NlpManager } = require('node-nlp');
  const manager = new NlpManager({ languages: inputs.langs, forceNER: false, autoSave: false, nlu: { log: false, useNoneFeature: true } });
  // node-nlp logs every utterance made only of stop words ("。。。") to the
  // console while it learns; the table would drown in them.
  const { log, warn } = console;
  console.log = console.warn = () => {};
  let train_s;
  try {
    for (const ex of train) manager.addDocument(ex.lang, ex.text, ex.intent);
    const t = performance.now();
    await manager.train();
    train_s = (performance.now() - t) / 1000;
  } finally {
    Object.assign(console, { log, warn });
  }

  const evalSet = quick ? test.filter((_, i) => i % 5 === 0) : test;
  const gold = evalSet.map((e) => e.intent);
  const theirs = [];
  const tTheirs = performance.now();
  for (const e of evalSet) {
    const r = await manager.process(e.lang, e.text);
    theirs.push(!r.intent || r.intent === 'None' ? 'other' : r.intent);
  }
  const theirs_us = ((performance.now() - tTheirs) / evalSet.length) * 1000;
  const mine = [];
  const tMine = performance.now();
  for (const e of evalSet) mine.push(ours.classify(e.text, { marketplace: MARKETPLACE[e.lang] }).intent);
  const ours_us = ((performance.now() - tMine) / evalSet.length) * 1000;

  // Per message on the bench's own messages (same inputs as the latency rows).
  const cells = [];
  const opts = quick ? { budgetMs: 40, minRuns: 5, maxRuns: 50 } : { budgetMs: 250, minRuns: 20, maxRuns: 500 };
  for (const lang of inputs.langs) {
    for (const size of [100, 500, 2000]) {
      const text = inputs.messages[lang][size];
      cells.push({ op: 'nlpjs_process', lang, size, ...(await sampleAsync(() => manager.process(lang, text), opts)) });
    }
  }
  const pkg = JSON.parse(fs.readFileSync(require.resolve('node-nlp/package.json'), 'utf8'));
  return {
    version: pkg.version,
    train_messages: train.length,
    test_messages: evalSet.length,
    train_s,
    split: source,
    f1: { nlpjs: macroF1(gold, theirs), tactful: macroF1(gold, mine) },
    trainer_eval: quick ? null : trainerEval(),
    per_message_us_on_test_split: { nlpjs: theirs_us, tactful: ours_us },
    cells,
  };
}
