"""Roster import through the API: the demo roster, all-or-nothing refusal, repeats, leavers, outbox events."""

from __future__ import annotations

import io

from common.offices import Duty
from tests.integration.directory.conftest import ADMIN, HR, body_text, demo_file, events_of

DEMO_HEADS = {"AUD": "2026001", "ADM": "2026006", "FIN": "2026011", "CON": "2026016", "WEL": "2026021",
              "EUP": "2026026"}


def staff_csv(*rows: str) -> str:
    return "사번,성명,부서코드,직급,고용형태,팀장여부,역할\n" + "\n".join(rows) + "\n"


def test_the_demo_roster_loads_departments_then_staff(directory):
    # Given an empty directory
    # When the departments file and then the staff file are imported
    status, departments = directory.import_file(demo_file("departments.csv"), "departments")
    assert status == 200
    assert departments | {"import_id": "x", "warnings": []} == {
        "import_id": "x", "kind": "departments", "mode": "full", "dry_run": False, "created": 6, "changed": 0,
        "unchanged": 0, "left": 0, "repeated": False, "imported_at": departments["imported_at"], "leavers": [],
        "confirm_required": False, "warnings": []}
    # (no staff yet: every duty and statutory office is warned about, and the import goes ahead)
    assert {(w["code"], w["duty"] or w["office"]) for w in departments["warnings"]} == {
        *(("DUTY_UNHELD", duty.value) for duty in Duty), ("OFFICE_UNHELD", "aa_unit"), ("OFFICE_UNHELD", "aa_officer"),
        ("OFFICE_UNHELD", "protection_officer"), ("OFFICE_UNHELD", "audit_head")}
    assert ("DUTY_UNHELD", "mileage.approver") in {(w["code"], w["duty"]) for w in departments["warnings"]}
    status, staff = directory.import_file(demo_file("staff.csv"), "staff")
    assert status == 200
    assert (staff["created"], staff["changed"], staff["unchanged"], staff["left"]) == (31, 0, 0, 0)
    assert staff["warnings"] == []  # the demo roster fills every office

    # Then every employee has a Joined event in the outbox, heads with dept_head, and no personal data
    joined = events_of(directory.outbox(), "EmployeeJoined")
    assert len(joined) == 31
    for dept, head in DEMO_HEADS.items():
        assert joined[head].data["department"] == dept
        assert "dept_head" in joined[head].data["roles"]
    assert joined["2026013"].data == {"employee_no": "2026013", "department": "FIN", "roles": ["staff"],
                                      "active": True, "grade": 8, "employment_type": "일반직",
                                      "team_leader": False, "version": 1, "seconded_from": None}
    assert joined["2026001"].data["roles"] == ["staff", "aa_officer", "audit", "audit_head", "committee", "dept_head"]
    for envelope in joined.values():
        text = body_text(envelope)
        assert "김정훈" not in text and "041-830" not in text and "@demo.go.kr" not in text
    # and contacts are stored encrypted
    item = next(i for i in directory.staff_items() if i["employee_no"]["S"] == "2026001")
    assert "041-830-2001" not in item["phone"]["S"]


def test_a_cp949_file_with_one_bad_row_is_refused_and_nothing_is_written(directory):
    directory.import_file(demo_file("departments.csv"), "departments")
    data = staff_csv(
        "2026001,김정훈,AUD,5,일반직,N,audit",
        "2026002,이수진,AUD,6급,일반직,예,",
        "2026003,박민호,AUD,10급,일반직,아니오,",
        "2026004,최은영,AUD,,공무직,,",
    ).encode("cp949")

    status, body = directory.import_file(data, "staff")

    assert status == 400
    assert body["code"] == "ROSTER_INVALID"
    assert body["details"] == [{"row": 4, "column": "직급", "value": "10급", "reason": body["details"][0]["reason"]}]
    assert directory.staff_items() == []
    assert directory.outbox() == []


def test_every_problem_is_listed_at_once(directory):
    directory.import_file(demo_file("departments.csv"), "departments")
    data = staff_csv(
        "2026001,김정훈,XXX,5,일반직,N,",
        "2026001,김정훈,AUD,5,정규직,N,boss",
        ",이름만,AUD,5,일반직,N,",
    ).encode()

    status, body = directory.import_file(data, "staff")

    assert status == 400
    assert [(d["row"], d["column"]) for d in body["details"]] == [
        (2, "부서코드"), (3, "고용형태"), (3, "사번"), (3, "역할"), (4, "사번")]
    assert directory.staff_items() == []


