# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench bench-upload bench-harvest bench-datastore install load clean browser-tools test-browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/opendata serve --host $(HOST) --port $(PORT)

load: $(STAMP)
	$(BIN)/opendata load

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# axe-core for the browser tests' accessibility checks, into the gitignored .tools/
AXE := .tools/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --prefix .tools --no-audit --no-fund --silent axe-core@4

browser-tools: $(AXE)

test-browser: $(STAMP) $(AXE)
	$(BIN)/pytest tests/app/web $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/api.py

bench-upload: $(STAMP)
	$(BIN)/python benchmarks/upload.py

bench-harvest: $(STAMP)
	$(BIN)/python benchmarks/harvest.py

bench-datastore: $(STAMP)
	$(BIN)/python benchmarks/datastore.py

clean:
	rm -rf $(VENV) var .pytest_cache .tools test-artifacts
