/**
 * Shared by the page and extension browser tests: a tiny static server on
 * 127.0.0.1 (random port, correct MIME types including application/wasm so
 * `instantiateStreaming` works), and headless system Chromium launched with
 * the flags that keep it off the network, a fresh profile and its own TMPDIR.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(REPO, 'tests/out');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

/**
 * Serves files. `mounts` maps URL prefixes to directories, longest prefix
 * first: {'/': 'www', '/engine/': 'dist/www/engine'}. `headers(urlPath)` may
 * add response headers (e.g. a CSP for a fixture). Returns {origin, url(p), close()}.
 */
export async function serve(mounts, { headers } = {}) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const mount = table.find(([prefix]) => pathname.startsWith(prefix) || `${pathname}/` === prefix);
    if (!mount || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    const [prefix, dir] = mount;
    let file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
        ...(headers ? headers(pathname) : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (p = '/') => new URL(p, origin).href,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

/**
 * Headless Chromium. Its scratch files go to a private TMPDIR that is
 * removed on close. Extra launch options (args) are appended.
 */
export async function launch(options = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tactful-e2e-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args || [])],
    env: { ...process.env, TMPDIR: scratch },
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  return browser;
}

/**
 * A persistent context (needed for unpacked extensions): fresh user-data-dir
 * and TMPDIR, both removed on close.
 */
export async function launchPersistent(options = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tactful-e2e-'));
  const profile = path.join(scratch, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args || [])],
    env: { ...process.env, TMPDIR: scratch },
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  return context;
}

/** Records every request whose origin is not `origin` (any page, worker or service worker of the context). */
export function watchOffOrigin(context, origin, allow = () => false) {
  const offenders = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || allow(url)) return;
    if (new URL(url).origin !== origin) offenders.push(url);
  });
  return offenders;
}

/** Saves a screenshot under tests/out/ (ignored by git) for reviewers. */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/**
 * The page under test: `www/` with the engine web build mounted at
 * `/engine/`, exactly what `make build` assembles as dist/www (which is a
 * copy of www/ plus that engine), but always the current www/. The engine
 * comes from $TACTFUL_ENGINE_DIR (a wasm-bindgen --target web output) or
 * from dist/www/engine.
 */
export function pageMounts() {
  const engine = process.env.TACTFUL_ENGINE_DIR || path.join(REPO, 'dist/www/engine');
  if (!fs.existsSync(path.join(engine, 'tactful.js')) || !fs.existsSync(path.join(engine, 'tactful_bg.wasm'))) {
    throw new Error(`No engine build in ${engine}: run \`make build\` or set TACTFUL_ENGINE_DIR.`);
  }
  return { '/': path.join(REPO, 'www'), '/engine/': engine };
}

/**
 * Where `field.value.slice(start, end)` is drawn on screen, computed from
 * the field's own font metrics (one line, no wrap): what an underline must
 * cover. `selector` finds the textarea, or a custom element whose open
 * shadow root holds it (Seller Central's kat-textarea).
 */
export function textRect(page, selector, start, end) {
  return page.evaluate(([sel, s, e]) => {
    const found = document.querySelector(sel);
    const field = found.shadowRoot ? found.shadowRoot.querySelector('textarea') : found;
    const cs = getComputedStyle(field);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const r = field.getBoundingClientRect();
    const left = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) + ctx.measureText(field.value.slice(0, s)).width;
    const top = r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop) - field.scrollTop;
    return { left, right: left + ctx.measureText(field.value.slice(s, e)).width, centerY: top + parseFloat(cs.lineHeight) / 2 };
  }, [selector, start, end]);
}
