"""Revealing a reporter: a reason, a log the audit head reads, whistleblower cases for the audit head only."""

from __future__ import annotations

import pytest

from tests.integration.complaints.conftest import REPORTER


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def test_a_reveal_needs_a_reason_is_logged_and_the_audit_head_reads_the_log(api):
    _, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}/reveal"
    assert api("POST", path, "A1", {})[0] == 422
    for who in ("E1", "FH", "WH", "O1", "AF"):
        assert api("POST", path, who, {"reason": "조사에 필요"})[0] == 403, who
    assert mine(api, case_id) == []  # refusals reveal nothing and log nothing
    status, shown = api("POST", path, "A1", {"reason": "사실 확인 면담 필요"})
    assert status == 200 and (shown["name"], shown["email"], shown["phone"]) == tuple(REPORTER.values())
    assert [(r["by"], r["reason"]) for r in mine(api, case_id)] == [("A1", "사실 확인 면담 필요")]
    for who in ("A1", "E1"):
        assert api("GET", "/complaints/reveals", who)[0] == 403


def test_a_whistleblowers_identity_only_the_audit_head_reveals(api):
    _, case_id = api.investigating(public_interest=True)
    path = f"/complaints/cases/{case_id}/reveal"
    status, body = api("POST", path, "A1", {"reason": "면담 필요"})
    assert (status, body["details"]["duty"]) == (403, "complaints.reveal_whistleblower")
    status, shown = api("POST", path, "K1", {"reason": "보호조치 요청 확인"})
    assert status == 200 and shown["name"] == REPORTER["name"]
    assert mine(api, case_id)[0]["whistleblower"] is True
    case = api("GET", f"/complaints/cases/{case_id}", "K1")[1]
    assert case["whistleblower"] is True and case["protected_until"]


def test_the_audit_office_flags_a_whistleblowers_report_at_classification(api):
    _, case_id = api.received()
    status, case = api("POST", f"/complaints/cases/{case_id}/classification", "A1", {
        "passive": True, "passive_type": "agency_centred", "reason": "예산 사적 유용 정황", "harm": "재정 손실",
        "whistleblower": True})
    assert status == 200 and case["whistleblower"] is True and case["protected_until"]
    assert api("POST", f"/complaints/cases/{case_id}/reveal", "A1", {"reason": "면담 필요"})[0] == 403


def test_a_reporters_ciphertext_copied_onto_another_case_does_not_reveal_there(api):
    """The KMS context binds each ciphertext to its case and field: a reporter item copied from one case onto another
    (a table editor, a restored backup) reveals nothing; the attempt is logged all the same."""
    from complaints.storage.cases import get_reporter
    from complaints.storage.items import ReporterItem

    _, source = api.investigating(reporter={"name": "박원본", "email": "origin.park@example.com"})
    _, target = api.investigating(reporter={"name": "최대상"})
    copied = get_reporter(source)
    ReporterItem.of(target, name=copied.name, email=copied.email).save()
    status, body = api("POST", f"/complaints/cases/{target}/reveal", "A1", {"reason": "면담 필요"})
    assert (status, body["code"]) == (409, "REPORTER_NOT_OF_THIS_CASE")
    assert "박원본" not in str(body) and "origin.park" not in str(body)
    assert [r["reason"] for r in mine(api, target)] == ["면담 필요"]
    # a field swapped within its own case does not decrypt either (the context names the field)
    ReporterItem.of(source, name=copied.email, email=copied.name).save()
    assert api("POST", f"/complaints/cases/{source}/reveal", "A1", {"reason": "면담 필요"})[0] == 409


def test_the_reveal_log_is_a_hash_chain_an_edit_or_a_removal_shows(api):
    import os

    import boto3

    _, case_id = api.investigating()
    for reason in ("면담 일정 연락", "보호조치 확인"):
        assert api("POST", f"/complaints/cases/{case_id}/reveal", "A1", {"reason": reason})[0] == 200
    status, log = api("GET", "/complaints/reveals", "K1")
    assert status == 200 and log["intact"] is True
    newest = log["items"][0]
    assert newest["prev"] == log["items"][1]["digest"]

    # someone with the table (the functions may not: IAM) rewrites the newest entry's reason
    table = boto3.resource("dynamodb").Table(os.environ["COMPLAINTS_TABLE"])
    entries = table.query(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": "REVEALS"})["Items"]
    key = next({"pk": i["pk"], "sk": i["sk"]} for i in entries if i["digest"] == newest["digest"])
    table.update_item(Key=key, UpdateExpression="SET reason = :r", ExpressionAttributeValues={":r": "일상 점검"})
    assert api("GET", "/complaints/reveals", "K1")[1]["intact"] is False
    table.delete_item(Key=key)  # … or removes it: the head names a digest no entry has
    assert api("GET", "/complaints/reveals", "K1")[1]["intact"] is False


def test_there_is_nothing_to_reveal_on_an_anonymous_report(api):
    _, case_id = api.investigating(anonymous=True)
    status, body = api("POST", f"/complaints/cases/{case_id}/reveal", "A1", {"reason": "면담 필요"})
    assert (status, body["code"]) == (404, "NO_REPORTER")



def mine(api, case_id: str) -> list[dict]:
    status, log = api("GET", "/complaints/reveals", "K1")
    assert status == 200
    return [r for r in log["items"] if r["case_id"] == case_id]
