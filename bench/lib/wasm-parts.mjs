/**
 * Where the bytes of the wasm go, without extra tools: parses the module
 * (before wasm-bindgen strips the `name` section), sums each function
 * body's size under the crate (or tactful module) its name belongs to, and
 * finds every embedded data file (data/**, as build.rs compacted it) byte
 * for byte inside the data segments, so "rules", "model", "templates" are
 * exact, not guessed.
 * twiggy gives the same per-function sizes but takes minutes to install.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

class Reader {
  constructor(buf, pos = 0, end = buf.length) { this.buf = buf; this.pos = pos; this.end = end; }
  byte() { return this.buf[this.pos++]; }
  uleb() {
    let result = 0, shift = 0, b;
    do { b = this.buf[this.pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  }
  name() { const n = this.uleb(); const s = this.buf.toString('utf8', this.pos, this.pos + n); this.pos += n; return s; }
  bytes(n) { const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  limits() { const flags = this.byte(); this.uleb(); if (flags & 1) this.uleb(); }
  /** Skips a constant expression (up to its `end` opcode). */
  expr() {
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) this.uleb(); // i32/i64.const, global.get, ref.func
      else if (op === 0x44) this.pos += 8; // f64.const
      else if (op === 0x43) this.pos += 4; // f32.const
    }
  }
}

/** { imports (function count), bodies: [{index, size, bytes}], names: Map, data: Buffer, sections: {name: size} } */
export function parseWasm(buf) {
  const r = new Reader(buf, 8);
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  const data = [];
  const sections = {};
  while (r.pos < r.end) {
    const id = r.byte();
    const size = r.uleb();
    const start = r.pos;
    const end = start + size;
    const s = new Reader(buf, start, end);
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'][id] || `section ${id}`;
    if (id === 0) {
      const name = s.name();
      label = `custom:${name}`;
      if (name === 'name') {
        while (s.pos < end) {
          const sub = s.byte();
          const len = s.uleb();
          const subEnd = s.pos + len;
          if (sub === 1) {
            const count = s.uleb();
            for (let i = 0; i < count; i++) { const idx = s.uleb(); names.set(idx, s.name()); }
          }
          s.pos = subEnd;
        }
      }
    } else if (id === 2) {
      const count = s.uleb();
      for (let i = 0; i < count; i++) {
        s.name(); s.name();
        const kind = s.byte();
        if (kind === 0) { s.uleb(); importedFuncs++; } else if (kind === 1) { s.byte(); s.limits(); } else if (kind === 2) s.limits(); else if (kind === 3) { s.byte(); s.byte(); } else if (kind === 4) { s.byte(); s.uleb(); }
      }
    } else if (id === 10) {
      const count = s.uleb();
      for (let i = 0; i < count; i++) {
        const len = s.uleb();
        bodies.push({ index: importedFuncs + i, bytes: s.bytes(len) });
      }
    } else if (id === 11) {
      const count = s.uleb();
      for (let i = 0; i < count; i++) {
        const flags = s.uleb();
        if (flags === 2) s.uleb();
        if (flags !== 1) s.expr();
        const len = s.uleb();
        data.push(s.bytes(len));
      }
    }
    sections[label] = (sections[label] || 0) + size;
    r.pos = end;
  }
  return { bodies, names, data: Buffer.concat(data), sections };
}

/** Minimal legacy Rust demangling (`_ZN3foo3bar17h…E` → `foo::bar`), enough to read the crate. */
function demangleLegacy(name) {
  const parts = [];
  let i = 3;
  while (i < name.length && name[i] !== 'E') {
    let j = i;
    while (j < name.length && name[j] >= '0' && name[j] <= '9') j++;
    const n = Number(name.slice(i, j));
    if (!n) break;
    parts.push(name.slice(j, j + n).replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$RF\$/g, '&').replace(/\$u20\$/g, ' ').replace(/\.\./g, '::'));
    i = j + n;
  }
  return parts.join('::').replace(/^_</, '<');
}

/** `[crate, module]` of a v0-mangled name (`_R…C<disambiguator>_<len><crate><len><module>…`: std is mangled this way). */
function v0Path(name) {
  const root = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(name);
  if (!root) return [null, null];
  const ident = (at, len) => {
    const start = name[at] === '_' ? at + 1 : at;
    return [name.slice(start, start + len), start + len];
  };
  const [crate, end] = ident(root.index + root[0].length, Number(root[1]));
  const next = /^(\d+)/.exec(name.slice(end));
  return [crate, next ? ident(end + next[1].length, Number(next[1]))[0] : null];
}

