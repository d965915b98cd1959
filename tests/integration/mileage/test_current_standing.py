"""Old tokens keep no old powers: every privileged mileage write checks the caller against mileage's projection of the
directory (heads and staff), not the token's claims. A token issued before a move, a role change or a leave still says
what held then; once the directory's event is processed, its writes are refused (403)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.recorder import recording
from common.clock import today
from common.events import EventEnvelope
from tests.builders import call_api, outbox, staff_claims
from tests.integration.mileage.conftest import YESTERDAY, claims, directory_event, project
from tests.integration.mileage.test_proposals import EVIDENCE, consulting, feed

TODAY = today().isoformat()
ADMIN = staff_claims("2026010", "ADM", "admin")


# ------------------------------------------------------------------------------------------------ the real directory
class Directory:
    """The directory API, and the hand-over of its outbox to mileage's directory-event consumer (what the relay, the
    bus and the queue do in the deployed stack)."""

    def __init__(self) -> None:
        self.delivered: set[str] = set()

    @staticmethod
    def call(method: str, path: str, **kwargs) -> tuple[int, dict]:
        return call_api("directory", method, path, claims=ADMIN, **kwargs)

    def import_staff(self, text: str, **query: str) -> dict:
        status, body = self.call("POST", "/directory/imports", query={"kind": "staff", **query},
                                 raw_body=text.encode(), headers={"content-type": "text/csv"})
        assert status == 200, body
        return body

    def deliver(self) -> list[EventEnvelope]:
        """Every directory event not yet delivered, through mileage's consumer."""
        fresh = sorted((e for e in outbox("directory") if e.id not in self.delivered), key=lambda e: e.occurred_at)
        if fresh:
            assert project(*fresh) == {"batchItemFailures": []}
        self.delivered.update(e.id for e in fresh)
        return fresh


def demo_file(name: str) -> bytes:
    return (Path(__file__).resolve().parents[3] / "infra" / "demo" / name).read_bytes()


@pytest.fixture
def county(stack):
    """The demo roster imported into the directory, its events delivered to mileage."""
    from moto.dynamodb.models import dynamodb_backends

    dynamodb_backends["123456789012"]["ap-northeast-2"].tables[stack.physical("MileageTable")].stream_shard = None
    directory = Directory()
    for kind, name in (("departments", "departments.csv"), ("staff", "staff.csv")):
        status, body = directory.call("POST", "/directory/imports", query={"kind": kind}, raw_body=demo_file(name),
                                      headers={"content-type": "text/csv"})
        assert status == 200, body
    directory.deliver()
    return directory


def mileage(method: str, path: str, who: dict, body: dict | None = None, **kwargs) -> tuple[int, dict]:
    return call_api("mileage", method, path, claims=who, body=body, **kwargs)


def grant(who: dict, employee_no: str, title: str) -> tuple[int, dict]:
    body = {"item_code": "PROCESS", "points": 2, "act_title": title, "act_date": YESTERDAY,
            "recipients": [{"employee_no": employee_no}]}
    return mileage("POST", "/mileage/grants", who, body)


def test_a_head_moved_by_the_directory_no_longer_grants_with_a_token_from_before(county):
    fin_head = staff_claims("2026011", "FIN", "dept_head")  # issued while 2026011 headed FIN
    assert grant(fin_head, "2026013", "이동 전 부여")[0] == 201

    # When the directory moves 2026011 to CON and its event reaches mileage
    county.import_staff("사번,성명,부서코드,직급,고용형태,팀장여부,역할\n2026011,한미경,CON,5,일반직,N,\n",
                        mode="partial")
    moved = [e for e in county.deliver() if e.data["employee_no"] == "2026011"]
    assert [(e.detail_type, e.data["department"]) for e in moved] == [("EmployeeChanged", "CON")]

    # Then the token from before the move grants to FIN no more, nor asks for an evidence upload
    status, body = grant(fin_head, "2026014", "이동 후 부여")
    assert (status, body["code"]) == (403, "NOT_CURRENT_HEAD")
    status, body = mileage("POST", "/mileage/evidence-uploads", fin_head, {"file_name": "a.pdf"})
    assert (status, body["code"]) == (403, "NOT_CURRENT_HEAD")


