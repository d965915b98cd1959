"""Intake and the receipt page (issue #14 "Intake"): the secret shown once and kept only as a slow hash, the
reporter encrypted bound to the case, the same answer for an unknown receipt and a wrong secret, the lockout, the
county's choices on anonymous reports and attachments."""

from __future__ import annotations

import base64
import json
import os

import boto3
import pytest

from complaints.storage.cases import get_case, get_lock, get_receipt, get_reporter
from tests.builders import demo_county_with
from tests.integration.complaints.conftest import REPORTER, RESIDENT, fresh_source


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def raw_items(case_id: str) -> list[dict]:
    client = boto3.client("dynamodb")
    return client.query(TableName=os.environ["COMPLAINTS_TABLE"], KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": {"S": f"CASE#{case_id}"}})["Items"]


def test_a_residents_report_gets_a_receipt_and_a_secret_kept_only_as_a_slow_hash(api):
    receipt = api.report()
    assert receipt["receipt_no"] and receipt["secret"] and "새로 신고" in receipt["message"]
    case_id = api.case_of(receipt)
    stored = get_receipt(receipt["receipt_no"])
    assert stored.secret_hash.startswith("scrypt$16384$8$1$")
    assert receipt["secret"].replace("-", "") not in stored.secret_hash

    # the reporter: ciphertexts only, in an item of their own; nothing of them on the case or anywhere in its items
    reporter = get_reporter(case_id)
    assert reporter.name and reporter.name != REPORTER["name"] and reporter.resident
    everything = str(raw_items(case_id)) + str(vars(get_case(case_id)))
    for value in (*REPORTER.values(), RESIDENT["sub"]):
        assert value not in everything
    case = get_case(case_id)
    assert (case.status, case.channel, case.anonymous, case.official) == ("SUBMITTED", "resident", False, "E1")

    status, page = api.follow(receipt)
    assert (status, page["status"], page["status_label"]) == (200, "SUBMITTED", "접수 대기")


def test_the_encrypted_reporter_is_bound_to_its_case(api):
    """A ciphertext copied to another case's reporter does not decrypt there (the KMS context names the case)."""
    import pytest
    from botocore.exceptions import ClientError

    from common.crypto import decrypt_field

    one, other = api.case_of(api.report()), api.case_of(api.report())
    name = get_reporter(one).name
    assert decrypt_field(name, record=f"complaint#{one}", field="name") == REPORTER["name"]
    with pytest.raises(ClientError):
        decrypt_field(name, record=f"complaint#{other}", field="name")
    with pytest.raises(ClientError):
        decrypt_field(name, record=f"complaint#{one}", field="email")


def test_an_unknown_receipt_and_a_wrong_secret_get_the_same_answer_and_failures_lock_the_receipt(api):
    receipt = api.report()
    unknown = api("GET", "/complaints/receipts/2026-AAAA-BBBB", None, headers={"x-receipt-secret": "X"},
                  source=fresh_source())
    wrong = api.follow(receipt, "WRONG-SECRET")
    assert unknown == wrong and wrong[0] == 404 and wrong[1]["code"] == "RECEIPT_NOT_FOUND"
    assert "잃어버리면 새로 신고" in wrong[1]["message"]
    missing = api("GET", f"/complaints/receipts/{receipt['receipt_no']}", None, source=fresh_source())
    assert missing[0] == 404

    # five failures in all (the county's max_failures) lock it: even the right secret waits
    for _ in range(3):
        assert api.follow(receipt, "WRONG")[0] == 404
    status, body = api.follow(receipt)
    assert (status, body["code"]) == (429, "TOO_MANY_REQUESTS")
    assert 0 < body["details"]["retry_after_seconds"] <= 30 * 60
    assert api.follow(api.report())[0] == 200  # another receipt is not locked


def test_the_lockout_does_not_tell_which_receipt_numbers_exist(api):
    """An unknown receipt number is counted and locked like a known one: five wrong secrets lock both (a 429 only for
    real numbers would be an oracle for them)."""
    known, unknown = api.report()["receipt_no"], "2026-ZZZZ-YYYY"
    answers = {}
    for number in (known, unknown):
        answers[number] = [api("GET", f"/complaints/receipts/{number}", None, headers={"x-receipt-secret": "WRONG"},
                               source=fresh_source())[0] for _ in range(6)]
    assert answers[known] == answers[unknown] == [404] * 5 + [429]


def test_a_missing_secret_costs_one_slow_hash_on_a_known_receipt_as_on_an_unknown_one(api, monkeypatch):
    import hashlib

    receipt = api.report()
    calls = []
    real = hashlib.scrypt
    monkeypatch.setattr(hashlib, "scrypt", lambda *a, **k: calls.append(1) or real(*a, **k))
    for number in (receipt["receipt_no"], "2026-QQQQ-RRRR"):
        calls.clear()
        status, body = api("GET", f"/complaints/receipts/{number}", None, source=fresh_source())
        assert (status, body["code"], len(calls)) == (404, "RECEIPT_NOT_FOUND", 1), number


def test_a_right_secret_clears_the_failures(api):
    receipt = api.report()
    for _ in range(4):
        assert api.follow(receipt, "WRONG")[0] == 404
    assert api.follow(receipt)[0] == 200
    assert get_lock(receipt["receipt_no"]).failures == 0
    for _ in range(4):
        assert api.follow(receipt, "WRONG")[0] == 404
    assert api.follow(receipt)[0] == 200


def test_the_reporter_writes_to_the_office_and_reads_the_offices_messages_never_its_notes(api):
    receipt, case_id = api.investigating()
    status, page = api("POST", f"/complaints/receipts/{receipt['receipt_no']}/messages", None,
                       {"text": "추가 자료: 신청 접수증 사본이 있습니다."},
                       headers={"x-receipt-secret": receipt["secret"]}, source=fresh_source())
    assert status == 200, page
    assert api("POST", f"/complaints/cases/{case_id}/notes", "A1", {"text": "내부 메모: 담당자 면담 예정"})[0] == 201
    thanks = {"text": "자료를 보내 주셔서 감사합니다."}
    assert api("POST", f"/complaints/cases/{case_id}/messages", "A1", thanks)[0] == 201
    status, page = api.follow(receipt)
    assert [(m["sender"], m["text"]) for m in page["messages"]] == [
        ("reporter", "추가 자료: 신청 접수증 사본이 있습니다."), ("office", "자료를 보내 주셔서 감사합니다.")]
    assert "내부 메모" not in str(page) and all("by" not in m for m in page["messages"])
    status, case = api("GET", f"/complaints/cases/{case_id}", "A1")
    assert [n["text"] for n in case["notes"]] == ["내부 메모: 담당자 면담 예정"]
    wrong = api("POST", f"/complaints/receipts/{receipt['receipt_no']}/messages", None, {"text": "가짜"},
                headers={"x-receipt-secret": "WRONG"}, source=fresh_source())
    assert wrong[0] == 404


def test_anonymous_reports_follow_the_countys_choices(api, tmp_path, monkeypatch):
    receipt = api.report(anonymous=True)
    case = get_case(api.case_of(receipt))
    assert (case.anonymous, case.channel, case.clock) == (True, "anonymous", None)  # no 민원인: no period
    assert get_reporter(case.case_id) is None
    assert api.follow(receipt)[0] == 200

    with demo_county_with(tmp_path, monkeypatch, "  anonymous_may_follow: true", "  anonymous_may_follow: false"):
        unfollowed = api.report(anonymous=True)
        assert unfollowed["secret"] is None and unfollowed["receipt_no"]
        assert api("GET", f"/complaints/receipts/{unfollowed['receipt_no']}", None,
                   headers={"x-receipt-secret": "ANY"}, source=fresh_source())[0] == 404
    with demo_county_with(tmp_path, monkeypatch, "  anonymous_allowed: true", "  anonymous_allowed: false"):
        status, body = api("POST", "/complaints", None, {"what": "익명 신고 내용 열 글자 이상", "harm": "손해"},
                           source=fresh_source())
        assert (status, body["code"]) == (403, "ANONYMOUS_NOT_ALLOWED")
        assert api("POST", "/complaints/resident", RESIDENT,
                   {"what": "로그인 신고 내용 열 글자 이상", "harm": "손해", "reporter": REPORTER})[0] == 201


def test_attachments_within_the_countys_limits_only(api):
    pdf = {"name": "증빙.pdf", "content_type": "application/pdf", "size": 1000}
    status, receipt = api("POST", "/complaints/resident", RESIDENT,
                          {"what": "첨부 파일이 있는 신고 내용입니다.", "harm": "손해", "reporter": REPORTER,
                           "attachments": [pdf]})
    assert status == 201
    # one presigned POST: this key under complaints/, this type, at most the declared size
    [upload] = receipt["uploads"]
    case_id = api.case_of(receipt)
    policy = json.loads(base64.b64decode(upload["fields"]["policy"]))
    assert upload["fields"]["key"] == f"complaints/{case_id}/0" and upload["name"] == "증빙.pdf"
    assert ["content-length-range", 1, 1000] in policy["conditions"]
    assert {"Content-Type": "application/pdf"} in policy["conditions"]
    # the audit office reads it through a short-lived link; the department's view never lists it
    boto3.client("s3").put_object(Bucket=os.environ["EVIDENCE_BUCKET"], Key=f"complaints/{case_id}/0", Body=b"%PDF")
    assert api("POST", f"/complaints/cases/{case_id}/acknowledgement", "A1", {})[0] == 200
    [listed] = api("GET", f"/complaints/cases/{case_id}", "A1")[1]["attachments"]
    assert f"complaints/{case_id}/0" in listed["download"] and listed["name"] == "증빙.pdf"
    for attachments, code in (([{**pdf, "content_type": "application/x-msdownload"}], "ATTACHMENT_TYPE"),
                              ([{**pdf, "size": 10 * 1024 * 1024 + 1}], "ATTACHMENT_TOO_LARGE"),
                              ([pdf] * 6, "TOO_MANY_ATTACHMENTS")):
        status, body = api("POST", "/complaints/resident", RESIDENT,
                           {"what": "첨부 파일이 있는 신고 내용입니다.", "harm": "손해", "reporter": REPORTER,
                            "attachments": attachments})
        assert (status, body["code"]) == (422, code)


def test_the_public_report_is_limited_per_source(api):
    body = {"what": "같은 주소에서 여러 번 보내는 신고", "harm": "손해"}
    statuses = [api("POST", "/complaints", None, body, source="198.51.100.7")[0] for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    assert api("POST", "/complaints", None, body, source="198.51.100.8")[0] == 201


def test_the_audit_office_opens_inspections_and_transferred_cases(api):
    status, case = api("POST", "/complaints/cases", "A1", {
        "channel": "audit", "what": "자체 감사 중 발견한 장기 미처리 민원", "harm": "민원 지연", "department": "FIN"})
    assert status == 201, case
    assert (case["status"], case["channel"], case["anonymous"], case["due_at"]) == ("RECEIVED", "audit", True, None)
    assert api("POST", "/complaints/cases", "A1", {"channel": "transferred", "what": "국민신문고에서 이송된 신고",
                                                   "harm": "손해"})[1]["code"] == "ORIGINAL_NO_REQUIRED"
    status, moved = api("POST", "/complaints/cases", "A1", {
        "channel": "transferred", "original_no": "1AA-2611-000123", "what": "국민신문고에서 이송된 신고",
        "harm": "손해", "reporter": REPORTER})
    assert status == 201 and moved["original_no"] == "1AA-2611-000123" and moved["due_at"]
    assert REPORTER["name"] not in str(moved)
    assert api("POST", "/complaints/cases", "E1", {"channel": "audit", "what": "권한 없는 직원이 여는 조사",
                                                   "harm": "손해"})[0] == 403
