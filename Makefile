# reportgen — the two commands a fresh machine needs: `make demo` and `make test`.
.DEFAULT_GOAL := help
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: help setup system demo test bench lint templates schemas docs clean screenshots

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: system $(STAMP)  ## install system packages (apt, only missing ones) and .venv/

system:
	@bash scripts/setup-system.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install -q --disable-pip-version-check -e ".[dev]"
	@touch $@

demo: setup  ## render the example inputs into outputs/
	@$(VENV)/bin/reportgen render inputs/2015.json
	@$(VENV)/bin/reportgen render inputs/2020-example.json
	@$(VENV)/bin/reportgen render inputs/2024-huaian.json

test: setup  ## run the whole test suite
	@$(PY) -m pytest

screenshots: setup  ## the browser tests of `reportgen serve`, keeping their screenshots in docs/screenshots/
	@REPORTGEN_SCREENSHOTS=1 $(PY) -m pytest -q -s tests/test_serve_browser.py

bench: setup  ## time and memory of a render (and of LibreOffice, where installed)
	@$(PY) bench/render.py

lint: setup  ## ruff, and the type checker (strict on the hints, the engine and the errors)
	@$(VENV)/bin/ruff check src tests bench templates
	@$(VENV)/bin/mypy

templates: setup  ## rebuild src/reportgen/templates/*.docx from templates/build_templates.py
	@$(PY) templates/build_templates.py

schemas: setup  ## regenerate schemas/*.schema.json from the input models (src/reportgen/input/model/)
	@for f in legacy national-2019 national-2021; do $(VENV)/bin/reportgen schema --format $$f > schemas/$$f.schema.json; done

docs: setup  ## regenerate the generated parts of docs/template-guide.md (variables, filters)
	@$(PY) -m reportgen.template.guide docs/template-guide.md

clean:  ## remove generated outputs
	rm -f outputs/*.docx outputs/*.pdf
