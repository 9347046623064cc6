# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test bench templates addin clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# (compileall: the bytecode a wheel install would have, also where PYTHONDONTWRITEBYTECODE is set)
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	$(BIN)/python -m compileall -q src
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $@ $(STAMP)

# The demo shop in xlsx/ is rebuilt (deterministically: the same bytes as committed) and
# the daily job runs on a copy of it, so xlsx/ stays as it is in the repository.
demo: $(STAMP)
	$(BIN)/shopbook demo xlsx
	rm -rf build/demo-shop && mkdir -p build && cp -r xlsx build/demo-shop
	$(BIN)/shopbook daily build/demo-shop --date 2026-11-21
	$(BIN)/shopbook aftersales build/demo-shop --date 2026-11-22 || test $$? -eq 1  # exit 1: a case is overdue
	$(BIN)/shopbook staff pay build/demo-shop --month 2026-11

test: $(TSTAMP)
	@# shopbook's bytecode first, as an installed wheel has it: where PYTHONDONTWRITEBYTECODE is set, each of
	@# the suite's hundreds of `shopbook …` subprocesses would otherwise compile its modules from source
	$(BIN)/python -m compileall -q src
	@# the test modules' assertion rewriting cached first, two halves at once: each worker collects every test
	@# file, 23 CPU-seconds rewritten and 5 s cached, and where PYTHONDONTWRITEBYTECODE is set nothing is cached
	@# (a failure to collect is said by the run itself)
	(PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider tests/test_[a-o]*.py & \
	 PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider tests/test_[p-z]*.py; \
	 wait) >/dev/null 2>&1 || true
	@# one worker more than the cores (at most 4): many tests wait on a `shopbook …` process, a lock or a
	@# writer's pause, and a third worker on two cores uses that time (the suite 9 min 50 s → 8 min 36 s here)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $$($(BIN)/python -c "import os; print(min(4, (os.cpu_count() or 1) + 1))") --dist loadfile

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

templates: $(STAMP)
	$(BIN)/shopbook templates && $(BIN)/shopbook templates --lang en && $(BIN)/shopbook docs

addin: $(STAMP)
	$(BIN)/shopbook addin build

clean:
	rm -rf $(VENV) dist build .pytest_cache
