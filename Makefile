# Earshot: `make run` builds and serves on http://localhost:8080;
# `make test` runs every test (unit, component, end-to-end in Chromium).

GO      ?= go
WASM    := web/gen/app.wasm
BIN     := bin/earshot
# Everything the wasm is built from (this module's packages it imports, as
# go list says, so a new package cannot be forgotten): never server/.
WASM_PKGS := $(shell GOOS=js GOARCH=wasm $(GO) list -deps -f '{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}' ./wasm)
WASM_SRC := $(shell find $(WASM_PKGS) -maxdepth 1 -name '*.go' -not -name '*_test.go') go.mod go.sum Makefile
SERVER_SRC := $(shell find . -name '*.go' -not -name '*_test.go' -not -path './e2e/*' -not -path './tools/*') \
	$(shell find web -type f -not -path 'web/gen/*') go.mod go.sum

.PHONY: all build wasm run test bench screenshots clean check-wasm-deps

all: build

build: $(BIN)

wasm: $(WASM).br

# Inlining is off for our UI code and go-app (DOM-bound code, no hot loops):
# it saves ~27 KB of brotli'd wasm; the runtime and standard library keep it.
WASM_GCFLAGS := -gcflags='github.com/earshot/earshot/...=-l' -gcflags='github.com/maxence-charriere/go-app/v10/...=-l'

$(WASM): $(WASM_SRC)
	@mkdir -p $(dir $@)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' $(WASM_GCFLAGS) -o $@ ./wasm

# Precompressed copies, served to browsers by Accept-Encoding.
$(WASM).br: $(WASM)
	@if command -v brotli >/dev/null 2>&1; then \
		brotli -f -q 11 -o $@ $< && gzip -9 -k -f -c $< > $(WASM).gz && touch $@; \
	else \
		echo "brotli not installed; compressing with the Go fallback"; \
		$(GO) run ./tools/precompress $<; \
	fi
	@# brotli copies the input's (sub-second-truncated) mtime to its output,
	@# which would make this rule run on every make.

$(BIN): $(WASM).br $(SERVER_SRC)
	$(GO) build -trimpath -o $@ ./server

run: build
	./$(BIN) $(ARGS)

# The wasm must not pull in server-only packages (size: see ARCHITECTURE.md).
check-wasm-deps:
	@if GOOS=js GOARCH=wasm $(GO) list -deps ./wasm | grep -E 'gofeed|bluemonday|/server($$|/)|net/http/httptest|id3v2|andybalholm|encoding/xml'; then \
		echo "the wasm imports server-only packages" >&2; exit 1; fi

# Browser-side test tools (axe-core, player.js), pinned by package-lock.json.
e2e/node_modules/.package-lock.json: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund

test: wasm check-wasm-deps e2e/node_modules/.package-lock.json
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

# Go benchmarks of every package, the wasm's size and memory, then what a
# listener feels in Chromium (e2e/feel_bench_test.go: each visit a fresh
# browser profile; EARSHOT_BENCH_VISITS visits per page and network
# profile, default 5, about 40 minutes; EARSHOT_BENCH_IDLE the untouched
# embed's window, default 30s).
bench: wasm e2e/node_modules/.package-lock.json
	$(GO) test -run '^$$' -bench . -benchmem $$($(GO) list ./... | grep -v /e2e)
	$(GO) test -run '^$$' -bench 'WasmSize|Memory' -benchtime 3x ./e2e/
	$(GO) test -run '^$$' -bench FirstPlay -benchtime 1x -timeout 4h ./e2e/

# Every page and embed layout photographed in Chromium (light/dark, 1024 and
# 320 px, English/German, demo show and corpus feeds) into ./screenshots,
# with an index.html to look at them: tools/screenshots.
screenshots: wasm
	$(GO) run ./tools/screenshots $(ARGS)

clean:
	rm -rf bin web/gen/app.wasm web/gen/app.wasm.br web/gen/app.wasm.gz
