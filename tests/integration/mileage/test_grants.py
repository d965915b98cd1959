"""Granting: who may grant to whom, points in range, evidence, caps, one act once at its highest score, team shares."""

from __future__ import annotations

from datetime import timedelta

from bench.recorder import recording
from common.clock import today
from tests.integration.mileage.conftest import events_of


def test_a_department_head_grants_to_a_member_in_one_transaction_with_its_event(api, stack):
    with recording() as calls:
        status, body = api.grant(points=4, act_ref="재무-1234")
    assert status == 201, body
    grant = body["grants"][0]
    assert (grant["employee_no"], grant["points"], grant["status"], grant["grantor"]) == ("E1", 4, "SUBMITTED", "H1")
    writes = [op for _, op, _ in calls if op in ("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem")]
    assert writes == ["TransactWriteItems"]
    assert not [op for _, op, _ in calls if op == "Scan"]
    [event] = events_of(stack, "MileageGranted")
    assert event["data"]["grant_id"] == grant["grant_id"] and event["data"]["points"] == 4
    assert "act_title" not in event["data"]  # free text stays out of events


def test_another_departments_member_is_refused(api):
    status, body = api.grant(recipients=[{"employee_no": "T1"}])
    assert (status, body["code"]) == (403, "OTHER_DEPARTMENT")


def test_a_head_cannot_grant_to_themself(api):
    status, body = api.grant(recipients=[{"employee_no": "H1"}])
    assert (status, body["code"]) == (403, "SELF_GRANT")


def test_grade_and_employment_type_rules(api):
    assert api.grant(recipients=[{"employee_no": "E2"}])[0] == 201  # 6급 팀장
    for number in ("E3", "E4"):  # 5급; 공무직 without grade
        status, body = api.grant(recipients=[{"employee_no": number}], act_title=f"다른 행위 {number}")
        assert (status, body["code"]) == (422, "NOT_ELIGIBLE"), number


def test_unknown_employee_is_not_yet_synchronised(api):
    status, body = api.grant(recipients=[{"employee_no": "NEW9"}])
    assert (status, body["code"]) == (404, "STAFF_NOT_SYNCED")
    assert "동기화" in body["message"]


def test_points_must_be_in_the_items_range(api):
    status, body = api.grant(points=11)
    assert (status, body["code"]) == (422, "POINTS_OUT_OF_RANGE")
    assert body["details"] == {"item_code": "PROCESS", "min_points": 1, "max_points": 10, "points": 11}
    assert api.grant(item_code="PASSIVE", points=-3, evidence_links=["https://x.go.kr/1"])[0] == 422
    assert api.grant(item_code="NOPE")[1]["code"] == "UNKNOWN_ITEM"


def test_act_date_may_not_be_in_the_future(api):
    status, body = api.grant(act_date=(today() + timedelta(days=1)).isoformat())
    assert (status, body["code"]) == (422, "ACT_DATE_IN_FUTURE")


def test_evidence_required_by_the_item(api):
    status, body = api.grant(item_code="REGULATION")
    assert (status, body["code"]) == (422, "EVIDENCE_REQUIRED")
    assert api.grant(item_code="REGULATION", evidence_links=["http://insecure"])[1]["code"] == "EVIDENCE_INVALID"
    other_dept = api.grant(item_code="REGULATION", evidence_keys=["evidence/TAX/x/a.pdf"])
    assert other_dept[1]["code"] == "EVIDENCE_INVALID"
    status, upload = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "규제 개선 보고서.pdf",
                                                                     "content_type": "application/pdf"})
    assert status == 201 and upload["key"].startswith("evidence/FIN/")
    assert upload["fields"]["x-amz-server-side-encryption"] == "aws:kms" and "x-amz-signature" in upload["fields"]
    # the key is well-formed but nothing was uploaded under it (the upload itself: test_evidence.py)
    assert api.grant(item_code="REGULATION", evidence_keys=[upload["key"]])[1]["code"] == "EVIDENCE_NOT_FOUND"


def test_a_deduction_item_takes_points_and_uses_no_cap(api):
    grant = api.granted(item_code="PASSIVE", points=-5, evidence_links=["https://x.go.kr/report/1"])
    assert grant["points"] == -5
    assert api.approve(grant["grant_id"])[0] == 200
    assert api.balance()["balance"] == -5


def test_person_cap_is_enforced_with_which_cap_limit_and_used(api):
    for n in range(2):  # month cap 20
        api.granted(points=10, act_title=f"행위 {n}")
    status, body = api.grant(points=1, act_title="하나 더")
    assert (status, body["code"]) == (422, "CAP_EXCEEDED")
    assert body["details"] | {"period_key": None} == {"scope": "person", "period": "month", "period_key": None,
                                                      "limit": 20, "used": 20, "requested": 0,
                                                      "employee_no": "E1"}


