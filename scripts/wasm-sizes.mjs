#!/usr/bin/env node
// Where the bytes of a .wasm go: section sizes, data segments and the
// largest functions by (demangled-ish) name, to find what breaks the size
// budget. Reads the cargo output (it still has its name section):
//   node scripts/wasm-sizes.mjs [target/wasm32-unknown-unknown/wasm/tactful.wasm] [TOP]
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "target/wasm32-unknown-unknown/wasm/tactful.wasm";
const top = Number(process.argv[3] ?? 25);
const bytes = readFileSync(file);
let at = 8;

function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return result;
  }
}

const sections = [];
const bodies = [];
const names = new Map();
let imports = 0;
const kinds = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const start = at;
  let label = kinds[id] ?? `#${id}`;
  if (id === 0) {
    const len = leb();
    const name = bytes.subarray(at, at + len).toString("utf8");
    at += len;
    label = `custom "${name}"`;
    if (name === "name") {
      while (at < start + size) {
        const sub = bytes[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const l = leb();
            names.set(index, bytes.subarray(at, at + l).toString("utf8"));
            at += l;
          }
        }
        at = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      at += leb(); // module
      at += leb(); // name
      const kind = bytes[at++];
      if (kind === 0) { leb(); imports++; }
      else if (kind === 1) { at++; const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = bytes[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else { leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(), i = 0; i < n; i++) {
      const bodySize = leb();
      bodies.push({ index: imports + i, size: bodySize });
      at += bodySize;
    }
  }
  sections.push({ label, size });
  at = start + size;
}

const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
console.log(`${file}: ${kb(bytes.length)}`);
for (const s of sections.sort((a, b) => b.size - a.size)) console.log(`${kb(s.size)}  ${s.label}`);
console.log(`\nlargest of ${bodies.length} functions:`);
/** The crate a (mangled) function name belongs to, for a rough split. */
function crateOf(name) {
  if (name.startsWith("_ZN")) {
    const m = name.match(/^_ZN(\d+)/);
    if (!m) return "?";
    const first = name.slice(m[0].length, m[0].length + Number(m[1]));
    // `<T as Trait>` impls: the crate of T.
    const inner = first.match(/^_\$LT\$([a-z_][a-z0-9_]*)/);
    return inner ? inner[1] : first.split(/\.\.|::/)[0];
  }
  if (name.startsWith("_R")) {
    const m = name.match(/C[s][A-Za-z0-9]*_(\d+)/);
    if (m) {
      const len = Number(m[1]);
      const from = m.index + m[0].length;
      return name.slice(from, from + len);
    }
  }
  return name.includes("::") ? name.split("::")[0] : "?";
}
const byCrate = new Map();
for (const b of bodies) {
  const name = names.get(b.index) ?? `func[${b.index}]`;
  byCrate.set(crateOf(name), (byCrate.get(crateOf(name)) ?? 0) + b.size);
}
for (const b of bodies.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`${kb(b.size)}  ${(names.get(b.index) ?? `func[${b.index}]`).slice(0, 140)}`);
}
console.log("\ncode by crate (from function names):");
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${kb(size)}  ${crate}`);
