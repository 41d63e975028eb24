# Tactful tasks. `make run` and `make test` do all the set-up themselves
# (each step only when missing) and say what they are doing.
#   make run      set up, build, serve dist/www/ on http://127.0.0.1:8080/ ($PORT)
#   make test     set up, build, every test (Rust, CLI, wasm in Chromium, npm package)
#   make build    set up the build tools, build pkg/, dist/www/, dist/extension/
#   make package  build, then `npm pack` the package into dist/ and zip the
#                 extension for Chrome and Firefox into dist/packages/
#   make setup    install the build and test tools only
#   make size     build, then show where the wasm's bytes go
#   make bench    set up, release build, every benchmark row: prints the table,
#                 writes dist/bench.json (README: "Benchmark")

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PORT ?= 8080
# Scratch space for the browser and npm tests (Chromium leaves folders in
# $TMPDIR); emptied at the start of every test run.
SCRATCH := $(CURDIR)/.tmp

.PHONY: run test build package size setup setup-build native wasm assemble test-rust test-js bench bench-deps

setup-build:
	@scripts/setup.sh build

setup:
	@scripts/setup.sh test

native:
	@echo "==> cargo build --release (native CLI)"
	cargo build --release --bin tactful

# `cargo rustc --crate-type cdylib` rather than `cargo build`: built as
# both rlib and cdylib (Cargo.toml, for the CLI and the tests), the wasm
# comes out 125 KB larger raw (3,901 functions instead of 1,812; 7 KB gzip).
wasm:
	@echo "==> cargo rustc --profile wasm --target wasm32-unknown-unknown --lib --crate-type cdylib"
	cargo rustc --profile wasm --target wasm32-unknown-unknown --lib --crate-type cdylib

assemble: native wasm
	@scripts/assemble.sh

build: setup-build
	@$(MAKE) --no-print-directory assemble

run: build
	@echo "==> serving dist/www/ on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	python3 -m http.server --bind 127.0.0.1 --directory dist/www $(PORT)

package: build
	@echo "==> npm pack pkg/ -> dist/"
	npm pack ./pkg --pack-destination dist
	@scripts/package-extension.sh

size: build
	@echo "==> node bench/lib/wasm-parts.mjs (where the wasm's bytes go: code by crate, embedded data by folder)"
	node bench/lib/wasm-parts.mjs target/wasm32-unknown-unknown/wasm/tactful.wasm

test: setup
	@$(MAKE) --no-print-directory assemble test-rust test-js
	@echo "==> all tests passed"

test-rust:
	@echo "==> cargo test (native unit and integration tests)"
	cargo test

# tests/js: the engine's web build and the npm package; tests/e2e: the page
# and the extension in Chromium. Node runs every *.test.mjs under them.
JS_TESTS := tests/js/ $(wildcard tests/e2e/)

test-js:
	@echo "==> node --test $(JS_TESTS) (browser and package tests)"
	rm -rf $(SCRATCH) && mkdir -p $(SCRATCH)
	TMPDIR=$(SCRATCH) node --test --test-reporter=spec $(JS_TESTS)

# The peers the benchmark compares with (harper.js, node-nlp) live in
# bench/package.json, installed here only: `make test` never needs them.
bench-deps:
	@stamp=bench/node_modules/.tactful-lock-hash; want=$$(sha256sum bench/package-lock.json | cut -d' ' -f1); \
	if [ -f "$$stamp" ] && [ "$$(cat "$$stamp")" = "$$want" ]; then echo "==> bench peers (bench/node_modules): up to date"; \
	else echo "==> npm ci in bench/ (harper.js, node-nlp)"; (cd bench && npm ci --no-audit --no-fund) && echo "$$want" > "$$stamp"; fi

bench: setup
	@$(MAKE) --no-print-directory assemble bench-deps
	@echo "==> cargo build --release --example bench (native latency) and the trainer (its split and evaluation, for nlp.js)"
	cargo build --release --example bench $(if $(wildcard src/bin/train.rs),--bin train,)
	rm -rf $(SCRATCH) && mkdir -p $(SCRATCH)
	TMPDIR=$(SCRATCH) node bench/run.mjs $(BENCH_ARGS)
