# Every target bootstraps the project's own virtual environment on first use, so on a
# fresh machine with only Python and make, `make ingest` or `make test` is the first
# command ever typed. Versions are pinned in requirements.lock (ranges in pyproject.toml).
# The project itself is not installed: every command runs from the checkout
# (`python -m pipeline`, pytest's pythonpath), so there is no build step to go stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= catalogue.db
PORT   ?= 8001
CORPUS ?= corpus
SHARED ?= ../shared
WORKERS ?= 0

.PHONY: help venv ingest serve screenshot test test-fast eval lint bench bench-smoke clean

help:
	@echo "make ingest    build or update $(DB) from $(CORPUS)/ (incremental)"
	@echo "make serve     browse $(DB) in Datasette on http://127.0.0.1:$(PORT)/ (DB=, PORT=)"
	@echo "make test      run the whole test suite"
	@echo "make eval      score extraction against ../shared/gold"
	@echo "make lint      ruff"
	@echo "make bench     naive baseline vs real ingest, side by side (bench-smoke: a small run)"

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	touch $(STAMP)

ingest: $(STAMP)
	$(BIN)/python -m pipeline ingest $(CORPUS) --db $(DB) --workers $(WORKERS) $(if $(PRUNE),--prune)

serve: $(STAMP)
	test -f $(DB) || $(MAKE) ingest
	$(BIN)/python -m pipeline.catalogue.serve --db $(DB) --port $(PORT)

screenshot: $(STAMP)
	$(BIN)/python tests/browser/screenshot.py --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

eval: $(STAMP)
	@if [ -d "$(SHARED)/gold" ]; then \
	  mkdir -p .eval; \
	  for set in seeds dev; do \
	    echo "== $$set ($(SHARED)/corpus/$$set)"; \
	    $(BIN)/python -m pipeline extract $(SHARED)/corpus/$$set > .eval/$$set.jsonl || exit 1; \
	    $(BIN)/python $(SHARED)/gold/score.py --gold $(SHARED)/gold/$$set --pred .eval/$$set.jsonl || exit 1; \
	  done; \
	  for fmt in md docx pdf; do \
	    echo "== extra-$$fmt (tests/gold_extra/$$fmt: our own gold on dev files nobody tuned on)"; \
	    $(BIN)/python -m pipeline extract $(SHARED)/corpus/dev/$$fmt > .eval/extra-$$fmt.jsonl || exit 1; \
	    $(BIN)/python $(SHARED)/gold/score.py --gold tests/gold_extra/$$fmt --pred .eval/extra-$$fmt.jsonl || exit 1; \
	  done; \
	else echo "$(SHARED) is absent: no gold answers to score against (skipped)"; fi

lint: $(STAMP)
	$(BIN)/ruff check pipeline extractors tests bench plugins

bench: $(STAMP)
	$(BIN)/python -m bench.run --docs 1000 --rounds 3

bench-smoke: $(STAMP)
	$(BIN)/python -m bench.run --smoke

clean:
	rm -rf .eval export .pytest_cache .ruff_cache
