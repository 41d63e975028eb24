// Type-checks the page's plain JS with TypeScript (`checkJs`): the page
// modules against the DOM, the engine worker and the service worker
// against the worker libraries, and the worker's use of the engine glue
// against the TypeScript declarations generated from the Rust types
// (engine/tactful.d.ts), laid out as dist/www is.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, pageMounts } from './harness.mjs';

// `types: []`: browser code must not see ambient @types from node_modules (web-ext brings
// @types/node, whose setTimeout returns a Timeout, not a number).
function tsc(dir, name, lib, files) {
  const config = path.join(dir, `${name}.json`);
  fs.writeFileSync(config, JSON.stringify({
    compilerOptions: { checkJs: true, allowJs: true, noEmit: true, target: 'es2022', module: 'es2022', moduleResolution: 'bundler', lib, skipLibCheck: true, types: [] },
    files: files.map((f) => path.join(dir, f)),
  }));
  return spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', config], { encoding: 'utf8' });
}

test('the page JS type-checks against the DOM and the generated engine types', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tactful-types-'));
  try {
    fs.cpSync(path.join(REPO, 'www'), dir, { recursive: true });
    fs.cpSync(pageMounts()['/engine/'], path.join(dir, 'engine'), { recursive: true });
    const page = tsc(dir, 'page', ['es2023', 'dom', 'dom.iterable'], ['app.js', 'lib/underline.js']);
    assert.equal(page.status, 0, page.stdout + page.stderr);
    const workers = tsc(dir, 'workers', ['es2023', 'webworker'], ['engine-worker.js', 'sw.js']);
    assert.equal(workers.status, 0, workers.stdout + workers.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the service worker precaches every file of the page and the engine', () => {
  const sw = fs.readFileSync(path.join(REPO, 'www/sw.js'), 'utf8');
  const listed = JSON.parse(sw.match(/const FILES = (\[[^\]]*\])/)[1].replace(/'/g, '"').replace(/,\s*\]/, ']'));
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.relative(path.join(REPO, 'www'), path.join(dir, d.name))]);
  const files = walk(path.join(REPO, 'www')).filter((f) => f !== 'sw.js').sort();
  assert.deepEqual(listed.filter((f) => f !== './' && !f.startsWith('engine/')).sort(), files);
  assert.ok(listed.includes('engine/tactful.js') && listed.includes('engine/tactful_bg.wasm'));
});
