#!/usr/bin/env node
/**
 * The benchmark (`make bench` builds the release artefacts, then runs this):
 * every row in one run, printed as a table and written to dist/bench.json
 * (keys documented in README.md, "Benchmark").
 *   node bench/run.mjs [--quick]   (--quick: fewer samples, for a smoke run)
 * A row that cannot run says why in the table and in the JSON, and the
 * command exits 1; the extension rows say "not built" only while
 * dist/extension/ does not exist.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../tests/e2e/harness.mjs';
import { quantile } from './lib/measure.mjs';
import { nativeLatency, cliThroughput } from './native.mjs';
import { nodeRows } from './node.mjs';
import { wasmInChromium, pageRows, extensionRows } from './browser.mjs';
import { sizeRows } from './size.mjs';
import { jsRegexpRows, harperRows, nlpjsRows } from './peers.mjs';

const quick = process.argv.includes('--quick');
const inputs = JSON.parse(fs.readFileSync(path.join(REPO, 'bench/inputs.json'), 'utf8'));
const failures = [];

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = (/^model name\s*:\s*(.*)$/m.exec(cpuinfo) || [])[1] || os.cpus()[0]?.model || 'unknown';
  return {
    nproc: Number(tryRun('nproc', [])) || os.cpus().length,
    cpu: model.trim(),
    loadavg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: tryRun(process.env.CHROMIUM || '/usr/bin/chromium', ['--version']),
    rustc: tryRun('rustc', ['--version']),
  };
}

async function section(name, fn) {
  const t = Date.now();
  process.stderr.write(`==> bench: ${name}\n`);
  try {
    const value = await fn();
    process.stderr.write(`    ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    return value;
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
    process.stderr.write(`    ${name} FAILED: ${error.stack || error.message}\n`);
    return { status: `failed: ${error.message}` };
  }
}

const result = { date: new Date().toISOString(), quick, machine: machine(), inputs: { langs: inputs.langs, sizes: inputs.sizes, chars: 'Unicode code points' } };
const native = await section('native latency (examples/bench.rs)', () => nativeLatency({ quick }));
const cli = await section('native throughput (CLI, JSON Lines)', () => cliThroughput(inputs, { quick }));
const node = await section('Node (pkg/node.js)', () => nodeRows(inputs, { quick }));
const chromium = await section('wasm in Chromium', () => wasmInChromium(inputs, { quick }));
const page = await section('page (dist/www)', () => pageRows(inputs));
const extension = await section('extension (dist/extension)', () => extensionRows(inputs));
const size = await section('size', () => sizeRows());
const jsRegexp = await section('peer: JS RegExp over our rule packs', () => jsRegexpRows(inputs, { quick }));
const harper = await section('peer: harper.js', () => harperRows(inputs, { quick }));
const nlpjs = node.api ? await section('peer: nlp.js', () => nlpjsRows(inputs, node.api, { quick })) : { status: 'Node rows failed' };

result.latency = { native: native.cells || native, node: node.cells || node, chromium: chromium.cells || chromium };
result.latency_notes = {
  native: 'examples/bench.rs: engine + UTF-16 spans via tactful::wire (no JSON text)',
  node: 'pkg/node.js free functions: engine + JSON across the wasm boundary',
  chromium: `bench/wasm.html, cross-origin isolated: ${chromium.isolated}, clock step ${chromium.resolution_us} µs; "batch" > 1 means each sample timed that many calls`,
};
result.huge_check = native.huge_check || native;
result.keystroke = { page: page.keystroke || page, extension: extension.keystroke || extension };
result.cold_start = {
  page: page.cold_start || page,
  extension: extension.cold_start || extension,
  chromium_wasm: chromium.cold || chromium,
  node: node.cold || node,
  native_engine_build_us: native.engine_build_us,
};
result.size = size;
result.throughput = { native_cli: cli, node: node.throughput || node, chromium: chromium.throughput || chromium };
result.peers = { js_regexp: jsRegexp, harper, nlpjs };

// ---- table ---------------------------------------------------------------------

const fmt = (us) => (!Number.isFinite(us) ? 'n/a' : us < 1000 ? `${us.toFixed(us < 10 ? 1 : 0)} µs` : us < 1e6 ? `${(us / 1000).toFixed(us < 1e4 ? 2 : 1)} ms` : `${(us / 1e6).toFixed(2)} s`);
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : 'n/a');
const kb = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(1)} KB` : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×` : 'n/a');
const cellsOf = (cells) => (Array.isArray(cells) ? cells : []);
/** The median of the languages' medians and the worst language's p99 for one op and size. */
function summary(cells, op, size, langs = inputs.langs) {
  const sel = cellsOf(cells).filter((c) => c.op === op && c.size === size && langs.includes(c.lang));
  if (!sel.length) return { median: NaN, p99: NaN };
  return { median: quantile(sel.map((c) => c.median_us).sort((a, b) => a - b), 0.5), p99: Math.max(...sel.map((c) => c.p99_us)) };
}
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
const status = (x) => (x && x.status ? x.status : null);

