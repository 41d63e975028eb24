#!/usr/bin/env bash
# Assembles the build outputs from the compiled crate:
#   pkg/             the npm package (web glue + wasm + types + Node entry)
#   dist/www/        www/ plus the engine under dist/www/engine/
#   dist/extension/  the unpacked extension: extension/, the page's modules
#                    from www/ (the side panel), the engine under engine/
# The page and extension teams only drop files into www/ and extension/;
# `engine/` in the outputs always comes from here. Run by `make build`,
# after the native CLI and the wasm are compiled.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

wasm=target/wasm32-unknown-unknown/wasm/tactful.wasm
cli=target/release/tactful
stage=target/web
for f in "$wasm" "$cli"; do
  [ -f "$f" ] || { echo "assemble: $f is missing; run make build" >&2; exit 1; }
done

# wasm-opt -Oz (npm binaryen 132, with the feature flags) was measured on
# this output after --remove-name-section: 132 KB -> 113 KB raw but 48.9 ->
# 49.3 KB gzip; later 262 KB -> 237 KB raw but 103 -> 105 KB gzip; 5-45 s
# per build. What is served is gzipped, so it is not used. Debian's
# binaryen must never be used (it breaks wasm-bindgen output).
say "wasm-bindgen --target web -> $stage/"
rm -rf "$stage"
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir "$stage" --out-name tactful "$wasm"

# The functions in tactful.d.ts name result interfaces (via
# unchecked_return_type); their declarations come from the CLI, generated
# from the same Rust types.
say "appending the result and option types ($cli types) to tactful.d.ts"
{ echo; "$cli" types; } >> "$stage/tactful.d.ts"

engine_files=("$stage/tactful.js" "$stage/tactful_bg.wasm" "$stage/tactful.d.ts")

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
say "pkg/ (npm package tactful@$version)"
rm -rf pkg
mkdir pkg
cp "${engine_files[@]}" pkg/
cp npm/node.js npm/README.md npm/LICENSE pkg/
sed "s/@VERSION@/$version/" npm/package.json > pkg/package.json

say "dist/www/ (www/ + engine/)"
rm -rf dist/www
mkdir -p dist/www
if [ -d www ]; then
  cp -R www/. dist/www/
else
  say "www/ does not exist yet: dist/www/ holds only the engine"
fi
mkdir -p dist/www/engine
cp "${engine_files[@]}" dist/www/engine/

rm -rf dist/extension
if [ -d extension ]; then
  say "dist/extension/ (the page's modules from www/ + extension/ + engine/)"
  mkdir -p dist/extension
  # The side panel IS the page's app: www/'s modules, strings, styles and
  # lib/underline.js (which the content script imports too) are copied in,
  # never duplicated in the repo. Two seams:
  #   www/store.js  -> page-store.js; extension/store.js takes its place
  #                    (the same exports, backed by chrome.storage.local);
  #   www/index.html -> sidepanel.html, plus the extension's sites.js.
  # sw.js (the page's offline cache) has no use in an extension.
  if [ -d www ]; then
    cp -R www/. dist/extension/
    rm -f dist/extension/index.html dist/extension/sw.js
    mv dist/extension/store.js dist/extension/page-store.js
    app_tag='<script type="module" src="app.js"></script>'
    grep -qF "$app_tag" www/index.html || { echo "assemble: www/index.html no longer loads app.js as expected; update the side panel seam" >&2; exit 1; }
    sed "s#$app_tag#$app_tag\n<script type=\"module\" src=\"sites.js\"></script>#" www/index.html > dist/extension/sidepanel.html
  fi
  # An extension file may only replace a page file on purpose (store.js).
  while IFS= read -r f; do
    if [ "$f" != ./store.js ] && [ -e "dist/extension/$f" ]; then
      echo "assemble: extension/$f would overwrite www/$f in dist/extension/" >&2
      exit 1
    fi
  done < <(cd extension && find . -type f)
  cp -R extension/. dist/extension/
  mkdir -p dist/extension/engine
  cp "${engine_files[@]}" dist/extension/engine/
else
  say "extension/ does not exist yet: skipping dist/extension/"
fi

raw=$(wc -c < "$stage/tactful_bg.wasm")
gz=$(gzip -9c "$stage/tactful_bg.wasm" | wc -c)
say "tactful_bg.wasm: $((raw / 1024)) KB raw, $((gz / 1024)) KB gzip -9 (target: 300 KB gzip)"
if [ "$gz" -gt $((300 * 1024)) ]; then say "WARNING: the wasm is over the 300 KB gzip target (issue 8)"; fi
