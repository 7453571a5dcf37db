# Every target runs inside the project's locked virtualenv (.venv), created by `make install`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
BUF := $(BIN)/buf
PROTOS := $(shell find proto -name '*.proto' | sort)
DESCRIPTOR := gen/descriptor/bitsacco.binpb
BASELINE := gen/descriptor/baseline.binpb

.PHONY: help install gen lint test run bench baseline clean gateway

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv sync --frozen --python python3.11
	@touch $@

install: $(VENV)/.installed  ## create .venv exactly as uv.lock pins it

gen: install  ## regenerate gen/python and the gateway's descriptor set from proto/
	rm -rf gen/python && mkdir -p gen/python gen/descriptor
	$(PY) -m grpc_tools.protoc -I proto -I third_party \
		--python_out=gen/python --pyi_out=gen/python --grpc_python_out=gen/python \
		$(PROTOS) third_party/buf/validate/validate.proto
	$(BUF) build --as-file-descriptor-set -o $(DESCRIPTOR)

baseline: install  ## record the landed contracts that `buf breaking` protects (after a version lands)
	$(BUF) build proto -o $(BASELINE)

lint: install  ## buf lint/format/breaking, generated code up to date, ruff
	$(BUF) lint
	$(BUF) format --diff --exit-code proto
	$(BUF) breaking proto --against $(BASELINE)
	@$(MAKE) --no-print-directory gen >/dev/null
	@git diff --exit-code --stat -- gen || { echo "gen/ is stale: run 'make gen' and commit it"; exit 1; }
	@test -z "$$(git status --porcelain --untracked-files=all -- gen)" || { git status --short -- gen; echo "gen/ has files 'make gen' made that are not committed"; exit 1; }
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install  ## the whole test suite, against PostgreSQL and Redis on localhost
	$(BIN)/pytest

run: gen  ## every service on its embedded defaults plus Envoy
	$(PY) -m services.supervisor

gateway: gen  ## rebuild gateway/built/*.yaml from gateway/config.py and validate them with Envoy
	$(PY) -m gateway build
	$(PY) -m gateway validate

bench: install  ## benchmarks; they print their figures
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:  ## remove the virtualenv and local state
	rm -rf $(VENV) .state
