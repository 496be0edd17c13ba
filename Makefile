# Everything installs from nothing into .venv; re-running is fast when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_STAMP := tests/browser/node_modules/.installed

.PHONY: demo test test-fast lint bench messages release clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian's chromium for Playwright, and axe-core from npm for the accessibility audit.
$(BROWSER_STAMP): tests/browser/package.json
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core)
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $(BROWSER_STAMP)

demo: $(STAMP)
	$(BIN)/buurtnode demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: $(STAMP) $(BROWSER_STAMP) lint
	$(BIN)/pytest

test-fast: $(STAMP) lint
	$(BIN)/pytest -m "not browser and not multinode"

bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

# Refresh the gettext catalogs after changing user-facing text.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o node/web/locale/messages.pot node
	$(BIN)/pybabel update -i node/web/locale/messages.pot -d node/web/locale --no-fuzzy-matching

# One file to install from (docs/admin.md): the source at HEAD, with deploy/ and docs/.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
release:
	mkdir -p dist
	git archive --format=tar.gz --prefix=buurtnode-$(VERSION)/ -o dist/buurtnode-$(VERSION).tar.gz HEAD
	@echo "dist/buurtnode-$(VERSION).tar.gz"

clean:
	rm -rf $(VENV) tests/browser/node_modules test-output
