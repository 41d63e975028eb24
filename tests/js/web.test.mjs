// The web build (dist/www/engine/) in headless Chromium, loaded by a page
// served over HTTP the way the static page loads it: UTF-16 offsets on
// emoji, CJK and combining text, lone surrogates made in JS, errors thrown
// as real `Error`s, 5 MB of text, and the same answers as the native CLI.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { join } from "node:path";
import { cliJson, fixtures, launch, openPage, repo, serve } from "./helpers.mjs";

/** Texts with one sentence each: the span must be the text minus the outer white space. */
const ONE_SENTENCE = [
  "  🎉👩‍👩‍👧 Danke schön für die schnelle Lieferung  ",
  "\r\n商品が届きました 🇯🇵 ありがとうございます\r\n",
  "\t Cafe\u0301 tre\u0300s bon et pas cher 😀\u200d ",
  "a\u0000b with a NUL inside",
];

/** Texts for comparing the browser with the CLI, byte offsets against UTF-16. */
const MIXED = [
  "Where is my order 113-4455667-2233445? It was due on March 3. 🎉 Thanks!",
  "  🇩🇪 Paket nicht angekommen.\r\nBitte um Hilfe! Bestellnr. 302-1234567-7654321.  ",
  "注文した商品がまだ届きません。3月14日に注文しました。追跡番号は1Z999AA10123456784です。",
  "👩‍👩‍👧 Le colis est arrivé cassé. Je voudrais un remboursement de 49,99 €.",
  "",
];

