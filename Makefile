# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
BUNDLE_STAMP := $(VENV)/.bundle-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run test lint bench bundle clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip==26.3
	$(VENV)/bin/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(VENV)/bin/sheetdesk $(ARGS)

test: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/pyright
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/run_all.py

$(BUNDLE_STAMP): $(STAMP)
	$(VENV)/bin/pip install --quiet -e '.[test,bundle]'
	touch $@

bundle: $(BUNDLE_STAMP)  # dist/SheetDesk/ (one folder: SheetDesk, sheetdesk-cli, _internal/)
	$(VENV)/bin/pyinstaller --noconfirm --clean installer/sheetdesk.spec
	du -sh dist/SheetDesk

clean:
	rm -rf $(VENV)
