# The two commands of the quick start:
#   make site   - install what the build needs and build the site into site/
#   make test   - install what the tests need (Python packages, Chromium, axe-core) and run them all
# `make serve` previews with live reload.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test deps deps-test validate bench offline

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

deps: $(PY)
	$(PY) -m pip install -q -e .

deps-test: $(PY)
	$(PY) -m pip install -q -e ".[test]"
	@command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
	@command -v java >/dev/null || { apt-get update && apt-get install -y default-jre-headless; }
	@test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --silent

site: deps
	$(PY) -m mkdocs build --strict

# The site plus its offline edition (downloads/catalogue-offline.zip): what to deploy.
offline: deps
	$(PY) scripts/offline.py

# --dirty: after a save only the pages it changes are built again (README, «Preview»)
serve: deps
	$(PY) -m mkdocs serve --dirty

validate: deps
	$(PY) scripts/validate.py

test: deps-test
	$(PY) -m pytest -n 2

bench: deps-test
	$(PY) scripts/bench.py --entries 1000
