/**
 * The Node rows: the npm package's Node entry (pkg/node.js, which compiles
 * the wasm synchronously on import), timed with the same loops as Chromium.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../tests/e2e/harness.mjs';
import { latencyCells, throughput } from './lib/measure.mjs';

export async function nodeRows(inputs, { quick }) {
  const t = performance.now();
  const api = await import(pathToFileURL(path.join(REPO, 'pkg/node.js')).href);
  const import_ms = performance.now() - t;
  const t1 = performance.now();
  api.check('Thank you for your order.', { marketplace: 'US' });
  const first_call_ms = performance.now() - t1;
  return {
    cold: { import_ms, first_call_ms },
    cells: latencyCells(api, inputs, { quick }),
    throughput: throughput(api, inputs, quick ? 10 : 100),
    api,
  };
}