def test_the_same_file_twice_changes_nothing_the_second_time(demo):
    before = (len(demo.outbox()), demo.query(KeyConditionExpression="pk = :p",
                                             ExpressionAttributeValues={":p": {"S": "EMP#2026013"}}))

    status, again = demo.import_file(demo_file("staff.csv"), "staff")

    assert status == 200
    assert again["repeated"] is True
    assert (again["created"], again["changed"], again["unchanged"], again["left"]) == (0, 0, 31, 0)
    # no writes: no event, the employee's items (record and history) exactly as they were
    assert (len(demo.outbox()), demo.query(KeyConditionExpression="pk = :p",
                                           ExpressionAttributeValues={":p": {"S": "EMP#2026013"}})) == before
    status, stored = demo.call("GET", f"/directory/imports/{again['import_id']}", claims=HR)
    assert status == 200
    assert stored["created"] == 31 and stored["repeated"] is False  # the record of the import that wrote


def test_an_earlier_file_imported_again_is_applied_again(demo):
    # Given the demo file A was imported, then B (2026013 promoted to grade 7)
    file_a = demo_file("staff.csv")
    file_b = file_a.decode().replace("2026013,서지원,FIN,8,", "2026013,서지원,FIN,7,").encode()
    status, b = demo.import_file(file_b, "staff")
    assert (status, b["changed"], b["repeated"]) == (200, 1, False)

    # When A is imported again
    status, again = demo.import_file(file_a, "staff")

    # Then A is applied again (not skipped as a repeat): the grade is back, with its history and event
    assert (status, again["changed"], again["unchanged"], again["repeated"]) == (200, 1, 30, False)
    assert demo.call("GET", "/directory/staff/2026013", claims=HR)[1]["grade"] == 8
    changed = [e for e in demo.outbox() if e.detail_type == "EmployeeChanged" and e.data["employee_no"] == "2026013"]
    assert [(e.data["grade"], e.data["version"]) for e in changed] == [(7, 2), (8, 3)]
    assert demo.call("GET", f"/directory/imports/{again['import_id']}", claims=HR)[1]["changed"] == 1


def test_a_full_file_without_an_employee_marks_them_left_with_history(demo):
    lines = demo_file("staff.csv").decode().splitlines()
    without = "\n".join(line for line in lines if not line.startswith("2026014,")) + "\n"

    status, summary = demo.import_file(without.encode(), "staff")

    assert status == 200
    assert (summary["created"], summary["changed"], summary["unchanged"], summary["left"]) == (0, 0, 30, 1)
    left = events_of(demo.outbox(), "EmployeeLeft")
    assert left["2026014"].data == {"employee_no": "2026014", "department": "FIN", "roles": ["staff"],
                                    "active": False, "version": 2, "changed": ["active"]}
    kinds = sorted(h["kind"]["S"] for h in demo.history("2026014"))
    assert kinds == ["joined", "left"]
    status, employee = demo.call("GET", "/directory/staff/2026014", claims=HR)
    assert employee["active"] is False

    # the same file in partial mode never marks anyone left
    status, partial = demo.import_file(staff_csv("2026013,서지원,FIN,7,일반직,N,").encode(), "staff", mode="partial")
    assert (partial["changed"], partial["left"]) == (1, 0)


def test_a_change_is_written_with_its_history_and_event(demo):
    status, summary = demo.import_file(staff_csv("2026013,서지원,CON,7,일반직,Y,panel").encode(), "staff",
                                       mode="partial")

    assert (status, summary["changed"]) == (200, 1)
    changed = events_of(demo.outbox(), "EmployeeChanged")["2026013"]
    assert changed.data == {"employee_no": "2026013", "department": "CON", "roles": ["staff", "panel"],
                            "active": True, "grade": 7, "employment_type": "일반직", "team_leader": True,
                            "version": 2, "seconded_from": None,
                            "changed": ["department", "grade", "team_leader", "roles"]}
    entry = next(h for h in demo.history("2026013") if h["kind"]["S"] == "changed")
    assert '"department": {"from": "FIN", "to": "CON"}' in entry["changes"]["S"]


def test_a_new_head_in_the_departments_file_moves_the_dept_head_role(demo):
    data = demo_file("departments.csv").decode().replace("FIN,재무과,기획행정국,본청,2026011",
                                                         "FIN,재무과,기획행정국,본청,2026012")

    status, summary = demo.import_file(data.encode(), "departments")

    assert (status, summary["changed"], summary["unchanged"]) == (200, 1, 5)
    changed = events_of(demo.outbox(), "EmployeeChanged")
    assert changed["2026012"].data["roles"] == ["staff", "dept_head"]
    assert changed["2026011"].data["roles"] == ["staff"]


