"""The routes the bench times, per area, against a moto stack built from template.yaml with the demo roster."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from bench.routes import RouteCase
from tests.builders import staff_claims

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "infra" / "demo"

ADMIN = staff_claims("2026010", "ADM", "admin")
FIN_HEAD = staff_claims("2026011", "FIN", "dept_head")
AUDITOR = staff_claims("2026002", "AUD", "audit")
CLERK = staff_claims("2026013", "FIN")


def build_stack() -> None:
    from devstack.resources import create_all
    from devstack.stack import Stack

    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "ap-northeast-2",
                       "AWS_DEFAULT_REGION": "ap-northeast-2", "POWERTOOLS_TRACE_DISABLED": "1",
                       "POWERTOOLS_METRICS_DISABLED": "1", "POWERTOOLS_LOG_LEVEL": "WARNING",
                       "COUNTY_CONFIG_PATH": str(ROOT / "infra" / "counties" / "demo.yaml")})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    stack = create_all(Stack("demo"))
    drop_stream_records()
    for function in stack.functions().values():
        os.environ.update({k: v for k, v in function.environment.items()
                           if k not in ("COUNTY_CONFIG_PATH", "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_SERVICE_NAME")})


def drop_stream_records() -> None:
    """Keep moto from recording stream records (no relay runs in the bench). moto deep-copies a whole table, its
    stream records included, once per item of every transaction, so the records would make each write slower than
    the last and drown what the bench compares; route and raw calls run against the same tables either way."""
    from moto.dynamodb.models import dynamodb_backends

    for table in dynamodb_backends["123456789012"]["ap-northeast-2"].tables.values():
        table.stream_shard = None


def bench_county(tmp: Path) -> None:
    """The demo county without caps or redemption ceilings, so repeated grants and redemptions keep succeeding."""
    import yaml

    config = yaml.safe_load((ROOT / "infra" / "counties" / "demo.yaml").read_text(encoding="utf-8"))
    mileage = config["mileage"]
    mileage["caps"] = {"person": {}, "department": {}}
    mileage["redemption"]["yearly_ceiling_points"] = None
    mileage["redemption"]["yearly_ceiling_won"] = None
    path = tmp / "bench-county.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    os.environ["COUNTY_CONFIG_PATH"] = str(path)


def all_cases(rounds: int) -> Iterator[tuple[str, list[RouteCase]]]:
    """Every area's route cases (`bench/areas/<area>.py`: `cases(rounds)`), in the order their data builds on each
    other (`ORDER`: the directory's roster first); a new area's bench is one new file."""
    import importlib
    import tempfile

    modules = [importlib.import_module(f"bench.areas.{p.stem}") for p in (ROOT / "bench" / "areas").glob("*.py")
               if p.stem != "__init__"]
    with tempfile.TemporaryDirectory() as tmp:
        build_stack()
        bench_county(Path(tmp))
        for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 0), m.__name__)):
            yield module.__name__.rsplit(".", 1)[1], module.cases(rounds)
