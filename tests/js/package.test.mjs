// The npm package as a user gets it: `npm pack` of pkg/, installed from the
// tarball into a throwaway project, then used from Node ESM (no init),
// type-checked with tsc, loaded by a plain <script type="module"> page in
// Chromium, and bundled by Vite.
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cliJson, fixtures, launch, openPage, repo, run, scratch, serve } from "./helpers.mjs";

const fixture = (name) => join(fixtures, "package", name);
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");

describe("npm package", () => {
  let app, tarball, browser;

  before(async () => {
    const packs = scratch("pack");
    const packed = JSON.parse(run("npm", ["pack", join(repo, "pkg"), "--pack-destination", packs, "--json"]));
    tarball = { path: join(packs, packed[0].filename), files: packed[0].files.map((f) => f.path).sort() };
    app = scratch("app");
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball.path], { cwd: app });
    copyFileSync(fixture("consumer.mjs"), join(app, "consumer.mjs"));
    copyFileSync(fixture("page.html"), join(app, "page.html"));
    copyFileSync(fixture("vite-main.js"), join(app, "main.js"));
    copyFileSync(fixture("vite-index.html"), join(app, "index.html"));
    copyFileSync(fixture("tsconfig.json"), join(app, "tsconfig.json"));
    copyFileSync(fixture("node-fs.d.ts"), join(app, "node-fs.d.ts"));
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  it("ships the wasm as a file, with types, README and licence", () => {
    assert.deepEqual(tarball.files, [
      "LICENSE",
      "README.md",
      "node.js",
      "package.json",
      "tactful.d.ts",
      "tactful.js",
      "tactful_bg.wasm",
    ]);
    const glue = readFileSync(join(app, "node_modules", "tactful", "tactful.js"), "utf8");
    assert.ok(!/base64|data:application\/wasm/.test(glue), "the wasm must not be inlined");
    const wasm = readFileSync(join(app, "node_modules", "tactful", "tactful_bg.wasm"));
    assert.deepEqual([...wasm.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "a real wasm file");
  });

  it("works from Node ESM with no init step, like the CLI", () => {
    const out = JSON.parse(run("node", ["consumer.mjs"], { cwd: app }));
    assert.equal(out.slice, "🎉 Wo ist mein Paket?");
    assert.deepEqual(out.analysis, cliJson(["analyze", "--", "  🎉 Wo ist mein Paket?  "]));
    assert.deepEqual(out.checked, cliJson(["check", "--marketplace", "DE", "--lang", "de", "--", "Bitte bewerten Sie uns mit 5 Sternen! 👍"]));
    assert.deepEqual(out.classified, cliJson(["classify", "--marketplace", "US", "--", "My parcel 113-4455667-2233445 arrived broken."]));
    const line = JSON.stringify({ id: 1, text: "Wo ist mein Paket?", marketplace: "DE", now_ms: 1767225600000, profile: { seller_name: "Nordlicht" } });
    const { id, ...suggested } = cliJson(["suggest"], `${line}\n`);
    assert.equal(id, 1);
    assert.deepEqual(out.suggested, suggested);
    assert.deepEqual(out.errors, ['invalid check context: unknown marketplace "XX" (expected one of: US, CA, MX, UK, DE, FR, IT, ES, NL, SE, PL, JP)']);
    assert.ok(Array.isArray(out.profile.marketplaces));
    assert.equal(out.sameFromEngine, true);
    assert.equal(out.initType, "function");
  });

  it("type-checks a consumer and the Node entry against the shipped types", () => {
    // tsconfig.json lists consumer.mjs, the Vite entry and the installed
    // node.js; skipLibCheck is off, so tactful.d.ts is checked too.
    run("node", [tsc, "-p", app], { cwd: app });
  });

  it("loads in a plain HTML page with an explicit init(url)", async () => {
    const server = await serve({ "/": app });
    try {
      const { page, errors } = await openPage(browser, server.url("/page.html"));
      await page.waitForFunction(() => window.result !== undefined);
      const result = await page.evaluate(() => window.result);
      assert.equal(result.failed, undefined, result.failed);
      assert.equal(result.slice, "Paket 🎉 kam nicht an");
      assert.match(result.error, /^invalid check context: unknown marketplace "XX"/);
      assert.deepEqual(result.analysis, cliJson(["analyze", "--", "  Paket 🎉 kam nicht an  "]));
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });

  it("bundles with Vite into a page that works", async () => {
    const t0 = Date.now();
    const { build } = await import("vite");
    const outDir = join(app, "dist");
    await build({ root: app, configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    console.log(`vite build: ${Date.now() - t0} ms`);
    const assets = readdirSync(join(outDir, "assets"));
    const wasm = assets.filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `one wasm file in ${assets}`);
    for (const js of assets.filter((f) => f.endsWith(".js"))) {
      assert.ok(statSync(join(outDir, "assets", js)).size < 200_000, `${js} must not inline the wasm`);
    }
    const server = await serve({ "/": outDir });
    try {
      const { page, errors } = await openPage(browser, server.url("/"));
      await page.waitForFunction(() => window.result !== undefined);
      const result = await page.evaluate(() => window.result);
      assert.equal(result.failed, undefined, result.failed);
      assert.equal(result.slice, "Paket 🎉 kam nicht an");
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });
});
