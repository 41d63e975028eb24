/**
 * Native rows: engine latency from the Rust example (examples/bench.rs, the
 * same inputs) and batch throughput of the CLI on JSON Lines (classify the
 * messages, check the drafts: one process each, as a seller's script would
 * run it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../tests/e2e/harness.mjs';
import { throughputBatch } from './lib/measure.mjs';

const EXAMPLE = path.join(REPO, 'target/release/examples/bench');
const CLI = path.join(REPO, 'target/release/tactful');

function run(cmd, args, input) {
  const t = process.hrtime.bigint();
  const out = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  return { stdout: out.stdout, seconds };
}

export function nativeLatency({ quick }) {
  for (const f of [EXAMPLE, CLI]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run make bench (it builds it)`);
  const { stdout } = run(EXAMPLE, quick ? ['--quick'] : []);
  return JSON.parse(stdout);
}

/** Messages per second through the CLI: classify every message, check every draft, both as JSON Lines. */
export function cliThroughput(inputs, { quick }) {
  const items = throughputBatch(inputs, quick ? 10 : 100);
  const lines = (key) => `${items.map((it, id) => JSON.stringify({ id, text: it[key], marketplace: it.marketplace })).join('\n')}\n`;
  const classify = run(CLI, ['classify'], lines('message'));
  const check = run(CLI, ['check'], lines('draft'));
  const errors = [...classify.stdout.split('\n'), ...check.stdout.split('\n')].filter((l) => l.includes('"error"')).length;
  if (errors) throw new Error(`the CLI answered ${errors} lines with an error`);
  const seconds = classify.seconds + check.seconds;
  return { messages: items.length, seconds, per_s: items.length / seconds, classify_s: classify.seconds, check_s: check.seconds };
}
