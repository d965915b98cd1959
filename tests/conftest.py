"""Test set-up: fake AWS credentials, the demo county, and the stack's resources created from template.yaml in moto."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# every function's CodeUri is an import root, as in Lambda: a new area's package is importable the day its folder exists
for code_uri in sorted((ROOT / "functions").glob("*/")):
    if str(code_uri) not in sys.path:
        sys.path.insert(0, str(code_uri))

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "ap-northeast-2",
    "AWS_REGION": "ap-northeast-2",
    "COUNTY_CODE": "demo",
    "COUNTY_CONFIG_PATH": str(ROOT / "infra" / "counties" / "demo.yaml"),
    "POWERTOOLS_TRACE_DISABLED": "1",
    "POWERTOOLS_METRICS_DISABLED": "1",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
})
os.environ.pop("AWS_ENDPOINT_URL", None)


@pytest.fixture
def stack():
    """A fresh emulated stack (moto, in-process) built from template.yaml, with every function's environment set."""
    from moto import mock_aws

    from devstack.resources import create_all
    from devstack.stack import Stack

    with mock_aws():
        built = create_all(Stack("demo"))
        saved = dict(os.environ)
        for function in built.functions().values():
            os.environ.update({k: v for k, v in function.environment.items()
                               if k not in ("COUNTY_CONFIG_PATH", "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_SERVICE_NAME")})
        try:
            yield built
        finally:
            os.environ.clear()
            os.environ.update(saved)


@pytest.fixture
def context():
    from tests.builders import LambdaContext

    return LambdaContext()
