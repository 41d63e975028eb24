/**
 * Size rows: the shipped wasm (raw, gzip -9, brotli q11), the JS glue, the
 * whole extension as the zip a store upload would be, and the breakdown of
 * the wasm by part (bench/lib/wasm-parts.mjs).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO } from '../tests/e2e/harness.mjs';
import { breakdown } from './lib/wasm-parts.mjs';

const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length;
const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;

function sizes(file) {
  const b = fs.readFileSync(file);
  return { raw: b.length, gzip: gzip(b), brotli: brotli(b) };
}

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Bytes of a deflate-compressed zip of `dir` (what a browser store receives), built in memory. */
export function zipSize(dir) {
  let total = 0;
  let central = 0;
  const files = listFiles(dir);
  for (const file of files) {
    const name = Buffer.from(path.relative(dir, file).split(path.sep).join('/'));
    const body = fs.readFileSync(file);
    const deflated = zlib.deflateRawSync(body, { level: 9 });
    const stored = Math.min(deflated.length, body.length);
    total += 30 + name.length + stored; // local header + name + data
    central += 46 + name.length; // central directory entry
  }
  return total + central + 22; // end of central directory
}

/**
 * The breakdown is taken on the wasm exactly as shipped except for its
 * function names: the compiled crate goes through the same wasm-bindgen
 * command as scripts/assemble.sh, minus --remove-name-section, into a
 * scratch folder (wasm-bindgen drops its own describe functions, so the
 * raw compiler output would overstate the glue).
 */
function namedBreakdown() {
  const compiled = path.join(REPO, 'target/wasm32-unknown-unknown/wasm/tactful.wasm');
  if (!fs.existsSync(compiled)) return { status: `${compiled} missing: run make build` };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tactful-bench-wasm-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'web', '--remove-producers-section', '--out-dir', out, '--out-name', 'tactful', compiled], { stdio: ['ignore', 'ignore', 'pipe'] });
    const named = path.join(out, 'tactful_bg.wasm');
    const parts = breakdown(named, path.join(REPO, 'data'));
    return { ...parts, named_wasm_bytes: fs.statSync(named).size };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

export function sizeRows() {
  const engine = path.join(REPO, 'dist/www/engine');
  const out = {
    wasm: sizes(path.join(engine, 'tactful_bg.wasm')),
    glue_js: sizes(path.join(engine, 'tactful.js')),
    types_dts: sizes(path.join(engine, 'tactful.d.ts')),
  };
  const ext = path.join(REPO, 'dist/extension');
  out.extension_zip = fs.existsSync(path.join(ext, 'manifest.json')) ? { bytes: zipSize(ext), files: listFiles(ext).length } : { status: 'not built' };
  out.breakdown = namedBreakdown();
  return out;
}
