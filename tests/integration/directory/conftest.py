"""The directory against the emulated stack: the demo roster loaded through the API, and readers for what it wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest

from common.events import EventEnvelope
from tests.builders import call_api, outbox, staff_claims

DEMO = Path(__file__).resolve().parents[3] / "infra" / "demo"

ADMIN = staff_claims("2026010", "ADM", "admin")
HR = staff_claims("2026007", "ADM", "hr")
AUDITOR = staff_claims("2026002", "AUD", "audit")
FIN_HEAD = staff_claims("2026011", "FIN", "dept_head")
CON_HEAD = staff_claims("2026016", "CON", "dept_head", "committee")
FIN_STAFF = staff_claims("2026013", "FIN")


def demo_file(name: str) -> bytes:
    return (DEMO / name).read_bytes()


class Directory:
    """Calls the directory API handler as API Gateway would, and reads the table the way the tests check it."""

    def __init__(self, context: Any):
        self.context = context

    def call(self, method: str, path: str, *, claims: dict | None = None, **kwargs: Any) -> tuple[int, Any]:
        return call_api("directory", method, path, claims=claims, **kwargs)

    def import_file(self, data: bytes, kind: str, *, claims: dict | None = None, base64: bool = True,
                    **query: str) -> tuple[int, Any]:
        params = {"kind": kind, **query}
        if base64:
            return self.call("POST", "/directory/imports", claims=claims or ADMIN, query=params, raw_body=data,
                             headers={"content-type": "text/csv"})
        return self.call("POST", "/directory/imports", claims=claims or ADMIN, query=params,
                         body=data.decode("utf-8"), headers={"content-type": "text/csv"})

    def load_demo(self) -> None:
        for kind, name in (("departments", "departments.csv"), ("staff", "staff.csv")):
            status, body = self.import_file(demo_file(name), kind)
            assert status == 200, body

    # ---- reading the table directly
    @staticmethod
    def table() -> str:
        import os

        return os.environ["DIRECTORY_TABLE"]

    def query(self, **kwargs: Any) -> list[dict]:
        client = boto3.client("dynamodb")
        items, start = [], None
        while True:
            page = client.query(TableName=self.table(), **kwargs, **({"ExclusiveStartKey": start} if start else {}))
            items += page["Items"]
            start = page.get("LastEvaluatedKey")
            if not start:
                return items

    def outbox(self) -> list[EventEnvelope]:
        return outbox("directory")

    def staff_items(self) -> list[dict]:
        return self.query(IndexName="gsi2", KeyConditionExpression="gsi2pk = :p",
                          ExpressionAttributeValues={":p": {"S": "STAFFNAME"}})

    def history(self, employee_no: str) -> list[dict]:
        return self.query(KeyConditionExpression="pk = :p AND begins_with(sk, :h)",
                          ExpressionAttributeValues={":p": {"S": f"EMP#{employee_no}"}, ":h": {"S": "HIST#"}})


@pytest.fixture
def directory(stack, context) -> Directory:
    return Directory(context)


@pytest.fixture
def demo(directory) -> Directory:
    directory.load_demo()
    return directory


def events_of(envelopes: list[EventEnvelope], detail_type: str) -> dict[str, EventEnvelope]:
    return {e.data["employee_no"]: e for e in envelopes if e.detail_type == detail_type}


def body_text(envelope: EventEnvelope) -> str:
    return json.dumps(envelope.model_dump(mode="json"), ensure_ascii=False)
