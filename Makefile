# Two commands on a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
# uv itself, on a fresh machine; uv.lock pins it from then on
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed
SHARED ?= ../shared/eval

.PHONY: install chat telegram test lint bench bench-limits bench-scopes soak eval index clean lock audit

$(PY):
	$(PYTHON) -m venv $(VENV)

# Exactly the versions of uv.lock (hashes checked); a pyproject.toml changed without
# `make lock` is an error, not a silent new resolution.
$(STAMP): pyproject.toml uv.lock | $(PY)
	test -x $(UV) || $(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --locked --extra dev --quiet
	touch $(STAMP)

# After a dependency is added to or changed in pyproject.toml: resolve it for every Python
# the project supports (requires-python), keeping the other pins; commit uv.lock.
lock: | $(PY)
	test -x $(UV) || $(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) lock

# The locked versions against the vulnerability databases (needs the network: not in test).
audit: $(STAMP)
	$(UV) export --frozen --all-extras --no-emit-project --format requirements-txt \
	  --output-file $(VENV)/audit-requirements.txt --quiet
	$(PY) -m pip_audit --requirement $(VENV)/audit-requirements.txt --require-hashes \
	  --disable-pip --progress-spinner off --strict

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

# How long and how much memory each hostile file (bombs, giants, a slow PDF) takes to refuse.
bench-limits: $(STAMP)
	$(PY) tools/bench_limits.py

# Memory of ten scopes (chats' document sets) over one index against one scope.
bench-scopes: $(STAMP)
	$(PY) tools/bench_scopes.py --paragraphs 10000

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
