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

.PHONY: help venv ingest serve screenshot test test-fast eval eval-wild eval-shapes eval-roles lint bench bench-smoke clean

help:
	@echo "make ingest    build or update $(DB) from $(CORPUS)/ (incremental)"
	@echo "make serve     browse $(DB) in Datasette on http://127.0.0.1:$(PORT)/ (DB=, PORT=)"
	@echo "make test      run the whole test suite"
	@echo "make eval      score extraction against ../shared/gold and our own held-out gold"
	@echo "make eval-wild the generalisation report over ../shared/corpus/wild (no gold)"
	@echo "make eval-shapes the gold documents re-printed with furniture, lost line breaks, pinyin, residue"
	@echo "make eval-roles  line roles: the rule cascade vs a line CRF, cross-validated and on held-out gold"
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
	  for set in wild wild-tune wild-tune2 wild-tune3; do \
	    case $$set in \
	      wild) echo "== wild held out (tests/gold_extra/wild: 40 wild files drawn at random, annotated before any run; misses never read)";; \
	      wild-tune) echo "== wild tuning (tests/gold_extra/wild-tune: 40 more; its misses are read to find failures: not held out)";; \
	      wild-tune2) echo "== wild tuning 2 (tests/gold_extra/wild-tune2: 40 more, annotated blind; first score 0.881, then its misses were read)";; \
	      wild-tune3) echo "== wild tuning 3 (tests/gold_extra/wild-tune3: 40 more, annotated blind; first score 0.899, then its misses were read)";; \
	    esac; \
	    sed 's|^|$(SHARED)/corpus/wild/|' tests/gold_extra/$$set/FILES.txt | tr '\n' '\0' \
	      | xargs -0 $(BIN)/python -m pipeline extract > .eval/$$set.jsonl || exit 1; \
	    $(BIN)/python $(SHARED)/gold/score.py --gold tests/gold_extra/$$set --pred .eval/$$set.jsonl || exit 1; \
	  done; \
	else echo "$(SHARED) is absent: no gold answers to score against (skipped)"; fi

lint: $(STAMP)
	$(BIN)/ruff check pipeline extractors tests bench plugins

eval-wild: $(STAMP)
	$(BIN)/python -m bench.wild_report $(SHARED)/corpus/wild --out .eval/wild

eval-shapes: $(STAMP)
	$(BIN)/python -m bench.perturb --shared $(SHARED) --out .eval/perturbed

eval-roles: $(STAMP)
	@if [ -d "$(SHARED)/gold" ]; then $(BIN)/python -m bench.line_roles.report --shared $(SHARED) $(if $(REBUILD),--rebuild); \
	else echo "$(SHARED) is absent: no gold answers to label lines with (skipped)"; fi

bench: $(STAMP)
	$(BIN)/python -m bench.run --docs 1000 --rounds 3

bench-smoke: $(STAMP)
	$(BIN)/python -m bench.run --smoke

clean:
	rm -rf .eval export .pytest_cache .ruff_cache