def test_a_leaver_and_a_revoked_auditor_no_longer_decide_with_a_token_from_before(county):
    fin_head = staff_claims("2026011", "FIN", "dept_head")
    grants = [grant(fin_head, "2026013", f"행위 {n}")[1]["grants"][0]["grant_id"] for n in range(2)]
    leaver, revoked = staff_claims("2026003", "AUD", "audit"), staff_claims("2026004", "AUD", "audit")

    # When 2026003 leaves (the staff file without them) and the administrator takes audit from 2026004
    lines = demo_file("staff.csv").decode().splitlines()
    summary = county.import_staff("\n".join(line for line in lines if not line.startswith("2026003,")) + "\n")
    assert summary["left"] == 1
    status, body = county.call("PUT", "/directory/staff/2026004/roles", body={"roles": [], "reason": "감사 업무 종료"})
    assert status == 200, body
    county.deliver()

    # Then their old tokens decide nothing; an auditor in office still does
    status, body = mileage("POST", f"/mileage/grants/{grants[0]}/approve", leaver)
    assert (status, body["code"]) == (403, "NOT_ACTIVE")
    status, body = mileage("POST", f"/mileage/grants/{grants[0]}/approve", revoked)
    assert (status, body["code"]) == (403, "ROLE_NOT_CURRENT")
    status, body = mileage("POST", "/mileage/approvals", leaver, {"grant_ids": grants, "decision": "approve"})
    assert (status, body["code"]) == (403, "NOT_ACTIVE")
    assert mileage("POST", f"/mileage/grants/{grants[0]}/approve", staff_claims("2026002", "AUD", "audit"))[0] == 200


# ------------------------------------------------------------------------------------------------ every write
def test_every_privileged_write_refuses_a_token_older_than_the_projection(api, deputies_allowed):
    """H1 moved out of FIN, A1 left, P1 lost the panel role, E1 left: their tokens still say otherwise."""
    assert api("PUT", "/mileage/departments/FIN/deputy", "H1", {"employee_no": "E2", "start": TODAY,
                                                                "end": TODAY})[0] == 200
    submitted = api.granted()["grant_id"]
    approved = api.granted(act_title="승인된 행위", points=5)["grant_id"]
    assert api.approve(approved)[0] == 200
    feed(consulting("E1", "C-9"))
    proposal = api("GET", "/mileage/proposals", "H1")[1]["items"][0]["proposal_id"]

    project(directory_event("EmployeeChanged", "H1", department="TAX", roles=["staff"]),
            directory_event("EmployeeLeft", "A1"), directory_event("EmployeeChanged", "P1", roles=["staff"]),
            directory_event("EmployeeLeft", "E1"))

    refused = {
        "grant": api.grant("H1", recipients=[{"employee_no": "E2"}], act_title="새 행위"),
        "evidence": api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "a.pdf"}),
        "designate": api("PUT", "/mileage/departments/FIN/deputy", "H1", {"employee_no": "E2", "start": TODAY,
                                                                         "end": TODAY}),
        "remove deputy": api("DELETE", "/mileage/departments/FIN/deputy", "H1"),
        "confirm": api("POST", f"/mileage/proposals/{proposal}/confirm", "H1", {"evidence_links": EVIDENCE}),
        "dismiss": api("POST", f"/mileage/proposals/{proposal}/dismiss", "H1", {"reason": "중복"}),
        "approve": api.approve(submitted, "A1"),
        "reject": api("POST", f"/mileage/grants/{submitted}/reject", "A1", {"reason": "증빙 부족"}),
        "bulk": api("POST", "/mileage/approvals", "A1", {"grant_ids": [submitted], "decision": "approve"}),
        "reverse": api("POST", f"/mileage/grants/{approved}/reverse", "A1", {"reason": "정정"}),
        "reverse (panel)": api("POST", f"/mileage/grants/{approved}/reverse", "P1", {"reason": "정정"}),
        "redeem": api("POST", "/mileage/redemptions", "E1", {"reward_code": "COFFEE"},
                      headers={"Idempotency-Key": "stale"}),
    }
    assert {name: (status, body["code"]) for name, (status, body) in refused.items()} == {
        "grant": (403, "NOT_CURRENT_HEAD"), "evidence": (403, "NOT_CURRENT_HEAD"),
        "designate": (403, "NOT_CURRENT_HEAD"), "remove deputy": (403, "NOT_CURRENT_HEAD"),
        "confirm": (403, "NOT_CURRENT_HEAD"), "dismiss": (403, "NOT_CURRENT_HEAD"),
        "approve": (403, "NOT_ACTIVE"), "reject": (403, "NOT_ACTIVE"), "bulk": (403, "NOT_ACTIVE"),
        "reverse": (403, "NOT_ACTIVE"), "reverse (panel)": (403, "ROLE_NOT_CURRENT"), "redeem": (403, "NOT_ACTIVE"),
    }
    # nothing moved: the grant still waits, the approved one stands, the deputy and the draft are as they were
    assert api("GET", f"/mileage/grants/{submitted}", "A2")[1]["status"] == "SUBMITTED"
    assert api("GET", f"/mileage/grants/{approved}", "A2")[1]["status"] == "APPROVED"
    assert api("GET", "/mileage/departments/FIN/deputy", "A2")[1]["employee_no"] == "E2"