describe("web build in Chromium", () => {
  let server, browser, page, errors;

  before(async () => {
    server = await serve({ "/engine/": join(repo, "dist", "www", "engine"), "/": join(fixtures, "web") });
    browser = await launch();
    ({ page, errors } = await openPage(browser, server.url("/engine.html")));
    await page.waitForFunction(() => window.ready !== undefined);
    assert.equal(await page.evaluate(() => window.ready), true);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    assert.deepEqual(errors, [], "uncaught errors in the page");
  });

  it("returns UTF-16 spans that slice the JS string", async () => {
    for (const text of ONE_SENTENCE) {
      const [result, problems] = await page.evaluate((t) => {
        const r = window.tactful.analyze(t);
        return [r, window.spanProblems(t, r)];
      }, text);
      assert.deepEqual(problems, [], JSON.stringify(text));
      assert.equal(result.sentences.length, 1, JSON.stringify(text));
      const { start, end } = result.sentences[0];
      assert.equal(text.slice(start, end), text.trim(), JSON.stringify(text));
      assert.deepEqual(Object.keys(result).sort(), ["clauses", "entities", "language", "language_confidence", "sentences"]);
    }
  });

  it("gives the same answers as the native CLI", async () => {
    for (const text of MIXED) {
      const browserSide = await page.evaluate((t) => {
        const { analyze, classify, check } = window.tactful;
        const a = analyze(t);
        return {
          analysis: a,
          problems: window.spanProblems(t, a),
          classification: classify(t, { marketplace: "DE" }),
          check: check(t, { marketplace: "FR", buyer_language: "fr" }),
        };
      }, text);
      assert.deepEqual(browserSide.problems, [], JSON.stringify(text));
      assert.deepEqual(browserSide.analysis, cliJson(["analyze", "--", text]), JSON.stringify(text));
      assert.deepEqual(browserSide.classification, cliJson(["classify", "--marketplace", "DE", "--", text]));
      assert.deepEqual(browserSide.check, cliJson(["check", "--marketplace", "FR", "--lang", "fr", "--", text]));
    }
  });

  it("accepts lone surrogates from JS without shifting offsets", async () => {
    const result = await page.evaluate(() => {
      const { analyze, classify, check, suggest } = window.tactful;
      const text = "  ab\uD800cd \uDC00 🎉 x\uD83D  ";
      const a = analyze(text);
      const c = check(text, { marketplace: "US" });
      classify(text);
      suggest(text, null, { marketplace: "US", now_ms: 0 });
      return {
        slice: text.slice(a.sentences[0].start, a.sentences[0].end) === text.trim(),
        count: a.sentences.length,
        problems: window.spanProblems(text, a),
        chars: c.chars,
        codePoints: [...text].length,
      };
    });
    assert.deepEqual(result.problems, []);
    assert.equal(result.count, 1);
    assert.equal(result.slice, true);
    assert.equal(result.chars, result.codePoints, "each lone surrogate counts as one character");
  });

  it("never traps on generated hostile text, lone surrogates included", async () => {
    const report = await page.evaluate(() => {
      const { analyze, classify, check, suggest } = window.tactful;
      const pieces = ["a", " ", "\n", "\r\n", ".", "。", "?", "é", "e\u0301", "İ", "ß", "ﬁ", "Ａ", "ｶ", "漢", "あ",
        "🎉", "🇩🇪", "👩‍👩‍👧", "\u202e", "\u0000", "\uD800", "\uDC00", "\uDBFF", "\uFFFD", "ﷺ",
        "113-4455667-2233445", "1Z999AA10123456784", "49,99 €", "3月14日", "a@b.com", "{order_id}", "ASAP"];
      let seed = 12345;
      const random = (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const markets = ["US", "CA", "MX", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "JP"];
      const failures = [];
      for (let i = 0; i < 300; i++) {
        let text = "";
        for (let n = random(60); n > 0; n--) text += pieces[random(pieces.length)];
        const marketplace = markets[i % markets.length];
        try {
          const a = analyze(text);
          const problems = window.spanProblems(text, a, { coverage: false });
          if (problems.length) failures.push({ text, problems });
          classify(text, { marketplace });
          check(text, { marketplace });
          suggest(text, null, { marketplace, now_ms: 1767225600000 });
        } catch (e) {
          failures.push({ text, error: `${e?.constructor?.name}: ${e?.message}` });
        }
      }
      return failures.slice(0, 3);
    });
    assert.deepEqual(report, []);
  });

  it("throws real Errors with readable messages, and keeps working after", async () => {
    const thrown = await page.evaluate(() => {
      const { analyze, check, classify, suggest, Engine } = window.tactful;
      const attempts = {
        marketplace: () => check("hello", { marketplace: "XX" }),
        typo: () => check("hello", { marketplace: "DE", buyerLanguage: "de" }),
        notAnObject: () => classify("hello", "DE"),
        profile: () => suggest("hello", { handling_days: "two" }, { marketplace: "US" }),
        tooLarge: () => analyze("x".repeat(9 * 1024 * 1024)),
        rulePackType: () => new Engine().addRulePack(() => 1),
      };
      const out = {};
      for (const [name, f] of Object.entries(attempts)) {
        try {
          f();
          out[name] = "did not throw";
        } catch (e) {
          out[name] = { isError: e instanceof Error, message: String(e.message) };
        }
      }
      out.after = analyze("still fine").sentences.length;
      return out;
    });
    const expect = {
      marketplace: 'invalid check context: unknown marketplace "XX" (expected one of: US, CA, MX, UK, DE, FR, IT, ES, NL, SE, PL, JP)',
      typo: "invalid check context: unknown field `buyerLanguage`, expected one of `marketplace`, `buyer_language`, `proactive`",
      notAnObject: 'invalid classify context: invalid type: string "DE", expected struct ClassifyContext',
      profile: 'invalid seller profile: invalid type: string "two", expected u32',
      tooLarge: "text is too large: 9437184 bytes (the limit is 8388608 bytes); paste a single message or draft",
      rulePackType: "invalid rule pack: expected a JSON string or an object",
    };
    for (const [name, message] of Object.entries(expect)) {
      assert.deepEqual(thrown[name], { isError: true, message }, name);
    }
    assert.equal(thrown.after, 1);
  });

  it("reads 5 MB of text", async () => {
    const result = await page.evaluate(() => {
      const unit = "Hallo 🎉 meine Bestellung 113-4455667-2233445 kam nicht an. 注文番号です。\n";
      const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / new TextEncoder().encode(unit).length));
      const t0 = performance.now();
      const a = window.tactful.analyze(text);
      const ms = performance.now() - t0;
      return { bytes: new TextEncoder().encode(text).length, ms, problems: window.spanProblems(text, a).slice(0, 5) };
    });
    assert.ok(result.bytes >= 5 * 1024 * 1024);
    assert.deepEqual(result.problems, []);
    console.log(`analyze of ${(result.bytes / 1048576).toFixed(1)} MB in Chromium: ${result.ms.toFixed(0)} ms`);
  });

  it("keeps rule packs and templates on their Engine", async () => {
    const result = await page.evaluate(() => {
      const { Engine, check } = window.tactful;
      const engine = new Engine();
      const profile = engine.defaultProfile();
      const exported = engine.exportTemplates();
      engine.importTemplates(exported);
      engine.importTemplates(JSON.parse(exported));
      const same = JSON.stringify(engine.check("Hello", { marketplace: "UK" })) === JSON.stringify(check("Hello", { marketplace: "UK" }));
      engine.free();
      return { profile, exported: JSON.parse(exported), same };
    });
    assert.ok(Array.isArray(result.profile.marketplaces));
    assert.equal(typeof result.profile.handling_days, "number");
    assert.equal(typeof result.exported, "object");
    assert.equal(result.same, true);
  });
});
