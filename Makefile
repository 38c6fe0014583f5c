# Two commands for a fresh machine: `make run` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SEED := seeds/000_30b27e0cb4826dc3.txt

.PHONY: run test lint bench score clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/briefing

test: $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .

bench: $(BIN)/.installed
	$(BIN)/python bench/run

score: $(BIN)/.installed
	$(PYTHON) ../shared/eval/score.py --gold ../shared/corpus/dev --run "$(BIN)/briefing extract" -v

clean:
	rm -rf $(VENV) build *.egg-info
