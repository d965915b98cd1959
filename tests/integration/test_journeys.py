"""A county's year across the areas, over HTTP as deployed: the local stack (moto server, the real handlers behind
the gateway and its JWT authorizers, demo staff and residents signed in with real tokens) and every event delivered
along the deployed path (table stream → relay → bus → rule → queue → consumer). Nothing is called in-process and no
event is built by hand: each area learns what it needs only from the others' events.

1. The dedicated unit opens a selection cycle; its criteria go to the committee as an item (selection → committee),
   which sits, votes and resolves (committee → selection): only then does the cycle open.
2. A department head and a resident nominate.
3. A resident reports passive administration by one of the nominees; the audit office decides a caution
   (complaints → selection: the nominee is excluded at review; complaints → mileage: a deduction drafted for the
   audit office, never for the official's own head).
4. Heads and residents vote; the shortlist goes to the committee (selection → committee), whose member from a
   candidate's department is recused by the system; the resolution picks the tiers (committee → selection).
5. Each awardee is published (selection → mileage: a bonus drafted for the awardee's head).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import date
from typing import Any

import pytest

from tests.builders import local_token, running_local

pytestmark = pytest.mark.http

UNIT = "2026003"  # 박민호: the dedicated unit and the committee's secretary (aa_unit, committee_secretary)
AUDIT = "2026002"  # 이수진: the audit office (complaints' intake and investigation; mileage's deductions)
CHAIR = "2026001"  # 김정훈: audit head, ex-officio member: chairs the sittings here
MEMBERS = ("2026016", "2026021")  # the heads of CON and WEL, ex-officio members
FIN_HEAD, CON_HEAD, WEL_HEAD = "2026011", "2026016", "2026021"
NOMINEE = "2026012"  # 오세훈, FIN
REPORTED = "2026013"  # 서지원, FIN: nominated, then reported and cautioned
RESIDENTS_PICK = "2026023"  # 문소영, WEL: nominated by a resident


class Journey:
    def __init__(self, local: Any):
        self.local = local
        self.tokens: dict[str, str] = {}

    def token(self, who: str) -> str:
        if who not in self.tokens:
            if who == "resident":
                from devstack.demo import DEMO_PASSWORD
                from devstack.residents import resident_sign_in

                self.tokens[who] = resident_sign_in(self.local.stack, self.local.residents[0],
                                                    DEMO_PASSWORD)["IdToken"]
            else:
                self.tokens[who] = local_token(self.local, who)
        return self.tokens[who]

    def __call__(self, method: str, path: str, who: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.local.gateway.url + path, method=method, data=data)
        request.add_header("Authorization", f"Bearer {self.token(who)}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                raw, status = response.read(), response.status
        except urllib.error.HTTPError as error:
            raw, status = error.read(), error.code
        return status, json.loads(raw) if raw else None

    def ok(self, method: str, path: str, who: str, body: Any = None, status: int = 200) -> Any:
        got, answer = self(method, path, who, body)
        assert got == status, (method, path, who, got, answer)
        return answer

    def deliver(self) -> None:
        """Every pending event along the deployed path, to every consumer, until nothing moves."""
        self.local.pump.drain(timeout=120)

    def committee_decides(self, origin_case_id: str, votes: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """The secretary puts the item that arrived for `origin_case_id` on an ad hoc meeting the chair opens; the
        members present declare and vote (`votes`: employee no. → vote body; `refused`: the code expected instead);
        the secretary records the resolution. The item as the secretary then sees it."""
        items = self.ok("GET", "/committee/items", UNIT)["items"]
        [item] = [i for i in items if i["origin_case_id"] == origin_case_id and i["status"] == "OPEN"]
        sitting = [f"EMP-{no}" for no in (CHAIR, *MEMBERS)]
        meeting = self.ok("POST", "/committee/meetings", UNIT, {
            "kind": "ad_hoc", "title": f"수시회의 {item['title']}", "held_on": date.today().isoformat(),
            "chair_id": sitting[0], "designated": sitting[1:]}, status=201)
        path = f"/committee/meetings/{meeting['meeting_id']}"
        self.ok("PUT", f"{path}/items/{item['item_id']}", UNIT)
        self.ok("POST", f"{path}/opening", CHAIR)
        self.ok("PUT", f"{path}/attendance", UNIT, {"present": sitting})
        for member, vote in votes.items():
            self.ok("POST", f"/committee/items/{item['item_id']}/declarations", member, {}, status=201)
            refused = vote.pop("refused", None)
            status, answer = self("POST", f"/committee/items/{item['item_id']}/votes", member, vote)
            assert (status, answer.get("code")) == ((422, refused) if refused else (201, None)), answer
        self.ok("POST", f"/committee/items/{item['item_id']}/resolution", UNIT)
        self.ok("POST", f"{path}/closing", CHAIR)
        return self.ok("GET", f"/committee/items/{item['item_id']}", UNIT)


@pytest.fixture(scope="module")
def journey():
    with running_local(drain=True) as local:
        yield Journey(local)


def test_a_selection_year_with_a_passive_administration_case_across_every_area(journey):
    j = journey
    # 1. the cycle's criteria are the committee's to resolve before the cycle opens
    cycle = j.ok("POST", "/selection/cycles", UNIT, {"year": 2026, "code": "H2", "reason": "시범 운영"}, status=201)
    cycle_path = f"/selection/cycles/{cycle['cycle_id']}"
    status, refused = j("POST", f"{cycle_path}/phase", UNIT, {"to": "NOMINATION", "reason": "시작"})
    assert status in (409, 422), refused
    criteria = j.ok("GET", cycle_path, UNIT)["criteria_item"]
    assert criteria
    j.deliver()
    decided = j.committee_decides(criteria, {no: {"choice": "for"} for no in (CHAIR, *MEMBERS)})
    assert (decided["status"], decided["outcome"]) == ("RESOLVED", "passed")
    j.deliver()
    assert j.ok("GET", cycle_path, UNIT)["criteria_outcome"] == "passed"
    j.ok("POST", f"{cycle_path}/phase", UNIT, {"to": "NOMINATION", "reason": "기준 의결"})

    # 2. a department head nominates two of their staff, a resident one official
    case = {"criterion": "regulation", "case_title": "인허가 절차 간소화",
            "achievement": "인허가 처리 기간을 30일에서 12일로 줄였습니다.", "channel": "department"}
    for no, name in ((NOMINEE, "오세훈"), (REPORTED, "서지원")):
        j.ok("POST", f"{cycle_path}/nominations", FIN_HEAD, {**case, "employee_no": no, "nominee_name": name},
             status=201)
    j.ok("POST", f"/selection/resident/cycles/{cycle['cycle_id']}/nominations", "resident",
         {"employee_no": RESIDENTS_PICK, "nominee_name": "문소영", "criterion": "service",
          "case_title": "복지 상담 방문 서비스", "achievement": "거동이 불편한 주민을 찾아가 상담했습니다."},
         status=201)

    # 3. a resident reports one nominee's passive administration; the audit office cautions them
    receipt = j.ok("POST", "/complaints/resident", "resident", {
        "what": "건축 허가 신청을 석 달째 이유 없이 처리하지 않고 있습니다.", "happened_on": "2026-11-02",
        "place": "재무과 민원창구", "department": "FIN", "official": REPORTED, "harm": "공사 지연으로 임대료 손실",
        "reporter": {"name": "김신고", "email": "reporter.kim@example.com", "phone": "010-9876-5432"}}, status=201)
    assert receipt["receipt_no"] and receipt["secret"]
    [found] = [c for c in j.ok("GET", "/complaints/cases", AUDIT)["items"] if c["official"] == REPORTED]
    case_path = f"/complaints/cases/{found['case_id']}"
    j.ok("POST", f"{case_path}/acknowledgement", AUDIT, {"petition_type": "grievance"})
    j.ok("POST", f"{case_path}/classification", AUDIT, {"passive": True, "passive_type": "neglect",
                                                        "reason": "정당한 사유 없는 처리 지연", "harm": "임대료 손실"})
    j.ok("POST", f"{case_path}/decision", AUDIT, {
        "findings": "접수 후 90일 동안 검토 기록 없음", "result": "담당자에게 주의 조치했습니다.",
        "handler": {"name": "감사 담당 이수진", "contact": "041-830-2002"},
        "measures": [{"employee_no": REPORTED, "department": "FIN", "measure": "caution"}]})
    j.deliver()

    # … mileage drafts the deduction for the audit office, not for the official's own head
    deductions = j.ok("GET", "/mileage/proposals?queue=deductions", AUDIT)["items"]
    assert [(p["employee_no"], p["points"]) for p in deductions] == [(REPORTED, -5)]
    assert all(p["employee_no"] != REPORTED for p in j.ok("GET", "/mileage/proposals", FIN_HEAD)["items"])
    # … and selection's review shows the nominee excluded with the case's reason
    j.ok("POST", f"{cycle_path}/phase", UNIT, {"to": "REVIEW", "reason": "추천 마감"})
    preview = {c["employee_no"]: c for c in j.ok("GET", f"{cycle_path}/candidates", UNIT)["candidates"]}
    assert preview[REPORTED]["excluded"] and not preview[NOMINEE]["excluded"]

    # 4. the vote: heads (not their own department's) and a resident; the shortlist goes to the committee
    j.ok("POST", f"{cycle_path}/phase", UNIT, {"to": "VOTING", "reason": "예비심사 완료"})
    final = {c["employee_no"] for c in j.ok("GET", f"{cycle_path}/candidates", UNIT)["candidates"]}
    assert final == {NOMINEE, RESIDENTS_PICK}
    j.ok("POST", f"{cycle_path}/ballots", CON_HEAD, {"choices": [NOMINEE, RESIDENTS_PICK]}, status=201)
    j.ok("POST", f"{cycle_path}/ballots", WEL_HEAD, {"choices": [NOMINEE]}, status=201)
    # the county asks a voter for a verified phone (residents.ballot); the demo resident signed in by email only
    status, refused = j("POST", f"/selection/resident/cycles/{cycle['cycle_id']}/ballots", "resident",
                        {"choices": [RESIDENTS_PICK]})
    assert (status, refused["code"]) == (403, "VERIFICATION_REQUIRED")
    status, again = j("POST", f"{cycle_path}/ballots", CON_HEAD, {"choices": [NOMINEE]})
    assert status == 409, again
    j.ok("POST", f"{cycle_path}/phase", UNIT, {"to": "COMMITTEE", "reason": "투표 마감"})
    j.deliver()

    # the WEL head sits on the committee and a candidate is from WEL: recused by the system, their vote refused
    picks = {NOMINEE: "grand", RESIDENTS_PICK: "excellent"}
    decided = j.committee_decides(f"{cycle['cycle_id']}:selection", {  # the cycle's selection item
        CHAIR: {"choices": picks}, MEMBERS[0]: {"choices": picks},
        MEMBERS[1]: {"choices": picks, "refused": "MEMBER_RECUSED"}})
    assert decided["status"] == "RESOLVED"
    j.deliver()

    # 5. the awardees with their tiers, each published: mileage drafts the bonus for the awardee's own head
    awardees = {a["employee_no"]: a["tier"] for a in j.ok("GET", f"{cycle_path}/awardees", UNIT)["awardees"]}
    assert awardees == picks
    fin = [(p["employee_no"], p["item_code"]) for p in j.ok("GET", "/mileage/proposals", FIN_HEAD)["items"]]
    wel = [(p["employee_no"], p["item_code"]) for p in j.ok("GET", "/mileage/proposals", WEL_HEAD)["items"]]
    assert (fin, wel) == ([(NOMINEE, "BEST_CASE")], [(RESIDENTS_PICK, "BEST_CASE")])
