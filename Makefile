# Two commands do everything on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Installs come from requirements.txt (every package pinned, with hashes); the stamp follows it.
LOCK := requirements.txt
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c 'import hashlib; print(hashlib.sha1(open("$(LOCK)","rb").read()).hexdigest()[:12])' 2>/dev/null)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lock migrate demo serve bench compare load profile lint format worker check-deploy clean catalogs messages

run: install migrate demo serve

install: $(STAMP) catalogs

$(STAMP): $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed" or 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	rm -f $(VENV)/.installed-*
	touch $@

# After changing the dependencies in pyproject.toml: `make lock`, then commit both files.
# uv rather than pip-tools: one self-contained wheel, fast, and a universal resolution, so a
# developer's Mac or Windows machine, CI and the Linux image get the same pins (with platform
# markers) and pip checks every file against its hash. uv (a dev dependency) resolves for every platform and Python 3.11+, keeping the versions
# already pinned unless pyproject.toml excludes them; `make lock LOCK_ARGS=--upgrade` moves all
# to their newest allowed releases, `LOCK_ARGS="--upgrade-package NAME"` one.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_ARGS) -o $(LOCK)
	$(MAKE) install

# The compiled catalogs (locale/*/LC_MESSAGES/*.mo) are build output, not committed: made here
# from the .po files at every install, by Babel's compiler (pure Python: no GNU gettext needed).
catalogs: $(STAMP)
	$(VENV)/bin/pybabel -q compile -d locale -D "django djangojs"

# Refresh the catalogs from the code (templates, Python, JavaScript) for every language, then
# fill them from locale/translations/ (needs GNU gettext's xgettext and msgmerge; the lead runs it
# at the string freeze). New strings stay empty until translated: tests/test_catalogs.py says which.
LOCALES := ar zh_Hans fr ru es
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=locale
messages: install
	DEBUG=1 $(PY) manage.py makemessages $(addprefix -l ,$(LOCALES)) -d django $(MESSAGES_IGNORE) --no-obsolete --add-location=file
	DEBUG=1 $(PY) manage.py makemessages $(addprefix -l ,$(LOCALES)) -d djangojs $(MESSAGES_IGNORE) --no-obsolete --add-location=file
	$(PY) locale/fill.py
	$(MAKE) catalogs

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: install
	DEBUG=1 PORT=$(PORT) $(PY) manage.py load_demo

serve: install
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop). Emails are printed here."
	DEBUG=1 PORT=$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

# The benchmarks of an earlier commit (BASE, default: the one before the code was restructured) and of
# this checkout, run in turn in one session, with the ratio now/base per row (bench/compare.py).
# `make compare BASE=<rev> COMPARE_ARGS="--quick forum"`.
BASE ?=
compare: install
	BASE=$(BASE) $(PY) bench/compare.py $(COMPARE_ARGS)

# Simulated members against bin/web (2 workers) and bin/worker on loopback, then a check that no
# accepted reply or expected notification is missing or doubled (bench/load/run.py).
# `make load LOAD_USERS=20 LOAD_SECONDS=60`; `make load LOAD_FIND_MAX=1` for the largest N.
LOAD_USERS ?= 5
LOAD_SECONDS ?= 30
LOAD_FIND_MAX ?= 0
load: install
	LOAD_USERS=$(LOAD_USERS) LOAD_SECONDS=$(LOAD_SECONDS) LOAD_FIND_MAX=$(LOAD_FIND_MAX) \
	  $(PY) bench/load/run.py $(LOAD_ARGS)

profile: install
	$(PY) bench/profile.py $(PAGE) $(PROFILE_ARGS)

worker: install
	$(PY) manage.py worker

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .ruff_cache