/** `[crate, module]` a function's name belongs to (legacy, v0 or plain names). */
function pathOf(raw) {
  if (raw.startsWith('_R')) return v0Path(raw);
  const name = raw.startsWith('_ZN') ? demangleLegacy(raw) : raw;
  if (/ as serde(_core)?::/.test(name)) return ['serde', null];
  // A trait implemented for a primitive (`<f64 as zmij::…>`): the trait's crate wrote it.
  const primitive = /^<&?(?:[iuf](?:8|16|32|64|128|size)|bool|char|str|\[[^\]]*\]) as ([A-Za-z_]\w*)::/.exec(name);
  if (primitive) return [primitive[1], null];
  // An inherent method of a primitive (`<str>::to_lowercase`) is the standard library's.
  if (/^<&?(?:[iuf](?:8|16|32|64|128|size)|bool|char|str|\[[^\]]*\])>::/.test(name)) return ['core', null];
  // wasm-bindgen's exports (`check_49fd3ee38960aa13`) and runtime helpers.
  if (/^__externref|^__wbindgen|^__wbg|_[0-9a-f]{16}$/.test(name)) return ['wasm_bindgen', null];
  const m = /^[<&*\s]*(?:mut |dyn |const )?([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?/.exec(name);
  return m ? [m[1], m[2] || null] : [null, null];
}

const CRATE_PART = [
  [/^(regex|regex_automata|regex_syntax)$/, 'regex'],
  [/^(aho_corasick|memchr)$/, 'aho-corasick'],
  [/^(serde|serde_json|serde_core|ryu|itoa|zmij)$/, 'serde / JSON'],
  [/^(wasm_bindgen|js_sys|__wbg|__wbindgen)/, 'wasm-bindgen glue'],
  [/^(core|alloc|std|compiler_builtins|dlmalloc|hashbrown|panic_abort|__rustc|rustc_demangle|logf|expf|powf|log|exp|pow|libm)$/, 'Rust std (core, alloc, fmt; incl. generics instantiated for our types)'],
];

/** The part a function belongs to, from its name. */
export function partOf(raw) {
  const [crate, module] = pathOf(raw || '');
  if (!crate) return 'other';
  if (crate === 'tactful') return `tactful::${module || '(root)'}`;
  for (const [re, part] of CRATE_PART) if (re.test(crate)) return part;
  return 'other';
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;

/**
 * The compact copies of data/ that build.rs wrote for the wasm build (what
 * is really embedded), newest first: `target/wasm32-unknown-unknown/wasm/
 * build/tactful-<hash>/out/data`.
 */
function compactDataDirs(dataDir) {
  const build = path.join(dataDir, '..', 'target', 'wasm32-unknown-unknown', 'wasm', 'build');
  if (!fs.existsSync(build)) return [];
  return fs.readdirSync(build)
    .filter((d) => d.startsWith('tactful-'))
    .map((d) => path.join(build, d, 'out', 'data'))
    .filter((d) => fs.existsSync(d))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}

/**
 * Code bytes per part, data bytes per embedded data folder (data/<folder>),
 * each with its gzip size alone (a proxy for what it adds to the download).
 */
export function breakdown(wasmPath, dataDir) {
  const { bodies, names, data, sections } = parseWasm(fs.readFileSync(wasmPath));
  const code = new Map();
  for (const b of bodies) {
    const part = partOf(names.get(b.index));
    if (!code.has(part)) code.set(part, []);
    code.get(part).push(b.bytes);
  }
  const parts = [];
  for (const [part, chunks] of code) {
    const all = Buffer.concat(chunks);
    parts.push({ part: `code: ${part}`, bytes: all.length, gzip: gz(all), functions: chunks.length });
  }
  // Embedded data files, found verbatim in the data segments.
  const claimed = new Uint8Array(data.length);
  const byFolder = new Map();
  const compact = compactDataDirs(dataDir);
  for (const file of listFiles(dataDir)) {
    // The embedded copy is build.rs's compact one if there is one, else the file itself.
    const candidates = [...compact.map((d) => path.join(d, path.relative(dataDir, file))), file].filter((f) => fs.existsSync(f));
    const bytes = candidates.map((f) => fs.readFileSync(f)).find((b) => b.length >= 64 && data.indexOf(b) >= 0);
    if (!bytes) continue;
    const at = data.indexOf(bytes);
    claimed.fill(1, at, at + bytes.length);
    const folder = path.relative(dataDir, file).split(path.sep)[0];
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder).push(bytes);
  }
  for (const [folder, chunks] of byFolder) {
    const all = Buffer.concat(chunks);
    parts.push({ part: `data: data/${folder}/ (${chunks.length} file${chunks.length > 1 ? 's' : ''})`, bytes: all.length, gzip: gz(all) });
  }
  const rest = Buffer.from(data.filter((_, i) => !claimed[i]));
  parts.push({ part: 'data: other statics (Unicode tables, strings)', bytes: rest.length, gzip: gz(rest) });
  parts.sort((a, b) => b.bytes - a.bytes);
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  for (const p of parts) p.share = p.bytes / total;
  return { named_functions: names.size, sections, parts };
}

/** `node bench/lib/wasm-parts.mjs WASM` (what `make size` runs): the breakdown as a table. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const wasm = process.argv[2];
  const dataDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'data');
  const { sections, parts } = breakdown(wasm, dataDir);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('sections:', Object.entries(sections).map(([k, v]) => `${k} ${kb(v)}`).join(', '));
  for (const p of parts) {
    console.log(`${kb(p.bytes).padStart(10)} ${kb(p.gzip).padStart(10)} gzip ${(100 * p.share).toFixed(1).padStart(5)} %  ${p.part}`);
  }
}
