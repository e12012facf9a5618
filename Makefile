# Every command a maintainer needs. `make help` lists them.
# The first run creates .venv and installs the exact versions in requirements.txt (what
# building and serving the site needs), and for the tests those in requirements-test.txt.

PYTHON ?= python3
# pymdown-extensions 13.1.2 (requirements.txt) needs Python 3.11.5; Debian 12 has 3.11.2.
PYTHON_NEEDED := 3.11.5
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
SITE_INSTALLED := $(VENV)/.installed-site
TEST_INSTALLED := $(VENV)/.installed-test
# The npm tools of the accessibility tests and the benchmark (axe-core, vnu-jar, lighthouse).
NODE_INSTALLED := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve check build pdf test bench screenshots links links-external zensical content-report lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# Stops before anything is installed, in plain words, if python3 is too old or cannot
# make a virtual environment.
define check_python
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found. Install Python $(PYTHON_NEEDED) or newer: sudo apt-get install python3 python3-venv"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < tuple(map(int, "$(PYTHON_NEEDED)".split("."))))' || { \
	  echo "This project needs Python $(PYTHON_NEEDED) or newer (pymdown-extensions needs it), and $(PYTHON) is $$($(PYTHON) -c 'import platform; print(platform.python_version())')."; \
	  echo "Debian 13 and Ubuntu 24.04 have a new enough python3. On Debian 12, install a newer Python (for example with pyenv) and run: make PYTHON=/path/to/python3.12 ..."; \
	  exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "$(PYTHON) cannot make a virtual environment: the venv module is missing. Install it with: sudo apt-get install python3-venv"; exit 1; }
endef

$(PY):
	$(check_python)
	$(PYTHON) -m venv $(VENV)

# What building and serving the site needs, and the project's own package, sitebuild
# (editable, so plain `.venv/bin/mkdocs` and `.venv/bin/zensical` find its extensions).
$(SITE_INSTALLED): requirements.txt pyproject.toml | $(PY)
	@echo "Installing the exact versions in requirements.txt into $(VENV) (the first time takes a minute or two)..."
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --no-build-isolation --editable .
	touch $@

# The test tools on top: pytest, the QR code reader, lychee and the other checkers.
$(TEST_INSTALLED): requirements-test.txt $(SITE_INSTALLED)
	@echo "Installing the test tools in requirements-test.txt into $(VENV)..."
	$(PIP) -r requirements-test.txt
	touch $@

# Exactly package-lock.json. --ignore-scripts: no install script may download anything
# (vnu-jar's would fetch a Java runtime; the system Java 17 is used instead).
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# The real build (post-build steps included) into .cache/preview/, rebuilt on every change
# to docs/, data/, overrides/, mkdocs.yml or sitebuild/; the open page reloads itself.
# PDF=1 also prints the sheet PDFs at every build; PORT=8001 serves on another port.
serve: $(SITE_INSTALLED) ## Preview the real site on http://127.0.0.1:8000; it rebuilds and reloads on every change (PDF=1: with sheet PDFs)
	$(PY) -m sitebuild.devtools.preview --port $(or $(PORT),8000) $(if $(PDF),--pdf)

# The build (without PDFs, into .cache/check/site), then the reading grade, never-say,
# abbreviation and offline link checks: every problem at once. No browser, Node or Java
# (the reading-grade and link tools come with the test set).
check: $(TEST_INSTALLED) ## Run every content check (no browser needed): do this before opening a pull request
	$(PY) -m sitebuild.checks.check_all

build: $(SITE_INSTALLED) ## Build the site strictly into site/, with the sheet PDFs (needs chromium)
	$(PY) -m sitebuild.build_site --pdf

pdf: build ## Print each printable sheet to site/sheets/NAME/NAME.pdf (same as build)

zensical: $(SITE_INSTALLED) ## Build the site with Zensical into site-zensical/
	$(PY) -m sitebuild.build_site --builder zensical --site-dir site-zensical

# Two processes (pytest-xdist) sharing the builds and the walks of every page (tests/
# conftest.py); each test file stays in one process, so a file's shared fixtures are made
# once. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: $(TEST_INSTALLED) $(NODE_INSTALLED) ## Run every test (needs Debian's chromium, Node and Java: see README)
	$(PY) -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile)

bench: $(SITE_INSTALLED) $(NODE_INSTALLED) ## Print Lighthouse scores and page weights, beside stock Material (see README)
	$(PY) -m sitebuild.devtools.benchmark

# PNGs of the home page and one page per section, phone and desktop, light and dark, into
# screenshots/ (not kept in git): for a pull request that changes the look.
screenshots: $(SITE_INSTALLED) ## Build the site and save screenshots of key pages into screenshots/ (needs chromium)
	$(PY) -m sitebuild.devtools.screenshots

# Never fails because time has passed: only if the site does not build (invalid content).
# CONTENT_REPORT_FLAGS="--issue-file FILE" also writes what is due (the monthly workflow).
content-report: $(TEST_INSTALLED) ## Print each page's review dates, sources, words and reading grade; stale contacts and apps; live checks; search hit rate
	$(PY) -m sitebuild.checks.content_report $(CONTENT_REPORT_FLAGS)

links: build $(TEST_INSTALLED) ## Check every link in site/ offline: pages, anchors, images, tel:, mailto:, https
	$(PY) -m sitebuild.checks.link_check

# Builds its own copy (without the sheet PDFs, which add no links) so site/ is left alone.
links-external: $(TEST_INSTALLED) ## Check every link to another site; writes link-report.md (uses the internet)
	$(PY) -m sitebuild.build_site --site-dir .cache/links/site
	$(PY) -m sitebuild.checks.external_link_check --site-dir .cache/links/site

# The site's pins first; the test tools' are then resolved with those fixed, and
# requirements-test.txt holds only what they add.
lock: ## Re-pin requirements.txt and requirements-test.txt from the .in files, in a fresh environment
	$(check_python)
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Exact pins of requirements.in and everything it pulls in. Generated by 'make lock'; do not edit by hand."; \
	  echo "# mkdocs must stay below 2 (see requirements.in)."; \
	  .venv-lock/bin/pip freeze --all --exclude pip --exclude wheel; } > requirements.txt.new
	.venv-lock/bin/pip install --quiet --disable-pip-version-check -c requirements.txt.new -r requirements-test.in
	{ echo "# Exact pins of requirements-test.in and what it adds to requirements.txt. Generated by 'make lock'; do not edit by hand."; \
	  echo "-r requirements.txt"; \
	  .venv-lock/bin/pip freeze --all --exclude pip --exclude wheel | grep -vxFf requirements.txt.new; } > requirements-test.txt
	mv requirements.txt.new requirements.txt
	rm -rf .venv-lock

clean: ## Remove built sites and caches (keeps .venv)
	rm -rf site site-zensical .cache .pytest_cache link-report.md
