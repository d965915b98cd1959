"""Mileage catching up with the seeds (issue #10 §3): a passive-administration deduction drafted from the complaints
area goes to the office mapped to `mileage.deductions` (the audit office), never to the official's own head; grants
are refused outside the county's participation phases."""

from __future__ import annotations

from datetime import timedelta

from common.clock import today
from common.events import new_event
from mileage.storage.proposals import get_proposal
from tests.builders import demo_county_with
from tests.integration.mileage.test_proposals import drafts, feed

EVIDENCE = ["https://complaints.example.go.kr/cases/P-1"]


def passive_case(employee_no: str, case_id: str = "P-1"):
    return new_event("complaints", "PassiveAdministrationConfirmed", {"case_id": case_id, "employee_no": employee_no})


def test_a_deduction_draft_goes_to_the_audit_office_not_to_the_officials_head(api):
    assert feed(passive_case("E1")) == {"batchItemFailures": []}

    # the head of E1's department neither sees it nor can act on it
    assert drafts("H1", api) == []
    [draft] = drafts("A1", api, queue="deductions")
    assert (draft["employee_no"], draft["department"], draft["item_code"], draft["points"]) == (
        "E1", "FIN", "PASSIVE", -5)
    path = f"/mileage/proposals/{draft['proposal_id']}"
    status, body = api("POST", f"{path}/confirm", "H1", {"evidence_links": EVIDENCE})
    assert (status, body["code"]) == (403, "ROLE_REQUIRED")
    assert api("POST", f"{path}/dismiss", "H1", {"reason": "부서에서 기각"})[0] == 403
    assert api("GET", "/mileage/proposals", "H1", query={"queue": "deductions"})[0] == 403

    # the audit office confirms it: a SUBMITTED deduction granted by the office, which another auditor approves
    status, body = api("POST", f"{path}/confirm", "A1", {"evidence_links": EVIDENCE})
    assert status == 200, body
    grant = body["grant"]
    assert (grant["status"], grant["points"], grant["granted_as"], grant["grantor"], grant["department"]) == (
        "SUBMITTED", -5, "office", "A1", "FIN")
    assert get_proposal(draft["proposal_id"]).status == "CONFIRMED"
    assert api.approve(grant["grant_id"], "A1")[1]["code"] == "OWN_GRANT"  # not by the one who confirmed it
    assert api.approve(grant["grant_id"], "A2")[0] == 200
    assert api.balance()["balance"] == -5


def test_nobody_confirms_a_deduction_about_themself(api):
    feed(passive_case("A2", "P-2"))
    [draft] = drafts("A1", api, queue="deductions")
    status, body = api("POST", f"/mileage/proposals/{draft['proposal_id']}/dismiss", "A2", {"reason": "본인 건"})
    assert (status, body["code"]) == (403, "OWN_EARNING")
    status, body = api("POST", f"/mileage/proposals/{draft['proposal_id']}/dismiss", "A1", {"reason": "사실 아님"})
    assert status == 200 and body["status"] == "DISMISSED"


def test_where_the_dedicated_unit_approves_the_audit_office_still_confirms_deductions(api, tmp_path, monkeypatch):
    with demo_county_with(tmp_path, monkeypatch, "    mileage.approver: audit", "    mileage.approver: aa_unit"):
        monkeypatch.setattr(api, "approver", "U1")
        feed(passive_case("E2", "P-3"))
        assert api("GET", "/mileage/proposals", "U1", query={"queue": "deductions"})[0] == 403
        [draft] = drafts("A1", api, queue="deductions")
        status, body = api("POST", f"/mileage/proposals/{draft['proposal_id']}/confirm", "A1",
                           {"evidence_links": EVIDENCE})
        assert status == 200, body
        assert api.approve(body["grant"]["grant_id"], "A2")[0] == 403  # approving is the unit's here
        assert api.approve(body["grant"]["grant_id"])[0] == 200


def test_grants_follow_the_participation_phases(api, tmp_path, monkeypatch):
    from mileage.rules import policy

    start = today() - timedelta(days=30)
    everyone = today() - timedelta(days=10)
    phases = (f"    - {{ starts: {start.isoformat()}, departments: [AUD] }}\n"
              f"    - {{ starts: {everyone.isoformat()} }}\n")
    line = ("    - { starts: 2026-01-01, departments: [AUD, ADM, FIN, CON, WEL] }   # 본청 first\n"
            "    - { starts: 2026-07-01 }                                            # then every department, 읍면 "
            "included\n")
    with demo_county_with(tmp_path, monkeypatch, line, phases, policy._cached_policy):
        status, body = api.grant(act_date=(start - timedelta(days=1)).isoformat(), item_code="PROCESS", points=2)
        assert (status, body["code"]) == (422, "BEFORE_START")
        assert body["details"]["starts"] == start.isoformat()

        status, body = api.grant(act_date=(start + timedelta(days=1)).isoformat(), item_code="PROCESS", points=2)
        assert (status, body["code"]) == (422, "NOT_PARTICIPATING")
        assert body["details"] == {"department": "FIN", "act_date": (start + timedelta(days=1)).isoformat(),
                                   "phase_starts": start.isoformat()}

        status, body = api.grant(act_date=everyone.isoformat(), item_code="PROCESS", points=2)
        assert status == 201, body
