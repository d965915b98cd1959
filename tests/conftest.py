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

# `common` stops the collector until an entry point's import is over (common/__init__.py); a test process is not one
import common  # noqa: E402

common.import_done()


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


# ---------------------------------------------------------------- test time per area, printed after every run
_SECONDS_BY_AREA: dict[str, float] = {}


def _area_of(nodeid: str) -> str:
    parts = nodeid.split("::")[0].split("/")
    if len(parts) >= 4 and parts[1] in ("unit", "integration"):
        return parts[2]  # tests/unit/<area>/…, tests/integration/<area>/…
    if len(parts) >= 3 and parts[1] == "integration":
        return "local stack"  # tests/integration/test_local_*.py, the README, the gateway, event contracts
    return parts[1] if len(parts) > 2 else "other"


def pytest_runtest_logreport(report):
    """Runs where the summary is printed (with xdist: in the controller, from the workers' reports)."""
    area = _area_of(report.nodeid)
    _SECONDS_BY_AREA[area] = _SECONDS_BY_AREA.get(area, 0.0) + report.duration
    if report.when == "call":  # the schemathesis runs' figures travel in the report's user properties
        from tests.contract import figures

        figures.ROWS.extend(figures.Row(**row) for name, row in report.user_properties if name == "schemathesis")


def pytest_terminal_summary(terminalreporter):
    from tests.contract import figures

    if figures.ROWS:
        terminalreporter.section("schemathesis: requests and server errors per spec × role")
        for line in figures.table():
            terminalreporter.write_line(line)
    if _SECONDS_BY_AREA:
        terminalreporter.section("test time per area (setup + call + teardown, summed over workers)")
        for area, seconds in sorted(_SECONDS_BY_AREA.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{area:14} {seconds:7.1f} s")
