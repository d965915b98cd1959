"""Deputy grantors (직무대리): designated by the department's head for a date range, granting like the head while the
range holds and the county allows deputies; ignored where it does not."""

from __future__ import annotations

from datetime import timedelta

from bench.recorder import recording
from common.clock import today
from tests.builders import resident_claims

PATH = "/mileage/departments/FIN/deputy"
TODAY = today().isoformat()


def designate(api, employee_no: str, start: str = TODAY, end: str = TODAY, who="H1"):
    return api("PUT", PATH, who, {"employee_no": employee_no, "start": start, "end": end})


def test_only_the_departments_head_designates_and_removes_and_audit_also_reads(api, deputies_allowed):
    for who in ("H2", "E1", "A1", "P1", "R1", resident_claims()):  # other dept's head, staff, audit, panel, hr
        assert designate(api, "E2", who=who)[0] == 403, who
        assert api("DELETE", PATH, who)[0] == 403, who
    for who in ("H2", "E1", "P1", "R1", resident_claims()):
        assert api("GET", PATH, who)[0] == 403, who
    for method in ("PUT", "GET", "DELETE"):
        body = {"employee_no": "E2", "start": TODAY, "end": TODAY} if method == "PUT" else None
        assert api(method, PATH, None, body)[0] == 401, method
    assert api("GET", PATH, "H1")[1]["code"] == "DEPUTY_NOT_FOUND"

    status, body = designate(api, "E1")
    assert (status, body["employee_no"], body["designated_by"], body["in_effect"]) == (200, "E1", "H1", True)
    status, body = designate(api, "E2", end=(today() + timedelta(days=7)).isoformat())  # replaces E1
    assert status == 200
    for who in ("H1", "A1"):
        status, body = api("GET", PATH, who)
        assert (status, body["employee_no"], body["start"], body["in_effect"]) == (200, "E2", TODAY, True), who
    assert api("DELETE", PATH, "H1")[0] == 204
    assert api("GET", PATH, "A1")[0] == 404


def test_the_deputy_must_be_an_active_member_and_the_range_forwards(api, deputies_allowed):
    from tests.integration.mileage.conftest import directory_event, project

    yesterday = (today() - timedelta(days=1)).isoformat()
    assert designate(api, "E1", end=yesterday)[1]["code"] == "INVALID_RANGE"
    assert designate(api, "H1")[1]["code"] == "SELF_DEPUTY"
    project(directory_event("EmployeeLeft", "E3"))
    for number in ("T1", "NEW9", "E3"):  # another department; not synchronised; left
        status, body = designate(api, number)
        assert (status, body["code"]) == (422, "NOT_A_MEMBER"), number


def test_a_deputy_grants_like_the_head_within_the_range(api, deputies_allowed):
    assert api.grant("E2")[1]["code"] == "ROLE_REQUIRED"  # not (yet) a deputy
    assert designate(api, "E2")[0] == 200
    with recording() as calls:
        grant = api.granted("E2", recipients=[{"employee_no": "E1"}])
    assert (grant["granted_as"], grant["grantor"], grant["department"]) == ("deputy", "E2", "FIN")
    gets = [p["Key"]["pk"]["S"] for _, op, p in calls if op == "GetItem"]
    assert gets.count("DEPUTY#FIN") == 1
    assert api("GET", f"/mileage/grants/{grant['grant_id']}", "A1")[1]["granted_as"] == "deputy"

    assert api.grant("E2", recipients=[{"employee_no": "E2"}], act_title="본인")[1]["code"] == "SELF_GRANT"
    assert api.grant("E2", recipients=[{"employee_no": "T1"}], act_title="타 부서")[1]["code"] == "OTHER_DEPARTMENT"
    assert api.grant("E2", recipients=[{"employee_no": "E3"}], act_title="5급")[1]["code"] == "NOT_ELIGIBLE"
    assert api.grant("E2", points=11, act_title="범위 밖")[1]["code"] == "POINTS_OUT_OF_RANGE"
    assert api.grant("E2", act_title="민원 처리 절차 간소화")[1]["code"] == "DUPLICATE_ACT"  # same act as above
    assert api.grant("E1")[1]["code"] == "ROLE_REQUIRED"  # another member is not the deputy
    assert api.grant("T1")[1]["code"] == "ROLE_REQUIRED"  # nor is another department's member
    status, upload = api("POST", "/mileage/evidence-uploads", "E2", {"file_name": "a.pdf"})
    assert status == 201 and upload["key"].startswith("evidence/FIN/")

    with recording() as calls:  # the head: no deputy lookup, recorded as the head's
        head = api.granted("H1", recipients=[{"employee_no": "E2"}], act_title="부서장 부여")
    assert head["granted_as"] == "head"
    assert not [p for _, op, p in calls if op == "GetItem" and p["Key"]["pk"]["S"].startswith("DEPUTY#")]

    tomorrow = (today() + timedelta(days=1)).isoformat()
    assert designate(api, "E2", start=tomorrow, end=tomorrow)[0] == 200  # not yet in effect
    assert api.grant("E2", act_title="내일부터")[1]["code"] == "ROLE_REQUIRED"


def test_where_the_county_does_not_allow_deputies_none_is_designated_and_a_stored_one_is_ignored(api):
    from mileage.storage.deputies import save_deputy
    from mileage.storage.items import Deputy

    status, body = designate(api, "E2")
    assert (status, body["code"]) == (422, "DEPUTIES_NOT_ALLOWED")
    assert designate(api, "E2", who="H2")[0] == 403  # the role still comes first
    save_deputy(Deputy(Deputy.key("FIN"), "META", department="FIN", employee_no="E2", start=TODAY,
                                 end=TODAY, designated_by="H1", designated_at=TODAY))
    with recording() as calls:
        assert api.grant("E2")[1]["code"] == "ROLE_REQUIRED"
    assert not [op for _, op, _ in calls if op == "GetItem"]
    assert api("GET", PATH, "A1")[1]["in_effect"] is False