def test_a_deputy_who_left_no_longer_grants(api, deputies_allowed):
    assert api("PUT", "/mileage/departments/FIN/deputy", "H1", {"employee_no": "E2", "start": TODAY,
                                                                "end": TODAY})[0] == 200
    assert api.grant("E2", recipients=[{"employee_no": "E1"}])[0] == 201
    project(directory_event("EmployeeLeft", "E2"))
    status, body = api.grant("E2", recipients=[{"employee_no": "E1"}], act_title="퇴직 후")
    assert (status, body["code"]) == (403, "NOT_ACTIVE")


def test_the_standing_is_read_with_what_the_route_reads_anyway(api):
    """No extra round trip: the caller's projection (and the department's head) come in the BatchGetItem that reads
    the recipients and their acts, or the grant being decided."""
    with recording() as calls:
        grant_id = api.granted()["grant_id"]
    # one read; the demo county routes own-office grants to the panel: one index query asks whether FIN is that office
    assert [op for _, op, _ in calls] == ["BatchGetItem", "Query", "TransactWriteItems"]
    keys = [k["pk"]["S"] for k in calls[0][2]["RequestItems"][next(iter(calls[0][2]["RequestItems"]))]["Keys"]]
    assert keys[:3] == ["STAFF#H1", "DEPT#FIN", "STAFF#E1"] and all(k.startswith("ACT#E1#") for k in keys[3:])

    with recording() as calls:
        assert api.approve(grant_id)[0] == 200
    assert [op for _, op, _ in calls] == ["BatchGetItem", "GetItem", "TransactWriteItems"]  # grant+caller, balance


def test_a_token_with_a_role_the_directory_never_gave_decides_nothing(api):
    grant_id = api.granted()["grant_id"]
    forged_in_time = staff_claims("E2", "FIN", "audit")  # E2 holds no audit role in the directory
    status, body = api("POST", f"/mileage/grants/{grant_id}/approve", forged_in_time)
    assert (status, body["code"]) == (403, "ROLE_NOT_CURRENT")
    assert claims("A1")  # the real auditor's token still works
    assert api.approve(grant_id)[0] == 200
