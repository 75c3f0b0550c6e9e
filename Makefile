# briefgen — set-up, build and test. `make brief` and `make test` install whatever they need.

PYTHON ?= python3
BENCH_ARGS ?=
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.briefgen-installed
# Debian packages: Chromium for kaleido's chart export, Pango for WeasyPrint, fonts for the PDF,
# poppler-utils to look at the pages (pdftoppm).
DEBIAN_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core poppler-utils
BROWSERS := chromium chromium-browser google-chrome google-chrome-stable

.PHONY: brief test test-fast install python-deps system-deps bench clean help

help:
	@echo "make brief      build output/brief.pdf from sources/ (installs what is missing)"
	@echo "make test       run the whole test suite, slow end-to-end tests included"
	@echo "make test-fast  run the tests without the slow end-to-end ones"
	@echo "make bench      run the build benchmark (docs/performance.md) and the quality ones (docs/quality.md)"

brief: install
	$(BIN)/briefgen build

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

# Speed (docs/performance.md): builds of 5 to 2,225 sources, by stage, with peak memory, one table.
# It needs the BBC set in benchmarks/data/bbc/ for rows (c) and (d) and says so when it is missing.
# Then quality (docs/quality.md): actors against the hand-made gold file.
# BENCH_ARGS passes options, e.g. make bench BENCH_ARGS="--budget 40" (minutes; default 15) or "--quick".
bench: install
	$(BIN)/python benchmarks/build.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/actors_eval.py
	@echo "with the datasets fetched (docs/quality.md says how): benchmarks/summaries.py, benchmarks/tempeval.py"

install: system-deps python-deps

python-deps: $(STAMP)
	@echo "python packages: installed in $(VENV) (run 'make clean' to start over)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

system-deps:
	@missing=""; \
	browser="$${BROWSER_PATH:-}"; \
	if [ -z "$$browser" ]; then for b in $(BROWSERS); do command -v $$b >/dev/null 2>&1 && browser=$$b && break; done; fi; \
	for p in $(DEBIAN_PACKAGES); do \
	  if [ "$$p" = chromium ] && [ -n "$$browser" ]; then continue; fi; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "system packages: nothing to install"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "system packages: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "briefgen needs these Debian packages:$$missing"; \
	  echo "install them with:  sudo apt-get install$$missing"; \
	  echo "(or set BROWSER_PATH to an installed Chrome/Chromium)"; exit 1; \
	fi

clean:
	rm -rf $(VENV) output/.cache output/.briefgen-state.json
