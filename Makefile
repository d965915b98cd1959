# jeokgeuk — the two commands a new machine needs:
#   make dev     set up and run the whole stack locally (moto + the real handlers behind a local gateway)
#   make check   set up and run every test and check (ruff, template, checkov, county files, pytest)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
COUNTY ?= demo
export PYTHONPATH := .:shared:$(subst $(eval) ,:,$(wildcard functions/*))

.PHONY: dev token users fire check lint template checkov county-check test bench build deploy clean

$(VENV)/.installed: requirements/dev.txt shared/requirements.txt $(wildcard functions/*/requirements.txt)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt $(addprefix -r ,$(wildcard functions/*/requirements.txt))
	touch $@

dev: $(VENV)/.installed
	$(PY) -m devstack up --county $(COUNTY)

# talk to a running `make dev` (another terminal): make token EMP=2026011 · make token RESIDENT=<email> · make users ·
# make fire JOB=OutboxSweepFunction
token:
	@$(PY) -m devstack token $(if $(RESIDENT),--resident $(RESIDENT),$(EMP))

users:
	@$(PY) -m devstack users

fire:
	@$(PY) -m devstack fire $(JOB)

check: lint template checkov county-check test

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

template: $(VENV)/.installed
	$(PY) -m infra.template_tools check

# checkov over the SAM-translated template; skipped checks and their reasons: infra/checkov.yaml.
# Its own environment inside .venv (it pins boto3/botocore far older than ours).
CHECKOV_VENV := $(VENV)/checkov
$(CHECKOV_VENV)/.installed: requirements/checkov.txt | $(VENV)/.installed
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --no-deps -r requirements/checkov.txt
	touch $@

checkov: $(VENV)/.installed $(CHECKOV_VENV)/.installed
	$(PY) -m infra.template_tools checkov $(CHECKOV_VENV)/bin/checkov

county-check: $(VENV)/.installed
	@for f in infra/counties/*.yaml; do $(PY) -m infra.county_tool check $$f || exit 1; done

# one worker per core, each taking whole test files (a file's moto stack or local stack is built once)
TEST_WORKERS ?= auto
test: $(VENV)/.installed
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

bench: $(VENV)/.installed
	$(PY) -m bench

# Deploying one county: needs the AWS SAM CLI (in its own environment) and python3.12 on PATH; no Docker.
build: $(VENV)/.installed
	rm -rf build/county-layer
	$(PY) -m infra.county_tool render $(COUNTY) build/county-layer
	sam build --template template.yaml
	# Lambda cannot write .pyc: ship them, compiled by the runtime's Python and trusted without a source check
	# (about 30-60 ms less per cold start, measured: docs/decisions.md)
	python3.12 -m compileall -q --invalidation-mode unchecked-hash .aws-sam/build

deploy: build
	sam deploy --stack-name jeokgeuk-$(COUNTY) --parameter-overrides CountyCode=$(COUNTY) $(PARAMS) \
		--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --resolve-s3 --no-fail-on-empty-changeset

clean:
	rm -rf $(VENV) build .aws-sam .devstack
