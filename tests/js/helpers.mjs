// Shared by the engine and package tests: paths, the CLI, scratch folders,
// and the static server and headless Chromium of the browser tests'
// harness (tests/e2e/harness.mjs), re-exported so there is one of each.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export { launch, serve } from "../e2e/harness.mjs";

export const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const fixtures = join(repo, "tests", "fixtures");
export const cli = join(repo, "target", "release", "tactful");

/** A fresh folder under the OS temp dir (the Makefile points TMPDIR at .tmp/). */
export function scratch(name) {
  mkdirSync(tmpdir(), { recursive: true });
  return mkdtempSync(join(tmpdir(), `tactful-${name}-`));
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
