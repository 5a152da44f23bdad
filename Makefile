# Two commands for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The build host: mkdocs, or properdocs (MkDocs' maintained fork; add it to requirements.txt). See README.
HOST   ?= mkdocs
# "Today" for date rules is the last commit's time unless set, so a commit always builds the same site.
# Material prints an end-of-life banner on every build; we already plan for it (see README).
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: site test test-properdocs serve check bench screenshots clean

$(BIN)/mkdocs: requirements.txt plugins/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e plugins/
	touch $@

$(VENV)/.dev: $(BIN)/mkdocs requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# MkDocs runs what a Python tag of mkdocs.yml names while it reads the file, before any plugin exists: the check
# reads mkdocs.yml safely first and refuses such a tag (E406); its lines are shown only when it fails.
# `python -P`: the repository's folder is not put on Python's module path (a committed yaml.py would run in place
# of the installed module; the check refuses one too, E406).
site: $(BIN)/mkdocs          ## build the example agency into site/
	@found=$$($(BIN)/disclosure check mkdocs.yml 2>&1) || { echo "$$found"; exit 1; }
	$(BIN)/python -P -m $(HOST) build -f mkdocs.yml --strict

# The suite starts hundreds of builds, each importing the plugin: compiled once here, not in every
# process (where PYTHONDONTWRITEBYTECODE is set, as on some CI machines, each would compile it again).
COMPILE = -m compileall -q -j 0 plugins/disclosure

test: $(VENV)/.dev           ## run the whole test suite
	$(BIN)/python $(COMPILE)
	tools/pytest-in-memory $(BIN)

serve: $(BIN)/mkdocs         ## preview at http://127.0.0.1:8000/
	$(BIN)/python -P -m $(HOST) serve -f mkdocs.yml

check: $(BIN)/mkdocs         ## the fast content check, no rendering
	$(BIN)/disclosure check

bench: $(VENV)/.dev         ## 1,000 / 5,000 / 10,000 generated documents built, checked, searched; where a build's time goes; figures before/after in bench/README.md
	$(BIN)/python bench/run.py
	$(BIN)/python bench/profile.py --sizes 1000 --check --runs 1 --out bench/results-profile-bench.json

.PHONY: bench-profile
bench-profile: $(VENV)/.dev  ## CPU time and where it goes: strict build of 1,000 / 10,000 and the check; bench/results-profile.json
	$(BIN)/python bench/profile.py

.PHONY: bench-platform
bench-platform: $(VENV)/.dev  ## a platform: 20 × 1,000 built, rebuilt and searched; the merge at 20 and 200 × 1,000; the first query at 200 × 1,000; figures before/after in bench/README.md
	$(BIN)/python bench/platform_run.py
	$(BIN)/python bench/platform_merge.py
	$(BIN)/python bench/platform_search.py --browser

.PHONY: report
# Counted on the real today, not the last commit's day: a column goes on ageing without commits.
report: $(BIN)/mkdocs        ## the office's own report into report/ (never deployed, never linked from site/)
	SOURCE_DATE_EPOCH= $(BIN)/disclosure report

.PHONY: reference
reference: $(BIN)/mkdocs     ## regenerate docs/reference.md (content format and codes) from the code
	$(BIN)/python tools/reference.py

screenshots: site $(VENV)/.dev  ## main pages, desktop and phone, into docs/screenshots/
	$(BIN)/python tools/screenshots.py
	$(BIN)/python tools/report_screenshot.py
	$(MAKE) platform
	$(BIN)/python tools/platform_screenshots.py

clean:
	rm -rf site site.building site.old $(VENV) .venv-properdocs

# The same suite under ProperDocs (MkDocs' maintained fork), in its own virtual environment.
PD_VENV := .venv-properdocs
$(PD_VENV)/.dev: requirements.txt requirements-dev.txt requirements-properdocs.txt plugins/pyproject.toml
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	$(PD_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e plugins/
	touch $@

test-properdocs: $(PD_VENV)/.dev  ## the whole suite with ProperDocs as the host
	$(PD_VENV)/bin/python $(COMPILE)
	DISCLOSURE_HOST=properdocs tools/pytest-in-memory $(PD_VENV)/bin

.PHONY: platform
platform: $(BIN)/mkdocs      ## build the example platform (a city government and its departments) into examples/platform/site/
	cd examples/platform && ../../$(BIN)/python -P -m $(HOST) build -f mkdocs.yml --strict
