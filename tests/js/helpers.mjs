// Shared by the node tests: paths, a static file server on a free port of
// 127.0.0.1, headless Chromium from apt, the CLI, and a scratch folder.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const fixtures = join(repo, "tests", "fixtures");
export const cli = join(repo, "target", "release", "tactful");

/** A fresh folder under the OS temp dir (the Makefile points TMPDIR at .tmp/). */
export function scratch(name) {
  mkdirSync(tmpdir(), { recursive: true });
  return mkdtempSync(join(tmpdir(), `tactful-${name}-`));
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".ts": "text/plain",
};

/**
 * Serves `mounts` ({ "/url/prefix/": "/dir" }, longest prefix wins) on a
 * random free port of 127.0.0.1. Returns { url, close }.
 */
export async function serve(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (prefix === undefined) return notFound(res);
    const root = resolve(mounts[prefix]);
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) return notFound(res);
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      notFound(res);
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(() => ok(undefined))),
  };
}

function notFound(res) {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
}

/**
 * Headless Chromium from apt. The flags keep it off the network (it
 * otherwise floods a closed network with requests); Playwright gives it a
 * fresh user-data-dir under TMPDIR.
 */
export async function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-extensions",
    ],
  });
}

/** Opens `url` and fails the test on any uncaught page error. */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(url);
  return { page, errors };
}

/** Runs the native CLI; returns the parsed JSON of its one output line. */
export function cliJson(args, input = "") {
  const out = spawnSync(cli, args, { input, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`tactful ${args.join(" ")}: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** Runs a command, failing with its output when it exits non-zero. */
export function run(command, args, options = {}) {
  const out = spawnSync(command, args, { encoding: "utf8", ...options });
  if (out.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${out.status}\n${out.stdout}\n${out.stderr}`);
  }
  return out.stdout;
}
