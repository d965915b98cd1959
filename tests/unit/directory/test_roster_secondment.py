"""The roster's 파견원소속 column (a seconded official's home body, 운영규정 §20): read, shown as a change in the
import's preview like any other field, published on the employee's event; a file without the column keeps it."""

from __future__ import annotations

from dataclasses import replace

from contracts.directory import EmployeeChanged, EmployeeJoined
from directory.rules.roster import parse_staff
from tests.unit.directory.examples import KIM, SEO, TYPES, plan, published

HEADER = "사번,성명,부서코드,직급,고용형태,파견원소속\n"


def test_the_column_is_read_and_a_blank_cell_is_the_countys_own():
    parsed, problems = parse_staff((HEADER + "2026013,서지원,FIN,8,일반직,강원특별자치도\n"
                                    "2026011,한미경,FIN,5,일반직,\n").encode(), employment_types=TYPES)
    assert problems == []
    assert [(r.seconded_from, r.has_seconded_from) for r in parsed] == [("강원특별자치도", True), (None, True)]
    too_long = parse_staff((HEADER + f"2026013,서지원,FIN,8,일반직,{'가' * 51}\n").encode(), employment_types=TYPES)[1]
    assert [p.column for p in too_long] == ["파견원소속"]


def test_a_secondment_is_a_change_in_the_preview_and_on_the_event():
    result = plan(HEADER + "2026011,한미경,FIN,5,일반직,\n2026013,서지원,FIN,8,일반직,강원특별자치도\n")

    (change,) = [u.staff[0] for u in result.units]
    assert (change.after.employee_no, change.changed, result.changed) == ("2026013", ("seconded_from",), 1)
    assert change.history() == {"seconded_from": {"from": None, "to": "강원특별자치도"}}
    kind, data = published(change.event())
    assert (kind, data["seconded_from"], data["changed"]) == ("EmployeeChanged", "강원특별자치도", ["seconded_from"])


def test_a_file_without_the_column_keeps_the_home_body_and_a_blank_cell_ends_it():
    seconded = replace(SEO, seconded_from="강원특별자치도")
    kept = plan("사번,성명,부서코드,직급,고용형태\n2026011,한미경,FIN,5,일반직\n2026013,서지원,FIN,8,일반직\n",
                staff=(KIM, seconded))
    assert (kept.unchanged, kept.units) == (2, [])
    ended = plan(HEADER + "2026011,한미경,FIN,5,일반직,\n2026013,서지원,FIN,8,일반직,\n", staff=(KIM, seconded))
    assert [(u.staff[0].after.seconded_from, u.staff[0].changed) for u in ended.units] == [(None, ("seconded_from",))]


def test_an_event_from_before_the_column_still_parses():
    old = {"employee_no": "2026013", "department": "FIN", "roles": ["staff"], "active": True, "grade": 8,
           "employment_type": "일반직", "team_leader": False, "version": 1}
    assert EmployeeJoined(**old).seconded_from is None
    assert EmployeeChanged(**old, changed=["grade"]).seconded_from is None
