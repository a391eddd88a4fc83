# The README's two set-up commands are `make serve` and `make test`; both work on a fresh machine.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve site check test lint typecheck offline browser-deps pdf clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# `make serve PORT=8001` when 8000 is taken; a busy port is said in one line, not a traceback.
# --dirty: a rebuild after an edit rebuilds only the pages whose HTML changes; the plugin keeps the
# others and the search index exactly as a full build makes them (plugins/briefing/mkdocs_incremental.py).
PORT ?= 8000
serve: $(STAMP)
	@$(BIN)/python -c "import socket; socket.socket().bind(('127.0.0.1', $(PORT)))" 2>/dev/null || \
	  { echo "port $(PORT) is in use; choose another: make serve PORT=8001" >&2; exit 1; }
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload --dirty

site: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/briefing check

lint: $(STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/ruff format --check plugins tests

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian's Chromium for the browser tests and the briefing pack, and a CJK font so Korean names
# print (fonts-noto-cjk); each installed only when missing. Never needed by the site build.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  echo "installing Debian fonts-noto-cjk so Korean, Chinese and Japanese names print"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }

test: $(STAMP) browser-deps lint typecheck node_modules
	$(BIN)/python -m pytest -n 2 --dist loadfile

# npm is used for one file: the iframe-worker shim that lets search run from file://.
# The stamp lives inside node_modules, so an emptied or deleted node_modules is reinstalled too.
.PHONY: node_modules
node_modules: node_modules/.installed
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The offline edition as a reproducible zip. Timestamps come from the last commit (1980-01-01
# outside a git checkout), so the same commit gives the same bytes; the browser tests run this
# target with their own paths.
OFFLINE_SITE ?= .site-offline
OFFLINE_ZIP ?= dist/briefing-offline.zip
SOURCE_DATE_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),315532800)
SHIM_DIR = $(OFFLINE_SITE)/assets/javascripts/iframe-worker

offline: $(STAMP) node_modules
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/mkdocs build --strict -f mkdocs-offline.yml -d $(OFFLINE_SITE)
	install -D -m 644 node_modules/iframe-worker/shim/index.js $(SHIM_DIR)/shim.js
	install -D -m 644 node_modules/iframe-worker/LICENSE $(SHIM_DIR)/LICENSE
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/python -m briefing.publish.bundle $(OFFLINE_SITE) $(OFFLINE_ZIP)

# The printable briefing pack, dist/briefing.pdf, printed by headless Chromium with no network.
# PACK="north-korea us-south-korea-alliance" prints only those topics or countries and what they name.
PDF ?= dist/briefing.pdf
pdf: $(STAMP) browser-deps
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(BIN)/briefing pdf --out $(PDF) $(foreach id,$(PACK),--pack $(id))

# Scale benchmark (BENCHMARKS.md): synthetic briefings, ours vs plain Material, check and serve rebuild.
BENCH_SIZES ?= 1000,3000,12000
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py --sizes $(BENCH_SIZES)

clean:
	rm -rf site dist .site-* test-artifacts
