# kefu: `make demo` to try it, `make test` to check it. Everything it needs is installed from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export KEFU_HOME ?= var

.PHONY: demo serve install install-test frontend system-test-deps test lint bench clean help

help:
	@echo "make demo   - install, migrate, load the demo shop, serve on http://127.0.0.1:8000"
	@echo "make test   - install test dependencies (incl. Debian chromium) and run the suite"
	@echo "make lint   - ruff, mypy --strict, import-linter contracts"
	@echo "make bench  - benchmarks (kefu vs django-helpdesk peer), figures printed"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed frontend

install-test: $(VENV)/.installed-test frontend system-test-deps

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: node_modules/.package-lock.json

# Debian packages the browser tests need: chromium for Playwright (no browser download) and a
# CJK font so screenshots show Chinese rather than empty boxes.
SYSTEM_TEST_PACKAGES := chromium fonts-noto-cjk
system-test-deps:
	@missing=""; for p in $(SYSTEM_TEST_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Debian packages:$$missing"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

demo: install
	$(BIN)/kefu migrate
	$(BIN)/kefu demo
	@echo ""
	@echo "  kefu 客服 演示 (demo): http://$${KEFU_HOST:-127.0.0.1}:$${KEFU_PORT:-8000}/"
	@echo "  登录 (logins): agent1 … agent8 (客服1号…8号), supervisor, admin; 密码 password: kefu-demo-2026"
	@echo "  API 令牌 (token): $(BIN)/kefu token create --user admin"
	@echo "  邮件 (mail in): SMTP 127.0.0.1:$${KEFU_SMTP_PORT:-2525} — 发到任意地址即建工单 (any recipient opens a ticket)"
	@echo ""
	$(BIN)/kefu serve

serve: install
	$(BIN)/kefu serve

# Four test processes: the suite is mostly waiting on databases, so it runs in a quarter of
# the time even on two cores; each process gets its own databases (tests/conftest.py).
test: install-test
	$(BIN)/pytest -n 4

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kefu tests bench
	$(BIN)/ruff format --check kefu tests bench
	$(BIN)/mypy kefu
	$(BIN)/lint-imports

bench: install-test
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
