// The wasm benchmark inside Chromium: loads the web build exactly as the
// page does (init with the .wasm URL, instantiateStreaming), then exposes
// the shared timing loops to bench/browser.mjs through window.tactfulBench.
import init, * as engine from '/engine/tactful.js';
import { latencyCells, throughput, timerResolution } from './lib/measure.mjs';

const started = performance.now();
const ready = init({ module_or_path: new URL('/engine/tactful_bg.wasm', location.href) }).then(() => {
  const initMs = performance.now() - started;
  const t = performance.now();
  engine.check('Thank you for your order.', { marketplace: 'US' });
  return { init_ms: initMs, first_call_ms: performance.now() - t, since_navigation_ms: performance.now() };
});

window.tactfulBench = {
  ready: () => ready,
  isolated: () => self.crossOriginIsolated === true,
  resolution: () => timerResolution(),
  latency: (inputs, quick) => latencyCells(engine, inputs, { quick, resolution: timerResolution() }),
  throughput: (inputs, rounds) => throughput(engine, inputs, rounds),
  /** Median µs of `check` on one text (the budget test's probe). */
  checkOnce: (text, marketplace) => engine.check(text, { marketplace }),
};