def test_department_cap_counts_every_member(api, stack):
    from mileage.storage.items import CapCounter

    CapCounter("CAP#DEPT#FIN", f"M{today():%Y-%m}", used=95).save()
    status, body = api.grant(points=6)
    assert (status, body["code"], body["details"]["scope"], body["details"]["used"]) == (
        422, "CAP_EXCEEDED", "department", 95)
    assert api.grant(points=5)[0] == 201


def test_the_same_act_counts_once_at_its_highest_score(api, stack):
    first = api.granted(points=3, act_title="민원  처리 절차 간소화!")
    status, body = api.grant(points=3, act_title="민원 처리 절차 간소화")  # same act after normalising
    assert (status, body["code"]) == (409, "DUPLICATE_ACT")
    assert api.grant(points=2)[1]["code"] == "DUPLICATE_ACT"  # lower: refused
    status, body = api.grant(points=7)  # higher, the first still SUBMITTED: supersedes
    assert status == 201 and body["superseded"] == [first["grant_id"]]
    assert api("GET", f"/mileage/grants/{first['grant_id']}", "A1")[1]["status"] == "SUPERSEDED"
    from mileage.storage.caps import get_cap

    assert get_cap("CAP#PERSON#E1", f"M{today():%Y-%m}") == 7  # 3, then +4: the difference
    assert get_cap("CAP#DEPT#FIN", f"Y{today().year}") == 7
    assert api.approve(body["grants"][0]["grant_id"])[0] == 200
    assert api.grant(points=9)[1]["code"] == "DUPLICATE_ACT"  # approved: no more superseding


def test_act_ref_identifies_the_act_whatever_its_title(api):
    api.granted(act_ref="재무과-2026-0042", act_title="제목 하나")
    assert api.grant(act_ref="재무과-2026-0042", act_title="제목 둘")[1]["code"] == "DUPLICATE_ACT"


def test_adding_a_reference_does_not_make_the_same_date_and_title_a_new_act(api):
    first = api.granted(points=2, act_title="민원 처리 절차 간소화")
    assert api.grant(points=2, act_title="민원 처리 절차 간소화", act_ref="재무과-7")[1]["code"] == "DUPLICATE_ACT"
    # a higher score with the reference replaces it, and then holds both identities
    status, body = api.grant(points=5, act_title="민원 처리 절차 간소화", act_ref="재무과-7")
    assert status == 201 and body["superseded"] == [first["grant_id"]]
    assert api.grant(points=4, act_title="다른 제목", act_ref="재무과-7")[1]["code"] == "DUPLICATE_ACT"
    # a rejection frees every identity of the act
    replacement = body["grants"][0]["grant_id"]
    assert api("POST", f"/mileage/grants/{replacement}/reject", "A1", {"reason": "증빙 부족"})[0] == 200
    assert api.grant(points=3, act_title="민원 처리 절차 간소화")[0] == 201
    assert api.grant(points=3, act_title="다른 제목", act_ref="재무과-7")[0] == 201


def test_team_act_splits_points_by_share_keeping_the_total(api, stack):
    status, body = api.grant(points=7, act_title="팀 과제", recipients=[{"employee_no": "E1", "share": 2},
                                                                    {"employee_no": "E2", "share": 1}])
    assert status == 201
    assert [(g["employee_no"], g["points"]) for g in body["grants"]] == [("E1", 5), ("E2", 2)]
    assert len({g["group_id"] for g in body["grants"]}) == 1


def test_idempotency_key_makes_a_repeated_grant_happen_once(api, stack):
    body = {"item_code": "PROCESS", "points": 3, "act_title": "재시도", "act_date": (today()).isoformat(),
            "recipients": [{"employee_no": "E1"}]}
    first = api("POST", "/mileage/grants", "H1", body, headers={"Idempotency-Key": "k-1"})
    again = api("POST", "/mileage/grants", "H1", body, headers={"Idempotency-Key": "k-1"})
    assert first[0] == again[0] == 201 and first[1] == again[1]
    assert len(events_of(stack, "MileageGranted")) == 1
    changed = api("POST", "/mileage/grants", "H1", {**body, "points": 4}, headers={"Idempotency-Key": "k-1"})
    assert changed[1]["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_an_act_older_than_the_countys_window_is_refused(api):
    window = 180  # demo county: grantors.act_window_days
    status, body = api.grant(act_date=(today() - timedelta(days=window + 1)).isoformat())
    assert (status, body["code"], body["details"]["window_days"]) == (422, "ACT_TOO_OLD", window)
    assert api.grant(act_date=(today() - timedelta(days=window)).isoformat())[0] == 201