def test_a_head_outside_the_department_is_refused(demo):
    data = demo_file("departments.csv").decode().replace("FIN,재무과,기획행정국,본청,2026011",
                                                         "FIN,재무과,기획행정국,본청,2026002")
    status, body = demo.import_file(data.encode(), "departments")
    assert status == 400
    assert body["details"][0]["row"] == 4 and body["details"][0]["column"] == "부서장사번"


def test_an_xlsx_upload_and_a_plain_text_body_both_work(directory):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in (["부서코드", "부서명", "국실", "구분"], ["AUD", "기획감사실", "기획행정국", "본청"]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    status, xlsx = directory.import_file(buffer.getvalue(), "departments", mode="partial")
    assert (status, xlsx["created"]) == (200, 1)

    text = "부서코드,부서명,국실,구분\nFIN,재무과,기획행정국,본청\n".encode()
    status, plain = directory.import_file(text, "departments", mode="partial", base64=False)
    assert (status, plain["created"]) == (200, 1)


def test_a_dry_run_counts_but_writes_nothing(directory):
    status, summary = directory.import_file(demo_file("departments.csv"), "departments", dry_run="true")
    assert (status, summary["dry_run"], summary["created"]) == (200, True, 6)
    status, listed = directory.call("GET", "/directory/departments", claims=ADMIN)
    assert listed["departments"] == []
    # and the real import afterwards is not mistaken for a repeat
    status, real = directory.import_file(demo_file("departments.csv"), "departments")
    assert (real["created"], real["repeated"]) == (6, False)


def test_only_an_administrators_import_may_change_roles(demo):
    hr_row = next(x for x in demo_file("staff.csv").decode().splitlines() if x.startswith("2026007,"))
    header = demo_file("staff.csv").decode().splitlines()[0]
    as_admin = hr_row.replace(",hr,", ",hr;admin,")
    before = len(demo.outbox())

    # HR making itself admin through the 역할 column (also as a dry run): refused whole, nothing written
    for dry_run in ("true", "false"):
        status, body = demo.import_file(f"{header}\n{as_admin}\n".encode(), "staff", claims=HR, mode="partial",
                                        dry_run=dry_run)
        assert (status, body["code"]) == (403, "ROLES_ADMIN_ONLY")
        assert [(d["row"], d["column"], d["value"]) for d in body["details"]] == [(2, "역할", "admin, hr")]
    # nor may HR bring in a new employee with a role
    status, body = demo.import_file(staff_csv("2026031,새직원,FIN,9,일반직,N,audit").encode(), "staff", claims=HR,
                                    mode="partial")
    assert (status, body["code"]) == (403, "ROLES_ADMIN_ONLY")
    assert demo.call("GET", "/directory/staff/2026007", claims=ADMIN)[1]["roles"] == ["staff", "hr"]
    assert len(demo.outbox()) == before

    # HR's files that leave roles as they are go through: the full demo file, a new employee without a role,
    # a file without the 역할 column
    assert demo.import_file(demo_file("staff.csv") + b"\n", "staff", claims=HR)[0] == 200
    assert demo.import_file(staff_csv("2026031,새직원,FIN,9,일반직,N,").encode(), "staff", claims=HR,
                            mode="partial")[1]["created"] == 1
    assert demo.import_file("사번,성명,부서코드,직급,고용형태\n2026013,서지원,FIN,7,일반직\n".encode(), "staff",
                            claims=HR, mode="partial")[1]["changed"] == 1

    # the administrator's import may
    status, body = demo.import_file(f"{header}\n{as_admin}\n".encode(), "staff", claims=ADMIN, mode="partial")
    assert (status, body["changed"]) == (200, 1)
    assert demo.call("GET", "/directory/staff/2026007", claims=ADMIN)[1]["roles"] == ["staff", "admin", "hr"]


def heads(demo) -> dict[str, str | None]:
    return {d["code"]: d["head_employee_no"] for d in demo.call("GET", "/directory/departments", claims=ADMIN)[1][
        "departments"]}


def test_a_departments_file_without_the_head_column_keeps_the_heads(demo):
    lines = demo_file("departments.csv").decode().splitlines()
    without_column = "\n".join(",".join(x.split(",")[:4]) for x in lines) + "\n"

    status, summary = demo.import_file(without_column.encode(), "departments")

    assert (status, summary["changed"], summary["unchanged"]) == (200, 0, 6)
    assert heads(demo) == DEMO_HEADS
    assert "dept_head" in demo.call("GET", "/directory/staff/2026011", claims=ADMIN)[1]["roles"]

    # a blank cell in the column clears that department's head (and the role)
    blank = demo_file("departments.csv").decode().replace("본청,2026011", "본청,")
    status, summary = demo.import_file(blank.encode(), "departments")
    assert (status, summary["changed"]) == (200, 1)
    assert heads(demo) == {**DEMO_HEADS, "FIN": None}
    assert events_of(demo.outbox(), "EmployeeChanged")["2026011"].data["roles"] == ["staff"]


def test_a_head_who_moves_stops_heading_the_old_department(demo):
    # When FIN's head 2026011 moves to CON
    status, summary = demo.import_file(staff_csv("2026011,한미경,CON,5,일반직,N,").encode(), "staff", mode="partial")
    assert (status, summary["changed"]) == (200, 1)

    # Then FIN has no head (with a history entry), 2026011 is no longer dept_head, and the event says so
    assert heads(demo) == {**DEMO_HEADS, "FIN": None}
    assert demo.call("GET", "/directory/staff/2026011", claims=ADMIN)[1]["roles"] == ["staff"]
    event = events_of(demo.outbox(), "EmployeeChanged")["2026011"]
    assert (event.data["department"], event.data["roles"], event.data["changed"]) == ("CON", ["staff"],
                                                                                       ["department", "roles"])
    history = demo.query(KeyConditionExpression="pk = :p AND begins_with(sk, :h)",
                         ExpressionAttributeValues={":p": {"S": "DEPT#FIN"}, ":h": {"S": "HIST#"}})
    assert sorted(h["kind"]["S"] for h in history) == ["changed", "created"]
    assert any('"head_employee_no": {"from": "2026011", "to": null}' in h["changes"]["S"] for h in history)

    # and the departments file is accepted again once it names FIN's new head (or leaves it blank);
    # the old file, naming a CON employee as FIN's head, is refused for that reason
    stale = demo_file("departments.csv")
    status, body = demo.import_file(stale, "departments")
    assert (status, body["details"][0]["reason"]) == (400, "부서장이 이 부서 소속이 아닙니다 (소속: CON).")
    updated = stale.decode().replace("FIN,재무과,기획행정국,본청,2026011", "FIN,재무과,기획행정국,본청,2026012")
    assert demo.import_file(updated.encode(), "departments")[0] == 200
    assert heads(demo)["FIN"] == "2026012"


def test_a_head_who_leaves_stops_heading(demo):
    lines = demo_file("staff.csv").decode().splitlines()

    status, summary = demo.import_file(("\n".join(x for x in lines if not x.startswith("2026011,")) + "\n").encode(),
                                       "staff")

    assert (status, summary["left"]) == (200, 1)
    assert heads(demo) == {**DEMO_HEADS, "FIN": None}
    leaver = demo.call("GET", "/directory/staff/2026011", claims=ADMIN)[1]
    assert (leaver["active"], leaver["roles"]) == (False, ["staff"])
    assert events_of(demo.outbox(), "EmployeeLeft")["2026011"].data["roles"] == ["staff"]
    # the unchanged departments file without the head column still imports
    without_column = "\n".join(",".join(x.split(",")[:4]) for x in demo_file("departments.csv").decode().splitlines())
    assert demo.import_file((without_column + "\n").encode(), "departments")[0] == 200


def test_employee_numbers_are_one_person_whatever_their_case(demo):
    header = "사번,성명,부서코드,직급,고용형태"
    status, body = demo.import_file(f"{header}\nab-1,가,FIN,9,일반직\nAB-1,나,FIN,9,일반직\n".encode(), "staff",
                                    mode="partial")
    assert (status, [(d["row"], d["column"], d["value"]) for d in body["details"]]) == (400, [(3, "사번", "AB-1")])

    status, body = demo.import_file(f"{header}\nab-1,가,FIN,9,일반직\n".encode(), "staff", mode="partial")
    assert (status, body["created"]) == (200, 1)
    assert events_of(demo.outbox(), "EmployeeJoined")["AB-1"].data["employee_no"] == "AB-1"
    assert demo.call("GET", "/directory/staff/ab-1", claims=ADMIN)[1]["employee_no"] == "AB-1"
