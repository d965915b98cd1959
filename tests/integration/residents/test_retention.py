"""Retention of residents' personal data (`residents.job_retention`): the contact and consent of a record unused for the
county's `profile_retention_days` (demo: 1095) are erased by the daily job, found by one index Query (no Scan); the
record stays (its id, when it was made, when its data was erased). A resident who came back meanwhile keeps their
data, a second run erases nothing more, withdrawn residents are not touched.

Given a contact saved on Monday 2026-11-30 10:00 KST, it is erased from 2029-11-29 10:00 KST (1095 days later).
"""

from __future__ import annotations

import os
from datetime import datetime

import boto3
import pytest

from bench.recorder import recording
from common.clock import KST
from common.observability import logger
from residents import job_retention, profile, retention
from residents.storage import profile as store
from tests.builders import LambdaContext, call_api, resident_claims

SAVED = datetime(2026, 11, 30, 10, tzinfo=KST)
ERASE_AT = "2029-11-29T10:00:00+09:00"
CONTACT = {"email": "notify@example.com", "phone": "01012345678", "notify_by": "sms", "consent": True}
KEPT = {"pk", "sk", "resident_id", "status", "created_at", "last_used_at", "notify_by", "version", "erased_at"}


@pytest.fixture
def clock(monkeypatch):
    """Moves the residents' API's and the job's clock to a KST moment."""

    def set_to(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
        moment = datetime(year, month, day, hour, minute, tzinfo=KST)
        for module in (profile, retention):
            monkeypatch.setattr(module, "now", lambda: moment)
        return moment

    return set_to


def raw_item(sub: str) -> dict:
    return boto3.client("dynamodb").get_item(TableName=os.environ["RESIDENTS_TABLE"], ConsistentRead=True, Key={
        "pk": {"S": f"RESIDENT#{sub}"}, "sk": {"S": "PROFILE"}}).get("Item", {})


def me(sub: str, method: str = "GET", body: dict | None = None) -> dict:
    status, answer = call_api("residents", method, "/residents/me", claims=resident_claims(sub), body=body)
    assert status == 200, answer
    return answer


def run_job() -> tuple[dict, list[tuple[str, str]]]:
    with recording() as calls:
        counts = job_retention.handler({}, LambdaContext())
    return counts, [(service, op) for service, op, _ in calls]


@pytest.fixture
def info_logs():
    """The job's INFO lines (the tests' level is WARNING)."""
    level = logger.log_level
    logger.setLevel("INFO")
    yield
    logger.setLevel(level)


def test_expired_records_lose_exactly_their_personal_data_and_keep_the_record(stack, clock, caplog, info_logs):
    clock(2026, 11, 30, 10)
    held = me("expires", "PUT", CONTACT)
    assert held["contact"]["erase_at"] == ERASE_AT and held["contact"]["erased_at"] is None
    me("holds-nothing")  # a record without contact or consent: nothing to erase, no retention entry
    assert me("holds-nothing")["contact"]["erase_at"] is None
    nothing_held = raw_item("holds-nothing")

    clock(2029, 11, 29, 9, 59)  # a minute early: nothing
    counts, calls = run_job()
    assert counts["due"] == 0 and ("dynamodb", "Query") in calls
    assert {"email", "phone", "consent_at"} <= set(raw_item("expires"))

    erased_at = clock(2029, 11, 29, 10)
    counts, calls = run_job()
    assert (counts["due"], counts["erased"], counts["errors"]) == (1, 1, 0)
    assert ("dynamodb", "Scan") not in calls and ("dynamodb", "Query") in calls
    assert not any(service == "kms" for service, _ in calls)  # ciphertexts removed, never read
    item = raw_item("expires")
    assert set(item) == KEPT  # contact, consent and the retention entry gone
    assert item["status"] == {"S": "ACTIVE"} and item["notify_by"] == {"S": "none"}
    assert item["resident_id"] == {"S": "expires"} and item["created_at"]["S"].startswith("2026-11-30T01:00:00")
    assert item["erased_at"]["S"].startswith("2029-11-29T01:00:00")
    assert raw_item("holds-nothing") == nothing_held
    [*_, logged] = [r for r in caplog.records if r.getMessage() == "residents' personal data retention"]
    assert (logged.due, logged.erased) == (1, 1)  # the counts are logged ...
    assert "expires" not in str(vars(logged)) and "notify" not in caplog.text  # ... never who or what

    clock(2029, 12, 1, 9)  # the resident comes back: the record, its id and the erasure are there, nothing else
    body = me("expires")
    assert body["resident_id"] == "expires" and body["created_at"] == "2026-11-30T10:00:00+09:00"
    assert body["contact"] == {"email": None, "phone": None, "notify_by": "none", "retention_days": 1095,
                               "erase_at": None, "erased_at": erased_at.isoformat()}
    assert body["consent"] == {"given": False, "given_at": None}


def test_a_resident_who_used_the_service_meanwhile_keeps_their_data(stack, clock):
    clock(2026, 11, 30, 10)
    me("returns", "PUT", CONTACT)
    me("stays-away", "PUT", CONTACT)

    clock(2027, 6, 1, 9)
    assert me("returns")["contact"]["erase_at"] == "2030-05-31T09:00:00+09:00"  # the day's first use moves it
    clock(2027, 6, 1, 18)
    with recording() as calls:
        assert me("returns")["contact"]["erase_at"] == "2030-05-31T09:00:00+09:00"
    assert not {op for _, op, _ in calls} & {"PutItem", "UpdateItem"}  # the day's later calls write nothing

    clock(2029, 11, 29, 10)
    counts, _ = run_job()
    assert (counts["due"], counts["erased"]) == (1, 1)
    assert "email" in raw_item("returns") and "email" not in raw_item("stays-away")
    clock(2030, 5, 31, 9)
    assert run_job()[0]["erased"] == 1 and "email" not in raw_item("returns")


def test_a_resident_who_comes_back_after_the_job_read_the_entry_keeps_their_data(stack, clock):
    clock(2026, 11, 30, 10)
    me("races", "PUT", CONTACT)
    moment = clock(2029, 11, 29, 10)
    [due] = list(store.expiring(moment))  # the job has read the entry ...
    assert me("races")["contact"]["email"] == "notify@example.com"  # ... when the resident comes back
    assert store.erase_personal_data(due, moment) is False
    assert "email" in raw_item("races") and run_job()[0]["due"] == 0


def test_a_second_run_erases_nothing_more(stack, clock):
    clock(2026, 11, 30, 10)
    me("once", "PUT", CONTACT)
    moment = clock(2029, 11, 29, 10)
    [stale] = list(store.expiring(moment))  # a second run that read the entry before the first one erased it
    assert run_job()[0]["erased"] == 1
    erased = raw_item("once")

    clock(2029, 11, 30, 10)
    counts, _ = run_job()
    assert (counts["due"], counts["erased"]) == (0, 0)
    assert store.erase_personal_data(stale, moment) is False
    assert raw_item("once") == erased


def test_withdrawn_residents_are_not_touched(stack, clock):
    clock(2026, 11, 30, 10)
    me("leaves", "PUT", CONTACT)
    assert call_api("residents", "DELETE", "/residents/me", claims=resident_claims("leaves"))[0] == 204
    tombstone = raw_item("leaves")
    assert tombstone["status"] == {"S": "WITHDRAWN"} and "gsi2sk" not in tombstone  # its entry went with the data

    clock(2029, 11, 29, 10)
    assert run_job()[0]["due"] == 0
    assert raw_item("leaves") == tombstone


def test_consent_withdrawn_removes_the_retention_entry(stack, clock):
    clock(2026, 11, 30, 10)
    me("changes-mind", "PUT", CONTACT)
    assert me("changes-mind", "PUT", {"consent": False})["contact"]["erase_at"] is None
    assert "gsi2sk" not in raw_item("changes-mind")
    clock(2029, 11, 29, 10)
    assert run_job()[0]["due"] == 0


def test_a_lengthened_period_moves_the_entry_instead_of_erasing(stack, clock, tmp_path, monkeypatch):
    from tests.builders import demo_county_with

    clock(2026, 11, 30, 10)
    me("longer", "PUT", CONTACT)  # its entry says 2029-11-29 10:00 (1095 days)
    with demo_county_with(tmp_path, monkeypatch, "profile_retention_days: 1095", "profile_retention_days: 1200"):
        clock(2029, 11, 29, 10)
        counts, _ = run_job()
        assert (counts["due"], counts["moved"], counts["erased"]) == (1, 1, 0) and "email" in raw_item("longer")
        assert run_job()[0]["due"] == 0
        clock(2030, 3, 14, 10)  # 1200 days after the last use
        assert run_job()[0]["erased"] == 1 and "email" not in raw_item("longer")
