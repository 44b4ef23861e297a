# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RAW ?= raw
OUTPUT ?= output
N ?= 20000
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup native browser run test bench clean

$(BIN)/bilateral: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/bilateral

# The hot extraction modules compiled with mypyc into .native/ (flows/native.py): ~20% less CPU.
# Rebuilt when one of them (or a module they call) changes; until then the .py files run. A failed
# build (no C compiler or Python headers, a type error mypyc rejects) is only a warning here, so
# that `make run` still works on the pure-Python modules; `make test` is where it fails (below).
NATIVE_SOURCES := $(shell $(PYTHON) -c "import ast,sys; t=ast.parse(open('flows/native.py').read()); print(' '.join(name for n in t.body if isinstance(n, ast.Assign) and n.targets[0].id in ('COMPILED', 'CALLED') for name in ast.literal_eval(n.value)))")
.native/FINGERPRINT: $(BIN)/bilateral $(NATIVE_SOURCES) flows/native.py tools/build_native.py
	$(BIN)/python tools/build_native.py || echo "mypyc build failed: the pure-Python modules are used" >&2

native: .native/FINGERPRINT

setup: $(BIN)/bilateral native

run: setup
	$(BIN)/bilateral run --raw $(RAW) --output $(OUTPUT)

# Headless Chromium from Debian for the landing page's browser test (Playwright drives it; its own
# browser download is never used). Root installs it (CI); others through sudo when they have it.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null; then sudo="sudo"; \
	  else echo "chromium is missing and cannot be installed without root: the browser test is skipped" >&2; exit 0; fi; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# A DuckDB 1.x reader beside the venv (not in it: the project itself uses 2.x), with which
# tests/test_duckdb_export.py opens bilateral.duckdb as users of older tools would.
DUCKDB_1 := $(VENV)/duckdb1/duckdb/__init__.py
$(DUCKDB_1): $(BIN)/bilateral
	$(BIN)/pip install --quiet --target $(VENV)/duckdb1 "duckdb>=1.0,<2"

# pandas beside the venv too, for tests/test_operations.py to read the CSV files as analysts do:
# installed in the venv, pandera would import it into every process of a run (~0.8 s of CPU each).
PANDAS_READER := $(VENV)/readers/pandas/__init__.py
$(PANDAS_READER): $(BIN)/bilateral
	$(BIN)/pip install --quiet --target $(VENV)/readers "pandas>=2" "python-dateutil>=2.8.2,<3"

# BILATERAL_NATIVE=require: the tests run the compiled modules or not at all. A build that failed
# (its warning scrolled past) or went stale makes `import flows` an ImportError, so CI goes red
# rather than pass on the pure-Python modules; tests/test_native.py checks that they agree.
# `make test BILATERAL_NATIVE=0` runs the suite on the pure-Python modules (=auto: whichever is current).
test: export BILATERAL_NATIVE ?= require
test: setup browser $(DUCKDB_1) $(PANDAS_READER)
	$(BIN)/python -m pytest

# Throughput benchmark (issue 7): `make bench` builds N=20000 perturbed articles; `make bench N=2000` for a quick run.
# It runs `.venv/bin/bilateral run` under /usr/bin/time as a subprocess: end to end, as a user gets it.
bench: setup
	$(BIN)/python bench/run_bench.py $(N)

clean:
	rm -rf $(VENV) .pytest_cache .native .native.new .native.old build .mypy_cache
