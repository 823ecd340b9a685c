# Two commands on a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared/eval

.PHONY: install chat telegram test lint bench soak eval index clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

chat: $(STAMP)
	@$(PY) -m bot chat

telegram: $(STAMP)
	$(PY) -m bot telegram

index: $(STAMP)
	$(PY) -m bot index

test: $(STAMP)
	$(PY) -m ruff check bot tests tools
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check bot tests tools

bench: $(STAMP)
	$(PY) tools/bench.py

soak: $(STAMP)
	$(PY) tools/soak.py

eval: $(STAMP)
	@for flag in "" --without-diacritics; do \
	  if [ -f $(SHARED)/seed_questions.jsonl ]; then \
	    echo "== seed questions $$flag"; \
	    $(PY) -m bot eval $$flag --questions $(SHARED)/seed_questions.jsonl; \
	  else echo "no $(SHARED)/seed_questions.jsonl: skipped"; fi; \
	  if [ -f $(SHARED)/viquad/dev_questions.jsonl ]; then \
	    echo "== UIT-ViQuAD dev $$flag"; \
	    $(PY) -m bot eval $$flag --questions $(SHARED)/viquad/dev_questions.jsonl \
	      --passages $(SHARED)/viquad/dev_passages.jsonl; \
	  else echo "no $(SHARED)/viquad: skipped"; fi; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
