# Everything installs from nothing into .venv; re-running is fast when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_STAMP := tests/browser/node_modules/.installed

.PHONY: demo test test-fast fuzz lint bench bench-municipality messages release clean deploy-tools

# $(call debian,COMMAND,PACKAGES,WHAT FOR): install Debian packages when COMMAND is missing,
# saying what first; without root, stop with the command to run.
define debian
	@command -v $(1) >/dev/null || { \
	  echo "Installing Debian's $(2) ($(3)): apt-get install -y --no-install-recommends $(2)"; \
	  [ "$$(id -u)" = 0 ] || { echo "$(1) is missing: as root run 'apt-get install -y --no-install-recommends $(2)', then make again" >&2; exit 1; }; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $(2); }
endef

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian's chromium for Playwright, and axe-core from npm for the accessibility audit.
$(BROWSER_STAMP): tests/browser/package.json
	$(call debian,chromium,chromium fonts-dejavu-core,for the browser tests)
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $(BROWSER_STAMP)

demo: $(STAMP)
	$(BIN)/buurtnode demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The deployment drill (tests/deploy) runs Debian's caddy and systemd-analyze for real.
deploy-tools:
	$(call debian,caddy,caddy,the reverse proxy of the deployment drill)
	$(call debian,systemd-analyze,systemd,to verify the units in deploy/)

test: $(STAMP) $(BROWSER_STAMP) deploy-tools lint
	$(BIN)/pytest

test-fast: $(STAMP) lint
	$(BIN)/pytest -m "not browser and not multinode and not deploy"

# A long Hypothesis run against the inbox and the translation of incoming objects.
fuzz: $(STAMP)
	BUURTNODE_FUZZ_EXAMPLES=10000 $(BIN)/pytest -q -p no:cacheprovider \
	  tests/federation/test_inbox_never_500.py tests/federation/test_translate_never_crashes.py

bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

# A gemeente ingesting 150,000 activities from 100 simulated neighbourhoods (bench/README.md);
# minutes, outside `make bench`'s budget. Smaller: python bench/municipality.py --help.
bench-municipality: $(STAMP)
	$(BIN)/python bench/municipality.py --json bench/results/municipality.json

# After changing user-facing text: every text still without Dutch, as JSON to fill in and
# add with `python tools/translate.py CATALOG FILE.json` (one catalog per part of the site).
messages: $(STAMP)
	@$(BIN)/python tools/translate.py --missing

# One file to install from (docs/admin.md): the source at HEAD, with deploy/ and docs/.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
release:
	mkdir -p dist
	git archive --format=tar.gz --prefix=buurtnode-$(VERSION)/ -o dist/buurtnode-$(VERSION).tar.gz HEAD
	@echo "dist/buurtnode-$(VERSION).tar.gz"

clean:
	rm -rf $(VENV) tests/browser/node_modules test-output
