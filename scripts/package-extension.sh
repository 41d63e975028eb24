#!/usr/bin/env bash
# Store-ready zips of the unpacked extension (dist/extension/, from
# `make build`) into dist/packages/ (ignored by git):
#   tactful-chrome-VERSION.zip   for the Chrome Web Store: the manifest without
#                                the Firefox-only keys (background.scripts,
#                                sidebar_action, browser_specific_settings)
#   tactful-firefox-VERSION.zip  for addons.mozilla.org: without the
#                                Chromium-only keys (background.service_worker,
#                                side_panel, the sidePanel permission,
#                                minimum_chrome_version)
# Each store then sees only keys it understands (both load the shared
# manifest too, with warnings). Files are added in sorted order with fixed
# timestamps, so the same build gives the same zips.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }
src=dist/extension
out=dist/packages
[ -f "$src/manifest.json" ] || { echo "package-extension: $src is missing; run make build" >&2; exit 1; }
[ -f "$src/engine/tactful_bg.wasm" ] || { echo "package-extension: $src has no engine; run make build" >&2; exit 1; }
mkdir -p "$out"

python3 - "$src" "$out" <<'PY'
import json, sys, zipfile
from pathlib import Path

src, out = Path(sys.argv[1]), Path(sys.argv[2])
manifest = json.loads((src / 'manifest.json').read_text(encoding='utf-8'))
version = manifest['version']

def chrome(m):
    m = json.loads(json.dumps(m))
    m['background'].pop('scripts', None)
    m.pop('sidebar_action', None)
    m.pop('browser_specific_settings', None)
    return m

def firefox(m):
    m = json.loads(json.dumps(m))
    m['background'].pop('service_worker', None)
    m.pop('side_panel', None)
    m.pop('minimum_chrome_version', None)
    m['permissions'] = [p for p in m['permissions'] if p != 'sidePanel']
    return m

files = sorted(p for p in src.rglob('*') if p.is_file() and p.name != 'manifest.json' and not p.name.endswith('.d.ts'))
for name, transform in (('chrome', chrome), ('firefox', firefox)):
    target = out / f'tactful-{name}-{version}.zip'
    with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        def add(arcname, data):
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
        add('manifest.json', json.dumps(transform(manifest), indent=2, ensure_ascii=False) + '\n')
        for f in files:
            add(f.relative_to(src).as_posix(), f.read_bytes())
    print(f'==> {target} ({target.stat().st_size // 1024} KB, {len(files) + 1} files)')
PY