const out = [];
const m = result.machine;
out.push(`Tactful benchmark, ${result.date.slice(0, 16).replace('T', ' ')} UTC${quick ? ' (--quick)' : ''}`);
out.push(`Machine: ${m.nproc} × ${m.cpu}, load ${m.loadavg_at_start.join(' ')} at start; ${m.os}; Node ${m.node}; ${m.chromium}; ${m.rustc}`);
out.push('');
out.push('Engine latency, median / p99 (median of the six languages\' medians / worst language\'s p99). check: seller drafts; classify, suggest: buyer messages');
const latRows = [];
for (const op of ['check', 'classify', 'suggest']) {
  for (const size of inputs.sizes) {
    const cols = [native.cells, node.cells, chromium.cells].map((c) => summary(c, op, size)).map((s) => `${fmt(s.median)} / ${fmt(s.p99)}`);
    latRows.push([op, size.toLocaleString('en'), ...cols]);
  }
}
out.push(table(['op', 'chars', 'native (Rust)', 'Node (wasm)', 'Chromium (wasm)'], latRows));
if (native.huge_check) out.push(`A 5 MB paste (the English draft repeated), check natively: ${ms(native.huge_check.ms)}, ${native.huge_check.findings} findings`);
out.push('');
out.push('Per language at 2,000 characters, median: native / Node / Chromium');
out.push(table(['lang', 'check', 'classify', 'suggest'], inputs.langs.map((lang) => [lang, ...['check', 'classify', 'suggest'].map((op) => [native.cells, node.cells, chromium.cells].map((c) => fmt(summary(c, op, 2000, [lang]).median)).join(' / '))])));
out.push('');
const kRow = (name, k) => (status(k) ? [name, status(k), '', '', '', ''] : [name, ms(k.p50_ms), ms(k.p95_ms), ms(k.debounce_ms), `${ms(k.after_debounce_p50_ms)} / ${ms(k.after_debounce_p95_ms)}`, `${k.keystrokes}${k.missed ? ` (${k.missed} missed)` : ''}`]);
out.push('Keystroke → underline on screen, typing at the end of a 2,000-character English draft');
out.push(table(['where', 'p50', 'p95', 'debounce', 'after debounce p50 / p95', 'keys'], [kRow('page (worker)', result.keystroke.page), kRow('extension (content script → service worker)', result.keystroke.extension)]));
out.push('');
const cs = result.cold_start;
out.push('Cold start');
out.push(table(['what', 'time'], [
  ['page: navigation → engine ready', status(cs.page) || ms(cs.page.engine_ready_ms)],
  ['page: navigation → first check answered', status(cs.page) || ms(cs.page.first_result_ms)],
  ['extension: service worker stopped → key → underline (wake, wasm, engine, check, overlay)', status(cs.extension) || `${ms(cs.extension.sw_wake_to_first_result_ms)} (incl. ${cs.extension.includes_debounce_ms} ms debounce)`],
  ['wasm in Chromium: init() (fetch, compile, instantiate)', status(cs.chromium_wasm) || ms(cs.chromium_wasm.init_ms)],
  ['Node: import pkg/node.js (sync compile)', status(cs.node) || ms(cs.node.import_ms)],
  ['native: Engine::new()', fmt(cs.native_engine_build_us)],
]));
out.push('');
if (!status(size)) {
  out.push('Size');
  out.push(table(['file', 'raw', 'gzip -9', 'brotli'], [
    ['tactful_bg.wasm', kb(size.wasm.raw), kb(size.wasm.gzip), kb(size.wasm.brotli)],
    ['tactful.js (glue)', kb(size.glue_js.raw), kb(size.glue_js.gzip), kb(size.glue_js.brotli)],
    ['extension zip (deflate)', status(size.extension_zip) || kb(size.extension_zip.bytes), '', ''],
  ]));
  out.push('');
  if (!status(size.breakdown)) {
    out.push('What the shipped wasm is made of (code by crate or tactful module, from its function names; data files found verbatim in the data segments)');
    out.push(table(['part', 'bytes', 'share', 'gzip alone'], size.breakdown.parts.filter((p) => p.bytes > 0).map((p) => [p.part, kb(p.bytes), `${(p.share * 100).toFixed(1)} %`, kb(p.gzip)])));
    out.push('');
  }
} else out.push(`Size: ${status(size)}`);
out.push('Throughput, classify + check per message (every language\'s 100/500/2,000-char message and draft)');
const tp = result.throughput;
out.push(table(['where', 'messages/s', 'messages', 'seconds'], Object.entries({ 'native CLI, JSON Lines (2 processes)': tp.native_cli, 'Node (wasm)': tp.node, 'Chromium (wasm)': tp.chromium }).map(([k, v]) => (status(v) ? [k, status(v), '', ''] : [k, Math.round(v.per_s).toLocaleString('en'), v.messages, v.seconds.toFixed(2)]))));
out.push('');
out.push('Side by side, same inputs, same run, in Node (ratio = ours ÷ theirs; below 1× we are faster)');
const peerRows = [];
for (const size of inputs.sizes) {
  const ours = summary(node.cells, 'check', size);
  const js = summary(jsRegexp.cells, 'js_regexp', size);
  peerRows.push([`check vs plain JS RegExp of our rule packs, ${size.toLocaleString('en')} chars`, fmt(ours.median), status(jsRegexp) !== 'ok' && status(jsRegexp) ? status(jsRegexp) : fmt(js.median), ratio(ours.median, js.median)]);
}
for (const size of inputs.sizes) {
  const ours = summary(node.cells, 'check', size, ['en']);
  const h = summary(harper.cells, 'harper_lint', size, ['en']);
  peerRows.push([`check vs harper.js lint (English), ${size.toLocaleString('en')} chars`, fmt(ours.median), status(harper) || fmt(h.median), ratio(ours.median, h.median)]);
}
for (const size of [100, 500, 2000]) {
  const ours = summary(node.cells, 'classify', size);
  const n = summary(nlpjs.cells, 'nlpjs_process', size);
  peerRows.push([`classify vs nlp.js process, ${size.toLocaleString('en')} chars`, fmt(ours.median), status(nlpjs) || fmt(n.median), ratio(ours.median, n.median)]);
}
if (!status(nlpjs)) {
  peerRows.push(['classify vs nlp.js, per held-out message (mean)', fmt(nlpjs.per_message_us_on_test_split.tactful), fmt(nlpjs.per_message_us_on_test_split.nlpjs), ratio(nlpjs.per_message_us_on_test_split.tactful, nlpjs.per_message_us_on_test_split.nlpjs)]);
  peerRows.push([`macro-F1 on the held-out split (${nlpjs.test_messages} messages; higher is better)`, nlpjs.f1.tactful.toFixed(3), nlpjs.f1.nlpjs.toFixed(3), ratio(nlpjs.f1.tactful, nlpjs.f1.nlpjs)]);
}
if (!status(harper)) peerRows.push(['wasm download, gzip (harper.js: its wasm file)', kb(size.wasm?.gzip), kb(harper.wasm_gzip), ratio(size.wasm?.gzip, harper.wasm_gzip)]);
out.push(table(['row', 'Tactful', 'peer', 'ratio'], peerRows));
if (jsRegexp.regexps) out.push(`JS RegExp baseline: ${jsRegexp.regexps} RegExps over the six languages' packs; ${jsRegexp.rejected_patterns} patterns JavaScript cannot compile were skipped. It does none of the engine's normalisation, exceptions, context words, merging, structure or fixes.`);
if (!status(nlpjs)) {
  const te = nlpjs.trainer_eval;
  out.push(`nlp.js ${nlpjs.version}: trained on ${nlpjs.train_messages} messages in ${nlpjs.train_s.toFixed(0)} s (split: ${nlpjs.split}) and told each message's language; Tactful detects it, and its model is trained offline and embedded.` +
    (te ? ` The trainer's own evaluation of the embedded model (native): macro-F1 ${te.macro_f1.toFixed(3)}, median ${fmt(te.latency_us.median)} per message.` : ''));
}
if (!status(harper)) out.push(`harper.js ${harper.version}: setup (wasm compile + dictionary) ${ms(harper.setup_ms)}; it checks English grammar and spelling, a different job: the row is a reference for in-browser text checking cost.`);
const losses = peerRows.filter(([row, , , r]) => {
  const x = parseFloat(r);
  return Number.isFinite(x) && (row.startsWith('macro-F1') ? x < 1 : x > 1);
});
out.push(losses.length ? `Where we lose: ${losses.map(([row, , , r]) => `${row} (${r})`).join('; ')}` : 'Where we lose: nowhere in this run');
result.losses = losses.map(([row, ours, peer, r]) => ({ row, ours, peer, ratio: r }));
if (failures.length) out.push('', `FAILED rows:\n  ${failures.join('\n  ')}`);
const text = out.join('\n');
console.log(text);

delete node.api;
result.table = text;
result.failures = failures;
fs.mkdirSync(path.join(REPO, 'dist'), { recursive: true });
fs.writeFileSync(path.join(REPO, 'dist/bench.json'), `${JSON.stringify(result, null, 1)}\n`);
process.stderr.write('==> bench: wrote dist/bench.json\n');
process.exit(failures.length ? 1 : 0);
