# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RAW ?= raw
OUTPUT ?= output
N ?= 2000
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup run test bench clean

$(BIN)/bilateral: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/bilateral

setup: $(BIN)/bilateral

run: setup
	$(BIN)/bilateral run --raw $(RAW) --output $(OUTPUT)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run_bench.py $(N)

clean:
	rm -rf $(VENV) .pytest_cache
