# briefing-tools task runner. `make all` sets up and builds HTML and PDF; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PROJECT ?= .
# Quoted for the shell, so that a folder name may hold spaces, '$' or '&' (not a single quote).
QPROJECT = '$(value PROJECT)'
TEX_PACKAGES := texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
	texlive-xetex latexmk fonts-freefont-otf xindy poppler-utils
# Debian's Chromium and its driver: the tests read the site as a phone shows it.
BROWSER_PACKAGES := chromium chromium-driver

MIN_PYTHON ?= python3.11
MIN_VENV ?= .venv-min

.PHONY: all setup tex browser html pdf check test test-min lint eval bench bench-extract clean \
	livehtml linkcheck screenshots handout example

all: html pdf

# constraints.txt: the set of versions tested, so a fresh machine gets what CI passed with.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

setup: $(BIN)/.installed tex browser

browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
	  echo "Chromium: present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(BROWSER_PACKAGES) >/dev/null; \
	else \
	  echo "Chromium is missing for the browser tests. Run:"; \
	  echo "  sudo apt-get install --no-install-recommends $(BROWSER_PACKAGES)"; exit 1; \
	fi

# Debian's TeX for the PDF: installed when missing and we are root, otherwise the exact line.
tex:
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null && \
	    fc-list 2>/dev/null | grep -q FreeSerif && command -v pdftotext >/dev/null; then \
	  echo "TeX: present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	else \
	  echo "TeX is missing for the PDF. Run:"; \
	  echo "  sudo apt-get install --no-install-recommends $(TEX_PACKAGES)"; exit 1; \
	fi

html: setup
	$(BIN)/briefing --project $(QPROJECT) build html

pdf: setup
	$(BIN)/briefing --project $(QPROJECT) build pdf

# The second complete briefing (the tests build it too, in a scratch copy).
example: setup
	$(BIN)/briefing --project examples/colombia-eln build html pdf

# The two-page handout is built with the PDF: docs/_build/pdf/handout.pdf.
handout: pdf

check: $(BIN)/.installed
	$(BIN)/briefing --project $(QPROJECT) generate
	$(BIN)/briefing --project $(QPROJECT) check

test: setup
	$(BIN)/ruff check src tests benchmarks docs tools
	$(BIN)/python -m pytest -q

# The floors in pyproject.toml, proven: the lowest declared Python and the lowest declared
# version of every dependency, in a separate venv, through the build tests.
test-min: $(BIN)/.installed tex
	rm -rf $(MIN_VENV)
	$(MIN_PYTHON) -m venv $(MIN_VENV)
	$(BIN)/python tools/lowest_constraints.py pyproject.toml > $(MIN_VENV)/lowest.txt
	$(MIN_VENV)/bin/pip install --quiet -c $(MIN_VENV)/lowest.txt -e '.[dev]'
	$(MIN_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_build.py \
	  tests/test_pipeline.py

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks docs tools

# Extraction scored on the annotated corpus (tests/corpus/README.md): a Markdown table, and JSON
# in tests/corpus/results.json. `make eval DETAILS=1` lists every miss of the dev articles.
eval: $(BIN)/.installed
	$(BIN)/python tests/corpus/evaluate.py $(if $(DETAILS),--details)

bench: setup
	$(BIN)/python benchmarks/run.py --sizes 5 100 1000 --pdf-up-to 100

bench-extract: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --sizes 1000 --extract-only

livehtml: $(BIN)/.installed
	$(BIN)/briefing --project $(QPROJECT) generate
	$(BIN)/sphinx-autobuild --watch $(QPROJECT)/sources --watch $(QPROJECT)/briefing.yaml \
	  -D briefing_regenerate=1 $(QPROJECT)/docs $(QPROJECT)/docs/_build/html

linkcheck: $(BIN)/.installed
	$(BIN)/briefing --project $(QPROJECT) generate
	$(BIN)/python -m sphinx -b linkcheck $(QPROJECT)/docs $(QPROJECT)/docs/_build/linkcheck

screenshots: html pdf
	$(BIN)/python docs/manual/screenshots.py

clean:
	rm -rf docs/_build docs/briefing .briefing-cache
	rm -rf examples/*/docs/_build examples/*/docs/briefing examples/*/.briefing-cache
